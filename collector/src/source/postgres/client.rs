//! A Postgres connection spoken with postgres-protocol's codecs over a raw TCP stream: startup,
//! authentication (trust, cleartext, md5, SCRAM-SHA-256), simple queries, the replication
//! CopyBoth stream, and `COPY ... TO STDOUT`. The released tokio-postgres cannot speak
//! replication; and its COPY hands every row from its connection task to the reader task (a
//! cross-thread wake-up per row, which capped the snapshot), while this client reads the socket
//! in the reader's own task. Hence this small client, in replication mode for the stream and in
//! plain mode for the snapshot's reads.

use bytes::{Bytes, BytesMut};
use fallible_iterator::FallibleIterator;
use postgres_protocol::authentication::sasl;
use postgres_protocol::message::{backend, frontend};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use super::PgError;
use crate::config::PostgresConfig;

/// The connection's byte stream: TCP, or TLS over it.
trait Io: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin + Send {}
impl<T: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin + Send> Io for T {}

/// A replication-mode connection.
pub(crate) struct ReplicationClient {
    stream: Box<dyn Io>,
    buf: BytesMut,
    out: BytesMut,
}

/// `sslmode`: the SSLRequest, then the TLS handshake when the server accepts it.
async fn tls(mut stream: TcpStream, cfg: &PostgresConfig) -> Result<Box<dyn Io>, PgError> {
    use crate::config::PgSslMode;
    let Some(config) = cfg.tls().map_err(|e| PgError::Prerequisite {
        problem: e,
        fix: "correct the TLS settings".into(),
    })?
    else {
        return Ok(Box::new(stream));
    };
    let mut req = BytesMut::new();
    frontend::ssl_request(&mut req);
    stream
        .write_all(&req)
        .await
        .map_err(|e| PgError::Connect(format!("write: {e}")))?;
    let answer = stream
        .read_u8()
        .await
        .map_err(|e| PgError::Connect(format!("read: {e}")))?;
    match answer {
        b'S' => {}
        b'N' if cfg.sslmode == PgSslMode::Prefer => return Ok(Box::new(stream)),
        b'N' => {
            return Err(PgError::Prerequisite {
                problem: format!(
                    "Postgres at {}:{} does not accept TLS and source.sslmode is {}",
                    cfg.hostname,
                    cfg.port,
                    cfg.sslmode.name()
                ),
                fix: "turn ssl on in postgresql.conf, or set source.sslmode (database.sslmode) to prefer or disable".into(),
            })
        }
        other => {
            return Err(PgError::Protocol(format!(
                "unexpected answer {other} to the SSLRequest"
            )))
        }
    }
    let name = crate::tls::server_name(&cfg.hostname).map_err(|e| PgError::Prerequisite {
        problem: e,
        fix: "set source.hostname to the server's name".into(),
    })?;
    let tls = tokio_rustls::TlsConnector::from(config)
        .connect(name, stream)
        .await
        .map_err(|e| tls_error(e, cfg))?;
    Ok(Box::new(tls))
}

/// A failed handshake: a certificate the settings reject is definite, the rest transient.
fn tls_error(e: std::io::Error, cfg: &PostgresConfig) -> PgError {
    match certificate_failure(&e) {
        Some(problem) => tls_definite(problem, cfg),
        None => PgError::Connect(format!(
            "TLS handshake with {}:{}: {e}",
            cfg.hostname, cfg.port
        )),
    }
}

