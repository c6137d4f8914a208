//! The schema history records and schema-change events Debezium's SQL Server connector writes:
//! one `CREATE` per captured table when a snapshot starts (`ddl` absent, the snapshot offset as
//! `position`) and one `ALTER` when streaming switches to a table's newer capture instance
//! (`ddl` `"N/A"`, the offset of the event before it). Records go to the schema history stream
//! (`schema.history.internal.redis.key`, field `schema`), events to the `<topic.prefix>` stream
//! when `include.schema.changes` is on (`SchemaChangeKey {databaseName}`, `SchemaChangeValue`).
//!
//! A table is recorded restricted to the columns its capture instance captured, each column as
//! the JDBC driver describes it (`jdbcType`, `typeName` with ` identity`, `length` =
//! COLUMN_SIZE, `scale` = DECIMAL_DIGITS, `position` = its ordinal). The serialisation is the
//! MySQL source's (`JsonTableChangeSerializer` / `ConnectTableChangeSerializer` are shared by
//! every Debezium connector); the record envelope and the id (`"db"."schema"."table"`) are SQL
//! Server's. The column metadata follows the driver's rules as read from its source; no Debezium
//! run could produce a golden here (see the README).

use protocol::json;

use super::client::ColumnInfo;
use super::schema::TableSchema;
use crate::source::mysql::history::{write_connect_table, write_table};
use crate::source::mysql::table::{Column, Table, TableId};

/// The stream entry field each history record is stored under.
pub(crate) const HISTORY_FIELD: &str = "schema";

/// `CREATE` (snapshot) or `ALTER` (capture-instance switch).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Create,
    Alter,
}

impl Kind {
    fn as_str(self) -> &'static str {
        match self {
            Kind::Create => "CREATE",
            Kind::Alter => "ALTER",
        }
    }

    /// Debezium's `ddl`: absent for a snapshot's CREATE, `"N/A"` while streaming.
    fn ddl(self) -> Option<&'static str> {
        match self {
            Kind::Create => None,
            Kind::Alter => Some("N/A"),
        }
    }
}

/// `java.sql.Types` of a SQL Server type as the JDBC driver reports it (CLR types as
/// VARBINARY, `xml` as LONGNVARCHAR, `sql_variant` as -150).
fn jdbc_type(ty: &str) -> i32 {
    match ty {
        "bit" => -7,
        "tinyint" => -6,
        "smallint" => 5,
        "int" => 4,
        "bigint" => -5,
        "real" => 7,
        "float" => 8,
        "decimal" | "money" | "smallmoney" => 3,
        "numeric" => 2,
        "char" | "uniqueidentifier" => 1,
        "varchar" => 12,
        "text" => -1,
        "nchar" => -15,
        "nvarchar" | "sysname" => -9,
        "ntext" | "xml" => -16,
        "binary" | "timestamp" | "rowversion" => -2,
        "varbinary" | "geometry" | "geography" | "hierarchyid" => -3,
        "image" => -4,
        "date" => 91,
        "time" => 92,
        "datetime" | "datetime2" | "smalldatetime" => 93,
        "datetimeoffset" => -155,
        "sql_variant" => -150,
        _ => 1111,
    }
}

/// COLUMN_SIZE: digits for numbers, characters for strings, bytes for binaries, the length of
/// the text form for dates and times; `max` sizes as 2147483647.
fn column_size(c: &ColumnInfo) -> i64 {
    const MAX: i64 = 2_147_483_647;
    let fraction = |s: u8| if s > 0 { i64::from(s) + 1 } else { 0 };
    let bytes = i64::from(c.detail.max_length);
    match c.ty.name.as_str() {
        "bit" => 1,
        "tinyint" => 3,
        "smallint" => 5,
        "int" => 10,
        "bigint" => 19,
        "real" => 24,
        "float" => i64::from(c.ty.precision.max(1)),
        "decimal" | "numeric" => i64::from(c.ty.precision),
        "money" => 19,
        "smallmoney" => 10,
        "char" | "varchar" | "binary" | "varbinary" if bytes > 0 => bytes,
        "nchar" | "nvarchar" | "sysname" if bytes > 0 => bytes / 2,
        "ntext" => 1_073_741_823,
        "date" => 10,
        "time" => 8 + fraction(c.ty.scale),
        "datetime" => 23,
        "smalldatetime" => 16,
        "datetime2" => 19 + fraction(c.ty.scale),
        "datetimeoffset" => 26 + fraction(c.ty.scale),
        "uniqueidentifier" => 36,
        "timestamp" | "rowversion" => 8,
        "sql_variant" => 8000,
        _ => MAX,
    }
}

/// DECIMAL_DIGITS (None where the driver gives none).
fn decimal_digits(c: &ColumnInfo) -> Option<i32> {
    match c.ty.name.as_str() {
        "bit" | "tinyint" | "smallint" | "int" | "bigint" | "smalldatetime" => Some(0),
        "decimal" | "numeric" | "time" | "datetime2" | "datetimeoffset" => {
            Some(i32::from(c.ty.scale))
        }
        "money" | "smallmoney" => Some(4),
        "datetime" => Some(3),
        _ => None,
    }
}

