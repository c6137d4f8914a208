//! A **model** of a SQL Server database with CDC enabled, served over TDS by
//! [`crate::tds::TdsServer`], for the SQL Server source's tests on a machine where no SQL Server
//! can run. It is a model, labelled as such wherever it is used: it holds tables with versioned
//! rows (a connection inside `BEGIN TRANSACTION` reads as of the LSN current when it began — the
//! snapshot isolation the source asks for), one capture instance per table with its change rows
//! (`__$start_lsn`, `__$seqval`, `__$operation` 1–4, the captured columns),
//! `cdc.lsn_time_mapping`, the database's CDC flag and the Agent's state; and it answers exactly
//! the statements the source issues (recognised by their shape — anything else is an error
//! naming the statement, so a new query cannot silently read nothing). The test changes it
//! through [`SqlServerModel::transaction`], as an application would through SQL.
//!
//! LSNs: each committed transaction gets the next commit LSN `00000027:<n>:0001`; its changes get
//! sequence values `00000027:<n>:<k>` in order.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use crate::tds::{Answer, Cell, ColType, ResultSet, TdsServer};

/// A column of a model table: name, SQL Server type name (`int`, `bigint`, `nvarchar`, `bit`),
/// nullable.
#[derive(Debug, Clone)]
pub struct Column {
    pub name: String,
    pub ty: String,
    pub nullable: bool,
}

/// A change the test applies in a transaction. Rows are full rows in column order; keys are
/// the (single, integer) primary key.
#[derive(Debug, Clone)]
pub enum Change {
    Insert(String, Vec<Cell>),
    Update(String, Vec<Cell>),
    Delete(String, i64),
}

/// A row version: the commit LSN number that wrote it, and the row (None: deleted).
type Version = (u32, Option<Vec<Cell>>);

#[derive(Debug, Default)]
struct Table {
    schema: String,
    columns: Vec<Column>,
    /// Index of the integer column the model stores rows by (and, unless `primary_key` says
    /// otherwise, the primary key).
    key: usize,
    /// The primary key the catalog reports when it is not `key`: `Some(None)` none at all,
    /// `Some(Some(i))` column `i` (of any type).
    primary_key: Option<Option<usize>>,
    /// key → versions, oldest first.
    rows: BTreeMap<i64, Vec<Version>>,
    /// Its capture instances, oldest first (a second one after a schema change).
    captures: Vec<Capture>,
}

/// A capture instance: its name, the LSN number it starts at, the columns it captured (the
/// table's columns when it was enabled) and its change rows (commit, seqval, operation, the
/// captured columns' cells).
#[derive(Debug, Clone)]
struct Capture {
    name: String,
    from: u32,
    columns: Vec<Column>,
    changes: Vec<(u32, u32, u8, Vec<Cell>)>,
}

#[derive(Debug, Default)]
struct Db {
    name: String,
    cdc_enabled: bool,
    agent_running: bool,
    /// `ALLOW_SNAPSHOT_ISOLATION`.
    snapshot_isolation: bool,
    /// The last commit LSN number (0: none).
    lsn: u32,
    /// Changes with a commit LSN below this were removed by the cleanup job.
    min_lsn: u32,
    tables: BTreeMap<String, Table>,
    /// (commit LSN number, commit time in ms).
    lsn_time: Vec<(u32, i64)>,
    /// `TABLOCKX` locks: table → the session holding it.
    locks: BTreeMap<String, u64>,
    /// Writer transactions that had to wait for a table lock.
    lock_waits: u64,
    /// The isolation and locking statements sessions issued, in order.
    locking_log: Vec<String>,
}

/// What one connection keeps: its id, the LSN its open `SNAPSHOT` transaction reads as of, and
/// how many of its table locks were taken before its savepoint.
#[derive(Default)]
struct Session {
    id: u64,
    as_of: Option<u32>,
    before_savepoint: Option<usize>,
}

/// Releases a connection's locks when it ends (the server rolls its transaction back).
struct SessionGuard {
    server: Registry,
    id: u64,
}

impl Drop for SessionGuard {
    fn drop(&mut self) {
        let dbs: Vec<Arc<Mutex<Db>>> = match self.server.lock() {
            Ok(r) => r.values().cloned().collect(),
            Err(_) => return,
        };
        for db in dbs {
            if let Ok(mut db) = db.lock() {
                let id = self.id;
                db.locks.retain(|_, s| *s != id);
            }
        }
    }
}

/// The model database and its TDS server.
pub struct SqlServerModel {
    pub port: u16,
    pub database: String,
    db: Arc<Mutex<Db>>,
    /// Every database of the model's server, by lower-case name (a login's database picks one).
    server: Registry,
}

type Registry = Arc<Mutex<BTreeMap<String, Arc<Mutex<Db>>>>>;

/// Session ids, unique across the model's databases.
static SESSIONS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

/// The LSN bytes of commit `n` with sequence `k` (`k` 1 for the commit LSN itself).
pub fn lsn(n: u32, k: u16) -> Vec<u8> {
    let mut b = vec![0, 0, 0, 0x27];
    b.extend(n.to_be_bytes());
    b.extend(k.to_be_bytes());
    b
}

/// The T-SQL literal of commit `n`'s LSN (`0x00000027...`).
pub fn lsn_literal(n: u32, k: u16) -> String {
    let hex: String = lsn(n, k).iter().map(|b| format!("{b:02X}")).collect();
    format!("0x{hex}")
}

/// Parses `0x...` (10 bytes) into (n, k).
fn parse_lsn(hex: &str) -> Option<(u32, u16)> {
    let h = hex.trim().trim_start_matches("0x").trim_start_matches("0X");
    if h.len() != 20 {
        return None;
    }
    let b: Vec<u8> = (0..10)
        .map(|i| u8::from_str_radix(&h[2 * i..2 * i + 2], 16).ok())
        .collect::<Option<_>>()?;
    Some((
        u32::from_be_bytes([b[4], b[5], b[6], b[7]]),
        u16::from_be_bytes([b[8], b[9]]),
    ))
}

