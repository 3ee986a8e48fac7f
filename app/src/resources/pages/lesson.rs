use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::components::found_or_not_found;
use crate::components::{Breadcrumbs, Crumb};
use crate::resources::{get_lesson, LessonPage, LessonTitle};

/// The end of a lesson as another area shows it (the reader's progress):
/// (module slug, lesson position, the module's lessons) → view.
pub type LessonEnd = fn(String, u32, Vec<LessonTitle>) -> AnyView;

/// `/resources/{slug}/lessons/{position}`: one lesson, with the module's
/// contents, ending with `lesson_end` (previous and next, and the reader's
/// progress).
#[component]
pub fn LessonView(lesson_end: LessonEnd) -> impl IntoView {
    let params = use_params_map();
    let key = move || {
        params.with(|map| {
            (
                map.get("slug").unwrap_or_default(),
                map.get("position").and_then(|p| p.parse::<u32>().ok()),
            )
        })
    };
    let lesson = Resource::new(key, |(slug, position)| async move {
        match position {
            Some(position) => get_lesson(slug, position).await,
            None => Ok(None),
        }
    });
    view! {
        {found_or_not_found(lesson, move |page| view! { <Lesson page lesson_end /> })}
    }
}

#[component]
fn Lesson(page: LessonPage, lesson_end: LessonEnd) -> impl IntoView {
    let LessonPage {
        module_slug,
        module_title,
        position,
        title,
        body_html,
        lessons,
    } = page;
    let count = lessons.len();
    let href = |position: u32| format!("/resources/{module_slug}/lessons/{position}");
    let end = lesson_end(module_slug.clone(), position, lessons.clone());
    let contents = lessons
        .iter()
        .map(|lesson| {
            let current = lesson.position == position;
            view! {
                <li class="nhsuk-contents-list__item" aria-current=current.then_some("page")>
                    {if current {
                        view! { <span class="nhsuk-contents-list__current">{lesson.title.clone()}</span> }.into_any()
                    } else {
                        view! { <a class="nhsuk-contents-list__link" href=href(lesson.position)>{lesson.title.clone()}</a> }.into_any()
                    }}
                </li>
            }
        })
        .collect_view();

    view! {
        <Title text=format!("{title} – {module_title}") />
        <Breadcrumbs trail=vec![
            Crumb::new("Home", "/"),
            Crumb::new("Resources", "/resources"),
            Crumb::new(module_title.clone(), format!("/resources/{module_slug}")),
        ] />
        <div class="nhsuk-grid-row">
            <div class="nhsuk-grid-column-two-thirds">
                <span class="nhsuk-caption-l">{format!("{module_title}: lesson {position} of {count}")}</span>
                <h1 class="nhsuk-heading-l">{title}</h1>
                <nav class="nhsuk-contents-list" aria-label="Lessons in this module">
                    <h2 class="nhsuk-u-visually-hidden">"Lessons"</h2>
                    <ol class="nhsuk-contents-list__list">{contents}</ol>
                </nav>
                <div class="hub-prose" inner_html=body_html></div>
                {end}
            </div>
        </div>
    }
}
