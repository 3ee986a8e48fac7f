//! The moderation pages: the report form and a member's own reports
//! (`report`), and the moderators' queue and case page (`queue`).

mod queue;
mod report;

pub use queue::{ReportCasePage, ReportsQueuePage};
pub use report::{OwnReportsPage, ReportPage};
