//! The reads behind collections: the section a resource's page shows its
//! reader (rendered here, on the server), a member's collections, one of
//! them, a saved resource's note, and a collection opened by its link.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

use super::types::{Collection, CollectionItem, CollectionSummary, SharedCollection};
#[cfg(feature = "ssr")]
use crate::{
    db::{from_context, internal_error, Db},
    web::{
        access::{require, Access},
        session::{request_viewer, Viewer},
    },
};

/// The "Save this resource" section below the text of the published
/// resource `resource_id` for its reader (None: signed out), as HTML.
#[cfg(feature = "ssr")]
pub(crate) async fn panel_html(
    db: &Db,
    reader: Option<&crate::learning::server::SignedInReader>,
    feedback: crate::forms::FormFeedback,
    slug: &str,
    resource_id: i64,
) -> Result<String, ServerFnError> {
    use super::panel::{render, Saver};
    use super::repo;
    let saver = match reader {
        Some(reader) => Saver::Member {
            collections: repo::collections(db, reader.user_id)
                .await
                .map_err(internal_error)?,
            holding: repo::holding(db, reader.user_id, resource_id)
                .await
                .map_err(internal_error)?,
            csrf_token: reader.csrf_token.clone(),
        },
        None => Saver::SignedOut,
    };
    Ok(render(slug, saver, feedback))
}

/// `/account/collections`: the signed-in member's collections.
#[server(input = GetUrl)]
pub async fn load_collections() -> Result<Vec<CollectionSummary>, ServerFnError> {
    let viewer = require(Access::SignedIn)?;
    let Some(user_id) = viewer.user_id() else {
        return Ok(Vec::new());
    };
    super::repo::collections(&from_context()?, user_id)
        .await
        .map_err(internal_error)
}

/// `/account/collections/{id}`: one of the signed-in member's collections
/// and the full address of its link (None if there is no such collection
/// of theirs: another member's is not found either).
#[server(input = GetUrl)]
pub async fn load_collection(id: i64) -> Result<Option<(Collection, String)>, ServerFnError> {
    let viewer = require(Access::SignedIn)?;
    let site = crate::web::site::Site::from_context();
    let Some(user_id) = viewer.user_id() else {
        return Ok(None);
    };
    let found = super::repo::collection(&from_context()?, user_id, id)
        .await
        .map_err(internal_error)?;
    Ok(found.map(|collection| {
        let path = format!("/collections/{}", collection.summary.token);
        let link = site.map_or_else(|| path.clone(), |site| site.link(&path));
        (collection, link)
    }))
}

/// `/account/collections/{id}?note={resource}`: the collection's name and
/// id, and the saved resource (None if either is not found).
#[server(input = GetUrl)]
pub async fn load_collection_item(
    id: i64,
    resource: i64,
) -> Result<Option<(CollectionSummary, CollectionItem)>, ServerFnError> {
    let viewer = require(Access::SignedIn)?;
    let Some(user_id) = viewer.user_id() else {
        return Ok(None);
    };
    let found = super::repo::collection(&from_context()?, user_id, id)
        .await
        .map_err(internal_error)?;
    Ok(found.and_then(|collection| {
        let item = collection
            .items
            .into_iter()
            .find(|item| item.resource_id == resource)?;
        Some((collection.summary, item))
    }))
}

/// `/collections/{token}`: a shared or public collection, for anyone with
/// its link (None for a private one, or a link that opens nothing).
#[server(input = GetUrl)]
pub async fn load_shared_collection(
    token: String,
) -> Result<Option<SharedCollection>, ServerFnError> {
    let viewer = request_viewer();
    let db = from_context()?;
    let Some((owner_id, owner_name, collection)) = super::repo::shared(&db, &token)
        .await
        .map_err(internal_error)?
    else {
        return Ok(None);
    };
    let reader = viewer.as_ref().and_then(Viewer::user_id);
    Ok(Some(SharedCollection {
        name: collection.summary.name,
        owner_name,
        visibility: collection.summary.visibility,
        items: collection.items,
        own: reader == Some(owner_id),
        signed_in: reader.is_some(),
    }))
}
