//! The capability self-assessment (`/account/capability`): a member rates
//! each domain of the framework for investigators (shared/domain.md) for
//! confidence and relevance to their role; the results show the gaps
//! (relevant but not confident) with resources tagged with that domain at
//! the next level, and the history of their takes as a small chart. Private
//! to the member.

mod pages;
mod server;
pub mod types;

#[cfg(feature = "ssr")]
pub mod handlers;
#[cfg(feature = "ssr")]
pub mod panel;
#[cfg(feature = "ssr")]
pub mod repo;

pub use pages::CapabilityPage;
pub use server::*;
