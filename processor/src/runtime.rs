//! The processing loop.
//!
//! * **Discovery**: streams matching the pattern are found with SCAN, a sweep spread over rounds
//!   so that it stays cheap with millions of target keys; new tables are picked up as their
//!   streams appear.
//! * **Ownership**: each stream is processed by one instance at a time, holding a lease key
//!   (`redcdc:processor:lease:<stream>`, renewed while held). Instances register in a sorted set
//!   and take at most their share of the streams, so adding an instance needs no other change
//!   and per-table (hence per-key) order is kept.
//! * **Delivery**: a consumer group per stream. Entries are acknowledged only after their target
//!   writes are applied (one MULTI/EXEC per batch and target). Taking over a stream first claims
//!   the entries other consumers left pending (a crashed instance), and re-applies them; writes
//!   are idempotent, so replays converge.
//! * **Rejections** go to `dlq:<stream>` (capped at `dlq_max_messages`) with the job, the reason
//!   and the original entry, or are only counted with `error_handling: ignore`. Transient target
//!   errors retry with backoff and never drop.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;
use std::time::{Duration, Instant};

use redis::aio::ConnectionManager;
use tokio::sync::watch;

use crate::metrics::{Metrics, Phase};
use crate::record::{parse_entry, Change, Entry};
use crate::target::{self, Write};

/// Why an entry was not applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejection {
    pub job: String,
    pub reason: String,
}

/// The target writes for one change, by target connection name.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Planned {
    pub writes: Vec<(String, Write)>,
    /// Dropped by a filter.
    pub filtered: bool,
}

/// Turns a change into target writes (jobs, or the default job).
pub trait Planner: Send + Sync {
    fn plan(&self, stream: &str, change: &Change) -> Result<Planned, Rejection>;

    /// Like [`Planner::plan`] for a change the caller no longer needs, so its values can be
    /// moved instead of copied.
    fn plan_owned(&self, stream: &str, change: Change) -> Result<Planned, Rejection> {
        self.plan(stream, &change)
    }

    /// Whether every change goes to the built-in default hash job on the `target` connection,
    /// so schemaless entries may take the fast path (`fast.rs`).
    fn fast_default(&self) -> bool {
        false
    }

    /// Whether planning does I/O (`redis.lookup`): it then runs where blocking is allowed.
    fn blocking(&self) -> bool {
        false
    }
}

/// A runtime failure.
#[derive(Debug, thiserror::Error)]
pub enum RuntimeError {
    #[error("redis {what}: {message}")]
    Redis { what: String, message: String },
    #[error("{0}")]
    Fatal(String),
    /// The lease of a stream was taken by another instance (this one was paused past it): its
    /// batch is not written; the new owner applies the entries.
    #[error("the lease of stream {0} is held by another instance: the batch is not written")]
    LeaseLost(String),
}

impl RuntimeError {
    fn transient(&self) -> bool {
        matches!(self, RuntimeError::Redis { message, .. }
            if message.contains("connection") || message.contains("Connection") || message.contains("broken pipe")
            || message.contains("LOADING") || message.contains("BUSY") || message.contains("TRYAGAIN")
            || message.contains("OOM") || message.contains("timed out") || message.contains("refused"))
    }
}

fn rerr(what: &str) -> impl Fn(redis::RedisError) -> RuntimeError + '_ {
    move |e| RuntimeError::Redis {
        what: what.to_string(),
        message: e.to_string(),
    }
}

/// Settings the loop needs.
#[derive(Debug, Clone)]
pub struct LoopSettings {
    pub stream_pattern: String,
    pub group: String,
    pub instance_id: String,
    pub read_batch_size: usize,
    /// Entries per target pipeline (RDI's `write_batch_size`); a batch's pipelines are sent
    /// one after the other.
    pub write_batch_size: usize,
    pub read_batch_timeout_ms: u64,
    pub dlq: bool,
    pub dlq_max_messages: u64,
    pub null_value: String,
    pub lease_ms: u64,
    /// `idle_streams_check_interval_ms`: stream discovery while the last read found nothing.
    pub discovery_interval_ms: u64,
    /// `busy_streams_check_interval_ms`: stream discovery while entries keep coming.
    pub busy_discovery_interval_ms: u64,
    /// `idle_sleep_time_ms`: the pause when this instance owns no stream.
    pub idle_sleep_ms: u64,
    /// `retry_max_attempts`: attempts of a batch's target writes before the processor stops
    /// (the entries stay pending).
    pub retry_max_attempts: u32,
    /// `enable_async_processing`: read the next batch and acknowledge the previous one while a
    /// batch is written (false: one batch at a time, each acknowledged before the next read).
    pub async_processing: bool,
    pub retry_initial_delay_ms: u64,
    pub retry_max_delay_ms: u64,
    /// `initial_sync_processes`: how many threads plan a batch during the initial sync (while the
    /// batches hold the snapshot's reads), at most the cores less one.
    pub initial_sync_processes: usize,
}

impl LoopSettings {
    /// The shared retry policy with this loop's delays.
    pub fn retry_policy(&self) -> protocol::retry::RetryPolicy {
        protocol::retry::RetryPolicy::millis(self.retry_initial_delay_ms, self.retry_max_delay_ms)
    }
}

const LEASE_PREFIX: &str = "redcdc:processor:lease:";
/// A stream's fencing token: raised each time an instance takes the stream's lease.
const EPOCH_PREFIX: &str = "redcdc:processor:epoch:";
/// On each target: the highest fencing token that has written for a stream. A write carrying a
/// lower one (an owner paused or cut off past its lease) is refused by the target itself.
pub const FENCE_PREFIX: &str = "metadata:redcdc:processor:fence:";
const INSTANCES_KEY: &str = "redcdc:processor:instances";

/// Renews (or takes) a lease when it is free or ours; returns the stream's fencing token (a
/// new one when the lease is taken), or 0 when another instance holds the lease.
const LEASE_SCRIPT: &str = r#"
local cur = redis.call('GET', KEYS[1])
if cur == false or cur == ARGV[1] then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  if cur == false or redis.call('EXISTS', KEYS[2]) == 0 then
    return redis.call('INCR', KEYS[2])
  end
  return tonumber(redis.call('GET', KEYS[2]))
end
return 0
"#;
/// Raises a target's fence to this writer's token (never lowers it).
const FENCE_SCRIPT: &str = r#"
local f = tonumber(redis.call('GET', KEYS[1]) or '0')
if f < tonumber(ARGV[1]) then redis.call('SET', KEYS[1], ARGV[1]) end
return 0
"#;
const RELEASE_SCRIPT: &str = r#"
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
"#;

