//! Schema history records and schema-change events in Debezium's format.
//!
//! * [`record_json`]: one schema history record, the JSON Debezium's `RedisSchemaHistory` stores as
//!   the field [`HISTORY_FIELD`] of one stream entry (`source`, `position`, `ts_ms`, `databaseName`,
//!   `ddl`, `tableChanges`; compact, in that order). One per [`SchemaEvent`].
//! * [`apply_record`] ([`HistoryRecord::parse`] + [`recover`]): reading records back (ours or
//!   Debezium's) into [`Tables`] the way `AbstractSchemaHistory.recover` does: a record with
//!   `tableChanges` replaces or drops tables without parsing DDL; one without (SET, USE,
//!   CREATE DATABASE, ...) is re-applied through the DDL parser so its charsets and variables are
//!   known again.
//! * [`schema_change_schemas`] and [`event_payloads`]: the key/value of the schema change event on
//!   the `<topic.prefix>` topic (`include.schema.changes`); the output profile decides whether the
//!   schema wraps the payload (`protocol::envelope::write_with_schema`).

use protocol::json;
use protocol::schema::{Field, Schema, Type};
use serde_json::Value;

use protocol::offset::MySqlOffset;

use super::ddl::{Applied, ChangeKind, DdlError, SchemaEvent, TableChange};
use super::table::{Column, Table, TableId, Tables};

/// The stream entry field each history record is stored under.
pub const HISTORY_FIELD: &str = "schema";

#[derive(Debug, thiserror::Error)]
pub enum HistoryError {
    #[error("schema history record is not JSON: {0}")]
    Json(#[from] serde_json::Error),
    #[error("malformed schema history record: {0}")]
    Malformed(String),
    #[error("schema history record could not be replayed: {0}")]
    Ddl(#[from] DdlError),
}

fn malformed(what: impl Into<String>) -> HistoryError {
    HistoryError::Malformed(what.into())
}

// ---------------------------------------------------------------------------------------------
// Writing records (JsonTableChangeSerializer, HistoryRecord)
// ---------------------------------------------------------------------------------------------

/// The record's `position`: the offset map Debezium would store at that point.
pub fn position_json(offset: &MySqlOffset) -> String {
    offset.to_json()
}

/// One schema history record (write one per [`SchemaEvent`], with its `database`, `ddl` and
/// `table_changes()`). `server` is `topic.prefix` (the record's `source.server`), `position_json`
/// the offset map as JSON (written as given), `ts_ms` the event's processing time.
pub fn record_json(
    server: &str,
    position_json: &str,
    ts_ms: i64,
    database: &str,
    ddl: &str,
    changes: &[TableChange],
) -> String {
    let mut out = String::with_capacity(256 + ddl.len());
    out.push_str("{\"source\":{\"server\":");
    json::write_str(&mut out, server);
    out.push_str("},\"position\":");
    out.push_str(position_json);
    out.push_str(",\"ts_ms\":");
    json::write_i64(&mut out, ts_ms);
    out.push_str(",\"databaseName\":");
    json::write_str(&mut out, database);
    out.push_str(",\"ddl\":");
    json::write_str(&mut out, ddl);
    out.push_str(",\"tableChanges\":");
    write_table_changes(&mut out, changes);
    out.push('}');
    out
}

/// [`record_json`] of one event.
pub fn event_record_json(
    server: &str,
    position_json: &str,
    ts_ms: i64,
    event: &SchemaEvent,
) -> String {
    record_json(
        server,
        position_json,
        ts_ms,
        &event.database,
        &event.ddl,
        event.table_changes(),
    )
}

/// The `tableChanges` array of a history record.
pub fn table_changes_json(changes: &[TableChange]) -> String {
    let mut out = String::new();
    write_table_changes(&mut out, changes);
    out
}

fn write_opt_str(out: &mut String, v: Option<&str>) {
    match v {
        Some(s) => json::write_str(out, s),
        None => out.push_str("null"),
    }
}

fn write_str_array<'a>(out: &mut String, items: impl IntoIterator<Item = &'a String>) {
    out.push('[');
    for (i, s) in items.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        json::write_str(out, s);
    }
    out.push(']');
}

