//! `processor run | check | trace`, and `processor redcdc ...`: the operator's CLI
//! ([`processor::cli`]) in the same binary, for the container image.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use processor::app;

/// mimalloc: the hot paths allocate many short-lived buffers (one per entry, field and
/// command); glibc malloc/free took about a third of the CPU in profiles.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "processor",
    version,
    about = "Applies RDI-style jobs to change streams and writes target Redis keys"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(clap::Args)]
struct Files {
    /// RDI config.yaml (sources / targets / processors). Not with `run --deployed`.
    #[arg(long, short, env = "REDCDC_PROCESSOR_CONFIG")]
    config: Option<PathBuf>,
    /// Directory of job files (jobs/*.yaml); none means the default job for every table.
    #[arg(long, short, default_value = "jobs")]
    jobs: PathBuf,
    /// Redis holding the change streams (default: the `target` connection).
    #[arg(long, env = "STREAMS_REDIS_URL")]
    streams_redis: Option<String>,
}

#[derive(Subcommand)]
enum Command {
    /// Process the change streams until SIGTERM.
    Run {
        #[command(flatten)]
        files: Files,
        /// Stable name of this instance (default: host-pid-random).
        #[arg(long, env = "REDCDC_INSTANCE_ID")]
        instance_id: Option<String>,
        /// host:port of the HTTP server: health (GET /q/health) and Prometheus metrics
        /// (GET /metrics).
        #[arg(long, alias = "http-address", env = "REDCDC_METRICS_ADDRESS")]
        metrics_address: Option<String>,
        /// Run the pipeline `redcdc deploy` stored in the streams Redis (`--streams-redis`),
        /// picking up each newer version as it is deployed, instead of --config/--jobs.
        #[arg(long, conflicts_with = "config")]
        deployed: bool,
    },
    /// Validate config.yaml and the jobs (every error with file, job and field) and the targets.
    Check {
        #[command(flatten)]
        files: Files,
    },
    /// Show what the next N events of a table would write, without writing.
    Trace {
        #[command(flatten)]
        files: Files,
        /// Table name (the stream name's last part).
        #[arg(long)]
        table: String,
        #[arg(long, default_value_t = 10)]
        count: usize,
    },
}

fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("REDCDC_LOG")
                .unwrap_or_else(|_| "info".into()),
        )
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .init();
    // `processor redcdc <command>`: the CLI, as the separate `redcdc` binary runs it
    if std::env::args_os().nth(1).is_some_and(|a| a == "redcdc") {
        return processor::cli::run_from(std::env::args_os().skip(1));
    }
    let _ = rustls::crypto::ring::default_provider().install_default();
    let cli = Cli::parse();
    let rt = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: cannot start the runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    rt.block_on(async move {
        let files = match &cli.command {
            Command::Run { files, .. }
            | Command::Check { files }
            | Command::Trace { files, .. } => (
                files.config.clone(),
                files.jobs.clone(),
                files.streams_redis.clone(),
            ),
        };
        let (config_path, jobs_dir, streams_redis) = files;
        if let Command::Run {
            deployed: true,
            instance_id,
            metrics_address,
            ..
        } = &cli.command
        {
            let Some(url) = streams_redis.as_deref() else {
                eprintln!("error: `run --deployed` needs --streams-redis (or STREAMS_REDIS_URL): the Redis the pipeline was deployed to");
                return ExitCode::from(2);
            };
            let opts = app::RunOptions {
                streams_url: Some(url.to_string()),
                instance_id: instance_id.clone(),
                metrics_address: metrics_address.clone(),
            };
            return exit(app::run_deployed(url, opts, on_signal()).await);
        }
        let Some(config_path) = config_path else {
            eprintln!("error: --config (or REDCDC_PROCESSOR_CONFIG) is required: the pipeline's config.yaml");
            return ExitCode::from(2);
        };
        let (cfg, jobs) = match app::load(&config_path, &jobs_dir) {
            Ok(v) => v,
            Err(issues) => {
                eprintln!(
                    "error: {} problem(s) in the configuration:\n{}",
                    issues.len(),
                    processor::config::format_issues(&issues)
                );
                return ExitCode::from(2);
            }
        };
        match cli.command {
            Command::Check { .. } => {
                let r = async {
                    let mut targets = app::connect_targets(&cfg).await?;
                    app::check_json_support(&cfg, &jobs, &mut targets).await?;
                    app::connect_streams(&cfg, streams_redis.as_deref()).await?;
                    Ok::<_, app::AppError>(targets.len())
                }
                .await;
                match r {
                    Ok(n) => {
                        println!(
                            "ok: config and {} job(s) valid; {n} target(s) reachable",
                            jobs.len()
                        );
                        ExitCode::SUCCESS
                    }
                    Err(e) => {
                        eprintln!("error: {e}");
                        ExitCode::FAILURE
                    }
                }
            }
            Command::Trace { table, count, .. } => {
                match app::trace(&cfg, &jobs, streams_redis.as_deref(), &table, count).await {
                    Ok(lines) => {
                        for l in lines {
                            println!("{l}");
                        }
                        ExitCode::SUCCESS
                    }
                    Err(e) => {
                        eprintln!("error: {e}");
                        ExitCode::FAILURE
                    }
                }
            }
            Command::Run {
                instance_id,
                metrics_address,
                ..
            } => {
                let opts = app::RunOptions {
                    streams_url: streams_redis.clone(),
                    instance_id,
                    metrics_address,
                };
                exit(app::run(cfg, jobs, opts, on_signal()).await)
            }
        }
    })
}

/// A channel that turns true on SIGTERM or Ctrl-C.
fn on_signal() -> tokio::sync::watch::Receiver<bool> {
    let (tx, rx) = tokio::sync::watch::channel(false);
    tokio::spawn(async move {
        let Ok(mut term) =
            tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        else {
            return;
        };
        tokio::select! {
            _ = term.recv() => {}
            _ = tokio::signal::ctrl_c() => {}
        }
        tracing::info!("signal received: finishing the current batch");
        let _ = tx.send(true);
    });
    rx
}

/// The exit code of a run.
fn exit(r: Result<(), app::AppError>) -> ExitCode {
    match r {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            tracing::error!(error = %e, "stopping");
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
