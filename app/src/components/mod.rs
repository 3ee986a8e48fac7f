//! Small NHS.UK design-system building blocks shared by pages.

mod breadcrumbs;
mod cards;
mod error_summary;
mod found;
mod logo;
mod not_found;
mod pagination;
mod table;
mod tabs;

pub use breadcrumbs::{Breadcrumbs, Crumb};
pub use cards::{CardGroup, NavCard};
pub use error_summary::ErrorSummary;
pub use found::found_or_not_found;
pub use logo::NhsLogo;
pub use not_found::NotFoundPage;
pub use pagination::Pagination;
pub use table::Table;
pub use tabs::{TabPanel, Tabs};
