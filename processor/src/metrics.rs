//! Processor metrics and health, served by [`ops::http`] (`--http-address`): the names RDI's
//! processor exporter gives them, so RDI's dashboards and alerts work unchanged.
//!
//! - `rdi_incoming_entries{data_source=<stream>,operation=inserted|updated|deleted|filtered|rejected}`
//! - `incoming_records_total`, `processed_records_total`, `rejected_records_total`,
//!   `filtered_records_total`, `rdi_processed_batches_total`
//! - `rdi_engine_state{state=RUNNING|STOPPED,sync_mode=SNAPSHOT|STREAMING|UNKNOWN}` (1 for the
//!   current pair); the sync mode is the last batch's: snapshot reads (`op` r) or changes
//! - `rdi_stream_event_latency_ms{data_source}`: now minus the time the collector wrote the
//!   batch's last entry (its stream ID)
//! - `rdi_processor_{read,transform,write,ack,total}_time_ms_{total,last}`
//! - `rdi_version_info{cli,engine}`

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicU8, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use ops::prom::{counter, gauges, Label, Labels};
use prometheus_client::collector::Collector;
use prometheus_client::encoding::DescriptorEncoder;

pub const INCOMING_ENTRIES: &str = "rdi_incoming_entries";
pub const RETRIES: &str = "redcdc_processor_retries_total";

/// The phases of a batch, timed.
#[derive(Debug, Clone, Copy)]
pub enum Phase {
    Read = 0,
    Transform = 1,
    Write = 2,
    Ack = 3,
    Total = 4,
}

const PHASES: [&str; 5] = ["read", "transform", "write", "ack", "total"];

/// Sync modes as RDI names them.
const SYNC_MODES: [&str; 3] = ["UNKNOWN", "SNAPSHOT", "STREAMING"];

#[derive(Debug, Default)]
pub struct Metrics {
    counts: Mutex<BTreeMap<(String, &'static str), u64>>,
    latency_ms: Mutex<BTreeMap<String, u64>>,
    /// The collector's write time (stream ID) of the last entry processed, per stream.
    last_arrival_ms: Mutex<BTreeMap<String, u64>>,
    incoming: AtomicU64,
    processed: AtomicU64,
    rejected: AtomicU64,
    filtered: AtomicU64,
    batches: AtomicU64,
    /// microseconds: total and last per phase
    time_total: [AtomicU64; 5],
    time_last: [AtomicU64; 5],
    running: AtomicBool,
    failing: AtomicBool,
    sync_mode: AtomicU8,
    retries: AtomicU64,
    /// The deployed pipeline version running (`processor run --deployed`; 0: from files).
    pipeline_version: AtomicU64,
}

impl Metrics {
    /// Counts one entry of `stream` with `operation` (inserted, updated, deleted, filtered, rejected).
    pub fn count(&self, stream: &str, operation: &'static str) {
        self.add(stream, operation, 1);
    }

    /// Adds `n` entries of `stream` with `operation`.
    pub fn add(&self, stream: &str, operation: &'static str, n: u64) {
        match operation {
            "inserted" | "updated" | "deleted" => self.processed.fetch_add(n, Ordering::Relaxed),
            "filtered" => self.filtered.fetch_add(n, Ordering::Relaxed),
            "rejected" => self.rejected.fetch_add(n, Ordering::Relaxed),
            _ => 0,
        };
        if let Ok(mut m) = self.counts.lock() {
            *m.entry((stream.to_string(), operation)).or_default() += n;
        }
    }

    /// `n` entries read from the streams.
    pub fn incoming(&self, n: u64) {
        self.incoming.fetch_add(n, Ordering::Relaxed);
    }

    /// A batch whose entries are all written and acknowledged.
    pub fn batch_done(&self) {
        self.batches.fetch_add(1, Ordering::Relaxed);
        self.failing.store(false, Ordering::Relaxed);
    }

    pub fn time(&self, phase: Phase, d: Duration) {
        let us = d.as_micros() as u64;
        self.time_total[phase as usize].fetch_add(us, Ordering::Relaxed);
        self.time_last[phase as usize].store(us, Ordering::Relaxed);
    }

    /// The last batch of `stream` was written by the collector at `written_ms` (epoch ms).
    pub fn latency(&self, stream: &str, written_ms: u64) {
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_millis() as u64);
        if let Ok(mut m) = self.latency_ms.lock() {
            m.insert(stream.to_string(), now.saturating_sub(written_ms));
        }
        if let Ok(mut m) = self.last_arrival_ms.lock() {
            m.insert(stream.to_string(), written_ms);
        }
    }

