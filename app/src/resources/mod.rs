//! The catalogue: modules, toolkits, guides and signposted resources.

#[cfg(feature = "ssr")]
pub mod api;
mod pages;
#[cfg(feature = "ssr")]
pub mod repo;
mod server;
mod types;

pub use pages::{LessonView, ResourceList, ResourcePage, ResourcesPage, SectorPage, ToolkitsPage};
pub use server::*;
pub use types::*;
