//! Progress reporting: during a snapshot, per table rows done of the estimate, rows/s and ETA —
//! redrawn in place when stderr is a terminal, as periodic log lines otherwise. While streaming,
//! the lag behind the source is logged by the stream (bytes of WAL and seconds).

use std::collections::BTreeMap;
use std::io::{IsTerminal, Write};
use std::sync::Mutex;
use std::time::{Duration, Instant};

#[derive(Debug, Clone)]
struct TableMeter {
    estimate: u64,
    rows: u64,
    start_rows: u64,
    started: Instant,
    done: bool,
}

/// Shared by the snapshot workers.
pub struct SnapshotProgress {
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
            tables: Mutex::new(BTreeMap::new()),
            last_report: Mutex::new(Instant::now()),
            tty: std::io::stderr().is_terminal(),
        }
    }

    pub fn start_table(&self, table: &str, estimate: u64, rows: u64) {
        if let Ok(mut t) = self.tables.lock() {
            t.insert(
                table.to_string(),
                TableMeter {
                    estimate,
                    rows,
                    start_rows: rows,
                    started: Instant::now(),
                    done: false,
                },
            );
        }
    }

    pub fn rows(&self, table: &str, rows: u64) {
        if let Ok(mut t) = self.tables.lock() {
            if let Some(m) = t.get_mut(table) {
                m.rows = rows;
            }
        }
        self.maybe_report();
    }

    pub fn finish_table(&self, table: &str, rows: u64, took: Duration) {
        if let Ok(mut t) = self.tables.lock() {
            if let Some(m) = t.get_mut(table) {
                m.rows = rows;
                m.done = true;
            }
        }
        if self.tty {
            eprintln!();
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

    pub fn total_rows(&self) -> u64 {
        self.tables
            .lock()
            .map(|t| t.values().map(|m| m.rows).sum())
            .unwrap_or(0)
    }

    fn maybe_report(&self) {
        let every = if self.tty {
            Duration::from_millis(250)
        } else {
            Duration::from_secs(5)
        };
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
            let pct = if m.estimate > 0 {
                (m.rows as f64 * 100.0 / m.estimate as f64).min(100.0)
            } else {
                0.0
            };
            if self.tty {
                let width = 30usize;
                let filled = ((pct / 100.0) * width as f64) as usize;
                let bar: String = "#".repeat(filled) + &"-".repeat(width - filled);
                let mut e = std::io::stderr().lock();
                let _ = write!(
                    e,
                    "\r{name} [{bar}] {}/{} rows {rate:.0} rows/s ETA {eta:.0}s   ",
                    m.rows, m.estimate
                );
                let _ = e.flush();
            } else {
                tracing::info!(table = %name, rows = m.rows, estimate = m.estimate, rows_per_s = rate as u64, eta_s = eta as u64, "snapshot progress");
            }
        }
    }
}
