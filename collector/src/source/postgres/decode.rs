//! Pure decoders, no I/O: pgoutput (protocol version 1) logical replication messages, the
//! replication stream's CopyData frames (XLogData / keepalive), and rows of `COPY ... TO STDOUT`
//! in text format (the snapshot's reads).
//! Everything here takes bytes and returns values or a [`DecodeError`]; malformed input never
//! panics (see the tests, which feed truncated and garbage frames).

use bytes::{Buf, Bytes};

/// Bytes that do not follow the protocol.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub(crate) enum DecodeError {
    #[error("message truncated while reading {0}")]
    Truncated(&'static str),
    #[error("unknown {0} tag {1:?}")]
    UnknownTag(&'static str, char),
    #[error("invalid UTF-8 in {0}")]
    Utf8(&'static str),
}

type Result<T> = std::result::Result<T, DecodeError>;

/// Microseconds between 1970-01-01 and 2000-01-01 (Postgres' epoch).
pub(crate) const PG_EPOCH_OFFSET_US: i64 = 946_684_800_000_000;

/// A frame inside the replication CopyBoth stream.
#[derive(Debug, PartialEq)]
pub(crate) enum ReplicationFrame {
    XLogData {
        start: u64,
        end: u64,
        /// Server time, µs since the Unix epoch.
        time_us: i64,
        data: Bytes,
    },
    Keepalive {
        end: u64,
        reply_requested: bool,
    },
}

fn need(b: &Bytes, n: usize, what: &'static str) -> Result<()> {
    if b.remaining() < n {
        Err(DecodeError::Truncated(what))
    } else {
        Ok(())
    }
}

fn u8_(b: &mut Bytes, what: &'static str) -> Result<u8> {
    need(b, 1, what)?;
    Ok(b.get_u8())
}
fn u32_(b: &mut Bytes, what: &'static str) -> Result<u32> {
    need(b, 4, what)?;
    Ok(b.get_u32())
}
fn i32_(b: &mut Bytes, what: &'static str) -> Result<i32> {
    need(b, 4, what)?;
    Ok(b.get_i32())
}
fn i16_(b: &mut Bytes, what: &'static str) -> Result<i16> {
    need(b, 2, what)?;
    Ok(b.get_i16())
}
fn u64_(b: &mut Bytes, what: &'static str) -> Result<u64> {
    need(b, 8, what)?;
    Ok(b.get_u64())
}
fn i64_(b: &mut Bytes, what: &'static str) -> Result<i64> {
    need(b, 8, what)?;
    Ok(b.get_i64())
}
fn cstr(b: &mut Bytes, what: &'static str) -> Result<String> {
    let pos = b
        .iter()
        .position(|&c| c == 0)
        .ok_or(DecodeError::Truncated(what))?;
    let s = b.split_to(pos);
    b.advance(1);
    String::from_utf8(s.to_vec()).map_err(|_| DecodeError::Utf8(what))
}

/// Decodes the payload of one CopyData message of a replication stream.
pub(crate) fn replication_frame(mut b: Bytes) -> Result<ReplicationFrame> {
    match u8_(&mut b, "frame tag")? {
        b'w' => {
            let start = u64_(&mut b, "XLogData start")?;
            let end = u64_(&mut b, "XLogData end")?;
            let t = i64_(&mut b, "XLogData time")?;
            Ok(ReplicationFrame::XLogData {
                start,
                end,
                time_us: t + PG_EPOCH_OFFSET_US,
                data: b,
            })
        }
        b'k' => {
            let end = u64_(&mut b, "keepalive end")?;
            let _t = i64_(&mut b, "keepalive time")?;
            let r = u8_(&mut b, "keepalive reply")?;
            Ok(ReplicationFrame::Keepalive {
                end,
                reply_requested: r == 1,
            })
        }
        t => Err(DecodeError::UnknownTag("replication frame", t as char)),
    }
}

/// Encodes a standby status update ('r') reporting `lsn` as written, flushed and applied.
pub(crate) fn standby_status(lsn: u64, now_us: i64, reply: bool) -> Vec<u8> {
    let mut v = Vec::with_capacity(34);
    v.push(b'r');
    v.extend_from_slice(&lsn.to_be_bytes());
    v.extend_from_slice(&lsn.to_be_bytes());
    v.extend_from_slice(&lsn.to_be_bytes());
    v.extend_from_slice(&(now_us - PG_EPOCH_OFFSET_US).to_be_bytes());
    v.push(u8::from(reply));
    v
}

/// One column of a Relation message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RelationColumn {
    pub is_key: bool,
    pub name: String,
    pub type_oid: u32,
    pub type_modifier: i32,
}

/// A Relation message: the table's shape as of the following changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Relation {
    pub oid: u32,
    pub schema: String,
    pub table: String,
    pub replica_identity: u8,
    pub columns: Vec<RelationColumn>,
}

