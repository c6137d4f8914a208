//! Change records read from the change streams, in both collector profiles: compact entries
//! (one field: key JSON -> value JSON, Debezium Server's default) and extended entries (`key`,
//! `value`, headers — RDI's), with or without the `{schema, payload}` wrapper. When schemas are
//! present, each field's Connect schema is kept so values can be converted by logical type.

use std::sync::Arc;

use serde_json::{Map, Value};

/// Debezium's op codes (the contract's).
pub use protocol::envelope::Op;

/// What a field is, from its Connect schema (None when the stream has no schemas).
#[derive(Debug, Clone, PartialEq)]
pub struct FieldType {
    /// Connect type: int32, string, bytes, struct, array...
    pub ty: String,
    /// Logical name: io.debezium.time.Date, org.apache.kafka.connect.data.Decimal...
    pub name: Option<String>,
    /// `scale` parameter for decimals.
    pub scale: Option<u32>,
}

/// One change.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    pub op: Op,
    /// Key columns in key order (None for tables without a key).
    pub key: Option<Map<String, Value>>,
    pub before: Option<Map<String, Value>>,
    pub after: Option<Map<String, Value>>,
    pub db: String,
    pub schema: String,
    pub table: String,
    /// `source.name` (the collector's topic prefix / RDI server name).
    pub server: String,
    /// Field types from the value schema, when the stream carries schemas.
    pub types: Option<Arc<Map<String, Value>>>,
}

/// An entry that is not a change event.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RecordError {
    #[error("entry has no `value` field")]
    NoValue,
    #[error("value is not JSON: {0}")]
    NotJson(String),
    #[error("value has no `op` or an unknown one")]
    NoOp,
}

/// What an entry turned out to be.
#[derive(Debug, Clone, PartialEq)]
pub enum Entry {
    Change(Box<Change>),
    /// A tombstone (value `default` / null): nothing to apply.
    Tombstone,
}

/// Field schemas of the `after` (or `before`) struct of an envelope schema, by field name.
fn row_types(envelope_schema: &Value) -> Option<Map<String, Value>> {
    let fields = envelope_schema.get("fields")?.as_array()?;
    let row = fields
        .iter()
        .find(|f| f.get("field").and_then(Value::as_str) == Some("after"))?;
    let mut out = Map::new();
    for f in row.get("fields")?.as_array()? {
        if let Some(name) = f.get("field").and_then(Value::as_str) {
            out.insert(name.to_string(), f.clone());
        }
    }
    Some(out)
}

/// The envelope fields the processor reads; the rest (`transaction`, `ts_*`, most of `source`)
/// is skipped without building values.
#[derive(serde::Deserialize)]
struct Envelope {
    #[serde(default, deserialize_with = "row_map")]
    before: Option<Map<String, Value>>,
    #[serde(default, deserialize_with = "row_map")]
    after: Option<Map<String, Value>>,
    #[serde(default)]
    source: Option<SourceRef>,
    #[serde(default)]
    op: Option<String>,
}

/// A row object read into a map sized for a typical row up front (serde_json's own map
/// starts empty and is rehashed as it grows, which showed in profiles).
fn row_map<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Map<String, Value>>, D::Error> {
    struct V;
    impl<'de> serde::de::Visitor<'de> for V {
        type Value = Option<Map<String, Value>>;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a row object or null")
        }
        fn visit_unit<E>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_none<E>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_some<D: serde::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            d.deserialize_map(self)
        }
        fn visit_map<M: serde::de::MapAccess<'de>>(
            self,
            mut m: M,
        ) -> Result<Self::Value, M::Error> {
            let mut out = Map::with_capacity(m.size_hint().unwrap_or(16));
            while let Some((k, v)) = m.next_entry::<String, Value>()? {
                out.insert(k, v);
            }
            Ok(Some(out))
        }
    }
    d.deserialize_option(V)
}

