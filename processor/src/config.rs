//! `config.yaml` in Redis Data Integration's current layout: `sources`, `targets`, `processors`,
//! `secret-providers` and `metadata`.
//!
//! Layout, defaults and limits follow RDI's configuration reference
//! (redis/docs `content/integrate/redis-data-integration/reference/config-yaml-reference.md`
//! and `data-pipelines/pipeline-config.md`).
//!
//! - `sources` describe the collector. The processor needs almost nothing from them, so they are
//!   parsed (keys checked, free-form `advanced` maps kept as JSON) but their `${...}` references
//!   are *not* resolved.
//! - `targets.<name>.connection` is the Redis connection. String values may be secret references
//!   (`${NAME}` or `${env:NAME}` read the environment, `${env:NAME:default}` has a fallback,
//!   `${file:/path}` reads a file); passwords are held in a [`Secret`].
//! - `processors` holds RDI's classic-processor settings with RDI's defaults, plus redcdc's own
//!   `stream_pattern` and `consumer_group`. Settings we do not implement are rejected by name
//!   unless they cannot change what is written (see [`ProcessorSettings`]).
//!
//! Problems are collected as [`ConfigIssue`]s (file, job, dotted field path, message); loading
//! reports all of them rather than the first.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde_yaml_ng::{Mapping, Value};

// ---------------------------------------------------------------------------------------------
// Issues
// ---------------------------------------------------------------------------------------------

/// One configuration problem, located by file, job and dotted field path.
///
/// Displays as `jobs/orders.yaml: job 'orders': output[0].with.data_type: unknown data type
/// 'hashh' (expected hash, json, set, sorted_set, stream, string)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigIssue {
    pub file: PathBuf,
    /// The job name (job files only).
    pub job: Option<String>,
    /// Dotted path of the offending key, e.g. `output[0].with.data_type`; empty for the whole file.
    pub field: String,
    pub message: String,
}

impl fmt::Display for ConfigIssue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: ", self.file.display())?;
        if let Some(job) = &self.job {
            write!(f, "job '{job}': ")?;
        }
        if !self.field.is_empty() {
            write!(f, "{}: ", self.field)?;
        }
        f.write_str(&self.message)
    }
}

impl std::error::Error for ConfigIssue {}

/// Joins issues one per line (for a startup error message).
pub fn format_issues(issues: &[ConfigIssue]) -> String {
    issues
        .iter()
        .map(|i| i.to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Issue collector for one file (shared with `job.rs`).
pub(crate) struct Issues {
    pub(crate) file: PathBuf,
    pub(crate) job: Option<String>,
    pub(crate) list: Vec<ConfigIssue>,
}

impl Issues {
    pub(crate) fn new(file: &Path, job: Option<String>) -> Self {
        Issues {
            file: file.to_path_buf(),
            job,
            list: Vec::new(),
        }
    }

    pub(crate) fn push(&mut self, field: impl Into<String>, message: impl Into<String>) {
        self.list.push(ConfigIssue {
            file: self.file.clone(),
            job: self.job.clone(),
            field: field.into(),
            message: message.into(),
        });
    }
}

// ---------------------------------------------------------------------------------------------
// A small YAML walker: typed getters that record issues with dotted paths.
// ---------------------------------------------------------------------------------------------

pub(crate) fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Sequence(_) => "a list",
        Value::Mapping(_) => "a mapping",
        Value::Tagged(_) => "a tagged value",
    }
}

pub(crate) fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

/// A mapping being read, with its dotted path.
#[derive(Clone)]
pub(crate) struct Obj<'v> {
    map: &'v Mapping,
    pub(crate) path: String,
}

impl<'v> Obj<'v> {
    /// `v` must be a mapping; `null` counts as an empty mapping when `null_ok`.
    pub(crate) fn new(v: &'v Value, path: &str, is: &mut Issues) -> Option<Obj<'v>> {
        static EMPTY: std::sync::OnceLock<Mapping> = std::sync::OnceLock::new();
        match v {
            Value::Mapping(m) => Some(Obj {
                map: m,
                path: path.to_string(),
            }),
            Value::Null => Some(Obj {
                map: EMPTY.get_or_init(Mapping::new),
                path: path.to_string(),
            }),
            other => {
                is.push(path, format!("expected a mapping, found {}", kind(other)));
                None
            }
        }
    }

    /// The value of `key`, `None` when absent or `null`.
    pub(crate) fn get(&self, key: &str) -> Option<&'v Value> {
        match self.map.get(key) {
            None | Some(Value::Null) => None,
            Some(v) => Some(v),
        }
    }

