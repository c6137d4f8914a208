//! Processor benchmark: pre-fills the change stream with `--events` `orders` events in the RDI
//! profile (what the collector writes for the reference `orders` table), then runs the release
//! processor and measures events/s until every entry is applied and acknowledged, and the
//! processor's peak RSS. Two runs: the default job (a hash per row), and a job with two
//! transforms and a custom key. One line of figures per run.
//!
//! `cargo build --release --bins && REDCDC_PROCESSOR_BIN=target/release/processor target/release/processor-bench --events 1000000`

use std::time::{Duration, Instant};

use db_matrix::collector::Collector;
use db_matrix::procstat::{cpu_s, vm_hwm_kb};
use db_matrix::redis_server::RedisServer;

const STREAM: &str = "data:dbserver1.public.orders";

fn entry(id: u64) -> (String, String) {
    let status = ["new", "paid", "shipped", "delivered", "cancelled"][(id % 5) as usize];
    let discount = if id.is_multiple_of(3) {
        serde_json::Value::Null
    } else {
        serde_json::json!(((id % 100) as f64) / 100.0)
    };
    let note = if id.is_multiple_of(10) {
        serde_json::Value::Null
    } else {
        serde_json::json!(format!("note for order {id}"))
    };
    let after = serde_json::json!({
        "id": id, "customer_id": (id * 7919) % 100000,
        "order_ts": format!("2024-01-{:02}T{:02}:{:02}:{:02}.000000Z", 1 + id % 28, id % 24, id % 60, id % 60),
        "status": status, "amount": format!("{}.{:02}", (id * 37) % 1000000 / 100, (id * 37) % 100),
        "quantity": 1 + id % 20, "discount": discount, "is_paid": id.is_multiple_of(2),
        "sku": format!("{:08x}-0000-4000-8000-{:012x}", id, id), "note": note,
    });
    let value = serde_json::json!({
        "before": null, "after": after,
        "source": {"version": "3.6.3.Final", "connector": "postgresql", "name": "dbserver1", "ts_ms": 1, "snapshot": "true",
            "db": "inventory", "sequence": "[null,\"1\"]", "ts_us": 1, "ts_ns": 1, "schema": "public", "table": "orders",
            "txId": 1, "lsn": 1, "xmin": null, "origin": null, "origin_lsn": null},
        "transaction": null, "op": "r", "ts_ms": 1, "ts_us": 1, "ts_ns": 1,
    });
    (serde_json::json!({"id": id}).to_string(), value.to_string())
}

fn fill(redis: &RedisServer, events: u64) {
    let mut c = redis.conn();
    let mut id = 1;
    while id <= events {
        let mut p = redis::pipe();
        for i in id..(id + 5000).min(events + 1) {
            let (k, v) = entry(i);
            p.cmd("XADD")
                .arg(STREAM)
                .arg("*")
                .arg("key")
                .arg(k)
                .arg("value")
                .arg(v)
                .ignore();
        }
        p.query::<()>(&mut c).unwrap();
        id += 5000;
    }
}

fn acked(c: &mut redis::Connection) -> (u64, u64) {
    let v: redis::Value = redis::cmd("XINFO")
        .arg("GROUPS")
        .arg(STREAM)
        .query(c)
        .unwrap_or(redis::Value::Nil);
    let redis::Value::Array(groups) = v else {
        return (0, 0);
    };
    let Some(redis::Value::Array(kv)) = groups.first() else {
        return (0, 0);
    };
    let mut read = 0;
    let mut pending = 0;
    for p in kv.chunks(2) {
        let k: String = redis::from_redis_value_ref(&p[0]).unwrap_or_default();
        match k.as_str() {
            "entries-read" => read = redis::from_redis_value_ref(&p[1]).unwrap_or(0),
            "pending" => pending = redis::from_redis_value_ref(&p[1]).unwrap_or(0),
            _ => {}
        }
    }
    (read, pending)
}

