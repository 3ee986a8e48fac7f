//! Loading data into an empty hub: the demo catalogue people explore, and a
//! large synthetic one for benchmarks.

pub mod capability;
pub mod collections;
pub mod contributions;
pub mod demo;
pub mod learning;
pub mod network;
pub mod synthetic;
pub mod synthetic_network;
pub mod usefulness;

/// A demo member as the made-up answers need them: their id, key, sectors
/// (a bit mask) and level of experience.
pub struct DemoMember<'a> {
    pub user_id: i64,
    pub key: &'a str,
    pub sectors: i64,
    pub level: Option<app::vocabulary::Level>,
}

#[derive(Debug, thiserror::Error)]
pub enum SeedError {
    #[error("The demo data is not valid: {0}.")]
    InvalidData(String),
    #[error("Could not write to the database: {0}.")]
    Database(#[from] sqlx::Error),
}
