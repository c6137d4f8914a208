//! Collector configuration: our YAML file, or Debezium Server's `application.properties` for the
//! keys we support (translated into the same structs, so both go through one validation).
//!
//! Secrets (`password`) accept `${env:NAME}`, `${NAME}` and `${file:/path}`; they are held in a
//! [`Secret`] whose `Debug`/`Display` never show the value.

use std::collections::BTreeMap;
use std::path::Path;

use protocol::profile::{MessageFormat, OutputProfile};
use protocol::topic::Router;
use serde::Deserialize;
use serde_json::{Map, Value};

use crate::source::postgres::value::EncodingOptions;
use crate::value::{BinaryMode, DecimalMode, TimePrecisionMode};

/// A configuration problem; the message names the field and what to do.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read config {path}: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error("config {path}: {message}")]
    Invalid { path: String, message: String },
    #[error("config {path}: `{key}` is not supported by redcdc ({why}); remove it or see the README's compatibility table")]
    Unsupported {
        path: String,
        key: String,
        why: String,
    },
}

// the one secret type and `${env:..}` / `${file:..}` resolver every binary uses
pub use ops::secret::Secret;

/// `snapshot.mode`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SnapshotMode {
    Initial,
    InitialOnly,
    Never,
    WhenNeeded,
    NoData,
    /// A new snapshot at every start.
    Always,
    /// SQL Server: continue from the stored offset without a data snapshot (Debezium's mode to
    /// rebuild a lost schema history; this source keeps none, it reads each table's structure
    /// from its capture instance at every start).
    Recovery,
}

/// `publication.autocreate.mode`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PublicationMode {
    AllTables,
    Filtered,
    Disabled,
    NoTables,
}

/// The Postgres source.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PostgresConfig {
    pub hostname: String,
    #[serde(default = "default_pg_port")]
    pub port: u16,
    pub user: String,
    #[serde(default)]
    pub password: Option<Secret>,
    pub dbname: String,
    pub topic_prefix: String,
    #[serde(default = "default_slot")]
    pub slot_name: String,
    #[serde(default = "default_publication")]
    pub publication_name: String,
    #[serde(default = "default_pub_mode")]
    pub publication_autocreate_mode: PublicationMode,
    /// Regexes matched against `schema.table`; empty means all tables.
    #[serde(default)]
    pub table_include_list: Vec<String>,
    #[serde(default)]
    pub table_exclude_list: Vec<String>,
    #[serde(default)]
    pub schema_include_list: Vec<String>,
    #[serde(default)]
    pub schema_exclude_list: Vec<String>,
    #[serde(default = "default_snapshot_mode")]
    pub snapshot_mode: SnapshotMode,
    #[serde(default)]
    pub heartbeat_interval_ms: u64,
    #[serde(default = "yes")]
    pub tombstones_on_delete: bool,
    #[serde(default = "default_decimal")]
    pub decimal_handling_mode: String,
    #[serde(default = "default_time")]
    pub time_precision_mode: String,
    #[serde(default = "default_binary")]
    pub binary_handling_mode: String,
    /// Operations not emitted: any of c, u, d, t; Debezium's default is `t`.
    #[serde(default = "default_skipped")]
    pub skipped_operations: Vec<String>,
    #[serde(default)]
    pub provide_transaction_metadata: bool,
    /// Rows per snapshot chunk (one Redis transaction per chunk).
    #[serde(default = "default_chunk")]
    pub snapshot_fetch_size: usize,
    /// Tables snapshotted at once.
    #[serde(default = "default_threads")]
    pub snapshot_max_threads: usize,
    /// `message.key.columns`: `<table regex>:<col>,...;...` (see [`crate::keys`]).
    #[serde(default)]
    pub message_key_columns: Option<String>,
    /// `column.include.list` / `column.exclude.list`: regexes matched against
    /// `schema.table.column`; a column left out is not in the event value (key columns stay in
    /// the key).
    #[serde(default)]
    pub column_include_list: Vec<String>,
    #[serde(default)]
    pub column_exclude_list: Vec<String>,
    /// `snapshot.select.statement.overrides`: per table (`schema.table`, exact), the SELECT the
    /// snapshot reads it with (RDI's `snapshot_sql`); it must return the table's columns by
    /// name, and the snapshot still reads it in key order and resumes by key.
    #[serde(default)]
    pub snapshot_select_statement_overrides: BTreeMap<String, String>,
    /// `database.sslmode`: disable, prefer (Debezium's default), require, verify-ca, verify-full.
    #[serde(default)]
    pub sslmode: PgSslMode,
    /// `database.sslrootcert`: the CA (PEM) for verify-ca/verify-full (default: the system's).
    #[serde(default)]
    pub sslrootcert: Option<String>,
    /// `database.sslcert` / `database.sslkey`: a client certificate and key (PEM).
    #[serde(default)]
    pub sslcert: Option<String>,
    #[serde(default)]
    pub sslkey: Option<String>,
}

/// Postgres `sslmode`, as libpq and Debezium name them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PgSslMode {
    Disable,
    #[default]
    Prefer,
    Require,
    VerifyCa,
    VerifyFull,
}

impl PgSslMode {
    /// As written in the settings.
    pub fn name(self) -> &'static str {
        match self {
            PgSslMode::Disable => "disable",
            PgSslMode::Prefer => "prefer",
            PgSslMode::Require => "require",
            PgSslMode::VerifyCa => "verify-ca",
            PgSslMode::VerifyFull => "verify-full",
        }
    }
}

impl PostgresConfig {
    /// The TLS client configuration (None: `disable`).
    pub fn tls(&self) -> Result<Option<std::sync::Arc<rustls::ClientConfig>>, String> {
        use crate::tls::Verify;
        let verify = match self.sslmode {
            PgSslMode::Disable => return Ok(None),
            // as libpq: a CA file given turns require into a chain check
            PgSslMode::Prefer | PgSslMode::Require if self.sslrootcert.is_some() => Verify::Chain,
            PgSslMode::Prefer | PgSslMode::Require => Verify::Nothing,
            PgSslMode::VerifyCa => Verify::Chain,
            PgSslMode::VerifyFull => Verify::Full,
        };
        crate::tls::client_config(
            verify,
            &crate::tls::Files {
                ca: self.sslrootcert.as_deref(),
                cert: self.sslcert.as_deref(),
                key: self.sslkey.as_deref(),
                der_key: true,
            },
            "source.sslrootcert/sslcert/sslkey (database.sslrootcert/sslcert/sslkey)",
        )
        .map(Some)
    }
}

/// Which Debezium connector's output the MySQL source reproduces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flavor {
    MySql,
    MariaDb,
}

impl Flavor {
    /// `source.connector` and the `io.debezium.connector.<x>.Source` schema name.
    pub fn connector(self) -> &'static str {
        match self {
            Flavor::MySql => "mysql",
            Flavor::MariaDb => "mariadb",
        }
    }
}

/// `snapshot.locking.mode`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LockingMode {
    /// A global read lock only while the schema and the binlog position are read.
    Minimal,
    /// The global read lock for the whole snapshot.
    Extended,
    /// No lock: only safe when no DDL runs during the snapshot.
    None,
}

/// The MySQL / MariaDB source (Debezium's MySQL/MariaDB connector keys, snake_case).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MySqlConfig {
    pub hostname: String,
    #[serde(default = "default_my_port")]
    pub port: u16,
    pub user: String,
    #[serde(default)]
    pub password: Option<Secret>,
    /// `database.server.id`: the replica id this client registers with; unique per server.
    pub server_id: u32,
    pub topic_prefix: String,
    /// Regexes matched against the database name; empty means all.
    #[serde(default)]
    pub database_include_list: Vec<String>,
    #[serde(default)]
    pub database_exclude_list: Vec<String>,
    /// Regexes matched against `db.table`; empty means all tables.
    #[serde(default)]
    pub table_include_list: Vec<String>,
    #[serde(default)]
    pub table_exclude_list: Vec<String>,
    #[serde(default = "default_snapshot_mode")]
    pub snapshot_mode: SnapshotMode,
    #[serde(default = "default_locking")]
    pub snapshot_locking_mode: LockingMode,
    #[serde(default = "yes")]
    pub include_schema_changes: bool,
    /// GTID source filters (regexes over the server UUID / MariaDB domain-server pair).
    #[serde(default)]
    pub gtid_source_includes: Vec<String>,
    #[serde(default)]
    pub gtid_source_excludes: Vec<String>,
    #[serde(default)]
    pub heartbeat_interval_ms: u64,
    #[serde(default = "yes")]
    pub tombstones_on_delete: bool,
    #[serde(default = "default_decimal")]
    pub decimal_handling_mode: String,
    #[serde(default = "default_my_time")]
    pub time_precision_mode: String,
    #[serde(default = "default_binary")]
    pub binary_handling_mode: String,
    #[serde(default = "default_bigint_unsigned")]
    pub bigint_unsigned_handling_mode: String,
    #[serde(default = "default_skipped")]
    pub skipped_operations: Vec<String>,
    /// Rows per snapshot chunk (one Redis transaction per chunk).
    #[serde(default = "default_chunk")]
    pub snapshot_fetch_size: usize,
    /// Tables snapshotted at once (each on its own connection in the same view).
    #[serde(default = "default_threads")]
    pub snapshot_max_threads: usize,
    /// `message.key.columns`: `<table regex>:<col>,...;...` (see [`crate::keys`]).
    #[serde(default)]
    pub message_key_columns: Option<String>,
    /// `column.include.list` / `column.exclude.list`: regexes matched against
    /// `database.table.column`; a column left out is not in the event value (key columns stay in
    /// the key).
    #[serde(default)]
    pub column_include_list: Vec<String>,
    #[serde(default)]
    pub column_exclude_list: Vec<String>,
    /// `snapshot.select.statement.overrides`: per table (`database.table`, exact), the SELECT the
    /// snapshot reads it with (RDI's `snapshot_sql`); it must return the table's columns by
    /// name, and the snapshot still reads it in key order and resumes by key.
    #[serde(default)]
    pub snapshot_select_statement_overrides: BTreeMap<String, String>,
    /// The Redis stream holding the schema history (Debezium's
    /// `schema.history.internal.redis.key`).
    #[serde(default = "default_history_key")]
    pub schema_history_key: String,
    /// `database.ssl.mode`: disabled, preferred (Debezium's default), required, verify_ca,
    /// verify_identity.
    #[serde(default)]
    pub ssl_mode: MySqlSslMode,
    /// The CA (PEM) for verify_ca/verify_identity (default: the system's), and a client
    /// certificate and key (PEM; in properties `database.ssl.ca`, `database.ssl.cert`,
    /// `database.ssl.key`).
    #[serde(default)]
    pub ssl_ca: Option<String>,
    #[serde(default)]
    pub ssl_cert: Option<String>,
    #[serde(default)]
    pub ssl_key: Option<String>,
    /// Debezium's Java stores instead (JKS or PKCS#12): `database.ssl.truststore` (the CAs)
    /// and `database.ssl.keystore` (the client certificate and key), each with `.password`.
    #[serde(default)]
    pub ssl_truststore: Option<String>,
    #[serde(default)]
    pub ssl_truststore_password: Option<Secret>,
    #[serde(default)]
    pub ssl_keystore: Option<String>,
    #[serde(default)]
    pub ssl_keystore_password: Option<Secret>,
}

