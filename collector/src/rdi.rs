//! RDI's `config.yaml` as the collector's configuration: one source of its `sources:` section
//! (`--source NAME`, or the only one) is translated into Debezium Server properties, which then go
//! through the same translation as `application.properties` — so every key RDI passes through
//! (`advanced.source`, `advanced.sink`) means here what it means in Debezium Server.
//!
//! What RDI 2.0 names after the source (`data-pipelines/multiple-sources.md`), for a source `pg`:
//! - topic prefix `pg`, change streams `data:{rdi}:pg.<schema>.<table>` (the processor's DLQ:
//!   `dlq:` + that name);
//! - offsets in `metadata:debezium:offsets` under Debezium's partition for server `pg`;
//! - schema history (MySQL, MariaDB, SQL Server) in `metadata:debezium:schema_history:pg` — RDI
//!   does not document this name for a new source; ours keeps sources apart in one Redis.
//!
//! Sections: `connection{type,host,port,database,user,password}` (secrets `${env:X}`, `${X}`,
//! `${file:/path}` as everywhere) and its TLS files `cacert`, `cert`, `key` (RDI's keys; without
//! them, RDI 2.0's secrets `<NAME>_DB_CACERT`/`_CERT`/`_KEY` or `SOURCE_DB_*` from the environment,
//! as paths; a CA without a mode in `advanced.source` means verify-full / verify_identity), `tables.<schema.table>{keys,columns,snapshot_sql}` (→
//! `message.key.columns`, `column.include.list`, `snapshot.select.statement.overrides`),
//! `schemas`, `databases`, `active`, `logging.level` (the log level is `REDCDC_LOG`'s: noted),
//! `advanced.source`, `advanced.sink`, `advanced.quarkus`. Refused by name: `type` other than
//! `cdc`, connection types redcdc has no connector for (`oracle`, ...), `topic.prefix` in
//! `advanced.source` (RDI 2.0 refuses it too), `exclude_columns` (MongoDB only).
//! `targets:` and `processors:` are the processor's.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::config::{Config, ConfigError};

/// The RDI pipeline a collector runs from: which source, and the Redis the streams go to (RDI's
/// own database, which `config.yaml` does not name).
#[derive(Debug, Clone, Default)]
pub struct Pipeline {
    /// `--source` / `REDCDC_SOURCE`.
    pub source: Option<String>,
    /// `--redis` / `REDCDC_REDIS`: `redis://[user:password@]host:port` (`rediss://` for TLS).
    pub redis: Option<String>,
}

/// Whether a parsed YAML document is an RDI pipeline file (it has a `sources:` mapping).
pub fn is_pipeline(doc: &Value) -> bool {
    doc.get("sources").is_some_and(Value::is_object)
}