/// A column value inside a tuple.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Cell {
    Null,
    /// Unchanged TOASTed value (not sent).
    UnchangedToast,
    Text(Bytes),
}

/// A pgoutput message.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum PgOutput {
    Begin {
        final_lsn: u64,
        commit_time_us: i64,
        xid: u32,
    },
    Commit {
        commit_lsn: u64,
        end_lsn: u64,
        commit_time_us: i64,
    },
    Origin,
    Relation(Relation),
    Type {
        oid: u32,
        schema: String,
        name: String,
    },
    Insert {
        rel: u32,
        new: Vec<Cell>,
    },
    Update {
        rel: u32,
        /// Old key ('K') or old full row ('O'), when the server sends one.
        old: Option<Vec<Cell>>,
        old_is_key_only: bool,
        new: Vec<Cell>,
    },
    Delete {
        rel: u32,
        old: Vec<Cell>,
        old_is_key_only: bool,
    },
    Truncate {
        rels: Vec<u32>,
        cascade: bool,
        restart_identity: bool,
    },
    Message,
}

fn tuple(b: &mut Bytes) -> Result<Vec<Cell>> {
    let n = i16_(b, "tuple column count")?.max(0) as usize;
    let mut cells = Vec::with_capacity(n);
    for _ in 0..n {
        match u8_(b, "tuple column kind")? {
            b'n' => cells.push(Cell::Null),
            b'u' => cells.push(Cell::UnchangedToast),
            b't' | b'b' => {
                let len = i32_(b, "tuple value length")?.max(0) as usize;
                need(b, len, "tuple value")?;
                cells.push(Cell::Text(b.split_to(len)));
            }
            t => return Err(DecodeError::UnknownTag("tuple column", t as char)),
        }
    }
    Ok(cells)
}

