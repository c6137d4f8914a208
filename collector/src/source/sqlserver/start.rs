//! SQL Server at start: the prerequisites `collector check` reports and every run verifies —
//! CDC enabled on the database, the SQL Server Agent running (it runs the capture and cleanup
//! jobs), a capture instance for every captured table, the change tables still holding the
//! stored position — each a definite error naming the fix. The start decision itself is the
//! shared one in [`crate::start`].

use std::sync::Arc;

use protocol::offset::{SqlLsn, SqlServerOffset};
use tokio::sync::watch;

use super::client::{self, CaptureInstance, Conn, SqlServerError};
use super::position::ResumeAt;
use super::schema::TableSchema;
use super::snapshot::{self, Progress};
use super::{stream, SsContext};
use crate::config::{IsolationMode, SnapshotMode};
use crate::error::CollectorError;
use crate::sink::{SideWrites, SinkError};
use crate::start::{decide, Start, Stored};

/// What the checks found: the capture instances of the captured tables.
#[derive(Debug)]
pub(crate) struct Prerequisites {
    pub checked: Vec<String>,
    pub instances: Vec<CaptureInstance>,
}

/// Checks the database can be captured for the tables `wanted` (`schema.table`; empty: every
/// table with a capture instance).
pub(crate) async fn prerequisites(
    conn: &mut Conn,
    database: &str,
    wanted: &[String],
) -> Result<Prerequisites, SqlServerError> {
    let mut checked = Vec::new();
    if !conn.cdc_enabled().await? {
        return Err(SqlServerError::Prerequisite {
            problem: format!("CDC is not enabled on database `{database}`"),
            fix: format!("USE [{database}]; EXEC sys.sp_cdc_enable_db;"),
        });
    }
    checked.push(format!("CDC enabled on {database}"));
    if !conn.agent_running().await? {
        return Err(SqlServerError::Prerequisite {
            problem: "the SQL Server Agent is not running: no change is captured".into(),
            fix: "start the SQL Server Agent service (on Linux: /opt/mssql/bin/mssql-conf set sqlagent.enabled true, then restart)".into(),
        });
    }
    checked.push("SQL Server Agent running".into());
    let all = conn.capture_instances().await?;
    let mut instances = Vec::new();
    for t in wanted {
        let found: Vec<&CaptureInstance> = all
            .iter()
            .filter(|c| format!("{}.{}", c.schema, c.table).eq_ignore_ascii_case(t))
            .collect();
        if found.is_empty() {
            let (schema, table) = t.split_once('.').unwrap_or(("dbo", t));
            return Err(SqlServerError::Prerequisite {
                problem: format!("table `{t}` has no capture instance (CDC is not enabled on it)"),
                fix: format!(
                    "EXEC sys.sp_cdc_enable_table @source_schema = N'{schema}', @source_name = N'{table}', @role_name = NULL;"
                ),
            });
        }
        instances.extend(found.into_iter().cloned());
    }
    if wanted.is_empty() {
        instances = all;
    }
    if instances.is_empty() {
        return Err(SqlServerError::Prerequisite {
            problem: format!("no table of `{database}` has CDC enabled"),
            fix: "enable CDC on the tables to capture (sys.sp_cdc_enable_table)".into(),
        });
    }
    checked.push(format!("{} capture instance(s)", instances.len()));
    Ok(Prerequisites { checked, instances })
}

/// The stored position must still be in every change table (the cleanup job removes old rows):
/// otherwise changes after it are lost, a definite error naming the fix.
pub(crate) async fn verify_position(
    conn: &mut Conn,
    instances: &[CaptureInstance],
    stored: SqlLsn,
) -> Result<(), SqlServerError> {
    // a table's newer instance starts after the position by design: its oldest one must hold it
    let oldest = instances.iter().enumerate().filter(|(n, i)| {
        !instances[..*n]
            .iter()
            .any(|o| o.schema == i.schema && o.table == i.table)
    });
    for (_, i) in oldest {
        if let Some(min) = conn.min_lsn(&i.instance).await? {
            // rows are gone when the minimum is past both the position and the instance's
            // start (an instance that began after the position — a table captured since —
            // holds everything from its start)
            if stored.increment() < min && i.start_lsn < min {
                return Err(SqlServerError::Prerequisite {
                    problem: format!(
                        "change table {}_CT no longer holds the stored position {stored} (its minimum is {min}): the cleanup job removed changes that were never streamed",
                        i.instance
                    ),
                    fix: "re-run with snapshot.mode when_needed to take a new snapshot, and keep change data longer (sys.sp_cdc_change_job @retention)".into(),
                });
            }
        }
    }
    Ok(())
}