/// Entries of one stream: (entry id, field/value pairs).
pub(crate) type Entries = Vec<(String, Vec<(String, String)>)>;
/// Rejected entries: (entry id, why, original fields).
type Rejected = Vec<(String, Rejection, Vec<(String, String)>)>;

/// The loop over all owned streams.
pub struct Runtime {
    pub settings: LoopSettings,
    pub streams: ConnectionManager,
    pub targets: HashMap<String, crate::target::TargetConn>,
    pub planner: Arc<dyn Planner>,
    pub metrics: Arc<Metrics>,
    owned: HashSet<String>,
    /// The fencing token of each owned stream (from its lease).
    epochs: HashMap<String, u64>,
    /// Streams whose own pending entries must be re-read before new ones.
    needs_pending: HashSet<String>,
    /// The next batch being read ahead, and the streams it reads.
    prefetch: Option<tokio::task::JoinHandle<Result<BTreeMap<String, Entries>, RuntimeError>>>,
    prefetch_streams: Vec<String>,
    /// The batch whose target writes are running; it hands back its acknowledgement.
    inflight: Option<tokio::task::JoinHandle<Result<Acks, RuntimeError>>>,
    /// The acknowledgement of the last written batch, sent while the next batch is written.
    acking: Option<tokio::task::JoinHandle<Result<(), RuntimeError>>>,
    groups_ready: HashSet<String>,
    known: Vec<String>,
    /// When the last discovery sweep ended, and the Redis time it cost.
    last_discovery: Option<Instant>,
    /// The last read returned entries (discovery at the busy interval).
    busy: bool,
    last_sweep_cost: Duration,
    sweep: Option<Sweep>,
    /// Set by [`Runtime::run`]: retry sleeps end early on shutdown.
    shutdown: Option<watch::Receiver<bool>>,
    /// `redcdc stop` / `start` ([`ops::control`]); none: always running.
    control: Option<watch::Receiver<ops::control::Control>>,
}

/// A discovery sweep in progress.
#[derive(Default)]
struct Sweep {
    cursor: u64,
    found: Vec<String>,
    cost: Duration,
}

impl Runtime {
    pub fn new(
        settings: LoopSettings,
        streams: ConnectionManager,
        targets: HashMap<String, crate::target::TargetConn>,
        planner: Arc<dyn Planner>,
        metrics: Arc<Metrics>,
    ) -> Runtime {
        Runtime {
            settings,
            streams,
            targets,
            planner,
            metrics,
            owned: HashSet::new(),
            epochs: HashMap::new(),
            needs_pending: HashSet::new(),
            prefetch: None,
            prefetch_streams: Vec::new(),
            inflight: None,
            acking: None,
            groups_ready: HashSet::new(),
            known: Vec::new(),
            last_discovery: None,
            busy: false,
            last_sweep_cost: Duration::ZERO,
            sweep: None,
            shutdown: None,
            control: None,
        }
    }

    /// Pauses while `redcdc stop` says so.
    pub fn with_control(&mut self, control: watch::Receiver<ops::control::Control>) -> &mut Self {
        self.control = Some(control);
        self
    }

    /// `redcdc stop`: the batch in hand is written and acknowledged, the streams are given up
    /// (their pending entries stay in the group, to be claimed on start), then nothing is read
    /// until `redcdc start` or shutdown.
    async fn pause(&mut self, shutdown: &mut watch::Receiver<bool>) -> Result<(), RuntimeError> {
        let Some(mut control) = self.control.clone() else {
            return Ok(());
        };
        if !control.borrow().stopped {
            return Ok(());
        }
        self.drop_prefetch().await;
        self.settle().await?;
        self.release_all().await;
        self.owned.clear();
        self.needs_pending.clear();
        self.metrics.running(false);
        tracing::info!("stopped by `redcdc stop`: waiting for `redcdc start`");
        tokio::select! {
            _ = control.wait_for(|c| !c.stopped) => {
                tracing::info!("started by `redcdc start`");
            }
            _ = shutdown.wait_for(|s| *s) => {}
        }
        self.metrics.running(true);
        Ok(())
    }

    /// Runs until shutdown; transient Redis failures are retried with backoff.
    pub async fn run(&mut self, mut shutdown: watch::Receiver<bool>) -> Result<(), RuntimeError> {
        self.shutdown = Some(shutdown.clone());
        let mut retry = self.settings.retry_policy().start();
        loop {
            if *shutdown.borrow() {
                self.drop_prefetch().await;
                let r = self.settle().await;
                self.release_all().await;
                return r;
            }
            if let Err(e) = self.pause(&mut shutdown).await {
                if !e.transient() {
                    return Err(e);
                }
                tracing::warn!(error = %e, "stopping: a transient failure; retrying");
                tokio::time::sleep(Duration::from_secs(1)).await;
                continue;
            }
            match self.step().await {
                Ok(_) => {}
                Err(e @ RuntimeError::LeaseLost(_)) => {
                    tracing::warn!(error = %e, "stepping back from the streams whose lease was lost");
                    self.drop_prefetch().await;
                    // ownership is decided again by the next lease round
                    self.owned.clear();
                    self.needs_pending.clear();
                }
                Err(e) if e.transient() => {
                    let delay = retry.failed();
                    tracing::warn!(error = %e, delay_ms = delay.as_millis() as u64, "transient failure; retrying");
                    self.metrics.retry();
                    self.metrics.failed();
                    tokio::select! {
                        _ = tokio::time::sleep(delay) => {}
                        _ = shutdown.changed() => {}
                    }
                }
                Err(e) => {
                    let _ = self.settle().await;
                    self.release_all().await;
                    return Err(e);
                }
            }
        }
    }

    async fn release_all(&mut self) {
        for s in self.owned.drain().collect::<Vec<_>>() {
            let _: Result<i64, _> = redis::cmd("EVAL")
                .arg(RELEASE_SCRIPT)
                .arg(1)
                .arg(format!("{LEASE_PREFIX}{s}"))
                .arg(&self.settings.instance_id)
                .query_async(&mut self.streams)
                .await;
        }
        let _: Result<i64, _> = redis::cmd("ZREM")
            .arg(INSTANCES_KEY)
            .arg(&self.settings.instance_id)
            .query_async(&mut self.streams)
            .await;
    }

