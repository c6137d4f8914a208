//! A throwaway Postgres cluster with the settings CDC needs (`wal_level=logical`).

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use crate::free_port;

/// Options for [`Postgres::start`].
#[derive(Debug, Clone)]
pub struct PgOptions {
    pub wal_level: &'static str,
    /// TLS: `ssl = on` with this certificate, key and CA (for client certificates); plain
    /// connections are then refused, and the user [`CERT_USER`] must show a client
    /// certificate (`cert` authentication).
    pub tls: Option<PgTls>,
    /// Run inside this network namespace (name, its address), listening on its address; the
    /// test's own `psql` goes through the Unix socket.
    pub netns: Option<(String, String)>,
}

/// The server side of [`PgOptions::tls`].
#[derive(Debug, Clone)]
pub struct PgTls {
    pub cert: PathBuf,
    pub key: PathBuf,
    pub ca: PathBuf,
}

/// The user that authenticates by client certificate on a TLS server (its certificate's CN).
pub const CERT_USER: &str = "certuser";

impl Default for PgOptions {
    fn default() -> Self {
        PgOptions {
            wal_level: "logical",
            tls: None,
            netns: None,
        }
    }
}

/// A running cluster; stopped and deleted on drop.
pub struct Postgres {
    pub port: u16,
    bin: PathBuf,
    dir: tempfile::TempDir,
    as_nobody: bool,
    /// The namespace the server runs in.
    netns: Option<String>,
    /// Where `psql` connects: 127.0.0.1, or the socket directory.
    psql_host: String,
}

/// Where the server binaries are: `$REDCDC_PG_BIN`, else the newest `/usr/lib/postgresql/*/bin`.
pub fn pg_bin() -> PathBuf {
    if let Ok(p) = std::env::var("REDCDC_PG_BIN") {
        return PathBuf::from(p);
    }
    let mut versions: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .map(|d| {
            d.filter_map(|e| e.ok())
                .filter_map(|e| {
                    let v: u32 = e.file_name().to_str()?.parse().ok()?;
                    let bin = e.path().join("bin");
                    bin.join("postgres").exists().then_some((v, bin))
                })
                .collect()
        })
        .unwrap_or_default();
    versions.sort();
    versions
        .pop()
        .map(|(_, p)| p)
        .expect("no Postgres server binaries found: install postgresql (or set REDCDC_PG_BIN)")
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false)
}

impl Postgres {
    pub fn start() -> Postgres {
        Self::start_with(PgOptions::default())
    }