/// MySQL's `ssl-mode`, as Debezium names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MySqlSslMode {
    Disabled,
    #[default]
    Preferred,
    Required,
    VerifyCa,
    VerifyIdentity,
}

impl MySqlSslMode {
    /// The name as Debezium's `database.ssl.mode` spells it.
    pub fn name(self) -> &'static str {
        match self {
            MySqlSslMode::Disabled => "disabled",
            MySqlSslMode::Preferred => "preferred",
            MySqlSslMode::Required => "required",
            MySqlSslMode::VerifyCa => "verify_ca",
            MySqlSslMode::VerifyIdentity => "verify_identity",
        }
    }
}

impl MySqlConfig {
    /// The truststore's certificates (DER), when one is set.
    pub fn truststore_certificates(&self) -> Result<Option<Vec<Vec<u8>>>, String> {
        self.ssl_truststore
            .as_deref()
            .map(|p| {
                crate::keystore::trusted_certificates(
                    p,
                    self.ssl_truststore_password.as_ref().map(Secret::expose),
                    "source.ssl_truststore (database.ssl.truststore)",
                )
            })
            .transpose()
    }

    /// The keystore's client chain and key (PEM), when one is set.
    pub fn keystore_identity(&self) -> Result<Option<(String, String)>, String> {
        self.ssl_keystore
            .as_deref()
            .map(|p| {
                crate::keystore::client_identity(
                    p,
                    self.ssl_keystore_password.as_ref().map(Secret::expose),
                    "source.ssl_keystore (database.ssl.keystore)",
                )
            })
            .transpose()
    }

    /// Checks the TLS files (a bad path is a config error, not a connection error).
    pub fn check_tls(&self) -> Result<(), String> {
        use crate::tls::Verify;
        if self.ssl_truststore.is_some() && self.ssl_ca.is_some() {
            return Err("source.ssl_ca and source.ssl_truststore (database.ssl.truststore) both name the CAs: keep one".into());
        }
        if self.ssl_keystore.is_some() && (self.ssl_cert.is_some() || self.ssl_key.is_some()) {
            return Err("source.ssl_cert/ssl_key and source.ssl_keystore (database.ssl.keystore) both name the client certificate: keep one".into());
        }
        if self.ssl_mode != MySqlSslMode::Disabled {
            self.truststore_certificates()?;
            self.keystore_identity()?;
        }
        let verify = match self.ssl_mode {
            MySqlSslMode::Disabled => return Ok(()),
            MySqlSslMode::Preferred | MySqlSslMode::Required => Verify::Nothing,
            MySqlSslMode::VerifyCa => Verify::Chain,
            MySqlSslMode::VerifyIdentity => Verify::Full,
        };
        crate::tls::client_config(
            verify,
            &crate::tls::Files {
                ca: self.ssl_ca.as_deref(),
                cert: self.ssl_cert.as_deref(),
                key: self.ssl_key.as_deref(),
                // mysql_async reads a binary key as PKCS#1 only
                der_key: false,
            },
            "source.ssl_ca/ssl_cert/ssl_key",
        )
        .map(|_| ())
    }
}

/// `snapshot.isolation.mode` (SQL Server).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IsolationMode {
    Snapshot,
    RepeatableRead,
    ReadCommitted,
    ReadUncommitted,
    Exclusive,
}

/// The SQL Server source (Debezium's SQL Server connector keys, snake_case).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SqlServerConfig {
    pub hostname: String,
    #[serde(default = "default_ss_port")]
    pub port: u16,
    pub user: String,
    #[serde(default)]
    pub password: Option<Secret>,
    /// `database.names`: the databases captured (each its own offset partition).
    pub database_names: Vec<String>,
    /// `database.encrypt` (TLS; SQL Server drivers default to on).
    #[serde(default = "yes")]
    pub encrypt: bool,
    /// `database.trustServerCertificate`: accept any server certificate (no validation).
    #[serde(default)]
    pub trust_server_certificate: bool,
    /// `database.serverCertificate`: a PEM/CRT/DER file holding the one certificate (a CA or
    /// the server's own) the server's chain must lead to; without it the system's roots.
    #[serde(default)]
    pub server_certificate: Option<String>,
    pub topic_prefix: String,
    /// Regexes matched against `schema.table`.
    #[serde(default)]
    pub table_include_list: Vec<String>,
    #[serde(default)]
    pub table_exclude_list: Vec<String>,
    /// Regexes matched against `schema.table.column`.
    #[serde(default)]
    pub column_include_list: Vec<String>,
    #[serde(default)]
    pub column_exclude_list: Vec<String>,
    #[serde(default = "default_snapshot_mode")]
    pub snapshot_mode: SnapshotMode,
    #[serde(default = "default_isolation")]
    pub snapshot_isolation_mode: IsolationMode,
    /// `direct` (Debezium's default since 3.4) or `function`: the same rows either way.
    #[serde(default = "default_query_mode")]
    pub data_query_mode: String,
    #[serde(default = "default_max_iteration")]
    pub max_iteration_transactions: u32,
    #[serde(default = "default_poll_interval")]
    pub poll_interval_ms: u64,
    #[serde(default)]
    pub heartbeat_interval_ms: u64,
    #[serde(default = "yes")]
    pub include_schema_changes: bool,
    #[serde(default = "yes")]
    pub tombstones_on_delete: bool,
    #[serde(default = "default_decimal")]
    pub decimal_handling_mode: String,
    #[serde(default = "default_time")]
    pub time_precision_mode: String,
    #[serde(default = "default_binary")]
    pub binary_handling_mode: String,
    #[serde(default = "default_skipped")]
    pub skipped_operations: Vec<String>,
    #[serde(default)]
    pub provide_transaction_metadata: bool,
    #[serde(default = "default_chunk")]
    pub snapshot_fetch_size: usize,
    #[serde(default = "default_threads")]
    pub snapshot_max_threads: usize,
    #[serde(default)]
    pub message_key_columns: Option<String>,
    /// The Redis stream holding the schema history (Debezium's
    /// `schema.history.internal.redis.key`).
    #[serde(default = "default_history_key")]
    pub schema_history_key: String,
}

fn default_ss_port() -> u16 {
    1433
}
fn default_isolation() -> IsolationMode {
    IsolationMode::RepeatableRead
}
fn default_query_mode() -> String {
    "direct".into()
}
fn default_max_iteration() -> u32 {
    500
}
fn default_poll_interval() -> u64 {
    500
}

impl SqlServerConfig {
    fn common(&self) -> CommonSource {
        CommonSource {
            topic_prefix: self.topic_prefix.clone(),
            table_include_list: self.table_include_list.clone(),
            table_exclude_list: self.table_exclude_list.clone(),
            schema_include_list: Vec::new(),
            schema_exclude_list: Vec::new(),
            snapshot_fetch_size: self.snapshot_fetch_size,
            snapshot_max_threads: self.snapshot_max_threads,
            decimal_handling_mode: self.decimal_handling_mode.clone(),
            time_precision_mode: self.time_precision_mode.clone(),
            binary_handling_mode: self.binary_handling_mode.clone(),
            skipped_operations: self.skipped_operations.clone(),
            tombstones_on_delete: self.tombstones_on_delete,
            message_key_columns: self.message_key_columns.clone(),
            column_include_list: self.column_include_list.clone(),
            column_exclude_list: self.column_exclude_list.clone(),
        }
    }

    /// The checks only SQL Server has; each names the key and the fix.
    fn validate(&self, path: &str) -> Result<(), ConfigError> {
        let invalid = |message: String| ConfigError::Invalid {
            path: path.to_string(),
            message,
        };
        if self.database_names.is_empty() {
            return Err(invalid(
                "source.database_names (database.names) must name the databases to capture".into(),
            ));
        }
        let mut seen = std::collections::BTreeSet::new();
        for d in &self.database_names {
            if d.trim().is_empty() || !seen.insert(d.to_ascii_lowercase()) {
                return Err(invalid(format!(
                    "source.database_names (database.names): `{d}` is empty or named twice"
                )));
            }
        }
        if let Some(path) = &self.server_certificate {
            let ext = std::path::Path::new(path)
                .extension()
                .map(|e| e.to_ascii_lowercase());
            if !matches!(
                ext.as_ref().and_then(|e| e.to_str()),
                Some("pem" | "crt" | "der")
            ) {
                return Err(invalid(format!("source.server_certificate (database.serverCertificate) `{path}`: name a .pem, .crt or .der file holding one certificate")));
            }
            if !std::path::Path::new(path).is_file() {
                return Err(invalid(format!(
                    "source.server_certificate (database.serverCertificate) `{path}`: no such file"
                )));
            }
        }
        if !matches!(self.data_query_mode.as_str(), "direct" | "function") {
            return Err(invalid(format!(
                "source.data_query_mode `{}`: use direct or function",
                self.data_query_mode
            )));
        }
        if self.snapshot_mode == SnapshotMode::Never {
            return Err(invalid(
                "source.snapshot_mode `never` is not a SQL Server mode: use no_data".into(),
            ));
        }
        if !self.column_include_list.is_empty() && !self.column_exclude_list.is_empty() {
            return Err(invalid("source.column_include_list and column_exclude_list (column.include.list, column.exclude.list) cannot both be set: use one".into()));
        }
        if self.poll_interval_ms == 0 {
            return Err(invalid("source.poll_interval_ms must be at least 1".into()));
        }
        Ok(())
    }
}

