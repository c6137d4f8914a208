//! Postgres → Redis benchmark with the reference `orders` table (10 mixed columns, rows a pure
//! function of the id, as in Debezium's reference run). Starts its own Postgres and Redis, loads
//! `--rows` rows, runs the release collector, and measures:
//! - snapshot rows/s (Redis entry-id span of the snapshot entries),
//! - streaming events/s for `--stream` rows inserted in `--tx`-row transactions while it runs,
//! - the collector's peak RSS (VmHWM).
//!
//! Prints one line of figures per run. Usage:
//! `cargo run --release -p redcdc-bench --bin pg-bench -- --profile server --rows 1000000 --stream 200000`

use std::time::{Duration, Instant};

use db_matrix::postgres::Postgres;
use db_matrix::redis_server::RedisServer;

mod common;
use common::{args, backlog, bench_config, load, print_ceiling_ratios, snapshot_then_live, tx_sql};

const CREATE: &str = "CREATE TABLE orders (
  id bigint PRIMARY KEY, customer_id integer NOT NULL, order_ts timestamptz NOT NULL,
  status varchar(16) NOT NULL, amount numeric(12,2) NOT NULL, quantity smallint NOT NULL,
  discount double precision, is_paid boolean NOT NULL, sku uuid NOT NULL, note text)";

fn insert(a: u64, b: u64) -> String {
    format!(
        "INSERT INTO orders SELECT g, (g * 7919) % 100000, \
         timestamptz '2024-01-01 00:00:00+00' + (g % 31536000) * interval '1 second', \
         (ARRAY['new','paid','shipped','delivered','cancelled'])[1 + g % 5], \
         ((g * 37) % 1000000) / 100.0, (1 + g % 20)::smallint, \
         CASE WHEN g % 3 = 0 THEN NULL ELSE (g % 100) / 100.0 END, \
         g % 2 = 0, md5(g::text)::uuid, \
         CASE WHEN g % 10 = 0 THEN NULL ELSE 'note for order ' || g END \
         FROM generate_series({a}::bigint, {b}::bigint) AS g;"
    )
}

fn main() {
    let a = args();
    let pg = Postgres::start();
    let redis = RedisServer::start();
    if a.tables > 1 || a.threads > 1 {
        common::parallel_comparison(
            &a,
            "pg",
            &redis,
            "public",
            CREATE,
            insert,
            &|sql| {
                pg.psql(sql);
            },
            &|n| {
                pg.psql(&format!("VACUUM ANALYZE {n}"));
            },
            &|list, t| {
                format!("source:\n  type: postgresql\n  hostname: 127.0.0.1\n  port: {}\n  user: postgres\n  dbname: inventory\n  topic_prefix: dbserver1\n  table_include_list: [{list}]\n  snapshot_fetch_size: 10000\n  snapshot_max_threads: {t}\n", pg.port)
            },
        );
        return;
    }
    pg.psql(CREATE);
    load(a.rows, insert, |sql| {
        pg.psql(sql);
    });
    pg.psql("VACUUM ANALYZE orders");
    let (tmp, cfg) = bench_config(
        &format!(
            "source:\n  type: postgresql\n  hostname: 127.0.0.1\n  port: {}\n  user: postgres\n  dbname: inventory\n  topic_prefix: dbserver1\n  table_include_list: [public.orders]\n  snapshot_fetch_size: 10000\n",
            pg.port
        ),
        redis.port,
        &a.profile,
    );
    let stream = if a.profile == "rdi" {
        "data:dbserver1.public.orders"
    } else {
        "dbserver1.public.orders"
    };
    let mut conn = redis.conn();
    let deadline = Instant::now() + Duration::from_secs(3600);
    // streaming: N rows in TX-row transactions, one psql session
    let f = tmp.join("stream.sql");
    let sql = tx_sql(
        "SET synchronous_commit = off;\n",
        a.rows + 1,
        a.rows + a.stream,
        a.tx,
        insert,
    );
    std::fs::write(&f, sql).unwrap();
    let live = snapshot_then_live(&mut conn, &cfg, stream, &a, deadline, || pg.psql_file(&f));
    live.print("pg", &a);
    // backlog (the catch-up): rows written while the collector is stopped, then read from the
    // slot as fast as the collector goes
    let end = a.rows + a.stream;
    let back = backlog(
        &mut conn,
        &cfg,
        stream,
        &a,
        end + a.stream,
        deadline,
        || {
            let sql = tx_sql(
                "SET synchronous_commit = off;\n",
                end + 1,
                end + a.stream,
                a.tx,
                insert,
            );
            std::fs::write(&f, sql).unwrap();
            pg.psql_file(&f);
        },
    );
    back.print("pg", &a);
    print_ceiling_ratios("pg", &a, redis.port, &mut conn, stream, &live, &back);
    let _ = std::fs::remove_dir_all(&tmp);
}
