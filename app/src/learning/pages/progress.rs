//! The reader's progress where they read: on a module's page, the button to
//! start or carry on (above the module's text) and the lessons with a mark
//! for each done (below it); at the end of each lesson, the button that
//! marks it done and goes on. The catalogue's pages call these through the
//! routes, so the catalogue knows nothing of learning records.

use leptos::prelude::*;

use crate::components::Pagination;
use crate::forms::{with_form_state, HiddenField, PostForm};
use crate::learning::server::load_module_progress;
use crate::learning::types::{continue_at, next_lesson, ModuleProgress, Progress};
use crate::resources::LessonTitle;

fn lesson_href(slug: &str, position: u32) -> String {
    format!("/resources/{slug}/lessons/{position}")
}

fn sign_in_note(back: &str) -> impl IntoView {
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

/// What the page knows of the reader's progress.
#[derive(Clone)]
enum Known {
    /// Not a module: nothing to show.
    NotAModule,
    /// Progress could not be read: the lessons are shown without marks.
    Unknown,
    Progress(Progress),
}

type ProgressResource = Resource<Result<Option<Progress>, ServerFnError>>;

fn progress_of(slug: String) -> ProgressResource {
    Resource::new(move || slug.clone(), load_module_progress)
}

/// Renders `render` with what is known of the reader's progress, once it is.
fn with_progress<V: IntoView + 'static>(
    progress: ProgressResource,
    render: impl Fn(Known) -> V + Clone + Send + Sync + 'static,
) -> AnyView {
    view! {
        <Suspense fallback=|| ()>
            {move || {
                let render = render.clone();
                Suspend::new(async move {
                    render(match progress.await {
                        Ok(None) => Known::NotAModule,
                        Ok(Some(progress)) => Known::Progress(progress),
                        Err(_) => Known::Unknown,
                    })
                })
            }}
        </Suspense>
    }
    .into_any()
}

/// A resource page's part of the reader's progress: (above the text, below
/// it). Any resource page calls it: loading the progress notes a
/// signed-in reader's visit.
pub fn module_outline(slug: String, lessons: Vec<LessonTitle>) -> (AnyView, AnyView) {
    let progress = progress_of(slug.clone());
    let lead = {
        let (slug, lessons) = (slug.clone(), lessons.clone());
        with_progress(progress, move |known| {
            (!lessons.is_empty()).then(|| lead(&slug, &lessons, known))
        })
    };
    let list = with_progress(progress, move |known| {
        (!lessons.is_empty()).then(|| lesson_list(&slug, &lessons, known))
    });
    (lead, list)
}

fn member_progress(known: &Known) -> Option<ModuleProgress> {
    match known {
        Known::Progress(Progress::Member(progress)) => Some(progress.clone()),
        _ => None,
    }
}

/// Start, or carry on, or "you completed it"; for a signed-out reader, what
/// signing in would keep.
fn lead(slug: &str, lessons: &[LessonTitle], known: Known) -> AnyView {
    let positions: Vec<u32> = lessons.iter().map(|lesson| lesson.position).collect();
    let start = |position: u32| {
        view! { <p><a class="nhsuk-button" href=lesson_href(slug, position)>"Start the module"</a></p> }.into_any()
    };
    match (&known, member_progress(&known)) {
        (Known::NotAModule, _) => ().into_any(),
        (_, Some(ModuleProgress { completed_on: Some(day), .. })) => view! {
            <div class="nhsuk-inset-text">
                <span class="nhsuk-u-visually-hidden">"Information: "</span>
                <p>{format!("You completed this module on {}. ", day.shown())} <a href="/account/learning">"See it in your learning record"</a></p>
            </div>
        }
        .into_any(),
        (_, Some(ModuleProgress { done, .. })) if !done.is_empty() => {
            let done_count = positions.iter().filter(|p| done.contains(p)).count();
            let Some(position) = continue_at(&positions, &done) else {
                return ().into_any();
            };
            let title = lessons
                .iter()
                .find(|lesson| lesson.position == position)
                .map(|lesson| lesson.title.clone())
                .unwrap_or_default();
            view! {
                <p>{format!("You have done {done_count} of {} lessons.", positions.len())}</p>
                <p>
                    <a class="nhsuk-button" href=lesson_href(slug, position)>
                        "Continue where you left off"
                        <span class="nhsuk-u-visually-hidden">{format!(": {title}")}</span>
                    </a>
                </p>
            }
            .into_any()
        }
        (Known::Progress(Progress::SignedOut), _) => view! {
            {positions.first().map(|position| start(*position))}
            {sign_in_note(&format!("/resources/{slug}"))}
        }
        .into_any(),
        _ => positions.first().map(|position| start(*position)).into_any(),
    }
}

/// Each lesson, with "Done" beside those the member has done.
fn lesson_list(slug: &str, lessons: &[LessonTitle], known: Known) -> AnyView {
    let done = member_progress(&known)
        .map(|progress| progress.done)
        .unwrap_or_default();
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
    (!matches!(known, Known::NotAModule))
        .then(|| {
            view! {
                <h2 class="nhsuk-heading-m">"Lessons"</h2>
                <ol class="nhsuk-list nhsuk-list--number">{items}</ol>
            }
        })
        .into_any()
}

/// The end of a lesson: previous and next links; for a member, first a
/// button that marks the lesson done and goes on to the next (or finishes
/// the module); for a signed-out reader, what signing in would keep.
pub fn lesson_end(slug: String, position: u32, lessons: Vec<LessonTitle>) -> AnyView {
    with_progress(progress_of(slug.clone()), move |known| {
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
        let pagination = (previous.is_some() || next.is_some()).then(|| {
            view! { <Pagination label="Previous and next lessons" previous next=next.clone() /> }
        });
        let progress = match known {
            Known::Progress(Progress::Member(progress)) => {
                mark_done_form(&slug, position, &progress, next.map(|(_, title)| title))
            }
            Known::Progress(Progress::SignedOut) => {
                sign_in_note(&lesson_href(&slug, position)).into_any()
            }
            _ => ().into_any(),
        };
        view! { {progress} {pagination} }
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
    let slug = slug.to_string();
    view! {
        {done.then(|| view! { <p><strong class="nhsuk-tag nhsuk-tag--green">"Done"</strong> " You have marked this lesson as done."</p> })}
        {with_form_state(move || {
            let (button, slug) = (button.clone(), slug.clone());
            view! {
                <PostForm action="/learning/progress">
                    <HiddenField name="module" value=slug />
                    <HiddenField name="lesson" value=position.to_string() />
                    <button class="nhsuk-button" type="submit" data-module="nhsuk-button">{button}</button>
                </PostForm>
            }
        })}
    }
    .into_any()
}