    pub fn start_with(opts: PgOptions) -> Postgres {
        let bin = pg_bin();
        let dir = tempfile::Builder::new()
            .prefix("redcdc-pg-")
            .tempdir()
            .expect("tempdir");
        let as_nobody = is_root();
        let data = dir.path().join("data");
        if as_nobody {
            std::fs::create_dir(&data).unwrap();
            let ok = Command::new("chown")
                .args(["-R", "nobody:nogroup"])
                .arg(dir.path())
                .status()
                .unwrap()
                .success();
            assert!(ok, "chown of the Postgres data dir failed");
            std::fs::set_permissions(
                dir.path(),
                std::os::unix::fs::PermissionsExt::from_mode(0o755),
            )
            .unwrap();
        }
        let mut pg = Postgres {
            port: 0,
            bin,
            psql_host: match &opts.netns {
                Some(_) => data.display().to_string(),
                None => "127.0.0.1".into(),
            },
            dir,
            as_nobody,
            netns: opts.netns.as_ref().map(|n| n.0.clone()),
        };
        let out = pg.run_as(
            pg.bin.join("initdb"),
            &[
                "-D",
                data.to_str().unwrap(),
                "-U",
                "postgres",
                "--auth=trust",
                "--encoding=UTF8",
                "--locale=C.UTF-8",
            ],
        );
        assert!(
            out.status.success(),
            "initdb failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let port = free_port();
        let conf = format!(
            "listen_addresses = '{listen}'\nport = {port}\nunix_socket_directories = '{sock}'\n\
             wal_level = {wal}\nmax_replication_slots = 10\nmax_wal_senders = 10\n\
             fsync = off\nsynchronous_commit = off\nfull_page_writes = off\ntimezone = 'UTC'\n\
             log_min_messages = warning\nshared_buffers = 64MB\n",
            sock = data.display(),
            wal = opts.wal_level,
            listen = opts.netns.as_ref().map_or("127.0.0.1", |n| n.1.as_str()),
        );
        let mut conf = conf;
        let mut hba = String::from("local all all trust\n");
        if let Some(t) = &opts.tls {
            // the server reads its key only if nobody else can
            for (from, to, mode) in [
                (&t.cert, "server.crt", 0o644),
                (&t.key, "server.key", 0o600),
                (&t.ca, "root.crt", 0o644),
            ] {
                let dest = data.join(to);
                std::fs::copy(from, &dest).expect("copy a TLS file");
                std::fs::set_permissions(&dest, std::os::unix::fs::PermissionsExt::from_mode(mode))
                    .unwrap();
                if as_nobody {
                    let ok = Command::new("chown")
                        .arg("nobody:nogroup")
                        .arg(&dest)
                        .status()
                        .unwrap()
                        .success();
                    assert!(ok, "chown of {to} failed");
                }
            }
            conf.push_str(
                "ssl = on\nssl_cert_file = 'server.crt'\nssl_key_file = 'server.key'\nssl_ca_file = 'root.crt'\n",
            );
            hba.push_str(&format!(
                "hostnossl all all 127.0.0.1/32 reject\n\
                 hostnossl replication all 127.0.0.1/32 reject\n\
                 hostssl all {CERT_USER} 127.0.0.1/32 cert\n\
                 hostssl replication {CERT_USER} 127.0.0.1/32 cert\n"
            ));
        }
        if opts.netns.is_some() {
            hba.push_str("host all all samenet trust\nhost replication all samenet trust\n");
        }
        hba.push_str(
            "host all pwuser 127.0.0.1/32 scram-sha-256\n\
             host replication pwuser 127.0.0.1/32 scram-sha-256\n\
             host all all 127.0.0.1/32 trust\n\
             host replication all 127.0.0.1/32 trust\n",
        );
        let mut auto = std::fs::OpenOptions::new()
            .append(true)
            .open(data.join("postgresql.conf"))
            .unwrap();
        std::io::Write::write_all(&mut auto, conf.as_bytes()).unwrap();
        std::fs::write(data.join("pg_hba.conf"), hba).unwrap();
        pg.port = port;
        pg.pg_ctl_start();
        pg.psql("CREATE DATABASE inventory");
        pg
    }

    fn run_as(&self, program: PathBuf, args: &[&str]) -> Output {
        let mut cmd = match (&self.netns, self.as_nobody) {
            (Some(ns), true) => {
                let mut c = Command::new("ip");
                c.args(["netns", "exec", ns, "runuser", "-u", "nobody", "--"])
                    .arg(program);
                c
            }
            (Some(ns), false) => {
                let mut c = Command::new("ip");
                c.args(["netns", "exec", ns]).arg(program);
                c
            }
            (None, true) => {
                let mut c = Command::new("runuser");
                c.args(["-u", "nobody", "--"]).arg(program);
                c
            }
            (None, false) => Command::new(program),
        };
        cmd.args(args)
            .current_dir("/")
            .stdin(Stdio::null())
            .output()
            .expect("cannot run a Postgres binary")
    }

    pub fn data_dir(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    /// Runs SQL with psql against `inventory` (or `postgres` for the initial CREATE DATABASE).
    pub fn psql(&self, sql: &str) -> String {
        self.psql_db(
            if sql.starts_with("CREATE DATABASE inventory") {
                "postgres"
            } else {
                "inventory"
            },
            sql,
        )
    }

    pub fn psql_db(&self, db: &str, sql: &str) -> String {
        let out = Command::new(self.bin.join("psql"))
            .args([
                "-h",
                &self.psql_host,
                "-p",
                &self.port.to_string(),
                "-U",
                "postgres",
                "-d",
                db,
            ])
            .args(["-v", "ON_ERROR_STOP=1", "-qAtX", "-c", sql])
            .env("PGTZ", "UTC")
            .output()
            .expect("psql");
        assert!(
            out.status.success(),
            "psql failed on {sql:.200}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }

    /// Applies a SQL file.
    pub fn psql_file(&self, file: &Path) {
        let out = Command::new(self.bin.join("psql"))
            .args([
                "-h",
                &self.psql_host,
                "-p",
                &self.port.to_string(),
                "-U",
                "postgres",
                "-d",
                "inventory",
            ])
            .args(["-v", "ON_ERROR_STOP=1", "-qAtX", "-f"])
            .arg(file)
            .output()
            .expect("psql");
        assert!(
            out.status.success(),
            "psql -f {} failed: {}",
            file.display(),
            String::from_utf8_lossy(&out.stderr)
        );
    }

    /// Stops the server now (`-m immediate`).
    pub fn stop(&self) {
        let data = self.data_dir();
        let _ = self.run_as(
            self.bin.join("pg_ctl"),
            &[
                "-D",
                data.to_str().unwrap(),
                "-m",
                "immediate",
                "-w",
                "stop",
            ],
        );
    }

    /// Starts it again after [`Postgres::stop`].
    pub fn restart(&self) {
        self.pg_ctl_start();
    }

    /// `pg_ctl start`, waiting until the server accepts connections.
    fn pg_ctl_start(&self) {
        let data = self.data_dir();
        let log = self.dir.path().join("server.log");
        let out = self.run_as(
            self.bin.join("pg_ctl"),
            &[
                "-D",
                data.to_str().unwrap(),
                "-l",
                log.to_str().unwrap(),
                "-w",
                "-t",
                "60",
                "start",
            ],
        );
        assert!(
            out.status.success(),
            "pg_ctl start failed: {} {}",
            String::from_utf8_lossy(&out.stderr),
            std::fs::read_to_string(&log).unwrap_or_default()
        );
    }
}

impl Drop for Postgres {
    fn drop(&mut self) {
        self.stop();
    }
}
