//! Postgres source: wiring only. `client.rs` speaks the replication protocol, `decode.rs` holds
//! the pure pgoutput/COPY decoders, `value.rs` the column codecs, `schema.rs` the catalog,
//! `snapshot.rs` the consistent initial read, `stream.rs` the WAL stream, `position.rs` the native
//! positions (point, views), `start.rs` what a stored offset means for where to start.

pub(crate) mod client;
pub(crate) mod decode;
pub(crate) mod position;
pub(crate) mod schema;
pub(crate) mod snapshot;
pub(crate) mod start;
pub(crate) mod stream;
pub mod value;

use std::sync::Arc;

use tokio::sync::watch;

use crate::config::{PostgresConfig, Settings};
use crate::emit::Emitter;
use crate::error::Retry;
use crate::metrics::Metrics;
use crate::sink::{RedisSink, SinkError};
use schema::Naming;

/// A Postgres problem. [`PgError::retry`] decides transient vs definite.
#[derive(Debug, thiserror::Error)]
pub enum PgError {
    #[error("cannot reach Postgres: {0}")]
    Connect(String),
    #[error("authentication failed: {0}; check source.user/source.password and pg_hba.conf")]
    Auth(String),
    #[error("{message} (SQLSTATE {code}) during {during}")]
    Server {
        code: String,
        message: String,
        during: String,
    },
    #[error("{0}")]
    Sql(String),
    #[error("protocol error: {0}")]
    Protocol(String),
    #[error("cannot decode replication data: {0}; please report this with the server version")]
    Decode(String),
    #[error("{problem}. Fix: {fix}")]
    Prerequisite { problem: String, fix: String },
}

impl PgError {
    pub(crate) fn retry(&self) -> Retry {
        let transient_code = |c: &str| {
            c.starts_with("08")
                || c.starts_with("53")
                || c.starts_with("57P")
                || matches!(c, "40001" | "40P01" | "55006" | "55P03")
        };
        match self {
            PgError::Connect(_) | PgError::Protocol(_) => Retry::Transient,
            PgError::Server { code, .. } if transient_code(code) => Retry::Transient,
            PgError::Auth(_)
            | PgError::Server { .. }
            | PgError::Sql(_)
            | PgError::Decode(_)
            | PgError::Prerequisite { .. } => Retry::Definite,
        }
    }

    /// Adds the table to a server error.
    pub(crate) fn on_table(self, id: &schema::TableId) -> PgError {
        match self {
            PgError::Server {
                code,
                message,
                during,
            } => PgError::Server {
                code,
                message: format!("{message} (table {id})"),
                during,
            },
            o => o,
        }
    }
}

impl From<tokio_postgres::Error> for PgError {
    fn from(e: tokio_postgres::Error) -> Self {
        if let Some(db) = e.as_db_error() {
            let code = db.code().code().to_string();
            if code.starts_with("28") {
                return PgError::Auth(db.message().to_string());
            }
            return PgError::Server {
                code,
                message: db.message().to_string(),
                during: "a catalog or snapshot query".into(),
            };
        }
        if e.is_closed()
            || e.to_string().contains("connect")
            || e.to_string().contains("error communicating")
        {
            return PgError::Connect(e.to_string());
        }
        PgError::Sql(e.to_string())
    }
}

/// Everything the Postgres source shares between its tasks.
pub(crate) struct PgContext {
    pub settings: Settings,
    /// The Postgres source's own settings.
    pub pg: PostgresConfig,
    pub naming: Naming,
    pub emitter: Emitter,
    pub metrics: Arc<Metrics>,
    pub server_version: i32,
    /// Enum labels as read at the start of this run (see [`schema::EnumLabels`]).
    pub enums: schema::EnumLabels,
}

impl PgContext {
    pub(crate) fn new_sink(&self) -> Result<RedisSink, SinkError> {
        RedisSink::new(
            &self.settings.sink,
            &self.settings.profile,
            &self.pg.topic_prefix,
        )
    }
}

