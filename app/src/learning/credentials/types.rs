//! What a certificate page shows, and the rules for the forms about it:
//! its holder showing or hiding their name, an admin revoking it, and
//! anyone checking a credential they were given.

use serde::{Deserialize, Serialize};

use crate::dates::Day;
use crate::forms::FieldErrors;

/// The longest reason an admin may give for revoking a certificate.
pub const MAX_REASON_CHARS: usize = 500;

/// The longest credential the check page reads: a signed credential is
/// about 2,000 characters, its JSON a little more.
pub const MAX_CREDENTIAL_CHARS: usize = 20_000;

/// Whom a certificate says it was issued to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Holder {
    Named(String),
    /// The holder chose not to show their name.
    NameHidden,
    DeletedAccount,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Revocation {
    pub on: Day,
    pub reason: String,
}

/// `/credentials/{id}`: a certificate, as whoever holds its link sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CredentialView {
    pub id: String,
    /// The full verification address.
    pub address: String,
    pub module_title: String,
    pub module_slug: String,
    /// CPD hours, as words ("2 hours").
    pub hours: String,
    pub issued_on: Day,
    pub holder: Holder,
    pub revoked: Option<Revocation>,
    /// The viewer holds it (downloads, and the choice to show their name).
    pub yours: bool,
    pub show_name: bool,
    /// The viewer is an admin and it is not revoked yet.
    pub can_revoke: bool,
    /// The PDF's font has every letter of the holder's name (told to the
    /// holder only; if not, printing the page is the way).
    pub pdf_prints_name: bool,
}

/// A certificate on its holder's learning page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CertificateSummary {
    pub id: String,
    pub module_title: String,
    pub issued_on: Day,
    pub revoked: bool,
}

/// A certificate's id: 256 random bits in URL-safe base64 (43 characters),
/// so anything else is not looked up at all.
pub fn is_credential_id(text: &str) -> bool {
    text.len() == 43
        && text
            .bytes()
            .all(|byte| byte.is_ascii_alphanumeric() || byte == b'-' || byte == b'_')
}

/// The certificate page's forms as posted.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct CredentialInput {
    pub action: String,
    pub show_name: String,
    pub reason: String,
    pub confirm: Vec<String>,
}

/// A change to a certificate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CredentialChange {
    /// Its holder shows their name on its page (or not).
    ShowName(bool),
    /// An admin revokes it, for this reason.
    Revoke(String),
}

/// The change a certificate page's form asks for, or a message per field.
pub fn parse_change(input: &CredentialInput) -> Result<CredentialChange, FieldErrors> {
    match input.action.as_str() {
        "name" => match input.show_name.as_str() {
            "yes" => Ok(CredentialChange::ShowName(true)),
            "no" => Ok(CredentialChange::ShowName(false)),
            _ => Err(vec![(
                "show_name",
                "Select whether to show your name".to_string(),
            )]),
        },
        "revoke" => {
            let mut problems = FieldErrors::new();
            let reason = input.reason.trim();
            if reason.is_empty() {
                problems.push((
                    "reason",
                    "Enter why the certificate is revoked: its page shows the reason".to_string(),
                ));
            } else if reason.chars().count() > MAX_REASON_CHARS {
                problems.push((
                    "reason",
                    format!("The reason must be {MAX_REASON_CHARS} characters or fewer"),
                ));
            }
            if !input.confirm.iter().any(|value| value == "yes") {
                problems.push((
                    "confirm",
                    "Tick the box to confirm: revoking cannot be undone".to_string(),
                ));
            }
            if problems.is_empty() {
                Ok(CredentialChange::Revoke(reason.to_string()))
            } else {
                Err(problems)
            }
        }
        _ => Err(vec![(
            "action",
            "Use one of the page's buttons".to_string(),
        )]),
    }
}

/// The check page's form as posted.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct CheckInput {
    pub credential: String,
}

