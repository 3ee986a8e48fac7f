//! The isomorphic part of the Investigation Resources Hub: routes, pages,
//! components and (behind the `ssr` feature) the data layer that server
//! functions call.
#![recursion_limit = "256"]

pub mod accounts;
pub mod addresses;
pub mod chunks;
pub mod components;
pub mod controls;
pub mod curation;
pub mod dates;
pub mod forms;
pub mod layout;
pub mod learning;
pub mod moderation;
pub mod network;
pub mod organisations;
pub mod pages;
pub mod raw_text;
pub mod resources;
pub mod response;
pub mod service;
pub mod shell;
#[cfg(feature = "ssr")]
pub mod slugs;
pub mod toolkits;
pub mod vocabulary;

#[cfg(feature = "ssr")]
pub mod assets;
#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod markdown;
pub mod web;

#[cfg(feature = "ssr")]
pub use shell::shell_view;
pub use shell::{shell, App};

/// The service name, as shown in the header and in every page title.
pub const SERVICE_NAME: &str = "Investigation Resources Hub";
