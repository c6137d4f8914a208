//! The collector's metrics and health, served by [`ops::http`] on one port (`quarkus.http.port`,
//! default 8080, in `application.properties`; `http_address` in YAML).
//!
//! Names and labels are the ones Debezium's JMX exporter gives Debezium Server's metrics
//! (`debezium-server-dist/.../config/metrics.yml`), so Debezium's and RDI's dashboards and alerts
//! work unchanged: `debezium_metrics_<Attribute>{context="snapshot"|"streaming",name=<topic
//! prefix>,plugin=<postgres|mysql|mariadb|sql_server>}`, `RowsScanned` with a `table` label, and
//! for the sources that keep a schema history (all but Postgres, as in Debezium) the
//! `context="schema-history"` attributes `ChangesRecovered`, `ChangesApplied`,
//! `RecoveryStartTime` (epoch seconds, as Debezium's code returns it; -1 before a recovery),
//! `MilliSecondsSinceLastRecoveredChange` and `MilliSecondsSinceLastAppliedChange` (-1: none). As
//! the JMX exporter does, every one is a gauge and prints as a float. Our own figures keep the
//! `redcdc_collector_` prefix. No row value or secret ever appears in a label.
//!
//! Where our figure differs in kind from Debezium's: `QueueTotalCapacity` and
//! `QueueRemainingCapacity` count batches waiting for the Redis writer (Debezium counts records
//! in its change-event queue).

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, AtomicI64, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use ops::prom::{gauges, Label, Labels};
use prometheus_client::collector::Collector;
use prometheus_client::encoding::DescriptorEncoder;
use protocol::envelope::{Op, Record};

pub const EVENTS_WRITTEN: &str = "redcdc_collector_events_written_total";
pub const SNAPSHOT_ROWS: &str = "redcdc_collector_snapshot_rows_total";
pub const LAG_BYTES: &str = "redcdc_collector_replication_lag_bytes";
pub const RETRIES: &str = "redcdc_collector_retries_total";

/// Debezium's metric name of an attribute.
pub fn debezium(attribute: &str) -> String {
    format!("debezium_metrics_{attribute}")
}

const SNAPSHOT: usize = 0;
const STREAMING: usize = 1;

#[derive(Debug, Default)]
struct SnapshotState {
    running: bool,
    completed: bool,
    aborted: bool,
    started: Option<Instant>,
    took_s: f64,
    total_tables: u64,
    remaining_tables: u64,
    rows: BTreeMap<String, u64>,
    /// The row estimate per table (the statistics' count; 0 when unknown).
    estimates: BTreeMap<String, u64>,
    /// Tables read to their end.
    done: std::collections::BTreeSet<String>,
}

/// The collector's counters, gauges and health.
#[derive(Debug)]
pub struct Metrics {
    plugin: &'static str,
    name: String,
    epoch: Instant,
    // health
    alive: AtomicBool,
    running: AtomicBool,
    failing: AtomicBool,
    connected: AtomicBool,
    // ours
    events: AtomicU64,
    snapshot_rows: AtomicU64,
    lag_bytes: AtomicU64,
    retries: AtomicU64,
    // Debezium's, per context (snapshot, streaming)
    seen: [AtomicU64; 2],
    /// milliseconds since `epoch` + 1 of the last event; 0: none yet
    last_event: [AtomicU64; 2],
    creates: AtomicU64,
    updates: AtomicU64,
    deletes: AtomicU64,
    committed: AtomicU64,
    erroneous: AtomicU64,
    behind_ms: AtomicI64,
    queue_total: AtomicU64,
    queue_remaining: AtomicU64,
    snapshot: Mutex<SnapshotState>,
    // Debezium's schema-history context
    history_recovery_start_s: AtomicI64,
    history_recovered: AtomicU64,
    /// milliseconds since `epoch` + 1 of the last recovered record; 0: none yet
    history_last_recovered: AtomicU64,
}

impl Default for Metrics {
    fn default() -> Self {
        Metrics::new("unknown", "")
    }
}

