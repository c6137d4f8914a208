//! Snapshot progress on a terminal: the collector runs under `script` (a pseudo-terminal, as a
//! user's shell gives it) snapshotting two tables in parallel; each table keeps its own bar
//! (`indicatif`: rows of the estimate, rows/s, ETA) and the log lines print between redraws
//! instead of over them. Without a terminal the same snapshot logs periodic progress lines
//! (the other tests' logs).

use db_matrix::collector::bin;
use db_matrix::postgres::Postgres;
use db_matrix::redis_server::RedisServer;

#[test]
fn parallel_tables_each_keep_their_bar_on_a_terminal() {
    let pg = Postgres::start();
    pg.psql(
        "CREATE TABLE pa (id int PRIMARY KEY, v text); CREATE TABLE pb (id int PRIMARY KEY, v text); \
         INSERT INTO pa SELECT g, repeat('x', 200) FROM generate_series(1, 150000) g; \
         INSERT INTO pb SELECT g, repeat('y', 200) FROM generate_series(1, 150000) g; ANALYZE pa; ANALYZE pb",
    );
    let redis = RedisServer::start();
    let tmp = tempfile::tempdir().unwrap();
    let cfg = tmp.path().join("c.yaml");
    std::fs::write(
        &cfg,
        format!(
            "source:\n  type: postgresql\n  hostname: 127.0.0.1\n  port: {}\n  user: postgres\n  dbname: inventory\n  \
             topic_prefix: dbserver1\n  slot_name: redcdc_progress\n  table_include_list: [public.pa, public.pb]\n  \
             snapshot_mode: initial_only\n  snapshot_max_threads: 2\n  snapshot_fetch_size: 500\n\
             sink:\n  address: 127.0.0.1:{}\n  batch_size: 500\n",
            pg.port, redis.port
        ),
    )
    .unwrap();
    let typescript = tmp.path().join("typescript");
    let cmd = format!("{} run --config {}", bin().display(), cfg.display());
    let out = std::process::Command::new("script")
        .args(["-qfec", &cmd])
        .arg(&typescript)
        .env("REDCDC_LOG", "info")
        .env("TERM", "xterm")
        .env("COLUMNS", "160")
        .output()
        .expect("script (util-linux)");
    let text = std::fs::read_to_string(&typescript).unwrap_or_default();
    assert!(out.status.success(), "{:?}\n{text}", out.status);
    // a bar per table (a table read in parts: one per part), each on its own line
    for table in ["public.pa", "public.pb"] {
        assert!(
            text.split(['\n', '\r']).any(|l| {
                let plain = strip_ansi(l);
                plain.contains(table) && plain.contains(" [") && plain.contains(" rows ")
            }),
            "no bar for {table}:\n{text}"
        );
    }
    assert!(text.contains("rows") && text.contains("ETA"), "{text}");
    // replayed on a terminal emulator: while the two workers read, the screen shows two bars at
    // once, on different rows (the two parts of `pa`, or `pa` and `pb`; a single `\r` line
    // would show one at a time)
    let bytes = std::fs::read(&typescript).unwrap();
    let mut screen = vt100::Parser::new(50, 160, 0);
    let mut both = false;
    for chunk in bytes.chunks(32) {
        screen.process(chunk);
        let bars: std::collections::BTreeSet<String> = screen
            .screen()
            .rows(0, 160)
            .filter(|r| r.contains(" [") && r.contains(" rows "))
            .map(|r| r.split(" [").next().unwrap_or("").trim().to_string())
            .collect();
        if bars.len() >= 2 {
            both = true;
            break;
        }
    }
    assert!(both, "never two bars on screen at once:\n{text}");
    assert!(text.contains("snapshot completed"), "the log line: {text}");
    // a log line never shares its line with a bar: every line holding a log message starts
    // with the log's timestamp once the terminal's control sequences are removed
    for line in text.split(['\n', '\r']) {
        let plain = strip_ansi(line);
        if plain.contains("snapshot completed") {
            assert!(
                plain.trim_start().starts_with("20"),
                "a log line mixed with a bar: {plain:?}"
            );
        }
    }
}

/// `line` without ANSI escape sequences (`ESC [ ... letter`).
fn strip_ansi(line: &str) -> String {
    let mut out = String::new();
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            if chars.peek() == Some(&'[') {
                chars.next();
                for d in chars.by_ref() {
                    if d.is_ascii_alphabetic() {
                        break;
                    }
                }
            }
            continue;
        }
        out.push(c);
    }
    out
}
