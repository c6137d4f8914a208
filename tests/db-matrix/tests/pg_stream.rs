//! Postgres streaming scenarios beyond the golden workload: `drop_column`, unchanged TOAST
//! values, an idle or fully filtered database advancing the slot, Redis running out of memory,
//! and a parallel snapshot of several tables.

use std::time::Duration;

use db_matrix::collector::Collector;
use db_matrix::postgres::Postgres;
use db_matrix::redis_server::RedisServer;
use db_matrix::streams;
use db_matrix::wait_for;
use serde_json::Value;

fn yaml(pg: &Postgres, redis: &RedisServer, source_extra: &str, sink_extra: &str) -> String {
    format!(
        "source:\n  type: postgresql\n  hostname: 127.0.0.1\n  port: {}\n  user: postgres\n  dbname: inventory\n  \
         topic_prefix: dbserver1\n  skipped_operations: [none]\n{source_extra}sink:\n  address: 127.0.0.1:{}\n{sink_extra}",
        pg.port, redis.port
    )
}

fn values(redis: &RedisServer, stream: &str) -> Vec<Value> {
    let mut c = redis.conn();
    streams::read(&mut c, stream)
        .iter()
        .filter_map(|(_, f)| streams::entry_value(f))
        .collect()
}

fn start(
    pg: &Postgres,
    redis: &RedisServer,
    tmp: &tempfile::TempDir,
    source_extra: &str,
    sink_extra: &str,
) -> Collector {
    let p = tmp.path().join(format!(
        "c{}.yaml",
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos()
    ));
    std::fs::write(&p, yaml(pg, redis, source_extra, sink_extra)).unwrap();
    Collector::start(&p, &[])
}

fn slot_confirmed(pg: &Postgres) -> String {
    pg.psql("SELECT confirmed_flush_lsn - '0/0'::pg_lsn FROM pg_replication_slots WHERE slot_name = 'debezium'")
}

#[test]
fn drop_column_and_unchanged_toast_values() {
    let pg = Postgres::start();
    let redis = RedisServer::start();
    let tmp = tempfile::tempdir().unwrap();
    pg.psql("CREATE TABLE doc (id int PRIMARY KEY, title text, body text, extra int)");
    let c = start(&pg, &redis, &tmp, "", "");
    wait_for(60, "streaming", || {
        c.log_text().contains("streaming started").then_some(())
    });
    // an incompressible 20 kB value is stored out of line (TOAST)
    pg.psql("INSERT INTO doc SELECT 1, 't', string_agg(md5(g::text), '') , 5 FROM generate_series(1, 700) g");
    pg.psql("UPDATE doc SET title = 't2' WHERE id = 1");
    pg.psql("ALTER TABLE doc DROP COLUMN extra");
    pg.psql("INSERT INTO doc VALUES (2, 'after drop', 'b')");
    let vs = wait_for(30, "4 events", || {
        let v = values(&redis, "dbserver1.public.doc");
        (v.len() >= 3).then_some(v)
    });
    assert_eq!(c.terminate(), Some(0));
    assert_eq!(vs[0]["op"], "c");
    assert_eq!(vs[0]["after"]["body"].as_str().unwrap().len(), 700 * 32);
    assert_eq!(vs[1]["op"], "u");
    assert_eq!(vs[1]["after"]["title"], "t2");
    assert_eq!(
        vs[1]["after"]["body"], "__debezium_unavailable_value",
        "unchanged TOAST value placeholder"
    );
    assert_eq!(vs[2]["op"], "c");
    let after = vs[2]["after"].as_object().unwrap();
    assert!(
        !after.contains_key("extra"),
        "dropped column must be gone: {after:?}"
    );
    assert_eq!(after["title"], "after drop");
    assert!(vs[0]["after"].as_object().unwrap().contains_key("extra"));
}

