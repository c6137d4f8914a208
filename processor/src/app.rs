//! The commands: `run`, `check` and `trace`, and the wiring they share (loading and validating
//! config and jobs, connecting to the streams Redis and the targets).

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use redis::aio::ConnectionManager;
use redis::IntoConnectionInfo as _;

use crate::config::{self, ConfigIssue, ProcessorConfig, RedisConnection, TargetDataType};
use crate::expr::{Expression, Language};
use crate::job::{self, DataType, Job, Lang};
use crate::metrics::Metrics;
use crate::plan::JobPlanner;
use crate::record::{parse_entry, Entry};
use crate::runtime::{LoopSettings, Planner, Runtime};
use crate::target::TargetConn;

/// A problem that stops a command; the message says what and where.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("{0}")]
    Invalid(String),
    #[error("cannot connect to {what}: {message}")]
    Connect { what: String, message: String },
    #[error("{0}")]
    Runtime(#[from] crate::runtime::RuntimeError),
}

/// Loads and validates config.yaml and the jobs, collecting every issue.
pub fn load(
    config_path: &Path,
    jobs_dir: &Path,
) -> Result<(ProcessorConfig, Vec<Job>), Vec<ConfigIssue>> {
    let mut issues = Vec::new();
    let cfg = match config::load_config(config_path) {
        Ok(c) => Some(c),
        Err(e) => {
            issues.extend(e);
            None
        }
    };
    let (jobs, job_issues) = if jobs_dir.exists() {
        job::load_jobs_partial(jobs_dir)
    } else {
        (Vec::new(), Vec::new())
    };
    issues.extend(job_issues);
    if let Some(c) = &cfg {
        issues.extend(job::validate_connections(c, &jobs));
    }
    issues.extend(job::validate_expressions(&jobs, |spec| {
        let l = match spec.language {
            Lang::Jmespath => Language::Jmespath,
            Lang::Sql => Language::Sql,
        };
        Expression::compile(&spec.expression, l)
            .map(|_| ())
            .map_err(|e| e.to_string())
    }));
    match cfg {
        Some(c) if issues.is_empty() => Ok((c, jobs)),
        _ => Err(issues),
    }
}

fn client_for(name: &str, c: &RedisConnection) -> Result<redis::Client, AppError> {
    let err = |message: String| AppError::Connect {
        what: format!("target `{name}` ({}:{})", c.host, c.port),
        message,
    };
    let tls = c.tls();
    let addr = if tls {
        redis::ConnectionAddr::TcpTls {
            host: c.host.clone(),
            port: c.port,
            insecure: false,
            tls_params: None,
        }
    } else {
        redis::ConnectionAddr::Tcp(c.host.clone(), c.port)
    };
    let mut info = redis::RedisConnectionInfo::default();
    if let Some(u) = c.user.as_deref().filter(|u| !u.is_empty()) {
        info = info.set_username(u);
    }
    if let Some(p) = &c.password {
        info = info.set_password(p.expose());
    }
    let ci = addr
        .into_connection_info()
        .map_err(|e| err(e.to_string()))?
        .set_redis_settings(info)
        .set_tcp_settings(ops::net::redis_tcp());
    if tls {
        let read = |p: &config::PemSource| {
            p.load()
                .map_err(|e| err(format!("reading TLS material: {e}")))
        };
        let client_tls = match (&c.cert, &c.key) {
            (Some(cert), Some(key)) => Some(redis::ClientTlsConfig {
                client_cert: read(cert)?,
                client_key: read(key)?,
            }),
            _ => None,
        };
        let root_cert = c.cacert.as_ref().map(read).transpose()?;
        redis::Client::build_with_tls(
            ci,
            redis::TlsCertificates {
                client_tls,
                root_cert,
            },
        )
        .map_err(|e| err(e.to_string()))
    } else {
        redis::Client::open(ci).map_err(|e| err(e.to_string()))
    }
}

