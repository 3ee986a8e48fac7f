//! The SQL of "Was this useful?": a member's answer (with their sectors,
//! region and role title as they are when they answer), the counts a
//! resource's page shows, and the curators' report.

use serde_json::{json, Value};

use super::types::{
    by_sector, least_useful_first, Answer, ResourceUsefulness, ResourceUsefulnessDetail, Tally,
    UsefulnessComment, UsefulnessReport,
};
use crate::db::Db;
use crate::vocabulary::Sector;
use crate::with_pool;

/// Records `user_id`'s answer about a resource, or replaces the one they
/// gave; either way with their profile's sectors, region and role title as
/// they are now, each only if the member shows it to every signed-in
/// member (visibility rank 1 or more open, for the profile and the
/// detail): curators read the answers, and must learn nothing the member
/// keeps to their connections. None without a profile, or with one a
/// moderator hid (shown to no one but its author).
pub async fn answer(
    db: &Db,
    user_id: i64,
    resource_id: i64,
    answer: &Answer,
    now: i64,
) -> sqlx::Result<()> {
    with_pool!(db, pool => sqlx::query(
        "INSERT INTO usefulness_answers (user_id, resource_id, useful, comment, sectors, region, role_title, answered_at) \
         SELECT u.id, $2, $3, $4, \
                CASE WHEN p.visibility <= 1 AND p.sectors_visibility <= 1 THEN p.sectors ELSE 0 END, \
                CASE WHEN p.visibility <= 1 AND p.region_visibility <= 1 THEN p.region END, \
                CASE WHEN p.visibility <= 1 AND p.role_title_visibility <= 1 THEN p.role_title ELSE '' END, $5 \
         FROM users u LEFT JOIN profiles p ON p.user_id = u.id AND p.hidden_at IS NULL WHERE u.id = $1 \
         ON CONFLICT (user_id, resource_id) DO UPDATE SET useful = excluded.useful, comment = excluded.comment, \
         sectors = excluded.sectors, region = excluded.region, role_title = excluded.role_title, \
         answered_at = excluded.answered_at",
    )
    .bind(user_id)
    .bind(resource_id)
    .bind(answer.useful)
    .bind(&answer.comment)
    .bind(now)
    .execute(pool)
    .await
    .map(|_| ()))
}

/// Removes `user_id`'s answer about a resource (whether or not there was
/// one).
pub async fn remove(db: &Db, user_id: i64, resource_id: i64) -> sqlx::Result<()> {
    with_pool!(db, pool => sqlx::query(
        "DELETE FROM usefulness_answers WHERE user_id = $1 AND resource_id = $2",
    )
    .bind(user_id)
    .bind(resource_id)
    .execute(pool)
    .await
    .map(|_| ()))
}

/// The answer `user_id` gave about a resource, if any.
pub async fn own_answer(db: &Db, user_id: i64, resource_id: i64) -> sqlx::Result<Option<Answer>> {
    let row: Option<(bool, String)> = with_pool!(db, pool => sqlx::query_as(
        "SELECT useful, comment FROM usefulness_answers WHERE user_id = $1 AND resource_id = $2",
    )
    .bind(user_id)
    .bind(resource_id)
    .fetch_optional(pool)
    .await)?;
    Ok(row.map(|(useful, comment)| Answer { useful, comment }))
}

/// How many said a resource was useful, and how many not.
pub async fn tally(db: &Db, resource_id: i64) -> sqlx::Result<Tally> {
    let rows: Vec<(bool, i64)> = with_pool!(db, pool => sqlx::query_as(
        "SELECT useful, COUNT(*) FROM usefulness_answers WHERE resource_id = $1 GROUP BY useful",
    )
    .bind(resource_id)
    .fetch_all(pool)
    .await)?;
    let mut tally = Tally::default();
    for (useful, count) in rows {
        if useful {
            tally.yes += count;
        } else {
            tally.no += count;
        }
    }
    Ok(tally)
}

