//! The Debezium change-event envelope and the record that carries it to a stream.
//!
//! Value struct members in order: `before`, `after`, `source`, `transaction`, `op`, `ts_ms`,
//! `ts_us`, `ts_ns` (envelope schema version 2). Row images and the source block are written by
//! the source connector; this module assembles them, with or without the `{schema, payload}`
//! wrapper, and builds the schemas that do not depend on a table.

use crate::json;
use crate::profile::{MessageFormat, OutputProfile};
use crate::schema::{Field, Schema, Type};

/// Debezium's `op` codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    Read,
    Create,
    Update,
    Delete,
    Truncate,
    Message,
}

impl Op {
    pub fn code(self) -> &'static str {
        match self {
            Op::Read => "r",
            Op::Create => "c",
            Op::Update => "u",
            Op::Delete => "d",
            Op::Truncate => "t",
            Op::Message => "m",
        }
    }
}

/// `source.snapshot` (an `io.debezium.data.Enum`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SnapshotMarker {
    False,
    True,
    First,
    FirstInDataCollection,
    LastInDataCollection,
    Last,
    Incremental,
}

impl SnapshotMarker {
    pub fn as_str(self) -> &'static str {
        match self {
            SnapshotMarker::False => "false",
            SnapshotMarker::True => "true",
            SnapshotMarker::First => "first",
            SnapshotMarker::FirstInDataCollection => "first_in_data_collection",
            SnapshotMarker::LastInDataCollection => "last_in_data_collection",
            SnapshotMarker::Last => "last",
            SnapshotMarker::Incremental => "incremental",
        }
    }

    /// The marker of a row, following Debezium 3.x's priority: `last` (last row of the last
    /// table) > `first` (first row of the first table) > `last_in_data_collection` >
    /// `first_in_data_collection` > `true`. A one-row table is therefore `last_in_data_collection`.
    pub fn for_row(first_table: bool, last_table: bool, first_row: bool, last_row: bool) -> Self {
        if last_row && last_table {
            SnapshotMarker::Last
        } else if first_row && first_table {
            SnapshotMarker::First
        } else if last_row {
            SnapshotMarker::LastInDataCollection
        } else if first_row {
            SnapshotMarker::FirstInDataCollection
        } else {
            SnapshotMarker::True
        }
    }
}

/// Processing time, written as the envelope's `ts_ms`/`ts_us`/`ts_ns`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timestamp {
    pub nanos: i128,
}

impl Timestamp {
    pub fn now() -> Self {
        let d = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap_or_default();
        Timestamp {
            nanos: d.as_nanos() as i128,
        }
    }
    pub fn from_micros(us: i64) -> Self {
        Timestamp {
            nanos: us as i128 * 1000,
        }
    }
    pub fn millis(self) -> i64 {
        (self.nanos.div_euclid(1_000_000)) as i64
    }
    pub fn micros(self) -> i64 {
        (self.nanos.div_euclid(1000)) as i64
    }
    pub fn nanos(self) -> i64 {
        self.nanos as i64
    }
}

fn enum_schema(allowed: &str, default: &str) -> Schema {
    Schema::new(Type::String)
        .optional(true)
        .named("io.debezium.data.Enum")
        .version(1)
        .param("allowed", allowed)
        .default_json(format!("\"{default}\""))
}

/// The common members of every connector's source block, in Debezium's order.
pub fn common_source_fields() -> Vec<Field> {
    vec![
        Field::new("version", Schema::new(Type::String)),
        Field::new("connector", Schema::new(Type::String)),
        Field::new("name", Schema::new(Type::String)),
        Field::new("ts_ms", Schema::new(Type::Int64)),
        Field::new(
            "snapshot",
            enum_schema(
                "true,first,first_in_data_collection,last_in_data_collection,last,false,incremental",
                "false",
            ),
        ),
        Field::new("db", Schema::new(Type::String)),
        Field::new("sequence", Schema::new(Type::String).optional(true)),
        Field::new("ts_us", Schema::new(Type::Int64).optional(true)),
        Field::new("ts_ns", Schema::new(Type::Int64).optional(true)),
    ]
}

