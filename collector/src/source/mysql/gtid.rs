//! GTID positions, as the offset's `gtids` holds them: MariaDB `domain-server-seq` lists (one
//! entry per domain) and MySQL `uuid:1-5:7-9` sets. Pure.

use std::collections::BTreeMap;

/// The GTIDs a position includes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum GtidSet {
    /// domain → (server, last sequence number).
    MariaDb(BTreeMap<u32, (u32, u64)>),
    /// source uuid → sorted, disjoint, inclusive intervals.
    MySql(BTreeMap<String, Vec<(u64, u64)>>),
}

impl GtidSet {
    pub fn empty(mariadb: bool) -> GtidSet {
        if mariadb {
            GtidSet::MariaDb(BTreeMap::new())
        } else {
            GtidSet::MySql(BTreeMap::new())
        }
    }

    /// Parses the offset's text; unreadable parts are dropped (the binlog position still
    /// says where to resume).
    pub fn parse(s: &str, mariadb: bool) -> GtidSet {
        let mut set = GtidSet::empty(mariadb);
        for part in s.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            match &mut set {
                GtidSet::MariaDb(m) => {
                    let mut it = part.split('-');
                    if let (Some(Ok(d)), Some(Ok(sv)), Some(Ok(n))) = (
                        it.next().map(str::parse),
                        it.next().map(str::parse),
                        it.next().map(str::parse),
                    ) {
                        m.insert(d, (sv, n));
                    }
                }
                GtidSet::MySql(m) => {
                    let mut it = part.split(':');
                    let Some(uuid) = it.next() else { continue };
                    let ranges = m.entry(uuid.to_ascii_lowercase()).or_default();
                    for r in it {
                        let (a, b) = match r.split_once('-') {
                            Some((a, b)) => (a.parse(), b.parse()),
                            None => (r.parse(), r.parse()),
                        };
                        if let (Ok(a), Ok(b)) = (a, b) {
                            ranges.push((a, b));
                        }
                    }
                    normalize(ranges);
                }
            }
        }
        set
    }

    pub fn add_mariadb(&mut self, domain: u32, server: u32, seq: u64) {
        if let GtidSet::MariaDb(m) = self {
            m.insert(domain, (server, seq));
        }
    }

    pub fn add_mysql(&mut self, uuid: &str, gno: u64) {
        if let GtidSet::MySql(m) = self {
            let r = m.entry(uuid.to_string()).or_default();
            r.push((gno, gno));
            normalize(r);
        }
    }

    /// The text form, keeping only the sources `keep` accepts (`gtid.source.includes/excludes`
    /// over the MySQL uuid or the MariaDB `domain-server`); None when nothing is left.
    pub fn render(&self, keep: impl Fn(&str) -> bool) -> Option<String> {
        let parts: Vec<String> = match self {
            GtidSet::MariaDb(m) => m
                .iter()
                .filter(|(d, (s, _))| keep(&format!("{d}-{s}")))
                .map(|(d, (s, n))| format!("{d}-{s}-{n}"))
                .collect(),
            GtidSet::MySql(m) => m
                .iter()
                .filter(|(u, r)| !r.is_empty() && keep(u))
                .map(|(u, r)| {
                    let mut s = u.clone();
                    for (a, b) in r {
                        if a == b {
                            s.push_str(&format!(":{a}"));
                        } else {
                            s.push_str(&format!(":{a}-{b}"));
                        }
                    }
                    s
                })
                .collect(),
        };
        (!parts.is_empty()).then(|| parts.join(","))
    }
}

/// Sorts and merges touching or overlapping intervals.
fn normalize(r: &mut Vec<(u64, u64)>) {
    r.sort_unstable();
    let mut out: Vec<(u64, u64)> = Vec::with_capacity(r.len());
    for &(a, b) in r.iter() {
        match out.last_mut() {
            Some(last) if a <= last.1.saturating_add(1) => last.1 = last.1.max(b),
            _ => out.push((a, b)),
        }
    }
    *r = out;
}

/// A MySQL source id (16 bytes) as its uuid text.
pub(crate) fn uuid_text(sid: [u8; 16]) -> String {
    let h: String = sid.iter().map(|b| format!("{b:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &h[0..8],
        &h[8..12],
        &h[12..16],
        &h[16..20],
        &h[20..32]
    )
}

#[cfg(test)]
mod tests {
    /// A binlog recorded by MySQL with gtid_mode=ON (testdata/mysql/binlogs/README.md): its
    /// GTID events, read as the binlog stream reads them, give the set `uuid:1-3` (the uuid and
    /// numbers read from the raw event bytes by hand).
    #[test]
    fn recorded_mysql_gtid_events_make_the_set() {
        use mysql_async::binlog::events::EventData;
        let binlog = crate::source::mysql::recorded_binlog("mysql8-gtid.binlog");
        let mut set = GtidSet::empty(false);
        let mut n = 0;
        for ev in binlog {
            if let Some(EventData::GtidEvent(g)) = ev.unwrap().read_data().unwrap() {
                set.add_mysql(&uuid_text(g.sid()), g.gno());
                n += 1;
            }
        }
        assert_eq!(n, 3);
        assert_eq!(
            set.render(|_| true).as_deref(),
            Some("006c2cf2-b1ea-11e4-9057-8c705a3d3e78:1-3")
        );
        // and a source filter drops it
        assert_eq!(
            set.render(|s| s != "006c2cf2-b1ea-11e4-9057-8c705a3d3e78"),
            None
        );
    }

    use super::*;

    #[test]
    fn mysql_sets_merge_and_render() {
        let mut s = GtidSet::parse(
            "3E11FA47-71CA-11E1-9E33-C80AA9429562:1-5:7, 4c1f0e2a-0000-0000-0000-000000000001:3",
            false,
        );
        s.add_mysql("3e11fa47-71ca-11e1-9e33-c80aa9429562", 6);
        s.add_mysql("4c1f0e2a-0000-0000-0000-000000000001", 9);
        assert_eq!(
            s.render(|_| true).unwrap(),
            "3e11fa47-71ca-11e1-9e33-c80aa9429562:1-7,4c1f0e2a-0000-0000-0000-000000000001:3:9"
        );
        assert_eq!(
            s.render(|u| u.starts_with("4c1f")).unwrap(),
            "4c1f0e2a-0000-0000-0000-000000000001:3:9"
        );
        assert_eq!(s.render(|_| false), None);
    }

    #[test]
    fn mariadb_lists_keep_the_last_per_domain() {
        let mut s = GtidSet::parse("0-1-5,1-2-7", true);
        s.add_mariadb(0, 1, 6);
        s.add_mariadb(2, 3, 1);
        assert_eq!(s.render(|_| true).unwrap(), "0-1-6,1-2-7,2-3-1");
        assert_eq!(s.render(|src| src != "1-2").unwrap(), "0-1-6,2-3-1");
    }

    #[test]
    fn bad_text_is_dropped_not_fatal() {
        assert_eq!(
            GtidSet::parse("x-y-z,0-1-2", true)
                .render(|_| true)
                .unwrap(),
            "0-1-2"
        );
        assert_eq!(GtidSet::parse("uuid:a-b", false).render(|_| true), None);
    }

    #[test]
    fn uuid_from_sid() {
        let sid = [
            0x3e, 0x11, 0xfa, 0x47, 0x71, 0xca, 0x11, 0xe1, 0x9e, 0x33, 0xc8, 0x0a, 0xa9, 0x42,
            0x95, 0x62,
        ];
        assert_eq!(uuid_text(sid), "3e11fa47-71ca-11e1-9e33-c80aa9429562");
    }
}
