//! The throwaway MariaDB harness itself: binlog settings, the CDC user's privileges, options,
//! several servers at once, restart, and that dropping it leaves no server behind.

use std::net::TcpStream;
use std::time::{Duration, Instant};

use db_matrix::mariadb::{MariaDb, MyOptions, Server, CDC_PASSWORD, CDC_USER};

fn accepts_connections(port: u16) -> bool {
    TcpStream::connect_timeout(
        &format!("127.0.0.1:{port}").parse().unwrap(),
        Duration::from_secs(1),
    )
    .is_ok()
}

fn process_alive(pid: u32) -> bool {
    // A reaped process has no /proc entry (a zombie would still have one, with state Z).
    std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .map(|s| !s.contains(") Z "))
        .unwrap_or(false)
}

#[test]
fn starts_with_row_binlog_settings() {
    let t = Instant::now();
    let db = MariaDb::start();
    eprintln!("MariaDB started in {:?} on port {}", t.elapsed(), db.port);
    assert_ne!(db.port, 3306);
    assert!(accepts_connections(db.port));
    assert_eq!(
        db.sql("SELECT @@log_bin, @@binlog_format, @@binlog_row_image, @@binlog_row_metadata"),
        "1\tROW\tFULL\tFULL"
    );
    assert_eq!(
        db.sql("SELECT @@server_id, @@time_zone, @@character_set_server, DATABASE()"),
        "1\t+00:00\tutf8mb4\tinventory"
    );
    // Our own data dir, not the machine's server.
    let datadir = db.sql("SELECT @@datadir");
    assert!(
        datadir.starts_with(db.data_dir().to_str().unwrap()),
        "{datadir}"
    );
}

#[test]
fn cdc_user_reads_binlog_status_and_rows() {
    let db = MariaDb::start();
    db.sql(
        "CREATE TABLE customers (id INT PRIMARY KEY, name VARCHAR(50)); \
         INSERT INTO customers VALUES (1, 'Sally')",
    );
    let status = db.sql_as(CDC_USER, CDC_PASSWORD, "SHOW MASTER STATUS");
    let cols: Vec<&str> = status.split('\t').collect();
    assert!(cols[0].starts_with("binlog."), "{status}");
    assert!(cols[1].parse::<u64>().unwrap() > 4, "{status}");
    assert_eq!(
        db.sql_as(CDC_USER, CDC_PASSWORD, "SELECT id, name FROM customers"),
        "1\tSally"
    );
    // What a binlog client needs besides the status: the list of logs and the grants.
    let logs = db.sql_as(CDC_USER, CDC_PASSWORD, "SHOW BINARY LOGS");
    assert!(logs.starts_with("binlog.000001"), "{logs}");
    let grants = db.sql_as(CDC_USER, CDC_PASSWORD, "SHOW GRANTS");
    for p in [
        "REPLICATION SLAVE",
        "BINLOG MONITOR",
        "RELOAD",
        "LOCK TABLES",
    ] {
        assert!(grants.contains(p), "{p} missing from {grants}");
    }
}

#[test]
fn statement_binlog_format_is_reported() {
    let db = MariaDb::start_with(MyOptions {
        binlog_format: "STATEMENT",
        extra_args: vec!["--max-allowed-packet=16M".into()],
        ..MyOptions::default()
    });
    assert_eq!(
        db.sql("SELECT @@binlog_format, @@max_allowed_packet"),
        format!("STATEMENT\t{}", 16 * 1024 * 1024)
    );
}

#[test]
fn sql_file_applies_a_script() {
    let db = MariaDb::start();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("schema.sql");
    std::fs::write(
        &file,
        "CREATE TABLE t (id INT PRIMARY KEY, v TEXT);\n\
         INSERT INTO t VALUES (1, 'a'), (2, 'ü');\n",
    )
    .unwrap();
    db.sql_file(&file);
    assert_eq!(db.sql("SELECT v FROM t ORDER BY id"), "a\nü");
}

#[test]
fn two_servers_at_once() {
    let a = MariaDb::start();
    let b = MariaDb::start();
    assert_ne!(a.port, b.port);
    a.sql("CREATE TABLE only_a (id INT PRIMARY KEY)");
    assert_eq!(a.sql("SHOW TABLES"), "only_a");
    assert_eq!(b.sql("SHOW TABLES"), "");
    assert_eq!(b.sql("SELECT @@binlog_format"), "ROW");
}

#[test]
fn stop_and_restart_keep_the_data() {
    let db = MariaDb::start();
    db.sql("CREATE TABLE t (id INT PRIMARY KEY); INSERT INTO t VALUES (7)");
    db.stop();
    assert!(!accepts_connections(db.port));
    db.restart();
    assert_eq!(db.sql("SELECT id FROM t"), "7");
    db.kill();
    assert!(!accepts_connections(db.port));
    db.restart();
    assert_eq!(db.sql("SELECT id FROM t"), "7");
}

#[test]
fn drop_stops_the_server() {
    let db = MariaDb::start();
    let port = db.port;
    let pid = db.pid().expect("running");
    let dir = db.data_dir();
    assert!(accepts_connections(port));
    assert!(process_alive(pid));
    drop(db);
    assert!(!accepts_connections(port), "port {port} still open");
    assert!(!process_alive(pid), "mariadbd {pid} still running");
    assert!(!dir.exists(), "{} left behind", dir.display());
}

#[test]
#[should_panic(expected = "unknown option '--no-such-option'")]
fn a_server_that_cannot_start_panics_with_its_error_log() {
    let _ = MariaDb::start_with(MyOptions {
        extra_args: vec!["--no-such-option".into()],
        ..MyOptions::default()
    });
}

/// A running server without the CDC settings is refused by name, with the file that fixes it.
#[test]
fn a_running_server_without_row_binlogs_is_refused_naming_the_fix() {
    let owner = MariaDb::start_with(MyOptions {
        binlog_format: "STATEMENT",
        ..MyOptions::default()
    });
    let addr = format!("root@127.0.0.1:{}", owner.port);
    let err = std::panic::catch_unwind(|| MariaDb::connect(Server::MariaDb, &addr))
        .err()
        .expect("a server with STATEMENT binlogs is refused");
    let msg = err.downcast_ref::<String>().cloned().unwrap_or_default();
    assert!(
        msg.contains("lacks the CDC settings")
            && msg.contains("tests/db-matrix/conf/mariadb-cdc.cnf"),
        "{msg}"
    );
}

#[test]
fn server_addresses_parse_with_and_without_credentials() {
    use db_matrix::mariadb::parse_address;
    assert_eq!(
        parse_address("127.0.0.1:3307").unwrap(),
        ("root".into(), "".into(), "127.0.0.1".into(), 3307)
    );
    assert_eq!(
        parse_address("admin:s3:cr@t@db.example:3306").unwrap(),
        ("admin".into(), "s3:cr@t".into(), "db.example".into(), 3306)
    );
    assert_eq!(
        parse_address("root@mysql").unwrap(),
        ("root".into(), "".into(), "mysql".into(), 3306)
    );
    assert!(parse_address("root@mysql:x").is_err());
    assert!(parse_address("@:3306").is_err());
}
