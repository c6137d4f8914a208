//! Job files (`jobs/*.yaml`) in Redis Data Integration's format: `name`, `source`, `transform`,
//! `output`.
//!
//! Sources: redis/docs `content/integrate/redis-data-integration/data-pipelines/transform-examples/`
//! (`_index.md` and the examples), `reference/data-transformation/*.md` (block schemas),
//! `data-pipelines/data-denormalization.md` (nesting), and the former `redis.write` block reference
//! (`reference/data-transformation-block-types/redis_write.md`, removed from the docs in
//! fde5f8225d, still the most precise description of `args`, `mapping` and `nest`).
//!
//! Parsing collects every problem as a [`ConfigIssue`] naming the file, the job and the dotted
//! field (`output[0].with.data_type`). Expressions are not compiled here: callers pass the real
//! compiler to [`validate_expressions`].
//!
//! Decisions where RDI's docs are loose:
//! - The job's identity ([`Job::name`]) is the file name without extension (RDI: "each job file
//!   must have a unique name"); the YAML `name` is a free-text title ([`Job::title`]).
//! - `output` may be omitted (RDI's older reference: only `source` is required); the job then
//!   writes through one default `redis.write`.
//! - `language` is required wherever an expression is (RDI's block schemas); there is no default.
//! - `args` are field names, not expressions (`score`, `member`, `value`).
//! - `nest` cannot be combined with `key` or `args`; `data_type`/`on_update` may be omitted
//!   (they are forced to `json`/`merge`) but any other value is an error.
//! - Several jobs may name the same table (RDI >= 1.x); exactly one job may use `table: "*"`.
//! - `cache` blocks (Flink processor only; the classic processor ignores them) are accepted and
//!   ignored.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use serde_yaml_ng::Value;

use crate::config::{
    choice_value, kind, parse_yaml, seq, string_value, ConfigIssue, Issues, Obj, ProcessorConfig,
    TargetDataType, UpdateStrategy, DEFAULT_CONNECTION,
};

// ---------------------------------------------------------------------------------------------
// The model
// ---------------------------------------------------------------------------------------------

/// Expression language (`language:`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    Jmespath,
    /// SQLite syntax.
    Sql,
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Lang::Jmespath => "jmespath",
            Lang::Sql => "sql",
        })
    }
}

const LANGS: &[(&str, Lang)] = &[("jmespath", Lang::Jmespath), ("sql", Lang::Sql)];

/// An expression and its language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExprSpec {
    pub expression: String,
    pub language: Lang,
}

/// One job file.
#[derive(Debug, Clone, PartialEq)]
pub struct Job {
    /// File name without extension; unique within the jobs directory.
    pub name: String,
    /// The YAML `name` (free text, e.g. "Write invoice to hash").
    pub title: Option<String>,
    pub file: PathBuf,
    pub source: JobSource,
    pub transform: Vec<Transform>,
    /// At least one entry (a job without `output` gets one default `redis.write`).
    pub output: Vec<Output>,
    /// Every expression in the job with its dotted path (for [`validate_expressions`]).
    pub expressions: Vec<(String, ExprSpec)>,
}

impl Job {
    /// Whether this is the default job (`table: "*"`).
    pub fn is_default(&self) -> bool {
        self.source.is_default()
    }
}

/// `source.row_format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum RowFormat {
    /// The row only (`after`, or `before` for deletes). RDI's default.
    #[default]
    Partial,
    /// `{key, before, after, opcode, db, table, schema}`.
    Full,
}

/// `source`: which change records the job handles.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JobSource {
    pub server_name: Option<String>,
    pub db: Option<String>,
    pub schema: Option<String>,
    /// Table name, or `*` for the default job.
    pub table: String,
    pub row_format: RowFormat,
    /// Names compare case-insensitively (default true).
    pub case_insensitive: bool,
}

impl JobSource {
    pub fn is_default(&self) -> bool {
        self.table == "*"
    }

    /// Whether a record from `server_name`/`db`/`schema`/`table` belongs to this job: every
    /// criterion the job sets must equal the record's value (`table: "*"` matches any table).
    /// Priority of table jobs over the default job is the caller's business.
    pub fn matches(
        &self,
        server_name: Option<&str>,
        db: Option<&str>,
        schema: Option<&str>,
        table: &str,
    ) -> bool {
        let eq = |want: &str, got: &str| {
            if self.case_insensitive {
                want.eq_ignore_ascii_case(got) || want.to_lowercase() == got.to_lowercase()
            } else {
                want == got
            }
        };
        let opt = |want: &Option<String>, got: Option<&str>| match want {
            None => true,
            Some(w) => got.is_some_and(|g| eq(w, g)),
        };
        opt(&self.server_name, server_name)
            && opt(&self.db, db)
            && opt(&self.schema, schema)
            && (self.is_default() || eq(&self.table, table))
    }
}

/// A `transform` block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Transform {
    /// `add_field`: `(field, expression)` in order (`field` may be a dotted path).
    AddField { fields: Vec<(String, ExprSpec)> },
    /// `remove_field`.
    RemoveField { fields: Vec<String> },
    /// `rename_field`: `(from_field, to_field)` pairs.
    RenameField { pairs: Vec<(String, String)> },
    /// `filter`: records for which it is false are dropped (counted as filtered).
    Filter(ExprSpec),
    /// `map`: the record is replaced by the expression's result.
    Map(MapSpec),
    /// `redis.lookup`: runs `cmd` with the evaluated `args` on the target `connection` and
    /// stores the reply in `field`.
    Lookup(LookupSpec),
}

/// `redis.lookup`'s `with`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LookupSpec {
    pub connection: String,
    pub cmd: String,
    /// Expressions in the block's `language`.
    pub args: Vec<ExprSpec>,
    pub field: String,
}

/// `map`'s `expression` and `language`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MapSpec {
    pub expression: MapExpr,
    pub language: Lang,
}

/// `map.expression`: one expression producing the whole record (e.g. a JMESPath multi-select
/// hash), or a YAML mapping `field: expression` (values may be nested mappings).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MapExpr {
    Expr(String),
    Object(Vec<(String, MapExpr)>),
}

/// `output[].with.data_type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DataType {
    Hash,
    Json,
    Set,
    SortedSet,
    Stream,
    String,
}

impl From<TargetDataType> for DataType {
    fn from(t: TargetDataType) -> Self {
        match t {
            TargetDataType::Hash => DataType::Hash,
            TargetDataType::Json => DataType::Json,
        }
    }
}

impl fmt::Display for DataType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            DataType::Hash => "hash",
            DataType::Json => "json",
            DataType::Set => "set",
            DataType::SortedSet => "sorted_set",
            DataType::Stream => "stream",
            DataType::String => "string",
        })
    }
}

const DATA_TYPES: &[(&str, DataType)] = &[
    ("hash", DataType::Hash),
    ("json", DataType::Json),
    ("set", DataType::Set),
    ("sorted_set", DataType::SortedSet),
    ("stream", DataType::Stream),
    ("string", DataType::String),
];

