//! TCP settings for connections to the sources, so a silent network cut (packets dropped, no
//! reset) ends in an error instead of a read that waits forever: keepalive probes on an idle
//! connection, and `TCP_USER_TIMEOUT` for data sent and never acknowledged.

use std::time::Duration;

/// Idle time before the first keepalive probe.
pub const KEEPALIVE_IDLE: Duration = Duration::from_secs(10);
/// Between probes.
pub const KEEPALIVE_INTERVAL: Duration = Duration::from_secs(3);
/// Unanswered probes before the connection is dropped (10 + 3 x 3 = 19 s of silence).
pub const KEEPALIVE_RETRIES: u32 = 3;
/// Sent data unacknowledged this long drops the connection.
pub const USER_TIMEOUT: Duration = Duration::from_secs(20);

/// Applies the keepalive and user timeout to a connected socket (best effort: a platform
/// without one of them keeps the others).
pub fn harden(stream: &tokio::net::TcpStream) {
    let sock = socket2::SockRef::from(stream);
    let ka = socket2::TcpKeepalive::new()
        .with_time(KEEPALIVE_IDLE)
        .with_interval(KEEPALIVE_INTERVAL)
        .with_retries(KEEPALIVE_RETRIES);
    if let Err(e) = sock.set_tcp_keepalive(&ka) {
        tracing::debug!(error = %e, "cannot set TCP keepalive");
    }
    #[cfg(any(target_os = "linux", target_os = "android"))]
    if let Err(e) = sock.set_tcp_user_timeout(Some(USER_TIMEOUT)) {
        tracing::debug!(error = %e, "cannot set TCP_USER_TIMEOUT");
    }
}
