//! `redcdc`: the operator's CLI (the `redcdc` binary, and `processor redcdc ...` in the image,
//! whose 30 MB leave no room for a third binary), with RDI's command names, against the Redis that holds the
//! change streams (`--redis URL`, or `REDCDC_REDIS`; default `redis://127.0.0.1:6379/`).
//!
//! - `status` / `describe` (`-o table|json|yaml`): each collector's source (sync mode, connected,
//!   lag, role in HA, the snapshot state and rows of every table) and each stream (total,
//!   pending, inserted, updated, deleted, filtered, rejected, last arrival) — from the status the
//!   components publish (`metadata:redcdc:status:*`) and the streams themselves.
//! - `deploy --dir DIR`: validates `DIR/config.yaml` (its `sources:` as the collector reads
//!   them, its targets and processors) and `DIR/jobs/` (every problem with its file and field)
//!   and stores them in Redis (`metadata:redcdc:pipeline`), with a version; a
//!   processor run with `--deployed` picks each new version up.
//! - `list-jobs`, `describe-job NAME`: the deployed jobs.
//! - `list-dlqs`, `list-dlq-records TABLE --limit N`: the dead-letter streams and their records.
//! - `stop` / `start` / `reset` (`--source NAME`, `--no-wait`, `--timeout SECS`): through the
//!   control hash the components poll ([`ops::control`]). `stop` pauses the pipeline (or one
//!   source's collector) with every position kept, `start` resumes it, `reset` makes a source's
//!   collector delete its offsets and schema history and take a new snapshot. Each waits (2 min
//!   by default) until the live components say they did it.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use serde_json::{json, Value};

const COLLECTOR_STATUS: &str = "metadata:redcdc:status:collector";
const PROCESSOR_STATUS: &str = "metadata:redcdc:status:processor";
use crate::app::{PIPELINE, PIPELINE_JOBS};
/// A published status older than this is from a component that stopped.
const STALE_MS: u64 = 5_000;

#[derive(Parser)]
#[command(
    name = "redcdc",
    version,
    about = "Operate a redcdc pipeline (RDI's command names)"
)]
struct Cli {
    /// The Redis holding the change streams.
    #[arg(
        long,
        global = true,
        env = "REDCDC_REDIS",
        default_value = "redis://127.0.0.1:6379/"
    )]
    redis: String,
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Table,
    Json,
    Yaml,
}

#[derive(Subcommand)]
enum Command {
    /// The pipeline's state: sources, snapshot per table, streams.
    #[command(alias = "describe")]
    Status {
        #[arg(short, long, value_enum, default_value = "table")]
        output: Format,
    },
    /// Validate config.yaml and jobs/ in DIR and store them in Redis.
    Deploy {
        #[arg(long)]
        dir: PathBuf,
    },
    /// The deployed jobs.
    ListJobs,
    /// A deployed job, as written.
    DescribeJob { name: String },
    /// The dead-letter streams and how many records each holds.
    ListDlqs,
    /// The newest records of a table's dead-letter stream.
    ListDlqRecords {
        table: String,
        #[arg(long, default_value_t = 20)]
        limit: usize,
    },
    /// Pause the pipeline (or one source), positions kept.
    Stop(Control),
    /// Resume the pipeline (or one source).
    Start(Control),
    /// A new snapshot of every source (or one): offsets and schema history are deleted.
    Reset(Control),
}

#[derive(clap::Args)]
struct Control {
    /// Only this source (its topic prefix); default: the whole pipeline.
    #[arg(long)]
    source: Option<String>,
    /// Return at once instead of waiting for the components.
    #[arg(long)]
    no_wait: bool,
    /// How long to wait, in seconds.
    #[arg(long, default_value_t = 120)]
    timeout: u64,
}

fn now_ms() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as u64)
}

fn fail(msg: impl std::fmt::Display) -> ExitCode {
    eprintln!("error: {msg}");
    ExitCode::FAILURE
}