fn col_type(ty: &str) -> ColType {
    match ty {
        "bigint" => ColType::Int(8),
        "int" => ColType::Int(4),
        "smallint" => ColType::Int(2),
        "tinyint" => ColType::Int(1),
        "bit" => ColType::Bit,
        "varbinary" | "geometry" | "geography" | "hierarchyid" => ColType::VarBinary,
        _ => ColType::NVarChar,
    }
}

/// A CLR column (`geometry`, `geography`, `hierarchyid`) selected without
/// `CAST(… AS varbinary(max))`: SQL Server would send it as a UDT, which the TDS client cannot
/// read, so the model refuses the statement naming the column.
fn clr_uncast(t: &Table, lower: &str, prefix: &str) -> Option<(u32, String)> {
    t.columns
        .iter()
        .filter(|c| matches!(c.ty.as_str(), "geometry" | "geography" | "hierarchyid"))
        .find(|c| {
            let cast = format!(
                "cast({prefix}[{}] as varbinary(max))",
                c.name.to_ascii_lowercase()
            );
            !lower.contains(&cast)
        })
        .map(|c| {
            (
                4186,
                format!(
                    "the model sends CLR column {} only cast to varbinary(max)",
                    c.name
                ),
            )
        })
}

fn err(sql: &str) -> Answer {
    Err((
        2812,
        format!("the SQL Server model does not know this statement: {sql}"),
    ))
}

fn one(name: &str, ty: ColType, cell: Cell) -> Answer {
    Ok(vec![ResultSet {
        columns: vec![(name.into(), ty)],
        rows: vec![vec![cell]],
    }])
}

fn new_db(name: &str) -> Arc<Mutex<Db>> {
    Arc::new(Mutex::new(Db {
        name: name.to_string(),
        cdc_enabled: true,
        agent_running: true,
        snapshot_isolation: true,
        ..Db::default()
    }))
}

impl SqlServerModel {
    /// A model database `name` with CDC enabled and the Agent running.
    pub fn start(name: &str) -> SqlServerModel {
        SqlServerModel::start_with(name, None)
    }

    /// As [`SqlServerModel::start`]; with `tls`, the server encrypts every connection (and
    /// refuses clients that do not ask for encryption).
    pub fn start_with(name: &str, tls: Option<Arc<rustls::ServerConfig>>) -> SqlServerModel {
        let db = new_db(name);
        let registry: Registry = Arc::new(Mutex::new(BTreeMap::from([(
            name.to_ascii_lowercase(),
            db.clone(),
        )])));
        let shared = registry.clone();
        let first = db.clone();
        let server = TdsServer::start_with(
            move || {
                let id = SESSIONS.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
                let guard = SessionGuard {
                    server: shared.clone(),
                    id,
                };
                let mut current = first.clone();
                let mut session = Session {
                    id,
                    ..Session::default()
                };
                Box::new(move |sql: &str| {
                    // `USE [db]`: the login's database (see `tds`), or a switch
                    if let Some(name) = sql
                        .trim()
                        .strip_prefix("USE [")
                        .and_then(|r| r.strip_suffix(']'))
                    {
                        let found = guard
                            .server
                            .lock()
                            .unwrap()
                            .get(&name.to_ascii_lowercase())
                            .cloned();
                        return match found {
                            Some(d) => {
                                current = d;
                                Ok(vec![])
                            }
                            None => Err((
                                4060,
                                format!("Cannot open database \"{name}\" requested by the login. The login failed."),
                            )),
                        };
                    }
                    let mut db = current.lock().unwrap();
                    db.answer(sql, &mut session)
                })
            },
            tls,
        );
        SqlServerModel {
            port: server.port,
            database: name.to_string(),
            db,
            server: registry,
        }
    }

    /// Another database `name` on the same server (CDC enabled), as its own handle.
    pub fn add_database(&self, name: &str) -> SqlServerModel {
        let db = new_db(name);
        self.server
            .lock()
            .unwrap()
            .insert(name.to_ascii_lowercase(), db.clone());
        SqlServerModel {
            port: self.port,
            database: name.to_string(),
            db,
            server: self.server.clone(),
        }
    }

    /// Creates `schema.table` with `columns`; `key` names its integer primary-key column.
    pub fn create_table(&self, schema: &str, table: &str, columns: &[Column], key: &str) {
        let mut db = self.db.lock().unwrap();
        let key = columns
            .iter()
            .position(|c| c.name == key)
            .expect("key column");
        db.tables.insert(
            table.to_string(),
            Table {
                schema: schema.to_string(),
                columns: columns.to_vec(),
                key,
                ..Table::default()
            },
        );
    }

    /// As [`SqlServerModel::create_table`], the rows stored by the integer column `storage`
    /// while the catalog reports `primary_key` (another column of any type, or none).
    pub fn create_table_with_primary_key(
        &self,
        schema: &str,
        table: &str,
        columns: &[Column],
        storage: &str,
        primary_key: Option<&str>,
    ) {
        self.create_table(schema, table, columns, storage);
        let mut db = self.db.lock().unwrap();
        let pk = primary_key.map(|k| {
            columns
                .iter()
                .position(|c| c.name == k)
                .expect("key column")
        });
        db.tables.get_mut(table).expect("table").primary_key = Some(pk);
    }

    /// `sys.sp_cdc_enable_table`: a capture instance `<schema>_<table>` from the next LSN on.
    pub fn enable_cdc(&self, table: &str) {
        let schema = self.db.lock().unwrap().tables[table].schema.clone();
        self.enable_cdc_instance(table, &format!("{schema}_{table}"));
    }

