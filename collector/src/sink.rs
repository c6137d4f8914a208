//! The Redis sink: stream entries laid out as Debezium Server's Redis sink writes them, and the
//! offsets in Debezium's Redis offset store — **in the same MULTI/EXEC**, so a batch's entries
//! and the offset that covers them become visible together or not at all. That is what makes a
//! crash at any instant neither lose nor repeat an event.
//!
//! Retry: connection errors, `LOADING`, `BUSY`, `TRYAGAIN` and OOM (`maxmemory` reached, or
//! `memory.limit.mb` would be exceeded) are transient: the batch is retried with backoff until it
//! goes through, never dropped. Authentication and other command errors are definite.

use std::time::Duration;

use protocol::envelope::Record;
use protocol::profile::OutputProfile;
use redis::aio::MultiplexedConnection;

use crate::config::SinkConfig;
use crate::error::{pause, retrier, Retry, REDIS_POLICY};
use crate::failpoint;

/// A Redis problem.
#[derive(Debug, thiserror::Error)]
pub enum SinkError {
    #[error("cannot connect to Redis at {address}: {message}")]
    Connect { address: String, message: String },
    #[error(
        "Redis rejected the credentials for {address}: {message}; check sink.user/sink.password"
    )]
    Auth { address: String, message: String },
    #[error("Redis is out of memory ({0}); waiting for memory to free")]
    OutOfMemory(String),
    #[error("Redis command failed: {0}")]
    Command(String),
    #[error("shutting down while Redis could not take the writes ({0}); nothing unwritten is lost: the next start re-reads it from the stored offset")]
    Interrupted(String),
    #[error("this instance lost its lease (fence `{0}` moved on): another collector with the same configuration is active; this one stands by")]
    Fenced(String),
    #[error("stored offset in `{key}` field `{field}` is unreadable: {message}; delete the field to start over")]
    BadOffset {
        key: String,
        field: String,
        message: String,
    },
}

impl SinkError {
    pub fn retry(&self) -> Retry {
        match self {
            SinkError::Connect { .. } | SinkError::OutOfMemory(_) => Retry::Transient,
            SinkError::Auth { .. }
            | SinkError::BadOffset { .. }
            | SinkError::Interrupted(_)
            | SinkError::Fenced(_) => Retry::Definite,
            SinkError::Command(m) => {
                if [
                    "LOADING",
                    "BUSY",
                    "TRYAGAIN",
                    "MASTERDOWN",
                    "READONLY",
                    "CLUSTERDOWN",
                ]
                .iter()
                .any(|p| m.contains(p))
                {
                    Retry::Transient
                } else {
                    Retry::Definite
                }
            }
        }
    }
}

fn classify(address: &str, e: redis::RedisError) -> SinkError {
    let msg = e.to_string();
    if msg.contains("OOM") || msg.contains("maxmemory") {
        return SinkError::OutOfMemory(msg);
    }
    if msg.contains("WRONGPASS")
        || msg.contains("NOAUTH")
        || msg.contains("NOPERM")
        || msg.contains("invalid password")
        || msg.contains("invalid username")
    {
        return SinkError::Auth {
            address: address.to_string(),
            message: msg,
        };
    }
    if e.is_io_error() || e.is_connection_dropped() || e.is_connection_refusal() || e.is_timeout() {
        return SinkError::Connect {
            address: address.to_string(),
            message: msg,
        };
    }
    SinkError::Command(msg)
}

/// Connection and answer timeouts of every connection to Redis.
pub(crate) fn connection_config(cfg: &SinkConfig) -> redis::AsyncConnectionConfig {
    redis::AsyncConnectionConfig::new()
        .set_connection_timeout(Some(Duration::from_millis(
            cfg.connection_timeout_ms.max(1),
        )))
        .set_response_timeout(Some(Duration::from_millis(cfg.socket_timeout_ms.max(1))))
}

/// Set while a commit to Redis is failing (until one succeeds): the health check reports DOWN.
static REDIS_FAILING: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Whether writes to Redis are failing now.
pub fn redis_failing() -> bool {
    REDIS_FAILING.load(std::sync::atomic::Ordering::Relaxed)
}

