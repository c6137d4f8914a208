//! The SQL Server source end to end against the CDC **model** (`db_matrix::sqlserver_model`: a
//! model of SQL Server's CDC tables served over TDS, not SQL Server — none can run here): the
//! collector binary snapshots, streams, commits Debezium's offsets under the database
//! partition, and neither loses nor repeats an event when killed (-9) at chunk commits during
//! the snapshot and at random moments while a writer changes rows.

use std::collections::{BTreeMap, BTreeSet};
use std::time::Duration;

use db_matrix::collector::Collector;
use db_matrix::matrix::{self, Lcg};
use db_matrix::redis_server::RedisServer;
use db_matrix::sqlserver_model::{Change, Column, SqlServerModel};
use db_matrix::tds::Cell;
use db_matrix::wait_for;

const STREAM: &str = "dbserver1.inv.dbo.ev";
const FIELD: &str = r#"["redis",{"server":"dbserver1","database":"inv"}]"#;

fn row(id: i64, version: i64) -> Vec<Cell> {
    vec![
        Cell::Int(id),
        Cell::Int(version),
        Cell::Text("x".repeat(100)),
    ]
}

fn model(rows: i64) -> SqlServerModel {
    let m = SqlServerModel::start("inv");
    fill(&m, rows);
    m
}

/// The columns of `dbo.ev`: id bigint (the key), version int, pad nvarchar (nullable).
fn ev_columns() -> Vec<Column> {
    [("id", "bigint"), ("version", "int"), ("pad", "nvarchar")]
        .into_iter()
        .map(|(n, t)| Column {
            name: n.into(),
            ty: t.into(),
            nullable: n == "pad",
        })
        .collect()
}

/// Table `dbo.ev` (id, version, pad) with CDC and `rows` rows (even ids) in `m`'s database.
fn fill(m: &SqlServerModel, rows: i64) {
    m.create_table("dbo", "ev", &ev_columns(), "id");
    m.enable_cdc("ev");
    for chunk in (1..=rows).collect::<Vec<_>>().chunks(500) {
        let tx: Vec<Change> = chunk
            .iter()
            .map(|i| Change::Insert("ev".into(), row(i * 2, 0)))
            .collect();
        m.transaction(&tx);
    }
}

fn config(dir: &std::path::Path, m: &SqlServerModel, redis: &RedisServer) -> std::path::PathBuf {
    config_in(dir, m, redis, "snapshot", 500)
}

fn config_in(
    dir: &std::path::Path,
    m: &SqlServerModel,
    redis: &RedisServer,
    isolation: &str,
    fetch: usize,
) -> std::path::PathBuf {
    let p = dir.join("sqlserver.yaml");
    std::fs::write(
        &p,
        format!(
            "source:\n  type: sqlserver\n  hostname: 127.0.0.1\n  port: {}\n  user: sa\n  password: pw\n  \
             database_names: [inv]\n  encrypt: false\n  snapshot_isolation_mode: {isolation}\n  topic_prefix: dbserver1\n  \
             poll_interval_ms: 50\n  snapshot_fetch_size: {fetch}\nsink:\n  address: 127.0.0.1:{}\n  batch_size: 200\n",
            m.port, redis.port
        ),
    )
    .unwrap();
    p
}

fn offset(redis: &RedisServer) -> Option<serde_json::Value> {
    let v: Option<String> = redis::cmd("HGET")
        .arg(matrix::OFFSETS)
        .arg(FIELD)
        .query(&mut redis.conn())
        .ok()?;
    serde_json::from_str(&v?).ok()
}

fn snapshot_done(redis: &RedisServer) -> bool {
    offset(redis).is_some_and(|o| o.get("snapshot").is_none())
}

/// One writer transaction on the model: three `version + 1` updates, one delete, one insert.
fn write(m: &SqlServerModel, rng: &mut Lcg, next_id: &mut i64) {
    let rows = m.rows("ev");
    let ids: Vec<i64> = rows.keys().copied().collect();
    let mut tx = Vec::new();
    let mut touched = BTreeSet::new();
    for _ in 0..3 {
        let id = ids[rng.next(ids.len() as u64) as usize];
        if touched.insert(id) {
            let Cell::Int(v) = rows[&id][1] else {
                unreachable!()
            };
            tx.push(Change::Update("ev".into(), row(id, v + 1)));
        }
    }
    let del = ids[rng.next(ids.len() as u64) as usize];
    if touched.insert(del) {
        tx.push(Change::Delete("ev".into(), del));
    }
    *next_id += 2;
    tx.push(Change::Insert("ev".into(), row(*next_id, 0)));
    m.transaction(&tx);
}

fn versions(m: &SqlServerModel) -> BTreeMap<i64, i64> {
    m.rows("ev")
        .into_iter()
        .map(|(k, r)| match r[1] {
            Cell::Int(v) => (k, v),
            _ => unreachable!(),
        })
        .collect()
}

fn replay(redis: &RedisServer) -> BTreeMap<i64, i64> {
    replay_of(redis, STREAM)
}

fn replay_of(redis: &RedisServer, stream: &str) -> BTreeMap<i64, i64> {
    let mut state = BTreeMap::new();
    for c in matrix::changes(redis, stream) {
        match (c.op.as_str(), c.after) {
            ("d", _) => {
                state.remove(&c.id);
            }
            (_, Some(v)) => {
                state.insert(c.id, v);
            }
            _ => {}
        }
    }
    state
}

