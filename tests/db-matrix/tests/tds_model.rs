//! The TDS model server (`db_matrix::tds`) answers a real SQL Server client (tiberius): login,
//! result sets of every wire type the model uses, NULLs, several result sets, errors, and
//! results larger than one packet. The SQL Server source's scenarios run against this model.

use db_matrix::tds::{Cell, ColType, ResultSet, TdsServer};
use tiberius::{AuthMethod, Client, Config, EncryptionLevel};
use tokio::net::TcpStream;
use tokio_util::compat::TokioAsyncWriteCompatExt;

async fn client(port: u16) -> Client<tokio_util::compat::Compat<TcpStream>> {
    let mut config = Config::new();
    config.host("127.0.0.1");
    config.port(port);
    config.authentication(AuthMethod::sql_server("sa", "pw"));
    config.encryption(EncryptionLevel::NotSupported);
    let tcp = TcpStream::connect(config.get_addr()).await.unwrap();
    tcp.set_nodelay(true).unwrap();
    Client::connect(config, tcp.compat_write()).await.unwrap()
}

#[tokio::test]
async fn a_real_client_reads_the_models_answers() {
    let server = TdsServer::start(|sql| {
        if sql.contains("fn_cdc_get_max_lsn") {
            return Ok(vec![ResultSet {
                columns: vec![("lsn".into(), ColType::Binary(10))],
                rows: vec![vec![Cell::Bytes(vec![
                    0, 0, 0, 0x27, 0, 0, 0x07, 0x58, 0, 3,
                ])]],
            }]);
        }
        if sql.contains("big") {
            let rows = (0..2000)
                .map(|i| {
                    vec![
                        Cell::Int(i),
                        Cell::Text(format!("row {i} ü")),
                        if i % 3 == 0 {
                            Cell::Null
                        } else {
                            Cell::Bit(i % 2 == 0)
                        },
                        Cell::Int(i % 256),
                        Cell::Bytes(vec![i as u8; 3]),
                    ]
                })
                .collect();
            return Ok(vec![
                ResultSet {
                    columns: vec![
                        ("id".into(), ColType::Int(8)),
                        ("name".into(), ColType::NVarChar),
                        ("flag".into(), ColType::Bit),
                        ("op".into(), ColType::Int(1)),
                        ("data".into(), ColType::VarBinary),
                    ],
                    rows,
                },
                ResultSet {
                    columns: vec![("n".into(), ColType::Int(4))],
                    rows: vec![vec![Cell::Null]],
                },
            ]);
        }
        Err((208, format!("model: no answer for `{sql}`")))
    });
    let mut c = client(server.port).await;
    let row = c
        .simple_query("SELECT sys.fn_cdc_get_max_lsn()")
        .await
        .unwrap()
        .into_row()
        .await
        .unwrap()
        .unwrap();
    let lsn: &[u8] = row.get(0).unwrap();
    assert_eq!(lsn, &[0, 0, 0, 0x27, 0, 0, 0x07, 0x58, 0, 3]);

    let sets = c
        .simple_query("SELECT big")
        .await
        .unwrap()
        .into_results()
        .await
        .unwrap();
    assert_eq!(sets.len(), 2);
    assert_eq!(sets[0].len(), 2000);
    let r = &sets[0][1999];
    assert_eq!(r.get::<i64, _>(0), Some(1999));
    assert_eq!(r.get::<&str, _>(1), Some("row 1999 ü"));
    assert_eq!(r.get::<bool, _>(2), Some(false));
    assert_eq!(r.get::<u8, _>(3), Some((1999 % 256) as u8));
    assert_eq!(r.get::<&[u8], _>(4), Some(&[1999u16 as u8; 3][..]));
    assert_eq!(sets[0][3].get::<bool, _>(2), None, "NULL bit");
    assert_eq!(sets[1][0].get::<i32, _>(0), None, "NULL int");

    let e = match c.simple_query("SELECT nothing").await {
        Ok(stream) => stream.into_results().await.err(),
        Err(e) => Some(e),
    }
    .expect("an error");
    assert!(e.to_string().contains("no answer"), "{e}");
    // the connection is still usable after an error
    let again = c
        .simple_query("SELECT sys.fn_cdc_get_max_lsn()")
        .await
        .unwrap()
        .into_row()
        .await
        .unwrap();
    assert!(again.is_some());
}

/// The CDC model (`db_matrix::sqlserver_model`, a model of SQL Server, not SQL Server) answers
/// the statements the SQL Server source issues: max LSN, capture instances, columns, change rows
/// in order with update pairs, and snapshot reads as of the transaction's start.
type Conn = Client<tokio_util::compat::Compat<TcpStream>>;

/// The first result set of a batch.
async fn q(c: &mut Conn, sql: String) -> Vec<tiberius::Row> {
    c.simple_query(sql)
        .await
        .unwrap()
        .into_first_result()
        .await
        .unwrap()
}