fn run(name: &str, job: Option<&str>, events: u64) {
    let redis = RedisServer::start();
    let t = Instant::now();
    fill(&redis, events);
    eprintln!(
        "filled {events} events in {:.1}s",
        t.elapsed().as_secs_f64()
    );
    let tmp = std::env::temp_dir().join(format!("redcdc-pbench-{}-{name}", std::process::id()));
    let jobs = tmp.join("jobs");
    std::fs::create_dir_all(&jobs).unwrap();
    if let Some(j) = job {
        std::fs::write(jobs.join("orders.yaml"), j).unwrap();
    }
    let cfg = tmp.join("config.yaml");
    std::fs::write(&cfg, format!("targets:\n  target:\n    connection:\n      type: redis\n      host: 127.0.0.1\n      port: {}\nprocessors:\n  read_batch_size: {}\n", redis.port, std::env::var("READ_BATCH").unwrap_or("2000".into()))).unwrap();
    let mut c = redis.conn();
    let redis_cpu_before = cpu_s(redis.pid());
    if std::env::var_os("BENCH_COMMANDSTATS").is_some() {
        let _: () = redis::cmd("CONFIG").arg("RESETSTAT").query(&mut c).unwrap();
    }
    // BENCH_LOG=processor=debug keeps the processor's log (per-batch timings) in the temp dir
    let level = std::env::var("BENCH_LOG").unwrap_or_else(|_| "warn".into());
    let p = Collector::processor(&cfg, &jobs, &[], &[("REDCDC_LOG", level.as_str())]);
    let pid = p.child.id();
    let start = Instant::now();
    loop {
        let (read, pending) = acked(&mut c);
        if read >= events && pending == 0 {
            break;
        }
        assert!(
            start.elapsed() < Duration::from_secs(1800),
            "processor did not finish"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    let secs = start.elapsed().as_secs_f64();
    let rss = vm_hwm_kb(pid);
    let cpu = cpu_s(pid);
    let redis_cpu = cpu_s(redis.pid()) - redis_cpu_before;
    if std::env::var_os("BENCH_COMMANDSTATS").is_some() {
        let stats: String = redis::cmd("INFO")
            .arg("commandstats")
            .query(&mut c)
            .unwrap();
        eprintln!("{stats}");
    }
    if std::env::var_os("BENCH_LOG").is_some() {
        let kept = std::env::temp_dir().join(format!("redcdc-pbench-{name}.log"));
        std::fs::write(&kept, p.log_text()).unwrap();
        eprintln!("processor log: {}", kept.display());
    }
    assert_eq!(p.terminate(), Some(0));
    let keys: u64 = redis::cmd("DBSIZE").query(&mut c).unwrap();
    println!(
        "processor run={name} events={events} seconds={secs:.2} events_per_s={:.0} peak_rss_mb={:.1} target_keys={} processor_cpu_s={cpu:.1} redis_cpu_s={redis_cpu:.1}",
        events as f64 / secs,
        rss as f64 / 1024.0,
        keys
    );
    let _ = std::fs::remove_dir_all(&tmp);
}

const JOB: &str = "source:\n  table: orders\ntransform:\n  - uses: add_field\n    with:\n      field: total\n      language: sql\n      expression: amount * quantity\n  - uses: remove_field\n    with:\n      field: note\noutput:\n  - uses: redis.write\n    with:\n      data_type: hash\n      key:\n        expression: concat(['order:', customer_id, ':', id])\n        language: jmespath\n";

fn main() {
    let mut events = 1_000_000u64;
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--events") {
        events = args[i + 1].parse().expect("--events N");
    }
    // `--run default_job` or `--run two_transforms_custom_key`: one of the two
    let only = args
        .iter()
        .position(|a| a == "--run")
        .map(|i| args[i + 1].clone());
    for (name, job) in [
        ("default_job", None),
        ("two_transforms_custom_key", Some(JOB)),
    ] {
        if only.as_deref().is_none_or(|o| o == name) {
            run(name, job, events);
        }
    }
}
