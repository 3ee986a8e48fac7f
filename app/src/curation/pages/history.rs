//! `/contribute/{slug}/history`: every saved version, a comparison of any
//! two (a GET form, so it works without JavaScript and can be linked to),
//! and restoring an old version as a new one.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_location, use_params_map};

use crate::components::found_or_not_found;
use crate::curation::contribution_server::{contribution_history, HistoryData};
use crate::curation::revisions::{LineKind, RevisionDiff};
use crate::forms::{with_form_state, PostForm};

#[component]
pub fn HistoryPage() -> impl IntoView {
    let params = use_params_map();
    // The router's query, not the route's: moving from one contribution's
    // history to another's keeps this route, and the flat router then
    // updates its params but not its own copy of the address.
    let query = use_location().query;
    let key = move || {
        let number = |name: &str| query.read().get(name).and_then(|n| n.parse::<i64>().ok());
        (
            params.read().get("slug").unwrap_or_default(),
            number("from"),
            number("to"),
        )
    };
    let data = Resource::new(key, |(slug, from, to)| contribution_history(slug, from, to));
    view! {
        <Title text="Versions" />
        {found_or_not_found(data, |data| with_form_state(move || view! { <History data=data.clone() /> }))}
    }
}

#[component]
fn History(data: HistoryData) -> impl IntoView {
    let HistoryData {
        slug,
        title,
        version,
        may_restore,
        revisions,
        diff,
        problem,
    } = data;
    let (default_from, default_to) = match (&diff, revisions.as_slice()) {
        (Some(diff), _) => (diff.from, diff.to),
        (None, [newest, older, ..]) => (older.number, newest.number),
        (None, [only]) => (only.number, only.number),
        (None, []) => (0, 0),
    };
    let listed = revisions.clone();
    let version_options = move |chosen: i64| {
        listed
            .iter()
            .map(|revision| {
                view! {
                    <option value=revision.number selected=revision.number == chosen>
                        {format!("Version {} — {}", revision.number, revision.saved_at)}
                    </option>
                }
            })
            .collect_view()
    };
    let compare = (revisions.len() > 1).then(|| {
        view! {
            <form method="get" action=format!("/contribute/{slug}/history") class="hub-compare">
                <h2 class="nhsuk-heading-m">"Compare two versions"</h2>
                {problem.clone().map(|problem| view! { <p class="nhsuk-error-message">{problem}</p> })}
                <div class="nhsuk-form-group">
                    <label class="nhsuk-label" for="from">"Older version"</label>
                    <select class="nhsuk-select" id="from" name="from">{version_options(default_from)}</select>
                </div>
                <div class="nhsuk-form-group">
                    <label class="nhsuk-label" for="to">"Newer version"</label>
                    <select class="nhsuk-select" id="to" name="to">{version_options(default_to)}</select>
                </div>
                <button class="nhsuk-button nhsuk-button--secondary" type="submit" data-module="nhsuk-button">"Compare"</button>
            </form>
        }
    });
    view! {
        <a class="nhsuk-back-link" href=format!("/contribute/{slug}")>"Back to the resource"</a>
        <span class="nhsuk-caption-l">{title}</span>
        <h1 class="nhsuk-heading-l">"Versions"</h1>
        {compare}
        {diff.map(|diff| view! { <Differences diff /> })}
        <h2 class="nhsuk-heading-m" id="versions" tabindex="-1">"Every saved version"</h2>
        <table class="nhsuk-table">
            <caption class="nhsuk-table__caption nhsuk-u-visually-hidden">"Saved versions, newest first"</caption>
            <thead class="nhsuk-table__head">
                <tr>
                    <th scope="col">"Version"</th>
                    <th scope="col">"Saved"</th>
                    <th scope="col">"By"</th>
                    <th scope="col">"Note"</th>
                    {may_restore.then(|| view! { <th scope="col"><span class="nhsuk-u-visually-hidden">"Restore"</span></th> })}
                </tr>
            </thead>
            <tbody class="nhsuk-table__body">
                {revisions.into_iter().map(|revision| {
                    let restore = may_restore.then(|| view! {
                        <td class="nhsuk-table__cell">
                            <PostForm action=format!("/contribute/{slug}/restore")>
                                <input type="hidden" name="number" value=revision.number />
                                <input type="hidden" name="version" value=version />
                                <button class="nhsuk-button nhsuk-button--secondary nhsuk-button--small" type="submit" data-module="nhsuk-button">
                                    "Restore" <span class="nhsuk-u-visually-hidden">{format!(" version {}", revision.number)}</span>
                                </button>
                            </PostForm>
                        </td>
                    });
                    view! {
                        <tr class="nhsuk-table__row">
                            <td class="nhsuk-table__cell">{revision.number}</td>
                            <td class="nhsuk-table__cell">{revision.saved_at}</td>
                            <td class="nhsuk-table__cell">{revision.author}</td>
                            <td class="nhsuk-table__cell">{revision.note}</td>
                            {restore}
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}

#[component]
fn Differences(diff: RevisionDiff) -> impl IntoView {
    let heading = format!("Changes from version {} to version {}", diff.from, diff.to);
    if diff.is_empty() {
        return view! {
            <h2 class="nhsuk-heading-m" id="changes">{heading}</h2>
            <p>"These versions are the same."</p>
        }
        .into_any();
    }
    view! {
        <h2 class="nhsuk-heading-m" id="changes">{heading}</h2>
        {(!diff.fields.is_empty()).then(|| view! {
            <table class="nhsuk-table" data-testid="field-changes">
                <caption class="nhsuk-table__caption nhsuk-table__caption--m">"Details"</caption>
                <thead class="nhsuk-table__head">
                    <tr>
                        <th scope="col">"Field"</th>
                        <th scope="col">{format!("Version {}", diff.from)}</th>
                        <th scope="col">{format!("Version {}", diff.to)}</th>
                    </tr>
                </thead>
                <tbody class="nhsuk-table__body">
                    {diff.fields.iter().map(|change| view! {
                        <tr class="nhsuk-table__row">
                            <th scope="row" class="nhsuk-table__header">{change.label.clone()}</th>
                            <td class="nhsuk-table__cell hub-preserve-lines">{change.before.clone()}</td>
                            <td class="nhsuk-table__cell hub-preserve-lines">{change.after.clone()}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        })}
        {diff.texts.into_iter().map(|text| view! {
            <h3 class="nhsuk-heading-s">{text.label}</h3>
            <ol class="hub-diff" data-testid="line-changes">
                {text.lines.into_iter().map(|line| {
                    let (class, said) = match line.kind {
                        LineKind::Added => ("hub-diff__line hub-diff__line--added", "Added: "),
                        LineKind::Removed => ("hub-diff__line hub-diff__line--removed", "Removed: "),
                        LineKind::Same => ("hub-diff__line", ""),
                        LineKind::Gap => ("hub-diff__line hub-diff__line--gap", "Unchanged lines left out"),
                    };
                    let text = match line.kind {
                        LineKind::Added => view! { <ins>{line.text}</ins> }.into_any(),
                        LineKind::Removed => view! { <del>{line.text}</del> }.into_any(),
                        LineKind::Gap => view! { <span aria-hidden="true">"…"</span> }.into_any(),
                        LineKind::Same => view! { <span>{line.text}</span> }.into_any(),
                    };
                    view! {
                        <li class=class>
                            {(!said.is_empty()).then(|| view! { <span class="nhsuk-u-visually-hidden">{said}</span> })}
                            {text}
                        </li>
                    }
                }).collect_view()}
            </ol>
        }).collect_view()}
    }
    .into_any()
}
