//! The scenario matrix: each scenario is written once against [`SourceDb`] and runs on every
//! source database under the same name (`postgres::<scenario>`, `mariadb::<scenario>`, and
//! `sqlserver_model::<scenario>` for those the SQL Server CDC model can play, and
//! `sqlserver_live::<scenario>` for the same against a real SQL Server when `REDCDC_SQLSERVER`
//! names one, `mysql::<scenario>` on MySQL 8 when `REDCDC_MYSQL` names a running server or
//! `REDCDC_MYSQLD` its `mysqld`, `mariadb_live::<scenario>` on the running MariaDB `REDCDC_MARIADB`
//! names).

use std::collections::BTreeSet;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use db_matrix::collector::Collector;
use db_matrix::matrix::{self, Lcg, SourceDb};
use db_matrix::redis_server::RedisServer;
use db_matrix::wait_for;

/// `on!(module, start, [a, b])`: the scenarios as tests of one database.
macro_rules! on {
    ($db:ident, $start:expr, [$($scenario:ident),* $(,)?]) => {
        mod $db {
            $(#[test]
            fn $scenario() {
                let db = $start;
                super::$scenario(&db);
            })*
        }
    };
}

/// Runs each scenario on every source: `matrix!(a, b)` makes `postgres::a`, `mariadb::a`, and
/// `mariadb_live::a` (on the server `REDCDC_MARIADB` names, when it names one).
macro_rules! matrix {
    ($($scenario:ident),* $(,)?) => {
        on!(postgres, db_matrix::postgres::Postgres::start(), [$($scenario),*]);
        on!(mariadb, db_matrix::mariadb::MariaDb::start(), [$($scenario),*]);
        on_live!(mariadb_live, db_matrix::mariadb::MariaDb::mariadb_from_env(), [$($scenario),*]);
    };
}

// SQL Server, against the CDC **model** (no SQL Server runs here): the scenarios it can play.
// Not here: truncate (SQL Server refuses TRUNCATE on CDC tables), add/drop column
// (capture-instance switch not built), goldens (no Debezium run), parallel and keyless ones.
on!(
    sqlserver_model,
    db_matrix::sqlserver_model::ModelDb::start(),
    [
        kill_mid_snapshot_with_writes,
        restart_with_writes_while_stopped,
        kill_at_each_failpoint,
        kill_at_random_moments,
        pk_update,
        snapshot_mode_always_snapshots_at_every_start,
    ]
);

/// `on_live!(module, start, [a, b])`: the scenarios on a server the user provides; `start`
/// returns None (and says so) when it is not configured.
macro_rules! on_live {
    ($db:ident, $start:expr, [$($scenario:ident),* $(,)?]) => {
        mod $db {
            $(#[test]
            fn $scenario() {
                let Some(db) = $start else { return };
                super::$scenario(&db);
            })*
        }
    };
}

// SQL Server, **live**: the same scenarios against the server in `REDCDC_SQLSERVER` (an ADO
// connection string; each scenario in a database of its own, prepared by
// tests/db-matrix/sql/sqlserver_setup.sql). Not run on the build machine (no SQL Server here).
on_live!(
    sqlserver_live,
    db_matrix::sqlserver_live::LiveSqlServer::from_env(),
    [
        kill_mid_snapshot_with_writes,
        restart_with_writes_while_stopped,
        kill_at_each_failpoint,
        kill_at_random_moments,
        pk_update,
        snapshot_mode_always_snapshots_at_every_start,
    ]
);

// MySQL 8.0 / 8.4: the running server `REDCDC_MYSQL` names (the GitHub workflow's service
// containers), or one the harness starts from `REDCDC_MYSQLD`. No MySQL server can be had on the
// build machine. Not here: the goldens (Debezium's reference output was recorded on MariaDB only).
on_live!(
    mysql,
    db_matrix::mariadb::MariaDb::mysql_from_env(),
    [
        kill_mid_snapshot_with_writes,
        kill_mid_snapshot_with_writes_without_locks,
        restart_with_writes_while_stopped,
        kill_at_each_failpoint,
        kill_at_random_moments,
        pk_update,
        truncate,
        add_and_drop_column,
        message_key_columns,
        parallel_snapshot_killed_with_writes,
        kill_mid_snapshot_with_writes_reading_in_parts,
        snapshot_mode_always_snapshots_at_every_start,
    ]
);

/// The mode the workflow's service containers use (a server the harness did not start, reached by
/// address as an administrator), tried here on a MariaDB this test starts and then treats as
/// someone else's: a scenario runs on it, and the server is left as found.
#[test]
fn mariadb_live_mode_on_a_running_server() {
    use db_matrix::mariadb::{MariaDb, Server};
    let owner = MariaDb::start();
    owner.sql_db("mysql", "DROP DATABASE inventory");
    {
        let db = MariaDb::connect(Server::MariaDb, &format!("root@127.0.0.1:{}", owner.port));
        pk_update(&db);
    }
    assert_eq!(
        owner.sql_db("mysql", "SHOW DATABASES LIKE 'inventory'"),
        "",
        "the scenario's database is dropped afterwards"
    );
}

matrix!(
    ha_standby_takes_over_after_a_kill,
    ha_paused_active_is_fenced_and_steps_down,
    ha_commit_after_a_takeover_is_refused,
    kill_mid_snapshot_with_writes,
    kill_mid_snapshot_with_writes_without_locks,
    restart_with_writes_while_stopped,
    kill_at_each_failpoint,
    kill_at_random_moments,
    pk_update,
    truncate,
    add_and_drop_column,
    message_key_columns,
    columns_and_snapshot_sql,
    parallel_snapshot_killed_with_writes,
    kill_mid_snapshot_with_writes_reading_in_parts,
    snapshot_mode_always_snapshots_at_every_start,
    types_server_profile_matches_debezium,
    types_rdi_profile_matches_debezium,
    fidelity_server_profile_matches_debezium,
    fidelity_rdi_profile_matches_debezium,
    message_key_columns_server_profile_matches_debezium,
    message_key_columns_rdi_profile_matches_debezium,
);

/// Rows in the table before the snapshot: even ids 2..=2*ROWS (odd ids are inserted later, so
/// inserts land all over the key range, also in parts the snapshot has already read).
const ROWS: i64 = 30_000;