/// A regular SQL connection with the session settings our value codecs expect.
pub(crate) async fn connect_sql(pg: &PostgresConfig) -> Result<tokio_postgres::Client, PgError> {
    let mut cfg = tokio_postgres::Config::new();
    cfg.host(&pg.hostname)
        .port(pg.port)
        .user(&pg.user)
        .dbname(&pg.dbname)
        .application_name("redcdc")
        .connect_timeout(std::time::Duration::from_secs(10))
        .keepalives(true)
        .keepalives_idle(crate::net::KEEPALIVE_IDLE)
        .keepalives_interval(crate::net::KEEPALIVE_INTERVAL)
        .keepalives_retries(crate::net::KEEPALIVE_RETRIES)
        .tcp_user_timeout(crate::net::USER_TIMEOUT)
        .options("-c DateStyle=ISO,MDY -c IntervalStyle=postgres -c TimeZone=UTC -c extra_float_digits=3 -c bytea_output=hex");
    if let Some(p) = pg.password.as_ref().map(|p| p.expose()) {
        cfg.password(p);
    }
    let tls = pg.tls().map_err(|e| PgError::Prerequisite {
        problem: e,
        fix: "correct the TLS settings".into(),
    })?;
    let connected = match tls {
        None => {
            cfg.ssl_mode(tokio_postgres::config::SslMode::Disable);
            cfg.connect(tokio_postgres::NoTls).await.map(|(c, conn)| {
                drive(conn);
                c
            })
        }
        Some(t) => {
            cfg.ssl_mode(if pg.sslmode == crate::config::PgSslMode::Prefer {
                tokio_postgres::config::SslMode::Prefer
            } else {
                tokio_postgres::config::SslMode::Require
            });
            cfg.connect(tokio_postgres_rustls::MakeRustlsConnect::new((*t).clone()))
                .await
                .map(|(c, conn)| {
                    drive(conn);
                    c
                })
        }
    };
    let client = connected.map_err(|e| {
        if let Some(problem) = client::certificate_failure(&e) {
            return client::tls_definite(problem, pg);
        }
        let m = e.to_string();
        match PgError::from(e) {
            PgError::Auth(a) => PgError::Auth(a),
            PgError::Server { code, message, .. } if code.starts_with("28") => {
                PgError::Auth(message)
            }
            PgError::Server { code, message, .. } if code == "3D000" => PgError::Prerequisite {
                problem: message,
                fix: format!("create database `{}` or correct source.dbname", pg.dbname),
            },
            PgError::Server {
                code,
                message,
                during,
            } => PgError::Server {
                code,
                message,
                during,
            },
            _ => PgError::Connect(format!("{}:{}: {m}", pg.hostname, pg.port)),
        }
    })?;
    Ok(client)
}

/// Runs a tokio-postgres connection on its own task.
fn drive<C>(conn: C)
where
    C: std::future::Future<Output = Result<(), tokio_postgres::Error>> + Send + 'static,
{
    tokio::spawn(async move {
        if let Err(e) = conn.await {
            tracing::debug!(error = %e, "postgres connection ended");
        }
    });
}

/// The postgres source as the core drives it.
pub struct PostgresConnector {
    pub settings: Settings,
    pub pg: PostgresConfig,
    pub metrics: Arc<Metrics>,
}

impl super::Connector for PostgresConnector {
    fn name(&self) -> &'static str {
        "postgresql"
    }

    fn check(&self) -> super::ConnectorFuture<'_, Vec<String>> {
        Box::pin(start::check(&self.settings, &self.pg))
    }

    fn run_once(&self, shutdown: watch::Receiver<bool>) -> super::ConnectorFuture<'_, ()> {
        Box::pin(start::run_once(
            &self.settings,
            &self.pg,
            self.metrics.clone(),
            shutdown,
        ))
    }

    fn stored_state(&self) -> super::StoredState {
        super::StoredState::server_partition(&self.settings, None)
    }
}
