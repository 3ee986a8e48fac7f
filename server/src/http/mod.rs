//! HTTP plumbing that is not a page: probes, headers, caching, panics,
//! body limits.

pub mod body_limit;
pub mod headers;
pub mod health;
pub mod moved;