    pub(crate) fn has(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    pub(crate) fn field(&self, key: &str) -> String {
        join(&self.path, key)
    }

    /// Entries in file order (non-string keys are reported and skipped).
    pub(crate) fn entries(&self, is: &mut Issues) -> Vec<(String, &'v Value)> {
        let mut out = Vec::new();
        for (k, v) in self.map {
            match k {
                Value::String(s) => out.push((s.clone(), v)),
                Value::Number(n) => out.push((n.to_string(), v)),
                other => is.push(
                    self.path.clone(),
                    format!("keys must be strings, found {}", kind(other)),
                ),
            }
        }
        out
    }

    /// Reports every key not in `allowed`.
    pub(crate) fn deny_unknown(&self, allowed: &[&str], is: &mut Issues) {
        for (k, _) in self.map {
            let name = match k {
                Value::String(s) => s.clone(),
                other => {
                    is.push(
                        self.path.clone(),
                        format!("keys must be strings, found {}", kind(other)),
                    );
                    continue;
                }
            };
            if !allowed.contains(&name.as_str()) {
                is.push(
                    join(&self.path, &name),
                    format!(
                        "unknown key `{name}` (expected one of: {})",
                        allowed.join(", ")
                    ),
                );
            }
        }
    }

    pub(crate) fn string(&self, key: &str, is: &mut Issues) -> Option<String> {
        self.get(key)
            .and_then(|v| string_value(v, &self.field(key), is))
    }

    pub(crate) fn required_string(&self, key: &str, is: &mut Issues) -> Option<String> {
        match self.get(key) {
            None => {
                is.push(self.field(key), format!("missing required key `{key}`"));
                None
            }
            Some(v) => {
                let s = string_value(v, &self.field(key), is)?;
                if s.trim().is_empty() {
                    is.push(self.field(key), "must not be empty");
                    None
                } else {
                    Some(s)
                }
            }
        }
    }

    pub(crate) fn bool(&self, key: &str, default: bool, is: &mut Issues) -> bool {
        match self.get(key) {
            None => default,
            Some(v) => bool_value(v, &self.field(key), is).unwrap_or(default),
        }
    }

    /// An integer in `min..=max`; a `${...}` reference is resolved first (RDI allows them for
    /// most numeric processor settings).
    pub(crate) fn int(&self, key: &str, default: u64, min: u64, max: u64, is: &mut Issues) -> u64 {
        let Some(v) = self.get(key) else {
            return default;
        };
        let path = self.field(key);
        let n = match v {
            Value::Number(n) => match n.as_u64() {
                Some(n) => Some(n),
                None => {
                    is.push(&path, format!("expected a non-negative integer, found {n}"));
                    None
                }
            },
            Value::String(s) => match resolve_reference(s) {
                Ok(r) => match r.trim().parse::<u64>() {
                    Ok(n) => Some(n),
                    Err(_) => {
                        is.push(&path, format!("expected an integer, found '{r}'"));
                        None
                    }
                },
                Err(e) => {
                    is.push(&path, e);
                    None
                }
            },
            other => {
                is.push(&path, format!("expected an integer, found {}", kind(other)));
                None
            }
        };
        match n {
            Some(n) if n < min || n > max => {
                if max == u64::MAX {
                    is.push(&path, format!("must be at least {min}, found {n}"));
                } else {
                    is.push(&path, format!("must be between {min} and {max}, found {n}"));
                }
                default
            }
            Some(n) => n,
            None => default,
        }
    }

    /// One of `choices` (`(spelling, value)`); `noun` names the setting in the message.
    pub(crate) fn choice<T: Copy>(
        &self,
        key: &str,
        noun: &str,
        choices: &[(&str, T)],
        is: &mut Issues,
    ) -> Option<T> {
        let v = self.get(key)?;
        choice_value(v, &self.field(key), noun, choices, is)
    }
}

pub(crate) fn string_value(v: &Value, path: &str, is: &mut Issues) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        other => {
            is.push(path, format!("expected a string, found {}", kind(other)));
            None
        }
    }
}

pub(crate) fn bool_value(v: &Value, path: &str, is: &mut Issues) -> Option<bool> {
    match v {
        Value::Bool(b) => Some(*b),
        Value::String(s) => match resolve_reference(s).as_deref().map(str::trim) {
            Ok("true") => Some(true),
            Ok("false") => Some(false),
            Ok(other) => {
                is.push(path, format!("expected true or false, found '{other}'"));
                None
            }
            Err(e) => {
                is.push(path, e.clone());
                None
            }
        },
        other => {
            is.push(
                path,
                format!("expected true or false, found {}", kind(other)),
            );
            None
        }
    }
}

pub(crate) fn choice_value<T: Copy>(
    v: &Value,
    path: &str,
    noun: &str,
    choices: &[(&str, T)],
    is: &mut Issues,
) -> Option<T> {
    let s = string_value(v, path, is)?;
    match choices.iter().find(|(name, _)| *name == s) {
        Some((_, t)) => Some(*t),
        None => {
            let names: Vec<&str> = choices.iter().map(|(n, _)| *n).collect();
            is.push(
                path,
                format!("unknown {noun} '{s}' (expected {})", names.join(", ")),
            );
            None
        }
    }
}

/// A list; `null`/absent is empty.
pub(crate) fn seq<'v>(v: Option<&'v Value>, path: &str, is: &mut Issues) -> &'v [Value] {
    match v {
        None | Some(Value::Null) => &[],
        Some(Value::Sequence(s)) => s.as_slice(),
        Some(other) => {
            is.push(path, format!("expected a list, found {}", kind(other)));
            &[]
        }
    }
}

pub(crate) fn string_list(v: Option<&Value>, path: &str, is: &mut Issues) -> Vec<String> {
    seq(v, path, is)
        .iter()
        .enumerate()
        .filter_map(|(i, item)| string_value(item, &format!("{path}[{i}]"), is))
        .collect()
}

/// Parses YAML text into a value (merge keys applied); a syntax error becomes an issue.
pub(crate) fn parse_yaml(text: &str, is: &mut Issues) -> Option<Value> {
    match serde_yaml_ng::from_str::<Value>(text) {
        Ok(mut v) => {
            if let Err(e) = v.apply_merge() {
                is.push("", format!("invalid YAML: {e}"));
                return None;
            }
            Some(v)
        }
        Err(e) => {
            is.push("", format!("invalid YAML: {e}"));
            None
        }
    }
}

fn to_json(v: &Value) -> serde_json::Value {
    serde_yaml_ng::from_value::<serde_json::Value>(v.clone()).unwrap_or(serde_json::Value::Null)
}

// ---------------------------------------------------------------------------------------------
// Secrets
// ---------------------------------------------------------------------------------------------

// the one secret type and resolver every binary uses
pub use ops::secret::{resolve as resolve_reference, Secret};

/// A TLS file setting (`key`, `cert`, `cacert`): a path, or PEM text when the (resolved) value
/// holds a `-----BEGIN` block (RDI secrets carry the PEM content itself).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PemSource {
    Path(PathBuf),
    Inline(Secret),
}

impl PemSource {
    fn from_resolved(s: String) -> Self {
        if s.contains("-----BEGIN") {
            PemSource::Inline(Secret::new(s))
        } else {
            PemSource::Path(PathBuf::from(s))
        }
    }

