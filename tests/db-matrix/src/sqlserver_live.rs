//! A **real** SQL Server for the scenario matrix, used only when `REDCDC_SQLSERVER` holds an ADO
//! connection string (`Server=host,1433;User Id=sa;Password=...;TrustServerCertificate=true`) —
//! none can run on the build machine, so without it the live scenarios say so and do nothing.
//!
//! Each scenario gets its own database (`redcdc_<pid>_<n>`), prepared by
//! `tests/db-matrix/sql/sqlserver_setup.sql` (snapshot isolation allowed, CDC on the database),
//! each created table enabled for CDC ([`SourceDb::after_create`]), and dropped afterwards. The
//! matrix's statements are written for Postgres and MariaDB; the few that differ in T-SQL are
//! rewritten ([`tsql`]).

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Mutex;

use tiberius::{Client, ColumnData, Config};
use tokio::net::TcpStream;
use tokio_util::compat::{Compat, TokioAsyncWriteCompatExt};

use crate::matrix::{SourceDb, PREFIX};
use crate::redis_server::RedisServer;

/// The environment variable naming the server.
pub const ENV: &str = "REDCDC_SQLSERVER";

/// What the collector's config needs from the connection string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ado {
    pub host: String,
    pub port: u16,
    pub user: String,
    pub password: String,
    pub encrypt: bool,
    pub trust_server_certificate: bool,
}

impl Ado {
    /// Reads `Server`/`Data Source` (`host[,port]`, `tcp:` allowed), `User Id`/`UID`,
    /// `Password`/`PWD`, `Encrypt`, `TrustServerCertificate` (keys in any case).
    pub fn parse(s: &str) -> Result<Ado, String> {
        let mut a = Ado {
            host: String::new(),
            port: 1433,
            user: String::new(),
            password: String::new(),
            encrypt: true,
            trust_server_certificate: false,
        };
        let yes = |v: &str| matches!(v.to_ascii_lowercase().as_str(), "true" | "yes" | "1");
        for part in s.split(';').map(str::trim).filter(|p| !p.is_empty()) {
            let Some((k, v)) = part.split_once('=') else {
                return Err(format!("{ENV}: `{part}` is not key=value"));
            };
            let v = v.trim();
            match k.trim().to_ascii_lowercase().replace(' ', "").as_str() {
                "server" | "datasource" | "address" | "addr" => {
                    let v = v.strip_prefix("tcp:").unwrap_or(v);
                    match v.split_once(',') {
                        Some((h, p)) => {
                            a.host = h.trim().to_string();
                            a.port = p.trim().parse().map_err(|_| format!("{ENV}: port `{p}`"))?;
                        }
                        None => a.host = v.to_string(),
                    }
                }
                "userid" | "uid" | "user" => a.user = v.to_string(),
                "password" | "pwd" => a.password = v.to_string(),
                "encrypt" => a.encrypt = yes(v),
                "trustservercertificate" => a.trust_server_certificate = yes(v),
                _ => {}
            }
        }
        if a.host.is_empty() || a.user.is_empty() {
            return Err(format!("{ENV} must name Server and User Id"));
        }
        Ok(a)
    }
}

/// The matrix's statements in T-SQL: `BEGIN` opens a transaction, `REPEAT` is `REPLICATE`.
pub fn tsql(sql: &str) -> String {
    sql.split(';')
        .map(|s| match s.trim() {
            "BEGIN" => " BEGIN TRANSACTION".to_string(),
            "COMMIT" => " COMMIT TRANSACTION".to_string(),
            _ => s.replace("REPEAT(", "REPLICATE("),
        })
        .collect::<Vec<_>>()
        .join(";")
}

type Conn = Client<Compat<TcpStream>>;

/// One scenario's database on the live server.
pub struct LiveSqlServer {
    pub ado: Ado,
    pub database: String,
    rt: tokio::runtime::Runtime,
    conn: Mutex<Conn>,
}

static NEXT: AtomicU32 = AtomicU32::new(0);