fn write_table_changes(out: &mut String, changes: &[TableChange]) {
    out.push('[');
    for (i, c) in changes.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str("{\"type\":\"");
        out.push_str(c.kind.as_str());
        out.push_str("\",\"id\":");
        json::write_str(out, &c.id.quoted());
        if let Some(p) = &c.previous_id {
            out.push_str(",\"previousId\":");
            json::write_str(out, &p.quoted());
        }
        if let Some(t) = &c.table {
            out.push_str(",\"table\":");
            write_table(out, t);
            out.push_str(",\"comment\":");
            write_opt_str(out, t.comment.as_deref());
        }
        out.push('}');
    }
    out.push(']');
}

pub(crate) fn write_table(out: &mut String, t: &Table) {
    out.push_str("{\"defaultCharsetName\":");
    write_opt_str(out, t.default_charset.as_deref());
    out.push_str(",\"primaryKeyColumnNames\":");
    write_str_array(out, &t.primary_key);
    out.push_str(",\"columns\":[");
    for (i, c) in t.columns.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        write_column(out, c);
    }
    out.push_str("],\"attributes\":[]}");
}

fn write_column(out: &mut String, c: &Column) {
    out.push_str("{\"name\":");
    json::write_str(out, &c.name);
    out.push_str(",\"jdbcType\":");
    json::write_i64(out, c.jdbc_type as i64);
    out.push_str(",\"typeName\":");
    json::write_str(out, &c.type_name);
    out.push_str(",\"typeExpression\":");
    json::write_str(out, &c.type_expression);
    out.push_str(",\"charsetName\":");
    write_opt_str(out, c.charset.as_deref());
    if let Some(l) = c.length {
        out.push_str(",\"length\":");
        json::write_i64(out, l);
    }
    if let Some(s) = c.scale {
        out.push_str(",\"scale\":");
        json::write_i64(out, s as i64);
    }
    out.push_str(",\"position\":");
    json::write_i64(out, c.position as i64);
    out.push_str(",\"optional\":");
    out.push_str(bool_str(c.optional));
    out.push_str(",\"autoIncremented\":");
    out.push_str(bool_str(c.auto_incremented));
    out.push_str(",\"generated\":");
    out.push_str(bool_str(c.generated));
    out.push_str(",\"comment\":");
    write_opt_str(out, c.comment.as_deref());
    out.push_str(",\"hasDefaultValue\":");
    out.push_str(bool_str(c.has_default));
    if let Some(d) = &c.default_expression {
        out.push_str(",\"defaultValueExpression\":");
        json::write_str(out, d);
    }
    out.push_str(",\"enumValues\":");
    write_str_array(out, &c.enum_values);
    out.push('}');
}

fn bool_str(b: bool) -> &'static str {
    if b {
        "true"
    } else {
        "false"
    }
}

// ---------------------------------------------------------------------------------------------
// Reading records back
// ---------------------------------------------------------------------------------------------

/// A schema history record as read back.
#[derive(Debug, Clone, PartialEq)]
pub struct HistoryRecord {
    /// `source` (`{"server": ...}`), compared with the stored offsets' partition.
    pub source: Value,
    /// `position`: the offset map at the time of the record.
    pub position: Value,
    pub ts_ms: Option<i64>,
    pub database_name: Option<String>,
    pub schema_name: Option<String>,
    pub ddl: Option<String>,
    pub table_changes: Vec<TableChange>,
}

impl HistoryRecord {
    /// Parses one record (the stream entry's [`HISTORY_FIELD`] value).
    pub fn parse(text: &str) -> Result<HistoryRecord, HistoryError> {
        let v: Value = serde_json::from_str(text)?;
        let o = v.as_object().ok_or_else(|| malformed("not an object"))?;
        let str_field = |k: &str| o.get(k).and_then(Value::as_str).map(str::to_string);
        let mut table_changes = Vec::new();
        if let Some(arr) = o.get("tableChanges") {
            let arr = arr
                .as_array()
                .ok_or_else(|| malformed("tableChanges is not an array"))?;
            for c in arr {
                table_changes.push(parse_change(c)?);
            }
        }
        Ok(HistoryRecord {
            source: o.get("source").cloned().unwrap_or(Value::Null),
            position: o.get("position").cloned().unwrap_or(Value::Null),
            ts_ms: o.get("ts_ms").and_then(Value::as_i64),
            database_name: str_field("databaseName"),
            schema_name: str_field("schemaName"),
            ddl: str_field("ddl"),
            table_changes,
        })
    }
}