/// The table as the history records it.
pub(crate) fn table_of(database: &str, t: &TableSchema) -> Table {
    let mut pk: Vec<(u8, &str)> = t
        .columns
        .iter()
        .filter_map(|c| c.key.map(|k| (k, c.name.as_str())))
        .collect();
    pk.sort_unstable();
    Table {
        id: TableId::new(database, &t.table),
        default_charset: None,
        primary_key: pk.into_iter().map(|(_, n)| n.to_string()).collect(),
        columns: t
            .columns
            .iter()
            .map(|c| {
                let type_name = if c.detail.identity {
                    format!("{} identity", c.ty.name)
                } else {
                    c.ty.name.clone()
                };
                Column {
                    name: c.name.clone(),
                    jdbc_type: jdbc_type(&c.ty.name),
                    type_expression: type_name.clone(),
                    type_name,
                    charset: None,
                    length: Some(column_size(c)),
                    scale: decimal_digits(c),
                    position: c.detail.position as usize,
                    optional: c.nullable,
                    auto_incremented: c.detail.identity,
                    generated: c.detail.computed,
                    comment: None,
                    has_default: c.detail.default.is_some(),
                    default_expression: c.detail.default.clone(),
                    enum_values: Vec::new(),
                }
            })
            .collect(),
        comment: None,
    }
}

/// `"db"."schema"."table"` (`TableId.toDoubleQuotedString`, `"` doubled).
fn quoted_id(database: &str, schema: &str, table: &str) -> String {
    [database, schema, table]
        .iter()
        .map(|p| format!("\"{}\"", p.replace('"', "\"\"")))
        .collect::<Vec<_>>()
        .join(".")
}

/// One history record: `source` (the partition), `position` (the offset JSON as given), `ts_ms`,
/// `databaseName`, `schemaName`, `ddl` (absent when null), `tableChanges`.
pub(crate) fn record_json(
    server: &str,
    database: &str,
    position_json: &str,
    ts_ms: i64,
    kind: Kind,
    t: &TableSchema,
) -> String {
    let mut out = String::with_capacity(1024);
    out.push_str("{\"source\":");
    out.push_str(&protocol::offset::database_partition_json(server, database));
    out.push_str(",\"position\":");
    out.push_str(position_json);
    out.push_str(",\"ts_ms\":");
    json::write_i64(&mut out, ts_ms);
    out.push_str(",\"databaseName\":");
    json::write_str(&mut out, database);
    out.push_str(",\"schemaName\":");
    json::write_str(&mut out, &t.schema);
    if let Some(ddl) = kind.ddl() {
        out.push_str(",\"ddl\":");
        json::write_str(&mut out, ddl);
    }
    out.push_str(",\"tableChanges\":[{\"type\":\"");
    out.push_str(kind.as_str());
    out.push_str("\",\"id\":");
    json::write_str(&mut out, &quoted_id(database, &t.schema, &t.table));
    out.push_str(",\"table\":");
    write_table(&mut out, &table_of(database, t));
    out.push_str(",\"comment\":null}]}");
    out
}

/// The schema change event's key and value payloads (`source_json` the event's source block).
pub(crate) fn event_payloads(
    source_json: &str,
    ts_ms: i64,
    database: &str,
    kind: Kind,
    t: &TableSchema,
) -> (String, String) {
    let mut key = String::from("{\"databaseName\":");
    json::write_str(&mut key, database);
    key.push('}');
    let mut out = String::with_capacity(1024);
    out.push_str("{\"source\":");
    out.push_str(source_json);
    out.push_str(",\"ts_ms\":");
    json::write_i64(&mut out, ts_ms);
    out.push_str(",\"databaseName\":");
    json::write_str(&mut out, database);
    out.push_str(",\"schemaName\":");
    json::write_str(&mut out, &t.schema);
    out.push_str(",\"ddl\":");
    match kind.ddl() {
        Some(d) => json::write_str(&mut out, d),
        None => out.push_str("null"),
    }
    out.push_str(",\"tableChanges\":[{\"type\":\"");
    out.push_str(kind.as_str());
    out.push_str("\",\"id\":");
    json::write_str(&mut out, &quoted_id(database, &t.schema, &t.table));
    out.push_str(",\"table\":");
    write_connect_table(&mut out, &table_of(database, t));
    out.push_str("}]}");
    (key, out)
}

/// The schema change topic's key and value schema JSON.
pub(crate) fn schema_change_schemas() -> (String, String) {
    use crate::source::mysql::history::{key_schema, value_schema};
    (
        key_schema("sqlserver").to_json(),
        value_schema("sqlserver", protocol::envelope::sqlserver_source_schema()).to_json(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_double_quoted_three_part_names() {
        assert_eq!(
            quoted_id("testDB1", "dbo", "tableb"),
            "\"testDB1\".\"dbo\".\"tableb\""
        );
        assert_eq!(quoted_id("d", "s", "a\"b"), "\"d\".\"s\".\"a\"\"b\"");
    }
}
