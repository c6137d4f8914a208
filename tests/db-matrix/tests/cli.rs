//! `redcdc`, the operator's CLI, against a running pipeline (Postgres → collector → Redis →
//! processor): `status` in its three formats shows the source's sync mode and connection, each
//! table's snapshot state and rows, and each stream's counts; `deploy` refuses a bad job naming
//! the file and field and stores a good pipeline; `list-jobs`, `describe-job`, `list-dlqs` and
//! `list-dlq-records` read them back.

use std::path::Path;
use std::process::{Command, Output};

use db_matrix::collector::Collector;
use db_matrix::matrix::{self, SourceDb};
use db_matrix::postgres::Postgres;
use db_matrix::redis_server::RedisServer;
use db_matrix::wait_for;

fn redcdc_bin() -> std::path::PathBuf {
    db_matrix::collector::processor_bin().with_file_name("redcdc")
}

fn redcdc(redis: &RedisServer, args: &[&str]) -> Output {
    Command::new(redcdc_bin())
        .args(["--redis", &redis.url()])
        .args(args)
        .output()
        .expect("redcdc (cargo build --bins)")
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

fn write(dir: &Path, name: &str, body: &str) -> std::path::PathBuf {
    let p = dir.join(name);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(&p, body).unwrap();
    p
}

/// A pipeline directory `dir`: config.yaml (the test Redis as target, quick reads, extra
/// `processors:` lines) and `jobs/t.yaml` with `job`. Returns (config.yaml, jobs/).
fn pipeline(
    dir: &Path,
    redis: &RedisServer,
    processors: &str,
    job: &str,
) -> (std::path::PathBuf, std::path::PathBuf) {
    let cfg = write(
        dir,
        "config.yaml",
        &format!(
            "targets:\n  target:\n    connection:\n      type: redis\n      host: 127.0.0.1\n      port: {}\n\
             processors:\n  read_batch_timeout_ms: 50\n  idle_streams_check_interval_ms: 200\n  stream_pattern: 'dbserver1.*'\n{processors}",
            redis.port
        ),
    );
    let jobs = dir.join("jobs");
    write(&jobs, "t.yaml", job);
    (cfg, jobs)
}

/// A job writing table `t` as strings `<prefix>:<id>` = `v`.
fn string_job(prefix: &str) -> String {
    format!(
        "source:\n  table: t\noutput:\n  - uses: redis.write\n    with:\n      data_type: string\n      key:\n        expression: \"'{prefix}:' || id\"\n        language: sql\n      args:\n        value: v\n"
    )
}

#[test]
fn status_deploy_jobs_and_dead_letters() {
    let pg = Postgres::start();
    let redis = RedisServer::start();
    pg.psql(
        "CREATE TABLE t (id int PRIMARY KEY, v int); \
         INSERT INTO t SELECT g, g FROM generate_series(1, 30) g; ANALYZE t",
    );
    let tmp = tempfile::tempdir().unwrap();
    let cfg = write(
        tmp.path(),
        "collector.yaml",
        &matrix::config(&pg, &redis, &["t"], ""),
    );
    let collector = Collector::start(&cfg, &[]);
    // the pipeline directory: config.yaml and a job rejecting odd ids (a key from a field only
    // even ids have) and filtering out id 30
    let dir = tmp.path().join("pipeline");
    let (pcfg, jobs) = pipeline(
        &dir,
        &redis,
        "",
        "source:\n  table: t\ntransform:\n  - uses: filter\n    with:\n      language: sql\n      expression: id <> 30\n  - uses: add_field\n    with:\n      field: k\n      language: sql\n      expression: CASE WHEN id % 2 = 0 THEN 'even' END\noutput:\n  - uses: redis.write\n    with:\n      data_type: string\n      key:\n        expression: \"'s:' || id\"\n        language: sql\n      args:\n        value: k\n",
    );
    let processor = Collector::processor(&pcfg, &jobs, &[], &[]);
    let stream = pg.stream("t");
    let status_json = || -> serde_json::Value {
        let o = redcdc(&redis, &["status", "-o", "json"]);
        assert!(o.status.success(), "{}", text(&o));
        serde_json::from_slice(&o.stdout).unwrap()
    };
    let s = wait_for(60, "status: streaming, 30 rows, counts", || {
        let s = status_json();
        let src = s["sources"].as_array()?.first()?.clone();
        let st = &s["streams"][&stream];
        (src["sync_mode"] == "streaming"
            && src["snapshot"]["tables"]["public.t"]["state"] == "done"
            && src["snapshot"]["tables"]["public.t"]["rows"] == 30
            && st["total"] == 30
            && st["inserted"] == 14
            && st["filtered"] == 1
            && st["rejected"] == 15
            && st["pending"] == 0)
            .then_some(s)
    });
    let src = &s["sources"][0];
    assert_eq!(src["source"], "dbserver1", "{s}");
    assert_eq!(src["plugin"], "postgres", "{s}");
    assert_eq!(src["role"], "active", "{s}");
    assert_eq!(src["connected"], true, "{s}");
    // the table's rows of the statistics' estimate (ANALYZEd: 30)
    assert_eq!(src["snapshot"]["tables"]["public.t"]["estimate"], 30, "{s}");
    // changes move the counts, the source's lag and the stream's last arrival
    pg.psql("UPDATE t SET v = 0 WHERE id = 2");
    pg.psql("DELETE FROM t WHERE id = 4");
    let s = wait_for(30, "the update and the delete counted", || {
        let s = status_json();
        let st = &s["streams"][&stream];
        (st["updated"] == 1 && st["deleted"] == 1).then_some(s)
    });
    let src = &s["sources"][0];
    assert!(src["lag_ms"].as_i64().is_some_and(|l| l >= 0), "{s}");
    assert_eq!(src["events"]["updated"], 1, "{s}");
    assert_eq!(src["events"]["deleted"], 1, "{s}");
    let now_ms = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as u64;
    let last = s["streams"][&stream]["last_arrival_ms"]
        .as_u64()
        .unwrap_or(0);
    assert!(
        last <= now_ms + 1000 && now_ms - last.min(now_ms) < 60_000,
        "last arrival {last}, now {now_ms}: {s}"
    );
    let yaml = redcdc(&redis, &["describe", "-o", "yaml"]);
    assert!(yaml.status.success(), "{}", text(&yaml));
    let y: serde_json::Value = serde_yaml_ng::from_slice(&yaml.stdout).unwrap();
    assert_eq!(y["streams"][&stream]["inserted"], 14, "{}", text(&yaml));
    let table = text(&redcdc(&redis, &["status"]));
    for want in [
        "SYNC MODE",
        "streaming",
        "public.t",
        "done",
        &stream,
        "REJECTED",
    ] {
        assert!(table.contains(want), "{want} not in\n{table}");
    }

    // deploy: a bad job is refused with its file and field, nothing stored
    let bad = tmp.path().join("bad");
    write(
        &bad,
        "config.yaml",
        &std::fs::read_to_string(&pcfg).unwrap(),
    );
    write(
        &bad.join("jobs"),
        "t.yaml",
        "source:\n  table: t\noutput:\n  - uses: redis.write\n    with:\n      data_type: hashh\n",
    );
    let o = redcdc(&redis, &["deploy", "--dir", bad.to_str().unwrap()]);
    assert!(!o.status.success());
    assert!(
        text(&o).contains("t.yaml") && text(&o).contains("output[0].with.data_type"),
        "{}",
        text(&o)
    );
    assert!(text(&redcdc(&redis, &["list-jobs"])).contains("no job deployed"));
    // a bad source is refused too, as the collector would read it: one problem, naming the
    // field and the file; the good source's secret, set only where a collector runs, is none
    let bad_source = tmp.path().join("bad-source");
    write(
        &bad_source,
        "config.yaml",
        &format!(
            "{}\nsources:\n  good:\n    type: cdc\n    connection:\n      type: postgresql\n      host: db\n      port: 5432\n      database: d\n      user: u\n      password: ${{env:REDCDC_TEST_SURELY_UNSET}}\n  bad:\n    type: cdc\n    connection:\n      type: postgresql\n      host: db\n      port: 5432\n      database: d\n      user: u\n      sslmode: require\n",
            std::fs::read_to_string(&pcfg).unwrap()
        ),
    );
    write(
        &bad_source.join("jobs"),
        "t.yaml",
        &std::fs::read_to_string(dir.join("jobs").join("t.yaml")).unwrap(),
    );
    let o = redcdc(&redis, &["deploy", "--dir", bad_source.to_str().unwrap()]);
    assert!(!o.status.success());
    let t = text(&o);
    assert!(
        t.contains("1 problem(s)")
            && t.contains("config.yaml")
            && t.contains("sources.bad.connection.sslmode"),
        "{t}"
    );
    assert!(text(&redcdc(&redis, &["list-jobs"])).contains("no job deployed"));
    let o = redcdc(&redis, &["deploy", "--dir", dir.to_str().unwrap()]);
    assert!(o.status.success(), "{}", text(&o));
    assert!(text(&o).contains("deployed version 1"), "{}", text(&o));
    assert_eq!(text(&redcdc(&redis, &["list-jobs"])).trim(), "t");
    let job = text(&redcdc(&redis, &["describe-job", "t"]));
    assert!(job.contains("CASE WHEN id % 2 = 0"), "{job}");
    let o = redcdc(&redis, &["describe-job", "nope"]);
    assert!(!o.status.success() && text(&o).contains("list-jobs"));

    // dead letters
    let dlqs = text(&redcdc(&redis, &["list-dlqs"]));
    assert!(
        dlqs.contains(&format!("dlq:{stream}")) && dlqs.contains("15"),
        "{dlqs}"
    );
    let o = redcdc(&redis, &["list-dlq-records", "t", "--limit", "4"]);
    assert!(o.status.success(), "{}", text(&o));
    let records: Vec<serde_json::Value> = String::from_utf8_lossy(&o.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(records.len(), 4);
    assert!(records[0]["fields"]
        .as_object()
        .is_some_and(|f| !f.is_empty()));

    assert_eq!(processor.terminate(), Some(0));
    assert_eq!(collector.terminate(), Some(0));
    // a stopped collector shows as stopped after its status ages
    std::thread::sleep(std::time::Duration::from_millis(5500));
    let table = text(&redcdc(&redis, &["status"]));
    assert!(table.contains("stopped"), "{table}");
}

/// Waits up to `secs` for `f`; on time-out fails with `what` and `dump()` (state and logs).
fn until(secs: u64, what: &str, dump: &dyn Fn() -> String, mut f: impl FnMut() -> bool) {
    let t0 = std::time::Instant::now();
    while !f() {
        assert!(
            t0.elapsed().as_secs() < secs,
            "timed out after {secs}s waiting for {what}\n{}",
            dump()
        );
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
}

/// `redcdc stop` pauses the collector (and its HA standby) and the processor with positions
/// kept: nothing is read or written while stopped; `start` resumes with every change once;
/// `reset --source` takes a new snapshot (a fresh `r` for every row) and streams on after it;
/// `reset` alone does so for every source.
fn stop_start_and_reset(db: &dyn SourceDb) {
    let redis = RedisServer::start();
    db.sql("CREATE TABLE t (id int PRIMARY KEY, v int)");
    db.sql(&db.insert_series("t", "id, v", "$g, $g", 1, 20));
    let tmp = tempfile::tempdir().unwrap();
    let cfg = write(
        tmp.path(),
        "collector.yaml",
        &format!("{}lease_ms: 3000\n", matrix::config(db, &redis, &["t"], "")),
    );
    let active = Collector::start(&cfg, &[]);
    let (pcfg, jobs) = pipeline(&tmp.path().join("pipeline"), &redis, "", &string_job("s"));
    let processor = Collector::processor(&pcfg, &jobs, &[], &[]);
    let stream = db.stream("t");
    let xlen = || -> usize {
        redis::cmd("XLEN")
            .arg(&stream)
            .query(&mut redis.conn())
            .unwrap_or(0)
    };
    let get =
        |k: &str| -> Option<String> { redis::cmd("GET").arg(k).query(&mut redis.conn()).unwrap() };
    wait_for(60, "the snapshot streamed and applied", || {
        (xlen() == 20 && get("s:20").as_deref() == Some("20")).then_some(())
    });
    // a second instance with the same config: the HA standby
    let standby = Collector::start(&cfg, &[]);
    wait_for(30, "the standby published its status", || {
        let o = redcdc(&redis, &["status", "-o", "json"]);
        let s: serde_json::Value = serde_json::from_slice(&o.stdout).ok()?;
        (s["sources"].as_array()?.len() == 2).then_some(())
    });

    let dump = || {
        format!(
            "XLEN {}\nactive:\n{}\nstandby:\n{}\nprocessor:\n{}",
            xlen(),
            active.log_text(),
            standby.log_text(),
            processor.log_text()
        )
    };
    let o = redcdc(&redis, &["stop", "--timeout", "60"]);
    assert!(
        o.status.success() && text(&o).contains("stop: done"),
        "{}",
        text(&o)
    );
    let o = redcdc(&redis, &["status", "-o", "json"]);
    let s: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    for src in s["sources"].as_array().unwrap() {
        assert_eq!(src["role"], "stopped", "{s}");
    }
    assert_eq!(s["processors"][0]["state"], "STOPPED", "{s}");
    // stopped: the changes wait in the source, nothing reaches the stream or the targets (the
    // standby does not take over either: the lease has lapsed long before this ends)
    db.sql("UPDATE t SET v = v + 100 WHERE id <= 5");
    db.sql(&db.insert_series("t", "id, v", "$g, $g", 21, 25));
    std::thread::sleep(std::time::Duration::from_secs(5));
    assert_eq!(xlen(), 20, "nothing is read while stopped");
    assert_eq!(get("s:1").as_deref(), Some("1"));

    let o = redcdc(&redis, &["start", "--timeout", "60"]);
    assert!(
        o.status.success() && text(&o).contains("start: done"),
        "{}",
        text(&o)
    );
    until(60, "the held-back changes, each once", &dump, || {
        xlen() == 30 && get("s:1").as_deref() == Some("101") && get("s:25").as_deref() == Some("25")
    });
    std::thread::sleep(std::time::Duration::from_secs(2));
    assert_eq!(xlen(), 30, "nothing repeated after start");

    // reset one source: a new snapshot of the 25 rows, then streaming goes on from there
    let o = redcdc(
        &redis,
        &["reset", "--source", "dbserver1", "--timeout", "60"],
    );
    assert!(
        o.status.success() && text(&o).contains("reset: done"),
        "{}",
        text(&o)
    );
    until(60, "a new snapshot after the reset", &dump, || xlen() == 55);
    db.sql("INSERT INTO t VALUES (26, 26)");
    until(60, "streaming after the new snapshot", &dump, || {
        xlen() == 56 && get("s:26").as_deref() == Some("26")
    });
    // reset without --source: every source (the only one here) snapshots again
    let o = redcdc(&redis, &["reset", "--timeout", "60"]);
    assert!(
        o.status.success() && text(&o).contains("reset: done"),
        "{}",
        text(&o)
    );
    until(60, "a new snapshot after the reset of all", &dump, || {
        xlen() == 82
    });
    std::thread::sleep(std::time::Duration::from_secs(2));
    let ops: Vec<String> = matrix::values(&redis, &stream)
        .iter()
        .map(|v| v["op"].as_str().unwrap_or("").to_string())
        .collect();
    assert_eq!(ops.len(), 82, "nothing repeated after the resets");
    assert_eq!(
        ops.iter().filter(|o| *o == "r").count(),
        71,
        "20 + 25 + 26 snapshot reads"
    );
    assert_eq!(ops.iter().filter(|o| *o == "u").count(), 5);
    assert_eq!(ops.iter().filter(|o| *o == "c").count(), 6);
    drop(processor);
}

/// [`stop_start_and_reset`] on each source (the reset drops Postgres' slot and offset, or
/// MariaDB's offset and schema history).
mod postgres {
    #[test]
    fn stop_start_and_reset() {
        super::stop_start_and_reset(&db_matrix::postgres::Postgres::start());
    }
}

mod mariadb {
    #[test]
    fn stop_start_and_reset() {
        super::stop_start_and_reset(&db_matrix::mariadb::MariaDb::start());
    }
}

/// `processor run --deployed` runs what `redcdc deploy` stored and picks each new version up
/// while rows keep coming: every row is applied exactly once, under the old jobs or the new ones
/// (a row written under both, or under neither, fails). A version that does not validate is
/// logged and skipped; the running one goes on.
#[test]
fn a_deployed_version_is_picked_up_without_losing_or_repeating() {
    let pg = Postgres::start();
    let redis = RedisServer::start();
    pg.psql("CREATE TABLE t (id int PRIMARY KEY, v int)");
    let tmp = tempfile::tempdir().unwrap();
    let cfg = write(
        tmp.path(),
        "collector.yaml",
        &matrix::config(&pg, &redis, &["t"], ""),
    );
    let _collector = Collector::start(&cfg, &[]);
    let processor = Collector::spawn(
        db_matrix::collector::processor_bin(),
        &["run", "--deployed", "--streams-redis", &redis.url()],
        &cfg,
        &[],
    );
    let version = |dir: &str, prefix: &str| {
        let d = tmp.path().join(dir);
        pipeline(&d, &redis, "  read_batch_size: 7\n", &string_job(prefix));
        d
    };
    let v1 = version("v1", "a");
    let v2 = version("v2", "b");
    let get = |k: String| -> Option<String> {
        redis::cmd("GET").arg(k).query(&mut redis.conn()).unwrap()
    };
    let o = redcdc(&redis, &["deploy", "--dir", v1.to_str().unwrap()]);
    assert!(
        o.status.success() && text(&o).contains("version 1"),
        "{}",
        text(&o)
    );
    pg.psql("INSERT INTO t VALUES (1, 1)");
    wait_for(60, "version 1 applied", || get("a:1".into()).map(|_| ()));

    // rows keep coming while version 2 is deployed
    const N: i32 = 400;
    std::thread::scope(|s| {
        s.spawn(|| {
            for i in 2..=N {
                pg.psql(&format!("INSERT INTO t VALUES ({i}, {i})"));
                std::thread::sleep(std::time::Duration::from_millis(5));
            }
        });
        std::thread::sleep(std::time::Duration::from_millis(700));
        let o = redcdc(&redis, &["deploy", "--dir", v2.to_str().unwrap()]);
        assert!(
            o.status.success() && text(&o).contains("version 2"),
            "{}",
            text(&o)
        );
    });
    let applied = |i: i32| (get(format!("a:{i}")), get(format!("b:{i}")));
    wait_for(60, "every row applied", || {
        (1..=N).all(|i| applied(i) != (None, None)).then_some(())
    });
    std::thread::sleep(std::time::Duration::from_secs(1));
    let (mut old, mut new) = (0, 0);
    for i in 1..=N {
        match applied(i) {
            (Some(_), None) => old += 1,
            (None, Some(_)) => new += 1,
            both => panic!(
                "row {i} applied under both versions: {both:?}\n{}",
                processor.log_text()
            ),
        }
    }
    assert!(
        old > 1 && new > 0,
        "both versions ran: {old} old, {new} new"
    );
    // new rows go by version 2 only
    assert!(get(format!("a:{N}")).is_none());
    assert!(
        processor
            .log_text()
            .contains("a new pipeline version is deployed: picking it up"),
        "{}",
        processor.log_text()
    );
    let o = redcdc(&redis, &["status", "-o", "json"]);
    let s: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(s["processors"][0]["pipeline_version"], 2, "{s}");

    // a version that does not validate (written past the CLI) is skipped, version 2 goes on
    let _: () = redis::pipe()
        .cmd("HSET")
        .arg("metadata:redcdc:pipeline")
        .arg("config")
        .arg("targets: [")
        .ignore()
        .cmd("HINCRBY")
        .arg("metadata:redcdc:pipeline")
        .arg("version")
        .arg(1)
        .ignore()
        .query(&mut redis.conn())
        .unwrap();
    wait_for(30, "the bad version refused", || {
        processor
            .log_text()
            .contains("the deployed pipeline is not valid; keeping the running one")
            .then_some(())
    });
    pg.psql("INSERT INTO t VALUES (1000, 1000)");
    wait_for(30, "version 2 still applies", || {
        get("b:1000".into()).map(|_| ())
    });
}
