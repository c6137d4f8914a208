//! A throwaway MariaDB server with the settings binlog CDC needs (`log_bin`, `binlog_format=ROW`,
//! `binlog_row_image=FULL`, `binlog_row_metadata=FULL`), started from the installed binaries
//! (`mariadb-install-db`, `mariadbd`, `mariadb`, `mariadb-admin`) on a free loopback port, with a
//! private data directory in a tempdir. It never touches the machine's own server (port 3306,
//! `/etc/mysql`): every binary runs with `--no-defaults`.
//!
//! Running as root: mariadbd refuses to start as root unless told `--user=root`. Unlike the
//! Postgres harness (which goes through `runuser -u nobody`), this one passes `--user=root` when
//! the tests run as root. That keeps `mariadbd` itself the direct child process (with `runuser`
//! the child would be `runuser`, and killing it on a hung shutdown would not reliably kill the
//! server), and needs no chown of the tempdir, so the tempdir cleanup can never trip over files
//! owned by another user. When not root, no `--user` is passed and the server runs as the
//! current user.
//!
//! **MySQL 8.0 / 8.4**: the same harness starts Oracle's MySQL when `REDCDC_MYSQLD` names its
//! `mysqld` ([`MariaDb::mysql_from_env`]; the client `mysql` and `mysqladmin` are taken from the
//! same directory, else from `PATH`): `mysqld --initialize-insecure` instead of
//! `mariadb-install-db`, GTIDs on, and the MySQL spelling of the options below. No MySQL server
//! can be had on the build machine, so this flavor runs in the GitHub workflow
//! (`.github/workflows/db-matrix.yml`), not in `.ci/run`.
//!
//! **A server someone else runs** (a CI service container, a server of your own):
//! `REDCDC_MYSQL` or `REDCDC_MARIADB` = `[user[:password]@]host[:port]` (root, or a user that may
//! create databases and users and grant replication) makes [`MariaDb::mysql_from_env`] /
//! [`MariaDb::mariadb_from_env`] connect to it instead of starting one
//! ([`MariaDb::connect`]). The server must already have the CDC settings
//! (`tests/db-matrix/conf/{mysql,mariadb}-cdc.cnf`; checked, with that fix named). Each scenario
//! then owns the server's `inventory` database (dropped and created afresh, dropped again at the
//! end) and the CDC user `debezium`@`%`; scenarios on one such server run one after the other
//! (a lock in the test process), since they share the database name the goldens expect. Such a
//! server cannot be stopped or restarted by a test: only scenarios that restart the collector,
//! never the server, run on it (all of the matrix's do).

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::free_port;

/// Options for [`MariaDb::start_with`].
#[derive(Debug, Clone)]
pub struct MyOptions {
    /// `--binlog-format` (`ROW`, `STATEMENT` or `MIXED`).
    pub binlog_format: &'static str,
    /// Extra `mariadbd` arguments, appended last (so they override the defaults).
    pub extra_args: Vec<String>,
    /// Run inside this network namespace (name, its address), listening on its address; the
    /// test's own client goes through the Unix socket, and the CDC user may connect from any
    /// host.
    pub netns: Option<(String, String)>,
}

impl Default for MyOptions {
    fn default() -> Self {
        MyOptions {
            binlog_format: "ROW",
            extra_args: Vec::new(),
            netns: None,
        }
    }
}

/// The CDC user created by [`MariaDb::start`], reachable from 127.0.0.1.
pub const CDC_USER: &str = "debezium";
/// Its password.
pub const CDC_PASSWORD: &str = "dbz";

/// How long to wait for the server to accept connections.
const START_TIMEOUT: Duration = Duration::from_secs(60);
/// How long to wait for a clean shutdown before killing the process.
const STOP_TIMEOUT: Duration = Duration::from_secs(30);

/// Which server a [`MariaDb`] runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Server {
    /// MariaDB from `mariadb-install-db` / `mariadbd` (Debian's packages).
    MariaDb,
    /// Oracle's MySQL 8.0 or 8.4, `mysqld` from `REDCDC_MYSQLD`.
    MySql,
}

/// A running server; stopped (never left behind) and its data deleted on drop.
pub struct MariaDb {
    /// Where it listens (`127.0.0.1` unless [`MariaDb::connect`] named another host).
    pub host: String,
    pub port: u16,
    /// MariaDB or MySQL.
    pub server: Server,
    dir: tempfile::TempDir,
    args: Vec<String>,
    child: Mutex<Option<Child>>,
    /// Set when the server is not ours ([`MariaDb::connect`]).
    external: Option<External>,
    /// The namespace the server runs in (its clients then use the Unix socket).
    netns: Option<String>,
}

