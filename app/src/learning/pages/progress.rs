//! The reader's progress where they read: on a module's page, the button to
//! start or carry on (above the module's text) and the lessons with a mark
//! for each done (below it); at the end of each lesson, the button that
//! marks it done and goes on. The catalogue's pages call these through the
//! routes, so the catalogue knows nothing of learning records.
//!
//! The module page is in the client's main module, which every first visit
//! loads: its progress comes as HTML the server rendered (`outline`), so
//! the client carries none of its views; the lesson's form is a plain form
//! (its CSRF token comes with the progress), so a lesson does not bring the
//! form machinery.

use leptos::prelude::*;

use crate::components::Pagination;
use crate::learning::server::{load_lesson_end, load_reader_panels};
use crate::learning::types::{next_lesson, LessonEnd, ModuleProgress, Progress, ReaderPanels};

use crate::resources::LessonTitle;

pub(super) fn lesson_href(slug: &str, position: u32) -> String {
    format!("/resources/{slug}/lessons/{position}")
}

pub(super) fn sign_in_note(back: &str) -> impl IntoView {
    let href = format!(
        "/sign-in?next={}",
        back.replace('%', "%25").replace('/', "%2F")
    );
    view! {
        <div class="nhsuk-inset-text">
            <span class="nhsuk-u-visually-hidden">"Information: "</span>
            <p>"Anyone can read every lesson. " <a href=href>"Sign in"</a> " to keep track of the lessons you have done and add the module to your CPD log when you finish."</p>
        </div>
    }
}

/// Loads the end of lesson `position` of the module `slug` and renders
/// `render` with it: Ok(None) for a resource that is not a module, Err
/// when it could not be read.
fn with_lesson_end<V: IntoView + 'static>(
    slug: String,
    position: u32,
    render: impl Fn(Result<Option<LessonEnd>, ServerFnError>) -> V + Clone + Send + Sync + 'static,
) -> AnyView {
    let progress = Resource::new(
        move || (slug.clone(), position),
        |(slug, position)| load_lesson_end(slug, position),
    );
    view! {
        <Suspense fallback=|| ()>
            {move || {
                let render = render.clone();
                Suspend::new(async move { render(progress.await) })
            }}
        </Suspense>
    }
    .into_any()
}

/// A resource page's text with what the reader needs around it, rendered
/// by the server ([`load_reader_panels`]): for a module, start or carry on
/// above the text and the lessons below it; for any resource, "Was this
/// useful?" below it. Loading them notes a signed-in reader's visit.
///
/// It loads once the resource has (one `Suspense` in the client's main
/// module: loading it beside the resource cost 0.8 KB more, over the
/// first-load ceiling), so a client-side move to a resource page waits for
/// two answers in turn; a first visit gets the page whole from the server.
pub fn with_reader_panels(slug: String, body_html: String) -> AnyView {
    let panels = Resource::new(move || slug.clone(), load_reader_panels);
    view! {
        <Suspense fallback=|| ()>
            {move || {
                let body_html = body_html.clone();
                Suspend::new(async move {
                    let ReaderPanels { lead, after } = panels.await.ok().flatten().unwrap_or_default();
                    view! {
                        <div inner_html=lead></div>
                        <div class="hub-prose" inner_html=body_html></div>
                        <div inner_html=after></div>
                    }
                })
            }}
        </Suspense>
    }
    .into_any()
}

/// The end of a lesson: its knowledge check, if it has one (HTML the
/// server rendered); previous and next links; for a member, first a button
/// that marks the lesson done and goes on to the next (or finishes the
/// module); for a signed-out reader, what signing in would keep.
pub fn lesson_end(slug: String, position: u32, lessons: Vec<LessonTitle>) -> AnyView {
    with_lesson_end(slug.clone(), position, move |end| {
        let positions: Vec<u32> = lessons.iter().map(|lesson| lesson.position).collect();
        let link = |wanted: Option<u32>| {
            wanted.and_then(|wanted| {
                lessons
                    .iter()
                    .find(|lesson| lesson.position == wanted)
                    .map(|lesson| (lesson_href(&slug, lesson.position), lesson.title.clone()))
            })
        };
        let previous = link(positions.iter().copied().filter(|&p| p < position).max());
        let next = link(next_lesson(&positions, position));
        let next_title = next.as_ref().map(|(_, title)| title.clone());
        let pagination = (previous.is_some() || next.is_some()).then(|| {
            view! { <Pagination label="Previous and next lessons" previous next /> }
        });
        let (progress, check_html) = match end {
            Ok(Some(LessonEnd {
                progress,
                check_html,
            })) => (Some(progress), check_html),
            _ => (None, String::new()),
        };
        let progress = match progress {
            Some(Progress::Member(progress)) => {
                mark_done_form(&slug, position, &progress, next_title)
            }
            Some(Progress::SignedOut) => sign_in_note(&lesson_href(&slug, position)).into_any(),
            None => ().into_any(),
        };
        view! { <div inner_html=check_html></div> {progress} {pagination} }
    })
}

fn mark_done_form(
    slug: &str,
    position: u32,
    progress: &ModuleProgress,
    next_title: Option<String>,
) -> AnyView {
    let done = progress.done.contains(&position);
    let button = match next_title {
        Some(title) => format!("Mark as done and go to the next lesson: {title}"),
        None if progress.completed_on.is_some() => "Mark as done and return to the module".into(),
        None => "Mark as done and finish the module".into(),
    };
    view! {
        {done.then(|| view! { <p><strong class="nhsuk-tag nhsuk-tag--green">"Done"</strong> " You have marked this lesson as done."</p> })}
        <form method="post" action="/learning/progress">
            <input type="hidden" name="csrf_token" value=progress.csrf_token.clone() />
            <input type="hidden" name="module" value=slug.to_string() />
            <input type="hidden" name="lesson" value=position.to_string() />
            <button class="nhsuk-button" type="submit" data-module="nhsuk-button">{button}</button>
        </form>
    }
    .into_any()
}
