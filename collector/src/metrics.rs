//! Metrics in Prometheus text format, served on `metrics_address` (`GET /metrics`). Names are
//! constants; labels are low-cardinality; no row value or secret ever appears.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use tokio::io::{AsyncReadExt, AsyncWriteExt};

pub const EVENTS_WRITTEN: &str = "redcdc_collector_events_written_total";
pub const SNAPSHOT_ROWS: &str = "redcdc_collector_snapshot_rows_total";
pub const LAG_BYTES: &str = "redcdc_collector_replication_lag_bytes";
pub const LAG_SECONDS: &str = "redcdc_collector_replication_lag_seconds";
pub const RETRIES: &str = "redcdc_collector_retries_total";

/// The collector's counters and gauges.
#[derive(Debug, Default)]
pub struct Metrics {
    events: AtomicU64,
    snapshot_rows: AtomicU64,
    lag_bytes: AtomicU64,
    lag_millis: AtomicU64,
    retries: AtomicU64,
}

impl Metrics {
    pub fn events_written(&self, n: u64) {
        self.events.fetch_add(n, Ordering::Relaxed);
    }
    pub fn snapshot_rows(&self, n: u64) {
        self.snapshot_rows.fetch_add(n, Ordering::Relaxed);
    }
    pub fn set_lag(&self, bytes: u64, seconds: f64) {
        self.lag_bytes.store(bytes, Ordering::Relaxed);
        self.lag_millis
            .store((seconds * 1000.0) as u64, Ordering::Relaxed);
    }
    pub fn retry(&self) {
        self.retries.fetch_add(1, Ordering::Relaxed);
    }

    /// The Prometheus text exposition.
    pub fn render(&self) -> String {
        let mut s = String::new();
        let mut one = |name: &str, kind: &str, help: &str, v: String| {
            s.push_str(&format!(
                "# HELP {name} {help}\n# TYPE {name} {kind}\n{name} {v}\n"
            ));
        };
        one(
            EVENTS_WRITTEN,
            "counter",
            "Change events written to Redis streams.",
            self.events.load(Ordering::Relaxed).to_string(),
        );
        one(
            SNAPSHOT_ROWS,
            "counter",
            "Rows read by snapshots.",
            self.snapshot_rows.load(Ordering::Relaxed).to_string(),
        );
        one(
            LAG_BYTES,
            "gauge",
            "WAL bytes between the server's end and the durable position.",
            self.lag_bytes.load(Ordering::Relaxed).to_string(),
        );
        one(
            LAG_SECONDS,
            "gauge",
            "Seconds between the last commit seen and now.",
            format!(
                "{:.3}",
                self.lag_millis.load(Ordering::Relaxed) as f64 / 1000.0
            ),
        );
        one(
            RETRIES,
            "counter",
            "Transient failures retried.",
            self.retries.load(Ordering::Relaxed).to_string(),
        );
        s
    }

    /// Serves `/metrics` until the process ends.
    pub async fn serve(self: Arc<Self>, address: String) -> std::io::Result<()> {
        let listener = tokio::net::TcpListener::bind(&address).await?;
        tracing::info!(%address, "metrics endpoint listening");
        loop {
            let (mut sock, _) = listener.accept().await?;
            let me = self.clone();
            tokio::spawn(async move {
                let mut buf = [0u8; 1024];
                let _ = sock.read(&mut buf).await;
                let body = me.render();
                let resp = format!(
                    "HTTP/1.1 200 OK\r\nContent-Type: text/plain; version=0.0.4\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                    body.len()
                );
                let _ = sock.write_all(resp.as_bytes()).await;
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_prometheus_text() {
        let m = Metrics::default();
        m.events_written(3);
        m.set_lag(10, 1.5);
        let t = m.render();
        assert!(t.contains("redcdc_collector_events_written_total 3\n"));
        assert!(t.contains("# TYPE redcdc_collector_replication_lag_bytes gauge\nredcdc_collector_replication_lag_bytes 10\n"));
        assert!(t.contains("redcdc_collector_replication_lag_seconds 1.500"));
    }
}
