//! Shared by the benchmark binaries: arguments, loading, the collector run (snapshot, then live
//! streaming) and stream-entry timing from Redis entry ids.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use db_matrix::collector::Collector;
use db_matrix::procstat::{cpu_s, vm_hwm_kb};

pub struct Args {
    pub profile: String,
    pub rows: u64,
    pub stream: u64,
    pub tx: u64,
    /// `--tables N` (N > 1): only the parallel-snapshot comparison, the rows split over N tables.
    pub tables: usize,
    /// `--threads T`: `snapshot_max_threads` of the comparison (default: `--tables`).
    pub threads: usize,
}

pub fn args() -> Args {
    let mut a = Args {
        profile: "server".into(),
        rows: 1_000_000,
        stream: 200_000,
        tx: 1000,
        tables: 1,
        threads: 0,
    };
    let v: Vec<String> = std::env::args().skip(1).collect();
    let mut i = 0;
    while i + 1 < v.len() {
        match v[i].as_str() {
            "--profile" => a.profile = v[i + 1].clone(),
            "--rows" => a.rows = v[i + 1].parse().expect("--rows"),
            "--stream" => a.stream = v[i + 1].parse().expect("--stream"),
            "--tx" => a.tx = v[i + 1].parse().expect("--tx"),
            "--tables" => a.tables = v[i + 1].parse().expect("--tables"),
            "--threads" => a.threads = v[i + 1].parse().expect("--threads"),
            o => panic!("unknown argument {o}"),
        }
        i += 2;
    }
    a
}

pub fn xlen(c: &mut redis::Connection, key: &str) -> u64 {
    redis::cmd("XLEN").arg(key).query(c).unwrap_or(0)
}

/// Millisecond timestamp of the n-th entry (0-based) of a stream, from its id.
pub fn entry_ms(c: &mut redis::Connection, key: &str, n: u64) -> u64 {
    let v: redis::Value = redis::cmd("XRANGE")
        .arg(key)
        .arg("-")
        .arg("+")
        .arg("COUNT")
        .arg(n + 1)
        .query(c)
        .unwrap();
    let ids: Vec<String> = match v {
        redis::Value::Array(items) => items
            .into_iter()
            .filter_map(|i| match i {
                redis::Value::Array(p) => redis::from_redis_value_ref::<String>(&p[0]).ok(),
                _ => None,
            })
            .collect(),
        _ => vec![],
    };
    ids.last()
        .and_then(|id| id.split('-').next()?.parse().ok())
        .unwrap_or(0)
}

pub fn last_ms(c: &mut redis::Connection, key: &str) -> u64 {
    let v: redis::Value = redis::cmd("XREVRANGE")
        .arg(key)
        .arg("+")
        .arg("-")
        .arg("COUNT")
        .arg(1)
        .query(c)
        .unwrap();
    if let redis::Value::Array(items) = v {
        if let Some(redis::Value::Array(p)) = items.first() {
            let id: String = redis::from_redis_value_ref(&p[0]).unwrap_or_default();
            return id
                .split('-')
                .next()
                .and_then(|s| s.parse().ok())
                .unwrap_or(0);
        }
    }
    0
}

/// Loads rows `1..=rows` through `insert(lo, hi)` statements of 100,000 rows.
pub fn load(rows: u64, insert: impl Fn(u64, u64) -> String, exec: impl Fn(&str)) {
    let t = std::time::Instant::now();
    let mut lo = 1;
    while lo <= rows {
        let hi = (lo + 99_999).min(rows);
        exec(&insert(lo, hi));
        lo = hi + 1;
    }
    eprintln!("loaded {rows} rows in {:.1}s", t.elapsed().as_secs_f64());
}

/// A script inserting rows `from..=to` in transactions of `tx` rows, after `prefix`.
pub fn tx_sql(
    prefix: &str,
    from: u64,
    to: u64,
    tx: u64,
    insert: impl Fn(u64, u64) -> String,
) -> String {
    let mut sql = prefix.to_string();
    let mut lo = from;
    while lo <= to {
        let hi = (lo + tx - 1).min(to);
        sql.push_str(&insert(lo, hi));
        sql.push('\n');
        lo = hi + 1;
    }
    sql
}

