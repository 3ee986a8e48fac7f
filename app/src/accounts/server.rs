//! Server functions behind the account pages. All are reads (GET), so they
//! need no CSRF token; every one states its access first.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

use super::types::{AccountOverview, AdminUserView, AuditPage, MfaSetup, UserList};
#[cfg(feature = "ssr")]
use super::{audit, mfa, repo, types::Role};
#[cfg(feature = "ssr")]
use crate::db::{from_context, internal_error};
#[cfg(feature = "ssr")]
use crate::web::{
    access::{require, require_allowing_mfa_setup, Access},
    session::{self, keys},
};

#[server(input = GetUrl)]
pub async fn get_account_overview() -> Result<AccountOverview, ServerFnError> {
    let viewer = require(Access::SignedIn)?;
    let user = viewer.user.expect("signed in");
    let db = from_context()?;
    let recovery_codes_left = repo::recovery_codes_left(&db, user.id)
        .await
        .map_err(internal_error)?;
    Ok(AccountOverview {
        email: user.email.clone(),
        display_name: user.display_name.clone(),
        role: user.role,
        mfa_enabled: user.mfa_enabled(),
        recovery_codes_left,
        created_at: user.created_at,
    })
}

/// The authenticator-app details to set up, kept in the session until a
/// first code confirms them.
#[server(input = GetUrl)]
pub async fn get_mfa_setup() -> Result<MfaSetup, ServerFnError> {
    let viewer = require_allowing_mfa_setup(Access::SignedIn)?;
    let user = viewer.user.expect("signed in");
    if user.mfa_enabled() {
        let db = from_context()?;
        let recovery_codes_left = repo::recovery_codes_left(&db, user.id)
            .await
            .map_err(internal_error)?;
        return Ok(MfaSetup::Enabled {
            recovery_codes_left,
            required: user.role.requires_mfa(),
        });
    }
    let secret = match viewer
        .session
        .get::<String>(keys::MFA_SETUP_SECRET)
        .await
        .map_err(internal_error)?
    {
        Some(secret) => secret,
        None => {
            let secret = mfa::new_secret();
            viewer
                .session
                .insert(keys::MFA_SETUP_SECRET, &secret)
                .await
                .map_err(internal_error)?;
            secret
        }
    };
    let (otpauth_url, qr_svg) = mfa::enrolment(&secret, &user.email)
        .ok_or_else(|| internal_error("could not make the enrolment QR code"))?;
    Ok(MfaSetup::Pending {
        secret,
        qr_svg,
        otpauth_url,
    })
}

/// Recovery codes just made. They stay in the session, so reloading (or
/// prefetching) the page changes nothing, until the member says they have
/// saved them (`POST /account/recovery-codes`) or the session ends; they
/// are never shown again after that.
#[server(input = GetUrl)]
pub async fn new_recovery_codes() -> Result<Vec<String>, ServerFnError> {
    let viewer = require_allowing_mfa_setup(Access::SignedIn)?;
    viewer
        .session
        .get::<Vec<String>>(keys::NEW_RECOVERY_CODES)
        .await
        .map(Option::unwrap_or_default)
        .map_err(internal_error)
}

/// Whether an emailed link can still be used, so its page can say so
/// before the form is filled in. `purpose`: verify, reset or change_email.
#[server(input = GetUrl)]
pub async fn link_is_live(token: String, purpose: String) -> Result<bool, ServerFnError> {
    require(Access::Public)?;
    let purpose = match purpose.as_str() {
        "verify" => repo::LinkPurpose::Verify,
        "reset" => repo::LinkPurpose::Reset,
        "change_email" => repo::LinkPurpose::ChangeEmail,
        _ => return Ok(false),
    };
    let db = from_context()?;
    repo::link_token_is_live(&db, &token, purpose)
        .await
        .map_err(internal_error)
}

#[server(input = GetUrl)]
pub async fn admin_users(query: String, page: u32) -> Result<UserList, ServerFnError> {
    require(Access::AtLeast(Role::Admin))?;
    let db = from_context()?;
    let query: String = query.trim().chars().take(100).collect();
    let page = page.max(1);
    let (users, total) = repo::list_users(&db, &query, page)
        .await
        .map_err(internal_error)?;
    Ok(UserList {
        users,
        total,
        page,
        query,
    })
}

#[server(input = GetUrl)]
pub async fn admin_user(id: i64) -> Result<Option<AdminUserView>, ServerFnError> {
    let viewer = require(Access::AtLeast(Role::Admin))?;
    let db = from_context()?;
    let Some(user) = repo::by_id(&db, id).await.map_err(internal_error)? else {
        return Ok(None);
    };
    let active_sessions = session::count_sessions(&db, id)
        .await
        .map_err(internal_error)?;
    let recent = audit::for_subject(&db, id, 20)
        .await
        .map_err(internal_error)?;
    Ok(Some(AdminUserView {
        user: super::types::UserRow::from(&user),
        active_sessions,
        is_self: viewer.user_id() == Some(id),
        recent,
    }))
}

#[server(input = GetUrl)]
pub async fn audit_log(page: u32) -> Result<AuditPage, ServerFnError> {
    require(Access::AtLeast(Role::Admin))?;
    let db = from_context()?;
    audit::page(&db, page.max(1)).await.map_err(internal_error)
}