    /// Streams are found with SCAN, which walks the whole keyspace: with the target keys in the
    /// same Redis that is millions of keys. So a sweep is spread over rounds (a few SCAN calls,
    /// about 2 ms of Redis time, per round), and the next sweep starts no sooner than
    /// `idle_streams_check_interval_ms` and 20 times the Redis time the last sweep cost after
    /// it ended — discovery stays under ~5% of Redis whatever the keyspace size. The first sweep
    /// runs to the end before anything is read.
    async fn discover(&mut self) -> Result<(), RuntimeError> {
        if self.sweep.is_none() {
            let interval = if self.busy {
                self.settings.busy_discovery_interval_ms
            } else {
                self.settings.discovery_interval_ms
            };
            let wait = Duration::from_millis(interval).max(self.last_sweep_cost * 20);
            if self.last_discovery.is_some_and(|t| t.elapsed() < wait) {
                return Ok(());
            }
            self.sweep = Some(Sweep::default());
        }
        let first = self.last_discovery.is_none();
        let round = Instant::now();
        let sweep = self.sweep.as_mut().expect("sweep started above");
        loop {
            let call = Instant::now();
            let (next, keys): (u64, Vec<String>) = redis::cmd("SCAN")
                .arg(sweep.cursor)
                .arg("MATCH")
                .arg(&self.settings.stream_pattern)
                .arg("COUNT")
                .arg(1000)
                .arg("TYPE")
                .arg("stream")
                .query_async(&mut self.streams)
                .await
                .map_err(rerr("SCAN"))?;
            sweep.cost += call.elapsed();
            sweep.found.extend(
                keys.into_iter()
                    .filter(|k| !k.starts_with("dlq:") && !k.starts_with("metadata:")),
            );
            sweep.cursor = next;
            if next == 0 {
                break;
            }
            if !first && round.elapsed() >= Duration::from_millis(2) {
                return Ok(());
            }
        }
        let Sweep {
            mut found, cost, ..
        } = self.sweep.take().expect("sweep started above");
        self.last_discovery = Some(Instant::now());
        self.last_sweep_cost = cost;
        found.sort();
        found.dedup();
        for s in &found {
            if !self.groups_ready.contains(s) {
                let r: redis::RedisResult<()> = redis::cmd("XGROUP")
                    .arg("CREATE")
                    .arg(s)
                    .arg(&self.settings.group)
                    .arg("0")
                    .query_async(&mut self.streams)
                    .await;
                match r {
                    Ok(()) => tracing::info!(stream = %s, "consumer group created"),
                    Err(e) if e.to_string().contains("BUSYGROUP") => {}
                    Err(e) => return Err(rerr("XGROUP CREATE")(e)),
                }
                self.groups_ready.insert(s.clone());
            }
        }
        self.known = found;
        Ok(())
    }

    /// Registers this instance and keeps our fair share of stream leases.
    async fn leases(&mut self) -> Result<(), RuntimeError> {
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap_or_default()
            .as_millis() as u64;
        let lease = self.settings.lease_ms;
        let (_, _, live): ((), i64, i64) = redis::pipe()
            .cmd("ZADD")
            .arg(INSTANCES_KEY)
            .arg(now)
            .arg(&self.settings.instance_id)
            .cmd("ZREMRANGEBYSCORE")
            .arg(INSTANCES_KEY)
            .arg("-inf")
            .arg(now.saturating_sub(lease))
            .cmd("ZCARD")
            .arg(INSTANCES_KEY)
            .query_async(&mut self.streams)
            .await
            .map_err(rerr("instances"))?;
        let share = self.known.len().div_ceil(live.max(1) as usize).max(1);
        // renew what we hold; drop leases we lost or hold beyond our share
        let mut keep = HashSet::new();
        let mut held: Vec<String> = self.owned.iter().cloned().collect();
        held.sort();
        let mut epochs = HashMap::new();
        for s in held {
            let epoch = self.lease(&s).await?;
            if epoch > 0 && keep.len() < share && self.known.contains(&s) {
                epochs.insert(s.clone(), epoch);
                keep.insert(s);
            } else if epoch > 0 {
                let _: i64 = redis::cmd("EVAL")
                    .arg(RELEASE_SCRIPT)
                    .arg(1)
                    .arg(format!("{LEASE_PREFIX}{s}"))
                    .arg(&self.settings.instance_id)
                    .query_async(&mut self.streams)
                    .await
                    .map_err(rerr("lease"))?;
                tracing::info!(stream = %s, "released a stream to rebalance");
            } else {
                // paused or cut off past the lease: another instance holds it now
                tracing::warn!(stream = %s, "lease lost: another instance holds the stream; stepping back from it");
            }
        }
        for s in self.known.clone() {
            if keep.len() >= share {
                break;
            }
            if keep.contains(&s) {
                continue;
            }
            let epoch = self.lease(&s).await?;
            if epoch > 0 {
                tracing::info!(stream = %s, epoch, "took over stream");
                epochs.insert(s.clone(), epoch);
                self.claim_pending(&s).await?;
                self.needs_pending.insert(s.clone());
                keep.insert(s);
            }
        }
        self.owned = keep;
        self.epochs = epochs;
        Ok(())
    }

    /// Renews or takes the lease of `stream`: its fencing token, or 0 when another holds it.
    async fn lease(&mut self, stream: &str) -> Result<u64, RuntimeError> {
        let epoch: i64 = redis::cmd("EVAL")
            .arg(LEASE_SCRIPT)
            .arg(2)
            .arg(format!("{LEASE_PREFIX}{stream}"))
            .arg(format!("{EPOCH_PREFIX}{stream}"))
            .arg(&self.settings.instance_id)
            .arg(self.settings.lease_ms)
            .query_async(&mut self.streams)
            .await
            .map_err(rerr("lease"))?;
        Ok(epoch.max(0) as u64)
    }

    /// Moves entries left pending by other consumers to us, so they are re-applied.
    async fn claim_pending(&mut self, stream: &str) -> Result<(), RuntimeError> {
        let mut start = "0-0".to_string();
        loop {
            let v: redis::Value = redis::cmd("XAUTOCLAIM")
                .arg(stream)
                .arg(&self.settings.group)
                .arg(&self.settings.instance_id)
                .arg(0)
                .arg(&start)
                .arg("COUNT")
                .arg(1000)
                .arg("JUSTID")
                .query_async(&mut self.streams)
                .await
                .map_err(rerr("XAUTOCLAIM"))?;
            let next = match &v {
                redis::Value::Array(items) => items
                    .first()
                    .and_then(|i| redis::from_redis_value_ref::<String>(i).ok()),
                _ => None,
            };
            match next {
                Some(n) if n != "0-0" => start = n,
                _ => return Ok(()),
            }
        }
    }