/// Runs the CLI on `args` (the program name first, as `std::env::args_os` gives it).
pub fn run_from<I, T>(args: I) -> ExitCode
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    let _ = rustls::crypto::ring::default_provider().install_default();
    let cli = Cli::parse_from(args);
    let mut conn = match ops::net::redis_client(cli.redis.as_str())
        .and_then(|c| c.get_connection_with_timeout(std::time::Duration::from_secs(5)))
    {
        Ok(c) => c,
        Err(e) => return fail(format!("cannot connect to Redis at {}: {e}", cli.redis)),
    };
    let r = match cli.command {
        Command::Status { output } => status(&mut conn).map(|v| print(&v, output)),
        Command::Deploy { dir } => return deploy(&mut conn, &dir),
        Command::ListJobs => list_jobs(&mut conn),
        Command::DescribeJob { name } => describe_job(&mut conn, &name),
        Command::ListDlqs => list_dlqs(&mut conn),
        Command::ListDlqRecords { table, limit } => list_dlq_records(&mut conn, &table, limit),
        Command::Stop(c) => control(&mut conn, Action::Stop, &c),
        Command::Start(c) => control(&mut conn, Action::Start, &c),
        Command::Reset(c) => control(&mut conn, Action::Reset, &c),
    };
    match r {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => fail(e),
    }
}

type R<T> = Result<T, String>;

fn q<T: redis::FromRedisValue>(conn: &mut redis::Connection, cmd: &mut redis::Cmd) -> R<T> {
    cmd.query(conn).map_err(|e| e.to_string())
}

/// Stream keys matching `pattern`.
fn scan_streams(conn: &mut redis::Connection, pattern: &str) -> R<Vec<String>> {
    let mut out: Vec<String> = Vec::new();
    let mut cursor = 0u64;
    loop {
        let (next, keys): (u64, Vec<String>) = q(
            conn,
            redis::cmd("SCAN")
                .arg(cursor)
                .arg("MATCH")
                .arg(pattern)
                .arg("COUNT")
                .arg(1000)
                .arg("TYPE")
                .arg("stream"),
        )?;
        out.extend(keys);
        if next == 0 {
            break;
        }
        cursor = next;
    }
    out.sort();
    Ok(out)
}

fn published(conn: &mut redis::Connection, key: &str) -> R<Vec<Value>> {
    let all: BTreeMap<String, String> = q(conn, redis::cmd("HGETALL").arg(key))?;
    let now = now_ms();
    Ok(all
        .values()
        .filter_map(|v| serde_json::from_str::<Value>(v).ok())
        .map(|mut v| {
            let age = now.saturating_sub(v["updated_ms"].as_u64().unwrap_or(0));
            v["live"] = json!(age <= STALE_MS);
            v
        })
        .collect())
}

fn status(conn: &mut redis::Connection) -> R<Value> {
    let collectors = published(conn, COLLECTOR_STATUS)?;
    let processors = published(conn, PROCESSOR_STATUS)?;
    let mut streams = serde_json::Map::new();
    for s in scan_streams(conn, "*")? {
        if s.starts_with("metadata:") || s.starts_with("dlq:") {
            continue;
        }
        let total: u64 = q(conn, redis::cmd("XLEN").arg(&s))?;
        let groups: Vec<BTreeMap<String, redis::Value>> =
            q(conn, redis::cmd("XINFO").arg("GROUPS").arg(&s)).unwrap_or_default();
        let pending: i64 = groups
            .iter()
            .filter_map(|g| g.get("pending"))
            .filter_map(|v| redis::from_redis_value_ref::<i64>(v).ok())
            .sum();
        let mut e = json!({"total": total, "pending": pending, "inserted": 0, "updated": 0,
            "deleted": 0, "filtered": 0, "rejected": 0, "last_arrival_ms": null});
        for p in &processors {
            if let Some(c) = p["streams"].get(&s) {
                for k in ["inserted", "updated", "deleted", "filtered", "rejected"] {
                    let sum = e[k].as_u64().unwrap_or(0) + c[k].as_u64().unwrap_or(0);
                    e[k] = json!(sum);
                }
                let last = c["last_arrival_ms"].as_u64();
                if last > e["last_arrival_ms"].as_u64() {
                    e["last_arrival_ms"] = json!(last);
                }
            }
        }
        streams.insert(s, e);
    }
    Ok(json!({"sources": collectors, "processors": processors, "streams": streams}))
}

