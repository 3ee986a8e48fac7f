//! Two-step verification with an authenticator app (TOTP, RFC 6238: SHA-1,
//! 6 digits, 30 s, one step of clock drift either way).

use qrcode::render::svg;
use qrcode::QrCode;
use totp_rs::{Algorithm, Secret, TOTP};

use crate::SERVICE_NAME;

fn totp(secret_base32: &str, account: &str) -> Option<TOTP> {
    let bytes = Secret::Encoded(secret_base32.to_string()).to_bytes().ok()?;
    TOTP::new(
        Algorithm::SHA1,
        6,
        1,
        30,
        bytes,
        Some(SERVICE_NAME.to_string()),
        account.to_string(),
    )
    .ok()
}

/// A new random secret (160 bits), base32.
pub fn new_secret() -> String {
    match Secret::generate_secret().to_encoded() {
        Secret::Encoded(text) => text,
        Secret::Raw(_) => unreachable!("to_encoded gives the encoded form"),
    }
}

/// The `otpauth://` address and a QR code of it as inline SVG.
pub fn enrolment(secret_base32: &str, account: &str) -> Option<(String, String)> {
    let url = totp(secret_base32, account)?.get_url();
    let svg = QrCode::new(url.as_bytes())
        .ok()?
        .render::<svg::Color>()
        .min_dimensions(200, 200)
        .quiet_zone(true)
        .build();
    // The XML declaration is not allowed inside HTML.
    let svg = match svg.find("<svg") {
        Some(start) => svg[start..].to_string(),
        None => svg,
    };
    Some((url, svg))
}

/// The time step a valid code belongs to, if `code` is valid now. Callers
/// refuse a step at or before the last one used, so a code works once.
pub fn verify(secret_base32: &str, code: &str, now: u64) -> Option<u64> {
    let code: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    if code.len() != 6 || !code.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let generator = totp(secret_base32, "")?;
    let step = now / 30;
    [step.saturating_sub(1), step, step + 1]
        .into_iter()
        .find(|candidate| {
            crate::web::tokens::same_secret(&generator.generate(candidate * 30), &code)
        })
}

/// The code for a time, for tests and the demo.
pub fn code_at(secret_base32: &str, now: u64) -> String {
    totp(secret_base32, "")
        .map(|generator| generator.generate(now))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_verify_within_one_step_of_drift() {
        let secret = new_secret();
        let now = 1_800_000_000;
        let code = code_at(&secret, now);
        assert_eq!(verify(&secret, &code, now), Some(now / 30));
        assert!(verify(&secret, &code, now + 30).is_some());
        assert!(verify(&secret, &code, now + 120).is_none());
        assert!(verify(&secret, "12345", now).is_none());
        assert!(verify(&secret, "abcdef", now).is_none());
    }

    #[test]
    fn enrolment_gives_an_svg_qr_code() {
        let (url, svg) = enrolment(&new_secret(), "sam@example.org").unwrap();
        assert!(url.starts_with("otpauth://totp/"));
        assert!(svg.starts_with("<svg"));
    }
}