#[tokio::test]
async fn the_cdc_model_answers_through_tds() {
    use db_matrix::sqlserver_model::{lsn, lsn_literal, Change, Column, SqlServerModel};
    let m = SqlServerModel::start("inv");
    let col = |n: &str, t: &str| Column {
        name: n.into(),
        ty: t.into(),
        nullable: n != "id",
    };
    m.create_table(
        "dbo",
        "ev",
        &[
            col("id", "bigint"),
            col("version", "int"),
            col("pad", "nvarchar"),
        ],
        "id",
    );
    m.enable_cdc("ev");
    let row = |id: i64, v: i64| vec![Cell::Int(id), Cell::Int(v), Cell::Text(format!("p{id}"))];
    m.transaction(&[
        Change::Insert("ev".into(), row(1, 0)),
        Change::Insert("ev".into(), row(2, 0)),
    ]);
    m.transaction(&[Change::Update("ev".into(), row(1, 1))]);
    m.transaction(&[Change::Delete("ev".into(), 2)]);
    let mut c = client(m.port).await;
    let max = q(&mut c, "SELECT [inv].sys.fn_cdc_get_max_lsn()".into()).await;
    assert_eq!(max[0].get::<&[u8], _>(0), Some(&lsn(3, 1)[..]));
    let inst = q(&mut c, "SELECT OBJECT_SCHEMA_NAME(ct.source_object_id, DB_ID(N'inv')), OBJECT_NAME(ct.source_object_id, DB_ID(N'inv')), ct.capture_instance, ct.start_lsn FROM [inv].cdc.change_tables ct ORDER BY ct.create_date".into()).await;
    assert_eq!(inst[0].get::<&str, _>(2), Some("dbo_ev"));
    let cols = q(&mut c, "SELECT c.name, t.name, c.precision, c.scale, c.is_nullable FROM [inv].sys.columns c JOIN [inv].sys.types t ON c.user_type_id = t.user_type_id WHERE c.object_id = OBJECT_ID(N'[inv].[dbo].[ev]') ORDER BY c.column_id".into()).await;
    assert_eq!(cols.len(), 3);
    assert_eq!(cols[2].get::<&str, _>(1), Some("nvarchar"));
    let changes = q(&mut c, format!(
        "SELECT * FROM [inv].cdc.[dbo_ev_CT] WHERE [__$start_lsn] >= {} AND [__$start_lsn] <= {} ORDER BY [__$start_lsn], [__$seqval], [__$operation]",
        lsn_literal(1, 1),
        lsn_literal(3, 1)
    ))
    .await;
    let ops: Vec<i32> = changes
        .iter()
        .map(|r| r.get::<i32, _>(2).unwrap())
        .collect();
    assert_eq!(ops, vec![2, 2, 3, 4, 1]);
    assert_eq!(changes[3].get::<i32, _>(4), Some(1), "the after image");
    let from_two = q(&mut c, format!(
        "SELECT * FROM [inv].cdc.[dbo_ev_CT] WHERE [__$start_lsn] >= {} AND [__$start_lsn] <= {} ORDER BY [__$start_lsn]",
        lsn_literal(2, 1),
        lsn_literal(2, 1)
    ))
    .await;
    assert_eq!(from_two.len(), 2, "only commit 2's update pair");

    // a snapshot transaction reads as of its start; another connection sees the new row
    let mut snap = client(m.port).await;
    let at = snap
        .simple_query("SET TRANSACTION ISOLATION LEVEL SNAPSHOT; BEGIN TRANSACTION; SELECT [inv].sys.fn_cdc_get_max_lsn()")
        .await
        .unwrap()
        .into_row()
        .await
        .unwrap()
        .unwrap();
    assert_eq!(at.get::<&[u8], _>(0), Some(&lsn(3, 1)[..]));
    m.transaction(&[Change::Insert("ev".into(), row(10, 0))]);
    const READ: &str =
        "SELECT [id], [version], [pad] FROM [inv].[dbo].[ev] WHERE [id] > 0 ORDER BY [id]";
    assert_eq!(
        q(&mut snap, READ.into()).await.len(),
        1,
        "row 2 deleted, row 10 after the snapshot"
    );
    assert_eq!(q(&mut c, READ.into()).await.len(), 2);
    snap.simple_query("COMMIT")
        .await
        .unwrap()
        .into_results()
        .await
        .unwrap();
    assert_eq!(
        q(&mut snap, READ.into()).await.len(),
        2,
        "after COMMIT the connection reads the latest"
    );
    let unknown = c.simple_query("SELECT something_else").await;
    let failed = match unknown {
        Ok(s) => s.into_results().await.is_err(),
        Err(_) => true,
    };
    assert!(failed, "an unknown statement is an error");
}
