//! Postgres on the snapshot engine ([`crate::snapshot`]): the point, the views, the key-ordered
//! `COPY` reads.
//!
//! # Point and views
//! The replication slot is created with `EXPORT_SNAPSHOT` before any row is read: the exported
//! snapshot sees exactly the transactions that committed before the slot's `consistent_point`,
//! and the slot decodes exactly those that commit after it. That is the snapshot **point**;
//! streaming starts there. Every worker imports the exported snapshot, so the first run reads all
//! tables in that one view.
//!
//! A resumed run opens a new `REPEATABLE READ` transaction (exported to the other workers) and
//! records its **view** as Postgres' own snapshot — `xmin`, `xmax` and the in-progress list of
//! `pg_current_snapshot()` — plus the WAL insert position read after it. A streamed transaction
//! (its top-level xid from pgoutput's BEGIN) is contained in the view exactly when the snapshot
//! sees it: `xid < xmin`, or `xid < xmax` and not in progress (Postgres' own visibility rule for
//! committed transactions); a commit at or after the recorded WAL position is never contained.
//! The engine's catch-up uses that rule per key range, so nothing is lost or repeated.
//!
//! # Reads
//! Each table is read with one `COPY (SELECT ... ORDER BY key) TO STDOUT` per run (text format,
//! one row a message, decoded by [`super::decode::copy_text_row`]); a resumed run starts after the
//! last committed key (`WHERE (key) > (...)`). Integer key columns order natively (the primary
//! key index serves it); other key columns order by their output text (`format('%s', col)`, what
//! COPY and pgoutput send) in `COLLATE "C"`, the order the
//! engine compares keys in (one sort per table and run). Rows are pulled `batch.size` at a time
//! and committed as chunks with the snapshot offset and progress.
//!
//! The `source.snapshot` markers follow Debezium: `first` on the first row of the first table,
//! `first_in_data_collection`/`last_in_data_collection` per table, `last` on the last row of the
//! last table, `true` otherwise.

use std::collections::VecDeque;
use std::sync::Arc;
use std::time::Instant;

use protocol::envelope::{Op, PgSource, Record, SnapshotMarker, Timestamp, ValueParts};
use protocol::offset::{PgLsn, PgOffset};
use tokio::sync::Mutex;

use super::client::ReplicationClient;
use super::decode::{copy_text_row, CopyRow};
use super::schema::{quote_ident, quote_literal, Catalog, CellRef, TableId, TableSchema};
use super::value::Phase;
use super::{connect_sql, PgContext, PgError};
use crate::emit::KeyRef;
use crate::error::CollectorError;
use crate::progress::SnapshotProgress;
use crate::snapshot::{
    self as engine, ChunkSink, Key, KeyOrder, Progress, RowEncode, TablePlace, TableProgress,
    TableRead,
};

pub(crate) use super::position::{PgChange, PgView, SnapshotPoint};

pub(crate) type PgProgress = Progress<SnapshotPoint, PgView>;
pub(crate) type PgCatchUp = engine::CatchUp<PgView>;

/// What to snapshot.
pub(crate) struct SnapshotPlan {
    pub tables: Vec<(TableId, u32)>,
    pub point: SnapshotPoint,
    /// Exported snapshot name of a new snapshot (absent when resuming after a crash).
    pub exported: Option<String>,
    /// The stored state of an interrupted snapshot (absent for a new one).
    pub progress: Option<PgProgress>,
}

/// The Redis hash holding snapshot progress for this connector.
pub(crate) fn progress_key(ctx: &PgContext) -> String {
    engine::progress_key(&ctx.pg.topic_prefix)
}

fn snapshot_offset(point: &SnapshotPoint, completed: bool) -> String {
    PgOffset {
        lsn: Some(PgLsn(point.lsn)),
        tx_id: Some(point.tx_id),
        ts_usec: Some(point.ts_us),
        snapshot: Some("INITIAL".into()),
        last_snapshot_record: Some(completed),
        snapshot_completed: Some(completed),
        ..Default::default()
    }
    .to_json()
}

/// One snapshot worker's connections: the raw one holding the view's transaction (its `COPY`
/// reads), and a regular one for catalog queries.
struct WorkerConn {
    view: ReplicationClient,
    catalog: tokio_postgres::Client,
}