fn parse_id(v: Option<&Value>, what: &str) -> Result<TableId, HistoryError> {
    let s = v
        .and_then(Value::as_str)
        .ok_or_else(|| malformed(format!("{what} missing")))?;
    TableId::parse_quoted(s).ok_or_else(|| malformed(format!("bad {what} `{s}`")))
}

/// `JsonTableChangeSerializer.fromDocument`.
fn parse_change(v: &Value) -> Result<TableChange, HistoryError> {
    let kind = match v.get("type").and_then(Value::as_str) {
        Some("CREATE") => ChangeKind::Create,
        Some("ALTER") => ChangeKind::Alter,
        Some("DROP") => ChangeKind::Drop,
        other => return Err(malformed(format!("unknown change type {other:?}"))),
    };
    let id = parse_id(v.get("id"), "id")?;
    let previous_id = match v.get("previousId") {
        Some(p) if !p.is_null() => Some(parse_id(Some(p), "previousId")?),
        _ => None,
    };
    let table = match kind {
        ChangeKind::Drop => None,
        _ => {
            let t = v
                .get("table")
                .filter(|t| t.is_object())
                .ok_or_else(|| malformed("table missing"))?;
            Some(parse_table(id.clone(), t)?)
        }
    };
    Ok(TableChange {
        kind,
        id,
        previous_id,
        table,
    })
}

fn parse_table(id: TableId, v: &Value) -> Result<Table, HistoryError> {
    let mut columns = Vec::new();
    if let Some(cols) = v.get("columns").and_then(Value::as_array) {
        for (i, c) in cols.iter().enumerate() {
            let mut col = parse_column(c)?;
            // positions follow the order (TableEditor.addColumn)
            col.position = i + 1;
            columns.push(col);
        }
    }
    let primary_key = v
        .get("primaryKeyColumnNames")
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(Value::as_str)
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default();
    Ok(Table {
        id,
        default_charset: v
            .get("defaultCharsetName")
            .and_then(Value::as_str)
            .map(str::to_string),
        primary_key,
        columns,
        // Debezium reads the comment from the table document, where it never writes it
        comment: v.get("comment").and_then(Value::as_str).map(str::to_string),
    })
}

fn parse_column(v: &Value) -> Result<Column, HistoryError> {
    let s = |k: &str| v.get(k).and_then(Value::as_str).map(str::to_string);
    let b = |k: &str| v.get(k).and_then(Value::as_bool).unwrap_or(false);
    let name = s("name").ok_or_else(|| malformed("column name missing"))?;
    let type_name = s("typeName").unwrap_or_default();
    let default_expression = s("defaultValueExpression");
    let optional = b("optional");
    // defaultValueExpression, else hasDefaultValue; then optional() adds the implicit NULL default
    let has_default = default_expression.is_some() || b("hasDefaultValue") || optional;
    Ok(Column {
        jdbc_type: v
            .get("jdbcType")
            .and_then(Value::as_i64)
            .ok_or_else(|| malformed(format!("jdbcType of `{name}` missing")))?
            as i32,
        type_expression: s("typeExpression").unwrap_or_else(|| type_name.clone()),
        type_name,
        charset: s("charsetName"),
        length: v.get("length").and_then(Value::as_i64),
        scale: v.get("scale").and_then(Value::as_i64).map(|x| x as i32),
        position: 0,
        optional,
        auto_incremented: b("autoIncremented"),
        generated: b("generated"),
        comment: s("comment"),
        has_default,
        default_expression,
        enum_values: v
            .get("enumValues")
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(Value::as_str)
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default(),
        name,
    })
}

/// Parses one stored record and replays it into `tables` (see [`recover`]).
pub fn apply_record(tables: &mut Tables, text: &str) -> Result<(), HistoryError> {
    recover(&HistoryRecord::parse(text)?, tables)
}

