//! "Was this useful?" on every resource: a member answers yes or no with
//! an optional comment (one answer each, which they can change or remove),
//! stored with their sectors, region and role title at the time (each only
//! if their profile shows it to every member). The page shows
//! the count from five answers; curators see usefulness per resource by
//! sector, with the comments, at `/curation/usefulness`.

mod pages;
mod server;
pub mod types;

#[cfg(feature = "ssr")]
pub mod panel;
#[cfg(feature = "ssr")]
pub mod repo;

pub use pages::{ResourceUsefulnessPage, UsefulnessReportPage};
pub use server::*;
