//! `/workspaces/{id}?edit=sharing`: the owner's page for sharing an
//! investigation with their team: who it is shared with and as what, a
//! role changed or a share stopped with a button each, and the form to
//! share it with another of the owner's connections.

use leptos::prelude::*;

use super::render::{counted, no_patient_details, page, workspace_trail};
use crate::components::Breadcrumbs;
use crate::forms::{field_messages, FormState, PostForm, RadioGroup, SelectField, SubmitButton};
use crate::toolkits::server::RenderedPage;
use crate::toolkits::sharing::{Candidate, Share, ShareRole, MAX_SHARES};
use crate::toolkits::types::Workspace;

/// The sharing page of the owner's `workspace`, shared with `shares`;
/// `candidates` are the owner's connections it is not shared with yet.
pub fn sharing_page(
    workspace: Workspace,
    shares: Vec<Share>,
    candidates: Vec<Candidate>,
    state: &FormState,
) -> RenderedPage {
    let title = format!("Share: {}", workspace.details.title);
    page(title, state, move || {
        let action = format!("/workspaces/{}", workspace.id);
        let count = shares.len();
        let shared = shares_table(&action, shares);
        let full = count >= MAX_SHARES;
        // Without the form, its place still holds `#member`, where every
        // refusal of the page's buttons is shown.
        let no_form = |said: AnyView| {
            let (error, _, messages) = field_messages("member", None);
            view! {
                <div class="nhsuk-form-group" class:nhsuk-form-group--error=error.is_some() id="member" tabindex="-1">
                    {messages}
                    {said}
                </div>
            }
            .into_any()
        };
        let add = if full {
            no_form(view! { <p>{format!("It is shared with {MAX_SHARES} members, the most it can be: stop sharing it with someone first.")}</p> }.into_any())
        } else if candidates.is_empty() {
            no_form(view! {
                <p>"You can share it with members you are connected with, and you have no connections it is not shared with yet. "
                <a href="/network">"Find colleagues in the network"</a>" and ask to connect."</p>
            }
            .into_any())
        } else {
            let options: Vec<(String, String)> = candidates
                .into_iter()
                .map(|candidate| (candidate.handle, candidate.name))
                .collect();
            let roles: Vec<(String, String)> = ShareRole::ALL
                .iter()
                .map(|role| {
                    (
                        role.slug().to_string(),
                        format!("{}: {}", role.label(), role.allows()),
                    )
                })
                .collect();
            view! {
                <PostForm action=action.clone()>
                    <input type="hidden" name="action" value="share" />
                    <SelectField name="member" label="Who" options blank="Choose one of your connections" />
                    <RadioGroup name="role" legend="What they can do" options=roles />
                    <SubmitButton label="Share" />
                </PostForm>
            }
            .into_any()
        };
        view! {
            <Breadcrumbs trail=workspace_trail(&workspace) />
            <div class="nhsuk-grid-row">
                <div class="nhsuk-grid-column-two-thirds">
                    <span class="nhsuk-caption-l">{workspace.details.title.clone()}</span>
                    <h1 class="nhsuk-heading-l">"Share with your team"</h1>
                    {no_patient_details()}
                    <p>"Share this investigation with the members you are connected with who work on it with you. Editors can change everything in it but cannot delete it or share it; readers can read it, print it and download it. Nobody else can open it, administrators included. Ending a connection, or blocking the member, stops sharing it with them."</p>
                    <h2 class="nhsuk-heading-m" id="shared">{counted_shares(count)}</h2>
                    {shared}
                    <h2 class="nhsuk-heading-m">"Share it with someone"</h2>
                    {add}
                    <p><a href=format!("/workspaces/{}", workspace.id)>"Back to the investigation"</a></p>
                </div>
            </div>
        }
    })
}

fn counted_shares(count: usize) -> String {
    match count {
        0 => "Not shared with anyone yet".to_string(),
        n => format!("Shared with {}", counted(n, "member", "members")),
    }
}

