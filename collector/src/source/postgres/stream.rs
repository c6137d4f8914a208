//! Streaming: pgoutput over the replication protocol, from a stored offset, into Redis.
//!
//! # Why neither loss nor duplicate
//! * The **offset is written with the entries it covers** (one MULTI/EXEC in the sink), so Redis
//!   always holds exactly the events up to its offset.
//! * The **slot is confirmed only up to the `lsn_commit` stored in Redis** (the end of the last
//!   transaction whose events are all durable), so Postgres keeps every transaction we may still
//!   need. The slot's `restart_lsn` therefore never passes the stored `lsn_proc`, which Debezium
//!   checks when it takes over.
//! * Offsets use Debezium's meaning: after a change at LSN `L` inside a transaction,
//!   `{lsn: L, lsn_proc: L, lsn_commit: <end of the previous commit>}`; after a commit,
//!   `lsn = lsn_proc = lsn_commit = <commit end>`, `messageType: COMMIT`. A batch is never cut
//!   inside a group of changes sharing one LSN (COPY multi-inserts), so `lsn_proc` is exact.
//! * On restart Postgres resends every transaction committed after the confirmed LSN. The
//!   [`ResumeFilter`] drops transactions whose commit lies before the stored `lsn_commit`, and in
//!   the first transaction after it the changes up to the stored `lsn_proc` (changes within one
//!   transaction arrive in LSN order). That is right for offsets written by Debezium too.
//!
//! Memory is bounded: the reader hands batches of at most `batch.size` records to the writer
//! through a channel of one batch (the writer commits one while the reader fills the next); when Redis is slow the reader stops reading, and TCP
//! back-pressure holds the WAL sender.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use bytes::Bytes;
use protocol::envelope::{
    self, Op, PgSource, Record, SnapshotMarker, Timestamp, TransactionCounts, ValueParts,
};
use protocol::offset::{PgLsn, PgOffset};
use tokio::sync::{mpsc, watch};

use super::client::{ReplicationClient, ReplicationStream};
use super::decode::{self, Cell, PgOutput, ReplicationFrame};
use super::schema::{Catalog, CellRef, TableId, TableSchema};
use super::snapshot::{PgCatchUp, PgChange};
use super::value::Phase;
use super::{connect_sql, PgContext, PgError};
use crate::emit::KeyRef;
use crate::error::CollectorError;
use crate::failpoint;
use crate::sink::SideWrites;

/// Where streaming starts and what it skips.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ResumeFilter {
    /// Stored `lsn_commit`: transactions committed before it are done.
    pub commit: Option<u64>,
    /// Stored `lsn_proc` when it points at a change (mid-transaction).
    pub change: Option<u64>,
    /// Transaction metadata of a transaction interrupted mid-way: (xid, counts so far).
    pub tx_counts: Option<(u32, TransactionCounts)>,
}

impl ResumeFilter {
    pub(crate) fn from_offset(o: &PgOffset) -> ResumeFilter {
        let change_type = matches!(
            o.message_type.as_deref(),
            Some("INSERT" | "UPDATE" | "DELETE" | "TRUNCATE")
        );
        let tx_counts = o
            .other
            .get("transaction_id")
            .and_then(|v| {
                v.as_str()
                    .and_then(|s| s.parse::<u32>().ok())
                    .or(v.as_u64().map(|n| n as u32))
            })
            .filter(|_| change_type)
            .map(|xid| {
                let mut c = TransactionCounts::default();
                for (k, v) in &o.other {
                    if let Some(coll) = k.strip_prefix(TX_ORDER_PREFIX) {
                        let n = v.as_u64().unwrap_or(0);
                        c.total += n;
                        c.per_collection.push((coll.to_string(), n));
                    }
                }
                (xid, c)
            });
        ResumeFilter {
            commit: o.lsn_commit.or(o.lsn_proc).map(|l| l.0),
            change: if change_type {
                o.lsn_proc.or(o.lsn).map(|l| l.0)
            } else {
                None
            },
            tx_counts,
        }
    }

    /// No filtering (streaming from a fresh snapshot's consistent point).
    pub(crate) fn none() -> ResumeFilter {
        ResumeFilter {
            commit: None,
            change: None,
            tx_counts: None,
        }
    }

