//! TCP settings for every connection a redcdc process makes — to Redis and to the sources — so
//! a silent network cut (packets dropped, no reset) ends in an error instead of a socket that
//! waits on the kernel's retransmission backoff (up to two minutes between tries, about 15
//! minutes before it gives up): keepalive probes on an idle connection, and `TCP_USER_TIMEOUT`
//! for data sent and never acknowledged. A Redis connection that times out this way is dropped
//! by the kernel, so the client library makes a new one (a request timeout alone leaves it on
//! the dead socket).

use std::time::Duration;

use redis::io::tcp::{socket2, TcpSettings};

/// Idle time before the first keepalive probe.
pub const KEEPALIVE_IDLE: Duration = Duration::from_secs(10);
/// Between probes.
pub const KEEPALIVE_INTERVAL: Duration = Duration::from_secs(3);
/// Unanswered probes before the connection is dropped (10 + 3 x 3 = 19 s of silence).
pub const KEEPALIVE_RETRIES: u32 = 3;
/// Sent data unacknowledged this long drops the connection.
pub const USER_TIMEOUT: Duration = Duration::from_secs(20);

/// The keepalive above, for a socket.
pub fn keepalive() -> socket2::TcpKeepalive {
    socket2::TcpKeepalive::new()
        .with_time(KEEPALIVE_IDLE)
        .with_interval(KEEPALIVE_INTERVAL)
        .with_retries(KEEPALIVE_RETRIES)
}

/// The settings above (and no Nagle delay) for a Redis connection.
pub fn redis_tcp() -> TcpSettings {
    let s = TcpSettings::default()
        .set_nodelay(true)
        .set_keepalive(keepalive());
    #[cfg(any(target_os = "linux", target_os = "android", target_os = "fuchsia"))]
    let s = s.set_user_timeout(USER_TIMEOUT);
    s
}

/// A Redis client (URL or connection info) whose connections use [`redis_tcp`].
pub fn redis_client(info: impl redis::IntoConnectionInfo) -> redis::RedisResult<redis::Client> {
    redis::Client::open(redis_info(info)?)
}

/// Connection info with [`redis_tcp`].
pub fn redis_info(
    info: impl redis::IntoConnectionInfo,
) -> redis::RedisResult<redis::ConnectionInfo> {
    Ok(info.into_connection_info()?.set_tcp_settings(redis_tcp()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_redis_client_carries_the_tcp_settings() {
        let info = redis_info("redis://127.0.0.1:6390/2").unwrap();
        let tcp = info.tcp_settings();
        assert!(tcp.nodelay());
        assert!(tcp.keepalive().is_some());
        #[cfg(target_os = "linux")]
        assert_eq!(tcp.user_timeout(), Some(USER_TIMEOUT));
        assert_eq!(info.redis_settings().db(), 2);
    }
}
