//! The binlog: row events to change events, DDL to the schema history, offsets as Debezium
//! keeps them.
//!
//! Offsets follow Debezium's `BinlogOffsetContext`: inside a transaction the restart point is
//! the transaction's first event (`BEGIN`, or MariaDB's GTID event), with `event` = events of
//! the transaction already handled and `row` = rows of the current rows event already emitted;
//! outside a transaction it is the next event. A restart reads from the restart point, handles
//! but does not emit the first `event` events, and starts the next rows event at row `row`.
//! Each batch of entries is committed with the offset of its last event in one MULTI/EXEC.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use futures_util::{FutureExt, StreamExt};
use mysql_async::binlog::events::{EventData, RowsEventData};
use mysql_async::prelude::Queryable;
use mysql_async::BinlogStreamRequest;
use protocol::envelope::{Op, Record, SnapshotMarker, Timestamp, ValueParts};
use protocol::offset::MySqlOffset;
use tokio::sync::watch;

use super::codec::TableCodec;
use super::gtid::{uuid_text, GtidSet};
use super::position::StartPoint;
use super::start::MyContext;
use super::table::{TableId, Tables};
use super::{client, ddl, history, MySqlError};
use protocol::envelope::MySource;

/// A transaction's GTID, not yet part of the completed set.
#[derive(Debug, Clone)]
enum PendingGtid {
    MariaDb(u32, u32, u64),
    MySql(String, u64),
}
use crate::emit::KeyRef;
use crate::error::CollectorError;
use crate::sink::{Batch, RedisSink, SideWrites, Writer};

const MARIADB_GTID: u8 = 0xA2;
/// MySQL's TRANSACTION_PAYLOAD_EVENT (a compressed transaction).
const MYSQL_TRANSACTION_PAYLOAD: u8 = 40;
const MARIADB_GTID_STANDALONE: u8 = 0x01;

/// Where we are in the binlog, in Debezium's terms.
#[derive(Debug, Clone)]
struct Cursor {
    file: String,
    restart_file: String,
    restart_pos: u64,
    events: u64,
    rows: i64,
    in_tx: bool,
    /// The current transaction's GTID (MariaDB `domain-server-seq`, MySQL `uuid:gno`).
    gtid: Option<String>,
    /// The GTIDs completed so far.
    gtid_state: GtidSet,
    /// The GTID state to restart from (before the current transaction).
    restart_gtids: Option<String>,
    ts_sec: i64,
    server_id: u32,
    /// Debezium's `source.row`: the last row number set, kept until a rotate.
    row_number: i32,
}

impl Cursor {
    fn offset(&self, with_gtids: bool) -> MySqlOffset {
        MySqlOffset {
            ts_sec: Some(self.ts_sec),
            file: self.restart_file.clone(),
            pos: self.restart_pos,
            gtids: if with_gtids {
                self.restart_gtids.clone()
            } else {
                None
            },
            // outside a transaction the restart point is the next event: nothing to skip
            event: Some(if self.in_tx { self.events as i64 } else { 0 }),
            row: Some(self.rows),
            server_id: Some(self.server_id as i64),
            snapshot: None,
            other: Default::default(),
        }
    }
}

/// The file a rotate event names. The first (artificial) rotate event of a dump comes before the
/// format description event, so the client cannot tell yet whether events end in a CRC32
/// checksum, and leaves the server's four checksum bytes at the end of the name: bytes that
/// may be anything, a `.` or digits included (a `.` among them once made a name like
/// `binlog.000001.\x0b4\xd5`, whose position then compared before every snapshot view, so the
/// catch-up after a resumed snapshot dropped every change). They are cut off when they are the
/// CRC32 of the event without them; otherwise the name is cut after its `.NNNNNN` suffix.
fn rotate_name(h: &mysql_async::binlog::events::BinlogEventHeader, data: &[u8]) -> String {
    let mut head = Vec::with_capacity(19);
    head.extend_from_slice(&h.timestamp().to_le_bytes());
    head.push(h.event_type_raw());
    head.extend_from_slice(&h.server_id().to_le_bytes());
    head.extend_from_slice(&h.event_size().to_le_bytes());
    head.extend_from_slice(&h.log_pos().to_le_bytes());
    head.extend_from_slice(&h.flags_raw().to_le_bytes());
    rotate_name_in(&head, data)
}

/// [`rotate_name`] from the header's 19 bytes and the event's data.
fn rotate_name_in(head: &[u8], data: &[u8]) -> String {
    let body = without_checksum(head, data);
    // the body: the next position (8 bytes), then the name
    clean_file_name(&String::from_utf8_lossy(body.get(8..).unwrap_or_default()))
}

/// `data` without its last four bytes when they are the CRC32 (little-endian) of the header
/// and the rest of the event.
fn without_checksum<'a>(head: &[u8], data: &'a [u8]) -> &'a [u8] {
    let Some(cut) = data.len().checked_sub(4) else {
        return data;
    };
    let (body, sum) = data.split_at(cut);
    let mut crc = crc32fast::Hasher::new();
    crc.update(head);
    crc.update(body);
    if crc.finalize().to_le_bytes() == sum {
        body
    } else {
        data
    }
}

/// Binlog file names end in `.NNNNNN` (six digits or more): anything after the last such
/// suffix is cut off.
fn clean_file_name(name: &str) -> String {
    let b = name.as_bytes();
    for (dot, _) in name
        .match_indices('.')
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
    {
        let digits = b[dot + 1..]
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .count();
        if digits >= 6 {
            return name[..dot + 1 + digits].to_string();
        }
    }
    name.to_string()
}