    /// The PEM bytes (reads the file for a path).
    pub fn load(&self) -> std::io::Result<Vec<u8>> {
        match self {
            PemSource::Path(p) => std::fs::read(p),
            PemSource::Inline(s) => Ok(s.expose().as_bytes().to_vec()),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The model
// ---------------------------------------------------------------------------------------------

/// The whole `config.yaml`.
#[derive(Debug, Clone, PartialEq)]
pub struct ProcessorConfig {
    pub sources: BTreeMap<String, SourceConfig>,
    pub targets: BTreeMap<String, TargetConfig>,
    pub processors: ProcessorSettings,
    pub secret_providers: BTreeMap<String, SecretProvider>,
    pub metadata: Option<Metadata>,
}

impl ProcessorConfig {
    /// The default target (`targets.target`), which [`load_config`] requires.
    pub fn default_target(&self) -> &TargetConfig {
        &self.targets[DEFAULT_CONNECTION]
    }
}

/// Name of the target used when a job output names no `connection`.
pub const DEFAULT_CONNECTION: &str = "target";

/// `sources.<name>.type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceType {
    /// Debezium collector (RDI default).
    Cdc,
    /// Data written to the streams by something else; no collector settings.
    External,
}

/// `sources.<name>`: the collector's settings. Parsed for validation only; `${...}` references in
/// here are left unresolved (the processor does not connect to the source).
#[derive(Debug, Clone, PartialEq)]
pub struct SourceConfig {
    pub name: Option<String>,
    pub kind: SourceType,
    pub active: bool,
    /// `connection.type` (`postgresql`, `mysql`, ...).
    pub db_type: Option<String>,
    /// `connection` as written (unresolved).
    pub connection: serde_json::Value,
    pub logging_level: Option<String>,
    pub tables: BTreeMap<String, SourceTable>,
    pub schemas: Vec<String>,
    pub databases: Vec<String>,
    /// `advanced` as written (`sink`, `source`, `quarkus`, ...).
    pub advanced: serde_json::Value,
}

/// `sources.<name>.tables.<schema.table>`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SourceTable {
    pub columns: Vec<String>,
    pub exclude_columns: Vec<String>,
    pub keys: Vec<String>,
    pub snapshot_sql: Option<String>,
}

/// `targets.<name>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TargetConfig {
    pub name: Option<String>,
    pub connection: RedisConnection,
}

/// `targets.<name>.connection` (`type: redis`), references resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RedisConnection {
    pub host: String,
    pub port: u16,
    pub user: Option<String>,
    pub password: Option<Secret>,
    /// Client private key (mTLS).
    pub key: Option<PemSource>,
    pub key_password: Option<Secret>,
    /// Client certificate (mTLS).
    pub cert: Option<PemSource>,
    /// CA certificate used to verify the server.
    pub cacert: Option<PemSource>,
}

impl RedisConnection {
    /// TLS is used when a CA or client certificate is configured.
    pub fn tls(&self) -> bool {
        self.cacert.is_some() || self.cert.is_some()
    }
}

/// `processors.error_handling`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorHandling {
    /// Rejected records go to `dlq:<stream>` (capped at `dlq_max_messages`).
    Dlq,
    /// Rejected records are dropped.
    Ignore,
}

/// `processors.target_data_type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TargetDataType {
    Hash,
    Json,
}

/// `processors.json_update_strategy` and a job output's `on_update`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UpdateStrategy {
    Replace,
    Merge,
}

/// `processors`: RDI's classic-processor settings with RDI's defaults, plus redcdc's own.
///
/// Each works as RDI documents it:
/// - `read_batch_size`, `read_batch_timeout_ms`, `write_batch_size`, `error_handling`,
///   `dlq_max_messages`, `target_data_type`, `json_update_strategy`, `use_native_json_merge`
///   (false: a merge keeps null fields as nulls), `idle_sleep_time_ms` (the pause while owning
///   no stream), `idle_streams_check_interval_ms` / `busy_streams_check_interval_ms` (stream
///   discovery while idle / while entries keep coming), `retry_max_attempts` (target write
///   attempts before the processor stops, the entries pending), `retry_initial_delay_ms`,
///   `retry_max_delay_ms`, `enable_async_processing` (false: one batch at a time),
///   `initial_sync_processes` (the threads planning a large batch while the initial sync runs,
///   at most the cores less one).
/// - `batch_queue_size`, `ack_queue_size`: maxima; redcdc keeps one batch planned ahead and one
///   acknowledging, within any allowed value.
/// - Inert as in RDI: `duration`, `on_failed_retry_interval`, `dedup_strategy` (deprecated,
///   documented as without effect), `dedup_max_size` (only with `dedup`), `wait_timeout` and
///   `retry_on_replica_failure` (only with `wait_enabled`), `logging` and `advanced` (documented
///   as Flink-only).
///
/// Refused by name: `type: flink`, `dedup: true`, `wait_enabled: true`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProcessorSettings {
    pub read_batch_size: usize,
    pub read_batch_timeout_ms: u64,
    pub write_batch_size: usize,
    pub enable_async_processing: bool,
    pub batch_queue_size: usize,
    pub ack_queue_size: usize,
    /// Always false (true is rejected).
    pub dedup: bool,
    pub dedup_max_size: usize,
    pub error_handling: ErrorHandling,
    pub dlq_max_messages: u64,
    pub target_data_type: TargetDataType,
    pub json_update_strategy: UpdateStrategy,
    /// `JSON.MERGE` (a null removes the field) rather than RDI's older Lua merge (null kept).
    pub use_native_json_merge: bool,
    pub initial_sync_processes: u32,
    pub idle_sleep_time_ms: u64,
    pub idle_streams_check_interval_ms: u64,
    pub busy_streams_check_interval_ms: u64,
    pub retry_max_attempts: u32,
    pub retry_initial_delay_ms: u64,
    pub retry_max_delay_ms: u64,
    /// Always false (true is rejected).
    pub wait_enabled: bool,
    pub wait_timeout: u64,
    pub retry_on_replica_failure: bool,
    /// `logging.level` (documented as Flink-only; informational).
    pub log_level: Option<String>,
    /// redcdc: glob used to discover change streams (RDI's Flink `stream.name.pattern`).
    pub stream_pattern: String,
    /// redcdc: consumer group used on the change streams.
    pub consumer_group: String,
}

impl Default for ProcessorSettings {
    fn default() -> Self {
        ProcessorSettings {
            read_batch_size: 2000,
            read_batch_timeout_ms: 100,
            write_batch_size: 200,
            enable_async_processing: true,
            batch_queue_size: 3,
            ack_queue_size: 10,
            dedup: false,
            dedup_max_size: 1024,
            error_handling: ErrorHandling::Dlq,
            dlq_max_messages: 1000,
            target_data_type: TargetDataType::Hash,
            json_update_strategy: UpdateStrategy::Replace,
            use_native_json_merge: true,
            initial_sync_processes: 4,
            idle_sleep_time_ms: 200,
            idle_streams_check_interval_ms: 1000,
            busy_streams_check_interval_ms: 5000,
            retry_max_attempts: 5,
            retry_initial_delay_ms: 1000,
            retry_max_delay_ms: 10000,
            wait_enabled: false,
            wait_timeout: 1000,
            retry_on_replica_failure: true,
            log_level: None,
            stream_pattern: "data:*".to_string(),
            consumer_group: "redcdc-processor".to_string(),
        }
    }
}

