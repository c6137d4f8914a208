//! Postgres column values: from the type catalog and the text form Postgres prints (COPY text
//! output during the snapshot, pgoutput tuple text while streaming) to Connect schemas and the
//! JSON Debezium's Postgres connector writes. Pure functions, no I/O.
//!
//! CONTRACT (used by snapshot.rs / stream.rs / schema.rs):
//!
//! ```ignore
//! pub(crate) struct ColumnMeta { .. }            // what schema.rs reads from the catalog
//! pub(crate) struct EncodingOptions { .. }       // decimal/time/binary handling modes
//! pub(crate) struct ColumnCodec { .. }
//! impl ColumnCodec {
//!     pub(crate) fn new(meta: &ColumnMeta, opts: &EncodingOptions) -> ColumnCodec;
//!     pub(crate) fn schema(&self) -> &protocol::schema::Schema;  // field schema (optional/default/name/params)
//!     pub(crate) fn write_json(&self, text: &str, phase: Phase, out: &mut String); // non-null value
//!     pub(crate) fn write_null(&self, out: &mut String);      // null, or the schema default when not optional
//!     pub(crate) fn write_unchanged_toast(&self, out: &mut String); // Debezium's placeholder
//! }
//! ```