/// `io.debezium.connector.postgresql.Source`.
pub fn pg_source_schema() -> Schema {
    let mut f = common_source_fields();
    f.push(Field::new("schema", Schema::new(Type::String)));
    f.push(Field::new("table", Schema::new(Type::String)));
    f.push(Field::new("txId", Schema::new(Type::Int64).optional(true)));
    f.push(Field::new("lsn", Schema::new(Type::Int64).optional(true)));
    f.push(Field::new("xmin", Schema::new(Type::Int64).optional(true)));
    f.push(Field::new(
        "origin",
        Schema::new(Type::String).optional(true),
    ));
    f.push(Field::new(
        "origin_lsn",
        Schema::new(Type::Int64).optional(true),
    ));
    Schema::strukt(f)
        .named("io.debezium.connector.postgresql.Source")
        .version(1)
}

/// `io.debezium.connector.sqlserver.Source` (Debezium's `SqlServerSourceInfoStructMaker`).
pub fn sqlserver_source_schema() -> Schema {
    let mut f = common_source_fields();
    f.push(Field::new("schema", Schema::new(Type::String)));
    f.push(Field::new("table", Schema::new(Type::String)));
    f.push(Field::new(
        "change_lsn",
        Schema::new(Type::String).optional(true),
    ));
    f.push(Field::new(
        "commit_lsn",
        Schema::new(Type::String).optional(true),
    ));
    f.push(Field::new(
        "event_serial_no",
        Schema::new(Type::Int64).optional(true),
    ));
    Schema::strukt(f)
        .named("io.debezium.connector.sqlserver.Source")
        .version(1)
}

/// The `transaction` block schema (`event.block`).
pub fn transaction_block_schema() -> Schema {
    Schema::strukt(vec![
        Field::new("id", Schema::new(Type::String)),
        Field::new("total_order", Schema::new(Type::Int64)),
        Field::new("data_collection_order", Schema::new(Type::Int64)),
    ])
    .optional(true)
    .named("event.block")
    .version(1)
}

/// The envelope schema of a table: `<topic>.Envelope`, version 2, over its `<topic>.Value` row.
pub fn envelope_schema(topic: &str, row_fields: Vec<Field>, source: Schema) -> Schema {
    let row = Schema::strukt(row_fields)
        .optional(true)
        .named(format!("{topic}.Value"));
    Schema::strukt(vec![
        Field::new("before", row.clone()),
        Field::new("after", row),
        Field::new("source", source),
        Field::new("transaction", transaction_block_schema()),
        Field::new("op", Schema::new(Type::String)),
        Field::new("ts_ms", Schema::new(Type::Int64).optional(true)),
        Field::new("ts_us", Schema::new(Type::Int64).optional(true)),
        Field::new("ts_ns", Schema::new(Type::Int64).optional(true)),
    ])
    .named(format!("{topic}.Envelope"))
    .version(2)
}

/// The key schema `<topic>.Key`, or None for a table without a primary key.
pub fn key_schema(topic: &str, key_fields: Vec<Field>) -> Option<Schema> {
    if key_fields.is_empty() {
        None
    } else {
        Some(Schema::strukt(key_fields).named(format!("{topic}.Key")))
    }
}

/// The pieces of one change event's value.
#[derive(Debug, Clone, Copy)]
pub struct ValueParts<'a> {
    /// Row JSON objects (already written by the source codec).
    pub before: Option<&'a str>,
    pub after: Option<&'a str>,
    /// The source block JSON object.
    pub source: &'a str,
    /// The transaction block JSON object, if transaction metadata is on.
    pub transaction: Option<&'a str>,
    pub op: Op,
    pub ts: Timestamp,
}

/// Appends the value JSON; `schema_json` wraps it as `{"schema":..,"payload":..}`.
pub fn write_value(out: &mut String, schema_json: Option<&str>, v: &ValueParts<'_>) {
    if let Some(s) = schema_json {
        out.push_str("{\"schema\":");
        out.push_str(s);
        out.push_str(",\"payload\":");
    }
    out.push_str("{\"before\":");
    out.push_str(v.before.unwrap_or("null"));
    out.push_str(",\"after\":");
    out.push_str(v.after.unwrap_or("null"));
    out.push_str(",\"source\":");
    out.push_str(v.source);
    out.push_str(",\"transaction\":");
    out.push_str(v.transaction.unwrap_or("null"));
    out.push_str(",\"op\":\"");
    out.push_str(v.op.code());
    out.push_str("\",\"ts_ms\":");
    json::write_i64(out, v.ts.millis());
    out.push_str(",\"ts_us\":");
    json::write_i64(out, v.ts.micros());
    out.push_str(",\"ts_ns\":");
    json::write_i64(out, v.ts.nanos());
    out.push('}');
    if schema_json.is_some() {
        out.push('}');
    }
}

