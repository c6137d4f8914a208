//! The consistent initial read.
//!
//! Minimal locking (Debezium's default): `FLUSH TABLES WITH READ LOCK`, then a
//! `START TRANSACTION WITH CONSISTENT SNAPSHOT`, the binlog position and every table's
//! `SHOW CREATE TABLE`, then `UNLOCK TABLES` — the lock lasts only while the schema is read.
//! Rows are then read inside that transaction in primary-key order, streamed (never more
//! than one chunk in memory), and committed to Redis in chunks of `snapshot_fetch_size` with
//! the snapshot offset and our progress (last key read per table). After a crash the snapshot
//! resumes after the last committed key with a fresh transaction, and streaming starts from the
//! original binlog position, so changes made in between are replayed (events are full row
//! images: the stream converges to the source).

use std::collections::BTreeMap;
use std::sync::Arc;

use futures_util::StreamExt;
use mysql_async::prelude::Queryable;
use protocol::envelope::{Op, SnapshotMarker, Timestamp, ValueParts};
use protocol::offset::MySqlOffset;
use serde::{Deserialize, Serialize};
use tokio::sync::watch;

use super::client::{self, quote_ident};
use super::codec::MySource;
use super::position::{is_system_db, load_history, MyContext, StartPoint};
use super::table::{TableId, Tables};
use super::{ddl, history, MySqlError};
use crate::config::LockingMode;
use crate::emit::KeyRef;
use crate::error::CollectorError;
use crate::sink::{Batch, RedisSink, SideWrites, Writer};

const POINT_FIELD: &str = "__point";
const VIEW_FIELD: &str = "__view";

/// The binlog position the snapshot is consistent with.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct Point {
    pub file: String,
    pub pos: u64,
    pub gtids: Option<String>,
    pub ts_sec: i64,
}

/// One table's progress.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub(crate) struct TableProgress {
    pub done: bool,
    pub rows: u64,
    /// The primary key values (text) of the last committed row.
    pub last_key: Option<Vec<Option<String>>>,
    /// Key ranges already read and the view each was read in (after a resumed snapshot).
    #[serde(default)]
    pub segments: Vec<Segment>,
}

/// Rows with keys up to `upto` (inclusive, after the previous segment; None: to the end) were
/// read in a view consistent with binlog position `view`: their changes before `view` are in
/// the snapshot already and must not be streamed again.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct Segment {
    pub upto: Option<Vec<Option<String>>>,
    pub view: Point,
}

/// A snapshot in progress, as stored in Redis.
#[derive(Debug, Clone)]
pub(crate) struct Progress {
    pub point: Point,
    /// The view the last run read in (the original point unless a resume took a new one).
    pub view: Point,
    pub tables: BTreeMap<String, TableProgress>,
}

/// What streaming must not repeat after a resumed snapshot: per table, the segments read in
/// later views. Events at or after the last view are always emitted.
#[derive(Debug, Clone, Default)]
pub(crate) struct CatchUp {
    pub tables: std::collections::HashMap<TableId, Vec<Segment>>,
    pub until: Option<Point>,
}

/// Binlog position order: file (same base name, numbered) then position.
pub(crate) fn before(file: &str, pos: u64, p: &Point) -> bool {
    (file, pos) < (p.file.as_str(), p.pos)
}

impl CatchUp {
    /// Whether a change of the row with key `key_json` at binlog `file:pos` is new to the
    /// stream (not already part of the snapshot view its key range was read in).
    pub fn emit(&self, id: &TableId, key_json: Option<&str>, file: &str, pos: u64) -> bool {
        let Some(until) = &self.until else {
            return true;
        };
        if !before(file, pos, until) {
            return true;
        }
        let Some(segs) = self.tables.get(id) else {
            return true;
        };
        let key: Vec<serde_json::Value> = key_json
            .and_then(|k| {
                serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(k).ok()
            })
            .map(|m| m.into_iter().map(|(_, v)| v).collect())
            .unwrap_or_default();
        for seg in segs {
            let inside = match &seg.upto {
                None => true,
                Some(upto) => key_le(&key, upto),
            };
            if inside {
                return !before(file, pos, &seg.view);
            }
        }
        // beyond every range read: the key was inserted after the last view and belongs to
        // nothing read yet — stream it
        true
    }
}

