//! Postgres at start: prerequisite checks, the publication, the slot, and what the stored state
//! is ([`Stored`]: the change log "keeps" a position when the slot exists and its restart LSN is
//! not past it); the decision itself is the shared one in [`crate::start`]. A new snapshot
//! creates the slot with an exported snapshot (dropping an inactive old one); `never`/`no_data`
//! stream from the slot (created without a snapshot when missing); streaming resumes from
//! `lsn_proc` (or `lsn`) with the resume filter.

use std::sync::Arc;

use protocol::offset::{PgLsn, PgOffset};
use tokio::sync::watch;

use super::client::ReplicationClient;
use super::schema::{quote_ident, quote_literal, Catalog, Naming, TableId};
use super::snapshot::{self, PgProgress, SnapshotPlan, SnapshotPoint};
use super::stream::{self, ResumeFilter};
use super::{connect_sql, PgContext, PgError};
use crate::config::{PostgresConfig, PublicationMode, Settings, SnapshotMode};
use crate::emit::Emitter;
use crate::error::CollectorError;
use crate::metrics::Metrics;
use crate::sink::SinkError;
use crate::start::{decide, Start, Stored};

struct SlotState {
    confirmed_flush: Option<u64>,
    restart: Option<u64>,
    active: bool,
}

async fn slot_state(
    sql: &tokio_postgres::Client,
    slot: &str,
) -> Result<Option<SlotState>, PgError> {
    let rows = sql
        .query(
            "SELECT confirmed_flush_lsn::text, restart_lsn::text, active, plugin::text, database::text = current_database() \
             FROM pg_replication_slots WHERE slot_name = $1",
            &[&slot],
        )
        .await?;
    let Some(r) = rows.first() else {
        return Ok(None);
    };
    let plugin: Option<String> = r.get(3);
    let same_db: Option<bool> = r.get(4);
    if plugin.as_deref() != Some("pgoutput") || same_db != Some(true) {
        return Err(PgError::Prerequisite {
            problem: format!(
                "replication slot `{slot}` exists but is not a pgoutput slot of this database"
            ),
            fix: "choose another source.slot_name or drop that slot".into(),
        });
    }
    let lsn = |i: usize| {
        r.get::<_, Option<String>>(i)
            .and_then(|s| PgLsn::parse(&s))
            .map(|l| l.0)
    };
    Ok(Some(SlotState {
        confirmed_flush: lsn(0),
        restart: lsn(1),
        active: r.get(2),
    }))
}

/// Checks the server can do CDC for us; returns what was checked.
async fn prerequisites(
    settings: &Settings,
    pg: &PostgresConfig,
    sql: &tokio_postgres::Client,
) -> Result<(Vec<String>, i32, Vec<(TableId, u32)>), PgError> {
    let mut ok = Vec::new();
    let version: i32 = sql
        .query_one("SELECT current_setting('server_version_num')::int", &[])
        .await?
        .get(0);
    if version < 100000 {
        return Err(PgError::Prerequisite {
            problem: format!("Postgres {version} has no pgoutput"),
            fix: "use Postgres 10 or newer".into(),
        });
    }
    ok.push(format!("server version {version}"));
    let wal_level: String = sql.query_one("SHOW wal_level", &[]).await?.get(0);
    if wal_level != "logical" {
        return Err(PgError::Prerequisite {
            problem: format!("wal_level is `{wal_level}`, logical decoding needs `logical`"),
            fix: "set wal_level = logical in postgresql.conf (ALTER SYSTEM SET wal_level = logical) and restart Postgres".into(),
        });
    }
    ok.push("wal_level = logical".into());
    let can: bool = sql
        .query_one(
            "SELECT rolreplication OR rolsuper FROM pg_roles WHERE rolname = current_user",
            &[],
        )
        .await?
        .get(0);
    if !can {
        return Err(PgError::Prerequisite {
            problem: format!("user `{}` lacks the REPLICATION attribute", pg.user),
            fix: format!("ALTER ROLE {} WITH REPLICATION", quote_ident(&pg.user)),
        });
    }
    ok.push("user has REPLICATION".into());
    let tables: Vec<(TableId, u32)> = Catalog::list_tables(sql)
        .await?
        .into_iter()
        .filter(|(id, _, _)| settings.tables.matches(&id.schema, &id.table))
        .map(|(id, oid, _)| (id, oid))
        .collect();
    if tables.is_empty() && settings.tables.has_include_list() {
        return Err(PgError::Prerequisite {
            problem: format!(
                "no table matches source.table_include_list {:?}",
                pg.table_include_list
            ),
            fix: "create the tables or correct the include list (entries are regexes on schema.table)".into(),
        });
    }
    // include-list entries that are plain names must exist
    for entry in &pg.table_include_list {
        let plain = entry
            .chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '.');
        if plain
            && !tables.iter().any(|(id, _)| {
                id.to_string() == *entry || id.to_string() == entry.replace("\\.", ".")
            })
        {
            return Err(PgError::Prerequisite {
                problem: format!("table `{entry}` from source.table_include_list does not exist"),
                fix: "create it, or remove it from the include list".into(),
            });
        }
    }
    ok.push(format!("{} table(s) captured", tables.len()));
    Ok((ok, version, order_tables(pg, tables)))
}

