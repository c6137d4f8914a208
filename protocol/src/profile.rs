//! Output profile: how a change record becomes a Redis stream entry. Mirrors the settings of
//! Debezium Server's Redis sink (`message.format`, `null.key`, `null.value`) and of the JSON
//! converters (`schemas.enable`).

/// `debezium.sink.redis.message.format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MessageFormat {
    /// One field per entry: key JSON -> value JSON.
    Compact,
    /// Fields `key`, `value`, then each record header upper-cased.
    Extended,
}

/// Everything that shapes the bytes of an entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputProfile {
    pub message_format: MessageFormat,
    pub key_schemas: bool,
    pub value_schemas: bool,
    pub null_key: String,
    pub null_value: String,
}

impl OutputProfile {
    /// Debezium Server defaults.
    pub fn server() -> Self {
        OutputProfile {
            message_format: MessageFormat::Compact,
            key_schemas: true,
            value_schemas: true,
            null_key: "default".into(),
            null_value: "default".into(),
        }
    }

    /// What Redis Data Integration's collector sets.
    pub fn rdi() -> Self {
        OutputProfile {
            message_format: MessageFormat::Extended,
            key_schemas: false,
            value_schemas: false,
            null_key: "default".into(),
            null_value: "default".into(),
        }
    }
}
