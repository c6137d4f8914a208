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
    #[error("redis: {0}")]
    Sink(#[from] SinkError),
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
            CollectorError::Sink(e) => e.retry(),
        }
    }
}

/// Runs `once` (one run of a source from its stored offsets) until it ends; a transient failure
/// starts it again after a backoff, a definite one (or shutdown) ends the loop.
pub async fn restart_on_transient<F, Fut>(
    metrics: &crate::metrics::Metrics,
    shutdown: tokio::sync::watch::Receiver<bool>,
    mut once: F,
) -> Result<(), CollectorError>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Result<(), CollectorError>>,
{
    let mut backoff = Backoff::new(500, 30_000);
    loop {
        match once().await {
            Ok(()) => return Ok(()),
            Err(e) if e.retry() == Retry::Transient && !*shutdown.borrow() => {
                metrics.retry();
                let d = backoff.next_delay();
                tracing::warn!(error = %e, delay_ms = d.as_millis() as u64, "transient failure; restarting from the stored offset");
                let mut s = shutdown.clone();
                tokio::select! {
                    _ = tokio::time::sleep(d) => {}
                    _ = s.changed() => return Ok(()),
                }
            }
            Err(e) => return Err(e),
        }
    }
}

/// Exponential backoff with jitter, capped.
#[derive(Debug, Clone)]
pub struct Backoff {
    next_ms: u64,
    max_ms: u64,
}

impl Backoff {
    pub fn new(initial_ms: u64, max_ms: u64) -> Self {
        Backoff {
            next_ms: initial_ms,
            max_ms,
        }
    }

    /// The delay to wait now; the next one doubles.
    pub fn next_delay(&mut self) -> std::time::Duration {
        let base = self.next_ms;
        self.next_ms = (self.next_ms * 2).min(self.max_ms);
        let jitter = rand::random::<u64>() % (base / 4 + 1);
        std::time::Duration::from_millis(base + jitter)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_to_cap() {
        let mut b = Backoff::new(100, 1000);
        let d: Vec<u64> = (0..6).map(|_| b.next_delay().as_millis() as u64).collect();
        assert!(d[0] >= 100 && d[0] <= 125);
        assert!(d[5] >= 1000 && d[5] <= 1250);
    }
}