    /// `sys.sp_cdc_enable_table @capture_instance = name`: another capture instance of `table`,
    /// capturing its columns as they are now, from the next LSN on (how a schema change reaches
    /// CDC).
    pub fn enable_cdc_instance(&self, table: &str, name: &str) {
        let mut db = self.db.lock().unwrap();
        let next = db.lsn + 1;
        let t = db.tables.get_mut(table).expect("table");
        let columns = t.columns.clone();
        t.captures.push(Capture {
            name: name.to_string(),
            from: next,
            columns,
            changes: Vec::new(),
        });
    }

    /// `sys.sp_cdc_disable_table @capture_instance = name`: the instance and its rows go.
    pub fn disable_cdc_instance(&self, table: &str, name: &str) {
        let mut db = self.db.lock().unwrap();
        let t = db.tables.get_mut(table).expect("table");
        t.captures.retain(|c| c.name != name);
    }

    /// `ALTER TABLE … ADD <column>` (NULL in every existing row; the capture instances keep
    /// the columns they captured).
    pub fn add_column(&self, table: &str, column: Column) {
        let mut db = self.db.lock().unwrap();
        let t = db.tables.get_mut(table).expect("table");
        t.columns.push(column);
        for versions in t.rows.values_mut() {
            for (_, row) in versions.iter_mut() {
                if let Some(r) = row {
                    r.push(Cell::Null);
                }
            }
        }
    }

    pub fn set_agent_running(&self, running: bool) {
        self.db.lock().unwrap().agent_running = running;
    }

    /// `ALTER DATABASE … SET ALLOW_SNAPSHOT_ISOLATION ON|OFF`: while off, a `SNAPSHOT`
    /// transaction fails with error 3952 as SQL Server's does.
    pub fn set_snapshot_isolation(&self, allowed: bool) {
        self.db.lock().unwrap().snapshot_isolation = allowed;
    }

    pub fn set_cdc_enabled(&self, enabled: bool) {
        self.db.lock().unwrap().cdc_enabled = enabled;
    }

    /// The cleanup job: change rows of commits before `keep_from` are gone.
    pub fn cleanup_before(&self, keep_from: u32) {
        let mut db = self.db.lock().unwrap();
        db.min_lsn = keep_from;
        for t in db.tables.values_mut() {
            for c in &mut t.captures {
                c.changes.retain(|c| c.0 >= keep_from);
            }
        }
    }

    /// How many writer transactions waited for a snapshot's table lock.
    pub fn lock_waits(&self) -> u64 {
        self.db.lock().unwrap().lock_waits
    }

    /// The isolation and locking statements the sessions issued, in order (`isolation <level>`,
    /// `save <name>`, `tablockx <table>`, `rollback to <name>`, `commit`).
    pub fn locking_log(&self) -> Vec<String> {
        self.db.lock().unwrap().locking_log.clone()
    }

    /// The last commit LSN number.
    pub fn last_lsn(&self) -> u32 {
        self.db.lock().unwrap().lsn
    }

    /// The rows of `table` now, by key.
    pub fn rows(&self, table: &str) -> BTreeMap<i64, Vec<Cell>> {
        let db = self.db.lock().unwrap();
        db.tables[table]
            .rows
            .iter()
            .filter_map(|(k, v)| v.last().and_then(|(_, r)| r.clone()).map(|r| (*k, r)))
            .collect()
    }

    /// Commits `changes` as one transaction (with a commit LSN and CDC rows when captured).
    /// Panics on a change the table does not allow (a duplicate key, a missing row).
    pub fn transaction(&self, changes: &[Change]) {
        let touched: Vec<&str> = changes
            .iter()
            .map(|c| match c {
                Change::Insert(t, _) | Change::Update(t, _) | Change::Delete(t, _) => t.as_str(),
            })
            .collect();
        // a table another session holds with TABLOCKX blocks the writer until it is released
        let mut waited = false;
        let mut db = loop {
            let mut db = self.db.lock().unwrap();
            if !touched.iter().any(|t| db.locks.contains_key(*t)) {
                if waited {
                    db.lock_waits += 1;
                }
                break db;
            }
            drop(db);
            waited = true;
            std::thread::sleep(std::time::Duration::from_millis(1));
        };
        db.lsn += 1;
        let n = db.lsn;
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_millis() as i64;
        // sequence values 2, 3, … in statement order (1 is the commit LSN itself)
        for (seq, c) in (2_u32..).zip(changes.iter()) {
            let (name, key) = match c {
                Change::Insert(t, r) | Change::Update(t, r) => {
                    let k = db.tables[t].key;
                    let Cell::Int(key) = r[k] else {
                        panic!("model keys are integers")
                    };
                    (t, key)
                }
                Change::Delete(t, k) => (t, *k),
            };
            let t = db.tables.get_mut(name).expect("table");
            let current = t
                .rows
                .get(&key)
                .and_then(|v| v.last())
                .and_then(|(_, r)| r.clone());
            // every capture instance from before this commit records the change, projected to
            // the columns it captured
            let all = t.columns.clone();
            let record = |t: &mut Table, op: u8, row: &[Cell]| {
                for cap in t.captures.iter_mut().filter(|c| c.from <= n) {
                    let cells = cap
                        .columns
                        .iter()
                        .map(|c| {
                            let i = all.iter().position(|a| a.name == c.name).expect("column");
                            row.get(i).cloned().unwrap_or(Cell::Null)
                        })
                        .collect();
                    cap.changes.push((n, seq, op, cells));
                }
            };
            match c {
                Change::Insert(_, row) => {
                    assert!(current.is_none(), "model: duplicate key {key} in {name}");
                    record(t, 2, row);
                    t.rows.entry(key).or_default().push((n, Some(row.clone())));
                }
                Change::Update(_, row) => {
                    let old = current.unwrap_or_else(|| panic!("model: no row {key} in {name}"));
                    record(t, 3, &old);
                    record(t, 4, row);
                    t.rows.entry(key).or_default().push((n, Some(row.clone())));
                }
                Change::Delete(..) => {
                    let old = current.unwrap_or_else(|| panic!("model: no row {key} in {name}"));
                    record(t, 1, &old);
                    t.rows.entry(key).or_default().push((n, None));
                }
            }
        }
        db.lsn_time.push((n, now));
    }
}

