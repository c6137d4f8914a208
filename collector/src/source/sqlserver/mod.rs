//! SQL Server (CDC change tables) on the connector core: positions ([`position`]), the merge of
//! the change tables ([`cdc`]), the value layer ([`value`]) and driver values ([`decode`]), the
//! connection and its statements ([`client`]), captured tables ([`schema`]), prerequisites and
//! the start ([`start`]), the snapshot through the engine ([`snapshot`]) and the polling stream
//! ([`stream`]).
//!
//! Verified here only against the CDC **model** in the test harness (no SQL Server can run on
//! the build machine); see the README's SQL Server section for what is and is not built.

pub(crate) mod cdc;
pub(crate) mod client;
pub(crate) mod decode;
pub(crate) mod history;
pub(crate) mod position;
pub(crate) mod schema;
pub(crate) mod snapshot;
pub(crate) mod start;
pub(crate) mod stream;
pub(crate) mod value;

use std::sync::Arc;

use tokio::sync::watch;

use client::ConnectOptions;
pub use client::SqlServerError;

use crate::config::{Settings, SqlServerConfig};
use crate::emit::Emitter;
use crate::error::CollectorError;
use crate::metrics::Metrics;
use crate::sink::RedisSink;

/// What a run shares.
pub(crate) struct SsContext {
    pub settings: Settings,
    pub cfg: SqlServerConfig,
    pub metrics: Arc<Metrics>,
    pub emitter: Emitter,
    pub naming: schema::Naming,
    /// The schema change topic's key and value schema JSON.
    change_schemas: (String, String),
}

impl SsContext {
    fn new(
        settings: &Settings,
        cfg: &SqlServerConfig,
        metrics: Arc<Metrics>,
        database: &str,
    ) -> SsContext {
        SsContext {
            emitter: Emitter::new(
                settings.profile.clone(),
                &cfg.topic_prefix,
                "sqlserver",
                cfg.tombstones_on_delete,
            ),
            naming: schema::Naming {
                prefix: cfg.topic_prefix.clone(),
                database: database.to_string(),
                router: settings.router.clone(),
                encoding: settings.encoding.clone(),
                keys: settings.key_columns.clone(),
                filter: settings.tables.clone(),
            },
            settings: settings.clone(),
            cfg: cfg.clone(),
            metrics,
            change_schemas: history::schema_change_schemas(),
        }
    }

    /// The schema history entry (stream, field, record) of a `kind` change of `t` at
    /// `position_json`.
    pub fn history_entry(
        &self,
        position_json: &str,
        ts_ms: i64,
        kind: history::Kind,
        t: &schema::TableSchema,
    ) -> (String, String, String) {
        (
            self.cfg.schema_history_key.clone(),
            history::HISTORY_FIELD.into(),
            history::record_json(
                &self.cfg.topic_prefix,
                self.database(),
                position_json,
                ts_ms,
                kind,
                t,
            ),
        )
    }

    /// A CREATE per table in the schema history (pushed to `side`) and the schema change events
    /// (returned): what a snapshot — or a start without one — records, `position_json` the
    /// offset, `point` the source block's `commit_lsn`, `snapshot` whether the events are
    /// marked as the snapshot's (`true` …, `last`).
    pub fn record_tables(
        &self,
        tables: &[schema::TableSchema],
        position_json: &str,
        point: &protocol::offset::SqlLsn,
        snapshot: bool,
        side: &mut crate::sink::SideWrites,
    ) -> Vec<protocol::envelope::Record> {
        use protocol::envelope::{SnapshotMarker, SqlServerSource, Timestamp};
        let ts_ms = Timestamp::now().millis();
        let point = point.to_string();
        let mut records = Vec::new();
        for (i, t) in tables.iter().enumerate() {
            side.xadd
                .push(self.history_entry(position_json, ts_ms, history::Kind::Create, t));
            let mut source = String::with_capacity(320);
            SqlServerSource {
                name: &self.cfg.topic_prefix,
                ts_ms,
                snapshot: match (snapshot, i + 1 == tables.len()) {
                    (false, _) => SnapshotMarker::False,
                    (true, true) => SnapshotMarker::Last,
                    (true, false) => SnapshotMarker::True,
                },
                db: self.database(),
                schema: &t.schema,
                table: &t.table,
                change_lsn: None,
                commit_lsn: Some(&point),
                event_serial_no: None,
            }
            .write_json(&mut source);
            records.extend(self.schema_change_record(&source, ts_ms, history::Kind::Create, t));
        }
        records
    }