/// Schema history records committed by this process, and when the last one was (epoch
/// milliseconds; 0: none): Debezium's `ChangesApplied` and `MilliSecondsSinceLastAppliedChange`.
/// Process-wide, as [`redis_failing`]: every sink of the one source counts here.
static HISTORY_APPLIED: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
static HISTORY_LAST_MS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

pub(crate) fn note_history_applied(n: usize) {
    use std::sync::atomic::Ordering::Relaxed;
    if n > 0 {
        HISTORY_APPLIED.fetch_add(n as u64, Relaxed);
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_millis() as u64);
        HISTORY_LAST_MS.store(now, Relaxed);
    }
}

/// (records committed, epoch milliseconds of the last; 0: none).
pub(crate) fn history_applied() -> (u64, u64) {
    use std::sync::atomic::Ordering::Relaxed;
    (HISTORY_APPLIED.load(Relaxed), HISTORY_LAST_MS.load(Relaxed))
}

/// Extra keys written in the same transaction as a batch (e.g. snapshot progress).
#[derive(Debug, Clone, Default)]
pub struct SideWrites {
    /// (hash key, field, value) to HSET.
    pub hset: Vec<(String, String, String)>,
    /// (hash key, field) to HDEL.
    pub hdel: Vec<(String, String)>,
    /// (stream, field, value) to XADD, before the entries (schema history records).
    pub xadd: Vec<(String, String, String)>,
    /// Keys to DEL, after everything else.
    pub del: Vec<String>,
}

/// The Redis sink.
pub struct RedisSink {
    cfg: SinkConfig,
    profile: OutputProfile,
    client: redis::Client,
    conn: Option<MultiplexedConnection>,
    offset_field: String,
}

impl RedisSink {
    pub fn new(
        cfg: &SinkConfig,
        profile: &OutputProfile,
        topic_prefix: &str,
    ) -> Result<RedisSink, SinkError> {
        let client = redis_client(cfg)?;
        Ok(RedisSink {
            cfg: cfg.clone(),
            profile: profile.clone(),
            client,
            conn: None,
            offset_field: protocol::offset::server_partition_field(&cfg.engine_name, topic_prefix),
        })
    }

    pub fn address(&self) -> &str {
        &self.cfg.address
    }

    pub fn offsets_key(&self) -> &str {
        &self.cfg.offsets_key
    }

    /// Stores offsets under `field` (a connector whose partition is not just the server).
    pub fn with_offset_field(mut self, field: String) -> Self {
        self.offset_field = field;
        self
    }

    pub fn offset_field(&self) -> &str {
        &self.offset_field
    }

    async fn conn(&mut self) -> Result<MultiplexedConnection, SinkError> {
        if let Some(c) = &self.conn {
            return Ok(c.clone());
        }
        // timeouts: a Redis that stops answering (a silent network cut) fails the command
        // instead of stalling it; the commit is then retried on a new connection
        let config = connection_config(&self.cfg);
        let fut = self
            .client
            .get_multiplexed_async_connection_with_config(&config);
        let c = tokio::time::timeout(Duration::from_secs(10), fut)
            .await
            .map_err(|_| SinkError::Connect {
                address: self.cfg.address.clone(),
                message: "timed out".into(),
            })?
            .map_err(|e| classify(&self.cfg.address, e))?;
        let mut c2 = c.clone();
        let _: Result<(), _> = redis::cmd("CLIENT")
            .arg("SETNAME")
            .arg("redcdc:collector")
            .query_async(&mut c2)
            .await;
        self.conn = Some(c.clone());
        Ok(c)
    }

    /// Checks that Redis answers (used by `collector check` and at start-up).
    pub async fn ping(&mut self) -> Result<(), SinkError> {
        let mut c = self.conn().await?;
        let r: Result<String, _> = redis::cmd("PING").query_async(&mut c).await;
        r.map(|_| ()).map_err(|e| {
            self.conn = None;
            classify(&self.cfg.address, e)
        })
    }

    /// Reads the stored offset JSON for our partition.
    pub async fn load_offset(&mut self) -> Result<Option<String>, SinkError> {
        let key = self.cfg.offsets_key.clone();
        let field = self.offset_field.clone();
        self.with_retry("reading offsets", |mut c| {
            let key = key.clone();
            let field = field.clone();
            async move {
                redis::cmd("HGET")
                    .arg(&key)
                    .arg(&field)
                    .query_async::<Option<String>>(&mut c)
                    .await
            }
        })
        .await
    }

