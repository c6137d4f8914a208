//! Per-table schemas and row JSON, shared by the snapshot and the binlog.

use protocol::envelope;
use protocol::json;
use protocol::schema::Field;

use super::table::Table;
use super::value::{self, ValueOptions};
use crate::config::Flavor;
use crate::snapshot::{Key, KeyOrder};

/// Everything needed to turn one table's rows into events.
#[derive(Debug)]
pub(crate) struct TableCodec {
    pub table: Table,
    /// The stream (topic after routing).
    pub stream: String,
    pub key_schema_json: Option<String>,
    pub value_schema_json: String,
    key_columns: Vec<usize>,
    /// Key columns in column order (the order their spans are recorded while writing a row).
    key_order: Vec<usize>,
    /// `"name":` per column.
    name_prefixes: Vec<String>,
    /// Capacity for a row's JSON.
    row_hint: usize,
    columns: Vec<value::ColumnCodec>,
    /// Whether each column is in the row: encodable and not left out by `column.include.list` /
    /// `column.exclude.list` (`database.table.column`). A key column left out of the row stays
    /// in the key, as Debezium builds the key schema from every key column.
    shown: Vec<bool>,
}

impl TableCodec {
    pub fn new(
        table: &Table,
        prefix: &str,
        router: Option<&protocol::topic::Router>,
        flavor: Flavor,
        opts: &ValueOptions,
        keys: &crate::keys::KeyColumns,
        filter: &crate::config::TableFilter,
    ) -> TableCodec {
        let topic = protocol::topic::db_table_topic(prefix, &table.id.db, &table.id.table);
        let columns: Vec<value::ColumnCodec> = table
            .columns
            .iter()
            .map(|c| value::ColumnCodec::new(c, opts))
            .collect();
        let shown: Vec<bool> = columns
            .iter()
            .map(|c| c.included() && filter.column_shown(&table.id.db, &table.id.table, c.name()))
            .collect();
        let fields: Vec<Field> = columns
            .iter()
            .zip(&shown)
            .filter(|(_, &s)| s)
            .map(|(c, _)| c.field())
            .collect();
        let names: Vec<&str> = table.columns.iter().map(|c| c.name.as_str()).collect();
        let key_columns: Vec<usize> = keys
            .columns(&format!("{}.{}", table.id.db, table.id.table), &names)
            .unwrap_or_else(|| {
                table
                    .primary_key
                    .iter()
                    .filter_map(|k| {
                        table
                            .columns
                            .iter()
                            .position(|c| c.name.eq_ignore_ascii_case(k))
                    })
                    .collect()
            });
        let key_fields: Vec<Field> = key_columns
            .iter()
            .filter(|&&i| columns[i].included())
            .map(|&i| columns[i].field())
            .collect();
        let key_schema_json = envelope::key_schema(&topic, key_fields).map(|s| s.to_json());
        let value_schema_json = envelope::envelope_schema(
            &topic,
            fields,
            envelope::mysql_source_schema(flavor.connector()),
        )
        .to_json();
        let mut key_order: Vec<usize> = key_columns
            .iter()
            .copied()
            .filter(|&i| columns[i].included())
            .collect();
        key_order.sort_unstable();
        let name_prefixes: Vec<String> = columns
            .iter()
            .map(|c| {
                let mut p = String::new();
                json::write_str(&mut p, c.name());
                p.push(':');
                p
            })
            .collect();
        let row_hint = 64 + name_prefixes.iter().map(|p| p.len() + 24).sum::<usize>();
        TableCodec {
            key_order,
            name_prefixes,
            row_hint,
            table: table.clone(),
            stream: router.map_or_else(|| topic.clone(), |r| r.route(&topic)),
            key_schema_json,
            value_schema_json,
            key_columns,
            columns,
            shown,
        }
    }

    /// The key columns' names, in key order.
    pub fn key_names(&self) -> Vec<&str> {
        self.key_columns
            .iter()
            .map(|&i| self.table.columns[i].name.as_str())
            .collect()
    }

    pub fn has_key(&self) -> bool {
        !self.key_columns.is_empty()
    }

    /// Row and key JSON from text-protocol values (the snapshot).
    pub fn encode_text(
        &self,
        values: &[mysql_async::Value],
    ) -> Result<(String, Option<String>), value::ValueError> {
        self.check_len(values.len())?;
        self.encode(|i, c, out| c.write_text(out, &values[i]))
    }

    /// Row and key JSON from a binlog row image.
    pub fn encode_binlog(
        &self,
        row: &mysql_async::binlog::row::BinlogRow,
    ) -> Result<(String, Option<String>), value::ValueError> {
        self.check_len(row.len())?;
        self.encode(|i, c, out| c.write_binlog(out, row.as_ref(i)))
    }

