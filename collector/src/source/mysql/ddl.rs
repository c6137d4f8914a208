//! DDL statements applied to the table model, with the rules of Debezium 3.6's MySQL connector
//! (`MySqlAntlrDdlState`, its `*ParserListener`s, `TableEditorImpl`/`ColumnEditorImpl`), so the
//! tables, the schema history records and the schema-change events come out as Debezium writes them.
//!
//! This file is long (a lexer, a recursive-descent parser for the statements that change the model
//! and the Debezium editing rules) because the three are one unit: each rule below names the
//! grammar shape it depends on, and splitting them would scatter the rules. Outline:
//! 1. public types: [`DdlState`], [`Applied`], [`SchemaEvent`], [`TableChange`], [`DdlError`];
//! 2. `normalize` (Debezium's `DdlNormalizer`: `"text"` → `'text'`, window-function names quoted);
//! 3. `lex` (tokens with byte spans, so recorded statements are slices of the normalized text);
//! 4. data types, column definitions, defaults (`ColumnDefinitionParserListener`,
//!    `DefaultValueParserListener`, `DataTypeResolver`);
//! 5. `Editor` (`TableEditorImpl` semantics: positions, primary key, charset resolution);
//! 6. one handler per statement (CREATE/ALTER/DROP/RENAME/TRUNCATE TABLE, CREATE UNIQUE INDEX,
//!    CREATE/ALTER/DROP DATABASE, USE, SET); anything else changes nothing.
//!
//! Where Debezium fails to parse MariaDB syntax (`CREATE OR REPLACE`, `IF [NOT] EXISTS` on columns,
//! expression defaults printed without parentheses such as `DEFAULT curdate()`), we follow the
//! obvious meaning instead of failing. Where Debezium has a quirk that changes what it records, we
//! keep the quirk (each is marked "Debezium quirk").

use std::collections::HashMap;
use std::sync::OnceLock;

use regex::Regex;

use std::collections::BTreeMap;

use super::table::{jdbc, Column, Table, TableId, Tables};

/// The table map the statements edit.
type Map = BTreeMap<TableId, Table>;

/// What Debezium records as the default of a `DEFAULT CURRENT_TIMESTAMP`/`NOW()` column.
pub const EPOCH_DEFAULT: &str = "1970-01-01 00:00:00";

/// A DDL statement that touches a known table in a way we cannot follow (or cannot read at all).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DdlError {
    #[error("cannot parse DDL statement `{statement}`: {reason}")]
    Syntax { statement: String, reason: String },
    #[error("unknown column type `{type_name}` in DDL statement `{statement}`")]
    UnknownType {
        statement: String,
        type_name: String,
    },
    #[error("column `{column}` does not exist in table {table} (DDL statement `{statement}`)")]
    UnknownColumn {
        statement: String,
        table: TableId,
        column: String,
    },
    #[error("primary key column `{column}` is not a column of table {table} (DDL statement `{statement}`)")]
    KeyColumnMissing {
        statement: String,
        table: TableId,
        column: String,
    },
    #[error("cannot follow `{clause}` on table {table} (DDL statement `{statement}`)")]
    Unsupported {
        statement: String,
        table: TableId,
        clause: String,
    },
}

/// `tableChanges[].type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChangeKind {
    Create,
    Alter,
    Drop,
}

impl ChangeKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ChangeKind::Create => "CREATE",
            ChangeKind::Alter => "ALTER",
            ChangeKind::Drop => "DROP",
        }
    }
}

/// One entry of `tableChanges`: the table as it is after the statement (none for a drop).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableChange {
    pub kind: ChangeKind,
    pub id: TableId,
    /// Set for `RENAME TABLE old TO new` (Debezium's `previousId`); `ALTER TABLE .. RENAME TO`
    /// records a plain ALTER of the new name without it.
    pub previous_id: Option<TableId>,
    pub table: Option<Table>,
}

/// Debezium's `SchemaChangeEventType` of one event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventKind {
    /// SET, USE, CREATE/DROP DATABASE, and any statement that changes no table.
    Database,
    Create,
    Alter,
    Drop,
    /// `TRUNCATE TABLE`: Debezium records no history for it; when the table is known the stream
    /// emits a `t` record instead of a schema change (`change` is then always None).
    Truncate,
}

/// One schema change event: one schema history record and, with `include.schema.changes`, one
/// message on the `<topic.prefix>` topic. A statement can yield several (`DROP TABLE a, b` yields
/// one per table, each with its own `ddl`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchemaEvent {
    pub kind: EventKind,
    /// `databaseName` (the key of the schema change message too).
    pub database: String,
    /// The statement text Debezium records for this event.
    pub ddl: String,
    /// The table the event is about (also for TRUNCATE and for a rename of an unknown table).
    pub table: Option<TableId>,
    /// What goes into `tableChanges` (at most one).
    pub change: Option<TableChange>,
    /// What Debezium writes into `source.table` for this event: the names of the tables of all
    /// events of the statement that share its database, comma-separated in Java `HashSet` order;
    /// None when there are none (the source keeps `db` = `database`).
    pub source_table: Option<String>,
}

impl SchemaEvent {
    /// `tableChanges` as a slice (empty or one element).
    pub fn table_changes(&self) -> &[TableChange] {
        self.change.as_slice()
    }
}

/// The events of one applied DDL string, in Debezium's order. Debezium writes one schema history
/// record (and one schema change message) per event, each with the event's own `databaseName`
/// and `ddl`; `database` and `changes` summarize them for single-event statements.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Applied {
    pub events: Vec<SchemaEvent>,
    /// The first event's database (the `current_db` given when nothing changed).
    pub database: String,
    /// Every table change of every event, in order.
    pub changes: Vec<TableChange>,
}

/// System variable scope (`SET GLOBAL` / `SET SESSION`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Global,
    Session,
}

/// The system variable naming the server's default character set.
pub const CHARSET_SERVER: &str = "character_set_server";
/// The system variable naming the current database's character set (set by `USE`).
pub const CHARSET_DATABASE: &str = "character_set_database";

/// What the DDL parser remembers between statements (kept inside [`Tables`]): system variables
/// (charsets, `sql_mode`), the default charset of each database seen in `CREATE/ALTER DATABASE`,
/// and whether comments are kept (`include.schema.comments`, off by default).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DdlState {
    db_charsets: HashMap<String, String>,
    global: HashMap<String, String>,
    session: HashMap<String, String>,
    include_comments: bool,
}

impl DdlState {
    /// `include.schema.comments`: keep column and table comments.
    pub fn set_include_comments(&mut self, include: bool) {
        self.include_comments = include;
    }

    /// Sets (or with None removes) a system variable, as Debezium does with the values it reads
    /// from the server (`sql_mode`, `character_set_server`, ...). Names are case-insensitive.
    pub fn set_variable(&mut self, scope: Scope, name: &str, value: Option<&str>) {
        let map = match scope {
            Scope::Global => &mut self.global,
            Scope::Session => &mut self.session,
        };
        let name = name.to_ascii_lowercase();
        match value {
            Some(v) => {
                map.insert(name, v.to_string());
            }
            None => {
                map.remove(&name);
            }
        }
    }

    /// A system variable, session scope first.
    pub fn variable(&self, name: &str) -> Option<&str> {
        let name = name.to_ascii_lowercase();
        self.session
            .get(&name)
            .or_else(|| self.global.get(&name))
            .map(String::as_str)
    }

    /// The default charset recorded for a database by `CREATE/ALTER DATABASE`.
    pub fn database_charset(&self, db: &str) -> Option<&str> {
        self.db_charsets.get(db).map(String::as_str)
    }

    fn ansi_quotes(&self) -> bool {
        self.variable("sql_mode").is_some_and(|m| {
            m.to_ascii_uppercase().split(',').any(|p| {
                matches!(
                    p,
                    "ANSI" | "ANSI_QUOTES" | "DB2" | "MAXDB" | "MSSQL" | "ORACLE" | "POSTGRESQL"
                )
            })
        })
    }

    /// `currentDatabaseCharset`: `character_set_database`, else `character_set_server`.
    fn current_database_charset(&self) -> Option<String> {
        match self.variable(CHARSET_DATABASE) {
            Some(v) if !v.eq_ignore_ascii_case("DEFAULT") => Some(v.to_string()),
            _ => self.variable(CHARSET_SERVER).map(str::to_string),
        }
    }

    /// `charsetForTable`: the database's recorded charset, else the current database charset.
    fn charset_for_table(&self, id: &TableId) -> Option<String> {
        self.db_charsets
            .get(&id.db)
            .cloned()
            .or_else(|| self.current_database_charset())
    }
}

/// Applies one DDL string (a binlog `QUERY` event, a `SHOW CREATE TABLE` result, or a schema
/// history record's `ddl`) to `tables`. `current_db` is the session's database (the query event's
/// database; `""` when none). Statements separated by `;` are applied in order; each statement is
/// applied entirely or not at all. A string that changes nothing yields one
/// [`EventKind::Database`] event carrying the string as given (Debezium records it like that).
/// `BEGIN`, `END` and `FLUSH PRIVILEGES` yield no event at all.
pub fn apply(tables: &mut Tables, current_db: &str, ddl: &str) -> Result<Applied, DdlError> {
    let (map, state) = tables.parts_mut();
    state.apply(map, current_db, ddl)
}

impl DdlState {
    fn apply(
        &mut self,
        tables: &mut Map,
        current_db: &str,
        ddl: &str,
    ) -> Result<Applied, DdlError> {
        if matches!(ddl, "BEGIN" | "END" | "FLUSH PRIVILEGES") {
            return Ok(Applied::default());
        }
        let normalized = normalize(ddl, self.ansi_quotes());
        let toks = lex(&normalized).map_err(|e| DdlError::Syntax {
            statement: clip(ddl),
            reason: format!("{} at byte {}", e.what, e.at),
        })?;
        let mut run = Run {
            parser: self,
            tables,
            src: &normalized,
            current: current_db.to_string(),
            events: Vec::new(),
        };
        for stmt in toks.split(|t| t.k == K::Sym(b';')) {
            if !stmt.is_empty() {
                run.statement(stmt)?;
            }
        }
        let raw = std::mem::take(&mut run.events);
        let mut events = finish_events(raw, tables);
        if events.is_empty() {
            events.push(SchemaEvent {
                kind: EventKind::Database,
                database: current_db.to_string(),
                ddl: ddl.to_string(),
                table: None,
                change: None,
                source_table: None,
            });
        }
        Ok(Applied {
            database: events[0].database.clone(),
            changes: events.iter().filter_map(|e| e.change.clone()).collect(),
            events,
        })
    }
}

/// The tables a `TRUNCATE [TABLE] t` statement (possibly under MariaDB's `SET STATEMENT .. FOR`)
/// empties; None for any other statement. `current_db` qualifies an unqualified name.
pub fn truncated_tables(current_db: &str, sql: &str) -> Option<Vec<TableId>> {
    let normalized = normalize(sql, false);
    let toks = lex(&normalized).ok()?;
    let mut c = Cur::new(&normalized, &toks);
    if c.is_kw("SET") && c.is_kw_at(1, "STATEMENT") {
        while !c.at_end() && !c.is_kw("FOR") {
            c.skip_unit();
        }
        c.eat_kw("FOR");
    }
    if !c.eat_kw("TRUNCATE") {
        return None;
    }
    c.eat_kw("TABLE");
    let (db, name) = c.qualified().ok()?;
    let db = db.map_or_else(|| current_db.to_string(), |d| d.value);
    Some(vec![TableId::new(db, name.value)])
}

/// Statements in errors are clipped so a huge DDL does not flood a log line.
fn clip(s: &str) -> String {
    const MAX: usize = 500;
    if s.len() <= MAX {
        return s.to_string();
    }
    let mut end = MAX;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}...", &s[..end])
}

// ---------------------------------------------------------------------------------------------
// 2. Normalization (DdlNormalizer)
// ---------------------------------------------------------------------------------------------

/// Debezium's `DdlNormalizer.normalize`: comments, `'strings'` and `` `names` `` are kept;
/// `"text"` becomes `'text'` (inner `'` doubled) unless `ANSI_QUOTES` is on; the window-function
/// names (`RANK`, `LAG`, ...) get back-quoted where they name a table or column. The recorded
/// statements are slices of this text, so these rewrites show in the history.
fn normalize(ddl: &str, ansi_quotes: bool) -> String {
    static QUOTED: OnceLock<Regex> = OnceLock::new();
    let re = QUOTED.get_or_init(|| {
        Regex::new(
            r#"(?s)(--[^\n]*|#[^\n]*|/\*(?:\*/|[^!].*?\*/))|('(?:''|[^'\\]|\\.)*')|"((?:[^"\\]|\\.|"")*)"|(`(?:``|[^`])*`)"#,
        )
        .expect("normalizer pattern")
    });
    let mut out = String::with_capacity(ddl.len());
    let mut last = 0;
    for caps in re.captures_iter(ddl) {
        let whole = caps.get(0).expect("match");
        out.push_str(&quote_reserved(&ddl[last..whole.start()]));
        match caps.get(3) {
            Some(inner) if !ansi_quotes => {
                out.push('\'');
                out.push_str(&inner.as_str().replace('\'', "''"));
                out.push('\'');
            }
            _ => out.push_str(whole.as_str()),
        }
        last = whole.end();
    }
    out.push_str(&quote_reserved(&ddl[last..]));
    out
}

const RESERVED_WINDOW: &str = "CUME_DIST|DENSE_RANK|FIRST_VALUE|JSON_TABLE|LAG|LAST_VALUE|LEAD|NTH_VALUE|NTILE|PERCENT_RANK|RANK|ROW_NUMBER";

fn quote_reserved(seg: &str) -> std::borrow::Cow<'_, str> {
    static RES: OnceLock<[Regex; 4]> = OnceLock::new();
    let [probe, table, column, label] = RES.get_or_init(|| {
        [
            Regex::new(&format!(r"(?i)\b({RESERVED_WINDOW})\b")).expect("probe"),
            Regex::new(&format!(
                r"(?i)\b(CREATE\s+TABLE|ALTER\s+TABLE|DROP\s+TABLE|FROM|JOIN|LEFT\s+JOIN|RIGHT\s+JOIN|INNER\s+JOIN|OUTER\s+JOIN|INTO)\s+({RESERVED_WINDOW})\b"
            ))
            .expect("table"),
            Regex::new(&format!(
                r"(?i)\b({RESERVED_WINDOW})\s+((?:VAR)?CHAR|INT|BIGINT|DECIMAL|NUMERIC|FLOAT|DOUBLE|JSON|TEXT|BLOB|DATE|DATETIME|TIMESTAMP|TIME|YEAR|ENUM|SET|BINARY|VARBINARY|BIT|BOOL|BOOLEAN)\b"
            ))
            .expect("column"),
            Regex::new(&format!(r"(?i)\b({RESERVED_WINDOW})\s*:")).expect("label"),
        ]
    });
    if !probe.is_match(seg) {
        return std::borrow::Cow::Borrowed(seg);
    }
    let s = table.replace_all(seg, "${1} `${2}`");
    let s = column.replace_all(&s, "`${1}` ${2}").into_owned();
    let s = label.replace_all(&s, "`${1}`:").into_owned();
    std::borrow::Cow::Owned(s)
}

// ---------------------------------------------------------------------------------------------
// 3. Lexer
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum K {
    /// Unquoted word: keyword or identifier.
    Word,
    Backtick,
    /// `"..."`: an identifier (only left after normalization in ANSI_QUOTES mode).
    DQuoted,
    Str,
    /// `N'...'`
    NStr,
    Int,
    Dec,
    Float,
    /// `0x..` / `x'..'`
    Hex,
    /// `0b..` / `b'..'`
    Bin,
    Sym(u8),
}

#[derive(Debug, Clone, Copy)]
struct Tok {
    k: K,
    s: usize,
    e: usize,
}

#[derive(Debug)]
struct LexError {
    at: usize,
    what: &'static str,
}

fn is_ident_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'$' || b >= 0x80
}

fn find_from(b: &[u8], from: usize, pat: &[u8]) -> Option<usize> {
    if from > b.len() {
        return None;
    }
    b[from..]
        .windows(pat.len())
        .position(|w| w == pat)
        .map(|p| p + from)
}

/// End (exclusive) of a quoted token starting at `i` (the quote). `backslash`: `\x` escapes.
fn scan_quoted(b: &[u8], i: usize, q: u8, backslash: bool) -> Result<usize, LexError> {
    let mut j = i + 1;
    while j < b.len() {
        let c = b[j];
        if backslash && c == b'\\' {
            j += 2;
        } else if c == q {
            if j + 1 < b.len() && b[j + 1] == q {
                j += 2;
            } else {
                return Ok(j + 1);
            }
        } else {
            j += 1;
        }
    }
    Err(LexError {
        at: i,
        what: "unterminated quoted text",
    })
}

/// MySQL's lexer, reduced to what the statements we parse need. Comments are dropped;
/// `/*!NNNNN ... */` keeps its content when NNNNN ≤ 80200 (the server version Debezium's grammar
/// assumes) and `/*! ... */` always does; MariaDB's `/*M!...*/` is an ordinary comment.
fn lex(src: &str) -> Result<Vec<Tok>, LexError> {
    let b = src.as_bytes();
    let n = b.len();
    let mut out: Vec<Tok> = Vec::new();
    let mut i = 0;
    let mut in_version = false;
    while i < n {
        let c = b[i];
        if c.is_ascii_whitespace() || c == 0x0b {
            i += 1;
            continue;
        }
        if c == b'#'
            || (c == b'-' && i + 1 < n && b[i + 1] == b'-' && (i + 2 == n || b[i + 2] <= b' '))
        {
            while i < n && b[i] != b'\n' && b[i] != b'\r' {
                i += 1;
            }
            continue;
        }
        if c == b'/' && i + 1 < n && b[i + 1] == b'*' {
            if i + 2 < n && b[i + 2] == b'!' {
                let mut j = i + 3;
                while j < n && b[j].is_ascii_digit() {
                    j += 1;
                }
                let digits = &src[i + 3..j];
                if digits.is_empty() {
                    in_version = true;
                    i = j;
                    continue;
                }
                let keep = digits.len() >= 5 && digits.parse::<u64>().is_ok_and(|v| v <= 80200);
                if keep {
                    in_version = true;
                    i = j;
                } else {
                    i = find_from(b, j, b"*/").map_or(n, |k| k + 2);
                }
                continue;
            }
            i = find_from(b, i + 2, b"*/").map_or(n, |k| k + 2);
            continue;
        }
        if in_version && c == b'*' && i + 1 < n && b[i + 1] == b'/' {
            in_version = false;
            i += 2;
            continue;
        }
        let start = i;
        let kind;
        match c {
            b'\'' => {
                i = scan_quoted(b, i, b'\'', true)?;
                kind = K::Str;
            }
            b'"' => {
                i = scan_quoted(b, i, b'"', true)?;
                kind = K::DQuoted;
            }
            b'`' => {
                i = scan_quoted(b, i, b'`', false)?;
                kind = K::Backtick;
            }
            b'0'..=b'9' => {
                let (k, e) = scan_number(b, i);
                kind = k;
                i = e;
            }
            b'.' if i + 1 < n
                && b[i + 1].is_ascii_digit()
                && !matches!(
                    out.last().map(|t| t.k),
                    Some(K::Word | K::Backtick | K::DQuoted | K::Sym(b')'))
                ) =>
            {
                let (k, e) = scan_number(b, i);
                kind = k;
                i = e;
            }
            c if is_ident_byte(c) => {
                let mut j = i;
                while j < n && is_ident_byte(b[j]) {
                    j += 1;
                }
                if j == i + 1 && j < n && b[j] == b'\'' {
                    match c {
                        b'x' | b'X' => {
                            i = scan_quoted(b, j, b'\'', false)?;
                            kind = K::Hex;
                        }
                        b'b' | b'B' => {
                            i = scan_quoted(b, j, b'\'', false)?;
                            kind = K::Bin;
                        }
                        b'n' | b'N' => {
                            i = scan_quoted(b, j, b'\'', true)?;
                            kind = K::NStr;
                        }
                        _ => {
                            i = j;
                            kind = K::Word;
                        }
                    }
                } else {
                    i = j;
                    kind = K::Word;
                }
            }
            _ => {
                // one byte of punctuation (non-ASCII bytes are word bytes)
                i += 1;
                kind = K::Sym(c);
            }
        }
        out.push(Tok {
            k: kind,
            s: start,
            e: i,
        });
    }
    Ok(out)
}

/// A number (or a word that starts with digits, like `1abc`).
fn scan_number(b: &[u8], i: usize) -> (K, usize) {
    let n = b.len();
    let word_end = |mut j: usize| {
        while j < n && is_ident_byte(b[j]) {
            j += 1;
        }
        j
    };
    if b[i] == b'0' && i + 2 < n && (b[i + 1] == b'x' || b[i + 1] == b'b') {
        let hex = b[i + 1] == b'x';
        let mut j = i + 2;
        while j < n
            && (if hex {
                b[j].is_ascii_hexdigit()
            } else {
                b[j] == b'0' || b[j] == b'1'
            })
        {
            j += 1;
        }
        if j > i + 2 && (j == n || !is_ident_byte(b[j])) {
            return (if hex { K::Hex } else { K::Bin }, j);
        }
        return (K::Word, word_end(i));
    }
    let mut j = i;
    while j < n && b[j].is_ascii_digit() {
        j += 1;
    }
    let mut k = K::Int;
    if j < n && b[j] == b'.' {
        j += 1;
        while j < n && b[j].is_ascii_digit() {
            j += 1;
        }
        k = K::Dec;
    }
    if j < n && (b[j] == b'e' || b[j] == b'E') {
        let mut m = j + 1;
        if m < n && (b[m] == b'+' || b[m] == b'-') {
            m += 1;
        }
        if m < n && b[m].is_ascii_digit() {
            while m < n && b[m].is_ascii_digit() {
                m += 1;
            }
            j = m;
            k = K::Float;
        }
    }
    if k == K::Int && j < n && is_ident_byte(b[j]) {
        return (K::Word, word_end(i));
    }
    (k, j)
}

// ---------------------------------------------------------------------------------------------
// Token cursor
// ---------------------------------------------------------------------------------------------

#[derive(Debug)]
struct PErr(String);

type PResult<T> = Result<T, PErr>;

/// A data type that cannot be read: unknown (its text) or malformed.
#[derive(Debug)]
enum TypeErr {
    Unknown(String),
    Parse(PErr),
}

impl From<PErr> for TypeErr {
    fn from(e: PErr) -> Self {
        TypeErr::Parse(e)
    }
}

/// A name as Debezium reads it: `text` is `withoutQuotes(getText())` (a doubled quote inside
/// stays doubled), `value` is the real name (doubled quotes undone).
#[derive(Debug, Clone)]
struct Name {
    text: String,
    value: String,
}