/// `output[].with.args`: field names (not expressions).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OutputArgs {
    /// Sorted sets: the field holding the score.
    pub score: Option<String>,
    /// Sets and sorted sets: the field holding the member.
    pub member: Option<String>,
    /// Strings: the field holding the value.
    pub value: Option<String>,
}

impl OutputArgs {
    pub fn is_empty(&self) -> bool {
        self.score.is_none() && self.member.is_none() && self.value.is_none()
    }
}

/// `output[].with.mapping[]`: `field` or `field: alias`. For JSON the target may be a dotted
/// path (`\.` escapes a literal dot).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MappingEntry {
    pub source: String,
    pub target: String,
}

/// `output[].with.expire`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expire {
    /// A fixed TTL in seconds (never 0: `expire: 0` means no TTL and is stored as `None`).
    Seconds(u64),
    /// A TTL computed per record.
    Expression(ExprSpec),
}

/// `output[].with.nest`: embed the record in its parent's JSON document at
/// `<parent.table>:<parent_key>:<value>`, under `path`, keyed by `nesting_key`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NestSpec {
    pub parent: NestParent,
    /// Child field whose value keys the entry in the map.
    pub nesting_key: String,
    /// Parent's key field name (used in the parent key).
    pub parent_key: String,
    /// Child field holding the parent's key value (default: `parent_key`).
    pub child_key: Option<String>,
    /// JSONPath of the map, starting with `$`.
    pub path: String,
    pub structure: NestStructure,
}

impl NestSpec {
    /// The child field holding the parent key value.
    pub fn child_key_field(&self) -> &str {
        self.child_key.as_deref().unwrap_or(&self.parent_key)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NestParent {
    pub server_name: Option<String>,
    pub schema: Option<String>,
    pub table: String,
}

/// `nest.structure`: only `map` exists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum NestStructure {
    #[default]
    Map,
}

/// One `uses: redis.write` output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Output {
    /// Target name in `config.yaml` (default `target`).
    pub connection: String,
    /// `None`: the processor's `target_data_type`.
    pub data_type: Option<DataType>,
    /// `None`: RDI's default key `<table>:<pk>:<value>[:<pk2>:<value2>...]`.
    pub key: Option<ExprSpec>,
    pub args: OutputArgs,
    /// Empty: all fields.
    pub mapping: Vec<MappingEntry>,
    /// `None`: the processor's `json_update_strategy`.
    pub on_update: Option<UpdateStrategy>,
    pub expire: Option<Expire>,
    pub nest: Option<NestSpec>,
}

impl Default for Output {
    fn default() -> Self {
        Output {
            connection: DEFAULT_CONNECTION.to_string(),
            data_type: None,
            key: None,
            args: OutputArgs::default(),
            mapping: Vec::new(),
            on_update: None,
            expire: None,
            nest: None,
        }
    }
}

impl Output {
    /// The data type written: `json` for nesting, else `data_type` or the processor default.
    pub fn effective_data_type(&self, default: TargetDataType) -> DataType {
        if self.nest.is_some() {
            DataType::Json
        } else {
            self.data_type.unwrap_or(default.into())
        }
    }

    /// The update strategy: `merge` for nesting, `replace` for strings, else `on_update` or the
    /// processor default (`json_update_strategy`).
    pub fn effective_update(
        &self,
        default_type: TargetDataType,
        default: UpdateStrategy,
    ) -> UpdateStrategy {
        if self.nest.is_some() {
            return UpdateStrategy::Merge;
        }
        match self.effective_data_type(default_type) {
            DataType::String => UpdateStrategy::Replace,
            _ => self.on_update.unwrap_or(default),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Loading
// ---------------------------------------------------------------------------------------------

/// Loads every `*.yaml` / `*.yml` in `dir` (sorted by file name), reporting every problem found
/// in every file, plus cross-job ones (two files with the same name, several default jobs).
pub fn load_jobs(dir: &Path) -> Result<Vec<Job>, Vec<ConfigIssue>> {
    let (jobs, issues) = load_jobs_partial(dir);
    if issues.is_empty() {
        Ok(jobs)
    } else {
        Err(issues)
    }
}

/// Like [`load_jobs`], but also returns the jobs that did parse, so later checks (expressions,
/// connections) can report their problems in the same run.
pub fn load_jobs_partial(dir: &Path) -> (Vec<Job>, Vec<ConfigIssue>) {
    let mut issues = Vec::new();
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            return (
                Vec::new(),
                vec![ConfigIssue {
                    file: dir.to_path_buf(),
                    job: None,
                    field: String::new(),
                    message: format!("cannot read jobs directory: {e}"),
                }],
            )
        }
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| {
            p.is_file()
                && !p
                    .file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.starts_with('.'))
                && matches!(p.extension().and_then(|e| e.to_str()), Some("yaml" | "yml"))
        })
        .collect();
    files.sort();

    let mut jobs = Vec::new();
    for file in files {
        match std::fs::read_to_string(&file) {
            Ok(text) => match parse_job(&text, &file) {
                Ok(job) => jobs.push(job),
                Err(mut e) => issues.append(&mut e),
            },
            Err(e) => issues.push(ConfigIssue {
                file: file.clone(),
                job: None,
                field: String::new(),
                message: format!("cannot read: {e}"),
            }),
        }
    }
    issues.extend(cross_job_issues(&jobs));
    (jobs, issues)
}

/// Rules that span jobs: unique names, at most one default job. (Several jobs for one table are
/// allowed; they all apply.)
pub fn cross_job_issues(jobs: &[Job]) -> Vec<ConfigIssue> {
    let mut issues = Vec::new();
    let mut names: BTreeMap<&str, &Path> = BTreeMap::new();
    let mut default_job: Option<&Job> = None;
    for job in jobs {
        if let Some(first) = names.get(job.name.as_str()) {
            issues.push(ConfigIssue {
                file: job.file.clone(),
                job: Some(job.name.clone()),
                field: String::new(),
                message: format!(
                    "duplicate job name '{}' (also {})",
                    job.name,
                    first.display()
                ),
            });
        } else {
            names.insert(&job.name, &job.file);
        }
        if job.is_default() {
            match default_job {
                Some(first) => issues.push(ConfigIssue {
                    file: job.file.clone(),
                    job: Some(job.name.clone()),
                    field: "source.table".into(),
                    message: format!(
                        "only one default job (table \"*\") is allowed; {} is one already",
                        first.file.display()
                    ),
                }),
                None => default_job = Some(job),
            }
        }
    }
    let mut by_table: BTreeMap<String, Vec<&str>> = BTreeMap::new();
    for job in jobs.iter().filter(|j| !j.is_default()) {
        let s = &job.source;
        let id = format!(
            "{}.{}.{}.{}",
            s.server_name.as_deref().unwrap_or("*"),
            s.db.as_deref().unwrap_or("*"),
            s.schema.as_deref().unwrap_or("*"),
            s.table
        )
        .to_lowercase();
        by_table.entry(id).or_default().push(&job.name);
    }
    for (table, names) in by_table.iter().filter(|(_, n)| n.len() > 1) {
        tracing::info!(table = %table, jobs = ?names, "several jobs handle the same table; all apply");
    }
    issues
}