/// The options every source has, validated once for all sources.
struct CommonSource {
    topic_prefix: String,
    table_include_list: Vec<String>,
    table_exclude_list: Vec<String>,
    /// Postgres schemas; MySQL databases.
    schema_include_list: Vec<String>,
    schema_exclude_list: Vec<String>,
    snapshot_fetch_size: usize,
    snapshot_max_threads: usize,
    decimal_handling_mode: String,
    time_precision_mode: String,
    binary_handling_mode: String,
    skipped_operations: Vec<String>,
    tombstones_on_delete: bool,
    message_key_columns: Option<String>,
    /// Regexes matched against `schema.table.column` (SQL Server).
    column_include_list: Vec<String>,
    column_exclude_list: Vec<String>,
}

impl PostgresConfig {
    fn common(&self) -> CommonSource {
        CommonSource {
            topic_prefix: self.topic_prefix.clone(),
            table_include_list: self.table_include_list.clone(),
            table_exclude_list: self.table_exclude_list.clone(),
            schema_include_list: self.schema_include_list.clone(),
            schema_exclude_list: self.schema_exclude_list.clone(),
            snapshot_fetch_size: self.snapshot_fetch_size,
            snapshot_max_threads: self.snapshot_max_threads,
            decimal_handling_mode: self.decimal_handling_mode.clone(),
            time_precision_mode: self.time_precision_mode.clone(),
            binary_handling_mode: self.binary_handling_mode.clone(),
            skipped_operations: self.skipped_operations.clone(),
            tombstones_on_delete: self.tombstones_on_delete,
            message_key_columns: self.message_key_columns.clone(),
            column_include_list: self.column_include_list.clone(),
            column_exclude_list: self.column_exclude_list.clone(),
        }
    }
}

impl MySqlConfig {
    fn common(&self) -> CommonSource {
        CommonSource {
            topic_prefix: self.topic_prefix.clone(),
            table_include_list: self.table_include_list.clone(),
            table_exclude_list: self.table_exclude_list.clone(),
            schema_include_list: self.database_include_list.clone(),
            schema_exclude_list: self.database_exclude_list.clone(),
            snapshot_fetch_size: self.snapshot_fetch_size,
            snapshot_max_threads: self.snapshot_max_threads,
            decimal_handling_mode: self.decimal_handling_mode.clone(),
            time_precision_mode: self.time_precision_mode.clone(),
            binary_handling_mode: self.binary_handling_mode.clone(),
            skipped_operations: self.skipped_operations.clone(),
            tombstones_on_delete: self.tombstones_on_delete,
            message_key_columns: self.message_key_columns.clone(),
            column_include_list: self.column_include_list.clone(),
            column_exclude_list: self.column_exclude_list.clone(),
        }
    }
}

/// The validated MySQL source.
#[derive(Debug, Clone)]
pub struct MySqlSettings {
    pub config: MySqlConfig,
    pub flavor: Flavor,
    /// `bigint.unsigned.handling.mode=precise`.
    pub bigint_unsigned_precise: bool,
    pub gtid_includes: Vec<regex::Regex>,
    pub gtid_excludes: Vec<regex::Regex>,
}

impl MySqlSettings {
    fn validate(
        mut config: MySqlConfig,
        flavor: Flavor,
        common: &CommonSource,
        path: &str,
    ) -> Result<MySqlSettings, ConfigError> {
        let invalid = |message: String| ConfigError::Invalid {
            path: path.to_string(),
            message,
        };
        if config.server_id == 0 {
            return Err(invalid(
                "source.server_id must be a positive number unique among the server's replicas"
                    .into(),
            ));
        }
        if !matches!(
            config.time_precision_mode.as_str(),
            "adaptive_time_microseconds" | "connect"
        ) {
            return Err(invalid(format!(
                "source.time_precision_mode `{}`: use adaptive_time_microseconds or connect",
                config.time_precision_mode
            )));
        }
        let bigint_unsigned_precise = match config.bigint_unsigned_handling_mode.as_str() {
            "long" => false,
            "precise" => true,
            o => {
                return Err(invalid(format!(
                    "source.bigint_unsigned_handling_mode `{o}`: use long or precise"
                )))
            }
        };
        // the profile may have changed these (rdi)
        config.decimal_handling_mode = common.decimal_handling_mode.clone();
        config.tombstones_on_delete = common.tombstones_on_delete;
        let re = |list: &[String], what: &str| -> Result<Vec<regex::Regex>, ConfigError> {
            list.iter()
                .map(|s| {
                    regex::Regex::new(&format!("^(?:{})$", s.trim()))
                        .map_err(|e| invalid(format!("source.{what} `{s}`: {e}")))
                })
                .collect()
        };
        if !config.gtid_source_includes.is_empty() && !config.gtid_source_excludes.is_empty() {
            return Err(invalid(
                "source.gtid_source_includes and gtid_source_excludes exclude each other".into(),
            ));
        }
        Ok(MySqlSettings {
            gtid_includes: re(&config.gtid_source_includes, "gtid_source_includes")?,
            gtid_excludes: re(&config.gtid_source_excludes, "gtid_source_excludes")?,
            config,
            flavor,
            bigint_unsigned_precise,
        })
    }
}

fn default_history_key() -> String {
    "metadata:debezium:schema_history".into()
}
fn default_my_port() -> u16 {
    3306
}
fn default_locking() -> LockingMode {
    LockingMode::Minimal
}
fn default_my_time() -> String {
    "adaptive_time_microseconds".into()
}
fn default_bigint_unsigned() -> String {
    "long".into()
}

/// The Redis that receives streams, offsets and schema history.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SinkConfig {
    /// `host:port`.
    pub address: String,
    #[serde(default)]
    pub user: Option<String>,
    #[serde(default)]
    pub password: Option<Secret>,
    #[serde(default)]
    pub ssl_enabled: bool,
    /// PEM file of the CA(s) that signed Redis' certificate; the system roots when absent.
    #[serde(default)]
    pub ssl_ca_file: Option<String>,
    /// PEM client certificate and key, for Redis with `tls-auth-clients yes`.
    #[serde(default)]
    pub ssl_cert_file: Option<String>,
    #[serde(default)]
    pub ssl_key_file: Option<String>,
    #[serde(default)]
    pub db_index: u8,
    #[serde(default = "default_batch")]
    pub batch_size: usize,
    /// Stop writing while Redis `used_memory` is above this many MB (0 = Redis maxmemory only).
    #[serde(default)]
    pub memory_limit_mb: u64,
    #[serde(default = "default_offsets_key")]
    pub offsets_key: String,
    #[serde(default = "default_engine_name")]
    pub engine_name: String,
    /// How long a command may wait for Redis' answer (Debezium's
    /// `debezium.sink.redis.socket.timeout.ms`, 2000): a silent network cut is noticed after it.
    #[serde(default = "default_redis_timeout")]
    pub socket_timeout_ms: u64,
    /// How long connecting may take (`debezium.sink.redis.connection.timeout.ms`, 2000).
    #[serde(default = "default_redis_timeout")]
    pub connection_timeout_ms: u64,
}

fn default_redis_timeout() -> u64 {
    2000
}

/// How entries are shaped.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OutputConfig {
    /// `server` (Debezium Server defaults) or `rdi` (Redis Data Integration's collector settings);
    /// the other keys override single settings of the profile.
    #[serde(default = "default_profile")]
    pub profile: String,
    #[serde(default)]
    pub message_format: Option<String>,
    #[serde(default)]
    pub key_schemas_enable: Option<bool>,
    #[serde(default)]
    pub value_schemas_enable: Option<bool>,
    #[serde(default)]
    pub null_key: Option<String>,
    #[serde(default)]
    pub null_value: Option<String>,
    /// Prefix put in front of every topic (RegexRouter `(.*)` -> `<prefix>$1`).
    #[serde(default)]
    pub stream_prefix: Option<String>,
}

impl Default for OutputConfig {
    fn default() -> Self {
        OutputConfig {
            profile: default_profile(),
            message_format: None,
            key_schemas_enable: None,
            value_schemas_enable: None,
            null_key: None,
            null_value: None,
            stream_prefix: None,
        }
    }
}

/// The whole file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub source: SourceConfig,
    pub sink: SinkConfig,
    #[serde(default)]
    pub output: OutputConfig,
    /// `host:port` of the HTTP server: health (`/q/health`) and metrics (`/metrics`); off when
    /// absent. `application.properties` sets it from `quarkus.http.host`/`quarkus.http.port`
    /// (0.0.0.0:8080 when unset, as Debezium Server listens).
    #[serde(default, alias = "http_address")]
    pub metrics_address: Option<String>,
    /// The HA lease (ms): a standby takes over this long after the active instance stops
    /// renewing it (`redcdc.lease.ms` in `application.properties`).
    #[serde(default = "default_lease_ms")]
    pub lease_ms: u64,
}

fn default_lease_ms() -> u64 {
    10_000
}

/// The source database.
#[derive(Debug, Clone, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum SourceConfig {
    #[serde(alias = "postgres")]
    Postgresql(PostgresConfig),
    /// MySQL, emitting what Debezium's MySQL connector emits.
    Mysql(MySqlConfig),
    /// MariaDB, emitting what Debezium's MariaDB connector emits (`connector: mariadb`,
    /// MariaDB GTIDs).
    Mariadb(MySqlConfig),
    /// SQL Server (CDC change tables).
    Sqlserver(SqlServerConfig),
}

