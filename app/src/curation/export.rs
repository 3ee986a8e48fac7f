//! The whole catalogue as JSON or CSV, in the shape `hub import` will read.

use axum::extract::State;
use chrono::NaiveDate;
use serde::Serialize;

use crate::db::Db;
use crate::vocabulary::{Capability, LearningResponse, Level, ResourceKind, Sector, Status, Topic};
use crate::web::access::{Access, Endpoints};
use crate::web::form::{Failure, Outcome};
use crate::web::identity::Role;
use crate::with_pool;

/// The export endpoints, for curators and admins.
pub fn routes<S>() -> Endpoints<S>
where
    S: Clone + Send + Sync + 'static,
    Db: axum::extract::FromRef<S>,
{
    let curators = Access::AtLeast(Role::Curator);
    Endpoints::new()
        .get("/curation/export.json", curators, json)
        .get("/curation/export.csv", curators, csv)
}

/// One resource as exported: slugs for every fixed value and the provider.
#[derive(Clone, Debug, Serialize)]
pub struct ExportedResource {
    pub slug: String,
    pub kind: ResourceKind,
    pub status: Status,
    pub title: String,
    pub summary: String,
    pub body: String,
    pub provider: String,
    pub sectors: Vec<Sector>,
    pub topics: Vec<Topic>,
    pub capabilities: Vec<Capability>,
    pub responses: Vec<LearningResponse>,
    pub level: Level,
    pub audience: String,
    pub minutes: i64,
    pub cpd_hours: f64,
    pub external_url: Option<String>,
    pub published_on: Option<NaiveDate>,
    pub reviewed_on: NaiveDate,
    pub review_by: NaiveDate,
    pub featured: bool,
    pub lessons: Vec<ExportedLesson>,
    /// A module's pass mark for its knowledge checks (per cent).
    pub pass_mark: i64,
}

#[derive(Clone, Debug, Serialize)]
pub struct ExportedLesson {
    pub title: String,
    pub body: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub questions: Vec<crate::resources::questions::Question>,
}

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    slug: String,
    kind: ResourceKind,
    status: Status,
    title: String,
    summary: String,
    body: String,
    provider: String,
    sectors: i64,
    topics: i64,
    capabilities: i64,
    responses: i64,
    level: Level,
    audience: String,
    minutes: i64,
    cpd_hours: f64,
    external_url: Option<String>,
    published_on: Option<NaiveDate>,
    reviewed_on: NaiveDate,
    review_by: NaiveDate,
    featured: bool,
    pass_mark: i64,
}

/// Every resource, in slug order, with its lessons.
pub async fn catalogue(db: &Db) -> sqlx::Result<Vec<ExportedResource>> {
    let rows: Vec<Row> = with_pool!(db, pool => sqlx::query_as(
        "SELECT r.id, r.slug, r.kind, r.status, r.title, r.summary, r.body, o.slug AS provider, r.sectors,
                r.topics, r.capabilities, r.responses, r.level, r.audience, r.minutes, r.cpd_hours, r.external_url,
                r.published_on, r.reviewed_on, r.review_by, r.featured, r.pass_mark
         FROM resources r JOIN organisations o ON o.id = r.provider_id ORDER BY r.slug",
    )
    .fetch_all(pool)
    .await?);
    let lessons: Vec<(i64, String, String, String)> = with_pool!(db, pool => sqlx::query_as(
        "SELECT resource_id, title, body, questions FROM lessons ORDER BY resource_id, position",
    )
    .fetch_all(pool)
    .await?);
    let mut by_resource: std::collections::HashMap<i64, Vec<ExportedLesson>> = Default::default();
    for (resource_id, title, body, questions) in lessons {
        by_resource
            .entry(resource_id)
            .or_default()
            .push(ExportedLesson {
                title,
                body,
                questions: crate::resources::repo::questions_from_json(&questions),
            });
    }
    Ok(rows
        .into_iter()
        .map(|row| ExportedResource {
            lessons: by_resource.remove(&row.id).unwrap_or_default(),
            slug: row.slug,
            kind: row.kind,
            status: row.status,
            title: row.title,
            summary: row.summary,
            body: row.body,
            provider: row.provider,
            sectors: Sector::from_mask(row.sectors),
            topics: Topic::from_mask(row.topics),
            capabilities: Capability::from_mask(row.capabilities),
            responses: LearningResponse::from_mask(row.responses),
            level: row.level,
            audience: row.audience,
            minutes: row.minutes,
            cpd_hours: row.cpd_hours,
            external_url: row.external_url,
            published_on: row.published_on,
            reviewed_on: row.reviewed_on,
            review_by: row.review_by,
            featured: row.featured,
            pass_mark: row.pass_mark,
        })
        .collect())
}

/// `GET /curation/export.json`.
pub async fn json(State(db): State<Db>) -> Outcome {
    let catalogue = catalogue(&db).await?;
    let body = serde_json::to_string_pretty(&catalogue)
        .map_err(|error| Failure::from(error.to_string()))?;
    Ok(crate::response::attachment(
        "application/json; charset=utf-8",
        "catalogue.json",
        body,
    ))
}

/// The CSV columns, in order. Lists are joined with `;`; lessons are left
/// out (a module's lessons are in the JSON export).
pub const CSV_COLUMNS: [&str; 20] = [
    "slug",
    "kind",
    "status",
    "title",
    "summary",
    "body",
    "provider",
    "sectors",
    "topics",
    "capabilities",
    "responses",
    "level",
    "audience",
    "minutes",
    "cpd_hours",
    "external_url",
    "published_on",
    "reviewed_on",
    "review_by",
    "featured",
];

/// `GET /curation/export.csv`.
pub async fn csv(State(db): State<Db>) -> Outcome {
    let catalogue = catalogue(&db).await?;
    let mut writer = ::csv::Writer::from_writer(Vec::new());
    let failed = |error: ::csv::Error| Failure::from(error.to_string());
    writer.write_record(CSV_COLUMNS).map_err(failed)?;
    let list = |slugs: Vec<&str>| slugs.join(";");
    for resource in catalogue {
        let date = |date: Option<NaiveDate>| date.map(|d| d.to_string()).unwrap_or_default();
        writer
            .write_record([
                resource.slug.clone(),
                resource.kind.slug().to_string(),
                resource.status.slug().to_string(),
                resource.title.clone(),
                resource.summary.clone(),
                resource.body.clone(),
                resource.provider.clone(),
                list(resource.sectors.iter().map(|v| v.slug()).collect()),
                list(resource.topics.iter().map(|v| v.slug()).collect()),
                list(resource.capabilities.iter().map(|v| v.slug()).collect()),
                list(resource.responses.iter().map(|v| v.slug()).collect()),
                resource.level.slug().to_string(),
                resource.audience.clone(),
                resource.minutes.to_string(),
                resource.cpd_hours.to_string(),
                resource.external_url.clone().unwrap_or_default(),
                date(resource.published_on),
                resource.reviewed_on.to_string(),
                resource.review_by.to_string(),
                resource.featured.to_string(),
            ])
            .map_err(failed)?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|error| Failure::from(error.to_string()))?;
    Ok(crate::response::attachment(
        "text/csv; charset=utf-8",
        "catalogue.csv",
        String::from_utf8_lossy(&bytes).into_owned(),
    ))
}