impl Metrics {
    /// Metrics labelled `plugin` (Debezium's JMX domain suffix) and `name` (the topic prefix).
    pub fn new(plugin: &'static str, name: &str) -> Metrics {
        Metrics {
            plugin,
            name: name.to_string(),
            epoch: Instant::now(),
            alive: AtomicBool::new(false),
            running: AtomicBool::new(false),
            failing: AtomicBool::new(false),
            connected: AtomicBool::new(false),
            events: AtomicU64::new(0),
            snapshot_rows: AtomicU64::new(0),
            lag_bytes: AtomicU64::new(0),
            retries: AtomicU64::new(0),
            seen: Default::default(),
            last_event: Default::default(),
            creates: AtomicU64::new(0),
            updates: AtomicU64::new(0),
            deletes: AtomicU64::new(0),
            committed: AtomicU64::new(0),
            erroneous: AtomicU64::new(0),
            behind_ms: AtomicI64::new(-1),
            queue_total: AtomicU64::new(0),
            queue_remaining: AtomicU64::new(0),
            snapshot: Mutex::new(SnapshotState::default()),
            history_recovery_start_s: AtomicI64::new(-1),
            history_recovered: AtomicU64::new(0),
            history_last_recovered: AtomicU64::new(0),
        }
    }

    /// The metrics of the configured source.
    pub fn for_settings(settings: &crate::config::Settings) -> Metrics {
        use crate::config::{Flavor, SourceSettings};
        let plugin = match &settings.source {
            SourceSettings::Postgres(_) => "postgres",
            SourceSettings::MySql(m) if m.flavor == Flavor::MariaDb => "mariadb",
            SourceSettings::MySql(_) => "mysql",
            SourceSettings::SqlServer(_) => "sql_server",
        };
        Metrics::new(plugin, settings.topic_prefix())
    }

    fn now_ms(&self) -> u64 {
        self.epoch.elapsed().as_millis() as u64 + 1
    }

