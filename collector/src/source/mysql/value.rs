//! MySQL / MariaDB column values: from the table model Debezium's schema history records
//! ([`Column`]) to the Connect field schema Debezium 3.6's MySQL connector writes, and from the
//! values `mysql_async` hands us (text protocol rows of the snapshot, binlog row images while
//! streaming) to the JSON Kafka's `JsonConverter` writes. Pure functions, no I/O.
//!
//! The file is longer than the usual ~800 lines: the schema rules, both value paths, the default
//! values and the golden-data tests of one converter belong together.
//!
//! Rules reproduced from Debezium (`BinlogValueConverters`, `JdbcValueConverters`,
//! `BinlogDefaultValueConverter`, the binlog `RowDeserializers`, `MySqlTextProtocolFieldReader`,
//! `BinlogGeometry`, shyiko's `JsonStringFormatter`):
//! * the snapshot reads `SELECT *` over the text protocol ([`snapshot_select_expr`]) in a session
//!   with `time_zone = '+00:00'` and `character_set_results = utf8mb4`; `BIT` and spatial values
//!   arrive as raw bytes there, exactly as in the binlog;
//! * zero dates (`0000-00-00`, a zero month or day) are null, so a `NOT NULL` column gets its
//!   default or Debezium's fallback (`0`, `""`, epoch, ...): [`ColumnCodec::write_null`];
//! * unsigned integers arrive signed from the binlog unless `binlog_row_metadata=FULL`; they are
//!   reinterpreted by the column's declared width. `BIGINT UNSIGNED` in `long` mode wraps
//!   (`18446744073709551615` is `-1`), as in Debezium;
//! * `TIMESTAMP` is `ZonedTimestamp`: the snapshot prints the shortest fraction
//!   (`...:01Z`), the binlog a fraction of exactly the column's precision (`...:00.500000Z`);
//! * an `ENUM` value from the binlog is the option as Debezium's DDL parser escaped it (`a\,b`),
//!   from the snapshot it is the plain text (`a,b`);
//! * two-digit years of `DATE`/`DATETIME` values are moved to 1970-2069 (`enable.time.adjuster`).
//!
//! MariaDB vs MySQL: MariaDB stores `JSON` as `LONGTEXT` (plain string in Debezium's MySQL
//! connector too, as `SHOW CREATE TABLE` says `longtext`); a column the DDL calls `JSON` whose
//! binlog value is text (MariaDB) is taken as the JSON text, where Debezium's MySQL connector would
//! try to parse MySQL's binary JSON and fail (its MariaDB connector takes the text).

use mysql_async::binlog::jsonb;
use mysql_async::binlog::value::BinlogValue;
use mysql_async::consts::ColumnType;
use mysql_async::Value;
use protocol::encode::{self, civil_from_days, days_from_civil, DecimalText};
use protocol::json;
use protocol::schema::{DefaultValue, Field, Schema, Type};

use super::table::Column;
use crate::value::{
    binary_schema, decimal_schema, geometry_schema, named, point_schema, write_binary,
};
pub use crate::value::{BinaryMode, DecimalMode, TimePrecisionMode};

/// `bigint.unsigned.handling.mode` (Debezium's default is `long`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum BigIntUnsignedMode {
    #[default]
    Long,
    Precise,
}

/// The connector options that change schemas or value encodings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValueOptions {
    pub decimal: DecimalMode,
    pub time_precision: TimePrecisionMode,
    pub bigint_unsigned: BigIntUnsignedMode,
    pub binary: BinaryMode,
    /// `enable.time.adjuster`: two-digit years 00-69 become 2000-2069, 70-99 become 1970-1999.
    pub time_adjuster: bool,
}

impl ValueOptions {
    /// The options of the configured source (`source.*` handling modes, shared with Postgres,
    /// and the MySQL-only `bigint_unsigned_handling_mode`).
    pub fn from_settings(
        settings: &crate::config::Settings,
        my: &crate::config::MySqlSettings,
    ) -> ValueOptions {
        let e = &settings.encoding;
        ValueOptions {
            decimal: e.decimal,
            time_precision: e.time_precision,
            bigint_unsigned: if my.bigint_unsigned_precise {
                BigIntUnsignedMode::Precise
            } else {
                BigIntUnsignedMode::Long
            },
            binary: e.binary,
            time_adjuster: true,
        }
    }
}

impl Default for ValueOptions {
    fn default() -> Self {
        ValueOptions {
            decimal: DecimalMode::Precise,
            time_precision: TimePrecisionMode::AdaptiveTimeMicroseconds,
            bigint_unsigned: BigIntUnsignedMode::Long,
            binary: BinaryMode::Bytes,
            time_adjuster: true,
        }
    }
}

/// A value that cannot be turned into what Debezium would write.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ValueError {
    #[error("column `{column}` ({type_name}): cannot convert the value: {reason}")]
    Invalid {
        column: String,
        type_name: String,
        reason: String,
    },
    #[error(
        "column `{column}` ({type_name}): character set `{charset}` is not supported for binlog values"
    )]
    UnsupportedCharset {
        column: String,
        type_name: String,
        charset: String,
    },
}

impl ValueError {
    /// An [`ValueError::Invalid`] for callers outside this module (row shape mismatches).
    pub fn new(column: &str, type_name: &str, reason: impl Into<String>) -> ValueError {
        ValueError::Invalid {
            column: column.to_string(),
            type_name: type_name.to_string(),
            reason: reason.into(),
        }
    }
}

/// Internal failure reason, given the column's name and type by [`ColumnCodec`].
#[derive(Debug)]
enum Fail {
    Invalid(String),
    Charset(String),
}

type Res<T> = Result<T, Fail>;

fn bad<T>(reason: impl Into<String>) -> Res<T> {
    Err(Fail::Invalid(reason.into()))
}

/// Where a value comes from: the two paths differ for ENUM/SET, TIMESTAMP, strings and YEAR.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    Snapshot,
    Binlog,
}