    /// One round: discovery, leases, then a batch from the owned streams. The target writes of
    /// a batch run while the next batch is read and planned; a stream's batches are still
    /// applied in order, because a batch's writes start only after the previous batch's are
    /// acknowledged.
    pub async fn step(&mut self) -> Result<usize, RuntimeError> {
        self.discover().await?;
        self.leases().await?;
        if self.owned.is_empty() {
            self.settle().await?;
            self.busy = false;
            tokio::time::sleep(Duration::from_millis(self.settings.idle_sleep_ms.max(1))).await;
            return Ok(0);
        }
        let mut owned: Vec<String> = self.owned.iter().cloned().collect();
        owned.sort();
        let mut total = 0;
        if owned.iter().any(|s| self.needs_pending.contains(s)) || self.prefetch_streams != owned {
            self.drop_prefetch().await;
        }
        // entries left pending (taken over, or a failed attempt): re-applied first, in order
        let reread: Vec<String> = owned
            .iter()
            .filter(|s| self.needs_pending.contains(*s))
            .cloned()
            .collect();
        for s in reread {
            // every pending batch of the stream before any new entry: re-applying an older
            // entry after a newer one would undo it (a delete brought back by its create)
            loop {
                self.settle().await?;
                let entries = self.read(std::slice::from_ref(&s), "0", None).await?;
                let n: usize = entries.values().map(Vec::len).sum();
                if n == 0 {
                    self.needs_pending.remove(&s);
                    break;
                }
                total += n;
                let prepared = self.prepare(entries).await;
                self.commit_now(prepared).await?;
            }
        }
        let t0 = Instant::now();
        let entries = match self.prefetch.take() {
            Some(h) => h
                .await
                .map_err(|e| RuntimeError::Fatal(format!("read task failed: {e}")))??,
            None => {
                self.read(&owned, ">", Some(self.settings.read_batch_timeout_ms))
                    .await?
            }
        };
        let n = entries.values().map(Vec::len).sum::<usize>();
        let t_read = t0.elapsed();
        self.busy = n > 0;
        self.metrics.incoming(n as u64);
        for (stream, e) in &entries {
            if let Some(ms) = e
                .last()
                .and_then(|(id, _)| id.split('-').next())
                .and_then(|ms| ms.parse().ok())
            {
                self.metrics.latency(stream, ms);
            }
        }
        // read the next batch while this one is planned and the previous one is written
        if n > 0 && self.settings.async_processing {
            self.start_prefetch(&owned);
            self.prefetch_streams = owned.clone();
        }
        total += n;
        if n == 0 {
            self.settle().await?;
            return Ok(0);
        }
        let prepared = self.prepare(entries).await;
        let t_prep = t0.elapsed();
        self.metrics.time(Phase::Read, t_read);
        self.metrics.time(Phase::Transform, t_prep - t_read);
        self.finish_inflight().await?;
        tracing::debug!(
            n,
            read_us = t_read.as_micros() as u64,
            prepare_us = (t_prep - t_read).as_micros() as u64,
            wait_us = (t0.elapsed() - t_prep).as_micros() as u64,
            "batch"
        );
        if !self.settings.async_processing {
            self.commit_now(prepared).await?;
            return Ok(total);
        }
        let committer = self.committer();
        self.inflight = Some(tokio::spawn(
            async move { committer.commit(prepared).await },
        ));
        Ok(total)
    }

    /// Waits for the batch whose writes are in flight and starts its acknowledgement (after
    /// the previous one has completed); on failure its streams are re-read from their pending
    /// entries. Acknowledging batch N while batch N+1 is written keeps per-key order: N+1's
    /// writes start only after N's are applied, and an entry whose acknowledgement is lost is
    /// re-applied (idempotently, in order) from the pending list.
    pub async fn finish_inflight(&mut self) -> Result<(), RuntimeError> {
        let Some(h) = self.inflight.take() else {
            return Ok(());
        };
        tracing::debug!("waiting for the batch in flight");
        let r = match h.await {
            Ok(r) => r,
            Err(e) => Err(RuntimeError::Fatal(format!("write task failed: {e}"))),
        };
        match r {
            Ok(acks) => {
                self.finish_acks().await?;
                self.acking = Some(tokio::spawn(acks.send()));
                Ok(())
            }
            Err(e) => {
                self.needs_pending.extend(self.owned.iter().cloned());
                Err(e)
            }
        }
    }

    /// Waits for the acknowledgement in flight.
    async fn finish_acks(&mut self) -> Result<(), RuntimeError> {
        let Some(h) = self.acking.take() else {
            return Ok(());
        };
        let r = match h.await {
            Ok(r) => r,
            Err(e) => Err(RuntimeError::Fatal(format!(
                "acknowledgement task failed: {e}"
            ))),
        };
        if r.is_err() {
            self.needs_pending.extend(self.owned.iter().cloned());
        }
        r
    }

    /// Waits until everything written is also acknowledged.
    pub async fn settle(&mut self) -> Result<(), RuntimeError> {
        self.finish_inflight().await?;
        self.finish_acks().await
    }

    async fn commit_now(&mut self, prepared: Vec<PreparedStream>) -> Result<(), RuntimeError> {
        let r = match self.committer().commit(prepared).await {
            Ok(acks) => acks.send().await,
            Err(e) => Err(e),
        };
        if r.is_err() {
            self.needs_pending.extend(self.owned.iter().cloned());
        }
        r
    }

    fn committer(&self) -> Committer {
        Committer {
            streams: self.streams.clone(),
            targets: self.targets.clone(),
            settings: self.settings.clone(),
            metrics: self.metrics.clone(),
            shutdown: self.shutdown.clone(),
            epochs: self.epochs.clone(),
        }
    }

    async fn read(
        &mut self,
        streams: &[String],
        id: &str,
        block_ms: Option<u64>,
    ) -> Result<BTreeMap<String, Entries>, RuntimeError> {
        read_group(self.streams.clone(), &self.settings, streams, id, block_ms).await
    }

    /// Starts reading the next batch of new entries while the current one is planned.
    fn start_prefetch(&mut self, owned: &[String]) {
        let (conn, settings, streams) =
            (self.streams.clone(), self.settings.clone(), owned.to_vec());
        self.prefetch = Some(tokio::spawn(async move {
            read_group(
                conn,
                &settings,
                &streams,
                ">",
                Some(settings.read_batch_timeout_ms),
            )
            .await
        }));
    }

    /// Waits for a read-ahead that will not be used: its entries stay pending and are
    /// re-read with the pending ones.
    async fn drop_prefetch(&mut self) {
        if let Some(h) = self.prefetch.take() {
            let _ = h.await;
            self.needs_pending.extend(self.owned.iter().cloned());
        }
    }