struct Streamer {
    ctx: Arc<MyContext>,
    writer: Writer,
    tables: Tables,
    codecs: HashMap<TableId, Arc<TableCodec>>,
    cur: Cursor,
    skip_events: u64,
    skip_rows: i64,
    skipping: bool,
    batch: Vec<Record>,
    side: SideWrites,
    batch_offset: Option<MySqlOffset>,
    last_commit: Instant,
    /// The offset last written to Redis (to advance it on idle / filtered traffic).
    committed: Option<String>,
    /// The GTID of the transaction in progress, added to the state when it completes.
    pending_gtid: Option<PendingGtid>,
    /// Changes already in a resumed snapshot's later view (not emitted again).
    catch_up: Option<Arc<super::snapshot::CatchUp>>,
    /// The current transaction emitted something: its commit moves the offset past it.
    tx_emitted: bool,
    /// The start and end position of the compressed transaction whose events are being read.
    payload: Option<(u64, u64)>,
    /// Resumed by GTID: until the first transaction after the GTID position arrives, the
    /// server may still be skipping what came before it, so the current file/position must not
    /// be stored (a later start would resume from it and repeat what was skipped).
    gtid_start: bool,
}

/// An event's start and end position as offsets use them. MySQL's compressed transactions
/// (`binlog_transaction_compression`): the payload event is followed by the transaction's own
/// events, unpacked by the binlog stream, which carry no position (0); they take the payload's
/// start and end, so a restart inside the transaction re-reads the payload and skips by event
/// count. None for the payload event itself (nothing to do but remember it).
fn positions(
    payload: &mut Option<(u64, u64)>,
    event_type: u8,
    log_pos: u64,
    size: u64,
) -> Option<(u64, u64)> {
    let event_pos = log_pos.saturating_sub(size);
    if event_type == MYSQL_TRANSACTION_PAYLOAD {
        *payload = Some((event_pos, log_pos));
        return None;
    }
    match *payload {
        Some(inside) if log_pos == 0 => Some(inside),
        _ => {
            *payload = None;
            Some((event_pos, log_pos))
        }
    }
}

/// Whether `start` can be resumed from its GTID position instead of its file and position: a
/// MariaDB GTID state taken between transactions, not narrowed by `gtid.source.*` filters.
pub(crate) fn gtid_resumable(ctx: &MyContext, start: &StartPoint) -> bool {
    let my = ctx.my();
    ctx.server.mariadb
        && start.skip_events == 0
        && start.skip_rows == 0
        && my.gtid_includes.is_empty()
        && my.gtid_excludes.is_empty()
        && start.gtids.as_deref().is_some_and(|g| !g.trim().is_empty())
}

