//! MariaDB-only recovery and schema-change scenarios: restart with DDL while stopped, DDL of every
//! kind mid-stream (also across a restart in the middle of it), reconnects, purged binlogs and
//! GTID resume, idle and filtered traffic advancing the offset, the MariaDB connector flavour.
//! The crash scenarios every source shares (kill -9 mid-snapshot with writes, at each failpoint,
//! at random moments) are in `matrix.rs`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use db_matrix::collector::Collector;
use db_matrix::mariadb::{MariaDb, CDC_PASSWORD, CDC_USER};
use db_matrix::redis_server::RedisServer;
use db_matrix::streams;
use db_matrix::wait_for;
use serde_json::Value;

const OFFSETS: &str = "metadata:debezium:offsets";
const FIELD: &str = r#"["redis",{"server":"dbserver1"}]"#;
const STREAM: &str = "dbserver1.inventory.ev";

fn yaml(db: &MariaDb, redis: &RedisServer, ty: &str, extra_source: &str) -> String {
    format!(
        "source:\n  type: {ty}\n  hostname: 127.0.0.1\n  port: {}\n  user: {CDC_USER}\n  password: {CDC_PASSWORD}\n  \
         server_id: 5400\n  topic_prefix: dbserver1\n  database_include_list: [inventory]\n  snapshot_fetch_size: 1000\n{extra_source}\
         sink:\n  address: 127.0.0.1:{}\n  batch_size: 200\n",
        db.port, redis.port
    )
}

fn write(dir: &Path, text: &str) -> PathBuf {
    let p = dir.join("c.yaml");
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
    offset(redis).is_some_and(|o| o.get("snapshot").is_none())
}

fn values(redis: &RedisServer, stream: &str) -> Vec<Value> {
    let mut c = redis.conn();
    streams::read(&mut c, stream)
        .iter()
        .filter_map(|(_, f)| streams::entry_value(f))
        .collect()
}

/// (op, id, n) of every event (tombstones skipped), in order.
fn events(redis: &RedisServer) -> Vec<(String, i64, Option<i64>)> {
    values(redis, STREAM)
        .iter()
        .map(|v| {
            let op = v["op"].as_str().unwrap().to_string();
            let row = if op == "d" { &v["before"] } else { &v["after"] };
            (op, row["id"].as_i64().unwrap(), row["n"].as_i64())
        })
        .collect()
}

fn source_rows(db: &MariaDb) -> BTreeMap<i64, Option<i64>> {
    db.sql("SELECT CONCAT(id, ':', COALESCE(n, 'null')) FROM ev ORDER BY id")
        .lines()
        .filter(|l| !l.is_empty())
        .map(|l| {
            let (a, b) = l.split_once(':').unwrap();
            (a.parse().unwrap(), b.parse().ok())
        })
        .collect()
}

/// Replays the stream into id -> n, checks it equals the table and that no row was created
/// twice.
fn assert_exact(db: &MariaDb, redis: &RedisServer) {
    let mut state: BTreeMap<i64, Option<i64>> = BTreeMap::new();
    let mut created: BTreeMap<i64, usize> = BTreeMap::new();
    for (op, id, n) in events(redis) {
        match op.as_str() {
            "r" | "c" => {
                *created.entry(id).or_default() += 1;
                state.insert(id, n);
            }
            "u" => {
                state.insert(id, n);
            }
            "d" => {
                state.remove(&id);
            }
            o => panic!("unexpected op {o}"),
        }
    }
    let dups: Vec<_> = created.iter().filter(|(_, c)| **c > 1).take(5).collect();
    assert!(
        dups.is_empty(),
        "rows created more than once (id, times): {dups:?}"
    );
    let source = source_rows(db);
    assert_eq!(state.len(), source.len(), "row count in stream vs source");
    assert_eq!(state, source, "stream replay differs from the source table");
}

fn wait_caught_up(db: &MariaDb, redis: &RedisServer) {
    let want = source_rows(db);
    wait_for(120, "the stream to catch up with the source", || {
        let mut state = BTreeMap::new();
        for (op, id, n) in events(redis) {
            if op == "d" {
                state.remove(&id);
            } else {
                state.insert(id, n);
            }
        }
        (state == want).then_some(())
    });
    std::thread::sleep(Duration::from_millis(300));
}

