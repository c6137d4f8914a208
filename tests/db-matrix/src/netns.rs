//! A test host of its own: a network namespace joined to this one by a veth pair, for servers
//! the tests cut off silently — `iptables DROP` inside the namespace, so packets vanish with no
//! reset, as when a network path dies — and reconnect. Needs root, `ip` (iproute2) and
//! `iptables` (both installed by `scripts/setup-debian.sh`); the namespace (and its veth) is
//! deleted on drop.

use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};

static NEXT: AtomicU32 = AtomicU32::new(0);

pub struct Netns {
    pub name: String,
    /// This side's address.
    pub host_ip: String,
    /// The namespace's address (servers listen here).
    pub ns_ip: String,
}

fn run(args: &[&str]) {
    let out = Command::new(args[0])
        .args(&args[1..])
        .stdin(Stdio::null())
        .output()
        .unwrap_or_else(|e| panic!("{}: {e} (install iproute2 and iptables)", args[0]));
    assert!(
        out.status.success(),
        "{} failed: {}",
        args.join(" "),
        String::from_utf8_lossy(&out.stderr)
    );
}

impl Netns {
    pub fn new() -> Netns {
        let n = NEXT.fetch_add(1, Ordering::SeqCst);
        let pid = std::process::id();
        let name = format!("rcdc{}x{n}", pid % 100_000);
        // a /30 per namespace: 10.<200 + n>.<pid>.{1,2}
        let (a, b) = (200 + (n % 50), pid % 250);
        let (host_ip, ns_ip) = (format!("10.{a}.{b}.1"), format!("10.{a}.{b}.2"));
        let (vh, vn) = (
            format!("vh{}x{n}", pid % 100_000),
            format!("vn{}x{n}", pid % 100_000),
        );
        let _ = Command::new("ip").args(["netns", "del", &name]).output();
        run(&["ip", "netns", "add", &name]);
        let ns = Netns {
            name: name.clone(),
            host_ip: host_ip.clone(),
            ns_ip: ns_ip.clone(),
        };
        run(&[
            "ip", "link", "add", &vh, "type", "veth", "peer", "name", &vn,
        ]);
        run(&["ip", "link", "set", &vn, "netns", &name]);
        run(&["ip", "addr", "add", &format!("{host_ip}/30"), "dev", &vh]);
        run(&["ip", "link", "set", &vh, "up"]);
        run(&[
            "ip",
            "netns",
            "exec",
            &name,
            "ip",
            "addr",
            "add",
            &format!("{ns_ip}/30"),
            "dev",
            &vn,
        ]);
        run(&["ip", "netns", "exec", &name, "ip", "link", "set", &vn, "up"]);
        run(&[
            "ip", "netns", "exec", &name, "ip", "link", "set", "lo", "up",
        ]);
        ns
    }

    /// A command run inside the namespace.
    pub fn command(&self, program: &str) -> Command {
        let mut c = Command::new("ip");
        c.args(["netns", "exec", &self.name, program]);
        c
    }

    /// Cuts the link silently: every packet in or out of the namespace's veth is dropped.
    pub fn cut(&self) {
        for (chain, dir) in [("INPUT", "-i"), ("OUTPUT", "-o")] {
            run(&[
                "ip", "netns", "exec", &self.name, "iptables", "-A", chain, "!", dir, "lo", "-j",
                "DROP",
            ]);
        }
    }

    /// Restores the link.
    pub fn restore(&self) {
        for chain in ["INPUT", "OUTPUT"] {
            run(&["ip", "netns", "exec", &self.name, "iptables", "-F", chain]);
        }
    }
}

impl Default for Netns {
    fn default() -> Self {
        Netns::new()
    }
}

impl Drop for Netns {
    fn drop(&mut self) {
        let _ = Command::new("ip")
            .args(["netns", "del", &self.name])
            .output();
    }
}
