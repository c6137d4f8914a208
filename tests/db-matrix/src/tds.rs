//! A **model** SQL Server for tests where no SQL Server can run: a small server speaking TDS
//! 7.4 on a loopback port (pre-login — without encryption, or with TLS for the whole connection
//! as SQL Server does it: the handshake carried in PRELOGIN packets, then TLS records on the
//! bare stream —, LOGIN7, SQL batches), answering each
//! batch from a Rust closure — the test's model of the database (for the SQL Server source: the
//! CDC change tables, `cdc.lsn_time_mapping`, the captured tables). It is a model, not SQL
//! Server: it knows only the statements the model answers, and says so in an error token for
//! anything else. Written by hand because no crate offers a TDS server; it covers the tokens a
//! client needs for result sets (COLMETADATA, ROW, DONE, ERROR, LOGINACK).

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::Arc;

/// A byte stream the server speaks TDS on: the TCP stream, or TLS over it.
trait Wire: Read + Write {}
impl<T: Read + Write> Wire for T {}

/// A result column's type on the wire.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ColType {
    /// `INTN` of 1, 2, 4 or 8 bytes (tinyint, smallint, int, bigint).
    Int(u8),
    Bit,
    NVarChar,
    /// `binary(n)`.
    Binary(u16),
    VarBinary,
    /// `datetime` (days from 1900-01-01 and 1/300 s on the wire).
    DateTime,
}

/// One value.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Null,
    Int(i64),
    Bit(bool),
    Text(String),
    Bytes(Vec<u8>),
    /// A `datetime` as milliseconds since 1970-01-01 (UTC).
    Millis(i64),
}

/// One result set.
#[derive(Debug, Clone, Default)]
pub struct ResultSet {
    pub columns: Vec<(String, ColType)>,
    pub rows: Vec<Vec<Cell>>,
}

/// What a batch returns: result sets, or an error (number, message) like SQL Server's.
pub type Answer = Result<Vec<ResultSet>, (u32, String)>;

/// One connection's answerer.
pub type Session = Box<dyn FnMut(&str) -> Answer + Send>;

/// The model server; stops when dropped (its listener thread ends with the process).
pub struct TdsServer {
    pub port: u16,
}

impl TdsServer {
    /// Starts serving on a free loopback port; `answer` gets every SQL batch's text.
    pub fn start(answer: impl Fn(&str) -> Answer + Send + Sync + 'static) -> TdsServer {
        let answer = Arc::new(answer);
        TdsServer::start_sessions(move || {
            let answer = answer.clone();
            Box::new(move |sql: &str| answer(sql))
        })
    }

    /// Starts serving; each connection gets its own session from `new_session` (for state a
    /// connection keeps, such as an open snapshot transaction).
    pub fn start_sessions(new_session: impl Fn() -> Session + Send + Sync + 'static) -> TdsServer {
        TdsServer::start_with(new_session, None)
    }

    /// Starts serving; with `tls`, a client must ask for encryption and gets TLS for the whole
    /// connection (a client that does not is refused at pre-login, as a server with
    /// "Force Encryption" refuses it).
    pub fn start_with(
        new_session: impl Fn() -> Session + Send + Sync + 'static,
        tls: Option<Arc<rustls::ServerConfig>>,
    ) -> TdsServer {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let port = listener.local_addr().unwrap().port();
        std::thread::spawn(move || {
            for conn in listener.incoming().flatten() {
                let mut session = new_session();
                let tls = tls.clone();
                std::thread::spawn(move || {
                    let _ = serve_connection(conn, tls, &mut *session);
                });
            }
        });
        TdsServer { port }
    }
}

/// The TCP stream while the TLS handshake runs inside PRELOGIN packets: reads take the TLS
/// bytes out of the packets, writes put each write into one PRELOGIN packet; once `bare`, bytes
/// pass through untouched.
struct PreloginWrapped {
    tcp: TcpStream,
    bare: bool,
    /// Payload bytes left in the packet being read.
    left: usize,
}

impl Read for PreloginWrapped {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.bare {
            return self.tcp.read(buf);
        }
        if self.left == 0 {
            let mut h = [0u8; 8];
            self.tcp.read_exact(&mut h)?;
            self.left = (u16::from_be_bytes([h[2], h[3]]) as usize).saturating_sub(8);
            if self.left == 0 {
                return Ok(0);
            }
        }
        let n = buf.len().min(self.left);
        let got = self.tcp.read(&mut buf[..n])?;
        self.left -= got;
        Ok(got)
    }
}

