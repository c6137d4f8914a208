//! Processor metrics in Prometheus text format, named like RDI's
//! (`rdi_incoming_entries{data_source, operation}`), served on `GET /metrics`.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use tokio::io::{AsyncReadExt, AsyncWriteExt};

pub const INCOMING_ENTRIES: &str = "rdi_incoming_entries";
pub const RETRIES: &str = "redcdc_processor_retries_total";

#[derive(Debug, Default)]
pub struct Metrics {
    counts: Mutex<BTreeMap<(String, &'static str), u64>>,
    retries: AtomicU64,
}

impl Metrics {
    /// Counts one entry of `stream` with `operation` (inserted, updated, deleted, filtered, rejected).
    pub fn count(&self, stream: &str, operation: &'static str) {
        self.add(stream, operation, 1);
    }

    /// Adds `n` entries of `stream` with `operation`.
    pub fn add(&self, stream: &str, operation: &'static str, n: u64) {
        if let Ok(mut m) = self.counts.lock() {
            *m.entry((stream.to_string(), operation)).or_default() += n;
        }
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

    pub fn render(&self) -> String {
        let mut s = format!("# HELP {INCOMING_ENTRIES} Change entries processed, by stream and outcome.\n# TYPE {INCOMING_ENTRIES} counter\n");
        if let Ok(m) = self.counts.lock() {
            for ((stream, op), n) in m.iter() {
                s.push_str(&format!(
                    "{INCOMING_ENTRIES}{{data_source=\"{stream}\",operation=\"{op}\"}} {n}\n"
                ));
            }
        }
        s.push_str(&format!("# HELP {RETRIES} Transient failures retried.\n# TYPE {RETRIES} counter\n{RETRIES} {}\n", self.retries.load(Ordering::Relaxed)));
        s
    }

    pub async fn serve(self: Arc<Self>, address: String) -> std::io::Result<()> {
        let listener = tokio::net::TcpListener::bind(&address).await?;
        loop {
            let (mut sock, _) = listener.accept().await?;
            let me = self.clone();
            tokio::spawn(async move {
                let mut buf = [0u8; 1024];
                let _ = sock.read(&mut buf).await;
                let body = me.render();
                let resp = format!("HTTP/1.1 200 OK\r\nContent-Type: text/plain; version=0.0.4\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}", body.len());
                let _ = sock.write_all(resp.as_bytes()).await;
            });
        }
    }
}