/// Debezium's snapshot order: include-list pattern by pattern, each sorted; else all sorted.
fn order_tables(pg: &PostgresConfig, mut tables: Vec<(TableId, u32)>) -> Vec<(TableId, u32)> {
    tables.sort_by_key(|a| a.0.to_string());
    if pg.table_include_list.is_empty() {
        return tables;
    }
    let mut out = Vec::with_capacity(tables.len());
    for pat in &pg.table_include_list {
        let Ok(re) = regex::Regex::new(&format!("^(?:{})$", pat.trim())) else {
            continue;
        };
        for t in &tables {
            if re.is_match(&t.0.to_string()) && !out.iter().any(|o: &(TableId, u32)| o.0 == t.0) {
                out.push(t.clone());
            }
        }
    }
    out
}

async fn ensure_publication(
    pg: &PostgresConfig,
    sql: &tokio_postgres::Client,
    tables: &[(TableId, u32)],
) -> Result<(), PgError> {
    let name = &pg.publication_name;
    let existing = sql
        .query(
            "SELECT puballtables FROM pg_publication WHERE pubname = $1",
            &[name],
        )
        .await?;
    let list = || {
        let mut t: Vec<String> = tables.iter().map(|(id, _)| id.quoted()).collect();
        t.sort();
        t.join(", ")
    };
    match (existing.first(), pg.publication_autocreate_mode) {
        (None, PublicationMode::Disabled) => Err(PgError::Prerequisite {
            problem: format!(
                "publication `{name}` does not exist and publication.autocreate.mode is disabled"
            ),
            fix: format!(
                "CREATE PUBLICATION {} FOR ALL TABLES (or FOR TABLE ...)",
                quote_ident(name)
            ),
        }),
        (None, PublicationMode::AllTables) => {
            sql.batch_execute(&format!(
                "CREATE PUBLICATION {} FOR ALL TABLES",
                quote_ident(name)
            ))
            .await
            .map_err(|e| {
                privilege_hint(e, "create a publication FOR ALL TABLES (needs superuser)")
            })?;
            tracing::info!(publication = %name, "publication created for all tables");
            Ok(())
        }
        (None, PublicationMode::NoTables) => {
            sql.batch_execute(&format!("CREATE PUBLICATION {}", quote_ident(name)))
                .await?;
            Ok(())
        }
        (None, PublicationMode::Filtered) => {
            if tables.is_empty() {
                return Err(PgError::Prerequisite {
                    problem: "publication.autocreate.mode=filtered but no table matches".into(),
                    fix: "correct source.table_include_list".into(),
                });
            }
            sql.batch_execute(&format!(
                "CREATE PUBLICATION {} FOR TABLE {}",
                quote_ident(name),
                list()
            ))
            .await
            .map_err(|e| privilege_hint(e, "create the publication (needs table ownership)"))?;
            tracing::info!(publication = %name, "publication created for the included tables");
            Ok(())
        }
        (Some(r), PublicationMode::Filtered) => {
            let all: bool = r.get(0);
            if all {
                return Err(PgError::Prerequisite {
                    problem: format!("publication `{name}` is FOR ALL TABLES but publication.autocreate.mode is filtered"),
                    fix: "drop the publication or use publication.autocreate.mode=all_tables".into(),
                });
            }
            let current: Vec<String> = sql
                .query("SELECT schemaname::text || '.' || tablename::text FROM pg_publication_tables WHERE pubname = $1 ORDER BY 1", &[name])
                .await?
                .iter()
                .map(|r| r.get(0))
                .collect();
            let mut want: Vec<String> = tables.iter().map(|(id, _)| id.to_string()).collect();
            want.sort();
            if current != want {
                sql.batch_execute(&format!(
                    "ALTER PUBLICATION {} SET TABLE {}",
                    quote_ident(name),
                    list()
                ))
                .await?;
                tracing::info!(publication = %name, "publication tables updated");
            }
            Ok(())
        }
        (Some(_), _) => Ok(()),
    }
}

