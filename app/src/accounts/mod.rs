//! Accounts: registration, sign-in, sessions, roles, two-step verification
//! and the security records around them. Forms post to plain axum handlers
//! (`handlers`), so every flow works without JavaScript; pages are Leptos
//! components (`pages`); reads for pages are server functions (`server`);
//! queries live in `repo`, `audit`, `rate_limit` and `session`.

pub mod authz;
mod pages;
mod server;
mod types;

#[cfg(feature = "ssr")]
pub mod audit;
#[cfg(feature = "ssr")]
pub mod csrf;
#[cfg(feature = "ssr")]
pub mod handlers;
#[cfg(feature = "ssr")]
pub mod mail;
#[cfg(feature = "ssr")]
pub mod mfa;
#[cfg(feature = "ssr")]
pub mod password;
#[cfg(feature = "ssr")]
pub mod rate_limit;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod session;
#[cfg(feature = "ssr")]
pub mod tokens;

pub use pages::*;
pub use server::*;
pub use types::*;