/// Every output's `connection` must name a target in `config.yaml`.
pub fn validate_connections(config: &ProcessorConfig, jobs: &[Job]) -> Vec<ConfigIssue> {
    let mut issues = Vec::new();
    for job in jobs {
        for (i, out) in job.output.iter().enumerate() {
            if !config.targets.contains_key(&out.connection) {
                let known: Vec<&str> = config.targets.keys().map(String::as_str).collect();
                issues.push(ConfigIssue {
                    file: job.file.clone(),
                    job: Some(job.name.clone()),
                    field: format!("output[{i}].with.connection"),
                    message: format!(
                        "unknown connection '{}' (targets in config.yaml: {})",
                        out.connection,
                        known.join(", ")
                    ),
                });
            }
        }
        for (i, t) in job.transform.iter().enumerate() {
            if let Transform::Lookup(l) = t {
                if !config.targets.contains_key(&l.connection) {
                    let known: Vec<&str> = config.targets.keys().map(String::as_str).collect();
                    issues.push(ConfigIssue {
                        file: job.file.clone(),
                        job: Some(job.name.clone()),
                        field: format!("transform[{i}].with.connection"),
                        message: format!(
                            "unknown connection '{}' (targets in config.yaml: {})",
                            l.connection,
                            known.join(", ")
                        ),
                    });
                }
            }
        }
    }
    issues
}

/// Compiles every expression of every job with `compile` (wired by the caller to
/// `crate::expr`); each failure becomes an issue naming the expression's field.
pub fn validate_expressions(
    jobs: &[Job],
    mut compile: impl FnMut(&ExprSpec) -> Result<(), String>,
) -> Vec<ConfigIssue> {
    let mut issues = Vec::new();
    for job in jobs {
        for (path, spec) in &job.expressions {
            if let Err(e) = compile(spec) {
                issues.push(ConfigIssue {
                    file: job.file.clone(),
                    job: Some(job.name.clone()),
                    field: path.clone(),
                    message: format!("invalid {} expression: {e}", spec.language),
                });
            }
        }
    }
    issues
}

/// Parses one job file's text; `file` gives the job its name and is used in issues.
pub fn parse_job(text: &str, file: &Path) -> Result<Job, Vec<ConfigIssue>> {
    let name = file
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("job")
        .to_string();
    let mut is = Issues::new(file, Some(name.clone()));
    let mut p = JobParser {
        is: &mut is,
        expressions: Vec::new(),
    };
    let job = parse_yaml(text, p.is).and_then(|v| p.job(&v, name, file));
    match job {
        Some(j) if is.list.is_empty() => Ok(j),
        _ => {
            if is.list.is_empty() {
                is.push("", "invalid job");
            }
            Err(is.list)
        }
    }
}

struct JobParser<'a> {
    is: &'a mut Issues,
    expressions: Vec<(String, ExprSpec)>,
}

const JOB_KEYS: &[&str] = &["name", "source", "transform", "output"];
const SOURCE_KEYS: &[&str] = &[
    "server_name",
    "db",
    "schema",
    "table",
    "row_format",
    "case_insensitive",
];
const TRANSFORMS: &str = "add_field, remove_field, rename_field, filter, map, redis.lookup";
const WITH_KEYS: &[&str] = &[
    "connection",
    "data_type",
    "key",
    "args",
    "mapping",
    "on_update",
    "expire",
    "nest",
];