fn privilege_hint(e: tokio_postgres::Error, what: &str) -> PgError {
    match PgError::from(e) {
        PgError::Server { code, message, .. } if code == "42501" => PgError::Prerequisite {
            problem: format!("cannot {what}: {message}"),
            fix: "create the publication as a superuser, or grant the privileges, or set publication.autocreate.mode=disabled with an existing publication".into(),
        },
        o => o,
    }
}

fn context(
    settings: &Settings,
    pg: &PostgresConfig,
    metrics: Arc<Metrics>,
    server_version: i32,
    enums: super::schema::EnumLabels,
) -> PgContext {
    PgContext {
        naming: Naming {
            prefix: pg.topic_prefix.clone(),
            router: settings.router.clone(),
            encoding: settings.encoding.clone(),
            keys: settings.key_columns.clone(),
            tables: settings.tables.clone(),
        },
        emitter: Emitter::new(
            settings.profile.clone(),
            &pg.topic_prefix,
            "postgresql",
            pg.tombstones_on_delete,
        ),
        settings: settings.clone(),
        pg: pg.clone(),
        metrics,
        server_version,
        enums,
    }
}

pub(crate) async fn check(
    settings: &Settings,
    pg: &PostgresConfig,
) -> Result<Vec<String>, CollectorError> {
    let sql = connect_sql(pg).await?;
    let (mut ok, _, _) = prerequisites(settings, pg, &sql).await?;
    let mut sink =
        crate::sink::RedisSink::new(&settings.sink, &settings.profile, &pg.topic_prefix)?;
    sink.ping().await?;
    ok.push(format!("redis {} answers", settings.sink.address));
    let mut repl = ReplicationClient::connect(pg).await?;
    repl.simple_query("IDENTIFY_SYSTEM").await?;
    ok.push("replication connection allowed (pg_hba.conf)".into());
    if let Some(o) = sink.load_offset().await? {
        let off = PgOffset::from_json(&o).map_err(|e| SinkError::BadOffset {
            key: settings.sink.offsets_key.clone(),
            field: sink.offset_field().to_string(),
            message: e.to_string(),
        })?;
        match slot_state(&sql, &pg.slot_name).await? {
            None => ok.push(format!("stored offset found but slot `{}` is missing: a run needs snapshot.mode when_needed", pg.slot_name)),
            Some(s) => {
                verify_offset_available(pg, &off, &s)?;
                ok.push(format!("stored offset {} is still available in slot `{}`", PgLsn(off.lsn_proc.or(off.lsn).map_or(0, |l| l.0)), pg.slot_name));
            }
        }
    } else {
        ok.push("no stored offset: the first run takes a snapshot".into());
    }
    Ok(ok)
}

fn verify_offset_available(
    pg: &PostgresConfig,
    off: &PgOffset,
    slot: &SlotState,
) -> Result<(), PgError> {
    if let (Some(restart), Some(proc_)) = (slot.restart, off.lsn_proc.or(off.lsn)) {
        if restart > proc_.0 && slot.confirmed_flush.is_some_and(|c| c > proc_.0) {
            return Err(PgError::Prerequisite {
                problem: format!(
                    "slot `{}` no longer holds WAL from the stored offset {} (slot restart_lsn {})",
                    pg.slot_name,
                    proc_,
                    PgLsn(restart)
                ),
                fix: "re-run with snapshot.mode when_needed to take a new snapshot".into(),
            });
        }
    }
    Ok(())
}

