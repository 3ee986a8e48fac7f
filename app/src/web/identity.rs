//! Who is signed in, as every layer above this one sees it: roles (which
//! the access rule orders), the account's status, the badge the header
//! shows and, on the server, the account the session belongs to. The
//! accounts area owns how accounts are made and stored; this is only
//! their shape.

use serde::{Deserialize, Serialize};

/// What someone may do on the hub. Ordered: each role can do everything the
/// roles before it can.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Member,
    Contributor,
    Curator,
    Admin,
}

impl Role {
    pub const ALL: [Role; 4] = [Role::Member, Role::Contributor, Role::Curator, Role::Admin];

    pub fn slug(self) -> &'static str {
        match self {
            Role::Member => "member",
            Role::Contributor => "contributor",
            Role::Curator => "curator",
            Role::Admin => "admin",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Role::Member => "Member",
            Role::Contributor => "Contributor",
            Role::Curator => "Curator",
            Role::Admin => "Admin",
        }
    }

    pub fn parse(slug: &str) -> Result<Self, String> {
        Self::ALL
            .into_iter()
            .find(|role| role.slug() == slug)
            .ok_or_else(|| "Choose a role from the list".to_string())
    }

    /// Curators and admins change what everyone sees, so a stolen password
    /// alone must not be enough to act as them.
    pub fn requires_mfa(self) -> bool {
        self >= Role::Curator
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AccountStatus {
    Active,
    Suspended,
}

impl AccountStatus {
    pub fn slug(self) -> &'static str {
        match self {
            AccountStatus::Active => "active",
            AccountStatus::Suspended => "suspended",
        }
    }

    pub fn parse(slug: &str) -> Result<Self, String> {
        match slug {
            "active" => Ok(AccountStatus::Active),
            "suspended" => Ok(AccountStatus::Suspended),
            _ => Err(format!("'{slug}' is not an account status")),
        }
    }
}

/// Who is looking at a page, as the header and pages need to know it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UserBadge {
    pub id: i64,
    pub display_name: String,
    pub role: Role,
    /// A curator or admin who has not set up two-step verification yet.
    pub must_set_up_mfa: bool,
}

#[cfg(feature = "ssr")]
pub use server::User;

#[cfg(feature = "ssr")]
mod server {
    use super::{AccountStatus, Role};

    /// An account as stored, for the server's own decisions.
    #[derive(Clone, Debug)]
    pub struct User {
        pub id: i64,
        pub email: String,
        pub verified: bool,
        pub display_name: String,
        pub password_hash: String,
        pub role: Role,
        pub status: AccountStatus,
        pub totp_secret: Option<String>,
        pub created_at: i64,
    }

    impl User {
        pub fn mfa_enabled(&self) -> bool {
            self.totp_secret.is_some()
        }
    }
}
