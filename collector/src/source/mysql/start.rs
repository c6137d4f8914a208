//! MySQL/MariaDB at start: what the stored state is ([`Stored`]: the change log "keeps" a
//! position while its binlog file exists, or a MariaDB GTID position is still served), the
//! shared decision of [`crate::start`], and the context shared by snapshot and binlog. A new
//! snapshot drops the schema history and any progress; streaming resumes from the offset with
//! the schema history as of that position; `never`/`no_data` record the schema at the current
//! end of the binlog and stream from there.

use std::sync::Arc;

use protocol::envelope::Record;
use protocol::offset::MySqlOffset;
use tokio::sync::watch;

use super::codec::TableCodec;
use super::history;
use super::position::StartPoint;
use super::table::{TableId, Tables};
use super::value::ValueOptions;
use super::{client, snapshot, stream, MySqlError};
use crate::config::{MySqlSettings, Settings, SnapshotMode};
use crate::emit::{Emitter, KeyRef};
use crate::error::CollectorError;
use crate::metrics::Metrics;
use crate::sink::{RedisSink, SinkError};
use crate::start::{decide, Start, Stored};

/// Everything the MySQL source shares between its parts.
pub(crate) struct MyContext {
    pub settings: Settings,
    /// The MySQL source's own settings.
    my: MySqlSettings,
    pub emitter: Emitter,
    pub metrics: Arc<Metrics>,
    pub server: client::ServerInfo,
    pub value_opts: ValueOptions,
    change_key_schema: String,
    change_value_schema: String,
}

impl MyContext {
    pub fn new(
        settings: &Settings,
        my: &MySqlSettings,
        metrics: Arc<Metrics>,
        server: client::ServerInfo,
    ) -> MyContext {
        let emitter = Emitter::new(
            settings.profile.clone(),
            settings.topic_prefix(),
            my.flavor.connector(),
            my.config.tombstones_on_delete,
        );
        let (change_key_schema, change_value_schema) =
            history::schema_change_schemas(my.flavor.connector());
        MyContext {
            value_opts: ValueOptions::from_settings(settings, my),
            settings: settings.clone(),
            my: my.clone(),
            emitter,
            metrics,
            server,
            change_key_schema,
            change_value_schema,
        }
    }

    pub fn my(&self) -> &MySqlSettings {
        &self.my
    }

    /// A GTID position with `gtid.source.includes/excludes` applied.
    pub fn filter_gtids(&self, raw: Option<String>) -> Option<String> {
        raw.and_then(|g| {
            super::gtid::GtidSet::parse(&g, self.server.mariadb)
                .render(|s| self.gtid_source_kept(s))
        })
    }

    /// `gtid.source.includes` / `excludes` over a GTID source (MySQL uuid, MariaDB
    /// `domain-server`).
    pub fn gtid_source_kept(&self, source: &str) -> bool {
        let my = self.my();
        if !my.gtid_includes.is_empty() {
            return my.gtid_includes.iter().any(|r| r.is_match(source));
        }
        !my.gtid_excludes.iter().any(|r| r.is_match(source))
    }

    /// Whether offsets and events carry GTIDs: Debezium's MariaDB connector always, its MySQL
    /// connector when the (MySQL) server runs with gtid_mode=ON.
    pub fn with_gtids(&self) -> bool {
        self.my().flavor == crate::config::Flavor::MariaDb
            || (!self.server.mariadb && self.server.gtid_mode)
    }

    pub fn database_captured(&self, db: &str) -> bool {
        let f = &self.settings.tables;
        if f.schema_include.is_empty() {
            !f.schema_exclude.iter().any(|r| r.is_match(db)) && !is_system_db(db)
        } else {
            f.schema_include.iter().any(|r| r.is_match(db))
        }
    }

    pub fn captured(&self, id: &TableId) -> bool {
        self.database_captured(&id.db) && self.settings.tables.matches(&id.db, &id.table)
    }

