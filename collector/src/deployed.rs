//! `collector run --deployed --redis URL [--source NAME]`: the collector runs the pipeline
//! `config.yaml` that `redcdc deploy` stored in that Redis (`metadata:redcdc:pipeline`, fields
//! `version` and `config`), waiting for one if none is deployed yet, and picks each newer version
//! up: when a new version changes the `sources:` section and validates, the running collector
//! stops as on SIGTERM (what it read is committed with its offset, the HA lease is released) and
//! starts again under the new version, from the committed offset — nothing lost or repeated. A
//! version that changes only jobs, targets or processors does not restart it; a version that does
//! not validate is logged with its problem and the running one goes on.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use serde_json::Value;
use tokio::sync::watch;

use crate::config::{ConfigError, Settings};
use crate::rdi::Pipeline;

/// The hash `redcdc deploy` writes (the processor reads the same one).
pub const PIPELINE: &str = "metadata:redcdc:pipeline";

/// How often the deployed version is read.
const POLL: Duration = Duration::from_secs(1);

/// One deployed version.
#[derive(Debug, Clone)]
pub struct Deployed {
    pub version: u64,
    pub text: String,
}

impl Deployed {
    /// How errors name it: `config.yaml (deployed version N)`.
    pub fn label(&self) -> String {
        format!("config.yaml (deployed version {})", self.version)
    }

    /// The settings of this version's source (the one `--source` names, or the only one).
    pub fn settings(&self, p: &Pipeline) -> Result<Settings, ConfigError> {
        let label = self.label();
        let doc: Value = serde_yaml_ng::from_str(&self.text).map_err(|e| ConfigError::Invalid {
            path: label.clone(),
            message: e.to_string(),
        })?;
        if !crate::rdi::is_pipeline(&doc) {
            return Err(ConfigError::Invalid {
                path: label,
                message: "no `sources:` section: deploy an RDI pipeline directory".into(),
            });
        }
        crate::rdi::from_pipeline(&doc, &label, p)?.validate(&label)
    }

    /// The part of the file the collector runs from: its `sources:` section.
    fn sources(&self) -> Option<String> {
        serde_yaml_ng::from_str::<Value>(&self.text)
            .ok()
            .map(|d| d["sources"].to_string())
    }
}

async fn connect(url: &str) -> Result<redis::aio::MultiplexedConnection, String> {
    let client = ops::net::redis_client(url).map_err(|e| e.to_string())?;
    client
        .get_multiplexed_async_connection()
        .await
        .map_err(|e| e.to_string())
}

/// The deployed version, if any.
async fn read(conn: &mut redis::aio::MultiplexedConnection) -> Result<Option<Deployed>, String> {
    let (version, text): (Option<u64>, Option<String>) = redis::cmd("HMGET")
        .arg(PIPELINE)
        .arg("version")
        .arg("config")
        .query_async(conn)
        .await
        .map_err(|e| e.to_string())?;
    Ok(version.map(|version| Deployed {
        version,
        text: text.unwrap_or_default(),
    }))
}

/// Waits for a deployed version that validates (each invalid one is logged and skipped); None
/// when shut down while waiting. Redis errors are retried.
pub async fn first(
    url: &str,
    p: &Pipeline,
    mut shutdown: watch::Receiver<bool>,
) -> Result<Option<(Deployed, Settings)>, ConfigError> {
    ops::net::redis_client(url).map_err(|e| ConfigError::Invalid {
        path: "--redis".into(),
        message: format!("`{}`: {e}", redact(url)),
    })?;
    let mut seen = 0u64;
    let mut said_none = false;
    let mut conn = None;
    loop {
        if conn.is_none() {
            match connect(url).await {
                Ok(c) => conn = Some(c),
                Err(e) => {
                    tracing::warn!(error = %e, redis = %redact(url), "cannot reach Redis for the deployed pipeline; retrying")
                }
            }
        }
        if let Some(c) = conn.as_mut() {
            match read(c).await {
                Ok(Some(d)) if d.version != seen => {
                    seen = d.version;
                    match d.settings(p) {
                        Ok(s) => return Ok(Some((d, s))),
                        Err(e) => tracing::error!(
                            version = d.version,
                            "the deployed pipeline cannot run here; waiting for the next version: {e}"
                        ),
                    }
                }
                Ok(None) if !said_none => {
                    said_none = true;
                    tracing::info!("no pipeline deployed yet: waiting for `redcdc deploy`");
                }
                Ok(_) => {}
                Err(e) => {
                    tracing::warn!(error = %e, "cannot read the deployed pipeline; retrying");
                    conn = None;
                }
            }
        }
        tokio::select! {
            _ = tokio::time::sleep(POLL) => {}
            _ = shutdown.wait_for(|s| *s) => return Ok(None),
        }
    }
}

