//! Streaming from the CDC change tables, as Debezium's streaming loop does: each window runs
//! from the stored position (its transaction again when it may be unfinished) up to the max
//! transaction LSN — at most `max.iteration.transactions` transactions; the change tables of the
//! captured tables are read a page at a time and merged in (`__$start_lsn`, `__$seqval`,
//! `__$operation`) order ([`super::cdc::Merge`]); events the stored position already covers are
//! skipped; each batch of `batch.size` events is committed with the offset after its last event.
//! An idle database is polled every `poll.interval.ms`.

use std::sync::Arc;

use protocol::envelope::{
    self, Op, Record, SnapshotMarker, SqlServerSource, Timestamp, TransactionCounts, ValueParts,
};
use protocol::offset::{SqlLsn, SqlServerOffset};
use tokio::sync::watch;

use super::cdc::{Change, Merge, Next};
use super::client::Conn;
use super::history::Kind;
use super::position::{offset_after, ResumeAt, RowPosition};
use super::schema::TableSchema;
use super::snapshot::CatchUp;
use super::value::SqlValue;
use super::SsContext;
use crate::emit::KeyRef;
use crate::error::CollectorError;
use crate::sink::{Batch, SideWrites, Writer};

/// Change rows read per change table and query.
const PAGE: usize = 1000;

type Row = (Vec<SqlValue>, Option<i64>);

/// Debezium's offset keys of the open transaction (`provide.transaction.metadata`).
const TX_ID: &str = "transaction_id";
const TX_ORDER_PREFIX: &str = "transaction_data_collection_order_";

/// The transaction being emitted (`provide.transaction.metadata`): its id is its commit LSN
/// text, as Debezium's SQL Server connector names it; data collections are
/// `<database>.<schema>.<table>`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Tx {
    commit: SqlLsn,
    counts: TransactionCounts,
    /// The commit time of its last event (the END record's `ts_ms`).
    ts_ms: i64,
}

impl Tx {
    /// The transaction a stored offset was written inside (its BEGIN already emitted).
    pub(crate) fn from_offset(o: &SqlServerOffset) -> Option<Tx> {
        let id = o.other.get(TX_ID)?.as_str()?;
        let commit = SqlLsn::parse(id)?;
        let mut counts = TransactionCounts::default();
        for (k, v) in &o.other {
            if let Some(c) = k.strip_prefix(TX_ORDER_PREFIX) {
                let n = v.as_u64().unwrap_or(0);
                counts.total += n;
                counts.per_collection.push((c.to_string(), n));
            }
        }
        (counts.total > 0).then_some(Tx {
            commit,
            counts,
            ts_ms: 0,
        })
    }
}

/// The offset after `(row, serial)`, with the open transaction's keys.
fn offset_json(row: &RowPosition, serial: i64, tx: Option<&Tx>) -> String {
    let mut o = offset_after(row, serial);
    if let Some(t) = tx {
        o.other
            .insert(TX_ID.into(), serde_json::Value::from(t.commit.to_string()));
        for (c, n) in &t.counts.per_collection {
            o.other
                .insert(format!("{TX_ORDER_PREFIX}{c}"), serde_json::Value::from(*n));
        }
    }
    o.to_json()
}

/// Appends the END record of `tx` (when it emitted anything).
fn end_tx(ctx: &SsContext, tx: Option<Tx>, out: &mut Vec<Record>) {
    let Some(t) = tx.filter(|t| t.counts.total > 0) else {
        return;
    };
    let (key, value) =
        envelope::transaction_record_payloads(&t.commit.to_string(), Some(&t.counts), t.ts_ms);
    ctx.emitter
        .transaction(&ctx.naming.transaction_stream(), &key, &value, out);
}

/// Why streaming returned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Ended {
    Shutdown,
    /// The capture instances changed: the caller re-reads them and streams on.
    NewCaptureInstance,
}

