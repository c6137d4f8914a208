//! Debezium's offsets as its Redis offset store keeps them: a hash (default key
//! `metadata:debezium:offsets`) whose field is the JSON array `[<engine name>, <partition>]` and
//! whose value is the connector's offset map as JSON. Each database has a typed position that
//! serializes to exactly that map.

use serde_json::{Map, Value};

/// Default hash key of `RedisOffsetBackingStore`.
pub const DEFAULT_OFFSETS_KEY: &str = "metadata:debezium:offsets";
/// Debezium Server names the engine after the sink type.
pub const DEFAULT_ENGINE_NAME: &str = "redis";

/// The hash field for a connector whose partition is `{"server": prefix}` (Postgres, MySQL, Oracle).
pub fn server_partition_field(engine: &str, prefix: &str) -> String {
    let v = Value::Array(vec![
        Value::String(engine.to_string()),
        Value::Object(Map::from_iter([(
            "server".to_string(),
            Value::String(prefix.to_string()),
        )])),
    ]);
    v.to_string()
}

/// A Postgres LSN.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct PgLsn(pub u64);

impl PgLsn {
    pub fn parse(s: &str) -> Option<PgLsn> {
        let (hi, lo) = s.split_once('/')?;
        Some(PgLsn(
            (u64::from_str_radix(hi, 16).ok()? << 32) | u64::from_str_radix(lo, 16).ok()?,
        ))
    }
}

impl std::fmt::Display for PgLsn {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:X}/{:X}", self.0 >> 32, self.0 & 0xffff_ffff)
    }
}

/// Debezium's Postgres offset (`PostgresOffsetContext`).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PgOffset {
    /// LSN of the last event handled.
    pub lsn: Option<PgLsn>,
    /// Last completely processed LSN: resuming starts here.
    pub lsn_proc: Option<PgLsn>,
    /// LSN of the last transaction's commit.
    pub lsn_commit: Option<PgLsn>,
    pub tx_id: Option<i64>,
    pub ts_usec: Option<i64>,
    pub message_type: Option<String>,
    /// `Some("INITIAL")` while a snapshot runs (Debezium 3.x writes a string; 2.x wrote `true`).
    pub snapshot: Option<String>,
    pub last_snapshot_record: Option<bool>,
    pub snapshot_completed: Option<bool>,
    pub xmin: Option<i64>,
    /// Keys we do not interpret, kept so a round trip does not lose them.
    pub other: Map<String, Value>,
}

/// An offset value that is not a JSON object of the expected shape.
#[derive(Debug, thiserror::Error)]
#[error("offset value is not a Debezium Postgres offset: {0}")]
pub struct BadOffset(pub String);

impl PgOffset {
    /// Whether this offset was written in the middle of a snapshot.
    pub fn in_snapshot(&self) -> bool {
        self.snapshot.is_some() && self.snapshot_completed != Some(true)
    }

    pub fn to_json(&self) -> String {
        let mut m = Map::new();
        let num = |v: u64| Value::from(v);
        if let Some(v) = self.lsn_proc {
            m.insert("lsn_proc".into(), num(v.0));
        }
        if let Some(v) = &self.message_type {
            m.insert("messageType".into(), Value::from(v.clone()));
        }
        if let Some(v) = self.lsn_commit {
            m.insert("lsn_commit".into(), num(v.0));
        }
        if let Some(v) = self.lsn {
            m.insert("lsn".into(), num(v.0));
        }
        if let Some(v) = self.tx_id {
            m.insert("txId".into(), Value::from(v));
        }
        if let Some(v) = self.xmin {
            m.insert("xmin".into(), Value::from(v));
        }
        if let Some(v) = self.ts_usec {
            m.insert("ts_usec".into(), Value::from(v));
        }
        if let Some(v) = &self.snapshot {
            m.insert("snapshot".into(), Value::from(v.clone()));
        }
        if let Some(v) = self.last_snapshot_record {
            m.insert("last_snapshot_record".into(), Value::from(v));
        }
        if let Some(v) = self.snapshot_completed {
            m.insert("snapshot_completed".into(), Value::from(v));
        }
        for (k, v) in &self.other {
            m.insert(k.clone(), v.clone());
        }
        Value::Object(m).to_string()
    }

