//! Postgres positions: the snapshot point (the slot's consistent point), the views a snapshot
//! reads in (Postgres' own snapshots), and a streamed transaction as the catch-up sees it. LSNs
//! themselves are `protocol::offset::PgLsn`; the offset JSON is `protocol::offset::PgOffset`.

use serde::{Deserialize, Serialize};

use crate::snapshot::View;

/// The point the snapshot is consistent with (the slot's consistent point).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub(crate) struct SnapshotPoint {
    pub lsn: u64,
    pub tx_id: i64,
    pub ts_us: i64,
}

/// A view rows were read in: Postgres' snapshot (xids as 64-bit `xid8`) and the WAL insert
/// position read right after it was taken.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub(crate) struct PgView {
    pub xmin: u64,
    pub xmax: u64,
    pub xip: Vec<u64>,
    pub lsn: u64,
}

/// A streamed transaction, as the catch-up sees it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct PgChange {
    /// Top-level transaction id (pgoutput's 32-bit xid).
    pub xid: u32,
    /// Start of its commit record (`final_lsn` of BEGIN).
    pub commit_lsn: u64,
}

/// `a` precedes `b` in Postgres' circular 32-bit xid space.
fn xid_precedes(a: u32, b: u32) -> bool {
    (a.wrapping_sub(b) as i32) < 0
}

impl View for PgView {
    type Change = PgChange;
    fn contains(&self, c: &PgChange) -> bool {
        if self.is_before(c) {
            return false;
        }
        let xmin = self.xmin as u32;
        let xmax = self.xmax as u32;
        xid_precedes(c.xid, xmin)
            || (xid_precedes(c.xid, xmax) && !self.xip.iter().any(|x| *x as u32 == c.xid))
    }
    fn is_before(&self, c: &PgChange) -> bool {
        c.commit_lsn >= self.lsn
    }
}

impl PgView {
    /// Parses `pg_current_snapshot()` text (`xmin:xmax:xip,...`).
    pub(crate) fn parse(snapshot: &str, lsn: u64) -> Option<PgView> {
        let mut parts = snapshot.trim().split(':');
        let xmin = parts.next()?.parse().ok()?;
        let xmax = parts.next()?.parse().ok()?;
        let xip = match parts.next() {
            Some("") | None => Vec::new(),
            Some(l) => l
                .split(',')
                .map(|x| x.parse().ok())
                .collect::<Option<Vec<u64>>>()?,
        };
        Some(PgView {
            xmin,
            xmax,
            xip,
            lsn,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn views_contain_what_postgres_snapshots_see() {
        let v = PgView::parse("100:105:101,103", 5000).unwrap();
        assert_eq!(v.xip, vec![101, 103]);
        let c = |xid, commit_lsn| PgChange { xid, commit_lsn };
        assert!(v.contains(&c(99, 10)));
        assert!(v.contains(&c(102, 10)));
        assert!(v.contains(&c(104, 10)));
        assert!(!v.contains(&c(101, 10)), "in progress when taken");
        assert!(!v.contains(&c(103, 10)));
        assert!(!v.contains(&c(105, 10)), "at xmax");
        assert!(!v.contains(&c(200, 10)));
        assert!(!v.contains(&c(99, 5000)), "committed after the view");
        assert!(v.is_before(&c(1, 5000)) && !v.is_before(&c(1, 4999)));
        let empty = PgView::parse("7:7:", 1).unwrap();
        assert!(empty.xip.is_empty() && empty.contains(&c(6, 0)) && !empty.contains(&c(7, 0)));
        // xid8 values past the first wraparound compare by their low 32 bits
        let wrapped = PgView::parse("4294967396:4294967400:", 1 << 40).unwrap();
        assert!(wrapped.contains(&c(99, 0)) && wrapped.contains(&c(101, 0)));
        assert!(!wrapped.contains(&c(104, 0)));
        assert!(PgView::parse("garbage", 0).is_none());
    }
}
