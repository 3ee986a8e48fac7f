//! The hub's signing key and the credentials it signs: an Open Badges 3.0
//! `OpenBadgeCredential` (a W3C Verifiable Credential) secured as a VC-JWT
//! with Ed25519 (`alg: EdDSA`). The public key is published as a JSON Web
//! Key Set at [`JWKS_PATH`], so anyone can check a credential offline.

use std::fmt;

use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use base64::Engine;
use jsonwebtoken::errors::ErrorKind;
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use ring::signature::{Ed25519KeyPair, KeyPair};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

use super::types::ENVELOPE_PREFIX;

/// Where the hub publishes its public key (a JSON Web Key Set).
pub const JWKS_PATH: &str = "/.well-known/jwks.json";

/// Where the hub lists the credentials it has revoked (an Open Badges 3.0
/// `1EdTechRevocationList`, which every credential names).
pub const REVOCATIONS_PATH: &str = "/credentials/revocations.json";

/// The hub's Ed25519 key pair. Its private half never leaves this type:
/// `Debug` shows the key id only, so it cannot reach a log.
#[derive(Clone)]
pub struct SigningKey {
    kid: String,
    pkcs8: Vec<u8>,
    /// The public key, base64url (a JWK's `x`).
    x: String,
}

impl fmt::Debug for SigningKey {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter
            .debug_struct("SigningKey")
            .field("kid", &self.kid)
            .finish_non_exhaustive()
    }
}

#[derive(Debug, thiserror::Error)]
#[error("the credential signing key is unusable: {0}")]
pub struct KeyError(String);

impl SigningKey {
    /// A new random key pair.
    pub fn generate() -> Result<Self, KeyError> {
        let random = ring::rand::SystemRandom::new();
        let document = Ed25519KeyPair::generate_pkcs8(&random)
            .map_err(|_| KeyError("no random numbers to make one".into()))?;
        Self::from_pkcs8(document.as_ref().to_vec())
    }

    /// The key kept as base64 PKCS#8 (see [`SigningKey::stored`]).
    pub fn from_stored(stored: &str) -> Result<Self, KeyError> {
        let pkcs8 = STANDARD
            .decode(stored.trim())
            .map_err(|_| KeyError("not base64".into()))?;
        Self::from_pkcs8(pkcs8)
    }

    fn from_pkcs8(pkcs8: Vec<u8>) -> Result<Self, KeyError> {
        let pair = Ed25519KeyPair::from_pkcs8_maybe_unchecked(&pkcs8)
            .map_err(|error| KeyError(format!("not an Ed25519 PKCS#8 key ({error})")))?;
        let x = URL_SAFE_NO_PAD.encode(pair.public_key().as_ref());
        Ok(SigningKey {
            kid: thumbprint(&x),
            pkcs8,
            x,
        })
    }

    /// The private key as base64 PKCS#8, to keep in the database.
    pub fn stored(&self) -> String {
        STANDARD.encode(&self.pkcs8)
    }

    pub fn kid(&self) -> &str {
        &self.kid
    }

    pub fn public_key(&self) -> &str {
        &self.x
    }

    /// The key's id as credentials name it: its address in the key set on
    /// `site` (the thumbprint after the `#`).
    pub fn key_id(&self, site: &str) -> String {
        format!("{site}{JWKS_PATH}#{}", self.kid)
    }

    /// The public key as a JSON Web Key Set on `site`, for [`JWKS_PATH`]:
    /// its `kid` is the very string credentials carry, so verifiers that
    /// match key ids exactly find it.
    pub fn jwks(&self, site: &str) -> Value {
        json!({
            "keys": [{
                "kty": "OKP",
                "crv": "Ed25519",
                "x": self.x,
                "kid": self.key_id(site),
                "use": "sig",
                "alg": "EdDSA",
            }]
        })
    }

    /// `claims` signed as a compact JWT (`alg: EdDSA`). Its `kid` is the
    /// address of this key in the hub's key set at `site`, as Open Badges
    /// 3.0 asks, so a verifier finds the key from the credential alone.
    pub fn sign(&self, claims: &Value, site: &str) -> Result<String, KeyError> {
        let mut header = Header::new(Algorithm::EdDSA);
        header.kid = Some(self.key_id(site));
        jsonwebtoken::encode(&header, claims, &EncodingKey::from_ed_der(&self.pkcs8))
            .map_err(|error| KeyError(error.to_string()))
    }

