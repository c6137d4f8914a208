//! The merge of the change tables, as Debezium's streaming loop reads them: every captured
//! table's change rows (each cursor already in `(start_lsn, seqval, operation)` order) are
//! merged into one sequence by that order; an update is its before image (operation 3)
//! immediately followed by its after image (operation 4) in the same change table and becomes one
//! event. The merge holds only what the caller pushed (one page per table) and asks for the next
//! page of a table when it needs to look at it (`Next::Refill`), so memory stays bounded
//! whatever the window size.

use std::collections::VecDeque;

use super::position::RowPosition;

/// One change-table row as read.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ChangeRow<V> {
    pub pos: RowPosition,
    pub values: V,
}

/// One event's worth of change rows.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Change<V> {
    Insert {
        pos: RowPosition,
        after: V,
    },
    Delete {
        pos: RowPosition,
        before: V,
    },
    /// `pos` is the before image's row (operation 3).
    Update {
        pos: RowPosition,
        before: V,
        after: V,
    },
}

impl<V> Change<V> {
    pub fn pos(&self) -> &RowPosition {
        match self {
            Change::Insert { pos, .. }
            | Change::Delete { pos, .. }
            | Change::Update { pos, .. } => pos,
        }
    }

    /// Debezium's `event_serial_no` after this event: 2 for an update (two rows), else 1.
    pub fn serial(&self) -> i64 {
        match self {
            Change::Update { .. } => 2,
            _ => 1,
        }
    }
}

/// What the merge wants next.
#[derive(Debug, PartialEq)]
pub(crate) enum Next<V> {
    /// The next event, of change table `.0`.
    Event(usize, Change<V>),
    /// Push the next page of change table `.0` (or mark it exhausted) before asking again.
    Refill(usize),
    /// Every change table is exhausted.
    End,
}

/// A change table's rows break the update pairing or the order.
#[derive(Debug, thiserror::Error, PartialEq)]
pub(crate) enum MergeError {
    #[error("change table {table}: the update before image at {at} is not followed by its after image (operation 4), found {found}")]
    UnpairedUpdate {
        table: String,
        at: String,
        found: String,
    },
    #[error("change table {table}: operation {op} at {at} is not a CDC operation (1-4)")]
    BadOperation { table: String, op: u8, at: String },
}

struct Cursor<V> {
    name: String,
    rows: VecDeque<ChangeRow<V>>,
    exhausted: bool,
}

/// The merge over the change tables of one window.
pub(crate) struct Merge<V> {
    cursors: Vec<Cursor<V>>,
}

fn at(p: &RowPosition) -> String {
    format!("{} / {}", p.commit, p.change)
}

impl<V> Merge<V> {
    /// A merge over the named change tables, none read yet.
    pub fn new(names: Vec<String>) -> Merge<V> {
        Merge {
            cursors: names
                .into_iter()
                .map(|name| Cursor {
                    name,
                    rows: VecDeque::new(),
                    exhausted: false,
                })
                .collect(),
        }
    }

    /// Appends a page of table `t`'s rows; `last` marks the end of its rows in the window.
    pub fn push(&mut self, t: usize, rows: Vec<ChangeRow<V>>, last: bool) {
        let c = &mut self.cursors[t];
        c.rows.extend(rows);
        c.exhausted |= last;
    }