impl Write for PreloginWrapped {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.bare {
            return self.tcp.write(buf);
        }
        let n = buf.len().min(PACKET - 8);
        let mut p = vec![0x12, 1, 0, 0, 0, 0, 1, 0];
        p[2..4].copy_from_slice(&((n + 8) as u16).to_be_bytes());
        p.extend_from_slice(&buf[..n]);
        self.tcp.write_all(&p)?;
        Ok(n)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.tcp.flush()
    }
}

/// The client's PRELOGIN ENCRYPTION option (0 off, 1 on, 2 not supported, 3 required).
fn prelogin_encryption(payload: &[u8]) -> Option<u8> {
    let mut i = 0;
    while i + 5 <= payload.len() && payload[i] != 0xFF {
        let (t, off) = (
            payload[i],
            u16::from_be_bytes([payload[i + 1], payload[i + 2]]),
        );
        if t == 0x01 {
            return payload.get(off as usize).copied();
        }
        i += 5;
    }
    None
}

fn prelogin_answer(encryption: u8) -> Vec<u8> {
    let opts: [(u8, Vec<u8>); 5] = [
        (0x00, vec![0x10, 0, 0, 0, 0, 0]),
        (0x01, vec![encryption]),
        (0x02, vec![0x00]),
        (0x03, vec![]),
        (0x04, vec![0x00]),
    ];
    let mut head = Vec::new();
    let mut data: Vec<u8> = Vec::new();
    let base = opts.len() * 5 + 1;
    for (t, d) in &opts {
        head.push(*t);
        head.extend(((base + data.len()) as u16).to_be_bytes());
        head.extend((d.len() as u16).to_be_bytes());
        data.extend(d);
    }
    head.push(0xFF);
    head.extend(data);
    head
}

/// The certificate of a server started without one: self-signed, as SQL Server makes its own.
fn self_signed() -> Arc<rustls::ServerConfig> {
    static CONFIG: std::sync::OnceLock<Arc<rustls::ServerConfig>> = std::sync::OnceLock::new();
    CONFIG
        .get_or_init(|| {
            crate::tls::TestCa::new("redcdc TDS model")
                .server("tds-model", &["localhost", "127.0.0.1"])
                .rustls_config()
        })
        .clone()
}

/// What pre-login settled.
enum Encryption {
    None,
    /// TLS for the LOGIN7 packet only (a client that asked `ENCRYPT_OFF`).
    LoginOnly,
    Full,
}

/// Pre-login and the TLS handshake SQL Server's encryption levels call for, then the session.
/// Without `forced` (a server started with no certificate of its own), as a default install: a
/// client that does not support encryption talks plain, `ENCRYPT_OFF` gets its login encrypted,
/// `ENCRYPT_ON` everything. With `forced` (a server given a certificate: "Force Encryption"),
/// every connection is encrypted and a client without encryption is refused.
fn serve_connection(
    mut tcp: TcpStream,
    tls: Option<Arc<rustls::ServerConfig>>,
    answer: &mut (dyn FnMut(&str) -> Answer + Send),
) -> std::io::Result<()> {
    // as SQL Server does: no Nagle delay behind the client's delayed ACK
    tcp.set_nodelay(true)?;
    let forced = tls.is_some();
    let Some((0x12, payload)) = read_message(&mut tcp)? else {
        return Ok(());
    };
    let (reply, mode) = match (prelogin_encryption(&payload), forced) {
        (Some(0), false) => (0x00, Encryption::LoginOnly),
        (Some(0), true) => (0x03, Encryption::Full),
        (Some(1 | 3), _) => (0x01, Encryption::Full),
        (_, false) => (0x02, Encryption::None),
        (_, true) => {
            write_message(&mut tcp, 0x04, &prelogin_answer(0x03))?;
            return Ok(());
        }
    };
    write_message(&mut tcp, 0x04, &prelogin_answer(reply))?;
    if let Encryption::None = mode {
        return serve(&mut tcp, answer);
    }
    let config = tls.unwrap_or_else(self_signed);
    let conn = rustls::ServerConnection::new(config).map_err(std::io::Error::other)?;
    let mut stream = rustls::StreamOwned::new(
        conn,
        PreloginWrapped {
            tcp,
            bare: false,
            left: 0,
        },
    );
    while stream.conn.is_handshaking() {
        stream.conn.complete_io(&mut stream.sock)?;
    }
    stream.sock.bare = true;
    if let Encryption::Full = mode {
        return serve(&mut stream, answer);
    }
    // login-only: LOGIN7 arrives over TLS, everything after it (the answer too) is plain
    let Some((ty, login)) = read_message(&mut stream)? else {
        return Ok(());
    };
    let mut tcp = stream.sock.tcp;
    handle(&mut tcp, ty, &login, answer)?;
    serve(&mut tcp, answer)
}