/// The first cell of the first row of a simple query.
async fn one(c: &mut ReplicationClient, sql: &str) -> Result<String, PgError> {
    c.simple_query(sql)
        .await?
        .into_iter()
        .next()
        .and_then(|r| r.into_iter().next().flatten())
        .ok_or_else(|| PgError::Protocol(format!("no value from `{sql}`")))
}

/// Opens one transaction per worker, all in the same view: the exported snapshot of a new
/// snapshot (whose view is the point), or a new one exported by the first worker.
async fn open_view(
    ctx: &PgContext,
    workers: usize,
    exported: Option<&str>,
    point: &SnapshotPoint,
) -> Result<(Vec<WorkerConn>, PgView), CollectorError> {
    let pg = &ctx.pg;
    let mut first = ReplicationClient::connect_plain(pg).await?;
    first
        .simple_query("BEGIN ISOLATION LEVEL REPEATABLE READ")
        .await?;
    if let Some(name) = exported {
        first
            .simple_query(&format!("SET TRANSACTION SNAPSHOT {}", quote_literal(name)))
            .await?;
    }
    let snap_fn = if ctx.server_version >= 130000 {
        "pg_current_snapshot()::text"
    } else {
        "txid_current_snapshot()::text"
    };
    // the first statement takes the transaction's snapshot; the WAL position is read after it
    let snap = one(&mut first, &format!("SELECT {snap_fn}")).await?;
    let lsn = match exported {
        Some(_) => point.lsn,
        None => {
            let l = one(&mut first, "SELECT pg_current_wal_insert_lsn()::text").await?;
            PgLsn::parse(&l)
                .ok_or_else(|| PgError::Protocol(format!("bad WAL position {l}")))?
                .0
        }
    };
    let view = PgView::parse(&snap, lsn)
        .ok_or_else(|| PgError::Protocol(format!("cannot read the snapshot `{snap}`")))?;
    let shared = match (exported, workers > 1) {
        (Some(name), _) => Some(name.to_string()),
        (None, true) => Some(one(&mut first, "SELECT pg_export_snapshot()").await?),
        (None, false) => None,
    };
    let mut conns = vec![WorkerConn {
        view: first,
        catalog: connect_sql(pg).await?,
    }];
    for _ in 1..workers {
        let mut c = ReplicationClient::connect_plain(pg).await?;
        c.simple_query("BEGIN ISOLATION LEVEL REPEATABLE READ")
            .await?;
        if let Some(name) = &shared {
            c.simple_query(&format!("SET TRANSACTION SNAPSHOT {}", quote_literal(name)))
                .await?;
        }
        conns.push(WorkerConn {
            view: c,
            catalog: connect_sql(pg).await?,
        });
    }
    Ok((conns, view))
}

