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
        p.push_str(db_matrix::RDI_PROFILE_PROPERTIES);
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

/// Blanks what the golden normaliser leaves but differs per run: transaction ids in the
/// transaction topic, and the given row columns (values from now() or random defaults).
fn blank_more(line: &str, stream: &str, columns: &[&str]) -> String {
    let mut v: serde_json::Value = serde_json::from_str(line).unwrap();
    let mark = serde_json::Value::String("<volatile>".into());
    let payload = |x: &mut serde_json::Value| -> Option<*mut serde_json::Value> {
        if x.get("payload").is_some() {
            x.get_mut("payload").map(|p| p as *mut _)
        } else {
            Some(x as *mut _)
        }
    };
    let _ = payload;
    let (key, value) = if v.get("fields").is_some() {
        let f = v.get_mut("fields").unwrap();
        let key = f.get("key").cloned();
        (key, f.get_mut("value").map(|x| x.take()))
    } else {
        (v.get("key").cloned(), v.get_mut("value").map(|x| x.take()))
    };
    let mut value = value.unwrap_or(serde_json::Value::Null);
    let mut key = key.unwrap_or(serde_json::Value::Null);
    {
        let p = if value.get("schema").is_some() {
            value.get_mut("payload").unwrap()
        } else {
            &mut value
        };
        if stream.ends_with(".transaction") {
            if let Some(id) = p.get_mut("id") {
                *id = mark.clone();
            }
        }
        for img in ["before", "after"] {
            if let Some(obj) = p.get_mut(img).and_then(|o| o.as_object_mut()) {
                for c in columns {
                    if let Some(x) = obj.get_mut(*c) {
                        *x = mark.clone();
                    }
                }
            }
        }
    }
    if stream.ends_with(".transaction") {
        let k = if key.get("schema").is_some() {
            key.get_mut("payload").unwrap()
        } else {
            &mut key
        };
        if let Some(id) = k.get_mut("id") {
            *id = mark.clone();
        }
    }
    if v.get("fields").is_some() {
        let f = v.get_mut("fields").unwrap();
        f["key"] = key;
        f["value"] = value;
    } else {
        v["key"] = key;
        v["value"] = value;
    }
    v.to_string()
}

/// Loads `types`, snapshots, streams `dml`, and compares every stream with the golden files.
fn types_scenario(profile: &str, workload: &str, golden: &str) {
    scenario(profile, workload, golden, "", &[]);
}

fn scenario(
    profile: &str,
    workload: &str,
    golden: &str,
    extra_props: &str,
    volatile_columns: &[&str],
) {
    let pg = Postgres::start();
    let redis = RedisServer::start();
    let tmp = tempfile::tempdir().unwrap();
    pg.psql_file(&testdata(&format!("{workload}/pg_types.sql")));
    let cfg = write_config(
        tmp.path(),
        "application.properties",
        &properties(&pg, &redis, profile, extra_props),
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
        let mut c = redis.conn();
        let counts: Vec<(String, usize)> = streams::stream_keys(&mut c)
            .into_iter()
            .map(|k| {
                let n = redis::cmd("XLEN")
                    .arg(&k)
                    .query::<usize>(&mut c)
                    .unwrap_or(0);
                (k, n)
            })
            .collect();
        panic!(
            "only {} of {total} entries arrived ({counts:?}); log:\n{log}",
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
        let ours: Vec<String> = streams::normalized_lines(&mut conn, k)
            .iter()
            .map(|l| blank_more(l, k, volatile_columns))
            .collect();
        let gold: Vec<String> =
            streams::golden_lines(&gdir.join("streams").join(format!("{k}.jsonl")))
                .iter()
                .map(|l| blank_more(l, k, volatile_columns))
                .collect();
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
    // the offset has the keys Debezium writes (values are positions of this run)
    let golden_offsets: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(gdir.join("metadata/offsets.json")).unwrap())
            .unwrap();
    let golden_field = &golden_offsets["fields"][0];
    assert_eq!(
        golden_field["field"],
        serde_json::json!(["redis", {"server": "dbserver1"}])
    );
    let mut want_keys: Vec<String> = golden_field["value"]
        .as_object()
        .unwrap()
        .keys()
        .cloned()
        .collect();
    let mut our_keys: Vec<String> = offset(&redis)
        .expect("offset")
        .as_object()
        .unwrap()
        .keys()
        .cloned()
        .collect();
    want_keys.sort();
    our_keys.sort();
    assert_eq!(our_keys, want_keys, "offset keys differ from Debezium's");
}

#[test]
fn types_server_profile_matches_debezium() {
    types_scenario("server", "workload/pg", "envelopes/pg/server");
}

#[test]
fn types_rdi_profile_matches_debezium() {
    types_scenario("rdi", "workload/pg", "envelopes/pg/rdi");
}

/// Partitioned tables (parent and partitions snapshotted, changes on the partitions), a stored
/// generated column (in the snapshot, not streamed), an enum gaining a value mid-stream
/// (`testdata/workload/pg/fidelity`, golden from Debezium 3.6.3).
#[test]
fn fidelity_server_profile_matches_debezium() {
    types_scenario(
        "server",
        "workload/pg/fidelity",
        "envelopes/pg/fidelity/server",
    );
}

#[test]
fn fidelity_rdi_profile_matches_debezium() {
    types_scenario("rdi", "workload/pg/fidelity", "envelopes/pg/fidelity/rdi");
}

#[test]
fn peer_types_server_profile_matches_debezium() {
    types_scenario("server", "workload/pg/peer", "envelopes/pg/peer/server");
}

#[test]
fn peer_types_rdi_profile_matches_debezium() {
    types_scenario("rdi", "workload/pg/peer", "envelopes/pg/peer/rdi");
}

#[test]
fn transaction_metadata_server_profile_matches_debezium() {
    scenario(
        "server",
        "envelopes/pg/extra/txmeta/workload",
        "envelopes/pg/extra/txmeta/server",
        "debezium.source.provide.transaction.metadata=true\n",
        &[],
    );
}

#[test]
fn transaction_metadata_rdi_profile_matches_debezium() {
    scenario(
        "rdi",
        "envelopes/pg/extra/txmeta/workload",
        "envelopes/pg/extra/txmeta/rdi",
        "debezium.source.provide.transaction.metadata=true\n",
        &[],
    );
}

#[test]
fn toast_and_drop_column_match_debezium() {
    scenario(
        "server",
        "envelopes/pg/extra/toast_dropcol/workload",
        "envelopes/pg/extra/toast_dropcol/server",
        "",
        &[],
    );
    scenario(
        "rdi",
        "envelopes/pg/extra/toast_dropcol/workload",
        "envelopes/pg/extra/toast_dropcol/rdi",
        "",
        &[],
    );
}

#[test]
fn column_defaults_match_debezium() {
    scenario(
        "server",
        "envelopes/pg/extra/defaults/workload",
        "envelopes/pg/extra/defaults/server",
        "",
        &["e", "j"],
    );
    scenario(
        "rdi",
        "envelopes/pg/extra/defaults/workload",
        "envelopes/pg/extra/defaults/rdi",
        "",
        &["e", "j"],
    );
}
