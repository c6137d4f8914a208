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
pub mod lease;
pub mod metrics;
pub mod net;
pub mod progress;
pub mod sink;
pub(crate) mod snapshot;
pub mod source;
pub mod start;
pub mod status;
pub mod tls;
pub(crate) mod value;

use std::sync::Arc;

use tokio::sync::watch;

/// Runs the configured source until `shutdown` turns true or a definite error occurs — while
/// this instance holds the HA lease ([`lease`]); as the standby until then, and again after
/// losing it.
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
    let lease = lease::Lease::new(&settings)?;
    tracing::info!(
        source = connector.name(),
        lease = lease.key(),
        "collector starting"
    );
    metrics.process_started();
    let active = Arc::new(std::sync::atomic::AtomicBool::new(false));
    status::publish(&settings, metrics.clone(), active.clone());
    loop {
        if !lease.acquire(shutdown.clone()).await {
            metrics.run_stopped();
            return Ok(());
        }
        // this term ends on shutdown, or when the lease is lost
        let (lost_tx, mut lost_rx) = watch::channel(false);
        let lease_lost = lost_rx.clone();
        let (stop_tx, stop_rx) = watch::channel(false);
        lease.keep(lost_tx, stop_rx);
        let (term_tx, term_rx) = watch::channel(false);
        let mut process = shutdown.clone();
        let forward = tokio::spawn(async move {
            tokio::select! {
                _ = process.wait_for(|s| *s) => {}
                _ = lost_rx.wait_for(|l| *l) => {}
            }
            let _ = term_tx.send(true);
        });
        metrics.run_started();
        active.store(true, std::sync::atomic::Ordering::Relaxed);
        let r = error::restart_on_transient(&metrics, term_rx.clone(), || {
            connector.run_once(term_rx.clone())
        })
        .await;
        let _ = stop_tx.send(true);
        forward.abort();
        metrics.standby();
        active.store(false, std::sync::atomic::Ordering::Relaxed);
        let shutting_down = *shutdown.borrow();
        // an error of an instance that no longer holds the lease is the takeover's doing (its
        // commits refused, or the source dropping the old connection for the new one)
        let lost = match &r {
            Err(e) if !shutting_down => {
                e.is_fenced()
                    || match lease::fence() {
                        Some(f) => !f.holds().await,
                        None => false,
                    }
            }
            _ => false,
        };
        match r {
            Err(e) if lost => {
                tracing::warn!(error = %e, "stepping down: another instance holds the lease; standing by");
            }
            Ok(()) if !shutting_down && *lease_lost.borrow() => {
                tracing::warn!("the lease is lost: stepping down, standing by");
            }
            r => {
                lease.release().await;
                metrics.run_stopped();
                return r;
            }
        }
    }
}