/// Appends `payload` wrapped with its schema when `schema_json` is given.
pub fn write_with_schema(out: &mut String, schema_json: Option<&str>, payload: &str) {
    match schema_json {
        Some(s) => {
            out.push_str("{\"schema\":");
            out.push_str(s);
            out.push_str(",\"payload\":");
            out.push_str(payload);
            out.push('}');
        }
        None => out.push_str(payload),
    }
}

/// The Postgres source block's values.
#[derive(Debug, Clone)]
pub struct PgSource<'a> {
    pub name: &'a str,
    pub db: &'a str,
    /// Database time of the event (commit time while streaming), µs since the epoch.
    pub ts_us: i64,
    pub snapshot: SnapshotMarker,
    /// (last commit LSN, this event's LSN) for `sequence`.
    pub sequence: Option<(Option<u64>, Option<u64>)>,
    pub schema: &'a str,
    pub table: &'a str,
    pub tx_id: Option<i64>,
    pub lsn: Option<u64>,
}

impl PgSource<'_> {
    pub fn write_json(&self, out: &mut String) {
        out.push_str("{\"version\":\"");
        out.push_str(crate::DEBEZIUM_VERSION);
        out.push_str("\",\"connector\":\"postgresql\",\"name\":");
        json::write_str(out, self.name);
        out.push_str(",\"ts_ms\":");
        json::write_i64(out, self.ts_us.div_euclid(1000));
        out.push_str(",\"snapshot\":\"");
        out.push_str(self.snapshot.as_str());
        out.push_str("\",\"db\":");
        json::write_str(out, self.db);
        out.push_str(",\"sequence\":");
        match self.sequence {
            None => out.push_str("null"),
            Some((a, b)) => {
                let part = |v: Option<u64>| match v {
                    Some(v) => format!("\\\"{v}\\\""),
                    None => "null".to_string(),
                };
                out.push_str("\"[");
                out.push_str(&part(a));
                out.push(',');
                out.push_str(&part(b));
                out.push_str("]\"");
            }
        }
        out.push_str(",\"ts_us\":");
        json::write_i64(out, self.ts_us);
        out.push_str(",\"ts_ns\":");
        json::write_i64(out, self.ts_us.saturating_mul(1000));
        out.push_str(",\"schema\":");
        json::write_str(out, self.schema);
        out.push_str(",\"table\":");
        json::write_str(out, self.table);
        out.push_str(",\"txId\":");
        match self.tx_id {
            Some(t) => json::write_i64(out, t),
            None => out.push_str("null"),
        }
        out.push_str(",\"lsn\":");
        match self.lsn {
            Some(l) => json::write_i64(out, l as i64),
            None => out.push_str("null"),
        }
        out.push_str(",\"xmin\":null,\"origin\":null,\"origin_lsn\":null}");
    }
}

/// The members every connector's source block starts with, up to `ts_ns`, for a source whose
/// `sequence` is null and whose time is in milliseconds (leaves the object open).
fn write_common_source(
    out: &mut String,
    connector: &str,
    name: &str,
    ts_ms: i64,
    snapshot: SnapshotMarker,
    db: &str,
) {
    out.push_str("{\"version\":\"");
    out.push_str(crate::DEBEZIUM_VERSION);
    out.push_str("\",\"connector\":");
    json::write_str(out, connector);
    out.push_str(",\"name\":");
    json::write_str(out, name);
    out.push_str(",\"ts_ms\":");
    json::write_i64(out, ts_ms);
    out.push_str(",\"snapshot\":\"");
    out.push_str(snapshot.as_str());
    out.push_str("\",\"db\":");
    json::write_str(out, db);
    out.push_str(",\"sequence\":null,\"ts_us\":");
    json::write_i64(out, ts_ms.saturating_mul(1000));
    out.push_str(",\"ts_ns\":");
    json::write_i64(out, ts_ms.saturating_mul(1_000_000));
}

