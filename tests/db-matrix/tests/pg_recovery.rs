//! Postgres-only recovery scenarios: restart (offset shape), `debezium_offsets`, the dropped slot
//! and the prerequisite errors. The crash scenarios every source shares (kill -9 mid-snapshot
//! with writes, at each failpoint, at random moments) are in `matrix.rs`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use db_matrix::collector::{self, Collector};
use db_matrix::postgres::{PgOptions, Postgres};
use db_matrix::redis_server::RedisServer;
use db_matrix::streams;
use db_matrix::wait_for;
use serde_json::Value;

const OFFSETS: &str = "metadata:debezium:offsets";
const FIELD: &str = r#"["redis",{"server":"dbserver1"}]"#;
const STREAM: &str = "dbserver1.public.ev";

fn yaml(pg_port: u16, redis_port: u16, extra_source: &str) -> String {
    format!(
        "source:\n  type: postgresql\n  hostname: 127.0.0.1\n  port: {pg_port}\n  user: postgres\n  dbname: inventory\n  \
         topic_prefix: dbserver1\n  slot_name: redcdc_test\n  table_include_list: [public.ev]\n  snapshot_fetch_size: 1000\n{extra_source}\
         sink:\n  address: 127.0.0.1:{redis_port}\n  batch_size: 200\n"
    )
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

fn offset(redis: &RedisServer) -> Option<Value> {
    let mut c = redis.conn();
    let v: Option<String> = redis::cmd("HGET")
        .arg(OFFSETS)
        .arg(FIELD)
        .query(&mut c)
        .ok()?;
    serde_json::from_str(&v?).ok()
}

fn snapshot_done(redis: &RedisServer) -> bool {
    offset(redis).is_some_and(|o| {
        o.get("snapshot_completed") == Some(&Value::Bool(true)) || o.get("snapshot").is_none()
    })
}

/// (op, id, n) of every event in the stream (tombstones skipped), in order.
fn events(redis: &RedisServer) -> Vec<(String, i64, Option<i64>)> {
    let mut c = redis.conn();
    streams::read(&mut c, STREAM)
        .iter()
        .filter_map(|(_, f)| streams::entry_value(f))
        .map(|v| {
            let op = v["op"].as_str().unwrap().to_string();
            let row = if op == "d" { &v["before"] } else { &v["after"] };
            (op, row["id"].as_i64().unwrap(), row["n"].as_i64())
        })
        .collect()
}

/// Replays the stream into id -> n and checks it equals the table; also checks no create or
/// read event is repeated.
fn assert_exact(pg: &Postgres, redis: &RedisServer) {
    let evs = events(redis);
    let mut state: BTreeMap<i64, Option<i64>> = BTreeMap::new();
    let mut seen_create: BTreeMap<i64, usize> = BTreeMap::new();
    for (op, id, n) in &evs {
        match op.as_str() {
            "r" | "c" => {
                *seen_create.entry(*id).or_default() += 1;
                state.insert(*id, *n);
            }
            "u" => {
                state.insert(*id, *n);
            }
            "d" => {
                state.remove(id);
            }
            o => panic!("unexpected op {o}"),
        }
    }
    let dups: Vec<_> = seen_create
        .iter()
        .filter(|(_, c)| **c > 1)
        .take(5)
        .collect();
    assert!(
        dups.is_empty(),
        "rows created more than once (id, times): {dups:?}"
    );
    let rows = pg.psql("SELECT id || ':' || coalesce(n::text, 'null') FROM ev ORDER BY id");
    let source: BTreeMap<i64, Option<i64>> = rows
        .lines()
        .filter(|l| !l.is_empty())
        .map(|l| {
            let (a, b) = l.split_once(':').unwrap();
            (a.parse().unwrap(), b.parse().ok())
        })
        .collect();
    assert_eq!(state.len(), source.len(), "row count in streams vs source");
    assert_eq!(state, source, "stream replay differs from the source table");
}

fn wait_caught_up(pg: &Postgres, redis: &RedisServer) {
    let want: usize = pg.psql("SELECT count(*) FROM ev").parse().unwrap();
    wait_for(120, "the stream to catch up with the source", || {
        let evs = events(redis);
        let mut live = std::collections::BTreeSet::new();
        for (op, id, _) in &evs {
            if op == "d" {
                live.remove(id);
            } else {
                live.insert(*id);
            }
        }
        (live.len() == want && !evs.is_empty()).then_some(())
    });
    std::thread::sleep(Duration::from_millis(300));
}

fn setup(rows: i64) -> (Postgres, RedisServer, tempfile::TempDir) {
    let pg = Postgres::start();
    let redis = RedisServer::start();
    pg.psql("CREATE TABLE ev (id bigint PRIMARY KEY, n int, pad text)");
    if rows > 0 {
        pg.psql(&format!(
            "INSERT INTO ev SELECT g, 0, repeat('x', 50) FROM generate_series(1, {rows}) g"
        ));
    }
    (pg, redis, tempfile::tempdir().unwrap())
}

/// `n` transactions of `per` inserts starting at id `from`, plus an update and a delete each.
fn workload(pg: &Postgres, from: i64, n: i64, per: i64) {
    for t in 0..n {
        let a = from + t * per;
        let b = a + per - 1;
        pg.psql(&format!(
            "BEGIN; INSERT INTO ev SELECT g, 1, 'y' FROM generate_series({a}, {b}) g; \
             UPDATE ev SET n = n + 1 WHERE id = {a}; DELETE FROM ev WHERE id = {b}; COMMIT;"
        ));
    }
}

#[test]
fn restart_resumes_with_nothing_lost_or_repeated() {
    let (pg, redis, tmp) = setup(500);
    let cfg = write(tmp.path(), "c.yaml", &yaml(pg.port, redis.port, ""));
    let c = Collector::start(&cfg, &[]);
    wait_for(60, "snapshot", || snapshot_done(&redis).then_some(()));
    workload(&pg, 1000, 5, 20);
    wait_caught_up(&pg, &redis);
    assert_eq!(c.terminate(), Some(0), "SIGTERM must exit 0");
    // changes while the collector is down
    workload(&pg, 2000, 5, 20);
    pg.psql("UPDATE ev SET n = 42 WHERE id <= 10");
    let c = Collector::start(&cfg, &[]);
    wait_caught_up(&pg, &redis);
    assert!(
        !c.log_text().contains("snapshot starting"),
        "a restart must not snapshot again"
    );
    assert_eq!(c.terminate(), Some(0));
    assert_exact(&pg, &redis);
    let o = offset(&redis).unwrap();
    assert!(
        o.get("lsn_proc").is_some() && o.get("lsn_commit").is_some(),
        "streaming offset in Debezium's shape: {o}"
    );
}

/// Debezium's offset after a change: resume must start right after that change.
#[test]
fn continues_from_an_offset_written_by_debezium() {
    let (pg, redis, tmp) = setup(10);
    let cfg = write(tmp.path(), "c.yaml", &yaml(pg.port, redis.port, ""));
    let c = Collector::start(&cfg, &[]);
    wait_for(60, "snapshot", || snapshot_done(&redis).then_some(()));
    // keep a copy of the slot as it is now: Debezium would not have confirmed past its offset
    pg.psql("SELECT pg_copy_logical_replication_slot('redcdc_test', 'slot_backup')");
    workload(&pg, 100, 4, 5);
    wait_caught_up(&pg, &redis);
    assert_eq!(c.terminate(), Some(0));
    pg.psql("SELECT pg_drop_replication_slot('redcdc_test')");
    pg.psql("SELECT pg_copy_logical_replication_slot('slot_backup', 'redcdc_test')");
    let mut conn = redis.conn();
    let all = streams::read(&mut conn, STREAM);
    let before: Vec<String> = streams::normalized_lines(&mut conn, STREAM);
    // cut after the 3rd change of the 2nd streamed transaction, as Debezium would have stored it
    let streamed: Vec<usize> = all
        .iter()
        .enumerate()
        .filter(|(_, (_, f))| streams::entry_value(f).is_some_and(|v| v["op"] != "r"))
        .map(|(i, _)| i)
        .collect();
    let cut = streamed[5 + 2 + 2]; // tx1 = 5 inserts + update + delete (+ tombstone) ...
    let v = streams::entry_value(&all[cut].1).unwrap();
    let src = &v["source"];
    let seq: Vec<Option<String>> = serde_json::from_str(src["sequence"].as_str().unwrap()).unwrap();
    let lsn = src["lsn"].as_i64().unwrap();
    let dbz = serde_json::json!({
        "lsn_proc": lsn,
        "messageType": match v["op"].as_str().unwrap() { "c" => "INSERT", "u" => "UPDATE", _ => "DELETE" },
        "lsn_commit": seq[0].as_ref().unwrap().parse::<i64>().unwrap(),
        "lsn": lsn,
        "txId": src["txId"],
        "ts_usec": src["ts_us"],
    });
    let _: () = redis::cmd("HSET")
        .arg(OFFSETS)
        .arg(FIELD)
        .arg(dbz.to_string())
        .query(&mut conn)
        .unwrap();
    // drop the entries after the cut: what Debezium would not yet have written
    let ids: Vec<String> = all[cut + 1..].iter().map(|(id, _)| id.clone()).collect();
    if !ids.is_empty() {
        let _: i64 = redis::cmd("XDEL")
            .arg(STREAM)
            .arg(&ids)
            .query(&mut conn)
            .unwrap();
    }
    let c = Collector::start(&cfg, &[]);
    wait_for(60, "the stream to be complete again", || {
        (streams::read(&mut redis.conn(), STREAM).len() >= all.len()).then_some(())
    });
    std::thread::sleep(Duration::from_millis(500));
    assert_eq!(c.terminate(), Some(0));
    let after = streams::normalized_lines(&mut redis.conn(), STREAM);
    assert_eq!(
        after.len(),
        before.len(),
        "entry count after resuming from a Debezium offset"
    );
    assert_eq!(
        after, before,
        "resuming from Debezium's offset must reproduce the same events"
    );
}

#[test]
fn wal_level_replica_is_a_clear_error() {
    let pg = Postgres::start_with(PgOptions {
        wal_level: "replica",
        ..PgOptions::default()
    });
    let redis = RedisServer::start();
    let tmp = tempfile::tempdir().unwrap();
    let cfg = write(
        tmp.path(),
        "c.yaml",
        &yaml(pg.port, redis.port, "").replace("  table_include_list: [public.ev]\n", ""),
    );
    let (code, log) = Collector::start(&cfg, &[]).wait_exit(30);
    assert_eq!(code, Some(1), "log:\n{log}");
    assert!(
        log.contains("wal_level is `replica`") && log.contains("wal_level = logical"),
        "log:\n{log}"
    );
    let out = collector::run_to_end("check", &cfg);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("wal_level"));
}

