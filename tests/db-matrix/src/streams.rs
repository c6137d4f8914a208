//! Reading streams back and normalising them like the golden dumps: each entry becomes
//! `{"key":..,"value":..}` (compact) or `{"fields":{..}}` (extended), values parsed as JSON
//! (`"default"` stays a string), volatile fields replaced by `"<volatile>"`.

use serde_json::{Map, Value};

const MARK: &str = "<volatile>";
const VOLATILE_TOP: &[&str] = &["ts_ms", "ts_us", "ts_ns"];
const VOLATILE_SOURCE: &[&str] = &[
    "ts_ms",
    "ts_us",
    "ts_ns",
    "lsn",
    "txId",
    "xmin",
    "file",
    "pos",
    "gtid",
    "thread",
    "server_id",
    "sequence",
];

/// One raw entry: id and field/value pairs.
pub type Entry = (String, Vec<(String, String)>);

/// All entries of a stream.
pub fn read(conn: &mut redis::Connection, key: &str) -> Vec<Entry> {
    // read the raw reply: field order matters (the extended format's order is part of the contract)
    let reply: redis::Value = redis::cmd("XRANGE")
        .arg(key)
        .arg("-")
        .arg("+")
        .query(conn)
        .expect("XRANGE");
    let text = |v: &redis::Value| -> String {
        redis::from_redis_value_ref::<String>(v).unwrap_or_default()
    };
    let mut out = Vec::new();
    if let redis::Value::Array(items) = reply {
        for item in items {
            if let redis::Value::Array(parts) = item {
                let id = text(&parts[0]);
                let mut fields = Vec::new();
                if let Some(redis::Value::Array(kv)) = parts.get(1) {
                    for pair in kv.chunks(2) {
                        fields.push((text(&pair[0]), text(&pair[1])));
                    }
                }
                out.push((id, fields));
            }
        }
    }
    out
}

/// Stream keys (type stream) except `metadata:*`, sorted.
pub fn stream_keys(conn: &mut redis::Connection) -> Vec<String> {
    let keys: Vec<String> = redis::cmd("KEYS").arg("*").query(conn).unwrap();
    let mut out: Vec<String> = keys
        .into_iter()
        .filter(|k| !k.starts_with("metadata:"))
        .filter(|k| {
            redis::cmd("TYPE")
                .arg(k)
                .query::<String>(conn)
                .map(|t| t == "stream")
                .unwrap_or(false)
        })
        .collect();
    out.sort();
    out
}

fn parse(s: &str) -> Value {
    serde_json::from_str(s).unwrap_or_else(|_| Value::String(s.to_string()))
}

fn blank(m: &mut Map<String, Value>, names: &[&str]) {
    for n in names {
        if let Some(v) = m.get_mut(*n) {
            if !v.is_null() {
                *v = Value::String(MARK.into());
            }
        }
    }
}

/// Blanks the volatile parts of a parsed value (with or without the schema wrapper).
pub fn normalize_value(v: &mut Value) {
    let Some(obj) = v.as_object_mut() else { return };
    let p = if obj.contains_key("schema") {
        match obj.get_mut("payload").and_then(Value::as_object_mut) {
            Some(p) => p,
            None => return,
        }
    } else {
        obj
    };
    blank(p, VOLATILE_TOP);
    if let Some(src) = p.get_mut("source").and_then(Value::as_object_mut) {
        blank(src, VOLATILE_SOURCE);
    }
    if let Some(tx) = p.get_mut("transaction").and_then(Value::as_object_mut) {
        blank(tx, &["id"]);
    }
}

/// The normalised JSON of one entry, as in the golden files.
pub fn normalize_entry(fields: &[(String, String)]) -> Value {
    if fields.len() == 1 {
        let (k, v) = &fields[0];
        let mut v = parse(v);
        normalize_value(&mut v);
        let mut m = Map::new();
        m.insert("key".into(), parse(k));
        m.insert("value".into(), v);
        Value::Object(m)
    } else {
        let mut pf = Map::new();
        for (k, v) in fields {
            let mut pv = parse(v);
            if k == "value" {
                normalize_value(&mut pv);
            }
            if k.eq_ignore_ascii_case("__DEBEZIUM.CONTEXT.RUNID") {
                if let Some(p) = pv.as_object_mut().and_then(|o| o.get_mut("payload")) {
                    if !p.is_null() {
                        *p = Value::String(MARK.into());
                    }
                }
            }
            pf.insert(k.clone(), pv);
        }
        let mut m = Map::new();
        m.insert("fields".into(), Value::Object(pf));
        Value::Object(m)
    }
}

/// Normalised lines of a stream, each re-serialised compactly (order-sensitive comparison).
pub fn normalized_lines(conn: &mut redis::Connection, key: &str) -> Vec<String> {
    read(conn, key)
        .iter()
        .map(|(_, f)| normalize_entry(f).to_string())
        .collect()
}

/// A golden file's lines re-serialised the same way.
pub fn golden_lines(path: &std::path::Path) -> Vec<String> {
    std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("golden {}: {e}", path.display()))
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            serde_json::from_str::<Value>(l)
                .expect("golden json")
                .to_string()
        })
        .collect()
}

/// The parsed value JSON of an entry (compact or extended), None for tombstones.
pub fn entry_value(fields: &[(String, String)]) -> Option<Value> {
    let raw = if fields.len() == 1 {
        &fields[0].1
    } else {
        &fields.iter().find(|(k, _)| k == "value")?.1
    };
    let v: Value = serde_json::from_str(raw).ok()?;
    Some(
        v.get("payload")
            .cloned()
            .filter(|_| v.get("schema").is_some())
            .unwrap_or(v),
    )
}