/// A connection that reconnects by itself after a drop (the failed request returns its error,
/// which the loop retries with backoff; later requests use the new connection).
async fn connect(what: &str, client: &redis::Client) -> Result<ConnectionManager, AppError> {
    // the library's default response timeout (500 ms) would cut off a blocking XREADGROUP with
    // a longer read_batch_timeout_ms, or a large pipeline on a busy server
    let config = redis::aio::ConnectionManagerConfig::new()
        .set_response_timeout(Some(std::time::Duration::from_secs(15)))
        .set_connection_timeout(Some(std::time::Duration::from_secs(10)))
        .set_number_of_retries(2)
        .set_max_delay(std::time::Duration::from_secs(2));
    let fut = client.get_connection_manager_with_config(config);
    let mut c = tokio::time::timeout(std::time::Duration::from_secs(10), fut)
        .await
        .map_err(|_| AppError::Connect {
            what: what.to_string(),
            message: "timed out".into(),
        })?
        .map_err(|e| AppError::Connect {
            what: what.to_string(),
            message: e.to_string(),
        })?;
    let _: String =
        redis::cmd("PING")
            .query_async(&mut c)
            .await
            .map_err(|e| AppError::Connect {
                what: what.to_string(),
                message: e.to_string(),
            })?;
    Ok(c)
}

/// Connections to every target named in config.yaml.
/// Clients of every target, for `redis.lookup` (by connection name).
fn lookup_clients(cfg: &ProcessorConfig) -> Result<HashMap<String, redis::Client>, AppError> {
    cfg.targets
        .iter()
        .map(|(name, t)| Ok((name.clone(), client_for(name, &t.connection)?)))
        .collect()
}

pub async fn connect_targets(
    cfg: &ProcessorConfig,
) -> Result<HashMap<String, TargetConn>, AppError> {
    let mut out = HashMap::new();
    for (name, t) in &cfg.targets {
        let client = client_for(name, &t.connection)?;
        let what = format!("target `{name}`");
        let err = |message: String| AppError::Connect {
            what: what.clone(),
            message,
        };
        let conn = tokio::time::timeout(
            std::time::Duration::from_secs(10),
            TargetConn::connect(client),
        )
        .await
        .map_err(|_| err("timed out".into()))?
        .map_err(|e| err(e.to_string()))?;
        let _: String = redis::cmd("PING")
            .query_async(&mut conn.get())
            .await
            .map_err(|e| err(e.to_string()))?;
        out.insert(name.clone(), conn);
    }
    Ok(out)
}

/// The Redis holding the change streams: `--streams-redis URL`, else the `target` connection.
pub fn streams_client(cfg: &ProcessorConfig, url: Option<&str>) -> Result<redis::Client, AppError> {
    match url {
        Some(u) => ops::net::redis_client(u).map_err(|e| AppError::Connect {
            what: "the streams Redis".into(),
            message: e.to_string(),
        }),
        None => client_for(config::DEFAULT_CONNECTION, &cfg.default_target().connection),
    }
}

/// A connection to the Redis holding the change streams ([`streams_client`]).
pub async fn connect_streams(
    cfg: &ProcessorConfig,
    url: Option<&str>,
) -> Result<ConnectionManager, AppError> {
    let what = match url {
        Some(_) => "the streams Redis",
        None => "the streams Redis (target)",
    };
    connect(what, &streams_client(cfg, url)?).await
}

/// Targets whose jobs need the JSON commands must have them.
pub async fn check_json_support(
    cfg: &ProcessorConfig,
    jobs: &[Job],
    targets: &mut HashMap<String, TargetConn>,
) -> Result<(), AppError> {
    let default_json = cfg.processors.target_data_type == TargetDataType::Json;
    let mut need: Vec<String> = jobs
        .iter()
        .flat_map(|j| j.output.iter())
        .filter(|o| o.effective_data_type(cfg.processors.target_data_type) == DataType::Json)
        .map(|o| o.connection.clone())
        .collect();
    if default_json {
        need.push(config::DEFAULT_CONNECTION.to_string());
    }
    need.sort();
    need.dedup();
    for name in need {
        let Some(c) = targets.get_mut(&name) else {
            continue;
        };
        let info: redis::Value = redis::cmd("COMMAND")
            .arg("INFO")
            .arg("JSON.SET")
            .query_async(&mut c.get())
            .await
            .map_err(|e| AppError::Connect {
                what: format!("target `{name}`"),
                message: e.to_string(),
            })?;
        let has = matches!(&info, redis::Value::Array(a) if a.first().is_some_and(|v| !matches!(v, redis::Value::Nil)));
        if !has {
            return Err(AppError::Invalid(format!(
                "target `{name}` has no JSON commands (JSON.SET), but a job writes data_type json (or target_data_type is json): use Redis Stack / Redis 8 with JSON, or change the job to hash"
            )));
        }
    }
    Ok(())
}

/// Options of `run`.
pub struct RunOptions {
    pub streams_url: Option<String>,
    pub instance_id: Option<String>,
    pub metrics_address: Option<String>,
}

