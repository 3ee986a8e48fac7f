//! The catalogue's SQL: the only place resources and lessons are read or
//! written. Queries are shared by both backends unless marked otherwise.

use chrono::NaiveDate;
use sqlx::FromRow;

use crate::db::{Backend, BeginWrite, Db};
use crate::resources::questions::Question;
use crate::resources::search::engine::Candidate;
use crate::resources::search::terms::SearchTerms;
use crate::resources::search::Highlighted;
use crate::vocabulary::{Capability, Level, ResourceKind, Sector, Status};
use crate::with_pool;

use super::{LessonTitle, OrganisationRef, ResourceCard, ResourceLink};

/// `$1, $2, …` for `count` parameters starting at `first`.
pub(crate) fn placeholders(first: usize, count: usize) -> String {
    (first..first + count)
        .map(|n| format!("${n}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// What search keeps in memory of every published resource (see
/// `search::snapshot`), as one JSON array: sqlx hands SQLite rows over one
/// at a time, and one value is several times faster for 100,000 rows.
pub async fn published_candidates(db: &Db) -> sqlx::Result<Vec<Candidate>> {
    // PostgreSQL's json has to be cast to reach Rust as a string.
    let (array, aggregate, empty, as_text) = match db.backend() {
        Backend::Sqlite => ("json_array", "json_group_array", "'[]'", ""),
        Backend::Postgres => ("json_build_array", "json_agg", "'[]'::json", "::text"),
    };
    let sql = format!(
        "SELECT COALESCE({aggregate}({array}(id, kind, level, provider_id, sectors, topics, capabilities, \
         responses, minutes, published_on, title)), {empty}){as_text} FROM resources WHERE status = 'published'"
    );
    let json: String =
        with_pool!(db, pool => sqlx::query_scalar::<_, String>(&sql).fetch_one(pool).await)?;
    serde_json::from_str(&json).map_err(|error| sqlx::Error::Decode(Box::new(error)))
}

/// The ids of the resources (of any status) that match search terms: all
/// of them, those with every word in the title, and those with every word
/// in the title or summary.
#[derive(Debug, Default)]
pub struct MatchSets {
    pub all: Vec<i64>,
    pub title: Vec<i64>,
    pub head: Vec<i64>,
}

pub async fn matching_ids(db: &Db, terms: &SearchTerms) -> sqlx::Result<MatchSets> {
    let (all, title, head): (String, String, String) = match db {
        // The small title-and-summary index answers the two narrower sets.
        Db::Sqlite(pool) => {
            sqlx::query_as(
                "SELECT (SELECT json_group_array(rowid) FROM resources_fts WHERE resources_fts MATCH $1), \
                 (SELECT json_group_array(rowid) FROM resources_head_fts WHERE resources_head_fts MATCH $2), \
                 (SELECT json_group_array(rowid) FROM resources_head_fts WHERE resources_head_fts MATCH $1)",
            )
            .bind(terms.fts5())
            .bind(terms.fts5_in_column("title"))
            .fetch_one(pool)
            .await?
        }
        Db::Postgres(pool) => {
            let ids = |column: &str| {
                format!("(SELECT COALESCE(json_agg(id), '[]'::json)::text FROM resources WHERE {column} @@ q)")
            };
            let sql = format!(
                "SELECT {}, {}, {} FROM to_tsquery('english', $1) q",
                ids("search_vector"),
                ids("title_vector"),
                ids("head_vector")
            );
            sqlx::query_as(&sql).bind(terms.tsquery()).fetch_one(pool).await?
        }
    };
    let parse = |json: &str| -> sqlx::Result<Vec<i64>> {
        serde_json::from_str(json).map_err(|error| sqlx::Error::Decode(Box::new(error)))
    };
    Ok(MatchSets {
        all: parse(&all)?,
        title: parse(&title)?,
        head: parse(&head)?,
    })
}

/// Which database and version of the catalogue this is (see migration 0005).
pub async fn catalogue_version(db: &Db) -> sqlx::Result<(String, i64)> {
    with_pool!(db, pool => sqlx::query_as("SELECT epoch, version FROM catalogue_version WHERE id = 1")
        .fetch_one(pool)
        .await)
}

#[derive(FromRow)]
struct CardRow {
    id: i64,
    slug: String,
    kind: ResourceKind,
    title: String,
    summary: String,
    level: Level,
    sectors: i64,
    minutes: i64,
    published_on: Option<NaiveDate>,
    provider_slug: String,
    provider_name: String,
}

impl CardRow {
    fn into_card(self) -> (i64, ResourceCard) {
        (
            self.id,
            ResourceCard {
                slug: self.slug,
                kind: self.kind,
                title: self.title,
                summary: self.summary,
                snippet: None,
                provider: OrganisationRef {
                    slug: self.provider_slug,
                    name: self.provider_name,
                },
                level: self.level,
                sectors: Sector::from_mask(self.sectors),
                minutes: u32::try_from(self.minutes).unwrap_or(u32::MAX),
                published_on: self.published_on.map(Into::into),
            },
        )
    }
}

const CARD_SELECT: &str =
    "SELECT r.id, r.slug, r.kind, r.title, r.summary, r.level, r.sectors, r.minutes, \
    r.published_on, o.slug AS provider_slug, o.name AS provider_name \
    FROM resources r JOIN organisations o ON o.id = r.provider_id";

/// Cards for the given ids, in the order given, with search snippets when
/// there are search terms.
pub async fn cards(
    db: &Db,
    ids: &[i64],
    terms: Option<&SearchTerms>,
) -> sqlx::Result<Vec<ResourceCard>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    // Published only: a resource unpublished since the search's snapshot
    // was read is left out rather than shown.
    let sql = format!(
        "{CARD_SELECT} WHERE r.status = 'published' AND r.id IN ({})",
        placeholders(1, ids.len())
    );
    let rows: Vec<CardRow> = with_pool!(db, pool => {
        let mut query = sqlx::query_as(&sql);
        for id in ids {
            query = query.bind(id);
        }
        query.fetch_all(pool).await
    })?;
    let mut by_id: std::collections::HashMap<i64, ResourceCard> =
        rows.into_iter().map(CardRow::into_card).collect();
    let mut snippets = match terms {
        Some(terms) => snippets(db, ids, terms).await?,
        None => Default::default(),
    };
    Ok(ids
        .iter()
        .filter_map(|id| {
            let mut card = by_id.remove(id)?;
            card.snippet = snippets.remove(id).filter(Highlighted::has_match);
            Some(card)
        })
        .collect())
}

/// The best matching passage of each resource's summary, else of its body,
/// marked up by the backend. (The title is shown anyway.)
async fn snippets(
    db: &Db,
    ids: &[i64],
    terms: &SearchTerms,
) -> sqlx::Result<std::collections::HashMap<i64, Highlighted>> {
    let (start, end) = (Highlighted::START, Highlighted::END);
    let rows: Vec<(i64, String, String)> = match db {
        Db::Sqlite(pool) => {
            let sql = format!(
                "SELECT rowid, snippet(resources_fts, 1, '{start}', '{end}', '…', 28), \
                 snippet(resources_fts, 2, '{start}', '{end}', '…', 28) FROM resources_fts \
                 WHERE resources_fts MATCH $1 AND rowid IN ({})",
                placeholders(2, ids.len())
            );
            let mut query = sqlx::query_as(&sql).bind(terms.fts5());
            for id in ids {
                query = query.bind(id);
            }
            query.fetch_all(pool).await?
        }
        Db::Postgres(pool) => {
            let sql = format!(
                "SELECT id, ts_headline('english', summary, query, $2), \
                 CASE WHEN to_tsvector('english', summary) @@ query THEN '' ELSE ts_headline('english', body, query, $2) END \
                 FROM resources, to_tsquery('english', $1) query WHERE id IN ({})",
                placeholders(3, ids.len())
            );
            let options = format!("StartSel={start}, StopSel={end}, MaxWords=28, MinWords=12, MaxFragments=1, FragmentDelimiter=…");
            let mut query = sqlx::query_as(&sql).bind(terms.tsquery()).bind(options);
            for id in ids {
                query = query.bind(id);
            }
            query.fetch_all(pool).await?
        }
    };
    Ok(rows
        .into_iter()
        .map(|(id, summary, body)| {
            let summary = Highlighted::from_marked(&summary);
            (
                id,
                if summary.has_match() {
                    summary
                } else {
                    Highlighted::from_marked(&body)
                },
            )
        })
        .collect())
}

/// The newest published resources, or only featured ones.
pub async fn latest(db: &Db, featured_only: bool, limit: i64) -> sqlx::Result<Vec<ResourceCard>> {
    let featured = if featured_only {
        "AND r.featured = TRUE"
    } else {
        ""
    };
    let sql = format!(
        "{CARD_SELECT} WHERE r.status = 'published' {featured} ORDER BY r.published_on DESC, r.id DESC LIMIT $1"
    );
    let rows: Vec<CardRow> =
        with_pool!(db, pool => sqlx::query_as(&sql).bind(limit).fetch_all(pool).await)?;
    Ok(rows.into_iter().map(|row| row.into_card().1).collect())
}

/// Published resources of one provider, newest first.
pub async fn by_provider(db: &Db, provider_slug: &str) -> sqlx::Result<Vec<ResourceCard>> {
    let sql = format!(
        "{CARD_SELECT} WHERE r.status = 'published' AND o.slug = $1 ORDER BY r.published_on DESC, r.id DESC"
    );
    let rows: Vec<CardRow> =
        with_pool!(db, pool => sqlx::query_as(&sql).bind(provider_slug).fetch_all(pool).await)?;
    Ok(rows.into_iter().map(|row| row.into_card().1).collect())
}

#[derive(FromRow)]
pub struct DetailRow {
    pub id: i64,
    pub body: String,
    pub topics: i64,
    pub capabilities: i64,
    pub responses: i64,
    pub audience: String,
    pub cpd_hours: f64,
    pub external_url: Option<String>,
    pub reviewed_on: NaiveDate,
    pub review_by: NaiveDate,
    pub status: Status,
    pub sectors: i64,
}

/// A published resource by slug: its card and the fields only its page shows.
pub async fn published_by_slug(
    db: &Db,
    slug: &str,
) -> sqlx::Result<Option<(ResourceCard, DetailRow)>> {
    let card_sql = format!("{CARD_SELECT} WHERE r.slug = $1 AND r.status = 'published'");
    let Some(card) = with_pool!(db, pool => sqlx::query_as::<_, CardRow>(&card_sql).bind(slug).fetch_optional(pool).await)?
    else {
        return Ok(None);
    };
    let (id, card) = card.into_card();
    let detail: DetailRow = with_pool!(db, pool => sqlx::query_as(
        "SELECT id, body, topics, capabilities, responses, audience, cpd_hours, external_url, reviewed_on, review_by, status, sectors \
         FROM resources WHERE id = $1",
    )
    .bind(id)
    .fetch_one(pool)
    .await)?;
    Ok(Some((card, detail)))
}

/// Other published resources sharing the most sectors and topics.
pub async fn related(
    db: &Db,
    id: i64,
    sectors: i64,
    topics: i64,
    limit: i64,
) -> sqlx::Result<Vec<ResourceCard>> {
    // Rank by overlapping topics first, then sectors; both are bit sets.
    let ids: Vec<(i64,)> = with_pool!(db, pool => sqlx::query_as(
        "SELECT id FROM resources \
         WHERE status = 'published' AND id <> $1 AND ((topics & $2) <> 0 OR (sectors & $3) <> 0) \
         ORDER BY (CASE WHEN (topics & $2) <> 0 THEN 2 ELSE 0 END) + (CASE WHEN (sectors & $3) <> 0 THEN 1 ELSE 0 END) DESC, \
                  published_on DESC \
         LIMIT $4",
    )
    .bind(id)
    .bind(topics)
    .bind(sectors)
    .bind(limit)
    .fetch_all(pool)
    .await)?;
    let ids: Vec<i64> = ids.into_iter().map(|(id,)| id).collect();
    cards(db, &ids, None).await
}

pub async fn lesson_titles(db: &Db, resource_id: i64) -> sqlx::Result<Vec<LessonTitle>> {
    let rows: Vec<(i64, String)> = with_pool!(db, pool => sqlx::query_as(
        "SELECT position, title FROM lessons WHERE resource_id = $1 ORDER BY position",
    )
    .bind(resource_id)
    .fetch_all(pool)
    .await)?;
    Ok(rows
        .into_iter()
        .map(|(position, title)| LessonTitle {
            position: u32::try_from(position).unwrap_or_default(),
            title,
        })
        .collect())
}

/// A lesson of a published module: (module id, module title, lesson title, body).
pub async fn lesson(
    db: &Db,
    module_slug: &str,
    position: i64,
) -> sqlx::Result<Option<(i64, String, String, String)>> {
    with_pool!(db, pool => sqlx::query_as(
        "SELECT r.id, r.title, l.title, l.body FROM lessons l JOIN resources r ON r.id = l.resource_id \
         WHERE r.slug = $1 AND r.status = 'published' AND r.kind = 'module' AND l.position = $2",
    )
    .bind(module_slug)
    .bind(position)
    .fetch_optional(pool)
    .await)
}

/// What taking a module needs of it: which it is, its name and the time
/// it counts for.
#[derive(Clone, Debug, FromRow)]
pub struct ModuleFacts {
    pub id: i64,
    pub slug: String,
    pub title: String,
    pub minutes: i64,
    pub cpd_hours: f64,
    /// Per cent of its knowledge checks' questions to answer right.
    pub pass_mark: i64,
}

/// A published module by slug (None for other kinds, and unpublished ones).
pub async fn published_module(db: &Db, slug: &str) -> sqlx::Result<Option<ModuleFacts>> {
    with_pool!(db, pool => sqlx::query_as(
        "SELECT id, slug, title, minutes, cpd_hours, pass_mark FROM resources \
         WHERE slug = $1 AND status = 'published' AND kind = 'module'",
    )
    .bind(slug)
    .fetch_optional(pool)
    .await)
}

/// The positions of a module's lessons, in order.
pub async fn lesson_positions(db: &Db, resource_id: i64) -> sqlx::Result<Vec<u32>> {
    Ok(lesson_titles(db, resource_id)
        .await?
        .into_iter()
        .map(|lesson| lesson.position)
        .collect())
}

/// A lesson's knowledge check as stored (JSON in `lessons.questions`).
pub fn questions_json(questions: &[Question]) -> String {
    serde_json::to_string(questions).unwrap_or_else(|_| "[]".into())
}

/// A lesson's knowledge check from its stored JSON (none if unreadable,
/// which only a hand-edited database could make it).
pub fn questions_from_json(json: &str) -> Vec<Question> {
    serde_json::from_str(json).unwrap_or_else(|error| {
        tracing::warn!(%error, "a lesson's knowledge check could not be read");
        Vec::new()
    })
}

/// A published module's knowledge checks: each lesson's position and
/// questions, in order (lessons without questions left out).
pub async fn module_checks(db: &Db, resource_id: i64) -> sqlx::Result<Vec<(u32, Vec<Question>)>> {
    let rows: Vec<(i64, String)> = with_pool!(db, pool => sqlx::query_as(
        "SELECT position, questions FROM lessons WHERE resource_id = $1 AND questions <> '[]' ORDER BY position",
    )
    .bind(resource_id)
    .fetch_all(pool)
    .await)?;
    Ok(rows
        .into_iter()
        .filter_map(|(position, json)| {
            let questions = questions_from_json(&json);
            let position = u32::try_from(position).ok()?;
            (!questions.is_empty()).then_some((position, questions))
        })
        .collect())
}

/// Gives each lesson of the resource `slug` (its position and title) that
/// has no knowledge check yet the one given, and the resource `pass_mark`:
/// demo data loaded before knowledge checks existed. Only a resource never
/// edited in the hub (no revision) is touched, so a check a curator
/// deleted, or lessons they moved, stay as they left them.
pub async fn add_missing_checks(
    db: &Db,
    slug: &str,
    checks: &[(u32, &str, &[Question])],
    pass_mark: u8,
) -> sqlx::Result<()> {
    const NEVER_EDITED: &str = "SELECT r.id FROM resources r WHERE r.slug = $1 \
        AND NOT EXISTS (SELECT 1 FROM resource_revisions v WHERE v.resource_id = r.id)";
    with_pool!(db, pool => {
        let mut tx = pool.begin_write().await?;
        let update = format!(
            "UPDATE lessons SET questions = $2 WHERE questions = '[]' AND position = $3 AND title = $4 \
             AND resource_id = ({NEVER_EDITED})"
        );
        for &(position, title, questions) in checks {
            sqlx::query(&update)
                .bind(slug)
                .bind(questions_json(questions))
                .bind(i64::from(position))
                .bind(title)
                .execute(&mut *tx)
                .await?;
        }
        sqlx::query(&format!("UPDATE resources SET pass_mark = $2 WHERE id = ({NEVER_EDITED})"))
            .bind(slug)
            .bind(i64::from(pass_mark))
            .execute(&mut *tx)
            .await?;
        tx.commit().await
    })
}

/// A published resource's id by slug, of any kind.
pub async fn published_id(db: &Db, slug: &str) -> sqlx::Result<Option<i64>> {
    with_pool!(db, pool => sqlx::query_scalar(
        "SELECT id FROM resources WHERE slug = $1 AND status = 'published'",
    )
    .bind(slug)
    .fetch_optional(pool)
    .await)
}

/// Counts published resources per sector bit, for landing pages.
pub async fn count_in_sector(db: &Db, sector: Sector) -> sqlx::Result<i64> {
    with_pool!(db, pool => sqlx::query_scalar(
        "SELECT COUNT(*) FROM resources WHERE status = 'published' AND (sectors & $1) <> 0",
    )
    .bind(sector.bit())
    .fetch_one(pool)
    .await)
}

/// Published resources in a sector, newest first.
pub async fn in_sector(db: &Db, sector: Sector, limit: i64) -> sqlx::Result<Vec<ResourceCard>> {
    let sql = format!(
        "{CARD_SELECT} WHERE r.status = 'published' AND (r.sectors & $1) <> 0 \
         ORDER BY r.featured DESC, r.published_on DESC, r.id DESC LIMIT $2"
    );
    let rows: Vec<CardRow> = with_pool!(db, pool => sqlx::query_as(&sql).bind(sector.bit()).bind(limit).fetch_all(pool).await)?;
    Ok(rows.into_iter().map(|row| row.into_card().1).collect())
}

/// Published resources tagged with `capability` at `level`, best first
/// (featured, then newest), for a self-assessment's recommendations.
pub async fn for_capability(
    db: &Db,
    capability: Capability,
    level: Level,
    limit: i64,
) -> Result<Vec<ResourceLink>, sqlx::Error> {
    let rows: Vec<(String, String, ResourceKind, i64)> = with_pool!(db, pool => sqlx::query_as(
        "SELECT slug, title, kind, minutes FROM resources \
         WHERE status = 'published' AND (capabilities & $1) <> 0 AND level = $2 \
         ORDER BY featured DESC, published_on DESC, id DESC LIMIT $3",
    )
    .bind(capability.bit())
    .bind(level)
    // PostgreSQL refuses a negative LIMIT; SQLite reads it as none.
    .bind(limit.max(0))
    .fetch_all(pool)
    .await)?;
    Ok(rows
        .into_iter()
        .map(|(slug, title, kind, minutes)| ResourceLink {
            slug,
            title,
            kind,
            minutes: u32::try_from(minutes).unwrap_or(u32::MAX),
        })
        .collect())
}

/// Gives the resource `slug` the capability domains `mask` if it has none
/// (for a demo catalogue loaded before there were any).
pub async fn tag_untagged(db: &Db, slug: &str, mask: i64) -> sqlx::Result<()> {
    with_pool!(db, pool => sqlx::query(
        "UPDATE resources SET capabilities = $1 WHERE slug = $2 AND capabilities = 0",
    )
    .bind(mask)
    .bind(slug)
    .execute(pool)
    .await
    .map(|_| ()))
}

/// The capability domains (a bit set) and level of the published resource
/// `resource_id`, for the panel that links its page to the self-assessment.
pub async fn capability_domains(db: &Db, resource_id: i64) -> sqlx::Result<Option<(i64, Level)>> {
    with_pool!(db, pool => sqlx::query_as(
        "SELECT capabilities, level FROM resources WHERE id = $1 AND status = 'published'",
    )
    .bind(resource_id)
    .fetch_optional(pool)
    .await)
}

/// The kind and topics (a bit set) of the published resource `resource_id`,
/// for the link from a toolkit's page to the working tool it describes.
pub async fn kind_and_topics(
    db: &Db,
    resource_id: i64,
) -> sqlx::Result<Option<(ResourceKind, i64)>> {
    with_pool!(db, pool => sqlx::query_as(
        "SELECT kind, topics FROM resources WHERE id = $1 AND status = 'published'",
    )
    .bind(resource_id)
    .fetch_optional(pool)
    .await)
}

/// The slug of every published resource, for the sitemap.
pub async fn published_slugs(db: &Db) -> sqlx::Result<Vec<String>> {
    with_pool!(db, pool => sqlx::query_scalar(
        "SELECT slug FROM resources WHERE status = 'published' ORDER BY slug",
    )
    .fetch_all(pool)
    .await)
}

/// Remembers a search that found nothing (normalised, counted).
pub async fn record_miss(db: &Db, query: &str) -> sqlx::Result<()> {
    let now = match db.backend() {
        Backend::Sqlite => "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')",
        Backend::Postgres => "now()",
    };
    let sql = format!(
        "INSERT INTO search_misses (query) VALUES ($1) \
         ON CONFLICT (query) DO UPDATE SET searches = search_misses.searches + 1, last_seen = {now}"
    );
    with_pool!(db, pool => sqlx::query(&sql).bind(query).execute(pool).await.map(|_| ()))
}

/// Deletes the searches that found nothing and were last made before
/// `cutoff` (seconds since 1970; the retention schedule's period).
pub async fn delete_search_misses_before(db: &Db, cutoff: i64) -> sqlx::Result<u64> {
    let sql = match db.backend() {
        Backend::Sqlite => {
            "DELETE FROM search_misses WHERE last_seen < strftime('%Y-%m-%dT%H:%M:%fZ', $1, 'unixepoch')"
        }
        Backend::Postgres => "DELETE FROM search_misses WHERE last_seen < to_timestamp($1)",
    };
    Ok(with_pool!(db, pool => sqlx::query(sql).bind(cutoff).execute(pool).await?.rows_affected()))
}

/// Known words close enough to `word` to be what was meant, most used first.
pub async fn spelling_candidates(db: &Db, word: &str) -> sqlx::Result<Vec<(String, i64)>> {
    let length = word.chars().count() as i64;
    match db {
        // Short list by length; the caller measures edit distance.
        Db::Sqlite(pool) => {
            sqlx::query_as("SELECT term, documents FROM search_terms WHERE length(term) BETWEEN $1 AND $2")
                .bind(length - 2)
                .bind(length + 2)
                .fetch_all(pool)
                .await
        }
        // pg_trgm finds similar words through its index.
        Db::Postgres(pool) => {
            sqlx::query_as("SELECT term, documents FROM search_terms WHERE term % $1 ORDER BY similarity(term, $1) DESC LIMIT 50")
                .bind(word)
                .fetch_all(pool)
                .await
        }
    }
}

/// Whether `word` is a known word of the catalogue.
pub async fn is_known_word(db: &Db, word: &str) -> sqlx::Result<bool> {
    with_pool!(db, pool => sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM search_terms WHERE term = $1")
        .bind(word)
        .fetch_one(pool)
        .await
        .map(|count| count > 0))
}

/// Titles of published resources whose title matches what is being typed.
pub async fn title_suggestions(
    db: &Db,
    terms: &SearchTerms,
    limit: i64,
) -> sqlx::Result<Vec<String>> {
    match db {
        Db::Sqlite(pool) => {
            sqlx::query_scalar(
                "SELECT r.title FROM resources_fts CROSS JOIN resources r ON r.id = resources_fts.rowid \
                 WHERE resources_fts MATCH $1 AND r.status = 'published' \
                 ORDER BY bm25(resources_fts, 10.0, 4.0, 1.0) LIMIT $2",
            )
            .bind(terms.fts5_titles())
            .bind(limit)
            .fetch_all(pool)
            .await
        }
        Db::Postgres(pool) => {
            sqlx::query_scalar(
                "SELECT r.title FROM resources r, to_tsquery('english', $1) query \
                 WHERE r.search_vector @@ query AND r.status = 'published' \
                 ORDER BY ts_rank(r.search_vector, query) DESC LIMIT $2",
            )
            .bind(terms.tsquery_titles())
            .bind(limit)
            .fetch_all(pool)
            .await
        }
    }
}

/// A resource to add to the catalogue, with its lessons (modules only).
#[derive(Clone, Debug)]
pub struct NewResource {
    pub slug: String,
    pub kind: ResourceKind,
    pub title: String,
    pub summary: String,
    pub body: String,
    pub provider_id: i64,
    pub sectors: Vec<Sector>,
    pub topics: Vec<crate::vocabulary::Topic>,
    pub capabilities: Vec<Capability>,
    pub responses: Vec<crate::vocabulary::LearningResponse>,
    pub level: Level,
    pub audience: String,
    pub minutes: i64,
    pub cpd_hours: f64,
    pub external_url: Option<String>,
    pub published_on: Option<NaiveDate>,
    pub reviewed_on: NaiveDate,
    pub review_by: NaiveDate,
    pub status: Status,
    pub featured: bool,
    pub lessons: Vec<NewLesson>,
    pub pass_mark: u8,
}

/// A lesson of a resource being added.
#[derive(Debug, Clone, Default)]
pub struct NewLesson {
    pub title: String,
    pub body: String,
    pub questions: Vec<Question>,
}

/// Adds resources (and their lessons) in one transaction: all or none.
pub async fn insert_many(db: &Db, resources: &[NewResource]) -> sqlx::Result<()> {
    with_pool!(db, pool => {
        let mut tx = pool.begin_write().await?;
        for resource in resources {
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO resources (slug, kind, title, summary, body, provider_id, sectors, topics, responses, \
                 level, audience, minutes, cpd_hours, external_url, published_on, reviewed_on, review_by, status, featured, workflow, \
                 capabilities, pass_mark) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $18, $20, $21) \
                 RETURNING id",
            )
            .bind(&resource.slug)
            .bind(resource.kind)
            .bind(&resource.title)
            .bind(&resource.summary)
            .bind(&resource.body)
            .bind(resource.provider_id)
            .bind(Sector::mask(&resource.sectors))
            .bind(crate::vocabulary::Topic::mask(&resource.topics))
            .bind(crate::vocabulary::LearningResponse::mask(&resource.responses))
            .bind(resource.level)
            .bind(&resource.audience)
            .bind(resource.minutes)
            .bind(resource.cpd_hours)
            .bind(&resource.external_url)
            .bind(resource.published_on)
            .bind(resource.reviewed_on)
            .bind(resource.review_by)
            .bind(resource.status)
            .bind(resource.featured)
            .bind(Capability::mask(&resource.capabilities))
            .bind(i64::from(resource.pass_mark))
            .fetch_one(&mut *tx)
            .await?;
            for (index, lesson) in resource.lessons.iter().enumerate() {
                sqlx::query(
                    "INSERT INTO lessons (resource_id, position, title, body, questions) VALUES ($1, $2, $3, $4, $5)",
                )
                    .bind(id)
                    .bind(index as i64 + 1)
                    .bind(&lesson.title)
                    .bind(&lesson.body)
                    .bind(questions_json(&lesson.questions))
                    .execute(&mut *tx)
                    .await?;
            }
        }
        tx.commit().await
    })
}

