//! The SQL Server connection (tiberius over tokio) and every statement the source issues, as
//! T-SQL batches: LSNs are written as `0x…` binary literals and names as bracket-quoted
//! identifiers / `N'…'` strings built here, so no statement carries user text unquoted. The
//! change rows are read the way Debezium's `direct` query mode reads them: the change table
//! joined with `cdc.lsn_time_mapping` for the commit time, in (`__$start_lsn`, `__$seqval`,
//! `__$operation`) order, a page at a time after the last row read.

use protocol::offset::SqlLsn;
use tiberius::{AuthMethod, Client, ColumnData, Config, EncryptionLevel, Row};
use tokio::net::TcpStream;
use tokio_util::compat::{Compat, TokioAsyncWriteCompatExt};

use super::cdc::ChangeRow;
use super::decode::from_driver;
use super::position::RowPosition;
use super::value::{ColumnType, SqlValue};
use crate::config::IsolationMode;

/// A SQL Server problem; [`SqlServerError::is_transient`] decides whether a retry can help.
#[derive(Debug, thiserror::Error)]
pub enum SqlServerError {
    #[error("cannot reach SQL Server at {address}: {message}")]
    Connect { address: String, message: String },
    #[error("{message} (SQL Server error {code}) during {during}")]
    Server {
        code: u32,
        message: String,
        during: String,
    },
    #[error("{problem}. Fix: {fix}")]
    Prerequisite { problem: String, fix: String },
    #[error("{0}")]
    Protocol(String),
}

impl SqlServerError {
    /// Lost connections and the server's transient errors (deadlock victim, too busy) can be
    /// retried; anything else stops with its message.
    pub fn is_transient(&self) -> bool {
        match self {
            SqlServerError::Connect { .. } | SqlServerError::Protocol(_) => true,
            SqlServerError::Server { code, .. } => {
                matches!(code, 1205 | 1222 | 40197 | 40501 | 40613)
            }
            SqlServerError::Prerequisite { .. } => false,
        }
    }

    fn from_driver(e: tiberius::error::Error, during: &str) -> SqlServerError {
        match e {
            tiberius::error::Error::Server(t) => SqlServerError::Server {
                code: t.code(),
                message: t.message().to_string(),
                during: during.to_string(),
            },
            tiberius::error::Error::Io { message, .. } => {
                SqlServerError::Protocol(format!("connection lost during {during}: {message}"))
            }
            o => SqlServerError::Protocol(format!("{o} during {during}")),
        }
    }
}

/// Where and how to connect.
#[derive(Debug, Clone, Default)]
pub(crate) struct ConnectOptions {
    pub host: String,
    pub port: u16,
    pub user: String,
    pub password: String,
    pub database: String,
    /// `database.encrypt`: TLS for the whole connection (the server's certificate is checked
    /// against `server_certificate`, or the system's roots, for the host name connected to).
    pub encrypt: bool,
    /// `database.trustServerCertificate`: no certificate validation.
    pub trust_server_certificate: bool,
    /// `database.serverCertificate`: the one certificate to trust (PEM/CRT/DER file).
    pub server_certificate: Option<String>,
}

/// A capture instance of a captured table.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct CaptureInstance {
    pub schema: String,
    pub table: String,
    pub instance: String,
    pub start_lsn: SqlLsn,
}

/// A column of a captured table.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ColumnInfo {
    pub name: String,
    pub ty: ColumnType,
    pub nullable: bool,
    /// Position in the primary key (1-based), None when not a key column.
    pub key: Option<u8>,
    /// The catalog's details the schema history records (`sys.columns`).
    pub detail: ColumnDetail,
}

/// What the schema history records of a column beyond its type.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct ColumnDetail {
    /// `column_id` (1-based ordinal).
    pub position: u32,
    /// `max_length` in bytes (-1 for `max`).
    pub max_length: i32,
    pub identity: bool,
    pub computed: bool,
    /// The default constraint's definition (`((0))`).
    pub default: Option<String>,
}

