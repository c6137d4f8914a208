//! From a change to target writes: the jobs that match its table (or the default job), their
//! transforms, and their outputs. Expressions are compiled once, when the planner is built.
//!
//! Values are first converted as RDI converts data types (dates to epoch ms, decimals to text,
//! unsupported types and unavailable placeholders dropped), so transforms and outputs see what
//! RDI's would.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use serde_json::{Map, Value};

use crate::config::{ProcessorSettings, TargetDataType, UpdateStrategy, DEFAULT_CONNECTION};
use crate::convert;
use crate::expr::{Expression, Language};
use crate::job::{DataType, Expire, ExprSpec, Job, Lang, MapExpr, Output, RowFormat, Transform};
use crate::record::{Change, Op};
use crate::runtime::{Planned, Planner, Rejection};
use crate::target::Write;

fn lang(l: Lang) -> Language {
    match l {
        Lang::Jmespath => Language::Jmespath,
        Lang::Sql => Language::Sql,
    }
}

fn compile(spec: &ExprSpec) -> Result<Expression, String> {
    Expression::compile(&spec.expression, lang(spec.language)).map_err(|e| e.to_string())
}

enum CompiledMap {
    Expr(Expression),
    Object(Vec<(String, CompiledMap)>),
}

enum Step {
    Lookup {
        lookups: Arc<Lookups>,
        connection: String,
        cmd: String,
        args: Vec<Expression>,
        field: String,
    },
    AddField(Vec<(String, Expression)>),
    RemoveField(Vec<String>),
    Rename(Vec<(String, String)>),
    Filter(Expression),
    Map(CompiledMap),
}

struct CompiledOutput {
    spec: Output,
    key: Option<Expression>,
    expire: Option<Expression>,
    data_type: DataType,
    update: UpdateStrategy,
    /// `use_native_json_merge`: JSON.MERGE deletes null fields; false keeps them as nulls.
    native_merge: bool,
}

struct CompiledJob {
    /// No transforms and hash outputs with the default key: written straight from the row.
    simple: bool,
    name: String,
    job: Option<Job>,
    row_format: RowFormat,
    steps: Vec<Step>,
    outputs: Vec<CompiledOutput>,
}

/// The planner over a set of jobs.
pub struct JobPlanner {
    jobs: Vec<CompiledJob>,
    default: CompiledJob,
    lookups: Arc<Lookups>,
}

/// The connections `redis.lookup` reads from: synchronous ones (planning runs on its own
/// threads), one per target connection name, made on first use and again after a failure.
#[derive(Default)]
pub struct Lookups {
    clients: std::sync::RwLock<HashMap<String, redis::Client>>,
    conns: Mutex<HashMap<String, redis::Connection>>,
}

impl Lookups {
    /// `cmd args...` on `connection`; one retry on a new connection after a failure.
    fn run(&self, connection: &str, cmd: &str, args: &[String]) -> Result<Value, String> {
        let client = self
            .clients
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .get(connection)
            .cloned()
            .ok_or_else(|| {
                format!("redis.lookup: connection `{connection}` is not in config.yaml targets")
            })?;
        let mut conns = self.conns.lock().unwrap_or_else(|e| e.into_inner());
        let mut last = String::new();
        for _ in 0..2 {
            if !conns.contains_key(connection) {
                match client.get_connection_with_timeout(std::time::Duration::from_secs(5)) {
                    Ok(c) => {
                        let _ = c.set_read_timeout(Some(std::time::Duration::from_secs(5)));
                        conns.insert(connection.to_string(), c);
                    }
                    Err(e) => {
                        last = e.to_string();
                        continue;
                    }
                }
            }
            let c = conns.get_mut(connection).expect("inserted above");
            match redis::cmd(cmd).arg(args).query::<redis::Value>(c) {
                Ok(v) => return Ok(redis_to_json(v)),
                Err(e) if e.is_io_error() || e.is_connection_dropped() || e.is_timeout() => {
                    last = e.to_string();
                    conns.remove(connection);
                }
                Err(e) => return Err(format!("redis.lookup {cmd}: {e}")),
            }
        }
        Err(format!("redis.lookup {cmd} on `{connection}`: {last}"))
    }
}