fn setup(rows: i64) -> (MariaDb, RedisServer, tempfile::TempDir) {
    let db = MariaDb::start();
    let redis = RedisServer::start();
    db.sql("CREATE TABLE ev (id BIGINT PRIMARY KEY, n INT, pad VARCHAR(60))");
    if rows > 0 {
        db.sql(&format!(
            "INSERT INTO ev SELECT seq, 0, REPEAT('x', 50) FROM seq_1_to_{rows}"
        ));
    }
    (db, redis, tempfile::tempdir().unwrap())
}

/// `n` transactions of `per` inserts from id `from`, plus an update and a delete each.
fn workload(db: &MariaDb, from: i64, n: i64, per: i64) {
    let mut sql = String::new();
    for t in 0..n {
        let a = from + t * per;
        let b = a + per - 1;
        sql.push_str(&format!(
            "BEGIN; INSERT INTO ev SELECT seq, 1, 'y' FROM seq_{a}_to_{b}; \
             UPDATE ev SET n = n + 1 WHERE id = {a}; DELETE FROM ev WHERE id = {b}; COMMIT;\n"
        ));
    }
    db.sql(&sql);
}

#[test]
fn restart_resumes_with_nothing_lost_or_repeated() {
    let (db, redis, tmp) = setup(500);
    let cfg = write(tmp.path(), &yaml(&db, &redis, "mysql", ""));
    let c = Collector::start(&cfg, &[]);
    wait_for(60, "snapshot", || snapshot_done(&redis).then_some(()));
    workload(&db, 1000, 5, 20);
    wait_caught_up(&db, &redis);
    assert_eq!(c.terminate(), Some(0), "SIGTERM must exit 0");
    workload(&db, 2000, 5, 20);
    db.sql("FLUSH BINARY LOGS"); // a rotate while stopped
    db.sql("UPDATE ev SET n = 42 WHERE id <= 10");
    let c = Collector::start(&cfg, &[]);
    workload(&db, 3000, 2, 20);
    db.sql("FLUSH BINARY LOGS"); // and one while streaming
    workload(&db, 4000, 2, 20);
    wait_caught_up(&db, &redis);
    let log = c.log_text();
    assert!(
        !log.contains("snapshot started"),
        "a restart must not snapshot again:\n{log}"
    );
    assert_eq!(c.terminate(), Some(0));
    assert_exact(&db, &redis);
    let o = offset(&redis).unwrap();
    assert!(
        o.get("file").is_some() && o.get("pos").is_some(),
        "Debezium's offset shape: {o}"
    );
}

/// The server side goes away while the collector runs: its binlog connection killed, then the
/// whole server restarted. The collector retries with backoff, reconnects and resumes from the
/// stored offset: nothing lost, nothing repeated, no new snapshot.
#[test]
fn reconnects_after_the_binlog_connection_and_the_server_go_away() {
    let (db, redis, tmp) = setup(200);
    let cfg = write(tmp.path(), &yaml(&db, &redis, "mysql", ""));
    let c = Collector::start(&cfg, &[]);
    wait_for(60, "snapshot", || snapshot_done(&redis).then_some(()));
    workload(&db, 1000, 3, 20);
    wait_caught_up(&db, &redis);
    let dump =
        db.sql("SELECT ID FROM information_schema.PROCESSLIST WHERE COMMAND LIKE 'Binlog Dump%'");
    let id = dump.trim();
    assert!(
        !id.is_empty(),
        "the collector's binlog connection is listed"
    );
    db.sql(&format!("KILL CONNECTION {id}"));
    workload(&db, 2000, 3, 20);
    wait_caught_up(&db, &redis);
    db.stop();
    std::thread::sleep(Duration::from_secs(2)); // the collector retries against a stopped server
    db.restart();
    workload(&db, 3000, 3, 20);
    wait_caught_up(&db, &redis);
    let log = c.log_text();
    assert_eq!(
        log.matches("snapshot started").count(),
        1,
        "reconnecting must not snapshot again:\n{log}"
    );
    assert!(
        log.contains("transient failure"),
        "the lost connection is retried as transient:\n{log}"
    );
    assert_eq!(c.terminate(), Some(0));
    assert_exact(&db, &redis);
}

