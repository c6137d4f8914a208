//! Initial snapshot: every captured table read inside one consistent view, as op `r` events.
//!
//! # Why neither gap nor duplicate
//! The replication slot is created with `EXPORT_SNAPSHOT` *before* any row is read. Postgres
//! guarantees the exported snapshot sees exactly the transactions that committed before the
//! slot's `consistent_point`, and the slot will decode exactly those that commit after it. Each
//! snapshot worker imports that snapshot (`SET TRANSACTION SNAPSHOT`) while the replication
//! connection is still idle, so all tables are read at the same point; streaming then starts at
//! `consistent_point`. Every row is therefore either in the snapshot or in the stream, never both.
//!
//! # Bounded memory and resumability
//! Rows are read through a cursor in heap (`ctid`) order, `snapshot_fetch_size` rows at a time.
//! Each chunk's entries, Debezium's snapshot offset and our per-table progress (the last `ctid`
//! written) are committed in one Redis transaction. After a crash, finished tables are skipped
//! and an unfinished one resumes after its last committed `ctid`. The exported snapshot did not
//! survive the crash, so the remainder is read in a new REPEATABLE READ view: rows changed in
//! between also arrive through the stream, which starts at the original `consistent_point`, so
//! the target converges (a row may appear as `r` with its newer state, then as the replayed
//! change). Without a crash the result is exact.
//!
//! The `source.snapshot` markers follow Debezium: `first` on the first row of the first table,
//! `first_in_data_collection`/`last_in_data_collection` per table, `last` on the last row of the
//! last table, `true` otherwise.

use std::collections::{HashMap, VecDeque};
use std::sync::Arc;
use std::time::Instant;

use protocol::envelope::{Op, PgSource, SnapshotMarker, Timestamp, ValueParts};
use protocol::offset::PgOffset;
use tokio::sync::Mutex;

use super::schema::{quote_ident, Catalog, CellRef, TableId, TableSchema};
use super::value::Phase;
use super::{connect_sql, PgContext, PgError};
use crate::emit::KeyRef;
use crate::error::CollectorError;
use crate::failpoint;
use crate::progress::SnapshotProgress;
use crate::sink::{RedisSink, SideWrites};

/// Per-table progress kept in Redis while a snapshot runs.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize, Default, PartialEq)]
pub(crate) struct TableProgress {
    pub done: bool,
    pub rows: u64,
    /// `ctid` of the last row written, as text `(block,offset)`.
    pub last_ctid: Option<String>,
}

/// The point the snapshot is consistent with.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize, PartialEq)]
pub(crate) struct SnapshotPoint {
    pub lsn: u64,
    pub tx_id: i64,
    pub ts_us: i64,
}

/// What to snapshot.
pub(crate) struct SnapshotPlan {
    pub tables: Vec<(TableId, u32)>,
    pub point: SnapshotPoint,
    /// Exported snapshot name (absent when resuming after a crash).
    pub exported: Option<String>,
    pub progress: HashMap<String, TableProgress>,
}

/// The Redis hash holding snapshot progress for this connector.
pub(crate) fn progress_key(ctx: &PgContext) -> String {
    format!(
        "metadata:redcdc:snapshot:{}",
        ctx.settings.pg().topic_prefix
    )
}

pub(crate) const POINT_FIELD: &str = "_point";

fn snapshot_offset(point: &SnapshotPoint, completed: bool) -> String {
    PgOffset {
        lsn: Some(protocol::offset::PgLsn(point.lsn)),
        tx_id: Some(point.tx_id),
        ts_usec: Some(point.ts_us),
        snapshot: Some("INITIAL".into()),
        last_snapshot_record: Some(completed),
        snapshot_completed: Some(completed),
        ..Default::default()
    }
    .to_json()
}