/// The MySQL/MariaDB source block (Debezium's field order), as the snapshot and the binlog
/// write it.
#[derive(Debug, Clone)]
pub struct MySource<'a> {
    pub connector: &'a str,
    pub name: &'a str,
    pub ts_ms: i64,
    pub snapshot: SnapshotMarker,
    pub db: &'a str,
    pub table: Option<&'a str>,
    pub server_id: i64,
    pub gtid: Option<&'a str>,
    pub file: &'a str,
    pub pos: u64,
    pub row: i32,
    pub thread: Option<i64>,
}

impl MySource<'_> {
    pub fn write_json(&self, out: &mut String) {
        write_common_source(
            out,
            self.connector,
            self.name,
            self.ts_ms,
            self.snapshot,
            self.db,
        );
        out.push_str(",\"table\":");
        match self.table {
            Some(t) => json::write_str(out, t),
            None => out.push_str("null"),
        }
        out.push_str(",\"server_id\":");
        json::write_i64(out, self.server_id);
        out.push_str(",\"gtid\":");
        match self.gtid {
            Some(g) => json::write_str(out, g),
            None => out.push_str("null"),
        }
        out.push_str(",\"file\":");
        json::write_str(out, self.file);
        out.push_str(",\"pos\":");
        json::write_i64(out, self.pos as i64);
        out.push_str(",\"row\":");
        json::write_i64(out, self.row as i64);
        out.push_str(",\"thread\":");
        match self.thread {
            Some(t) => json::write_i64(out, t),
            None => out.push_str("null"),
        }
        out.push_str(",\"query\":null}");
    }
}

/// The SQL Server source block (Debezium's field order): `db` is the database, `change_lsn`
/// the row's `__$seqval`, `commit_lsn` its `__$start_lsn` (both absent in a snapshot's rows but
/// for the snapshot's commit LSN), `event_serial_no` 1, or 2 for an update.
#[derive(Debug, Clone)]
pub struct SqlServerSource<'a> {
    pub name: &'a str,
    pub ts_ms: i64,
    pub snapshot: SnapshotMarker,
    pub db: &'a str,
    pub schema: &'a str,
    pub table: &'a str,
    pub change_lsn: Option<&'a str>,
    pub commit_lsn: Option<&'a str>,
    pub event_serial_no: Option<i64>,
}

impl SqlServerSource<'_> {
    pub fn write_json(&self, out: &mut String) {
        write_common_source(
            out,
            "sqlserver",
            self.name,
            self.ts_ms,
            self.snapshot,
            self.db,
        );
        out.push_str(",\"schema\":");
        json::write_str(out, self.schema);
        out.push_str(",\"table\":");
        json::write_str(out, self.table);
        let opt = |out: &mut String, v: Option<&str>| match v {
            Some(v) => json::write_str(out, v),
            None => out.push_str("null"),
        };
        out.push_str(",\"change_lsn\":");
        opt(out, self.change_lsn);
        out.push_str(",\"commit_lsn\":");
        opt(out, self.commit_lsn);
        out.push_str(",\"event_serial_no\":");
        match self.event_serial_no {
            Some(n) => json::write_i64(out, n),
            None => out.push_str("null"),
        }
        out.push('}');
    }
}

/// One record on its way to a stream: what Debezium hands its sink.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// Destination stream (topic after routing).
    pub stream: String,
    /// Key JSON, None for tables without a key and truncates.
    pub key: Option<String>,
    /// Value JSON, None for a tombstone.
    pub value: Option<String>,
    /// Record headers (name, JSON value), in Debezium's order. Shared strings: the context
    /// headers are the same for every record of a run.
    pub headers: Vec<(std::sync::Arc<str>, std::sync::Arc<str>)>,
    /// The change's operation; None for tombstones, transaction and schema-change records.
    pub op: Option<Op>,
}

impl Record {
    /// The stream entry's field/value pairs, laid out as Debezium Server's Redis sink does.
    pub fn entry_fields<'a>(&'a self, profile: &'a OutputProfile) -> Vec<(&'a str, &'a str)> {
        let key = self.key.as_deref().unwrap_or(&profile.null_key);
        let value = self.value.as_deref().unwrap_or(&profile.null_value);
        match profile.message_format {
            MessageFormat::Compact => vec![(key, value)],
            MessageFormat::Extended => {
                let mut v = Vec::with_capacity(2 + self.headers.len());
                v.push(("key", key));
                v.push(("value", value));
                for (h, val) in &self.headers {
                    v.push((&**h, &**val));
                }
                v
            }
        }
    }
}