impl Db {
    fn answer(&mut self, sql: &str, session: &mut Session) -> Answer {
        let s = sql.trim();
        let lower = s.to_ascii_lowercase();
        let db = self.name.to_ascii_lowercase();
        if let Some(rest) = lower.strip_prefix("set transaction isolation level ") {
            let Some((level, after)) = rest.split_once("; begin transaction") else {
                return err(s);
            };
            if ![
                "snapshot",
                "repeatable read",
                "read committed",
                "read uncommitted",
            ]
            .contains(&level)
            {
                return err(s);
            }
            if level == "snapshot" && !self.snapshot_isolation {
                return Err((3952, format!("Snapshot isolation transaction failed accessing database '{}' because snapshot isolation is not allowed in this database. Use ALTER DATABASE to allow snapshot isolation.", self.name)));
            }
            self.locking_log.push(format!("isolation {level}"));
            // SNAPSHOT reads as of now; the others read the latest committed rows
            session.as_of = (level == "snapshot").then_some(self.lsn);
            if let Some(name) = after.trim().strip_prefix("; save transaction ") {
                self.locking_log.push(format!("save {name}"));
                session.before_savepoint = Some(self.locks_of(session.id).len());
                return Ok(vec![]);
            }
            return self.max_lsn_if_asked(&lower);
        }
        if let Some(rest) = lower.strip_prefix("select top(0) * from ") {
            let Some(target) = rest.strip_suffix(" with (tablockx)") else {
                return err(s);
            };
            let Some(name) = self.table_key(target) else {
                return Err((208, format!("Invalid object name '{target}'.")));
            };
            match self.locks.get(&name) {
                Some(holder) if *holder != session.id => {
                    return Err((1222, "Lock request time out period exceeded.".into()))
                }
                _ => {
                    self.locks.insert(name.clone(), session.id);
                    self.locking_log.push(format!("tablockx {name}"));
                }
            }
            return Ok(vec![]);
        }
        if let Some(name) = lower.strip_prefix("rollback transaction ") {
            // back to the savepoint: the locks taken after it go
            let keep = session.before_savepoint.take().unwrap_or(0);
            let mine = self.locks_of(session.id);
            for t in mine.into_iter().skip(keep) {
                self.locks.remove(&t);
            }
            self.locking_log.push(format!("rollback to {name}"));
            return Ok(vec![]);
        }
        if lower == "commit" || lower == "commit transaction" || lower == "rollback" {
            session.as_of = None;
            session.before_savepoint = None;
            let id = session.id;
            self.locks.retain(|_, s| *s != id);
            self.locking_log.push("commit".into());
            return Ok(vec![]);
        }
        if lower.contains("from sys.databases") && lower.contains("snapshot_isolation_state") {
            return one(
                "snapshot_isolation_state",
                ColType::Int(1),
                Cell::Int(i64::from(self.snapshot_isolation)),
            );
        }
        if lower.contains("from sys.databases") && lower.contains("is_cdc_enabled") {
            return one("is_cdc_enabled", ColType::Bit, Cell::Bit(self.cdc_enabled));
        }
        if lower.contains("sys.dm_server_services") {
            return one(
                "running",
                ColType::Int(4),
                Cell::Int(i64::from(self.agent_running)),
            );
        }
        if lower.contains("fn_cdc_get_max_lsn") {
            return self.max_lsn_if_asked(&lower);
        }
        if lower.contains("fn_cdc_get_min_lsn") {
            // an instance's minimum: its start, or later once the cleanup job ran
            let from = lower
                .split("fn_cdc_get_min_lsn(n'")
                .nth(1)
                .and_then(|r| r.split('\'').next())
                .and_then(|inst| self.capture(inst))
                .map_or(0, |(_, c)| c.from);
            return one(
                "lsn",
                ColType::Binary(10),
                Cell::Bytes(lsn(self.min_lsn.max(from).max(1), 1)),
            );
        }
        if lower.contains("cdc.captured_columns") {
            let Some((_, c)) = lower
                .split("capture_instance = n'")
                .nth(1)
                .and_then(|r| r.split('\'').next())
                .and_then(|inst| self.capture(inst))
            else {
                return err(s);
            };
            return Ok(vec![ResultSet {
                columns: vec![("column_name".into(), ColType::NVarChar)],
                rows: c
                    .columns
                    .iter()
                    .map(|c| vec![Cell::Text(c.name.clone())])
                    .collect(),
            }]);
        }
        if lower.contains("cdc.lsn_time_mapping") && lower.contains("max(start_lsn)") {
            // the max transaction LSN, optionally the Nth from a start (max.iteration.transactions)
            let from = lower
                .split("start_lsn >= ")
                .nth(1)
                .and_then(|r| parse_lsn(&r[..22.min(r.len())]))
                .map_or(0, |(n, _)| n);
            let top: Option<usize> = lower
                .split("top (")
                .nth(1)
                .and_then(|r| r.split(')').next())
                .and_then(|v| v.trim().parse().ok());
            let mut commits: Vec<u32> = self
                .lsn_time
                .iter()
                .map(|(n, _)| *n)
                .filter(|n| *n >= from)
                .collect();
            if let Some(top) = top {
                commits.truncate(top);
            }
            let cell = commits
                .last()
                .map_or(Cell::Null, |n| Cell::Bytes(lsn(*n, 1)));
            return one("lsn", ColType::Binary(10), cell);
        }
        if lower.contains(&format!("[{db}].cdc.change_tables")) {
            let rows = self
                .tables
                .iter()
                .flat_map(|(name, t)| {
                    t.captures.iter().map(move |c| {
                        vec![
                            Cell::Text(t.schema.clone()),
                            Cell::Text(name.clone()),
                            Cell::Text(c.name.clone()),
                            Cell::Bytes(lsn(c.from, 1)),
                        ]
                    })
                })
                .collect();
            return Ok(vec![ResultSet {
                columns: vec![
                    ("schema".into(), ColType::NVarChar),
                    ("table".into(), ColType::NVarChar),
                    ("capture_instance".into(), ColType::NVarChar),
                    ("start_lsn".into(), ColType::Binary(10)),
                ],
                rows,
            }]);
        }
        if lower.contains("sys.columns") && lower.contains("object_id(") {
            let Some(t) = self.table_named(&lower) else {
                return err(s);
            };
            let rows = t
                .columns
                .iter()
                .enumerate()
                .map(|(i, c)| {
                    let (precision, max_length) = match c.ty.as_str() {
                        "bigint" => (19, 8),
                        "int" => (10, 4),
                        "smallint" => (5, 2),
                        "tinyint" => (3, 1),
                        "bit" => (1, 1),
                        "uniqueidentifier" => (0, 16),
                        _ => (0, -1),
                    };
                    vec![
                        Cell::Text(c.name.clone()),
                        Cell::Text(c.ty.clone()),
                        Cell::Int(precision),
                        Cell::Int(0),
                        Cell::Bit(c.nullable),
                        if Some(i) == t.primary_key.unwrap_or(Some(t.key)) {
                            Cell::Int(1)
                        } else {
                            Cell::Null
                        },
                        Cell::Int(i as i64 + 1),
                        Cell::Int(max_length),
                        Cell::Bit(false),
                        Cell::Bit(false),
                        Cell::Null,
                    ]
                })
                .collect();
            return Ok(vec![ResultSet {
                columns: vec![
                    ("name".into(), ColType::NVarChar),
                    ("type".into(), ColType::NVarChar),
                    ("precision".into(), ColType::Int(1)),
                    ("scale".into(), ColType::Int(1)),
                    ("is_nullable".into(), ColType::Bit),
                    ("key_ordinal".into(), ColType::Int(1)),
                    ("column_id".into(), ColType::Int(4)),
                    ("max_length".into(), ColType::Int(2)),
                    ("is_identity".into(), ColType::Bit),
                    ("is_computed".into(), ColType::Bit),
                    ("definition".into(), ColType::NVarChar),
                ],
                rows,
            }]);
        }
        if let Some(inst) = lower
            .split(".cdc.[")
            .nth(1)
            .and_then(|r| r.split("_ct]").next())
        {
            return self.changes(inst, &lower, s);
        }
        // paged by the key (`… ORDER BY [key]`) or the whole table (no order)
        if lower.starts_with("select")
            && (lower.contains(" order by ") || !lower.contains(" where "))
        {
            return self.read_table(&lower, session.as_of, s);
        }
        err(s)
    }

