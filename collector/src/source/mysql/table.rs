//! The MySQL/MariaDB table model: what Debezium's schema history records for a table
//! (`tableChanges[].table`), which is also what the value converters need. Built from DDL
//! (`ddl.rs`: `SHOW CREATE TABLE` at snapshot, binlog `QUERY` events while streaming) or read back
//! from a schema history written by Debezium or by us (`history.rs`).

use std::collections::BTreeMap;

use super::ddl::DdlState;

/// `"db"."table"` identity. MySQL names are compared as the server stores them.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TableId {
    pub db: String,
    pub table: String,
}

impl TableId {
    pub fn new(db: impl Into<String>, table: impl Into<String>) -> TableId {
        TableId {
            db: db.into(),
            table: table.into(),
        }
    }

    /// The form Debezium writes in `tableChanges[].id`: `"inventory"."t_int"` (`TableId.toDoubleQuotedString`:
    /// an empty database is left out, a `"` inside a name is doubled).
    pub fn quoted(&self) -> String {
        self.quoted_with('"')
    }

    /// The form Debezium's DDL parser writes into the `DROP TABLE` statements it records:
    /// `` `inventory`.`t_int` `` (`TableId.toQuotedString('`')`).
    pub fn backquoted(&self) -> String {
        self.quoted_with('`')
    }

    fn quoted_with(&self, q: char) -> String {
        let mut out = String::new();
        if !self.db.is_empty() {
            out.push_str(&quote_part(&self.db, q));
            out.push('.');
        }
        out.push_str(&quote_part(&self.table, q));
        out
    }

    /// Reads the `"db"."table"` form back (`TableId.parse`): parts split on dots outside double
    /// quotes, a doubled `""` inside quotes is one `"`. One part is a table without a database.
    pub fn parse_quoted(s: &str) -> Option<TableId> {
        let mut parts: Vec<String> = Vec::new();
        let mut cur = String::new();
        let mut quoted = false;
        let mut chars = s.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '"' if quoted && chars.peek() == Some(&'"') => {
                    chars.next();
                    cur.push('"');
                }
                '"' => quoted = !quoted,
                '.' if !quoted => parts.push(std::mem::take(&mut cur)),
                c => cur.push(c),
            }
        }
        if quoted {
            return None;
        }
        parts.push(cur);
        match parts.len() {
            1 => Some(TableId::new("", parts.pop()?)),
            2 => {
                let table = parts.pop()?;
                let db = parts.pop()?;
                Some(TableId::new(db, table))
            }
            // catalog.schema.table: MySQL has no schemas, keep catalog and table
            3 => {
                let table = parts.pop()?;
                parts.pop();
                let db = parts.pop()?;
                Some(TableId::new(db, table))
            }
            _ => None,
        }
    }
}

/// `TableId.quote`: a part that neither starts nor ends with the quote is wrapped (inner quotes
/// doubled); one that already does is kept as is; an empty part becomes two quotes.
fn quote_part(part: &str, q: char) -> String {
    if part.is_empty() {
        return format!("{q}{q}");
    }
    if part.starts_with(q) || part.ends_with(q) {
        return part.to_string();
    }
    let doubled: String = part
        .chars()
        .flat_map(|c| if c == q { vec![q, q] } else { vec![c] })
        .collect();
    format!("{q}{doubled}{q}")
}

/// `java.sql.Types` codes the MySQL connector records in `jdbcType`.
pub mod jdbc {
    pub const BIT: i32 = -7;
    pub const TINYINT: i32 = -6;
    pub const SMALLINT: i32 = 5;
    pub const INTEGER: i32 = 4;
    pub const BIGINT: i32 = -5;
    pub const FLOAT: i32 = 6;
    pub const REAL: i32 = 7;
    pub const DOUBLE: i32 = 8;
    pub const NUMERIC: i32 = 2;
    pub const DECIMAL: i32 = 3;
    pub const CHAR: i32 = 1;
    pub const VARCHAR: i32 = 12;
    pub const LONGVARCHAR: i32 = -1;
    pub const DATE: i32 = 91;
    pub const TIME: i32 = 92;
    pub const TIMESTAMP: i32 = 93;
    pub const TIMESTAMP_WITH_TIMEZONE: i32 = 2014;
    pub const BINARY: i32 = -2;
    pub const VARBINARY: i32 = -3;
    pub const OTHER: i32 = 1111;
    pub const BLOB: i32 = 2004;
    pub const CLOB: i32 = 2005;
    pub const BOOLEAN: i32 = 16;
    pub const NCHAR: i32 = -15;
    pub const NVARCHAR: i32 = -9;
    pub const LONGNVARCHAR: i32 = -16;
    pub const NCLOB: i32 = 2011;
    pub const DATALINK: i32 = 70;
    pub const SQLXML: i32 = 2009;