#[test]
fn snapshot_and_stream_exactly_once_across_kills() {
    let m = model(3_000);
    let redis = RedisServer::start();
    let tmp = tempfile::tempdir().unwrap();
    let cfg = config(tmp.path(), &m, &redis);
    let mut rng = Lcg(matrix::seed("sqlserver model"));
    let mut next_id = 100_001;
    // killed at chunk commits during the snapshot, with writes in between
    for point in ["after_snapshot_chunk:2", "after_snapshot_chunk:3"] {
        let c = Collector::start(&cfg, &[("REDCDC_FAILPOINT", point)]);
        for _ in 0..5 {
            write(&m, &mut rng, &mut next_id);
        }
        let (code, log) = c.wait_exit(60);
        assert!(log.contains("failpoint"), "{point}: {code:?}\n{log}");
        assert!(
            !snapshot_done(&redis),
            "{point}: the snapshot must be unfinished"
        );
    }
    let c = Collector::start(&cfg, &[]);
    if std::panic::catch_unwind(|| {
        wait_for(60, "the snapshot", || snapshot_done(&redis).then_some(()))
    })
    .is_err()
    {
        panic!("snapshot did not complete:\n{}", c.log_text());
    }
    // killed at random moments while streaming
    let mut c = Some(c);
    for round in 0..3 {
        for _ in 0..10 {
            write(&m, &mut rng, &mut next_id);
        }
        std::thread::sleep(Duration::from_millis(100 + rng.next(400)));
        c.take().unwrap().kill9();
        eprintln!("kill -9 while streaming, round {round}");
        c = Some(Collector::start(&cfg, &[]));
    }
    for _ in 0..10 {
        write(&m, &mut rng, &mut next_id);
    }
    let want = versions(&m);
    let c = c.take().unwrap();
    if std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        wait_for(60, "the stream to equal the model", || {
            (replay(&redis) == want).then_some(())
        })
    }))
    .is_err()
    {
        panic!(
            "stream {} rows vs model {}:\n{}",
            replay(&redis).len(),
            want.len(),
            c.log_text()
        );
    }
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(c.terminate(), Some(0), "SIGTERM exits 0");
    // every row's history is exact: its r or c, each version once, its delete
    let state = matrix::check_histories(&matrix::changes(&redis, STREAM));
    assert_eq!(state, want);
    // Debezium's offset form under the database partition
    let o = offset(&redis).expect("offset");
    let keys: BTreeSet<&str> = o.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(
        keys,
        BTreeSet::from(["commit_lsn", "change_lsn", "event_serial_no"]),
        "{o}"
    );
    let lsn = o["commit_lsn"].as_str().unwrap();
    assert!(protocol_lsn_text(lsn), "{lsn}");
}

/// Every `snapshot.isolation.mode` but `snapshot` (the test above), with a writer changing rows
/// all through the snapshot: the statements are Debezium's (`REPEATABLE READ` and `TABLOCKX` on
/// each captured table inside a savepoint for `repeatable_read` — rolled back before the data is
/// read — and `exclusive` — held to the end; no lock for the read modes); nothing is lost in any
/// mode; under `exclusive` the writer waits for the snapshot and every row's history is exact.
#[test]
fn isolation_modes_with_a_writer_during_the_snapshot() {
    for mode in [
        "exclusive",
        "repeatable_read",
        "read_committed",
        "read_uncommitted",
    ] {
        let m = model(3_000);
        let redis = RedisServer::start();
        let tmp = tempfile::tempdir().unwrap();
        let cfg = config_in(tmp.path(), &m, &redis, mode, 100);
        let stop = std::sync::atomic::AtomicBool::new(false);
        let c = std::thread::scope(|s| {
            let writer = s.spawn(|| {
                let mut rng = Lcg(matrix::seed(mode));
                let mut next_id = 100_001;
                while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                    write(&m, &mut rng, &mut next_id);
                    std::thread::sleep(Duration::from_millis(2));
                }
            });
            let c = Collector::start(&cfg, &[]);
            if std::panic::catch_unwind(|| {
                wait_for(60, "the snapshot", || snapshot_done(&redis).then_some(()))
            })
            .is_err()
            {
                stop.store(true, std::sync::atomic::Ordering::Relaxed);
                panic!("{mode}: snapshot did not complete:\n{}", c.log_text());
            }
            std::thread::sleep(Duration::from_millis(300));
            stop.store(true, std::sync::atomic::Ordering::Relaxed);
            writer.join().unwrap();
            c
        });
        let want = versions(&m);
        if std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            wait_for(60, "the stream to equal the model", || {
                (replay(&redis) == want).then_some(())
            })
        }))
        .is_err()
        {
            panic!(
                "{mode}: stream {} rows vs model {}:\n{}",
                replay(&redis).len(),
                want.len(),
                c.log_text()
            );
        }
        assert_eq!(c.terminate(), Some(0), "{mode}: SIGTERM exits 0");
        let log = m.locking_log();
        let first = |what: &str| log.iter().position(|l| l == what);
        let commit = first("commit").unwrap_or_else(|| panic!("{mode}: {log:?}"));
        match mode {
            "exclusive" | "repeatable_read" => {
                let before = &log[..commit];
                assert_eq!(
                    &before[..3],
                    [
                        "isolation repeatable read",
                        "save dbz_schema_snapshot",
                        "tablockx ev"
                    ],
                    "{mode}: {log:?}"
                );
                let rolled_back = before.contains(&"rollback to dbz_schema_snapshot".into());
                assert_eq!(rolled_back, mode == "repeatable_read", "{mode}: {log:?}");
            }
            _ => {
                let level = mode.replace('_', " ");
                assert_eq!(log[0], format!("isolation {level}"), "{log:?}");
                assert!(!log.iter().any(|l| l.starts_with("tablockx")), "{log:?}");
            }
        }
        if mode == "exclusive" {
            assert!(m.lock_waits() > 0, "the writer never waited for the lock");
            let state = matrix::check_histories(&matrix::changes(&redis, STREAM));
            assert_eq!(state, want, "exclusive: every history exact");
        }
        eprintln!("{mode}: {} rows, lock waits {}", want.len(), m.lock_waits());
    }
}