/// The members it is shared with, each with the buttons that change their
/// role or stop sharing it with them.
fn shares_table(action: &str, shares: Vec<Share>) -> impl IntoView {
    if shares.is_empty() {
        return ().into_any();
    }
    let rows = shares
        .into_iter()
        .map(|share| {
            let other = match share.role {
                ShareRole::Editor => ShareRole::Reader,
                ShareRole::Reader => ShareRole::Editor,
            };
            let make = format!("Make {}", other.label().to_lowercase());
            let hidden_name = format!(" ({})", share.name);
            let hidden_again = hidden_name.clone();
            let profile = format!("/network/members/{}", share.handle);
            let handle = share.handle.clone();
            let handle_again = share.handle;
            let (name, role) = (share.name, share.role);
            view! {
                <tr class="nhsuk-table__row">
                    <td class="nhsuk-table__cell"><a href=profile>{name}</a></td>
                    <td class="nhsuk-table__cell">{role.label()}</td>
                    <td class="nhsuk-table__cell">{share.since}</td>
                    <td class="nhsuk-table__cell">
                        <div class="hub-button-row">
                            <PostForm action=action.to_string()>
                                <input type="hidden" name="action" value="share" />
                                <input type="hidden" name="member" value=handle />
                                <input type="hidden" name="role" value=other.slug() />
                                <button class="nhsuk-button nhsuk-button--secondary" type="submit" data-module="nhsuk-button">{make}<span class="nhsuk-u-visually-hidden">{hidden_name}</span></button>
                            </PostForm>
                            <PostForm action=action.to_string()>
                                <input type="hidden" name="action" value="unshare" />
                                <input type="hidden" name="member" value=handle_again />
                                <button class="nhsuk-button nhsuk-button--warning" type="submit" data-module="nhsuk-button">"Stop sharing"<span class="nhsuk-u-visually-hidden">{hidden_again}</span></button>
                            </PostForm>
                        </div>
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="nhsuk-table">
            <caption class="nhsuk-table__caption nhsuk-u-visually-hidden">"Members it is shared with"</caption>
            <thead class="nhsuk-table__head">
                <tr class="nhsuk-table__row">
                    <th class="nhsuk-table__header" scope="col">"Member"</th>
                    <th class="nhsuk-table__header" scope="col">"Role"</th>
                    <th class="nhsuk-table__header" scope="col">"Shared"</th>
                    <th class="nhsuk-table__header" scope="col"><span class="nhsuk-u-visually-hidden">"Change"</span></th>
                </tr>
            </thead>
            <tbody class="nhsuk-table__body">{rows}</tbody>
        </table>
    }
    .into_any()
}

/// `/workspaces/{id}?edit=leave`: asks a member it is shared with before
/// they leave it (only its owner can share it with them again).
pub fn leave_page(workspace: Workspace, owner: String, state: &FormState) -> RenderedPage {
    let title = format!("Leave {}?", workspace.details.title);
    page(title, state, move || {
        let address = format!("/workspaces/{}", workspace.id);
        view! {
            <Breadcrumbs trail=workspace_trail(&workspace) />
            <div class="nhsuk-grid-row">
                <div class="nhsuk-grid-column-two-thirds">
                    <h1 class="nhsuk-heading-l">{format!("Leave “{}”?", workspace.details.title)}</h1>
                    <p>{format!("It will no longer be shared with you, and only {owner} can share it with you again. Anything you added to it stays in it. Copy it into your own investigations first if you want to keep it.")}</p>
                    <PostForm action=address.clone()>
                        <input type="hidden" name="action" value="leave" />
                        <button class="nhsuk-button nhsuk-button--warning" id="confirm" type="submit" name="confirm" value="yes" data-module="nhsuk-button">"Leave investigation"</button>
                    </PostForm>
                    <p><a href=address>"Keep it and go back"</a></p>
                </div>
            </div>
        }
    })
}
