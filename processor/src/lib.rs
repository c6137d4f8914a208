//! redcdc processor: reads the change streams the collector writes and applies declarative jobs
//! (Redis Data Integration's job format) to write target Redis keys.
//!
//! Module map:
//! - [`config`]: `config.yaml` (sources / targets / processors, RDI layout and defaults).
//! - [`job`]: `jobs/*.yaml` (source / transform / output), parsed and validated.
//! - [`expr`]: JMESPath and SQL (SQLite) expressions with RDI's custom functions.
//! - [`cli`]: `redcdc`, the operator's CLI (status, deploy, stop/start/reset, DLQs).

pub mod config;
// - [`record`]: stream entries (both collector profiles) -> changes; [`convert`]: RDI value conversion.
pub mod app;
pub mod cli;
pub mod convert;
pub mod expr;
pub mod fast;
pub mod job;
pub mod metrics;
pub mod plan;
pub mod record;
pub mod runtime;
pub mod target;
