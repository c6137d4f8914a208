//! TCP settings for connections to the sources, so a silent network cut (packets dropped, no
//! reset) ends in an error instead of a read that waits forever: keepalive probes on an idle
//! connection, and `TCP_USER_TIMEOUT` for data sent and never acknowledged.

pub use ops::net::{KEEPALIVE_IDLE, KEEPALIVE_INTERVAL, KEEPALIVE_RETRIES, USER_TIMEOUT};

/// Applies the keepalive and user timeout to a connected socket (best effort: a platform
/// without one of them keeps the others).
pub fn harden(stream: &tokio::net::TcpStream) {
    let sock = socket2::SockRef::from(stream);
    if let Err(e) = sock.set_tcp_keepalive(&ops::net::keepalive()) {
        tracing::debug!(error = %e, "cannot set TCP keepalive");
    }
    #[cfg(any(target_os = "linux", target_os = "android"))]
    if let Err(e) = sock.set_tcp_user_timeout(Some(USER_TIMEOUT)) {
        tracing::debug!(error = %e, "cannot set TCP_USER_TIMEOUT");
    }
}