fn default_pg_port() -> u16 {
    5432
}
fn default_slot() -> String {
    "debezium".into()
}
fn default_publication() -> String {
    "dbz_publication".into()
}
fn default_pub_mode() -> PublicationMode {
    PublicationMode::AllTables
}
fn default_snapshot_mode() -> SnapshotMode {
    SnapshotMode::Initial
}
fn yes() -> bool {
    true
}
fn default_decimal() -> String {
    "precise".into()
}
fn default_time() -> String {
    "adaptive".into()
}
fn default_binary() -> String {
    "bytes".into()
}
fn default_skipped() -> Vec<String> {
    vec!["t".into()]
}
fn default_chunk() -> usize {
    10_000
}
fn default_threads() -> usize {
    1
}
fn default_batch() -> usize {
    500
}
fn default_offsets_key() -> String {
    protocol::offset::DEFAULT_OFFSETS_KEY.into()
}
fn default_engine_name() -> String {
    protocol::offset::DEFAULT_ENGINE_NAME.into()
}
fn default_profile() -> String {
    "server".into()
}

/// What the rest of the collector needs, derived and validated.
#[derive(Debug, Clone)]
pub struct Settings {
    pub source: SourceSettings,
    pub sink: SinkConfig,
    pub profile: OutputProfile,
    pub router: Option<Router>,
    pub encoding: EncodingOptions,
    pub tables: TableFilter,
    /// `message.key.columns` (empty when unset).
    pub key_columns: crate::keys::KeyColumns,
    pub skip: SkippedOps,
    pub metrics_address: Option<String>,
    /// The HA lease in milliseconds (see [`crate::lease`]).
    pub lease_ms: u64,
}

/// The validated source section.
#[derive(Debug, Clone)]
pub enum SourceSettings {
    Postgres(PostgresConfig),
    MySql(MySqlSettings),
    SqlServer(SqlServerConfig),
}

impl Settings {
    /// The stream a topic's records go to (the topic, or what the router makes of it).
    pub fn stream_of(&self, topic: &str) -> String {
        self.router
            .as_ref()
            .map_or_else(|| topic.to_string(), |r| r.route(topic))
    }

    pub fn topic_prefix(&self) -> &str {
        match &self.source {
            SourceSettings::Postgres(p) => &p.topic_prefix,
            SourceSettings::MySql(m) => &m.config.topic_prefix,
            SourceSettings::SqlServer(s) => &s.topic_prefix,
        }
    }
}

/// Which operations are not emitted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SkippedOps {
    pub create: bool,
    pub update: bool,
    pub delete: bool,
    pub truncate: bool,
}

/// `table.include.list` / `schema.include.list` and their exclude lists as anchored regexes.
#[derive(Debug, Clone)]
pub struct TableFilter {
    include: Vec<regex::Regex>,
    exclude: Vec<regex::Regex>,
    /// `column.include.list` / `column.exclude.list` (against `schema.table.column`).
    column_include: Vec<regex::Regex>,
    column_exclude: Vec<regex::Regex>,
    pub(crate) schema_include: Vec<regex::Regex>,
    pub(crate) schema_exclude: Vec<regex::Regex>,
}

impl TableFilter {
    pub fn matches(&self, schema: &str, table: &str) -> bool {
        if schema == "pg_catalog" || schema == "information_schema" {
            return false;
        }
        let full = format!("{schema}.{table}");
        if !self.schema_include.is_empty()
            && !self.schema_include.iter().any(|r| r.is_match(schema))
        {
            return false;
        }
        if self.schema_exclude.iter().any(|r| r.is_match(schema)) {
            return false;
        }
        if !self.include.is_empty() && !self.include.iter().any(|r| r.is_match(&full)) {
            return false;
        }
        !self.exclude.iter().any(|r| r.is_match(&full))
    }

    /// Whether a column's values are emitted (`column.include.list` / `column.exclude.list`
    /// matched against `schema.table.column`); key columns stay in the key either way.
    pub fn column_shown(&self, schema: &str, table: &str, column: &str) -> bool {
        if self.column_include.is_empty() && self.column_exclude.is_empty() {
            return true;
        }
        let full = format!("{schema}.{table}.{column}");
        if !self.column_include.is_empty() {
            return self.column_include.iter().any(|r| r.is_match(&full));
        }
        !self.column_exclude.iter().any(|r| r.is_match(&full))
    }

    /// Whether an include list names tables explicitly.
    pub fn has_include_list(&self) -> bool {
        !self.include.is_empty()
    }
}

impl Config {
    /// Reads YAML, or `application.properties` when the file name ends in `.properties`.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        Config::load_with(path, &crate::rdi::Pipeline::default())
    }

    /// [`Config::load`], where the YAML may also be RDI's pipeline `config.yaml` (a `sources:`
    /// section), one source of which `pipeline` selects ([`crate::rdi`]).
    pub fn load_with(path: &Path, pipeline: &crate::rdi::Pipeline) -> Result<Config, ConfigError> {
        let p = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
            path: p.clone(),
            source,
        })?;
        if path.extension().is_some_and(|e| e == "properties") {
            return Config::from_properties(&text, &p);
        }
        if let Ok(doc) = serde_yaml_ng::from_str::<Value>(&text) {
            if crate::rdi::is_pipeline(&doc) {
                return crate::rdi::from_pipeline(&doc, &p, pipeline);
            }
        }
        Config::from_yaml(&text, &p)
    }

    pub fn from_yaml(text: &str, path: &str) -> Result<Config, ConfigError> {
        serde_yaml_ng::from_str(text).map_err(|e| {
            // the tagged source section hides the field from serde's message: find it
            let field = serde_yaml_ng::from_str::<Value>(text)
                .ok()
                .and_then(|v| failing_field(&v));
            ConfigError::Invalid {
                path: path.to_string(),
                message: match field {
                    Some(f) => format!("{f}: {e}"),
                    None => e.to_string(),
                },
            }
        })
    }

    /// Translates Debezium Server's `application.properties`.
    pub fn from_properties(text: &str, path: &str) -> Result<Config, ConfigError> {
        let props = parse_properties(text).map_err(|message| ConfigError::Invalid {
            path: path.to_string(),
            message,
        })?;
        properties_to_config(&props, path)
    }

    /// The same configuration with every certificate or key file that does not exist on this
    /// machine left out, for checking a configuration written for another host (`redcdc
    /// deploy`): what remains is checked as `validate` does.
    pub fn without_missing_files(mut self) -> Config {
        fn keep(f: &mut Option<String>) {
            if f.as_deref()
                .is_some_and(|p| !std::path::Path::new(p).exists())
            {
                *f = None;
            }
        }
        match &mut self.source {
            SourceConfig::Postgresql(pg) => {
                for f in [&mut pg.sslrootcert, &mut pg.sslcert, &mut pg.sslkey] {
                    keep(f);
                }
            }
            SourceConfig::Mysql(m) | SourceConfig::Mariadb(m) => {
                for f in [
                    &mut m.ssl_ca,
                    &mut m.ssl_cert,
                    &mut m.ssl_key,
                    &mut m.ssl_truststore,
                    &mut m.ssl_keystore,
                ] {
                    keep(f);
                }
            }
            SourceConfig::Sqlserver(s) => keep(&mut s.server_certificate),
        }
        for f in [
            &mut self.sink.ssl_ca_file,
            &mut self.sink.ssl_cert_file,
            &mut self.sink.ssl_key_file,
        ] {
            keep(f);
        }
        self
    }

    /// Checks values and derives [`Settings`].
    pub fn validate(self, path: &str) -> Result<Settings, ConfigError> {
        let invalid = |message: String| ConfigError::Invalid {
            path: path.to_string(),
            message,
        };
        let recovery = match &self.source {
            SourceConfig::Postgresql(pg) => pg.snapshot_mode == SnapshotMode::Recovery,
            SourceConfig::Mysql(m) | SourceConfig::Mariadb(m) => {
                m.snapshot_mode == SnapshotMode::Recovery
            }
            SourceConfig::Sqlserver(_) => false,
        };
        if recovery {
            return Err(invalid("source.snapshot_mode `recovery` is a SQL Server mode in this build (the MySQL schema history is not rebuilt from the tables): use when_needed, or restore the schema history".into()));
        }
        let mut common = match &self.source {
            SourceConfig::Postgresql(pg) => pg.common(),
            SourceConfig::Mysql(m) | SourceConfig::Mariadb(m) => m.common(),
            SourceConfig::Sqlserver(s) => {
                s.validate(path)?;
                s.common()
            }
        };
        let pg = match &self.source {
            SourceConfig::Postgresql(pg) => Some(pg),
            _ => None,
        };
        if common.topic_prefix.is_empty() {
            return Err(invalid("source.topic_prefix must not be empty".into()));
        }
        if let SourceConfig::Mysql(m) | SourceConfig::Mariadb(m) = &self.source {
            m.check_tls().map_err(&invalid)?;
        }
        if let Some(pg) = &pg {
            pg.tls().map_err(&invalid)?;
            if !valid_identifier(&pg.slot_name) {
                return Err(invalid(format!(
                    "source.slot_name `{}`: use lower-case letters, digits and underscores (Postgres slot rules)",
                    pg.slot_name
                )));
            }
            if !valid_identifier(&pg.publication_name.to_lowercase()) {
                return Err(invalid(format!(
                    "source.publication_name `{}` is not a plain identifier",
                    pg.publication_name
                )));
            }
        }
        if !self
            .sink
            .address
            .rsplit_once(':')
            .is_some_and(|(h, p)| !h.is_empty() && p.parse::<u16>().is_ok())
        {
            return Err(invalid(format!(
                "sink.address `{}` must be host:port",
                self.sink.address
            )));
        }
        if !self.sink.ssl_enabled
            && (self.sink.ssl_ca_file.is_some() || self.sink.ssl_cert_file.is_some())
        {
            return Err(invalid(
                "sink.ssl_ca_file/ssl_cert_file are set but sink.ssl_enabled is false".into(),
            ));
        }
        if self.sink.ssl_cert_file.is_some() != self.sink.ssl_key_file.is_some() {
            return Err(invalid(
                "sink.ssl_cert_file and sink.ssl_key_file go together".into(),
            ));
        }
        for f in [
            &self.sink.ssl_ca_file,
            &self.sink.ssl_cert_file,
            &self.sink.ssl_key_file,
        ]
        .into_iter()
        .flatten()
        {
            if !Path::new(f).is_file() {
                return Err(invalid(format!("sink TLS file `{f}` does not exist")));
            }
        }
        if self.sink.batch_size == 0 {
            return Err(invalid("sink.batch_size must be at least 1".into()));
        }
        if common.snapshot_fetch_size == 0 || common.snapshot_max_threads == 0 {
            return Err(invalid(
                "source.snapshot_fetch_size and snapshot_max_threads must be at least 1".into(),
            ));
        }
        let decimal = match common.decimal_handling_mode.as_str() {
            "precise" => DecimalMode::Precise,
            "string" => DecimalMode::String,
            "double" => DecimalMode::Double,
            o => {
                return Err(invalid(format!(
                    "source.decimal_handling_mode `{o}`: use precise, string or double"
                )))
            }
        };
        let time_precision = match common.time_precision_mode.as_str() {
            "adaptive" => TimePrecisionMode::Adaptive,
            "adaptive_time_microseconds" => TimePrecisionMode::AdaptiveTimeMicroseconds,
            "connect" => TimePrecisionMode::Connect,
            o => return Err(invalid(format!("source.time_precision_mode `{o}`: use adaptive, adaptive_time_microseconds or connect"))),
        };
        let binary = match common.binary_handling_mode.as_str() {
            "bytes" => BinaryMode::Bytes,
            "base64" => BinaryMode::Base64,
            "base64-url-safe" => BinaryMode::Base64UrlSafe,
            "hex" => BinaryMode::Hex,
            o => {
                return Err(invalid(format!(
                    "source.binary_handling_mode `{o}`: use bytes, base64, base64-url-safe or hex"
                )))
            }
        };
        let mut skip = SkippedOps::default();
        for op in &common.skipped_operations {
            match op.trim() {
                "c" => skip.create = true,
                "u" => skip.update = true,
                "d" => skip.delete = true,
                "t" => skip.truncate = true,
                "none" | "" => {}
                o => {
                    return Err(invalid(format!(
                        "source.skipped_operations `{o}`: use c, u, d, t or none"
                    )))
                }
            }
        }
        let re = |list: &[String], what: &str| -> Result<Vec<regex::Regex>, ConfigError> {
            list.iter()
                .map(|s| {
                    regex::Regex::new(&format!("^(?:{})$", s.trim()))
                        .map_err(|e| invalid(format!("source.{what} `{s}`: {e}")))
                })
                .collect()
        };
        let key_columns = match &common.message_key_columns {
            Some(o) => crate::keys::KeyColumns::parse(o)
                .map_err(|e| invalid(format!("source.message_key_columns: {e}")))?,
            None => crate::keys::KeyColumns::default(),
        };
        let tables = TableFilter {
            include: re(&common.table_include_list, "table_include_list")?,
            exclude: re(&common.table_exclude_list, "table_exclude_list")?,
            schema_include: re(&common.schema_include_list, "schema_include_list")?,
            schema_exclude: re(&common.schema_exclude_list, "schema_exclude_list")?,
            column_include: re(&common.column_include_list, "column_include_list")?,
            column_exclude: re(&common.column_exclude_list, "column_exclude_list")?,
        };
        let mut profile = match self.output.profile.as_str() {
            "server" => OutputProfile::server(),
            "rdi" => OutputProfile::rdi(),
            o => return Err(invalid(format!("output.profile `{o}`: use server or rdi"))),
        };
        let mut router = None;
        if self.output.profile == "rdi" {
            router = Some(Router::prefix("data:"));
        }
        if let Some(f) = &self.output.message_format {
            profile.message_format = match f.as_str() {
                "compact" => MessageFormat::Compact,
                "extended" => MessageFormat::Extended,
                o => {
                    return Err(invalid(format!(
                        "output.message_format `{o}`: use compact or extended"
                    )))
                }
            };
        }
        if let Some(v) = self.output.key_schemas_enable {
            profile.key_schemas = v;
        }
        if let Some(v) = self.output.value_schemas_enable {
            profile.value_schemas = v;
        }
        if let Some(v) = &self.output.null_key {
            profile.null_key = v.clone();
        }
        if let Some(v) = &self.output.null_value {
            profile.null_value = v.clone();
        }
        if let Some(p) = &self.output.stream_prefix {
            router = if p.is_empty() {
                None
            } else {
                Some(Router::prefix(p))
            };
        }
        // the rdi profile implies RDI's connector settings unless set explicitly (YAML default kept)
        if self.output.profile == "rdi" {
            if common.decimal_handling_mode == "precise" {
                common.decimal_handling_mode = "string".into();
            }
            common.tombstones_on_delete = false;
        }
        let decimal = if self.output.profile == "rdi" && matches!(decimal, DecimalMode::Precise) {
            DecimalMode::String
        } else {
            decimal
        };
        let encoding = EncodingOptions {
            decimal,
            time_precision,
            binary,
            ..EncodingOptions::default()
        };
        Ok(Settings {
            source: match self.source {
                SourceConfig::Postgresql(mut pg) => {
                    pg.decimal_handling_mode = common.decimal_handling_mode.clone();
                    pg.tombstones_on_delete = common.tombstones_on_delete;
                    SourceSettings::Postgres(pg)
                }
                SourceConfig::Mysql(m) => {
                    SourceSettings::MySql(MySqlSettings::validate(m, Flavor::MySql, &common, path)?)
                }
                SourceConfig::Mariadb(m) => SourceSettings::MySql(MySqlSettings::validate(
                    m,
                    Flavor::MariaDb,
                    &common,
                    path,
                )?),
                SourceConfig::Sqlserver(mut s) => {
                    s.decimal_handling_mode = common.decimal_handling_mode.clone();
                    s.tombstones_on_delete = common.tombstones_on_delete;
                    SourceSettings::SqlServer(s)
                }
            },
            sink: self.sink,
            profile,
            router,
            encoding,
            tables,
            key_columns,
            skip,
            metrics_address: self.metrics_address,
            lease_ms: self.lease_ms,
        })
    }
}

