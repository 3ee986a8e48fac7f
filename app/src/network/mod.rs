//! The professional network: investigator profiles with per-detail
//! visibility, the directory, connections (and mentoring requests), blocks
//! and messages. Forms post to axum handlers (`handlers`), pages are Leptos
//! components (`pages`) fed by GET server functions (`server`); queries
//! live in `repo` (profiles, directory), `connections` and `messages`.

mod pages;
pub mod profile;
mod server;
mod types;

#[cfg(feature = "ssr")]
pub mod connections;
#[cfg(feature = "ssr")]
pub mod export;
#[cfg(feature = "ssr")]
pub mod handlers;
#[cfg(feature = "ssr")]
pub mod messages;
#[cfg(feature = "ssr")]
pub mod repo;

pub use pages::*;
pub use server::*;
pub use types::*;

/// What the header counts for a signed-in member.
#[cfg(feature = "ssr")]
pub async fn counts(db: &crate::db::Db, user_id: i64) -> sqlx::Result<NetworkCounts> {
    Ok(NetworkCounts {
        pending_requests: connections::pending_count(db, user_id).await?,
        unread_messages: messages::unread_count(db, user_id).await?,
    })
}
