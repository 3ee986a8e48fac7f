//! The interactive toolkits: an investigation workspace ("Your
//! investigations") holding a learning response's details and its
//! timeline. The rules (`timeline`) are plain functions shared by the
//! server's forms and the browser.

pub mod actions;
pub mod analysis;
pub mod exchange;
pub mod local;
mod pages;
mod reading;
pub mod report;
mod server;
pub mod sharing;
pub mod timeline;
pub mod types;

#[cfg(feature = "hydrate")]
mod browser;
#[cfg(feature = "ssr")]
mod downloads;
#[cfg(feature = "ssr")]
pub mod example;
#[cfg(feature = "ssr")]
pub mod handlers;
#[cfg(feature = "ssr")]
pub mod repo;

pub use pages::{LocalTimelinePage, WorkspacesArea};
pub use server::*;