/// Runs (or resumes) the snapshot to completion and writes the completed snapshot offset.
/// Returns what streaming must filter (after a resumed snapshot).
pub(crate) async fn run(
    ctx: Arc<PgContext>,
    plan: SnapshotPlan,
) -> Result<Option<PgCatchUp>, CollectorError> {
    let key = progress_key(&ctx);
    let total_tables = plan.tables.len();
    let done = |name: &str| {
        plan.progress
            .as_ref()
            .and_then(|p| p.tables.get(name))
            .is_some_and(|t| t.done)
    };
    for t in ctx.pg.snapshot_select_statement_overrides.keys() {
        if !plan.tables.iter().any(|(id, _)| id.to_string() == *t) {
            tracing::warn!(table = %t, "snapshot.select.statement.overrides names a table the snapshot does not capture (the name is schema.table, exact): not used");
        }
    }
    let threads = ctx.pg.snapshot_max_threads.max(1);
    let pending: Vec<(usize, TableId, u32)> = plan
        .tables
        .iter()
        .enumerate()
        .filter(|(_, (id, _))| !done(&id.to_string()))
        .map(|(i, (id, oid))| (i, id.clone(), *oid))
        .collect();
    // more threads than tables (or an interrupted split): tables are read in parts
    let split_before = plan
        .progress
        .as_ref()
        .is_some_and(|p| p.tables.values().any(|t| !t.split.is_empty() && !t.done));
    let workers = if threads > pending.len() || split_before {
        threads
    } else {
        threads.min(pending.len()).max(1)
    };
    let (mut clients, view) =
        open_view(&ctx, workers, plan.exported.as_deref(), &plan.point).await?;
    let mut sink = ctx.new_sink()?;
    let mut progress = match plan.progress {
        None => {
            sink.del(std::slice::from_ref(&key)).await?;
            let (p, side) = PgProgress::start(&key, plan.point.clone(), view.clone());
            sink.commit(&[], Some(&snapshot_offset(&plan.point, false)), &side)
                .await?;
            p
        }
        Some(mut p) => {
            let (side, restarted) = p.resume(&key, view.clone());
            for t in restarted {
                tracing::warn!(table = %t, "table without a primary key: the resumed snapshot reads it again from its start (its earlier `r` events are repeated)");
            }
            sink.commit(&[], Some(&snapshot_offset(&plan.point, false)), &side)
                .await?;
            p
        }
    };
    let mut queue: VecDeque<(usize, TableId, u32, Part)> = VecDeque::new();
    let mut catalog = Catalog::new(ctx.enums.clone());
    let mut side = crate::sink::SideWrites::default();
    for (index, id, oid) in pending {
        let name = id.to_string();
        let stored = progress.tables.get(&name).cloned();
        let mut split = stored.as_ref().map(|t| t.split.clone()).unwrap_or_default();
        if split.is_empty() && stored.is_none() && workers > 1 && threads > queue.len() {
            let first = clients.first_mut().expect("one connection");
            let schema = catalog
                .table(&first.catalog, &id, oid, None, &ctx.naming)
                .await?;
            split = plan_split(&ctx, &mut first.view, &schema, workers).await?;
            if !split.is_empty() {
                let parent = TableProgress {
                    split: split.clone(),
                    order: key_orders(&schema),
                    ..TableProgress::default()
                };
                side.hset.push((
                    key.clone(),
                    name.clone(),
                    serde_json::to_string(&parent).unwrap_or_default(),
                ));
                progress.tables.insert(name.clone(), parent);
                tracing::info!(table = %name, parts = split.len() + 1, "table read in parts");
            }
        }
        if split.is_empty() {
            queue.push_back((index, id, oid, Part::default()));
            continue;
        }
        for i in 0..=split.len() {
            let done = progress
                .tables
                .get(&engine::part_name(&name, i))
                .is_some_and(|t| t.done);
            if !done {
                queue.push_back((
                    index,
                    id.clone(),
                    oid,
                    Part {
                        index: Some(i),
                        split: split.clone(),
                    },
                ));
            }
        }
    }
    if !side.hset.is_empty() {
        sink.commit(&[], Some(&snapshot_offset(&plan.point, false)), &side)
            .await?;
    }
    tracing::info!(tables = total_tables, remaining = queue.len(), workers, lsn = %PgLsn(plan.point.lsn), "snapshot starting");
    let remaining_tables = queue
        .iter()
        .map(|q| &q.1)
        .collect::<std::collections::BTreeSet<_>>()
        .len();
    let queue = Arc::new(Mutex::new(queue));
    let progress = Arc::new(Mutex::new(progress));
    let point = Arc::new(plan.point);
    let view = Arc::new(view);
    let meter = Arc::new(SnapshotProgress::for_snapshot(
        ctx.metrics.clone(),
        total_tables,
        remaining_tables,
    ));
    let mut handles = Vec::new();
    for mut conn in clients {
        let ctx = ctx.clone();
        let queue = queue.clone();
        let progress = progress.clone();
        let point = point.clone();
        let view = view.clone();
        let key = key.clone();
        let meter = meter.clone();
        handles.push(tokio::spawn(async move {
            let offset = snapshot_offset(&point, false);
            let mut out = ChunkSink::new(ctx.new_sink()?, key, offset, ctx.metrics.clone());
            let mut catalog = Catalog::new(ctx.enums.clone());
            loop {
                let next = queue.lock().await.pop_front();
                let Some((index, id, oid, part)) = next else {
                    break;
                };
                let schema = catalog
                    .table(&conn.catalog, &id, oid, None, &ctx.naming)
                    .await?;
                let name = part.entry(&id);
                let tp = progress
                    .lock()
                    .await
                    .tables
                    .get(&name)
                    .cloned()
                    .unwrap_or_default();
                let place = TablePlace {
                    first: index == 0 && part.index.unwrap_or(0) == 0,
                    last: index + 1 == total_tables && part.index.unwrap_or(0) == part.split.len(),
                };
                let tp = snapshot_table(
                    &ctx,
                    &mut conn.view,
                    &mut out,
                    &schema,
                    &point,
                    &view,
                    tp,
                    place,
                    &meter,
                    &part,
                )
                .await?;
                progress.lock().await.tables.insert(name, tp);
            }
            out.finish().await?;
            conn.view.simple_query("COMMIT").await?;
            Ok::<(), CollectorError>(())
        }));
    }
    for h in handles {
        match h.await {
            Ok(r) => r?,
            Err(e) => {
                return Err(PgError::Protocol(format!("snapshot worker panicked: {e}")).into())
            }
        }
    }
    let mut progress = progress.lock().await;
    progress.settle();
    engine::complete(
        &mut sink,
        &key,
        &snapshot_offset(&point, true),
        &progress,
        &meter,
    )
    .await
}

