//! Curation's SQL: reports over the catalogue, link checks, job leases.

use super::types::{LinkOutcome, LinkProblem, LinkReport, MissedSearch, ReviewDates, ReviewDue};
use crate::db::{Backend, Db};
use crate::with_pool;

/// Searches that found nothing, most frequent first.
pub async fn missed_searches(db: &Db, limit: i64) -> sqlx::Result<Vec<MissedSearch>> {
    let rows: Vec<(String, i64, String)> = with_pool!(db, pool => sqlx::query_as(
        "SELECT query, searches, CAST(last_seen AS TEXT) FROM search_misses
         ORDER BY searches DESC, last_seen DESC, query LIMIT $1",
    )
    .bind(limit)
    .fetch_all(pool)
    .await?);
    Ok(rows
        .into_iter()
        .map(|(query, searches, last_seen)| MissedSearch {
            query,
            searches,
            last_seen: last_seen.chars().take(10).collect(),
        })
        .collect())
}

/// Published resources past their review-by date, and those due within
/// 30 days of `today`.
pub async fn review_dates(db: &Db, today: chrono::NaiveDate) -> sqlx::Result<ReviewDates> {
    let soon = today + chrono::Days::new(30);
    // Dates are ISO text on SQLite and DATE on PostgreSQL; both compare
    // correctly with an ISO date bound as text and cast.
    let cast = match db.backend() {
        Backend::Sqlite => "$1",
        Backend::Postgres => "CAST($1 AS DATE)",
    };
    let sql = format!(
        "SELECT r.slug, r.title, o.name, CAST(r.reviewed_on AS TEXT), CAST(r.review_by AS TEXT)
         FROM resources r JOIN organisations o ON o.id = r.provider_id
         WHERE r.status = 'published' AND r.review_by <= {cast}
         ORDER BY r.review_by, r.title"
    );
    let rows: Vec<(String, String, String, String, String)> = with_pool!(db, pool => sqlx::query_as(&sql)
        .bind(soon.to_string())
        .fetch_all(pool)
        .await?);
    let today_text = today.to_string();
    let mut dates = ReviewDates {
        today: today_text.clone(),
        ..Default::default()
    };
    for (slug, title, provider, reviewed_on, review_by) in rows {
        let due = ReviewDue {
            slug,
            title,
            provider,
            reviewed_on,
            review_by,
        };
        if due.review_by < today_text {
            dates.overdue.push(due);
        } else {
            dates.due_soon.push(due);
        }
    }
    Ok(dates)
}

/// Published resources with an external link, for the link checker.
pub async fn links_to_check(db: &Db) -> sqlx::Result<Vec<(i64, String)>> {
    with_pool!(db, pool => sqlx::query_as(
        "SELECT id, external_url FROM resources
         WHERE status = 'published' AND external_url IS NOT NULL AND external_url <> ''
         ORDER BY id",
    )
    .fetch_all(pool)
    .await)
}

/// Records what checking a resource's link found.
pub async fn record_link_check(
    db: &Db,
    resource_id: i64,
    url: &str,
    outcome: LinkOutcome,
    status_code: Option<i64>,
    detail: &str,
    checked_at: i64,
) -> sqlx::Result<()> {
    with_pool!(db, pool => sqlx::query(
        "INSERT INTO link_checks (resource_id, url, outcome, status_code, detail, checked_at)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (resource_id) DO UPDATE SET url = excluded.url, outcome = excluded.outcome,
             status_code = excluded.status_code, detail = excluded.detail, checked_at = excluded.checked_at",
    )
    .bind(resource_id)
    .bind(url)
    .bind(outcome.slug())
    .bind(status_code)
    .bind(detail)
    .bind(checked_at)
    .execute(pool)
    .await
    .map(|_| ()))
}

#[derive(sqlx::FromRow)]
struct ProblemRow {
    slug: String,
    title: String,
    url: String,
    outcome: String,
    status_code: Option<i64>,
    detail: String,
    checked_at: i64,
}

/// Links whose last check was not a success, worst first, and totals.
pub async fn link_report(db: &Db) -> sqlx::Result<LinkReport> {
    let rows: Vec<ProblemRow> = with_pool!(db, pool => sqlx::query_as(
        "SELECT r.slug, r.title, l.url, l.outcome, l.status_code, l.detail, l.checked_at
         FROM link_checks l JOIN resources r ON r.id = l.resource_id
         WHERE l.outcome <> 'ok' AND r.status = 'published' AND r.external_url = l.url
         ORDER BY CASE l.outcome WHEN 'broken' THEN 0 WHEN 'error' THEN 1 WHEN 'timeout' THEN 2 ELSE 3 END, r.title",
    )
    .fetch_all(pool)
    .await?);
    let (checked, working, last): (i64, i64, Option<i64>) = with_pool!(db, pool => sqlx::query_as(
        "SELECT COUNT(*), CAST(COALESCE(SUM(CASE WHEN l.outcome = 'ok' THEN 1 ELSE 0 END), 0) AS BIGINT), MAX(l.checked_at)
         FROM link_checks l JOIN resources r ON r.id = l.resource_id
         WHERE r.status = 'published' AND r.external_url = l.url",
    )
    .fetch_one(pool)
    .await?);
    Ok(LinkReport {
        problems: rows
            .into_iter()
            .filter_map(|row| {
                Some(LinkProblem {
                    outcome: LinkOutcome::parse(&row.outcome)?,
                    slug: row.slug,
                    title: row.title,
                    url: row.url,
                    status_code: row.status_code,
                    detail: row.detail,
                    checked_at: row.checked_at,
                })
            })
            .collect(),
        checked,
        working,
        last_checked_at: last,
    })
}

/// Claims the job `name` if it last ran more than `every_seconds` ago, so
/// that only one of several instances runs it. True when this caller won.
pub async fn claim_job(db: &Db, name: &str, every_seconds: i64, now: i64) -> sqlx::Result<bool> {
    let claimed = with_pool!(db, pool => sqlx::query(
        "INSERT INTO job_leases (name, last_run_at) VALUES ($1, $2)
         ON CONFLICT (name) DO UPDATE SET last_run_at = excluded.last_run_at
         WHERE job_leases.last_run_at <= $3",
    )
    .bind(name)
    .bind(now)
    .bind(now - every_seconds)
    .execute(pool)
    .await?
    .rows_affected());
    Ok(claimed == 1)
}
