//! Loading data into an empty hub: the demo catalogue people explore, and a
//! large synthetic one for benchmarks.

pub mod collections;
pub mod contributions;
pub mod demo;
pub mod learning;
pub mod network;
pub mod synthetic;
pub mod synthetic_network;
pub mod usefulness;

#[derive(Debug, thiserror::Error)]
pub enum SeedError {
    #[error("The demo data is not valid: {0}.")]
    InvalidData(String),
    #[error("Could not write to the database: {0}.")]
    Database(#[from] sqlx::Error),
}