const PACKET: usize = 4096;

thread_local! {
    /// The packet size this connection's client asked for in LOGIN7 (each connection is served
    /// by its own thread), as SQL Server honours it up to 32767.
    static PACKET_SIZE: std::cell::Cell<usize> = const { std::cell::Cell::new(PACKET) };
}

fn read_message(s: &mut dyn Wire) -> std::io::Result<Option<(u8, Vec<u8>)>> {
    let mut payload = Vec::new();
    loop {
        let mut h = [0u8; 8];
        if let Err(e) = s.read_exact(&mut h) {
            return if e.kind() == std::io::ErrorKind::UnexpectedEof {
                Ok(None)
            } else {
                Err(e)
            };
        }
        let len = u16::from_be_bytes([h[2], h[3]]) as usize;
        let mut body = vec![0u8; len.saturating_sub(8)];
        s.read_exact(&mut body)?;
        payload.extend_from_slice(&body);
        if h[1] & 1 == 1 {
            return Ok(Some((h[0], payload)));
        }
    }
}

fn write_message(s: &mut dyn Wire, ty: u8, payload: &[u8]) -> std::io::Result<()> {
    let chunks: Vec<&[u8]> = if payload.is_empty() {
        vec![&[]]
    } else {
        payload.chunks(PACKET_SIZE.with(|p| p.get()) - 8).collect()
    };
    for (i, c) in chunks.iter().enumerate() {
        let last = i + 1 == chunks.len();
        let len = (c.len() + 8) as u16;
        let mut p = vec![ty, u8::from(last), 0, 0, 0, 0, (i + 1) as u8, 0];
        p[2..4].copy_from_slice(&len.to_be_bytes());
        p.extend_from_slice(c);
        s.write_all(&p)?;
    }
    s.flush()
}

fn utf16(s: &str) -> Vec<u8> {
    s.encode_utf16().flat_map(|u| u.to_le_bytes()).collect()
}

fn b_varchar(out: &mut Vec<u8>, s: &str) {
    out.push(s.encode_utf16().count() as u8);
    out.extend(utf16(s));
}

fn us_varchar(out: &mut Vec<u8>, s: &str) {
    out.extend((s.encode_utf16().count() as u16).to_le_bytes());
    out.extend(utf16(s));
}

fn done(out: &mut Vec<u8>, status: u16, rows: u64) {
    out.push(0xFD);
    out.extend(status.to_le_bytes());
    out.extend(0xC1u16.to_le_bytes());
    out.extend(rows.to_le_bytes());
}

fn serve(s: &mut dyn Wire, answer: &mut (dyn FnMut(&str) -> Answer + Send)) -> std::io::Result<()> {
    while let Some((ty, payload)) = read_message(s)? {
        handle(s, ty, &payload, answer)?;
    }
    Ok(())
}

/// Answers one client message.
fn handle(
    s: &mut dyn Wire,
    ty: u8,
    payload: &[u8],
    answer: &mut (dyn FnMut(&str) -> Answer + Send),
) -> std::io::Result<()> {
    match ty {
        // PRELOGIN: version, no encryption, no instance, no thread id, no MARS
        0x12 => write_message(s, 0x04, &prelogin_answer(0x02))?,
        // LOGIN7: the database it names becomes the session's (`USE [db]`, as the server sets
        // the login's database); accept, acknowledge TDS 7.4
        0x10 => {
            if let Some(b) = payload.get(8..12) {
                let asked = u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize;
                PACKET_SIZE.with(|p| p.set(asked.clamp(512, 32767)));
            }
            if let Some(db) = login_database(payload).filter(|d| !d.is_empty()) {
                if let Err((number, message)) = answer(&format!("USE [{db}]")) {
                    write_message(s, 0x04, &error(number, &message))?;
                    return Ok(());
                }
            }
            let mut body = vec![0x01];
            body.extend(0x7400_0004u32.to_be_bytes());
            b_varchar(&mut body, "redcdc TDS model");
            body.extend(1u32.to_le_bytes());
            let mut out = vec![0xAD];
            out.extend((body.len() as u16).to_le_bytes());
            out.extend(body);
            done(&mut out, 0, 0);
            write_message(s, 0x04, &out)?;
        }
        // SQL batch: ALL_HEADERS, then the text
        0x01 => {
            let skip = payload
                .get(..4)
                .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize)
                .unwrap_or(0)
                .min(payload.len());
            let units: Vec<u16> = payload[skip..]
                .chunks_exact(2)
                .map(|c| u16::from_le_bytes([c[0], c[1]]))
                .collect();
            let sql = String::from_utf16_lossy(&units);
            let out = match answer(&sql) {
                Ok(sets) => result_sets(&sets),
                Err((number, message)) => error(number, &message),
            };
            write_message(s, 0x04, &out)?;
        }
        // attention and anything else: acknowledge with DONE
        _ => {
            let mut out = Vec::new();
            done(&mut out, 0x0020, 0);
            write_message(s, 0x04, &out)?;
        }
    }
    Ok(())
}

