//! Fuzz entry points for the pure decoders: each takes arbitrary bytes, must never panic, and
//! asserts the invariants that hold for every input. The `cargo fuzz` targets in `fuzz/` call
//! them (libFuzzer, nightly); the tests below run them on stable over seeded random and
//! structured inputs, so `.ci/run` covers them too.
//!
//! - [`sqlserver_lsn`]: `binary(10)` and `xxxxxxxx:xxxxxxxx:xxxx` LSNs — parse, print, parse
//!   again, order, increment.
//! - [`sqlserver_value`]: a TDS driver value (`tiberius::ColumnData`, built from the bytes in
//!   every variant and unit range the wire allows) in a column of any type, precision, scale and
//!   handling mode → Debezium JSON; a value the column cannot hold is a [`ValueError`], never a
//!   panic, and what is written is valid JSON.
//!
//! [`ValueError`]: crate::source::sqlserver::value::ValueError

use protocol::offset::SqlLsn;
use tiberius::numeric::Numeric;
use tiberius::time::{Date, DateTime, DateTime2, DateTimeOffset, SmallDateTime, Time};
use tiberius::ColumnData;

use crate::source::sqlserver::decode::from_driver;
use crate::source::sqlserver::value::{ColumnCodec, ColumnType};
use crate::value::{BinaryMode, DecimalMode, EncodingOptions, TimePrecisionMode};

/// The LSN decoders on arbitrary bytes.
pub fn sqlserver_lsn(data: &[u8]) {
    if let Some(l) = SqlLsn::from_bytes(data) {
        let text = l.to_string();
        assert_eq!(SqlLsn::parse(&text), Some(l), "{text}");
        let next = l.increment();
        assert!(next > l || next.is_zero(), "{l} + 1 = {next}");
    } else {
        assert_ne!(data.len(), 10);
    }
    let text = String::from_utf8_lossy(data);
    if let Some(l) = SqlLsn::parse(&text) {
        // any accepted text prints back as the same LSN (lower-case, the same digits)
        assert_eq!(
            l.to_string(),
            text.trim().to_ascii_lowercase(),
            "accepted {text:?}"
        );
    }
}

/// The type names the SQL Server value layer knows, and some it does not.
const TYPES: &[&str] = &[
    "bit",
    "tinyint",
    "smallint",
    "int",
    "bigint",
    "real",
    "float",
    "decimal",
    "numeric",
    "money",
    "smallmoney",
    "char",
    "varchar",
    "text",
    "nchar",
    "nvarchar",
    "ntext",
    "xml",
    "uniqueidentifier",
    "sysname",
    "binary",
    "varbinary",
    "image",
    "timestamp",
    "rowversion",
    "date",
    "time",
    "datetime",
    "datetime2",
    "smalldatetime",
    "datetimeoffset",
    "sql_variant",
    "hierarchyid",
    "geometry",
];

/// Reads fixed-size little-endian integers off the input, zero past its end.
struct Bytes<'a>(&'a [u8]);

impl Bytes<'_> {
    fn take<const N: usize>(&mut self) -> [u8; N] {
        let mut out = [0u8; N];
        let n = N.min(self.0.len());
        out[..n].copy_from_slice(&self.0[..n]);
        self.0 = &self.0[n..];
        out
    }
    fn u8(&mut self) -> u8 {
        self.take::<1>()[0]
    }
    fn u16(&mut self) -> u16 {
        u16::from_le_bytes(self.take())
    }
    fn u32(&mut self) -> u32 {
        u32::from_le_bytes(self.take())
    }
    fn u64(&mut self) -> u64 {
        u64::from_le_bytes(self.take())
    }
    fn i128(&mut self) -> i128 {
        i128::from_le_bytes(self.take())
    }
}

/// A `time(scale)` as the wire can carry it: increments below one day.
fn time(b: &mut Bytes<'_>) -> Time {
    let scale = b.u8() % 8;
    let day = 86_400 * 10u64.pow(scale as u32);
    Time::new(b.u64() % day, scale)
}

/// A `date`: 0001-01-01 to 9999-12-31 (3 bytes on the wire).
fn date(b: &mut Bytes<'_>) -> Date {
    Date::new(b.u32() % 3_652_059)
}