/// The captured tables the include/exclude lists select.
struct Captured {
    checked: Vec<String>,
    /// One per table, as its newest capture instance captures it: what the snapshot reads.
    tables: Vec<TableSchema>,
    /// Every capture instance of those tables, oldest first per table, each read up to the
    /// next one's start LSN (`stop`): what streaming reads.
    sources: Vec<TableSchema>,
    /// The capture instances of `sources`.
    instances: Vec<CaptureInstance>,
}

/// The captured tables with their capture instances: each instance's columns are the table's
/// columns it captured (`cdc.captured_columns`), as Debezium restricts a table to them. A table
/// with two instances (a schema change) is streamed from the older one until the commit LSN
/// reaches the newer one's start LSN, then from the newer one, as Debezium switches.
async fn captured(ctx: &SsContext, conn: &mut Conn) -> Result<Captured, CollectorError> {
    let db = ctx.database().to_string();
    let pre = prerequisites(conn, &db, &[]).await?;
    let mut selected: Vec<CaptureInstance> = pre
        .instances
        .iter()
        .filter(|c| ctx.settings.tables.matches(&c.schema, &c.table))
        .cloned()
        .collect();
    selected.sort_by(|a, b| {
        (&a.schema, &a.table, a.start_lsn).cmp(&(&b.schema, &b.table, b.start_lsn))
    });
    let mut tables: Vec<TableSchema> = Vec::new();
    let mut sources: Vec<TableSchema> = Vec::new();
    for (i, ci) in selected.iter().enumerate() {
        let next = selected
            .get(i + 1)
            .filter(|n| n.schema == ci.schema && n.table == ci.table);
        let captured = conn.captured_columns(&ci.instance).await?;
        let cols: Vec<_> = conn
            .columns(&ci.schema, &ci.table)
            .await?
            .into_iter()
            .filter(|c| captured.is_empty() || captured.contains(&c.name))
            .collect();
        let mut source = TableSchema::build(ci, cols.clone(), &ctx.naming)?;
        source.stop = next.map(|n| n.start_lsn);
        if next.is_none() {
            tables.push(TableSchema::build(ci, cols, &ctx.naming)?);
        }
        if let Some(n) = next {
            tracing::info!(
                table = %source.id,
                from = %ci.instance,
                to = %n.instance,
                at = %n.start_lsn,
                "two capture instances: streaming switches to the newer one at its start LSN"
            );
        }
        sources.push(source);
    }
    if tables.is_empty() {
        return Err(SqlServerError::Prerequisite {
            problem: format!(
                "no table with CDC enabled in `{db}` matches source.table_include_list {:?}",
                ctx.cfg.table_include_list
            ),
            fix: "enable CDC on the tables (sys.sp_cdc_enable_table) or correct the include list"
                .into(),
        }
        .into());
    }
    let mut checked = pre.checked;
    checked.push(format!("{} table(s) captured", tables.len()));
    Ok(Captured {
        checked,
        tables,
        sources,
        instances: selected,
    })
}

/// `collector check`.
pub(crate) async fn check(ctx: &SsContext) -> Result<Vec<String>, CollectorError> {
    let mut conn = Conn::connect(&ctx.connect_options()).await?;
    let Captured {
        checked: mut ok,
        instances,
        ..
    } = captured(ctx, &mut conn).await?;
    if ctx.cfg.snapshot_isolation_mode == IsolationMode::Snapshot {
        snapshot_isolation(ctx, &mut conn).await?;
        ok.push("snapshot isolation is allowed".into());
    }
    let mut sink = ctx.new_sink()?;
    sink.ping().await?;
    ok.push(format!("redis {} answers", ctx.settings.sink.address));
    if let Some(o) = load_offset(ctx, &mut sink).await? {
        if let (Some(l), false) = (o.commit_lsn, o.in_snapshot()) {
            verify_position(&mut conn, &instances, l).await?;
            ok.push(format!("stored offset {l} is still in the change tables"));
        }
    } else {
        ok.push("no stored offset: the first run takes a snapshot".into());
    }
    Ok(ok)
}

