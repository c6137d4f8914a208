//! SQL Server on the snapshot engine ([`crate::snapshot`]): the view is the max LSN read inside
//! the snapshot transaction, opened in `snapshot.isolation.mode` with Debezium's locks
//! ([`Conn::begin_snapshot`]). Under `snapshot` (row versions) and `exclusive` (every captured
//! table locked for the whole read) the rows read are exactly those committed at or before that
//! LSN, which is what [`SqlView`] says; under `repeatable_read`, `read_committed` and
//! `read_uncommitted` rows changed while the snapshot reads may be read already changed, and their
//! change is streamed too — Debezium's documented at-least-once for those modes
//! (`read_uncommitted` may even read rows that are later rolled back); tables are read in integer-key order a page of
//! `min(batch.size, snapshot.fetch.size)` rows at a time inside that transaction, each page
//! committed with the snapshot offset and the table's progress. A resumed run opens a new
//! snapshot transaction (a new view); the engine's catch-up decides the streamed changes.

use std::sync::Arc;

use protocol::envelope::{Op, Record, SnapshotMarker, SqlServerSource, Timestamp, ValueParts};
use protocol::offset::{SqlLsn, SqlServerOffset};

use super::client::{Conn, RowStream, SelectColumn};
use super::position::SqlView;
use super::schema::TableSchema;
use super::value::SqlValue;
use super::SsContext;
use crate::config::IsolationMode;
use crate::emit::KeyRef;
use crate::error::CollectorError;
use crate::progress::SnapshotProgress;
use crate::snapshot::{self as engine, ChunkSink, Key, RowEncode, TablePlace, TableRead};

/// The snapshot state in Redis: point and views are max LSNs.
pub(crate) type Progress = engine::Progress<SqlView, SqlView>;
/// What streaming must not repeat after a resumed snapshot.
pub(crate) type CatchUp = engine::CatchUp<SqlView>;

/// `metadata:redcdc:snapshot:<prefix>:<database>`: one snapshot state per captured database.
pub(crate) fn progress_key(ctx: &SsContext) -> String {
    engine::progress_key(&format!("{}:{}", ctx.cfg.topic_prefix, ctx.database()))
}

/// Debezium's offset while snapshotting (`snapshot`, `snapshot_completed`) or after it.
pub(crate) fn snapshot_offset(point: &SqlLsn, running: bool) -> String {
    SqlServerOffset {
        commit_lsn: Some(*point),
        change_lsn: None,
        event_serial_no: Some(1),
        snapshot: running.then(|| "INITIAL".to_string()),
        snapshot_completed: running.then_some(false),
        ..SqlServerOffset::default()
    }
    .to_json()
}

/// One table read in key order a page at a time (an integer key), or whole as one stream (any
/// other key, or none: such a table is read again from its start when a snapshot resumes).
struct PageRead<'a> {
    conn: Option<&'a mut Conn>,
    rows: Option<RowStream<'a>>,
    table: &'a TableSchema,
    names: Vec<SelectColumn>,
    after: Option<i64>,
    ended: bool,
}

impl TableRead for PageRead<'_> {
    type Row = Vec<SqlValue>;
    async fn next_rows(
        &mut self,
        limit: usize,
        out: &mut Vec<Vec<SqlValue>>,
    ) -> Result<(), CollectorError> {
        use futures_util::StreamExt;
        if self.ended {
            return Ok(());
        }
        if !self.table.pages() {
            if self.rows.is_none() {
                let conn = self.conn.take().expect("the connection");
                self.rows = Some(
                    conn.table_rows(&self.table.schema, &self.table.table, &self.names)
                        .await?,
                );
            }
            let rows = self.rows.as_mut().expect("the row stream");
            for _ in 0..limit {
                match rows.next().await {
                    Some(row) => out.push(row?),
                    None => {
                        self.ended = true;
                        break;
                    }
                }
            }
            return Ok(());
        }
        let key = &self.table.columns[self.table.key[0]].name;
        let conn = self.conn.as_mut().expect("the connection");
        let rows = conn
            .page(
                &self.table.schema,
                &self.table.table,
                &self.names,
                key,
                self.after,
                limit,
            )
            .await?;
        if rows.len() < limit {
            self.ended = true;
        }
        if let Some(SqlValue::Int(k)) = rows.last().and_then(|r| r.get(self.table.key[0])) {
            self.after = Some(*k);
        }
        out.extend(rows);
        Ok(())
    }
}

struct RowEncoder<'a> {
    ctx: &'a SsContext,
    table: &'a TableSchema,
    point: String,
    ts_ms: i64,
}

