//! Server functions behind the curation pages: reads for curators and
//! admins only.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

#[cfg(feature = "ssr")]
use super::repo;
use super::types::{LinkReport, MissedSearch, ReviewDates};
#[cfg(feature = "ssr")]
use crate::db::{from_context, internal_error};
#[cfg(feature = "ssr")]
use crate::web::{
    access::{require, Access},
    identity::Role,
};

/// How many fruitless searches the report lists.
pub const MISSED_SEARCHES_SHOWN: i64 = 200;

/// `/curation/searches`: what people looked for and did not find.
#[server(input = GetUrl)]
pub async fn get_missed_searches() -> Result<Vec<MissedSearch>, ServerFnError> {
    require(Access::AtLeast(Role::Curator))?;
    let db = from_context()?;
    repo::missed_searches(&db, MISSED_SEARCHES_SHOWN)
        .await
        .map_err(internal_error)
}

/// `/curation/review-dates`: overdue and soon-due reviews.
#[server(input = GetUrl)]
pub async fn get_review_dates() -> Result<ReviewDates, ServerFnError> {
    require(Access::AtLeast(Role::Curator))?;
    let db = from_context()?;
    let today = chrono::Utc::now().date_naive();
    repo::review_dates(&db, today).await.map_err(internal_error)
}

/// `/curation/links`: external links that failed their last check.
#[server(input = GetUrl)]
pub async fn get_link_report() -> Result<LinkReport, ServerFnError> {
    require(Access::AtLeast(Role::Curator))?;
    let db = from_context()?;
    repo::link_report(&db).await.map_err(internal_error)
}
