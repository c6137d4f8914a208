//! The snapshot engine every source plugs into: tables read in key order in bounded chunks,
//! each chunk committed to Redis with the snapshot offset and the table's progress, resumable
//! after a crash without losing or repeating a change.
//!
//! # The consistency argument
//! A snapshot starts at a **point**: a position of the change log (Postgres slot consistent point,
//! binlog position, SQL Server max LSN, Oracle SCN) and a **view** consistent with it — every
//! change before the point is visible in the view, none after. Streaming starts at the point.
//! Without a crash every row is read once in that view and every later change streamed once.
//!
//! A crash loses the view (a database cannot reopen an old transaction). A resumed run opens a
//! **new view** `V2` and reads each unfinished table after its last committed key. Streaming
//! still starts at the original point, so the stream replays changes that `V2` already contains
//! for the rows read in `V2`, and must keep the changes that `V2`'s rows do not contain. The
//! engine therefore records, per table, **segments**: consecutive key ranges with the view each
//! was read in (`upto` is the last key of the range, inclusive; the last range is open). When a
//! run resumes, the range read by the previous run (up to its last committed key) is closed with
//! the previous view. The **catch-up** ([`CatchUp`]) then decides each streamed change by the
//! segment its key falls in: a change the segment's view contains is already in the snapshot
//! (drop it), any other change is new (emit it). A key change is decided per side: the delete of
//! the old key by the old key's segment, the create of the new key by the new key's segment. Keys
//! inserted after a view fall in some segment whose view does not contain them, so they stream.
//! Once streaming passes the last view, no change can be contained in any view and the filter
//! ends. The segments stay in Redis until then, so a crash during the catch-up resumes the same
//! filter (they are removed at the next start after the stored offset is past the last view).
//!
//! Each chunk's entries, the snapshot offset and the table's progress (rows, last key,
//! segments) are written in one Redis transaction: after a crash Redis holds exactly the rows up
//! to the last committed key, so the resumed read neither skips nor repeats a row.
//!
//! Key order: the source reads rows ordered the way [`KeyOrder`] compares them (integers
//! numerically; anything else by its text bytes — the source orders by `COLLATE "C"` or by
//! binary text), so the engine can place any key in its segment without asking the database.
//!
//! **Tables without a primary key** cannot be resumed by key: a resumed run reads such a table
//! again from its start in the new view (logged as a warning), so its `r` events from before the
//! crash appear again; its changes are still filtered exactly (the whole table is one segment).
//!
//! Keys from `message.key.columns` need not be unique: a chunk never ends inside a run of equal
//! keys, so a resumed read after the last committed key skips none of them.
//!
//! Memory: one chunk of rows (longer only by a run of equal keys) and at most `depth`
//! committed-but-unacknowledged batches per worker, whatever the table size.

use std::cmp::Ordering;
use std::collections::{BTreeMap, HashMap};
use std::fmt::Debug;
use std::sync::Arc;

use protocol::envelope::{Record, SnapshotMarker};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::error::CollectorError;
use crate::metrics::Metrics;
use crate::progress::SnapshotProgress;
use crate::sink::{Batch, RedisSink, SideWrites, Writer};

/// A row's primary key as text, one entry per key column (None: SQL NULL).
pub(crate) type Key = Vec<Option<String>>;

/// How a key column compares; the source's snapshot query orders by the same rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum KeyOrder {
    /// Signed integers, compared numerically.
    Integer,
    /// Anything else, compared by the bytes of its text form (`COLLATE "C"` order).
    Text,
}

/// Compares a key with a stored boundary under `order` (NULL sorts first).
pub(crate) fn compare_keys(
    order: &[KeyOrder],
    key: &[Option<&str>],
    bound: &[Option<String>],
) -> Ordering {
    for (i, (k, b)) in key.iter().zip(bound).enumerate() {
        let o = match (k, b) {
            (None, None) => Ordering::Equal,
            (None, Some(_)) => Ordering::Less,
            (Some(_), None) => Ordering::Greater,
            (Some(k), Some(b)) => match order.get(i).copied().unwrap_or(KeyOrder::Text) {
                KeyOrder::Integer => match (k.parse::<i128>(), b.parse::<i128>()) {
                    (Ok(x), Ok(y)) => x.cmp(&y),
                    _ => k.as_bytes().cmp(b.as_bytes()),
                },
                KeyOrder::Text => k.as_bytes().cmp(b.as_bytes()),
            },
        };
        if o != Ordering::Equal {
            return o;
        }
    }
    Ordering::Equal
}

