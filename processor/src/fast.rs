//! The default job's hot path for schemaless entries (RDI's collector profile): the entry is
//! read without building a JSON tree — names and strings are borrowed from the entry text — and
//! the hash write is encoded straight into the Redis command. Used only when no job names any
//! table (every change goes to the default job) and the target type is hash; everything else
//! takes the general path. Produces exactly what the general default job produces.

use std::borrow::Cow;

use serde::de::{Deserializer, MapAccess, Visitor};
use serde::Deserialize;
use serde_json::value::RawValue;

use crate::convert::{UNAVAILABLE, UNAVAILABLE_B64};
use crate::record::Op;

/// Object members in order, names and values borrowed.
struct Row<'a>(Vec<(Cow<'a, str>, &'a RawValue)>);

impl<'de: 'a, 'a> Deserialize<'de> for Row<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<'a>(std::marker::PhantomData<&'a ()>);
        impl<'de: 'a, 'a> Visitor<'de> for V<'a> {
            type Value = Row<'a>;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<M: MapAccess<'de>>(self, mut m: M) -> Result<Row<'a>, M::Error> {
                let mut v = Vec::with_capacity(m.size_hint().unwrap_or(16));
                while let Some(k) = m.next_key::<Cow<'de, str>>()? {
                    let raw: &'de RawValue = m.next_value()?;
                    v.push((k, raw));
                }
                Ok(Row(v))
            }
        }
        d.deserialize_map(V(std::marker::PhantomData))
    }
}

#[derive(Deserialize)]
struct Source<'a> {
    #[serde(borrow, default)]
    table: Option<Cow<'a, str>>,
}

#[derive(Deserialize)]
struct Envelope<'a> {
    #[serde(borrow, default)]
    before: Option<Row<'a>>,
    #[serde(borrow, default)]
    after: Option<Row<'a>>,
    #[serde(borrow, default)]
    source: Option<Source<'a>>,
    #[serde(borrow, default)]
    op: Option<Cow<'a, str>>,
}

/// A value as RDI stores it in a hash field: None for null, arrays/objects and placeholders.
fn field_text(raw: &RawValue) -> Option<Cow<'_, str>> {
    let t = raw.get();
    match t.as_bytes().first()? {
        b'n' => None,
        b't' => Some(Cow::Borrowed("1")),
        b'f' => Some(Cow::Borrowed("0")),
        b'[' | b'{' => None,
        b'"' => {
            let s: Cow<'_, str> = serde_json::from_str(t).ok()?;
            if s == UNAVAILABLE || s == UNAVAILABLE_B64 {
                None
            } else {
                Some(s)
            }
        }
        _ => {
            // numbers: integers as written; floats as Python prints them (the general path
            // goes through serde_json's number, which reads the same text)
            let n: serde_json::Number = serde_json::from_str(t).ok()?;
            crate::convert::hash_string(&serde_json::Value::Number(n)).map(Cow::Owned)
        }
    }
}

/// What the fast path made of one entry.
pub enum Fast {
    /// The commands to send and the op (for counting).
    Commands(Vec<redis::Cmd>, Op),
    Tombstone,
    /// Not for the fast path (schemas, unusual shape): use the general one.
    No,
    /// The default job cannot write it (no key): the general path reports why.
    Reject,
}

