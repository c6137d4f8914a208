//! Table schemas from the Postgres catalog: columns, key, type details and defaults, turned into
//! column codecs plus the key and envelope schema JSON (computed once per table and shape).
//! Streaming refreshes a table's schema when a Relation message shows a new shape (ADD/DROP
//! COLUMN), so events are always encoded with the columns the WAL carries.

use std::collections::HashMap;

use protocol::envelope;
use protocol::schema::Field;
use tokio_postgres::Client;

use super::decode::Relation;
use super::value::{ColumnCodec, ColumnMeta, EncodingOptions, Phase, TypeKind};
use super::PgError;

/// `schema.table`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) struct TableId {
    pub schema: String,
    pub table: String,
}

impl TableId {
    /// `"schema"."table"` for SQL.
    pub(crate) fn quoted(&self) -> String {
        format!("{}.{}", quote_ident(&self.schema), quote_ident(&self.table))
    }
}

impl std::fmt::Display for TableId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}.{}", self.schema, self.table)
    }
}

pub(crate) fn quote_ident(s: &str) -> String {
    format!("\"{}\"", s.replace('"', "\"\""))
}

pub(crate) fn quote_literal(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

/// A captured table, ready to encode rows.
#[derive(Debug)]
pub(crate) struct TableSchema {
    pub id: TableId,
    pub oid: u32,
    /// Stream key after routing.
    pub stream: String,
    pub columns: Vec<ColumnCodec>,
    /// Column names (parallel to `columns`).
    pub names: Vec<String>,
    /// (type oid, typmod) per column, to notice a changed shape.
    pub types: Vec<(u32, i32)>,
    /// Indexes of the columns Debezium emits (it leaves some types out entirely).
    pub included: Vec<usize>,
    /// Indexes of the key columns (primary key or `message.key.columns`), in key order.
    pub key: Vec<usize>,
    /// The key columns the snapshot resumes by: `key` when none of them may be NULL, else empty
    /// (a nullable `message.key.columns` column cannot bound a key range).
    pub resume_key: Vec<usize>,
    pub key_schema_json: Option<String>,
    pub envelope_schema_json: String,
}

/// One row image as cells in column order.
pub(crate) enum CellRef<'a> {
    Null,
    Toast,
    Text(&'a str),
}

impl TableSchema {
    /// Appends the row object `{"col":value,...}`; `cell(i)` gives column i.
    pub(crate) fn write_row<'a>(
        &self,
        out: &mut String,
        phase: Phase,
        mut cell: impl FnMut(usize) -> CellRef<'a>,
    ) {
        out.push('{');
        for (n, &i) in self.included.iter().enumerate() {
            let c = &self.columns[i];
            if n > 0 {
                out.push(',');
            }
            protocol::json::write_key(out, &self.names[i]);
            match cell(i) {
                CellRef::Null => c.write_null(out),
                CellRef::Toast => c.write_unchanged_toast(out),
                CellRef::Text(t) => c.write_json(t, phase, out),
            }
        }
        out.push('}');
    }

    /// Appends the key object, or returns false for a table without a primary key.
    pub(crate) fn write_key<'a>(
        &self,
        out: &mut String,
        phase: Phase,
        mut cell: impl FnMut(usize) -> CellRef<'a>,
    ) -> bool {
        if self.key.is_empty() {
            return false;
        }
        out.push('{');
        for (n, &i) in self.key.iter().enumerate() {
            if n > 0 {
                out.push(',');
            }
            protocol::json::write_key(out, &self.names[i]);
            match cell(i) {
                CellRef::Null | CellRef::Toast => self.columns[i].write_null(out),
                CellRef::Text(t) => self.columns[i].write_json(t, phase, out),
            }
        }
        out.push('}');
        true
    }
}

/// Enum labels by type oid, read once per run and shared by the snapshot and the stream: like
/// Debezium's type registry, a label added later (`ALTER TYPE ... ADD VALUE`) is not in the
/// `allowed` list of the schemas until the next start.
pub(crate) type EnumLabels = std::sync::Arc<std::sync::Mutex<HashMap<u32, Vec<String>>>>;