#[test]
fn wrong_password_is_a_clear_error() {
    let (pg, redis, tmp) = setup(1);
    pg.psql("CREATE ROLE pwuser LOGIN REPLICATION PASSWORD 'right'; GRANT SELECT ON ALL TABLES IN SCHEMA public TO pwuser");
    let y = yaml(pg.port, redis.port, "").replace(
        "user: postgres",
        "user: pwuser\n  password: ${env:TEST_PG_PASSWORD}",
    );
    let cfg = write(tmp.path(), "c.yaml", &y);
    let (code, log) = Collector::start(&cfg, &[("TEST_PG_PASSWORD", "wrong")]).wait_exit(30);
    assert_eq!(code, Some(1), "log:\n{log}");
    assert!(log.contains("authentication failed"), "log:\n{log}");
    assert!(
        !log.contains("wrong"),
        "the password must never be logged:\n{log}"
    );
    // and the right one works for the prerequisite check
    let out = std::process::Command::new(collector::bin())
        .args(["check", "--config"])
        .arg(&cfg)
        .env("TEST_PG_PASSWORD", "right")
        .output()
        .unwrap();
    let text =
        String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
    assert!(text.contains("wal_level = logical"), "{text}");
}

#[test]
fn unreachable_database_and_redis_are_retried_then_reported_by_check() {
    let redis = RedisServer::start();
    let tmp = tempfile::tempdir().unwrap();
    let (_dead, dead_port) = db_matrix::dead_port();
    let cfg = write(tmp.path(), "c.yaml", &yaml(dead_port, redis.port, ""));
    let c = Collector::start(&cfg, &[]);
    std::thread::sleep(Duration::from_secs(3));
    let log = c.log_text();
    assert!(
        log.contains("cannot reach Postgres") && log.contains("restarting from the stored offset"),
        "log:\n{log}"
    );
    assert_eq!(c.terminate(), Some(0), "SIGTERM during retries exits 0");
    let out = collector::run_to_end("check", &cfg);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("cannot reach Postgres"), "{err}");

    let pg = Postgres::start();
    let (_dead_redis, dead_redis) = db_matrix::dead_port();
    let cfg = write(
        tmp.path(),
        "d.yaml",
        &yaml(pg.port, dead_redis, "").replace("  table_include_list: [public.ev]\n", ""),
    );
    let out = collector::run_to_end("check", &cfg);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("cannot connect to Redis") || err.contains("redis"),
        "{err}"
    );
}