/// Streams from `start` until shutdown.
pub(crate) async fn run(
    ctx: Arc<MyContext>,
    tables: Tables,
    start: StartPoint,
    mut shutdown: watch::Receiver<bool>,
) -> Result<(), CollectorError> {
    let cfg = &ctx.my().config;
    let mut conn = client::connect(cfg).await?;
    let files = client::binlog_files(&mut conn).await?;
    // The offset's file is gone (purged, or another server after a failover) but it holds a
    // MariaDB GTID position between transactions: the server can start from that position,
    // as a replica with MASTER_USE_GTID does (Debezium's MariaDB connector resumes by GTID too).
    let by_gtid = !files.contains(&start.file) && gtid_resumable(&ctx, &start);
    if !files.contains(&start.file) && !by_gtid {
        return Err(MySqlError::Prerequisite {
            problem: format!(
                "binlog file {} (position {}) of the stored offset is no longer on the server (it has {}): events after it are lost",
                start.file,
                start.pos,
                files.first().map_or("none".to_string(), |f| format!("{f} ..."))
            ),
            fix: "re-run with snapshot.mode when_needed to take a new snapshot, and keep binlogs longer (expire_logs_days / binlog_expire_logs_seconds)".into(),
        }
        .into());
    }
    if ctx.server.mariadb {
        conn.query_drop("SET @mariadb_slave_capability = 4")
            .await
            .map_err(|e| MySqlError::from_driver(e, "announcing GTID support"))?;
    } else {
        // MySQL ends an older dump thread of the same replica (an HA instance that lost the
        // lease, or a half-open connection) only when the new one names the same replica UUID;
        // MariaDB does so by server id alone
        let uuid = replica_uuid(cfg.server_id);
        conn.query_drop(format!(
            "SET @slave_uuid = '{uuid}', @replica_uuid = '{uuid}'"
        ))
        .await
        .map_err(|e| MySqlError::from_driver(e, "naming the replica"))?;
    }
    let heartbeat_s = 5u64;
    conn.query_drop(format!(
        "SET @master_heartbeat_period = {}",
        heartbeat_s * 1_000_000_000
    ))
    .await
    .map_err(|e| MySqlError::from_driver(e, "setting the heartbeat period"))?;
    let file_bytes = if by_gtid {
        let gtids = start.gtids.as_deref().unwrap_or_default();
        tracing::warn!(file = %start.file, gtids, "the offset's binlog file is not on the server; resuming from its GTID position");
        for set in [
            format!("SET @slave_connect_state = '{}'", gtids.replace('\'', "")),
            "SET @slave_gtid_strict_mode = 0".to_string(),
            "SET @slave_gtid_ignore_duplicates = 0".to_string(),
        ] {
            conn.query_drop(set)
                .await
                .map_err(|e| MySqlError::from_driver(e, "setting the GTID start position"))?;
        }
        // an empty file name: the server starts at the GTID position and announces the file
        // with a rotate event
        Vec::new()
    } else {
        start.file.clone().into_bytes()
    };
    let request = BinlogStreamRequest::new(cfg.server_id)
        .with_filename(&file_bytes)
        .with_pos(if by_gtid { 4 } else { start.pos });
    let mut binlog = conn
        .get_binlog_stream(request)
        .await
        .map_err(|e| binlog_error(e, &start.file, start.pos, cfg.server_id))?;
    tracing::info!(file = %start.file, pos = start.pos, by_gtid, skip_events = start.skip_events, skip_rows = start.skip_rows, "streaming the binlog");
    ctx.metrics.connected();

    let mut sink = RedisSink::new(
        &ctx.settings.sink,
        &ctx.settings.profile,
        ctx.settings.topic_prefix(),
    )?;
    sink.ping().await?;
    let gtid_state = start.gtids.as_deref().map_or_else(
        || GtidSet::empty(ctx.server.mariadb),
        |g| GtidSet::parse(g, ctx.server.mariadb),
    );
    let mut s = Streamer {
        ctx: ctx.clone(),
        writer: Writer::spawn(sink, 2, ctx.metrics.clone()),
        tables,
        codecs: HashMap::new(),
        cur: Cursor {
            file: start.file.clone(),
            restart_file: start.file.clone(),
            restart_pos: start.pos,
            events: 0,
            rows: 0,
            in_tx: false,
            gtid: None,
            restart_gtids: start.gtids.clone(),
            gtid_state,
            ts_sec: 0,
            server_id: ctx.server.server_id,
            row_number: 0,
        },
        skip_events: start.skip_events,
        skip_rows: start.skip_rows,
        skipping: false,
        batch: Vec::new(),
        side: SideWrites::default(),
        batch_offset: None,
        last_commit: Instant::now(),
        committed: None,
        pending_gtid: None,
        catch_up: start.catch_up.clone(),
        tx_emitted: false,
        payload: None,
        gtid_start: by_gtid,
    };
    let heartbeat = Duration::from_millis(match cfg.heartbeat_interval_ms {
        0 => 10_000,
        n => n,
    });
    // the server sends a heartbeat event every heartbeat_s when idle: silence for four of
    // them is a dead connection (a silent network cut), not an idle server
    let silence = Duration::from_secs(4 * heartbeat_s);
    let mut last_event = std::time::Instant::now();
    loop {
        if last_event.elapsed() > silence {
            let e = MySqlError::Connect {
                address: format!("{}:{}", cfg.hostname, cfg.port),
                message: format!(
                    "no binlog event or heartbeat for {}s: the connection is lost",
                    silence.as_secs()
                ),
            };
            return Err(after_read_error(s.writer, e.into()).await);
        }
        if *shutdown.borrow() {
            s.flush().await?;
            // outside a transaction the current position is complete: store it, so a reader
            // of the offset never starts inside the last transaction
            s.heartbeat().await?;
            s.writer.finish().await?;
            return Ok(());
        }
        // take what is ready without waiting; flush before waiting
        let next = match binlog.next().now_or_never() {
            Some(n) => n,
            None => {
                s.flush().await?;
                if s.last_commit.elapsed() >= heartbeat {
                    s.heartbeat().await?;
                }
                tokio::select! {
                    n = binlog.next() => n,
                    _ = tokio::time::sleep(heartbeat.min(silence)) => {
                        if last_event.elapsed() <= silence {
                            s.heartbeat().await?;
                        }
                        continue;
                    }
                    _ = shutdown.changed() => continue,
                }
            }
        };
        let ev = match next {
            Some(Ok(ev)) => ev,
            Some(Err(e)) => {
                let e = binlog_error(e, &s.cur.file, s.cur.restart_pos, cfg.server_id);
                return Err(after_read_error(s.writer, e.into()).await);
            }
            None => {
                let e = MySqlError::Connect {
                    address: format!("{}:{}", cfg.hostname, cfg.port),
                    message: "the server closed the binlog stream".into(),
                };
                return Err(after_read_error(s.writer, e.into()).await);
            }
        };
        last_event = std::time::Instant::now();
        s.handle(&binlog, &ev).await?;
        if s.batch.len() >= ctx.settings.sink.batch_size && !s.skipping {
            s.flush().await?;
        }
    }
}

/// The binlog connection failed (`read`): the batches already queued — whole transactions with
/// their offsets — are committed first, within a bound, so what was read is not read again; an
/// instance that lost the HA lease has them refused by the fence, and that refusal is the error
/// it steps down on. Otherwise the read error is the run's.
async fn after_read_error(writer: Writer, read: CollectorError) -> CollectorError {
    match writer.finish_within(Duration::from_secs(10)).await {
        Some(Err(e)) => {
            let e = CollectorError::from(e);
            if e.is_fenced() {
                e
            } else {
                read
            }
        }
        _ => read,
    }
}