    /// Whether the initial sync is on: no batch yet, or the last one held only snapshot reads.
    pub fn in_initial_sync(&self) -> bool {
        self.sync_mode.load(Ordering::Relaxed) != 2
    }

    /// The last batch held snapshot reads (`true`) or changes (`false`).
    pub fn sync_mode(&self, snapshot: bool) {
        self.sync_mode
            .store(if snapshot { 1 } else { 2 }, Ordering::Relaxed);
    }

    pub fn set_pipeline_version(&self, v: u64) {
        self.pipeline_version.store(v, Ordering::Relaxed);
    }

    pub fn running(&self, on: bool) {
        self.running.store(on, Ordering::Relaxed);
    }

    /// A transient failure (Redis): DOWN until a batch completes again.
    pub fn failed(&self) {
        self.failing.store(true, Ordering::Relaxed);
    }

    pub fn healthy(&self) -> bool {
        self.running.load(Ordering::Relaxed) && !self.failing.load(Ordering::Relaxed)
    }

    pub fn retry(&self) {
        self.retries.fetch_add(1, Ordering::Relaxed);
    }

    pub fn get(&self, stream: &str, operation: &'static str) -> u64 {
        self.counts
            .lock()
            .map(|m| {
                m.get(&(stream.to_string(), operation))
                    .copied()
                    .unwrap_or(0)
            })
            .unwrap_or(0)
    }

    /// The status `redcdc status` shows, per stream: the outcome counts and the last arrival.
    pub fn status_json(&self, instance: &str) -> serde_json::Value {
        let mut streams = serde_json::Map::new();
        if let Ok(c) = self.counts.lock() {
            for ((s, op), n) in c.iter() {
                let e = streams
                    .entry(s.clone())
                    .or_insert_with(|| serde_json::json!({}));
                e[*op] = serde_json::json!(n);
            }
        }
        if let Ok(l) = self.last_arrival_ms.lock() {
            for (s, ms) in l.iter() {
                let e = streams
                    .entry(s.clone())
                    .or_insert_with(|| serde_json::json!({}));
                e["last_arrival_ms"] = serde_json::json!(ms);
            }
        }
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_millis() as u64);
        serde_json::json!({
            "instance": instance,
            "state": if self.running.load(Ordering::Relaxed) { "RUNNING" } else { "STOPPED" },
            "sync_mode": SYNC_MODES[self.sync_mode.load(Ordering::Relaxed) as usize % 3],
            "healthy": self.healthy(),
            "pipeline_version": self.pipeline_version.load(Ordering::Relaxed),
            "streams": streams,
            "updated_ms": now,
        })
    }

    pub fn render(self: &Arc<Self>) -> String {
        ops::prom::render(&Exposition(self.clone()))
    }
}

#[derive(Debug, Clone)]
struct Exposition(Arc<Metrics>);

