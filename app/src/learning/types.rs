//! What the learning pages show of progress, and the pure rules behind
//! it: when a module is complete, where to carry on, which lesson is next
//! (the server decides and renders the module page's part; the client
//! shows the end of a lesson).

use serde::{Deserialize, Serialize};

use super::checks::CheckStanding;
use super::cpd::CpdEntry;
use crate::dates::Day;

/// A member's progress through one module.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ModuleProgress {
    /// Positions of the lessons marked done, in order.
    pub done: Vec<u32>,
    /// When the module was completed, if it was.
    pub completed_on: Option<Day>,
    /// Where the member stands against the pass mark of the module's
    /// knowledge checks (None for a module without any).
    pub standing: Option<CheckStanding>,
    /// The session's CSRF token, for the lesson's "mark as done" form: a
    /// plain form, so a lesson's page carries none of the form machinery
    /// (empty where no form is shown).
    pub csrf_token: String,
}

/// What a module or lesson page knows of its reader's progress.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Progress {
    /// Not signed in: nothing is kept, and the page says so.
    SignedOut,
    Member(ModuleProgress),
}

/// What the end of a lesson shows its reader: their progress, and the
/// lesson's knowledge check as HTML the server rendered (empty if it has
/// none), so the client carries none of its views.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LessonEnd {
    pub progress: Progress,
    pub check_html: String,
}

/// Whether a module is complete: every lesson (given by position) done and
/// the pass mark of its knowledge checks met (`checks_passed`; true for a
/// module without any). A module without lessons is never complete: there
/// is nothing to take.
pub fn is_complete(lessons: &[u32], done: &[u32], checks_passed: bool) -> bool {
    !lessons.is_empty() && lessons.iter().all(|lesson| done.contains(lesson)) && checks_passed
}

/// Where "continue where you left off" leads: the first lesson, in order,
/// not yet done (None once all are).
pub fn continue_at(lessons: &[u32], done: &[u32]) -> Option<u32> {
    lessons
        .iter()
        .copied()
        .find(|lesson| !done.contains(lesson))
}

/// The lesson after `position`, if there is one.
pub fn next_lesson(lessons: &[u32], position: u32) -> Option<u32> {
    lessons.iter().copied().filter(|&l| l > position).min()
}

/// What a resource's page shows its reader around the text, as HTML the
/// server rendered: above it (a refused answer's error summary; for a
/// module, start or carry on) and below it (a module's lessons, then "Was
/// this useful?"). Two fields, not one per part: each costs the client's
/// main module bytes, and it is near its ceiling.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReaderPanels {
    pub lead: String,
    pub after: String,
}

/// A module on the learning page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ModuleSummary {
    pub slug: String,
    pub title: String,
    pub lessons_done: u32,
    pub lessons: u32,
    /// The lesson to carry on with (in progress only).
    pub continue_at: Option<u32>,
    /// Every lesson done, but the knowledge checks' pass mark not met.
    pub below_pass_mark: bool,
    pub completed_on: Option<Day>,
}

/// A resource the member opened lately.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecentResource {
    pub slug: String,
    pub title: String,
    /// How long ago, as the server said it ("3 days ago").
    pub viewed: String,
}

/// Everything `/account/learning` shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LearningRecord {
    pub display_name: String,
    pub modules: Vec<ModuleSummary>,
    /// Newest first.
    pub cpd: Vec<CpdEntry>,
    pub recent: Vec<RecentResource>,
    /// Newest first.
    pub certificates: Vec<super::credentials::types::CertificateSummary>,
    /// When the member last took the capability self-assessment.
    pub self_assessed_on: Option<Day>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_module_is_complete_when_every_lesson_is_done() {
        assert!(!is_complete(&[1, 2, 3], &[1, 3], true));
        assert!(is_complete(&[1, 2, 3], &[3, 1, 2], true));
        assert!(
            !is_complete(&[1, 2, 3], &[3, 1, 2], false),
            "the knowledge checks' pass mark is not met"
        );
        assert!(!is_complete(&[], &[], true), "nothing to take");
        assert_eq!(continue_at(&[1, 2, 3], &[1, 3]), Some(2));
        assert_eq!(continue_at(&[1, 2, 3], &[]), Some(1));
        assert_eq!(continue_at(&[1, 2], &[1, 2]), None);
        assert_eq!(next_lesson(&[1, 2, 4], 2), Some(4));
        assert_eq!(next_lesson(&[1, 2], 2), None);
    }
}