impl ProcessorSettings {
    pub fn read_batch_timeout(&self) -> Duration {
        Duration::from_millis(self.read_batch_timeout_ms)
    }
    pub fn idle_sleep_time(&self) -> Duration {
        Duration::from_millis(self.idle_sleep_time_ms)
    }
    pub fn idle_streams_check_interval(&self) -> Duration {
        Duration::from_millis(self.idle_streams_check_interval_ms)
    }
    pub fn busy_streams_check_interval(&self) -> Duration {
        Duration::from_millis(self.busy_streams_check_interval_ms)
    }
    pub fn retry_initial_delay(&self) -> Duration {
        Duration::from_millis(self.retry_initial_delay_ms)
    }
    pub fn retry_max_delay(&self) -> Duration {
        Duration::from_millis(self.retry_max_delay_ms)
    }
}

/// `secret-providers.<name>`: accepted, but redcdc resolves `${...}` from the environment and
/// files only.
#[derive(Debug, Clone, PartialEq)]
pub struct SecretProvider {
    /// `aws` or `vault`.
    pub kind: String,
    pub parameters: serde_json::Value,
}

/// `metadata`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Metadata {
    pub name: Option<String>,
    pub description: Option<String>,
    pub revision: Option<u64>,
    pub tags: Vec<String>,
}

// ---------------------------------------------------------------------------------------------
// Loading
// ---------------------------------------------------------------------------------------------

/// Reads and validates `config.yaml`, reporting every problem found.
pub fn load_config(path: &Path) -> Result<ProcessorConfig, Vec<ConfigIssue>> {
    match std::fs::read_to_string(path) {
        Ok(text) => parse_config(&text, path),
        Err(e) => Err(vec![ConfigIssue {
            file: path.to_path_buf(),
            job: None,
            field: String::new(),
            message: format!("cannot read: {e}"),
        }]),
    }
}

/// Parses and validates `config.yaml` text; `file` is used in issues only.
pub fn parse_config(text: &str, file: &Path) -> Result<ProcessorConfig, Vec<ConfigIssue>> {
    let mut is = Issues::new(file, None);
    let config = parse_yaml(text, &mut is).and_then(|v| parse_root(&v, &mut is));
    match config {
        Some(c) if is.list.is_empty() => Ok(c),
        _ => {
            if is.list.is_empty() {
                is.push("", "invalid configuration");
            }
            Err(is.list)
        }
    }
}

const ROOT_KEYS: &[&str] = &[
    "sources",
    "targets",
    "processors",
    "secret-providers",
    "metadata",
];

fn parse_root(v: &Value, is: &mut Issues) -> Option<ProcessorConfig> {
    if let Value::Mapping(m) = v {
        // Old RDI preview (RedisGears engine) layout: say so rather than "unknown key".
        for old in ["applier", "connections"] {
            if m.contains_key(old) {
                is.push(
                    old,
                    format!(
                        "`{old}` is the old RDI preview layout; use `targets` and `processors` \
                         (RDI >= 1.0 config.yaml)"
                    ),
                );
            }
        }
    }
    let root = Obj::new(v, "", is)?;
    let allowed: Vec<&str> = ROOT_KEYS.to_vec();
    let mut allowed_with_old = allowed.clone();
    allowed_with_old.extend(["applier", "connections"]);
    root.deny_unknown(&allowed_with_old, is);

    let mut sources = BTreeMap::new();
    if let Some(sv) = root.get("sources") {
        if let Some(o) = Obj::new(sv, "sources", is) {
            for (name, v) in o.entries(is) {
                if let Some(s) = parse_source(v, &o.field(&name), is) {
                    sources.insert(name, s);
                }
            }
        }
    }

    let mut targets = BTreeMap::new();
    match root.get("targets") {
        None => is.push(
            "targets",
            "missing required section `targets` (the default target must be named `target`)",
        ),
        Some(tv) => {
            if let Some(o) = Obj::new(tv, "targets", is) {
                for (name, v) in o.entries(is) {
                    if let Some(t) = parse_target(v, &o.field(&name), is) {
                        targets.insert(name, t);
                    }
                }
                if !o.has(DEFAULT_CONNECTION) {
                    is.push(
                        "targets",
                        "no target named `target` (RDI's default connection, used by jobs \
                         without `connection`)",
                    );
                }
            }
        }
    }

    let processors = match root.get("processors") {
        None => ProcessorSettings::default(),
        Some(pv) => parse_processors(pv, is),
    };

    let mut secret_providers = BTreeMap::new();
    if let Some(spv) = root.get("secret-providers") {
        if let Some(o) = Obj::new(spv, "secret-providers", is) {
            for (name, v) in o.entries(is) {
                let path = o.field(&name);
                let Some(p) = Obj::new(v, &path, is) else {
                    continue;
                };
                p.deny_unknown(&["type", "parameters"], is);
                let kind = p.choice(
                    "type",
                    "secret provider type",
                    &[("aws", "aws"), ("vault", "vault")],
                    is,
                );
                if !p.has("type") {
                    is.push(p.field("type"), "missing required key `type`");
                }
                if !p.has("parameters") {
                    is.push(p.field("parameters"), "missing required key `parameters`");
                }
                if let Some(kind) = kind {
                    tracing::warn!(
                        provider = %name,
                        "secret provider `{kind}` is not queried by redcdc; ${{...}} references \
                         are read from the environment or files"
                    );
                    secret_providers.insert(
                        name,
                        SecretProvider {
                            kind: kind.to_string(),
                            parameters: p.get("parameters").map(to_json).unwrap_or_default(),
                        },
                    );
                }
            }
        }
    }

    let metadata = root.get("metadata").and_then(|mv| {
        let o = Obj::new(mv, "metadata", is)?;
        o.deny_unknown(&["name", "description", "revision", "tags"], is);
        let name = o.string("name", is);
        if name.as_ref().is_some_and(|n| n.chars().count() > 100) {
            is.push(o.field("name"), "must be at most 100 characters");
        }
        let description = o.string("description", is);
        if description
            .as_ref()
            .is_some_and(|n| n.chars().count() > 500)
        {
            is.push(o.field("description"), "must be at most 500 characters");
        }
        let revision = o
            .has("revision")
            .then(|| o.int("revision", 0, 0, u64::MAX, is));
        let tags = string_list(o.get("tags"), &o.field("tags"), is);
        Some(Metadata {
            name,
            description,
            revision,
            tags,
        })
    });

    Some(ProcessorConfig {
        sources,
        targets,
        processors,
        secret_providers,
        metadata,
    })
}

