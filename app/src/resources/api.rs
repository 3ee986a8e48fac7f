//! The read API for partner organisations: `/api/v1/resources`,
//! `/api/v1/resources/{slug}` and `/api/v1/organisations`, described by an
//! OpenAPI document generated from these types at `/api/v1/openapi.json`.
//! Field names are a contract (documented in README.md); add fields, never
//! rename them.

use crate::dates::Day;
use std::collections::BTreeMap;

use axum::extract::{FromRef, Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono::NaiveDate;
use serde::Serialize;
use utoipa::{IntoParams, OpenApi, ToSchema};

use super::{repo, ResourceCard};
use crate::db::Db;
use crate::organisations;
use crate::resources::search::{engine, FacetGroup, ParamError, SearchParams, Sort, PAGE_SIZE};
use crate::vocabulary::{
    Capability, LearningResponse, Level, OrganisationKind, ResourceKind, Sector, Topic,
};
use crate::web::access::{Access, Endpoints};

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
        .get("/api/v1/openapi.json", Access::Public, openapi_document)
}

/// The API's description, generated from the handlers and types below.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "Investigation Resources Hub API",
        version = "1",
        description = "Published modules, toolkits, guides and signposted resources for NHS patient-safety investigators, and the organisations that provide them. Read-only, open to anyone, from any origin."
    ),
    paths(list_resources, get_resource, list_organisations),
    components(schemas(ApiError, ApiErrorBody, Sort))
)]
pub struct ApiDoc;

/// `GET /api/v1/openapi.json`.
async fn openapi_document() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}

#[derive(Serialize, ToSchema)]
struct ApiProvider {
    slug: String,
    name: String,
}

/// A published resource as listed.
#[derive(Serialize, ToSchema)]
struct ApiResource {
    slug: String,
    kind: ResourceKind,
    title: String,
    summary: String,
    provider: ApiProvider,
    level: Level,
    sectors: Vec<Sector>,
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
            kind: card.kind,
            title: card.title,
            summary: card.summary,
            provider: ApiProvider {
                slug: card.provider.slug,
                name: card.provider.name,
            },
            level: card.level,
            sectors: card.sectors,
            estimated_minutes: card.minutes,
            published_on: card.published_on.and_then(Day::to_naive_date),
        }
    }
}

/// One value of a facet, with how many results it would give.
#[derive(Serialize, ToSchema)]
struct ApiFacetValue {
    value: String,
    label: String,
    count: u32,
    selected: bool,
}

/// A page of search results.
#[derive(Serialize, ToSchema)]
struct ResourceList {
    total: u32,
    page: u32,
    per_page: u32,
    pages: u32,
    /// Set when nothing matched the words as typed and the results are for
    /// this spelling instead.
    corrected_query: Option<String>,
    items: Vec<ApiResource>,
    /// Each facet's URL parameter, with its values.
    facets: BTreeMap<String, Vec<ApiFacetValue>>,
}

#[derive(Serialize, ToSchema)]
struct ApiLesson {
    position: u32,
    title: String,
}

/// One published resource in full.
#[derive(Serialize, ToSchema)]
struct ResourceDetail {
    #[serde(flatten)]
    resource: ApiResource,
    /// The content as sanitised HTML.
    body_html: String,
    topics: Vec<Topic>,
    /// The domains of the capability framework for investigators it helps
    /// someone develop.
    capabilities: Vec<Capability>,
    learning_responses: Vec<LearningResponse>,
    audience: String,
    cpd_hours: f64,
    external_url: Option<String>,
    last_reviewed_on: NaiveDate,
    review_by: NaiveDate,
    lessons: Vec<ApiLesson>,
}

#[derive(Serialize, ToSchema)]
struct ApiOrganisation {
    slug: String,
    name: String,
    kind: OrganisationKind,
    website: Option<String>,
    description: String,
}

#[derive(Serialize, ToSchema)]
struct OrganisationList {
    items: Vec<ApiOrganisation>,
}

/// What went wrong, in words a person can act on.
#[derive(Serialize, ToSchema)]
struct ApiError {
    error: ApiErrorBody,
}

#[derive(Serialize, ToSchema)]
struct ApiErrorBody {
    /// The query parameter at fault, if one was.
    #[serde(skip_serializing_if = "Option::is_none")]
    parameter: Option<String>,
    message: String,
}

/// The parameters [`ResourceQuery`] describes.
const QUERY_PARAMETERS: [&str; 10] = [
    "q",
    "kind",
    "sector",
    "topic",
    "capability",
    "level",
    "response",
    "provider",
    "sort",
    "page",
];

/// The search parameters, as the `/resources` page takes them. Each facet
/// may be repeated to select several values.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)] // Describes the query string; the handler parses it itself.
struct ResourceQuery {
    /// Search terms.
    #[param(max_length = 200)]
    q: Option<String>,
    kind: Option<Vec<ResourceKind>>,
    sector: Option<Vec<Sector>>,
    topic: Option<Vec<Topic>>,
    /// Domains of the capability framework for investigators.
    capability: Option<Vec<Capability>>,
    level: Option<Vec<Level>>,
    response: Option<Vec<LearningResponse>>,
    /// Providers' slugs.
    provider: Option<Vec<String>>,
    /// Best match first by default when there are search terms, else newest.
    sort: Option<Sort>,
    /// Which page of results, from 1.
    #[param(minimum = 1)]
    page: Option<u32>,
}