/// What lives as long as the process, across deployed versions: metrics (and their HTTP
/// server), the published status, the instance name, `redcdc stop`/`start`.
struct Process {
    metrics: Arc<Metrics>,
    instance_id: String,
    control: tokio::sync::watch::Receiver<ops::control::Control>,
}

impl Process {
    async fn start(
        opts: RunOptions,
        streams: &ConnectionManager,
        client: redis::Client,
    ) -> Process {
        let metrics = Arc::new(Metrics::default());
        if let Some(addr) = opts.metrics_address {
            crate::metrics::serve(&metrics, addr);
        }
        let instance_id = opts.instance_id.unwrap_or_else(|| {
            let host = std::fs::read_to_string("/etc/hostname").unwrap_or_default();
            format!(
                "{}-{}-{:04x}",
                host.trim(),
                std::process::id(),
                rand::random::<u16>()
            )
        });
        crate::metrics::publish(&metrics, streams.clone(), instance_id.clone());
        let control = ops::control::watch(
            client,
            redis::AsyncConnectionConfig::new()
                .set_connection_timeout(Some(std::time::Duration::from_secs(2)))
                .set_response_timeout(Some(std::time::Duration::from_secs(2))),
            None,
        )
        .await;
        Process {
            metrics,
            instance_id,
            control,
        }
    }
}

/// `processor run` on files.
pub async fn run(
    cfg: ProcessorConfig,
    jobs: Vec<Job>,
    opts: RunOptions,
    shutdown: tokio::sync::watch::Receiver<bool>,
) -> Result<(), AppError> {
    let client = streams_client(&cfg, opts.streams_url.as_deref())?;
    let streams = connect_streams(&cfg, opts.streams_url.as_deref()).await?;
    let process = Process::start(opts, &streams, client).await;
    run_version(&cfg, &jobs, &process, streams, shutdown).await
}

/// The hash `redcdc deploy` writes: `version`, `config` (config.yaml), `deployed_ms`.
pub const PIPELINE: &str = "metadata:redcdc:pipeline";
/// The deployed jobs: job name → its YAML.
pub const PIPELINE_JOBS: &str = "metadata:redcdc:pipeline:jobs";

/// `processor run --deployed`: the pipeline `redcdc deploy` stored in the streams Redis
/// (waiting for one if none is), and each newer version as it is deployed: the batch in hand is
/// written and acknowledged under the old jobs, the stream positions stay in the consumer group,
/// and reading goes on under the new ones — nothing lost, nothing processed twice. A version
/// that does not validate is logged (every problem, with its file and field) and skipped; the
/// running one stays.
pub async fn run_deployed(
    url: &str,
    opts: RunOptions,
    mut shutdown: tokio::sync::watch::Receiver<bool>,
) -> Result<(), AppError> {
    let client = ops::net::redis_client(url).map_err(|e| AppError::Connect {
        what: "the streams Redis".into(),
        message: e.to_string(),
    })?;
    let streams = connect("the streams Redis", &client).await?;
    let process = Process::start(opts, &streams, client).await;
    let (tx, mut deployed) = tokio::sync::watch::channel(None);
    tokio::spawn(watch_deployed(streams.clone(), tx));
    loop {
        let (version, cfg, jobs) = tokio::select! {
            v = deployed.wait_for(Option::is_some) => match v {
                Ok(v) => v.clone().expect("some"),
                Err(_) => return Ok(()),
            },
            _ = shutdown.wait_for(|s| *s) => return Ok(()),
        };
        process.metrics.set_pipeline_version(version);
        tracing::info!(version, jobs = jobs.len(), "running the deployed pipeline");
        // this version runs until shutdown or a newer valid version
        let (end_tx, end_rx) = tokio::sync::watch::channel(false);
        let (mut sd, mut next) = (shutdown.clone(), deployed.clone());
        let ender = tokio::spawn(async move {
            tokio::select! {
                _ = sd.wait_for(|s| *s) => {}
                _ = next.wait_for(|d| d.as_ref().is_some_and(|d| d.0 != version)) => {}
            }
            let _ = end_tx.send(true);
        });
        let r = run_version(&cfg, &jobs, &process, streams.clone(), end_rx).await;
        ender.abort();
        r?;
        if *shutdown.borrow() {
            return Ok(());
        }
        tracing::info!(
            from = version,
            "a new pipeline version is deployed: picking it up"
        );
    }
}

type Deployed = Option<(u64, ProcessorConfig, Vec<Job>)>;