/// A Redis reply as JSON: nil → null, strings → strings (bulk strings as UTF-8 text), integers
/// and doubles → numbers, arrays/sets → arrays, maps → objects.
fn redis_to_json(v: redis::Value) -> Value {
    use redis::Value as R;
    match v {
        R::Nil => Value::Null,
        R::Int(i) => Value::from(i),
        R::Double(d) => serde_json::Number::from_f64(d).map_or(Value::Null, Value::Number),
        R::Boolean(b) => Value::Bool(b),
        R::BulkString(b) => Value::String(String::from_utf8_lossy(&b).into_owned()),
        R::SimpleString(s) => Value::String(s),
        R::Okay => Value::String("OK".into()),
        R::Array(a) | R::Set(a) => Value::Array(a.into_iter().map(redis_to_json).collect()),
        R::Map(m) => Value::Object(
            m.into_iter()
                .map(|(k, v)| {
                    let k = match redis_to_json(k) {
                        Value::String(s) => s,
                        other => other.to_string(),
                    };
                    (k, redis_to_json(v))
                })
                .collect(),
        ),
        R::VerbatimString { text, .. } => Value::String(text),
        R::BigNumber(n) => Value::String(String::from_utf8_lossy(&n).into_owned()),
        R::Attribute { data, .. } => redis_to_json(*data),
        R::Push { data, .. } => Value::Array(data.into_iter().map(redis_to_json).collect()),
        R::ServerError(e) => Value::String(format!("{e:?}")),
        _ => Value::Null,
    }
}

fn compile_map(m: &MapExpr, l: Lang) -> Result<CompiledMap, String> {
    Ok(match m {
        MapExpr::Expr(e) => CompiledMap::Expr(compile(&ExprSpec {
            expression: e.clone(),
            language: l,
        })?),
        MapExpr::Object(fields) => CompiledMap::Object(
            fields
                .iter()
                .map(|(k, v)| compile_map(v, l).map(|c| (k.clone(), c)))
                .collect::<Result<_, _>>()?,
        ),
    })
}

fn compile_job(
    job: &Job,
    settings: &ProcessorSettings,
    lookups: &Arc<Lookups>,
) -> Result<CompiledJob, String> {
    let mut steps = Vec::new();
    for t in &job.transform {
        steps.push(match t {
            Transform::AddField { fields } => Step::AddField(
                fields
                    .iter()
                    .map(|(f, e)| compile(e).map(|c| (f.clone(), c)))
                    .collect::<Result<_, _>>()?,
            ),
            Transform::RemoveField { fields } => Step::RemoveField(fields.clone()),
            Transform::RenameField { pairs } => Step::Rename(pairs.clone()),
            Transform::Filter(e) => Step::Filter(compile(e)?),
            Transform::Map(m) => Step::Map(compile_map(&m.expression, m.language)?),
            Transform::Lookup(l) => Step::Lookup {
                lookups: lookups.clone(),
                connection: l.connection.clone(),
                cmd: l.cmd.clone(),
                args: l.args.iter().map(compile).collect::<Result<_, _>>()?,
                field: l.field.clone(),
            },
        });
    }
    let mut outputs = Vec::new();
    for o in &job.output {
        outputs.push(CompiledOutput {
            key: o.key.as_ref().map(compile).transpose()?,
            expire: match &o.expire {
                Some(Expire::Expression(e)) => Some(compile(e)?),
                _ => None,
            },
            data_type: o.effective_data_type(settings.target_data_type),
            update: o.effective_update(settings.target_data_type, settings.json_update_strategy),
            native_merge: settings.use_native_json_merge,
            spec: o.clone(),
        });
    }
    let simple = is_simple(&steps, job.source.row_format, &outputs);
    Ok(CompiledJob {
        simple,
        name: job.name.clone(),
        row_format: job.source.row_format,
        job: Some(job.clone()),
        steps,
        outputs,
    })
}