/// One writer transaction: five `version + 1` updates of random ids, one delete, two inserts of
/// never-used odd ids (version 0).
fn writer_tx(rng: &mut Lcg, used: &mut BTreeSet<i64>) -> String {
    writer_tx_on("ev", rng, used)
}

/// [`writer_tx`] on `table`.
fn writer_tx_on(table: &str, rng: &mut Lcg, used: &mut BTreeSet<i64>) -> String {
    let mut ids: Vec<String> = Vec::new();
    for _ in 0..5 {
        ids.push((1 + rng.next(2 * ROWS as u64) as i64).to_string());
    }
    let del = 1 + rng.next(2 * ROWS as u64) as i64;
    let mut ins = Vec::new();
    while ins.len() < 2 {
        let odd = 2 * rng.next(ROWS as u64) as i64 + 1;
        if used.insert(odd) {
            ins.push(format!("({odd}, 0, 'w')"));
        }
    }
    format!(
        "BEGIN; UPDATE {table} SET version = version + 1 WHERE id IN ({}); DELETE FROM {table} WHERE id = {del}; \
         INSERT INTO {table} (id, version, pad) VALUES {}; COMMIT;",
        ids.join(", "),
        ins.join(", ")
    )
}

/// A writer updates, deletes and inserts rows across the whole table while the collector is
/// SIGKILLed three times during the snapshot and twice while streaming. Afterwards every row's
/// history is exact (its `r` or `c`, then each version once, in order, then its delete) and the
/// replayed stream equals the table.
fn kill_mid_snapshot_with_writes(db: &dyn SourceDb) {
    kill_mid_snapshot_with_writes_using(db, "");
}

/// [`kill_mid_snapshot_with_writes`] with the snapshot taking no locks where the source has that
/// option (MySQL/MariaDB `snapshot_locking_mode: none`: each view's position must still be exact).
fn kill_mid_snapshot_with_writes_without_locks(db: &dyn SourceDb) {
    kill_mid_snapshot_with_writes_using(db, db.no_snapshot_locks());
}

/// [`kill_mid_snapshot_with_writes`] with the one table read in three parts at once
/// (`snapshot_max_threads: 3`): each part resumes after its own last committed key.
fn kill_mid_snapshot_with_writes_reading_in_parts(db: &dyn SourceDb) {
    kill_mid_snapshot_with_writes_using(db, "  snapshot_max_threads: 3\n");
}

fn kill_mid_snapshot_with_writes_using(db: &dyn SourceDb, extra: &str) {
    let (redis, tmp, cfg) = setup_with(db, ROWS, extra);
    let _keep = &tmp;
    let stream = db.stream("ev");
    let seed = matrix::seed(&format!("{} kill_mid_snapshot_with_writes", db.name()));
    let stop = AtomicBool::new(false);
    let xlen = |r: &RedisServer| -> usize {
        redis::cmd("XLEN")
            .arg(&stream)
            .query(&mut r.conn())
            .unwrap_or(0)
    };
    std::thread::scope(|s| {
        // the writer stops when this scope ends, also when an assertion fails in it
        let _stop = StopOnDrop(&stop);
        let writer = s.spawn(|| {
            let mut rng = Lcg(seed);
            let mut used = BTreeSet::new();
            let mut n = 0u64;
            while !stop.load(Ordering::Relaxed) {
                db.sql(&writer_tx(&mut rng, &mut used));
                n += 1;
            }
            n
        });
        let mut rng = Lcg(seed ^ 0x5eed);
        let mut mid_snapshot_kills = 0;
        for round in 0..3 {
            let before = xlen(&redis);
            let c = Collector::start(&cfg, &[]);
            let step = (ROWS as usize / 10) + rng.next(ROWS as u64 / 10) as usize;
            wait_for(120, "snapshot progress", || {
                (xlen(&redis) > before + step || snapshot_done(db, &redis)).then_some(())
            });
            if !snapshot_done(db, &redis) {
                mid_snapshot_kills += 1;
            }
            if round == 0 && extra.contains("snapshot_max_threads") {
                let log = c.log_text();
                assert!(
                    log.contains("table read in parts"),
                    "the table must be read in parts; log:\n{log}"
                );
            }
            eprintln!(
                "kill -9 during the snapshot, round {round}: {} entries",
                xlen(&redis)
            );
            c.kill9();
        }
        assert!(
            mid_snapshot_kills >= 2,
            "the snapshot finished too fast to be interrupted ({mid_snapshot_kills} kills mid-snapshot)"
        );
        let c = Collector::start(&cfg, &[]);
        wait_logged(&c, 180, "the snapshot to complete", || {
            snapshot_done(db, &redis).then_some(())
        });
        c.kill9();
        for _ in 0..2 {
            let c = Collector::start(&cfg, &[]);
            std::thread::sleep(Duration::from_millis(300 + rng.next(900)));
            c.kill9();
        }
        stop.store(true, Ordering::Relaxed);
        let txs = writer.join().unwrap();
        eprintln!("writer committed {txs} transactions");
        assert!(txs > 20, "the writer must have run during the crashes");
    });
    catch_up_and_check(db, &redis, &cfg);
}

/// The table `ev` with `rows` rows (even ids), Redis, and a collector config capturing it.
fn setup(db: &dyn SourceDb, rows: i64) -> (RedisServer, tempfile::TempDir, std::path::PathBuf) {
    setup_with(db, rows, "")
}

/// The table `ev`: a primary key `id`, a `version` the writers count up.
const EV: &str = "CREATE TABLE ev (id BIGINT PRIMARY KEY, version INT NOT NULL, pad VARCHAR(200))";

/// [`setup`] with extra `source:` lines.
fn setup_with(
    db: &dyn SourceDb,
    rows: i64,
    extra: &str,
) -> (RedisServer, tempfile::TempDir, std::path::PathBuf) {
    setup_table(db, EV, rows, extra)
}