/// Writes the collector config (`source` section given) into a fresh temp dir.
pub fn bench_config(source_yaml: &str, redis_port: u16, profile: &str) -> (PathBuf, PathBuf) {
    let tmp = std::env::temp_dir().join(format!("redcdc-bench-{}", std::process::id()));
    std::fs::create_dir_all(&tmp).unwrap();
    let cfg = tmp.join("bench.yaml");
    std::fs::write(
        &cfg,
        format!("{source_yaml}sink:\n  address: 127.0.0.1:{redis_port}\n  batch_size: 500\noutput:\n  profile: {profile}\n"),
    )
    .unwrap();
    (tmp, cfg)
}

/// Waits until the stream holds `n` entries.
pub fn wait_xlen(c: &mut redis::Connection, stream: &str, n: u64, deadline: Instant, what: &str) {
    while xlen(c, stream) < n {
        assert!(Instant::now() < deadline, "{what} did not finish");
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// Seconds between the `first`-th entry and the last one (their Redis entry ids).
pub fn span_secs(c: &mut redis::Connection, stream: &str, first: u64) -> f64 {
    let from = entry_ms(c, stream, first);
    let to = last_ms(c, stream);
    to.saturating_sub(from).max(1) as f64 / 1000.0
}

/// Figures of a snapshot followed by live streaming.
pub struct Live {
    pub snap_secs: f64,
    pub rss_snapshot_kb: u64,
    pub cpu_snapshot: f64,
    pub apply_secs: f64,
    pub stream_secs: f64,
    pub rss_kb: u64,
    pub cpu_stream: f64,
}

impl Live {
    pub fn print(&self, source: &str, a: &Args) {
        println!(
            "{source} profile={} snapshot_rows={} snapshot_s={:.2} snapshot_rows_per_s={:.0} stream_events={} stream_apply_s={:.2} stream_s={:.2} stream_events_per_s={:.0} peak_rss_mb_after_snapshot={:.1} peak_rss_mb={:.1} collector_cpu_s_snapshot={:.1} collector_cpu_s_stream={:.1}",
            a.profile,
            a.rows,
            self.snap_secs,
            a.rows as f64 / self.snap_secs,
            a.stream,
            self.apply_secs,
            self.stream_secs,
            a.stream as f64 / self.stream_secs,
            self.rss_snapshot_kb as f64 / 1024.0,
            self.rss_kb as f64 / 1024.0,
            self.cpu_snapshot,
            self.cpu_stream
        );
    }
}

/// Runs the release collector: its snapshot of `a.rows` rows, then `apply` (the live inserts,
/// timed) while it streams, until the stream holds `a.rows + a.stream` entries; stops it.
pub fn snapshot_then_live(
    c: &mut redis::Connection,
    cfg: &Path,
    stream: &str,
    a: &Args,
    deadline: Instant,
    apply: impl FnOnce(),
) -> Live {
    let collector = Collector::start(cfg, &[("REDCDC_LOG", "warn")]);
    let pid = collector.child.id();
    wait_xlen(c, stream, a.rows, deadline, "snapshot");
    let snap_secs = span_secs(c, stream, 0);
    let (rss_snapshot_kb, cpu_snapshot) = (vm_hwm_kb(pid), cpu_s(pid));
    let t = Instant::now();
    apply();
    let apply_secs = t.elapsed().as_secs_f64();
    wait_xlen(c, stream, a.rows + a.stream, deadline, "streaming");
    let live = Live {
        snap_secs,
        rss_snapshot_kb,
        cpu_snapshot,
        apply_secs,
        stream_secs: span_secs(c, stream, a.rows),
        rss_kb: vm_hwm_kb(pid),
        cpu_stream: cpu_s(pid) - cpu_snapshot,
    };
    assert_eq!(collector.terminate(), Some(0));
    live
}

/// Figures of a backlog read: rows written while the collector was stopped, then read from the
/// change log as fast as the collector goes (the catch-up).
pub struct Backlog {
    pub secs: f64,
    pub rss_kb: u64,
    pub cpu: f64,
}

impl Backlog {
    pub fn print(&self, source: &str, a: &Args) {
        println!(
            "{source} profile={} backlog_events={} backlog_s={:.2} backlog_events_per_s={:.0} peak_rss_mb={:.1} collector_cpu_s={:.1}",
            a.profile,
            a.stream,
            self.secs,
            a.stream as f64 / self.secs,
            self.rss_kb as f64 / 1024.0,
            self.cpu
        );
    }
}

/// `write` runs while no collector runs, then a collector reads the backlog of
/// `a.stream` events until the stream holds `total` entries.
pub fn backlog(
    c: &mut redis::Connection,
    cfg: &Path,
    stream: &str,
    a: &Args,
    total: u64,
    deadline: Instant,
    write: impl FnOnce(),
) -> Backlog {
    write();
    let collector = Collector::start(cfg, &[("REDCDC_LOG", "warn")]);
    let pid = collector.child.id();
    wait_xlen(c, stream, total, deadline, "backlog");
    let b = Backlog {
        secs: span_secs(c, stream, total - a.stream),
        rss_kb: vm_hwm_kb(pid),
        cpu: cpu_s(pid),
    };
    assert_eq!(collector.terminate(), Some(0));
    b
}

/// The Redis XADD ceiling for entries the size of this stream's: `redis-benchmark` with one
/// client and a 500-deep pipeline (the sink's batch), on the same Redis, entries of one field
/// with the stream entries' mean field and value sizes; the median of three runs. Returns
/// (entries/s, mean entry bytes).
pub fn xadd_ceiling(port: u16, c: &mut redis::Connection, stream: &str) -> (f64, usize) {
    let v: Vec<(String, Vec<(String, String)>)> = redis::cmd("XRANGE")
        .arg(stream)
        .arg("-")
        .arg("+")
        .arg("COUNT")
        .arg(2000)
        .query(c)
        .unwrap_or_default();
    let n = v.len().max(1);
    let (mut fields, mut values) = (0usize, 0usize);
    for (_, fv) in &v {
        for (i, (f, val)) in fv.iter().enumerate() {
            if i == 0 {
                fields += f.len();
                values += val.len();
            } else {
                values += f.len() + val.len();
            }
        }
    }
    let (fsize, vsize) = ((fields / n).max(1), (values / n).max(1));
    // the median of three runs (one run alone moves with whatever else the machine does)
    let mut runs: Vec<f64> = (0..3)
        .map(|_| {
            let out = std::process::Command::new("redis-benchmark")
                .args([
                    "-p",
                    &port.to_string(),
                    "-n",
                    "200000",
                    "-P",
                    "500",
                    "-c",
                    "1",
                    "--csv",
                ])
                .args(["XADD", "redcdc:bench:ceiling", "*"])
                .arg("k".repeat(fsize))
                .arg("v".repeat(vsize))
                .output()
                .expect("redis-benchmark (Debian package redis-tools)");
            let _: Result<(), _> = redis::cmd("DEL").arg("redcdc:bench:ceiling").query(c);
            String::from_utf8_lossy(&out.stdout)
                .lines()
                .filter_map(|l| l.split(',').nth(1))
                .filter_map(|f| f.trim_matches('"').parse::<f64>().ok())
                .next_back()
                .unwrap_or(0.0)
        })
        .collect();
    runs.sort_by(|a, b| a.total_cmp(b));
    let rps = runs[1];
    let _: Result<(), _> = redis::cmd("DEL").arg("redcdc:bench:ceiling").query(c);
    (rps, fsize + vsize)
}

/// Measures the XADD ceiling after a run and prints the snapshot's and the backlog's share of it.
pub fn print_ceiling_ratios(
    source: &str,
    a: &Args,
    port: u16,
    c: &mut redis::Connection,
    stream: &str,
    live: &Live,
    back: &Backlog,
) {
    let ceiling = xadd_ceiling(port, c, stream);
    print_ratios(
        source,
        a,
        ceiling,
        &[
            ("snapshot", a.rows as f64 / live.snap_secs),
            ("backlog", a.stream as f64 / back.secs),
        ],
    );
}

/// Prints the ceiling and each rate's share of it.
pub fn print_ratios(source: &str, a: &Args, ceiling: (f64, usize), rates: &[(&str, f64)]) {
    let mut line = format!(
        "{source} profile={} entry_bytes={} xadd_ceiling_per_s={:.0}",
        a.profile, ceiling.1, ceiling.0
    );
    for (name, r) in rates {
        line.push_str(&format!(" {name}_ratio={:.2}", r / ceiling.0.max(1.0)));
    }
    println!("{line}");
}

/// The parallel-snapshot comparison (`--tables`/`--threads`): `a.rows` split over `a.tables`
/// copies of the `orders` table (`create`/`insert` with the name replaced, `prepare` after each
/// load), read with one thread and with `a.threads` (twice each). `source_yaml(list, t)` is the
/// source section for the qualified table list and `t` threads; `schema` qualifies the tables.
#[allow(clippy::too_many_arguments)]
pub fn parallel_comparison(
    a: &Args,
    source: &str,
    redis: &db_matrix::redis_server::RedisServer,
    schema: &str,
    create: &str,
    insert: fn(u64, u64) -> String,
    run: &dyn Fn(&str),
    prepare: &dyn Fn(&str),
    source_yaml: &dyn Fn(&str, usize) -> String,
) {
    let per = a.rows / a.tables as u64;
    let names: Vec<String> = (1..=a.tables).map(|i| format!("orders_{i}")).collect();
    for n in &names {
        run(&create.replace("TABLE orders ", &format!("TABLE {n} ")));
        load(
            per,
            |x, y| insert(x, y).replace("INTO orders ", &format!("INTO {n} ")),
            run,
        );
        prepare(n);
    }
    let list: Vec<String> = names.iter().map(|n| format!("{schema}.{n}")).collect();
    let prefix = if a.profile == "rdi" { "data:" } else { "" };
    let streams: Vec<String> = names
        .iter()
        .map(|n| format!("{prefix}dbserver1.{schema}.{n}"))
        .collect();
    let t = a.threads.max(a.tables);
    parallel_snapshots(
        &mut redis.conn(),
        source,
        redis.port,
        &a.profile,
        &streams,
        per * a.tables as u64,
        &[1, t, 1, t],
        |t| source_yaml(&list.join(", "), t),
    );
}

/// The snapshot of `streams` (`rows` entries in all) once per thread count in `threads`
/// (`snapshot_max_threads`), each from an empty Redis: prints the rate of each and the ratio
/// to one thread. `source_yaml(t)` is the source section for `t` threads.
#[allow(clippy::too_many_arguments)]
pub fn parallel_snapshots(
    c: &mut redis::Connection,
    source: &str,
    redis_port: u16,
    profile: &str,
    streams: &[String],
    rows: u64,
    threads: &[usize],
    source_yaml: impl Fn(usize) -> String,
) {
    let mut base = None;
    for &t in threads {
        redis::cmd("FLUSHALL").query::<()>(c).unwrap();
        let (tmp, cfg) = bench_config(&source_yaml(t), redis_port, profile);
        let collector = Collector::start(&cfg, &[("REDCDC_LOG", "warn")]);
        let pid = collector.child.id();
        let deadline = Instant::now() + Duration::from_secs(3600);
        while streams.iter().map(|s| xlen(c, s)).sum::<u64>() < rows {
            assert!(Instant::now() < deadline, "snapshot did not finish");
            std::thread::sleep(Duration::from_millis(100));
        }
        let first = streams.iter().map(|s| entry_ms(c, s, 0)).min().unwrap();
        let last = streams.iter().map(|s| last_ms(c, s)).max().unwrap();
        let secs = last.saturating_sub(first).max(1) as f64 / 1000.0;
        let rss = vm_hwm_kb(pid);
        assert_eq!(collector.terminate(), Some(0));
        let rate = rows as f64 / secs;
        // against the latest one-thread run (the first run also warms Redis and the caches)
        if t == 1 {
            base = Some(rate);
        }
        let ratio = base.map_or(1.0, |b: f64| rate / b);
        println!(
            "{source} profile={profile} parallel_snapshot tables={} threads={t} rows={rows} snapshot_s={secs:.2} rows_per_s={rate:.0} vs_one_thread={ratio:.2} peak_rss_mb={:.1}",
            streams.len(),
            rss as f64 / 1024.0
        );
        let _ = std::fs::remove_dir_all(&tmp);
    }
}
