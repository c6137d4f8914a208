//! TLS to the sources, against the harness's Postgres and MariaDB started with TLS only (plain
//! connections refused) and a CA the test makes: every mode connects or fails as the databases'
//! own clients do, a wrong CA or host name is a definite error naming the setting, a client
//! certificate authenticates, and a change streams end to end over TLS.

use std::path::Path;

use db_matrix::collector::{self, Collector};
use db_matrix::mariadb::{MariaDb, MyOptions};
use db_matrix::matrix::{self, SourceDb};
use db_matrix::postgres::{PgOptions, PgTls, Postgres, CERT_USER};
use db_matrix::redis_server::RedisServer;
use db_matrix::tls::TestCa;
use db_matrix::wait_for;

fn write(dir: &Path, name: &str, text: &str) -> std::path::PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

/// `collector check`: Ok(stdout) or Err(stderr).
fn check(cfg: &Path) -> Result<String, String> {
    let out = collector::run_to_end("check", cfg);
    let (o, e) = (
        String::from_utf8_lossy(&out.stdout).to_string(),
        String::from_utf8_lossy(&out.stderr).to_string(),
    );
    if out.status.success() {
        Ok(o)
    } else {
        Err(e)
    }
}

fn pg_yaml(pg: &Postgres, redis: &RedisServer, user: &str, tls: &str) -> String {
    format!(
        "source:\n  type: postgresql\n  hostname: 127.0.0.1\n  port: {}\n  user: {user}\n  dbname: inventory\n  \
         topic_prefix: dbserver1\n  slot_name: redcdc_tls\n  table_include_list: [public.t]\n{tls}\
         sink:\n  address: 127.0.0.1:{}\n",
        pg.port, redis.port
    )
}

#[test]
fn postgres_sslmodes_certificates_and_a_change_over_tls() {
    let ca = TestCa::new("redcdc test CA");
    let other = TestCa::new("another CA");
    // the server's certificate names localhost and 127.0.0.1; a second one localhost only
    let server = ca.server("pg", &["localhost", "127.0.0.1"]);
    let client = ca.server(CERT_USER, &[CERT_USER]);
    let pg = Postgres::start_with(PgOptions {
        tls: Some(PgTls {
            cert: server.cert_path.clone(),
            key: server.key_path.clone(),
            ca: ca.ca_path(),
        }),
        ..PgOptions::default()
    });
    pg.psql(&format!(
        "CREATE ROLE {CERT_USER} LOGIN REPLICATION SUPERUSER; \
         CREATE TABLE t (id int PRIMARY KEY, v text); INSERT INTO t VALUES (1, 'one')"
    ));
    let redis = RedisServer::start();
    let tmp = tempfile::tempdir().unwrap();
    let ca_path = ca.ca_path().display().to_string();
    let other_ca = other.ca_path().display().to_string();
    let cfg = |name: &str, user: &str, tls: &str| {
        write(tmp.path(), name, &pg_yaml(&pg, &redis, user, tls))
    };

    // plain is refused by the server; the error is its own, not a hang
    let e = check(&cfg("disable.yaml", "postgres", "  sslmode: disable\n")).unwrap_err();
    assert!(e.contains("no encryption") || e.contains("pg_hba"), "{e}");
    // prefer and require encrypt without checking the certificate
    for mode in ["prefer", "require"] {
        check(&cfg(
            &format!("{mode}.yaml"),
            "postgres",
            &format!("  sslmode: {mode}\n"),
        ))
        .unwrap_or_else(|e| panic!("sslmode {mode}: {e}"));
    }
    // verify-full with the CA, by a name in the certificate
    let full = format!("  sslmode: verify-full\n  sslrootcert: {ca_path}\n");
    check(&cfg("full.yaml", "postgres", &full)).unwrap();
    // a CA that did not sign it: definite, naming the setting
    let e = check(&cfg(
        "wrong-ca.yaml",
        "postgres",
        &format!("  sslmode: verify-ca\n  sslrootcert: {other_ca}\n"),
    ))
    .unwrap_err();
    assert!(
        e.contains("sslrootcert") && e.contains("UnknownIssuer"),
        "{e}"
    );
    // require with a CA file checks the chain too (as libpq)
    let e = check(&cfg(
        "require-ca.yaml",
        "postgres",
        &format!("  sslmode: require\n  sslrootcert: {other_ca}\n"),
    ))
    .unwrap_err();
    assert!(e.contains("sslrootcert"), "{e}");
    // a certificate for another name: verify-full refuses, verify-ca accepts
    let named = ca.server("pg-localhost", &["localhost"]);
    let pg2 = Postgres::start_with(PgOptions {
        tls: Some(PgTls {
            cert: named.cert_path.clone(),
            key: named.key_path.clone(),
            ca: ca.ca_path(),
        }),
        ..PgOptions::default()
    });
    pg2.psql("CREATE TABLE t (id int PRIMARY KEY)");
    let e = check(&write(
        tmp.path(),
        "name.yaml",
        &pg_yaml(&pg2, &redis, "postgres", &full),
    ))
    .unwrap_err();
    assert!(
        e.contains("not valid for name") && e.contains("verify-full"),
        "{e}"
    );
    check(&write(
        tmp.path(),
        "name-ca.yaml",
        &pg_yaml(
            &pg2,
            &redis,
            "postgres",
            &format!("  sslmode: verify-ca\n  sslrootcert: {ca_path}\n"),
        ),
    ))
    .unwrap();
    drop(pg2);
    // the certificate user: refused without its client certificate, accepted with it
    assert!(check(&cfg("nocert.yaml", CERT_USER, &full)).is_err());
    let with_cert = format!(
        "{full}  sslcert: {}\n  sslkey: {}\n",
        client.cert_path.display(),
        client.key_path.display()
    );
    check(&cfg("cert.yaml", CERT_USER, &with_cert)).unwrap();

    // the whole path over TLS as the certificate user: snapshot, then a streamed change
    let run = cfg("run.yaml", CERT_USER, &with_cert);
    let c = Collector::start(&run, &[]);
    let stream = "dbserver1.public.t";
    wait_for(60, "the snapshot over TLS", || {
        (matrix::values(&redis, stream).len() == 1).then_some(())
    });
    pg.psql("INSERT INTO t VALUES (2, 'two')");
    wait_for(60, "a change streamed over TLS", || {
        (matrix::values(&redis, stream).len() == 2).then_some(())
    });
    let last = matrix::values(&redis, stream).pop().unwrap();
    assert_eq!(last["after"]["v"], "two", "{last}");
    assert_eq!(c.terminate(), Some(0));
}