/// Maps an error of the binlog connection; purged logs and server-id clashes are definite.
fn binlog_error(e: mysql_async::Error, file: &str, pos: u64, server_id: u32) -> MySqlError {
    match MySqlError::from_driver(e, "reading the binlog") {
        MySqlError::Server { code: 1236, message, .. } => {
            let lower = message.to_ascii_lowercase();
            let fix = if lower.contains("same server") || lower.contains("server_id") || lower.contains("server id") {
                format!("another replica or connector uses server id {server_id}: give this collector a unique source.server_id (database.server.id)")
            } else if lower.contains("could not find") || lower.contains("purged") || lower.contains("first log file") {
                "the binlog position is no longer on the server: re-run with snapshot.mode when_needed to take a new snapshot, and keep binlogs longer".into()
            } else {
                "check the server log; if the position is gone, re-run with snapshot.mode when_needed".into()
            };
            MySqlError::Binlog {
                file: file.to_string(),
                pos,
                message: format!("{message}. Fix: {fix}"),
            }
        }
        // MariaDB: the older of two connections with one server id gets this
        MySqlError::Server { code: 4052, message, .. } => MySqlError::Binlog {
            file: file.to_string(),
            pos,
            message: format!("{message}. Fix: another replica or connector uses server id {server_id}: give this collector a unique source.server_id (database.server.id)"),
        },
        MySqlError::Server { code: 1227, message, .. } => MySqlError::Prerequisite {
            problem: message,
            fix: "GRANT REPLICATION SLAVE, REPLICATION CLIENT (MariaDB: BINLOG MONITOR) ON *.* TO the connector user".into(),
        },
        o => o,
    }
}

impl Streamer {
    fn with_gtids(&self) -> bool {
        self.ctx.with_gtids()
    }

    fn gtid_string(&self) -> Option<String> {
        self.cur.gtid_state.render(|s| self.ctx.gtid_source_kept(s))
    }

    /// Adds the pending GTID to the completed set (a transaction or a standalone statement
    /// finished).
    fn complete_gtid(&mut self) {
        match self.pending_gtid.take() {
            Some(PendingGtid::MariaDb(d, sv, n)) => self.cur.gtid_state.add_mariadb(d, sv, n),
            Some(PendingGtid::MySql(u, n)) => self.cur.gtid_state.add_mysql(&u, n),
            None => return,
        }
        self.cur.restart_gtids = self.gtid_string();
    }

    fn codec(&mut self, id: &TableId) -> Option<Arc<TableCodec>> {
        if let Some(c) = self.codecs.get(id) {
            return Some(c.clone());
        }
        let t = self.tables.get(id)?;
        let c = Arc::new(self.ctx.codec(t));
        self.codecs.insert(id.clone(), c.clone());
        Some(c)
    }

    async fn handle(
        &mut self,
        binlog: &mysql_async::BinlogStream,
        ev: &mysql_async::binlog::events::Event,
    ) -> Result<(), CollectorError> {
        let h = ev.header();
        self.cur.server_id = h.server_id();
        if h.timestamp() > 0 {
            self.cur.ts_sec = h.timestamp() as i64;
        }
        let size = h.event_size() as u64;
        let Some((event_pos, next)) = positions(
            &mut self.payload,
            h.event_type_raw(),
            h.log_pos() as u64,
            size,
        ) else {
            return Ok(());
        };
        tracing::trace!(
            event_type = h.event_type_raw(),
            pos = event_pos,
            size,
            in_tx = self.cur.in_tx,
            "binlog event"
        );
        let data = ev.read_data().map_err(|e| MySqlError::Binlog {
            file: self.cur.file.clone(),
            pos: event_pos,
            message: format!("cannot decode event: {e}"),
        })?;
        if let Some(EventData::RotateEvent(r)) = &data {
            let name = rotate_name(&h, ev.data());
            self.cur.file = name.clone();
            self.cur.restart_file = name;
            self.cur.restart_pos = r.position();
            self.cur.events = 0;
            self.cur.rows = 0;
            self.cur.row_number = 0;
            return Ok(());
        }
        if next > 0 && !self.cur.in_tx {
            self.cur.restart_file = self.cur.file.clone();
            self.cur.restart_pos = next;
            self.cur.events = 0;
            self.cur.rows = 0;
        }
        if h.event_type_raw() == MARIADB_GTID {
            self.gtid_start = false;
            let d = ev.data();
            if d.len() >= 13 {
                let seq = u64::from_le_bytes(d[0..8].try_into().expect("8 bytes"));
                let domain = u32::from_le_bytes(d[8..12].try_into().expect("4 bytes"));
                let flags = d[12];
                let gtid = format!("{domain}-{}-{seq}", h.server_id());
                self.cur.gtid = Some(gtid);
                self.pending_gtid = Some(PendingGtid::MariaDb(domain, h.server_id(), seq));
                if flags & MARIADB_GTID_STANDALONE == 0 {
                    self.begin(event_pos);
                }
                // a standalone statement (DDL) completes its GTID after the statement
            }
            self.complete_event();
            return Ok(());
        }
        match data {
            Some(EventData::GtidEvent(g)) => {
                // MySQL: the GTID of the next transaction (its BEGIN follows) or DDL
                let uuid = uuid_text(g.sid());
                self.cur.gtid = Some(format!("{uuid}:{}", g.gno()));
                self.pending_gtid = Some(PendingGtid::MySql(uuid, g.gno()));
            }
            Some(EventData::QueryEvent(q)) => {
                let query = q.query();
                let trimmed = query.trim();
                if trimmed.eq_ignore_ascii_case("BEGIN") {
                    if !self.cur.in_tx {
                        self.begin(event_pos);
                    }
                } else if trimmed.eq_ignore_ascii_case("COMMIT") {
                    self.commit(next);
                } else if !trimmed.starts_with('#')
                    && !trimmed.eq_ignore_ascii_case("ROLLBACK")
                    && !ddl::passed_over(trimmed)
                {
                    let db = q.schema().to_string();
                    if !self.cur.in_tx {
                        // a standalone statement: its GTID is complete with it
                        self.complete_gtid();
                    }
                    self.ddl(&db, trimmed, event_pos).await?;
                }
            }
            Some(EventData::XidEvent(_)) => self.commit(next),
            Some(EventData::RowsEvent(rows)) if !self.skipping_event() => {
                self.rows(binlog, &rows, event_pos)?;
            }
            _ => {}
        }
        self.complete_event();
        Ok(())
    }