/// Debezium's context headers as the JSON header converter (schemas on) writes them, already
/// upper-cased as the extended message format names them.
pub fn context_headers(logical_name: &str, connector: &str, run_id: &str) -> Vec<(String, String)> {
    let h = |v: &str| {
        let mut s =
            String::from("{\"schema\":{\"type\":\"string\",\"optional\":false},\"payload\":");
        json::write_str(&mut s, v);
        s.push('}');
        s
    };
    vec![
        (
            "__DEBEZIUM.CONTEXT.CONNECTORLOGICALNAME".into(),
            h(logical_name),
        ),
        ("__DEBEZIUM.CONTEXT.TASKID".into(), h("0")),
        ("__DEBEZIUM.CONTEXT.CONNECTORNAME".into(), h(connector)),
        ("__DEBEZIUM.CONTEXT.RUNID".into(), h(run_id)),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Debezium's `SourceInfoTest` (SQL Server): schema field order, types and optionality, and
    /// the values of its example (`testdata/sqlserver/source_info.json`).
    #[test]
    fn sqlserver_source_block_is_debeziums() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../testdata/sqlserver/source_info.json");
        let fx: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(root).unwrap()).unwrap();
        let schema: serde_json::Value =
            serde_json::from_str(&sqlserver_source_schema().to_json()).unwrap();
        assert_eq!(schema["name"], fx["schema"]["name"]);
        assert_eq!(schema["version"], fx["schema"]["version"]);
        let ours = schema["fields"].as_array().unwrap();
        let theirs = fx["schema"]["fields"].as_array().unwrap();
        assert_eq!(ours.len(), theirs.len());
        for (a, b) in ours.iter().zip(theirs) {
            assert_eq!(a["field"], b["name"]);
            assert_eq!(a["type"], b["type"], "{}", b["name"]);
            assert_eq!(a["optional"], b["optional"], "{}", b["name"]);
        }
        let mut out = String::new();
        SqlServerSource {
            name: "serverX",
            ts_ms: 3000,
            snapshot: SnapshotMarker::True,
            db: "c",
            schema: "s",
            table: "t",
            change_lsn: Some("01"),
            commit_lsn: Some("02"),
            event_serial_no: Some(30),
        }
        .write_json(&mut out);
        let mut ours: serde_json::Value = serde_json::from_str(&out).unwrap();
        let mut want = fx["example_struct_json"]["value"].clone();
        ours["version"] = serde_json::Value::Null;
        want["version"] = serde_json::Value::Null;
        assert_eq!(ours, want);
        let keys: Vec<&String> = ours.as_object().unwrap().keys().collect();
        let order: Vec<&str> = theirs.iter().map(|f| f["name"].as_str().unwrap()).collect();
        assert_eq!(keys, order, "field order");
    }

    #[test]
    fn markers() {
        assert_eq!(
            SnapshotMarker::for_row(true, false, true, false),
            SnapshotMarker::First
        );
        assert_eq!(
            SnapshotMarker::for_row(false, true, false, true),
            SnapshotMarker::Last
        );
        assert_eq!(
            SnapshotMarker::for_row(false, false, true, false),
            SnapshotMarker::FirstInDataCollection
        );
        assert_eq!(
            SnapshotMarker::for_row(false, false, true, true),
            SnapshotMarker::LastInDataCollection
        );
        assert_eq!(
            SnapshotMarker::for_row(true, false, true, true),
            SnapshotMarker::First
        );
    }

    #[test]
    fn value_layout() {
        let mut src = String::new();
        PgSource {
            name: "p",
            db: "d",
            ts_us: 1_500,
            snapshot: SnapshotMarker::False,
            sequence: Some((Some(1), Some(2))),
            schema: "public",
            table: "t",
            tx_id: Some(7),
            lsn: Some(2),
        }
        .write_json(&mut src);
        let mut out = String::new();
        write_value(
            &mut out,
            None,
            &ValueParts {
                before: None,
                after: Some("{\"id\":1}"),
                source: &src,
                transaction: None,
                op: Op::Create,
                ts: Timestamp::from_micros(2_000_001),
            },
        );
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(v["source"]["sequence"], "[\"1\",\"2\"]");
        assert_eq!(v["source"]["ts_ms"], 1);
        assert_eq!(v["ts_ms"], 2000);
        assert_eq!(v["ts_ns"], 2_000_001_000i64);
        assert_eq!(v["op"], "c");
    }
}