fn ago(ms: Option<u64>) -> String {
    match ms {
        None => "-".into(),
        Some(t) => format!("{:.1}s ago", now_ms().saturating_sub(t) as f64 / 1000.0),
    }
}

/// Rows with aligned columns.
fn table(headers: &[&str], rows: &[Vec<String>]) -> String {
    let mut width: Vec<usize> = headers.iter().map(|h| h.len()).collect();
    for r in rows {
        for (i, c) in r.iter().enumerate() {
            width[i] = width[i].max(c.len());
        }
    }
    let line = |cells: Vec<String>| {
        cells
            .iter()
            .enumerate()
            .map(|(i, c)| format!("{c:<w$}", w = width[i]))
            .collect::<Vec<_>>()
            .join("  ")
            .trim_end()
            .to_string()
    };
    let mut out = line(headers.iter().map(|h| h.to_string()).collect());
    for r in rows {
        out.push('\n');
        out.push_str(&line(r.clone()));
    }
    out
}

fn print(v: &Value, format: Format) {
    match format {
        Format::Json => println!("{}", serde_json::to_string_pretty(v).unwrap_or_default()),
        Format::Yaml => print!("{}", serde_yaml_ng::to_string(v).unwrap_or_default()),
        Format::Table => {
            let s = |v: &Value| match v {
                Value::String(s) => s.clone(),
                Value::Null => "-".into(),
                other => other.to_string(),
            };
            let sources: Vec<Vec<String>> = v["sources"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|c| {
                    vec![
                        s(&c["source"]),
                        s(&c["plugin"]),
                        if c["live"] == json!(true) {
                            s(&c["role"])
                        } else {
                            "stopped".into()
                        },
                        s(&c["sync_mode"]),
                        if c["connected"] == json!(true) {
                            "yes".into()
                        } else {
                            "no".into()
                        },
                        s(&c["lag_ms"]),
                        s(&c["instance"]),
                    ]
                })
                .collect();
            println!("Sources");
            println!(
                "{}\n",
                table(
                    &[
                        "SOURCE",
                        "PLUGIN",
                        "ROLE",
                        "SYNC MODE",
                        "CONNECTED",
                        "LAG MS",
                        "INSTANCE"
                    ],
                    &sources
                )
            );
            let mut snap = Vec::new();
            for c in v["sources"].as_array().into_iter().flatten() {
                if let Some(t) = c["snapshot"]["tables"].as_object() {
                    for (name, st) in t {
                        snap.push(vec![
                            s(&c["source"]),
                            name.clone(),
                            s(&st["state"]),
                            s(&st["rows"]),
                            s(&st["estimate"]),
                        ]);
                    }
                }
            }
            println!("Snapshot");
            println!(
                "{}\n",
                table(&["SOURCE", "TABLE", "STATE", "ROWS", "ESTIMATE"], &snap)
            );
            let streams: Vec<Vec<String>> = v["streams"]
                .as_object()
                .into_iter()
                .flatten()
                .map(|(name, e)| {
                    vec![
                        name.clone(),
                        s(&e["total"]),
                        s(&e["pending"]),
                        s(&e["inserted"]),
                        s(&e["updated"]),
                        s(&e["deleted"]),
                        s(&e["filtered"]),
                        s(&e["rejected"]),
                        ago(e["last_arrival_ms"].as_u64()),
                    ]
                })
                .collect();
            println!("Streams");
            println!(
                "{}",
                table(
                    &[
                        "STREAM",
                        "TOTAL",
                        "PENDING",
                        "INSERTED",
                        "UPDATED",
                        "DELETED",
                        "FILTERED",
                        "REJECTED",
                        "LAST ARRIVAL"
                    ],
                    &streams
                )
            );
        }
    }
}