/// A server this harness did not start: how to log in as its administrator, and the turn this
/// scenario holds on it.
struct External {
    user: String,
    password: String,
    _turn: std::sync::MutexGuard<'static, ()>,
}

/// One scenario at a time on a server the harness did not start (they share `inventory`).
static EXTERNAL_TURN: Mutex<()> = Mutex::new(());

/// `[user[:password]@]host[:port]` (user `root`, no password, port 3306 when left out).
pub fn parse_address(addr: &str) -> Result<(String, String, String, u16), String> {
    let (cred, hostport) = match addr.rsplit_once('@') {
        Some((c, h)) => (Some(c), h),
        None => (None, addr),
    };
    let (user, password) = match cred {
        Some(c) => match c.split_once(':') {
            Some((u, p)) => (u.to_string(), p.to_string()),
            None => (c.to_string(), String::new()),
        },
        None => ("root".to_string(), String::new()),
    };
    let (host, port) = match hostport.rsplit_once(':') {
        Some((h, p)) => (
            h.to_string(),
            p.parse()
                .map_err(|_| format!("`{addr}`: the port `{p}` is not a number"))?,
        ),
        None => (hostport.to_string(), 3306),
    };
    if host.is_empty() || user.is_empty() {
        return Err(format!("`{addr}`: expected [user[:password]@]host[:port]"));
    }
    Ok((user, password, host, port))
}

/// Where the server binary is: `$REDCDC_MARIADBD`, else `mariadbd` on `PATH`, else
/// `/usr/sbin/mariadbd` (Debian puts it in sbin, often not on a non-root `PATH`).
pub fn mariadbd_bin() -> PathBuf {
    if let Ok(p) = std::env::var("REDCDC_MARIADBD") {
        return PathBuf::from(p);
    }
    let on_path = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|d| d.join("mariadbd"))
            .find(|p| p.exists())
    });
    on_path.unwrap_or_else(|| PathBuf::from("/usr/sbin/mariadbd"))
}

/// MySQL's `mysqld` as `REDCDC_MYSQLD` names it (None: no MySQL configured).
pub fn mysqld_bin() -> Option<PathBuf> {
    std::env::var_os("REDCDC_MYSQLD")
        .filter(|p| !p.is_empty())
        .map(PathBuf::from)
}

/// A client program of `server`: MySQL's (`mysql`, `mysqladmin`) beside its `mysqld`, else on
/// `PATH`; MariaDB's (`mariadb`, `mariadb-admin`) from `PATH`.
fn client_bin(server: Server, mariadb: &str, mysql: &str) -> PathBuf {
    match server {
        Server::MariaDb => PathBuf::from(mariadb),
        Server::MySql => mysqld_bin()
            .and_then(|d| d.parent().map(|dir| dir.join(mysql)))
            .filter(|p| p.exists())
            .unwrap_or_else(|| PathBuf::from(mysql)),
    }
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false)
}

/// Server options used both by `mariadb-install-db` (bootstrap) and `mariadbd`, so the InnoDB
/// files created at install time match the running server: small and fast, not durable.
const SMALL_FAST: &[&str] = &[
    "--innodb-buffer-pool-size=32M",
    "--innodb-log-file-size=8M",
    "--skip-innodb-doublewrite",
    "--innodb-flush-log-at-trx-commit=0",
    "--skip-name-resolve",
];

/// [`SMALL_FAST`] as MySQL 8 spells it (`innodb_doublewrite` is an enum there since 8.0.30, and
/// the redo log is sized by `innodb_redo_log_capacity`).
const SMALL_FAST_MYSQL: &[&str] = &[
    "--innodb-buffer-pool-size=32M",
    "--innodb-redo-log-capacity=16M",
    "--innodb-doublewrite=OFF",
    "--innodb-flush-log-at-trx-commit=0",
    "--skip-name-resolve",
];

impl MariaDb {
    pub fn start() -> MariaDb {
        Self::start_with(MyOptions::default())
    }

