//! Topic (= Redis stream) naming: Debezium's default topic naming strategies plus the one
//! RegexRouter transform that Debezium Server / RDI setups use to prefix topics.

/// Replaces characters outside `[A-Za-z0-9._-]` with `_` and cuts to 249 characters, as
/// Debezium's topic naming strategies do.
pub fn sanitize(topic: &str) -> String {
    let s: String = topic
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '.' || c == '_' || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect();
    s.chars().take(249).collect()
}

/// `<prefix>.<schema>.<table>` (Postgres, Oracle) — SchemaTopicNamingStrategy.
pub fn schema_table_topic(prefix: &str, schema: &str, table: &str) -> String {
    sanitize(&format!("{prefix}.{schema}.{table}"))
}

/// `<prefix>.<db>.<table>` (MySQL) — DefaultTopicNamingStrategy.
pub fn db_table_topic(prefix: &str, db: &str, table: &str) -> String {
    sanitize(&format!("{prefix}.{db}.{table}"))
}

/// `<prefix>.transaction`.
pub fn transaction_topic(prefix: &str) -> String {
    format!("{prefix}.transaction")
}

/// Kafka Connect's RegexRouter with Java regex semantics limited to what prefix/suffix routing
/// needs: a `regex` of `(.*)` (or `.*`) and a `replacement` in which `$1`/`$0` stand for the
/// whole topic. Other regexes are rejected at config time by [`Router::new`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Router {
    before: String,
    after: String,
}

/// A RegexRouter setting this project cannot honour.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("RegexRouter regex `{0}` is not supported: only `(.*)` (whole-topic prefix/suffix) is")]
pub struct UnsupportedRegex(pub String);

impl Router {
    pub fn new(regex: &str, replacement: &str) -> Result<Router, UnsupportedRegex> {
        let whole = matches!(regex, "(.*)" | "^(.*)$" | "(.+)" | "^(.+)$");
        if !whole {
            return Err(UnsupportedRegex(regex.to_string()));
        }
        let marker = if replacement.contains("$1") {
            "$1"
        } else {
            "$0"
        };
        match replacement.split_once(marker) {
            Some((b, a)) => Ok(Router {
                before: b.to_string(),
                after: a.to_string(),
            }),
            None => Ok(Router {
                before: replacement.to_string(),
                after: String::new(),
            })
            .and_then(|_| Err(UnsupportedRegex(format!("{regex} -> {replacement}")))),
        }
    }

    /// A router that adds `prefix` in front of every topic.
    pub fn prefix(prefix: &str) -> Router {
        Router {
            before: prefix.to_string(),
            after: String::new(),
        }
    }

    pub fn route(&self, topic: &str) -> String {
        format!("{}{}{}", self.before, topic, self.after)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_routes() {
        assert_eq!(
            schema_table_topic("dbserver1", "public", "t int"),
            "dbserver1.public.t_int"
        );
        let r = Router::new("(.*)", "data:$1").unwrap();
        assert_eq!(r.route("dbserver1.public.t"), "data:dbserver1.public.t");
        assert!(Router::new("dbserver1\\.(.*)", "x$1").is_err());
        assert!(Router::new("(.*)", "fixed").is_err());
    }
}
