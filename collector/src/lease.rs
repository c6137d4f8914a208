//! Active/passive with fencing: of the collectors started with the same configuration, one holds
//! a lease in Redis and works; the others wait and take over when it lapses. Nothing to
//! configure: a second instance becomes the standby by itself.
//!
//! - **Lease**: `metadata:redcdc:lease:<topic prefix>` holds the holder's token, set with
//!   `SET NX PX lease_ms` and renewed every third of the lease by a script that extends it only
//!   while the token is still ours. A holder that cannot renew within the lease stops working.
//! - **Fence**: `metadata:redcdc:fence:<topic prefix>` is a counter incremented by each new
//!   holder, which keeps the value as its epoch. Every batch commit (entries, offset, snapshot
//!   state) `WATCH`es the fence, checks the epoch and runs its MULTI/EXEC: once another instance
//!   has taken over, the old one's next commit is refused — not one entry or offset of it lands —
//!   however long it was paused. The new holder increments the fence before it reads the stored
//!   offset, so what it reads is final.
//! - **Stepping down**: a holder whose commit is refused, or whose lease is gone, stops its run
//!   (nothing it read is lost: the new holder continues from the stored offset) and waits as
//!   the standby.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

use tokio::sync::watch;

use crate::config::Settings;
use crate::sink::SinkError;

/// The fence every commit checks (installed once per process by [`Lease::new`]).
#[derive(Debug)]
pub struct Fence {
    pub key: String,
    epoch: AtomicU64,
    client: redis::Client,
    timeouts: redis::AsyncConnectionConfig,
}

impl Fence {
    /// Our epoch (0: not holding the lease).
    pub fn epoch(&self) -> u64 {
        self.epoch.load(Ordering::SeqCst)
    }

    /// Whether the fence in Redis still holds our epoch (before acting against another
    /// instance, e.g. ending a walsender that holds the slot).
    pub async fn holds(&self) -> bool {
        let epoch = self.epoch();
        if epoch == 0 {
            return false;
        }
        let Ok(mut c) = self
            .client
            .get_multiplexed_async_connection_with_config(&self.timeouts)
            .await
        else {
            return false;
        };
        let cur: redis::RedisResult<Option<u64>> =
            redis::cmd("GET").arg(&self.key).query_async(&mut c).await;
        matches!(cur, Ok(Some(e)) if e == epoch)
    }
}

impl Fence {
    /// `redcdc reset`, carried out: deletes the source's offsets and schema history and records
    /// `requested` as done — in one script, and only while the fence holds our epoch (a stale
    /// instance cannot reset what the active one is writing) and the request is not done yet.
    /// `Some(true)`: deleted now; `Some(false)`: already done; `None`: the fence is not ours.
    pub async fn reset(
        &self,
        state: &crate::source::StoredState,
        source: &str,
        requested: u64,
    ) -> Result<Option<bool>, SinkError> {
        let mut c = self
            .client
            .get_multiplexed_async_connection_with_config(&self.timeouts)
            .await
            .map_err(|e| SinkError::Command(e.to_string()))?;
        let script = redis::Script::new(RESET);
        let mut inv = script.key(&self.key);
        inv.key(&state.offsets_key)
            .key(ops::control::CONTROL_KEY)
            .key(state.history_key.as_deref().unwrap_or(""))
            .arg(self.epoch())
            .arg(ops::control::reset_done_field(source))
            .arg(requested);
        for f in &state.offset_fields {
            inv.arg(f);
        }
        let done: i64 = inv
            .invoke_async(&mut c)
            .await
            .map_err(|e| SinkError::Command(e.to_string()))?;
        Ok(match done {
            0 => None,
            1 => Some(true),
            _ => Some(false),
        })
    }
}

/// KEYS: fence, offsets hash, control hash, schema history ("" for none); ARGV: our epoch, the
/// reset-done field, the reset counter, then the offset fields. 0: the fence is not ours; 2: this
/// reset was already carried out (by another instance: nothing deleted twice); 1: done now.
const RESET: &str = "if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end \
                     local done = tonumber(redis.call('HGET', KEYS[3], ARGV[2]) or '0') \
                     if done >= tonumber(ARGV[3]) then return 2 end \
                     for i = 4, #ARGV do redis.call('HDEL', KEYS[2], ARGV[i]) end \
                     if KEYS[4] ~= '' then redis.call('DEL', KEYS[4]) end \
                     redis.call('HSET', KEYS[3], ARGV[2], ARGV[3]) return 1";

static FENCE: OnceLock<Arc<Fence>> = OnceLock::new();

/// The process's fence, when it runs under a lease.
pub fn fence() -> Option<&'static Arc<Fence>> {
    FENCE.get()
}

/// Extends the lease only while it is ours.
const RENEW: &str = "if redis.call('GET', KEYS[1]) == ARGV[1] then \
                     return redis.call('PEXPIRE', KEYS[1], ARGV[2]) else return 0 end";
/// Deletes the lease only while it is ours (a clean stop hands over at once).
const RELEASE: &str = "if redis.call('GET', KEYS[1]) == ARGV[1] then \
                       return redis.call('DEL', KEYS[1]) else return 0 end";

/// This instance's lease.
pub struct Lease {
    client: redis::Client,
    timeouts: redis::AsyncConnectionConfig,
    key: String,
    token: String,
    lease_ms: u64,
    fence: Arc<Fence>,
}

