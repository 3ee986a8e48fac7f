//! The curation and contribution pages.

mod editor;
mod history;
mod lists;
mod reports;
mod review;

pub use editor::{EditContributionPage, LessonEditorPage, NewContributionPage};
pub use history::HistoryPage;
pub use lists::{MyContributionsPage, ReviewQueuePage};
pub use reports::*;
pub use review::ContributionPage;