/// A consistent view a source read rows in.
pub(crate) trait View:
    Clone + Debug + PartialEq + Serialize + DeserializeOwned + Send + Sync + 'static
{
    /// What the stream knows of a change: enough to decide visibility (commit position,
    /// transaction id).
    type Change;
    /// Whether `change` is visible in this view (its effect is in rows read in it).
    fn contains(&self, change: &Self::Change) -> bool;
    /// Whether `change` happened after this view was taken (so after every earlier view too).
    fn is_before(&self, change: &Self::Change) -> bool;
}

/// Rows with keys after the previous segment's `upto` and up to this `upto` (inclusive; None:
/// to the end) were read in `view`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct Segment<V> {
    pub upto: Option<Key>,
    pub view: V,
}

/// One table's snapshot progress, stored in Redis with every chunk.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct TableProgress<V> {
    pub done: bool,
    pub rows: u64,
    /// The key of the last committed row.
    pub last_key: Option<Key>,
    /// Key ranges closed by earlier runs (and, once done, the last open one).
    #[serde(default = "Vec::new")]
    pub segments: Vec<Segment<V>>,
    /// How the key columns compare.
    #[serde(default)]
    pub order: Vec<KeyOrder>,
    /// A table read in parts by several connections at once: the parts' upper keys (inclusive;
    /// the last part is open). Each part has its own entry ([`part_name`]); the table's own entry
    /// only holds this split until every part is done.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub split: Vec<Key>,
}

impl<V> Default for TableProgress<V> {
    fn default() -> Self {
        TableProgress {
            done: false,
            rows: 0,
            last_key: None,
            segments: Vec::new(),
            order: Vec::new(),
            split: Vec::new(),
        }
    }
}

/// The progress entry of part `i` of a split table (a NUL cannot occur in a table name).
pub(crate) fn part_name(table: &str, i: usize) -> String {
    format!("{table}\u{0}{i}")
}

/// A progress entry's name for logs (`schema.table part 2`).
pub(crate) fn shown_name(name: &str) -> String {
    match part_of(name) {
        (t, Some(i)) => format!("{t} part {i}"),
        (t, None) => t.to_string(),
    }
}

/// The table a progress entry belongs to, and its part.
pub(crate) fn part_of(name: &str) -> (&str, Option<usize>) {
    match name.split_once('\u{0}') {
        Some((t, i)) => (t, i.parse().ok()),
        None => (name, None),
    }
}

/// Splits integer keys `min..=max` into `parts` ranges of about equal width: the upper keys of
/// all but the last part.
pub(crate) fn split_integers(min: i64, max: i64, parts: usize) -> Vec<Key> {
    let parts = parts.max(1) as i128;
    let (lo, hi) = (min as i128, max as i128);
    let width = (hi - lo + 1) / parts;
    if width < 1 {
        return Vec::new();
    }
    (1..parts)
        .map(|i| vec![Some((lo + i * width - 1).to_string())])
        .collect()
}

/// The key bounds a part reads: after `lower` (exclusive), up to `upper` (inclusive; None: to
/// the end). A resumed part reads after its last committed key.
pub(crate) fn part_bounds<V>(
    split: &[Key],
    part: usize,
    tp: &TableProgress<V>,
) -> (Option<Key>, Option<Key>) {
    let lower = tp
        .last_key
        .clone()
        .or_else(|| part.checked_sub(1).and_then(|p| split.get(p).cloned()));
    (lower, split.get(part).cloned())
}

impl<V: View> TableProgress<V> {
    /// A resumed run: the range the previous run read (up to its last committed key) is closed
    /// with the previous run's view. A keyless table starts again (returns true).
    fn close(&mut self, previous: &V) -> bool {
        if self.done {
            return false;
        }
        match &self.last_key {
            Some(last) if !last.is_empty() => {
                if self.segments.last().and_then(|s| s.upto.as_ref()) != Some(last) {
                    self.segments.push(Segment {
                        upto: Some(last.clone()),
                        view: previous.clone(),
                    });
                }
                false
            }
            _ => {
                let restarted = self.rows > 0;
                self.rows = 0;
                self.last_key = None;
                restarted
            }
        }
    }
}

