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

use db_matrix::mariadb::{MariaDb, CDC_PASSWORD, CDC_USER};
use db_matrix::redis_server::RedisServer;

mod common;
use common::{args, backlog, bench_config, load, print_ceiling_ratios, snapshot_then_live, tx_sql};

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
    if a.tables > 1 || a.threads > 1 {
        common::parallel_comparison(
            &a,
            "mysql",
            &redis,
            "inventory",
            CREATE,
            insert,
            &|sql| {
                db.sql(sql);
            },
            &|_| {},
            &|list, t| {
                format!("source:\n  type: mariadb\n  hostname: 127.0.0.1\n  port: {}\n  user: {CDC_USER}\n  password: {CDC_PASSWORD}\n  server_id: 184054\n  topic_prefix: dbserver1\n  table_include_list: [{list}]\n  snapshot_fetch_size: 10000\n  snapshot_max_threads: {t}\n", db.port)
            },
        );
        return;
    }
    db.sql(CREATE);
    load(a.rows, insert, |sql| {
        db.sql(sql);
    });
    let (tmp, cfg) = bench_config(
        &format!(
            "source:\n  type: mariadb\n  hostname: 127.0.0.1\n  port: {}\n  user: {CDC_USER}\n  password: {CDC_PASSWORD}\n  server_id: 184054\n  topic_prefix: dbserver1\n  table_include_list: [inventory.orders]\n  snapshot_fetch_size: 10000\n",
            db.port
        ),
        redis.port,
        &a.profile,
    );
    let stream = if a.profile == "rdi" {
        "data:dbserver1.inventory.orders"
    } else {
        "dbserver1.inventory.orders"
    };
    let mut conn = redis.conn();
    let deadline = Instant::now() + Duration::from_secs(3600);
    // streaming: N rows in TX-row transactions, one client session
    let f = tmp.join("stream.sql");
    let end = a.rows + a.stream;
    std::fs::write(&f, tx_sql("", a.rows + 1, end, a.tx, insert)).unwrap();
    let live = snapshot_then_live(&mut conn, &cfg, stream, &a, deadline, || db.sql_file(&f));
    // backlog: the same number of rows written while the collector is stopped, then read from
    // the binlog as fast as the collector goes (live streaming above is paced by how fast the
    // server applies the inserts on the same two cores)
    let back = backlog(
        &mut conn,
        &cfg,
        stream,
        &a,
        a.rows + 2 * a.stream,
        deadline,
        || {
            std::fs::write(&f, tx_sql("", end + 1, end + a.stream, a.tx, insert)).unwrap();
            db.sql_file(&f);
        },
    );
    back.print("mysql", &a);
    print_ceiling_ratios("mysql", &a, redis.port, &mut conn, stream, &live, &back);
    live.print("mysql", &a);
    let _ = std::fs::remove_dir_all(&tmp);
}