/// Every published resource with answers, least useful first, and the
/// answers across the catalogue by sector.
pub async fn report(db: &Db) -> sqlx::Result<UsefulnessReport> {
    let rows: Vec<(String, String, i64, i64, i64)> = with_pool!(db, pool => sqlx::query_as(
        "SELECT r.slug, r.title, \
                SUM(CASE WHEN a.useful THEN 1 ELSE 0 END), \
                SUM(CASE WHEN a.useful THEN 0 ELSE 1 END), \
                SUM(CASE WHEN a.comment <> '' THEN 1 ELSE 0 END) \
         FROM usefulness_answers a JOIN resources r ON r.id = a.resource_id \
         WHERE r.status = 'published' GROUP BY r.id, r.slug, r.title",
    )
    .fetch_all(pool)
    .await)?;
    let mut resources: Vec<ResourceUsefulness> = rows
        .into_iter()
        .map(|(slug, title, yes, no, comments)| ResourceUsefulness {
            slug,
            title,
            tally: Tally { yes, no },
            comments,
        })
        .collect();
    least_useful_first(&mut resources);
    let answers: Vec<(i64, bool)> = with_pool!(db, pool => sqlx::query_as(
        "SELECT a.sectors, a.useful FROM usefulness_answers a JOIN resources r ON r.id = a.resource_id \
         WHERE r.status = 'published'",
    )
    .fetch_all(pool)
    .await)?;
    Ok(UsefulnessReport {
        by_sector: by_sector(&answers),
        resources,
    })
}

/// One published resource's answers by sector and its comments, newest
/// first (None for a resource that is not published).
pub async fn resource_report(
    db: &Db,
    slug: &str,
) -> sqlx::Result<Option<ResourceUsefulnessDetail>> {
    let resource: Option<(i64, String)> = with_pool!(db, pool => sqlx::query_as(
        "SELECT id, title FROM resources WHERE slug = $1 AND status = 'published'",
    )
    .bind(slug)
    .fetch_optional(pool)
    .await)?;
    let Some((resource_id, title)) = resource else {
        return Ok(None);
    };
    let rows: Vec<(bool, String, i64, String, i64)> = with_pool!(db, pool => sqlx::query_as(
        "SELECT useful, comment, sectors, role_title, answered_at FROM usefulness_answers \
         WHERE resource_id = $1 ORDER BY answered_at DESC, user_id DESC",
    )
    .bind(resource_id)
    .fetch_all(pool)
    .await)?;
    let mut tally = Tally::default();
    let answers: Vec<(i64, bool)> = rows
        .iter()
        .map(|(useful, _, sectors, _, _)| {
            tally.add(*useful);
            (*sectors, *useful)
        })
        .collect();
    let comments = rows
        .into_iter()
        .filter(|(_, comment, ..)| !comment.is_empty())
        .map(
            |(useful, comment, sectors, role_title, answered_at)| UsefulnessComment {
                useful,
                comment,
                role_title,
                sectors: Sector::from_mask(sectors),
                answered_on: crate::dates::uk_day_of(answered_at)
                    .map(|day| day.shown())
                    .unwrap_or_default(),
            },
        )
        .collect();
    Ok(Some(ResourceUsefulnessDetail {
        slug: slug.to_string(),
        title,
        tally,
        by_sector: by_sector(&answers),
        comments,
    }))
}

/// A member's answer as `/account/data.json` gives it back.
#[derive(sqlx::FromRow)]
struct ExportRow {
    resource: String,
    useful: bool,
    comment: String,
    sectors: i64,
    region: Option<String>,
    role_title: String,
    answered_at: i64,
}

/// The member's answers for `/account/data.json`, with what was stored
/// about them alongside.
pub async fn export(db: &Db, user_id: i64) -> sqlx::Result<Value> {
    let rows: Vec<ExportRow> = with_pool!(db, pool => sqlx::query_as(
        "SELECT r.slug AS resource, a.useful, a.comment, a.sectors, a.region, a.role_title, a.answered_at \
         FROM usefulness_answers a JOIN resources r ON r.id = a.resource_id \
         WHERE a.user_id = $1 ORDER BY a.answered_at, r.slug",
    )
    .bind(user_id)
    .fetch_all(pool)
    .await)?;
    Ok(rows
        .into_iter()
        .map(|row| {
            json!({
                "resource": row.resource,
                "useful": row.useful,
                "comment": row.comment,
                "sectors_when_answered": Sector::from_mask(row.sectors).iter().map(|s| s.slug()).collect::<Vec<_>>(),
                "region_when_answered": row.region,
                "role_title_when_answered": row.role_title,
                "answered_at": crate::dates::format_time(row.answered_at),
            })
        })
        .collect())
}
