//! Curation: keeping the catalogue trustworthy. Contributions (the editor,
//! the review workflow, revision history, duplicate control) and the
//! reports for curators (searches that found nothing, review dates, link
//! health, export and import). Curation pages are for curators and admins
//! and `/contribute` for contributors (`authz::page_access`); the link
//! checker itself runs in the server (`server::links`).

pub mod contribution;
pub mod contribution_server;
pub mod draft;
pub mod duplicates;
mod pages;
pub mod question_draft;
pub mod revisions;
mod server;
mod types;
pub mod workflow;

#[cfg(feature = "ssr")]
pub mod contribution_repo;
#[cfg(feature = "ssr")]
mod duplicate_repo;
#[cfg(feature = "ssr")]
pub mod export;
#[cfg(feature = "ssr")]
pub mod handlers;
#[cfg(feature = "ssr")]
pub mod import;
#[cfg(feature = "ssr")]
pub mod repo;

pub use pages::*;
pub use server::*;
pub use types::*;
