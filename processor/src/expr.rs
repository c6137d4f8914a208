//! RDI expressions: JMESPath (with RDI's custom functions) and SQL (SQLite expression syntax).
//!
//! Job files use expressions in `add_field`, `filter`, `map`, `redis.lookup` and in the
//! output `key` / `expire`. The input is the current record as a JSON object (the flat row for
//! `row_format: partial`, `{key, before, after, opcode, db, table, schema}` for `full`).
//!
//! # JMESPath
//! Compiled once with the `jmespath` crate against a process-wide [`Runtime`] holding the
//! builtin functions plus RDI's documented custom functions (see [`CUSTOM_FUNCTIONS`]), whose
//! semantics follow RDI's Python implementation (values are stringified the way Python's
//! `f"{x}"` does, so `concat(['a', null])` is `"aNone"`, as the RDI docs show).
//!
//! # SQL
//! The expression runs in a per-thread in-memory SQLite connection as
//! `SELECT (<expr>) FROM (SELECT ?1 AS "col1", ...)`. At compile time the set of record fields
//! the expression references is discovered by preparing the statement and collecting
//! `no such column` errors, so every evaluation binds exactly those fields (a field absent
//! from the record binds as NULL) and reuses one cached prepared statement. Qualified names
//! such as `after.id` (for `row_format: full`) are bound from the nested object. SQLite's
//! math functions (`floor`, `ceil`, `mod`, ...) are not compiled into the bundled SQLite,
//! so `floor`/`ceil`/`ceiling`/`trunc`/`mod`/`pi` are rewritten into core SQL.

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::fmt;
use std::sync::{Arc, LazyLock};

use jmespath::ast::Ast;
use jmespath::functions::{ArgumentType, CustomFunction, Signature};
use jmespath::{Context, ErrorReason, JmespathError, Rcvar, Runtime, Variable};
use rusqlite::config::DbConfig;
use rusqlite::types::{Null, ValueRef};
use rusqlite::Connection;
use serde_json::{Map, Number, Value};

/// Expression language of a job-file expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    Jmespath,
    Sql,
}

impl Language {
    pub fn as_str(self) -> &'static str {
        match self {
            Language::Jmespath => "jmespath",
            Language::Sql => "sql",
        }
    }
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Errors compiling or evaluating an expression. Messages name the expression, never row values.
#[derive(Debug, thiserror::Error)]
pub enum ExprError {
    #[error("invalid {language} expression `{expression}`: {message}")]
    Compile {
        language: Language,
        expression: String,
        message: String,
    },
    #[error("failed to evaluate expression `{expression}`: {message}")]
    Eval { expression: String, message: String },
}

/// A compiled expression. `Send + Sync`; evaluation of SQL uses a per-thread connection.
#[derive(Clone)]
pub struct Expression {
    source: String,
    language: Language,
    kind: Kind,
}

#[derive(Clone)]
enum Kind {
    Jmespath(jmespath::Expression<'static>),
    Sql(SqlExpr),
}

impl fmt::Debug for Expression {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Expression")
            .field("language", &self.language)
            .field("source", &self.source)
            .finish()
    }
}

impl Expression {
    /// Compiles `source`; syntax errors, unknown functions (JMESPath and SQL) and unsupported
    /// constructs are reported here rather than per record.
    pub fn compile(source: &str, language: Language) -> Result<Expression, ExprError> {
        let compile_err = |message: String| ExprError::Compile {
            language,
            expression: source.to_string(),
            message,
        };
        let kind = match language {
            Language::Jmespath => {
                let runtime: &'static Runtime = &RUNTIME;
                let expr = runtime
                    .compile(source)
                    .map_err(|e| compile_err(jmespath_message(&e)))?;
                check_functions(expr.as_ast(), runtime).map_err(compile_err)?;
                Kind::Jmespath(expr)
            }
            Language::Sql => Kind::Sql(SqlExpr::compile(source).map_err(compile_err)?),
        };
        Ok(Expression {
            source: source.to_string(),
            language,
            kind,
        })
    }

    pub fn source(&self) -> &str {
        &self.source
    }

    pub fn language(&self) -> Language {
        self.language
    }

    /// Evaluates against a record (a JSON object). JSON null/bool/number/string/array/object out.
    pub fn eval(&self, record: &Value) -> Result<Value, ExprError> {
        match &self.kind {
            Kind::Jmespath(expr) => {
                let out = self.eval_jmespath(expr, record)?;
                Ok(var_to_json(&out))
            }
            Kind::Sql(sql) => sql.eval(record, false).map_err(|m| self.eval_err(m)),
        }
    }

    /// Truthiness for `filter`: JMESPath truthiness (false, null, "", [], {} are false; 0 is
    /// true), SQL: like a SQLite `WHERE` clause (NULL and 0 are false, text converted to a
    /// number).
    pub fn eval_bool(&self, record: &Value) -> Result<bool, ExprError> {
        match &self.kind {
            Kind::Jmespath(expr) => Ok(self.eval_jmespath(expr, record)?.is_truthy()),
            Kind::Sql(sql) => {
                let v = sql.eval(record, true).map_err(|m| self.eval_err(m))?;
                Ok(matches!(v, Value::Number(n) if n.as_i64() == Some(1)))
            }
        }
    }

    fn eval_jmespath(
        &self,
        expr: &jmespath::Expression<'static>,
        record: &Value,
    ) -> Result<Rcvar, ExprError> {
        let data: Rcvar = Arc::new(json_to_var(record));
        let mut ctx = Context::new(expr.as_str(), &RUNTIME);
        jmespath::interpret(&data, expr.as_ast(), &mut ctx)
            .map_err(|e| self.eval_err(jmespath_message(&e)))
    }

    fn eval_err(&self, message: String) -> ExprError {
        ExprError::Eval {
            expression: self.source.clone(),
            message,
        }
    }
}

// ---------------------------------------------------------------------------------------------
// JMESPath
// ---------------------------------------------------------------------------------------------

/// RDI's documented custom JMESPath functions implemented here
/// (redis/docs content/integrate/redis-data-integration/reference/jmespath-custom-functions.md).
/// `xml_to_dict` is the only documented one not implemented.
pub const CUSTOM_FUNCTIONS: &[&str] = &[
    "base64_decode",
    "capitalize",
    "concat",
    "filter_entries",
    "from_entries",
    "hash",
    "in",
    "json_parse",
    "left",
    "lower",
    "mid",
    "regex_replace",
    "replace",
    "right",
    "split",
    "time_delta_days",
    "time_delta_seconds",
    "to_entries",
    "upper",
    "uuid",
];

static RUNTIME: LazyLock<Runtime> = LazyLock::new(|| {
    let mut rt = Runtime::new();
    rt.register_builtin_functions();
    register_rdi_functions(&mut rt);
    rt
});

fn jmespath_message(e: &JmespathError) -> String {
    match &e.reason {
        // Custom functions report their own errors through `Parse` (the crate has no generic
        // runtime variant); the text already names the function.
        ErrorReason::Parse(m) if m.starts_with('\u{1}') => m[1..].to_string(),
        reason => format!("{reason} (at offset {})", e.offset),
    }
}

/// Rejects calls to functions the runtime doesn't know (the crate only notices at run time).
fn check_functions(ast: &Ast, rt: &Runtime) -> Result<(), String> {
    match ast {
        Ast::Function { name, args, .. } => {
            if rt.get_function(name).is_none() {
                return Err(format!("unknown function `{name}()`"));
            }
            args.iter().try_for_each(|a| check_functions(a, rt))
        }
        Ast::Comparison { lhs, rhs, .. }
        | Ast::Projection { lhs, rhs, .. }
        | Ast::And { lhs, rhs, .. }
        | Ast::Or { lhs, rhs, .. }
        | Ast::Subexpr { lhs, rhs, .. } => {
            check_functions(lhs, rt)?;
            check_functions(rhs, rt)
        }
        Ast::Condition {
            predicate, then, ..
        } => {
            check_functions(predicate, rt)?;
            check_functions(then, rt)
        }
        Ast::Expref { ast, .. } => check_functions(ast, rt),
        Ast::Flatten { node, .. } | Ast::Not { node, .. } | Ast::ObjectValues { node, .. } => {
            check_functions(node, rt)
        }
        Ast::MultiList { elements, .. } => elements.iter().try_for_each(|a| check_functions(a, rt)),
        Ast::MultiHash { elements, .. } => elements
            .iter()
            .try_for_each(|kv| check_functions(&kv.value, rt)),
        Ast::Identity { .. }
        | Ast::Field { .. }
        | Ast::Index { .. }
        | Ast::Literal { .. }
        | Ast::Slice { .. } => Ok(()),
    }
}

fn json_to_var(v: &Value) -> Variable {
    match v {
        Value::Null => Variable::Null,
        Value::Bool(b) => Variable::Bool(*b),
        Value::Number(n) => Variable::Number(n.clone()),
        Value::String(s) => Variable::String(s.clone()),
        Value::Array(a) => Variable::Array(a.iter().map(|x| Arc::new(json_to_var(x))).collect()),
        Value::Object(o) => Variable::Object(
            o.iter()
                .map(|(k, x)| (k.clone(), Arc::new(json_to_var(x))))
                .collect(),
        ),
    }
}

fn var_to_json(v: &Variable) -> Value {
    match v {
        Variable::Null | Variable::Expref(_) => Value::Null,
        Variable::Bool(b) => Value::Bool(*b),
        Variable::Number(n) => Value::Number(n.clone()),
        Variable::String(s) => Value::String(s.clone()),
        Variable::Array(a) => Value::Array(a.iter().map(|x| var_to_json(x)).collect()),
        Variable::Object(o) => {
            let mut m = Map::with_capacity(o.len());
            for (k, x) in o {
                m.insert(k.clone(), var_to_json(x));
            }
            Value::Object(m)
        }
    }
}

type FnResult = Result<Variable, String>;

fn register(
    rt: &mut Runtime,
    name: &'static str,
    inputs: Vec<ArgumentType>,
    variadic: Option<ArgumentType>,
    f: impl Fn(&[Rcvar], &mut Context<'_>) -> FnResult + Send + Sync + 'static,
) {
    let wrapped = move |args: &[Rcvar], ctx: &mut Context<'_>| -> jmespath::SearchResult {
        f(args, ctx).map(Arc::new).map_err(|m| {
            JmespathError::from_ctx(ctx, ErrorReason::Parse(format!("\u{1}{name}(): {m}")))
        })
    };
    rt.register_function(
        name,
        Box::new(CustomFunction::new(
            Signature::new(inputs, variadic),
            Box::new(wrapped),
        )),
    );
}

fn union(types: &[ArgumentType]) -> ArgumentType {
    ArgumentType::Union(types.to_vec())
}

fn str_or_null() -> ArgumentType {
    union(&[ArgumentType::String, ArgumentType::Null])
}

fn s(v: &str) -> Variable {
    Variable::String(v.to_string())
}

fn int_arg(v: &Variable) -> Result<i64, String> {
    if let Variable::Number(n) = v {
        if let Some(i) = n.as_i64() {
            return Ok(i);
        }
        if let Some(f) = n.as_f64() {
            if f.fract() == 0.0 && f.abs() < 9.0e15 {
                return Ok(f as i64);
            }
        }
    }
    Err("slice indices must be integers".to_string())
}

/// Python `s[start:stop]` on characters.
fn py_slice(text: &str, start: Option<i64>, stop: Option<i64>) -> String {
    let n = text.chars().count() as i64;
    let norm = |i: i64| if i < 0 { (i + n).max(0) } else { i.min(n) };
    let a = start.map(norm).unwrap_or(0);
    let b = stop.map(norm).unwrap_or(n);
    if a >= b {
        return String::new();
    }
    text.chars()
        .skip(a as usize)
        .take((b - a) as usize)
        .collect()
}

