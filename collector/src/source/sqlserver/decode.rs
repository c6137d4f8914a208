//! Driver values (`tiberius::ColumnData`, TDS units) → [`SqlValue`] (civil units the value layer
//! writes): `date` counts days from 0001-01-01, `datetime` days from 1900-01-01 and 1/300 s,
//! `smalldatetime` days from 1900-01-01 and minutes, `time`/`datetime2` increments of 10^-scale
//! s, `datetimeoffset` is UTC plus an offset in minutes; `money` arrives as a scale-4 numeric;
//! a `uniqueidentifier` prints upper-case, as SQL Server and its JDBC driver print it.

use tiberius::ColumnData;

use super::value::{SqlValue, ValueError};

/// Days from 0001-01-01 to 1970-01-01.
const DAYS_0001_TO_1970: i64 = 719_162;
/// Days from 1900-01-01 to 1970-01-01.
const DAYS_1900_TO_1970: i64 = 25_567;
const DAY_NS: u64 = 86_400_000_000_000;

fn time_ns(t: tiberius::time::Time) -> u64 {
    let per = 10u64.pow(9u32.saturating_sub(t.scale() as u32));
    t.increments().saturating_mul(per)
}

/// The value of one column as the value layer takes it.
pub(crate) fn from_driver(data: &ColumnData<'_>) -> Result<SqlValue, ValueError> {
    let v = match data {
        ColumnData::U8(v) => v.map(|n| SqlValue::Int(n.into())),
        ColumnData::I16(v) => v.map(|n| SqlValue::Int(n.into())),
        ColumnData::I32(v) => v.map(|n| SqlValue::Int(n.into())),
        ColumnData::I64(v) => v.map(SqlValue::Int),
        ColumnData::F32(v) => v.map(SqlValue::F32),
        ColumnData::F64(v) => v.map(SqlValue::F64),
        ColumnData::Bit(v) => v.map(SqlValue::Bit),
        ColumnData::String(v) => v.as_ref().map(|s| SqlValue::Text(s.to_string())),
        ColumnData::Guid(v) => v.map(|g| SqlValue::Text(g.to_string().to_ascii_uppercase())),
        ColumnData::Binary(v) => v.as_ref().map(|b| SqlValue::Bytes(b.to_vec())),
        ColumnData::Numeric(v) => v.map(|n| SqlValue::Decimal {
            unscaled: n.value(),
            scale: n.scale(),
        }),
        ColumnData::Xml(v) => v.as_ref().map(|x| SqlValue::Text(x.to_string())),
        ColumnData::DateTime(v) => v.map(|d| {
            let nanos = (d.seconds_fragments() as u64 * 1_000_000_000 + 150) / 300;
            SqlValue::DateTime {
                days: d.days() as i64 - DAYS_1900_TO_1970,
                nanos,
            }
        }),
        ColumnData::SmallDateTime(v) => v.map(|d| SqlValue::DateTime {
            days: d.days() as i64 - DAYS_1900_TO_1970,
            nanos: d.seconds_fragments() as u64 * 60_000_000_000,
        }),
        ColumnData::Time(v) => v.map(|t| SqlValue::Time(time_ns(t))),
        ColumnData::Date(v) => v.map(|d| SqlValue::Date(d.days() as i64 - DAYS_0001_TO_1970)),
        ColumnData::DateTime2(v) => v.map(|d| SqlValue::DateTime {
            days: d.date().days() as i64 - DAYS_0001_TO_1970,
            nanos: time_ns(d.time()),
        }),
        ColumnData::DateTimeOffset(v) => v.map(|d| {
            // the wire holds UTC; the value layer prints the local time with its offset
            let utc = d.datetime2();
            let local = (utc.date().days() as i64 - DAYS_0001_TO_1970) as i128 * DAY_NS as i128
                + time_ns(utc.time()) as i128
                + d.offset() as i128 * 60_000_000_000;
            SqlValue::DateTimeOffset {
                days: local.div_euclid(DAY_NS as i128) as i64,
                nanos: local.rem_euclid(DAY_NS as i128) as u64,
                offset_minutes: d.offset(),
            }
        }),
    };
    Ok(v.unwrap_or(SqlValue::Null))
}

