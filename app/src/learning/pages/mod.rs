mod cpd;
#[cfg(feature = "ssr")]
pub(crate) mod outline;
mod progress;
mod record;

pub use cpd::{CpdEntryPage, NewCpdEntryPage};
pub use progress::{lesson_end, with_reader_panels};
pub use record::{CpdPrintPage, LearningPage};

use leptos::prelude::*;

use crate::components::Crumb;

/// The way back from a page of the learning record.
pub fn learning_trail() -> Vec<Crumb> {
    vec![
        Crumb::new("Home", "/"),
        Crumb::new("Your account", "/account"),
        Crumb::new("Your learning", "/account/learning"),
    ]
}

/// `/account/learning` and `/account/capability`, told apart by the
/// address: one lazy route for both, as each costs the client's main
/// module, which every first visit loads.
#[component]
pub fn LearningArea() -> impl IntoView {
    let location = leptos_router::hooks::use_location();
    let self_assessment = Memo::new(move |_| {
        location
            .pathname
            .with(|path| path.starts_with("/account/capability"))
    });
    move || {
        if self_assessment.get() {
            view! { <super::capability::CapabilityPage /> }.into_any()
        } else {
            view! { <LearningPage /> }.into_any()
        }
    }
}

/// `/resources/{slug}/lessons/{position}`: the catalogue's lesson, ending
/// with the reader's progress.
#[component]
pub fn LessonWithProgress() -> impl IntoView {
    view! { <crate::resources::LessonView lesson_end=lesson_end /> }
}