    /// Parses and plans a batch (CPU only; no I/O). A large batch with transforms is cut into
    /// consecutive parts planned at once ([`planning_threads`]; the parts past the first on
    /// tokio's blocking pool, whose threads are reused), then joined in order.
    async fn prepare(&self, batches: BTreeMap<String, Entries>) -> Vec<PreparedStream> {
        let null_value = self.settings.null_value.as_str();
        let wbs = self.settings.write_batch_size;
        let threads = planning_threads(
            self.metrics.in_initial_sync(),
            self.settings.initial_sync_processes,
            *CORES,
        );
        let mut out = Vec::new();
        for (stream, mut entries) in batches {
            if entries.is_empty() {
                continue;
            }
            if entries.len() < 512 || self.planner.fast_default() || threads < 2 {
                let part =
                    || prepare_part(self.planner.as_ref(), null_value, wbs, &stream, entries);
                out.push(if self.planner.blocking() {
                    tokio::task::block_in_place(part)
                } else {
                    part()
                });
                continue;
            }
            // consecutive parts: the first planned here, the others on the blocking pool
            let rest = split_parts(&mut entries, threads);
            let handles: Vec<_> = rest
                .into_iter()
                .map(|part| {
                    let (planner, nv, st) =
                        (self.planner.clone(), null_value.to_string(), stream.clone());
                    tokio::task::spawn_blocking(move || {
                        prepare_part(planner.as_ref(), &nv, wbs, &st, part)
                    })
                })
                .collect();
            let mut a = tokio::task::block_in_place(|| {
                prepare_part(self.planner.as_ref(), null_value, wbs, &stream, entries)
            });
            for h in handles {
                match h.await {
                    Ok(b) => {
                        a.writes.extend(b.writes);
                        a.dlq.extend(b.dlq);
                        a.ids.extend(b.ids);
                        for i in 0..4 {
                            a.outcomes[i] += b.outcomes[i];
                        }
                        a.reads += b.reads;
                    }
                    // a panic in planning: apply the parts before it only; the rest stays pending
                    Err(_) => {
                        tracing::error!(stream = %stream, "planning task panicked");
                        break;
                    }
                }
            }
            out.push(a);
        }
        out
    }
}

/// The threads that plan one large batch. During the initial sync, `initial_sync_processes`
/// (RDI's count of initial-sync workers), at most the cores less one (the reply parsing, the
/// writes and often the Redis server need one); while streaming, two when more than two cores
/// are there. On the 2-core bench one planning thread gave 103k events/s and two 93-98k.
pub(crate) fn planning_threads(
    initial_sync: bool,
    initial_sync_processes: usize,
    cores: usize,
) -> usize {
    if initial_sync {
        initial_sync_processes.clamp(1, cores.saturating_sub(1).max(1))
    } else if cores > 2 {
        2
    } else {
        1
    }
}

/// Cuts `entries` into up to `parts` consecutive parts of equal size: `entries` keeps the first,
/// the others are returned in order.
pub(crate) fn split_parts(entries: &mut Entries, parts: usize) -> Vec<Entries> {
    let size = entries.len().div_ceil(parts.max(1)).max(1);
    let mut rest = Vec::new();
    for k in (1..parts).rev() {
        if k * size < entries.len() {
            rest.push(entries.split_off(k * size));
        }
    }
    rest.reverse();
    rest
}

#[cfg(test)]
mod planning_tests {
    use super::{planning_threads, split_parts, Entries};

    #[test]
    fn parts_are_consecutive_and_keep_the_order() {
        for (n, parts) in [(1000usize, 3usize), (1000, 4), (7, 3), (2, 4), (512, 1)] {
            let mut e: Entries = (0..n).map(|i| (i.to_string(), Vec::new())).collect();
            let rest = split_parts(&mut e, parts);
            assert!(rest.len() < parts && !e.is_empty(), "{n}/{parts}");
            let joined: Vec<String> = e
                .iter()
                .chain(rest.iter().flatten())
                .map(|(id, _)| id.clone())
                .collect();
            let want: Vec<String> = (0..n).map(|i| i.to_string()).collect();
            assert_eq!(joined, want, "{n}/{parts}");
            let sizes: Vec<usize> = std::iter::once(e.len())
                .chain(rest.iter().map(Vec::len))
                .collect();
            assert!(
                sizes.iter().max().unwrap() - sizes.iter().min().unwrap() <= n.div_ceil(parts),
                "{sizes:?}"
            );
        }
    }

    #[test]
    fn initial_sync_processes_bounds_the_planning_threads() {
        // initial sync: the setting, at most the cores less one
        assert_eq!(planning_threads(true, 4, 2), 1);
        assert_eq!(planning_threads(true, 4, 8), 4);
        assert_eq!(planning_threads(true, 32, 8), 7);
        assert_eq!(planning_threads(true, 1, 8), 1);
        assert_eq!(planning_threads(true, 3, 1), 1);
        // streaming: two threads only where cores are spare
        assert_eq!(planning_threads(false, 32, 2), 1);
        assert_eq!(planning_threads(false, 1, 8), 2);
    }
}

/// The cores this process may use.
static CORES: std::sync::LazyLock<usize> =
    std::sync::LazyLock::new(|| std::thread::available_parallelism().map_or(1, |n| n.get()));

/// Parses and plans entries of one stream, in order.
fn prepare_part(
    planner: &dyn Planner,
    null_value: &str,
    write_batch_size: usize,
    stream: &str,
    entries: Entries,
) -> PreparedStream {
    // pipelines per target connection of up to `write_batch_size` entries each, built here
    // (on the planning thread) so the write task only sends them
    let mut writes = Pipelines::new(write_batch_size, stream);
    let mut dlq: Rejected = Vec::new();
    // inserted, updated, deleted, filtered: counted per batch
    let mut outcomes = [0u64; 4];
    let mut reads = 0u64;
    let mut ids = Vec::with_capacity(entries.len());
    let fast = planner.fast_default();
    for (id, fields) in entries {
        if fast {
            match crate::fast::plan(&fields, null_value) {
                crate::fast::Fast::Commands(cmds, op) => {
                    reads += u64::from(op == crate::record::Op::Read);
                    outcomes[match op {
                        crate::record::Op::Delete => 2,
                        crate::record::Op::Update => 1,
                        _ => 0,
                    }] += 1;
                    let p = writes.next(crate::config::DEFAULT_CONNECTION);
                    for c in cmds {
                        p.add_command(c).ignore();
                    }
                    ids.push(id);
                    continue;
                }
                crate::fast::Fast::Tombstone => {
                    ids.push(id);
                    continue;
                }
                crate::fast::Fast::No | crate::fast::Fast::Reject => {}
            }
        }
        writes.begin();
        let change = match parse_entry(&fields, null_value) {
            Ok(Entry::Tombstone) => {
                ids.push(id);
                continue;
            }
            Ok(Entry::Change(c)) => c,
            Err(e) => {
                let r = Rejection {
                    job: "-".into(),
                    reason: format!("not a change event: {e}"),
                };
                dlq.push((id.clone(), r, fields));
                ids.push(id);
                continue;
            }
        };
        let op = change.op;
        reads += u64::from(op == crate::record::Op::Read);
        match planner.plan_owned(stream, *change) {
            Ok(p) => {
                let outcome = if p.filtered {
                    3
                } else {
                    match op {
                        crate::record::Op::Delete => 2,
                        crate::record::Op::Update => 1,
                        _ => 0,
                    }
                };
                outcomes[outcome] += 1;
                for (conn, w) in p.writes {
                    let w = match w {
                        Write::Stream { key, fields, .. } => Write::Stream {
                            key,
                            fields,
                            source_stream: stream.to_string(),
                            source_id: id.clone(),
                        },
                        other => other,
                    };
                    target::add(writes.current(&conn), w);
                }
            }
            Err(r) => dlq.push((id.clone(), r, fields)),
        }
        ids.push(id);
    }
    PreparedStream {
        stream: stream.to_string(),
        writes: writes.done(),
        dlq,
        ids,
        outcomes,
        reads,
    }
}