/// `snapshot.isolation.mode=snapshot` needs the database to allow it.
pub(crate) async fn snapshot_isolation(
    ctx: &SsContext,
    conn: &mut Conn,
) -> Result<(), CollectorError> {
    if conn.snapshot_isolation_allowed().await? {
        return Ok(());
    }
    Err(SqlServerError::Prerequisite {
        problem: format!(
            "database {} does not allow SNAPSHOT isolation (snapshot.isolation.mode=snapshot)",
            ctx.database()
        ),
        fix: format!(
            "run ALTER DATABASE {} SET ALLOW_SNAPSHOT_ISOLATION ON, or choose another snapshot.isolation.mode (repeatable_read, Debezium's default, or exclusive)",
            client::quote(ctx.database())
        ),
    }
    .into())
}

async fn load_offset(
    ctx: &SsContext,
    sink: &mut crate::sink::RedisSink,
) -> Result<Option<SqlServerOffset>, CollectorError> {
    match sink.load_offset().await? {
        Some(o) => Ok(Some(SqlServerOffset::from_json(&o).map_err(|e| {
            SinkError::BadOffset {
                key: ctx.settings.sink.offsets_key.clone(),
                field: sink.offset_field().to_string(),
                message: e.to_string(),
            }
        })?)),
        None => Ok(None),
    }
}

/// One run: decide from the stored offset (the shared decision), snapshot if needed, stream.
pub(crate) async fn run_once(
    ctx: Arc<SsContext>,
    shutdown: watch::Receiver<bool>,
) -> Result<(), CollectorError> {
    while run_until(ctx.clone(), shutdown.clone()).await? == stream::Ended::NewCaptureInstance {}
    Ok(())
}