/// Decodes one pgoutput message.
pub(crate) fn pgoutput(mut b: Bytes) -> Result<PgOutput> {
    let tag = u8_(&mut b, "message tag")?;
    match tag {
        b'B' => Ok(PgOutput::Begin {
            final_lsn: u64_(&mut b, "Begin final_lsn")?,
            commit_time_us: i64_(&mut b, "Begin time")? + PG_EPOCH_OFFSET_US,
            xid: u32_(&mut b, "Begin xid")?,
        }),
        b'C' => {
            let _flags = u8_(&mut b, "Commit flags")?;
            Ok(PgOutput::Commit {
                commit_lsn: u64_(&mut b, "Commit lsn")?,
                end_lsn: u64_(&mut b, "Commit end_lsn")?,
                commit_time_us: i64_(&mut b, "Commit time")? + PG_EPOCH_OFFSET_US,
            })
        }
        b'O' => Ok(PgOutput::Origin),
        b'R' => {
            let oid = u32_(&mut b, "Relation oid")?;
            let schema = cstr(&mut b, "Relation namespace")?;
            let table = cstr(&mut b, "Relation name")?;
            let replica_identity = u8_(&mut b, "Relation replica identity")?;
            let n = i16_(&mut b, "Relation column count")?.max(0) as usize;
            let mut columns = Vec::with_capacity(n);
            for _ in 0..n {
                let flags = u8_(&mut b, "Relation column flags")?;
                let name = cstr(&mut b, "Relation column name")?;
                let type_oid = u32_(&mut b, "Relation column type")?;
                let type_modifier = i32_(&mut b, "Relation column typmod")?;
                columns.push(RelationColumn {
                    is_key: flags & 1 == 1,
                    name,
                    type_oid,
                    type_modifier,
                });
            }
            Ok(PgOutput::Relation(Relation {
                oid,
                schema,
                table,
                replica_identity,
                columns,
            }))
        }
        b'Y' => Ok(PgOutput::Type {
            oid: u32_(&mut b, "Type oid")?,
            schema: cstr(&mut b, "Type namespace")?,
            name: cstr(&mut b, "Type name")?,
        }),
        b'I' => {
            let rel = u32_(&mut b, "Insert relation")?;
            match u8_(&mut b, "Insert tuple tag")? {
                b'N' => Ok(PgOutput::Insert {
                    rel,
                    new: tuple(&mut b)?,
                }),
                t => Err(DecodeError::UnknownTag("Insert tuple", t as char)),
            }
        }
        b'U' => {
            let rel = u32_(&mut b, "Update relation")?;
            let mut old = None;
            let mut old_is_key_only = false;
            let mut t = u8_(&mut b, "Update tuple tag")?;
            if t == b'K' || t == b'O' {
                old_is_key_only = t == b'K';
                old = Some(tuple(&mut b)?);
                t = u8_(&mut b, "Update new tuple tag")?;
            }
            if t != b'N' {
                return Err(DecodeError::UnknownTag("Update tuple", t as char));
            }
            Ok(PgOutput::Update {
                rel,
                old,
                old_is_key_only,
                new: tuple(&mut b)?,
            })
        }
        b'D' => {
            let rel = u32_(&mut b, "Delete relation")?;
            let t = u8_(&mut b, "Delete tuple tag")?;
            if t != b'K' && t != b'O' {
                return Err(DecodeError::UnknownTag("Delete tuple", t as char));
            }
            Ok(PgOutput::Delete {
                rel,
                old: tuple(&mut b)?,
                old_is_key_only: t == b'K',
            })
        }
        b'T' => {
            let n = u32_(&mut b, "Truncate count")? as usize;
            let opts = u8_(&mut b, "Truncate options")?;
            let mut rels = Vec::with_capacity(n.min(1024));
            for _ in 0..n {
                rels.push(u32_(&mut b, "Truncate relation")?);
            }
            Ok(PgOutput::Truncate {
                rels,
                cascade: opts & 1 != 0,
                restart_identity: opts & 2 != 0,
            })
        }
        b'M' => Ok(PgOutput::Message),
        t => Err(DecodeError::UnknownTag("pgoutput message", t as char)),
    }
}

/// One row of `COPY ... TO STDOUT` (text format), unescaped: the cells' text back to back in
/// `text`, each cell a byte range of it or None for `\N` (NULL).
#[derive(Debug, Default, Clone, PartialEq)]
pub(crate) struct CopyRow {
    pub text: String,
    pub cells: Vec<Option<(u32, u32)>>,
}

impl CopyRow {
    /// Cell `i`'s text (None: NULL or no such cell).
    pub(crate) fn cell(&self, i: usize) -> Option<&str> {
        let (a, b) = self.cells.get(i).copied().flatten()?;
        self.text.get(a as usize..b as usize)
    }
}