/// The entries of a written batch, to acknowledge.
struct Acks {
    conn: ConnectionManager,
    group: String,
    ids: Vec<(String, Vec<String>)>,
    metrics: Arc<Metrics>,
    /// when the batch's writes started
    started: Instant,
}

impl Acks {
    async fn send(mut self) -> Result<(), RuntimeError> {
        let t0 = Instant::now();
        failpoint("before_ack");
        for (stream, ids) in &self.ids {
            let _: i64 = redis::cmd("XACK")
                .arg(stream)
                .arg(&self.group)
                .arg(ids)
                .query_async(&mut self.conn)
                .await
                .map_err(rerr("XACK"))?;
        }
        self.metrics.time(Phase::Ack, t0.elapsed());
        self.metrics.time(Phase::Total, self.started.elapsed());
        self.metrics.batch_done();
        Ok(())
    }
}

/// The target pipelines of a batch, in order: per connection, a new pipeline every
/// `write_batch_size` entries, each a `MULTI`/`EXEC` transaction followed by `WATCH` and `GET`
/// of the stream's fence (see [`Committer::write_targets`]).
struct Pipelines {
    limit: usize,
    fence: String,
    /// (connection, pipeline, entries in it, the last entry that wrote to it)
    list: Vec<(String, redis::Pipeline, usize, u64)>,
    open: HashMap<String, usize>,
    entry: u64,
}

impl Pipelines {
    fn new(limit: usize, stream: &str) -> Pipelines {
        Pipelines {
            limit: limit.max(1),
            fence: format!("{FENCE_PREFIX}{stream}"),
            list: Vec::new(),
            open: HashMap::new(),
            entry: 0,
        }
    }

    /// A new entry starts.
    fn begin(&mut self) {
        self.entry += 1;
    }

    /// The pipeline a new entry writes to.
    fn next(&mut self, conn: &str) -> &mut redis::Pipeline {
        self.begin();
        self.current(conn)
    }

    /// The pipeline the current entry writes to on `conn`.
    fn current(&mut self, conn: &str) -> &mut redis::Pipeline {
        let entry = self.entry;
        let i = match self.open.get(conn) {
            Some(&i) if self.list[i].3 == entry || self.list[i].2 < self.limit => i,
            _ => {
                let mut p = redis::Pipeline::new();
                p.cmd("MULTI").ignore();
                self.list.push((conn.to_string(), p, 0, 0));
                self.open.insert(conn.to_string(), self.list.len() - 1);
                self.list.len() - 1
            }
        };
        let p = &mut self.list[i];
        if p.3 != entry {
            p.2 += 1;
            p.3 = entry;
        }
        &mut p.1
    }

    fn done(self) -> Vec<(String, redis::Pipeline)> {
        let fence = self.fence;
        self.list
            .into_iter()
            .map(|(c, mut p, _, _)| {
                p.cmd("EXEC")
                    .cmd("WATCH")
                    .arg(&fence)
                    .ignore()
                    .cmd("GET")
                    .arg(&fence);
                (c, p)
            })
            .collect()
    }
}

/// A planned batch of one stream.
pub struct PreparedStream {
    stream: String,
    /// Target connection and its pipeline, applied in this order.
    writes: Vec<(String, redis::Pipeline)>,
    dlq: Rejected,
    ids: Vec<String>,
    outcomes: [u64; 4],
    /// snapshot reads (`op` r) among the inserted
    reads: u64,
}

/// Applies planned batches: target writes, dead letters, then the acknowledgement.
struct Committer {
    streams: ConnectionManager,
    targets: HashMap<String, crate::target::TargetConn>,
    settings: LoopSettings,
    metrics: Arc<Metrics>,
    shutdown: Option<watch::Receiver<bool>>,
    /// The fencing token of each stream this instance owned when the batch was planned.
    epochs: HashMap<String, u64>,
}

impl Committer {
    /// Applies the target writes and dead letters; returns the acknowledgement to send.
    async fn commit(mut self, prepared: Vec<PreparedStream>) -> Result<Acks, RuntimeError> {
        failpoint("before_write");
        tracing::debug!(
            streams = prepared.len(),
            "checking the stream leases before writing"
        );
        // the streams must still be ours: an instance paused past its leases must not write
        // (the check and the writes are not one transaction — the targets may be another
        // Redis — so a pause between them is the remaining window)
        for p in &prepared {
            let holder: Option<String> = redis::cmd("GET")
                .arg(format!("{LEASE_PREFIX}{}", p.stream))
                .query_async(&mut self.streams)
                .await
                .map_err(rerr("lease check"))?;
            tracing::debug!(stream = %p.stream, holder = ?holder, "lease holder");
            if holder.as_deref() != Some(self.settings.instance_id.as_str()) {
                tracing::warn!(stream = %p.stream, holder = ?holder, entries = p.ids.len(), "write refused: another instance holds the stream's lease");
                return Err(RuntimeError::LeaseLost(p.stream.clone()));
            }
        }
        let t0 = Instant::now();
        let mut acks = Vec::with_capacity(prepared.len());
        let reads: u64 = prepared.iter().map(|p| p.reads).sum();
        let changes: u64 = prepared
            .iter()
            .map(|p| p.outcomes[..3].iter().sum::<u64>())
            .sum();
        // changes follow the snapshot's reads: a batch holding any is streaming
        if reads + changes > 0 {
            self.metrics.sync_mode(changes == reads);
        }
        for p in prepared {
            let epoch = self
                .epochs
                .get(&p.stream)
                .copied()
                .ok_or_else(|| RuntimeError::LeaseLost(p.stream.clone()))?;
            self.write_targets(&p.stream, epoch, &p.writes).await?;
            if !p.dlq.is_empty() {
                self.reject(&p.stream, &p.dlq).await?;
            }
            for (i, op) in ["inserted", "updated", "deleted", "filtered"]
                .iter()
                .enumerate()
            {
                if p.outcomes[i] > 0 {
                    self.metrics.add(&p.stream, op, p.outcomes[i]);
                }
            }
            acks.push((p.stream, p.ids));
        }
        self.metrics.time(Phase::Write, t0.elapsed());
        Ok(Acks {
            conn: self.streams,
            group: self.settings.group,
            ids: acks,
            metrics: self.metrics,
            started: t0,
        })
    }