fn builtin_default(settings: &ProcessorSettings) -> CompiledJob {
    let dt = match settings.target_data_type {
        TargetDataType::Hash => DataType::Hash,
        TargetDataType::Json => DataType::Json,
    };
    CompiledJob {
        simple: dt == DataType::Hash,
        name: "default".into(),
        job: None,
        row_format: RowFormat::Partial,
        steps: Vec::new(),
        outputs: vec![CompiledOutput {
            spec: Output {
                connection: DEFAULT_CONNECTION.to_string(),
                data_type: Some(dt),
                key: None,
                args: Default::default(),
                mapping: Vec::new(),
                on_update: None,
                expire: None,
                nest: None,
            },
            key: None,
            expire: None,
            data_type: dt,
            update: if dt == DataType::Json {
                settings.json_update_strategy
            } else {
                UpdateStrategy::Replace
            },
            native_merge: settings.use_native_json_merge,
        }],
    }
}

fn is_simple(steps: &[Step], format: RowFormat, outputs: &[CompiledOutput]) -> bool {
    steps.is_empty()
        && format == RowFormat::Partial
        && outputs.iter().all(|o| {
            o.data_type == DataType::Hash
                && o.key.is_none()
                && o.expire.is_none()
                && o.spec.mapping.is_empty()
                && o.spec.nest.is_none()
        })
}

impl JobPlanner {
    /// Compiles the jobs; an expression that does not compile is reported with its job.
    pub fn new(jobs: &[Job], settings: &ProcessorSettings) -> Result<JobPlanner, String> {
        let lookups = Arc::new(Lookups::default());
        let mut compiled = Vec::new();
        let mut default = None;
        for j in jobs {
            let c = compile_job(j, settings, &lookups)
                .map_err(|e| format!("{}: job '{}': {e}", j.file.display(), j.name))?;
            if j.is_default() {
                default = Some(c);
            } else {
                compiled.push(c);
            }
        }
        Ok(JobPlanner {
            jobs: compiled,
            default: default.unwrap_or_else(|| builtin_default(settings)),
            lookups,
        })
    }

    /// The target connections `redis.lookup` blocks read from (by name).
    pub fn set_lookup_clients(&self, clients: HashMap<String, redis::Client>) {
        *self
            .lookups
            .clients
            .write()
            .unwrap_or_else(|e| e.into_inner()) = clients;
    }
}

/// The converted row (RDI data types) and the types by column.
fn converted(change: &Change, row: &Map<String, Value>) -> Map<String, Value> {
    let mut out = Map::new();
    for (k, v) in row {
        if let Some(c) = convert::logical(v, change.field_type(k).as_ref()) {
            out.insert(k.clone(), c);
        }
    }
    out
}

fn record_for(change: &Change, format: RowFormat) -> Value {
    match format {
        RowFormat::Partial => {
            let row = match change.op {
                Op::Delete => change.before.as_ref(),
                _ => change.after.as_ref().or(change.before.as_ref()),
            };
            Value::Object(row.map(|r| converted(change, r)).unwrap_or_default())
        }
        RowFormat::Full => {
            let mut full = change.full();
            for img in ["before", "after"] {
                if let Some(Value::Object(m)) = full.get(img) {
                    let c = converted(change, m);
                    full[img] = Value::Object(c);
                }
            }
            full
        }
    }
}

fn get_path<'a>(v: &'a Value, path: &str) -> Option<&'a Value> {
    let mut cur = v;
    for p in path.split('.') {
        cur = cur.get(p)?;
    }
    Some(cur)
}

fn set_path(v: &mut Value, path: &str, value: Value) {
    let parts: Vec<&str> = path.split('.').collect();
    let mut cur = v;
    for (i, p) in parts.iter().enumerate() {
        if !cur.is_object() {
            *cur = Value::Object(Map::new());
        }
        let obj = cur.as_object_mut().expect("object");
        if i + 1 == parts.len() {
            obj.insert(p.to_string(), value);
            return;
        }
        cur = obj
            .entry(p.to_string())
            .or_insert_with(|| Value::Object(Map::new()));
    }
}

fn eval_map(m: &CompiledMap, record: &Value) -> Result<Value, String> {
    Ok(match m {
        CompiledMap::Expr(e) => e.eval(record).map_err(|e| e.to_string())?,
        CompiledMap::Object(fields) => {
            let mut o = Map::new();
            for (k, v) in fields {
                o.insert(k.clone(), eval_map(v, record)?);
            }
            Value::Object(o)
        }
    })
}

fn text(v: &Value) -> Option<String> {
    match v {
        Value::Null => None,
        Value::String(s) => Some(s.clone()),
        other => convert::hash_string(other).or_else(|| Some(other.to_string())),
    }
}

