//! Postgres column values: from the type catalog and the text form Postgres prints (COPY text
//! output during the snapshot, pgoutput tuple text while streaming) to Connect schemas and the
//! JSON Debezium 3.6's Postgres connector writes through Kafka's `JsonConverter`. Pure functions,
//! no I/O.
//!
//! The session is assumed to run with `DateStyle=ISO, MDY`, `IntervalStyle=postgres`,
//! `TimeZone=UTC`, `extra_float_digits=3`, `bytea_output=hex`.
//!
//! Rules reproduced from Debezium (`PostgresValueConverter`, `JdbcValueConverters`,
//! `PostgresDefaultValueConverter`, `ReplicationMessageColumnValueResolver`):
//! * a column whose type has no Debezium converter (geometric types other than `point`,
//!   `tsquery`, `pg_lsn`, composites, custom ranges, arrays of `money`/`name`/`interval`/
//!   `varbit`/`xml`/`point`/domains, ...) is left out of the events: [`ColumnCodec::included`];
//! * a null in a NOT NULL column (key-only `before` images) becomes the schema default or the
//!   converter's fallback (`0`, `""`, `false`, ...), a null in a column with a default becomes the
//!   default (JsonConverter);
//! * `name` values are null while streaming (the pgoutput resolver does not know the type);
//! * `date` `±infinity` map to different (odd) day numbers in the snapshot and while streaming.

use protocol::encode::{self, civil_from_days, days_from_civil, DecimalText};
use protocol::json;
use protocol::schema::{Field, Schema, Type};

use crate::value::{binary_schema, decimal_schema, named, point_schema, write_binary};
use crate::value::{BinaryMode, DecimalMode, TimePrecisionMode};
use protocol::envelope::java_string_hash;

/// The catalog facts about one column (or an array element / a domain's base type).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ColumnMeta {
    pub name: String,
    pub type_oid: u32,
    /// `pg_attribute.atttypmod` (-1 when none).
    pub type_modifier: i32,
    /// `pg_type.typname` (`int4`, `_text`, `numeric`, `mood`, `bpchar`, ...).
    pub type_name: String,
    pub type_kind: TypeKind,
    /// For arrays: the element type.
    pub element: Option<Box<ColumnMeta>>,
    /// For domains: the base type.
    pub base: Option<Box<ColumnMeta>>,
    /// For enums: the labels in sort order.
    pub enum_labels: Vec<String>,
    pub not_null: bool,
    /// `pg_get_expr(adbin, adrelid)`.
    pub default_expr: Option<String>,
    /// `col_description`: Debezium (via JDBC `REMARKS`) puts it into the field schema's `doc`.
    pub comment: Option<String>,
}

/// `pg_type.typtype` / `typcategory`, coarsely.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TypeKind {
    Base,
    Enum,
    Domain,
    Array,
    Composite,
    Range,
    Other,
}

pub use crate::value::EncodingOptions;

/// Where a value comes from, for the few places Debezium's JDBC snapshot path and its pgoutput
/// streaming path disagree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Phase {
    Snapshot,
    Stream,
}

/// Debezium's `unavailable.value.placeholder` default.
pub(crate) const UNAVAILABLE_VALUE: &str = "__debezium_unavailable_value";
/// `UUID.nameUUIDFromBytes(UNAVAILABLE_VALUE)`, the placeholder of unchanged `uuid[]` values.
const UNAVAILABLE_UUID: &str = "b68a35a7-17ad-35b3-af2a-ae46edb4545a";

// Epoch-based sentinels Debezium derives from pgjdbc's DATE_POSITIVE/NEGATIVE_INFINITY.
const TS_POS_INF_MICROS: i64 = 9_223_372_036_825_200_000;
const TS_NEG_INF_MICROS: i64 = -9_223_372_036_832_400_000;
const DATE_POS_INF_SNAPSHOT: i64 = -622_191_234;
const DATE_NEG_INF_SNAPSHOT: i64 = -625_821_272;
const DATE_POS_INF_STREAM: i64 = -2_147_472_692;
const DATE_NEG_INF_STREAM: i64 = -2_147_472_691;

const MICROS_PER_DAY: i64 = 86_400_000_000;

/// How a column's text becomes JSON.
#[derive(Debug, Clone, PartialEq)]
enum Conv {
    Bool,
    /// `bit(1)` / `varbit(1)`.
    BitBool,
    /// int2/int4/int8/oid: the text is the number.
    Int,
    F32,
    F64,
    /// Text passed through as a JSON string.
    Str,
    /// `name`: a string in the snapshot, unknown (null) while streaming.
    Name,
    Bytea(BinaryMode),
    Bits,
    /// numeric(p,s) (or a Decimal-typed array element).
    Decimal {
        scale: u32,
        mode: DecimalMode,
    },
    /// numeric without typmod.
    VarDecimal(DecimalMode),
    Money {
        digits: u32,
        mode: DecimalMode,
    },
    Date(TimeUnit),
    Time(TimeUnit),
    Timestamp(TimeUnit),
    /// ZonedTimestamp with this many fraction digits (None: trimmed ISO form).
    TimestampTz(Option<u32>),
    TimeTz,
    Interval,
    Point,
    Hstore,
    Array(Box<Conv>, ArrayToast),
}

/// The integer encodings of temporal values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TimeUnit {
    Days,
    Millis,
    Micros,
}

/// Which unchanged-TOAST placeholder Debezium uses for an array column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ArrayToast {
    Text,
    Binary,
    Int,
    Uuid,
    Other,
}

/// Encodes one column: its Connect field schema and its values.
#[derive(Debug, Clone)]
pub(crate) struct ColumnCodec {
    name: String,
    schema: Schema,
    conv: Option<Conv>,
}

impl ColumnCodec {
    pub(crate) fn new(meta: &ColumnMeta, opts: &EncodingOptions) -> ColumnCodec {
        let built = build(meta, opts, false);
        let optional = !meta.not_null;
        match built {
            Some((schema, conv)) => {
                let mut schema = schema.optional(optional);
                if let Some(c) = &meta.comment {
                    schema.doc = Some(c.clone());
                }
                if let Some(expr) = &meta.default_expr {
                    if let Some(d) = default_json(meta, &conv, expr) {
                        schema.default = Some(protocol::schema::DefaultValue(d));
                    }
                }
                ColumnCodec {
                    name: meta.name.clone(),
                    schema,
                    conv: Some(conv),
                }
            }
            None => ColumnCodec {
                name: meta.name.clone(),
                schema: Schema::new(Type::Bytes).optional(optional),
                conv: None,
            },
        }
    }

    /// The Connect field schema (`type`, `optional`, `name`, `version`, `parameters`, `default`).
    pub(crate) fn schema(&self) -> &protocol::schema::Schema {
        &self.schema
    }

    /// False when Debezium has no converter for the type: the column is left out of the key/value
    /// schemas and payloads (WARN "No converter found" in Debezium).
    pub(crate) fn included(&self) -> bool {
        self.conv.is_some()
    }

    /// Appends the JSON of a non-null value given in Postgres text output form.
    pub(crate) fn write_json(&self, text: &str, phase: Phase, out: &mut String) {
        let Some(conv) = &self.conv else {
            out.push_str("null");
            return;
        };
        if matches!(conv, Conv::Name) && phase == Phase::Stream {
            self.write_null(out);
            return;
        }
        let start = out.len();
        match write_conv(conv, text, phase, out) {
            Ok(()) => {}
            Err(()) => {
                out.truncate(start);
                tracing::warn!(column = %self.name, "cannot convert the column value, writing null");
                out.push_str("null");
            }
        }
    }

    /// Appends what JsonConverter writes for a null: the schema default when there is one, else
    /// Debezium's fallback for NOT NULL columns, else `null`.
    pub(crate) fn write_null(&self, out: &mut String) {
        if let Some(d) = &self.schema.default {
            out.push_str(&d.0);
            return;
        }
        match (&self.conv, self.schema.optional) {
            (Some(conv), false) => write_fallback(conv, out),
            _ => out.push_str("null"),
        }
    }