impl JobParser<'_> {
    fn job(&mut self, v: &Value, name: String, file: &Path) -> Option<Job> {
        let root = Obj::new(v, "", self.is)?;
        root.deny_unknown(JOB_KEYS, self.is);
        let title = root.string("name", self.is);
        let source = match root.get("source") {
            None => {
                self.is.push("source", "missing required section `source`");
                None
            }
            Some(sv) => self.source(sv),
        };

        let mut transform = Vec::new();
        for (i, item) in seq(root.get("transform"), "transform", self.is)
            .iter()
            .enumerate()
        {
            if let Some(t) = self.transform(item, &format!("transform[{i}]")) {
                transform.push(t);
            }
        }

        let mut output = Vec::new();
        if root.get("output").is_none() {
            output.push(Output::default());
        } else {
            let items = seq(root.get("output"), "output", self.is);
            if items.is_empty() && matches!(root.get("output"), Some(Value::Sequence(_))) {
                self.is
                    .push("output", "must contain at least one `redis.write` block");
            }
            for (i, item) in items.iter().enumerate() {
                if let Some(o) = self.output(item, &format!("output[{i}]")) {
                    output.push(o);
                }
            }
        }

        Some(Job {
            name,
            title,
            file: file.to_path_buf(),
            source: source?,
            transform,
            output,
            expressions: std::mem::take(&mut self.expressions),
        })
    }

    fn source(&mut self, v: &Value) -> Option<JobSource> {
        let o = Obj::new(v, "source", self.is)?;
        o.deny_unknown(SOURCE_KEYS, self.is);
        let table = o.required_string("table", self.is);
        if let Some(t) = &table {
            if t != "*" && t.contains('*') {
                self.is.push(
                    o.field("table"),
                    format!(
                        "table patterns are not supported ('{t}'); use a table name, or \"*\" \
                         for the default job"
                    ),
                );
            }
        }
        let row_format = o
            .choice(
                "row_format",
                "row format",
                &[
                    ("partial", RowFormat::Partial),
                    ("full", RowFormat::Full),
                    // The oldest RDI docs' name for `partial`.
                    ("data_only", RowFormat::Partial),
                ],
                self.is,
            )
            .unwrap_or_default();
        Some(JobSource {
            server_name: o.string("server_name", self.is),
            db: o.string("db", self.is),
            schema: o.string("schema", self.is),
            table: table?,
            row_format,
            case_insensitive: o.bool("case_insensitive", true, self.is),
        })
    }

    /// `{expression, language[, cache]}` read from `o` (whose other keys the caller checks).
    fn expr_in(&mut self, o: &Obj<'_>) -> Option<ExprSpec> {
        let expression = match o.get("expression") {
            None => {
                self.is
                    .push(o.field("expression"), "missing required key `expression`");
                None
            }
            Some(v) => string_value(v, &o.field("expression"), self.is),
        };
        let language = self.language(o);
        if let Some(c) = o.get("cache") {
            self.cache(c, &o.field("cache"));
        }
        let spec = ExprSpec {
            expression: expression?,
            language: language?,
        };
        self.expressions.push((o.field("expression"), spec.clone()));
        Some(spec)
    }

    fn language(&mut self, o: &Obj<'_>) -> Option<Lang> {
        match o.get("language") {
            None => {
                self.is.push(
                    o.field("language"),
                    "missing required key `language` (jmespath or sql)",
                );
                None
            }
            Some(v) => choice_value(v, &o.field("language"), "language", LANGS, self.is),
        }
    }

    /// `cache:` (Flink processor only; ignored like the classic processor does).
    fn cache(&mut self, v: &Value, path: &str) {
        if let Some(c) = Obj::new(v, path, self.is) {
            c.deny_unknown(&["enabled", "max_size", "ttl_seconds"], self.is);
            c.bool("enabled", false, self.is);
            c.int("max_size", 1000, 1, u64::MAX, self.is);
            c.int("ttl_seconds", 60, 1, u64::MAX, self.is);
        }
    }

    fn transform(&mut self, v: &Value, path: &str) -> Option<Transform> {
        let o = Obj::new(v, path, self.is)?;
        o.deny_unknown(&["uses", "with"], self.is);
        let uses = o.required_string("uses", self.is)?;
        let known = [
            "add_field",
            "remove_field",
            "rename_field",
            "filter",
            "map",
            "redis.lookup",
        ];
        if !known.contains(&uses.as_str()) {
            self.is.push(
                o.field("uses"),
                format!("unknown transform block '{uses}' (expected {TRANSFORMS})"),
            );
            return None;
        }
        let Some(wv) = o.get("with") else {
            self.is.push(o.field("with"), "missing required key `with`");
            return None;
        };
        let w = Obj::new(wv, &o.field("with"), self.is)?;
        match uses.as_str() {
            "add_field" => self.add_field(&w),
            "remove_field" => self.remove_field(&w),
            "rename_field" => self.rename_field(&w),
            "filter" => {
                w.deny_unknown(&["expression", "language", "cache"], self.is);
                self.expr_in(&w).map(Transform::Filter)
            }
            "redis.lookup" => self.lookup(&w),
            _ => self.map(&w),
        }
    }

    /// `fields: [..]` or the single-item form; `single_keys` are the item keys.
    fn items<'v>(
        &mut self,
        w: &Obj<'v>,
        single_keys: &[&str],
        first_single_key: &str,
    ) -> Vec<Obj<'v>> {
        if w.has("fields") {
            w.deny_unknown(&["fields"], self.is);
            let list = seq(w.get("fields"), &w.field("fields"), self.is);
            if list.is_empty() {
                self.is
                    .push(w.field("fields"), "must contain at least one item");
            }
            list.iter()
                .enumerate()
                .filter_map(|(i, item)| {
                    let o = Obj::new(item, &format!("{}[{i}]", w.field("fields")), self.is)?;
                    o.deny_unknown(single_keys, self.is);
                    Some(o)
                })
                .collect()
        } else {
            let mut allowed = single_keys.to_vec();
            allowed.push("fields");
            w.deny_unknown(&allowed, self.is);
            if !w.has(first_single_key) {
                self.is.push(
                    w.path.clone(),
                    format!("expected `{first_single_key}` or `fields`"),
                );
                return Vec::new();
            }
            vec![w.clone()]
        }
    }

    fn lookup(&mut self, w: &Obj<'_>) -> Option<Transform> {
        w.deny_unknown(
            &["connection", "cmd", "args", "language", "field", "cache"],
            self.is,
        );
        let connection = w.required_string("connection", self.is);
        let cmd = w.required_string("cmd", self.is);
        let field = w.required_string("field", self.is);
        let language = self.language(w);
        if let Some(c) = w.get("cache") {
            self.cache(c, &w.field("cache"));
        }
        let list = seq(w.get("args"), &w.field("args"), self.is);
        let mut args = Vec::new();
        for (i, a) in list.iter().enumerate() {
            let path = format!("{}[{i}]", w.field("args"));
            if let (Some(e), Some(l)) = (string_value(a, &path, self.is), language) {
                let spec = ExprSpec {
                    expression: e,
                    language: l,
                };
                self.expressions.push((path, spec.clone()));
                args.push(spec);
            }
        }
        if args.len() != list.len() {
            return None;
        }
        Some(Transform::Lookup(LookupSpec {
            connection: connection?,
            cmd: cmd?,
            args,
            field: field?,
        }))
    }

    fn add_field(&mut self, w: &Obj<'_>) -> Option<Transform> {
        let items = self.items(w, &["field", "expression", "language", "cache"], "field");
        let mut fields = Vec::new();
        let mut ok = !items.is_empty();
        for o in items {
            let field = o.required_string("field", self.is);
            let expr = self.expr_in(&o);
            match (field, expr) {
                (Some(f), Some(e)) => fields.push((f, e)),
                _ => ok = false,
            }
        }
        ok.then_some(Transform::AddField { fields })
    }

    fn remove_field(&mut self, w: &Obj<'_>) -> Option<Transform> {
        let items = self.items(w, &["field"], "field");
        let mut fields = Vec::new();
        let mut ok = !items.is_empty();
        for o in items {
            match o.required_string("field", self.is) {
                Some(f) => fields.push(f),
                None => ok = false,
            }
        }
        ok.then_some(Transform::RemoveField { fields })
    }

    fn rename_field(&mut self, w: &Obj<'_>) -> Option<Transform> {
        let items = self.items(w, &["from_field", "to_field"], "from_field");
        let mut pairs = Vec::new();
        let mut ok = !items.is_empty();
        for o in items {
            let from = o.required_string("from_field", self.is);
            let to = o.required_string("to_field", self.is);
            match (from, to) {
                (Some(f), Some(t)) => pairs.push((f, t)),
                _ => ok = false,
            }
        }
        ok.then_some(Transform::RenameField { pairs })
    }

    fn map(&mut self, w: &Obj<'_>) -> Option<Transform> {
        w.deny_unknown(&["expression", "language", "cache"], self.is);
        let language = self.language(w);
        if let Some(c) = w.get("cache") {
            self.cache(c, &w.field("cache"));
        }
        let path = w.field("expression");
        let expression = match w.get("expression") {
            None => {
                self.is.push(&path, "missing required key `expression`");
                None
            }
            Some(v) => self.map_expr(v, &path),
        };
        let language = language?;
        let expression = expression?;
        collect_map_exprs(&expression, &path, language, &mut self.expressions);
        Some(Transform::Map(MapSpec {
            expression,
            language,
        }))
    }

    fn map_expr(&mut self, v: &Value, path: &str) -> Option<MapExpr> {
        match v {
            Value::Mapping(_) => {
                let o = Obj::new(v, path, self.is)?;
                let mut fields = Vec::new();
                for (k, fv) in o.entries(self.is) {
                    let p = o.field(&k);
                    if let Some(e) = self.map_expr(fv, &p) {
                        fields.push((k, e));
                    }
                }
                if fields.is_empty() {
                    self.is.push(path, "must not be empty");
                    return None;
                }
                Some(MapExpr::Object(fields))
            }
            Value::String(_) | Value::Number(_) | Value::Bool(_) => {
                let s = match v {
                    Value::Bool(b) => b.to_string(),
                    _ => string_value(v, path, self.is)?,
                };
                Some(MapExpr::Expr(s))
            }
            other => {
                self.is.push(
                    path,
                    format!(
                        "expected an expression string or a mapping of field: expression, found {}",
                        kind(other)
                    ),
                );
                None
            }
        }
    }

    fn output(&mut self, v: &Value, path: &str) -> Option<Output> {
        let o = Obj::new(v, path, self.is)?;
        o.deny_unknown(&["uses", "with"], self.is);
        let uses = o.required_string("uses", self.is)?;
        match uses.as_str() {
            "redis.write" => {}
            "relational.write" | "cassandra.write" => {
                self.is.push(
                    o.field("uses"),
                    format!(
                        "output `{uses}` (RDI write-behind) is not supported by redcdc; only \
                         redis.write is"
                    ),
                );
                return None;
            }
            other => {
                self.is.push(
                    o.field("uses"),
                    format!("unknown output block '{other}' (expected redis.write)"),
                );
                return None;
            }
        }
        let null = Value::Null;
        let w = Obj::new(o.get("with").unwrap_or(&null), &o.field("with"), self.is)?;
        w.deny_unknown(WITH_KEYS, self.is);
        let before = self.is.list.len();

        let connection = w
            .string("connection", self.is)
            .unwrap_or_else(|| DEFAULT_CONNECTION.to_string());
        let data_type = w.choice("data_type", "data type", DATA_TYPES, self.is);
        let key = w.get("key").and_then(|kv| {
            let k = Obj::new(kv, &w.field("key"), self.is)?;
            k.deny_unknown(&["expression", "language", "cache"], self.is);
            self.expr_in(&k)
        });
        let args = match w.get("args") {
            None => OutputArgs::default(),
            Some(av) => match Obj::new(av, &w.field("args"), self.is) {
                None => OutputArgs::default(),
                Some(a) => {
                    a.deny_unknown(&["score", "member", "value"], self.is);
                    OutputArgs {
                        score: a.string("score", self.is),
                        member: a.string("member", self.is),
                        value: a.string("value", self.is),
                    }
                }
            },
        };
        let mapping = self.mapping(w.get("mapping"), &w.field("mapping"));
        let on_update = w.choice(
            "on_update",
            "update strategy",
            &[
                ("replace", UpdateStrategy::Replace),
                ("merge", UpdateStrategy::Merge),
            ],
            self.is,
        );
        let expire = w
            .get("expire")
            .and_then(|ev| self.expire(ev, &w.field("expire")));
        let nest = w.get("nest").and_then(|nv| self.nest(nv, &w.field("nest")));

        // Cross-field rules.
        if w.has("nest") {
            for k in ["key", "args"] {
                if w.has(k) {
                    self.is.push(
                        w.field(k),
                        format!(
                            "`{k}` cannot be used with `nest` (the parent key is \
                             <parent.table>:<parent_key>:<value>)"
                        ),
                    );
                }
            }
            if let Some(dt) = data_type.filter(|d| *d != DataType::Json) {
                self.is.push(
                    w.field("data_type"),
                    format!("`nest` writes JSON; data_type must be json (or omitted), found {dt}"),
                );
            }
            if on_update == Some(UpdateStrategy::Replace) {
                self.is.push(
                    w.field("on_update"),
                    "`nest` always merges; on_update must be merge (or omitted)",
                );
            }
        } else {
            self.check_args(&w, data_type, &args);
            if !mapping.is_empty() {
                if let Some(dt @ (DataType::Set | DataType::SortedSet | DataType::String)) =
                    data_type
                {
                    self.is.push(
                        w.field("mapping"),
                        format!("`mapping` is supported for hash, json and stream only, not {dt}"),
                    );
                }
            }
        }
        if self.is.list.len() > before {
            return None;
        }
        Some(Output {
            connection,
            data_type,
            key,
            args,
            mapping,
            on_update,
            expire,
            nest,
        })
    }

    fn check_args(&mut self, w: &Obj<'_>, data_type: Option<DataType>, args: &OutputArgs) {
        let dt = data_type.map(|d| d.to_string());
        let dt = dt.as_deref().unwrap_or("the default (target_data_type)");
        let need = |is: &mut Issues, arg: &str, present: bool, what: &str| {
            if !present {
                is.push(
                    w.field("args"),
                    format!("data_type {what} requires `args.{arg}` (a field name)"),
                );
            }
        };
        let forbid = |is: &mut Issues, arg: &str, present: bool, valid: &str| {
            if present {
                is.push(
                    join_args(w, arg),
                    format!("`args.{arg}` is only valid for {valid}, not data_type {dt}"),
                );
            }
        };
        let (score, member, value) = (
            args.score.is_some(),
            args.member.is_some(),
            args.value.is_some(),
        );
        match data_type {
            Some(DataType::SortedSet) => {
                need(self.is, "score", score, "sorted_set");
                need(self.is, "member", member, "sorted_set");
                forbid(self.is, "value", value, "string");
            }
            Some(DataType::Set) => {
                need(self.is, "member", member, "set");
                forbid(self.is, "score", score, "sorted_set");
                forbid(self.is, "value", value, "string");
            }
            Some(DataType::String) => {
                need(self.is, "value", value, "string");
                forbid(self.is, "score", score, "sorted_set");
                forbid(self.is, "member", member, "set and sorted_set");
            }
            _ => {
                forbid(self.is, "score", score, "sorted_set");
                forbid(self.is, "member", member, "set and sorted_set");
                forbid(self.is, "value", value, "string");
            }
        }
    }

    fn mapping(&mut self, v: Option<&Value>, path: &str) -> Vec<MappingEntry> {
        let mut out = Vec::new();
        for (i, item) in seq(v, path, self.is).iter().enumerate() {
            let p = format!("{path}[{i}]");
            match item {
                Value::String(_) | Value::Number(_) => {
                    if let Some(s) = string_value(item, &p, self.is) {
                        out.push(MappingEntry {
                            source: s.clone(),
                            target: s,
                        });
                    }
                }
                Value::Mapping(_) => {
                    let Some(o) = Obj::new(item, &p, self.is) else {
                        continue;
                    };
                    let entries = o.entries(self.is);
                    if entries.is_empty() {
                        self.is.push(&p, "expected `field` or `field: alias`");
                    }
                    for (k, av) in entries {
                        let alias = match av {
                            Value::Null => Some(k.clone()),
                            _ => string_value(av, &o.field(&k), self.is),
                        };
                        if let Some(a) = alias {
                            out.push(MappingEntry {
                                source: k,
                                target: a,
                            });
                        }
                    }
                }
                other => self.is.push(
                    &p,
                    format!("expected `field` or `field: alias`, found {}", kind(other)),
                ),
            }
        }
        out
    }

    fn expire(&mut self, v: &Value, path: &str) -> Option<Expire> {
        match v {
            Value::Number(n) => match n.as_u64() {
                Some(0) => None,
                Some(s) => Some(Expire::Seconds(s)),
                None => {
                    self.is.push(
                        path,
                        format!("expected a non-negative number of seconds, found {n}"),
                    );
                    None
                }
            },
            Value::String(s) => match s.trim().parse::<u64>() {
                Ok(0) => None,
                Ok(n) => Some(Expire::Seconds(n)),
                Err(_) => {
                    self.is.push(
                        path,
                        format!(
                            "expected seconds or {{expression, language}}, found '{s}' (to use \
                             an expression, write expire: {{expression: ..., language: ...}})"
                        ),
                    );
                    None
                }
            },
            Value::Mapping(_) => {
                let o = Obj::new(v, path, self.is)?;
                o.deny_unknown(&["expression", "language", "cache"], self.is);
                self.expr_in(&o).map(Expire::Expression)
            }
            other => {
                self.is.push(
                    path,
                    format!(
                        "expected seconds or {{expression, language}}, found {}",
                        kind(other)
                    ),
                );
                None
            }
        }
    }

    fn nest(&mut self, v: &Value, path: &str) -> Option<NestSpec> {
        let o = Obj::new(v, path, self.is)?;
        o.deny_unknown(
            &[
                "parent",
                "nesting_key",
                "parent_key",
                "child_key",
                "path",
                "structure",
            ],
            self.is,
        );
        let parent = match o.get("parent") {
            None => {
                self.is
                    .push(o.field("parent"), "missing required key `parent`");
                None
            }
            Some(pv) => Obj::new(pv, &o.field("parent"), self.is).and_then(|p| {
                p.deny_unknown(&["server_name", "schema", "table"], self.is);
                Some(NestParent {
                    server_name: p.string("server_name", self.is),
                    schema: p.string("schema", self.is),
                    table: p.required_string("table", self.is)?,
                })
            }),
        };
        let nesting_key = o.required_string("nesting_key", self.is);
        let parent_key = o.required_string("parent_key", self.is);
        let child_key = o.string("child_key", self.is);
        let jpath = o.required_string("path", self.is);
        if let Some(p) = &jpath {
            if !p.starts_with('$') {
                self.is.push(
                    o.field("path"),
                    format!("must start at the document root `$` (e.g. $.items), found '{p}'"),
                );
            }
        }
        let structure = o
            .choice(
                "structure",
                "nesting structure",
                &[("map", NestStructure::Map)],
                self.is,
            )
            .unwrap_or_default();
        Some(NestSpec {
            parent: parent?,
            nesting_key: nesting_key?,
            parent_key: parent_key?,
            child_key,
            path: jpath?,
            structure,
        })
    }
}

