//! The service area's SQL: feedback, and what the sitemap lists from the
//! other areas is read through their own repositories.

use sqlx::FromRow;

use super::feedback::{
    satisfaction_label, Feedback, FeedbackEntry, FeedbackList, FEEDBACK_PAGE_SIZE,
};
use crate::db::Db;
use crate::with_pool;

pub async fn insert_feedback(
    db: &Db,
    feedback: &Feedback,
    user_id: Option<i64>,
    at: i64,
) -> sqlx::Result<()> {
    with_pool!(db, pool => sqlx::query(
        "INSERT INTO service_feedback (at, satisfaction, page, comments, user_id) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(at)
    .bind(feedback.satisfaction)
    .bind(&feedback.page)
    .bind(&feedback.comments)
    .bind(user_id)
    .execute(pool)
    .await
    .map(|_| ()))
}

#[derive(FromRow)]
struct Row {
    at: i64,
    satisfaction: Option<String>,
    page: String,
    comments: String,
    member: Option<String>,
}

/// Newest first, a page at a time.
pub async fn feedback_page(db: &Db, page: u32) -> sqlx::Result<FeedbackList> {
    let offset = i64::from(page.saturating_sub(1)) * FEEDBACK_PAGE_SIZE;
    let rows: Vec<Row> = with_pool!(db, pool => sqlx::query_as(
        "SELECT f.at, f.satisfaction, f.page, f.comments, u.display_name AS member \
         FROM service_feedback f LEFT JOIN users u ON u.id = f.user_id \
         ORDER BY f.id DESC LIMIT $1 OFFSET $2",
    )
    .bind(FEEDBACK_PAGE_SIZE + 1)
    .bind(offset)
    .fetch_all(pool)
    .await)?;
    let has_more = rows.len() as i64 > FEEDBACK_PAGE_SIZE;
    Ok(FeedbackList {
        entries: rows
            .into_iter()
            .take(FEEDBACK_PAGE_SIZE as usize)
            .map(|row| FeedbackEntry {
                at: row.at,
                satisfaction: row
                    .satisfaction
                    .as_deref()
                    .and_then(satisfaction_label)
                    .map(str::to_string),
                page: row.page,
                comments: row.comments,
                member: row.member,
            })
            .collect(),
        page: page.max(1),
        has_more,
    })
}

/// Deletes feedback sent before `cutoff` (the retention schedule's period).
pub async fn delete_feedback_before(db: &Db, cutoff: i64) -> sqlx::Result<u64> {
    Ok(
        with_pool!(db, pool => sqlx::query("DELETE FROM service_feedback WHERE at < $1")
        .bind(cutoff)
        .execute(pool)
        .await?
        .rows_affected()),
    )
}