/// The Redis hash field of the snapshot point (source-specific JSON).
const POINT_FIELD: &str = "__point";
/// The Redis hash field of the first run's view (the point's).
const INITIAL_FIELD: &str = "__initial";
/// The Redis hash field of the current run's view.
const VIEW_FIELD: &str = "__view";
/// Set when the snapshot completed: the hash only serves the catch-up from then on.
const COMPLETED_FIELD: &str = "__completed";

/// The snapshot state a source keeps in Redis (`metadata:redcdc:snapshot:<prefix>`).
#[derive(Debug, Clone)]
pub(crate) struct Progress<P, V> {
    pub point: P,
    /// The view of the first run (consistent with the point).
    pub initial: V,
    /// The view of the run that wrote last.
    pub view: V,
    pub tables: BTreeMap<String, TableProgress<V>>,
    pub completed: bool,
}

/// The Redis hash holding a connector's snapshot state.
pub(crate) fn progress_key(topic_prefix: &str) -> String {
    format!("metadata:redcdc:snapshot:{topic_prefix}")
}

impl<P, V> Progress<P, V>
where
    P: Serialize + DeserializeOwned + Clone,
    V: View,
{
    /// Reads the stored state; None when there is none (or it is unreadable: a new snapshot).
    pub(crate) async fn load(
        sink: &mut RedisSink,
        key: &str,
    ) -> Result<Option<Self>, CollectorError> {
        let raw: BTreeMap<String, String> = sink.hgetall(key).await?.into_iter().collect();
        fn field<T: DeserializeOwned>(raw: &BTreeMap<String, String>, f: &str) -> Option<T> {
            raw.get(f).and_then(|p| serde_json::from_str(p).ok())
        }
        let (Some(point), Some(initial), Some(view)) = (
            field::<P>(&raw, POINT_FIELD),
            field::<V>(&raw, INITIAL_FIELD),
            field::<V>(&raw, VIEW_FIELD),
        ) else {
            return Ok(None);
        };
        let tables = raw
            .iter()
            .filter(|(k, _)| !k.starts_with("__"))
            .filter_map(|(k, v)| serde_json::from_str(v).ok().map(|p| (k.clone(), p)))
            .collect();
        Ok(Some(Progress {
            point,
            initial,
            view,
            tables,
            completed: raw.contains_key(COMPLETED_FIELD),
        }))
    }

    /// A new snapshot at `point`, read in `view`, and the side writes that store it (the caller
    /// commits them with the first offset, after deleting any old state).
    pub(crate) fn start(key: &str, point: P, view: V) -> (Self, SideWrites) {
        let side = SideWrites {
            hset: vec![
                (key.into(), POINT_FIELD.into(), json(&point)),
                (key.into(), INITIAL_FIELD.into(), json(&view)),
                (key.into(), VIEW_FIELD.into(), json(&view)),
            ],
            ..SideWrites::default()
        };
        let p = Progress {
            point,
            initial: view.clone(),
            view,
            tables: BTreeMap::new(),
            completed: false,
        };
        (p, side)
    }

    /// A resumed run in `view`: closes what the previous view read. Returns the side writes to
    /// commit before reading, and the tables that start again (keyless).
    pub(crate) fn resume(&mut self, key: &str, view: V) -> (SideWrites, Vec<String>) {
        let previous = std::mem::replace(&mut self.view, view);
        let mut side = SideWrites::default();
        let mut restarted = Vec::new();
        for (name, tp) in self.tables.iter_mut() {
            if tp.close(&previous) {
                restarted.push(name.clone());
            }
            side.hset.push((key.into(), name.clone(), json(tp)));
        }
        side.hset
            .push((key.into(), VIEW_FIELD.into(), json(&self.view)));
        (side, restarted)
    }

    /// Marks each split table done once all its parts are; returns whether every table is done.
    pub(crate) fn settle(&mut self) -> bool {
        let parents: Vec<(String, usize)> = self
            .tables
            .iter()
            .filter(|(_, t)| !t.split.is_empty())
            .map(|(n, t)| (n.clone(), t.split.len() + 1))
            .collect();
        for (name, n) in parents {
            let parts: Vec<&TableProgress<V>> = (0..n)
                .filter_map(|i| self.tables.get(&part_name(&name, i)))
                .collect();
            let done = parts.len() == n && parts.iter().all(|p| p.done);
            let rows = parts.iter().map(|p| p.rows).sum();
            if let Some(t) = self.tables.get_mut(&name) {
                t.done = done;
                t.rows = rows;
            }
        }
        self.tables.values().all(|t| t.done)
    }

    /// What the stream must filter after this snapshot: the tables with a segment read in a view
    /// other than the point's own (which contains no streamed change). None when nothing needs
    /// filtering.
    pub(crate) fn catch_up(&self) -> Option<CatchUp<V>> {
        let mut tables = HashMap::new();
        for (name, tp) in &self.tables {
            if part_of(name).1.is_some() {
                continue;
            }
            let (order, segments) = if tp.split.is_empty() {
                (tp.order.clone(), tp.segments.clone())
            } else {
                // the parts' segments, each part's open last segment closed at its upper key,
                // are one consecutive list for the whole table
                let mut all = Vec::new();
                let mut order = tp.order.clone();
                for i in 0..=tp.split.len() {
                    let Some(part) = self.tables.get(&part_name(name, i)) else {
                        continue;
                    };
                    if order.is_empty() {
                        order = part.order.clone();
                    }
                    for s in &part.segments {
                        all.push(Segment {
                            upto: s.upto.clone().or_else(|| tp.split.get(i).cloned()),
                            view: s.view.clone(),
                        });
                    }
                }
                (order, all)
            };
            if segments.iter().any(|s| s.view != self.initial) {
                tables.insert(name.clone(), (order, segments));
            }
        }
        if tables.is_empty() {
            return None;
        }
        Some(CatchUp {
            tables,
            until: self.view.clone(),
        })
    }
}