pub async fn count(db: &Db) -> sqlx::Result<i64> {
    with_pool!(db, pool => sqlx::query_scalar("SELECT COUNT(*) FROM resources").fetch_one(pool).await)
}

/// Recomputes the words used for spelling correction from every published
/// title and summary. Run after bulk changes to the catalogue.
pub async fn rebuild_search_terms(db: &Db) -> sqlx::Result<usize> {
    let texts: Vec<(String, String)> = with_pool!(db, pool => sqlx::query_as(
        "SELECT title, summary FROM resources WHERE status = 'published'",
    )
    .fetch_all(pool)
    .await)?;
    let mut documents: std::collections::HashMap<String, i64> = std::collections::HashMap::new();
    for (title, summary) in &texts {
        let words: std::collections::HashSet<String> =
            crate::resources::search::terms::vocabulary_words(title)
                .chain(crate::resources::search::terms::vocabulary_words(summary))
                .collect();
        for word in words {
            *documents.entry(word).or_default() += 1;
        }
    }
    let terms: Vec<(String, i64)> = documents.into_iter().collect();
    with_pool!(db, pool => {
        let mut tx = pool.begin_write().await?;
        sqlx::query("DELETE FROM search_terms").execute(&mut *tx).await?;
        // 400 rows (800 parameters) per statement stays within both backends' limits.
        for chunk in terms.chunks(400) {
            let values: Vec<String> = (0..chunk.len()).map(|i| format!("(${}, ${})", 2 * i + 1, 2 * i + 2)).collect();
            let sql = format!("INSERT INTO search_terms (term, documents) VALUES {}", values.join(", "));
            let mut query = sqlx::query(&sql);
            for (term, count) in chunk {
                query = query.bind(term).bind(count);
            }
            query.execute(&mut *tx).await?;
        }
        tx.commit().await
    })?;
    Ok(terms.len())
}