/// One change row with its values and its transaction's commit time (ms since 1970).
pub(crate) type Change = ChangeRow<(Vec<SqlValue>, Option<i64>)>;

/// A failed connect: a certificate the client does not trust or that is not for the host, and
/// a server that will not speak the encryption asked for, are definite (a retry cannot help)
/// and name the setting to change; anything else is a transient [`SqlServerError::Connect`].
fn connect_error(e: tiberius::error::Error, o: &ConnectOptions, address: &str) -> SqlServerError {
    let message = e.to_string();
    let lower = message.to_ascii_lowercase();
    let tls = matches!(e, tiberius::error::Error::Tls(_));
    if o.encrypt && (tls || lower.contains("certificate") || lower.contains("invalid peer")) {
        let trusted = match &o.server_certificate {
            Some(ca) => format!("the certificate in {ca}"),
            None => "the system's root certificates".to_string(),
        };
        return SqlServerError::Prerequisite {
            problem: format!(
                "TLS to {address} failed: the server's certificate is not trusted by {trusted} \
                 or is not issued for host `{}` ({message})",
                o.host
            ),
            fix: "set source.server_certificate (database.serverCertificate) to the CA or \
                  server certificate, connect with the host name the certificate names, or set \
                  source.trust_server_certificate (database.trustServerCertificate) true"
                .into(),
        };
    }
    SqlServerError::Connect {
        address: address.to_string(),
        message,
    }
}

/// An open connection to one database.
pub(crate) struct Conn {
    client: Client<Compat<TcpStream>>,
    db: String,
}

/// The savepoint the table locks of a `repeatable_read` snapshot are taken in (Debezium's name).
const SAVEPOINT: &str = "dbz_schema_snapshot";

/// `[name]` with `]` doubled.
pub(crate) fn quote(name: &str) -> String {
    format!("[{}]", name.replace(']', "]]"))
}

/// A column a snapshot page or a change query selects: CLR types (`geometry`, `geography`,
/// `hierarchyid`) travel as their serialized bytes (`CAST(… AS varbinary(max))`), which is what
/// Debezium emits for them (the JDBC driver reports them as VARBINARY).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SelectColumn {
    pub name: String,
    pub as_binary: bool,
}

impl SelectColumn {
    pub fn new(name: &str, type_name: &str) -> SelectColumn {
        SelectColumn {
            name: name.to_string(),
            as_binary: matches!(type_name, "geometry" | "geography" | "hierarchyid"),
        }
    }

    /// The select-list item, `prefix` the table alias with its dot (or "").
    fn item(&self, prefix: &str) -> String {
        let c = format!("{prefix}{}", quote(&self.name));
        if self.as_binary {
            format!("CAST({c} AS varbinary(max)) AS {}", quote(&self.name))
        } else {
            c
        }
    }
}

/// The rows of a whole-table read ([`Conn::table_rows`]).
pub(crate) type RowStream<'a> = std::pin::Pin<
    Box<dyn futures_util::Stream<Item = Result<Vec<SqlValue>, SqlServerError>> + Send + 'a>,
>;

/// `N'text'` with `'` doubled.
pub(crate) fn literal(text: &str) -> String {
    format!("N'{}'", text.replace('\'', "''"))
}

/// `0x…` for an LSN.
pub(crate) fn lsn_literal(l: &SqlLsn) -> String {
    format!(
        "0x{}",
        protocol::encode::hex_lower(&l.0).to_ascii_uppercase()
    )
}

fn bytes(row: &Row, i: usize) -> Option<Vec<u8>> {
    row.try_get::<&[u8], _>(i)
        .ok()
        .flatten()
        .map(<[u8]>::to_vec)
}

fn text(row: &Row, i: usize) -> String {
    row.try_get::<&str, _>(i)
        .ok()
        .flatten()
        .unwrap_or_default()
        .to_string()
}

