//! The isomorphic part of the Investigation Resources Hub: routes, pages,
//! components and (behind the `ssr` feature) the data layer that server
//! functions call.
#![recursion_limit = "256"]

pub mod components;
pub mod layout;
pub mod pages;
pub mod shell;

#[cfg(feature = "ssr")]
pub mod assets;
#[cfg(feature = "ssr")]
pub mod db;

pub use shell::{shell, App};

/// The service name, as shown in the header and in every page title.
pub const SERVICE_NAME: &str = "Investigation Resources Hub";
