use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use serde::{Deserialize, Serialize};

use super::Organisation;
#[cfg(feature = "ssr")]
use crate::db::{from_context, internal_error};
use crate::resources::ResourceCard;

#[server(input = GetUrl)]
pub async fn list_organisations() -> Result<Vec<Organisation>, ServerFnError> {
    super::repo::all(&from_context()?)
        .await
        .map_err(internal_error)
}

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
    let Some(organisation) = super::repo::by_slug(&db, &slug)
        .await
        .map_err(internal_error)?
    else {
        return Ok(None);
    };
    let resources = crate::resources::repo::by_provider(&db, &slug)
        .await
        .map_err(internal_error)?;
    Ok(Some(OrganisationWithResources {
        organisation,
        resources,
    }))
}