#[test]
fn bad_config_names_the_field() {
    let tmp = tempfile::tempdir().unwrap();
    let cfg = write(
        tmp.path(),
        "c.yaml",
        &yaml(1, 2, "  snapshot_mod: initial\n"),
    );
    let out = collector::run_to_end("run", &cfg);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("snapshot_mod"));
    let props = write(
        tmp.path(),
        "application.properties",
        "debezium.sink.type=kafka\n",
    );
    let out = collector::run_to_end("run", &props);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("debezium.sink.type"));
}

#[test]
fn dropped_slot_stops_with_the_fix_and_when_needed_resnapshots() {
    let (pg, redis, tmp) = setup(20);
    let cfg = write(tmp.path(), "c.yaml", &yaml(pg.port, redis.port, ""));
    let c = Collector::start(&cfg, &[]);
    wait_for(60, "snapshot", || snapshot_done(&redis).then_some(()));
    assert_eq!(c.terminate(), Some(0));
    pg.psql("SELECT pg_drop_replication_slot('redcdc_test')");
    let (code, log) = Collector::start(&cfg, &[]).wait_exit(30);
    assert_eq!(code, Some(1), "log:\n{log}");
    assert!(
        log.contains("was dropped") && log.contains("when_needed"),
        "log:\n{log}"
    );
    let cfg2 = write(
        tmp.path(),
        "w.yaml",
        &yaml(pg.port, redis.port, "  snapshot_mode: when_needed\n"),
    );
    let c = Collector::start(&cfg2, &[]);
    wait_for(60, "a new snapshot", || {
        (events(&redis).iter().filter(|e| e.0 == "r").count() == 40).then_some(())
    });
    assert_eq!(c.terminate(), Some(0));
}

