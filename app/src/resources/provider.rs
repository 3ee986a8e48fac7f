//! A provider's page: the organisation and its published resources. It
//! lives with the catalogue because it lists resources; `organisations`
//! knows nothing of resources.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use serde::{Deserialize, Serialize};

use super::ResourceCard;
#[cfg(feature = "ssr")]
use crate::db::{from_context, internal_error};
use crate::organisations::Organisation;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OrganisationWithResources {
    pub organisation: Organisation,
    pub resources: Vec<ResourceCard>,
}

#[server(input = GetUrl)]
pub async fn get_organisation(
    slug: String,
) -> Result<Option<OrganisationWithResources>, ServerFnError> {
    let db = from_context()?;
    let Some(organisation) = crate::organisations::by_slug(&db, &slug)
        .await
        .map_err(internal_error)?
    else {
        return Ok(None);
    };
    let resources = super::repo::by_provider(&db, &slug)
        .await
        .map_err(internal_error)?;
    Ok(Some(OrganisationWithResources {
        organisation,
        resources,
    }))
}