/// The rustls certificate error somewhere in `e`'s chain (ours or the server's alert).
pub(crate) fn certificate_failure(e: &(dyn std::error::Error + 'static)) -> Option<String> {
    let mut cur: Option<&(dyn std::error::Error + 'static)> = Some(e);
    while let Some(err) = cur {
        let rustls_err = err.downcast_ref::<rustls::Error>().or_else(|| {
            err.downcast_ref::<std::io::Error>()
                .and_then(|io| io.get_ref())
                .and_then(|inner| inner.downcast_ref::<rustls::Error>())
        });
        if let Some(r @ (rustls::Error::InvalidCertificate(_) | rustls::Error::AlertReceived(_))) =
            rustls_err
        {
            return Some(r.to_string());
        }
        cur = err.source();
    }
    None
}

/// The definite error of a certificate the settings reject.
pub(crate) fn tls_definite(problem: String, cfg: &PostgresConfig) -> PgError {
    PgError::Prerequisite {
        problem: format!(
            "TLS to Postgres at {}:{} failed: {problem} (sslmode {})",
            cfg.hostname,
            cfg.port,
            cfg.sslmode.name()
        ),
        fix: "give source.sslrootcert (database.sslrootcert) the CA that signed the server's certificate, connect by a name in it (verify-full), or use a client certificate the server accepts".into(),
    }
}

/// Rows of a simple query, as text.
pub(crate) type TextRows = Vec<Vec<Option<String>>>;

impl ReplicationClient {
    /// A replication-mode connection (`replication=database`).
    pub(crate) async fn connect(cfg: &PostgresConfig) -> Result<Self, PgError> {
        Self::connect_mode(cfg, true).await
    }

    /// A plain SQL connection (the snapshot's transaction and `COPY` reads).
    pub(crate) async fn connect_plain(cfg: &PostgresConfig) -> Result<Self, PgError> {
        Self::connect_mode(cfg, false).await
    }

    async fn connect_mode(cfg: &PostgresConfig, replication: bool) -> Result<Self, PgError> {
        let addr = format!("{}:{}", cfg.hostname, cfg.port);
        let stream = tokio::time::timeout(
            std::time::Duration::from_secs(10),
            TcpStream::connect(&addr),
        )
        .await
        .map_err(|_| PgError::Connect(format!("timed out connecting to {addr}")))?
        .map_err(|e| PgError::Connect(format!("{addr}: {e}")))?;
        stream.set_nodelay(true).ok();
        crate::net::harden(&stream);
        let stream = tls(stream, cfg).await?;
        let mut c = ReplicationClient {
            stream,
            buf: BytesMut::with_capacity(64 * 1024),
            out: BytesMut::new(),
        };
        let mut params = vec![
            ("user", cfg.user.as_str()),
            ("database", cfg.dbname.as_str()),
            ("application_name", "redcdc"),
            ("DateStyle", "ISO, MDY"),
            ("IntervalStyle", "postgres"),
            ("TimeZone", "UTC"),
            ("extra_float_digits", "3"),
            ("bytea_output", "hex"),
            ("client_encoding", "UTF8"),
        ];
        if replication {
            params.push(("replication", "database"));
        }
        frontend::startup_message(params.iter().copied(), &mut c.out)
            .map_err(|e| PgError::Protocol(e.to_string()))?;
        c.flush().await?;
        c.authenticate(cfg).await?;
        Ok(c)
    }

    async fn flush(&mut self) -> Result<(), PgError> {
        let data = self.out.split();
        self.stream
            .write_all(&data)
            .await
            .map_err(|e| PgError::Connect(format!("write: {e}")))
    }

    /// Reads one backend message (`None` if it is a CopyBoth-start, which postgres-protocol
    /// cannot parse, returned as [`Msg::CopyBoth`]).
    async fn read(&mut self) -> Result<Msg, PgError> {
        loop {
            if self.buf.len() >= 5 && self.buf[0] == b'W' {
                let len = u32::from_be_bytes([self.buf[1], self.buf[2], self.buf[3], self.buf[4]])
                    as usize;
                if self.buf.len() > len {
                    let _ = self.buf.split_to(len + 1);
                    return Ok(Msg::CopyBoth);
                }
            } else if let Some(m) = backend::Message::parse(&mut self.buf)
                .map_err(|e| PgError::Protocol(e.to_string()))?
            {
                return Ok(Msg::Backend(m));
            }
            self.buf.reserve(64 * 1024);
            let n = self
                .stream
                .read_buf(&mut self.buf)
                .await
                .map_err(|e| PgError::Connect(format!("read: {e}")))?;
            if n == 0 {
                return Err(PgError::Connect("server closed the connection".into()));
            }
        }
    }

    async fn authenticate(&mut self, cfg: &PostgresConfig) -> Result<(), PgError> {
        let password = cfg.password.as_ref().map_or("", |p| p.expose());
        let mut scram: Option<sasl::ScramSha256> = None;
        loop {
            match self.read().await? {
                Msg::Backend(backend::Message::AuthenticationOk) => {}
                Msg::Backend(backend::Message::AuthenticationCleartextPassword) => {
                    frontend::password_message(password.as_bytes(), &mut self.out)
                        .map_err(|e| PgError::Protocol(e.to_string()))?;
                    self.flush().await?;
                }
                Msg::Backend(backend::Message::AuthenticationMd5Password(body)) => {
                    let h = postgres_protocol::authentication::md5_hash(
                        cfg.user.as_bytes(),
                        password.as_bytes(),
                        body.salt(),
                    );
                    frontend::password_message(h.as_bytes(), &mut self.out)
                        .map_err(|e| PgError::Protocol(e.to_string()))?;
                    self.flush().await?;
                }
                Msg::Backend(backend::Message::AuthenticationSasl(body)) => {
                    let mut mechs = body.mechanisms();
                    let mut ok = false;
                    while let Some(m) =
                        mechs.next().map_err(|e| PgError::Protocol(e.to_string()))?
                    {
                        ok |= m == sasl::SCRAM_SHA_256;
                    }
                    if !ok {
                        return Err(PgError::Auth(
                            "server offers no SASL mechanism we support (SCRAM-SHA-256)".into(),
                        ));
                    }
                    let s = sasl::ScramSha256::new(
                        password.as_bytes(),
                        sasl::ChannelBinding::unsupported(),
                    );
                    frontend::sasl_initial_response(
                        sasl::SCRAM_SHA_256,
                        s.message(),
                        &mut self.out,
                    )
                    .map_err(|e| PgError::Protocol(e.to_string()))?;
                    self.flush().await?;
                    scram = Some(s);
                }
                Msg::Backend(backend::Message::AuthenticationSaslContinue(body)) => {
                    let s = scram
                        .as_mut()
                        .ok_or_else(|| PgError::Protocol("SASL continue before start".into()))?;
                    s.update(body.data())
                        .map_err(|e| PgError::Auth(format!("SCRAM: {e}")))?;
                    frontend::sasl_response(s.message(), &mut self.out)
                        .map_err(|e| PgError::Protocol(e.to_string()))?;
                    self.flush().await?;
                }
                Msg::Backend(backend::Message::AuthenticationSaslFinal(body)) => {
                    let s = scram
                        .as_mut()
                        .ok_or_else(|| PgError::Protocol("SASL final before start".into()))?;
                    s.finish(body.data())
                        .map_err(|e| PgError::Auth(format!("SCRAM: {e}")))?;
                }
                Msg::Backend(backend::Message::ErrorResponse(body)) => {
                    return Err(server_error(body, "authenticating"));
                }
                Msg::Backend(backend::Message::ReadyForQuery(_)) => return Ok(()),
                Msg::Backend(_) => {}
                Msg::CopyBoth => return Err(PgError::Protocol("unexpected CopyBoth".into())),
            }
        }
    }

    /// Runs a simple query and returns its text rows (the last result set).
    pub(crate) async fn simple_query(&mut self, sql: &str) -> Result<TextRows, PgError> {
        frontend::query(sql, &mut self.out).map_err(|e| PgError::Protocol(e.to_string()))?;
        self.flush().await?;
        let mut rows = Vec::new();
        let mut err = None;
        loop {
            match self.read().await? {
                Msg::Backend(backend::Message::DataRow(body)) => {
                    let mut r = Vec::new();
                    let buf = body.buffer();
                    let mut it = body.ranges();
                    while let Some(range) =
                        it.next().map_err(|e| PgError::Protocol(e.to_string()))?
                    {
                        r.push(range.map(|rg| String::from_utf8_lossy(&buf[rg]).into_owned()));
                    }
                    rows.push(r);
                }
                Msg::Backend(backend::Message::ErrorResponse(body)) => {
                    err = Some(server_error(body, sql));
                }
                Msg::Backend(backend::Message::ReadyForQuery(_)) => break,
                Msg::Backend(_) => {}
                Msg::CopyBoth => return Err(PgError::Protocol("unexpected CopyBoth".into())),
            }
        }
        match err {
            Some(e) => Err(e),
            None => Ok(rows),
        }
    }

    /// Starts `COPY ... TO STDOUT`; the rows then come from [`Self::copy_next`].
    pub(crate) async fn copy_out(&mut self, sql: &str) -> Result<(), PgError> {
        frontend::query(sql, &mut self.out).map_err(|e| PgError::Protocol(e.to_string()))?;
        self.flush().await?;
        loop {
            match self.read().await? {
                Msg::Backend(backend::Message::CopyOutResponse(_)) => return Ok(()),
                Msg::Backend(backend::Message::ErrorResponse(body)) => {
                    let e = server_error(body, sql);
                    self.until_ready().await?;
                    return Err(e);
                }
                Msg::Backend(backend::Message::ReadyForQuery(_)) => {
                    return Err(PgError::Protocol(format!("no COPY data from `{sql}`")))
                }
                _ => {}
            }
        }
    }

    /// The next row of a running `COPY ... TO STDOUT` (one CopyData message), None at its end.
    pub(crate) async fn copy_next(&mut self) -> Result<Option<Bytes>, PgError> {
        loop {
            match self.read().await? {
                Msg::Backend(backend::Message::CopyData(body)) => {
                    return Ok(Some(body.into_bytes()))
                }
                Msg::Backend(backend::Message::ErrorResponse(body)) => {
                    let e = server_error(body, "COPY");
                    self.until_ready().await?;
                    return Err(e);
                }
                Msg::Backend(backend::Message::ReadyForQuery(_)) => return Ok(None),
                _ => {}
            }
        }
    }

    async fn until_ready(&mut self) -> Result<(), PgError> {
        loop {
            if let Msg::Backend(backend::Message::ReadyForQuery(_)) = self.read().await? {
                return Ok(());
            }
        }
    }

    /// Sends START_REPLICATION and waits for the CopyBoth response.
    pub(crate) async fn start_replication(
        mut self,
        sql: &str,
    ) -> Result<ReplicationStream, PgError> {
        frontend::query(sql, &mut self.out).map_err(|e| PgError::Protocol(e.to_string()))?;
        self.flush().await?;
        loop {
            match self.read().await? {
                Msg::CopyBoth => {
                    return Ok(ReplicationStream { client: self });
                }
                Msg::Backend(backend::Message::ErrorResponse(body)) => {
                    return Err(server_error(body, "START_REPLICATION"));
                }
                Msg::Backend(_) => {}
            }
        }
    }
}

enum Msg {
    Backend(backend::Message),
    CopyBoth,
}

/// The CopyBoth stream after START_REPLICATION.
pub(crate) struct ReplicationStream {
    client: ReplicationClient,
}

impl ReplicationStream {
    /// The next CopyData payload; Err when the server ends the stream or reports an error.
    pub(crate) async fn next(&mut self) -> Result<Bytes, PgError> {
        loop {
            match self.client.read().await? {
                Msg::Backend(backend::Message::CopyData(body)) => return Ok(body.into_bytes()),
                Msg::Backend(backend::Message::ErrorResponse(body)) => {
                    return Err(server_error(body, "replication stream"));
                }
                Msg::Backend(backend::Message::CopyDone) => {
                    return Err(PgError::Connect(
                        "server ended the replication stream".into(),
                    ))
                }
                Msg::Backend(_) => {}
                Msg::CopyBoth => {}
            }
        }
    }

    /// Sends a CopyData message (a standby status update).
    pub(crate) async fn send(&mut self, payload: Vec<u8>) -> Result<(), PgError> {
        frontend::CopyData::new(payload.as_slice())
            .map_err(|e| PgError::Protocol(e.to_string()))?
            .write(&mut self.client.out);
        self.client.flush().await
    }
}

/// Turns an ErrorResponse into a typed error with the SQLSTATE.
fn server_error(body: backend::ErrorResponseBody, during: &str) -> PgError {
    let mut code = String::new();
    let mut message = String::new();
    let mut fields = body.fields();
    while let Ok(Some(f)) = fields.next() {
        match f.type_() {
            b'C' => code = String::from_utf8_lossy(f.value_bytes()).into_owned(),
            b'M' => message = String::from_utf8_lossy(f.value_bytes()).into_owned(),
            _ => {}
        }
    }
    let during = if during.len() > 80 {
        &during[..80]
    } else {
        during
    };
    PgError::Server {
        code,
        message,
        during: during.to_string(),
    }
}