fn valid_identifier(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 63
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

/// Java `.properties` lines: `k=v` or `k: v`, `#`/`!` comments, trailing `\` continuations.
pub(crate) fn parse_properties(text: &str) -> Result<BTreeMap<String, String>, String> {
    // Java's rules (the `java-properties` crate): `=`, `:` or blanks separate, `\` escapes
    // (`\\` is one backslash, `\uXXXX` a character), a trailing `\` continues the line
    java_properties::read(text.as_bytes())
        .map(|m| {
            m.into_iter()
                .map(|(k, v)| (k, v.trim_end().to_string()))
                .collect()
        })
        .map_err(|e| e.to_string())
}

/// Where a supported property lands in the YAML-shaped tree.
fn property_target(key: &str) -> Option<(&'static str, String)> {
    if let Some(k) = key.strip_prefix("debezium.source.") {
        match k {
            "database.server.id" => return Some(("source", "server_id".into())),
            "database.include.list" | "database.exclude.list" | "database.names" => {
                return Some(("source", k.replace('.', "_")))
            }
            "database.encrypt" => return Some(("source", "encrypt".into())),
            "database.trustServerCertificate" => {
                return Some(("source", "trust_server_certificate".into()))
            }
            "database.serverCertificate" => return Some(("source", "server_certificate".into())),
            "schema.history.internal.redis.key" => {
                return Some(("source", "schema_history_key".into()))
            }
            _ => {}
        }
        let k = k.strip_prefix("database.").unwrap_or(k);
        let field = match k {
            "hostname" | "port" | "user" | "password" | "dbname" | "sslmode" | "sslrootcert"
            | "sslcert" | "sslkey" => k.to_string(),
            "ssl.mode" => "ssl_mode".into(),
            // redcdc's PEM equivalents of the Java keystores (MySQL, MariaDB), and the stores
            "ssl.ca"
            | "ssl.cert"
            | "ssl.key"
            | "ssl.truststore"
            | "ssl.truststore.password"
            | "ssl.keystore"
            | "ssl.keystore.password" => k.replace('.', "_"),
            "topic.prefix"
            | "slot.name"
            | "publication.name"
            | "publication.autocreate.mode"
            | "table.include.list"
            | "table.exclude.list"
            | "schema.include.list"
            | "schema.exclude.list"
            | "snapshot.mode"
            | "heartbeat.interval.ms"
            | "tombstones.on.delete"
            | "decimal.handling.mode"
            | "time.precision.mode"
            | "binary.handling.mode"
            | "skipped.operations"
            | "provide.transaction.metadata"
            | "snapshot.fetch.size"
            | "snapshot.max.threads"
            | "message.key.columns"
            | "snapshot.isolation.mode"
            | "data.query.mode"
            | "max.iteration.transactions"
            | "poll.interval.ms"
            | "column.include.list"
            | "column.exclude.list"
            | "snapshot.locking.mode"
            | "include.schema.changes"
            | "gtid.source.includes"
            | "gtid.source.excludes"
            | "bigint.unsigned.handling.mode" => k.replace('.', "_"),
            "server.name" => "topic_prefix".into(),
            _ => return None,
        };
        return Some(("source", field));
    }
    if let Some(k) = key.strip_prefix("debezium.sink.redis.") {
        let field = match k {
            "address" | "user" | "password" => k.to_string(),
            "ssl.enabled"
            | "batch.size"
            | "memory.limit.mb"
            | "db.index"
            | "socket.timeout.ms"
            | "connection.timeout.ms" => k.replace('.', "_"),
            // PEM files (Debezium's JKS truststores are a Java format we cannot read)
            "ssl.ca.file" | "ssl.cert.file" | "ssl.key.file" => k.replace('.', "_"),
            "message.format" | "null.key" | "null.value" => {
                return Some(("output", k.replace('.', "_")))
            }
            _ => return None,
        };
        return Some(("sink", field));
    }
    None
}

/// Our source `type` for a Debezium connector class.
fn connector_type(class: &str) -> Option<&'static str> {
    match class.trim() {
        "io.debezium.connector.postgresql.PostgresConnector" => Some("postgresql"),
        "io.debezium.connector.mysql.MySqlConnector" => Some("mysql"),
        "io.debezium.connector.mariadb.MariaDbConnector" => Some("mariadb"),
        "io.debezium.connector.sqlserver.SqlServerConnector" => Some("sqlserver"),
        _ => None,
    }
}

