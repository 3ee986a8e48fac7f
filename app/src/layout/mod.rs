//! The frame every page shares: skip link, header (with who is signed in
//! and their network's counts), phase banner, notice and footer. Only the shell uses it;
//! page parts such as breadcrumbs are `components`.

mod footer;
mod header;
mod viewer;

pub use footer::Footer;
pub use header::{Header, Notice, PhaseBanner, SkipLink};
pub use viewer::{current_viewer, ViewerResource, ViewerState};