/// Reads table shapes from the catalog; caches type details.
pub(crate) struct Catalog {
    types: HashMap<u32, TypeRow>,
    enums: EnumLabels,
}

#[derive(Debug, Clone)]
struct TypeRow {
    name: String,
    typtype: String,
    category: String,
    elem: u32,
    base: u32,
    base_typmod: i32,
}

struct ColumnRow {
    name: String,
    type_oid: u32,
    typmod: i32,
    not_null: bool,
    default_expr: Option<String>,
    key_pos: Option<i32>,
    comment: Option<String>,
}

impl Catalog {
    pub(crate) fn new(enums: EnumLabels) -> Self {
        Catalog {
            types: HashMap::new(),
            enums,
        }
    }

    /// Every enum type's labels in sort order, as they are now (read once at start).
    pub(crate) async fn enum_labels(client: &Client) -> Result<EnumLabels, PgError> {
        let rows = client
            .query(
                "SELECT enumtypid, enumlabel::text FROM pg_enum ORDER BY enumtypid, enumsortorder",
                &[],
            )
            .await?;
        let mut m: HashMap<u32, Vec<String>> = HashMap::new();
        for r in rows {
            m.entry(r.get(0)).or_default().push(r.get(1));
        }
        Ok(std::sync::Arc::new(std::sync::Mutex::new(m)))
    }

    /// Tables that exist, as (id, oid, relreplident).
    pub(crate) async fn list_tables(
        client: &Client,
    ) -> Result<Vec<(TableId, u32, String)>, PgError> {
        let rows = client
            .query(
                "SELECT n.nspname::text, c.relname::text, c.oid, c.relreplident::text \
                 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace \
                 WHERE c.relkind IN ('r', 'p') \
                 AND n.nspname !~ '^pg_' AND n.nspname <> 'information_schema' \
                 ORDER BY 1, 2",
                &[],
            )
            .await?;
        Ok(rows
            .iter()
            .map(|r| {
                (
                    TableId {
                        schema: r.get(0),
                        table: r.get(1),
                    },
                    r.get::<_, u32>(2),
                    r.get(3),
                )
            })
            .collect())
    }

    async fn load_types(&mut self, client: &Client, oids: &[u32]) -> Result<(), PgError> {
        let mut want: Vec<u32> = oids
            .iter()
            .copied()
            .filter(|o| !self.types.contains_key(o))
            .collect();
        while !want.is_empty() {
            let rows = client
                .query(
                    "SELECT oid, typname::text, typtype::text, typcategory::text, typelem, typbasetype, typtypmod \
                     FROM pg_type WHERE oid = ANY($1)",
                    &[&want],
                )
                .await?;
            let mut next = Vec::new();
            let mut enum_oids = Vec::new();
            for r in rows {
                let t = TypeRow {
                    name: r.get(1),
                    typtype: r.get(2),
                    category: r.get(3),
                    elem: r.get(4),
                    base: r.get(5),
                    base_typmod: r.get(6),
                };
                let oid: u32 = r.get(0);
                if t.typtype == "e" {
                    enum_oids.push(oid);
                }
                for dep in [t.elem, t.base] {
                    if dep != 0 && !self.types.contains_key(&dep) {
                        next.push(dep);
                    }
                }
                self.types.insert(oid, t);
            }
            if let Ok(known) = self.enums.lock() {
                enum_oids.retain(|o| !known.contains_key(o));
            }
            if !enum_oids.is_empty() {
                let rows = client
                    .query(
                        "SELECT enumtypid, enumlabel::text FROM pg_enum WHERE enumtypid = ANY($1) ORDER BY enumtypid, enumsortorder",
                        &[&enum_oids],
                    )
                    .await?;
                if let Ok(mut known) = self.enums.lock() {
                    for r in rows {
                        known.entry(r.get(0)).or_default().push(r.get(1));
                    }
                }
            }
            next.retain(|o| !self.types.contains_key(o));
            next.sort_unstable();
            next.dedup();
            want = next;
        }
        Ok(())
    }