fn number(row: &Row, i: usize) -> Option<i64> {
    row.cells().nth(i).and_then(|(_, d)| match from_driver(d) {
        Ok(SqlValue::Int(n)) => Some(n),
        Ok(SqlValue::Bit(b)) => Some(b.into()),
        _ => None,
    })
}

impl Conn {
    pub async fn connect(o: &ConnectOptions) -> Result<Conn, SqlServerError> {
        let address = format!("{}:{}", o.host, o.port);
        let mut config = Config::new();
        config.host(&o.host);
        config.port(o.port);
        config.database(&o.database);
        config.application_name("redcdc");
        // the login may take the driver's 15 s; a statement may wait longer than its 30 s
        // default between answers (TABLOCKX waiting for writers, a large sort), as SQL Server's
        // own LOCK_TIMEOUT does by default
        config.command_timeout(None);
        // SQL Server's largest packets (its default is 4096): fewer packets to reassemble
        config.packet_size(32767);
        config.authentication(AuthMethod::sql_server(&o.user, &o.password));
        if o.encrypt {
            // `Required` (not `On`): a server that answers without encryption is a handshake
            // error here, never the driver's panic
            config.encryption(EncryptionLevel::Required);
            if o.trust_server_certificate {
                config.trust_cert();
            } else if let Some(ca) = &o.server_certificate {
                config.trust_cert_ca(ca);
            }
        } else {
            // as SQL Server's drivers do with encrypt=false: the login (with the password)
            // still goes over TLS, the rest plain — all of it over TLS when the server forces
            // encryption —, and the certificate is not validated
            config.encryption(EncryptionLevel::Off);
            config.trust_cert();
        }
        let tcp = TcpStream::connect(&address)
            .await
            .map_err(|e| SqlServerError::Connect {
                address: address.clone(),
                message: e.to_string(),
            })?;
        let _ = tcp.set_nodelay(true);
        crate::net::harden(&tcp);
        let client = Client::connect(config, tcp.compat_write())
            .await
            .map_err(|e| match e {
                tiberius::error::Error::Server(t) if t.code() == 18456 => {
                    SqlServerError::Prerequisite {
                        problem: format!("login failed for user `{}`", o.user),
                        fix: "check source.user / source.password".into(),
                    }
                }
                other => connect_error(other, o, &address),
            })?;
        Ok(Conn {
            client,
            db: o.database.clone(),
        })
    }

    /// The rows of a batch's first result set.
    async fn rows(&mut self, sql: &str, during: &str) -> Result<Vec<Row>, SqlServerError> {
        self.client
            .simple_query(sql)
            .await
            .map_err(|e| SqlServerError::from_driver(e, during))?
            .into_first_result()
            .await
            .map_err(|e| SqlServerError::from_driver(e, during))
    }

    fn lsn_of(&self, rows: &[Row]) -> Option<SqlLsn> {
        rows.first()
            .and_then(|r| bytes(r, 0))
            .and_then(|b| SqlLsn::from_bytes(&b))
    }

    /// Whether the database allows `SNAPSHOT` isolation (`sys.databases.snapshot_isolation_state`
    /// 1, ON).
    pub async fn snapshot_isolation_allowed(&mut self) -> Result<bool, SqlServerError> {
        let sql = format!(
            "SELECT snapshot_isolation_state FROM sys.databases WHERE name = {}",
            literal(&self.db)
        );
        let rows = self.rows(&sql, "reading snapshot_isolation_state").await?;
        Ok(rows.first().and_then(|r| number(r, 0)) == Some(1))
    }

    /// `sys.databases.is_cdc_enabled` of the database.
    pub async fn cdc_enabled(&mut self) -> Result<bool, SqlServerError> {
        let sql = format!(
            "SELECT is_cdc_enabled FROM sys.databases WHERE name = {}",
            literal(&self.db)
        );
        let rows = self.rows(&sql, "reading is_cdc_enabled").await?;
        Ok(rows.first().and_then(|r| number(r, 0)) == Some(1))
    }