/// Polls the deployed version every second; sends each new one that validates.
async fn watch_deployed(mut conn: ConnectionManager, tx: tokio::sync::watch::Sender<Deployed>) {
    let mut seen = 0u64;
    let mut said_none = false;
    loop {
        if tx.is_closed() {
            return;
        }
        let version: redis::RedisResult<Option<u64>> = redis::cmd("HGET")
            .arg(PIPELINE)
            .arg("version")
            .query_async(&mut conn)
            .await;
        match version {
            Ok(Some(v)) if v != seen => {
                seen = v;
                match load_deployed(&mut conn).await {
                    Ok((cfg, jobs)) => {
                        let _ = tx.send(Some((v, cfg, jobs)));
                    }
                    Err(e) => tracing::error!(
                        version = v,
                        "the deployed pipeline is not valid; keeping the running one:\n{e}"
                    ),
                }
            }
            Ok(None) if !said_none => {
                said_none = true;
                tracing::info!("no pipeline deployed yet: waiting for `redcdc deploy`");
            }
            Err(e) => {
                tracing::warn!(error = %e, "cannot read the deployed pipeline version; retrying")
            }
            _ => {}
        }
        tokio::time::sleep(std::time::Duration::from_secs(1)).await;
    }
}

/// The deployed config.yaml and jobs, validated as files are (they are written to a private
/// temporary directory and loaded from there, so the same checks and messages apply).
async fn load_deployed(
    conn: &mut ConnectionManager,
) -> Result<(ProcessorConfig, Vec<Job>), String> {
    let config: Option<String> = redis::cmd("HGET")
        .arg(PIPELINE)
        .arg("config")
        .query_async(conn)
        .await
        .map_err(|e| e.to_string())?;
    let jobs: std::collections::BTreeMap<String, String> = redis::cmd("HGETALL")
        .arg(PIPELINE_JOBS)
        .query_async(conn)
        .await
        .map_err(|e| e.to_string())?;
    let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
    let jobs_dir = dir.path().join("jobs");
    std::fs::create_dir(&jobs_dir).map_err(|e| e.to_string())?;
    std::fs::write(dir.path().join("config.yaml"), config.unwrap_or_default())
        .map_err(|e| e.to_string())?;
    for (name, text) in &jobs {
        if name.contains('/') || name.starts_with('.') {
            return Err(format!("job name `{name}` cannot be a file name"));
        }
        std::fs::write(jobs_dir.join(format!("{name}.yaml")), text).map_err(|e| e.to_string())?;
    }
    load(&dir.path().join("config.yaml"), &jobs_dir)
        .map_err(|issues| config::format_issues(&issues))
}

/// One version of the pipeline, until `end`.
async fn run_version(
    cfg: &ProcessorConfig,
    jobs: &[Job],
    process: &Process,
    streams: ConnectionManager,
    end: tokio::sync::watch::Receiver<bool>,
) -> Result<(), AppError> {
    let planner = JobPlanner::new(jobs, &cfg.processors).map_err(AppError::Invalid)?;
    planner.set_lookup_clients(lookup_clients(cfg)?);
    let mut targets = connect_targets(cfg).await?;
    check_json_support(cfg, jobs, &mut targets).await?;
    let metrics = &process.metrics;
    let p = &cfg.processors;
    let settings = LoopSettings {
        stream_pattern: p.stream_pattern.clone(),
        group: p.consumer_group.clone(),
        instance_id: process.instance_id.clone(),
        read_batch_size: p.read_batch_size,
        write_batch_size: p.write_batch_size.max(1),
        read_batch_timeout_ms: p.read_batch_timeout_ms,
        dlq: p.error_handling == config::ErrorHandling::Dlq,
        dlq_max_messages: p.dlq_max_messages,
        null_value: "default".into(),
        lease_ms: 10_000,
        discovery_interval_ms: p.idle_streams_check_interval_ms,
        busy_discovery_interval_ms: p.busy_streams_check_interval_ms,
        idle_sleep_ms: p.idle_sleep_time_ms,
        retry_max_attempts: p.retry_max_attempts.max(1),
        async_processing: p.enable_async_processing,
        retry_initial_delay_ms: p.retry_initial_delay_ms,
        retry_max_delay_ms: p.retry_max_delay_ms,
        initial_sync_processes: p.initial_sync_processes as usize,
    };
    tracing::info!(instance = %process.instance_id, pattern = %p.stream_pattern, jobs = jobs.len(), "processor starting");
    let mut rt = Runtime::new(
        settings,
        streams,
        targets,
        Arc::new(planner),
        metrics.clone(),
    );
    metrics.running(true);
    let r = rt.with_control(process.control.clone()).run(end).await;
    metrics.running(false);
    r?;
    Ok(())
}