fn register_rdi_functions(rt: &mut Runtime) {
    use ArgumentType as T;

    // capitalize(s): Python string.capwords — split on whitespace runs, capitalize each word
    // (rest lower-cased), join with single spaces.
    register(rt, "capitalize", vec![str_or_null()], None, |a, _| {
        Ok(match &*a[0] {
            Variable::String(v) => Variable::String(capwords(v)),
            _ => Variable::Null,
        })
    });
    // concat([a, b, ...]): Python "".join(f"{x}" ...). Also accepts concat(a, b, ...).
    register(rt, "concat", vec![T::Any], Some(T::Any), |a, _| {
        let mut out = String::new();
        match (a.len(), &*a[0]) {
            (1, Variable::Array(items)) => items.iter().for_each(|x| py_str_into(x, &mut out)),
            _ => a.iter().for_each(|x| py_str_into(x, &mut out)),
        }
        Ok(Variable::String(out))
    });
    register(rt, "lower", vec![str_or_null()], None, |a, _| {
        Ok(match &*a[0] {
            Variable::String(v) => Variable::String(v.to_lowercase()),
            _ => Variable::Null,
        })
    });
    register(rt, "upper", vec![str_or_null()], None, |a, _| {
        Ok(match &*a[0] {
            Variable::String(v) => Variable::String(v.to_uppercase()),
            _ => Variable::Null,
        })
    });
    // replace(s, old, new): all occurrences; an empty `old` leaves the string unchanged.
    register(
        rt,
        "replace",
        vec![str_or_null(), T::String, T::String],
        None,
        |a, _| {
            let (Variable::String(v), Some(old), Some(new)) =
                (&*a[0], a[1].as_string(), a[2].as_string())
            else {
                return Ok(Variable::Null);
            };
            Ok(Variable::String(if old.is_empty() {
                v.clone()
            } else {
                v.replace(old.as_str(), new)
            }))
        },
    );
    // left/right/mid: Python slices s[:n], s[-n:], s[o:o+n] (so right(s, 0) is the whole s).
    register(rt, "left", vec![str_or_null(), T::Number], None, |a, _| {
        let n = int_arg(&a[1])?;
        Ok(match &*a[0] {
            Variable::String(v) => Variable::String(py_slice(v, None, Some(n))),
            _ => Variable::Null,
        })
    });
    register(rt, "right", vec![str_or_null(), T::Number], None, |a, _| {
        let n = int_arg(&a[1])?;
        Ok(match &*a[0] {
            Variable::String(v) => Variable::String(py_slice(v, Some(-n), None)),
            _ => Variable::Null,
        })
    });
    register(
        rt,
        "mid",
        vec![str_or_null(), T::Number, T::Number],
        None,
        |a, _| {
            let (o, n) = (int_arg(&a[1])?, int_arg(&a[2])?);
            Ok(match &*a[0] {
                Variable::String(v) => Variable::String(py_slice(v, Some(o), Some(o + n))),
                _ => Variable::Null,
            })
        },
    );
    // split(s[, delimiter=","]): Python str.split(delimiter).
    register(
        rt,
        "split",
        vec![str_or_null()],
        Some(str_or_null()),
        |a, _| {
            let Variable::String(v) = &*a[0] else {
                return Ok(Variable::Null);
            };
            let delim = match a.get(1).map(|d| &**d) {
                None => ",",
                Some(Variable::String(d)) => d.as_str(),
                Some(_) => return Err("delimiter must be a string".into()),
            };
            if a.len() > 2 {
                return Err("takes at most 2 arguments".into());
            }
            if delim.is_empty() {
                return Err("empty separator".into());
            }
            Ok(Variable::Array(
                v.split(delim).map(|p| Arc::new(s(p))).collect(),
            ))
        },
    );
    register(rt, "uuid", vec![], None, |_, _| {
        Ok(Variable::String(uuid4()))
    });
    // hash(value[, algorithm="sha1"]): hex digest of the UTF-8 string, b"" for null, or the
    // compact JSON (sorted keys) of other values.
    register(rt, "hash", vec![T::Any], Some(T::Any), |a, _| {
        let algo = match a.get(1).map(|d| &**d) {
            None => "sha1".to_string(),
            Some(Variable::String(d)) => d.to_ascii_lowercase(),
            Some(_) => return Err("hash name must be a string".into()),
        };
        if a.len() > 2 {
            return Err("takes at most 2 arguments".into());
        }
        let data: Cow<'_, [u8]> = match &*a[0] {
            Variable::Null => Cow::Borrowed(&[][..]),
            Variable::String(v) => Cow::Borrowed(v.as_bytes()),
            other => Cow::Owned(
                serde_json::to_vec(other).map_err(|_| "cannot serialize value".to_string())?,
            ),
        };
        let digest =
            hashing::digest(&algo, &data).ok_or_else(|| format!("unsupported hash type {algo}"))?;
        Ok(Variable::String(hashing::hex(&digest)))
    });
    // time_delta_days(dt) / time_delta_seconds(dt): now - dt (positive for past dates), dt an
    // ISO datetime string (naive = UTC) or a Unix timestamp; floor like Python's timedelta.
    register(
        rt,
        "time_delta_days",
        vec![union(&[T::String, T::Number])],
        None,
        |a, _| {
            let micros = delta_micros(&a[0])?;
            Ok(Variable::Number(Number::from(
                micros.div_euclid(86_400_000_000) as i64,
            )))
        },
    );
    register(
        rt,
        "time_delta_seconds",
        vec![union(&[T::String, T::Number])],
        None,
        |a, _| {
            let micros = delta_micros(&a[0])?;
            Ok(Variable::Number(Number::from(
                micros.div_euclid(1_000_000) as i64
            )))
        },
    );
    // regex_replace(text, pattern, replacement): Python re.sub (own engine, Python syntax).
    register(
        rt,
        "regex_replace",
        vec![T::String, T::String, T::String],
        None,
        |a, _| {
            let (Some(text), Some(pattern), Some(repl)) =
                (a[0].as_string(), a[1].as_string(), a[2].as_string())
            else {
                return Err("arguments must be strings".into());
            };
            let re = regex::Regex::new(pattern)?;
            Ok(Variable::String(re.sub(text, repl)?))
        },
    );
    // in(value, array): Python `value in array` (1 == 1.0 == true).
    register(rt, "in", vec![T::Any, T::Array], None, |a, _| {
        let items = a[1].as_array().map(Vec::as_slice).unwrap_or(&[]);
        Ok(Variable::Bool(items.iter().any(|x| py_eq(&a[0], x))))
    });
    register(rt, "json_parse", vec![T::String], None, |a, _| {
        let text = a[0].as_string().map(String::as_str).unwrap_or("");
        let v: Value = serde_json::from_str(text)
            .map_err(|e| format!("invalid JSON: {}", e.classify_msg()))?;
        Ok(json_to_var(&v))
    });
    register(rt, "base64_decode", vec![T::String], None, |a, _| {
        use base64::Engine as _;
        let text = a[0].as_string().map(String::as_str).unwrap_or("");
        let cleaned: String = text.chars().filter(|c| !c.is_ascii_whitespace()).collect();
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(cleaned.as_bytes())
            .map_err(|_| "invalid base64 input".to_string())?;
        String::from_utf8(bytes)
            .map(Variable::String)
            .map_err(|_| "decoded bytes are not valid UTF-8".to_string())
    });
    register(
        rt,
        "to_entries",
        vec![union(&[T::Object, T::Null])],
        None,
        |a, _| {
            let Some(obj) = a[0].as_object() else {
                return Ok(Variable::Null);
            };
            Ok(Variable::Array(
                obj.iter()
                    .map(|(k, v)| {
                        let mut e = BTreeMap::new();
                        e.insert("key".to_string(), Arc::new(s(k)));
                        e.insert("value".to_string(), v.clone());
                        Arc::new(Variable::Object(e))
                    })
                    .collect(),
            ))
        },
    );
    register(
        rt,
        "from_entries",
        vec![union(&[T::Array, T::Null])],
        None,
        |a, _| {
            let Some(entries) = a[0].as_array() else {
                return Ok(Variable::Null);
            };
            let mut out = BTreeMap::new();
            for e in entries {
                let Some(obj) = e.as_object() else { continue };
                let key = match obj.get("key").map(|k| &**k) {
                    None | Some(Variable::Null) => continue,
                    Some(Variable::String(k)) => k.clone(),
                    Some(other) => py_str(other),
                };
                let value = obj
                    .get("value")
                    .cloned()
                    .unwrap_or_else(|| Arc::new(Variable::Null));
                out.insert(key, value);
            }
            Ok(Variable::Object(out))
        },
    );
    // filter_entries(obj, predicate): keeps entries for which the JMESPath predicate, evaluated
    // on {"key": k, "value": v}, is (Python-)truthy; predicate errors drop the entry.
    register(
        rt,
        "filter_entries",
        vec![union(&[T::Object, T::Null]), T::String],
        None,
        |a, ctx| {
            let Some(obj) = a[0].as_object() else {
                return Ok(Variable::Null);
            };
            let predicate = a[1].as_string().map(String::as_str).unwrap_or("");
            let runtime = ctx.runtime;
            let compiled = runtime
                .compile(predicate)
                .map_err(|e| format!("invalid predicate: {}", jmespath_message(&e)))?;
            let mut out = BTreeMap::new();
            for (k, v) in obj {
                let mut entry = BTreeMap::new();
                entry.insert("key".to_string(), Arc::new(s(k)));
                entry.insert("value".to_string(), v.clone());
                let data: Rcvar = Arc::new(Variable::Object(entry));
                let mut sub = Context::new(compiled.as_str(), runtime);
                if let Ok(r) = jmespath::interpret(&data, compiled.as_ast(), &mut sub) {
                    if py_truthy(&r) {
                        out.insert(k.clone(), v.clone());
                    }
                }
            }
            Ok(Variable::Object(out))
        },
    );
}

trait ClassifyMsg {
    fn classify_msg(&self) -> String;
}

impl ClassifyMsg for serde_json::Error {
    /// serde_json's message without echoing input content (only position information).
    fn classify_msg(&self) -> String {
        format!(
            "{:?} error at line {} column {}",
            self.classify(),
            self.line(),
            self.column()
        )
    }
}

fn capwords(v: &str) -> String {
    let mut out = String::with_capacity(v.len());
    for (i, word) in v.split_whitespace().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let mut chars = word.chars();
        if let Some(first) = chars.next() {
            out.extend(first.to_uppercase());
            for c in chars {
                out.extend(c.to_lowercase());
            }
        }
    }
    out
}

fn uuid4() -> String {
    let mut b: [u8; 16] = rand::random();
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let h = hashing::hex(&b);
    format!(
        "{}-{}-{}-{}-{}",
        &h[0..8],
        &h[8..12],
        &h[12..16],
        &h[16..20],
        &h[20..32]
    )
}

/// Python `str(x)` of a JSON-ish value (None, True, 1.0, ['a', 1], {'k': None}).
fn py_str(v: &Variable) -> String {
    let mut out = String::new();
    py_str_into(v, &mut out);
    out
}

fn py_str_into(v: &Variable, out: &mut String) {
    match v {
        Variable::String(x) => out.push_str(x),
        other => py_repr_into(other, out),
    }
}

fn py_repr_into(v: &Variable, out: &mut String) {
    match v {
        Variable::Null => out.push_str("None"),
        Variable::Bool(true) => out.push_str("True"),
        Variable::Bool(false) => out.push_str("False"),
        Variable::Number(n) => out.push_str(&py_number(n)),
        Variable::String(x) => py_str_repr_into(x, out),
        Variable::Array(items) => {
            out.push('[');
            for (i, x) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                py_repr_into(x, out);
            }
            out.push(']');
        }
        Variable::Object(map) => {
            out.push('{');
            for (i, (k, x)) in map.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                py_str_repr_into(k, out);
                out.push_str(": ");
                py_repr_into(x, out);
            }
            out.push('}');
        }
        Variable::Expref(_) => out.push_str("<expref>"),
    }
}