    /// Decides for a transaction by its `final_lsn` (commit record start): whole-skip, or the
    /// LSN up to which its changes are skipped. Consumes the filter once a transaction passes.
    pub(crate) fn for_transaction(&mut self, final_lsn: u64) -> TxSkip {
        match self.commit {
            Some(c) if final_lsn < c => TxSkip::Whole,
            Some(_) => {
                let upto = self.change.take();
                self.commit = None;
                match upto {
                    Some(l) => TxSkip::UpTo(l),
                    None => TxSkip::None,
                }
            }
            None => TxSkip::None,
        }
    }
}

/// A TRUNCATE committed between two views of a resumed snapshot: rows of the table were read
/// both before and after it, so neither emitting nor dropping it is right.
fn truncate_in_catch_up(id: &TableId, lsn: u64) -> PgError {
    PgError::Prerequisite {
        problem: format!(
            "TRUNCATE of {id} at LSN {} was committed while an interrupted snapshot was being resumed: rows of the table were read both before and after it",
            PgLsn(lsn)
        ),
        fix: "take a new snapshot (delete this connector's field in metadata:debezium:offsets and the key metadata:redcdc:snapshot:<prefix>, then run again), or keep truncates skipped (skipped_operations t, the default)".into(),
    }
}

/// The key columns' text of a row image (the catch-up compares keys as text).
fn key_cells<'c>(schema: &TableSchema, cells: &'c Option<Vec<Cell>>) -> Vec<Option<&'c str>> {
    schema
        .resume_key
        .iter()
        .map(|&i| match cells.as_ref().and_then(|c| c.get(i)) {
            Some(Cell::Text(b)) => std::str::from_utf8(b).ok(),
            _ => None,
        })
        .collect()
}

/// Offset key prefix of per-table event counts of the current transaction (Debezium's).
const TX_ORDER_PREFIX: &str = "transaction_data_collection_order_";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TxSkip {
    None,
    Whole,
    UpTo(u64),
}

struct Tx {
    xid: u32,
    /// Start of the commit record (the catch-up's position of the transaction).
    final_lsn: u64,
    commit_time_us: i64,
    skip: TxSkip,
    /// Transaction metadata: whether BEGIN was emitted, and the event counts so far.
    begun: bool,
    counts: TransactionCounts,
}

/// A unit of work for the writer.
struct Batch {
    records: Vec<Record>,
    offset: String,
    /// The commit end LSN the slot may confirm once this batch is durable.
    confirm: Option<u64>,
}

/// Starts replication at `start` and runs until shutdown or an error.
pub(crate) async fn run(
    ctx: Arc<PgContext>,
    start: u64,
    mut filter: ResumeFilter,
    catch_up: Option<PgCatchUp>,
    mut shutdown: watch::Receiver<bool>,
) -> Result<(), CollectorError> {
    let pg = &ctx.pg;
    let sql = connect_sql(pg).await?;
    let mut repl = ReplicationClient::connect(pg).await?;
    let mut options = format!(
        "proto_version '1', publication_names {}",
        super::schema::quote_literal(&pg.publication_name)
    );
    if ctx.server_version >= 140000 {
        options.push_str(", messages 'true'");
    }
    let cmd = format!(
        "START_REPLICATION SLOT {} LOGICAL {} ({options})",
        super::schema::quote_ident(&pg.slot_name),
        PgLsn(start)
    );
    let _ = repl.simple_query("SELECT 1").await; // fail early on a dead connection
    end_stale_holder(&sql, &pg.slot_name).await?;
    let mut stream = repl.start_replication(&cmd).await?;
    tracing::info!(slot = %pg.slot_name, start = %PgLsn(start), "streaming started");
    ctx.metrics.connected();

    let (tx_batches, mut rx_batches) = mpsc::channel::<Batch>(1);
    let (durable_tx, durable_rx) = watch::channel::<u64>(0);
    let writer_ctx = ctx.clone();
    let writer = tokio::spawn(async move {
        let mut sink = writer_ctx.new_sink()?;
        let side = SideWrites::default();
        while let Some(b) = rx_batches.recv().await {
            failpoint::hit("before_offset_commit");
            sink.commit(&b.records, Some(&b.offset), &side).await?;
            writer_ctx.metrics.committed_records(&b.records);
            if let Some(c) = b.confirm {
                let _ = durable_tx.send(c);
            }
        }
        Ok::<(), CollectorError>(())
    });

    let mut reader = Reader {
        ctx: ctx.clone(),
        sql,
        catalog: Catalog::new(ctx.enums.clone()),
        relations: HashMap::new(),
        tx: None,
        last_commit: filter.commit,
        batch: Vec::new(),
        offset: None,
        confirm: None,
        last_change_lsn: None,
        pending_since: None,
        wal_end: start,
        last_commit_time_us: 0,
        catch_up,
    };
    let result = reader
        .pump(
            &mut stream,
            &mut filter,
            &tx_batches,
            durable_rx,
            &mut shutdown,
        )
        .await;
    drop(tx_batches);
    let wr = writer.await;
    result?;
    match wr {
        Ok(r) => r?,
        Err(e) => return Err(PgError::Protocol(format!("writer task failed: {e}")).into()),
    }
    Ok(())
}

