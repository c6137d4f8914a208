//! MySQL / MariaDB source: a snapshot consistent with a binlog position, then the binlog.
//!
//! * `table.rs` — the table model (Debezium's schema history `table` object).
//! * `ddl.rs` — DDL statements applied to the model (`SHOW CREATE TABLE`, binlog `QUERY` events).
//! * `history.rs` — schema history records and schema-change events in Debezium's format.
//! * `value.rs` — column values (text protocol and binlog) to Connect schemas and JSON.
//! * `client.rs` — connections, server facts, prerequisites and error mapping.
//! * `codec.rs` — per-table key/value schemas and row JSON, shared by snapshot and binlog.
//! * `gtid.rs` — GTID positions (MariaDB lists, MySQL sets) for the offset.
//! * `decode.rs` — binlog row images the binlog library cannot decode (`TIME(1)`/`TIME(2)`).
//! * `snapshot.rs` — the consistent initial read; `stream.rs` — the binlog.
//! * `position.rs` — the binlog positions (snapshot point, views, catch-up, start point).
//! * `start.rs` — what a stored offset means for where to start; prerequisites.

pub(crate) mod client;
pub(crate) mod codec;
pub mod ddl;
pub(crate) mod decode;
pub(crate) mod gtid;
pub mod history;
pub(crate) mod jsondiff;
pub(crate) mod position;
pub(crate) mod snapshot;
pub(crate) mod start;
pub(crate) mod stream;
pub mod table;
pub mod value;

use std::sync::Arc;

use tokio::sync::watch;

use crate::config::Settings;
use crate::error::Retry;
use crate::metrics::Metrics;

/// A MySQL/MariaDB problem. [`MySqlError::retry`] decides transient vs definite.
#[derive(Debug, thiserror::Error)]
pub enum MySqlError {
    #[error("cannot reach MySQL at {address}: {message}")]
    Connect { address: String, message: String },
    #[error("access denied: {0}; check source.user / source.password")]
    Auth(String),
    #[error("{message} (MySQL error {code}) during {during}")]
    Server {
        code: u16,
        message: String,
        during: String,
    },
    #[error("{problem}. Fix: {fix}")]
    Prerequisite { problem: String, fix: String },
    #[error("binlog {file}:{pos}: {message}")]
    Binlog {
        file: String,
        pos: u64,
        message: String,
    },
    #[error("table {table} at binlog {file}:{pos}: {message}. Fix: {fix}")]
    Schema {
        table: String,
        file: String,
        pos: u64,
        message: String,
        fix: String,
    },
    #[error("{0}")]
    Protocol(String),
}

impl MySqlError {
    pub(crate) fn retry(&self) -> Retry {
        match self {
            MySqlError::Connect { .. } | MySqlError::Protocol(_) => Retry::Transient,
            // too many connections, lock wait timeout, deadlock, lost connection, server shutdown
            MySqlError::Server {
                code: 1040 | 1053 | 1205 | 1213 | 2006 | 2013 | 1927,
                ..
            } => Retry::Transient,
            _ => Retry::Definite,
        }
    }

    /// Maps a driver error, naming what we were doing.
    pub(crate) fn from_driver(e: mysql_async::Error, during: &str) -> MySqlError {
        match e {
            mysql_async::Error::Server(s) => {
                if s.code == 1045 {
                    MySqlError::Auth(s.message)
                } else {
                    MySqlError::Server {
                        code: s.code,
                        message: s.message,
                        during: during.to_string(),
                    }
                }
            }
            mysql_async::Error::Io(io) => MySqlError::Connect {
                address: String::new(),
                message: format!("{io} during {during}"),
            },
            mysql_async::Error::Driver(d) => MySqlError::Protocol(format!("{d} during {during}")),
            o => MySqlError::Protocol(format!("{o} during {during}")),
        }
    }
}

/// The mysql source as the core drives it.
pub struct MySqlConnector {
    pub settings: Settings,
    pub my: crate::config::MySqlSettings,
    pub metrics: Arc<Metrics>,
}

impl super::Connector for MySqlConnector {
    fn name(&self) -> &'static str {
        self.my.flavor.connector()
    }

    fn check(&self) -> super::ConnectorFuture<'_, Vec<String>> {
        Box::pin(start::check(&self.settings, &self.my))
    }

    fn run_once(&self, shutdown: watch::Receiver<bool>) -> super::ConnectorFuture<'_, ()> {
        Box::pin(start::run_once(
            &self.settings,
            &self.my,
            self.metrics.clone(),
            shutdown,
        ))
    }

    fn stored_state(&self) -> super::StoredState {
        super::StoredState::server_partition(
            &self.settings,
            Some(self.my.config.schema_history_key.clone()),
        )
    }
}

/// A binlog recorded by a MySQL server, from `testdata/mysql/binlogs/` (see its README).
#[cfg(test)]
pub(crate) fn recorded_binlog(
    name: &str,
) -> mysql_common::binlog::BinlogFile<std::io::BufReader<std::fs::File>> {
    let path = format!(
        "{}/../testdata/mysql/binlogs/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    let file = std::fs::File::open(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    mysql_common::binlog::BinlogFile::new(
        mysql_common::binlog::consts::BinlogVersion::Version4,
        std::io::BufReader::new(file),
    )
    .expect("a binlog file")
}