fn py_str_repr_into(x: &str, out: &mut String) {
    let quote = if x.contains('\'') && !x.contains('"') {
        '"'
    } else {
        '\''
    };
    out.push(quote);
    for c in x.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                out.push_str(&format!("\\x{:02x}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push(quote);
}

fn py_number(n: &Number) -> String {
    if n.is_f64() {
        n.as_f64().map(py_float).unwrap_or_default()
    } else {
        n.to_string()
    }
}

/// Python `repr(float)`: shortest round-trip digits, fixed notation for 1e-4 <= |f| < 1e16.
fn py_float(f: f64) -> String {
    if f.is_nan() {
        return "nan".into();
    }
    if f.is_infinite() {
        return if f > 0.0 { "inf".into() } else { "-inf".into() };
    }
    if f == 0.0 {
        return if f.is_sign_negative() {
            "-0.0".into()
        } else {
            "0.0".into()
        };
    }
    let e = format!("{f:e}");
    let (mantissa, exp) = e.split_once('e').unwrap_or((&e, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let (sign, mantissa) = match mantissa.strip_prefix('-') {
        Some(m) => ("-", m),
        None => ("", mantissa),
    };
    let digits: String = mantissa.chars().filter(|c| *c != '.').collect();
    if (-4..16).contains(&exp) {
        if exp >= 0 {
            let int_len = exp as usize + 1;
            let (int_part, frac) = if digits.len() > int_len {
                (digits[..int_len].to_string(), digits[int_len..].to_string())
            } else {
                (
                    format!("{digits}{}", "0".repeat(int_len - digits.len())),
                    "0".to_string(),
                )
            };
            format!("{sign}{int_part}.{frac}")
        } else {
            format!("{sign}0.{}{digits}", "0".repeat((-exp - 1) as usize))
        }
    } else {
        let m = if digits.len() > 1 {
            format!("{}.{}", &digits[..1], &digits[1..])
        } else {
            digits
        };
        let esign = if exp < 0 { '-' } else { '+' };
        format!("{sign}{m}e{esign}{:02}", exp.abs())
    }
}

fn py_num(v: &Variable) -> Option<f64> {
    match v {
        Variable::Bool(b) => Some(if *b { 1.0 } else { 0.0 }),
        Variable::Number(n) => n.as_f64(),
        _ => None,
    }
}

fn py_int(v: &Variable) -> Option<i128> {
    match v {
        Variable::Bool(b) => Some(*b as i128),
        Variable::Number(n) => n
            .as_i64()
            .map(i128::from)
            .or_else(|| n.as_u64().map(i128::from)),
        _ => None,
    }
}

/// Python `==` between JSON-ish values (numbers and booleans compare numerically).
fn py_eq(a: &Variable, b: &Variable) -> bool {
    match (a, b) {
        (Variable::Null, Variable::Null) => true,
        (Variable::String(x), Variable::String(y)) => x == y,
        (Variable::Array(x), Variable::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| py_eq(p, q))
        }
        (Variable::Object(x), Variable::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, p)| y.get(k).is_some_and(|q| py_eq(p, q)))
        }
        _ => match (py_int(a), py_int(b)) {
            (Some(x), Some(y)) => x == y,
            _ => match (py_num(a), py_num(b)) {
                (Some(x), Some(y)) => x == y,
                _ => false,
            },
        },
    }
}

fn py_truthy(v: &Variable) -> bool {
    match v {
        Variable::Null => false,
        Variable::Bool(b) => *b,
        Variable::Number(n) => n.as_f64().is_some_and(|f| f != 0.0),
        Variable::String(x) => !x.is_empty(),
        Variable::Array(x) => !x.is_empty(),
        Variable::Object(x) => !x.is_empty(),
        Variable::Expref(_) => true,
    }
}

fn now_micros() -> i128 {
    let d = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default();
    d.as_micros() as i128
}

fn delta_micros(v: &Variable) -> Result<i128, String> {
    let then = match v {
        Variable::String(x) => {
            parse_iso_datetime(x).ok_or_else(|| "invalid isoformat string".to_string())?
        }
        Variable::Number(n) => {
            let f = n.as_f64().unwrap_or(0.0);
            if !f.is_finite() || f.abs() > 1.0e14 {
                return Err("timestamp out of range".into());
            }
            (f * 1e6).round() as i128
        }
        _ => return Err("expected a string or a number".into()),
    };
    Ok(now_micros() - then)
}

/// Days since 1970-01-01 of a proleptic Gregorian date.
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Python 3.11 `datetime.fromisoformat` (common forms) to microseconds since the Unix epoch.
/// A naive datetime is taken as UTC.
fn parse_iso_datetime(text: &str) -> Option<i128> {
    let b = text.trim().as_bytes();
    let num = |s: &[u8]| -> Option<i64> {
        if s.is_empty() || !s.iter().all(u8::is_ascii_digit) {
            return None;
        }
        std::str::from_utf8(s).ok()?.parse().ok()
    };
    let (date, rest) = if b.len() >= 10 && b[4] == b'-' && b[7] == b'-' {
        ((num(&b[0..4])?, num(&b[5..7])?, num(&b[8..10])?), &b[10..])
    } else if b.len() >= 8 && b[..8].iter().all(u8::is_ascii_digit) {
        ((num(&b[0..4])?, num(&b[4..6])?, num(&b[6..8])?), &b[8..])
    } else {
        return None;
    };
    let (y, mo, d) = date;
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let mdays = [
        31,
        if leap { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    if !(1..=12).contains(&mo) || d < 1 || d > mdays[(mo - 1) as usize] || y < 1 {
        return None;
    }
    let mut micros = days_from_civil(y, mo, d) as i128 * 86_400_000_000;
    if rest.is_empty() {
        return Some(micros);
    }
    // Separator (any single character), then HH[:MM[:SS[.ffffff]]] and an optional offset.
    let t = &rest[1..];
    let tz_pos = t
        .iter()
        .position(|c| matches!(c, b'Z' | b'z' | b'+' | b'-'))
        .unwrap_or(t.len());
    let (time, tz) = t.split_at(tz_pos);
    let (hms, frac) = match time.iter().position(|c| *c == b'.' || *c == b',') {
        Some(p) => (&time[..p], Some(&time[p + 1..])),
        None => (time, None),
    };
    let parts: Vec<&[u8]> = if hms.contains(&b':') {
        hms.split(|c| *c == b':').collect()
    } else {
        hms.chunks(2).collect()
    };
    if parts.is_empty() || parts.len() > 3 || parts.iter().any(|p| p.len() != 2) {
        return None;
    }
    let h = num(parts[0])?;
    let mi = parts.get(1).map(|p| num(p)).unwrap_or(Some(0))?;
    let sec = parts.get(2).map(|p| num(p)).unwrap_or(Some(0))?;
    if h > 23 || mi > 59 || sec > 59 {
        return None;
    }
    micros += ((h * 3600 + mi * 60 + sec) as i128) * 1_000_000;
    if let Some(f) = frac {
        if f.is_empty() || !f.iter().all(u8::is_ascii_digit) {
            return None;
        }
        let mut us = 0i128;
        for i in 0..6 {
            us = us * 10 + f.get(i).map(|c| (c - b'0') as i128).unwrap_or(0);
        }
        micros += us;
    }
    if !tz.is_empty() {
        let offset = if tz == b"Z" || tz == b"z" {
            0
        } else {
            let sign: i128 = if tz[0] == b'-' { -1 } else { 1 };
            let body = &tz[1..];
            let parts: Vec<&[u8]> = if body.contains(&b':') {
                body.split(|c| *c == b':').collect()
            } else {
                body.chunks(2).collect()
            };
            if parts.is_empty() || parts.len() > 3 || parts.iter().any(|p| p.len() != 2) {
                return None;
            }
            let oh = num(parts[0])? as i128;
            let om = parts.get(1).map(|p| num(p)).unwrap_or(Some(0))? as i128;
            let os = parts.get(2).map(|p| num(p)).unwrap_or(Some(0))? as i128;
            sign * ((oh * 3600 + om * 60 + os) * 1_000_000)
        };
        micros -= offset;
    }
    Some(micros)
}

// ---------------------------------------------------------------------------------------------
// SQL
// ---------------------------------------------------------------------------------------------

const STATEMENT_CACHE_CAPACITY: usize = 1024;

thread_local! {
    static SQLITE: RefCell<Option<Connection>> = const { RefCell::new(None) };
}

fn with_conn<R>(f: impl FnOnce(&Connection) -> Result<R, String>) -> Result<R, String> {
    SQLITE.with(|cell| {
        let mut slot = cell
            .try_borrow_mut()
            .map_err(|_| "SQLite connection busy (re-entrant evaluation)".to_string())?;
        if slot.is_none() {
            let conn = Connection::open_in_memory().map_err(|e| sqlite_message(&e))?;
            conn.set_prepared_statement_cache_capacity(STATEMENT_CACHE_CAPACITY);
            // Double-quoted unknown identifiers fall back to string literals, as in SQLite's
            // (and Python sqlite3's) default build.
            conn.set_db_config(DbConfig::SQLITE_DBCONFIG_DQS_DML, true)
                .map_err(|e| sqlite_message(&e))?;
            *slot = Some(conn);
        }
        f(slot.as_ref().expect("connection initialised"))
    })
}

fn sqlite_message(e: &rusqlite::Error) -> String {
    match e {
        rusqlite::Error::SqliteFailure(_, Some(m)) => m.clone(),
        rusqlite::Error::SqlInputError { msg, .. } => msg.clone(),
        other => other.to_string(),
    }
}

#[derive(Clone, Debug)]
struct SqlExpr {
    /// Expression text after rewriting the math functions.
    body: String,
    /// Top-level record fields bound, in parameter order (`?1..`).
    bare: Vec<String>,
    /// Fields referenced only as double-quoted identifiers: a column when the record has the
    /// field, otherwise SQLite's string-literal fallback.
    quoted_only: Vec<String>,
    /// `table.column` references: (table, columns), bound from nested objects.
    qualified: Vec<(String, Vec<String>)>,
    /// Prepared SQL text (when `quoted_only` is empty) for `eval` and `eval_bool`.
    sql_value: String,
    sql_bool: String,
}

fn eq_ci(a: &str, b: &str) -> bool {
    a.eq_ignore_ascii_case(b)
}

fn quote_ident(name: &str, out: &mut String) {
    out.push('"');
    for c in name.chars() {
        if c == '"' {
            out.push('"');
        }
        out.push(c);
    }
    out.push('"');
}

fn build_sql(
    body: &str,
    bare: &[&str],
    qualified: &[(String, Vec<String>)],
    as_bool: bool,
) -> String {
    let mut sql = String::with_capacity(body.len() + 64 + 16 * bare.len());
    if !qualified.is_empty() {
        sql.push_str("SELECT (");
    }
    if as_bool {
        sql.push_str("SELECT CASE WHEN (\n");
        sql.push_str(body);
        sql.push_str("\n) THEN 1 ELSE 0 END");
    } else {
        sql.push_str("SELECT (\n");
        sql.push_str(body);
        sql.push_str("\n)");
    }
    let mut param = 0usize;
    let mut columns = |names: &mut dyn Iterator<Item = &str>, sql: &mut String| {
        sql.push_str("(SELECT ");
        for (i, name) in names.enumerate() {
            if i > 0 {
                sql.push_str(", ");
            }
            param += 1;
            sql.push('?');
            sql.push_str(&param.to_string());
            sql.push_str(" AS ");
            quote_ident(name, sql);
        }
        sql.push(')');
    };
    if !bare.is_empty() {
        sql.push_str(" FROM ");
        columns(&mut bare.iter().copied(), &mut sql);
        sql.push_str(" AS \"__rdi_row\"");
    }
    if !qualified.is_empty() {
        sql.push_str(") FROM ");
        for (i, (table, cols)) in qualified.iter().enumerate() {
            if i > 0 {
                sql.push_str(", ");
            }
            columns(&mut cols.iter().map(String::as_str), &mut sql);
            sql.push_str(" AS ");
            quote_ident(table, &mut sql);
        }
    }
    sql
}

type Discovered = (Vec<String>, Vec<(String, Vec<String>)>);

/// Finds the fields an expression references by preparing it and collecting
/// `no such column` errors until it prepares.
fn discover(conn: &Connection, body: &str) -> Result<Discovered, String> {
    let mut bare: Vec<String> = Vec::new();
    let mut qualified: Vec<(String, Vec<String>)> = Vec::new();
    for _ in 0..4096 {
        let names: Vec<&str> = bare.iter().map(String::as_str).collect();
        let sql = build_sql(body, &names, &qualified, false);
        let err = match conn.prepare(&sql) {
            Ok(_) => return Ok((bare, qualified)),
            Err(e) => sqlite_message(&e),
        };
        let Some(name) = err.strip_prefix("no such column: ") else {
            return Err(err);
        };
        // With double-quoted strings disabled SQLite reports
        // `no such column: "x" - should this be a string literal in single-quotes?`.
        let unquoted;
        let name = match name
            .strip_suffix(" - should this be a string literal in single-quotes?")
            .and_then(|n| n.strip_prefix('"'))
            .and_then(|n| n.strip_suffix('"'))
        {
            Some(n) => {
                unquoted = n.replace("\"\"", "\"");
                unquoted.as_str()
            }
            None => name,
        };
        let parts: Vec<&str> = name.split('.').collect();
        match parts.as_slice() {
            [col] => {
                if bare.iter().any(|b| eq_ci(b, col)) {
                    return Err(err);
                }
                bare.push(col.to_string());
            }
            [table, col] => {
                match qualified.iter_mut().find(|(t, _)| eq_ci(t, table)) {
                    Some((_, cols)) if cols.iter().any(|c| eq_ci(c, col)) => return Err(err),
                    Some((_, cols)) => cols.push(col.to_string()),
                    None => qualified.push((table.to_string(), vec![col.to_string()])),
                }
                // A bare name must keep meaning the top-level field, not `table.col`.
                if !bare.iter().any(|b| eq_ci(b, col)) {
                    bare.push(col.to_string());
                }
            }
            _ => {
                return Err(format!(
                    "{err} (nested paths are not supported; use json_extract(field, '$.path'))"
                ))
            }
        }
    }
    Err("too many referenced columns".into())
}

impl SqlExpr {
    fn compile(source: &str) -> Result<SqlExpr, String> {
        if source.trim().is_empty() {
            return Err("empty expression".into());
        }
        let body = sqlmath::rewrite(source)?;
        with_conn(|conn| {
            // Pass 1 (DQS off): every identifier, including double-quoted ones.
            conn.set_db_config(DbConfig::SQLITE_DBCONFIG_DQS_DML, false)
                .map_err(|e| sqlite_message(&e))?;
            let strict = discover(conn, &body);
            conn.set_db_config(DbConfig::SQLITE_DBCONFIG_DQS_DML, true)
                .map_err(|e| sqlite_message(&e))?;
            // Pass 2 (DQS on, the evaluation mode): identifiers that must be columns.
            let (bare, qualified) = discover(conn, &body)?;
            let quoted_only = match strict {
                Ok((all, _)) => all
                    .into_iter()
                    .filter(|n| !bare.iter().any(|b| eq_ci(b, n)))
                    .collect(),
                Err(_) => Vec::new(),
            };
            let names: Vec<&str> = bare.iter().map(String::as_str).collect();
            let sql_value = build_sql(&body, &names, &qualified, false);
            let sql_bool = build_sql(&body, &names, &qualified, true);
            conn.prepare_cached(&sql_value)
                .map_err(|e| sqlite_message(&e))?;
            conn.prepare_cached(&sql_bool)
                .map_err(|e| sqlite_message(&e))?;
            Ok(SqlExpr {
                body,
                bare,
                quoted_only,
                qualified,
                sql_value,
                sql_bool,
            })
        })
    }

    fn eval(&self, record: &Value, as_bool: bool) -> Result<Value, String> {
        static EMPTY: LazyLock<Map<String, Value>> = LazyLock::new(Map::new);
        let row = record.as_object().unwrap_or(&EMPTY);
        let (sql, extra): (Cow<'_, str>, Vec<&str>) = if self.quoted_only.is_empty() {
            let text = if as_bool {
                &self.sql_bool
            } else {
                &self.sql_value
            };
            (Cow::Borrowed(text.as_str()), Vec::new())
        } else {
            let extra: Vec<&str> = self
                .quoted_only
                .iter()
                .map(String::as_str)
                .filter(|n| lookup(row, n).is_some())
                .collect();
            let names: Vec<&str> = self
                .bare
                .iter()
                .map(String::as_str)
                .chain(extra.iter().copied())
                .collect();
            let text = build_sql(&self.body, &names, &self.qualified, as_bool);
            (Cow::Owned(text), extra)
        };
        with_conn(|conn| {
            let mut stmt = conn.prepare_cached(&sql).map_err(|e| sqlite_message(&e))?;
            let mut idx = 0usize;
            for name in self.bare.iter().map(String::as_str).chain(extra) {
                idx += 1;
                bind(&mut stmt, idx, lookup(row, name))?;
            }
            for (table, cols) in &self.qualified {
                let nested = lookup(row, table).and_then(Value::as_object);
                for col in cols {
                    idx += 1;
                    bind(&mut stmt, idx, nested.and_then(|n| lookup(n, col)))?;
                }
            }
            let mut rows = stmt.raw_query();
            let out = match rows.next().map_err(|e| sqlite_message(&e))? {
                None => Value::Null,
                Some(r) => sql_to_json(r.get_ref(0).map_err(|e| sqlite_message(&e))?),
            };
            Ok(out)
        })
    }
}

/// Field lookup with SQLite's identifier rules: exact name first, then ASCII case-insensitive.
fn lookup<'a>(row: &'a Map<String, Value>, name: &str) -> Option<&'a Value> {
    row.get(name)
        .or_else(|| row.iter().find(|(k, _)| eq_ci(k, name)).map(|(_, v)| v))
}

fn bind(stmt: &mut rusqlite::Statement<'_>, idx: usize, v: Option<&Value>) -> Result<(), String> {
    let r = match v {
        None | Some(Value::Null) => stmt.raw_bind_parameter(idx, Null),
        Some(Value::Bool(b)) => stmt.raw_bind_parameter(idx, *b as i64),
        Some(Value::Number(n)) => match n.as_i64() {
            Some(i) => stmt.raw_bind_parameter(idx, i),
            None => stmt.raw_bind_parameter(idx, n.as_f64().unwrap_or(f64::NAN)),
        },
        Some(Value::String(s)) => stmt.raw_bind_parameter(idx, s.as_str()),
        Some(other) => stmt.raw_bind_parameter(idx, other.to_string()),
    };
    r.map_err(|e| sqlite_message(&e))
}

fn sql_to_json(v: ValueRef<'_>) -> Value {
    match v {
        ValueRef::Null => Value::Null,
        ValueRef::Integer(i) => Value::Number(i.into()),
        ValueRef::Real(f) => Number::from_f64(f)
            .map(Value::Number)
            .unwrap_or(Value::Null),
        ValueRef::Text(t) => Value::String(String::from_utf8_lossy(t).into_owned()),
        ValueRef::Blob(b) => {
            use base64::Engine as _;
            Value::String(base64::engine::general_purpose::STANDARD.encode(b))
        }
    }
}

/// Rewrites SQLite math functions missing from the bundled build (no
/// SQLITE_ENABLE_MATH_FUNCTIONS) into core SQL with the same result types:
/// `floor`/`ceil`/`ceiling`/`trunc` keep integers and return REAL for reals, `mod` returns
/// REAL (`fmod`), `pi()` is a literal. Other math functions (sqrt, pow, ln, ...) are reported
/// by SQLite as unknown functions at compile time.
mod sqlmath {
    const BIG: &str = "4503599627370496.0";

    fn unary(arg: &str, real_case: &str) -> String {
        format!(
            "(SELECT CASE typeof(__rdi_v) WHEN 'integer' THEN __rdi_v WHEN 'real' THEN \
             (CASE WHEN abs(__rdi_v) >= {BIG} THEN __rdi_v ELSE {real_case} END) END \
             FROM (SELECT CASE WHEN typeof(__rdi_x) IN ('text', 'blob') \
             THEN CAST(__rdi_x AS NUMERIC) ELSE __rdi_x END AS __rdi_v \
             FROM (SELECT ({arg}) AS __rdi_x)))"
        )
    }

    fn replacement(name: &str, args: &[String]) -> Result<Option<String>, String> {
        let arity = |n: usize| {
            if args.len() == n {
                Ok(())
            } else {
                Err(format!("wrong number of arguments to function {name}()"))
            }
        };
        let lname = name.to_ascii_lowercase();
        Ok(Some(match lname.as_str() {
            "floor" => {
                arity(1)?;
                unary(
                    &args[0],
                    "(CASE WHEN CAST(__rdi_v AS INTEGER) > __rdi_v \
                     THEN CAST(__rdi_v AS INTEGER) - 1.0 \
                     ELSE CAST(CAST(__rdi_v AS INTEGER) AS REAL) END)",
                )
            }
            "ceil" | "ceiling" => {
                arity(1)?;
                unary(
                    &args[0],
                    "(CASE WHEN CAST(__rdi_v AS INTEGER) < __rdi_v \
                     THEN CAST(__rdi_v AS INTEGER) + 1.0 \
                     ELSE CAST(CAST(__rdi_v AS INTEGER) AS REAL) END)",
                )
            }
            "trunc" => {
                arity(1)?;
                unary(&args[0], "CAST(CAST(__rdi_v AS INTEGER) AS REAL)")
            }
            "mod" => {
                arity(2)?;
                format!(
                    "(SELECT CASE WHEN __rdi_a IS NULL OR __rdi_b IS NULL OR __rdi_b = 0 \
                     THEN NULL WHEN abs(__rdi_a / __rdi_b) >= {BIG} THEN 0.0 \
                     ELSE __rdi_a - __rdi_b * CAST(__rdi_a / __rdi_b AS INTEGER) END \
                     FROM (SELECT CAST(({}) AS REAL) AS __rdi_a, CAST(({}) AS REAL) AS __rdi_b))",
                    args[0], args[1]
                )
            }
            "pi" => {
                arity(0)?;
                "3.141592653589793".to_string()
            }
            _ => return Ok(None),
        }))
    }

    /// Length of the literal / identifier / comment starting at `i`, if one starts there.
    fn skip_opaque(b: &[u8], i: usize) -> Option<usize> {
        let close = match b[i] {
            b'\'' => b'\'',
            b'"' => b'"',
            b'`' => b'`',
            b'[' => b']',
            b'-' if b.get(i + 1) == Some(&b'-') => {
                let end = b[i..].iter().position(|c| *c == b'\n').map(|p| i + p);
                return Some(end.unwrap_or(b.len()) - i);
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                let end = b[i + 2..].windows(2).position(|w| w == b"*/");
                return Some(end.map(|p| p + 4).unwrap_or(b.len() - i));
            }
            _ => return None,
        };
        let mut j = i + 1;
        while j < b.len() {
            if b[j] == close {
                if close != b']' && b.get(j + 1) == Some(&close) {
                    j += 2;
                    continue;
                }
                return Some(j + 1 - i);
            }
            j += 1;
        }
        Some(b.len() - i)
    }

    fn is_ident(c: u8) -> bool {
        c.is_ascii_alphanumeric() || c == b'_' || c == b'$' || c >= 0x80
    }

    pub(super) fn rewrite(sql: &str) -> Result<String, String> {
        let b = sql.as_bytes();
        let mut out = String::with_capacity(sql.len());
        let mut i = 0;
        let mut last_significant: u8 = b' ';
        while i < b.len() {
            if let Some(n) = skip_opaque(b, i) {
                out.push_str(&sql[i..i + n]);
                i += n;
                last_significant = b'x';
                continue;
            }
            let c = b[i];
            if is_ident(c) && !c.is_ascii_digit() {
                let start = i;
                while i < b.len() && is_ident(b[i]) {
                    i += 1;
                }
                let name = &sql[start..i];
                let mut j = i;
                while j < b.len() && b[j].is_ascii_whitespace() {
                    j += 1;
                }
                if last_significant != b'.' && b.get(j) == Some(&b'(') {
                    if let Some((args, end)) = split_args(sql, j)? {
                        let args = args
                            .iter()
                            .map(|a| rewrite(a))
                            .collect::<Result<Vec<_>, _>>()?;
                        if let Some(r) = replacement(name, &args)? {
                            out.push_str(&r);
                            i = end;
                            last_significant = b')';
                            continue;
                        }
                    }
                }
                out.push_str(name);
                last_significant = b'x';
                continue;
            }
            if c.is_ascii_digit() {
                // Numeric literal (keeps `1.5e3` and `x1` intact).
                let start = i;
                while i < b.len() && (is_ident(b[i]) || b[i] == b'.') {
                    i += 1;
                }
                out.push_str(&sql[start..i]);
                last_significant = b'0';
                continue;
            }
            let ch = sql[i..].chars().next().unwrap_or(' ');
            out.push(ch);
            if !ch.is_whitespace() {
                last_significant = c;
            }
            i += ch.len_utf8();
        }
        Ok(out)
    }

    /// Splits the parenthesised argument list starting at `open` into top-level arguments;
    /// returns them with the index just past the closing parenthesis.
    fn split_args(sql: &str, open: usize) -> Result<Option<(Vec<String>, usize)>, String> {
        let b = sql.as_bytes();
        let mut depth = 0usize;
        let mut args = Vec::new();
        let mut arg_start = open + 1;
        let mut i = open;
        while i < b.len() {
            if let Some(n) = skip_opaque(b, i) {
                i += n;
                continue;
            }
            match b[i] {
                b'(' => depth += 1,
                b')' => {
                    depth -= 1;
                    if depth == 0 {
                        let last = sql[arg_start..i].trim();
                        if !(args.is_empty() && last.is_empty()) {
                            args.push(last.to_string());
                        }
                        return Ok(Some((args, i + 1)));
                    }
                }
                b',' if depth == 1 => {
                    args.push(sql[arg_start..i].trim().to_string());
                    arg_start = i + 1;
                }
                _ => {}
            }
            i += 1;
        }
        Ok(None)
    }
}

// ---------------------------------------------------------------------------------------------
// Hashes for `hash()` (Python hashlib names)
// ---------------------------------------------------------------------------------------------

mod hashing {
    pub(super) fn hex(bytes: &[u8]) -> String {
        const HEX: &[u8; 16] = b"0123456789abcdef";
        let mut s = String::with_capacity(bytes.len() * 2);
        for b in bytes {
            s.push(HEX[(b >> 4) as usize] as char);
            s.push(HEX[(b & 15) as usize] as char);
        }
        s
    }

    pub(super) fn digest(algo: &str, data: &[u8]) -> Option<Vec<u8>> {
        Some(match algo {
            "md5" => md5(data),
            "sha1" => sha1(data),
            "sha224" => sha256(data, true),
            "sha256" => sha256(data, false),
            "sha384" => sha512(data, true),
            "sha512" => sha512(data, false),
            "sha3_224" => sha3(data, 28),
            "sha3_256" => sha3(data, 32),
            "sha3_384" => sha3(data, 48),
            "sha3_512" => sha3(data, 64),
            "blake2b" => blake2b(data),
            "blake2s" => blake2s(data),
            _ => return None,
        })
    }

    /// Merkle–Damgård padding: 0x80, zeros, then the bit length (`len_bytes` wide).
    fn md_pad(data: &[u8], block: usize, len_bytes: usize, big_endian: bool) -> Vec<u8> {
        let mut m = data.to_vec();
        m.push(0x80);
        while m.len() % block != block - len_bytes {
            m.push(0);
        }
        let bits = (data.len() as u128) * 8;
        let len = if big_endian {
            bits.to_be_bytes()
        } else {
            bits.to_le_bytes()
        };
        if big_endian {
            m.extend_from_slice(&len[16 - len_bytes..]);
        } else {
            m.extend_from_slice(&len[..len_bytes]);
        }
        m
    }

    fn md5(data: &[u8]) -> Vec<u8> {
        const S: [u32; 64] = [
            7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 5, 9, 14, 20, 5, 9, 14, 20,
            5, 9, 14, 20, 5, 9, 14, 20, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23,
            6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21,
        ];
        let k: Vec<u32> = (0..64)
            .map(|i| ((i as f64 + 1.0).sin().abs() * 4294967296.0) as u32)
            .collect();
        let mut h: [u32; 4] = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476];
        for chunk in md_pad(data, 64, 8, false).chunks(64) {
            let w: Vec<u32> = chunk
                .chunks(4)
                .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
                .collect();
            let [mut a, mut b, mut c, mut d] = h;
            for i in 0..64 {
                let (f, g) = match i / 16 {
                    0 => ((b & c) | (!b & d), i),
                    1 => ((d & b) | (!d & c), (5 * i + 1) % 16),
                    2 => (b ^ c ^ d, (3 * i + 5) % 16),
                    _ => (c ^ (b | !d), (7 * i) % 16),
                };
                let f = f.wrapping_add(a).wrapping_add(k[i]).wrapping_add(w[g]);
                a = d;
                d = c;
                c = b;
                b = b.wrapping_add(f.rotate_left(S[i]));
            }
            h[0] = h[0].wrapping_add(a);
            h[1] = h[1].wrapping_add(b);
            h[2] = h[2].wrapping_add(c);
            h[3] = h[3].wrapping_add(d);
        }
        h.iter().flat_map(|x| x.to_le_bytes()).collect()
    }

    fn sha1(data: &[u8]) -> Vec<u8> {
        let mut h: [u32; 5] = [0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476, 0xC3D2E1F0];
        for chunk in md_pad(data, 64, 8, true).chunks(64) {
            let mut w = [0u32; 80];
            for i in 0..16 {
                w[i] = u32::from_be_bytes([
                    chunk[4 * i],
                    chunk[4 * i + 1],
                    chunk[4 * i + 2],
                    chunk[4 * i + 3],
                ]);
            }
            for i in 16..80 {
                w[i] = (w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16]).rotate_left(1);
            }
            let [mut a, mut b, mut c, mut d, mut e] = h;
            for (i, wi) in w.iter().enumerate() {
                let (f, k) = match i / 20 {
                    0 => ((b & c) | (!b & d), 0x5A827999),
                    1 => (b ^ c ^ d, 0x6ED9EBA1),
                    2 => ((b & c) | (b & d) | (c & d), 0x8F1BBCDC),
                    _ => (b ^ c ^ d, 0xCA62C1D6u32),
                };
                let t = a
                    .rotate_left(5)
                    .wrapping_add(f)
                    .wrapping_add(e)
                    .wrapping_add(k)
                    .wrapping_add(*wi);
                e = d;
                d = c;
                c = b.rotate_left(30);
                b = a;
                a = t;
            }
            for (x, y) in h.iter_mut().zip([a, b, c, d, e]) {
                *x = x.wrapping_add(y);
            }
        }
        h.iter().flat_map(|x| x.to_be_bytes()).collect()
    }

    const K256: [u32; 64] = [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4,
        0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe,
        0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f,
        0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
        0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc,
        0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
        0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116,
        0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
        0xc67178f2,
    ];

    fn sha256(data: &[u8], is224: bool) -> Vec<u8> {
        let mut h: [u32; 8] = if is224 {
            [
                0xc1059ed8, 0x367cd507, 0x3070dd17, 0xf70e5939, 0xffc00b31, 0x68581511, 0x64f98fa7,
                0xbefa4fa4,
            ]
        } else {
            [
                0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab,
                0x5be0cd19,
            ]
        };
        for chunk in md_pad(data, 64, 8, true).chunks(64) {
            let mut w = [0u32; 64];
            for i in 0..16 {
                w[i] = u32::from_be_bytes([
                    chunk[4 * i],
                    chunk[4 * i + 1],
                    chunk[4 * i + 2],
                    chunk[4 * i + 3],
                ]);
            }
            for i in 16..64 {
                let s0 = w[i - 15].rotate_right(7) ^ w[i - 15].rotate_right(18) ^ (w[i - 15] >> 3);
                let s1 = w[i - 2].rotate_right(17) ^ w[i - 2].rotate_right(19) ^ (w[i - 2] >> 10);
                w[i] = w[i - 16]
                    .wrapping_add(s0)
                    .wrapping_add(w[i - 7])
                    .wrapping_add(s1);
            }
            let mut v = h;
            for i in 0..64 {
                let s1 = v[4].rotate_right(6) ^ v[4].rotate_right(11) ^ v[4].rotate_right(25);
                let ch = (v[4] & v[5]) ^ (!v[4] & v[6]);
                let t1 = v[7]
                    .wrapping_add(s1)
                    .wrapping_add(ch)
                    .wrapping_add(K256[i])
                    .wrapping_add(w[i]);
                let s0 = v[0].rotate_right(2) ^ v[0].rotate_right(13) ^ v[0].rotate_right(22);
                let maj = (v[0] & v[1]) ^ (v[0] & v[2]) ^ (v[1] & v[2]);
                let t2 = s0.wrapping_add(maj);
                v = [
                    t1.wrapping_add(t2),
                    v[0],
                    v[1],
                    v[2],
                    v[3].wrapping_add(t1),
                    v[4],
                    v[5],
                    v[6],
                ];
            }
            for (x, y) in h.iter_mut().zip(v) {
                *x = x.wrapping_add(y);
            }
        }
        let out: Vec<u8> = h.iter().flat_map(|x| x.to_be_bytes()).collect();
        out[..if is224 { 28 } else { 32 }].to_vec()
    }

    const K512: [u64; 80] = [
        0x428a2f98d728ae22,
        0x7137449123ef65cd,
        0xb5c0fbcfec4d3b2f,
        0xe9b5dba58189dbbc,
        0x3956c25bf348b538,
        0x59f111f1b605d019,
        0x923f82a4af194f9b,
        0xab1c5ed5da6d8118,
        0xd807aa98a3030242,
        0x12835b0145706fbe,
        0x243185be4ee4b28c,
        0x550c7dc3d5ffb4e2,
        0x72be5d74f27b896f,
        0x80deb1fe3b1696b1,
        0x9bdc06a725c71235,
        0xc19bf174cf692694,
        0xe49b69c19ef14ad2,
        0xefbe4786384f25e3,
        0x0fc19dc68b8cd5b5,
        0x240ca1cc77ac9c65,
        0x2de92c6f592b0275,
        0x4a7484aa6ea6e483,
        0x5cb0a9dcbd41fbd4,
        0x76f988da831153b5,
        0x983e5152ee66dfab,
        0xa831c66d2db43210,
        0xb00327c898fb213f,
        0xbf597fc7beef0ee4,
        0xc6e00bf33da88fc2,
        0xd5a79147930aa725,
        0x06ca6351e003826f,
        0x142929670a0e6e70,
        0x27b70a8546d22ffc,
        0x2e1b21385c26c926,
        0x4d2c6dfc5ac42aed,
        0x53380d139d95b3df,
        0x650a73548baf63de,
        0x766a0abb3c77b2a8,
        0x81c2c92e47edaee6,
        0x92722c851482353b,
        0xa2bfe8a14cf10364,
        0xa81a664bbc423001,
        0xc24b8b70d0f89791,
        0xc76c51a30654be30,
        0xd192e819d6ef5218,
        0xd69906245565a910,
        0xf40e35855771202a,
        0x106aa07032bbd1b8,
        0x19a4c116b8d2d0c8,
        0x1e376c085141ab53,
        0x2748774cdf8eeb99,
        0x34b0bcb5e19b48a8,
        0x391c0cb3c5c95a63,
        0x4ed8aa4ae3418acb,
        0x5b9cca4f7763e373,
        0x682e6ff3d6b2b8a3,
        0x748f82ee5defb2fc,
        0x78a5636f43172f60,
        0x84c87814a1f0ab72,
        0x8cc702081a6439ec,
        0x90befffa23631e28,
        0xa4506cebde82bde9,
        0xbef9a3f7b2c67915,
        0xc67178f2e372532b,
        0xca273eceea26619c,
        0xd186b8c721c0c207,
        0xeada7dd6cde0eb1e,
        0xf57d4f7fee6ed178,
        0x06f067aa72176fba,
        0x0a637dc5a2c898a6,
        0x113f9804bef90dae,
        0x1b710b35131c471b,
        0x28db77f523047d84,
        0x32caab7b40c72493,
        0x3c9ebe0a15c9bebc,
        0x431d67c49c100d4c,
        0x4cc5d4becb3e42b6,
        0x597f299cfc657e2a,
        0x5fcb6fab3ad6faec,
        0x6c44198c4a475817,
    ];

    fn sha512(data: &[u8], is384: bool) -> Vec<u8> {
        let mut h: [u64; 8] = if is384 {
            [
                0xcbbb9d5dc1059ed8,
                0x629a292a367cd507,
                0x9159015a3070dd17,
                0x152fecd8f70e5939,
                0x67332667ffc00b31,
                0x8eb44a8768581511,
                0xdb0c2e0d64f98fa7,
                0x47b5481dbefa4fa4,
            ]
        } else {
            [
                0x6a09e667f3bcc908,
                0xbb67ae8584caa73b,
                0x3c6ef372fe94f82b,
                0xa54ff53a5f1d36f1,
                0x510e527fade682d1,
                0x9b05688c2b3e6c1f,
                0x1f83d9abfb41bd6b,
                0x5be0cd19137e2179,
            ]
        };
        for chunk in md_pad(data, 128, 16, true).chunks(128) {
            let mut w = [0u64; 80];
            for i in 0..16 {
                let mut b = [0u8; 8];
                b.copy_from_slice(&chunk[8 * i..8 * i + 8]);
                w[i] = u64::from_be_bytes(b);
            }
            for i in 16..80 {
                let s0 = w[i - 15].rotate_right(1) ^ w[i - 15].rotate_right(8) ^ (w[i - 15] >> 7);
                let s1 = w[i - 2].rotate_right(19) ^ w[i - 2].rotate_right(61) ^ (w[i - 2] >> 6);
                w[i] = w[i - 16]
                    .wrapping_add(s0)
                    .wrapping_add(w[i - 7])
                    .wrapping_add(s1);
            }
            let mut v = h;
            for i in 0..80 {
                let s1 = v[4].rotate_right(14) ^ v[4].rotate_right(18) ^ v[4].rotate_right(41);
                let ch = (v[4] & v[5]) ^ (!v[4] & v[6]);
                let t1 = v[7]
                    .wrapping_add(s1)
                    .wrapping_add(ch)
                    .wrapping_add(K512[i])
                    .wrapping_add(w[i]);
                let s0 = v[0].rotate_right(28) ^ v[0].rotate_right(34) ^ v[0].rotate_right(39);
                let maj = (v[0] & v[1]) ^ (v[0] & v[2]) ^ (v[1] & v[2]);
                let t2 = s0.wrapping_add(maj);
                v = [
                    t1.wrapping_add(t2),
                    v[0],
                    v[1],
                    v[2],
                    v[3].wrapping_add(t1),
                    v[4],
                    v[5],
                    v[6],
                ];
            }
            for (x, y) in h.iter_mut().zip(v) {
                *x = x.wrapping_add(y);
            }
        }
        let out: Vec<u8> = h.iter().flat_map(|x| x.to_be_bytes()).collect();
        out[..if is384 { 48 } else { 64 }].to_vec()
    }

    fn keccak_f(a: &mut [u64; 25]) {
        const RC: [u64; 24] = [
            0x0000000000000001,
            0x0000000000008082,
            0x800000000000808A,
            0x8000000080008000,
            0x000000000000808B,
            0x0000000080000001,
            0x8000000080008081,
            0x8000000000008009,
            0x000000000000008A,
            0x0000000000000088,
            0x0000000080008009,
            0x000000008000000A,
            0x000000008000808B,
            0x800000000000008B,
            0x8000000000008089,
            0x8000000000008003,
            0x8000000000008002,
            0x8000000000000080,
            0x000000000000800A,
            0x800000008000000A,
            0x8000000080008081,
            0x8000000000008080,
            0x0000000080000001,
            0x8000000080008008,
        ];
        const ROT: [u32; 25] = [
            0, 1, 62, 28, 27, 36, 44, 6, 55, 20, 3, 10, 43, 25, 39, 41, 45, 15, 21, 8, 18, 2, 61,
            56, 14,
        ];
        for rc in RC {
            let mut c = [0u64; 5];
            for x in 0..5 {
                c[x] = a[x] ^ a[x + 5] ^ a[x + 10] ^ a[x + 15] ^ a[x + 20];
            }
            for x in 0..5 {
                let d = c[(x + 4) % 5] ^ c[(x + 1) % 5].rotate_left(1);
                for y in 0..5 {
                    a[x + 5 * y] ^= d;
                }
            }
            let mut b = [0u64; 25];
            for x in 0..5 {
                for y in 0..5 {
                    b[y + 5 * ((2 * x + 3 * y) % 5)] = a[x + 5 * y].rotate_left(ROT[x + 5 * y]);
                }
            }
            for x in 0..5 {
                for y in 0..5 {
                    a[x + 5 * y] =
                        b[x + 5 * y] ^ (!b[(x + 1) % 5 + 5 * y] & b[(x + 2) % 5 + 5 * y]);
                }
            }
            a[0] ^= rc;
        }
    }

    fn sha3(data: &[u8], out_len: usize) -> Vec<u8> {
        let rate = 200 - 2 * out_len;
        let mut m = data.to_vec();
        m.push(0x06);
        m.resize(m.len().div_ceil(rate) * rate, 0);
        let last = m.len() - 1;
        m[last] |= 0x80;
        let mut st = [0u64; 25];
        for block in m.chunks(rate) {
            for (i, lane) in block.chunks(8).enumerate() {
                let mut b = [0u8; 8];
                b.copy_from_slice(lane);
                st[i] ^= u64::from_le_bytes(b);
            }
            keccak_f(&mut st);
        }
        st.iter()
            .flat_map(|x| x.to_le_bytes())
            .take(out_len)
            .collect()
    }

    const SIGMA: [[usize; 16]; 10] = [
        [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15],
        [14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3],
        [11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4],
        [7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8],
        [9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13],
        [2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9],
        [12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11],
        [13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10],
        [6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5],
        [10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0],
    ];

    macro_rules! blake2 {
        ($name:ident, $word:ty, $bytes:expr, $rounds:expr, $r:expr, $iv:expr) => {
            fn $name(data: &[u8]) -> Vec<u8> {
                const W: usize = $bytes;
                const BLOCK: usize = 16 * W;
                const OUT: usize = 8 * W;
                let iv: [$word; 8] = $iv;
                let r: [u32; 4] = $r;
                let mut h = iv;
                h[0] ^= 0x0101_0000 ^ (OUT as $word);
                let compress = |h: &mut [$word; 8], block: &[u8], t: u128, last: bool| {
                    let mut m = [0 as $word; 16];
                    for (i, c) in block.chunks(W).enumerate() {
                        let mut b = [0u8; W];
                        b.copy_from_slice(c);
                        m[i] = <$word>::from_le_bytes(b);
                    }
                    let mut v = [0 as $word; 16];
                    v[..8].copy_from_slice(h);
                    v[8..].copy_from_slice(&iv);
                    v[12] ^= t as $word;
                    v[13] ^= (t >> (8 * W)) as $word;
                    if last {
                        v[14] = !v[14];
                    }
                    let g = |v: &mut [$word; 16],
                             a: usize,
                             b: usize,
                             c: usize,
                             d: usize,
                             x: $word,
                             y: $word| {
                        v[a] = v[a].wrapping_add(v[b]).wrapping_add(x);
                        v[d] = (v[d] ^ v[a]).rotate_right(r[0]);
                        v[c] = v[c].wrapping_add(v[d]);
                        v[b] = (v[b] ^ v[c]).rotate_right(r[1]);
                        v[a] = v[a].wrapping_add(v[b]).wrapping_add(y);
                        v[d] = (v[d] ^ v[a]).rotate_right(r[2]);
                        v[c] = v[c].wrapping_add(v[d]);
                        v[b] = (v[b] ^ v[c]).rotate_right(r[3]);
                    };
                    for round in 0..$rounds {
                        let s = &SIGMA[round % 10];
                        g(&mut v, 0, 4, 8, 12, m[s[0]], m[s[1]]);
                        g(&mut v, 1, 5, 9, 13, m[s[2]], m[s[3]]);
                        g(&mut v, 2, 6, 10, 14, m[s[4]], m[s[5]]);
                        g(&mut v, 3, 7, 11, 15, m[s[6]], m[s[7]]);
                        g(&mut v, 0, 5, 10, 15, m[s[8]], m[s[9]]);
                        g(&mut v, 1, 6, 11, 12, m[s[10]], m[s[11]]);
                        g(&mut v, 2, 7, 8, 13, m[s[12]], m[s[13]]);
                        g(&mut v, 3, 4, 9, 14, m[s[14]], m[s[15]]);
                    }
                    for i in 0..8 {
                        h[i] ^= v[i] ^ v[i + 8];
                    }
                };
                let mut offset = 0usize;
                while data.len() - offset > BLOCK {
                    compress(
                        &mut h,
                        &data[offset..offset + BLOCK],
                        (offset + BLOCK) as u128,
                        false,
                    );
                    offset += BLOCK;
                }
                let mut last = [0u8; BLOCK];
                last[..data.len() - offset].copy_from_slice(&data[offset..]);
                compress(&mut h, &last, data.len() as u128, true);
                h.iter().flat_map(|x| x.to_le_bytes()).take(OUT).collect()
            }
        };
    }

    blake2!(
        blake2b,
        u64,
        8,
        12,
        [32, 24, 16, 63],
        [
            0x6a09e667f3bcc908,
            0xbb67ae8584caa73b,
            0x3c6ef372fe94f82b,
            0xa54ff53a5f1d36f1,
            0x510e527fade682d1,
            0x9b05688c2b3e6c1f,
            0x1f83d9abfb41bd6b,
            0x5be0cd19137e2179
        ]
    );
    blake2!(
        blake2s,
        u32,
        4,
        10,
        [16, 12, 8, 7],
        [
            0x6A09E667, 0xBB67AE85, 0x3C6EF372, 0xA54FF53A, 0x510E527F, 0x9B05688C, 0x1F83D9AB,
            0x5BE0CD19
        ]
    );
}