struct Cur<'a> {
    src: &'a str,
    t: &'a [Tok],
    p: usize,
}

impl<'a> Cur<'a> {
    fn new(src: &'a str, t: &'a [Tok]) -> Self {
        Cur { src, t, p: 0 }
    }
    fn peek(&self) -> Option<Tok> {
        self.t.get(self.p).copied()
    }
    fn nth(&self, k: usize) -> Option<Tok> {
        self.t.get(self.p + k).copied()
    }
    fn text(&self, t: Tok) -> &'a str {
        &self.src[t.s..t.e]
    }
    fn at_end(&self) -> bool {
        self.p >= self.t.len()
    }
    fn bump(&mut self) -> Option<Tok> {
        let t = self.peek();
        if t.is_some() {
            self.p += 1;
        }
        t
    }
    fn is_kw_at(&self, k: usize, kw: &str) -> bool {
        matches!(self.nth(k), Some(t) if t.k == K::Word && self.text(t).eq_ignore_ascii_case(kw))
    }
    fn is_kw(&self, kw: &str) -> bool {
        self.is_kw_at(0, kw)
    }
    fn is_any_kw(&self, kws: &[&str]) -> bool {
        kws.iter().any(|k| self.is_kw(k))
    }
    fn eat_kw(&mut self, kw: &str) -> bool {
        if self.is_kw(kw) {
            self.p += 1;
            true
        } else {
            false
        }
    }
    fn expect_kw(&mut self, kw: &str) -> PResult<()> {
        if self.eat_kw(kw) {
            Ok(())
        } else {
            Err(self.err(&format!("expected {kw}")))
        }
    }
    fn is_sym_at(&self, k: usize, c: u8) -> bool {
        matches!(self.nth(k), Some(t) if t.k == K::Sym(c))
    }
    fn is_sym(&self, c: u8) -> bool {
        self.is_sym_at(0, c)
    }
    fn eat_sym(&mut self, c: u8) -> bool {
        if self.is_sym(c) {
            self.p += 1;
            true
        } else {
            false
        }
    }
    fn expect_sym(&mut self, c: u8) -> PResult<()> {
        if self.eat_sym(c) {
            Ok(())
        } else {
            Err(self.err(&format!("expected `{}`", c as char)))
        }
    }
    fn word_upper(&self) -> Option<String> {
        match self.peek() {
            Some(t) if t.k == K::Word => Some(self.text(t).to_ascii_uppercase()),
            _ => None,
        }
    }
    fn err(&self, what: &str) -> PErr {
        match self.peek() {
            Some(t) => PErr(format!("{what} at `{}`", self.text(t))),
            None => PErr(format!("{what} at the end of the statement")),
        }
    }
    /// Index after the group that starts at `from` (a `(`), or the end when unbalanced.
    fn group_end(&self, from: usize) -> usize {
        let mut depth = 0usize;
        let mut i = from;
        while i < self.t.len() {
            match self.t[i].k {
                K::Sym(b'(') => depth += 1,
                K::Sym(b')') => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        return i + 1;
                    }
                }
                _ => {}
            }
            i += 1;
        }
        self.t.len()
    }
    /// Skips one token, or a whole parenthesized group.
    fn skip_unit(&mut self) {
        if self.is_sym(b'(') {
            self.p = self.group_end(self.p);
        } else {
            self.p += 1;
        }
    }
    /// Skips to the next `,` (not consumed) or `)` (not consumed) at this depth, or the end.
    fn skip_item(&mut self) {
        while !self.at_end() && !self.is_sym(b',') && !self.is_sym(b')') {
            self.skip_unit();
        }
    }
    fn name(&mut self) -> PResult<Name> {
        let t = self.peek().ok_or_else(|| self.err("expected a name"))?;
        let raw = self.text(t);
        let name = match t.k {
            K::Word => Name {
                text: raw.to_string(),
                value: raw.to_string(),
            },
            K::Backtick => {
                let inner = &raw[1..raw.len() - 1];
                Name {
                    text: inner.to_string(),
                    value: inner.replace("``", "`"),
                }
            }
            K::DQuoted => {
                let inner = &raw[1..raw.len() - 1];
                Name {
                    text: inner.to_string(),
                    value: inner.replace("\"\"", "\""),
                }
            }
            _ => return Err(self.err("expected a name")),
        };
        self.p += 1;
        Ok(name)
    }
    /// `db.table` or `table`.
    fn qualified(&mut self) -> PResult<(Option<Name>, Name)> {
        let first = self.name()?;
        if self.is_sym(b'.') {
            self.p += 1;
            let second = self.name()?;
            Ok((Some(first), second))
        } else {
            Ok((None, first))
        }
    }
    /// A charset/collation name token (identifier, string or the BINARY keyword): raw text.
    fn raw_name_token(&mut self) -> PResult<&'a str> {
        match self.peek() {
            Some(t) if matches!(t.k, K::Word | K::Backtick | K::DQuoted | K::Str) => {
                self.p += 1;
                Ok(self.text(t))
            }
            _ => Err(self.err("expected a name")),
        }
    }
    /// `IF EXISTS`
    fn eat_if_exists(&mut self) -> bool {
        if self.is_kw("IF") && self.is_kw_at(1, "EXISTS") {
            self.p += 2;
            true
        } else {
            false
        }
    }
    /// `IF NOT EXISTS`
    fn eat_if_not_exists(&mut self) -> bool {
        if self.is_kw("IF") && self.is_kw_at(1, "NOT") && self.is_kw_at(2, "EXISTS") {
            self.p += 3;
            true
        } else {
            false
        }
    }
}

/// `withoutQuotes`: strips one pair of matching `` ` ``, `'` or `"`.
fn without_quotes(s: &str) -> &str {
    let b = s.as_bytes();
    if b.len() >= 2 {
        let (f, l) = (b[0], b[b.len() - 1]);
        if f == l && matches!(f, b'`' | b'\'' | b'"') {
            return &s[1..s.len() - 1];
        }
    }
    s
}

/// `DefaultValueParserListener.unquote`.
fn unquote(s: &str) -> String {
    let b = s.as_bytes();
    if b.len() >= 2
        && ((b[0] == b'\'' && b[b.len() - 1] == b'\'') || (b[0] == b'"' && b[b.len() - 1] == b'"'))
    {
        return s[1..s.len() - 1].to_string();
    }
    s.to_string()
}

/// `DefaultValueParserListener.unquoteBinary`: drops the first two and the last character, meant
/// for `b'101'`/`x'1F'` (Debezium quirk: `0x1F` loses its last digit the same way).
fn unquote_binary(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    if chars.len() > 2 {
        chars[2..chars.len() - 1].iter().collect()
    } else {
        s.to_string()
    }
}

/// Charset introducers Debezium's lexer knows (`_utf8mb4'x'`).
fn is_charset_introducer(word: &str) -> bool {
    const LIST: &str =
        "_armscii8 _ascii _big5 _binary _cp1250 _cp1251 _cp1256 _cp1257 _cp850 _cp852 \
        _cp866 _cp932 _dec8 _eucjpms _euckr _gb2312 _gbk _gb18030 _geostd8 _greek _hebrew _hp8 \
        _keybcs2 _koi8r _koi8u _latin1 _latin2 _latin5 _latin7 _macce _macroman _sjis _swe7 \
        _tis620 _ucs2 _ujis _utf16 _utf16le _utf32 _utf8 _utf8mb3 _utf8mb4";
    LIST.split_whitespace()
        .any(|c| c.eq_ignore_ascii_case(word))
}

// ---------------------------------------------------------------------------------------------
// 4. Data types, column definitions, defaults
// ---------------------------------------------------------------------------------------------

/// The grammar symbols a data type is made of (synonyms share one: `INTEGER` is `Int`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum T {
    Char,
    Varying,
    Varchar,
    Tinytext,
    Text,
    Mediumtext,
    Longtext,
    Long,
    Nchar,
    Nvarchar,
    Binary,
    National,
    Tinyint,
    Smallint,
    Mediumint,
    Int,
    Bigint,
    Real,
    Double,
    Precision,
    Float,
    Decimal,
    Numeric,
    Fixed,
    Bit,
    Time,
    Timestamp,
    Datetime,
    Date,
    Year,
    Varbinary,
    Blob,
    Tinyblob,
    Mediumblob,
    Longblob,
    Bool,
    Boolean,
    Serial,
    Enum,
    Set,
    Geometrycollection,
    Linestring,
    Multilinestring,
    Multipoint,
    Multipolygon,
    Point,
    Polygon,
    Json,
    Vector,
    Geometry,
}

fn type_symbol(w: &str) -> Option<T> {
    Some(match w {
        "CHAR" | "CHARACTER" => T::Char,
        "VARYING" => T::Varying,
        "VARCHAR" | "VARCHARACTER" => T::Varchar,
        "TINYTEXT" => T::Tinytext,
        "TEXT" => T::Text,
        "MEDIUMTEXT" => T::Mediumtext,
        "LONGTEXT" => T::Longtext,
        "LONG" => T::Long,
        "NCHAR" => T::Nchar,
        "NVARCHAR" => T::Nvarchar,
        "BINARY" => T::Binary,
        "NATIONAL" => T::National,
        "TINYINT" | "INT1" => T::Tinyint,
        "SMALLINT" | "INT2" => T::Smallint,
        "MEDIUMINT" | "MIDDLEINT" | "INT3" => T::Mediumint,
        "INT" | "INTEGER" | "INT4" => T::Int,
        "BIGINT" | "INT8" => T::Bigint,
        "REAL" => T::Real,
        "DOUBLE" | "FLOAT8" => T::Double,
        "PRECISION" => T::Precision,
        "FLOAT" | "FLOAT4" => T::Float,
        "DECIMAL" | "DEC" => T::Decimal,
        "NUMERIC" => T::Numeric,
        "FIXED" => T::Fixed,
        "BIT" => T::Bit,
        "TIME" => T::Time,
        "TIMESTAMP" => T::Timestamp,
        "DATETIME" => T::Datetime,
        "DATE" => T::Date,
        "YEAR" => T::Year,
        "VARBINARY" => T::Varbinary,
        "BLOB" => T::Blob,
        "TINYBLOB" => T::Tinyblob,
        "MEDIUMBLOB" => T::Mediumblob,
        "LONGBLOB" => T::Longblob,
        "BOOL" => T::Bool,
        "BOOLEAN" => T::Boolean,
        "SERIAL" => T::Serial,
        "ENUM" => T::Enum,
        "SET" => T::Set,
        "GEOMETRYCOLLECTION" | "GEOMCOLLECTION" => T::Geometrycollection,
        "LINESTRING" => T::Linestring,
        "MULTILINESTRING" => T::Multilinestring,
        "MULTIPOINT" => T::Multipoint,
        "MULTIPOLYGON" => T::Multipolygon,
        "POINT" => T::Point,
        "POLYGON" => T::Polygon,
        "JSON" => T::Json,
        "VECTOR" => T::Vector,
        "GEOMETRY" => T::Geometry,
        _ => return None,
    })
}

/// One `DataTypeEntry` of `MySqlAntlrDdlState`: jdbc type, main symbols, optional suffix
/// symbols, default length and scale.
struct Entry {
    jdbc: i32,
    main: &'static [T],
    suffix: &'static [T],
    len: Option<i64>,
    scale: Option<i32>,
}

const fn e(jdbc: i32, main: &'static [T]) -> Entry {
    Entry {
        jdbc,
        main,
        suffix: &[],
        len: None,
        scale: None,
    }
}

const fn es(jdbc: i32, main: &'static [T], suffix: &'static [T]) -> Entry {
    Entry {
        jdbc,
        main,
        suffix,
        len: None,
        scale: None,
    }
}

const fn ed(jdbc: i32, main: &'static [T], len: i64, scale: Option<i32>) -> Entry {
    Entry {
        jdbc,
        main,
        suffix: &[],
        len: Some(len),
        scale,
    }
}

/// The entries in Debezium's registration order (ties go to the first).
static ENTRIES: &[Entry] = &[
    e(jdbc::CHAR, &[T::Char]),
    e(jdbc::VARCHAR, &[T::Char, T::Varying]),
    e(jdbc::VARCHAR, &[T::Varchar]),
    e(jdbc::VARCHAR, &[T::Tinytext]),
    e(jdbc::VARCHAR, &[T::Text]),
    e(jdbc::VARCHAR, &[T::Mediumtext]),
    e(jdbc::VARCHAR, &[T::Longtext]),
    e(jdbc::VARCHAR, &[T::Long]),
    e(jdbc::NCHAR, &[T::Nchar]),
    e(jdbc::NVARCHAR, &[T::Nchar, T::Varying]),
    e(jdbc::NVARCHAR, &[T::Nvarchar]),
    e(jdbc::CHAR, &[T::Char, T::Binary]),
    e(jdbc::VARCHAR, &[T::Varchar, T::Binary]),
    e(jdbc::VARCHAR, &[T::Tinytext, T::Binary]),
    e(jdbc::VARCHAR, &[T::Text, T::Binary]),
    e(jdbc::VARCHAR, &[T::Mediumtext, T::Binary]),
    e(jdbc::VARCHAR, &[T::Longtext, T::Binary]),
    e(jdbc::NCHAR, &[T::Nchar, T::Binary]),
    e(jdbc::NVARCHAR, &[T::Nvarchar, T::Binary]),
    es(jdbc::NVARCHAR, &[T::National, T::Varchar], &[T::Binary]),
    es(jdbc::NCHAR, &[T::National, T::Char], &[T::Binary]),
    e(jdbc::NVARCHAR, &[T::National, T::Char, T::Varying]),
    es(jdbc::NVARCHAR, &[T::Nchar, T::Varchar], &[T::Binary]),
    e(jdbc::NVARCHAR, &[T::Nchar, T::Varying]),
    e(jdbc::SMALLINT, &[T::Tinyint]),
    e(jdbc::SMALLINT, &[T::Smallint]),
    e(jdbc::INTEGER, &[T::Mediumint]),
    e(jdbc::INTEGER, &[T::Int]),
    e(jdbc::BIGINT, &[T::Bigint]),
    e(jdbc::REAL, &[T::Real]),
    es(jdbc::DOUBLE, &[T::Double], &[T::Precision]),
    e(jdbc::FLOAT, &[T::Float]),
    ed(jdbc::DECIMAL, &[T::Decimal], 10, Some(0)),
    ed(jdbc::NUMERIC, &[T::Numeric], 10, Some(0)),
    ed(jdbc::DECIMAL, &[T::Fixed], 10, Some(0)),
    ed(jdbc::BIT, &[T::Bit], 1, None),
    e(jdbc::TIME, &[T::Time]),
    e(jdbc::TIMESTAMP_WITH_TIMEZONE, &[T::Timestamp]),
    e(jdbc::TIMESTAMP, &[T::Datetime]),
    e(jdbc::DATE, &[T::Date]),
    e(jdbc::INTEGER, &[T::Year]),
    e(jdbc::BINARY, &[T::Binary]),
    e(jdbc::VARBINARY, &[T::Varbinary]),
    e(jdbc::BLOB, &[T::Blob]),
    e(jdbc::BLOB, &[T::Tinyblob]),
    e(jdbc::BLOB, &[T::Mediumblob]),
    e(jdbc::BLOB, &[T::Longblob]),
    e(jdbc::BLOB, &[T::Long, T::Varbinary]),
    e(jdbc::VARCHAR, &[T::Long, T::Char, T::Varying]),
    e(jdbc::VARCHAR, &[T::Long, T::Varchar]),
    e(jdbc::BOOLEAN, &[T::Bool]),
    e(jdbc::BOOLEAN, &[T::Boolean]),
    e(jdbc::BIGINT, &[T::Serial]),
    es(jdbc::CHAR, &[T::Enum], &[T::Binary]),
    es(jdbc::CHAR, &[T::Set], &[T::Binary]),
    e(jdbc::OTHER, &[T::Geometrycollection]),
    e(jdbc::OTHER, &[T::Linestring]),
    e(jdbc::OTHER, &[T::Multilinestring]),
    e(jdbc::OTHER, &[T::Multipoint]),
    e(jdbc::OTHER, &[T::Multipolygon]),
    e(jdbc::OTHER, &[T::Point]),
    e(jdbc::OTHER, &[T::Polygon]),
    e(jdbc::OTHER, &[T::Json]),
    e(jdbc::OTHER, &[T::Vector]),
    e(jdbc::OTHER, &[T::Geometry]),
];

/// A data type as written: the grammar symbols that are direct children of the `dataType` rule
/// (what `DataTypeResolver` can see), and its clauses.
#[derive(Debug, Clone, Default)]
struct RawType {
    /// Direct symbols with their text as written.
    direct: Vec<(T, String)>,
    /// The `type=` label of the grammar alternative (None for `nchar ...`).
    label: Option<T>,
    /// `(n)` or `(m,d)`: raw numbers.
    numbers: Vec<String>,
    /// The numbers came as `typeDatetimePrecision` (TIME/DATETIME/TIMESTAMP).
    datetime_precision: bool,
    /// SIGNED/UNSIGNED/ZEROFILL words in order (`fieldOptions`).
    options: Vec<String>,
    /// `CHARACTER SET x`: withoutQuotes(x), and the raw text of x.
    charset: Option<(String, String)>,
    /// `BINARY` inside `charsetWithOptBinary`.
    charset_binary: bool,
    /// ENUM/SET members as written.
    string_list: Option<Vec<String>>,
    /// `dataType.getText().toUpperCase()`: all tokens concatenated.
    context: String,
}

/// A resolved data type: what `resolveColumnDataType` sets on the column editor.
#[derive(Debug, Clone, PartialEq, Eq)]
struct TypeSpec {
    name: String,
    jdbc: i32,
    length: Option<i64>,
    scale: Option<i32>,
    default_length: Option<i64>,
    default_scale: Option<i32>,
    /// Length from the ENUM/SET member count (set after the declared length).
    list_length: Option<i64>,
    charset: Option<String>,
    enum_values: Option<Vec<String>>,
    serial: bool,
}

/// `parseLength`: a non-integer is truncated, ≤ 0 becomes 10, above `i32::MAX` is capped.
fn parse_length(s: &str) -> i64 {
    let v = match s.parse::<i64>() {
        Ok(v) => v,
        Err(_) => match s.parse::<f64>() {
            Ok(f) => f as i64,
            Err(_) => return 10,
        },
    };
    if v <= 0 {
        10
    } else {
        v.min(i32::MAX as i64)
    }
}

impl<'a> Cur<'a> {
    /// `(n)` or `(m, d)` → raw numbers (empty when absent).
    fn paren_numbers(&mut self) -> PResult<Vec<String>> {
        let mut out = Vec::new();
        if !self.is_sym(b'(') {
            return Ok(out);
        }
        self.p += 1;
        loop {
            let t = self.bump().ok_or_else(|| self.err("expected a number"))?;
            if !matches!(t.k, K::Int | K::Dec | K::Float | K::Hex) {
                return Err(PErr(format!("expected a number at `{}`", self.text(t))));
            }
            out.push(self.text(t).to_string());
            if self.eat_sym(b')') {
                return Ok(out);
            }
            self.expect_sym(b',')?;
        }
    }

    fn field_options(&mut self, raw: &mut RawType) {
        while let Some(w) = self.word_upper() {
            if matches!(w.as_str(), "SIGNED" | "UNSIGNED" | "ZEROFILL") {
                raw.options.push(w);
                self.p += 1;
            } else {
                break;
            }
        }
    }

    /// `charsetWithOptBinary`.
    fn charset_with_binary(&mut self, raw: &mut RawType) -> PResult<()> {
        loop {
            if self.is_kw("ASCII") || self.is_kw("UNICODE") || self.is_kw("BYTE") {
                self.p += 1;
            } else if self.is_kw("BINARY") {
                self.p += 1;
                raw.charset_binary = true;
            } else if self.is_kw("CHARSET")
                || ((self.is_kw("CHARACTER") || self.is_kw("CHAR")) && self.is_kw_at(1, "SET"))
            {
                self.p += if self.is_kw("CHARSET") { 1 } else { 2 };
                let text = self.raw_name_token()?;
                raw.charset = Some((without_quotes(text).to_string(), text.to_string()));
            } else {
                return Ok(());
            }
        }
    }

    /// `BINARY?` directly after an N-type: a direct symbol.
    fn direct_binary(&mut self, raw: &mut RawType) {
        if self.is_kw("BINARY") {
            let t = self.bump().expect("peeked");
            raw.direct.push((T::Binary, self.text(t).to_string()));
        }
    }

    fn push_direct(&mut self, raw: &mut RawType, sym: T) {
        let t = self.bump().expect("peeked");
        raw.direct.push((sym, self.text(t).to_string()));
    }

