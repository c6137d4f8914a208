//! The one HTTP server of a process: health as Debezium Server answers it (Quarkus SmallRye
//! Health: `GET /q/health`, `/q/health/live`, `/q/health/ready`, body
//! `{"status":"UP","checks":[{"name":"debezium","status":"UP"}]}`, 503 and `DOWN` when not
//! healthy), `GET /metrics` (Prometheus), and 404 for every other path.

use std::sync::Arc;

use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;

/// What a process serves.
pub trait Endpoints: Send + Sync + 'static {
    /// The name of the one health check (`debezium` for the collector, as Debezium Server).
    fn check_name(&self) -> &'static str;
    /// Whether the process is healthy now (its source and Redis answering, its task running):
    /// `/q/health` and `/q/health/ready`.
    fn healthy(&self) -> bool;
    /// Whether the process is alive (`/q/health/live`): also true while it waits as an HA
    /// standby, so an orchestrator does not restart a standby.
    fn live(&self) -> bool {
        self.healthy()
    }
    /// The metrics, in the Prometheus text format.
    fn metrics(&self) -> String;
}

/// The content type of [`crate::prom::render`]'s output.
pub const METRICS_CONTENT_TYPE: &str = "application/openmetrics-text; version=1.0.0; charset=utf-8";

/// The health body and status code.
pub fn health_response(name: &str, up: bool) -> (StatusCode, String) {
    let s = if up { "UP" } else { "DOWN" };
    let code = if up {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    (
        code,
        format!(r#"{{"status":"{s}","checks":[{{"name":"{name}","status":"{s}"}}]}}"#),
    )
}

async fn health(State(e): State<Arc<dyn Endpoints>>) -> Response {
    let (code, body) = health_response(e.check_name(), e.healthy());
    (code, [(header::CONTENT_TYPE, "application/json")], body).into_response()
}

async fn live(State(e): State<Arc<dyn Endpoints>>) -> Response {
    let (code, body) = health_response(e.check_name(), e.live());
    (code, [(header::CONTENT_TYPE, "application/json")], body).into_response()
}

async fn metrics(State(e): State<Arc<dyn Endpoints>>) -> Response {
    ([(header::CONTENT_TYPE, METRICS_CONTENT_TYPE)], e.metrics()).into_response()
}

/// The router (also used by tests without a socket).
pub fn router(e: Arc<dyn Endpoints>) -> Router {
    Router::new()
        .route("/q/health", get(health))
        .route("/q/health/live", get(live))
        .route("/q/health/ready", get(health))
        .route("/metrics", get(metrics))
        .fallback(|| async { (StatusCode::NOT_FOUND, "not found\n") })
        .with_state(e)
}

/// Binds `address` (`host:port`) and serves until the process ends. A port that cannot be
/// bound is logged, not fatal: the pipeline itself keeps running.
pub fn spawn(address: String, e: Arc<dyn Endpoints>) {
    tokio::spawn(async move {
        let listener = match tokio::net::TcpListener::bind(&address).await {
            Ok(l) => l,
            Err(err) => {
                tracing::error!(%address, error = %err, "cannot listen for health and metrics: set another port (quarkus.http.port / http_address)");
                return;
            }
        };
        let local = listener
            .local_addr()
            .map(|a| a.to_string())
            .unwrap_or(address);
        tracing::info!(address = %local, "health (/q/health) and metrics (/metrics) listening");
        if let Err(err) = axum::serve(listener, router(e)).await {
            tracing::error!(error = %err, "the health and metrics server stopped");
        }
    });
}