impl Collector for Exposition {
    fn encode(&self, mut e: DescriptorEncoder) -> Result<(), std::fmt::Error> {
        let m = &self.0;
        let load = |a: &AtomicU64| a.load(Ordering::Relaxed);
        let entries: Vec<(Labels, f64)> = m
            .counts
            .lock()
            .map(|c| {
                c.iter()
                    .map(|((s, op), n)| {
                        (
                            vec![
                                ("data_source", Label::from(s.as_str())),
                                ("operation", Label::from(*op)),
                            ],
                            *n as f64,
                        )
                    })
                    .collect()
            })
            .unwrap_or_default();
        gauges(
            &mut e,
            INCOMING_ENTRIES,
            "Change entries processed, by stream and outcome.",
            &entries,
        )?;
        counter(
            &mut e,
            "incoming_records",
            "Entries read from the streams.",
            load(&m.incoming),
        )?;
        counter(
            &mut e,
            "processed_records",
            "Entries written to the targets.",
            load(&m.processed),
        )?;
        counter(
            &mut e,
            "rejected_records",
            "Entries rejected (dead-letter stream).",
            load(&m.rejected),
        )?;
        counter(
            &mut e,
            "filtered_records",
            "Entries filtered out by a job.",
            load(&m.filtered),
        )?;
        counter(
            &mut e,
            "rdi_processed_batches",
            "Batches written and acknowledged.",
            load(&m.batches),
        )?;
        let state = if m.running.load(Ordering::Relaxed) {
            "RUNNING"
        } else {
            "STOPPED"
        };
        let mode = SYNC_MODES[m.sync_mode.load(Ordering::Relaxed) as usize % 3];
        gauges(
            &mut e,
            "rdi_engine_state",
            "The processor's state and sync mode.",
            &[(
                vec![
                    ("state", Label::from(state)),
                    ("sync_mode", Label::from(mode)),
                ],
                1.0,
            )],
        )?;
        let latency: Vec<(Labels, f64)> = m
            .latency_ms
            .lock()
            .map(|l| {
                l.iter()
                    .map(|(s, ms)| (vec![("data_source", Label::from(s.as_str()))], *ms as f64))
                    .collect()
            })
            .unwrap_or_default();
        gauges(
            &mut e,
            "rdi_stream_event_latency_ms",
            "Milliseconds from the collector's write of an entry to its processing.",
            &latency,
        )?;
        for (i, phase) in PHASES.iter().enumerate() {
            counter(
                &mut e,
                &format!("rdi_processor_{phase}_time_ms"),
                &format!("Milliseconds spent in the {phase} phase of batches."),
                load(&m.time_total[i]) as f64 / 1000.0,
            )?;
            gauges(
                &mut e,
                &format!("rdi_processor_{phase}_time_ms_last"),
                &format!("Milliseconds of the last batch's {phase} phase."),
                &[(Vec::new(), load(&m.time_last[i]) as f64 / 1000.0)],
            )?;
        }
        gauges(
            &mut e,
            "rdi_version_info",
            "The version of the processor.",
            &[(
                vec![
                    ("cli", Label::from(env!("CARGO_PKG_VERSION"))),
                    ("engine", Label::from(env!("CARGO_PKG_VERSION"))),
                ],
                1.0,
            )],
        )?;
        counter(
            &mut e,
            RETRIES.trim_end_matches("_total"),
            "Transient failures retried.",
            load(&m.retries),
        )
    }
}

impl ops::http::Endpoints for Exposition {
    fn check_name(&self) -> &'static str {
        "processor"
    }
    fn healthy(&self) -> bool {
        self.0.healthy()
    }
    fn metrics(&self) -> String {
        ops::prom::render(self)
    }
}

/// The hash every processor writes its status to (field: its instance id).
pub const STATUS_KEY: &str = "metadata:redcdc:status:processor";

/// Publishes the status every second until the process ends (failures are skipped).
pub fn publish(metrics: &Arc<Metrics>, mut conn: redis::aio::ConnectionManager, instance: String) {
    let m = metrics.clone();
    tokio::spawn(async move {
        loop {
            tokio::time::sleep(Duration::from_secs(1)).await;
            let _: redis::RedisResult<()> = redis::cmd("HSET")
                .arg(STATUS_KEY)
                .arg(&instance)
                .arg(m.status_json(&instance).to_string())
                .query_async(&mut conn)
                .await;
        }
    });
}

/// Serves health and metrics on `address` (`host:port`) for the life of the process.
pub fn serve(metrics: &Arc<Metrics>, address: String) {
    ops::http::spawn(address, Arc::new(Exposition(metrics.clone())));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rdi_names_labels_and_moving_values() {
        let m = Arc::new(Metrics::default());
        m.running(true);
        m.incoming(5);
        m.add("data:p.public.t", "inserted", 3);
        m.count("data:p.public.t", "rejected");
        m.add("data:p.public.t", "filtered", 1);
        m.sync_mode(true);
        m.time(Phase::Write, Duration::from_millis(7));
        m.batch_done();
        let t = m.render();
        for line in [
            "rdi_incoming_entries{data_source=\"data:p.public.t\",operation=\"inserted\"} 3.0\n",
            "rdi_incoming_entries{data_source=\"data:p.public.t\",operation=\"rejected\"} 1.0\n",
            "incoming_records_total 5\n",
            "processed_records_total 3\n",
            "rejected_records_total 1\n",
            "filtered_records_total 1\n",
            "rdi_processed_batches_total 1\n",
            "rdi_engine_state{state=\"RUNNING\",sync_mode=\"SNAPSHOT\"} 1.0\n",
            "rdi_processor_write_time_ms_total 7.0\n",
            "rdi_processor_write_time_ms_last 7.0\n",
            "redcdc_processor_retries_total 0\n",
        ] {
            assert!(t.contains(line), "{line} not in\n{t}");
        }
        assert!(t.contains("rdi_version_info{cli=\""), "{t}");
        m.running(false);
        assert!(m
            .render()
            .contains("rdi_engine_state{state=\"STOPPED\",sync_mode=\"SNAPSHOT\"} 1.0\n"));
    }
}