fn error(status: StatusCode, parameter: Option<String>, message: String) -> Response {
    (
        status,
        Json(ApiError {
            error: ApiErrorBody { parameter, message },
        }),
    )
        .into_response()
}

fn bad_request(error: ParamError) -> Response {
    self::error(
        StatusCode::BAD_REQUEST,
        Some(error.parameter),
        error.message,
    )
}

fn internal(failure: sqlx::Error) -> Response {
    if crate::db::is_busy(&failure) {
        tracing::warn!(error = %failure, "API request: database busy");
        return error(
            StatusCode::SERVICE_UNAVAILABLE,
            None,
            "The hub is busy; try again in a moment".into(),
        );
    }
    tracing::error!(error = %failure, "API request failed");
    error(
        StatusCode::INTERNAL_SERVER_ERROR,
        None,
        "Sorry, there is a problem with the service".into(),
    )
}

fn facets(groups: Vec<FacetGroup>) -> BTreeMap<String, Vec<ApiFacetValue>> {
    groups
        .into_iter()
        .map(|group| {
            let values = group
                .values
                .into_iter()
                .map(|value| ApiFacetValue {
                    value: value.slug,
                    label: value.label,
                    count: value.count,
                    selected: value.selected,
                })
                .collect();
            (group.parameter, values)
        })
        .collect()
}

/// Search published resources, with the same parameters as the
/// `/resources` page.
#[utoipa::path(
    get,
    path = "/api/v1/resources",
    params(ResourceQuery),
    responses(
        (status = 200, description = "A page of matching resources", body = ResourceList),
        (status = 400, description = "A parameter is not valid; the answer names it", body = ApiError),
    )
)]
async fn list_resources(State(db): State<Db>, RawQuery(query): RawQuery) -> Response {
    let pairs: Vec<(String, String)> = form_urlencoded::parse(query.unwrap_or_default().as_bytes())
        .into_owned()
        .collect();
    // The page treats an empty filter (`sector=`) as none; the API says it
    // is a mistake, as its description lists only real values.
    if let Some((name, _)) = pairs.iter().find(|(name, value)| {
        name != "q" && QUERY_PARAMETERS.contains(&name.as_str()) && value.trim().is_empty()
    }) {
        return bad_request(ParamError::new(name, format!("{name} must not be empty")));
    }
    let params = match SearchParams::parse(&pairs) {
        Ok(params) => params,
        Err(error) => return bad_request(error),
    };
    match engine::search(&db, &params).await {
        Err(error) => internal(error),
        Ok(Err(error)) => bad_request(error),
        Ok(Ok(outcome)) => Json(ResourceList {
            total: outcome.total,
            page: outcome.params.page,
            per_page: PAGE_SIZE,
            pages: outcome.pages,
            corrected_query: outcome.corrected_query,
            items: outcome.results.into_iter().map(ApiResource::from).collect(),
            facets: facets(outcome.facets),
        })
        .into_response(),
    }
}

/// One published resource in full.
#[utoipa::path(
    get,
    path = "/api/v1/resources/{slug}",
    params(("slug" = String, Path, description = "The resource's slug, as in its address on the hub")),
    responses(
        (status = 200, description = "The resource", body = ResourceDetail),
        (status = 404, description = "No published resource has that slug", body = ApiError),
    )
)]
async fn get_resource(State(db): State<Db>, Path(slug): Path<String>) -> Response {
    let found = match repo::published_by_slug(&db, &slug).await {
        Ok(found) => found,
        Err(error) => return internal(error),
    };
    let Some((card, row)) = found else {
        return error(
            StatusCode::NOT_FOUND,
            None,
            format!("there is no published resource called '{slug}'"),
        );
    };
    let lessons = match repo::lesson_titles(&db, row.id).await {
        Ok(lessons) => lessons,
        Err(error) => return internal(error),
    };
    Json(ResourceDetail {
        resource: ApiResource::from(card),
        body_html: crate::markdown::render(&row.body),
        topics: Topic::from_mask(row.topics),
        capabilities: Capability::from_mask(row.capabilities),
        learning_responses: LearningResponse::from_mask(row.responses),
        audience: row.audience,
        cpd_hours: row.cpd_hours,
        external_url: row.external_url,
        last_reviewed_on: row.reviewed_on,
        review_by: row.review_by,
        lessons: lessons
            .into_iter()
            .map(|lesson| ApiLesson {
                position: lesson.position,
                title: lesson.title,
            })
            .collect(),
    })
    .into_response()
}

/// Every organisation that provides or signposts resources.
#[utoipa::path(
    get,
    path = "/api/v1/organisations",
    responses((status = 200, description = "Every organisation, by name", body = OrganisationList))
)]
async fn list_organisations(State(db): State<Db>) -> Response {
    match organisations::all(&db).await {
        Ok(all) => Json(OrganisationList {
            items: all
                .into_iter()
                .map(|organisation| ApiOrganisation {
                    slug: organisation.slug,
                    name: organisation.name,
                    kind: organisation.kind,
                    website: organisation.website,
                    description: organisation.description,
                })
                .collect(),
        })
        .into_response(),
        Err(error) => internal(error),
    }
}