    fn begin(&mut self, event_pos: u64) {
        self.cur.in_tx = true;
        self.cur.restart_file = self.cur.file.clone();
        self.cur.restart_pos = event_pos;
        self.cur.events = 0;
        self.cur.rows = 0;
        self.cur.restart_gtids = self.gtid_string();
        if self.skip_events > 0 {
            self.skipping = true;
        } else {
            // a row skip without an event count points at a rows event outside a transaction
            // (Debezium's MySQL connector on MariaDB writes such offsets after the rows event):
            // it never applies to the next transaction
            self.skip_rows = 0;
        }
    }

    fn commit(&mut self, next: u64) {
        self.ctx
            .metrics
            .transaction_committed(self.cur.ts_sec * 1000);
        self.complete_gtid();
        self.cur.in_tx = false;
        self.cur.restart_file = self.cur.file.clone();
        self.cur.restart_pos = next;
        self.cur.events = 0;
        self.cur.rows = 0;
        self.cur.restart_gtids = self.gtid_string();
        self.cur.gtid = None;
        if std::mem::take(&mut self.tx_emitted) {
            // the stored offset after a transaction points past its commit (not at its first
            // event with skip counts): simplest for any reader, Debezium's included
            self.batch_offset = Some(self.cur.offset(self.with_gtids()));
        }
        self.skipping = false;
        self.skip_events = 0;
        self.skip_rows = 0;
    }

    /// Debezium's `completeEvent`: one more event of the transaction handled.
    fn complete_event(&mut self) {
        self.cur.events += 1;
        if self.skipping {
            self.skip_events = self.skip_events.saturating_sub(1);
            self.skipping = self.skip_events > 0;
        }
    }

    fn skipping_event(&self) -> bool {
        self.skipping
    }