    pub fn codec(&self, t: &super::table::Table) -> TableCodec {
        TableCodec::new(
            t,
            self.settings.topic_prefix(),
            self.settings.router.as_ref(),
            self.my().flavor,
            &self.value_opts,
            &self.settings.key_columns,
            &self.settings.tables,
        )
    }

    /// The schema-change event for the `<prefix>` topic.
    pub fn schema_change_record(
        &self,
        source_json: &str,
        ts_ms: i64,
        event: &super::ddl::SchemaEvent,
    ) -> Record {
        let prefix = self.settings.topic_prefix();
        let (key_payload, value_payload) = history::event_payloads(source_json, ts_ms, event);
        let stream = self.settings.stream_of(prefix);
        let mut out = Vec::with_capacity(1);
        let key = KeyRef {
            schema_json: Some(&self.change_key_schema),
            payload: Some(&key_payload),
        };
        self.emitter.raw(
            &stream,
            key,
            &self.change_value_schema,
            &value_payload,
            &mut out,
        );
        out.pop().expect("one record")
    }
}

pub(crate) fn is_system_db(db: &str) -> bool {
    matches!(
        db.to_ascii_lowercase().as_str(),
        "mysql" | "information_schema" | "performance_schema" | "sys"
    )
}

/// Whether a history record's `position` is at or before the offset streaming resumes from
/// (Debezium recovers only those: its history can run ahead of its periodically flushed
/// offsets, and the binlog replays the DDL after the offset). Snapshot records always are;
/// otherwise binlog file, position, events, rows compare in that order.
fn at_or_before(position: &serde_json::Value, upto: &MySqlOffset) -> bool {
    if position
        .get("snapshot")
        .is_some_and(|s| !s.is_null() && s != false)
    {
        return true;
    }
    let int = |k: &str| {
        position
            .get(k)
            .and_then(|v| v.as_i64().or_else(|| v.as_str()?.parse().ok()))
            .unwrap_or(0)
    };
    let Some(file) = position.get("file").and_then(|f| f.as_str()) else {
        return true;
    };
    let rec = (file, int("pos"), int("event"), int("row"));
    let off = (
        upto.file.as_str(),
        upto.pos as i64,
        upto.event.unwrap_or(0),
        upto.row.unwrap_or(0),
    );
    rec <= off
}

/// Reads the schema history stream into the table model: every record, or with `upto` the
/// records at or before that offset.
pub(crate) async fn load_history(
    sink: &mut RedisSink,
    key: &str,
    upto: Option<&MySqlOffset>,
    metrics: &Metrics,
) -> Result<(Tables, usize), CollectorError> {
    metrics.history_recovery_started();
    let mut tables = Tables::new();
    let mut after = "-".to_string();
    let mut n = 0;
    let mut ahead = 0;
    loop {
        let chunk = sink.xrange_after(key, &after, 500).await?;
        if chunk.is_empty() {
            break;
        }
        for (id, fields) in &chunk {
            for (f, v) in fields {
                if f != history::HISTORY_FIELD {
                    continue;
                }
                let bad = |e: String| MySqlError::Schema {
                    table: String::new(),
                    file: String::new(),
                    pos: 0,
                    message: format!("schema history entry {id} of {key}: {e}"),
                    fix: "restore the schema history stream or take a new snapshot".into(),
                };
                if let Some(o) = upto {
                    let rec = history::HistoryRecord::parse(v).map_err(|e| bad(e.to_string()))?;
                    if !at_or_before(&rec.position, o) {
                        ahead += 1;
                        continue;
                    }
                }
                history::apply_record(&mut tables, v).map_err(|e| bad(e.to_string()))?;
                metrics.history_recovered(1);
                n += 1;
            }
        }
        after = chunk.last().map(|(id, _)| id.clone()).unwrap_or_default();
    }
    if ahead > 0 {
        tracing::info!(
            records = ahead,
            "schema history records after the stored offset are left to the binlog to replay"
        );
    }
    Ok((tables, n))
}

