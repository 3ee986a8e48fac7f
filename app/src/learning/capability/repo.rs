//! The SQL of the capability self-assessment: saving a take (one a day),
//! a member's history, and their takes for `/account/data.json`.

use serde_json::{json, Value};

use super::types::{Assessment, Confidence, Rating, Relevance};
use crate::db::{BeginWrite, Db};
use crate::vocabulary::{Capability, Sector};
use crate::with_pool;

/// Saves `user_id`'s ratings as their take of the day `now` falls on (UK
/// time), replacing one they made earlier that day; with their profile's
/// sectors and region as they show them to every signed-in member (as for
/// "Was this useful?": the insights count by them and must learn nothing
/// the member keeps to their connections). One transaction, so two posts
/// at once leave one whole take.
pub async fn save(db: &Db, user_id: i64, ratings: &[Rating], now: i64) -> sqlx::Result<()> {
    let taken_on = crate::dates::uk_day_of(now)
        .map(|day| day.iso())
        .unwrap_or_default();
    with_pool!(db, pool => {
        let mut tx = pool.begin_write().await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO self_assessments (user_id, taken_on, taken_at, sectors, region) \
             SELECT u.id, $2, $3, \
                    CASE WHEN p.visibility <= 1 AND p.sectors_visibility <= 1 THEN p.sectors ELSE 0 END, \
                    CASE WHEN p.visibility <= 1 AND p.region_visibility <= 1 THEN p.region END \
             FROM users u LEFT JOIN profiles p ON p.user_id = u.id AND p.hidden_at IS NULL WHERE u.id = $1 \
             ON CONFLICT (user_id, taken_on) DO UPDATE SET taken_at = excluded.taken_at, \
             sectors = excluded.sectors, region = excluded.region \
             RETURNING id",
        )
        .bind(user_id)
        .bind(&taken_on)
        .bind(now)
        .fetch_one(&mut *tx)
        .await?;
        sqlx::query("DELETE FROM self_assessment_ratings WHERE assessment_id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        for rating in ratings {
            sqlx::query(
                "INSERT INTO self_assessment_ratings (assessment_id, domain, confidence, relevance) \
                 VALUES ($1, $2, $3, $4)",
            )
            .bind(id)
            .bind(rating.domain)
            .bind(rating.confidence.slug())
            .bind(rating.relevance.slug())
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await
    })
}

/// The day of `user_id`'s latest take, if they have taken it.
pub async fn latest_on(db: &Db, user_id: i64) -> sqlx::Result<Option<crate::dates::Day>> {
    let latest: Option<String> = with_pool!(db, pool => sqlx::query_scalar(
        "SELECT MAX(taken_on) FROM self_assessments WHERE user_id = $1",
    )
    .bind(user_id)
    .fetch_one(pool)
    .await)?;
    Ok(latest
        .and_then(|day| chrono::NaiveDate::parse_from_str(&day, "%Y-%m-%d").ok())
        .map(Into::into))
}

/// A rating as stored: (day taken, domain, confidence, relevance).
type RatingRow = (String, Capability, String, String);

/// Every take of `user_id`'s, oldest first, each with its domains in the
/// framework's order.
pub async fn history(db: &Db, user_id: i64) -> sqlx::Result<Vec<Assessment>> {
    let rows: Vec<RatingRow> = with_pool!(db, pool => sqlx::query_as(
        "SELECT a.taken_on, r.domain, r.confidence, r.relevance FROM self_assessments a \
         JOIN self_assessment_ratings r ON r.assessment_id = a.id WHERE a.user_id = $1 \
         ORDER BY a.taken_on",
    )
    .bind(user_id)
    .fetch_all(pool)
    .await)?;
    let mut history: Vec<(String, Vec<Rating>)> = Vec::new();
    for (taken_on, domain, confidence, relevance) in rows {
        let (Some(confidence), Some(relevance)) = (
            Confidence::from_slug(&confidence),
            Relevance::from_slug(&relevance),
        ) else {
            continue;
        };
        let rating = Rating {
            domain,
            confidence,
            relevance,
        };
        match history.last_mut() {
            Some((day, ratings)) if *day == taken_on => ratings.push(rating),
            _ => history.push((taken_on, vec![rating])),
        }
    }
    Ok(history
        .into_iter()
        .filter_map(|(taken_on, mut ratings)| {
            let day = chrono::NaiveDate::parse_from_str(&taken_on, "%Y-%m-%d").ok()?;
            ratings.sort_by_key(|rating| rating.domain);
            Some(Assessment {
                taken_on: day.into(),
                ratings,
            })
        })
        .collect())
}

/// Every take for `/account/data.json`, oldest first, with all that was
/// kept with it: each stored take, matched to its ratings by its day (the
/// key of a member's takes), not by position.
pub async fn export(db: &Db, user_id: i64) -> sqlx::Result<Value> {
    let history = history(db, user_id).await?;
    let kept: Vec<(String, i64, i64, Option<String>)> = with_pool!(db, pool => sqlx::query_as(
        "SELECT taken_on, taken_at, sectors, region FROM self_assessments WHERE user_id = $1 ORDER BY taken_on",
    )
    .bind(user_id)
    .fetch_all(pool)
    .await)?;
    Ok(json!(kept
        .into_iter()
        .map(|(taken_on, taken_at, sectors, region)| {
            let ratings: Vec<Value> = history
                .iter()
                .find(|take| take.taken_on.iso() == taken_on)
                .map(|take| take.ratings.as_slice())
                .unwrap_or_default()
                .iter()
                .map(|rating| json!({
                    "domain": rating.domain.slug(),
                    "confidence": rating.confidence.slug(),
                    "relevance": rating.relevance.slug(),
                }))
                .collect();
            json!({
                "taken_on": taken_on,
                "taken_at": crate::dates::format_time(taken_at),
                "sectors_when_taken": Sector::from_mask(sectors).iter().map(|s| s.slug()).collect::<Vec<_>>(),
                "region_when_taken": region,
                "ratings": ratings,
            })
        })
        .collect::<Vec<_>>()))
}
