//! Connections, server facts and prerequisites.

use mysql_async::prelude::Queryable;
use mysql_async::{Conn, OptsBuilder};

use super::MySqlError;
use crate::config::{Flavor, MySqlConfig};

/// What the server is and how its binlog is configured.
#[derive(Debug, Clone)]
pub(crate) struct ServerInfo {
    pub version: String,
    pub mariadb: bool,
    pub server_id: u32,
    pub binlog_format: String,
    pub row_image: String,
    /// `binlog_row_metadata` (MINIMAL when the server has no such variable).
    pub row_metadata: String,
    pub gtid_mode: bool,
}

/// A SQL connection in UTC with the session settings the value codecs expect, over TLS as
/// `ssl_mode` says (`preferred`: TLS when the server offers it, else plain).
pub(crate) async fn connect(cfg: &MySqlConfig) -> Result<Conn, MySqlError> {
    use crate::config::MySqlSslMode as M;
    match cfg.ssl_mode {
        M::Disabled => connect_with(cfg, None).await,
        M::Preferred => match connect_with(cfg, Some(ssl_opts(cfg)?)).await {
            Err(MySqlError::Connect { message, .. }) if message.contains(NO_SERVER_TLS) => {
                connect_with(cfg, None).await
            }
            other => other,
        },
        _ => connect_with(cfg, Some(ssl_opts(cfg)?))
            .await
            .map_err(|e| match e {
                MySqlError::Connect { message, .. } if message.contains(NO_SERVER_TLS) => {
                    MySqlError::Prerequisite {
                        problem: format!(
                            "the server at {}:{} does not offer TLS and source.ssl_mode is {}",
                            cfg.hostname, cfg.port, cfg.ssl_mode.name()
                        ),
                        fix: "give the server ssl_cert/ssl_key (and ssl_ca), or set source.ssl_mode (database.ssl.mode) to preferred or disabled".into(),
                    }
                }
                MySqlError::Connect { message, .. } if is_certificate(&message) => {
                    MySqlError::Prerequisite {
                        problem: format!(
                            "TLS to {}:{} failed: {message} (ssl_mode {})",
                            cfg.hostname, cfg.port, cfg.ssl_mode.name()
                        ),
                        fix: "give source.ssl_ca the CA that signed the server's certificate, connect by the name in it (verify_identity), or use a client certificate the server accepts".into(),
                    }
                }
                o => o,
            }),
    }
}

/// What mysql_async says when the server has no TLS.
const NO_SERVER_TLS: &str = "server does not have this capability";

fn is_certificate(message: &str) -> bool {
    let m = message.to_ascii_lowercase();
    m.contains("certificate") || m.contains("unknownissuer") || m.contains("notvalidforname")
}

fn ssl_opts(cfg: &MySqlConfig) -> Result<mysql_async::SslOpts, MySqlError> {
    use crate::config::MySqlSslMode as M;
    let stores = |problem: String| {
        MySqlError::Prerequisite {
        problem,
        fix: "give database.ssl.truststore / database.ssl.keystore a readable JKS or PKCS#12 store and its password, or the PEM files (ssl_ca, ssl_cert, ssl_key)".into(),
    }
    };
    let path = |p: &str| std::path::PathBuf::from(p).into();
    let mut o = mysql_async::SslOpts::default();
    match cfg.ssl_mode {
        M::VerifyCa | M::VerifyIdentity => {
            let roots = match cfg.truststore_certificates().map_err(stores)? {
                Some(certs) => certs.into_iter().map(Into::into).collect(),
                None => vec![path(
                    cfg.ssl_ca
                        .as_deref()
                        .unwrap_or(crate::tls::SYSTEM_CA_BUNDLE),
                )],
            };
            o = o
                .with_root_certs(roots)
                .with_disable_built_in_roots(true)
                .with_danger_skip_domain_validation(cfg.ssl_mode == M::VerifyCa);
        }
        _ => o = o.with_danger_accept_invalid_certs(true),
    }
    if let Some((chain, key)) = cfg.keystore_identity().map_err(stores)? {
        o = o.with_client_identity(Some(mysql_async::ClientIdentity::new(
            chain.into_bytes().into(),
            key.into_bytes().into(),
        )));
    } else if let (Some(cert), Some(key)) = (&cfg.ssl_cert, &cfg.ssl_key) {
        o = o.with_client_identity(Some(mysql_async::ClientIdentity::new(
            path(cert),
            path(key),
        )));
    }
    Ok(o)
}