    /// Parses a `dataType`.
    fn data_type(&mut self) -> Result<RawType, TypeErr> {
        let start = self.p;
        let first = self
            .word_upper()
            .ok_or_else(|| self.err("expected a data type"))?;
        let sym = type_symbol(&first)
            .ok_or_else(|| TypeErr::Unknown(self.text(self.peek().expect("word")).to_string()))?;
        let mut raw = RawType {
            label: Some(sym),
            ..RawType::default()
        };
        match sym {
            T::Tinyint | T::Smallint | T::Mediumint | T::Int | T::Bigint | T::Year => {
                self.push_direct(&mut raw, sym);
                raw.numbers = self.paren_numbers()?;
                self.field_options(&mut raw);
            }
            T::Real | T::Float | T::Decimal | T::Numeric | T::Fixed => {
                self.push_direct(&mut raw, sym);
                raw.numbers = self.paren_numbers()?;
                self.field_options(&mut raw);
            }
            T::Double => {
                self.push_direct(&mut raw, sym);
                if self.is_kw("PRECISION") {
                    self.push_direct(&mut raw, T::Precision);
                }
                raw.numbers = self.paren_numbers()?;
                self.field_options(&mut raw);
            }
            T::Bit | T::Binary | T::Varbinary | T::Blob | T::Vector => {
                self.push_direct(&mut raw, sym);
                raw.numbers = self.paren_numbers()?;
            }
            T::Char => {
                self.push_direct(&mut raw, sym);
                if self.is_kw("VARYING") {
                    self.push_direct(&mut raw, T::Varying);
                }
                raw.numbers = self.paren_numbers()?;
                self.charset_with_binary(&mut raw)?;
            }
            T::Varchar | T::Text => {
                self.push_direct(&mut raw, sym);
                raw.numbers = self.paren_numbers()?;
                self.charset_with_binary(&mut raw)?;
            }
            T::Tinytext | T::Mediumtext | T::Longtext => {
                self.push_direct(&mut raw, sym);
                self.charset_with_binary(&mut raw)?;
            }
            T::Long => {
                self.push_direct(&mut raw, sym);
                if self.is_kw("VARBINARY") {
                    self.push_direct(&mut raw, T::Varbinary);
                } else {
                    if self.is_kw("VARCHAR") || self.is_kw("VARCHARACTER") {
                        self.push_direct(&mut raw, T::Varchar);
                    } else if (self.is_kw("CHAR") || self.is_kw("CHARACTER"))
                        && self.is_kw_at(1, "VARYING")
                    {
                        self.push_direct(&mut raw, T::Char);
                        self.push_direct(&mut raw, T::Varying);
                    }
                    self.charset_with_binary(&mut raw)?;
                }
            }
            T::Nchar => {
                if self.is_kw_at(1, "VARCHAR") || self.is_kw_at(1, "VARCHARACTER") {
                    self.push_direct(&mut raw, T::Nchar);
                    self.push_direct(&mut raw, T::Varchar);
                } else if self.is_kw_at(1, "VARYING") {
                    self.push_direct(&mut raw, T::Nchar);
                    self.push_direct(&mut raw, T::Varying);
                } else {
                    // `nchar` is its own rule: NCHAR is no direct symbol
                    self.p += 1;
                    raw.label = None;
                }
                raw.numbers = self.paren_numbers()?;
                self.direct_binary(&mut raw);
            }
            T::National => {
                if (self.is_kw_at(1, "CHAR") || self.is_kw_at(1, "CHARACTER"))
                    && self.is_kw_at(2, "VARYING")
                {
                    self.push_direct(&mut raw, T::National);
                    self.push_direct(&mut raw, T::Char);
                    self.push_direct(&mut raw, T::Varying);
                } else if self.is_kw_at(1, "VARCHAR") || self.is_kw_at(1, "VARCHARACTER") {
                    self.push_direct(&mut raw, T::National);
                    self.push_direct(&mut raw, T::Varchar);
                } else if self.is_kw_at(1, "CHAR") || self.is_kw_at(1, "CHARACTER") {
                    self.p += 2;
                    raw.label = None;
                } else {
                    return Err(TypeErr::Unknown(first));
                }
                raw.numbers = self.paren_numbers()?;
                self.direct_binary(&mut raw);
            }
            T::Nvarchar => {
                self.push_direct(&mut raw, sym);
                raw.numbers = self.paren_numbers()?;
                self.direct_binary(&mut raw);
            }
            T::Time | T::Timestamp | T::Datetime => {
                self.push_direct(&mut raw, sym);
                raw.numbers = self.paren_numbers()?;
                raw.datetime_precision = true;
            }
            T::Enum | T::Set => {
                self.push_direct(&mut raw, sym);
                self.expect_sym(b'(')?;
                let mut list = Vec::new();
                loop {
                    let t = self.bump().ok_or_else(|| self.err("expected a member"))?;
                    if !matches!(t.k, K::Str | K::NStr | K::Hex | K::Bin | K::DQuoted) {
                        return Err(PErr(format!("expected a member at `{}`", self.text(t))).into());
                    }
                    list.push(self.text(t).to_string());
                    if self.eat_sym(b')') {
                        break;
                    }
                    self.expect_sym(b',')?;
                }
                raw.string_list = Some(list);
                self.charset_with_binary(&mut raw)?;
            }
            T::Date
            | T::Tinyblob
            | T::Mediumblob
            | T::Longblob
            | T::Bool
            | T::Boolean
            | T::Serial
            | T::Json
            | T::Geometry
            | T::Geometrycollection
            | T::Point
            | T::Multipoint
            | T::Linestring
            | T::Multilinestring
            | T::Polygon
            | T::Multipolygon => self.push_direct(&mut raw, sym),
            T::Varying | T::Precision => return Err(TypeErr::Unknown(first)),
        }
        raw.context = self.t[start..self.p]
            .iter()
            .map(|t| self.text(*t))
            .collect::<String>()
            .to_uppercase();
        Ok(raw)
    }
}

/// `DataTypeResolver.resolveDataType` + `ColumnDefinitionParserListener.resolveColumnDataType`.
/// Err(type text) when Debezium cannot resolve it either.
fn resolve_type(raw: &RawType) -> Result<TypeSpec, String> {
    let find = |sym: T| {
        raw.direct
            .iter()
            .find(|(s, _)| *s == sym)
            .map(|(_, t)| t.as_str())
    };
    let mut best: Option<(usize, &Entry, String)> = None;
    for entry in ENTRIES {
        let prio = entry.main.len();
        if best.as_ref().is_some_and(|(p, _, _)| prio <= *p) {
            continue;
        }
        let mut parts = Vec::new();
        let mut ok = true;
        for sym in entry.main {
            match find(*sym) {
                Some(t) => parts.push(t.to_string()),
                None => {
                    ok = false;
                    break;
                }
            }
        }
        if !ok {
            continue;
        }
        for sym in entry.suffix {
            if let Some(t) = find(*sym) {
                parts.push(t.to_string());
            }
        }
        best = Some((prio, entry, parts.join(" ")));
    }
    let ctx = raw.context.as_str();
    let (mut name, resolver_name, mut jdbc, default_length, default_scale) = match best {
        Some((_, entry, name)) => {
            let upper = name.to_uppercase();
            (upper.clone(), upper, entry.jdbc, entry.len, entry.scale)
        }
        None => {
            // Debezium's fallback for NATIONAL CHAR / NCHAR, which its resolver cannot see
            if ctx.contains("NATIONAL") || ctx.starts_with("NCHAR") {
                let j = if ctx.contains("VARCHAR") || ctx.contains("VARYING") {
                    jdbc::NVARCHAR
                } else {
                    jdbc::NCHAR
                };
                (ctx.to_string(), ctx.to_string(), j, None, None)
            } else {
                return Err(ctx.to_string());
            }
        }
    };
    // "NCHAR BINARY" resolves to BINARY
    if name == "BINARY" && (ctx.starts_with("NCHAR") || ctx.starts_with("NVARCHAR")) {
        if ctx.starts_with("NVARCHAR") {
            name = "NVARCHAR".into();
            jdbc = jdbc::NVARCHAR;
        } else {
            name = "NCHAR".into();
            jdbc = jdbc::NCHAR;
        }
    }
    let national = jdbc == jdbc::NCHAR || jdbc == jdbc::NVARCHAR;
    if national {
        static PARENS: OnceLock<Regex> = OnceLock::new();
        let parens = PARENS.get_or_init(|| Regex::new(r"\([^)]*\)").expect("parens"));
        let t = parens.replace_all(ctx, "");
        let t = t.as_ref();
        let renamed = if t == "NATIONALCHAR" {
            Some("NATIONAL CHAR")
        } else if t == "NATIONALVARCHAR" {
            Some("NATIONAL VARCHAR")
        } else if t == "NATIONALCHARACTER" {
            Some("NATIONAL CHARACTER")
        } else if t.contains("NATIONALCHARACTER") && t.contains("VARYING") {
            Some("NATIONAL CHARACTER VARYING")
        } else if t.contains("NATIONALCHAR") && t.contains("VARYING") {
            Some("NATIONAL CHAR VARYING")
        } else if t.contains("NCHAR") && t.contains("VARCHAR") {
            Some("NCHAR VARCHAR")
        } else if t.contains("NCHAR") && t.contains("VARYING") {
            Some("NCHAR VARYING")
        } else if t == "NCHAR" {
            Some("NCHAR")
        } else if t == "NVARCHAR" {
            Some("NVARCHAR")
        } else {
            None
        };
        if let Some(r) = renamed {
            name = r.to_string();
        }
    }
    if !raw.options.is_empty() {
        let mut signedness: Option<&str> = None;
        let mut zerofill = false;
        for o in &raw.options {
            match o.as_str() {
                "SIGNED" => signedness = Some("SIGNED"),
                "UNSIGNED" => signedness = Some("UNSIGNED"),
                _ => zerofill = true,
            }
        }
        if zerofill {
            name.push_str(" UNSIGNED ZEROFILL");
        } else if let Some(s) = signedness {
            name.push(' ');
            name.push_str(s);
        }
    }
    let binary_modifier =
        (find(T::Binary).is_some() && raw.label != Some(T::Binary)) || raw.charset_binary;
    if binary_modifier && !name.ends_with(" BINARY") {
        name.push_str(" BINARY");
    }
    let mut length = None;
    let mut scale = None;
    match raw.numbers.as_slice() {
        [] => {}
        [n] if raw.datetime_precision => {
            length = Some(n.parse::<i64>().unwrap_or_else(|_| parse_length(n)))
        }
        [n] => length = Some(parse_length(n)),
        [n, d, ..] => {
            length = Some(parse_length(n));
            scale = d.parse::<i32>().ok();
        }
    }
    let list_length = raw.string_list.as_ref().map(|l| {
        if resolver_name == "SET" {
            (l.len() as i64 * 2 - 1).max(0)
        } else {
            1
        }
    });
    let mut charset = raw.charset.as_ref().map(|(c, _)| c.clone());
    if raw.string_list.is_some() {
        // Debezium quirk: ENUM/SET keep the charset name's raw text (quotes and all)
        if let Some((_, text)) = &raw.charset {
            charset = Some(text.clone());
        }
    }
    let enum_values = if name == "ENUM" || name == "SET" {
        raw.string_list.clone()
    } else {
        None
    };
    let serial = name == "SERIAL";
    if serial {
        name = "BIGINT UNSIGNED".into();
    }
    Ok(TypeSpec {
        name,
        jdbc,
        length,
        scale,
        default_length,
        default_scale,
        list_length,
        charset,
        enum_values,
        serial,
    })
}

/// The syntactic form of a `DEFAULT` value; each path turns it into a recorded default its own way.
#[derive(Debug, Clone, PartialEq, Eq)]
enum DefaultExpr {
    Null,
    /// `CURRENT_TIMESTAMP`, `NOW()`, `LOCALTIME`, `LOCALTIMESTAMP` (with precision or not).
    Now,
    /// `+1`, `-2.5`: sign and number text.
    Signed(String),
    /// Number, `TRUE`/`FALSE`, `DATE'..'`: Debezium's `getText()` of it.
    Plain(String),
    /// `x'1F'`, `0x1F`, `b'101'`, `0b101` (with an optional introducer).
    HexBin(String),
    /// String literal(s): optional introducer and the quoted parts concatenated.
    Text {
        introducer: Option<String>,
        strings: String,
    },
    /// Anything else (`(expr)`, `curdate()`, `1 + 1`): a default that Debezium records without
    /// an expression.
    Expr,
}

/// Column attributes that matter to the model (others are skipped when parsed).
#[derive(Debug, Clone, PartialEq, Eq)]
enum Attr {
    Null {
        not: bool,
    },
    Default(DefaultExpr),
    OnUpdate,
    AutoIncrement,
    SerialDefaultValue,
    /// `PRIMARY KEY` or `KEY`.
    Key,
    Unique,
    /// `COMMENT '...'`: withoutQuotes of the literal text.
    Comment(String),
    /// `COLLATE x`: raw text; `inferable` is false for the COLLATE placed before `AS (expr)` of a
    /// generated column (not a column attribute in the grammar).
    Collate {
        raw: String,
        inferable: bool,
    },
    /// MariaDB may print `CHARACTER SET` after other attributes.
    Charset(String),
}

#[derive(Debug, Clone)]
struct ColumnDef {
    name: Name,
    ty: TypeSpec,
    attrs: Vec<Attr>,
}

/// Words that start a column attribute (they end a `DEFAULT` value).
const ATTR_WORDS: &[&str] = &[
    "NOT",
    "NULL",
    "DEFAULT",
    "ON",
    "AUTO_INCREMENT",
    "SERIAL",
    "PRIMARY",
    "KEY",
    "UNIQUE",
    "COMMENT",
    "COLLATE",
    "COLUMN_FORMAT",
    "STORAGE",
    "SRID",
    "CONSTRAINT",
    "CHECK",
    "GENERATED",
    "AS",
    "VISIBLE",
    "INVISIBLE",
    "REFERENCES",
    "CHARACTER",
    "CHARSET",
    "COMPRESSED",
    "WITH",
    "WITHOUT",
    "FIRST",
    "AFTER",
    "ENGINE_ATTRIBUTE",
    "SECONDARY_ENGINE_ATTRIBUTE",
];

impl<'a> Cur<'a> {
    /// A column definition after its name: data type and attributes, up to `,`/`)`/end or a
    /// FIRST/AFTER placement (not consumed).
    fn column_def(&mut self, name: Name) -> Result<ColumnDef, TypeErr> {
        let raw = self.data_type()?;
        let ty = resolve_type(&raw).map_err(TypeErr::Unknown)?;
        let attrs = self.column_attrs()?;
        Ok(ColumnDef { name, ty, attrs })
    }

    fn at_item_end(&self) -> bool {
        self.at_end()
            || self.is_sym(b',')
            || self.is_sym(b')')
            || self.is_kw("FIRST")
            || self.is_kw("AFTER")
    }

    fn column_attrs(&mut self) -> PResult<Vec<Attr>> {
        let mut attrs = Vec::new();
        while !self.at_item_end() {
            let Some(w) = self.word_upper() else {
                self.skip_unit();
                continue;
            };
            match w.as_str() {
                "NOT" if self.is_kw_at(1, "NULL") => {
                    self.p += 2;
                    attrs.push(Attr::Null { not: true });
                }
                "NULL" => {
                    self.p += 1;
                    attrs.push(Attr::Null { not: false });
                }
                "DEFAULT" => {
                    self.p += 1;
                    attrs.push(Attr::Default(self.default_expr()?));
                }
                "ON" if self.is_kw_at(1, "UPDATE") => {
                    self.p += 2;
                    // the NOW() expression
                    if !self.at_item_end() {
                        self.skip_unit();
                        if self.is_sym(b'(') {
                            self.skip_unit();
                        }
                    }
                    attrs.push(Attr::OnUpdate);
                }
                "AUTO_INCREMENT" => {
                    self.p += 1;
                    attrs.push(Attr::AutoIncrement);
                }
                "SERIAL" if self.is_kw_at(1, "DEFAULT") && self.is_kw_at(2, "VALUE") => {
                    self.p += 3;
                    attrs.push(Attr::SerialDefaultValue);
                }
                "PRIMARY" if self.is_kw_at(1, "KEY") => {
                    self.p += 2;
                    attrs.push(Attr::Key);
                }
                "KEY" => {
                    self.p += 1;
                    attrs.push(Attr::Key);
                }
                "UNIQUE" => {
                    self.p += 1;
                    self.eat_kw("KEY");
                    attrs.push(Attr::Unique);
                }
                "COMMENT" => {
                    self.p += 1;
                    let start = self.p;
                    while matches!(self.peek().map(|t| t.k), Some(K::Str | K::NStr)) {
                        self.p += 1;
                    }
                    let text: String = self.t[start..self.p]
                        .iter()
                        .map(|t| self.text(*t))
                        .collect();
                    attrs.push(Attr::Comment(without_quotes(&text).to_string()));
                }
                "COLLATE" => {
                    self.p += 1;
                    let raw = self.raw_name_token()?.to_string();
                    let inferable = !(self.is_kw("GENERATED") || self.is_kw("AS"));
                    attrs.push(Attr::Collate { raw, inferable });
                }
                "CHARSET" | "CHARACTER" => {
                    self.p += 1;
                    if w == "CHARACTER" {
                        self.expect_kw("SET")?;
                    }
                    let raw = self.raw_name_token()?;
                    attrs.push(Attr::Charset(without_quotes(raw).to_string()));
                }
                "GENERATED" => {
                    self.p += 1;
                    self.eat_kw("ALWAYS");
                }
                "AS" => {
                    self.p += 1;
                    self.skip_unit();
                    if self.is_any_kw(&["VIRTUAL", "STORED", "PERSISTENT"]) {
                        self.p += 1;
                    }
                }
                "CONSTRAINT" => {
                    self.p += 1;
                    if !self.is_kw("CHECK") {
                        self.p += 1;
                    }
                }
                "CHECK" => {
                    self.p += 1;
                    self.skip_unit();
                    if self.is_kw("NOT") && self.is_kw_at(1, "ENFORCED") {
                        self.p += 2;
                    } else {
                        self.eat_kw("ENFORCED");
                    }
                }
                "REFERENCES" => {
                    self.p += 1;
                    self.qualified()?;
                    if self.is_sym(b'(') {
                        self.skip_unit();
                    }
                    loop {
                        if self.eat_kw("MATCH") {
                            self.p += 1;
                        } else if self.is_kw("ON")
                            && (self.is_kw_at(1, "DELETE") || self.is_kw_at(1, "UPDATE"))
                        {
                            self.p += 2;
                            if self.is_kw("SET") || self.is_kw("NO") {
                                self.p += 2;
                            } else {
                                self.p += 1;
                            }
                        } else {
                            break;
                        }
                    }
                }
                "COLUMN_FORMAT"
                | "STORAGE"
                | "SRID"
                | "ENGINE_ATTRIBUTE"
                | "SECONDARY_ENGINE_ATTRIBUTE"
                | "COMPRESSED" => {
                    self.p += 1;
                    if self.eat_sym(b'=') || (!self.at_item_end() && w != "COMPRESSED") {
                        self.skip_unit();
                    }
                }
                "WITH" | "WITHOUT" if self.is_kw_at(1, "SYSTEM") => {
                    self.p += 3;
                }
                _ => self.skip_unit(),
            }
        }
        Ok(attrs)
    }

    /// The value after `DEFAULT`: its first unit, then more units up to the next attribute.
    fn default_expr(&mut self) -> PResult<DefaultExpr> {
        if self.at_end() || self.is_sym(b',') || self.is_sym(b')') {
            return Err(self.err("expected a default value"));
        }
        let start = self.p;
        self.skip_unit();
        while !self.at_item_end() && !self.is_any_kw(ATTR_WORDS) {
            self.skip_unit();
        }
        Ok(self.classify_default(start, self.p))
    }

    fn classify_default(&self, start: usize, end: usize) -> DefaultExpr {
        let toks = &self.t[start..end];
        let text = |t: &Tok| self.text(*t);
        let is_word = |t: &Tok, w: &str| t.k == K::Word && text(t).eq_ignore_ascii_case(w);
        let all = |ts: &[Tok]| ts.iter().map(text).collect::<String>();
        match toks {
            [t] if is_word(t, "NULL") => return DefaultExpr::Null,
            [t] if matches!(t.k, K::Int | K::Dec | K::Float) => {
                return DefaultExpr::Plain(text(t).to_string())
            }
            [t] if matches!(t.k, K::Hex | K::Bin) => {
                return DefaultExpr::HexBin(text(t).to_string())
            }
            [t] if is_word(t, "TRUE") || is_word(t, "FALSE") => {
                return DefaultExpr::Plain(text(t).to_string())
            }
            [s, n]
                if matches!(s.k, K::Sym(b'+') | K::Sym(b'-'))
                    && matches!(n.k, K::Int | K::Dec | K::Float | K::Hex) =>
            {
                return DefaultExpr::Signed(format!("{}{}", text(s), text(n)));
            }
            [i, h]
                if i.k == K::Word
                    && is_charset_introducer(text(i))
                    && matches!(h.k, K::Hex | K::Bin) =>
            {
                return DefaultExpr::HexBin(text(h).to_string());
            }
            [k, s]
                if (is_word(k, "DATE") || is_word(k, "TIME") || is_word(k, "TIMESTAMP"))
                    && s.k == K::Str =>
            {
                return DefaultExpr::Plain(format!("{}{}", text(k), text(s)));
            }
            _ => {}
        }
        if let Some(first) = toks.first() {
            let now_word = ["CURRENT_TIMESTAMP", "NOW", "LOCALTIME", "LOCALTIMESTAMP"]
                .iter()
                .any(|w| is_word(first, w));
            if now_word {
                let rest = &toks[1..];
                let ok = match rest {
                    [] => true,
                    [o, c] => o.k == K::Sym(b'(') && c.k == K::Sym(b')'),
                    [o, n, c] => o.k == K::Sym(b'(') && n.k == K::Int && c.k == K::Sym(b')'),
                    _ => false,
                };
                if ok {
                    return DefaultExpr::Now;
                }
            }
            // string literal(s), optionally with an introducer
            let (introducer, strs) = if first.k == K::Word && is_charset_introducer(text(first)) {
                (Some(text(first).to_string()), &toks[1..])
            } else {
                (None, toks)
            };
            let strings_ok = !strs.is_empty()
                && strs.iter().enumerate().all(|(i, t)| {
                    t.k == K::Str || (t.k == K::NStr && i == 0 && introducer.is_none())
                });
            if strings_ok {
                return DefaultExpr::Text {
                    introducer,
                    strings: all(strs),
                };
            }
        }
        DefaultExpr::Expr
    }
}

/// A key part list: column names (`removeRepeatedBacktick(withoutQuotes)`), None for expressions.
fn key_parts(c: &mut Cur<'_>) -> PResult<Vec<Option<String>>> {
    c.expect_sym(b'(')?;
    let mut parts = Vec::new();
    loop {
        if c.is_sym(b'(') {
            c.skip_unit();
            parts.push(None);
        } else {
            let n = c.name()?;
            parts.push(Some(n.text.replace("``", "`")));
            if c.is_sym(b'(') {
                c.skip_unit();
            }
        }
        if c.is_any_kw(&["ASC", "DESC"]) {
            c.p += 1;
        }
        if c.eat_sym(b')') {
            return Ok(parts);
        }
        c.expect_sym(b',')?;
    }
}

/// A table constraint in CREATE TABLE / ALTER TABLE ADD.
#[derive(Debug, Clone)]
enum Constraint {
    Primary(Vec<Option<String>>),
    Unique(Vec<Option<String>>),
    Other,
}

/// Words that start a table constraint in an element list.
const CONSTRAINT_WORDS: &[&str] = &[
    "CONSTRAINT",
    "PRIMARY",
    "UNIQUE",
    "KEY",
    "INDEX",
    "FULLTEXT",
    "SPATIAL",
    "FOREIGN",
    "CHECK",
    "PERIOD",
];

impl<'a> Cur<'a> {
    fn is_constraint_start(&self) -> bool {
        if self.is_kw("PERIOD") {
            return self.is_kw_at(1, "FOR");
        }
        self.peek().is_some_and(|t| t.k == K::Word) && self.is_any_kw(CONSTRAINT_WORDS)
    }