/// `<table>:<pk1>:<v1>[:<pk2>:<v2>...]`.
fn default_key(change: &Change) -> Result<String, String> {
    let key = change.key_values().ok_or_else(|| {
        format!(
            "table {} has no primary key: add a job with an output key expression for it",
            change.table
        )
    })?;
    let mut k = change.table.clone();
    for (name, v) in key {
        let v = convert::logical(&v, change.field_type(&name).as_ref()).unwrap_or(Value::Null);
        k.push(':');
        k.push_str(&name);
        k.push(':');
        k.push_str(&text(&v).unwrap_or_default());
    }
    Ok(k)
}

impl CompiledJob {
    /// The default job's path: fields converted straight from the row, no intermediate record.
    fn plan_simple(&self, change: &Change, out: &mut Planned) -> Result<(), String> {
        let key = default_key(change)?;
        let row = match change.op {
            Op::Delete => None,
            _ => change.after.as_ref().or(change.before.as_ref()),
        };
        for o in &self.outputs {
            let w = match row {
                None => Write::Delete { key: key.clone() },
                Some(row) => {
                    let mut fields = Vec::with_capacity(row.len());
                    let mut removed = Vec::new();
                    for (k, v) in row {
                        let t = change.field_type(k);
                        match convert::hash_field_fast(v, t.as_ref()) {
                            Some(s) => fields.push((k.clone(), s)),
                            None => removed.push(k.clone()),
                        }
                    }
                    let replace = o.update == UpdateStrategy::Replace && change.op == Op::Update;
                    let expire = match &o.spec.expire {
                        Some(Expire::Seconds(s)) => Some(*s),
                        _ => None,
                    };
                    Write::Hash {
                        key: key.clone(),
                        fields,
                        removed,
                        replace,
                        expire,
                    }
                }
            };
            out.writes.push((o.spec.connection.clone(), w));
        }
        Ok(())
    }

    fn plan(&self, change: &Change, out: &mut Planned) -> Result<(), String> {
        if self.simple {
            return self.plan_simple(change, out);
        }
        self.plan_record(change, record_for(change, self.row_format), out)
    }

    /// `plan` for the only job of a change, in the partial row format: the row is moved out of
    /// the change and converted in place instead of being copied.
    fn plan_moved(&self, mut change: Change, out: &mut Planned) -> Result<(), String> {
        if self.simple || self.row_format != RowFormat::Partial {
            return self.plan(&change, out);
        }
        let row = match change.op {
            Op::Delete => change.before.take(),
            _ => change.after.take().or_else(|| change.before.take()),
        };
        let mut row = row.unwrap_or_default();
        row.retain(|k, v| {
            match convert::logical_owned(std::mem::take(v), change.field_type(k).as_ref()) {
                Some(c) => {
                    *v = c;
                    true
                }
                None => false,
            }
        });
        self.plan_record(&change, Value::Object(row), out)
    }

    /// Runs the transforms over a record and plans the outputs.
    fn plan_record(
        &self,
        change: &Change,
        mut record: Value,
        out: &mut Planned,
    ) -> Result<(), String> {
        for step in &self.steps {
            match step {
                Step::Lookup {
                    lookups,
                    connection,
                    cmd,
                    args,
                    field,
                } => {
                    let mut a = Vec::with_capacity(args.len());
                    for e in args {
                        a.push(match e.eval(&record).map_err(|e| e.to_string())? {
                            Value::String(s) => s,
                            Value::Null => String::new(),
                            other => other.to_string(),
                        });
                    }
                    let v = lookups.run(connection, cmd, &a)?;
                    set_path(&mut record, field, v);
                }
                Step::AddField(fields) => {
                    for (f, e) in fields {
                        let v = e.eval(&record).map_err(|e| e.to_string())?;
                        set_path(&mut record, f, v);
                    }
                }
                Step::RemoveField(fields) => {
                    for f in fields {
                        if let Some(o) = record.as_object_mut() {
                            o.remove(f);
                        }
                    }
                }
                Step::Rename(pairs) => {
                    if let Some(o) = record.as_object_mut() {
                        for (from, to) in pairs {
                            if let Some(v) = o.remove(from) {
                                o.insert(to.clone(), v);
                            }
                        }
                    }
                }
                Step::Filter(e) => {
                    if !e.eval_bool(&record).map_err(|e| e.to_string())? {
                        out.filtered = true;
                        return Ok(());
                    }
                }
                Step::Map(m) => record = eval_map(m, &record)?,
            }
        }
        // outputs read the row: for the full format, the after (or before) image plus fields added at top level
        let full_row;
        let row = match self.row_format {
            RowFormat::Partial => &record,
            RowFormat::Full => {
                let img = if change.op == Op::Delete {
                    "before"
                } else {
                    "after"
                };
                let mut r = record
                    .get(img)
                    .cloned()
                    .filter(Value::is_object)
                    .unwrap_or(Value::Object(Map::new()));
                if let (Some(rm), Some(top)) = (r.as_object_mut(), record.as_object()) {
                    for (k, v) in top {
                        if !matches!(
                            k.as_str(),
                            "key" | "before" | "after" | "opcode" | "db" | "table" | "schema"
                        ) {
                            rm.insert(k.clone(), v.clone());
                        }
                    }
                }
                full_row = r;
                &full_row
            }
        };
        for o in &self.outputs {
            self.output(change, o, &record, row, out)?;
        }
        Ok(())
    }

