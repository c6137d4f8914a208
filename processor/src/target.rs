//! Target writes: what one change turns into on the target Redis, and how a batch of them is
//! applied — as one pipeline; a batch is acknowledged only when all of it is written. Every write is
//! idempotent under replay (after a crash the same entries are applied again): hashes, JSON,
//! sets and strings converge; stream outputs go through a script that remembers the last source
//! entry id appended per (target stream, source stream) and skips ids already written.

use std::sync::{Arc, Mutex};

use redis::aio::MultiplexedConnection;
use serde_json::Value;

/// A target connection: one multiplexed connection at a time, replaced after a failure. A
/// multiplexed connection queues requests in the order they are first polled, which the write
/// loop relies on to send a batch's pipelines at once and in order (a self-reconnecting
/// connection may hold a request back while it reconnects and let a later one through).
#[derive(Clone)]
pub struct TargetConn {
    client: redis::Client,
    current: Arc<Mutex<MultiplexedConnection>>,
}

impl TargetConn {
    fn config() -> redis::AsyncConnectionConfig {
        // the library's default response timeout (500 ms) would cut off a large pipeline on a
        // busy server
        redis::AsyncConnectionConfig::new()
            .set_response_timeout(Some(std::time::Duration::from_secs(15)))
            .set_connection_timeout(Some(std::time::Duration::from_secs(10)))
    }

    pub async fn connect(client: redis::Client) -> redis::RedisResult<TargetConn> {
        let c = client
            .get_multiplexed_async_connection_with_config(&Self::config())
            .await?;
        Ok(TargetConn {
            client,
            current: Arc::new(Mutex::new(c)),
        })
    }

    /// The connection requests go to now.
    pub fn get(&self) -> MultiplexedConnection {
        self.current
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// Replaces the connection (after a failure).
    pub async fn reconnect(&self) -> redis::RedisResult<()> {
        let c = self
            .client
            .get_multiplexed_async_connection_with_config(&Self::config())
            .await?;
        *self.current.lock().unwrap_or_else(|e| e.into_inner()) = c;
        Ok(())
    }
}

/// The JSONPath of every null leaf of `v` under `at` (bracket notation, so any field name).
fn null_paths(v: &Value, at: &str, out: &mut Vec<String>) {
    if let Value::Object(m) = v {
        for (k, child) in m {
            let path = format!("{at}[{}]", Value::String(k.clone()));
            match child {
                Value::Null => out.push(path),
                Value::Object(_) => null_paths(child, &path, out),
                _ => {}
            }
        }
    }
}

/// One target operation.
#[derive(Debug, Clone, PartialEq)]
pub enum Write {
    /// `replace`: DEL then HSET; otherwise HSET plus HDEL of the null fields.
    Hash {
        key: String,
        fields: Vec<(String, String)>,
        removed: Vec<String>,
        replace: bool,
        expire: Option<u64>,
    },
    /// JSON.SET (replace) or JSON.MERGE (merge) at the root. `keep_nulls`
    /// (`use_native_json_merge: false`, RDI's merge before JSON.MERGE): a null field is set to
    /// null rather than removed.
    Json {
        key: String,
        doc: Value,
        merge: bool,
        keep_nulls: bool,
        expire: Option<u64>,
    },
    /// JSON.MERGE of a child object into a parent document at `path` (denormalisation).
    JsonNested {
        key: String,
        /// `{"<path>": {"<child id>": child}}` written as a merge at the root.
        patch: Value,
    },
    Set {
        key: String,
        member: String,
        remove: bool,
        expire: Option<u64>,
    },
    SortedSet {
        key: String,
        member: String,
        score: f64,
        remove: bool,
        expire: Option<u64>,
    },
    String {
        key: String,
        value: String,
        expire: Option<u64>,
    },
    /// XADD with replay protection keyed by the source position.
    Stream {
        key: String,
        fields: Vec<(String, String)>,
        source_stream: String,
        source_id: String,
    },
    Delete {
        key: String,
    },
    /// Commands already encoded (the default job's fast path, see `fast.rs`).
    Commands(RawCommands),
}

/// Prebuilt Redis commands.
#[derive(Clone)]
pub struct RawCommands(pub Vec<redis::Cmd>);

impl std::fmt::Debug for RawCommands {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for c in &self.0 {
            f.write_str(&String::from_utf8_lossy(&c.get_packed_command()))?;
        }
        Ok(())
    }
}

impl PartialEq for RawCommands {
    fn eq(&self, other: &Self) -> bool {
        self.0.len() == other.0.len()
            && self
                .0
                .iter()
                .zip(&other.0)
                .all(|(a, b)| a.get_packed_command() == b.get_packed_command())
    }
}

/// Hash remembering, per target stream and source stream, the last source id appended.
pub const STREAM_POSITIONS_KEY: &str = "redcdc:processor:stream-positions";

/// Appends to a target stream unless this source id was already appended (replay).
const STREAM_SCRIPT: &str = r#"
local function newer(a, b)
  if not b then return true end
  local am, as = string.match(a, "(%d+)-(%d+)")
  local bm, bs = string.match(b, "(%d+)-(%d+)")
  am, as, bm, bs = tonumber(am), tonumber(as), tonumber(bm), tonumber(bs)
  return am > bm or (am == bm and as > bs)