    fn type_meta(
        &self,
        name: &str,
        oid: u32,
        typmod: i32,
        not_null: bool,
        default_expr: Option<String>,
        comment: Option<String>,
    ) -> ColumnMeta {
        let t = self.types.get(&oid);
        let (type_name, kind, elem, base) = match t {
            None => (String::new(), TypeKind::Other, None, None),
            Some(t) => {
                let kind = match (t.typtype.as_str(), t.category.as_str()) {
                    (_, "A") if t.elem != 0 => TypeKind::Array,
                    ("e", _) => TypeKind::Enum,
                    ("d", _) => TypeKind::Domain,
                    ("c", _) => TypeKind::Composite,
                    ("r", _) | ("m", _) => TypeKind::Range,
                    ("b", _) => TypeKind::Base,
                    _ => TypeKind::Other,
                };
                let elem = (kind == TypeKind::Array)
                    .then(|| Box::new(self.type_meta("", t.elem, typmod, false, None, None)));
                let base = (kind == TypeKind::Domain).then(|| {
                    Box::new(self.type_meta("", t.base, t.base_typmod, false, None, None))
                });
                (t.name.clone(), kind, elem, base)
            }
        };
        ColumnMeta {
            name: name.to_string(),
            type_oid: oid,
            type_modifier: typmod,
            type_name,
            type_kind: kind,
            element: elem,
            base,
            enum_labels: self
                .enums
                .lock()
                .ok()
                .and_then(|m| m.get(&oid).cloned())
                .unwrap_or_default(),
            not_null,
            default_expr,
            comment,
        }
    }

    async fn columns(&self, client: &Client, oid: u32) -> Result<Vec<ColumnRow>, PgError> {
        let rows = client
            .query(
                "SELECT a.attname::text, a.atttypid, a.atttypmod, a.attnotnull, \
                   pg_get_expr(d.adbin, d.adrelid), \
                   (SELECT array_position(i.indkey::int2[], a.attnum) FROM pg_index i \
                      WHERE i.indrelid = a.attrelid AND i.indisprimary), \
                   col_description(a.attrelid, a.attnum) \
                 FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum \
                 WHERE a.attrelid = $1 AND a.attnum > 0 AND NOT a.attisdropped \
                 ORDER BY a.attnum",
                &[&oid],
            )
            .await?;
        Ok(rows
            .iter()
            .map(|r| ColumnRow {
                name: r.get(0),
                type_oid: r.get(1),
                typmod: r.get(2),
                not_null: r.get(3),
                default_expr: r.get(4),
                key_pos: r.get(5),
                comment: r.get(6),
            })
            .collect())
    }

    /// Builds a table's schema from the catalog. When `relation` is given (streaming), its
    /// columns define the shape; the catalog adds nullability, defaults and key.
    pub(crate) async fn table(
        &mut self,
        client: &Client,
        id: &TableId,
        oid: u32,
        relation: Option<&Relation>,
        naming: &Naming,
    ) -> Result<TableSchema, PgError> {
        let cols = self.columns(client, oid).await?;
        let mut oids: Vec<u32> = cols.iter().map(|c| c.type_oid).collect();
        if let Some(r) = relation {
            oids.extend(r.columns.iter().map(|c| c.type_oid));
        }
        self.load_types(client, &oids).await?;
        let by_name: HashMap<&str, &ColumnRow> =
            cols.iter().map(|c| (c.name.as_str(), c)).collect();
        let mut metas = Vec::new();
        let mut key: Vec<(i32, usize)> = Vec::new();
        match relation {
            Some(r) => {
                for (i, rc) in r.columns.iter().enumerate() {
                    let cat = by_name.get(rc.name.as_str());
                    let meta = self.type_meta(
                        &rc.name,
                        rc.type_oid,
                        rc.type_modifier,
                        cat.is_some_and(|c| c.not_null),
                        cat.and_then(|c| c.default_expr.clone()),
                        cat.and_then(|c| c.comment.clone()),
                    );
                    if let Some(p) = cat.and_then(|c| c.key_pos) {
                        key.push((p, i));
                    }
                    metas.push(meta);
                }
            }
            None => {
                for (i, c) in cols.iter().enumerate() {
                    metas.push(self.type_meta(
                        &c.name,
                        c.type_oid,
                        c.typmod,
                        c.not_null,
                        c.default_expr.clone(),
                        c.comment.clone(),
                    ));
                    if let Some(p) = c.key_pos {
                        key.push((p, i));
                    }
                }
            }
        }
        key.sort_unstable();
        Ok(build(
            id,
            oid,
            &metas,
            key.into_iter().map(|(_, i)| i).collect(),
            naming,
        ))
    }
}