/// One attempt: decide, snapshot if needed, stream.
pub(crate) async fn run_once(
    settings: &Settings,
    pg: &PostgresConfig,
    metrics: Arc<Metrics>,
    shutdown: watch::Receiver<bool>,
) -> Result<(), CollectorError> {
    let sql = connect_sql(pg).await?;
    let (_, version, tables) = prerequisites(settings, pg, &sql).await?;
    let enums = Catalog::enum_labels(&sql).await?;
    let ctx = Arc::new(context(settings, pg, metrics, version, enums));
    let mut sink = ctx.new_sink()?;
    sink.ping().await?;
    ensure_publication(pg, &sql, &tables).await?;
    let offset = match sink.load_offset().await? {
        Some(o) => Some(PgOffset::from_json(&o).map_err(|e| SinkError::BadOffset {
            key: settings.sink.offsets_key.clone(),
            field: sink.offset_field().to_string(),
            message: e.to_string(),
        })?),
        None => None,
    };
    let pkey = snapshot::progress_key(&ctx);
    let progress = PgProgress::load(&mut sink, &pkey).await?;
    let slot = slot_state(&sql, &pg.slot_name).await?;
    let mode = pg.snapshot_mode;

    let stored = match (&offset, &progress) {
        (Some(off), _) if !off.in_snapshot() => Stored::Completed {
            log_kept: slot
                .as_ref()
                .is_some_and(|s| verify_offset_available(pg, off, s).is_ok()),
        },
        (_, Some(p)) if !p.completed => Stored::Interrupted {
            log_kept: slot.is_some(),
        },
        (Some(_), _) => Stored::Foreign,
        (None, _) => Stored::Nothing,
    };
    let start = decide(mode, stored);
    tracing::debug!(?stored, ?start, "start decision");
    match start {
        Start::Idle => {
            crate::start::report_idle();
            Ok(())
        }
        Start::PositionLost => {
            let off = offset.as_ref().expect("a completed offset");
            let lsn = PgLsn(off.lsn_proc.or(off.lsn).map_or(0, |l| l.0));
            Err(match &slot {
                Some(s) => verify_offset_available(pg, off, s)
                    .err()
                    .unwrap_or_else(|| PgError::Protocol(format!("offset {lsn} unavailable"))),
                None => PgError::Prerequisite {
                    problem: format!("replication slot `{}` was dropped, but offsets exist: events after {lsn} are lost", pg.slot_name),
                    fix: "re-run with snapshot.mode when_needed to take a new snapshot".into(),
                },
            }
            .into())
        }
        Start::Stream => {
            let off = offset.as_ref().expect("a completed offset");
            let start = off.lsn_proc.or(off.lsn).map_or(0, |l| l.0);
            // a resumed snapshot's catch-up continues until the stream passes its last view
            let stored = off
                .lsn_commit
                .or(off.lsn_proc)
                .or(off.lsn)
                .map_or(0, |l| l.0);
            let catch_up = progress
                .as_ref()
                .filter(|p| p.completed)
                .and_then(|p| p.catch_up())
                .filter(|c| stored < c.until().lsn);
            if catch_up.is_none() && progress.is_some() {
                sink.del(std::slice::from_ref(&pkey)).await?;
            }
            tracing::info!(offset = %off.to_json(), catch_up = catch_up.is_some(), "resuming streaming from the stored offset");
            stream::run(
                ctx,
                start,
                ResumeFilter::from_offset(off),
                catch_up,
                shutdown,
            )
            .await
        }
        Start::ResumeSnapshot => {
            let p = progress.expect("an interrupted snapshot");
            tracing::info!(
                done = p.tables.values().filter(|t| t.done).count(),
                "resuming the interrupted snapshot in a new view"
            );
            let lsn = p.point.lsn;
            let plan = SnapshotPlan {
                tables,
                point: p.point.clone(),
                exported: None,
                progress: Some(p),
            };
            let catch_up = snapshot::run(ctx.clone(), plan).await?;
            if mode == SnapshotMode::InitialOnly || *shutdown.borrow() {
                return Ok(());
            }
            stream::run(ctx, lsn, ResumeFilter::none(), catch_up, shutdown).await
        }
        Start::Snapshot => {
            match stored {
                Stored::Completed { log_kept: false } => {
                    tracing::warn!(slot = %pg.slot_name, "the stored offset is no longer in the replication slot; when_needed: taking a new snapshot")
                }
                Stored::Foreign => tracing::info!(
                    "the stored offset is in the middle of a snapshot taken elsewhere: snapshotting again"
                ),
                _ => {}
            }
            fresh_snapshot(ctx, &sql, tables, slot, shutdown).await
        }
        Start::SchemaOnly => {
            let mut repl = ReplicationClient::connect(pg).await?;
            if slot.is_none() {
                repl.simple_query(&format!(
                    "CREATE_REPLICATION_SLOT {} LOGICAL pgoutput NOEXPORT_SNAPSHOT",
                    quote_ident(&pg.slot_name)
                ))
                .await?;
                tracing::info!(slot = %pg.slot_name, "replication slot created (no snapshot)");
            }
            drop(repl);
            stream::run(ctx, 0, ResumeFilter::none(), None, shutdown).await
        }
    }
}

