//! Every query about accounts, written once for both backends.

use super::types::{AccountStatus, EmailAddress, Role, UserRow};
use crate::db::{BeginWrite, Db};
pub use crate::web::identity::User;
use crate::web::tokens;
use crate::with_pool;

fn now() -> i64 {
    chrono::Utc::now().timestamp()
}

impl From<&User> for UserRow {
    fn from(user: &User) -> Self {
        UserRow {
            id: user.id,
            email: user.email.clone(),
            display_name: user.display_name.clone(),
            role: user.role,
            status: user.status,
            verified: user.verified,
            mfa_enabled: user.mfa_enabled(),
            created_at: user.created_at,
        }
    }
}

#[derive(sqlx::FromRow)]
struct UserRecord {
    id: i64,
    email: String,
    email_verified_at: Option<i64>,
    display_name: String,
    password_hash: String,
    role: String,
    status: String,
    totp_secret: Option<String>,
    created_at: i64,
}

impl From<UserRecord> for User {
    fn from(record: UserRecord) -> Self {
        User {
            id: record.id,
            email: record.email,
            verified: record.email_verified_at.is_some(),
            display_name: record.display_name,
            password_hash: record.password_hash,
            // The table's CHECK constraints allow only known values.
            role: Role::parse(&record.role).unwrap_or(Role::Member),
            status: AccountStatus::parse(&record.status).unwrap_or(AccountStatus::Suspended),
            totp_secret: record.totp_secret,
            created_at: record.created_at,
        }
    }
}

const USER_COLUMNS: &str = "id, email, email_verified_at, display_name, password_hash, role, status, totp_secret, created_at";

/// Creates an account; `None` when the email address is already taken.
pub async fn create_user(
    db: &Db,
    email: &EmailAddress,
    display_name: &str,
    password_hash: &str,
    role: Role,
    verified: bool,
) -> Result<Option<i64>, sqlx::Error> {
    let now = now();
    let verified_at = verified.then_some(now);
    Ok(with_pool!(db, pool => {
        sqlx::query_scalar(
            "INSERT INTO users (email, email_verified_at, display_name, password_hash, role, created_at)
             VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (email) DO NOTHING RETURNING id",
        )
        .bind(email.as_str())
        .bind(verified_at)
        .bind(display_name)
        .bind(password_hash)
        .bind(role.slug())
        .bind(now)
        .fetch_optional(pool)
        .await?
    }))
}

pub async fn by_email(db: &Db, email: &EmailAddress) -> Result<Option<User>, sqlx::Error> {
    let sql = format!("SELECT {USER_COLUMNS} FROM users WHERE email = $1");
    let record: Option<UserRecord> = with_pool!(db, pool => {
        sqlx::query_as(&sql).bind(email.as_str()).fetch_optional(pool).await?
    });
    Ok(record.map(User::from))
}

/// [`by_id`] in the shape the session layer takes
/// ([`crate::web::session::FindUser`]), so it can find a session's account
/// without knowing this area.
pub fn find_for_session(
    db: &Db,
    id: i64,
) -> std::pin::Pin<
    Box<dyn std::future::Future<Output = Result<Option<User>, sqlx::Error>> + Send + '_>,
> {
    Box::pin(by_id(db, id))
}

pub async fn by_id(db: &Db, id: i64) -> Result<Option<User>, sqlx::Error> {
    let sql = format!("SELECT {USER_COLUMNS} FROM users WHERE id = $1");
    let record: Option<UserRecord> = with_pool!(db, pool => {
        sqlx::query_as(&sql).bind(id).fetch_optional(pool).await?
    });
    Ok(record.map(User::from))
}

/// Runs one `UPDATE users SET … WHERE id = $1` with one more bound value.
macro_rules! update_user {
    ($db:expr, $id:expr, $set:literal, $value:expr) => {{
        let result = with_pool!($db, pool => {
            sqlx::query(concat!("UPDATE users SET ", $set, " WHERE id = $1"))
                .bind($id)
                .bind($value)
                .execute(pool)
                .await?
                .rows_affected()
        });
        Ok::<bool, sqlx::Error>(result == 1)
    }};
}

pub async fn mark_verified(db: &Db, id: i64) -> Result<bool, sqlx::Error> {
    update_user!(
        db,
        id,
        "email_verified_at = COALESCE(email_verified_at, $2)",
        now()
    )
}

pub async fn set_password(db: &Db, id: i64, password_hash: &str) -> Result<bool, sqlx::Error> {
    update_user!(db, id, "password_hash = $2", password_hash)
}

