//! The frame every page shares: skip link, header, footer and breadcrumbs.

mod breadcrumbs;
mod footer;
mod header;

pub use breadcrumbs::{Breadcrumbs, Crumb};
pub use footer::Footer;
pub use header::{Header, Notice, SkipLink};