    /// A table constraint up to the next `,`/`)`.
    fn constraint(&mut self) -> PResult<Constraint> {
        if self.eat_kw("CONSTRAINT") && !self.is_any_kw(&["PRIMARY", "UNIQUE", "FOREIGN", "CHECK"])
        {
            self.name()?;
        }
        let out = if self.is_kw("PRIMARY") {
            self.p += 1;
            self.expect_kw("KEY")?;
            self.index_name_and_type();
            Constraint::Primary(key_parts(self)?)
        } else if self.is_kw("UNIQUE") {
            self.p += 1;
            if self.is_kw("KEY") || self.is_kw("INDEX") {
                self.p += 1;
            }
            self.eat_if_not_exists();
            self.index_name_and_type();
            Constraint::Unique(key_parts(self)?)
        } else {
            Constraint::Other
        };
        self.skip_item();
        Ok(out)
    }

    /// `[name] [USING type]` before a key part list.
    fn index_name_and_type(&mut self) {
        if !self.is_sym(b'(') && !self.is_kw("USING") {
            self.p += 1;
        }
        if self.eat_kw("USING") || self.eat_kw("TYPE") {
            self.p += 1;
        }
    }
}

/// A CREATE TABLE element.
#[derive(Debug, Clone)]
enum Element {
    Column(ColumnDef),
    Constraint(Constraint),
}

// ---------------------------------------------------------------------------------------------
// 5. Table editor (TableEditorImpl semantics)
// ---------------------------------------------------------------------------------------------

fn lower(s: &str) -> String {
    s.to_lowercase()
}

/// `ColumnEditorImpl.optional`: an optional column without a default gets an implicit NULL one.
fn set_optional(c: &mut Column, optional: bool) {
    c.optional = optional;
    if optional && !c.has_default {
        c.has_default = true;
        c.default_expression = None;
    }
}

fn set_default(c: &mut Column, expr: Option<String>) {
    c.has_default = true;
    c.default_expression = expr;
}

fn unset_default(c: &mut Column) {
    c.has_default = false;
    c.default_expression = None;
}

/// A fresh `Column.editor().name(..)`.
fn empty_column(name: &str) -> Column {
    Column {
        name: name.to_string(),
        jdbc_type: jdbc::INTEGER,
        type_name: String::new(),
        type_expression: String::new(),
        charset: None,
        length: None,
        scale: None,
        position: 1,
        optional: true,
        auto_incremented: false,
        generated: false,
        comment: None,
        has_default: false,
        default_expression: None,
        enum_values: Vec::new(),
    }
}

#[derive(Debug, Clone)]
struct Editor {
    id: TableId,
    default_charset: Option<String>,
    pk: Vec<String>,
    columns: Vec<Column>,
    comment: Option<String>,
}

impl Editor {
    fn new(id: TableId) -> Self {
        Editor {
            id,
            default_charset: None,
            pk: Vec::new(),
            columns: Vec::new(),
            comment: None,
        }
    }

    fn from_table(t: &Table) -> Self {
        Editor {
            id: t.id.clone(),
            default_charset: t.default_charset.clone(),
            pk: t.primary_key.clone(),
            columns: t.columns.clone(),
            comment: t.comment.clone(),
        }
    }

    fn find(&self, name: &str) -> Option<usize> {
        let l = lower(name);
        self.columns.iter().position(|c| lower(&c.name) == l)
    }

    fn column(&self, name: &str) -> Option<&Column> {
        self.find(name).map(|i| &self.columns[i])
    }

    /// Replaces the column of that name (case-insensitive) in place, else appends.
    fn add_column(&mut self, col: Column) {
        match self.find(&col.name) {
            Some(i) => self.columns[i] = col,
            None => self.columns.push(col),
        }
    }

    fn remove_column(&mut self, name: &str) {
        let removed = self.find(name).map(|i| self.columns.remove(i).name);
        let key = removed.unwrap_or_else(|| name.to_string());
        if let Some(i) = self.pk.iter().position(|p| *p == key) {
            self.pk.remove(i);
        }
    }

    /// Moves a column first (`after` None or unknown) or after another one.
    fn reorder_column(&mut self, name: &str, after: Option<&str>) -> Result<(), String> {
        let i = self.find(name).ok_or_else(|| name.to_string())?;
        let col = self.columns.remove(i);
        match after.and_then(|a| self.find(a)) {
            None => self.columns.insert(0, col),
            Some(j) => self.columns.insert(j + 1, col),
        }
        Ok(())
    }

    /// `renameColumn`: in place; primary key names follow.
    fn rename_column(&mut self, old: &str, new: &str) -> Result<(), String> {
        let i = self.find(old).ok_or_else(|| old.to_string())?;
        let existing = self.columns[i].name.clone();
        if self.pk.contains(&existing) {
            for p in self.pk.iter_mut() {
                if *p == existing {
                    *p = new.to_string();
                }
            }
        }
        if let Some(j) = self.find(new) {
            if j != i {
                // the new name replaces the column that had it (`addColumn` semantics)
                self.columns.remove(j);
            }
        }
        let i = self.find(old).ok_or_else(|| old.to_string())?;
        self.columns[i].name = new.to_string();
        Ok(())
    }

    /// `TableEditor.create`: charsets resolved, positions numbered, key columns checked.
    fn create(&self) -> Result<Table, String> {
        let mut columns = self.columns.clone();
        for (i, c) in columns.iter_mut().enumerate() {
            c.position = i + 1;
            let unset = c
                .charset
                .as_deref()
                .is_none_or(|cs| cs.eq_ignore_ascii_case("DEFAULT"));
            if jdbc::uses_charset(c.jdbc_type) && unset {
                c.charset = self.default_charset.clone();
            }
        }
        for p in &self.pk {
            if self.find(p).is_none() {
                return Err(p.clone());
            }
        }
        Ok(Table {
            id: self.id.clone(),
            default_charset: self.default_charset.clone(),
            primary_key: self.pk.clone(),
            columns,
            comment: self.comment.clone(),
        })
    }

    /// `parsePrimaryIndexColumnNames`.
    fn primary_key(&mut self, parts: &[Option<String>]) {
        let mut names = Vec::new();
        for name in parts.iter().flatten() {
            match self.find(name) {
                Some(i) => {
                    let c = &mut self.columns[i];
                    if c.optional {
                        c.optional = false;
                        if c.has_default && c.default_expression.is_none() {
                            unset_default(c);
                        }
                    }
                    names.push(c.name.clone());
                }
                None => names.push(name.clone()),
            }
        }
        self.pk = names;
    }

    /// A UNIQUE key becomes the primary key of a table without one when all its parts are
    /// existing NOT NULL columns (`isTableUniqueIndexIncluded` + `parseUniqueIndexColumnNames`).
    /// Returns whether the index was "included" (all parts are existing columns).
    fn unique_key(&mut self, parts: &[Option<String>]) -> bool {
        if !self.pk.is_empty() {
            return false;
        }
        let cols: Option<Vec<&Column>> = parts
            .iter()
            .map(|p| p.as_deref().and_then(|n| self.column(n)))
            .collect();
        let Some(cols) = cols else { return false };
        if cols.iter().all(|c| !c.optional) {
            self.pk = cols.iter().map(|c| c.name.clone()).collect();
        }
        true
    }

    fn constraint(&mut self, c: &Constraint) {
        match c {
            Constraint::Primary(parts) => self.primary_key(parts),
            Constraint::Unique(parts) => {
                self.unique_key(parts);
            }
            Constraint::Other => {}
        }
    }
}

/// Which listener path defines the column (they differ in which attributes they honour).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Path {
    /// CREATE TABLE `columnDefinition`.
    Create,
    /// ALTER TABLE ADD/CHANGE/MODIFY of one column.
    AlterOne,
    /// ALTER TABLE ADD (col, col, ...): only NULL/NOT NULL and DEFAULT are honoured.
    AlterList,
}

/// The column-definition rules: type, then attributes in order, then nullability. On the
/// CREATE path the column is also added to `editor` (with the inline-UNIQUE primary key rule).
fn define_column(
    mut col: Column,
    def: &ColumnDef,
    path: Path,
    editor: &mut Editor,
    comments: bool,
) -> Column {
    let mut optional: Option<bool> = None;
    let mut unique = false;
    let mut converted = false;
    let ty = &def.ty;
    if let Some(l) = ty.length {
        col.length = Some(l);
    }
    if let Some(s) = ty.scale {
        col.scale = Some(s);
    }
    if let Some(l) = ty.list_length {
        col.length = Some(l);
    }
    if let Some(v) = &ty.enum_values {
        col.enum_values = v.clone();
    }
    col.type_name = ty.name.clone();
    col.type_expression = ty.name.clone();
    col.jdbc_type = ty.jdbc;
    if ty.serial {
        serial(&mut col, &mut optional, &mut unique);
    }
    if col.length.is_none() {
        col.length = ty.default_length;
    }
    if col.scale.is_none() && ty.default_scale.is_some() {
        col.scale = ty.default_scale;
    }
    if ty.jdbc == jdbc::NCHAR || ty.jdbc == jdbc::NVARCHAR {
        col.charset = Some("utf8".into());
        if ty.jdbc == jdbc::NCHAR && col.length.is_none() {
            col.length = Some(1);
        }
    } else {
        col.charset = ty.charset.clone();
    }
    let full = path != Path::AlterList;
    for a in &def.attrs {
        match a {
            Attr::Null { not } => optional = Some(!not),
            Attr::Collate { raw, inferable } if full && *inferable && col.charset.is_none() => {
                if let Some(p) = raw.find('_').filter(|p| *p > 0) {
                    col.charset = Some(raw[..p].to_string());
                }
            }
            Attr::Charset(cs) if full && jdbc::uses_charset(col.jdbc_type) => {
                col.charset = Some(cs.clone());
            }
            Attr::Unique if full => unique = true,
            Attr::Key if full => {
                optional = Some(false);
                editor.add_column(col.clone());
                editor.pk = vec![col.name.clone()];
            }
            Attr::Comment(text) if full && comments => col.comment = Some(text.clone()),
            Attr::AutoIncrement | Attr::OnUpdate if full => {
                col.auto_incremented = true;
                col.generated = true;
            }
            Attr::SerialDefaultValue if full => serial(&mut col, &mut optional, &mut unique),
            Attr::Default(d) => {
                column_default(&mut col, d);
                if !converted {
                    if let Some(o) = optional {
                        set_optional(&mut col, o);
                        converted = true;
                    }
                }
            }
            _ => {}
        }
    }
    set_optional(&mut col, optional.unwrap_or(true));
    if path == Path::Create {
        editor.add_column(col.clone());
        if unique && editor.pk.is_empty() {
            editor.pk = vec![col.name.clone()];
        }
    }
    col
}

/// `serialColumn()`.
fn serial(col: &mut Column, optional: &mut Option<bool>, unique: &mut bool) {
    if optional.is_none() {
        *optional = Some(false);
    }
    *unique = true;
    col.auto_incremented = true;
    col.generated = true;
}

/// `DefaultValueParserListener` (column definitions).
fn column_default(col: &mut Column, d: &DefaultExpr) {
    match d {
        DefaultExpr::Null => {}
        DefaultExpr::Now => set_default(col, Some(EPOCH_DEFAULT.into())),
        DefaultExpr::Expr => set_default(col, None),
        DefaultExpr::Signed(s) | DefaultExpr::Plain(s) => set_default(col, Some(s.clone())),
        DefaultExpr::HexBin(s) => set_default(col, Some(unquote_binary(s))),
        DefaultExpr::Text { strings, .. } => set_default(col, Some(unquote(strings))),
    }
}

/// `ALTER COLUMN .. SET DEFAULT` (`AlterTableParserListener.extractDefaultValue`).
fn alter_default(col: &mut Column, d: &DefaultExpr) {
    match d {
        DefaultExpr::Expr => set_default(col, None),
        DefaultExpr::Now => set_default(col, Some(EPOCH_DEFAULT.into())),
        // Debezium quirk: NULL and hex/bit literals come out as `"" + null`, the text "null"
        DefaultExpr::Null | DefaultExpr::HexBin(_) => set_default(col, Some("null".into())),
        DefaultExpr::Signed(s) | DefaultExpr::Plain(s) => set_default(col, Some(s.clone())),
        DefaultExpr::Text {
            introducer,
            strings,
        } => {
            let full = format!("{}{}", introducer.as_deref().unwrap_or(""), strings);
            set_default(col, Some(unquote(&full)));
        }
    }
}

// ---------------------------------------------------------------------------------------------
// 6. Statements
// ---------------------------------------------------------------------------------------------

/// An event before its table is looked up.
#[derive(Debug)]
struct RawEvent {
    kind: EventKind,
    database: String,
    ddl: String,
    table: Option<TableId>,
    previous: Option<TableId>,
}

struct Run<'p> {
    parser: &'p mut DdlState,
    tables: &'p mut Map,
    src: &'p str,
    current: String,
    events: Vec<RawEvent>,
}

/// Errors while handling one statement: parse errors carry no statement yet.
enum StmtErr {
    Parse(PErr),
    UnknownType(String),
    Ddl(DdlError),
}

impl From<PErr> for StmtErr {
    fn from(e: PErr) -> Self {
        StmtErr::Parse(e)
    }
}

impl From<TypeErr> for StmtErr {
    fn from(e: TypeErr) -> Self {
        match e {
            TypeErr::Unknown(t) => StmtErr::UnknownType(t),
            TypeErr::Parse(p) => StmtErr::Parse(p),
        }
    }
}

/// One ALTER TABLE clause.
#[derive(Debug, Clone)]
enum Spec {
    AddColumn {
        def: ColumnDef,
        if_not_exists: bool,
        place: Option<Option<String>>,
    },
    AddColumns {
        elements: Vec<Element>,
        if_not_exists: bool,
    },
    AddConstraint(Constraint),
    Change {
        old: String,
        def: ColumnDef,
        if_exists: bool,
        place: Option<Option<String>>,
    },
    Modify {
        def: ColumnDef,
        if_exists: bool,
        place: Option<Option<String>>,
    },
    DropColumn(String),
    DropPrimaryKey,
    SetDefault(String, DefaultExpr),
    DropDefault(String),
    RenameColumn {
        old: String,
        new: String,
    },
    RenameTable(TableId),
    Convert(Option<String>),
    Comment(String),
    Unsupported(String),
    Ignored,
}