    fn max_lsn_if_asked(&self, lower: &str) -> Answer {
        if !lower.contains("fn_cdc_get_max_lsn") {
            return Ok(vec![]);
        }
        let cell = if self.lsn == 0 {
            Cell::Null
        } else {
            Cell::Bytes(lsn(self.lsn, 1))
        };
        one("lsn", ColType::Binary(10), cell)
    }

    /// The tables `id` holds locks on, in the order it took them.
    fn locks_of(&self, id: u64) -> Vec<String> {
        let mut mine: Vec<(usize, String)> = self
            .locks
            .iter()
            .filter(|(_, s)| **s == id)
            .filter_map(|(t, _)| {
                let at = self
                    .locking_log
                    .iter()
                    .rposition(|l| *l == format!("tablockx {t}"))?;
                Some((at, t.clone()))
            })
            .collect();
        mine.sort();
        mine.into_iter().map(|(_, t)| t).collect()
    }

    /// The table and capture instance named `inst` (lower-case).
    fn capture(&self, inst: &str) -> Option<(&Table, &Capture)> {
        self.tables.values().find_map(|t| {
            t.captures
                .iter()
                .find(|c| c.name.to_ascii_lowercase() == inst)
                .map(|c| (t, c))
        })
    }

    /// The model's name of the table a statement names as `[db].[schema].[table]`.
    fn table_key(&self, lower: &str) -> Option<String> {
        self.tables.iter().find_map(|(name, t)| {
            let q = format!(
                "[{}].[{}].[{}]",
                self.name.to_ascii_lowercase(),
                t.schema.to_ascii_lowercase(),
                name.to_ascii_lowercase()
            );
            lower.contains(&q).then(|| name.clone())
        })
    }

    /// The table a statement names as `[db].[schema].[table]`.
    fn table_named(&self, lower: &str) -> Option<&Table> {
        self.table_key(lower).and_then(|k| self.tables.get(&k))
    }