/// The order rule of each key column: integers natively, anything else by its text.
fn key_orders(schema: &TableSchema) -> Vec<KeyOrder> {
    schema
        .resume_key
        .iter()
        .map(|&i| match schema.types[i].0 {
            20 | 21 | 23 => KeyOrder::Integer,
            _ => KeyOrder::Text,
        })
        .collect()
}

/// The key expressions of the snapshot's ORDER BY, matching [`key_orders`]: integers natively,
/// anything else by its output text in byte order.
fn key_exprs(schema: &TableSchema, orders: &[KeyOrder]) -> Vec<String> {
    schema
        .resume_key
        .iter()
        .zip(orders)
        .map(|(&i, o)| match o {
            KeyOrder::Integer => quote_ident(&schema.names[i]),
            // the type's output text (what COPY and pgoutput send), which a `::text` cast is not
            // for every type (bool, inet, char(n))
            KeyOrder::Text => format!(
                "format('%s', {}) COLLATE \"C\"",
                quote_ident(&schema.names[i])
            ),
        })
        .collect()
}

/// The snapshot query of a table (or of one part): in key order, after `after` when resuming
/// (or from a part's lower bound), up to `upto` (a part's upper bound, inclusive).
/// `from` is the table, or `snapshot.select.statement.overrides`' statement as a subquery.
fn select(
    schema: &TableSchema,
    from: &str,
    orders: &[KeyOrder],
    after: Option<&Key>,
    upto: Option<&Key>,
) -> String {
    let cols: Vec<String> = schema.names.iter().map(|n| quote_ident(n)).collect();
    let mut q = format!("SELECT {} FROM {from}", cols.join(", "));
    let exprs = key_exprs(schema, orders);
    if exprs.is_empty() {
        return q;
    }
    let literal = |k: &Key| -> String {
        k.iter()
            .zip(orders)
            .map(|(v, o)| match (v, o) {
                (None, _) => "NULL".to_string(),
                (Some(v), KeyOrder::Integer) if v.parse::<i128>().is_ok() => v.clone(),
                (Some(v), _) => quote_literal(v),
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut conds = Vec::new();
    if let Some(after) = after.filter(|a| a.len() == exprs.len()) {
        conds.push(format!("({}) > ({})", exprs.join(", "), literal(after)));
    }
    if let Some(upto) = upto.filter(|a| a.len() == exprs.len()) {
        conds.push(format!("({}) <= ({})", exprs.join(", "), literal(upto)));
    }
    if !conds.is_empty() {
        q.push_str(" WHERE ");
        q.push_str(&conds.join(" AND "));
    }
    q.push_str(" ORDER BY ");
    q.push_str(&exprs.join(", "));
    q
}

/// What the snapshot reads a table from: the table, or the statement
/// `snapshot.select.statement.overrides.<schema.table>` gives (as a subquery, so the snapshot
/// still reads it in key order and resumes by key), with that statement.
fn from_clause(ctx: &PgContext, schema: &TableSchema) -> (String, Option<String>) {
    match ctx
        .pg
        .snapshot_select_statement_overrides
        .get(&schema.id.to_string())
    {
        Some(sql) => {
            let sql = sql.trim().trim_end_matches(';').trim_end();
            (format!("({sql}) AS snapshot_sql"), Some(sql.to_string()))
        }
        None => (schema.id.quoted(), None),
    }
}

/// Rows of one table from a running `COPY ... TO STDOUT`.
struct CopyRead<'a> {
    client: &'a mut ReplicationClient,
    id: TableId,
    /// The COPY ended (the connection is ready for the next statement).
    ended: bool,
}

impl TableRead for CopyRead<'_> {
    type Row = CopyRow;
    async fn next_rows(
        &mut self,
        limit: usize,
        out: &mut Vec<CopyRow>,
    ) -> Result<(), CollectorError> {
        while !self.ended && out.len() < limit {
            let Some(data) = self
                .client
                .copy_next()
                .await
                .map_err(|e| e.on_table(&self.id))?
            else {
                self.ended = true;
                break;
            };
            let mut row = CopyRow::default();
            copy_text_row(&data, &mut row)
                .map_err(|e| PgError::Decode(format!("COPY row of {}: {e}", self.id)))?;
            out.push(row);
        }
        Ok(())
    }
}

/// Snapshot rows of one table as `r` records.
struct RowEncoder<'a> {
    ctx: &'a PgContext,
    schema: &'a TableSchema,
    point: &'a SnapshotPoint,
    ts_us: i64,
}