/// [`setup_with`] for a table created by `create` (columns `id`, `version`, `pad` at least).
fn setup_table(
    db: &dyn SourceDb,
    create: &str,
    rows: i64,
    extra: &str,
) -> (RedisServer, tempfile::TempDir, std::path::PathBuf) {
    let redis = RedisServer::start();
    let tmp = tempfile::tempdir().unwrap();
    db.sql(create);
    let ac = db.after_create("ev");
    if !ac.is_empty() {
        db.sql(&ac);
    }
    db.sql(&db.insert_series(
        "ev",
        "id, version, pad",
        "$g * 2, 0, REPEAT('x', 150)",
        1,
        rows,
    ));
    let cfg = tmp.path().join("c.yaml");
    // a restart after kill -9 waits until the killed instance's HA lease lapses: with the
    // default lease (10 s) each of the many restarts here would wait up to 10 s for nothing
    std::fs::write(
        &cfg,
        format!(
            "{}lease_ms: {CRASH_LEASE_MS}\n",
            matrix::config(
                db,
                &redis,
                &["ev"],
                &format!("  snapshot_fetch_size: 500\n{extra}"),
            )
        ),
    )
    .unwrap();
    (redis, tmp, cfg)
}

/// Runs a collector until the stream equals the table, stops it with SIGTERM (exit 0), then
/// checks every row's history and the replayed state.
fn catch_up_and_check(db: &dyn SourceDb, redis: &RedisServer, cfg: &std::path::Path) {
    catch_up_and_check_tables(db, redis, cfg, &["ev"]);
}

/// [`catch_up_and_check`] for each of `tables`.
fn catch_up_and_check_tables(
    db: &dyn SourceDb,
    redis: &RedisServer,
    cfg: &std::path::Path,
    tables: &[&str],
) {
    let c = Collector::start(cfg, &[]);
    let want: Vec<_> = tables
        .iter()
        .map(|t| matrix::table_versions(db, t))
        .collect();
    let streams: Vec<String> = tables.iter().map(|t| db.stream(t)).collect();
    let caught_up = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        wait_logged(
            &c,
            180,
            "the streams to catch up with the tables",
            replays_to(redis, streams.clone(), want.clone()),
        )
    }));
    if let Err(e) = caught_up {
        // name the rows that differ, with their events in the stream
        for (s, w) in streams.iter().zip(&want) {
            let changes = matrix::changes(redis, s);
            let got = replay(&changes);
            let ids: BTreeSet<i64> = got.keys().chain(w.keys()).copied().collect();
            for id in ids
                .into_iter()
                .filter(|id| got.get(id) != w.get(id))
                .take(10)
            {
                let events: Vec<_> = changes.iter().filter(|c| c.id == id).collect();
                eprintln!(
                    "{s}: id {id}: table {:?}, stream {:?}; events {events:?}",
                    w.get(&id),
                    got.get(&id)
                );
            }
        }
        // the snapshot state the catch-up filters by
        let state: Vec<(String, String)> = redis::cmd("HGETALL")
            .arg(format!("metadata:redcdc:snapshot:{}", matrix::PREFIX))
            .query(&mut redis.conn())
            .unwrap_or_default();
        for (k, v) in state {
            eprintln!("snapshot state {k}: {v}");
        }
        // where the final run stands: its stored offset, its published status, the server's
        // sessions (a binlog dump that never sends, a lock)
        eprintln!("offset now: {:?}", matrix::offset(db, redis));
        let status: Vec<(String, String)> = redis::cmd("HGETALL")
            .arg("metadata:redcdc:status:collector")
            .query(&mut redis.conn())
            .unwrap_or_default();
        for (k, v) in status {
            eprintln!("collector status {k}: {v}");
        }
        if db.name() != "postgres" {
            eprintln!("sessions:\n{}", db.sql("SHOW FULL PROCESSLIST"));
        } else {
            eprintln!(
                "sessions:\n{}",
                db.sql("SELECT pid, state, wait_event, left(query, 80) FROM pg_stat_activity")
            );
        }
        // and what every earlier run of the collector logged about its snapshot and position
        let mut logs: Vec<_> = std::fs::read_dir(cfg.parent().unwrap())
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().contains("log."))
            .map(|e| e.path())
            .collect();
        logs.sort();
        for l in logs {
            eprintln!("--- {}", l.display());
            for line in std::fs::read_to_string(&l).unwrap_or_default().lines() {
                if !line.contains("progress") {
                    eprintln!("  {line}");
                }
            }
        }
        std::panic::resume_unwind(e);
    }
    std::thread::sleep(Duration::from_millis(500));
    assert_eq!(c.terminate(), Some(0), "SIGTERM must exit 0");
    for (t, want) in tables.iter().zip(want) {
        let state = matrix::check_histories(&matrix::changes(redis, &db.stream(t)));
        assert_eq!(
            state.len(),
            want.len(),
            "{t}: rows in the stream vs the table"
        );
        assert_eq!(
            state, want,
            "{t}: the replayed stream differs from the table"
        );
    }
}

/// `n` writer transactions (see [`writer_tx`]).
fn write_some(db: &dyn SourceDb, rng: &mut Lcg, used: &mut BTreeSet<i64>, n: usize) {
    for _ in 0..n {
        db.sql(&writer_tx(rng, used));
    }
}

/// A clean stop (SIGTERM, exit 0) and restart: changes made while streaming and while stopped
/// all arrive once, and the restart does not snapshot again.
fn restart_with_writes_while_stopped(db: &dyn SourceDb) {
    let (redis, _tmp, cfg) = setup(db, 2_000);
    let mut rng = Lcg(matrix::seed(&format!("{} restart", db.name())));
    let mut used = BTreeSet::new();
    let c = start_and_snapshot(db, &redis, &cfg);
    write_some(db, &mut rng, &mut used, 20);
    std::thread::sleep(Duration::from_millis(500));
    assert_eq!(c.terminate(), Some(0), "SIGTERM must exit 0");
    write_some(db, &mut rng, &mut used, 20);
    catch_up_and_check(db, &redis, &cfg);
    let logs: String = std::fs::read_dir(cfg.parent().unwrap())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().contains("log."))
        .map(|e| std::fs::read_to_string(e.path()).unwrap_or_default())
        .collect();
    assert_eq!(
        logs.matches("snapshot completed").count(),
        1,
        "exactly one snapshot across the restart"
    );
}