    /// Sends a batch's target pipelines, in order, each a `MULTI`/`EXEC` fenced by the
    /// stream's token: before the first, the target's fence is raised to our token (never
    /// lowered) and `WATCH`ed; each transaction ends by re-`WATCH`ing it and reading it back. A
    /// newer owner raises the fence before its first write, so from then on every transaction
    /// of ours aborts (or is not sent): a paused or cut-off owner can write nothing after the
    /// new owner's first write, whatever the moment it was paused (the lease check in
    /// [`Committer::commit`] alone leaves the time between check and write). One round trip
    /// per `write_batch_size` entries. On a failure, the failed target gets a new connection
    /// and the pipelines from the failed one on are sent again, in order: an earlier write
    /// never lands after a later one.
    async fn write_targets(
        &mut self,
        stream: &str,
        epoch: u64,
        pipes: &[(String, redis::Pipeline)],
    ) -> Result<(), RuntimeError> {
        failpoint("before_target_write");
        let fence = format!("{FENCE_PREFIX}{stream}");
        let mut retry = self.settings.retry_policy().start();
        let mut from = 0;
        let mut attempts = 0u32;
        while from < pipes.len() {
            attempts += 1;
            // connections whose WATCH on the fence is set and whose fence holds our token
            let mut armed: HashSet<&str> = HashSet::new();
            let mut failed = None;
            for (i, (name, p)) in pipes.iter().enumerate().skip(from) {
                let target = self.targets.get(name).ok_or_else(|| {
                    RuntimeError::Fatal(format!(
                        "job output names connection `{name}`, which is not in config.yaml targets"
                    ))
                })?;
                let mut conn = target.get();
                if !armed.contains(name.as_str()) {
                    let now: redis::RedisResult<(Option<u64>,)> = redis::pipe()
                        .cmd("UNWATCH")
                        .ignore()
                        .cmd("EVAL")
                        .arg(FENCE_SCRIPT)
                        .arg(1)
                        .arg(&fence)
                        .arg(epoch)
                        .ignore()
                        .cmd("WATCH")
                        .arg(&fence)
                        .ignore()
                        .cmd("GET")
                        .arg(&fence)
                        .query_async(&mut conn)
                        .await;
                    match now {
                        Ok((f,)) if f == Some(epoch) => {
                            armed.insert(name);
                        }
                        Ok((f,)) => return Err(self.fenced(stream, name, epoch, f, i)),
                        Err(e) => {
                            failed = Some((i, e));
                            break;
                        }
                    }
                }
                // [EXEC's reply, the fence after it]
                let r: redis::RedisResult<(redis::Value, Option<u64>)> =
                    p.query_async(&mut conn).await;
                match r {
                    Ok((redis::Value::Nil, f)) => {
                        return Err(self.fenced(stream, name, epoch, f, i))
                    }
                    Ok((exec, f)) => {
                        if let Err(e) = exec.extract_error() {
                            failed = Some((i, e));
                            break;
                        }
                        if f != Some(epoch) {
                            // applied before the newer owner's first write; nothing more is
                            return Err(self.fenced(stream, name, epoch, f, i + 1));
                        }
                    }
                    Err(e) => {
                        failed = Some((i, e));
                        break;
                    }
                }
            }
            let Some((i, e)) = failed else {
                return Ok(());
            };
            let err = rerr("target write")(e);
            if !err.transient() {
                return Err(RuntimeError::Fatal(format!(
                    "writing the target for stream {stream} failed: {err}; fix the target or the job (the entries stay pending and are re-applied on restart)"
                )));
            }
            if attempts >= self.settings.retry_max_attempts {
                return Err(RuntimeError::Fatal(format!(
                    "writing the target for stream {stream} failed {attempts} times (processors.retry_max_attempts): {err}; the entries stay pending and are re-applied on restart"
                )));
            }
            let delay = retry.failed();
            tracing::warn!(error = %err, delay_ms = delay.as_millis() as u64, stream, "target write failed; retrying");
            self.metrics.retry();
            self.metrics.failed();
            if let Some(mut s) = self.shutdown.clone() {
                tokio::select! {
                    _ = tokio::time::sleep(delay) => {}
                    _ = s.wait_for(|stop| *stop) => {
                        return Err(RuntimeError::Fatal(format!(
                            "shutting down while the target of stream {stream} is unreachable ({err}); the entries stay pending and are re-applied on restart"
                        )));
                    }
                }
            } else {
                tokio::time::sleep(delay).await;
            }
            from = i;
            // a fresh connection for the failed target (a dropped one never recovers); if it
            // cannot be made yet, the next attempt fails and comes back here
            if let Some(t) = self.targets.get(&pipes[from].0) {
                if let Err(e) = t.reconnect().await {
                    tracing::warn!(error = %e, stream, "reconnecting the target failed; retrying");
                }
            }
        }
        Ok(())
    }

    /// A newer owner's token is on the target: this instance steps back from the stream.
    fn fenced(
        &self,
        stream: &str,
        target: &str,
        epoch: u64,
        fence: Option<u64>,
        written: usize,
    ) -> RuntimeError {
        tracing::warn!(stream, target, epoch, fence = ?fence, pipelines_written = written, "write refused: a newer owner of the stream has fenced the target");
        RuntimeError::LeaseLost(stream.to_string())
    }