/// Replays one history record into [`Tables`] (`AbstractSchemaHistory.recover`); the caller feeds
/// the records at or before the stored offset, in stream order. A record with `tableChanges`
/// replaces (CREATE/ALTER, removing `previousId` first) or drops tables; one without has its `ddl`
/// applied in its `databaseName` unless the default DDL filter matches it.
pub fn recover(record: &HistoryRecord, tables: &mut Tables) -> Result<(), HistoryError> {
    if !record.table_changes.is_empty() {
        for c in &record.table_changes {
            match c.kind {
                ChangeKind::Create | ChangeKind::Alter => {
                    if let Some(p) = &c.previous_id {
                        tables.remove(p);
                    }
                    if let Some(t) = &c.table {
                        tables.insert(c.id.clone(), t.clone());
                    }
                }
                ChangeKind::Drop => {
                    tables.remove(&c.id);
                }
            }
        }
        return Ok(());
    }
    let Some(ddl) = &record.ddl else {
        return Ok(());
    };
    if super::ddl::filtered_by_default(ddl) {
        return Ok(());
    }
    let db = record.database_name.as_deref().unwrap_or("");
    super::ddl::apply(tables, db, ddl)?;
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Schema change events (ConnectTableChangeSerializer, SchemaFactory)
// ---------------------------------------------------------------------------------------------

/// `io.debezium.connector.<connector>.SchemaChangeKey`.
pub fn key_schema(connector: &str) -> Schema {
    Schema::strukt(vec![Field::new("databaseName", Schema::new(Type::String))])
        .named(format!("io.debezium.connector.{connector}.SchemaChangeKey"))
        .version(1)
}

fn opt(ty: Type) -> Schema {
    Schema::new(ty).optional(true)
}

/// `io.debezium.connector.schema.Column`.
fn column_schema() -> Schema {
    Schema::strukt(vec![
        Field::new("name", Schema::new(Type::String)),
        Field::new("jdbcType", Schema::new(Type::Int32)),
        Field::new("nativeType", opt(Type::Int32)),
        Field::new("typeName", Schema::new(Type::String)),
        Field::new("typeExpression", opt(Type::String)),
        Field::new("charsetName", opt(Type::String)),
        Field::new("length", opt(Type::Int32)),
        Field::new("scale", opt(Type::Int32)),
        Field::new("position", Schema::new(Type::Int32)),
        Field::new("optional", opt(Type::Boolean)),
        Field::new("autoIncremented", opt(Type::Boolean)),
        Field::new("generated", opt(Type::Boolean)),
        Field::new("comment", opt(Type::String)),
        Field::new("defaultValueExpression", opt(Type::String)),
        Field::new(
            "enumValues",
            Schema::new(Type::Array(Box::new(Schema::new(Type::String)))).optional(true),
        ),
    ])
    .named("io.debezium.connector.schema.Column")
    .version(1)
}

/// `io.debezium.connector.<connector>.SchemaChangeValue` over the connector's source schema.
pub fn value_schema(connector: &str, source: Schema) -> Schema {
    let table = Schema::strukt(vec![
        Field::new("defaultCharsetName", opt(Type::String)),
        Field::new(
            "primaryKeyColumnNames",
            Schema::new(Type::Array(Box::new(Schema::new(Type::String)))).optional(true),
        ),
        Field::new(
            "columns",
            Schema::new(Type::Array(Box::new(column_schema()))),
        ),
        Field::new("comment", opt(Type::String)),
    ])
    .optional(true)
    .named("io.debezium.connector.schema.Table")
    .version(1);
    let change = Schema::strukt(vec![
        Field::new("type", Schema::new(Type::String)),
        Field::new("id", Schema::new(Type::String)),
        Field::new("table", table),
    ])
    .named("io.debezium.connector.schema.Change")
    .version(1);
    Schema::strukt(vec![
        Field::new("source", source),
        Field::new("ts_ms", Schema::new(Type::Int64)),
        Field::new("databaseName", opt(Type::String)),
        Field::new("schemaName", opt(Type::String)),
        Field::new("ddl", opt(Type::String)),
        Field::new("tableChanges", Schema::new(Type::Array(Box::new(change)))),
    ])
    .named(format!(
        "io.debezium.connector.{connector}.SchemaChangeValue"
    ))
    .version(1)
}

/// The schema change topic's key and value schema JSON for a connector (`mysql`, `mariadb`).
pub fn schema_change_schemas(connector: &str) -> (String, String) {
    (
        key_schema(connector).to_json(),
        value_schema(
            connector,
            protocol::envelope::mysql_source_schema(connector),
        )
        .to_json(),
    )
}

/// Key and value payloads of one event's schema change message; `source_json` is the event's
/// rendered source block (`db` = the event's database, `table` = its `source_table`).
pub fn event_payloads(source_json: &str, ts_ms: i64, event: &SchemaEvent) -> (String, String) {
    payloads(
        source_json,
        ts_ms,
        &event.database,
        &event.ddl,
        event.table_changes(),
    )
}

/// Key and value payloads for a statement that produced a single event (see [`event_payloads`]).
pub fn schema_change_payloads(
    source_json: &str,
    ts_ms: i64,
    applied: &Applied,
    ddl: &str,
) -> (String, String) {
    payloads(source_json, ts_ms, &applied.database, ddl, &applied.changes)
}

/// Key `{"databaseName":..}` and value `{"source","ts_ms","databaseName","schemaName","ddl",
/// "tableChanges"}` payloads (`ConnectTableChangeSerializer`: no `previousId`, a drop carries
/// `"table":null`, unset numbers and empty `enumValues` are null, no `hasDefaultValue`).
pub fn payloads(
    source_json: &str,
    ts_ms: i64,
    database: &str,
    ddl: &str,
    changes: &[TableChange],
) -> (String, String) {
    let mut key = String::from("{\"databaseName\":");
    json::write_str(&mut key, database);
    key.push('}');
    let mut out = String::with_capacity(512 + ddl.len());
    out.push_str("{\"source\":");
    out.push_str(source_json);
    out.push_str(",\"ts_ms\":");
    json::write_i64(&mut out, ts_ms);
    out.push_str(",\"databaseName\":");
    json::write_str(&mut out, database);
    out.push_str(",\"schemaName\":null,\"ddl\":");
    json::write_str(&mut out, ddl);
    out.push_str(",\"tableChanges\":[");
    for (i, c) in changes.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str("{\"type\":\"");
        out.push_str(c.kind.as_str());
        out.push_str("\",\"id\":");
        json::write_str(&mut out, &c.id.quoted());
        out.push_str(",\"table\":");
        match &c.table {
            Some(t) => write_connect_table(&mut out, t),
            None => out.push_str("null"),
        }
        out.push('}');
    }
    out.push_str("]}");
    (key, out)
}