/// Marks the snapshot complete, keeping the segments for the catch-up when there is one, and
/// deleting the state otherwise. Commits the completed offset in the same transaction. Returns
/// what streaming must filter.
pub(crate) async fn complete<P, V>(
    sink: &mut RedisSink,
    key: &str,
    offset: &str,
    progress: &Progress<P, V>,
    meter: &SnapshotProgress,
) -> Result<Option<CatchUp<V>>, CollectorError>
where
    P: Serialize + DeserializeOwned + Clone,
    V: View,
{
    let catch_up = progress.catch_up();
    if catch_up.is_some() {
        let side = SideWrites {
            hset: vec![(key.into(), COMPLETED_FIELD.into(), "true".into())],
            ..SideWrites::default()
        };
        sink.commit(&[], Some(offset), &side).await?;
    } else {
        sink.commit(&[], Some(offset), &SideWrites::default())
            .await?;
        sink.del(&[key.to_string()]).await?;
    }
    meter.completed();
    tracing::info!(
        rows = meter.total_rows(),
        catch_up = catch_up.is_some(),
        "snapshot completed"
    );
    Ok(catch_up)
}

fn json<T: Serialize>(v: &T) -> String {
    serde_json::to_string(v).unwrap_or_default()
}

/// What streaming must not repeat after a resumed snapshot (see the module note).
#[derive(Debug, Clone)]
pub(crate) struct CatchUp<V> {
    /// Table → (key order, segments).
    tables: HashMap<String, (Vec<KeyOrder>, Vec<Segment<V>>)>,
    /// The last view: changes after it are always new.
    until: V,
}

impl<V: View> CatchUp<V> {
    /// Whether a change of table `table` to the row with key `key` is new to the stream
    /// (false: the snapshot view its key range was read in contains it already).
    pub(crate) fn emit(&self, table: &str, key: &[Option<&str>], change: &V::Change) -> bool {
        if self.until.is_before(change) {
            return true;
        }
        let Some((order, segments)) = self.tables.get(table) else {
            return true;
        };
        for s in segments {
            let inside = match &s.upto {
                None => true,
                Some(upto) => compare_keys(order, key, upto) != Ordering::Greater,
            };
            if inside {
                return !s.view.contains(change);
            }
        }
        true
    }

    /// A table-wide change (TRUNCATE): `Some(true)` emit it (no range of the table was read in a
    /// view containing it), `Some(false)` drop it (every range was read after it), `None` when
    /// some ranges were read before it and some after — then no single event is right.
    pub(crate) fn table_wide(&self, table: &str, change: &V::Change) -> Option<bool> {
        if self.until.is_before(change) {
            return Some(true);
        }
        let Some((_, segments)) = self.tables.get(table) else {
            return Some(true);
        };
        let contained = segments.iter().filter(|s| s.view.contains(change)).count();
        match contained {
            0 => Some(true),
            n if n == segments.len() => Some(false),
            _ => None,
        }
    }