/// How topics, streams and encodings are named and chosen.
#[derive(Debug, Clone)]
pub(crate) struct Naming {
    pub prefix: String,
    pub router: Option<protocol::topic::Router>,
    pub encoding: EncodingOptions,
    /// `message.key.columns`.
    pub keys: crate::keys::KeyColumns,
    /// `column.include.list` / `column.exclude.list` (`schema.table.column`).
    pub tables: crate::config::TableFilter,
}

impl Naming {
    pub(crate) fn topic(&self, id: &TableId) -> String {
        protocol::topic::schema_table_topic(&self.prefix, &id.schema, &id.table)
    }
    /// The transaction topic's stream (`<prefix>.transaction`, routed).
    pub(crate) fn transaction_stream(&self) -> String {
        self.stream(&protocol::topic::transaction_topic(&self.prefix))
    }

    pub(crate) fn stream(&self, topic: &str) -> String {
        match &self.router {
            Some(r) => r.route(topic),
            None => topic.to_string(),
        }
    }
}

fn build(
    id: &TableId,
    oid: u32,
    metas: &[ColumnMeta],
    key: Vec<usize>,
    naming: &Naming,
) -> TableSchema {
    let columns: Vec<ColumnCodec> = metas
        .iter()
        .map(|m| ColumnCodec::new(m, &naming.encoding))
        .collect();
    let names: Vec<String> = metas.iter().map(|m| m.name.clone()).collect();
    let name_refs: Vec<&str> = names.iter().map(String::as_str).collect();
    let key = naming
        .keys
        .columns(&format!("{}.{}", id.schema, id.table), &name_refs)
        .unwrap_or(key);
    let types: Vec<(u32, i32)> = metas
        .iter()
        .map(|m| (m.type_oid, m.type_modifier))
        .collect();
    let topic = naming.topic(id);
    let stream = naming.stream(&topic);
    let field = |i: usize| Field::new(names[i].clone(), columns[i].schema().clone());
    // a column left out by `column.include.list` / `column.exclude.list` is not in the value;
    // a key column stays in the key (as Debezium builds the key schema from every key column)
    let included: Vec<usize> = (0..columns.len())
        .filter(|&i| {
            columns[i].included() && naming.tables.column_shown(&id.schema, &id.table, &names[i])
        })
        .collect();
    let key: Vec<usize> = key.into_iter().filter(|i| columns[*i].included()).collect();
    let resume_key = if key.iter().all(|&i| metas[i].not_null) {
        key.clone()
    } else {
        Vec::new()
    };
    let fields: Vec<Field> = included.iter().map(|&i| field(i)).collect();
    let key_fields: Vec<Field> = key.iter().map(|&i| field(i)).collect();
    let key_schema_json = envelope::key_schema(&topic, key_fields).map(|s| s.to_json());
    let envelope_schema_json =
        envelope::envelope_schema(&topic, fields, envelope::pg_source_schema()).to_json();
    TableSchema {
        id: id.clone(),
        oid,
        stream,
        columns,
        names,
        types,
        included,
        key,
        resume_key,
        key_schema_json,
        envelope_schema_json,
    }
}
