//! Organisations that publish, co-ordinate or signpost resources: their
//! list, their editor (curators) and their store. A provider's own page,
//! which lists its resources, is the catalogue's (`resources::provider`).

pub mod editor;
mod pages;
#[cfg(feature = "ssr")]
pub mod repo;
mod server;

pub use editor::{CurationOrganisationsPage, OrganisationEditorPage};
pub use pages::OrganisationsPage;
#[cfg(feature = "ssr")]
pub use repo::{all, by_slug};
pub use server::list_organisations;

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