    /// Reads all fields of a hash.
    pub async fn hgetall(&mut self, key: &str) -> Result<Vec<(String, String)>, SinkError> {
        let key = key.to_string();
        self.with_retry("reading hash", |mut c| {
            let key = key.clone();
            async move {
                redis::cmd("HGETALL")
                    .arg(&key)
                    .query_async::<Vec<(String, String)>>(&mut c)
                    .await
            }
        })
        .await
    }

    /// Reads up to `count` entries of a stream after entry id `after` (exclusive; "-" for the
    /// start): (id, field/value pairs).
    #[allow(clippy::type_complexity)]
    pub async fn xrange_after(
        &mut self,
        key: &str,
        after: &str,
        count: usize,
    ) -> Result<Vec<(String, Vec<(String, String)>)>, SinkError> {
        let key = key.to_string();
        let start = if after == "-" {
            "-".to_string()
        } else {
            format!("({after}")
        };
        self.with_retry("reading stream", |mut c| {
            let (key, start) = (key.clone(), start.clone());
            async move {
                redis::cmd("XRANGE")
                    .arg(&key)
                    .arg(&start)
                    .arg("+")
                    .arg("COUNT")
                    .arg(count)
                    .query_async::<Vec<(String, Vec<(String, String)>)>>(&mut c)
                    .await
            }
        })
        .await
    }

    /// Deletes keys (used when a snapshot starts over).
    /// Deletes `keys` (in a fenced transaction, as every write).
    pub async fn del(&mut self, keys: &[String]) -> Result<(), SinkError> {
        let side = SideWrites {
            del: keys.to_vec(),
            ..SideWrites::default()
        };
        self.commit(&[], None, &side).await
    }

    async fn with_retry<T, F, Fut>(&mut self, what: &str, mut f: F) -> Result<T, SinkError>
    where
        F: FnMut(MultiplexedConnection) -> Fut,
        Fut: std::future::Future<Output = redis::RedisResult<T>>,
    {
        let mut retry = retrier(REDIS_POLICY);
        loop {
            let r = match self.conn().await {
                Ok(c) => f(c).await.map_err(|e| classify(&self.cfg.address, e)),
                Err(e) => Err(e),
            };
            match r {
                Ok(v) => return Ok(v),
                Err(e) if e.retry() == Retry::Transient => {
                    if matches!(e, SinkError::Connect { .. }) {
                        self.conn = None;
                    }
                    let d = retry.failed();
                    tracing::warn!(error = %e, delay_ms = d.as_millis() as u64, "redis {what} failed; retrying");
                    if !pause(d).await {
                        return Err(SinkError::Interrupted(e.to_string()));
                    }
                }
                Err(e) => return Err(e),
            }
        }
    }

    /// Waits while `memory.limit.mb` (or Redis' own maxmemory) leaves no room for `incoming`
    /// bytes. Never returns an error for a full Redis: it waits, logging, until memory frees.
    async fn wait_for_memory(&mut self, incoming: usize) -> Result<(), SinkError> {
        if self.cfg.memory_limit_mb == 0 {
            return Ok(());
        }
        let limit = self.cfg.memory_limit_mb * 1024 * 1024;
        let mut retry = retrier(REDIS_POLICY);
        loop {
            let info: String = self
                .with_retry("reading INFO memory", |mut c| async move {
                    redis::cmd("INFO").arg("memory").query_async(&mut c).await
                })
                .await?;
            let field = |name: &str| -> u64 {
                info.lines()
                    .find_map(|l| l.strip_prefix(name).and_then(|v| v.trim().parse().ok()))
                    .unwrap_or(0)
            };
            let used = field("used_memory:");
            let maxmemory = field("maxmemory:");
            let cap = if maxmemory > 0 {
                maxmemory.min(limit)
            } else {
                limit
            };
            if used + incoming as u64 <= cap {
                return Ok(());
            }
            let d = retry.failed();
            tracing::warn!(
                used_bytes = used,
                limit_bytes = cap,
                delay_ms = d.as_millis() as u64,
                "redis memory limit reached; waiting before writing more"
            );
            if !pause(d).await {
                return Err(SinkError::Interrupted(format!(
                    "redis memory {used} bytes is above the limit {cap}"
                )));
            }
        }
    }

