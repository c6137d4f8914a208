//! The scenario matrix: one adapter per source database, so the same scenario runs on every
//! source under the same name. Adding a database to the matrix means implementing
//! [`SourceDb`] for its harness server, not copying scenario files.
//!
//! The adapter covers what differs between databases: how the server is started, how SQL is run,
//! the collector's `source:` section, the stream name of a table, and the few statements whose
//! dialect differs (bulk inserts). What does not differ — the offsets hash, reading streams,
//! replaying events — lives here once.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::mariadb::{MariaDb, Server, CDC_PASSWORD, CDC_USER};
use crate::postgres::Postgres;
use crate::redis_server::RedisServer;
use crate::streams;

/// Debezium Server's offsets hash.
pub const OFFSETS: &str = "metadata:debezium:offsets";
/// The topic prefix every matrix scenario uses.
pub const PREFIX: &str = "dbserver1";

/// A source database under test.
pub trait SourceDb: Sync {
    /// `postgres`, `mariadb`, ...: printed in failures.
    fn name(&self) -> &'static str;
    /// Runs SQL (one or more statements) in the captured database; returns the text output, one
    /// row a line, columns separated by tabs.
    fn sql(&self, sql: &str) -> String;
    /// The collector's `source:` section (indented two spaces) capturing `tables` of the
    /// captured database, with `extra` lines appended.
    fn source_yaml(&self, tables: &[&str], extra: &str) -> String;
    /// The stream a table's events go to (server profile).
    fn stream(&self, table: &str) -> String;
    /// A table's name as Debezium's options qualify it (`schema.table`, `db.table`).
    fn qualified(&self, table: &str) -> String;
    /// The field of the offsets hash (Debezium's partition).
    fn offset_field(&self) -> String {
        format!(r#"["redis",{{"server":"{PREFIX}"}}]"#)
    }
    /// `INSERT INTO table (cols) SELECT <row> ...` for each integer `$g` in `from..=to`, where
    /// `row` is an SQL expression list using the placeholder `$g`.
    fn insert_series(&self, table: &str, cols: &str, row: &str, from: i64, to: i64) -> String;
    /// The `source:` line of a snapshot without locks ("" where the source takes none anyway).
    fn no_snapshot_locks(&self) -> &'static str;
    /// Runs an SQL file in the captured database.
    fn sql_file(&self, path: &std::path::Path);
    /// The source's name under `testdata/workload/` and `testdata/envelopes/` (`pg`, `mysql`);
    /// also the prefix of its workload files (`pg_types.sql`, `pg_dml.sql`).
    fn workload(&self) -> &'static str;
    /// Debezium Server's `application.properties` as the golden harness ran it
    /// (`shared/debezium-reference/dbz_run.py`), for `profile` server or rdi, plus `extra`.
    fn golden_properties(&self, redis: &RedisServer, profile: &str, extra: &str) -> String;
    /// Statements run after the table is created (e.g. Postgres `REPLICA IDENTITY FULL`, so
    /// deletes and updates carry the whole before image everywhere).
    fn after_create(&self, table: &str) -> String;
}

impl SourceDb for Postgres {
    fn name(&self) -> &'static str {
        "postgres"
    }
    fn sql(&self, sql: &str) -> String {
        self.psql(sql).replace('|', "\t")
    }
    fn source_yaml(&self, tables: &[&str], extra: &str) -> String {
        let list: Vec<String> = tables.iter().map(|t| format!("public.{t}")).collect();
        format!(
            "source:\n  type: postgresql\n  hostname: 127.0.0.1\n  port: {}\n  user: postgres\n  dbname: inventory\n  \
             topic_prefix: {PREFIX}\n  slot_name: redcdc_test\n  table_include_list: [{}]\n{extra}",
            self.port,
            list.join(", ")
        )
    }
    fn stream(&self, table: &str) -> String {
        format!("{PREFIX}.public.{table}")
    }
    fn qualified(&self, table: &str) -> String {
        format!("public.{table}")
    }
    fn insert_series(&self, table: &str, cols: &str, row: &str, from: i64, to: i64) -> String {
        format!(
            "INSERT INTO {table} ({cols}) SELECT {} FROM generate_series({from}, {to}) g",
            row.replace("$g", "g")
        )
    }
    fn after_create(&self, table: &str) -> String {
        format!("ALTER TABLE {table} REPLICA IDENTITY FULL")
    }
    fn sql_file(&self, path: &std::path::Path) {
        self.psql_file(path)
    }
    fn workload(&self) -> &'static str {
        "pg"
    }
    fn golden_properties(&self, redis: &RedisServer, profile: &str, extra: &str) -> String {
        let mut p = format!(
            "debezium.sink.type=redis\n\
             debezium.sink.redis.address=127.0.0.1:{rp}\n\
             debezium.source.connector.class=io.debezium.connector.postgresql.PostgresConnector\n\
             debezium.source.offset.storage=io.debezium.storage.redis.offset.RedisOffsetBackingStore\n\
             debezium.source.offset.flush.interval.ms=10000\n\
             debezium.source.database.hostname=127.0.0.1\n\
             debezium.source.database.port={pp}\n\
             debezium.source.database.user=postgres\n\
             debezium.source.database.password=postgres\n\
             debezium.source.database.dbname=inventory\n\
             debezium.source.topic.prefix={PREFIX}\n\
             debezium.source.plugin.name=pgoutput\n\
             debezium.source.slot.name=dbz_harness\n\
             debezium.source.publication.name=dbz_publication\n\
             debezium.source.publication.autocreate.mode=all_tables\n\
             debezium.source.schema.include.list=public\n\
             debezium.source.snapshot.mode=initial\n\
             debezium.source.skipped.operations=none\n",
            rp = redis.port,
            pp = self.port
        );
        if profile == "rdi" {
            p.push_str(crate::RDI_PROFILE_PROPERTIES);
        }
        p.push_str(extra);
        p
    }
    fn no_snapshot_locks(&self) -> &'static str {
        ""
    }
}

