//! Gauge families for a `prometheus-client` [`Collector`]: values are read from the process's own
//! atomics at each scrape, so nothing is registered twice and nothing is kept per scrape.
//!
//! `prometheus-client` writes label values as given; [`Label`] escapes them as the text format
//! requires (`\\`, `"`, newline), so a table or stream name can never break the exposition.

use prometheus_client::collector::Collector;
use prometheus_client::encoding::{
    DescriptorEncoder, EncodeLabelValue, EncodeMetric, LabelValueEncoder,
};
use prometheus_client::metrics::counter::ConstCounter;
use prometheus_client::metrics::gauge::ConstGauge;
use prometheus_client::metrics::MetricType;
use prometheus_client::registry::Registry;

/// A label value, escaped when written.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Label(pub String);

impl From<&str> for Label {
    fn from(s: &str) -> Self {
        Label(s.to_string())
    }
}

impl From<String> for Label {
    fn from(s: String) -> Self {
        Label(s)
    }
}

impl EncodeLabelValue for Label {
    fn encode(&self, encoder: &mut LabelValueEncoder) -> Result<(), std::fmt::Error> {
        use std::fmt::Write;
        let mut rest = self.0.as_str();
        while let Some(i) = rest.find(['\\', '"', '\n']) {
            encoder.write_str(&rest[..i])?;
            encoder.write_str(match rest.as_bytes()[i] {
                b'\\' => "\\\\",
                b'"' => "\\\"",
                _ => "\\n",
            })?;
            rest = &rest[i + 1..];
        }
        encoder.write_str(rest)
    }
}

/// The labels of one sample, in order.
pub type Labels = Vec<(&'static str, Label)>;

/// Writes one gauge family: `name` with `help`, a sample per label set.
pub fn gauges(
    encoder: &mut DescriptorEncoder,
    name: &str,
    help: &str,
    samples: &[(Labels, f64)],
) -> Result<(), std::fmt::Error> {
    if samples.is_empty() {
        return Ok(());
    }
    let mut family = encoder.encode_descriptor(name, help, None, MetricType::Gauge)?;
    if let [(labels, v)] = samples {
        if labels.is_empty() {
            return ConstGauge::new(*v).encode(family);
        }
    }
    for (labels, v) in samples {
        let m = family.encode_family(labels)?;
        ConstGauge::new(*v).encode(m)?;
    }
    Ok(())
}

/// Writes one counter without labels: `name` gets the `_total` suffix the text format gives
/// counters. `v` is a count (`u64`) or a fractional amount (`f64`, e.g. milliseconds summed
/// from microseconds).
pub fn counter<N>(
    encoder: &mut DescriptorEncoder,
    name: &str,
    help: &str,
    v: N,
) -> Result<(), std::fmt::Error>
where
    N: prometheus_client::encoding::EncodeCounterValue,
{
    let c = ConstCounter::new(v);
    let m = encoder.encode_descriptor(name, help, None, c.metric_type())?;
    c.encode(m)
}

/// The text exposition of `collector` (OpenMetrics text, which Prometheus scrapes).
pub fn render<C: Collector + Clone>(collector: &C) -> String {
    let mut registry = Registry::default();
    registry.register_collector(Box::new(collector.clone()));
    let mut s = String::new();
    // writing into a String cannot fail
    let _ = prometheus_client::encoding::text::encode(&mut s, &registry);
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    #[derive(Debug)]
    struct Two;
    impl Collector for Two {
        fn encode(&self, mut e: DescriptorEncoder) -> Result<(), std::fmt::Error> {
            gauges(
                &mut e,
                "x_Connected",
                "Whether connected.",
                &[
                    (vec![("table", Label::from("a\"b\\c\nd"))], 1.0),
                    (vec![("table", Label::from("plain"))], 2.5),
                ],
            )?;
            gauges(&mut e, "x_empty", "Never written.", &[])
        }
    }

    #[test]
    fn label_values_are_escaped_and_names_kept() {
        let t = render(&Arc::new(Two));
        assert!(t.contains("# TYPE x_Connected gauge\n"), "{t}");
        assert!(
            t.contains("x_Connected{table=\"a\\\"b\\\\c\\nd\"} 1.0\n"),
            "{t}"
        );
        assert!(t.contains("x_Connected{table=\"plain\"} 2.5\n"), "{t}");
        assert!(!t.contains("x_empty"), "{t}");
        assert!(t.ends_with("# EOF\n"), "{t}");
    }
}