    /// The schema change event of a `kind` change of `t` for the `<topic.prefix>` stream (None
    /// when `include.schema.changes` is off).
    pub fn schema_change_record(
        &self,
        source_json: &str,
        ts_ms: i64,
        kind: history::Kind,
        t: &schema::TableSchema,
    ) -> Option<protocol::envelope::Record> {
        if !self.cfg.include_schema_changes {
            return None;
        }
        let (key, value) = history::event_payloads(source_json, ts_ms, self.database(), kind, t);
        let stream = self.settings.stream_of(&self.cfg.topic_prefix);
        let mut out = Vec::with_capacity(1);
        self.emitter.raw(
            &stream,
            crate::emit::KeyRef {
                schema_json: Some(&self.change_schemas.0),
                payload: Some(&key),
            },
            &self.change_schemas.1,
            &value,
            &mut out,
        );
        out.pop()
    }

    pub fn database(&self) -> &str {
        &self.naming.database
    }

    pub fn connect_options(&self) -> ConnectOptions {
        ConnectOptions {
            host: self.cfg.hostname.clone(),
            port: self.cfg.port,
            user: self.cfg.user.clone(),
            password: self
                .cfg
                .password
                .as_ref()
                .map_or("", |p| p.expose())
                .to_string(),
            database: self.database().to_string(),
            encrypt: self.cfg.encrypt,
            trust_server_certificate: self.cfg.trust_server_certificate,
            server_certificate: self.cfg.server_certificate.clone(),
        }
    }

    /// A sink whose offsets go under Debezium's SQL Server partition
    /// `["<engine>",{"server":"<prefix>","database":"<db>"}]`.
    pub fn new_sink(&self) -> Result<RedisSink, CollectorError> {
        let s = &self.settings;
        Ok(
            RedisSink::new(&s.sink, &s.profile, &self.cfg.topic_prefix)?.with_offset_field(
                protocol::offset::database_partition_field(
                    &s.sink.engine_name,
                    &self.cfg.topic_prefix,
                    self.database(),
                ),
            ),
        )
    }
}

impl From<SqlServerError> for CollectorError {
    fn from(e: SqlServerError) -> Self {
        CollectorError::SqlServer(e)
    }
}

/// The SQL Server connector.
pub struct SqlServerConnector {
    pub(crate) settings: Settings,
    pub(crate) cfg: SqlServerConfig,
    pub(crate) metrics: Arc<Metrics>,
}

impl super::Connector for SqlServerConnector {
    fn name(&self) -> &'static str {
        "sqlserver"
    }

    /// One offset per database (Debezium's partition per database), one schema history.
    fn stored_state(&self) -> super::StoredState {
        let s = &self.settings;
        super::StoredState {
            offsets_key: s.sink.offsets_key.clone(),
            offset_fields: self
                .cfg
                .database_names
                .iter()
                .map(|db| {
                    protocol::offset::database_partition_field(
                        &s.sink.engine_name,
                        &self.cfg.topic_prefix,
                        db,
                    )
                })
                .collect(),
            history_key: Some(self.cfg.schema_history_key.clone()),
        }
    }

    fn check(&self) -> super::ConnectorFuture<'_, Vec<String>> {
        Box::pin(async move {
            let mut ok = Vec::new();
            for db in &self.cfg.database_names {
                let ctx = SsContext::new(&self.settings, &self.cfg, self.metrics.clone(), db);
                let lines = start::check(&ctx).await?;
                let several = self.cfg.database_names.len() > 1;
                ok.extend(
                    lines
                        .into_iter()
                        .map(|l| if several { format!("{db}: {l}") } else { l }),
                );
            }
            Ok(ok)
        })
    }

    /// Every database of `database.names` at once, each with its own offset (Debezium's
    /// partition per database), snapshot state and change-table stream; the first definite
    /// error stops them all.
    fn run_once(&self, shutdown: watch::Receiver<bool>) -> super::ConnectorFuture<'_, ()> {
        Box::pin(async move {
            let runs = self.cfg.database_names.iter().map(|db| {
                let ctx = Arc::new(SsContext::new(
                    &self.settings,
                    &self.cfg,
                    self.metrics.clone(),
                    db,
                ));
                start::run_once(ctx, shutdown.clone())
            });
            futures_util::future::try_join_all(runs).await?;
            Ok(())
        })
    }
}
