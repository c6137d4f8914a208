//! The redcdc contract shared by the collector and the processor. No I/O happens here.
//!
//! Module map:
//! - [`json`]: a small JSON writer that produces exactly what Kafka's `JsonConverter` (Jackson) writes.
//! - [`schema`]: the Kafka Connect schema model and its JSON form (`{"type":..,"fields":..}`).
//! - [`encode`]: logical-type encodings (Decimal, time types, bits, floats as Java prints them).
//! - [`envelope`]: the Debezium change-event envelope (`before`, `after`, `source`, `op`, `ts_*`).
//! - [`offset`]: Debezium's offset JSON per database and the Redis offset-store key/field.
//! - [`topic`]: topic naming and the RegexRouter-style stream renaming.
//! - [`profile`]: output profile (message format, schemas on/off, null key/value literals).
//! - [`retry`]: the one retry policy of every loop (delays only; the caller sleeps).

pub mod encode;
pub mod envelope;
pub mod json;
pub mod offset;
pub mod profile;
pub mod retry;
pub mod schema;
pub mod topic;

/// The Debezium version our envelopes claim in `source.version`.
pub const DEBEZIUM_VERSION: &str = "3.6.3.Final";
