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

use std::sync::Arc;

use futures_util::StreamExt;
use mysql_async::prelude::Queryable;
use protocol::envelope::{MySource, Op, SnapshotMarker, Timestamp, ValueParts};
use protocol::offset::MySqlOffset;
use tokio::sync::{watch, Mutex};

use super::client::{self, quote_ident};
pub(crate) use super::position::{BinlogAt, Point, StartPoint};
use super::start::{is_system_db, load_history, MyContext};
use super::table::{TableId, Tables};
use super::{ddl, history, MySqlError};
use crate::config::LockingMode;
use crate::emit::KeyRef;
use crate::error::CollectorError;
use crate::sink::{RedisSink, SideWrites};
use crate::snapshot::{self as engine, ChunkSink, Key, KeyOrder, RowEncode, TablePlace, TableRead};

/// A snapshot in progress (or its catch-up), as stored in Redis: point and views are binlog
/// positions.
pub(crate) type Progress = engine::Progress<Point, Point>;
/// What streaming must not repeat after a resumed snapshot.
pub(crate) type CatchUp = engine::CatchUp<Point>;

pub(crate) fn progress_key(ctx: &MyContext) -> String {
    engine::progress_key(ctx.settings.topic_prefix())
}

pub(crate) async fn load_progress(
    ctx: &MyContext,
    sink: &mut RedisSink,
) -> Result<Option<Progress>, CollectorError> {
    Progress::load(sink, &progress_key(ctx)).await
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
    let (mut file, mut pos, gtids) =
        client::binlog_end(conn, ctx.my().flavor, ctx.server.mariadb).await?;
    if ctx.server.mariadb && ctx.my().config.snapshot_locking_mode == LockingMode::None {
        // without the read lock the binlog end may already be past the view; MariaDB reports
        // the position its consistent snapshot corresponds to exactly
        let rows: Vec<(String, String)> = conn
            .query("SHOW STATUS LIKE 'binlog_snapshot_%'")
            .await
            .map_err(|e| sql_err(e, "reading binlog_snapshot_file/position"))?;
        let get = |name: &str| rows.iter().find(|(k, _)| k.eq_ignore_ascii_case(name));
        if let (Some((_, f)), Some((_, p))) =
            (get("binlog_snapshot_file"), get("binlog_snapshot_position"))
        {
            if let (false, Ok(p)) = (f.is_empty(), p.parse::<u64>()) {
                file = f.clone();
                pos = p;
            }
        }
    }
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
            catch_up: None,
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
    // more connections in the same view: each opens its consistent snapshot while the global
    // read lock holds every write back; without the lock one connection reads every table
    let threads = if my.config.snapshot_locking_mode == LockingMode::None {
        if my.config.snapshot_max_threads > 1 {
            tracing::info!("snapshot_locking_mode none: one connection reads every table (several could not share one view)");
        }
        1
    } else {
        my.config.snapshot_max_threads.max(1)
    };
    let (tables, captured, mut progress, mut extra) = match resume {
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
            let extra = join_view(&ctx, threads - 1).await?;
            if !extended {
                unlock(&ctx, &mut conn).await?;
            }
            let (progress, start) = Progress::start(&pkey, point.clone(), point.clone());
            side.hset.extend(start.hset);
            sink.commit(
                &records,
                Some(&offset(&point, true, with_gtids).to_json()),
                &side,
            )
            .await?;
            tracing::info!(file = %point.file, pos = point.pos, tables = captured.len(), connections = extra.len() + 1, "snapshot started");
            (tables, captured, progress, extra)
        }
        Some(mut p) => {
            let (tables, _) =
                load_history(&mut sink, &my.config.schema_history_key, None, &ctx.metrics).await?;
            // a new view, with the binlog position it is consistent with
            let (file, pos, gtids) = open_view(&ctx, &mut conn).await?;
            // tables never started have no progress entry yet: open them all
            let extra = join_view(&ctx, threads - 1).await?;
            if !extended {
                unlock(&ctx, &mut conn).await?;
            }
            let view = Point {
                file,
                pos,
                gtids,
                ts_sec: Timestamp::now().millis() / 1000,
            };
            let (side, restarted) = p.resume(&pkey, view.clone());
            for t in restarted {
                tracing::warn!(table = %t, "table without a key the snapshot can order exactly: the resumed snapshot reads it again from its start (its earlier `r` events are repeated)");
            }
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
                done = p.tables.values().filter(|t| t.done).count(),
                view_file = %view.file,
                view_pos = view.pos,
                "resuming the interrupted snapshot in a new view"
            );
            (tables, captured, p, extra)
        }
    };
    let point = Arc::new(progress.point.clone());
    let view = Arc::new(progress.view.clone());
    for t in ctx.my().config.snapshot_select_statement_overrides.keys() {
        if !captured
            .iter()
            .any(|id| format!("{}.{}", id.db, id.table) == *t)
        {
            tracing::warn!(table = %t, "snapshot.select.statement.overrides names a table the snapshot does not capture (the name is database.table, exact): not used");
        }
    }
    let n_tables = captured.len();
    let remaining = captured
        .iter()
        .filter(|id| !progress.tables.get(&id.to_string()).is_some_and(|t| t.done))
        .count();
    let meter = Arc::new(crate::progress::SnapshotProgress::for_snapshot(
        ctx.metrics.clone(),
        n_tables,
        remaining,
    ));
    // more threads than tables (or an interrupted split): tables are read in parts
    let workers = extra.len() + 1;
    let mut queue: std::collections::VecDeque<(usize, TableId, Part)> = Default::default();
    let mut side = SideWrites::default();
    let pending: Vec<(usize, TableId)> = captured
        .into_iter()
        .enumerate()
        .filter(|(_, id)| !progress.tables.get(&id.to_string()).is_some_and(|t| t.done))
        .collect();
    for (index, id) in pending {
        let name = id.to_string();
        let stored = progress.tables.get(&name).cloned();
        let mut split = stored.as_ref().map(|t| t.split.clone()).unwrap_or_default();
        if split.is_empty() && stored.is_none() && workers > 1 && workers > queue.len() {
            if let Some(table) = tables.get(&id) {
                let codec = ctx.codec(table);
                split = plan_split(&ctx, &mut conn, &id, &codec, workers).await?;
                if !split.is_empty() {
                    let parent = engine::TableProgress {
                        split: split.clone(),
                        order: codec.key_orders().unwrap_or_default(),
                        ..Default::default()
                    };
                    side.hset.push((
                        pkey.clone(),
                        name.clone(),
                        serde_json::to_string(&parent).unwrap_or_default(),
                    ));
                    progress.tables.insert(name.clone(), parent);
                    tracing::info!(table = %name, parts = split.len() + 1, "table read in parts");
                }
            }
        }
        if split.is_empty() {
            queue.push_back((index, id, Part::default()));
            continue;
        }
        for i in 0..=split.len() {
            if !progress
                .tables
                .get(&engine::part_name(&name, i))
                .is_some_and(|t| t.done)
            {
                queue.push_back((
                    index,
                    id.clone(),
                    Part {
                        index: Some(i),
                        split: split.clone(),
                    },
                ));
            }
        }
    }
    if !side.hset.is_empty() {
        sink.commit(
            &[],
            Some(&offset(&point, true, with_gtids).to_json()),
            &side,
        )
        .await?;
    }
    let tables = Arc::new(tables);
    let shared = Arc::new(Shared {
        queue: Mutex::new(queue),
        progress: Mutex::new(std::mem::take(&mut progress.tables)),
    });
    let mut handles = Vec::new();
    let lock_holder = extended.then_some(());
    let mut conns = vec![conn];
    conns.append(&mut extra);
    for conn in conns {
        let job = Worker {
            ctx: ctx.clone(),
            tables: tables.clone(),
            shared: shared.clone(),
            point: point.clone(),
            view: view.clone(),
            meter: meter.clone(),
            pkey: pkey.clone(),
            n_tables,
            with_gtids,
            shutdown: shutdown.clone(),
        };
        handles.push(tokio::spawn(job.run(conn)));
    }
    let mut conns = Vec::new();
    let mut failed = None;
    for h in handles {
        match h.await {
            Ok(Ok(c)) => conns.push(c),
            Ok(Err(e)) => failed = failed.or(Some(e)),
            Err(e) => {
                failed = failed.or(Some(
                    MySqlError::Protocol(format!("snapshot worker panicked: {e}")).into(),
                ))
            }
        }
    }
    if let Some(e) = failed {
        return Err(e);
    }
    if lock_holder.is_some() {
        if let Some(c) = conns.first_mut() {
            unlock(&ctx, c).await?;
        }
    }
    for c in &mut conns {
        c.query_drop("COMMIT")
            .await
            .map_err(|e| sql_err(e, "ending the snapshot transaction"))?;
    }
    if *shutdown.borrow() && !shared.queue.lock().await.is_empty() {
        return Ok(None);
    }
    progress.tables = std::mem::take(&mut *shared.progress.lock().await);
    if !progress.settle() {
        return Ok(None);
    }
    let catch_up = engine::complete(
        &mut sink,
        &pkey,
        &offset(&point, false, with_gtids).to_json(),
        &progress,
        &meter,
    )
    .await?;
    let tables = Arc::try_unwrap(tables)
        .map_err(|_| MySqlError::Protocol("snapshot tables still shared".into()))?;
    let point = Arc::unwrap_or_clone(point);
    Ok(Some((
        tables,
        StartPoint {
            file: point.file,
            pos: point.pos,
            gtids: point.gtids,
            skip_events: 0,
            skip_rows: 0,
            catch_up: catch_up.map(Arc::new),
        },
    )))
}