impl RowEncode<CopyRow> for RowEncoder<'_> {
    fn key(&self, row: &CopyRow) -> Option<Key> {
        if self.schema.resume_key.is_empty() {
            return None;
        }
        Some(
            self.schema
                .resume_key
                .iter()
                .map(|&i| row.cell(i).map(str::to_string))
                .collect(),
        )
    }

    fn encode(
        &self,
        row: &CopyRow,
        marker: SnapshotMarker,
        out: &mut Vec<Record>,
    ) -> Result<(), CollectorError> {
        let schema = self.schema;
        let pg = &self.ctx.pg;
        let cell = |i: usize| match row.cell(i) {
            Some(t) => CellRef::Text(t),
            None => CellRef::Null,
        };
        let mut row_json = String::with_capacity(64 + 2 * row.text.len() + 24 * row.cells.len());
        let mut key_json = String::with_capacity(64);
        let mut src = String::with_capacity(384);
        schema.write_row(&mut row_json, Phase::Snapshot, cell);
        let has_key = schema.write_key(&mut key_json, Phase::Snapshot, cell);
        PgSource {
            name: &pg.topic_prefix,
            db: &pg.dbname,
            ts_us: self.ts_us,
            snapshot: marker,
            sequence: Some((None, Some(self.point.lsn))),
            schema: &schema.id.schema,
            table: &schema.id.table,
            tx_id: Some(self.point.tx_id),
            lsn: Some(self.point.lsn),
        }
        .write_json(&mut src);
        self.ctx.emitter.change(
            &schema.stream,
            KeyRef {
                schema_json: schema.key_schema_json.as_deref(),
                payload: has_key.then_some(key_json.as_str()),
            },
            &schema.envelope_schema_json,
            &ValueParts {
                before: None,
                after: Some(&row_json),
                source: &src,
                transaction: None,
                op: Op::Read,
                ts: Timestamp::now(),
            },
            None,
            out,
        );
        Ok(())
    }
}