/// kill -9 at each crash window — a snapshot chunk queued, entries queued in the Redis
/// transaction before EXEC, a batch built before its commit — first while the snapshot runs
/// (each crash leaves it unfinished), then while streaming, with a writer changing rows; each
/// crash is followed by a restart, and at the end every row's history is exact.
fn kill_at_each_failpoint(db: &dyn SourceDb) {
    let (redis, _tmp, cfg) = setup(db, 6_000);
    let mut rng = Lcg(matrix::seed(&format!("{} failpoints", db.name())));
    let mut used = BTreeSet::new();
    let crash = |point: &str, rng: &mut Lcg, used: &mut BTreeSet<i64>, writes: usize| {
        let c = Collector::start(&cfg, &[("REDCDC_FAILPOINT", point)]);
        write_some(db, rng, used, writes);
        let (code, log) = c.wait_exit(60);
        assert!(
            log.contains("failpoint"),
            "{point}: failpoint not reached (exit {code:?}); log:\n{log}"
        );
        assert_ne!(
            code,
            Some(0),
            "{point}: the failpoint must kill the collector"
        );
    };
    for point in [
        "after_snapshot_chunk:3",
        "after_xadd:4",
        "before_offset_commit:3",
        "after_snapshot_chunk:2",
    ] {
        crash(point, &mut rng, &mut used, 3);
        assert!(
            !snapshot_done(db, &redis),
            "{point}: the crash must leave the snapshot unfinished"
        );
    }
    let c = start_and_snapshot(db, &redis, &cfg);
    assert_eq!(c.terminate(), Some(0));
    // the first commit of each run: a streaming run may batch all the writes into one commit
    for point in ["after_xadd:1", "before_offset_commit:1", "after_xadd:1"] {
        crash(point, &mut rng, &mut used, 10);
        assert!(
            snapshot_done(db, &redis),
            "{point}: streaming, not snapshotting"
        );
    }
    write_some(db, &mut rng, &mut used, 10);
    catch_up_and_check(db, &redis, &cfg);
}

/// A second config for `ev` in `tmp` with `extra` source lines.
fn config_with(
    db: &dyn SourceDb,
    redis: &RedisServer,
    tmp: &tempfile::TempDir,
    extra: &str,
) -> std::path::PathBuf {
    let cfg = tmp.path().join("extra.yaml");
    std::fs::write(&cfg, matrix::config(db, redis, &["ev"], extra)).unwrap();
    cfg
}

/// Starts a collector and waits until its snapshot is complete.
fn start_and_snapshot(db: &dyn SourceDb, redis: &RedisServer, cfg: &std::path::Path) -> Collector {
    let c = Collector::start(cfg, &[]);
    wait_logged(&c, 120, "the snapshot to complete", || {
        snapshot_done(db, redis).then_some(())
    });
    c
}

/// The HA lease the HA scenarios run with (ms).
const LEASE_MS: u64 = 1500;

/// The HA lease of the other scenarios (ms): a restart after a kill waits at most this long.
const CRASH_LEASE_MS: u64 = 2000;

/// [`setup`] with the HA lease at [`LEASE_MS`].
fn setup_ha(db: &dyn SourceDb) -> (RedisServer, tempfile::TempDir, std::path::PathBuf) {
    let (redis, tmp, cfg) = setup(db, 2_000);
    let text = std::fs::read_to_string(&cfg).unwrap().replace(
        &format!("lease_ms: {CRASH_LEASE_MS}\n"),
        &format!("lease_ms: {LEASE_MS}\n"),
    );
    std::fs::write(&cfg, text).unwrap();
    (redis, tmp, cfg)
}

/// Waits until `c` logs `line`; returns how long it took.
fn wait_log(c: &Collector, secs: u64, line: &str) -> Duration {
    let t = std::time::Instant::now();
    wait_logged(c, secs, line, || c.log_text().contains(line).then_some(()));
    t.elapsed()
}

/// A collector that snapshots and holds the lease, and a second one with the same
/// configuration that stands by by itself.
fn active_and_standby(
    db: &dyn SourceDb,
    redis: &RedisServer,
    cfg: &std::path::Path,
) -> (Collector, Collector) {
    let a = start_and_snapshot(db, redis, cfg);
    wait_log(&a, 30, "holding the lease");
    let b = Collector::start(cfg, &[]);
    wait_log(&b, 30, "standing by");
    (a, b)
}

/// The stream replays to the table (after the writer stopped), through `c`.
fn caught_up(db: &dyn SourceDb, redis: &RedisServer, c: &Collector) {
    let want = matrix::table_versions(db, "ev");
    wait_logged(
        c,
        120,
        "the stream to catch up with the table",
        replays_to(redis, vec![db.stream("ev")], vec![want]),
    );
}

/// Two collectors with the same configuration: the second stands by by itself; the active one
/// is killed (SIGKILL) while a writer runs; the standby takes over within the lease time and
/// continues from the stored offset — nothing lost or repeated.
fn ha_standby_takes_over_after_a_kill(db: &dyn SourceDb) {
    let (redis, _tmp, cfg) = setup_ha(db);
    let mut rng = Lcg(matrix::seed(&format!("{} ha kill", db.name())));
    let mut used = BTreeSet::new();
    let (a, b) = active_and_standby(db, &redis, &cfg);
    write_some(db, &mut rng, &mut used, 10);
    a.kill9();
    let killed = std::time::Instant::now();
    write_some(db, &mut rng, &mut used, 10);
    wait_log(&b, 30, "holding the lease");
    let took = killed.elapsed();
    // the lease lapses at most LEASE_MS after the last renewal; the standby looks every third
    assert!(
        took <= Duration::from_millis(LEASE_MS + LEASE_MS / 3 + 1000),
        "took over after {took:?} (lease {LEASE_MS} ms)"
    );
    write_some(db, &mut rng, &mut used, 10);
    caught_up(db, &redis, &b);
    assert_eq!(b.terminate(), Some(0));
    catch_up_and_check(db, &redis, &cfg);
}

