//! The read API for partner organisations: `/api/v1/resources`,
//! `/api/v1/resources/{slug}` and `/api/v1/organisations`. Field names are a
//! contract (documented in README.md); add fields, never rename them.

use axum::extract::{FromRef, Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono::NaiveDate;
use serde::Serialize;
use serde_json::json;

use super::{repo, ResourceCard};
use crate::accounts::authz::{Access, Endpoints};
use crate::db::Db;
use crate::organisations;
use crate::search::{engine, FacetGroup, ParamError, SearchParams, PAGE_SIZE};

/// The read API: open to anyone, from any origin.
pub fn routes<S>() -> Endpoints<S>
where
    S: Clone + Send + Sync + 'static,
    Db: FromRef<S>,
{
    Endpoints::new()
        .get("/api/v1/resources", Access::Public, list_resources)
        .get("/api/v1/resources/{slug}", Access::Public, get_resource)
        .get("/api/v1/organisations", Access::Public, list_organisations)
}

#[derive(Serialize)]
struct ApiProvider {
    slug: String,
    name: String,
}

#[derive(Serialize)]
struct ApiResource {
    slug: String,
    kind: &'static str,
    title: String,
    summary: String,
    provider: ApiProvider,
    level: &'static str,
    sectors: Vec<&'static str>,
    estimated_minutes: u32,
    published_on: Option<NaiveDate>,
    /// Where people read it on the hub.
    html_url: String,
}

impl From<ResourceCard> for ApiResource {
    fn from(card: ResourceCard) -> Self {
        ApiResource {
            html_url: format!("/resources/{}", card.slug),
            slug: card.slug,
            kind: card.kind.slug(),
            title: card.title,
            summary: card.summary,
            provider: ApiProvider {
                slug: card.provider.slug,
                name: card.provider.name,
            },
            level: card.level.slug(),
            sectors: card.sectors.iter().map(|sector| sector.slug()).collect(),
            estimated_minutes: card.minutes,
            published_on: card.published_on,
        }
    }
}

fn bad_request(error: ParamError) -> Response {
    (
        StatusCode::BAD_REQUEST,
        Json(json!({ "error": { "parameter": error.parameter, "message": error.message } })),
    )
        .into_response()
}

fn internal(error: sqlx::Error) -> Response {
    tracing::error!(%error, "API request failed");
    (
        StatusCode::INTERNAL_SERVER_ERROR,
        Json(json!({ "error": { "message": "Sorry, there is a problem with the service" } })),
    )
        .into_response()
}

fn facets_json(groups: Vec<FacetGroup>) -> serde_json::Map<String, serde_json::Value> {
    groups
        .into_iter()
        .map(|group| {
            let values: Vec<_> = group
                .values
                .into_iter()
                .map(|value| json!({ "value": value.slug, "label": value.label, "count": value.count, "selected": value.selected }))
                .collect();
            (group.parameter, serde_json::Value::Array(values))
        })
        .collect()
}

/// `GET /api/v1/resources`: the same parameters as the `/resources` page.
async fn list_resources(State(db): State<Db>, RawQuery(query): RawQuery) -> Response {
    let pairs: Vec<(String, String)> = form_urlencoded::parse(query.unwrap_or_default().as_bytes())
        .into_owned()
        .collect();
    let params = match SearchParams::parse(&pairs) {
        Ok(params) => params,
        Err(error) => return bad_request(error),
    };
    match engine::search(&db, &params).await {
        Err(error) => internal(error),
        Ok(Err(error)) => bad_request(error),
        Ok(Ok(outcome)) => Json(json!({
            "total": outcome.total,
            "page": outcome.params.page,
            "per_page": PAGE_SIZE,
            "pages": outcome.pages,
            "corrected_query": outcome.corrected_query,
            "items": outcome.results.into_iter().map(ApiResource::from).collect::<Vec<_>>(),
            "facets": facets_json(outcome.facets),
        }))
        .into_response(),
    }
}

/// `GET /api/v1/resources/{slug}`: one published resource in full.
async fn get_resource(State(db): State<Db>, Path(slug): Path<String>) -> Response {
    let found = match repo::published_by_slug(&db, &slug).await {
        Ok(found) => found,
        Err(error) => return internal(error),
    };
    let Some((card, row)) = found else {
        return (
            StatusCode::NOT_FOUND,
            Json(json!({ "error": { "message": format!("there is no published resource called '{slug}'") } })),
        )
            .into_response();
    };
    let lessons = match repo::lesson_titles(&db, row.id).await {
        Ok(lessons) => lessons,
        Err(error) => return internal(error),
    };
    let mut body = serde_json::to_value(ApiResource::from(card)).unwrap_or_default();
    let extra = json!({
        "body_html": crate::markdown::render(&row.body),
        "topics": crate::vocabulary::Topic::from_mask(row.topics).iter().map(|t| t.slug()).collect::<Vec<_>>(),
        "learning_responses": crate::vocabulary::LearningResponse::from_mask(row.responses).iter().map(|r| r.slug()).collect::<Vec<_>>(),
        "audience": row.audience,
        "cpd_hours": row.cpd_hours,
        "external_url": row.external_url,
        "last_reviewed_on": row.reviewed_on,
        "review_by": row.review_by,
        "lessons": lessons.into_iter().map(|l| json!({ "position": l.position, "title": l.title })).collect::<Vec<_>>(),
    });
    if let (Some(body), serde_json::Value::Object(extra)) = (body.as_object_mut(), extra) {
        body.extend(extra);
    }
    Json(body).into_response()
}

/// `GET /api/v1/organisations`.
async fn list_organisations(State(db): State<Db>) -> Response {
    match organisations::repo::all(&db).await {
        Ok(all) => Json(json!({ "items": all })).into_response(),
        Err(error) => internal(error),
    }
}
