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
            let logs: Vec<String> = procs.iter().map(|p| p.log_text()).collect();
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
