//! The one retry policy of every redcdc loop (source restarts, the Redis sink, the processor):
//! exponential delays with jitter and a cap (`backon`'s exponential builder), started again from
//! the first delay once the work has been healthy for a while — a failure after weeks of running
//! waits the first delay, not the cap.
//!
//! This module only computes delays; each loop sleeps on its own runtime and wakes on shutdown.

use std::time::{Duration, Instant};

use backon::{BackoffBuilder, ExponentialBackoff, ExponentialBuilder};

/// The shape of a retry policy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// The first delay.
    pub initial: Duration,
    /// The cap every delay stays under (before jitter).
    pub max: Duration,
    /// How long the work must run without a failure for the delays to start over.
    pub healthy_after: Duration,
}

impl RetryPolicy {
    /// `initial`/`max` in milliseconds; healthy after one minute or twice the cap, whichever
    /// is longer.
    pub fn millis(initial_ms: u64, max_ms: u64) -> RetryPolicy {
        let max = Duration::from_millis(max_ms.max(initial_ms).max(1));
        RetryPolicy {
            initial: Duration::from_millis(initial_ms.max(1)),
            max,
            healthy_after: (max * 2).max(Duration::from_secs(60)),
        }
    }

    /// A fresh sequence of delays.
    pub fn start(&self) -> Retrier {
        Retrier {
            policy: *self,
            delays: self.builder().build(),
            last_failure: None,
        }
    }

    fn builder(&self) -> ExponentialBuilder {
        ExponentialBuilder::default()
            .with_min_delay(self.initial)
            .with_max_delay(self.max)
            .with_factor(2.0)
            .with_jitter()
            .without_max_times()
    }
}

/// The delays of one loop. Call [`Retrier::failed`] on each failure and sleep what it returns.
#[derive(Debug)]
pub struct Retrier {
    policy: RetryPolicy,
    delays: ExponentialBackoff,
    last_failure: Option<Instant>,
}

impl Retrier {
    /// A failure now: the delay to wait before trying again. When the previous failure lies more
    /// than the healthy period back, the delays start over.
    pub fn failed(&mut self) -> Duration {
        self.failed_at(Instant::now())
    }

    /// [`Retrier::failed`] at a given instant (tests).
    pub fn failed_at(&mut self, now: Instant) -> Duration {
        if self
            .last_failure
            .is_some_and(|t| now.saturating_duration_since(t) >= self.policy.healthy_after)
        {
            self.delays = self.policy.builder().build();
        }
        self.last_failure = Some(now);
        self.delays.next().unwrap_or(self.policy.max)
    }

    /// The work succeeded: the next failure starts from the first delay.
    pub fn succeeded(&mut self) {
        self.delays = self.policy.builder().build();
        self.last_failure = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ms(d: Duration) -> u64 {
        d.as_millis() as u64
    }

    #[test]
    fn delays_grow_with_jitter_to_the_cap() {
        let p = RetryPolicy::millis(100, 1000);
        let mut r = p.start();
        let t = Instant::now();
        let d: Vec<u64> = (0..8)
            .map(|i| ms(r.failed_at(t + Duration::from_millis(i))))
            .collect();
        // backon's jitter adds up to one more delay of the same size
        assert!((100..=200).contains(&d[0]), "{d:?}");
        assert!((200..=400).contains(&d[1]), "{d:?}");
        assert!(d[5..].iter().all(|&x| (1000..=2000).contains(&x)), "{d:?}");
    }

    #[test]
    fn a_healthy_period_starts_the_delays_over() {
        let p = RetryPolicy::millis(100, 1000);
        assert_eq!(p.healthy_after, Duration::from_secs(60));
        let mut r = p.start();
        let t = Instant::now();
        for i in 0..8 {
            r.failed_at(t + Duration::from_millis(i));
        }
        assert!(
            ms(r.failed_at(t + Duration::from_secs(30))) >= 1000,
            "still failing: capped"
        );
        // then a minute without a failure
        let d = ms(r.failed_at(t + Duration::from_secs(91)));
        assert!(
            (100..=200).contains(&d),
            "after a healthy period: the first delay again, got {d}"
        );
        r.succeeded();
        assert!(ms(r.failed()) <= 200);
    }
}
