//! An RDI pipeline directory, unchanged, drives the whole pipeline: the collector runs the
//! source of `config.yaml` (`collector run --config config.yaml --redis URL`), `redcdc deploy`
//! stores the directory and the processor runs what was deployed (`processor run --deployed`).
//! Streams, offsets and keys carry RDI's names for a source: `data:{rdi}:<source>.<schema>.<table>`,
//! Debezium's offsets under the source name, the message key from `tables.<t>.keys`, and the
//! `advanced.source` Debezium properties (here the slot name) in force.

use std::process::Command;

use db_matrix::collector::{processor_bin, Collector};
use db_matrix::postgres::Postgres;
use db_matrix::redis_server::RedisServer;
use db_matrix::wait_for;

#[test]
fn an_rdi_directory_drives_collector_and_processor() {
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
    let config = dir.join("config.yaml");
    std::fs::write(
        &config,
        format!(
            "sources:\n  shop:\n    type: cdc\n    logging:\n      level: info\n    connection:\n      type: postgresql\n      host: 127.0.0.1\n      port: {}\n      database: inventory\n      user: postgres\n      password: ${{env:REDCDC_TEST_RDI_PW:unused}}\n    schemas:\n      - public\n    tables:\n      public.orders:\n        keys:\n          - code\n    advanced:\n      source:\n        slot.name: rdi_shop\n      sink:\n        redis.batch.size: 100\n\
             targets:\n  target:\n    connection:\n      type: redis\n      host: 127.0.0.1\n      port: {}\n\
             processors:\n  read_batch_timeout_ms: 50\n  idle_streams_check_interval_ms: 200\n",
            pg.port, redis.port
        ),
    )
    .unwrap();
    std::fs::write(
        dir.join("jobs/orders.yaml"),
        "source:\n  table: orders\noutput:\n  - uses: redis.write\n    with:\n      data_type: hash\n      key:\n        expression: \"'order:' || code\"\n        language: sql\n",
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
            (entries().len() == 3).then_some(())
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
    assert_eq!(key.as_deref(), Some(r#"{"code":"a"}"#), "{first:?}");
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
        pg.psql("UPDATE orders SET qty = 31 WHERE id = 3");
        wait_for(60, "a change applied", || {
            (hget("order:c", "qty").as_deref() == Some("31")).then_some(())
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
        "sources:\n  shop:\n    connection:\n      type: postgresql\n      host: 127.0.0.1\n      port: 5432\n      database: inventory\n      user: postgres\n      password: x\n    tables:\n      public.orders:\n        snapshot_sql: SELECT * FROM orders WHERE id > 1\n",
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
        err.contains("sources.shop.tables.public.orders.snapshot_sql")
            && err.contains("config.yaml"),
        "{err}"
    );
}
