//! Reporting member-written content that may break the community rules,
//! and moderating it: members report a profile, a message or a connection
//! request's note (`/report/{kind}/{target}`) and see what became of their
//! reports (`/account/reports`); curators and admins work through the
//! queue (`/curation/reports`), see each report in context and decide:
//! dismiss, hide the content, warn the member or (admins) suspend them.
//! Every decision goes in the audit log, and the reporter and the member
//! are told by email.
//!
//! The reported content belongs to the network area, which finds it (as the
//! reporter may see it) and hides it; suspending is the accounts area's.
//! Neither area uses this one.

mod pages;
mod server;
pub mod types;

#[cfg(feature = "ssr")]
mod emails;
#[cfg(feature = "ssr")]
pub mod handlers;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod subjects;

pub use pages::{OwnReportsPage, ReportCasePage, ReportPage, ReportsQueuePage};
pub use server::*;
