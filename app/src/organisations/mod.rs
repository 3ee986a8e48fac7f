//! Organisations that publish, co-ordinate or signpost resources.

pub mod editor;
mod pages;
#[cfg(feature = "ssr")]
pub mod repo;
mod server;

pub use editor::{CurationOrganisationsPage, OrganisationEditorPage};
pub use pages::{OrganisationPage, OrganisationsPage};
pub use server::{get_organisation, list_organisations, OrganisationWithResources};

use serde::{Deserialize, Serialize};

use crate::vocabulary::OrganisationKind;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Organisation {
    #[serde(skip)]
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub kind: OrganisationKind,
    pub website: Option<String>,
    pub description: String,
}
