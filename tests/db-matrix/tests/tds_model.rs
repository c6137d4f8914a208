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
