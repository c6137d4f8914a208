//! redcdc collector: snapshots a source database, tails its change log and writes
//! Debezium-shaped change events into Redis streams, with Debezium's offsets in the same Redis.
//!
//! Module map:
//! - [`config`]: YAML and Debezium Server `application.properties` → validated [`config::Settings`];
//!   [`rdi`]: RDI's pipeline `config.yaml` (one of its `sources:`) → the same.
//! - [`source`]: one folder per database (`source/postgres/`), same file split in each.
//! - [`snapshot`]: the snapshot engine every source plugs into (chunks, progress, catch-up).
//! - [`value`]: the Debezium value layer every source shares (handling modes, logical schemas).
//! - [`emit`]: encoded rows → sink records (keys, values, tombstones, headers).
//! - [`sink`]: Redis streams + offsets committed together in one MULTI/EXEC.
//! - [`error`]: the crate error and the single retry policy; [`failpoint`]: crash-test hooks.
//! - [`progress`], [`metrics`]: snapshot progress/ETA and Prometheus metrics.

pub mod config;
pub mod deployed;
pub mod emit;
pub mod error;
pub mod failpoint;
#[doc(hidden)]
pub mod fuzz;
pub mod keys;
pub mod keystore;
pub mod lease;
pub mod metrics;
pub mod net;
pub mod progress;
pub mod rdi;
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
    let source = settings.topic_prefix().to_string();
    let control = ops::control::watch(
        sink::redis_client(&settings.sink)?,
        sink::connection_config(&settings.sink),
        Some(source.clone()),
    )
    .await;
    status::publish(&settings, metrics.clone(), active.clone(), control.clone());
    let stored = connector.stored_state();
    // the last reset carried out here (the polled control hash may still show it pending)
    let mut handled = 0u64;
    loop {
        let now = *control.borrow();
        if now.stopped && !pending(&now, handled) {
            tracing::info!(source = %source, "stopped by `redcdc stop`: waiting for `redcdc start`");
            let (mut c, mut sd) = (control.clone(), shutdown.clone());
            tokio::select! {
                _ = c.wait_for(|c| !c.stopped || pending(c, handled)) => {}
                _ = sd.wait_for(|s| *s) => {
                    metrics.run_stopped();
                    return Ok(());
                }
            }
            continue;
        }
        // a reset while stopped is carried out under the lease, then the wait goes on
        let reset_only = now.stopped;
        // the standby does not take the lease over while the pipeline is stopped
        let (hold_tx, hold_rx) = watch::channel(false);
        let (mut c, mut sd) = (control.clone(), shutdown.clone());
        let hold = tokio::spawn(async move {
            tokio::select! {
                _ = c.wait_for(|c| c.stopped && !(reset_only && pending(c, handled))) => {}
                _ = sd.wait_for(|s| *s) => {}
            }
            let _ = hold_tx.send(true);
        });
        let acquired = lease.acquire(hold_rx).await;
        hold.abort();
        if !acquired {
            if *shutdown.borrow() {
                metrics.run_stopped();
                return Ok(());
            }
            continue;
        }
        if reset_only {
            let c = *control.borrow();
            if pending(&c, handled) && reset(&source, &stored, c.reset_requested).await {
                handled = c.reset_requested;
            }
            lease.release().await;
            continue;
        }
        // this term ends on shutdown, when the lease is lost, or on `redcdc stop`/`reset`
        let (lost_tx, mut lost_rx) = watch::channel(false);
        let lease_lost = lost_rx.clone();
        let (stop_tx, stop_rx) = watch::channel(false);
        lease.keep(lost_tx, stop_rx);
        let (term_tx, term_rx) = watch::channel(false);
        let mut process = shutdown.clone();
        let mut operator = control.clone();
        let forward = tokio::spawn(async move {
            tokio::select! {
                _ = process.wait_for(|s| *s) => {}
                _ = lost_rx.wait_for(|l| *l) => {}
                _ = operator.wait_for(|c| c.stopped || pending(c, handled)) => {}
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
        // the term was ended by `redcdc stop`/`reset` (not a run that ended by itself, such as
        // `initial_only` after its snapshot)
        let by_operator = *term_rx.borrow() && {
            let c = *control.borrow();
            c.stopped || pending(&c, handled)
        };
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
            Ok(()) if !shutting_down && by_operator => {
                // `redcdc reset` or `redcdc stop`: what was read is committed; still holding
                // the lease
                let c = *control.borrow();
                if pending(&c, handled) {
                    if reset(&source, &stored, c.reset_requested).await {
                        handled = c.reset_requested;
                    }
                } else {
                    tracing::info!(source = %source, "stopping: `redcdc stop` (position kept)");
                }
                lease.release().await;
            }
            r => {
                lease.release().await;
                metrics.run_stopped();
                return r;
            }
        }
    }
}

/// A reset asked for and carried out neither in Redis nor here (`handled`).
fn pending(c: &ops::control::Control, handled: u64) -> bool {
    c.reset_requested > c.reset_done.max(handled)
}

/// `redcdc reset`: deletes this source's offsets and schema history while holding the lease,
/// so the next run takes a new snapshot. True: done; a failure leaves the request pending
/// (tried again on the next turn).
async fn reset(source: &str, stored: &source::StoredState, requested: u64) -> bool {
    let Some(fence) = lease::fence() else {
        return false;
    };
    match fence.reset(stored, source, requested).await {
        Ok(Some(false)) => {
            tracing::info!(source = %source, "reset already carried out by another instance");
            true
        }
        Ok(Some(true)) => {
            tracing::warn!(
                source = %source,
                offsets = %stored.offsets_key,
                history = stored.history_key.as_deref().unwrap_or("-"),
                "reset by `redcdc reset`: offsets and schema history deleted; a new snapshot follows"
            );
            true
        }
        Ok(None) => {
            tracing::warn!(source = %source, "reset not carried out: another instance holds the lease");
            false
        }
        Err(e) => {
            tracing::warn!(source = %source, error = %e, "reset failed; trying again");
            false
        }
    }
}