    /// `SELECT <cols> FROM [db].[schema].[table] [WHERE [key] > a [AND [key] <= b]] ORDER BY
    /// [key]`, as of the open transaction's LSN.
    fn read_table(&self, lower: &str, as_of: Option<u32>, sql: &str) -> Answer {
        let Some(t) = self.table_named(lower) else {
            return err(sql);
        };
        if let Some(e) = clr_uncast(t, lower, "") {
            return Err(e);
        }
        let at = as_of.unwrap_or(self.lsn);
        let bound = |op: &str| -> Option<i64> {
            lower
                .split(op)
                .nth(1)
                .and_then(|r| r.split_whitespace().next())
                .and_then(|v| v.trim_matches(|c| c == '(' || c == ')').parse().ok())
        };
        let after = bound("] > ");
        let upto = bound("] <= ");
        let top: usize = lower
            .split("top (")
            .nth(1)
            .and_then(|r| r.split(')').next())
            .and_then(|v| v.trim().parse().ok())
            .unwrap_or(usize::MAX);
        let rows = t
            .rows
            .range(after.map_or(i64::MIN, |a| a.saturating_add(1))..)
            .take_while(|(k, _)| upto.is_none_or(|b| **k <= b))
            .filter_map(|(_, versions)| {
                versions
                    .iter()
                    .rev()
                    .find(|(n, _)| *n <= at)
                    .and_then(|(_, r)| r.clone())
            })
            .take(top)
            .collect();
        Ok(vec![ResultSet {
            columns: t
                .columns
                .iter()
                .map(|c| (c.name.clone(), col_type(&c.ty)))
                .collect(),
            rows,
        }])
    }

    /// The change rows of capture instance `inst` with `__$start_lsn` between the two LSN
    /// literals (`>= 0x.. AND ... <= 0x..`), in (start_lsn, seqval, operation) order, each with
    /// its commit time.
    fn changes(&self, inst: &str, lower: &str, sql: &str) -> Answer {
        let Some((t, cap)) = self.capture(inst) else {
            return Err((208, format!("Invalid object name 'cdc.{inst}_CT'.")));
        };
        if let Some(e) = clr_uncast(t, lower, "cd.") {
            return Err(e);
        }
        let lsns: Vec<(u32, u16)> = lower
            .match_indices("0x")
            .filter_map(|(i, _)| parse_lsn(&lower[i..(i + 22).min(lower.len())]))
            .collect();
        // `>= from AND <= to`, then optionally the page's "after (commit, seqval, operation)"
        let (Some(from), Some(to)) = (lsns.first(), lsns.get(1)) else {
            return err(sql);
        };
        let after = match (lsns.get(2), lsns.get(4)) {
            (Some(c), Some(sq)) => {
                let op: u8 = lower
                    .split("[__$operation] > ")
                    .nth(1)
                    .and_then(|r| r.split(|ch: char| !ch.is_ascii_digit()).next())
                    .and_then(|v| v.parse().ok())
                    .unwrap_or(0);
                Some((c.0, u32::from(sq.1), op))
            }
            _ => None,
        };
        let top: usize = lower
            .split("top (")
            .nth(1)
            .and_then(|r| r.split(')').next())
            .and_then(|v| v.trim().parse().ok())
            .unwrap_or(usize::MAX);
        let time = |n: u32| {
            self.lsn_time
                .iter()
                .find(|(c, _)| *c == n)
                .map_or(Cell::Null, |(_, ms)| Cell::Millis(*ms))
        };
        let start = cap.changes.partition_point(|c| c.0 < from.0);
        let rows: Vec<Vec<Cell>> = cap.changes[start..]
            .iter()
            .take_while(|(n, ..)| *n <= to.0)
            .filter(|(n, seq, op, _)| after.is_none_or(|a| (*n, *seq, *op) > a))
            .take(top)
            .map(|(n, seq, op, row)| {
                let mut r = vec![
                    Cell::Bytes(lsn(*n, 1)),
                    Cell::Bytes(lsn(*n, *seq as u16)),
                    Cell::Int((*op).into()),
                ];
                r.extend(row.iter().cloned());
                r.push(time(*n));
                r
            })
            .collect();
        // appended in (commit, seqval, operation) order already
        let mut columns = vec![
            ("__$start_lsn".to_string(), ColType::Binary(10)),
            ("__$seqval".to_string(), ColType::Binary(10)),
            ("__$operation".to_string(), ColType::Int(4)),
        ];
        columns.extend(
            cap.columns
                .iter()
                .map(|c| (c.name.clone(), col_type(&c.ty))),
        );
        columns.push(("__$commit_time".into(), ColType::DateTime));
        Ok(vec![ResultSet { columns, rows }])
    }
}

/// The model as a matrix database ([`crate::matrix::SourceDb`]): the matrix's statements
/// (`CREATE TABLE`, the writer's `UPDATE … SET version = version + 1 WHERE id IN (…)`,
/// `DELETE … WHERE id = …`, `INSERT … VALUES …`, one transaction per batch, and the
/// `SELECT CONCAT(id, ':', version)` read-back) are applied to the model; every created table gets
/// a capture instance at once. Statements outside that set panic with the statement, so a
/// scenario the model cannot play fails loudly instead of passing emptily.
pub struct ModelDb {
    pub model: SqlServerModel,
}

impl ModelDb {
    pub fn start() -> ModelDb {
        ModelDb {
            model: SqlServerModel::start("inv"),
        }
    }

    /// Evaluates one value expression of an insert for series value `g`.
    fn eval(expr: &str, g: i64) -> Cell {
        let e = expr.trim();
        if let Some(rest) = e.strip_prefix("REPEAT(") {
            let inner = rest.trim_end_matches(')');
            let (ch, n) = inner.split_once(',').expect("REPEAT('c', n)");
            let ch = ch.trim().trim_matches('\'');
            return Cell::Text(ch.repeat(n.trim().parse().expect("count")));
        }
        if let Some(s) = e.strip_prefix('\'') {
            return Cell::Text(s.trim_end_matches('\'').to_string());
        }
        let e = e.replace("$g", &g.to_string());
        let v: i64 = match e.split_once('*') {
            Some((a, b)) => a.trim().parse::<i64>().unwrap() * b.trim().parse::<i64>().unwrap(),
            None => e
                .parse()
                .unwrap_or_else(|_| panic!("model: expression `{expr}`")),
        };
        Cell::Int(v)
    }

