use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

use super::Organisation;
#[cfg(feature = "ssr")]
use crate::db::{from_context, internal_error};

#[server(input = GetUrl)]
pub async fn list_organisations() -> Result<Vec<Organisation>, ServerFnError> {
    super::repo::all(&from_context()?)
        .await
        .map_err(internal_error)
}