    fn source<'a>(&'a self, id: &'a TableId, event_pos: u64, row: i32) -> String {
        let mut out = String::with_capacity(320);
        MySource {
            connector: self.ctx.my().flavor.connector(),
            name: self.ctx.settings.topic_prefix(),
            ts_ms: self.cur.ts_sec * 1000,
            snapshot: SnapshotMarker::False,
            db: &id.db,
            table: Some(&id.table),
            server_id: self.cur.server_id as i64,
            gtid: if self.with_gtids() {
                self.cur.gtid.as_deref()
            } else {
                None
            },
            file: &self.cur.file,
            pos: event_pos,
            row,
            thread: None,
        }
        .write_json(&mut out);
        out
    }

    fn rows(
        &mut self,
        binlog: &mysql_async::BinlogStream,
        rows: &RowsEventData<'_>,
        event_pos: u64,
    ) -> Result<(), CollectorError> {
        let start_row = std::mem::take(&mut self.skip_rows).max(0) as usize;
        let Some(tme) = binlog.get_tme(rows.table_id()) else {
            return Err(MySqlError::Binlog {
                file: self.cur.file.clone(),
                pos: event_pos,
                message: "rows event without its table map event".into(),
            }
            .into());
        };
        let id = TableId::new(tme.database_name(), tme.table_name());
        if !self.ctx.captured(&id) {
            return Ok(());
        }
        let Some(codec) = self.codec(&id) else {
            return Err(MySqlError::Schema {
                table: id.to_string(),
                file: self.cur.file.clone(),
                pos: event_pos,
                message: "a captured table changed but its structure is not in the schema history".into(),
                fix: "re-run with snapshot.mode when_needed after deleting the offsets, or restore the schema history stream".into(),
            }
            .into());
        };
        // with binlog_row_metadata=FULL the table map names the columns: they must be the
        // schema history's (a DDL run with sql_log_bin=0 would otherwise mislabel values)
        let ours = || codec.table.columns.iter().map(|c| c.name.as_str());
        if let Some(names) = super::decode::column_names_differ(tme, ours()) {
            let ours: Vec<&str> = ours().collect();
            return Err(MySqlError::Schema {
                table: id.to_string(),
                file: self.cur.file.clone(),
                pos: event_pos,
                message: format!(
                    "the binlog's table map names the columns [{}], the schema history has [{}]",
                    names.join(", "),
                    ours.join(", ")
                ),
                fix: "the table was changed without the change reaching the binlog (sql_log_bin=0?): delete the offsets and schema history and re-run with snapshot.mode when_needed, or replay the DDL with binlogging on".into(),
            }
            .into());
        }
        let op = match rows {
            RowsEventData::WriteRowsEventV1(_) | RowsEventData::WriteRowsEvent(_) => Op::Create,
            RowsEventData::DeleteRowsEventV1(_) | RowsEventData::DeleteRowsEvent(_) => Op::Delete,
            _ => Op::Update,
        };
        let skip = self.ctx.settings.skip;
        let skipped = match op {
            Op::Create => skip.create,
            Op::Update => skip.update,
            _ => skip.delete,
        };
        let schema_err = |e: super::value::ValueError, file: &str| {
            MySqlError::Schema {
            table: id.to_string(),
            file: file.to_string(),
            pos: event_pos,
            message: e.to_string(),
            fix: "check that the schema history matches the server (ALTERs applied while the collector was stopped without binlog?)".into(),
        }
        };
        let mut all: Vec<_> = super::decode::rows(rows, tme).map_err(|e| MySqlError::Binlog {
            file: self.cur.file.clone(),
            pos: event_pos,
            message: format!("cannot decode the rows of {id}: {e}"),
        })?;
        if matches!(rows, RowsEventData::PartialUpdateRowsEvent(_)) {
            // MySQL's partial JSON updates: whole documents from the before image and the diffs
            for (before, after) in all.iter_mut() {
                if let Some(after) = after.as_mut() {
                    super::jsondiff::complete_after_image(before.as_ref(), after).map_err(|e| {
                        MySqlError::Binlog {
                            file: self.cur.file.clone(),
                            pos: event_pos,
                            message: format!("{id}: {e}"),
                        }
                    })?;
                }
            }
        }
        let n = all.len();
        for (i, (before, after)) in all.iter().enumerate().skip(start_row) {
            self.cur.rows = if i + 1 < n { i as i64 + 1 } else { n as i64 };
            self.cur.row_number = i as i32;
            if skipped {
                continue;
            }
            let before = before
                .as_ref()
                .map(|r| codec.encode_binlog(r))
                .transpose()
                .map_err(|e| schema_err(e, &self.cur.file))?;
            let after = after
                .as_ref()
                .map(|r| codec.encode_binlog(r))
                .transpose()
                .map_err(|e| schema_err(e, &self.cur.file))?;
            // after a resumed snapshot: each side of the change is decided by its key's range
            let mut sides = (true, true);
            if let Some(c) = &self.catch_up {
                let at = super::snapshot::BinlogAt::new(&self.cur.file, event_pos);
                if c.ended(&at) {
                    tracing::info!(file = %self.cur.file, pos = event_pos, "snapshot catch-up finished");
                    self.catch_up = None;
                } else {
                    let table = id.to_string();
                    let decide = |row: &Option<mysql_async::binlog::row::BinlogRow>| {
                        row.as_ref().map(|r| {
                            let key = codec.key_text_binlog(r);
                            let key: Vec<Option<&str>> = key.iter().map(|k| k.as_deref()).collect();
                            c.emit(&table, &key, &at)
                        })
                    };
                    let (b, a) = (decide(&all[i].0), decide(&all[i].1));
                    sides = match op {
                        Op::Create => (true, a.unwrap_or(true)),
                        Op::Delete => (b.unwrap_or(true), true),
                        _ => (b.unwrap_or(true), a.unwrap_or(true)),
                    };
                }
            }
            let wanted = match op {
                Op::Create => sides.1,
                Op::Delete => sides.0,
                _ => sides.0 || sides.1,
            };
            if !wanted {
                continue;
            }
            let source = self.source(&id, event_pos, i as i32);
            let ts = Timestamp::now();
            self.emit(&codec, op, before, after, &source, ts, sides);
            self.batch_offset = Some(self.cur.offset(self.with_gtids()));
            self.tx_emitted = true;
        }
        // Debezium's changeEventCompleted
        self.cur.rows = 0;
        Ok(())
    }

    /// Emits a change; `sides` says which sides a key change emits (the catch-up may have one
    /// side in the snapshot already).
    #[allow(clippy::too_many_arguments)] // one call site; the images and their key sides belong together
    fn emit(
        &mut self,
        codec: &TableCodec,
        op: Op,
        before: Option<(String, Option<String>)>,
        after: Option<(String, Option<String>)>,
        source: &str,
        ts: Timestamp,
        sides: (bool, bool),
    ) {
        let emitter = &self.ctx.emitter;
        let ks = codec.key_schema_json.as_deref();
        let key_of = |r: &Option<(String, Option<String>)>| r.as_ref().and_then(|(_, k)| k.clone());
        let (bk, ak) = (key_of(&before), key_of(&after));
        fn parts<'a>(
            op: Op,
            b: Option<&'a str>,
            a: Option<&'a str>,
            source: &'a str,
            ts: Timestamp,
        ) -> ValueParts<'a> {
            ValueParts {
                before: b,
                after: a,
                source,
                transaction: None,
                op,
                ts,
            }
        }
        let b = before.as_ref().map(|(r, _)| r.as_str());
        let a = after.as_ref().map(|(r, _)| r.as_str());
        if op == Op::Update && codec.has_key() && bk != ak {
            // a primary key change: delete (+ tombstone) of the old key, create of the new one
            let old = KeyRef {
                schema_json: ks,
                payload: bk.as_deref(),
            };
            let new = KeyRef {
                schema_json: ks,
                payload: ak.as_deref(),
            };
            if sides.0 {
                emitter.change(
                    &codec.stream,
                    old,
                    &codec.value_schema_json,
                    &parts(Op::Delete, b, None, source, ts),
                    Some(("__DEBEZIUM.NEWKEY", new)),
                    &mut self.batch,
                );
                emitter.tombstone(
                    &codec.stream,
                    old,
                    Some(("__DEBEZIUM.NEWKEY", new)),
                    &mut self.batch,
                );
            }
            if sides.1 {
                emitter.change(
                    &codec.stream,
                    new,
                    &codec.value_schema_json,
                    &parts(Op::Create, None, a, source, ts),
                    Some(("__DEBEZIUM.OLDKEY", old)),
                    &mut self.batch,
                );
            }
            return;
        }
        let key = KeyRef {
            schema_json: ks,
            payload: ak.as_deref().or(bk.as_deref()),
        };
        emitter.change(
            &codec.stream,
            key,
            &codec.value_schema_json,
            &parts(op, b, a, source, ts),
            None,
            &mut self.batch,
        );
        if op == Op::Delete {
            emitter.tombstone(&codec.stream, key, None, &mut self.batch);
        }
    }

    async fn ddl(&mut self, db: &str, query: &str, event_pos: u64) -> Result<(), CollectorError> {
        if let Some(tables) = ddl::truncated_tables(db, query) {
            for id in tables {
                if !self.ctx.captured(&id) || self.ctx.settings.skip.truncate {
                    continue;
                }
                if let Some(c) = &self.catch_up {
                    let at = super::snapshot::BinlogAt::new(&self.cur.file, event_pos);
                    match c.table_wide(&id.to_string(), &at) {
                        Some(true) => {}
                        Some(false) => continue,
                        None => {
                            return Err(MySqlError::Schema {
                                table: id.to_string(),
                                file: self.cur.file.clone(),
                                pos: event_pos,
                                message: "TRUNCATE committed while an interrupted snapshot was being resumed: rows of the table were read both before and after it".into(),
                                fix: "take a new snapshot (delete this connector's field in metadata:debezium:offsets, the schema history and the key metadata:redcdc:snapshot:<prefix>, then run again), or keep truncates skipped (skipped_operations t, the default)".into(),
                            }
                            .into())
                        }
                    }
                }
                let Some(codec) = self.codec(&id) else {
                    continue;
                };
                let source = self.source(&id, event_pos, self.cur.row_number);
                let parts = ValueParts {
                    before: None,
                    after: None,
                    source: &source,
                    transaction: None,
                    op: Op::Truncate,
                    ts: Timestamp::now(),
                };
                let key = KeyRef {
                    schema_json: None,
                    payload: None,
                };
                self.ctx.emitter.change(
                    &codec.stream,
                    key,
                    &codec.value_schema_json,
                    &parts,
                    None,
                    &mut self.batch,
                );
            }
            self.batch_offset = Some(self.cur.offset(self.with_gtids()));
            return Ok(());
        }
        let applied = ddl::apply(&mut self.tables, db, query).map_err(|e| MySqlError::Schema {
            table: db.to_string(),
            file: self.cur.file.clone(),
            pos: event_pos,
            message: format!("cannot follow DDL `{}`: {e}", query.chars().take(200).collect::<String>()),
            fix: "report this statement; to continue, take a new snapshot (snapshot.mode when_needed after deleting the offsets)".into(),
        })?;
        for c in &applied.changes {
            self.codecs.remove(&c.id);
            if let Some(old) = &c.previous_id {
                self.codecs.remove(old);
            }
        }
        let offset = self.cur.offset(self.with_gtids());
        let position = history::position_json(&offset);
        let my = self.ctx.my();
        for event in &applied.events {
            let ts_ms = Timestamp::now().millis();
            self.side.xadd.push((
                my.config.schema_history_key.clone(),
                history::HISTORY_FIELD.into(),
                history::event_record_json(
                    self.ctx.settings.topic_prefix(),
                    &position,
                    ts_ms,
                    event,
                ),
            ));
            if my.config.include_schema_changes && self.ctx.database_captured(&event.database) {
                let mut source = String::new();
                MySource {
                    connector: my.flavor.connector(),
                    name: self.ctx.settings.topic_prefix(),
                    ts_ms: self.cur.ts_sec * 1000,
                    snapshot: SnapshotMarker::False,
                    db: &event.database,
                    table: event.source_table.as_deref(),
                    server_id: self.cur.server_id as i64,
                    gtid: if self.with_gtids() {
                        self.cur.gtid.as_deref()
                    } else {
                        None
                    },
                    file: &self.cur.file,
                    pos: event_pos,
                    row: self.cur.row_number,
                    thread: None,
                }
                .write_json(&mut source);
                let rec = self.ctx.schema_change_record(&source, ts_ms, event);
                self.batch.push(rec);
            }
        }
        self.batch_offset = Some(offset);
        Ok(())
    }

    async fn flush(&mut self) -> Result<(), CollectorError> {
        let Some(offset) = self.batch_offset.take() else {
            return Ok(());
        };
        let json = offset.to_json();
        let batch = Batch {
            records: std::mem::take(&mut self.batch),
            offset: Some(json.clone()),
            side: std::mem::take(&mut self.side),
        };
        self.writer.send(batch).await?;
        self.committed = Some(json);
        self.last_commit = Instant::now();
        Ok(())
    }

    /// Idle or filtered traffic: move the stored offset to where we are.
    async fn heartbeat(&mut self) -> Result<(), CollectorError> {
        self.last_commit = Instant::now();
        if self.cur.in_tx || !self.batch.is_empty() || self.gtid_start {
            return Ok(());
        }
        let offset = self.cur.offset(self.with_gtids());
        let json = offset.to_json();
        if self.committed.as_deref() == Some(json.as_str()) {
            return Ok(());
        }
        self.writer
            .send(Batch {
                offset: Some(json.clone()),
                ..Batch::default()
            })
            .await?;
        self.committed = Some(json);
        Ok(())
    }
}