impl LiveSqlServer {
    /// The server in `REDCDC_SQLSERVER`, or None (with a line saying the scenario is not run)
    /// when it is unset.
    pub fn from_env() -> Option<LiveSqlServer> {
        let Ok(s) = std::env::var(ENV) else {
            eprintln!("{ENV} is not set: the live SQL Server scenario is not run");
            return None;
        };
        Some(LiveSqlServer::start(&s))
    }

    /// Connects, creates this scenario's database and prepares it (panics with the server's
    /// message when a step fails, e.g. the Agent is not running).
    pub fn start(ado: &str) -> LiveSqlServer {
        let parsed = Ado::parse(ado).unwrap_or_else(|e| panic!("{e}"));
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("runtime");
        let database = format!(
            "redcdc_{}_{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        );
        let conn = rt.block_on(connect(ado, "master"));
        let live = LiveSqlServer {
            ado: parsed,
            database: database.clone(),
            rt,
            conn: Mutex::new(conn),
        };
        let setup = std::fs::read_to_string(
            crate::workspace_root().join("tests/db-matrix/sql/sqlserver_setup.sql"),
        )
        .expect("sqlserver_setup.sql");
        live.run(&setup.replace("$(DB)", &database));
        let agent = live.run(
            "SELECT CASE WHEN dss.[status] = 4 THEN 1 ELSE 0 END FROM sys.dm_server_services dss \
             WHERE dss.[servicename] LIKE N'SQL Server Agent (%'",
        );
        assert_eq!(
            agent.trim(),
            "1",
            "the SQL Server Agent is not running (it runs the capture job): start the container \
             with MSSQL_AGENT_ENABLED=true"
        );
        let c = live.rt.block_on(connect(ado, &database));
        *live.conn.lock().unwrap() = c;
        live
    }

    /// Runs a batch; returns the rows of its result sets, a line each, cells tab-separated.
    fn run(&self, sql: &str) -> String {
        let mut conn = self.conn.lock().unwrap();
        self.rt.block_on(async {
            let sets = conn
                .simple_query(sql)
                .await
                .unwrap_or_else(|e| panic!("live SQL Server: {e}\n{sql}"))
                .into_results()
                .await
                .unwrap_or_else(|e| panic!("live SQL Server: {e}\n{sql}"));
            let mut out = String::new();
            for row in sets.iter().flatten() {
                let cells: Vec<String> = row.cells().map(|(_, d)| text(d)).collect();
                out.push_str(&cells.join("\t"));
                out.push('\n');
            }
            out
        })
    }
}

impl Drop for LiveSqlServer {
    fn drop(&mut self) {
        let db = self.database.clone();
        if let Ok(mut conn) = self.conn.lock() {
            let _ = self.rt.block_on(async {
                conn.simple_query(format!(
                    "USE master; ALTER DATABASE [{db}] SET SINGLE_USER WITH ROLLBACK IMMEDIATE; \
                     DROP DATABASE [{db}]"
                ))
                .await?
                .into_results()
                .await
            });
        }
    }
}

async fn connect(ado: &str, database: &str) -> Conn {
    let mut config =
        Config::from_ado_string(ado).unwrap_or_else(|e| panic!("{ENV} is not an ADO string: {e}"));
    config.database(database);
    let tcp = TcpStream::connect(config.get_addr())
        .await
        .unwrap_or_else(|e| panic!("{ENV}: cannot reach {}: {e}", config.get_addr()));
    tcp.set_nodelay(true).ok();
    Client::connect(config, tcp.compat_write())
        .await
        .unwrap_or_else(|e| panic!("{ENV}: {e}"))
}

fn text(d: &ColumnData<'_>) -> String {
    match d {
        ColumnData::U8(Some(v)) => v.to_string(),
        ColumnData::I16(Some(v)) => v.to_string(),
        ColumnData::I32(Some(v)) => v.to_string(),
        ColumnData::I64(Some(v)) => v.to_string(),
        ColumnData::Bit(Some(v)) => u8::from(*v).to_string(),
        ColumnData::String(Some(v)) => v.to_string(),
        ColumnData::Numeric(Some(v)) => v.to_string(),
        _ => String::new(),
    }
}

impl SourceDb for LiveSqlServer {
    fn name(&self) -> &'static str {
        "sqlserver_live"
    }
    fn sql(&self, sql: &str) -> String {
        self.run(&tsql(sql))
    }
    fn source_yaml(&self, tables: &[&str], extra: &str) -> String {
        let list: Vec<String> = tables.iter().map(|t| format!("dbo.{t}")).collect();
        let a = &self.ado;
        format!(
            "source:\n  type: sqlserver\n  hostname: {}\n  port: {}\n  user: {}\n  password: '{}'\n  \
             database_names: [{}]\n  encrypt: {}\n  trust_server_certificate: {}\n  \
             snapshot_isolation_mode: snapshot\n  topic_prefix: {PREFIX}\n  poll_interval_ms: 200\n  \
             table_include_list: [{}]\n{extra}",
            a.host,
            a.port,
            a.user,
            a.password.replace('\'', "''"),
            self.database,
            a.encrypt,
            a.trust_server_certificate,
            list.join(", ")
        )
    }
    fn stream(&self, table: &str) -> String {
        format!("{PREFIX}.{}.dbo.{table}", self.database)
    }
    fn qualified(&self, table: &str) -> String {
        format!("dbo.{table}")
    }
    fn offset_field(&self) -> String {
        format!(
            r#"["redis",{{"server":"{PREFIX}","database":"{}"}}]"#,
            self.database
        )
    }
    fn insert_series(&self, table: &str, cols: &str, row: &str, from: i64, to: i64) -> String {
        // a recursive CTE: GENERATE_SERIES exists only from SQL Server 2022
        format!(
            "WITH s(g) AS (SELECT CAST({from} AS BIGINT) UNION ALL SELECT g + 1 FROM s WHERE g < {to}) \
             INSERT INTO {table} ({cols}) SELECT {} FROM s OPTION (MAXRECURSION 0)",
            row.replace("$g", "g")
        )
    }
    fn no_snapshot_locks(&self) -> &'static str {
        ""
    }
    fn after_create(&self, table: &str) -> String {
        format!(
            "EXEC sys.sp_cdc_enable_table @source_schema = N'dbo', @source_name = N'{table}', \
             @role_name = NULL, @supports_net_changes = 0"
        )
    }
    fn sql_file(&self, path: &std::path::Path) {
        panic!(
            "no SQL Server golden workload yet ({}): Debezium's SQL Server connector cannot run here",
            path.display()
        )
    }
    fn workload(&self) -> &'static str {
        "sqlserver"
    }
    fn golden_properties(&self, _redis: &RedisServer, _profile: &str, _extra: &str) -> String {
        panic!("no SQL Server golden run")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ado_strings_as_users_write_them() {
        let a = Ado::parse(
            "Server=tcp:mssql.local,14330; User Id=sa;Password=Str0ng!pw;Encrypt=true;\
             TrustServerCertificate=True",
        )
        .unwrap();
        assert_eq!(
            a,
            Ado {
                host: "mssql.local".into(),
                port: 14330,
                user: "sa".into(),
                password: "Str0ng!pw".into(),
                encrypt: true,
                trust_server_certificate: true,
            }
        );
        let b = Ado::parse("Data Source=db;UID=u;PWD=p;Encrypt=no").unwrap();
        assert_eq!(
            (b.port, b.encrypt, b.trust_server_certificate),
            (1433, false, false)
        );
        assert!(Ado::parse("Server=db").unwrap_err().contains("User Id"));
        assert!(Ado::parse("Server=db,x;UID=u")
            .unwrap_err()
            .contains("port"));
        assert!(Ado::parse("nonsense").unwrap_err().contains("key=value"));
    }

    #[test]
    fn the_matrix_statements_in_tsql() {
        assert_eq!(
            tsql("BEGIN; UPDATE ev SET version = version + 1 WHERE id IN (1, 2); COMMIT;"),
            " BEGIN TRANSACTION; UPDATE ev SET version = version + 1 WHERE id IN (1, 2); COMMIT TRANSACTION;"
        );
        assert_eq!(
            tsql("INSERT INTO ev (pad) VALUES (REPEAT('x', 3))"),
            "INSERT INTO ev (pad) VALUES (REPLICATE('x', 3))"
        );
    }
}