/// Streams until shutdown (returns after committing what it read), a change of the capture
/// instances, or an error.
pub(crate) async fn run(
    ctx: Arc<SsContext>,
    tables: Vec<TableSchema>,
    mut at: ResumeAt,
    mut catch_up: Option<CatchUp>,
    mut tx: Option<Tx>,
    mut shutdown: watch::Receiver<bool>,
) -> Result<Ended, CollectorError> {
    let meta = ctx.cfg.provide_transaction_metadata;
    let collections: Vec<String> = tables
        .iter()
        .map(|t| format!("{}.{}", ctx.database(), t.id))
        .collect();
    // a source that is a table's newer capture instance: streaming switches to it (an ALTER in
    // the schema history) when the commit LSN reaches its start; a table whose only instance
    // starts after the position got CDC while streaming (a CREATE) — unless the stored
    // position is past that start already
    let successor: Vec<Option<Kind>> = tables
        .iter()
        .map(|t| {
            if tables.iter().any(|o| o.id == t.id && o.start < t.start) {
                Some(Kind::Alter)
            } else if !tables.iter().any(|o| o.id == t.id && o.start > t.start) {
                Some(Kind::Create)
            } else {
                None
            }
        })
        .collect();
    let mut migrated: Vec<bool> = tables.iter().map(|t| at.commit >= t.start).collect();
    let mut conn = Conn::connect(&ctx.connect_options()).await?;
    let mut writer = Writer::spawn(ctx.new_sink()?, 1, ctx.metrics.clone());
    let names: Vec<Vec<super::client::SelectColumn>> = tables.iter().map(|t| t.names()).collect();
    let batch = ctx.settings.sink.batch_size.max(1);
    let poll = std::time::Duration::from_millis(ctx.cfg.poll_interval_ms);
    // `heartbeat.interval.ms` (10 s when unset): while the captured tables are idle and other
    // transactions move the max LSN, the stored offset follows (so the cleanup job never takes
    // the position of an idle collector)
    let heartbeat = std::time::Duration::from_millis(match ctx.cfg.heartbeat_interval_ms {
        0 => 10_000,
        n => n,
    });
    let mut last_store = std::time::Instant::now();
    // the transaction LSN the stored offset completes (None: it is an event's position)
    let mut stored_whole: Option<SqlLsn> = None;
    tracing::info!(from = %at.read_from(), tables = tables.len(), "streaming the change tables");
    ctx.metrics.connected();
    // the commit LSN of the last transaction counted in the metrics
    let mut counted: Option<SqlLsn> = None;
    loop {
        let due = last_store.elapsed() >= heartbeat || *shutdown.borrow();
        if due && at.change.is_none() && stored_whole != Some(at.commit) {
            let o = SqlServerOffset {
                commit_lsn: Some(at.commit),
                change_lsn: None,
                event_serial_no: Some(0),
                ..SqlServerOffset::default()
            };
            writer
                .send(Batch {
                    offset: Some(o.to_json()),
                    ..Batch::default()
                })
                .await?;
            stored_whole = Some(at.commit);
            last_store = std::time::Instant::now();
        }
        if *shutdown.borrow() {
            writer.finish().await?;
            return Ok(Ended::Shutdown);
        }
        let from = at.read_from();
        let to = match conn
            .max_tx_lsn(Some(from), ctx.cfg.max_iteration_transactions)
            .await?
        {
            Some(to) if to >= from => to,
            _ => {
                tokio::select! {
                    _ = tokio::time::sleep(poll.min(heartbeat)) => {}
                    _ = shutdown.changed() => {}
                }
                continue;
            }
        };
        // a new capture instance of a captured table (a schema change) or a newly captured
        // table reaching into this window: re-read the captured tables and continue from the
        // stored offset (everything read so far is committed first)
        let fresh = conn.capture_instances().await?.into_iter().find(|c| {
            c.start_lsn <= to
                && ctx.settings.tables.matches(&c.schema, &c.table)
                && !tables.iter().any(|t| t.instance == c.instance)
        });
        if let Some(c) = fresh {
            tracing::info!(instance = %c.instance, table = %format!("{}.{}", c.schema, c.table), start = %c.start_lsn, "a new capture instance: re-reading the captured tables");
            writer.finish().await?;
            return Ok(Ended::NewCaptureInstance);
        }
        let mut merge: Merge<Row> = Merge::new(
            tables
                .iter()
                .map(|t| format!("{}_CT", t.instance))
                .collect(),
        );
        let mut after = vec![None; tables.len()];
        let mut records: Vec<Record> = Vec::with_capacity(batch);
        let mut events = 0usize;
        let mut last_offset: Option<(RowPosition, i64)> = None;
        let mut side = SideWrites::default();
        loop {
            match merge
                .next()
                .map_err(|e| super::SqlServerError::Prerequisite {
                    problem: e.to_string(),
                    fix: "check the change table (a capture job error?) and restart".into(),
                })? {
                Next::End => break,
                Next::Refill(t) => {
                    // an older capture instance is read up to its successor's start LSN
                    let stop = tables[t].stop;
                    if stop.is_some_and(|s| s <= from) {
                        merge.push(t, Vec::new(), true);
                        continue;
                    }
                    let page = match conn
                        .changes(
                            &tables[t].instance,
                            &names[t],
                            &from,
                            &to,
                            after[t].as_ref(),
                            PAGE,
                        )
                        .await
                    {
                        Ok(page) => page,
                        Err(super::SqlServerError::Server { code: 208, .. }) if stop.is_some() => {
                            tracing::info!(
                                instance = %tables[t].instance,
                                "the older capture instance was dropped: reading its successor only"
                            );
                            merge.push(t, Vec::new(), true);
                            continue;
                        }
                        Err(e) => return Err(e.into()),
                    };
                    if let Some(l) = page.last() {
                        after[t] = Some(l.pos);
                    }
                    let mut last = page.len() < PAGE;
                    let mut page = page;
                    if let Some(s) = stop {
                        let read = page.len();
                        page.retain(|r| r.pos.commit < s);
                        last |= page.len() < read;
                    }
                    merge.push(t, page, last);
                }
                Next::Event(t, change) => {
                    let pos = *change.pos();
                    if at.covers(&pos) {
                        continue;
                    }
                    let table = &tables[t];
                    if let (Some(kind), false) = (successor[t], migrated[t]) {
                        let position = match &last_offset {
                            Some((p, s)) => offset_json(p, *s, tx.as_ref()),
                            None => resume_offset_json(&at),
                        };
                        switch(&ctx, kind, table, &position, &mut side, &mut records);
                        migrated[t] = true;
                    }
                    if tx.as_ref().is_some_and(|x| x.commit != pos.commit) {
                        end_tx(&ctx, tx.take(), &mut records);
                    }
                    if counted != Some(pos.commit) {
                        counted = Some(pos.commit);
                        ctx.metrics.transaction_committed(change_ts(&change));
                    }
                    let keep = match &catch_up {
                        Some(c) if c.ended(&pos.commit) => {
                            catch_up = None;
                            true
                        }
                        Some(c) => {
                            let key = match &change {
                                Change::Insert { after, .. } => table.key_text(&after.0),
                                Change::Delete { before, .. } => table.key_text(&before.0),
                                Change::Update { after, .. } => table.key_text(&after.0),
                            };
                            let cells: Vec<Option<&str>> =
                                key.iter().map(|k| k.as_deref()).collect();
                            c.emit(&table.id, &cells, &pos.commit)
                        }
                        None => true,
                    };
                    if keep {
                        let at = records.len();
                        let mut began = false;
                        let ts_ms = change_ts(&change);
                        let mut block = || {
                            if !meta {
                                return None;
                            }
                            let x = tx.get_or_insert_with(|| Tx {
                                commit: pos.commit,
                                counts: TransactionCounts::default(),
                                ts_ms,
                            });
                            x.ts_ms = ts_ms;
                            began |= x.counts.total == 0;
                            let (total, per) = x.counts.event(&collections[t]);
                            Some(envelope::transaction_block_json(
                                &pos.commit.to_string(),
                                total,
                                per,
                            ))
                        };
                        encode(&ctx, table, &change, &mut block, &mut records)?;
                        if began {
                            let (key, value) = envelope::transaction_record_payloads(
                                &pos.commit.to_string(),
                                None,
                                ts_ms,
                            );
                            let mut begin = Vec::with_capacity(1);
                            ctx.emitter.transaction(
                                &ctx.naming.transaction_stream(),
                                &key,
                                &value,
                                &mut begin,
                            );
                            records.splice(at..at, begin);
                        }
                    }
                    // the offset JSON is built once per batch, for its last event
                    last_offset = Some((pos, change.serial()));
                    events += 1;
                    if events >= batch {
                        stored_whole = None;
                        last_store = std::time::Instant::now();
                        writer
                            .send(Batch {
                                records: std::mem::take(&mut records),
                                offset: last_offset
                                    .take()
                                    .map(|(p, s)| offset_json(&p, s, tx.as_ref())),
                                side: std::mem::take(&mut side),
                            })
                            .await?;
                        events = 0;
                    }
                }
            }
        }
        // a window holds whole transactions: the open one ends here
        if tx.is_some() {
            end_tx(&ctx, tx.take(), &mut records);
            if last_offset.is_none() {
                // only the END of a transaction resumed after a restart: the same position,
                // without the transaction's keys
                last_offset = at.change.map(|change| {
                    (
                        RowPosition {
                            commit: at.commit,
                            change,
                            operation: 0,
                        },
                        at.serial,
                    )
                });
            }
        }
        // a switch point this window covered without a change of that table
        for (t, table) in tables.iter().enumerate() {
            if let (Some(kind), false, true) = (successor[t], migrated[t], table.start <= to) {
                let position = match &last_offset {
                    Some((p, s)) => offset_json(p, *s, None),
                    None => resume_offset_json(&at),
                };
                switch(&ctx, kind, table, &position, &mut side, &mut records);
                migrated[t] = true;
            }
        }
        if last_offset.is_some() || !records.is_empty() || !side.xadd.is_empty() {
            if last_offset.is_some() {
                stored_whole = None;
                last_store = std::time::Instant::now();
            }
            writer
                .send(Batch {
                    records,
                    offset: last_offset.map(|(p, s)| offset_json(&p, s, None)),
                    side: std::mem::take(&mut side),
                })
                .await?;
        }
        at = ResumeAt {
            commit: to,
            change: None,
            serial: 0,
        };
    }
}