    /// A MySQL 8 server: the one `REDCDC_MYSQL` names, else one started from the `mysqld`
    /// `REDCDC_MYSQLD` names; None (and a line saying so) when neither is set.
    pub fn mysql_from_env() -> Option<MariaDb> {
        if let Some(addr) = std::env::var("REDCDC_MYSQL").ok().filter(|a| !a.is_empty()) {
            return Some(Self::connect(Server::MySql, &addr));
        }
        if mysqld_bin().is_none() {
            eprintln!(
                "neither REDCDC_MYSQL nor REDCDC_MYSQLD is set: no MySQL server to run this scenario on"
            );
            return None;
        }
        Some(Self::start_server(Server::MySql, MyOptions::default()))
    }

    /// The MariaDB server `REDCDC_MARIADB` names; None (and a line saying so) when it is not set.
    pub fn mariadb_from_env() -> Option<MariaDb> {
        match std::env::var("REDCDC_MARIADB")
            .ok()
            .filter(|a| !a.is_empty())
        {
            Some(addr) => Some(Self::connect(Server::MariaDb, &addr)),
            None => {
                eprintln!("REDCDC_MARIADB is not set: no MariaDB server to run this scenario on");
                None
            }
        }
    }

    /// A server someone else runs at `addr` (`[user[:password]@]host[:port]`, an administrator):
    /// waits for this process's turn on it, checks it has the CDC settings, creates the CDC user
    /// and a fresh `inventory` database. Panics naming the fix when it cannot be used.
    pub fn connect(server: Server, addr: &str) -> MariaDb {
        let (user, password, host, port) =
            parse_address(addr).unwrap_or_else(|e| panic!("{server:?} server address {e}"));
        let turn = EXTERNAL_TURN.lock().unwrap_or_else(|e| e.into_inner());
        let db = MariaDb {
            host,
            port,
            server,
            dir: tempfile::Builder::new()
                .prefix("redcdc-mariadb-")
                .tempdir()
                .expect("tempdir"),
            args: Vec::new(),
            child: Mutex::new(None),
            netns: None,
            external: Some(External {
                user,
                password,
                _turn: turn,
            }),
        };
        let deadline = Instant::now() + START_TIMEOUT;
        while !db.ping() {
            assert!(
                Instant::now() < deadline,
                "the {server:?} server at {}:{} does not answer `SELECT 1` as {} within {} s",
                db.host,
                db.port,
                db.admin_user(),
                START_TIMEOUT.as_secs()
            );
            std::thread::sleep(Duration::from_millis(500));
        }
        let (vars, conf) = match server {
            Server::MySql => (
                "SELECT @@log_bin, @@binlog_format, @@binlog_row_image, @@binlog_row_metadata, @@gtid_mode",
                "1\tROW\tFULL\tFULL\tON",
            ),
            Server::MariaDb => (
                "SELECT @@log_bin, @@binlog_format, @@binlog_row_image, @@binlog_row_metadata",
                "1\tROW\tFULL\tFULL",
            ),
        };
        let have = db.sql_db("mysql", vars);
        let cnf = match server {
            Server::MySql => "mysql-cdc.cnf",
            Server::MariaDb => "mariadb-cdc.cnf",
        };
        assert_eq!(
            have, conf,
            "the {server:?} server at {}:{} lacks the CDC settings ({vars}): give it \
             tests/db-matrix/conf/{cnf} and restart it",
            db.host, db.port
        );
        let binlog_monitor = match server {
            Server::MariaDb => "BINLOG MONITOR, ",
            Server::MySql => "",
        };
        db.sql_db(
            "mysql",
            &format!(
                "DROP DATABASE IF EXISTS inventory; \
                 CREATE DATABASE inventory CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci; \
                 CREATE USER IF NOT EXISTS '{CDC_USER}'@'%' IDENTIFIED BY '{CDC_PASSWORD}'; \
                 GRANT SELECT, RELOAD, SHOW DATABASES, REPLICATION SLAVE, REPLICATION CLIENT, \
                 {binlog_monitor}LOCK TABLES ON *.* TO '{CDC_USER}'@'%'"
            ),
        );
        db
    }

    /// The administrator the harness logs in as.
    fn admin_user(&self) -> &str {
        self.external.as_ref().map_or("root", |e| e.user.as_str())
    }

    pub fn start_with(opts: MyOptions) -> MariaDb {
        Self::start_server(Server::MariaDb, opts)
    }