struct Reader {
    ctx: Arc<PgContext>,
    sql: tokio_postgres::Client,
    catalog: Catalog,
    /// Relation oid -> schema, None for tables we do not capture.
    relations: HashMap<u32, Option<Arc<TableSchema>>>,
    tx: Option<Tx>,
    last_commit: Option<u64>,
    batch: Vec<Record>,
    offset: Option<PgOffset>,
    confirm: Option<u64>,
    last_change_lsn: Option<u64>,
    pending_since: Option<Instant>,
    wal_end: u64,
    last_commit_time_us: i64,
    /// After a resumed snapshot: drops the changes the snapshot's later views contain.
    catch_up: Option<PgCatchUp>,
}

impl Reader {
    async fn pump(
        &mut self,
        stream: &mut ReplicationStream,
        filter: &mut ResumeFilter,
        out: &mpsc::Sender<Batch>,
        durable: watch::Receiver<u64>,
        shutdown: &mut watch::Receiver<bool>,
    ) -> Result<(), CollectorError> {
        let mut ticker = tokio::time::interval(Duration::from_millis(20));
        ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        let mut last_status = Instant::now();
        let mut last_lag_log = Instant::now();
        let mut last_idle_commit = Instant::now();
        let mut confirmed_sent = 0u64;
        let heartbeat = Duration::from_millis(match self.ctx.pg.heartbeat_interval_ms {
            0 => 10_000,
            n => n,
        });
        loop {
            tokio::select! {
                frame = stream.next() => {
                    let frame = decode::replication_frame(frame?).map_err(|e| PgError::Decode(e.to_string()))?;
                    match frame {
                        ReplicationFrame::XLogData { start, end, data, .. } => {
                            self.wal_end = self.wal_end.max(end);
                            self.message(start, data, filter, out).await?;
                        }
                        ReplicationFrame::Keepalive { end, reply_requested } => {
                            self.wal_end = self.wal_end.max(end);
                            if reply_requested {
                                let d = *durable.borrow();
                                stream.send(decode::standby_status(d, Timestamp::now().micros(), false)).await?;
                                confirmed_sent = d;
                                last_status = Instant::now();
                            }
                        }
                    }
                }
                _ = ticker.tick() => {
                    let idle = self.tx.is_none();
                    if idle && self.pending_since.is_some_and(|t| t.elapsed() >= Duration::from_millis(20)) {
                        self.flush(out).await?;
                    }
                    // idle database: move the offset (and so the slot) to the server's WAL end
                    if idle && self.batch.is_empty() && self.offset.is_none()
                        && out.capacity() == out.max_capacity()
                        && *durable.borrow() >= self.last_commit.unwrap_or(0)
                        && self.wal_end > self.last_commit.unwrap_or(0)
                        && self.wal_end > *durable.borrow()
                        && last_idle_commit.elapsed() >= heartbeat
                    {
                        last_idle_commit = Instant::now();
                        self.last_commit = Some(self.wal_end);
                        self.offset = Some(PgOffset {
                            lsn: Some(PgLsn(self.wal_end)),
                            lsn_proc: Some(PgLsn(self.wal_end)),
                            lsn_commit: Some(PgLsn(self.wal_end)),
                            message_type: Some("COMMIT".into()),
                            ts_usec: Some(Timestamp::now().micros()),
                            ..Default::default()
                        });
                        self.confirm = Some(self.wal_end);
                        self.flush(out).await?;
                    }
                    let d = *durable.borrow();
                    if d > confirmed_sent || last_status.elapsed() >= Duration::from_secs(10) {
                        stream.send(decode::standby_status(d, Timestamp::now().micros(), false)).await?;
                        confirmed_sent = d;
                        last_status = Instant::now();
                    }
                    if last_lag_log.elapsed() >= Duration::from_secs(10) {
                        last_lag_log = Instant::now();
                        let lag_s = if self.last_commit_time_us > 0 && self.tx.is_some() {
                            (Timestamp::now().micros() - self.last_commit_time_us) as f64 / 1e6
                        } else { 0.0 };
                        let lag_bytes = self.wal_end.saturating_sub(d);
                        self.ctx.metrics.set_lag(lag_bytes, lag_s);
                        tracing::info!(lag_bytes, lag_seconds = format!("{lag_s:.1}"), confirmed = %PgLsn(d), "streaming");
                    }
                    if out.is_closed() {
                        return Ok(()); // writer stopped: its error is reported by the caller
                    }
                }
                _ = shutdown.changed() => {
                    tracing::info!("shutdown requested: flushing");
                    self.flush(out).await?;
                    return Ok(());
                }
            }
        }
    }