/// `xxxxxxxx:xxxxxxxx:xxxx`, lower-case hex.
fn protocol_lsn_text(s: &str) -> bool {
    let parts: Vec<&str> = s.split(':').collect();
    parts.len() == 3
        && [8, 8, 4].iter().zip(&parts).all(|(n, p)| {
            p.len() == *n
                && p.bytes()
                    .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
        })
}

/// `collector check` against the model: each missing prerequisite is a non-zero exit with the
/// problem and its fix; with everything in place it lists what it checked.
#[test]
fn collector_check_names_each_missing_prerequisite() {
    let m = SqlServerModel::start("inv");
    let redis = RedisServer::start();
    let tmp = tempfile::tempdir().unwrap();
    let cfg = config(tmp.path(), &m, &redis);
    let check = || {
        let out = db_matrix::collector::run_to_end("check", &cfg);
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        (out.status.success(), text)
    };
    // no capture instance at all
    let (ok, text) = check();
    assert!(!ok && text.contains("sp_cdc_enable_table"), "{text}");
    m.create_table(
        "dbo",
        "ev",
        &[Column {
            name: "id".into(),
            ty: "int".into(),
            nullable: false,
        }],
        "id",
    );
    m.enable_cdc("ev");
    let (ok, text) = check();
    assert!(ok, "{text}");
    assert!(
        text.contains("CDC enabled") && text.contains("Agent"),
        "{text}"
    );
    m.set_agent_running(false);
    let (ok, text) = check();
    assert!(
        !ok && text.contains("SQL Server Agent is not running"),
        "{text}"
    );
    m.set_agent_running(true);
    // snapshot isolation asked for but not allowed; then a collector run stops on it, named
    m.set_snapshot_isolation(false);
    let (ok, text) = check();
    assert!(
        !ok && text.contains("ALLOW_SNAPSHOT_ISOLATION ON"),
        "{text}"
    );
    let c = Collector::start(&cfg, &[]);
    let (code, log) = c.wait_exit(30);
    assert!(
        code != Some(0) && log.contains("ALLOW_SNAPSHOT_ISOLATION ON"),
        "{code:?}\n{log}"
    );
    m.set_snapshot_isolation(true);
    let (ok, text) = check();
    assert!(
        ok && text.contains("snapshot isolation is allowed"),
        "{text}"
    );
    m.set_cdc_enabled(false);
    let (ok, text) = check();
    assert!(!ok && text.contains("sp_cdc_enable_db"), "{text}");
}

/// TLS to the model (which, like a server with "Force Encryption", encrypts every connection):
/// with the CA that signed the server's certificate and the host name it names, the collector
/// snapshots and streams; without a trusted CA, or with a host name the certificate does not
/// name, `collector check` fails naming the setting to change; `trust_server_certificate` and
/// `encrypt: false` (the server demands TLS, so it is used without validation, as SQL Server's
/// drivers do) connect.
#[test]
fn tls_to_the_model() {
    let ca = db_matrix::tls::TestCa::new("redcdc test CA");
    let cert = ca.server("mssql", &["localhost"]);
    let m = SqlServerModel::start_with("inv", Some(cert.rustls_config()));
    m.create_table("dbo", "ev", &ev_columns(), "id");
    m.enable_cdc("ev");
    m.transaction(&[Change::Insert("ev".into(), row(2, 0))]);
    let redis = RedisServer::start();
    let tmp = tempfile::tempdir().unwrap();
    let write_config = |name: &str, host: &str, tls: &str| {
        let p = tmp.path().join(name);
        std::fs::write(
            &p,
            format!(
                "source:\n  type: sqlserver\n  hostname: {host}\n  port: {}\n  user: sa\n  password: pw\n  \
                 database_names: [inv]\n  snapshot_isolation_mode: snapshot\n  topic_prefix: dbserver1\n  \
                 poll_interval_ms: 50\n{tls}sink:\n  address: 127.0.0.1:{}\n",
                m.port, redis.port
            ),
        )
        .unwrap();
        p
    };
    let check = |cfg: &std::path::Path| {
        let out = db_matrix::collector::run_to_end("check", cfg);
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        (out.status.success(), text)
    };
    let ca_line = format!("  server_certificate: {}\n", ca.ca_path().display());
    // encrypt is on by default; the system's roots do not know the test CA
    let (ok, text) = check(&write_config("roots.yaml", "localhost", ""));
    assert!(
        !ok && text.contains("not trusted") && text.contains("server_certificate"),
        "{text}"
    );
    // the right CA, but a host name the certificate does not name
    let (ok, text) = check(&write_config("ip.yaml", "127.0.0.1", &ca_line));
    assert!(!ok && text.contains("127.0.0.1"), "{text}");
    let (ok, text) = check(&write_config(
        "trust.yaml",
        "127.0.0.1",
        "  trust_server_certificate: true\n",
    ));
    assert!(ok, "{text}");
    let (ok, text) = check(&write_config(
        "plain.yaml",
        "127.0.0.1",
        "  encrypt: false\n",
    ));
    assert!(ok, "{text}");
    // a run over TLS: the snapshot, then a change
    let cfg = write_config("tls.yaml", "localhost", &ca_line);
    let c = Collector::start(&cfg, &[]);
    wait_for(30, "the snapshot over TLS", || {
        (snapshot_done(&redis) && replay(&redis).len() == 1).then_some(())
    });
    m.transaction(&[Change::Update("ev".into(), row(2, 1))]);
    wait_for(30, "a change over TLS", || {
        (replay(&redis).get(&2) == Some(&1)).then_some(())
    });
    assert_eq!(c.terminate(), Some(0));
}