/// A value in one of the shapes `mysql_async` produces.
enum Input<'a> {
    Bytes(&'a [u8]),
    Int(i128),
    F32(f32),
    F64(f64),
    /// `Value::Date`: year, month, day, hour, minute, second, microsecond.
    DateTime([u32; 7]),
    /// `Value::Time`: negative, days, hours, minutes, seconds, microseconds.
    Time(bool, u32, u32, u32, u32, u32),
    Jsonb(&'a jsonb::Value<'a>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum IntWidth {
    I8,
    I16,
    I32,
    I64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TimeUnit {
    Millis,
    Micros,
    Nanos,
}

/// How Java names a MySQL character set for decoding binlog bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Charset {
    Utf8,
    /// MySQL `latin1` is Java `Cp1252`.
    Cp1252,
    /// `binary`: ISO-8859-1 (byte = code point).
    Latin1,
    Utf16Be,
    Utf16Le,
    Utf32Be,
    Unsupported(String),
}

/// How a column's values become JSON.
#[derive(Debug, Clone, PartialEq)]
enum Conv {
    Bool,
    Bits {
        bytes: usize,
    },
    /// `unsigned_bits`: the declared width of an UNSIGNED type (negative binlog values wrap).
    Int {
        width: IntWidth,
        unsigned_bits: Option<u32>,
        /// Signed MEDIUMINT: the binlog decoder does not sign-extend 24-bit values.
        sign_extend_24: bool,
    },
    /// `BIGINT UNSIGNED` in `precise` mode: Decimal(20, 0), whatever `decimal.handling.mode`.
    UnsignedBigPrecise,
    Float32,
    /// `single`: the server stores single precision (`FLOAT(M,D)`), widened to double.
    Float64 {
        single: bool,
    },
    Decimal {
        scale: u32,
        mode: DecimalMode,
    },
    Text(Charset),
    Json,
    Binary {
        pad_to: Option<usize>,
        mode: BinaryMode,
    },
    /// Options as Debezium's DDL parser escapes them (`,` as `\,`).
    Enum(Vec<String>),
    Set(Vec<String>),
    Date {
        adjust: bool,
    },
    /// `strict`: Connect's `Time` only takes 00:00:00..24:00:00 (others become null).
    Time {
        unit: TimeUnit,
        strict: bool,
    },
    DateTime {
        unit: TimeUnit,
        adjust: bool,
    },
    /// `width`: the fraction digits of binlog values (None: shortest form).
    ZonedTimestamp {
        width: Option<u32>,
    },
    Year {
        adjust: bool,
    },
    Point,
    Geometry,
}

/// Encodes one column: its Connect field schema and its values.
#[derive(Debug, Clone)]
pub struct ColumnCodec {
    name: String,
    type_name: String,
    schema: Schema,
    conv: Option<Conv>,
}

impl ColumnCodec {
    pub fn new(col: &Column, opts: &ValueOptions) -> ColumnCodec {
        match build(col, opts) {
            Some((schema, conv)) => {
                // Geometry's builder is optional itself, whatever the column says.
                let mut schema = if conv == Conv::Geometry {
                    schema.optional(true)
                } else {
                    schema.optional(col.optional)
                };
                if let Some(c) = &col.comment {
                    schema.doc = Some(c.clone());
                }
                if col.has_default {
                    if let Some(expr) = &col.default_expression {
                        schema.default = default_json(col, &conv, expr).map(DefaultValue);
                    }
                }
                ColumnCodec {
                    name: col.name.clone(),
                    type_name: col.type_name.clone(),
                    schema,
                    conv: Some(conv),
                }
            }
            None => ColumnCodec {
                name: col.name.clone(),
                type_name: col.type_name.clone(),
                schema: Schema::new(Type::Bytes).optional(col.optional),
                conv: None,
            },
        }
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    /// False when Debezium has no converter for the type (e.g. MariaDB `UUID`/`INET6`, `VECTOR`):
    /// the column is left out of key and value.
    pub fn included(&self) -> bool {
        self.conv.is_some()
    }

    /// The Connect schema (`type`, `optional`, `name`, `version`, `parameters`, `default`).
    pub fn schema(&self) -> &Schema {
        &self.schema
    }

    /// The struct member for the key/value schemas. Callers leave out the columns that are not
    /// [`included`](Self::included), as Debezium does.
    pub fn field(&self) -> Field {
        Field::new(self.name.clone(), self.schema.clone())
    }

    /// Appends the JSON of a value read by the snapshot (`mysql_async` text protocol:
    /// `Value::Bytes` or `Value::NULL`; binary-protocol values are accepted as well).
    pub fn write_text(&self, out: &mut String, value: &Value) -> Result<(), ValueError> {
        self.write_value(value, Phase::Snapshot, out)
    }

    /// Appends the JSON of a binlog row-image value (`None`: the column is not in the image,
    /// written as a null).
    pub fn write_binlog(
        &self,
        out: &mut String,
        value: Option<&BinlogValue<'_>>,
    ) -> Result<(), ValueError> {
        let Some(value) = value else {
            self.write_null(out);
            return Ok(());
        };
        match value {
            BinlogValue::Value(v) => self.write_value(v, Phase::Binlog, out),
            BinlogValue::Jsonb(j) => self.write_input(Input::Jsonb(j), Phase::Binlog, out),
            BinlogValue::JsonDiff(_) => Err(self.error(Fail::Invalid(
                "partial JSON update (binlog_row_value_options=PARTIAL_JSON) is not supported"
                    .into(),
            ))),
        }
    }

    /// Appends what JsonConverter writes for a null: the schema default when there is one, else
    /// Debezium's fallback for a NOT NULL column (zero dates, non-strict inserts), else `null`.
    pub fn write_null(&self, out: &mut String) {
        if let Some(d) = &self.schema.default {
            out.push_str(&d.0);
            return;
        }
        match (&self.conv, self.schema.optional) {
            (Some(conv), false) => write_fallback(conv, out),
            _ => out.push_str("null"),
        }
    }

    fn write_value(&self, value: &Value, phase: Phase, out: &mut String) -> Result<(), ValueError> {
        let input = match value {
            Value::NULL => {
                self.write_null(out);
                return Ok(());
            }
            Value::Bytes(b) => Input::Bytes(b),
            Value::Int(i) => Input::Int(*i as i128),
            Value::UInt(u) => Input::Int(*u as i128),
            Value::Float(f) => Input::F32(*f),
            Value::Double(d) => Input::F64(*d),
            Value::Date(y, mo, d, h, mi, s, us) => Input::DateTime([
                *y as u32, *mo as u32, *d as u32, *h as u32, *mi as u32, *s as u32, *us,
            ]),
            Value::Time(neg, days, h, m, s, us) => {
                Input::Time(*neg, *days, *h as u32, *m as u32, *s as u32, *us)
            }
        };
        self.write_input(input, phase, out)
    }

    fn write_input(
        &self,
        input: Input<'_>,
        phase: Phase,
        out: &mut String,
    ) -> Result<(), ValueError> {
        let Some(conv) = &self.conv else {
            out.push_str("null");
            return Ok(());
        };
        let start = out.len();
        match write_conv(conv, &input, phase, self.schema.optional, out) {
            Ok(Written::Value) => Ok(()),
            Ok(Written::Null) => {
                out.truncate(start);
                self.write_null(out);
                Ok(())
            }
            Err(f) => {
                out.truncate(start);
                Err(self.error(f))
            }
        }
    }

    fn error(&self, f: Fail) -> ValueError {
        match f {
            Fail::Invalid(reason) => ValueError::Invalid {
                column: self.name.clone(),
                type_name: self.type_name.clone(),
                reason,
            },
            Fail::Charset(charset) => ValueError::UnsupportedCharset {
                column: self.name.clone(),
                type_name: self.type_name.clone(),
                charset,
            },
        }
    }
}

/// The Connect field Debezium writes for the column; None when it leaves the column out.
pub fn field_schema(col: &Column, opts: &ValueOptions) -> Option<Field> {
    let codec = ColumnCodec::new(col, opts);
    codec.included().then(|| codec.field())
}

/// The select-list expression the snapshot uses for the column: the column itself. Over the text
/// protocol every type arrives in the form the converters expect (BIT and spatial values as raw
/// bytes, TIME as `[-]HHH:MM:SS[.ffffff]`, TIMESTAMP in the session time zone, which must be
/// `+00:00`, strings in `character_set_results`, which must be `utf8mb4`).
pub fn snapshot_select_expr(col: &Column) -> String {
    format!("`{}`", col.name.replace('`', "``"))
}

// ---------------------------------------------------------------------------------------------
// schemas

/// `typeName` equals `m` or starts with `m(` (Debezium's `matches`).
fn type_matches(type_name: &str, m: &str) -> bool {
    type_name == m
        || (type_name.len() > m.len()
            && type_name.starts_with(m)
            && type_name.as_bytes()[m.len()] == b'(')
}

fn is_geometry(t: &str) -> bool {
    [
        "GEOMETRY",
        "LINESTRING",
        "POLYGON",
        "MULTIPOINT",
        "MULTILINESTRING",
        "MULTIPOLYGON",
    ]
    .iter()
    .any(|m| type_matches(t, m))
        || t == "GEOMETRYCOLLECTION"
        || t == "GEOMCOLLECTION"
        || t.ends_with(".GEOMCOLLECTION")
}

/// The unsigned integer families: (schema type, width, declared bits).
fn unsigned_int(t: &str) -> Option<(Type, IntWidth, u32)> {
    let base = t.strip_suffix(" ZEROFILL").unwrap_or(t);
    let base = base.strip_suffix(" UNSIGNED")?;
    match base {
        "TINYINT" | "INT1" => Some((Type::Int16, IntWidth::I16, 8)),
        "SMALLINT" | "INT2" => Some((Type::Int32, IntWidth::I32, 16)),
        "MEDIUMINT" | "INT3" | "MIDDLEINT" => Some((Type::Int32, IntWidth::I32, 24)),
        "INT" | "INTEGER" | "INT4" => Some((Type::Int64, IntWidth::I64, 32)),
        "BIGINT" | "INT8" => Some((Type::Int64, IntWidth::I64, 64)),
        _ => None,
    }
}

fn precision_of(col: &Column) -> i64 {
    col.length.unwrap_or(-1)
}

fn time_unit(opts: &ValueOptions, precision: i64, is_time: bool) -> TimeUnit {
    match opts.time_precision {
        TimePrecisionMode::Connect => TimeUnit::Millis,
        TimePrecisionMode::AdaptiveTimeMicroseconds if is_time => TimeUnit::Micros,
        _ if precision <= 3 => TimeUnit::Millis,
        _ if precision <= 6 => TimeUnit::Micros,
        _ => TimeUnit::Nanos,
    }
}

fn charset_of(name: Option<&str>) -> Charset {
    let Some(name) = name else {
        return Charset::Utf8;
    };
    match name.to_ascii_lowercase().as_str() {
        "utf8" | "utf8mb3" | "utf8mb4" | "ascii" => Charset::Utf8,
        "latin1" => Charset::Cp1252,
        "binary" => Charset::Latin1,
        "ucs2" | "utf16" => Charset::Utf16Be,
        "utf16le" => Charset::Utf16Le,
        "utf32" => Charset::Utf32Be,
        other => Charset::Unsupported(other.to_string()),
    }
}

/// Debezium's `extractEnumAndSetOptions`: quotes removed, `,` escaped as `\,`, `\'` and `''`
/// unescaped.
fn enum_options(col: &Column) -> Vec<String> {
    col.enum_values
        .iter()
        .map(|v| {
            let v = v.as_str();
            let unquoted = if v.len() >= 2
                && ((v.starts_with('\'') && v.ends_with('\''))
                    || (v.starts_with('"') && v.ends_with('"'))
                    || (v.starts_with('`') && v.ends_with('`')))
            {
                &v[1..v.len() - 1]
            } else {
                v
            };
            unquoted
                .replace(',', "\\,")
                .replace("\\'", "'")
                .replace("''", "'")
        })
        .collect()
}

/// The schema (without `optional`/`default`) and converter for a column, in Debezium's order of
/// precedence: type-name rules of `BinlogValueConverters`, then the JDBC type.
fn build(col: &Column, opts: &ValueOptions) -> Option<(Schema, Conv)> {
    let t = col.type_name.to_ascii_uppercase();
    let t = t.trim();
    let precision = precision_of(col);
    if type_matches(t, "JSON") {
        return Some((named(Type::String, "io.debezium.data.Json"), Conv::Json));
    }
    if type_matches(t, "POINT") {
        return Some((point_schema(), Conv::Point));
    }
    if is_geometry(t) {
        return Some((geometry_schema(), Conv::Geometry));
    }
    if type_matches(t, "YEAR") {
        return Some((
            named(Type::Int32, "io.debezium.time.Year"),
            Conv::Year {
                adjust: opts.time_adjuster,
            },
        ));
    }
    if type_matches(t, "ENUM") || type_matches(t, "SET") {
        let options = enum_options(col);
        let (name, conv) = if type_matches(t, "ENUM") {
            ("io.debezium.data.Enum", Conv::Enum(options.clone()))
        } else {
            ("io.debezium.data.EnumSet", Conv::Set(options.clone()))
        };
        return Some((
            named(Type::String, name).param("allowed", options.join(",")),
            conv,
        ));
    }
    if let Some((ty, width, bits)) = unsigned_int(t) {
        if bits == 64 {
            return Some(match opts.bigint_unsigned {
                BigIntUnsignedMode::Long => (
                    Schema::new(Type::Int64),
                    Conv::Int {
                        width: IntWidth::I64,
                        unsigned_bits: None,
                        sign_extend_24: false,
                    },
                ),
                BigIntUnsignedMode::Precise => (
                    decimal_schema(DecimalMode::Precise, 0, Some(20)),
                    Conv::UnsignedBigPrecise,
                ),
            });
        }
        return Some((
            Schema::new(ty),
            Conv::Int {
                width,
                unsigned_bits: Some(bits),
                sign_extend_24: false,
            },
        ));
    }
    let float_family = ["FLOAT", "FLOAT UNSIGNED", "FLOAT UNSIGNED ZEROFILL"]
        .iter()
        .any(|m| type_matches(t, m));
    if float_family && col.scale.is_none() && precision <= 24 {
        return Some((Schema::new(Type::Float32), Conv::Float32));
    }
    let s = Schema::new;
    let medium = ["MEDIUMINT", "INT3", "MIDDLEINT"]
        .iter()
        .any(|m| type_matches(t, m));
    let int = |ty, width| {
        Some((
            s(ty),
            Conv::Int {
                width,
                unsigned_bits: None,
                sign_extend_24: medium,
            },
        ))
    };
    match col.jdbc_type {
        // BIT
        -7 => {
            if precision > 1 {
                Some((
                    named(Type::Bytes, "io.debezium.data.Bits")
                        .param("length", precision.to_string()),
                    Conv::Bits {
                        bytes: (precision as usize).div_ceil(8),
                    },
                ))
            } else {
                Some((s(Type::Boolean), Conv::Bool))
            }
        }
        // BOOLEAN
        16 => Some((s(Type::Boolean), Conv::Bool)),
        // BLOB, BINARY, VARBINARY, LONGVARBINARY
        2004 | -2 | -3 | -4 => Some((
            binary_schema(opts.binary),
            Conv::Binary {
                pad_to: (col.jdbc_type == -2).then(|| precision.max(0) as usize),
                mode: opts.binary,
            },
        )),
        -6 => int(Type::Int8, IntWidth::I8),
        5 => int(Type::Int16, IntWidth::I16),
        4 => int(Type::Int32, IntWidth::I32),
        -5 => int(Type::Int64, IntWidth::I64),
        // REAL
        7 => Some((s(Type::Float32), Conv::Float32)),
        // FLOAT, DOUBLE
        6 | 8 => Some((
            s(Type::Float64),
            Conv::Float64 {
                single: float_family && col.scale.is_some(),
            },
        )),
        // NUMERIC, DECIMAL
        2 | 3 => {
            let scale = col.scale.unwrap_or(0).max(0) as u32;
            Some((
                decimal_schema(opts.decimal, scale, Some(precision as u32)),
                Conv::Decimal {
                    scale,
                    mode: opts.decimal,
                },
            ))
        }
        // CHAR, NCHAR, NVARCHAR, LONGNVARCHAR, NCLOB, VARCHAR, LONGVARCHAR, CLOB, DATALINK
        1 | -15 | -9 | -16 | 2011 | 12 | -1 | 2005 | 70 => Some((
            s(Type::String),
            Conv::Text(charset_of(col.charset.as_deref())),
        )),
        // SQLXML
        2009 => Some((
            named(Type::String, "io.debezium.data.Xml"),
            Conv::Text(charset_of(col.charset.as_deref())),
        )),
        // DATE
        91 => Some((
            if opts.time_precision == TimePrecisionMode::Connect {
                named(Type::Int32, "org.apache.kafka.connect.data.Date")
            } else {
                named(Type::Int32, "io.debezium.time.Date")
            },
            Conv::Date {
                adjust: opts.time_adjuster,
            },
        )),
        // TIME
        92 => {
            let unit = time_unit(opts, precision, true);
            let schema = match (opts.time_precision, unit) {
                (TimePrecisionMode::Connect, _) => {
                    named(Type::Int32, "org.apache.kafka.connect.data.Time")
                }
                (_, TimeUnit::Millis) => named(Type::Int32, "io.debezium.time.Time"),
                (_, TimeUnit::Micros) => named(Type::Int64, "io.debezium.time.MicroTime"),
                (_, TimeUnit::Nanos) => named(Type::Int64, "io.debezium.time.NanoTime"),
            };
            Some((
                schema,
                Conv::Time {
                    unit,
                    strict: opts.time_precision == TimePrecisionMode::Connect,
                },
            ))
        }
        // TIMESTAMP (DATETIME)
        93 => {
            let unit = time_unit(opts, precision, false);
            let schema = match (opts.time_precision, unit) {
                (TimePrecisionMode::Connect, _) => {
                    named(Type::Int64, "org.apache.kafka.connect.data.Timestamp")
                }
                (_, TimeUnit::Millis) => named(Type::Int64, "io.debezium.time.Timestamp"),
                (_, TimeUnit::Micros) => named(Type::Int64, "io.debezium.time.MicroTimestamp"),
                (_, TimeUnit::Nanos) => named(Type::Int64, "io.debezium.time.NanoTimestamp"),
            };
            Some((
                schema,
                Conv::DateTime {
                    unit,
                    adjust: opts.time_adjuster,
                },
            ))
        }
        // TIMESTAMP_WITH_TIMEZONE (TIMESTAMP)
        2014 => Some((
            named(Type::String, "io.debezium.time.ZonedTimestamp"),
            Conv::ZonedTimestamp {
                width: (1..=9).contains(&precision).then_some(precision as u32),
            },
        )),
        _ => None,
    }
}

// ---------------------------------------------------------------------------------------------
// values

/// What a converter produced: a value, or null (zero dates and such: the caller then writes the
/// default or the fallback).
enum Written {
    Value,
    Null,
}

fn ascii<'a>(b: &'a [u8], what: &str) -> Res<&'a str> {
    match std::str::from_utf8(b) {
        Ok(s) => Ok(s.trim()),
        Err(_) => bad(format!("{what} text is not ASCII")),
    }
}

fn input_int(input: &Input<'_>) -> Res<i128> {
    match input {
        Input::Int(i) => Ok(*i),
        Input::Bytes(b) => {
            let s = ascii(b, "integer")?;
            s.parse::<i128>()
                .or_else(|_| {
                    // "5.0" from a computed column: Java's Number path truncates
                    s.parse::<f64>().map(|f| f.trunc() as i128)
                })
                .or_else(|_| bad(format!("`{s}` is not an integer")))
        }
        Input::F32(f) => Ok(f.trunc() as i128),
        Input::F64(f) => Ok(f.trunc() as i128),
        _ => bad("not an integer value"),
    }
}

fn narrow(v: i128, width: IntWidth) -> i64 {
    match width {
        IntWidth::I8 => v as i8 as i64,
        IntWidth::I16 => v as i16 as i64,
        IntWidth::I32 => v as i32 as i64,
        IntWidth::I64 => v as i64,
    }
}

fn write_decimal_value(d: &DecimalText, scale: u32, mode: DecimalMode, out: &mut String) {
    match mode {
        DecimalMode::Precise => encode::write_base64(out, &d.with_scale(scale).unscaled_bytes()),
        DecimalMode::String => json::write_str(out, &d.to_plain_string()),
        DecimalMode::Double => json::write_f64(out, d.to_plain_string().parse().unwrap_or(0.0)),
    }
}

fn input_decimal(input: &Input<'_>) -> Res<DecimalText> {
    match input {
        Input::Bytes(b) => {
            let s = ascii(b, "decimal")?;
            DecimalText::parse(s).map_or_else(|| bad(format!("`{s}` is not a decimal")), Ok)
        }
        Input::Int(i) => Ok(DecimalText {
            negative: *i < 0,
            unscaled: i.unsigned_abs().to_string(),
            scale: 0,
        }),
        Input::F64(f) => DecimalText::parse(&format!("{f}")).map_or_else(|| bad("NaN"), Ok),
        Input::F32(f) => DecimalText::parse(&format!("{f}")).map_or_else(|| bad("NaN"), Ok),
        _ => bad("not a decimal value"),
    }
}

fn decode_utf16(b: &[u8], little: bool) -> String {
    let units: Vec<u16> = b
        .chunks(2)
        .map(|c| {
            let pair = [c[0], *c.get(1).unwrap_or(&0)];
            if little {
                u16::from_le_bytes(pair)
            } else {
                u16::from_be_bytes(pair)
            }
        })
        .collect();
    String::from_utf16_lossy(&units)
}

/// Windows-1252 code points of bytes 0x80..=0x9F (Java maps undefined ones to U+FFFD).
const CP1252_HIGH: [u16; 32] = [
    0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039,
    0x0152, 0xFFFD, 0x017D, 0xFFFD, 0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178,
];

fn decode_text(charset: &Charset, b: &[u8]) -> Res<String> {
    Ok(match charset {
        Charset::Utf8 => String::from_utf8_lossy(b).into_owned(),
        Charset::Cp1252 => {
            b.iter()
                .map(|&c| match c {
                    0x80..=0x9F => char::from_u32(CP1252_HIGH[(c - 0x80) as usize] as u32)
                        .unwrap_or('\u{FFFD}'),
                    _ => c as char,
                })
                .collect()
        }
        Charset::Latin1 => b.iter().map(|&c| c as char).collect(),
        Charset::Utf16Be => decode_utf16(b, false),
        Charset::Utf16Le => decode_utf16(b, true),
        Charset::Utf32Be => b
            .chunks(4)
            .map(|c| {
                let mut w = [0u8; 4];
                w[..c.len()].copy_from_slice(c);
                char::from_u32(u32::from_be_bytes(w)).unwrap_or('\u{FFFD}')
            })
            .collect(),
        Charset::Unsupported(name) => {
            // valid UTF-8 cannot be told apart from most of these: refuse
            return Err(Fail::Charset(name.clone()));
        }
    })
}

fn write_conv(
    conv: &Conv,
    input: &Input<'_>,
    phase: Phase,
    optional: bool,
    out: &mut String,
) -> Res<Written> {
    match conv {
        Conv::Bool => {
            let v = match input {
                Input::Bytes(b) => match *b {
                    b"0" => false,
                    b"1" => true,
                    _ => b.iter().any(|&x| x != 0),
                },
                Input::Int(i) => *i as i32 != 0,
                _ => return bad("not a bit value"),
            };
            out.push_str(if v { "true" } else { "false" });
        }
        Conv::Bits { bytes } => {
            let mut v: Vec<u8> = match input {
                Input::Bytes(b) => b.to_vec(),
                Input::Int(i) => {
                    let be = (*i as u64).to_be_bytes();
                    be[8 - (*bytes).min(8)..].to_vec()
                }
                _ => return bad("not a bit value"),
            };
            // big-endian from the server, little-endian in Debezium's Bits
            v.reverse();
            if v.len() < *bytes {
                v.resize(*bytes, 0);
            }
            encode::write_base64(out, &v);
        }
        Conv::Int {
            width,
            unsigned_bits,
            sign_extend_24,
        } => {
            let mut v = input_int(input)?;
            if let Some(bits) = unsigned_bits {
                if v < 0 {
                    v += 1i128 << bits;
                }
            }
            if *sign_extend_24 && v >= 1 << 23 {
                v -= 1 << 24;
            }
            json::write_i64(out, narrow(v, *width));
        }
        Conv::UnsignedBigPrecise => {
            let mut v = input_int(input)?;
            if v < 0 {
                v += 1i128 << 64;
            }
            let d = DecimalText {
                negative: v < 0,
                unscaled: v.unsigned_abs().to_string(),
                scale: 0,
            };
            encode::write_base64(out, &d.unscaled_bytes());
        }
        Conv::Float32 => {
            let v = match input {
                Input::F32(f) => *f,
                Input::F64(f) => *f as f32,
                Input::Int(i) => *i as f32,
                Input::Bytes(b) => parse_float(b)? as f32,
                _ => return bad("not a float value"),
            };
            json::write_f32(out, v);
        }
        Conv::Float64 { single } => {
            let v = match input {
                Input::F32(f) => *f as f64,
                Input::F64(f) => *f,
                Input::Int(i) => *i as f64,
                Input::Bytes(b) => {
                    let f = parse_float(b)?;
                    if *single {
                        f as f32 as f64
                    } else {
                        f
                    }
                }
                _ => return bad("not a float value"),
            };
            json::write_f64(out, v);
        }
        Conv::Decimal { scale, mode } => {
            let d = input_decimal(input)?;
            write_decimal_value(&d, *scale, *mode, out);
        }
        Conv::Text(charset) => {
            let s = match input {
                Input::Bytes(b) => match phase {
                    Phase::Snapshot => String::from_utf8_lossy(b).into_owned(),
                    Phase::Binlog => decode_text(charset, b)?,
                },
                Input::Int(i) => i.to_string(),
                Input::F64(f) => {
                    let mut s = String::new();
                    encode::java_double(&mut s, *f);
                    s
                }
                _ => return bad("not a string value"),
            };
            json::write_str(out, &s);
        }
        Conv::Json => match input {
            Input::Bytes(b) => {
                if b.is_empty() && phase == Phase::Binlog {
                    if optional {
                        return Ok(Written::Null);
                    }
                    json::write_str(out, "{}");
                } else {
                    json::write_str(out, &String::from_utf8_lossy(b));
                }
            }
            Input::Jsonb(v) => {
                let mut s = String::new();
                format_jsonb(v, &mut s)?;
                json::write_str(out, &s);
            }
            _ => return bad("not a JSON value"),
        },
        Conv::Binary { pad_to, mode } => {
            let Input::Bytes(b) = input else {
                return bad("not a binary value");
            };
            match pad_to {
                Some(n) if b.len() < *n => {
                    let mut v = b.to_vec();
                    v.resize(*n, 0);
                    write_binary(*mode, &v, out);
                }
                _ => write_binary(*mode, b, out),
            }
        }
        Conv::Enum(options) => match (input, phase) {
            (Input::Int(i), _) => {
                let i = *i;
                if i == 0 {
                    json::write_str(out, "");
                } else {
                    match options.get((i - 1) as usize) {
                        Some(o) if i > 0 => json::write_str(out, o),
                        _ => return bad(format!("ENUM index {i} out of range")),
                    }
                }
            }
            (Input::Bytes(b), _) => json::write_str(out, &String::from_utf8_lossy(b)),
            _ => return bad("not an ENUM value"),
        },
        Conv::Set(options) => {
            let mask = match (input, phase) {
                (Input::Bytes(b), Phase::Snapshot) => {
                    json::write_str(out, &String::from_utf8_lossy(b));
                    return Ok(Written::Value);
                }
                (Input::Bytes(b), Phase::Binlog) => {
                    // little-endian bitmask of up to 8 bytes
                    let mut m: u64 = 0;
                    for (i, &x) in b.iter().take(8).enumerate() {
                        m |= (x as u64) << (8 * i);
                    }
                    m
                }
                (Input::Int(i), _) => *i as u64,
                _ => return bad("not a SET value"),
            };
            let mut s = String::new();
            let mut first = true;
            for bit in 0..64 {
                if mask & (1u64 << bit) != 0 {
                    if !first {
                        s.push(',');
                    }
                    first = false;
                    if let Some(o) = options.get(bit) {
                        s.push_str(o);
                    }
                }
            }
            json::write_str(out, &s);
        }
        Conv::Date { adjust } => {
            let (y, m, d) = match input {
                Input::Bytes(b) => match parse_date_text(ascii(b, "DATE")?) {
                    Some(ymd) => ymd,
                    None => return bad("unexpected DATE text"),
                },
                Input::DateTime(p) => (p[0] as i64, p[1] as i64, p[2] as i64),
                _ => return bad("not a DATE value"),
            };
            // zero dates are null: the snapshot reader for a zero month/day, the binlog
            // deserializer also for a zero year
            if m == 0 || d == 0 || (y == 0 && phase == Phase::Binlog) {
                return Ok(Written::Null);
            }
            if !valid_date(y, m, d) {
                return bad(format!("invalid date {y:04}-{m:02}-{d:02}"));
            }
            let y = adjust_year(y, *adjust);
            json::write_i64(out, days_from_civil(y, m, d));
        }
        Conv::Time { unit, strict } => {
            let micros = match input {
                Input::Bytes(b) => match parse_duration(ascii(b, "TIME")?) {
                    Some(v) => v,
                    None => return bad("unexpected TIME text"),
                },
                Input::Time(neg, days, h, m, s, us) => {
                    let v = ((((*days as i64) * 24 + *h as i64) * 60 + *m as i64) * 60 + *s as i64)
                        * 1_000_000
                        + *us as i64;
                    if *neg {
                        -v
                    } else {
                        v
                    }
                }
                _ => return bad("not a TIME value"),
            };
            if *strict && !(0..=86_400_000_000).contains(&micros) {
                // Connect's Time cannot hold it: Debezium logs and writes null
                return Ok(Written::Null);
            }
            match unit {
                TimeUnit::Millis => json::write_i64(out, micros / 1000),
                TimeUnit::Micros => json::write_i64(out, micros),
                TimeUnit::Nanos => json::write_i64(out, micros * 1000),
            }
        }
        Conv::DateTime { unit, adjust } => {
            let p = match input {
                Input::Bytes(b) => match parse_datetime_text(ascii(b, "DATETIME")?) {
                    Some(p) => p,
                    None => return bad("unexpected DATETIME text"),
                },
                Input::DateTime(p) => DateTimeParts {
                    y: p[0] as i64,
                    mo: p[1] as i64,
                    d: p[2] as i64,
                    h: p[3] as i64,
                    mi: p[4] as i64,
                    s: p[5] as i64,
                    nanos: p[6] as i64 * 1000,
                },
                _ => return bad("not a DATETIME value"),
            };
            if p.mo == 0 || p.d == 0 || (p.y == 0 && phase == Phase::Binlog) {
                return Ok(Written::Null);
            }
            if !valid_date(p.y, p.mo, p.d) {
                return bad(format!("invalid date {:04}-{:02}-{:02}", p.y, p.mo, p.d));
            }
            // the snapshot reads DATETIME through the JDBC driver's timestamp, whose calendar
            // has no year 0: Debezium sees year 1 (then adjusted like any two-digit year)
            let y = if p.y == 0 && phase == Phase::Snapshot {
                1
            } else {
                p.y
            };
            let secs = days_from_civil(adjust_year(y, *adjust), p.mo, p.d) * 86_400
                + p.h * 3600
                + p.mi * 60
                + p.s;
            write_epoch(secs, p.nanos, *unit, out);
        }
        Conv::ZonedTimestamp { width } => {
            let (secs, nanos, fixed) = match (input, phase) {
                (Input::Bytes(b), Phase::Snapshot) => {
                    let Some(p) = parse_datetime_text(ascii(b, "TIMESTAMP")?) else {
                        return bad("unexpected TIMESTAMP text");
                    };
                    if p.y == 0 || p.mo == 0 || p.d == 0 {
                        return Ok(Written::Null);
                    }
                    (p.epoch_seconds(), p.nanos, false)
                }
                (Input::DateTime(p), Phase::Snapshot) => {
                    if p[0] == 0 || p[1] == 0 || p[2] == 0 {
                        return Ok(Written::Null);
                    }
                    let secs = days_from_civil(p[0] as i64, p[1] as i64, p[2] as i64) * 86_400
                        + p[3] as i64 * 3600
                        + p[4] as i64 * 60
                        + p[5] as i64;
                    (secs, p[6] as i64 * 1000, false)
                }
                (Input::Bytes(b), Phase::Binlog) => {
                    let s = ascii(b, "TIMESTAMP")?;
                    let (sec, frac) = s.split_once('.').unwrap_or((s, ""));
                    let Ok(mut sec) = sec.parse::<i64>() else {
                        return bad(format!("unexpected TIMESTAMP value `{s}`"));
                    };
                    if sec < 0 {
                        // mysql_common reads the u32 seconds into an i32
                        sec += 1 << 32;
                    }
                    let nanos = frac_nanos(frac).unwrap_or(0);
                    (sec, nanos, true)
                }
                (Input::Int(i), Phase::Binlog) => (*i as i64, 0, true),
                _ => return bad("not a TIMESTAMP value"),
            };
            if secs == 0 && nanos == 0 {
                return Ok(Written::Null);
            }
            let mut s = String::with_capacity(32);
            format_iso_instant(secs, nanos, if fixed { *width } else { None }, &mut s);
            json::write_str(out, &s);
        }
        Conv::Year { .. } => {
            let v = match input {
                Input::Bytes(b) => {
                    let s = ascii(b, "YEAR")?;
                    s.parse::<i64>()
                        .or_else(|_| bad(format!("`{s}` is not a year")))?
                }
                Input::Int(i) => *i as i64,
                Input::DateTime(p) => p[0] as i64,
                _ => return bad("not a YEAR value"),
            };
            // Debezium adjusts two-digit years of YEAR columns whatever `enable.time.adjuster`
            // says (its YEAR converter calls the adjuster directly)
            json::write_i64(out, adjust_year(v, true));
        }
        Conv::Point | Conv::Geometry => {
            let Input::Bytes(b) = input else {
                return bad("not a spatial value");
            };
            if b.len() < 4 {
                return bad("spatial value shorter than its SRID");
            }
            let srid = i32::from_le_bytes([b[0], b[1], b[2], b[3]]);
            let wkb = &b[4..];
            if matches!(conv, Conv::Point) {
                let Some((x, y)) = wkb_point(wkb) else {
                    return bad("not a 2D POINT");
                };
                write_point(x, y, wkb, srid, out);
            } else {
                write_geometry(wkb, srid, out);
            }
        }
    }
    Ok(Written::Value)
}

fn parse_float(b: &[u8]) -> Res<f64> {
    let s = ascii(b, "float")?;
    s.parse::<f64>()
        .or_else(|_| bad(format!("`{s}` is not a number")))
}

fn wkb_point(wkb: &[u8]) -> Option<(f64, f64)> {
    if wkb.len() != 21 {
        return None;
    }
    let le = wkb[0] != 0;
    let u32_at = |i: usize| {
        let b = [wkb[i], wkb[i + 1], wkb[i + 2], wkb[i + 3]];
        if le {
            u32::from_le_bytes(b)
        } else {
            u32::from_be_bytes(b)
        }
    };
    let f64_at = |i: usize| {
        let mut b = [0u8; 8];
        b.copy_from_slice(&wkb[i..i + 8]);
        if le {
            f64::from_le_bytes(b)
        } else {
            f64::from_be_bytes(b)
        }
    };
    (u32_at(1) == 1).then(|| (f64_at(5), f64_at(13)))
}

fn write_srid(srid: i32, out: &mut String) {
    if srid == 0 {
        out.push_str("null");
    } else {
        json::write_i64(out, srid as i64);
    }
}

fn write_point(x: f64, y: f64, wkb: &[u8], srid: i32, out: &mut String) {
    out.push_str("{\"x\":");
    json::write_f64(out, x);
    out.push_str(",\"y\":");
    json::write_f64(out, y);
    out.push_str(",\"wkb\":");
    encode::write_base64(out, wkb);
    out.push_str(",\"srid\":");
    write_srid(srid, out);
    out.push('}');
}

fn write_geometry(wkb: &[u8], srid: i32, out: &mut String) {
    out.push_str("{\"wkb\":");
    encode::write_base64(out, wkb);
    out.push_str(",\"srid\":");
    write_srid(srid, out);
    out.push('}');
}

/// WKB of `GEOMETRYCOLLECTION EMPTY`, Debezium's fallback geometry.
const WKB_EMPTY_COLLECTION: [u8; 9] = [0x01, 0x07, 0, 0, 0, 0, 0, 0, 0];

/// Fallback Debezium substitutes for a null in a NOT NULL column without default.
fn write_fallback(conv: &Conv, out: &mut String) {
    match conv {
        Conv::Bool => out.push_str("false"),
        Conv::Int { .. }
        | Conv::Date { .. }
        | Conv::Time { .. }
        | Conv::DateTime { .. }
        | Conv::Year { .. } => out.push('0'),
        Conv::UnsignedBigPrecise => out.push_str("\"AA==\""),
        Conv::Float32 | Conv::Float64 { .. } => out.push_str("0.0"),
        Conv::Text(_) | Conv::Enum(_) | Conv::Set(_) => out.push_str("\"\""),
        Conv::Bits { .. } | Conv::Binary { .. } => out.push_str("\"\""),
        Conv::Json => out.push_str("\"{}\""),
        Conv::Decimal { scale, mode } => {
            let zero = DecimalText {
                negative: false,
                unscaled: "0".into(),
                scale: *scale,
            };
            write_decimal_value(&zero, *scale, *mode, out);
        }
        Conv::ZonedTimestamp { .. } => out.push_str("\"1970-01-01T00:00:00Z\""),
        Conv::Point => write_point(0.0, 0.0, &WKB_EMPTY_COLLECTION, 0, out),
        Conv::Geometry => write_geometry(&WKB_EMPTY_COLLECTION, 0, out),
    }
}

// ---------------------------------------------------------------------------------------------
// temporal helpers

fn valid_date(y: i64, m: i64, d: i64) -> bool {
    if !(1..=12).contains(&m) || d < 1 {
        return false;
    }
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let dim = match m {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    d <= dim
}

/// Debezium's `adjustTemporal`: years 0-69 are 2000-2069, 70-99 are 1970-1999.
fn adjust_year(y: i64, adjust: bool) -> i64 {
    match y {
        0..=69 if adjust => y + 2000,
        70..=99 if adjust => y + 1900,
        _ => y,
    }
}

/// Fraction digits (up to 9) as nanoseconds.
fn frac_nanos(frac: &str) -> Option<i64> {
    if frac.is_empty() {
        return Some(0);
    }
    if !frac.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let digits: String = frac.chars().take(9).collect();
    let n: i64 = digits.parse().ok()?;
    Some(n * 10i64.pow(9 - digits.len() as u32))
}

fn parse_date_text(s: &str) -> Option<(i64, i64, i64)> {
    let mut it = s.splitn(3, ['-', ':']);
    let y = it.next()?.parse().ok()?;
    let m = it.next()?.parse().ok()?;
    let d = it.next()?.trim().parse().ok()?;
    Some((y, m, d))
}

struct DateTimeParts {
    y: i64,
    mo: i64,
    d: i64,
    h: i64,
    mi: i64,
    s: i64,
    nanos: i64,
}

impl DateTimeParts {
    fn epoch_seconds(&self) -> i64 {
        days_from_civil(self.y, self.mo, self.d) * 86_400 + self.h * 3600 + self.mi * 60 + self.s
    }
}

/// `YYYY-MM-DD[ HH:MM:SS[.ffffff]]` (also with `T`).
fn parse_datetime_text(s: &str) -> Option<DateTimeParts> {
    let (date, time) = match s.find([' ', 'T']) {
        Some(i) => (&s[..i], s[i + 1..].trim()),
        None => (s, ""),
    };
    let (y, mo, d) = parse_date_text(date)?;
    let (hms, frac) = time.split_once('.').unwrap_or((time, ""));
    let mut parts = hms.split(':');
    let mut next = || -> Option<i64> {
        match parts.next() {
            Some(p) => p.parse().ok(),
            None => Some(0),
        }
    };
    let (h, mi, sec) = if hms.is_empty() {
        (0, 0, 0)
    } else {
        (next()?, next()?, next()?)
    };
    Some(DateTimeParts {
        y,
        mo,
        d,
        h,
        mi,
        s: sec,
        nanos: frac_nanos(frac)?,
    })
}

/// Debezium's `stringToDuration`: `[-]H+:MM[:SS[.f]]` to microseconds (a `-` on a zero hour still
/// negates).
fn parse_duration(s: &str) -> Option<i64> {
    let negative = s.starts_with('-');
    let body = s.strip_prefix('-').unwrap_or(s);
    let (hms, frac) = body.split_once('.').unwrap_or((body, ""));
    let mut parts = hms.split(':');
    let h: i64 = parts.next()?.parse().ok()?;
    let m: i64 = parts.next()?.parse().ok()?;
    let sec: i64 = match parts.next() {
        Some(p) => p.parse().ok()?,
        None => 0,
    };
    let micros = ((h * 60 + m) * 60 + sec) * 1_000_000 + frac_nanos(frac)? / 1000;
    Some(if negative { -micros } else { micros })
}

fn write_epoch(secs: i64, nanos: i64, unit: TimeUnit, out: &mut String) {
    let v = match unit {
        TimeUnit::Millis => secs * 1000 + nanos.div_euclid(1_000_000),
        TimeUnit::Micros => secs * 1_000_000 + nanos.div_euclid(1000),
        TimeUnit::Nanos => secs * 1_000_000_000 + nanos,
    };
    json::write_i64(out, v);
}

fn push_padded(out: &mut String, v: i64, width: usize) {
    use std::fmt::Write as _;
    let _ = write!(out, "{v:0width$}");
}

/// `ISO_OFFSET_DATE_TIME` of a UTC instant: the fraction in its shortest form (`width` None) or
/// with exactly `width` digits, then `Z`.
fn format_iso_instant(secs: i64, nanos: i64, width: Option<u32>, out: &mut String) {
    let days = secs.div_euclid(86_400);
    let sod = secs.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    if y > 9999 {
        out.push('+');
    }
    push_padded(out, y, 4);
    out.push('-');
    push_padded(out, m, 2);
    out.push('-');
    push_padded(out, d, 2);
    out.push('T');
    push_padded(out, sod / 3600, 2);
    out.push(':');
    push_padded(out, sod / 60 % 60, 2);
    out.push(':');
    push_padded(out, sod % 60, 2);
    let digits = format!("{nanos:09}");
    match width {
        Some(w) => {
            out.push('.');
            out.push_str(&digits[..w as usize]);
        }
        None if nanos != 0 => {
            out.push('.');
            out.push_str(digits.trim_end_matches('0'));
        }
        None => {}
    }
    out.push('Z');
}

// ---------------------------------------------------------------------------------------------
// MySQL binary JSON, printed as shyiko's `JsonStringFormatter` does

fn jsonb_str(out: &mut String, s: &str) {
    use std::fmt::Write as _;
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\u{8}' => out.push_str("\\b"),
            '\t' => out.push_str("\\t"),
            '\u{c}' => out.push_str("\\f"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// `BigDecimal(double).toPlainString()`: the exact decimal expansion of a finite double.
fn exact_double(v: f64) -> String {
    let bits = v.to_bits();
    let negative = bits >> 63 == 1;
    let exp = ((bits >> 52) & 0x7ff) as i64;
    let frac = bits & ((1u64 << 52) - 1);
    let (mant, e2) = if exp == 0 {
        (frac, -1074)
    } else {
        (frac | (1u64 << 52), exp - 1075)
    };
    // digits of mant * 2^e2 as a little-endian base-1e9 big number
    let mut n: Vec<u64> = vec![mant % 1_000_000_000, mant / 1_000_000_000];
    let mul = |n: &mut Vec<u64>, k: u64| {
        let mut carry = 0u64;
        for x in n.iter_mut() {
            let t = *x * k + carry;
            *x = t % 1_000_000_000;
            carry = t / 1_000_000_000;
        }
        while carry > 0 {
            n.push(carry % 1_000_000_000);
            carry /= 1_000_000_000;
        }
    };
    let scale = if e2 >= 0 {
        for _ in 0..e2 {
            mul(&mut n, 2);
        }
        0
    } else {
        // mant / 2^k = mant * 5^k / 10^k
        for _ in 0..(-e2) {
            mul(&mut n, 5);
        }
        (-e2) as usize
    };
    let mut digits = String::new();
    for (i, x) in n.iter().rev().enumerate() {
        if i == 0 {
            digits.push_str(&x.to_string());
        } else {
            digits.push_str(&format!("{x:09}"));
        }
    }
    let mut digits = digits.trim_start_matches('0').to_string();
    // BigDecimal(double) has the smallest scale that keeps the value exact
    let mut scale = scale;
    while scale > 0 && digits.ends_with('0') {
        digits.pop();
        scale -= 1;
    }
    let d = DecimalText {
        negative: negative && !digits.is_empty(),
        unscaled: if digits.is_empty() {
            "0".into()
        } else {
            digits
        },
        scale: scale as u32,
    };
    d.to_plain_string()
}

fn jsonb_double(out: &mut String, v: f64) {
    let mut s = String::new();
    encode::java_double(&mut s, v);
    if s.contains('E') {
        out.push_str(&exact_double(v));
    } else {
        out.push_str(&s);
    }
}

fn jsonb_time(out: &mut String, h: u32, m: u32, s: u32, us: u32) {
    push_padded(out, h as i64, 2);
    out.push(':');
    push_padded(out, m as i64, 2);
    out.push(':');
    push_padded(out, s as i64, 2);
    if us != 0 {
        // six digits without their trailing zeros
        out.push('.');
        out.push_str(format!("{us:06}").trim_end_matches('0'));
    }
}

/// A MySQL binary JSON value as the text Debezium prints for it (shyiko's formatter).
pub(crate) fn jsonb_text(v: &jsonb::Value<'_>, out: &mut String) -> Result<(), String> {
    format_jsonb(v, out).map_err(|e| match e {
        Fail::Invalid(m) | Fail::Charset(m) => m,
    })
}

/// A JSON string literal as that formatter prints it.
pub(crate) fn jsonb_string(out: &mut String, s: &str) {
    jsonb_str(out, s)
}

fn format_jsonb(v: &jsonb::Value<'_>, out: &mut String) -> Res<()> {
    use jsonb::Value as J;
    let io = |e: std::io::Error| Fail::Invalid(format!("binary JSON: {e}"));
    match v {
        J::Null => out.push_str("null"),
        J::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        J::I16(x) => out.push_str(&x.to_string()),
        J::U16(x) => out.push_str(&x.to_string()),
        J::I32(x) => out.push_str(&x.to_string()),
        J::U32(x) => out.push_str(&x.to_string()),
        J::I64(x) => out.push_str(&x.to_string()),
        J::U64(x) => out.push_str(&x.to_string()),
        J::F64(x) => jsonb_double(out, *x),
        J::String(s) => jsonb_str(out, &s.str()),
        J::SmallArray(a) => {
            out.push('[');
            for (i, e) in a.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                format_jsonb(&e.map_err(io)?, out)?;
            }
            out.push(']');
        }
        J::LargeArray(a) => {
            out.push('[');
            for (i, e) in a.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                format_jsonb(&e.map_err(io)?, out)?;
            }
            out.push(']');
        }
        J::SmallObject(o) => {
            out.push('{');
            for (i, e) in o.iter().enumerate() {
                let (k, e) = e.map_err(io)?;
                if i > 0 {
                    out.push(',');
                }
                jsonb_str(out, &k.value());
                out.push(':');
                format_jsonb(&e, out)?;
            }
            out.push('}');
        }
        J::LargeObject(o) => {
            out.push('{');
            for (i, e) in o.iter().enumerate() {
                let (k, e) = e.map_err(io)?;
                if i > 0 {
                    out.push(',');
                }
                jsonb_str(out, &k.value());
                out.push(':');
                format_jsonb(&e, out)?;
            }
            out.push('}');
        }
        J::Opaque(o) => {
            let ty = o.value_type();
            match (ty, J::Opaque(o.clone()).parse()) {
                (
                    _,
                    Ok(jsonb::JsonDom::Scalar(jsonb::JsonScalar::Number(
                        jsonb::JsonNumber::Decimal(d),
                    ))),
                ) => out.push_str(&d.to_string()),
                (_, Ok(jsonb::JsonDom::Scalar(jsonb::JsonScalar::DateTime(t)))) => {
                    out.push('"');
                    match ty {
                        ColumnType::MYSQL_TYPE_TIME => {
                            if t.neg {
                                out.push('-');
                            }
                            jsonb_time(out, t.hour, t.minute, t.second, t.second_part);
                        }
                        _ => {
                            push_padded(out, t.year as i64, 4);
                            out.push('-');
                            push_padded(out, t.month as i64, 2);
                            out.push('-');
                            push_padded(out, t.day as i64, 2);
                            if ty != ColumnType::MYSQL_TYPE_DATE {
                                out.push(' ');
                                jsonb_time(out, t.hour, t.minute, t.second, t.second_part);
                            }
                        }
                    }
                    out.push('"');
                }
                _ => {
                    out.push('"');
                    out.push_str(&encode::base64(o.data_raw()));
                    out.push('"');
                }
            }
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// defaults (`BinlogDefaultValueConverter`, then the column's converter)

/// Debezium's `EPOCH_EQUIVALENT_DATE`: a zero year, month or day.
fn zero_date_part(date: &str) -> bool {
    let b = date.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(|c| c.is_ascii_digit());
    if !(digits(0..4) && digits(5..7) && digits(8..10)) {
        return false;
    }
    &date[..4] == "0000" || &date[5..7] == "00" || &date[8..10] == "00"
}

/// Debezium's `EPOCH_EQUIVALENT_TIMESTAMP`: a zero date part at midnight.
fn zero_timestamp(v: &str) -> bool {
    let Some((date, time)) = v.split_once(' ') else {
        return false;
    };
    let (hms, frac) = time.split_once('.').unwrap_or((time, ""));
    zero_date_part(date)
        && hms == "00:00:00"
        && (time.len() == 8
            || (!frac.is_empty() && frac.len() <= 6 && frac.bytes().all(|b| b.is_ascii_digit())))
}

fn strip_charset_introducer(v: &str) -> &str {
    if let Some(rest) = v.strip_prefix('_') {
        if let Some(q) = rest.find('\'') {
            if rest[..q].bytes().all(|b| b.is_ascii_alphanumeric()) && rest.ends_with('\'') {
                return &rest[q + 1..rest.len() - 1];
            }
        }
    }
    v
}

/// Java's `Math.round(Double.parseDouble(s))`, as Debezium reads integer defaults.
fn java_round(s: &str) -> Option<i128> {
    let f: f64 = s.trim().parse().ok()?;
    if f.is_nan() {
        return Some(0);
    }
    let r = (f + 0.5).floor();
    Some(if r >= i64::MAX as f64 {
        i64::MAX as i128
    } else if r <= i64::MIN as f64 {
        i64::MIN as i128
    } else {
        r as i128
    })
}

fn is_number_jdbc(t: i32) -> bool {
    matches!(t, -7 | -6 | 5 | 4 | -5 | 6 | 7 | 8 | 2 | 3)
}

/// The JSON of a column default, or None when Debezium sets no default (NULL, zero dates of
/// nullable columns, values it cannot convert).
fn default_json(col: &Column, conv: &Conv, expr: &str) -> Option<String> {
    let jdbc = col.jdbc_type;
    let trimmed = matches!(jdbc, 91 | 93 | 2014 | 92 | 16) || is_number_jdbc(jdbc);
    let v = if trimmed { expr.trim() } else { expr };
    let v = strip_charset_introducer(v);
    let bool_word = v.eq_ignore_ascii_case("true") || v.eq_ignore_ascii_case("false");
    let truth = v.eq_ignore_ascii_case("true");
    let mut out = String::new();
    match conv {
        Conv::Bool => {
            let b = match v.parse::<i64>() {
                Ok(n) => n != 0,
                Err(_) => truth,
            };
            out.push_str(if b { "true" } else { "false" });
        }
        Conv::Bits { bytes } => {
            if bool_word {
                let mut b = vec![u8::from(truth)];
                b.resize(*bytes, 0);
                encode::write_base64(&mut out, &b);
                return Some(out);
            }
            if v.is_empty() || !v.bytes().all(|c| c == b'0' || c == b'1') {
                return None;
            }
            // binary digits, last digit is bit 0: little-endian bytes
            let mut b = vec![0u8; v.len().div_ceil(8)];
            for (i, c) in v.bytes().rev().enumerate() {
                if c == b'1' {
                    b[i / 8] |= 1 << (i % 8);
                }
            }
            if b.len() < *bytes {
                b.resize(*bytes, 0);
            }
            encode::write_base64(&mut out, &b);
        }
        Conv::Int { width, .. } => {
            let n = if bool_word {
                i128::from(truth)
            } else {
                java_round(v)?
            };
            json::write_i64(&mut out, narrow(n, *width));
        }
        Conv::UnsignedBigPrecise => {
            let d = if bool_word {
                DecimalText::parse(if truth { "1" } else { "0" })?
            } else {
                DecimalText::parse(v)?
            };
            if d.scale != 0 {
                return None;
            }
            encode::write_base64(&mut out, &d.unscaled_bytes());
        }
        Conv::Float32 => {
            let f: f64 = if bool_word {
                f64::from(u8::from(truth))
            } else {
                v.parse().ok()?
            };
            json::write_f32(&mut out, f as f32);
        }
        Conv::Float64 { .. } => {
            let f: f64 = if bool_word {
                f64::from(u8::from(truth))
            } else {
                v.parse().ok()?
            };
            json::write_f64(&mut out, f);
        }
        Conv::Decimal { scale, mode } => {
            let d = if bool_word {
                DecimalText::parse(if truth { "1" } else { "0" })?
            } else {
                DecimalText::parse(v)?
            };
            let d = d.with_scale(*scale);
            write_decimal_value(&d, *scale, *mode, &mut out);
        }
        Conv::Text(_) | Conv::Json | Conv::Enum(_) | Conv::Set(_) => json::write_str(&mut out, v),
        Conv::Binary { mode, .. } => write_binary(*mode, v.as_bytes(), &mut out),
        Conv::Date { adjust } => {
            let zero = zero_date_part(v.get(..10).unwrap_or(v))
                && (v.len() == 10 || zero_timestamp(v))
                || v == "0";
            let parsed = if zero {
                None
            } else {
                parse_datetime_text(v).filter(|p| valid_date(p.y, p.mo, p.d))
            };
            match parsed {
                Some(p) => json::write_i64(
                    &mut out,
                    days_from_civil(adjust_year(p.y, *adjust), p.mo, p.d),
                ),
                None if col.optional => return None,
                None => out.push('0'),
            }
        }
        Conv::DateTime { unit, adjust } => {
            let parsed = if zero_timestamp(v) || v == "0" {
                None
            } else {
                parse_datetime_text(v).filter(|p| valid_date(p.y, p.mo, p.d))
            };
            match parsed {
                Some(p) => {
                    let secs = days_from_civil(adjust_year(p.y, *adjust), p.mo, p.d) * 86_400
                        + p.h * 3600
                        + p.mi * 60
                        + p.s;
                    write_epoch(secs, p.nanos, *unit, &mut out);
                }
                None if col.optional => return None,
                None => out.push('0'),
            }
        }
        Conv::Time { unit, strict } => {
            let t = match v.split_once(' ') {
                Some((_, time)) if v.contains('-') => time,
                _ => v,
            };
            let micros = parse_duration(t)?;
            if *strict && !(0..=86_400_000_000).contains(&micros) {
                return None;
            }
            match unit {
                TimeUnit::Millis => json::write_i64(&mut out, micros / 1000),
                TimeUnit::Micros => json::write_i64(&mut out, micros),
                TimeUnit::Nanos => json::write_i64(&mut out, micros * 1000),
            }
        }
        Conv::ZonedTimestamp { width } => {
            if zero_timestamp(v) || v == "0" || v == "1970-01-01 00:00:00" {
                if col.optional {
                    return None;
                }
                json::write_str(&mut out, "1970-01-01T00:00:00Z");
                return Some(out);
            }
            // read as a wall time of the JVM's zone (UTC for us), printed with the column's width
            let p = parse_datetime_text(v).filter(|p| valid_date(p.y, p.mo, p.d))?;
            let mut s = String::new();
            format_iso_instant(p.epoch_seconds(), p.nanos, *width, &mut s);
            json::write_str(&mut out, &s);
        }
        Conv::Year { .. } => {
            // as for values: YEAR defaults are adjusted whatever `enable.time.adjuster` says
            let y: i64 = v.parse().ok()?;
            json::write_i64(&mut out, adjust_year(y, true));
        }
        Conv::Point | Conv::Geometry => return None,
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn testdata() -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../testdata/envelopes/mysql")
    }

    /// A column as Debezium's schema history JSON records it (`tableChanges[].table.columns[]`).
    fn column_of(c: &serde_json::Value) -> Column {
        let s = |k: &str| c[k].as_str().map(|x| x.to_string());
        Column {
            name: s("name").unwrap_or_default(),
            jdbc_type: c["jdbcType"].as_i64().unwrap_or(0) as i32,
            type_name: s("typeName").unwrap_or_default(),
            type_expression: s("typeExpression").unwrap_or_default(),
            charset: s("charsetName"),
            length: c["length"].as_i64(),
            scale: c["scale"].as_i64().map(|x| x as i32),
            position: c["position"].as_u64().unwrap_or(0) as usize,
            optional: c["optional"].as_bool().unwrap_or(true),
            auto_incremented: c["autoIncremented"].as_bool().unwrap_or(false),
            generated: c["generated"].as_bool().unwrap_or(false),
            comment: s("comment"),
            has_default: c["hasDefaultValue"].as_bool().unwrap_or(false),
            default_expression: s("defaultValueExpression"),
            enum_values: c["enumValues"]
                .as_array()
                .map(|a| {
                    a.iter()
                        .filter_map(|x| x.as_str().map(|x| x.to_string()))
                        .collect()
                })
                .unwrap_or_default(),
        }
    }

    /// Every table version (table name, columns) of a schema history file, in order.
    fn history(suite: &str) -> Vec<(String, Vec<Column>)> {
        let dir = if suite == "main" {
            testdata().join("server")
        } else {
            testdata().join("peer/server")
        };
        let text = std::fs::read_to_string(dir.join("metadata/schema_history.jsonl")).unwrap();
        let mut out = Vec::new();
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            let r: serde_json::Value = serde_json::from_str(line).unwrap();
            for tc in r["schema"]["tableChanges"].as_array().into_iter().flatten() {
                if tc["type"] == "DROP" {
                    continue;
                }
                let id = tc["id"].as_str().unwrap();
                let table = id.rsplit("\".\"").next().unwrap().trim_end_matches('"');
                let cols = tc["table"]["columns"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(column_of)
                    .collect();
                out.push((table.to_string(), cols));
            }
        }
        out
    }

    fn latest_column(h: &[(String, Vec<Column>)], table: &str, column: &str) -> Column {
        h.iter()
            .rev()
            .filter(|(t, _)| t == table)
            .find_map(|(_, cols)| cols.iter().find(|c| c.name == column).cloned())
            .unwrap_or_else(|| panic!("{table}.{column} not in the schema history"))
    }

    fn json(s: &str) -> serde_json::Value {
        serde_json::from_str(s).unwrap_or_else(|e| panic!("bad JSON `{s}`: {e}"))
    }

    /// `b:<base64>`, `i:<int>`, `f:<float>`, `d:<double>`, `D:y,m,d,h,mi,s,us`,
    /// `T:neg,days,h,m,s,us`, or null: the value `mysql_async` yields.
    fn value_of(spec: Option<&str>) -> Value {
        let Some(spec) = spec else {
            return Value::NULL;
        };
        let (kind, v) = spec.split_once(':').unwrap();
        let nums = || -> Vec<i64> { v.split(',').map(|x| x.parse().unwrap()).collect() };
        match kind {
            "b" => Value::Bytes(
                base64::Engine::decode(&base64::engine::general_purpose::STANDARD, v).unwrap(),
            ),
            "i" => Value::Int(v.parse().unwrap()),
            "f" => Value::Float(v.parse().unwrap()),
            "d" => Value::Double(v.parse().unwrap()),
            "D" => {
                let n = nums();
                Value::Date(
                    n[0] as u16,
                    n[1] as u8,
                    n[2] as u8,
                    n[3] as u8,
                    n[4] as u8,
                    n[5] as u8,
                    n[6] as u32,
                )
            }
            "T" => {
                let n = nums();
                Value::Time(
                    n[0] != 0,
                    n[1] as u32,
                    n[2] as u8,
                    n[3] as u8,
                    n[4] as u8,
                    n[5] as u32,
                )
            }
            _ => panic!("bad spec {spec}"),
        }
    }

    /// One line per (suite, table, column): `[suite, table, column, cases]`, each case
    /// `[phase, input, golden JSON (server profile), golden JSON (rdi profile, when different)]`.
    /// Phase `S`: the text-protocol value a local MariaDB 10.11 returned for `SELECT *` after
    /// loading `mysql_types.sql`; `B`: the binlog row-image value (from `mysqlbinlog -vv` of the
    /// same server applying `mysql_dml.sql`, in the shape mysql_common 0.37 decodes it, signed
    /// integers as with `binlog_row_metadata=NO_LOG`). Golden values from
    /// `testdata/envelopes/mysql/{server,rdi,peer/server,peer/rdi}`.
    const FIXTURE: &str = r##"["main","t_geo","id",[["S","b:MQ==","1"],["S","b:Mg==","2"],["B","i:10","10"]]]
["main","t_geo","c_point",[["S","b:AAAAAAEBAAAAAAAAAAAA+D8AAAAAAAACwA==","{\"x\": 1.5, \"y\": -2.25, \"wkb\": \"AQEAAAAAAAAAAAD4PwAAAAAAAALA\", \"srid\": null}"],["S",null,"null"],["B","b:AAAAAAEBAAAAAAAAAAAACEAAAAAAAAAQQA==","{\"x\": 3.0, \"y\": 4.0, \"wkb\": \"AQEAAAAAAAAAAAAIQAAAAAAAABBA\", \"srid\": null}"]]]
["main","t_geo","c_geom",[["S","b:AAAAAAECAAAAAwAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAADwPwAAAAAAAPA/AAAAAAAAAEAAAAAAAADwPw==","{\"wkb\": \"AQIAAAADAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAPA/AAAAAAAA8D8AAAAAAAAAQAAAAAAAAPA/\", \"srid\": null}"],["S",null,"null"],["B","b:AAAAAAEDAAAAAQAAAAQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA8D8AAAAAAAAAAAAAAAAAAPA/AAAAAAAA8D8AAAAAAAAAAAAAAAAAAAAA","{\"wkb\": \"AQMAAAABAAAABAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAADwPwAAAAAAAAAAAAAAAAAA8D8AAAAAAADwPwAAAAAAAAAAAAAAAAAAAAA=\", \"srid\": null}"]]]
["main","t_int","id",[["S","b:MQ==","1"],["S","b:Mg==","2"],["S","b:Mw==","3"],["S","b:NA==","4"],["B","i:5","5"],["B","i:1","1"],["B","i:2","2"],["B","i:100","100"],["B","i:101","101"],["B","i:102","102"],["B","i:3","3"]]]
["main","t_int","c_tinyint",[["S","b:MA==","0"],["S","b:LTEyOA==","-128"],["S","b:MTI3","127"],["S",null,"null"],["B","i:1","1"],["B","i:0","0"],["B","i:-128","-128"],["B",null,"null"],["B","i:127","127"]]]
["main","t_int","c_tinyint_u",[["S","b:MA==","0"],["S","b:MjU1","255"],["S",null,"null"],["B","i:2","2"],["B","i:0","0"],["B",null,"null"],["B","i:-1","255"]]]
["main","t_int","c_bool",[["S","b:MA==","0"],["S","b:MQ==","1"],["S",null,"null"],["B","i:1","1"],["B","i:0","0"],["B",null,"null"]]]
["main","t_int","c_smallint",[["S","b:MA==","0"],["S","b:LTMyNzY4","-32768"],["S","b:MzI3Njc=","32767"],["S",null,"null"],["B","i:3","3"],["B","i:0","0"],["B","i:-32768","-32768"],["B",null,"null"],["B","i:32767","32767"]]]
["main","t_int","c_smallint_u",[["S","b:MA==","0"],["S","b:NjU1MzU=","65535"],["S",null,"null"],["B","i:4","4"],["B","i:0","0"],["B",null,"null"],["B","i:-1","65535"]]]
["main","t_int","c_mediumint",[["S","b:MA==","0"],["S","b:LTgzODg2MDg=","-8388608"],["S","b:ODM4ODYwNw==","8388607"],["S",null,"null"],["B","i:5","5"],["B","i:0","0"],["B","i:-8388608","-8388608"],["B",null,"null"],["B","i:8388607","8388607"]]]
["main","t_int","c_mediumint_u",[["S","b:MA==","0"],["S","b:MTY3NzcyMTU=","16777215"],["S",null,"null"],["B","i:6","6"],["B","i:0","0"],["B",null,"null"],["B","i:-1","16777215"]]]
["main","t_int","c_int",[["S","b:MA==","0"],["S","b:LTIxNDc0ODM2NDg=","-2147483648"],["S","b:MjE0NzQ4MzY0Nw==","2147483647"],["S",null,"null"],["B","i:7","7"],["B","i:0","0"],["B","i:1","1"],["B","i:-2147483648","-2147483648"],["B","i:8","8"],["B","i:2147483647","2147483647"]]]
["main","t_int","c_int_u",[["S","b:MA==","0"],["S","b:NDI5NDk2NzI5NQ==","4294967295"],["S",null,"null"],["B","i:8","8"],["B","i:0","0"],["B",null,"null"],["B","i:-1","4294967295"]]]
["main","t_int","c_bigint",[["S","b:MA==","0"],["S","b:LTkyMjMzNzIwMzY4NTQ3NzU4MDg=","-9223372036854775808"],["S","b:OTIyMzM3MjAzNjg1NDc3NTgwNw==","9223372036854775807"],["S",null,"null"],["B","i:9","9"],["B","i:0","0"],["B","i:-9223372036854775808","-9223372036854775808"],["B",null,"null"],["B","i:-1","-1"],["B","i:9223372036854775807","9223372036854775807"]]]
["main","t_int","c_bigint_u",[["S","b:MA==","0"],["S","b:MTg0NDY3NDQwNzM3MDk1NTE2MTU=","-1"],["S",null,"null"],["B","i:10","10"],["B","i:0","0"],["B",null,"null"],["B","i:-1","-1"]]]
["main","t_misc","id",[["S","b:MQ==","1"],["S","b:Mg==","2"],["S","b:Mw==","3"],["S","b:NA==","4"],["B","i:10","10"],["B","i:1","1"],["B","i:2","2"],["B","i:20","20"],["B","i:3","3"],["B","i:30","30"],["B","i:31","31"],["B","i:32","32"],["B","i:40","40"]]]
["main","t_misc","c_json",[["S","b:eyJhIjogMSwgImIiOiBbMSwyLDNdLCAiYyI6IHsiZCI6IG51bGx9fQ==","\"{\\\"a\\\": 1, \\\"b\\\": [1,2,3], \\\"c\\\": {\\\"d\\\": null}}\""],["S","b:W10=","\"[]\""],["S","b:bnVsbA==","\"null\""],["S",null,"null"],["B","b:eyJrIjoidiJ9","\"{\\\"k\\\":\\\"v\\\"}\""],["B","b:eyJhIjogMSwgImIiOiBbMSwyLDNdLCAiYyI6IHsiZCI6IG51bGx9fQ==","\"{\\\"a\\\": 1, \\\"b\\\": [1,2,3], \\\"c\\\": {\\\"d\\\": null}}\""],["B","b:eyJhIjogMSwgImIiOiBbMSwgMiwgM10sICJjIjogeyJkIjogbnVsbH0sICJuZXciOiB0cnVlfQ==","\"{\\\"a\\\": 1, \\\"b\\\": [1, 2, 3], \\\"c\\\": {\\\"d\\\": null}, \\\"new\\\": true}\""],["B","b:W10=","\"[]\""],["B","b:bnVsbA==","\"null\""],["B","b:eyJ0eCI6MX0=","\"{\\\"tx\\\":1}\""],["B","b:eyJ0eCI6Mn0=","\"{\\\"tx\\\":2}\""],["B","b:eyJ0eCI6M30=","\"{\\\"tx\\\":3}\""],["B",null,"null"]]]
["main","t_misc","c_enum",[["S","b:aGFwcHk=","\"happy\""],["S","b:c2Fk","\"sad\""],["S",null,"null"],["B","i:2","\"ok\""],["B","i:3","\"happy\""],["B","i:1","\"sad\""],["B",null,"null"]]]
["main","t_misc","c_set",[["S","b:YSxj","\"a,c\""],["S","b:","\"\""],["S","b:YSxiLGM=","\"a,b,c\""],["S",null,"null"],["B","b:Ag==","\"b\""],["B","b:BQ==","\"a,c\""],["B","b:AA==","\"\""],["B","b:Bw==","\"a,b,c\""],["B","b:AQ==","\"a\""],["B","b:BA==","\"c\""]]]
["main","t_misc","c_uuid_char",[["S","b:YTBlZWJjOTktOWMwYi00ZWY4LWJiNmQtNmJiOWJkMzgwYTEx","\"a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11\""],["S","b:MDAwMDAwMDAtMDAwMC0wMDAwLTAwMDAtMDAwMDAwMDAwMDAw","\"00000000-0000-0000-0000-000000000000\""],["S",null,"null"],["B","b:YjBlZWJjOTktOWMwYi00ZWY4LWJiNmQtNmJiOWJkMzgwYTEy","\"b0eebc99-9c0b-4ef8-bb6d-6bb9bd380a12\""],["B","b:YTBlZWJjOTktOWMwYi00ZWY4LWJiNmQtNmJiOWJkMzgwYTEx","\"a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11\""],["B","b:MDAwMDAwMDAtMDAwMC0wMDAwLTAwMDAtMDAwMDAwMDAwMDAw","\"00000000-0000-0000-0000-000000000000\""],["B",null,"null"]]]
["main","t_misc","c_bool_tiny",[["S","b:MQ==","1"],["S","b:MA==","0"],["S",null,"null"],["B","i:1","1"],["B","i:0","0"],["B",null,"null"]]]
["main","t_misc","extra",[["B","b:eA==","\"x\""],["B","b:ZGZsdA==","\"dflt\""],["B","b:eQ==","\"y\""]]]
["main","t_misc","added_ts",[["B","D:2024,1,1,0,0,0,123000","1704067200123"],["B",null,"null"]]]
["main","t_nopk","a",[["S","b:MQ==","1"],["S","b:Mg==","2"],["S",null,"null"],["B","i:10","10"],["B","i:1","1"],["B",null,"null"]]]
["main","t_nopk","b",[["S","b:b25l","\"one\""],["S","b:dHdv","\"two\""],["S",null,"null"],["B","b:dGVu","\"ten\""],["B","b:b25l","\"one\""],["B","b:dW5v","\"uno\""],["B",null,"null"]]]
["main","t_numeric","id",[["S","b:MQ==","1"],["S","b:Mg==","2"],["S","b:Mw==","3"],["S","b:NA==","4"],["B","i:10","10"],["B","i:1","1"]]]
["main","t_numeric","c_decimal",[["S","b:MA==","\"AA==\"","\"0\""],["S","b:OTk5OTk5OTk5OQ==","\"AlQL4/8=\"","\"9999999999\""],["S","b:LTE=","\"/w==\"","\"-1\""],["S",null,"null"],["B","b:MTU=","\"Dw==\"","\"15\""],["B","b:MA==","\"AA==\"","\"0\""],["B","b:MTIz","\"ew==\"","\"123\""]]]
["main","t_numeric","c_dec_10_2",[["S","b:MC4wMA==","\"AA==\"","\"0.00\""],["S","b:MTIzNDU2NzguOTE=","\"SZYC0w==\"","\"12345678.91\""],["S","b:LTAuMDE=","\"/w==\"","\"-0.01\""],["S",null,"null"],["B","b:Mi4yNQ==","\"AOE=\"","\"2.25\""],["B","b:MC4wMA==","\"AA==\"","\"0.00\""],["B","b:MC4wMQ==","\"AQ==\"","\"0.01\""]]]
["main","t_numeric","c_dec_38_0",[["S","b:MA==","\"AA==\"","\"0\""],["S","b:OTk5OTk5OTk5OTk5OTk5OTk5OTk5OTk5OTk5OTk5OTk5OTk5OTk=","\"SztMqFqGxHoJiiI//////w==\"","\"99999999999999999999999999999999999999\""],["S","b:LTE=","\"/w==\"","\"-1\""],["S",null,"null"],["B","b:Mw==","\"Aw==\"","\"3\""],["B","b:MA==","\"AA==\"","\"0\""]]]
["main","t_numeric","c_dec_65_30",[["S","b:MC4wMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDA=","\"AA==\"","\"0.000000000000000000000000000000\""],["S","b:MTIzNDU2Nzg5MDEyMzQ1Njc4OTAuMTIzNDU2Nzg5MDEyMzQ1Njc4OTAxMjM0NTY3ODkw","\"CHJ/Y2mq+DyhUCZ0evjH8ZbOPwrS\"","\"12345678901234567890.123456789012345678901234567890\""],["S","b:LTAuMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAx","\"/w==\"","\"-0.000000000000000000000000000001\""],["S",null,"null"],["B","b:MC41MDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDA=","\"Bk+WTmgjOnb1IAAAAA==\"","\"0.500000000000000000000000000000\""],["B","b:MC4wMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDA=","\"AA==\"","\"0.000000000000000000000000000000\""]]]
["main","t_numeric","c_dec_u",[["S","b:MC4wMDA=","\"AA==\"","\"0.000\""],["S","b:OTk5OTkuOTk5","\"BfXg/w==\"","\"99999.999\""],["S","b:MC4wMDE=","\"AQ==\"","\"0.001\""],["S",null,"null"],["B","b:MS41MDA=","\"Bdw=\"","\"1.500\""],["B","b:MC4wMDA=","\"AA==\"","\"0.000\""]]]
["main","t_numeric","c_float",[["S","b:MA==","0.0"],["S","b:My40ZTM4","3.4e+38"],["S","b:LTEuNQ==","-1.5"],["S",null,"null"],["B","f:1.25","1.25"],["B","f:0","0.0"]]]
["main","t_numeric","c_double",[["S","b:MA==","0.0"],["S","b:MS43OTc2OTMxMzQ4NjIzMTU3ZTMwOA==","1.7976931348623157e+308"],["S","b:LTIuNWUtMzAw","-2.5e-300"],["S",null,"null"],["B","d:2.5","2.5"],["B","d:0","0.0"]]]
["main","t_numeric","c_bit1",[["S","b:AA==","false"],["S","b:AQ==","true"],["S",null,"null"],["B","b:AQ==","true"],["B","b:AA==","false"]]]
["main","t_numeric","c_bit8",[["S","b:AA==","\"AA==\""],["S","b:pQ==","\"pQ==\""],["S","b:AQ==","\"AQ==\""],["S",null,"null"],["B","b:/w==","\"/w==\""],["B","b:AA==","\"AA==\""]]]
["main","t_numeric","c_bit64",[["S","b:AAAAAAAAAAA=","\"AAAAAAAAAAA=\""],["S","b://////////8=","\"//////////8=\""],["S","b:AAAAAAAAAAE=","\"AQAAAAAAAAA=\""],["S",null,"null"],["B","b:AAAAAAAAAAU=","\"BQAAAAAAAAA=\""],["B","b:AAAAAAAAAAA=","\"AAAAAAAAAAA=\""]]]
["main","t_text","id",[["S","b:MQ==","1"],["S","b:Mg==","2"],["S","b:Mw==","3"],["S","b:NA==","4"],["B","i:10","10"],["B","i:1","1"]]]
["main","t_text","c_char",[["S","b:YWI=","\"ab\""],["S","b:","\"\""],["S","b:w6nmvKLlrZc=","\"é漢字\""],["S",null,"null"],["B","b:eno=","\"zz\""],["B","b:YWI=","\"ab\""]]]
["main","t_text","c_varchar",[["S","b:aGVsbG8=","\"hello\""],["S","b:","\"\""],["S","b:cXVvdGUgJyAiZHEiIFwgYmFjaw==","\"quote ' \\\"dq\\\" \\\\ back\""],["S",null,"null"],["B","b:c3RyZWFtZWQ=","\"streamed\""],["B","b:aGVsbG8=","\"hello\""]]]
["main","t_text","c_text",[["S","b:cGxhaW4gdGV4dA==","\"plain text\""],["S","b:","\"\""],["S","b:bXVsdGkKbGluZQl0YWIgw6kg8J+YgA==","\"multi\\nline\\ttab é 😀\""],["S",null,"null"],["B","b:cGxhaW4gdGV4dA==","\"plain text\""],["B",null,"null"]]]
["main","t_text","c_mediumtext",[["S","b:bWVkaXVt","\"medium\""],["S","b:","\"\""],["S",null,"null"],["B","b:bQ==","\"m\""],["B","b:bWVkaXVt","\"medium\""]]]
["main","t_text","c_binary",[["S","b:AP8QAA==","\"AP8QAA==\""],["S","b:AAAAAA==","\"AAAAAA==\""],["S","b:YWJjZA==","\"YWJjZA==\""],["S",null,"null"],["B","b:AQIDBA==","\"AQIDBA==\""],["B","b:AP8Q","\"AP8QAA==\""]]]
["main","t_text","c_varbinary",[["S","b:AP8Q","\"AP8Q\""],["S","b:","\"\""],["S","b:AQIDBAUGBwg=","\"AQIDBAUGBwg=\""],["S",null,"null"],["B","b:AQI=","\"AQI=\""],["B","b:AP8Q","\"AP8Q\""]]]
["main","t_text","c_blob",[["S","b:3q2+7w==","\"3q2+7w==\""],["S","b:","\"\""],["S","b:AA==","\"AA==\""],["S",null,"null"],["B","b:/w==","\"/w==\""],["B","b:3q2+7w==","\"3q2+7w==\""],["B","b:","\"\""]]]
["main","t_text","c_longblob",[["S","b:AQ==","\"AQ==\""],["S","b:","\"\""],["S","b:q6urq6urq6urq6urq6urq6urq6urq6urq6urq6urq6urq6urq6urq6urq6urq6urq6urq6urq6urq6urq6urq6urq6urq6urq6urq6urq6urq6urq6urq6urq6urq6urq6urqw==","\"q6urq6urq6urq6urq6urq6urq6urq6urq6urq6urq6urq6urq6urq6urq6urq6urq6urq6urq6urq6urq6urq6urq6urq6urq6urq6urq6urq6urq6urq6urq6urq6urq6urqw==\""],["S",null,"null"],["B","b:7g==","\"7g==\""],["B","b:AQ==","\"AQ==\""]]]
["main","t_text","c_latin1",[["S","b:YWJj","\"abc\""],["S","b:","\"\""],["S","b:Y2Fmw6k=","\"café\""],["S",null,"null"],["B","b:bGF0","\"lat\""],["B","b:YWJj","\"abc\""]]]
["main","t_time","id",[["S","b:MQ==","1"],["S","b:Mg==","2"],["S","b:Mw==","3"],["S","b:NA==","4"],["B","i:10","10"],["B","i:4","4"]]]
["main","t_time","c_date",[["S","b:MjAyNC0wMi0yOQ==","19782"],["S","b:MTk3MC0wMS0wMQ==","0"],["S","b:MTAwMC0wMS0wMQ==","-354285"],["S",null,"null"],["B","D:2000,1,1,0,0,0,0","10957"],["B",null,"null"]]]
["main","t_time","c_time",[["S","b:MTM6NDU6MzA=","49530000000"],["S","b:MDA6MDA6MDA=","0"],["S","b:LTgzODo1OTo1OQ==","-3020399000000"],["S",null,"null"],["B","T:0,0,12,0,0,0","43200000000"],["B",null,"null"]]]
["main","t_time","c_time6",[["S","b:MTM6NDU6MzAuMTIzNDU2","49530123456"],["S","b:MDA6MDA6MDAuMDAwMDAw","0"],["S","b:ODM4OjU5OjU5LjAwMDAwMA==","3020399000000"],["S",null,"null"],["B","T:0,0,12,0,0,1","43200000001"],["B",null,"null"]]]
["main","t_time","c_datetime",[["S","b:MjAyNC0wMi0yOSAxMzo0NTozMA==","1709214330000"],["S","b:MTk3MC0wMS0wMSAwMDowMDowMA==","0"],["S","b:OTk5OS0xMi0zMSAyMzo1OTo1OQ==","253402300799000"],["S",null,"null"],["B","D:2000,1,1,12,0,0,0","946728000000"],["B",null,"null"]]]
["main","t_time","c_datetime3",[["S","b:MjAyNC0wMi0yOSAxMzo0NTozMC4xMjM=","1709214330123"],["S","b:MTk3MC0wMS0wMSAwMDowMDowMC4wMDA=","0"],["S","b:OTk5OS0xMi0zMSAyMzo1OTo1OS45OTk=","253402300799999"],["S",null,"null"],["B","D:2000,1,1,12,0,0,500000","946728000500"],["B",null,"null"]]]
["main","t_time","c_datetime6",[["S","b:MjAyNC0wMi0yOSAxMzo0NTozMC4xMjM0NTY=","1709214330123456"],["S","b:MTk3MC0wMS0wMSAwMDowMDowMC4wMDAwMDA=","0"],["S","b:MTAwMC0wMS0wMSAwMDowMDowMC4wMDAwMDE=","-30610223999999999"],["S",null,"null"],["B","D:2000,1,1,12,0,0,1","946728000000001"],["B",null,"null"]]]
["main","t_time","c_timestamp",[["S","b:MjAyNC0wMi0yOSAxMzo0NTozMA==","\"2024-02-29T13:45:30Z\""],["S","b:MTk3MC0wMS0wMSAwMDowMDowMQ==","\"1970-01-01T00:00:01Z\""],["S","b:MjAzOC0wMS0xOSAwMzoxNDowNw==","\"2038-01-19T03:14:07Z\""],["S",null,"null"],["B","b:OTQ2NzI4MDAw","\"2000-01-01T12:00:00Z\""],["B",null,"null"]]]
["main","t_time","c_timestamp6",[["S","b:MjAyNC0wMi0yOSAxMzo0NTozMC4xMjM0NTY=","\"2024-02-29T13:45:30.123456Z\""],["S","b:MTk3MC0wMS0wMSAwMDowMDowMS4wMDAwMDA=","\"1970-01-01T00:00:01Z\""],["S","b:MjAzOC0wMS0xOSAwMzoxNDowNy45OTk5OTk=","\"2038-01-19T03:14:07.999999Z\""],["S",null,"null"],["B","b:OTQ2NzI4MDAwLjUwMDAwMA==","\"2000-01-01T12:00:00.500000Z\""],["B",null,"null"]]]
["main","t_time","c_year",[["S","b:MjAyNA==","2024"],["S","b:MTk3MA==","1970"],["S","b:MjE1NQ==","2155"],["S",null,"null"],["B","b:MjAwMA==","2000"],["B",null,"null"]]]
["peer","BIT_TABLE","A",[["S","b:AA==","false"],["B","b:AA==","false"],["B","b:AQ==","true"]]]
["peer","BIT_TABLE","B",[["S","b:AA==","false"],["B","b:AA==","false"]]]
["peer","BIT_TABLE","C",[["S","b:AQ==","true"],["B","b:AQ==","true"]]]
["peer","BIT_TABLE","D",[["S","b:AA==","false"],["B","b:AA==","false"]]]
["peer","BIT_TABLE","E",[["S","b:AQ==","true"],["B","b:AQ==","true"]]]
["peer","BIT_TABLE","F",[["S","b:AQ==","true"],["B","b:AQ==","true"]]]
["peer","BIT_TABLE","G",[["S","b:AA==","false"],["B","b:AA==","false"]]]
["peer","BIT_TABLE","H",[["S","b:AUI=","\"QgE=\""],["B","b:AUI=","\"QgE=\""]]]
["peer","BIT_TABLE","I",[["S",null,"null"],["B",null,"null"],["B","b:A/8=","\"/wM=\""]]]
["peer","BIT_TABLE","J",[["S","b:AAFhDw==","\"D2EBAA==\""],["B","b:AAFhDw==","\"D2EBAA==\""]]]
["peer","BIT_TABLE","K",[["S",null,"\"D2EBAA==\""],["B",null,"\"D2EBAA==\""]]]
["peer","BOOLEAN_TABLE","A",[["S","b:MQ==","1"],["B","i:1","1"]]]
["peer","BOOLEAN_TABLE","B",[["S","b:MQ==","1"],["B","i:1","1"]]]
["peer","BOOLEAN_TABLE","C",[["S","b:MQ==","1"],["B","i:1","1"]]]
["peer","BOOLEAN_TABLE","D",[["S","b:MQ==","1"],["B","i:1","1"]]]
["peer","BOOLEAN_TABLE","E",[["S","b:MQ==","1"],["B","i:1","1"],["B","i:0","0"]]]
["peer","BOOLEAN_TABLE","F",[["S",null,"1"],["B",null,"1"],["B","i:1","1"]]]
["peer","BOOLEAN_TEST","id",[["S","b:MQ==","1"],["B","i:1","1"]]]
["peer","BOOLEAN_TEST","b1",[["S","b:MA==","0"],["B","i:0","0"],["B","i:1","1"]]]
["peer","BOOLEAN_TEST","b2",[["S","b:MQ==","1"],["B","i:1","1"],["B",null,"0"]]]
["peer","DATE_TIME_TABLE","A",[["S","b:MTk3Ni0wOC0yMw==","2426"],["B","D:1976,8,23,0,0,0,0","2426"]]]
["peer","DATE_TIME_TABLE","B",[["S","b:MTk3MC0wMS0wMSAwMDowMDowMQ==","\"1970-01-01T00:00:01Z\""],["B","b:MQ==","\"1970-01-01T00:00:01Z\""]]]
["peer","DATE_TIME_TABLE","C",[["S","b:MjAxOC0wMS0wMyAwMDowMDoxMA==","1514937610000"],["B","D:2018,1,3,0,0,10,0","1514937610000"]]]
["peer","DATE_TIME_TABLE","D",[["S","b:MjAxOC0wMS0wMyAwMDowMDoxMC43","1514937610700"],["B","D:2018,1,3,0,0,10,700000","1514937610700"]]]
["peer","DATE_TIME_TABLE","E",[["S","b:MjAxOC0wMS0wMyAwMDowMDoxMC4xMjM0NTY=","1514937610123456"],["B","D:2018,1,3,0,0,10,123456","1514937610123456"]]]
["peer","DATE_TIME_TABLE","F",[["S","b:MjAwMQ==","2001"],["B","b:MjAwMQ==","2001"]]]
["peer","DATE_TIME_TABLE","G",[["S","b:MDA6MDA6MDA=","0"],["B","T:0,0,0,0,0,0","0"]]]
["peer","DATE_TIME_TABLE","H",[["S","b:MjM6MDA6MDAuNw==","82800700000"],["B","T:0,0,23,0,0,700000","82800700000"]]]
["peer","DATE_TIME_TABLE","I",[["S","b:MjM6MDA6MDAuMTIzNDU2","82800123456"],["B","T:0,0,23,0,0,123456","82800123456"]]]
["peer","DATE_TIME_TABLE","J",[["S","b:MjAyMy0xMS0xNCAyMjoxMzoyMA==","\"2023-11-14T22:13:20Z\""],["B","b:MTcwMDAwMDAwMA==","\"2023-11-14T22:13:20Z\""]]]
["peer","DATE_TIME_TABLE","K",[["S",null,"null"],["B",null,"null"],["B","b:MQ==","\"1970-01-01T00:00:01Z\""]]]
["peer","DATE_TIME_TABLE","L",[["S","b:LTIzOjQ1OjU2Ljc=","-85556700000"],["B","T:1,0,23,45,56,700000","-85556700000"],["B","T:0,34,22,59,59,0","3020399000000"]]]
["peer","DATE_TIME_TABLE","M",[["S","b:MTIzOjAwOjAwLjEyMzQ1Ng==","442800123456"],["B","T:0,5,3,0,0,123456","442800123456"],["B",null,"442800123456"]]]
["peer","DBZ1773","id",[["S","b:MTA4NTE=","10851"],["B","i:10851","10851"]]]
["peer","DBZ1773","ti",[["S","b:MTAw","100"],["B","i:100","100"],["B","i:-128","-128"]]]
["peer","DBZ1773","ti1",[["S","b:NQ==","5"],["B","i:5","5"],["B","i:0","0"]]]
["peer","DBZ1773","ti2",[["S","b:NTA=","50"],["B","i:50","50"]]]
["peer","DBZ1773","b",[["S","b:MQ==","1"],["B","i:1","1"],["B","i:0","0"]]]
["peer","DBZ2085","id",[["S","b:MTA4NTE=","10851"],["B","i:10851","10851"]]]
["peer","DBZ2085","b",[["S","b:MQ==","1"],["B","i:1","1"]]]
["peer","DBZ3865","id",[["S","b:MQ==","1"],["B","i:1","1"]]]
["peer","DBZ3865","f1",[["S","b:NS42","5.6"],["B","f:5.6","5.6"],["B","f:-5.6","-5.6"]]]
["peer","DBZ3865","f2",[["S","b:NS42MQ==","5.610000133514404"],["B","f:5.61","5.610000133514404"]]]
["peer","DBZ3865","f3",[["S","b:MzAuMTIzNDY=","30.12346076965332"],["B","f:30.12346","30.12346076965332"],["B",null,"null"]]]
["peer","DBZ3865","f4_23",[["S","b:NjQuMQ==","64.1"],["B","f:64.1","64.1"]]]
["peer","DBZ3865","f4_24",[["S","b:NjQuMQ==","64.1"],["B","f:64.1","64.1"]]]
["peer","DBZ3865","f4_25",[["S","b:NjQuMQ==","64.1"],["B","d:64.099999999999994316","64.1"]]]
["peer","DBZ3865","weight",[["S","b:NjQuMTIzNA==","64.1234"],["B","f:64.1234","64.1234"]]]
["peer","DBZ5236","id",[["S","b:MQ==","1"],["B","i:1","1"]]]
["peer","DBZ5236","ti1",[["S","b:MQ==","1"],["B","i:1","1"],["B","i:-1","255"]]]
["peer","DBZ5236","ti2",[["S","b:MQ==","1"],["B","i:1","1"]]]
["peer","DBZ5236","ti3",[["S","b:MA==","0"],["B","i:0","0"]]]
["peer","DBZ730","id",[["S","b:MTU4NTE=","15851"],["B","i:15851","15851"]]]
["peer","DBZ730","A",[["S","b:MS4zMw==","\"AIU=\"","\"1.33\""],["B","b:MS4zMw==","\"AIU=\"","\"1.33\""]]]
["peer","DBZ730","B",[["S","b:LTIuMTEx","\"98E=\"","\"-2.111\""],["B","b:LTIuMTEx","\"98E=\"","\"-2.111\""]]]
["peer","DBZ730","C",[["S","b:My40NDQwMA==","\"BUFQ\"","\"3.44400\""],["B","b:My40NDQwMA==","\"BUFQ\"","\"3.44400\""]]]
["peer","DBZ730","D",[["S",null,"\"F1DA\"","\"15.28000\""],["B",null,"\"F1DA\"","\"15.28000\""],["B","b:MTUuMjgwMDA=","\"F1DA\"","\"15.28000\""]]]
["peer","DBZ730","E",[["S","b:MC4wMDAwMDAwMDAwMDAwMDAwMDA=","\"AA==\"","\"0.000000000000000000\""],["B","b:MC4wMDAwMDAwMDAwMDAwMDAwMDA=","\"AA==\"","\"0.000000000000000000\""],["B","b:MTIzNDU2Nzg5MDEyMzQ1Njc4LjEyMzQ1Njc4OTAxMjM0NTY3OA==","\"F8bjv9cP3uAhCKySqPNO\"","\"123456789012345678.123456789012345678\""]]]
["peer","DBZ_771_CUSTOMERS","id",[["S","b:MQ==","1"],["B","i:1","1"]]]
["peer","DBZ_771_CUSTOMERS","CUSTOMER_TYPE",[["S","b:YjJi","\"b2b\""],["B","i:2","\"b2b\""],["B","i:1","\"b2c\""]]]
["peer","FlOAT_DOUBLE_TABLE","F",[["S","b:MA==","0.0"],["B","f:0","0.0"]]]
["peer","FlOAT_DOUBLE_TABLE","G",[["S","b:MQ==","1.0"],["B","d:1","1.0"]]]
["peer","FlOAT_DOUBLE_TABLE","H",[["S",null,"3.0"],["B",null,"3.0"],["B","d:-3","-3.0"]]]
["peer","GENERATED_TABLE","A",[["S","b:MTU=","15"],["B","i:15","15"],["B","i:30","30"]]]
["peer","GENERATED_TABLE","B",[["S","b:MzA=","30"],["B","i:30","30"],["B","i:60","60"]]]
["peer","GENERATED_TABLE","C",[["S","b:NDU=","45"],["B","i:45","45"],["B","i:90","90"]]]
["peer","NC_TEST","id",[["S","b:MQ==","1"],["B","i:1","1"]]]
["peer","NC_TEST","nc1",[["S","b:YQ==","\"a\""],["B","b:YQ==","\"a\""]]]
["peer","NC_TEST","nc2",[["S","b:MTIz","\"123\""],["B","b:MTIz","\"123\""],["B",null,"null"]]]
["peer","NC_TEST","nc3",[["S","b:aGVsbG8=","\"hello\""],["B","b:aGVsbG8=","\"hello\""],["B","b:xb7FoQ==","\"žš\""]]]
["peer","NUMBER_TABLE","A",[["S","b:MTA=","10"],["B","i:10","10"]]]
["peer","NUMBER_TABLE","B",[["S","b:NQ==","5"],["B","i:5","5"]]]
["peer","NUMBER_TABLE","C",[["S","b:MA==","0"],["B","i:0","0"]]]
["peer","NUMBER_TABLE","D",[["S","b:MjA=","20"],["B","i:20","20"]]]
["peer","NUMBER_TABLE","E",[["S",null,"null"],["B",null,"null"],["B","i:-1","-1"]]]
["peer","NUMBER_TABLE","F",[["S",null,"30"],["B",null,"30"],["B","i:30","30"]]]
["peer","NUMBER_TABLE","G",[["S","b:MQ==","1"],["B","i:1","1"]]]
["peer","NUMBER_TABLE","H",[["S","b:MQ==","1"],["B","i:1","1"]]]
["peer","NUMERIC_DECIMAL_TABLE","A",[["S","b:MS4zMw==","\"AIU=\"","\"1.33\""],["B","b:MS4zMw==","\"AIU=\"","\"1.33\""]]]
["peer","NUMERIC_DECIMAL_TABLE","B",[["S","b:Mi4xMTE=","\"CD8=\"","\"2.111\""],["B","b:Mi4xMTE=","\"CD8=\"","\"2.111\""]]]
["peer","NUMERIC_DECIMAL_TABLE","C",[["S","b:My40NDQwMA==","\"BUFQ\"","\"3.44400\""],["B","b:My40NDQwMA==","\"BUFQ\"","\"3.44400\""]]]
["peer","NUMERIC_DECIMAL_TABLE","D",[["S",null,"\"F1DA\"","\"15.28000\""],["B",null,"\"F1DA\"","\"15.28000\""]]]
["peer","REAL_TABLE","A",[["S","b:MQ==","1.0"],["B","d:1","1.0"]]]
["peer","REAL_TABLE","B",[["S",null,"null"],["B",null,"null"]]]
["peer","REAL_TABLE","C",[["S",null,"3.0"],["B",null,"3.0"],["B","d:3","3.0"]]]
["peer","REAL_TEST","id",[["S","b:MQ==","1"],["B","i:1","1"]]]
["peer","REAL_TEST","r1",[["S","b:Mi4zNg==","2.36"],["B","d:2.3599999999999998757","2.36"],["B","d:1.25","1.25"]]]
["peer","STRING_TABLE","A",[["S","b:QQ==","\"A\""],["B","b:QQ==","\"A\""],["B",null,"\"A\""]]]
["peer","STRING_TABLE","B",[["S","b:Yg==","\"b\""],["B","b:Yg==","\"b\""]]]
["peer","STRING_TABLE","C",[["S","b:Q0M=","\"CC\""],["B","b:Q0M=","\"CC\""]]]
["peer","STRING_TABLE","D",[["S","b:MTA=","\"10\""],["B","b:MTA=","\"10\""]]]
["peer","STRING_TABLE","E",[["S","b:MA==","\"0\""],["B","b:MA==","\"0\""]]]
["peer","STRING_TABLE","F",[["S",null,"null"],["B",null,"null"]]]
["peer","STRING_TABLE","G",[["S",null,"null"],["B",null,"null"]]]
["peer","STRING_TABLE","H",[["S",null,"null"],["B",null,"null"]]]
["peer","STRING_TABLE","I",[["S",null,"\"100\""],["B",null,"\"100\""],["B","b:Q0M=","\"CC\""]]]
["peer","UNSIGNED_BIGINT_TABLE","A",[["S","b:MQ==","1"],["B","i:1","1"]]]
["peer","UNSIGNED_BIGINT_TABLE","B",[["S","b:MQ==","1"],["B","i:1","1"]]]
["peer","UNSIGNED_BIGINT_TABLE","C",[["S","b:MQ==","1"],["B","i:1","1"]]]
["peer","UNSIGNED_BIGINT_TABLE","D",[["S","b:MA==","0"],["B","i:0","0"]]]
["peer","UNSIGNED_BIGINT_TABLE","E",[["S","b:MQ==","1"],["B","i:1","1"]]]
["peer","UNSIGNED_BIGINT_TABLE","F",[["S","b:MQ==","1"],["B","i:1","1"]]]
["peer","UNSIGNED_BIGINT_TABLE","G",[["S",null,"100"],["B",null,"100"],["B","i:-1","-1"]]]
["peer","UNSIGNED_INT_TABLE","A",[["S","b:MQ==","1"],["B","i:1","1"]]]
["peer","UNSIGNED_INT_TABLE","B",[["S","b:MQ==","1"],["B","i:1","1"]]]
["peer","UNSIGNED_INT_TABLE","C",[["S","b:MQ==","1"],["B","i:1","1"]]]
["peer","UNSIGNED_INT_TABLE","D",[["S","b:MA==","0"],["B","i:0","0"]]]
["peer","UNSIGNED_INT_TABLE","E",[["S","b:MQ==","1"],["B","i:1","1"]]]
["peer","UNSIGNED_INT_TABLE","F",[["S","b:MQ==","1"],["B","i:1","1"]]]
["peer","UNSIGNED_INT_TABLE","G",[["S",null,"100"],["B",null,"100"],["B","i:-1","4294967295"]]]
["peer","UNSIGNED_MEDIUMINT_TABLE","A",[["S","b:MQ==","1"],["B","i:1","1"]]]
["peer","UNSIGNED_MEDIUMINT_TABLE","B",[["S","b:MQ==","1"],["B","i:1","1"]]]
["peer","UNSIGNED_MEDIUMINT_TABLE","C",[["S","b:MQ==","1"],["B","i:1","1"]]]
["peer","UNSIGNED_MEDIUMINT_TABLE","D",[["S","b:MA==","0"],["B","i:0","0"]]]
["peer","UNSIGNED_MEDIUMINT_TABLE","E",[["S","b:MQ==","1"],["B","i:1","1"]]]
["peer","UNSIGNED_MEDIUMINT_TABLE","F",[["S","b:MQ==","1"],["B","i:1","1"]]]
["peer","UNSIGNED_MEDIUMINT_TABLE","G",[["S",null,"100"],["B",null,"100"],["B","i:-1","16777215"]]]
["peer","UNSIGNED_SMALLINT_TABLE","A",[["S","b:MQ==","1"],["B","i:1","1"]]]
["peer","UNSIGNED_SMALLINT_TABLE","B",[["S","b:MQ==","1"],["B","i:1","1"]]]
["peer","UNSIGNED_SMALLINT_TABLE","C",[["S","b:MQ==","1"],["B","i:1","1"]]]
["peer","UNSIGNED_SMALLINT_TABLE","D",[["S","b:MA==","0"],["B","i:0","0"]]]
["peer","UNSIGNED_SMALLINT_TABLE","E",[["S","b:MQ==","1"],["B","i:1","1"]]]
["peer","UNSIGNED_SMALLINT_TABLE","F",[["S","b:MQ==","1"],["B","i:1","1"]]]
["peer","UNSIGNED_SMALLINT_TABLE","G",[["S",null,"100"],["B",null,"100"],["B","i:-1","65535"]]]
["peer","UNSIGNED_TINYINT_TABLE","A",[["S","b:MA==","0"],["B","i:0","0"]]]
["peer","UNSIGNED_TINYINT_TABLE","B",[["S","b:MTA=","10"],["B","i:10","10"]]]
["peer","UNSIGNED_TINYINT_TABLE","C",[["S","b:MA==","0"],["B","i:0","0"]]]
["peer","UNSIGNED_TINYINT_TABLE","D",[["S","b:MQ==","1"],["B","i:1","1"]]]
["peer","UNSIGNED_TINYINT_TABLE","E",[["S","b:MA==","0"],["B","i:0","0"]]]
["peer","UNSIGNED_TINYINT_TABLE","F",[["S","b:MA==","0"],["B","i:0","0"]]]
["peer","UNSIGNED_TINYINT_TABLE","G",[["S",null,"100"],["B",null,"100"],["B","i:-1","255"]]]
["peer","all_zero_date_and_time_table","A",[["S","b:MDAwMC0wMC0wMCAwMDowMDowMA==","\"1970-01-01T00:00:00Z\""],["B","b:MA==","\"1970-01-01T00:00:00Z\""]]]
["peer","all_zero_date_and_time_table","B",[["S","b:MDAwMC0wMC0wMCAwMDowMDowMA==","null"],["B","b:MA==","null"],["B","b:MQ==","\"1970-01-01T00:00:01Z\""]]]
["peer","all_zero_date_and_time_table","C",[["S","b:MDAwMC0wMC0wMCAwMDowMDowMA==","\"1970-01-01T00:00:00Z\""],["B","b:MA==","\"1970-01-01T00:00:00Z\""]]]
["peer","all_zero_date_and_time_table","D",[["S","b:MDAwMC0wMC0wMCAwMDowMDowMA==","null"],["B","b:MA==","null"]]]
["peer","all_zero_date_and_time_table","E",[["S","b:MDAwMC0wMC0wMA==","0"],["B","D:0,0,0,0,0,0,0","0"]]]
["peer","all_zero_date_and_time_table","F",[["S","b:MDAwMC0wMC0wMA==","null"],["B","D:0,0,0,0,0,0,0","null"],["B","D:2018,1,3,0,0,0,0","17534"]]]
["peer","all_zero_date_and_time_table","G",[["S","b:MDAwMC0wMC0wMA==","0"],["B","D:0,0,0,0,0,0,0","0"]]]
["peer","all_zero_date_and_time_table","H",[["S","b:MDAwMC0wMC0wMA==","null"],["B","D:0,0,0,0,0,0,0","null"]]]
["peer","all_zero_date_and_time_table","I",[["S","b:MDAwMC0wMC0wMCAwMDowMDowMA==","0"],["B","D:0,0,0,0,0,0,0","0"]]]
["peer","all_zero_date_and_time_table","J",[["S","b:MDAwMC0wMC0wMCAwMDowMDowMA==","null"],["B","D:0,0,0,0,0,0,0","null"],["B",null,"null"]]]
["peer","all_zero_date_and_time_table","K",[["S","b:MDAwMC0wMC0wMCAwMDowMDowMA==","0"],["B","D:0,0,0,0,0,0,0","0"]]]
["peer","all_zero_date_and_time_table","L",[["S","b:MDAwMC0wMC0wMCAwMDowMDowMA==","null"],["B","D:0,0,0,0,0,0,0","null"]]]
["peer","binary_field","id",[["S","b:MQ==","1"],["B","i:1","1"]]]
["peer","binary_field","now_time",[["S","b:MjI6MTM6MjA=","80000000000"],["B","T:0,0,22,13,20,0","80000000000"],["B",null,"null"]]]
["peer","binary_field","now_date",[["S","b:MjAyMy0xMS0xNA==","19675"],["B","D:2023,11,14,0,0,0,0","19675"]]]
["peer","binary_field","now_date_time",[["S","b:MjAyMy0xMS0xNCAyMjoxMzoyMA==","1700000000000"],["B","D:2023,11,14,22,13,20,0","1700000000000"]]]
["peer","binary_field","now_time_stamp",[["S","b:MjAyMy0xMS0xNCAyMjoxMzoyMA==","\"2023-11-14T22:13:20Z\""],["B","b:MTcwMDAwMDAwMA==","\"2023-11-14T22:13:20Z\""],["B","b:MTcwMDAwMDEwMA==","\"2023-11-14T22:15:00Z\""]]]
["peer","dbz4180","id",[["S","b:MQ==","1"],["B","i:1","1"]]]
["peer","dbz4180","a",[["S","b:MS4zMw==","\"AIU=\"","\"1.33\""],["B","b:MS4zMw==","\"AIU=\"","\"1.33\""]]]
["peer","dbz4180","b",[["S","b:LTIuMTEx","\"98E=\"","\"-2.111\""],["B","b:LTIuMTEx","\"98E=\"","\"-2.111\""]]]
["peer","dbz4180","c",[["S","b:dG9waWMgc3RyYXRlZ3k=","\"topic strategy\""],["B","b:dG9waWMgc3RyYXRlZ3k=","\"topic strategy\""],["B",null,"\"default mysql strategy\""]]]
["peer","dbz4180","d",[["S","b:OTk=","99"],["B","i:99","99"],["B",null,"100"]]]
["peer","dbz4180","e",[["S","b:MjAyMy0xMS0xNCAyMjoxMzoyMA==","1700000000000"],["B","D:2023,11,14,22,13,20,0","1700000000000"]]]
["peer","dbz84_integer_types_table","colTinyIntA",[["S","b:MTI3","127"],["B","i:127","127"],["B","i:-128","-128"]]]
["peer","dbz84_integer_types_table","colTinyIntB",[["S","b:LTEyOA==","-128"],["B","i:-128","-128"]]]
["peer","dbz84_integer_types_table","colTinyIntC",[["S","b:MTI4","128"],["B","i:-128","128"]]]
["peer","dbz84_integer_types_table","colTinyIntD",[["S","b:MjU1","255"],["B","i:-1","255"]]]
["peer","dbz84_integer_types_table","colSmallIntA",[["S","b:MjAw","200"],["B","i:200","200"]]]
["peer","dbz84_integer_types_table","colSmallIntB",[["S","b:MjAx","201"],["B","i:201","201"]]]
["peer","dbz84_integer_types_table","colSmallIntC",[["S","b:MjAy","202"],["B","i:202","202"]]]
["peer","dbz84_integer_types_table","colSmallIntD",[["S","b:MjAz","203"],["B","i:203","203"]]]
["peer","dbz84_integer_types_table","colMediumIntA",[["S","b:MzAw","300"],["B","i:300","300"]]]
["peer","dbz84_integer_types_table","colMediumIntB",[["S","b:MzAx","301"],["B","i:301","301"]]]
["peer","dbz84_integer_types_table","colMediumIntC",[["S","b:MzAy","302"],["B","i:302","302"]]]
["peer","dbz84_integer_types_table","colMediumIntD",[["S","b:MzAz","303"],["B","i:303","303"]]]
["peer","dbz84_integer_types_table","colIntA",[["S","b:NDAw","400"],["B","i:400","400"]]]
["peer","dbz84_integer_types_table","colIntB",[["S","b:NDAx","401"],["B","i:401","401"]]]
["peer","dbz84_integer_types_table","colIntC",[["S","b:NDAy","402"],["B","i:402","402"]]]
["peer","dbz84_integer_types_table","colIntD",[["S","b:NDAz","403"],["B","i:403","403"]]]
["peer","dbz84_integer_types_table","colBigIntA",[["S","b:NTAw","500"],["B","i:500","500"],["B","i:-500","-500"]]]
["peer","dbz84_integer_types_table","colBigIntB",[["S","b:NTAx","501"],["B","i:501","501"]]]
["peer","dbz84_integer_types_table","colBigIntC",[["S","b:NTAy","502"],["B","i:502","502"]]]
["peer","dbz84_integer_types_table","colBigIntD",[["S","b:NTAz","503"],["B","i:503","503"]]]
["peer","dbz_100_enumsettest","c1",[["S","b:YQ==","\"a\""],["S","b:Yg==","\"b\""],["S","b:Yw==","\"c\""],["B","i:2","\"b\""]]]
["peer","dbz_100_enumsettest","c2",[["S","b:YSxiLGM=","\"a,b,c\""],["S","b:YSxi","\"a,b\""],["S","b:YQ==","\"a\""],["B","b:Aw==","\"a,b\""]]]
["peer","dbz_102_charsettest","id",[["S","b:MjAwMQ==","2001"],["B","i:2001","2001"]]]
["peer","dbz_102_charsettest","text",[["S","b:5Lqn5ZOB","\"产品\""],["B","b:5Lqn5ZOB","\"产品\""],["B","b:5Lqn5ZOBMg==","\"产品2\""]]]
["peer","dbz_104_customers","id",[["S","b:MTAwMQ==","1001"],["S","b:MTAwMg==","1002"],["S","b:MTAwMw==","1003"],["S","b:MTAwNA==","1004"],["B","i:1004","1004"]]]
["peer","dbz_104_customers","first_name",[["S","b:U2FsbHk=","\"Sally\""],["S","b:R2Vvcmdl","\"George\""],["S","b:RWR3YXJk","\"Edward\""],["S","b:QW5uZQ==","\"Anne\""],["B","b:QW5uZQ==","\"Anne\""]]]
["peer","dbz_104_customers","last_name",[["S","b:VGhvbWFz","\"Thomas\""],["S","b:QmFpbGV5","\"Bailey\""],["S","b:V2Fsa2Vy","\"Walker\""],["S","b:S3JldGNobWFy","\"Kretchmar\""],["B","b:S3JldGNobWFy","\"Kretchmar\""]]]
["peer","dbz_104_customers","email",[["S","b:c2FsbHkudGhvbWFzQGFjbWUuY29t","\"sally.thomas@acme.com\""],["S","b:Z2JhaWxleUBmb29iYXIuY29t","\"gbailey@foobar.com\""],["S","b:ZWRAd2Fsa2VyLmNvbQ==","\"ed@walker.com\""],["S","b:YW5uZWtAbm9hbnN3ZXIub3Jn","\"annek@noanswer.org\""],["B","b:YW5uZWtAbm9hbnN3ZXIub3Jn","\"annek@noanswer.org\""],["B","b:YW5uZWtAZXhhbXBsZS5vcmc=","\"annek@example.org\""]]]
["peer","dbz_1143_year_test","id",[["S","b:MQ==","1"],["B","i:1","1"]]]
["peer","dbz_1143_year_test","y18",[["S","b:MjAxOA==","2018"],["B","b:MjAxOA==","2018"],["B","b:MTkwMQ==","1901"]]]
["peer","dbz_1143_year_test","y0018",[["S","b:MjAxOA==","2018"],["B","b:MjAxOA==","2018"]]]
["peer","dbz_1143_year_test","y2018",[["S","b:MjAxOA==","2018"],["B","b:MjAxOA==","2018"]]]
["peer","dbz_1143_year_test","d18",[["S","b:MjAxOC0wNC0wMQ==","17622"],["B","D:2018,4,1,0,0,0,0","17622"],["B","D:9999,12,31,0,0,0,0","2932896"]]]
["peer","dbz_1143_year_test","d0018",[["S","b:MDAxOC0wNC0wMQ==","17622"],["B","D:18,4,1,0,0,0,0","17622"]]]
["peer","dbz_1143_year_test","d2018",[["S","b:MjAxOC0wNC0wMQ==","17622"],["B","D:2018,4,1,0,0,0,0","17622"]]]
["peer","dbz_1143_year_test","dt18",[["S","b:MjAxOC0wNC0wMSAxMjozNDo1Ng==","1522586096000"],["B","D:2018,4,1,12,34,56,0","1522586096000"]]]
["peer","dbz_1143_year_test","dt0018",[["S","b:MDAxOC0wNC0wMSAxMjozNDo1Ng==","1522586096000"],["B","D:18,4,1,12,34,56,0","1522586096000"]]]
["peer","dbz_1143_year_test","dt2018",[["S","b:MjAxOC0wNC0wMSAxMjozNDo1Ng==","1522586096000"],["B","D:2018,4,1,12,34,56,0","1522586096000"]]]
["peer","dbz_1143_year_test","y78",[["S","b:MTk3OA==","1978"],["B","b:MTk3OA==","1978"],["B","b:MjE1NQ==","2155"]]]
["peer","dbz_1143_year_test","y0078",[["S","b:MTk3OA==","1978"],["B","b:MTk3OA==","1978"]]]
["peer","dbz_1143_year_test","y1978",[["S","b:MTk3OA==","1978"],["B","b:MTk3OA==","1978"]]]
["peer","dbz_1143_year_test","d78",[["S","b:MTk3OC0wNC0wMQ==","3012"],["B","D:1978,4,1,0,0,0,0","3012"]]]
["peer","dbz_1143_year_test","d0078",[["S","b:MDA3OC0wNC0wMQ==","3012"],["B","D:78,4,1,0,0,0,0","3012"]]]
["peer","dbz_1143_year_test","d1978",[["S","b:MTk3OC0wNC0wMQ==","3012"],["B","D:1978,4,1,0,0,0,0","3012"]]]
["peer","dbz_1143_year_test","dt78",[["S","b:MTk3OC0wNC0wMSAxMjozNDo1Ng==","260282096000"],["B","D:1978,4,1,12,34,56,0","260282096000"]]]
["peer","dbz_1143_year_test","dt0078",[["S","b:MDA3OC0wNC0wMSAxMjozNDo1Ng==","260282096000"],["B","D:78,4,1,12,34,56,0","260282096000"]]]
["peer","dbz_1143_year_test","dt1978",[["S","b:MTk3OC0wNC0wMSAxMjozNDo1Ng==","260282096000"],["B","D:1978,4,1,12,34,56,0","260282096000"]]]
["peer","dbz_114_zerovaluetest","c1",[["S","b:MDAwMC0wMC0wMA==","null"],["S","b:MDAwMS0wMC0wMA==","null"],["B","D:1,0,0,0,0,0,0","null"],["B","D:2014,9,8,0,0,0,0","16321"]]]
["peer","dbz_114_zerovaluetest","c2",[["S","b:MDA6MDA6MDAuMDA=","0"],["S","b:MDA6MDE6MDAuMDA=","60000000"],["B","T:0,0,0,1,0,0","60000000"]]]
["peer","dbz_114_zerovaluetest","c3",[["S","b:MDAwMC0wMC0wMCAwMDowMDowMC4wMA==","null"],["S","b:MDAwMS0wMC0wMCAwMDowMDowMC4wMA==","null"],["B","D:1,0,0,0,0,0,0","null"]]]
["peer","dbz_114_zerovaluetest","c4",[["S","b:MDAwMC0wMC0wMCAwMDowMDowMC4wMA==","null"],["B","b:MA==","null"]]]
["peer","dbz_1185_serial","id",[["S","b:MTA=","10"],["S","b:MTE=","11"],["S","b:MTg0NDY3NDQwNzM3MDk1NTE2MTU=","-1"],["B","i:-1","-1"]]]
["peer","dbz_1185_serial_default_value","id",[["S","b:MTA=","10"],["S","b:MTE=","11"],["S","b:MTAwMA==","1000"],["B","i:1000","1000"],["B","i:-1","65535"]]]
["peer","dbz_1194_datetime_key_test","id",[["S","b:MQ==","1"],["B","i:1","1"]]]
["peer","dbz_1194_datetime_key_test","dtval",[["S","b:MDAwMC0wMC0wMCAwMDowMDowMA==","0"],["B","D:0,0,0,0,0,0,0","0"]]]
["peer","dbz_1194_datetime_key_test","dval",[["S","b:MDAwMC0wMC0wMA==","0"],["B","D:0,0,0,0,0,0,0","0"]]]
["peer","dbz_1194_datetime_key_test","tval",[["S","b:MDA6MDA6MDA=","0"],["B","T:0,0,0,0,0,0","0"],["B","T:0,0,0,0,1,0","1000000"]]]
["peer","dbz_123_bitvaluetest","c1",[["S","b:AQ==","true"],["B","b:AQ==","true"]]]
["peer","dbz_123_bitvaluetest","c2",[["S","b:Ag==","\"Ag==\""],["B","b:Ag==","\"Ag==\""]]]
["peer","dbz_123_bitvaluetest","c3",[["S","b:QA==","\"QA==\""],["B","b:QA==","\"QA==\""]]]
["peer","dbz_123_bitvaluetest","c4",[["S","b:AAAAAAFuDts=","\"2w5uAQAAAAA=\""],["B","b:AAAAAAFuDts=","\"2w5uAQAAAAA=\""],["B",null,"null"]]]
["peer","dbz_126_jsontable","id",[["S","b:MQ==","1"],["S","b:Mg==","2"],["S","b:Mw==","3"],["S","b:NA==","4"],["S","b:NQ==","5"],["S","b:Ng==","6"],["S","b:Nw==","7"],["S","b:OA==","8"],["S","b:OQ==","9"],["S","b:MTA=","10"],["S","b:MTE=","11"],["S","b:MTI=","12"],["S","b:MTM=","13"],["S","b:MTQ=","14"],["S","b:MTU=","15"],["S","b:MTY=","16"],["S","b:MTc=","17"],["S","b:MTg=","18"],["S","b:MTk=","19"],["S","b:MjA=","20"],["S","b:MjE=","21"],["S","b:MjI=","22"],["S","b:MjM=","23"],["S","b:MjQ=","24"],["S","b:MjU=","25"],["S","b:MjY=","26"],["S","b:Mjc=","27"],["S","b:Mjg=","28"],["S","b:Mjk=","29"],["S","b:MzA=","30"],["S","b:MzE=","31"],["S","b:MzI=","32"],["S","b:MzM=","33"],["S","b:MzQ=","34"],["S","b:MzU=","35"],["S","b:MzY=","36"],["S","b:Mzc=","37"],["S","b:Mzg=","38"],["S","b:Mzk=","39"],["S","b:NDA=","40"],["S","b:NDE=","41"],["B","i:2","2"],["B","i:1","1"]]]
["peer","dbz_126_jsontable","json",[["S",null,"null"],["S","b:eyJhIjogMn0=","\"{\\\"a\\\": 2}\""],["S","b:WzEsIDJd","\"[1, 2]\""],["S","b:eyJrZXkxIjogInZhbHVlMSIsICJrZXkyIjogInZhbHVlMiJ9","\"{\\\"key1\\\": \\\"value1\\\", \\\"key2\\\": \\\"value2\\\"}\""],["S","b:WyJhIiwgImIiLDFd","\"[\\\"a\\\", \\\"b\\\",1]\""],["S","b:eyJrMSI6ICJ2MSIsICJrMiI6IHsiazIxIjogInYyMSIsICJrMjIiOiAidjIyIn0sICJrMyI6IFsiYSIsICJiIiwgMV19","\"{\\\"k1\\\": \\\"v1\\\", \\\"k2\\\": {\\\"k21\\\": \\\"v21\\\", \\\"k22\\\": \\\"v22\\\"}, \\\"k3\\\": [\\\"a\\\", \\\"b\\\", 1]}\""],["S","b:eyJhIjogImIiLCAiYyI6ICJkIiwgImFiIjogImFiYyIsICJiYyI6IFsieCIsICJ5Il19","\"{\\\"a\\\": \\\"b\\\", \\\"c\\\": \\\"d\\\", \\\"ab\\\": \\\"abc\\\", \\\"bc\\\": [\\\"x\\\", \\\"y\\\"]}\""],["S","b:WyJoZXJlIiwgWyJJIiwgImFtIl0sICIhISEiXQ==","\"[\\\"here\\\", [\\\"I\\\", \\\"am\\\"], \\\"!!!\\\"]\""],["S","b:InNjYWxhciBzdHJpbmci","\"\\\"scalar string\\\"\""],["S","b:dHJ1ZQ==","\"true\""],["S","b:ZmFsc2U=","\"false\""],["S","b:bnVsbA==","\"null\""],["S","b:LTE=","\"-1\""],["S","b:MQ==","\"1\""],["S","b:MzI3Njc=","\"32767\""],["S","b:MzI3Njg=","\"32768\""],["S","b:LTMyNzY4","\"-32768\""],["S","b:MjE0NzQ4MzY0Nw==","\"2147483647\""],["S","b:MjE0NzQ4MzY0OA==","\"2147483648\""],["S","b:LTIxNDc0ODM2NDg=","\"-2147483648\""],["S","b:LTIxNDc0ODM2NDk=","\"-2147483649\""],["S","b:MTg0NDY3NDQwNzM3MDk1NTE2MTU=","\"18446744073709551615\""],["S","b:MTg0NDY3NDQwNzM3MDk1NTE2MTY=","\"18446744073709551616\""],["S","b:My4xNA==","\"3.14\""],["S","b:e30=","\"{}\""],["S","b:W10=","\"[]\""],["S","b:IjIwMTUtMDEtMTUgMjM6MjQ6MjUi","\"\\\"2015-01-15 23:24:25\\\"\""],["S","b:IjIwMTUtMDEtMTUgMjM6MjQ6MjUuMTIi","\"\\\"2015-01-15 23:24:25.12\\\"\""],["S","b:IjIwMTUtMDEtMTUgMjM6MjQ6MjUuMDI0Ig==","\"\\\"2015-01-15 23:24:25.024\\\"\""],["S","b:IjIzOjI0OjI1Ig==","\"\\\"23:24:25\\\"\""],["S","b:IjIzOjI0OjI1LjEyIg==","\"\\\"23:24:25.12\\\"\""],["S","b:IjIzOjI0OjI1LjAyNCI=","\"\\\"23:24:25.024\\\"\""],["S","b:IjIwMTUtMDEtMTUi","\"\\\"2015-01-15\\\"\""],["S","b:IjIwMTUtMDEtMTUgMjM6MjQ6MjUuMDIzNyI=","\"\\\"2015-01-15 23:24:25.0237\\\"\""],["S","b:MTQyMTM2NDI2NQ==","\"1421364265\""],["S","b:eyJ0eXBlIjogIlBvaW50IiwgImNvb3JkaW5hdGVzIjogWzEuMCwgMS4wXX0=","\"{\\\"type\\\": \\\"Point\\\", \\\"coordinates\\\": [1.0, 1.0]}\""],["S","b:Inl2ND0i","\"\\\"yv4=\\\"\""],["S","b:Inl2NjZ2Zz09Ig==","\"\\\"yv66vg==\\\"\""],["B","b:eyJhIjogMn0=","\"{\\\"a\\\": 2}\""],["B","b:eyJhIjogM30=","\"{\\\"a\\\": 3}\""],["B",null,"null"]]]
["peer","dbz_126_jsontable","expectedJdbcStr",[["S",null,"null"],["S","b:eyJhIjogMn0=","\"{\\\"a\\\": 2}\""],["S","b:WzEsIDJd","\"[1, 2]\""],["S","b:eyJrZXkxIjogInZhbHVlMSIsICJrZXkyIjogInZhbHVlMiJ9","\"{\\\"key1\\\": \\\"value1\\\", \\\"key2\\\": \\\"value2\\\"}\""],["S","b:WyJhIiwgImIiLDFd","\"[\\\"a\\\", \\\"b\\\",1]\""],["S","b:eyJrMSI6ICJ2MSIsICJrMiI6IHsiazIxIjogInYyMSIsICJrMjIiOiAidjIyIn0sICJrMyI6IFsiYSIsICJiIiwgMV19","\"{\\\"k1\\\": \\\"v1\\\", \\\"k2\\\": {\\\"k21\\\": \\\"v21\\\", \\\"k22\\\": \\\"v22\\\"}, \\\"k3\\\": [\\\"a\\\", \\\"b\\\", 1]}\""],["S","b:eyJhIjogImIiLCAiYyI6ICJkIiwgImFiIjogImFiYyIsICJiYyI6IFsieCIsICJ5Il19","\"{\\\"a\\\": \\\"b\\\", \\\"c\\\": \\\"d\\\", \\\"ab\\\": \\\"abc\\\", \\\"bc\\\": [\\\"x\\\", \\\"y\\\"]}\""],["S","b:WyJoZXJlIiwgWyJJIiwgImFtIl0sICIhISEiXQ==","\"[\\\"here\\\", [\\\"I\\\", \\\"am\\\"], \\\"!!!\\\"]\""],["S","b:InNjYWxhciBzdHJpbmci","\"\\\"scalar string\\\"\""],["S","b:dHJ1ZQ==","\"true\""],["S","b:ZmFsc2U=","\"false\""],["S","b:bnVsbA==","\"null\""],["S","b:LTE=","\"-1\""],["S","b:MQ==","\"1\""],["S","b:MzI3Njc=","\"32767\""],["S","b:MzI3Njg=","\"32768\""],["S","b:LTMyNzY4","\"-32768\""],["S","b:MjE0NzQ4MzY0Nw==","\"2147483647\""],["S","b:MjE0NzQ4MzY0OA==","\"2147483648\""],["S","b:LTIxNDc0ODM2NDg=","\"-2147483648\""],["S","b:LTIxNDc0ODM2NDk=","\"-2147483649\""],["S","b:MTg0NDY3NDQwNzM3MDk1NTE2MTU=","\"18446744073709551615\""],["S","b:MTg0NDY3NDQwNzM3MDk1NTE2MTY=","\"18446744073709551616\""],["S","b:My4xNA==","\"3.14\""],["S","b:e30=","\"{}\""],["S","b:W10=","\"[]\""],["S","b:IjIwMTUtMDEtMTUgMjM6MjQ6MjUi","\"\\\"2015-01-15 23:24:25\\\"\""],["S","b:IjIwMTUtMDEtMTUgMjM6MjQ6MjUuMTIi","\"\\\"2015-01-15 23:24:25.12\\\"\""],["S","b:IjIwMTUtMDEtMTUgMjM6MjQ6MjUuMDI0Ig==","\"\\\"2015-01-15 23:24:25.024\\\"\""],["S","b:IjIzOjI0OjI1Ig==","\"\\\"23:24:25\\\"\""],["S","b:IjIzOjI0OjI1LjEyIg==","\"\\\"23:24:25.12\\\"\""],["S","b:IjIzOjI0OjI1LjAyNCI=","\"\\\"23:24:25.024\\\"\""],["S","b:IjIwMTUtMDEtMTUi","\"\\\"2015-01-15\\\"\""],["S","b:IjIwMTUtMDEtMTUgMjM6MjQ6MjUuMDIzNyI=","\"\\\"2015-01-15 23:24:25.0237\\\"\""],["S","b:MTQyMTM2NDI2NQ==","\"1421364265\""],["S","b:eyJ0eXBlIjogIlBvaW50IiwgImNvb3JkaW5hdGVzIjogWzEuMCwgMS4wXX0=","\"{\\\"type\\\": \\\"Point\\\", \\\"coordinates\\\": [1.0, 1.0]}\""],["S","b:Inl2ND0i","\"\\\"yv4=\\\"\""],["S","b:Inl2NjZ2Zz09Ig==","\"\\\"yv66vg==\\\"\""],["B","b:eyJhIjogMn0=","\"{\\\"a\\\": 2}\""],["B",null,"null"]]]
["peer","dbz_126_jsontable","expectedBinlogStr",[["S",null,"null"],["S","b:eyJhIjoyfQ==","\"{\\\"a\\\":2}\""],["S","b:WzEsMl0=","\"[1,2]\""],["S","b:eyJrZXkxIjoidmFsdWUxIiwia2V5MiI6InZhbHVlMiJ9","\"{\\\"key1\\\":\\\"value1\\\",\\\"key2\\\":\\\"value2\\\"}\""],["S","b:WyJhIiwiYiIsMV0=","\"[\\\"a\\\",\\\"b\\\",1]\""],["S","b:eyJrMSI6InYxIiwiazIiOnsiazIxIjoidjIxIiwiazIyIjoidjIyIn0sImszIjpbImEiLCJiIiwxXX0=","\"{\\\"k1\\\":\\\"v1\\\",\\\"k2\\\":{\\\"k21\\\":\\\"v21\\\",\\\"k22\\\":\\\"v22\\\"},\\\"k3\\\":[\\\"a\\\",\\\"b\\\",1]}\""],["S","b:eyJhIjoiYiIsImMiOiJkIiwiYWIiOiJhYmMiLCJiYyI6WyJ4IiwieSJdfQ==","\"{\\\"a\\\":\\\"b\\\",\\\"c\\\":\\\"d\\\",\\\"ab\\\":\\\"abc\\\",\\\"bc\\\":[\\\"x\\\",\\\"y\\\"]}\""],["S","b:WyJoZXJlIixbIkkiLCJhbSJdLCIhISEiXQ==","\"[\\\"here\\\",[\\\"I\\\",\\\"am\\\"],\\\"!!!\\\"]\""],["S","b:InNjYWxhciBzdHJpbmci","\"\\\"scalar string\\\"\""],["S","b:dHJ1ZQ==","\"true\""],["S","b:ZmFsc2U=","\"false\""],["S","b:bnVsbA==","\"null\""],["S","b:LTE=","\"-1\""],["S","b:MQ==","\"1\""],["S","b:MzI3Njc=","\"32767\""],["S","b:MzI3Njg=","\"32768\""],["S","b:LTMyNzY4","\"-32768\""],["S","b:MjE0NzQ4MzY0Nw==","\"2147483647\""],["S","b:MjE0NzQ4MzY0OA==","\"2147483648\""],["S","b:LTIxNDc0ODM2NDg=","\"-2147483648\""],["S","b:LTIxNDc0ODM2NDk=","\"-2147483649\""],["S","b:MTg0NDY3NDQwNzM3MDk1NTE2MTU=","\"18446744073709551615\""],["S","b:MTg0NDY3NDQwNzM3MDk1NTE2MTY=","\"18446744073709551616\""],["S","b:My4xNA==","\"3.14\""],["S","b:e30=","\"{}\""],["S","b:W10=","\"[]\""],["S","b:IjIwMTUtMDEtMTUgMjM6MjQ6MjUi","\"\\\"2015-01-15 23:24:25\\\"\""],["S","b:IjIwMTUtMDEtMTUgMjM6MjQ6MjUuMTIi","\"\\\"2015-01-15 23:24:25.12\\\"\""],["S","b:IjIwMTUtMDEtMTUgMjM6MjQ6MjUuMDI0Ig==","\"\\\"2015-01-15 23:24:25.024\\\"\""],["S","b:IjIzOjI0OjI1Ig==","\"\\\"23:24:25\\\"\""],["S","b:IjIzOjI0OjI1LjEyIg==","\"\\\"23:24:25.12\\\"\""],["S","b:IjIzOjI0OjI1LjAyNCI=","\"\\\"23:24:25.024\\\"\""],["S","b:IjIwMTUtMDEtMTUi","\"\\\"2015-01-15\\\"\""],["S","b:IjIwMTUtMDEtMTUgMjM6MjQ6MjUuMDIzNyI=","\"\\\"2015-01-15 23:24:25.0237\\\"\""],["S","b:MTQyMTM2NDI2NQ==","\"1421364265\""],["S","b:eyJ0eXBlIjoiUG9pbnQiLCJjb29yZGluYXRlcyI6WzEuMCwxLjBdfQ==","\"{\\\"type\\\":\\\"Point\\\",\\\"coordinates\\\":[1.0,1.0]}\""],["S","b:Inl2ND0i","\"\\\"yv4=\\\"\""],["S","b:Inl2NjZ2Zz09Ig==","\"\\\"yv66vg==\\\"\""],["B","b:eyJhIjoyfQ==","\"{\\\"a\\\":2}\""],["B",null,"null"]]]
["peer","dbz_1318_zerovaluetest","c1",[["S","b:MDAwMC0wMC0wMA==","null"],["S","b:MDAwMS0wMC0wMA==","null"],["B","D:1,0,0,0,0,0,0","null"]]]
["peer","dbz_1318_zerovaluetest","c2",[["S","b:MDA6MDA6MDAuMDA=","0"],["S","b:MDA6MDE6MDAuMDA=","60000000"],["B","T:0,0,0,1,0,0","60000000"]]]
["peer","dbz_1318_zerovaluetest","c3",[["S","b:MDAwMC0wMC0wMCAwMDowMDowMC4wMA==","null"],["S","b:MDAwMC0wMC0wMCAxNDowMjoxMC4wMA==","null"],["B","D:0,0,0,14,2,10,0","null"]]]
["peer","dbz_1318_zerovaluetest","c4",[["S","b:MDAwMC0wMC0wMCAwMDowMDowMC4wMA==","null"],["B","b:MA==","null"]]]
["peer","dbz_1318_zerovaluetest","nnc1",[["S","b:MDAwMC0wMC0wMA==","0"],["S","b:MDAwMS0wMC0wMA==","0"],["B","D:1,0,0,0,0,0,0","0"],["B","D:0,0,0,0,0,0,0","0"]]]
["peer","dbz_1318_zerovaluetest","nnc2",[["S","b:MDA6MDA6MDAuMDA=","0"],["S","b:MDA6MDE6MDAuMDA=","60000000"],["B","T:0,0,0,1,0,0","60000000"]]]
["peer","dbz_1318_zerovaluetest","nnc3",[["S","b:MDAwMC0wMC0wMCAwMDowMDowMC4wMA==","0"],["S","b:MDAwMC0wMC0wMCAxNDowMjoxMC4wMA==","0"],["B","D:0,0,0,14,2,10,0","0"]]]
["peer","dbz_147_decimalvalues","pk_column",[["S","b:MQ==","1"],["B","i:1","1"]]]
["peer","dbz_147_decimalvalues","decimal_value",[["S","b:MTIzNDUuNjc=","\"EtaH\"","\"12345.67\""],["B","b:MTIzNDUuNjc=","\"EtaH\"","\"12345.67\""],["B","b:LTEyMzQ1LjY3","\"7Sl5\"","\"-12345.67\""]]]
["peer","dbz_1814_binary_mode_test","id",[["S","b:MQ==","1"],["B","i:1","1"]]]
["peer","dbz_1814_binary_mode_test","blob_col",[["S","b:AQID","\"AQID\""],["B","b:AQID","\"AQID\""],["B","b:","\"\""]]]
["peer","dbz_1814_binary_mode_test","tinyblob_col",[["S","b:AQID","\"AQID\""],["B","b:AQID","\"AQID\""]]]
["peer","dbz_1814_binary_mode_test","mediumblob_col",[["S","b:AQID","\"AQID\""],["B","b:AQID","\"AQID\""]]]
["peer","dbz_1814_binary_mode_test","longblob_col",[["S","b:AQID","\"AQID\""],["B","b:AQID","\"AQID\""]]]
["peer","dbz_1814_binary_mode_test","binary_col",[["S","b:AQID","\"AQID\""],["B","b:AQID","\"AQID\""]]]
["peer","dbz_1814_binary_mode_test","varbinary_col",[["S","b:AQID","\"AQID\""],["B","b:AQID","\"AQID\""],["B","b:AA==","\"AA==\""]]]
["peer","dbz_195_numvalues","id",[["S","b:NDk3Mg==","4972"],["S","b:NDk3Mw==","4973"],["S","b:NDk3NA==","4974"],["B","i:4972","4972"]]]
["peer","dbz_195_numvalues","search_version_read",[["S","b:MA==","0"],["S","b:LTIxNDc0ODM2NDg=","-2147483648"],["S","b:MjE0NzQ4MzY0Nw==","2147483647"],["B","i:0","0"]]]
["peer","dbz_222_point","id",[["S","b:MQ==","1"],["S","b:Mg==","2"],["S","b:Mw==","3"],["S","b:NA==","4"],["B","i:4","4"]]]
["peer","dbz_222_point","point",[["S","b:AAAAAAEBAAAAAAAAAAAA8D8AAAAAAADwPw==","{\"x\": 1.0, \"y\": 1.0, \"wkb\": \"AQEAAAAAAAAAAADwPwAAAAAAAPA/\", \"srid\": null}"],["S","b:5hAAAAEBAAAAmOBx3daCIEAbkRjSG8UJQA==","{\"x\": 8.25554554, \"y\": 3.22124447, \"wkb\": \"AQEAAACY4HHd1oIgQBuRGNIbxQlA\", \"srid\": 4326}"],["S","b:0gQAAAEBAAAAAAAAAAAAAAAAAAAAAAAAAA==","{\"x\": 0.0, \"y\": 0.0, \"wkb\": \"AQEAAAAAAAAAAAAAAAAAAAAAAAAA\", \"srid\": 1234}"],["S",null,"null"],["B",null,"null"],["B","b:AAAAAAEBAAAAAAAAAAAAAEAAAAAAAAAAQA==","{\"x\": 2.0, \"y\": 2.0, \"wkb\": \"AQEAAAAAAAAAAAAAQAAAAAAAAABA\", \"srid\": null}"]]]
["peer","dbz_222_point","expected_x",[["S","b:MQ==","1.0"],["S","b:OC4yNTU1NDU1NA==","8.25554554"],["S","b:MA==","0.0"],["S",null,"null"],["B",null,"null"]]]
["peer","dbz_222_point","expected_y",[["S","b:MQ==","1.0"],["S","b:My4yMjEyNDQ0Nw==","3.22124447"],["S","b:MA==","0.0"],["S",null,"null"],["B",null,"null"]]]
["peer","dbz_222_point","expected_srid",[["S",null,"null"],["S","b:NDMyNg==","4326"],["S","b:MTIzNA==","1234"],["B",null,"null"]]]
["peer","dbz_228_bigint_unsigned","id",[["S","b:MQ==","1"],["S","b:Mg==","2"],["S","b:Mw==","3"],["B","i:2","2"]]]
["peer","dbz_228_bigint_unsigned","c1",[["S","b:MTg0NDY3NDQwNzM3MDk1NTE2MTU=","-1"],["S","b:MTQ0NDY3NDQwNzM3MDk1NTE2MTU=","-4000000000000000001"],["S","b:MDAwMDAwMDAwMDAwMDAwMDAwMDA=","0"],["B","i:-4000000000000000001","-4000000000000000001"]]]
["peer","dbz_228_bigint_unsigned","c2",[["S","b:MTg0NDY3NDQwNzM3MDk1NTE2MTU=","-1"],["S","b:MTQ0NDY3NDQwNzM3MDk1NTE2MTU=","-4000000000000000001"],["S","b:MA==","0"],["B","i:-4000000000000000001","-4000000000000000001"],["B","i:-1","-1"]]]
["peer","dbz_228_bigint_unsigned","c3",[["S","b:OTIyMzM3MjAzNjg1NDc3NTgwNw==","9223372036854775807"],["S","b:LTEyMjMzNzIwMzY4NTQ3NzU4MDc=","-1223372036854775807"],["S","b:LTkyMjMzNzIwMzY4NTQ3NzU4MDg=","-9223372036854775808"],["B","i:-1223372036854775807","-1223372036854775807"],["B","i:-9223372036854775808","-9223372036854775808"]]]
["peer","dbz_228_int_unsigned","id",[["S","b:MQ==","1"],["S","b:Mg==","2"],["S","b:Mw==","3"],["B","i:2","2"]]]
["peer","dbz_228_int_unsigned","c1",[["S","b:MDQyOTQ5NjcyOTU=","4294967295"],["S","b:MDMyOTQ5NjcyOTU=","3294967295"],["S","b:MDAwMDAwMDAwMDA=","0"],["B","i:-1000000001","3294967295"]]]
["peer","dbz_228_int_unsigned","c2",[["S","b:NDI5NDk2NzI5NQ==","4294967295"],["S","b:MzI5NDk2NzI5NQ==","3294967295"],["S","b:MA==","0"],["B","i:-1000000001","3294967295"]]]
["peer","dbz_228_int_unsigned","c3",[["S","b:MjE0NzQ4MzY0Nw==","2147483647"],["S","b:LTExNDc0ODM2NDc=","-1147483647"],["S","b:LTIxNDc0ODM2NDg=","-2147483648"],["B","i:-1147483647","-1147483647"]]]
["peer","dbz_228_int_unsigned","c4",[["S","b:NDI5NDk2NzI5NQ==","4294967295"],["S","b:MzI5NDk2NzI5NQ==","3294967295"],["S","b:MDAwMDA=","0"],["B","i:-1000000001","3294967295"]]]
["peer","dbz_228_int_unsigned","c5",[["S","b:NDI5NDk2NzI5NQ==","4294967295"],["S","b:MzI5NDk2NzI5NQ==","3294967295"],["S","b:MA==","0"],["B","i:-1000000001","3294967295"]]]
["peer","dbz_228_int_unsigned","c6",[["S","b:MjE0NzQ4MzY0Nw==","2147483647"],["S","b:LTExNDc0ODM2NDc=","-1147483647"],["S","b:LTIxNDc0ODM2NDg=","-2147483648"],["B","i:-1147483647","-1147483647"]]]
["peer","dbz_228_mediumint_unsigned","id",[["S","b:MQ==","1"],["S","b:Mg==","2"],["S","b:Mw==","3"],["B","i:3","3"]]]
["peer","dbz_228_mediumint_unsigned","c1",[["S","b:MTY3NzcyMTU=","16777215"],["S","b:MTA3NzcyMTU=","10777215"],["S","b:MDAwMDAwMDA=","0"],["B","i:0","0"]]]
["peer","dbz_228_mediumint_unsigned","c2",[["S","b:MTY3NzcyMTU=","16777215"],["S","b:MTA3NzcyMTU=","10777215"],["S","b:MA==","0"],["B","i:0","0"]]]
["peer","dbz_228_mediumint_unsigned","c3",[["S","b:ODM4ODYwNw==","8388607"],["S","b:LTYzODg2MDc=","-6388607"],["S","b:LTgzODg2MDg=","-8388608"],["B","i:-8388608","-8388608"],["B","i:1","1"]]]
["peer","dbz_228_smallint_unsigned","id",[["S","b:MQ==","1"],["S","b:Mg==","2"],["S","b:Mw==","3"],["B","i:3","3"]]]
["peer","dbz_228_smallint_unsigned","c1",[["S","b:NjU1MzU=","65535"],["S","b:NDU1MzU=","45535"],["S","b:MDAwMDA=","0"],["B","i:0","0"]]]
["peer","dbz_228_smallint_unsigned","c2",[["S","b:NjU1MzU=","65535"],["S","b:NDU1MzU=","45535"],["S","b:MA==","0"],["B","i:0","0"],["B","i:1","1"]]]
["peer","dbz_228_smallint_unsigned","c3",[["S","b:MzI3Njc=","32767"],["S","b:LTEyNzY3","-12767"],["S","b:LTMyNzY4","-32768"],["B","i:-32768","-32768"]]]
["peer","dbz_228_tinyint_unsigned","id",[["S","b:MQ==","1"],["S","b:Mg==","2"],["S","b:Mw==","3"],["B","i:3","3"]]]
["peer","dbz_228_tinyint_unsigned","c1",[["S","b:MjU1","255"],["S","b:MTU1","155"],["S","b:MDAw","0"],["B","i:0","0"],["B","i:1","1"]]]
["peer","dbz_228_tinyint_unsigned","c2",[["S","b:MjU1","255"],["S","b:MTU1","155"],["S","b:MA==","0"],["B","i:0","0"]]]
["peer","dbz_228_tinyint_unsigned","c3",[["S","b:MTI3","127"],["S","b:LTEwMA==","-100"],["S","b:LTEyOA==","-128"],["B","i:-128","-128"]]]
["peer","dbz_254_binary_column_test","id",[["S","b:MQ==","1"],["S","b:Mg==","2"],["S","b:Mw==","3"],["S","b:NA==","4"],["B","i:4","4"]]]
["peer","dbz_254_binary_column_test","file_uuid",[["S","b:ZRrtCDkPSJOy8TaSPnt0AA==","\"ZRrtCDkPSJOy8TaSPnt0AA==\""],["S","b:ZRrtCDkPSJOy8TaSPnt0qw==","\"ZRrtCDkPSJOy8TaSPnt0qw==\""],["S","b:AAAAAAAAAAAAAAAAAAAAAA==","\"AAAAAAAAAAAAAAAAAAAAAA==\""],["B","b:","\"AAAAAAAAAAAAAAAAAAAAAA==\""]]]
["peer","dbz_342_timetest","c1",[["S","b:NTE3OjUxOjA0Ljc3","1864264770000"],["B","T:0,21,13,51,4,770000","1864264770000"],["B","T:1,34,22,59,59,0","-3020399000000"]]]
["peer","dbz_342_timetest","c2",[["S","b:LTEzOjE0OjUw","-47690000000"],["B","T:1,0,13,14,50,0","-47690000000"]]]
["peer","dbz_342_timetest","c3",[["S","b:LTczMzowMDowMC4wMDE=","-2638800001000"],["B","T:1,30,13,0,0,1000","-2638800001000"]]]
["peer","dbz_342_timetest","c4",[["S","b:LTAxOjU5OjU5LjAwMQ==","-7199001000"],["B","T:1,0,1,59,59,1000","-7199001000"]]]
["peer","dbz_342_timetest","c5",[["S","b:LTgzODo1OTo1OC45OTk5OTk=","-3020398999999"],["B","T:1,34,22,59,58,999999","-3020398999999"]]]
["peer","dbz_342_timetest","c6",[["S","b:LTAwOjIwOjM4LjAwMDAwMA==","-1238000000"],["B","T:1,0,0,20,38,0","-1238000000"]]]
["peer","dbz_342_timetest","c7",[["S","b:LTAxOjAxOjAxLjAwMDAwMQ==","-3661000001"],["B","T:1,0,1,1,1,1","-3661000001"]]]
["peer","dbz_342_timetest","c8",[["S","b:LTAxOjAxOjAxLjAwMDAwMA==","-3661000000"],["B","T:1,0,1,1,1,0","-3661000000"]]]
["peer","dbz_342_timetest","c9",[["S","b:LTAxOjAxOjAwLjAwMDAwMA==","-3660000000"],["B","T:1,0,1,1,0,0","-3660000000"]]]
["peer","dbz_342_timetest","c10",[["S","b:LTAxOjAwOjAwLjAwMDAwMA==","-3600000000"],["B","T:1,0,1,0,0,0","-3600000000"]]]
["peer","dbz_342_timetest","c11",[["S","b:MDA6MDA6MDAuMDAwMDAw","0"],["B","T:0,0,0,0,0,0","0"],["B","T:0,0,0,0,0,1","1"]]]
["peer","dbz_4000_comment_test","id",[["S","b:MQ==","1"],["B","i:1","1"]]]
["peer","dbz_4000_comment_test","name",[["S","b:REJaLTQwMDA=","\"DBZ-4000\""],["B","b:REJaLTQwMDA=","\"DBZ-4000\""]]]
["peer","dbz_4000_comment_test","value",[["S","b:NDAwMA==","4000"],["B","i:4000","4000"],["B",null,"null"]]]
["peer","dbz_4180_00","id",[["B","i:1","1"]]]
["peer","dbz_4180_00","a",[["B","b:MS4zMw==","\"AIU=\"","\"1.33\""]]]
["peer","dbz_4180_00","b",[["B","b:Mi4zMjE=","\"CRE=\"","\"2.321\""]]]
["peer","dbz_4180_00","c",[["B","b:c2hhcmQgMA==","\"shard 0\""]]]
["peer","dbz_4180_00","d",[["B","i:100","100"]]]
["peer","dbz_4180_00","e",[["B","D:2023,11,14,22,15,0,0","1700000100000"]]]
["peer","dbz_4180_01","id",[["B","i:1","1"]]]
["peer","dbz_4180_01","a",[["B","b:MS4yMw==","\"ew==\"","\"1.23\""]]]
["peer","dbz_4180_01","b",[["B","b:LTIuMTEx","\"98E=\"","\"-2.111\""]]]
["peer","dbz_4180_01","c",[["B","b:c2hhcmQgMQ==","\"shard 1\""]]]
["peer","dbz_4180_01","d",[["B","i:100","100"]]]
["peer","dbz_4180_01","e",[["B","D:2023,11,14,22,15,0,0","1700000100000"]]]
["peer","dbz_507_geometry","id",[["S","b:MQ==","1"],["S","b:Mg==","2"],["B","i:2","2"]]]
["peer","dbz_507_geometry","geom",[["S","b:5hAAAAEBAAAAAAAAAAAA8D8AAAAAAADwPw==","{\"wkb\": \"AQEAAAAAAAAAAADwPwAAAAAAAPA/\", \"srid\": 4326}"],["S","b:AAAAAAECAAAAAgAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAADwPwAAAAAAAPA/","{\"wkb\": \"AQIAAAACAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAPA/AAAAAAAA8D8=\", \"srid\": null}"],["B","b:AAAAAAECAAAAAgAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAADwPwAAAAAAAPA/","{\"wkb\": \"AQIAAAACAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAPA/AAAAAAAA8D8=\", \"srid\": null}"]]]
["peer","dbz_507_geometry","linestring",[["S","b:cwwAAAECAAAAAgAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAADwPwAAAAAAAPA/","{\"wkb\": \"AQIAAAACAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAPA/AAAAAAAA8D8=\", \"srid\": 3187}"],["S",null,"null"],["B",null,"null"],["B","b:cwwAAAECAAAAAgAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAQAAAAAAAAABA","{\"wkb\": \"AQIAAAACAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAABAAAAAAAAAAEA=\", \"srid\": 3187}"]]]
["peer","dbz_507_geometry","polygon",[["S","b:AAAAAAEDAAAAAQAAAAQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA8D8AAAAAAADwPwAAAAAAAPA/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA","{\"wkb\": \"AQMAAAABAAAABAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAADwPwAAAAAAAPA/AAAAAAAA8D8AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\", \"srid\": null}"],["S",null,"null"],["B",null,"null"]]]
["peer","dbz_507_geometry","collection",[["S","b:5hAAAAEHAAAAAgAAAAEBAAAAAAAAAAAA8D8AAAAAAADwPwECAAAAAgAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAADwPwAAAAAAAPA/","{\"wkb\": \"AQcAAAACAAAAAQEAAAAAAAAAAADwPwAAAAAAAPA/AQIAAAACAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAPA/AAAAAAAA8D8=\", \"srid\": 4326}"],["S",null,"null"],["B",null,"null"]]]
["peer","dbz_644_source_type_mapped_as_schema_parameter_test","id",[["S","b:MQ==","1"],["B","i:1","1"]]]
["peer","dbz_644_source_type_mapped_as_schema_parameter_test","c1",[["S","b:MTIz","123"],["B","i:123","123"]]]
["peer","dbz_644_source_type_mapped_as_schema_parameter_test","c2",[["S","b:NDU2","456"],["B","i:456","456"]]]
["peer","dbz_644_source_type_mapped_as_schema_parameter_test","c3a",[["S","b:Nzg5LjAx","\"ATQ1\"","\"789.01\""],["B","b:Nzg5LjAx","\"ATQ1\"","\"789.01\""],["B","b:LTc4OS4wMQ==","\"/svL\"","\"-789.01\""]]]
["peer","dbz_644_source_type_mapped_as_schema_parameter_test","c3b",[["S","b:dGVzdA==","\"test\""],["B","b:dGVzdA==","\"test\""]]]
["peer","dbz_644_source_type_mapped_as_schema_parameter_test","f1",[["S","b:MS4yMjg=","1.228"],["B","f:1.228","1.228"]]]
["peer","dbz_644_source_type_mapped_as_schema_parameter_test","f2",[["S","b:MjM0LjU2MDA=","234.55999755859375"],["B","f:234.56","234.55999755859375"],["B",null,"null"]]]
["peer","dbz_751_decimal_column_test","id",[["S","b:MQ==","1"],["B","i:1","1"]]]
["peer","dbz_751_decimal_column_test","rating1",[["S","b:MTIz","\"ew==\"","\"123\""],["B","b:MTIz","\"ew==\"","\"123\""],["B","b:LTEyMw==","\"hQ==\"","\"-123\""]]]
["peer","dbz_751_decimal_column_test","rating2",[["S","b:MTIzLjQ1Njc=","\"EtaH\"","\"123.4567\""],["B","b:MTIzLjQ1Njc=","\"EtaH\"","\"123.4567\""],["B",null,"null"]]]
["peer","dbz_751_decimal_column_test","rating3",[["S","b:MjM1","\"AOs=\"","\"235\""],["B","b:MjM1","\"AOs=\"","\"235\""]]]
["peer","dbz_751_decimal_column_test","rating4",[["S","b:MzQ2","\"AVo=\"","\"346\""],["B","b:MzQ2","\"AVo=\"","\"346\""]]]
["peer","dbz_751_numeric_column_test","id",[["S","b:MQ==","1"],["B","i:1","1"]]]
["peer","dbz_751_numeric_column_test","rating1",[["S","b:MTIz","\"ew==\"","\"123\""],["B","b:MTIz","\"ew==\"","\"123\""]]]
["peer","dbz_751_numeric_column_test","rating2",[["S","b:MTIzLjQ1Njc=","\"EtaH\"","\"123.4567\""],["B","b:MTIzLjQ1Njc=","\"EtaH\"","\"123.4567\""],["B","b:LTEyMy40NTY3","\"7Sl5\"","\"-123.4567\""]]]
["peer","dbz_751_numeric_column_test","rating3",[["S","b:MjM1","\"AOs=\"","\"235\""],["B","b:MjM1","\"AOs=\"","\"235\""]]]
["peer","dbz_751_numeric_column_test","rating4",[["S","b:MzQ2","\"AVo=\"","\"346\""],["B","b:MzQ2","\"AVo=\"","\"346\""]]]
["peer","dbz_85_fractest","c1",[["S","b:MjAxNC0wOS0wOA==","16321"],["B","D:2014,9,8,0,0,0,0","16321"]]]
["peer","dbz_85_fractest","c2",[["S","b:MTc6NTE6MDQuNzc=","64264770000"],["B","T:0,0,17,51,4,770000","64264770000"],["B","T:0,0,17,51,4,780000","64264780000"]]]
["peer","dbz_85_fractest","c3",[["S","b:MjAxNC0wOS0wOCAxNzo1MTowNC43Nw==","1410198664770"],["B","D:2014,9,8,17,51,4,770000","1410198664770"]]]
["peer","dbz_85_fractest","c4",[["S","b:MjAxNC0wOS0wOCAxNzo1MTowNC43Nw==","\"2014-09-08T17:51:04.77Z\""],["B","b:MTQxMDE5ODY2NC43NzAwMDA=","\"2014-09-08T17:51:04.77Z\""],["B",null,"null"]]]
["peer","dbz_integer_unsigned","id",[["S","b:MQ==","1"],["S","b:Mg==","2"],["S","b:Mw==","3"],["B","i:3","3"]]]
["peer","dbz_integer_unsigned","c1",[["S","b:MDQyOTQ5NjcyOTU=","4294967295"],["S","b:MDMyOTQ5NjcyOTU=","3294967295"],["S","b:MDAwMDAwMDAwMDA=","0"],["B","i:0","0"]]]
["peer","dbz_integer_unsigned","c2",[["S","b:NDI5NDk2NzI5NQ==","4294967295"],["S","b:MzI5NDk2NzI5NQ==","3294967295"],["S","b:MA==","0"],["B","i:0","0"],["B","i:-1","4294967295"]]]
["peer","dbz_integer_unsigned","c3",[["S","b:MjE0NzQ4MzY0Nw==","2147483647"],["S","b:LTExNDc0ODM2NDc=","-1147483647"],["S","b:LTIxNDc0ODM2NDg=","-2147483648"],["B","i:-2147483648","-2147483648"]]]
["peer","dt_full","id",[["S","b:MQ==","1"],["S","b:Mg==","2"],["S","b:Mw==","3"],["B","i:3","3"]]]
["peer","dt_full","label",[["S","b:cmVhbC0xOTcw","\"real-1970\""],["S","b:emVyby1kYXRl","\"zero-date\""],["S","b:bm9ybWFs","\"normal\""],["B","b:bm9ybWFs","\"normal\""],["B","b:emVyby1kYXRlLXVwZGF0ZWQ=","\"zero-date-updated\""]]]
["peer","dt_full","d_no_default",[["S","b:MTk3MC0wMS0wMQ==","0"],["S","b:MDAwMC0wMC0wMA==","0"],["S","b:MjAyNC0wNi0xNQ==","19889"],["B","D:2024,6,15,0,0,0,0","19889"]]]
["peer","dt_full","d_epoch_default",[["S","b:MTk3MC0wMS0wMQ==","0"],["S","b:MDAwMC0wMC0wMA==","0"],["S","b:MjAyNC0wNi0xNQ==","19889"],["B","D:2024,6,15,0,0,0,0","19889"]]]
["peer","dt_full","d_other_default",[["S","b:MTk3MC0wMS0wMQ==","0"],["S","b:MDAwMC0wMC0wMA==","22279"],["S","b:MjAyNC0wNi0xNQ==","19889"],["B","D:2024,6,15,0,0,0,0","19889"],["B","D:0,0,0,0,0,0,0","22279"]]]
["peer","dt_full","dt_no_default",[["S","b:MTk3MC0wMS0wMSAwMDowMDowMA==","0"],["S","b:MDAwMC0wMC0wMCAwMDowMDowMA==","0"],["S","b:MjAyNC0wNi0xNSAxMjozNDo1Ng==","1718454896000"],["B","D:2024,6,15,12,34,56,0","1718454896000"]]]
["peer","dt_full","dt_epoch_default",[["S","b:MTk3MC0wMS0wMSAwMDowMDowMA==","0"],["S","b:MDAwMC0wMC0wMCAwMDowMDowMA==","0"],["S","b:MjAyNC0wNi0xNSAxMjozNDo1Ng==","1718454896000"],["B","D:2024,6,15,12,34,56,0","1718454896000"]]]
["peer","dt_full","dt_other_default",[["S","b:MTk3MC0wMS0wMSAwMDowMDowMA==","0"],["S","b:MDAwMC0wMC0wMCAwMDowMDowMA==","1924991999000"],["S","b:MjAyNC0wNi0xNSAxMjozNDo1Ng==","1718454896000"],["B","D:2024,6,15,12,34,56,0","1718454896000"]]]
["peer","dt_full","ts_no_default",[["S","b:MTk3MC0wMS0wMiAwMDowMDowMA==","\"1970-01-02T00:00:00Z\""],["S","b:MDAwMC0wMC0wMCAwMDowMDowMA==","\"1970-01-01T00:00:00Z\""],["S","b:MjAyNC0wNi0xNSAxMjozNDo1Ng==","\"2024-06-15T12:34:56Z\""],["B","b:MTcxODQ1NDg5Ng==","\"2024-06-15T12:34:56Z\""]]]
["peer","dt_full","ts_epoch_default",[["S","b:MTk3MC0wMS0wMiAwMDowMDowMA==","\"1970-01-02T00:00:00Z\""],["S","b:MDAwMC0wMC0wMCAwMDowMDowMA==","\"1970-01-02T00:00:00Z\""],["S","b:MjAyNC0wNi0xNSAxMjozNDo1Ng==","\"2024-06-15T12:34:56Z\""],["B","b:MTcxODQ1NDg5Ng==","\"2024-06-15T12:34:56Z\""]]]
["peer","dt_full","ts_other_default",[["S","b:MTk3MC0wMS0wMiAwMDowMDowMA==","\"1970-01-02T00:00:00Z\""],["S","b:MDAwMC0wMC0wMCAwMDowMDowMA==","\"2030-12-31T23:59:59Z\""],["S","b:MjAyNC0wNi0xNSAxMjozNDo1Ng==","\"2024-06-15T12:34:56Z\""],["B","b:MTcxODQ1NDg5Ng==","\"2024-06-15T12:34:56Z\""]]]
["peer","part_zero_date_and_time_table","A",[["S","b:MDAwMC0wMC0wMCAwMDowMDowMA==","\"1970-01-01T00:00:00Z\""],["B","b:MA==","\"1970-01-01T00:00:00Z\""]]]
["peer","part_zero_date_and_time_table","B",[["S","b:MDAwMC0wMC0wMCAwMDowMDowMA==","null"],["B","b:MA==","null"]]]
["peer","part_zero_date_and_time_table","C",[["S","b:MDAwMC0wMC0wMCAwMTowMDowMA==","0"],["B","D:0,0,0,1,0,0,0","0"]]]
["peer","part_zero_date_and_time_table","D",[["S","b:MDAwMC0wMC0wMCAwMTowMDowMA==","null"],["B","D:0,0,0,1,0,0,0","null"],["B",null,"null"]]]
["peer","part_zero_date_and_time_table","E",[["S","b:MTAwMC0wMC0wMA==","0"],["B","D:1000,0,0,0,0,0,0","0"]]]
["peer","part_zero_date_and_time_table","F",[["S","b:MTAwMC0wMC0wMA==","null"],["B","D:1000,0,0,0,0,0,0","null"]]]
["peer","part_zero_date_and_time_table","G",[["S","b:MDE6MDA6MDA=","3600000000"],["B","T:0,0,1,0,0,0","3600000000"]]]
["peer","part_zero_date_and_time_table","H",[["S","b:MDE6MDA6MDA=","3600000000"],["B","T:0,0,1,0,0,0","3600000000"],["B","T:0,0,23,59,59,0","86399000000"]]]
["peer","t1464075356413_testtable6","pk_column",[["S","b:MQ==","1"],["B","i:1","1"]]]
["peer","t1464075356413_testtable6","varbinary_col",[["S","b:TXlTUUw=","\"TXlTUUw=\""],["B","b:TXlTUUw=","\"TXlTUUw=\""],["B","b:AA==","\"AA==\""]]]
["peer","t_user_block_list","id",[["S","b:MQ==","1"],["B","i:1","1"]]]
["peer","t_user_block_list","data",[["S","b:dGVzdA==","\"test\""],["B","b:dGVzdA==","\"test\""],["B","b:dGVzdDI=","\"test2\""]]]
["peer","t_user_block_list","create_time",[["S","b:MjAyMy0xMS0xNCAyMjoxMzoyMA==","1700000000000"],["B","D:2023,11,14,22,13,20,0","1700000000000"]]]
["peer","t_user_block_list","update_time",[["S","b:MjAyMy0xMS0xNCAyMjoxMzoyMA==","1700000000000"],["B","D:2023,11,14,22,13,20,0","1700000000000"]]]
["peer","test_stations_10","id",[["S","b:MQ==","1"],["S","b:Mg==","2"],["B","i:1","1"],["B","i:2","2"]]]
["peer","test_stations_10","name",[["S","b:aGEgVGluaCA3","\"ha Tinh 7\""],["S","b:SGEgVGluaCAx","\"Ha Tinh 1\""],["B","b:aGEgVGluaCA3","\"ha Tinh 7\""],["B","b:SGEgVGluaCAx","\"Ha Tinh 1\""]]]
["peer","test_stations_10","type",[["S","b:c3RhdGlvbg==","\"station\""],["S","b:bm93","\"now\""],["B","i:1","\"station\""],["B","i:7","\"a\\\\,b\""],["B","i:5","\"now\""],["B","i:8","\"c\\\\,'d\""]]]
["peer","test_stations_10","created",[["S","b:MjAyMy0xMS0xNCAyMjoxMzoyMA==","1700000000000"],["B","D:2023,11,14,22,13,20,0","1700000000000"]]]
["peer","test_stations_10","modified",[["S","b:MjAyMy0xMS0xNCAyMjoxMzoyMA==","1700000000000"],["B","D:2023,11,14,22,13,20,0","1700000000000"],["B","D:2023,11,14,22,15,0,0","1700000100000"]]]
"##;

    #[test]
    fn golden_values() {
        let main = history("main");
        let peer = history("peer");
        let server = ValueOptions::default();
        let rdi = ValueOptions {
            decimal: DecimalMode::String,
            ..ValueOptions::default()
        };
        let mut total = 0;
        let mut failures = Vec::new();
        for line in FIXTURE.lines().filter(|l| !l.trim().is_empty()) {
            let fx: serde_json::Value = serde_json::from_str(line).unwrap();
            let (suite, table, column) = (
                fx[0].as_str().unwrap(),
                fx[1].as_str().unwrap(),
                fx[2].as_str().unwrap(),
            );
            let h = if suite == "main" { &main } else { &peer };
            let col = latest_column(h, table, column);
            for c in fx[3].as_array().unwrap() {
                let phase = c[0].as_str().unwrap();
                let input = value_of(c[1].as_str());
                let expected = [(&server, c.get(2)), (&rdi, c.get(3).or(c.get(2)))];
                for (opts, want) in expected {
                    let Some(want) = want.and_then(|w| w.as_str()) else {
                        continue;
                    };
                    total += 1;
                    let codec = ColumnCodec::new(&col, opts);
                    let mut out = String::new();
                    let r = if phase == "S" {
                        codec.write_text(&mut out, &input)
                    } else {
                        codec.write_binlog(&mut out, Some(&BinlogValue::Value(input.clone())))
                    };
                    let ok = r.is_ok()
                        && serde_json::from_str::<serde_json::Value>(&out).ok() == Some(json(want));
                    if !ok {
                        failures.push(format!(
                            "{suite}.{table}.{column} ({}) {phase} {:?}: got {out} {r:?}, want {want}",
                            col.type_name,
                            c[1].as_str()
                        ));
                    }
                }
            }
        }
        assert!(
            failures.is_empty(),
            "{} of {total} cases differ:\n{}",
            failures.len(),
            failures.join("\n")
        );
        assert!(total > 2800, "only {total} cases");
    }

    #[test]
    fn golden_field_schemas() {
        let mut checked = 0;
        let mut failures = Vec::new();
        for suite in ["main", "peer"] {
            let h = history(suite);
            let dir = if suite == "main" {
                testdata().join("server/streams")
            } else {
                testdata().join("peer/server/streams")
            };
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                let file = path.file_name().unwrap().to_string_lossy().to_string();
                let Some(table) = file
                    .strip_prefix("dbserver1.inventory.")
                    .and_then(|t| t.strip_suffix(".jsonl"))
                else {
                    continue;
                };
                let text = std::fs::read_to_string(&path).unwrap();
                let mut seen = std::collections::HashSet::new();
                for line in text.lines() {
                    let r: serde_json::Value = serde_json::from_str(line).unwrap();
                    let Some(after) = r["value"]["schema"]["fields"]
                        .as_array()
                        .and_then(|f| f.iter().find(|x| x["field"] == "after"))
                    else {
                        continue;
                    };
                    let fields = after["fields"].as_array().unwrap();
                    if !seen.insert(serde_json::to_string(fields).unwrap()) {
                        continue;
                    }
                    let names: Vec<&str> = fields
                        .iter()
                        .map(|f| f["field"].as_str().unwrap())
                        .collect();
                    // the table version whose (included) columns are these fields
                    let version = h.iter().rev().find(|(t, cols)| {
                        t.replace("\"\"", "\"")
                            .replace(|c: char| !c.is_ascii_alphanumeric() && c != '_', "_")
                            == table
                            && cols.iter().map(|c| c.name.as_str()).collect::<Vec<_>>() == names
                    });
                    let Some((_, cols)) = version else {
                        failures.push(format!("{suite}.{table}: no history version for {names:?}"));
                        continue;
                    };
                    for (col, want) in cols.iter().zip(fields) {
                        checked += 1;
                        let codec = ColumnCodec::new(col, &ValueOptions::default());
                        let mut got = String::new();
                        codec.schema().write_json(&mut got, Some(&col.name));
                        if !codec.included() || json(&got) != *want {
                            failures.push(format!(
                                "{suite}.{table}.{} ({}):\n  got  {got}\n  want {want}",
                                col.name, col.type_name
                            ));
                        }
                    }
                }
            }
        }
        assert!(checked > 350, "only {checked} fields checked");
        assert!(
            failures.is_empty(),
            "{} field schemas differ:\n{}",
            failures.len(),
            failures.join("\n")
        );
    }
    fn col(
        name: &str,
        jdbc: i32,
        type_name: &str,
        length: Option<i64>,
        scale: Option<i32>,
    ) -> Column {
        Column {
            name: name.into(),
            jdbc_type: jdbc,
            type_name: type_name.into(),
            type_expression: type_name.into(),
            charset: None,
            length,
            scale,
            position: 1,
            optional: true,
            auto_incremented: false,
            generated: false,
            comment: None,
            has_default: false,
            default_expression: None,
            enum_values: vec![],
        }
    }

    fn text(c: &Column, opts: &ValueOptions, v: Option<&[u8]>) -> String {
        let mut out = String::new();
        let v = v.map_or(Value::NULL, |b| Value::Bytes(b.to_vec()));
        ColumnCodec::new(c, opts).write_text(&mut out, &v).unwrap();
        out
    }

    fn binlog(c: &Column, opts: &ValueOptions, v: Value) -> Result<String, ValueError> {
        let mut out = String::new();
        ColumnCodec::new(c, opts)
            .write_binlog(&mut out, Some(&BinlogValue::Value(v)))
            .map(|_| out)
    }

    fn schema(c: &Column, opts: &ValueOptions) -> String {
        ColumnCodec::new(c, opts).schema().to_json()
    }

    #[test]
    fn handling_modes() {
        let d = ValueOptions::default();
        let dec = col("n", 3, "DECIMAL", Some(10), Some(2));
        let double = ValueOptions {
            decimal: DecimalMode::Double,
            ..d.clone()
        };
        assert_eq!(
            schema(&dec, &double),
            r#"{"type":"double","optional":true}"#
        );
        assert_eq!(text(&dec, &double, Some(b"-0.01")), "-0.01");
        assert_eq!(text(&dec, &d, Some(b"12345678.91")), "\"SZYC0w==\"");

        let big = col("b", -5, "BIGINT UNSIGNED", Some(20), None);
        let precise = ValueOptions {
            bigint_unsigned: BigIntUnsignedMode::Precise,
            ..d.clone()
        };
        assert_eq!(
            schema(&big, &precise),
            r#"{"type":"bytes","optional":true,"name":"org.apache.kafka.connect.data.Decimal","version":1,"parameters":{"scale":"0","connect.decimal.precision":"20"}}"#
        );
        // binlog without signedness metadata: -1 is 2^64-1
        assert_eq!(
            binlog(&big, &precise, Value::Int(-1)).unwrap(),
            "\"AP//////////\""
        );
        assert_eq!(binlog(&big, &d, Value::UInt(u64::MAX)).unwrap(), "-1");
        assert_eq!(text(&big, &d, Some(b"18446744073709551615")), "-1");

        let bin = col("v", -3, "VARBINARY", Some(8), None);
        for (mode, want) in [
            (BinaryMode::Bytes, "\"+/8=\""),
            (BinaryMode::Base64, "\"+/8=\""),
            (BinaryMode::Base64UrlSafe, "\"-_8=\""),
            (BinaryMode::Hex, "\"fbff\""),
        ] {
            let o = ValueOptions {
                binary: mode,
                ..d.clone()
            };
            assert_eq!(text(&bin, &o, Some(&[0xfb, 0xff])), want);
        }
    }

    #[test]
    fn time_precision_modes() {
        let d = ValueOptions::default();
        let adaptive = ValueOptions {
            time_precision: TimePrecisionMode::Adaptive,
            ..d.clone()
        };
        let connect = ValueOptions {
            time_precision: TimePrecisionMode::Connect,
            ..d.clone()
        };
        let t0 = col("t", 92, "TIME", None, None);
        let t6 = col("t", 92, "TIME", Some(6), None);
        assert_eq!(
            schema(&t0, &adaptive),
            r#"{"type":"int32","optional":true,"name":"io.debezium.time.Time","version":1}"#
        );
        assert_eq!(text(&t0, &adaptive, Some(b"-01:00:00")), "-3600000");
        assert_eq!(text(&t6, &adaptive, Some(b"00:00:01.5")), "1500000");
        assert_eq!(
            schema(&t6, &connect),
            r#"{"type":"int32","optional":true,"name":"org.apache.kafka.connect.data.Time","version":1}"#
        );
        assert_eq!(text(&t6, &connect, Some(b"13:00:00.25")), "46800250");
        // out of Connect's range: null
        assert_eq!(text(&t6, &connect, Some(b"-01:00:00")), "null");
        let dt = col("dt", 93, "DATETIME", Some(6), None);
        assert_eq!(
            schema(&dt, &connect),
            r#"{"type":"int64","optional":true,"name":"org.apache.kafka.connect.data.Timestamp","version":1}"#
        );
        assert_eq!(
            text(&dt, &connect, Some(b"1970-01-01 00:00:01.999999")),
            "1999"
        );
        assert_eq!(text(&dt, &d, Some(b"1969-12-31 23:59:59.999999")), "-1");
        let date = col("d", 91, "DATE", None, None);
        assert_eq!(
            schema(&date, &connect),
            r#"{"type":"int32","optional":true,"name":"org.apache.kafka.connect.data.Date","version":1}"#
        );
        // two-digit years, unless the adjuster is off
        assert_eq!(text(&date, &d, Some(b"0069-01-01")), "36160");
        let raw = ValueOptions {
            time_adjuster: false,
            ..d.clone()
        };
        assert_eq!(text(&date, &raw, Some(b"0069-01-01")), "-694325");
    }

    #[test]
    fn binlog_shapes() {
        let d = ValueOptions::default();
        // TIMESTAMP2 after 2038: mysql_common reads the u32 seconds into an i32
        let mut ts = col("ts", 2014, "TIMESTAMP", Some(3), None);
        assert_eq!(
            binlog(&ts, &d, Value::Bytes(b"-2147483648.250000".to_vec())).unwrap(),
            "\"2038-01-19T03:14:08.250Z\""
        );
        ts.length = None;
        assert_eq!(
            binlog(&ts, &d, Value::Int(1)).unwrap(),
            "\"1970-01-01T00:00:01Z\""
        );
        assert_eq!(
            binlog(&ts, &d, Value::Bytes(b"0".to_vec())).unwrap(),
            "null"
        );
        // unsigned widths from signed binlog integers
        for (t, v, want) in [
            ("TINYINT UNSIGNED", -1, "255"),
            ("SMALLINT UNSIGNED ZEROFILL", -1, "65535"),
            ("MEDIUMINT UNSIGNED", -8388608, "8388608"),
            ("INT UNSIGNED", -2, "4294967294"),
        ] {
            assert_eq!(
                binlog(&col("i", 4, t, None, None), &d, Value::Int(v)).unwrap(),
                want,
                "{t}"
            );
        }
        // latin1 is cp1252
        let mut s = col("s", 12, "VARCHAR", Some(10), None);
        s.charset = Some("latin1".into());
        assert_eq!(
            binlog(&s, &d, Value::Bytes(vec![0x63, 0xe9, 0x80])).unwrap(),
            "\"c\u{e9}\u{20ac}\""
        );
        s.charset = Some("gbk".into());
        assert!(matches!(
            binlog(&s, &d, Value::Bytes(b"x".to_vec())),
            Err(ValueError::UnsupportedCharset { .. })
        ));
        // ENUM index out of range: a typed error naming the column
        let mut e = col("e", 1, "ENUM", Some(1), None);
        e.enum_values = vec!["'a'".into(), "'b,c'".into()];
        assert_eq!(binlog(&e, &d, Value::Int(2)).unwrap(), "\"b\\\\,c\"");
        assert_eq!(binlog(&e, &d, Value::Int(0)).unwrap(), "\"\"");
        let err = binlog(&e, &d, Value::Int(3)).unwrap_err();
        assert!(err.to_string().contains("column `e` (ENUM)"), "{err}");
        // zero DATETIME in the binlog is null, NOT NULL columns get the fallback
        let mut dt = col("dt", 93, "DATETIME", None, None);
        dt.optional = false;
        assert_eq!(
            binlog(&dt, &d, Value::Date(0, 0, 0, 0, 0, 0, 0)).unwrap(),
            "0"
        );
        assert!(binlog(&dt, &d, Value::Date(2023, 2, 31, 0, 0, 0, 0)).is_err());
        // geometry types Debezium has no converter for are left out
        let uuid = col("u", 1111, "UUID", None, None);
        assert!(!ColumnCodec::new(&uuid, &d).included());
        assert!(field_schema(&uuid, &d).is_none());
    }

    #[test]
    fn mysql_binary_json() {
        use jsonb::Value as J;
        let d = ValueOptions::default();
        let c = col("j", 12, "JSON", None, None);
        let codec = ColumnCodec::new(&c, &d);
        let w = |v: J<'static>| {
            let mut out = String::new();
            codec
                .write_binlog(&mut out, Some(&BinlogValue::Jsonb(v)))
                .unwrap();
            out
        };
        assert_eq!(w(J::I32(-7)), "\"-7\"");
        assert_eq!(w(J::F64(1.5)), "\"1.5\"");
        assert_eq!(w(J::F64(1e20)), "\"100000000000000000000\"");
        assert_eq!(
            w(J::F64(1e-7)),
            "\"0.0000000999999999999999954748111825886258685613938723690807819366455078125\""
        );
        assert_eq!(
            w(J::String(jsonb::JsonbString::new(&b"a\"b\x01"[..]))),
            r#""\"a\\\"b\\u0001\"""#
        );
        // DECIMAL(4,2) 12.34 as an opaque value: precision, scale, binary decimal
        let dec =
            jsonb::OpaqueValue::new(ColumnType::MYSQL_TYPE_NEWDECIMAL, vec![4, 2, 0x8c, 0x22]);
        assert_eq!(w(J::Opaque(dec)), "\"12.34\"");
        let mut out = String::new();
        assert!(codec
            .write_binlog(&mut out, Some(&BinlogValue::JsonDiff(vec![])))
            .is_err());
        // MariaDB: JSON is text in the binlog
        assert_eq!(
            binlog(&c, &d, Value::Bytes(b"{\"a\": 1}".to_vec())).unwrap(),
            r#""{\"a\": 1}""#
        );
        assert_eq!(
            snapshot_select_expr(&col("a`b", 4, "INT", None, None)),
            "`a``b`"
        );
    }

    #[test]
    fn defaults() {
        let d = ValueOptions::default();
        let with = |mut c: Column, expr: &str, optional: bool| {
            c.has_default = true;
            c.default_expression = Some(expr.into());
            c.optional = optional;
            ColumnCodec::new(&c, &d)
                .schema()
                .default
                .clone()
                .map(|x| x.0)
        };
        let ts = col("ts", 2014, "TIMESTAMP", Some(3), None);
        assert_eq!(
            with(ts.clone(), "2030-01-01 00:00:00.5", true).as_deref(),
            Some("\"2030-01-01T00:00:00.500Z\"")
        );
        assert_eq!(with(ts.clone(), "0000-00-00 00:00:00", true), None);
        assert_eq!(
            with(ts, "0000-00-00 00:00:00", false).as_deref(),
            Some("\"1970-01-01T00:00:00Z\"")
        );
        let i = col("i", 5, "SMALLINT", None, None);
        assert_eq!(with(i.clone(), "1.5", true).as_deref(), Some("2"));
        assert_eq!(with(i.clone(), "TRUE", true).as_deref(), Some("1"));
        assert_eq!(with(i, "70000", true).as_deref(), Some("4464"));
        let s = col("s", 12, "VARCHAR", Some(10), None);
        assert_eq!(
            with(s.clone(), "_utf8mb4'x y'", true).as_deref(),
            Some("\"x y\"")
        );
        assert_eq!(with(s, " pad ", true).as_deref(), Some("\" pad \""));
        let y = col("y", 4, "YEAR", None, None);
        assert_eq!(with(y, "69", true).as_deref(), Some("2069"));
        let dec = col("n", 3, "DECIMAL", Some(5), Some(2));
        assert_eq!(with(dec, "1.005", true).as_deref(), Some("\"ZQ==\""));
        // a null takes the default, NOT NULL without default the fallback
        let mut c = col("f", 6, "FLOAT", None, None);
        c.optional = false;
        assert_eq!(text(&c, &d, None), "0.0");
    }
}
