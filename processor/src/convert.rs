//! Value conversion to what RDI writes (its data-type conversion table): hash fields are strings,
//! nulls are not stored; JSON documents keep numbers, booleans and parsed JSON. Types come from
//! the Connect schema when the stream carries one (Debezium Server profile); schemaless streams
//! (RDI profile) are converted by JSON type only.

use base64::Engine as _;
use serde_json::Value;

use crate::record::FieldType;

/// Debezium's placeholder for an unchanged TOASTed / LOB value, and its base64 form.
pub const UNAVAILABLE: &str = "__debezium_unavailable_value";
pub const UNAVAILABLE_B64: &str = "X19kZWJleml1bV91bmF2YWlsYWJsZV92YWx1ZQ==";

/// Formats like Python's `str(float)` (RDI's processor is Python): `1.0`, `1529507596945.104`.
fn py_float(f: f64) -> String {
    if f.is_finite() && f.fract() == 0.0 && f.abs() < 1e16 {
        format!("{f:.1}")
    } else {
        format!("{f}")
    }
}

fn decode_decimal(b64: &str, scale: u32) -> Option<String> {
    let bytes = base64::engine::general_purpose::STANDARD.decode(b64).ok()?;
    if bytes.is_empty() || bytes.len() > 16 {
        return big_decimal(&bytes, scale);
    }
    let mut v: i128 = if bytes[0] & 0x80 != 0 { -1 } else { 0 };
    for b in &bytes {
        v = (v << 8) | *b as i128;
    }
    Some(scaled(v.unsigned_abs().to_string(), v < 0, scale))
}

fn big_decimal(bytes: &[u8], scale: u32) -> Option<String> {
    if bytes.is_empty() {
        return Some("0".into());
    }
    let negative = bytes[0] & 0x80 != 0;
    let mut mag: Vec<u8> = bytes.to_vec();
    if negative {
        for b in mag.iter_mut() {
            *b = !*b;
        }
        for b in mag.iter_mut().rev() {
            let (v, o) = b.overflowing_add(1);
            *b = v;
            if !o {
                break;
            }
        }
    }
    // base-256 big-endian -> decimal digits
    let mut digits: Vec<u8> = vec![0];
    for &byte in &mag {
        let mut carry = byte as u32;
        for d in digits.iter_mut() {
            let v = *d as u32 * 256 + carry;
            *d = (v % 10) as u8;
            carry = v / 10;
        }
        while carry > 0 {
            digits.push((carry % 10) as u8);
            carry /= 10;
        }
    }
    let s: String = digits.iter().rev().map(|d| (b'0' + d) as char).collect();
    let s = s.trim_start_matches('0');
    Some(scaled(
        if s.is_empty() { "0".into() } else { s.into() },
        negative,
        scale,
    ))
}

fn scaled(digits: String, negative: bool, scale: u32) -> String {
    let scale = scale as usize;
    let mut out = String::new();
    if negative && digits != "0" {
        out.push('-');
    }
    if scale == 0 {
        out.push_str(&digits);
    } else if digits.len() > scale {
        out.push_str(&digits[..digits.len() - scale]);
        out.push('.');
        out.push_str(&digits[digits.len() - scale..]);
    } else {
        out.push_str("0.");
        out.push_str(&"0".repeat(scale - digits.len()));
        out.push_str(&digits);
    }
    out
}

/// A value converted by its logical type into a JSON value, or None when RDI does not store it
/// (unsupported types, unavailable placeholders).
/// `logical` taking the value: unconverted values are moved, not copied.
pub fn logical_owned(v: Value, t: Option<&FieldType>) -> Option<Value> {
    if let Value::String(s) = &v {
        if s == UNAVAILABLE || s == UNAVAILABLE_B64 {
            return None;
        }
    }
    match t {
        None => Some(v),
        Some(_) => logical(&v, t),
    }
}