/// `column.exclude.list` / `column.include.list`: the columns left out are in neither image nor
/// the value schema, in the snapshot and in the stream; the key keeps its column.
#[test]
fn column_lists_leave_columns_out() {
    for (list, kept) in [
        ("column_exclude_list: ['dbo\\.ev\\.pad']", ["id", "version"]),
        (
            "column_include_list: ['dbo\\.ev\\.(version|pad)']",
            ["version", "pad"],
        ),
    ] {
        let m = model(20);
        let redis = RedisServer::start();
        let tmp = tempfile::tempdir().unwrap();
        let cfg = config(tmp.path(), &m, &redis);
        let text = std::fs::read_to_string(&cfg)
            .unwrap()
            .replace("  topic_prefix:", &format!("  {list}\n  topic_prefix:"));
        std::fs::write(&cfg, text).unwrap();
        let c = Collector::start(&cfg, &[]);
        wait_for(60, "the snapshot", || snapshot_done(&redis).then_some(()));
        m.transaction(&[Change::Update("ev".into(), row(4, 1))]);
        let entries = wait_for(60, "the update", || {
            let e = db_matrix::streams::read(&mut redis.conn(), STREAM);
            (e.len() == 21).then_some(e)
        });
        assert_eq!(c.terminate(), Some(0));
        for (_, fields) in &entries {
            let (key, value) = &fields[0];
            let key: serde_json::Value = serde_json::from_str(key).unwrap();
            assert!(key["payload"]["id"].is_i64(), "{list}: key {key}");
            let value: serde_json::Value = serde_json::from_str(value).unwrap();
            let p = &value["payload"];
            let image = if p["op"] == "u" {
                &p["before"]
            } else {
                &p["after"]
            };
            for img in [image, &p["after"]] {
                let names: Vec<&str> = img
                    .as_object()
                    .unwrap()
                    .keys()
                    .map(String::as_str)
                    .collect();
                assert_eq!(names, kept, "{list}: {p}");
            }
            let after_fields: Vec<&str> = value["schema"]["fields"]
                .as_array()
                .unwrap()
                .iter()
                .find(|f| f["field"] == "after")
                .unwrap()["fields"]
                .as_array()
                .unwrap()
                .iter()
                .map(|f| f["field"].as_str().unwrap())
                .collect();
            assert_eq!(after_fields, kept, "{list}");
        }
    }
}

/// `provide.transaction.metadata` as Debezium's `TransactionMetadataIT` states it: one
/// transaction inserting five rows into each of two tables gives BEGIN, ten events with
/// `total_order` 1–10 and `data_collection_order` 1–5 per table, END with `event_count` 10 and
/// both data collections (`<db>.dbo.<table>`), the id being the commit LSN. A collector killed in
/// the middle of the next transaction continues it after the restart: no second BEGIN, orders
/// continue, one END.
#[test]
fn transaction_metadata_across_a_kill_mid_transaction() {
    let m = SqlServerModel::start("inv");
    for t in ["tablea", "tableb"] {
        m.create_table("dbo", t, &ev_columns(), "id");
        m.enable_cdc(t);
    }
    let redis = RedisServer::start();
    let tmp = tempfile::tempdir().unwrap();
    let cfg = config(tmp.path(), &m, &redis);
    let text = std::fs::read_to_string(&cfg)
        .unwrap()
        .replace(
            "  topic_prefix:",
            "  provide_transaction_metadata: true\n  topic_prefix:",
        )
        .replace("batch_size: 200", "batch_size: 3");
    std::fs::write(&cfg, text).unwrap();
    let tx = |base: i64| {
        let changes: Vec<Change> = (0..5)
            .flat_map(|i| {
                [
                    Change::Insert("tablea".into(), row(base + i, 0)),
                    Change::Insert("tableb".into(), row(base + i, 0)),
                ]
            })
            .collect();
        m.transaction(&changes);
        m.last_lsn()
    };
    let tx_stream = "dbserver1.transaction";
    let payloads = |stream: &str| -> Vec<serde_json::Value> {
        db_matrix::streams::read(&mut redis.conn(), stream)
            .iter()
            .map(|(_, f)| {
                let v: serde_json::Value = serde_json::from_str(&f[0].1).unwrap();
                v["payload"].clone()
            })
            .collect()
    };
    let c = Collector::start(&cfg, &[]);
    wait_for(60, "the snapshot", || snapshot_done(&redis).then_some(()));
    let first = tx(10);
    wait_for(60, "BEGIN and END", || {
        (payloads(tx_stream).len() == 2).then_some(())
    });
    assert_eq!(c.terminate(), Some(0));
    // the second transaction: the second batch of its events is never committed
    let c = Collector::start(&cfg, &[("REDCDC_FAILPOINT", "before_offset_commit:2")]);
    let second = tx(20);
    let (_, log) = c.wait_exit(60);
    assert!(log.contains("failpoint"), "{log}");
    let o = offset(&redis).expect("offset");
    assert!(
        o.get("transaction_id").is_some(),
        "killed inside the transaction: {o}"
    );
    let c = Collector::start(&cfg, &[]);
    wait_for(60, "the second END", || {
        (payloads(tx_stream).len() == 4).then_some(())
    });
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(c.terminate(), Some(0));
    let txs = payloads(tx_stream);
    assert_eq!(txs.len(), 4, "{txs:?}");
    let lsn_text = |n: u32| format!("00000027:{n:08x}:0001");
    for (i, (n, status)) in [
        (first, "BEGIN"),
        (first, "END"),
        (second, "BEGIN"),
        (second, "END"),
    ]
    .into_iter()
    .enumerate()
    {
        assert_eq!(txs[i]["status"], status, "{txs:?}");
        assert_eq!(txs[i]["id"], lsn_text(n), "{txs:?}");
    }
    for end in [&txs[1], &txs[3]] {
        assert_eq!(end["event_count"], 10);
        let mut dc: Vec<(String, i64)> = end["data_collections"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| {
                (
                    d["data_collection"].as_str().unwrap().to_string(),
                    d["event_count"].as_i64().unwrap(),
                )
            })
            .collect();
        dc.sort();
        assert_eq!(
            dc,
            vec![("inv.dbo.tablea".into(), 5), ("inv.dbo.tableb".into(), 5)]
        );
    }
    assert!(txs[0]["event_count"].is_null());
    // every data event: the block of its transaction, orders without gap or repeat
    let mut blocks: Vec<(String, i64, i64, i64)> = Vec::new();
    for t in ["tablea", "tableb"] {
        for p in payloads(&format!("dbserver1.inv.dbo.{t}")) {
            if p["op"] == "r" {
                continue;
            }
            let b = &p["transaction"];
            blocks.push((
                b["id"].as_str().unwrap().to_string(),
                b["total_order"].as_i64().unwrap(),
                b["data_collection_order"].as_i64().unwrap(),
                p["after"]["id"].as_i64().unwrap(),
            ));
        }
    }
    blocks.sort();
    let mut want = Vec::new();
    for (n, base) in [(first, 10), (second, 20)] {
        for i in 0..5i64 {
            want.push((lsn_text(n), 2 * i + 1, i + 1, base + i));
            want.push((lsn_text(n), 2 * i + 2, i + 1, base + i));
        }
    }
    want.sort();
    assert_eq!(blocks, want);
    let o = offset(&redis).expect("offset");
    assert!(o.get("transaction_id").is_none(), "ended: {o}");
}