/// The stored position `at` as Debezium's offset JSON.
fn resume_offset_json(at: &ResumeAt) -> String {
    SqlServerOffset {
        commit_lsn: Some(at.commit),
        change_lsn: at.change,
        event_serial_no: Some(at.serial),
        ..SqlServerOffset::default()
    }
    .to_json()
}

/// The switch to `table`'s newer capture instance (ALTER), or a table newly captured (CREATE):
/// the schema history record and, with `include.schema.changes`, the event on the
/// `<topic.prefix>` stream (before the events that follow).
fn switch(
    ctx: &SsContext,
    kind: Kind,
    table: &TableSchema,
    position: &str,
    side: &mut SideWrites,
    out: &mut Vec<Record>,
) {
    tracing::info!(table = %table.id, instance = %table.instance, at = %table.start, ?kind, "capture instance reached");
    let ts_ms = Timestamp::now().millis();
    side.xadd
        .push(ctx.history_entry(position, ts_ms, kind, table));
    let mut source = String::with_capacity(320);
    let start = table.start.to_string();
    SqlServerSource {
        name: &ctx.cfg.topic_prefix,
        ts_ms,
        snapshot: SnapshotMarker::False,
        db: ctx.database(),
        schema: &table.schema,
        table: &table.table,
        change_lsn: None,
        commit_lsn: Some(&start),
        event_serial_no: None,
    }
    .write_json(&mut source);
    out.extend(ctx.schema_change_record(&source, ts_ms, kind, table));
}

