//! The catalogue: modules, toolkits, guides and signposted resources, its
//! search (`search`: ranking, facets, spelling), the pages that show them,
//! including each provider's page, and the read API.

#[cfg(feature = "ssr")]
pub mod api;
mod pages;
pub mod provider;
pub mod questions;
#[cfg(feature = "ssr")]
pub mod repo;
pub mod search;
mod server;
pub mod tools;
mod types;

pub use pages::{
    LessonEnd, LessonView, OrganisationPage, ResourceList, ResourcePage, ResourceText,
    ResourcesPage, SectorPage, ToolkitsPage,
};
pub use server::*;
pub use types::*;