pub async fn set_role(db: &Db, id: i64, role: Role) -> Result<bool, sqlx::Error> {
    update_user!(db, id, "role = $2", role.slug())
}

/// Suspends or reinstates an account; a suspended member's network
/// profile is hidden with it.
pub async fn set_status(db: &Db, id: i64, status: AccountStatus) -> Result<bool, sqlx::Error> {
    // A trigger lists or unlists the account's profile with it.
    update_user!(db, id, "status = $2", status.slug())
}

/// Changes the email address; `false` when another account has it.
pub async fn set_email(db: &Db, id: i64, email: &EmailAddress) -> Result<bool, sqlx::Error> {
    let result: Result<bool, sqlx::Error> = update_user!(
        db,
        id,
        "email = $2, email_verified_at = COALESCE(email_verified_at, 0)",
        email.as_str()
    );
    match result {
        Err(sqlx::Error::Database(error)) if error.is_unique_violation() => Ok(false),
        other => other,
    }
}

/// Turns on two-step verification and replaces the recovery codes.
pub async fn enable_mfa(
    db: &Db,
    id: i64,
    secret: &str,
    recovery_codes: &[String],
) -> Result<(), sqlx::Error> {
    with_pool!(db, pool => {
        let mut tx = pool.begin_write().await?;
        sqlx::query("UPDATE users SET totp_secret = $2, totp_last_step = NULL WHERE id = $1")
            .bind(id)
            .bind(secret)
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM recovery_codes WHERE user_id = $1").bind(id).execute(&mut *tx).await?;
        for code in recovery_codes {
            sqlx::query("INSERT INTO recovery_codes (user_id, code_hash) VALUES ($1, $2)")
                .bind(id)
                .bind(tokens::digest(code))
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
    });
    Ok(())
}

pub async fn disable_mfa(db: &Db, id: i64) -> Result<(), sqlx::Error> {
    with_pool!(db, pool => {
        let mut tx = pool.begin_write().await?;
        sqlx::query("UPDATE users SET totp_secret = NULL, totp_last_step = NULL WHERE id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM recovery_codes WHERE user_id = $1").bind(id).execute(&mut *tx).await?;
        tx.commit().await?;
    });
    Ok(())
}

/// Claims a TOTP time step. Atomic, so a code works once even when two
/// server instances see it at the same moment.
pub async fn claim_totp_step(db: &Db, id: i64, step: i64) -> Result<bool, sqlx::Error> {
    let result = with_pool!(db, pool => {
        sqlx::query("UPDATE users SET totp_last_step = $2 WHERE id = $1 AND (totp_last_step IS NULL OR totp_last_step < $2)")
            .bind(id)
            .bind(step)
            .execute(pool)
            .await?
            .rows_affected()
    });
    Ok(result == 1)
}

/// Uses up a recovery code; `false` if it is wrong or already used.
pub async fn use_recovery_code(db: &Db, user_id: i64, code: &str) -> Result<bool, sqlx::Error> {
    let hash = tokens::digest(&tokens::normalise_recovery_code(code));
    let result = with_pool!(db, pool => {
        sqlx::query("UPDATE recovery_codes SET used_at = $3 WHERE user_id = $1 AND code_hash = $2 AND used_at IS NULL")
            .bind(user_id)
            .bind(&hash)
            .bind(now())
            .execute(pool)
            .await?
            .rows_affected()
    });
    Ok(result == 1)
}

pub async fn recovery_codes_left(db: &Db, user_id: i64) -> Result<i64, sqlx::Error> {
    Ok(with_pool!(db, pool => {
        sqlx::query_scalar("SELECT COUNT(*) FROM recovery_codes WHERE user_id = $1 AND used_at IS NULL")
            .bind(user_id)
            .fetch_one(pool)
            .await?
    }))
}

/// Erases an account. Tokens, codes and sessions go with it (foreign
/// keys); the audit log keeps the events but loses who and where.
pub async fn delete_user(db: &Db, id: i64) -> Result<(), sqlx::Error> {
    with_pool!(db, pool => {
        let mut tx = pool.begin_write().await?;
        sqlx::query("UPDATE audit_log SET ip = NULL, detail = '' WHERE actor_id = $1 OR subject_id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM users WHERE id = $1").bind(id).execute(&mut *tx).await?;
        tx.commit().await?;
    });
    Ok(())
}

pub const USERS_PAGE_SIZE: i64 = 25;

/// Accounts whose email or name contains `query`, newest first.
pub async fn list_users(
    db: &Db,
    query: &str,
    page: u32,
) -> Result<(Vec<UserRow>, i64), sqlx::Error> {
    let pattern = format!(
        "%{}%",
        query
            .to_lowercase()
            .replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_")
    );
    let offset = i64::from(page.saturating_sub(1)) * USERS_PAGE_SIZE;
    let filter =
        "WHERE lower(email) LIKE $1 ESCAPE '\\' OR lower(display_name) LIKE $1 ESCAPE '\\'";
    let sql =
        format!("SELECT {USER_COLUMNS} FROM users {filter} ORDER BY id DESC LIMIT $2 OFFSET $3");
    let count_sql = format!("SELECT COUNT(*) FROM users {filter}");
    let (records, total): (Vec<UserRecord>, i64) = with_pool!(db, pool => {
        let records = sqlx::query_as(&sql).bind(&pattern).bind(USERS_PAGE_SIZE).bind(offset).fetch_all(pool).await?;
        let total = sqlx::query_scalar(&count_sql).bind(&pattern).fetch_one(pool).await?;
        (records, total)
    });
    Ok((
        records
            .into_iter()
            .map(|record| UserRow::from(&User::from(record)))
            .collect(),
        total,
    ))
}

/// What an emailed link is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LinkPurpose {
    Verify,
    Reset,
    ChangeEmail,
}