    /// The claims of `jwt` if this key signed it as it is.
    pub fn verify(&self, jwt: &str) -> Result<Value, Unverified> {
        let header = jsonwebtoken::decode_header(jwt).map_err(|_| Unverified::NotACredential)?;
        // Only this key, named by its thumbprint (after the key set's
        // address, whatever the address: the hub may have moved); a key
        // the token carries itself is never trusted.
        let names_this_key = header.kid.as_deref().is_some_and(|kid| {
            kid.rsplit_once('#')
                .map_or(kid, |(_, thumbprint)| thumbprint)
                == self.kid
        });
        if header.alg != Algorithm::EdDSA || !names_this_key {
            return Err(Unverified::OtherIssuer);
        }
        let key = DecodingKey::from_ed_components(&self.x).map_err(|_| Unverified::OtherIssuer)?;
        let mut validation = Validation::new(Algorithm::EdDSA);
        // A certificate does not expire; whether it still stands is the
        // hub's record (revocation), not the token's.
        validation.validate_exp = false;
        validation.validate_aud = false;
        validation.required_spec_claims.clear();
        jsonwebtoken::decode::<Value>(jwt, &key, &validation)
            .map(|data| data.claims)
            .map_err(|error| match error.kind() {
                ErrorKind::InvalidSignature => Unverified::Changed,
                _ => Unverified::NotACredential,
            })
    }
}

/// Why a credential was not accepted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unverified {
    /// Not a signed credential at all (or damaged beyond reading).
    NotACredential,
    /// Signed by some other key: not one the hub issued.
    OtherIssuer,
    /// Names the hub's key, but its signature does not match what it says:
    /// changed since, or damaged.
    Changed,
}

impl Unverified {
    pub fn message(self) -> &'static str {
        match self {
            Unverified::NotACredential => {
                "That is not a credential the hub can read: it may be damaged, or only part of it was pasted"
            }
            Unverified::OtherIssuer => {
                "That credential was not issued by this hub: it is not signed with the hub's key"
            }
            Unverified::Changed => {
                "That credential has been changed or damaged since the hub issued it: its signature does not match what it says"
            }
        }
    }
}

/// The RFC 7638 thumbprint of an Ed25519 public key (base64url `x`).
fn thumbprint(x: &str) -> String {
    let canonical = format!(r#"{{"crv":"Ed25519","kty":"OKP","x":"{x}"}}"#);
    URL_SAFE_NO_PAD.encode(Sha256::digest(canonical.as_bytes()))
}

/// What a certificate certifies, as its credential states it.
#[derive(Clone, Debug, PartialEq)]
pub struct Certified<'a> {
    /// The hub's address, no trailing slash.
    pub site: &'a str,
    pub id: &'a str,
    pub holder_name: &'a str,
    pub module_title: &'a str,
    pub module_slug: &'a str,
    pub minutes: i64,
    pub issued_at: i64,
}

/// The verification address of certificate `id` on `site`.
pub fn verification_address(site: &str, id: &str) -> String {
    format!("{site}/credentials/{id}")
}

/// The Open Badges 3.0 credential, with the JWT claims a VC-JWT carries
/// beside it (`iss`, `jti`, `nbf`).
pub fn credential_claims(certified: &Certified<'_>) -> Value {
    let address = verification_address(certified.site, certified.id);
    let issuer = format!("{}/", certified.site);
    let issued = chrono::DateTime::from_timestamp(certified.issued_at, 0)
        .unwrap_or_default()
        .format("%Y-%m-%dT%H:%M:%SZ")
        .to_string();
    // In hours to two places, as the certificate's page rounds them.
    let hours = (certified.minutes as f64 / 60.0 * 100.0).round() / 100.0;
    json!({
        "@context": [
            "https://www.w3.org/ns/credentials/v2",
            "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
        ],
        "id": address,
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": format!("Completed the module “{}”", certified.module_title),
        "issuer": {
            "id": issuer,
            "type": ["Profile"],
            "name": "Investigation Resources Hub",
            "url": issuer,
        },
        "validFrom": issued,
        // Whether it still stands: the hub's list of revoked credentials.
        "credentialStatus": {
            "id": format!("{}{REVOCATIONS_PATH}", certified.site),
            "type": "1EdTechRevocationList",
        },
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "identifier": [{
                "type": "IdentityObject",
                "identityType": "name",
                "hashed": false,
                "identityHash": certified.holder_name,
            }],
            "creditsEarned": hours,
            "achievement": {
                "id": format!("{}/resources/{}", certified.site, certified.module_slug),
                "type": ["Achievement"],
                "achievementType": "Course",
                "name": certified.module_title,
                "description": format!("The module “{}” of the Investigation Resources Hub, for patient-safety investigators.", certified.module_title),
                "criteria": {
                    "narrative": "Every lesson of the module taken, and marked done, by a signed-in member.",
                },
                "creditsAvailable": hours,
            },
        },
        "iss": issuer,
        "jti": address,
        "nbf": certified.issued_at,
    })
}