// ---------------------------------------------------------------------------------------------
// A small backtracking regex engine with Python `re` syntax, for `regex_replace`.
// ---------------------------------------------------------------------------------------------

mod regex {
    const MAX_STEPS: usize = 5_000_000;
    const MAX_DEPTH: usize = 2_000;

    #[derive(Debug)]
    enum Node {
        Empty,
        Char(char),
        Any,
        Class(Box<Class>),
        Start,
        End,
        StartText,
        EndText,
        WordBoundary(bool),
        Group(Box<Node>, Option<usize>),
        Look(Box<Node>, bool),
        Concat(Vec<Node>),
        Alt(Vec<Node>),
        Repeat(Box<Node>, usize, usize, bool),
        Backref(usize),
    }

    #[derive(Debug)]
    struct Class {
        negated: bool,
        items: Vec<Item>,
    }

    #[derive(Debug)]
    enum Item {
        Range(char, char),
        Digit(bool),
        Word(bool),
        Space(bool),
    }

    fn is_word(c: char) -> bool {
        c.is_alphanumeric() || c == '_'
    }

    fn is_digit(c: char) -> bool {
        c.is_ascii_digit() || (!c.is_ascii() && c.is_numeric())
    }

    pub(super) struct Regex {
        root: Node,
        groups: usize,
        names: Vec<(String, usize)>,
        icase: bool,
        dotall: bool,
        multiline: bool,
    }

