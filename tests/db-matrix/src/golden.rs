//! Golden comparisons, written once for every source: load a workload's `<db>_types.sql`, run
//! the collector from Debezium Server's `application.properties` through its snapshot, apply
//! `<db>_dml.sql`, and compare every stream entry byte for byte (after blanking volatile fields)
//! with what real Debezium wrote for the same workload, plus the schema history's record count
//! and the offset's keys.

use std::path::Path;

use serde_json::Value;

use crate::collector::Collector;
use crate::matrix::{self, SourceDb};
use crate::redis_server::RedisServer;
use crate::{streams, testdata, wait_for};

/// What to compare: testdata-relative workload and golden folders, extra properties, and row
/// columns whose values differ per run (now(), random defaults).
pub struct Case<'a> {
    pub profile: &'a str,
    pub workload: &'a str,
    pub golden: &'a str,
    pub extra_properties: &'a str,
    pub volatile_columns: &'a [&'a str],
}

impl<'a> Case<'a> {
    /// A named case of the source: `workload/<db>/<name>` against
    /// `envelopes/<db>/<name>/<profile>` ("" for the base type workload).
    pub fn named(db: &dyn SourceDb, name: &str, profile: &'a str) -> (String, String) {
        let w = db.workload();
        if name.is_empty() {
            (format!("workload/{w}"), format!("envelopes/{w}/{profile}"))
        } else {
            (
                format!("workload/{w}/{name}"),
                format!("envelopes/{w}/{name}/{profile}"),
            )
        }
    }
}

/// Sum of the entries of every stream except `metadata:*`.
pub fn total_entries(redis: &RedisServer) -> usize {
    let mut c = redis.conn();
    streams::stream_keys(&mut c)
        .iter()
        .filter(|k| !k.starts_with("metadata:"))
        .map(|k| {
            redis::cmd("XLEN")
                .arg(k)
                .query::<usize>(&mut c)
                .unwrap_or(0)
        })
        .sum()
}

fn golden_summary(dir: &Path) -> (Vec<String>, usize) {
    let v: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("summary.json")).unwrap()).unwrap();
    let streams: Vec<String> = v["streams"].as_object().unwrap().keys().cloned().collect();
    (streams, v["total_entries"].as_u64().unwrap() as usize)
}

/// Blanks what the golden normaliser leaves but differs per run: transaction ids in the
/// transaction topic, and the given row columns.
pub fn blank_more(line: &str, stream: &str, columns: &[&str]) -> String {
    let mut v: Value = serde_json::from_str(line).unwrap();
    let mark = Value::String("<volatile>".into());
    let extended = v.get("fields").is_some();
    let holder = if extended {
        v.get_mut("fields").unwrap()
    } else {
        &mut v
    };
    if let Some(value) = holder.get_mut("value") {
        let p = payload_mut(value);
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
        if let Some(id) = holder
            .get_mut("key")
            .and_then(|k| payload_mut(k).get_mut("id"))
        {
            *id = mark.clone();
        }
    }
    v.to_string()
}

/// The payload of a JSON-converter envelope (`{"schema":..,"payload":..}`), or the value itself.
fn payload_mut(x: &mut Value) -> &mut Value {
    if x.get("schema").is_some() && x.get("payload").is_some() {
        return x.get_mut("payload").unwrap();
    }
    x
}

/// Runs the case on `db` and asserts our streams equal the golden ones.
pub fn run(db: &dyn SourceDb, case: &Case) {
    let redis = RedisServer::start();
    let tmp = tempfile::tempdir().unwrap();
    let w = db.workload();
    db.sql_file(&testdata(&format!("{}/{w}_types.sql", case.workload)));
    let cfg = tmp.path().join("application.properties");
    std::fs::write(
        &cfg,
        db.golden_properties(&redis, case.profile, case.extra_properties),
    )
    .unwrap();
    let c = Collector::start(&cfg, &[]);
    if std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        wait_for(120, "snapshot to complete", || {
            matrix::snapshot_done(db, &redis).then_some(())
        })
    }))
    .is_err()
    {
        panic!("snapshot did not complete; log:\n{}", c.log_text());
    }
    db.sql_file(&testdata(&format!("{}/{w}_dml.sql", case.workload)));
    let gdir = testdata(case.golden);
    let (names, total) = golden_summary(&gdir);
    let waited = std::panic::catch_unwind(|| {
        wait_for(120, "all golden entries", || {
            (total_entries(&redis) >= total).then_some(())
        })
    });
    std::thread::sleep(std::time::Duration::from_millis(500));
    let log = c.log_text();
    assert_eq!(c.terminate(), Some(0), "collector did not stop cleanly");
    assert!(
        waited.is_ok(),
        "only {} of {total} entries arrived; log:\n{log}",
        total_entries(&redis)
    );
    let mut conn = redis.conn();
    let mut keys: Vec<String> = streams::stream_keys(&mut conn)
        .into_iter()
        .filter(|k| !k.starts_with("metadata:"))
        .collect();
    keys.sort();
    let mut want = names.clone();
    want.sort();
    assert_eq!(keys, want, "stream names differ");
    let mut failures = Vec::new();
    for k in &keys {
        let ours: Vec<String> = streams::normalized_lines(&mut conn, k)
            .iter()
            .map(|l| blank_more(l, k, case.volatile_columns))
            .collect();
        let gold: Vec<String> =
            streams::golden_lines(&gdir.join("streams").join(format!("{k}.jsonl")))
                .iter()
                .map(|l| blank_more(l, k, case.volatile_columns))
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
    // the schema history holds as many records as Debezium's
    let hist_file = gdir.join("metadata/schema_history.jsonl");
    if let Ok(golden_hist) = std::fs::read_to_string(&hist_file) {
        let ours = streams::read(&mut conn, "metadata:debezium:schema_history").len();
        assert_eq!(
            ours,
            golden_hist.lines().filter(|l| !l.trim().is_empty()).count(),
            "schema history records"
        );
    }
    // the offset has the keys Debezium writes (values are positions of this run)
    let golden_offsets: Value =
        serde_json::from_str(&std::fs::read_to_string(gdir.join("metadata/offsets.json")).unwrap())
            .unwrap();
    let golden_field = &golden_offsets["fields"][0];
    let field: Value = serde_json::from_str(&db.offset_field()).unwrap();
    assert_eq!(golden_field["field"], field, "offset partition");
    let mut want_keys: Vec<String> = golden_field["value"]
        .as_object()
        .unwrap()
        .keys()
        .cloned()
        .collect();
    let mut our_keys: Vec<String> = matrix::offset(db, &redis)
        .expect("offset")
        .as_object()
        .unwrap()
        .keys()
        .cloned()
        .collect();
    // MySQL's `row`/`event` count events inside a transaction: Debezium's last offset is that
    // of the transaction's last event, ours is committed at the transaction's end (both resume
    // at the same place; tested in the offset-switch scenarios)
    let in_tx = |k: &String| db.workload() != "mysql" || (k != "row" && k != "event");
    want_keys.retain(in_tx);
    our_keys.retain(in_tx);
    want_keys.sort();
    our_keys.sort();
    assert_eq!(our_keys, want_keys, "offset keys differ from Debezium's");
}
