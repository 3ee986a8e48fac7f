//! A module page's progress, rendered on the server into HTML: the page is
//! in the client's main module, which every first visit loads, and HTML
//! costs it nothing (its views would cost several KB).

use leptos::prelude::*;
use leptos::tachys::view::RenderHtml;

use super::progress::{lesson_href, sign_in_note};
use crate::learning::types::{continue_at, ModuleProgress, Progress};
use crate::resources::LessonTitle;

/// Start or carry on (above the module's text) and the lessons with a mark
/// for each done (below it), as HTML.
pub fn render(slug: &str, lessons: &[LessonTitle], progress: Option<Progress>) -> (String, String) {
    let (lead, list) = outline(slug, lessons, progress);
    (lead.to_html(), list.to_html())
}

/// What goes above a module's text and below it.
fn outline(slug: &str, lessons: &[LessonTitle], progress: Option<Progress>) -> (AnyView, AnyView) {
    let positions: Vec<u32> = lessons.iter().map(|lesson| lesson.position).collect();
    let signed_out = matches!(progress, Some(Progress::SignedOut));
    let ModuleProgress {
        done,
        completed_on,
        standing,
        ..
    } = match progress {
        Some(Progress::Member(progress)) => progress,
        _ => ModuleProgress::default(),
    };
    let done_count = positions.iter().filter(|p| done.contains(p)).count();
    let title_of = |position: u32| {
        lessons
            .iter()
            .find(|lesson| lesson.position == position)
            .map(|lesson| lesson.title.clone())
            .unwrap_or_default()
    };
    // (what to say, the button: the lesson it opens and what it says)
    let (status, button) = match (completed_on, continue_at(&positions, &done)) {
        (Some(day), _) => (
            Some(format!("You completed this module on {}.", day.shown())),
            None,
        ),
        (None, Some(position)) if done_count > 0 => (
            Some(format!(
                "You have done {done_count} of {} lessons.",
                positions.len()
            )),
            Some((position, "Continue where you left off")),
        ),
        // Every lesson done, the knowledge checks' pass mark not met: back
        // to the first check with a question not answered right.
        (None, None) if done_count > 0 && standing.is_some_and(|s| !s.passed()) => {
            let standing = standing.unwrap_or_default();
            (
                Some(format!(
                    "You have done all {} lessons. Your knowledge check answers: {}. Answer the questions again to complete the module.",
                    positions.len(),
                    standing.summary()
                )),
                standing
                    .retry_at
                    .map(|position| (position, "Go to the knowledge check")),
            )
        }
        // Every lesson done but the module not completed: the completion
        // could not be recorded, or a revision dropped the lesson left.
        // Marking the last lesson again completes it.
        (None, None) if done_count > 0 => (
            Some(format!("You have done all {} lessons.", positions.len())),
            positions.last().map(|&last| (last, "Finish the module")),
        ),
        _ => (
            None,
            positions.first().map(|&first| (first, "Start the module")),
        ),
    };
    let lead = view! {
        {completed_on.is_some().then(|| view! {
            <div class="nhsuk-inset-text">
                <span class="nhsuk-u-visually-hidden">"Information: "</span>
                <p>{status.clone()} " " <a href="/account/learning">"See it in your learning record"</a></p>
            </div>
        })}
        {completed_on.is_none().then(|| status.map(|status| view! { <p>{status}</p> }))}
        {button.map(|(position, label)| view! {
            <p>
                <a href=lesson_href(slug, position) class="nhsuk-button">
                    {label}
                    <span class="nhsuk-u-visually-hidden">{format!(": {}", title_of(position))}</span>
                </a>
            </p>
        })}
        {signed_out.then(|| sign_in_note(&format!("/resources/{slug}")))}
    }
    .into_any();
    let items = lessons
        .iter()
        .map(|lesson| {
            let is_done = done.contains(&lesson.position);
            view! {
                <li>
                    <a href=lesson_href(slug, lesson.position)>{lesson.title.clone()}</a>
                    {is_done.then(|| view! { " " <strong class="nhsuk-tag nhsuk-tag--green hub-done-tag">"Done"</strong> })}
                </li>
            }
        })
        .collect_view();
    let list = view! {
        <h2 class="nhsuk-heading-m">"Lessons"</h2>
        <ol class="nhsuk-list nhsuk-list--number">{items}</ol>
    }
    .into_any();
    (lead, list)
}