/// The active collector is paused (SIGSTOP) past its lease while a writer runs: the standby takes
/// over (ending the paused one's hold on the source, e.g. its Postgres walsender) and streams;
/// then the paused one resumes (SIGCONT): its next commit is refused, it steps down and stands
/// by — not one entry of it lands. Nothing lost or repeated.
fn ha_paused_active_is_fenced_and_steps_down(db: &dyn SourceDb) {
    let (redis, _tmp, cfg) = setup_ha(db);
    let mut rng = Lcg(matrix::seed(&format!("{} ha pause", db.name())));
    let mut used = BTreeSet::new();
    let (a, b) = active_and_standby(db, &redis, &cfg);
    write_some(db, &mut rng, &mut used, 5);
    a.signal("STOP");
    let stopped = std::time::Instant::now();
    // changes the paused one may have read but not committed
    write_some(db, &mut rng, &mut used, 10);
    wait_log(&b, 30, "holding the lease");
    write_some(db, &mut rng, &mut used, 10);
    caught_up(db, &redis, &b);
    // taken over within the lease time, not the database's timeouts: on Postgres the paused
    // one's walsender holds the slot until wal_sender_timeout (60 s here, the default) unless
    // the new holder ends it
    let took = stopped.elapsed();
    if db.name() == "postgres" {
        assert_eq!(db.sql("SHOW wal_sender_timeout").trim(), "1min");
        assert!(
            b.log_text()
                .contains("ended the walsender of an instance that lost the lease"),
            "the new holder did not end the paused one's walsender:\n{}",
            b.log_text()
        );
    }
    assert!(
        took < Duration::from_secs(30),
        "the standby streamed everything {took:?} after the pause (lease {LEASE_MS} ms)"
    );
    a.signal("CONT");
    wait_logged(&a, 30, "the resumed instance to step down", || {
        a.log_text().contains("stepping down").then_some(())
    });
    write_some(db, &mut rng, &mut used, 10);
    caught_up(db, &redis, &b);
    assert!(
        a.log_text().matches("holding the lease").count() == 1,
        "the resumed instance took the lease back while the other held it:\n{}",
        a.log_text()
    );
    assert_eq!(b.terminate(), Some(0));
    // the stepped-down one is the standby now: it takes over once the lease is released
    wait_logged(&a, 30, "the old instance to take over again", || {
        (a.log_text().matches("holding the lease").count() == 2).then_some(())
    });
    write_some(db, &mut rng, &mut used, 5);
    caught_up(db, &redis, &a);
    assert_eq!(a.terminate(), Some(0));
    catch_up_and_check(db, &redis, &cfg);
}

/// The active collector stops itself with a batch built and not yet committed (a failpoint
/// that sends it SIGSTOP); the standby takes over and streams; on SIGCONT the old one's commit
/// of that batch is refused by the fence, and it steps down. Nothing lost or repeated.
fn ha_commit_after_a_takeover_is_refused(db: &dyn SourceDb) {
    let (redis, _tmp, cfg) = setup_ha(db);
    let mut rng = Lcg(matrix::seed(&format!("{} ha fenced commit", db.name())));
    let mut used = BTreeSet::new();
    // the snapshot first, so the failpoint's first hit is a streaming batch
    let first = start_and_snapshot(db, &redis, &cfg);
    assert_eq!(first.terminate(), Some(0));
    let a = Collector::start(&cfg, &[("REDCDC_FAILPOINT", "before_offset_commit:1:stop")]);
    wait_log(&a, 30, "holding the lease");
    let b = Collector::start(&cfg, &[]);
    wait_log(&b, 30, "standing by");
    write_some(db, &mut rng, &mut used, 3);
    wait_log(&a, 30, "failpoint before_offset_commit reached: stopping");
    write_some(db, &mut rng, &mut used, 10);
    wait_log(&b, 30, "holding the lease");
    caught_up(db, &redis, &b);
    a.signal("CONT");
    // the resumed instance steps down: its commit of the held batch is refused by the fence
    // (on MariaDB the server has dropped its binlog connection for the new holder's; the batches
    // already queued are still committed before the run ends, and so refused) — none of the
    // batch lands (the exact history check below)
    wait_logged(&a, 30, "the old instance to step down", || {
        let log = a.log_text();
        (log.contains("stepping down") && log.contains("commit refused")).then_some(())
    });
    write_some(db, &mut rng, &mut used, 10);
    caught_up(db, &redis, &b);
    assert_eq!(b.terminate(), Some(0));
    assert_eq!(a.terminate(), Some(0));
    catch_up_and_check(db, &redis, &cfg);
}

/// Sets the flag when dropped.
struct StopOnDrop<'a>(&'a AtomicBool);

impl Drop for StopOnDrop<'_> {
    fn drop(&mut self) {
        self.0.store(true, Ordering::Relaxed);
    }
}

/// [`wait_for`], printing the collector's log when it times out.
fn wait_logged<T>(c: &Collector, secs: u64, what: &str, f: impl FnMut() -> Option<T>) -> T {
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| wait_for(secs, what, f))) {
        Ok(v) => v,
        Err(e) => {
            let log = c.log_text();
            let tail: Vec<&str> = log.lines().rev().take(40).collect();
            eprintln!("collector log (last lines):");
            for l in tail.iter().rev() {
                eprintln!("  {l}");
            }
            std::panic::resume_unwind(e)
        }
    }
}

fn snapshot_done(db: &dyn SourceDb, redis: &RedisServer) -> bool {
    matrix::snapshot_done(db, redis)
}

/// A wait condition: each stream replays to its `want`. The full read and replay (every entry
/// parsed) runs only once the streams' lengths (XLEN) are the same as at the previous poll, so a
/// long catch-up is not slowed down by the test re-reading the whole stream every 50 ms.
fn replays_to(
    redis: &RedisServer,
    streams: Vec<String>,
    want: Vec<std::collections::BTreeMap<i64, i64>>,
) -> impl FnMut() -> Option<()> + '_ {
    let mut last: Option<Vec<usize>> = None;
    move || {
        let mut conn = redis.conn();
        let lens: Vec<usize> = streams
            .iter()
            .map(|s| redis::cmd("XLEN").arg(s).query(&mut conn).unwrap_or(0))
            .collect();
        if last.as_ref() != Some(&lens) {
            last = Some(lens);
            return None;
        }
        streams
            .iter()
            .zip(&want)
            .all(|(s, w)| replay(&matrix::changes(redis, s)) == *w)
            .then_some(())
    }
}