/// Every DDL form mid-stream, with a restart in the middle of the DDL sequence: rows are
/// always decoded with the columns of their time.
#[test]
fn ddl_mid_stream_across_a_restart() {
    let db = MariaDb::start();
    let redis = RedisServer::start();
    let tmp = tempfile::tempdir().unwrap();
    db.sql("CREATE TABLE a (id INT PRIMARY KEY, x INT, y VARCHAR(10)); INSERT INTO a VALUES (1, 1, 'one')");
    let cfg = write(
        tmp.path(),
        &yaml(&db, &redis, "mysql", "  skipped_operations: [none]\n"),
    );
    let c = Collector::start(&cfg, &[]);
    wait_for(60, "snapshot", || snapshot_done(&redis).then_some(()));
    db.sql(
        "ALTER TABLE a ADD COLUMN z INT DEFAULT 7 AFTER id; INSERT INTO a (id, x, y) VALUES (2, 2, 'two'); \
         ALTER TABLE a DROP COLUMN y; INSERT INTO a VALUES (3, 30, 3); \
         ALTER TABLE a MODIFY COLUMN x BIGINT; INSERT INTO a VALUES (4, 40, 4000000000);",
    );
    wait_for(30, "first DDL batch", || {
        (values(&redis, "dbserver1.inventory.a").len() >= 4).then_some(())
    });
    // stop in the middle, with more DDL applied while down
    assert_eq!(c.terminate(), Some(0));
    db.sql(
        "ALTER TABLE a CHANGE COLUMN x big BIGINT NOT NULL DEFAULT 0; ALTER TABLE a RENAME COLUMN z TO zz; \
         INSERT INTO a VALUES (5, 50, 5); RENAME TABLE a TO b; INSERT INTO b VALUES (6, 60, 6); \
         CREATE TABLE c (k VARCHAR(5) PRIMARY KEY); INSERT INTO c VALUES ('k1'); \
         TRUNCATE TABLE c; INSERT INTO c VALUES ('k2'); DROP TABLE c; \
         CREATE TABLE c (k INT PRIMARY KEY, v TEXT); INSERT INTO c VALUES (9, 'nine');",
    );
    let c = Collector::start(&cfg, &[]);
    let waited = std::panic::catch_unwind(|| {
        wait_for(30, "events after the restart", || {
            (values(&redis, "dbserver1.inventory.c").len() >= 4).then_some(())
        })
    });
    if waited.is_err() {
        let mut conn = redis.conn();
        let lens: Vec<(String, usize)> = streams::stream_keys(&mut conn)
            .into_iter()
            .map(|k| (k.clone(), streams::read(&mut conn, &k).len()))
            .collect();
        let hist: Vec<String> = streams::read(&mut conn, "metadata:debezium:schema_history")
            .iter()
            .map(|(_, f)| f[0].1.chars().take(400).collect())
            .collect();
        let cv: Vec<String> = values(&redis, "dbserver1.inventory.c")
            .iter()
            .map(|v| format!("{} {} {}", v["op"], v["after"], v["source"]["pos"]))
            .collect();
        let _ = hist;
        panic!("streams {lens:?}; offset {:?}; c {cv:#?}", offset(&redis));
    }
    std::thread::sleep(Duration::from_millis(500));
    let log = c.log_text();
    assert_eq!(c.terminate(), Some(0), "{log}");
    let a = values(&redis, "dbserver1.inventory.a");
    let after = |v: &Value| v["after"].clone();
    assert_eq!(
        after(&a[0]),
        serde_json::json!({"id": 1, "x": 1, "y": "one"})
    );
    assert_eq!(
        after(&a[1]),
        serde_json::json!({"id": 2, "z": 7, "x": 2, "y": "two"})
    );
    assert_eq!(after(&a[2]), serde_json::json!({"id": 3, "z": 30, "x": 3}));
    assert_eq!(
        after(&a[3]),
        serde_json::json!({"id": 4, "z": 40, "x": 4000000000i64})
    );
    assert_eq!(
        after(&a[4]),
        serde_json::json!({"id": 5, "zz": 50, "big": 5})
    );
    let b = values(&redis, "dbserver1.inventory.b");
    assert_eq!(b.len(), 1, "{b:?}");
    assert_eq!(
        after(&b[0]),
        serde_json::json!({"id": 6, "zz": 60, "big": 6})
    );
    let c_events: Vec<(String, Value)> = values(&redis, "dbserver1.inventory.c")
        .iter()
        .map(|v| (v["op"].as_str().unwrap().to_string(), v["after"].clone()))
        .collect();
    assert_eq!(c_events[0], ("c".into(), serde_json::json!({"k": "k1"})));
    assert_eq!(c_events[1].0, "t");
    assert_eq!(c_events[2], ("c".into(), serde_json::json!({"k": "k2"})));
    assert_eq!(
        c_events[3],
        ("c".into(), serde_json::json!({"k": 9, "v": "nine"}))
    );
    // the schema history records each DDL with Debezium's tableChanges
    let mut conn = redis.conn();
    let hist: Vec<Value> = streams::read(&mut conn, "metadata:debezium:schema_history")
        .iter()
        .map(|(_, f)| serde_json::from_str(&f[0].1).unwrap())
        .collect();
    let ddls: Vec<&str> = hist.iter().filter_map(|h| h["ddl"].as_str()).collect();
    assert!(
        ddls.iter().any(|d| d.starts_with("RENAME TABLE")),
        "{ddls:?}"
    );
    assert!(
        !ddls.iter().any(|d| d.starts_with("TRUNCATE")),
        "TRUNCATE of a known table is not schema history"
    );
    let schema_changes = values(&redis, "dbserver1");
    assert!(schema_changes.iter().any(|v| v["ddl"]
        .as_str()
        .is_some_and(|d| d.contains("RENAME COLUMN"))));
}

