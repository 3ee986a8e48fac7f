//! Curation: the reports and tools that keep the catalogue trustworthy —
//! searches that found nothing, review dates, link health and export.
//! Pages are for curators and admins (`authz::page_access`); the link
//! checker itself runs in the server (`server::links`).

mod pages;
mod server;
mod types;

#[cfg(feature = "ssr")]
pub mod export;
#[cfg(feature = "ssr")]
pub mod import;
#[cfg(feature = "ssr")]
pub mod repo;

pub use pages::*;
pub use server::*;
pub use types::*;