#[test]
fn idle_and_filtered_database_advances_the_slot_and_offset() {
    let pg = Postgres::start();
    let redis = RedisServer::start();
    let tmp = tempfile::tempdir().unwrap();
    pg.psql("CREATE TABLE captured (id int PRIMARY KEY); CREATE TABLE noise (id serial PRIMARY KEY, v text)");
    let c = start(
        &pg,
        &redis,
        &tmp,
        "  table_include_list: [public.captured]\n  heartbeat_interval_ms: 500\n",
        "",
    );
    wait_for(60, "streaming", || {
        c.log_text().contains("streaming started").then_some(())
    });
    std::thread::sleep(Duration::from_secs(1));
    let before: u64 = slot_confirmed(&pg).parse().unwrap();
    // only changes to a table that is not captured
    pg.psql("INSERT INTO noise (v) SELECT 'x' FROM generate_series(1, 5000)");
    let wal_now: u64 = pg
        .psql("SELECT pg_current_wal_lsn() - '0/0'::pg_lsn")
        .parse()
        .unwrap();
    wait_for(30, "the slot to advance past the filtered changes", || {
        let now: u64 = slot_confirmed(&pg).parse().ok()?;
        (now >= wal_now && now > before).then_some(())
    });
    let mut conn = redis.conn();
    let off: String = redis::cmd("HGET")
        .arg("metadata:debezium:offsets")
        .arg(r#"["redis",{"server":"dbserver1"}]"#)
        .query(&mut conn)
        .unwrap();
    let off: Value = serde_json::from_str(&off).unwrap();
    assert!(
        off["lsn_proc"].as_u64().unwrap() >= wal_now,
        "offset advanced too: {off}"
    );
    assert!(
        streams::stream_keys(&mut conn).is_empty(),
        "nothing captured was written"
    );
    assert_eq!(c.terminate(), Some(0));
}

#[test]
fn redis_out_of_memory_backs_off_and_loses_nothing() {
    let pg = Postgres::start();
    let redis =
        RedisServer::start_with(&["--maxmemory", "4mb", "--maxmemory-policy", "noeviction"]);
    let tmp = tempfile::tempdir().unwrap();
    pg.psql("CREATE TABLE big (id int PRIMARY KEY, pad text)");
    pg.psql("INSERT INTO big SELECT g, repeat('p', 200) FROM generate_series(1, 20000) g");
    let c = start(&pg, &redis, &tmp, "", "");
    wait_for(60, "an OOM to be reported", || {
        c.log_text().contains("out of memory").then_some(())
    });
    let mut conn = redis.conn();
    let stuck: usize = redis::cmd("XLEN")
        .arg("dbserver1.public.big")
        .query(&mut conn)
        .unwrap();
    assert!(
        stuck < 20000,
        "Redis must have refused part of the snapshot"
    );
    let _: () = redis::cmd("CONFIG")
        .arg("SET")
        .arg("maxmemory")
        .arg("0")
        .query(&mut conn)
        .unwrap();
    wait_for(120, "all rows after memory freed", || {
        (redis::cmd("XLEN")
            .arg("dbserver1.public.big")
            .query::<usize>(&mut conn)
            .ok()?
            == 20000)
            .then_some(())
    });
    pg.psql("INSERT INTO big VALUES (20001, 'after')");
    wait_for(30, "streaming after the OOM", || {
        (redis::cmd("XLEN")
            .arg("dbserver1.public.big")
            .query::<usize>(&mut conn)
            .ok()?
            == 20001)
            .then_some(())
    });
    assert_eq!(c.terminate(), Some(0));
    let ids: std::collections::BTreeSet<i64> = values(&redis, "dbserver1.public.big")
        .iter()
        .map(|v| v["after"]["id"].as_i64().unwrap())
        .collect();
    assert_eq!(ids.len(), 20001, "each row exactly once");
}

#[test]
fn memory_limit_mb_waits_instead_of_failing() {
    let pg = Postgres::start();
    let redis = RedisServer::start();
    let tmp = tempfile::tempdir().unwrap();
    pg.psql("CREATE TABLE t (id int PRIMARY KEY, pad text)");
    // fill Redis above a 2 MB limit with something else first
    let mut conn = redis.conn();
    let blob = "x".repeat(3 * 1024 * 1024);
    let _: () = redis::cmd("SET")
        .arg("filler")
        .arg(&blob)
        .query(&mut conn)
        .unwrap();
    pg.psql("INSERT INTO t VALUES (1, 'a')");
    let c = start(&pg, &redis, &tmp, "", "  memory_limit_mb: 2\n");
    wait_for(60, "the memory limit to be reported", || {
        c.log_text().contains("memory limit reached").then_some(())
    });
    assert_eq!(
        redis::cmd("EXISTS")
            .arg("dbserver1.public.t")
            .query::<i64>(&mut conn)
            .unwrap(),
        0
    );
    let _: () = redis::cmd("DEL").arg("filler").query(&mut conn).unwrap();
    wait_for(60, "the entry after memory freed", || {
        (redis::cmd("XLEN")
            .arg("dbserver1.public.t")
            .query::<usize>(&mut conn)
            .ok()?
            == 1)
            .then_some(())
    });
    assert_eq!(c.terminate(), Some(0));
}

#[test]
fn parallel_snapshot_of_several_tables() {
    let pg = Postgres::start();
    let redis = RedisServer::start();
    let tmp = tempfile::tempdir().unwrap();
    for t in ["a", "b", "c", "d"] {
        pg.psql(&format!("CREATE TABLE {t} (id int PRIMARY KEY, v text); INSERT INTO {t} SELECT g, 'v' FROM generate_series(1, 3000) g"));
    }
    let c = start(
        &pg,
        &redis,
        &tmp,
        "  snapshot_max_threads: 3\n  snapshot_fetch_size: 500\n",
        "",
    );
    wait_for(60, "all snapshot rows", || {
        let n: usize = ["a", "b", "c", "d"]
            .iter()
            .map(|t| values(&redis, &format!("dbserver1.public.{t}")).len())
            .sum();
        (n == 12000).then_some(())
    });
    pg.psql("INSERT INTO a VALUES (5000, 'streamed')");
    wait_for(30, "the streamed row", || {
        (values(&redis, "dbserver1.public.a").len() == 3001).then_some(())
    });
    assert_eq!(c.terminate(), Some(0));
    let markers = |t: &str| -> Vec<String> {
        values(&redis, &format!("dbserver1.public.{t}"))
            .iter()
            .map(|v| v["source"]["snapshot"].as_str().unwrap().to_string())
            .collect()
    };
    let a = markers("a");
    assert_eq!(a[0], "first");
    assert_eq!(a[2999], "last_in_data_collection");
    assert_eq!(a[3000], "false");
    let d = markers("d");
    assert_eq!(d[0], "first_in_data_collection");
    assert_eq!(d[2999], "last");
    assert!(d[1..2999].iter().all(|m| m == "true"));
}

#[test]
fn redis_over_tls() {
    let pg = Postgres::start();
    let tmp = tempfile::tempdir().unwrap();
    // plain port for the test's own reads, TLS port for the collector
    let (redis, tls_port, cafile) = RedisServer::start_tls(tmp.path());
    pg.psql("CREATE TABLE s (id int PRIMARY KEY); INSERT INTO s VALUES (1), (2)");
    let cfg = yaml(
        &pg,
        &redis,
        "",
        &format!("  ssl_enabled: true\n  ssl_ca_file: {cafile}\n"),
    )
    .replace(
        &format!("127.0.0.1:{}", redis.port),
        &format!("127.0.0.1:{tls_port}"),
    );
    let p = tmp.path().join("tls.yaml");
    std::fs::write(&p, cfg).unwrap();
    let col = Collector::start(&p, &[]);
    wait_for(60, "entries over TLS", || {
        (values(&redis, "dbserver1.public.s").len() == 2).then_some(())
    });
    assert_eq!(col.terminate(), Some(0));
    // without the CA the certificate is rejected and reported, not silently accepted
    let cfg = yaml(&pg, &redis, "", "  ssl_enabled: true\n").replace(
        &format!("127.0.0.1:{}", redis.port),
        &format!("127.0.0.1:{tls_port}"),
    );
    let p = tmp.path().join("notrust.yaml");
    std::fs::write(&p, cfg).unwrap();
    let out = db_matrix::collector::run_to_end("check", &p);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr).to_lowercase();
    assert!(
        err.contains("certificate") || err.contains("tls") || err.contains("unknownissuer"),
        "{err}"
    );
}