    /// `Column.typeUsesCharset`: the types whose column takes the table's charset when it names none.
    pub fn uses_charset(jdbc_type: i32) -> bool {
        matches!(
            jdbc_type,
            CHAR | VARCHAR
                | LONGVARCHAR
                | CLOB
                | NCHAR
                | NVARCHAR
                | LONGNVARCHAR
                | NCLOB
                | DATALINK
                | SQLXML
        )
    }
}

impl std::fmt::Display for TableId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}.{}", self.db, self.table)
    }
}

/// One column, field for field what Debezium's history JSON holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    pub name: String,
    /// `java.sql.Types` code Debezium records (4 = INTEGER, 12 = VARCHAR, ...).
    pub jdbc_type: i32,
    /// Upper case, with `UNSIGNED` / `UNSIGNED ZEROFILL` where declared: `"TINYINT UNSIGNED"`.
    pub type_name: String,
    pub type_expression: String,
    pub charset: Option<String>,
    /// Declared length / precision (`int(11)` → 11, `varchar(10)` → 10, `decimal(10,2)` → 10).
    pub length: Option<i64>,
    /// Declared scale (`decimal(10,2)` → 2; `datetime(3)` has length 3 in Debezium's model).
    pub scale: Option<i32>,
    /// 1-based.
    pub position: usize,
    pub optional: bool,
    pub auto_incremented: bool,
    pub generated: bool,
    pub comment: Option<String>,
    pub has_default: bool,
    /// The default as Debezium records it (`'dflt'` → `dflt`; absent for `DEFAULT NULL`).
    pub default_expression: Option<String>,
    /// ENUM / SET members, in declaration order.
    pub enum_values: Vec<String>,
}

/// A table's structure at one point of the binlog.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub id: TableId,
    pub default_charset: Option<String>,
    pub primary_key: Vec<String>,
    pub columns: Vec<Column>,
    pub comment: Option<String>,
}

impl Table {
    pub fn column(&self, name: &str) -> Option<&Column> {
        self.columns
            .iter()
            .find(|c| c.name.eq_ignore_ascii_case(name))
    }
}

/// The schema model a DDL history defines: every known table keyed by id (the struct derefs to
/// that map), plus what the DDL parser must remember between statements (per-database default
/// charsets from `CREATE DATABASE`, `character_set_server`/`sql_mode`, comment handling).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tables {
    map: BTreeMap<TableId, Table>,
    ddl: DdlState,
}

impl Tables {
    pub fn new() -> Tables {
        Tables::default()
    }

    /// The DDL parser's state (system variables, database charsets).
    pub fn ddl_state(&self) -> &DdlState {
        &self.ddl
    }

    /// Set server variables here before streaming (`character_set_server`, `sql_mode`), as
    /// Debezium does with the values it reads from the server.
    pub fn ddl_state_mut(&mut self) -> &mut DdlState {
        &mut self.ddl
    }

    /// The map and the parser state, borrowed together.
    pub(crate) fn parts_mut(&mut self) -> (&mut BTreeMap<TableId, Table>, &mut DdlState) {
        (&mut self.map, &mut self.ddl)
    }
}

impl std::ops::Deref for Tables {
    type Target = BTreeMap<TableId, Table>;
    fn deref(&self) -> &Self::Target {
        &self.map
    }
}

impl std::ops::DerefMut for Tables {
    fn deref_mut(&mut self) -> &mut Self::Target {
        &mut self.map
    }
}

impl IntoIterator for Tables {
    type Item = (TableId, Table);
    type IntoIter = std::collections::btree_map::IntoIter<TableId, Table>;
    fn into_iter(self) -> Self::IntoIter {
        self.map.into_iter()
    }
}

impl FromIterator<(TableId, Table)> for Tables {
    fn from_iter<I: IntoIterator<Item = (TableId, Table)>>(iter: I) -> Self {
        Tables {
            map: iter.into_iter().collect(),
            ddl: DdlState::default(),
        }
    }
}

impl<'a> IntoIterator for &'a Tables {
    type Item = (&'a TableId, &'a Table);
    type IntoIter = std::collections::btree_map::Iter<'a, TableId, Table>;
    fn into_iter(self) -> Self::IntoIter {
        self.map.iter()
    }
}
