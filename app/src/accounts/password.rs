//! Password rules and hashing: argon2id with OWASP's parameters (19 MiB,
//! 2 passes, 1 lane), length 8–128, no composition rules, and weak or
//! common passwords refused by zxcvbn. Passwords are never logged.

use std::sync::LazyLock;

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};

use super::types::{MAX_PASSWORD_CHARS, MIN_PASSWORD_CHARS};

fn hasher() -> Argon2<'static> {
    let params = Params::new(19 * 1024, 2, 1, None).expect("OWASP argon2id parameters are valid");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// A password that has passed the rules. Its `Debug` hides it, so it
/// cannot end up in a log line by accident.
pub struct NewPassword(String);

impl std::fmt::Debug for NewPassword {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("NewPassword(<hidden>)")
    }
}

impl NewPassword {
    /// Checks length and strength. `context` holds words a guesser would try
    /// first (the email address, the name).
    pub fn parse(raw: &str, context: &[&str]) -> Result<Self, String> {
        let length = raw.chars().count();
        if length == 0 {
            return Err("Enter a password".into());
        }
        if length < MIN_PASSWORD_CHARS {
            return Err(format!(
                "Password must be {MIN_PASSWORD_CHARS} characters or more"
            ));
        }
        if length > MAX_PASSWORD_CHARS {
            return Err(format!(
                "Password must be {MAX_PASSWORD_CHARS} characters or fewer"
            ));
        }
        let estimate = zxcvbn::zxcvbn(raw, context);
        if (estimate.score() as u8) < 3 {
            return Err(
                "Choose a password that is harder to guess: a few unrelated words work well".into(),
            );
        }
        Ok(NewPassword(raw.to_string()))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

/// Hashes on a blocking thread: argon2id takes tens of milliseconds of CPU.
pub async fn hash(password: &NewPassword) -> String {
    let password = password.0.clone();
    tokio::task::spawn_blocking(move || hash_now(&password))
        .await
        .expect("the hashing thread does not panic")
}

pub fn hash_now(password: &str) -> String {
    let salt = SaltString::generate(&mut argon2::password_hash::rand_core::OsRng);
    hasher()
        .hash_password(password.as_bytes(), &salt)
        .expect("hashing with a fresh salt succeeds")
        .to_string()
}

/// A real hash of nothing anyone knows, checked when an account does not
/// exist so that the answer takes as long as for one that does.
static DECOY_HASH: LazyLock<String> = LazyLock::new(|| hash_now("decoy password, never valid"));

/// True when `password` matches `stored`. With no stored hash, it spends the
/// same time and says no.
pub async fn verify(password: &str, stored: Option<String>) -> bool {
    let password = password.to_string();
    tokio::task::spawn_blocking(move || {
        let known = stored.is_some();
        let stored = stored.unwrap_or_else(|| DECOY_HASH.clone());
        let matches = PasswordHash::new(&stored)
            .map(|parsed| {
                hasher()
                    .verify_password(password.as_bytes(), &parsed)
                    .is_ok()
            })
            .unwrap_or(false);
        known && matches
    })
    .await
    .unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn length_and_strength_rules() {
        assert!(NewPassword::parse("", &[]).unwrap_err().contains("Enter"));
        assert!(NewPassword::parse("abc", &[])
            .unwrap_err()
            .contains("8 characters"));
        assert!(NewPassword::parse(&"x".repeat(129), &[])
            .unwrap_err()
            .contains("128"));
        assert!(
            NewPassword::parse("password1", &[]).is_err(),
            "common passwords are refused"
        );
        assert!(NewPassword::parse("samjones2024", &["samjones"]).is_err());
        assert!(NewPassword::parse("lantern orbit pebble sky", &[]).is_ok());
    }

    #[test]
    fn hashes_are_argon2id_with_owasp_parameters() {
        let hash = hash_now("lantern orbit pebble sky");
        assert!(
            hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{hash}"
        );
    }

    #[tokio::test]
    async fn verification_accepts_only_the_right_password() {
        let stored = hash_now("lantern orbit pebble sky");
        assert!(verify("lantern orbit pebble sky", Some(stored.clone())).await);
        assert!(!verify("lantern orbit pebble", Some(stored)).await);
        assert!(!verify("anything", None).await);
    }
}
