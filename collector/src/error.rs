//! The collector's error type and the one place that decides retry policy.

use crate::config::ConfigError;
use crate::sink::SinkError;
use crate::source::mysql::MySqlError;
use crate::source::postgres::PgError;

/// Anything that stops a run.
#[derive(Debug, thiserror::Error)]
pub enum CollectorError {
    #[error(transparent)]
    Config(#[from] ConfigError),
    #[error("postgres: {0}")]
    Postgres(#[from] PgError),
    #[error("mysql: {0}")]
    MySql(#[from] MySqlError),
    #[error("sqlserver: {0}")]
    SqlServer(crate::source::sqlserver::SqlServerError),
    #[error("redis: {0}")]
    Sink(#[from] SinkError),
}

impl CollectorError {
    /// A commit refused because another instance holds the HA lease now.
    pub fn is_fenced(&self) -> bool {
        matches!(self, CollectorError::Sink(SinkError::Fenced(_)))
    }
}

impl From<tokio_postgres::Error> for CollectorError {
    fn from(e: tokio_postgres::Error) -> Self {
        CollectorError::Postgres(PgError::from(e))
    }
}

/// Whether an error is transient (retry with backoff) or definite (stop with the message).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Retry {
    Transient,
    Definite,
}

impl CollectorError {
    /// The single retry policy of the collector.
    pub fn retry(&self) -> Retry {
        match self {
            CollectorError::Config(_) => Retry::Definite,
            CollectorError::Postgres(e) => e.retry(),
            CollectorError::MySql(e) => e.retry(),
            CollectorError::SqlServer(e) => {
                if e.is_transient() {
                    Retry::Transient
                } else {
                    Retry::Definite
                }
            }
            CollectorError::Sink(e) => e.retry(),
        }
    }
}

/// The process's shutdown signal, installed once by [`crate::run`]: every retry sleep ends on it.
static SHUTDOWN: std::sync::OnceLock<tokio::sync::watch::Receiver<bool>> =
    std::sync::OnceLock::new();

/// Installs the shutdown signal retry sleeps wake on (the first call wins).
pub fn install_shutdown(rx: tokio::sync::watch::Receiver<bool>) {
    let _ = SHUTDOWN.set(rx);
}

/// Sleeps `d`, or less when shutdown is requested; returns false then.
pub async fn pause(d: std::time::Duration) -> bool {
    let Some(rx) = SHUTDOWN.get() else {
        tokio::time::sleep(d).await;
        return true;
    };
    let mut rx = rx.clone();
    tokio::select! {
        _ = tokio::time::sleep(d) => true,
        _ = rx.wait_for(|stop| *stop) => false,
    }
}

/// The collector's retry delays (first, cap; ms): source restarts.
pub const RESTART_POLICY: (u64, u64) = (500, 30_000);
/// The collector's retry delays (first, cap; ms): Redis commands and commits.
pub const REDIS_POLICY: (u64, u64) = (300, 10_000);

/// A fresh sequence of delays of the shared policy ([`protocol::retry`]).
pub fn retrier(policy: (u64, u64)) -> protocol::retry::Retrier {
    protocol::retry::RetryPolicy::millis(policy.0, policy.1).start()
}

/// Runs `once` (one run of a source from its stored offsets) until it ends; a transient failure
/// starts it again after a backoff (exponential with jitter, capped, starting over after a
/// healthy period), a definite one (or shutdown) ends the loop.
pub async fn restart_on_transient<F, Fut>(
    metrics: &crate::metrics::Metrics,
    shutdown: tokio::sync::watch::Receiver<bool>,
    mut once: F,
) -> Result<(), CollectorError>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Result<(), CollectorError>>,
{
    let mut retry = retrier(RESTART_POLICY);
    loop {
        match once().await {
            Ok(()) => return Ok(()),
            Err(e) if e.retry() == Retry::Transient && !*shutdown.borrow() => {
                metrics.retry();
                metrics.failed();
                let d = retry.failed();
                tracing::warn!(error = %e, delay_ms = d.as_millis() as u64, "transient failure; restarting from the stored offset");
                let mut s = shutdown.clone();
                tokio::select! {
                    _ = tokio::time::sleep(d) => {}
                    _ = s.wait_for(|stop| *stop) => return Ok(()),
                }
            }
            Err(e) => return Err(e),
        }
    }
}