    /// Writes `records` and the offset covering them in one MULTI/EXEC, retrying transient
    /// failures until it succeeds. `offset_json` None writes entries only (never used for
    /// change events; kept for offset-less tools).
    pub async fn commit(
        &mut self,
        records: &[Record],
        offset_json: Option<&str>,
        side: &SideWrites,
    ) -> Result<(), SinkError> {
        let size: usize = records
            .iter()
            .map(|r| {
                r.key.as_ref().map_or(8, String::len) + r.value.as_ref().map_or(8, String::len)
            })
            .sum();
        let mut retry = retrier(REDIS_POLICY);
        // a transaction whose answer was lost (connection cut after EXEC was sent) may have
        // been applied: checked before sending it again, so nothing is written twice
        let mut unsure = false;
        loop {
            self.wait_for_memory(size).await?;
            let r = if unsure && self.already_applied(offset_json, side).await? {
                tracing::info!(
                    entries = records.len(),
                    "the batch whose answer was lost had been applied"
                );
                Ok(())
            } else {
                self.try_commit(records, offset_json, side).await
            };
            match r {
                Ok(()) => {
                    REDIS_FAILING.store(false, std::sync::atomic::Ordering::Relaxed);
                    note_history_applied(side.xadd.len());
                    return Ok(());
                }
                Err(e) if e.retry() == Retry::Transient => {
                    REDIS_FAILING.store(true, std::sync::atomic::Ordering::Relaxed);
                    if matches!(e, SinkError::Connect { .. }) {
                        self.conn = None;
                        unsure = true;
                    }
                    let d = retry.failed();
                    tracing::warn!(error = %e, delay_ms = d.as_millis() as u64, entries = records.len(), "redis write failed; retrying the whole batch");
                    if !pause(d).await {
                        return Err(SinkError::Interrupted(e.to_string()));
                    }
                }
                Err(e) => return Err(e),
            }
        }
    }

    /// Whether a batch is already in Redis: its offset and every side HSET hold its values
    /// (each batch's offset, or its snapshot progress, differs from the one before). A batch
    /// with neither is never ambiguous-sensitive (plain deletions), so it is sent again.
    async fn already_applied(
        &mut self,
        offset_json: Option<&str>,
        side: &SideWrites,
    ) -> Result<bool, SinkError> {
        if offset_json.is_none() && side.hset.is_empty() {
            return Ok(false);
        }
        let mut c = self.conn().await?;
        let mut pipe = redis::pipe();
        let mut want: Vec<&str> = Vec::new();
        if let Some(o) = offset_json {
            pipe.cmd("HGET")
                .arg(&self.cfg.offsets_key)
                .arg(&self.offset_field);
            want.push(o);
        }
        for (k, f, v) in &side.hset {
            pipe.cmd("HGET").arg(k).arg(f);
            want.push(v);
        }
        let got: Vec<Option<String>> = pipe
            .query_async(&mut c)
            .await
            .map_err(|e| classify(&self.cfg.address, e))?;
        Ok(got.len() == want.len() && got.iter().zip(&want).all(|(g, w)| g.as_deref() == Some(*w)))
    }

