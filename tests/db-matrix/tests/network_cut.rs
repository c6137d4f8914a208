//! Silent network cuts: the server in its own network namespace ([`db_matrix::netns`]), the link
//! cut mid-stream with `iptables DROP` (packets vanish, no reset) and restored. Neither the
//! collector nor the processor stalls: timeouts and keepalives notice the cut, health reports
//! DOWN (503), the component reconnects when the path returns, and nothing is lost or repeated
//! (each row's event history checked against the table). The sources cut off: Postgres and
//! MariaDB (the binlog connection); and Redis, under the collector and under the processor.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use db_matrix::collector::Collector;
use db_matrix::mariadb::{MariaDb, MyOptions};
use db_matrix::matrix::{self, SourceDb};
use db_matrix::netns::Netns;
use db_matrix::postgres::{PgOptions, Postgres};
use db_matrix::redis_server::RedisServer;
use db_matrix::{free_port, wait_for};

/// The captured table, with 500 rows.
fn create_ev(db: &dyn SourceDb) {
    db.sql("CREATE TABLE ev (id BIGINT PRIMARY KEY, version INT NOT NULL, pad VARCHAR(200))");
    let after = db.after_create("ev");
    if !after.is_empty() {
        db.sql(&after);
    }
    db.sql(&db.insert_series("ev", "id, version, pad", "$g, 0, 'x'", 1, 500));
}

/// The HTTP status of `/q/health` (None while nothing answers).
fn health(port: u16) -> Option<u16> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(3)))
        .build()
        .into();
    agent
        .get(&format!("http://127.0.0.1:{port}/q/health"))
        .call()
        .ok()
        .map(|r| r.status().as_u16())
}

/// One writer transaction: an update of a random existing id and an insert of a new one.
fn write(db: &dyn SourceDb, n: i64) {
    db.sql(&format!(
        "BEGIN; UPDATE ev SET version = version + 1 WHERE id = {}; \
         INSERT INTO ev VALUES ({}, 0, 'n'); COMMIT",
        1 + (n * 7919) % 500,
        10_000 + n
    ));
}

/// Sets the flag when dropped (also when a panic unwinds).
struct StopOnDrop<'a>(&'a AtomicBool);

impl Drop for StopOnDrop<'_> {
    fn drop(&mut self) {
        self.0.store(true, Ordering::Relaxed);
    }
}

/// Writes while `f` runs; returns what `f` returned.
fn with_writer<T>(db: &dyn SourceDb, next: &mut i64, f: impl FnOnce() -> T) -> T {
    let stop = AtomicBool::new(false);
    let first = *next;
    std::thread::scope(|s| {
        let _stop = StopOnDrop(&stop);
        let w = s.spawn(|| {
            let mut n = first;
            while !stop.load(Ordering::Relaxed) {
                write(db, n);
                n += 1;
                std::thread::sleep(Duration::from_millis(20));
            }
            n
        });
        let r = f();
        stop.store(true, Ordering::Relaxed);
        *next = w.join().unwrap();
        r
    })
}

/// The stream holds each row's exact history, equal to the table.
fn exact(db: &dyn SourceDb, redis: &RedisServer, c: &Collector) {
    let want = matrix::table_versions(db, "ev");
    let stream = db.stream("ev");
    let ok = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        wait_for(120, "the stream to hold every change", || {
            (matrix::check_histories(&matrix::changes(redis, &stream)) == want).then_some(())
        })
    }));
    if ok.is_err() {
        panic!("collector log:\n{}", c.log_text());
    }
}

/// The collector's config: the source at `host`, the sink on `redis`, health on `http`.
fn collector_yaml(db: &dyn SourceDb, redis: &RedisServer, host: &str, http: u16) -> String {
    db.source_yaml(&["ev"], "")
        .replace("hostname: 127.0.0.1", &format!("hostname: {host}"))
        + &format!(
            "sink:\n  address: {}:{}\n  batch_size: 100\nhttp_address: 127.0.0.1:{http}\nlease_ms: 3000\n",
            redis.host, redis.port
        )
}

