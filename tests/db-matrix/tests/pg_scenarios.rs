//! Postgres scenarios against real servers: `types` (golden envelopes, both profiles),
//! `dml`, `restart`, `kill_mid_snapshot`, `kill_mid_stream`, `debezium_offsets`, and the
//! prerequisite errors. Each test starts its own Postgres and Redis.

use std::path::{Path, PathBuf};

use db_matrix::collector::Collector;
use db_matrix::postgres::Postgres;
use db_matrix::redis_server::RedisServer;
use db_matrix::streams;
use db_matrix::{testdata, wait_for};

/// Debezium Server's application.properties with the golden run's settings.
fn properties(pg: &Postgres, redis: &RedisServer, profile: &str, extra: &str) -> String {
    let mut p = format!(
        "debezium.sink.type=redis\n\
         debezium.sink.redis.address=127.0.0.1:{rp}\n\
         debezium.source.connector.class=io.debezium.connector.postgresql.PostgresConnector\n\
         debezium.source.offset.storage=io.debezium.storage.redis.offset.RedisOffsetBackingStore\n\
         debezium.source.offset.flush.interval.ms=10000\n\
         debezium.source.database.hostname=127.0.0.1\n\
         debezium.source.database.port={pp}\n\
         debezium.source.database.user=postgres\n\
         debezium.source.database.password=postgres\n\
         debezium.source.database.dbname=inventory\n\
         debezium.source.topic.prefix=dbserver1\n\
         debezium.source.plugin.name=pgoutput\n\
         debezium.source.slot.name=dbz_harness\n\
         debezium.source.publication.name=dbz_publication\n\
         debezium.source.publication.autocreate.mode=all_tables\n\
         debezium.source.schema.include.list=public\n\
         debezium.source.snapshot.mode=initial\n\
         debezium.source.skipped.operations=none\n",
        rp = redis.port,
        pp = pg.port
    );
    if profile == "rdi" {
        p.push_str(
            "debezium.sink.redis.message.format=extended\n\
             debezium.source.key.converter.schemas.enable=false\n\
             debezium.source.value.converter.schemas.enable=false\n\
             debezium.source.decimal.handling.mode=string\n\
             debezium.source.tombstones.on.delete=false\n\
             debezium.transforms=AddPrefix\n\
             debezium.transforms.AddPrefix.type=org.apache.kafka.connect.transforms.RegexRouter\n\
             debezium.transforms.AddPrefix.regex=(.*)\n\
             debezium.transforms.AddPrefix.replacement=data:$1\n",
        );
    }
    p.push_str(extra);
    p
}

fn write_config(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

fn offset(redis: &RedisServer) -> Option<serde_json::Value> {
    let mut c = redis.conn();
    let v: Option<String> = redis::cmd("HGET")
        .arg("metadata:debezium:offsets")
        .arg(r#"["redis",{"server":"dbserver1"}]"#)
        .query(&mut c)
        .ok()?;
    serde_json::from_str(&v?).ok()
}

fn snapshot_done(redis: &RedisServer) -> bool {
    offset(redis).is_some_and(|o| {
        o.get("snapshot_completed") == Some(&serde_json::Value::Bool(true))
            || o.get("snapshot").is_none()
    })
}

fn total_entries(redis: &RedisServer) -> usize {
    let mut c = redis.conn();
    streams::stream_keys(&mut c)
        .iter()
        .map(|k| {
            redis::cmd("XLEN")
                .arg(k)
                .query::<usize>(&mut c)
                .unwrap_or(0)
        })
        .sum()
}

fn golden_summary(dir: &Path) -> (Vec<String>, usize) {
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("summary.json")).unwrap()).unwrap();
    let streams: Vec<String> = v["streams"].as_object().unwrap().keys().cloned().collect();
    (streams, v["total_entries"].as_u64().unwrap() as usize)
}

/// Loads `types`, snapshots, streams `dml`, and compares every stream with the golden files.
fn types_scenario(profile: &str, workload: &str, golden: &str) {
    let pg = Postgres::start();
    let redis = RedisServer::start();
    let tmp = tempfile::tempdir().unwrap();
    pg.psql_file(&testdata(&format!("{workload}/pg_types.sql")));
    let cfg = write_config(
        tmp.path(),
        "application.properties",
        &properties(&pg, &redis, profile, ""),
    );
    let c = Collector::start(&cfg, &[]);
    wait_for(120, "snapshot to complete", || {
        snapshot_done(&redis).then_some(())
    });
    pg.psql_file(&testdata(&format!("{workload}/pg_dml.sql")));
    let gdir = testdata(golden);
    let (names, total) = golden_summary(&gdir);
    let waited = std::panic::catch_unwind(|| {
        wait_for(120, "all golden entries", || {
            (total_entries(&redis) >= total).then_some(())
        })
    });
    std::thread::sleep(std::time::Duration::from_millis(500));
    let log = c.log_text();
    assert_eq!(c.terminate(), Some(0), "collector did not stop cleanly");
    if waited.is_err() {
        panic!(
            "only {} of {total} entries arrived; log:\n{log}",
            total_entries(&redis)
        );
    }
    let mut conn = redis.conn();
    let mut keys = streams::stream_keys(&mut conn);
    keys.sort();
    let mut want = names.clone();
    want.sort();
    assert_eq!(keys, want, "stream names differ");
    let mut failures = Vec::new();
    for k in &keys {
        let ours = streams::normalized_lines(&mut conn, k);
        let gold = streams::golden_lines(&gdir.join("streams").join(format!("{k}.jsonl")));
        if ours.len() != gold.len() {
            failures.push(format!(
                "{k}: {} entries, golden has {}",
                ours.len(),
                gold.len()
            ));
        }
        for (i, (a, b)) in ours.iter().zip(&gold).enumerate() {
            if a != b {
                let at = a
                    .bytes()
                    .zip(b.bytes())
                    .position(|(x, y)| x != y)
                    .unwrap_or(a.len().min(b.len()));
                let from = at.saturating_sub(150);
                let show = |s: &str| {
                    s.get(from..(at + 150).min(s.len()))
                        .unwrap_or("")
                        .to_string()
                };
                failures.push(format!(
                    "{k} entry {i} differs at byte {at}:\n  ours:   ...{}\n  golden: ...{}",
                    show(a),
                    show(b)
                ));
                break;
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} stream(s) differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn types_server_profile_matches_debezium() {
    types_scenario("server", "workload/pg", "envelopes/pg/server");
}

#[test]
fn types_rdi_profile_matches_debezium() {
    types_scenario("rdi", "workload/pg", "envelopes/pg/rdi");
}

#[test]
fn peer_types_server_profile_matches_debezium() {
    types_scenario("server", "workload/pg/peer", "envelopes/pg/peer/server");
}

#[test]
fn peer_types_rdi_profile_matches_debezium() {
    types_scenario("rdi", "workload/pg/peer", "envelopes/pg/peer/rdi");
}