    fn table_cols(&self, table: &str) -> Vec<String> {
        let db = self.model.db.lock().unwrap();
        db.tables[table]
            .columns
            .iter()
            .map(|c| c.name.clone())
            .collect()
    }

    /// `(a, b, c)` → cells.
    fn tuple(text: &str) -> Vec<Cell> {
        text.trim()
            .trim_start_matches('(')
            .trim_end_matches(')')
            .split(',')
            .map(|v| Self::eval(v, 0))
            .collect()
    }

    fn ids(list: &str) -> Vec<i64> {
        list.trim()
            .trim_start_matches('(')
            .trim_end_matches(')')
            .split(',')
            .filter_map(|v| v.trim().parse().ok())
            .collect()
    }

    /// Applies statements (`;`-separated, one transaction) and returns any SELECT's rows.
    fn apply(&self, sql: &str) -> String {
        let mut changes: Vec<Change> = Vec::new();
        let mut out = String::new();
        // rows as this transaction sees them
        let mut view: BTreeMap<String, BTreeMap<i64, Vec<Cell>>> = BTreeMap::new();
        for stmt in sql.split(';').map(str::trim).filter(|s| !s.is_empty()) {
            let upper = stmt.to_ascii_uppercase();
            if upper == "BEGIN" || upper == "COMMIT" {
                continue;
            }
            if upper.starts_with("-- SERIES ") {
                // -- series <table> | <cols> | <row> | <from> | <to>
                let parts: Vec<&str> = stmt[10..].split(" | ").collect();
                let (table, row, from, to) = (
                    parts[0].trim(),
                    parts[2],
                    parts[3].trim().parse::<i64>().unwrap(),
                    parts[4].trim().parse::<i64>().unwrap(),
                );
                let exprs: Vec<&str> = split_top(row);
                let rows: Vec<Change> = (from..=to)
                    .map(|g| {
                        Change::Insert(
                            table.to_string(),
                            exprs.iter().map(|e| Self::eval(e, g)).collect(),
                        )
                    })
                    .collect();
                for chunk in rows.chunks(1000) {
                    self.model.transaction(chunk);
                }
                continue;
            }
            if upper.starts_with("CREATE TABLE ") {
                let name = stmt[13..].split_whitespace().next().unwrap().to_string();
                let body = &stmt[stmt.find('(').unwrap() + 1..stmt.rfind(')').unwrap()];
                let mut cols = Vec::new();
                let mut key = String::new();
                for def in split_top(body) {
                    let words: Vec<&str> = def.split_whitespace().collect();
                    let u = def.to_ascii_uppercase();
                    let ty = match words[1].to_ascii_uppercase().split('(').next().unwrap() {
                        "BIGINT" => "bigint",
                        "INT" | "INTEGER" => "int",
                        _ => "nvarchar",
                    };
                    if u.contains("PRIMARY KEY") {
                        key = words[0].to_string();
                    }
                    cols.push(Column {
                        name: words[0].to_string(),
                        ty: ty.to_string(),
                        nullable: !u.contains("NOT NULL") && !u.contains("PRIMARY KEY"),
                    });
                }
                assert!(
                    !key.is_empty(),
                    "model: tables need an integer primary key: {stmt}"
                );
                self.model.create_table("dbo", &name, &cols, &key);
                self.model.enable_cdc(&name);
                continue;
            }
            let table_of =
                |after: &str| -> String { after.split_whitespace().next().unwrap().to_string() };
            if let Some(rest) = stmt.strip_prefix("SELECT CONCAT(id, ':', version) FROM ") {
                let table = table_of(rest);
                for (id, row) in self.model.rows(&table) {
                    if let Cell::Int(v) = row[1] {
                        out.push_str(&format!("{id}:{v}\n"));
                    }
                }
                continue;
            }
            if let Some(rest) = stmt.strip_prefix("UPDATE ") {
                let table = table_of(rest);
                let cols = self.table_cols(&table);
                let rows = view
                    .entry(table.clone())
                    .or_insert_with(|| self.model.rows(&table));
                let (set, cond) = rest
                    .split_once(" SET ")
                    .and_then(|(_, r)| r.split_once(" WHERE "))
                    .expect("UPDATE t SET ... WHERE ...");
                let selected: Vec<i64> = rows
                    .keys()
                    .copied()
                    .filter(|id| where_id(cond, *id))
                    .collect();
                for id in selected {
                    let old = rows.remove(&id).expect("selected row");
                    let mut new = old.clone();
                    for assign in split_top(set) {
                        let (col, expr) = assign.split_once('=').expect("col = expr");
                        let i = cols
                            .iter()
                            .position(|c| c == col.trim())
                            .unwrap_or_else(|| panic!("model: no column {col}"));
                        new[i] = assign_value(expr, &old[i]);
                    }
                    let Cell::Int(new_id) = new[0] else {
                        panic!("model: integer key first")
                    };
                    if new_id == id {
                        changes.push(Change::Update(table.clone(), new.clone()));
                    } else {
                        // a key update is a split update: CDC records a delete and an insert
                        changes.push(Change::Delete(table.clone(), id));
                        changes.push(Change::Insert(table.clone(), new.clone()));
                    }
                    rows.insert(new_id, new);
                }
                continue;
            }
            if let Some(rest) = stmt.strip_prefix("DELETE FROM ") {
                let table = table_of(rest);
                let rows = view
                    .entry(table.clone())
                    .or_insert_with(|| self.model.rows(&table));
                let (_, v) = rest.rsplit_once('=').expect("WHERE id = n");
                for id in Self::ids(v) {
                    if rows.remove(&id).is_some() {
                        changes.push(Change::Delete(table.clone(), id));
                    }
                }
                continue;
            }
            if let Some(rest) = stmt.strip_prefix("INSERT INTO ") {
                let table = table_of(rest);
                let cols: Vec<String> = rest[rest.find('(').unwrap() + 1..rest.find(')').unwrap()]
                    .split(',')
                    .map(|c| c.trim().to_string())
                    .collect();
                let all = self.table_cols(&table);
                let values = &rest[rest.find("VALUES").expect("VALUES") + 6..];
                let rows = view
                    .entry(table.clone())
                    .or_insert_with(|| self.model.rows(&table));
                for tuple in split_top(values) {
                    let given = Self::tuple(tuple);
                    let row: Vec<Cell> = all
                        .iter()
                        .map(|c| {
                            cols.iter()
                                .position(|x| x == c)
                                .map_or(Cell::Null, |i| given[i].clone())
                        })
                        .collect();
                    let Cell::Int(id) = row[0] else {
                        panic!("model: integer key first")
                    };
                    rows.insert(id, row.clone());
                    changes.push(Change::Insert(table.clone(), row));
                }
                continue;
            }
            panic!("the SQL Server model cannot play this matrix statement: {stmt}");
        }
        if !changes.is_empty() {
            self.model.transaction(&changes);
        }
        out
    }
}