fn deploy(conn: &mut redis::Connection, dir: &std::path::Path) -> ExitCode {
    let config = dir.join("config.yaml");
    let jobs_dir = dir.join("jobs");
    let jobs = match crate::app::load(&config, &jobs_dir) {
        Ok((_, jobs)) => jobs,
        Err(issues) => {
            eprintln!(
                "error: {} problem(s); nothing deployed:\n{}",
                issues.len(),
                crate::config::format_issues(&issues)
            );
            return ExitCode::from(2);
        }
    };
    let text = match std::fs::read_to_string(&config) {
        Ok(t) => t,
        Err(e) => return fail(format!("{}: {e}", config.display())),
    };
    let problems = check_sources(&text, &config.display().to_string());
    if !problems.is_empty() {
        eprintln!(
            "error: {} problem(s); nothing deployed:\n{}",
            problems.len(),
            problems
                .iter()
                .map(|p| format!("  {p}"))
                .collect::<Vec<_>>()
                .join("\n")
        );
        return ExitCode::from(2);
    }
    let mut pipe = redis::pipe();
    pipe.atomic()
        .cmd("DEL")
        .arg(PIPELINE_JOBS)
        .ignore()
        .cmd("HINCRBY")
        .arg(PIPELINE)
        .arg("version")
        .arg(1)
        .cmd("HSET")
        .arg(PIPELINE)
        .arg("config")
        .arg(&text)
        .arg("deployed_ms")
        .arg(now_ms())
        .ignore();
    for j in &jobs {
        match std::fs::read_to_string(&j.file) {
            Ok(t) => {
                pipe.cmd("HSET")
                    .arg(PIPELINE_JOBS)
                    .arg(&j.name)
                    .arg(t)
                    .ignore();
            }
            Err(e) => return fail(format!("{}: {e}", j.file.display())),
        }
    }
    match pipe.query::<(u64,)>(conn) {
        Ok((version,)) => {
            println!(
                "deployed version {version}: config.yaml and {} job(s)",
                jobs.len()
            );
            ExitCode::SUCCESS
        }
        Err(e) => fail(e),
    }
}

/// The `sources:` section, checked the way the collector reads it when it picks the version up
/// (each active source translated to Debezium properties and validated; nothing is connected).
/// A secret that cannot be resolved here — `${env:X}` set only where the collector runs, a
/// `${file:...}` on its host — is no error at deploy time: it is checked with a stand-in value,
/// and the collector resolves the real one.
fn check_sources(text: &str, file: &str) -> Vec<String> {
    // a file that is not YAML was reported by the processor's own check already
    let Ok(mut doc) = serde_yaml_ng::from_str::<Value>(text) else {
        return Vec::new();
    };
    if !collector::rdi::is_pipeline(&doc) {
        return Vec::new();
    }
    stand_in_secrets(&mut doc["sources"]);
    let names: Vec<String> = doc["sources"]
        .as_object()
        .map(|m| {
            m.iter()
                .filter(|(_, s)| s.get("active") != Some(&Value::Bool(false)))
                .map(|(n, _)| n.clone())
                .collect()
        })
        .unwrap_or_default();
    names
        .into_iter()
        .filter_map(|name| {
            let p = collector::rdi::Pipeline {
                source: Some(name),
                // the collector is given its own; any address checks the rest
                redis: Some("redis://127.0.0.1:6379".into()),
            };
            // certificate files are the collector host's: checked there
            collector::rdi::from_pipeline(&doc, file, &p)
                .and_then(|c| c.without_missing_files().validate(file))
                .err()
                .map(|e| e.to_string())
        })
        .collect()
}