/// Keys that do not change what we produce (or restate what we always do).
fn property_is_inert(key: &str, value: &str) -> Result<bool, String> {
    let v = value.trim();
    Ok(match key {
        "debezium.sink.type" => {
            if v != "redis" {
                return Err(format!("sink type `{v}`: only `redis`"));
            }
            true
        }
        "debezium.source.connector.class" => {
            if connector_type(v).is_none() {
                return Err(format!(
                    "connector `{v}`: this build supports the Postgres, MySQL, MariaDB and SQL Server connectors"
                ));
            }
            true
        }
        "debezium.source.plugin.name" => {
            if v != "pgoutput" {
                return Err(format!("plugin.name `{v}`: only pgoutput"));
            }
            true
        }
        "debezium.source.offset.storage" => {
            if v != "io.debezium.storage.redis.offset.RedisOffsetBackingStore" {
                return Err(format!(
                    "offset.storage `{v}`: offsets always live in Redis"
                ));
            }
            true
        }
        "debezium.format.key" | "debezium.format.value" | "debezium.format.header" => {
            if v != "json" {
                return Err(format!("format `{v}`: only json"));
            }
            true
        }
        "debezium.sink.redis.wait.enabled" | "debezium.sink.redis.wait.retry.enabled" => {
            if v == "true" {
                return Err("WAIT for replicas is not implemented".into());
            }
            true
        }
        "debezium.sink.redis.skip.heartbeat.messages" => {
            if v == "false" {
                return Err("heartbeat messages are never written to streams".into());
            }
            true
        }
        k if k.starts_with("quarkus.")
            || k == "redcdc.lease.ms"
            || k.starts_with("debezium.source.offset.storage.redis.")
            || k.starts_with("debezium.source.schema.history.internal")
            || k == "debezium.source.offset.flush.interval.ms"
            || k.starts_with("debezium.sink.redis.retry.")
            || k == "debezium.sink.redis.buffer.fill.rate"
            || k == "debezium.sink.redis.memory.threshold.percentage"
            || k == "debezium.source.max.batch.size"
            || k == "debezium.source.max.queue.size"
            || k == "debezium.source.key.converter.schemas.enable"
            || k == "debezium.source.value.converter.schemas.enable" =>
        {
            true
        }
        _ => false,
    })
}

fn properties_to_config(
    props: &BTreeMap<String, String>,
    path: &str,
) -> Result<Config, ConfigError> {
    let unsupported = |key: &str, why: String| ConfigError::Unsupported {
        path: path.to_string(),
        key: key.to_string(),
        why,
    };
    let mut source = Map::new();
    let ty = props
        .get("debezium.source.connector.class")
        .and_then(|c| connector_type(c))
        .unwrap_or("postgresql");
    source.insert("type".into(), Value::from(ty));
    let mut sink = Map::new();
    let mut output = Map::new();
    let mut transforms: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    let mut transform_order: Vec<String> = Vec::new();
    // snapshot.select.statement.overrides: the tables, then one statement per table
    const OVERRIDES: &str = "debezium.source.snapshot.select.statement.overrides";
    let mut override_tables: Vec<String> = Vec::new();
    let mut override_sql: BTreeMap<String, String> = BTreeMap::new();
    // a value that is a whole `${...}` reference is resolved, as Debezium Server (Quarkus) does
    // for any property; passwords stay references until they become a `Secret`
    let mut resolved: BTreeMap<String, String> = BTreeMap::new();
    for (k, v) in props {
        let v = if k.ends_with("password") {
            v.clone()
        } else {
            ops::secret::resolve(v).map_err(|e| ConfigError::Invalid {
                path: path.to_string(),
                message: format!("{k}: {e}"),
            })?
        };
        resolved.insert(k.clone(), v);
    }
    let props = &resolved;
    for (k, v) in props {
        if k == OVERRIDES {
            override_tables = split_list(v);
            continue;
        }
        if let Some(t) = k.strip_prefix(OVERRIDES).and_then(|r| r.strip_prefix('.')) {
            override_sql.insert(t.to_string(), v.clone());
            continue;
        }
        if let Some(name) = k.strip_prefix("debezium.transforms.") {
            let (t, attr) = name.split_once('.').unwrap_or((name, ""));
            transforms
                .entry(t.to_string())
                .or_default()
                .insert(attr.to_string(), v.clone());
            continue;
        }
        if k == "debezium.transforms" {
            transform_order = v
                .split(',')
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect();
            continue;
        }
        if let Some(schemas) = k
            .strip_prefix("debezium.format.")
            .or_else(|| k.strip_prefix("debezium.source."))
            .and_then(|r| r.strip_suffix(".schemas.enable"))
        {
            let b =
                parse_bool(v).ok_or_else(|| unsupported(k, format!("`{v}` is not true/false")))?;
            match schemas {
                "key" | "key.converter" => {
                    output.insert("key_schemas_enable".into(), Value::from(b))
                }
                "value" | "value.converter" => {
                    output.insert("value_schemas_enable".into(), Value::from(b))
                }
                _ => return Err(unsupported(k, "unknown converter".into())),
            };
            continue;
        }
        if let Some((section, field)) = property_target(k) {
            let target = match section {
                "source" => &mut source,
                "sink" => &mut sink,
                _ => &mut output,
            };
            target.insert(field.clone(), property_value(&field, v));
            continue;
        }
        match property_is_inert(k, v) {
            Ok(true) => continue,
            Ok(false) => {
                return Err(unsupported(
                    k,
                    "it would change behaviour and is not implemented".into(),
                ))
            }
            Err(why) => return Err(unsupported(k, why)),
        }
    }
    if !override_tables.is_empty() || !override_sql.is_empty() {
        let mut map = Map::new();
        for t in &override_tables {
            let Some(sql) = override_sql.remove(t).filter(|q| !q.trim().is_empty()) else {
                return Err(unsupported(
                    &format!("{OVERRIDES}.{t}"),
                    format!("`{t}` is listed in {OVERRIDES} but has no SELECT statement"),
                ));
            };
            map.insert(t.clone(), Value::from(sql));
        }
        if let Some(t) = override_sql.keys().next() {
            return Err(unsupported(
                &format!("{OVERRIDES}.{t}"),
                format!(
                    "`{t}` is not listed in {OVERRIDES}: list it there, or remove this statement"
                ),
            ));
        }
        source.insert(
            "snapshot_select_statement_overrides".into(),
            Value::Object(map),
        );
    }
    for t in &transform_order {
        let attrs = transforms.remove(t).unwrap_or_default();
        let ty = attrs.get("type").map(String::as_str).unwrap_or("");
        if ty != "org.apache.kafka.connect.transforms.RegexRouter" {
            return Err(unsupported(
                &format!("debezium.transforms.{t}.type"),
                format!("transform `{ty}`: only RegexRouter"),
            ));
        }
        let regex = attrs.get("regex").cloned().unwrap_or_default();
        let replacement = attrs.get("replacement").cloned().unwrap_or_default();
        let r = Router::new(&regex, &replacement)
            .map_err(|e| unsupported(&format!("debezium.transforms.{t}.regex"), e.to_string()))?;
        let prefix = r.route("");
        if !replacement.ends_with("$1") && !replacement.ends_with("$0") {
            return Err(unsupported(
                &format!("debezium.transforms.{t}.replacement"),
                "only prefixes (`<prefix>$1`) are supported".into(),
            ));
        }
        output.insert("stream_prefix".into(), Value::from(prefix));
    }
    if let Some(t) = transforms.keys().next() {
        return Err(unsupported(
            &format!("debezium.transforms.{t}"),
            "transform is configured but not listed in debezium.transforms".into(),
        ));
    }
    let mut root = Map::new();
    root.insert("source".into(), Value::Object(source));
    root.insert("sink".into(), Value::Object(sink));
    root.insert("output".into(), Value::Object(output));
    // Debezium Server's HTTP port (Quarkus): health and metrics
    let port = props
        .get("quarkus.http.port")
        .map(String::as_str)
        .unwrap_or("8080");
    if port.parse::<u16>().is_err() {
        return Err(unsupported(
            "quarkus.http.port",
            format!("`{port}` is not a port number"),
        ));
    }
    let host = props
        .get("quarkus.http.host")
        .map(String::as_str)
        .unwrap_or("0.0.0.0");
    root.insert(
        "metrics_address".into(),
        Value::from(format!("{host}:{port}")),
    );
    if let Some(v) = props.get("redcdc.lease.ms") {
        let ms: u64 = v
            .parse()
            .map_err(|_| unsupported("redcdc.lease.ms", format!("`{v}` is not milliseconds")))?;
        root.insert("lease_ms".into(), Value::from(ms));
    }
    let root = Value::Object(root);
    serde_json::from_value(root.clone()).map_err(|e| {
        let message = match failing_field(&root) {
            Some(field) => {
                let (section, key) = field.split_once('.').unwrap_or((field.as_str(), ""));
                let from = props
                    .keys()
                    .find(|p| property_target(p).is_some_and(|(s, k)| s == section && k == key));
                match from {
                    Some(p) => format!("{p} ({field}): {e}"),
                    None => format!("{field}: {e} (after translating application.properties)"),
                }
            }
            None => format!("{e} (after translating application.properties)"),
        };
        ConfigError::Invalid {
            path: path.to_string(),
            message,
        }
    })
}

/// The `section.key` whose value makes the config fail to deserialize: the first key whose
/// removal makes it deserialize, or turns the error into that key's `missing field`. (Serde's
/// own message loses the path inside the internally tagged `source` section.)
fn failing_field(root: &Value) -> Option<String> {
    let sections = root.as_object()?;
    for (section, body) in sections {
        let Some(fields) = body.as_object() else {
            continue;
        };
        for key in fields.keys().filter(|k| k.as_str() != "type") {
            let mut probe = root.clone();
            if let Some(m) = probe.get_mut(section).and_then(Value::as_object_mut) {
                m.remove(key);
            }
            match serde_json::from_value::<Config>(probe) {
                Ok(_) => return Some(format!("{section}.{key}")),
                Err(e) if e.to_string().contains(&format!("missing field `{key}`")) => {
                    return Some(format!("{section}.{key}"))
                }
                Err(_) => {}
            }
        }
    }
    None
}

fn parse_bool(v: &str) -> Option<bool> {
    match v.trim() {
        "true" | "TRUE" | "True" => Some(true),
        "false" | "FALSE" | "False" => Some(false),
        _ => None,
    }
}

