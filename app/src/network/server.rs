//! Server functions behind the network pages. All are reads (GET); each
//! states its access first, and every profile passes through the
//! visibility rules in `repo` before it leaves the server.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

use super::types::{
    ConnectionsOverview, ConversationPage, ConversationSummary, DirectoryPage, ProfileFormData,
    ProfilePage,
};
#[cfg(feature = "ssr")]
use super::{
    connections, messages,
    repo::{self, Looker},
    types::{DirectoryParams, MemberLink, Relation, Tier, Visibility},
};
#[cfg(feature = "ssr")]
use crate::db::{from_context, internal_error, Db};
use crate::resources::search::ParamError;
#[cfg(feature = "ssr")]
use crate::web::{
    access::{require, Access},
    session::Viewer,
};

/// `/network`: the directory, parsed from the page's query string.
#[server(input = GetUrl)]
pub async fn network_directory(
    query: String,
) -> Result<Result<DirectoryPage, ParamError>, ServerFnError> {
    let viewer = require(Access::Public)?;
    let status = crate::response::Status::from_context();
    let params = match DirectoryParams::parse_query_string(&query) {
        Ok(params) => params,
        Err(problem) => {
            crate::response::set_status(400);
            return Ok(Err(problem));
        }
    };
    let db = from_context()?;
    let (rows, total) = repo::directory(&db, Looker::of(&viewer), &params)
        .await
        .map_err(internal_error)?;
    let needs_profile = match viewer.user_id() {
        Some(id) => repo::handle_of(&db, id)
            .await
            .map_err(internal_error)?
            .is_none(),
        None => false,
    };
    let page = repo::directory_page(params, &rows, total, viewer.user.is_some(), needs_profile);
    if page.params.page > page.pages {
        status.set(400);
        let message = match page.pages {
            1 => "There is only 1 page of members".to_string(),
            n => format!("There are only {n} pages of members"),
        };
        return Ok(Err(ParamError::new("page", message)));
    }
    Ok(Ok(page))
}

/// `/network/members/{handle}`: `None` when there is no such member or the
/// viewer may not see them.
#[server(input = GetUrl)]
pub async fn member_profile(handle: String) -> Result<Option<ProfilePage>, ServerFnError> {
    let viewer = require(Access::Public)?;
    let db = from_context()?;
    let Some(row) = repo::visible_profile(&db, Looker::of(&viewer), &handle)
        .await
        .map_err(internal_error)?
    else {
        return Ok(None);
    };
    let relation = relation(&db, &viewer, row.user_id)
        .await
        .map_err(internal_error)?;
    let collections = crate::learning::collections::repo::public_collections(&db, row.user_id)
        .await
        .map_err(internal_error)?;
    Ok(Some(ProfilePage {
        card: row.card(),
        bio_html: row.bio_html(),
        relation,
        signed_in: viewer.user.is_some(),
        collections,
    }))
}

#[cfg(feature = "ssr")]
async fn relation(db: &Db, viewer: &Viewer, owner: i64) -> sqlx::Result<Relation> {
    let Some(me) = viewer.user_id() else {
        return Ok(Relation::Anonymous);
    };
    if me == owner {
        return Ok(Relation::Own);
    }
    Ok(match connections::between(db, me, owner).await? {
        Some(row) if row.accepted() => Relation::Connected {
            kind: row.kind(),
            viewer_is_mentor: (row.kind() == super::types::RequestKind::Mentoring)
                .then_some(row.recipient_id == me),
        },
        Some(row) if row.requester_id == me => Relation::RequestSent {
            id: row.id,
            kind: row.kind(),
        },
        Some(row) => Relation::RequestReceived {
            id: row.id,
            kind: row.kind(),
            note: row.note.clone(),
        },
        None => Relation::Stranger {
            can_request: repo::handle_of(db, me).await?.is_some(),
        },
    })
}

/// What the profile form starts with: the stored profile, or the account's
/// name and private-by-default choices for a new one.
#[server(input = GetUrl)]
pub async fn profile_form() -> Result<ProfileFormData, ServerFnError> {
    let viewer = require(Access::SignedIn)?;
    let user = viewer.user.clone().expect("signed in");
    let db = from_context()?;
    match repo::own_profile(&db, user.id)
        .await
        .map_err(internal_error)?
    {
        Some(row) => Ok(ProfileFormData {
            exists: true,
            handle: Some(row.handle.clone()),
            values: row.form_values(),
        }),
        None => Ok(ProfileFormData {
            exists: false,
            handle: None,
            values: vec![
                ("display_name".into(), user.display_name.clone()),
                ("visibility".into(), Visibility::Members.slug().into()),
            ],
        }),
    }
}

/// `/network/connections`: connections, open requests and blocks.
#[server(input = GetUrl)]
pub async fn get_connections() -> Result<ConnectionsOverview, ServerFnError> {
    let viewer = require(Access::SignedIn)?;
    let me = viewer.user_id().expect("signed in");
    let db = from_context()?;
    let load = async {
        Ok::<_, sqlx::Error>(ConnectionsOverview {
            connections: connections::connections_of(&db, me).await?,
            received: connections::requests_of(&db, me, true).await?,
            sent: connections::requests_of(&db, me, false).await?,
            blocked: connections::blocked_by(&db, me).await?,
            has_profile: repo::handle_of(&db, me).await?.is_some(),
        })
    };
    load.await.map_err(internal_error)
}

/// `/network/messages`.
#[server(input = GetUrl)]
pub async fn conversation_list() -> Result<Vec<ConversationSummary>, ServerFnError> {
    let viewer = require(Access::SignedIn)?;
    let db = from_context()?;
    messages::conversations_of(&db, viewer.user_id().expect("signed in"))
        .await
        .map_err(internal_error)
}

/// `/network/messages/{handle}`: `None` when the viewer may not see that
/// member. Opening it marks the messages read.
#[server(input = GetUrl)]
pub async fn conversation_with(handle: String) -> Result<Option<ConversationPage>, ServerFnError> {
    let viewer = require(Access::SignedIn)?;
    let me = viewer.user.clone().expect("signed in");
    let db = from_context()?;
    let load = async {
        let Some(row) = repo::visible_profile(&db, Looker::of(&viewer), &handle).await? else {
            return Ok(None);
        };
        if row.user_id == me.id {
            return Ok(None);
        }
        let connected = row.tier() == Tier::Close
            && connections::between(&db, me.id, row.user_id)
                .await?
                .is_some_and(|connection| connection.accepted());
        let messages =
            messages::conversation(&db, me.id, row.user_id, &row.display_name, &me.display_name)
                .await?;
        Ok::<_, sqlx::Error>(Some(ConversationPage {
            other: MemberLink {
                handle: row.handle.clone(),
                display_name: row.display_name.clone(),
            },
            messages,
            can_send: connected,
        }))
    };
    load.await.map_err(internal_error)
}