async fn connect_with(
    cfg: &MySqlConfig,
    ssl: Option<mysql_async::SslOpts>,
) -> Result<Conn, MySqlError> {
    // a name learnt from an earlier verify_ca connection to this server
    let address = format!("{}:{}", cfg.hostname, cfg.port);
    let known = (cfg.ssl_mode == crate::config::MySqlSslMode::VerifyCa)
        .then(|| CERTIFICATE_NAMES.lock().ok()?.get(&address).cloned())
        .flatten();
    let first = match (&known, &ssl) {
        (Some(name), Some(o)) => Some(
            o.clone()
                .with_danger_tls_hostname_override(Some(name.clone())),
        ),
        _ => ssl.clone(),
    };
    match open(cfg, first).await? {
        Ok(conn) => Ok(conn),
        Err(e) => {
            // verify_ca: mysql_async's skip of the host-name check does not recognise the name
            // error newer rustls gives, so the connection is made again naming one of the
            // certificate's own names — the chain is still checked against the CA, and any name
            // is what verify_ca accepts
            let name = (cfg.ssl_mode == crate::config::MySqlSslMode::VerifyCa)
                .then(|| certificate_name(&e))
                .flatten();
            match (name, ssl) {
                (Some(name), Some(ssl)) => {
                    let conn = open(
                        cfg,
                        Some(ssl.with_danger_tls_hostname_override(Some(name.clone()))),
                    )
                    .await?
                    .map_err(|e| driver_error(cfg, e))?;
                    if let Ok(mut names) = CERTIFICATE_NAMES.lock() {
                        names.insert(address, name);
                    }
                    Ok(conn)
                }
                _ => Err(driver_error(cfg, e)),
            }
        }
    }
}

/// The certificate name each `host:port` answered verify_ca with (one failing handshake per
/// server and process, not per connection).
static CERTIFICATE_NAMES: std::sync::LazyLock<
    std::sync::Mutex<std::collections::HashMap<String, String>>,
> = std::sync::LazyLock::new(Default::default);

/// One connection attempt: the driver's own result, or a timeout.
async fn open(
    cfg: &MySqlConfig,
    ssl: Option<mysql_async::SslOpts>,
) -> Result<Result<Conn, mysql_async::Error>, MySqlError> {
    let opts = OptsBuilder::default()
        .ip_or_hostname(cfg.hostname.clone())
        .tcp_port(cfg.port)
        .user(Some(cfg.user.clone()))
        .pass(cfg.password.as_ref().map(|p| p.expose().to_string()))
        .prefer_socket(false)
        .tcp_keepalive(Some(crate::net::KEEPALIVE_IDLE))
        .ssl_opts(ssl)
        .init(vec![
            "SET time_zone = '+00:00'".to_string(),
            "SET NAMES utf8mb4".to_string(),
        ]);
    tokio::time::timeout(std::time::Duration::from_secs(10), Conn::new(opts))
        .await
        .map_err(|_| MySqlError::Connect {
            address: format!("{}:{}", cfg.hostname, cfg.port),
            message: "timed out".into(),
        })
}

fn driver_error(cfg: &MySqlConfig, e: mysql_async::Error) -> MySqlError {
    match MySqlError::from_driver(e, "connecting") {
        MySqlError::Connect { message, .. } | MySqlError::Protocol(message) => {
            MySqlError::Connect {
                address: format!("{}:{}", cfg.hostname, cfg.port),
                message,
            }
        }
        o => o,
    }
}

/// A name the server's certificate holds, when the connection failed on the host name only
/// (the certificate is otherwise valid): a DNS name (a wildcard's `*` made a label), else an IP
/// address.
fn certificate_name(e: &mysql_async::Error) -> Option<String> {
    let mysql_async::Error::Io(mysql_async::IoError::Io(io)) = e else {
        return None;
    };
    let rustls::Error::InvalidCertificate(rustls::CertificateError::NotValidForNameContext {
        presented,
        ..
    }) = io.get_ref()?.downcast_ref::<rustls::Error>()?
    else {
        return None;
    };
    presented_names(presented).into_iter().next()
}

/// The names of rustls' `presented` list (`DnsName("a.example")`, `IpAddress(10.0.0.1)`; other
/// kinds left out) that are valid server names, DNS names first. A certificate with no subject
/// alternative name (MySQL's auto-generated ones) presents none: verify_ca then fails on the
/// name, as mysql_async cannot be told to skip it.
fn presented_names(presented: &[String]) -> Vec<String> {
    let inner = |p: &String| -> Option<(bool, String)> {
        let (kind, rest) = p.split_once('(')?;
        let v = rest.strip_suffix(')')?.trim_matches('"');
        let dns = match kind {
            "DnsName" => true,
            "IpAddress" => false,
            _ => return None,
        };
        let v = match v.strip_prefix("*.") {
            Some(base) if dns => format!("redcdc-verify-ca.{base}"),
            _ => v.to_string(),
        };
        rustls::pki_types::ServerName::try_from(v.as_str())
            .is_ok()
            .then_some((dns, v))
    };
    let mut names: Vec<(bool, String)> = presented.iter().filter_map(inner).collect();
    names.sort_by_key(|(dns, _)| !dns);
    names.into_iter().map(|(_, n)| n).collect()
}

