//! Logical-type encodings shared by every source: numbers as Java prints them, Connect `Decimal`
//! bytes, base64. Database-specific parsing of text values lives with each source's decoder.

use base64::Engine as _;

/// Splits the shortest round-trip form of a finite, non-zero float into (digits, exponent) with
/// value = 0.d1d2d3... x 10^exp10 where the first digit is non-zero.
fn shortest_digits(sci: &str) -> (String, i32) {
    // `sci` looks like "-1.2345e-7" or "5e3"
    let s = sci.trim_start_matches('-');
    let (mant, exp) = s.split_once('e').unwrap_or((s, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let digits: String = mant.chars().filter(|c| *c != '.').collect();
    let digits = digits.trim_end_matches('0').to_string();
    let digits = if digits.is_empty() {
        "0".to_string()
    } else {
        digits
    };
    (digits, exp)
}

fn java_fp(out: &mut String, negative: bool, sci: &str, is_zero: bool) {
    if negative {
        out.push('-');
    }
    if is_zero {
        out.push_str("0.0");
        return;
    }
    let (digits, exp) = shortest_digits(sci);
    // value = d.ddd x 10^exp
    if (-3..7).contains(&exp) {
        if exp >= 0 {
            let int_len = exp as usize + 1;
            if digits.len() <= int_len {
                out.push_str(&digits);
                for _ in digits.len()..int_len {
                    out.push('0');
                }
                out.push_str(".0");
            } else {
                out.push_str(&digits[..int_len]);
                out.push('.');
                out.push_str(&digits[int_len..]);
            }
        } else {
            out.push_str("0.");
            for _ in 0..(-exp - 1) {
                out.push('0');
            }
            out.push_str(&digits);
        }
    } else {
        out.push_str(&digits[..1]);
        out.push('.');
        if digits.len() > 1 {
            out.push_str(&digits[1..]);
        } else {
            out.push('0');
        }
        out.push('E');
        out.push_str(&exp.to_string());
    }
}

/// Appends a double as Jackson writes it: Java's `Double.toString`; NaN and infinities as the
/// JSON strings `"NaN"`, `"Infinity"`, `"-Infinity"` (Jackson's non-numeric numbers quoted).
pub fn java_double(out: &mut String, v: f64) {
    if v.is_nan() {
        out.push_str("\"NaN\"");
    } else if v.is_infinite() {
        out.push_str(if v > 0.0 {
            "\"Infinity\""
        } else {
            "\"-Infinity\""
        });
    } else {
        java_fp(out, v.is_sign_negative(), &format!("{:e}", v), v == 0.0);
    }
}

/// Appends a float as Jackson writes it (Java's `Float.toString`, shortest digits of the f32).
pub fn java_float(out: &mut String, v: f32) {
    if v.is_nan() {
        out.push_str("\"NaN\"");
    } else if v.is_infinite() {
        out.push_str(if v > 0.0 {
            "\"Infinity\""
        } else {
            "\"-Infinity\""
        });
    } else {
        java_fp(out, v.is_sign_negative(), &format!("{:e}", v), v == 0.0);
    }
}

/// Standard base64 with padding, as Jackson writes `byte[]`.
pub fn base64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// Appends `"<base64>"`.
pub fn write_base64(out: &mut String, bytes: &[u8]) {
    out.push('"');
    base64::engine::general_purpose::STANDARD.encode_string(bytes, out);
    out.push('"');
}

/// A decimal number parsed from its text form: the unscaled integer's digits and the scale.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecimalText {
    pub negative: bool,
    /// Digits of the unscaled value, no leading zeros ("0" for zero).
    pub unscaled: String,
    pub scale: u32,
}

impl DecimalText {
    /// Parses `-12.340`, `0.5`, `1e3` (exponent forms are expanded). Returns None when not a number.
    pub fn parse(text: &str) -> Option<DecimalText> {
        let t = text.trim();
        let (negative, t) = match t.as_bytes().first()? {
            b'-' => (true, &t[1..]),
            b'+' => (false, &t[1..]),
            _ => (false, t),
        };
        let (mant, exp) = match t.find(['e', 'E']) {
            Some(i) => (&t[..i], t[i + 1..].parse::<i32>().ok()?),
            None => (t, 0),
        };
        let (int, frac) = mant.split_once('.').unwrap_or((mant, ""));
        if int.is_empty() && frac.is_empty() {
            return None;
        }
        if !int.bytes().all(|b| b.is_ascii_digit()) || !frac.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let mut digits = format!("{int}{frac}");
        let mut scale = frac.len() as i32 - exp;
        if scale < 0 {
            digits.extend(std::iter::repeat_n('0', (-scale) as usize));
            scale = 0;
        }
        let trimmed = digits.trim_start_matches('0');
        let unscaled = if trimmed.is_empty() { "0" } else { trimmed }.to_string();
        Some(DecimalText {
            negative: negative && unscaled != "0",
            unscaled,
            scale: scale as u32,
        })
    }

    /// Rescales to `scale` digits (rounding half up, as Java's `setScale(HALF_UP)` would).
    pub fn with_scale(&self, scale: u32) -> DecimalText {
        use std::cmp::Ordering;
        match scale.cmp(&self.scale) {
            Ordering::Equal => self.clone(),
            Ordering::Greater => {
                let mut d = self.unscaled.clone();
                if d != "0" {
                    d.extend(std::iter::repeat_n('0', (scale - self.scale) as usize));
                }
                DecimalText {
                    negative: self.negative,
                    unscaled: d,
                    scale,
                }
            }
            Ordering::Less => {
                let drop = (self.scale - scale) as usize;
                let d = &self.unscaled;
                let (keep, cut) = if d.len() > drop {
                    (d[..d.len() - drop].to_string(), &d[d.len() - drop..])
                } else {
                    ("0".to_string(), "")
                };
                let round_up = if d.len() > drop {
                    cut.as_bytes()[0] >= b'5'
                } else {
                    d.len() == drop && d.as_bytes()[0] >= b'5'
                };
                let mut keep = keep;
                if round_up {
                    keep = add_one(&keep);
                }
                let k = keep.trim_start_matches('0');
                let k = if k.is_empty() { "0" } else { k };
                DecimalText {
                    negative: self.negative && k != "0",
                    unscaled: k.to_string(),
                    scale,
                }
            }
        }
    }

    /// Big-endian two's-complement bytes of the unscaled value, minimal length (Java
    /// `BigInteger.toByteArray`), as Connect's `Decimal` carries it.
    pub fn unscaled_bytes(&self) -> Vec<u8> {
        // decimal string -> base-256 magnitude
        let mut mag: Vec<u8> = Vec::new(); // little-endian base 256
        for c in self.unscaled.bytes() {
            let mut carry = (c - b'0') as u32;
            for b in mag.iter_mut() {
                let v = (*b as u32) * 10 + carry;
                *b = (v & 0xff) as u8;
                carry = v >> 8;
            }
            while carry > 0 {
                mag.push((carry & 0xff) as u8);
                carry >>= 8;
            }
        }
        if mag.is_empty() {
            return vec![0];
        }
        if self.negative {
            // two's complement: invert and add one
            for b in mag.iter_mut() {
                *b = !*b;
            }
            for b in mag.iter_mut() {
                let (v, o) = b.overflowing_add(1);
                *b = v;
                if !o {
                    break;
                }
            }
            mag.push(0xff);
            // trim redundant leading 0xff while the next byte keeps the sign bit
            while mag.len() > 1 && mag[mag.len() - 1] == 0xff && mag[mag.len() - 2] & 0x80 != 0 {
                mag.pop();
            }
        } else {
            mag.push(0);
            while mag.len() > 1 && mag[mag.len() - 1] == 0 && mag[mag.len() - 2] & 0x80 == 0 {
                mag.pop();
            }
        }
        mag.reverse();
        mag
    }

    /// Plain string form (`BigDecimal.toPlainString`).
    pub fn to_plain_string(&self) -> String {
        let mut s = String::new();
        if self.negative {
            s.push('-');
        }
        let d = &self.unscaled;
        let scale = self.scale as usize;
        if scale == 0 {
            s.push_str(d);
        } else if d.len() > scale {
            s.push_str(&d[..d.len() - scale]);
            s.push('.');
            s.push_str(&d[d.len() - scale..]);
        } else {
            s.push_str("0.");
            for _ in d.len()..scale {
                s.push('0');
            }
            s.push_str(d);
        }
        s
    }
}

fn add_one(d: &str) -> String {
    let mut b: Vec<u8> = d.bytes().collect();
    let mut i = b.len();
    loop {
        if i == 0 {
            b.insert(0, b'1');
            break;
        }
        i -= 1;
        if b[i] == b'9' {
            b[i] = b'0';
        } else {
            b[i] += 1;
            break;
        }
    }
    String::from_utf8(b).unwrap_or_default()
}

/// Lowercase hex digits of `bytes` (Debezium's `binary.handling.mode=hex`).
pub fn hex_lower(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for &b in bytes {
        s.push(DIGITS[(b >> 4) as usize] as char);
        s.push(DIGITS[(b & 0x0f) as usize] as char);
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(v: f64) -> String {
        let mut s = String::new();
        java_double(&mut s, v);
        s
    }
    fn f(v: f32) -> String {
        let mut s = String::new();
        java_float(&mut s, v);
        s
    }

    #[test]
    fn doubles_print_like_java() {
        assert_eq!(d(0.0), "0.0");
        assert_eq!(d(-1.5), "-1.5");
        assert_eq!(d(2.5e-300), "2.5E-300");
        assert_eq!(d(1.7976931348623157e308), "1.7976931348623157E308");
        assert_eq!(d(1e7), "1.0E7");
        assert_eq!(d(1234567.0), "1234567.0");
        assert_eq!(d(0.001), "0.001");
        assert_eq!(d(0.0001), "1.0E-4");
        assert_eq!(d(f64::NAN), "\"NaN\"");
        assert_eq!(f(3.4e38), "3.4E38");
        assert_eq!(f(1.25), "1.25");
        assert_eq!(f(0.1), "0.1");
    }

    #[test]
    fn decimal_bytes_match_big_integer() {
        let b = |s: &str, scale: u32| {
            base64(
                &DecimalText::parse(s)
                    .unwrap()
                    .with_scale(scale)
                    .unscaled_bytes(),
            )
        };
        assert_eq!(b("0", 2), "AA==");
        assert_eq!(b("12345678.91", 2), "SZYC0w==");
        assert_eq!(b("-0.01", 2), "/w==");
        assert_eq!(b("-1", 0), "/w==");
        assert_eq!(b("0.99999", 5), "AYaf");
        assert_eq!(
            b("99999999999999999999999999999999999999", 0),
            "SztMqFqGxHoJiiI//////w=="
        );
        assert_eq!(b("-1.23", 2), "hQ==");
        assert_eq!(b("2.25", 2), "AOE=");
        assert_eq!(b("-128", 0), "gA==");
        assert_eq!(b("128", 0), "AIA=");
    }

    #[test]
    fn decimal_plain_and_rounding() {
        let p = DecimalText::parse("-0.000001").unwrap();
        assert_eq!(p.scale, 6);
        assert_eq!(p.to_plain_string(), "-0.000001");
        assert_eq!(
            DecimalText::parse("1.005")
                .unwrap()
                .with_scale(2)
                .to_plain_string(),
            "1.01"
        );
        assert_eq!(DecimalText::parse("1e3").unwrap().to_plain_string(), "1000");
        assert!(DecimalText::parse("NaN").is_none());
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (the year may be zero or negative).
pub fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The proleptic Gregorian (year, month, day) of a day count since 1970-01-01.
pub fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

#[cfg(test)]
mod calendar_tests {
    use super::{civil_from_days, days_from_civil};

    #[test]
    fn days_and_dates_round_trip() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
        assert_eq!(days_from_civil(0, 1, 1), -719_528);
        assert_eq!(civil_from_days(-1), (1969, 12, 31));
        for z in [-800_000, -719_528, -1, 0, 59, 11_016, 2_932_896] {
            let (y, m, d) = civil_from_days(z);
            assert_eq!(days_from_civil(y, m, d), z, "{z}");
        }
    }
}