    fn snap(&self) -> std::sync::MutexGuard<'_, SnapshotState> {
        self.snapshot.lock().unwrap_or_else(|e| e.into_inner())
    }

    // --- health -------------------------------------------------------------------------

    /// The process is up (live, also as the HA standby).
    pub fn process_started(&self) {
        self.alive.store(true, Ordering::Relaxed);
    }

    /// The task started: this instance is active (ready once connected).
    pub fn run_started(&self) {
        self.running.store(true, Ordering::Relaxed);
    }

    /// Not active: the HA standby (live, not ready).
    pub fn standby(&self) {
        self.running.store(false, Ordering::Relaxed);
        self.connected.store(false, Ordering::Relaxed);
    }

    /// The task ended for good (DOWN everywhere).
    pub fn run_stopped(&self) {
        self.standby();
        self.alive.store(false, Ordering::Relaxed);
    }

    /// Live: the process runs its task (also while retrying a transient failure) or waits as
    /// the standby, and has not stopped.
    pub fn live(&self) -> bool {
        self.alive.load(Ordering::Relaxed)
    }

    /// The source is connected (a snapshot or the change stream is reading).
    pub fn connected(&self) {
        self.connected.store(true, Ordering::Relaxed);
        self.failing.store(false, Ordering::Relaxed);
    }

    /// A transient failure (source or Redis): DOWN until connected again.
    pub fn failed(&self) {
        self.failing.store(true, Ordering::Relaxed);
        self.connected.store(false, Ordering::Relaxed);
        let mut s = self.snap();
        if s.running {
            s.running = false;
            s.aborted = true;
            s.took_s = s.started.map_or(0.0, |t| t.elapsed().as_secs_f64());
        }
    }

    /// UP: the task runs, the source is connected and no failure is pending.
    pub fn healthy(&self) -> bool {
        self.running.load(Ordering::Relaxed)
            && self.connected.load(Ordering::Relaxed)
            && !self.failing.load(Ordering::Relaxed)
            && !crate::sink::redis_failing()
    }

    // --- events -------------------------------------------------------------------------

    /// Records committed to Redis (entries and offset durable).
    pub fn committed_records(&self, records: &[Record]) {
        self.events
            .fetch_add(records.len() as u64, Ordering::Relaxed);
        let (mut snap, mut stream) = (0u64, 0u64);
        for r in records {
            match r.op {
                Some(Op::Read) => snap += 1,
                Some(op) => {
                    stream += 1;
                    match op {
                        Op::Create => self.creates.fetch_add(1, Ordering::Relaxed),
                        Op::Update => self.updates.fetch_add(1, Ordering::Relaxed),
                        Op::Delete => self.deletes.fetch_add(1, Ordering::Relaxed),
                        _ => 0,
                    };
                }
                None => {}
            }
        }
        let now = self.now_ms();
        for (ctx, n) in [(SNAPSHOT, snap), (STREAMING, stream)] {
            if n > 0 {
                self.seen[ctx].fetch_add(n, Ordering::Relaxed);
                self.last_event[ctx].store(now, Ordering::Relaxed);
            }
        }
        if !records.is_empty() {
            self.failing.store(false, Ordering::Relaxed);
        }
    }

    /// A source transaction committed at `source_ms` (epoch milliseconds, the source's clock).
    pub fn transaction_committed(&self, source_ms: i64) {
        self.committed.fetch_add(1, Ordering::Relaxed);
        if source_ms > 0 {
            let now = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_millis() as i64);
            self.behind_ms
                .store((now - source_ms).max(0), Ordering::Relaxed);
        }
    }

    /// An event the collector could not convert (counted before the definite error stops it).
    pub fn erroneous_event(&self) {
        self.erroneous.fetch_add(1, Ordering::Relaxed);
    }

    /// The Redis writer's queue: `total` batches, `remaining` free.
    pub fn queue(&self, total: usize, remaining: usize) {
        self.queue_total.store(total as u64, Ordering::Relaxed);
        self.queue_remaining
            .store(remaining as u64, Ordering::Relaxed);
    }

    pub fn snapshot_rows(&self, n: u64) {
        self.snapshot_rows.fetch_add(n, Ordering::Relaxed);
    }

    /// Postgres: WAL bytes and seconds behind the server.
    pub fn set_lag(&self, bytes: u64, seconds: f64) {
        self.lag_bytes.store(bytes, Ordering::Relaxed);
        self.behind_ms
            .store((seconds * 1000.0) as i64, Ordering::Relaxed);
    }

    pub fn retry(&self) {
        self.retries.fetch_add(1, Ordering::Relaxed);
    }

    // --- schema history -----------------------------------------------------------------

    /// Whether the source keeps a schema history (Debezium registers its schema-history
    /// metrics for these only).
    fn has_history(&self) -> bool {
        self.plugin != "postgres"
    }

    /// The schema history is read back into the table model (a start from a stored offset).
    pub fn history_recovery_started(&self) {
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() as i64);
        self.history_recovery_start_s.store(now, Ordering::Relaxed);
        // each recovery counts from zero (a restart after a transient failure reads it again)
        self.history_recovered.store(0, Ordering::Relaxed);
    }

    /// `n` schema history records read back.
    pub fn history_recovered(&self, n: usize) {
        if n > 0 {
            self.history_recovered
                .fetch_add(n as u64, Ordering::Relaxed);
            self.history_last_recovered
                .store(self.now_ms(), Ordering::Relaxed);
        }
    }

    // --- snapshot -----------------------------------------------------------------------

    /// A snapshot of `tables` tables starts (or resumes with `remaining` of them to read).
    pub fn snapshot_started(&self, tables: usize, remaining: usize) {
        self.connected();
        let mut s = self.snap();
        s.running = true;
        s.completed = false;
        s.aborted = false;
        s.started = Some(Instant::now());
        s.total_tables = tables as u64;
        s.remaining_tables = remaining as u64;
    }

    /// `rows` rows of `table` read so far.
    pub fn rows_scanned(&self, table: &str, rows: u64) {
        let mut s = self.snap();
        match s.rows.get_mut(table) {
            Some(r) => *r = rows,
            None => {
                s.rows.insert(table.to_string(), rows);
            }
        }
    }

    /// A table's read starts with `estimate` rows expected.
    pub fn table_started(&self, table: &str, estimate: u64) {
        self.snap().estimates.insert(table.to_string(), estimate);
    }

    /// One table read to its end.
    pub fn table_done(&self, table: &str) {
        let mut s = self.snap();
        s.remaining_tables = s.remaining_tables.saturating_sub(1);
        s.done.insert(table.to_string());
    }

    /// The status `redcdc status` shows: sync mode, connection, lag, event counts and the
    /// snapshot state of every table.
    pub fn status_json(&self, instance: &str, role: &str) -> serde_json::Value {
        let s = self.snap();
        let load = |a: &AtomicU64| a.load(Ordering::Relaxed);
        let tables: serde_json::Map<String, serde_json::Value> = s
            .rows
            .iter()
            .map(|(t, rows)| {
                let state = if s.done.contains(t) {
                    "done"
                } else if s.running {
                    "running"
                } else {
                    "interrupted"
                };
                (
                    t.clone(),
                    serde_json::json!({
                        "state": state,
                        "rows": rows,
                        "estimate": s.estimates.get(t).copied().unwrap_or(0),
                    }),
                )
            })
            .collect();
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_millis() as u64);
        serde_json::json!({
            "source": self.name,
            "plugin": self.plugin,
            "instance": instance,
            "role": role,
            "sync_mode": if s.running {
                "snapshot"
            } else if self.connected.load(Ordering::Relaxed) {
                "streaming"
            } else {
                "stopped"
            },
            "connected": self.connected.load(Ordering::Relaxed),
            "healthy": self.healthy(),
            "lag_ms": self.behind_ms.load(Ordering::Relaxed),
            "snapshot": {
                "running": s.running,
                "completed": s.completed,
                "aborted": s.aborted,
                "tables": tables,
            },
            "events": {
                "snapshot": load(&self.seen[SNAPSHOT]),
                "streaming": load(&self.seen[STREAMING]),
                "created": load(&self.creates),
                "updated": load(&self.updates),
                "deleted": load(&self.deletes),
                "transactions": load(&self.committed),
            },
            "updated_ms": now,
        })
    }

    /// The snapshot completed (its completed offset is durable).
    pub fn snapshot_completed(&self) {
        let mut s = self.snap();
        s.running = false;
        s.completed = true;
        s.remaining_tables = 0;
        s.took_s = s.started.map_or(0.0, |t| t.elapsed().as_secs_f64());
    }

    /// The text exposition.
    pub fn render(self: &Arc<Self>) -> String {
        ops::prom::render(&Exposition(self.clone()))
    }
}