/// One driver value of the variant `b` chooses, in the unit ranges TDS carries.
fn column_data<'a>(b: &mut Bytes<'a>) -> ColumnData<'a> {
    let null = b.u8().is_multiple_of(8);
    let variant = b.u8() % 19;
    if null {
        return match variant {
            0 => ColumnData::I32(None),
            1 => ColumnData::String(None),
            2 => ColumnData::Binary(None),
            3 => ColumnData::Numeric(None),
            _ => ColumnData::DateTime2(None),
        };
    }
    match variant {
        0 => ColumnData::U8(Some(b.u8())),
        1 => ColumnData::I16(Some(b.u16() as i16)),
        2 => ColumnData::I32(Some(b.u32() as i32)),
        3 => ColumnData::I64(Some(b.u64() as i64)),
        4 => ColumnData::F32(Some(f32::from_bits(b.u32()))),
        5 => ColumnData::F64(Some(f64::from_bits(b.u64()))),
        6 => ColumnData::Bit(Some(b.u8() & 1 == 1)),
        7 => {
            let rest = b.0;
            b.0 = &[];
            ColumnData::String(Some(String::from_utf8_lossy(rest).into_owned().into()))
        }
        8 => ColumnData::Guid(Some(tiberius::Uuid::from_bytes(b.take()))),
        9 => {
            let rest = b.0;
            b.0 = &[];
            ColumnData::Binary(Some(rest.into()))
        }
        10 => {
            // up to 38 digits, scale below 38 (what the driver constructs)
            let scale = b.u8() % 38;
            let value = b.i128() % 10i128.pow(38);
            ColumnData::Numeric(Some(Numeric::new_with_scale(value, scale)))
        }
        11 => ColumnData::DateTime(Some(DateTime::new(
            (b.u32() % 2_958_464) as i32 - 53_690,
            b.u32() % 25_920_000,
        ))),
        12 => ColumnData::SmallDateTime(Some(SmallDateTime::new(b.u16(), b.u16() % 1440))),
        13 => ColumnData::Time(Some(time(b))),
        14 => ColumnData::Date(Some(date(b))),
        15 => {
            let d = date(b);
            ColumnData::DateTime2(Some(DateTime2::new(d, time(b))))
        }
        16 => {
            let d = date(b);
            let t = time(b);
            let offset = (b.u16() % 1681) as i16 - 840;
            ColumnData::DateTimeOffset(Some(DateTimeOffset::new(DateTime2::new(d, t), offset)))
        }
        17 => ColumnData::I64(Some(i64::MIN)),
        _ => ColumnData::U8(None),
    }
}

/// The value layer on an arbitrary driver value, column type and handling mode.
pub fn sqlserver_value(data: &[u8]) {
    let mut b = Bytes(data);
    let name = TYPES[b.u8() as usize % TYPES.len()];
    let precision = b.u8() % 40;
    let scale = b.u8() % 40;
    let modes = b.u8();
    let enc = EncodingOptions {
        decimal: [
            DecimalMode::Precise,
            DecimalMode::String,
            DecimalMode::Double,
        ][(modes % 3) as usize],
        time_precision: [
            TimePrecisionMode::Adaptive,
            TimePrecisionMode::AdaptiveTimeMicroseconds,
            TimePrecisionMode::Connect,
        ][((modes / 3) % 3) as usize],
        binary: [
            BinaryMode::Bytes,
            BinaryMode::Base64,
            BinaryMode::Base64UrlSafe,
            BinaryMode::Hex,
        ][((modes / 9) % 4) as usize],
        ..EncodingOptions::default()
    };
    let data = column_data(&mut b);
    let Ok(value) = from_driver(&data) else {
        return;
    };
    let t = ColumnType {
        name: name.to_string(),
        precision,
        scale,
    };
    let Some(codec) = ColumnCodec::new(&t, &enc) else {
        return;
    };
    let mut out = String::new();
    if codec.write(&value, &mut out).is_ok() {
        if let Err(e) = serde_json::from_str::<serde_json::Value>(&out) {
            panic!("{name}({precision},{scale}) {data:?} wrote invalid JSON {out:?}: {e}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small xorshift generator: the same inputs on every run.
    struct Rng(u64);
    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }
        fn bytes(&mut self, max: usize) -> Vec<u8> {
            let n = (self.next() as usize) % (max + 1);
            (0..n).map(|_| self.next() as u8).collect()
        }
    }

    #[test]
    fn lsn_decoders_never_panic() {
        let mut r = Rng(0x9E37_79B9_7F4A_7C15);
        for _ in 0..100_000 {
            sqlserver_lsn(&r.bytes(24));
        }
        // the boundaries and texts near the accepted form
        sqlserver_lsn(&[0xff; 10]);
        sqlserver_lsn(&[0; 10]);
        for t in [
            "00000027:00000758:0003",
            "FFFFFFFF:FFFFFFFF:FFFF",
            "0000002 :00000758:0003",
            "00000027:00000758:000é",
            "+0000027:00000758:0003",
            "00000027:00000758:0003:",
            "",
        ] {
            sqlserver_lsn(t.as_bytes());
        }
    }

    #[test]
    fn value_layer_never_panics() {
        let mut r = Rng(0xD1B5_4A32_D192_ED03);
        for _ in 0..200_000 {
            sqlserver_value(&r.bytes(48));
        }
        // every type with every variant at its extremes
        for ty in 0..TYPES.len() as u8 {
            for variant in 0..19u8 {
                for fill in [0x00u8, 0xff, 0x7f, 0x80] {
                    for modes in [0u8, 13, 35] {
                        let mut input = vec![ty, 38, 38, modes, 1, variant];
                        input.extend([fill; 40]);
                        sqlserver_value(&input);
                        input[1] = 7;
                        input[2] = 7;
                        sqlserver_value(&input);
                    }
                }
            }
        }
    }
}
