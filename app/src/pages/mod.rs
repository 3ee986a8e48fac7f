//! Pages that belong to no single domain area.

mod about;
mod error;
mod home;

pub use crate::components::NotFoundPage;
pub use about::AboutPage;
pub use error::ServiceErrorPage;
pub use home::HomePage;