/// `type: mariadb`: the offset's binlog file is purged while the collector is stopped, but its
/// GTID position is still on the server — the collector resumes from the GTID position (as a
/// replica with MASTER_USE_GTID would) instead of asking for a new snapshot; nothing is lost or
/// repeated. With `type: mysql` (no GTIDs in the offset) the same purge is the clear "purged"
/// error (`purged_binlog_is_a_clear_error`).
#[test]
fn purged_offset_file_resumes_from_the_gtid_position() {
    let (db, redis, tmp) = setup(100);
    let cfg = write(tmp.path(), &yaml(&db, &redis, "mariadb", ""));
    let c = Collector::start(&cfg, &[]);
    wait_for(60, "snapshot", || snapshot_done(&redis).then_some(()));
    workload(&db, 1000, 3, 20);
    wait_caught_up(&db, &redis);
    assert_eq!(c.terminate(), Some(0));
    let stored = offset(&redis).unwrap();
    assert!(
        stored["gtids"].as_str().is_some_and(|g| !g.is_empty()),
        "{stored}"
    );
    // MariaDB keeps a binlog until its checkpoint moves on: flush and purge until it is gone
    let old = stored["file"].as_str().unwrap().to_string();
    db.sql("FLUSH BINARY LOGS");
    let file = wait_for(30, "the offset's binlog file to be purged", || {
        let file = db.sql("SHOW MASTER STATUS").split('\t').next()?.to_string();
        db.sql(&format!("PURGE BINARY LOGS TO '{file}'"));
        if db.sql("SHOW BINARY LOGS").contains(&old) {
            std::thread::sleep(Duration::from_millis(200));
            return None;
        }
        Some(file)
    });
    // started and stopped before any transaction after the GTID position: the server may still
    // be skipping to it, so no file/position is stored yet (the next start uses the GTID again)
    let c = Collector::start(&cfg, &[]);
    wait_for(30, "the GTID resume", || {
        c.log_text()
            .contains("resuming from its GTID position")
            .then_some(())
    });
    std::thread::sleep(Duration::from_millis(500));
    assert_eq!(c.terminate(), Some(0));
    assert_eq!(offset(&redis).unwrap()["file"], stored["file"]);
    workload(&db, 2000, 3, 20);
    let c = Collector::start(&cfg, &[]);
    workload(&db, 3000, 2, 20);
    wait_caught_up(&db, &redis);
    let log = c.log_text();
    assert!(log.contains("resuming from its GTID position"), "{log}");
    assert_eq!(log.matches("snapshot started").count(), 0, "{log}");
    assert_eq!(c.terminate(), Some(0));
    assert_exact(&db, &redis);
    assert_eq!(
        offset(&redis).unwrap()["file"].as_str(),
        Some(file.as_str())
    );

    // now the GTID position itself is gone too (transactions after it purged): the default
    // snapshot mode stops with the purged error; when_needed takes a new snapshot
    workload(&db, 5000, 2, 20);
    let old = file;
    db.sql("FLUSH BINARY LOGS");
    wait_for(30, "the binlogs after the offset to be purged", || {
        let file = db.sql("SHOW MASTER STATUS").split('\t').next()?.to_string();
        db.sql(&format!("PURGE BINARY LOGS TO '{file}'"));
        if db.sql("SHOW BINARY LOGS").contains(&old) {
            std::thread::sleep(Duration::from_millis(200));
            return None;
        }
        Some(())
    });
    let (code, log) = Collector::start(&cfg, &[]).wait_exit(30);
    assert_eq!(code, Some(1), "{log}");
    assert!(
        log.contains("purged") && log.contains("when_needed"),
        "{log}"
    );
    let cfg = write(
        tmp.path(),
        &yaml(&db, &redis, "mariadb", "  snapshot_mode: when_needed\n"),
    );
    let c = Collector::start(&cfg, &[]);
    wait_for(60, "a new snapshot", || {
        c.log_text().contains("taking a new snapshot").then_some(())
    });
    wait_for(60, "the new snapshot", || {
        snapshot_done(&redis).then_some(())
    });
    assert_eq!(c.terminate(), Some(0));
}

