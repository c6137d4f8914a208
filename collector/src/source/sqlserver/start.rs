//! SQL Server at start: the prerequisites `collector check` reports and every run verifies —
//! CDC enabled on the database, the SQL Server Agent running (it runs the capture and cleanup
//! jobs), a capture instance for every captured table, the change tables still holding the
//! stored position — each a definite error naming the fix. The start decision itself is the
//! shared one in [`crate::start`].

use protocol::offset::SqlLsn;

use super::client::{CaptureInstance, Conn, SqlServerError};

/// What the checks found: the capture instances of the captured tables.
#[derive(Debug)]
pub(crate) struct Prerequisites {
    pub checked: Vec<String>,
    pub instances: Vec<CaptureInstance>,
}

/// Checks the database can be captured for the tables `wanted` (`schema.table`; empty: every
/// table with a capture instance).
pub(crate) async fn prerequisites(
    conn: &mut Conn,
    database: &str,
    wanted: &[String],
) -> Result<Prerequisites, SqlServerError> {
    let mut checked = Vec::new();
    if !conn.cdc_enabled().await? {
        return Err(SqlServerError::Prerequisite {
            problem: format!("CDC is not enabled on database `{database}`"),
            fix: format!("USE [{database}]; EXEC sys.sp_cdc_enable_db;"),
        });
    }
    checked.push(format!("CDC enabled on {database}"));
    if !conn.agent_running().await? {
        return Err(SqlServerError::Prerequisite {
            problem: "the SQL Server Agent is not running: no change is captured".into(),
            fix: "start the SQL Server Agent service (on Linux: /opt/mssql/bin/mssql-conf set sqlagent.enabled true, then restart)".into(),
        });
    }
    checked.push("SQL Server Agent running".into());
    let all = conn.capture_instances().await?;
    let mut instances = Vec::new();
    for t in wanted {
        let found: Vec<&CaptureInstance> = all
            .iter()
            .filter(|c| format!("{}.{}", c.schema, c.table).eq_ignore_ascii_case(t))
            .collect();
        if found.is_empty() {
            let (schema, table) = t.split_once('.').unwrap_or(("dbo", t));
            return Err(SqlServerError::Prerequisite {
                problem: format!("table `{t}` has no capture instance (CDC is not enabled on it)"),
                fix: format!(
                    "EXEC sys.sp_cdc_enable_table @source_schema = N'{schema}', @source_name = N'{table}', @role_name = NULL;"
                ),
            });
        }
        instances.extend(found.into_iter().cloned());
    }
    if wanted.is_empty() {
        instances = all;
    }
    if instances.is_empty() {
        return Err(SqlServerError::Prerequisite {
            problem: format!("no table of `{database}` has CDC enabled"),
            fix: "enable CDC on the tables to capture (sys.sp_cdc_enable_table)".into(),
        });
    }
    checked.push(format!("{} capture instance(s)", instances.len()));
    Ok(Prerequisites { checked, instances })
}

/// The stored position must still be in every change table (the cleanup job removes old rows):
/// otherwise changes after it are lost, a definite error naming the fix.
pub(crate) async fn verify_position(
    conn: &mut Conn,
    instances: &[CaptureInstance],
    stored: SqlLsn,
) -> Result<(), SqlServerError> {
    for i in instances {
        if let Some(min) = conn.min_lsn(&i.instance).await? {
            if stored.increment() < min {
                return Err(SqlServerError::Prerequisite {
                    problem: format!(
                        "change table {}_CT no longer holds the stored position {stored} (its minimum is {min}): the cleanup job removed changes that were never streamed",
                        i.instance
                    ),
                    fix: "re-run with snapshot.mode when_needed to take a new snapshot, and keep change data longer (sys.sp_cdc_change_job @retention)".into(),
                });
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::client::ConnectOptions;
    use super::*;
    use db_matrix::sqlserver_model::{Change, Column, SqlServerModel};
    use db_matrix::tds::Cell;

    /// On the CDC **model**: each missing prerequisite is a definite error naming its fix.
    #[tokio::test]
    async fn each_missing_prerequisite_names_its_fix() {
        let m = SqlServerModel::start("inv");
        m.create_table(
            "dbo",
            "ev",
            &[Column {
                name: "id".into(),
                ty: "int".into(),
                nullable: false,
            }],
            "id",
        );
        let mut c = Conn::connect(&ConnectOptions {
            host: "127.0.0.1".into(),
            port: m.port,
            user: "sa".into(),
            password: "pw".into(),
            database: "inv".into(),
            encrypt: false,
        })
        .await
        .unwrap();
        let wanted = vec!["dbo.ev".to_string()];
        let e = prerequisites(&mut c, "inv", &wanted).await.unwrap_err();
        assert!(e.to_string().contains("sp_cdc_enable_table"), "{e}");
        m.enable_cdc("ev");
        let ok = prerequisites(&mut c, "inv", &wanted).await.unwrap();
        assert_eq!(ok.instances[0].instance, "dbo_ev");
        assert_eq!(ok.checked.len(), 3, "{:?}", ok.checked);
        m.set_agent_running(false);
        let e = prerequisites(&mut c, "inv", &wanted).await.unwrap_err();
        assert!(e.to_string().contains("Agent"), "{e}");
        m.set_cdc_enabled(false);
        let e = prerequisites(&mut c, "inv", &wanted).await.unwrap_err();
        assert!(e.to_string().contains("sp_cdc_enable_db"), "{e}");
        assert!(!e.is_transient());
        m.set_cdc_enabled(true);
        m.set_agent_running(true);
        for i in 0..6 {
            m.transaction(&[Change::Insert("ev".into(), vec![Cell::Int(i)])]);
        }
        let stored = SqlLsn::from_bytes(&db_matrix::sqlserver_model::lsn(2, 1)).unwrap();
        verify_position(&mut c, &ok.instances, stored)
            .await
            .unwrap();
        m.cleanup_before(5);
        let e = verify_position(&mut c, &ok.instances, stored)
            .await
            .unwrap_err();
        assert!(e.to_string().contains("when_needed"), "{e}");
    }
}