impl SourceDb for MariaDb {
    fn name(&self) -> &'static str {
        match self.server {
            Server::MariaDb => "mariadb",
            Server::MySql => "mysql",
        }
    }
    fn sql(&self, sql: &str) -> String {
        MariaDb::sql(self, sql)
    }
    fn source_yaml(&self, tables: &[&str], extra: &str) -> String {
        let list: Vec<String> = tables.iter().map(|t| format!("inventory.{t}")).collect();
        format!(
            "source:\n  type: {}\n  hostname: {}\n  port: {}\n  user: {CDC_USER}\n  password: {CDC_PASSWORD}\n  \
             server_id: 5400\n  topic_prefix: {PREFIX}\n  database_include_list: [inventory]\n  table_include_list: [{}]\n{extra}",
            self.name(),
            self.host,
            self.port,
            list.join(", ")
        )
    }
    fn stream(&self, table: &str) -> String {
        format!("{PREFIX}.inventory.{table}")
    }
    fn qualified(&self, table: &str) -> String {
        format!("inventory.{table}")
    }
    fn insert_series(&self, table: &str, cols: &str, row: &str, from: i64, to: i64) -> String {
        match self.server {
            // MariaDB's sequence engine
            Server::MariaDb => format!(
                "INSERT INTO {table} ({cols}) SELECT {} FROM seq_{from}_to_{to}",
                row.replace("$g", "seq")
            ),
            // MySQL has none: a recursive CTE (the harness raises cte_max_recursion_depth)
            Server::MySql => format!(
                "INSERT INTO {table} ({cols}) WITH RECURSIVE s (g) AS (SELECT CAST({from} AS SIGNED) \
                 UNION ALL SELECT g + 1 FROM s WHERE g < {to}) SELECT {} FROM s",
                row.replace("$g", "g")
            ),
        }
    }
    fn after_create(&self, _table: &str) -> String {
        String::new()
    }
    fn sql_file(&self, path: &std::path::Path) {
        MariaDb::sql_file(self, path)
    }
    fn workload(&self) -> &'static str {
        "mysql"
    }
    fn golden_properties(&self, redis: &RedisServer, profile: &str, extra: &str) -> String {
        let mut p = format!(
            "debezium.sink.type=redis\n\
             debezium.sink.redis.address=127.0.0.1:{rp}\n\
             debezium.source.connector.class=io.debezium.connector.mysql.MySqlConnector\n\
             debezium.source.offset.storage=io.debezium.storage.redis.offset.RedisOffsetBackingStore\n\
             debezium.source.schema.history.internal=io.debezium.storage.redis.history.RedisSchemaHistory\n\
             debezium.source.database.hostname={mh}\n\
             debezium.source.database.port={mp}\n\
             debezium.source.database.user={CDC_USER}\n\
             debezium.source.database.password={CDC_PASSWORD}\n\
             debezium.source.database.server.id=184054\n\
             debezium.source.topic.prefix={PREFIX}\n\
             debezium.source.database.include.list=inventory\n\
             debezium.source.include.schema.changes=true\n\
             debezium.source.snapshot.mode=initial\n\
             debezium.source.skipped.operations=none\n",
            rp = redis.port,
            mh = self.host,
            mp = self.port
        );
        if profile == "rdi" {
            p.push_str(crate::RDI_PROFILE_PROPERTIES);
        }
        p.push_str(extra);
        p
    }
    fn no_snapshot_locks(&self) -> &'static str {
        "  snapshot_locking_mode: none\n"
    }
}

/// A complete collector config: the adapter's source section and a sink on `redis`.
pub fn config(db: &dyn SourceDb, redis: &RedisServer, tables: &[&str], extra: &str) -> String {
    format!(
        "{}sink:\n  address: 127.0.0.1:{}\n  batch_size: 200\n",
        db.source_yaml(tables, extra),
        redis.port
    )
}

/// The stored offset, parsed.
pub fn offset(db: &dyn SourceDb, redis: &RedisServer) -> Option<Value> {
    let mut c = redis.conn();
    let v: Option<String> = redis::cmd("HGET")
        .arg(OFFSETS)
        .arg(db.offset_field())
        .query(&mut c)
        .ok()?;
    serde_json::from_str(&v?).ok()
}