    fn output(
        &self,
        change: &Change,
        o: &CompiledOutput,
        record: &Value,
        row: &Value,
        out: &mut Planned,
    ) -> Result<(), String> {
        let conn = o.spec.connection.clone();
        let delete = change.op == Op::Delete;
        // nest: the child goes into its parent's document
        if let Some(n) = &o.spec.nest {
            let child_key = n.child_key_field();
            let parent_id = get_path(row, child_key)
                .and_then(text)
                .ok_or_else(|| format!("nest: child field `{child_key}` is missing"))?;
            let child_id = get_path(row, &n.nesting_key)
                .and_then(text)
                .ok_or_else(|| format!("nest: nesting key `{}` is missing", n.nesting_key))?;
            let key = format!("{}:{}:{}", n.parent.table, n.parent_key, parent_id);
            let path = n.path.trim_start_matches('$').trim_start_matches('.');
            let child = if delete {
                Value::Null
            } else {
                mapped_json(change, row, &o.spec)
            };
            let mut patch = Value::Object(Map::new());
            set_path(&mut patch, &format!("{path}.{child_id}"), child);
            out.writes.push((conn, Write::JsonNested { key, patch }));
            return Ok(());
        }
        let key = match &o.key {
            Some(e) => {
                let v = e
                    .eval(record)
                    .map_err(|err| format!("key expression `{}`: {err}", e_src(e)))?;
                text(&v).ok_or_else(|| format!("key expression `{}` gave no value", e_src(e)))?
            }
            None => default_key(change)?,
        };
        let expire = match (&o.spec.expire, &o.expire) {
            (Some(Expire::Seconds(s)), _) => Some(*s),
            (_, Some(e)) => {
                let v = e.eval(record).map_err(|e| e.to_string())?;
                v.as_f64().map(|f| f.max(0.0) as u64).filter(|s| *s > 0)
            }
            _ => None,
        };
        let arg = |name: &Option<String>, what: &str| -> Result<String, String> {
            let f = name
                .as_deref()
                .ok_or_else(|| format!("{what} is not set"))?;
            get_path(row, f)
                .and_then(text)
                .ok_or_else(|| format!("{what} field `{f}` is missing or null"))
        };
        let w = match o.data_type {
            DataType::Hash => {
                if delete {
                    Write::Delete { key }
                } else {
                    let (fields, removed) = mapped_hash(change, row, &o.spec);
                    Write::Hash {
                        key,
                        fields,
                        removed,
                        replace: o.update == UpdateStrategy::Replace,
                        expire,
                    }
                }
            }
            DataType::Json => {
                if delete {
                    Write::Delete { key }
                } else {
                    Write::Json {
                        key,
                        doc: mapped_json(change, row, &o.spec),
                        merge: o.update == UpdateStrategy::Merge,
                        keep_nulls: o.update == UpdateStrategy::Merge && !o.native_merge,
                        expire,
                    }
                }
            }
            DataType::Set => Write::Set {
                key,
                member: arg(&o.spec.args.member, "args.member")?,
                remove: delete,
                expire,
            },
            DataType::SortedSet => {
                let member = arg(&o.spec.args.member, "args.member")?;
                // a delete removes the member: its score is not needed (and usually not sent)
                let score = if delete {
                    0.0
                } else {
                    let score_text = arg(&o.spec.args.score, "args.score")?;
                    score_text
                        .parse()
                        .map_err(|_| format!("args.score `{score_text}` is not a number"))?
                };
                Write::SortedSet {
                    key,
                    member,
                    score,
                    remove: delete,
                    expire,
                }
            }
            DataType::String => {
                if delete {
                    Write::Delete { key }
                } else {
                    Write::String {
                        key,
                        value: arg(&o.spec.args.value, "args.value")?,
                        expire,
                    }
                }
            }
            DataType::Stream => {
                let (mut fields, _) = mapped_hash(change, row, &o.spec);
                fields.push(("op_code".into(), change.op.code().into()));
                Write::Stream {
                    key,
                    fields,
                    source_stream: String::new(),
                    source_id: String::new(),
                }
            }
        };
        out.writes.push((conn, w));
        Ok(())
    }
}