#[derive(serde::Deserialize, Default)]
struct SourceRef {
    #[serde(default)]
    name: String,
    #[serde(default)]
    db: String,
    #[serde(default)]
    schema: String,
    #[serde(default)]
    table: String,
}

#[derive(serde::Deserialize)]
struct Wrapped<'a> {
    #[serde(borrow)]
    schema: Option<&'a serde_json::value::RawValue>,
    payload: Option<Envelope>,
}

#[derive(serde::Deserialize)]
struct WrappedKey {
    payload: Option<Map<String, Value>>,
}

thread_local! {
    /// Row types by envelope schema text: every event of a table carries the same schema.
    static TYPES: std::cell::RefCell<std::collections::HashMap<u64, Arc<Map<String, Value>>>> =
        std::cell::RefCell::new(std::collections::HashMap::new());
}

fn cached_types(raw: &str) -> Option<Arc<Map<String, Value>>> {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    raw.hash(&mut h);
    let k = h.finish();
    if let Some(t) = TYPES.with(|c| c.borrow().get(&k).cloned()) {
        return Some(t);
    }
    let schema: Value = serde_json::from_str(raw).ok()?;
    let types = Arc::new(row_types(&schema)?);
    TYPES.with(|c| {
        let mut c = c.borrow_mut();
        if c.len() > 4096 {
            c.clear();
        }
        c.insert(k, types.clone());
    });
    Some(types)
}

/// Parses the field/value pairs of one stream entry.
pub fn parse_entry(fields: &[(String, String)], null_value: &str) -> Result<Entry, RecordError> {
    let (key_raw, value_raw) = if fields.len() == 1 {
        (Some(fields[0].0.as_str()), fields[0].1.as_str())
    } else {
        let v = fields
            .iter()
            .find(|(k, _)| k == "value")
            .ok_or(RecordError::NoValue)?;
        (
            fields
                .iter()
                .find(|(k, _)| k == "key")
                .map(|(_, v)| v.as_str()),
            v.1.as_str(),
        )
    };
    if value_raw == null_value || value_raw == "null" {
        return Ok(Entry::Tombstone);
    }
    let not_json = |e: serde_json::Error| RecordError::NotJson(e.to_string());
    let trimmed = value_raw.trim_start();
    let (envelope, types) = if trimmed.starts_with("{\"schema\"") {
        let w: Wrapped<'_> = serde_json::from_str(value_raw).map_err(not_json)?;
        let types = w.schema.and_then(|s| cached_types(s.get()));
        match w.payload {
            Some(p) => (p, types),
            None => return Ok(Entry::Tombstone),
        }
    } else {
        (
            serde_json::from_str::<Envelope>(value_raw).map_err(not_json)?,
            None,
        )
    };
    let op = match envelope.op.as_deref() {
        Some("r") => Op::Read,
        Some("c") => Op::Create,
        Some("u") => Op::Update,
        Some("d") => Op::Delete,
        Some("t") => Op::Truncate,
        Some("m") => Op::Message,
        _ => return Err(RecordError::NoOp),
    };
    let key = key_raw.and_then(|k| {
        if k.trim_start().starts_with("{\"schema\"") {
            serde_json::from_str::<WrappedKey>(k)
                .ok()
                .and_then(|w| w.payload)
        } else {
            serde_json::from_str::<Map<String, Value>>(k).ok()
        }
    });
    let src = envelope.source.unwrap_or_default();
    Ok(Entry::Change(Box::new(Change {
        op,
        key,
        before: envelope.before,
        after: envelope.after,
        db: src.db,
        schema: src.schema,
        table: src.table,
        server: src.name,
        types,
    })))
}

impl Change {
    /// The row a job sees with `row_format: partial`: `after`, or `before` for deletes.
    pub fn row(&self) -> Map<String, Value> {
        match self.op {
            Op::Delete => self.before.clone().unwrap_or_default(),
            _ => self
                .after
                .clone()
                .or_else(|| self.before.clone())
                .unwrap_or_default(),
        }
    }

