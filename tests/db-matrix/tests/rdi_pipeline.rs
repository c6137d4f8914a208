//! An RDI pipeline directory, unchanged, drives the whole pipeline: the collector runs the
//! source of `config.yaml` (`collector run --config config.yaml --redis URL`), `redcdc deploy`
//! stores the directory and the processor runs what was deployed (`processor run --deployed`).
//! Streams, offsets and keys carry RDI's names for a source: `data:{rdi}:<source>.<schema>.<table>`,
//! Debezium's offsets under the source name, the message key from `tables.<t>.keys`, and the
//! `advanced.source` Debezium properties (here the slot name) in force, the table's `columns`
//! (only those in the values) and `snapshot_sql` (only the rows it selects in the snapshot).

use std::process::Command;

use db_matrix::collector::{processor_bin, Collector};
use db_matrix::postgres::Postgres;
use db_matrix::redis_server::RedisServer;
use db_matrix::wait_for;

/// Postgres with `orders` (3 rows) and an empty `other`, a Redis, and a pipeline directory
/// whose `jobs/orders.yaml` writes each order to the hash `order:<code>`.
fn shop() -> (Postgres, RedisServer, tempfile::TempDir, std::path::PathBuf) {
    let pg = Postgres::start();
    let redis = RedisServer::start();
    pg.psql(
        "CREATE TABLE orders (id int PRIMARY KEY, code text NOT NULL, qty int); \
         INSERT INTO orders VALUES (1, 'a', 10), (2, 'b', 20), (3, 'c', 30); \
         CREATE TABLE other (id int PRIMARY KEY)",
    );
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("pipeline");
    std::fs::create_dir_all(dir.join("jobs")).unwrap();
    std::fs::write(
        dir.join("jobs/orders.yaml"),
        "source:\n  table: orders\noutput:\n  - uses: redis.write\n    with:\n      data_type: hash\n      key:\n        expression: \"'order:' || code\"\n        language: sql\n",
    )
    .unwrap();
    (pg, redis, tmp, dir)
}

