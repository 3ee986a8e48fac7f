//! Small NHS.UK design-system building blocks shared by pages.

mod cards;
mod error_summary;
mod logo;
mod pagination;
mod tabs;

pub use cards::{CardGroup, NavCard};
pub use error_summary::ErrorSummary;
pub use logo::NhsLogo;
pub use pagination::Pagination;
pub use tabs::{TabPanel, Tabs};
