//! `redcdc stop` / `start` / `reset`: the pipeline's control hash in Redis, which every component
//! polls.
//!
//! Hash [`CONTROL_KEY`]:
//! - `state` = `stopped`: the pipeline is stopped. The collector ends its run the way SIGTERM
//!   does (what it read is committed with its offset), gives up the HA lease and waits; the
//!   processor finishes and acknowledges its batch, gives up its streams and stops reading.
//!   Positions are kept: `start` resumes exactly where they stopped. Absent or anything else:
//!   running.
//! - `state:<source>` = `stopped`: the same for the collector of that source only (a source is
//!   named by its topic prefix, as RDI 2.0 derives `topic.prefix` from the source name).
//! - `reset:<source>`: a counter `redcdc reset` increments. The collector of that source, seeing
//!   it above `reset-done:<source>`, ends its run, deletes its offsets and schema history (only
//!   while it still holds the HA lease), records the counter in `reset-done:<source>` and starts
//!   again: with no offsets it takes a new snapshot, as RDI's `reset` does.

use std::time::Duration;

use tokio::sync::watch;

/// The control hash.
pub const CONTROL_KEY: &str = "metadata:redcdc:control";
/// How often components read it.
pub const POLL: Duration = Duration::from_millis(500);

/// What the control hash says to one component.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Control {
    /// The pipeline, or this component's source, is stopped.
    pub stopped: bool,
    /// `reset:<source>`.
    pub reset_requested: u64,
    /// `reset-done:<source>`.
    pub reset_done: u64,
}

impl Control {
    /// A reset was asked for and not yet carried out.
    pub fn reset_pending(&self) -> bool {
        self.reset_requested > self.reset_done
    }
}

/// The field of a source's stop state.
pub fn state_field(source: &str) -> String {
    format!("state:{source}")
}

/// The field `redcdc reset` increments for a source.
pub fn reset_field(source: &str) -> String {
    format!("reset:{source}")
}

/// The field a collector sets once it carried a reset out.
pub fn reset_done_field(source: &str) -> String {
    format!("reset-done:{source}")
}

/// Reads the control hash once for `source` (None: the processor, which only heeds `state`).
pub async fn read(
    conn: &mut redis::aio::MultiplexedConnection,
    source: Option<&str>,
) -> redis::RedisResult<Control> {
    let fields: Vec<String> = match source {
        Some(s) => vec![
            "state".into(),
            state_field(s),
            reset_field(s),
            reset_done_field(s),
        ],
        None => vec!["state".into()],
    };
    let v: Vec<Option<String>> = redis::cmd("HMGET")
        .arg(CONTROL_KEY)
        .arg(&fields)
        .query_async(conn)
        .await?;
    let stopped = |i: usize| v.get(i).and_then(|s| s.as_deref()) == Some("stopped");
    let num = |i: usize| {
        v.get(i)
            .and_then(|s| s.as_deref())
            .and_then(|s| s.parse().ok())
            .unwrap_or(0)
    };
    Ok(Control {
        stopped: stopped(0) || stopped(1),
        reset_requested: num(2),
        reset_done: num(3),
    })
}

/// Polls the control hash every [`POLL`] for as long as the process runs. The first read is
/// done before this returns (so a component started while the pipeline is stopped does not
/// start working); while Redis cannot be read the last value stands (at first: running).
pub async fn watch(
    client: redis::Client,
    config: redis::AsyncConnectionConfig,
    source: Option<String>,
) -> watch::Receiver<Control> {
    let mut conn = None;
    let first = poll_once(&client, &config, &mut conn, source.as_deref())
        .await
        .unwrap_or_default();
    let (tx, rx) = watch::channel(first);
    tokio::spawn(async move {
        loop {
            tokio::time::sleep(POLL).await;
            if tx.is_closed() {
                return;
            }
            if let Some(c) = poll_once(&client, &config, &mut conn, source.as_deref()).await {
                tx.send_if_modified(|old| {
                    let changed = *old != c;
                    *old = c;
                    changed
                });
            }
        }
    });
    rx
}

async fn poll_once(
    client: &redis::Client,
    config: &redis::AsyncConnectionConfig,
    conn: &mut Option<redis::aio::MultiplexedConnection>,
    source: Option<&str>,
) -> Option<Control> {
    if conn.is_none() {
        *conn = tokio::time::timeout(
            Duration::from_secs(2),
            client.get_multiplexed_async_connection_with_config(config),
        )
        .await
        .ok()
        .and_then(Result::ok);
    }
    let c = conn.as_mut()?;
    match tokio::time::timeout(Duration::from_secs(2), read(c, source)).await {
        Ok(Ok(control)) => Some(control),
        _ => {
            *conn = None;
            None
        }
    }
}