/// id → version after applying the changes in order (no history checks: used while waiting).
fn replay(changes: &[matrix::Change]) -> std::collections::BTreeMap<i64, i64> {
    let mut state = std::collections::BTreeMap::new();
    for c in changes {
        match (c.op.as_str(), c.after) {
            ("t", _) => state.clear(),
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

/// Six rounds of: start, write, kill -9 after a random delay; then every row's history is exact.
fn kill_at_random_moments(db: &dyn SourceDb) {
    let (redis, _tmp, cfg) = setup(db, 3_000);
    let mut rng = Lcg(matrix::seed(&format!("{} random kills", db.name())));
    let mut used = BTreeSet::new();
    db_matrix::collector::kill_at_random_moments(&cfg, |_| {
        write_some(db, &mut rng, &mut used, 8);
    });
    write_some(db, &mut rng, &mut used, 5);
    catch_up_and_check(db, &redis, &cfg);
}

/// Primary-key changes while streaming (and across a kill -9): each is a delete of the old key
/// (with its tombstone) and a create of the new one carrying the row; the replayed stream equals
/// the table and no key is created twice without a delete in between.
fn pk_update(db: &dyn SourceDb) {
    let (redis, _tmp, cfg) = setup(db, 500);
    let stream = db.stream("ev");
    let c = start_and_snapshot(db, &redis, &cfg);
    // even ids 2..=100 move to 100002..; a few of them move twice
    db.sql("UPDATE ev SET id = id + 100000, version = version + 1 WHERE id <= 100");
    db.sql("UPDATE ev SET id = id + 100000 WHERE id BETWEEN 100002 AND 100020");
    std::thread::sleep(Duration::from_millis(300));
    c.kill9();
    db.sql("UPDATE ev SET id = id - 1 WHERE id BETWEEN 200 AND 220");
    let c = Collector::start(&cfg, &[]);
    let want = matrix::table_versions(db, "ev");
    wait_logged(
        &c,
        120,
        "the stream to catch up with the table",
        replays_to(&redis, vec![stream.clone()], vec![want.clone()]),
    );
    std::thread::sleep(Duration::from_millis(500));
    assert_eq!(c.terminate(), Some(0), "SIGTERM must exit 0");
    let changes = matrix::changes(&redis, &stream);
    let mut live = BTreeSet::new();
    for ch in &changes {
        match ch.op.as_str() {
            "d" => assert!(live.remove(&ch.id), "delete of absent key {}", ch.id),
            "r" | "c" => assert!(live.insert(ch.id), "key {} created twice", ch.id),
            _ => assert!(live.contains(&ch.id), "update of absent key {}", ch.id),
        }
    }
    let moved = changes
        .iter()
        .filter(|c| c.op == "c" && c.id > 100_000)
        .count();
    assert_eq!(
        moved,
        50 + 10,
        "one create per key change into the 100000 range"
    );
    assert_eq!(
        replay(&changes),
        want,
        "the replayed stream differs from the table"
    );
}

/// A TRUNCATE while streaming (with `skipped_operations: [none]`, so it is emitted): one `t`
/// event, after which the replay holds only the rows inserted since; across a restart.
fn truncate(db: &dyn SourceDb) {
    let (redis, tmp, _) = setup(db, 300);
    let cfg = config_with(db, &redis, &tmp, "  skipped_operations: [none]\n");
    let stream = db.stream("ev");
    let c = start_and_snapshot(db, &redis, &cfg);
    db.sql("UPDATE ev SET version = version + 1 WHERE id <= 20");
    db.sql("TRUNCATE TABLE ev");
    db.sql(&db.insert_series("ev", "id, version, pad", "$g * 2 + 1, 0, 'n'", 1000, 1010));
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(c.terminate(), Some(0));
    db.sql(&db.insert_series("ev", "id, version, pad", "$g * 2 + 1, 0, 'n'", 2000, 2005));
    let c = Collector::start(&cfg, &[]);
    let want = matrix::table_versions(db, "ev");
    wait_logged(
        &c,
        120,
        "the stream to catch up with the table",
        replays_to(&redis, vec![stream.clone()], vec![want.clone()]),
    );
    assert_eq!(c.terminate(), Some(0));
    let changes = matrix::changes(&redis, &stream);
    assert_eq!(
        changes.iter().filter(|c| c.op == "t").count(),
        1,
        "one truncate event"
    );
    assert_eq!(matrix::check_histories(&changes), want);
    assert_eq!(want.len(), 17);
}

/// A column added, used, and dropped while streaming: the events after each DDL carry the
/// table's columns at that point, and every row's history stays exact.
fn add_and_drop_column(db: &dyn SourceDb) {
    let (redis, _tmp, cfg) = setup(db, 200);
    let stream = db.stream("ev");
    let c = start_and_snapshot(db, &redis, &cfg);
    db.sql("ALTER TABLE ev ADD COLUMN extra INT");
    db.sql("UPDATE ev SET extra = 7, version = version + 1 WHERE id <= 10");
    std::thread::sleep(Duration::from_millis(300));
    c.kill9();
    db.sql("ALTER TABLE ev DROP COLUMN extra");
    db.sql("UPDATE ev SET version = version + 1 WHERE id <= 4");
    catch_up_and_check(db, &redis, &cfg);
    let values = matrix::values(&redis, &stream);
    let after = |v: &serde_json::Value| v["after"].clone();
    let with_extra: Vec<_> = values
        .iter()
        .filter(|v| after(v).get("extra").is_some())
        .collect();
    assert_eq!(
        with_extra.len(),
        5,
        "the 5 updates between ADD and DROP carry `extra`"
    );
    assert!(with_extra.iter().all(|v| after(v)["extra"] == 7));
    let last = values.last().expect("events");
    assert!(
        after(last).get("extra").is_none() && after(last).get("version").is_some(),
        "after DROP COLUMN the events have the table's remaining columns: {last}"
    );
}

/// A table without a primary key, keyed by `message.key.columns` on a NOT NULL column that is not
/// unique (runs of 700 equal keys; snapshot chunks of 500 rows): every event carries that key,
/// and a snapshot killed at chunk commits, with a writer changing rows in between, resumes by it —
/// no row read twice or skipped, every change once.
fn message_key_columns(db: &dyn SourceDb) {
    let create = "CREATE TABLE ev (id BIGINT NOT NULL, grp INT NOT NULL DEFAULT 0, \
                  version INT NOT NULL, pad VARCHAR(200))";
    let extra = format!("  message_key_columns: \"{}:grp\"\n", db.qualified("ev"));
    let (redis, _tmp, cfg) = setup_table(db, create, 6_000, &extra);
    db.sql("UPDATE ev SET grp = FLOOR(id / 1400)");
    let mut rng = Lcg(matrix::seed(&format!("{} message_key_columns", db.name())));
    let mut used = BTreeSet::new();
    for point in [
        "after_snapshot_chunk:3",
        "after_snapshot_chunk:2",
        "after_snapshot_chunk:4",
    ] {
        let c = Collector::start(&cfg, &[("REDCDC_FAILPOINT", point)]);
        write_some(db, &mut rng, &mut used, 3);
        let (code, log) = c.wait_exit(60);
        assert!(
            log.contains("failpoint"),
            "{point}: not reached; log:\n{log}"
        );
        assert_ne!(
            code,
            Some(0),
            "{point}: the failpoint must kill the collector"
        );
        assert!(
            !snapshot_done(db, &redis),
            "{point}: snapshot must be unfinished"
        );
    }
    write_some(db, &mut rng, &mut used, 10);
    catch_up_and_check(db, &redis, &cfg);
    // the key of every entry is {"grp": <the row's grp>}
    let rows: std::collections::BTreeMap<i64, i64> = db
        .sql("SELECT CONCAT(id, ':', grp) FROM ev")
        .lines()
        .filter_map(|l| l.split_once(':'))
        .map(|(a, b)| (a.parse().unwrap(), b.parse().unwrap()))
        .collect();
    let mut conn = redis.conn();
    let mut checked = 0;
    for (_, fields) in db_matrix::streams::read(&mut conn, &db.stream("ev")) {
        let Some(value) = db_matrix::streams::entry_value(&fields) else {
            continue;
        };
        let key: serde_json::Value = serde_json::from_str(&fields[0].0).expect("key JSON");
        let key = key.get("payload").cloned().unwrap_or(key);
        let row = if value["op"] == "d" {
            &value["before"]
        } else {
            &value["after"]
        };
        assert_eq!(
            key,
            serde_json::json!({ "grp": row["grp"] }),
            "entry key of {row}"
        );
        if let Some(g) = rows.get(&row["id"].as_i64().unwrap()) {
            assert_eq!(row["grp"].as_i64(), Some(*g));
        }
        checked += 1;
    }
    assert!(checked > 6_000, "{checked} entries checked");
}

/// `column.include.list` and `snapshot.select.statement.overrides` (RDI's `columns` and
/// `snapshot_sql`): the values hold only the listed columns (the key column left out of them
/// stays in the key), the snapshot reads only the rows the statement selects, in key order, and
/// resumes inside it after a kill; streaming is not filtered by the statement.
fn columns_and_snapshot_sql(db: &dyn SourceDb) {
    let q = db.qualified("ev");
    let extra = format!(
        "  column_include_list: [\"{q}.version\", \"{q}.pad\"]\n  \
         snapshot_select_statement_overrides:\n    {q}: \"SELECT * FROM {q} WHERE id <= 3000\"\n"
    );
    // ids 2, 4, ... 6000; the statement selects 1 500 of them: three chunks of 500
    let (redis, _tmp, cfg) = setup_with(db, 3_000, &extra);
    let c = Collector::start(&cfg, &[("REDCDC_FAILPOINT", "after_snapshot_chunk:2")]);
    let (code, log) = c.wait_exit(60);
    assert!(log.contains("failpoint"), "not reached; log:\n{log}");
    assert_ne!(code, Some(0), "the failpoint must kill the collector");
    assert!(
        !snapshot_done(db, &redis),
        "the snapshot must be unfinished"
    );
    let c = start_and_snapshot(db, &redis, &cfg);
    // a row the statement left out, one it read, a new one, a delete
    db.sql("UPDATE ev SET version = 7 WHERE id = 5000");
    db.sql("UPDATE ev SET version = 8 WHERE id = 2");
    db.sql("INSERT INTO ev (id, version, pad) VALUES (7001, 1, 'n')");
    db.sql("DELETE FROM ev WHERE id = 4");
    let events = |redis: &RedisServer| -> Vec<(serde_json::Value, serde_json::Value)> {
        let mut conn = redis.conn();
        db_matrix::streams::read(&mut conn, &db.stream("ev"))
            .into_iter()
            .filter_map(|(_, fields)| {
                let value = db_matrix::streams::entry_value(&fields)?;
                let key: serde_json::Value = serde_json::from_str(&fields[0].0).expect("key JSON");
                Some((key.get("payload").cloned().unwrap_or(key), value))
            })
            .collect()
    };
    wait_logged(&c, 60, "1 500 snapshot events and 4 changes", || {
        (events(&redis).len() >= 1_504).then_some(())
    });
    std::thread::sleep(Duration::from_millis(500));
    assert_eq!(c.terminate(), Some(0), "SIGTERM must exit 0");
    let events = events(&redis);
    assert_eq!(events.len(), 1_504, "entries");
    let mut read = std::collections::BTreeMap::new();
    let mut streamed = Vec::new();
    for (key, value) in &events {
        let id = key["id"].as_i64().unwrap_or_else(|| panic!("key {key}"));
        for image in ["before", "after"] {
            if let Some(row) = value[image].as_object() {
                let mut cols: Vec<&str> = row.keys().map(String::as_str).collect();
                cols.sort_unstable();
                assert_eq!(cols, ["pad", "version"], "{image} of id {id}: {value}");
            }
        }
        match value["op"].as_str() {
            Some("r") => *read.entry(id).or_insert(0) += 1,
            op => streamed.push((
                op.unwrap_or_default().to_string(),
                id,
                value["after"]["version"].as_i64(),
            )),
        }
    }
    let want: std::collections::BTreeMap<i64, i32> = (1..=1_500).map(|g| (g * 2, 1)).collect();
    assert_eq!(read, want, "each row the statement selects, read once");
    let s = |op: &str, id: i64, v: Option<i64>| (op.to_string(), id, v);
    assert_eq!(
        streamed,
        [
            s("u", 5000, Some(7)),
            s("u", 2, Some(8)),
            s("c", 7001, Some(1)),
            s("d", 4, None)
        ]
    );
}

/// The base workload (`testdata/workload/<db>`: every type the source has, snapshotted, then
/// DML and DDL streamed) against real Debezium 3.6's output, Debezium Server's defaults.
fn types_server_profile_matches_debezium(db: &dyn SourceDb) {
    golden_case(db, "", "server", "");
}

/// [`types_server_profile_matches_debezium`] with RDI's collector settings.
fn types_rdi_profile_matches_debezium(db: &dyn SourceDb) {
    golden_case(db, "", "rdi", "");
}

/// The fidelity rules (`testdata/workload/<db>/fidelity/ORIGIN.md`) against real Debezium 3.6.
fn fidelity_server_profile_matches_debezium(db: &dyn SourceDb) {
    golden_case(db, "fidelity", "server", "");
}

fn fidelity_rdi_profile_matches_debezium(db: &dyn SourceDb) {
    golden_case(db, "fidelity", "rdi", "");
}

/// `message.key.columns` (a keyless table keyed by a nullable column pair listed out of column
/// order, a table whose primary key is replaced; updates of key columns) against real Debezium
/// 3.6 (`testdata/workload/<db>/keys`).
fn message_key_columns_server_profile_matches_debezium(db: &dyn SourceDb) {
    golden_case(db, "keys", "server", &key_columns(db));
}

fn message_key_columns_rdi_profile_matches_debezium(db: &dyn SourceDb) {
    golden_case(db, "keys", "rdi", &key_columns(db));
}

fn key_columns(db: &dyn SourceDb) -> String {
    format!(
        "debezium.source.message.key.columns={}:b,a;{}:code\n",
        db.qualified("nokey"),
        db.qualified("withpk")
    )
}

fn golden_case(db: &dyn SourceDb, name: &str, profile: &str, extra: &str) {
    let (workload, golden) = db_matrix::golden::Case::named(db, name, profile);
    db_matrix::golden::run(
        db,
        &db_matrix::golden::Case {
            profile,
            workload: &workload,
            golden: &golden,
            extra_properties: extra,
            volatile_columns: &[],
        },
    );
}

/// Three tables snapshotted on three connections in one view (`snapshot_max_threads: 3`), the
/// collector SIGKILLed twice mid-snapshot while a writer changes all of them: every table's
/// history is exact afterwards.
fn parallel_snapshot_killed_with_writes(db: &dyn SourceDb) {
    let redis = RedisServer::start();
    let tmp = tempfile::tempdir().unwrap();
    let names = ["ev1", "ev2", "ev3"];
    for t in names {
        db.sql(&EV.replace("TABLE ev ", &format!("TABLE {t} ")));
        let ac = db.after_create(t);
        if !ac.is_empty() {
            db.sql(&ac);
        }
        db.sql(&db.insert_series(
            t,
            "id, version, pad",
            "$g * 2, 0, REPEAT('x', 150)",
            1,
            8_000,
        ));
    }
    let cfg = tmp.path().join("c.yaml");
    std::fs::write(
        &cfg,
        matrix::config(
            db,
            &redis,
            &names,
            "  snapshot_fetch_size: 500\n  snapshot_max_threads: 3\n",
        ),
    )
    .unwrap();
    let mut rng = Lcg(matrix::seed(&format!("{} parallel snapshot", db.name())));
    let mut used = BTreeSet::new();
    let total = |r: &RedisServer| -> usize {
        names
            .iter()
            .map(|t| {
                redis::cmd("XLEN")
                    .arg(db.stream(t))
                    .query::<usize>(&mut r.conn())
                    .unwrap_or(0)
            })
            .sum()
    };
    for round in 0..2 {
        let before = total(&redis);
        let c = Collector::start(&cfg, &[]);
        let step = 2_000 + rng.next(3_000) as usize;
        for t in names {
            db.sql(&writer_tx_on(t, &mut rng, &mut used));
        }
        wait_logged(&c, 120, "snapshot progress", || {
            (total(&redis) > before + step).then_some(())
        });
        assert!(
            !snapshot_done(db, &redis),
            "round {round}: the snapshot finished too fast"
        );
        if round == 0 {
            let log = c.log_text();
            assert!(
                log.contains("connections=3") || log.contains("workers=3"),
                "three connections must read the tables; log:\n{log}"
            );
        }
        c.kill9();
        for t in names {
            db.sql(&writer_tx_on(t, &mut rng, &mut used));
        }
    }
    catch_up_and_check_tables(db, &redis, &cfg, &names);
}

/// `snapshot_mode: always`: a clean restart takes the snapshot again (every row read twice in
/// all), and changes in between stream once.
fn snapshot_mode_always_snapshots_at_every_start(db: &dyn SourceDb) {
    let (redis, tmp, _) = setup(db, 1_000);
    let cfg = config_with(db, &redis, &tmp, "  snapshot_mode: always\n");
    let reads = || {
        matrix::changes(&redis, &db.stream("ev"))
            .iter()
            .filter(|c| c.op == "r")
            .count()
    };
    let c = start_and_snapshot(db, &redis, &cfg);
    wait_logged(&c, 60, "the first snapshot", || {
        (reads() == 1_000).then_some(())
    });
    db.sql("UPDATE ev SET version = 1 WHERE id = 2");
    wait_logged(&c, 60, "the update", || {
        (matrix::changes(&redis, &db.stream("ev")).len() == 1_001).then_some(())
    });
    assert_eq!(c.terminate(), Some(0));
    let c = Collector::start(&cfg, &[]);
    wait_logged(&c, 60, "the second snapshot", || {
        (reads() == 2_000).then_some(())
    });
    assert_eq!(c.terminate(), Some(0));
    let changes = matrix::changes(&redis, &db.stream("ev"));
    assert_eq!(changes.len(), 2_001, "two snapshots and one update");
    assert_eq!(
        changes.iter().filter(|c| c.op == "u").count(),
        1,
        "the update once"
    );
}