fn e_src(e: &Expression) -> &str {
    e.source()
}

/// The (target field, source value) pairs an output writes: its mapping, or every field.
fn mapped(row: &Value, spec: &Output) -> Vec<(String, String, Value)> {
    let Some(obj) = row.as_object() else {
        return Vec::new();
    };
    if spec.mapping.is_empty() {
        return obj
            .iter()
            .map(|(k, v)| (k.clone(), k.clone(), v.clone()))
            .collect();
    }
    spec.mapping
        .iter()
        .map(|m| {
            (
                m.target.clone(),
                m.source.clone(),
                get_path(row, &m.source).cloned().unwrap_or(Value::Null),
            )
        })
        .collect()
}

fn mapped_hash(
    _change: &Change,
    row: &Value,
    spec: &Output,
) -> (Vec<(String, String)>, Vec<String>) {
    let mut fields = Vec::new();
    let mut removed = Vec::new();
    if spec.mapping.is_empty() {
        // every field, without copying the values first
        if let Some(obj) = row.as_object() {
            fields.reserve(obj.len());
            for (k, v) in obj {
                match convert::hash_string(v) {
                    Some(s) => fields.push((k.clone(), s)),
                    None => removed.push(k.clone()),
                }
            }
        }
        return (fields, removed);
    }
    for (target, _, v) in mapped(row, spec) {
        match convert::hash_string(&v) {
            Some(s) => fields.push((target, s)),
            None => removed.push(target),
        }
    }
    (fields, removed)
}

fn mapped_json(change: &Change, row: &Value, spec: &Output) -> Value {
    let mut doc = Value::Object(Map::new());
    for (target, source, v) in mapped(row, spec) {
        let v = convert::json_value(v, change.field_type(&source).as_ref());
        set_path(&mut doc, &target, v);
    }
    doc
}

impl JobPlanner {
    /// Whether only the built-in (or a simple) default job applies to this change.
    fn only_simple_default(&self, change: &Change) -> bool {
        self.default.simple && self.matching(change).next().is_none()
    }

    /// The jobs whose `source` names the change's table.
    fn matching<'s, 'c>(
        &'s self,
        change: &'c Change,
    ) -> impl Iterator<Item = &'s CompiledJob> + use<'s, 'c> {
        self.jobs.iter().filter(|j| {
            j.job.as_ref().is_some_and(|job| {
                job.source.matches(
                    Some(&change.server),
                    Some(&change.db),
                    Some(&change.schema),
                    &change.table,
                )
            })
        })
    }
}