/// `io.debezium.connector.common.TransactionMetadataKey`.
pub fn transaction_key_schema() -> Schema {
    Schema::strukt(vec![Field::new("id", Schema::new(Type::String))])
        .named("io.debezium.connector.common.TransactionMetadataKey")
        .version(1)
}

/// `io.debezium.connector.common.TransactionMetadataValue`.
pub fn transaction_value_schema() -> Schema {
    let per_collection = Schema::strukt(vec![
        Field::new("data_collection", Schema::new(Type::String)),
        Field::new("event_count", Schema::new(Type::Int64)),
    ])
    .optional(true)
    .named("event.collection")
    .version(1);
    Schema::strukt(vec![
        Field::new("status", Schema::new(Type::String)),
        Field::new("id", Schema::new(Type::String)),
        Field::new("event_count", Schema::new(Type::Int64).optional(true)),
        Field::new(
            "data_collections",
            Schema::new(Type::Array(Box::new(per_collection))).optional(true),
        ),
        Field::new("ts_ms", Schema::new(Type::Int64)),
    ])
    .named("io.debezium.connector.common.TransactionMetadataValue")
    .version(1)
}

/// Java's `String.hashCode` over UTF-16 code units.
pub fn java_string_hash(s: &str) -> i32 {
    let mut h: i32 = 0;
    for u in s.encode_utf16() {
        h = h.wrapping_mul(31).wrapping_add(u as i32);
    }
    h
}

/// The order in which a `java.util.HashMap<String, _>` created empty and filled with `keys` (in
/// this insertion order, no removals) iterates them: by bucket of the spread hash for the final
/// table size, insertion order within a bucket. Debezium lists `data_collections` this way.
pub fn java_hashmap_order<'a>(keys: &[&'a str]) -> Vec<&'a str> {
    let mut cap: usize = 16;
    while keys.len() > cap * 3 / 4 {
        cap *= 2;
    }
    let mut idx: Vec<(usize, usize, &str)> = keys
        .iter()
        .enumerate()
        .map(|(i, k)| {
            let h = java_string_hash(k) as u32;
            let spread = h ^ (h >> 16);
            ((spread as usize) & (cap - 1), i, *k)
        })
        .collect();
    idx.sort();
    idx.into_iter().map(|(_, _, k)| k).collect()
}

/// Counts of one transaction, for its `transaction` blocks and its END record.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TransactionCounts {
    pub total: u64,
    /// (data collection `schema.table`, events), in first-touch order.
    pub per_collection: Vec<(String, u64)>,
}

impl TransactionCounts {
    /// Counts one event of `collection`; returns (total_order, data_collection_order).
    pub fn event(&mut self, collection: &str) -> (u64, u64) {
        self.total += 1;
        let n = match self
            .per_collection
            .iter_mut()
            .find(|(c, _)| c == collection)
        {
            Some((_, n)) => {
                *n += 1;
                *n
            }
            None => {
                self.per_collection.push((collection.to_string(), 1));
                1
            }
        };
        (self.total, n)
    }

    /// The END record's `data_collections` array JSON, in Java HashMap order.
    pub fn data_collections_json(&self) -> String {
        let keys: Vec<&str> = self
            .per_collection
            .iter()
            .map(|(c, _)| c.as_str())
            .collect();
        let mut s = String::from("[");
        for (i, k) in java_hashmap_order(&keys).into_iter().enumerate() {
            if i > 0 {
                s.push(',');
            }
            let n = self
                .per_collection
                .iter()
                .find(|(c, _)| c == k)
                .map_or(0, |(_, n)| *n);
            s.push_str("{\"data_collection\":");
            json::write_str(&mut s, k);
            s.push_str(",\"event_count\":");
            json::write_i64(&mut s, n as i64);
            s.push('}');
        }
        s.push(']');
        s
    }
}