end
local last = redis.call('HGET', KEYS[2], ARGV[1])
if not newer(ARGV[2], last) then return 0 end
local args = {}
for i = 3, #ARGV do args[#args + 1] = ARGV[i] end
redis.call('XADD', KEYS[1], '*', unpack(args))
redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
return 1
"#;

/// Builds the commands of a batch into one pipeline. It is not wrapped in MULTI/EXEC: a batch
/// interrupted half-way is applied again from its first entry (the entries stay pending until
/// the whole batch is written), and every write is idempotent, so the target converges; not
/// queueing the commands halves Redis' work per write.
pub fn pipeline(writes: &[Write]) -> redis::Pipeline {
    let mut p = redis::pipe();
    for w in writes {
        add_ref(&mut p, w);
    }
    p
}

/// Appends one write's commands to a pipeline (moved in: prebuilt commands are not copied).
pub fn add(p: &mut redis::Pipeline, w: Write) {
    match w {
        Write::Commands(cmds) => {
            for c in cmds.0 {
                p.add_command(c).ignore();
            }
        }
        w => add_ref(p, &w),
    }
}

fn add_ref(p: &mut redis::Pipeline, w: &Write) {
    {
        match w {
            Write::Hash {
                key,
                fields,
                removed,
                replace,
                expire,
            } => {
                if *replace {
                    p.cmd("DEL").arg(key).ignore();
                } else if !removed.is_empty() {
                    p.cmd("HDEL").arg(key).arg(removed).ignore();
                }
                if !fields.is_empty() {
                    p.add_command(hset(
                        key,
                        fields.iter().map(|(f, v)| (f.as_str(), v.as_str())),
                    ))
                    .ignore();
                }
                expire_cmd(p, key, *expire);
            }
            Write::Json {
                key,
                doc,
                merge,
                keep_nulls,
                expire,
            } => {
                let cmd = if *merge { "JSON.MERGE" } else { "JSON.SET" };
                let mut nulls = Vec::new();
                if *keep_nulls {
                    null_paths(doc, "$", &mut nulls);
                }
                p.cmd(cmd).arg(key).arg("$").arg(doc.to_string()).ignore();
                // JSON.MERGE removed them: set them back as nulls
                for path in nulls {
                    p.cmd("JSON.SET").arg(key).arg(path).arg("null").ignore();
                }
                expire_cmd(p, key, *expire);
            }
            Write::JsonNested { key, patch } => {
                p.cmd("JSON.MERGE")
                    .arg(key)
                    .arg("$")
                    .arg(patch.to_string())
                    .ignore();
            }
            Write::Set {
                key,
                member,
                remove,
                expire,
            } => {
                p.cmd(if *remove { "SREM" } else { "SADD" })
                    .arg(key)
                    .arg(member)
                    .ignore();
                expire_cmd(p, key, *expire);
            }
            Write::SortedSet {
                key,
                member,
                score,
                remove,
                expire,
            } => {
                if *remove {
                    p.cmd("ZREM").arg(key).arg(member).ignore();
                } else {
                    p.cmd("ZADD").arg(key).arg(*score).arg(member).ignore();
                }
                expire_cmd(p, key, *expire);
            }
            Write::String { key, value, expire } => {
                let c = p.cmd("SET").arg(key).arg(value);
                if let Some(s) = expire.filter(|s| *s > 0) {
                    c.arg("EX").arg(s);
                }
                c.ignore();
            }
            Write::Stream {
                key,
                fields,
                source_stream,
                source_id,
            } => {
                let c = p
                    .cmd("EVAL")
                    .arg(STREAM_SCRIPT)
                    .arg(2)
                    .arg(key)
                    .arg(STREAM_POSITIONS_KEY)
                    .arg(format!("{key}|{source_stream}"))
                    .arg(source_id);
                for (f, v) in fields {
                    c.arg(f).arg(v);
                }
                c.ignore();
            }
            Write::Delete { key } => {
                p.cmd("DEL").arg(key).ignore();
            }
            Write::Commands(cmds) => {
                for c in &cmds.0 {
                    p.add_command(c.clone()).ignore();
                }
            }
        }
    }
}

/// HSET with its argument buffers sized up front (growing them showed in profiles).
pub fn hset<'a>(key: &str, fields: impl Iterator<Item = (&'a str, &'a str)> + Clone) -> redis::Cmd {
    let (n, bytes) = fields.clone().fold((2, 4 + key.len()), |(n, b), (f, v)| {
        (n + 2, b + f.len() + v.len())
    });
    let mut c = redis::Cmd::with_capacity(n, bytes);
    c.arg("HSET").arg(key);
    for (f, v) in fields {
        c.arg(f).arg(v);
    }
    c
}

fn expire_cmd(p: &mut redis::Pipeline, key: &str, expire: Option<u64>) {
    if let Some(s) = expire.filter(|s| *s > 0) {
        p.cmd("EXPIRE").arg(key).arg(s).ignore();
    }
}

/// Whether any write needs the JSON commands.
pub fn needs_json(writes: &[Write]) -> bool {
    writes
        .iter()
        .any(|w| matches!(w, Write::Json { .. } | Write::JsonNested { .. }))
}