/// Replaces each secret reference that does not resolve here by a stand-in.
fn stand_in_secrets(v: &mut Value) {
    match v {
        Value::String(s) if s.contains("${") && ops::secret::resolve(s).is_err() => {
            *s = "1".into();
        }
        Value::Array(a) => a.iter_mut().for_each(stand_in_secrets),
        Value::Object(m) => m.values_mut().for_each(stand_in_secrets),
        _ => {}
    }
}

fn list_jobs(conn: &mut redis::Connection) -> R<()> {
    let mut names: Vec<String> = q(conn, redis::cmd("HKEYS").arg(PIPELINE_JOBS))?;
    names.sort();
    if names.is_empty() {
        println!("no job deployed (redcdc deploy --dir DIR)");
    }
    for n in names {
        println!("{n}");
    }
    Ok(())
}

fn describe_job(conn: &mut redis::Connection, name: &str) -> R<()> {
    let text: Option<String> = q(conn, redis::cmd("HGET").arg(PIPELINE_JOBS).arg(name))?;
    match text {
        Some(t) => {
            print!("{t}");
            Ok(())
        }
        None => Err(format!(
            "no deployed job named `{name}` (see redcdc list-jobs)"
        )),
    }
}

fn list_dlqs(conn: &mut redis::Connection) -> R<()> {
    let dlqs = scan_streams(conn, "dlq:*")?;
    let mut rows = Vec::new();
    for d in dlqs {
        let n: u64 = q(conn, redis::cmd("XLEN").arg(&d))?;
        rows.push(vec![d, n.to_string()]);
    }
    println!("{}", table(&["DLQ", "RECORDS"], &rows));
    Ok(())
}

