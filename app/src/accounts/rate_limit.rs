//! Rate limits kept in the database, so every server instance sharing it
//! counts the same attempts. Hits are counted per minute; a limit over a
//! longer span sums the minutes, counting a minute that started just before
//! the span in full, so the limit is never exceeded.

use crate::db::Db;
use crate::with_pool;

/// A named limit: at most `max` hits in `span_seconds`.
#[derive(Clone, Copy, Debug)]
pub struct Limit {
    pub name: &'static str,
    pub max: i64,
    pub span_seconds: i64,
}

/// Failed sign-ins (password or second step) for one account.
pub const SIGN_IN_FAILURES_PER_ACCOUNT: Limit = Limit {
    name: "signin-account",
    max: 100,
    span_seconds: 3600,
};
/// Failed sign-ins from one address.
pub const SIGN_IN_FAILURES_PER_IP: Limit = Limit {
    name: "signin-ip",
    max: 300,
    span_seconds: 3600,
};
pub const REGISTRATIONS_PER_IP: Limit = Limit {
    name: "register-ip",
    max: 20,
    span_seconds: 3600,
};
pub const RESETS_PER_IP: Limit = Limit {
    name: "reset-ip",
    max: 20,
    span_seconds: 3600,
};
pub const RESETS_PER_ACCOUNT: Limit = Limit {
    name: "reset-account",
    max: 5,
    span_seconds: 3600,
};

fn bucket(limit: Limit, key: &str) -> String {
    // Keys can be email addresses: store a digest, not the address.
    format!("{}:{}", limit.name, &super::tokens::digest(key)[..32])
}

fn now() -> i64 {
    chrono::Utc::now().timestamp()
}

/// True when `key` has used up `limit`.
pub async fn exhausted(db: &Db, limit: Limit, key: &str) -> Result<bool, sqlx::Error> {
    let since = now() - limit.span_seconds - 60;
    let bucket = bucket(limit, key);
    let hits: i64 = with_pool!(db, pool => {
        sqlx::query_scalar("SELECT CAST(COALESCE(SUM(hits), 0) AS BIGINT) FROM rate_limits WHERE bucket = $1 AND window_start > $2")
            .bind(&bucket)
            .bind(since)
            .fetch_one(pool)
            .await?
    });
    Ok(hits >= limit.max)
}

/// Counts one hit against `key`.
pub async fn hit(db: &Db, limit: Limit, key: &str) -> Result<(), sqlx::Error> {
    let now = now();
    let window = now - now % 60;
    let bucket = bucket(limit, key);
    with_pool!(db, pool => {
        sqlx::query(
            "INSERT INTO rate_limits (bucket, window_start, hits) VALUES ($1, $2, 1)
             ON CONFLICT (bucket, window_start) DO UPDATE SET hits = rate_limits.hits + 1",
        )
        .bind(&bucket)
        .bind(window)
        .execute(pool)
        .await?;
    });
    Ok(())
}

/// Counts a hit, then says whether the limit is now exceeded.
pub async fn hit_and_check(db: &Db, limit: Limit, key: &str) -> Result<bool, sqlx::Error> {
    if exhausted(db, limit, key).await? {
        return Ok(true);
    }
    hit(db, limit, key).await?;
    Ok(false)
}

/// Forgets counters older than a day.
pub async fn prune(db: &Db) -> Result<u64, sqlx::Error> {
    let cutoff = now() - 86_400;
    Ok(with_pool!(db, pool => {
        sqlx::query("DELETE FROM rate_limits WHERE window_start < $1")
            .bind(cutoff)
            .execute(pool)
            .await?
            .rows_affected()
    }))
}
