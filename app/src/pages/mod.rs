//! Pages that belong to no single domain area.

mod about;
mod error;
mod found;
mod home;
mod not_found;

pub use about::AboutPage;
pub use error::{plain_page, ServiceErrorPage, SERVICE_ERROR_HTML};
pub use found::found_or_not_found;
pub use home::HomePage;
pub use not_found::NotFoundPage;
