//! Debezium's Java keystores for MySQL/MariaDB TLS: `database.ssl.truststore` (the CAs) and
//! `database.ssl.keystore` (a client certificate and its key), each with its `.password`, as
//! Debezium Server users have them. JKS is read by the `jks` crate, PKCS#12 by `p12-keystore`
//! (told apart by the file's first bytes, as Java's keytool does), and turned into what the
//! MySQL driver takes: trusted certificates (DER) and a client chain and PKCS#8 key (PEM).

/// JKS files start with this magic; PKCS#12 with an ASN.1 SEQUENCE (0x30).
const JKS_MAGIC: [u8; 4] = [0xFE, 0xED, 0xFE, 0xED];

enum Store {
    Jks(jks::KeyStore),
    Pkcs12(p12_keystore::KeyStore),
}

fn open(path: &str, password: Option<&str>, setting: &str) -> Result<(Store, String), String> {
    let bytes =
        std::fs::read(path).map_err(|e| format!("{setting} `{path}`: cannot read it: {e}"))?;
    let password = password.unwrap_or_default().to_string();
    let bad_password = || {
        format!(
            "{setting} `{path}`: the store or its password is wrong (set {setting}.password to the store's password)"
        )
    };
    if bytes.starts_with(&JKS_MAGIC) {
        let mut ks = jks::KeyStore::new();
        ks.load(bytes.as_slice(), password.as_bytes())
            .map_err(|e| format!("{}: {e}", bad_password()))?;
        Ok((Store::Jks(ks), password))
    } else if bytes.first() == Some(&0x30) {
        // every certificate counts, also those without Java's "trusted" attribute (a store
        // made by openssl)
        let ks = p12_keystore::KeyStore::from_pkcs12(
            &bytes,
            &password,
            p12_keystore::Pkcs12ImportPolicy::Relaxed,
        )
        .map_err(|e| format!("{}: {e}", bad_password()))?;
        Ok((Store::Pkcs12(ks), password))
    } else {
        Err(format!(
            "{setting} `{path}`: neither a JKS nor a PKCS#12 store"
        ))
    }
}

/// The certificates of a truststore (DER), at least one.
pub fn trusted_certificates(
    path: &str,
    password: Option<&str>,
    setting: &str,
) -> Result<Vec<Vec<u8>>, String> {
    let certs: Vec<Vec<u8>> = match open(path, password, setting)?.0 {
        Store::Jks(ks) => {
            let mut aliases = ks.aliases();
            aliases.sort();
            aliases
                .iter()
                .filter_map(|a| ks.get_trusted_certificate_entry(a).ok())
                .map(|e| e.certificate.content)
                .collect()
        }
        Store::Pkcs12(ks) => ks
            .entries()
            .filter_map(|(_, e)| match e {
                p12_keystore::KeyStoreEntry::Certificate(c) => Some(c.as_der().to_vec()),
                _ => None,
            })
            .collect(),
    };
    if certs.is_empty() {
        return Err(format!("{setting} `{path}`: holds no trusted certificate"));
    }
    Ok(certs)
}

/// The client certificate chain and its key of a keystore, as PEM (chain, PKCS#8 key).
pub fn client_identity(
    path: &str,
    password: Option<&str>,
    setting: &str,
) -> Result<(String, String), String> {
    let (store, password) = open(path, password, setting)?;
    let none = || format!("{setting} `{path}`: holds no private key with its certificate");
    let (chain, key): (Vec<Vec<u8>>, Vec<u8>) = match store {
        Store::Jks(ks) => {
            let mut aliases = ks.aliases();
            aliases.sort();
            let alias = aliases
                .into_iter()
                .find(|a| ks.is_private_key_entry(a))
                .ok_or_else(none)?;
            // Java protects the key with the store's password unless told otherwise
            let entry = ks
                .get_private_key_entry(&alias, password.as_bytes())
                .map_err(|e| format!("{setting} `{path}`: the key of `{alias}`: {e}"))?;
            (
                entry
                    .certificate_chain
                    .into_iter()
                    .map(|c| c.content)
                    .collect(),
                entry.private_key,
            )
        }
        Store::Pkcs12(ks) => {
            let (_, chain) = ks.private_key_chain().ok_or_else(none)?;
            (
                chain.certs().iter().map(|c| c.as_der().to_vec()).collect(),
                chain.key().as_der().to_vec(),
            )
        }
    };
    if chain.is_empty() {
        return Err(none());
    }
    let chain_pem: String = chain.iter().map(|c| pem("CERTIFICATE", c)).collect();
    Ok((chain_pem, pem("PRIVATE KEY", &key)))
}

/// One PEM block.
fn pem(label: &str, der: &[u8]) -> String {
    pem::encode_config(
        &pem::Pem::new(label, der),
        pem::EncodeConfig::new().set_line_ending(pem::LineEnding::LF),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pem_blocks_wrap_at_64_columns() {
        let p = pem("CERTIFICATE", &[7u8; 100]);
        let lines: Vec<&str> = p.lines().collect();
        assert_eq!(lines[0], "-----BEGIN CERTIFICATE-----");
        assert_eq!(lines[1].len(), 64);
        assert_eq!(lines.last(), Some(&"-----END CERTIFICATE-----"));
    }

    #[test]
    fn neither_jks_nor_pkcs12_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("x");
        std::fs::write(&f, "-----BEGIN CERTIFICATE-----\n").unwrap();
        let e =
            trusted_certificates(f.to_str().unwrap(), None, "database.ssl.truststore").unwrap_err();
        assert!(
            e.contains("database.ssl.truststore") && e.contains("neither"),
            "{e}"
        );
    }
}