/// The cut lasts past every timeout, then the link comes back.
fn cut_and_restore(ns: &Netns, c: &Collector, port: u16, what: &str) -> Duration {
    ns.cut();
    let cut = Instant::now();
    let down = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        wait_for(60, &format!("health DOWN while {what} is cut off"), || {
            (health(port) == Some(503)).then_some(())
        })
    }));
    let noticed = cut.elapsed();
    // the cut goes on while the component tries to reconnect
    std::thread::sleep(Duration::from_secs(5));
    ns.restore();
    if down.is_err() {
        panic!("collector log:\n{}", c.log_text());
    }
    let up = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        wait_for(120, &format!("health UP after {what} is back"), || {
            (health(port) == Some(200)).then_some(())
        })
    }));
    if up.is_err() {
        panic!("collector log:\n{}", c.log_text());
    }
    noticed
}

/// The collector streams from `db` while a writer runs; the link of `ns` (the source's, or
/// Redis' when `redis` runs in it) is cut past every timeout and restored; then every row's
/// history must be exact.
fn collector_survives(db: &dyn SourceDb, redis: &RedisServer, ns: &Netns, what: &str) {
    create_ev(db);
    let tmp = tempfile::tempdir().unwrap();
    let port = free_port();
    let cfg = tmp.path().join("c.yaml");
    let host = if redis.host == ns.ns_ip {
        "127.0.0.1".to_string()
    } else {
        ns.ns_ip.clone()
    };
    std::fs::write(&cfg, collector_yaml(db, redis, &host, port)).unwrap();
    let c = Collector::start(&cfg, &[]);
    wait_for(60, "health UP", || {
        (health(port) == Some(200)).then_some(())
    });
    let mut next = 0;
    let noticed = with_writer(db, &mut next, || {
        std::thread::sleep(Duration::from_millis(500));
        cut_and_restore(ns, &c, port, what)
    });
    eprintln!("the {what} cut was noticed after {noticed:?}");
    for n in next..next + 20 {
        write(db, n);
    }
    exact(db, redis, &c);
    assert_eq!(c.terminate(), Some(0));
}

#[test]
fn collector_survives_a_silent_cut_of_redis() {
    let ns = Netns::new();
    let pg = Postgres::start();
    let redis = RedisServer::start_in(&ns);
    collector_survives(&pg, &redis, &ns, "Redis");
}

#[test]
fn collector_survives_a_silent_cut_of_postgres() {
    let ns = Netns::new();
    let pg = Postgres::start_with(PgOptions {
        netns: Some((ns.name.clone(), ns.ns_ip.clone())),
        ..PgOptions::default()
    });
    let redis = RedisServer::start();
    collector_survives(&pg, &redis, &ns, "Postgres");
}

#[test]
fn collector_survives_a_silent_cut_of_mariadb() {
    let ns = Netns::new();
    let db = MariaDb::start_with(MyOptions {
        netns: Some((ns.name.clone(), ns.ns_ip.clone())),
        ..MyOptions::default()
    });
    let redis = RedisServer::start();
    collector_survives(&db, &redis, &ns, "MariaDB");
}

/// The processor's job: the row to a hash, and each change appended to an audit stream (an
/// output that would show a change applied twice, or lost, or out of order).
const EV_JOB: &str = "source:\n  table: ev\noutput:\n  - uses: redis.write\n    with:\n      data_type: hash\n      key:\n        expression: concat(['ev:', id])\n        language: jmespath\n  - uses: redis.write\n    with:\n      data_type: stream\n      key:\n        expression: \"'audit:ev'\"\n        language: sql\n      mapping:\n        - id\n        - v\n";

