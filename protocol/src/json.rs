//! Writing JSON the way Jackson does inside Kafka's `JsonConverter`: compact, no spaces, UTF-8
//! passed through, control characters escaped, `/` left alone. Values are appended to a `String`
//! so an entry is built in one buffer without an intermediate tree.

use std::fmt::Write as _;

/// Appends `s` as a JSON string literal.
pub fn write_str(out: &mut String, s: &str) {
    out.reserve(s.len() + 2);
    out.push('"');
    let bytes = s.as_bytes();
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let esc: Option<&str> = match b {
            b'"' => Some("\\\""),
            b'\\' => Some("\\\\"),
            b'\n' => Some("\\n"),
            b'\r' => Some("\\r"),
            b'\t' => Some("\\t"),
            0x08 => Some("\\b"),
            0x0c => Some("\\f"),
            0..=0x1f => None,
            _ => continue,
        };
        out.push_str(&s[start..i]);
        match esc {
            Some(e) => out.push_str(e),
            None => {
                let _ = write!(out, "\\u{:04X}", b);
            }
        }
        start = i + 1;
    }
    out.push_str(&s[start..]);
    out.push('"');
}

/// Appends `"name":` (the name must not need escaping beyond what [`write_str`] does).
pub fn write_key(out: &mut String, name: &str) {
    write_str(out, name);
    out.push(':');
}

/// Appends an integer.
pub fn write_i64(out: &mut String, v: i64) {
    out.push_str(itoa::Buffer::new().format(v));
}

/// Appends a double as Java's `Double.toString` prints it (`1.5`, `1.0E10`, `NaN` as a string).
pub fn write_f64(out: &mut String, v: f64) {
    crate::encode::java_double(out, v);
}

/// Appends a float (Connect `float`) as Java's `Float.toString` prints it.
pub fn write_f32(out: &mut String, v: f32) {
    crate::encode::java_float(out, v);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_like_jackson() {
        let mut s = String::new();
        write_str(&mut s, "a\"b\\c\nd\te\u{1}é/");
        assert_eq!(s, "\"a\\\"b\\\\c\\nd\\te\\u0001é/\"");
        let parsed: String = serde_json::from_str(&s).unwrap();
        assert_eq!(parsed, "a\"b\\c\nd\te\u{1}é/");
    }
}
