//! Failpoints at the crash windows, for crash tests. `REDCDC_FAILPOINT=<name>[:<n>]` makes the
//! process abort (like `kill -9`: no flush, no destructor) the n-th time (default 1st) the named
//! point is reached. Names: `after_snapshot_chunk` (a chunk is queued to the writer), `after_xadd` (entries
//! queued in the Redis transaction, EXEC not sent), `before_offset_commit` (a streaming batch is
//! built, nothing sent).

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::OnceLock;

static HITS: AtomicU64 = AtomicU64::new(0);

fn armed() -> &'static Option<(String, u64)> {
    static ARMED: OnceLock<Option<(String, u64)>> = OnceLock::new();
    ARMED.get_or_init(|| {
        let v = std::env::var("REDCDC_FAILPOINT").ok()?;
        let (name, n) = match v.split_once(':') {
            Some((a, b)) => (a.to_string(), b.parse().unwrap_or(1)),
            None => (v, 1),
        };
        Some((name, n))
    })
}

/// Aborts the process when `name` is the armed failpoint and its count is reached.
pub fn hit(name: &str) {
    if let Some((armed, n)) = armed() {
        if armed == name && HITS.fetch_add(1, Ordering::SeqCst) + 1 >= *n {
            eprintln!("failpoint {name} reached: aborting");
            std::process::abort();
        }
    }
}