const SOURCE_KEYS: &[&str] = &[
    "connection",
    "name",
    "type",
    "active",
    "logging",
    "tables",
    "schemas",
    "databases",
    "advanced",
];

const SOURCE_DB_TYPES: &[&str] = &[
    "mariadb",
    "mysql",
    "oracle",
    "postgresql",
    "sqlserver",
    "db2",
    "mongodb",
    "spanner",
    "snowflake",
];

const ADVANCED_SOURCE_KEYS: &[&str] = &[
    "sink",
    "source",
    "quarkus",
    "flink",
    "resources",
    "riotx",
    "java_options",
];

fn parse_source(v: &Value, path: &str, is: &mut Issues) -> Option<SourceConfig> {
    let o = Obj::new(v, path, is)?;
    o.deny_unknown(SOURCE_KEYS, is);
    let kind = match o.string("type", is).as_deref() {
        None | Some("cdc") => SourceType::Cdc,
        Some("external") => SourceType::External,
        Some(t @ ("flink" | "riotx")) => {
            is.push(
                o.field("type"),
                format!(
                    "collector type `{t}` is not supported by redcdc (supported: cdc, external)"
                ),
            );
            SourceType::Cdc
        }
        Some(other) => {
            is.push(
                o.field("type"),
                format!("unknown collector type '{other}' (expected cdc, external, flink, riotx)"),
            );
            SourceType::Cdc
        }
    };
    let name = o.string("name", is);
    if name.as_ref().is_some_and(|n| n.chars().count() > 100) {
        is.push(o.field("name"), "must be at most 100 characters");
    }
    let active = o.bool("active", true, is);

    let mut db_type = None;
    let connection = match o.get("connection") {
        None => {
            if kind == SourceType::Cdc {
                is.push(o.field("connection"), "missing required key `connection`");
            }
            serde_json::Value::Null
        }
        Some(cv) => {
            if let Some(c) = Obj::new(cv, &o.field("connection"), is) {
                match c.string("type", is) {
                    None => is.push(c.field("type"), "missing required key `type`"),
                    Some(t) if SOURCE_DB_TYPES.contains(&t.as_str()) => db_type = Some(t),
                    Some(t) => is.push(
                        c.field("type"),
                        format!(
                            "unknown database type '{t}' (expected {})",
                            SOURCE_DB_TYPES.join(", ")
                        ),
                    ),
                }
            }
            to_json(cv)
        }
    };

    let logging_level = o.get("logging").and_then(|lv| {
        let l = Obj::new(lv, &o.field("logging"), is)?;
        l.deny_unknown(&["level"], is);
        l.choice("level", "logging level", LOG_LEVELS, is)
            .map(str::to_string)
    });

    let mut tables = BTreeMap::new();
    if let Some(tv) = o.get("tables") {
        if let Some(t) = Obj::new(tv, &o.field("tables"), is) {
            for (name, v) in t.entries(is) {
                let tpath = t.field(&name);
                let Some(to) = Obj::new(v, &tpath, is) else {
                    continue;
                };
                to.deny_unknown(&["snapshot_sql", "columns", "exclude_columns", "keys"], is);
                tables.insert(
                    name,
                    SourceTable {
                        columns: string_list(to.get("columns"), &to.field("columns"), is),
                        exclude_columns: string_list(
                            to.get("exclude_columns"),
                            &to.field("exclude_columns"),
                            is,
                        ),
                        keys: string_list(to.get("keys"), &to.field("keys"), is),
                        snapshot_sql: to.string("snapshot_sql", is),
                    },
                );
            }
        }
    }
    let schemas = string_list(o.get("schemas"), &o.field("schemas"), is);
    let databases = string_list(o.get("databases"), &o.field("databases"), is);
    let advanced = match o.get("advanced") {
        None => serde_json::Value::Null,
        Some(av) => {
            if let Some(a) = Obj::new(av, &o.field("advanced"), is) {
                a.deny_unknown(ADVANCED_SOURCE_KEYS, is);
            }
            to_json(av)
        }
    };
    Some(SourceConfig {
        name,
        kind,
        active,
        db_type,
        connection,
        logging_level,
        tables,
        schemas,
        databases,
        advanced,
    })
}

const LOG_LEVELS: &[(&str, &str)] = &[
    ("trace", "trace"),
    ("debug", "debug"),
    ("info", "info"),
    ("warn", "warn"),
    ("error", "error"),
];

const CONNECTION_KEYS: &[&str] = &[
    "type",
    "host",
    "port",
    "user",
    "password",
    "key",
    "key_password",
    "cert",
    "cacert",
];

fn parse_target(v: &Value, path: &str, is: &mut Issues) -> Option<TargetConfig> {
    let o = Obj::new(v, path, is)?;
    o.deny_unknown(&["connection", "name"], is);
    let name = o.string("name", is);
    if name.as_ref().is_some_and(|n| n.chars().count() > 100) {
        is.push(o.field("name"), "must be at most 100 characters");
    }
    let Some(cv) = o.get("connection") else {
        is.push(o.field("connection"), "missing required key `connection`");
        return None;
    };
    let c = Obj::new(cv, &o.field("connection"), is)?;
    c.deny_unknown(CONNECTION_KEYS, is);
    match c.string("type", is).as_deref() {
        None => is.push(
            c.field("type"),
            "missing required key `type` (must be `redis`)",
        ),
        Some("redis") => {}
        Some(t) => is.push(
            c.field("type"),
            format!("unsupported target type '{t}' (expected redis)"),
        ),
    }
    // Every string value may be a secret reference.
    let resolved = |key: &str, is: &mut Issues| -> Option<String> {
        let raw = c.string(key, is)?;
        match resolve_reference(&raw) {
            Ok(s) => Some(s),
            Err(e) => {
                is.push(c.field(key), e);
                None
            }
        }
    };
    let host = match resolved("host", is) {
        Some(h) if !h.trim().is_empty() => Some(h),
        Some(_) => {
            is.push(c.field("host"), "must not be empty");
            None
        }
        None => {
            if !c.has("host") {
                is.push(c.field("host"), "missing required key `host`");
            }
            None
        }
    };
    let port = if c.has("port") {
        let p = c.int("port", 0, 1, 65535, is);
        (p != 0).then_some(p as u16)
    } else {
        is.push(c.field("port"), "missing required key `port`");
        None
    };
    // An empty user or password (e.g. `${env:PW:}` with PW unset) means none.
    let user = resolved("user", is).filter(|s| !s.is_empty());
    let password = resolved("password", is)
        .filter(|s| !s.is_empty())
        .map(Secret::new);
    let key = resolved("key", is).map(PemSource::from_resolved);
    let key_password = resolved("key_password", is)
        .filter(|s| !s.is_empty())
        .map(Secret::new);
    let cert = resolved("cert", is).map(PemSource::from_resolved);
    let cacert = resolved("cacert", is).map(PemSource::from_resolved);
    if c.has("key") && !c.has("cert") {
        is.push(
            c.field("cert"),
            "`key` requires `cert` (client certificate)",
        );
    }
    if c.has("cert") && !c.has("key") {
        is.push(c.field("key"), "`cert` requires `key` (client private key)");
    }
    if c.has("key_password") && !c.has("key") {
        is.push(c.field("key_password"), "`key_password` requires `key`");
    }
    Some(TargetConfig {
        name,
        connection: RedisConnection {
            host: host?,
            port: port?,
            user,
            password,
            key,
            key_password,
            cert,
            cacert,
        },
    })
}