impl Run<'_> {
    fn text(&self, toks: &[Tok], from: usize, to: usize) -> String {
        self.src[toks[from].s..toks[to - 1].e].to_string()
    }

    fn table_id(&self, q: &(Option<Name>, Name)) -> TableId {
        match &q.0 {
            Some(db) => TableId::new(db.value.clone(), q.1.value.clone()),
            None => TableId::new(self.current.clone(), q.1.value.clone()),
        }
    }

    fn event(
        &mut self,
        kind: EventKind,
        database: String,
        ddl: String,
        table: Option<TableId>,
        previous: Option<TableId>,
    ) {
        self.events.push(RawEvent {
            kind,
            database,
            ddl,
            table,
            previous,
        });
    }

    fn statement(&mut self, toks: &[Tok]) -> Result<(), DdlError> {
        let stmt_text = self.text(toks, 0, toks.len());
        let mut c = Cur::new(self.src, toks);
        let r = self.dispatch(&mut c, toks);
        r.map_err(|e| match e {
            StmtErr::Parse(PErr(reason)) => DdlError::Syntax {
                statement: clip(&stmt_text),
                reason,
            },
            StmtErr::UnknownType(type_name) => DdlError::UnknownType {
                statement: clip(&stmt_text),
                type_name,
            },
            StmtErr::Ddl(d) => d,
        })
    }

    fn dispatch(&mut self, c: &mut Cur<'_>, toks: &[Tok]) -> Result<(), StmtErr> {
        let Some(first) = c.word_upper() else {
            return Ok(());
        };
        match first.as_str() {
            "CREATE" => {
                c.p += 1;
                let or_replace = c.is_kw("OR") && c.is_kw_at(1, "REPLACE");
                if or_replace {
                    c.p += 2;
                }
                let save = c.p;
                c.eat_kw("TEMPORARY");
                if c.eat_kw("TABLE") {
                    return self.create_table(c, toks, or_replace);
                }
                c.p = save;
                if c.is_kw("DATABASE") || c.is_kw("SCHEMA") {
                    c.p += 1;
                    return self.create_database(c, toks);
                }
                let index_start = c.p;
                if c.is_kw("ONLINE") || c.is_kw("OFFLINE") {
                    c.p += 1;
                }
                if c.is_kw("UNIQUE") && c.is_kw_at(1, "INDEX") {
                    c.p += 2;
                    return self.create_unique_index(c, toks, index_start);
                }
                Ok(())
            }
            "ALTER" => {
                c.p += 1;
                if c.is_kw("ONLINE") || c.is_kw("OFFLINE") {
                    c.p += 1;
                }
                c.eat_kw("IGNORE");
                if c.eat_kw("TABLE") {
                    return self.alter_table(c, toks);
                }
                if c.is_kw("DATABASE") || c.is_kw("SCHEMA") {
                    c.p += 1;
                    return self.alter_database(c);
                }
                Ok(())
            }
            "DROP" => {
                c.p += 1;
                c.eat_kw("TEMPORARY");
                if c.is_kw("TABLE") || c.is_kw("TABLES") {
                    c.p += 1;
                    return self.drop_table(c, toks);
                }
                if c.is_kw("DATABASE") || c.is_kw("SCHEMA") {
                    c.p += 1;
                    return self.drop_database(c, toks);
                }
                Ok(())
            }
            "RENAME" if c.is_kw_at(1, "TABLE") || c.is_kw_at(1, "TABLES") => {
                c.p += 2;
                self.rename_table(c, toks)
            }
            "TRUNCATE" => {
                c.p += 1;
                c.eat_kw("TABLE");
                let q = c.qualified()?;
                let id = self.table_id(&q);
                let ddl = self.text(toks, 0, toks.len());
                self.event(EventKind::Truncate, id.db.clone(), ddl, Some(id), None);
                Ok(())
            }
            "USE" => {
                c.p += 1;
                let n = c.name()?;
                let db = n.text;
                self.current = db.clone();
                let cs = self.parser.db_charsets.get(&db).cloned();
                self.parser
                    .set_variable(Scope::Session, CHARSET_DATABASE, cs.as_deref());
                let ddl = self.text(toks, 0, c.p);
                self.event(EventKind::Database, db, ddl, None, None);
                Ok(())
            }
            "SET" => {
                if c.is_kw_at(1, "STATEMENT") {
                    // MariaDB `SET STATEMENT var=value[, ...] FOR <statement>`
                    c.p += 2;
                    while !c.at_end() && !c.is_kw("FOR") {
                        c.skip_unit();
                    }
                    if c.eat_kw("FOR") {
                        let rest = &toks[c.p..];
                        let mut inner = Cur::new(self.src, rest);
                        return self.dispatch(&mut inner, rest);
                    }
                    return Ok(());
                }
                self.set_statement(c, toks)
            }
            _ => Ok(()),
        }
    }

    // ---- CREATE TABLE -----------------------------------------------------------------------

    fn create_table(
        &mut self,
        c: &mut Cur<'_>,
        toks: &[Tok],
        or_replace: bool,
    ) -> Result<(), StmtErr> {
        c.eat_if_not_exists();
        let q = c.qualified()?;
        let id = self.table_id(&q);
        let ddl = self.text(toks, 0, toks.len());
        // LIKE forms
        let like = if c.is_kw("LIKE") {
            c.p += 1;
            Some(c.qualified()?)
        } else if c.is_sym(b'(') && c.is_kw_at(1, "LIKE") {
            c.p += 2;
            let l = c.qualified()?;
            c.expect_sym(b')')?;
            Some(l)
        } else {
            None
        };
        if let Some(l) = like {
            let original = self.table_id(&l);
            if let Some(orig) = self.tables.get(&original).cloned() {
                let t = Table {
                    id: id.clone(),
                    comment: None,
                    ..orig
                };
                self.tables.insert(id.clone(), t);
                self.event(EventKind::Create, id.db.clone(), ddl, Some(id), None);
            }
            return Ok(());
        }
        let mut elements = Vec::new();
        if c.is_sym(b'(') && !c.is_kw_at(1, "SELECT") && !c.is_kw_at(1, "WITH") {
            c.p += 1;
            loop {
                if c.is_constraint_start() {
                    elements.push(Element::Constraint(c.constraint()?));
                } else {
                    let name = c.name()?;
                    elements.push(Element::Column(c.column_def(name)?));
                }
                if c.eat_sym(b')') {
                    break;
                }
                c.expect_sym(b',')?;
            }
        }
        let (charset, comment) = table_options(c)?;
        let exists = self.tables.contains_key(&id);
        if exists && !or_replace {
            return Ok(());
        }
        let comments = self.parser.include_comments;
        let mut ed = Editor::new(id.clone());
        for el in &elements {
            match el {
                Element::Column(def) => {
                    let name = def.name.text.replace("``", "`");
                    define_column(empty_column(&name), def, Path::Create, &mut ed, comments);
                }
                Element::Constraint(k) => ed.constraint(k),
            }
        }
        if let Some(cs) = charset {
            ed.default_charset = if cs.eq_ignore_ascii_case("default") {
                self.parser.charset_for_table(&id)
            } else {
                Some(cs)
            };
        }
        if ed
            .default_charset
            .as_deref()
            .is_none_or(|c| c.trim().is_empty())
        {
            ed.default_charset = self.parser.charset_for_table(&id);
        }
        if comments {
            ed.comment = comment;
        }
        let table = ed.create().map_err(|column| {
            StmtErr::Ddl(DdlError::KeyColumnMissing {
                statement: clip(&ddl),
                table: id.clone(),
                column,
            })
        })?;
        self.tables.insert(id.clone(), table);
        self.event(EventKind::Create, id.db.clone(), ddl, Some(id), None);
        Ok(())
    }

    // ---- ALTER TABLE ------------------------------------------------------------------------

    fn alter_table(&mut self, c: &mut Cur<'_>, toks: &[Tok]) -> Result<(), StmtErr> {
        c.eat_if_exists();
        let q = c.qualified()?;
        let id = self.table_id(&q);
        if c.eat_kw("WAIT") {
            c.p += 1;
        } else {
            c.eat_kw("NOWAIT");
        }
        let mut specs = Vec::new();
        while !c.at_end() {
            specs.push(self.alter_spec(c)?);
            if !c.at_end() {
                c.expect_sym(b',')?;
            }
        }
        let ddl = self.text(toks, 0, toks.len());
        let Some(table) = self.tables.get(&id) else {
            return Ok(());
        };
        let mut ed = Editor::from_table(table);
        let comments = self.parser.include_comments;
        let unknown = |column: &str| {
            StmtErr::Ddl(DdlError::UnknownColumn {
                statement: clip(&ddl),
                table: id.clone(),
                column: column.to_string(),
            })
        };
        for spec in &specs {
            match spec {
                Spec::AddColumn {
                    def,
                    if_not_exists,
                    place,
                } => {
                    if *if_not_exists && ed.find(&def.name.text).is_some() {
                        continue;
                    }
                    let col = define_column(
                        empty_column(&def.name.text),
                        def,
                        Path::AlterOne,
                        &mut ed,
                        comments,
                    );
                    let name = col.name.clone();
                    ed.add_column(col);
                    place_column(&mut ed, &name, place).map_err(|c| unknown(&c))?;
                }
                Spec::AddColumns {
                    elements,
                    if_not_exists,
                } => {
                    let mut added = Vec::new();
                    for el in elements {
                        match el {
                            Element::Column(def) => {
                                if *if_not_exists && ed.find(&def.name.text).is_some() {
                                    continue;
                                }
                                added.push(define_column(
                                    empty_column(&def.name.text),
                                    def,
                                    Path::AlterList,
                                    &mut ed,
                                    comments,
                                ));
                            }
                            Element::Constraint(k) => ed.constraint(k),
                        }
                    }
                    for col in added {
                        ed.add_column(col);
                    }
                }
                Spec::AddConstraint(k) => ed.constraint(k),
                Spec::Change {
                    old,
                    def,
                    if_exists,
                    place,
                } => {
                    let Some(existing) = ed.column(old).cloned() else {
                        if *if_exists {
                            continue;
                        }
                        return Err(unknown(old));
                    };
                    let mut col = existing;
                    unset_default(&mut col);
                    col.length = None;
                    col.scale = None;
                    let col = define_column(col, def, Path::AlterOne, &mut ed, comments);
                    let current = col.name.clone();
                    ed.add_column(col);
                    let new = def.name.text.clone();
                    if new != current {
                        ed.rename_column(&current, &new).map_err(|c| unknown(&c))?;
                    }
                    place_column(&mut ed, &new, place).map_err(|c| unknown(&c))?;
                }
                Spec::Modify {
                    def,
                    if_exists,
                    place,
                } => {
                    if ed.find(&def.name.text).is_none() {
                        if *if_exists {
                            continue;
                        }
                        return Err(unknown(&def.name.text));
                    }
                    let col = define_column(
                        empty_column(&def.name.text),
                        def,
                        Path::AlterOne,
                        &mut ed,
                        comments,
                    );
                    let name = col.name.clone();
                    ed.add_column(col);
                    place_column(&mut ed, &name, place).map_err(|c| unknown(&c))?;
                }
                Spec::DropColumn(name) => ed.remove_column(name),
                Spec::DropPrimaryKey => ed.pk.clear(),
                Spec::SetDefault(name, d) => {
                    if let Some(i) = ed.find(name) {
                        alter_default(&mut ed.columns[i], d);
                    }
                }
                Spec::DropDefault(name) => {
                    if let Some(i) = ed.find(name) {
                        unset_default(&mut ed.columns[i]);
                    }
                }
                Spec::RenameColumn { old, new } => {
                    let Some(existing) = ed.column(old) else {
                        return Err(unknown(old));
                    };
                    let current = existing.name.clone();
                    if *new != current {
                        ed.rename_column(&current, new).map_err(|c| unknown(&c))?;
                    }
                }
                Spec::RenameTable(new_id) => ed.id = new_id.clone(),
                Spec::Convert(cs) => {
                    if let Some(cs) = cs {
                        ed.default_charset = Some(cs.clone());
                        for col in ed.columns.iter_mut() {
                            if col.charset.is_some() {
                                col.charset = Some(cs.clone());
                            }
                        }
                    }
                }
                Spec::Comment(text) => {
                    if comments {
                        ed.comment = Some(text.clone());
                    }
                }
                Spec::Unsupported(clause) => {
                    return Err(StmtErr::Ddl(DdlError::Unsupported {
                        statement: clip(&ddl),
                        table: id.clone(),
                        clause: clause.clone(),
                    }))
                }
                Spec::Ignored => {}
            }
        }
        let table = ed.create().map_err(|column| {
            StmtErr::Ddl(DdlError::KeyColumnMissing {
                statement: clip(&ddl),
                table: ed.id.clone(),
                column,
            })
        })?;
        let new_id = table.id.clone();
        if new_id != id {
            self.tables.remove(&id);
        }
        self.tables.insert(new_id.clone(), table);
        self.event(EventKind::Alter, new_id.db.clone(), ddl, Some(new_id), None);
        Ok(())
    }

    /// One ALTER TABLE clause, up to its `,` (not consumed).
    fn alter_spec(&mut self, c: &mut Cur<'_>) -> Result<Spec, StmtErr> {
        let start = c.p;
        let clause = |c: &mut Cur<'_>| -> String {
            c.skip_item();
            c.t[start..c.p]
                .iter()
                .map(|t| c.text(*t))
                .collect::<Vec<_>>()
                .join(" ")
        };
        let Some(w) = c.word_upper() else {
            return Err(c.err("expected an ALTER TABLE clause").into());
        };
        let spec = match w.as_str() {
            "ADD" => {
                c.p += 1;
                let column_kw = c.eat_kw("COLUMN");
                let if_not_exists = c.eat_if_not_exists();
                if c.is_sym(b'(') {
                    c.p += 1;
                    let mut elements = Vec::new();
                    loop {
                        if c.is_constraint_start() {
                            elements.push(Element::Constraint(c.constraint()?));
                        } else {
                            let name = c.name()?;
                            elements.push(Element::Column(c.column_def(name)?));
                        }
                        if c.eat_sym(b')') {
                            break;
                        }
                        c.expect_sym(b',')?;
                    }
                    Spec::AddColumns {
                        elements,
                        if_not_exists,
                    }
                } else if !column_kw && c.is_constraint_start() {
                    if c.is_kw("PERIOD") {
                        Spec::Unsupported(clause(c))
                    } else {
                        Spec::AddConstraint(c.constraint()?)
                    }
                } else if !column_kw && c.is_any_kw(&["PARTITION"]) {
                    c.skip_item();
                    Spec::Ignored
                } else if !column_kw && c.is_kw("SYSTEM") && c.is_kw_at(1, "VERSIONING") {
                    Spec::Unsupported(clause(c))
                } else {
                    let name = c.name()?;
                    let def = c.column_def(name)?;
                    let place = parse_place(c)?;
                    c.skip_item();
                    Spec::AddColumn {
                        def,
                        if_not_exists,
                        place,
                    }
                }
            }
            "CHANGE" => {
                c.p += 1;
                c.eat_kw("COLUMN");
                let if_exists = c.eat_if_exists();
                let old = c.name()?.text;
                let new = c.name()?;
                let def = c.column_def(new)?;
                let place = parse_place(c)?;
                c.skip_item();
                Spec::Change {
                    old,
                    def,
                    if_exists,
                    place,
                }
            }
            "MODIFY" => {
                c.p += 1;
                c.eat_kw("COLUMN");
                let if_exists = c.eat_if_exists();
                let name = c.name()?;
                let def = c.column_def(name)?;
                let place = parse_place(c)?;
                c.skip_item();
                Spec::Modify {
                    def,
                    if_exists,
                    place,
                }
            }
            "DROP" => {
                c.p += 1;
                if c.is_kw("PRIMARY") && c.is_kw_at(1, "KEY") {
                    c.p += 2;
                    Spec::DropPrimaryKey
                } else if c.is_any_kw(&[
                    "INDEX",
                    "KEY",
                    "FOREIGN",
                    "CHECK",
                    "CONSTRAINT",
                    "PARTITION",
                ]) {
                    c.skip_item();
                    Spec::Ignored
                } else if c.is_any_kw(&["SYSTEM", "PERIOD"]) {
                    Spec::Unsupported(clause(c))
                } else {
                    c.eat_kw("COLUMN");
                    c.eat_if_exists();
                    let name = c.name()?.text;
                    c.skip_item();
                    Spec::DropColumn(name)
                }
            }
            "ALTER" => {
                c.p += 1;
                if c.is_any_kw(&["INDEX", "KEY", "CHECK", "CONSTRAINT"]) {
                    c.skip_item();
                    Spec::Ignored
                } else {
                    c.eat_kw("COLUMN");
                    c.eat_if_exists();
                    let name = c.name()?.text;
                    if c.is_kw("SET") && c.is_kw_at(1, "DEFAULT") {
                        c.p += 2;
                        let d = c.default_expr()?;
                        c.skip_item();
                        Spec::SetDefault(name, d)
                    } else if c.is_kw("DROP") && c.is_kw_at(1, "DEFAULT") {
                        c.p += 2;
                        c.skip_item();
                        Spec::DropDefault(name)
                    } else {
                        // SET VISIBLE / SET INVISIBLE
                        c.skip_item();
                        Spec::Ignored
                    }
                }
            }
            "RENAME" => {
                c.p += 1;
                if c.eat_kw("COLUMN") {
                    let old = c.name()?.text;
                    c.expect_kw("TO")?;
                    let new = c.name()?.text;
                    Spec::RenameColumn { old, new }
                } else if c.is_kw("INDEX") || c.is_kw("KEY") {
                    c.skip_item();
                    Spec::Ignored
                } else {
                    if !c.eat_kw("TO") {
                        c.eat_kw("AS");
                    }
                    let q = c.qualified()?;
                    Spec::RenameTable(self.table_id(&q))
                }
            }
            "CONVERT" => {
                c.p += 1;
                c.expect_kw("TO")?;
                if c.is_kw("CHARACTER") || c.is_kw("CHAR") {
                    c.p += 1;
                    c.expect_kw("SET")?;
                } else {
                    c.expect_kw("CHARSET")?;
                }
                let cs = if c.is_kw("DEFAULT") {
                    c.p += 1;
                    None
                } else {
                    Some(without_quotes(c.raw_name_token()?).to_string())
                };
                c.skip_item();
                Spec::Convert(cs)
            }
            "COMMENT" => {
                c.p += 1;
                c.eat_sym(b'=');
                let text = match c.peek() {
                    Some(t) if t.k == K::Str => without_quotes(c.text(t)).to_string(),
                    _ => String::new(),
                };
                c.skip_item();
                Spec::Comment(text)
            }
            _ => {
                // table options, ALGORITHM/LOCK, FORCE, ORDER BY, partitioning, ...
                c.skip_item();
                Spec::Ignored
            }
        };
        Ok(spec)
    }

    // ---- DROP / RENAME / INDEX --------------------------------------------------------------

    fn drop_table(&mut self, c: &mut Cur<'_>, toks: &[Tok]) -> Result<(), StmtErr> {
        c.eat_if_exists();
        let prefix = self.src[toks[0].s..c.peek().map_or(self.src.len(), |t| t.s)].to_string();
        let mut ids = Vec::new();
        loop {
            let q = c.qualified()?;
            ids.push(self.table_id(&q));
            if !c.eat_sym(b',') {
                break;
            }
        }
        let suffix = if c.is_kw("RESTRICT") {
            " RESTRICT"
        } else if c.is_kw("CASCADE") {
            " CASCADE"
        } else {
            ""
        };
        for id in ids {
            self.tables.remove(&id);
            let ddl = format!("{prefix}{}{suffix}", id.backquoted());
            self.event(EventKind::Drop, id.db.clone(), ddl, Some(id), None);
        }
        Ok(())
    }

    fn rename_table(&mut self, c: &mut Cur<'_>, toks: &[Tok]) -> Result<(), StmtErr> {
        c.eat_if_exists();
        let prefix = self.src[toks[0].s..c.peek().map_or(self.src.len(), |t| t.s)].to_string();
        loop {
            let start = c.p;
            let old = c.qualified()?;
            c.expect_kw("TO")?;
            let new = c.qualified()?;
            let (old, new) = (self.table_id(&old), self.table_id(&new));
            let pair = self.text(toks, start, c.p);
            if let Some(t) = self.tables.remove(&old) {
                self.tables.insert(
                    new.clone(),
                    Table {
                        id: new.clone(),
                        ..t
                    },
                );
            }
            self.event(
                EventKind::Alter,
                new.db.clone(),
                format!("{prefix}{pair}"),
                Some(new),
                Some(old),
            );
            if c.is_kw("WAIT") {
                c.p += 2;
            } else {
                c.eat_kw("NOWAIT");
            }
            if !c.eat_sym(b',') {
                return Ok(());
            }
        }
    }

    fn create_unique_index(
        &mut self,
        c: &mut Cur<'_>,
        toks: &[Tok],
        start: usize,
    ) -> Result<(), StmtErr> {
        c.eat_if_not_exists();
        c.name()?;
        if c.eat_kw("USING") || c.eat_kw("TYPE") {
            c.p += 1;
        }
        c.expect_kw("ON")?;
        let q = c.qualified()?;
        let id = self.table_id(&q);
        let parts = key_parts(c)?;
        let Some(table) = self.tables.get(&id) else {
            // Debezium fails here; a unique index on a table we do not know changes nothing we track
            return Ok(());
        };
        let mut ed = Editor::from_table(table);
        if ed.unique_key(&parts) {
            let ddl = self.text(toks, start, toks.len());
            if let Ok(t) = ed.create() {
                self.tables.insert(id.clone(), t);
            }
            self.event(EventKind::Alter, id.db.clone(), ddl, Some(id), None);
        }
        Ok(())
    }

    // ---- databases, USE, SET ----------------------------------------------------------------

    fn create_database(&mut self, c: &mut Cur<'_>, toks: &[Tok]) -> Result<(), StmtErr> {
        c.eat_if_not_exists();
        let db = c.name()?.text;
        self.database_options(c, &db)?;
        let ddl = self.text(toks, 0, toks.len());
        self.event(EventKind::Database, db, ddl, None, None);
        Ok(())
    }

    fn alter_database(&mut self, c: &mut Cur<'_>) -> Result<(), StmtErr> {
        let db = if c.is_any_kw(&[
            "DEFAULT",
            "CHARACTER",
            "CHARSET",
            "COLLATE",
            "READ",
            "COMMENT",
            "UPGRADE",
        ]) {
            self.current.clone()
        } else {
            c.name()?.text
        };
        self.database_options(c, &db)
    }

    /// `[DEFAULT] CHARACTER SET [=] x`, `[DEFAULT] COLLATE [=] y`, others skipped.
    fn database_options(&mut self, c: &mut Cur<'_>, db: &str) -> Result<(), StmtErr> {
        while !c.at_end() {
            c.eat_kw("DEFAULT");
            if c.is_kw("CHARSET")
                || ((c.is_kw("CHARACTER") || c.is_kw("CHAR")) && c.is_kw_at(1, "SET"))
            {
                c.p += if c.is_kw("CHARSET") { 1 } else { 2 };
                c.eat_sym(b'=');
                let mut cs = without_quotes(c.raw_name_token()?).to_string();
                if cs.eq_ignore_ascii_case("DEFAULT") {
                    match self.parser.variable(CHARSET_SERVER) {
                        Some(v) => cs = v.to_string(),
                        None => {
                            self.parser.db_charsets.remove(db);
                            continue;
                        }
                    }
                }
                self.parser.db_charsets.insert(db.to_string(), cs);
            } else if c.eat_kw("COLLATE") {
                c.eat_sym(b'=');
                let coll = without_quotes(c.raw_name_token()?).to_lowercase();
                if !self.parser.db_charsets.contains_key(db) {
                    if let Some(cs) = charset_of_collation(&coll) {
                        self.parser.db_charsets.insert(db.to_string(), cs);
                    }
                }
            } else {
                c.skip_unit();
            }
        }
        Ok(())
    }

    fn drop_database(&mut self, c: &mut Cur<'_>, toks: &[Tok]) -> Result<(), StmtErr> {
        c.eat_if_exists();
        let db = c.name()?.text;
        self.tables.retain(|id, _| id.db != db);
        self.parser.db_charsets.remove(&db);
        let ddl = self.text(toks, 0, toks.len());
        self.event(EventKind::Database, db, ddl, None, None);
        Ok(())
    }

    /// `SET`: system variables are recorded; the statement is one event when it sets at least one.
    fn set_statement(&mut self, c: &mut Cur<'_>, toks: &[Tok]) -> Result<(), StmtErr> {
        c.p += 1;
        let mut scope: Option<Scope> = None;
        let mut signalled = false;
        while !c.at_end() {
            if c.is_any_kw(&["GLOBAL", "PERSIST", "PERSIST_ONLY"]) {
                c.p += 1;
                scope = Some(Scope::Global);
            } else if c.is_any_kw(&["SESSION", "LOCAL"]) {
                c.p += 1;
                scope = Some(Scope::Session);
            }
            let mut var_scope = scope;
            let name = if c.is_sym(b'@') && c.is_sym_at(1, b'@') {
                c.p += 2;
                if c.is_sym_at(1, b'.') {
                    if c.is_kw("GLOBAL") {
                        var_scope = Some(Scope::Global);
                    } else {
                        var_scope = Some(Scope::Session);
                    }
                    c.p += 2;
                } else {
                    var_scope = Some(var_scope.unwrap_or(Scope::Session));
                }
                Some(c.name()?.text)
            } else if c.is_sym(b'@')
                || c.is_any_kw(&["NAMES", "CHARSET", "PASSWORD", "TRANSACTION", "ROLE"])
                || (c.is_kw("CHARACTER") && c.is_kw_at(1, "SET"))
                || (c.is_kw("DEFAULT") && c.is_kw_at(1, "ROLE"))
            {
                // user variables, SET NAMES/CHARACTER SET/PASSWORD/...: nothing we record
                None
            } else if matches!(
                c.peek().map(|t| t.k),
                Some(K::Word | K::Backtick | K::DQuoted)
            ) {
                let n = c.name()?.text;
                if c.is_sym(b'.') {
                    c.p += 1;
                    c.name()?;
                }
                Some(n)
            } else {
                None
            };
            match name {
                Some(var) if c.is_sym(b'=') || (c.is_sym(b':') && c.is_sym_at(1, b'=')) => {
                    c.p += if c.is_sym(b'=') { 1 } else { 2 };
                    let vs = c.p;
                    while !c.at_end() && !c.is_sym(b',') {
                        c.skip_unit();
                    }
                    let text: String = c.t[vs..c.p].iter().map(|t| c.text(*t)).collect();
                    let value = without_quotes(&text).to_string();
                    self.parser.set_variable(
                        var_scope.unwrap_or(Scope::Session),
                        &var,
                        Some(&value),
                    );
                    if var.eq_ignore_ascii_case(CHARSET_DATABASE) {
                        self.parser.db_charsets.insert(self.current.clone(), value);
                    }
                    if !signalled {
                        signalled = true;
                        let ddl = self.text(toks, 0, toks.len());
                        self.event(EventKind::Database, self.current.clone(), ddl, None, None);
                    }
                }
                _ => {
                    while !c.at_end() && !c.is_sym(b',') {
                        c.skip_unit();
                    }
                }
            }
            if !c.eat_sym(b',') {
                break;
            }
        }
        Ok(())
    }
}

/// `FIRST` → Some(None), `AFTER x` → Some(Some(x)).
fn parse_place(c: &mut Cur<'_>) -> PResult<Option<Option<String>>> {
    if c.eat_kw("FIRST") {
        Ok(Some(None))
    } else if c.eat_kw("AFTER") {
        Ok(Some(Some(c.name()?.text)))
    } else {
        Ok(None)
    }
}

fn place_column(ed: &mut Editor, name: &str, place: &Option<Option<String>>) -> Result<(), String> {
    match place {
        None => Ok(()),
        Some(after) => ed.reorder_column(name, after.as_deref()),
    }
}

/// CREATE TABLE options: `[DEFAULT] CHARACTER SET [=] x` (withoutQuotes) and `COMMENT [=] '..'`;
/// everything else (ENGINE, AUTO_INCREMENT, COLLATE, partitioning, `AS SELECT`) is skipped.
fn table_options(c: &mut Cur<'_>) -> PResult<(Option<String>, Option<String>)> {
    let mut charset = None;
    let mut comment = None;
    while !c.at_end() {
        if c.is_any_kw(&["PARTITION", "AS", "SELECT", "IGNORE", "REPLACE"])
            || (c.is_sym(b'(') && c.is_any_kw_at(1, &["SELECT", "WITH"]))
        {
            break;
        }
        if c.is_kw("DEFAULT") && c.is_any_kw_at(1, &["CHARSET", "CHARACTER", "CHAR", "COLLATE"]) {
            c.p += 1;
        }
        if c.is_kw("CHARSET") || ((c.is_kw("CHARACTER") || c.is_kw("CHAR")) && c.is_kw_at(1, "SET"))
        {
            c.p += if c.is_kw("CHARSET") { 1 } else { 2 };
            c.eat_sym(b'=');
            charset = Some(without_quotes(c.raw_name_token()?).to_string());
        } else if c.is_kw("COMMENT") {
            c.p += 1;
            c.eat_sym(b'=');
            if let Some(t) = c.peek().filter(|t| t.k == K::Str) {
                comment = Some(without_quotes(c.text(t)).to_string());
                c.p += 1;
            }
        } else {
            c.skip_unit();
        }
    }
    Ok((charset, comment))
}

impl<'a> Cur<'a> {
    fn is_any_kw_at(&self, k: usize, kws: &[&str]) -> bool {
        kws.iter().any(|w| self.is_kw_at(k, w))
    }
}

/// The charset of a collation (`MySqlCharsetRegistry`): the part before the first `_`.
fn charset_of_collation(collation: &str) -> Option<String> {
    if collation == "binary" {
        return Some("binary".into());
    }
    collation
        .find('_')
        .filter(|p| *p > 0)
        .map(|p| collation[..p].to_string())
}

/// Looks the tables up (after all statements, as Debezium does) and computes `source.table`.
fn finish_events(raw: Vec<RawEvent>, tables: &Map) -> Vec<SchemaEvent> {
    let mut events: Vec<SchemaEvent> = raw
        .into_iter()
        .map(|r| {
            let change = match (r.kind, &r.table) {
                (EventKind::Create, Some(id)) => tables.get(id).map(|t| TableChange {
                    kind: ChangeKind::Create,
                    id: id.clone(),
                    previous_id: None,
                    table: Some(t.clone()),
                }),
                (EventKind::Alter, Some(id)) => tables.get(id).map(|t| TableChange {
                    kind: ChangeKind::Alter,
                    id: id.clone(),
                    previous_id: r.previous.clone(),
                    table: Some(t.clone()),
                }),
                (EventKind::Drop, Some(id)) => Some(TableChange {
                    kind: ChangeKind::Drop,
                    id: id.clone(),
                    previous_id: None,
                    table: None,
                }),
                _ => None,
            };
            SchemaEvent {
                kind: r.kind,
                database: r.database,
                ddl: r.ddl,
                table: r.table,
                change,
                source_table: None,
            }
        })
        .collect();
    // DdlChanges.getEventsByDatabase: one group when at most one database, else consecutive runs
    let distinct: std::collections::HashSet<&str> =
        events.iter().map(|e| e.database.as_str()).collect();
    let mut groups: Vec<(usize, usize)> = Vec::new();
    if distinct.len() <= 1 {
        groups.push((0, events.len()));
    } else {
        let mut start = 0;
        for i in 1..=events.len() {
            if i == events.len() || events[i].database != events[start].database {
                groups.push((start, i));
                start = i;
            }
        }
    }
    for (from, to) in groups {
        let mut keys: Vec<(String, String)> = Vec::new();
        for e in &events[from..to] {
            if let Some(id) = &e.table {
                let key = if id.db.is_empty() {
                    id.table.clone()
                } else {
                    format!("{}.{}", id.db, id.table)
                };
                if !keys.iter().any(|(k, _)| *k == key) {
                    keys.push((key, id.table.clone()));
                }
            }
        }
        let joined = if keys.is_empty() {
            None
        } else {
            let refs: Vec<&str> = keys.iter().map(|(k, _)| k.as_str()).collect();
            let ordered = protocol::envelope::java_hashmap_order(&refs);
            let names: Vec<&str> = ordered
                .iter()
                .filter_map(|k| keys.iter().find(|(kk, _)| kk == k).map(|(_, t)| t.as_str()))
                .collect();
            Some(names.join(","))
        };
        for e in &mut events[from..to] {
            e.source_table = joined.clone();
        }
    }
    events
}