fn property_value(field: &str, v: &str) -> Value {
    let list_fields = [
        "table_include_list",
        "table_exclude_list",
        "schema_include_list",
        "schema_exclude_list",
        "skipped_operations",
        "database_include_list",
        "database_exclude_list",
        "database_names",
        "column_include_list",
        "column_exclude_list",
        "gtid_source_includes",
        "gtid_source_excludes",
    ];
    if list_fields.contains(&field) {
        return Value::Array(split_list(v).into_iter().map(Value::from).collect());
    }
    if let Some(b) = parse_bool(v) {
        return Value::from(b);
    }
    if let Ok(n) = v.parse::<u64>() {
        if !field.ends_with("password") && field != "user" && field != "dbname" {
            return Value::from(n);
        }
    }
    Value::from(v)
}

/// Debezium splits include lists on commas not escaped with a backslash.
fn split_list(v: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut chars = v.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' && chars.peek() == Some(&',') {
            cur.push(',');
            chars.next();
        } else if c == ',' {
            out.push(cur.trim().to_string());
            cur.clear();
        } else {
            cur.push(c);
        }
    }
    if !cur.trim().is_empty() {
        out.push(cur.trim().to_string());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bad_value_names_its_field() {
        let yaml = "source:\n  type: postgresql\n  hostname: h\n  port: notaport\n  user: u\n  dbname: d\n  topic_prefix: p\nsink:\n  address: 127.0.0.1:6379\n  batch_size: 10\n";
        let e = Config::from_yaml(yaml, "c.yaml").unwrap_err().to_string();
        assert!(
            e.contains("source.port: invalid type: string \"notaport\""),
            "{e}"
        );
        let bad_sink = yaml
            .replace("notaport", "5432")
            .replace("batch_size: 10", "batch_size: many");
        let e = Config::from_yaml(&bad_sink, "c.yaml")
            .unwrap_err()
            .to_string();
        assert!(e.contains("sink.batch_size: invalid type"), "{e}");
        let props =
            "debezium.source.connector.class=io.debezium.connector.postgresql.PostgresConnector\n\
            debezium.source.database.hostname=h\ndebezium.source.database.port=notaport\n\
            debezium.source.database.user=u\ndebezium.source.database.dbname=d\n\
            debezium.source.topic.prefix=p\ndebezium.sink.type=redis\n\
            debezium.sink.redis.address=127.0.0.1:6379\n";
        let e = Config::from_properties(props, "a.properties")
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("debezium.source.database.port (source.port): invalid type"),
            "{e}"
        );
    }

    const PROPS: &str = r#"