const PROCESSOR_KEYS: &[&str] = &[
    "type",
    "read_batch_size",
    "read_batch_timeout_ms",
    "duration",
    "write_batch_size",
    "enable_async_processing",
    "batch_queue_size",
    "ack_queue_size",
    "dedup",
    "dedup_max_size",
    "dedup_strategy",
    "error_handling",
    "dlq_max_messages",
    "target_data_type",
    "json_update_strategy",
    "use_native_json_merge",
    "initial_sync_processes",
    "idle_sleep_time_ms",
    "idle_streams_check_interval_ms",
    "busy_streams_check_interval_ms",
    "retry_max_attempts",
    "retry_initial_delay_ms",
    "retry_max_delay_ms",
    "wait_enabled",
    "wait_timeout",
    "retry_on_replica_failure",
    "on_failed_retry_interval",
    "logging",
    "advanced",
    // redcdc's own:
    "stream_pattern",
    "consumer_group",
];

const MAX: u64 = u64::MAX;
const MAX_MS: u64 = 999_999;

fn parse_processors(v: &Value, is: &mut Issues) -> ProcessorSettings {
    let d = ProcessorSettings::default();
    let Some(o) = Obj::new(v, "processors", is) else {
        return d;
    };
    o.deny_unknown(PROCESSOR_KEYS, is);

    match o.string("type", is).as_deref() {
        None | Some("classic") => {}
        Some("flink") => is.push(
            o.field("type"),
            "processor type `flink` is not supported by redcdc (redcdc implements the classic \
             processor); remove `type` or set it to `classic`",
        ),
        Some(t) => is.push(
            o.field("type"),
            format!("unknown processor type '{t}' (expected classic, flink)"),
        ),
    }

    // Deprecated, documented as having no effect.
    o.int("duration", 100, 1, MAX, is);
    o.int("on_failed_retry_interval", 5, 1, MAX, is);
    o.choice(
        "dedup_strategy",
        "dedup strategy",
        &[("ignore", ()), ("reject", ())],
        is,
    );

    let dedup = o.bool("dedup", false, is);
    if dedup {
        is.push(
            o.field("dedup"),
            "`dedup: true` is not supported by redcdc yet; remove it or set it to false",
        );
    }
    let wait_enabled = o.bool("wait_enabled", false, is);
    if wait_enabled {
        is.push(
            o.field("wait_enabled"),
            "`wait_enabled: true` (WAIT for replica acknowledgement) is not supported by redcdc \
             yet; remove it or set it to false",
        );
    }

    let log_level = o.get("logging").and_then(|lv| {
        let l = Obj::new(lv, &o.field("logging"), is)?;
        l.deny_unknown(&["level"], is);
        l.choice("level", "logging level", LOG_LEVELS, is)
            .map(str::to_string)
    });
    if let Some(av) = o.get("advanced") {
        if let Some(a) = Obj::new(av, &o.field("advanced"), is) {
            a.deny_unknown(
                &["source", "target", "dlq", "processor", "flink", "resources"],
                is,
            );
        }
        tracing::warn!(
            "processors.advanced applies to RDI's Flink processor only and is ignored (as the \
             classic processor does)"
        );
    }

    let stream_pattern = o.string("stream_pattern", is).unwrap_or(d.stream_pattern);
    if stream_pattern.trim().is_empty() {
        is.push(o.field("stream_pattern"), "must not be empty");
    }
    let consumer_group = o.string("consumer_group", is).unwrap_or(d.consumer_group);
    if consumer_group.trim().is_empty() {
        is.push(o.field("consumer_group"), "must not be empty");
    }

    let settings = ProcessorSettings {
        read_batch_size: o.int("read_batch_size", 2000, 1, MAX, is) as usize,
        read_batch_timeout_ms: o.int("read_batch_timeout_ms", 100, 1, MAX, is),
        write_batch_size: o.int("write_batch_size", 200, 1, MAX, is) as usize,
        enable_async_processing: o.bool("enable_async_processing", true, is),
        batch_queue_size: o.int("batch_queue_size", 3, 1, MAX, is) as usize,
        ack_queue_size: o.int("ack_queue_size", 10, 1, MAX, is) as usize,
        dedup: false,
        dedup_max_size: o.int("dedup_max_size", 1024, 1, MAX, is) as usize,
        error_handling: o
            .choice(
                "error_handling",
                "error handling strategy",
                &[
                    ("dlq", ErrorHandling::Dlq),
                    ("ignore", ErrorHandling::Ignore),
                ],
                is,
            )
            .unwrap_or(d.error_handling),
        dlq_max_messages: o.int("dlq_max_messages", 1000, 1, MAX, is),
        target_data_type: o
            .choice(
                "target_data_type",
                "target data type",
                &[
                    ("hash", TargetDataType::Hash),
                    ("json", TargetDataType::Json),
                ],
                is,
            )
            .unwrap_or(d.target_data_type),
        json_update_strategy: o
            .choice(
                "json_update_strategy",
                "JSON update strategy",
                &[
                    ("replace", UpdateStrategy::Replace),
                    ("merge", UpdateStrategy::Merge),
                ],
                is,
            )
            .unwrap_or(d.json_update_strategy),
        use_native_json_merge: o.bool("use_native_json_merge", true, is),
        initial_sync_processes: o.int("initial_sync_processes", 4, 1, 32, is) as u32,
        idle_sleep_time_ms: o.int("idle_sleep_time_ms", 200, 1, MAX_MS, is),
        idle_streams_check_interval_ms: o.int(
            "idle_streams_check_interval_ms",
            1000,
            1,
            MAX_MS,
            is,
        ),
        busy_streams_check_interval_ms: o.int(
            "busy_streams_check_interval_ms",
            5000,
            1,
            MAX_MS,
            is,
        ),
        retry_max_attempts: o.int("retry_max_attempts", 5, 1, u32::MAX as u64, is) as u32,
        retry_initial_delay_ms: o.int("retry_initial_delay_ms", 1000, 1, MAX_MS, is),
        retry_max_delay_ms: o.int("retry_max_delay_ms", 10000, 1, MAX_MS, is),
        wait_enabled: false,
        wait_timeout: o.int("wait_timeout", 1000, 1, MAX, is),
        retry_on_replica_failure: o.bool("retry_on_replica_failure", true, is),
        log_level,
        stream_pattern,
        consumer_group,
    };
    if settings.retry_initial_delay_ms > settings.retry_max_delay_ms {
        is.push(
            o.field("retry_initial_delay_ms"),
            format!(
                "must not exceed retry_max_delay_ms ({})",
                settings.retry_max_delay_ms
            ),
        );
    }
    settings
}