    async fn try_commit(
        &mut self,
        records: &[Record],
        offset_json: Option<&str>,
        side: &SideWrites,
    ) -> Result<(), SinkError> {
        let mut c = self.conn().await?;
        // HA fencing: the commit applies only while the fence still holds our epoch (WATCH
        // makes EXEC fail if a new holder moves it in between)
        let fence = crate::lease::fence();
        if let Some(f) = fence {
            let (_, current): ((), Option<u64>) = redis::pipe()
                .cmd("WATCH")
                .arg(&f.key)
                .cmd("GET")
                .arg(&f.key)
                .query_async(&mut c)
                .await
                .map_err(|e| classify(&self.cfg.address, e))?;
            if current != Some(f.epoch()) {
                let _: redis::RedisResult<()> = redis::cmd("UNWATCH").query_async(&mut c).await;
                tracing::warn!(fence = %f.key, ours = f.epoch(), current = ?current, entries = records.len(), "commit refused: another instance holds the lease");
                return Err(SinkError::Fenced(f.key.clone()));
            }
        }
        let mut pipe = redis::pipe();
        pipe.atomic();
        for (k, f, v) in &side.xadd {
            pipe.cmd("XADD").arg(k).arg("*").arg(f).arg(v).ignore();
        }
        for r in records {
            let fields = r.entry_fields(&self.profile);
            let cmd = pipe.cmd("XADD").arg(&r.stream).arg("*");
            for (f, v) in fields {
                cmd.arg(f).arg(v);
            }
            cmd.ignore();
        }
        if let Some(o) = offset_json {
            pipe.cmd("HSET")
                .arg(&self.cfg.offsets_key)
                .arg(&self.offset_field)
                .arg(o)
                .ignore();
        }
        for (k, f, v) in &side.hset {
            pipe.cmd("HSET").arg(k).arg(f).arg(v).ignore();
        }
        for (k, f) in &side.hdel {
            pipe.cmd("HDEL").arg(k).arg(f).ignore();
        }
        if !side.del.is_empty() {
            pipe.cmd("DEL").arg(&side.del).ignore();
        }
        if std::env::var_os("REDCDC_FAILPOINT").is_some() {
            self.failpoint_window(&mut c, records).await;
        }
        let r: redis::RedisResult<redis::Value> = pipe.query_async(&mut c).await;
        match r {
            Ok(redis::Value::Nil) => {
                tracing::warn!(
                    entries = records.len(),
                    "commit refused: the fence moved during the transaction"
                );
                Err(SinkError::Fenced(
                    fence.map(|f| f.key.clone()).unwrap_or_default(),
                ))
            }
            Ok(_) => Ok(()),
            Err(e) => Err(classify(&self.cfg.address, e)),
        }
    }

    /// For the `after_xadd` failpoint: queue the entries inside MULTI on a separate
    /// connection, then abort before EXEC — Redis must discard them.
    async fn failpoint_window(&mut self, _c: &mut MultiplexedConnection, records: &[Record]) {
        if !std::env::var("REDCDC_FAILPOINT").is_ok_and(|v| v.starts_with("after_xadd")) {
            return;
        }
        if let Ok(mut own) = self.client.get_multiplexed_async_connection().await {
            let mut pipe = redis::pipe();
            pipe.cmd("MULTI").ignore();
            for r in records {
                let cmd = pipe.cmd("XADD").arg(&r.stream).arg("*");
                for (f, v) in r.entry_fields(&self.profile) {
                    cmd.arg(f).arg(v);
                }
                cmd.ignore();
            }
            let _: redis::RedisResult<()> = pipe.query_async(&mut own).await;
            failpoint::hit("after_xadd");
        }
    }
}

/// A Redis client for the sink's settings (address, auth, database, TLS).
pub(crate) fn redis_client(cfg: &SinkConfig) -> Result<redis::Client, SinkError> {
    let (host, port) = cfg
        .address
        .rsplit_once(':')
        .unwrap_or((&cfg.address, "6379"));
    use redis::IntoConnectionInfo as _;
    let mut redis_info = redis::RedisConnectionInfo::default().set_db(cfg.db_index as i64);
    if let Some(u) = cfg.user.as_deref().filter(|u| !u.is_empty()) {
        redis_info = redis_info.set_username(u);
    }
    if let Some(p) = cfg
        .password
        .as_ref()
        .map(|p| p.expose())
        .filter(|p| !p.is_empty())
    {
        redis_info = redis_info.set_password(p);
    }
    let port: u16 = port.parse().unwrap_or(6379);
    let addr = if cfg.ssl_enabled {
        redis::ConnectionAddr::TcpTls {
            host: host.to_string(),
            port,
            insecure: false,
            tls_params: None,
        }
    } else {
        redis::ConnectionAddr::Tcp(host.to_string(), port)
    };
    let info = addr
        .into_connection_info()
        .map_err(|e| classify(&cfg.address, e))?
        .set_redis_settings(redis_info)
        .set_tcp_settings(ops::net::redis_tcp());
    let client = if cfg.ssl_enabled && (cfg.ssl_ca_file.is_some() || cfg.ssl_cert_file.is_some()) {
        let read = |f: &str| {
            std::fs::read(f).map_err(|e| SinkError::Connect {
                address: cfg.address.clone(),
                message: format!("reading TLS file {f}: {e}"),
            })
        };
        let client_tls = match (&cfg.ssl_cert_file, &cfg.ssl_key_file) {
            (Some(c), Some(k)) => Some(redis::ClientTlsConfig {
                client_cert: read(c)?,
                client_key: read(k)?,
            }),
            _ => None,
        };
        let root_cert = cfg.ssl_ca_file.as_deref().map(read).transpose()?;
        redis::Client::build_with_tls(
            info,
            redis::TlsCertificates {
                client_tls,
                root_cert,
            },
        )
        .map_err(|e| classify(&cfg.address, e))?
    } else {
        redis::Client::open(info).map_err(|e| classify(&cfg.address, e))?
    };
    Ok(client)
}

