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
use super::timeline::view_fields;
use crate::components::Breadcrumbs;
use crate::db::Db;
use crate::forms::SelectField;
use crate::forms::{FormFeedback, FormState};
use crate::toolkits::local::{AccountCopy, LocalInvestigation, LOCAL_PAGE, UNSAVED_STATUS};
use crate::toolkits::server::RenderedPage;
use crate::toolkits::timeline::chart::{
    AXIS_Y, BAR_CORNER, BAR_HEIGHT, DOT_RADIUS, KEY, LABEL_WIDTH, LABEL_X, LANE_HEIGHT, PLOT_RIGHT,
    TOP, WIDTH,
};
use crate::toolkits::timeline::{entries_count, row_text, LaneBy, DEFAULT_GAP_MINUTES};
use crate::toolkits::types::Workspace;

/// Where a refused save's message is shown: the save button.
pub const SEND_FIELD: &str = "local-send";
/// A refused save's value naming the account's copy it was made for, which
/// the browser is to forget (deleted, or holding more than a timeline).
pub const GONE_FIELD: &str = "gone";
/// A refused save's value naming the account's copy that has moved on:
/// the page shows both (the account's read as it is now).
pub const CONFLICT_FIELD: &str = "conflict";

/// What the page tells the browser about the member's account's copy.
pub enum AccountNews {
    None,
    /// Just saved to it, with the digest of the file sent: the browser
    /// remembers it, as sent if its copy is still that file.
    Saved(AccountCopy, String),
    /// The browser is to forget it.
    Gone(i64),
    /// Changed since: both, for the member to choose.
    Conflict {
        account: Box<Workspace>,
        sent: Box<Workspace>,
        /// The file the browser sent, to send again over the account's.
        file: String,
    },
}

/// Reads what the page should say: a refused save's (in `feedback`), or
/// a save's that has just landed here (taken from `session`, given only
/// when the page is rendered for the browser, so that it is said once).
pub async fn account_news(
    db: &Db,
    member: i64,
    feedback: &mut FormFeedback,
    session: Option<&tower_sessions::Session>,
) -> Result<AccountNews, leptos::prelude::ServerFnError> {
    use crate::db::internal_error;

    if let Some(conflict) = feedback.value_for(CONFLICT_FIELD) {
        let id = crate::addresses::row_id(&conflict);
        let file = feedback.value_for("file").unwrap_or_default();
        let sent = LocalInvestigation::read(&file).ok();
        if let (Some(id), Some(sent)) = (id, sent) {
            let opened = crate::toolkits::repo::open(db, member, id)
                .await
                .map_err(internal_error)?;
            // One that has gained analysis since (a change made between
            // the save's check and this read) cannot be taken into the
            // browser, nor replaced: forgotten, as the save would be.
            let analysed = |workspace: &Workspace| {
                !(workspace.findings.is_empty()
                    && workspace.factors.is_empty()
                    && workspace.actions.is_empty())
            };
            if let Some(opened) = opened.filter(|opened| !analysed(&opened.workspace)) {
                return Ok(AccountNews::Conflict {
                    account: Box::new(opened.workspace),
                    sent: Box::new(sent.workspace().clone()),
                    file,
                });
            }
            // No choice to offer: said instead of one.
            for error in &mut feedback.errors {
                error.message = "Your account's copy has changed since this browser's was saved to it, and now has findings, contributory factors or safety actions, or is no longer yours to change: nothing was sent, so nothing is lost. Go on with it in your account, or save this browser's as a new copy.".to_string();
            }
            return Ok(AccountNews::Gone(id));
        }
    }
    if let Some(gone) = feedback
        .value_for(GONE_FIELD)
        .and_then(|id| crate::addresses::row_id(&id))
    {
        return Ok(AccountNews::Gone(gone));
    }
    let Some(session) = session else {
        return Ok(AccountNews::None);
    };
    let saved = session
        .remove::<String>(crate::web::session::keys::LOCAL_SAVED)
        .await
        .map_err(internal_error)?;
    // `id version sent digest` (the handler's).
    let saved = saved.as_deref().and_then(|saved| {
        let (copy, digest) = saved.rsplit_once(' ')?;
        Some(AccountNews::Saved(
            AccountCopy::read(copy)?,
            digest.to_string(),
        ))
    });
    Ok(saved.unwrap_or(AccountNews::None))
}