/// Translates one source of an RDI `config.yaml`.
pub fn from_pipeline(doc: &Value, path: &str, p: &Pipeline) -> Result<Config, ConfigError> {
    let bad = |message: String| ConfigError::Invalid {
        path: path.to_string(),
        message,
    };
    let sources = doc["sources"].as_object().expect("is_pipeline");
    let name = match (&p.source, sources.len()) {
        (Some(n), _) => n.clone(),
        (None, 1) => sources.keys().next().cloned().unwrap_or_default(),
        (None, _) => {
            return Err(bad(format!(
                "sources: {} sources ({}); name the one this collector runs with --source (REDCDC_SOURCE)",
                sources.len(),
                sources.keys().cloned().collect::<Vec<_>>().join(", ")
            )))
        }
    };
    let src = sources.get(&name).ok_or_else(|| {
        bad(format!(
            "sources.{name}: no such source (there are: {})",
            sources.keys().cloned().collect::<Vec<_>>().join(", ")
        ))
    })?;
    let at = |field: &str| format!("sources.{name}.{field}");
    if !valid_source_name(&name) {
        return Err(bad(format!(
            "sources.{name}: a source name starts with a lowercase letter, holds lowercase letters, digits and dashes, ends with a letter or digit, at most 22 characters; `rdi` and `target` are reserved (RDI's rule)"
        )));
    }
    if let Some(t) = src.get("type").and_then(Value::as_str) {
        if t != "cdc" {
            return Err(bad(format!(
                "{}: `{t}` sources (RDI's Flink/RIOT-X collectors) are not supported by redcdc; only `cdc`",
                at("type")
            )));
        }
    }
    if src.get("active") == Some(&Value::Bool(false)) {
        return Err(bad(format!(
            "{}: the source is inactive (active: false); nothing to run",
            at("active")
        )));
    }
    let conn = src
        .get("connection")
        .and_then(Value::as_object)
        .ok_or_else(|| bad(format!("{}: required", at("connection"))))?;
    let text = |v: &Value| match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    };
    let get = |k: &str| conn.get(k).and_then(text);
    let ty = get("type").ok_or_else(|| bad(format!("{}: required", at("connection.type"))))?;
    let class = match ty.as_str() {
        "postgresql" => "io.debezium.connector.postgresql.PostgresConnector",
        "mysql" => "io.debezium.connector.mysql.MySqlConnector",
        "mariadb" => "io.debezium.connector.mariadb.MariaDbConnector",
        "sqlserver" => "io.debezium.connector.sqlserver.SqlServerConnector",
        o => {
            return Err(bad(format!(
                "{}: `{o}` has no redcdc connector (postgresql, mysql, mariadb, sqlserver)",
                at("connection.type")
            )))
        }
    };
    for k in conn.keys() {
        if !matches!(
            k.as_str(),
            "type"
                | "host"
                | "port"
                | "database"
                | "user"
                | "password"
                | "cacert"
                | "cert"
                | "key"
                | "key_password"
        ) {
            return Err(bad(format!(
                "{}: unknown connection property (RDI allows type, host, port, database, user, password; and cacert, cert, key for TLS)",
                at(&format!("connection.{k}"))
            )));
        }
    }
    let tls = source_tls(&name, sources.len() == 1, &get, &at).map_err(bad)?;
    let mut props: BTreeMap<String, String> = BTreeMap::new();
    let mut set = |k: &str, v: String| {
        props.insert(k.to_string(), v);
    };
    set("debezium.sink.type", "redis".into());
    set("debezium.source.connector.class", class.into());
    for (k, prop) in [
        ("host", "database.hostname"),
        ("port", "database.port"),
        ("user", "database.user"),
        ("password", "database.password"),
    ] {
        if let Some(v) = get(k) {
            set(&format!("debezium.source.{prop}"), v);
        }
    }
    // TLS files: Postgres' sslrootcert/sslcert/sslkey, MySQL's PEM equivalents of the keystores;
    // a CA with no mode set in advanced.source verifies the chain and the host name
    if ty == "sqlserver" && tls.as_ref().is_some_and(|t| t.from == "connection") {
        return Err(bad(format!(
            "{}: TLS to SQL Server is set by database.encrypt, database.trustServerCertificate and database.serverCertificate in advanced.source",
            at("connection.cacert")
        )));
    }
    // RDI 2.0's secrets in the environment are for the sources that read them
    let tls = if ty == "sqlserver" { None } else { tls };
    if let Some(t) = &tls {
        let (ca, cert, key, modes, strict) = if ty == "postgresql" {
            (
                "database.sslrootcert",
                "database.sslcert",
                "database.sslkey",
                ["database.sslmode", "sslmode"],
                "verify-full",
            )
        } else {
            (
                "database.ssl.ca",
                "database.ssl.cert",
                "database.ssl.key",
                ["database.ssl.mode", "ssl.mode"],
                "verify_identity",
            )
        };
        if let Some(v) = &t.ca {
            set(&format!("debezium.source.{ca}"), v.clone());
            let mode_given = src
                .pointer("/advanced/source")
                .and_then(Value::as_object)
                .is_some_and(|a| modes.iter().any(|m| a.contains_key(*m)));
            if !mode_given {
                set(&format!("debezium.source.{}", modes[0]), strict.into());
            }
        }
        if let (Some(c), Some(k)) = (&t.cert, &t.key) {
            set(&format!("debezium.source.{cert}"), c.clone());
            set(&format!("debezium.source.{key}"), k.clone());
        }
    }
    if let Some(db) = get("database") {
        match ty.as_str() {
            "postgresql" => set("debezium.source.database.dbname", db),
            "sqlserver" => set("debezium.source.database.names", db),
            // MySQL/MariaDB capture what `databases` lists
            _ => {}
        }
    }
    set("debezium.source.topic.prefix", name.clone());
    if matches!(ty.as_str(), "mysql" | "mariadb" | "sqlserver") {
        set(
            "debezium.source.schema.history.internal.redis.key",
            format!("metadata:debezium:schema_history:{name}"),
        );
    }
    if matches!(ty.as_str(), "mysql" | "mariadb") {
        // the binlog client's server id (advanced.source's `database.server.id` wins): fixed per
        // source name, so the instances of one source share it (the server drops the old
        // connection of a stale one) and two sources on one server do not collide
        set(
            "debezium.source.database.server.id",
            server_id(&name).to_string(),
        );
    }
    // RDI's collector: the extended message format, no schemas, decimals as strings, no
    // tombstones, and the `data:{rdi}:` prefix
    for (k, v) in [
        ("debezium.sink.redis.message.format", "extended"),
        ("debezium.source.key.converter.schemas.enable", "false"),
        ("debezium.source.value.converter.schemas.enable", "false"),
        ("debezium.source.decimal.handling.mode", "string"),
        ("debezium.source.tombstones.on.delete", "false"),
        ("debezium.transforms", "AddPrefix"),
        (
            "debezium.transforms.AddPrefix.type",
            "org.apache.kafka.connect.transforms.RegexRouter",
        ),
        ("debezium.transforms.AddPrefix.regex", "(.*)"),
        ("debezium.transforms.AddPrefix.replacement", "data:{rdi}:$1"),
    ] {
        set(k, v.into());
    }
    let list = |field: &str| -> Result<Option<String>, ConfigError> {
        match src.get(field) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::Array(a)) => {
                let items: Option<Vec<String>> = a.iter().map(text).collect();
                items
                    .map(|v| Some(v.join(",")))
                    .ok_or_else(|| bad(format!("{}: a list of names", at(field))))
            }
            Some(_) => Err(bad(format!("{}: a list of names", at(field)))),
        }
    };
    if let Some(s) = list("schemas")? {
        set("debezium.source.schema.include.list", s);
    }
    if let Some(d) = list("databases")? {
        set("debezium.source.database.include.list", d);
    }
    match src.get("tables") {
        None | Some(Value::Null) => {}
        Some(Value::Object(tables)) => {
            let mut keys: Vec<String> = Vec::new();
            let mut columns: std::collections::BTreeMap<String, Vec<String>> = Default::default();
            let mut snapshot_sql: Vec<(String, String)> = Vec::new();
            for (table, opts) in tables {
                let field = |f: &str| at(&format!("tables.{table}.{f}"));
                let Some(opts) = opts.as_object() else {
                    if opts.is_null() {
                        continue;
                    }
                    return Err(bad(format!(
                        "{}: a mapping (keys, columns, snapshot_sql)",
                        at(&format!("tables.{table}"))
                    )));
                };
                for (k, v) in opts {
                    match k.as_str() {
                        "keys" => {
                            let cols: Option<Vec<String>> =
                                v.as_array().map(|a| a.iter().filter_map(text).collect());
                            match cols {
                                Some(c) if !c.is_empty() => {
                                    keys.push(format!("{table}:{}", c.join(",")))
                                }
                                _ => {
                                    return Err(bad(format!(
                                        "{}: a list of column names",
                                        field("keys")
                                    )))
                                }
                            }
                        }
                        "columns" | "snapshot_sql" if v.is_null() => {}
                        "columns" => {
                            let cols: Option<Vec<String>> =
                                v.as_array().map(|a| a.iter().filter_map(text).collect());
                            match cols {
                                Some(c)
                                    if !c.is_empty()
                                        && c.len() == v.as_array().map_or(0, Vec::len) =>
                                {
                                    columns.insert(table.clone(), c)
                                }
                                _ => {
                                    return Err(bad(format!(
                                        "{}: a list of column names",
                                        field("columns")
                                    )))
                                }
                            };
                        }
                        "snapshot_sql" => match v.as_str().map(str::trim) {
                            Some(sql) if !sql.is_empty() => {
                                snapshot_sql.push((table.clone(), sql.to_string()))
                            }
                            _ => {
                                return Err(bad(format!(
                                    "{}: a SELECT statement",
                                    field("snapshot_sql")
                                )))
                            }
                        },
                        "exclude_columns" => {
                            return Err(bad(format!("{}: MongoDB only (RDI)", field(k))))
                        }
                        _ => {
                            return Err(bad(format!(
                                "{}: unknown table option (keys, columns, snapshot_sql)",
                                field(k)
                            )))
                        }
                    }
                }
            }
            set(
                "debezium.source.table.include.list",
                tables.keys().cloned().collect::<Vec<_>>().join(","),
            );
            if !keys.is_empty() {
                set("debezium.source.message.key.columns", keys.join(";"));
            }
            // `columns` → `column.include.list` (`schema.table.column`; a table given without
            // `columns` keeps all of its columns); key columns stay in the message key
            if !columns.is_empty() {
                let mut include: Vec<String> = Vec::new();
                for table in tables.keys() {
                    match columns.get(table) {
                        Some(cols) => include.extend(
                            cols.iter()
                                .map(|c| format!("{table}.{}", c.replace(',', "\\,"))),
                        ),
                        None => include.push(format!("{table}\\..*")),
                    }
                }
                set("debezium.source.column.include.list", include.join(","));
            }
            // `snapshot_sql` → `snapshot.select.statement.overrides`
            if !snapshot_sql.is_empty() {
                set(
                    "debezium.source.snapshot.select.statement.overrides",
                    snapshot_sql
                        .iter()
                        .map(|(t, _)| t.clone())
                        .collect::<Vec<_>>()
                        .join(","),
                );
                for (t, sql) in snapshot_sql {
                    set(
                        &format!("debezium.source.snapshot.select.statement.overrides.{t}"),
                        sql,
                    );
                }
            }
        }
        Some(_) => {
            return Err(bad(format!(
                "{}: a mapping of schema.table to its options",
                at("tables")
            )))
        }
    }
    if let Some(adv) = src.get("advanced").and_then(Value::as_object) {
        for (section, entries) in adv {
            let prefix = match section.as_str() {
                "source" => "debezium.source.",
                "sink" => "debezium.sink.",
                "quarkus" => "quarkus.",
                // the JVM and Kubernetes resources of RDI's Java collector
                "java_options" | "resources" => continue,
                o => {
                    return Err(bad(format!(
                        "{}: not supported by redcdc (source, sink, quarkus)",
                        at(&format!("advanced.{o}"))
                    )))
                }
            };
            let Some(entries) = entries.as_object() else {
                return Err(bad(format!(
                    "{}: a mapping of properties",
                    at(&format!("advanced.{section}"))
                )));
            };
            for (k, v) in entries {
                if section == "source" && k == "topic.prefix" {
                    return Err(bad(format!(
                        "{}: the topic prefix is the source name (RDI 2.0 refuses it too)",
                        at("advanced.source.topic.prefix")
                    )));
                }
                let v = text(v).ok_or_else(|| {
                    bad(format!(
                        "{}: a scalar",
                        at(&format!("advanced.{section}.{k}"))
                    ))
                })?;
                set(&format!("{prefix}{k}"), v);
            }
        }
    }
    match p.redis.as_deref() {
        Some(url) => {
            for (k, v) in redis_properties(url).map_err(bad)? {
                set(&k, v);
            }
        }
        None => {
            return Err(bad(
                "an RDI config.yaml does not name the Redis the streams go to: give --redis redis://host:port (REDCDC_REDIS)"
                    .into(),
            ))
        }
    }
    if let Some(l) = src.pointer("/logging/level").and_then(Value::as_str) {
        tracing::info!(source = %name, level = l, "logging.level is set by REDCDC_LOG here");
    }
    let text: String = props
        .iter()
        .map(|(k, v)| format!("{k}={}\n", escape(v)))
        .collect();
    Config::from_properties(&text, path)
}

