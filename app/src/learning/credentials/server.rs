//! The read behind a certificate's page.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

use super::types::CredentialView;
#[cfg(feature = "ssr")]
use super::types::{Holder, Revocation};
#[cfg(feature = "ssr")]
use crate::{
    db::{from_context, internal_error},
    web::{
        access::{require, Access},
        identity::Role,
    },
};

/// `/credentials/{id}`: certificate `id` as the viewer may see it (None if
/// there is none). Anyone with the link sees whether it stands; its holder
/// also gets their downloads and an admin the form to revoke it.
#[server(input = GetUrl)]
pub async fn load_credential(id: String) -> Result<Option<CredentialView>, ServerFnError> {
    let viewer = require(Access::Public)?;
    let site = crate::web::site::Site::from_context();
    if !super::types::is_credential_id(&id) {
        return Ok(None);
    }
    let Some(record) = super::repo::credential(&from_context()?, &id)
        .await
        .map_err(internal_error)?
    else {
        return Ok(None);
    };
    let yours = record.user_id.is_some() && record.user_id == viewer.user_id();
    let is_admin = viewer
        .user
        .as_ref()
        .is_some_and(|user| user.role == Role::Admin);
    // A revoked certificate names its holder to them and to admins only:
    // its page must not read as a public accusation.
    let shows_name = yours || is_admin || (record.show_name && record.revoked_at.is_none());
    let holder = match (&record.holder_name, shows_name) {
        (None, _) => Holder::DeletedAccount,
        (Some(name), true) => Holder::Named(name.clone()),
        (Some(_), false) => Holder::NameHidden,
    };
    let pdf_prints_name = !yours
        || record
            .holder_name
            .as_deref()
            .is_some_and(super::pdf::prints);
    let path = format!("/credentials/{}", record.id);
    let revoked = record.revoked_at.map(|at| Revocation {
        on: super::repo::day_of(at),
        reason: record.revoked_reason.clone().unwrap_or_default(),
    });
    Ok(Some(CredentialView {
        address: site.map_or_else(|| path.clone(), |site| site.link(&path)),
        hours: crate::learning::cpd::format_hours(u32::try_from(record.minutes).unwrap_or(0)),
        issued_on: super::repo::day_of(record.issued_at),
        can_revoke: is_admin && revoked.is_none(),
        id: record.id,
        module_title: record.module_title,
        module_slug: record.module_slug,
        holder,
        revoked,
        yours,
        show_name: record.show_name,
        pdf_prints_name,
    }))
}