/// The database a LOGIN7 record names (`ibDatabase`/`cchDatabase` after the 36-byte fixed part
/// and eight offset/length pairs; UTF-16LE).
fn login_database(login: &[u8]) -> Option<String> {
    let at = |i: usize| -> Option<usize> {
        Some(u16::from_le_bytes([*login.get(i)?, *login.get(i + 1)?]) as usize)
    };
    let (offset, chars) = (at(68)?, at(70)?);
    let bytes = login.get(offset..offset + 2 * chars)?;
    let units: Vec<u16> = bytes
        .chunks_exact(2)
        .map(|c| u16::from_le_bytes([c[0], c[1]]))
        .collect();
    String::from_utf16(&units).ok()
}

fn error(number: u32, message: &str) -> Vec<u8> {
    let mut body = Vec::new();
    body.extend(number.to_le_bytes());
    body.push(1); // state
    body.push(16); // class: a user error
    us_varchar(&mut body, message);
    b_varchar(&mut body, "model");
    b_varchar(&mut body, "");
    body.extend(1u32.to_le_bytes());
    let mut out = vec![0xAA];
    out.extend((body.len() as u16).to_le_bytes());
    out.extend(body);
    done(&mut out, 0x0002, 0);
    out
}

fn result_sets(sets: &[ResultSet]) -> Vec<u8> {
    let mut out = Vec::new();
    for (i, set) in sets.iter().enumerate() {
        out.push(0x81);
        out.extend((set.columns.len() as u16).to_le_bytes());
        for (name, ty) in &set.columns {
            out.extend(0u32.to_le_bytes()); // user type
            out.extend(0x0001u16.to_le_bytes()); // nullable
            match ty {
                ColType::Int(n) => out.extend([0x26, *n]),
                ColType::Bit => out.extend([0x68, 1]),
                ColType::NVarChar => {
                    out.push(0xE7);
                    out.extend(8000u16.to_le_bytes());
                    out.extend(0x0000_0409u32.to_le_bytes());
                    out.push(0x34);
                }
                ColType::Binary(n) => {
                    out.push(0xAD);
                    out.extend(n.to_le_bytes());
                }
                ColType::VarBinary => {
                    out.push(0xA5);
                    out.extend(8000u16.to_le_bytes());
                }
                ColType::DateTime => out.extend([0x6F, 8]),
            }
            b_varchar(&mut out, name);
        }
        for row in &set.rows {
            out.push(0xD1);
            for ((_, ty), cell) in set.columns.iter().zip(row) {
                match (ty, cell) {
                    (ColType::Int(_) | ColType::Bit | ColType::DateTime, Cell::Null) => out.push(0),
                    (ColType::DateTime, Cell::Millis(ms)) => {
                        let days = ms.div_euclid(86_400_000) + 25_567;
                        let frac = (ms.rem_euclid(86_400_000) * 3 + 5) / 10;
                        out.push(8);
                        out.extend((days as i32).to_le_bytes());
                        out.extend((frac as u32).to_le_bytes());
                    }
                    (ColType::Int(n), Cell::Int(v)) => {
                        out.push(*n);
                        out.extend(&v.to_le_bytes()[..*n as usize]);
                    }
                    (ColType::Bit, Cell::Bit(b)) => out.extend([1, u8::from(*b)]),
                    (_, Cell::Null) => out.extend(0xFFFFu16.to_le_bytes()),
                    (ColType::NVarChar, Cell::Text(t)) => {
                        let b = utf16(t);
                        out.extend((b.len() as u16).to_le_bytes());
                        out.extend(b);
                    }
                    (ColType::Binary(_) | ColType::VarBinary, Cell::Bytes(b)) => {
                        out.extend((b.len() as u16).to_le_bytes());
                        out.extend(b);
                    }
                    (t, c) => panic!("model: cell {c:?} in a {t:?} column"),
                }
            }
        }
        let last = i + 1 == sets.len();
        done(
            &mut out,
            0x0010 | if last { 0 } else { 0x0001 },
            set.rows.len() as u64,
        );
    }
    if sets.is_empty() {
        done(&mut out, 0, 0);
    }
    out
}