/// The replica UUID this collector announces to MySQL: the same for every instance with the
/// same `server_id` (a name-based UUID), so a new leader's dump replaces the old one's.
pub(crate) fn replica_uuid(server_id: u32) -> uuid::Uuid {
    uuid::Uuid::new_v5(
        &uuid::Uuid::NAMESPACE_OID,
        format!("redcdc.mysql.server_id.{server_id}").as_bytes(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use mysql_common::binlog::events::TransactionPayloadEvent;

    /// An artificial rotate event as a server sends it first in a dump: header, next position,
    /// name, and the CRC32 of all of it.
    fn fake_rotate(name: &str, pos: u64) -> (Vec<u8>, Vec<u8>) {
        let mut data = pos.to_le_bytes().to_vec();
        data.extend_from_slice(name.as_bytes());
        let size = 19 + data.len() as u32 + 4;
        let mut head = Vec::new();
        head.extend_from_slice(&0u32.to_le_bytes()); // timestamp
        head.push(4); // ROTATE_EVENT
        head.extend_from_slice(&1u32.to_le_bytes()); // server id
        head.extend_from_slice(&size.to_le_bytes());
        head.extend_from_slice(&0u32.to_le_bytes()); // log_pos: artificial
        head.extend_from_slice(&0x20u16.to_le_bytes()); // LOG_EVENT_ARTIFICIAL_F
        let mut crc = crc32fast::Hasher::new();
        crc.update(&head);
        crc.update(&data);
        data.extend_from_slice(&crc.finalize().to_le_bytes());
        (head, data)
    }

    /// Instances with one server id announce one replica UUID (so MySQL replaces the old dump);
    /// another server id, another UUID.
    #[test]
    fn the_replica_uuid_follows_the_server_id() {
        assert_eq!(replica_uuid(5400), replica_uuid(5400));
        assert_ne!(replica_uuid(5400), replica_uuid(5401));
        assert_eq!(replica_uuid(5400).get_version_num(), 5);
    }

    /// The checksum the first rotate event's name still carries is cut off whatever its bytes —
    /// also when they hold a `.` (the case that lost every change of a catch-up) or digits.
    #[test]
    fn the_first_rotate_names_the_file_without_its_checksum() {
        let mut dotted = 0;
        let mut digits = 0;
        for pos in 4..200_000u64 {
            let (head, data) = fake_rotate("binlog.000001", pos);
            let sum = &data[data.len() - 4..];
            assert_eq!(rotate_name_in(&head, &data), "binlog.000001", "pos {pos}");
            dotted += usize::from(sum.contains(&b'.'));
            digits += usize::from(sum[0].is_ascii_digit());
        }
        assert!(dotted > 0 && digits > 0, "the cases were covered");
        // a rotate whose checksum the client already cut off is read as it is
        let (head, data) = fake_rotate("mysql-bin.1000002", 4);
        assert_eq!(
            rotate_name_in(&head, &data[..data.len() - 4]),
            "mysql-bin.1000002"
        );
        // without a valid checksum, the name is cut after its `.NNNNNN`, dots past it included
        assert_eq!(
            clean_file_name("binlog.000001.\u{b}4\u{fffd}"),
            "binlog.000001"
        );
        assert_eq!(clean_file_name("a.b.000123"), "a.b.000123");
    }

    /// A binlog recorded by MySQL 8 with `binlog_transaction_compression=ON`
    /// (testdata/mysql/binlogs/README.md): the payload's inner events (log_pos 0) get the
    /// payload's positions, so the transaction's commit moves the offset to the payload's end
    /// and its begin to its start; events outside keep their own.
    #[test]
    fn compressed_transactions_take_the_payload_positions() {
        let mut binlog =
            crate::source::mysql::recorded_binlog("mysql8-transaction-compression.binlog");
        let mut payload = None;
        let mut seen = Vec::new();
        while let Some(ev) = binlog.next() {
            let ev = ev.unwrap();
            let h = ev.header();
            let p = positions(
                &mut payload,
                h.event_type_raw(),
                h.log_pos() as u64,
                h.event_size() as u64,
            );
            seen.push((h.event_type_raw(), p));
            if h.event_type_raw() == MYSQL_TRANSACTION_PAYLOAD {
                let tpe: TransactionPayloadEvent<'_> = ev.read_event().unwrap();
                let mut inner = std::io::Cursor::new(tpe.danger_decompress());
                while let Some(e) = binlog.reader_mut().read_decompressed(&mut inner).unwrap() {
                    let ih = e.header();
                    assert_eq!(ih.log_pos(), 0, "inner events carry no position");
                    let p = positions(
                        &mut payload,
                        ih.event_type_raw(),
                        ih.log_pos() as u64,
                        ih.event_size() as u64,
                    );
                    seen.push((ih.event_type_raw(), p));
                }
            }
        }
        assert_eq!(
            seen,
            vec![
                (15, Some((4, 126))),   // format description
                (35, Some((126, 197))), // previous GTIDs
                (34, Some((197, 274))), // anonymous GTID
                (40, None),             // the payload (274..431)
                (2, Some((274, 431))),  // BEGIN
                (19, Some((274, 431))), // table map
                (30, Some((274, 431))), // write rows
                (16, Some((274, 431))), // XID: the commit moves the offset to 431
                (4, Some((431, 475))),  // rotate, outside again
            ]
        );
    }
}