/// A short table of a timeline, for comparing two of them.
fn brief_timeline(workspace: &Workspace, caption: String) -> impl IntoView {
    let entries = &workspace.entries;
    let rows = entries
        .iter()
        .enumerate()
        .map(|(index, entry)| {
            let text = row_text(entries, entry, &[]);
            view! {
                <tr class="nhsuk-table__row">
                    <td class="nhsuk-table__cell">{index + 1}</td>
                    <td class="nhsuk-table__cell">{text.when}</td>
                    <td class="nhsuk-table__cell hub-preserve-lines">{entry.what.clone()}</td>
                    <td class="nhsuk-table__cell">{text.who_where}</td>
                </tr>
            }
        })
        .collect_view();
    let summary = format!(
        "“{}”: {}.",
        workspace.details.title,
        entries_count(entries.len())
    );
    let label = caption.clone();
    view! {
        <p>{summary}</p>
        <div class="hub-table-scroll" tabindex="0" role="region" aria-label=label>
            <table class="nhsuk-table">
                <caption class="nhsuk-table__caption nhsuk-u-visually-hidden">{caption}</caption>
                <thead class="nhsuk-table__head">
                    <tr class="nhsuk-table__row">
                        {["No.", "When", "What happened", "Who and where"]
                            .map(|header| view! { <th class="nhsuk-table__header" scope="col">{header}</th> })
                            .into_iter()
                            .collect_view()}
                    </tr>
                </thead>
                <tbody class="nhsuk-table__body">{rows}</tbody>
            </table>
        </div>
    }
}

/// The account's copy and the browser's, side by side in reading order,
/// and the choice: send the browser's again over the account's (a plain
/// form), or take the account's into this browser (the page's code).
fn conflict_view(
    account: &Workspace,
    sent: &Workspace,
    file: String,
    token: String,
) -> impl IntoView {
    let account_file = crate::toolkits::exchange::export(account);
    let in_account = format!("In your account now (changed {})", account.updated);
    view! {
        <div class="nhsuk-card" id="local-conflict" data-workspace=account.id.to_string() data-version=account.version.to_string() data-file=account_file>
            <div class="nhsuk-card__content">
                <h2 class="nhsuk-heading-m">"Your account's copy has changed"</h2>
                <p>"Someone changed this investigation in your account (you on another computer or in another tab, or a member it is shared with) after this browser last saved it there. Nothing was overwritten. Here are both: choose which to keep."</p>
                <h3 class="nhsuk-heading-s">{in_account.clone()}</h3>
                {brief_timeline(account, in_account)}
                <h3 class="nhsuk-heading-s">"In this browser"</h3>
                // Said instead by the page's code once this browser's copy
                // changes again: it is then what the timeline below shows.
                <div id="local-conflict-browser" class="nhsuk-body">{brief_timeline(sent, "In this browser".to_string())}</div>
                // The page's code sends the browser's copy as it is when
                // the button is pressed (it may have changed since).
                <form id="local-overwrite" method="post" action=LOCAL_PAGE enctype="multipart/form-data">
                    <input type="hidden" name="csrf_token" value=token />
                    <input type="hidden" name="file" value=file />
                    <input type="hidden" name="workspace" value=account.id.to_string() />
                    <input type="hidden" name="version" value=account.version.to_string() />
                    <button class="nhsuk-button" type="submit">"Keep this browser's: replace your account's with it"</button>
                </form>
                <p><button class="nhsuk-button nhsuk-button--secondary" type="button" id="local-take" disabled data-local-ready>"Keep your account's: replace this browser's with it"</button></p>
            </div>
        </div>
    }
}

