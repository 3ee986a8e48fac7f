//! Certificates: completing a module issues one. Its page
//! (`/credentials/{id}`) tells anyone with the link whether it stands and
//! whom it was issued to (as far as the holder chose to show); its holder
//! downloads it as a PDF and as an Open Badges 3.0 credential signed with
//! the hub's Ed25519 key (a VC-JWT), which anyone can check on
//! `/credentials/check` or offline against the key the hub publishes. An
//! admin can revoke one.

mod pages;
mod server;
pub mod types;

#[cfg(feature = "ssr")]
pub mod handlers;
#[cfg(feature = "ssr")]
pub mod pdf;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod signing;

pub use pages::CredentialsArea;
pub use server::*;
