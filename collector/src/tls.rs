//! TLS to the source databases (Postgres `sslmode`, MySQL/MariaDB `ssl.mode`): one rustls client
//! configuration built from the mode and PEM files, with the three levels of checking the
//! databases' own clients have:
//!
//! - [`Verify::Nothing`] (`require`, `prefer`; `required`, `preferred`): encrypted, the server's
//!   certificate not checked — as libpq and MySQL's clients do without a CA;
//! - [`Verify::Chain`] (`verify-ca`; `verify_ca`): the certificate must chain to the CA, any name;
//! - [`Verify::Full`] (`verify-full`; `verify_identity`): chain and host name.
//!
//! Hand-written here: the two relaxed verifiers (rustls has only the full check) — the relaxed
//! chain check wraps rustls' own verifier and forgives only a name mismatch.

use std::sync::Arc;

use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::client::WebPkiServerVerifier;
use rustls::crypto::{verify_tls12_signature, verify_tls13_signature, CryptoProvider};
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer, ServerName, UnixTime};
use rustls::{CertificateError, ClientConfig, DigitallySignedStruct, Error, RootCertStore};

/// How much of the server's certificate is checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verify {
    Nothing,
    Chain,
    Full,
}

/// The system's CA bundle, used when a verifying mode names no CA file (the image carries it).
pub const SYSTEM_CA_BUNDLE: &str = "/etc/ssl/certs/ca-certificates.crt";

/// The files of a TLS client: the CA (PEM) and a client certificate chain and key (PEM; with
/// `der_key` also DER PKCS#8, for the clients that read it).
#[derive(Debug, Clone, Default)]
pub struct Files<'a> {
    pub ca: Option<&'a str>,
    pub cert: Option<&'a str>,
    pub key: Option<&'a str>,
    pub der_key: bool,
}

/// A rustls client configuration; the error names the file or setting at fault (`what` is the
/// setting prefix shown in it, e.g. `source.sslrootcert`).
pub fn client_config(
    verify: Verify,
    files: &Files<'_>,
    setting: &str,
) -> Result<Arc<ClientConfig>, String> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let builder = ClientConfig::builder_with_provider(provider.clone())
        .with_safe_default_protocol_versions()
        .map_err(|e| e.to_string())?;
    let builder = match verify {
        Verify::Nothing => builder
            .dangerous()
            .with_custom_certificate_verifier(Arc::new(AnyCertificate(provider.clone()))),
        Verify::Chain | Verify::Full => {
            let ca = files.ca.unwrap_or(SYSTEM_CA_BUNDLE);
            let mut roots = RootCertStore::empty();
            let certs = CertificateDer::pem_file_iter(ca)
                .map_err(|e| format!("{setting}: cannot read the CA file {ca}: {e}"))?;
            for c in certs {
                let c = c.map_err(|e| format!("{setting}: {ca} is not PEM: {e}"))?;
                roots
                    .add(c)
                    .map_err(|e| format!("{setting}: a certificate of {ca} is unusable: {e}"))?;
            }
            if roots.is_empty() {
                return Err(format!("{setting}: {ca} holds no certificate"));
            }
            let webpki = WebPkiServerVerifier::builder_with_provider(Arc::new(roots), provider)
                .build()
                .map_err(|e| format!("{setting}: {e}"))?;
            if verify == Verify::Full {
                builder.with_webpki_verifier(webpki)
            } else {
                builder
                    .dangerous()
                    .with_custom_certificate_verifier(Arc::new(ChainOnly(webpki)))
            }
        }
    };
    let config = match (files.cert, files.key) {
        (Some(cert), Some(key)) => {
            let chain = CertificateDer::pem_file_iter(cert)
                .map_err(|e| format!("{setting}: cannot read the client certificate {cert}: {e}"))?
                .collect::<Result<Vec<_>, _>>()
                .map_err(|e| format!("{setting}: {cert} is not PEM: {e}"))?;
            let key = private_key(key, files.der_key).map_err(|e| {
                format!("{setting}: cannot read the client key {key} (PEM or DER PKCS#8, unencrypted): {e}")
            })?;
            builder
                .with_client_auth_cert(chain, key)
                .map_err(|e| format!("{setting}: the client certificate and key: {e}"))?
        }
        (None, None) => builder.with_no_client_auth(),
        _ => {
            return Err(format!(
                "{setting}: a client certificate and its key go together"
            ))
        }
    };
    Ok(Arc::new(config))
}

/// A private key file: PEM, or with `der` DER PKCS#8 (what RDI asks for a Postgres client key,
/// as the JDBC driver reads it).
fn private_key(path: &str, der: bool) -> Result<PrivateKeyDer<'static>, String> {
    let bytes = std::fs::read(path).map_err(|e| e.to_string())?;
    match PrivateKeyDer::from_pem_slice(&bytes) {
        Ok(k) => Ok(k),
        // DER: an ASN.1 SEQUENCE
        Err(_) if der && bytes.first() == Some(&0x30) => Ok(PrivateKeyDer::Pkcs8(
            rustls::pki_types::PrivatePkcs8KeyDer::from(bytes),
        )),
        Err(e) => Err(e.to_string()),
    }
}

/// Accepts any certificate (the handshake signatures are still checked).
#[derive(Debug)]
struct AnyCertificate(Arc<CryptoProvider>);

impl ServerCertVerifier for AnyCertificate {
    fn verify_server_cert(
        &self,
        _end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp_response: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, Error> {
        Ok(ServerCertVerified::assertion())
    }
    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, Error> {
        verify_tls12_signature(
            message,
            cert,
            dss,
            &self.0.signature_verification_algorithms,
        )
    }
    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, Error> {
        verify_tls13_signature(
            message,
            cert,
            dss,
            &self.0.signature_verification_algorithms,
        )
    }
    fn supported_verify_schemes(&self) -> Vec<rustls::SignatureScheme> {
        self.0.signature_verification_algorithms.supported_schemes()
    }
}

/// rustls' own check, forgiving only a certificate not valid for the host name.
#[derive(Debug)]
struct ChainOnly(Arc<WebPkiServerVerifier>);

impl ServerCertVerifier for ChainOnly {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp_response: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, Error> {
        match self
            .0
            .verify_server_cert(end_entity, intermediates, server_name, ocsp_response, now)
        {
            Err(Error::InvalidCertificate(
                CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. },
            )) => Ok(ServerCertVerified::assertion()),
            other => other,
        }
    }
    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, Error> {
        self.0.verify_tls12_signature(message, cert, dss)
    }
    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, Error> {
        self.0.verify_tls13_signature(message, cert, dss)
    }
    fn supported_verify_schemes(&self) -> Vec<rustls::SignatureScheme> {
        self.0.supported_verify_schemes()
    }
}

/// The server name to verify against: a DNS name or an IP address.
pub fn server_name(host: &str) -> Result<ServerName<'static>, String> {
    ServerName::try_from(host.to_string()).map_err(|e| format!("host `{host}`: {e}"))
}