    /// Writes the row into one buffer (no per-column strings) and copies the key columns'
    /// JSON out of it.
    fn encode(
        &self,
        mut write: impl FnMut(usize, &value::ColumnCodec, &mut String) -> Result<(), value::ValueError>,
    ) -> Result<(String, Option<String>), value::ValueError> {
        let mut row = String::with_capacity(self.row_hint);
        // key columns left out of the row are written here, to be copied into the key
        let mut hidden = String::new();
        let mut key_spans: Vec<(bool, usize, usize)> = Vec::with_capacity(self.key_columns.len());
        row.push('{');
        let mut first = true;
        for (i, c) in self.columns.iter().enumerate() {
            if !c.included() {
                continue;
            }
            let is_key = self.key_order.contains(&i);
            if !self.shown[i] {
                if is_key {
                    let at = hidden.len();
                    write(i, c, &mut hidden)?;
                    key_spans.push((false, at, hidden.len()));
                }
                continue;
            }
            if !first {
                row.push(',');
            }
            first = false;
            row.push_str(&self.name_prefixes[i]);
            let at = row.len();
            write(i, c, &mut row)?;
            if is_key {
                key_spans.push((true, at, row.len()));
            }
        }
        row.push('}');
        let key = (!self.key_columns.is_empty()).then(|| {
            // key columns in primary-key order, which may differ from column order
            let mut k = String::with_capacity(64);
            k.push('{');
            for (n, &ci) in self
                .key_columns
                .iter()
                .filter(|&&ci| self.columns[ci].included())
                .enumerate()
            {
                if n > 0 {
                    k.push(',');
                }
                k.push_str(&self.name_prefixes[ci]);
                let pos = self
                    .key_order
                    .iter()
                    .position(|&c| c == ci)
                    .expect("key column");
                let (in_row, a, b) = key_spans[pos];
                k.push_str(if in_row { &row[a..b] } else { &hidden[a..b] });
            }
            k.push('}');
            k
        });
        Ok((row, key))
    }

    /// How the snapshot orders the key and the catch-up compares it: integers numerically,
    /// VARCHAR in UTF-8/ASCII by its bytes. None when the table has no key, or a key column
    /// whose text may differ between the text protocol and the binlog (binary strings are not
    /// text, CHAR pads, other types and character sets render differently) or may be NULL (a
    /// `message.key.columns` column): such a table is read
    /// again from its start when a snapshot resumes.
    pub fn key_orders(&self) -> Option<Vec<KeyOrder>> {
        if self.key_columns.is_empty() {
            return None;
        }
        self.key_columns
            .iter()
            .map(|&i| {
                let c = &self.table.columns[i];
                if c.optional {
                    // a `message.key.columns` column that may be NULL cannot bound a range
                    return None;
                }
                let base = c.type_name.split_whitespace().next().unwrap_or("");
                match base {
                    "TINYINT" | "SMALLINT" | "MEDIUMINT" | "INT" | "INTEGER" | "BIGINT" => {
                        Some(KeyOrder::Integer)
                    }
                    "VARCHAR" => {
                        let cs = c
                            .charset
                            .as_deref()
                            .or(self.table.default_charset.as_deref())
                            .unwrap_or("binary")
                            .to_ascii_lowercase();
                        matches!(cs.as_str(), "utf8mb4" | "utf8" | "utf8mb3" | "ascii")
                            .then_some(KeyOrder::Text)
                    }
                    _ => None,
                }
            })
            .collect()
    }

    /// The key columns' text of a text-protocol row (the snapshot).
    pub fn key_text(&self, values: &[mysql_async::Value]) -> Key {
        self.key_columns
            .iter()
            .map(|&i| match values.get(i) {
                Some(mysql_async::Value::Bytes(b)) => Some(String::from_utf8_lossy(b).into_owned()),
                Some(mysql_async::Value::Int(n)) => Some(n.to_string()),
                Some(mysql_async::Value::UInt(n)) => Some(n.to_string()),
                _ => None,
            })
            .collect()
    }

    /// The key columns' text of a binlog row image (the same text as [`Self::key_text`] for the
    /// key types of [`Self::key_orders`]).
    pub fn key_text_binlog(&self, row: &mysql_async::binlog::row::BinlogRow) -> Key {
        use mysql_async::binlog::value::BinlogValue;
        self.key_columns
            .iter()
            .map(|&i| match row.as_ref(i) {
                Some(BinlogValue::Value(mysql_async::Value::Bytes(b))) => {
                    Some(String::from_utf8_lossy(b).into_owned())
                }
                Some(BinlogValue::Value(mysql_async::Value::Int(n))) => {
                    let unsigned = self.table.columns[i].type_name.contains("UNSIGNED");
                    Some(unsigned_text(
                        *n,
                        unsigned,
                        &self.table.columns[i].type_name,
                    ))
                }
                Some(BinlogValue::Value(mysql_async::Value::UInt(n))) => Some(n.to_string()),
                _ => None,
            })
            .collect()
    }

    fn check_len(&self, n: usize) -> Result<(), value::ValueError> {
        if n != self.columns.len() {
            return Err(value::ValueError::new(
                &self.table.id.to_string(),
                "row",
                format!(
                    "the row has {n} columns but the known schema has {}: the schema history is out of sync with the server",
                    self.columns.len()
                ),
            ));
        }
        Ok(())
    }
}

/// The text of a binlog integer: the binlog carries the column's bytes as a signed value, so an
/// unsigned column's large values come out negative and are reinterpreted at the column's width.
fn unsigned_text(n: i64, unsigned: bool, type_name: &str) -> String {
    if !unsigned || n >= 0 {
        return n.to_string();
    }
    let bits = match type_name.split_whitespace().next().unwrap_or("") {
        "TINYINT" => 8,
        "SMALLINT" => 16,
        "MEDIUMINT" => 24,
        "INT" | "INTEGER" => 32,
        _ => 64,
    };
    if bits == 64 {
        (n as u64).to_string()
    } else {
        ((n as i128) + (1i128 << bits)).to_string()
    }
}