/// `processor trace`: what the next `count` entries of streams whose name ends with `table`
/// would write, without writing. One JSON line per entry.
pub async fn trace(
    cfg: &ProcessorConfig,
    jobs: &[Job],
    streams_url: Option<&str>,
    table: &str,
    count: usize,
) -> Result<Vec<String>, AppError> {
    let planner = JobPlanner::new(jobs, &cfg.processors).map_err(AppError::Invalid)?;
    planner.set_lookup_clients(lookup_clients(cfg)?);
    let mut conn = connect_streams(cfg, streams_url).await?;
    let keys: Vec<String> = redis::cmd("KEYS")
        .arg(&cfg.processors.stream_pattern)
        .query_async(&mut conn)
        .await
        .map_err(|e| AppError::Connect {
            what: "the streams Redis".into(),
            message: e.to_string(),
        })?;
    let mut lines = Vec::new();
    for key in keys
        .iter()
        .filter(|k| k.ends_with(&format!(".{table}")) || k.as_str() == table)
    {
        // start after what the consumer group has delivered, or at the beginning
        let groups: redis::Value = redis::cmd("XINFO")
            .arg("GROUPS")
            .arg(key)
            .query_async(&mut conn)
            .await
            .unwrap_or(redis::Value::Nil);
        let start =
            last_delivered(&groups, &cfg.processors.consumer_group).unwrap_or_else(|| "0-0".into());
        let v: redis::Value = redis::cmd("XRANGE")
            .arg(key)
            .arg(format!("({start}"))
            .arg("+")
            .arg("COUNT")
            .arg(count)
            .query_async(&mut conn)
            .await
            .map_err(|e| AppError::Connect {
                what: "the streams Redis".into(),
                message: e.to_string(),
            })?;
        for (id, fields) in crate::runtime::parse_entries(v) {
            let line = match parse_entry(&fields, "default") {
                Ok(Entry::Tombstone) => {
                    serde_json::json!({"stream": key, "id": id, "result": "tombstone (skipped)"})
                }
                Ok(Entry::Change(c)) => match planner.plan(key, &c) {
                    Ok(p) => {
                        serde_json::json!({"stream": key, "id": id, "op": c.op.code(), "filtered": p.filtered,
                        "writes": p.writes.iter().map(|(conn, w)| serde_json::json!({"connection": conn, "write": format!("{w:?}")})).collect::<Vec<_>>()})
                    }
                    Err(r) => {
                        serde_json::json!({"stream": key, "id": id, "rejected": {"job": r.job, "reason": r.reason}})
                    }
                },
                Err(e) => {
                    serde_json::json!({"stream": key, "id": id, "rejected": {"job": "-", "reason": e.to_string()}})
                }
            };
            lines.push(line.to_string());
        }
    }
    Ok(lines)
}

fn last_delivered(groups: &redis::Value, group: &str) -> Option<String> {
    let redis::Value::Array(gs) = groups else {
        return None;
    };
    for g in gs {
        let pairs: Vec<(String, redis::Value)> = match g {
            redis::Value::Array(kv) => kv
                .chunks(2)
                .filter_map(|p| {
                    Some((
                        redis::from_redis_value_ref::<String>(p.first()?).ok()?,
                        p.get(1)?.clone(),
                    ))
                })
                .collect(),
            redis::Value::Map(m) => m
                .iter()
                .filter_map(|(k, v)| {
                    Some((redis::from_redis_value_ref::<String>(k).ok()?, v.clone()))
                })
                .collect(),
            _ => continue,
        };
        let name = pairs
            .iter()
            .find(|(k, _)| k == "name")
            .and_then(|(_, v)| redis::from_redis_value_ref::<String>(v).ok());
        if name.as_deref() == Some(group) {
            return pairs
                .iter()
                .find(|(k, _)| k == "last-delivered-id")
                .and_then(|(_, v)| redis::from_redis_value_ref::<String>(v).ok());
        }
    }
    None
}

#[cfg(test)]
mod compose_tests {
    /// The compose demo's processor config and jobs (`compose/config/`) load and validate, so the
    /// demo cannot rot.
    #[test]
    fn the_compose_demo_processor_config_and_jobs_validate() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../compose/config");
        let (cfg, jobs) = super::load(&dir.join("processor.yaml"), &dir.join("jobs"))
            .unwrap_or_else(|issues| panic!("compose/config: {issues:?}"));
        assert_eq!(jobs.len(), 1);
        assert!(cfg.targets.contains_key("target"));
    }
}