    pub fn from_json(s: &str) -> Result<PgOffset, BadOffset> {
        let v: Value = serde_json::from_str(s).map_err(|e| BadOffset(e.to_string()))?;
        let Value::Object(mut m) = v else {
            return Err(BadOffset("not an object".into()));
        };
        let lsn = |m: &mut Map<String, Value>, k: &str| -> Result<Option<PgLsn>, BadOffset> {
            match m.remove(k) {
                None | Some(Value::Null) => Ok(None),
                Some(Value::Number(n)) => n
                    .as_u64()
                    .or_else(|| n.as_i64().map(|i| i as u64))
                    .map(|v| Some(PgLsn(v)))
                    .ok_or_else(|| BadOffset(format!("{k} is not an integer"))),
                Some(Value::String(s)) => s
                    .parse::<u64>()
                    .ok()
                    .or_else(|| PgLsn::parse(&s).map(|l| l.0))
                    .map(|v| Some(PgLsn(v)))
                    .ok_or_else(|| BadOffset(format!("{k} is not an LSN"))),
                Some(_) => Err(BadOffset(format!("{k} has the wrong type"))),
            }
        };
        let int = |m: &mut Map<String, Value>, k: &str| -> Option<i64> {
            match m.remove(k) {
                Some(Value::Number(n)) => n.as_i64(),
                Some(Value::String(s)) => s.parse().ok(),
                _ => None,
            }
        };
        let boolean = |m: &mut Map<String, Value>, k: &str| -> Option<bool> {
            match m.remove(k) {
                Some(Value::Bool(b)) => Some(b),
                Some(Value::String(s)) => s.parse().ok(),
                _ => None,
            }
        };
        let snapshot = match m.remove("snapshot") {
            Some(Value::Bool(true)) => Some("INITIAL".to_string()),
            Some(Value::String(s)) if !s.is_empty() && s != "false" && s != "FALSE" => Some(s),
            _ => None,
        };
        Ok(PgOffset {
            lsn: lsn(&mut m, "lsn")?,
            lsn_proc: lsn(&mut m, "lsn_proc")?,
            lsn_commit: lsn(&mut m, "lsn_commit")?,
            tx_id: int(&mut m, "txId"),
            ts_usec: int(&mut m, "ts_usec"),
            xmin: int(&mut m, "xmin"),
            message_type: match m.remove("messageType") {
                Some(Value::String(s)) => Some(s),
                _ => None,
            },
            snapshot,
            last_snapshot_record: boolean(&mut m, "last_snapshot_record"),
            snapshot_completed: boolean(&mut m, "snapshot_completed"),
            other: m,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_is_debezium_shape() {
        assert_eq!(
            server_partition_field("redis", "dbserver1"),
            r#"["redis",{"server":"dbserver1"}]"#
        );
    }

    #[test]
    fn reads_debezium_written_offset() {
        let s = r#"{"lsn_proc":609821992,"messageType":"DELETE","lsn_commit":609821992,"lsn":609821992,"txId":1426,"ts_usec":1795287473573139}"#;
        let o = PgOffset::from_json(s).unwrap();
        assert_eq!(o.lsn_proc, Some(PgLsn(609821992)));
        assert_eq!(o.tx_id, Some(1426));
        assert!(!o.in_snapshot());
        assert_eq!(o.to_json(), s);
        let snap = PgOffset::from_json(r#"{"snapshot":true,"lsn":5,"last_snapshot_record":false}"#)
            .unwrap();
        assert!(snap.in_snapshot());
        assert!(PgOffset::from_json("[1]").is_err());
    }

    #[test]
    fn lsn_text() {
        assert_eq!(PgLsn::parse("16/B374D848"), Some(PgLsn(0x16_B374_D848)));
        assert_eq!(PgLsn(0x16_B374_D848).to_string(), "16/B374D848");
    }
}

/// Debezium's MySQL/MariaDB offset (`BinlogOffsetContext`): restart from binlog `file`/`pos`
/// (the start of the transaction or event), skipping `event` events and `row` rows after it;
/// `gtids` is the GTID set (MySQL `uuid:1-5` or MariaDB `0-1-5` lists) when GTIDs are used.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct MySqlOffset {
    pub ts_sec: Option<i64>,
    pub file: String,
    pub pos: u64,
    pub gtids: Option<String>,
    /// Events to skip after `pos` (omitted when 0).
    pub event: Option<i64>,
    /// Rows to skip within the event (omitted when 0).
    pub row: Option<i64>,
    pub server_id: Option<i64>,
    /// `Some("INITIAL")` while a snapshot runs (2.x wrote `true`).
    pub snapshot: Option<String>,
    /// Keys we do not interpret, kept so a round trip does not lose them.
    pub other: Map<String, Value>,
}

impl MySqlOffset {
    /// Whether this offset was written in the middle of a snapshot.
    pub fn in_snapshot(&self) -> bool {
        self.snapshot.is_some()
    }

    /// The JSON Debezium stores (keys in the order Debezium's map happened to write them).
    pub fn to_json(&self) -> String {
        let mut m = Map::new();
        if let Some(v) = self.ts_sec {
            m.insert("ts_sec".into(), Value::from(v));
        }
        m.insert("file".into(), Value::from(self.file.clone()));
        m.insert("pos".into(), Value::from(self.pos));
        if let Some(v) = &self.gtids {
            m.insert("gtids".into(), Value::from(v.clone()));
        }
        if let Some(v) = self.event.filter(|e| *e != 0) {
            m.insert("event".into(), Value::from(v));
        }
        if let Some(v) = self.row.filter(|r| *r != 0) {
            m.insert("row".into(), Value::from(v));
        }
        if let Some(v) = self.server_id.filter(|s| *s != 0) {
            m.insert("server_id".into(), Value::from(v));
        }
        if let Some(v) = &self.snapshot {
            m.insert("snapshot".into(), Value::from(v.clone()));
        }
        for (k, v) in &self.other {
            m.insert(k.clone(), v.clone());
        }
        Value::Object(m).to_string()
    }

    pub fn from_json(s: &str) -> Result<MySqlOffset, BadOffset> {
        let v: Value = serde_json::from_str(s).map_err(|e| BadOffset(e.to_string()))?;
        let Value::Object(mut m) = v else {
            return Err(BadOffset("not an object".into()));
        };
        let int = |m: &mut Map<String, Value>, k: &str| -> Option<i64> {
            match m.remove(k) {
                Some(Value::Number(n)) => n.as_i64(),
                Some(Value::String(s)) => s.parse().ok(),
                _ => None,
            }
        };
        let file = match m.remove("file") {
            Some(Value::String(f)) if !f.is_empty() => f,
            _ => return Err(BadOffset("a MySQL offset needs `file`".into())),
        };
        let pos =
            int(&mut m, "pos").ok_or_else(|| BadOffset("a MySQL offset needs `pos`".into()))?;
        let snapshot = match m.remove("snapshot") {
            Some(Value::Bool(true)) => Some("INITIAL".to_string()),
            Some(Value::String(s)) if !s.is_empty() && s != "false" => Some(s),
            _ => None,
        };
        Ok(MySqlOffset {
            ts_sec: int(&mut m, "ts_sec"),
            file,
            pos: pos.max(0) as u64,
            gtids: match m.remove("gtids") {
                Some(Value::String(s)) => Some(s),
                _ => None,
            },
            event: int(&mut m, "event"),
            row: int(&mut m, "row"),
            server_id: int(&mut m, "server_id"),
            snapshot,
            other: m,
        })
    }
}

#[cfg(test)]
mod mysql_tests {
    use super::*;

    #[test]
    fn reads_and_writes_the_golden_mysql_offset() {
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../testdata/envelopes/mysql/server/metadata/offsets.json"
        ))
        .unwrap();
        let doc: Value = serde_json::from_str(&text).unwrap();
        let field = &doc["fields"][0];
        assert_eq!(
            field["field"].to_string(),
            server_partition_field("redis", "dbserver1")
        );
        let raw = field["value"].to_string();
        let o = MySqlOffset::from_json(&raw).unwrap();
        assert_eq!(o.file, "binlog.000006");
        assert_eq!(o.pos, 19721);
        assert_eq!(o.row, Some(1));
        assert!(!o.in_snapshot());
        assert_eq!(
            o.to_json(),
            raw,
            "round trip keeps Debezium's keys and order"
        );
        let gtid = MySqlOffset::from_json(
            r#"{"file":"b.000001","pos":4,"gtids":"0-1-5","snapshot":true}"#,
        )
        .unwrap();
        assert!(gtid.in_snapshot());
        assert_eq!(gtid.gtids.as_deref(), Some("0-1-5"));
        assert!(MySqlOffset::from_json(r#"{"pos":4}"#).is_err());
    }
}