    /// Whether every change from `change` on is new (the filter can be dropped).
    pub(crate) fn ended(&self, change: &V::Change) -> bool {
        self.until.is_before(change)
    }

    /// The last view (stored-offset comparisons at start).
    pub(crate) fn until(&self) -> &V {
        &self.until
    }
}

/// A source's reader of one table, in key order, inside the run's view.
pub(crate) trait TableRead {
    type Row;
    /// Appends the next rows (at most `limit`) to `out`; appends nothing at the end.
    async fn next_rows(
        &mut self,
        limit: usize,
        out: &mut Vec<Self::Row>,
    ) -> Result<(), CollectorError>;
}

/// A source's encoding of its snapshot rows.
pub(crate) trait RowEncode<R> {
    /// The row's key (None for a keyless table).
    fn key(&self, row: &R) -> Option<Key>;
    /// Appends the row's `r` record(s) with the given snapshot marker.
    fn encode(
        &self,
        row: &R,
        marker: SnapshotMarker,
        out: &mut Vec<Record>,
    ) -> Result<(), CollectorError>;
}

/// Where a snapshot run commits: the writer (pipelined, bounded), the progress hash and the
/// snapshot offset every chunk carries.
pub(crate) struct ChunkSink {
    pub writer: Writer,
    pub key: String,
    pub offset: String,
    pub metrics: Arc<Metrics>,
}

impl ChunkSink {
    pub(crate) fn new(sink: RedisSink, key: String, offset: String, metrics: Arc<Metrics>) -> Self {
        ChunkSink {
            writer: Writer::spawn(sink, 1, metrics.clone()),
            key,
            offset,
            metrics,
        }
    }

    async fn commit<V: View>(
        &mut self,
        table: &str,
        tp: &TableProgress<V>,
        records: Vec<Record>,
    ) -> Result<(), CollectorError> {
        self.metrics.snapshot_rows(records.len() as u64);
        let side = SideWrites {
            hset: vec![(self.key.clone(), table.to_string(), json(tp))],
            ..SideWrites::default()
        };
        self.writer
            .send(Batch {
                records,
                offset: Some(self.offset.clone()),
                side,
            })
            .await?;
        crate::failpoint::hit("after_snapshot_chunk");
        Ok(())
    }

    /// Waits for every chunk to be committed; returns the sink.
    pub(crate) async fn finish(self) -> Result<RedisSink, CollectorError> {
        Ok(self.writer.finish().await?)
    }
}

/// Where a table sits among the snapshot's tables (for Debezium's `snapshot` markers).
#[derive(Debug, Clone, Copy)]
pub(crate) struct TablePlace {
    pub first: bool,
    pub last: bool,
}

