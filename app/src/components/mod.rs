//! Small NHS.UK design-system building blocks shared by pages.

mod cards;
mod logo;
mod tabs;

pub use cards::{CardGroup, NavCard};
pub use logo::NhsLogo;
pub use tabs::{TabPanel, Tabs};