/// A source's TLS files (paths), and where they were found.
struct SourceTls {
    ca: Option<String>,
    cert: Option<String>,
    key: Option<String>,
    /// Where: `connection.<field>`, or the environment variables' prefix (`SOURCE_DB_`).
    from: String,
}

/// The TLS files of a source: `connection.cacert`/`cert`/`key` (RDI's keys, usually
/// `${SOURCE_DB_CACERT}` ...; a reference to an unset or empty variable means none), or else
/// RDI 2.0's secrets as environment variables holding the paths — all from `<NAME>_DB_` (the
/// source name upper-cased, `-` as `_`), or, for the only source of the file, `SOURCE_DB_`. An
/// encrypted key (`key_password`) is refused by name.
fn source_tls(
    name: &str,
    only_source: bool,
    get: &dyn Fn(&str) -> Option<String>,
    at: &dyn Fn(&str) -> String,
) -> Result<Option<SourceTls>, String> {
    // a field's value with a whole `${...}` reference resolved; unset or empty: none
    let field = |k: &str| -> Option<String> {
        get(k)
            .and_then(|v| ops::secret::resolve(&v).ok())
            .filter(|v| !v.trim().is_empty())
    };
    let explicit = ["cacert", "cert", "key", "key_password"]
        .iter()
        .any(|k| get(k).is_some());
    let (t, password, password_at) = if explicit {
        (
            SourceTls {
                ca: field("cacert"),
                cert: field("cert"),
                key: field("key"),
                from: "connection".into(),
            },
            field("key_password"),
            at("connection.key_password"),
        )
    } else {
        let own = format!("{}_DB_", name.to_uppercase().replace('-', "_"));
        let prefixes = if only_source {
            vec![own, "SOURCE_DB_".to_string()]
        } else {
            vec![own]
        };
        let var = |prefix: &str, what: &str| {
            std::env::var(format!("{prefix}{what}"))
                .ok()
                .filter(|v| !v.trim().is_empty())
        };
        let Some(prefix) = prefixes.into_iter().find(|p| {
            ["CACERT", "CERT", "KEY", "KEY_PASSWORD"]
                .iter()
                .any(|w| var(p, w).is_some())
        }) else {
            return Ok(None);
        };
        (
            SourceTls {
                ca: var(&prefix, "CACERT"),
                cert: var(&prefix, "CERT"),
                key: var(&prefix, "KEY"),
                from: prefix.clone(),
            },
            var(&prefix, "KEY_PASSWORD"),
            format!("{prefix}KEY_PASSWORD (environment)"),
        )
    };
    if password.is_some() {
        return Err(format!(
            "{password_at}: an encrypted private key is not supported; give the key decrypted (openssl pkey -in key.pem -out key-plain.pem) and drop the password"
        ));
    }
    if t.cert.is_some() != t.key.is_some() {
        let missing = if t.cert.is_some() { "key" } else { "cert" };
        return Err(if explicit {
            format!(
                "{}: cert and key go together (a client certificate needs its key)",
                at(&format!("connection.{missing}"))
            )
        } else {
            format!(
                "{}{} (environment): cert and key go together (a client certificate needs its key)",
                t.from,
                missing.to_uppercase()
            )
        });
    }
    if t.ca.is_none() && t.cert.is_none() {
        return Ok(None);
    }
    Ok(Some(t))
}