    /// Whether the SQL Server Agent (which runs the capture job) is running.
    pub async fn agent_running(&mut self) -> Result<bool, SqlServerError> {
        let rows = self
            .rows(
                "SELECT CASE WHEN dss.[status] = 4 THEN 1 ELSE 0 END FROM sys.dm_server_services dss \
                 WHERE dss.[servicename] LIKE N'SQL Server Agent (%'",
                "reading the SQL Server Agent's state",
            )
            .await?;
        Ok(rows.first().and_then(|r| number(r, 0)) == Some(1))
    }

    /// `sys.fn_cdc_get_max_lsn()` (None before any change was captured).
    pub async fn max_lsn(&mut self) -> Result<Option<SqlLsn>, SqlServerError> {
        let sql = format!("SELECT {}.sys.fn_cdc_get_max_lsn()", quote(&self.db));
        let rows = self.rows(&sql, "reading the max LSN").await?;
        Ok(self.lsn_of(&rows))
    }

    /// `sys.fn_cdc_get_min_lsn(instance)`: the oldest LSN the change table still holds.
    pub async fn min_lsn(&mut self, instance: &str) -> Result<Option<SqlLsn>, SqlServerError> {
        let sql = format!(
            "SELECT {}.sys.fn_cdc_get_min_lsn({})",
            quote(&self.db),
            literal(instance)
        );
        let rows = self
            .rows(&sql, "reading a capture instance's min LSN")
            .await?;
        Ok(self.lsn_of(&rows))
    }

    /// The upper bound of a streaming window: the max transaction LSN, or with `limit` the
    /// `limit`-th transaction LSN from `from` (`max.iteration.transactions`).
    pub async fn max_tx_lsn(
        &mut self,
        from: Option<SqlLsn>,
        limit: u32,
    ) -> Result<Option<SqlLsn>, SqlServerError> {
        let db = quote(&self.db);
        let sql = match (from, limit) {
            (Some(from), l) if l > 0 => format!(
                "SELECT MAX(start_lsn) FROM (SELECT TOP ({l}) start_lsn FROM {db}.cdc.lsn_time_mapping \
                 WHERE start_lsn >= {} AND tran_id <> 0x00 ORDER BY start_lsn) AS t",
                lsn_literal(&from)
            ),
            _ => format!(
                "SELECT MAX(start_lsn) FROM {db}.cdc.lsn_time_mapping WHERE tran_id <> 0x00"
            ),
        };
        let rows = self.rows(&sql, "reading the max transaction LSN").await?;
        Ok(self.lsn_of(&rows))
    }

    /// The capture instances, oldest first per table.
    pub async fn capture_instances(&mut self) -> Result<Vec<CaptureInstance>, SqlServerError> {
        let db = quote(&self.db);
        let sql = format!(
            "SELECT OBJECT_SCHEMA_NAME(ct.source_object_id, DB_ID({l})), OBJECT_NAME(ct.source_object_id, DB_ID({l})), \
             ct.capture_instance, ct.start_lsn FROM {db}.cdc.change_tables ct ORDER BY ct.start_lsn",
            l = literal(&self.db)
        );
        let rows = self.rows(&sql, "listing the capture instances").await?;
        rows.iter()
            .map(|r| {
                Ok(CaptureInstance {
                    schema: text(r, 0),
                    table: text(r, 1),
                    instance: text(r, 2),
                    start_lsn: bytes(r, 3)
                        .and_then(|b| SqlLsn::from_bytes(&b))
                        .unwrap_or_default(),
                })
            })
            .collect()
    }