/// Debezium's default `schema.history.internal.ddl.filter`: statements it neither applies nor
/// records (RDS heartbeats, GRANT/REVOKE, users and roles, views/routines/triggers, ...). Matched
/// against the whole statement, case-insensitively. The streaming reader still applies a
/// `TRUNCATE TABLE` that this matches (it becomes a truncate event), as Debezium does.
/// Statements of binlog `QUERY` events that are no DDL and leave no schema-change event or
/// history record, as Debezium's binlog reader passes over them: XA statements (after removing
/// MariaDB's `SET STATEMENT ... FOR`), what the default `schema.history.internal.ddl.filter`
/// matches (SAVEPOINT, GRANT/REVOKE, users and roles, views/routines/triggers, ANALYZE/OPTIMIZE/
/// REPAIR, ... — but never a TRUNCATE TABLE), and row statements logged in statement form.
pub fn passed_over(sql: &str) -> bool {
    static SET_STATEMENT: OnceLock<Regex> = OnceLock::new();
    static TRUNCATE: OnceLock<Regex> = OnceLock::new();
    let set = SET_STATEMENT.get_or_init(|| Regex::new("SET STATEMENT .* FOR").expect("regex"));
    let stripped = set.replace_all(sql, "").trim().to_uppercase();
    if stripped.starts_with("XA ") {
        return true;
    }
    let truncate = TRUNCATE
        .get_or_init(|| Regex::new(r"(?s)^(SET STATEMENT .*)?TRUNCATE TABLE .*$").expect("regex"));
    if !truncate.is_match(sql) && filtered_by_default(sql) {
        return true;
    }
    ["INSERT ", "UPDATE ", "DELETE ", "REPLACE "]
        .iter()
        .any(|p| stripped.starts_with(p))
}