    /// The key column values, falling back to the row when the key is absent.
    pub fn key_values(&self) -> Option<Vec<(String, Value)>> {
        let key = self.key.as_ref()?;
        Some(key.iter().map(|(k, v)| (k.clone(), v.clone())).collect())
    }

    /// The record a job sees with `row_format: full`.
    pub fn full(&self) -> Value {
        let mut m = Map::new();
        m.insert(
            "key".into(),
            self.key.clone().map(Value::Object).unwrap_or(Value::Null),
        );
        m.insert(
            "before".into(),
            self.before
                .clone()
                .map(Value::Object)
                .unwrap_or(Value::Null),
        );
        m.insert(
            "after".into(),
            self.after.clone().map(Value::Object).unwrap_or(Value::Null),
        );
        m.insert("opcode".into(), Value::from(self.op.code()));
        m.insert("db".into(), Value::from(self.db.clone()));
        m.insert("table".into(), Value::from(self.table.clone()));
        m.insert("schema".into(), Value::from(self.schema.clone()));
        Value::Object(m)
    }

    /// The field type of a column, when known.
    pub fn field_type(&self, column: &str) -> Option<FieldType> {
        let f = self.types.as_ref()?.get(column)?;
        Some(FieldType {
            ty: f
                .get("type")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string(),
            name: f.get("name").and_then(Value::as_str).map(str::to_string),
            scale: f
                .get("parameters")
                .and_then(|p| p.get("scale"))
                .and_then(Value::as_str)
                .and_then(|s| s.parse().ok()),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extended_schemaless_entry() {
        let fields = vec![
            ("key".to_string(), r#"{"id":1}"#.to_string()),
            ("value".to_string(), r#"{"before":null,"after":{"id":1,"v":"a"},"source":{"name":"p","db":"d","schema":"public","table":"t"},"op":"c"}"#.to_string()),
            ("__DEBEZIUM.CONTEXT.TASKID".to_string(), "{}".to_string()),
        ];
        let Entry::Change(c) = parse_entry(&fields, "default").unwrap() else {
            panic!()
        };
        assert_eq!(c.op, Op::Create);
        assert_eq!(c.table, "t");
        assert_eq!(c.key.unwrap()["id"], 1);
        assert!(c.types.is_none());
    }

    #[test]
    fn compact_entry_with_schemas_and_tombstone() {
        let key = r#"{"schema":{"type":"struct","fields":[{"type":"int32","optional":false,"field":"id"}]},"payload":{"id":7}}"#;
        let value = r#"{"schema":{"type":"struct","fields":[{"type":"struct","fields":[{"type":"int32","optional":false,"field":"id"},{"type":"int32","optional":true,"name":"io.debezium.time.Date","version":1,"field":"d"}],"optional":true,"field":"before"},{"type":"struct","fields":[{"type":"int32","optional":false,"field":"id"},{"type":"int32","optional":true,"name":"io.debezium.time.Date","version":1,"field":"d"}],"optional":true,"field":"after"}]},"payload":{"before":{"id":7,"d":1},"after":null,"source":{"name":"p","db":"d","schema":"s","table":"t"},"op":"d"}}"#;
        let Entry::Change(c) = parse_entry(&[(key.into(), value.into())], "default").unwrap()
        else {
            panic!()
        };
        assert_eq!(c.op, Op::Delete);
        assert_eq!(c.row()["id"], 7);
        assert_eq!(
            c.field_type("d").unwrap().name.as_deref(),
            Some("io.debezium.time.Date")
        );
        assert_eq!(
            parse_entry(&[(key.into(), "default".into())], "default").unwrap(),
            Entry::Tombstone
        );
        assert!(parse_entry(&[("k".into(), "{\"x\":1}".into())], "default").is_err());
    }
}
