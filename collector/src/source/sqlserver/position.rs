//! SQL Server's native positions: a change row's place in the change tables, Debezium's
//! `(commit_lsn, change_lsn, event_serial_no)` resume position, and the order in which the rows
//! of all captured tables are merged.
//!
//! A change row carries `__$start_lsn` (its transaction's commit LSN), `__$seqval` (its order
//! within the transaction) and `__$operation` (1 delete, 2 insert, 3 update before image, 4
//! update after image). Rows of all change tables are merged in `(start_lsn, seqval, operation)`
//! order; an update is the pair 3 then 4 (same `start_lsn`, `seqval`) and becomes one event.
//! Debezium's offset after an event is `commit_lsn` = start_lsn, `change_lsn` = seqval and
//! `event_serial_no` = 1, or 2 after an update (both rows consumed).

use protocol::offset::{SqlLsn, SqlServerOffset};

/// A change row's place: what the merge orders by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct RowPosition {
    pub commit: SqlLsn,
    pub change: SqlLsn,
    pub operation: u8,
}

/// Where streaming resumes: after the event at (`commit`, `change`) with `serial`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct ResumeAt {
    pub commit: SqlLsn,
    pub change: Option<SqlLsn>,
    pub serial: i64,
}

impl ResumeAt {
    /// From a stored offset (None when it has no commit LSN).
    pub fn from_offset(o: &SqlServerOffset) -> Option<ResumeAt> {
        Some(ResumeAt {
            commit: o.commit_lsn?,
            change: o.change_lsn,
            serial: o.event_serial_no.unwrap_or(0),
        })
    }

    /// Whether the event starting at `row` (an operation 1, 2 or 3 row) was already emitted.
    /// Without a change LSN the whole transaction `commit` is done (a snapshot's point, or an
    /// offset at a transaction end).
    pub fn covers(&self, row: &RowPosition) -> bool {
        match row.commit.cmp(&self.commit) {
            std::cmp::Ordering::Less => true,
            std::cmp::Ordering::Greater => false,
            std::cmp::Ordering::Equal => match self.change {
                None => true,
                Some(change) => row.change <= change && self.serial >= 1,
            },
        }
    }

    /// The lowest LSN still to read: the stored transaction may be partly emitted, so reading
    /// starts at its commit LSN (rows it covers are skipped) unless it is complete.
    pub fn read_from(&self) -> SqlLsn {
        match self.change {
            None => self.commit.increment(),
            Some(_) => self.commit,
        }
    }
}

/// A snapshot view: the max LSN read inside the snapshot transaction. Under snapshot isolation
/// the transaction sees exactly the transactions committed at or before it, so a streamed
/// change (its commit LSN) is contained when its commit LSN is not after the view's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) struct SqlView {
    #[serde(with = "lsn_text")]
    pub lsn: SqlLsn,
}

mod lsn_text {
    use protocol::offset::SqlLsn;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(l: &SqlLsn, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&l.to_string())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<SqlLsn, D::Error> {
        let t = String::deserialize(d)?;
        SqlLsn::parse(&t).ok_or_else(|| serde::de::Error::custom(format!("bad LSN `{t}`")))
    }
}

impl crate::snapshot::View for SqlView {
    /// A streamed change's commit LSN.
    type Change = SqlLsn;
    fn contains(&self, commit: &SqlLsn) -> bool {
        *commit <= self.lsn
    }
    fn is_before(&self, commit: &SqlLsn) -> bool {
        *commit > self.lsn
    }
}

/// The position an event leaves in the offset.
pub(crate) fn offset_after(row: &RowPosition, serial: i64) -> SqlServerOffset {
    SqlServerOffset {
        commit_lsn: Some(row.commit),
        change_lsn: Some(row.change),
        event_serial_no: Some(serial),
        ..SqlServerOffset::default()
    }
}

/// A test LSN with `n` in its log block part.
#[cfg(test)]
pub(crate) fn test_lsn(n: u32) -> SqlLsn {
    let mut b = [0u8; 10];
    b[4..8].copy_from_slice(&n.to_be_bytes());
    SqlLsn(b)
}

#[cfg(test)]
mod tests {
    use super::*;
    use test_lsn as lsn;

    fn row(c: u32, s: u32, op: u8) -> RowPosition {
        RowPosition {
            commit: lsn(c),
            change: lsn(s),
            operation: op,
        }
    }

    #[test]
    fn rows_order_by_commit_then_change_then_operation() {
        let mut v = vec![row(2, 1, 2), row(1, 9, 4), row(1, 9, 3), row(1, 2, 1)];
        v.sort();
        assert_eq!(
            v,
            vec![row(1, 2, 1), row(1, 9, 3), row(1, 9, 4), row(2, 1, 2)]
        );
    }

    #[test]
    fn resume_skips_exactly_what_was_emitted() {
        let at = ResumeAt {
            commit: lsn(5),
            change: Some(lsn(3)),
            serial: 2,
        };
        assert!(at.covers(&row(4, 9, 2)), "an earlier transaction");
        assert!(at.covers(&row(5, 3, 3)), "the update emitted last");
        assert!(at.covers(&row(5, 2, 1)));
        assert!(!at.covers(&row(5, 4, 2)), "later in the same transaction");
        assert!(!at.covers(&row(6, 1, 2)), "a later transaction");
        assert_eq!(at.read_from(), lsn(5), "the transaction may be unfinished");
        let done = ResumeAt {
            commit: lsn(5),
            change: None,
            serial: 0,
        };
        assert!(done.covers(&row(5, 99, 2)));
        assert_eq!(done.read_from(), lsn(5).increment());
    }

    #[test]
    fn a_view_contains_the_transactions_committed_at_or_before_it() {
        use crate::snapshot::View;
        let v = SqlView { lsn: lsn(5) };
        assert!(v.contains(&lsn(5)) && v.contains(&lsn(1)));
        assert!(!v.contains(&lsn(6)) && v.is_before(&lsn(6)));
        let json = serde_json::to_string(&v).unwrap();
        assert_eq!(json, r#"{"lsn":"00000000:00000005:0000"}"#);
        assert_eq!(serde_json::from_str::<SqlView>(&json).unwrap(), v);
        assert!(serde_json::from_str::<SqlView>(r#"{"lsn":"x"}"#).is_err());
    }

    #[test]
    fn offsets_after_events_are_debeziums() {
        let o = offset_after(&row(7, 3, 3), 2);
        assert_eq!(
            o.to_json(),
            r#"{"commit_lsn":"00000000:00000007:0000","change_lsn":"00000000:00000003:0000","event_serial_no":2}"#
        );
        assert!(!o.in_snapshot());
        assert_eq!(ResumeAt::from_offset(&o).unwrap().serial, 2);
    }
}