/// `heartbeat.interval.ms`: while the captured table is idle and transactions on other tables
/// move the max LSN, the stored offset follows them, so after the cleanup job removed the change
/// rows up to there a restart still finds its position and streams the next change.
#[test]
fn heartbeats_keep_an_idle_position_inside_the_change_tables() {
    let m = model(10);
    m.create_table(
        "dbo",
        "other",
        &[Column {
            name: "id".into(),
            ty: "bigint".into(),
            nullable: false,
        }],
        "id",
    );
    let redis = RedisServer::start();
    let tmp = tempfile::tempdir().unwrap();
    let cfg = config(tmp.path(), &m, &redis);
    let text = std::fs::read_to_string(&cfg).unwrap().replace(
        "  topic_prefix:",
        "  heartbeat_interval_ms: 100\n  topic_prefix:",
    );
    std::fs::write(&cfg, text).unwrap();
    let c = Collector::start(&cfg, &[]);
    wait_for(60, "the snapshot", || snapshot_done(&redis).then_some(()));
    for i in 0..5 {
        m.transaction(&[Change::Insert("other".into(), vec![Cell::Int(i)])]);
    }
    let last = m.last_lsn();
    let want = format!("00000027:{last:08x}:0001");
    let o = wait_for(30, "the offset to follow the other table", || {
        offset(&redis).filter(|o| o["commit_lsn"] == want.as_str())
    });
    assert_eq!(o["change_lsn"], "NULL", "{o}");
    assert_eq!(c.terminate(), Some(0));
    // the cleanup job removes everything before the last transaction
    m.cleanup_before(last);
    m.transaction(&[Change::Update("ev".into(), row(2, 1))]);
    let c = Collector::start(&cfg, &[]);
    let seen = std::panic::catch_unwind(|| {
        wait_for(30, "the update after the restart", || {
            matrix::changes(&redis, STREAM)
                .iter()
                .any(|ch| ch.op == "u" && ch.id == 2)
                .then_some(())
        })
    });
    assert!(seen.is_ok(), "{}", c.log_text());
    assert_eq!(c.terminate(), Some(0));
}

/// `database.names` with two databases on one server: each is snapshotted and streamed into its
/// own streams with its own offset (Debezium's partition per database), and a kill -9 while a
/// writer changes both loses and repeats nothing in either.
#[test]
fn two_databases_in_one_collector() {
    let inv = model(1_000);
    let crm = inv.add_database("crm");
    fill(&crm, 1_000);
    let redis = RedisServer::start();
    let tmp = tempfile::tempdir().unwrap();
    let cfg = config(tmp.path(), &inv, &redis);
    let text = std::fs::read_to_string(&cfg)
        .unwrap()
        .replace("database_names: [inv]", "database_names: [inv, crm]");
    std::fs::write(&cfg, text).unwrap();
    let field = |db: &str| format!(r#"["redis",{{"server":"dbserver1","database":"{db}"}}]"#);
    let stored = |db: &str| -> Option<serde_json::Value> {
        let v: Option<String> = redis::cmd("HGET")
            .arg(matrix::OFFSETS)
            .arg(field(db))
            .query(&mut redis.conn())
            .ok()?;
        serde_json::from_str(&v?).ok()
    };
    let done = |db: &str| stored(db).is_some_and(|o| o.get("snapshot").is_none());
    let mut rng = Lcg(matrix::seed("two databases"));
    let (mut next_inv, mut next_crm) = (100_001, 100_001);
    let c = Collector::start(&cfg, &[]);
    wait_for(60, "both snapshots", || {
        (done("inv") && done("crm")).then_some(())
    });
    for _ in 0..10 {
        write(&inv, &mut rng, &mut next_inv);
        write(&crm, &mut rng, &mut next_crm);
    }
    std::thread::sleep(Duration::from_millis(150));
    c.kill9();
    for _ in 0..10 {
        write(&inv, &mut rng, &mut next_inv);
        write(&crm, &mut rng, &mut next_crm);
    }
    let c = Collector::start(&cfg, &[]);
    for (m, db) in [(&inv, "inv"), (&crm, "crm")] {
        let want = versions(m);
        let stream = format!("dbserver1.{db}.dbo.ev");
        let equal = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            wait_for(60, "the stream to equal the model", || {
                (replay_of(&redis, &stream) == want).then_some(())
            })
        }));
        assert!(equal.is_ok(), "{db}:\n{}", c.log_text());
        assert_eq!(
            matrix::check_histories(&matrix::changes(&redis, &stream)),
            want,
            "{db}: every history exact"
        );
    }
    assert_eq!(c.terminate(), Some(0));
    assert!(stored("inv").is_some() && stored("crm").is_some());
}

