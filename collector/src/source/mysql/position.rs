//! MySQL/MariaDB positions: the binlog position a snapshot (or a view) is consistent with, a
//! streamed change's position as the catch-up compares it, and where streaming starts. The
//! offset JSON is `protocol::offset::MySqlOffset`; GTID sets are in `gtid.rs`.

use std::sync::Arc;

use protocol::offset::MySqlOffset;
use serde::{Deserialize, Serialize};

use crate::snapshot::View;

/// The binlog position the snapshot is consistent with; also a view's position (a view taken
/// at position `p` contains exactly the changes before `p`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct Point {
    pub file: String,
    pub pos: u64,
    pub gtids: Option<String>,
    pub ts_sec: i64,
}

/// A streamed change's binlog position, as the catch-up compares it: the file's sequence number
/// (the numbered suffix every binlog file of a server has) and the position in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct BinlogAt {
    pub seq: u64,
    pub pos: u64,
}

impl BinlogAt {
    pub(crate) fn new(file: &str, pos: u64) -> BinlogAt {
        let seq = file
            .rsplit('.')
            .next()
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        BinlogAt { seq, pos }
    }
}

impl View for Point {
    type Change = BinlogAt;
    fn contains(&self, c: &BinlogAt) -> bool {
        *c < BinlogAt::new(&self.file, self.pos)
    }
    fn is_before(&self, c: &BinlogAt) -> bool {
        !self.contains(c)
    }
}

/// Where streaming starts, and what to skip there.
#[derive(Debug, Clone)]
pub(crate) struct StartPoint {
    pub file: String,
    pub pos: u64,
    pub gtids: Option<String>,
    pub skip_events: u64,
    pub skip_rows: i64,
    /// After a resumed snapshot: changes already in a later snapshot view.
    pub catch_up: Option<Arc<super::snapshot::CatchUp>>,
}

impl StartPoint {
    pub fn from_offset(o: &MySqlOffset) -> StartPoint {
        StartPoint {
            file: o.file.clone(),
            pos: o.pos,
            gtids: o.gtids.clone(),
            skip_events: o.event.unwrap_or(0).max(0) as u64,
            skip_rows: o.row.unwrap_or(0).max(0),
            catch_up: None,
        }
    }
}