#[cfg(test)]
mod tests {
    use super::super::value::{ColumnCodec, ColumnType};
    use super::*;
    use crate::value::EncodingOptions;
    use tiberius::numeric::Numeric;
    use tiberius::time::{Date, DateTime, DateTime2, DateTimeOffset, SmallDateTime, Time};

    /// The JSON of a driver value in a column of `ty` (`name`, precision, scale).
    fn json(name: &str, precision: u8, scale: u8, data: ColumnData<'_>) -> String {
        let t = ColumnType {
            name: name.into(),
            precision,
            scale,
        };
        let codec = ColumnCodec::new(&t, &EncodingOptions::default()).unwrap();
        let mut out = String::new();
        codec.write(&from_driver(&data).unwrap(), &mut out).unwrap();
        out
    }

    /// Debezium's expectations (`testdata/sqlserver/types.json`, adaptive mode) from values in
    /// the units TDS carries them in, computed by hand from the test's inserts.
    #[test]
    fn tds_units_become_debeziums_values() {
        // date '2018-07-13': 736,887 days after 0001-01-01
        assert_eq!(
            json("date", 0, 0, ColumnData::Date(Some(Date::new(736_887)))),
            "17725"
        );
        // time(2) '10:23:45.678' stored as 10:23:45.68
        assert_eq!(
            json(
                "time",
                0,
                2,
                ColumnData::Time(Some(Time::new(3_742_568, 2)))
            ),
            "37425680"
        );
        // time(7) '10:23:45.6789012'
        assert_eq!(
            json(
                "time",
                0,
                7,
                ColumnData::Time(Some(Time::new(374_256_789_012, 7)))
            ),
            "37425678901200"
        );
        // datetime2(7) '2018-07-13 11:23:45.34'
        let d2 = DateTime2::new(Date::new(736_887), Time::new(410_253_400_000, 7));
        assert_eq!(
            json("datetime2", 0, 7, ColumnData::DateTime2(Some(d2))),
            "1531481025340000000"
        );
        // datetime '2018-07-13 13:23:45.78': 43,292 days after 1900-01-01, 14,467,734 / 300 s
        assert_eq!(
            json(
                "datetime",
                0,
                3,
                ColumnData::DateTime(Some(DateTime::new(43_292, 14_467_734)))
            ),
            "1531488225780"
        );
        // smalldatetime '2018-07-13 14:23:45' stored as 14:24
        assert_eq!(
            json(
                "smalldatetime",
                0,
                0,
                ColumnData::SmallDateTime(Some(SmallDateTime::new(43_292, 864)))
            ),
            "1531491840000"
        );
        // datetimeoffset '2018-07-13 12:23:45.456+11:00' travels as 01:23:45.456 UTC, +660
        let utc = DateTime2::new(Date::new(736_887), Time::new(50_254_560_000, 7));
        assert_eq!(
            json(
                "datetimeoffset",
                0,
                7,
                ColumnData::DateTimeOffset(Some(DateTimeOffset::new(utc, 660)))
            ),
            "\"2018-07-13T12:23:45.456+11:00\""
        );
        // tinyint 22, money 6.323 (a scale-4 numeric on the wire), decimal(6,3) 1.123
        assert_eq!(json("tinyint", 0, 0, ColumnData::U8(Some(22))), "22");
        let s = EncodingOptions {
            decimal: crate::value::DecimalMode::String,
            ..EncodingOptions::default()
        };
        let money = ColumnCodec::new(
            &ColumnType {
                name: "money".into(),
                precision: 19,
                scale: 4,
            },
            &s,
        )
        .unwrap();
        let mut out = String::new();
        let v = from_driver(&ColumnData::Numeric(Some(Numeric::new_with_scale(
            63_230, 4,
        ))))
        .unwrap();
        money.write(&v, &mut out).unwrap();
        assert_eq!(out, "\"6.3230\"");
        // uniqueidentifier: upper-case text
        let g = tiberius::Uuid::parse_str("6f9619ff-8b86-d011-b42d-00c04fc964ff").unwrap();
        assert_eq!(
            json("uniqueidentifier", 0, 0, ColumnData::Guid(Some(g))),
            "\"6F9619FF-8B86-D011-B42D-00C04FC964FF\""
        );
        assert_eq!(json("int", 0, 0, ColumnData::I32(None)), "null");
    }
}