    async fn reject(&mut self, stream: &str, dlq: &Rejected) -> Result<(), RuntimeError> {
        for (id, r, _) in dlq {
            self.metrics.count(stream, "rejected");
            tracing::warn!(stream, entry = %id, job = %r.job, reason = %r.reason, "entry rejected");
        }
        if !self.settings.dlq {
            return Ok(());
        }
        let mut p = redis::pipe();
        let key = format!("dlq:{stream}");
        for (id, r, fields) in dlq {
            let original: serde_json::Map<String, serde_json::Value> = fields
                .iter()
                .map(|(k, v)| (k.clone(), serde_json::Value::from(v.clone())))
                .collect();
            p.cmd("XADD")
                .arg(&key)
                .arg("MAXLEN")
                .arg("~")
                .arg(self.settings.dlq_max_messages)
                .arg("*")
                .arg("source_stream")
                .arg(stream)
                .arg("source_id")
                .arg(id)
                .arg("job")
                .arg(&r.job)
                .arg("reason")
                .arg(&r.reason)
                .arg("original")
                .arg(serde_json::Value::Object(original).to_string())
                .ignore();
        }
        p.query_async::<()>(&mut self.streams)
            .await
            .map_err(rerr("DLQ XADD"))
    }
}

/// XREADGROUP for `streams` from `id` (`>` for new entries, `0` for our pending ones).
async fn read_group(
    mut conn: ConnectionManager,
    settings: &LoopSettings,
    streams: &[String],
    id: &str,
    block_ms: Option<u64>,
) -> Result<BTreeMap<String, Entries>, RuntimeError> {
    let mut cmd = redis::cmd("XREADGROUP");
    cmd.arg("GROUP")
        .arg(&settings.group)
        .arg(&settings.instance_id)
        .arg("COUNT")
        .arg(settings.read_batch_size);
    if let Some(b) = block_ms {
        cmd.arg("BLOCK").arg(b);
    }
    cmd.arg("STREAMS").arg(streams);
    for _ in streams {
        cmd.arg(id);
    }
    let v: redis::Value = cmd
        .query_async(&mut conn)
        .await
        .map_err(rerr("XREADGROUP"))?;
    Ok(parse_read_reply(v))
}

/// Crash-test hook: `REDCDC_FAILPOINT=<name>[:n]` aborts the process (like kill -9) the n-th
/// time it passes the point `<name>`: `before_write` (a planned batch, before the lease check),
/// `before_target_write` (after it, before the target transactions), `before_ack` (written,
/// not yet acknowledged).
fn failpoint(name: &str) {
    static HITS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let Ok(v) = std::env::var("REDCDC_FAILPOINT") else {
        return;
    };
    let mut parts = v.split(':');
    let armed = parts.next().unwrap_or_default();
    let n: u64 = parts.next().and_then(|n| n.parse().ok()).unwrap_or(1);
    if armed != name {
        return;
    }
    let hits = HITS.fetch_add(1, std::sync::atomic::Ordering::SeqCst) + 1;
    // `<name>:<n>:stop`: stop this process there (SIGSTOP to itself) until a test continues it
    if n_stop(&v) && hits == n {
        eprintln!("failpoint {name} reached: stopping");
        let _ = std::process::Command::new("kill")
            .args(["-STOP", &std::process::id().to_string()])
            .status();
        // the stop reaches this thread asynchronously: wait here for it, so nothing after the
        // failpoint runs before the process is continued
        std::thread::sleep(Duration::from_millis(200));
    } else if !n_stop(&v) && hits >= n {
        eprintln!("failpoint {name} reached: aborting");
        std::process::abort();
    }
}

fn n_stop(v: &str) -> bool {
    v.ends_with(":stop")
}

type ReadReply = BTreeMap<String, Vec<(String, Vec<(String, String)>)>>;

fn parse_read_reply(v: redis::Value) -> ReadReply {
    let mut out = BTreeMap::new();
    let streams = match v {
        redis::Value::Array(a) => a,
        redis::Value::Map(m) => m
            .into_iter()
            .map(|(k, v)| redis::Value::Array(vec![k, v]))
            .collect(),
        _ => return out,
    };
    for s in streams {
        let redis::Value::Array(mut parts) = s else {
            continue;
        };
        if parts.len() < 2 {
            continue;
        }
        let entries = parts.pop().map(parse_entries).unwrap_or_default();
        let name = redis::from_redis_value_ref::<String>(&parts[0]).unwrap_or_default();
        out.insert(name, entries);
    }
    out
}

/// Entries of an XRANGE / XREADGROUP stream reply. A pending entry that was trimmed comes
/// back without fields; it is kept (with no fields) so it gets acknowledged.
pub(crate) fn parse_entries(v: redis::Value) -> Entries {
    // take the bytes out of the reply instead of copying them
    fn text(v: redis::Value) -> String {
        match v {
            redis::Value::BulkString(b) => String::from_utf8(b)
                .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()),
            redis::Value::SimpleString(s) => s,
            other => redis::from_redis_value_ref::<String>(&other).unwrap_or_default(),
        }
    }
    let mut entries = Vec::new();
    if let redis::Value::Array(items) = v {
        entries.reserve(items.len());
        for item in items {
            let redis::Value::Array(e) = item else {
                continue;
            };
            let mut e = e.into_iter();
            let Some(id) = e.next().map(text) else {
                continue;
            };
            let mut fields = Vec::new();
            if let Some(redis::Value::Array(kv)) = e.next() {
                let mut kv = kv.into_iter();
                while let (Some(k), Some(v)) = (kv.next(), kv.next()) {
                    fields.push((text(k), text(v)));
                }
            }
            entries.push((id, fields));
        }
    }
    entries
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pipelines_split_every_write_batch_size_entries_per_connection() {
        let mut p = Pipelines::new(2, "s");
        // five entries: each writes two commands to `a`; every second one also writes to `b`
        for i in 0..5 {
            p.begin();
            p.current("a").cmd("SET").arg(i).arg(1);
            p.current("a").cmd("SET").arg(i).arg(2);
            if i % 2 == 0 {
                p.current("b").cmd("SET").arg(i).arg(3);
            }
        }
        // the fast path's one-call form
        p.next("a").cmd("SET").arg(9).arg(9);
        let done = p.done();
        let shape: Vec<(&str, usize)> = done.iter().map(|(c, p)| (c.as_str(), p.len())).collect();
        // a: entries 0,1 | 2,3 | 4,5(fast) ; b: entries 0,2 | 4 — each inside MULTI ... EXEC,
        // then WATCH and GET of the stream's fence
        assert_eq!(
            shape,
            vec![("a", 8), ("b", 6), ("a", 8), ("a", 7), ("b", 5)]
        );
        let first: Vec<String> = done[0]
            .1
            .cmd_iter()
            .map(|c| String::from_utf8_lossy(&c.get_packed_command()).into_owned())
            .collect();
        assert!(first[0].contains("MULTI"));
        assert!(first[5].contains("EXEC"));
        assert!(
            first[6].contains("WATCH") && first[6].contains("metadata:redcdc:processor:fence:s")
        );
        assert!(first[7].contains("GET"));
    }
}