    /// The next event, or what is needed to decide it.
    pub fn next(&mut self) -> Result<Next<V>, MergeError> {
        let mut best: Option<(usize, RowPosition)> = None;
        for (i, c) in self.cursors.iter().enumerate() {
            match c.rows.front() {
                None if c.exhausted => continue,
                None => return Ok(Next::Refill(i)),
                Some(r) => {
                    if best.is_none_or(|(_, b)| r.pos < b) {
                        best = Some((i, r.pos));
                    }
                }
            }
        }
        let Some((t, pos)) = best else {
            return Ok(Next::End);
        };
        let c = &mut self.cursors[t];
        match pos.operation {
            1 | 2 => {
                let row = c.rows.pop_front().expect("a head row");
                Ok(Next::Event(
                    t,
                    if pos.operation == 1 {
                        Change::Delete {
                            pos,
                            before: row.values,
                        }
                    } else {
                        Change::Insert {
                            pos,
                            after: row.values,
                        }
                    },
                ))
            }
            3 => {
                if c.rows.len() < 2 && !c.exhausted {
                    return Ok(Next::Refill(t));
                }
                let before = c.rows.pop_front().expect("a head row");
                match c.rows.front() {
                    Some(a)
                        if a.pos.operation == 4
                            && a.pos.commit == pos.commit
                            && a.pos.change == pos.change =>
                    {
                        let after = c.rows.pop_front().expect("the after image");
                        Ok(Next::Event(
                            t,
                            Change::Update {
                                pos,
                                before: before.values,
                                after: after.values,
                            },
                        ))
                    }
                    other => Err(MergeError::UnpairedUpdate {
                        table: c.name.clone(),
                        at: at(&pos),
                        found: other.map_or("the end of the rows".into(), |r| {
                            format!("operation {} at {}", r.pos.operation, at(&r.pos))
                        }),
                    }),
                }
            }
            op => Err(MergeError::BadOperation {
                table: c.name.clone(),
                op,
                at: at(&pos),
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::sqlserver::position::test_lsn as lsn;

    fn r(c: u32, s: u32, op: u8, v: &'static str) -> ChangeRow<&'static str> {
        ChangeRow {
            pos: RowPosition {
                commit: lsn(c),
                change: lsn(s),
                operation: op,
            },
            values: v,
        }
    }

    /// Runs the merge, serving pages of `page` rows from `tables`.
    fn run(
        tables: Vec<Vec<ChangeRow<&'static str>>>,
        page: usize,
    ) -> Result<Vec<(usize, String, i64)>, MergeError> {
        let mut m = Merge::new((0..tables.len()).map(|i| format!("t{i}")).collect());
        let mut left: Vec<VecDeque<ChangeRow<&'static str>>> =
            tables.into_iter().map(VecDeque::from).collect();
        let mut out = Vec::new();
        loop {
            match m.next()? {
                Next::End => return Ok(out),
                Next::Refill(t) => {
                    let n = page.min(left[t].len());
                    let rows: Vec<_> = left[t].drain(..n).collect();
                    m.push(t, rows, left[t].is_empty());
                }
                Next::Event(t, c) => {
                    assert!(
                        (1..=3).contains(&c.pos().operation),
                        "an event starts at its first row"
                    );
                    let s = c.serial();
                    let text = match c {
                        Change::Insert { after, .. } => format!("c {after}"),
                        Change::Delete { before, .. } => format!("d {before}"),
                        Change::Update { before, after, .. } => format!("u {before}>{after}"),
                    };
                    out.push((t, text, s));
                }
            }
        }
    }

    #[test]
    fn tables_merge_by_commit_change_and_operation_and_updates_pair() {
        let a = vec![
            r(1, 1, 2, "a1"),
            r(3, 1, 3, "a1"),
            r(3, 1, 4, "a1'"),
            r(5, 2, 1, "a1'"),
        ];
        let b = vec![
            r(1, 2, 2, "b1"),
            r(2, 1, 2, "b2"),
            r(3, 2, 3, "b2"),
            r(3, 2, 4, "b2'"),
        ];
        for page in [1, 2, 100] {
            let got = run(vec![a.clone(), b.clone()], page).unwrap();
            assert_eq!(
                got,
                vec![
                    (0, "c a1".into(), 1),
                    (1, "c b1".into(), 1),
                    (1, "c b2".into(), 1),
                    (0, "u a1>a1'".into(), 2),
                    (1, "u b2>b2'".into(), 2),
                    (0, "d a1'".into(), 1),
                ],
                "page {page}"
            );
        }
    }

    #[test]
    fn a_before_image_without_its_after_image_is_an_error() {
        let e = run(vec![vec![r(1, 1, 3, "x"), r(1, 2, 2, "y")]], 1).unwrap_err();
        assert!(matches!(e, MergeError::UnpairedUpdate { .. }), "{e}");
        let e = run(vec![vec![r(1, 1, 3, "x")]], 5).unwrap_err();
        assert!(e.to_string().contains("the end of the rows"), "{e}");
        let e = run(vec![vec![r(1, 1, 3, "x"), r(1, 9, 4, "x'")]], 5).unwrap_err();
        assert!(
            matches!(e, MergeError::UnpairedUpdate { .. }),
            "another seqval"
        );
        let e = run(vec![vec![r(1, 1, 7, "x")]], 5).unwrap_err();
        assert!(matches!(e, MergeError::BadOperation { op: 7, .. }));
    }

    #[test]
    fn empty_tables_end_at_once() {
        assert_eq!(run(vec![vec![], vec![]], 3).unwrap(), vec![]);
    }

    /// Random change rows (any operation, any order, random pages): the merge never panics and
    /// either ends or reports a typed error; every event it emits starts at an operation 1-3 row.
    #[test]
    fn random_rows_never_panic() {
        let mut seed = 5u64;
        let mut next = |below: u64| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) % below
        };
        for _ in 0..2_000 {
            let tables: Vec<Vec<ChangeRow<&'static str>>> = (0..1 + next(3))
                .map(|_| {
                    let mut rows: Vec<_> = (0..next(8))
                        .map(|_| r(next(4) as u32, next(4) as u32, next(6) as u8, "v"))
                        .collect();
                    if next(2) == 0 {
                        rows.sort_by_key(|r| r.pos);
                    }
                    rows
                })
                .collect();
            let page = 1 + next(3) as usize;
            let _ = run(tables, page);
        }
    }
}