/// One start: the decision, a snapshot if needed, streaming until it ends.
async fn run_until(
    ctx: Arc<SsContext>,
    shutdown: watch::Receiver<bool>,
) -> Result<stream::Ended, CollectorError> {
    let mut conn = Conn::connect(&ctx.connect_options()).await?;
    let Captured {
        tables,
        sources,
        instances,
        ..
    } = captured(&ctx, &mut conn).await?;
    let mut sink = ctx.new_sink()?;
    sink.ping().await?;
    let offset = load_offset(&ctx, &mut sink).await?;
    let key = snapshot::progress_key(&ctx);
    let progress = Progress::load(&mut sink, &key).await?;
    let stored = match (&offset, &progress) {
        (Some(o), _) if !o.in_snapshot() => Stored::Completed {
            log_kept: match o.commit_lsn {
                Some(l) => verify_position(&mut conn, &instances, l).await.is_ok(),
                None => false,
            },
        },
        (Some(_), Some(p)) if !p.completed => Stored::Interrupted {
            log_kept: verify_position(&mut conn, &instances, p.point.lsn)
                .await
                .is_ok(),
        },
        (Some(_), _) => Stored::Foreign,
        (None, _) => Stored::Nothing,
    };
    let mode = ctx.cfg.snapshot_mode;
    let start = decide(mode, stored);
    tracing::debug!(?stored, ?start, "start decision");
    match start {
        Start::Idle => {
            crate::start::report_idle();
            Ok(stream::Ended::Shutdown)
        }
        Start::PositionLost => {
            let l = offset.and_then(|o| o.commit_lsn).unwrap_or_default();
            Err(verify_position(&mut conn, &instances, l)
                .await
                .err()
                .map(CollectorError::from)
                .unwrap_or_else(|| {
                    SqlServerError::Protocol(format!("stored position {l} unavailable")).into()
                }))
        }
        Start::Stream => {
            let o = offset.expect("a completed offset");
            let at = ResumeAt::from_offset(&o).ok_or_else(|| SqlServerError::Prerequisite {
                problem: "the stored offset has no commit_lsn".into(),
                fix: "delete the offset to take a new snapshot".into(),
            })?;
            let catch_up = progress
                .as_ref()
                .filter(|p| p.completed)
                .and_then(|p| p.catch_up())
                .filter(|c| !c.ended(&at.commit.increment()));
            if catch_up.is_none() && progress.is_some() {
                sink.del(std::slice::from_ref(&key)).await?;
            }
            drop(conn);
            if mode == SnapshotMode::Recovery {
                // recovery: the schema history is written again from the tables, at the offset
                let mut side = SideWrites::default();
                let records =
                    ctx.record_tables(&tables, &o.to_json(), &at.commit, false, &mut side);
                sink.commit(&records, None, &side).await?;
                tracing::info!(
                    tables = tables.len(),
                    "recovery: the schema history recorded again from the tables"
                );
            }
            let tx = stream::Tx::from_offset(&o);
            stream::run(ctx, sources, at, catch_up, tx, shutdown).await
        }
        Start::ResumeSnapshot | Start::Snapshot => {
            let resume = if start == Start::ResumeSnapshot {
                progress
            } else {
                if matches!(stored, Stored::Completed { log_kept: false }) {
                    tracing::warn!("the stored position is no longer in the change tables; when_needed: taking a new snapshot");
                }
                None
            };
            drop(conn);
            let (point, catch_up) = snapshot::run(&ctx, &tables, resume).await?;
            if mode == SnapshotMode::InitialOnly || *shutdown.borrow() {
                return Ok(stream::Ended::Shutdown);
            }
            let at = ResumeAt {
                commit: point,
                change: None,
                serial: 0,
            };
            stream::run(ctx, sources, at, catch_up, None, shutdown).await
        }
        Start::SchemaOnly => {
            let now = conn.max_lsn().await?.unwrap_or_default();
            let o = SqlServerOffset {
                commit_lsn: Some(now),
                event_serial_no: Some(0),
                ..SqlServerOffset::default()
            };
            sink.del(std::slice::from_ref(&key)).await?;
            // no data, but the tables' structure, as Debezium's schema-only snapshot records it
            let mut side = SideWrites::default();
            let records = ctx.record_tables(&tables, &o.to_json(), &now, true, &mut side);
            sink.commit(&records, Some(&o.to_json()), &side).await?;
            drop(conn);
            let at = ResumeAt {
                commit: now,
                change: None,
                serial: 0,
            };
            stream::run(ctx, sources, at, None, None, shutdown).await
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::client::ConnectOptions;
    use super::*;
    use db_matrix::sqlserver_model::{Change, Column, SqlServerModel};
    use db_matrix::tds::Cell;

    /// On the CDC **model**: each missing prerequisite is a definite error naming its fix.
    #[tokio::test]
    async fn each_missing_prerequisite_names_its_fix() {
        let m = SqlServerModel::start("inv");
        m.create_table(
            "dbo",
            "ev",
            &[Column {
                name: "id".into(),
                ty: "int".into(),
                nullable: false,
            }],
            "id",
        );
        let mut c = Conn::connect(&ConnectOptions {
            host: "127.0.0.1".into(),
            port: m.port,
            user: "sa".into(),
            password: "pw".into(),
            database: "inv".into(),
            ..ConnectOptions::default()
        })
        .await
        .unwrap();
        let wanted = vec!["dbo.ev".to_string()];
        let e = prerequisites(&mut c, "inv", &wanted).await.unwrap_err();
        assert!(e.to_string().contains("sp_cdc_enable_table"), "{e}");
        m.enable_cdc("ev");
        let ok = prerequisites(&mut c, "inv", &wanted).await.unwrap();
        assert_eq!(ok.instances[0].instance, "dbo_ev");
        assert_eq!(ok.checked.len(), 3, "{:?}", ok.checked);
        m.set_agent_running(false);
        let e = prerequisites(&mut c, "inv", &wanted).await.unwrap_err();
        assert!(e.to_string().contains("Agent"), "{e}");
        m.set_cdc_enabled(false);
        let e = prerequisites(&mut c, "inv", &wanted).await.unwrap_err();
        assert!(e.to_string().contains("sp_cdc_enable_db"), "{e}");
        assert!(!e.is_transient());
        m.set_cdc_enabled(true);
        m.set_agent_running(true);
        for i in 0..6 {
            m.transaction(&[Change::Insert("ev".into(), vec![Cell::Int(i)])]);
        }
        let stored = SqlLsn::from_bytes(&db_matrix::sqlserver_model::lsn(2, 1)).unwrap();
        verify_position(&mut c, &ok.instances, stored)
            .await
            .unwrap();
        m.cleanup_before(5);
        let e = verify_position(&mut c, &ok.instances, stored)
            .await
            .unwrap_err();
        assert!(e.to_string().contains("when_needed"), "{e}");
    }
}