/// The [`Collector`] over [`Metrics`].
#[derive(Debug, Clone)]
struct Exposition(Arc<Metrics>);

impl Collector for Exposition {
    fn encode(&self, mut e: DescriptorEncoder) -> Result<(), std::fmt::Error> {
        let m = &self.0;
        let labels = |ctx: &str| -> Labels {
            vec![
                ("context", Label::from(ctx)),
                ("name", Label::from(m.name.as_str())),
                ("plugin", Label::from(m.plugin)),
            ]
        };
        let load = |a: &AtomicU64| a.load(Ordering::Relaxed) as f64;
        let now = m.now_ms();
        let since = |ctx: usize| match m.last_event[ctx].load(Ordering::Relaxed) {
            0 => -1.0,
            t => now.saturating_sub(t) as f64,
        };
        let both = |e: &mut DescriptorEncoder, attr: &str, help: &str, v: [f64; 2]| {
            gauges(
                e,
                &debezium(attr),
                help,
                &[(labels("snapshot"), v[0]), (labels("streaming"), v[1])],
            )
        };
        let streaming = |e: &mut DescriptorEncoder, attr: &str, help: &str, v: f64| {
            gauges(e, &debezium(attr), help, &[(labels("streaming"), v)])
        };
        let snapshot = |e: &mut DescriptorEncoder, attr: &str, help: &str, v: f64| {
            gauges(e, &debezium(attr), help, &[(labels("snapshot"), v)])
        };
        let connected = if m.connected.load(Ordering::Relaxed) {
            1.0
        } else {
            0.0
        };
        streaming(
            &mut e,
            "Connected",
            "Whether the connector is connected to the source database.",
            connected,
        )?;
        streaming(
            &mut e,
            "MilliSecondsBehindSource",
            "Milliseconds between the last committed source transaction and its processing.",
            m.behind_ms.load(Ordering::Relaxed) as f64,
        )?;
        both(
            &mut e,
            "MilliSecondsSinceLastEvent",
            "Milliseconds since the last event was written (-1: none yet).",
            [since(SNAPSHOT), since(STREAMING)],
        )?;
        both(
            &mut e,
            "TotalNumberOfEventsSeen",
            "Change events written to Redis.",
            [load(&m.seen[SNAPSHOT]), load(&m.seen[STREAMING])],
        )?;
        streaming(
            &mut e,
            "TotalNumberOfCreateEventsSeen",
            "Create events written.",
            load(&m.creates),
        )?;
        streaming(
            &mut e,
            "TotalNumberOfUpdateEventsSeen",
            "Update events written.",
            load(&m.updates),
        )?;
        streaming(
            &mut e,
            "TotalNumberOfDeleteEventsSeen",
            "Delete events written.",
            load(&m.deletes),
        )?;
        streaming(
            &mut e,
            "NumberOfCommittedTransactions",
            "Source transactions committed.",
            load(&m.committed),
        )?;
        both(
            &mut e,
            "NumberOfErroneousEvents",
            "Events that could not be converted.",
            [0.0, load(&m.erroneous)],
        )?;
        both(
            &mut e,
            "QueueTotalCapacity",
            "Batches the Redis writer's queue holds.",
            [load(&m.queue_total); 2],
        )?;
        both(
            &mut e,
            "QueueRemainingCapacity",
            "Free places in the Redis writer's queue.",
            [load(&m.queue_remaining); 2],
        )?;
        let s = m.snap();
        let flag = |b: bool| if b { 1.0 } else { 0.0 };
        let took = if s.running {
            s.started.map_or(0.0, |t| t.elapsed().as_secs_f64())
        } else {
            s.took_s
        };
        snapshot(
            &mut e,
            "SnapshotRunning",
            "Whether a snapshot is running.",
            flag(s.running),
        )?;
        snapshot(
            &mut e,
            "SnapshotCompleted",
            "Whether the snapshot completed.",
            flag(s.completed),
        )?;
        snapshot(
            &mut e,
            "SnapshotAborted",
            "Whether the snapshot was aborted.",
            flag(s.aborted),
        )?;
        snapshot(
            &mut e,
            "SnapshotDurationInSeconds",
            "Seconds the snapshot has taken.",
            took.floor(),
        )?;
        snapshot(
            &mut e,
            "TotalTableCount",
            "Tables the snapshot reads.",
            s.total_tables as f64,
        )?;
        snapshot(
            &mut e,
            "RemainingTableCount",
            "Tables the snapshot has still to read.",
            s.remaining_tables as f64,
        )?;
        let rows: Vec<(Labels, f64)> = s
            .rows
            .iter()
            .map(|(t, n)| {
                let mut l = labels("snapshot");
                l.push(("table", Label::from(t.as_str())));
                (l, *n as f64)
            })
            .collect();
        gauges(
            &mut e,
            &debezium("RowsScanned"),
            "Rows read so far, per table.",
            &rows,
        )?;
        drop(s);
        if m.has_history() {
            let history = |e: &mut DescriptorEncoder, attr: &str, help: &str, v: f64| {
                gauges(e, &debezium(attr), help, &[(labels("schema-history"), v)])
            };
            let (applied, last_applied_ms) = crate::sink::history_applied();
            let wall_ms = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_millis() as u64);
            history(
                &mut e,
                "RecoveryStartTime",
                "When the last schema history recovery started (epoch seconds; -1: none).",
                m.history_recovery_start_s.load(Ordering::Relaxed) as f64,
            )?;
            history(
                &mut e,
                "ChangesRecovered",
                "Schema history records read back.",
                load(&m.history_recovered),
            )?;
            history(
                &mut e,
                "ChangesApplied",
                "Schema history records written.",
                applied as f64,
            )?;
            history(
                &mut e,
                "MilliSecondsSinceLastRecoveredChange",
                "Milliseconds since the last record was read back (-1: none).",
                match m.history_last_recovered.load(Ordering::Relaxed) {
                    0 => -1.0,
                    t => now.saturating_sub(t) as f64,
                },
            )?;
            history(
                &mut e,
                "MilliSecondsSinceLastAppliedChange",
                "Milliseconds since the last record was written (-1: none).",
                match last_applied_ms {
                    0 => -1.0,
                    t => wall_ms.saturating_sub(t) as f64,
                },
            )?;
        }
        gauges(
            &mut e,
            EVENTS_WRITTEN,
            "Change events written to Redis streams.",
            &[(Vec::new(), load(&m.events))],
        )?;
        gauges(
            &mut e,
            SNAPSHOT_ROWS,
            "Rows read by snapshots.",
            &[(Vec::new(), load(&m.snapshot_rows))],
        )?;
        gauges(
            &mut e,
            LAG_BYTES,
            "WAL bytes between the server's end and the durable position (Postgres).",
            &[(Vec::new(), load(&m.lag_bytes))],
        )?;
        gauges(
            &mut e,
            RETRIES,
            "Transient failures retried.",
            &[(Vec::new(), load(&m.retries))],
        )
    }
}

