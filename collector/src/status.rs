//! The collector's status in Redis, for `redcdc status`: every second, the JSON of
//! [`crate::metrics::Metrics::status_json`] under field `<topic prefix>/<instance>` of the hash
//! `metadata:redcdc:status:collector` (the active instance and any standby each write theirs;
//! `updated_ms` tells a stopped one from a live one).

use std::sync::Arc;
use std::time::Duration;

use crate::config::Settings;
use crate::metrics::Metrics;

/// The hash every collector writes its status to.
pub const STATUS_KEY: &str = "metadata:redcdc:status:collector";

/// Publishes the status until the process ends (Redis failures are skipped: the status is
/// informational).
pub fn publish(
    settings: &Settings,
    metrics: Arc<Metrics>,
    role: Arc<std::sync::atomic::AtomicBool>,
    control: tokio::sync::watch::Receiver<ops::control::Control>,
) {
    let Ok(client) = crate::sink::redis_client(&settings.sink) else {
        return;
    };
    let timeouts = crate::sink::connection_config(&settings.sink);
    let host = std::fs::read_to_string("/etc/hostname").unwrap_or_default();
    let instance = format!("{}-{}", host.trim(), std::process::id());
    let field = format!("{}/{instance}", settings.topic_prefix());
    tokio::spawn(async move {
        let mut conn = None;
        loop {
            tokio::time::sleep(Duration::from_secs(1)).await;
            if conn.is_none() {
                conn = client
                    .get_multiplexed_async_connection_with_config(&timeouts)
                    .await
                    .ok();
            }
            let Some(c) = conn.as_mut() else { continue };
            let active = role.load(std::sync::atomic::Ordering::Relaxed);
            let role = match (active, control.borrow().stopped) {
                (true, _) => "active",
                (false, true) => "stopped",
                (false, false) => "standby",
            };
            let status = metrics.status_json(&instance, role);
            let r: redis::RedisResult<()> = redis::cmd("HSET")
                .arg(STATUS_KEY)
                .arg(&field)
                .arg(status.to_string())
                .query_async(c)
                .await;
            if r.is_err() {
                conn = None;
            }
        }
    });
}