    async fn flush(&mut self, out: &mpsc::Sender<Batch>) -> Result<(), CollectorError> {
        self.pending_since = None;
        let Some(offset) = self.offset.take() else {
            return Ok(());
        };
        let records = std::mem::take(&mut self.batch);
        let confirm = self.confirm.take();
        out.send(Batch {
            records,
            offset: offset.to_json(),
            confirm,
        })
        .await
        .map_err(|_| PgError::Protocol("writer stopped".into()))?;
        Ok(())
    }

    async fn message(
        &mut self,
        lsn: u64,
        data: Bytes,
        filter: &mut ResumeFilter,
        out: &mpsc::Sender<Batch>,
    ) -> Result<(), CollectorError> {
        let msg = decode::pgoutput(data)
            .map_err(|e| PgError::Decode(format!("{e} at LSN {}", PgLsn(lsn))))?;
        match msg {
            PgOutput::Begin {
                final_lsn,
                commit_time_us,
                xid,
            } => {
                let resume_counts = filter.tx_counts.clone();
                let skip = filter.for_transaction(final_lsn);
                let (begun, counts) = match (skip, resume_counts) {
                    (TxSkip::UpTo(_), Some((x, c))) if x == xid => (true, c),
                    _ => (false, TransactionCounts::default()),
                };
                if self.catch_up.as_ref().is_some_and(|c| {
                    c.ended(&PgChange {
                        xid,
                        commit_lsn: final_lsn,
                    })
                }) {
                    tracing::info!(lsn = %PgLsn(final_lsn), "snapshot catch-up finished");
                    self.catch_up = None;
                }
                self.tx = Some(Tx {
                    xid,
                    final_lsn,
                    commit_time_us,
                    skip,
                    begun,
                    counts,
                });
                self.last_commit_time_us = commit_time_us;
            }
            PgOutput::Commit {
                end_lsn,
                commit_time_us,
                ..
            } => {
                let tx = self.tx.take();
                let was_skipped = tx.as_ref().is_some_and(|t| t.skip == TxSkip::Whole);
                self.ctx
                    .metrics
                    .transaction_committed(commit_time_us / 1000);
                self.last_commit = Some(end_lsn);
                self.last_change_lsn = None;
                if !was_skipped {
                    if let Some(t) = tx.as_ref().filter(|t| t.begun) {
                        self.transaction_record(
                            &format!("{}:{end_lsn}", t.xid),
                            Some(&t.counts),
                            commit_time_us / 1000,
                        );
                    }
                    self.offset = Some(PgOffset {
                        lsn: Some(PgLsn(end_lsn)),
                        lsn_proc: Some(PgLsn(end_lsn)),
                        lsn_commit: Some(PgLsn(end_lsn)),
                        message_type: Some("COMMIT".into()),
                        tx_id: tx.as_ref().map(|t| t.xid as i64),
                        ts_usec: Some(commit_time_us),
                        other: self.tx_offset_keys(tx.as_ref()),
                        ..Default::default()
                    });
                    self.confirm = Some(end_lsn);
                    if self.pending_since.is_none() {
                        self.pending_since = Some(Instant::now());
                    }
                    if self.batch.len() >= self.ctx.settings.sink.batch_size {
                        self.flush(out).await?;
                    }
                }
            }
            PgOutput::Relation(rel) => {
                let id = TableId {
                    schema: rel.schema.clone(),
                    table: rel.table.clone(),
                };
                let captured = self.ctx.settings.tables.matches(&id.schema, &id.table);
                let current = self.relations.get(&rel.oid).cloned().flatten();
                let same_shape = current.as_ref().is_some_and(|s| {
                    s.names.len() == rel.columns.len()
                        && s.names.iter().zip(&rel.columns).all(|(n, c)| *n == c.name)
                        && s.types
                            .iter()
                            .zip(&rel.columns)
                            .all(|(t, c)| t.0 == c.type_oid && t.1 == c.type_modifier)
                });
                if !captured {
                    self.relations.insert(rel.oid, None);
                } else if !same_shape {
                    let schema = self
                        .catalog
                        .table(&self.sql, &id, rel.oid, Some(&rel), &self.ctx.naming)
                        .await
                        .map_err(|e| match e {
                            PgError::Sql(m) => {
                                PgError::Sql(format!("reading the schema of {id}: {m}"))
                            }
                            o => o,
                        })?;
                    tracing::info!(table = %id, columns = schema.names.len(), "table schema loaded");
                    self.relations.insert(rel.oid, Some(Arc::new(schema)));
                }
            }
            PgOutput::Insert { rel, new } => {
                self.change(lsn, rel, Op::Create, None, false, Some(new), out)
                    .await?;
            }
            PgOutput::Update {
                rel,
                old,
                old_is_key_only,
                new,
            } => {
                self.change(lsn, rel, Op::Update, old, old_is_key_only, Some(new), out)
                    .await?;
            }
            PgOutput::Delete {
                rel,
                old,
                old_is_key_only,
            } => {
                self.change(lsn, rel, Op::Delete, Some(old), old_is_key_only, None, out)
                    .await?;
            }
            PgOutput::Truncate { rels, .. } => {
                if self.ctx.settings.skip.truncate || self.skipping(lsn) {
                    return Ok(());
                }
                self.before_change(lsn, out).await?;
                for rel in rels {
                    let Some(Some(schema)) = self.relations.get(&rel).cloned() else {
                        continue;
                    };
                    if let (Some(c), Some(tx)) = (&self.catch_up, &self.tx) {
                        let change = PgChange {
                            xid: tx.xid,
                            commit_lsn: tx.final_lsn,
                        };
                        match c.table_wide(&schema.id.to_string(), &change) {
                            Some(true) => {}
                            Some(false) => continue,
                            None => return Err(truncate_in_catch_up(&schema.id, lsn).into()),
                        }
                    }
                    let mut src = String::new();
                    self.source(&schema, lsn).write_json(&mut src);
                    let block = self.next_tx_block(lsn, &schema.id.to_string());
                    self.ctx.emitter.change(
                        &schema.stream,
                        KeyRef {
                            schema_json: None,
                            payload: None,
                        },
                        &schema.envelope_schema_json,
                        &ValueParts {
                            before: None,
                            after: None,
                            source: &src,
                            transaction: block.as_deref(),
                            op: Op::Truncate,
                            ts: Timestamp::now(),
                        },
                        None,
                        &mut self.batch,
                    );
                }
                self.after_change(lsn, "TRUNCATE");
            }
            PgOutput::Type { .. } | PgOutput::Origin | PgOutput::Message => {}
        }
        Ok(())
    }

