//! Server functions for the catalogue: what pages call, on the server
//! during rendering and over HTTP after hydration.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use serde::{Deserialize, Serialize};

use super::{LessonPage, ResourceCard, ResourceDetail};
use crate::resources::search::{ParamError, SearchOutcome};
use crate::vocabulary::Sector;
#[cfg(feature = "ssr")]
use crate::{
    db::{from_context, internal_error},
    markdown,
    resources::repo,
    resources::search::{engine, terms::SearchTerms, SearchParams},
};

/// Searches with the parameters of a URL query string (`q=…&sector=…`).
#[server(input = GetUrl)]
pub async fn search_resources(
    query: String,
) -> Result<Result<SearchOutcome, ParamError>, ServerFnError> {
    let db = from_context()?;
    let pairs: Vec<(String, String)> =
        form_urlencoded::parse(query.trim_start_matches('?').as_bytes())
            .into_owned()
            .collect();
    let params = match SearchParams::parse(&pairs) {
        Ok(params) => params,
        Err(error) => return Ok(Err(error)),
    };
    engine::search(&db, &params).await.map_err(internal_error)
}

/// Up to eight titles for what is being typed in the search box.
#[server(input = GetUrl)]
pub async fn suggest_titles(typed: String) -> Result<Vec<String>, ServerFnError> {
    let typed: String = typed
        .chars()
        .take(crate::resources::search::MAX_QUERY_CHARS)
        .collect();
    let terms = SearchTerms::parse(&typed);
    if terms
        .words
        .iter()
        .map(|word| word.chars().count())
        .sum::<usize>()
        < 2
    {
        return Ok(Vec::new());
    }
    repo::title_suggestions(&from_context()?, &terms, 8)
        .await
        .map_err(internal_error)
}

/// What the home page lists.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HomeLists {
    pub featured: Vec<ResourceCard>,
    pub newest: Vec<ResourceCard>,
}

#[server(input = GetUrl)]
pub async fn home_highlights() -> Result<HomeLists, ServerFnError> {
    let db = from_context()?;
    let featured = repo::latest(&db, true, 4).await.map_err(internal_error)?;
    let newest = repo::latest(&db, false, 4).await.map_err(internal_error)?;
    Ok(HomeLists { featured, newest })
}

/// A published resource with its rendered body and related items.
#[server(input = GetUrl)]
pub async fn get_resource(slug: String) -> Result<Option<ResourceDetail>, ServerFnError> {
    let db = from_context()?;
    let Some((card, row)) = repo::published_by_slug(&db, &slug)
        .await
        .map_err(internal_error)?
    else {
        return Ok(None);
    };
    let related = repo::related(&db, row.id, row.sectors, row.topics, 3)
        .await
        .map_err(internal_error)?;
    Ok(Some(ResourceDetail {
        card,
        body_html: markdown::render(&row.body),
        topics: crate::vocabulary::Topic::from_mask(row.topics),
        responses: crate::vocabulary::LearningResponse::from_mask(row.responses),
        audience: row.audience,
        cpd: (row.cpd_hours > 0.0).then(|| format!("{} hours", row.cpd_hours)),
        external_url: row.external_url,
        reviewed_on: row.reviewed_on.into(),
        review_by: row.review_by.into(),
        related,
    }))
}

/// One lesson of a published module.
#[server(input = GetUrl)]
pub async fn get_lesson(slug: String, position: u32) -> Result<Option<LessonPage>, ServerFnError> {
    let db = from_context()?;
    let Some((module_id, module_title, title, body)) =
        repo::lesson(&db, &slug, i64::from(position))
            .await
            .map_err(internal_error)?
    else {
        return Ok(None);
    };
    let lessons = repo::lesson_titles(&db, module_id)
        .await
        .map_err(internal_error)?;
    Ok(Some(LessonPage {
        module_slug: slug,
        module_title,
        position,
        title,
        body_html: markdown::render(&body),
        lessons,
    }))
}

/// A sector's landing page: how much there is and the best place to start.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SectorLanding {
    pub sector: Sector,
    pub total: i64,
    pub resources: Vec<ResourceCard>,
}

#[server(input = GetUrl)]
pub async fn sector_overview(slug: String) -> Result<Option<SectorLanding>, ServerFnError> {
    let Some(sector) = Sector::from_slug(&slug) else {
        return Ok(None);
    };
    let db = from_context()?;
    let total = repo::count_in_sector(&db, sector)
        .await
        .map_err(internal_error)?;
    let resources = repo::in_sector(&db, sector, 6)
        .await
        .map_err(internal_error)?;
    Ok(Some(SectorLanding {
        sector,
        total,
        resources,
    }))
}