/// A snapshot resumed after a crash in a table keyed by (bool, bigint): the resumed read starts
/// right after the last committed key in the order the catch-up compares keys (the output text
/// `f`/`t`, not the `::text` cast `false`/`true`), so every row is read exactly once.
#[test]
fn resumed_snapshot_of_a_composite_non_integer_key_reads_each_row_once() {
    let pg = Postgres::start();
    let redis = RedisServer::start();
    let tmp = tempfile::tempdir().unwrap();
    pg.psql(
        "CREATE TABLE kb (flag boolean, id bigint, n int, PRIMARY KEY (flag, id)); \
         INSERT INTO kb SELECT g % 2 = 0, g, 0 FROM generate_series(1, 4000) g",
    );
    let cfg = write(
        tmp.path(),
        "c.yaml",
        &yaml(pg.port, redis.port, "").replace("public.ev", "public.kb"),
    );
    let (code, log) =
        Collector::start(&cfg, &[("REDCDC_FAILPOINT", "after_snapshot_chunk:4")]).wait_exit(60);
    assert!(log.contains("failpoint"), "failpoint not reached:\n{log}");
    assert_ne!(code, Some(0));
    let c = Collector::start(&cfg, &[]);
    wait_for(60, "snapshot", || snapshot_done(&redis).then_some(()));
    assert_eq!(c.terminate(), Some(0));
    let mut conn = redis.conn();
    let keys: Vec<(bool, i64)> = streams::read(&mut conn, "dbserver1.public.kb")
        .iter()
        .filter_map(|(_, f)| streams::entry_value(f))
        .map(|v| {
            (
                v["after"]["flag"].as_bool().unwrap(),
                v["after"]["id"].as_i64().unwrap(),
            )
        })
        .collect();
    let unique: std::collections::BTreeSet<_> = keys.iter().copied().collect();
    assert_eq!(
        keys.len(),
        4000,
        "rows read (a repeated or skipped range changes this)"
    );
    assert_eq!(unique.len(), 4000, "every row once");
}