impl RowEncode<Vec<SqlValue>> for RowEncoder<'_> {
    fn key(&self, row: &Vec<SqlValue>) -> Option<Key> {
        // only a paged table resumes after its last key
        self.table.pages().then(|| self.table.key_text(row))
    }

    fn encode(
        &self,
        row: &Vec<SqlValue>,
        marker: SnapshotMarker,
        out: &mut Vec<Record>,
    ) -> Result<(), CollectorError> {
        let after = self.table.row_json(row)?;
        let key = self.table.key_json(row)?;
        let mut source = String::with_capacity(320);
        SqlServerSource {
            name: &self.ctx.cfg.topic_prefix,
            ts_ms: self.ts_ms,
            snapshot: marker,
            db: self.ctx.database(),
            schema: &self.table.schema,
            table: &self.table.table,
            change_lsn: None,
            commit_lsn: Some(&self.point),
            event_serial_no: None,
        }
        .write_json(&mut source);
        self.ctx.emitter.change(
            &self.table.stream,
            KeyRef {
                schema_json: self.table.key_schema_json.as_deref(),
                payload: key.as_deref(),
            },
            &self.table.envelope_schema_json,
            &ValueParts {
                before: None,
                after: Some(&after),
                source: &source,
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

/// Runs (or resumes) the snapshot of `tables` to completion; returns the point streaming starts
/// after and what it must filter.
pub(crate) async fn run(
    ctx: &Arc<SsContext>,
    tables: &[TableSchema],
    resume: Option<Progress>,
) -> Result<(SqlLsn, Option<CatchUp>), CollectorError> {
    for t in tables.iter().filter(|t| !t.pages()) {
        tracing::info!(
            table = %t.id,
            "no NOT NULL integer key: the table is read whole, and again from its start if the snapshot resumes"
        );
    }
    let mut conn = Conn::connect(&ctx.connect_options()).await?;
    let mode = ctx.cfg.snapshot_isolation_mode;
    if mode == IsolationMode::Snapshot {
        super::start::snapshot_isolation(ctx, &mut conn).await?;
    }
    if !matches!(mode, IsolationMode::Snapshot | IsolationMode::Exclusive) {
        tracing::info!(
            ?mode,
            "rows changed while the snapshot reads may appear twice (in the snapshot and in the \
             stream), as with Debezium; `snapshot` or `exclusive` isolation gives exactly once"
        );
    }
    let locked: Vec<(&str, &str)> = tables
        .iter()
        .map(|t| (t.schema.as_str(), t.table.as_str()))
        .collect();
    let lsn = conn
        .begin_snapshot(mode, &locked)
        .await?
        .unwrap_or_default();
    let view = SqlView { lsn };
    let key = progress_key(ctx);
    let mut sink = ctx.new_sink()?;
    let mut progress = match resume {
        None => {
            sink.del(std::slice::from_ref(&key)).await?;
            let (p, mut side) = Progress::start(&key, view, view);
            // the schema history's CREATE per table (and its schema change events), committed
            // with the snapshot's first offset, as Debezium records them before the rows
            let offset = snapshot_offset(&lsn, true);
            let records = ctx.record_tables(tables, &offset, &lsn, true, &mut side);
            sink.commit(&records, Some(&offset), &side).await?;
            tracing::info!(lsn = %lsn, tables = tables.len(), "snapshot started");
            p
        }
        Some(mut p) => {
            let (side, _) = p.resume(&key, view);
            sink.commit(&[], Some(&snapshot_offset(&p.point.lsn, true)), &side)
                .await?;
            tracing::info!(point = %p.point.lsn, view = %lsn, "resuming the interrupted snapshot in a new view");
            p
        }
    };
    let point = progress.point.lsn;
    let mut out = ChunkSink::new(
        ctx.new_sink()?,
        key.clone(),
        snapshot_offset(&point, true),
        ctx.metrics.clone(),
    );
    let remaining = tables
        .iter()
        .filter(|t| !progress.tables.get(&t.id).is_some_and(|p| p.done))
        .count();
    let meter = SnapshotProgress::for_snapshot(ctx.metrics.clone(), tables.len(), remaining);
    let chunk = ctx
        .cfg
        .snapshot_fetch_size
        .min(ctx.settings.sink.batch_size)
        .max(1);
    let ts_ms = Timestamp::now().millis();
    for (i, t) in tables.iter().enumerate() {
        let mut tp = progress.tables.get(&t.id).cloned().unwrap_or_default();
        if tp.done {
            continue;
        }
        tp.order = t.key_orders().unwrap_or_default();
        let after = tp
            .last_key
            .as_ref()
            .and_then(|k| k.first().cloned().flatten())
            .and_then(|k| k.parse().ok());
        let started = std::time::Instant::now();
        meter.start_table(&t.id, 0, tp.rows);
        let mut reader = PageRead {
            conn: Some(&mut conn),
            rows: None,
            table: t,
            names: t.names(),
            after,
            ended: false,
        };
        let encoder = RowEncoder {
            ctx,
            table: t,
            point: point.to_string(),
            ts_ms,
        };
        let place = TablePlace {
            first: i == 0,
            last: i + 1 == tables.len(),
        };
        let tp = engine::copy_table(
            &t.id,
            &mut reader,
            &encoder,
            tp,
            &view,
            place,
            chunk,
            &mut out,
            &meter,
        )
        .await?;
        meter.finish_table(&t.id, tp.rows, started.elapsed());
        progress.tables.insert(t.id.clone(), tp);
    }
    let mut sink = out.finish().await?;
    conn.commit().await?;
    progress.settle();
    let catch_up = engine::complete(
        &mut sink,
        &key,
        &snapshot_offset(&point, false),
        &progress,
        &meter,
    )
    .await?;
    Ok((point, catch_up))
}
