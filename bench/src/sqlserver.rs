//! SQL Server → Redis benchmark on the CDC **model** (`db_matrix::sqlserver_model`; no SQL Server
//! runs here): the collector's own path — TDS decoding, value conversion, envelope, sink — for a
//! snapshot of `--rows` rows and `--stream` rows inserted in `--tx`-row transactions while it
//! runs. The model answers from memory in this process, so the rates are the collector's and
//! the model's together; the figure to compare across sources is the collector's CPU per event.
//!
//! `cargo run --release -p redcdc-bench --bin sqlserver-bench -- --profile server --rows 300000 --stream 100000`

use std::time::{Duration, Instant};

use db_matrix::redis_server::RedisServer;
use db_matrix::sqlserver_model::{Change, Column, SqlServerModel};
use db_matrix::tds::Cell;

// shared with the other benches; this one uses only part of it
#[allow(dead_code)]
mod common;
use common::{args, bench_config, snapshot_then_live};

/// An `orders`-like row of the types the model serves (integers, bit, nvarchar).
fn row(id: u64) -> Vec<Cell> {
    let statuses = ["new", "paid", "shipped", "delivered", "cancelled"];
    vec![
        Cell::Int(id as i64),
        Cell::Int(((id * 7919) % 100_000) as i64),
        Cell::Text(statuses[(id % 5) as usize].into()),
        Cell::Int(((id * 37) % 1_000_000) as i64),
        Cell::Int((1 + id % 20) as i64),
        Cell::Bit(id.is_multiple_of(2)),
        Cell::Text(format!("{:032x}", id.wrapping_mul(0x9e37_79b9_7f4a_7c15))),
        if id.is_multiple_of(10) {
            Cell::Null
        } else {
            Cell::Text(format!("note for order {id}"))
        },
    ]
}

fn main() {
    let a = args();
    let m = SqlServerModel::start("inv");
    let col = |n: &str, t: &str, nullable: bool| Column {
        name: n.into(),
        ty: t.into(),
        nullable,
    };
    m.create_table(
        "dbo",
        "orders",
        &[
            col("id", "bigint", false),
            col("customer_id", "int", false),
            col("status", "nvarchar", false),
            col("amount_cents", "bigint", false),
            col("quantity", "smallint", false),
            col("is_paid", "bit", false),
            col("sku", "nvarchar", false),
            col("note", "nvarchar", true),
        ],
        "id",
    );
    m.enable_cdc("orders");
    let t = Instant::now();
    for chunk in (1..=a.rows).collect::<Vec<_>>().chunks(10_000) {
        let tx: Vec<Change> = chunk
            .iter()
            .map(|i| Change::Insert("orders".into(), row(*i)))
            .collect();
        m.transaction(&tx);
    }
    eprintln!(
        "loaded {} rows into the model in {:.1}s",
        a.rows,
        t.elapsed().as_secs_f64()
    );
    let redis = RedisServer::start();
    let (tmp, cfg) = bench_config(
        &format!(
            "source:\n  type: sqlserver\n  hostname: 127.0.0.1\n  port: {}\n  user: sa\n  password: pw\n  \
             database_names: [inv]\n  encrypt: false\n  snapshot_isolation_mode: snapshot\n  topic_prefix: dbserver1\n  \
             poll_interval_ms: 50\n  snapshot_fetch_size: 10000\n",
            m.port
        ),
        redis.port,
        &a.profile,
    );
    let stream = if a.profile == "rdi" {
        "data:dbserver1.inv.dbo.orders"
    } else {
        "dbserver1.inv.dbo.orders"
    };
    let mut conn = redis.conn();
    let deadline = Instant::now() + Duration::from_secs(3600);
    let (from, to, tx) = (a.rows + 1, a.rows + a.stream, a.tx.max(1));
    let live = snapshot_then_live(&mut conn, &cfg, stream, &a, deadline, || {
        let ids: Vec<u64> = (from..=to).collect();
        for chunk in ids.chunks(tx as usize) {
            let changes: Vec<Change> = chunk
                .iter()
                .map(|i| Change::Insert("orders".into(), row(*i)))
                .collect();
            m.transaction(&changes);
        }
    });
    live.print("sqlserver-model", &a);
    println!(
        "sqlserver-model profile={} collector_cpu_us_per_snapshot_row={:.2} collector_cpu_us_per_stream_event={:.2}",
        a.profile,
        live.cpu_snapshot * 1e6 / a.rows as f64,
        live.cpu_stream * 1e6 / a.stream as f64
    );
    let _ = std::fs::remove_dir_all(&tmp);
}
