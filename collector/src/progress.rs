//! Progress reporting: during a snapshot, per table rows done of the estimate, rows/s and ETA —
//! on a terminal one `indicatif` bar per table (tables read in parallel each keep their own line
//! in a [`MultiProgress`]; log lines print above the bars through [`LogWriter`]), as periodic log
//! lines otherwise. While streaming, the lag behind the source is logged by the stream (bytes of
//! WAL and seconds).

use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

use indicatif::{MultiProgress, ProgressBar, ProgressDrawTarget, ProgressStyle};

/// The process's bars (drawn on stderr only when it is a terminal).
pub fn bars() -> &'static MultiProgress {
    static BARS: OnceLock<MultiProgress> = OnceLock::new();
    BARS.get_or_init(|| {
        if std::io::stderr().is_terminal() {
            MultiProgress::with_draw_target(ProgressDrawTarget::stderr())
        } else {
            MultiProgress::with_draw_target(ProgressDrawTarget::hidden())
        }
    })
}

/// The log's writer (`tracing_subscriber`'s `MakeWriter`): stderr, with the bars lifted while a
/// line is written so log lines and bars do not overwrite each other.
#[derive(Clone, Copy, Default)]
pub struct LogWriter;

impl std::io::Write for LogWriter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        bars().suspend(|| std::io::stderr().write(buf))
    }
    fn flush(&mut self) -> std::io::Result<()> {
        std::io::stderr().flush()
    }
}

impl<'a> tracing_subscriber::fmt::MakeWriter<'a> for LogWriter {
    type Writer = LogWriter;
    fn make_writer(&'a self) -> LogWriter {
        LogWriter
    }
}

#[derive(Debug, Clone)]
struct TableMeter {
    estimate: u64,
    rows: u64,
    start_rows: u64,
    started: Instant,
    done: bool,
    /// The table's bar, on a terminal.
    bar: Option<ProgressBar>,
}

/// Shared by the snapshot workers.
pub struct SnapshotProgress {
    metrics: Option<std::sync::Arc<crate::metrics::Metrics>>,
    tables: Mutex<BTreeMap<String, TableMeter>>,
    last_report: Mutex<Instant>,
    tty: bool,
}

impl Default for SnapshotProgress {
    fn default() -> Self {
        Self::new()
    }
}

impl SnapshotProgress {
    pub fn new() -> Self {
        SnapshotProgress {
            metrics: None,
            tables: Mutex::new(BTreeMap::new()),
            last_report: Mutex::new(Instant::now()),
            tty: std::io::stderr().is_terminal(),
        }
    }

    /// The progress of a snapshot of `total` tables, `remaining` of them still to read, also
    /// kept in `metrics` (Debezium's snapshot metrics).
    pub fn for_snapshot(
        metrics: std::sync::Arc<crate::metrics::Metrics>,
        total: usize,
        remaining: usize,
    ) -> Self {
        metrics.snapshot_started(total, remaining);
        SnapshotProgress {
            metrics: Some(metrics),
            ..Self::new()
        }
    }

    pub fn start_table(&self, table: &str, estimate: u64, rows: u64) {
        if let Some(m) = &self.metrics {
            m.rows_scanned(table, rows);
            m.table_started(table, estimate);
        }
        let bar = self.tty.then(|| {
            let b = bars().add(ProgressBar::new(estimate.max(rows)));
            b.set_style(
                ProgressStyle::with_template(
                    "{prefix:>24} [{bar:30}] {human_pos}/{human_len} rows {per_sec} ETA {eta}",
                )
                .unwrap_or_else(|_| ProgressStyle::default_bar())
                .progress_chars("#>-"),
            );
            b.set_prefix(table.to_string());
            b.set_position(rows);
            b
        });
        if let Ok(mut t) = self.tables.lock() {
            t.insert(
                table.to_string(),
                TableMeter {
                    estimate,
                    rows,
                    start_rows: rows,
                    started: Instant::now(),
                    done: false,
                    bar,
                },
            );
        }
    }

    pub fn rows(&self, table: &str, rows: u64) {
        if let Some(m) = &self.metrics {
            m.rows_scanned(table, rows);
        }
        if let Ok(mut t) = self.tables.lock() {
            if let Some(m) = t.get_mut(table) {
                m.rows = rows;
                if let Some(b) = &m.bar {
                    // the estimate is a statistic: a table can hold more rows
                    if rows > b.length().unwrap_or(0) {
                        b.set_length(rows);
                    }
                    b.set_position(rows);
                }
            }
        }
        if !self.tty {
            self.maybe_report();
        }
    }

    pub fn finish_table(&self, table: &str, rows: u64, took: Duration) {
        if let Some(m) = &self.metrics {
            m.rows_scanned(table, rows);
            m.table_done(table);
        }
        if let Ok(mut t) = self.tables.lock() {
            if let Some(m) = t.get_mut(table) {
                m.rows = rows;
                m.done = true;
                if let Some(b) = m.bar.take() {
                    b.set_length(rows);
                    b.finish_and_clear();
                    bars().remove(&b);
                }
            }
        }
        let secs = took.as_secs_f64().max(1e-3);
        tracing::info!(
            table,
            rows,
            seconds = format!("{secs:.1}"),
            rows_per_s = (rows as f64 / secs) as u64,
            "table snapshot done"
        );
    }

    /// The snapshot's completed offset is durable.
    pub fn completed(&self) {
        if let Some(m) = &self.metrics {
            m.snapshot_completed();
        }
    }

    pub fn total_rows(&self) -> u64 {
        self.tables
            .lock()
            .map(|t| t.values().map(|m| m.rows).sum())
            .unwrap_or(0)
    }

    fn maybe_report(&self) {
        let every = Duration::from_secs(5);
        {
            let Ok(mut last) = self.last_report.lock() else {
                return;
            };
            if last.elapsed() < every {
                return;
            }
            *last = Instant::now();
        }
        let Ok(t) = self.tables.lock() else { return };
        for (name, m) in t.iter().filter(|(_, m)| !m.done) {
            let secs = m.started.elapsed().as_secs_f64().max(1e-3);
            let rate = (m.rows - m.start_rows) as f64 / secs;
            let left = m.estimate.saturating_sub(m.rows);
            let eta = if rate > 0.0 { left as f64 / rate } else { 0.0 };
            tracing::info!(table = %name, rows = m.rows, estimate = m.estimate, rows_per_s = rate as u64, eta_s = eta as u64, "snapshot progress");
        }
    }
}