/// `geometry`, `geography` and `hierarchyid` (CLR types) are emitted as Debezium emits them: the
/// bytes of their serialized form (the JDBC driver reports them as VARBINARY), following
/// `binary.handling.mode` — read cast to `varbinary(max)` (the model refuses them otherwise), in
/// the snapshot and in the stream.
#[test]
fn clr_types_are_their_serialized_bytes() {
    let m = SqlServerModel::start("inv");
    let col = |n: &str, t: &str| Column {
        name: n.into(),
        ty: t.into(),
        nullable: n != "id",
    };
    m.create_table(
        "dbo",
        "ev",
        &[
            col("id", "bigint"),
            col("shape", "geometry"),
            col("place", "geography"),
            col("node", "hierarchyid"),
        ],
        "id",
    );
    m.enable_cdc("ev");
    // POINT(1 2) SRID 0 and the hierarchyid /1/ as SQL Server serializes them
    let point = vec![
        0, 0, 0, 0, 1, 12, 0, 0, 0, 0, 0, 0, 240, 63, 0, 0, 0, 0, 0, 0, 0, 64,
    ];
    let node = vec![0x58];
    let r = |id: i64, shape: &[u8]| {
        vec![
            Cell::Int(id),
            Cell::Bytes(shape.to_vec()),
            Cell::Null,
            Cell::Bytes(node.clone()),
        ]
    };
    m.transaction(&[Change::Insert("ev".into(), r(1, &point))]);
    let redis = RedisServer::start();
    let tmp = tempfile::tempdir().unwrap();
    let cfg = config(tmp.path(), &m, &redis);
    let text = std::fs::read_to_string(&cfg).unwrap().replace(
        "  topic_prefix:",
        "  binary_handling_mode: hex\n  include_schema_changes: false\n  topic_prefix:",
    );
    std::fs::write(&cfg, text).unwrap();
    let c = Collector::start(&cfg, &[]);
    let got = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        wait_for(60, "the snapshot", || snapshot_done(&redis).then_some(()));
        m.transaction(&[Change::Insert("ev".into(), r(2, &point[..4]))]);
        wait_for(60, "the insert", || {
            let v = matrix::values(&redis, STREAM);
            (v.len() == 2).then_some(v)
        })
    }));
    let Ok(values) = got else {
        panic!("{}", c.log_text())
    };
    assert_eq!(c.terminate(), Some(0));
    let hex = |b: &[u8]| b.iter().map(|x| format!("{x:02x}")).collect::<String>();
    for (v, (op, shape)) in values
        .iter()
        .zip([("r", hex(&point)), ("c", hex(&point[..4]))])
    {
        let p = if v.get("payload").is_some() {
            &v["payload"]
        } else {
            v
        };
        assert_eq!(p["op"], op, "{v}");
        assert_eq!(p["after"]["shape"], shape.as_str(), "{v}");
        assert_eq!(p["after"]["node"], "58", "{v}");
        assert!(p["after"]["place"].is_null(), "{v}");
    }
    // include.schema.changes off: the history still has its CREATE, no event went out
    assert!(matrix::values(&redis, "dbserver1").is_empty());
    let history: usize = redis::cmd("XLEN")
        .arg("metadata:debezium:schema_history")
        .query(&mut redis.conn())
        .unwrap();
    assert_eq!(history, 1);
}