    fn skipping(&self, lsn: u64) -> bool {
        match self.tx.as_ref().map(|t| t.skip) {
            Some(TxSkip::Whole) => true,
            Some(TxSkip::UpTo(l)) => lsn <= l,
            _ => false,
        }
    }

    fn source<'a>(&'a self, schema: &'a TableSchema, lsn: u64) -> PgSource<'a> {
        let pg = &self.ctx.pg;
        PgSource {
            name: &pg.topic_prefix,
            db: &pg.dbname,
            ts_us: self.tx.as_ref().map_or(0, |t| t.commit_time_us),
            snapshot: SnapshotMarker::False,
            sequence: Some((self.last_commit, Some(lsn))),
            schema: &schema.id.schema,
            table: &schema.id.table,
            tx_id: self.tx.as_ref().map(|t| t.xid as i64),
            lsn: Some(lsn),
        }
    }

    /// Flushes a full batch before a change that starts a new LSN group.
    async fn before_change(
        &mut self,
        lsn: u64,
        out: &mpsc::Sender<Batch>,
    ) -> Result<(), CollectorError> {
        if self.batch.len() >= self.ctx.settings.sink.batch_size
            && self.last_change_lsn != Some(lsn)
            && self.offset.is_some()
        {
            self.flush(out).await?;
        }
        Ok(())
    }

