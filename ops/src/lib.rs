//! Day-two operation shared by the collector and the processor.
//!
//! - [`http`]: the one HTTP server of a process — `GET /q/health` (and `/live`, `/ready`) as
//!   Debezium Server's Quarkus answers it, `GET /metrics` in the Prometheus text format, 404 for
//!   anything else — on `axum`.
//! - [`prom`]: writing gauge families through `prometheus-client`'s collector API, with label
//!   values escaped (the crate writes them as given).
//! - [`control`]: `redcdc stop` / `start` / `reset` — the control hash in Redis every component
//!   reads.
//! - [`secret`]: the one secret type and `${env:..}` / `${file:..}` resolver of every binary.

pub mod control;
pub mod http;
pub mod net;
pub mod prom;
pub mod secret;