/// The default job's hash write, moving the row's names and strings out of the change.
fn simple_hash_owned(job: &CompiledJob, mut change: Change) -> Result<Planned, String> {
    let key = default_key(&change)?;
    let mut out = Planned::default();
    let row = match change.op {
        Op::Delete => None,
        _ => change.after.take().or_else(|| change.before.take()),
    };
    let Some(row) = row else {
        for o in &job.outputs {
            out.writes.push((
                o.spec.connection.clone(),
                Write::Delete { key: key.clone() },
            ));
        }
        return Ok(out);
    };
    let mut fields = Vec::with_capacity(row.len());
    let mut removed = Vec::new();
    for (k, v) in row {
        let converted = match (change.field_type(&k), v) {
            (None, Value::String(s))
                if s != convert::UNAVAILABLE && s != convert::UNAVAILABLE_B64 =>
            {
                Some(s)
            }
            (t, v) => convert::hash_field_fast(&v, t.as_ref()),
        };
        match converted {
            Some(s) => fields.push((k, s)),
            None => removed.push(k),
        }
    }
    let n = job.outputs.len();
    for (i, o) in job.outputs.iter().enumerate() {
        let replace = o.update == UpdateStrategy::Replace && change.op == Op::Update;
        let expire = match &o.spec.expire {
            Some(Expire::Seconds(s)) => Some(*s),
            _ => None,
        };
        let (f, r) = if i + 1 == n {
            (std::mem::take(&mut fields), std::mem::take(&mut removed))
        } else {
            (fields.clone(), removed.clone())
        };
        out.writes.push((
            o.spec.connection.clone(),
            Write::Hash {
                key: key.clone(),
                fields: f,
                removed: r,
                replace,
                expire,
            },
        ));
    }
    Ok(out)
}

impl Planner for JobPlanner {
    fn blocking(&self) -> bool {
        self.jobs
            .iter()
            .chain(std::iter::once(&self.default))
            .any(|j| j.steps.iter().any(|s| matches!(s, Step::Lookup { .. })))
    }

    fn fast_default(&self) -> bool {
        self.jobs.is_empty()
            && self.default.job.is_none()
            && self.default.simple
            && self
                .default
                .outputs
                .iter()
                .all(|o| o.spec.connection == DEFAULT_CONNECTION && o.spec.expire.is_none())
    }

    fn plan_owned(&self, stream: &str, change: Change) -> Result<Planned, Rejection> {
        if !matches!(change.op, Op::Truncate | Op::Message) && self.only_simple_default(&change) {
            return simple_hash_owned(&self.default, change).map_err(|reason| Rejection {
                job: self.default.name.clone(),
                reason,
            });
        }
        if matches!(change.op, Op::Truncate | Op::Message) {
            return self.plan(stream, &change);
        }
        // one matching job (the usual case): plan it on the moved change
        let only = {
            let mut matching = self.matching(&change);
            match (matching.next(), matching.next()) {
                (Some(j), None) => j,
                (None, _) => &self.default,
                _ => return self.plan(stream, &change),
            }
        };
        let mut out = Planned::default();
        only.plan_moved(change, &mut out)
            .map_err(|reason| Rejection {
                job: only.name.clone(),
                reason,
            })?;
        Ok(out)
    }