/// `key <= upto`, comparing numbers numerically and text byte-wise.
fn key_le(key: &[serde_json::Value], upto: &[Option<String>]) -> bool {
    use std::cmp::Ordering;
    for (k, u) in key.iter().zip(upto) {
        let ord = match (k, u) {
            (serde_json::Value::Null, None) => Ordering::Equal,
            (serde_json::Value::Null, Some(_)) => Ordering::Less,
            (_, None) => Ordering::Greater,
            (serde_json::Value::Number(n), Some(s)) => match (n.as_f64(), s.parse::<f64>()) {
                (Some(a), Ok(b)) if n.is_i64() || n.is_u64() => {
                    match (n.as_i64(), s.parse::<i64>()) {
                        (Some(a), Ok(b)) => a.cmp(&b),
                        _ => a.partial_cmp(&b).unwrap_or(Ordering::Equal),
                    }
                }
                (Some(a), Ok(b)) => a.partial_cmp(&b).unwrap_or(Ordering::Equal),
                _ => Ordering::Equal,
            },
            (serde_json::Value::String(a), Some(b)) => a.as_bytes().cmp(b.as_bytes()),
            (other, Some(b)) => other.to_string().as_bytes().cmp(b.as_bytes()),
        };
        match ord {
            Ordering::Less => return true,
            Ordering::Greater => return false,
            Ordering::Equal => {}
        }
    }
    true
}

pub(crate) fn progress_key(ctx: &MyContext) -> String {
    format!("metadata:redcdc:snapshot:{}", ctx.settings.topic_prefix())
}

pub(crate) async fn load_progress(
    ctx: &MyContext,
    sink: &mut RedisSink,
) -> Result<Option<Progress>, CollectorError> {
    let raw: BTreeMap<String, String> = sink
        .hgetall(&progress_key(ctx))
        .await?
        .into_iter()
        .collect();
    let Some(point): Option<Point> = raw
        .get(POINT_FIELD)
        .and_then(|p| serde_json::from_str(p).ok())
    else {
        return Ok(None);
    };
    let view: Point = raw
        .get(VIEW_FIELD)
        .and_then(|p| serde_json::from_str(p).ok())
        .unwrap_or_else(|| point.clone());
    let tables = raw
        .iter()
        .filter(|(k, _)| !k.starts_with("__"))
        .filter_map(|(k, v)| serde_json::from_str(v).ok().map(|p| (k.clone(), p)))
        .collect();
    Ok(Some(Progress {
        point,
        view,
        tables,
    }))
}

fn offset(point: &Point, snapshot: bool, with_gtids: bool) -> MySqlOffset {
    MySqlOffset {
        ts_sec: Some(point.ts_sec),
        file: point.file.clone(),
        pos: point.pos,
        gtids: if with_gtids {
            point.gtids.clone()
        } else {
            None
        },
        snapshot: snapshot.then(|| "INITIAL".to_string()),
        ..MySqlOffset::default()
    }
}

fn sql_err(e: mysql_async::Error, during: &str) -> MySqlError {
    MySqlError::from_driver(e, during)
}

