//! MariaDB → Redis benchmark with the reference `orders` table (10 mixed columns, rows a pure
//! function of the id, as in Debezium's reference run). Starts its own MariaDB and Redis, loads
//! `--rows` rows, runs the release collector, and measures:
//! - snapshot rows/s (Redis entry-id span of the snapshot entries),
//! - streaming events/s for `--stream` rows inserted in `--tx`-row transactions while it runs,
//! - the collector's peak RSS (VmHWM).
//!
//! Prints one line of figures per run. Usage:
//! `cargo run --release -p redcdc-bench --bin mysql-bench -- --profile server --rows 1000000 --stream 200000`

use std::time::{Duration, Instant};

use db_matrix::collector::Collector;
use db_matrix::mariadb::{MariaDb, CDC_PASSWORD, CDC_USER};
use db_matrix::procstat::{cpu_s, vm_hwm_kb};
use db_matrix::redis_server::RedisServer;

mod common;
use common::{args, entry_ms, last_ms, xlen};

const CREATE: &str = "CREATE TABLE orders (
  id BIGINT PRIMARY KEY, customer_id INT NOT NULL, order_ts DATETIME(6) NOT NULL,
  status VARCHAR(16) NOT NULL, amount DECIMAL(12,2) NOT NULL, quantity SMALLINT NOT NULL,
  discount DOUBLE, is_paid TINYINT(1) NOT NULL, sku CHAR(36) NOT NULL, note TEXT) ENGINE=InnoDB";

fn insert(a: u64, b: u64) -> String {
    format!(
        "INSERT INTO orders SELECT seq, (seq * 7919) % 100000, \
         TIMESTAMP('2024-01-01 00:00:00') + INTERVAL (seq % 31536000) SECOND, \
         ELT(1 + seq % 5, 'new','paid','shipped','delivered','cancelled'), \
         ((seq * 37) % 1000000) / 100.0, 1 + seq % 20, \
         IF(seq % 3 = 0, NULL, (seq % 100) / 100.0), seq % 2 = 0, \
         CONCAT_WS('-', SUBSTR(MD5(seq),1,8), SUBSTR(MD5(seq),9,4), SUBSTR(MD5(seq),13,4), SUBSTR(MD5(seq),17,4), SUBSTR(MD5(seq),21,12)), \
         IF(seq % 10 = 0, NULL, CONCAT('note for order ', seq)) \
         FROM seq_{a}_to_{b};"
    )
}