/// `redcdc deploy --dir DIR` into `redis`; it must succeed.
fn deploy(redis: &RedisServer, dir: &std::path::Path) {
    let o = Command::new(processor_bin().with_file_name("redcdc"))
        .args([
            "--redis",
            &redis.url(),
            "deploy",
            "--dir",
            dir.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

#[test]
fn an_rdi_directory_drives_collector_and_processor() {
    let (pg, redis, _tmp, dir) = shop();
    let config = dir.join("config.yaml");
    std::fs::write(
        &config,
        format!(
            "sources:\n  shop:\n    type: cdc\n    logging:\n      level: info\n    connection:\n      type: postgresql\n      host: 127.0.0.1\n      port: {}\n      database: inventory\n      user: postgres\n      password: ${{env:REDCDC_TEST_RDI_PW:unused}}\n    schemas:\n      - public\n    tables:\n      public.orders:\n        keys:\n          - code\n        columns: [code, qty]\n        snapshot_sql: SELECT * FROM public.orders WHERE id > 1\n    advanced:\n      source:\n        slot.name: rdi_shop\n      sink:\n        redis.batch.size: 100\n\
             targets:\n  target:\n    connection:\n      type: redis\n      host: 127.0.0.1\n      port: {}\n\
             processors:\n  read_batch_timeout_ms: 50\n  idle_streams_check_interval_ms: 200\n",
            pg.port, redis.port
        ),
    )
    .unwrap();

    let collector = Collector::spawn(
        db_matrix::collector::bin(),
        &[
            "run",
            "--config",
            config.to_str().unwrap(),
            "--redis",
            &redis.url(),
        ],
        &config,
        &[],
    );
    let stream = "data:{rdi}:shop.public.orders";
    let entries = || -> Vec<(String, Vec<(String, String)>)> {
        db_matrix::streams::read(&mut redis.conn(), stream)
    };
    let got = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        wait_for(60, "the snapshot in RDI's stream", || {
            (entries().len() == 2).then_some(())
        })
    }));
    assert!(got.is_ok(), "{}", collector.log_text());
    // only the table the source lists
    let other: usize = redis::cmd("EXISTS")
        .arg("data:{rdi}:shop.public.other")
        .query(&mut redis.conn())
        .unwrap();
    assert_eq!(other, 0);
    // the message key is `keys`, the offsets are under the source name, the slot is advanced.source's
    let first = &entries()[0].1;
    let key = first
        .iter()
        .find(|(f, _)| f == "key")
        .map(|(_, v)| v.clone());
    assert_eq!(key.as_deref(), Some(r#"{"code":"b"}"#), "{first:?}");
    // snapshot_sql read ids 2 and 3 only; `columns` left `id` out of the values
    for (_, fields) in entries() {
        let value = db_matrix::streams::entry_value(&fields).expect("a value");
        let mut cols: Vec<&String> = value["after"].as_object().expect("after").keys().collect();
        cols.sort();
        assert_eq!(cols, ["code", "qty"], "{value}");
        assert_ne!(value["after"]["code"], "a", "{value}");
    }
    let offsets: Vec<String> = redis::cmd("HKEYS")
        .arg("metadata:debezium:offsets")
        .query(&mut redis.conn())
        .unwrap();
    assert_eq!(offsets, vec![r#"["redis",{"server":"shop"}]"#.to_string()]);
    assert_eq!(
        pg.psql("SELECT slot_name FROM pg_replication_slots"),
        "rdi_shop"
    );

    // the same directory deployed, and run by the processor
    deploy(&redis, &dir);
    let processor = Collector::spawn(
        processor_bin(),
        &["run", "--deployed", "--streams-redis", &redis.url()],
        &config,
        &[],
    );
    let hget = |k: &str, f: &str| -> Option<String> {
        redis::cmd("HGET")
            .arg(k)
            .arg(f)
            .query(&mut redis.conn())
            .unwrap()
    };
    let got = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        wait_for(60, "the deployed job applied", || {
            (hget("order:c", "qty").as_deref() == Some("30")).then_some(())
        });
        assert_eq!(hget("order:a", "qty"), None, "snapshot_sql left id 1 out");
        assert_eq!(hget("order:c", "id"), None, "`columns` left id out");
        pg.psql("UPDATE orders SET qty = 31 WHERE id = 3");
        pg.psql("UPDATE orders SET qty = 11 WHERE id = 1");
        wait_for(60, "the changes applied", || {
            (hget("order:c", "qty").as_deref() == Some("31")
                && hget("order:a", "qty").as_deref() == Some("11"))
            .then_some(())
        });
    }));
    assert!(
        got.is_ok(),
        "{}\n{}",
        collector.log_text(),
        processor.log_text()
    );
}

/// A source option redcdc cannot honour yet stops the collector at once, naming the field.
#[test]
fn an_rdi_option_not_supported_is_refused_by_its_field() {
    let tmp = tempfile::tempdir().unwrap();
    let config = tmp.path().join("config.yaml");
    std::fs::write(
        &config,
        "sources:\n  shop:\n    connection:\n      type: postgresql\n      host: 127.0.0.1\n      port: 5432\n      database: inventory\n      user: postgres\n      password: x\n    tables:\n      public.orders:\n        exclude_columns: [qty]\n",
    )
    .unwrap();
    let o = Command::new(db_matrix::collector::bin())
        .args([
            "run",
            "--config",
            config.to_str().unwrap(),
            "--redis",
            "redis://127.0.0.1:1",
        ])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(
        err.contains("sources.shop.tables.public.orders.exclude_columns")
            && err.contains("config.yaml"),
        "{err}"
    );
}

/// `collector run --deployed`: the collector runs what `redcdc deploy` stored and picks up a
/// version that changes its source (here: a second table) with a clean stop and a start from
/// the committed offset, while a writer inserts rows: each row arrives exactly once, the process
/// stays the same; a version changing only the targets does not restart it, and a version that
/// cannot run is logged and skipped while the running one goes on.
#[test]
fn a_deployed_source_change_is_picked_up_without_losing_or_repeating() {
    let (pg, redis, tmp, dir) = shop();
    let config = |tables: &str, target_port: u16| {
        format!(
            "sources:\n  shop:\n    connection:\n      type: postgresql\n      host: 127.0.0.1\n      port: {}\n      database: inventory\n      user: postgres\n      password: unused\n    tables:\n{tables}\
             targets:\n  target:\n    connection:\n      type: redis\n      host: 127.0.0.1\n      port: {target_port}\n",
            pg.port
        )
    };
    let deploy = |text: &str| {
        std::fs::write(dir.join("config.yaml"), text).unwrap();
        deploy(&redis, &dir);
    };
    let v1 = config("      public.orders: {}\n", redis.port);
    let v2 = config(
        "      public.orders: {}\n      public.other: {}\n",
        redis.port,
    );
    deploy(&v1);
    let near = tmp.path().join("collector.yaml");
    let collector = Collector::spawn(
        db_matrix::collector::bin(),
        &["run", "--deployed", "--redis", &redis.url()],
        &near,
        &[],
    );
    let pid = collector.child.id();
    let orders = "data:{rdi}:shop.public.orders";
    let other = "data:{rdi}:shop.public.other";
    let ids = |stream: &str| -> Vec<i64> {
        db_matrix::streams::read(&mut redis.conn(), stream)
            .iter()
            .filter_map(|(_, f)| db_matrix::streams::entry_value(f))
            .map(|v| v["after"]["id"].as_i64().expect("id"))
            .collect()
    };
    let waited = |what: &str, f: &mut dyn FnMut() -> bool| {
        let got = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            wait_for(60, what, || f().then_some(()))
        }));
        assert!(got.is_ok(), "{}", collector.log_text());
    };
    waited("the snapshot of version 1", &mut || ids(orders).len() == 3);
    let stop = std::sync::atomic::AtomicBool::new(false);
    let written = std::thread::scope(|s| {
        let writer = s.spawn(|| {
            let mut n = 100;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                pg.psql(&format!("INSERT INTO orders VALUES ({n}, 'w{n}', 1)"));
                n += 1;
            }
            n - 100
        });
        std::thread::sleep(std::time::Duration::from_millis(500));
        deploy(&v2);
        waited("version 2 picked up", &mut || {
            collector
                .log_text()
                .contains("starting under the new pipeline version")
        });
        pg.psql("INSERT INTO other VALUES (1)");
        waited("the table version 2 adds", &mut || ids(other) == [1]);
        std::thread::sleep(std::time::Duration::from_millis(500));
        stop.store(true, std::sync::atomic::Ordering::Relaxed);
        writer.join().unwrap()
    });
    assert!(
        written > 5,
        "the writer ran during the switch ({written} rows)"
    );
    let want: Vec<i64> = (1..=3).chain(100..100 + written).collect();
    waited("every row written", &mut || ids(orders).len() >= want.len());
    std::thread::sleep(std::time::Duration::from_millis(500));
    assert_eq!(ids(orders), want, "each row exactly once, in order");
    // a version changing only the targets: no restart
    deploy(&config(
        "      public.orders: {}\n      public.other: {}\n",
        redis.port + 1,
    ));
    waited("the targets-only version noticed", &mut || {
        collector.log_text().contains("its sources are unchanged")
    });
    // a version that cannot run here (stored by hand: deploy validates only what the processor reads)
    let _: () = redis::cmd("HSET")
        .arg("metadata:redcdc:pipeline")
        .arg("config")
        .arg(v2.replace("type: postgresql", "type: oracle"))
        .query(&mut redis.conn())
        .unwrap();
    let _: i64 = redis::cmd("HINCRBY")
        .arg("metadata:redcdc:pipeline")
        .arg("version")
        .arg(1)
        .query(&mut redis.conn())
        .unwrap();
    waited("the invalid version skipped", &mut || {
        collector.log_text().contains("keeping the running version")
    });
    pg.psql("INSERT INTO other VALUES (2)");
    waited("the running version goes on", &mut || ids(other) == [1, 2]);
    let log = collector.log_text();
    assert_eq!(
        log.matches("starting under the new pipeline version")
            .count(),
        1,
        "{log}"
    );
    assert_eq!(collector.child.id(), pid);
    assert_eq!(collector.terminate(), Some(0), "SIGTERM must exit 0");
}
