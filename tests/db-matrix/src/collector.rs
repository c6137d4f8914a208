//! Running the collector and processor binaries as child processes.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};

use crate::workspace_root;

/// Path of the collector binary: `$REDCDC_COLLECTOR_BIN`, else `target/debug/collector`
/// (`.ci/run` and `scripts/test.sh` build it before the tests).
pub fn bin() -> PathBuf {
    binary("collector", "REDCDC_COLLECTOR_BIN")
}

/// Path of the processor binary: `$REDCDC_PROCESSOR_BIN`, else `target/debug/processor`.
pub fn processor_bin() -> PathBuf {
    binary("processor", "REDCDC_PROCESSOR_BIN")
}

fn binary(name: &str, env: &str) -> PathBuf {
    if let Ok(p) = std::env::var(env) {
        return PathBuf::from(p);
    }
    let target = std::env::var("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|_| workspace_root().join("target"));
    let p = target.join("debug").join(name);
    assert!(
        p.exists(),
        "{} is missing: run `cargo build --bins` first (scripts/test.sh does)",
        p.display()
    );
    p
}

/// A running collector or processor.
pub struct Collector {
    pub child: Child,
    pub log: PathBuf,
}

impl Collector {
    /// `collector run --config C`.
    pub fn start(config: &Path, env: &[(&str, &str)]) -> Collector {
        Self::spawn(
            bin(),
            &["run", "--config", config.to_str().unwrap()],
            config,
            env,
        )
    }

    /// `processor run --config C --jobs J [extra args]`.
    pub fn processor(
        config: &Path,
        jobs: &Path,
        extra: &[&str],
        env: &[(&str, &str)],
    ) -> Collector {
        let mut args = vec![
            "run",
            "--config",
            config.to_str().unwrap(),
            "--jobs",
            jobs.to_str().unwrap(),
        ];
        args.extend_from_slice(extra);
        Self::spawn(processor_bin(), &args, config, env)
    }

    /// Any program (e.g. `chroot`, `podman`) run as a collector: its stderr in a log next to
    /// `near`, `REDCDC_LOG=info`.
    pub fn spawn(program: PathBuf, args: &[&str], near: &Path, env: &[(&str, &str)]) -> Collector {
        let stamp = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos();
        let log = near.with_extension(format!("log.{stamp}"));
        let f = std::fs::File::create(&log).unwrap();
        let mut cmd = Command::new(program);
        cmd.args(args)
            .stdout(Stdio::null())
            .stderr(f)
            .env("REDCDC_LOG", "info");
        for (k, v) in env {
            cmd.env(k, v);
        }
        Collector {
            child: cmd.spawn().expect("spawn"),
            log,
        }
    }

    pub fn log_text(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// What the process is doing now, for a test that timed out waiting on it: its state
    /// (running, sleeping, stopped) and every thread's stack (`gdb`, when installed).
    pub fn stacks(&self) -> String {
        let pid = self.child.id().to_string();
        let state = std::fs::read_to_string(format!("/proc/{pid}/status"))
            .ok()
            .and_then(|s| {
                s.lines()
                    .find(|l| l.starts_with("State:"))
                    .map(str::to_string)
            })
            .unwrap_or_else(|| "State: (gone)".into());
        let gdb = Command::new("gdb")
            .args(["-p", &pid, "-batch", "-nx", "-ex", "thread apply all bt 30"])
            .stdin(Stdio::null())
            .output()
            .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
            .unwrap_or_else(|e| format!("(gdb: {e})"));
        format!("pid {pid} {state}\n{gdb}")
    }

    /// SIGTERM and wait; returns the exit code.
    pub fn terminate(mut self) -> Option<i32> {
        let _ = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
        let st = self.child.wait().ok()?;
        st.code()
    }

    /// Sends a signal (`STOP`, `CONT`, ...) and returns at once.
    pub fn signal(&self, sig: &str) {
        let ok = Command::new("kill")
            .args([&format!("-{sig}"), &self.child.id().to_string()])
            .status()
            .is_ok_and(|s| s.success());
        assert!(ok, "kill -{sig} failed");
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

impl Drop for Collector {
    fn drop(&mut self) {
        // never leave a child running after a failed test
        let _ = self.child.kill();
        let _ = self.child.wait();
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

/// Six rounds of: start the collector, `write(first_id)` while it runs, kill -9 it after a
/// random delay (0-400 ms; the seed is printed to replay a failure). Ids step by 1,000 from
/// 10,000.
pub fn kill_at_random_moments(cfg: &Path, mut write: impl FnMut(i64)) {
    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .subsec_nanos() as u64;
    eprintln!("random kill seed {seed}");
    let mut next = 10_000;
    for round in 0..6u64 {
        let c = Collector::start(cfg, &[]);
        write(next);
        next += 1000;
        let delay = (seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(round * 1442695040888963407)
            >> 33)
            % 400;
        std::thread::sleep(std::time::Duration::from_millis(delay));
        c.kill9();
    }
}