// ---------------------------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------------------------

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<ProcessorConfig, Vec<ConfigIssue>> {
        parse_config(text, Path::new("config.yaml"))
    }

    fn errors(text: &str) -> Vec<String> {
        parse(text)
            .expect_err("expected issues")
            .iter()
            .map(|i| i.to_string())
            .collect()
    }

    const MINIMAL: &str = "targets:\n  target:\n    connection:\n      type: redis\n      host: localhost\n      port: 6379\n";

    #[test]
    fn minimal_config_gets_rdi_defaults() {
        let c = parse(MINIMAL).unwrap();
        assert_eq!(c.processors, ProcessorSettings::default());
        let p = &c.processors;
        assert_eq!(p.read_batch_size, 2000);
        assert_eq!(p.read_batch_timeout_ms, 100);
        assert_eq!(p.write_batch_size, 200);
        assert_eq!(p.error_handling, ErrorHandling::Dlq);
        assert_eq!(p.dlq_max_messages, 1000);
        assert_eq!(p.target_data_type, TargetDataType::Hash);
        assert_eq!(p.json_update_strategy, UpdateStrategy::Replace);
        assert!(p.use_native_json_merge);
        assert_eq!(p.retry_max_attempts, 5);
        assert_eq!(p.retry_initial_delay_ms, 1000);
        assert_eq!(p.retry_max_delay_ms, 10000);
        assert_eq!(p.idle_sleep_time_ms, 200);
        assert_eq!(p.idle_streams_check_interval_ms, 1000);
        assert_eq!(p.busy_streams_check_interval_ms, 5000);
        assert_eq!(p.stream_pattern, "data:*");
        assert_eq!(p.consumer_group, "redcdc-processor");
        let t = c.default_target();
        assert_eq!(t.connection.host, "localhost");
        assert_eq!(t.connection.port, 6379);
        assert!(!t.connection.tls());
        assert!(c.sources.is_empty());
    }

    // The example from RDI's docs (redis/docs
    // content/integrate/redis-data-integration/data-pipelines/pipeline-config.md), with the
    // `<...>` placeholders filled in and secret references given env fallbacks.
    const RDI_DOC_EXAMPLE: &str = r#"
sources:
  mysql:
    type: cdc
    logging:
      level: info
    connection:
      type: mysql
      host: mysql.example # e.g. localhost
      port: 3306
      # User and password are injected from the secrets.
      user: ${SOURCE_DB_USERNAME}
      password: ${SOURCE_DB_PASSWORD}
    tables:
      redislabscdc.account: {}
      redislabscdc.emp:
        columns:
          - empno
          - fname
          - lname
    advanced:
      sink:
        redis.memory.limit.mb: 300
        redis.memory.threshold.percentage: 85
      source:
        snapshot.mode: initial
      quarkus:
        banner.enabled: "false"
      java_options: "-Xmx2g -Xms512m"
targets:
  target:
    connection:
      type: redis
      host: redis.example
      port: 12000
      password: ${env:REDCDC_TEST_UNSET_TARGET_PASSWORD:s3cret}
processors:
  type: classic
  read_batch_size: 2000
  read_batch_timeout_ms: 100
  write_batch_size: 200
  enable_async_processing: true
  batch_queue_size: 3
  ack_queue_size: 10
  dedup: false
  dedup_max_size: 1024
  error_handling: dlq
  dlq_max_messages: 1000
  target_data_type: hash
  json_update_strategy: merge
  use_native_json_merge: true
  initial_sync_processes: 4
  idle_sleep_time_ms: 200
  idle_streams_check_interval_ms: 1000
  busy_streams_check_interval_ms: 5000
  wait_enabled: false
  wait_timeout: 1000
  retry_on_replica_failure: true
