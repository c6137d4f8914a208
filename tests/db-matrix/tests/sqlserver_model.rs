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
    let col = |n: &str, t: &str| Column {
        name: n.into(),
        ty: t.into(),
        nullable: n == "pad",
    };
    m.create_table(
        "dbo",
        "ev",
        &[
            col("id", "bigint"),
            col("version", "int"),
            col("pad", "nvarchar"),
        ],
        "id",
    );
    m.enable_cdc("ev");
    for chunk in (1..=rows).collect::<Vec<_>>().chunks(500) {
        let tx: Vec<Change> = chunk
            .iter()
            .map(|i| Change::Insert("ev".into(), row(i * 2, 0)))
            .collect();
        m.transaction(&tx);
    }
    m
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
    let mut state = BTreeMap::new();
    for c in matrix::changes(redis, STREAM) {
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
    let col = |n: &str, t: &str| Column {
        name: n.into(),
        ty: t.into(),
        nullable: n == "pad",
    };
    m.create_table(
        "dbo",
        "ev",
        &[
            col("id", "bigint"),
            col("version", "int"),
            col("pad", "nvarchar"),
        ],
        "id",
    );
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
