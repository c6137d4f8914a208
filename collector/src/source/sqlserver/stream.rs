//! Streaming from the CDC change tables, as Debezium's streaming loop does: each window runs
//! from the stored position (its transaction again when it may be unfinished) up to the max
//! transaction LSN — at most `max.iteration.transactions` transactions; the change tables of the
//! captured tables are read a page at a time and merged in (`__$start_lsn`, `__$seqval`,
//! `__$operation`) order ([`super::cdc::Merge`]); events the stored position already covers are
//! skipped; each batch of `batch.size` events is committed with the offset after its last event.
//! An idle database is polled every `poll.interval.ms`.

use std::sync::Arc;

use protocol::envelope::{Op, Record, SnapshotMarker, SqlServerSource, Timestamp, ValueParts};
use tokio::sync::watch;

use super::cdc::{Change, Merge, Next};
use super::client::Conn;
use super::position::{offset_after, ResumeAt};
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

/// Streams until shutdown (returns Ok after committing what it read) or an error.
pub(crate) async fn run(
    ctx: Arc<SsContext>,
    tables: Vec<TableSchema>,
    mut at: ResumeAt,
    mut catch_up: Option<CatchUp>,
    mut shutdown: watch::Receiver<bool>,
) -> Result<(), CollectorError> {
    let mut conn = Conn::connect(&ctx.connect_options()).await?;
    let mut writer = Writer::spawn(ctx.new_sink()?, 1, ctx.metrics.clone());
    let names: Vec<Vec<String>> = tables.iter().map(|t| t.names()).collect();
    let batch = ctx.settings.sink.batch_size.max(1);
    let poll = std::time::Duration::from_millis(ctx.cfg.poll_interval_ms);
    tracing::info!(from = %at.read_from(), tables = tables.len(), "streaming the change tables");
    loop {
        if *shutdown.borrow() {
            writer.finish().await?;
            return Ok(());
        }
        let from = at.read_from();
        let to = match conn
            .max_tx_lsn(Some(from), ctx.cfg.max_iteration_transactions)
            .await?
        {
            Some(to) if to >= from => to,
            _ => {
                tokio::select! {
                    _ = tokio::time::sleep(poll) => {}
                    _ = shutdown.changed() => {}
                }
                continue;
            }
        };
        let mut merge: Merge<Row> = Merge::new(
            tables
                .iter()
                .map(|t| format!("{}_CT", t.instance))
                .collect(),
        );
        let mut after = vec![None; tables.len()];
        let mut records: Vec<Record> = Vec::with_capacity(batch);
        let mut events = 0usize;
        let mut last_offset = None;
        loop {
            match merge
                .next()
                .map_err(|e| super::SqlServerError::Prerequisite {
                    problem: e.to_string(),
                    fix: "check the change table (a capture job error?) and restart".into(),
                })? {
                Next::End => break,
                Next::Refill(t) => {
                    let page = conn
                        .changes(
                            &tables[t].instance,
                            &names[t],
                            &from,
                            &to,
                            after[t].as_ref(),
                            PAGE,
                        )
                        .await?;
                    if let Some(l) = page.last() {
                        after[t] = Some(l.pos);
                    }
                    let last = page.len() < PAGE;
                    merge.push(t, page, last);
                }
                Next::Event(t, change) => {
                    let pos = *change.pos();
                    if at.covers(&pos) {
                        continue;
                    }
                    let table = &tables[t];
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
                        encode(&ctx, table, &change, &mut records)?;
                    }
                    // the offset JSON is built once per batch, for its last event
                    last_offset = Some((pos, change.serial()));
                    events += 1;
                    if events >= batch {
                        writer
                            .send(Batch {
                                records: std::mem::take(&mut records),
                                offset: last_offset
                                    .take()
                                    .map(|(p, s)| offset_after(&p, s).to_json()),
                                side: SideWrites::default(),
                            })
                            .await?;
                        events = 0;
                    }
                }
            }
        }
        if last_offset.is_some() || !records.is_empty() {
            writer
                .send(Batch {
                    records,
                    offset: last_offset.map(|(p, s)| offset_after(&p, s).to_json()),
                    side: SideWrites::default(),
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

/// The records of one change: `c`, `u`, `d` (+ tombstone); a key change is a delete (+
/// tombstone) and a create, as Debezium emits it.
fn encode(
    ctx: &SsContext,
    t: &TableSchema,
    change: &Change<Row>,
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
    let emit = |op: Op,
                before: Option<&Row>,
                after: Option<&Row>,
                key_row: &Row,
                out: &mut Vec<Record>|
     -> Result<(), CollectorError> {
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
                transaction: None,
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
