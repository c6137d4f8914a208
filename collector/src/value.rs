//! The Debezium value layer every source shares: the handling modes (`decimal.handling.mode`,
//! `time.precision.mode`, `binary.handling.mode`), the Connect schemas of Debezium's logical
//! types that more than one connector emits, and their JSON writers. Database-specific rules
//! (which column type maps to what) stay in each `source/<db>/value.rs`; the number, decimal and
//! calendar encodings are in `protocol::encode`.

use base64::Engine;
use protocol::encode;
use protocol::schema::{Field, Schema, Type};

/// `decimal.handling.mode`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DecimalMode {
    Precise,
    String,
    Double,
}

/// `time.precision.mode`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimePrecisionMode {
    Adaptive,
    AdaptiveTimeMicroseconds,
    Connect,
}

/// `binary.handling.mode`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BinaryMode {
    Bytes,
    Base64,
    Base64UrlSafe,
    Hex,
}

/// The connector options that change value encodings.
#[derive(Debug, Clone, PartialEq)]
pub struct EncodingOptions {
    pub decimal: DecimalMode,
    pub time_precision: TimePrecisionMode,
    pub binary: BinaryMode,
    /// `money.fraction.digits`.
    pub money_fraction_digits: u32,
}

impl Default for EncodingOptions {
    fn default() -> Self {
        EncodingOptions {
            decimal: DecimalMode::Precise,
            time_precision: TimePrecisionMode::Adaptive,
            binary: BinaryMode::Bytes,
            money_fraction_digits: 2,
        }
    }
}

/// A schema with a Debezium/Connect logical name, version 1.
pub(crate) fn named(ty: Type, name: &str) -> Schema {
    Schema::new(ty).named(name).version(1)
}

/// `org.apache.kafka.connect.data.Decimal` (precise), or string / double per the mode.
pub(crate) fn decimal_schema(mode: DecimalMode, scale: u32, precision: Option<u32>) -> Schema {
    match mode {
        DecimalMode::Precise => {
            let s = named(Type::Bytes, "org.apache.kafka.connect.data.Decimal")
                .param("scale", scale.to_string());
            match precision {
                Some(p) => s.param("connect.decimal.precision", p.to_string()),
                None => s,
            }
        }
        DecimalMode::String => Schema::new(Type::String),
        DecimalMode::Double => Schema::new(Type::Float64),
    }
}

/// `io.debezium.data.geometry.Point`.
pub(crate) fn point_schema() -> Schema {
    Schema::strukt(vec![
        Field::new("x", Schema::new(Type::Float64)),
        Field::new("y", Schema::new(Type::Float64)),
        Field::new("wkb", Schema::new(Type::Bytes).optional(true)),
        Field::new("srid", Schema::new(Type::Int32).optional(true)),
    ])
    .named("io.debezium.data.geometry.Point")
    .version(1)
    .doc("Geometry (POINT)")
}

/// `io.debezium.data.geometry.Geometry`.
pub(crate) fn geometry_schema() -> Schema {
    Schema::strukt(vec![
        Field::new("wkb", Schema::new(Type::Bytes)),
        Field::new("srid", Schema::new(Type::Int32).optional(true)),
    ])
    .named("io.debezium.data.geometry.Geometry")
    .version(1)
    .doc("Geometry")
}

/// Binary columns: bytes, or a string in the other modes.
pub(crate) fn binary_schema(mode: BinaryMode) -> Schema {
    match mode {
        BinaryMode::Bytes => Schema::new(Type::Bytes),
        _ => Schema::new(Type::String),
    }
}

pub(crate) fn write_binary(mode: BinaryMode, bytes: &[u8], out: &mut String) {
    match mode {
        BinaryMode::Bytes | BinaryMode::Base64 => encode::write_base64(out, bytes),
        BinaryMode::Base64UrlSafe => {
            out.push('"');
            base64::engine::general_purpose::URL_SAFE.encode_string(bytes, out);
            out.push('"');
        }
        BinaryMode::Hex => {
            out.push('"');
            out.push_str(&encode::hex_lower(bytes));
            out.push('"');
        }
    }
}