async fn fresh_snapshot(
    ctx: Arc<PgContext>,
    sql: &tokio_postgres::Client,
    tables: Vec<(TableId, u32)>,
    slot: Option<SlotState>,
    shutdown: watch::Receiver<bool>,
) -> Result<(), CollectorError> {
    let pg = &ctx.pg;
    let mut repl = ReplicationClient::connect(pg).await?;
    if let Some(s) = slot {
        // under the lease a holder of the slot is a stale instance: ended, then dropped below
        let held = crate::lease::fence().is_some_and(|f| f.epoch() > 0);
        if s.active && held {
            super::stream::end_stale_holder(sql, &pg.slot_name).await?;
        }
        if s.active && !held {
            return Err(PgError::Server {
                code: "55006".into(),
                message: format!(
                    "replication slot `{}` is in use by another process",
                    pg.slot_name
                ),
                during: "preparing a snapshot".into(),
            }
            .into());
        }
        tracing::warn!(slot = %pg.slot_name, "dropping the existing slot to take a consistent snapshot");
        repl.simple_query(&format!(
            "DROP_REPLICATION_SLOT {}",
            quote_ident(&pg.slot_name)
        ))
        .await?;
    }
    let rows = repl
        .simple_query(&format!(
            "CREATE_REPLICATION_SLOT {} LOGICAL pgoutput EXPORT_SNAPSHOT",
            quote_ident(&pg.slot_name)
        ))
        .await?;
    let row = rows
        .first()
        .ok_or_else(|| PgError::Protocol("CREATE_REPLICATION_SLOT returned no row".into()))?;
    let lsn = row
        .get(1)
        .cloned()
        .flatten()
        .and_then(|s| PgLsn::parse(&s))
        .ok_or_else(|| PgError::Protocol("no consistent_point".into()))?;
    let name = row
        .get(2)
        .cloned()
        .flatten()
        .ok_or_else(|| PgError::Protocol("no exported snapshot".into()))?;
    tracing::info!(slot = %pg.slot_name, consistent_point = %lsn, "replication slot created");
    // read the snapshot's transaction id and time inside the exported snapshot
    sql.batch_execute(&format!(
        "BEGIN ISOLATION LEVEL REPEATABLE READ; SET TRANSACTION SNAPSHOT {}",
        quote_literal(&name)
    ))
    .await?;
    let r = sql
        .query_one(
            "SELECT txid_current(), (extract(epoch from CURRENT_TIMESTAMP) * 1000000)::bigint",
            &[],
        )
        .await?;
    let point = SnapshotPoint {
        lsn: lsn.0,
        tx_id: r.get(0),
        ts_us: r.get(1),
    };
    sql.batch_execute("COMMIT").await?;
    let plan = SnapshotPlan {
        tables,
        point: point.clone(),
        exported: Some(name),
        progress: None,
    };
    if ctx.pg.snapshot_mode == SnapshotMode::NoData {
        drop(repl);
        let mut sink = ctx.new_sink()?;
        sink.del(&[snapshot::progress_key(&ctx)]).await?;
    } else {
        snapshot::run(ctx.clone(), plan).await?;
        drop(repl); // the exported snapshot is no longer needed
    }
    if ctx.pg.snapshot_mode == SnapshotMode::InitialOnly || *shutdown.borrow() {
        return Ok(());
    }
    stream::run(ctx, point.lsn, ResumeFilter::none(), None, shutdown).await
}
