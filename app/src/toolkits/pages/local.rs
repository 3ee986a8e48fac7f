//! `/workspaces/local`: a timeline anyone can keep in their browser, no
//! account needed. The server makes the page (every word of it, as for
//! the other tool pages); the browser's code (`toolkits::browser`) reads
//! the investigation from the browser's storage, fills the table from
//! the shared rules, and keeps every change at once. Its buttons stay
//! disabled until that code runs: without JavaScript the page says what
//! works instead (the signed-in member's investigations, by plain forms).

use leptos::prelude::*;

use super::entry::{entry_fields, SAME_AS_HINT, SAME_AS_LABEL};
use super::render::{details_fields, example_trail, no_patient_details, page};
use crate::components::Breadcrumbs;
use crate::forms::{FormState, SelectField};
use crate::toolkits::local::LocalInvestigation;
use crate::toolkits::server::RenderedPage;

/// The page; `signed_in` decides how it can be kept beyond this browser.
pub fn local_page(signed_in: bool, state: &FormState) -> RenderedPage {
    let token = state.csrf_token.clone();
    page("A timeline in this browser".into(), state, move || {
        let details = LocalInvestigation::default().workspace().details.clone();
        let without_script = if signed_in {
            view! { <p>"This tool runs in your browser and needs JavaScript, which is off or has not loaded. "<a href="/workspaces">"Your investigations"</a>" work without it, with plain forms."</p> }.into_any()
        } else {
            view! { <p>"This tool runs in your browser and needs JavaScript, which is off or has not loaded. "<a href="/sign-in?next=%2Fworkspaces">"Sign in"</a>" to keep investigations in your account, where plain forms work without it, or "<a href="/workspaces/example">"read the fictional example"</a>"."</p> }.into_any()
        };
        let keep = if signed_in {
            view! {
                <form id="local-save" method="post" action="/workspaces/import" enctype="multipart/form-data">
                    <input type="hidden" name="csrf_token" value=token.clone() />
                    <input type="hidden" name="file" id="local-save-file" />
                    <p>"Saving makes a new investigation in your account from this one, with everything in it; this browser keeps its own copy until you delete it."</p>
                    <button class="nhsuk-button" type="submit" disabled data-local-ready>"Save a copy to your account"</button>
                </form>
            }.into_any()
        } else {
            view! { <p><a href="/sign-in?next=%2Fworkspaces%2Flocal">"Sign in"</a>" to save a copy to your account, from where you can share it with your team."</p> }.into_any()
        };
        view! {
            <Breadcrumbs trail=example_trail() />
            <div class="nhsuk-grid-row">
                <div class="nhsuk-grid-column-full">
                    <h1 class="nhsuk-heading-l" id="local-title">"A timeline in this browser"</h1>
                    {no_patient_details()}
                    <p>"Anyone can use this timeline, without an account. It is kept in this browser only, on this computer, and is never sent to the hub unless you save it to your account. It keeps working with no network once the page has opened. Anyone who uses this browser can open it, signed in or not: on a shared computer, delete it when you have finished. Clearing the browser's data deletes it too. Download it, or save it to your account, to keep it safe or to work on it elsewhere."</p>
                    <div class="nhsuk-inset-text" id="local-state">{without_script}</div>
                    <p id="local-announce" role="status" aria-live="polite"></p>

                    <h2 class="nhsuk-heading-m">"Details"</h2>
                    <form id="local-details" novalidate>
                        <div id="local-details-errors"></div>
                        {details_fields(Some(&details))}
                        <button class="nhsuk-button nhsuk-button--secondary" type="submit" disabled data-local-ready>"Save the details"</button>
                    </form>

                    <h2 class="nhsuk-heading-m" id="timeline">"Timeline"</h2>
                    <p id="local-summary">"No entries yet."</p>
                    <div class="hub-table-scroll" tabindex="0" role="region" aria-labelledby="local-caption">
                        <table class="nhsuk-table hub-timeline">
                            <caption class="nhsuk-table__caption" id="local-caption">"Timeline entries in time order"</caption>
                            <thead class="nhsuk-table__head">
                                <tr class="nhsuk-table__row">
                                    {["No.", "When", "What happened", "Who and where", "Source", "Analysis", "Marks and flags"]
                                        .map(|header| view! { <th class="nhsuk-table__header" scope="col">{header}</th> })
                                        .into_iter()
                                        .collect_view()}
                                    <th class="nhsuk-table__header" scope="col"><span class="nhsuk-u-visually-hidden">"Delete"</span></th>
                                </tr>
                            </thead>
                            <tbody class="nhsuk-table__body" id="local-entries"></tbody>
                        </table>
                    </div>
                    // One row, filled in by the browser for each entry.
                    <template id="local-row">
                        <tr class="nhsuk-table__row">
                            <td class="nhsuk-table__cell" data-cell="number"></td>
                            <td class="nhsuk-table__cell" data-cell="when"></td>
                            <td class="nhsuk-table__cell hub-preserve-lines" data-cell="what"></td>
                            <td class="nhsuk-table__cell" data-cell="who_where"></td>
                            <td class="nhsuk-table__cell" data-cell="source"></td>
                            <td class="nhsuk-table__cell hub-preserve-lines" data-cell="note"></td>
                            <td class="nhsuk-table__cell"><ul class="nhsuk-list hub-compact-list" data-cell="marks"></ul></td>
                            <td class="nhsuk-table__cell">
                                <button class="hub-link-button" type="button" data-delete>"Delete"<span class="nhsuk-u-visually-hidden" data-cell="name"></span></button>
                            </td>
                        </tr>
                    </template>
                    <template id="local-flag"><li class="hub-flag"><strong>"Flag: "</strong><span data-cell="flag"></span></li></template>

                    <h2 class="nhsuk-heading-m" id="add">"Add an entry"</h2>
                    <form id="local-entry" novalidate>
                        <div id="local-errors"></div>
                        {entry_fields(None, Vec::new())}
                        <SelectField name="same_as" label=SAME_AS_LABEL options=Vec::new() value=String::new() blank="None" hint=SAME_AS_HINT />
                        <button class="nhsuk-button" type="submit" disabled data-local-ready>"Add the entry"</button>
                    </form>

                    <h2 class="nhsuk-heading-m">"Keep it"</h2>
                    <p><button class="nhsuk-button nhsuk-button--secondary" type="button" id="local-download" disabled data-local-ready>"Download it as a file"</button></p>
                    <p>"The file is the hub's workspace file: "<a href="/workspaces/import">"import it"</a>" into your account, here or on another machine."</p>
                    {keep}
                    <details class="nhsuk-details">
                        <summary class="nhsuk-details__summary"><span class="nhsuk-details__summary-text">"Delete this browser's copy"</span></summary>
                        <div class="nhsuk-details__text">
                            <p>"This deletes the investigation from this browser for good. Download it first if you may want it again."</p>
                            <button class="nhsuk-button nhsuk-button--warning" type="button" id="local-clear" disabled data-local-ready>"Delete it from this browser"</button>
                        </div>
                    </details>
                </div>
            </div>
        }
    })
}
