//! Source databases: one folder per database, the same files in each (`mod.rs` wiring and error,
//! `position.rs` the native positions, `start.rs` what a stored offset means at start,
//! `snapshot.rs` the database's part of the snapshot engine, `stream.rs` its change log,
//! `decode.rs` pure decoders, `value.rs` column values).
//!
//! A source plugs into the shared core through two seams:
//! - [`Connector`] (here): prerequisites and one run from the stored offsets. The core owns the
//!   restart-on-transient loop ([`crate::error::restart_on_transient`]), the Redis sink and its
//!   exactly-once commit, metrics and shutdown.
//! - [`crate::snapshot`]: the snapshot engine — a source gives its view type
//!   ([`crate::snapshot::View`]: what a consistent read contains, in the log's own positions),
//!   a key-ordered table reader ([`crate::snapshot::TableRead`]) and a row encoder
//!   ([`crate::snapshot::RowEncode`]); the engine chunks, commits, resumes and filters the
//!   catch-up.
//!
//! `ARCHITECTURE.md` maps SQL Server and Oracle onto the same seams.

pub mod mysql;
pub mod postgres;
pub mod sqlserver;

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use tokio::sync::watch;

use crate::config::{Settings, SourceSettings};
use crate::error::CollectorError;
use crate::metrics::Metrics;

/// A boxed future of a connector call.
pub type ConnectorFuture<'a, T> =
    Pin<Box<dyn Future<Output = Result<T, CollectorError>> + Send + 'a>>;

/// One source database, as the core drives it.
///
/// # Contract
/// - **Positions.** Every event a connector hands to the sink carries the offset (Debezium's JSON
///   for that connector, under `["redis",{"server":<prefix>}]`) that covers it and every earlier
///   event; the sink commits entries and that offset in one Redis transaction. An offset is
///   *durable* once that transaction has executed.
/// - **Acknowledgement.** A connector tells its database it may discard the log (a Postgres slot
///   confirm, a SQL Server/Oracle retention hint) only up to a durable offset, so a restart from
///   the stored offset always finds what it needs.
/// - **Start.** `run_once` decides from the stored offset alone: stream from it, resume an
///   interrupted snapshot (through the snapshot engine), take a new one when `snapshot.mode`
///   asks for it, or stop with a definite error naming the fix. Streaming after a snapshot
///   starts at the snapshot's point with the engine's catch-up filter.
/// - **Errors.** Transient errors (connection lost, server restarting) are returned as such: the
///   core restarts `run_once` after a backoff. Definite ones stop the collector; their message
///   names the table, position and fix.
/// - **Shutdown.** On shutdown a connector flushes what it has read, commits it with its offset
///   and returns `Ok(())`.
pub trait Connector: Send + Sync {
    /// `postgresql`, `mysql`, `mariadb`, ... (logs, metrics labels).
    fn name(&self) -> &'static str;
    /// The prerequisites only (`collector check`): what was checked, or the first problem.
    fn check(&self) -> ConnectorFuture<'_, Vec<String>>;
    /// One run from the offsets stored in Redis until shutdown or an error.
    fn run_once(&self, shutdown: watch::Receiver<bool>) -> ConnectorFuture<'_, ()>;
    /// Where this source keeps its state in Redis (what `redcdc reset` deletes, so the next run
    /// takes a new snapshot).
    fn stored_state(&self) -> StoredState;
}

/// A source's state in Redis: its offsets (one field per Debezium partition) and its schema
/// history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredState {
    /// Debezium's offsets hash.
    pub offsets_key: String,
    /// This source's fields in it.
    pub offset_fields: Vec<String>,
    /// The schema history key, for sources that keep one.
    pub history_key: Option<String>,
}

impl StoredState {
    /// The offsets under Debezium Server's partition `["<engine>",{"server":"<prefix>"}]`.
    fn server_partition(settings: &Settings, history_key: Option<String>) -> StoredState {
        StoredState {
            offsets_key: settings.sink.offsets_key.clone(),
            offset_fields: vec![protocol::offset::server_partition_field(
                &settings.sink.engine_name,
                settings.topic_prefix(),
            )],
            history_key,
        }
    }
}

/// The connector for the configured source.
pub fn connector(settings: &Settings, metrics: Arc<Metrics>) -> Box<dyn Connector> {
    match &settings.source {
        SourceSettings::Postgres(pg) => Box::new(postgres::PostgresConnector {
            settings: settings.clone(),
            pg: pg.clone(),
            metrics,
        }),
        SourceSettings::MySql(my) => Box::new(mysql::MySqlConnector {
            settings: settings.clone(),
            my: my.clone(),
            metrics,
        }),
        SourceSettings::SqlServer(cfg) => Box::new(sqlserver::SqlServerConnector {
            settings: settings.clone(),
            cfg: cfg.clone(),
            metrics,
        }),
    }
}
