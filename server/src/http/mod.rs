//! HTTP plumbing that is not a page: probes, headers, caching, panics.

pub mod headers;
pub mod health;
pub mod moved;