    fn plan(&self, _stream: &str, change: &Change) -> Result<Planned, Rejection> {
        let mut out = Planned::default();
        if matches!(change.op, Op::Truncate | Op::Message) {
            out.filtered = true;
            return Ok(out);
        }
        let matching: Vec<&CompiledJob> = self.matching(change).collect();
        let jobs: Vec<&CompiledJob> = if matching.is_empty() {
            vec![&self.default]
        } else {
            matching
        };
        let mut all_filtered = true;
        for j in jobs {
            let mut p = Planned::default();
            j.plan(change, &mut p).map_err(|reason| Rejection {
                job: j.name.clone(),
                reason,
            })?;
            all_filtered &= p.filtered;
            out.writes.extend(p.writes);
        }
        out.filtered = all_filtered;
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::{parse_entry, Entry};
    use serde_json::json;

    fn change(op: &str, before: Value, after: Value, table: &str, key: Value) -> Change {
        let value = json!({"before": before, "after": after,
            "source": {"name": "dbserver1", "db": "chinook", "schema": "public", "table": table}, "op": op});
        match parse_entry(
            &[
                ("key".into(), key.to_string()),
                ("value".into(), value.to_string()),
            ],
            "default",
        )
        .unwrap()
        {
            Entry::Change(c) => *c,
            Entry::Tombstone => panic!("tombstone"),
        }
    }

    fn planner(job_yaml: &str, settings: &ProcessorSettings) -> JobPlanner {
        let job = crate::job::parse_job(job_yaml, std::path::Path::new("jobs/j.yaml"))
            .expect("job parses");
        JobPlanner::new(&[job], settings).expect("job compiles")
    }

    #[test]
    fn json_document_replace_and_merge() {
        let mut settings = ProcessorSettings {
            target_data_type: TargetDataType::Json,
            ..Default::default()
        };
        let job = "source:\n  table: invoice\ntransform:\n  - uses: add_field\n    with:\n      field: meta.total_cents\n      language: sql\n      expression: total * 100\noutput:\n  - uses: redis.write\n    with:\n      data_type: json\n      key:\n        expression: \"'invoice:' || invoiceid\"\n        language: sql\n      mapping:\n        - invoiceid\n        - total\n        - meta.total_cents: cents\n        - billingcity: city\n";
        let p = planner(job, &settings);
        let c = change(
            "c",
            Value::Null,
            json!({"invoiceid": 7, "total": 1.5, "billingcity": "Oslo"}),
            "invoice",
            json!({"invoiceid": 7}),
        );
        let w = p.plan("s", &c).unwrap().writes;
        assert_eq!(w.len(), 1);
        let Write::Json {
            key,
            doc,
            merge,
            expire,
            ..
        } = &w[0].1
        else {
            panic!("{w:?}")
        };
        assert_eq!(key, "invoice:7");
        assert_eq!(
            doc,
            &json!({"invoiceid": 7, "total": 1.5, "cents": 150.0, "city": "Oslo"})
        );
        assert!(!merge, "json_update_strategy defaults to replace");
        assert_eq!(*expire, None);
        // merge strategy: JSON.MERGE
        settings.json_update_strategy = UpdateStrategy::Merge;
        let p = planner(job, &settings);
        let Write::Json { merge, .. } = &p.plan("s", &c).unwrap().writes[0].1 else {
            panic!()
        };
        assert!(merge);
        // delete removes the document
        let d = change(
            "d",
            json!({"invoiceid": 7, "total": 1.5}),
            Value::Null,
            "invoice",
            json!({"invoiceid": 7}),
        );
        assert_eq!(
            p.plan("s", &d).unwrap().writes[0].1,
            Write::Delete {
                key: "invoice:7".into()
            }
        );
    }

    #[test]
    fn nest_child_rows_into_the_parent_document() {
        let settings = ProcessorSettings::default();
        let job = "source:\n  table: invoiceline\noutput:\n  - uses: redis.write\n    with:\n      nest:\n        parent:\n          table: invoice\n        nesting_key: invoicelineid\n        parent_key: invoiceid\n        path: $.lines\n        structure: map\n";
        let p = planner(job, &settings);
        let c = change(
            "c",
            Value::Null,
            json!({"invoicelineid": 3, "invoiceid": 7, "qty": 2}),
            "invoiceline",
            json!({"invoicelineid": 3}),
        );
        let w = p.plan("s", &c).unwrap().writes;
        assert_eq!(
            w[0].1,
            Write::JsonNested {
                key: "invoice:invoiceid:7".into(),
                patch: json!({"lines": {"3": {"invoicelineid": 3, "invoiceid": 7, "qty": 2}}})
            }
        );
        // a deleted child is removed from the map (JSON.MERGE with null)
        let d = change(
            "d",
            json!({"invoicelineid": 3, "invoiceid": 7, "qty": 2}),
            Value::Null,
            "invoiceline",
            json!({"invoicelineid": 3}),
        );
        assert_eq!(
            p.plan("s", &d).unwrap().writes[0].1,
            Write::JsonNested {
                key: "invoice:invoiceid:7".into(),
                patch: json!({"lines": {"3": null}})
            }
        );
    }

    #[test]
    fn default_job_with_json_target_type() {
        let settings = ProcessorSettings {
            target_data_type: TargetDataType::Json,
            ..Default::default()
        };
        let p = JobPlanner::new(&[], &settings).unwrap();
        let c = change(
            "r",
            Value::Null,
            json!({"id": 1, "payload": "{\"a\":1}", "n": null}),
            "t",
            json!({"id": 1}),
        );
        let Write::Json { key, doc, .. } = &p.plan("s", &c).unwrap().writes[0].1 else {
            panic!()
        };
        assert_eq!(key, "t:id:1");
        // schemaless: the JSON column stays a string (its type is unknown), nulls kept in documents
        assert_eq!(doc, &json!({"id": 1, "payload": "{\"a\":1}", "n": null}));
    }
}
