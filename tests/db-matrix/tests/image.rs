//! The shipped image: its static (musl) binaries need nothing from the host, and the image built
//! from the Dockerfile runs them. `scripts/test.sh` builds both first (`scripts/image.sh`: the
//! release musl binaries, stripped, into `target/image/`, and the Dockerfile's `local` stage with
//! podman + runc, no registry).
//!
//! Both tests stream a snapshot and a change from the test Postgres into the test Redis, reached
//! by **host names** (`pgdb`, `cache`) as compose names its services, and stop the collector
//! with SIGTERM (exit 0).

use std::path::{Path, PathBuf};
use std::process::Command;

use db_matrix::collector::Collector;
use db_matrix::postgres::Postgres;
use db_matrix::redis_server::RedisServer;
use db_matrix::{wait_for, workspace_root};

const IMAGE: &str = "localhost/redcdc:local";

fn image_dir() -> PathBuf {
    workspace_root().join("target/image")
}

fn config(pg: &Postgres, redis: &RedisServer) -> String {
    format!(
        "source:\n  type: postgresql\n  hostname: pgdb\n  port: {}\n  user: postgres\n  dbname: inventory\n  \
         topic_prefix: dbserver1\n  slot_name: redcdc_image\n  table_include_list: [public.ev]\n\
         sink:\n  address: cache:{}\n",
        pg.port, redis.port
    )
}

fn source() -> Postgres {
    let pg = Postgres::start();
    pg.psql(
        "CREATE TABLE ev (id int PRIMARY KEY, v text); INSERT INTO ev VALUES (1, 'a'), (2, 'b')",
    );
    pg
}

fn xlen(redis: &RedisServer) -> usize {
    redis::cmd("XLEN")
        .arg("dbserver1.public.ev")
        .query(&mut redis.conn())
        .unwrap_or(0)
}

/// Snapshot (2 rows), then an insert streamed; SIGTERM exits 0.
fn stream_a_change(pg: &Postgres, redis: &RedisServer, c: Collector) {
    let got = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        wait_for(60, "the snapshot", || (xlen(redis) == 2).then_some(()));
        pg.psql("INSERT INTO ev VALUES (3, 'c')");
        wait_for(60, "the insert", || (xlen(redis) == 3).then_some(()));
    }));
    assert!(got.is_ok(), "{}", c.log_text());
    assert_eq!(c.terminate(), Some(0), "SIGTERM: flush, commit, exit 0");
}

fn copy(from: &Path, to: &Path) {
    std::fs::create_dir_all(to.parent().unwrap()).unwrap();
    std::fs::copy(from, to)
        .unwrap_or_else(|e| panic!("{}: {e} (run scripts/image.sh)", from.display()));
}

#[test]
fn static_binaries_stream_a_change_from_an_empty_root() {
    let pg = source();
    let redis = RedisServer::start();
    let root = tempfile::tempdir().unwrap();
    let r = root.path();
    // the binary, the CA bundle, a config and the host names: nothing else
    copy(
        &image_dir().join("bin/collector"),
        &r.join("usr/local/bin/collector"),
    );
    copy(
        &image_dir().join("ca/ca-certificates.crt"),
        &r.join("etc/ssl/certs/ca-certificates.crt"),
    );
    std::fs::write(r.join("etc/hosts"), "127.0.0.1 localhost pgdb cache\n").unwrap();
    std::fs::create_dir_all(r.join("etc/redcdc")).unwrap();
    std::fs::write(r.join("etc/redcdc/config.yaml"), config(&pg, &redis)).unwrap();
    let entries: Vec<String> = walk(r);
    assert_eq!(
        entries,
        [
            "etc/hosts",
            "etc/redcdc/config.yaml",
            "etc/ssl/certs/ca-certificates.crt",
            "usr/local/bin/collector"
        ],
        "the root holds only these"
    );
    let log_near = root.path().join("collector");
    let c = Collector::spawn(
        PathBuf::from("chroot"),
        &[
            r.to_str().unwrap(),
            "/usr/local/bin/collector",
            "run",
            "--config",
            "/etc/redcdc/config.yaml",
        ],
        &log_near,
        &[],
    );
    stream_a_change(&pg, &redis, c);
}

fn walk(root: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p.strip_prefix(root).unwrap().display().to_string());
            }
        }
    }
    out.sort();
    out
}

fn podman(conf: &Path) -> Command {
    let mut c = Command::new("podman");
    c.env("CONTAINERS_CONF", conf).args(["--runtime", "runc"]);
    c
}

#[test]
fn the_image_is_small_and_streams_a_change_in_a_container() {
    let tmp = tempfile::tempdir().unwrap();
    let conf = tmp.path().join("containers.conf");
    std::fs::write(&conf, "[containers]\ndefault_ulimits = []\n").unwrap();
    let size = podman(&conf)
        .args(["image", "inspect", IMAGE, "--format", "{{.Size}}"])
        .output()
        .expect("podman (scripts/setup-debian.sh installs it)");
    assert!(
        size.status.success(),
        "no image {IMAGE}: run scripts/image.sh"
    );
    let bytes: u64 = String::from_utf8_lossy(&size.stdout)
        .trim()
        .parse()
        .unwrap();
    assert!(
        bytes <= 30_000_000,
        "the image is {bytes} bytes, over 30 MB"
    );
    let pg = source();
    let redis = RedisServer::start();
    let cfg = tmp.path().join("etc");
    std::fs::create_dir_all(&cfg).unwrap();
    std::fs::write(cfg.join("config.yaml"), config(&pg, &redis)).unwrap();
    let name = format!("redcdc-test-{}", std::process::id());
    let mount = format!("{}:/etc/redcdc:ro", cfg.display());
    let c = Collector::spawn(
        PathBuf::from("podman"),
        &[
            "--runtime",
            "runc",
            "run",
            "--rm",
            "--name",
            &name,
            "--network",
            "host",
            "--add-host",
            "pgdb:127.0.0.1",
            "--add-host",
            "cache:127.0.0.1",
            "-v",
            &mount,
            IMAGE,
        ],
        &tmp.path().join("podman"),
        &[("CONTAINERS_CONF", conf.to_str().unwrap())],
    );
    stream_a_change(&pg, &redis, c);
    // the CLI is in the image too (`processor redcdc ...`): by host name it reaches the Redis
    // and reads the stream the collector wrote
    let out = podman(&conf)
        .args([
            "run",
            "--rm",
            "--network",
            "host",
            "--add-host",
            "cache:127.0.0.1",
            "--entrypoint",
            "/usr/local/bin/processor",
            IMAGE,
            "redcdc",
            "--redis",
            &format!("redis://cache:{}/", redis.port),
            "status",
            "-o",
            "json",
        ])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success() && text.contains("\"dbserver1.public.ev\": {\n      \"total\": 3,"),
        "processor redcdc status in the image: {text}{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