pub(crate) async fn run_once(
    settings: &Settings,
    my: &MySqlSettings,
    metrics: Arc<Metrics>,
    shutdown: watch::Receiver<bool>,
) -> Result<(), CollectorError> {
    let mut conn = client::connect(&my.config).await?;
    let server = client::server_info(&mut conn).await?;
    if server.server_id == my.config.server_id {
        return Err(MySqlError::Prerequisite {
            problem: format!(
                "source.server_id {} is the server's own server_id",
                my.config.server_id
            ),
            fix: "give the collector a server id no other server or replica uses".into(),
        }
        .into());
    }
    let ctx = Arc::new(MyContext::new(settings, my, metrics, server));
    let mut sink = RedisSink::new(&settings.sink, &settings.profile, settings.topic_prefix())?;
    sink.ping().await?;
    let offset = match sink.load_offset().await? {
        Some(o) => Some(
            MySqlOffset::from_json(&o).map_err(|e| SinkError::BadOffset {
                key: settings.sink.offsets_key.clone(),
                field: sink.offset_field().to_string(),
                message: e.to_string(),
            })?,
        ),
        None => None,
    };
    let history_key = my.config.schema_history_key.clone();
    let mode = my.config.snapshot_mode;

    let progress = snapshot::load_progress(&ctx, &mut sink).await?;
    let files = client::binlog_files(&mut conn).await?;
    let stored = match &offset {
        Some(off) if !off.in_snapshot() => {
            // the file is gone but a MariaDB GTID position is still served: resume from it
            let by_gtid = !files.contains(&off.file)
                && stream::gtid_resumable(&ctx, &StartPoint::from_offset(off))
                && match (files.first(), off.gtids.as_deref()) {
                    (Some(oldest), Some(state)) => {
                        client::mariadb_gtid_available(&mut conn, oldest, state).await?
                    }
                    _ => false,
                };
            Stored::Completed {
                log_kept: files.contains(&off.file) || by_gtid,
            }
        }
        Some(_) => match progress.as_ref().filter(|p| !p.completed) {
            Some(p) => Stored::Interrupted {
                log_kept: files.contains(&p.point.file),
            },
            None => Stored::Foreign,
        },
        None => Stored::Nothing,
    };
    drop(conn);
    let start = decide(mode, stored);
    tracing::debug!(?stored, ?start, "start decision");
    match start {
        Start::Idle => {
            crate::start::report_idle();
            Ok(())
        }
        Start::PositionLost => {
            let off = offset.as_ref().expect("a completed offset");
            Err(MySqlError::Prerequisite {
                problem: format!(
                    "binlog file {} of the stored offset was purged from the server: events after {}:{} are lost",
                    off.file, off.file, off.pos
                ),
                fix: "re-run with snapshot.mode when_needed to take a new snapshot, and keep binlogs longer".into(),
            }
            .into())
        }
        Start::Stream => {
            let off = offset.as_ref().expect("a completed offset");
            let (tables, n) =
                load_history(&mut sink, &history_key, Some(off), &ctx.metrics).await?;
            if n == 0 {
                return Err(MySqlError::Prerequisite {
                    problem: format!("offsets exist but the schema history stream `{history_key}` is empty"),
                    fix: "restore the schema history, or delete the offsets and re-run to take a new snapshot".into(),
                }
                .into());
            }
            // a resumed snapshot's catch-up continues until the stream passes its last view
            let at = snapshot::BinlogAt::new(&off.file, off.pos);
            let catch_up = progress
                .as_ref()
                .filter(|p| p.completed)
                .and_then(|p| p.catch_up())
                .filter(|c| !c.ended(&at));
            if catch_up.is_none() && progress.is_some() {
                sink.del(&[snapshot::progress_key(&ctx)]).await?;
            }
            let mut start = StartPoint::from_offset(off);
            start.catch_up = catch_up.map(Arc::new);
            tracing::info!(offset = %off.to_json(), tables = tables.len(), catch_up = start.catch_up.is_some(), "resuming the binlog from the stored offset");
            stream::run(ctx, tables, start, shutdown).await
        }
        Start::ResumeSnapshot => snapshot_then_stream(ctx, progress, shutdown).await,
        Start::Snapshot => {
            match stored {
                Stored::Completed { log_kept: false } => {
                    tracing::warn!("the stored binlog position is gone; when_needed: taking a new snapshot")
                }
                Stored::Foreign => tracing::info!(
                    "the stored offset is in the middle of a snapshot taken elsewhere: snapshotting again"
                ),
                _ => {}
            }
            sink.del(&[history_key.clone(), snapshot::progress_key(&ctx)])
                .await?;
            snapshot_then_stream(ctx, None, shutdown).await
        }
        Start::SchemaOnly => {
            sink.del(&[history_key.clone(), snapshot::progress_key(&ctx)])
                .await?;
            let (tables, start) = snapshot::schema_only(&ctx, &mut sink).await?;
            stream::run(ctx, tables, start, shutdown).await
        }
    }
}