pub fn logical(v: &Value, t: Option<&FieldType>) -> Option<Value> {
    if let Value::String(s) = v {
        if s == UNAVAILABLE || s == UNAVAILABLE_B64 {
            return None;
        }
    }
    let Some(t) = t else {
        return Some(v.clone());
    };
    let name = t.name.as_deref().unwrap_or("");
    match (name, v) {
        (_, Value::Null) => Some(Value::Null),
        ("io.debezium.time.Date", Value::Number(n)) => {
            n.as_i64().map(|d| Value::from(d * 86_400_000))
        }
        ("io.debezium.time.MicroTime" | "io.debezium.time.MicroTimestamp", Value::Number(n)) => {
            n.as_i64().map(|us| Value::from(us as f64 / 1000.0))
        }
        ("io.debezium.time.NanoTime" | "io.debezium.time.NanoTimestamp", Value::Number(n)) => {
            n.as_i64().map(|ns| Value::from(ns as f64 / 1_000_000.0))
        }
        ("org.apache.kafka.connect.data.Decimal", Value::String(b64)) => {
            decode_decimal(b64, t.scale.unwrap_or(0)).map(Value::String)
        }
        ("io.debezium.data.VariableScaleDecimal", Value::Object(m)) => {
            let scale = m.get("scale").and_then(Value::as_u64).unwrap_or(0) as u32;
            m.get("value")
                .and_then(Value::as_str)
                .and_then(|b| decode_decimal(b, scale))
                .map(Value::String)
        }
        (
            "io.debezium.time.MicroDuration"
            | "io.debezium.time.Interval"
            | "io.debezium.data.Bits",
            _,
        ) => None,
        (n, _) if n.starts_with("io.debezium.data.geometry.") => None,
        (_, Value::Array(_)) => None,
        _ => Some(v.clone()),
    }
}

/// The string stored in a hash for an already converted value (see [`logical`]): booleans as
/// `1`/`0`, floats as Python prints them, nulls and arrays/objects not stored.
pub fn hash_string(v: &Value) -> Option<String> {
    match v {
        Value::Null | Value::Array(_) | Value::Object(_) => None,
        Value::Bool(b) => Some(if *b { "1" } else { "0" }.to_string()),
        Value::Number(n) if n.is_f64() => n.as_f64().map(py_float),
        Value::Number(n) => Some(match (n.as_i64(), n.as_u64()) {
            (Some(i), _) => itoa::Buffer::new().format(i).to_string(),
            (_, Some(u)) => itoa::Buffer::new().format(u).to_string(),
            _ => n.to_string(),
        }),
        Value::String(s) => Some(s.clone()),
    }
}

/// A JSON document value for an already converted value: JSON columns parsed, decimals numeric.
pub fn json_value(v: Value, t: Option<&FieldType>) -> Value {
    let name = t.and_then(|t| t.name.as_deref());
    match (&v, name) {
        (Value::String(s), Some("io.debezium.data.Json")) => serde_json::from_str(s).unwrap_or(v),
        (
            Value::String(s),
            Some("org.apache.kafka.connect.data.Decimal" | "io.debezium.data.VariableScaleDecimal"),
        ) => s
            .parse::<serde_json::Number>()
            .map(Value::Number)
            .unwrap_or(v),
        _ => v,
    }
}

/// [`hash_field`] without cloning the value when no type conversion applies (schemaless
/// entries, plain columns): the hot path of the default job.
pub fn hash_field_fast(v: &Value, t: Option<&FieldType>) -> Option<String> {
    match (t.and_then(|t| t.name.as_deref()), v) {
        (_, Value::String(s)) if s == UNAVAILABLE || s == UNAVAILABLE_B64 => None,
        (None, Value::Array(_)) => None,
        (None, _) => hash_string(v),
        _ => hash_field(v, t),
    }
}

