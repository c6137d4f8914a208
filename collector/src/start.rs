//! The start decision every source makes from what is stored (Debezium's `snapshot.mode`
//! semantics), written once. A source says what it found — [`Stored`] — and acts on the
//! returned [`Start`]; what "the log still holds the position" means is the source's (a
//! replication slot, a binlog file, the CDC tables' minimum LSN, the redo logs).
//!
//! | stored \ `snapshot.mode`              | initial / when_needed | initial_only | always   | never / no_data |
//! |---------------------------------------|-----------------------|--------------|----------|-----------------|
//! | nothing                               | snapshot              | snapshot     | snapshot | schema only     |
//! | our interrupted snapshot, log kept    | resume snapshot       | resume       | snapshot | schema only     |
//! | our interrupted snapshot, log gone    | snapshot              | snapshot     | snapshot | schema only     |
//! | an offset inside a foreign snapshot   | snapshot              | snapshot     | snapshot | schema only     |
//! | completed offset, log kept            | stream                | idle         | snapshot | stream          |
//! | completed offset, log gone            | when_needed: snapshot; initial: stop (position lost) | idle | snapshot | stop |

use crate::config::SnapshotMode;

/// What a source found at start.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stored {
    /// No offset.
    Nothing,
    /// Our snapshot was interrupted (its progress is in Redis); whether the change log still
    /// holds its point.
    Interrupted { log_kept: bool },
    /// An offset in the middle of a snapshot we cannot resume (Debezium's own, or ours whose
    /// progress is gone): Debezium snapshots again.
    Foreign,
    /// A completed offset; whether the change log still holds it.
    Completed { log_kept: bool },
}

/// What to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Start {
    /// Stream from the stored offset (continuing a catch-up if one is stored).
    Stream,
    /// Resume the interrupted snapshot in a new view, then stream from its point.
    ResumeSnapshot,
    /// Drop the stored state and take a new snapshot, then stream.
    Snapshot,
    /// Record the schema only and stream from now (`never` / `no_data`).
    SchemaOnly,
    /// Nothing to do: `initial_only` and the snapshot is complete.
    Idle,
    /// The stored position is gone and the mode forbids a new snapshot: a definite error.
    PositionLost,
}

/// What every source says when there is nothing to do ([`Start::Idle`]).
pub fn report_idle() {
    tracing::info!("snapshot already completed and snapshot.mode is initial_only: nothing to do");
}

/// The decision (see the table at the top).
pub fn decide(mode: SnapshotMode, stored: Stored) -> Start {
    use SnapshotMode as M;
    // recovery: no data snapshot; an interrupted one is still finished (nothing is dropped)
    let no_data = matches!(mode, M::Never | M::NoData | M::Recovery);
    match stored {
        Stored::Nothing | Stored::Foreign if no_data => Start::SchemaOnly,
        Stored::Nothing | Stored::Foreign => Start::Snapshot,
        Stored::Interrupted { log_kept: true } if mode == M::Recovery => Start::ResumeSnapshot,
        Stored::Interrupted { log_kept: false } if mode == M::Recovery => Start::PositionLost,
        Stored::Interrupted { .. } if no_data => Start::SchemaOnly,
        Stored::Interrupted { .. } if mode == M::Always => Start::Snapshot,
        Stored::Interrupted { log_kept: true } => Start::ResumeSnapshot,
        Stored::Interrupted { log_kept: false } => Start::Snapshot,
        Stored::Completed { .. } if mode == M::InitialOnly => Start::Idle,
        Stored::Completed { .. } if mode == M::Always => Start::Snapshot,
        Stored::Completed { log_kept: true } => Start::Stream,
        Stored::Completed { log_kept: false } if mode == M::WhenNeeded => Start::Snapshot,
        Stored::Completed { log_kept: false } => Start::PositionLost,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use SnapshotMode as M;

    #[test]
    fn the_decision_table() {
        let kept = Stored::Completed { log_kept: true };
        let gone = Stored::Completed { log_kept: false };
        let resumable = Stored::Interrupted { log_kept: true };
        let lost = Stored::Interrupted { log_kept: false };
        let rows: [(SnapshotMode, [Start; 6]); 7] = [
            (
                M::Initial,
                [
                    Start::Snapshot,
                    Start::ResumeSnapshot,
                    Start::Snapshot,
                    Start::Snapshot,
                    Start::Stream,
                    Start::PositionLost,
                ],
            ),
            (
                M::WhenNeeded,
                [
                    Start::Snapshot,
                    Start::ResumeSnapshot,
                    Start::Snapshot,
                    Start::Snapshot,
                    Start::Stream,
                    Start::Snapshot,
                ],
            ),
            (
                M::InitialOnly,
                [
                    Start::Snapshot,
                    Start::ResumeSnapshot,
                    Start::Snapshot,
                    Start::Snapshot,
                    Start::Idle,
                    Start::Idle,
                ],
            ),
            (
                M::Always,
                [
                    Start::Snapshot,
                    Start::Snapshot,
                    Start::Snapshot,
                    Start::Snapshot,
                    Start::Snapshot,
                    Start::Snapshot,
                ],
            ),
            (
                M::Never,
                [
                    Start::SchemaOnly,
                    Start::SchemaOnly,
                    Start::SchemaOnly,
                    Start::SchemaOnly,
                    Start::Stream,
                    Start::PositionLost,
                ],
            ),
            (
                M::NoData,
                [
                    Start::SchemaOnly,
                    Start::SchemaOnly,
                    Start::SchemaOnly,
                    Start::SchemaOnly,
                    Start::Stream,
                    Start::PositionLost,
                ],
            ),
            // no data snapshot, but an interrupted one is finished rather than dropped
            (
                M::Recovery,
                [
                    Start::SchemaOnly,
                    Start::ResumeSnapshot,
                    Start::PositionLost,
                    Start::SchemaOnly,
                    Start::Stream,
                    Start::PositionLost,
                ],
            ),
        ];
        for (mode, want) in rows {
            let got = [
                Stored::Nothing,
                resumable,
                lost,
                Stored::Foreign,
                kept,
                gone,
            ]
            .map(|s| decide(mode, s));
            assert_eq!(got, want, "{mode:?}");
        }
    }
}