/// Decodes one CopyData message of a text-format `COPY TO STDOUT` (one row, `\n`-terminated,
/// tab-separated, `\N` for NULL, backslash escapes) into `row`, which is cleared first.
pub(crate) fn copy_text_row(data: &[u8], row: &mut CopyRow) -> Result<()> {
    row.text.clear();
    row.cells.clear();
    let data = data.strip_suffix(b"\n").unwrap_or(data);
    let mut out: Vec<u8> = std::mem::take(&mut row.text).into_bytes();
    out.reserve(data.len());
    let mut cells = std::mem::take(&mut row.cells);
    cells.reserve(16);
    let mut i = 0;
    loop {
        // one field: up to the next unescaped tab or the end
        let start = out.len();
        if data[i..].starts_with(b"\\N") && matches!(data.get(i + 2), None | Some(b'\t')) {
            cells.push(None);
            i += 2;
        } else {
            while i < data.len() && data[i] != b'\t' {
                let c = data[i];
                if c != b'\\' {
                    out.push(c);
                    i += 1;
                    continue;
                }
                let Some(&e) = data.get(i + 1) else {
                    return Err(DecodeError::Truncated("a COPY escape"));
                };
                i += 2;
                match e {
                    b'b' => out.push(8),
                    b'f' => out.push(12),
                    b'n' => out.push(b'\n'),
                    b'r' => out.push(b'\r'),
                    b't' => out.push(b'\t'),
                    b'v' => out.push(11),
                    b'0'..=b'7' => {
                        let mut v: u32 = (e - b'0') as u32;
                        for _ in 0..2 {
                            match data.get(i) {
                                Some(&d @ b'0'..=b'7') => {
                                    v = v * 8 + (d - b'0') as u32;
                                    i += 1;
                                }
                                _ => break,
                            }
                        }
                        out.push((v & 0xff) as u8);
                    }
                    b'x' => {
                        let mut v: u32 = 0;
                        let mut n = 0;
                        while n < 2 {
                            match data.get(i).and_then(|d| (*d as char).to_digit(16)) {
                                Some(d) => {
                                    v = v * 16 + d;
                                    i += 1;
                                    n += 1;
                                }
                                None => break,
                            }
                        }
                        if n == 0 {
                            out.push(b'x');
                        } else {
                            out.push(v as u8);
                        }
                    }
                    other => out.push(other),
                }
            }
            cells.push(Some((start as u32, out.len() as u32)));
        }
        if i >= data.len() {
            break;
        }
        // a tab: another field follows
        i += 1;
    }
    row.text = String::from_utf8(out).map_err(|_| DecodeError::Utf8("a COPY row"))?;
    row.cells = cells;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn relation_bytes() -> Vec<u8> {
        let mut v = vec![b'R'];
        v.extend_from_slice(&16385u32.to_be_bytes());
        v.extend_from_slice(b"public\0t\0");
        v.push(b'd');
        v.extend_from_slice(&2i16.to_be_bytes());
        v.push(1);
        v.extend_from_slice(b"id\0");
        v.extend_from_slice(&23u32.to_be_bytes());
        v.extend_from_slice(&(-1i32).to_be_bytes());
        v.push(0);
        v.extend_from_slice(b"v\0");
        v.extend_from_slice(&25u32.to_be_bytes());
        v.extend_from_slice(&(-1i32).to_be_bytes());
        v
    }

    #[test]
    fn decodes_relation_and_update() {
        let r = pgoutput(Bytes::from(relation_bytes())).unwrap();
        let PgOutput::Relation(r) = r else { panic!() };
        assert_eq!(r.table, "t");
        assert!(r.columns[0].is_key);
        assert_eq!(r.columns[1].type_oid, 25);

        let mut u = vec![b'U'];
        u.extend_from_slice(&16385u32.to_be_bytes());
        u.push(b'O');
        u.extend_from_slice(&2i16.to_be_bytes());
        u.push(b't');
        u.extend_from_slice(&1i32.to_be_bytes());
        u.push(b'1');
        u.push(b'n');
        u.push(b'N');
        u.extend_from_slice(&2i16.to_be_bytes());
        u.push(b't');
        u.extend_from_slice(&1i32.to_be_bytes());
        u.push(b'1');
        u.push(b'u');
        let m = pgoutput(Bytes::from(u)).unwrap();
        assert_eq!(
            m,
            PgOutput::Update {
                rel: 16385,
                old: Some(vec![Cell::Text(Bytes::from_static(b"1")), Cell::Null]),
                old_is_key_only: false,
                new: vec![Cell::Text(Bytes::from_static(b"1")), Cell::UnchangedToast],
            }
        );
    }

    #[test]
    fn truncated_and_garbage_input_is_an_error_not_a_panic() {
        let full = relation_bytes();
        for n in 0..full.len() {
            assert!(
                pgoutput(Bytes::copy_from_slice(&full[..n])).is_err(),
                "prefix {n}"
            );
        }
        assert!(matches!(
            pgoutput(Bytes::from_static(b"Zxx")),
            Err(DecodeError::UnknownTag(..))
        ));
        assert!(replication_frame(Bytes::from_static(b"w\0\0")).is_err());
        // a long tuple length must not allocate or panic
        let mut i = vec![b'I', 0, 0, 0, 1, b'N', 0, 1, b't'];
        i.extend_from_slice(&i32::MAX.to_be_bytes());
        assert!(pgoutput(Bytes::from(i)).is_err());
    }

    #[test]
    fn keepalive_and_status() {
        let mut k = vec![b'k'];
        k.extend_from_slice(&42u64.to_be_bytes());
        k.extend_from_slice(&0i64.to_be_bytes());
        k.push(1);
        assert_eq!(
            replication_frame(Bytes::from(k)).unwrap(),
            ReplicationFrame::Keepalive {
                end: 42,
                reply_requested: true
            }
        );
        let s = standby_status(7, PG_EPOCH_OFFSET_US, false);
        assert_eq!(s.len(), 34);
        assert_eq!(&s[1..9], &7u64.to_be_bytes());
    }

    #[test]
    fn copy_text_rows_unescape_and_keep_nulls() {
        let mut row = CopyRow::default();
        copy_text_row(b"1\t\\N\ta\\tb\\\\c\\nd\t\t\\101\\x41\\N\n", &mut row).unwrap();
        assert_eq!(row.cells.len(), 5);
        assert_eq!(row.cell(0), Some("1"));
        assert_eq!(row.cell(1), None);
        assert_eq!(row.cell(2), Some("a\tb\\c\nd"));
        assert_eq!(row.cell(3), Some(""));
        // `\N` inside a field is an escaped N, not NULL
        assert_eq!(row.cell(4), Some("AAN"));
        copy_text_row(b"\\N\n", &mut row).unwrap();
        assert_eq!(row.cells, vec![None]);
        copy_text_row(b"\n", &mut row).unwrap();
        assert_eq!(row.cell(0), Some(""));
        copy_text_row("é\t€".as_bytes(), &mut row).unwrap();
        assert_eq!((row.cell(0), row.cell(1)), (Some("é"), Some("€")));
    }

    #[test]
    fn copy_text_rows_never_panic_on_garbage() {
        let mut row = CopyRow::default();
        assert!(copy_text_row(b"abc\\", &mut row).is_err());
        assert!(copy_text_row(&[0xff, 0xfe], &mut row).is_err());
        let mut seed = 7u64;
        for _ in 0..20_000 {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1);
            let n = (seed >> 58) as usize;
            let bytes: Vec<u8> = (0..n)
                .map(|j| {
                    let b = (seed >> (j % 7 * 8)) as u8;
                    [b'\\', b'\t', b'N', b'x', b'7', b'\n', b][j % 7]
                })
                .collect();
            let _ = copy_text_row(&bytes, &mut row);
        }
    }
}
