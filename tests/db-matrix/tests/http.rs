//! The HTTP server of each process against real servers: health as Debezium Server answers it
//! (`/q/health`, `/live`, `/ready`; 503 and DOWN while the source is failing), metrics under
//! Debezium's and RDI's names whose values move with the workload, and 404 for any other path.

use std::time::Duration;

use db_matrix::collector::Collector;
use db_matrix::mariadb::MariaDb;
use db_matrix::matrix::{self, SourceDb};
use db_matrix::postgres::Postgres;
use db_matrix::redis_server::RedisServer;
use db_matrix::{free_port, wait_for};

/// `GET http://127.0.0.1:port/path`: status and body (None while nothing listens).
fn get(port: u16, path: &str) -> Option<(u16, String)> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(5)))
        .build()
        .into();
    let mut r = agent
        .get(&format!("http://127.0.0.1:{port}{path}"))
        .call()
        .ok()?;
    let status = r.status().as_u16();
    Some((status, r.body_mut().read_to_string().ok()?))
}

fn health(up: bool, name: &str) -> String {
    let s = if up { "UP" } else { "DOWN" };
    format!(r#"{{"status":"{s}","checks":[{{"name":"{name}","status":"{s}"}}]}}"#)
}

/// Waits until `/metrics` holds every line of `want`; returns the exposition.
fn wait_metrics(port: u16, what: &str, want: &[String]) -> String {
    let mut last = String::new();
    let found = (0..300).find_map(|_| {
        if let Some((200, t)) = get(port, "/metrics") {
            if want.iter().all(|w| t.contains(w.as_str())) {
                return Some(t);
            }
            last = t;
        }
        std::thread::sleep(Duration::from_millis(100));
        None
    });
    found.unwrap_or_else(|| panic!("{what}: {want:#?} not all in\n{last}"))
}

/// The value of the first sample whose line starts with `prefix` (name and labels).
fn value(exposition: &str, prefix: &str) -> f64 {
    exposition
        .lines()
        .find_map(|l| l.strip_prefix(prefix)?.strip_prefix(' ')?.parse().ok())
        .unwrap_or_else(|| panic!("no sample `{prefix}` in\n{exposition}"))
}

#[test]
fn collector_and_processor_serve_health_and_metrics() {
    let pg = Postgres::start();
    let redis = RedisServer::start();
    pg.psql(
        "CREATE TABLE t (id int PRIMARY KEY, v int); \
         INSERT INTO t SELECT g, g FROM generate_series(1, 3) g",
    );
    let tmp = tempfile::tempdir().unwrap();
    let (cport, pport) = (free_port(), free_port());
    let cfg = tmp.path().join("collector.yaml");
    std::fs::write(
        &cfg,
        format!(
            "{}http_address: 127.0.0.1:{cport}\n",
            matrix::config(&pg, &redis, &["t"], "")
        ),
    )
    .unwrap();
    let collector = Collector::start(&cfg, &[]);

    // the processor on the collector's streams, default job
    let pcfg = tmp.path().join("config.yaml");
    std::fs::write(
        &pcfg,
        format!(
            "targets:\n  target:\n    connection:\n      type: redis\n      host: 127.0.0.1\n      port: {}\n\
             processors:\n  read_batch_timeout_ms: 50\n  idle_streams_check_interval_ms: 200\n  stream_pattern: 'dbserver1.*'\n",
            redis.port
        ),
    )
    .unwrap();
    let jobs = tmp.path().join("jobs");
    std::fs::create_dir_all(&jobs).unwrap();
    let processor = Collector::processor(
        &pcfg,
        &jobs,
        &["--http-address", &format!("127.0.0.1:{pport}")],
        &[],
    );

    // health, as Debezium Server answers it, on all three paths
    let up = health(true, "debezium");
    wait_for(60, "the collector's health UP", || {
        (get(cport, "/q/health") == Some((200, up.clone()))).then_some(())
    });
    for p in ["/q/health/live", "/q/health/ready"] {
        assert_eq!(get(cport, p), Some((200, up.clone())), "{p}");
    }
    for (port, p) in [(cport, "/"), (cport, "/metricsx"), (pport, "/q/healthy")] {
        assert_eq!(get(port, p).map(|r| r.0), Some(404), "{p}");
    }

    // the snapshot's figures
    let l = |ctx: &str| format!("{{context=\"{ctx}\",name=\"dbserver1\",plugin=\"postgres\"");
    let line =
        |attr: &str, ctx: &str, v: &str| format!("debezium_metrics_{attr}{}}} {v}\n", l(ctx));
    let sample = |attr: &str, ctx: &str| format!("debezium_metrics_{attr}{}}}", l(ctx));
    let snap = wait_metrics(
        cport,
        "snapshot metrics",
        &[
            line("SnapshotCompleted", "snapshot", "1.0"),
            line("SnapshotRunning", "snapshot", "0.0"),
            line("SnapshotAborted", "snapshot", "0.0"),
            line("TotalTableCount", "snapshot", "1.0"),
            line("RemainingTableCount", "snapshot", "0.0"),
            line("TotalNumberOfEventsSeen", "snapshot", "3.0"),
            format!(
                "debezium_metrics_RowsScanned{},table=\"public.t\"}} 3.0\n",
                l("snapshot")
            ),
            line("Connected", "streaming", "1.0"),
            "# TYPE debezium_metrics_MilliSecondsBehindSource gauge\n".into(),
            "# TYPE debezium_metrics_QueueRemainingCapacity gauge\n".into(),
        ],
    );
    // the writer's queue: a capacity, and free places within it
    let total = value(&snap, &sample("QueueTotalCapacity", "streaming"));
    let free = value(&snap, &sample("QueueRemainingCapacity", "streaming"));
    assert!(total >= 1.0 && (0.0..=total).contains(&free), "{snap}");
    let took = value(&snap, &sample("SnapshotDurationInSeconds", "snapshot"));
    assert!(took >= 0.0 && took.fract() == 0.0, "{snap}");
    // Postgres keeps no schema history: no such context, as in Debezium
    assert!(!snap.contains("schema-history"), "{snap}");

    // streamed changes move the streaming figures
    pg.psql("INSERT INTO t VALUES (4, 4), (5, 5)");
    pg.psql("UPDATE t SET v = 0 WHERE id = 1");
    pg.psql("DELETE FROM t WHERE id = 2");
    let m = wait_metrics(
        cport,
        "streaming metrics",
        &[
            line("TotalNumberOfEventsSeen", "streaming", "4.0"),
            line("TotalNumberOfCreateEventsSeen", "streaming", "2.0"),
            line("TotalNumberOfUpdateEventsSeen", "streaming", "1.0"),
            line("TotalNumberOfDeleteEventsSeen", "streaming", "1.0"),
            line("NumberOfCommittedTransactions", "streaming", "3.0"),
            line("NumberOfErroneousEvents", "streaming", "0.0"),
        ],
    );
    assert!(
        !m.contains(&line("MilliSecondsSinceLastEvent", "streaming", "-1.0")),
        "{m}"
    );
    // a streamed transaction sets how far behind the source the collector is
    let behind = value(&m, &sample("MilliSecondsBehindSource", "streaming"));
    assert!(behind >= 0.0, "{m}");

    // the processor: RDI's names, moving with what it applied
    let stream = pg.stream("t");
    let p = wait_metrics(
        pport,
        "processor metrics",
        &[
            format!(
                "rdi_incoming_entries{{data_source=\"{stream}\",operation=\"inserted\"}} 5.0\n"
            ),
            format!("rdi_incoming_entries{{data_source=\"{stream}\",operation=\"updated\"}} 1.0\n"),
            format!("rdi_incoming_entries{{data_source=\"{stream}\",operation=\"deleted\"}} 1.0\n"),
            "processed_records_total 7\n".into(),
            "rdi_engine_state{state=\"RUNNING\",sync_mode=\"STREAMING\"} 1.0\n".into(),
            format!("rdi_stream_event_latency_ms{{data_source=\"{stream}\"}} "),
            "# TYPE rdi_processor_write_time_ms counter\n".into(),
            "rdi_version_info{cli=\"".into(),
        ],
    );
    let incoming: u64 = p
        .lines()
        .find_map(|l| l.strip_prefix("incoming_records_total "))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    assert!(incoming >= 7, "incoming_records_total {incoming}\n{p}");
    assert_eq!(value(&p, "rejected_records_total"), 0.0, "{p}");
    assert_eq!(value(&p, "filtered_records_total"), 0.0, "{p}");
    assert!(value(&p, "rdi_processed_batches_total") >= 1.0, "{p}");
    for stage in ["read", "transform", "write", "ack", "total"] {
        let total = value(&p, &format!("rdi_processor_{stage}_time_ms_total"));
        let last = value(&p, &format!("rdi_processor_{stage}_time_ms_last"));
        assert!(total >= last && last >= 0.0, "{stage}: {p}");
    }
    assert!(
        value(&p, "rdi_processor_total_time_ms_total") > 0.0,
        "batches were timed: {p}"
    );
    assert_eq!(
        get(pport, "/q/health"),
        Some((200, health(true, "processor")))
    );

    // the source goes away: DOWN and 503 until it is back
    pg.stop();
    let down = health(false, "debezium");
    wait_for(60, "the collector's health DOWN", || {
        (get(cport, "/q/health") == Some((503, down.clone()))).then_some(())
    });
    wait_metrics(
        cport,
        "disconnected",
        &[line("Connected", "streaming", "0.0")],
    );
    pg.restart();
    wait_for(90, "the collector's health UP again", || {
        (get(cport, "/q/health") == Some((200, up.clone()))).then_some(())
    });
    assert_eq!(processor.terminate(), Some(0));
    assert_eq!(collector.terminate(), Some(0));
}

/// Debezium Server's `application.properties`: health and metrics on `quarkus.http.port`.
#[test]
fn properties_listen_on_the_quarkus_http_port() {
    let pg = Postgres::start();
    let redis = RedisServer::start();
    pg.psql("CREATE TABLE t (id int PRIMARY KEY)");
    let port = free_port();
    let tmp = tempfile::tempdir().unwrap();
    let cfg = tmp.path().join("application.properties");
    std::fs::write(
        &cfg,
        pg.golden_properties(
            &redis,
            "server",
            &format!(
                "debezium.source.table.include.list=public.t\nquarkus.http.port={port}\nquarkus.http.host=127.0.0.1\n"
            ),
        ),
    )
    .unwrap();
    let c = Collector::start(&cfg, &[]);
    wait_for(60, "health UP on quarkus.http.port", || {
        (get(port, "/q/health") == Some((200, health(true, "debezium")))).then_some(())
    });
    assert_eq!(c.terminate(), Some(0));
}

/// A source that keeps a schema history (MariaDB) adds Debezium's `schema-history` context:
/// the snapshot's records are applied, and a restart recovers them.
#[test]
fn a_schema_history_source_reports_its_history() {
    let db = MariaDb::start();
    let redis = RedisServer::start();
    db.sql("CREATE TABLE t (id int PRIMARY KEY, v int); INSERT INTO t VALUES (1, 1)");
    let tmp = tempfile::tempdir().unwrap();
    let port = free_port();
    let cfg = tmp.path().join("collector.yaml");
    std::fs::write(
        &cfg,
        format!(
            "{}http_address: 127.0.0.1:{port}\n",
            matrix::config(&db, &redis, &["t"], "")
        ),
    )
    .unwrap();
    let l = |attr: &str| {
        format!("debezium_metrics_{attr}{{context=\"schema-history\",name=\"dbserver1\",plugin=\"mariadb\"}}")
    };
    let c = Collector::start(&cfg, &[]);
    let first = wait_metrics(
        port,
        "the snapshot's history applied",
        &["debezium_metrics_SnapshotCompleted{context=\"snapshot\",name=\"dbserver1\",plugin=\"mariadb\"} 1.0\n".into()],
    );
    let applied = value(&first, &l("ChangesApplied"));
    assert!(applied >= 1.0, "{first}");
    assert!(
        value(&first, &l("MilliSecondsSinceLastAppliedChange")) >= 0.0,
        "{first}"
    );
    assert_eq!(value(&first, &l("ChangesRecovered")), 0.0, "{first}");
    assert_eq!(value(&first, &l("RecoveryStartTime")), -1.0, "{first}");
    assert_eq!(c.terminate(), Some(0));

    // a restart reads the history back; a DDL statement appends to it
    let c = Collector::start(&cfg, &[]);
    let again = wait_metrics(
        port,
        "the history recovered",
        &[format!("{} {applied:?}\n", l("ChangesRecovered"))],
    );
    let since_epoch = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as f64;
    let started = value(&again, &l("RecoveryStartTime"));
    assert!(
        (since_epoch - 300.0..=since_epoch + 1.0).contains(&started),
        "{again}"
    );
    db.sql("ALTER TABLE t ADD COLUMN w int");
    wait_metrics(
        port,
        "the DDL applied",
        &[format!("{} 1.0\n", l("ChangesApplied"))],
    );
    assert_eq!(c.terminate(), Some(0));
}
