mod cpd;
#[cfg(feature = "ssr")]
pub(crate) mod outline;
mod progress;
mod record;

pub use cpd::{CpdEntryPage, NewCpdEntryPage};
pub use progress::{lesson_end, with_reader_panels};
pub use record::{CpdPrintPage, LearningPage};

use leptos::prelude::*;

/// `/resources/{slug}/lessons/{position}`: the catalogue's lesson, ending
/// with the reader's progress.
#[component]
pub fn LessonWithProgress() -> impl IntoView {
    view! { <crate::resources::LessonView lesson_end=lesson_end /> }
}
