//! Test harness: throwaway Postgres and Redis servers started from the installed binaries on
//! free loopback ports, the collector binary as a child process, and stream dumps normalised
//! the way the golden files were (volatile fields blanked).
//!
//! Postgres refuses to run as root; when the tests run as root the server is started as the
//! unprivileged user `nobody` (data directory owned by it).

pub mod collector;
pub mod golden;
pub mod mariadb;
pub mod matrix;
pub mod netns;
pub mod postgres;
pub mod procstat;
pub mod redis_server;
pub mod sqlserver_live;
pub mod sqlserver_model;
pub mod streams;
pub mod tds;
pub mod tls;

use std::net::TcpListener;
use std::path::{Path, PathBuf};

/// A free loopback port (bound then released).
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("no free port")
}

/// A loopback port that refuses connections and stays refused while the returned socket lives:
/// bound, never listening, so no other test's server can take it (a port from [`free_port`]
/// may be reused by a server another test starts meanwhile).
pub fn dead_port() -> (socket2::Socket, u16) {
    let s =
        socket2::Socket::new(socket2::Domain::IPV4, socket2::Type::STREAM, None).expect("socket");
    let any: std::net::SocketAddr = "127.0.0.1:0".parse().unwrap();
    s.bind(&any.into()).expect("bind");
    let port = s
        .local_addr()
        .ok()
        .and_then(|a| a.as_socket())
        .map(|a| a.port())
        .expect("port");
    (s, port)
}

/// The workspace root.
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .nth(2)
        .expect("workspace root")
        .to_path_buf()
}

/// `testdata/...`.
pub fn testdata(rel: &str) -> PathBuf {
    workspace_root().join("testdata").join(rel)
}

/// Waits until `f` returns Some, polling every 50 ms, or panics with `what` after `secs`.
pub fn wait_for<T>(secs: u64, what: &str, mut f: impl FnMut() -> Option<T>) -> T {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(secs);
    loop {
        if let Some(v) = f() {
            return v;
        }
        if std::time::Instant::now() > deadline {
            panic!("timed out after {secs}s waiting for {what}");
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}

/// The Debezium Server properties of RDI's collector profile (extended entries, schemaless JSON,
/// decimals as strings, no tombstones, `data:` stream prefix), as the golden runs used them.
pub const RDI_PROFILE_PROPERTIES: &str = "debezium.sink.redis.message.format=extended\n\
     debezium.source.key.converter.schemas.enable=false\n\
     debezium.source.value.converter.schemas.enable=false\n\
     debezium.source.decimal.handling.mode=string\n\
     debezium.source.tombstones.on.delete=false\n\
     debezium.transforms=AddPrefix\n\
     debezium.transforms.AddPrefix.type=org.apache.kafka.connect.transforms.RegexRouter\n\
     debezium.transforms.AddPrefix.regex=(.*)\n\
     debezium.transforms.AddPrefix.replacement=data:$1\n";
