//! Accounts: registration, sign-in, roles, two-step verification and the
//! security records around them. Sessions, CSRF, the access rule and rate
//! limits are `web`'s, below every domain area. Forms post to plain axum
//! handlers (`handlers`), so every flow works without JavaScript; pages are
//! Leptos components (`pages`); reads for pages are server functions
//! (`server`); queries live in `repo` and `audit`.

mod pages;
mod server;
mod types;

#[cfg(feature = "ssr")]
pub mod audit;
#[cfg(feature = "ssr")]
pub mod handlers;
#[cfg(feature = "ssr")]
pub mod mfa;
#[cfg(feature = "ssr")]
pub mod password;
#[cfg(feature = "ssr")]
pub mod repo;

pub use pages::*;
pub use server::*;
pub use types::*;
