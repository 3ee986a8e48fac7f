//! The workspace pages' one read: the page for an address, with its HTML
//! made on the server (see `pages`).

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use serde::{Deserialize, Serialize};

/// A page's title and HTML.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RenderedPage {
    pub title: String,
    pub html: String,
}

/// The workspace page for the route's `id` (absent on the list) and the
/// address's query: the list and the example for anyone (the list asks
/// the signed out to sign in); a workspace's pages for its owner and the
/// members it is shared with, as their standing allows (sharing it for
/// its owner only). None: no such page, or a workspace (or entry) the
/// member cannot open (anyone else's is not found either).
#[server(input = GetUrl)]
pub async fn workspace_page(
    id: Option<String>,
    query: String,
) -> Result<Option<RenderedPage>, ServerFnError> {
    use super::pages::{area_page, render, AreaPage};
    use super::sharing::{candidates, Candidate};
    use crate::db::{from_context, internal_error};
    use crate::forms::{FormFeedback, FormState};
    use crate::web::access::{require, Access};
    use crate::web::session::request_viewer;

    // Read before the first `await`: the request's context may be gone
    // after one.
    let feedback = use_context::<FormFeedback>().unwrap_or_default();
    let viewer = request_viewer();
    let page_render = crate::web::session::is_page_render();
    let pairs: Vec<(String, String)> = form_urlencoded::parse(query.as_bytes())
        .into_owned()
        .collect();
    let area = area_page(id.as_deref(), |name| {
        pairs
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.clone())
    });
    let member = viewer.as_ref().and_then(|viewer| viewer.user_id());
    let csrf_token = match (&viewer, member) {
        (Some(viewer), Some(_)) => crate::web::csrf::ensure_token(&viewer.session)
            .await
            .map_err(internal_error)?,
        _ => String::new(),
    };
    let mut state = FormState {
        csrf_token,
        feedback,
    };
    let db = from_context()?;
    Ok(match area {
        AreaPage::Unknown => None,
        AreaPage::List => {
            let workspaces = match member {
                Some(member) => Some((
                    super::repo::workspaces(&db, member)
                        .await
                        .map_err(internal_error)?,
                    super::repo::sharing::shared_with(&db, member)
                        .await
                        .map_err(internal_error)?,
                )),
                None => None,
            };
            Some(render::list_page(workspaces, &state))
        }
        AreaPage::Local => {
            let news = match member {
                Some(member) => {
                    let session = viewer
                        .as_ref()
                        .filter(|_| page_render)
                        .map(|viewer| &viewer.session);
                    render::account_news(&db, member, &mut state.feedback, session).await?
                }
                None => render::AccountNews::None,
            };
            Some(render::local_page(member.is_some(), &state, news))
        }
        AreaPage::Import => {
            require(Access::SignedIn)?;
            Some(render::import_page(&state))
        }
        AreaPage::Example(tool) => {
            let example = super::example::example().map_err(internal_error)?;
            let viewing = render::Viewing::Example {
                signed_in: member.is_some(),
            };
            Some(render::tool_page(example, tool, viewing, &state))
        }
        AreaPage::Workspace(id, _)
        | AreaPage::Details(id)
        | AreaPage::Delete(id)
        | AreaPage::Sharing(id)
        | AreaPage::Leave(id)
        | AreaPage::Item { id, .. } => {
            require(Access::SignedIn)?;
            let Some(member) = member else {
                return Ok(None);
            };
            let Some(opened) = super::repo::open(&db, member, id)
                .await
                .map_err(internal_error)?
            else {
                return Ok(None);
            };
            if let AreaPage::Sharing(_) = area {
                if !opened.standing.owns() {
                    return Ok(None);
                }
                let shares = super::repo::sharing::shares(&db, id)
                    .await
                    .map_err(internal_error)?;
                let connections = crate::network::connections::connections_of(&db, member)
                    .await
                    .map_err(internal_error)?
                    .into_iter()
                    .map(|connection| Candidate {
                        handle: connection.other.handle,
                        name: connection.other.display_name,
                    })
                    .collect();
                let candidates = candidates(connections, &shares);
                return Ok(Some(render::sharing_page(
                    opened.workspace,
                    shares,
                    candidates,
                    &state,
                )));
            }
            let viewing = render::Viewing::Member {
                standing: opened.standing,
                owner: opened.owner,
            };
            render::workspace_area_page(&area, opened.workspace, viewing, &state)
        }
    })
}