impl ops::http::Endpoints for Exposition {
    fn check_name(&self) -> &'static str {
        "debezium"
    }
    fn healthy(&self) -> bool {
        self.0.healthy()
    }
    fn live(&self) -> bool {
        self.0.live()
    }
    fn metrics(&self) -> String {
        ops::prom::render(self)
    }
}

/// Serves health and metrics on `address` (`host:port`) for the life of the process.
pub fn serve(metrics: &Arc<Metrics>, address: String) {
    ops::http::spawn(address, Arc::new(Exposition(metrics.clone())));
}

#[cfg(test)]
mod tests {
    use super::*;
    use protocol::envelope::Op;

    fn rec(op: Option<Op>) -> Record {
        Record {
            stream: "s".into(),
            key: None,
            value: Some("{}".into()),
            headers: Vec::new(),
            op,
        }
    }

    #[test]
    fn debezium_names_labels_and_moving_values() {
        let m = Arc::new(Metrics::new("postgres", "dbserver1"));
        assert!(!m.healthy());
        m.process_started();
        assert!(m.live() && !m.healthy());
        m.run_started();
        m.snapshot_started(2, 2);
        assert!(m.healthy());
        m.rows_scanned("public.a\"b", 7);
        m.committed_records(&[rec(Some(Op::Read)), rec(Some(Op::Read))]);
        m.table_done("public.a\"b");
        m.snapshot_completed();
        m.committed_records(&[
            rec(Some(Op::Create)),
            rec(Some(Op::Update)),
            rec(Some(Op::Delete)),
            rec(None),
        ]);
        m.transaction_committed(1);
        let t = m.render();
        let l = |ctx: &str| format!("{{context=\"{ctx}\",name=\"dbserver1\",plugin=\"postgres\"}}");
        for (name, ctx, v) in [
            ("Connected", "streaming", "1.0"),
            ("TotalNumberOfEventsSeen", "snapshot", "2.0"),
            ("TotalNumberOfEventsSeen", "streaming", "3.0"),
            ("TotalNumberOfCreateEventsSeen", "streaming", "1.0"),
            ("TotalNumberOfDeleteEventsSeen", "streaming", "1.0"),
            ("NumberOfCommittedTransactions", "streaming", "1.0"),
            ("SnapshotCompleted", "snapshot", "1.0"),
            ("SnapshotRunning", "snapshot", "0.0"),
            ("TotalTableCount", "snapshot", "2.0"),
            ("RemainingTableCount", "snapshot", "0.0"),
        ] {
            let line = format!("debezium_metrics_{name}{} {v}\n", l(ctx));
            assert!(t.contains(&line), "{line} not in\n{t}");
        }
        assert!(
            t.contains("debezium_metrics_RowsScanned{context=\"snapshot\",name=\"dbserver1\",plugin=\"postgres\",table=\"public.a\\\"b\"} 7.0\n"),
            "{t}"
        );
        assert!(
            t.contains("redcdc_collector_events_written_total 6.0\n"),
            "{t}"
        );
        m.failed();
        assert!(!m.healthy());
        m.connected();
        assert!(m.healthy());
        m.run_stopped();
        assert!(!m.healthy());
    }

