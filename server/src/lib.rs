//! The hub's server: configuration, database start-up, HTTP plumbing and
//! the command-line interface. Pages and server functions live in `app`.
// Deeply nested page types (release builds keep them unerased).
#![recursion_limit = "256"]

pub mod backup;
pub mod cli;
pub mod config;
pub mod db;
pub mod http;
pub mod links;
pub mod progress;
pub mod seed;
pub mod startup;
pub mod telemetry;