/// Tables the snapshot cannot page by an integer key — a `uniqueidentifier` primary key, no
/// primary key at all — are read whole, as Debezium reads them; killed in the middle of the
/// snapshot they are read again from their start (their `r` events repeat, the engine's rule for
/// such tables), the streamed changes are filtered exactly, and the stream equals the tables.
#[test]
fn tables_without_an_integer_key() {
    let m = SqlServerModel::start("inv");
    let col = |n: &str, t: &str| Column {
        name: n.into(),
        ty: t.into(),
        nullable: false,
    };
    let guid = |id: i64| format!("6F9619FF-8B86-D011-B42D-{id:012X}");
    m.create_table_with_primary_key(
        "dbo",
        "ev",
        &[
            col("id", "bigint"),
            col("version", "int"),
            col("code", "uniqueidentifier"),
        ],
        "id",
        Some("code"),
    );
    m.create_table_with_primary_key(
        "dbo",
        "logs",
        &[col("id", "bigint"), col("version", "int")],
        "id",
        None,
    );
    m.enable_cdc("ev");
    m.enable_cdc("logs");
    let ev = |id: i64, v: i64| vec![Cell::Int(id), Cell::Int(v), Cell::Text(guid(id))];
    let log = |id: i64, v: i64| vec![Cell::Int(id), Cell::Int(v)];
    for chunk in (1..=600i64).collect::<Vec<_>>().chunks(200) {
        let mut tx = Vec::new();
        for &i in chunk {
            tx.push(Change::Insert("ev".into(), ev(i, 0)));
            tx.push(Change::Insert("logs".into(), log(i, 0)));
        }
        m.transaction(&tx);
    }
    let redis = RedisServer::start();
    let tmp = tempfile::tempdir().unwrap();
    let cfg = config_in(tmp.path(), &m, &redis, "snapshot", 100);
    let mut rng = Lcg(matrix::seed("no integer key"));
    let mut write = |m: &SqlServerModel| {
        let id = 1 + rng.next(600) as i64;
        let v = match m.rows("ev").get(&id).map(|r| r[1].clone()) {
            Some(Cell::Int(v)) => v,
            _ => return,
        };
        m.transaction(&[
            Change::Update("ev".into(), ev(id, v + 1)),
            Change::Update("logs".into(), log(id, v + 1)),
        ]);
    };
    let c = Collector::start(&cfg, &[("REDCDC_FAILPOINT", "after_snapshot_chunk:9")]);
    for _ in 0..20 {
        write(&m);
    }
    let (_, text) = c.wait_exit(60);
    assert!(text.contains("failpoint"), "{text}");
    assert!(!snapshot_done(&redis));
    for _ in 0..20 {
        write(&m);
    }
    let c = Collector::start(&cfg, &[]);
    let equal = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        wait_for(60, "the snapshot", || snapshot_done(&redis).then_some(()));
        for _ in 0..20 {
            write(&m);
        }
        for t in ["ev", "logs"] {
            let want: BTreeMap<i64, i64> = m
                .rows(t)
                .into_iter()
                .map(|(k, r)| match r[1] {
                    Cell::Int(v) => (k, v),
                    _ => unreachable!(),
                })
                .collect();
            let stream = format!("dbserver1.inv.dbo.{t}");
            wait_for(60, "the stream to equal the model", || {
                (replay_of(&redis, &stream) == want).then_some(())
            });
        }
    }));
    assert!(equal.is_ok(), "{}", c.log_text());
    assert_eq!(c.terminate(), Some(0));
    // the key is the uniqueidentifier; the keyless table's events have none
    let entries = db_matrix::streams::read(&mut redis.conn(), "dbserver1.inv.dbo.ev");
    let key: serde_json::Value = serde_json::from_str(&entries[0].1[0].0).unwrap();
    assert!(
        key["payload"]["code"]
            .as_str()
            .is_some_and(|c| c.starts_with("6F9619FF")),
        "{key}"
    );
    // `ev` was done before the kill (read once); `logs` was cut and read again from its start
    let reads = |t: &str| {
        matrix::changes(&redis, &format!("dbserver1.inv.dbo.{t}"))
            .iter()
            .filter(|c| c.op == "r")
            .count()
    };
    assert_eq!(reads("ev"), 600);
    assert!(reads("logs") > 600, "logs: {} r events", reads("logs"));
}

/// `snapshot.mode=recovery`: with a stored offset the collector continues streaming from it (no
/// `r` event again); with none it starts at the current position without a data snapshot.
#[test]
fn recovery_mode_streams_without_a_data_snapshot() {
    let m = model(50);
    let redis = RedisServer::start();
    let tmp = tempfile::tempdir().unwrap();
    let cfg = config(tmp.path(), &m, &redis);
    let reads = |r: &RedisServer| {
        matrix::changes(r, STREAM)
            .iter()
            .filter(|c| c.op == "r")
            .count()
    };
    let c = Collector::start(&cfg, &[]);
    wait_for(60, "the snapshot", || snapshot_done(&redis).then_some(()));
    assert_eq!(c.terminate(), Some(0));
    let text = std::fs::read_to_string(&cfg).unwrap().replace(
        "  topic_prefix:",
        "  snapshot_mode: recovery\n  topic_prefix:",
    );
    std::fs::write(&cfg, &text).unwrap();
    m.transaction(&[Change::Update("ev".into(), row(2, 1))]);
    let c = Collector::start(&cfg, &[]);
    wait_for(30, "the update", || {
        (replay(&redis).get(&2) == Some(&1)).then_some(())
    });
    assert_eq!(c.terminate(), Some(0));
    assert_eq!(reads(&redis), 50, "no second snapshot");
    // a fresh Redis: no data snapshot, streaming from now
    let fresh = RedisServer::start();
    let cfg2 = tmp.path().join("fresh.yaml");
    std::fs::write(
        &cfg2,
        text.replace(
            &format!("127.0.0.1:{}", redis.port),
            &format!("127.0.0.1:{}", fresh.port),
        ),
    )
    .unwrap();
    let c = Collector::start(&cfg2, &[]);
    wait_for(30, "an offset", || offset(&fresh).map(|_| ()));
    m.transaction(&[Change::Update("ev".into(), row(4, 1))]);
    let seen = std::panic::catch_unwind(|| {
        wait_for(30, "the update", || {
            (matrix::changes(&fresh, STREAM).len() == 1).then_some(())
        })
    });
    assert!(seen.is_ok(), "{}", c.log_text());
    assert_eq!(c.terminate(), Some(0));
    assert_eq!(reads(&fresh), 0);
    // the schema history: the snapshot's CREATE, then recovery records the table again; the
    // start without data records it once
    let creates = |r: &RedisServer| -> usize {
        redis::cmd("XLEN")
            .arg("metadata:debezium:schema_history")
            .query(&mut r.conn())
            .unwrap()
    };
    assert_eq!(creates(&redis), 2);
    assert_eq!(creates(&fresh), 1);
}

