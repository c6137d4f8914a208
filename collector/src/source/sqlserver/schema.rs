//! A captured table as the source encodes it: its columns' codecs, key, stream and the key and
//! envelope schema JSON (computed once per table).

use protocol::envelope;
use protocol::json;
use protocol::schema::Field;

use super::client::{CaptureInstance, ColumnInfo, SelectColumn, SqlServerError};
use super::value::{ColumnCodec, SqlValue};
use crate::snapshot::{Key, KeyOrder};
use crate::value::EncodingOptions;

/// How stream names and encodings are chosen.
#[derive(Debug, Clone)]
pub(crate) struct Naming {
    pub prefix: String,
    pub database: String,
    pub router: Option<protocol::topic::Router>,
    pub encoding: EncodingOptions,
    pub keys: crate::keys::KeyColumns,
    /// `column.include.list` / `column.exclude.list`.
    pub filter: crate::config::TableFilter,
}

impl Naming {
    /// The transaction topic's stream (`<prefix>.transaction`, routed).
    pub(crate) fn transaction_stream(&self) -> String {
        let topic = protocol::topic::transaction_topic(&self.prefix);
        match &self.router {
            Some(r) => r.route(&topic),
            None => topic,
        }
    }
}

/// One captured table.
#[derive(Debug)]
pub(crate) struct TableSchema {
    pub schema: String,
    pub table: String,
    /// `schema.table` (progress entries, logs, `message.key.columns`).
    pub id: String,
    pub instance: String,
    pub columns: Vec<ColumnInfo>,
    /// Per column: its codec, None for a type Debezium leaves out.
    codecs: Vec<Option<ColumnCodec>>,
    /// Per column: whether `before`/`after` carry it (a codec, and not filtered out by the
    /// column lists; the key keeps its columns either way, as Debezium's does).
    shown: Vec<bool>,
    /// Key columns (primary key or `message.key.columns`), in key order.
    pub key: Vec<usize>,
    pub stream: String,
    pub key_schema_json: Option<String>,
    pub envelope_schema_json: String,
    /// Streaming: the start LSN of the table's newer capture instance, where reading this one
    /// stops (None: the newest).
    pub stop: Option<protocol::offset::SqlLsn>,
    /// The capture instance's start LSN.
    pub start: protocol::offset::SqlLsn,
}

impl TableSchema {
    pub fn build(
        ci: &CaptureInstance,
        columns: Vec<ColumnInfo>,
        naming: &Naming,
    ) -> Result<TableSchema, SqlServerError> {
        let id = format!("{}.{}", ci.schema, ci.table);
        let codecs: Vec<Option<ColumnCodec>> = columns
            .iter()
            .map(|c| ColumnCodec::new(&c.ty, &naming.encoding))
            .collect();
        let names: Vec<&str> = columns.iter().map(|c| c.name.as_str()).collect();
        let mut pk: Vec<(u8, usize)> = columns
            .iter()
            .enumerate()
            .filter_map(|(i, c)| c.key.map(|k| (k, i)))
            .collect();
        pk.sort_unstable();
        let key: Vec<usize> = naming
            .keys
            .columns(&id, &names)
            .unwrap_or_else(|| pk.into_iter().map(|(_, i)| i).collect())
            .into_iter()
            .filter(|&i| codecs[i].is_some())
            .collect();
        let topic = protocol::topic::sanitize(&format!(
            "{}.{}.{}.{}",
            naming.prefix, naming.database, ci.schema, ci.table
        ));
        let stream = match &naming.router {
            Some(r) => r.route(&topic),
            None => topic.clone(),
        };
        let field = |i: usize| {
            let c = codecs[i].as_ref().expect("a codec");
            Field::new(
                columns[i].name.clone(),
                c.schema().clone().optional(columns[i].nullable),
            )
        };
        let shown: Vec<bool> = columns
            .iter()
            .zip(&codecs)
            .map(|(c, codec)| {
                codec.is_some() && naming.filter.column_shown(&ci.schema, &ci.table, &c.name)
            })
            .collect();
        let fields: Vec<Field> = (0..columns.len())
            .filter(|&i| shown[i])
            .map(field)
            .collect();
        let key_fields: Vec<Field> = key.iter().map(|&i| field(i)).collect();
        Ok(TableSchema {
            schema: ci.schema.clone(),
            table: ci.table.clone(),
            instance: ci.instance.clone(),
            key_schema_json: envelope::key_schema(&topic, key_fields).map(|s| s.to_json()),
            envelope_schema_json: envelope::envelope_schema(
                &topic,
                fields,
                envelope::sqlserver_source_schema(),
            )
            .to_json(),
            id,
            columns,
            codecs,
            shown,
            key,
            stream,
            stop: None,
            start: ci.start_lsn,
        })
    }

    /// The columns as the queries select them (in column order).
    pub fn names(&self) -> Vec<SelectColumn> {
        self.columns
            .iter()
            .map(|c| SelectColumn::new(&c.name, &c.ty.name))
            .collect()
    }

    /// The row as a JSON object of the emitted columns.
    pub fn row_json(&self, values: &[SqlValue]) -> Result<String, SqlServerError> {
        let mut out = String::with_capacity(64 + 16 * values.len());
        out.push('{');
        let mut first = true;
        for (i, c) in self.codecs.iter().enumerate() {
            let (Some(c), true) = (c, self.shown[i]) else {
                continue;
            };
            if !first {
                out.push(',');
            }
            first = false;
            json::write_key(&mut out, &self.columns[i].name);
            let v = values.get(i).unwrap_or(&SqlValue::Null);
            c.write(v, &mut out).map_err(|e| {
                SqlServerError::Protocol(format!(
                    "table {} column {}: {e}",
                    self.id, self.columns[i].name
                ))
            })?;
        }
        out.push('}');
        Ok(out)
    }

    /// The key payload JSON (None for a table without a key).
    pub fn key_json(&self, values: &[SqlValue]) -> Result<Option<String>, SqlServerError> {
        if self.key.is_empty() {
            return Ok(None);
        }
        let mut out = String::from("{");
        for (n, &i) in self.key.iter().enumerate() {
            if n > 0 {
                out.push(',');
            }
            json::write_key(&mut out, &self.columns[i].name);
            let c = self.codecs[i].as_ref().expect("a key codec");
            c.write(values.get(i).unwrap_or(&SqlValue::Null), &mut out)
                .map_err(|e| SqlServerError::Protocol(format!("table {} key: {e}", self.id)))?;
        }
        out.push('}');
        Ok(Some(out))
    }

    /// How the snapshot orders the key: integer key columns only (None: the table cannot be
    /// read in key order by this build).
    pub fn key_orders(&self) -> Option<Vec<KeyOrder>> {
        if self.key.is_empty() {
            return None;
        }
        self.key
            .iter()
            .map(|&i| {
                let c = &self.columns[i];
                (!c.nullable
                    && matches!(
                        c.ty.name.as_str(),
                        "tinyint" | "smallint" | "int" | "bigint"
                    ))
                .then_some(KeyOrder::Integer)
            })
            .collect()
    }

    /// Whether the snapshot pages the table by its key (one NOT NULL integer key column);
    /// any other table is read whole.
    pub fn pages(&self) -> bool {
        self.key.len() == 1 && self.key_orders().is_some()
    }

    /// The key as text, for the engine (integer keys).
    pub fn key_text(&self, values: &[SqlValue]) -> Key {
        self.key
            .iter()
            .map(|&i| match values.get(i) {
                Some(SqlValue::Int(n)) => Some(n.to_string()),
                _ => None,
            })
            .collect()
    }
}