/// A MySQL server id for a source name: 5400000 + (FNV-1a of the name mod 1000000).
fn server_id(name: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in name.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    5_400_000 + h % 1_000_000
}

/// RDI's source name rule.
fn valid_source_name(n: &str) -> bool {
    let b = n.as_bytes();
    !n.is_empty()
        && n.len() <= 22
        && n != "rdi"
        && n != "target"
        && b[0].is_ascii_lowercase()
        && b[b.len() - 1].is_ascii_alphanumeric()
        && b.iter()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == b'-')
}

/// `redis://[user:password@]host:port` → the sink's properties.
fn redis_properties(url: &str) -> Result<Vec<(String, String)>, String> {
    let (tls, rest) = if let Some(r) = url.strip_prefix("rediss://") {
        (true, r)
    } else if let Some(r) = url.strip_prefix("redis://") {
        (false, r)
    } else {
        return Err(format!(
            "--redis `{url}`: expected redis://host:port or rediss://host:port"
        ));
    };
    let rest = rest.trim_end_matches('/');
    let (cred, hostport) = match rest.rsplit_once('@') {
        Some((c, h)) => (Some(c), h),
        None => (None, rest),
    };
    let mut out = vec![(
        "debezium.sink.redis.address".to_string(),
        hostport.to_string(),
    )];
    if let Some(c) = cred {
        let (u, pw) = c.split_once(':').unwrap_or(("", c));
        if !u.is_empty() {
            out.push(("debezium.sink.redis.user".into(), u.to_string()));
        }
        out.push(("debezium.sink.redis.password".into(), pw.to_string()));
    }
    if tls {
        out.push(("debezium.sink.redis.ssl.enabled".into(), "true".into()));
    }
    Ok(out)
}