    fn after_change(&mut self, lsn: u64, kind: &str) {
        self.last_change_lsn = Some(lsn);
        self.offset = Some(PgOffset {
            lsn: Some(PgLsn(lsn)),
            lsn_proc: Some(PgLsn(lsn)),
            lsn_commit: self.last_commit.map(PgLsn),
            message_type: Some(kind.to_string()),
            tx_id: self.tx.as_ref().map(|t| t.xid as i64),
            ts_usec: self.tx.as_ref().map(|t| t.commit_time_us),
            other: self.tx_offset_keys(self.tx.as_ref()),
            ..Default::default()
        });
        if self.pending_since.is_none() {
            self.pending_since = Some(Instant::now());
        }
    }

    /// Debezium's transaction keys in the offset (only with transaction metadata on).
    fn tx_offset_keys(&self, tx: Option<&Tx>) -> serde_json::Map<String, serde_json::Value> {
        let mut m = serde_json::Map::new();
        if let Some(t) = tx.filter(|t| t.begun && self.ctx.pg.provide_transaction_metadata) {
            m.insert(
                "transaction_id".into(),
                serde_json::Value::from(t.xid.to_string()),
            );
            for (c, n) in &t.counts.per_collection {
                m.insert(format!("{TX_ORDER_PREFIX}{c}"), serde_json::Value::from(*n));
            }
        }
        m
    }

    /// Appends a BEGIN (no counts) or END record to the transaction topic.
    fn transaction_record(&mut self, id: &str, counts: Option<&TransactionCounts>, ts_ms: i64) {
        let (key, value) = envelope::transaction_record_payloads(id, counts, ts_ms);
        self.ctx.emitter.transaction(
            &self.ctx.naming.transaction_stream(),
            &key,
            &value,
            &mut self.batch,
        );
    }

    /// With transaction metadata on: emits BEGIN before the transaction's first event and
    /// returns the `transaction` block of the next event of `collection`.
    fn next_tx_block(&mut self, lsn: u64, collection: &str) -> Option<String> {
        if !self.ctx.pg.provide_transaction_metadata {
            return None;
        }
        let (xid, begun) = self.tx.as_ref().map(|t| (t.xid, t.begun))?;
        if !begun {
            self.transaction_record(
                &format!("{xid}:{lsn}"),
                None,
                self.last_commit_time_us / 1000,
            );
            if let Some(t) = self.tx.as_mut() {
                t.begun = true;
            }
        }
        let t = self.tx.as_mut()?;
        let (total, per) = t.counts.event(collection);
        Some(envelope::transaction_block_json(
            &format!("{xid}:{lsn}"),
            total,
            per,
        ))
    }