/// Reads one table to its end in the run's `view`, committing chunks of `chunk` rows with its
/// progress; returns the final progress (done, with the open segment in `view`).
#[allow(clippy::too_many_arguments)]
pub(crate) async fn copy_table<V, R, T, E>(
    table: &str,
    reader: &mut T,
    encoder: &E,
    mut tp: TableProgress<V>,
    view: &V,
    place: TablePlace,
    chunk: usize,
    out: &mut ChunkSink,
    meter: &SnapshotProgress,
) -> Result<TableProgress<V>, CollectorError>
where
    V: View,
    T: TableRead<Row = R>,
    E: RowEncode<R>,
{
    let chunk = chunk.max(1);
    let mut first_row = tp.rows == 0;
    let mut rows: Vec<R> = Vec::with_capacity(chunk + 1);
    let mut records: Vec<Record> = Vec::with_capacity(chunk);
    // the last row read is held back until we know whether another follows (`last` markers)
    reader.next_rows(chunk, &mut rows).await?;
    loop {
        if rows.is_empty() {
            break;
        }
        let mut more: Vec<R> = Vec::with_capacity(chunk + 1);
        reader.next_rows(chunk, &mut more).await?;
        let end = more.is_empty();
        // a chunk never ends inside a run of equal keys (`message.key.columns` need not be
        // unique): the resumed read starts after the last committed key
        if let (Some(a), Some(b)) = (
            rows.last().and_then(|r| encoder.key(r)),
            more.first().and_then(|r| encoder.key(r)),
        ) {
            if a == b {
                let cut = rows
                    .iter()
                    .rposition(|r| encoder.key(r).as_ref() != Some(&a))
                    .map_or(0, |p| p + 1);
                if cut == 0 {
                    rows.append(&mut more);
                    continue;
                }
                let tail = rows.split_off(cut);
                more.splice(0..0, tail);
            }
        }
        let n = rows.len();
        for (i, row) in rows.iter().enumerate() {
            let is_last = end && i + 1 == n;
            let marker = SnapshotMarker::for_row(place.first, place.last, first_row, is_last);
            first_row = false;
            encoder.encode(row, marker, &mut records)?;
        }
        tp.rows += n as u64;
        if let Some(k) = rows.last().and_then(|r| encoder.key(r)) {
            tp.last_key = Some(k);
        }
        if end {
            tp.done = true;
            tp.segments.push(Segment {
                upto: None,
                view: view.clone(),
            });
        }
        out.commit(table, &tp, std::mem::take(&mut records)).await?;
        meter.rows(&shown_name(table), tp.rows);
        rows = more;
    }
    if !tp.done {
        // empty table, or resumed exactly at its end
        tp.done = true;
        tp.segments.push(Segment {
            upto: None,
            view: view.clone(),
        });
        out.commit(table, &tp, Vec::new()).await?;
    }
    Ok(tp)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A test view: log positions; a change is (position, table-independent).
    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
    struct Pos(u64);
    impl View for Pos {
        type Change = u64;
        fn contains(&self, c: &u64) -> bool {
            *c < self.0
        }
        fn is_before(&self, c: &u64) -> bool {
            *c >= self.0
        }
    }

    fn k(v: &str) -> Key {
        vec![Some(v.to_string())]
    }

    #[test]
    fn integer_and_text_keys_compare_in_the_snapshot_order() {
        let o = [KeyOrder::Integer];
        assert_eq!(compare_keys(&o, &[Some("9")], &k("10")), Ordering::Less);
        assert_eq!(
            compare_keys(&o, &[Some("-5")], &k("-10")),
            Ordering::Greater
        );
        let t = [KeyOrder::Text];
        assert_eq!(compare_keys(&t, &[Some("9")], &k("10")), Ordering::Greater);
        assert_eq!(compare_keys(&t, &[Some("B")], &k("a")), Ordering::Less);
        let two = [KeyOrder::Integer, KeyOrder::Text];
        let b = vec![Some("5".to_string()), Some("m".to_string())];
        assert_eq!(
            compare_keys(&two, &[Some("5"), Some("a")], &b),
            Ordering::Less
        );
        assert_eq!(
            compare_keys(&two, &[Some("5"), Some("m")], &b),
            Ordering::Equal
        );
        assert_eq!(
            compare_keys(&two, &[Some("6"), Some("a")], &b),
            Ordering::Greater
        );
        assert_eq!(compare_keys(&two, &[None, Some("z")], &b), Ordering::Less);
    }

    #[test]
    fn resumed_runs_close_segments_and_the_catch_up_decides_by_segment() {
        // point view at 100; a crash after key 10 was committed; a second view at 200, a crash
        // after key 20; the third run at 300 reads the rest
        let (mut p, _) = Progress::<u64, Pos>::start("key", 100, Pos(100));
        p.tables.insert(
            "t".into(),
            TableProgress {
                rows: 10,
                last_key: Some(k("10")),
                order: vec![KeyOrder::Integer],
                ..TableProgress::default()
            },
        );
        let (_, restarted) = p.resume("key", Pos(200));
        assert!(restarted.is_empty());
        let tp = p.tables.get_mut("t").unwrap();
        tp.rows = 20;
        tp.last_key = Some(k("20"));
        p.resume("key", Pos(300));
        // resuming twice without progress adds no empty range
        p.resume("key", Pos(300));
        let tp = p.tables.get_mut("t").unwrap();
        assert_eq!(tp.segments.len(), 2);
        tp.done = true;
        tp.segments.push(Segment {
            upto: None,
            view: Pos(300),
        });
        let c = p.catch_up().expect("a catch-up");
        // key 5 was read at 100: every streamed change (>= 100) is new
        assert!(c.emit("t", &[Some("5")], &150));
        // key 15 was read at 200: changes before 200 are in the snapshot
        assert!(!c.emit("t", &[Some("15")], &150));
        assert!(c.emit("t", &[Some("15")], &250));
        // key 25 (and keys inserted beyond every row) were read at 300
        assert!(!c.emit("t", &[Some("25")], &250));
        assert!(!c.emit("t", &[Some("999")], &299));
        assert!(c.emit("t", &[Some("999")], &300));
        // other tables and changes after the last view are never filtered
        assert!(c.emit("u", &[Some("15")], &150));
        assert!(c.ended(&300) && !c.ended(&299));
        // a truncate before view 200 but after 100: ranges read before and after it — no event
        // is right; after every view: emit
        assert_eq!(c.table_wide("t", &150), None);
        assert_eq!(c.table_wide("t", &300), Some(true));
        assert_eq!(c.table_wide("u", &150), Some(true));
    }

    #[test]
    fn integer_ranges_split_into_equal_parts() {
        assert_eq!(
            split_integers(1, 30, 3),
            vec![k("10"), k("20")],
            "1..=10, 11..=20, 21..=30"
        );
        assert_eq!(split_integers(-5, 4, 2), vec![k("-1")]);
        assert!(split_integers(1, 2, 3).is_empty(), "fewer keys than parts");
        assert_eq!(split_integers(i64::MIN, i64::MAX, 2), vec![k("-1")]);
    }

    #[test]
    fn parts_resume_after_their_own_key_and_merge_into_one_segment_list() {
        let split = vec![k("100"), k("200")];
        let mut tp: TableProgress<Pos> = TableProgress::default();
        assert_eq!(part_bounds(&split, 0, &tp), (None, Some(k("100"))));
        assert_eq!(
            part_bounds(&split, 1, &tp),
            (Some(k("100")), Some(k("200")))
        );
        assert_eq!(part_bounds(&split, 2, &tp), (Some(k("200")), None));
        tp.last_key = Some(k("150"));
        assert_eq!(
            part_bounds(&split, 1, &tp),
            (Some(k("150")), Some(k("200")))
        );

        // run 1 (view 10) read part 0 to 50 and part 1 to 150; run 2 (view 20) read the rest
        let (mut p, _) = Progress::<u64, Pos>::start("h", 0, Pos(10));
        let parent = TableProgress {
            split: split.clone(),
            order: vec![KeyOrder::Integer],
            ..TableProgress::default()
        };
        p.tables.insert("t".into(), parent);
        for (i, last) in [(0, "50"), (1, "150")] {
            p.tables.insert(
                part_name("t", i),
                TableProgress {
                    rows: 10,
                    last_key: Some(k(last)),
                    order: vec![KeyOrder::Integer],
                    ..TableProgress::default()
                },
            );
        }
        let _ = p.resume("h", Pos(20));
        for i in 0..3 {
            let tp = p.tables.entry(part_name("t", i)).or_default();
            tp.done = true;
            tp.segments.push(Segment {
                upto: None,
                view: Pos(20),
            });
        }
        assert!(p.settle(), "every part done: the table is done");
        let c = p.catch_up().expect("segments read in a later view");
        // a change at position 15: contained in view 20, not in view 10
        let emit = |key: &str| c.emit("t", &[Some(key)], &15);
        assert!(emit("40"), "part 0 up to 50 was read in view 10");
        assert!(!emit("60"), "part 0 after 50 was read in view 20");
        assert!(!emit("100"), "the end of part 0");
        assert!(emit("101") && emit("150"), "part 1 up to 150: view 10");
        assert!(!emit("151") && !emit("200"), "part 1 after 150: view 20");
        assert!(!emit("201") && !emit("999999"), "part 2: view 20");
    }

    #[test]
    fn a_keyless_table_restarts_on_resume() {
        let (mut p, _) = Progress::<u64, Pos>::start("key", 1, Pos(1));
        p.tables.insert(
            "t".into(),
            TableProgress {
                rows: 7,
                ..TableProgress::default()
            },
        );
        let (_, restarted) = p.resume("key", Pos(2));
        assert_eq!(restarted, vec!["t".to_string()]);
        assert_eq!(p.tables["t"].rows, 0);
        assert!(p.tables["t"].segments.is_empty());
    }
}
