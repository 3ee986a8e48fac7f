//! Web machinery every domain area shares and that knows none of them:
//! who is signed in (identity, session, client address), what they may do
//! (the access rule and its guards), CSRF, rate limits, secrets, email,
//! form posts (and uploads) and their "show the page again with its
//! errors", and input made safe to parse. Domain areas depend on this module; it depends on
//! no domain area (`app/tests/module_graph.rs` checks).

pub mod access;
pub mod feedback;
pub mod identity;

#[cfg(feature = "ssr")]
pub mod client_address;
#[cfg(feature = "ssr")]
pub mod cookies;
#[cfg(feature = "ssr")]
pub mod csrf;
#[cfg(feature = "ssr")]
pub mod form;
#[cfg(feature = "ssr")]
pub mod input;
#[cfg(feature = "ssr")]
pub mod mail;
#[cfg(feature = "ssr")]
pub mod plain;
#[cfg(feature = "ssr")]
pub mod rate_limit;
#[cfg(feature = "ssr")]
pub mod session;
#[cfg(feature = "ssr")]
pub mod site;
#[cfg(feature = "ssr")]
pub mod tokens;
#[cfg(feature = "ssr")]
pub mod upload;