/// The compact JWT in what was pasted on the check page: the signed
/// credential itself, or the JSON file the hub gives its holders (an
/// enveloped credential whose `id` is `data:application/vc+jwt,{jwt}`).
pub fn parse_check(input: &CheckInput) -> Result<String, FieldErrors> {
    let refuse = |message: &str| Err(vec![("credential", message.to_string())]);
    let text = input.credential.trim();
    if text.is_empty() {
        return refuse("Paste the credential: the text of the file you were given");
    }
    if text.chars().count() > MAX_CREDENTIAL_CHARS {
        return refuse(&format!(
            "That is longer than any credential the hub issues ({MAX_CREDENTIAL_CHARS} characters at most): paste only the credential"
        ));
    }
    let jwt =
        if text.starts_with('{') {
            let enveloped = serde_json::from_str::<serde_json::Value>(text)
                .ok()
                .and_then(|json| json.get("id")?.as_str().map(str::to_string))
                .and_then(|id| id.strip_prefix(ENVELOPE_PREFIX).map(str::to_string));
            match enveloped {
                Some(jwt) => jwt,
                None => return refuse(
                    "That JSON is not a credential from the hub: it has no signed credential in it",
                ),
            }
        } else {
            text.to_string()
        };
    let parts = jwt.split('.').count();
    if parts != 3 || jwt.chars().any(char::is_whitespace) {
        return refuse(
            "That is not a signed credential: it should be three parts joined by dots, or the hub's JSON file",
        );
    }
    Ok(jwt)
}

/// What comes before the signed credential in the `id` of the JSON file
/// the hub gives (a W3C enveloped verifiable credential).
pub const ENVELOPE_PREFIX: &str = "data:application/vc+jwt,";

#[cfg(test)]
mod tests {
    use super::*;

    fn change(
        action: &str,
        show_name: &str,
        reason: &str,
        confirm: &[&str],
    ) -> Result<CredentialChange, FieldErrors> {
        parse_change(&CredentialInput {
            action: action.into(),
            show_name: show_name.into(),
            reason: reason.into(),
            confirm: confirm.iter().map(|c| c.to_string()).collect(),
        })
    }

    #[test]
    fn the_holder_shows_or_hides_their_name() {
        assert_eq!(
            change("name", "yes", "", &[]),
            Ok(CredentialChange::ShowName(true))
        );
        assert_eq!(
            change("name", "no", "", &[]),
            Ok(CredentialChange::ShowName(false))
        );
        assert_eq!(
            change("name", "maybe", "", &[]).unwrap_err()[0].0,
            "show_name"
        );
        assert_eq!(change("other", "yes", "", &[]).unwrap_err()[0].0, "action");
    }

    #[test]
    fn revoking_needs_a_reason_within_the_limit_and_a_tick() {
        assert_eq!(
            change("revoke", "", "  Issued in error  ", &["yes"]),
            Ok(CredentialChange::Revoke("Issued in error".into()))
        );
        let fields = |result: Result<CredentialChange, FieldErrors>| {
            result
                .unwrap_err()
                .into_iter()
                .map(|(field, _)| field)
                .collect::<Vec<_>>()
        };
        assert_eq!(
            fields(change("revoke", "", " ", &[])),
            ["reason", "confirm"]
        );
        let long = "x".repeat(MAX_REASON_CHARS + 1);
        assert_eq!(fields(change("revoke", "", &long, &["yes"])), ["reason"]);
        assert!(change("revoke", "", &"x".repeat(MAX_REASON_CHARS), &["yes"]).is_ok());
    }

    fn check(text: &str) -> Result<String, FieldErrors> {
        parse_check(&CheckInput {
            credential: text.into(),
        })
    }

    #[test]
    fn a_pasted_credential_or_the_hubs_json_gives_the_signed_credential() {
        assert_eq!(check("  aaa.bbb.ccc \n"), Ok("aaa.bbb.ccc".into()));
        let json = r#"{"@context":["https://www.w3.org/ns/credentials/v2"],"type":"EnvelopedVerifiableCredential","id":"data:application/vc+jwt,aaa.bbb.ccc"}"#;
        assert_eq!(check(json), Ok("aaa.bbb.ccc".into()));
    }

    #[test]
    fn anything_else_is_refused_with_a_message() {
        for text in [
            "",
            "   ",
            "hello",
            "a.b",
            "a.b.c.d",
            "aaa.b bb.ccc",
            "{not json",
            r#"{"id":"https://example.org/other"}"#,
            r#"{"id":42}"#,
        ] {
            let problems = check(text).unwrap_err();
            assert_eq!(problems[0].0, "credential", "{text}");
        }
        let long = format!("a.b.{}", "c".repeat(MAX_CREDENTIAL_CHARS));
        assert!(check(&long).unwrap_err()[0].1.contains("longer"));
    }

    #[test]
    fn only_well_formed_ids_are_looked_up() {
        assert!(is_credential_id(&"A".repeat(43)));
        assert!(is_credential_id(
            "abcdefghijklmnopqrstuvwxyz-_0123456789ABCDE"
        ));
        assert!(!is_credential_id(&"A".repeat(42)));
        assert!(!is_credential_id(&format!("{}/", "A".repeat(42))));
        assert!(!is_credential_id("check"));
    }
}