    /// The columns capture instance `instance` captured (`cdc.captured_columns`).
    pub async fn captured_columns(
        &mut self,
        instance: &str,
    ) -> Result<Vec<String>, SqlServerError> {
        let db = quote(&self.db);
        let sql = format!(
            "SELECT cc.column_name FROM {db}.cdc.captured_columns cc JOIN {db}.cdc.change_tables ct \
             ON ct.object_id = cc.object_id WHERE ct.capture_instance = {} ORDER BY cc.column_ordinal",
            literal(instance)
        );
        let rows = self
            .rows(
                &sql,
                &format!("reading the columns capture instance {instance} captured"),
            )
            .await?;
        Ok(rows.iter().map(|r| text(r, 0)).collect())
    }

    /// The columns of `schema.table` in column order, with their key positions.
    pub async fn columns(
        &mut self,
        schema: &str,
        table: &str,
    ) -> Result<Vec<ColumnInfo>, SqlServerError> {
        let db = quote(&self.db);
        let object = literal(&format!("{db}.{}.{}", quote(schema), quote(table)));
        let sql = format!(
            "SELECT c.name, t.name, c.precision, c.scale, c.is_nullable, \
             (SELECT ic.key_ordinal FROM {db}.sys.index_columns ic JOIN {db}.sys.indexes i \
              ON i.object_id = ic.object_id AND i.index_id = ic.index_id \
              WHERE i.is_primary_key = 1 AND ic.object_id = c.object_id AND ic.column_id = c.column_id), \
             c.column_id, c.max_length, c.is_identity, c.is_computed, \
             (SELECT dc.definition FROM {db}.sys.default_constraints dc WHERE dc.object_id = c.default_object_id) \
             FROM {db}.sys.columns c JOIN {db}.sys.types t ON c.user_type_id = t.user_type_id \
             WHERE c.object_id = OBJECT_ID({object}) ORDER BY c.column_id"
        );
        let rows = self
            .rows(&sql, &format!("reading the columns of {schema}.{table}"))
            .await?;
        Ok(rows
            .iter()
            .map(|r| ColumnInfo {
                name: text(r, 0),
                ty: ColumnType {
                    name: text(r, 1).to_ascii_lowercase(),
                    precision: number(r, 2).unwrap_or(0) as u8,
                    scale: number(r, 3).unwrap_or(0) as u8,
                },
                nullable: number(r, 4) == Some(1),
                key: number(r, 5).map(|k| k as u8),
                detail: ColumnDetail {
                    position: number(r, 6).unwrap_or(0) as u32,
                    max_length: number(r, 7).unwrap_or(0) as i32,
                    identity: number(r, 8) == Some(1),
                    computed: number(r, 9) == Some(1),
                    default: r.try_get::<&str, _>(10).ok().flatten().map(str::to_string),
                },
            })
            .collect())
    }

