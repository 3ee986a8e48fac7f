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

/// Feedback about the service from one address.
pub const FEEDBACK_PER_IP: Limit = Limit {
    name: "feedback-ip",
    max: 10,
    span_seconds: 3600,
};
/// Feedback from everyone together: a flood from many addresses stops here.
pub const FEEDBACK_FROM_EVERYONE: Limit = Limit {
    name: "feedback-all",
    max: 300,
    span_seconds: 3600,
};

/// Reports about content from one member.
pub const REPORTS_PER_MEMBER: Limit = Limit {
    name: "report-member",
    max: 20,
    span_seconds: 3600,
};

/// Workspace files imported by one member: each is read whole (up to
/// 5 MB), so a flood is stopped here.
pub const IMPORTS_PER_MEMBER: Limit = Limit {
    name: "import-member",
    max: 30,
    span_seconds: 3600,
};

/// Saves of the browser's timeline to a member's account after the
/// first (which counts as an import): each is read whole and replaces a
/// timeline, so a flood is stopped here; a member sends by hand, after a
/// stretch of work.
pub const LOCAL_SENDS_PER_MEMBER: Limit = Limit {
    name: "local-send-member",
    max: 120,
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
    Ok(hits(db, limit, key).await? >= limit.max)
}

/// The hits counted against `key` over the limit's span.
async fn hits(db: &Db, limit: Limit, key: &str) -> Result<i64, sqlx::Error> {
    let since = now() - limit.span_seconds - 60;
    let bucket = bucket(limit, key);
    Ok(with_pool!(db, pool => {
        sqlx::query_scalar("SELECT CAST(COALESCE(SUM(hits), 0) AS BIGINT) FROM rate_limits WHERE bucket = $1 AND window_start > $2")
            .bind(&bucket)
            .bind(since)
            .fetch_one(pool)
            .await?
    }))
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

/// Takes one attempt from `key`'s allowance before the work it guards, and
/// says whether it may go ahead. The hit is counted first, in one
/// statement, and only then is the total read: of any number of parallel
/// attempts, each sees at least the hits counted before its own, so no more
/// than `max` go ahead (checking first and counting after the work, as a
/// slow password hash invites, lets parallel attempts all pass the check).
/// A refused attempt is given back, so hammering a locked account does not
/// keep it locked for longer.
pub async fn try_take(db: &Db, limit: Limit, key: &str) -> Result<bool, sqlx::Error> {
    hit(db, limit, key).await?;
    // More than `max` counted: the one just taken is over the limit.
    if hits(db, limit, key).await? > limit.max {
        give_back(db, limit, key).await?;
        return Ok(false);
    }
    Ok(true)
}

/// As [`try_take`] for several limits at once: all are taken, or none.
pub async fn try_take_all(db: &Db, limits: &[(Limit, &str)]) -> Result<bool, sqlx::Error> {
    for (taken, (limit, key)) in limits.iter().enumerate() {
        if !try_take(db, *limit, key).await? {
            give_back_all(db, &limits[..taken]).await?;
            return Ok(false);
        }
    }
    Ok(true)
}

/// Returns an attempt taken by [`try_take`] that turned out not to count
/// (a sign-in that succeeded). Takes it from the newest minute that has one,
/// as the minute may have turned since.
pub async fn give_back(db: &Db, limit: Limit, key: &str) -> Result<(), sqlx::Error> {
    let bucket = bucket(limit, key);
    with_pool!(db, pool => {
        sqlx::query(
            "UPDATE rate_limits SET hits = hits - 1
             WHERE bucket = $1 AND window_start = (
                 SELECT MAX(window_start) FROM rate_limits WHERE bucket = $1 AND hits > 0)",
        )
        .bind(&bucket)
        .execute(pool)
        .await?;
    });
    Ok(())
}

pub async fn give_back_all(db: &Db, limits: &[(Limit, &str)]) -> Result<(), sqlx::Error> {
    for (limit, key) in limits {
        give_back(db, *limit, key).await?;
    }
    Ok(())
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