    #[allow(clippy::too_many_arguments)]
    async fn change(
        &mut self,
        lsn: u64,
        rel: u32,
        op: Op,
        old: Option<Vec<Cell>>,
        old_is_key_only: bool,
        new: Option<Vec<Cell>>,
        out: &mpsc::Sender<Batch>,
    ) -> Result<(), CollectorError> {
        if self.skipping(lsn) {
            return Ok(());
        }
        let kind = match op {
            Op::Create => "INSERT",
            Op::Update => "UPDATE",
            _ => "DELETE",
        };
        let schema = match self.relations.get(&rel) {
            Some(Some(s)) => s.clone(),
            Some(None) => {
                self.after_change(lsn, kind);
                return Ok(());
            }
            None => {
                return Err(PgError::Protocol(format!(
                    "change for relation {rel} before its Relation message at LSN {}",
                    PgLsn(lsn)
                ))
                .into())
            }
        };
        let skip = &self.ctx.settings.skip;
        let skipped = match op {
            Op::Create => skip.create,
            Op::Update => skip.update,
            _ => skip.delete,
        };
        if skipped {
            self.after_change(lsn, kind);
            return Ok(());
        }
        self.before_change(lsn, out).await?;
        fn cell(cells: &[Cell], i: usize) -> CellRef<'_> {
            match cells.get(i) {
                Some(Cell::Text(b)) => match std::str::from_utf8(b) {
                    Ok(s) => CellRef::Text(s),
                    Err(_) => CellRef::Null,
                },
                Some(Cell::UnchangedToast) => CellRef::Toast,
                _ => CellRef::Null,
            }
        }
        let mut src = String::new();
        self.source(&schema, lsn).write_json(&mut src);
        let ts = Timestamp::now();
        let mut key_new = String::new();
        let mut key_old = String::new();
        let has_key_new = new
            .as_ref()
            .is_some_and(|n| schema.write_key(&mut key_new, Phase::Stream, |i| cell(n, i)));
        let has_key_old = old
            .as_ref()
            .is_some_and(|o| schema.write_key(&mut key_old, Phase::Stream, |i| cell(o, i)));
        let key_schema = schema.key_schema_json.as_deref();
        let collection = schema.id.to_string();
        let key_changed = op == Op::Update && has_key_old && has_key_new && key_old != key_new;
        // after a resumed snapshot: each side of the change is decided by its key's range
        let (emit_old, emit_new) = match (&self.catch_up, &self.tx) {
            (Some(c), Some(tx)) => {
                let change = PgChange {
                    xid: tx.xid,
                    commit_lsn: tx.final_lsn,
                };
                let old_emit = old
                    .is_some()
                    .then(|| c.emit(&collection, &key_cells(&schema, &old), &change));
                let new_emit = new
                    .is_some()
                    .then(|| c.emit(&collection, &key_cells(&schema, &new), &change));
                match op {
                    Op::Create => (true, new_emit.unwrap_or(true)),
                    Op::Update if key_changed => {
                        (old_emit.unwrap_or(true), new_emit.unwrap_or(true))
                    }
                    Op::Update => {
                        let e = new_emit.unwrap_or(true);
                        (e, e)
                    }
                    _ => (old_emit.unwrap_or(true), true),
                }
            }
            _ => (true, true),
        };
        let emitted = match op {
            Op::Create => emit_new,
            Op::Update if key_changed => emit_old || emit_new,
            Op::Update => emit_new,
            _ => emit_old,
        };
        if !emitted {
            self.after_change(lsn, kind);
            return Ok(());
        }
        let tx1 = self.next_tx_block(lsn, &collection);
        let tx2 = if key_changed {
            self.next_tx_block(lsn, &collection)
        } else {
            None
        };
        let emitter = &self.ctx.emitter;
        match op {
            Op::Create => {
                let n = new.as_ref().expect("insert has a new tuple");
                let mut after = String::new();
                schema.write_row(&mut after, Phase::Stream, |i| cell(n, i));
                emitter.change(
                    &schema.stream,
                    KeyRef {
                        schema_json: key_schema,
                        payload: has_key_new.then_some(key_new.as_str()),
                    },
                    &schema.envelope_schema_json,
                    &ValueParts {
                        before: None,
                        after: Some(&after),
                        source: &src,
                        transaction: tx1.as_deref(),
                        op: Op::Create,
                        ts,
                    },
                    None,
                    &mut self.batch,
                );
            }
            Op::Update => {
                let n = new.as_ref().expect("update has a new tuple");
                let mut after = String::new();
                schema.write_row(&mut after, Phase::Stream, |i| cell(n, i));
                let mut before = String::new();
                if let Some(o) = &old {
                    schema.write_row(&mut before, Phase::Stream, |i| cell(o, i));
                }
                if key_changed {
                    let newk = KeyRef {
                        schema_json: key_schema,
                        payload: Some(key_new.as_str()),
                    };
                    let oldk = KeyRef {
                        schema_json: key_schema,
                        payload: Some(key_old.as_str()),
                    };
                    if emit_old {
                        emitter.change(
                            &schema.stream,
                            oldk,
                            &schema.envelope_schema_json,
                            &ValueParts {
                                before: Some(&before),
                                after: None,
                                source: &src,
                                transaction: tx1.as_deref(),
                                op: Op::Delete,
                                ts,
                            },
                            Some(("__DEBEZIUM.NEWKEY", newk)),
                            &mut self.batch,
                        );
                        emitter.tombstone(
                            &schema.stream,
                            oldk,
                            Some(("__DEBEZIUM.NEWKEY", newk)),
                            &mut self.batch,
                        );
                    }
                    if emit_new {
                        emitter.change(
                            &schema.stream,
                            newk,
                            &schema.envelope_schema_json,
                            &ValueParts {
                                before: None,
                                after: Some(&after),
                                source: &src,
                                transaction: tx2.as_deref(),
                                op: Op::Create,
                                ts,
                            },
                            Some(("__DEBEZIUM.OLDKEY", oldk)),
                            &mut self.batch,
                        );
                    }
                } else {
                    let before = (old.is_some() && !old_is_key_only).then_some(before.as_str());
                    emitter.change(
                        &schema.stream,
                        KeyRef {
                            schema_json: key_schema,
                            payload: has_key_new.then_some(key_new.as_str()),
                        },
                        &schema.envelope_schema_json,
                        &ValueParts {
                            before,
                            after: Some(&after),
                            source: &src,
                            transaction: tx1.as_deref(),
                            op: Op::Update,
                            ts,
                        },
                        None,
                        &mut self.batch,
                    );
                }
            }
            _ => {
                let o = old.as_ref().expect("delete has an old tuple");
                let mut before = String::new();
                schema.write_row(&mut before, Phase::Stream, |i| cell(o, i));
                let k = KeyRef {
                    schema_json: key_schema,
                    payload: has_key_old.then_some(key_old.as_str()),
                };
                emitter.change(
                    &schema.stream,
                    k,
                    &schema.envelope_schema_json,
                    &ValueParts {
                        before: Some(&before),
                        after: None,
                        source: &src,
                        transaction: tx1.as_deref(),
                        op: Op::Delete,
                        ts,
                    },
                    None,
                    &mut self.batch,
                );
                emitter.tombstone(&schema.stream, k, None, &mut self.batch);
            }
        }
        let _ = old_is_key_only;
        self.after_change(lsn, kind);
        Ok(())
    }
}

