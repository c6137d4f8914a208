//! Turning encoded rows into sink records: key/value JSON with or without schemas, tombstones,
//! and the record headers Debezium attaches (context headers, old/new key on a key change).

use std::sync::Arc;

use protocol::envelope::{self, Record, ValueParts};
use protocol::profile::{MessageFormat, OutputProfile};

fn transaction_schemas() -> &'static (String, String) {
    static S: std::sync::OnceLock<(String, String)> = std::sync::OnceLock::new();
    S.get_or_init(|| {
        (
            envelope::transaction_key_schema().to_json(),
            envelope::transaction_value_schema().to_json(),
        )
    })
}

/// Builds records for one connector run.
#[derive(Debug, Clone)]
pub struct Emitter {
    pub profile: OutputProfile,
    context: Vec<(Arc<str>, Arc<str>)>,
    pub tombstones: bool,
}

/// A table's key for one event.
#[derive(Debug, Clone, Copy)]
pub struct KeyRef<'a> {
    pub schema_json: Option<&'a str>,
    /// Key payload JSON; None for tables without a key.
    pub payload: Option<&'a str>,
}

impl Emitter {
    pub fn new(
        profile: OutputProfile,
        logical_name: &str,
        connector: &str,
        tombstones: bool,
    ) -> Self {
        let run_id = format!("{:032x}", rand::random::<u128>());
        let run_id = format!(
            "{}-{}-{}-{}-{}",
            &run_id[0..8],
            &run_id[8..12],
            &run_id[12..16],
            &run_id[16..20],
            &run_id[20..32]
        );
        Emitter {
            profile,
            context: envelope::context_headers(logical_name, connector, &run_id)
                .into_iter()
                .map(|(k, v)| (Arc::from(k), Arc::from(v)))
                .collect(),
            tombstones,
        }
    }

    fn key_json(&self, key: KeyRef<'_>) -> Option<String> {
        let payload = key.payload?;
        let mut s = String::with_capacity(payload.len() + key.schema_json.map_or(0, str::len) + 24);
        envelope::write_with_schema(
            &mut s,
            if self.profile.key_schemas {
                key.schema_json
            } else {
                None
            },
            payload,
        );
        Some(s)
    }

    /// The header form of a key (the header converter always has schemas on).
    fn key_header(key: KeyRef<'_>) -> Option<String> {
        let payload = key.payload?;
        let mut s = String::new();
        envelope::write_with_schema(&mut s, key.schema_json, payload);
        Some(s)
    }

    fn headers(&self, extra: Option<(&str, KeyRef<'_>)>) -> Vec<(Arc<str>, Arc<str>)> {
        if self.profile.message_format != MessageFormat::Extended {
            return Vec::new();
        }
        let mut h = Vec::with_capacity(self.context.len() + 1);
        if let Some((name, k)) = extra {
            if let Some(v) = Self::key_header(k) {
                h.push((Arc::from(name), Arc::from(v)));
            }
        }
        h.extend(self.context.iter().cloned());
        h
    }

    /// A change event; `key_change` is `("__DEBEZIUM.NEWKEY"|"__DEBEZIUM.OLDKEY", other key)`.
    pub fn change(
        &self,
        stream: &str,
        key: KeyRef<'_>,
        value_schema_json: &str,
        parts: &ValueParts<'_>,
        key_change: Option<(&str, KeyRef<'_>)>,
        out: &mut Vec<Record>,
    ) {
        let mut value = String::with_capacity(
            256 + parts.before.map_or(0, str::len)
                + parts.after.map_or(0, str::len)
                + if self.profile.value_schemas {
                    value_schema_json.len()
                } else {
                    0
                },
        );
        envelope::write_value(
            &mut value,
            if self.profile.value_schemas {
                Some(value_schema_json)
            } else {
                None
            },
            parts,
        );
        out.push(Record {
            stream: stream.to_string(),
            key: self.key_json(key),
            value: Some(value),
            headers: self.headers(key_change),
            op: Some(parts.op),
        });
    }

    /// A record of the transaction topic (BEGIN/END): no headers, as Debezium sends them.
    pub fn transaction(
        &self,
        stream: &str,
        key_payload: &str,
        value_payload: &str,
        out: &mut Vec<Record>,
    ) {
        let (ks, vs) = transaction_schemas();
        let mut key = String::new();
        envelope::write_with_schema(
            &mut key,
            self.profile.key_schemas.then_some(ks.as_str()),
            key_payload,
        );
        let mut value = String::new();
        envelope::write_with_schema(
            &mut value,
            self.profile.value_schemas.then_some(vs.as_str()),
            value_payload,
        );
        out.push(Record {
            stream: stream.to_string(),
            key: Some(key),
            value: Some(value),
            headers: Vec::new(),
            op: None,
        });
    }

    /// A record whose value payload is already rendered (schema-change events).
    pub fn raw(
        &self,
        stream: &str,
        key: KeyRef<'_>,
        value_schema_json: &str,
        value_payload: &str,
        out: &mut Vec<Record>,
    ) {
        let mut value = String::with_capacity(value_payload.len() + value_schema_json.len() + 24);
        envelope::write_with_schema(
            &mut value,
            self.profile.value_schemas.then_some(value_schema_json),
            value_payload,
        );
        out.push(Record {
            stream: stream.to_string(),
            key: self.key_json(key),
            value: Some(value),
            headers: self.headers(None),
            op: None,
        });
    }

    /// The tombstone that follows a delete, when enabled.
    pub fn tombstone(
        &self,
        stream: &str,
        key: KeyRef<'_>,
        key_change: Option<(&str, KeyRef<'_>)>,
        out: &mut Vec<Record>,
    ) {
        if !self.tombstones {
            return;
        }
        out.push(Record {
            stream: stream.to_string(),
            key: self.key_json(key),
            value: None,
            headers: self.headers(key_change),
            op: None,
        });
    }
}
