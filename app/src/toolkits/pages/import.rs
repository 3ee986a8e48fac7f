//! `/workspaces/import`: a workspace file exported from the hub (this one
//! or another) read back in as a new investigation. The form sends the
//! file as `multipart/form-data`, so it is written here rather than with
//! `PostForm`; a refusal comes back beside the file field, and the file
//! must be chosen again (browsers never fill a file field for a page).

use leptos::prelude::*;

use super::render::{example_trail, no_patient_details, page};
use crate::components::Breadcrumbs;
use crate::forms::{field_messages, FormState};
use crate::toolkits::exchange::MAX_IMPORT_BYTES;
use crate::toolkits::server::RenderedPage;

const FILE_HINT: &str = "A .json file of a whole investigation, as “Download the whole investigation as a JSON file” on an investigation's report page makes it.";

pub fn import_page(state: &FormState) -> RenderedPage {
    let token = state.csrf_token.clone();
    page("Import an investigation".into(), state, move || {
        let (error, described_by, messages) = field_messages("file", Some(FILE_HINT));
        let again = error
            .is_some()
            .then(|| view! { <p>"Nothing was imported. Choose the file again once it is put right, or choose another."</p> });
        view! {
            <Breadcrumbs trail=example_trail() />
            <div class="nhsuk-grid-row">
                <div class="nhsuk-grid-column-two-thirds">
                    <h1 class="nhsuk-heading-l">"Import an investigation"</h1>
                    {no_patient_details()}
                    <p>{format!(
                        "Bring back an investigation you downloaded from the hub, from this hub or another: it becomes a new investigation of yours, with its timeline, findings, factors and actions, and their links. The file is checked by the same rules as the forms and is taken whole or not at all. Up to {} MB.",
                        MAX_IMPORT_BYTES / 1_000_000
                    )}</p>
                    {again}
                    <form method="post" action="/workspaces/import" enctype="multipart/form-data" novalidate>
                        <input type="hidden" name="csrf_token" value=token.clone() />
                        <div class="nhsuk-form-group" class:nhsuk-form-group--error=error.is_some()>
                            <label class="nhsuk-label" for="file">"Workspace file"</label>
                            {messages}
                            <input class="nhsuk-file-upload" id="file" name="file" type="file" accept=".json,application/json" aria-describedby=described_by />
                        </div>
                        <button class="nhsuk-button" type="submit" data-module="nhsuk-button">"Import"</button>
                    </form>
                    <p><a href="/workspaces">"Back to your investigations"</a></p>
                </div>
            </div>
        }
    })
}
