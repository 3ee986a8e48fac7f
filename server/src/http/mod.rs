//! HTTP plumbing that is not a page: probes, headers, caching, panics,
//! request limits (size and time).

pub mod headers;
pub mod health;
pub mod moved;
pub mod request_limits;
