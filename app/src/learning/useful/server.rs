//! The reads behind "Was this useful?": the section a resource's page
//! shows its reader (rendered here, on the server) and the curators'
//! report.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

use super::types::{ResourceUsefulnessDetail, UsefulnessReport};
#[cfg(feature = "ssr")]
use crate::{
    db::{from_context, internal_error, Db},
    web::{
        access::{require, Access},
        identity::Role,
    },
};

/// The section below the text of the published resource `slug` (whose id
/// is `resource_id`) for its reader (None: signed out), as HTML.
#[cfg(feature = "ssr")]
pub(crate) async fn panel_html(
    db: &Db,
    signed_in: Option<&crate::learning::server::SignedInReader>,
    feedback: crate::forms::FormFeedback,
    slug: &str,
    resource_id: i64,
) -> Result<String, ServerFnError> {
    use super::panel::{render, Reader};
    use super::repo;
    let reader = match signed_in {
        Some(signed_in) => Reader::Member {
            answer: repo::own_answer(db, signed_in.user_id, resource_id)
                .await
                .map_err(internal_error)?,
            csrf_token: signed_in.csrf_token.clone(),
        },
        None => Reader::SignedOut,
    };
    let tally = repo::tally(db, resource_id).await.map_err(internal_error)?;
    Ok(render(slug, reader, tally, feedback))
}

/// `/curation/usefulness`: every resource's answers, least useful first,
/// and answers across the catalogue by sector.
#[server(input = GetUrl)]
pub async fn load_usefulness_report() -> Result<UsefulnessReport, ServerFnError> {
    require(Access::AtLeast(Role::Curator))?;
    super::repo::report(&from_context()?)
        .await
        .map_err(internal_error)
}

/// `/curation/usefulness/{slug}`: one resource's answers by sector and its
/// comments (None for a resource that is not published).
#[server(input = GetUrl)]
pub async fn load_resource_usefulness(
    slug: String,
) -> Result<Option<ResourceUsefulnessDetail>, ServerFnError> {
    require(Access::AtLeast(Role::Curator))?;
    super::repo::resource_report(&from_context()?, &slug)
        .await
        .map_err(internal_error)
}