async fn var(conn: &mut Conn, name: &str) -> Result<Option<String>, MySqlError> {
    let r: Option<(String, String)> = conn
        .query_first(format!("SHOW GLOBAL VARIABLES LIKE '{name}'"))
        .await
        .map_err(|e| MySqlError::from_driver(e, "reading server variables"))?;
    Ok(r.map(|(_, v)| v))
}

/// Reads the server facts and checks what CDC needs, each failure naming the fix.
pub(crate) async fn server_info(conn: &mut Conn) -> Result<ServerInfo, MySqlError> {
    let version: String = conn
        .query_first("SELECT VERSION()")
        .await
        .map_err(|e| MySqlError::from_driver(e, "reading the server version"))?
        .unwrap_or_default();
    let mariadb = version.to_ascii_lowercase().contains("mariadb");
    let log_bin = var(conn, "log_bin").await?.unwrap_or_default();
    if !log_bin.eq_ignore_ascii_case("ON") {
        return Err(MySqlError::Prerequisite {
            problem: "the binary log is off (log_bin=OFF)".into(),
            fix: "start the server with log_bin (and binlog_format=ROW, binlog_row_image=FULL)"
                .into(),
        });
    }
    let binlog_format = var(conn, "binlog_format").await?.unwrap_or_default();
    if !binlog_format.eq_ignore_ascii_case("ROW") {
        return Err(MySqlError::Prerequisite {
            problem: format!("binlog_format is {binlog_format}: row changes are not in the binlog"),
            fix: "SET GLOBAL binlog_format=ROW (and in the server config), then restart the collector".into(),
        });
    }
    let row_image = var(conn, "binlog_row_image")
        .await?
        .unwrap_or_else(|| "FULL".into());
    if !row_image.eq_ignore_ascii_case("FULL") {
        return Err(MySqlError::Prerequisite {
            problem: format!(
                "binlog_row_image is {row_image}: updates and deletes would miss columns"
            ),
            fix: "SET GLOBAL binlog_row_image=FULL (and in the server config)".into(),
        });
    }
    let row_metadata = var(conn, "binlog_row_metadata")
        .await?
        .unwrap_or_else(|| "MINIMAL".into());
    let server_id: u32 = var(conn, "server_id")
        .await?
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    let gtid_mode = if mariadb {
        true
    } else {
        var(conn, "gtid_mode")
            .await?
            .is_some_and(|v| v.eq_ignore_ascii_case("ON"))
    };
    Ok(ServerInfo {
        version,
        mariadb,
        server_id,
        binlog_format,
        row_image,
        row_metadata,
        gtid_mode,
    })
}

/// The current end of the binlog: (file, position, executed GTID set).
pub(crate) async fn binlog_end(
    conn: &mut Conn,
    flavor: Flavor,
    mariadb: bool,
) -> Result<(String, u64, Option<String>), MySqlError> {
    // MySQL 8.4 removed SHOW MASTER STATUS (syntax error 1064) for SHOW BINARY LOG STATUS
    let rows: Result<Vec<mysql_async::Row>, _> = match conn.query("SHOW MASTER STATUS").await {
        Err(mysql_async::Error::Server(e)) if e.code == 1064 => {
            conn.query("SHOW BINARY LOG STATUS").await
        }
        o => o,
    };
    let rows: Vec<mysql_async::Row> =
        rows.map_err(|e| privileges(MySqlError::from_driver(e, "SHOW MASTER STATUS")))?;
    let Some(row) = rows.first() else {
        return Err(MySqlError::Prerequisite {
            problem: "SHOW MASTER STATUS returned nothing: binary logging is off".into(),
            fix: "start the server with log_bin".into(),
        });
    };
    let file: String = row.get(0).unwrap_or_default();
    let pos: u64 = row.get(1).unwrap_or(0);
    let gtids = if mariadb {
        let g: Option<String> = conn
            .query_first("SELECT @@GLOBAL.gtid_binlog_pos")
            .await
            .map_err(|e| MySqlError::from_driver(e, "reading gtid_binlog_pos"))?;
        g.filter(|g| !g.is_empty() && flavor == Flavor::MariaDb)
    } else {
        row.get::<Option<String>, _>(4)
            .flatten()
            .filter(|g| !g.is_empty())
            .map(|g| g.replace('\n', ""))
    };
    Ok((file, pos, gtids))
}