/// The id of the certificate a verified credential states (the last part
/// of its `jti`, the verification address).
pub fn credential_id(claims: &Value) -> Option<String> {
    let address = claims.get("jti")?.as_str()?;
    let (_, id) = address.rsplit_once("/credentials/")?;
    super::types::is_credential_id(id).then(|| id.to_string())
}

/// The hub's revocation list: the verification address (the credential's
/// `id`) of each revoked credential. No reason: the list is public, and a
/// revoked certificate's page names no holder, so nothing in it points at
/// anyone.
pub fn revocation_list(site: &str, revoked: &[String]) -> Value {
    json!({
        "id": format!("{site}{REVOCATIONS_PATH}"),
        "issuer": format!("{site}/"),
        "revokedCredentials": revoked
            .iter()
            .map(|id| json!({ "id": verification_address(site, id) }))
            .collect::<Vec<_>>(),
    })
}

/// The JSON file a holder downloads: a W3C enveloped verifiable credential
/// around the signed one.
pub fn enveloped(jwt: &str) -> Value {
    json!({
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "type": "EnvelopedVerifiableCredential",
        "id": format!("{ENVELOPE_PREFIX}{jwt}"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const SITE: &str = "https://hub.example";

    fn certified() -> Certified<'static> {
        Certified {
            site: SITE,
            id: "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_abcde",
            holder_name: "Priya Shah",
            module_title: "Systems thinking",
            module_slug: "systems-thinking",
            minutes: 150,
            issued_at: 1_780_000_000,
        }
    }

    #[test]
    fn a_signed_credential_verifies_with_the_same_key_and_names_its_certificate() {
        let key = SigningKey::generate().unwrap();
        let claims = credential_claims(&certified());
        let jwt = key.sign(&claims, SITE).unwrap();
        let verified = key.verify(&jwt).unwrap();
        assert_eq!(verified, claims);
        assert_eq!(credential_id(&verified).as_deref(), Some(certified().id));
        assert_eq!(verified["type"][1], "OpenBadgeCredential");
        assert_eq!(verified["credentialSubject"]["creditsEarned"], 2.5);
        assert_eq!(verified["validFrom"], "2026-05-28T20:26:40Z");
        assert_eq!(
            verified["credentialStatus"]["id"],
            "https://hub.example/credentials/revocations.json"
        );
        let header = jsonwebtoken::decode_header(&jwt).unwrap();
        assert_eq!(
            header.kid.unwrap(),
            format!("https://hub.example/.well-known/jwks.json#{}", key.kid())
        );
        // Checked where the hub has moved to, it is still the hub's.
        assert!(key
            .verify(&key.sign(&claims, "https://old.example").unwrap())
            .is_ok());
    }

    #[test]
    fn hours_are_rounded_as_the_page_shows_them() {
        let certified = Certified {
            minutes: 100,
            ..certified()
        };
        assert_eq!(
            credential_claims(&certified)["credentialSubject"]["creditsEarned"],
            1.67
        );
    }

    #[test]
    fn the_revocation_list_names_each_revoked_credential_by_its_address() {
        let list = revocation_list(SITE, &["abc".into()]);
        assert_eq!(
            list["revokedCredentials"][0]["id"],
            "https://hub.example/credentials/abc"
        );
        assert!(list["revokedCredentials"][0]
            .get("revocationReason")
            .is_none());
        assert_eq!(revocation_list(SITE, &[])["revokedCredentials"], json!([]));
    }

    #[test]
    fn signing_is_repeatable_so_a_download_is_the_same_file_each_time() {
        let key = SigningKey::generate().unwrap();
        let claims = credential_claims(&certified());
        assert_eq!(
            key.sign(&claims, SITE).unwrap(),
            key.sign(&claims, SITE).unwrap()
        );
    }

    #[test]
    fn a_changed_credential_is_refused() {
        let key = SigningKey::generate().unwrap();
        let jwt = key.sign(&credential_claims(&certified()), SITE).unwrap();
        let parts: Vec<&str> = jwt.split('.').collect();
        let mut claims = credential_claims(&certified());
        claims["credentialSubject"]["creditsEarned"] = json!(25.0);
        let forged_payload = URL_SAFE_NO_PAD.encode(serde_json::to_vec(&claims).unwrap());
        let forged = format!("{}.{forged_payload}.{}", parts[0], parts[2]);
        assert_eq!(key.verify(&forged), Err(Unverified::Changed));
    }

    #[test]
    fn a_credential_signed_by_another_key_or_garbage_is_refused() {
        let hub = SigningKey::generate().unwrap();
        let other = SigningKey::generate().unwrap();
        let foreign = other.sign(&credential_claims(&certified()), SITE).unwrap();
        assert_eq!(hub.verify(&foreign), Err(Unverified::OtherIssuer));
        // Another key claiming the hub's key id: the signature gives it away.
        let mut header = Header::new(Algorithm::EdDSA);
        header.kid = Some(format!("{SITE}{JWKS_PATH}#{}", hub.kid()));
        let impostor = jsonwebtoken::encode(
            &header,
            &credential_claims(&certified()),
            &EncodingKey::from_ed_der(&other.pkcs8),
        )
        .unwrap();
        assert_eq!(hub.verify(&impostor), Err(Unverified::Changed));
        // An unsigned token ("alg": "none") names no key of the hub's.
        let none = format!(
            "{}.{}.",
            URL_SAFE_NO_PAD.encode(r#"{"alg":"none","typ":"JWT"}"#),
            URL_SAFE_NO_PAD.encode(r#"{"jti":"x"}"#)
        );
        // (jsonwebtoken knows no algorithm "none": it is not even read.)
        assert_eq!(hub.verify(&none), Err(Unverified::NotACredential));
        // The hub's key named by its bare thumbprint is the hub's; named
        // by nothing, or by an empty fragment, it is not.
        let claims = credential_claims(&certified());
        let signed_with = |kid: Option<String>| {
            let mut header = Header::new(Algorithm::EdDSA);
            header.kid = kid;
            jsonwebtoken::encode(&header, &claims, &EncodingKey::from_ed_der(&hub.pkcs8)).unwrap()
        };
        assert!(hub
            .verify(&signed_with(Some(hub.kid().to_string())))
            .is_ok());
        assert_eq!(hub.verify(&signed_with(None)), Err(Unverified::OtherIssuer));
        assert_eq!(
            hub.verify(&signed_with(Some(format!("{SITE}{JWKS_PATH}#")))),
            Err(Unverified::OtherIssuer)
        );
        // HMAC with the public key as its secret (the old confusion attack).
        let mut hmac = Header::new(Algorithm::HS256);
        hmac.kid = Some(format!("{SITE}{JWKS_PATH}#{}", hub.kid()));
        let confused = jsonwebtoken::encode(
            &hmac,
            &claims,
            &EncodingKey::from_secret(hub.public_key().as_bytes()),
        )
        .unwrap();
        assert_eq!(hub.verify(&confused), Err(Unverified::OtherIssuer));
        for garbage in ["a.b.c", "", "....", "eyJ.eyJ.sig"] {
            assert_eq!(
                hub.verify(garbage),
                Err(Unverified::NotACredential),
                "{garbage}"
            );
        }
    }

    #[test]
    fn the_key_survives_being_stored_and_never_shows_in_debug() {
        let key = SigningKey::generate().unwrap();
        let again = SigningKey::from_stored(&key.stored()).unwrap();
        assert_eq!(again.kid(), key.kid());
        assert_eq!(again.public_key(), key.public_key());
        let shown = format!("{key:?}");
        assert!(!shown.contains(&key.stored()) && shown.contains(key.kid()));
        assert!(SigningKey::from_stored("not a key").is_err());
        assert!(SigningKey::from_stored(&STANDARD.encode([0u8; 48])).is_err());
    }

    #[test]
    fn a_key_made_by_openssl_signs_too() {
        // `openssl genpkey -algorithm ed25519 -outform DER | base64 -w0`
        // (PKCS#8 v1, no public key inside), as HUB_CREDENTIAL_KEY takes it.
        let key = SigningKey::from_stored(
            "MC4CAQAwBQYDK2VwBCIEIGtYKkgjvDa2+uTyta1Fren3s60GvqmY6hk5krRE6UO4",
        )
        .unwrap();
        let claims = credential_claims(&certified());
        assert!(key.verify(&key.sign(&claims, SITE).unwrap()).is_ok());
    }

    #[test]
    fn the_published_key_set_is_the_public_key_only() {
        let key = SigningKey::generate().unwrap();
        let jwks = key.jwks(SITE);
        assert_eq!(jwks["keys"][0]["x"], key.public_key());
        assert_eq!(jwks["keys"][0]["kid"], key.key_id(SITE));
        assert!(jwks["keys"][0].get("d").is_none());
        assert_eq!(key.kid().len(), 43, "a SHA-256 thumbprint");
    }

    #[test]
    fn the_id_comes_only_from_a_verification_address() {
        assert_eq!(
            credential_id(&json!({"jti": "https://x/credentials/short"})),
            None
        );
        assert_eq!(credential_id(&json!({"jti": 5})), None);
        assert_eq!(credential_id(&json!({})), None);
    }
}