    fn start_server(server: Server, opts: MyOptions) -> MariaDb {
        let dir = tempfile::Builder::new()
            .prefix("redcdc-mariadb-")
            .tempdir()
            .expect("tempdir");
        let as_root = is_root();
        let data = dir.path().join("data");
        let small_fast = match server {
            Server::MariaDb => SMALL_FAST,
            Server::MySql => SMALL_FAST_MYSQL,
        };

        // Bootstrapping now and then fails when another test bootstraps at the same moment
        // (seen with two at once on 2 cores): retry on a fresh data directory.
        let mut last = String::new();
        let mut installed = false;
        for attempt in 0..3 {
            if attempt > 0 {
                let _ = std::fs::remove_dir_all(&data);
                std::thread::sleep(std::time::Duration::from_millis(300 * attempt));
            }
            let mut install = match server {
                Server::MariaDb => {
                    let mut c = Command::new("mariadb-install-db");
                    c.arg("--no-defaults")
                        .arg(format!("--datadir={}", data.display()))
                        .args(["--auth-root-authentication-method=normal", "--skip-test-db"]);
                    c
                }
                Server::MySql => {
                    let mut c = Command::new(mysqld_bin().expect("REDCDC_MYSQLD"));
                    c.arg("--no-defaults")
                        .arg("--initialize-insecure")
                        .arg(format!("--datadir={}", data.display()));
                    c
                }
            };
            install.args(small_fast);
            if as_root {
                install.arg("--user=root");
            }
            let out = install
                .current_dir("/")
                .stdin(Stdio::null())
                .output()
                .expect("mariadb-install-db / mysqld not found: install mariadb-server");
            if out.status.success() {
                installed = true;
                break;
            }
            last = format!(
                "{}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            );
        }
        assert!(installed, "bootstrapping {server:?} failed 3 times: {last}");

        let d = dir.path().display().to_string();
        let mut args: Vec<String> = vec![
            "--no-defaults".into(),
            format!("--datadir={d}/data"),
            format!("--socket={d}/mysqld.sock"),
            format!("--pid-file={d}/mysqld.pid"),
            format!("--log-error={d}/error.log"),
            format!(
                "--bind-address={}",
                opts.netns.as_ref().map_or("127.0.0.1", |n| n.1.as_str())
            ),
            format!("--log-bin={d}/binlog"),
            "--server-id=1".into(),
            format!("--binlog-format={}", opts.binlog_format),
            "--binlog-row-image=FULL".into(),
            "--binlog-row-metadata=FULL".into(),
            "--default-time-zone=+00:00".into(),
            "--character-set-server=utf8mb4".into(),
            "--collation-server=utf8mb4_general_ci".into(),
            "--sync-binlog=0".into(),
            "--performance-schema=OFF".into(),
            "--innodb-temp-data-file-path=ibtmp1:1M:autoextend".into(),
            "--max-connections=50".into(),
        ];
        if server == Server::MySql {
            // What Debezium's MySQL tutorial sets, and what the matrix's bulk inserts need
            // (a recursive CTE, MySQL having no sequence engine).
            args.extend(
                [
                    "--gtid-mode=ON",
                    "--enforce-gtid-consistency=ON",
                    "--mysqlx=OFF",
                    "--cte-max-recursion-depth=100000000",
                ]
                .map(String::from),
            );
        }
        args.extend(small_fast.iter().map(|s| s.to_string()));
        if as_root {
            args.push("--user=root".into());
        }
        args.extend(opts.extra_args.iter().cloned());

        let mut db = MariaDb {
            host: opts
                .netns
                .as_ref()
                .map_or("127.0.0.1".to_string(), |n| n.1.clone()),
            port: 0,
            server,
            dir,
            args,
            child: Mutex::new(None),
            external: None,
            netns: opts.netns.as_ref().map(|n| n.0.clone()),
        };
        // free_port() releases the port before mariadbd binds it; if something grabbed it in
        // between, try again on another port.
        let mut attempt = 0;
        loop {
            attempt += 1;
            db.port = free_port();
            match db.spawn_and_wait() {
                Ok(()) => break,
                Err(log) if attempt < 3 && log.contains("Address already in use") => {
                    let _ = std::fs::remove_file(db.error_log());
                }
                Err(log) => panic!(
                    "mariadbd (port {}) did not start: {}",
                    db.port,
                    log.trim_end()
                ),
            }
        }

        // MySQL has no BINLOG MONITOR privilege (REPLICATION CLIENT covers it there).
        let binlog_monitor = match server {
            Server::MariaDb => "BINLOG MONITOR, ",
            Server::MySql => "",
        };
        // in a namespace the collector connects from the other end of the veth
        let from = if db.netns.is_some() { "%" } else { "127.0.0.1" };
        db.sql(&format!(
            "CREATE DATABASE inventory; \
             CREATE USER '{CDC_USER}'@'{from}' IDENTIFIED BY '{CDC_PASSWORD}'; \
             GRANT SELECT, RELOAD, SHOW DATABASES, REPLICATION SLAVE, REPLICATION CLIENT, \
             {binlog_monitor}LOCK TABLES ON *.* TO '{CDC_USER}'@'{from}'"
        ));
        db
    }

    /// Spawns mariadbd on `self.port` and waits until it accepts connections. On failure the
    /// process is gone and the error is the server's error log.
    fn spawn_and_wait(&self) -> Result<(), String> {
        let bin = match self.server {
            Server::MariaDb => mariadbd_bin(),
            Server::MySql => mysqld_bin().expect("REDCDC_MYSQLD"),
        };
        let mut command = match &self.netns {
            Some(ns) => {
                let mut c = Command::new("ip");
                c.args(["netns", "exec", ns]).arg(bin);
                c
            }
            None => Command::new(bin),
        };
        let mut child = command
            .args(&self.args)
            .arg(format!("--port={}", self.port))
            .current_dir("/")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("mariadbd not found: install mariadb-server (or set REDCDC_MARIADBD)");
        let deadline = Instant::now() + START_TIMEOUT;
        loop {
            if let Ok(Some(status)) = child.try_wait() {
                return Err(format!(
                    "mariadbd exited with {status}; error log:\n{}",
                    self.read_error_log()
                ));
            }
            if self.ping() {
                *self.child() = Some(child);
                return Ok(());
            }
            if Instant::now() > deadline {
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!(
                    "timed out after {}s waiting for connections; error log:\n{}",
                    START_TIMEOUT.as_secs(),
                    self.read_error_log()
                ));
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn ping(&self) -> bool {
        self.admin()
            .args(["--connect-timeout=2", "-N", "-B", "-e", "SELECT 1"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .map(|s| s.success())
            .unwrap_or(false)
    }

    /// A client logged in as the administrator (root here, or the one [`MariaDb::connect`] got).
    fn admin(&self) -> Command {
        match &self.external {
            Some(e) => self.client(&e.user, Some(e.password.as_str()).filter(|p| !p.is_empty())),
            None => self.client("root", None),
        }
    }

    /// A `mariadb` client command over TCP to this server (no option files read).
    fn client(&self, user: &str, password: Option<&str>) -> Command {
        let mut c = Command::new(self.client_bin("mariadb", "mysql"));
        c.arg("--no-defaults");
        c.args(self.client_address());
        c.args(["-u", user, "--default-character-set=utf8mb4"]);
        if let Some(p) = password {
            c.arg(format!("--password={p}"));
        }
        c.stdin(Stdio::null());
        c
    }

    /// How a client of the test reaches the server: TCP, or the Unix socket when the server is
    /// in a namespace (so the test keeps its access while the namespace's link is cut).
    fn client_address(&self) -> Vec<String> {
        match &self.netns {
            Some(_) => vec![
                "--protocol=SOCKET".into(),
                format!("--socket={}/mysqld.sock", self.dir.path().display()),
            ],
            None => vec![
                "--protocol=TCP".into(),
                "-h".into(),
                self.host.clone(),
                "-P".into(),
                self.port.to_string(),
            ],
        }
    }

    /// A client program for this server: a server of someone else's is spoken to with whichever
    /// of `mariadb`/`mysql` is on `PATH` (the other flavor's client does for plain SQL).
    fn client_bin(&self, mariadb: &str, mysql: &str) -> PathBuf {
        if self.external.is_none() {
            return client_bin(self.server, mariadb, mysql);
        }
        let (first, second) = match self.server {
            Server::MariaDb => (mariadb, mysql),
            Server::MySql => (mysql, mariadb),
        };
        let on_path = |name: &str| {
            std::env::var_os("PATH").and_then(|paths| {
                std::env::split_paths(&paths)
                    .map(|d| d.join(name))
                    .find(|p| p.exists())
            })
        };
        on_path(first)
            .or_else(|| on_path(second))
            .unwrap_or_else(|| PathBuf::from(first))
    }

    fn run_client(&self, mut cmd: Command, what: &str) -> String {
        let out: Output = cmd.output().expect("mariadb client not found");
        assert!(
            out.status.success(),
            "mariadb failed on {what:.200}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }

    /// Runs SQL as root against `inventory` (`-N -B`: tab-separated, no header); returns stdout,
    /// trimmed. Panics with the client's stderr on failure.
    pub fn sql(&self, sql: &str) -> String {
        // `inventory` does not exist yet while start_with() creates it.
        let db = if sql.starts_with("CREATE DATABASE inventory") {
            "mysql"
        } else {
            "inventory"
        };
        self.sql_db(db, sql)
    }

    /// Runs SQL as root against `db`.
    pub fn sql_db(&self, db: &str, sql: &str) -> String {
        let mut c = self.admin();
        c.args(["-N", "-B", "-e", sql, db]);
        self.run_client(c, sql)
    }

    /// Runs SQL as `user`/`password` against `inventory`.
    pub fn sql_as(&self, user: &str, password: &str, sql: &str) -> String {
        let mut c = self.client(user, Some(password));
        c.args(["-N", "-B", "-e", sql, "inventory"]);
        self.run_client(c, sql)
    }

    /// Applies a SQL file as root against `inventory`.
    pub fn sql_file(&self, file: &Path) {
        let f = std::fs::File::open(file)
            .unwrap_or_else(|e| panic!("cannot open {}: {e}", file.display()));
        let mut c = self.admin();
        c.args(["-N", "-B", "inventory"]).stdin(f);
        self.run_client(c, &format!("file {}", file.display()));
    }

    pub fn data_dir(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    /// The directory holding `binlog.NNNNNN` and `binlog.index`.
    pub fn binlog_dir(&self) -> PathBuf {
        self.dir.path().to_path_buf()
    }

    pub fn error_log(&self) -> PathBuf {
        self.dir.path().join("error.log")
    }

    fn read_error_log(&self) -> String {
        std::fs::read_to_string(self.error_log()).unwrap_or_default()
    }

    /// The child slot; a poisoned lock is still usable (Drop must never panic).
    fn child(&self) -> std::sync::MutexGuard<'_, Option<Child>> {
        self.child.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The server's process id, while it runs.
    pub fn pid(&self) -> Option<u32> {
        self.child().as_ref().map(|c| c.id())
    }

    /// Stops the server now: `mariadb-admin shutdown`, then SIGKILL if it has not exited within
    /// 30 s. Waits for the process to be gone. Does nothing if it is not running.
    pub fn stop(&self) {
        let Some(mut child) = self.child().take() else {
            return;
        };
        if let Ok(None) = child.try_wait() {
            let _ = Command::new(client_bin(self.server, "mariadb-admin", "mysqladmin"))
                .arg("--no-defaults")
                .args(self.client_address())
                .args(["-u", "root", "--connect-timeout=5", "shutdown"])
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status();
            let deadline = Instant::now() + STOP_TIMEOUT;
            while let Ok(None) = child.try_wait() {
                if Instant::now() > deadline {
                    let _ = child.kill();
                    break;
                }
                std::thread::sleep(Duration::from_millis(20));
            }
        }
        let _ = child.wait();
    }

    /// Kills the server with SIGKILL (a crash, for recovery tests) and reaps it.
    pub fn kill(&self) {
        if let Some(mut child) = self.child().take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    /// Starts it again (same data, same port) after [`MariaDb::stop`] or [`MariaDb::kill`].
    pub fn restart(&self) {
        assert!(
            self.external.is_none(),
            "restart: the server at {}:{} is not the harness's to restart",
            self.host,
            self.port
        );
        assert!(self.pid().is_none(), "restart: the server is still running");
        if let Err(log) = self.spawn_and_wait() {
            panic!(
                "mariadbd (port {}) did not restart: {}",
                self.port,
                log.trim_end()
            );
        }
    }
}

impl Drop for MariaDb {
    fn drop(&mut self) {
        if self.external.is_some() {
            // someone else's server: leave it as found (the CDC user stays, it is shared)
            let mut c = self.admin();
            c.args(["-e", "DROP DATABASE IF EXISTS inventory", "mysql"])
                .stdout(Stdio::null())
                .stderr(Stdio::null());
            let _ = c.status();
            return;
        }
        self.stop();
    }
}