/// Opens `n` more connections inside the view the locked connection has just opened (the
/// global read lock is held, so no write commits in between and every consistent snapshot is
/// the same).
async fn join_view(ctx: &MyContext, n: usize) -> Result<Vec<mysql_async::Conn>, CollectorError> {
    let mut out = Vec::with_capacity(n);
    for _ in 0..n {
        let mut c = client::connect(&ctx.my().config).await?;
        c.query_drop("SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            .await
            .map_err(|e| sql_err(e, "setting the isolation level"))?;
        c.query_drop("START TRANSACTION WITH CONSISTENT SNAPSHOT")
            .await
            .map_err(|e| sql_err(e, "starting the snapshot transaction"))?;
        out.push(c);
    }
    Ok(out)
}

/// What the snapshot's connections share: the tables still to read and every table's progress.
struct Shared {
    queue: Mutex<std::collections::VecDeque<(usize, TableId, Part)>>,
    progress: Mutex<std::collections::BTreeMap<String, engine::TableProgress<Point>>>,
}

/// One connection of the snapshot: takes the next table until none is left.
struct Worker {
    ctx: Arc<MyContext>,
    tables: Arc<Tables>,
    shared: Arc<Shared>,
    point: Arc<Point>,
    view: Arc<Point>,
    meter: Arc<crate::progress::SnapshotProgress>,
    pkey: String,
    n_tables: usize,
    with_gtids: bool,
    shutdown: watch::Receiver<bool>,
}

impl Worker {
    async fn run(self, mut conn: mysql_async::Conn) -> Result<mysql_async::Conn, CollectorError> {
        let ctx = &self.ctx;
        let sink = RedisSink::new(
            &ctx.settings.sink,
            &ctx.settings.profile,
            ctx.settings.topic_prefix(),
        )?;
        let mut out = ChunkSink::new(
            sink,
            self.pkey.clone(),
            offset(&self.point, true, self.with_gtids).to_json(),
            ctx.metrics.clone(),
        );
        // entries per Redis transaction: memory stays at a few batches whatever the table size
        let chunk = ctx
            .my()
            .config
            .snapshot_fetch_size
            .min(ctx.settings.sink.batch_size)
            .max(1);
        loop {
            if *self.shutdown.borrow() {
                break;
            }
            let next = self.shared.queue.lock().await.pop_front();
            let Some((ti, id, part)) = next else { break };
            let key = match part.index {
                Some(i) => engine::part_name(&id.to_string(), i),
                None => id.to_string(),
            };
            let shown = engine::shown_name(&key);
            let Some(table) = self.tables.get(&id) else {
                continue;
            };
            let mut tp = self
                .shared
                .progress
                .lock()
                .await
                .get(&key)
                .cloned()
                .unwrap_or_default();
            let codec = ctx.codec(table);
            let started = std::time::Instant::now();
            self.meter.start_table(&shown, 0, tp.rows);
            let orders = codec.key_orders();
            if let Some(o) = &orders {
                tp.order = o.clone();
            }
            let (after, upto) = match part.index {
                Some(i) => engine::part_bounds(&part.split, i, &tp),
                None => (tp.last_key.clone(), None),
            };
            let overridden = overriding_sql(ctx, &id);
            let sql = select(
                &id,
                table,
                overridden.as_deref(),
                &codec.key_names(),
                orders.as_deref(),
                after.as_ref(),
                upto.as_ref(),
            );
            let mut result = conn.query_iter(sql).await.map_err(|e| {
                let e = sql_err(e, &format!("reading {id}"));
                match (&overridden, e) {
                    // a statement the user gave that the server refuses: definite, naming it
                    (
                        Some(q),
                        ref e @ MySqlError::Server {
                            code, ref message, ..
                        },
                    ) if e.retry() == crate::error::Retry::Definite => {
                        MySqlError::Prerequisite {
                            problem: format!(
                                "the snapshot of {id} cannot run snapshot.select.statement.overrides.{id} ({q}): {message} (MySQL error {code})"
                            ),
                            fix: format!(
                                "give a SELECT that returns every column of {id} by name (e.g. SELECT * FROM {}.{} WHERE ...), in the collector config (RDI: the table's snapshot_sql), or remove it",
                                quote_ident(&id.db),
                                quote_ident(&id.table)
                            ),
                        }
                    }
                    (_, e) => e,
                }
            })?;
            let stream = result
                .stream::<mysql_async::Row>()
                .await
                .map_err(|e| sql_err(e, &format!("reading {id}")))?
                .ok_or_else(|| MySqlError::Protocol(format!("no result set reading {id}")))?;
            let mut reader = RowRead {
                stream: Box::pin(stream),
                id: &id,
            };
            let encoder = RowEncoder {
                ctx,
                codec: &codec,
                id: &id,
                point: &self.point,
                ordered: orders.is_some(),
            };
            let place = TablePlace {
                first: ti == 0 && part.index.unwrap_or(0) == 0,
                last: ti + 1 == self.n_tables && part.index.unwrap_or(0) == part.split.len(),
            };
            let tp = engine::copy_table(
                &key,
                &mut reader,
                &encoder,
                tp,
                &self.view,
                place,
                chunk,
                &mut out,
                &self.meter,
            )
            .await?;
            drop(reader);
            self.meter.finish_table(&shown, tp.rows, started.elapsed());
            self.shared.progress.lock().await.insert(key, tp);
        }
        out.finish().await?;
        Ok(conn)
    }
}

/// The snapshot query of a table (or of one part): in key order (integers natively, strings by
/// their bytes, as the catch-up compares them), after `after` (resuming, or a part's lower
/// bound), up to `upto` (a part's upper bound, inclusive).
/// `overriding`: the statement `snapshot.select.statement.overrides` gives for the table, read
/// as a subquery (its columns by name), so the snapshot still orders and resumes by key.
fn select(
    id: &TableId,
    table: &super::table::Table,
    overriding: Option<&str>,
    pk: &[&str],
    orders: Option<&[KeyOrder]>,
    after: Option<&Key>,
    upto: Option<&Key>,
) -> String {
    let mut sql = match overriding {
        Some(q) => format!(
            "SELECT {} FROM ({q}) AS snapshot_sql",
            table
                .columns
                .iter()
                .map(|c| quote_ident(&c.name))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        None => format!(
            "SELECT * FROM {}.{}",
            quote_ident(&id.db),
            quote_ident(&id.table)
        ),
    };
    // a table that cannot be resumed by key is read as Debezium reads it (no order)
    let Some(orders) = orders.filter(|o| !pk.is_empty() && o.len() == pk.len()) else {
        return sql;
    };
    let exprs: Vec<String> = pk
        .iter()
        .enumerate()
        .map(|(i, c)| match orders.get(i) {
            Some(KeyOrder::Text) => format!("CAST({} AS BINARY)", quote_ident(c)),
            _ => quote_ident(c),
        })
        .collect();
    let literal = |k: &Key| -> String {
        k.iter()
            .zip(orders)
            .map(|(v, o)| match (v, o) {
                (None, _) => "NULL".into(),
                // integers unquoted: a quoted one compares as a double beyond 2^53
                (Some(s), KeyOrder::Integer) if s.parse::<i128>().is_ok() => s.clone(),
                (Some(s), _) => format!("X'{}'", protocol::encode::hex_lower(s.as_bytes())),
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut conds = Vec::new();
    if let Some(last) = after {
        conds.push(format!("({}) > ({})", exprs.join(", "), literal(last)));
    }
    if let Some(up) = upto {
        conds.push(format!("({}) <= ({})", exprs.join(", "), literal(up)));
    }
    if !conds.is_empty() {
        sql.push_str(" WHERE ");
        sql.push_str(&conds.join(" AND "));
    }
    sql.push_str(" ORDER BY ");
    sql.push_str(&exprs.join(", "));
    sql
}

/// The statement `snapshot.select.statement.overrides.<database.table>` gives, if any.
fn overriding_sql(ctx: &MyContext, id: &TableId) -> Option<String> {
    ctx.my()
        .config
        .snapshot_select_statement_overrides
        .get(&format!("{}.{}", id.db, id.table))
        .map(|q| q.trim().trim_end_matches(';').trim_end().to_string())
}

/// Which part of a table a snapshot task reads (the whole table when `index` is None).
#[derive(Debug, Clone, Default)]
struct Part {
    index: Option<usize>,
    /// The table's split (upper keys of all parts but the last).
    split: Vec<Key>,
}

/// How a table is split for `workers` connections: a single integer key spanning at least two
/// chunks per part is cut into `workers` ranges of equal width (its minimum and maximum read in
/// the view); any other table is read whole (empty split).
async fn plan_split(
    ctx: &MyContext,
    conn: &mut mysql_async::Conn,
    id: &TableId,
    codec: &super::codec::TableCodec,
    workers: usize,
) -> Result<Vec<Key>, CollectorError> {
    if workers < 2 || codec.key_orders().as_deref() != Some(&[KeyOrder::Integer][..]) {
        return Ok(Vec::new());
    }
    let col = quote_ident(codec.key_names()[0]);
    let row: Option<(Option<String>, Option<String>)> = conn
        .query_first(format!(
            "SELECT MIN({col}), MAX({col}) FROM {}.{}",
            quote_ident(&id.db),
            quote_ident(&id.table)
        ))
        .await
        .map_err(|e| sql_err(e, &format!("reading the key range of {id}")))?;
    let parse = |v: Option<String>| v.and_then(|v| v.parse::<i64>().ok());
    let Some((Some(min), Some(max))) = row.map(|(a, b)| (parse(a), parse(b))) else {
        return Ok(Vec::new());
    };
    let chunk = ctx
        .my()
        .config
        .snapshot_fetch_size
        .min(ctx.settings.sink.batch_size) as i128;
    if ((max as i128) - (min as i128)) < 2 * chunk * workers as i128 {
        return Ok(Vec::new());
    }
    Ok(engine::split_integers(min, max, workers))
}

type RowStream<'a> =
    mysql_async::ResultSetStream<'a, 'a, 'static, mysql_async::Row, mysql_async::TextProtocol>;

/// Rows of one table from the running snapshot query.
struct RowRead<'a, 'b> {
    stream: std::pin::Pin<Box<RowStream<'a>>>,
    id: &'b TableId,
}

impl TableRead for RowRead<'_, '_> {
    type Row = Vec<mysql_async::Value>;
    async fn next_rows(
        &mut self,
        limit: usize,
        out: &mut Vec<Self::Row>,
    ) -> Result<(), CollectorError> {
        while out.len() < limit {
            match self.stream.next().await {
                Some(r) => out.push(
                    r.map_err(|e| sql_err(e, &format!("reading {}", self.id)))?
                        .unwrap(),
                ),
                None => break,
            }
        }
        Ok(())
    }
}

/// Snapshot rows of one table as `r` records.
struct RowEncoder<'a> {
    ctx: &'a MyContext,
    codec: &'a super::codec::TableCodec,
    id: &'a TableId,
    point: &'a Point,
    /// The key can be ordered exactly (else the table restarts on resume).
    ordered: bool,
}

impl RowEncode<Vec<mysql_async::Value>> for RowEncoder<'_> {
    fn key(&self, row: &Vec<mysql_async::Value>) -> Option<Key> {
        self.ordered.then(|| self.codec.key_text(row))
    }

    fn encode(
        &self,
        values: &Vec<mysql_async::Value>,
        marker: SnapshotMarker,
        out: &mut Vec<protocol::envelope::Record>,
    ) -> Result<(), CollectorError> {
        let (after, keyj) = self
            .codec
            .encode_text(values)
            .map_err(|e| MySqlError::Schema {
                table: self.id.to_string(),
                file: self.point.file.clone(),
                pos: self.point.pos,
                message: e.to_string(),
                fix: "report the column type".into(),
            })?;
        let ts = Timestamp::now();
        let mut source = String::with_capacity(320);
        MySource {
            connector: self.ctx.my().flavor.connector(),
            name: self.ctx.settings.topic_prefix(),
            ts_ms: ts.millis(),
            snapshot: marker,
            db: &self.id.db,
            table: Some(&self.id.table),
            server_id: 0,
            gtid: None,
            file: &self.point.file,
            pos: self.point.pos,
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
        self.ctx.emitter.change(
            &self.codec.stream,
            KeyRef {
                schema_json: self.codec.key_schema_json.as_deref(),
                payload: keyj.as_deref(),
            },
            &self.codec.value_schema_json,
            &parts,
            None,
            out,
        );
        Ok(())
    }
}