debezium.sink.type=redis
debezium.sink.redis.address=127.0.0.1:6379
debezium.source.connector.class=io.debezium.connector.postgresql.PostgresConnector
debezium.source.offset.storage=io.debezium.storage.redis.offset.RedisOffsetBackingStore
debezium.source.database.hostname=127.0.0.1
debezium.source.database.port=5432
debezium.source.database.user=postgres
debezium.source.database.password=${env:REDCDC_TEST_SECRET:s3cret}
debezium.source.database.dbname=inventory
debezium.source.topic.prefix=dbserver1
debezium.source.plugin.name=pgoutput
debezium.source.table.include.list=public.orders,public.t_.*
debezium.source.skipped.operations=none
debezium.source.key.converter.schemas.enable=false
debezium.source.value.converter.schemas.enable=false
debezium.sink.redis.message.format=extended
debezium.source.decimal.handling.mode=string
debezium.source.tombstones.on.delete=false
debezium.transforms=AddPrefix
debezium.transforms.AddPrefix.type=org.apache.kafka.connect.transforms.RegexRouter
debezium.transforms.AddPrefix.regex=(.*)
debezium.transforms.AddPrefix.replacement=data:$1
"#;

    #[test]
    fn translates_application_properties() {
        let c = Config::from_properties(PROPS, "a.properties").unwrap();
        let s = c.validate("a.properties").unwrap();
        let SourceSettings::Postgres(pg) = &s.source else {
            panic!("a Postgres source")
        };
        assert_eq!(pg.dbname, "inventory");
        assert_eq!(pg.password.as_ref().map(Secret::expose), Some("s3cret"));
        assert_eq!(s.profile.message_format, MessageFormat::Extended);
        assert!(!s.profile.key_schemas && !s.profile.value_schemas);
        assert_eq!(
            s.router.as_ref().unwrap().route("dbserver1.public.t"),
            "data:dbserver1.public.t"
        );
        assert!(s.tables.matches("public", "t_int"));
        assert!(!s.tables.matches("public", "other"));
        assert_eq!(s.skip, SkippedOps::default());
        assert!(!format!("{:?}", pg.password).contains("s3cret"));
    }

    /// TLS and the HTTP port from Debezium Server's keys; a missing CA file is a config error.
    #[test]
    fn tls_and_http_port_properties() {
        let dir = tempfile::tempdir().unwrap();
        let ca = dir.path().join("ca.pem");
        let props = format!(
            "{PROPS}\ndebezium.source.database.sslmode=verify-full\ndebezium.source.database.sslrootcert={}\nquarkus.http.port=9123\n",
            ca.display()
        );
        let c = Config::from_properties(&props, "a.properties").unwrap();
        assert_eq!(c.metrics_address.as_deref(), Some("0.0.0.0:9123"));
        let SourceConfig::Postgresql(pg) = &c.source else {
            panic!("a Postgres source")
        };
        assert_eq!(pg.sslmode, PgSslMode::VerifyFull);
        // the CA file does not exist yet: the error names the setting and the file
        let e = c.clone().validate("a.properties").unwrap_err().to_string();
        assert!(e.contains("sslrootcert") && e.contains("ca.pem"), "{e}");
        assert_eq!(
            Config::from_properties(PROPS, "a.properties")
                .unwrap()
                .metrics_address
                .as_deref(),
            Some("0.0.0.0:8080")
        );
        let bad = format!("{PROPS}\nquarkus.http.port=http\n");
        assert!(Config::from_properties(&bad, "a.properties")
            .unwrap_err()
            .to_string()
            .contains("quarkus.http.port"));
        let bad = format!("{PROPS}\ndebezium.source.database.sslmode=allow\n");
        assert!(Config::from_properties(&bad, "a.properties").is_err());
    }

    /// Java's escapes: `\\` is one backslash, `\uXXXX` a character, `\` ends a continued line;
    /// `\\,` keeps a comma inside one entry of a list.
    #[test]
    fn properties_follow_javas_escapes() {
        let props = format!(
            "{PROPS}\ndebezium.source.database.password=a\\\\b\\u00e9\ndebezium.source.column.exclude.list=public.t.x\\\\,y,\\\n   public.t.z\n"
        );
        let c = Config::from_properties(&props, "a.properties").unwrap();
        let SourceConfig::Postgresql(pg) = &c.source else {
            panic!("a Postgres source")
        };
        assert_eq!(pg.password.as_ref().map(Secret::expose), Some("a\\b\u{e9}"));
        assert_eq!(pg.column_exclude_list, ["public.t.x,y", "public.t.z"]);
    }

    /// `snapshot.select.statement.overrides` and the per-table statement; a listed table
    /// without a statement and a statement for an unlisted table are errors naming the key.
    #[test]
    fn snapshot_select_overrides_and_column_lists() {
        let props = format!(
            "{PROPS}\ndebezium.source.snapshot.select.statement.overrides=public.orders,public.t_a\n\
             debezium.source.snapshot.select.statement.overrides.public.orders=SELECT * FROM public.orders WHERE id > 5\n\
             debezium.source.snapshot.select.statement.overrides.public.t_a=SELECT * FROM public.t_a\n\
             debezium.source.column.exclude.list=public.orders.secret\n"
        );
        let c = Config::from_properties(&props, "a.properties").unwrap();
        let SourceConfig::Postgresql(pg) = &c.source else {
            panic!("a Postgres source")
        };
        assert_eq!(
            pg.snapshot_select_statement_overrides
                .get("public.orders")
                .map(String::as_str),
            Some("SELECT * FROM public.orders WHERE id > 5")
        );
        assert_eq!(pg.snapshot_select_statement_overrides.len(), 2);
        let s = c.clone().validate("a.properties").unwrap();
        assert!(!s.tables.column_shown("public", "orders", "secret"));
        assert!(s.tables.column_shown("public", "orders", "secrets"));
        let missing = props.replace(
            "debezium.source.snapshot.select.statement.overrides.public.t_a=SELECT * FROM public.t_a\n",
            "",
        );
        let e = Config::from_properties(&missing, "a.properties")
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("snapshot.select.statement.overrides.public.t_a") && e.contains("no SELECT"),
            "{e}"
        );
        let unlisted = props.replace("=public.orders,public.t_a\n", "=public.orders\n");
        let e = Config::from_properties(&unlisted, "a.properties")
            .unwrap_err()
            .to_string();
        assert!(e.contains("public.t_a") && e.contains("not listed"), "{e}");
    }

    #[test]
    fn unsupported_behavioural_key_is_an_error() {
        let bad = format!("{PROPS}\ndebezium.source.column.mask.with.12.chars=public.orders.x\n");
        let e = Config::from_properties(&bad, "a.properties").unwrap_err();
        assert!(e.to_string().contains("column.mask.with.12.chars"), "{e}");
        let bad = PROPS.replace("pgoutput", "decoderbufs");
        assert!(Config::from_properties(&bad, "a.properties")
            .unwrap_err()
            .to_string()
            .contains("pgoutput"));
    }

    /// Debezium Server's SQL Server properties translate, and each setting this build cannot
    /// honour is an error naming the key and the fix.
    #[test]
    fn sqlserver_properties_and_their_limits() {
        let props = "debezium.sink.type=redis\n\
            debezium.sink.redis.address=127.0.0.1:6379\n\
            debezium.source.connector.class=io.debezium.connector.sqlserver.SqlServerConnector\n\
            debezium.source.database.hostname=mssql\n\
            debezium.source.database.port=1433\n\
            debezium.source.database.user=sa\n\
            debezium.source.database.password=pw\n\
            debezium.source.database.names=inventory\n\
            debezium.source.database.encrypt=false\n\
            debezium.source.snapshot.isolation.mode=snapshot\n\
            debezium.source.max.iteration.transactions=100\n\
            debezium.source.topic.prefix=server1\n";
        let s = Config::from_properties(props, "a.properties")
            .unwrap()
            .validate("a.properties")
            .unwrap();
        let SourceSettings::SqlServer(c) = &s.source else {
            panic!("not sqlserver: {:?}", s.source)
        };
        assert_eq!(c.database_names, vec!["inventory".to_string()]);
        assert_eq!(c.max_iteration_transactions, 100);
        assert!(!c.encrypt);
        assert_eq!(s.topic_prefix(), "server1");
        let err = |p: &str| {
            Config::from_properties(p, "a.properties")
                .and_then(|c| c.validate("a.properties"))
                .unwrap_err()
                .to_string()
        };
        // SQL Server drivers encrypt by default, and so does this source
        let on = Config::from_properties(
            &props.replace("debezium.source.database.encrypt=false\n", ""),
            "a.properties",
        )
        .unwrap()
        .validate("a.properties")
        .unwrap();
        let SourceSettings::SqlServer(c) = &on.source else {
            panic!("not sqlserver")
        };
        assert!(c.encrypt && !c.trust_server_certificate && c.server_certificate.is_none());
        let e = err(&format!(
            "{props}debezium.source.database.serverCertificate=/nonexistent/ca.pem\n"
        ));
        assert!(e.contains("no such file"), "{e}");
        let e = err(&format!(
            "{props}debezium.source.database.serverCertificate=/etc/hostname\n"
        ));
        assert!(e.contains(".pem, .crt or .der"), "{e}");
        // every isolation mode Debezium has; repeatable_read when unset, as in Debezium
        for (name, mode) in [
            ("snapshot", IsolationMode::Snapshot),
            ("repeatable_read", IsolationMode::RepeatableRead),
            ("read_committed", IsolationMode::ReadCommitted),
            ("read_uncommitted", IsolationMode::ReadUncommitted),
            ("exclusive", IsolationMode::Exclusive),
            ("", IsolationMode::RepeatableRead),
        ] {
            let p = if name.is_empty() {
                props.replace("debezium.source.snapshot.isolation.mode=snapshot\n", "")
            } else {
                props.replace("isolation.mode=snapshot", &format!("isolation.mode={name}"))
            };
            let s = Config::from_properties(&p, "a.properties")
                .unwrap()
                .validate("a.properties")
                .unwrap();
            let SourceSettings::SqlServer(c) = &s.source else {
                panic!("not sqlserver")
            };
            assert_eq!(c.snapshot_isolation_mode, mode, "{name}");
        }
        let r = Config::from_properties(
            &format!("{props}debezium.source.snapshot.mode=recovery\n"),
            "a.properties",
        )
        .unwrap()
        .validate("a.properties")
        .unwrap();
        let SourceSettings::SqlServer(c) = &r.source else {
            panic!("not sqlserver")
        };
        assert_eq!(c.snapshot_mode, SnapshotMode::Recovery);
        let y = "source:\n  type: postgresql\n  hostname: h\n  user: u\n  dbname: d\n  topic_prefix: p\n  snapshot_mode: recovery\nsink:\n  address: 127.0.0.1:6379\n";
        let e = Config::from_yaml(y, "c.yaml")
            .unwrap()
            .validate("c.yaml")
            .unwrap_err()
            .to_string();
        assert!(e.contains("recovery"), "{e}");
        let e = err(&props.replace("isolation.mode=snapshot", "isolation.mode=serializable"));
        assert!(
            e.contains("snapshot_isolation_mode") || e.contains("serializable"),
            "{e}"
        );
        let e = err(&props.replace("names=inventory", "names=a,b,A"));
        assert!(e.contains("named twice"), "{e}");
        let e = err(&format!(
            "{props}debezium.source.column.exclude.list=dbo.t.c\ndebezium.source.column.include.list=dbo.t.d\n"
        ));
        assert!(e.contains("cannot both be set"), "{e}");
        let e = err(&format!(
            "{props}debezium.source.column.exclude.list=dbo.t.(\n"
        ));
        assert!(e.contains("column_exclude_list"), "{e}");
        let s = Config::from_properties(
            &format!("{props}debezium.source.column.exclude.list=dbo.t.secret,dbo\\.u\\..*\n"),
            "a.properties",
        )
        .unwrap()
        .validate("a.properties")
        .unwrap();
        assert!(!s.tables.column_shown("dbo", "t", "secret"));
        assert!(s.tables.column_shown("dbo", "t", "secrets"), "anchored");
        assert!(s.tables.column_shown("dbo", "t", "name"));
        assert!(!s.tables.column_shown("dbo", "u", "anything"));
        let s = Config::from_properties(
            &format!("{props}debezium.source.column.include.list=dbo.t.(id|name)\n"),
            "a.properties",
        )
        .unwrap()
        .validate("a.properties")
        .unwrap();
        assert!(s.tables.column_shown("dbo", "t", "name"));
        assert!(!s.tables.column_shown("dbo", "t", "secret"));
    }

    #[test]
    fn yaml_errors_name_the_field() {
        let y = "source:\n  type: postgresql\n  hostname: h\n  user: u\n  dbname: d\n  topic_prefix: p\n  slot_nme: x\nsink:\n  address: 127.0.0.1:6379\n";
        let e = Config::from_yaml(y, "c.yaml").unwrap_err().to_string();
        assert!(e.contains("slot_nme"), "{e}");
        let y = "source:\n  type: postgresql\n  hostname: h\n  user: u\n  dbname: d\n  topic_prefix: p\n  snapshot_mode: sometimes\nsink:\n  address: 127.0.0.1:6379\n";
        let e = Config::from_yaml(y, "c.yaml").unwrap_err().to_string();
        assert!(
            e.contains("snapshot_mode") || e.contains("sometimes"),
            "{e}"
        );
        let y = "source:\n  type: postgresql\n  hostname: h\n  user: u\n  dbname: d\n  topic_prefix: p\nsink:\n  address: nowhere\n";
        let e = Config::from_yaml(y, "c.yaml")
            .unwrap()
            .validate("c.yaml")
            .unwrap_err()
            .to_string();
        assert!(e.contains("sink.address"), "{e}");
    }

    #[test]
    fn secrets_from_file_and_missing_env() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("pw");
        std::fs::write(&f, "fromfile\n").unwrap();
        // a config's password through the shared resolver (ops::secret)
        let yaml = |pw: String| {
            format!("source:\n  type: postgresql\n  hostname: h\n  user: u\n  password: \"{pw}\"\n  dbname: d\n  topic_prefix: p\nsink:\n  address: 127.0.0.1:6379\n")
        };
        let c = Config::from_yaml(&yaml(format!("${{file:{}}}", f.display())), "c.yaml").unwrap();
        let SourceConfig::Postgresql(pg) = &c.source else {
            panic!("a Postgres source")
        };
        assert_eq!(pg.password.as_ref().map(Secret::expose), Some("fromfile"));
        let e = Config::from_yaml(&yaml("${env:REDCDC_SURELY_UNSET_VAR}".into()), "c.yaml")
            .unwrap_err()
            .to_string();
        assert!(e.contains("REDCDC_SURELY_UNSET_VAR"), "{e}");
    }

    /// In `application.properties` any value that is a whole `${...}` reference is resolved, as
    /// Debezium Server (Quarkus) resolves it; an unset one without a default names the key.
    #[test]
    fn property_references_are_resolved() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("user");
        std::fs::write(&f, "from-file\n").unwrap();
        let text = format!(
            "{PROPS}\ndebezium.source.database.user=${{file:{}}}\ndebezium.source.database.hostname=${{env:REDCDC_SURELY_UNSET_HOST:db.internal}}\n",
            f.display()
        );
        let c = Config::from_properties(&text, "a.properties").unwrap();
        let SourceConfig::Postgresql(pg) = &c.source else {
            panic!("a Postgres source")
        };
        assert_eq!(
            (pg.user.as_str(), pg.hostname.as_str()),
            ("from-file", "db.internal")
        );
        let bad = format!("{PROPS}\ndebezium.source.database.user=${{REDCDC_SURELY_UNSET_USER}}\n");
        let e = Config::from_properties(&bad, "a.properties")
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("debezium.source.database.user") && e.contains("REDCDC_SURELY_UNSET_USER"),
            "{e}"
        );
    }
}

#[cfg(test)]
mod readme_tests {
    use super::*;

    /// Every YAML example in README.md must stay a valid configuration.
    #[test]
    fn readme_yaml_examples_parse_and_validate() {
        let readme = include_str!("../../README.md");
        let mut seen = 0;
        for block in readme.split("```yaml\n").skip(1) {
            let yaml = block[..block.find("```").unwrap()]
                .replace("${env:PGPASSWORD}", "pw")
                .replace("${env:MYSQL_PASSWORD}", "pw")
                .replace("${env:MSSQL_PASSWORD}", "pw")
                .replace("${env:REDIS_PASSWORD}", "pw");
            let cfg = Config::from_yaml(&yaml, "README.md").expect("README yaml parses");
            let s = cfg.validate("README.md").expect("README yaml validates");
            assert_eq!(s.topic_prefix(), "dbserver1");
            seen += 1;
        }
        assert_eq!(seen, 3, "the Postgres, MySQL and SQL Server examples");
    }

    /// Every collector config of the compose demo (`compose/config/collector-*.yaml`) parses and
    /// validates, so the demo cannot rot.
    #[test]
    fn compose_demo_configs_validate() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../compose/config");
        let mut seen = Vec::new();
        for entry in std::fs::read_dir(&dir).expect("compose/config") {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            if !name.starts_with("collector-") {
                continue;
            }
            let cfg = Config::load(&path).unwrap_or_else(|e| panic!("{name}: {e}"));
            let s = cfg
                .validate(&name)
                .unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(s.sink.address, "redis:6379", "{name}");
            seen.push(name);
        }
        seen.sort();
        assert_eq!(
            seen,
            [
                "collector-mysql.yaml",
                "collector-postgres.yaml",
                "collector-sqlserver.yaml"
            ]
        );
    }
}