/// Whether the stored offset says the snapshot is complete (Debezium's markers: no `snapshot`
/// key, or `snapshot_completed: true`).
pub fn snapshot_done(db: &dyn SourceDb, redis: &RedisServer) -> bool {
    offset(db, redis).is_some_and(|o| {
        o.get("snapshot").is_none() || o.get("snapshot_completed") == Some(&Value::Bool(true))
    })
}

/// The values of every entry of a stream (tombstones skipped), in stream order.
pub fn values(redis: &RedisServer, stream: &str) -> Vec<Value> {
    let mut c = redis.conn();
    streams::read(&mut c, stream)
        .iter()
        .filter_map(|(_, f)| streams::entry_value(f))
        .collect()
}

/// One change event reduced to what the history checks need.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    pub op: String,
    pub id: i64,
    /// The `version` column of the before image (None when absent).
    pub before: Option<i64>,
    /// The `version` column of the after image.
    pub after: Option<i64>,
}

/// The changes of a stream whose rows have an integer `id` and an integer `version` column.
pub fn changes(redis: &RedisServer, stream: &str) -> Vec<Change> {
    values(redis, stream)
        .iter()
        .map(|v| {
            let op = v["op"].as_str().expect("op").to_string();
            let row = if op == "d" { &v["before"] } else { &v["after"] };
            Change {
                // a truncate carries no row
                id: if op == "t" {
                    0
                } else {
                    row["id"].as_i64().expect("id")
                },
                op,
                before: v["before"]["version"].as_i64(),
                after: v["after"]["version"].as_i64(),
            }
        })
        .collect()
}

/// Checks every row's event history: it starts with its `r` (snapshot) or `c` (version 0); each
/// `u` carries exactly the next version (and the previous one as before image); a `d` ends it
/// and carries the last version. Returns the replayed state id → version. Panics naming the
/// first rows whose history has a repeated, missing or out-of-order event.
pub fn check_histories(changes: &[Change]) -> BTreeMap<i64, i64> {
    let mut state: BTreeMap<i64, Option<i64>> = BTreeMap::new();
    let mut errors: Vec<String> = Vec::new();
    for (i, c) in changes.iter().enumerate() {
        if c.op == "t" {
            // every row of the table is gone
            for v in state.values_mut() {
                *v = None;
            }
            continue;
        }
        let prev = state.get(&c.id).copied();
        let problem = match (c.op.as_str(), prev) {
            ("r", None) => None,
            ("c", None) if c.after == Some(0) => None,
            ("c", None) => Some(format!("created with version {:?}, not 0", c.after)),
            ("r" | "c", Some(Some(v))) => Some(format!("{} again after version {v}", c.op)),
            ("r" | "c", Some(None)) => {
                Some(format!("{} after its delete (ids are never reused)", c.op))
            }
            ("u", Some(Some(v))) if c.after == Some(v + 1) && c.before == Some(v) => None,
            ("u", Some(Some(v))) => Some(format!(
                "update {:?} -> {:?} after version {v} (want {v} -> {})",
                c.before,
                c.after,
                v + 1
            )),
            ("d", Some(Some(v))) if c.before == Some(v) => None,
            ("d", Some(Some(v))) => Some(format!(
                "delete of version {:?} after version {v}",
                c.before
            )),
            (op, Some(None)) => Some(format!("{op} after its delete")),
            (op, None) => Some(format!("{op} before any r or c (its history is missing)")),
            (op, Some(Some(_))) => Some(format!("unexpected op {op}")),
        };
        if let Some(p) = problem {
            if errors.len() < 10 {
                errors.push(format!("entry {i}, id {}: {p}", c.id));
            }
        }
        let next = match c.op.as_str() {
            "d" => None,
            _ => c.after,
        };
        state.insert(c.id, next);
    }
    assert!(
        errors.is_empty(),
        "event histories broken ({} entries):\n{}",
        changes.len(),
        errors.join("\n")
    );
    state
        .into_iter()
        .filter_map(|(id, v)| v.map(|v| (id, v)))
        .collect()
}

/// The table's rows id → version.
pub fn table_versions(db: &dyn SourceDb, table: &str) -> BTreeMap<i64, i64> {
    db.sql(&format!(
        "SELECT CONCAT(id, ':', version) FROM {table} ORDER BY id"
    ))
    .lines()
    .filter(|l| !l.is_empty())
    .map(|l| {
        let (a, b) = l.split_once(':').expect("id:version");
        (a.parse().expect("id"), b.parse().expect("version"))
    })
    .collect()
}

/// A small deterministic generator (seed printed by the scenarios so a failure replays).
pub struct Lcg(pub u64);

impl Lcg {
    pub fn next(&mut self, below: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % below.max(1)
    }
}

/// A seed from the clock, printed.
pub fn seed(what: &str) -> u64 {
    let s = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .subsec_nanos() as u64;
    eprintln!("{what}: seed {s} (REDCDC_SEED={s} replays it)");
    std::env::var("REDCDC_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(s)
}
