//! Account values shared by server and browser. Each parses from raw form
//! input once; code past the parser works with values known to be valid.

use serde::{Deserialize, Serialize};

pub use crate::dates::format_time;
pub use crate::web::identity::{AccountStatus, Role, UserBadge};

pub const MAX_EMAIL_CHARS: usize = 254;
pub const MAX_DISPLAY_NAME_CHARS: usize = 80;
pub const MIN_PASSWORD_CHARS: usize = 8;
pub const MAX_PASSWORD_CHARS: usize = 128;
pub const RECOMMENDED_PASSWORD_CHARS: usize = 15;

/// An email address as the hub stores it: trimmed, lower case, one `@`,
/// a dotted domain, no display name.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct EmailAddress(String);

impl EmailAddress {
    pub fn parse(raw: &str) -> Result<Self, String> {
        let trimmed = raw.trim();
        if trimmed.is_empty() {
            return Err("Enter your email address".into());
        }
        if trimmed.chars().count() > MAX_EMAIL_CHARS {
            return Err(format!(
                "Email address must be {MAX_EMAIL_CHARS} characters or fewer"
            ));
        }
        let options = email_address::Options::default()
            .without_display_text()
            .without_domain_literal()
            .with_required_tld();
        match email_address::EmailAddress::parse_with_options(trimmed, options) {
            Ok(_) => Ok(EmailAddress(trimmed.to_lowercase())),
            Err(_) => {
                Err("Enter an email address in the correct format, like name@example.nhs.uk".into())
            }
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for EmailAddress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// The name shown to other members: 1–80 characters, no control characters.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DisplayName(String);

impl DisplayName {
    pub fn parse(raw: &str) -> Result<Self, String> {
        let name = raw.split_whitespace().collect::<Vec<_>>().join(" ");
        if name.is_empty() {
            return Err("Enter your name".into());
        }
        if name.chars().count() > MAX_DISPLAY_NAME_CHARS {
            return Err(format!(
                "Name must be {MAX_DISPLAY_NAME_CHARS} characters or fewer"
            ));
        }
        if name.chars().any(char::is_control) {
            return Err("Name must not contain control characters".into());
        }
        Ok(DisplayName(name))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AccountOverview {
    pub email: String,
    pub display_name: String,
    pub role: Role,
    pub mfa_enabled: bool,
    pub recovery_codes_left: i64,
    pub created_at: i64,
}

/// Either the details to set up an authenticator app, or that it is done.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum MfaSetup {
    Enabled {
        recovery_codes_left: i64,
        required: bool,
    },
    Pending {
        secret: String,
        qr_svg: String,
        otpauth_url: String,
    },
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UserRow {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub role: Role,
    pub status: AccountStatus,
    pub verified: bool,
    pub mfa_enabled: bool,
    pub created_at: i64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UserList {
    pub users: Vec<UserRow>,
    pub total: i64,
    pub page: u32,
    pub query: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AdminUserView {
    pub user: UserRow,
    pub active_sessions: i64,
    pub is_self: bool,
    pub recent: Vec<AuditEntry>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub at: i64,
    pub actor: Option<String>,
    pub subject: Option<String>,
    pub action: String,
    pub detail: String,
    pub ip: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AuditPage {
    pub entries: Vec<AuditEntry>,
    pub page: u32,
    pub has_more: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_trimmed_lowercased_and_checked() {
        assert_eq!(
            EmailAddress::parse("  Sam.Jones@Example.NHS.uk ")
                .unwrap()
                .as_str(),
            "sam.jones@example.nhs.uk"
        );
        for bad in [
            "",
            "sam",
            "sam@",
            "@example.org",
            "sam@localhost",
            "Sam <sam@example.org>",
            "sam@[127.0.0.1]",
        ] {
            assert!(EmailAddress::parse(bad).is_err(), "{bad} should be refused");
        }
        let long = format!("{}@example.org", "a".repeat(250));
        assert!(EmailAddress::parse(&long).unwrap_err().contains("254"));
    }

    #[test]
    fn names_collapse_spaces_and_have_limits() {
        assert_eq!(
            DisplayName::parse("  Asha   Patel ").unwrap().as_str(),
            "Asha Patel"
        );
        assert!(DisplayName::parse("   ").is_err());
        assert!(DisplayName::parse(&"x".repeat(81)).is_err());
    }

    #[test]
    fn roles_are_ordered_and_parse_strictly() {
        assert!(Role::Admin > Role::Curator && Role::Curator > Role::Contributor);
        assert_eq!(Role::parse("curator"), Ok(Role::Curator));
        assert!(Role::parse("superuser").is_err());
        assert!(Role::Curator.requires_mfa() && !Role::Contributor.requires_mfa());
    }
}