/// With `binlog_row_metadata=FULL` the table maps name the columns: streaming works as usual,
/// and a column renamed behind the binlog's back (`sql_log_bin=0`) stops the collector with an
/// error naming the table, the position and the fix instead of mislabelling values.
#[test]
fn full_row_metadata_catches_a_schema_change_the_binlog_missed() {
    let db = MariaDb::start_with(db_matrix::mariadb::MyOptions {
        extra_args: vec!["--binlog-row-metadata=FULL".into()],
        ..Default::default()
    });
    let redis = RedisServer::start();
    let tmp = tempfile::tempdir().unwrap();
    db.sql("CREATE TABLE ev (id BIGINT PRIMARY KEY, n INT, pad VARCHAR(60))");
    db.sql("INSERT INTO ev SELECT seq, 0, 'x' FROM seq_1_to_50");
    let cfg = write(tmp.path(), &yaml(&db, &redis, "mysql", ""));
    let c = Collector::start(&cfg, &[]);
    wait_for(60, "snapshot", || snapshot_done(&redis).then_some(()));
    workload(&db, 1000, 2, 10);
    db.sql("ALTER TABLE ev ADD COLUMN extra INT");
    db.sql("INSERT INTO ev VALUES (5000, 1, 'z', 7)");
    wait_caught_up(&db, &redis);
    db.sql("SET SESSION sql_log_bin = 0; ALTER TABLE ev RENAME COLUMN n TO m; SET SESSION sql_log_bin = 1; INSERT INTO ev VALUES (6000, 2, 'z', 8)");
    let (code, log) = c.wait_exit(30);
    assert_eq!(code, Some(1), "{log}");
    assert!(
        log.contains("inventory.ev")
            && log.contains("[id, m, pad, extra]")
            && log.contains("[id, n, pad, extra]")
            && log.contains("sql_log_bin"),
        "{log}"
    );
}

/// Traffic on tables that are not captured moves the stored offset forward (heartbeat).
#[test]
fn filtered_traffic_advances_the_offset() {
    let db = MariaDb::start();
    let redis = RedisServer::start();
    let tmp = tempfile::tempdir().unwrap();
    db.sql("CREATE TABLE ev (id INT PRIMARY KEY); CREATE TABLE other (id INT PRIMARY KEY)");
    let cfg = write(
        tmp.path(),
        &yaml(
            &db,
            &redis,
            "mysql",
            "  table_include_list: [inventory.ev]\n  heartbeat_interval_ms: 300\n",
        ),
    );
    let c = Collector::start(&cfg, &[]);
    wait_for(60, "snapshot", || snapshot_done(&redis).then_some(()));
    let before = offset(&redis).unwrap();
    db.sql("INSERT INTO other SELECT seq FROM seq_1_to_500");
    let end: u64 = db
        .sql("SHOW MASTER STATUS")
        .split('\t')
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    wait_for(20, "the offset to pass the filtered transaction", || {
        let o = offset(&redis)?;
        (o["pos"].as_u64()? >= end && o["file"] == before["file"]).then_some(())
    });
    assert_eq!(c.terminate(), Some(0));
    let mut conn = redis.conn();
    assert_eq!(
        streams::read(&mut conn, "dbserver1.inventory.other").len(),
        0
    );
}