    /// A page of at most `limit` change rows of `instance` with `__$start_lsn` in `from..=to`,
    /// after `after` (the last row of the previous page) when given, in merge order.
    pub async fn changes(
        &mut self,
        instance: &str,
        columns: &[SelectColumn],
        from: &SqlLsn,
        to: &SqlLsn,
        after: Option<&RowPosition>,
        limit: usize,
    ) -> Result<Vec<Change>, SqlServerError> {
        let db = quote(&self.db);
        let cols: String = columns
            .iter()
            .map(|c| format!(", {}", c.item("cd.")))
            .collect();
        let mut sql = format!(
            "SELECT TOP ({limit}) cd.[__$start_lsn], cd.[__$seqval], cd.[__$operation]{cols}, ltm.tran_end_time \
             FROM {db}.cdc.{} AS cd LEFT JOIN {db}.cdc.lsn_time_mapping AS ltm ON ltm.start_lsn = cd.[__$start_lsn] \
             WHERE cd.[__$start_lsn] >= {} AND cd.[__$start_lsn] <= {}",
            quote(&format!("{instance}_CT")),
            lsn_literal(from),
            lsn_literal(to)
        );
        if let Some(a) = after {
            sql.push_str(&format!(
                " AND (cd.[__$start_lsn] > {c} OR (cd.[__$start_lsn] = {c} AND (cd.[__$seqval] > {s} \
                 OR (cd.[__$seqval] = {s} AND cd.[__$operation] > {op}))))",
                c = lsn_literal(&a.commit),
                s = lsn_literal(&a.change),
                op = a.operation
            ));
        }
        sql.push_str(" ORDER BY cd.[__$start_lsn], cd.[__$seqval], cd.[__$operation]");
        let rows = self
            .rows(&sql, &format!("reading change table {instance}_CT"))
            .await?;
        let n = columns.len();
        rows.iter()
            .map(|r| {
                let lsn = |i: usize| {
                    bytes(r, i)
                        .and_then(|b| SqlLsn::from_bytes(&b))
                        .ok_or_else(|| {
                            SqlServerError::Protocol(format!(
                                "change table {instance}_CT: a row without an LSN"
                            ))
                        })
                };
                let cells: Vec<&ColumnData<'static>> = r.cells().map(|(_, d)| d).collect();
                let values = cells[3..3 + n]
                    .iter()
                    .map(|d| from_driver(d))
                    .collect::<Result<Vec<_>, _>>()
                    .map_err(|e| SqlServerError::Protocol(e.to_string()))?;
                let time = match cells.get(3 + n).map(|d| from_driver(d)) {
                    Some(Ok(SqlValue::DateTime { days, nanos })) => {
                        Some(days * 86_400_000 + (nanos / 1_000_000) as i64)
                    }
                    _ => None,
                };
                Ok(ChangeRow {
                    pos: RowPosition {
                        commit: lsn(0)?,
                        change: lsn(1)?,
                        operation: number(r, 2).unwrap_or(0) as u8,
                    },
                    values: (values, time),
                })
            })
            .collect()
    }

