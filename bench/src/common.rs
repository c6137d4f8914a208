//! Shared by the benchmark binaries: arguments and stream-entry timing from Redis entry ids.

pub struct Args {
    pub profile: String,
    pub rows: u64,
    pub stream: u64,
    pub tx: u64,
}

pub fn args() -> Args {
    let mut a = Args {
        profile: "server".into(),
        rows: 1_000_000,
        stream: 200_000,
        tx: 1000,
    };
    let v: Vec<String> = std::env::args().skip(1).collect();
    let mut i = 0;
    while i + 1 < v.len() {
        match v[i].as_str() {
            "--profile" => a.profile = v[i + 1].clone(),
            "--rows" => a.rows = v[i + 1].parse().expect("--rows"),
            "--stream" => a.stream = v[i + 1].parse().expect("--stream"),
            "--tx" => a.tx = v[i + 1].parse().expect("--tx"),
            o => panic!("unknown argument {o}"),
        }
        i += 2;
    }
    a
}

pub fn xlen(c: &mut redis::Connection, key: &str) -> u64 {
    redis::cmd("XLEN").arg(key).query(c).unwrap_or(0)
}

/// Millisecond timestamp of the n-th entry (0-based) of a stream, from its id.
pub fn entry_ms(c: &mut redis::Connection, key: &str, n: u64) -> u64 {
    let v: redis::Value = redis::cmd("XRANGE")
        .arg(key)
        .arg("-")
        .arg("+")
        .arg("COUNT")
        .arg(n + 1)
        .query(c)
        .unwrap();
    let ids: Vec<String> = match v {
        redis::Value::Array(items) => items
            .into_iter()
            .filter_map(|i| match i {
                redis::Value::Array(p) => redis::from_redis_value_ref::<String>(&p[0]).ok(),
                _ => None,
            })
            .collect(),
        _ => vec![],
    };
    ids.last()
        .and_then(|id| id.split('-').next()?.parse().ok())
        .unwrap_or(0)
}

pub fn last_ms(c: &mut redis::Connection, key: &str) -> u64 {
    let v: redis::Value = redis::cmd("XREVRANGE")
        .arg(key)
        .arg("+")
        .arg("-")
        .arg("COUNT")
        .arg(1)
        .query(c)
        .unwrap();
    if let redis::Value::Array(items) = v {
        if let Some(redis::Value::Array(p)) = items.first() {
            let id: String = redis::from_redis_value_ref(&p[0]).unwrap_or_default();
            return id
                .split('-')
                .next()
                .and_then(|s| s.parse().ok())
                .unwrap_or(0);
        }
    }
    0
}