fn main() {
    let a = args();
    let db = MariaDb::start();
    let redis = RedisServer::start();
    db.sql(CREATE);
    let t = Instant::now();
    let mut lo = 1;
    while lo <= a.rows {
        let hi = (lo + 99_999).min(a.rows);
        db.sql(&insert(lo, hi));
        lo = hi + 1;
    }
    eprintln!(
        "loaded {} rows in {:.1}s",
        a.rows,
        t.elapsed().as_secs_f64()
    );
    let tmp = std::env::temp_dir().join(format!("redcdc-bench-{}", std::process::id()));
    std::fs::create_dir_all(&tmp).unwrap();
    let cfg = tmp.join("bench.yaml");
    std::fs::write(
        &cfg,
        format!(
            "source:\n  type: mariadb\n  hostname: 127.0.0.1\n  port: {}\n  user: {CDC_USER}\n  password: {CDC_PASSWORD}\n  server_id: 184054\n  topic_prefix: dbserver1\n  table_include_list: [inventory.orders]\n  snapshot_fetch_size: 10000\n\
             sink:\n  address: 127.0.0.1:{}\n  batch_size: 500\noutput:\n  profile: {}\n",
            db.port, redis.port, a.profile
        ),
    )
    .unwrap();
    let stream = if a.profile == "rdi" {
        "data:dbserver1.inventory.orders"
    } else {
        "dbserver1.inventory.orders"
    };
    let mut conn = redis.conn();
    let c = Collector::start(&cfg, &[("REDCDC_LOG", "warn")]);
    let pid = c.child.id();
    let deadline = Instant::now() + Duration::from_secs(3600);
    while xlen(&mut conn, stream) < a.rows {
        assert!(Instant::now() < deadline, "snapshot did not finish");
        std::thread::sleep(Duration::from_millis(200));
    }
    let snap_first = entry_ms(&mut conn, stream, 0);
    let snap_last = last_ms(&mut conn, stream);
    let snap_secs = (snap_last.saturating_sub(snap_first)).max(1) as f64 / 1000.0;
    let rss_snapshot = vm_hwm_kb(pid);
    let cpu_snapshot = cpu_s(pid);
    // streaming: N rows in TX-row transactions, one psql session
    let mut sql = String::new();
    let mut lo = a.rows + 1;
    let end = a.rows + a.stream;
    while lo <= end {
        let hi = (lo + a.tx - 1).min(end);
        sql.push_str(&insert(lo, hi));
        sql.push('\n');
        lo = hi + 1;
    }
    let f = tmp.join("stream.sql");
    std::fs::write(&f, sql).unwrap();
    let t = Instant::now();
    db.sql_file(&f);
    let apply_secs = t.elapsed().as_secs_f64();
    while xlen(&mut conn, stream) < a.rows + a.stream {
        assert!(Instant::now() < deadline, "streaming did not finish");
        std::thread::sleep(Duration::from_millis(100));
    }
    let stream_first = entry_ms(&mut conn, stream, a.rows);
    let stream_last = last_ms(&mut conn, stream);
    let stream_secs = (stream_last.saturating_sub(stream_first)).max(1) as f64 / 1000.0;
    let rss = vm_hwm_kb(pid);
    let cpu_stream = cpu_s(pid) - cpu_snapshot;
    assert_eq!(c.terminate(), Some(0));
    // backlog: the same number of rows written while the collector is stopped, then read from
    // the binlog as fast as the collector goes (live streaming above is paced by how fast the
    // server applies the inserts on the same two cores)
    let mut sql = String::new();
    let mut lo = end + 1;
    let end2 = end + a.stream;
    while lo <= end2 {
        let hi = (lo + a.tx - 1).min(end2);
        sql.push_str(&insert(lo, hi));
        sql.push('\n');
        lo = hi + 1;
    }
    std::fs::write(&f, sql).unwrap();
    db.sql_file(&f);
    let c = Collector::start(&cfg, &[("REDCDC_LOG", "warn")]);
    let pid2 = c.child.id();
    while xlen(&mut conn, stream) < a.rows + 2 * a.stream {
        assert!(Instant::now() < deadline, "backlog did not finish");
        std::thread::sleep(Duration::from_millis(100));
    }
    let back_first = entry_ms(&mut conn, stream, a.rows + a.stream);
    let back_last = last_ms(&mut conn, stream);
    let back_secs = (back_last.saturating_sub(back_first)).max(1) as f64 / 1000.0;
    let rss_backlog = vm_hwm_kb(pid2);
    let cpu_backlog = cpu_s(pid2);
    assert_eq!(c.terminate(), Some(0));
    println!(
        "mysql profile={} backlog_events={} backlog_s={:.2} backlog_events_per_s={:.0} peak_rss_mb={:.1} collector_cpu_s={:.1}",
        a.profile,
        a.stream,
        back_secs,
        a.stream as f64 / back_secs,
        rss_backlog as f64 / 1024.0,
        cpu_backlog
    );
    println!(
        "mysql profile={} snapshot_rows={} snapshot_s={:.2} snapshot_rows_per_s={:.0} stream_events={} stream_apply_s={:.2} stream_s={:.2} stream_events_per_s={:.0} peak_rss_mb_after_snapshot={:.1} peak_rss_mb={:.1} collector_cpu_s_snapshot={:.1} collector_cpu_s_stream={:.1}",
        a.profile,
        a.rows,
        snap_secs,
        a.rows as f64 / snap_secs,
        a.stream,
        apply_secs,
        stream_secs,
        a.stream as f64 / stream_secs,
        rss_snapshot as f64 / 1024.0,
        rss as f64 / 1024.0,
        cpu_snapshot,
        cpu_stream
    );
    let _ = std::fs::remove_dir_all(&tmp);
}