    struct Parser<'p> {
        c: Vec<char>,
        i: usize,
        groups: usize,
        names: Vec<(String, usize)>,
        flags: &'p mut (bool, bool, bool),
    }

    impl Parser<'_> {
        fn peek(&self) -> Option<char> {
            self.c.get(self.i).copied()
        }

        fn eat(&mut self, ch: char) -> bool {
            if self.peek() == Some(ch) {
                self.i += 1;
                true
            } else {
                false
            }
        }

        fn alt(&mut self) -> Result<Node, String> {
            let mut alts = vec![self.concat()?];
            while self.eat('|') {
                alts.push(self.concat()?);
            }
            Ok(if alts.len() == 1 {
                alts.pop().unwrap_or(Node::Empty)
            } else {
                Node::Alt(alts)
            })
        }

        fn concat(&mut self) -> Result<Node, String> {
            let mut items = Vec::new();
            while let Some(ch) = self.peek() {
                if ch == '|' || ch == ')' {
                    break;
                }
                let atom = self.atom()?;
                let atom = self.quantifier(atom)?;
                items.push(atom);
            }
            Ok(match items.len() {
                0 => Node::Empty,
                1 => items.pop().unwrap_or(Node::Empty),
                _ => Node::Concat(items),
            })
        }

        fn number(&mut self) -> Option<usize> {
            let start = self.i;
            while self.peek().is_some_and(|c| c.is_ascii_digit()) {
                self.i += 1;
            }
            self.c[start..self.i]
                .iter()
                .collect::<String>()
                .parse()
                .ok()
        }

        fn quantifier(&mut self, atom: Node) -> Result<Node, String> {
            let start = self.i;
            let (min, max) = match self.peek() {
                Some('*') => (0, usize::MAX),
                Some('+') => (1, usize::MAX),
                Some('?') => (0, 1),
                Some('{') => {
                    self.i += 1;
                    let min = self.number();
                    let (min, max) = if self.eat(',') {
                        (min.unwrap_or(0), self.number().unwrap_or(usize::MAX))
                    } else {
                        match min {
                            Some(m) => (m, m),
                            None => {
                                self.i = start;
                                return Ok(atom);
                            }
                        }
                    };
                    if !self.eat('}') {
                        self.i = start;
                        return Ok(atom);
                    }
                    if min > max {
                        return Err("min repeat greater than max repeat".into());
                    }
                    self.i -= 1;
                    (min, max)
                }
                _ => return Ok(atom),
            };
            self.i += 1;
            if matches!(
                atom,
                Node::Start
                    | Node::End
                    | Node::StartText
                    | Node::EndText
                    | Node::WordBoundary(_)
                    | Node::Empty
            ) || matches!(atom, Node::Repeat(..))
            {
                return Err("nothing to repeat / multiple repeat".into());
            }
            let greedy = !self.eat('?');
            if matches!(self.peek(), Some('*' | '+' | '?')) {
                return Err("multiple repeat".into());
            }
            Ok(Node::Repeat(Box::new(atom), min, max, greedy))
        }

        fn escape_char(&mut self, ch: char) -> Result<Option<char>, String> {
            let hex = |p: &mut Self, n: usize| -> Result<char, String> {
                let s: String = p.c.iter().skip(p.i).take(n).collect();
                if s.len() != n {
                    return Err("incomplete escape".into());
                }
                p.i += n;
                u32::from_str_radix(&s, 16)
                    .ok()
                    .and_then(char::from_u32)
                    .ok_or_else(|| "bad escape".to_string())
            };
            Ok(Some(match ch {
                'n' => '\n',
                't' => '\t',
                'r' => '\r',
                'f' => '\x0c',
                'v' => '\x0b',
                'a' => '\x07',
                '0' => '\0',
                'x' => hex(self, 2)?,
                'u' => hex(self, 4)?,
                'U' => hex(self, 8)?,
                c if c.is_ascii_alphanumeric() => return Ok(None),
                c => c,
            }))
        }

        fn atom(&mut self) -> Result<Node, String> {
            let ch = self.peek().ok_or("unexpected end of pattern")?;
            self.i += 1;
            Ok(match ch {
                '.' => Node::Any,
                '^' => Node::Start,
                '$' => Node::End,
                '*' | '+' | '?' => return Err("nothing to repeat".into()),
                '[' => Node::Class(Box::new(self.class()?)),
                '(' => self.group()?,
                '\\' => {
                    let e = self.peek().ok_or("bad escape (end of pattern)")?;
                    self.i += 1;
                    let class = |item| {
                        Node::Class(Box::new(Class {
                            negated: false,
                            items: vec![item],
                        }))
                    };
                    match e {
                        'd' => class(Item::Digit(false)),
                        'D' => class(Item::Digit(true)),
                        'w' => class(Item::Word(false)),
                        'W' => class(Item::Word(true)),
                        's' => class(Item::Space(false)),
                        'S' => class(Item::Space(true)),
                        'b' => Node::WordBoundary(false),
                        'B' => Node::WordBoundary(true),
                        'A' => Node::StartText,
                        'Z' => Node::EndText,
                        '1'..='9' => {
                            self.i -= 1;
                            let mut n = 0usize;
                            for _ in 0..2 {
                                match self.peek().and_then(|c| c.to_digit(10)) {
                                    Some(d) => {
                                        n = n * 10 + d as usize;
                                        self.i += 1;
                                    }
                                    None => break,
                                }
                            }
                            if n > self.groups {
                                return Err("invalid group reference".into());
                            }
                            Node::Backref(n)
                        }
                        other => match self.escape_char(other)? {
                            Some(c) => Node::Char(c),
                            None => return Err(format!("bad escape \\{other}")),
                        },
                    }
                }
                c => Node::Char(c),
            })
        }

        fn group(&mut self) -> Result<Node, String> {
            let mut capture = true;
            let mut name = None;
            if self.eat('?') {
                match self.peek() {
                    Some(':') => {
                        self.i += 1;
                        capture = false;
                    }
                    Some('=') | Some('!') => {
                        let negate = self.peek() == Some('!');
                        self.i += 1;
                        let inner = self.alt()?;
                        if !self.eat(')') {
                            return Err("missing ), unterminated subpattern".into());
                        }
                        return Ok(Node::Look(Box::new(inner), negate));
                    }
                    Some('P') => {
                        self.i += 1;
                        if self.eat('<') {
                            let start = self.i;
                            while self.peek().is_some_and(|c| c != '>') {
                                self.i += 1;
                            }
                            name = Some(self.c[start..self.i].iter().collect::<String>());
                            if !self.eat('>') {
                                return Err("missing >, unterminated name".into());
                            }
                        } else if self.eat('=') {
                            let start = self.i;
                            while self.peek().is_some_and(|c| c != ')') {
                                self.i += 1;
                            }
                            let n: String = self.c[start..self.i].iter().collect();
                            self.eat(')');
                            let idx = self
                                .names
                                .iter()
                                .find(|(k, _)| *k == n)
                                .map(|(_, i)| *i)
                                .ok_or("unknown group name")?;
                            return Ok(Node::Backref(idx));
                        } else {
                            return Err("unknown extension ?P".into());
                        }
                    }
                    Some(c) if "aiLmsux".contains(c) => {
                        while let Some(f) = self.peek() {
                            match f {
                                'i' => self.flags.0 = true,
                                's' => self.flags.1 = true,
                                'm' => self.flags.2 = true,
                                'a' | 'L' | 'u' | 'x' => {}
                                ')' => break,
                                _ => return Err("unsupported inline flag group".into()),
                            }
                            self.i += 1;
                        }
                        self.eat(')');
                        return Ok(Node::Empty);
                    }
                    _ => return Err("unsupported group extension".into()),
                }
            }
            let idx = if capture {
                self.groups += 1;
                if let Some(n) = name {
                    self.names.push((n, self.groups));
                }
                Some(self.groups)
            } else {
                None
            };
            let inner = self.alt()?;
            if !self.eat(')') {
                return Err("missing ), unterminated subpattern".into());
            }
            Ok(Node::Group(Box::new(inner), idx))
        }

        fn class_char(&mut self) -> Result<Result<char, Item>, String> {
            let ch = self.peek().ok_or("unterminated character set")?;
            self.i += 1;
            if ch != '\\' {
                return Ok(Ok(ch));
            }
            let e = self.peek().ok_or("unterminated character set")?;
            self.i += 1;
            Ok(match e {
                'd' => Err(Item::Digit(false)),
                'D' => Err(Item::Digit(true)),
                'w' => Err(Item::Word(false)),
                'W' => Err(Item::Word(true)),
                's' => Err(Item::Space(false)),
                'S' => Err(Item::Space(true)),
                'b' => Ok('\x08'),
                other => match self.escape_char(other)? {
                    Some(c) => Ok(c),
                    None => return Err(format!("bad escape \\{other}")),
                },
            })
        }

        fn class(&mut self) -> Result<Class, String> {
            let negated = self.eat('^');
            let mut items = Vec::new();
            let mut first = true;
            loop {
                match self.peek() {
                    None => return Err("unterminated character set".into()),
                    Some(']') if !first => {
                        self.i += 1;
                        break;
                    }
                    _ => {}
                }
                first = false;
                match self.class_char()? {
                    Err(item) => items.push(item),
                    Ok(lo) => {
                        if self.peek() == Some('-') && self.c.get(self.i + 1) != Some(&']') {
                            self.i += 1;
                            match self.class_char()? {
                                Ok(hi) if hi >= lo => items.push(Item::Range(lo, hi)),
                                Ok(_) => return Err("bad character range".into()),
                                Err(_) => return Err("bad character range".into()),
                            }
                        } else {
                            items.push(Item::Range(lo, lo));
                        }
                    }
                }
            }
            Ok(Class { negated, items })
        }
    }

    type Caps = Vec<Option<(usize, usize)>>;
    type K<'k, 'a> = &'k mut dyn FnMut(&mut Matcher<'a>, usize, &mut Caps) -> bool;

    struct Matcher<'a> {
        re: &'a Regex,
        text: &'a [char],
        steps: usize,
        depth: usize,
        aborted: bool,
    }

    impl Regex {
        pub(super) fn new(pattern: &str) -> Result<Regex, String> {
            let mut flags = (false, false, false);
            let mut p = Parser {
                c: pattern.chars().collect(),
                i: 0,
                groups: 0,
                names: Vec::new(),
                flags: &mut flags,
            };
            let root = p.alt().map_err(|e| format!("invalid pattern: {e}"))?;
            if p.i < p.c.len() {
                return Err("invalid pattern: unbalanced parenthesis".into());
            }
            let (groups, names) = (p.groups, std::mem::take(&mut p.names));
            Ok(Regex {
                root,
                groups,
                names,
                icase: flags.0,
                dotall: flags.1,
                multiline: flags.2,
            })
        }

        /// Leftmost match at or after `from`; an empty match at `no_empty_at` is rejected.
        fn find(
            &self,
            text: &[char],
            from: usize,
            no_empty_at: Option<usize>,
        ) -> Result<Option<Caps>, String> {
            let mut m = Matcher {
                re: self,
                text,
                steps: 0,
                depth: 0,
                aborted: false,
            };
            for start in from..=text.len() {
                let mut caps: Caps = vec![None; self.groups + 1];
                let found = m.m(&self.root, start, &mut caps, &mut |_, j, caps| {
                    if no_empty_at == Some(start) && j == start {
                        return false;
                    }
                    caps[0] = Some((start, j));
                    true
                });
                if m.aborted {
                    return Err("regular expression too complex for the input".into());
                }
                if found {
                    return Ok(Some(caps));
                }
            }
            Ok(None)
        }

        /// Python `re.sub(pattern, repl, text)`.
        pub(super) fn sub(&self, text: &str, repl: &str) -> Result<String, String> {
            let template = self.template(repl)?;
            let chars: Vec<char> = text.chars().collect();
            let mut out = String::with_capacity(text.len());
            let mut pos = 0usize;
            let mut last_end = 0usize;
            let mut no_empty_at = None;
            while pos <= chars.len() {
                let Some(caps) = self.find(&chars, pos, no_empty_at)? else {
                    break;
                };
                let (s, e) = caps[0].unwrap_or((pos, pos));
                out.extend(&chars[last_end..s]);
                for piece in &template {
                    match piece {
                        Piece::Lit(l) => out.push_str(l),
                        Piece::Group(g) => {
                            if let Some((a, b)) = caps[*g] {
                                out.extend(&chars[a..b]);
                            }
                        }
                    }
                }
                last_end = e;
                pos = e;
                no_empty_at = if s == e { Some(e) } else { None };
                if s == e && e == chars.len() {
                    break;
                }
            }
            out.extend(&chars[last_end.min(chars.len())..]);
            Ok(out)
        }

        fn template(&self, repl: &str) -> Result<Vec<Piece>, String> {
            let c: Vec<char> = repl.chars().collect();
            let mut pieces = Vec::new();
            let mut lit = String::new();
            let mut i = 0;
            while i < c.len() {
                if c[i] != '\\' {
                    lit.push(c[i]);
                    i += 1;
                    continue;
                }
                let Some(&e) = c.get(i + 1) else {
                    return Err("bad escape (end of replacement)".into());
                };
                i += 2;
                let group = match e {
                    'g' => {
                        if c.get(i) != Some(&'<') {
                            return Err("missing < in \\g".into());
                        }
                        let end = c[i..]
                            .iter()
                            .position(|x| *x == '>')
                            .ok_or("missing >, unterminated name")?;
                        let name: String = c[i + 1..i + end].iter().collect();
                        i += end + 1;
                        match name.parse::<usize>() {
                            Ok(n) => n,
                            Err(_) => self
                                .names
                                .iter()
                                .find(|(k, _)| *k == name)
                                .map(|(_, g)| *g)
                                .ok_or("unknown group name")?,
                        }
                    }
                    '1'..='9' => {
                        let mut n = e.to_digit(10).unwrap_or(0) as usize;
                        if let Some(d) = c.get(i).and_then(|x| x.to_digit(10)) {
                            n = n * 10 + d as usize;
                            i += 1;
                        }
                        n
                    }
                    'n' => {
                        lit.push('\n');
                        continue;
                    }
                    't' => {
                        lit.push('\t');
                        continue;
                    }
                    'r' => {
                        lit.push('\r');
                        continue;
                    }
                    'f' => {
                        lit.push('\x0c');
                        continue;
                    }
                    'v' => {
                        lit.push('\x0b');
                        continue;
                    }
                    'a' => {
                        lit.push('\x07');
                        continue;
                    }
                    '\\' => {
                        lit.push('\\');
                        continue;
                    }
                    c2 if c2.is_ascii_alphabetic() => return Err(format!("bad escape \\{c2}")),
                    c2 => {
                        lit.push('\\');
                        lit.push(c2);
                        continue;
                    }
                };
                if group > self.groups {
                    return Err("invalid group reference".into());
                }
                if !lit.is_empty() {
                    pieces.push(Piece::Lit(std::mem::take(&mut lit)));
                }
                pieces.push(Piece::Group(group));
            }
            if !lit.is_empty() {
                pieces.push(Piece::Lit(lit));
            }
            Ok(pieces)
        }
    }

    enum Piece {
        Lit(String),
        Group(usize),
    }

    fn fold(c: char) -> char {
        c.to_lowercase().next().unwrap_or(c)
    }

    impl<'a> Matcher<'a> {
        fn class_has(&self, class: &Class, c: char) -> bool {
            let hit = |c: char| {
                class.items.iter().any(|it| match it {
                    Item::Range(lo, hi) => *lo <= c && c <= *hi,
                    Item::Digit(neg) => is_digit(c) != *neg,
                    Item::Word(neg) => is_word(c) != *neg,
                    Item::Space(neg) => c.is_whitespace() != *neg,
                })
            };
            let mut found = hit(c);
            if !found && self.re.icase {
                found = c.to_lowercase().any(hit) || c.to_uppercase().any(hit);
            }
            found != class.negated
        }

        fn single(&self, node: &Node, c: char) -> bool {
            match node {
                Node::Char(x) => *x == c || (self.re.icase && fold(*x) == fold(c)),
                Node::Any => self.re.dotall || c != '\n',
                Node::Class(cl) => self.class_has(cl, c),
                _ => false,
            }
        }

        fn m(&mut self, node: &'a Node, i: usize, caps: &mut Caps, k: K<'_, 'a>) -> bool {
            self.steps += 1;
            if self.aborted || self.steps > MAX_STEPS || self.depth > MAX_DEPTH {
                self.aborted = true;
                return false;
            }
            self.depth += 1;
            let r = self.m_inner(node, i, caps, k);
            self.depth -= 1;
            r
        }

        fn m_inner(&mut self, node: &'a Node, i: usize, caps: &mut Caps, k: K<'_, 'a>) -> bool {
            let text = self.text;
            let len = text.len();
            match node {
                Node::Empty => k(self, i, caps),
                Node::Char(_) | Node::Any | Node::Class(_) => {
                    i < len && self.single(node, text[i]) && k(self, i + 1, caps)
                }
                Node::Start => {
                    (i == 0 || (self.re.multiline && text[i - 1] == '\n')) && k(self, i, caps)
                }
                Node::End => {
                    let ok = i == len
                        || (i + 1 == len && text[i] == '\n')
                        || (self.re.multiline && text[i] == '\n');
                    ok && k(self, i, caps)
                }
                Node::StartText => i == 0 && k(self, i, caps),
                Node::EndText => i == len && k(self, i, caps),
                Node::WordBoundary(neg) => {
                    let a = i > 0 && is_word(text[i - 1]);
                    let b = i < len && is_word(text[i]);
                    ((a != b) != *neg) && k(self, i, caps)
                }
                Node::Group(inner, None) => self.m(inner, i, caps, k),
                Node::Group(inner, Some(g)) => {
                    let g = *g;
                    self.m(inner, i, caps, &mut |s, j, caps: &mut Caps| {
                        let old = caps[g];
                        caps[g] = Some((i, j));
                        if k(s, j, caps) {
                            true
                        } else {
                            caps[g] = old;
                            false
                        }
                    })
                }
                Node::Look(inner, negate) => {
                    let mut trial = caps.clone();
                    let ok = self.m(inner, i, &mut trial, &mut |_, _, _| true);
                    if ok == *negate {
                        return false;
                    }
                    if ok {
                        *caps = trial;
                    }
                    k(self, i, caps)
                }
                Node::Concat(nodes) => self.seq(nodes, i, caps, k),
                Node::Alt(alts) => {
                    for a in alts {
                        if self.m(a, i, caps, &mut *k) {
                            return true;
                        }
                    }
                    false
                }
                Node::Backref(g) => {
                    let Some((a, b)) = caps[*g] else {
                        return false;
                    };
                    let n = b - a;
                    if i + n > len {
                        return false;
                    }
                    let same = (0..n).all(|t| {
                        let (x, y) = (text[a + t], text[i + t]);
                        x == y || (self.re.icase && fold(x) == fold(y))
                    });
                    same && k(self, i + n, caps)
                }
                Node::Repeat(inner, min, max, greedy) => {
                    if matches!(**inner, Node::Char(_) | Node::Any | Node::Class(_)) {
                        let mut n = 0usize;
                        while n < *max && i + n < len && self.single(inner, text[i + n]) {
                            n += 1;
                        }
                        if n < *min {
                            return false;
                        }
                        if *greedy {
                            let mut c = n;
                            loop {
                                if k(self, i + c, caps) {
                                    return true;
                                }
                                if c == *min || self.aborted {
                                    return false;
                                }
                                c -= 1;
                            }
                        } else {
                            (*min..=n).any(|c| k(self, i + c, caps))
                        }
                    } else {
                        self.rep(inner, (*min, *max, *greedy), 0, i, caps, k)
                    }
                }
            }
        }

        fn seq(&mut self, nodes: &'a [Node], i: usize, caps: &mut Caps, k: K<'_, 'a>) -> bool {
            match nodes.split_first() {
                None => k(self, i, caps),
                Some((first, rest)) => self.m(first, i, caps, &mut |s, j, caps: &mut Caps| {
                    s.seq(rest, j, caps, &mut *k)
                }),
            }
        }

        /// `node` repeated (`spec` = min, max, greedy), `count` repetitions done so far.
        fn rep(
            &mut self,
            node: &'a Node,
            spec: (usize, usize, bool),
            count: usize,
            i: usize,
            caps: &mut Caps,
            k: K<'_, 'a>,
        ) -> bool {
            let (min, _, greedy) = spec;
            if greedy {
                self.rep_more(node, spec, count, i, caps, &mut *k)
                    || (count >= min && k(self, i, caps))
            } else {
                (count >= min && k(self, i, caps)) || self.rep_more(node, spec, count, i, caps, k)
            }
        }

        fn rep_more(
            &mut self,
            node: &'a Node,
            spec: (usize, usize, bool),
            count: usize,
            i: usize,
            caps: &mut Caps,
            k: K<'_, 'a>,
        ) -> bool {
            let (min, max, _) = spec;
            count < max
                && self.m(node, i, caps, &mut |s, j, caps: &mut Caps| {
                    if j == i && count >= min {
                        return false;
                    }
                    s.rep(node, spec, count + 1, j, caps, &mut *k)
                })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn sql(e: &str, rec: Value) -> Value {
        Expression::compile(e, Language::Sql)
            .unwrap_or_else(|err| panic!("{err}"))
            .eval(&rec)
            .unwrap_or_else(|err| panic!("{err}"))
    }

    fn jp(e: &str, rec: Value) -> Value {
        Expression::compile(e, Language::Jmespath)
            .unwrap_or_else(|err| panic!("{err}"))
            .eval(&rec)
            .unwrap_or_else(|err| panic!("{err}"))
    }

    fn sql_bool(e: &str, rec: Value) -> bool {
        Expression::compile(e, Language::Sql)
            .unwrap()
            .eval_bool(&rec)
            .unwrap()
    }

    fn jp_bool(e: &str, rec: Value) -> bool {
        Expression::compile(e, Language::Jmespath)
            .unwrap()
            .eval_bool(&rec)
            .unwrap()
    }

    #[test]
    fn expression_is_send_sync() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<Expression>();
    }

    #[test]
    fn language_deserializes_lowercase() {
        let l: Language = serde_json::from_str("\"sql\"").unwrap();
        assert_eq!(l, Language::Sql);
        let l: Language = serde_json::from_str("\"jmespath\"").unwrap();
        assert_eq!(l, Language::Jmespath);
        assert!(serde_json::from_str::<Language>("\"python\"").is_err());
    }

    #[test]
    fn sql_arithmetic_and_types() {
        let rec = json!({"price": 2.5, "quantity": 4, "n": 7});
        assert_eq!(sql("price * quantity", rec.clone()), json!(10.0));
        assert_eq!(sql("n / 2", rec.clone()), json!(3));
        assert_eq!(sql("n % 4 + quantity", rec.clone()), json!(7));
        assert_eq!(sql("n / 2.0", rec.clone()), json!(3.5));
        assert_eq!(
            sql("typeof(price) || ',' || typeof(n)", rec),
            json!("real,integer")
        );
        assert_eq!(sql("1 + 1", json!({})), json!(2));
    }

    #[test]
    fn sql_string_concat_and_functions() {
        let rec = json!({"first_name": "Ada", "last_name": "Lovelace"});
        assert_eq!(
            sql("first_name || ' ' || last_name", rec.clone()),
            json!("Ada Lovelace")
        );
        assert_eq!(sql("UPPER(last_name)", rec.clone()), json!("LOVELACE"));
        assert_eq!(sql("length(first_name)", rec.clone()), json!(3));
        // RDI doc (transform-examples/redis-add-field-example.md): SQL concat(...)
        assert_eq!(
            sql("concat(first_name, ' ', last_name)", rec),
            json!("Ada Lovelace")
        );
    }

    #[test]
    fn sql_case_expression() {
        // RDI doc transform-examples/redis-sql-case-example.md
        let e = "CASE\n  WHEN BillingCountry = 'USA' THEN 'North America'\n  WHEN BillingCountry = 'Canada' THEN 'North America'\n  WHEN BillingCountry = 'UK' THEN 'Europe'\n  WHEN BillingCountry = 'France' THEN 'Europe'\n  ELSE 'Other'\nEND\n";
        let x = Expression::compile(e, Language::Sql).unwrap();
        assert_eq!(
            x.eval(&json!({"BillingCountry": "Canada"})).unwrap(),
            json!("North America")
        );
        assert_eq!(
            x.eval(&json!({"BillingCountry": "France"})).unwrap(),
            json!("Europe")
        );
        assert_eq!(
            x.eval(&json!({"BillingCountry": "Peru"})).unwrap(),
            json!("Other")
        );
        // Case-insensitive field names, as SQLite identifiers are.
        assert_eq!(
            x.eval(&json!({"billingcountry": "UK"})).unwrap(),
            json!("Europe")
        );

        let f = "CASE\n  WHEN BillingCountry = 'USA' AND CAST(Total AS REAL) > 11.99 THEN True\n  WHEN BillingCountry = 'Canada' AND CAST(Total AS REAL) > 9.99 THEN True\n  ELSE False\nEND\n";
        let f = Expression::compile(f, Language::Sql).unwrap();
        assert!(f
            .eval_bool(&json!({"BillingCountry": "USA", "Total": "13.86"}))
            .unwrap());
        assert!(!f
            .eval_bool(&json!({"BillingCountry": "USA", "Total": "3.96"}))
            .unwrap());
        assert!(f
            .eval_bool(&json!({"BillingCountry": "Canada", "Total": "9.999"}))
            .unwrap());
        assert!(!f
            .eval_bool(&json!({"BillingCountry": "UK", "Total": "99.0"}))
            .unwrap());
        // Decimal strings compare as text without the cast (the doc's warning).
        assert!(sql_bool("Total > 11.99", json!({"Total": "3.96"})));
    }

    #[test]
    fn sql_missing_fields_are_null() {
        let x = Expression::compile("coalesce(nickname, first_name)", Language::Sql).unwrap();
        assert_eq!(x.eval(&json!({"first_name": "Ada"})).unwrap(), json!("Ada"));
        assert_eq!(
            x.eval(&json!({"first_name": "Ada", "nickname": "A"}))
                .unwrap(),
            json!("A")
        );
        assert_eq!(x.eval(&json!({})).unwrap(), Value::Null);
        assert_eq!(sql("missing IS NULL", json!({"a": 1})), json!(1));
        assert_eq!(sql("a + missing", json!({"a": 1})), Value::Null);
        // Non-object records: every field is NULL.
        assert_eq!(x.eval(&Value::Null).unwrap(), Value::Null);
    }

    #[test]
    fn sql_booleans_nested_and_null() {
        let rec = json!({"active": true, "deleted": false, "tags": ["a", "b"], "addr": {"city": "Paris"}, "x": null});
        assert_eq!(sql("active", rec.clone()), json!(1));
        assert_eq!(sql("deleted", rec.clone()), json!(0));
        assert_eq!(sql("active AND NOT deleted", rec.clone()), json!(1));
        assert_eq!(
            sql("json_extract(addr, '$.city')", rec.clone()),
            json!("Paris")
        );
        assert_eq!(sql("json_array_length(tags)", rec.clone()), json!(2));
        assert_eq!(sql("tags", rec.clone()), json!("[\"a\",\"b\"]"));
        assert_eq!(sql("x", rec.clone()), Value::Null);
        assert_eq!(sql("typeof(x)", rec), json!("null"));
        assert_eq!(sql("big", json!({"big": u64::MAX})), json!(u64::MAX as f64));
        assert_eq!(sql("x'41'", json!({})), json!("QQ=="));
    }

    #[test]
    fn sql_qualified_names_full_row_format() {
        let rec = json!({
            "key": {"id": 7},
            "before": null,
            "after": {"id": 7, "price": 3, "qty": 2},
            "opcode": "c", "id": "top"
        });
        assert_eq!(sql("after.price * after.qty", rec.clone()), json!(6));
        assert_eq!(sql("coalesce(before.id, after.id)", rec.clone()), json!(7));
        assert_eq!(sql("opcode || ':' || key.id", rec.clone()), json!("c:7"));
        // A bare name still means the top-level field, not after.id.
        assert_eq!(sql("id || '/' || after.id", rec.clone()), json!("top/7"));
        assert_eq!(sql("json_extract(after, '$.qty')", rec.clone()), json!(2));
        assert!(sql_bool("opcode != 'd'", rec));
        let err = Expression::compile("after.a.b", Language::Sql).unwrap_err();
        assert!(err.to_string().contains("json_extract"), "{err}");
    }

    #[test]
    fn sql_double_quoted_identifiers() {
        let x = Expression::compile("\"first name\" || '!'", Language::Sql).unwrap();
        assert_eq!(
            x.eval(&json!({"first name": "Ada"})).unwrap(),
            json!("Ada!")
        );
        // SQLite's fallback: an unknown double-quoted identifier is a string literal.
        assert_eq!(x.eval(&json!({})).unwrap(), json!("first name!"));
        assert_eq!(sql("\"a\" + b", json!({"a": 1, "b": 2})), json!(3));
    }

    #[test]
    fn sql_dates_and_rdi_doc_examples() {
        // formatting-date-and-time-values.md (Oracle DATE in ms)
        assert_eq!(
            sql(
                "STRFTIME('%Y-%m-%d %H:%M:%S', DATE / 1000, 'unixepoch')",
                json!({"DATE": 1749047572000i64})
            ),
            json!("2025-06-04 14:32:52")
        );
        // SQL Server / PostgreSQL date as days since epoch
        assert_eq!(
            sql(
                "DATE(event_date * 86400, 'unixepoch')",
                json!({"event_date": 19000})
            ),
            json!("2022-01-08")
        );
        assert_eq!(
            sql(
                "STRFTIME('%Y/%m/%d', event_date * 86400, 'unixepoch')",
                json!({"event_date": 19000})
            ),
            json!("2022/01/08")
        );
        // PostgreSQL time (micros since midnight)
        assert_eq!(
            sql(
                "TIME(event_time / 1000000, 'unixepoch', 'utc')",
                json!({"event_time": 3723000000i64})
            ),
            json!("01:02:03")
        );
        assert_eq!(
            sql(
                "STRFTIME('%Y-%m-%d %H:%M:%S', event_timestamp_with_time_zone)",
                json!({"event_timestamp_with_time_zone": "2025-06-07T10:15:00.000000Z"})
            ),
            json!("2025-06-07 10:15:00")
        );
        // redis-expiration-example.md
        let ttl = sql(
            "STRFTIME('%s', EXPIRATION_TS) - STRFTIME('%s', 'now')",
            json!({"EXPIRATION_TS": "2999-01-01T00:00:00Z"}),
        );
        assert!(ttl.as_i64().unwrap() > 30_000_000_000);
        // reference/data-transformation/add_field.md
        assert_eq!(
            sql(
                "country_code || ' - ' || UPPER(country_name)",
                json!({"country_code": "FR", "country_name": "France"})
            ),
            json!("FR - FRANCE")
        );
        // reference/data-transformation/filter.md
        assert!(sql_bool("age>20", json!({"age": 21})));
        assert!(!sql_bool("age>20", json!({"age": 20})));
        // reference/data-transformation/map.md (SQL map value)
        let greeting = "'Hello ' || CASE WHEN gender = 'F' THEN 'Ms.' WHEN gender = 'M' THEN 'Mr.' ELSE 'N/A' END || ' ' || full_name";
        assert_eq!(
            sql(
                greeting,
                json!({"gender": "F", "full_name": "Ada Lovelace"})
            ),
            json!("Hello Ms. Ada Lovelace")
        );
    }

    #[test]
    fn sql_math_functions_rewritten() {
        // transform-examples/redis-add-field-example.md: floor(milliseconds / 1000) -> 343
        assert_eq!(
            sql(
                "floor(milliseconds / 1000)",
                json!({"milliseconds": 343719})
            ),
            json!(343)
        );
        // transform-examples/map-example.md: "duration" 3:35.0 and "storagesize" 6.71MB
        let rec = json!({"milliseconds": 215_627, "bytes": 7_036_116});
        assert_eq!(
            sql(
                "concat(floor(milliseconds / 60000), ':', floor(mod(milliseconds / 1000, 60)))",
                rec.clone()
            ),
            json!("3:35.0")
        );
        assert_eq!(
            sql("concat(round(bytes / 1048576.0, 2), 'MB')", rec),
            json!("6.71MB")
        );
        assert_eq!(
            sql("concat('track:', id)", json!({"id": 16})),
            json!("track:16")
        );
        assert_eq!(sql("floor(3.7)", json!({})), json!(3.0));
        assert_eq!(sql("floor(-3.5)", json!({})), json!(-4.0));
        assert_eq!(sql("FLOOR(x)", json!({"x": "2.5"})), json!(2.0));
        assert_eq!(sql("ceil(3.2)", json!({})), json!(4.0));
        assert_eq!(sql("ceiling(-3.2)", json!({})), json!(-3.0));
        assert_eq!(sql("ceil(5)", json!({})), json!(5));
        assert_eq!(sql("trunc(-3.7)", json!({})), json!(-3.0));
        assert_eq!(sql("mod(7.5, 2)", json!({})), json!(1.5));
        assert_eq!(sql("mod(x, 0)", json!({"x": 3})), Value::Null);
        assert_eq!(sql("floor(x)", json!({})), Value::Null);
        assert_eq!(sql("pi() = 3.141592653589793", json!({})), json!(1));
        // Function names inside strings and qualified names are left alone.
        assert_eq!(sql("'floor(1)'", json!({})), json!("floor(1)"));
        assert!(Expression::compile("floor(1, 2)", Language::Sql).is_err());
    }

    #[test]
    fn sql_compile_errors_name_the_expression() {
        let err = Expression::compile("first_name ||| 'x'", Language::Sql).unwrap_err();
        let msg = err.to_string();
        assert!(matches!(
            err,
            ExprError::Compile {
                language: Language::Sql,
                ..
            }
        ));
        assert!(msg.contains("first_name ||| 'x'"), "{msg}");
        assert!(msg.contains("syntax error"), "{msg}");
        let err = Expression::compile("no_such_fn(a)", Language::Sql).unwrap_err();
        assert!(err.to_string().contains("no such function"), "{err}");
        assert!(Expression::compile("", Language::Sql).is_err());
        assert!(Expression::compile("1); DROP TABLE x; --", Language::Sql).is_err());
        assert!(Expression::compile("(SELECT 1 FROM nope)", Language::Sql).is_err());
    }

    #[test]
    fn sql_eval_errors_do_not_leak_values() {
        let x = Expression::compile("json_extract(doc, '$.a')", Language::Sql).unwrap();
        let err = x.eval(&json!({"doc": "secret-not-json"})).unwrap_err();
        let msg = err.to_string();
        assert!(matches!(err, ExprError::Eval { .. }));
        assert!(msg.contains("json_extract(doc, '$.a')"), "{msg}");
        assert!(!msg.contains("secret"), "{msg}");
    }

    #[test]
    fn sql_eval_bool_truthiness() {
        assert!(sql_bool("1", json!({})));
        assert!(!sql_bool("0", json!({})));
        assert!(!sql_bool("NULL", json!({})));
        assert!(!sql_bool("missing", json!({})));
        assert!(sql_bool("0.5", json!({})));
        assert!(sql_bool("'1abc'", json!({})));
        assert!(!sql_bool("'abc'", json!({})));
        assert!(sql_bool("flag", json!({"flag": true})));
        assert!(!sql_bool("flag", json!({"flag": false})));
        assert!(sql_bool("status = 'active'", json!({"status": "active"})));
        // eval and eval_bool on the same expression.
        let x = Expression::compile("n > 1", Language::Sql).unwrap();
        assert_eq!(x.eval(&json!({"n": 2})).unwrap(), json!(1));
        assert!(x.eval_bool(&json!({"n": 2})).unwrap());
        assert!(!x.eval_bool(&json!({"n": 0})).unwrap());
    }

    #[test]
    fn sql_works_across_threads() {
        let x = Arc::new(Expression::compile("a * 2", Language::Sql).unwrap());
        let handles: Vec<_> = (0..4)
            .map(|t| {
                let x = x.clone();
                std::thread::spawn(move || {
                    (0..100)
                        .map(|i| {
                            x.eval(&json!({"a": t * 100 + i}))
                                .unwrap()
                                .as_i64()
                                .unwrap()
                        })
                        .sum::<i64>()
                })
            })
            .collect();
        let total: i64 = handles.into_iter().map(|h| h.join().unwrap()).sum();
        assert_eq!(total, (0..400).map(|v| v * 2).sum::<i64>());
    }

    #[test]
    fn jmespath_paths_projections_builtins() {
        let rec = json!({"id": 1, "name": {"fname": "Ada"}, "items": [{"n": 1}, {"n": 2}], "tags": ["a", "b"]});
        assert_eq!(jp("name.fname", rec.clone()), json!("Ada"));
        assert_eq!(jp("items[].n", rec.clone()), json!([1, 2]));
        assert_eq!(jp("items[?n > `1`].n | [0]", rec.clone()), json!(2));
        assert_eq!(jp("length(tags)", rec.clone()), json!(2));
        assert_eq!(jp("join('-', tags)", rec.clone()), json!("a-b"));
        assert_eq!(jp("missing", rec.clone()), Value::Null);
        assert_eq!(
            jp("{id: id, n: items[0].n}", rec.clone()),
            json!({"id": 1, "n": 1})
        );
        assert_eq!(jp("@", json!({"a": 1.5})), json!({"a": 1.5}));
        // redis-opcode-example.md
        assert_eq!(
            jp(
                "opcode == 'd' && 'inactive' || 'active'",
                json!({"opcode": "d"})
            ),
            json!("inactive")
        );
        assert_eq!(
            jp(
                "opcode == 'd' && 'inactive' || 'active'",
                json!({"opcode": "u"})
            ),
            json!("active")
        );
        // redis-row-format.md: values(key)[0], after.ID || before.ID
        let full = json!({"key": {"ID": 5}, "before": {"ID": 5}, "after": null, "opcode": "d"});
        assert_eq!(
            jp(
                "concat(['addresses-full', '#', values(key)[0]])",
                full.clone()
            ),
            json!("addresses-full#5")
        );
        assert_eq!(
            jp(
                "concat(['addresses:', after.ID || before.ID])",
                full.clone()
            ),
            json!("addresses:5")
        );
        assert_eq!(
            jp(
                "concat(['customers', '#', opcode == 'd' && before.ID || after.ID])",
                full
            ),
            json!("customers#5")
        );
    }

    #[test]
    fn jmespath_compile_errors_name_the_expression() {
        let err = Expression::compile("foo[", Language::Jmespath).unwrap_err();
        let msg = err.to_string();
        assert!(matches!(
            err,
            ExprError::Compile {
                language: Language::Jmespath,
                ..
            }
        ));
        assert!(msg.contains("`foo[`"), "{msg}");
        let err = Expression::compile("concat([a, nope(b)])", Language::Jmespath).unwrap_err();
        assert!(
            err.to_string().contains("unknown function `nope()`"),
            "{err}"
        );
    }

    #[test]
    fn jmespath_eval_errors() {
        let x = Expression::compile("upper(n)", Language::Jmespath).unwrap();
        let err = x.eval(&json!({"n": 12345})).unwrap_err();
        assert!(matches!(err, ExprError::Eval { .. }));
        assert!(err.to_string().contains("upper(n)"), "{err}");
        assert!(!err.to_string().contains("12345"), "{err}");
        let x = Expression::compile("json_parse(s)", Language::Jmespath).unwrap();
        let err = x.eval(&json!({"s": "{secret"})).unwrap_err();
        assert!(
            err.to_string().contains("json_parse(): invalid JSON"),
            "{err}"
        );
        assert!(!err.to_string().contains("secret"), "{err}");
    }

    #[test]
    fn jmespath_eval_bool_truthiness() {
        assert!(jp_bool("a", json!({"a": 0})));
        assert!(jp_bool("a", json!({"a": "x"})));
        assert!(!jp_bool("a", json!({"a": ""})));
        assert!(!jp_bool("a", json!({"a": []})));
        assert!(!jp_bool("a", json!({"a": {}})));
        assert!(!jp_bool("a", json!({"a": false})));
        assert!(!jp_bool("a", json!({})));
        assert!(jp_bool("opcode != 'd'", json!({"opcode": "c"})));
        assert!(!jp_bool("opcode != 'd'", json!({"opcode": "d"})));
    }

    #[test]
    fn custom_string_functions() {
        // Examples from reference/jmespath-custom-functions.md
        assert_eq!(
            jp("capitalize(name)", json!({"name": "john doe"})),
            json!("John Doe")
        );
        assert_eq!(
            jp("capitalize(name)", json!({"name": "  john   DOE "})),
            json!("John Doe")
        );
        assert_eq!(jp("capitalize(name)", json!({})), Value::Null);
        assert_eq!(
            jp(
                "concat([fname, ' ' ,lname])",
                json!({"fname": "john", "lname": "doe"})
            ),
            json!("john doe")
        );
        assert_eq!(jp("lower(fname)", json!({"fname": "John"})), json!("john"));
        assert_eq!(jp("upper(fname)", json!({"fname": "john"})), json!("JOHN"));
        assert_eq!(jp("upper(fname)", json!({})), Value::Null);
        assert_eq!(
            jp("left(greeting, `5`)", json!({"greeting": "hello world!"})),
            json!("hello")
        );
        assert_eq!(
            jp("right(greeting, `6`)", json!({"greeting": "hello world!"})),
            json!("world!")
        );
        assert_eq!(
            jp(
                "mid(greeting, `4`, `3`)",
                json!({"greeting": "hello world!"})
            ),
            json!("o w")
        );
        assert_eq!(jp("left(g, `-2`)", json!({"g": "héllo"})), json!("hél"));
        assert_eq!(jp("right(g, `0`)", json!({"g": "abc"})), json!("abc"));
        assert_eq!(jp("left(g, `2`)", json!({})), Value::Null);
        assert_eq!(
            jp(
                "replace(sentence, 'four', 'two')",
                json!({"sentence": "one four three four!"})
            ),
            json!("one two three two!")
        );
        assert_eq!(jp("replace(s, '', 'x')", json!({"s": "ab"})), json!("ab"));
        assert_eq!(
            jp(
                "split(departments)",
                json!({"departments": "finance,hr,r&d"})
            ),
            json!(["finance", "hr", "r&d"])
        );
        assert_eq!(
            jp("split(d, ';')", json!({"d": "a;b;;c"})),
            json!(["a", "b", "", "c"])
        );
        assert_eq!(jp("split(d)", json!({})), Value::Null);
        // add_field example: split(composer) keeps the spaces.
        assert_eq!(
            jp(
                "split(composer)",
                json!({"composer": "Angus Young, Malcolm Young, Brian Johnson"})
            ),
            json!(["Angus Young", " Malcolm Young", " Brian Johnson"])
        );
    }

    #[test]
    fn custom_concat_python_str_semantics() {
        // redis-row-format.md: a missing opcode renders as "None".
        assert_eq!(
            jp("concat(['op_code', ' - ', opcode])", json!({})),
            json!("op_code - None")
        );
        assert_eq!(
            jp(
                "concat([a, b, c, d, e])",
                json!({"a": 1, "b": 1.0, "c": true, "d": [1, "x", null], "e": {"k": false}})
            ),
            json!("11.0True[1, 'x', None]{'k': False}")
        );
        assert_eq!(
            jp("concat(['cust:', id])", json!({"id": 27})),
            json!("cust:27")
        );
        assert_eq!(
            jp("concat(a, '-', b)", json!({"a": "x", "b": 2})),
            json!("x-2")
        );
        assert_eq!(py_float(1e16), "1e+16");
        assert_eq!(py_float(1.5e-5), "1.5e-05");
        assert_eq!(py_float(0.0001), "0.0001");
        assert_eq!(py_float(123456789012345.6), "123456789012345.6");
        assert_eq!(py_float(-2.0), "-2.0");
        assert_eq!(py_float(0.1 + 0.2), "0.30000000000000004");
    }

    #[test]
    fn custom_map_doc_example() {
        // transform-examples/map-example.md (JMESPath map)
        let e = r#"{
          "id": employeeid,
          "name": concat([firstname, ' ', upper(lastname)]),
          "address": {"street": address, "city": city},
          "contact": {"phone": phone, "safeEmail": replace(replace(email, '@', '_at_'), '.', '_dot_')}
        }"#;
        let rec = json!({"employeeid": 1, "firstname": "Andrew", "lastname": "Adams", "address": "11120 Jasper Ave NW",
            "city": "Edmonton", "phone": "+1 (780) 428-9482", "email": "andrew@chinookcorp.com"});
        assert_eq!(
            jp(e, rec),
            json!({"id": 1, "name": "Andrew ADAMS", "address": {"street": "11120 Jasper Ave NW", "city": "Edmonton"},
                "contact": {"phone": "+1 (780) 428-9482", "safeEmail": "andrew_at_chinookcorp_dot_com"}})
        );
    }

    #[test]
    fn custom_regex_replace() {
        // transform-examples/redis-add-field-example.md
        assert_eq!(
            jp(
                r"regex_replace(phone, '\+[0-9]+ (\([0-9]+\) )?', '')",
                json!({"phone": "+1 (520) 622-4200"})
            ),
            json!("622-4200")
        );
        // jmespath-custom-functions.md example (Python really yields "Apple Apple Apple Apple";
        // the doc's "Apple Apple" output is abbreviated).
        assert_eq!(
            jp(
                r"regex_replace(text, 'Ban\w+', 'Apple Apple')",
                json!({"text": "Banana Bannnana"})
            ),
            json!("Apple Apple Apple Apple")
        );
        let re = |p: &str, r: &str, t: &str| regex::Regex::new(p).unwrap().sub(t, r).unwrap();
        // Expected values produced with CPython's re.sub.
        assert_eq!(re("x*", "-", "abxd"), "-a-b--d-");
        assert_eq!(
            re(r"(\w+)@(\w+)", r"\2 at \g<1>", "joe@home, ann@work"),
            "home at joe, work at ann"
        );
        assert_eq!(re("(?i)HELLO", "bye", "Hello hello"), "bye bye");
        assert_eq!(re("a(?=b)", "X", "ab ac ab"), "Xb ac Xb");
        assert_eq!(re(r"^\s+|\s+$", "", "  hi there  "), "hi there");
        assert_eq!(re(r"(a|ab)(c|bcd)(d*)", r"[\1|\2|\3]", "abcd"), "[a|bcd|]");
        assert_eq!(re("a{2,3}?", "X", "aaaaaaa"), "XXXa");
        assert_eq!(re("[^a-z0-9]+", "_", "Hello, World! 42"), "_ello_orld_42");
        assert_eq!(re(r"(\d)\1", "D", "112334"), "D2D4");
        assert_eq!(
            re(r"(?P<y>\d{4})-(?P<m>\d\d)", r"\g<m>/\g<y>", "2024-05"),
            "05/2024"
        );
        assert_eq!(re(r"\bcat\b", "dog", "cat concat cat"), "dog concat dog");
        assert_eq!(re("(ab)+", "X", "abababc"), "Xc");
        assert!(regex::Regex::new("(a").is_err());
        assert!(regex::Regex::new("*a").is_err());
        // Catastrophic backtracking is cut off with an error instead of hanging.
        let evil = format!("{}b", "a".repeat(40));
        assert!(regex::Regex::new("(a+)+$")
            .unwrap()
            .sub(&evil, "x")
            .is_err());
        let err = Expression::compile("regex_replace(t, '(', '')", Language::Jmespath)
            .unwrap()
            .eval(&json!({"t": "x"}))
            .unwrap_err();
        assert!(
            err.to_string().contains("regex_replace(): invalid pattern"),
            "{err}"
        );
    }

    #[test]
    fn custom_hash() {
        // jmespath-custom-functions.md: hash(some_str, `sha1`) -> 8c8181715...
        let h = jp(
            "hash(some_str, `\"sha1\"`)",
            json!({"some_str": "some_value"}),
        );
        assert_eq!(h, json!("8c818171573b03feeae08b0b4ffeb6999e3afc05"));
        assert_eq!(jp("hash(s)", json!({"s": "some_value"})), h);
        // Expected digests from CPython hashlib.
        let cases = [
            ("md5", "900150983cd24fb0d6963f7d28e17f72"),
            ("sha1", "a9993e364706816aba3e25717850c26c9cd0d89d"),
            ("sha224", "23097d223405d8228642a477bda255b32aadbce4bda0b3f7e36c9da7"),
            ("sha256", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
            ("sha384", "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7"),
            ("sha512", "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f"),
            ("sha3_224", "e642824c3f8cf24ad09234ee7d3c766fc9a3a5168d0c94ad73b46fdf"),
            ("sha3_256", "3a985da74fe225b2045c172d6bd390bd855f086e3e9d525b46bfe24511431532"),
            ("sha3_384", "ec01498288516fc926459f58e2c6ad8df9b473cb0fc08c2596da7cf0e49be4b298d88cea927ac7f539f1edf228376d25"),
            ("sha3_512", "b751850b1a57168a5693cd924b6b096e08f621827444f70d884f5d0240d2712e10e116e9192af3c91a7ec57647e3934057340b4cf408d5a56592f8274eec53f0"),
            ("blake2b", "ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d17d87c5392aab792dc252d5de4533cc9518d38aa8dbf1925ab92386edd4009923"),
            ("blake2s", "508c5e8c327c14e2e1a72ba34eeb452f37458b209ed63a294d999b4c86675982"),
        ];
        for (algo, want) in cases {
            assert_eq!(
                hashing::hex(&hashing::digest(algo, b"abc").unwrap()),
                want,
                "{algo}"
            );
        }
        // Multi-block inputs.
        let long = vec![b'a'; 200];
        let long_cases = [
            ("md5", "887f30b43b2867f4a9accceee7d16e6c"),
            ("sha256", "c2a908d98f5df987ade41b5fce213067efbcc21ef2240212a41e54b5e7c28ae5"),
            ("sha3_256", "cce34485baf2bf2aca99b94833892a4f52896d3d153f7b840cc4f9fe695f1387"),
            ("blake2b", "932355851d75f09c18646a9da87c25e055bc57f113121ad1ec63d45e7a1d62ab9133f8b7d1d7de9e0afa784eb6a8a11d78683013d0a672611f17668d9577d209"),
            ("blake2s", "2b033f9f5ba9cf20671da79e492f41545e673b562603945ffed09662fd92321a"),
        ];
        for (algo, want) in long_cases {
            assert_eq!(
                hashing::hex(&hashing::digest(algo, &long).unwrap()),
                want,
                "{algo}"
            );
        }
        assert!(hashing::hex(&hashing::digest("sha512", &long).unwrap())
            .starts_with("4b11459c33f52a22ee8236782714c150"));
        // Non-strings hash their compact sorted-key JSON (orjson.dumps(OPT_SORT_KEYS)).
        assert_eq!(
            jp("hash(o)", json!({"o": {"b": 1, "a": [1, 2.5, null, true]}})),
            json!("b40ffc380a86c2211ca96db6689de74e498dce7d")
        );
        assert_eq!(
            jp("hash(n, 'md5')", json!({})),
            json!("d41d8cd98f00b204e9800998ecf8427e")
        );
        assert!(
            Expression::compile("hash(s, 'whirlpool')", Language::Jmespath)
                .unwrap()
                .eval(&json!({"s": "x"}))
                .is_err()
        );
    }

    #[test]
    fn custom_misc_functions() {
        assert_eq!(
            jp("in(el, `[\"a\", \"b\", \"c\"]`)", json!({"el": "b"})),
            json!(true)
        );
        assert_eq!(
            jp("in(el, `[\"a\", \"b\", \"c\"]`)", json!({"el": "z"})),
            json!(false)
        );
        assert_eq!(jp("in(n, `[1.0, 2]`)", json!({"n": 1})), json!(true));
        assert_eq!(
            jp(
                "json_parse(data)",
                json!({"data": "{\"greeting\": \"hello world!\"}"})
            ),
            json!({"greeting": "hello world!"})
        );
        assert_eq!(
            jp(
                "base64_decode(encoded)",
                json!({"encoded": "SGVsbG8gV29ybGQh"})
            ),
            json!("Hello World!")
        );
        assert!(Expression::compile("base64_decode(e)", Language::Jmespath)
            .unwrap()
            .eval(&json!({"e": "!!"}))
            .is_err());
        let u = jp("uuid()", json!({}));
        let u = u.as_str().unwrap();
        assert_eq!(u.len(), 36);
        assert_eq!(&u[14..15], "4");
        assert!(matches!(&u[19..20], "8" | "9" | "a" | "b"));
        assert_ne!(jp("uuid()", json!({})), jp("uuid()", json!({})));
        // add_field doc: concat(['cust:', uuid()])
        assert!(jp("concat(['cust:', uuid()])", json!({}))
            .as_str()
            .unwrap()
            .starts_with("cust:"));
    }

    #[test]
    fn custom_entries_functions() {
        let rec = json!({"name": "John", "age": 30, "city": null});
        assert_eq!(
            jp("to_entries(@)", rec.clone()),
            // Objects are key-sorted by the jmespath crate.
            json!([{"key": "age", "value": 30}, {"key": "city", "value": null}, {"key": "name", "value": "John"}])
        );
        assert_eq!(
            jp("from_entries(to_entries(@))", rec),
            json!({"age": 30, "city": null, "name": "John"})
        );
        assert_eq!(
            jp(
                "from_entries(@)",
                json!([{"key": "name", "value": "John"}, {"key": "age", "value": 30}, {"key": null}, 5])
            ),
            json!({"age": 30, "name": "John"})
        );
        assert_eq!(
            jp(
                "filter_entries(@, `\"key == 'name' || key == 'age'\"`)",
                json!({"name": "John", "age": 30, "country": "US", "score": 15})
            ),
            json!({"age": 30, "name": "John"})
        );
        // Python truthiness in the predicate: 0 drops the entry.
        assert_eq!(
            jp("filter_entries(@, 'value')", json!({"a": 0, "b": 2})),
            json!({"b": 2})
        );
        assert_eq!(jp("to_entries(x)", json!({})), Value::Null);
    }

    #[test]
    fn custom_time_delta() {
        let now = now_micros();
        let day = 86_400_000_000i128;
        let iso_days_ago = |days: i128| {
            let t = (now - days * day) / 1_000_000;
            let (d, s) = (t.div_euclid(86400) as i64, t.rem_euclid(86400));
            // civil_from_days
            let z = d + 719_468;
            let era = z.div_euclid(146_097);
            let doe = z - era * 146_097;
            let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365;
            let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
            let mp = (5 * doy + 2) / 153;
            let dd = doy - (153 * mp + 2) / 5 + 1;
            let m = if mp < 10 { mp + 3 } else { mp - 9 };
            let y = yoe + era * 400 + if m <= 2 { 1 } else { 0 };
            format!(
                "{y:04}-{m:02}-{dd:02}T{:02}:{:02}:{:02}+00:00",
                s / 3600,
                s / 60 % 60,
                s % 60
            )
        };
        assert_eq!(
            jp("time_delta_days(dt)", json!({"dt": iso_days_ago(365)})),
            json!(365)
        );
        assert_eq!(
            jp("time_delta_days(dt)", json!({"dt": iso_days_ago(-10)})),
            json!(-10)
        );
        let secs = jp("time_delta_seconds(dt)", json!({"dt": iso_days_ago(1)}))
            .as_i64()
            .unwrap();
        assert!((86_399..=86_401).contains(&secs), "{secs}");
        let ts = (now / 1_000_000 - 3 * 86_400 - 5) as i64;
        assert_eq!(jp("time_delta_days(dt)", json!({"dt": ts})), json!(3));
        assert_eq!(
            parse_iso_datetime("2021-10-06T18:56:16.701670+00:00"),
            Some(1_633_546_576_701_670)
        );
        assert_eq!(
            parse_iso_datetime("2011-11-04T00:05:23+04:00"),
            Some(1_320_350_723_000_000)
        );
        assert_eq!(
            parse_iso_datetime("2011-11-04"),
            Some(1_320_364_800_000_000)
        );
        assert_eq!(
            parse_iso_datetime("2011-11-04 00:05Z"),
            Some(1_320_365_100_000_000)
        );
        assert_eq!(parse_iso_datetime("2011-13-04"), None);
        assert!(
            Expression::compile("time_delta_days(dt)", Language::Jmespath)
                .unwrap()
                .eval(&json!({"dt": "yesterday"}))
                .is_err()
        );
    }

    #[test]
    #[ignore = "throughput measurement; run with --ignored --nocapture"]
    fn throughput() {
        let rec = json!({"id": 1, "first_name": "Ada", "last_name": "Lovelace", "price": 2.5,
            "quantity": 4, "email": "ada@example.com", "country": "UK", "created": 1700000000000i64});
        let cases = [
            ("first_name || ' ' || last_name", Language::Sql),
            (
                "CASE WHEN country = 'UK' THEN price * quantity ELSE 0 END",
                Language::Sql,
            ),
            (
                "concat([first_name, ' ', upper(last_name)])",
                Language::Jmespath,
            ),
            ("{id: id, name: first_name}", Language::Jmespath),
        ];
        for (src, lang) in cases {
            let x = Expression::compile(src, lang).unwrap();
            let n = 200_000;
            let t = std::time::Instant::now();
            for _ in 0..n {
                std::hint::black_box(x.eval(&rec).unwrap());
            }
            let el = t.elapsed();
            println!("{lang} {src:?}: {:.0} evals/s", n as f64 / el.as_secs_f64());
        }
    }
}
