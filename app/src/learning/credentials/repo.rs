//! The SQL of certificates and of the key that signs them. A certificate
//! is issued in the transaction that records a module's completion (see
//! [`ISSUE`]); its holder, whoever has its link, and admins read it here.

use serde_json::{json, Value};
use sqlx::FromRow;

use super::signing::{KeyError, SigningKey};
use super::types::CertificateSummary;
use crate::dates::Day;
use crate::db::Db;
use crate::with_pool;

/// Issues a certificate when a module is completed, inside the completion's
/// transaction (`learning::repo::mark_done`): binds the id, member, module
/// id, slug, title, minutes and time, once per member and module.
pub const ISSUE: &str = "INSERT INTO credentials \
    (id, user_id, resource_id, module_slug, module_title, minutes, issued_at) \
    VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING";

/// Issues the certificates of completions that have none: those recorded
/// before the hub issued certificates. Run at start-up; instances starting
/// together issue each once (the table allows one per member and module).
/// Returns how many were issued.
pub async fn issue_missing(db: &Db) -> sqlx::Result<u64> {
    type Missing = (i64, i64, String, String, i64, f64, i64);
    let missing: Vec<Missing> = with_pool!(db, pool => sqlx::query_as(
        "SELECT c.user_id, r.id, r.slug, r.title, r.minutes, r.cpd_hours, c.completed_at \
         FROM module_completions c JOIN resources r ON r.id = c.resource_id \
         WHERE NOT EXISTS (SELECT 1 FROM credentials cr \
            WHERE cr.user_id = c.user_id AND cr.resource_id = c.resource_id) \
         ORDER BY c.completed_at",
    )
    .fetch_all(pool)
    .await)?;
    let mut issued = 0;
    for (user_id, id, slug, title, minutes, cpd_hours, completed_at) in missing {
        let module = crate::resources::repo::ModuleFacts {
            id,
            slug,
            title,
            minutes,
            cpd_hours,
            pass_mark: 0,
        };
        issued += with_pool!(db, pool => sqlx::query(ISSUE)
            .bind(crate::web::tokens::random_token())
            .bind(user_id)
            .bind(module.id)
            .bind(&module.slug)
            .bind(&module.title)
            .bind(crate::learning::repo::module_minutes(&module))
            .bind(completed_at)
            .execute(pool)
            .await
            .map(|done| done.rows_affected()))?;
    }
    Ok(issued)
}