    /// Appends Debezium's unavailable-value placeholder for an unchanged TOASTed value, in the
    /// column's representation.
    pub(crate) fn write_unchanged_toast(&self, out: &mut String) {
        let Some(conv) = &self.conv else {
            out.push_str("null");
            return;
        };
        match conv {
            Conv::Bytea(BinaryMode::Bytes) => {
                encode::write_base64(out, UNAVAILABLE_VALUE.as_bytes())
            }
            Conv::Hstore => {
                let mut s = String::new();
                s.push('{');
                json::write_key(&mut s, UNAVAILABLE_VALUE);
                json::write_str(&mut s, UNAVAILABLE_VALUE);
                s.push('}');
                json::write_str(out, &s);
            }
            Conv::Array(_, toast) => match toast {
                ArrayToast::Text | ArrayToast::Other => {
                    out.push('[');
                    json::write_str(out, UNAVAILABLE_VALUE);
                    out.push(']');
                }
                ArrayToast::Binary => {
                    out.push('[');
                    encode::write_base64(out, UNAVAILABLE_VALUE.as_bytes());
                    out.push(']');
                }
                ArrayToast::Int => {
                    out.push('[');
                    for (i, b) in UNAVAILABLE_VALUE.bytes().enumerate() {
                        if i > 0 {
                            out.push(',');
                        }
                        json::write_i64(out, b as i64);
                    }
                    out.push(']');
                }
                ArrayToast::Uuid => {
                    out.push('[');
                    json::write_str(out, UNAVAILABLE_UUID);
                    out.push(']');
                }
            },
            // Every other type gets the string placeholder (Debezium's `handleUnknownData`);
            // for non-string schemas that is what Debezium hands to Connect as well.
            _ => json::write_str(out, UNAVAILABLE_VALUE),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// schema construction

fn time_unit_for(opts: &EncodingOptions, precision: i32, is_time: bool) -> TimeUnit {
    match opts.time_precision {
        TimePrecisionMode::Connect => TimeUnit::Millis,
        TimePrecisionMode::AdaptiveTimeMicroseconds if is_time => TimeUnit::Micros,
        _ => {
            if (0..=3).contains(&precision) {
                TimeUnit::Millis
            } else {
                TimeUnit::Micros
            }
        }
    }
}

fn numeric_typmod(typmod: i32) -> Option<(u32, i32)> {
    if typmod < 4 {
        return None;
    }
    let t = typmod - 4;
    let precision = ((t >> 16) & 0xffff) as u32;
    let raw = t & 0x7ff;
    let scale = if raw & 0x400 != 0 { raw - 0x800 } else { raw };
    Some((precision, scale))
}

fn variable_scale_schema() -> Schema {
    Schema::strukt(vec![
        Field::new("scale", Schema::new(Type::Int32)),
        Field::new("value", Schema::new(Type::Bytes)),
    ])
    .named("io.debezium.data.VariableScaleDecimal")
    .version(1)
    .doc("Variable scaled decimal")
}

const BUILTIN_RANGES: &[&str] = &[
    "int4range",
    "int8range",
    "numrange",
    "tsrange",
    "tstzrange",
    "daterange",
];

/// The schema (without `optional`/`default`) and converter for a type; None when Debezium has no
/// converter for it. `typmod` of array elements is the array column's.
fn build(meta: &ColumnMeta, opts: &EncodingOptions, element: bool) -> Option<(Schema, Conv)> {
    let typmod = meta.type_modifier;
    match meta.type_kind {
        TypeKind::Domain => {
            if element {
                // Debezium: arrays of domain types get no schema.
                return None;
            }
            let base = meta.base.as_deref()?;
            let mut b = base.clone();
            if typmod >= 0 {
                b.type_modifier = typmod;
            }
            return build(&b, opts, false);
        }
        TypeKind::Enum => {
            let schema = named(Type::String, "io.debezium.data.Enum")
                .param("allowed", meta.enum_labels.join(","));
            return Some((schema, Conv::Str));
        }
        TypeKind::Array => {
            if element {
                return None;
            }
            let el = meta.element.as_deref()?;
            let mut el = el.clone();
            if el.type_modifier < 0 {
                el.type_modifier = typmod;
            }
            let base_name = el.type_name.as_str();
            let allowed = el.type_kind == TypeKind::Enum
                || (el.type_kind == TypeKind::Range && BUILTIN_RANGES.contains(&base_name))
                || (el.type_kind == TypeKind::Base
                    && !matches!(
                        base_name,
                        "money"
                            | "name"
                            | "interval"
                            | "varbit"
                            | "bit"
                            | "xml"
                            | "point"
                            | "refcursor"
                    ));
            if !allowed {
                return None;
            }
            let (item, conv) = build(&el, opts, true)?;
            // Debezium builds enum array items without `.optional()`.
            let item = if el.type_kind == TypeKind::Enum {
                item
            } else {
                item.optional(true)
            };
            let toast = match base_name {
                "text" | "varchar" | "bpchar" | "json" | "jsonb" => ArrayToast::Text,
                "bytea" => ArrayToast::Binary,
                "int4" | "date" | "int8" => ArrayToast::Int,
                "uuid" => ArrayToast::Uuid,
                _ => ArrayToast::Other,
            };
            return Some((
                Schema::new(Type::Array(Box::new(item))),
                Conv::Array(Box::new(conv), toast),
            ));
        }
        TypeKind::Range => {
            if BUILTIN_RANGES.contains(&meta.type_name.as_str()) {
                return Some((Schema::new(Type::String), Conv::Str));
            }
            return None;
        }
        TypeKind::Composite | TypeKind::Other => return None,
        TypeKind::Base => {}
    }
    let s = |t| Schema::new(t);
    let r = match meta.type_name.as_str() {
        "bool" => (s(Type::Boolean), Conv::Bool),
        "int2" => (s(Type::Int16), Conv::Int),
        "int4" => (s(Type::Int32), Conv::Int),
        "int8" | "oid" => (s(Type::Int64), Conv::Int),
        "float4" => (s(Type::Float32), Conv::F32),
        "float8" => (s(Type::Float64), Conv::F64),
        "text" | "varchar" | "bpchar" | "char" | "inet" | "cidr" | "macaddr" | "macaddr8"
        | "citext" | "isbn" => (s(Type::String), Conv::Str),
        "int4range" | "int8range" | "numrange" | "tsrange" | "tstzrange" | "daterange" => {
            (s(Type::String), Conv::Str)
        }
        "name" => (s(Type::String), Conv::Name),
        "json" | "jsonb" => (named(Type::String, "io.debezium.data.Json"), Conv::Str),
        "xml" => (named(Type::String, "io.debezium.data.Xml"), Conv::Str),
        "uuid" => (named(Type::String, "io.debezium.data.Uuid"), Conv::Str),
        "ltree" => (named(Type::String, "io.debezium.data.Ltree"), Conv::Str),
        "tsvector" => (named(Type::String, "io.debezium.data.Tsvector"), Conv::Str),
        "hstore" => (named(Type::String, "io.debezium.data.Json"), Conv::Hstore),
        "bytea" => (binary_schema(opts.binary), Conv::Bytea(opts.binary)),
        "bit" | "varbit" => {
            let length = if typmod >= 0 {
                typmod as i64
            } else if meta.type_name == "bit" {
                1
            } else {
                i32::MAX as i64
            };
            if length > 1 {
                (
                    named(Type::Bytes, "io.debezium.data.Bits").param("length", length.to_string()),
                    Conv::Bits,
                )
            } else {
                (s(Type::Boolean), Conv::BitBool)
            }
        }
        "numeric" => match numeric_typmod(typmod) {
            Some((precision, scale)) => {
                let scale = scale.max(0) as u32;
                (
                    decimal_schema(opts.decimal, scale, Some(precision)),
                    Conv::Decimal {
                        scale,
                        mode: opts.decimal,
                    },
                )
            }
            None => match opts.decimal {
                DecimalMode::Precise => (variable_scale_schema(), Conv::VarDecimal(opts.decimal)),
                m => (decimal_schema(m, 0, Some(0)), Conv::VarDecimal(m)),
            },
        },
        "money" => (
            decimal_schema(opts.decimal, opts.money_fraction_digits, None),
            Conv::Money {
                digits: opts.money_fraction_digits,
                mode: opts.decimal,
            },
        ),
        "date" => {
            let name = if opts.time_precision == TimePrecisionMode::Connect {
                "org.apache.kafka.connect.data.Date"
            } else {
                "io.debezium.time.Date"
            };
            (named(Type::Int32, name), Conv::Date(TimeUnit::Days))
        }
        "time" => {
            let unit = time_unit_for(opts, typmod, true);
            let schema = match (opts.time_precision, unit) {
                (TimePrecisionMode::Connect, _) => {
                    named(Type::Int32, "org.apache.kafka.connect.data.Time")
                }
                (_, TimeUnit::Millis) => named(Type::Int32, "io.debezium.time.Time"),
                _ => named(Type::Int64, "io.debezium.time.MicroTime"),
            };
            (schema, Conv::Time(unit))
        }
        "timestamp" => {
            let unit = time_unit_for(opts, typmod, false);
            let schema = match (opts.time_precision, unit) {
                (TimePrecisionMode::Connect, _) => {
                    named(Type::Int64, "org.apache.kafka.connect.data.Timestamp")
                }
                (_, TimeUnit::Millis) => named(Type::Int64, "io.debezium.time.Timestamp"),
                _ => named(Type::Int64, "io.debezium.time.MicroTimestamp"),
            };
            (schema, Conv::Timestamp(unit))
        }
        "timestamptz" => {
            let width = if typmod < 0 { 6 } else { typmod as u32 };
            let width = if (1..=9).contains(&width) {
                Some(width)
            } else {
                None
            };
            (
                named(Type::String, "io.debezium.time.ZonedTimestamp"),
                Conv::TimestampTz(width),
            )
        }
        "timetz" => (
            named(Type::String, "io.debezium.time.ZonedTime"),
            Conv::TimeTz,
        ),
        "interval" => (
            named(Type::Int64, "io.debezium.time.MicroDuration"),
            Conv::Interval,
        ),
        "point" => (point_schema(), Conv::Point),
        _ => return None,
    };
    Some(r)
}

// ---------------------------------------------------------------------------------------------
// values

type Res = Result<(), ()>;

fn write_conv(conv: &Conv, text: &str, phase: Phase, out: &mut String) -> Res {
    match conv {
        Conv::Bool => match text {
            "t" | "true" | "TRUE" | "1" => out.push_str("true"),
            "f" | "false" | "FALSE" | "0" => out.push_str("false"),
            _ => return Err(()),
        },
        Conv::BitBool => {
            if text.is_empty() || !text.bytes().all(|b| b == b'0' || b == b'1') {
                return Err(());
            }
            out.push_str(if text.contains('1') { "true" } else { "false" });
        }
        Conv::Int => {
            let v: i64 = text.trim().parse().map_err(|_| ())?;
            json::write_i64(out, v);
        }
        Conv::F32 => json::write_f32(out, parse_f32(text).ok_or(())?),
        Conv::F64 => json::write_f64(out, parse_f64(text).ok_or(())?),
        Conv::Str => json::write_str(out, text),
        Conv::Name => json::write_str(out, text),
        Conv::Bytea(mode) => {
            let bytes = parse_bytea(text).ok_or(())?;
            write_binary(*mode, &bytes, out);
        }
        Conv::Bits => {
            let bytes = parse_bits(text).ok_or(())?;
            encode::write_base64(out, &bytes);
        }
        Conv::Decimal { scale, mode } => write_decimal(text, Some(*scale), *mode, false, out)?,
        Conv::VarDecimal(mode) => write_decimal(text, None, *mode, true, out)?,
        Conv::Money { digits, mode } => {
            let d = parse_money(text).ok_or(())?;
            match mode {
                DecimalMode::Precise => {
                    encode::write_base64(out, &d.with_scale(*digits).unscaled_bytes())
                }
                DecimalMode::String => json::write_str(out, &d.to_plain_string()),
                DecimalMode::Double => {
                    json::write_f64(out, d.to_plain_string().parse().map_err(|_| ())?)
                }
            }
        }
        Conv::Date(_) => {
            let days = match text {
                "infinity" => match phase {
                    Phase::Snapshot => DATE_POS_INF_SNAPSHOT,
                    Phase::Stream => DATE_POS_INF_STREAM,
                },
                "-infinity" => match phase {
                    Phase::Snapshot => DATE_NEG_INF_SNAPSHOT,
                    Phase::Stream => DATE_NEG_INF_STREAM,
                },
                _ => parse_date(text).ok_or(())?,
            };
            json::write_i64(out, days);
        }
        Conv::Time(unit) => {
            let micros = parse_hms(text).ok_or(())?;
            json::write_i64(
                out,
                if *unit == TimeUnit::Micros {
                    micros
                } else {
                    micros.div_euclid(1000)
                },
            );
        }
        Conv::Timestamp(unit) => {
            let micros = match text {
                "infinity" => TS_POS_INF_MICROS,
                "-infinity" => TS_NEG_INF_MICROS,
                _ => parse_timestamp(text, false).ok_or(())?,
            };
            json::write_i64(
                out,
                if *unit == TimeUnit::Micros {
                    micros
                } else {
                    micros.div_euclid(1000)
                },
            );
        }
        Conv::TimestampTz(width) => match text {
            "infinity" | "-infinity" => json::write_str(out, text),
            _ => {
                let micros = parse_timestamp(text, true).ok_or(())?;
                let mut s = String::with_capacity(32);
                format_zoned_timestamp(micros, *width, &mut s);
                json::write_str(out, &s);
            }
        },
        Conv::TimeTz => {
            let s = timetz_to_utc(text).ok_or(())?;
            json::write_str(out, &s);
        }
        Conv::Interval => json::write_i64(out, interval_micros(text).ok_or(())?),
        Conv::Point => {
            let (x, y) = parse_point(text).ok_or(())?;
            write_point(x, y, out);
        }
        Conv::Hstore => {
            let pairs = parse_hstore(text).ok_or(())?;
            json::write_str(out, &hstore_json(&pairs));
        }
        Conv::Array(inner, _) => {
            let elems = parse_array(text).ok_or(())?;
            out.push('[');
            for (i, e) in elems.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                match e {
                    ArrayElem::Null | ArrayElem::Sub => out.push_str("null"),
                    ArrayElem::Val(v) => {
                        let start = out.len();
                        if write_conv(inner, v, phase, out).is_err() {
                            out.truncate(start);
                            out.push_str("null");
                        }
                    }
                }
            }
            out.push(']');
        }
    }
    Ok(())
}

/// Fallback Debezium substitutes for a null in a NOT NULL column without default.
fn write_fallback(conv: &Conv, out: &mut String) {
    match conv {
        Conv::Bool | Conv::BitBool => out.push_str("false"),
        Conv::Int | Conv::Date(_) | Conv::Time(_) | Conv::Timestamp(_) | Conv::Interval => {
            out.push('0')
        }
        Conv::F32 | Conv::F64 => out.push_str("0.0"),
        Conv::Str | Conv::Name => out.push_str("\"\""),
        Conv::Bytea(_) | Conv::Bits => out.push_str("\"\""),
        Conv::Decimal { scale, mode } => {
            write_decimal_value(&zero_scaled(*scale), *mode, out);
        }
        Conv::VarDecimal(mode) => match mode {
            DecimalMode::Precise => out.push_str("{\"scale\":0,\"value\":\"AA==\"}"),
            DecimalMode::String => out.push_str("\"0\""),
            DecimalMode::Double => out.push_str("0.0"),
        },
        Conv::Money { digits, mode } => write_decimal_value(&zero_scaled(*digits), *mode, out),
        Conv::TimestampTz(_) => out.push_str("\"1970-01-01T00:00:00Z\""),
        Conv::TimeTz => out.push_str("\"00:00:00Z\""),
        Conv::Point => write_point(0.0, 0.0, out),
        Conv::Hstore => out.push_str("\"{}\""),
        Conv::Array(..) => out.push_str("[]"),
    }
}

fn zero_scaled(scale: u32) -> DecimalText {
    DecimalText {
        negative: false,
        unscaled: "0".to_string(),
        scale,
    }
}

fn write_decimal_value(d: &DecimalText, mode: DecimalMode, out: &mut String) {
    match mode {
        DecimalMode::Precise => encode::write_base64(out, &d.unscaled_bytes()),
        DecimalMode::String => json::write_str(out, &d.to_plain_string()),
        DecimalMode::Double => {
            json::write_f64(out, d.to_plain_string().parse().unwrap_or(0.0));
        }
    }
}

/// `NaN`/`Infinity` in a Debezium `SpecialValueDecimal`.
fn special_decimal(text: &str) -> Option<(&'static str, f64)> {
    match text {
        "NaN" => Some(("NAN", f64::NAN)),
        "Infinity" => Some(("POSITIVE_INFINITY", f64::INFINITY)),
        "-Infinity" => Some(("NEGATIVE_INFINITY", f64::NEG_INFINITY)),
        _ => None,
    }
}

fn write_decimal(
    text: &str,
    scale: Option<u32>,
    mode: DecimalMode,
    variable: bool,
    out: &mut String,
) -> Res {
    if let Some((name, v)) = special_decimal(text) {
        return match mode {
            DecimalMode::String => {
                json::write_str(out, name);
                Ok(())
            }
            DecimalMode::Double => {
                json::write_f64(out, v);
                Ok(())
            }
            // precise mode cannot carry NaN/Infinity: Debezium writes null
            DecimalMode::Precise => Err(()),
        };
    }
    let d = DecimalText::parse(text).ok_or(())?;
    let d = match scale {
        Some(s) => d.with_scale(s),
        None => d,
    };
    if variable && mode == DecimalMode::Precise {
        let d = strip_trailing_zeros(d);
        out.push_str("{\"scale\":");
        json::write_i64(out, d.scale as i64);
        out.push_str(",\"value\":");
        encode::write_base64(out, &d.unscaled_bytes());
        out.push('}');
        return Ok(());
    }
    if mode == DecimalMode::Double {
        json::write_f64(out, text.trim().parse::<f64>().map_err(|_| ())?);
        return Ok(());
    }
    write_decimal_value(&d, mode, out);
    Ok(())
}

/// `BigDecimal.stripTrailingZeros()` followed by `setScale(0)` when the scale went negative.
fn strip_trailing_zeros(mut d: DecimalText) -> DecimalText {
    if d.unscaled == "0" {
        d.scale = 0;
        return d;
    }
    while d.scale > 0 && d.unscaled.ends_with('0') {
        d.unscaled.pop();
        d.scale -= 1;
    }
    d
}

fn write_point(x: f64, y: f64, out: &mut String) {
    let mut wkb = Vec::with_capacity(21);
    wkb.push(1u8);
    wkb.extend_from_slice(&1u32.to_le_bytes());
    wkb.extend_from_slice(&x.to_le_bytes());
    wkb.extend_from_slice(&y.to_le_bytes());
    out.push_str("{\"x\":");
    json::write_f64(out, x);
    out.push_str(",\"y\":");
    json::write_f64(out, y);
    out.push_str(",\"wkb\":");
    encode::write_base64(out, &wkb);
    out.push_str(",\"srid\":null}");
}

// ---------------------------------------------------------------------------------------------
// text parsers

fn parse_f64(text: &str) -> Option<f64> {
    match text {
        "NaN" => Some(f64::NAN),
        "Infinity" => Some(f64::INFINITY),
        "-Infinity" => Some(f64::NEG_INFINITY),
        _ => text.trim().parse().ok(),
    }
}

fn parse_f32(text: &str) -> Option<f32> {
    match text {
        "NaN" => Some(f32::NAN),
        "Infinity" => Some(f32::INFINITY),
        "-Infinity" => Some(f32::NEG_INFINITY),
        _ => text.trim().parse().ok(),
    }
}

fn hex_val(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// `bytea` output: `\x0102` (hex) or the escape format.
fn parse_bytea(text: &str) -> Option<Vec<u8>> {
    let b = text.as_bytes();
    if let Some(hex) = text.strip_prefix("\\x") {
        let h = hex.as_bytes();
        if h.len() % 2 != 0 {
            return None;
        }
        let mut v = Vec::with_capacity(h.len() / 2);
        for pair in h.chunks(2) {
            v.push(hex_val(pair[0])? << 4 | hex_val(pair[1])?);
        }
        return Some(v);
    }
    let mut v = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\\' {
            if b.get(i + 1) == Some(&b'\\') {
                v.push(b'\\');
                i += 2;
            } else {
                let oct = b.get(i + 1..i + 4)?;
                let mut n: u32 = 0;
                for &c in oct {
                    if !(b'0'..=b'7').contains(&c) {
                        return None;
                    }
                    n = n * 8 + (c - b'0') as u32;
                }
                v.push(u8::try_from(n).ok()?);
                i += 4;
            }
        } else {
            v.push(b[i]);
            i += 1;
        }
    }
    Some(v)
}

/// `bit`/`varbit` text to Debezium's little-endian bytes (Java `BitSet.toByteArray`: the last
/// character is bit 0, trailing zero bytes dropped).
fn parse_bits(text: &str) -> Option<Vec<u8>> {
    let b = text.as_bytes();
    let n = b.len();
    let mut out = vec![0u8; n.div_ceil(8)];
    for (i, &c) in b.iter().enumerate() {
        let bit = n - 1 - i;
        match c {
            b'1' => out[bit / 8] |= 1 << (bit % 8),
            b'0' => {}
            _ => return None,
        }
    }
    while out.last() == Some(&0) {
        out.pop();
    }
    Some(out)
}

/// `money` output (`$1,234.56`, `-$1,234.56`, `($1.00)`).
fn parse_money(text: &str) -> Option<DecimalText> {
    let negative = text.contains('-') || text.starts_with('(');
    let mut s = String::with_capacity(text.len() + 1);
    if negative {
        s.push('-');
    }
    for c in text.chars() {
        if c.is_ascii_digit() || c == '.' {
            s.push(c);
        }
    }
    DecimalText::parse(&s)
}

fn parse_digits(s: &str) -> Option<i64> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// `YYYY-MM-DD` (ISO DateStyle), days since the epoch; the caller strips ` BC`.
fn parse_ymd(s: &str, bc: bool) -> Option<i64> {
    let mut it = s.splitn(3, '-');
    let y = parse_digits(it.next()?)?;
    let m = parse_digits(it.next()?)?;
    let d = parse_digits(it.next()?)?;
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    let y = if bc { 1 - y } else { y };
    Some(days_from_civil(y, m, d))
}

fn strip_bc(text: &str) -> (&str, bool) {
    match text.strip_suffix(" BC") {
        Some(t) => (t, true),
        None => (text, false),
    }
}

fn parse_date(text: &str) -> Option<i64> {
    let (t, bc) = strip_bc(text.trim());
    parse_ymd(t, bc)
}

/// `HH:MM:SS[.ffffff]` to microseconds (hours may exceed 23).
fn parse_hms(s: &str) -> Option<i64> {
    let mut it = s.splitn(3, ':');
    let h = parse_digits(it.next()?)?;
    let m = parse_digits(it.next()?)?;
    let sec = it.next().unwrap_or("0");
    let (whole, frac) = sec.split_once('.').unwrap_or((sec, ""));
    let sec = parse_digits(whole)?;
    let mut micros = 0i64;
    if !frac.is_empty() {
        if !frac.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let f = &frac[..frac.len().min(6)];
        micros = f.parse::<i64>().ok()? * 10i64.pow(6 - f.len() as u32);
    }
    Some(((h * 60 + m) * 60 + sec) * 1_000_000 + micros)
}

/// Splits a trailing UTC offset (`+02`, `-08:30`, `+05:30:15`) off a time; returns seconds east.
fn split_offset(t: &str) -> Option<(&str, i64)> {
    let pos = t.rfind(['+', '-'])?;
    if pos == 0 {
        return None;
    }
    let (time, off) = t.split_at(pos);
    let sign = if off.starts_with('-') { -1 } else { 1 };
    let mut secs = 0i64;
    for (i, part) in off[1..].split(':').enumerate() {
        let v = parse_digits(part)?;
        secs += v * [3600, 60, 1].get(i)?;
    }
    Some((time, sign * secs))
}

/// `YYYY-MM-DD HH:MM:SS[.f][+TZ][ BC]` to microseconds since the epoch (UTC for timestamptz).
fn parse_timestamp(text: &str, with_tz: bool) -> Option<i64> {
    let (t, bc) = strip_bc(text.trim());
    let (date, time) = match t.split_once([' ', 'T']) {
        Some((d, tm)) => (d, Some(tm)),
        None => (t, None),
    };
    let days = parse_ymd(date, bc)?;
    let (micros, offset) = match time {
        None => (0, 0),
        Some(tm) => {
            let (tm, off) = if with_tz {
                match split_offset(tm) {
                    Some(x) => x,
                    None => (tm, 0),
                }
            } else {
                (tm, 0)
            };
            (parse_hms(tm)?, off)
        }
    };
    let total = days as i128 * MICROS_PER_DAY as i128 + micros as i128 - offset as i128 * 1_000_000;
    i64::try_from(total).ok()
}

fn push_2(out: &mut String, v: i64) {
    if v < 10 {
        out.push('0');
    }
    json::write_i64(out, v);
}

/// Java `ISO_LOCAL_DATE` year: 4 digits at least, `+` above 9999, `-` below 0.
fn push_year(out: &mut String, y: i64) {
    if y > 9999 {
        out.push('+');
        json::write_i64(out, y);
    } else if y < 0 {
        out.push('-');
        push_padded(out, -y, 4);
    } else {
        push_padded(out, y, 4);
    }
}

/// Appends a non-negative number with leading zeros to `width` digits.
fn push_padded(out: &mut String, v: i64, width: usize) {
    let mut b = itoa::Buffer::new();
    let digits = b.format(v);
    for _ in digits.len()..width {
        out.push('0');
    }
    out.push_str(digits);
}

/// Appends `HH:MM:SS` and the fraction: `width` digits exactly, or trimmed (none when zero).
fn push_time_of_day(out: &mut String, micros_of_day: i64, width: Option<u32>) {
    let secs = micros_of_day / 1_000_000;
    let frac = micros_of_day % 1_000_000;
    push_2(out, secs / 3600);
    out.push(':');
    push_2(out, secs / 60 % 60);
    out.push(':');
    push_2(out, secs % 60);
    if frac == 0 && width.is_none() {
        return;
    }
    let mut nanos = String::with_capacity(9);
    push_padded(&mut nanos, frac * 1000, 9);
    match width {
        Some(w) => {
            out.push('.');
            out.push_str(&nanos[..w as usize]);
        }
        None => {
            out.push('.');
            out.push_str(nanos.trim_end_matches('0'));
        }
    }
}

/// Debezium `ZonedTimestamp` in UTC.
fn format_zoned_timestamp(micros: i64, width: Option<u32>, out: &mut String) {
    let days = micros.div_euclid(MICROS_PER_DAY);
    let tod = micros.rem_euclid(MICROS_PER_DAY);
    let (y, m, d) = civil_from_days(days);
    push_year(out, y);
    out.push('-');
    push_2(out, m);
    out.push('-');
    push_2(out, d);
    out.push('T');
    push_time_of_day(out, tod, width);
    out.push('Z');
}

/// `timetz` text to Debezium's `ZonedTime` (shifted to UTC, `ISO_OFFSET_TIME`).
fn timetz_to_utc(text: &str) -> Option<String> {
    let (time, offset) = split_offset(text.trim())?;
    let local = parse_hms(time)?;
    if local == MICROS_PER_DAY && offset == 0 {
        return Some("24:00:00Z".to_string());
    }
    let utc = (local - offset * 1_000_000).rem_euclid(MICROS_PER_DAY);
    let mut s = String::with_capacity(20);
    push_time_of_day(&mut s, utc, None);
    s.push('Z');
    Some(s)
}

/// pgjdbc `PGInterval` fields from `IntervalStyle=postgres` text.
#[derive(Debug, Default, Clone, PartialEq)]
struct Interval {
    years: i32,
    months: i32,
    days: i32,
    hours: i32,
    minutes: i32,
    seconds: f64,
}

fn parse_interval(text: &str) -> Option<Interval> {
    let mut iv = Interval::default();
    let toks: Vec<&str> = text.split_whitespace().collect();
    let mut i = 0;
    let mut seconds = 0f64;
    let mut ago = false;
    while i < toks.len() {
        let t = toks[i].trim_start_matches('@');
        if t.is_empty() {
            i += 1;
            continue;
        }
        if t.contains(':') {
            let neg = t.starts_with('-');
            let body = t.trim_start_matches(['-', '+']);
            let mut parts = body.splitn(3, ':');
            let h: i32 = parts.next()?.parse().ok()?;
            let m: i32 = parts.next()?.parse().ok()?;
            let s: f64 = parts.next().unwrap_or("0").parse().ok()?;
            let sign = if neg { -1 } else { 1 };
            iv.hours = sign * h;
            iv.minutes = sign * m;
            seconds = sign as f64 * s;
            i += 1;
        } else if t == "ago" {
            ago = true;
            i += 1;
        } else {
            let n: f64 = t.parse().ok()?;
            let unit = toks.get(i + 1)?;
            let n_int = n as i32;
            if unit.starts_with("year") {
                iv.years = n_int;
            } else if unit.starts_with("mon") {
                iv.months = n_int;
            } else if unit.starts_with("day") {
                iv.days = n_int;
            } else if unit.starts_with("hour") {
                iv.hours = n_int;
            } else if unit.starts_with("min") {
                iv.minutes = n_int;
            } else if unit.starts_with("sec") {
                seconds = n;
            } else {
                return None;
            }
            i += 2;
        }
    }
    if ago {
        iv.years = -iv.years;
        iv.months = -iv.months;
        iv.days = -iv.days;
        iv.hours = -iv.hours;
        iv.minutes = -iv.minutes;
        seconds = -seconds;
    }
    // PGInterval.setSeconds: whole seconds + rounded microseconds
    let whole = seconds.trunc();
    let micros = ((seconds - whole) * 1e6 + 0.5).floor();
    iv.seconds = whole + micros / 1e6;
    Some(iv)
}

/// Debezium `MicroDuration.durationMicros` with 365.25/12 days per month, in doubles like Java.
fn interval_micros(text: &str) -> Option<i64> {
    let iv = parse_interval(text)?;
    let days_per_month = 365.25 / 12.0;
    let months = iv.years.wrapping_mul(12).wrapping_add(iv.months);
    let number_of_days = months as f64 * days_per_month + iv.days as f64;
    let number_of_seconds =
        ((number_of_days * 24.0 + iv.hours as f64) * 60.0 + iv.minutes as f64) * 60.0 + iv.seconds;
    Some((number_of_seconds * 1e6) as i64)
}

fn parse_point(text: &str) -> Option<(f64, f64)> {
    let t = text.trim().strip_prefix('(')?.strip_suffix(')')?;
    let (x, y) = t.split_once(',')?;
    Some((parse_f64(x.trim())?, parse_f64(y.trim())?))
}

/// `"k"=>"v", "k2"=>NULL` into pairs in output order.
fn parse_hstore(text: &str) -> Option<Vec<(String, Option<String>)>> {
    let b = text.as_bytes();
    let mut i = 0;
    let mut pairs = Vec::new();
    fn skip_ws(b: &[u8], i: &mut usize) {
        while *i < b.len() && (b[*i] as char).is_ascii_whitespace() {
            *i += 1;
        }
    }
    fn token(text: &str, i: &mut usize) -> Option<(String, bool)> {
        let b = text.as_bytes();
        if b.get(*i) == Some(&b'"') {
            *i += 1;
            let mut s = Vec::new();
            loop {
                let c = *b.get(*i)?;
                *i += 1;
                match c {
                    b'\\' => {
                        s.push(*b.get(*i)?);
                        *i += 1;
                    }
                    b'"' => break,
                    _ => s.push(c),
                }
            }
            Some((String::from_utf8(s).ok()?, true))
        } else {
            let start = *i;
            while *i < b.len() && !matches!(b[*i], b'=' | b',' | b' ') {
                *i += 1;
            }
            Some((text[start..*i].to_string(), false))
        }
    }
    loop {
        skip_ws(b, &mut i);
        if i >= b.len() {
            break;
        }
        let (k, _) = token(text, &mut i)?;
        skip_ws(b, &mut i);
        if b.get(i..i + 2)? != b"=>" {
            return None;
        }
        i += 2;
        skip_ws(b, &mut i);
        let (v, quoted) = token(text, &mut i)?;
        let v = if !quoted && v.eq_ignore_ascii_case("NULL") {
            None
        } else {
            Some(v)
        };
        pairs.push((k, v));
        skip_ws(b, &mut i);
        match b.get(i) {
            Some(b',') => i += 1,
            None => break,
            _ => return None,
        }
    }
    Some(pairs)
}

/// Indices of `keys` in the iteration order of a `java.util.HashMap` they were put into in order
/// (pgjdbc's `HStoreConverter.fromString` builds one; Debezium serialises it as it iterates).
fn java_hashmap_order(keys: &[&str]) -> Vec<usize> {
    let mut cap: usize = 16;
    while keys.len() > cap * 3 / 4 {
        cap *= 2;
    }
    let mut idx: Vec<(usize, usize)> = keys
        .iter()
        .enumerate()
        .map(|(i, k)| {
            let h = java_string_hash(k) as u32;
            ((((h ^ (h >> 16)) as usize) & (cap - 1)), i)
        })
        .collect();
    idx.sort();
    idx.into_iter().map(|(_, i)| i).collect()
}

fn hstore_json(pairs: &[(String, Option<String>)]) -> String {
    let keys: Vec<&str> = pairs.iter().map(|(k, _)| k.as_str()).collect();
    let mut s = String::with_capacity(64);
    s.push('{');
    for (n, i) in java_hashmap_order(&keys).into_iter().enumerate() {
        if n > 0 {
            s.push(',');
        }
        json::write_key(&mut s, &pairs[i].0);
        match &pairs[i].1 {
            Some(v) => json::write_str(&mut s, v),
            None => s.push_str("null"),
        }
    }
    s.push('}');
    s
}

#[derive(Debug, Clone, PartialEq)]
enum ArrayElem {
    Null,
    Val(String),
    /// A nested dimension (Debezium writes null for it).
    Sub,
}

/// The top level of an array literal (`{1,"a b",NULL}`, `[0:1]={1,2}`, `{{1,2},{3,4}}`).
fn parse_array(text: &str) -> Option<Vec<ArrayElem>> {
    let t = text.trim();
    let t = if t.starts_with('[') {
        &t[t.find('=')? + 1..]
    } else {
        t
    };
    let b = t.as_bytes();
    if b.first() != Some(&b'{') || b.last() != Some(&b'}') {
        return None;
    }
    let mut out = Vec::new();
    let mut i = 1;
    let end = b.len() - 1;
    if t[1..end].trim().is_empty() {
        return Some(out);
    }
    loop {
        while i < end && b[i] == b' ' {
            i += 1;
        }
        if i >= end {
            return None;
        }
        match b[i] {
            b'"' => {
                i += 1;
                let mut s = Vec::new();
                loop {
                    let c = *b.get(i)?;
                    i += 1;
                    match c {
                        b'\\' => {
                            s.push(*b.get(i)?);
                            i += 1;
                        }
                        b'"' => break,
                        _ => s.push(c),
                    }
                }
                out.push(ArrayElem::Val(String::from_utf8(s).ok()?));
            }
            b'{' => {
                let mut depth = 0i32;
                let mut in_quotes = false;
                while i < end + 1 {
                    let c = b[i];
                    if in_quotes {
                        if c == b'\\' {
                            i += 1;
                        } else if c == b'"' {
                            in_quotes = false;
                        }
                    } else if c == b'"' {
                        in_quotes = true;
                    } else if c == b'{' {
                        depth += 1;
                    } else if c == b'}' {
                        depth -= 1;
                        if depth == 0 {
                            i += 1;
                            break;
                        }
                    }
                    i += 1;
                }
                out.push(ArrayElem::Sub);
            }
            _ => {
                let start = i;
                while i < end && b[i] != b',' {
                    i += 1;
                }
                let tok = t[start..i].trim();
                if tok.eq_ignore_ascii_case("NULL") {
                    out.push(ArrayElem::Null);
                } else {
                    out.push(ArrayElem::Val(tok.to_string()));
                }
            }
        }
        while i < end && b[i] == b' ' {
            i += 1;
        }
        if i >= end {
            break;
        }
        if b[i] != b',' {
            return None;
        }
        i += 1;
    }
    Some(out)
}

// ---------------------------------------------------------------------------------------------
// column defaults (PostgresDefaultValueConverter)

/// Debezium's `FUNCTION_DEFAULT_PATTERN` (`^[(]?[A-Za-z0-9_.]+\((?:.+(?:, ?.+)*)?\)`, found at
/// the start) or one of the SQL current-date/time keywords.
fn is_generated_default(expr: &str) -> bool {
    let lower = expr.to_ascii_lowercase();
    if matches!(
        lower.as_str(),
        "current_timestamp" | "current_time" | "current_date" | "localtime" | "localtimestamp"
    ) {
        return true;
    }
    let s = expr.strip_prefix('(').unwrap_or(expr);
    let ident_len = s
        .bytes()
        .take_while(|b| b.is_ascii_alphanumeric() || *b == b'_' || *b == b'.')
        .count();
    if ident_len == 0 {
        return false;
    }
    let rest = &s[ident_len..];
    rest.starts_with('(') && rest[1..].contains(')')
}

/// `extractDefault`: the raw expression, or the first quoted literal (`''` unescaped).
fn extract_literal(expr: &str) -> Option<String> {
    if !expr.contains('\'') {
        return if expr.starts_with("NULL::") {
            None
        } else {
            Some(expr.to_string())
        };
    }
    let start = expr.find('\'')? + 1;
    let b = expr.as_bytes();
    let mut i = start;
    let mut s = String::new();
    loop {
        let c = *b.get(i)?;
        if c == b'\'' {
            if b.get(i + 1) == Some(&b'\'') {
                s.push('\'');
                i += 2;
                continue;
            }
            break;
        }
        let ch = expr[i..].chars().next()?;
        s.push(ch);
        i += ch.len_utf8();
    }
    Some(s)
}

fn extract_default(expr: &str, placeholder: &str) -> Option<String> {
    if is_generated_default(expr) {
        return Some(placeholder.to_string());
    }
    extract_literal(expr)
}

/// The schema default (as JSON) Debezium derives from the column's default expression.
fn default_json(meta: &ColumnMeta, conv: &Conv, expr: &str) -> Option<String> {
    let tn = meta.type_name.as_str();
    let trimmed = expr.trim();
    let null_default = trimmed.starts_with("NULL::");
    let mut out = String::new();
    if meta.type_kind == TypeKind::Enum {
        let idx = expr.rfind("::")?;
        let v = &expr[..idx];
        let v = v.strip_prefix('\'')?.strip_suffix('\'')?;
        json::write_str(&mut out, v);
        return Some(out);
    }
    if meta.type_kind != TypeKind::Base {
        return None;
    }
    match tn {
        "int2" | "int4" | "int8" => {
            if null_default {
                return None;
            }
            let v = extract_default(trimmed, "0")?;
            let n: i64 = v.parse().ok()?;
            let ok = match tn {
                "int2" => i16::try_from(n).is_ok(),
                "int4" => i32::try_from(n).is_ok(),
                _ => true,
            };
            if !ok {
                return None;
            }
            json::write_i64(&mut out, n);
        }
        "float4" => {
            if null_default {
                return None;
            }
            let v = extract_default(trimmed, "0.0")?;
            json::write_f32(&mut out, parse_f32(&v)?);
        }
        "float8" => {
            if null_default {
                return None;
            }
            let v = extract_default(trimmed, "0.0")?;
            json::write_f64(&mut out, parse_f64(&v)?);
        }
        "bool" => {
            if null_default {
                return None;
            }
            let v = extract_default(trimmed, "false")?;
            out.push_str(if v.eq_ignore_ascii_case("true") {
                "true"
            } else {
                "false"
            });
        }
        "bpchar" | "varchar" | "text" | "xml" => {
            let v = extract_default(expr, "")?;
            json::write_str(&mut out, &v);
        }
        "json" | "jsonb" => {
            let v = extract_default(expr, "{}")?;
            json::write_str(&mut out, &v);
        }
        "uuid" => {
            let v = extract_default(trimmed, "00000000-0000-0000-0000-000000000000")?;
            let v = v.to_ascii_lowercase();
            if v.len() != 36 || !v.bytes().all(|b| b.is_ascii_hexdigit() || b == b'-') {
                return None;
            }
            json::write_str(&mut out, &v);
        }
        "numeric" => {
            if null_default {
                return None;
            }
            let v = extract_default(trimmed, "0.0")?;
            let d = DecimalText::parse(&v)?;
            match conv {
                Conv::Decimal { scale, mode } => {
                    if d.scale > *scale && d.with_scale(*scale).with_scale(d.scale) != d {
                        return None;
                    }
                    match mode {
                        DecimalMode::Double => json::write_f64(&mut out, v.parse().ok()?),
                        m => write_decimal_value(&d.with_scale(*scale), *m, &mut out),
                    }
                }
                // a VariableScaleDecimal default would be a Struct: Debezium drops it
                Conv::VarDecimal(DecimalMode::Precise) => return None,
                Conv::VarDecimal(DecimalMode::String) => {
                    json::write_str(&mut out, &d.to_plain_string())
                }
                Conv::VarDecimal(DecimalMode::Double) => json::write_f64(&mut out, v.parse().ok()?),
                _ => return None,
            }
        }
        "date" => {
            let v = extract_default(trimmed, "1970-01-01")?;
            let micros = parse_timestamp(&v, false)?;
            json::write_i64(&mut out, micros.div_euclid(MICROS_PER_DAY));
        }
        "time" => {
            let v = extract_default(trimmed, "00:00")?;
            let micros = parse_hms(&v)?;
            let Conv::Time(unit) = conv else { return None };
            json::write_i64(
                &mut out,
                if *unit == TimeUnit::Micros {
                    micros
                } else {
                    micros / 1000
                },
            );
        }
        "timestamp" => {
            let v = extract_default(trimmed, "1970-01-01")?;
            let micros = parse_timestamp(&v, true)?;
            let Conv::Timestamp(unit) = conv else {
                return None;
            };
            json::write_i64(
                &mut out,
                if *unit == TimeUnit::Micros {
                    micros
                } else {
                    micros.div_euclid(1000)
                },
            );
        }
        "timestamptz" => {
            let v = extract_default(trimmed, "1970-01-01")?;
            let micros = parse_timestamp(&v, true)?;
            let Conv::TimestampTz(width) = conv else {
                return None;
            };
            let mut s = String::new();
            format_zoned_timestamp(micros, *width, &mut s);
            json::write_str(&mut out, &s);
        }
        "interval" => {
            let v = extract_default(trimmed, "epoch")?;
            let micros = if v == "epoch" {
                0
            } else {
                interval_micros(&v)?
            };
            json::write_i64(&mut out, micros);
        }
        "bit" | "varbit" => {
            let v = extract_default(trimmed, if tn == "bit" { "00" } else { "0" })?;
            match conv {
                Conv::BitBool => out.push_str(if v.contains('1') { "true" } else { "false" }),
                Conv::Bits => encode::write_base64(&mut out, &parse_bits(&v)?),
                _ => return None,
            }
        }
        _ => return None,
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind_of(s: &str) -> TypeKind {
        match s {
            "Base" => TypeKind::Base,
            "Enum" => TypeKind::Enum,
            "Domain" => TypeKind::Domain,
            "Array" => TypeKind::Array,
            "Composite" => TypeKind::Composite,
            "Range" => TypeKind::Range,
            _ => TypeKind::Other,
        }
    }

    fn meta_of(m: &serde_json::Value) -> ColumnMeta {
        let s = |k: &str| m[k].as_str().unwrap_or("").to_string();
        let labels: Vec<String> = if s("labels").is_empty() {
            vec![]
        } else {
            s("labels").split(',').map(|x| x.to_string()).collect()
        };
        let kind = kind_of(&s("kind"));
        let element = if kind == TypeKind::Array {
            let ek = kind_of(&s("elem_kind"));
            Some(Box::new(ColumnMeta {
                name: String::new(),
                type_oid: 0,
                type_modifier: -1,
                type_name: s("elem"),
                type_kind: ek,
                element: None,
                base: None,
                enum_labels: if ek == TypeKind::Enum {
                    labels.clone()
                } else {
                    vec![]
                },
                not_null: false,
                default_expr: None,
                comment: None,
            }))
        } else {
            None
        };
        ColumnMeta {
            name: s("name"),
            type_oid: m["oid"].as_u64().unwrap_or(0) as u32,
            type_modifier: m["typmod"].as_i64().unwrap_or(-1) as i32,
            type_name: s("typname"),
            type_kind: kind,
            element,
            base: None,
            enum_labels: if kind == TypeKind::Enum {
                labels
            } else {
                vec![]
            },
            not_null: m["not_null"].as_bool().unwrap_or(false),
            default_expr: m["default"].as_str().map(|x| x.to_string()),
            comment: None,
        }
    }

    fn run_fixture(data: &str) -> (usize, usize, Vec<String>) {
        let mut ok = 0;
        let mut total = 0;
        let mut failures = Vec::new();
        for line in data.lines().filter(|l| !l.trim().is_empty()) {
            let fx: serde_json::Value = serde_json::from_str(line).unwrap();
            let meta = meta_of(&fx["meta"]);
            let mut opts = EncodingOptions::default();
            let rdi = fx["profile"] == "rdi";
            if rdi {
                opts.decimal = DecimalMode::String;
            }
            let codec = ColumnCodec::new(&meta, &opts);
            let tag = format!(
                "{}:{}.{}",
                fx["profile"].as_str().unwrap(),
                fx["table"].as_str().unwrap(),
                meta.name
            );
            let cases = fx["cases"].as_array().unwrap();
            match fx["schema"].as_str() {
                Some(expected) => {
                    total += 1;
                    let mut s = String::new();
                    codec.schema().write_json(&mut s, Some(&codec.name));
                    if codec.included() && s == expected {
                        ok += 1;
                    } else {
                        failures.push(format!("{tag} schema\n  got  {s}\n  want {expected}"));
                    }
                }
                None if !rdi && cases.is_empty() => {
                    // never in any event: Debezium left the column out
                    total += 1;
                    if codec.included() {
                        failures.push(format!("{tag} should be excluded"));
                    } else {
                        ok += 1;
                    }
                }
                None => {}
            }
            for c in cases {
                total += 1;
                let phase = if c[0] == "Snapshot" {
                    Phase::Snapshot
                } else {
                    Phase::Stream
                };
                let mut out = String::new();
                match c[1].as_str() {
                    Some(t) => codec.write_json(t, phase, &mut out),
                    None => codec.write_null(&mut out),
                }
                let want: serde_json::Value = serde_json::from_str(c[2].as_str().unwrap()).unwrap();
                let got: Result<serde_json::Value, _> = serde_json::from_str(&out);
                if got.as_ref().ok() == Some(&want) {
                    ok += 1;
                } else {
                    failures.push(format!(
                        "{tag} {:?} {:?}\n  got  {out}\n  want {}",
                        c[0], c[1], c[2]
                    ));
                }
            }
        }
        (ok, total, failures)
    }

    /// One JSON line per (profile, table, column): the catalog facts read from Postgres after
    /// loading the reference workload, the golden field schema, and (phase, text, golden JSON)
    /// cases; generated from `golden/pg`, `golden/pg-rdi` and the peer suite goldens.
    const FIXTURE_GOLDEN: &str = r##"{"profile":"server","table":"t_array","meta":{"name":"id","oid":23,"typmod":-1,"typname":"int4","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":true,"default":null,"base":""},"schema":"{\"type\":\"int32\",\"optional\":false,\"field\":\"id\"}","cases":[["Snapshot","1","1"],["Snapshot","2","2"],["Snapshot","3","3"],["Snapshot","4","4"],["Stream","10","10"]]}
{"profile":"server","table":"t_array","meta":{"name":"c_int_arr","oid":1007,"typmod":-1,"typname":"_int4","kind":"Array","elem":"int4","elem_kind":"Base","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"array\",\"items\":{\"type\":\"int32\",\"optional\":true},\"optional\":true,\"field\":\"c_int_arr\"}","cases":[["Snapshot",null,"null"],["Snapshot","{1,2,3}","[1,2,3]"],["Snapshot","{NULL,5}","[null,5]"],["Snapshot","{}","[]"],["Stream","{7}","[7]"]]}
{"profile":"server","table":"t_array","meta":{"name":"c_text_arr","oid":1009,"typmod":-1,"typname":"_text","kind":"Array","elem":"text","elem_kind":"Base","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"array\",\"items\":{\"type\":\"string\",\"optional\":true},\"optional\":true,\"field\":\"c_text_arr\"}","cases":[["Snapshot",null,"null"],["Snapshot","{NULL,x}","[null,\"x\"]"],["Snapshot","{a,\"b c\",\"d,e\"}","[\"a\",\"b c\",\"d,e\"]"],["Snapshot","{}","[]"],["Stream","{only}","[\"only\"]"]]}
{"profile":"server","table":"t_array","meta":{"name":"c_num_arr","oid":1231,"typmod":393222,"typname":"_numeric","kind":"Array","elem":"numeric","elem_kind":"Base","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"array\",\"items\":{\"type\":\"bytes\",\"optional\":true,\"name\":\"org.apache.kafka.connect.data.Decimal\",\"version\":1,\"parameters\":{\"scale\":\"2\",\"connect.decimal.precision\":\"6\"}},\"optional\":true,\"field\":\"c_num_arr\"}","cases":[["Snapshot",null,"null"],["Snapshot","{1.50,-2.25}","[\"AJY=\",\"/x8=\"]"],["Snapshot","{NULL}","[null]"],["Snapshot","{}","[]"],["Stream","{0.01}","[\"AQ==\"]"]]}
{"profile":"server","table":"t_array","meta":{"name":"c_bool_arr","oid":1000,"typmod":-1,"typname":"_bool","kind":"Array","elem":"bool","elem_kind":"Base","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"array\",\"items\":{\"type\":\"boolean\",\"optional\":true},\"optional\":true,\"field\":\"c_bool_arr\"}","cases":[["Snapshot",null,"null"],["Snapshot","{NULL}","[null]"],["Snapshot","{t,f}","[true,false]"],["Snapshot","{}","[]"],["Stream","{t}","[true]"]]}
{"profile":"server","table":"t_array","meta":{"name":"c_uuid_arr","oid":2951,"typmod":-1,"typname":"_uuid","kind":"Array","elem":"uuid","elem_kind":"Base","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"array\",\"items\":{\"type\":\"string\",\"optional\":true,\"name\":\"io.debezium.data.Uuid\",\"version\":1},\"optional\":true,\"field\":\"c_uuid_arr\"}","cases":[["Snapshot",null,"null"],["Snapshot","{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11}","[\"a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11\"]"],["Snapshot","{}","[]"],["Stream","{}","[]"]]}
{"profile":"server","table":"t_array","meta":{"name":"c_2d","oid":1007,"typmod":-1,"typname":"_int4","kind":"Array","elem":"int4","elem_kind":"Base","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"array\",\"items\":{\"type\":\"int32\",\"optional\":true},\"optional\":true,\"field\":\"c_2d\"}","cases":[["Snapshot",null,"null"],["Snapshot","{{1,2},{3,4}}","[null,null]"],["Snapshot","{}","[]"],["Stream","{{5}}","[null]"]]}
{"profile":"server","table":"t_bool_bit","meta":{"name":"id","oid":23,"typmod":-1,"typname":"int4","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":true,"default":null,"base":""},"schema":"{\"type\":\"int32\",\"optional\":false,\"field\":\"id\"}","cases":[["Snapshot","1","1"],["Snapshot","2","2"],["Snapshot","3","3"],["Stream","11","11"]]}
{"profile":"server","table":"t_bool_bit","meta":{"name":"c_bool","oid":16,"typmod":-1,"typname":"bool","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"boolean\",\"optional\":true,\"field\":\"c_bool\"}","cases":[["Snapshot",null,"null"],["Snapshot","f","false"],["Snapshot","t","true"],["Stream","f","false"]]}
{"profile":"server","table":"t_bool_bit","meta":{"name":"c_bit1","oid":1560,"typmod":1,"typname":"bit","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"boolean\",\"optional\":true,\"field\":\"c_bit1\"}","cases":[["Snapshot",null,"null"],["Snapshot","0","false"],["Snapshot","1","true"],["Stream","0","false"]]}
{"profile":"server","table":"t_bool_bit","meta":{"name":"c_bit8","oid":1560,"typmod":8,"typname":"bit","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"bytes\",\"optional\":true,\"name\":\"io.debezium.data.Bits\",\"version\":1,\"parameters\":{\"length\":\"8\"},\"field\":\"c_bit8\"}","cases":[["Snapshot",null,"null"],["Snapshot","00000000","\"\""],["Snapshot","10100101","\"pQ==\""],["Stream","00001111","\"Dw==\""]]}
{"profile":"server","table":"t_bool_bit","meta":{"name":"c_bit70","oid":1560,"typmod":70,"typname":"bit","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"bytes\",\"optional\":true,\"name\":\"io.debezium.data.Bits\",\"version\":1,\"parameters\":{\"length\":\"70\"},\"field\":\"c_bit70\"}","cases":[["Snapshot",null,"null"],["Snapshot","0000000000000000000000000000000000000000000000000000000000000000000000","\"\""],["Snapshot","1111111111111111111111111111111111111111111111111111111111111111111111","\"//////////8/\""],["Stream","0101010101010101010101010101010101010101010101010101010101010101010101","\"VVVVVVVVVVUV\""]]}
{"profile":"server","table":"t_bool_bit","meta":{"name":"c_varbit","oid":1562,"typmod":16,"typname":"varbit","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"bytes\",\"optional\":true,\"name\":\"io.debezium.data.Bits\",\"version\":1,\"parameters\":{\"length\":\"16\"},\"field\":\"c_varbit\"}","cases":[["Snapshot",null,"null"],["Snapshot","0101010101010101","\"VVU=\""],["Snapshot","1","\"AQ==\""],["Stream",null,"null"]]}
{"profile":"server","table":"t_full","meta":{"name":"id","oid":23,"typmod":-1,"typname":"int4","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":true,"default":null,"base":""},"schema":"{\"type\":\"int32\",\"optional\":false,\"field\":\"id\"}","cases":[["Snapshot","1","1"],["Snapshot","2","2"],["Snapshot","3","3"],["Stream","1","1"],["Stream","20","20"],["Stream","30","30"],["Stream","31","31"]]}
{"profile":"server","table":"t_full","meta":{"name":"v","oid":25,"typmod":-1,"typname":"text","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"string\",\"optional\":true,\"field\":\"v\"}","cases":[["Snapshot",null,"null"],["Snapshot","a","\"a\""],["Snapshot","b","\"b\""],["Stream","a2","\"a2\""],["Stream","b","\"b\""],["Stream","tx1","\"tx1\""],["Stream","tx2-upd","\"tx2-upd\""]]}
{"profile":"server","table":"t_full","meta":{"name":"n","oid":1700,"typmod":524295,"typname":"numeric","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"bytes\",\"optional\":true,\"name\":\"org.apache.kafka.connect.data.Decimal\",\"version\":1,\"parameters\":{\"scale\":\"3\",\"connect.decimal.precision\":\"8\"},\"field\":\"n\"}","cases":[["Snapshot",null,"null"],["Snapshot","1.000","\"A+g=\""],["Snapshot","2.500","\"CcQ=\""],["Stream","1.001","\"A+k=\""],["Stream","2.500","\"CcQ=\""],["Stream","30.000","\"dTA=\""],["Stream","31.000","\"eRg=\""]]}
{"profile":"server","table":"t_full","meta":{"name":"extra","oid":1043,"typmod":14,"typname":"varchar","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":"'dflt'::character varying","base":""},"schema":"{\"type\":\"string\",\"optional\":true,\"default\":\"dflt\",\"field\":\"extra\"}","cases":[["Stream","y","\"y\""]]}
{"profile":"server","table":"t_full","meta":{"name":"added_ts","oid":1184,"typmod":-1,"typname":"timestamptz","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"string\",\"optional\":true,\"name\":\"io.debezium.time.ZonedTimestamp\",\"version\":1,\"field\":\"added_ts\"}","cases":[["Stream",null,"null"]]}
{"profile":"server","table":"t_int","meta":{"name":"id","oid":23,"typmod":-1,"typname":"int4","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":true,"default":"nextval('vs_g.t_int_id_seq'::regclass)","base":""},"schema":"{\"type\":\"int32\",\"optional\":false,\"default\":0,\"field\":\"id\"}","cases":[["Snapshot","1","1"],["Snapshot","2","2"],["Snapshot","3","3"],["Snapshot","4","4"],["Stream","1","1"],["Stream","100","100"],["Stream","5","5"],["Stream","6","6"],["Stream","7","7"]]}
{"profile":"server","table":"t_int","meta":{"name":"c_smallint","oid":21,"typmod":-1,"typname":"int2","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"int16\",\"optional\":true,\"field\":\"c_smallint\"}","cases":[["Snapshot",null,"null"],["Snapshot","-32768","-32768"],["Snapshot","0","0"],["Snapshot","32767","32767"],["Stream",null,"null"],["Stream","-32768","-32768"],["Stream","0","0"],["Stream","1","1"],["Stream","7","7"],["Stream","8","8"]]}
{"profile":"server","table":"t_int","meta":{"name":"c_int","oid":23,"typmod":-1,"typname":"int4","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"int32\",\"optional\":true,\"field\":\"c_int\"}","cases":[["Snapshot",null,"null"],["Snapshot","-2147483648","-2147483648"],["Snapshot","0","0"],["Snapshot","2147483647","2147483647"],["Stream",null,"null"],["Stream","-2147483648","-2147483648"],["Stream","1","1"],["Stream","2","2"],["Stream","7","7"],["Stream","8","8"]]}
{"profile":"server","table":"t_int","meta":{"name":"c_bigint","oid":20,"typmod":-1,"typname":"int8","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"int64\",\"optional\":true,\"field\":\"c_bigint\"}","cases":[["Snapshot",null,"null"],["Snapshot","-9223372036854775808","-9223372036854775808"],["Snapshot","0","0"],["Snapshot","9223372036854775807","9223372036854775807"],["Stream",null,"null"],["Stream","-9223372036854775808","-9223372036854775808"],["Stream","0","0"],["Stream","3","3"],["Stream","7","7"],["Stream","8","8"]]}
{"profile":"server","table":"t_int","meta":{"name":"c_smallserial","oid":21,"typmod":-1,"typname":"int2","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":true,"default":"nextval('vs_g.t_int_c_smallserial_seq'::regclass)","base":""},"schema":"{\"type\":\"int16\",\"optional\":false,\"default\":0,\"field\":\"c_smallserial\"}","cases":[["Snapshot","1","1"],["Snapshot","2","2"],["Snapshot","3","3"],["Snapshot","4","4"],["Stream",null,"0"],["Stream","1","1"],["Stream","2","2"],["Stream","5","5"],["Stream","6","6"],["Stream","7","7"]]}
{"profile":"server","table":"t_int","meta":{"name":"c_bigserial","oid":20,"typmod":-1,"typname":"int8","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":true,"default":"nextval('vs_g.t_int_c_bigserial_seq'::regclass)","base":""},"schema":"{\"type\":\"int64\",\"optional\":false,\"default\":0,\"field\":\"c_bigserial\"}","cases":[["Snapshot","1","1"],["Snapshot","2","2"],["Snapshot","3","3"],["Snapshot","4","4"],["Stream",null,"0"],["Stream","1","1"],["Stream","2","2"],["Stream","5","5"],["Stream","6","6"],["Stream","7","7"]]}
{"profile":"server","table":"t_misc","meta":{"name":"id","oid":23,"typmod":-1,"typname":"int4","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":true,"default":null,"base":""},"schema":"{\"type\":\"int32\",\"optional\":false,\"field\":\"id\"}","cases":[["Snapshot","1","1"],["Snapshot","2","2"],["Snapshot","3","3"],["Snapshot","4","4"],["Stream","1","1"],["Stream","10","10"]]}
{"profile":"server","table":"t_misc","meta":{"name":"c_json","oid":114,"typmod":-1,"typname":"json","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"string\",\"optional\":true,\"name\":\"io.debezium.data.Json\",\"version\":1,\"field\":\"c_json\"}","cases":[["Snapshot",null,"null"],["Snapshot","[]","\"[]\""],["Snapshot","null","\"null\""],["Snapshot","{\"a\": 1, \"b\": [1,2,3], \"c\": {\"d\": null}}","\"{\\\"a\\\": 1, \\\"b\\\": [1,2,3], \\\"c\\\": {\\\"d\\\": null}}\""],["Stream","{\"a\": 1, \"b\": [1,2,3], \"c\": {\"d\": null}}","\"{\\\"a\\\": 1, \\\"b\\\": [1,2,3], \\\"c\\\": {\\\"d\\\": null}}\""],["Stream","{\"k\":\"v\"}","\"{\\\"k\\\":\\\"v\\\"}\""]]}
{"profile":"server","table":"t_misc","meta":{"name":"c_jsonb","oid":3802,"typmod":-1,"typname":"jsonb","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"string\",\"optional\":true,\"name\":\"io.debezium.data.Json\",\"version\":1,\"field\":\"c_jsonb\"}","cases":[["Snapshot",null,"null"],["Snapshot","\"str\"","\"\\\"str\\\"\""],["Snapshot","null","\"null\""],["Snapshot","{\"a\": 1, \"b\": [1, 2, 3], \"c\": {\"d\": null}}","\"{\\\"a\\\": 1, \\\"b\\\": [1, 2, 3], \\\"c\\\": {\\\"d\\\": null}}\""],["Stream","{\"a\": 1, \"b\": [1, 2, 3], \"c\": {\"d\": null}, \"new\": true}","\"{\\\"a\\\": 1, \\\"b\\\": [1, 2, 3], \\\"c\\\": {\\\"d\\\": null}, \\\"new\\\": true}\""],["Stream","{\"k\": \"v\"}","\"{\\\"k\\\": \\\"v\\\"}\""]]}
{"profile":"server","table":"t_misc","meta":{"name":"c_uuid","oid":2950,"typmod":-1,"typname":"uuid","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"string\",\"optional\":true,\"name\":\"io.debezium.data.Uuid\",\"version\":1,\"field\":\"c_uuid\"}","cases":[["Snapshot",null,"null"],["Snapshot","00000000-0000-0000-0000-000000000000","\"00000000-0000-0000-0000-000000000000\""],["Snapshot","a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11","\"a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11\""],["Stream","a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11","\"a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11\""],["Stream","b0eebc99-9c0b-4ef8-bb6d-6bb9bd380a12","\"b0eebc99-9c0b-4ef8-bb6d-6bb9bd380a12\""]]}
{"profile":"server","table":"t_misc","meta":{"name":"c_enum","oid":21815,"typmod":-1,"typname":"mood","kind":"Enum","elem":"","elem_kind":"","labels":"sad,ok,happy","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"string\",\"optional\":true,\"name\":\"io.debezium.data.Enum\",\"version\":1,\"parameters\":{\"allowed\":\"sad,ok,happy\"},\"field\":\"c_enum\"}","cases":[["Snapshot",null,"null"],["Snapshot","happy","\"happy\""],["Snapshot","sad","\"sad\""],["Stream","happy","\"happy\""],["Stream","ok","\"ok\""]]}
{"profile":"server","table":"t_misc","meta":{"name":"c_inet","oid":869,"typmod":-1,"typname":"inet","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"string\",\"optional\":true,\"field\":\"c_inet\"}","cases":[["Snapshot",null,"null"],["Snapshot","192.168.0.1","\"192.168.0.1\""],["Snapshot","::1","\"::1\""],["Stream","10.1.2.3/24","\"10.1.2.3/24\""],["Stream","192.168.0.1","\"192.168.0.1\""]]}
{"profile":"server","table":"t_misc","meta":{"name":"c_cidr","oid":650,"typmod":-1,"typname":"cidr","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"string\",\"optional\":true,\"field\":\"c_cidr\"}","cases":[["Snapshot",null,"null"],["Snapshot","10.0.0.0/8","\"10.0.0.0/8\""],["Snapshot","2001:db8::/32","\"2001:db8::/32\""],["Stream","10.0.0.0/8","\"10.0.0.0/8\""],["Stream","192.168.0.0/16","\"192.168.0.0/16\""]]}
{"profile":"server","table":"t_misc","meta":{"name":"c_macaddr","oid":829,"typmod":-1,"typname":"macaddr","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"string\",\"optional\":true,\"field\":\"c_macaddr\"}","cases":[["Snapshot",null,"null"],["Snapshot","00:00:00:00:00:00","\"00:00:00:00:00:00\""],["Snapshot","08:00:2b:01:02:03","\"08:00:2b:01:02:03\""],["Stream","08:00:2b:01:02:03","\"08:00:2b:01:02:03\""],["Stream","ff:ff:ff:ff:ff:ff","\"ff:ff:ff:ff:ff:ff\""]]}
{"profile":"server","table":"t_misc","meta":{"name":"c_xml","oid":142,"typmod":-1,"typname":"xml","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"string\",\"optional\":true,\"name\":\"io.debezium.data.Xml\",\"version\":1,\"field\":\"c_xml\"}","cases":[["Snapshot",null,"null"],["Snapshot","<a x=\"1\">t</a>","\"<a x=\\\"1\\\">t</a>\""],["Snapshot","<e/>","\"<e/>\""],["Stream","<a x=\"1\">t</a>","\"<a x=\\\"1\\\">t</a>\""],["Stream","<x/>","\"<x/>\""]]}
{"profile":"server","table":"t_misc","meta":{"name":"c_point","oid":600,"typmod":-1,"typname":"point","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"struct\",\"fields\":[{\"type\":\"double\",\"optional\":false,\"field\":\"x\"},{\"type\":\"double\",\"optional\":false,\"field\":\"y\"},{\"type\":\"bytes\",\"optional\":true,\"field\":\"wkb\"},{\"type\":\"int32\",\"optional\":true,\"field\":\"srid\"}],\"optional\":true,\"name\":\"io.debezium.data.geometry.Point\",\"version\":1,\"doc\":\"Geometry (POINT)\",\"field\":\"c_point\"}","cases":[["Snapshot",null,"null"],["Snapshot","(0,0)","{\"x\":0.0,\"y\":0.0,\"wkb\":\"AQEAAAAAAAAAAAAAAAAAAAAAAAAA\",\"srid\":null}"],["Snapshot","(1.5,-2.25)","{\"x\":1.5,\"y\":-2.25,\"wkb\":\"AQEAAAAAAAAAAAD4PwAAAAAAAALA\",\"srid\":null}"],["Stream","(1.5,-2.25)","{\"x\":1.5,\"y\":-2.25,\"wkb\":\"AQEAAAAAAAAAAAD4PwAAAAAAAALA\",\"srid\":null}"],["Stream","(3,4)","{\"x\":3.0,\"y\":4.0,\"wkb\":\"AQEAAAAAAAAAAAAIQAAAAAAAABBA\",\"srid\":null}"]]}
{"profile":"server","table":"t_misc","meta":{"name":"c_ltree_like","oid":25,"typmod":-1,"typname":"text","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"string\",\"optional\":true,\"field\":\"c_ltree_like\"}","cases":[["Snapshot","","\"\""],["Snapshot",null,"null"],["Snapshot","a.b.c","\"a.b.c\""],["Stream","a.b.c","\"a.b.c\""],["Stream","z","\"z\""]]}
{"profile":"server","table":"t_nopk","meta":{"name":"a","oid":23,"typmod":-1,"typname":"int4","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"int32\",\"optional\":true,\"field\":\"a\"}","cases":[["Snapshot","1","1"],["Snapshot","2","2"],["Stream","1","1"],["Stream","10","10"]]}
{"profile":"server","table":"t_nopk","meta":{"name":"b","oid":25,"typmod":-1,"typname":"text","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"string\",\"optional\":true,\"field\":\"b\"}","cases":[["Snapshot","one","\"one\""],["Snapshot","two","\"two\""],["Stream","ten","\"ten\""],["Stream","uno","\"uno\""]]}
{"profile":"server","table":"t_numeric","meta":{"name":"id","oid":23,"typmod":-1,"typname":"int4","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":true,"default":null,"base":""},"schema":"{\"type\":\"int32\",\"optional\":false,\"field\":\"id\"}","cases":[["Snapshot","1","1"],["Snapshot","2","2"],["Snapshot","3","3"],["Snapshot","4","4"],["Snapshot","5","5"],["Stream","1","1"],["Stream","10","10"]]}
{"profile":"server","table":"t_numeric","meta":{"name":"c_numeric","oid":1700,"typmod":-1,"typname":"numeric","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"struct\",\"fields\":[{\"type\":\"int32\",\"optional\":false,\"field\":\"scale\"},{\"type\":\"bytes\",\"optional\":false,\"field\":\"value\"}],\"optional\":true,\"name\":\"io.debezium.data.VariableScaleDecimal\",\"version\":1,\"doc\":\"Variable scaled decimal\",\"field\":\"c_numeric\"}","cases":[["Snapshot",null,"null"],["Snapshot","-0.000001","{\"scale\":6,\"value\":\"/w==\"}"],["Snapshot","0","{\"scale\":0,\"value\":\"AA==\"}"],["Snapshot","3.14159265358979323846","{\"scale\":20,\"value\":\"EQfV61tbpNfG\"}"],["Snapshot","NaN","null"],["Stream","1.5","{\"scale\":1,\"value\":\"Dw==\"}"],["Stream","123.456","{\"scale\":3,\"value\":\"AeJA\"}"]]}
{"profile":"server","table":"t_numeric","meta":{"name":"c_num_10_2","oid":1700,"typmod":655366,"typname":"numeric","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"bytes\",\"optional\":true,\"name\":\"org.apache.kafka.connect.data.Decimal\",\"version\":1,\"parameters\":{\"scale\":\"2\",\"connect.decimal.precision\":\"10\"},\"field\":\"c_num_10_2\"}","cases":[["Snapshot",null,"null"],["Snapshot","-0.01","\"/w==\""],["Snapshot","0.00","\"AA==\""],["Snapshot","12345678.91","\"SZYC0w==\""],["Stream","0.01","\"AQ==\""],["Stream","2.25","\"AOE=\""]]}
{"profile":"server","table":"t_numeric","meta":{"name":"c_num_38_0","oid":1700,"typmod":2490372,"typname":"numeric","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"bytes\",\"optional\":true,\"name\":\"org.apache.kafka.connect.data.Decimal\",\"version\":1,\"parameters\":{\"scale\":\"0\",\"connect.decimal.precision\":\"38\"},\"field\":\"c_num_38_0\"}","cases":[["Snapshot",null,"null"],["Snapshot","-1","\"/w==\""],["Snapshot","0","\"AA==\""],["Snapshot","99999999999999999999999999999999999999","\"SztMqFqGxHoJiiI//////w==\""],["Stream","0","\"AA==\""],["Stream","3","\"Aw==\""]]}
{"profile":"server","table":"t_numeric","meta":{"name":"c_num_5_5","oid":1700,"typmod":327689,"typname":"numeric","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"bytes\",\"optional\":true,\"name\":\"org.apache.kafka.connect.data.Decimal\",\"version\":1,\"parameters\":{\"scale\":\"5\",\"connect.decimal.precision\":\"5\"},\"field\":\"c_num_5_5\"}","cases":[["Snapshot",null,"null"],["Snapshot","-0.00001","\"/w==\""],["Snapshot","0.00000","\"AA==\""],["Snapshot","0.99999","\"AYaf\""],["Stream","0.00000","\"AA==\""],["Stream","0.50000","\"AMNQ\""]]}
{"profile":"server","table":"t_numeric","meta":{"name":"c_real","oid":700,"typmod":-1,"typname":"float4","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"float\",\"optional\":true,\"field\":\"c_real\"}","cases":[["Snapshot","-1.5","-1.5"],["Snapshot","0","0.0"],["Snapshot","3.4e+38","3.4e+38"],["Snapshot","Infinity","\"Infinity\""],["Snapshot","NaN","\"NaN\""],["Stream","0","0.0"],["Stream","1.25","1.25"]]}
{"profile":"server","table":"t_numeric","meta":{"name":"c_double","oid":701,"typmod":-1,"typname":"float8","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"double\",\"optional\":true,\"field\":\"c_double\"}","cases":[["Snapshot","-2.5e-300","-2.5e-300"],["Snapshot","-Infinity","\"-Infinity\""],["Snapshot","0","0.0"],["Snapshot","1.7976931348623157e+308","1.7976931348623157e+308"],["Snapshot","NaN","\"NaN\""],["Stream","0","0.0"],["Stream","2.5","2.5"]]}
{"profile":"server","table":"t_numeric","meta":{"name":"c_money","oid":790,"typmod":-1,"typname":"money","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"bytes\",\"optional\":true,\"name\":\"org.apache.kafka.connect.data.Decimal\",\"version\":1,\"parameters\":{\"scale\":\"2\"},\"field\":\"c_money\"}","cases":[["Snapshot",null,"null"],["Snapshot","$0.00","\"AA==\""],["Snapshot","$92,233,720,368,547,758.07","\"f/////////8=\""],["Snapshot","-$1.23","\"hQ==\""],["Stream","$0.00","\"AA==\""],["Stream","$9.99","\"A+c=\""]]}
{"profile":"server","table":"t_text","meta":{"name":"id","oid":23,"typmod":-1,"typname":"int4","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":true,"default":null,"base":""},"schema":"{\"type\":\"int32\",\"optional\":false,\"field\":\"id\"}","cases":[["Snapshot","1","1"],["Snapshot","2","2"],["Snapshot","3","3"],["Snapshot","4","4"],["Stream","1","1"],["Stream","10","10"]]}
{"profile":"server","table":"t_text","meta":{"name":"c_char","oid":1042,"typmod":9,"typname":"bpchar","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"string\",\"optional\":true,\"field\":\"c_char\"}","cases":[["Snapshot",null,"null"],["Snapshot","     ","\"     \""],["Snapshot","ab   ","\"ab   \""],["Snapshot","é漢字  ","\"é漢字  \""],["Stream","ab   ","\"ab   \""],["Stream","zz   ","\"zz   \""]]}
{"profile":"server","table":"t_text","meta":{"name":"c_varchar","oid":1043,"typmod":24,"typname":"varchar","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"string\",\"optional\":true,\"field\":\"c_varchar\"}","cases":[["Snapshot","","\"\""],["Snapshot",null,"null"],["Snapshot","hello","\"hello\""],["Snapshot","quote ' \"dq\" \\ back","\"quote ' \\\"dq\\\" \\\\ back\""],["Stream","hello","\"hello\""],["Stream","streamed","\"streamed\""]]}
{"profile":"server","table":"t_text","meta":{"name":"c_text","oid":25,"typmod":-1,"typname":"text","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"string\",\"optional\":true,\"field\":\"c_text\"}","cases":[["Snapshot","","\"\""],["Snapshot",null,"null"],["Snapshot","multi\nline\ttab é 😀","\"multi\\nline\\ttab é 😀\""],["Snapshot","plain text","\"plain text\""],["Stream",null,"null"],["Stream","xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx","\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\""]]}
{"profile":"server","table":"t_text","meta":{"name":"c_bytea","oid":17,"typmod":-1,"typname":"bytea","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"bytes\",\"optional\":true,\"field\":\"c_bytea\"}","cases":[["Snapshot",null,"null"],["Snapshot","\\x","\"\""],["Snapshot","\\x00ff10","\"AP8Q\""],["Snapshot","\\xdeadbeef","\"3q2+7w==\""],["Stream","\\x","\"\""],["Stream","\\x0102","\"AQI=\""]]}
{"profile":"server","table":"t_text","meta":{"name":"c_name","oid":19,"typmod":-1,"typname":"name","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"string\",\"optional\":true,\"field\":\"c_name\"}","cases":[["Snapshot","","\"\""],["Snapshot",null,"null"],["Snapshot","nm","\"nm\""],["Snapshot","x","\"x\""],["Stream","n10","null"],["Stream","nm","null"]]}
{"profile":"server","table":"t_time","meta":{"name":"id","oid":23,"typmod":-1,"typname":"int4","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":true,"default":null,"base":""},"schema":"{\"type\":\"int32\",\"optional\":false,\"field\":\"id\"}","cases":[["Snapshot","1","1"],["Snapshot","2","2"],["Snapshot","3","3"],["Snapshot","4","4"],["Stream","10","10"]]}
{"profile":"server","table":"t_time","meta":{"name":"c_date","oid":1082,"typmod":-1,"typname":"date","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"int32\",\"optional\":true,\"name\":\"io.debezium.time.Date\",\"version\":1,\"field\":\"c_date\"}","cases":[["Snapshot",null,"null"],["Snapshot","0001-01-01","-719162"],["Snapshot","1970-01-01","0"],["Snapshot","2024-02-29","19782"],["Stream",null,"null"],["Stream","2000-01-01","10957"]]}
{"profile":"server","table":"t_time","meta":{"name":"c_time","oid":1083,"typmod":-1,"typname":"time","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"int64\",\"optional\":true,\"name\":\"io.debezium.time.MicroTime\",\"version\":1,\"field\":\"c_time\"}","cases":[["Snapshot",null,"null"],["Snapshot","00:00:00","0"],["Snapshot","13:45:30.123456","49530123456"],["Snapshot","23:59:59.999999","86399999999"],["Stream",null,"null"],["Stream","12:00:00","43200000000"]]}
{"profile":"server","table":"t_time","meta":{"name":"c_time3","oid":1083,"typmod":3,"typname":"time","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"int32\",\"optional\":true,\"name\":\"io.debezium.time.Time\",\"version\":1,\"field\":\"c_time3\"}","cases":[["Snapshot",null,"null"],["Snapshot","00:00:00","0"],["Snapshot","13:45:30.123","49530123"],["Snapshot","23:59:59.999","86399999"],["Stream",null,"null"],["Stream","12:00:00.001","43200001"]]}
{"profile":"server","table":"t_time","meta":{"name":"c_timetz","oid":1266,"typmod":-1,"typname":"timetz","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"string\",\"optional\":true,\"name\":\"io.debezium.time.ZonedTime\",\"version\":1,\"field\":\"c_timetz\"}","cases":[["Snapshot",null,"null"],["Snapshot","00:00:00+00","\"00:00:00Z\""],["Snapshot","13:45:30.5+02","\"11:45:30.5Z\""],["Snapshot","23:59:59-08","\"07:59:59Z\""],["Stream",null,"null"],["Stream","12:00:00+05:30","\"06:30:00Z\""]]}
{"profile":"server","table":"t_time","meta":{"name":"c_ts","oid":1114,"typmod":-1,"typname":"timestamp","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"int64\",\"optional\":true,\"name\":\"io.debezium.time.MicroTimestamp\",\"version\":1,\"field\":\"c_ts\"}","cases":[["Snapshot",null,"null"],["Snapshot","1900-01-01 00:00:00.000001","-2208988799999999"],["Snapshot","1970-01-01 00:00:00","0"],["Snapshot","2024-02-29 13:45:30.123456","1709214330123456"],["Stream",null,"null"],["Stream","2000-01-01 12:00:00","946728000000000"]]}
{"profile":"server","table":"t_time","meta":{"name":"c_ts3","oid":1114,"typmod":3,"typname":"timestamp","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"int64\",\"optional\":true,\"name\":\"io.debezium.time.Timestamp\",\"version\":1,\"field\":\"c_ts3\"}","cases":[["Snapshot",null,"null"],["Snapshot","1970-01-01 00:00:00","0"],["Snapshot","2024-02-29 13:45:30.123","1709214330123"],["Snapshot","9999-12-31 23:59:59.999","253402300799999"],["Stream",null,"null"],["Stream","2000-01-01 12:00:00.5","946728000500"]]}
{"profile":"server","table":"t_time","meta":{"name":"c_ts0","oid":1114,"typmod":0,"typname":"timestamp","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"int64\",\"optional\":true,\"name\":\"io.debezium.time.Timestamp\",\"version\":1,\"field\":\"c_ts0\"}","cases":[["Snapshot",null,"null"],["Snapshot","1970-01-01 00:00:00","0"],["Snapshot","2024-02-29 13:45:30","1709214330000"],["Snapshot","2038-01-19 03:14:08","2147483648000"],["Stream",null,"null"],["Stream","2000-01-01 12:00:00","946728000000"]]}
{"profile":"server","table":"t_time","meta":{"name":"c_tstz","oid":1184,"typmod":-1,"typname":"timestamptz","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"string\",\"optional\":true,\"name\":\"io.debezium.time.ZonedTimestamp\",\"version\":1,\"field\":\"c_tstz\"}","cases":[["Snapshot",null,"null"],["Snapshot","1970-01-01 00:00:00+00","\"1970-01-01T00:00:00.000000Z\""],["Snapshot","2024-02-29 11:45:30.123456+00","\"2024-02-29T11:45:30.123456Z\""],["Snapshot","9999-12-31 23:59:59.999999+00","\"9999-12-31T23:59:59.999999Z\""],["Stream",null,"null"],["Stream","2000-01-01 06:30:00+00","\"2000-01-01T06:30:00.000000Z\""]]}
{"profile":"server","table":"t_time","meta":{"name":"c_interval","oid":1186,"typmod":-1,"typname":"interval","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"int64\",\"optional\":true,\"name\":\"io.debezium.time.MicroDuration\",\"version\":1,\"field\":\"c_interval\"}","cases":[["Snapshot",null,"null"],["Snapshot","-3 days -00:00:01","-259201000000"],["Snapshot","00:00:00","0"],["Snapshot","1 year 2 mons 3 days 04:05:06.789","37091106789000"],["Stream",null,"null"],["Stream","36:00:00","129600000000"]]}
{"profile":"rdi","table":"t_array","meta":{"name":"id","oid":23,"typmod":-1,"typname":"int4","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":true,"default":null,"base":""},"schema":null,"cases":[["Snapshot","1","1"],["Snapshot","2","2"],["Snapshot","3","3"],["Snapshot","4","4"],["Stream","10","10"]]}
{"profile":"rdi","table":"t_array","meta":{"name":"c_int_arr","oid":1007,"typmod":-1,"typname":"_int4","kind":"Array","elem":"int4","elem_kind":"Base","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot",null,"null"],["Snapshot","{1,2,3}","[1,2,3]"],["Snapshot","{NULL,5}","[null,5]"],["Snapshot","{}","[]"],["Stream","{7}","[7]"]]}
{"profile":"rdi","table":"t_array","meta":{"name":"c_text_arr","oid":1009,"typmod":-1,"typname":"_text","kind":"Array","elem":"text","elem_kind":"Base","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot",null,"null"],["Snapshot","{NULL,x}","[null,\"x\"]"],["Snapshot","{a,\"b c\",\"d,e\"}","[\"a\",\"b c\",\"d,e\"]"],["Snapshot","{}","[]"],["Stream","{only}","[\"only\"]"]]}
{"profile":"rdi","table":"t_array","meta":{"name":"c_num_arr","oid":1231,"typmod":393222,"typname":"_numeric","kind":"Array","elem":"numeric","elem_kind":"Base","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot",null,"null"],["Snapshot","{1.50,-2.25}","[\"1.50\",\"-2.25\"]"],["Snapshot","{NULL}","[null]"],["Snapshot","{}","[]"],["Stream","{0.01}","[\"0.01\"]"]]}
{"profile":"rdi","table":"t_array","meta":{"name":"c_bool_arr","oid":1000,"typmod":-1,"typname":"_bool","kind":"Array","elem":"bool","elem_kind":"Base","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot",null,"null"],["Snapshot","{NULL}","[null]"],["Snapshot","{t,f}","[true,false]"],["Snapshot","{}","[]"],["Stream","{t}","[true]"]]}
{"profile":"rdi","table":"t_array","meta":{"name":"c_uuid_arr","oid":2951,"typmod":-1,"typname":"_uuid","kind":"Array","elem":"uuid","elem_kind":"Base","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot",null,"null"],["Snapshot","{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11}","[\"a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11\"]"],["Snapshot","{}","[]"],["Stream","{}","[]"]]}
{"profile":"rdi","table":"t_array","meta":{"name":"c_2d","oid":1007,"typmod":-1,"typname":"_int4","kind":"Array","elem":"int4","elem_kind":"Base","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot",null,"null"],["Snapshot","{{1,2},{3,4}}","[null,null]"],["Snapshot","{}","[]"],["Stream","{{5}}","[null]"]]}
{"profile":"rdi","table":"t_bool_bit","meta":{"name":"id","oid":23,"typmod":-1,"typname":"int4","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":true,"default":null,"base":""},"schema":null,"cases":[["Snapshot","1","1"],["Snapshot","2","2"],["Snapshot","3","3"],["Stream","11","11"]]}
{"profile":"rdi","table":"t_bool_bit","meta":{"name":"c_bool","oid":16,"typmod":-1,"typname":"bool","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot",null,"null"],["Snapshot","f","false"],["Snapshot","t","true"],["Stream","f","false"]]}
{"profile":"rdi","table":"t_bool_bit","meta":{"name":"c_bit1","oid":1560,"typmod":1,"typname":"bit","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot",null,"null"],["Snapshot","0","false"],["Snapshot","1","true"],["Stream","0","false"]]}
{"profile":"rdi","table":"t_bool_bit","meta":{"name":"c_bit8","oid":1560,"typmod":8,"typname":"bit","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot",null,"null"],["Snapshot","00000000","\"\""],["Snapshot","10100101","\"pQ==\""],["Stream","00001111","\"Dw==\""]]}
{"profile":"rdi","table":"t_bool_bit","meta":{"name":"c_bit70","oid":1560,"typmod":70,"typname":"bit","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot",null,"null"],["Snapshot","0000000000000000000000000000000000000000000000000000000000000000000000","\"\""],["Snapshot","1111111111111111111111111111111111111111111111111111111111111111111111","\"//////////8/\""],["Stream","0101010101010101010101010101010101010101010101010101010101010101010101","\"VVVVVVVVVVUV\""]]}
{"profile":"rdi","table":"t_bool_bit","meta":{"name":"c_varbit","oid":1562,"typmod":16,"typname":"varbit","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot",null,"null"],["Snapshot","0101010101010101","\"VVU=\""],["Snapshot","1","\"AQ==\""],["Stream",null,"null"]]}
{"profile":"rdi","table":"t_full","meta":{"name":"id","oid":23,"typmod":-1,"typname":"int4","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":true,"default":null,"base":""},"schema":null,"cases":[["Snapshot","1","1"],["Snapshot","2","2"],["Snapshot","3","3"],["Stream","1","1"],["Stream","20","20"],["Stream","30","30"],["Stream","31","31"]]}
{"profile":"rdi","table":"t_full","meta":{"name":"v","oid":25,"typmod":-1,"typname":"text","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot",null,"null"],["Snapshot","a","\"a\""],["Snapshot","b","\"b\""],["Stream","a2","\"a2\""],["Stream","b","\"b\""],["Stream","tx1","\"tx1\""],["Stream","tx2-upd","\"tx2-upd\""]]}
{"profile":"rdi","table":"t_full","meta":{"name":"n","oid":1700,"typmod":524295,"typname":"numeric","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot",null,"null"],["Snapshot","1.000","\"1.000\""],["Snapshot","2.500","\"2.500\""],["Stream","1.001","\"1.001\""],["Stream","2.500","\"2.500\""],["Stream","30.000","\"30.000\""],["Stream","31.000","\"31.000\""]]}
{"profile":"rdi","table":"t_full","meta":{"name":"extra","oid":1043,"typmod":14,"typname":"varchar","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":"'dflt'::character varying","base":""},"schema":null,"cases":[["Stream","y","\"y\""]]}
{"profile":"rdi","table":"t_full","meta":{"name":"added_ts","oid":1184,"typmod":-1,"typname":"timestamptz","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Stream",null,"null"]]}
{"profile":"rdi","table":"t_int","meta":{"name":"id","oid":23,"typmod":-1,"typname":"int4","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":true,"default":"nextval('vs_g.t_int_id_seq'::regclass)","base":""},"schema":null,"cases":[["Snapshot","1","1"],["Snapshot","2","2"],["Snapshot","3","3"],["Snapshot","4","4"],["Stream","1","1"],["Stream","100","100"],["Stream","5","5"],["Stream","6","6"],["Stream","7","7"]]}
{"profile":"rdi","table":"t_int","meta":{"name":"c_smallint","oid":21,"typmod":-1,"typname":"int2","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot",null,"null"],["Snapshot","-32768","-32768"],["Snapshot","0","0"],["Snapshot","32767","32767"],["Stream",null,"null"],["Stream","-32768","-32768"],["Stream","0","0"],["Stream","1","1"],["Stream","7","7"],["Stream","8","8"]]}
{"profile":"rdi","table":"t_int","meta":{"name":"c_int","oid":23,"typmod":-1,"typname":"int4","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot",null,"null"],["Snapshot","-2147483648","-2147483648"],["Snapshot","0","0"],["Snapshot","2147483647","2147483647"],["Stream",null,"null"],["Stream","-2147483648","-2147483648"],["Stream","1","1"],["Stream","2","2"],["Stream","7","7"],["Stream","8","8"]]}
{"profile":"rdi","table":"t_int","meta":{"name":"c_bigint","oid":20,"typmod":-1,"typname":"int8","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot",null,"null"],["Snapshot","-9223372036854775808","-9223372036854775808"],["Snapshot","0","0"],["Snapshot","9223372036854775807","9223372036854775807"],["Stream",null,"null"],["Stream","-9223372036854775808","-9223372036854775808"],["Stream","0","0"],["Stream","3","3"],["Stream","7","7"],["Stream","8","8"]]}
{"profile":"rdi","table":"t_int","meta":{"name":"c_smallserial","oid":21,"typmod":-1,"typname":"int2","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":true,"default":"nextval('vs_g.t_int_c_smallserial_seq'::regclass)","base":""},"schema":null,"cases":[["Snapshot","1","1"],["Snapshot","2","2"],["Snapshot","3","3"],["Snapshot","4","4"],["Stream",null,"0"],["Stream","1","1"],["Stream","2","2"],["Stream","5","5"],["Stream","6","6"],["Stream","7","7"]]}
{"profile":"rdi","table":"t_int","meta":{"name":"c_bigserial","oid":20,"typmod":-1,"typname":"int8","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":true,"default":"nextval('vs_g.t_int_c_bigserial_seq'::regclass)","base":""},"schema":null,"cases":[["Snapshot","1","1"],["Snapshot","2","2"],["Snapshot","3","3"],["Snapshot","4","4"],["Stream",null,"0"],["Stream","1","1"],["Stream","2","2"],["Stream","5","5"],["Stream","6","6"],["Stream","7","7"]]}
{"profile":"rdi","table":"t_misc","meta":{"name":"id","oid":23,"typmod":-1,"typname":"int4","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":true,"default":null,"base":""},"schema":null,"cases":[["Snapshot","1","1"],["Snapshot","2","2"],["Snapshot","3","3"],["Snapshot","4","4"],["Stream","1","1"],["Stream","10","10"]]}
{"profile":"rdi","table":"t_misc","meta":{"name":"c_json","oid":114,"typmod":-1,"typname":"json","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot",null,"null"],["Snapshot","[]","\"[]\""],["Snapshot","null","\"null\""],["Snapshot","{\"a\": 1, \"b\": [1,2,3], \"c\": {\"d\": null}}","\"{\\\"a\\\": 1, \\\"b\\\": [1,2,3], \\\"c\\\": {\\\"d\\\": null}}\""],["Stream","{\"a\": 1, \"b\": [1,2,3], \"c\": {\"d\": null}}","\"{\\\"a\\\": 1, \\\"b\\\": [1,2,3], \\\"c\\\": {\\\"d\\\": null}}\""],["Stream","{\"k\":\"v\"}","\"{\\\"k\\\":\\\"v\\\"}\""]]}
{"profile":"rdi","table":"t_misc","meta":{"name":"c_jsonb","oid":3802,"typmod":-1,"typname":"jsonb","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot",null,"null"],["Snapshot","\"str\"","\"\\\"str\\\"\""],["Snapshot","null","\"null\""],["Snapshot","{\"a\": 1, \"b\": [1, 2, 3], \"c\": {\"d\": null}}","\"{\\\"a\\\": 1, \\\"b\\\": [1, 2, 3], \\\"c\\\": {\\\"d\\\": null}}\""],["Stream","{\"a\": 1, \"b\": [1, 2, 3], \"c\": {\"d\": null}, \"new\": true}","\"{\\\"a\\\": 1, \\\"b\\\": [1, 2, 3], \\\"c\\\": {\\\"d\\\": null}, \\\"new\\\": true}\""],["Stream","{\"k\": \"v\"}","\"{\\\"k\\\": \\\"v\\\"}\""]]}
{"profile":"rdi","table":"t_misc","meta":{"name":"c_uuid","oid":2950,"typmod":-1,"typname":"uuid","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot",null,"null"],["Snapshot","00000000-0000-0000-0000-000000000000","\"00000000-0000-0000-0000-000000000000\""],["Snapshot","a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11","\"a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11\""],["Stream","a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11","\"a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11\""],["Stream","b0eebc99-9c0b-4ef8-bb6d-6bb9bd380a12","\"b0eebc99-9c0b-4ef8-bb6d-6bb9bd380a12\""]]}
{"profile":"rdi","table":"t_misc","meta":{"name":"c_enum","oid":21815,"typmod":-1,"typname":"mood","kind":"Enum","elem":"","elem_kind":"","labels":"sad,ok,happy","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot",null,"null"],["Snapshot","happy","\"happy\""],["Snapshot","sad","\"sad\""],["Stream","happy","\"happy\""],["Stream","ok","\"ok\""]]}
{"profile":"rdi","table":"t_misc","meta":{"name":"c_inet","oid":869,"typmod":-1,"typname":"inet","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot",null,"null"],["Snapshot","192.168.0.1","\"192.168.0.1\""],["Snapshot","::1","\"::1\""],["Stream","10.1.2.3/24","\"10.1.2.3/24\""],["Stream","192.168.0.1","\"192.168.0.1\""]]}
{"profile":"rdi","table":"t_misc","meta":{"name":"c_cidr","oid":650,"typmod":-1,"typname":"cidr","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot",null,"null"],["Snapshot","10.0.0.0/8","\"10.0.0.0/8\""],["Snapshot","2001:db8::/32","\"2001:db8::/32\""],["Stream","10.0.0.0/8","\"10.0.0.0/8\""],["Stream","192.168.0.0/16","\"192.168.0.0/16\""]]}
{"profile":"rdi","table":"t_misc","meta":{"name":"c_macaddr","oid":829,"typmod":-1,"typname":"macaddr","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot",null,"null"],["Snapshot","00:00:00:00:00:00","\"00:00:00:00:00:00\""],["Snapshot","08:00:2b:01:02:03","\"08:00:2b:01:02:03\""],["Stream","08:00:2b:01:02:03","\"08:00:2b:01:02:03\""],["Stream","ff:ff:ff:ff:ff:ff","\"ff:ff:ff:ff:ff:ff\""]]}
{"profile":"rdi","table":"t_misc","meta":{"name":"c_xml","oid":142,"typmod":-1,"typname":"xml","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot",null,"null"],["Snapshot","<a x=\"1\">t</a>","\"<a x=\\\"1\\\">t</a>\""],["Snapshot","<e/>","\"<e/>\""],["Stream","<a x=\"1\">t</a>","\"<a x=\\\"1\\\">t</a>\""],["Stream","<x/>","\"<x/>\""]]}
{"profile":"rdi","table":"t_misc","meta":{"name":"c_point","oid":600,"typmod":-1,"typname":"point","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot",null,"null"],["Snapshot","(0,0)","{\"x\":0.0,\"y\":0.0,\"wkb\":\"AQEAAAAAAAAAAAAAAAAAAAAAAAAA\",\"srid\":null}"],["Snapshot","(1.5,-2.25)","{\"x\":1.5,\"y\":-2.25,\"wkb\":\"AQEAAAAAAAAAAAD4PwAAAAAAAALA\",\"srid\":null}"],["Stream","(1.5,-2.25)","{\"x\":1.5,\"y\":-2.25,\"wkb\":\"AQEAAAAAAAAAAAD4PwAAAAAAAALA\",\"srid\":null}"],["Stream","(3,4)","{\"x\":3.0,\"y\":4.0,\"wkb\":\"AQEAAAAAAAAAAAAIQAAAAAAAABBA\",\"srid\":null}"]]}
{"profile":"rdi","table":"t_misc","meta":{"name":"c_ltree_like","oid":25,"typmod":-1,"typname":"text","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot","","\"\""],["Snapshot",null,"null"],["Snapshot","a.b.c","\"a.b.c\""],["Stream","a.b.c","\"a.b.c\""],["Stream","z","\"z\""]]}
{"profile":"rdi","table":"t_nopk","meta":{"name":"a","oid":23,"typmod":-1,"typname":"int4","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot","1","1"],["Snapshot","2","2"],["Stream","1","1"],["Stream","10","10"]]}
{"profile":"rdi","table":"t_nopk","meta":{"name":"b","oid":25,"typmod":-1,"typname":"text","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot","one","\"one\""],["Snapshot","two","\"two\""],["Stream","ten","\"ten\""],["Stream","uno","\"uno\""]]}
{"profile":"rdi","table":"t_numeric","meta":{"name":"id","oid":23,"typmod":-1,"typname":"int4","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":true,"default":null,"base":""},"schema":null,"cases":[["Snapshot","1","1"],["Snapshot","2","2"],["Snapshot","3","3"],["Snapshot","4","4"],["Snapshot","5","5"],["Stream","1","1"],["Stream","10","10"]]}
{"profile":"rdi","table":"t_numeric","meta":{"name":"c_numeric","oid":1700,"typmod":-1,"typname":"numeric","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot",null,"null"],["Snapshot","-0.000001","\"-0.000001\""],["Snapshot","0","\"0\""],["Snapshot","3.14159265358979323846","\"3.14159265358979323846\""],["Snapshot","NaN","\"NAN\""],["Stream","1.5","\"1.5\""],["Stream","123.456","\"123.456\""]]}
{"profile":"rdi","table":"t_numeric","meta":{"name":"c_num_10_2","oid":1700,"typmod":655366,"typname":"numeric","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot",null,"null"],["Snapshot","-0.01","\"-0.01\""],["Snapshot","0.00","\"0.00\""],["Snapshot","12345678.91","\"12345678.91\""],["Stream","0.01","\"0.01\""],["Stream","2.25","\"2.25\""]]}
{"profile":"rdi","table":"t_numeric","meta":{"name":"c_num_38_0","oid":1700,"typmod":2490372,"typname":"numeric","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot",null,"null"],["Snapshot","-1","\"-1\""],["Snapshot","0","\"0\""],["Snapshot","99999999999999999999999999999999999999","\"99999999999999999999999999999999999999\""],["Stream","0","\"0\""],["Stream","3","\"3\""]]}
{"profile":"rdi","table":"t_numeric","meta":{"name":"c_num_5_5","oid":1700,"typmod":327689,"typname":"numeric","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot",null,"null"],["Snapshot","-0.00001","\"-0.00001\""],["Snapshot","0.00000","\"0.00000\""],["Snapshot","0.99999","\"0.99999\""],["Stream","0.00000","\"0.00000\""],["Stream","0.50000","\"0.50000\""]]}
{"profile":"rdi","table":"t_numeric","meta":{"name":"c_real","oid":700,"typmod":-1,"typname":"float4","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot","-1.5","-1.5"],["Snapshot","0","0.0"],["Snapshot","3.4e+38","3.4e+38"],["Snapshot","Infinity","\"Infinity\""],["Snapshot","NaN","\"NaN\""],["Stream","0","0.0"],["Stream","1.25","1.25"]]}
{"profile":"rdi","table":"t_numeric","meta":{"name":"c_double","oid":701,"typmod":-1,"typname":"float8","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot","-2.5e-300","-2.5e-300"],["Snapshot","-Infinity","\"-Infinity\""],["Snapshot","0","0.0"],["Snapshot","1.7976931348623157e+308","1.7976931348623157e+308"],["Snapshot","NaN","\"NaN\""],["Stream","0","0.0"],["Stream","2.5","2.5"]]}
{"profile":"rdi","table":"t_numeric","meta":{"name":"c_money","oid":790,"typmod":-1,"typname":"money","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot",null,"null"],["Snapshot","$0.00","\"0.00\""],["Snapshot","$92,233,720,368,547,758.07","\"92233720368547758.07\""],["Snapshot","-$1.23","\"-1.23\""],["Stream","$0.00","\"0.00\""],["Stream","$9.99","\"9.99\""]]}
{"profile":"rdi","table":"t_text","meta":{"name":"id","oid":23,"typmod":-1,"typname":"int4","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":true,"default":null,"base":""},"schema":null,"cases":[["Snapshot","1","1"],["Snapshot","2","2"],["Snapshot","3","3"],["Snapshot","4","4"],["Stream","1","1"],["Stream","10","10"]]}
{"profile":"rdi","table":"t_text","meta":{"name":"c_char","oid":1042,"typmod":9,"typname":"bpchar","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot",null,"null"],["Snapshot","     ","\"     \""],["Snapshot","ab   ","\"ab   \""],["Snapshot","é漢字  ","\"é漢字  \""],["Stream","ab   ","\"ab   \""],["Stream","zz   ","\"zz   \""]]}
{"profile":"rdi","table":"t_text","meta":{"name":"c_varchar","oid":1043,"typmod":24,"typname":"varchar","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot","","\"\""],["Snapshot",null,"null"],["Snapshot","hello","\"hello\""],["Snapshot","quote ' \"dq\" \\ back","\"quote ' \\\"dq\\\" \\\\ back\""],["Stream","hello","\"hello\""],["Stream","streamed","\"streamed\""]]}
{"profile":"rdi","table":"t_text","meta":{"name":"c_text","oid":25,"typmod":-1,"typname":"text","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot","","\"\""],["Snapshot",null,"null"],["Snapshot","multi\nline\ttab é 😀","\"multi\\nline\\ttab é 😀\""],["Snapshot","plain text","\"plain text\""],["Stream",null,"null"],["Stream","xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx","\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\""]]}
{"profile":"rdi","table":"t_text","meta":{"name":"c_bytea","oid":17,"typmod":-1,"typname":"bytea","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot",null,"null"],["Snapshot","\\x","\"\""],["Snapshot","\\x00ff10","\"AP8Q\""],["Snapshot","\\xdeadbeef","\"3q2+7w==\""],["Stream","\\x","\"\""],["Stream","\\x0102","\"AQI=\""]]}
{"profile":"rdi","table":"t_text","meta":{"name":"c_name","oid":19,"typmod":-1,"typname":"name","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot","","\"\""],["Snapshot",null,"null"],["Snapshot","nm","\"nm\""],["Snapshot","x","\"x\""],["Stream","n10","null"],["Stream","nm","null"]]}
{"profile":"rdi","table":"t_time","meta":{"name":"id","oid":23,"typmod":-1,"typname":"int4","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":true,"default":null,"base":""},"schema":null,"cases":[["Snapshot","1","1"],["Snapshot","2","2"],["Snapshot","3","3"],["Snapshot","4","4"],["Stream","10","10"]]}
{"profile":"rdi","table":"t_time","meta":{"name":"c_date","oid":1082,"typmod":-1,"typname":"date","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot",null,"null"],["Snapshot","0001-01-01","-719162"],["Snapshot","1970-01-01","0"],["Snapshot","2024-02-29","19782"],["Stream",null,"null"],["Stream","2000-01-01","10957"]]}
{"profile":"rdi","table":"t_time","meta":{"name":"c_time","oid":1083,"typmod":-1,"typname":"time","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot",null,"null"],["Snapshot","00:00:00","0"],["Snapshot","13:45:30.123456","49530123456"],["Snapshot","23:59:59.999999","86399999999"],["Stream",null,"null"],["Stream","12:00:00","43200000000"]]}
{"profile":"rdi","table":"t_time","meta":{"name":"c_time3","oid":1083,"typmod":3,"typname":"time","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot",null,"null"],["Snapshot","00:00:00","0"],["Snapshot","13:45:30.123","49530123"],["Snapshot","23:59:59.999","86399999"],["Stream",null,"null"],["Stream","12:00:00.001","43200001"]]}
{"profile":"rdi","table":"t_time","meta":{"name":"c_timetz","oid":1266,"typmod":-1,"typname":"timetz","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot",null,"null"],["Snapshot","00:00:00+00","\"00:00:00Z\""],["Snapshot","13:45:30.5+02","\"11:45:30.5Z\""],["Snapshot","23:59:59-08","\"07:59:59Z\""],["Stream",null,"null"],["Stream","12:00:00+05:30","\"06:30:00Z\""]]}
{"profile":"rdi","table":"t_time","meta":{"name":"c_ts","oid":1114,"typmod":-1,"typname":"timestamp","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot",null,"null"],["Snapshot","1900-01-01 00:00:00.000001","-2208988799999999"],["Snapshot","1970-01-01 00:00:00","0"],["Snapshot","2024-02-29 13:45:30.123456","1709214330123456"],["Stream",null,"null"],["Stream","2000-01-01 12:00:00","946728000000000"]]}
{"profile":"rdi","table":"t_time","meta":{"name":"c_ts3","oid":1114,"typmod":3,"typname":"timestamp","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot",null,"null"],["Snapshot","1970-01-01 00:00:00","0"],["Snapshot","2024-02-29 13:45:30.123","1709214330123"],["Snapshot","9999-12-31 23:59:59.999","253402300799999"],["Stream",null,"null"],["Stream","2000-01-01 12:00:00.5","946728000500"]]}
{"profile":"rdi","table":"t_time","meta":{"name":"c_ts0","oid":1114,"typmod":0,"typname":"timestamp","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot",null,"null"],["Snapshot","1970-01-01 00:00:00","0"],["Snapshot","2024-02-29 13:45:30","1709214330000"],["Snapshot","2038-01-19 03:14:08","2147483648000"],["Stream",null,"null"],["Stream","2000-01-01 12:00:00","946728000000"]]}
{"profile":"rdi","table":"t_time","meta":{"name":"c_tstz","oid":1184,"typmod":-1,"typname":"timestamptz","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot",null,"null"],["Snapshot","1970-01-01 00:00:00+00","\"1970-01-01T00:00:00.000000Z\""],["Snapshot","2024-02-29 11:45:30.123456+00","\"2024-02-29T11:45:30.123456Z\""],["Snapshot","9999-12-31 23:59:59.999999+00","\"9999-12-31T23:59:59.999999Z\""],["Stream",null,"null"],["Stream","2000-01-01 06:30:00+00","\"2000-01-01T06:30:00.000000Z\""]]}
{"profile":"rdi","table":"t_time","meta":{"name":"c_interval","oid":1186,"typmod":-1,"typname":"interval","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot",null,"null"],["Snapshot","-3 days -00:00:01","-259201000000"],["Snapshot","00:00:00","0"],["Snapshot","1 year 2 mons 3 days 04:05:06.789","37091106789000"],["Stream",null,"null"],["Stream","36:00:00","129600000000"]]}
"##;
    const FIXTURE_PEER: &str = r##"{"profile":"server","table":"array_table","meta":{"name":"pk","oid":23,"typmod":-1,"typname":"int4","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":true,"default":"nextval('vs_p.array_table_pk_seq'::regclass)","base":""},"schema":"{\"type\":\"int32\",\"optional\":false,\"default\":0,\"field\":\"pk\"}","cases":[["Snapshot","1","1"],["Stream","1","1"],["Stream","2","2"]]}
{"profile":"server","table":"array_table","meta":{"name":"int_array","oid":1007,"typmod":-1,"typname":"_int4","kind":"Array","elem":"int4","elem_kind":"Base","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"array\",\"items\":{\"type\":\"int32\",\"optional\":true},\"optional\":true,\"field\":\"int_array\"}","cases":[["Snapshot","{1,2,3}","[1,2,3]"],["Stream","{1,2,3}","[1,2,3]"],["Stream","{}","[]"]]}
{"profile":"server","table":"array_table","meta":{"name":"bigint_array","oid":1016,"typmod":-1,"typname":"_int8","kind":"Array","elem":"int8","elem_kind":"Base","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"array\",\"items\":{\"type\":\"int64\",\"optional\":true},\"optional\":true,\"field\":\"bigint_array\"}","cases":[["Snapshot","{1550166368505037572}","[1550166368505037572]"],["Stream","{1550166368505037572}","[1550166368505037572]"]]}
{"profile":"server","table":"array_table","meta":{"name":"text_array","oid":1009,"typmod":-1,"typname":"_text","kind":"Array","elem":"text","elem_kind":"Base","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"array\",\"items\":{\"type\":\"string\",\"optional\":true},\"optional\":true,\"field\":\"text_array\"}","cases":[["Snapshot","{one,two,three}","[\"one\",\"two\",\"three\"]"],["Stream","{one,NULL,three}","[\"one\",null,\"three\"]"],["Stream","{one,two,three}","[\"one\",\"two\",\"three\"]"]]}
{"profile":"server","table":"array_table","meta":{"name":"char_array","oid":1014,"typmod":14,"typname":"_bpchar","kind":"Array","elem":"bpchar","elem_kind":"Base","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"array\",\"items\":{\"type\":\"string\",\"optional\":true},\"optional\":true,\"field\":\"char_array\"}","cases":[["Snapshot","{\"cone      \",\"ctwo      \",\"cthree    \"}","[\"cone      \",\"ctwo      \",\"cthree    \"]"],["Stream","{\"cone      \",\"ctwo      \",\"cthree    \"}","[\"cone      \",\"ctwo      \",\"cthree    \"]"]]}
{"profile":"server","table":"array_table","meta":{"name":"varchar_array","oid":1015,"typmod":14,"typname":"_varchar","kind":"Array","elem":"varchar","elem_kind":"Base","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"array\",\"items\":{\"type\":\"string\",\"optional\":true},\"optional\":true,\"field\":\"varchar_array\"}","cases":[["Snapshot","{vcone,vctwo,vcthree}","[\"vcone\",\"vctwo\",\"vcthree\"]"],["Stream","{vcone,vctwo,vcthree}","[\"vcone\",\"vctwo\",\"vcthree\"]"]]}
{"profile":"server","table":"array_table","meta":{"name":"date_array","oid":1182,"typmod":-1,"typname":"_date","kind":"Array","elem":"date","elem_kind":"Base","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"array\",\"items\":{\"type\":\"int32\",\"optional\":true,\"name\":\"io.debezium.time.Date\",\"version\":1},\"optional\":true,\"field\":\"date_array\"}","cases":[["Snapshot","{2016-11-04,2016-11-05,2016-11-06}","[17109,17110,17111]"],["Stream","{2016-11-04,2016-11-05,2016-11-06}","[17109,17110,17111]"]]}
{"profile":"server","table":"array_table","meta":{"name":"numeric_array","oid":1231,"typmod":655366,"typname":"_numeric","kind":"Array","elem":"numeric","elem_kind":"Base","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"array\",\"items\":{\"type\":\"bytes\",\"optional\":true,\"name\":\"org.apache.kafka.connect.data.Decimal\",\"version\":1,\"parameters\":{\"scale\":\"2\",\"connect.decimal.precision\":\"10\"}},\"optional\":true,\"field\":\"numeric_array\"}","cases":[["Snapshot","{1.20,3.40,5.60}","[\"eA==\",\"AVQ=\",\"AjA=\"]"],["Stream","{1.20,3.40,5.60}","[\"eA==\",\"AVQ=\",\"AjA=\"]"]]}
{"profile":"server","table":"array_table","meta":{"name":"varnumeric_array","oid":1231,"typmod":-1,"typname":"_numeric","kind":"Array","elem":"numeric","elem_kind":"Base","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"array\",\"items\":{\"type\":\"struct\",\"fields\":[{\"type\":\"int32\",\"optional\":false,\"field\":\"scale\"},{\"type\":\"bytes\",\"optional\":false,\"field\":\"value\"}],\"optional\":true,\"name\":\"io.debezium.data.VariableScaleDecimal\",\"version\":1,\"doc\":\"Variable scaled decimal\"},\"optional\":true,\"field\":\"varnumeric_array\"}","cases":[["Snapshot","{1.1,2.22,3.333}","[{\"scale\":1,\"value\":\"Cw==\"},{\"scale\":2,\"value\":\"AN4=\"},{\"scale\":3,\"value\":\"DQU=\"}]"],["Stream","{1.1,2.22,3.333}","[{\"scale\":1,\"value\":\"Cw==\"},{\"scale\":2,\"value\":\"AN4=\"},{\"scale\":3,\"value\":\"DQU=\"}]"]]}
{"profile":"server","table":"array_table","meta":{"name":"citext_array","oid":22712,"typmod":-1,"typname":"_citext","kind":"Array","elem":"citext","elem_kind":"Base","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"array\",\"items\":{\"type\":\"string\",\"optional\":true},\"optional\":true,\"field\":\"citext_array\"}","cases":[["Snapshot","{four,five,six}","[\"four\",\"five\",\"six\"]"],["Stream","{four,five,six}","[\"four\",\"five\",\"six\"]"]]}
{"profile":"server","table":"array_table","meta":{"name":"inet_array","oid":1041,"typmod":-1,"typname":"_inet","kind":"Array","elem":"inet","elem_kind":"Base","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"array\",\"items\":{\"type\":\"string\",\"optional\":true},\"optional\":true,\"field\":\"inet_array\"}","cases":[["Snapshot","{192.168.2.0/12,192.168.1.1,192.168.0.2/1}","[\"192.168.2.0/12\",\"192.168.1.1\",\"192.168.0.2/1\"]"],["Stream","{192.168.2.0/12,192.168.1.1,192.168.0.2/1}","[\"192.168.2.0/12\",\"192.168.1.1\",\"192.168.0.2/1\"]"]]}
{"profile":"server","table":"array_table","meta":{"name":"cidr_array","oid":651,"typmod":-1,"typname":"_cidr","kind":"Array","elem":"cidr","elem_kind":"Base","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"array\",\"items\":{\"type\":\"string\",\"optional\":true},\"optional\":true,\"field\":\"cidr_array\"}","cases":[["Snapshot","{192.168.100.128/25,192.168.0.0/25,192.168.1.0/24}","[\"192.168.100.128/25\",\"192.168.0.0/25\",\"192.168.1.0/24\"]"],["Stream","{192.168.100.128/25,192.168.0.0/25,192.168.1.0/24}","[\"192.168.100.128/25\",\"192.168.0.0/25\",\"192.168.1.0/24\"]"]]}
{"profile":"server","table":"array_table","meta":{"name":"macaddr_array","oid":1040,"typmod":-1,"typname":"_macaddr","kind":"Array","elem":"macaddr","elem_kind":"Base","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"array\",\"items\":{\"type\":\"string\",\"optional\":true},\"optional\":true,\"field\":\"macaddr_array\"}","cases":[["Snapshot","{08:00:2b:01:02:03,08:00:2b:01:02:03,08:00:2b:01:02:03}","[\"08:00:2b:01:02:03\",\"08:00:2b:01:02:03\",\"08:00:2b:01:02:03\"]"],["Stream","{08:00:2b:01:02:03,08:00:2b:01:02:03,08:00:2b:01:02:03}","[\"08:00:2b:01:02:03\",\"08:00:2b:01:02:03\",\"08:00:2b:01:02:03\"]"]]}
{"profile":"server","table":"array_table","meta":{"name":"tsrange_array","oid":3909,"typmod":-1,"typname":"_tsrange","kind":"Array","elem":"tsrange","elem_kind":"Range","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"array\",\"items\":{\"type\":\"string\",\"optional\":true},\"optional\":true,\"field\":\"tsrange_array\"}","cases":[["Snapshot","{\"[\\\"2019-03-31 15:30:00\\\",infinity)\",\"[\\\"2019-03-31 15:30:00\\\",\\\"2019-04-30 15:30:00\\\"]\"}","[\"[\\\"2019-03-31 15:30:00\\\",infinity)\",\"[\\\"2019-03-31 15:30:00\\\",\\\"2019-04-30 15:30:00\\\"]\"]"],["Stream","{\"[\\\"2019-03-31 15:30:00\\\",infinity)\",\"[\\\"2019-03-31 15:30:00\\\",\\\"2019-04-30 15:30:00\\\"]\"}","[\"[\\\"2019-03-31 15:30:00\\\",infinity)\",\"[\\\"2019-03-31 15:30:00\\\",\\\"2019-04-30 15:30:00\\\"]\"]"]]}
{"profile":"server","table":"array_table","meta":{"name":"tstzrange_array","oid":3911,"typmod":-1,"typname":"_tstzrange","kind":"Array","elem":"tstzrange","elem_kind":"Range","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"array\",\"items\":{\"type\":\"string\",\"optional\":true},\"optional\":true,\"field\":\"tstzrange_array\"}","cases":[["Snapshot","{\"[\\\"2017-06-05 11:29:12.549426+00\\\",)\",\"[\\\"2017-06-05 11:29:12.549426+00\\\",\\\"2017-06-05 12:34:56.789012+00\\\"]\"}","[\"[\\\"2017-06-05 11:29:12.549426+00\\\",)\",\"[\\\"2017-06-05 11:29:12.549426+00\\\",\\\"2017-06-05 12:34:56.789012+00\\\"]\"]"],["Stream","{\"[\\\"2017-06-05 11:29:12.549426+00\\\",)\",\"[\\\"2017-06-05 11:29:12.549426+00\\\",\\\"2017-06-05 12:34:56.789012+00\\\"]\"}","[\"[\\\"2017-06-05 11:29:12.549426+00\\\",)\",\"[\\\"2017-06-05 11:29:12.549426+00\\\",\\\"2017-06-05 12:34:56.789012+00\\\"]\"]"]]}
{"profile":"server","table":"array_table","meta":{"name":"daterange_array","oid":3913,"typmod":-1,"typname":"_daterange","kind":"Array","elem":"daterange","elem_kind":"Range","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"array\",\"items\":{\"type\":\"string\",\"optional\":true},\"optional\":true,\"field\":\"daterange_array\"}","cases":[["Snapshot","{\"[2019-03-31,infinity)\",\"[2019-03-31,2019-04-30)\"}","[\"[2019-03-31,infinity)\",\"[2019-03-31,2019-04-30)\"]"],["Stream","{\"[2019-03-31,infinity)\",\"[2019-03-31,2019-04-30)\"}","[\"[2019-03-31,infinity)\",\"[2019-03-31,2019-04-30)\"]"]]}
{"profile":"server","table":"array_table","meta":{"name":"int4range_array","oid":3905,"typmod":-1,"typname":"_int4range","kind":"Array","elem":"int4range","elem_kind":"Range","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"array\",\"items\":{\"type\":\"string\",\"optional\":true},\"optional\":true,\"field\":\"int4range_array\"}","cases":[["Snapshot","{\"[1,6)\",\"[1,4)\"}","[\"[1,6)\",\"[1,4)\"]"],["Stream","{\"[1,6)\",\"[1,4)\"}","[\"[1,6)\",\"[1,4)\"]"]]}
{"profile":"server","table":"array_table","meta":{"name":"numerange_array","oid":3907,"typmod":-1,"typname":"_numrange","kind":"Array","elem":"numrange","elem_kind":"Range","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"array\",\"items\":{\"type\":\"string\",\"optional\":true},\"optional\":true,\"field\":\"numerange_array\"}","cases":[["Snapshot","{\"[5.3,6.3)\",\"[10.0,20.0)\"}","[\"[5.3,6.3)\",\"[10.0,20.0)\"]"],["Stream","{\"[5.3,6.3)\",\"[10.0,20.0)\"}","[\"[5.3,6.3)\",\"[10.0,20.0)\"]"]]}
{"profile":"server","table":"array_table","meta":{"name":"int8range_array","oid":3927,"typmod":-1,"typname":"_int8range","kind":"Array","elem":"int8range","elem_kind":"Range","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"array\",\"items\":{\"type\":\"string\",\"optional\":true},\"optional\":true,\"field\":\"int8range_array\"}","cases":[["Snapshot","{\"[1000000,6000000)\",\"[5000,9000)\"}","[\"[1000000,6000000)\",\"[5000,9000)\"]"],["Stream","{\"[1000000,6000000)\",\"[5000,9000)\"}","[\"[1000000,6000000)\",\"[5000,9000)\"]"]]}
{"profile":"server","table":"array_table","meta":{"name":"uuid_array","oid":2951,"typmod":-1,"typname":"_uuid","kind":"Array","elem":"uuid","elem_kind":"Base","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"array\",\"items\":{\"type\":\"string\",\"optional\":true,\"name\":\"io.debezium.data.Uuid\",\"version\":1},\"optional\":true,\"field\":\"uuid_array\"}","cases":[["Snapshot","{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11,f0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11}","[\"a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11\",\"f0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11\"]"],["Stream","{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11,f0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11}","[\"a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11\",\"f0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11\"]"]]}
{"profile":"server","table":"array_table","meta":{"name":"json_array","oid":199,"typmod":-1,"typname":"_json","kind":"Array","elem":"json","elem_kind":"Base","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"array\",\"items\":{\"type\":\"string\",\"optional\":true,\"name\":\"io.debezium.data.Json\",\"version\":1},\"optional\":true,\"field\":\"json_array\"}","cases":[["Snapshot","{\"{\\\"bar\\\": \\\"baz\\\"}\",\"{\\\"foo\\\": \\\"qux\\\"}\"}","[\"{\\\"bar\\\": \\\"baz\\\"}\",\"{\\\"foo\\\": \\\"qux\\\"}\"]"],["Stream","{\"{\\\"bar\\\": \\\"baz\\\"}\",\"{\\\"foo\\\": \\\"qux\\\"}\"}","[\"{\\\"bar\\\": \\\"baz\\\"}\",\"{\\\"foo\\\": \\\"qux\\\"}\"]"]]}
{"profile":"server","table":"array_table","meta":{"name":"jsonb_array","oid":3807,"typmod":-1,"typname":"_jsonb","kind":"Array","elem":"jsonb","elem_kind":"Base","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"array\",\"items\":{\"type\":\"string\",\"optional\":true,\"name\":\"io.debezium.data.Json\",\"version\":1},\"optional\":true,\"field\":\"jsonb_array\"}","cases":[["Snapshot","{\"{\\\"bar\\\": \\\"baz\\\"}\",\"{\\\"foo\\\": \\\"qux\\\"}\"}","[\"{\\\"bar\\\": \\\"baz\\\"}\",\"{\\\"foo\\\": \\\"qux\\\"}\"]"],["Stream","{\"{\\\"bar\\\": \\\"baz\\\"}\",\"{\\\"foo\\\": \\\"qux\\\"}\"}","[\"{\\\"bar\\\": \\\"baz\\\"}\",\"{\\\"foo\\\": \\\"qux\\\"}\"]"]]}
{"profile":"server","table":"array_table","meta":{"name":"oid_array","oid":1028,"typmod":-1,"typname":"_oid","kind":"Array","elem":"oid","elem_kind":"Base","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"array\",\"items\":{\"type\":\"int64\",\"optional\":true},\"optional\":true,\"field\":\"oid_array\"}","cases":[["Snapshot","{3,4000000000}","[3,4000000000]"],["Stream","{3,4000000000}","[3,4000000000]"]]}
{"profile":"server","table":"array_table_with_nulls","meta":{"name":"pk","oid":23,"typmod":-1,"typname":"int4","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":true,"default":"nextval('vs_p.array_table_with_nulls_pk_seq'::regclass)","base":""},"schema":"{\"type\":\"int32\",\"optional\":false,\"default\":0,\"field\":\"pk\"}","cases":[["Snapshot","1","1"],["Stream","1","1"],["Stream","2","2"]]}
{"profile":"server","table":"array_table_with_nulls","meta":{"name":"int_array","oid":1007,"typmod":-1,"typname":"_int4","kind":"Array","elem":"int4","elem_kind":"Base","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"array\",\"items\":{\"type\":\"int32\",\"optional\":true},\"optional\":true,\"field\":\"int_array\"}","cases":[["Snapshot",null,"null"],["Stream",null,"null"],["Stream","{1,2,3}","[1,2,3]"]]}
{"profile":"server","table":"array_table_with_nulls","meta":{"name":"bigint_array","oid":1016,"typmod":-1,"typname":"_int8","kind":"Array","elem":"int8","elem_kind":"Base","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"array\",\"items\":{\"type\":\"int64\",\"optional\":true},\"optional\":true,\"field\":\"bigint_array\"}","cases":[["Snapshot",null,"null"],["Stream",null,"null"]]}
{"profile":"server","table":"array_table_with_nulls","meta":{"name":"text_array","oid":1009,"typmod":-1,"typname":"_text","kind":"Array","elem":"text","elem_kind":"Base","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"array\",\"items\":{\"type\":\"string\",\"optional\":true},\"optional\":true,\"field\":\"text_array\"}","cases":[["Snapshot",null,"null"],["Stream",null,"null"]]}
{"profile":"server","table":"array_table_with_nulls","meta":{"name":"char_array","oid":1014,"typmod":14,"typname":"_bpchar","kind":"Array","elem":"bpchar","elem_kind":"Base","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"array\",\"items\":{\"type\":\"string\",\"optional\":true},\"optional\":true,\"field\":\"char_array\"}","cases":[["Snapshot",null,"null"],["Stream",null,"null"]]}
{"profile":"server","table":"array_table_with_nulls","meta":{"name":"varchar_array","oid":1015,"typmod":14,"typname":"_varchar","kind":"Array","elem":"varchar","elem_kind":"Base","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"array\",\"items\":{\"type\":\"string\",\"optional\":true},\"optional\":true,\"field\":\"varchar_array\"}","cases":[["Snapshot",null,"null"],["Stream",null,"null"]]}
{"profile":"server","table":"array_table_with_nulls","meta":{"name":"date_array","oid":1182,"typmod":-1,"typname":"_date","kind":"Array","elem":"date","elem_kind":"Base","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"array\",\"items\":{\"type\":\"int32\",\"optional\":true,\"name\":\"io.debezium.time.Date\",\"version\":1},\"optional\":true,\"field\":\"date_array\"}","cases":[["Snapshot",null,"null"],["Stream",null,"null"]]}
{"profile":"server","table":"array_table_with_nulls","meta":{"name":"numeric_array","oid":1231,"typmod":655366,"typname":"_numeric","kind":"Array","elem":"numeric","elem_kind":"Base","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"array\",\"items\":{\"type\":\"bytes\",\"optional\":true,\"name\":\"org.apache.kafka.connect.data.Decimal\",\"version\":1,\"parameters\":{\"scale\":\"2\",\"connect.decimal.precision\":\"10\"}},\"optional\":true,\"field\":\"numeric_array\"}","cases":[["Snapshot",null,"null"],["Stream",null,"null"]]}
{"profile":"server","table":"array_table_with_nulls","meta":{"name":"varnumeric_array","oid":1231,"typmod":-1,"typname":"_numeric","kind":"Array","elem":"numeric","elem_kind":"Base","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"array\",\"items\":{\"type\":\"struct\",\"fields\":[{\"type\":\"int32\",\"optional\":false,\"field\":\"scale\"},{\"type\":\"bytes\",\"optional\":false,\"field\":\"value\"}],\"optional\":true,\"name\":\"io.debezium.data.VariableScaleDecimal\",\"version\":1,\"doc\":\"Variable scaled decimal\"},\"optional\":true,\"field\":\"varnumeric_array\"}","cases":[["Snapshot",null,"null"],["Stream",null,"null"]]}
{"profile":"server","table":"array_table_with_nulls","meta":{"name":"citext_array","oid":22712,"typmod":-1,"typname":"_citext","kind":"Array","elem":"citext","elem_kind":"Base","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"array\",\"items\":{\"type\":\"string\",\"optional\":true},\"optional\":true,\"field\":\"citext_array\"}","cases":[["Snapshot",null,"null"],["Stream",null,"null"]]}
{"profile":"server","table":"array_table_with_nulls","meta":{"name":"inet_array","oid":1041,"typmod":-1,"typname":"_inet","kind":"Array","elem":"inet","elem_kind":"Base","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"array\",\"items\":{\"type\":\"string\",\"optional\":true},\"optional\":true,\"field\":\"inet_array\"}","cases":[["Snapshot",null,"null"],["Stream",null,"null"]]}
{"profile":"server","table":"array_table_with_nulls","meta":{"name":"cidr_array","oid":651,"typmod":-1,"typname":"_cidr","kind":"Array","elem":"cidr","elem_kind":"Base","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"array\",\"items\":{\"type\":\"string\",\"optional\":true},\"optional\":true,\"field\":\"cidr_array\"}","cases":[["Snapshot",null,"null"],["Stream",null,"null"]]}
{"profile":"server","table":"array_table_with_nulls","meta":{"name":"macaddr_array","oid":1040,"typmod":-1,"typname":"_macaddr","kind":"Array","elem":"macaddr","elem_kind":"Base","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"array\",\"items\":{\"type\":\"string\",\"optional\":true},\"optional\":true,\"field\":\"macaddr_array\"}","cases":[["Snapshot",null,"null"],["Stream",null,"null"]]}
{"profile":"server","table":"array_table_with_nulls","meta":{"name":"tsrange_array","oid":3909,"typmod":-1,"typname":"_tsrange","kind":"Array","elem":"tsrange","elem_kind":"Range","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"array\",\"items\":{\"type\":\"string\",\"optional\":true},\"optional\":true,\"field\":\"tsrange_array\"}","cases":[["Snapshot",null,"null"],["Stream",null,"null"]]}
{"profile":"server","table":"array_table_with_nulls","meta":{"name":"tstzrange_array","oid":3911,"typmod":-1,"typname":"_tstzrange","kind":"Array","elem":"tstzrange","elem_kind":"Range","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"array\",\"items\":{\"type\":\"string\",\"optional\":true},\"optional\":true,\"field\":\"tstzrange_array\"}","cases":[["Snapshot",null,"null"],["Stream",null,"null"]]}
{"profile":"server","table":"array_table_with_nulls","meta":{"name":"daterange_array","oid":3913,"typmod":-1,"typname":"_daterange","kind":"Array","elem":"daterange","elem_kind":"Range","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"array\",\"items\":{\"type\":\"string\",\"optional\":true},\"optional\":true,\"field\":\"daterange_array\"}","cases":[["Snapshot",null,"null"],["Stream",null,"null"]]}
{"profile":"server","table":"array_table_with_nulls","meta":{"name":"int4range_array","oid":3905,"typmod":-1,"typname":"_int4range","kind":"Array","elem":"int4range","elem_kind":"Range","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"array\",\"items\":{\"type\":\"string\",\"optional\":true},\"optional\":true,\"field\":\"int4range_array\"}","cases":[["Snapshot",null,"null"],["Stream",null,"null"]]}
{"profile":"server","table":"array_table_with_nulls","meta":{"name":"numerange_array","oid":3907,"typmod":-1,"typname":"_numrange","kind":"Array","elem":"numrange","elem_kind":"Range","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"array\",\"items\":{\"type\":\"string\",\"optional\":true},\"optional\":true,\"field\":\"numerange_array\"}","cases":[["Snapshot",null,"null"],["Stream",null,"null"]]}
{"profile":"server","table":"array_table_with_nulls","meta":{"name":"int8range_array","oid":3927,"typmod":-1,"typname":"_int8range","kind":"Array","elem":"int8range","elem_kind":"Range","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"array\",\"items\":{\"type\":\"string\",\"optional\":true},\"optional\":true,\"field\":\"int8range_array\"}","cases":[["Snapshot",null,"null"],["Stream",null,"null"]]}
{"profile":"server","table":"array_table_with_nulls","meta":{"name":"uuid_array","oid":2951,"typmod":-1,"typname":"_uuid","kind":"Array","elem":"uuid","elem_kind":"Base","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"array\",\"items\":{\"type\":\"string\",\"optional\":true,\"name\":\"io.debezium.data.Uuid\",\"version\":1},\"optional\":true,\"field\":\"uuid_array\"}","cases":[["Snapshot",null,"null"],["Stream",null,"null"]]}
{"profile":"server","table":"array_table_with_nulls","meta":{"name":"json_array","oid":199,"typmod":-1,"typname":"_json","kind":"Array","elem":"json","elem_kind":"Base","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"array\",\"items\":{\"type\":\"string\",\"optional\":true,\"name\":\"io.debezium.data.Json\",\"version\":1},\"optional\":true,\"field\":\"json_array\"}","cases":[["Snapshot",null,"null"],["Stream",null,"null"]]}
{"profile":"server","table":"array_table_with_nulls","meta":{"name":"jsonb_array","oid":3807,"typmod":-1,"typname":"_jsonb","kind":"Array","elem":"jsonb","elem_kind":"Base","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"array\",\"items\":{\"type\":\"string\",\"optional\":true,\"name\":\"io.debezium.data.Json\",\"version\":1},\"optional\":true,\"field\":\"jsonb_array\"}","cases":[["Snapshot",null,"null"],["Stream",null,"null"]]}
{"profile":"server","table":"bitbin_table","meta":{"name":"pk","oid":23,"typmod":-1,"typname":"int4","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":true,"default":"nextval('vs_p.bitbin_table_pk_seq'::regclass)","base":""},"schema":"{\"type\":\"int32\",\"optional\":false,\"default\":0,\"field\":\"pk\"}","cases":[["Snapshot","1","1"],["Stream","1","1"],["Stream","2","2"]]}
{"profile":"server","table":"bitbin_table","meta":{"name":"ba","oid":17,"typmod":-1,"typname":"bytea","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"bytes\",\"optional\":true,\"field\":\"ba\"}","cases":[["Snapshot","\\x010203","\"AQID\""],["Stream","\\x010203","\"AQID\""]]}
{"profile":"server","table":"bitbin_table","meta":{"name":"bol","oid":1560,"typmod":1,"typname":"bit","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"boolean\",\"optional\":true,\"field\":\"bol\"}","cases":[["Snapshot","0","false"],["Stream","0","false"],["Stream","1","true"]]}
{"profile":"server","table":"bitbin_table","meta":{"name":"bol2","oid":1560,"typmod":1,"typname":"bit","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"boolean\",\"optional\":true,\"field\":\"bol2\"}","cases":[["Snapshot","1","true"],["Stream","1","true"]]}
{"profile":"server","table":"bitbin_table","meta":{"name":"bs","oid":1560,"typmod":2,"typname":"bit","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"bytes\",\"optional\":true,\"name\":\"io.debezium.data.Bits\",\"version\":1,\"parameters\":{\"length\":\"2\"},\"field\":\"bs\"}","cases":[["Snapshot","11","\"Aw==\""],["Stream","01","\"AQ==\""],["Stream","11","\"Aw==\""]]}
{"profile":"server","table":"bitbin_table","meta":{"name":"bs7","oid":1560,"typmod":7,"typname":"bit","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"bytes\",\"optional\":true,\"name\":\"io.debezium.data.Bits\",\"version\":1,\"parameters\":{\"length\":\"7\"},\"field\":\"bs7\"}","cases":[["Snapshot","1000000","\"QA==\""],["Stream","1000000","\"QA==\""]]}
{"profile":"server","table":"bitbin_table","meta":{"name":"bv1","oid":1562,"typmod":1,"typname":"varbit","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"boolean\",\"optional\":true,\"field\":\"bv1\"}","cases":[["Snapshot","1","true"],["Stream","1","true"]]}
{"profile":"server","table":"bitbin_table","meta":{"name":"bv","oid":1562,"typmod":2,"typname":"varbit","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"bytes\",\"optional\":true,\"name\":\"io.debezium.data.Bits\",\"version\":1,\"parameters\":{\"length\":\"2\"},\"field\":\"bv\"}","cases":[["Snapshot","00","\"\""],["Stream","00","\"\""]]}
{"profile":"server","table":"bitbin_table","meta":{"name":"bv2","oid":1562,"typmod":24,"typname":"varbit","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"bytes\",\"optional\":true,\"name\":\"io.debezium.data.Bits\",\"version\":1,\"parameters\":{\"length\":\"24\"},\"field\":\"bv2\"}","cases":[["Snapshot","000000110000001000000001","\"AQID\""],["Stream","000000110000001000000001","\"AQID\""]]}
{"profile":"server","table":"bitbin_table","meta":{"name":"bvl","oid":1562,"typmod":64,"typname":"varbit","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"bytes\",\"optional\":true,\"name\":\"io.debezium.data.Bits\",\"version\":1,\"parameters\":{\"length\":\"64\"},\"field\":\"bvl\"}","cases":[["Snapshot","1000000000000000000000000000000000000000000000000000000000000000","\"AAAAAAAAAIA=\""],["Stream","1000000000000000000000000000000000000000000000000000000000000000","\"AAAAAAAAAIA=\""]]}
{"profile":"server","table":"bitbin_table","meta":{"name":"bvunlimited1","oid":1562,"typmod":-1,"typname":"varbit","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"bytes\",\"optional\":true,\"name\":\"io.debezium.data.Bits\",\"version\":1,\"parameters\":{\"length\":\"2147483647\"},\"field\":\"bvunlimited1\"}","cases":[["Snapshot","101","\"BQ==\""],["Stream","101","\"BQ==\""],["Stream","111","\"Bw==\""]]}
{"profile":"server","table":"bitbin_table","meta":{"name":"bvunlimited2","oid":1562,"typmod":-1,"typname":"varbit","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"bytes\",\"optional\":true,\"name\":\"io.debezium.data.Bits\",\"version\":1,\"parameters\":{\"length\":\"2147483647\"},\"field\":\"bvunlimited2\"}","cases":[["Snapshot","111011010001000110000001000000001","\"AQIj2gE=\""],["Stream","111011010001000110000001000000001","\"AQIj2gE=\""]]}
{"profile":"server","table":"bytea_binmode_table","meta":{"name":"pk","oid":23,"typmod":-1,"typname":"int4","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":true,"default":"nextval('vs_p.bytea_binmode_table_pk_seq'::regclass)","base":""},"schema":"{\"type\":\"int32\",\"optional\":false,\"default\":0,\"field\":\"pk\"}","cases":[["Snapshot","1","1"],["Stream","1","1"],["Stream","2","2"]]}
{"profile":"server","table":"bytea_binmode_table","meta":{"name":"ba","oid":17,"typmod":-1,"typname":"bytea","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"bytes\",\"optional\":true,\"field\":\"ba\"}","cases":[["Snapshot","\\x010203","\"AQID\""],["Stream","\\x010203","\"AQID\""]]}
{"profile":"server","table":"bytea_binmode_table","meta":{"name":"bytea_array","oid":1001,"typmod":-1,"typname":"_bytea","kind":"Array","elem":"bytea","elem_kind":"Base","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"array\",\"items\":{\"type\":\"bytes\",\"optional\":true},\"optional\":true,\"field\":\"bytea_array\"}","cases":[["Snapshot","{\"\\\\x000102\",\"\\\\x030405\"}","[\"AAEC\",\"AwQF\"]"],["Stream",null,"null"],["Stream","{\"\\\\x000102\",\"\\\\x030405\"}","[\"AAEC\",\"AwQF\"]"]]}
{"profile":"server","table":"cash_table","meta":{"name":"pk","oid":23,"typmod":-1,"typname":"int4","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":true,"default":"nextval('vs_p.cash_table_pk_seq'::regclass)","base":""},"schema":"{\"type\":\"int32\",\"optional\":false,\"default\":0,\"field\":\"pk\"}","cases":[["Snapshot","1","1"],["Snapshot","2","2"],["Snapshot","3","3"],["Snapshot","4","4"],["Stream","1","1"],["Stream","5","5"],["Stream","6","6"],["Stream","7","7"]]}
{"profile":"server","table":"cash_table","meta":{"name":"csh","oid":790,"typmod":-1,"typname":"money","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"bytes\",\"optional\":true,\"name\":\"org.apache.kafka.connect.data.Decimal\",\"version\":1,\"parameters\":{\"scale\":\"2\"},\"field\":\"csh\"}","cases":[["Snapshot",null,"null"],["Snapshot","$1,234.11","\"AeIT\""],["Snapshot","-$1,234.11","\"/h3t\""],["Snapshot","-$92,233,720,368,547,758.08","\"gAAAAAAAAAA=\""],["Stream",null,"null"],["Stream","$1,234.11","\"AeIT\""],["Stream","-$1,234.11","\"/h3t\""]]}
{"profile":"server","table":"cidr_network_address_table","meta":{"name":"pk","oid":23,"typmod":-1,"typname":"int4","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":true,"default":"nextval('vs_p.cidr_network_address_table_pk_seq'::regclass)","base":""},"schema":"{\"type\":\"int32\",\"optional\":false,\"default\":0,\"field\":\"pk\"}","cases":[["Snapshot","1","1"],["Stream","1","1"],["Stream","2","2"]]}
{"profile":"server","table":"cidr_network_address_table","meta":{"name":"i","oid":650,"typmod":-1,"typname":"cidr","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"string\",\"optional\":true,\"field\":\"i\"}","cases":[["Snapshot","192.168.100.128/25","\"192.168.100.128/25\""],["Stream","192.168.0.0/25","\"192.168.0.0/25\""],["Stream","192.168.100.128/25","\"192.168.100.128/25\""]]}
{"profile":"server","table":"custom_table","meta":{"name":"pk","oid":23,"typmod":-1,"typname":"int4","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":true,"default":"nextval('vs_p.custom_table_pk_seq'::regclass)","base":""},"schema":"{\"type\":\"int32\",\"optional\":false,\"default\":0,\"field\":\"pk\"}","cases":[["Snapshot","1","1"],["Stream","1","1"],["Stream","2","2"]]}
{"profile":"server","table":"custom_table","meta":{"name":"lt","oid":21850,"typmod":-1,"typname":"ltree","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"string\",\"optional\":true,\"name\":\"io.debezium.data.Ltree\",\"version\":1,\"field\":\"lt\"}","cases":[["Snapshot","Top.Collections.Pictures.Astronomy.Galaxies","\"Top.Collections.Pictures.Astronomy.Galaxies\""],["Stream","Top.Collections.Pictures.Astronomy.Galaxies","\"Top.Collections.Pictures.Astronomy.Galaxies\""]]}
{"profile":"server","table":"custom_table","meta":{"name":"i","oid":22051,"typmod":-1,"typname":"isbn","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":true,"default":null,"base":""},"schema":"{\"type\":\"string\",\"optional\":false,\"field\":\"i\"}","cases":[["Snapshot","0-393-04002-X","\"0-393-04002-X\""],["Stream","0-393-04002-X","\"0-393-04002-X\""]]}
{"profile":"server","table":"custom_table","meta":{"name":"n","oid":25,"typmod":-1,"typname":"text","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"string\",\"optional\":true,\"field\":\"n\"}","cases":[["Snapshot",null,"null"],["Stream",null,"null"],["Stream","some text","\"some text\""]]}
{"profile":"server","table":"custom_table","meta":{"name":"lt_array","oid":21853,"typmod":-1,"typname":"_ltree","kind":"Array","elem":"ltree","elem_kind":"Base","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"array\",\"items\":{\"type\":\"string\",\"optional\":true,\"name\":\"io.debezium.data.Ltree\",\"version\":1},\"optional\":true,\"field\":\"lt_array\"}","cases":[["Snapshot","{Ship.Frigate,Ship.Destroyer}","[\"Ship.Frigate\",\"Ship.Destroyer\"]"],["Stream",null,"null"],["Stream","{Ship.Frigate,Ship.Destroyer}","[\"Ship.Frigate\",\"Ship.Destroyer\"]"]]}
{"profile":"server","table":"geom_table","meta":{"name":"pk","oid":23,"typmod":-1,"typname":"int4","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":true,"default":"nextval('vs_p.geom_table_pk_seq'::regclass)","base":""},"schema":"{\"type\":\"int32\",\"optional\":false,\"default\":0,\"field\":\"pk\"}","cases":[["Snapshot","1","1"],["Stream","1","1"],["Stream","2","2"]]}
{"profile":"server","table":"geom_table","meta":{"name":"p","oid":600,"typmod":-1,"typname":"point","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"struct\",\"fields\":[{\"type\":\"double\",\"optional\":false,\"field\":\"x\"},{\"type\":\"double\",\"optional\":false,\"field\":\"y\"},{\"type\":\"bytes\",\"optional\":true,\"field\":\"wkb\"},{\"type\":\"int32\",\"optional\":true,\"field\":\"srid\"}],\"optional\":true,\"name\":\"io.debezium.data.geometry.Point\",\"version\":1,\"doc\":\"Geometry (POINT)\",\"field\":\"p\"}","cases":[["Snapshot","(1,1)","{\"x\":1.0,\"y\":1.0,\"wkb\":\"AQEAAAAAAAAAAADwPwAAAAAAAPA/\",\"srid\":null}"],["Stream","(0,0)","{\"x\":0.0,\"y\":0.0,\"wkb\":\"AQEAAAAAAAAAAAAAAAAAAAAAAAAA\",\"srid\":null}"],["Stream","(1,1)","{\"x\":1.0,\"y\":1.0,\"wkb\":\"AQEAAAAAAAAAAADwPwAAAAAAAPA/\",\"srid\":null}"]]}
{"profile":"server","table":"hstore_table","meta":{"name":"pk","oid":23,"typmod":-1,"typname":"int4","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":true,"default":"nextval('vs_p.hstore_table_pk_seq'::regclass)","base":""},"schema":"{\"type\":\"int32\",\"optional\":false,\"default\":0,\"field\":\"pk\"}","cases":[["Snapshot","1","1"],["Stream","1","1"],["Stream","2","2"]]}
{"profile":"server","table":"hstore_table","meta":{"name":"hs","oid":22812,"typmod":-1,"typname":"hstore","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"string\",\"optional\":true,\"name\":\"io.debezium.data.Json\",\"version\":1,\"field\":\"hs\"}","cases":[["Snapshot","\"key\"=>\"val\"","\"{\\\"key\\\":\\\"val\\\"}\""],["Stream","\"key\"=>\"val\"","\"{\\\"key\\\":\\\"val\\\"}\""],["Stream","\"key\"=>NULL","\"{\\\"key\\\":null}\""]]}
{"profile":"server","table":"hstore_table_mul","meta":{"name":"pk","oid":23,"typmod":-1,"typname":"int4","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":true,"default":"nextval('vs_p.hstore_table_mul_pk_seq'::regclass)","base":""},"schema":"{\"type\":\"int32\",\"optional\":false,\"default\":0,\"field\":\"pk\"}","cases":[["Snapshot","1","1"],["Stream","1","1"],["Stream","2","2"]]}
{"profile":"server","table":"hstore_table_mul","meta":{"name":"hs","oid":22812,"typmod":-1,"typname":"hstore","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"string\",\"optional\":true,\"name\":\"io.debezium.data.Json\",\"version\":1,\"field\":\"hs\"}","cases":[["Snapshot","\"key1\"=>\"val1\", \"key2\"=>\"val2\", \"key3\"=>\"val3\"","\"{\\\"key1\\\":\\\"val1\\\",\\\"key2\\\":\\\"val2\\\",\\\"key3\\\":\\\"val3\\\"}\""],["Stream","\"key1\"=>\"val1\", \"key2\"=>\"val2\", \"key3\"=>\"val3\"","\"{\\\"key1\\\":\\\"val1\\\",\\\"key2\\\":\\\"val2\\\",\\\"key3\\\":\\\"val3\\\"}\""]]}
{"profile":"server","table":"hstore_table_mul","meta":{"name":"hsarr","oid":22817,"typmod":-1,"typname":"_hstore","kind":"Array","elem":"hstore","elem_kind":"Base","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"array\",\"items\":{\"type\":\"string\",\"optional\":true,\"name\":\"io.debezium.data.Json\",\"version\":1},\"optional\":true,\"field\":\"hsarr\"}","cases":[["Snapshot","{\"\\\"key4\\\"=>\\\"val4\\\", \\\"key5\\\"=>NULL\",\"\\\"key6\\\"=>\\\"val6\\\"\"}","[\"{\\\"key5\\\":null,\\\"key4\\\":\\\"val4\\\"}\",\"{\\\"key6\\\":\\\"val6\\\"}\"]"],["Stream",null,"null"],["Stream","{\"\\\"key4\\\"=>\\\"val4\\\", \\\"key5\\\"=>NULL\",\"\\\"key6\\\"=>\\\"val6\\\"\"}","[\"{\\\"key5\\\":null,\\\"key4\\\":\\\"val4\\\"}\",\"{\\\"key6\\\":\\\"val6\\\"}\"]"]]}
{"profile":"server","table":"hstore_table_with_null","meta":{"name":"pk","oid":23,"typmod":-1,"typname":"int4","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":true,"default":"nextval('vs_p.hstore_table_with_null_pk_seq'::regclass)","base":""},"schema":"{\"type\":\"int32\",\"optional\":false,\"default\":0,\"field\":\"pk\"}","cases":[["Snapshot","1","1"],["Stream","2","2"]]}
{"profile":"server","table":"hstore_table_with_null","meta":{"name":"hs","oid":22812,"typmod":-1,"typname":"hstore","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"string\",\"optional\":true,\"name\":\"io.debezium.data.Json\",\"version\":1,\"field\":\"hs\"}","cases":[["Snapshot","\"key1\"=>\"val1\", \"key2\"=>NULL","\"{\\\"key1\\\":\\\"val1\\\",\\\"key2\\\":null}\""],["Stream",null,"null"],["Stream","\"key1\"=>\"val1\", \"key2\"=>NULL","\"{\\\"key1\\\":\\\"val1\\\",\\\"key2\\\":null}\""]]}
{"profile":"server","table":"hstore_table_with_special","meta":{"name":"pk","oid":23,"typmod":-1,"typname":"int4","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":true,"default":"nextval('vs_p.hstore_table_with_special_pk_seq'::regclass)","base":""},"schema":"{\"type\":\"int32\",\"optional\":false,\"default\":0,\"field\":\"pk\"}","cases":[["Snapshot","1","1"],["Stream","1","1"],["Stream","2","2"]]}
{"profile":"server","table":"hstore_table_with_special","meta":{"name":"hs","oid":22812,"typmod":-1,"typname":"hstore","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"string\",\"optional\":true,\"name\":\"io.debezium.data.Json\",\"version\":1,\"field\":\"hs\"}","cases":[["Snapshot","\"key 2\"=>\" ##123 78\", \"key_#1\"=>\"val 1\"","\"{\\\"key_#1\\\":\\\"val 1\\\",\\\"key 2\\\":\\\" ##123 78\\\"}\""],["Stream","","\"{}\""],["Stream","\"key 2\"=>\" ##123 78\", \"key_#1\"=>\"val 1\"","\"{\\\"key_#1\\\":\\\"val 1\\\",\\\"key 2\\\":\\\" ##123 78\\\"}\""]]}
{"profile":"server","table":"macaddr8_table","meta":{"name":"pk","oid":23,"typmod":-1,"typname":"int4","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":true,"default":"nextval('vs_p.macaddr8_table_pk_seq'::regclass)","base":""},"schema":"{\"type\":\"int32\",\"optional\":false,\"default\":0,\"field\":\"pk\"}","cases":[["Snapshot","1","1"],["Stream","1","1"],["Stream","2","2"]]}
{"profile":"server","table":"macaddr8_table","meta":{"name":"m","oid":774,"typmod":-1,"typname":"macaddr8","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"string\",\"optional\":true,\"field\":\"m\"}","cases":[["Snapshot","08:00:2b:01:02:03:04:05","\"08:00:2b:01:02:03:04:05\""],["Stream","08:00:2b:01:02:03:04:05","\"08:00:2b:01:02:03:04:05\""],["Stream","08:00:2b:ff:fe:01:02:03","\"08:00:2b:ff:fe:01:02:03\""]]}
{"profile":"server","table":"macaddr_table","meta":{"name":"pk","oid":23,"typmod":-1,"typname":"int4","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":true,"default":"nextval('vs_p.macaddr_table_pk_seq'::regclass)","base":""},"schema":"{\"type\":\"int32\",\"optional\":false,\"default\":0,\"field\":\"pk\"}","cases":[["Snapshot","1","1"],["Stream","1","1"],["Stream","2","2"]]}
{"profile":"server","table":"macaddr_table","meta":{"name":"m","oid":829,"typmod":-1,"typname":"macaddr","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"string\",\"optional\":true,\"field\":\"m\"}","cases":[["Snapshot","08:00:2b:01:02:03","\"08:00:2b:01:02:03\""],["Stream","08:00:2b:01:02:03","\"08:00:2b:01:02:03\""]]}
{"profile":"server","table":"network_address_table","meta":{"name":"pk","oid":23,"typmod":-1,"typname":"int4","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":true,"default":"nextval('vs_p.network_address_table_pk_seq'::regclass)","base":""},"schema":"{\"type\":\"int32\",\"optional\":false,\"default\":0,\"field\":\"pk\"}","cases":[["Snapshot","1","1"],["Stream","1","1"],["Stream","2","2"]]}
{"profile":"server","table":"network_address_table","meta":{"name":"i","oid":869,"typmod":-1,"typname":"inet","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"string\",\"optional\":true,\"field\":\"i\"}","cases":[["Snapshot","192.168.2.0/12","\"192.168.2.0/12\""],["Stream","192.168.1.1","\"192.168.1.1\""],["Stream","192.168.2.0/12","\"192.168.2.0/12\""]]}
{"profile":"server","table":"not_null_table","meta":{"name":"pk","oid":23,"typmod":-1,"typname":"int4","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":true,"default":"nextval('vs_p.not_null_table_pk_seq'::regclass)","base":""},"schema":"{\"type\":\"int32\",\"optional\":false,\"default\":0,\"field\":\"pk\"}","cases":[["Stream","1","1"]]}
{"profile":"server","table":"not_null_table","meta":{"name":"val","oid":1700,"typmod":1310732,"typname":"numeric","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"bytes\",\"optional\":true,\"name\":\"org.apache.kafka.connect.data.Decimal\",\"version\":1,\"parameters\":{\"scale\":\"8\",\"connect.decimal.precision\":\"20\"},\"field\":\"val\"}","cases":[["Stream","40.00000000","\"AO5rKAA=\""]]}
{"profile":"server","table":"not_null_table","meta":{"name":"created_at","oid":1114,"typmod":-1,"typname":"timestamp","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":true,"default":null,"base":""},"schema":"{\"type\":\"int64\",\"optional\":false,\"name\":\"io.debezium.time.MicroTimestamp\",\"version\":1,\"field\":\"created_at\"}","cases":[["Stream","2019-02-10 11:34:58","1549798498000000"]]}
{"profile":"server","table":"not_null_table","meta":{"name":"created_at_tz","oid":1184,"typmod":-1,"typname":"timestamptz","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":true,"default":null,"base":""},"schema":"{\"type\":\"string\",\"optional\":false,\"name\":\"io.debezium.time.ZonedTimestamp\",\"version\":1,\"field\":\"created_at_tz\"}","cases":[["Stream","2019-02-10 11:35:00+00","\"2019-02-10T11:35:00.000000Z\""]]}
{"profile":"server","table":"not_null_table","meta":{"name":"ctime","oid":1083,"typmod":-1,"typname":"time","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":true,"default":null,"base":""},"schema":"{\"type\":\"int64\",\"optional\":false,\"name\":\"io.debezium.time.MicroTime\",\"version\":1,\"field\":\"ctime\"}","cases":[["Stream","10:20:11","37211000000"]]}
{"profile":"server","table":"not_null_table","meta":{"name":"ctime_tz","oid":1266,"typmod":-1,"typname":"timetz","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":true,"default":null,"base":""},"schema":"{\"type\":\"string\",\"optional\":false,\"name\":\"io.debezium.time.ZonedTime\",\"version\":1,\"field\":\"ctime_tz\"}","cases":[["Stream","10:20:12+00","\"10:20:12Z\""]]}
{"profile":"server","table":"not_null_table","meta":{"name":"cdate","oid":1082,"typmod":-1,"typname":"date","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":true,"default":null,"base":""},"schema":"{\"type\":\"int32\",\"optional\":false,\"name\":\"io.debezium.time.Date\",\"version\":1,\"field\":\"cdate\"}","cases":[["Stream","2019-02-01","17928"]]}
{"profile":"server","table":"not_null_table","meta":{"name":"cmoney","oid":790,"typmod":-1,"typname":"money","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":true,"default":null,"base":""},"schema":"{\"type\":\"bytes\",\"optional\":false,\"name\":\"org.apache.kafka.connect.data.Decimal\",\"version\":1,\"parameters\":{\"scale\":\"2\"},\"field\":\"cmoney\"}","cases":[["Stream","$20.00","\"B9A=\""]]}
{"profile":"server","table":"not_null_table","meta":{"name":"cbits","oid":1560,"typmod":3,"typname":"bit","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":true,"default":null,"base":""},"schema":"{\"type\":\"bytes\",\"optional\":false,\"name\":\"io.debezium.data.Bits\",\"version\":1,\"parameters\":{\"length\":\"3\"},\"field\":\"cbits\"}","cases":[["Stream","101","\"BQ==\""]]}
{"profile":"server","table":"not_null_table","meta":{"name":"csmallint","oid":21,"typmod":-1,"typname":"int2","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":true,"default":null,"base":""},"schema":"{\"type\":\"int16\",\"optional\":false,\"field\":\"csmallint\"}","cases":[["Stream","32766","32766"]]}
{"profile":"server","table":"not_null_table","meta":{"name":"cinteger","oid":23,"typmod":-1,"typname":"int4","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":true,"default":null,"base":""},"schema":"{\"type\":\"int32\",\"optional\":false,\"field\":\"cinteger\"}","cases":[["Stream","2147483646","2147483646"]]}
{"profile":"server","table":"not_null_table","meta":{"name":"cbigint","oid":20,"typmod":-1,"typname":"int8","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":true,"default":null,"base":""},"schema":"{\"type\":\"int64\",\"optional\":false,\"field\":\"cbigint\"}","cases":[["Stream","9223372036854775806","9223372036854775806"]]}
{"profile":"server","table":"not_null_table","meta":{"name":"creal","oid":700,"typmod":-1,"typname":"float4","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":true,"default":null,"base":""},"schema":"{\"type\":\"float\",\"optional\":false,\"field\":\"creal\"}","cases":[["Stream","3.14","3.14"]]}
{"profile":"server","table":"not_null_table","meta":{"name":"cbool","oid":16,"typmod":-1,"typname":"bool","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":true,"default":null,"base":""},"schema":"{\"type\":\"boolean\",\"optional\":false,\"field\":\"cbool\"}","cases":[["Stream","t","true"]]}
{"profile":"server","table":"not_null_table","meta":{"name":"cfloat8","oid":701,"typmod":-1,"typname":"float8","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":true,"default":null,"base":""},"schema":"{\"type\":\"double\",\"optional\":false,\"field\":\"cfloat8\"}","cases":[["Stream","3.14768","3.14768"]]}
{"profile":"server","table":"not_null_table","meta":{"name":"cnumeric","oid":1700,"typmod":393222,"typname":"numeric","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":true,"default":null,"base":""},"schema":"{\"type\":\"bytes\",\"optional\":false,\"name\":\"org.apache.kafka.connect.data.Decimal\",\"version\":1,\"parameters\":{\"scale\":\"2\",\"connect.decimal.precision\":\"6\"},\"field\":\"cnumeric\"}","cases":[["Stream","1234.56","\"AeJA\""]]}
{"profile":"server","table":"not_null_table","meta":{"name":"cvarchar","oid":1043,"typmod":9,"typname":"varchar","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":true,"default":null,"base":""},"schema":"{\"type\":\"string\",\"optional\":false,\"field\":\"cvarchar\"}","cases":[["Stream","Test","\"Test\""]]}
{"profile":"server","table":"not_null_table","meta":{"name":"cbox","oid":603,"typmod":-1,"typname":"box","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":true,"default":null,"base":""},"schema":null,"cases":[]}
{"profile":"server","table":"not_null_table","meta":{"name":"ccircle","oid":718,"typmod":-1,"typname":"circle","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":true,"default":null,"base":""},"schema":null,"cases":[]}
{"profile":"server","table":"not_null_table","meta":{"name":"cinterval","oid":1186,"typmod":-1,"typname":"interval","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":true,"default":null,"base":""},"schema":"{\"type\":\"int64\",\"optional\":false,\"name\":\"io.debezium.time.MicroDuration\",\"version\":1,\"field\":\"cinterval\"}","cases":[["Stream","01:02:03","3723000000"]]}
{"profile":"server","table":"not_null_table","meta":{"name":"cline","oid":628,"typmod":-1,"typname":"line","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":true,"default":null,"base":""},"schema":null,"cases":[]}
{"profile":"server","table":"not_null_table","meta":{"name":"clseg","oid":601,"typmod":-1,"typname":"lseg","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":true,"default":null,"base":""},"schema":null,"cases":[]}
{"profile":"server","table":"not_null_table","meta":{"name":"cpath","oid":602,"typmod":-1,"typname":"path","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":true,"default":null,"base":""},"schema":null,"cases":[]}
{"profile":"server","table":"not_null_table","meta":{"name":"cpoint","oid":600,"typmod":-1,"typname":"point","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":true,"default":null,"base":""},"schema":"{\"type\":\"struct\",\"fields\":[{\"type\":\"double\",\"optional\":false,\"field\":\"x\"},{\"type\":\"double\",\"optional\":false,\"field\":\"y\"},{\"type\":\"bytes\",\"optional\":true,\"field\":\"wkb\"},{\"type\":\"int32\",\"optional\":true,\"field\":\"srid\"}],\"optional\":false,\"name\":\"io.debezium.data.geometry.Point\",\"version\":1,\"doc\":\"Geometry (POINT)\",\"field\":\"cpoint\"}","cases":[["Stream","(1,1)","{\"x\":1.0,\"y\":1.0,\"wkb\":\"AQEAAAAAAAAAAADwPwAAAAAAAPA/\",\"srid\":null}"]]}
{"profile":"server","table":"not_null_table","meta":{"name":"cpolygon","oid":604,"typmod":-1,"typname":"polygon","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":true,"default":null,"base":""},"schema":null,"cases":[]}
{"profile":"server","table":"not_null_table","meta":{"name":"cchar","oid":1042,"typmod":5,"typname":"bpchar","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":true,"default":null,"base":""},"schema":"{\"type\":\"string\",\"optional\":false,\"field\":\"cchar\"}","cases":[["Stream","a","\"a\""]]}
{"profile":"server","table":"not_null_table","meta":{"name":"ctext","oid":25,"typmod":-1,"typname":"text","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":true,"default":null,"base":""},"schema":"{\"type\":\"string\",\"optional\":false,\"field\":\"ctext\"}","cases":[["Stream","hello world","\"hello world\""]]}
{"profile":"server","table":"not_null_table","meta":{"name":"cjson","oid":114,"typmod":-1,"typname":"json","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":true,"default":null,"base":""},"schema":"{\"type\":\"string\",\"optional\":false,\"name\":\"io.debezium.data.Json\",\"version\":1,\"field\":\"cjson\"}","cases":[["Stream","{\"key\": 123}","\"{\\\"key\\\": 123}\""]]}
{"profile":"server","table":"not_null_table","meta":{"name":"cxml","oid":142,"typmod":-1,"typname":"xml","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":true,"default":null,"base":""},"schema":"{\"type\":\"string\",\"optional\":false,\"name\":\"io.debezium.data.Xml\",\"version\":1,\"field\":\"cxml\"}","cases":[["Stream","<doc><item>abc</item></doc>","\"<doc><item>abc</item></doc>\""]]}
{"profile":"server","table":"not_null_table","meta":{"name":"cuuid","oid":2950,"typmod":-1,"typname":"uuid","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":true,"default":null,"base":""},"schema":"{\"type\":\"string\",\"optional\":false,\"name\":\"io.debezium.data.Uuid\",\"version\":1,\"field\":\"cuuid\"}","cases":[["Stream","a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11","\"a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11\""]]}
{"profile":"server","table":"not_null_table","meta":{"name":"cvarbit","oid":1562,"typmod":3,"typname":"varbit","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":true,"default":null,"base":""},"schema":"{\"type\":\"bytes\",\"optional\":false,\"name\":\"io.debezium.data.Bits\",\"version\":1,\"parameters\":{\"length\":\"3\"},\"field\":\"cvarbit\"}","cases":[["Stream","101","\"BQ==\""]]}
{"profile":"server","table":"not_null_table","meta":{"name":"cinet","oid":869,"typmod":-1,"typname":"inet","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":true,"default":null,"base":""},"schema":"{\"type\":\"string\",\"optional\":false,\"field\":\"cinet\"}","cases":[["Stream","192.168.1.100","\"192.168.1.100\""]]}
{"profile":"server","table":"not_null_table","meta":{"name":"ccidr","oid":650,"typmod":-1,"typname":"cidr","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":true,"default":null,"base":""},"schema":"{\"type\":\"string\",\"optional\":false,\"field\":\"ccidr\"}","cases":[["Stream","192.168.1.0/24","\"192.168.1.0/24\""]]}
{"profile":"server","table":"not_null_table","meta":{"name":"cmacaddr","oid":829,"typmod":-1,"typname":"macaddr","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":true,"default":null,"base":""},"schema":"{\"type\":\"string\",\"optional\":false,\"field\":\"cmacaddr\"}","cases":[["Stream","08:00:2b:01:02:03","\"08:00:2b:01:02:03\""]]}
{"profile":"server","table":"numeric_decimal_table","meta":{"name":"pk","oid":23,"typmod":-1,"typname":"int4","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":true,"default":"nextval('vs_p.numeric_decimal_table_pk_seq'::regclass)","base":""},"schema":"{\"type\":\"int32\",\"optional\":false,\"default\":0,\"field\":\"pk\"}","cases":[["Snapshot","1","1"],["Snapshot","2","2"],["Snapshot","3","3"],["Stream","1","1"],["Stream","4","4"],["Stream","5","5"],["Stream","6","6"]]}
{"profile":"server","table":"numeric_decimal_table","meta":{"name":"d","oid":1700,"typmod":196614,"typname":"numeric","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"bytes\",\"optional\":true,\"name\":\"org.apache.kafka.connect.data.Decimal\",\"version\":1,\"parameters\":{\"scale\":\"2\",\"connect.decimal.precision\":\"3\"},\"field\":\"d\"}","cases":[["Snapshot","1.10","\"bg==\""],["Stream",null,"null"],["Stream","1.10","\"bg==\""]]}
{"profile":"server","table":"numeric_decimal_table","meta":{"name":"dzs","oid":1700,"typmod":262148,"typname":"numeric","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"bytes\",\"optional\":true,\"name\":\"org.apache.kafka.connect.data.Decimal\",\"version\":1,\"parameters\":{\"scale\":\"0\",\"connect.decimal.precision\":\"4\"},\"field\":\"dzs\"}","cases":[["Snapshot","10","\"Cg==\""],["Stream",null,"null"],["Stream","10","\"Cg==\""]]}
{"profile":"server","table":"numeric_decimal_table","meta":{"name":"dvs","oid":1700,"typmod":-1,"typname":"numeric","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"struct\",\"fields\":[{\"type\":\"int32\",\"optional\":false,\"field\":\"scale\"},{\"type\":\"bytes\",\"optional\":false,\"field\":\"value\"}],\"optional\":true,\"name\":\"io.debezium.data.VariableScaleDecimal\",\"version\":1,\"doc\":\"Variable scaled decimal\",\"field\":\"dvs\"}","cases":[["Snapshot","10.1111","{\"scale\":4,\"value\":\"AYr3\"}"],["Stream",null,"null"],["Stream","10.1111","{\"scale\":4,\"value\":\"AYr3\"}"],["Stream","Infinity","null"]]}
{"profile":"server","table":"numeric_decimal_table","meta":{"name":"d_nn","oid":1700,"typmod":196614,"typname":"numeric","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":true,"default":null,"base":""},"schema":"{\"type\":\"bytes\",\"optional\":false,\"name\":\"org.apache.kafka.connect.data.Decimal\",\"version\":1,\"parameters\":{\"scale\":\"2\",\"connect.decimal.precision\":\"3\"},\"field\":\"d_nn\"}","cases":[["Snapshot","3.30","\"AUo=\""],["Stream",null,"\"AA==\""],["Stream","3.30","\"AUo=\""]]}
{"profile":"server","table":"numeric_decimal_table","meta":{"name":"n","oid":1700,"typmod":393224,"typname":"numeric","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"bytes\",\"optional\":true,\"name\":\"org.apache.kafka.connect.data.Decimal\",\"version\":1,\"parameters\":{\"scale\":\"4\",\"connect.decimal.precision\":\"6\"},\"field\":\"n\"}","cases":[["Snapshot","22.2200","\"A2P4\""],["Stream",null,"null"],["Stream","22.2200","\"A2P4\""]]}
{"profile":"server","table":"numeric_decimal_table","meta":{"name":"nzs","oid":1700,"typmod":262148,"typname":"numeric","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"bytes\",\"optional\":true,\"name\":\"org.apache.kafka.connect.data.Decimal\",\"version\":1,\"parameters\":{\"scale\":\"0\",\"connect.decimal.precision\":\"4\"},\"field\":\"nzs\"}","cases":[["Snapshot","22","\"Fg==\""],["Stream",null,"null"],["Stream","22","\"Fg==\""]]}
{"profile":"server","table":"numeric_decimal_table","meta":{"name":"nvs","oid":1700,"typmod":-1,"typname":"numeric","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"struct\",\"fields\":[{\"type\":\"int32\",\"optional\":false,\"field\":\"scale\"},{\"type\":\"bytes\",\"optional\":false,\"field\":\"value\"}],\"optional\":true,\"name\":\"io.debezium.data.VariableScaleDecimal\",\"version\":1,\"doc\":\"Variable scaled decimal\",\"field\":\"nvs\"}","cases":[["Snapshot","22.2222","{\"scale\":4,\"value\":\"A2QO\"}"],["Stream",null,"null"],["Stream","22.2222","{\"scale\":4,\"value\":\"A2QO\"}"],["Stream","NaN","null"]]}
{"profile":"server","table":"numeric_decimal_table","meta":{"name":"d_int","oid":1700,"typmod":196614,"typname":"numeric","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"bytes\",\"optional\":true,\"name\":\"org.apache.kafka.connect.data.Decimal\",\"version\":1,\"parameters\":{\"scale\":\"2\",\"connect.decimal.precision\":\"3\"},\"field\":\"d_int\"}","cases":[["Snapshot","1.00","\"ZA==\""],["Stream",null,"null"],["Stream","1.00","\"ZA==\""]]}
{"profile":"server","table":"numeric_decimal_table","meta":{"name":"dzs_int","oid":1700,"typmod":262148,"typname":"numeric","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"bytes\",\"optional\":true,\"name\":\"org.apache.kafka.connect.data.Decimal\",\"version\":1,\"parameters\":{\"scale\":\"0\",\"connect.decimal.precision\":\"4\"},\"field\":\"dzs_int\"}","cases":[["Snapshot","10","\"Cg==\""],["Stream",null,"null"],["Stream","10","\"Cg==\""]]}
{"profile":"server","table":"numeric_decimal_table","meta":{"name":"dvs_int","oid":1700,"typmod":-1,"typname":"numeric","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"struct\",\"fields\":[{\"type\":\"int32\",\"optional\":false,\"field\":\"scale\"},{\"type\":\"bytes\",\"optional\":false,\"field\":\"value\"}],\"optional\":true,\"name\":\"io.debezium.data.VariableScaleDecimal\",\"version\":1,\"doc\":\"Variable scaled decimal\",\"field\":\"dvs_int\"}","cases":[["Snapshot","10","{\"scale\":0,\"value\":\"Cg==\"}"],["Stream",null,"null"],["Stream","10","{\"scale\":0,\"value\":\"Cg==\"}"]]}
{"profile":"server","table":"numeric_decimal_table","meta":{"name":"n_int","oid":1700,"typmod":393224,"typname":"numeric","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"bytes\",\"optional\":true,\"name\":\"org.apache.kafka.connect.data.Decimal\",\"version\":1,\"parameters\":{\"scale\":\"4\",\"connect.decimal.precision\":\"6\"},\"field\":\"n_int\"}","cases":[["Snapshot","22.0000","\"A1tg\""],["Stream",null,"null"],["Stream","22.0000","\"A1tg\""]]}
{"profile":"server","table":"numeric_decimal_table","meta":{"name":"nzs_int","oid":1700,"typmod":262148,"typname":"numeric","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"bytes\",\"optional\":true,\"name\":\"org.apache.kafka.connect.data.Decimal\",\"version\":1,\"parameters\":{\"scale\":\"0\",\"connect.decimal.precision\":\"4\"},\"field\":\"nzs_int\"}","cases":[["Snapshot","22","\"Fg==\""],["Stream",null,"null"],["Stream","22","\"Fg==\""]]}
{"profile":"server","table":"numeric_decimal_table","meta":{"name":"nvs_int","oid":1700,"typmod":-1,"typname":"numeric","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"struct\",\"fields\":[{\"type\":\"int32\",\"optional\":false,\"field\":\"scale\"},{\"type\":\"bytes\",\"optional\":false,\"field\":\"value\"}],\"optional\":true,\"name\":\"io.debezium.data.VariableScaleDecimal\",\"version\":1,\"doc\":\"Variable scaled decimal\",\"field\":\"nvs_int\"}","cases":[["Snapshot","22","{\"scale\":0,\"value\":\"Fg==\"}"],["Stream",null,"null"],["Stream","22","{\"scale\":0,\"value\":\"Fg==\"}"]]}
{"profile":"server","table":"numeric_decimal_table","meta":{"name":"d_nan","oid":1700,"typmod":196614,"typname":"numeric","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"bytes\",\"optional\":true,\"name\":\"org.apache.kafka.connect.data.Decimal\",\"version\":1,\"parameters\":{\"scale\":\"2\",\"connect.decimal.precision\":\"3\"},\"field\":\"d_nan\"}","cases":[["Snapshot",null,"null"],["Snapshot","NaN","null"],["Stream",null,"null"],["Stream","NaN","null"]]}
{"profile":"server","table":"numeric_decimal_table","meta":{"name":"dzs_nan","oid":1700,"typmod":262148,"typname":"numeric","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"bytes\",\"optional\":true,\"name\":\"org.apache.kafka.connect.data.Decimal\",\"version\":1,\"parameters\":{\"scale\":\"0\",\"connect.decimal.precision\":\"4\"},\"field\":\"dzs_nan\"}","cases":[["Snapshot",null,"null"],["Snapshot","NaN","null"],["Stream",null,"null"],["Stream","NaN","null"]]}
{"profile":"server","table":"numeric_decimal_table","meta":{"name":"dvs_nan","oid":1700,"typmod":-1,"typname":"numeric","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"struct\",\"fields\":[{\"type\":\"int32\",\"optional\":false,\"field\":\"scale\"},{\"type\":\"bytes\",\"optional\":false,\"field\":\"value\"}],\"optional\":true,\"name\":\"io.debezium.data.VariableScaleDecimal\",\"version\":1,\"doc\":\"Variable scaled decimal\",\"field\":\"dvs_nan\"}","cases":[["Snapshot",null,"null"],["Snapshot","Infinity","null"],["Snapshot","NaN","null"],["Stream",null,"null"],["Stream","Infinity","null"],["Stream","NaN","null"]]}
{"profile":"server","table":"numeric_decimal_table","meta":{"name":"n_nan","oid":1700,"typmod":393224,"typname":"numeric","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"bytes\",\"optional\":true,\"name\":\"org.apache.kafka.connect.data.Decimal\",\"version\":1,\"parameters\":{\"scale\":\"4\",\"connect.decimal.precision\":\"6\"},\"field\":\"n_nan\"}","cases":[["Snapshot",null,"null"],["Snapshot","NaN","null"],["Stream",null,"null"],["Stream","NaN","null"]]}
{"profile":"server","table":"numeric_decimal_table","meta":{"name":"nzs_nan","oid":1700,"typmod":262148,"typname":"numeric","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"bytes\",\"optional\":true,\"name\":\"org.apache.kafka.connect.data.Decimal\",\"version\":1,\"parameters\":{\"scale\":\"0\",\"connect.decimal.precision\":\"4\"},\"field\":\"nzs_nan\"}","cases":[["Snapshot",null,"null"],["Snapshot","NaN","null"],["Stream",null,"null"],["Stream","NaN","null"]]}
{"profile":"server","table":"numeric_decimal_table","meta":{"name":"nvs_nan","oid":1700,"typmod":-1,"typname":"numeric","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"struct\",\"fields\":[{\"type\":\"int32\",\"optional\":false,\"field\":\"scale\"},{\"type\":\"bytes\",\"optional\":false,\"field\":\"value\"}],\"optional\":true,\"name\":\"io.debezium.data.VariableScaleDecimal\",\"version\":1,\"doc\":\"Variable scaled decimal\",\"field\":\"nvs_nan\"}","cases":[["Snapshot",null,"null"],["Snapshot","-Infinity","null"],["Snapshot","NaN","null"],["Stream",null,"null"],["Stream","-Infinity","null"],["Stream","NaN","null"]]}
{"profile":"server","table":"numeric_table","meta":{"name":"pk","oid":23,"typmod":-1,"typname":"int4","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":true,"default":"nextval('vs_p.numeric_table_pk_seq'::regclass)","base":""},"schema":"{\"type\":\"int32\",\"optional\":false,\"default\":0,\"field\":\"pk\"}","cases":[["Snapshot","1","1"],["Stream","1","1"],["Stream","2","2"]]}
{"profile":"server","table":"numeric_table","meta":{"name":"si","oid":21,"typmod":-1,"typname":"int2","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"int16\",\"optional\":true,\"field\":\"si\"}","cases":[["Snapshot","1","1"],["Stream","1","1"],["Stream","2","2"]]}
{"profile":"server","table":"numeric_table","meta":{"name":"i","oid":23,"typmod":-1,"typname":"int4","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"int32\",\"optional\":true,\"field\":\"i\"}","cases":[["Snapshot","123456","123456"],["Stream","123456","123456"]]}
{"profile":"server","table":"numeric_table","meta":{"name":"bi","oid":20,"typmod":-1,"typname":"int8","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"int64\",\"optional\":true,\"field\":\"bi\"}","cases":[["Snapshot","1234567890123","1234567890123"],["Stream","1234567890123","1234567890123"]]}
{"profile":"server","table":"numeric_table","meta":{"name":"r","oid":700,"typmod":-1,"typname":"float4","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"float\",\"optional\":true,\"field\":\"r\"}","cases":[["Snapshot","3.3","3.3"],["Stream","3.3","3.3"],["Stream","NaN","\"NaN\""]]}
{"profile":"server","table":"numeric_table","meta":{"name":"db","oid":701,"typmod":-1,"typname":"float8","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"double\",\"optional\":true,\"field\":\"db\"}","cases":[["Snapshot","4.44","4.44"],["Stream","-Infinity","\"-Infinity\""],["Stream","4.44","4.44"]]}
{"profile":"server","table":"numeric_table","meta":{"name":"r_int","oid":700,"typmod":-1,"typname":"float4","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"float\",\"optional\":true,\"field\":\"r_int\"}","cases":[["Snapshot","3","3.0"],["Stream","3","3.0"]]}
{"profile":"server","table":"numeric_table","meta":{"name":"db_int","oid":701,"typmod":-1,"typname":"float8","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"double\",\"optional\":true,\"field\":\"db_int\"}","cases":[["Snapshot","4","4.0"],["Stream","4","4.0"]]}
{"profile":"server","table":"numeric_table","meta":{"name":"r_nan","oid":700,"typmod":-1,"typname":"float4","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"float\",\"optional\":true,\"field\":\"r_nan\"}","cases":[["Snapshot","NaN","\"NaN\""],["Stream","NaN","\"NaN\""]]}
{"profile":"server","table":"numeric_table","meta":{"name":"db_nan","oid":701,"typmod":-1,"typname":"float8","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"double\",\"optional\":true,\"field\":\"db_nan\"}","cases":[["Snapshot","NaN","\"NaN\""],["Stream","NaN","\"NaN\""]]}
{"profile":"server","table":"numeric_table","meta":{"name":"r_pinf","oid":700,"typmod":-1,"typname":"float4","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"float\",\"optional\":true,\"field\":\"r_pinf\"}","cases":[["Snapshot","Infinity","\"Infinity\""],["Stream","Infinity","\"Infinity\""]]}
{"profile":"server","table":"numeric_table","meta":{"name":"db_pinf","oid":701,"typmod":-1,"typname":"float8","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"double\",\"optional\":true,\"field\":\"db_pinf\"}","cases":[["Snapshot","Infinity","\"Infinity\""],["Stream","Infinity","\"Infinity\""]]}
{"profile":"server","table":"numeric_table","meta":{"name":"r_ninf","oid":700,"typmod":-1,"typname":"float4","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"float\",\"optional\":true,\"field\":\"r_ninf\"}","cases":[["Snapshot","-Infinity","\"-Infinity\""],["Stream","-Infinity","\"-Infinity\""]]}
{"profile":"server","table":"numeric_table","meta":{"name":"db_ninf","oid":701,"typmod":-1,"typname":"float8","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"double\",\"optional\":true,\"field\":\"db_ninf\"}","cases":[["Snapshot","-Infinity","\"-Infinity\""],["Stream","-Infinity","\"-Infinity\""]]}
{"profile":"server","table":"numeric_table","meta":{"name":"ss","oid":21,"typmod":-1,"typname":"int2","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":true,"default":"nextval('vs_p.numeric_table_ss_seq'::regclass)","base":""},"schema":"{\"type\":\"int16\",\"optional\":false,\"default\":0,\"field\":\"ss\"}","cases":[["Snapshot","1","1"],["Stream","1","1"]]}
{"profile":"server","table":"numeric_table","meta":{"name":"bs","oid":20,"typmod":-1,"typname":"int8","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":true,"default":"nextval('vs_p.numeric_table_bs_seq'::regclass)","base":""},"schema":"{\"type\":\"int64\",\"optional\":false,\"default\":0,\"field\":\"bs\"}","cases":[["Snapshot","123","123"],["Stream","123","123"]]}
{"profile":"server","table":"numeric_table","meta":{"name":"b","oid":16,"typmod":-1,"typname":"bool","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"boolean\",\"optional\":true,\"field\":\"b\"}","cases":[["Snapshot","t","true"],["Stream","f","false"],["Stream","t","true"]]}
{"profile":"server","table":"numeric_table","meta":{"name":"o","oid":26,"typmod":-1,"typname":"oid","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"int64\",\"optional\":true,\"field\":\"o\"}","cases":[["Snapshot","4000000000","4000000000"],["Stream","4000000000","4000000000"]]}
{"profile":"server","table":"range_table","meta":{"name":"pk","oid":23,"typmod":-1,"typname":"int4","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":true,"default":"nextval('vs_p.range_table_pk_seq'::regclass)","base":""},"schema":"{\"type\":\"int32\",\"optional\":false,\"default\":0,\"field\":\"pk\"}","cases":[["Snapshot","1","1"],["Stream","1","1"],["Stream","2","2"]]}
{"profile":"server","table":"range_table","meta":{"name":"unbounded_exclusive_tsrange","oid":3908,"typmod":-1,"typname":"tsrange","kind":"Range","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"string\",\"optional\":true,\"field\":\"unbounded_exclusive_tsrange\"}","cases":[["Snapshot","[\"2019-03-31 15:30:00\",infinity)","\"[\\\"2019-03-31 15:30:00\\\",infinity)\""],["Stream","[\"2019-03-31 15:30:00\",infinity)","\"[\\\"2019-03-31 15:30:00\\\",infinity)\""]]}
{"profile":"server","table":"range_table","meta":{"name":"bounded_inclusive_tsrange","oid":3908,"typmod":-1,"typname":"tsrange","kind":"Range","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"string\",\"optional\":true,\"field\":\"bounded_inclusive_tsrange\"}","cases":[["Snapshot","[\"2019-03-31 15:30:00\",\"2019-04-30 15:30:00\"]","\"[\\\"2019-03-31 15:30:00\\\",\\\"2019-04-30 15:30:00\\\"]\""],["Stream","[\"2019-03-31 15:30:00\",\"2019-04-30 15:30:00\"]","\"[\\\"2019-03-31 15:30:00\\\",\\\"2019-04-30 15:30:00\\\"]\""]]}
{"profile":"server","table":"range_table","meta":{"name":"unbounded_exclusive_tstzrange","oid":3910,"typmod":-1,"typname":"tstzrange","kind":"Range","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"string\",\"optional\":true,\"field\":\"unbounded_exclusive_tstzrange\"}","cases":[["Snapshot","[\"2017-06-05 11:29:12.549426+00\",)","\"[\\\"2017-06-05 11:29:12.549426+00\\\",)\""],["Stream","[\"2017-06-05 11:29:12.549426+00\",)","\"[\\\"2017-06-05 11:29:12.549426+00\\\",)\""]]}
{"profile":"server","table":"range_table","meta":{"name":"bounded_inclusive_tstzrange","oid":3910,"typmod":-1,"typname":"tstzrange","kind":"Range","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"string\",\"optional\":true,\"field\":\"bounded_inclusive_tstzrange\"}","cases":[["Snapshot","[\"2017-06-05 11:29:12.549426+00\",\"2017-06-05 12:34:56.789012+00\"]","\"[\\\"2017-06-05 11:29:12.549426+00\\\",\\\"2017-06-05 12:34:56.789012+00\\\"]\""],["Stream","[\"2017-06-05 11:29:12.549426+00\",\"2017-06-05 12:34:56.789012+00\"]","\"[\\\"2017-06-05 11:29:12.549426+00\\\",\\\"2017-06-05 12:34:56.789012+00\\\"]\""]]}
{"profile":"server","table":"range_table","meta":{"name":"unbounded_exclusive_daterange","oid":3912,"typmod":-1,"typname":"daterange","kind":"Range","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"string\",\"optional\":true,\"field\":\"unbounded_exclusive_daterange\"}","cases":[["Snapshot","[2019-03-31,infinity)","\"[2019-03-31,infinity)\""],["Stream","[2019-03-31,infinity)","\"[2019-03-31,infinity)\""]]}
{"profile":"server","table":"range_table","meta":{"name":"bounded_exclusive_daterange","oid":3912,"typmod":-1,"typname":"daterange","kind":"Range","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"string\",\"optional\":true,\"field\":\"bounded_exclusive_daterange\"}","cases":[["Snapshot","[2019-03-31,2019-04-30)","\"[2019-03-31,2019-04-30)\""],["Stream","[2019-03-31,2019-04-30)","\"[2019-03-31,2019-04-30)\""]]}
{"profile":"server","table":"range_table","meta":{"name":"int4_number_range","oid":3904,"typmod":-1,"typname":"int4range","kind":"Range","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"string\",\"optional\":true,\"field\":\"int4_number_range\"}","cases":[["Snapshot","[1000,6000)","\"[1000,6000)\""],["Stream","[1,6)","\"[1,6)\""],["Stream","[1000,6000)","\"[1000,6000)\""]]}
{"profile":"server","table":"range_table","meta":{"name":"numerange","oid":3906,"typmod":-1,"typname":"numrange","kind":"Range","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"string\",\"optional\":true,\"field\":\"numerange\"}","cases":[["Snapshot","[5.3,6.3)","\"[5.3,6.3)\""],["Stream","[5.3,6.3)","\"[5.3,6.3)\""],["Stream","empty","\"empty\""]]}
{"profile":"server","table":"range_table","meta":{"name":"int8_number_range","oid":3926,"typmod":-1,"typname":"int8range","kind":"Range","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"string\",\"optional\":true,\"field\":\"int8_number_range\"}","cases":[["Snapshot","[1000000,6000000)","\"[1000000,6000000)\""],["Stream","[1000000,6000000)","\"[1000000,6000000)\""]]}
{"profile":"server","table":"string_table","meta":{"name":"pk","oid":23,"typmod":-1,"typname":"int4","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":true,"default":"nextval('vs_p.string_table_pk_seq'::regclass)","base":""},"schema":"{\"type\":\"int32\",\"optional\":false,\"default\":0,\"field\":\"pk\"}","cases":[["Snapshot","1","1"],["Stream","1","1"],["Stream","2","2"]]}
{"profile":"server","table":"string_table","meta":{"name":"vc","oid":1043,"typmod":6,"typname":"varchar","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"string\",\"optional\":true,\"field\":\"vc\"}","cases":[["Snapshot","žš","\"žš\""],["Stream","bb","\"bb\""],["Stream","žš","\"žš\""]]}
{"profile":"server","table":"string_table","meta":{"name":"vcv","oid":1043,"typmod":6,"typname":"varchar","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"string\",\"optional\":true,\"field\":\"vcv\"}","cases":[["Snapshot","bb","\"bb\""],["Stream","bb","\"bb\""]]}
{"profile":"server","table":"string_table","meta":{"name":"ch","oid":1042,"typmod":8,"typname":"bpchar","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"string\",\"optional\":true,\"field\":\"ch\"}","cases":[["Snapshot","cdef","\"cdef\""],["Stream","cdef","\"cdef\""]]}
{"profile":"server","table":"string_table","meta":{"name":"c","oid":1042,"typmod":7,"typname":"bpchar","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"string\",\"optional\":true,\"field\":\"c\"}","cases":[["Snapshot","abc","\"abc\""],["Stream","abc","\"abc\""]]}
{"profile":"server","table":"string_table","meta":{"name":"t","oid":25,"typmod":-1,"typname":"text","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"string\",\"optional\":true,\"field\":\"t\"}","cases":[["Snapshot","some text","\"some text\""],["Stream",null,"null"],["Stream","some text","\"some text\""]]}
{"profile":"server","table":"string_table","meta":{"name":"b","oid":17,"typmod":-1,"typname":"bytea","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"bytes\",\"optional\":true,\"field\":\"b\"}","cases":[["Snapshot","\\x000102","\"AAEC\""],["Stream","\\x000102","\"AAEC\""],["Stream","\\x030405","\"AwQF\""]]}
{"profile":"server","table":"string_table","meta":{"name":"bnn","oid":17,"typmod":-1,"typname":"bytea","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":true,"default":null,"base":""},"schema":"{\"type\":\"bytes\",\"optional\":false,\"field\":\"bnn\"}","cases":[["Snapshot","\\x030405","\"AwQF\""],["Stream","\\x030405","\"AwQF\""]]}
{"profile":"server","table":"string_table","meta":{"name":"ct","oid":22707,"typmod":-1,"typname":"citext","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"string\",\"optional\":true,\"field\":\"ct\"}","cases":[["Snapshot","Hello World","\"Hello World\""],["Stream","Hello World","\"Hello World\""]]}
{"profile":"server","table":"table_without_pk","meta":{"name":"id","oid":23,"typmod":-1,"typname":"int4","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":true,"default":"nextval('vs_p.table_without_pk_id_seq'::regclass)","base":""},"schema":"{\"type\":\"int32\",\"optional\":false,\"default\":0,\"field\":\"id\"}","cases":[["Snapshot","1","1"],["Stream","2","2"]]}
{"profile":"server","table":"table_without_pk","meta":{"name":"val","oid":23,"typmod":-1,"typname":"int4","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"int32\",\"optional\":true,\"field\":\"val\"}","cases":[["Snapshot","1000","1000"],["Stream","2000","2000"]]}
{"profile":"server","table":"text_table","meta":{"name":"pk","oid":23,"typmod":-1,"typname":"int4","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":true,"default":"nextval('vs_p.text_table_pk_seq'::regclass)","base":""},"schema":"{\"type\":\"int32\",\"optional\":false,\"default\":0,\"field\":\"pk\"}","cases":[["Snapshot","1","1"],["Stream","1","1"],["Stream","2","2"]]}
{"profile":"server","table":"text_table","meta":{"name":"j","oid":114,"typmod":-1,"typname":"json","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"string\",\"optional\":true,\"name\":\"io.debezium.data.Json\",\"version\":1,\"field\":\"j\"}","cases":[["Snapshot","{\"bar\": \"baz\"}","\"{\\\"bar\\\": \\\"baz\\\"}\""],["Stream","{\"bar\": \"baz\"}","\"{\\\"bar\\\": \\\"baz\\\"}\""]]}
{"profile":"server","table":"text_table","meta":{"name":"jb","oid":3802,"typmod":-1,"typname":"jsonb","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"string\",\"optional\":true,\"name\":\"io.debezium.data.Json\",\"version\":1,\"field\":\"jb\"}","cases":[["Snapshot","{\"bar\": \"baz\"}","\"{\\\"bar\\\": \\\"baz\\\"}\""],["Stream","{\"bar\": \"baz\"}","\"{\\\"bar\\\": \\\"baz\\\"}\""],["Stream","{\"foo\": \"qux\"}","\"{\\\"foo\\\": \\\"qux\\\"}\""]]}
{"profile":"server","table":"text_table","meta":{"name":"x","oid":142,"typmod":-1,"typname":"xml","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"string\",\"optional\":true,\"name\":\"io.debezium.data.Xml\",\"version\":1,\"field\":\"x\"}","cases":[["Snapshot","<foo>bar</foo><foo>bar</foo>","\"<foo>bar</foo><foo>bar</foo>\""],["Stream","<foo>bar</foo>","\"<foo>bar</foo>\""],["Stream","<foo>bar</foo><foo>bar</foo>","\"<foo>bar</foo><foo>bar</foo>\""]]}
{"profile":"server","table":"text_table","meta":{"name":"u","oid":2950,"typmod":-1,"typname":"uuid","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"string\",\"optional\":true,\"name\":\"io.debezium.data.Uuid\",\"version\":1,\"field\":\"u\"}","cases":[["Snapshot","a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11","\"a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11\""],["Stream","a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11","\"a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11\""]]}
{"profile":"server","table":"time_table","meta":{"name":"pk","oid":23,"typmod":-1,"typname":"int4","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":true,"default":"nextval('vs_p.time_table_pk_seq'::regclass)","base":""},"schema":"{\"type\":\"int32\",\"optional\":false,\"default\":0,\"field\":\"pk\"}","cases":[["Snapshot","1","1"],["Stream","2","2"]]}
{"profile":"server","table":"time_table","meta":{"name":"ts","oid":1114,"typmod":-1,"typname":"timestamp","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"int64\",\"optional\":true,\"name\":\"io.debezium.time.MicroTimestamp\",\"version\":1,\"field\":\"ts\"}","cases":[["Snapshot","2016-11-04 13:51:30.123456","1478267490123456"],["Stream",null,"null"],["Stream","2016-11-04 13:51:30.123456","1478267490123456"]]}
{"profile":"server","table":"time_table","meta":{"name":"tsneg","oid":1114,"typmod":6,"typname":"timestamp","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"int64\",\"optional\":true,\"name\":\"io.debezium.time.MicroTimestamp\",\"version\":1,\"field\":\"tsneg\"}","cases":[["Snapshot","1936-10-25 22:10:12.608","-1047174587392000"],["Stream",null,"null"],["Stream","1936-10-25 22:10:12.608","-1047174587392000"]]}
{"profile":"server","table":"time_table","meta":{"name":"ts_ms","oid":1114,"typmod":3,"typname":"timestamp","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"int64\",\"optional\":true,\"name\":\"io.debezium.time.Timestamp\",\"version\":1,\"field\":\"ts_ms\"}","cases":[["Snapshot","2016-11-04 13:51:30.123","1478267490123"],["Stream",null,"null"],["Stream","2016-11-04 13:51:30.123","1478267490123"]]}
{"profile":"server","table":"time_table","meta":{"name":"ts_us","oid":1114,"typmod":6,"typname":"timestamp","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"int64\",\"optional\":true,\"name\":\"io.debezium.time.MicroTimestamp\",\"version\":1,\"field\":\"ts_us\"}","cases":[["Snapshot","2016-11-04 13:51:30.123456","1478267490123456"],["Stream",null,"null"],["Stream","2016-11-04 13:51:30.123456","1478267490123456"]]}
{"profile":"server","table":"time_table","meta":{"name":"tz","oid":1184,"typmod":-1,"typname":"timestamptz","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"string\",\"optional\":true,\"name\":\"io.debezium.time.ZonedTimestamp\",\"version\":1,\"field\":\"tz\"}","cases":[["Snapshot","2016-11-04 11:51:30.123456+00","\"2016-11-04T11:51:30.123456Z\""],["Stream",null,"null"],["Stream","2016-11-04 11:51:30.123456+00","\"2016-11-04T11:51:30.123456Z\""]]}
{"profile":"server","table":"time_table","meta":{"name":"date","oid":1082,"typmod":-1,"typname":"date","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"int32\",\"optional\":true,\"name\":\"io.debezium.time.Date\",\"version\":1,\"field\":\"date\"}","cases":[["Snapshot","2016-11-04","17109"],["Stream",null,"null"],["Stream","-infinity","-2147472691"]]}
{"profile":"server","table":"time_table","meta":{"name":"date_pinf","oid":1082,"typmod":-1,"typname":"date","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"int32\",\"optional\":true,\"name\":\"io.debezium.time.Date\",\"version\":1,\"field\":\"date_pinf\"}","cases":[["Snapshot","infinity","-622191234"],["Stream",null,"null"],["Stream","infinity","-2147472692"]]}
{"profile":"server","table":"time_table","meta":{"name":"date_ninf","oid":1082,"typmod":-1,"typname":"date","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"int32\",\"optional\":true,\"name\":\"io.debezium.time.Date\",\"version\":1,\"field\":\"date_ninf\"}","cases":[["Snapshot","-infinity","-625821272"],["Stream",null,"null"],["Stream","-infinity","-2147472691"]]}
{"profile":"server","table":"time_table","meta":{"name":"ti","oid":1083,"typmod":-1,"typname":"time","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"int64\",\"optional\":true,\"name\":\"io.debezium.time.MicroTime\",\"version\":1,\"field\":\"ti\"}","cases":[["Snapshot","13:51:30","49890000000"],["Stream",null,"null"],["Stream","13:51:30","49890000000"]]}
{"profile":"server","table":"time_table","meta":{"name":"tip","oid":1083,"typmod":3,"typname":"time","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"int32\",\"optional\":true,\"name\":\"io.debezium.time.Time\",\"version\":1,\"field\":\"tip\"}","cases":[["Snapshot","13:51:30.123","49890123"],["Stream",null,"null"],["Stream","13:51:30.123","49890123"]]}
{"profile":"server","table":"time_table","meta":{"name":"ttf","oid":1083,"typmod":-1,"typname":"time","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"int64\",\"optional\":true,\"name\":\"io.debezium.time.MicroTime\",\"version\":1,\"field\":\"ttf\"}","cases":[["Snapshot","24:00:00","86400000000"],["Stream",null,"null"],["Stream","24:00:00","86400000000"]]}
{"profile":"server","table":"time_table","meta":{"name":"ttz","oid":1266,"typmod":-1,"typname":"timetz","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"string\",\"optional\":true,\"name\":\"io.debezium.time.ZonedTime\",\"version\":1,\"field\":\"ttz\"}","cases":[["Snapshot","13:51:30.123789+02","\"11:51:30.123789Z\""],["Stream",null,"null"],["Stream","13:51:30.123789+02","\"11:51:30.123789Z\""]]}
{"profile":"server","table":"time_table","meta":{"name":"tptz","oid":1266,"typmod":3,"typname":"timetz","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"string\",\"optional\":true,\"name\":\"io.debezium.time.ZonedTime\",\"version\":1,\"field\":\"tptz\"}","cases":[["Snapshot","13:51:30.123+02","\"11:51:30.123Z\""],["Stream",null,"null"],["Stream","13:51:30.123+02","\"11:51:30.123Z\""]]}
{"profile":"server","table":"time_table","meta":{"name":"it","oid":1186,"typmod":-1,"typname":"interval","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"int64\",\"optional\":true,\"name\":\"io.debezium.time.MicroDuration\",\"version\":1,\"field\":\"it\"}","cases":[["Snapshot","1 year 2 mons 3 days 04:05:06.78","37091106780000"],["Stream",null,"null"],["Stream","-1 years -2 mons +3 days -04:05:06.78","-36572706780000"]]}
{"profile":"server","table":"time_table","meta":{"name":"tsp","oid":1184,"typmod":0,"typname":"timestamptz","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"string\",\"optional\":true,\"name\":\"io.debezium.time.ZonedTimestamp\",\"version\":1,\"field\":\"tsp\"}","cases":[["Snapshot",null,"null"],["Stream",null,"null"]]}
{"profile":"server","table":"time_table","meta":{"name":"ts_large","oid":1114,"typmod":-1,"typname":"timestamp","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"int64\",\"optional\":true,\"name\":\"io.debezium.time.MicroTimestamp\",\"version\":1,\"field\":\"ts_large\"}","cases":[["Snapshot","21016-11-04 13:51:30.123456","601060312290123456"],["Stream",null,"null"],["Stream","21016-11-04 13:51:30.123456","601060312290123456"]]}
{"profile":"server","table":"time_table","meta":{"name":"ts_large_us","oid":1114,"typmod":6,"typname":"timestamp","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"int64\",\"optional\":true,\"name\":\"io.debezium.time.MicroTimestamp\",\"version\":1,\"field\":\"ts_large_us\"}","cases":[["Snapshot","21016-11-04 13:51:30.123457","601060312290123457"],["Stream",null,"null"],["Stream","21016-11-04 13:51:30.123457","601060312290123457"]]}
{"profile":"server","table":"time_table","meta":{"name":"ts_large_ms","oid":1114,"typmod":3,"typname":"timestamp","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"int64\",\"optional\":true,\"name\":\"io.debezium.time.Timestamp\",\"version\":1,\"field\":\"ts_large_ms\"}","cases":[["Snapshot","21016-11-04 13:51:30.124","601060312290124"],["Stream",null,"null"],["Stream","21016-11-04 13:51:30.124","601060312290124"]]}
{"profile":"server","table":"time_table","meta":{"name":"tz_large","oid":1184,"typmod":-1,"typname":"timestamptz","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"string\",\"optional\":true,\"name\":\"io.debezium.time.ZonedTimestamp\",\"version\":1,\"field\":\"tz_large\"}","cases":[["Snapshot","21016-11-04 06:51:30.123456+00","\"+21016-11-04T06:51:30.123456Z\""],["Stream",null,"null"],["Stream","21016-11-04 06:51:30.123456+00","\"+21016-11-04T06:51:30.123456Z\""]]}
{"profile":"server","table":"time_table","meta":{"name":"ts_max","oid":1114,"typmod":6,"typname":"timestamp","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"int64\",\"optional\":true,\"name\":\"io.debezium.time.MicroTimestamp\",\"version\":1,\"field\":\"ts_max\"}","cases":[["Snapshot","294247-01-01 23:59:59.999999","9223371331199999999"],["Stream",null,"null"],["Stream","294247-01-01 23:59:59.999999","9223371331199999999"]]}
{"profile":"server","table":"time_table","meta":{"name":"ts_min","oid":1114,"typmod":6,"typname":"timestamp","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"int64\",\"optional\":true,\"name\":\"io.debezium.time.MicroTimestamp\",\"version\":1,\"field\":\"ts_min\"}","cases":[["Snapshot","4713-12-31 23:59:59.999999 BC","-210831897600000001"],["Stream",null,"null"],["Stream","4713-12-31 23:59:59.999999 BC","-210831897600000001"]]}
{"profile":"server","table":"time_table","meta":{"name":"tz_max","oid":1184,"typmod":-1,"typname":"timestamptz","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"string\",\"optional\":true,\"name\":\"io.debezium.time.ZonedTimestamp\",\"version\":1,\"field\":\"tz_max\"}","cases":[["Snapshot","294247-01-01 23:59:59.999999+00","\"+294247-01-01T23:59:59.999999Z\""],["Stream",null,"null"],["Stream","294247-01-01 23:59:59.999999+00","\"+294247-01-01T23:59:59.999999Z\""]]}
{"profile":"server","table":"time_table","meta":{"name":"tz_min","oid":1184,"typmod":-1,"typname":"timestamptz","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"string\",\"optional\":true,\"name\":\"io.debezium.time.ZonedTimestamp\",\"version\":1,\"field\":\"tz_min\"}","cases":[["Snapshot","4714-12-31 23:59:59.999999+00 BC","\"-4713-12-31T23:59:59.999999Z\""],["Stream",null,"null"],["Stream","4714-12-31 23:59:59.999999+00 BC","\"-4713-12-31T23:59:59.999999Z\""]]}
{"profile":"server","table":"time_table","meta":{"name":"ts_pinf","oid":1114,"typmod":6,"typname":"timestamp","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"int64\",\"optional\":true,\"name\":\"io.debezium.time.MicroTimestamp\",\"version\":1,\"field\":\"ts_pinf\"}","cases":[["Snapshot","infinity","9223372036825200000"],["Stream",null,"null"],["Stream","infinity","9223372036825200000"]]}
{"profile":"server","table":"time_table","meta":{"name":"ts_ninf","oid":1114,"typmod":6,"typname":"timestamp","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"int64\",\"optional\":true,\"name\":\"io.debezium.time.MicroTimestamp\",\"version\":1,\"field\":\"ts_ninf\"}","cases":[["Snapshot","-infinity","-9223372036832400000"],["Stream",null,"null"],["Stream","-infinity","-9223372036832400000"]]}
{"profile":"server","table":"time_table","meta":{"name":"tz_pinf","oid":1184,"typmod":-1,"typname":"timestamptz","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"string\",\"optional\":true,\"name\":\"io.debezium.time.ZonedTimestamp\",\"version\":1,\"field\":\"tz_pinf\"}","cases":[["Snapshot","infinity","\"infinity\""],["Stream",null,"null"],["Stream","infinity","\"infinity\""]]}
{"profile":"server","table":"time_table","meta":{"name":"tz_ninf","oid":1184,"typmod":-1,"typname":"timestamptz","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"string\",\"optional\":true,\"name\":\"io.debezium.time.ZonedTimestamp\",\"version\":1,\"field\":\"tz_ninf\"}","cases":[["Snapshot","-infinity","\"-infinity\""],["Stream",null,"null"],["Stream","-infinity","\"-infinity\""]]}
{"profile":"server","table":"time_table","meta":{"name":"tz_zero","oid":1184,"typmod":-1,"typname":"timestamptz","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":"{\"type\":\"string\",\"optional\":true,\"name\":\"io.debezium.time.ZonedTimestamp\",\"version\":1,\"field\":\"tz_zero\"}","cases":[["Snapshot","21016-11-04 06:51:30+00","\"+21016-11-04T06:51:30.000000Z\""],["Stream",null,"null"],["Stream","21016-11-04 06:51:30+00","\"+21016-11-04T06:51:30.000000Z\""]]}
{"profile":"server","table":"unknown_type_table","meta":{"name":"pk","oid":23,"typmod":-1,"typname":"int4","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":true,"default":"nextval('vs_p.unknown_type_table_pk_seq'::regclass)","base":""},"schema":"{\"type\":\"int32\",\"optional\":false,\"default\":0,\"field\":\"pk\"}","cases":[["Snapshot","1","1"],["Stream","2","2"]]}
{"profile":"server","table":"unknown_type_table","meta":{"name":"tsq","oid":3615,"typmod":-1,"typname":"tsquery","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[]}
{"profile":"rdi","table":"array_table","meta":{"name":"pk","oid":23,"typmod":-1,"typname":"int4","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":true,"default":"nextval('vs_p.array_table_pk_seq'::regclass)","base":""},"schema":null,"cases":[["Snapshot","1","1"],["Stream","1","1"],["Stream","2","2"]]}
{"profile":"rdi","table":"array_table","meta":{"name":"int_array","oid":1007,"typmod":-1,"typname":"_int4","kind":"Array","elem":"int4","elem_kind":"Base","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot","{1,2,3}","[1,2,3]"],["Stream","{1,2,3}","[1,2,3]"],["Stream","{}","[]"]]}
{"profile":"rdi","table":"array_table","meta":{"name":"bigint_array","oid":1016,"typmod":-1,"typname":"_int8","kind":"Array","elem":"int8","elem_kind":"Base","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot","{1550166368505037572}","[1550166368505037572]"],["Stream","{1550166368505037572}","[1550166368505037572]"]]}
{"profile":"rdi","table":"array_table","meta":{"name":"text_array","oid":1009,"typmod":-1,"typname":"_text","kind":"Array","elem":"text","elem_kind":"Base","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot","{one,two,three}","[\"one\",\"two\",\"three\"]"],["Stream","{one,NULL,three}","[\"one\",null,\"three\"]"],["Stream","{one,two,three}","[\"one\",\"two\",\"three\"]"]]}
{"profile":"rdi","table":"array_table","meta":{"name":"char_array","oid":1014,"typmod":14,"typname":"_bpchar","kind":"Array","elem":"bpchar","elem_kind":"Base","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot","{\"cone      \",\"ctwo      \",\"cthree    \"}","[\"cone      \",\"ctwo      \",\"cthree    \"]"],["Stream","{\"cone      \",\"ctwo      \",\"cthree    \"}","[\"cone      \",\"ctwo      \",\"cthree    \"]"]]}
{"profile":"rdi","table":"array_table","meta":{"name":"varchar_array","oid":1015,"typmod":14,"typname":"_varchar","kind":"Array","elem":"varchar","elem_kind":"Base","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot","{vcone,vctwo,vcthree}","[\"vcone\",\"vctwo\",\"vcthree\"]"],["Stream","{vcone,vctwo,vcthree}","[\"vcone\",\"vctwo\",\"vcthree\"]"]]}
{"profile":"rdi","table":"array_table","meta":{"name":"date_array","oid":1182,"typmod":-1,"typname":"_date","kind":"Array","elem":"date","elem_kind":"Base","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot","{2016-11-04,2016-11-05,2016-11-06}","[17109,17110,17111]"],["Stream","{2016-11-04,2016-11-05,2016-11-06}","[17109,17110,17111]"]]}
{"profile":"rdi","table":"array_table","meta":{"name":"numeric_array","oid":1231,"typmod":655366,"typname":"_numeric","kind":"Array","elem":"numeric","elem_kind":"Base","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot","{1.20,3.40,5.60}","[\"1.20\",\"3.40\",\"5.60\"]"],["Stream","{1.20,3.40,5.60}","[\"1.20\",\"3.40\",\"5.60\"]"]]}
{"profile":"rdi","table":"array_table","meta":{"name":"varnumeric_array","oid":1231,"typmod":-1,"typname":"_numeric","kind":"Array","elem":"numeric","elem_kind":"Base","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot","{1.1,2.22,3.333}","[\"1.1\",\"2.22\",\"3.333\"]"],["Stream","{1.1,2.22,3.333}","[\"1.1\",\"2.22\",\"3.333\"]"]]}
{"profile":"rdi","table":"array_table","meta":{"name":"citext_array","oid":22712,"typmod":-1,"typname":"_citext","kind":"Array","elem":"citext","elem_kind":"Base","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot","{four,five,six}","[\"four\",\"five\",\"six\"]"],["Stream","{four,five,six}","[\"four\",\"five\",\"six\"]"]]}
{"profile":"rdi","table":"array_table","meta":{"name":"inet_array","oid":1041,"typmod":-1,"typname":"_inet","kind":"Array","elem":"inet","elem_kind":"Base","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot","{192.168.2.0/12,192.168.1.1,192.168.0.2/1}","[\"192.168.2.0/12\",\"192.168.1.1\",\"192.168.0.2/1\"]"],["Stream","{192.168.2.0/12,192.168.1.1,192.168.0.2/1}","[\"192.168.2.0/12\",\"192.168.1.1\",\"192.168.0.2/1\"]"]]}
{"profile":"rdi","table":"array_table","meta":{"name":"cidr_array","oid":651,"typmod":-1,"typname":"_cidr","kind":"Array","elem":"cidr","elem_kind":"Base","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot","{192.168.100.128/25,192.168.0.0/25,192.168.1.0/24}","[\"192.168.100.128/25\",\"192.168.0.0/25\",\"192.168.1.0/24\"]"],["Stream","{192.168.100.128/25,192.168.0.0/25,192.168.1.0/24}","[\"192.168.100.128/25\",\"192.168.0.0/25\",\"192.168.1.0/24\"]"]]}
{"profile":"rdi","table":"array_table","meta":{"name":"macaddr_array","oid":1040,"typmod":-1,"typname":"_macaddr","kind":"Array","elem":"macaddr","elem_kind":"Base","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot","{08:00:2b:01:02:03,08:00:2b:01:02:03,08:00:2b:01:02:03}","[\"08:00:2b:01:02:03\",\"08:00:2b:01:02:03\",\"08:00:2b:01:02:03\"]"],["Stream","{08:00:2b:01:02:03,08:00:2b:01:02:03,08:00:2b:01:02:03}","[\"08:00:2b:01:02:03\",\"08:00:2b:01:02:03\",\"08:00:2b:01:02:03\"]"]]}
{"profile":"rdi","table":"array_table","meta":{"name":"tsrange_array","oid":3909,"typmod":-1,"typname":"_tsrange","kind":"Array","elem":"tsrange","elem_kind":"Range","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot","{\"[\\\"2019-03-31 15:30:00\\\",infinity)\",\"[\\\"2019-03-31 15:30:00\\\",\\\"2019-04-30 15:30:00\\\"]\"}","[\"[\\\"2019-03-31 15:30:00\\\",infinity)\",\"[\\\"2019-03-31 15:30:00\\\",\\\"2019-04-30 15:30:00\\\"]\"]"],["Stream","{\"[\\\"2019-03-31 15:30:00\\\",infinity)\",\"[\\\"2019-03-31 15:30:00\\\",\\\"2019-04-30 15:30:00\\\"]\"}","[\"[\\\"2019-03-31 15:30:00\\\",infinity)\",\"[\\\"2019-03-31 15:30:00\\\",\\\"2019-04-30 15:30:00\\\"]\"]"]]}
{"profile":"rdi","table":"array_table","meta":{"name":"tstzrange_array","oid":3911,"typmod":-1,"typname":"_tstzrange","kind":"Array","elem":"tstzrange","elem_kind":"Range","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot","{\"[\\\"2017-06-05 11:29:12.549426+00\\\",)\",\"[\\\"2017-06-05 11:29:12.549426+00\\\",\\\"2017-06-05 12:34:56.789012+00\\\"]\"}","[\"[\\\"2017-06-05 11:29:12.549426+00\\\",)\",\"[\\\"2017-06-05 11:29:12.549426+00\\\",\\\"2017-06-05 12:34:56.789012+00\\\"]\"]"],["Stream","{\"[\\\"2017-06-05 11:29:12.549426+00\\\",)\",\"[\\\"2017-06-05 11:29:12.549426+00\\\",\\\"2017-06-05 12:34:56.789012+00\\\"]\"}","[\"[\\\"2017-06-05 11:29:12.549426+00\\\",)\",\"[\\\"2017-06-05 11:29:12.549426+00\\\",\\\"2017-06-05 12:34:56.789012+00\\\"]\"]"]]}
{"profile":"rdi","table":"array_table","meta":{"name":"daterange_array","oid":3913,"typmod":-1,"typname":"_daterange","kind":"Array","elem":"daterange","elem_kind":"Range","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot","{\"[2019-03-31,infinity)\",\"[2019-03-31,2019-04-30)\"}","[\"[2019-03-31,infinity)\",\"[2019-03-31,2019-04-30)\"]"],["Stream","{\"[2019-03-31,infinity)\",\"[2019-03-31,2019-04-30)\"}","[\"[2019-03-31,infinity)\",\"[2019-03-31,2019-04-30)\"]"]]}
{"profile":"rdi","table":"array_table","meta":{"name":"int4range_array","oid":3905,"typmod":-1,"typname":"_int4range","kind":"Array","elem":"int4range","elem_kind":"Range","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot","{\"[1,6)\",\"[1,4)\"}","[\"[1,6)\",\"[1,4)\"]"],["Stream","{\"[1,6)\",\"[1,4)\"}","[\"[1,6)\",\"[1,4)\"]"]]}
{"profile":"rdi","table":"array_table","meta":{"name":"numerange_array","oid":3907,"typmod":-1,"typname":"_numrange","kind":"Array","elem":"numrange","elem_kind":"Range","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot","{\"[5.3,6.3)\",\"[10.0,20.0)\"}","[\"[5.3,6.3)\",\"[10.0,20.0)\"]"],["Stream","{\"[5.3,6.3)\",\"[10.0,20.0)\"}","[\"[5.3,6.3)\",\"[10.0,20.0)\"]"]]}
{"profile":"rdi","table":"array_table","meta":{"name":"int8range_array","oid":3927,"typmod":-1,"typname":"_int8range","kind":"Array","elem":"int8range","elem_kind":"Range","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot","{\"[1000000,6000000)\",\"[5000,9000)\"}","[\"[1000000,6000000)\",\"[5000,9000)\"]"],["Stream","{\"[1000000,6000000)\",\"[5000,9000)\"}","[\"[1000000,6000000)\",\"[5000,9000)\"]"]]}
{"profile":"rdi","table":"array_table","meta":{"name":"uuid_array","oid":2951,"typmod":-1,"typname":"_uuid","kind":"Array","elem":"uuid","elem_kind":"Base","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot","{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11,f0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11}","[\"a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11\",\"f0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11\"]"],["Stream","{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11,f0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11}","[\"a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11\",\"f0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11\"]"]]}
{"profile":"rdi","table":"array_table","meta":{"name":"json_array","oid":199,"typmod":-1,"typname":"_json","kind":"Array","elem":"json","elem_kind":"Base","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot","{\"{\\\"bar\\\": \\\"baz\\\"}\",\"{\\\"foo\\\": \\\"qux\\\"}\"}","[\"{\\\"bar\\\": \\\"baz\\\"}\",\"{\\\"foo\\\": \\\"qux\\\"}\"]"],["Stream","{\"{\\\"bar\\\": \\\"baz\\\"}\",\"{\\\"foo\\\": \\\"qux\\\"}\"}","[\"{\\\"bar\\\": \\\"baz\\\"}\",\"{\\\"foo\\\": \\\"qux\\\"}\"]"]]}
{"profile":"rdi","table":"array_table","meta":{"name":"jsonb_array","oid":3807,"typmod":-1,"typname":"_jsonb","kind":"Array","elem":"jsonb","elem_kind":"Base","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot","{\"{\\\"bar\\\": \\\"baz\\\"}\",\"{\\\"foo\\\": \\\"qux\\\"}\"}","[\"{\\\"bar\\\": \\\"baz\\\"}\",\"{\\\"foo\\\": \\\"qux\\\"}\"]"],["Stream","{\"{\\\"bar\\\": \\\"baz\\\"}\",\"{\\\"foo\\\": \\\"qux\\\"}\"}","[\"{\\\"bar\\\": \\\"baz\\\"}\",\"{\\\"foo\\\": \\\"qux\\\"}\"]"]]}
{"profile":"rdi","table":"array_table","meta":{"name":"oid_array","oid":1028,"typmod":-1,"typname":"_oid","kind":"Array","elem":"oid","elem_kind":"Base","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot","{3,4000000000}","[3,4000000000]"],["Stream","{3,4000000000}","[3,4000000000]"]]}
{"profile":"rdi","table":"array_table_with_nulls","meta":{"name":"pk","oid":23,"typmod":-1,"typname":"int4","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":true,"default":"nextval('vs_p.array_table_with_nulls_pk_seq'::regclass)","base":""},"schema":null,"cases":[["Snapshot","1","1"],["Stream","1","1"],["Stream","2","2"]]}
{"profile":"rdi","table":"array_table_with_nulls","meta":{"name":"int_array","oid":1007,"typmod":-1,"typname":"_int4","kind":"Array","elem":"int4","elem_kind":"Base","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot",null,"null"],["Stream",null,"null"],["Stream","{1,2,3}","[1,2,3]"]]}
{"profile":"rdi","table":"array_table_with_nulls","meta":{"name":"bigint_array","oid":1016,"typmod":-1,"typname":"_int8","kind":"Array","elem":"int8","elem_kind":"Base","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot",null,"null"],["Stream",null,"null"]]}
{"profile":"rdi","table":"array_table_with_nulls","meta":{"name":"text_array","oid":1009,"typmod":-1,"typname":"_text","kind":"Array","elem":"text","elem_kind":"Base","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot",null,"null"],["Stream",null,"null"]]}
{"profile":"rdi","table":"array_table_with_nulls","meta":{"name":"char_array","oid":1014,"typmod":14,"typname":"_bpchar","kind":"Array","elem":"bpchar","elem_kind":"Base","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot",null,"null"],["Stream",null,"null"]]}
{"profile":"rdi","table":"array_table_with_nulls","meta":{"name":"varchar_array","oid":1015,"typmod":14,"typname":"_varchar","kind":"Array","elem":"varchar","elem_kind":"Base","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot",null,"null"],["Stream",null,"null"]]}
{"profile":"rdi","table":"array_table_with_nulls","meta":{"name":"date_array","oid":1182,"typmod":-1,"typname":"_date","kind":"Array","elem":"date","elem_kind":"Base","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot",null,"null"],["Stream",null,"null"]]}
{"profile":"rdi","table":"array_table_with_nulls","meta":{"name":"numeric_array","oid":1231,"typmod":655366,"typname":"_numeric","kind":"Array","elem":"numeric","elem_kind":"Base","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot",null,"null"],["Stream",null,"null"]]}
{"profile":"rdi","table":"array_table_with_nulls","meta":{"name":"varnumeric_array","oid":1231,"typmod":-1,"typname":"_numeric","kind":"Array","elem":"numeric","elem_kind":"Base","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot",null,"null"],["Stream",null,"null"]]}
{"profile":"rdi","table":"array_table_with_nulls","meta":{"name":"citext_array","oid":22712,"typmod":-1,"typname":"_citext","kind":"Array","elem":"citext","elem_kind":"Base","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot",null,"null"],["Stream",null,"null"]]}
{"profile":"rdi","table":"array_table_with_nulls","meta":{"name":"inet_array","oid":1041,"typmod":-1,"typname":"_inet","kind":"Array","elem":"inet","elem_kind":"Base","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot",null,"null"],["Stream",null,"null"]]}
{"profile":"rdi","table":"array_table_with_nulls","meta":{"name":"cidr_array","oid":651,"typmod":-1,"typname":"_cidr","kind":"Array","elem":"cidr","elem_kind":"Base","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot",null,"null"],["Stream",null,"null"]]}
{"profile":"rdi","table":"array_table_with_nulls","meta":{"name":"macaddr_array","oid":1040,"typmod":-1,"typname":"_macaddr","kind":"Array","elem":"macaddr","elem_kind":"Base","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot",null,"null"],["Stream",null,"null"]]}
{"profile":"rdi","table":"array_table_with_nulls","meta":{"name":"tsrange_array","oid":3909,"typmod":-1,"typname":"_tsrange","kind":"Array","elem":"tsrange","elem_kind":"Range","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot",null,"null"],["Stream",null,"null"]]}
{"profile":"rdi","table":"array_table_with_nulls","meta":{"name":"tstzrange_array","oid":3911,"typmod":-1,"typname":"_tstzrange","kind":"Array","elem":"tstzrange","elem_kind":"Range","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot",null,"null"],["Stream",null,"null"]]}
{"profile":"rdi","table":"array_table_with_nulls","meta":{"name":"daterange_array","oid":3913,"typmod":-1,"typname":"_daterange","kind":"Array","elem":"daterange","elem_kind":"Range","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot",null,"null"],["Stream",null,"null"]]}
{"profile":"rdi","table":"array_table_with_nulls","meta":{"name":"int4range_array","oid":3905,"typmod":-1,"typname":"_int4range","kind":"Array","elem":"int4range","elem_kind":"Range","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot",null,"null"],["Stream",null,"null"]]}
{"profile":"rdi","table":"array_table_with_nulls","meta":{"name":"numerange_array","oid":3907,"typmod":-1,"typname":"_numrange","kind":"Array","elem":"numrange","elem_kind":"Range","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot",null,"null"],["Stream",null,"null"]]}
{"profile":"rdi","table":"array_table_with_nulls","meta":{"name":"int8range_array","oid":3927,"typmod":-1,"typname":"_int8range","kind":"Array","elem":"int8range","elem_kind":"Range","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot",null,"null"],["Stream",null,"null"]]}
{"profile":"rdi","table":"array_table_with_nulls","meta":{"name":"uuid_array","oid":2951,"typmod":-1,"typname":"_uuid","kind":"Array","elem":"uuid","elem_kind":"Base","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot",null,"null"],["Stream",null,"null"]]}
{"profile":"rdi","table":"array_table_with_nulls","meta":{"name":"json_array","oid":199,"typmod":-1,"typname":"_json","kind":"Array","elem":"json","elem_kind":"Base","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot",null,"null"],["Stream",null,"null"]]}
{"profile":"rdi","table":"array_table_with_nulls","meta":{"name":"jsonb_array","oid":3807,"typmod":-1,"typname":"_jsonb","kind":"Array","elem":"jsonb","elem_kind":"Base","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot",null,"null"],["Stream",null,"null"]]}
{"profile":"rdi","table":"bitbin_table","meta":{"name":"pk","oid":23,"typmod":-1,"typname":"int4","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":true,"default":"nextval('vs_p.bitbin_table_pk_seq'::regclass)","base":""},"schema":null,"cases":[["Snapshot","1","1"],["Stream","1","1"],["Stream","2","2"]]}
{"profile":"rdi","table":"bitbin_table","meta":{"name":"ba","oid":17,"typmod":-1,"typname":"bytea","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot","\\x010203","\"AQID\""],["Stream","\\x010203","\"AQID\""]]}
{"profile":"rdi","table":"bitbin_table","meta":{"name":"bol","oid":1560,"typmod":1,"typname":"bit","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot","0","false"],["Stream","0","false"],["Stream","1","true"]]}
{"profile":"rdi","table":"bitbin_table","meta":{"name":"bol2","oid":1560,"typmod":1,"typname":"bit","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot","1","true"],["Stream","1","true"]]}
{"profile":"rdi","table":"bitbin_table","meta":{"name":"bs","oid":1560,"typmod":2,"typname":"bit","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot","11","\"Aw==\""],["Stream","01","\"AQ==\""],["Stream","11","\"Aw==\""]]}
{"profile":"rdi","table":"bitbin_table","meta":{"name":"bs7","oid":1560,"typmod":7,"typname":"bit","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot","1000000","\"QA==\""],["Stream","1000000","\"QA==\""]]}
{"profile":"rdi","table":"bitbin_table","meta":{"name":"bv1","oid":1562,"typmod":1,"typname":"varbit","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot","1","true"],["Stream","1","true"]]}
{"profile":"rdi","table":"bitbin_table","meta":{"name":"bv","oid":1562,"typmod":2,"typname":"varbit","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot","00","\"\""],["Stream","00","\"\""]]}
{"profile":"rdi","table":"bitbin_table","meta":{"name":"bv2","oid":1562,"typmod":24,"typname":"varbit","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot","000000110000001000000001","\"AQID\""],["Stream","000000110000001000000001","\"AQID\""]]}
{"profile":"rdi","table":"bitbin_table","meta":{"name":"bvl","oid":1562,"typmod":64,"typname":"varbit","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot","1000000000000000000000000000000000000000000000000000000000000000","\"AAAAAAAAAIA=\""],["Stream","1000000000000000000000000000000000000000000000000000000000000000","\"AAAAAAAAAIA=\""]]}
{"profile":"rdi","table":"bitbin_table","meta":{"name":"bvunlimited1","oid":1562,"typmod":-1,"typname":"varbit","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot","101","\"BQ==\""],["Stream","101","\"BQ==\""],["Stream","111","\"Bw==\""]]}
{"profile":"rdi","table":"bitbin_table","meta":{"name":"bvunlimited2","oid":1562,"typmod":-1,"typname":"varbit","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot","111011010001000110000001000000001","\"AQIj2gE=\""],["Stream","111011010001000110000001000000001","\"AQIj2gE=\""]]}
{"profile":"rdi","table":"bytea_binmode_table","meta":{"name":"pk","oid":23,"typmod":-1,"typname":"int4","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":true,"default":"nextval('vs_p.bytea_binmode_table_pk_seq'::regclass)","base":""},"schema":null,"cases":[["Snapshot","1","1"],["Stream","1","1"],["Stream","2","2"]]}
{"profile":"rdi","table":"bytea_binmode_table","meta":{"name":"ba","oid":17,"typmod":-1,"typname":"bytea","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot","\\x010203","\"AQID\""],["Stream","\\x010203","\"AQID\""]]}
{"profile":"rdi","table":"bytea_binmode_table","meta":{"name":"bytea_array","oid":1001,"typmod":-1,"typname":"_bytea","kind":"Array","elem":"bytea","elem_kind":"Base","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot","{\"\\\\x000102\",\"\\\\x030405\"}","[\"AAEC\",\"AwQF\"]"],["Stream",null,"null"],["Stream","{\"\\\\x000102\",\"\\\\x030405\"}","[\"AAEC\",\"AwQF\"]"]]}
{"profile":"rdi","table":"cash_table","meta":{"name":"pk","oid":23,"typmod":-1,"typname":"int4","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":true,"default":"nextval('vs_p.cash_table_pk_seq'::regclass)","base":""},"schema":null,"cases":[["Snapshot","1","1"],["Snapshot","2","2"],["Snapshot","3","3"],["Snapshot","4","4"],["Stream","1","1"],["Stream","5","5"],["Stream","6","6"],["Stream","7","7"]]}
{"profile":"rdi","table":"cash_table","meta":{"name":"csh","oid":790,"typmod":-1,"typname":"money","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot",null,"null"],["Snapshot","$1,234.11","\"1234.11\""],["Snapshot","-$1,234.11","\"-1234.11\""],["Snapshot","-$92,233,720,368,547,758.08","\"-92233720368547758.08\""],["Stream",null,"null"],["Stream","$1,234.11","\"1234.11\""],["Stream","-$1,234.11","\"-1234.11\""]]}
{"profile":"rdi","table":"cidr_network_address_table","meta":{"name":"pk","oid":23,"typmod":-1,"typname":"int4","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":true,"default":"nextval('vs_p.cidr_network_address_table_pk_seq'::regclass)","base":""},"schema":null,"cases":[["Snapshot","1","1"],["Stream","1","1"],["Stream","2","2"]]}
{"profile":"rdi","table":"cidr_network_address_table","meta":{"name":"i","oid":650,"typmod":-1,"typname":"cidr","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot","192.168.100.128/25","\"192.168.100.128/25\""],["Stream","192.168.0.0/25","\"192.168.0.0/25\""],["Stream","192.168.100.128/25","\"192.168.100.128/25\""]]}
{"profile":"rdi","table":"custom_table","meta":{"name":"pk","oid":23,"typmod":-1,"typname":"int4","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":true,"default":"nextval('vs_p.custom_table_pk_seq'::regclass)","base":""},"schema":null,"cases":[["Snapshot","1","1"],["Stream","1","1"],["Stream","2","2"]]}
{"profile":"rdi","table":"custom_table","meta":{"name":"lt","oid":21850,"typmod":-1,"typname":"ltree","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot","Top.Collections.Pictures.Astronomy.Galaxies","\"Top.Collections.Pictures.Astronomy.Galaxies\""],["Stream","Top.Collections.Pictures.Astronomy.Galaxies","\"Top.Collections.Pictures.Astronomy.Galaxies\""]]}
{"profile":"rdi","table":"custom_table","meta":{"name":"i","oid":22051,"typmod":-1,"typname":"isbn","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":true,"default":null,"base":""},"schema":null,"cases":[["Snapshot","0-393-04002-X","\"0-393-04002-X\""],["Stream","0-393-04002-X","\"0-393-04002-X\""]]}
{"profile":"rdi","table":"custom_table","meta":{"name":"n","oid":25,"typmod":-1,"typname":"text","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot",null,"null"],["Stream",null,"null"],["Stream","some text","\"some text\""]]}
{"profile":"rdi","table":"custom_table","meta":{"name":"lt_array","oid":21853,"typmod":-1,"typname":"_ltree","kind":"Array","elem":"ltree","elem_kind":"Base","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot","{Ship.Frigate,Ship.Destroyer}","[\"Ship.Frigate\",\"Ship.Destroyer\"]"],["Stream",null,"null"],["Stream","{Ship.Frigate,Ship.Destroyer}","[\"Ship.Frigate\",\"Ship.Destroyer\"]"]]}
{"profile":"rdi","table":"geom_table","meta":{"name":"pk","oid":23,"typmod":-1,"typname":"int4","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":true,"default":"nextval('vs_p.geom_table_pk_seq'::regclass)","base":""},"schema":null,"cases":[["Snapshot","1","1"],["Stream","1","1"],["Stream","2","2"]]}
{"profile":"rdi","table":"geom_table","meta":{"name":"p","oid":600,"typmod":-1,"typname":"point","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot","(1,1)","{\"x\":1.0,\"y\":1.0,\"wkb\":\"AQEAAAAAAAAAAADwPwAAAAAAAPA/\",\"srid\":null}"],["Stream","(0,0)","{\"x\":0.0,\"y\":0.0,\"wkb\":\"AQEAAAAAAAAAAAAAAAAAAAAAAAAA\",\"srid\":null}"],["Stream","(1,1)","{\"x\":1.0,\"y\":1.0,\"wkb\":\"AQEAAAAAAAAAAADwPwAAAAAAAPA/\",\"srid\":null}"]]}
{"profile":"rdi","table":"hstore_table","meta":{"name":"pk","oid":23,"typmod":-1,"typname":"int4","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":true,"default":"nextval('vs_p.hstore_table_pk_seq'::regclass)","base":""},"schema":null,"cases":[["Snapshot","1","1"],["Stream","1","1"],["Stream","2","2"]]}
{"profile":"rdi","table":"hstore_table","meta":{"name":"hs","oid":22812,"typmod":-1,"typname":"hstore","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot","\"key\"=>\"val\"","\"{\\\"key\\\":\\\"val\\\"}\""],["Stream","\"key\"=>\"val\"","\"{\\\"key\\\":\\\"val\\\"}\""],["Stream","\"key\"=>NULL","\"{\\\"key\\\":null}\""]]}
{"profile":"rdi","table":"hstore_table_mul","meta":{"name":"pk","oid":23,"typmod":-1,"typname":"int4","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":true,"default":"nextval('vs_p.hstore_table_mul_pk_seq'::regclass)","base":""},"schema":null,"cases":[["Snapshot","1","1"],["Stream","1","1"],["Stream","2","2"]]}
{"profile":"rdi","table":"hstore_table_mul","meta":{"name":"hs","oid":22812,"typmod":-1,"typname":"hstore","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot","\"key1\"=>\"val1\", \"key2\"=>\"val2\", \"key3\"=>\"val3\"","\"{\\\"key1\\\":\\\"val1\\\",\\\"key2\\\":\\\"val2\\\",\\\"key3\\\":\\\"val3\\\"}\""],["Stream","\"key1\"=>\"val1\", \"key2\"=>\"val2\", \"key3\"=>\"val3\"","\"{\\\"key1\\\":\\\"val1\\\",\\\"key2\\\":\\\"val2\\\",\\\"key3\\\":\\\"val3\\\"}\""]]}
{"profile":"rdi","table":"hstore_table_mul","meta":{"name":"hsarr","oid":22817,"typmod":-1,"typname":"_hstore","kind":"Array","elem":"hstore","elem_kind":"Base","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot","{\"\\\"key4\\\"=>\\\"val4\\\", \\\"key5\\\"=>NULL\",\"\\\"key6\\\"=>\\\"val6\\\"\"}","[\"{\\\"key5\\\":null,\\\"key4\\\":\\\"val4\\\"}\",\"{\\\"key6\\\":\\\"val6\\\"}\"]"],["Stream",null,"null"],["Stream","{\"\\\"key4\\\"=>\\\"val4\\\", \\\"key5\\\"=>NULL\",\"\\\"key6\\\"=>\\\"val6\\\"\"}","[\"{\\\"key5\\\":null,\\\"key4\\\":\\\"val4\\\"}\",\"{\\\"key6\\\":\\\"val6\\\"}\"]"]]}
{"profile":"rdi","table":"hstore_table_with_null","meta":{"name":"pk","oid":23,"typmod":-1,"typname":"int4","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":true,"default":"nextval('vs_p.hstore_table_with_null_pk_seq'::regclass)","base":""},"schema":null,"cases":[["Snapshot","1","1"],["Stream","2","2"]]}
{"profile":"rdi","table":"hstore_table_with_null","meta":{"name":"hs","oid":22812,"typmod":-1,"typname":"hstore","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot","\"key1\"=>\"val1\", \"key2\"=>NULL","\"{\\\"key1\\\":\\\"val1\\\",\\\"key2\\\":null}\""],["Stream",null,"null"],["Stream","\"key1\"=>\"val1\", \"key2\"=>NULL","\"{\\\"key1\\\":\\\"val1\\\",\\\"key2\\\":null}\""]]}
{"profile":"rdi","table":"hstore_table_with_special","meta":{"name":"pk","oid":23,"typmod":-1,"typname":"int4","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":true,"default":"nextval('vs_p.hstore_table_with_special_pk_seq'::regclass)","base":""},"schema":null,"cases":[["Snapshot","1","1"],["Stream","1","1"],["Stream","2","2"]]}
{"profile":"rdi","table":"hstore_table_with_special","meta":{"name":"hs","oid":22812,"typmod":-1,"typname":"hstore","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot","\"key 2\"=>\" ##123 78\", \"key_#1\"=>\"val 1\"","\"{\\\"key_#1\\\":\\\"val 1\\\",\\\"key 2\\\":\\\" ##123 78\\\"}\""],["Stream","","\"{}\""],["Stream","\"key 2\"=>\" ##123 78\", \"key_#1\"=>\"val 1\"","\"{\\\"key_#1\\\":\\\"val 1\\\",\\\"key 2\\\":\\\" ##123 78\\\"}\""]]}
{"profile":"rdi","table":"macaddr8_table","meta":{"name":"pk","oid":23,"typmod":-1,"typname":"int4","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":true,"default":"nextval('vs_p.macaddr8_table_pk_seq'::regclass)","base":""},"schema":null,"cases":[["Snapshot","1","1"],["Stream","1","1"],["Stream","2","2"]]}
{"profile":"rdi","table":"macaddr8_table","meta":{"name":"m","oid":774,"typmod":-1,"typname":"macaddr8","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot","08:00:2b:01:02:03:04:05","\"08:00:2b:01:02:03:04:05\""],["Stream","08:00:2b:01:02:03:04:05","\"08:00:2b:01:02:03:04:05\""],["Stream","08:00:2b:ff:fe:01:02:03","\"08:00:2b:ff:fe:01:02:03\""]]}
{"profile":"rdi","table":"macaddr_table","meta":{"name":"pk","oid":23,"typmod":-1,"typname":"int4","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":true,"default":"nextval('vs_p.macaddr_table_pk_seq'::regclass)","base":""},"schema":null,"cases":[["Snapshot","1","1"],["Stream","1","1"],["Stream","2","2"]]}
{"profile":"rdi","table":"macaddr_table","meta":{"name":"m","oid":829,"typmod":-1,"typname":"macaddr","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot","08:00:2b:01:02:03","\"08:00:2b:01:02:03\""],["Stream","08:00:2b:01:02:03","\"08:00:2b:01:02:03\""]]}
{"profile":"rdi","table":"network_address_table","meta":{"name":"pk","oid":23,"typmod":-1,"typname":"int4","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":true,"default":"nextval('vs_p.network_address_table_pk_seq'::regclass)","base":""},"schema":null,"cases":[["Snapshot","1","1"],["Stream","1","1"],["Stream","2","2"]]}
{"profile":"rdi","table":"network_address_table","meta":{"name":"i","oid":869,"typmod":-1,"typname":"inet","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot","192.168.2.0/12","\"192.168.2.0/12\""],["Stream","192.168.1.1","\"192.168.1.1\""],["Stream","192.168.2.0/12","\"192.168.2.0/12\""]]}
{"profile":"rdi","table":"not_null_table","meta":{"name":"pk","oid":23,"typmod":-1,"typname":"int4","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":true,"default":"nextval('vs_p.not_null_table_pk_seq'::regclass)","base":""},"schema":null,"cases":[["Stream","1","1"]]}
{"profile":"rdi","table":"not_null_table","meta":{"name":"val","oid":1700,"typmod":1310732,"typname":"numeric","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Stream","40.00000000","\"40.00000000\""]]}
{"profile":"rdi","table":"not_null_table","meta":{"name":"created_at","oid":1114,"typmod":-1,"typname":"timestamp","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":true,"default":null,"base":""},"schema":null,"cases":[["Stream","2019-02-10 11:34:58","1549798498000000"]]}
{"profile":"rdi","table":"not_null_table","meta":{"name":"created_at_tz","oid":1184,"typmod":-1,"typname":"timestamptz","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":true,"default":null,"base":""},"schema":null,"cases":[["Stream","2019-02-10 11:35:00+00","\"2019-02-10T11:35:00.000000Z\""]]}
{"profile":"rdi","table":"not_null_table","meta":{"name":"ctime","oid":1083,"typmod":-1,"typname":"time","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":true,"default":null,"base":""},"schema":null,"cases":[["Stream","10:20:11","37211000000"]]}
{"profile":"rdi","table":"not_null_table","meta":{"name":"ctime_tz","oid":1266,"typmod":-1,"typname":"timetz","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":true,"default":null,"base":""},"schema":null,"cases":[["Stream","10:20:12+00","\"10:20:12Z\""]]}
{"profile":"rdi","table":"not_null_table","meta":{"name":"cdate","oid":1082,"typmod":-1,"typname":"date","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":true,"default":null,"base":""},"schema":null,"cases":[["Stream","2019-02-01","17928"]]}
{"profile":"rdi","table":"not_null_table","meta":{"name":"cmoney","oid":790,"typmod":-1,"typname":"money","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":true,"default":null,"base":""},"schema":null,"cases":[["Stream","$20.00","\"20.00\""]]}
{"profile":"rdi","table":"not_null_table","meta":{"name":"cbits","oid":1560,"typmod":3,"typname":"bit","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":true,"default":null,"base":""},"schema":null,"cases":[["Stream","101","\"BQ==\""]]}
{"profile":"rdi","table":"not_null_table","meta":{"name":"csmallint","oid":21,"typmod":-1,"typname":"int2","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":true,"default":null,"base":""},"schema":null,"cases":[["Stream","32766","32766"]]}
{"profile":"rdi","table":"not_null_table","meta":{"name":"cinteger","oid":23,"typmod":-1,"typname":"int4","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":true,"default":null,"base":""},"schema":null,"cases":[["Stream","2147483646","2147483646"]]}
{"profile":"rdi","table":"not_null_table","meta":{"name":"cbigint","oid":20,"typmod":-1,"typname":"int8","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":true,"default":null,"base":""},"schema":null,"cases":[["Stream","9223372036854775806","9223372036854775806"]]}
{"profile":"rdi","table":"not_null_table","meta":{"name":"creal","oid":700,"typmod":-1,"typname":"float4","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":true,"default":null,"base":""},"schema":null,"cases":[["Stream","3.14","3.14"]]}
{"profile":"rdi","table":"not_null_table","meta":{"name":"cbool","oid":16,"typmod":-1,"typname":"bool","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":true,"default":null,"base":""},"schema":null,"cases":[["Stream","t","true"]]}
{"profile":"rdi","table":"not_null_table","meta":{"name":"cfloat8","oid":701,"typmod":-1,"typname":"float8","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":true,"default":null,"base":""},"schema":null,"cases":[["Stream","3.14768","3.14768"]]}
{"profile":"rdi","table":"not_null_table","meta":{"name":"cnumeric","oid":1700,"typmod":393222,"typname":"numeric","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":true,"default":null,"base":""},"schema":null,"cases":[["Stream","1234.56","\"1234.56\""]]}
{"profile":"rdi","table":"not_null_table","meta":{"name":"cvarchar","oid":1043,"typmod":9,"typname":"varchar","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":true,"default":null,"base":""},"schema":null,"cases":[["Stream","Test","\"Test\""]]}
{"profile":"rdi","table":"not_null_table","meta":{"name":"cbox","oid":603,"typmod":-1,"typname":"box","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":true,"default":null,"base":""},"schema":null,"cases":[]}
{"profile":"rdi","table":"not_null_table","meta":{"name":"ccircle","oid":718,"typmod":-1,"typname":"circle","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":true,"default":null,"base":""},"schema":null,"cases":[]}
{"profile":"rdi","table":"not_null_table","meta":{"name":"cinterval","oid":1186,"typmod":-1,"typname":"interval","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":true,"default":null,"base":""},"schema":null,"cases":[["Stream","01:02:03","3723000000"]]}
{"profile":"rdi","table":"not_null_table","meta":{"name":"cline","oid":628,"typmod":-1,"typname":"line","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":true,"default":null,"base":""},"schema":null,"cases":[]}
{"profile":"rdi","table":"not_null_table","meta":{"name":"clseg","oid":601,"typmod":-1,"typname":"lseg","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":true,"default":null,"base":""},"schema":null,"cases":[]}
{"profile":"rdi","table":"not_null_table","meta":{"name":"cpath","oid":602,"typmod":-1,"typname":"path","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":true,"default":null,"base":""},"schema":null,"cases":[]}
{"profile":"rdi","table":"not_null_table","meta":{"name":"cpoint","oid":600,"typmod":-1,"typname":"point","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":true,"default":null,"base":""},"schema":null,"cases":[["Stream","(1,1)","{\"x\":1.0,\"y\":1.0,\"wkb\":\"AQEAAAAAAAAAAADwPwAAAAAAAPA/\",\"srid\":null}"]]}
{"profile":"rdi","table":"not_null_table","meta":{"name":"cpolygon","oid":604,"typmod":-1,"typname":"polygon","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":true,"default":null,"base":""},"schema":null,"cases":[]}
{"profile":"rdi","table":"not_null_table","meta":{"name":"cchar","oid":1042,"typmod":5,"typname":"bpchar","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":true,"default":null,"base":""},"schema":null,"cases":[["Stream","a","\"a\""]]}
{"profile":"rdi","table":"not_null_table","meta":{"name":"ctext","oid":25,"typmod":-1,"typname":"text","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":true,"default":null,"base":""},"schema":null,"cases":[["Stream","hello world","\"hello world\""]]}
{"profile":"rdi","table":"not_null_table","meta":{"name":"cjson","oid":114,"typmod":-1,"typname":"json","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":true,"default":null,"base":""},"schema":null,"cases":[["Stream","{\"key\": 123}","\"{\\\"key\\\": 123}\""]]}
{"profile":"rdi","table":"not_null_table","meta":{"name":"cxml","oid":142,"typmod":-1,"typname":"xml","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":true,"default":null,"base":""},"schema":null,"cases":[["Stream","<doc><item>abc</item></doc>","\"<doc><item>abc</item></doc>\""]]}
{"profile":"rdi","table":"not_null_table","meta":{"name":"cuuid","oid":2950,"typmod":-1,"typname":"uuid","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":true,"default":null,"base":""},"schema":null,"cases":[["Stream","a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11","\"a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11\""]]}
{"profile":"rdi","table":"not_null_table","meta":{"name":"cvarbit","oid":1562,"typmod":3,"typname":"varbit","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":true,"default":null,"base":""},"schema":null,"cases":[["Stream","101","\"BQ==\""]]}
{"profile":"rdi","table":"not_null_table","meta":{"name":"cinet","oid":869,"typmod":-1,"typname":"inet","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":true,"default":null,"base":""},"schema":null,"cases":[["Stream","192.168.1.100","\"192.168.1.100\""]]}
{"profile":"rdi","table":"not_null_table","meta":{"name":"ccidr","oid":650,"typmod":-1,"typname":"cidr","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":true,"default":null,"base":""},"schema":null,"cases":[["Stream","192.168.1.0/24","\"192.168.1.0/24\""]]}
{"profile":"rdi","table":"not_null_table","meta":{"name":"cmacaddr","oid":829,"typmod":-1,"typname":"macaddr","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":true,"default":null,"base":""},"schema":null,"cases":[["Stream","08:00:2b:01:02:03","\"08:00:2b:01:02:03\""]]}
{"profile":"rdi","table":"numeric_decimal_table","meta":{"name":"pk","oid":23,"typmod":-1,"typname":"int4","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":true,"default":"nextval('vs_p.numeric_decimal_table_pk_seq'::regclass)","base":""},"schema":null,"cases":[["Snapshot","1","1"],["Snapshot","2","2"],["Snapshot","3","3"],["Stream","1","1"],["Stream","4","4"],["Stream","5","5"],["Stream","6","6"]]}
{"profile":"rdi","table":"numeric_decimal_table","meta":{"name":"d","oid":1700,"typmod":196614,"typname":"numeric","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot","1.10","\"1.10\""],["Stream",null,"null"],["Stream","1.10","\"1.10\""]]}
{"profile":"rdi","table":"numeric_decimal_table","meta":{"name":"dzs","oid":1700,"typmod":262148,"typname":"numeric","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot","10","\"10\""],["Stream",null,"null"],["Stream","10","\"10\""]]}
{"profile":"rdi","table":"numeric_decimal_table","meta":{"name":"dvs","oid":1700,"typmod":-1,"typname":"numeric","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot","10.1111","\"10.1111\""],["Stream",null,"null"],["Stream","10.1111","\"10.1111\""],["Stream","Infinity","\"POSITIVE_INFINITY\""]]}
{"profile":"rdi","table":"numeric_decimal_table","meta":{"name":"d_nn","oid":1700,"typmod":196614,"typname":"numeric","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":true,"default":null,"base":""},"schema":null,"cases":[["Snapshot","3.30","\"3.30\""],["Stream",null,"\"0.00\""],["Stream","3.30","\"3.30\""]]}
{"profile":"rdi","table":"numeric_decimal_table","meta":{"name":"n","oid":1700,"typmod":393224,"typname":"numeric","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot","22.2200","\"22.2200\""],["Stream",null,"null"],["Stream","22.2200","\"22.2200\""]]}
{"profile":"rdi","table":"numeric_decimal_table","meta":{"name":"nzs","oid":1700,"typmod":262148,"typname":"numeric","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot","22","\"22\""],["Stream",null,"null"],["Stream","22","\"22\""]]}
{"profile":"rdi","table":"numeric_decimal_table","meta":{"name":"nvs","oid":1700,"typmod":-1,"typname":"numeric","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot","22.2222","\"22.2222\""],["Stream",null,"null"],["Stream","22.2222","\"22.2222\""],["Stream","NaN","\"NAN\""]]}
{"profile":"rdi","table":"numeric_decimal_table","meta":{"name":"d_int","oid":1700,"typmod":196614,"typname":"numeric","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot","1.00","\"1.00\""],["Stream",null,"null"],["Stream","1.00","\"1.00\""]]}
{"profile":"rdi","table":"numeric_decimal_table","meta":{"name":"dzs_int","oid":1700,"typmod":262148,"typname":"numeric","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot","10","\"10\""],["Stream",null,"null"],["Stream","10","\"10\""]]}
{"profile":"rdi","table":"numeric_decimal_table","meta":{"name":"dvs_int","oid":1700,"typmod":-1,"typname":"numeric","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot","10","\"10\""],["Stream",null,"null"],["Stream","10","\"10\""]]}
{"profile":"rdi","table":"numeric_decimal_table","meta":{"name":"n_int","oid":1700,"typmod":393224,"typname":"numeric","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot","22.0000","\"22.0000\""],["Stream",null,"null"],["Stream","22.0000","\"22.0000\""]]}
{"profile":"rdi","table":"numeric_decimal_table","meta":{"name":"nzs_int","oid":1700,"typmod":262148,"typname":"numeric","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot","22","\"22\""],["Stream",null,"null"],["Stream","22","\"22\""]]}
{"profile":"rdi","table":"numeric_decimal_table","meta":{"name":"nvs_int","oid":1700,"typmod":-1,"typname":"numeric","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot","22","\"22\""],["Stream",null,"null"],["Stream","22","\"22\""]]}
{"profile":"rdi","table":"numeric_decimal_table","meta":{"name":"d_nan","oid":1700,"typmod":196614,"typname":"numeric","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot",null,"null"],["Snapshot","NaN","\"NAN\""],["Stream",null,"null"],["Stream","NaN","\"NAN\""]]}
{"profile":"rdi","table":"numeric_decimal_table","meta":{"name":"dzs_nan","oid":1700,"typmod":262148,"typname":"numeric","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot",null,"null"],["Snapshot","NaN","\"NAN\""],["Stream",null,"null"],["Stream","NaN","\"NAN\""]]}
{"profile":"rdi","table":"numeric_decimal_table","meta":{"name":"dvs_nan","oid":1700,"typmod":-1,"typname":"numeric","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot",null,"null"],["Snapshot","Infinity","\"POSITIVE_INFINITY\""],["Snapshot","NaN","\"NAN\""],["Stream",null,"null"],["Stream","Infinity","\"POSITIVE_INFINITY\""],["Stream","NaN","\"NAN\""]]}
{"profile":"rdi","table":"numeric_decimal_table","meta":{"name":"n_nan","oid":1700,"typmod":393224,"typname":"numeric","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot",null,"null"],["Snapshot","NaN","\"NAN\""],["Stream",null,"null"],["Stream","NaN","\"NAN\""]]}
{"profile":"rdi","table":"numeric_decimal_table","meta":{"name":"nzs_nan","oid":1700,"typmod":262148,"typname":"numeric","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot",null,"null"],["Snapshot","NaN","\"NAN\""],["Stream",null,"null"],["Stream","NaN","\"NAN\""]]}
{"profile":"rdi","table":"numeric_decimal_table","meta":{"name":"nvs_nan","oid":1700,"typmod":-1,"typname":"numeric","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot",null,"null"],["Snapshot","-Infinity","\"NEGATIVE_INFINITY\""],["Snapshot","NaN","\"NAN\""],["Stream",null,"null"],["Stream","-Infinity","\"NEGATIVE_INFINITY\""],["Stream","NaN","\"NAN\""]]}
{"profile":"rdi","table":"numeric_table","meta":{"name":"pk","oid":23,"typmod":-1,"typname":"int4","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":true,"default":"nextval('vs_p.numeric_table_pk_seq'::regclass)","base":""},"schema":null,"cases":[["Snapshot","1","1"],["Stream","1","1"],["Stream","2","2"]]}
{"profile":"rdi","table":"numeric_table","meta":{"name":"si","oid":21,"typmod":-1,"typname":"int2","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot","1","1"],["Stream","1","1"],["Stream","2","2"]]}
{"profile":"rdi","table":"numeric_table","meta":{"name":"i","oid":23,"typmod":-1,"typname":"int4","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot","123456","123456"],["Stream","123456","123456"]]}
{"profile":"rdi","table":"numeric_table","meta":{"name":"bi","oid":20,"typmod":-1,"typname":"int8","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot","1234567890123","1234567890123"],["Stream","1234567890123","1234567890123"]]}
{"profile":"rdi","table":"numeric_table","meta":{"name":"r","oid":700,"typmod":-1,"typname":"float4","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot","3.3","3.3"],["Stream","3.3","3.3"],["Stream","NaN","\"NaN\""]]}
{"profile":"rdi","table":"numeric_table","meta":{"name":"db","oid":701,"typmod":-1,"typname":"float8","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot","4.44","4.44"],["Stream","-Infinity","\"-Infinity\""],["Stream","4.44","4.44"]]}
{"profile":"rdi","table":"numeric_table","meta":{"name":"r_int","oid":700,"typmod":-1,"typname":"float4","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot","3","3.0"],["Stream","3","3.0"]]}
{"profile":"rdi","table":"numeric_table","meta":{"name":"db_int","oid":701,"typmod":-1,"typname":"float8","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot","4","4.0"],["Stream","4","4.0"]]}
{"profile":"rdi","table":"numeric_table","meta":{"name":"r_nan","oid":700,"typmod":-1,"typname":"float4","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot","NaN","\"NaN\""],["Stream","NaN","\"NaN\""]]}
{"profile":"rdi","table":"numeric_table","meta":{"name":"db_nan","oid":701,"typmod":-1,"typname":"float8","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot","NaN","\"NaN\""],["Stream","NaN","\"NaN\""]]}
{"profile":"rdi","table":"numeric_table","meta":{"name":"r_pinf","oid":700,"typmod":-1,"typname":"float4","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot","Infinity","\"Infinity\""],["Stream","Infinity","\"Infinity\""]]}
{"profile":"rdi","table":"numeric_table","meta":{"name":"db_pinf","oid":701,"typmod":-1,"typname":"float8","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot","Infinity","\"Infinity\""],["Stream","Infinity","\"Infinity\""]]}
{"profile":"rdi","table":"numeric_table","meta":{"name":"r_ninf","oid":700,"typmod":-1,"typname":"float4","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot","-Infinity","\"-Infinity\""],["Stream","-Infinity","\"-Infinity\""]]}
{"profile":"rdi","table":"numeric_table","meta":{"name":"db_ninf","oid":701,"typmod":-1,"typname":"float8","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot","-Infinity","\"-Infinity\""],["Stream","-Infinity","\"-Infinity\""]]}
{"profile":"rdi","table":"numeric_table","meta":{"name":"ss","oid":21,"typmod":-1,"typname":"int2","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":true,"default":"nextval('vs_p.numeric_table_ss_seq'::regclass)","base":""},"schema":null,"cases":[["Snapshot","1","1"],["Stream","1","1"]]}
{"profile":"rdi","table":"numeric_table","meta":{"name":"bs","oid":20,"typmod":-1,"typname":"int8","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":true,"default":"nextval('vs_p.numeric_table_bs_seq'::regclass)","base":""},"schema":null,"cases":[["Snapshot","123","123"],["Stream","123","123"]]}
{"profile":"rdi","table":"numeric_table","meta":{"name":"b","oid":16,"typmod":-1,"typname":"bool","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot","t","true"],["Stream","f","false"],["Stream","t","true"]]}
{"profile":"rdi","table":"numeric_table","meta":{"name":"o","oid":26,"typmod":-1,"typname":"oid","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot","4000000000","4000000000"],["Stream","4000000000","4000000000"]]}
{"profile":"rdi","table":"range_table","meta":{"name":"pk","oid":23,"typmod":-1,"typname":"int4","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":true,"default":"nextval('vs_p.range_table_pk_seq'::regclass)","base":""},"schema":null,"cases":[["Snapshot","1","1"],["Stream","1","1"],["Stream","2","2"]]}
{"profile":"rdi","table":"range_table","meta":{"name":"unbounded_exclusive_tsrange","oid":3908,"typmod":-1,"typname":"tsrange","kind":"Range","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot","[\"2019-03-31 15:30:00\",infinity)","\"[\\\"2019-03-31 15:30:00\\\",infinity)\""],["Stream","[\"2019-03-31 15:30:00\",infinity)","\"[\\\"2019-03-31 15:30:00\\\",infinity)\""]]}
{"profile":"rdi","table":"range_table","meta":{"name":"bounded_inclusive_tsrange","oid":3908,"typmod":-1,"typname":"tsrange","kind":"Range","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot","[\"2019-03-31 15:30:00\",\"2019-04-30 15:30:00\"]","\"[\\\"2019-03-31 15:30:00\\\",\\\"2019-04-30 15:30:00\\\"]\""],["Stream","[\"2019-03-31 15:30:00\",\"2019-04-30 15:30:00\"]","\"[\\\"2019-03-31 15:30:00\\\",\\\"2019-04-30 15:30:00\\\"]\""]]}
{"profile":"rdi","table":"range_table","meta":{"name":"unbounded_exclusive_tstzrange","oid":3910,"typmod":-1,"typname":"tstzrange","kind":"Range","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot","[\"2017-06-05 11:29:12.549426+00\",)","\"[\\\"2017-06-05 11:29:12.549426+00\\\",)\""],["Stream","[\"2017-06-05 11:29:12.549426+00\",)","\"[\\\"2017-06-05 11:29:12.549426+00\\\",)\""]]}
{"profile":"rdi","table":"range_table","meta":{"name":"bounded_inclusive_tstzrange","oid":3910,"typmod":-1,"typname":"tstzrange","kind":"Range","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot","[\"2017-06-05 11:29:12.549426+00\",\"2017-06-05 12:34:56.789012+00\"]","\"[\\\"2017-06-05 11:29:12.549426+00\\\",\\\"2017-06-05 12:34:56.789012+00\\\"]\""],["Stream","[\"2017-06-05 11:29:12.549426+00\",\"2017-06-05 12:34:56.789012+00\"]","\"[\\\"2017-06-05 11:29:12.549426+00\\\",\\\"2017-06-05 12:34:56.789012+00\\\"]\""]]}
{"profile":"rdi","table":"range_table","meta":{"name":"unbounded_exclusive_daterange","oid":3912,"typmod":-1,"typname":"daterange","kind":"Range","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot","[2019-03-31,infinity)","\"[2019-03-31,infinity)\""],["Stream","[2019-03-31,infinity)","\"[2019-03-31,infinity)\""]]}
{"profile":"rdi","table":"range_table","meta":{"name":"bounded_exclusive_daterange","oid":3912,"typmod":-1,"typname":"daterange","kind":"Range","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot","[2019-03-31,2019-04-30)","\"[2019-03-31,2019-04-30)\""],["Stream","[2019-03-31,2019-04-30)","\"[2019-03-31,2019-04-30)\""]]}
{"profile":"rdi","table":"range_table","meta":{"name":"int4_number_range","oid":3904,"typmod":-1,"typname":"int4range","kind":"Range","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot","[1000,6000)","\"[1000,6000)\""],["Stream","[1,6)","\"[1,6)\""],["Stream","[1000,6000)","\"[1000,6000)\""]]}
{"profile":"rdi","table":"range_table","meta":{"name":"numerange","oid":3906,"typmod":-1,"typname":"numrange","kind":"Range","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot","[5.3,6.3)","\"[5.3,6.3)\""],["Stream","[5.3,6.3)","\"[5.3,6.3)\""],["Stream","empty","\"empty\""]]}
{"profile":"rdi","table":"range_table","meta":{"name":"int8_number_range","oid":3926,"typmod":-1,"typname":"int8range","kind":"Range","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot","[1000000,6000000)","\"[1000000,6000000)\""],["Stream","[1000000,6000000)","\"[1000000,6000000)\""]]}
{"profile":"rdi","table":"string_table","meta":{"name":"pk","oid":23,"typmod":-1,"typname":"int4","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":true,"default":"nextval('vs_p.string_table_pk_seq'::regclass)","base":""},"schema":null,"cases":[["Snapshot","1","1"],["Stream","1","1"],["Stream","2","2"]]}
{"profile":"rdi","table":"string_table","meta":{"name":"vc","oid":1043,"typmod":6,"typname":"varchar","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot","žš","\"žš\""],["Stream","bb","\"bb\""],["Stream","žš","\"žš\""]]}
{"profile":"rdi","table":"string_table","meta":{"name":"vcv","oid":1043,"typmod":6,"typname":"varchar","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot","bb","\"bb\""],["Stream","bb","\"bb\""]]}
{"profile":"rdi","table":"string_table","meta":{"name":"ch","oid":1042,"typmod":8,"typname":"bpchar","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot","cdef","\"cdef\""],["Stream","cdef","\"cdef\""]]}
{"profile":"rdi","table":"string_table","meta":{"name":"c","oid":1042,"typmod":7,"typname":"bpchar","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot","abc","\"abc\""],["Stream","abc","\"abc\""]]}
{"profile":"rdi","table":"string_table","meta":{"name":"t","oid":25,"typmod":-1,"typname":"text","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot","some text","\"some text\""],["Stream",null,"null"],["Stream","some text","\"some text\""]]}
{"profile":"rdi","table":"string_table","meta":{"name":"b","oid":17,"typmod":-1,"typname":"bytea","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot","\\x000102","\"AAEC\""],["Stream","\\x000102","\"AAEC\""],["Stream","\\x030405","\"AwQF\""]]}
{"profile":"rdi","table":"string_table","meta":{"name":"bnn","oid":17,"typmod":-1,"typname":"bytea","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":true,"default":null,"base":""},"schema":null,"cases":[["Snapshot","\\x030405","\"AwQF\""],["Stream","\\x030405","\"AwQF\""]]}
{"profile":"rdi","table":"string_table","meta":{"name":"ct","oid":22707,"typmod":-1,"typname":"citext","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot","Hello World","\"Hello World\""],["Stream","Hello World","\"Hello World\""]]}
{"profile":"rdi","table":"table_without_pk","meta":{"name":"id","oid":23,"typmod":-1,"typname":"int4","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":true,"default":"nextval('vs_p.table_without_pk_id_seq'::regclass)","base":""},"schema":null,"cases":[["Snapshot","1","1"],["Stream","2","2"]]}
{"profile":"rdi","table":"table_without_pk","meta":{"name":"val","oid":23,"typmod":-1,"typname":"int4","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot","1000","1000"],["Stream","2000","2000"]]}
{"profile":"rdi","table":"text_table","meta":{"name":"pk","oid":23,"typmod":-1,"typname":"int4","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":true,"default":"nextval('vs_p.text_table_pk_seq'::regclass)","base":""},"schema":null,"cases":[["Snapshot","1","1"],["Stream","1","1"],["Stream","2","2"]]}
{"profile":"rdi","table":"text_table","meta":{"name":"j","oid":114,"typmod":-1,"typname":"json","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot","{\"bar\": \"baz\"}","\"{\\\"bar\\\": \\\"baz\\\"}\""],["Stream","{\"bar\": \"baz\"}","\"{\\\"bar\\\": \\\"baz\\\"}\""]]}
{"profile":"rdi","table":"text_table","meta":{"name":"jb","oid":3802,"typmod":-1,"typname":"jsonb","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot","{\"bar\": \"baz\"}","\"{\\\"bar\\\": \\\"baz\\\"}\""],["Stream","{\"bar\": \"baz\"}","\"{\\\"bar\\\": \\\"baz\\\"}\""],["Stream","{\"foo\": \"qux\"}","\"{\\\"foo\\\": \\\"qux\\\"}\""]]}
{"profile":"rdi","table":"text_table","meta":{"name":"x","oid":142,"typmod":-1,"typname":"xml","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot","<foo>bar</foo><foo>bar</foo>","\"<foo>bar</foo><foo>bar</foo>\""],["Stream","<foo>bar</foo>","\"<foo>bar</foo>\""],["Stream","<foo>bar</foo><foo>bar</foo>","\"<foo>bar</foo><foo>bar</foo>\""]]}
{"profile":"rdi","table":"text_table","meta":{"name":"u","oid":2950,"typmod":-1,"typname":"uuid","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot","a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11","\"a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11\""],["Stream","a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11","\"a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11\""]]}
{"profile":"rdi","table":"time_table","meta":{"name":"pk","oid":23,"typmod":-1,"typname":"int4","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":true,"default":"nextval('vs_p.time_table_pk_seq'::regclass)","base":""},"schema":null,"cases":[["Snapshot","1","1"],["Stream","2","2"]]}
{"profile":"rdi","table":"time_table","meta":{"name":"ts","oid":1114,"typmod":-1,"typname":"timestamp","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot","2016-11-04 13:51:30.123456","1478267490123456"],["Stream",null,"null"],["Stream","2016-11-04 13:51:30.123456","1478267490123456"]]}
{"profile":"rdi","table":"time_table","meta":{"name":"tsneg","oid":1114,"typmod":6,"typname":"timestamp","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot","1936-10-25 22:10:12.608","-1047174587392000"],["Stream",null,"null"],["Stream","1936-10-25 22:10:12.608","-1047174587392000"]]}
{"profile":"rdi","table":"time_table","meta":{"name":"ts_ms","oid":1114,"typmod":3,"typname":"timestamp","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot","2016-11-04 13:51:30.123","1478267490123"],["Stream",null,"null"],["Stream","2016-11-04 13:51:30.123","1478267490123"]]}
{"profile":"rdi","table":"time_table","meta":{"name":"ts_us","oid":1114,"typmod":6,"typname":"timestamp","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot","2016-11-04 13:51:30.123456","1478267490123456"],["Stream",null,"null"],["Stream","2016-11-04 13:51:30.123456","1478267490123456"]]}
{"profile":"rdi","table":"time_table","meta":{"name":"tz","oid":1184,"typmod":-1,"typname":"timestamptz","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot","2016-11-04 11:51:30.123456+00","\"2016-11-04T11:51:30.123456Z\""],["Stream",null,"null"],["Stream","2016-11-04 11:51:30.123456+00","\"2016-11-04T11:51:30.123456Z\""]]}
{"profile":"rdi","table":"time_table","meta":{"name":"date","oid":1082,"typmod":-1,"typname":"date","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot","2016-11-04","17109"],["Stream",null,"null"],["Stream","-infinity","-2147472691"]]}
{"profile":"rdi","table":"time_table","meta":{"name":"date_pinf","oid":1082,"typmod":-1,"typname":"date","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot","infinity","-622191234"],["Stream",null,"null"],["Stream","infinity","-2147472692"]]}
{"profile":"rdi","table":"time_table","meta":{"name":"date_ninf","oid":1082,"typmod":-1,"typname":"date","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot","-infinity","-625821272"],["Stream",null,"null"],["Stream","-infinity","-2147472691"]]}
{"profile":"rdi","table":"time_table","meta":{"name":"ti","oid":1083,"typmod":-1,"typname":"time","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot","13:51:30","49890000000"],["Stream",null,"null"],["Stream","13:51:30","49890000000"]]}
{"profile":"rdi","table":"time_table","meta":{"name":"tip","oid":1083,"typmod":3,"typname":"time","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot","13:51:30.123","49890123"],["Stream",null,"null"],["Stream","13:51:30.123","49890123"]]}
{"profile":"rdi","table":"time_table","meta":{"name":"ttf","oid":1083,"typmod":-1,"typname":"time","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot","24:00:00","86400000000"],["Stream",null,"null"],["Stream","24:00:00","86400000000"]]}
{"profile":"rdi","table":"time_table","meta":{"name":"ttz","oid":1266,"typmod":-1,"typname":"timetz","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot","13:51:30.123789+02","\"11:51:30.123789Z\""],["Stream",null,"null"],["Stream","13:51:30.123789+02","\"11:51:30.123789Z\""]]}
{"profile":"rdi","table":"time_table","meta":{"name":"tptz","oid":1266,"typmod":3,"typname":"timetz","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot","13:51:30.123+02","\"11:51:30.123Z\""],["Stream",null,"null"],["Stream","13:51:30.123+02","\"11:51:30.123Z\""]]}
{"profile":"rdi","table":"time_table","meta":{"name":"it","oid":1186,"typmod":-1,"typname":"interval","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot","1 year 2 mons 3 days 04:05:06.78","37091106780000"],["Stream",null,"null"],["Stream","-1 years -2 mons +3 days -04:05:06.78","-36572706780000"]]}
{"profile":"rdi","table":"time_table","meta":{"name":"tsp","oid":1184,"typmod":0,"typname":"timestamptz","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot",null,"null"],["Stream",null,"null"]]}
{"profile":"rdi","table":"time_table","meta":{"name":"ts_large","oid":1114,"typmod":-1,"typname":"timestamp","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot","21016-11-04 13:51:30.123456","601060312290123456"],["Stream",null,"null"],["Stream","21016-11-04 13:51:30.123456","601060312290123456"]]}
{"profile":"rdi","table":"time_table","meta":{"name":"ts_large_us","oid":1114,"typmod":6,"typname":"timestamp","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot","21016-11-04 13:51:30.123457","601060312290123457"],["Stream",null,"null"],["Stream","21016-11-04 13:51:30.123457","601060312290123457"]]}
{"profile":"rdi","table":"time_table","meta":{"name":"ts_large_ms","oid":1114,"typmod":3,"typname":"timestamp","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot","21016-11-04 13:51:30.124","601060312290124"],["Stream",null,"null"],["Stream","21016-11-04 13:51:30.124","601060312290124"]]}
{"profile":"rdi","table":"time_table","meta":{"name":"tz_large","oid":1184,"typmod":-1,"typname":"timestamptz","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot","21016-11-04 06:51:30.123456+00","\"+21016-11-04T06:51:30.123456Z\""],["Stream",null,"null"],["Stream","21016-11-04 06:51:30.123456+00","\"+21016-11-04T06:51:30.123456Z\""]]}
{"profile":"rdi","table":"time_table","meta":{"name":"ts_max","oid":1114,"typmod":6,"typname":"timestamp","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot","294247-01-01 23:59:59.999999","9223371331199999999"],["Stream",null,"null"],["Stream","294247-01-01 23:59:59.999999","9223371331199999999"]]}
{"profile":"rdi","table":"time_table","meta":{"name":"ts_min","oid":1114,"typmod":6,"typname":"timestamp","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot","4713-12-31 23:59:59.999999 BC","-210831897600000001"],["Stream",null,"null"],["Stream","4713-12-31 23:59:59.999999 BC","-210831897600000001"]]}
{"profile":"rdi","table":"time_table","meta":{"name":"tz_max","oid":1184,"typmod":-1,"typname":"timestamptz","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot","294247-01-01 23:59:59.999999+00","\"+294247-01-01T23:59:59.999999Z\""],["Stream",null,"null"],["Stream","294247-01-01 23:59:59.999999+00","\"+294247-01-01T23:59:59.999999Z\""]]}
{"profile":"rdi","table":"time_table","meta":{"name":"tz_min","oid":1184,"typmod":-1,"typname":"timestamptz","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot","4714-12-31 23:59:59.999999+00 BC","\"-4713-12-31T23:59:59.999999Z\""],["Stream",null,"null"],["Stream","4714-12-31 23:59:59.999999+00 BC","\"-4713-12-31T23:59:59.999999Z\""]]}
{"profile":"rdi","table":"time_table","meta":{"name":"ts_pinf","oid":1114,"typmod":6,"typname":"timestamp","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot","infinity","9223372036825200000"],["Stream",null,"null"],["Stream","infinity","9223372036825200000"]]}
{"profile":"rdi","table":"time_table","meta":{"name":"ts_ninf","oid":1114,"typmod":6,"typname":"timestamp","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot","-infinity","-9223372036832400000"],["Stream",null,"null"],["Stream","-infinity","-9223372036832400000"]]}
{"profile":"rdi","table":"time_table","meta":{"name":"tz_pinf","oid":1184,"typmod":-1,"typname":"timestamptz","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot","infinity","\"infinity\""],["Stream",null,"null"],["Stream","infinity","\"infinity\""]]}
{"profile":"rdi","table":"time_table","meta":{"name":"tz_ninf","oid":1184,"typmod":-1,"typname":"timestamptz","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot","-infinity","\"-infinity\""],["Stream",null,"null"],["Stream","-infinity","\"-infinity\""]]}
{"profile":"rdi","table":"time_table","meta":{"name":"tz_zero","oid":1184,"typmod":-1,"typname":"timestamptz","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[["Snapshot","21016-11-04 06:51:30+00","\"+21016-11-04T06:51:30.000000Z\""],["Stream",null,"null"],["Stream","21016-11-04 06:51:30+00","\"+21016-11-04T06:51:30.000000Z\""]]}
{"profile":"rdi","table":"unknown_type_table","meta":{"name":"pk","oid":23,"typmod":-1,"typname":"int4","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":true,"default":"nextval('vs_p.unknown_type_table_pk_seq'::regclass)","base":""},"schema":null,"cases":[["Snapshot","1","1"],["Stream","2","2"]]}
{"profile":"rdi","table":"unknown_type_table","meta":{"name":"tsq","oid":3615,"typmod":-1,"typname":"tsquery","kind":"Base","elem":"","elem_kind":"","labels":"","not_null":false,"default":null,"base":""},"schema":null,"cases":[]}
"##;

    fn assert_fixture(data: &str, min_checks: usize) {
        let (ok, total, failures) = run_fixture(data);
        assert!(
            failures.is_empty(),
            "{} mismatches:\n{}",
            failures.len(),
            failures.join("\n")
        );
        assert_eq!(ok, total);
        assert!(total >= min_checks, "only {total} checks");
    }

    #[test]
    fn golden_pg_and_rdi_columns() {
        assert_fixture(FIXTURE_GOLDEN, 700);
    }

    #[test]
    fn peer_suite_columns() {
        assert_fixture(FIXTURE_PEER, 1200);
    }

    fn col(name: &str, type_name: &str, typmod: i32) -> ColumnMeta {
        ColumnMeta {
            name: name.to_string(),
            type_oid: 0,
            type_modifier: typmod,
            type_name: type_name.to_string(),
            type_kind: TypeKind::Base,
            element: None,
            base: None,
            enum_labels: vec![],
            not_null: false,
            default_expr: None,
            comment: None,
        }
    }

    fn array_of(name: &str, elem: ColumnMeta) -> ColumnMeta {
        let mut m = col(name, &format!("_{}", elem.type_name), -1);
        m.type_kind = TypeKind::Array;
        m.element = Some(Box::new(elem));
        m
    }

    fn enc(meta: &ColumnMeta, opts: &EncodingOptions, text: &str, phase: Phase) -> String {
        let mut s = String::new();
        ColumnCodec::new(meta, opts).write_json(text, phase, &mut s);
        s
    }

    fn enc1(meta: &ColumnMeta, text: &str) -> String {
        enc(meta, &EncodingOptions::default(), text, Phase::Snapshot)
    }

    fn schema_json(meta: &ColumnMeta, opts: &EncodingOptions) -> String {
        let c = ColumnCodec::new(meta, opts);
        let mut s = String::new();
        c.schema().write_json(&mut s, Some(&c.name));
        s
    }

    #[test]
    fn floats_are_written_like_java() {
        assert_eq!(enc1(&col("r", "float4", -1), "3.4e+38"), "3.4E38");
        assert_eq!(enc1(&col("r", "float4", -1), "3.3"), "3.3");
        assert_eq!(enc1(&col("r", "float4", -1), "NaN"), "\"NaN\"");
        assert_eq!(
            enc1(&col("d", "float8", -1), "1.7976931348623157e+308"),
            "1.7976931348623157E308"
        );
        assert_eq!(enc1(&col("d", "float8", -1), "-2.5e-300"), "-2.5E-300");
        assert_eq!(enc1(&col("d", "float8", -1), "-Infinity"), "\"-Infinity\"");
        assert_eq!(enc1(&col("d", "float8", -1), "4"), "4.0");
    }

    #[test]
    fn temporal_values() {
        let tz = col("tz", "timestamptz", -1);
        assert_eq!(
            enc1(&tz, "2024-02-29 11:45:30.123456+00"),
            "\"2024-02-29T11:45:30.123456Z\""
        );
        assert_eq!(
            enc1(&tz, "4714-12-31 23:59:59.999999+00 BC"),
            "\"-4713-12-31T23:59:59.999999Z\""
        );
        assert_eq!(
            enc1(&tz, "21016-11-04 06:51:30+00"),
            "\"+21016-11-04T06:51:30.000000Z\""
        );
        assert_eq!(
            enc1(&col("tz3", "timestamptz", 3), "2024-01-01 00:00:00.5+00"),
            "\"2024-01-01T00:00:00.500Z\""
        );
        assert_eq!(
            enc1(&col("tz0", "timestamptz", 0), "2024-01-01 00:00:00+02"),
            "\"2023-12-31T22:00:00Z\""
        );
        assert_eq!(enc1(&tz, "infinity"), "\"infinity\"");
        let ttz = col("ttz", "timetz", -1);
        assert_eq!(enc1(&ttz, "13:45:30.5+02"), "\"11:45:30.5Z\"");
        assert_eq!(enc1(&ttz, "23:59:59-08"), "\"07:59:59Z\"");
        assert_eq!(enc1(&ttz, "24:00:00+00"), "\"24:00:00Z\"");
        let d = col("d", "date", -1);
        assert_eq!(enc1(&d, "0044-03-15 BC"), "-735160");
        assert_eq!(
            enc(&d, &EncodingOptions::default(), "infinity", Phase::Stream),
            "-2147472692"
        );
        assert_eq!(
            enc(&d, &EncodingOptions::default(), "infinity", Phase::Snapshot),
            "-622191234"
        );
        assert_eq!(enc1(&col("t", "time", -1), "24:00:00"), "86400000000");
        assert_eq!(enc1(&col("t0", "time", 0), "13:51:30"), "49890000");
        assert_eq!(
            enc1(&col("ts", "timestamp", -1), "infinity"),
            "9223372036825200000"
        );
        assert_eq!(
            enc1(&col("ts3", "timestamp", 3), "1969-12-31 23:59:59.999"),
            "-1"
        );
        let iv = col("i", "interval", -1);
        assert_eq!(
            enc1(&iv, "1 year 2 mons 3 days 04:05:06.789"),
            "37091106789000"
        );
        assert_eq!(enc1(&iv, "-3 days -00:00:01"), "-259201000000");
        assert_eq!(enc1(&iv, "36:00:00"), "129600000000");
        let connect = EncodingOptions {
            time_precision: TimePrecisionMode::Connect,
            ..EncodingOptions::default()
        };
        assert_eq!(
            schema_json(&col("t", "time", -1), &connect),
            r#"{"type":"int32","optional":true,"name":"org.apache.kafka.connect.data.Time","version":1,"field":"t"}"#
        );
        assert_eq!(
            enc(
                &col("t", "time", -1),
                &connect,
                "13:51:30.123456",
                Phase::Snapshot
            ),
            "49890123"
        );
        let micro = EncodingOptions {
            time_precision: TimePrecisionMode::AdaptiveTimeMicroseconds,
            ..EncodingOptions::default()
        };
        assert_eq!(
            enc(&col("t0", "time", 0), &micro, "00:00:01", Phase::Snapshot),
            "1000000"
        );
    }

    #[test]
    fn decimal_modes() {
        let n = col("n", "numeric", -1);
        assert_eq!(enc1(&n, "1.50"), r#"{"scale":1,"value":"Dw=="}"#);
        assert_eq!(enc1(&n, "100"), r#"{"scale":0,"value":"ZA=="}"#);
        assert_eq!(enc1(&n, "NaN"), "null");
        let s = EncodingOptions {
            decimal: DecimalMode::String,
            ..EncodingOptions::default()
        };
        assert_eq!(enc(&n, &s, "1.50", Phase::Stream), "\"1.50\"");
        assert_eq!(
            enc(&n, &s, "-Infinity", Phase::Stream),
            "\"NEGATIVE_INFINITY\""
        );
        let dbl = EncodingOptions {
            decimal: DecimalMode::Double,
            ..EncodingOptions::default()
        };
        assert_eq!(enc(&n, &dbl, "1.50", Phase::Stream), "1.5");
        assert_eq!(enc(&n, &dbl, "NaN", Phase::Stream), "\"NaN\"");
        assert_eq!(
            schema_json(&col("m", "money", -1), &dbl),
            r#"{"type":"double","optional":true,"field":"m"}"#
        );
        assert_eq!(
            enc(&col("m", "money", -1), &dbl, "-$1,234.11", Phase::Stream),
            "-1234.11"
        );
        assert_eq!(enc1(&col("m", "money", -1), "($1.00)"), "\"nA==\"");
    }

    #[test]
    fn binary_bits_and_point() {
        let b = col("b", "bytea", -1);
        assert_eq!(enc1(&b, "\\x00ff10"), "\"AP8Q\"");
        let hex = EncodingOptions {
            binary: BinaryMode::Hex,
            ..EncodingOptions::default()
        };
        assert_eq!(enc(&b, &hex, "\\x00FF10", Phase::Stream), "\"00ff10\"");
        let url = EncodingOptions {
            binary: BinaryMode::Base64UrlSafe,
            ..EncodingOptions::default()
        };
        assert_eq!(enc(&b, &url, "\\xfbff", Phase::Stream), "\"-_8=\"");
        assert_eq!(
            schema_json(&b, &url),
            r#"{"type":"string","optional":true,"field":"b"}"#
        );
        assert_eq!(enc1(&col("v", "varbit", 1), "1"), "true");
        assert_eq!(enc1(&col("v", "varbit", -1), "00000000"), "\"\"");
        assert_eq!(
            enc1(&col("p", "point", -1), "(3,4)"),
            r#"{"x":3.0,"y":4.0,"wkb":"AQEAAAAAAAAAAAAIQAAAAAAAABBA","srid":null}"#
        );
        assert_eq!(enc1(&col("p", "point", -1), "(3"), "null");
        assert_eq!(enc1(&col("i", "int4", -1), "x"), "null");
    }

    #[test]
    fn hstore_follows_java_hashmap_order() {
        let h = col("h", "hstore", -1);
        assert_eq!(
            enc1(&h, r#""key4"=>"val4", "key5"=>NULL"#),
            r#""{\"key5\":null,\"key4\":\"val4\"}""#
        );
        assert_eq!(
            enc1(&h, r#""a\"b"=>"c\\d""#),
            r#""{\"a\\\"b\":\"c\\\\d\"}""#
        );
        assert_eq!(enc1(&h, ""), r#""{}""#);
    }

    #[test]
    fn arrays() {
        let a = array_of("a", col("", "int4", -1));
        assert_eq!(enc1(&a, "[0:1]={1,2}"), "[1,2]");
        assert_eq!(enc1(&a, "{{1,2},{3,4}}"), "[null,null]");
        let t = array_of("t", col("", "text", -1));
        assert_eq!(
            enc1(&t, r#"{"a\"b","c\\d","",NULL,"NULL"}"#),
            r#"["a\"b","c\\d","",null,"NULL"]"#
        );
        let mut e = col("", "mood", -1);
        e.type_kind = TypeKind::Enum;
        e.enum_labels = vec!["sad".into(), "ok".into()];
        assert_eq!(
            schema_json(&array_of("e", e), &EncodingOptions::default()),
            r#"{"type":"array","items":{"type":"string","optional":false,"name":"io.debezium.data.Enum","version":1,"parameters":{"allowed":"sad,ok"}},"optional":true,"field":"e"}"#
        );
        for unsupported in ["money", "interval", "xml", "point", "name"] {
            let c = ColumnCodec::new(
                &array_of("x", col("", unsupported, -1)),
                &EncodingOptions::default(),
            );
            assert!(!c.included(), "{unsupported}[]");
        }
        for unsupported in [
            "box", "circle", "line", "lseg", "path", "polygon", "tsquery", "pg_lsn",
        ] {
            assert!(
                !ColumnCodec::new(&col("x", unsupported, -1), &EncodingOptions::default())
                    .included()
            );
        }
    }

    #[test]
    fn name_is_null_while_streaming() {
        let n = col("n", "name", -1);
        assert_eq!(
            enc(&n, &EncodingOptions::default(), "nm", Phase::Snapshot),
            "\"nm\""
        );
        assert_eq!(
            enc(&n, &EncodingOptions::default(), "nm", Phase::Stream),
            "null"
        );
        let mut nn = n.clone();
        nn.not_null = true;
        assert_eq!(
            enc(&nn, &EncodingOptions::default(), "nm", Phase::Stream),
            "\"\""
        );
    }

    #[test]
    fn nulls_defaults_and_fallbacks() {
        let opts = EncodingOptions::default();
        let mut c = col("extra", "varchar", 14);
        c.default_expr = Some("'dflt'::character varying".into());
        let codec = ColumnCodec::new(&c, &opts);
        assert_eq!(
            schema_json(&c, &opts),
            r#"{"type":"string","optional":true,"default":"dflt","field":"extra"}"#
        );
        let mut s = String::new();
        codec.write_null(&mut s);
        assert_eq!(s, "\"dflt\"");
        let mut q = col("q", "text", -1);
        q.default_expr = Some("'it''s'::text".into());
        assert_eq!(
            schema_json(&q, &opts),
            r#"{"type":"string","optional":true,"default":"it's","field":"q"}"#
        );
        let mut id = col("id", "int8", -1);
        id.not_null = true;
        id.default_expr = Some("nextval('t_id_seq'::regclass)".into());
        assert_eq!(
            schema_json(&id, &opts),
            r#"{"type":"int64","optional":false,"default":0,"field":"id"}"#
        );
        let mut ts = col("ts", "timestamptz", -1);
        ts.default_expr = Some("now()".into());
        assert_eq!(
            ts.default_expr.as_deref().map(is_generated_default),
            Some(true)
        );
        assert!(schema_json(&ts, &opts).contains(r#""default":"1970-01-01T00:00:00.000000Z""#));
        let mut num = col("n", "numeric", (10 << 16) + 2 + 4);
        num.default_expr = Some("1.5".into());
        assert!(schema_json(&num, &opts).contains(r#""default":"AJY=""#));
        let mut var = col("v", "numeric", -1);
        var.default_expr = Some("1.5".into());
        assert!(!schema_json(&var, &opts).contains("default"));
        let mut e = col("e", "mood", -1);
        e.type_kind = TypeKind::Enum;
        e.enum_labels = vec!["sad".into(), "happy".into()];
        e.default_expr = Some("'happy'::mood".into());
        assert!(schema_json(&e, &opts).contains(r#""default":"happy""#));
        let mut b = col("b", "bool", -1);
        b.default_expr = Some("true".into());
        assert!(schema_json(&b, &opts).contains(r#""default":true"#));
        let mut c2 = col("c", "text", -1);
        c2.comment = Some("a comment".into());
        assert_eq!(
            schema_json(&c2, &opts),
            r#"{"type":"string","optional":true,"doc":"a comment","field":"c"}"#
        );
        // NOT NULL without default: Debezium's converter fallback
        for (t, typmod, want) in [
            ("numeric", (3 << 16) + 2 + 4, "\"AA==\""),
            ("numeric", -1, r#"{"scale":0,"value":"AA=="}"#),
            ("timestamptz", -1, "\"1970-01-01T00:00:00Z\""),
            ("timetz", -1, "\"00:00:00Z\""),
            ("bool", -1, "false"),
            ("text", -1, "\"\""),
            ("float8", -1, "0.0"),
            (
                "point",
                -1,
                r#"{"x":0.0,"y":0.0,"wkb":"AQEAAAAAAAAAAAAAAAAAAAAAAAAA","srid":null}"#,
            ),
        ] {
            let mut m = col("x", t, typmod);
            m.not_null = true;
            let mut s = String::new();
            ColumnCodec::new(&m, &opts).write_null(&mut s);
            assert_eq!(s, want, "{t}");
        }
        let mut s = String::new();
        ColumnCodec::new(&col("x", "text", -1), &opts).write_null(&mut s);
        assert_eq!(s, "null");
    }

    #[test]
    fn unchanged_toast_placeholders() {
        let opts = EncodingOptions::default();
        let t = |m: &ColumnMeta| {
            let mut s = String::new();
            ColumnCodec::new(m, &opts).write_unchanged_toast(&mut s);
            s
        };
        assert_eq!(t(&col("t", "text", -1)), "\"__debezium_unavailable_value\"");
        assert_eq!(
            t(&col("b", "bytea", -1)),
            "\"X19kZWJleml1bV91bmF2YWlsYWJsZV92YWx1ZQ==\""
        );
        assert_eq!(
            t(&array_of("a", col("", "text", -1))),
            "[\"__debezium_unavailable_value\"]"
        );
        assert!(t(&array_of("a", col("", "int4", -1))).starts_with("[95,95,100,101,98,101,122,"));
        assert_eq!(
            t(&array_of("a", col("", "uuid", -1))),
            "[\"b68a35a7-17ad-35b3-af2a-ae46edb4545a\"]"
        );
        assert_eq!(
            t(&col("h", "hstore", -1)),
            r#""{\"__debezium_unavailable_value\":\"__debezium_unavailable_value\"}""#
        );
    }
}