/// The processor's Redis is cut off with a batch written and not yet acknowledged (it stopped
/// itself there, and is continued into the cut), past every timeout; when the link returns it
/// re-applies that batch and everything after it: every entry once, in order.
#[test]
fn processor_survives_a_silent_cut_of_its_redis() {
    let ns = Netns::new();
    let redis = RedisServer::start_in(&ns);
    let tmp = tempfile::tempdir().unwrap();
    let stream = "data:dbserver1.public.ev";
    let mut c = redis.conn();
    let add = |c: &mut redis::Connection, from: i64, to: i64| {
        for id in from..to {
            let _: String = redis::cmd("XADD")
                .arg(stream)
                .arg("*")
                .arg("key")
                .arg(format!(r#"{{"id":{id}}}"#))
                .arg("value")
                .arg(format!(
                    r#"{{"before":null,"after":{{"id":{id},"v":"x{id}"}},"op":"c","source":{{"table":"ev","schema":"public","db":"inventory"}}}}"#
                ))
                .query(c)
                .unwrap();
        }
    };
    add(&mut c, 1, 200);
    let port = free_port();
    let pcfg = tmp.path().join("config.yaml");
    std::fs::write(
        &pcfg,
        format!(
            "targets:\n  target:\n    connection:\n      type: redis\n      host: {}\n      port: {}\n\
             processors:\n  read_batch_size: 50\n  read_batch_timeout_ms: 50\n  idle_streams_check_interval_ms: 200\n  retry_initial_delay_ms: 100\n  retry_max_delay_ms: 1000\n  retry_max_attempts: 1000\n",
            redis.host, redis.port
        ),
    )
    .unwrap();
    let jobs = tmp.path().join("jobs");
    std::fs::create_dir_all(&jobs).unwrap();
    std::fs::write(jobs.join("ev.yaml"), EV_JOB).unwrap();
    let p = Collector::processor(
        &pcfg,
        &jobs,
        &["--http-address", &format!("127.0.0.1:{port}")],
        &[("REDCDC_FAILPOINT", "before_ack:1:stop")],
    );
    let count = |c: &mut redis::Connection| -> usize {
        let keys: Vec<String> = redis::cmd("KEYS").arg("ev:*").query(c).unwrap_or_default();
        keys.len()
    };
    // the audit stream's ids, in order
    let audit = |c: &mut redis::Connection| -> Vec<i64> {
        let entries: Vec<(String, Vec<(String, String)>)> = redis::cmd("XRANGE")
            .arg("audit:ev")
            .arg("-")
            .arg("+")
            .query(c)
            .unwrap_or_default();
        entries
            .iter()
            .filter_map(|(_, f)| f.iter().find(|(k, _)| k == "id")?.1.parse().ok())
            .collect()
    };
    wait_for(60, "the first batch written, not acknowledged", || {
        p.log_text()
            .contains("failpoint before_ack reached: stopping")
            .then_some(())
    });
    let written = audit(&mut c).len();
    assert!(
        written > 0 && written < 199,
        "{written} written before the stop"
    );
    ns.cut();
    p.signal("CONT");
    let down = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        wait_for(60, "processor health DOWN while Redis is cut off", || {
            (health(port) == Some(503)).then_some(())
        })
    }));
    if down.is_err() {
        ns.restore();
        panic!("processor log:\n{}", p.log_text());
    }
    // a cut long enough that the kernel's retransmission backoff alone would leave the old
    // sockets silent for about a minute after the link returns
    std::thread::sleep(Duration::from_secs(45));
    ns.restore();
    let restored = Instant::now();
    let mut c = redis.conn();
    add(&mut c, 200, 400);
    let want: Vec<i64> = (1..400).collect();
    let ok = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        wait_for(40, "every entry applied after the cut", || {
            let pending: Vec<redis::Value> = redis::cmd("XPENDING")
                .arg(stream)
                .arg("redcdc-processor")
                .query(&mut c)
                .ok()?;
            let pending = redis::from_redis_value_ref::<i64>(pending.first()?).ok()?;
            (count(&mut c) == 399
                && pending == 0
                && audit(&mut c).len() >= want.len()
                && health(port) == Some(200))
            .then_some(())
        })
    }));
    if ok.is_err() {
        // which of the conditions did not hold
        let pending: Option<Vec<redis::Value>> = redis::cmd("XPENDING")
            .arg(stream)
            .arg("redcdc-processor")
            .query(&mut c)
            .ok();
        panic!(
            "applied {} of 399, audited {}, XPENDING {pending:?}, health {:?}; processor log:\n{}",
            count(&mut c),
            audit(&mut c).len(),
            health(port),
            p.log_text()
        );
    }
    eprintln!("applied {:?} after the link returned", restored.elapsed());
    // the batch in flight during the cut was applied again, yet appended once
    assert_eq!(audit(&mut c), want, "each entry once, in order");
    let v: String = redis::cmd("HGET")
        .arg("ev:123")
        .arg("v")
        .query(&mut c)
        .unwrap();
    assert_eq!(v, "x123");
    assert_eq!(p.terminate(), Some(0));
}