/// With `type: mariadb` the events say `connector: mariadb`, carry MariaDB GTIDs, and the
/// offset holds the GTID position.
#[test]
fn mariadb_flavour_emits_gtids() {
    let db = MariaDb::start();
    let redis = RedisServer::start();
    let tmp = tempfile::tempdir().unwrap();
    db.sql("CREATE TABLE ev (id BIGINT PRIMARY KEY, n INT, pad VARCHAR(60)); INSERT INTO ev VALUES (1, 0, 'a')");
    let cfg = write(tmp.path(), &yaml(&db, &redis, "mariadb", ""));
    let c = Collector::start(&cfg, &[]);
    wait_for(60, "snapshot", || snapshot_done(&redis).then_some(()));
    db.sql("INSERT INTO ev VALUES (2, 1, 'b')");
    let gtid = db.sql("SELECT @@gtid_binlog_pos");
    wait_for(30, "streamed insert", || {
        (events(&redis).len() >= 2).then_some(())
    });
    wait_for(20, "offset with the GTID", || {
        (offset(&redis)?["gtids"].as_str()? == gtid).then_some(())
    });
    assert_eq!(c.terminate(), Some(0));
    let v = values(&redis, STREAM);
    assert_eq!(v[0]["source"]["connector"], "mariadb");
    assert_eq!(v[1]["source"]["gtid"].as_str(), Some(gtid.as_str()));
    let mut conn = redis.conn();
    let entry = &streams::read(&mut conn, STREAM)[1].1;
    let value: Value = serde_json::from_str(&entry[0].1).unwrap();
    let schema_name = value["schema"]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["field"] == "source")
        .unwrap()["name"]
        .clone();
    assert_eq!(schema_name, "io.debezium.connector.mariadb.Source");
}

/// An offset in the shape Debezium's MySQL connector writes on MariaDB (position after the last
/// rows event, `row` set, no `event`): the collector continues right after that change — the
/// row is not repeated and the next transaction's first row is not skipped.
#[test]
fn continues_from_an_offset_written_by_debezium() {
    let (db, redis, tmp) = setup(3);
    let cfg = write(tmp.path(), &yaml(&db, &redis, "mysql", ""));
    let c = Collector::start(&cfg, &[]);
    wait_for(60, "snapshot", || snapshot_done(&redis).then_some(()));
    assert_eq!(c.terminate(), Some(0));
    db.sql("INSERT INTO ev VALUES (10, 1, 'a')");
    let events_text = db.sql("SHOW BINLOG EVENTS");
    let last_rows = events_text
        .lines()
        .rfind(|l| {
            l.split('\t')
                .nth(2)
                .is_some_and(|t| t.starts_with("Write_rows"))
        })
        .expect("a rows event");
    let cols: Vec<&str> = last_rows.split('\t').collect();
    let (file, end) = (cols[0], cols[4]);
    let debezium =
        format!(r#"{{"ts_sec":1795287499,"file":"{file}","pos":{end},"row":1,"server_id":1}}"#);
    let mut conn = redis.conn();
    let _: () = redis::cmd("HSET")
        .arg(OFFSETS)
        .arg(FIELD)
        .arg(&debezium)
        .query(&mut conn)
        .unwrap();
    // what the stream would hold had Debezium emitted row 10
    db.sql("INSERT INTO ev VALUES (11, 1, 'b'); INSERT INTO ev VALUES (12, 1, 'c')");
    let c = Collector::start(&cfg, &[]);
    wait_for(30, "rows after the Debezium offset", || {
        (events(&redis).len() >= 5).then_some(())
    });
    std::thread::sleep(Duration::from_millis(500));
    assert_eq!(c.terminate(), Some(0));
    let ids: Vec<i64> = events(&redis).iter().map(|e| e.1).collect();
    assert_eq!(
        ids,
        vec![1, 2, 3, 11, 12],
        "row 10 was Debezium's, 11 and 12 are new"
    );
}