/// Under the HA lease, the slot is ours: a walsender still holding it belongs to an instance
/// that lost the lease (paused, partitioned); it is ended now rather than after the server's
/// `wal_sender_timeout` (its commits are fenced anyway).
pub(super) async fn end_stale_holder(
    sql: &tokio_postgres::Client,
    slot: &str,
) -> Result<(), CollectorError> {
    match crate::lease::fence() {
        Some(f) if f.holds().await => {}
        _ => return Ok(()),
    }
    let ended = sql
        .query(
            "SELECT active_pid, pg_terminate_backend(active_pid) FROM pg_replication_slots \
             WHERE slot_name = $1 AND active_pid IS NOT NULL AND active_pid <> pg_backend_pid()",
            &[&slot],
        )
        .await
        .map_err(PgError::from)?;
    for r in &ended {
        let pid: i32 = r.get(0);
        tracing::warn!(
            slot,
            pid,
            "ended the walsender of an instance that lost the lease"
        );
    }
    if !ended.is_empty() {
        // the slot is released when that backend has exited
        for _ in 0..100 {
            let active = sql
                .query_one(
                    "SELECT count(*) FROM pg_replication_slots WHERE slot_name = $1 AND active",
                    &[&slot],
                )
                .await
                .map_err(PgError::from)?;
            if active.get::<_, i64>(0) == 0 {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filter_from_debezium_change_offset() {
        // Debezium stored a DELETE at 150 with the previous commit ending at 100
        let o = PgOffset::from_json(r#"{"lsn_proc":150,"messageType":"DELETE","lsn_commit":100,"lsn":150,"txId":7,"ts_usec":1}"#).unwrap();
        let mut f = ResumeFilter::from_offset(&o);
        assert_eq!(f.for_transaction(90), TxSkip::Whole);
        assert_eq!(f.for_transaction(155), TxSkip::UpTo(150));
        assert_eq!(f.for_transaction(300), TxSkip::None);
    }

    #[test]
    fn filter_after_commit_and_after_snapshot() {
        let o = PgOffset::from_json(
            r#"{"lsn_proc":200,"messageType":"COMMIT","lsn_commit":200,"lsn":200}"#,
        )
        .unwrap();
        let mut f = ResumeFilter::from_offset(&o);
        assert_eq!(f.for_transaction(180), TxSkip::Whole);
        assert_eq!(f.for_transaction(250), TxSkip::None);
        let snap = PgOffset::from_json(r#"{"lsn":200,"txId":5,"ts_usec":1,"snapshot":"INITIAL","last_snapshot_record":true,"snapshot_completed":true}"#).unwrap();
        let mut f = ResumeFilter::from_offset(&snap);
        assert_eq!(f.for_transaction(10), TxSkip::None);
    }
}