/// Plans a schemaless entry for the built-in default hash job.
pub fn plan(fields: &[(String, String)], null_value: &str) -> Fast {
    let (key_raw, value_raw) = if fields.len() == 1 {
        (fields[0].0.as_str(), fields[0].1.as_str())
    } else {
        let Some(v) = fields.iter().find(|(k, _)| k == "value") else {
            return Fast::No;
        };
        let Some(k) = fields.iter().find(|(k, _)| k == "key") else {
            return Fast::No;
        };
        (k.1.as_str(), v.1.as_str())
    };
    if value_raw == null_value || value_raw == "null" {
        return Fast::Tombstone;
    }
    if value_raw.trim_start().starts_with("{\"schema\"")
        || key_raw.trim_start().starts_with("{\"schema\"")
    {
        return Fast::No;
    }
    let Ok(env) = serde_json::from_str::<Envelope<'_>>(value_raw) else {
        return Fast::No;
    };
    let op = match env.op.as_deref() {
        Some("r") => Op::Read,
        Some("c") => Op::Create,
        Some("u") => Op::Update,
        Some("d") => Op::Delete,
        _ => return Fast::No,
    };
    let Some(table) = env.source.and_then(|s| s.table) else {
        return Fast::No;
    };
    let Ok(key) = serde_json::from_str::<Row<'_>>(key_raw) else {
        return Fast::Reject;
    };
    if key.0.is_empty() {
        return Fast::Reject;
    }
    let mut redis_key = String::with_capacity(64);
    redis_key.push_str(&table);
    for (name, v) in &key.0 {
        redis_key.push(':');
        redis_key.push_str(name);
        redis_key.push(':');
        if let Some(t) = field_text(v) {
            redis_key.push_str(&t);
        }
    }
    let row = match op {
        Op::Delete => None,
        _ => env.after.or(env.before),
    };
    let Some(row) = row else {
        let mut del = redis::cmd("DEL");
        del.arg(&redis_key);
        return Fast::Commands(vec![del], op);
    };
    let mut cmds = Vec::with_capacity(3);
    if op == Op::Update {
        let mut del = redis::cmd("DEL");
        del.arg(&redis_key);
        cmds.push(del);
    }
    let mut set: Vec<(&str, Cow<'_, str>)> = Vec::with_capacity(row.0.len());
    let mut hdel: Option<redis::Cmd> = None;
    for (name, v) in &row.0 {
        match field_text(v) {
            Some(t) => set.push((name.as_ref(), t)),
            None if op != Op::Update => {
                hdel.get_or_insert_with(|| {
                    let mut c = redis::cmd("HDEL");
                    c.arg(&redis_key);
                    c
                })
                .arg(name.as_ref());
            }
            None => {}
        }
    }
    // the order the general path sends: DEL (update) or HDEL (nulls), then HSET
    if let Some(h) = hdel {
        cmds.push(h);
    }
    if !set.is_empty() {
        cmds.push(crate::target::hset(
            &redis_key,
            set.iter().map(|(f, v)| (*f, v.as_ref())),
        ));
    }
    Fast::Commands(cmds, op)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::ProcessorSettings;
    use crate::plan::JobPlanner;
    use crate::record::{parse_entry, Entry};
    use crate::runtime::Planner;
    use crate::target::{pipeline, RawCommands, Write};

    fn general(fields: &[(String, String)]) -> Vec<u8> {
        let planner = JobPlanner::new(&[], &ProcessorSettings::default()).unwrap();
        let Entry::Change(c) = parse_entry(fields, "default").unwrap() else {
            return Vec::new();
        };
        let writes: Vec<Write> = planner
            .plan_owned("s", *c)
            .unwrap()
            .writes
            .into_iter()
            .map(|(_, w)| w)
            .collect();
        pipeline(&writes).get_packed_pipeline()
    }

    fn fast(fields: &[(String, String)]) -> Vec<u8> {
        match plan(fields, "default") {
            Fast::Commands(c, _) => {
                pipeline(&[Write::Commands(RawCommands(c))]).get_packed_pipeline()
            }
            _ => panic!("not on the fast path"),
        }
    }

    #[test]
    fn same_commands_as_the_general_default_job() {
        let entries = [
            (
                r#"{"id":1}"#,
                r#"{"before":null,"after":{"id":1,"s":"a \"q\" é\n","n":null,"f":1.5,"big":1.0E10,"b":true,"arr":[1,2],"t":"__debezium_unavailable_value"},"source":{"table":"t","schema":"public"},"op":"c","ts_ms":1}"#,
            ),
            (
                r#"{"id":1}"#,
                r#"{"before":null,"after":{"id":1,"s":"x","n":null},"source":{"table":"t"},"op":"u"}"#,
            ),
            (
                r#"{"id":1,"k2":"b"}"#,
                r#"{"before":{"id":1,"k2":"b","s":"x"},"after":null,"source":{"table":"t"},"op":"d"}"#,
            ),
            (
                r#"{"id":2}"#,
                r#"{"before":null,"after":{"id":2,"b":false,"neg":-3,"dec":"12.50"},"source":{"table":"t"},"op":"r"}"#,
            ),
        ];
        for (k, v) in entries {
            let fields = vec![
                ("key".to_string(), k.to_string()),
                ("value".to_string(), v.to_string()),
            ];
            assert_eq!(
                String::from_utf8_lossy(&fast(&fields)),
                String::from_utf8_lossy(&general(&fields)),
                "entry {v}"
            );
        }
        // schemas, tombstones and keyless tables leave the fast path
        assert!(matches!(
            plan(
                &[(
                    r#"{"schema":{},"payload":{"id":1}}"#.to_string(),
                    r#"{"schema":{},"payload":{}}"#.to_string()
                )],
                "default"
            ),
            Fast::No
        ));
        assert!(matches!(
            plan(
                &[
                    ("key".into(), "{}".into()),
                    ("value".into(), "default".into())
                ],
                "default"
            ),
            Fast::Tombstone
        ));
        assert!(matches!(
            plan(
                &[
                    ("key".into(), "default".into()),
                    (
                        "value".into(),
                        r#"{"after":{"a":1},"source":{"table":"t"},"op":"c"}"#.into()
                    )
                ],
                "default"
            ),
            Fast::Reject
        ));
    }
}
