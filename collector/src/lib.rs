//! redcdc collector: snapshots a source database, tails its change log and writes
//! Debezium-shaped change events into Redis streams, with Debezium's offsets in the same Redis.
//!
//! Module map:
//! - [`config`]: YAML and Debezium Server `application.properties` → validated [`config::Settings`].
//! - [`source`]: one folder per database (`source/postgres/`), same file split in each.
//! - [`snapshot`]: the snapshot engine every source plugs into (chunks, progress, catch-up).
//! - [`value`]: the Debezium value layer every source shares (handling modes, logical schemas).
//! - [`emit`]: encoded rows → sink records (keys, values, tombstones, headers).
//! - [`sink`]: Redis streams + offsets committed together in one MULTI/EXEC.
//! - [`error`]: the crate error and the single retry policy; [`failpoint`]: crash-test hooks.
//! - [`progress`], [`metrics`]: snapshot progress/ETA and Prometheus metrics.

pub mod config;
pub mod emit;
pub mod error;
pub mod failpoint;
#[doc(hidden)]
pub mod fuzz;
pub mod keys;
pub mod metrics;
pub mod progress;
pub mod sink;
pub(crate) mod snapshot;
pub mod source;
pub mod start;
pub mod tls;
pub(crate) mod value;

use std::sync::Arc;

use tokio::sync::watch;

/// Runs the configured source until `shutdown` turns true or a definite error occurs.
pub async fn run(
    settings: config::Settings,
    shutdown: watch::Receiver<bool>,
) -> Result<(), error::CollectorError> {
    error::install_shutdown(shutdown.clone());
    let metrics = Arc::new(metrics::Metrics::for_settings(&settings));
    if let Some(addr) = settings.metrics_address.clone() {
        metrics::serve(&metrics, addr);
    }
    let connector = source::connector(&settings, metrics.clone());
    tracing::info!(source = connector.name(), "collector starting");
    metrics.run_started();
    let r = error::restart_on_transient(&metrics, shutdown.clone(), || {
        connector.run_once(shutdown.clone())
    })
    .await;
    metrics.run_stopped();
    r
}