/// The schema part: history records (and schema-change events) for every table of every
/// non-system database (rows are read only from captured tables), read while the lock is held.
async fn read_schema(
    ctx: &MyContext,
    conn: &mut mysql_async::Conn,
    point: &Point,
    side: &mut SideWrites,
    records: &mut Vec<protocol::envelope::Record>,
) -> Result<(Tables, Vec<TableId>), CollectorError> {
    let my = ctx.my();
    let dbs: Vec<String> = conn
        .query("SHOW DATABASES")
        .await
        .map_err(|e| sql_err(e, "SHOW DATABASES"))?;
    // Debezium's default (`schema.history.internal.store.only.captured.databases.ddl=false`):
    // the structure of every non-system database, captured or not
    let dbs: Vec<String> = dbs.into_iter().filter(|d| !is_system_db(d)).collect();
    let mut statements: Vec<(String, String)> = Vec::new();
    let (cs, coll): (String, String) = conn
        .query_first("SELECT @@character_set_server, @@collation_server")
        .await
        .map_err(|e| sql_err(e, "reading the server charset"))?
        .unwrap_or_default();
    statements.push((
        String::new(),
        format!("SET character_set_server={cs}, collation_server={coll}"),
    ));
    let mut captured = Vec::new();
    let mut per_db: Vec<(String, Vec<String>, String)> = Vec::new();
    for db in &dbs {
        let q = format!(
            "SHOW FULL TABLES IN {} WHERE Table_type = 'BASE TABLE'",
            quote_ident(db)
        );
        let rows: Vec<(String, String)> = conn
            .query(q)
            .await
            .map_err(|e| sql_err(e, "listing tables"))?;
        let mut names: Vec<String> = rows.into_iter().map(|(n, _)| n).collect();
        names.sort();
        let (dcs, dcoll): (String, String) = conn
            .exec_first(
                "SELECT DEFAULT_CHARACTER_SET_NAME, DEFAULT_COLLATION_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?",
                (db.clone(),),
            )
            .await
            .map_err(|e| sql_err(e, "reading the database charset"))?
            .unwrap_or_default();
        // a database without tables is not recorded (Debezium groups the tables by database)
        if !names.is_empty() {
            per_db.push((db.clone(), names, format!("CHARSET {dcs} COLLATE {dcoll}")));
        }
    }
    for (db, names, _) in &per_db {
        for t in names {
            statements.push((
                db.clone(),
                format!(
                    "DROP TABLE IF EXISTS {}.{}",
                    quote_ident(db),
                    quote_ident(t)
                ),
            ));
        }
    }
    for (db, names, charset) in &per_db {
        statements.push((
            db.clone(),
            format!("DROP DATABASE IF EXISTS {}", quote_ident(db)),
        ));
        statements.push((
            db.clone(),
            format!("CREATE DATABASE {} {charset}", quote_ident(db)),
        ));
        statements.push((db.clone(), format!("USE {}", quote_ident(db))));
        for t in names {
            let q = format!("SHOW CREATE TABLE {}.{}", quote_ident(db), quote_ident(t));
            let row: Option<(String, String)> = conn
                .query_first(q)
                .await
                .map_err(|e| sql_err(e, "SHOW CREATE TABLE"))?;
            if let Some((_, create)) = row {
                statements.push((db.clone(), create));
            }
            let id = TableId::new(db.clone(), t.clone());
            if ctx.captured(&id) {
                captured.push(id);
            }
        }
    }
    let mut tables = Tables::new();
    let with_gtids = ctx.with_gtids();
    let position = history::position_json(&offset(point, true, with_gtids));
    let sql_mode: Option<String> = conn
        .query_first("SELECT @@GLOBAL.sql_mode")
        .await
        .map_err(|e| sql_err(e, "reading sql_mode"))?;
    tables
        .ddl_state_mut()
        .set_variable(ddl::Scope::Global, "sql_mode", sql_mode.as_deref());
    for (db, stmt) in &statements {
        let applied = ddl::apply(&mut tables, db, stmt).map_err(|e| MySqlError::Schema {
            table: db.clone(),
            file: point.file.clone(),
            pos: point.pos,
            message: format!(
                "cannot read `{}`: {e}",
                stmt.chars().take(200).collect::<String>()
            ),
            fix: "report this table definition".into(),
        })?;
        for event in &applied.events {
            let ts_ms = Timestamp::now().millis();
            side.xadd.push((
                my.config.schema_history_key.clone(),
                history::HISTORY_FIELD.into(),
                history::event_record_json(ctx.settings.topic_prefix(), &position, ts_ms, event),
            ));
            if my.config.include_schema_changes {
                let mut source = String::new();
                MySource {
                    connector: my.flavor.connector(),
                    name: ctx.settings.topic_prefix(),
                    ts_ms,
                    snapshot: SnapshotMarker::True,
                    db: &event.database,
                    table: event.source_table.as_deref(),
                    server_id: 0,
                    gtid: None,
                    file: &point.file,
                    pos: point.pos,
                    row: 0,
                    thread: None,
                }
                .write_json(&mut source);
                records.push(ctx.schema_change_record(&source, ts_ms, event));
            }
        }
    }
    Ok((tables, captured))
}