#[test]
fn mariadb_ssl_modes_certificates_and_a_change_over_tls() {
    let ca = TestCa::new("redcdc test CA");
    let other = TestCa::new("another CA");
    // the server's certificate names localhost only: by 127.0.0.1 the name does not match
    let server = ca.server("mariadb", &["localhost"]);
    let client = ca.server("client", &["client"]);
    let db = MariaDb::start_with(MyOptions {
        extra_args: vec![
            format!("--ssl-ca={}", ca.ca_path().display()),
            format!("--ssl-cert={}", server.cert_path.display()),
            format!("--ssl-key={}", server.key_path.display()),
            "--require-secure-transport=ON".into(),
        ],
        ..MyOptions::default()
    });
    db.sql(
        "CREATE USER 'x509'@'127.0.0.1' REQUIRE X509; \
         GRANT SELECT, RELOAD, SHOW DATABASES, REPLICATION SLAVE, REPLICATION CLIENT, \
         BINLOG MONITOR, LOCK TABLES ON *.* TO 'x509'@'127.0.0.1'; \
         CREATE TABLE t (id int PRIMARY KEY, v varchar(20)); INSERT INTO t VALUES (1, 'one')",
    );
    let redis = RedisServer::start();
    let tmp = tempfile::tempdir().unwrap();
    let base = matrix::config(&db, &redis, &["t"], "");
    let cfg = |name: &str, tls: &str| {
        let text = base.replacen("\nsink:", &format!("\n{tls}sink:"), 1);
        write(tmp.path(), name, &text)
    };
    // the same, connecting by the name in the server's certificate
    let by_name = |text: String| text.replace("hostname: 127.0.0.1\n", "hostname: localhost\n");
    let named = |name: &str, tls: &str| {
        let text = by_name(base.replacen("\nsink:", &format!("\n{tls}sink:"), 1));
        write(tmp.path(), name, &text)
    };
    assert!(base.contains("hostname: 127.0.0.1\n"), "{base}");
    let ca_path = ca.ca_path().display().to_string();

    // plain is refused by the server (MariaDB 10.11 answers it with "access denied")
    let e = check(&cfg("disabled.yaml", "  ssl_mode: disabled\n")).unwrap_err();
    assert!(
        e.to_lowercase().contains("secure transport") || e.contains("Access denied"),
        "{e}"
    );
    for mode in ["preferred", "required"] {
        check(&cfg(
            &format!("{mode}.yaml"),
            &format!("  ssl_mode: {mode}\n"),
        ))
        .unwrap_or_else(|e| panic!("ssl_mode {mode}: {e}"));
    }
    let identity = format!("  ssl_mode: verify_identity\n  ssl_ca: {ca_path}\n");
    check(&named("identity.yaml", &identity)).unwrap();
    // a host name the certificate does not hold: verify_identity refuses, naming the setting;
    // verify_ca checks the chain only and accepts
    let e = check(&cfg("wrong-name.yaml", &identity)).unwrap_err();
    assert!(
        (e.contains("NotValidForName") || e.contains("not valid for name"))
            && e.contains("ssl_mode verify_identity")
            && e.contains("Fix:"),
        "{e}"
    );
    check(&cfg(
        "verify-ca.yaml",
        &format!("  ssl_mode: verify_ca\n  ssl_ca: {ca_path}\n"),
    ))
    .unwrap();
    let e = check(&cfg(
        "wrong-ca.yaml",
        &format!(
            "  ssl_mode: verify_ca\n  ssl_ca: {}\n",
            other.ca_path().display()
        ),
    ))
    .unwrap_err();
    assert!(e.contains("ssl_ca") && e.contains("Fix:"), "{e}");
    // a client certificate for the X509 user
    let x509 = |name: &str, tls: &str| {
        let text = by_name(
            base.replacen("\nsink:", &format!("\n{tls}sink:"), 1)
                .replace("user: debezium\n  password: dbz\n", "user: x509\n"),
        );
        write(tmp.path(), name, &text)
    };
    assert!(check(&x509("x509-nocert.yaml", &identity)).is_err());
    let with_cert = format!(
        "{identity}  ssl_cert: {}\n  ssl_key: {}\n",
        client.cert_path.display(),
        client.key_path.display()
    );
    check(&x509("x509.yaml", &with_cert)).unwrap();

    // RDI's config.yaml: connection.cacert/cert/key (a CA without a mode: verify_identity), or
    // RDI 2.0's secrets as paths in the environment
    let rdi = |host: &str, tls: &str| {
        format!(
            "sources:\n  shop:\n    type: cdc\n    connection:\n      type: mariadb\n      host: {host}\n      port: {}\n      user: x509\n{tls}    databases: [inventory]\n    tables:\n      inventory.t: {{}}\n",
            db.port
        )
    };
    let pem = format!(
        "      cacert: {ca_path}\n      cert: {}\n      key: {}\n",
        client.cert_path.display(),
        client.key_path.display()
    );
    let rdi_check = |name: &str, text: String, env: &[(&str, String)]| {
        let dir = tmp.path().join(name);
        std::fs::create_dir_all(&dir).unwrap();
        let config = write(&dir, "config.yaml", &text);
        let out = std::process::Command::new(collector::bin())
            .args(["check", "--config"])
            .arg(&config)
            .args(["--redis", &format!("redis://127.0.0.1:{}", redis.port)])
            .envs(env.iter().map(|(k, v)| (*k, v.as_str())))
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr).to_string();
        if out.status.success() {
            Ok(())
        } else {
            Err(err)
        }
    };
    rdi_check("rdi", rdi("localhost", &pem), &[]).unwrap();
    let e = rdi_check("rdi-name", rdi("127.0.0.1", &pem), &[]).unwrap_err();
    assert!(e.contains("ssl_mode verify_identity"), "{e}");
    let secrets = [
        ("SOURCE_DB_CACERT", ca_path.clone()),
        ("SOURCE_DB_CERT", client.cert_path.display().to_string()),
        ("SOURCE_DB_KEY", client.key_path.display().to_string()),
    ];
    rdi_check("rdi-env", rdi("localhost", ""), &secrets).unwrap();
    // RDI's documented form: the connection's files as references to the secrets
    let refs = "      cacert: ${SOURCE_DB_CACERT}\n      cert: ${SOURCE_DB_CERT}\n      key: ${SOURCE_DB_KEY}\n      key_password: ${SOURCE_DB_KEY_PASSWORD}\n";
    rdi_check("rdi-refs", rdi("localhost", refs), &secrets).unwrap();
    let e = rdi_check("rdi-refs-name", rdi("127.0.0.1", refs), &secrets).unwrap_err();
    assert!(e.contains("ssl_mode verify_identity"), "{e}");
    // without a certificate the X509 user is refused
    assert!(rdi_check("rdi-none", rdi("localhost", ""), &[]).is_err());

    // Debezium Server's properties with Java stores: a JKS truststore and a PKCS#12 keystore,
    // then the other way round (keytool and openssl make them from the PEM files)
    let stores = tmp.path().join("stores");
    std::fs::create_dir_all(&stores).unwrap();
    let st = |name: &str| stores.join(name).display().to_string();
    let run_tool = |tool: &str, args: &[&str]| {
        let out = std::process::Command::new(tool)
            .args(args)
            .output()
            .unwrap_or_else(|e| panic!("{tool}: {e} (scripts/setup-debian.sh installs it)"));
        assert!(
            out.status.success(),
            "{tool} {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    for (kind, file) in [("JKS", "trust.jks"), ("PKCS12", "trust.p12")] {
        run_tool(
            "keytool",
            &[
                "-importcert",
                "-noprompt",
                "-alias",
                "ca",
                "-file",
                &ca_path,
                "-keystore",
                &st(file),
                "-storepass",
                "trustpass",
                "-storetype",
                kind,
            ],
        );
    }
    run_tool(
        "openssl",
        &[
            "pkcs12",
            "-export",
            "-in",
            &client.cert_path.display().to_string(),
            "-inkey",
            &client.key_path.display().to_string(),
            "-name",
            "client",
            "-out",
            &st("client.p12"),
            "-passout",
            "pass:keypass1",
        ],
    );
    run_tool(
        "keytool",
        &[
            "-importkeystore",
            "-noprompt",
            "-srckeystore",
            &st("client.p12"),
            "-srcstoretype",
            "PKCS12",
            "-srcstorepass",
            "keypass1",
            "-destkeystore",
            &st("client.jks"),
            "-deststoretype",
            "JKS",
            "-deststorepass",
            "keypass1",
        ],
    );
    let props = |name: &str, host: &str, trust: &str, key: &str, key_pw: &str| {
        write(
            tmp.path(),
            name,
            &format!(
                "debezium.sink.type=redis\ndebezium.sink.redis.address=127.0.0.1:{}\n\
                 debezium.source.connector.class=io.debezium.connector.mariadb.MariaDbConnector\n\
                 debezium.source.database.hostname={host}\ndebezium.source.database.port={}\n\
                 debezium.source.database.user=x509\ndebezium.source.database.server.id=184054\n\
                 debezium.source.topic.prefix=stores\ndebezium.source.database.include.list=inventory\n\
                 debezium.source.table.include.list=inventory.t\n\
                 debezium.source.database.ssl.mode=verify_identity\n\
                 debezium.source.database.ssl.truststore={}\ndebezium.source.database.ssl.truststore.password=trustpass\n\
                 debezium.source.database.ssl.keystore={}\ndebezium.source.database.ssl.keystore.password={key_pw}\n",
                redis.port,
                db.port,
                st(trust),
                st(key)
            ),
        )
    };
    check(&props(
        "jks-p12.properties",
        "localhost",
        "trust.jks",
        "client.p12",
        "keypass1",
    ))
    .unwrap();
    check(&props(
        "p12-jks.properties",
        "localhost",
        "trust.p12",
        "client.jks",
        "keypass1",
    ))
    .unwrap();
    // the stores are checked as the PEM files are: a wrong host name, a wrong password
    let e = check(&props(
        "stores-name.properties",
        "127.0.0.1",
        "trust.jks",
        "client.p12",
        "keypass1",
    ))
    .unwrap_err();
    assert!(e.contains("ssl_mode verify_identity"), "{e}");
    let e = check(&props(
        "stores-pw.properties",
        "localhost",
        "trust.jks",
        "client.p12",
        "wrong",
    ))
    .unwrap_err();
    assert!(
        e.contains("database.ssl.keystore") && e.contains("password"),
        "{e}"
    );

    // snapshot and a streamed change over TLS (the binlog connection too): with the collector's
    // YAML, then from the RDI pipeline file (RDI's stream name, secrets from the environment)
    let run = x509("run.yaml", &with_cert);
    let rdi_dir = tmp.path().join("rdi-run");
    std::fs::create_dir_all(&rdi_dir).unwrap();
    let rdi_run = write(&rdi_dir, "config.yaml", &rdi("localhost", ""));
    let redis_url = format!("redis://127.0.0.1:{}", redis.port);
    let mut env: Vec<(&str, &str)> = secrets.iter().map(|(k, v)| (*k, v.as_str())).collect();
    env.push(("REDCDC_REDIS", &redis_url));
    for (next, (cfg, env, stream)) in (2..).zip([
        (&run, Vec::new(), db.stream("t")),
        (&rdi_run, env, "data:{rdi}:shop.inventory.t".to_string()),
    ]) {
        let c = Collector::start(cfg, &env);
        wait_for(60, "the snapshot over TLS", || {
            (matrix::values(&redis, &stream).len() == next - 1).then_some(())
        });
        db.sql(&format!("INSERT INTO t VALUES ({next}, 'n{next}')"));
        wait_for(60, "a change streamed over TLS", || {
            (matrix::values(&redis, &stream).len() == next).then_some(())
        });
        let last = matrix::values(&redis, &stream).pop().unwrap();
        assert_eq!(last["after"]["v"], format!("n{next}"), "{last}");
        assert_eq!(c.terminate(), Some(0));
    }
}