/// The string RDI stores in a hash field; None when the field is not stored (null, unsupported).
pub fn hash_field(v: &Value, t: Option<&FieldType>) -> Option<String> {
    let v = logical(v, t)?;
    let is_json_type = t.and_then(|t| t.name.as_deref()) == Some("io.debezium.data.Json");
    let micro = t
        .and_then(|t| t.name.as_deref())
        .is_some_and(|n| n.contains("MicroT") || n.contains("NanoT"));
    match v {
        Value::Null => None,
        Value::Bool(b) => Some(if b { "1" } else { "0" }.to_string()),
        Value::Number(n) => Some(if micro {
            n.as_f64().map(py_float).unwrap_or_else(|| n.to_string())
        } else {
            n.to_string()
        }),
        Value::String(s) => {
            let _ = is_json_type;
            Some(s)
        }
        // schemaless arrays/objects (no type info): unsupported in hashes, as RDI documents
        Value::Array(_) | Value::Object(_) => None,
    }
}

/// The JSON value RDI stores in a JSON document field (None: field left out).
pub fn json_field(v: &Value, t: Option<&FieldType>) -> Option<Value> {
    let v = logical(v, t)?;
    if t.and_then(|t| t.name.as_deref()) == Some("io.debezium.data.Json") {
        if let Value::String(s) = &v {
            return Some(serde_json::from_str(s).unwrap_or(v));
        }
    }
    // decimals arrive as strings (string mode or decoded): JSON documents keep them numeric
    if t.is_some_and(|t| {
        matches!(
            t.name.as_deref(),
            Some("org.apache.kafka.connect.data.Decimal" | "io.debezium.data.VariableScaleDecimal")
        )
    }) {
        if let Value::String(s) = &v {
            if let Ok(n) = s.parse::<serde_json::Number>() {
                return Some(Value::Number(n));
            }
        }
    }
    Some(v)
}

/// The text of a key value in a Redis key name (`orders:id:1`).
pub fn key_part(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn ty(name: &str, scale: Option<u32>) -> FieldType {
        FieldType {
            ty: String::new(),
            name: Some(name.into()),
            scale,
        }
    }

    #[test]
    fn rdi_conversion_table() {
        assert_eq!(
            hash_field(&json!(18656), Some(&ty("io.debezium.time.Date", None))).unwrap(),
            "1611878400000"
        );
        assert_eq!(
            hash_field(
                &json!(1529507596945104i64),
                Some(&ty("io.debezium.time.MicroTimestamp", None))
            )
            .unwrap(),
            "1529507596945.104"
        );
        assert_eq!(hash_field(&json!(true), None).unwrap(), "1");
        assert_eq!(hash_field(&json!(null), None), None);
        assert_eq!(hash_field(&json!(UNAVAILABLE), None), None);
        assert_eq!(
            hash_field(
                &json!("SZYC0w=="),
                Some(&ty("org.apache.kafka.connect.data.Decimal", Some(2)))
            )
            .unwrap(),
            "12345678.91"
        );
        assert_eq!(
            hash_field(
                &json!("/w=="),
                Some(&ty("org.apache.kafka.connect.data.Decimal", Some(2)))
            )
            .unwrap(),
            "-0.01"
        );
        assert_eq!(
            hash_field(
                &json!({"scale": 20, "value": "EQfV61tbpNfG"}),
                Some(&ty("io.debezium.data.VariableScaleDecimal", None))
            )
            .unwrap(),
            "3.14159265358979323846"
        );
        assert_eq!(
            hash_field(
                &json!("SztMqFqGxHoJiiI//////w=="),
                Some(&ty("org.apache.kafka.connect.data.Decimal", Some(0)))
            )
            .unwrap(),
            "99999999999999999999999999999999999999"
        );
        assert_eq!(
            hash_field(
                &json!(37091106789000i64),
                Some(&ty("io.debezium.time.MicroDuration", None))
            ),
            None
        );
        assert_eq!(hash_field(&json!([1, 2]), None), None);
        assert_eq!(
            json_field(
                &json!("{\"a\":1}"),
                Some(&ty("io.debezium.data.Json", None))
            )
            .unwrap(),
            json!({"a": 1})
        );
        assert_eq!(
            json_field(
                &json!("BOI="),
                Some(&ty("org.apache.kafka.connect.data.Decimal", Some(2)))
            ),
            Some(json!(12.50))
        );
        assert_eq!(key_part(&json!("a")), "a");
        assert_eq!(key_part(&json!(5)), "5");
    }
}