fn join_args(w: &Obj<'_>, arg: &str) -> String {
    format!("{}.{arg}", w.field("args"))
}

fn collect_map_exprs(e: &MapExpr, path: &str, lang: Lang, out: &mut Vec<(String, ExprSpec)>) {
    match e {
        MapExpr::Expr(s) => out.push((
            path.to_string(),
            ExprSpec {
                expression: s.clone(),
                language: lang,
            },
        )),
        MapExpr::Object(fields) => {
            for (k, v) in fields {
                collect_map_exprs(v, &format!("{path}.{k}"), lang, out);
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------------------------

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{format_issues, load_config};

    fn examples() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("examples")
    }

    fn job(text: &str) -> Job {
        parse_job(text, Path::new("jobs/orders.yaml"))
            .unwrap_or_else(|e| panic!("{}", format_issues(&e)))
    }

    /// All issues for `text` as displayed, one per line.
    fn errors(text: &str) -> String {
        let e = parse_job(text, Path::new("jobs/orders.yaml")).expect_err("expected issues");
        format_issues(&e)
    }

    const HEAD: &str = "source:\n  table: orders\n";

    #[test]
    fn examples_parse_and_cross_validate() {
        let config = load_config(&examples().join("config.yaml"))
            .unwrap_or_else(|e| panic!("{}", format_issues(&e)));
        assert_eq!(config.sources["pg"].db_type.as_deref(), Some("postgresql"));
        let jobs =
            load_jobs(&examples().join("jobs")).unwrap_or_else(|e| panic!("{}", format_issues(&e)));
        let names: Vec<&str> = jobs.iter().map(|j| j.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "album",
                "customer",
                "default-job",
                "employee",
                "invoice",
                "invoice_line",
                "invoice_views",
                "track"
            ]
        );
        assert!(validate_connections(&config, &jobs).is_empty());
        // Every expression reaches the compiler hook, with its path.
        let mut seen = Vec::new();
        let issues = validate_expressions(&jobs, |e| {
            seen.push(e.clone());
            Ok(())
        });
        assert!(issues.is_empty());
        assert!(seen.len() >= 15, "{}", seen.len());

        let by_name = |n: &str| jobs.iter().find(|j| j.name == n).unwrap();
        let default = by_name("default-job");
        assert!(default.is_default());
        assert_eq!(default.source.row_format, RowFormat::Full);
        assert!(default
            .source
            .matches(Some("x"), None, Some("public"), "anything"));

        let customer = by_name("customer");
        assert_eq!(
            customer.title.as_deref(),
            Some("Add local phone field to customer")
        );
        assert!(customer
            .source
            .matches(None, Some("CHINOOK"), Some("public"), "Customer"));
        assert!(!customer
            .source
            .matches(None, None, Some("public"), "customer"));
        assert!(matches!(&customer.transform[0], Transform::Filter(e) if e.language == Lang::Sql));
        assert!(
            matches!(&customer.transform[1], Transform::AddField { fields } if fields[0].0 == "localphone")
        );
        assert_eq!(
            customer.transform[3],
            Transform::RemoveField {
                fields: vec!["firstname".into(), "lastname".into()]
            }
        );
        let out = &customer.output[0];
        assert_eq!(out.data_type, Some(DataType::Hash));
        assert_eq!(
            out.key.as_ref().unwrap().expression,
            "concat(['cust:', customerid])"
        );

        let line = &by_name("invoice_line").output[0];
        let nest = line.nest.as_ref().unwrap();
        assert_eq!(nest.parent.table, "invoice");
        assert_eq!(nest.child_key_field(), "invoiceid");
        assert_eq!(nest.path, "$.InvoiceLineItems");
        assert_eq!(
            line.effective_data_type(TargetDataType::Hash),
            DataType::Json
        );
        assert_eq!(
            line.effective_update(TargetDataType::Hash, UpdateStrategy::Replace),
            UpdateStrategy::Merge
        );

        let views = &by_name("invoice_views").output;
        assert_eq!(
            views[0].mapping[0],
            MappingEntry {
                source: "invoiceid".into(),
                target: "id".into()
            }
        );
        assert_eq!(views[0].mapping[4].target, "address.primary.zip\\.code");
        assert_eq!(
            views[0].mapping[5],
            MappingEntry {
                source: "total".into(),
                target: "total".into()
            }
        );
        assert_eq!(views[1].args.member.as_deref(), Some("invoiceid"));
        assert_eq!(views[2].data_type, Some(DataType::SortedSet));
        assert_eq!(views[2].args.score.as_deref(), Some("total"));
        assert_eq!(views[3].data_type, Some(DataType::Stream));
        assert_eq!(views[4].expire, Some(Expire::Seconds(100)));
        assert_eq!(
            views[4].effective_update(TargetDataType::Json, UpdateStrategy::Merge),
            UpdateStrategy::Replace
        );

        let track = by_name("track");
        match &track.transform[0] {
            Transform::Map(MapSpec {
                expression: MapExpr::Object(f),
                language: Lang::Sql,
            }) => {
                assert_eq!(f[0], ("id".to_string(), MapExpr::Expr("trackid".into())));
                assert_eq!(f.len(), 4);
            }
            other => panic!("{other:?}"),
        }
        assert!(
            matches!(&track.output[0].expire, Some(Expire::Expression(e)) if e.expression == "3600 + id")
        );
        assert!(track
            .expressions
            .iter()
            .any(|(p, e)| p == "transform[0].with.expression.duration" && e.language == Lang::Sql));
        assert!(matches!(
            &by_name("employee").transform[0],
            Transform::Map(MapSpec {
                expression: MapExpr::Expr(_),
                language: Lang::Jmespath
            })
        ));
        assert_eq!(
            by_name("invoice").output[0],
            Output {
                data_type: Some(DataType::Json),
                ..Output::default()
            }
        );
    }

    #[test]
    fn job_without_output_gets_the_default_write() {
        let j = job("name: Add operation code\nsource:\n  schema: public\n  table: employee\n  row_format: full\ntransform:\n  - uses: add_field\n    with:\n      field: after.operation_code\n      expression: opcode\n      language: jmespath\n");
        assert_eq!(j.name, "orders");
        assert_eq!(j.output, vec![Output::default()]);
        assert_eq!(j.output[0].connection, "target");
    }

    #[test]
    fn bad_data_type_names_file_job_and_field() {
        let e = errors(&format!(
            "{HEAD}output:\n  - uses: redis.write\n    with:\n      data_type: hashh\n"
        ));
        assert_eq!(
            e,
            "jobs/orders.yaml: job 'orders': output[0].with.data_type: unknown data type 'hashh' (expected hash, json, set, sorted_set, stream, string)"
        );
    }

    #[test]
    fn missing_table() {
        let e = errors("source:\n  schema: public\n");
        assert_eq!(
            e,
            "jobs/orders.yaml: job 'orders': source.table: missing required key `table`"
        );
        let e = errors("output: []\n");
        assert!(
            e.contains("job 'orders': source: missing required section `source`"),
            "{e}"
        );
        assert!(e.contains("output: must contain at least one"), "{e}");
    }

    #[test]
    fn unknown_keys_everywhere_are_collected() {
        let e = errors(
            "source:\n  table: orders\n  tabel: x\ntransform:\n  - uses: filter\n    with:\n      expression: a > 1\n      language: sql\n      lang: sql\noutput:\n  - uses: redis.write\n    with:\n      data_type: hash\n      ttl: 5\nextra: true\n",
        );
        let lines: Vec<&str> = e.lines().collect();
        assert_eq!(lines.len(), 4, "{e}");
        assert!(e.contains("job 'orders': source.tabel: unknown key `tabel` (expected one of: server_name, db, schema, table, row_format, case_insensitive)"), "{e}");
        assert!(
            e.contains("transform[0].with.lang: unknown key `lang`"),
            "{e}"
        );
        assert!(e.contains("output[0].with.ttl: unknown key `ttl`"), "{e}");
        assert!(
            e.contains("job 'orders': extra: unknown key `extra`"),
            "{e}"
        );
    }

    #[test]
    fn bad_language() {
        let e = errors(&format!(
            "{HEAD}transform:\n  - uses: add_field\n    with:\n      fields:\n        - field: a\n          expression: b\n          language: python\n"
        ));
        assert_eq!(
            e,
            "jobs/orders.yaml: job 'orders': transform[0].with.fields[0].language: unknown language 'python' (expected jmespath, sql)"
        );
        let e = errors(&format!(
            "{HEAD}output:\n  - uses: redis.write\n    with:\n      key:\n        expression: concat(['o:', id])\n"
        ));
        assert_eq!(
            e,
            "jobs/orders.yaml: job 'orders': output[0].with.key.language: missing required key `language` (jmespath or sql)"
        );
    }

    #[test]
    fn args_rules() {
        let e = errors(&format!(
            "{HEAD}output:\n  - uses: redis.write\n    with:\n      data_type: sorted_set\n      key:\n        expression: \"`orders:by_total`\"\n        language: jmespath\n      args:\n        member: id\n"
        ));
        assert_eq!(
            e,
            "jobs/orders.yaml: job 'orders': output[0].with.args: data_type sorted_set requires `args.score` (a field name)"
        );
        let e = errors(&format!(
            "{HEAD}output:\n  - uses: redis.write\n    with:\n      data_type: string\n  - uses: redis.write\n    with:\n      data_type: set\n  - uses: redis.write\n    with:\n      args:\n        value: total\n"
        ));
        assert!(
            e.contains("output[0].with.args: data_type string requires `args.value`"),
            "{e}"
        );
        assert!(
            e.contains("output[1].with.args: data_type set requires `args.member`"),
            "{e}"
        );
        assert!(e.contains("output[2].with.args.value: `args.value` is only valid for string, not data_type the default (target_data_type)"), "{e}");
        let e = errors(&format!(
            "{HEAD}output:\n  - uses: redis.write\n    with:\n      data_type: set\n      args: {{member: id}}\n      mapping: [id]\n"
        ));
        assert!(e.contains("output[0].with.mapping: `mapping` is supported for hash, json and stream only, not set"), "{e}");
    }

    #[test]
    fn nest_rules() {
        let e = errors(&format!(
            "{HEAD}output:\n  - uses: redis.write\n    with:\n      data_type: hash\n      on_update: replace\n      key:\n        expression: id\n        language: jmespath\n      nest:\n        parent:\n          table: customers\n        nesting_key: id\n        parent_key: customer_id\n        path: orders\n        structure: list\n"
        ));
        assert!(
            e.contains("output[0].with.key: `key` cannot be used with `nest`"),
            "{e}"
        );
        assert!(
            e.contains("output[0].with.data_type: `nest` writes JSON; data_type must be json"),
            "{e}"
        );
        assert!(
            e.contains("output[0].with.on_update: `nest` always merges"),
            "{e}"
        );
        assert!(
            e.contains("output[0].with.nest.path: must start at the document root `$`"),
            "{e}"
        );
        assert!(
            e.contains(
                "output[0].with.nest.structure: unknown nesting structure 'list' (expected map)"
            ),
            "{e}"
        );
        let e = errors(&format!(
            "{HEAD}output:\n  - uses: redis.write\n    with:\n      nest:\n        parent: {{schema: public}}\n        path: $.x\n"
        ));
        assert!(
            e.contains("output[0].with.nest.parent.table: missing required key `table`"),
            "{e}"
        );
        assert!(
            e.contains("output[0].with.nest.nesting_key: missing required key"),
            "{e}"
        );
        assert!(
            e.contains("output[0].with.nest.parent_key: missing required key"),
            "{e}"
        );
    }

    #[test]
    fn unsupported_blocks_name_uses() {
        let e = errors(&format!(
            "{HEAD}transform:\n  - uses: redis.lookup\n    with:\n      connection: target\n      cmd: HGET\n      args: [\"`k`\", \"`f`\"]\n      language: jmespath\n      field: artist\n  - uses: add_feild\n    with: {{}}\noutput:\n  - uses: relational.write\n    with: {{}}\n  - uses: redis.writ\n"
        ));
        assert!(
            !e.contains("transform[0]"),
            "redis.lookup is supported: {e}"
        );
        assert!(
            e.contains("transform[1].uses: unknown transform block 'add_feild'"),
            "{e}"
        );
        assert!(
            e.contains(
                "output[0].uses: output `relational.write` (RDI write-behind) is not supported"
            ),
            "{e}"
        );
        assert!(
            e.contains("output[1].uses: unknown output block 'redis.writ' (expected redis.write)"),
            "{e}"
        );
    }

    #[test]
    fn expire_forms() {
        let j = job(&format!(
            "{HEAD}output:\n  - uses: redis.write\n    with:\n      expire: 0\n  - uses: redis.write\n    with:\n      expire:\n        expression: EXPIRES_TIMESTAMP / 1000 - STRFTIME('%s', 'now')\n        language: sql\n        cache: {{enabled: true, ttl_seconds: 5}}\n"
        ));
        assert_eq!(j.output[0].expire, None);
        assert!(
            matches!(&j.output[1].expire, Some(Expire::Expression(e)) if e.language == Lang::Sql)
        );
        assert_eq!(j.expressions[0].0, "output[1].with.expire.expression");
        let e = errors(&format!(
            "{HEAD}output:\n  - uses: redis.write\n    with:\n      expire: -5\n  - uses: redis.write\n    with:\n      expire: soon\n"
        ));
        assert!(
            e.contains(
                "output[0].with.expire: expected a non-negative number of seconds, found -5"
            ),
            "{e}"
        );
        assert!(
            e.contains(
                "output[1].with.expire: expected seconds or {expression, language}, found 'soon'"
            ),
            "{e}"
        );
    }

    #[test]
    fn transform_forms() {
        let j = job(&format!(
            "{HEAD}transform:\n  - uses: rename_field\n    with:\n      fields:\n        - from_field: name.lname\n          to_field: name.last_name\n        - from_field: name.fname\n          to_field: name.first_name\n  - uses: remove_field\n    with:\n      field: credit_card\n  - uses: add_field\n    with:\n      field: country\n      language: sql\n      expression: country_code || ' - ' || UPPER(country_name)\n"
        ));
        assert_eq!(
            j.transform[0],
            Transform::RenameField {
                pairs: vec![
                    ("name.lname".into(), "name.last_name".into()),
                    ("name.fname".into(), "name.first_name".into())
                ]
            }
        );
        assert_eq!(
            j.transform[1],
            Transform::RemoveField {
                fields: vec!["credit_card".into()]
            }
        );
        assert_eq!(j.expressions[0].0, "transform[2].with.expression");
        let e = errors(&format!(
            "{HEAD}transform:\n  - uses: add_field\n    with:\n      expression: x\n      language: sql\n  - uses: rename_field\n    with:\n      fields:\n        - from_field: a\n  - uses: map\n    with:\n      expression: [a]\n      language: sql\n  - uses: filter\n"
        ));
        assert!(
            e.contains("transform[0].with: expected `field` or `fields`"),
            "{e}"
        );
        assert!(
            e.contains("transform[1].with.fields[0].to_field: missing required key `to_field`"),
            "{e}"
        );
        assert!(
            e.contains("transform[2].with.expression: expected an expression string or a mapping"),
            "{e}"
        );
        assert!(
            e.contains("transform[3].with: missing required key `with`"),
            "{e}"
        );
    }

    #[test]
    fn table_rules_and_cross_job_checks() {
        let e = errors("source:\n  table: ord*\n");
        assert!(
            e.contains("source.table: table patterns are not supported ('ord*')"),
            "{e}"
        );
        let dir = tempfile::tempdir().unwrap();
        let jobs = dir.path().join("jobs");
        std::fs::create_dir(&jobs).unwrap();
        std::fs::write(jobs.join("a.yaml"), "source:\n  table: \"*\"\n").unwrap();
        std::fs::write(jobs.join("b.yml"), "source:\n  table: \"*\"\n").unwrap();
        std::fs::write(jobs.join("c.yaml"), "source:\n  table: orders\n").unwrap();
        std::fs::write(jobs.join("c.yml"), "source:\n  table: orders\n").unwrap();
        std::fs::write(jobs.join("d.yaml"), "source:\n  table: orders\noutput:\n  - uses: redis.write\n    with:\n      connection: cache2\n      data_type: hashh\n").unwrap();
        std::fs::write(jobs.join("notes.txt"), "ignored").unwrap();
        let e = format_issues(&load_jobs(&jobs).unwrap_err());
        assert!(
            e.contains(
                "b.yml: job 'b': source.table: only one default job (table \"*\") is allowed"
            ),
            "{e}"
        );
        assert!(e.contains("c.yml: job 'c': duplicate job name 'c'"), "{e}");
        assert!(
            e.contains("d.yaml: job 'd': output[0].with.data_type: unknown data type 'hashh'"),
            "{e}"
        );
        assert_eq!(e.lines().count(), 3, "{e}");

        // Two jobs for one table are fine; an unknown connection is caught against config.yaml.
        std::fs::remove_file(jobs.join("b.yml")).unwrap();
        std::fs::remove_file(jobs.join("c.yml")).unwrap();
        std::fs::write(jobs.join("d.yaml"), "source:\n  table: orders\noutput:\n  - uses: redis.write\n    with:\n      connection: cache2\n").unwrap();
        let loaded = load_jobs(&jobs).unwrap();
        assert_eq!(loaded.len(), 3);
        let config = load_config(&examples().join("config.yaml")).unwrap();
        let e = format_issues(&validate_connections(&config, &loaded));
        assert!(e.ends_with("d.yaml: job 'd': output[0].with.connection: unknown connection 'cache2' (targets in config.yaml: target)"), "{e}");
    }

    #[test]
    fn expression_hook_reports_paths() {
        let j = job(&format!(
            "{HEAD}transform:\n  - uses: filter\n    with:\n      expression: \"a >\"\n      language: sql\noutput:\n  - uses: redis.write\n    with:\n      key:\n        expression: concat(['o:', id])\n        language: jmespath\n"
        ));
        let issues = validate_expressions(&[j], |e| {
            if e.expression.ends_with('>') {
                Err("incomplete input".into())
            } else {
                Ok(())
            }
        });
        assert_eq!(
            format_issues(&issues),
            "jobs/orders.yaml: job 'orders': transform[0].with.expression: invalid sql expression: incomplete input"
        );
    }

    #[test]
    fn yaml_errors_and_wrong_shapes() {
        let e = errors("source: [\n");
        assert!(
            e.starts_with("jobs/orders.yaml: job 'orders': invalid YAML"),
            "{e}"
        );
        let e = errors("- a\n- b\n");
        assert_eq!(
            e,
            "jobs/orders.yaml: job 'orders': expected a mapping, found a list"
        );
        let e = errors(&format!(
            "{HEAD}  row_format: compact\n  case_insensitive: maybe\n"
        ));
        assert!(e.contains("source.row_format: unknown row format 'compact' (expected partial, full, data_only)"), "{e}");
        assert!(
            e.contains("source.case_insensitive: expected true or false, found 'maybe'"),
            "{e}"
        );
    }
}