/// One unit of work for the [`Writer`]: entries, the offset covering them, side writes.
#[derive(Debug, Default)]
pub struct Batch {
    pub records: Vec<Record>,
    pub offset: Option<String>,
    pub side: SideWrites,
}

/// Commits batches on its own task, in order, so the source keeps reading while Redis writes.
/// At most `depth` batches wait (bounded memory); `send` waits when the queue is full.
pub struct Writer {
    tx: Option<tokio::sync::mpsc::Sender<Batch>>,
    metrics: std::sync::Arc<crate::metrics::Metrics>,
    handle: Option<tokio::task::JoinHandle<Result<RedisSink, SinkError>>>,
}

impl Writer {
    pub fn spawn(
        mut sink: RedisSink,
        depth: usize,
        metrics: std::sync::Arc<crate::metrics::Metrics>,
    ) -> Writer {
        let (tx, mut rx) = tokio::sync::mpsc::channel::<Batch>(depth.max(1));
        metrics.queue(depth.max(1), depth.max(1));
        let m = metrics.clone();
        let handle = tokio::spawn(async move {
            let metrics = m;
            while let Some(b) = rx.recv().await {
                failpoint::hit("before_offset_commit");
                sink.commit(&b.records, b.offset.as_deref(), &b.side)
                    .await?;
                metrics.committed_records(&b.records);
                metrics.queue(rx.max_capacity(), rx.max_capacity() - rx.len());
            }
            Ok(sink)
        });
        Writer {
            tx: Some(tx),
            metrics,
            handle: Some(handle),
        }
    }

    /// Queues a batch; returns the writer's error if it stopped.
    pub async fn send(&mut self, b: Batch) -> Result<(), SinkError> {
        let tx = self.tx.as_ref().expect("send after finish");
        if tx.send(b).await.is_err() {
            self.metrics.failed();
            return Err(self
                .join()
                .await
                .err()
                .unwrap_or_else(|| SinkError::Command("the Redis writer stopped".into())));
        }
        self.metrics.queue(tx.max_capacity(), tx.capacity());
        Ok(())
    }

    async fn join(&mut self) -> Result<RedisSink, SinkError> {
        self.tx = None;
        match self.handle.take() {
            Some(h) => h
                .await
                .map_err(|e| SinkError::Command(format!("the Redis writer failed: {e}")))?,
            None => Err(SinkError::Command(
                "the Redis writer already finished".into(),
            )),
        }
    }

    /// Waits until every queued batch is committed; returns the sink.
    pub async fn finish(mut self) -> Result<RedisSink, SinkError> {
        self.join().await
    }

    /// [`Writer::finish`] within `limit`; past it the writer is stopped as on drop (what is
    /// still queued is never committed) and None is returned.
    pub async fn finish_within(
        mut self,
        limit: std::time::Duration,
    ) -> Option<Result<RedisSink, SinkError>> {
        self.tx = None;
        let mut h = self.handle.take()?;
        match tokio::time::timeout(limit, &mut h).await {
            Ok(r) => Some(
                r.map_err(|e| SinkError::Command(format!("the Redis writer failed: {e}")))
                    .and_then(|r| r),
            ),
            Err(_) => {
                h.abort();
                None
            }
        }
    }
}

/// A writer dropped without [`Writer::finish`] belongs to a run that ended on an error: its
/// queued batches must not be committed later, behind the back of the run that replaces it
/// (a late snapshot chunk would overwrite the progress the new run resumed from, and the
/// catch-up would then trust a view those rows were not read in).
impl Drop for Writer {
    fn drop(&mut self) {
        if let Some(h) = self.handle.take() {
            h.abort();
        }
    }
}