fn list_dlq_records(conn: &mut redis::Connection, table_name: &str, limit: usize) -> R<()> {
    let dlqs = scan_streams(conn, "dlq:*")?;
    let found: Vec<&String> = dlqs
        .iter()
        .filter(|d| {
            d.as_str() == format!("dlq:{table_name}")
                || d.ends_with(&format!(".{table_name}"))
                || d.ends_with(&format!(":{table_name}"))
        })
        .collect();
    let dlq = match found.as_slice() {
        [one] => one.to_string(),
        [] => {
            return Err(format!(
                "no dead-letter stream for table `{table_name}` (see redcdc list-dlqs)"
            ))
        }
        many => {
            return Err(format!(
                "`{table_name}` matches several dead-letter streams: {}; give the schema too",
                many.iter()
                    .map(|s| s.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ))
        }
    };
    let entries: Vec<(String, BTreeMap<String, String>)> = q(
        conn,
        redis::cmd("XREVRANGE")
            .arg(&dlq)
            .arg("+")
            .arg("-")
            .arg("COUNT")
            .arg(limit),
    )?;
    for (id, fields) in entries {
        println!("{}", json!({"id": id, "fields": fields}));
    }
    Ok(())
}

#[derive(Clone, Copy, PartialEq)]
enum Action {
    Stop,
    Start,
    Reset,
}

/// `stop` / `start` / `reset`: writes the control hash, then (unless `--no-wait`) waits until
/// the live components report it done.
fn control(conn: &mut redis::Connection, action: Action, c: &Control) -> R<()> {
    use ops::control::{reset_done_field, reset_field, state_field, CONTROL_KEY};
    let sources: Vec<String> = match &c.source {
        Some(s) => vec![s.clone()],
        None => {
            let mut all: Vec<String> = published(conn, COLLECTOR_STATUS)?
                .iter()
                .filter_map(|v| v["source"].as_str().map(str::to_string))
                .collect();
            all.sort();
            all.dedup();
            all
        }
    };
    let mut targets: Vec<(String, u64)> = Vec::new();
    match (action, &c.source) {
        (Action::Stop, None) => q(
            conn,
            redis::cmd("HSET")
                .arg(CONTROL_KEY)
                .arg("state")
                .arg("stopped"),
        )?,
        (Action::Stop, Some(s)) => q(
            conn,
            redis::cmd("HSET")
                .arg(CONTROL_KEY)
                .arg(state_field(s))
                .arg("stopped"),
        )?,
        (Action::Start, None) => {
            let fields: Vec<String> = q(conn, redis::cmd("HKEYS").arg(CONTROL_KEY))?;
            for f in fields.iter().filter(|f| f.starts_with("state:")) {
                q::<()>(conn, redis::cmd("HDEL").arg(CONTROL_KEY).arg(f))?;
            }
            q(
                conn,
                redis::cmd("HSET")
                    .arg(CONTROL_KEY)
                    .arg("state")
                    .arg("running"),
            )?
        }
        (Action::Start, Some(s)) => {
            let stopped: Option<String> =
                q(conn, redis::cmd("HGET").arg(CONTROL_KEY).arg("state"))?;
            if stopped.as_deref() == Some("stopped") {
                return Err(format!(
                    "the whole pipeline is stopped: `redcdc start` (without --source) starts it, {s} included"
                ));
            }
            q(
                conn,
                redis::cmd("HDEL").arg(CONTROL_KEY).arg(state_field(s)),
            )?
        }
        (Action::Reset, _) => {
            if sources.is_empty() {
                return Err(
                    "no collector has published its status: name the source with --source".into(),
                );
            }
            for s in &sources {
                let n: u64 = q(
                    conn,
                    redis::cmd("HINCRBY")
                        .arg(CONTROL_KEY)
                        .arg(reset_field(s))
                        .arg(1),
                )?;
                targets.push((s.clone(), n));
            }
        }
    }
    let what = match action {
        Action::Stop => "stop",
        Action::Start => "start",
        Action::Reset => "reset",
    };
    let scope = c.source.clone().unwrap_or_else(|| "the pipeline".into());
    if c.no_wait {
        println!("{what} requested for {scope}");
        return Ok(());
    }
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(c.timeout);
    loop {
        let collectors: Vec<Value> = published(conn, COLLECTOR_STATUS)?
            .into_iter()
            .filter(|v| v["live"] == json!(true))
            .filter(|v| {
                c.source
                    .as_ref()
                    .is_none_or(|s| v["source"].as_str() == Some(s.as_str()))
            })
            .collect();
        let processors: Vec<Value> = published(conn, PROCESSOR_STATUS)?
            .into_iter()
            .filter(|v| v["live"] == json!(true))
            .collect();
        let done = match action {
            Action::Stop => {
                collectors.iter().all(|v| v["role"] == json!("stopped"))
                    && (c.source.is_some()
                        || processors.iter().all(|v| v["state"] == json!("STOPPED")))
            }
            Action::Start => {
                collectors.iter().all(|v| v["role"] != json!("stopped"))
                    && (c.source.is_some()
                        || processors.iter().all(|v| v["state"] == json!("RUNNING")))
            }
            Action::Reset => {
                let mut all = true;
                for (s, n) in &targets {
                    let d: Option<u64> = q(
                        conn,
                        redis::cmd("HGET").arg(CONTROL_KEY).arg(reset_done_field(s)),
                    )?;
                    all &= d.unwrap_or(0) >= *n;
                }
                all
            }
        };
        if done {
            let n = collectors.len()
                + if c.source.is_none() {
                    processors.len()
                } else {
                    0
                };
            println!("{what}: done for {scope} ({n} live components)");
            return Ok(());
        }
        if std::time::Instant::now() > deadline {
            return Err(format!(
                "{what} requested for {scope}, but not every live component has done it within {} s (see `redcdc status`)",
                c.timeout
            ));
        }
        std::thread::sleep(std::time::Duration::from_millis(250));
    }
}