/// A schema change as SQL Server users make it: `ALTER TABLE … ADD`, a second capture instance
/// capturing the new column, later the old instance dropped. Streaming reads the old instance
/// (without the new column) up to the new one's start LSN and the new one (with it) from there —
/// each change once — notices the new instance while running, and carries on after the old one
/// is dropped and across a restart.
#[test]
fn capture_instance_switch() {
    let m = model(20);
    let redis = RedisServer::start();
    let tmp = tempfile::tempdir().unwrap();
    let cfg = config(tmp.path(), &m, &redis);
    let c = Collector::start(&cfg, &[]);
    let run = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        wait_for(60, "the snapshot", || snapshot_done(&redis).then_some(()));
        let with = |id: i64, v: i64, extra: i64| {
            let mut r = row(id, v);
            r.push(Cell::Int(extra));
            r
        };
        m.transaction(&[Change::Update("ev".into(), row(2, 1))]);
        m.add_column(
            "ev",
            Column {
                name: "extra".into(),
                ty: "int".into(),
                nullable: true,
            },
        );
        m.transaction(&[Change::Update("ev".into(), with(4, 1, 7))]);
        m.enable_cdc_instance("ev", "dbo_ev_v2");
        m.transaction(&[Change::Update("ev".into(), with(6, 1, 8))]);
        wait_for(60, "three updates", || {
            (matrix::changes(&redis, STREAM).len() == 23).then_some(())
        });
        m.disable_cdc_instance("ev", "dbo_ev");
        m.transaction(&[Change::Update("ev".into(), with(8, 1, 9))]);
        wait_for(60, "the fourth update", || {
            (matrix::changes(&redis, STREAM).len() == 24).then_some(())
        });
    }));
    assert!(run.is_ok(), "{}", c.log_text());
    // a table that gets CDC while streaming: a CREATE, then its changes
    m.create_table(
        "dbo",
        "late",
        &[Column {
            name: "id".into(),
            ty: "bigint".into(),
            nullable: false,
        }],
        "id",
    );
    m.enable_cdc("late");
    m.transaction(&[Change::Insert("late".into(), vec![Cell::Int(1)])]);
    let late = std::panic::catch_unwind(|| {
        wait_for(60, "the late table's insert", || {
            (matrix::values(&redis, "dbserver1.inv.dbo.late").len() == 1).then_some(())
        })
    });
    assert!(late.is_ok(), "{}", c.log_text());
    assert_eq!(c.terminate(), Some(0));
    m.transaction(&[Change::Update("ev".into(), {
        let mut r = row(10, 1);
        r.push(Cell::Int(10));
        r
    })]);
    let c = Collector::start(&cfg, &[]);
    let seen = std::panic::catch_unwind(|| {
        wait_for(60, "the update after the restart", || {
            (matrix::changes(&redis, STREAM).len() == 25).then_some(())
        })
    });
    assert!(seen.is_ok(), "{}", c.log_text());
    assert_eq!(c.terminate(), Some(0));
    let state = matrix::check_histories(&matrix::changes(&redis, STREAM));
    assert_eq!(state, versions(&m), "every change once");
    let extra: BTreeMap<i64, Option<i64>> = matrix::values(&redis, STREAM)
        .iter()
        .map(|v| v.get("payload").unwrap_or(v).clone())
        .filter(|p| p["op"] == "u")
        .map(|p| {
            let a = &p["after"];
            (
                a["id"].as_i64().unwrap(),
                a.get("extra").map(|e| e.as_i64().unwrap()),
            )
        })
        .collect();
    assert_eq!(
        extra,
        BTreeMap::from([
            (2, None),
            (4, None),
            (6, Some(8)),
            (8, Some(9)),
            (10, Some(10))
        ]),
        "the old instance has no `extra`, the new one has"
    );
    // the schema history: the snapshot's CREATE, the switch's ALTER (once, across the restart)
    let history: Vec<serde_json::Value> =
        db_matrix::streams::read(&mut redis.conn(), "metadata:debezium:schema_history")
            .iter()
            .map(|(_, f)| {
                assert_eq!(f[0].0, "schema");
                serde_json::from_str(&f[0].1).unwrap()
            })
            .collect();
    let kinds: Vec<&str> = history
        .iter()
        .map(|r| r["tableChanges"][0]["type"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["CREATE", "ALTER", "CREATE"], "{history:?}");
    assert_eq!(
        history[2]["tableChanges"][0]["id"],
        "\"inv\".\"dbo\".\"late\""
    );
    let columns = |r: &serde_json::Value| -> Vec<String> {
        r["tableChanges"][0]["table"]["columns"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["name"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(columns(&history[0]), ["id", "version", "pad"]);
    assert_eq!(columns(&history[1]), ["id", "version", "pad", "extra"]);
    let create = &history[0];
    assert_eq!(
        create["source"],
        serde_json::json!({"server": "dbserver1", "database": "inv"})
    );
    assert_eq!(create["tableChanges"][0]["id"], "\"inv\".\"dbo\".\"ev\"");
    assert!(create.get("ddl").is_none(), "a snapshot CREATE has no ddl");
    assert_eq!(create["position"]["snapshot"], "INITIAL");
    assert_eq!(history[1]["ddl"], "N/A");
    assert_eq!(
        create["tableChanges"][0]["table"]["primaryKeyColumnNames"],
        serde_json::json!(["id"])
    );
    let id_col = &create["tableChanges"][0]["table"]["columns"][0];
    assert_eq!(
        (id_col["jdbcType"].as_i64(), id_col["typeName"].as_str()),
        (Some(-5), Some("bigint"))
    );
    // the same two as schema change events on the `<topic.prefix>` stream
    let events = matrix::values(&redis, "dbserver1");
    let types: Vec<&str> = events
        .iter()
        .map(|v| {
            let p = v.get("payload").unwrap_or(v);
            p["tableChanges"][0]["type"].as_str().unwrap()
        })
        .collect();
    assert_eq!(types, ["CREATE", "ALTER", "CREATE"]);
}