/// The binlog files the server still has.
/// A missing privilege (error 1227) as the prerequisite error naming the grants.
fn privileges(e: MySqlError) -> MySqlError {
    match e {
        MySqlError::Server { code: 1227, message, .. } => MySqlError::Prerequisite {
            problem: message,
            fix: "GRANT REPLICATION CLIENT (MariaDB: BINLOG MONITOR), REPLICATION SLAVE, SELECT, RELOAD, SHOW DATABASES, LOCK TABLES ON *.* TO the connector user".into(),
        },
        o => o,
    }
}

pub(crate) async fn binlog_files(conn: &mut Conn) -> Result<Vec<String>, MySqlError> {
    let rows: Vec<mysql_async::Row> = conn
        .query("SHOW BINARY LOGS")
        .await
        .map_err(|e| privileges(MySqlError::from_driver(e, "SHOW BINARY LOGS")))?;
    Ok(rows.iter().filter_map(|r| r.get::<String, _>(0)).collect())
}

/// MariaDB: whether the server still has every transaction after the GTID position `state`
/// (`0-1-8,1-2-5`): the GTID list at the start of its oldest binlog must not be ahead of it in
/// any domain.
pub(crate) async fn mariadb_gtid_available(
    conn: &mut Conn,
    oldest_file: &str,
    state: &str,
) -> Result<bool, MySqlError> {
    let rows: Vec<mysql_async::Row> = conn
        .query(format!(
            "SHOW BINLOG EVENTS IN '{}' LIMIT 4",
            oldest_file.replace('\'', "")
        ))
        .await
        .map_err(|e| MySqlError::from_driver(e, "SHOW BINLOG EVENTS"))?;
    let list = rows.iter().find_map(|r| {
        let ty: String = r.get(2)?;
        (ty == "Gtid_list").then(|| r.get::<String, _>(5)).flatten()
    });
    // every MariaDB binlog starts with one; without it, nothing says the position is served
    Ok(list.is_some_and(|l| gtid_list_covered(&l, state)))
}

/// Whether every `domain-server-seq` in a binlog's `Gtid_list` (`[0-1-8,1-2-5]`) is at or
/// before `state` in its domain.
pub(crate) fn gtid_list_covered(list: &str, state: &str) -> bool {
    let parse = |s: &str| -> Vec<(u32, u64)> {
        s.trim_matches(|c| c == '[' || c == ']' || c == ' ')
            .split(',')
            .filter_map(|g| {
                let mut p = g.trim().split('-');
                let d = p.next()?.parse().ok()?;
                let _server = p.next()?;
                Some((d, p.next()?.parse().ok()?))
            })
            .collect()
    };
    let ours = parse(state);
    parse(list).iter().all(|(d, seq)| {
        ours.iter()
            .filter(|(od, _)| od == d)
            .any(|(_, oseq)| oseq >= seq)
    })
}

/// Quotes an identifier with backticks.
pub(crate) fn quote_ident(s: &str) -> String {
    format!("`{}`", s.replace('`', "``"))
}

#[cfg(test)]
mod gtid_list_tests {
    use super::gtid_list_covered;

    #[test]
    fn gtid_list_against_a_state() {
        assert!(gtid_list_covered("[]", "0-1-8"));
        assert!(gtid_list_covered("[0-1-8]", "0-1-8"));
        assert!(gtid_list_covered("[0-1-5]", "0-1-8,1-2-3"));
        assert!(!gtid_list_covered("[0-1-9]", "0-1-8"));
        // a domain the state has never seen was written after it
        assert!(!gtid_list_covered("[0-1-5,1-2-1]", "0-1-8"));
        assert!(gtid_list_covered("[0-1-5,1-2-1]", "1-2-4,0-1-8"));
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_names_a_certificate_presents() {
        let p = |v: &[&str]| {
            super::presented_names(&v.iter().map(|s| s.to_string()).collect::<Vec<_>>())
        };
        assert_eq!(p(&["DnsName(\"localhost\")"]), ["localhost"]);
        assert_eq!(
            p(&["IpAddress(10.0.0.1)", "DnsName(\"*.db.example\")"]),
            ["redcdc-verify-ca.db.example", "10.0.0.1"]
        );
        assert!(p(&["garbage", "Unsupported(0x81)", "DnsName(\"bad name\")"]).is_empty());
    }
}