    /// Every row of `schema.table`, in no particular order, as a stream read off the wire a
    /// packet at a time (inside the open snapshot transaction): how a table that cannot be
    /// paged by an integer key is read, as Debezium reads every table.
    pub async fn table_rows<'a>(
        &'a mut self,
        schema: &str,
        table: &str,
        columns: &[SelectColumn],
    ) -> Result<RowStream<'a>, SqlServerError> {
        use futures_util::StreamExt;
        let cols: Vec<String> = columns.iter().map(|c| c.item("")).collect();
        let sql = format!(
            "SELECT {} FROM {}.{}.{}",
            cols.join(", "),
            quote(&self.db),
            quote(schema),
            quote(table)
        );
        let during = format!("reading {schema}.{table}");
        let id = format!("{schema}.{table}");
        let stream = self
            .client
            .simple_query(sql)
            .await
            .map_err(|e| SqlServerError::from_driver(e, &during))?
            .into_row_stream()
            .map(move |r| {
                let row = r.map_err(|e| SqlServerError::from_driver(e, &during))?;
                row.cells()
                    .map(|(_, d)| from_driver(d))
                    .collect::<Result<Vec<_>, _>>()
                    .map_err(|e| SqlServerError::Protocol(format!("{id}: {e}")))
            });
        Ok(Box::pin(stream))
    }

    /// A page of at most `limit` rows of `schema.table` in the order of the integer key column
    /// `key`, after `after` (inside the open snapshot transaction).
    pub async fn page(
        &mut self,
        schema: &str,
        table: &str,
        columns: &[SelectColumn],
        key: &str,
        after: Option<i64>,
        limit: usize,
    ) -> Result<Vec<Vec<SqlValue>>, SqlServerError> {
        let cols: Vec<String> = columns.iter().map(|c| c.item("")).collect();
        let mut sql = format!(
            "SELECT TOP ({limit}) {} FROM {}.{}.{}",
            cols.join(", "),
            quote(&self.db),
            quote(schema),
            quote(table)
        );
        if let Some(a) = after {
            sql.push_str(&format!(" WHERE {} > {a}", quote(key)));
        }
        sql.push_str(&format!(" ORDER BY {}", quote(key)));
        let rows = self
            .rows(&sql, &format!("reading {schema}.{table}"))
            .await?;
        rows.iter()
            .map(|r| {
                r.cells()
                    .map(|(_, d)| from_driver(d))
                    .collect::<Result<Vec<_>, _>>()
                    .map_err(|e| SqlServerError::Protocol(format!("{schema}.{table}: {e}")))
            })
            .collect()
    }

    /// Runs statements that return no rows.
    async fn execute(&mut self, sql: &str, during: &str) -> Result<(), SqlServerError> {
        self.client
            .simple_query(sql)
            .await
            .map_err(|e| SqlServerError::from_driver(e, during))?
            .into_results()
            .await
            .map_err(|e| SqlServerError::from_driver(e, during))?;
        Ok(())
    }

    /// Opens the snapshot transaction in `mode` (`snapshot.isolation.mode`) and returns the max
    /// LSN the snapshot starts at, taking the locks Debezium takes: `repeatable_read` and
    /// `exclusive` lock each of `tables` (`schema`, `table`) with `TABLOCKX` inside a savepoint
    /// while the LSN is read (no writer of them is in flight then); `repeatable_read` rolls back
    /// to the savepoint before the data is read (the locks go), `exclusive` keeps them until the
    /// transaction ends; `snapshot`, `read_committed` and `read_uncommitted` lock nothing.
    pub async fn begin_snapshot(
        &mut self,
        mode: IsolationMode,
        tables: &[(&str, &str)],
    ) -> Result<Option<SqlLsn>, SqlServerError> {
        let level = match mode {
            IsolationMode::Snapshot => "SNAPSHOT",
            IsolationMode::ReadUncommitted => "READ UNCOMMITTED",
            IsolationMode::ReadCommitted => "READ COMMITTED",
            IsolationMode::RepeatableRead | IsolationMode::Exclusive => "REPEATABLE READ",
        };
        let locking = matches!(
            mode,
            IsolationMode::RepeatableRead | IsolationMode::Exclusive
        );
        let max = format!("SELECT {}.sys.fn_cdc_get_max_lsn()", quote(&self.db));
        let open = format!("SET TRANSACTION ISOLATION LEVEL {level}; BEGIN TRANSACTION");
        if !locking {
            let rows = self
                .rows(
                    &format!("{open}; {max}"),
                    "opening the snapshot transaction",
                )
                .await?;
            return Ok(self.lsn_of(&rows));
        }
        self.execute(
            &format!("{open}; SAVE TRANSACTION {SAVEPOINT}"),
            "opening the snapshot transaction",
        )
        .await?;
        for (schema, table) in tables {
            let sql = format!(
                "SELECT TOP(0) * FROM {}.{}.{} WITH (TABLOCKX)",
                quote(&self.db),
                quote(schema),
                quote(table)
            );
            self.execute(&sql, &format!("locking {schema}.{table} for the snapshot"))
                .await?;
        }
        let rows = self.rows(&max, "reading the max LSN").await?;
        if mode == IsolationMode::RepeatableRead {
            self.execute(
                &format!("ROLLBACK TRANSACTION {SAVEPOINT}"),
                "releasing the snapshot's table locks",
            )
            .await?;
        }
        Ok(self.lsn_of(&rows))
    }

    /// Ends the snapshot transaction (and any lock it holds).
    pub async fn commit(&mut self) -> Result<(), SqlServerError> {
        self.execute("COMMIT", "ending the snapshot transaction")
            .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use db_matrix::sqlserver_model::{Change as Dml, Column, SqlServerModel};
    use db_matrix::tds::Cell;

    fn opts(port: u16, db: &str) -> ConnectOptions {
        ConnectOptions {
            host: "127.0.0.1".into(),
            port,
            user: "sa".into(),
            password: "pw".into(),
            database: db.into(),
            ..ConnectOptions::default()
        }
    }

    /// Against the CDC **model** (`db_matrix::sqlserver_model`): every statement above is
    /// answered and read back into the source's types.
    #[tokio::test]
    async fn the_statements_read_the_cdc_model() {
        let m = SqlServerModel::start("inv");
        let col = |n: &str, t: &str| Column {
            name: n.into(),
            ty: t.into(),
            nullable: n != "id",
        };
        m.create_table(
            "dbo",
            "ev",
            &[
                col("id", "bigint"),
                col("version", "int"),
                col("pad", "nvarchar"),
            ],
            "id",
        );
        m.enable_cdc("ev");
        let row = |id: i64, v: i64| vec![Cell::Int(id), Cell::Int(v), Cell::Text(format!("p{id}"))];
        for i in 0..5 {
            m.transaction(&[Dml::Insert("ev".into(), row(i, 0))]);
        }
        m.transaction(&[
            Dml::Update("ev".into(), row(1, 1)),
            Dml::Delete("ev".into(), 2),
        ]);
        let mut c = Conn::connect(&opts(m.port, "inv")).await.unwrap();
        assert!(c.cdc_enabled().await.unwrap());
        assert!(c.agent_running().await.unwrap());
        let max = c.max_lsn().await.unwrap().unwrap();
        assert_eq!(max.to_string(), "00000027:00000006:0001");
        let third = c
            .max_tx_lsn(Some(SqlLsn::parse("00000027:00000002:0001").unwrap()), 3)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(third.to_string(), "00000027:00000004:0001");
        let inst = c.capture_instances().await.unwrap();
        assert_eq!(inst[0].instance, "dbo_ev");
        let cols = c.columns("dbo", "ev").await.unwrap();
        assert_eq!(cols[0].key, Some(1));
        assert_eq!(cols[1].key, None);
        assert_eq!(cols[2].ty.name, "nvarchar");
        let names: Vec<SelectColumn> = cols
            .iter()
            .map(|c| SelectColumn::new(&c.name, &c.ty.name))
            .collect();
        let from = inst[0].start_lsn;
        // pages of two rows, each after the last row of the previous page
        let mut all = Vec::new();
        let mut after = None;
        loop {
            let page = c
                .changes("dbo_ev", &names, &from, &max, after.as_ref(), 2)
                .await
                .unwrap();
            if page.is_empty() {
                break;
            }
            after = page.last().map(|r| r.pos);
            all.extend(page);
        }
        let ops: Vec<u8> = all.iter().map(|r| r.pos.operation).collect();
        assert_eq!(ops, vec![2, 2, 2, 2, 2, 3, 4, 1]);
        assert_eq!(all[6].values.0[1], SqlValue::Int(1), "the after image");
        assert!(all[0].values.1.is_some(), "the commit time");
        // a snapshot transaction reads as of its max LSN
        let mut s = Conn::connect(&opts(m.port, "inv")).await.unwrap();
        assert_eq!(
            s.begin_snapshot(IsolationMode::Snapshot, &[])
                .await
                .unwrap(),
            Some(max)
        );
        s.commit().await.unwrap();
        m.set_agent_running(false);
        assert!(!c.agent_running().await.unwrap());
        let bad = c.changes("dbo_nope", &names, &from, &max, None, 2).await;
        assert!(
            matches!(bad, Err(SqlServerError::Server { code: 208, .. })),
            "{bad:?}"
        );
        assert!(
            !bad.unwrap_err().is_transient(),
            "a missing change table is definite"
        );
        assert_eq!(c.min_lsn("dbo_ev").await.unwrap(), Some(from));
        m.cleanup_before(4);
        assert_eq!(
            c.min_lsn("dbo_ev").await.unwrap().unwrap().to_string(),
            "00000027:00000004:0001",
            "the cleanup job moved the minimum"
        );
        let gone = Conn::connect(&opts(1, "inv")).await.err().unwrap();
        assert!(gone.is_transient(), "{gone}");
    }
}