pub(crate) fn write_connect_table(out: &mut String, t: &Table) {
    out.push_str("{\"defaultCharsetName\":");
    write_opt_str(out, t.default_charset.as_deref());
    out.push_str(",\"primaryKeyColumnNames\":");
    write_str_array(out, &t.primary_key);
    out.push_str(",\"columns\":[");
    for (i, c) in t.columns.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str("{\"name\":");
        json::write_str(out, &c.name);
        out.push_str(",\"jdbcType\":");
        json::write_i64(out, c.jdbc_type as i64);
        out.push_str(",\"nativeType\":null,\"typeName\":");
        json::write_str(out, &c.type_name);
        out.push_str(",\"typeExpression\":");
        json::write_str(out, &c.type_expression);
        out.push_str(",\"charsetName\":");
        write_opt_str(out, c.charset.as_deref());
        out.push_str(",\"length\":");
        match c.length {
            Some(l) => json::write_i64(out, l),
            None => out.push_str("null"),
        }
        out.push_str(",\"scale\":");
        match c.scale {
            Some(s) => json::write_i64(out, s as i64),
            None => out.push_str("null"),
        }
        out.push_str(",\"position\":");
        json::write_i64(out, c.position as i64);
        out.push_str(",\"optional\":");
        out.push_str(bool_str(c.optional));
        out.push_str(",\"autoIncremented\":");
        out.push_str(bool_str(c.auto_incremented));
        out.push_str(",\"generated\":");
        out.push_str(bool_str(c.generated));
        out.push_str(",\"comment\":");
        write_opt_str(out, c.comment.as_deref());
        out.push_str(",\"defaultValueExpression\":");
        write_opt_str(out, c.default_expression.as_deref());
        out.push_str(",\"enumValues\":");
        if c.enum_values.is_empty() {
            out.push_str("null");
        } else {
            write_str_array(out, &c.enum_values);
        }
        out.push('}');
    }
    out.push_str("],\"comment\":");
    write_opt_str(out, t.comment.as_deref());
    out.push('}');
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::mysql::ddl;

    fn golden(path: &str) -> String {
        let p = format!(
            "{}/../testdata/envelopes/mysql/{path}",
            env!("CARGO_MANIFEST_DIR")
        );
        std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{p}: {e}"))
    }

    fn records(path: &str) -> Vec<Value> {
        golden(path)
            .lines()
            .map(|l| serde_json::from_str::<Value>(l).expect("golden line")["schema"].clone())
            .collect()
    }

    /// Replays every record's `ddl` through `ddl::apply` and checks that exactly one event comes
    /// out whose record equals the golden one (position and ts_ms copied from it).
    fn replay(path: &str) -> (Tables, Vec<SchemaEvent>) {
        let mut tables = Tables::new();
        let mut events = Vec::new();
        for (n, rec) in records(path).iter().enumerate() {
            let db = rec["databaseName"].as_str().unwrap();
            let text = rec["ddl"].as_str().unwrap();
            let applied = ddl::apply(&mut tables, db, text)
                .unwrap_or_else(|e| panic!("{path}:{}: {e}", n + 1));
            assert_eq!(
                applied.events.len(),
                1,
                "{path}:{}: {:?}",
                n + 1,
                applied.events
            );
            let ev = applied.events.into_iter().next().unwrap();
            let ours = event_record_json(
                rec["source"]["server"].as_str().unwrap(),
                &rec["position"].to_string(),
                rec["ts_ms"].as_i64().unwrap(),
                &ev,
            );
            assert_eq!(ours, rec.to_string(), "{path}:{}", n + 1);
            events.push(ev);
        }
        (tables, events)
    }

    #[test]
    fn replays_server_history() {
        replay("server/metadata/schema_history.jsonl");
    }

    #[test]
    fn replays_rdi_history() {
        replay("rdi/metadata/schema_history.jsonl");
    }

    #[test]
    fn replays_peer_histories() {
        replay("peer/server/metadata/schema_history.jsonl");
        replay("peer/rdi/metadata/schema_history.jsonl");
    }

    /// Reading the records back gives the same tables as parsing their DDL.
    #[test]
    fn recovers_tables_from_records() {
        for path in [
            "server/metadata/schema_history.jsonl",
            "peer/server/metadata/schema_history.jsonl",
        ] {
            let (parsed, _) = replay(path);
            let mut recovered = Tables::new();
            for line in golden(path).lines() {
                let outer: Value = serde_json::from_str(line).unwrap();
                apply_record(&mut recovered, &outer["schema"].to_string()).unwrap();
            }
            assert_eq!(*recovered, *parsed, "{path}");
            // and the charsets known to the parser came back with the re-applied DDL
            assert_eq!(
                recovered.ddl_state().database_charset("inventory"),
                Some("utf8mb4")
            );
            assert_eq!(
                recovered.ddl_state().variable("character_set_server"),
                Some("utf8mb4")
            );
        }
    }

    /// Our own records read back equal what was written.
    #[test]
    fn record_round_trip() {
        let (tables, events) = replay("peer/server/metadata/schema_history.jsonl");
        let mut back = Tables::new();
        for ev in &events {
            let text =
                event_record_json("dbserver1", "{\"file\":\"binlog.000001\",\"pos\":4}", 1, ev);
            let rec = HistoryRecord::parse(&text).unwrap();
            assert_eq!(rec.table_changes, ev.table_changes().to_vec());
            assert_eq!(rec.ddl.as_deref(), Some(ev.ddl.as_str()));
            recover(&rec, &mut back).unwrap();
        }
        assert_eq!(*back, *tables);
    }

    const VOLATILE: &str = "<volatile>";

    fn blank_ts(v: &mut Value) {
        if let Some(p) = v.get_mut("ts_ms") {
            *p = Value::String(VOLATILE.into());
        }
    }

    /// Schema change messages equal the golden stream entries (volatile fields blanked; the source
    /// block is taken from the golden entry since its volatile parts cannot be reproduced).
    fn check_stream(history: &str, stream: &str, schemas: bool) {
        let (_, events) = replay(history);
        let (key_schema, value_schema) = schema_change_schemas("mysql");
        let text = golden(stream);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), events.len(), "{stream}");
        for (n, (line, ev)) in lines.iter().zip(&events).enumerate() {
            let entry: Value = serde_json::from_str(line).unwrap();
            let (gkey, gvalue) = if schemas {
                (entry["key"].clone(), entry["value"].clone())
            } else {
                (
                    entry["fields"]["key"].clone(),
                    entry["fields"]["value"].clone(),
                )
            };
            let gpayload = if schemas { &gvalue["payload"] } else { &gvalue };
            let source = gpayload["source"].to_string();
            assert_eq!(
                gpayload["source"]["db"].as_str(),
                Some(ev.database.as_str()),
                "{stream}:{}",
                n + 1
            );
            assert_eq!(
                gpayload["source"]["table"].as_str(),
                ev.source_table.as_deref(),
                "{stream}:{}",
                n + 1
            );
            let (kp, vp) = event_payloads(&source, 0, ev);
            let mut key = String::new();
            let mut value = String::new();
            protocol::envelope::write_with_schema(
                &mut key,
                schemas.then_some(key_schema.as_str()),
                &kp,
            );
            protocol::envelope::write_with_schema(
                &mut value,
                schemas.then_some(value_schema.as_str()),
                &vp,
            );
            let key: Value = serde_json::from_str(&key).unwrap();
            let mut value: Value = serde_json::from_str(&value).unwrap();
            if schemas {
                blank_ts(&mut value["payload"]);
            } else {
                blank_ts(&mut value);
            }
            assert_eq!(key.to_string(), gkey.to_string(), "{stream}:{} key", n + 1);
            assert_eq!(
                value.to_string(),
                gvalue.to_string(),
                "{stream}:{} value",
                n + 1
            );
        }
    }

    #[test]
    fn schema_change_events_match_server_golden() {
        check_stream(
            "server/metadata/schema_history.jsonl",
            "server/streams/dbserver1.jsonl",
            true,
        );
        check_stream(
            "peer/server/metadata/schema_history.jsonl",
            "peer/server/streams/dbserver1.jsonl",
            true,
        );
    }

    #[test]
    fn schema_change_events_match_rdi_golden() {
        check_stream(
            "peer/rdi/metadata/schema_history.jsonl",
            "peer/rdi/streams/data:dbserver1.jsonl",
            false,
        );
    }

    #[test]
    fn value_schema_matches_golden() {
        let entry: Value = serde_json::from_str(
            golden("server/streams/dbserver1.jsonl")
                .lines()
                .next()
                .unwrap(),
        )
        .unwrap();
        let (k, v) = schema_change_schemas("mysql");
        assert_eq!(
            serde_json::from_str::<Value>(&k).unwrap().to_string(),
            entry["key"]["schema"].to_string()
        );
        assert_eq!(
            serde_json::from_str::<Value>(&v).unwrap().to_string(),
            entry["value"]["schema"].to_string()
        );
    }

    #[test]
    fn bad_records_are_errors() {
        let mut t = Tables::new();
        assert!(matches!(
            apply_record(&mut t, "not json"),
            Err(HistoryError::Json(_))
        ));
        assert!(matches!(
            apply_record(&mut t, "[1]"),
            Err(HistoryError::Malformed(_))
        ));
        assert!(matches!(
            apply_record(
                &mut t,
                r#"{"ddl":"x","tableChanges":[{"type":"WHAT","id":"\"a\".\"b\""}]}"#
            ),
            Err(HistoryError::Malformed(_))
        ));
        assert!(matches!(
            apply_record(
                &mut t,
                r#"{"databaseName":"d","ddl":"CREATE TABLE t (a INT, PRIMARY KEY (b))","tableChanges":[]}"#
            ),
            Err(HistoryError::Ddl(_))
        ));
    }
}