/// Runs the snapshot to completion, then writes the completed snapshot offset.
pub(crate) async fn run(ctx: Arc<PgContext>, plan: SnapshotPlan) -> Result<(), CollectorError> {
    let key = progress_key(&ctx);
    let total_tables = plan.tables.len();
    let queue: VecDeque<(usize, TableId, u32)> = plan
        .tables
        .iter()
        .enumerate()
        .filter(|(_, (id, _))| !plan.progress.get(&id.to_string()).is_some_and(|p| p.done))
        .map(|(i, (id, oid))| (i, id.clone(), *oid))
        .collect();
    let workers = ctx
        .settings
        .pg()
        .snapshot_max_threads
        .min(queue.len())
        .max(1);
    tracing::info!(tables = total_tables, remaining = queue.len(), workers, lsn = %protocol::offset::PgLsn(plan.point.lsn), "snapshot starting");
    // every worker imports the exported snapshot before any of them reads
    let mut clients = Vec::with_capacity(workers);
    for _ in 0..workers {
        let c = connect_sql(ctx.settings.pg()).await?;
        c.batch_execute("BEGIN ISOLATION LEVEL REPEATABLE READ")
            .await?;
        if let Some(name) = &plan.exported {
            c.batch_execute(&format!(
                "SET TRANSACTION SNAPSHOT {}",
                super::schema::quote_literal(name)
            ))
            .await?;
        }
        c.batch_execute("SET LOCAL synchronize_seqscans = off")
            .await?;
        clients.push(c);
    }
    let queue = Arc::new(Mutex::new(queue));
    let progress = Arc::new(plan.progress);
    let point = Arc::new(plan.point);
    let meter = Arc::new(SnapshotProgress::new());
    let mut handles = Vec::new();
    for client in clients {
        let ctx = ctx.clone();
        let queue = queue.clone();
        let progress = progress.clone();
        let point = point.clone();
        let key = key.clone();
        let meter = meter.clone();
        handles.push(tokio::spawn(async move {
            let mut sink = ctx.new_sink()?;
            let mut catalog = Catalog::new();
            loop {
                let next = queue.lock().await.pop_front();
                let Some((index, id, oid)) = next else { break };
                let schema = catalog.table(&client, &id, oid, None, &ctx.naming).await?;
                let resume = progress.get(&id.to_string()).cloned().unwrap_or_default();
                snapshot_table(
                    &ctx,
                    &client,
                    &mut sink,
                    &schema,
                    &point,
                    &key,
                    resume,
                    index == 0,
                    index + 1 == total_tables,
                    &meter,
                )
                .await?;
            }
            client
                .batch_execute("COMMIT")
                .await
                .map_err(PgError::from)?;
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
    let mut sink = ctx.new_sink()?;
    let side = SideWrites {
        ..SideWrites::default()
    };
    sink.commit(&[], Some(&snapshot_offset(&point, true)), &side)
        .await?;
    sink.del(&[key]).await?;
    tracing::info!(rows = meter.total_rows(), "snapshot completed");
    Ok(())
}

#[allow(clippy::too_many_arguments)]
async fn snapshot_table(
    ctx: &PgContext,
    client: &tokio_postgres::Client,
    sink: &mut RedisSink,
    schema: &TableSchema,
    point: &SnapshotPoint,
    progress_key: &str,
    resume: TableProgress,
    first_table: bool,
    last_table: bool,
    meter: &SnapshotProgress,
) -> Result<(), CollectorError> {
    let id = &schema.id;
    let cols: Vec<String> = schema.names.iter().map(|n| quote_ident(n)).collect();
    let mut select = format!(
        "SELECT {}{}ctid::text FROM {}",
        cols.join(", "),
        if cols.is_empty() { "" } else { ", " },
        id.quoted()
    );
    if let Some(c) = &resume.last_ctid {
        select.push_str(&format!(
            " WHERE ctid > {}::tid",
            super::schema::quote_literal(c)
        ));
    }
    let estimate: i64 = client
        .query_one(
            "SELECT GREATEST(reltuples, 0)::bigint FROM pg_class WHERE oid = $1",
            &[&schema.oid],
        )
        .await
        .map(|r| r.get(0))
        .unwrap_or(0);
    let ts_row = client
        .query_one(
            "SELECT (extract(epoch from CURRENT_TIMESTAMP) * 1000000)::bigint",
            &[],
        )
        .await?;
    let ts_us: i64 = ts_row.get(0);
    let cursor = format!("redcdc_{}", schema.oid);
    client
        .batch_execute(&format!("DECLARE {cursor} NO SCROLL CURSOR FOR {select}"))
        .await
        .map_err(|e| PgError::table(id, e))?;
    let fetch = format!(
        "FETCH {} FROM {cursor}",
        ctx.settings.pg().snapshot_fetch_size
    );
    let ncols = schema.names.len();
    let mut rows_done = resume.rows;
    let mut first_row = resume.rows == 0;
    // the last row read is held back until we know whether another follows
    let mut held: Option<Vec<Option<String>>> = None;
    let mut last_ctid = resume.last_ctid.clone();
    let started = Instant::now();
    meter.start_table(&id.to_string(), estimate.max(0) as u64, rows_done);
    let stream_name = schema.stream.clone();
    loop {
        let msgs = client
            .simple_query(&fetch)
            .await
            .map_err(|e| PgError::table(id, e))?;
        let mut rows: Vec<Vec<Option<String>>> = Vec::new();
        for m in msgs {
            if let tokio_postgres::SimpleQueryMessage::Row(r) = m {
                rows.push((0..=ncols).map(|i| r.get(i).map(str::to_string)).collect());
            }
        }
        let exhausted = rows.is_empty();
        let mut to_emit: Vec<(Vec<Option<String>>, bool)> = Vec::with_capacity(rows.len() + 1);
        if let Some(h) = held.take() {
            to_emit.push((h, exhausted));
        }
        let n = rows.len();
        for (i, r) in rows.into_iter().enumerate() {
            if i + 1 == n {
                held = Some(r);
            } else {
                to_emit.push((r, false));
            }
        }
        if to_emit.is_empty() && exhausted {
            // empty table (or resumed exactly at its end)
            let p = TableProgress {
                done: true,
                rows: rows_done,
                last_ctid: resume.last_ctid.clone(),
            };
            commit_chunk(sink, point, progress_key, id, &p, Vec::new()).await?;
            break;
        }
        // commit in groups of `batch.size` so memory stays bounded whatever the fetch size
        let group = ctx.settings.sink.batch_size.max(1);
        let groups = to_emit.len().div_ceil(group);
        let mut row_json = String::new();
        let mut key_json = String::new();
        let mut src = String::new();
        for (g, rows) in to_emit.chunks(group).enumerate() {
            let mut records = Vec::with_capacity(rows.len());
            for (row, is_last) in rows {
                let marker = SnapshotMarker::for_row(first_table, last_table, first_row, *is_last);
                first_row = false;
                row_json.clear();
                key_json.clear();
                src.clear();
                let cell = |i: usize| match &row[i] {
                    Some(t) => CellRef::Text(t.as_str()),
                    None => CellRef::Null,
                };
                schema.write_row(&mut row_json, Phase::Snapshot, cell);
                let has_key = schema.write_key(&mut key_json, Phase::Snapshot, cell);
                PgSource {
                    name: &ctx.settings.pg().topic_prefix,
                    db: &ctx.settings.pg().dbname,
                    ts_us,
                    snapshot: marker,
                    sequence: Some((None, Some(point.lsn))),
                    schema: &id.schema,
                    table: &id.table,
                    tx_id: Some(point.tx_id),
                    lsn: Some(point.lsn),
                }
                .write_json(&mut src);
                ctx.emitter.change(
                    &stream_name,
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
                    &mut records,
                );
                if row[ncols].is_some() {
                    last_ctid = row[ncols].clone();
                }
            }
            rows_done += rows.len() as u64;
            let p = TableProgress {
                done: exhausted && g + 1 == groups,
                rows: rows_done,
                last_ctid: last_ctid.clone(),
            };
            commit_chunk(sink, point, progress_key, id, &p, records).await?;
            ctx.metrics.snapshot_rows(rows.len() as u64);
            meter.rows(&id.to_string(), rows_done);
            failpoint::hit("after_snapshot_chunk");
        }
        if exhausted {
            break;
        }
    }
    client
        .batch_execute(&format!("CLOSE {cursor}"))
        .await
        .map_err(|e| PgError::table(id, e))?;
    meter.finish_table(&id.to_string(), rows_done, started.elapsed());
    Ok(())
}

async fn commit_chunk(
    sink: &mut RedisSink,
    point: &SnapshotPoint,
    progress_key: &str,
    id: &TableId,
    p: &TableProgress,
    records: Vec<protocol::envelope::Record>,
) -> Result<(), CollectorError> {
    let side = SideWrites {
        hset: vec![(
            progress_key.to_string(),
            id.to_string(),
            serde_json::to_string(p).unwrap_or_default(),
        )],
        hdel: vec![],
        ..SideWrites::default()
    };
    sink.commit(&records, Some(&snapshot_offset(point, false)), &side)
        .await?;
    Ok(())
}