    #[test]
    fn a_failure_during_a_snapshot_aborts_it() {
        let m = Arc::new(Metrics::new("mysql", "p"));
        m.run_started();
        m.snapshot_started(1, 1);
        m.failed();
        let t = m.render();
        assert!(t.contains("debezium_metrics_SnapshotAborted{context=\"snapshot\",name=\"p\",plugin=\"mysql\"} 1.0\n"), "{t}");
        assert!(t.contains("debezium_metrics_SnapshotRunning{context=\"snapshot\",name=\"p\",plugin=\"mysql\"} 0.0\n"), "{t}");
    }

    #[test]
    fn schema_history_metrics_for_the_sources_that_keep_one() {
        let pg = Arc::new(Metrics::new("postgres", "p"));
        assert!(!pg.render().contains("schema-history"));
        let m = Arc::new(Metrics::new("mariadb", "p"));
        let l = |a: &str, v: &str| {
            format!("debezium_metrics_{a}{{context=\"schema-history\",name=\"p\",plugin=\"mariadb\"}} {v}\n")
        };
        let t = m.render();
        for line in [
            l("RecoveryStartTime", "-1.0"),
            l("ChangesRecovered", "0.0"),
            l("MilliSecondsSinceLastRecoveredChange", "-1.0"),
        ] {
            assert!(t.contains(&line), "{line} not in\n{t}");
        }
        m.history_recovery_started();
        m.history_recovered(3);
        crate::sink::note_history_applied(2);
        let t = m.render();
        assert!(t.contains(&l("ChangesRecovered", "3.0")), "{t}");
        assert!(!t.contains(&l("ChangesApplied", "0.0")), "{t}");
        assert!(!t.contains(&l("RecoveryStartTime", "-1.0")), "{t}");
        assert!(
            !t.contains(&l("MilliSecondsSinceLastAppliedChange", "-1.0")),
            "{t}"
        );
    }
}
