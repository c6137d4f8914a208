//! Running the collector binary as a child process.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};

use crate::workspace_root;

/// Path of the collector binary: `$REDCDC_COLLECTOR_BIN`, else `target/debug/collector`
/// (`.ci/run` and `scripts/test.sh` build it before the tests).
pub fn bin() -> PathBuf {
    if let Ok(p) = std::env::var("REDCDC_COLLECTOR_BIN") {
        return PathBuf::from(p);
    }
    let target = std::env::var("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|_| workspace_root().join("target"));
    let p = target.join("debug").join("collector");
    assert!(
        p.exists(),
        "{} is missing: run `cargo build -p redcdc-collector` first (scripts/test.sh does)",
        p.display()
    );
    p
}

/// A running collector.
pub struct Collector {
    pub child: Child,
    pub log: PathBuf,
}

impl Collector {
    pub fn start(config: &Path, env: &[(&str, &str)]) -> Collector {
        let log = config.with_extension(format!(
            "log.{}",
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_nanos()
        ));
        let f = std::fs::File::create(&log).unwrap();
        let mut cmd = Command::new(bin());
        cmd.args(["run", "--config"])
            .arg(config)
            .stdout(Stdio::null())
            .stderr(f)
            .env("REDCDC_LOG", "info");
        for (k, v) in env {
            cmd.env(k, v);
        }
        Collector {
            child: cmd.spawn().expect("collector"),
            log,
        }
    }

    pub fn log_text(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// SIGTERM and wait; returns the exit code.
    pub fn terminate(mut self) -> Option<i32> {
        let _ = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
        let st = self.child.wait().ok()?;
        st.code()
    }

    /// SIGKILL.
    pub fn kill9(mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    /// Waits for exit (up to `secs`), returning the status code (None on timeout: killed).
    pub fn wait_exit(mut self, secs: u64) -> (Option<i32>, String) {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(secs);
        loop {
            if let Ok(Some(st)) = self.child.try_wait() {
                return (st.code(), self.log_text());
            }
            if std::time::Instant::now() > deadline {
                let _ = self.child.kill();
                let _ = self.child.wait();
                return (None, self.log_text());
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
    }
}

/// `collector <sub> --config F` to completion.
pub fn run_to_end(sub: &str, config: &Path) -> Output {
    Command::new(bin())
        .args([sub, "--config"])
        .arg(config)
        .output()
        .expect("collector")
}