/// A `transaction` block JSON.
pub fn transaction_block_json(id: &str, total_order: u64, collection_order: u64) -> String {
    let mut s = String::from("{\"id\":");
    json::write_str(&mut s, id);
    s.push_str(",\"total_order\":");
    json::write_i64(&mut s, total_order as i64);
    s.push_str(",\"data_collection_order\":");
    json::write_i64(&mut s, collection_order as i64);
    s.push('}');
    s
}

/// The BEGIN (counts None) or END record payloads: (key payload, value payload).
pub fn transaction_record_payloads(
    id: &str,
    counts: Option<&TransactionCounts>,
    ts_ms: i64,
) -> (String, String) {
    let mut key = String::from("{\"id\":");
    json::write_str(&mut key, id);
    key.push('}');
    let mut v = String::from("{\"status\":\"");
    v.push_str(if counts.is_some() { "END" } else { "BEGIN" });
    v.push_str("\",\"id\":");
    json::write_str(&mut v, id);
    match counts {
        None => v.push_str(",\"event_count\":null,\"data_collections\":null"),
        Some(c) => {
            v.push_str(",\"event_count\":");
            json::write_i64(&mut v, c.total as i64);
            v.push_str(",\"data_collections\":");
            v.push_str(&c.data_collections_json());
        }
    }
    v.push_str(",\"ts_ms\":");
    json::write_i64(&mut v, ts_ms);
    v.push('}');
    (key, v)
}

#[cfg(test)]
mod tx_tests {
    use super::*;

    #[test]
    fn hashmap_order_matches_debezium_golden() {
        // golden txmeta: a transaction touching b, then a, then c lists c, a, b
        assert_eq!(
            java_hashmap_order(&["public.b", "public.a", "public.c"]),
            vec!["public.c", "public.a", "public.b"]
        );
        assert_eq!(
            java_string_hash("public.a"),
            "public.a"
                .encode_utf16()
                .fold(0i32, |h, u| h.wrapping_mul(31).wrapping_add(u as i32))
        );
        let mut c = TransactionCounts::default();
        assert_eq!(c.event("public.b"), (1, 1));
        assert_eq!(c.event("public.a"), (2, 1));
        assert_eq!(c.event("public.b"), (3, 2));
        let (_, v) = transaction_record_payloads("7:9", Some(&c), 5);
        assert_eq!(
            v,
            r#"{"status":"END","id":"7:9","event_count":3,"data_collections":[{"data_collection":"public.a","event_count":1},{"data_collection":"public.b","event_count":2}],"ts_ms":5}"#
        );
    }
}

/// `io.debezium.connector.mysql.Source` (the MariaDB connector names its own `...mariadb.Source`).
pub fn mysql_source_schema(connector: &str) -> Schema {
    let mut f = common_source_fields();
    f.push(Field::new(
        "table",
        Schema::new(Type::String).optional(true),
    ));
    f.push(Field::new("server_id", Schema::new(Type::Int64)));
    f.push(Field::new("gtid", Schema::new(Type::String).optional(true)));
    f.push(Field::new("file", Schema::new(Type::String)));
    f.push(Field::new("pos", Schema::new(Type::Int64)));
    f.push(Field::new("row", Schema::new(Type::Int32)));
    f.push(Field::new(
        "thread",
        Schema::new(Type::Int64).optional(true),
    ));
    f.push(Field::new(
        "query",
        Schema::new(Type::String).optional(true),
    ));
    Schema::strukt(f)
        .named(format!("io.debezium.connector.{connector}.Source"))
        .version(1)
}

#[cfg(test)]
mod mysql_source_tests {
    use super::*;

    #[test]
    fn mysql_source_schema_matches_debezium() {
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../testdata/envelopes/mysql/server/streams/dbserver1.inventory.t_int.jsonl"
        ))
        .unwrap();
        let first: serde_json::Value = serde_json::from_str(text.lines().next().unwrap()).unwrap();
        let golden = first["value"]["schema"]["fields"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["field"] == "source")
            .unwrap()
            .to_string();
        let mut ours = String::new();
        mysql_source_schema("mysql").write_json(&mut ours, Some("source"));
        let ours: serde_json::Value = serde_json::from_str(&ours).unwrap();
        assert_eq!(ours.to_string(), golden);
    }
}