impl LinkPurpose {
    fn slug(self) -> &'static str {
        match self {
            LinkPurpose::Verify => "verify",
            LinkPurpose::Reset => "reset",
            LinkPurpose::ChangeEmail => "change_email",
        }
    }

    /// Reset links are the most dangerous, so they live shortest.
    pub fn lifetime_seconds(self) -> i64 {
        match self {
            LinkPurpose::Verify | LinkPurpose::ChangeEmail => 24 * 3600,
            LinkPurpose::Reset => 3600,
        }
    }
}

/// Creates a single-use link token; earlier unused ones for the same
/// purpose stop working.
pub async fn create_link_token(
    db: &Db,
    user_id: i64,
    purpose: LinkPurpose,
    new_email: Option<&EmailAddress>,
) -> Result<String, sqlx::Error> {
    let token = tokens::random_token();
    let now = now();
    with_pool!(db, pool => {
        let mut tx = pool.begin_write().await?;
        sqlx::query("UPDATE email_tokens SET used_at = $3 WHERE user_id = $1 AND purpose = $2 AND used_at IS NULL")
            .bind(user_id)
            .bind(purpose.slug())
            .bind(now)
            .execute(&mut *tx)
            .await?;
        sqlx::query("INSERT INTO email_tokens (token_hash, user_id, purpose, new_email, expires_at) VALUES ($1, $2, $3, $4, $5)")
            .bind(tokens::digest(&token))
            .bind(user_id)
            .bind(purpose.slug())
            .bind(new_email.map(EmailAddress::as_str))
            .bind(now + purpose.lifetime_seconds())
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
    });
    Ok(token)
}

/// Whether a link token is still usable (for showing its form).
pub async fn link_token_is_live(
    db: &Db,
    token: &str,
    purpose: LinkPurpose,
) -> Result<bool, sqlx::Error> {
    let found: Option<i64> = with_pool!(db, pool => {
        sqlx::query_scalar("SELECT user_id FROM email_tokens WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > $3")
            .bind(tokens::digest(token))
            .bind(purpose.slug())
            .bind(now())
            .fetch_optional(pool)
            .await?
    });
    Ok(found.is_some())
}

/// Uses a link token up, atomically: the account and any new email address,
/// or `None` if it is unknown, used or expired.
pub async fn consume_link_token(
    db: &Db,
    token: &str,
    purpose: LinkPurpose,
) -> Result<Option<(i64, Option<String>)>, sqlx::Error> {
    let now = now();
    Ok(with_pool!(db, pool => {
        sqlx::query_as(
            "UPDATE email_tokens SET used_at = $3
             WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > $3
             RETURNING user_id, new_email",
        )
        .bind(tokens::digest(token))
        .bind(purpose.slug())
        .bind(now)
        .fetch_optional(pool)
        .await?
    }))
}

/// Removes used or expired link tokens older than a week.
pub async fn prune_link_tokens(db: &Db) -> Result<u64, sqlx::Error> {
    let cutoff = now() - 7 * 86_400;
    Ok(with_pool!(db, pool => {
        sqlx::query("DELETE FROM email_tokens WHERE expires_at < $1")
            .bind(cutoff)
            .execute(pool)
            .await?
            .rows_affected()
    }))
}
