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

#[test]
fn status_deploy_jobs_and_dead_letters() {
    let pg = Postgres::start();
    let redis = RedisServer::start();
    pg.psql(
        "CREATE TABLE t (id int PRIMARY KEY, v int); \
         INSERT INTO t SELECT g, g FROM generate_series(1, 30) g",
    );
    let tmp = tempfile::tempdir().unwrap();
    let cfg = write(
        tmp.path(),
        "collector.yaml",
        &matrix::config(&pg, &redis, &["t"], ""),
    );
    let collector = Collector::start(&cfg, &[]);
    // the pipeline directory: config.yaml and a job rejecting odd ids (a key from a field only
    // even ids have)
    let dir = tmp.path().join("pipeline");
    let pcfg = write(
        &dir,
        "config.yaml",
        &format!(
            "targets:\n  target:\n    connection:\n      type: redis\n      host: 127.0.0.1\n      port: {}\n\
             processors:\n  read_batch_timeout_ms: 50\n  idle_streams_check_interval_ms: 200\n  stream_pattern: 'dbserver1.*'\n",
            redis.port
        ),
    );
    let jobs = dir.join("jobs");
    write(
        &jobs,
        "t.yaml",
        "source:\n  table: t\ntransform:\n  - uses: add_field\n    with:\n      field: k\n      language: sql\n      expression: CASE WHEN id % 2 = 0 THEN 'even' END\noutput:\n  - uses: redis.write\n    with:\n      data_type: string\n      key:\n        expression: \"'s:' || id\"\n        language: sql\n      args:\n        value: k\n",
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
            && st["inserted"] == 15
            && st["rejected"] == 15
            && st["pending"] == 0)
            .then_some(s)
    });
    let src = &s["sources"][0];
    assert_eq!(src["source"], "dbserver1", "{s}");
    assert_eq!(src["plugin"], "postgres", "{s}");
    assert_eq!(src["role"], "active", "{s}");
    assert_eq!(src["connected"], true, "{s}");
    // a change moves the counts
    pg.psql("UPDATE t SET v = 0 WHERE id = 2");
    wait_for(30, "the update counted", || {
        (status_json()["streams"][&stream]["updated"] == 1).then_some(())
    });
    let yaml = redcdc(&redis, &["describe", "-o", "yaml"]);
    assert!(yaml.status.success(), "{}", text(&yaml));
    let y: serde_json::Value = serde_yaml_ng::from_slice(&yaml.stdout).unwrap();
    assert_eq!(y["streams"][&stream]["inserted"], 15, "{}", text(&yaml));
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
