//! What the frame of every page knows about its viewer: who is signed in,
//! a one-off confirmation from their last action, and their network's
//! waiting requests and unread messages. Read once per page load.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use serde::{Deserialize, Serialize};

use crate::network::NetworkCounts;
use crate::web::identity::UserBadge;

/// What the frame of every page shows: who is signed in and a one-off
/// confirmation from the last action ("Your password has been changed").
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ViewerState {
    pub user: Option<UserBadge>,
    pub notice: Option<String>,
    /// For the sign-out button, when signed in.
    pub csrf_token: Option<String>,
    /// Connection requests waiting for an answer and unread messages.
    pub network: NetworkCounts,
}

/// The viewer, loaded once by the shell and read by the header.
pub type ViewerResource = Resource<Result<ViewerState, ServerFnError>>;

/// Who is signed in, and the confirmation left by the last action (shown
/// once, on the page rendered after it).
#[server(input = GetUrl)]
pub async fn current_viewer() -> Result<ViewerState, ServerFnError> {
    use crate::web::access::{require, Access};
    use crate::web::{csrf, session};
    let viewer = require(Access::Public)?;
    // Read before the first `await`: the request's context may be gone
    // after one.
    let db = crate::db::from_context()?;
    // The notice is for the page a form's redirect lands on, and is taken
    // when that page is rendered. A call over HTTP (the client moving
    // between pages, or a prefetch) leaves it alone, so a GET from a script
    // never changes state.
    let notice = if session::is_page_render() {
        viewer
            .session
            .remove::<String>(session::keys::NOTICE)
            .await
            .map_err(crate::db::internal_error)?
    } else {
        None
    };
    let (csrf_token, network) = match &viewer.user {
        Some(user) => (
            Some(
                csrf::ensure_token(&viewer.session)
                    .await
                    .map_err(crate::db::internal_error)?,
            ),
            crate::network::counts(&db, user.id)
                .await
                .map_err(crate::db::internal_error)?,
        ),
        None => (None, Default::default()),
    };
    Ok(ViewerState {
        user: viewer.badge(),
        notice,
        csrf_token,
        network,
    })
}
