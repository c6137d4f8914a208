//! `collector run --config FILE` / `collector check --config FILE` (`--source`, `--redis` for an
//! RDI pipeline `config.yaml`), or `--deployed --redis URL`: the pipeline `redcdc deploy` stored
//! in Redis, each new version picked up ([`collector::deployed`]).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use collector::config::Config;

/// mimalloc: the hot paths allocate many short-lived buffers (one per entry, field and
/// command); glibc malloc/free took about a third of the CPU in profiles.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "collector",
    version,
    about = "Change data capture into Redis streams, Debezium-compatible"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(clap::Args)]
struct Files {
    /// YAML config, Debezium Server's application.properties, or RDI's pipeline config.yaml.
    #[arg(
        long,
        short,
        env = "REDCDC_CONFIG",
        required_unless_present = "deployed"
    )]
    config: Option<PathBuf>,
    /// Run the pipeline config.yaml `redcdc deploy` stored in the Redis of --redis (waiting for
    /// one), and pick each new version up (a clean stop and a start from the committed offset).
    #[arg(
        long,
        env = "REDCDC_DEPLOYED",
        conflicts_with = "config",
        requires = "redis"
    )]
    deployed: bool,
    /// RDI config.yaml: the source of its `sources:` this collector runs (default: the only one).
    #[arg(long, env = "REDCDC_SOURCE")]
    source: Option<String>,
    /// RDI config.yaml: the Redis the change streams go to (redis://[user:password@]host:port).
    #[arg(long, env = "REDCDC_REDIS")]
    redis: Option<String>,
}

#[derive(Subcommand)]
enum Command {
    /// Snapshot (when needed) and stream changes into Redis until SIGTERM.
    Run {
        #[command(flatten)]
        files: Files,
    },
    /// Check the database and Redis prerequisites without starting.
    Check {
        #[command(flatten)]
        files: Files,
    },
}

fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("REDCDC_LOG")
                .unwrap_or_else(|_| "info".into()),
        )
        // log lines print above the snapshot's progress bars
        .with_writer(collector::progress::LogWriter)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .init();
    let cli = Cli::parse();
    // TLS to Redis uses rustls with the ring provider
    let _ = rustls::crypto::ring::default_provider().install_default();
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
        let (files, is_check) = match &cli.command {
            Command::Run { files } => (files, false),
            Command::Check { files } => (files, true),
        };
        let pipeline = collector::rdi::Pipeline {
            source: files.source.clone(),
            redis: files.redis.clone(),
        };
        let (tx, rx) = tokio::sync::watch::channel(false);
        let tx = std::sync::Arc::new(tx);
        let signals = tx.clone();
        tokio::spawn(async move {
            let mut term =
                match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                    Ok(s) => s,
                    Err(_) => return,
                };
            tokio::select! {
                _ = term.recv() => {}
                _ = tokio::signal::ctrl_c() => {}
            }
            tracing::info!("signal received: shutting down");
            let _ = signals.send(true);
        });
        let restart = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let loaded = match (&files.config, &files.redis) {
            (Some(path), _) => {
                let p = path.display().to_string();
                Config::load_with(path, &pipeline).and_then(|c| c.validate(&p))
            }
            (None, Some(url)) => match collector::deployed::first(url, &pipeline, rx.clone()).await
            {
                Ok(Some((deployed, settings))) => {
                    tracing::info!(version = deployed.version, "running the deployed pipeline");
                    if !is_check {
                        tokio::spawn(collector::deployed::watch(
                            url.clone(),
                            pipeline.clone(),
                            deployed,
                            tx.clone(),
                            restart.clone(),
                        ));
                    }
                    Ok(settings)
                }
                Ok(None) => return ExitCode::SUCCESS,
                Err(e) => Err(e),
            },
            (None, None) => unreachable!("clap requires --config or --deployed with --redis"),
        };
        let settings = match loaded {
            Ok(s) => s,
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::from(2);
            }
        };
        if is_check {
            let metrics = std::sync::Arc::new(collector::metrics::Metrics::default());
            let checked = collector::source::connector(&settings, metrics)
                .check()
                .await;
            return match checked {
                Ok(lines) => {
                    for l in lines {
                        println!("ok: {l}");
                    }
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("error: {e}");
                    ExitCode::FAILURE
                }
            };
        }
        match collector::run(settings, rx).await {
            Ok(()) if restart.load(std::sync::atomic::Ordering::SeqCst) => {
                // a fresh start under the new version: the same arguments, a new process image
                // (same pid, so a supervisor or container sees no exit)
                tracing::info!("stopped cleanly: starting under the new pipeline version");
                use std::os::unix::process::CommandExt;
                let exe = std::env::current_exe().unwrap_or_else(|_| "/proc/self/exe".into());
                let e = std::process::Command::new(exe)
                    .args(std::env::args_os().skip(1))
                    .exec();
                eprintln!("error: cannot start again under the new version: {e}");
                ExitCode::FAILURE
            }
            Ok(()) => {
                tracing::info!("stopped cleanly");
                ExitCode::SUCCESS
            }
            Err(e) => {
                tracing::error!(error = %e, "stopping");
                eprintln!("error: {e}");
                ExitCode::FAILURE
            }
        }
    })
}