pub fn filtered_by_default(sql: &str) -> bool {
    static FILTER: OnceLock<Vec<Regex>> = OnceLock::new();
    let list = FILTER.get_or_init(|| {
        [
            r"DROP TEMPORARY TABLE IF EXISTS .+ /\* generated by server \*/",
            r"(SET STATEMENT .*)?INSERT INTO (mysql\.)?rds_heartbeat2\(.*\) values \(.*\) ON DUPLICATE KEY UPDATE value = .*",
            r"(SET STATEMENT .*)?DELETE FROM (mysql\.)?rds_sysinfo.*",
            r"(SET STATEMENT .*)?INSERT INTO (mysql\.)?rds_sysinfo\(.*\) values \(.*\)",
            r"(SET STATEMENT .*)?INSERT INTO (mysql\.)?rds_monitor\(.*\) values \(.*\) ON DUPLICATE KEY UPDATE value = .*",
            r"(SET STATEMENT .*)?INSERT INTO (mysql\.)?rds_monitor\(.*\) values \(.*\)",
            r"(SET STATEMENT .*)?DELETE FROM (mysql\.)?rds_monitor.*",
            r"FLUSH RELAY LOGS.*",
            r"SAVEPOINT .*",
            r"\s*#\s*Dummy event.*",
            r"(SET STATEMENT .*)?TRUNCATE TABLE .*",
            r"(SET STATEMENT .*)?REPLACE INTO .*",
            r"(?:SET STATEMENT\s+.*?FOR\s+)?(?:GRANT|REVOKE)\s+.*",
            r"(?:SET STATEMENT\s+.*?FOR\s+)?(?:ANALYZE|OPTIMIZE|REPAIR)\s+(?:NO_WRITE_TO_BINLOG\s+|LOCAL\s+)?TABLE\s+.*",
            r"(?:SET STATEMENT\s+.*?FOR\s+)?(CREATE|ALTER|DROP)\s+(?:OR\s+REPLACE\s+)?(?:IF\s+(?:NOT\s+)?EXISTS\s+)?(USER|ROLE)\b.*",
            r"(?:SET STATEMENT\s+.*?FOR\s+)?(CREATE|ALTER|DROP)\s+(?:OR\s+REPLACE\s+)?(?:ALGORITHM\s*=\s*[^\s]+\s+)?(?:DEFINER\s*=\s*[^\s]+\s+)?(?:SQL\s+SECURITY\s+[^\s]+\s+)?(VIEW|FUNCTION|PROCEDURE|TRIGGER)\s+.*",
        ]
        .iter()
        .map(|p| Regex::new(&format!("(?is)^(?:{p})$")).expect("ddl filter pattern"))
        .collect()
    });
    list.iter().any(|r| r.is_match(sql))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statements_debezium_passes_over_leave_no_trace() {
        for q in [
            "SAVEPOINT `s1`",
            "XA COMMIT X'7831',X'',1",
            "xa end 'x1'",
            "SET STATEMENT max_statement_time=10 FOR XA START 'x'",
            "GRANT SELECT ON *.* TO 'u'@'%'",
            "CREATE USER 'u'@'%' IDENTIFIED BY 'p'",
            "CREATE OR REPLACE VIEW v AS SELECT 1",
            "ANALYZE TABLE t",
            "INSERT INTO t VALUES (1)",
            "update t set a = 1",
            "REPLACE INTO t VALUES (1)",
        ] {
            assert!(passed_over(q), "{q}");
        }
        for q in [
            "TRUNCATE TABLE t",
            "SET STATEMENT max_statement_time=10 FOR TRUNCATE TABLE t",
            "CREATE TABLE t (id int)",
            "ALTER TABLE t ADD COLUMN b int",
            "DROP TABLE t",
            "RENAME TABLE a TO b",
        ] {
            assert!(!passed_over(q), "{q}");
        }
    }

    fn run(t: &mut Tables, db: &str, sql: &str) -> Applied {
        apply(t, db, sql).unwrap_or_else(|e| panic!("{sql}: {e}"))
    }

    fn table<'a>(t: &'a Tables, db: &str, name: &str) -> &'a Table {
        t.get(&TableId::new(db, name))
            .unwrap_or_else(|| panic!("no table {db}.{name}"))
    }

    fn col<'a>(t: &'a Table, name: &str) -> &'a Column {
        t.column(name)
            .unwrap_or_else(|| panic!("no column {name} in {}", t.id))
    }

    fn names(t: &Table) -> Vec<&str> {
        t.columns.iter().map(|c| c.name.as_str()).collect()
    }

    /// (typeName, jdbcType, length, scale, optional, generated, autoIncremented)
    #[allow(clippy::too_many_arguments)]
    fn assert_col(
        c: &Column,
        type_name: &str,
        jdbc_type: i32,
        length: Option<i64>,
        scale: Option<i32>,
        optional: bool,
        generated: bool,
        auto: bool,
    ) {
        assert_eq!(c.type_name, type_name, "{}", c.name);
        assert_eq!(c.type_expression, type_name, "{}", c.name);
        assert_eq!(c.jdbc_type, jdbc_type, "{}", c.name);
        assert_eq!(c.length, length, "{} length", c.name);
        assert_eq!(c.scale, scale, "{} scale", c.name);
        assert_eq!(c.optional, optional, "{} optional", c.name);
        assert_eq!(c.generated, generated, "{} generated", c.name);
        assert_eq!(c.auto_incremented, auto, "{} autoIncremented", c.name);
    }

    fn positions_ok(t: &Table) {
        for (i, c) in t.columns.iter().enumerate() {
            assert_eq!(c.position, i + 1, "{}", c.name);
        }
    }

    fn with(sql: &str) -> Tables {
        let mut t = Tables::new();
        run(&mut t, "db", sql);
        t
    }

    // ---- CREATE TABLE -------------------------------------------------------------------------

    #[test]
    fn create_table_user_written() {
        let mut t = Tables::new();
        run(&mut t, "", "SET character_set_server=utf8mb4");
        run(
            &mut t,
            "",
            "CREATE DATABASE IF NOT EXISTS shop CHARACTER SET latin1",
        );
        let a = run(
            &mut t,
            "shop",
            "CREATE TABLE IF NOT EXISTS `shop`.orders (\n\
             id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY COMMENT 'pk',\n\
             code CHAR(8) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,\n\
             note VARCHAR(20) COLLATE utf8mb4_unicode_ci DEFAULT 'it''s' COMMENT 'n',\n\
             state ENUM('new','paid') NOT NULL DEFAULT 'new',\n\
             flags SET('a','b','c'),\n\
             total DECIMAL(10,2) DEFAULT -1.50,\n\
             made TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),\n\
             doubled INT AS (id * 2) VIRTUAL,\n\
             expr_default DATE DEFAULT (CURRENT_DATE),\n\
             blob_col BLOB,\n\
             CONSTRAINT chk CHECK (total >= 0),\n\
             KEY idx_state (state),\n\
             FOREIGN KEY (code) REFERENCES other (code) ON DELETE CASCADE\n\
             ) ENGINE=InnoDB AUTO_INCREMENT=5 COMMENT='orders' /*!50100 PARTITION BY KEY (id) */",
        );
        assert_eq!(a.events.len(), 1);
        let ev = &a.events[0];
        assert_eq!(ev.kind, EventKind::Create);
        assert_eq!(ev.database, "shop");
        assert_eq!(ev.source_table.as_deref(), Some("orders"));
        // the statement as recorded ends at its last token, inside the executable comment
        assert!(ev.ddl.ends_with("PARTITION BY KEY (id)"), "{}", ev.ddl);
        let tb = table(&t, "shop", "orders");
        positions_ok(tb);
        assert_eq!(tb.default_charset.as_deref(), Some("latin1"));
        assert_eq!(tb.primary_key, vec!["id"]);
        assert_eq!(tb.comment, None);
        let id = col(tb, "id");
        assert_col(
            id,
            "BIGINT UNSIGNED",
            jdbc::BIGINT,
            None,
            None,
            false,
            true,
            true,
        );
        assert!(!id.has_default);
        assert_eq!(id.comment, None);
        let code = col(tb, "code");
        assert_col(code, "CHAR", jdbc::CHAR, Some(8), None, false, false, false);
        assert_eq!(code.charset.as_deref(), Some("ascii"));
        let note = col(tb, "note");
        assert_eq!(note.charset.as_deref(), Some("utf8mb4"));
        assert_eq!(note.default_expression.as_deref(), Some("it''s"));
        let state = col(tb, "state");
        assert_col(
            state,
            "ENUM",
            jdbc::CHAR,
            Some(1),
            None,
            false,
            false,
            false,
        );
        assert_eq!(state.enum_values, vec!["'new'", "'paid'"]);
        assert_eq!(state.charset.as_deref(), Some("latin1"));
        assert_eq!(state.default_expression.as_deref(), Some("new"));
        let flags = col(tb, "flags");
        assert_col(flags, "SET", jdbc::CHAR, Some(5), None, true, false, false);
        assert!(flags.has_default && flags.default_expression.is_none());
        let total = col(tb, "total");
        assert_col(
            total,
            "DECIMAL",
            jdbc::DECIMAL,
            Some(10),
            Some(2),
            true,
            false,
            false,
        );
        assert_eq!(total.default_expression.as_deref(), Some("-1.50"));
        let made = col(tb, "made");
        assert_col(
            made,
            "TIMESTAMP",
            jdbc::TIMESTAMP_WITH_TIMEZONE,
            Some(3),
            None,
            false,
            true,
            true,
        );
        assert_eq!(made.default_expression.as_deref(), Some(EPOCH_DEFAULT));
        let doubled = col(tb, "doubled");
        assert_col(
            doubled,
            "INT",
            jdbc::INTEGER,
            None,
            None,
            true,
            false,
            false,
        );
        let e = col(tb, "expr_default");
        assert!(e.has_default && e.default_expression.is_none());
        assert_col(
            col(tb, "blob_col"),
            "BLOB",
            jdbc::BLOB,
            None,
            None,
            true,
            false,
            false,
        );
        assert_eq!(col(tb, "blob_col").charset, None);
    }

    #[test]
    fn create_table_with_comments_kept() {
        let mut t = Tables::new();
        t.ddl_state_mut().set_include_comments(true);
        run(
            &mut t,
            "db",
            "CREATE TABLE table1(id INT UNSIGNED NOT NULL AUTO_INCREMENT UNIQUE PRIMARY KEY COMMENT 'pk', \
             bin_volume DECIMAL(20, 4) COMMENT 'decimal column') COMMENT='add table comment'",
        );
        run(&mut t, "db", "CREATE TABLE table2(id INT NOT NULL)");
        run(
            &mut t,
            "db",
            "ALTER TABLE table2 COMMENT='alter table comment'",
        );
        let t1 = table(&t, "db", "table1");
        assert_eq!(col(t1, "id").comment.as_deref(), Some("pk"));
        assert_eq!(
            col(t1, "bin_volume").comment.as_deref(),
            Some("decimal column")
        );
        assert_eq!(t1.comment.as_deref(), Some("add table comment"));
        assert_eq!(
            table(&t, "db", "table2").comment.as_deref(),
            Some("alter table comment")
        );
    }

    #[test]
    fn create_if_not_exists_on_known_table_changes_nothing() {
        let mut t = with("CREATE TABLE mytable (id INT PRIMARY KEY, val1 INT)");
        let a = run(
            &mut t,
            "db",
            "CREATE TABLE IF NOT EXISTS mytable (id INT PRIMARY KEY, val1 INT, val2 INT)",
        );
        assert_eq!(names(table(&t, "db", "mytable")), vec!["id", "val1"]);
        // no table change: recorded as a database-level statement, as given
        assert_eq!(a.events.len(), 1);
        assert_eq!(a.events[0].kind, EventKind::Database);
        assert!(a.changes.is_empty());
    }

    #[test]
    fn create_table_like() {
        let mut t = with("CREATE TABLE customers (id INT PRIMARY KEY NOT NULL, name VARCHAR(30) NOT NULL, PRIMARY KEY (id))");
        let a = run(
            &mut t,
            "db",
            "CREATE TABLE `CUSTOMERS_HISTORY` LIKE `customers`",
        );
        assert_eq!(a.changes.len(), 1);
        assert_eq!(a.changes[0].kind, ChangeKind::Create);
        let h = table(&t, "db", "CUSTOMERS_HISTORY");
        assert_eq!(names(h), vec!["id", "name"]);
        assert_eq!(h.primary_key, vec!["id"]);
        // LIKE of an unknown table changes nothing
        let a = run(&mut t, "db", "CREATE TABLE x (LIKE nowhere)");
        assert_eq!(a.events[0].kind, EventKind::Database);
        assert!(!t.contains_key(&TableId::new("db", "x")));
    }

    #[test]
    fn or_replace_and_temporary() {
        let mut t = with("CREATE TABLE a (x INT)");
        run(&mut t, "db", "CREATE OR REPLACE TABLE a (y INT, z INT)");
        assert_eq!(names(table(&t, "db", "a")), vec!["y", "z"]);
        run(&mut t, "db", "CREATE TEMPORARY TABLE tmp (x INT)");
        assert!(t.contains_key(&TableId::new("db", "tmp")));
    }

    #[test]
    fn primary_key_columns_are_not_null() {
        let t = with("CREATE TABLE data(id INT, PRIMARY KEY (id)); CREATE TABLE datadef(id INT DEFAULT 0, PRIMARY KEY (id))");
        let id = col(table(&t, "db", "data"), "id");
        assert!(!id.optional && !id.has_default);
        let id = col(table(&t, "db", "datadef"), "id");
        assert!(!id.optional && id.has_default);
        assert_eq!(id.default_expression.as_deref(), Some("0"));
    }

    #[test]
    fn unique_keys_stand_in_for_a_missing_primary_key() {
        let t = with(
            "CREATE TABLE `dbz_6003_1` (`id` INT ( 11 ) NOT NULL, `name` VARCHAR ( 255 ), UNIQUE KEY `test` ( `name` ), PRIMARY KEY ( `id` ));\
             create table u1 (a int not null, b int not null, unique key (a, b));\
             create table u2 (a int not null, b int, unique key (a, b));\
             create table u3 (a int not null, b int not null, unique key (a, (b*2)));\
             create table u4 (a int unique, b int)",
        );
        assert_eq!(table(&t, "db", "dbz_6003_1").primary_key, vec!["id"]);
        assert!(col(table(&t, "db", "dbz_6003_1"), "name").optional);
        assert_eq!(table(&t, "db", "u1").primary_key, vec!["a", "b"]);
        assert!(table(&t, "db", "u2").primary_key.is_empty());
        assert!(table(&t, "db", "u3").primary_key.is_empty());
        // an inline UNIQUE makes the column the key even when nullable (Debezium's rule)
        assert_eq!(table(&t, "db", "u4").primary_key, vec!["a"]);
        assert!(col(table(&t, "db", "u4"), "a").optional);
    }

    #[test]
    fn serial_types() {
        let t = with(
            "CREATE TABLE foo1 (id SERIAL, val INT);\
             CREATE TABLE foo4 (id SERIAL, val INT PRIMARY KEY);\
             CREATE TABLE foo6 (id SERIAL NULL, val INT);\
             CREATE TABLE foo7 (id SMALLINT(5) UNSIGNED SERIAL DEFAULT VALUE NOT NULL, val INT);\
             CREATE TABLE foo8 (id SMALLINT(3) NULL SERIAL DEFAULT VALUE, val INT)",
        );
        let f1 = table(&t, "db", "foo1");
        assert_col(
            col(f1, "id"),
            "BIGINT UNSIGNED",
            jdbc::BIGINT,
            None,
            None,
            false,
            true,
            true,
        );
        assert_eq!(f1.primary_key, vec!["id"]);
        assert_eq!(table(&t, "db", "foo4").primary_key, vec!["val"]);
        let f6 = table(&t, "db", "foo6");
        assert!(col(f6, "id").optional);
        assert_eq!(f6.primary_key, vec!["id"]);
        assert_col(
            col(table(&t, "db", "foo7"), "id"),
            "SMALLINT UNSIGNED",
            jdbc::SMALLINT,
            Some(5),
            None,
            false,
            true,
            true,
        );
        assert_col(
            col(table(&t, "db", "foo8"), "id"),
            "SMALLINT",
            jdbc::SMALLINT,
            Some(3),
            None,
            true,
            true,
            true,
        );
    }

    #[test]
    fn type_names_and_lengths() {
        let t = with(
            "CREATE TABLE ty (id INT PRIMARY KEY, mi MIDDLEINT, f4 FLOAT4, f8 FLOAT8, i1 INT1, i8 INT8, \
             l LONG CHARSET LATIN2, lvc LONG VARCHAR, lvb LONG VARBINARY, cv CHAR VARYING(10), \
             chv CHARACTER VARYING(10), ch CHARACTER, ch5 CHARACTER(5), dp DOUBLE PRECISION(20, 2), \
             d DOUBLE, r REAL, dec1 DEC, fx FIXED(3), num NUMERIC, d195 decimal(19.5), d00 decimal(0.0), \
             fl FLOAT(4), fl2 FLOAT(7,4), fl3 FLOAT(7.4), b BIT, b8 BIT(8), bl BLOB(16), big BLOB(4294967295), \
             tx TEXT(20), bo BOOLEAN, bo2 BOOL, yr YEAR(4), tm TIME(0), dt DATETIME(6), js JSON, \
             g GEOMCOLLECTION, vb VARBINARY(32), bn BINARY(16), bn0 BINARY, vc0 VARCHAR(0), \
             u INT(10) UNSIGNED, z INT ZEROFILL, s BIGINT SIGNED, mix bigint(20) ZEROFILL signed UNSIGNED signed, \
             su int signed unsigned, dpu double precision(18, 4) UNSIGNED SIGNED ZEROFILL, ts TIMESTAMP, \
             ig INTEGER)",
        );
        let tb = table(&t, "db", "ty");
        let c = |n| col(tb, n);
        assert_col(
            c("mi"),
            "MIDDLEINT",
            jdbc::INTEGER,
            None,
            None,
            true,
            false,
            false,
        );
        assert_col(
            c("f4"),
            "FLOAT4",
            jdbc::FLOAT,
            None,
            None,
            true,
            false,
            false,
        );
        assert_col(
            c("f8"),
            "FLOAT8",
            jdbc::DOUBLE,
            None,
            None,
            true,
            false,
            false,
        );
        assert_col(
            c("i1"),
            "INT1",
            jdbc::SMALLINT,
            None,
            None,
            true,
            false,
            false,
        );
        assert_col(
            c("i8"),
            "INT8",
            jdbc::BIGINT,
            None,
            None,
            true,
            false,
            false,
        );
        assert_col(
            c("l"),
            "LONG",
            jdbc::VARCHAR,
            None,
            None,
            true,
            false,
            false,
        );
        assert_eq!(c("l").charset.as_deref(), Some("LATIN2"));
        assert_col(
            c("lvc"),
            "LONG VARCHAR",
            jdbc::VARCHAR,
            None,
            None,
            true,
            false,
            false,
        );
        assert_col(
            c("lvb"),
            "LONG VARBINARY",
            jdbc::BLOB,
            None,
            None,
            true,
            false,
            false,
        );
        assert_col(
            c("cv"),
            "CHAR VARYING",
            jdbc::VARCHAR,
            Some(10),
            None,
            true,
            false,
            false,
        );
        assert_col(
            c("chv"),
            "CHARACTER VARYING",
            jdbc::VARCHAR,
            Some(10),
            None,
            true,
            false,
            false,
        );
        assert_col(
            c("ch"),
            "CHARACTER",
            jdbc::CHAR,
            None,
            None,
            true,
            false,
            false,
        );
        assert_col(
            c("ch5"),
            "CHARACTER",
            jdbc::CHAR,
            Some(5),
            None,
            true,
            false,
            false,
        );
        assert_col(
            c("dp"),
            "DOUBLE PRECISION",
            jdbc::DOUBLE,
            Some(20),
            Some(2),
            true,
            false,
            false,
        );
        assert_col(
            c("d"),
            "DOUBLE",
            jdbc::DOUBLE,
            None,
            None,
            true,
            false,
            false,
        );
        assert_col(c("r"), "REAL", jdbc::REAL, None, None, true, false, false);
        assert_col(
            c("dec1"),
            "DEC",
            jdbc::DECIMAL,
            Some(10),
            Some(0),
            true,
            false,
            false,
        );
        assert_col(
            c("fx"),
            "FIXED",
            jdbc::DECIMAL,
            Some(3),
            Some(0),
            true,
            false,
            false,
        );
        assert_col(
            c("num"),
            "NUMERIC",
            jdbc::NUMERIC,
            Some(10),
            Some(0),
            true,
            false,
            false,
        );
        assert_col(
            c("d195"),
            "DECIMAL",
            jdbc::DECIMAL,
            Some(19),
            Some(0),
            true,
            false,
            false,
        );
        assert_col(
            c("d00"),
            "DECIMAL",
            jdbc::DECIMAL,
            Some(10),
            Some(0),
            true,
            false,
            false,
        );
        assert_col(
            c("fl"),
            "FLOAT",
            jdbc::FLOAT,
            Some(4),
            None,
            true,
            false,
            false,
        );
        assert_col(
            c("fl2"),
            "FLOAT",
            jdbc::FLOAT,
            Some(7),
            Some(4),
            true,
            false,
            false,
        );
        assert_col(
            c("fl3"),
            "FLOAT",
            jdbc::FLOAT,
            Some(7),
            None,
            true,
            false,
            false,
        );
        assert_col(c("b"), "BIT", jdbc::BIT, Some(1), None, true, false, false);
        assert_col(c("b8"), "BIT", jdbc::BIT, Some(8), None, true, false, false);
        assert_col(
            c("bl"),
            "BLOB",
            jdbc::BLOB,
            Some(16),
            None,
            true,
            false,
            false,
        );
        assert_col(
            c("big"),
            "BLOB",
            jdbc::BLOB,
            Some(i32::MAX as i64),
            None,
            true,
            false,
            false,
        );
        assert_col(
            c("tx"),
            "TEXT",
            jdbc::VARCHAR,
            Some(20),
            None,
            true,
            false,
            false,
        );
        assert_col(
            c("bo"),
            "BOOLEAN",
            jdbc::BOOLEAN,
            None,
            None,
            true,
            false,
            false,
        );
        assert_col(
            c("bo2"),
            "BOOL",
            jdbc::BOOLEAN,
            None,
            None,
            true,
            false,
            false,
        );
        assert_col(
            c("yr"),
            "YEAR",
            jdbc::INTEGER,
            Some(4),
            None,
            true,
            false,
            false,
        );
        assert_col(
            c("tm"),
            "TIME",
            jdbc::TIME,
            Some(0),
            None,
            true,
            false,
            false,
        );
        assert_col(
            c("dt"),
            "DATETIME",
            jdbc::TIMESTAMP,
            Some(6),
            None,
            true,
            false,
            false,
        );
        assert_col(c("js"), "JSON", jdbc::OTHER, None, None, true, false, false);
        assert_col(
            c("g"),
            "GEOMCOLLECTION",
            jdbc::OTHER,
            None,
            None,
            true,
            false,
            false,
        );
        assert_col(
            c("vb"),
            "VARBINARY",
            jdbc::VARBINARY,
            Some(32),
            None,
            true,
            false,
            false,
        );
        assert_col(
            c("bn"),
            "BINARY",
            jdbc::BINARY,
            Some(16),
            None,
            true,
            false,
            false,
        );
        assert_col(
            c("bn0"),
            "BINARY",
            jdbc::BINARY,
            None,
            None,
            true,
            false,
            false,
        );
        assert_col(
            c("vc0"),
            "VARCHAR",
            jdbc::VARCHAR,
            Some(10),
            None,
            true,
            false,
            false,
        );
        assert_col(
            c("u"),
            "INT UNSIGNED",
            jdbc::INTEGER,
            Some(10),
            None,
            true,
            false,
            false,
        );
        assert_col(
            c("z"),
            "INT UNSIGNED ZEROFILL",
            jdbc::INTEGER,
            None,
            None,
            true,
            false,
            false,
        );
        assert_col(
            c("s"),
            "BIGINT SIGNED",
            jdbc::BIGINT,
            None,
            None,
            true,
            false,
            false,
        );
        assert_col(
            c("mix"),
            "BIGINT UNSIGNED ZEROFILL",
            jdbc::BIGINT,
            Some(20),
            None,
            true,
            false,
            false,
        );
        assert_col(
            c("su"),
            "INT UNSIGNED",
            jdbc::INTEGER,
            None,
            None,
            true,
            false,
            false,
        );
        assert_col(
            c("dpu"),
            "DOUBLE PRECISION UNSIGNED ZEROFILL",
            jdbc::DOUBLE,
            Some(18),
            Some(4),
            true,
            false,
            false,
        );
        assert_col(
            c("ts"),
            "TIMESTAMP",
            jdbc::TIMESTAMP_WITH_TIMEZONE,
            None,
            None,
            true,
            false,
            false,
        );
        assert_col(
            c("ig"),
            "INTEGER",
            jdbc::INTEGER,
            None,
            None,
            true,
            false,
            false,
        );
    }

    #[test]
    fn national_and_binary_string_types() {
        let t = with(
            "CREATE TABLE n (c1 NVARCHAR(255), c2 NATIONAL VARCHAR(255), c3 NCHAR VARCHAR(255), \
             c4 NATIONAL CHARACTER VARYING(255), c5 NATIONAL CHAR VARYING(255), c6 NATIONAL CHARACTER(10), \
             c7 NCHAR(10), c8 NATIONAL CHAR, c9 NCHAR VARYING(10), \
             b1 CHAR(60) BINARY, b2 VARCHAR(60) BINARY NOT NULL DEFAULT '', b3 TINYTEXT BINARY, \
             b4 NCHAR(60) BINARY, b5 NVARCHAR(60) BINARY) CHARACTER SET utf8 COLLATE utf8_bin",
        );
        let tb = table(&t, "db", "n");
        let c = |n| col(tb, n);
        for (n, ty, j, len) in [
            ("c1", "NVARCHAR", jdbc::NVARCHAR, Some(255)),
            ("c2", "NATIONAL VARCHAR", jdbc::NVARCHAR, Some(255)),
            ("c3", "NCHAR VARCHAR", jdbc::NVARCHAR, Some(255)),
            (
                "c4",
                "NATIONAL CHARACTER VARYING",
                jdbc::NVARCHAR,
                Some(255),
            ),
            ("c5", "NATIONAL CHAR VARYING", jdbc::NVARCHAR, Some(255)),
            ("c6", "NATIONAL CHARACTER", jdbc::NCHAR, Some(10)),
            ("c7", "NCHAR", jdbc::NCHAR, Some(10)),
            ("c8", "NATIONAL CHAR", jdbc::NCHAR, Some(1)),
            ("c9", "NCHAR VARYING", jdbc::NVARCHAR, Some(10)),
        ] {
            assert_col(c(n), ty, j, len, None, true, false, false);
            assert_eq!(c(n).charset.as_deref(), Some("utf8"), "{n}");
        }
        assert_col(
            c("b1"),
            "CHAR BINARY",
            jdbc::CHAR,
            Some(60),
            None,
            true,
            false,
            false,
        );
        assert_col(
            c("b2"),
            "VARCHAR BINARY",
            jdbc::VARCHAR,
            Some(60),
            None,
            false,
            false,
            false,
        );
        assert_eq!(c("b2").default_expression.as_deref(), Some(""));
        assert_col(
            c("b3"),
            "TINYTEXT BINARY",
            jdbc::VARCHAR,
            None,
            None,
            true,
            false,
            false,
        );
        assert_col(
            c("b4"),
            "NCHAR BINARY",
            jdbc::NCHAR,
            Some(60),
            None,
            true,
            false,
            false,
        );
        assert_col(
            c("b5"),
            "NVARCHAR BINARY",
            jdbc::NVARCHAR,
            Some(60),
            None,
            true,
            false,
            false,
        );
        assert_eq!(c("b1").charset.as_deref(), Some("utf8"));
    }

    #[test]
    fn defaults_as_debezium_records_them() {
        let t = with(
            "CREATE TABLE d (a INT DEFAULT -10, b INT DEFAULT +3, c VARCHAR(5) DEFAULT \"x'y\", \
             e CHAR(2) DEFAULT _utf8mb4'ab', f CHAR(2) DEFAULT N'nn', g BIT(3) DEFAULT b'101', \
             h VARBINARY(2) DEFAULT x'4142', i VARBINARY(2) DEFAULT 0x4142, j BOOLEAN DEFAULT TRUE, \
             k DATE DEFAULT DATE '2020-01-02', l DATETIME DEFAULT NOW(), m TIMESTAMP DEFAULT LOCALTIMESTAMP, \
             n DOUBLE DEFAULT 1.5e3, o DATE DEFAULT curdate(), p INT DEFAULT (1 + 1), q INT DEFAULT 1 + 1, \
             r VARCHAR(5) DEFAULT 'a' 'b', s INT NOT NULL, u VARCHAR(3) DEFAULT 'x\\'y', v INT DEFAULT NULL)",
        );
        let tb = table(&t, "db", "d");
        let dv = |n: &str| {
            let c = col(tb, n);
            (c.has_default, c.default_expression.clone())
        };
        let some = |s: &str| (true, Some(s.to_string()));
        assert_eq!(dv("a"), some("-10"));
        assert_eq!(dv("b"), some("+3"));
        assert_eq!(dv("c"), some("x''y"));
        assert_eq!(dv("e"), some("ab"));
        assert_eq!(dv("f"), some("N'nn'"));
        assert_eq!(dv("g"), some("101"));
        assert_eq!(dv("h"), some("4142"));
        assert_eq!(dv("i"), some("414"));
        assert_eq!(dv("j"), some("TRUE"));
        assert_eq!(dv("k"), some("DATE'2020-01-02'"));
        assert_eq!(dv("l"), some(EPOCH_DEFAULT));
        assert_eq!(dv("m"), some(EPOCH_DEFAULT));
        assert_eq!(dv("n"), some("1.5e3"));
        assert_eq!(dv("o"), (true, None));
        assert_eq!(dv("p"), (true, None));
        assert_eq!(dv("q"), (true, None));
        assert_eq!(dv("r"), some("a''b"));
        assert_eq!(dv("s"), (false, None));
        assert_eq!(dv("u"), some("x\\'y"));
        assert_eq!(dv("v"), (true, None));
    }

    #[test]
    fn default_and_not_null_in_any_order() {
        let mut t = with(
            "CREATE TABLE my_table (ts_col TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP, \
             ts_col2 TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL, ts_col3 TIMESTAMP DEFAULT CURRENT_TIMESTAMP)",
        );
        run(
            &mut t,
            "db",
            "ALTER TABLE my_table ADD ts_col4 TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL",
        );
        let tb = table(&t, "db", "my_table");
        for (n, opt) in [
            ("ts_col", false),
            ("ts_col2", false),
            ("ts_col3", true),
            ("ts_col4", false),
        ] {
            let c = col(tb, n);
            assert_eq!(c.optional, opt, "{n}");
            assert!(c.has_default, "{n}");
            assert_eq!(c.default_expression.as_deref(), Some(EPOCH_DEFAULT), "{n}");
        }
    }

    #[test]
    fn charsets_of_databases_tables_and_columns() {
        let mut t = Tables::new();
        run(
            &mut t,
            "",
            "SET character_set_server=utf8;\
             CREATE DATABASE db1 CHARACTER SET utf8mb4;\
             USE db1;\
             CREATE TABLE t1 (id int(11) not null auto_increment, c1 varchar(255) default null, \
             c3 varchar(255) charset latin2 not null, primary key (`id`)) engine=InnoDB default charset=latin1;\
             CREATE TABLE t2 (c1 varchar(255), c2 char(5) collate latin7_general_ci, c3 int)",
        );
        assert_eq!(t.ddl_state().variable(CHARSET_DATABASE), Some("utf8mb4"));
        let t1 = table(&t, "db1", "t1");
        assert_eq!(col(t1, "c1").charset.as_deref(), Some("latin1"));
        assert_eq!(col(t1, "c3").charset.as_deref(), Some("latin2"));
        assert_eq!(col(t1, "id").charset, None);
        let t2 = table(&t, "db1", "t2");
        assert_eq!(t2.default_charset.as_deref(), Some("utf8mb4"));
        assert_eq!(col(t2, "c1").charset.as_deref(), Some("utf8mb4"));
        assert_eq!(col(t2, "c2").charset.as_deref(), Some("latin7"));
        // CHARACTER SET = DEFAULT takes the database's, then the server's
        run(&mut t, "", "SET character_set_server='latin2'");
        run(&mut t, "", "CREATE SCHEMA IF NOT EXISTS `database2`");
        run(
            &mut t,
            "",
            "CREATE SCHEMA IF NOT EXISTS `database1` CHARACTER SET='windows-1250'",
        );
        run(&mut t, "", "CREATE TABLE IF NOT EXISTS `database1`.`table1` (`x1` VARCHAR(255) NOT NULL) CHARACTER SET = DEFAULT");
        run(&mut t, "", "CREATE TABLE IF NOT EXISTS `database2`.`table2` (`x1` VARCHAR(255) NOT NULL) CHARACTER SET = DEFAULT");
        assert_eq!(
            col(table(&t, "database1", "table1"), "x1")
                .charset
                .as_deref(),
            Some("windows-1250")
        );
        // database2 has no charset of its own: character_set_database (db1's, from USE) applies
        assert_eq!(
            col(table(&t, "database2", "table2"), "x1")
                .charset
                .as_deref(),
            Some("utf8mb4")
        );
        // a collation alone names the database charset
        run(&mut t, "", "CREATE DATABASE `ymsun` charset gb18030 collate gb18030_bi; create database cz collate cp1250_czech_cs");
        assert_eq!(t.ddl_state().database_charset("ymsun"), Some("gb18030"));
        assert_eq!(t.ddl_state().database_charset("cz"), Some("cp1250"));
        // DROP DATABASE forgets tables and charset
        run(&mut t, "", "DROP DATABASE db1");
        assert!(t.keys().all(|id| id.db != "db1"));
        assert_eq!(t.ddl_state().database_charset("db1"), None);
    }

    #[test]
    fn quoted_and_qualified_names() {
        let mut t = Tables::new();
        run(
            &mut t,
            "",
            "CREATE TABLE mytable1 (`i.d` INT PRIMARY KEY);\
             CREATE TABLE db.`mytable3` (`i.d` INT PRIMARY KEY);\
             CREATE TABLE `db.mytable5` (`i.d` INT PRIMARY KEY);\
             CREATE TABLE `db`.`myta``ble6` (`i.d` INT PRIMARY KEY);\
             CREATE TABLE ```db`.`mytable8` (`i.d` INT PRIMARY KEY);\
             CREATE TABLE t (`count(``c1``)` int(10));\
             create table žluťoučký (kůň int)",
        );
        for (db, n) in [
            ("", "mytable1"),
            ("db", "mytable3"),
            ("", "db.mytable5"),
            ("db", "myta`ble6"),
            ("`db", "mytable8"),
        ] {
            assert!(t.contains_key(&TableId::new(db, n)), "{db}.{n}");
        }
        assert_eq!(names(table(&t, "", "t")), vec!["count(`c1`)"]);
        assert_eq!(names(table(&t, "", "žluťoučký")), vec!["kůň"]);
        assert_eq!(
            TableId::new("db", "myta`ble6").backquoted(),
            "`db`.`myta``ble6`"
        );
        assert_eq!(
            TableId::new("inventory", "special\"[`]$'").quoted(),
            "\"inventory\".\"special\"\"[`]$'\""
        );
        assert_eq!(
            TableId::parse_quoted("\"inventory\".\"special\"\"[`]$'\""),
            Some(TableId::new("inventory", "special\"[`]$'"))
        );
    }

    // ---- ALTER TABLE --------------------------------------------------------------------------

    const BASE: &str =
        "CREATE TABLE t (id INT NOT NULL AUTO_INCREMENT, a INT DEFAULT 1, b VARCHAR(10) NOT NULL, \
                        c ENUM('x','y') DEFAULT 'x', PRIMARY KEY (id)) DEFAULT CHARSET=utf8mb4";

    fn alter(sql: &str) -> (Tables, Applied) {
        let mut t = with(BASE);
        let a = run(&mut t, "db", sql);
        (t, a)
    }

    #[test]
    fn add_column_forms() {
        let (t, a) = alter("ALTER TABLE t ADD COLUMN d INT NOT NULL DEFAULT 0");
        assert_eq!(a.events.len(), 1);
        assert_eq!(a.events[0].kind, EventKind::Alter);
        assert_eq!(
            a.events[0].ddl,
            "ALTER TABLE t ADD COLUMN d INT NOT NULL DEFAULT 0"
        );
        assert_eq!(a.changes[0].kind, ChangeKind::Alter);
        let tb = table(&t, "db", "t");
        assert_eq!(names(tb), vec!["id", "a", "b", "c", "d"]);
        positions_ok(tb);
        let d = col(tb, "d");
        assert_col(d, "INT", jdbc::INTEGER, None, None, false, false, false);
        assert_eq!(d.default_expression.as_deref(), Some("0"));

        let (t, _) = alter("ALTER TABLE t ADD d VARCHAR(3) FIRST");
        let tb = table(&t, "db", "t");
        assert_eq!(names(tb), vec!["d", "id", "a", "b", "c"]);
        positions_ok(tb);
        assert_eq!(col(tb, "d").charset.as_deref(), Some("utf8mb4"));

        let (t, _) = alter("ALTER TABLE t ADD COLUMN d INT AFTER a, ADD e INT AFTER c");
        assert_eq!(
            names(table(&t, "db", "t")),
            vec!["id", "a", "d", "b", "c", "e"]
        );

        // a parenthesised list: NULL/NOT NULL and DEFAULT only (Debezium ignores the rest there)
        let (t, _) = alter("ALTER TABLE t ADD (d INT NOT NULL AUTO_INCREMENT, e CHAR(2) DEFAULT 'q', INDEX ie (e))");
        let tb = table(&t, "db", "t");
        assert_eq!(names(tb), vec!["id", "a", "b", "c", "d", "e"]);
        assert_col(
            col(tb, "d"),
            "INT",
            jdbc::INTEGER,
            None,
            None,
            false,
            false,
            false,
        );
        assert_eq!(col(tb, "e").default_expression.as_deref(), Some("q"));

        // MariaDB's IF NOT EXISTS
        let (t, _) = alter(
            "ALTER TABLE t ADD COLUMN IF NOT EXISTS a BIGINT, ADD COLUMN IF NOT EXISTS z INT",
        );
        let tb = table(&t, "db", "t");
        assert_eq!(col(tb, "a").type_name, "INT");
        assert_eq!(names(tb), vec!["id", "a", "b", "c", "z"]);
    }

    #[test]
    fn drop_column_forms() {
        let (t, _) = alter("ALTER TABLE t DROP COLUMN a, DROP b");
        let tb = table(&t, "db", "t");
        assert_eq!(names(tb), vec!["id", "c"]);
        positions_ok(tb);
        let (t, _) = alter("ALTER TABLE t DROP COLUMN IF EXISTS nope, DROP nothere");
        assert_eq!(names(table(&t, "db", "t")), vec!["id", "a", "b", "c"]);
        let (t, _) = alter("ALTER TABLE t DROP COLUMN ID");
        let tb = table(&t, "db", "t");
        assert!(tb.primary_key.is_empty());
        assert_eq!(names(tb), vec!["a", "b", "c"]);
    }

    #[test]
    fn modify_column() {
        let (t, _) = alter("ALTER TABLE t MODIFY COLUMN a BIGINT UNSIGNED NOT NULL");
        let tb = table(&t, "db", "t");
        assert_eq!(names(tb), vec!["id", "a", "b", "c"]);
        let a = col(tb, "a");
        assert_col(
            a,
            "BIGINT UNSIGNED",
            jdbc::BIGINT,
            None,
            None,
            false,
            false,
            false,
        );
        assert!(!a.has_default);
        // nullable unless said otherwise
        let (t, _) = alter("ALTER TABLE t MODIFY b VARCHAR(50) DEFAULT 'z' FIRST");
        let tb = table(&t, "db", "t");
        assert_eq!(names(tb), vec!["b", "id", "a", "c"]);
        let b = col(tb, "b");
        assert_col(
            b,
            "VARCHAR",
            jdbc::VARCHAR,
            Some(50),
            None,
            true,
            false,
            false,
        );
        assert_eq!(b.default_expression.as_deref(), Some("z"));
        // MODIFY redefines: AUTO_INCREMENT is gone when not repeated
        let (t, _) = alter("ALTER TABLE t MODIFY id BIGINT NOT NULL AFTER c");
        let tb = table(&t, "db", "t");
        assert_eq!(names(tb), vec!["a", "b", "c", "id"]);
        assert_col(
            col(tb, "id"),
            "BIGINT",
            jdbc::BIGINT,
            None,
            None,
            false,
            false,
            false,
        );
        assert_eq!(tb.primary_key, vec!["id"]);
        // charset given on the column
        let (t, _) = alter("ALTER TABLE t MODIFY b VARCHAR(75) CHARSET greek");
        assert_eq!(
            col(table(&t, "db", "t"), "b").charset.as_deref(),
            Some("greek")
        );
    }

    #[test]
    fn change_column() {
        let (t, _) = alter("ALTER TABLE t CHANGE a renamed DECIMAL(20,2) NULL");
        let tb = table(&t, "db", "t");
        assert_eq!(names(tb), vec!["id", "renamed", "b", "c"]);
        let r = col(tb, "renamed");
        assert_col(
            r,
            "DECIMAL",
            jdbc::DECIMAL,
            Some(20),
            Some(2),
            true,
            false,
            false,
        );
        assert!(r.has_default && r.default_expression.is_none());
        // the key follows a renamed column; Debezium keeps AUTO_INCREMENT from the old definition
        let (t, _) = alter("ALTER TABLE t CHANGE COLUMN id ident BIGINT(20) NOT NULL");
        let tb = table(&t, "db", "t");
        assert_eq!(tb.primary_key, vec!["ident"]);
        assert_col(
            col(tb, "ident"),
            "BIGINT",
            jdbc::BIGINT,
            Some(20),
            None,
            false,
            true,
            true,
        );
        // ENUM members survive a CHANGE to another type (Debezium quirk)
        let (t, _) = alter("ALTER TABLE t CHANGE c c INT AFTER id");
        let tb = table(&t, "db", "t");
        assert_eq!(names(tb), vec!["id", "c", "a", "b"]);
        assert_eq!(col(tb, "c").enum_values, vec!["'x'", "'y'"]);
        assert_eq!(col(tb, "c").length, None);
        // implicit nullability
        let (t, _) = alter("ALTER TABLE t CHANGE b b DATE DEFAULT NULL");
        let b = col(table(&t, "db", "t"), "b");
        assert!(b.optional && b.has_default && b.default_expression.is_none());
        assert_eq!(b.charset, None);
    }

    #[test]
    fn rename_column_and_table() {
        let (t, _) = alter("ALTER TABLE t RENAME COLUMN a TO a2, RENAME COLUMN id TO ID2");
        let tb = table(&t, "db", "t");
        assert_eq!(names(tb), vec!["ID2", "a2", "b", "c"]);
        assert_eq!(tb.primary_key, vec!["ID2"]);
        assert_eq!(col(tb, "a2").default_expression.as_deref(), Some("1"));
        for sql in [
            "ALTER TABLE t RENAME TO t2",
            "ALTER TABLE t RENAME AS t2",
            "ALTER TABLE `db`.`t` RENAME t2",
        ] {
            let (t, a) = alter(sql);
            assert!(!t.contains_key(&TableId::new("db", "t")), "{sql}");
            assert!(t.contains_key(&TableId::new("db", "t2")), "{sql}");
            assert_eq!(a.changes[0].id, TableId::new("db", "t2"));
            assert_eq!(a.changes[0].previous_id, None);
            assert_eq!(table(&t, "db", "t2").id, TableId::new("db", "t2"));
        }
        let (t, a) = alter("ALTER TABLE t DROP COLUMN a, RENAME TO other.t3");
        assert_eq!(names(table(&t, "other", "t3")), vec!["id", "b", "c"]);
        assert_eq!(a.events[0].database, "other");
    }

    #[test]
    fn primary_keys_added_and_dropped() {
        let (t, _) = alter("ALTER TABLE t DROP PRIMARY KEY");
        let tb = table(&t, "db", "t");
        assert!(tb.primary_key.is_empty());
        assert!(!col(tb, "id").optional);
        let (t, _) = alter("ALTER TABLE t DROP PRIMARY KEY, ADD PRIMARY KEY (a, B)");
        let tb = table(&t, "db", "t");
        assert_eq!(tb.primary_key, vec!["a", "b"]);
        let a = col(tb, "a");
        // made NOT NULL; its explicit default stays
        assert!(!a.optional && a.has_default);
        let (t, _) = alter("ALTER TABLE t DROP PRIMARY KEY, ADD CONSTRAINT uk UNIQUE KEY (b)");
        assert_eq!(table(&t, "db", "t").primary_key, vec!["b"]);
        let (t, _) = alter("ALTER TABLE t DROP PRIMARY KEY, ADD UNIQUE INDEX (a)");
        assert!(table(&t, "db", "t").primary_key.is_empty());
    }

    #[test]
    fn alter_column_defaults() {
        let (t, _) = alter("ALTER TABLE t ALTER COLUMN a SET DEFAULT 10, ALTER b SET DEFAULT 'q', ALTER COLUMN c DROP DEFAULT");
        let tb = table(&t, "db", "t");
        assert_eq!(col(tb, "a").default_expression.as_deref(), Some("10"));
        assert_eq!(col(tb, "b").default_expression.as_deref(), Some("q"));
        let c = col(tb, "c");
        assert!(!c.has_default && c.default_expression.is_none());
        let (t, _) = alter("ALTER TABLE t ALTER a SET DEFAULT (1 + 1), ALTER b SET DEFAULT -5");
        let tb = table(&t, "db", "t");
        assert!(col(tb, "a").has_default && col(tb, "a").default_expression.is_none());
        assert_eq!(col(tb, "b").default_expression.as_deref(), Some("-5"));
        // Debezium quirk: SET DEFAULT NULL is recorded as the text "null"
        let (t, _) = alter("ALTER TABLE t ALTER COLUMN a SET DEFAULT NULL");
        assert_eq!(
            col(table(&t, "db", "t"), "a").default_expression.as_deref(),
            Some("null")
        );
        // unknown column: nothing happens
        let (t, _) = alter("ALTER TABLE t ALTER COLUMN zz SET DEFAULT 1");
        assert_eq!(names(table(&t, "db", "t")), vec!["id", "a", "b", "c"]);
    }

    #[test]
    fn convert_to_charset() {
        let (t, _) = alter("ALTER TABLE t CONVERT TO CHARACTER SET latin1 COLLATE latin1_bin");
        let tb = table(&t, "db", "t");
        assert_eq!(tb.default_charset.as_deref(), Some("latin1"));
        assert_eq!(col(tb, "b").charset.as_deref(), Some("latin1"));
        assert_eq!(col(tb, "c").charset.as_deref(), Some("latin1"));
        assert_eq!(col(tb, "a").charset, None);
        // DEFAULT CHARSET as a table option changes nothing in Debezium's model
        let (t, _) = alter("ALTER TABLE t DEFAULT CHARSET=latin1");
        assert_eq!(
            table(&t, "db", "t").default_charset.as_deref(),
            Some("utf8mb4")
        );
    }

    #[test]
    fn non_structural_clauses_still_record_an_alter() {
        let before = table(&with(BASE), "db", "t").clone();
        for sql in [
            "ALTER TABLE t ADD INDEX ia (a), ADD KEY (b), ADD FULLTEXT KEY ft (b)",
            "ALTER TABLE t DROP INDEX ia, DROP FOREIGN KEY fk, DROP CHECK ck, DROP CONSTRAINT cc",
            "ALTER TABLE t ENGINE=InnoDB AUTO_INCREMENT=100 ROW_FORMAT=DYNAMIC",
            "ALTER TABLE t ALGORITHM=INPLACE, LOCK=NONE, FORCE",
            "ALTER TABLE t ADD CONSTRAINT fk FOREIGN KEY (a) REFERENCES o (id) ON DELETE SET NULL",
            "ALTER TABLE t RENAME INDEX ia TO ib, ALTER INDEX ib INVISIBLE",
            "ALTER TABLE t ADD PARTITION (PARTITION p1 VALUES LESS THAN (10))",
            "ALTER TABLE t REORGANIZE PARTITION p_max INTO (PARTITION p1 VALUES LESS THAN (1), PARTITION p_max VALUES LESS THAN (MAXVALUE))",
            "ALTER ONLINE IGNORE TABLE t STATS_AUTO_RECALC=DEFAULT STATS_SAMPLE_PAGES=50",
            "ALTER TABLE t",
        ] {
            let (t, a) = alter(sql);
            assert_eq!(a.events.len(), 1, "{sql}");
            assert_eq!(a.events[0].kind, EventKind::Alter, "{sql}");
            assert_eq!(a.events[0].ddl, sql);
            assert_eq!(table(&t, "db", "t"), &before, "{sql}");
        }
    }

    #[test]
    fn several_specs_in_one_statement() {
        let mut t = with(
            "CREATE TABLE customers (id INT PRIMARY KEY NOT NULL, name VARCHAR(30) NOT NULL, PRIMARY KEY (id));\
             CREATE TABLE `CUSTOMERS_HISTORY` LIKE `customers`",
        );
        let a = run(
            &mut t,
            "db",
            "ALTER TABLE `CUSTOMERS_HISTORY` MODIFY COLUMN `id` varchar(36) NOT NULL,\
             DROP PRIMARY KEY,\
             ADD action tinyint(3) unsigned NOT NULL FIRST,\
             ADD revision int(10) unsigned NOT NULL AFTER action,\
             ADD changed_on DATETIME NOT NULL DEFAULT NOW() AFTER revision,\
             ADD PRIMARY KEY (ID, revision)",
        );
        assert_eq!(a.events.len(), 1);
        let h = table(&t, "db", "CUSTOMERS_HISTORY");
        assert_eq!(
            names(h),
            vec!["action", "revision", "changed_on", "id", "name"]
        );
        assert_eq!(h.primary_key, vec!["id", "revision"]);
        assert_col(
            col(h, "action"),
            "TINYINT UNSIGNED",
            jdbc::SMALLINT,
            Some(3),
            None,
            false,
            false,
            false,
        );
        assert_col(
            col(h, "changed_on"),
            "DATETIME",
            jdbc::TIMESTAMP,
            None,
            None,
            false,
            false,
            false,
        );
        assert_col(
            col(h, "id"),
            "VARCHAR",
            jdbc::VARCHAR,
            Some(36),
            None,
            false,
            false,
            false,
        );
        positions_ok(h);
        run(
            &mut t,
            "db",
            "ALTER TABLE `CUSTOMERS_HISTORY` DROP COLUMN ID",
        );
        assert_eq!(
            table(&t, "db", "CUSTOMERS_HISTORY").primary_key,
            vec!["revision"]
        );
    }

    #[test]
    fn alter_of_an_unknown_table_changes_nothing() {
        let mut t = Tables::new();
        let a = run(&mut t, "db", "ALTER TABLE foo ADD COLUMN c bigint");
        assert!(t.is_empty());
        assert_eq!(a.events.len(), 1);
        assert_eq!(a.events[0].kind, EventKind::Database);
        assert_eq!(a.events[0].database, "db");
        assert_eq!(a.events[0].ddl, "ALTER TABLE foo ADD COLUMN c bigint");
    }

    // ---- RENAME / DROP / TRUNCATE / CREATE INDEX ---------------------------------------------

    #[test]
    fn rename_tables() {
        let mut t = with("CREATE TABLE a (x INT); CREATE TABLE c (y INT)");
        let a = run(
            &mut t,
            "db",
            "RENAME TABLE a TO b, `db`.c TO other.d, nope TO gone",
        );
        assert_eq!(a.events.len(), 3);
        let ddl: Vec<&str> = a.events.iter().map(|e| e.ddl.as_str()).collect();
        assert_eq!(
            ddl,
            vec![
                "RENAME TABLE a TO b",
                "RENAME TABLE `db`.c TO other.d",
                "RENAME TABLE nope TO gone"
            ]
        );
        let ch = &a.events[0].change.as_ref().unwrap();
        assert_eq!(ch.kind, ChangeKind::Alter);
        assert_eq!(ch.id, TableId::new("db", "b"));
        assert_eq!(ch.previous_id, Some(TableId::new("db", "a")));
        assert_eq!(a.events[1].database, "other");
        // renaming an unknown table records the statement with no table change
        assert_eq!(a.events[2].kind, EventKind::Alter);
        assert!(a.events[2].change.is_none());
        assert_eq!(table(&t, "other", "d").id, TableId::new("other", "d"));
        assert!(!t.contains_key(&TableId::new("db", "a")));
    }

    #[test]
    fn drop_tables() {
        let mut t = with("CREATE TABLE a (x INT); CREATE TABLE b (y INT)");
        let a = run(&mut t, "db", "DROP TABLE IF EXISTS a, `db`.b, c RESTRICT");
        assert!(t.is_empty());
        let ddl: Vec<&str> = a.events.iter().map(|e| e.ddl.as_str()).collect();
        assert_eq!(
            ddl,
            vec![
                "DROP TABLE IF EXISTS `db`.`a` RESTRICT",
                "DROP TABLE IF EXISTS `db`.`b` RESTRICT",
                "DROP TABLE IF EXISTS `db`.`c` RESTRICT"
            ]
        );
        assert!(a.events.iter().all(|e| e.kind == EventKind::Drop));
        assert!(a
            .changes
            .iter()
            .all(|c| c.kind == ChangeKind::Drop && c.table.is_none()));
        // every event of the statement names all its tables in source.table
        let st = a.events[0].source_table.clone().unwrap();
        let mut parts: Vec<&str> = st.split(',').collect();
        parts.sort();
        assert_eq!(parts, vec!["a", "b", "c"]);
        let a = run(&mut t, "", "DROP TEMPORARY TABLE t1");
        assert_eq!(a.events[0].ddl, "DROP TEMPORARY TABLE `t1`");
        assert_eq!(a.events[0].database, "");
    }

    #[test]
    fn truncate_is_its_own_event() {
        let mut t = with(BASE);
        let before = t.clone();
        let a = run(&mut t, "db", "TRUNCATE TABLE t");
        assert_eq!(a.events.len(), 1);
        assert_eq!(a.events[0].kind, EventKind::Truncate);
        assert_eq!(a.events[0].table, Some(TableId::new("db", "t")));
        assert!(a.changes.is_empty());
        assert_eq!(*t, *before);
        assert_eq!(
            truncated_tables("db", "TRUNCATE t"),
            Some(vec![TableId::new("db", "t")])
        );
        assert_eq!(
            truncated_tables("db", "truncate table `x`.`y`"),
            Some(vec![TableId::new("x", "y")])
        );
        assert_eq!(truncated_tables("db", "DELETE FROM t"), None);
    }

    #[test]
    fn unique_index_can_become_the_key() {
        let mut t = with("create table u (id int not null, name varchar(255) not null); create table v (id int, name varchar(5))");
        let a = run(&mut t, "db", "CREATE UNIQUE INDEX uk ON u (name)");
        assert_eq!(table(&t, "db", "u").primary_key, vec!["name"]);
        assert_eq!(a.events[0].kind, EventKind::Alter);
        assert_eq!(a.events[0].ddl, "UNIQUE INDEX uk ON u (name)");
        // on nullable columns: recorded, no key
        let a = run(&mut t, "db", "CREATE UNIQUE INDEX uk ON v (name)");
        assert_eq!(a.events[0].kind, EventKind::Alter);
        assert!(table(&t, "db", "v").primary_key.is_empty());
        // ordinary indexes change nothing
        let a = run(
            &mut t,
            "db",
            "CREATE INDEX `idx` ON `db`.`u` (name) COMMENT '' ALGORITHM DEFAULT LOCK DEFAULT",
        );
        assert_eq!(a.events[0].kind, EventKind::Database);
    }

    // ---- SET / USE / other statements ---------------------------------------------------------

    #[test]
    fn set_statements() {
        let mut t = Tables::new();
        let a = run(
            &mut t,
            "",
            "SET character_set_server=utf8mb4, collation_server=utf8mb4_general_ci",
        );
        assert_eq!(a.events.len(), 1);
        assert_eq!(a.events[0].kind, EventKind::Database);
        assert_eq!(a.events[0].database, "");
        assert_eq!(
            t.ddl_state().variable("collation_server"),
            Some("utf8mb4_general_ci")
        );
        run(
            &mut t,
            "",
            "SET GLOBAL v1=1, v2=2; SET @@session.v3 = 'x'; SET LOCAL v4=4; SET @a_b:=1",
        );
        assert_eq!(t.ddl_state().variable("v2"), Some("2"));
        assert_eq!(t.ddl_state().variable("v3"), Some("x"));
        assert_eq!(t.ddl_state().variable("v4"), Some("4"));
        assert_eq!(t.ddl_state().variable("a_b"), None);
        // user variables only: nothing modelled, recorded as given
        let a = run(&mut t, "db", "SET @x = 1");
        assert_eq!(a.events[0].ddl, "SET @x = 1");
        assert_eq!(a.events[0].database, "db");
        let a = run(&mut t, "", "USE `inventory`");
        assert_eq!(a.events[0].database, "inventory");
        assert_eq!(a.events[0].ddl, "USE `inventory`");
    }

    #[test]
    fn statements_we_do_not_model() {
        let mut t = with(BASE);
        let before = t.clone();
        for sql in [
            "GRANT ALL PRIVILEGES ON `mysql`.* TO 'mysqluser'@'%'",
            "CREATE VIEW v AS SELECT * FROM t",
            "CREATE DEFINER=`u`@`%` PROCEDURE p() BEGIN SELECT 1; END",
            "DROP INDEX idx ON t",
            "ANALYZE TABLE t",
            "CREATE USER 'jeffrey'@'localhost' IDENTIFIED BY 'password'",
            "FLUSH TABLES",
            "# a comment only",
            "ALTER DATABASE db CHARACTER SET latin1",
        ] {
            let a = run(&mut t, "db", sql);
            assert_eq!(a.events.len(), 1, "{sql}");
            assert_eq!(a.events[0].kind, EventKind::Database, "{sql}");
            assert_eq!(a.events[0].ddl, sql);
            assert_eq!(*t, *before, "{sql}");
        }
        assert_eq!(t.ddl_state().database_charset("db"), Some("latin1"));
        assert_eq!(run(&mut t, "db", "BEGIN").events.len(), 0);
    }

    #[test]
    fn comments_quotes_and_executable_comments() {
        let mut t = Tables::new();
        let a = run(
            &mut t,
            "db",
            "/* leading */ CREATE TABLE c1 ( -- a comment\n a INT, # another\n b VARCHAR(5) DEFAULT \"it's\" /*!40100 COMMENT 'kept' */ \
             /*!99999 , junk INT */ /*M!100100 , junk2 INT */ ) ENGINE=InnoDB",
        );
        let tb = table(&t, "db", "c1");
        assert_eq!(names(tb), vec!["a", "b"]);
        assert_eq!(col(tb, "b").default_expression.as_deref(), Some("it''s"));
        // the recorded statement starts at CREATE and has the double quotes rewritten, as Debezium's does
        assert!(a.events[0]
            .ddl
            .starts_with("CREATE TABLE c1 ( -- a comment"));
        assert!(
            a.events[0].ddl.contains("DEFAULT 'it''s'"),
            "{}",
            a.events[0].ddl
        );
        // window-function names are back-quoted
        let a = run(&mut t, "db", "CREATE TABLE rank (lag INT)");
        assert_eq!(a.events[0].ddl, "CREATE TABLE `rank` (`lag` INT)");
        assert_eq!(names(table(&t, "db", "rank")), vec!["lag"]);
    }

    #[test]
    fn ansi_quotes_mode_reads_double_quotes_as_names() {
        let mut t = Tables::new();
        t.ddl_state_mut().set_variable(
            Scope::Global,
            "sql_mode",
            Some("ANSI_QUOTES,STRICT_TRANS_TABLES"),
        );
        run(&mut t, "db", "CREATE TABLE \"q\" (\"x\" INT DEFAULT 'd')");
        let tb = table(&t, "db", "q");
        assert_eq!(names(tb), vec!["x"]);
    }

    #[test]
    fn multiple_statements_in_one_string() {
        let mut t = Tables::new();
        let a = run(&mut t, "db", "CREATE TABLE foo ( c1 INTEGER NOT NULL, c2 VARCHAR(22) );\n-- comment\nDROP TABLE foo;");
        assert!(t.is_empty());
        assert_eq!(a.events.len(), 2);
        assert_eq!(a.events[0].kind, EventKind::Create);
        // a table dropped later in the same string has no CREATE change (Debezium looks tables up at the end)
        assert!(a.events[0].change.is_none());
        assert_eq!(a.events[1].ddl, "DROP TABLE `db`.`foo`");
    }

    // ---- errors -------------------------------------------------------------------------------

    #[test]
    fn errors_are_typed() {
        let mut t = with(BASE);
        let before = t.clone();
        let e = apply(&mut t, "db", "ALTER TABLE t CHANGE nope x INT").unwrap_err();
        assert!(
            matches!(e, DdlError::UnknownColumn { ref column, .. } if column == "nope"),
            "{e}"
        );
        let e = apply(&mut t, "db", "ALTER TABLE t MODIFY nope INT").unwrap_err();
        assert!(matches!(e, DdlError::UnknownColumn { .. }), "{e}");
        let e = apply(&mut t, "db", "ALTER TABLE t RENAME COLUMN nope TO x").unwrap_err();
        assert!(matches!(e, DdlError::UnknownColumn { .. }), "{e}");
        let e = apply(&mut t, "db", "ALTER TABLE t ADD COLUMN u UUID").unwrap_err();
        assert!(
            matches!(e, DdlError::UnknownType { ref type_name, .. } if type_name == "UUID"),
            "{e}"
        );
        let e = apply(&mut t, "db", "ALTER TABLE t ADD SYSTEM VERSIONING").unwrap_err();
        assert!(matches!(e, DdlError::Unsupported { .. }), "{e}");
        let e = apply(&mut t, "db", "CREATE TABLE x (a INT, PRIMARY KEY (b))").unwrap_err();
        assert!(matches!(e, DdlError::KeyColumnMissing { .. }), "{e}");
        let e = apply(&mut t, "db", "CREATE TABLE x (a INT").unwrap_err();
        assert!(matches!(e, DdlError::Syntax { .. }), "{e}");
        let e = apply(
            &mut t,
            "db",
            "CREATE TABLE x (a VARCHAR(10) DEFAULT 'unterminated)",
        )
        .unwrap_err();
        assert!(matches!(e, DdlError::Syntax { .. }), "{e}");
        assert!(e.to_string().contains("CREATE TABLE x"));
        // a failed statement changes nothing
        assert_eq!(*t, *before);
        // IF EXISTS forms are not errors
        run(
            &mut t,
            "db",
            "ALTER TABLE t CHANGE COLUMN IF EXISTS nope x INT, MODIFY IF EXISTS nope2 INT",
        );
    }

    /// Every prefix of every golden statement either parses or fails with a typed error.
    #[test]
    fn truncated_input_never_panics() {
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../testdata/envelopes/mysql/peer/server/metadata/schema_history.jsonl"
        ))
        .unwrap();
        let mut samples: Vec<String> = text
            .lines()
            .map(|l| {
                serde_json::from_str::<serde_json::Value>(l).unwrap()["schema"]["ddl"]
                    .as_str()
                    .unwrap()
                    .to_string()
            })
            .collect();
        samples.push(BASE.to_string());
        samples.push(
            "ALTER TABLE t ADD (d INT NOT NULL, e CHAR(2) DEFAULT 'q'), CHANGE a b INT FIRST"
                .into(),
        );
        for s in samples {
            let mut cut = 0;
            while cut <= s.len() {
                if s.is_char_boundary(cut) {
                    let mut t = with(BASE);
                    let _ = apply(&mut t, "db", &s[..cut]);
                }
                cut += 7;
            }
        }
    }

    #[test]
    fn default_filter() {
        assert!(filtered_by_default("GRANT SELECT ON *.* TO 'u'@'%'"));
        assert!(filtered_by_default("create or replace view v as select 1"));
        assert!(filtered_by_default(
            "DROP TEMPORARY TABLE IF EXISTS `t` /* generated by server */"
        ));
        assert!(filtered_by_default("SAVEPOINT sp1"));
        assert!(filtered_by_default("TRUNCATE TABLE t"));
        assert!(!filtered_by_default("ALTER TABLE t ADD c INT"));
        assert!(!filtered_by_default("CREATE TABLE user (a INT)"));
    }
}
