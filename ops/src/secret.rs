//! The one secret type and resolver of every binary (collector, processor, `redcdc`).
//!
//! A configuration value may be a whole-value reference:
//! - `${NAME}` / `${env:NAME}`: environment variable `NAME` (an error when unset);
//! - `${NAME:default}` / `${env:NAME:default}`: with a fallback (`${env:PW:}`: empty);
//! - `${file:/path}`: the file's content without trailing newlines (a mounted secret).
//!
//! Anything else is the value itself. RDI resolves `${NAME}` from secrets set with
//! `redis-di set-secret` (or a secret provider); redcdc reads the environment instead.

use std::fmt;

/// A secret value (password, inline private key): `Debug` and `Display` print `***`, so it
/// never reaches a log line.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

/// A YAML/JSON string, resolved (see the module); the error names the reference.
impl<'de> serde::Deserialize<'de> for Secret {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        resolve(&s).map(Secret).map_err(serde::de::Error::custom)
    }
}

/// Resolves a whole-value reference (see the module); other strings are returned unchanged.
pub fn resolve(s: &str) -> Result<String, String> {
    let Some(inner) = s
        .trim()
        .strip_prefix("${")
        .and_then(|r| r.strip_suffix('}'))
    else {
        return Ok(s.to_string());
    };
    if let Some(path) = inner.strip_prefix("file:") {
        return std::fs::read_to_string(path)
            .map(|v| v.trim_end_matches(['\n', '\r']).to_string())
            .map_err(|e| format!("secret reference ${{file:{path}}}: {e}"));
    }
    let name = inner.strip_prefix("env:").unwrap_or(inner);
    let (name, default) = match name.split_once(':') {
        Some((n, d)) => (n, Some(d)),
        None => (name, None),
    };
    if name.is_empty() {
        return Err(format!("empty secret reference '{s}'"));
    }
    match std::env::var(name) {
        Ok(v) => Ok(v),
        Err(_) => match default {
            Some(d) => Ok(d.to_string()),
            None => Err(format!(
                "secret reference '{s}': environment variable {name} is not set"
            )),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_resolve_and_secrets_never_print() {
        assert_eq!(resolve("plain").unwrap(), "plain");
        assert_eq!(resolve("${env:REDCDC_TEST_UNSET_X:dflt}").unwrap(), "dflt");
        assert_eq!(resolve("${REDCDC_TEST_UNSET_X:dflt}").unwrap(), "dflt");
        assert_eq!(resolve("${env:REDCDC_TEST_UNSET_X:}").unwrap(), "");
        let e = resolve("${REDCDC_TEST_UNSET_X}").unwrap_err();
        assert!(e.contains("REDCDC_TEST_UNSET_X"), "{e}");
        assert!(resolve("${file:/nonexistent/redcdc}").is_err());
        assert!(resolve("${}").is_err());
        let path = std::env::var("PATH").unwrap();
        assert_eq!(resolve("${PATH}").unwrap(), path);
        assert_eq!(resolve(" ${env:PATH} ").unwrap(), path);
        let dir = std::env::temp_dir().join(format!("redcdc-secret-{}", std::process::id()));
        std::fs::write(&dir, "s3cret\n").unwrap();
        let s: Secret =
            serde_json::from_value(serde_json::json!(format!("${{file:{}}}", dir.display())))
                .unwrap();
        std::fs::remove_file(&dir).unwrap();
        assert_eq!(s.expose(), "s3cret");
        assert_eq!(format!("{s:?} {s}"), "*** ***");
    }
}