/// Watches for a newer version whose `sources:` section differs from `running`'s and
/// validates: then sets `restart` and ends the run through `stop` (as SIGTERM does).
pub async fn watch(
    url: String,
    p: Pipeline,
    running: Deployed,
    stop: Arc<watch::Sender<bool>>,
    restart: Arc<AtomicBool>,
) {
    let mut seen = running.version;
    let sources = running.sources();
    let mut conn = None;
    loop {
        tokio::time::sleep(POLL).await;
        if stop.is_closed() || *stop.borrow() {
            return;
        }
        if conn.is_none() {
            conn = connect(&url).await.ok();
        }
        let Some(c) = conn.as_mut() else { continue };
        let d = match read(c).await {
            Ok(Some(d)) if d.version != seen => d,
            Ok(_) => continue,
            Err(e) => {
                tracing::warn!(error = %e, "cannot read the deployed pipeline; retrying");
                conn = None;
                continue;
            }
        };
        seen = d.version;
        if d.sources() == sources {
            tracing::info!(
                version = d.version,
                "a new pipeline version is deployed; its sources are unchanged: the collector goes on"
            );
            continue;
        }
        match d.settings(&p) {
            Ok(_) => {
                tracing::info!(
                    from = running.version,
                    to = d.version,
                    "a new pipeline version is deployed: stopping cleanly to start under it"
                );
                restart.store(true, Ordering::SeqCst);
                let _ = stop.send(true);
                return;
            }
            Err(e) => tracing::error!(
                version = d.version,
                running = running.version,
                "the deployed pipeline cannot run here; keeping the running version: {e}"
            ),
        }
    }
}

/// A Redis URL without its password, for logs.
fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if at > s => format!("{}://***@{}", &url[..s], &url[at + 1..]),
        _ => url.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const V1: &str = "sources:\n  pg:\n    connection:\n      type: postgresql\n      host: db\n      port: 5432\n      database: shop\n      user: u\n      password: p\n    tables:\n      public.orders: {}\ntargets:\n  target:\n    connection: {type: redis, host: r, port: 6379}\n";

    fn pipeline() -> Pipeline {
        Pipeline {
            source: None,
            redis: Some("redis://r:6379".into()),
        }
    }

    #[test]
    fn a_deployed_version_is_validated_and_named_by_its_version() {
        let d = Deployed {
            version: 3,
            text: V1.into(),
        };
        assert_eq!(d.settings(&pipeline()).unwrap().topic_prefix(), "pg");
        let bad = Deployed {
            version: 4,
            text: V1.replace("postgresql", "oracle"),
        };
        let e = bad.settings(&pipeline()).unwrap_err().to_string();
        assert!(
            e.contains("deployed version 4") && e.contains("sources.pg.connection.type"),
            "{e}"
        );
        let jobs_only = Deployed {
            version: 5,
            text: V1.replace("port: 6379", "port: 6380"),
        };
        assert_eq!(
            jobs_only.sources(),
            d.sources(),
            "targets are not the collector's"
        );
        let more = Deployed {
            version: 6,
            text: V1.replace(
                "public.orders: {}",
                "public.orders: {}\n      public.items: {}",
            ),
        };
        assert_ne!(more.sources(), d.sources());
        let none = Deployed {
            version: 7,
            text: "targets: {}\n".into(),
        };
        assert!(none
            .settings(&pipeline())
            .unwrap_err()
            .to_string()
            .contains("sources"));
    }

    #[test]
    fn urls_are_logged_without_their_password() {
        assert_eq!(
            redact("redis://default:s3cret@h:6379"),
            "redis://***@h:6379"
        );
        assert_eq!(redact("redis://h:6379"), "redis://h:6379");
    }
}