async fn snapshot_then_stream(
    ctx: Arc<MyContext>,
    progress: Option<snapshot::Progress>,
    shutdown: watch::Receiver<bool>,
) -> Result<(), CollectorError> {
    let Some((tables, start)) = snapshot::run(ctx.clone(), progress, shutdown.clone()).await?
    else {
        return Ok(());
    };
    if ctx.my().config.snapshot_mode == SnapshotMode::InitialOnly || *shutdown.borrow() {
        return Ok(());
    }
    stream::run(ctx, tables, start, shutdown).await
}

/// `collector check`.
pub(crate) async fn check(
    settings: &Settings,
    my: &MySqlSettings,
) -> Result<Vec<String>, CollectorError> {
    let mut ok = Vec::new();
    let mut conn = client::connect(&my.config).await?;
    let server = client::server_info(&mut conn).await?;
    ok.push(format!(
        "connected to {} {} (binlog_format {}, binlog_row_image {}, binlog_row_metadata {}, GTIDs {})",
        if server.mariadb { "MariaDB" } else { "MySQL" },
        server.version,
        server.binlog_format,
        server.row_image,
        server.row_metadata,
        if server.gtid_mode { "on" } else { "off" }
    ));
    let (file, pos, _) = client::binlog_end(&mut conn, my.flavor, server.mariadb).await?;
    ok.push(format!("binlog readable, now at {file}:{pos}"));
    let mut sink = RedisSink::new(&settings.sink, &settings.profile, settings.topic_prefix())?;
    sink.ping().await?;
    ok.push(format!("redis at {} answers", settings.sink.address));
    if let Some(o) = sink.load_offset().await? {
        ok.push(format!("stored offset: {o}"));
    }
    Ok(ok)
}

#[cfg(test)]
mod history_position_tests {
    use super::*;

    #[test]
    fn records_after_the_offset_are_not_recovered() {
        let off = MySqlOffset {
            file: "binlog.000006".into(),
            pos: 18562,
            event: Some(1),
            ..MySqlOffset::default()
        };
        let p = |j: &str| serde_json::from_str::<serde_json::Value>(j).unwrap();
        assert!(at_or_before(
            &p(r#"{"file":"binlog.000006","pos":9811,"snapshot":"INITIAL"}"#),
            &off
        ));
        assert!(at_or_before(
            &p(r#"{"file":"binlog.000006","pos":18562,"server_id":1}"#),
            &off
        ));
        assert!(at_or_before(
            &p(r#"{"file":"binlog.000005","pos":99999}"#),
            &off
        ));
        assert!(!at_or_before(
            &p(r#"{"file":"binlog.000006","pos":18740,"server_id":1}"#),
            &off
        ));
        assert!(!at_or_before(
            &p(r#"{"file":"binlog.000007","pos":4}"#),
            &off
        ));
        assert!(at_or_before(
            &p(r#"{"file":"binlog.000099","pos":4,"snapshot":true}"#),
            &off
        ));
    }
}
