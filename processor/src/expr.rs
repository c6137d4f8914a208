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
//! math functions (`floor`, `ceil`, `mod`, `sqrt`, `log`, ...) are not compiled into the
//! bundled SQLite, so each connection registers them as scalar functions with SQLite's
//! semantics (see [`register_math_functions`]).

use protocol::encode::days_from_civil;
use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::sync::{Arc, LazyLock, PoisonError, RwLock};

use jmespath::ast::Ast;
use jmespath::functions::{ArgumentType, CustomFunction, Signature};
use jmespath::{Context, ErrorReason, JmespathError, Rcvar, Runtime, Variable};
use regex::Regex;
use rusqlite::config::DbConfig;
use rusqlite::functions::{Context as FnContext, FunctionFlags};
use rusqlite::types::{Null, Value as SqlValue, ValueRef};
use rusqlite::Connection;
use serde_json::{Map, Number, Value};
use sha2::Digest;

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
    /// The compiled expression, and the record fields it can read (None: the whole record,
    /// e.g. for `@` or `*`), so only those are converted per evaluation.
    Jmespath(jmespath::Expression<'static>, Option<Vec<String>>),
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
                let mut fields = Some(Vec::new());
                referenced_fields(expr.as_ast(), &mut fields);
                Kind::Jmespath(expr, fields)
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
            Kind::Jmespath(expr, fields) => {
                let out = self.eval_jmespath(expr, fields.as_deref(), record)?;
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
            Kind::Jmespath(expr, fields) => Ok(self
                .eval_jmespath(expr, fields.as_deref(), record)?
                .is_truthy()),
            Kind::Sql(sql) => {
                let v = sql.eval(record, true).map_err(|m| self.eval_err(m))?;
                Ok(matches!(v, Value::Number(n) if n.as_i64() == Some(1)))
            }
        }
    }

    fn eval_jmespath(
        &self,
        expr: &jmespath::Expression<'static>,
        fields: Option<&[String]>,
        record: &Value,
    ) -> Result<Rcvar, ExprError> {
        let data: Rcvar = Arc::new(match (fields, record) {
            // only the fields the expression names are converted
            (Some(fields), Value::Object(o)) => Variable::Object(
                fields
                    .iter()
                    .filter_map(|f| o.get(f).map(|v| (f.clone(), Arc::new(json_to_var(v)))))
                    .collect(),
            ),
            _ => json_to_var(record),
        });
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

/// Collects every field name an expression mentions; `None` when it can see the whole record
/// (`@`, `*` over an object), where no subset is safe.
fn referenced_fields(ast: &Ast, out: &mut Option<Vec<String>>) {
    match ast {
        Ast::Identity { .. } | Ast::ObjectValues { .. } => *out = None,
        Ast::Field { name, .. } => {
            if let Some(v) = out.as_mut() {
                if !v.iter().any(|f| f == name) {
                    v.push(name.clone());
                }
            }
        }
        Ast::Function { args, .. } => args.iter().for_each(|a| referenced_fields(a, out)),
        Ast::Comparison { lhs, rhs, .. }
        | Ast::Projection { lhs, rhs, .. }
        | Ast::And { lhs, rhs, .. }
        | Ast::Or { lhs, rhs, .. }
        | Ast::Subexpr { lhs, rhs, .. } => {
            referenced_fields(lhs, out);
            referenced_fields(rhs, out);
        }
        Ast::Condition {
            predicate, then, ..
        } => {
            referenced_fields(predicate, out);
            referenced_fields(then, out);
        }
        Ast::Expref { ast, .. } => referenced_fields(ast, out),
        Ast::Flatten { node, .. } | Ast::Not { node, .. } => referenced_fields(node, out),
        Ast::MultiList { elements, .. } => elements.iter().for_each(|a| referenced_fields(a, out)),
        Ast::MultiHash { elements, .. } => elements
            .iter()
            .for_each(|kv| referenced_fields(&kv.value, out)),
        Ast::Index { .. } | Ast::Literal { .. } | Ast::Slice { .. } => {}
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
            hash_hex(&algo, &data).ok_or_else(|| format!("unsupported hash type {algo}"))?;
        Ok(Variable::String(digest))
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
    // regex_replace(text, pattern, replacement): Python re.sub, on the `regex` crate (no
    // look-around or backreferences in patterns; compiled patterns are cached).
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
            Ok(Variable::String(regex_sub(pattern, text, repl)?))
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
    let h = format!("{:032x}", u128::from_be_bytes(b));
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
            register_math_functions(&conn).map_err(|e| sqlite_message(&e))?;
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
    /// Expression text.
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
        let body = source.to_string();
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

/// SQLite's math functions (`SQLITE_ENABLE_MATH_FUNCTIONS`, not compiled into the bundled
/// SQLite), registered on each connection with the same names, arities and semantics as
/// SQLite's `func.c`: arguments go through SQLite's TEXT -> NUMERIC conversion (non-numeric
/// text, blobs and NULL give NULL); `ceil`/`ceiling`/`floor`/`trunc` return integers unchanged
/// and a REAL for reals; the others return REAL, NULL when the result is NaN (out of domain);
/// the logarithms return NULL for arguments <= 0; `log(x)` is base 10, `log(b, x)` base `b`.
fn register_math_functions(conn: &Connection) -> rusqlite::Result<()> {
    type Unary = (&'static str, fn(f64) -> f64);
    type Binary = (&'static str, fn(f64, f64) -> f64);
    use std::f64::consts::PI;
    use FunctionFlags as F;
    let flags = F::SQLITE_UTF8 | F::SQLITE_DETERMINISTIC;

    let rounding: [Unary; 4] = [
        ("ceil", f64::ceil),
        ("ceiling", f64::ceil),
        ("floor", f64::floor),
        ("trunc", f64::trunc),
    ];
    for (name, f) in rounding {
        conn.create_scalar_function(name, 1, flags, move |ctx| {
            Ok(match numeric_arg(ctx, 0) {
                Some(SqlNum::Int(i)) => SqlValue::Integer(i),
                Some(SqlNum::Real(x)) => real_result(f(x)),
                None => SqlValue::Null,
            })
        })?;
    }

    let unary: [Unary; 16] = [
        ("exp", f64::exp),
        ("sqrt", f64::sqrt),
        ("acos", f64::acos),
        ("asin", f64::asin),
        ("atan", f64::atan),
        ("cos", f64::cos),
        ("sin", f64::sin),
        ("tan", f64::tan),
        ("cosh", f64::cosh),
        ("sinh", f64::sinh),
        ("tanh", f64::tanh),
        ("acosh", f64::acosh),
        ("asinh", f64::asinh),
        ("atanh", f64::atanh),
        ("radians", |x| x * (PI / 180.0)),
        ("degrees", |x| x * (180.0 / PI)),
    ];
    for (name, f) in unary {
        conn.create_scalar_function(name, 1, flags, move |ctx| {
            Ok(match numeric_arg(ctx, 0) {
                Some(x) => real_result(f(x.as_f64())),
                None => SqlValue::Null,
            })
        })?;
    }

    let logs: [Unary; 4] = [
        ("ln", f64::ln),
        ("log", f64::log10),
        ("log10", f64::log10),
        ("log2", f64::log2),
    ];
    for (name, f) in logs {
        conn.create_scalar_function(name, 1, flags, move |ctx| {
            Ok(match numeric_arg(ctx, 0).map(SqlNum::as_f64) {
                Some(x) if x > 0.0 => real_result(f(x)),
                _ => SqlValue::Null,
            })
        })?;
    }
    // log(B, X): NULL unless B > 1 and X > 0 (SQLite checks ln(B) > 0).
    conn.create_scalar_function("log", 2, flags, |ctx| {
        let base = numeric_arg(ctx, 0).map(SqlNum::as_f64).map(f64::ln);
        let x = numeric_arg(ctx, 1).map(SqlNum::as_f64);
        Ok(match (base, x) {
            (Some(b), Some(x)) if b > 0.0 && x > 0.0 => real_result(x.ln() / b),
            _ => SqlValue::Null,
        })
    })?;

    let binary: [Binary; 4] = [
        ("pow", f64::powf),
        ("power", f64::powf),
        // C fmod: the result has the sign of the dividend (Rust's `%` on floats).
        ("mod", |a, b| a % b),
        ("atan2", f64::atan2),
    ];
    for (name, f) in binary {
        conn.create_scalar_function(name, 2, flags, move |ctx| {
            let a = numeric_arg(ctx, 0).map(SqlNum::as_f64);
            let b = numeric_arg(ctx, 1).map(SqlNum::as_f64);
            Ok(match (a, b) {
                (Some(a), Some(b)) => real_result(f(a, b)),
                _ => SqlValue::Null,
            })
        })?;
    }

    conn.create_scalar_function("pi", 0, flags, |_| Ok(SqlValue::Real(PI)))
}

/// A numeric SQL function argument.
#[derive(Clone, Copy, Debug, PartialEq)]
enum SqlNum {
    Int(i64),
    Real(f64),
}

impl SqlNum {
    fn as_f64(self) -> f64 {
        match self {
            SqlNum::Int(i) => i as f64,
            SqlNum::Real(f) => f,
        }
    }
}

/// Argument `idx` as SQLite's `sqlite3_value_numeric_type()` sees it; `None` when not numeric.
fn numeric_arg(ctx: &FnContext<'_>, idx: usize) -> Option<SqlNum> {
    match ctx.get_raw(idx) {
        ValueRef::Integer(i) => Some(SqlNum::Int(i)),
        ValueRef::Real(f) => Some(SqlNum::Real(f)),
        ValueRef::Text(t) => text_to_numeric(std::str::from_utf8(t).ok()?),
        ValueRef::Null | ValueRef::Blob(_) => None,
    }
}

/// SQLite's TEXT -> NUMERIC conversion of a whole string (surrounding whitespace ignored):
/// `[+-]digits[.digits][E[+-]digits]` without `.`/exponent is an INTEGER when it fits in 64
/// bits, otherwise a REAL; anything else (trailing junk, `inf`, hex) is not a number.
fn text_to_numeric(text: &str) -> Option<SqlNum> {
    let t = text.trim_matches(|c| matches!(c, ' ' | '\t' | '\n' | '\x0b' | '\x0c' | '\r'));
    let numeric_chars = |b: u8| b.is_ascii_digit() || matches!(b, b'+' | b'-' | b'.' | b'e' | b'E');
    if t.is_empty() || !t.bytes().all(numeric_chars) {
        return None;
    }
    // With only those characters Rust's float grammar is SQLite's.
    let f: f64 = t.parse().ok()?;
    if !t.bytes().any(|b| matches!(b, b'.' | b'e' | b'E')) {
        if let Ok(i) = t.parse::<i64>() {
            return Some(SqlNum::Int(i));
        }
    }
    Some(SqlNum::Real(f))
}

/// `sqlite3_result_double`: NaN becomes NULL.
fn real_result(v: f64) -> SqlValue {
    if v.is_nan() {
        SqlValue::Null
    } else {
        SqlValue::Real(v)
    }
}

// ---------------------------------------------------------------------------------------------
// Hashes for `hash()` (Python hashlib names)
// ---------------------------------------------------------------------------------------------

fn hex_digest<D: Digest>(data: &[u8]) -> String {
    use std::fmt::Write as _;
    let digest = D::digest(data);
    let mut out = String::with_capacity(2 * digest.len());
    for b in digest {
        let _ = write!(out, "{b:02x}");
    }
    out
}

/// Lower-case hex digest of `data` with the hashlib algorithm `algo`; `None` if unsupported.
fn hash_hex(algo: &str, data: &[u8]) -> Option<String> {
    Some(match algo {
        "md5" => hex_digest::<md5::Md5>(data),
        "sha1" => hex_digest::<sha1::Sha1>(data),
        "sha224" => hex_digest::<sha2::Sha224>(data),
        "sha256" => hex_digest::<sha2::Sha256>(data),
        "sha384" => hex_digest::<sha2::Sha384>(data),
        "sha512" => hex_digest::<sha2::Sha512>(data),
        "sha3_224" => hex_digest::<sha3::Sha3_224>(data),
        "sha3_256" => hex_digest::<sha3::Sha3_256>(data),
        "sha3_384" => hex_digest::<sha3::Sha3_384>(data),
        "sha3_512" => hex_digest::<sha3::Sha3_512>(data),
        "blake2b" => hex_digest::<blake2::Blake2b512>(data),
        "blake2s" => hex_digest::<blake2::Blake2s256>(data),
        _ => return None,
    })
}

// ---------------------------------------------------------------------------------------------
// `regex_replace`: Python `re.sub` on the `regex` crate
// ---------------------------------------------------------------------------------------------

/// Compiled patterns kept for `regex_replace` (patterns are normally literals in the job).
const REGEX_CACHE_CAPACITY: usize = 256;

static REGEX_CACHE: LazyLock<RwLock<HashMap<String, Arc<Regex>>>> =
    LazyLock::new(|| RwLock::new(HashMap::new()));

/// The compiled `pattern`, from the cache when possible. When the cache is full an arbitrary
/// entry is dropped. Errors name the problem, never the pattern or the text.
fn cached_regex(pattern: &str) -> Result<Arc<Regex>, String> {
    if let Some(re) = REGEX_CACHE
        .read()
        .unwrap_or_else(PoisonError::into_inner)
        .get(pattern)
    {
        return Ok(re.clone());
    }
    let re = Arc::new(compile_python_regex(pattern)?);
    let mut cache = REGEX_CACHE.write().unwrap_or_else(PoisonError::into_inner);
    if cache.len() >= REGEX_CACHE_CAPACITY && !cache.contains_key(pattern) {
        if let Some(victim) = cache.keys().next().cloned() {
            cache.remove(&victim);
        }
    }
    cache.insert(pattern.to_string(), re.clone());
    Ok(re)
}

fn compile_python_regex(pattern: &str) -> Result<Regex, String> {
    // Python's `\Z` (end of text) is the crate's `\z`; the rest is shared syntax.
    let mut translated = String::with_capacity(pattern.len());
    let mut chars = pattern.chars();
    while let Some(c) = chars.next() {
        translated.push(c);
        if c == '\\' {
            match chars.next() {
                Some('Z') => translated.push('z'),
                Some(e) => translated.push(e),
                None => {}
            }
        }
    }
    Regex::new(&translated).map_err(|e| {
        if pattern.contains("(?P=") {
            // The crate reads Python's named backreference as an unknown flag.
            return "invalid pattern: backreferences are not supported".to_string();
        }
        // The crate's message quotes the pattern; keep only its final `error: ...` line.
        let text = e.to_string();
        let reason = text
            .lines()
            .rev()
            .find_map(|l| l.strip_prefix("error: "))
            .unwrap_or(match e {
                regex::Error::CompiledTooBig(_) => "pattern too large",
                _ => "syntax error",
            });
        format!("invalid pattern: {reason}")
    })
}

/// Translates a Python `re.sub` replacement (`\1`, `\g<1>`, `\g<name>`, `\n`, ...) into the
/// crate's template syntax (`${1}`, `${name}`, `$$`), checking group references like Python.
fn python_template(re: &Regex, repl: &str) -> Result<String, String> {
    let mut out = String::with_capacity(repl.len() + 8);
    let mut chars = repl.chars().peekable();
    let push_literal = |out: &mut String, c: char| {
        if c == '$' {
            out.push_str("$$");
        } else {
            out.push(c);
        }
    };
    while let Some(c) = chars.next() {
        if c != '\\' {
            push_literal(&mut out, c);
            continue;
        }
        let Some(e) = chars.next() else {
            return Err("bad escape (end of replacement)".into());
        };
        let group: usize = match e {
            'g' => {
                if chars.next() != Some('<') {
                    return Err("missing < in \\g".into());
                }
                let mut name = String::new();
                loop {
                    match chars.next() {
                        Some('>') => break,
                        Some(c) => name.push(c),
                        None => return Err("missing >, unterminated name".into()),
                    }
                }
                match name.parse::<usize>() {
                    Ok(n) => n,
                    Err(_) if re.capture_names().flatten().any(|n| n == name) => {
                        out.push_str("${");
                        out.push_str(&name);
                        out.push('}');
                        continue;
                    }
                    Err(_) => return Err("unknown group name".into()),
                }
            }
            '1'..='9' => {
                let mut n = e.to_digit(10).unwrap_or(0) as usize;
                if let Some(d) = chars.peek().and_then(|x| x.to_digit(10)) {
                    n = n * 10 + d as usize;
                    chars.next();
                }
                n
            }
            '0' => {
                // Octal escape: \0 plus up to two octal digits.
                let mut v = 0u32;
                for _ in 0..2 {
                    match chars.peek().and_then(|x| x.to_digit(8)) {
                        Some(d) => {
                            v = v * 8 + d;
                            chars.next();
                        }
                        None => break,
                    }
                }
                push_literal(&mut out, char::from_u32(v).unwrap_or('\0'));
                continue;
            }
            'n' | 't' | 'r' | 'f' | 'v' | 'a' | 'b' | '\\' => {
                out.push(match e {
                    'n' => '\n',
                    't' => '\t',
                    'r' => '\r',
                    'f' => '\x0c',
                    'v' => '\x0b',
                    'a' => '\x07',
                    'b' => '\x08',
                    _ => '\\',
                });
                continue;
            }
            e if e.is_ascii_alphabetic() => return Err(format!("bad escape \\{e}")),
            // Other escapes (`\&`, `\-`, ...) stay as written.
            e => {
                out.push('\\');
                push_literal(&mut out, e);
                continue;
            }
        };
        if group >= re.captures_len() {
            return Err("invalid group reference".into());
        }
        out.push_str("${");
        out.push_str(&group.to_string());
        out.push('}');
    }
    Ok(out)
}

/// Python `re.sub(pattern, repl, text)`: every non-overlapping match replaced; an empty match
/// is allowed right after a non-empty one but not right after another empty match.
fn regex_sub(pattern: &str, text: &str, repl: &str) -> Result<String, String> {
    let re = cached_regex(pattern)?;
    let template = python_template(&re, repl)?;
    let mut out = String::with_capacity(text.len());
    let (mut last_end, mut pos) = (0usize, 0usize);
    let mut no_empty_at = None;
    while pos <= text.len() {
        let Some(caps) = re.captures_at(text, pos) else {
            break;
        };
        let Some(m) = caps.get(0) else { break };
        if m.is_empty() && no_empty_at == Some(m.start()) {
            match text[pos..].chars().next() {
                Some(c) => pos += c.len_utf8(),
                None => break,
            }
            continue;
        }
        out.push_str(&text[last_end..m.start()]);
        caps.expand(&template, &mut out);
        last_end = m.end();
        pos = m.end();
        no_empty_at = m.is_empty().then_some(m.end());
    }
    out.push_str(&text[last_end..]);
    Ok(out)
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
    fn sql_math_functions_doc_examples() {
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
        assert_eq!(sql("'floor(1)'", json!({})), json!("floor(1)"));
        let err = Expression::compile("floor(1, 2)", Language::Sql).unwrap_err();
        assert!(
            err.to_string().contains("wrong number of arguments"),
            "{err}"
        );
        assert!(Expression::compile("pi(1)", Language::Sql).is_err());
        assert!(Expression::compile("log(1, 2, 3)", Language::Sql).is_err());
    }

    // Expected values below are what SQLite's own math functions (SQLITE_ENABLE_MATH_FUNCTIONS,
    // checked against Python's sqlite3 3.40) return.

    #[test]
    fn sql_math_rounding_functions() {
        for f in ["floor", "ceil", "ceiling", "trunc"] {
            // INTEGER in -> the same INTEGER out; NULL / non-numeric text / blob -> NULL.
            assert_eq!(sql(&format!("{f}(5)"), json!({})), json!(5), "{f}");
            assert_eq!(
                sql(&format!("typeof({f}(x))"), json!({"x": -7})),
                json!("integer"),
                "{f}"
            );
            assert_eq!(sql(&format!("{f}(x)"), json!({})), Value::Null, "{f}");
            assert_eq!(sql(&format!("{f}('abc')"), json!({})), Value::Null, "{f}");
            assert_eq!(sql(&format!("{f}('12abc')"), json!({})), Value::Null, "{f}");
            assert_eq!(sql(&format!("{f}('0x10')"), json!({})), Value::Null, "{f}");
            assert_eq!(sql(&format!("{f}(x'41')"), json!({})), Value::Null, "{f}");
            // Integer text converts to INTEGER, decimal / exponent text to REAL.
            assert_eq!(sql(&format!("{f}(' 4 ')"), json!({})), json!(4), "{f}");
            assert_eq!(
                sql(&format!("typeof({f}('3.0'))"), json!({})),
                json!("real"),
                "{f}"
            );
            assert_eq!(sql(&format!("{f}('1e3')"), json!({})), json!(1000.0), "{f}");
            assert_eq!(
                sql(&format!("{f}('99999999999999999999')"), json!({})),
                json!(1e20),
                "{f}"
            );
        }
        assert_eq!(sql("floor(3.7)", json!({})), json!(3.0));
        assert_eq!(sql("floor(-0.5)", json!({})), json!(-1.0));
        assert_eq!(sql("floor(x)", json!({"x": "2.5"})), json!(2.0));
        assert_eq!(sql("ceil(3.2)", json!({})), json!(4.0));
        assert_eq!(sql("ceil('-0.5')", json!({})), json!(-0.0));
        assert_eq!(sql("ceiling(2.000001)", json!({})), json!(3.0));
        assert_eq!(sql("trunc(-3.7)", json!({})), json!(-3.0));
        assert_eq!(sql("trunc(3.7)", json!({})), json!(3.0));
        assert_eq!(sql("typeof(trunc(3.7))", json!({})), json!("real"));
    }

    #[test]
    fn sql_math_mod_pi_pow_sqrt_exp() {
        assert_eq!(sql("mod(7, 2)", json!({})), json!(1.0));
        assert_eq!(sql("mod(-7, 3)", json!({})), json!(-1.0));
        assert_eq!(sql("mod(7, -3)", json!({})), json!(1.0));
        assert_eq!(sql("mod(7.5, '2')", json!({})), json!(1.5));
        assert_eq!(sql("mod(7, 0)", json!({})), Value::Null);
        assert_eq!(sql("mod(7, NULL)", json!({})), Value::Null);
        assert_eq!(sql("pi()", json!({})), json!(std::f64::consts::PI));
        assert_eq!(sql("typeof(pi())", json!({})), json!("real"));
        assert_eq!(sql("sqrt(16)", json!({})), json!(4.0));
        assert_eq!(sql("sqrt('9')", json!({})), json!(3.0));
        assert_eq!(sql("sqrt(2.25)", json!({})), json!(1.5));
        assert_eq!(sql("sqrt(-1)", json!({})), Value::Null);
        assert_eq!(sql("sqrt(x)", json!({})), Value::Null);
        for f in ["pow", "power"] {
            assert_eq!(sql(&format!("{f}(2, 10)"), json!({})), json!(1024.0), "{f}");
            assert_eq!(
                sql(&format!("typeof({f}(2, 3))"), json!({})),
                json!("real"),
                "{f}"
            );
            assert_eq!(sql(&format!("{f}(4, 0.5)"), json!({})), json!(2.0), "{f}");
            assert_eq!(
                sql(&format!("{f}(-8, 1.0 / 3)"), json!({})),
                Value::Null,
                "{f}"
            );
            // Infinity stays a REAL inside SQL (JSON has no infinity: null outside).
            assert_eq!(
                sql(&format!("{f}(0, -1) > 1e308"), json!({})),
                json!(1),
                "{f}"
            );
            assert_eq!(sql(&format!("{f}(NULL, 2)"), json!({})), Value::Null, "{f}");
        }
        assert_eq!(sql("exp(0)", json!({})), json!(1.0));
        assert_eq!(sql("exp(1)", json!({})), json!(std::f64::consts::E));
        assert_eq!(sql("exp('x')", json!({})), Value::Null);
        // abs() is SQLite core.
        assert_eq!(sql("abs(-3)", json!({})), json!(3));
        assert_eq!(sql("abs(-2.5)", json!({})), json!(2.5));
    }

    #[test]
    fn sql_math_logarithms() {
        assert_eq!(sql("ln(1)", json!({})), json!(0.0));
        assert_eq!(sql("ln(exp(2))", json!({})), json!(2.0));
        assert_eq!(sql("ln(0)", json!({})), Value::Null);
        assert_eq!(sql("ln(-1)", json!({})), Value::Null);
        // log(x) is base 10, like log10(x).
        assert_eq!(sql("log(100)", json!({})), json!(2.0));
        assert_eq!(sql("log10(1000)", json!({})), json!(3.0));
        assert_eq!(sql("log10('0.01')", json!({})), json!(-2.0));
        assert_eq!(sql("log10(0)", json!({})), Value::Null);
        assert_eq!(sql("log2(8)", json!({})), json!(3.0));
        assert_eq!(sql("log2(0)", json!({})), Value::Null);
        assert_eq!(sql("log2(x)", json!({})), Value::Null);
        // log(b, x): base first; NULL unless b > 1 and x > 0.
        assert_eq!(sql("log(2, 8)", json!({})), json!(3.0));
        assert_eq!(sql("log(3, 81)", json!({})), json!(4.0));
        // ln(x) / ln(b), exactly as SQLite computes it.
        assert_eq!(sql("log(10, 1000)", json!({})), json!(2.9999999999999996));
        assert_eq!(sql("log(1, 8)", json!({})), Value::Null);
        assert_eq!(sql("log(0.5, 8)", json!({})), Value::Null);
        assert_eq!(sql("log(10, 0)", json!({})), Value::Null);
        assert_eq!(sql("log(10, NULL)", json!({})), Value::Null);
    }

    #[test]
    fn sql_math_trigonometry() {
        assert_eq!(sql("sin(0)", json!({})), json!(0.0));
        assert_eq!(sql("cos(0)", json!({})), json!(1.0));
        assert_eq!(sql("tan(0)", json!({})), json!(0.0));
        assert_eq!(
            sql("atan2(1, 1)", json!({})),
            json!(std::f64::consts::FRAC_PI_4)
        );
        assert_eq!(sql("atan(1) * 4 = pi()", json!({})), json!(1));
        assert_eq!(sql("asin(1) * 2 = pi()", json!({})), json!(1));
        assert_eq!(sql("acos(1)", json!({})), json!(0.0));
        assert_eq!(sql("acos(2)", json!({})), Value::Null);
        assert_eq!(sql("degrees(pi())", json!({})), json!(180.0));
        assert_eq!(sql("radians(180) = pi()", json!({})), json!(1));
        assert_eq!(sql("sinh(0) + tanh(0)", json!({})), json!(0.0));
        assert_eq!(sql("cosh(0)", json!({})), json!(1.0));
        assert_eq!(sql("asinh(0)", json!({})), json!(0.0));
        assert_eq!(sql("acosh(1)", json!({})), json!(0.0));
        assert_eq!(sql("atanh(0)", json!({})), json!(0.0));
        assert_eq!(sql("acosh(0)", json!({})), Value::Null);
    }

    #[test]
    fn sql_text_to_numeric() {
        assert_eq!(text_to_numeric("42"), Some(SqlNum::Int(42)));
        assert_eq!(text_to_numeric(" -7\n"), Some(SqlNum::Int(-7)));
        assert_eq!(text_to_numeric("+3"), Some(SqlNum::Int(3)));
        assert_eq!(text_to_numeric("2.5"), Some(SqlNum::Real(2.5)));
        assert_eq!(text_to_numeric(".5"), Some(SqlNum::Real(0.5)));
        assert_eq!(text_to_numeric("5."), Some(SqlNum::Real(5.0)));
        assert_eq!(text_to_numeric("1E+2"), Some(SqlNum::Real(100.0)));
        assert_eq!(
            text_to_numeric("9223372036854775808"),
            Some(SqlNum::Real(9223372036854775808.0))
        );
        for bad in [
            "", " ", "abc", "1e", "e5", ".", "1..2", "+-1", "inf", "NaN", "0x10", "1 2",
        ] {
            assert_eq!(text_to_numeric(bad), None, "{bad:?}");
        }
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
        let re = |p: &str, r: &str, t: &str| regex_sub(p, t, r).unwrap();
        // Expected values produced with CPython's re.sub.
        assert_eq!(re("x*", "-", "abxd"), "-a-b--d-");
        assert_eq!(re("", "-", "héllo"), "-h-é-l-l-o-");
        assert_eq!(
            re(r"(\w+)@(\w+)", r"\2 at \g<1>", "joe@home, ann@work"),
            "home at joe, work at ann"
        );
        assert_eq!(re("(?i)HELLO", "bye", "Hello hello"), "bye bye");
        assert_eq!(re(r"^\s+|\s+$", "", "  hi there  "), "hi there");
        assert_eq!(re(r"(a|ab)(c|bcd)(d*)", r"[\1|\2|\3]", "abcd"), "[a|bcd|]");
        assert_eq!(re("a{2,3}?", "X", "aaaaaaa"), "XXXa");
        assert_eq!(re("[^a-z0-9]+", "_", "Hello, World! 42"), "_ello_orld_42");
        assert_eq!(
            re(r"(?P<y>\d{4})-(?P<m>\d\d)", r"\g<m>/\g<y>", "2024-05"),
            "05/2024"
        );
        assert_eq!(re(r"\bcat\b", "dog", "cat concat cat"), "dog concat dog");
        assert_eq!(re(r"\b", "|", "ab cd"), "|ab| |cd|");
        assert_eq!(re("(ab)+", "X", "abababc"), "Xc");
        assert_eq!(re(r"\d+", "#", "x١٢3"), "x#");
        assert_eq!(re(r"\s+", " ", " a \t\n b "), " a b ");
        assert_eq!(re("(?s)a.b", "X", "a\nb a.b"), "X X");
        assert_eq!(re("(?m)^", ">", "a\nb"), ">a\n>b");
        assert_eq!(re(r"end\Z", "E", "the end"), "the E");
        // Replacement syntax: \N, \NN, \g<N>, \g<0>, \g<name>, escapes, a literal `$`.
        assert_eq!(re(r"(\w)(\w)", r"\2\1\g<0>", "ab"), "baab");
        assert_eq!(re(r"(?P<w>\w+)", r"<\g<w>>", "hi yo"), "<hi> <yo>");
        assert_eq!(re(r"(\d+)", r"$\1\0", "a12"), "a$12\0");
        assert_eq!(re("x", r"\044\0101", "x"), "$\u{8}1");
        assert_eq!(re(r"(\d+)", "${1}$$", "a12"), "a${1}$$");
        assert_eq!(re("x", r"\n\t\\\b", "x"), "\n\t\\\x08");
        assert_eq!(re("x", r"\&", "x"), r"\&");
        assert_eq!(re(r"(a)(b)?", r"[\2]", "a"), "[]");
        let groups = "(a)(b)(c)(d)(e)(f)(g)(h)(i)(j)(k)";
        assert_eq!(re(groups, r"\11\1", "abcdefghijk"), "ka");
        for bad in [r"\2", r"\g<nope>", r"\q", "\\", r"\g1", r"\g<1"] {
            assert!(regex_sub("(x)", "x", bad).is_err(), "{bad:?}");
        }
        // No catastrophic backtracking: the crate matches in linear time.
        let evil = format!("{}b", "a".repeat(40));
        assert_eq!(regex_sub("(a+)+$", &evil, "x").unwrap(), evil);
        assert!(compile_python_regex("(a").is_err());
        assert!(compile_python_regex("*a").is_err());
        // Compiled patterns are cached (same Arc on the second use).
        let a = cached_regex(r"cache-me-\d").unwrap();
        let b = cached_regex(r"cache-me-\d").unwrap();
        assert!(Arc::ptr_eq(&a, &b));
        let err = Expression::compile("regex_replace(t, '(', '')", Language::Jmespath)
            .unwrap()
            .eval(&json!({"t": "x"}))
            .unwrap_err();
        assert!(
            err.to_string().contains("regex_replace(): invalid pattern"),
            "{err}"
        );
        // Look-around and backreferences are not supported by the crate: a clear error that
        // names the function, never the pattern or row values.
        for (pattern, reason) in [
            ("a(?=b)", "look-around"),
            ("(?<!x)secret", "look-around"),
            (r"(\d)\1", "backreferences are not supported"),
            ("(?P<n>x)(?P=n)", "backreferences are not supported"),
        ] {
            let err = Expression::compile("regex_replace(t, p, 'X')", Language::Jmespath)
                .unwrap()
                .eval(&json!({"t": "top-secret-value", "p": pattern}))
                .unwrap_err();
            let msg = err.to_string();
            assert!(matches!(err, ExprError::Eval { .. }));
            assert!(msg.contains("regex_replace(): invalid pattern"), "{msg}");
            assert!(msg.contains(reason), "{msg}");
            assert!(!msg.contains("top-secret"), "{msg}");
            assert!(!msg.contains(pattern), "{msg}");
        }
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
            assert_eq!(hash_hex(algo, b"abc").unwrap(), want, "{algo}");
            assert_eq!(
                jp(
                    &format!("hash(s, '{}')", algo.to_uppercase()),
                    json!({"s": "abc"})
                ),
                json!(want),
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
            assert_eq!(hash_hex(algo, &long).unwrap(), want, "{algo}");
        }
        assert!(hash_hex("sha512", &long)
            .unwrap()
            .starts_with("4b11459c33f52a22ee8236782714c150"));
        assert_eq!(hash_hex("whirlpool", b"abc"), None);
        assert_eq!(hash_hex("sha-256", b"abc"), None);
        // Non-strings hash their compact sorted-key JSON (orjson.dumps(OPT_SORT_KEYS)).
        assert_eq!(
            jp("hash(o)", json!({"o": {"b": 1, "a": [1, 2.5, null, true]}})),
            json!("b40ffc380a86c2211ca96db6689de74e498dce7d")
        );
        assert_eq!(
            jp("hash(n, 'md5')", json!({})),
            json!("d41d8cd98f00b204e9800998ecf8427e")
        );
        let err = Expression::compile("hash(s, 'whirlpool')", Language::Jmespath)
            .unwrap()
            .eval(&json!({"s": "x"}))
            .unwrap_err();
        assert!(
            err.to_string()
                .contains("hash(): unsupported hash type whirlpool"),
            "{err}"
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
            let (y, m, dd) = protocol::encode::civil_from_days(d);
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