#[allow(clippy::too_many_arguments)]
async fn snapshot_table(
    ctx: &PgContext,
    client: &mut ReplicationClient,
    out: &mut ChunkSink,
    schema: &TableSchema,
    point: &SnapshotPoint,
    view: &PgView,
    mut tp: TableProgress<PgView>,
    place: TablePlace,
    meter: &SnapshotProgress,
    part: &Part,
) -> Result<TableProgress<PgView>, CollectorError> {
    let id = &schema.id;
    let name = part.entry(id);
    let shown = engine::shown_name(&name);
    let orders = key_orders(schema);
    if tp.order.is_empty() {
        tp.order = orders.clone();
    }
    let estimate: i64 = one(
        client,
        &format!(
            "SELECT GREATEST(reltuples, 0)::bigint FROM pg_class WHERE oid = {}",
            schema.oid
        ),
    )
    .await
    .ok()
    .and_then(|v| v.parse().ok())
    .unwrap_or(0);
    let ts_us: i64 = one(
        client,
        "SELECT (extract(epoch from CURRENT_TIMESTAMP) * 1000000)::bigint",
    )
    .await?
    .parse()
    .map_err(|_| PgError::Protocol("bad CURRENT_TIMESTAMP".into()))?;
    let (after, upto) = match part.index {
        Some(i) => engine::part_bounds(&part.split, i, &tp),
        None => (tp.last_key.clone(), None),
    };
    let (from, overridden) = from_clause(ctx, schema);
    let q = select(schema, &from, &orders, after.as_ref(), upto.as_ref());
    client
        .copy_out(&format!("COPY ({q}) TO STDOUT"))
        .await
        .map_err(|e| match e {
            // a statement the user gave that the server refuses: definite, naming the setting
            ref e @ PgError::Server {
                ref code,
                ref message,
                ..
            } if overridden.is_some() && e.retry() == crate::error::Retry::Definite => {
                PgError::Prerequisite {
                    problem: format!(
                        "the snapshot of {id} cannot run snapshot.select.statement.overrides.{id} ({}): {message} (SQLSTATE {code})",
                        overridden.as_deref().unwrap_or_default()
                    ),
                    fix: format!(
                        "give a SELECT that returns every column of {id} by name (e.g. SELECT * FROM {} WHERE ...), in the collector config (RDI: the table's snapshot_sql), or remove it",
                        id.quoted()
                    ),
                }
            }
            e => e.on_table(id),
        })?;
    let mut reader = CopyRead {
        client,
        id: id.clone(),
        ended: false,
    };
    let encoder = RowEncoder {
        ctx,
        schema,
        point,
        ts_us,
    };
    let started = Instant::now();
    let estimate = estimate.max(0) as u64 / (part.split.len() as u64 + 1);
    meter.start_table(&shown, estimate, tp.rows);
    let chunk = ctx
        .settings
        .sink
        .batch_size
        .min(ctx.pg.snapshot_fetch_size)
        .max(1);
    let tp = engine::copy_table(
        &name,
        &mut reader,
        &encoder,
        tp,
        view,
        place,
        chunk,
        out,
        meter,
    )
    .await?;
    meter.finish_table(&shown, tp.rows, started.elapsed());
    Ok(tp)
}

/// How a table is split for `workers` connections: a single integer key spanning at least two
/// chunks per part is cut into `workers` ranges of equal width (its minimum and maximum read in
/// the view); any other table is read whole (empty split).
async fn plan_split(
    ctx: &PgContext,
    client: &mut ReplicationClient,
    schema: &TableSchema,
    workers: usize,
) -> Result<Vec<Key>, CollectorError> {
    let orders = key_orders(schema);
    if workers < 2 || orders != [KeyOrder::Integer] {
        return Ok(Vec::new());
    }
    let col = quote_ident(&schema.names[schema.resume_key[0]]);
    let rows = client
        .simple_query(&format!(
            "SELECT min({col})::text, max({col})::text FROM {}",
            schema.id.quoted()
        ))
        .await?;
    let bound = |i: usize| -> Option<i64> {
        rows.first()
            .and_then(|r| r.get(i).cloned().flatten())
            .and_then(|v| v.parse().ok())
    };
    let (Some(min), Some(max)) = (bound(0), bound(1)) else {
        return Ok(Vec::new());
    };
    let chunk = ctx.pg.snapshot_fetch_size.min(ctx.settings.sink.batch_size) as i128;
    if ((max as i128) - (min as i128)) < 2 * chunk * workers as i128 {
        return Ok(Vec::new());
    }
    Ok(engine::split_integers(min, max, workers))
}

/// Which part of a table a snapshot task reads (the whole table when `index` is None).
#[derive(Debug, Clone, Default)]
struct Part {
    index: Option<usize>,
    /// The table's split (upper keys of all parts but the last).
    split: Vec<Key>,
}

impl Part {
    fn entry(&self, id: &TableId) -> String {
        match self.index {
            Some(i) => engine::part_name(&id.to_string(), i),
            None => id.to_string(),
        }
    }
}