"#;

    #[test]
    fn rdi_doc_example_parses() {
        let c = parse(RDI_DOC_EXAMPLE).unwrap_or_else(|e| panic!("{}", format_issues(&e)));
        let s = &c.sources["mysql"];
        assert_eq!(s.kind, SourceType::Cdc);
        assert_eq!(s.db_type.as_deref(), Some("mysql"));
        assert_eq!(s.tables["redislabscdc.emp"].columns.len(), 3);
        // Source references are not resolved (the processor never uses them).
        assert_eq!(s.connection["password"], "${SOURCE_DB_PASSWORD}");
        let t = c.default_target();
        assert_eq!(t.connection.password.as_ref().unwrap().expose(), "s3cret");
        assert_eq!(c.processors.json_update_strategy, UpdateStrategy::Merge);
    }

    #[test]
    fn secret_is_redacted_and_file_references_resolve() {
        let dir = tempfile::tempdir().unwrap();
        let pw = dir.path().join("pw");
        std::fs::write(&pw, "hunter2\n").unwrap();
        let ca = dir.path().join("ca.pem");
        std::fs::write(
            &ca,
            "-----BEGIN CERTIFICATE-----\nMII\n-----END CERTIFICATE-----\n",
        )
        .unwrap();
        let text = format!(
            "targets:\n  target:\n    connection:\n      type: redis\n      host: h\n      port: \"${{env:REDCDC_TEST_UNSET_PORT:6380}}\"\n      user: app\n      password: ${{file:{}}}\n      cacert: ${{file:{}}}\n      cert: /etc/tls/client.crt\n      key: /etc/tls/client.key\n",
            pw.display(),
            ca.display()
        );
        let c = parse(&text).unwrap_or_else(|e| panic!("{}", format_issues(&e)));
        let conn = &c.default_target().connection;
        assert_eq!(conn.port, 6380);
        assert_eq!(conn.password.as_ref().unwrap().expose(), "hunter2");
        assert!(matches!(conn.cacert, Some(PemSource::Inline(_))));
        assert_eq!(
            conn.cert,
            Some(PemSource::Path(PathBuf::from("/etc/tls/client.crt")))
        );
        assert!(conn.tls());
        let dbg = format!("{c:?}");
        assert!(!dbg.contains("hunter2"), "{dbg}");
        assert!(!dbg.contains("BEGIN CERTIFICATE"), "{dbg}");
        assert!(dbg.contains("***"));
    }

    #[test]
    fn unset_secret_names_the_field() {
        let e = errors("targets:\n  target:\n    connection:\n      type: redis\n      host: h\n      port: 1\n      password: ${REDCDC_TEST_SURELY_UNSET_VAR}\n");
        assert_eq!(e.len(), 1, "{e:?}");
        assert!(e[0].starts_with("config.yaml: targets.target.connection.password: "));
        assert!(
            e[0].contains("REDCDC_TEST_SURELY_UNSET_VAR is not set"),
            "{e:?}"
        );
    }

    #[test]
    fn unknown_keys_are_reported_with_path_and_all_issues_collected() {
        let e = errors(&format!(
            "{MINIMAL}      colour: blue\nprocessors:\n  read_batch_sise: 10\n  target_data_type: xml\n  write_batch_size: 0\nextra: 1\n"
        ));
        let all = e.join("\n");
        assert!(
            all.contains("config.yaml: targets.target.connection.colour: unknown key `colour`"),
            "{all}"
        );
        assert!(
            all.contains("config.yaml: processors.read_batch_sise: unknown key"),
            "{all}"
        );
        assert!(
            all.contains(
                "processors.target_data_type: unknown target data type 'xml' (expected hash, json)"
            ),
            "{all}"
        );
        assert!(
            all.contains("processors.write_batch_size: must be at least 1, found 0"),
            "{all}"
        );
        assert!(
            all.contains("config.yaml: extra: unknown key `extra`"),
            "{all}"
        );
        assert_eq!(e.len(), 5, "{all}");
    }

    #[test]
    fn unsupported_settings_are_rejected_by_name() {
        let e = errors(&format!(
            "{MINIMAL}processors:\n  type: flink\n  dedup: true\n  wait_enabled: true\n"
        ))
        .join("\n");
        assert!(
            e.contains("processors.type: processor type `flink` is not supported"),
            "{e}"
        );
        assert!(
            e.contains("processors.dedup: `dedup: true` is not supported"),
            "{e}"
        );
        assert!(
            e.contains("processors.wait_enabled: `wait_enabled: true`"),
            "{e}"
        );
        let e = errors(&format!(
            "sources:\n  s:\n    type: riotx\n    connection: {{type: snowflake, url: x, user: u, database: d, warehouse: w}}\n{MINIMAL}"
        ))
        .join("\n");
        assert!(
            e.contains("sources.s.type: collector type `riotx` is not supported"),
            "{e}"
        );
    }

    #[test]
    fn accepted_no_effect_settings() {
        let c = parse(&format!(
            "{MINIMAL}processors:\n  duration: 100\n  dedup_strategy: ignore\n  on_failed_retry_interval: 5\n  enable_async_processing: false\n  logging:\n    level: debug\n  advanced:\n    source:\n      stream.name.pattern: data:*\n  read_batch_size: \"${{env:REDCDC_TEST_UNSET_RBS:500}}\"\n  stream_pattern: \"data:{{rdi}}:*\"\n  consumer_group: g1\nmetadata:\n  name: demo\n  revision: 3\n  tags: [a, b]\nsecret-providers:\n  vault1:\n    type: vault\n    parameters:\n      objects: [{{}}]\n"
        ))
        .unwrap_or_else(|e| panic!("{}", format_issues(&e)));
        assert_eq!(c.processors.read_batch_size, 500);
        assert_eq!(c.processors.stream_pattern, "data:{rdi}:*");
        assert_eq!(c.processors.consumer_group, "g1");
        assert_eq!(c.processors.log_level.as_deref(), Some("debug"));
        assert_eq!(c.metadata.unwrap().revision, Some(3));
        assert_eq!(c.secret_providers["vault1"].kind, "vault");
    }

    #[test]
    fn target_rules() {
        let e = errors("targets:\n  other:\n    connection:\n      type: postgres\n      host: h\n      port: 70000\n      cert: /c\n").join("\n");
        assert!(e.contains("targets: no target named `target`"), "{e}");
        assert!(
            e.contains("targets.other.connection.type: unsupported target type 'postgres'"),
            "{e}"
        );
        assert!(
            e.contains("targets.other.connection.port: must be between 1 and 65535, found 70000"),
            "{e}"
        );
        assert!(
            e.contains("targets.other.connection.key: `cert` requires `key`"),
            "{e}"
        );
        let e = errors("sources: {}\n").join("\n");
        assert!(
            e.contains("targets: missing required section `targets`"),
            "{e}"
        );
    }

    #[test]
    fn old_preview_layout_is_explained() {
        let e = errors(
            "connections:\n  target:\n    host: h\n    port: 1\napplier:\n  read_batch_size: 1\n",
        )
        .join("\n");
        assert!(
            e.contains("connections: `connections` is the old RDI preview layout"),
            "{e}"
        );
        assert!(
            e.contains("applier: `applier` is the old RDI preview layout"),
            "{e}"
        );
    }

    #[test]
    fn yaml_syntax_error_is_one_issue() {
        let e = errors("targets: [\n");
        assert_eq!(e.len(), 1);
        assert!(e[0].starts_with("config.yaml: invalid YAML"), "{e:?}");
    }

    #[test]
    fn reference_forms() {
        assert_eq!(resolve_reference("plain").unwrap(), "plain");
        assert_eq!(
            resolve_reference("${env:REDCDC_TEST_UNSET_X:dflt}").unwrap(),
            "dflt"
        );
        assert!(resolve_reference("${REDCDC_TEST_UNSET_X}").is_err());
        assert!(resolve_reference("${file:/nonexistent/redcdc}").is_err());
        let path = std::env::var("PATH").unwrap();
        assert_eq!(resolve_reference("${PATH}").unwrap(), path);
        assert_eq!(resolve_reference("${env:PATH}").unwrap(), path);
    }
}