/// A properties value as written (`\` doubled, line breaks escaped).
fn escape(v: &str) -> String {
    v.replace('\\', "\\\\")
        .replace('\n', "\\n")
        .replace('\r', "\\r")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(y: &str) -> Value {
        serde_yaml_ng::from_str(y).unwrap()
    }

    const PG: &str = "sources:\n  pg:\n    type: cdc\n    connection:\n      type: postgresql\n      host: db\n      port: 5432\n      database: shop\n      user: rdi\n      password: ${env:REDCDC_RDI_TEST_PW:pw}\n    schemas: [public]\n    tables:\n      public.orders:\n        keys: [code]\n      public.items: {}\n    advanced:\n      source:\n        slot.name: rdi_slot\n      sink:\n        redis.batch.size: 50\ntargets:\n  target:\n    connection: {type: redis, host: r, port: 6379}\n";

    fn pipeline() -> Pipeline {
        Pipeline {
            source: None,
            redis: Some("redis://default:pw@redis:6379".into()),
        }
    }

    #[test]
    fn a_postgres_source_becomes_debezium_properties() {
        let c = from_pipeline(&doc(PG), "config.yaml", &pipeline()).unwrap();
        let s = c.validate("config.yaml").unwrap();
        assert_eq!(s.topic_prefix(), "pg");
        let dbg = format!("{s:?}");
        for want in [
            "rdi_slot",
            "public.orders:code",
            "data:{rdi}:",
            "redis:6379",
            "batch_size: 50",
        ] {
            assert!(dbg.contains(want), "{want} not in {dbg}");
        }
    }

    #[test]
    fn columns_and_snapshot_sql_become_the_column_list_and_the_snapshot_statement() {
        let y = PG.replace(
            "keys: [code]",
            "keys: [code]\n        columns: [code, \"a,b\"]\n        snapshot_sql: SELECT * FROM public.orders WHERE code > 10;",
        );
        let c = from_pipeline(&doc(&y), "config.yaml", &pipeline()).unwrap();
        let s = c.clone().validate("config.yaml").unwrap();
        // the listed columns of public.orders; every column of public.items (no `columns`)
        assert!(s.tables.column_shown("public", "orders", "code"));
        assert!(s.tables.column_shown("public", "orders", "a,b"));
        assert!(!s.tables.column_shown("public", "orders", "secret"));
        assert!(s.tables.column_shown("public", "items", "anything"));
        assert!(!s.tables.column_shown("public", "itemsx", "anything"));
        let dbg = format!("{c:?}");
        assert!(
            dbg.contains("\"public.orders\": \"SELECT * FROM public.orders WHERE code > 10;\""),
            "{dbg}"
        );
    }

    #[test]
    fn what_cannot_be_honoured_is_refused_by_its_field() {
        let cases = [
            (
                PG.replace("keys: [code]", "columns: a"),
                "sources.pg.tables.public.orders.columns: a list of column names",
            ),
            (
                PG.replace("keys: [code]", "snapshot_sql: \"\""),
                "sources.pg.tables.public.orders.snapshot_sql: a SELECT statement",
            ),
            (
                PG.replace("type: postgresql", "type: oracle"),
                "sources.pg.connection.type",
            ),
            (
                PG.replace("slot.name: rdi_slot", "topic.prefix: x"),
                "advanced.source.topic.prefix",
            ),
            (PG.replace("type: cdc", "type: flink"), "sources.pg.type"),
            (PG.replace("  pg:\n", "  Pg:\n"), "sources.Pg"),
        ];
        for (y, field) in cases {
            let e = from_pipeline(&doc(&y), "config.yaml", &pipeline())
                .unwrap_err()
                .to_string();
            assert!(e.contains(field), "{field} not in {e}");
        }
        let no_redis = Pipeline::default();
        let e = from_pipeline(&doc(PG), "config.yaml", &no_redis)
            .unwrap_err()
            .to_string();
        assert!(e.contains("--redis"), "{e}");
    }

    #[test]
    fn connection_tls_files_become_the_sources_tls_settings() {
        let dir = tempfile::tempdir().unwrap();
        // files that need not hold certificates: validate() is not called
        let f = |n: &str| dir.path().join(n).display().to_string();
        let tls = format!(
            "      cacert: {}\n      cert: {}\n      key: {}\n",
            f("ca.pem"),
            f("c.pem"),
            f("k.der")
        );
        let pg = PG.replace("    schemas:", &format!("{tls}    schemas:"));
        let dbg = format!(
            "{:?}",
            from_pipeline(&doc(&pg), "config.yaml", &pipeline()).unwrap()
        );
        for want in [
            format!("sslrootcert: Some(\"{}\")", f("ca.pem")),
            format!("sslkey: Some(\"{}\")", f("k.der")),
            "sslmode: VerifyFull".into(),
        ] {
            assert!(dbg.contains(&want), "{want} not in {dbg}");
        }
        // a mode in advanced.source wins
        let pg_ca = pg.replace(
            "slot.name: rdi_slot",
            "slot.name: rdi_slot\n        database.sslmode: verify-ca",
        );
        let dbg = format!(
            "{:?}",
            from_pipeline(&doc(&pg_ca), "config.yaml", &pipeline()).unwrap()
        );
        assert!(dbg.contains("sslmode: VerifyCa"), "{dbg}");
        let my = format!(
            "sources:\n  my:\n    connection:\n      type: mysql\n      host: m\n      port: 3306\n      user: u\n{tls}    databases: [shop]\n"
        );
        let dbg = format!(
            "{:?}",
            from_pipeline(&doc(&my), "config.yaml", &pipeline()).unwrap()
        );
        for want in [
            format!("ssl_ca: Some(\"{}\")", f("ca.pem")),
            format!("ssl_cert: Some(\"{}\")", f("c.pem")),
            "ssl_mode: VerifyIdentity".into(),
        ] {
            assert!(dbg.contains(&want), "{want} not in {dbg}");
        }
        // RDI's form: references to secrets; one unset means no such file
        let refs = my.replace(
            &format!("      cacert: {}\n", f("ca.pem")),
            "      cacert: ${env:REDCDC_RDI_TEST_SURELY_UNSET_CA}\n",
        );
        let dbg = format!(
            "{:?}",
            from_pipeline(&doc(&refs), "config.yaml", &pipeline()).unwrap()
        );
        assert!(
            dbg.contains("ssl_ca: None") && dbg.contains("ssl_mode: Preferred"),
            "{dbg}"
        );
        let refs = my.replace(
            &format!("      cacert: {}\n", f("ca.pem")),
            "      cacert: ${env:REDCDC_RDI_TEST_CA_PATH:/etc/ca-from-default.pem}\n",
        );
        let dbg = format!(
            "{:?}",
            from_pipeline(&doc(&refs), "config.yaml", &pipeline()).unwrap()
        );
        assert!(
            dbg.contains("ssl_ca: Some(\"/etc/ca-from-default.pem\")"),
            "{dbg}"
        );
        // an unset key password is no password
        let unset_pw = my.replace(
            "      key:",
            "      key_password: ${env:REDCDC_RDI_TEST_SURELY_UNSET_PW}\n      key:",
        );
        assert!(from_pipeline(&doc(&unset_pw), "config.yaml", &pipeline()).is_ok());
        // refused by name: an encrypted key, a certificate without its key
        for (y, field) in [
            (
                my.replace("      key:", "      key_password: pw\n      key:"),
                "sources.my.connection.key_password",
            ),
            (
                my.replace(&format!("      key: {}\n", f("k.der")), ""),
                "sources.my.connection.key: cert and key go together",
            ),
        ] {
            let e = from_pipeline(&doc(&y), "config.yaml", &pipeline())
                .unwrap_err()
                .to_string();
            assert!(e.contains(field), "{field} not in {e}");
        }
    }

    #[test]
    fn several_sources_need_a_name() {
        let two = PG.replace("targets:", "  my:\n    connection: {type: mysql, host: m, port: 3306, user: u, password: p}\n    databases: [shop]\ntargets:");
        let e = from_pipeline(&doc(&two), "config.yaml", &pipeline())
            .unwrap_err()
            .to_string();
        assert!(e.contains("--source") && e.contains("pg, my"), "{e}");
        let mut p = pipeline();
        p.source = Some("my".into());
        let s = from_pipeline(&doc(&two), "config.yaml", &p)
            .unwrap()
            .validate("config.yaml")
            .unwrap();
        assert_eq!(s.topic_prefix(), "my");
        assert!(format!("{s:?}").contains("metadata:debezium:schema_history:my"));
        assert_ne!(server_id("my"), server_id("pg"));
        assert!((5_400_000..6_400_000).contains(&server_id("my")));
    }
}
