//! Failpoints at the crash windows, for crash tests. `REDCDC_FAILPOINT=<name>[:<n>]` makes the
//! process abort (like `kill -9`: no flush, no destructor) the n-th time (default 1st) the named
//! point is reached. Names: `after_snapshot_chunk` (a chunk is queued to the writer), `after_xadd` (entries
//! queued in the Redis transaction, EXEC not sent), `before_offset_commit` (a streaming batch is
//! built, nothing sent). `<name>:<n>:stop` stops the process instead (SIGSTOP to itself), to
//! pause it exactly there until a test sends SIGCONT.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::OnceLock;

static HITS: AtomicU64 = AtomicU64::new(0);

/// (name, n, stop instead of abort)
fn armed() -> &'static Option<(String, u64, bool)> {
    static ARMED: OnceLock<Option<(String, u64, bool)>> = OnceLock::new();
    ARMED.get_or_init(|| {
        let v = std::env::var("REDCDC_FAILPOINT").ok()?;
        let mut parts = v.split(':');
        let name = parts.next()?.to_string();
        let n = parts.next().and_then(|n| n.parse().ok()).unwrap_or(1);
        let stop = parts.next() == Some("stop");
        Some((name, n, stop))
    })
}

/// Aborts (or stops) the process when `name` is the armed failpoint and its count is reached.
pub fn hit(name: &str) {
    if let Some((armed, n, stop)) = armed() {
        if armed != name {
            return;
        }
        let hits = HITS.fetch_add(1, Ordering::SeqCst) + 1;
        if *stop && hits == *n {
            eprintln!("failpoint {name} reached: stopping");
            let _ = std::process::Command::new("kill")
                .args(["-STOP", &std::process::id().to_string()])
                .status();
            // the stop reaches this thread asynchronously: wait here for it, so nothing after
            // the failpoint (the commit) runs before the process is continued
            std::thread::sleep(std::time::Duration::from_millis(200));
        } else if !*stop && hits >= *n {
            eprintln!("failpoint {name} reached: aborting");
            std::process::abort();
        }
    }
}