/// Takes the lock (per `snapshot.locking.mode`), opens a consistent-snapshot transaction and
/// reads the binlog position it is consistent with (GTIDs filtered). The caller unlocks.
async fn open_view(
    ctx: &MyContext,
    conn: &mut mysql_async::Conn,
) -> Result<(String, u64, Option<String>), CollectorError> {
    lock(ctx, conn).await?;
    conn.query_drop("SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        .await
        .map_err(|e| sql_err(e, "setting the isolation level"))?;
    conn.query_drop("START TRANSACTION WITH CONSISTENT SNAPSHOT")
        .await
        .map_err(|e| sql_err(e, "starting the snapshot transaction"))?;
    let (file, pos, gtids) = client::binlog_end(conn, ctx.my().flavor, ctx.server.mariadb).await?;
    Ok((file, pos, ctx.filter_gtids(gtids)))
}

/// `never` / `no_data`: record the schema at the current end of the binlog, no rows.
pub(crate) async fn schema_only(
    ctx: &Arc<MyContext>,
    sink: &mut RedisSink,
) -> Result<(Tables, StartPoint), CollectorError> {
    let my = ctx.my();
    let mut conn = client::connect(&my.config).await?;
    lock(ctx, &mut conn).await?;
    let (file, pos, gtids) = client::binlog_end(&mut conn, my.flavor, ctx.server.mariadb).await?;
    let gtids = ctx.filter_gtids(gtids);
    let point = Point {
        file,
        pos,
        gtids,
        ts_sec: Timestamp::now().millis() / 1000,
    };
    let mut side = SideWrites::default();
    let mut records = Vec::new();
    let (tables, _) = read_schema(ctx, &mut conn, &point, &mut side, &mut records).await?;
    unlock(ctx, &mut conn).await?;
    let with_gtids = ctx.with_gtids();
    sink.commit(
        &records,
        Some(&offset(&point, false, with_gtids).to_json()),
        &side,
    )
    .await?;
    Ok((
        tables,
        StartPoint {
            file: point.file,
            pos: point.pos,
            gtids: point.gtids,
            skip_events: 0,
            skip_rows: 0,
            catch_up: Arc::default(),
        },
    ))
}

async fn lock(ctx: &MyContext, conn: &mut mysql_async::Conn) -> Result<(), CollectorError> {
    if ctx.my().config.snapshot_locking_mode == LockingMode::None {
        return Ok(());
    }
    conn.query_drop("FLUSH TABLES WITH READ LOCK").await.map_err(|e| match sql_err(e, "FLUSH TABLES WITH READ LOCK") {
        MySqlError::Server { code: 1227, message, .. } => MySqlError::Prerequisite {
            problem: message,
            fix: "GRANT RELOAD ON *.* TO the connector user (or snapshot.locking.mode none if no DDL runs during the snapshot)".into(),
        },
        o => o,
    })?;
    Ok(())
}

async fn unlock(ctx: &MyContext, conn: &mut mysql_async::Conn) -> Result<(), CollectorError> {
    if ctx.my().config.snapshot_locking_mode == LockingMode::None {
        return Ok(());
    }
    conn.query_drop("UNLOCK TABLES")
        .await
        .map_err(|e| sql_err(e, "UNLOCK TABLES"))?;
    Ok(())
}

/// Runs (or resumes) the snapshot; returns the schema and where streaming starts, or None on
/// shutdown.
pub(crate) async fn run(
    ctx: Arc<MyContext>,
    resume: Option<Progress>,
    shutdown: watch::Receiver<bool>,
) -> Result<Option<(Tables, StartPoint)>, CollectorError> {
    let my = ctx.my();
    let with_gtids = ctx.with_gtids();
    let mut sink = RedisSink::new(
        &ctx.settings.sink,
        &ctx.settings.profile,
        ctx.settings.topic_prefix(),
    )?;
    let pkey = progress_key(&ctx);
    let mut conn = client::connect(&my.config).await?;
    let extended = my.config.snapshot_locking_mode == LockingMode::Extended;
    let (tables, captured, point, view, mut progress) = match resume {
        None => {
            let (file, pos, gtids) = open_view(&ctx, &mut conn).await?;
            let point = Point {
                file,
                pos,
                gtids,
                ts_sec: Timestamp::now().millis() / 1000,
            };
            let mut side = SideWrites::default();
            let mut records = Vec::new();
            let (tables, captured) =
                read_schema(&ctx, &mut conn, &point, &mut side, &mut records).await?;
            if !extended {
                unlock(&ctx, &mut conn).await?;
            }
            side.hset.push((
                pkey.clone(),
                POINT_FIELD.into(),
                serde_json::to_string(&point).unwrap_or_default(),
            ));
            sink.commit(
                &records,
                Some(&offset(&point, true, with_gtids).to_json()),
                &side,
            )
            .await?;
            tracing::info!(file = %point.file, pos = point.pos, tables = captured.len(), "snapshot started");
            let view = point.clone();
            (tables, captured, point, view, BTreeMap::new())
        }
        Some(p) => {
            let (tables, _) = load_history(&mut sink, &my.config.schema_history_key, None).await?;
            // a new view, with the binlog position it is consistent with
            let (file, pos, gtids) = open_view(&ctx, &mut conn).await?;
            if !extended {
                unlock(&ctx, &mut conn).await?;
            }
            let view = Point {
                file,
                pos,
                gtids,
                ts_sec: Timestamp::now().millis() / 1000,
            };
            // close the key range each unfinished table read in the previous view
            let mut tables_progress = p.tables;
            let mut side = SideWrites::default();
            for (k, tp) in tables_progress.iter_mut() {
                if tp.done {
                    continue;
                }
                if let Some(last) = &tp.last_key {
                    if tp.segments.last().and_then(|s| s.upto.as_ref()) != Some(last) {
                        tp.segments.push(Segment {
                            upto: Some(last.clone()),
                            view: p.view.clone(),
                        });
                    }
                }
                side.hset.push((
                    pkey.clone(),
                    k.clone(),
                    serde_json::to_string(tp).unwrap_or_default(),
                ));
            }
            side.hset.push((
                pkey.clone(),
                VIEW_FIELD.into(),
                serde_json::to_string(&view).unwrap_or_default(),
            ));
            sink.commit(
                &[],
                Some(&offset(&p.point, true, with_gtids).to_json()),
                &side,
            )
            .await?;
            let captured: Vec<TableId> = tables
                .keys()
                .filter(|id| ctx.captured(id))
                .cloned()
                .collect();
            tracing::info!(
                done = tables_progress.values().filter(|t| t.done).count(),
                view_file = %view.file,
                view_pos = view.pos,
                "resuming the interrupted snapshot in a new view"
            );
            (tables, captured, p.point, view, tables_progress)
        }
    };
    let meter = crate::progress::SnapshotProgress::new();
    let n_tables = captured.len();
    let mut writer = Writer::spawn(sink, 4, ctx.metrics.clone());
    for (ti, id) in captured.iter().enumerate() {
        if *shutdown.borrow() {
            writer.finish().await?;
            return Ok(None);
        }
        let key = id.to_string();
        let tp = progress.entry(key.clone()).or_default().clone();
        if tp.done {
            continue;
        }
        let Some(table) = tables.get(id) else {
            continue;
        };
        let codec = ctx.codec(table);
        let started = std::time::Instant::now();
        meter.start_table(&key, 0, tp.rows);
        let pk: Vec<String> = table.primary_key.clone();
        let mut sql = format!(
            "SELECT * FROM {}.{}",
            quote_ident(&id.db),
            quote_ident(&id.table)
        );
        if let (Some(last), false) = (&tp.last_key, pk.is_empty()) {
            let cols = pk
                .iter()
                .map(|c| quote_ident(c))
                .collect::<Vec<_>>()
                .join(", ");
            let vals = last
                .iter()
                .map(|v| match v {
                    Some(s) => format!("'{}'", s.replace('\\', "\\\\").replace('\'', "''")),
                    None => "NULL".into(),
                })
                .collect::<Vec<_>>()
                .join(", ");
            sql.push_str(&format!(" WHERE ({cols}) > ({vals})"));
        }
        if !pk.is_empty() {
            sql.push_str(" ORDER BY ");
            sql.push_str(
                &pk.iter()
                    .map(|c| quote_ident(c))
                    .collect::<Vec<_>>()
                    .join(", "),
            );
        }
        let pk_idx: Vec<usize> = pk
            .iter()
            .filter_map(|k| {
                table
                    .columns
                    .iter()
                    .position(|c| c.name.eq_ignore_ascii_case(k))
            })
            .collect();
        let mut result = conn
            .query_iter(sql)
            .await
            .map_err(|e| sql_err(e, &format!("reading {id}")))?;
        let mut stream = result
            .stream::<mysql_async::Row>()
            .await
            .map_err(|e| sql_err(e, &format!("reading {id}")))?
            .ok_or_else(|| MySqlError::Protocol(format!("no result set reading {id}")))?;
        let mut rows_done = tp.rows;
        let mut first = tp.rows == 0;
        let mut pending: Option<mysql_async::Row> = None;
        let mut records = Vec::new();
        let mut last_key: Option<Vec<Option<String>>> = tp.last_key.clone();
        // entries per Redis transaction: memory stays at a few batches whatever the table size
        let chunk = my
            .config
            .snapshot_fetch_size
            .min(ctx.settings.sink.batch_size)
            .max(1);
        loop {
            let next = stream
                .next()
                .await
                .transpose()
                .map_err(|e| sql_err(e, &format!("reading {id}")))?;
            let is_last = next.is_none();
            if let Some(row) = pending.take() {
                let values: Vec<mysql_async::Value> = row.unwrap();
                let (after, keyj) = codec.encode_text(&values).map_err(|e| MySqlError::Schema {
                    table: key.clone(),
                    file: point.file.clone(),
                    pos: point.pos,
                    message: e.to_string(),
                    fix: "report the column type".into(),
                })?;
                let marker = SnapshotMarker::for_row(ti == 0, ti + 1 == n_tables, first, is_last);
                first = false;
                let ts = Timestamp::now();
                let mut source = String::with_capacity(320);
                MySource {
                    connector: my.flavor.connector(),
                    name: ctx.settings.topic_prefix(),
                    ts_ms: ts.millis(),
                    snapshot: marker,
                    db: &id.db,
                    table: Some(&id.table),
                    server_id: 0,
                    gtid: None,
                    file: &point.file,
                    pos: point.pos,
                    row: 0,
                    thread: None,
                }
                .write_json(&mut source);
                let parts = ValueParts {
                    before: None,
                    after: Some(&after),
                    source: &source,
                    transaction: None,
                    op: Op::Read,
                    ts,
                };
                ctx.emitter.change(
                    &codec.stream,
                    KeyRef {
                        schema_json: codec.key_schema_json.as_deref(),
                        payload: keyj.as_deref(),
                    },
                    &codec.value_schema_json,
                    &parts,
                    None,
                    &mut records,
                );
                rows_done += 1;
                if !pk_idx.is_empty() {
                    last_key = Some(
                        pk_idx
                            .iter()
                            .map(|&i| match &values[i] {
                                mysql_async::Value::Bytes(b) => {
                                    Some(String::from_utf8_lossy(b).into_owned())
                                }
                                mysql_async::Value::NULL => None,
                                o => Some(o.as_sql(true).trim_matches('\'').to_string()),
                            })
                            .collect(),
                    );
                }
                if records.len() >= chunk || is_last {
                    let mut segments = tp.segments.clone();
                    if is_last {
                        segments.push(Segment {
                            upto: None,
                            view: view.clone(),
                        });
                    }
                    let tpn = TableProgress {
                        done: is_last,
                        rows: rows_done,
                        last_key: last_key.clone(),
                        segments,
                    };
                    let side = SideWrites {
                        hset: vec![(
                            pkey.clone(),
                            key.clone(),
                            serde_json::to_string(&tpn).unwrap_or_default(),
                        )],
                        ..SideWrites::default()
                    };
                    ctx.metrics.snapshot_rows(records.len() as u64);
                    writer
                        .send(Batch {
                            records: std::mem::take(&mut records),
                            offset: Some(offset(&point, true, with_gtids).to_json()),
                            side,
                        })
                        .await?;
                    meter.rows(&key, rows_done);
                    progress.insert(key.clone(), tpn);
                    crate::failpoint::hit("after_snapshot_chunk");
                }
            }
            match next {
                Some(r) => pending = Some(r),
                None => break,
            }
        }
        drop(stream);
        drop(result);
        if rows_done == tp.rows {
            // an empty table (or nothing left): mark it done
            let mut segments = tp.segments.clone();
            segments.push(Segment {
                upto: None,
                view: view.clone(),
            });
            let tpn = TableProgress {
                done: true,
                rows: rows_done,
                last_key,
                segments,
            };
            let side = SideWrites {
                hset: vec![(
                    pkey.clone(),
                    key.clone(),
                    serde_json::to_string(&tpn).unwrap_or_default(),
                )],
                ..SideWrites::default()
            };
            writer
                .send(Batch {
                    records: Vec::new(),
                    offset: Some(offset(&point, true, with_gtids).to_json()),
                    side,
                })
                .await?;
            progress.insert(key.clone(), tpn);
        }
        meter.finish_table(&key, rows_done, started.elapsed());
    }
    let mut sink = writer.finish().await?;
    if extended {
        unlock(&ctx, &mut conn).await?;
    }
    conn.query_drop("COMMIT")
        .await
        .map_err(|e| sql_err(e, "ending the snapshot transaction"))?;
    let side = SideWrites::default();
    sink.commit(
        &[],
        Some(&offset(&point, false, with_gtids).to_json()),
        &side,
    )
    .await?;
    sink.del(&[pkey]).await?;
    tracing::info!(rows = meter.total_rows(), "snapshot completed");
    let mut catch_up = CatchUp::default();
    if view != point {
        for id in &captured {
            if let Some(tp) = progress.get(&id.to_string()) {
                if tp.segments.iter().any(|s| s.view != point) {
                    catch_up.tables.insert(id.clone(), tp.segments.clone());
                }
            }
        }
        catch_up.until = Some(view.clone());
    }
    Ok(Some((
        tables,
        StartPoint {
            file: point.file,
            pos: point.pos,
            gtids: point.gtids,
            skip_events: 0,
            skip_rows: 0,
            catch_up: Arc::new(catch_up),
        },
    )))
}