/// The page; `signed_in` decides how it can be kept beyond this browser,
/// `news` what it tells the browser about the account's copy.
pub fn local_page(signed_in: bool, state: &FormState, news: AccountNews) -> RenderedPage {
    let token = state.csrf_token.clone();
    page("A timeline in this browser".into(), state, move || {
        let news = match news {
            AccountNews::None => None,
            AccountNews::Saved(saved, digest) => Some(
                view! { <div id="local-account-news" hidden data-saved=saved.text() data-digest=digest></div> }
                    .into_any(),
            ),
            AccountNews::Gone(id) => Some(
                view! { <div id="local-account-news" hidden data-gone=id.to_string()></div> }
                    .into_any(),
            ),
            AccountNews::Conflict {
                account,
                sent,
                file,
            } => Some(conflict_view(&account, &sent, file, token.clone()).into_any()),
        };
        let details = LocalInvestigation::default().workspace().details.clone();
        let without_script = if signed_in {
            view! { <p>"This tool runs in your browser and needs JavaScript, which is off or has not loaded. "<a href="/workspaces">"Your investigations"</a>" work without it, with plain forms."</p> }.into_any()
        } else {
            view! { <p>"This tool runs in your browser and needs JavaScript, which is off or has not loaded. "<a href="/sign-in?next=%2Fworkspaces">"Sign in"</a>" to keep investigations in your account, where plain forms work without it, or "<a href="/workspaces/example">"read the fictional example"</a>"."</p> }.into_any()
        };
        let keep = if signed_in {
            view! {
                <form id="local-save" method="post" action=LOCAL_PAGE enctype="multipart/form-data">
                    <input type="hidden" name="csrf_token" value=token.clone() />
                    <input type="hidden" name="file" id="local-save-file" />
                    <input type="hidden" name="workspace" id="local-save-workspace" />
                    <input type="hidden" name="version" id="local-save-version" />
                    <p id="local-account-state">{UNSAVED_STATUS}</p>
                    <button class="nhsuk-button" type="submit" id=SEND_FIELD disabled data-local-ready>"Save a copy to your account"</button>
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
                    {news}
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
                    // Shown again by the page's code, in this tab (nothing is sent).
                    <form id="local-view" class="hub-inline-form" novalidate>
                        {view_fields(DEFAULT_GAP_MINUTES, LaneBy::Who)}
                        <button class="nhsuk-button nhsuk-button--secondary" type="submit" disabled data-local-ready>"Show"</button>
                    </form>
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
                    <figure class="hub-chart" id="local-chart" hidden>
                        <svg id="local-chart-svg" viewBox=format!("0 0 {WIDTH} {}", TOP + LANE_HEIGHT) role="img" focusable="false"></svg>
                        <figcaption class="nhsuk-body-s">{KEY}</figcaption>
                    </figure>
                    // The chart's shapes, placed by the browser (`timeline::chart`).
                    <template id="local-chart-parts">
                        <svg>
                            <g data-part="group"></g>
                            <rect data-part="lane" x="0" width=WIDTH.to_string() height=LANE_HEIGHT.to_string() />
                            <text data-part="label" class="hub-chart-label" x=LABEL_X.to_string()></text>
                            <rect data-part="gap" class="hub-chart-gap" y=TOP.to_string() />
                            <text data-part="from" class="hub-chart-axis" x=LABEL_WIDTH.to_string() y=AXIS_Y.to_string()></text>
                            <text data-part="to" class="hub-chart-axis" x=PLOT_RIGHT.to_string() y=AXIS_Y.to_string() text-anchor="end"></text>
                            <circle data-part="dot" r=DOT_RADIUS.to_string() />
                            <rect data-part="bar" height=BAR_HEIGHT.to_string() rx=BAR_CORNER.to_string() />
                            <text data-part="number" class="hub-chart-number"></text>
                        </svg>
                    </template>

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