/// The commit time of a change (its rows carry it), or now.
fn change_ts(change: &Change<Row>) -> i64 {
    let row = match change {
        Change::Insert { after, .. } => after,
        Change::Delete { before, .. } => before,
        Change::Update { after, .. } => after,
    };
    row.1.unwrap_or_else(|| Timestamp::now().millis())
}

/// The records of one change: `c`, `u`, `d` (+ tombstone); a key change is a delete (+
/// tombstone) and a create, as Debezium emits it.
fn encode(
    ctx: &SsContext,
    t: &TableSchema,
    change: &Change<Row>,
    block: &mut dyn FnMut() -> Option<String>,
    out: &mut Vec<Record>,
) -> Result<(), CollectorError> {
    let skip = &ctx.settings.skip;
    let pos = change.pos();
    let commit = pos.commit.to_string();
    let seq = pos.change.to_string();
    let ts = |row: &Row| row.1.unwrap_or_else(|| Timestamp::now().millis());
    let source = |ts_ms: i64| {
        let mut s = String::with_capacity(320);
        SqlServerSource {
            name: &ctx.cfg.topic_prefix,
            ts_ms,
            snapshot: SnapshotMarker::False,
            db: ctx.database(),
            schema: &t.schema,
            table: &t.table,
            change_lsn: Some(&seq),
            commit_lsn: Some(&commit),
            event_serial_no: Some(change.serial()),
        }
        .write_json(&mut s);
        s
    };
    let mut emit = |op: Op,
                    before: Option<&Row>,
                    after: Option<&Row>,
                    key_row: &Row,
                    out: &mut Vec<Record>|
     -> Result<(), CollectorError> {
        let transaction = block();
        let b = before.map(|r| t.row_json(&r.0)).transpose()?;
        let a = after.map(|r| t.row_json(&r.0)).transpose()?;
        let key = t.key_json(&key_row.0)?;
        let keyref = KeyRef {
            schema_json: t.key_schema_json.as_deref(),
            payload: key.as_deref(),
        };
        ctx.emitter.change(
            &t.stream,
            keyref,
            &t.envelope_schema_json,
            &ValueParts {
                before: b.as_deref(),
                after: a.as_deref(),
                source: &source(ts(key_row)),
                transaction: transaction.as_deref(),
                op,
                ts: Timestamp::now(),
            },
            None,
            out,
        );
        if op == Op::Delete {
            ctx.emitter.tombstone(&t.stream, keyref, None, out);
        }
        Ok(())
    };
    match change {
        Change::Insert { after, .. } if !skip.create => {
            emit(Op::Create, None, Some(after), after, out)?
        }
        Change::Delete { before, .. } if !skip.delete => {
            emit(Op::Delete, Some(before), None, before, out)?
        }
        Change::Update { before, after, .. } if !skip.update => {
            if t.key.iter().any(|&i| before.0.get(i) != after.0.get(i)) {
                emit(Op::Delete, Some(before), None, before, out)?;
                emit(Op::Create, None, Some(after), after, out)?;
            } else {
                emit(Op::Update, Some(before), Some(after), after, out)?;
            }
        }
        _ => {}
    }
    Ok(())
}