#[derive(Debug, thiserror::Error)]
pub enum KeyFailure {
    #[error(transparent)]
    Database(#[from] sqlx::Error),
    #[error(transparent)]
    Key(#[from] KeyError),
}

/// The signing key given by a setting (`HUB_CREDENTIAL_KEY`), if any: it
/// is used instead of the one kept in the database. Every instance sharing
/// a database must be given the same.
#[derive(Clone, Debug, Default)]
pub struct ConfiguredKey(pub Option<SigningKey>);

/// The hub's signing key: the configured one, or the one kept in the
/// database, made on first use (instances starting together each try to
/// insert one and all then read the one that won).
pub async fn signing_key(db: &Db, configured: &ConfiguredKey) -> Result<SigningKey, KeyFailure> {
    if let Some(key) = &configured.0 {
        return Ok(key.clone());
    }
    let read = || async {
        with_pool!(db, pool => sqlx::query_scalar::<_, String>(
            "SELECT private_pkcs8 FROM signing_keys WHERE purpose = 'credentials'",
        )
        .fetch_optional(pool)
        .await)
    };
    if let Some(stored) = read().await? {
        return Ok(SigningKey::from_stored(&stored)?);
    }
    let key = SigningKey::generate()?;
    let now = chrono::Utc::now().timestamp();
    with_pool!(db, pool => sqlx::query(
        "INSERT INTO signing_keys (purpose, kid, private_pkcs8, public_key, created_at) \
         VALUES ('credentials', $1, $2, $3, $4) ON CONFLICT DO NOTHING",
    )
    .bind(key.kid())
    .bind(key.stored())
    .bind(key.public_key())
    .bind(now)
    .execute(pool)
    .await
    .map(|_| ()))?;
    let stored = read().await?.ok_or(sqlx::Error::RowNotFound)?;
    Ok(SigningKey::from_stored(&stored)?)
}

/// The UK day of a stored time (every stored time has one).
pub fn day_of(unix_seconds: i64) -> Day {
    crate::dates::uk_day_of(unix_seconds).unwrap_or_else(|| chrono::NaiveDate::default().into())
}

/// The id of the key kept in the database, if one was ever made.
pub async fn stored_kid(db: &Db) -> sqlx::Result<Option<String>> {
    with_pool!(db, pool => sqlx::query_scalar(
        "SELECT kid FROM signing_keys WHERE purpose = 'credentials'",
    )
    .fetch_optional(pool)
    .await)
}

/// A certificate as stored, with its holder's account name while the
/// account lasts.
#[derive(Clone, Debug, FromRow)]
pub struct CredentialRecord {
    pub id: String,
    pub user_id: Option<i64>,
    pub module_slug: String,
    pub module_title: String,
    pub minutes: i64,
    pub issued_at: i64,
    pub show_name: bool,
    pub revoked_at: Option<i64>,
    pub revoked_reason: Option<String>,
    pub holder_name: Option<String>,
}

const SELECT: &str = "SELECT c.id, c.user_id, c.module_slug, c.module_title, c.minutes, \
    c.issued_at, c.show_name, c.revoked_at, c.revoked_reason, u.display_name AS holder_name \
    FROM credentials c LEFT JOIN users u ON u.id = c.user_id";

/// Certificate `id`, for anyone with its link.
pub async fn credential(db: &Db, id: &str) -> sqlx::Result<Option<CredentialRecord>> {
    let sql = format!("{SELECT} WHERE c.id = $1");
    with_pool!(db, pool => sqlx::query_as(&sql).bind(id).fetch_optional(pool).await)
}

/// Certificate `id` if `user_id` holds it.
pub async fn held(db: &Db, user_id: i64, id: &str) -> sqlx::Result<Option<CredentialRecord>> {
    let sql = format!("{SELECT} WHERE c.id = $1 AND c.user_id = $2");
    with_pool!(db, pool => sqlx::query_as(&sql).bind(id).bind(user_id).fetch_optional(pool).await)
}

async fn records_of(db: &Db, user_id: i64) -> sqlx::Result<Vec<CredentialRecord>> {
    let sql = format!("{SELECT} WHERE c.user_id = $1 ORDER BY c.issued_at DESC, c.id");
    with_pool!(db, pool => sqlx::query_as(&sql).bind(user_id).fetch_all(pool).await)
}

/// `user_id`'s certificates, newest first.
pub async fn certificates(db: &Db, user_id: i64) -> sqlx::Result<Vec<CertificateSummary>> {
    Ok(records_of(db, user_id)
        .await?
        .into_iter()
        .map(|record| CertificateSummary {
            issued_on: day_of(record.issued_at),
            revoked: record.revoked_at.is_some(),
            id: record.id,
            module_title: record.module_title,
        })
        .collect())
}

/// The holder shows their name on their certificate's page, or not; false
/// if `user_id` does not hold certificate `id`.
pub async fn set_show_name(db: &Db, user_id: i64, id: &str, show: bool) -> sqlx::Result<bool> {
    let result = with_pool!(db, pool => sqlx::query(
        "UPDATE credentials SET show_name = $1 WHERE id = $2 AND user_id = $3",
    )
    .bind(show)
    .bind(id)
    .bind(user_id)
    .execute(pool)
    .await
    .map(|done| done.rows_affected()))?;
    Ok(result == 1)
}

/// Revokes certificate `id` (by admin `by`); false if there is no such
/// certificate or it was revoked already (the first reason stands).
pub async fn revoke(db: &Db, id: &str, by: i64, reason: &str, now: i64) -> sqlx::Result<bool> {
    let result = with_pool!(db, pool => sqlx::query(
        "UPDATE credentials SET revoked_at = $1, revoked_by = $2, revoked_reason = $3 \
         WHERE id = $4 AND revoked_at IS NULL",
    )
    .bind(now)
    .bind(by)
    .bind(reason)
    .bind(id)
    .execute(pool)
    .await
    .map(|done| done.rows_affected()))?;
    Ok(result == 1)
}

/// The ids of every revoked certificate, oldest revocation first.
pub async fn revoked(db: &Db) -> sqlx::Result<Vec<String>> {
    with_pool!(db, pool => sqlx::query_scalar(
        "SELECT id FROM credentials WHERE revoked_at IS NOT NULL ORDER BY revoked_at, id",
    )
    .fetch_all(pool)
    .await)
}

/// `user_id`'s certificates for their data download.
pub async fn export(db: &Db, user_id: i64) -> sqlx::Result<Value> {
    Ok(Value::Array(
        records_of(db, user_id)
            .await?
            .into_iter()
            .map(|record| {
                json!({
                    "verification": format!("/credentials/{}", record.id),
                    "module": record.module_title,
                    "module_address": format!("/resources/{}", record.module_slug),
                    "minutes": record.minutes,
                    "issued_at": record.issued_at,
                    "name_shown": record.show_name,
                    "revoked_at": record.revoked_at,
                    "revoked_reason": record.revoked_reason,
                })
            })
            .collect(),
    ))
}