/// Whether `id` satisfies the matrix's WHERE forms on `id`: `= n`, `<= n`, `IN (…)`,
/// `BETWEEN a AND b`.
fn where_id(cond: &str, id: i64) -> bool {
    let c = cond.trim();
    let rest = c.strip_prefix("id").expect("model: WHERE on id").trim();
    let num = |t: &str| -> i64 { t.trim().parse().unwrap_or_else(|_| panic!("model: `{t}`")) };
    if let Some(v) = rest.strip_prefix("<=") {
        id <= num(v)
    } else if let Some(v) = rest.strip_prefix(">=") {
        id >= num(v)
    } else if let Some(v) = rest.strip_prefix('=') {
        id == num(v)
    } else if let Some(v) = rest.strip_prefix("IN") {
        ModelDb::ids(v).contains(&id)
    } else if let Some(v) = rest.strip_prefix("BETWEEN") {
        let (a, b) = v.split_once(" AND ").expect("BETWEEN a AND b");
        (num(a)..=num(b)).contains(&id)
    } else {
        panic!("model: WHERE `{cond}`")
    }
}

/// `col + k`, `col - k` or a literal, applied to the old value.
fn assign_value(expr: &str, old: &Cell) -> Cell {
    let e = expr.trim();
    let delta = |op: char| -> Option<i64> {
        e.split_once(op)
            .and_then(|(_, k)| k.trim().parse::<i64>().ok())
            .map(|k| if op == '-' { -k } else { k })
    };
    match (old, delta('+').or_else(|| delta('-'))) {
        (Cell::Int(v), Some(d)) if !e.starts_with('\'') => Cell::Int(v + d),
        _ => ModelDb::eval(e, 0),
    }
}

/// Splits on commas outside parentheses and quotes.
fn split_top(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let (mut depth, mut quoted, mut start) = (0i32, false, 0usize);
    for (i, c) in s.char_indices() {
        match c {
            '\'' => quoted = !quoted,
            '(' if !quoted => depth += 1,
            ')' if !quoted => depth -= 1,
            ',' if !quoted && depth == 0 => {
                out.push(s[start..i].trim());
                start = i + 1;
            }
            _ => {}
        }
    }
    if !s[start..].trim().is_empty() {
        out.push(s[start..].trim());
    }
    out
}

impl crate::matrix::SourceDb for ModelDb {
    fn name(&self) -> &'static str {
        "sqlserver_model"
    }
    fn sql(&self, sql: &str) -> String {
        self.apply(sql)
    }
    fn source_yaml(&self, tables: &[&str], extra: &str) -> String {
        let list: Vec<String> = tables.iter().map(|t| format!("dbo.{t}")).collect();
        format!(
            "source:\n  type: sqlserver\n  hostname: 127.0.0.1\n  port: {}\n  user: sa\n  password: pw\n  \
             database_names: [inv]\n  encrypt: false\n  snapshot_isolation_mode: snapshot\n  \
             topic_prefix: {}\n  poll_interval_ms: 50\n  table_include_list: [{}]\n{extra}",
            self.model.port,
            crate::matrix::PREFIX,
            list.join(", ")
        )
    }
    fn stream(&self, table: &str) -> String {
        format!("{}.inv.dbo.{table}", crate::matrix::PREFIX)
    }
    fn qualified(&self, table: &str) -> String {
        format!("dbo.{table}")
    }
    fn offset_field(&self) -> String {
        format!(
            r#"["redis",{{"server":"{}","database":"inv"}}]"#,
            crate::matrix::PREFIX
        )
    }
    fn insert_series(&self, table: &str, cols: &str, row: &str, from: i64, to: i64) -> String {
        format!("-- series {table} | {cols} | {row} | {from} | {to}")
    }
    fn no_snapshot_locks(&self) -> &'static str {
        ""
    }
    fn after_create(&self, _table: &str) -> String {
        String::new()
    }
    fn sql_file(&self, path: &std::path::Path) {
        panic!(
            "the SQL Server model has no golden workloads ({})",
            path.display()
        )
    }
    fn workload(&self) -> &'static str {
        "sqlserver"
    }
    fn golden_properties(
        &self,
        _redis: &crate::redis_server::RedisServer,
        _profile: &str,
        _extra: &str,
    ) -> String {
        panic!("the SQL Server model has no golden run")
    }
}
