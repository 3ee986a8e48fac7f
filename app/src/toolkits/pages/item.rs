//! The two pages every part of a workspace has (a timeline entry, a
//! finding, a factor, a safety action): one to change it, and one that
//! asks before deleting it and says what will lose its link to it.

use leptos::prelude::*;

use super::render::{no_patient_details, page, version_field, workspace_trail};
use crate::components::Breadcrumbs;
use crate::forms::{FormState, PostForm};
use crate::toolkits::server::RenderedPage;
use crate::toolkits::types::Workspace;

/// One part, as its pages name and post it.
pub struct ItemPage {
    pub workspace: Workspace,
    /// "Entry 3", "Finding 2", "Factor 1", "Action 4".
    pub name: String,
    /// Its address word (`entry`, `finding`, `factor`, `action`).
    pub query: &'static str,
    /// The hidden field naming it in a post (`entry`, or `item`) and its id.
    pub field: &'static str,
    pub id: i64,
    /// The forms' `action` values: to change it, and to delete it.
    pub change: &'static str,
    pub remove: &'static str,
    /// Its list, to go back to, and that link's words.
    pub back: String,
    pub back_label: &'static str,
}

impl ItemPage {
    fn hidden(&self, action: &'static str) -> AnyView {
        view! {
            <input type="hidden" name="action" value=action />
            <input type="hidden" name=self.field value=self.id.to_string() />
            {version_field(self.workspace.version)}
        }
        .into_any()
    }

    /// "entry", "finding", "factor", "action".
    fn noun(&self) -> String {
        self.name
            .split(' ')
            .next()
            .unwrap_or_default()
            .to_lowercase()
    }

    fn address(&self) -> String {
        format!(
            "/workspaces/{}?{}={}",
            self.workspace.id, self.query, self.id
        )
    }
}

/// The page to change a part: what is saved now, then the form filled
/// with it.
pub fn change_page<S: IntoView + 'static, F: IntoView + 'static>(
    item: ItemPage,
    state: &FormState,
    saved: impl FnOnce() -> S,
    fields: impl FnOnce() -> F + Send + 'static,
) -> RenderedPage {
    let heading = format!("Change {}", item.name.to_lowercase());
    let title = format!("{heading}: {}", item.workspace.details.title);
    page(title, state, move || {
        let hidden = item.hidden(item.change);
        let save = format!("Save {}", item.noun());
        view! {
            <Breadcrumbs trail=workspace_trail(&item.workspace) />
            <div class="nhsuk-grid-row">
                <div class="nhsuk-grid-column-two-thirds">
                    <h1 class="nhsuk-heading-l">{heading}</h1>
                    {no_patient_details()}
                    <div class="nhsuk-inset-text">{saved()}</div>
                    <PostForm action=format!("/workspaces/{}", item.workspace.id)>
                        {hidden}
                        {fields()}
                        <button class="nhsuk-button" type="submit" data-module="nhsuk-button">{save}</button>
                    </PostForm>
                    <p><a href=format!("{}&delete=yes", item.address())>{format!("Delete this {}", item.noun())}</a></p>
                    <p><a href=item.back.clone()>{item.back_label}</a></p>
                </div>
            </div>
        }
    })
}

/// The page that asks before deleting a part, with what it is and the
/// sentences saying what will lose its link to it.
pub fn delete_page<S: IntoView + 'static>(
    item: ItemPage,
    state: &FormState,
    saved: impl FnOnce() -> S,
    losing: Vec<String>,
) -> RenderedPage {
    let heading = format!("Delete {}?", item.name.to_lowercase());
    page(heading.clone(), state, move || {
        let button = format!("Delete {}", item.noun());
        let hidden = item.hidden(item.remove);
        view! {
            <Breadcrumbs trail=workspace_trail(&item.workspace) />
            <div class="nhsuk-grid-row">
                <div class="nhsuk-grid-column-two-thirds">
                    <h1 class="nhsuk-heading-l">{heading}</h1>
                    {no_patient_details()}
                    <div class="nhsuk-inset-text">{saved()}</div>
                    {losing.into_iter().map(|losing| view! { <p><strong>{losing}</strong></p> }).collect_view()}
                    <p>"This cannot be undone."</p>
                    <PostForm action=format!("/workspaces/{}", item.workspace.id)>
                        {hidden}
                        <button class="nhsuk-button nhsuk-button--warning" id="confirm" type="submit" name="confirm" value="yes" data-module="nhsuk-button">{button}</button>
                    </PostForm>
                    <p><a href=item.address()>"Keep it and go back"</a></p>
                </div>
            </div>
        }
    })
}

/// The item with id `id` in a workspace's list and its place there (from
/// 0), as each part's pages look it up; None when it is not there.
pub fn find<T: Clone>(items: &[T], id: i64, id_of: impl Fn(&T) -> i64) -> Option<(usize, T)> {
    let index = items.iter().position(|item| id_of(item) == id)?;
    Some((index, items[index].clone()))
}

/// "Entry 3 is …" / "Entries 3, 5 are …": a sentence about the parts
/// (by number) that lose a link, None when there are none. `noun` and
/// `verb` are each (one, many).
pub fn losing_link(
    noun: (&str, &str),
    verb: (&str, &str),
    numbers: &[usize],
    rest: &str,
) -> Option<String> {
    let numbers: Vec<String> = numbers.iter().map(usize::to_string).collect();
    match numbers.len() {
        0 => None,
        1 => Some(format!("{} {} {} {rest}", noun.0, numbers[0], verb.0)),
        _ => Some(format!(
            "{} {} {} {rest}",
            noun.1,
            numbers.join(", "),
            verb.1
        )),
    }
}
