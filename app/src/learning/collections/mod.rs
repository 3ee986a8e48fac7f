//! Collections: a member saves resources to named lists (a default
//! "Saved" and any they make) with a note each, in an order they choose,
//! and keeps each list private, shares it by an unguessable link, or shows
//! it on their profile; anyone can copy a shared list into their own.

mod pages;
mod server;
pub mod types;

#[cfg(feature = "ssr")]
pub mod handlers;
#[cfg(feature = "ssr")]
pub mod panel;
#[cfg(feature = "ssr")]
pub mod repo;

pub use pages::CollectionsArea;
pub use server::*;