impl Lease {
    pub fn new(settings: &Settings) -> Result<Lease, SinkError> {
        let prefix = settings.topic_prefix();
        let client = crate::sink::redis_client(&settings.sink)?;
        let timeouts = crate::sink::connection_config(&settings.sink);
        let fence = FENCE
            .get_or_init(|| {
                Arc::new(Fence {
                    key: format!("metadata:redcdc:fence:{prefix}"),
                    epoch: AtomicU64::new(0),
                    client: client.clone(),
                    timeouts: timeouts.clone(),
                })
            })
            .clone();
        let host = std::fs::read_to_string("/etc/hostname").unwrap_or_default();
        Ok(Lease {
            client,
            timeouts,
            key: format!("metadata:redcdc:lease:{prefix}"),
            token: format!(
                "{}-{}-{}",
                host.trim(),
                std::process::id(),
                uuid::Uuid::new_v4().simple()
            ),
            lease_ms: settings.lease_ms.max(300),
            fence,
        })
    }

    pub fn key(&self) -> &str {
        &self.key
    }

    fn address(&self) -> String {
        self.client.get_connection_info().addr().to_string()
    }

    async fn conn(&self) -> Result<redis::aio::MultiplexedConnection, SinkError> {
        self.client
            .get_multiplexed_async_connection_with_config(&self.timeouts)
            .await
            .map_err(|e| SinkError::Connect {
                address: self.address(),
                message: e.to_string(),
            })
    }

    /// Waits until this instance holds the lease (the standby until then). False: shutdown
    /// came first.
    pub async fn acquire(&self, mut shutdown: watch::Receiver<bool>) -> bool {
        let mut said = false;
        let step = Duration::from_millis((self.lease_ms / 3).max(100));
        loop {
            if *shutdown.borrow() {
                return false;
            }
            match self.try_acquire().await {
                Ok(Some(epoch)) => {
                    self.fence.epoch.store(epoch, Ordering::SeqCst);
                    tracing::info!(lease = %self.key, epoch, token = %self.token, "holding the lease: this instance is active");
                    return true;
                }
                Ok(None) if !said => {
                    said = true;
                    tracing::info!(lease = %self.key, lease_ms = self.lease_ms, "another instance holds the lease: standing by");
                }
                Ok(None) => {}
                Err(e) => tracing::warn!(error = %e, "cannot reach Redis for the lease; retrying"),
            }
            tokio::select! {
                _ = tokio::time::sleep(step) => {}
                _ = shutdown.changed() => {}
            }
        }
    }

    /// One attempt: the new epoch when the lease is now ours.
    async fn try_acquire(&self) -> Result<Option<u64>, SinkError> {
        let mut c = self.conn().await?;
        let set: Option<String> = redis::cmd("SET")
            .arg(&self.key)
            .arg(&self.token)
            .arg("NX")
            .arg("PX")
            .arg(self.lease_ms)
            .query_async(&mut c)
            .await
            .map_err(|e| SinkError::Command(e.to_string()))?;
        if set.is_none() {
            return Ok(None);
        }
        let epoch: u64 = redis::cmd("INCR")
            .arg(&self.fence.key)
            .query_async(&mut c)
            .await
            .map_err(|e| SinkError::Command(e.to_string()))?;
        Ok(Some(epoch))
    }

    /// Renews the lease until `stop`; sends `true` on `lost` when it is gone (taken, expired,
    /// or not renewed within the lease time).
    pub fn keep(&self, lost: watch::Sender<bool>, mut stop: watch::Receiver<bool>) {
        let timeouts = self.timeouts.clone();
        let (client, key, token, lease_ms) = (
            self.client.clone(),
            self.key.clone(),
            self.token.clone(),
            self.lease_ms,
        );
        tokio::spawn(async move {
            let step = Duration::from_millis((lease_ms / 3).max(100));
            let mut renewed = Instant::now();
            let script = redis::Script::new(RENEW);
            let mut conn: Option<redis::aio::MultiplexedConnection> = None;
            loop {
                tokio::select! {
                    _ = tokio::time::sleep(step) => {}
                    _ = stop.changed() => return,
                }
                if *stop.borrow() {
                    return;
                }
                if conn.is_none() {
                    conn = tokio::time::timeout(
                        step,
                        client.get_multiplexed_async_connection_with_config(&timeouts),
                    )
                    .await
                    .ok()
                    .and_then(Result::ok);
                }
                let r = match conn.as_mut() {
                    Some(c) => tokio::time::timeout(
                        step,
                        script
                            .key(&key)
                            .arg(&token)
                            .arg(lease_ms)
                            .invoke_async::<i64>(c),
                    )
                    .await
                    .map_err(|_| "timed out".to_string())
                    .and_then(|r| r.map_err(|e| e.to_string())),
                    None => Err("no connection".into()),
                };
                match r {
                    Ok(1) => renewed = Instant::now(),
                    Ok(_) => {
                        tracing::warn!(lease = %key, "the lease was taken by another instance: stepping down");
                        let _ = lost.send(true);
                        return;
                    }
                    Err(e) => {
                        conn = None;
                        if renewed.elapsed() >= Duration::from_millis(lease_ms) {
                            tracing::warn!(lease = %key, error = %e, "the lease could not be renewed in time: stepping down");
                            let _ = lost.send(true);
                            return;
                        }
                    }
                }
            }
        });
    }

    /// Gives the lease up (a clean stop: the standby takes over at once).
    pub async fn release(&self) {
        self.fence.epoch.store(0, Ordering::SeqCst);
        if let Ok(mut c) = self.conn().await {
            let _: redis::RedisResult<i64> = redis::Script::new(RELEASE)
                .key(&self.key)
                .arg(&self.token)
                .invoke_async(&mut c)
                .await;
        }
    }
}
