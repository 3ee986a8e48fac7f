//! Who an investigation is shared with: the owner's sharing page, the
//! investigations shared with a member, and the writes that share, change
//! a role, stop sharing and leave. A share holds the connection it was made
//! through (its foreign key ends the share with the connection), read
//! again as the pair's when the share is written.

use serde_json::{json, Value};

use super::read::{summary, SUMMARY_COLUMNS};
use super::Written;
use crate::db::{BeginWrite, Db};
use crate::toolkits::sharing::{Share, ShareRole, Standing, MAX_SHARES};
use crate::toolkits::types::{SharedBy, Workspace, WorkspaceSummary};
use crate::vocabulary::{LearningResponse, Sector};
use crate::with_pool;

/// A workspace as a member opened it: their standing, and whose it is.
#[derive(Clone, Debug)]
pub struct Opened {
    pub workspace: Workspace,
    pub standing: Standing,
    /// The owner's display name.
    pub owner: String,
}

/// A [`super::read::SummaryRow`]'s columns, then the owner's name and the
/// member's role.
type SharedRow = (
    i64,
    String,
    LearningResponse,
    Option<Sector>,
    i64,
    i64,
    String,
    ShareRole,
);

/// The investigations shared with `member`, the latest changed first.
pub async fn shared_with(db: &Db, member: i64) -> sqlx::Result<Vec<WorkspaceSummary>> {
    let sql = format!(
        "SELECT {SUMMARY_COLUMNS}, u.display_name, m.role FROM workspaces w \
         JOIN workspace_members m ON m.workspace_id = w.id AND m.member_id = $1 \
         JOIN users u ON u.id = w.owner_id ORDER BY w.updated_at DESC, w.id DESC"
    );
    let rows: Vec<SharedRow> =
        with_pool!(db, pool => sqlx::query_as(&sql).bind(member).fetch_all(pool).await)?;
    Ok(rows
        .into_iter()
        .map(
            |(id, title, response, sector, entries, updated, owner, role)| WorkspaceSummary {
                shared: Some(SharedBy { owner, role }),
                ..summary((id, title, response, sector, entries, updated))
            },
        )
        .collect())
}

type ShareRow = (String, String, ShareRole, i64);

/// The members workspace `id` is shared with, by name.
pub async fn shares(db: &Db, id: i64) -> sqlx::Result<Vec<Share>> {
    let rows: Vec<ShareRow> = with_pool!(db, pool => sqlx::query_as(
        "SELECT p.handle, u.display_name, m.role, m.shared_at FROM workspace_members m \
         JOIN users u ON u.id = m.member_id JOIN profiles p ON p.user_id = m.member_id \
         WHERE m.workspace_id = $1 ORDER BY lower(u.display_name), m.member_id",
    )
    .bind(id)
    .fetch_all(pool)
    .await)?;
    Ok(rows
        .into_iter()
        .map(|(handle, name, role, shared_at)| Share {
            handle,
            name,
            role,
            since: crate::dates::format_time(shared_at),
        })
        .collect())
}

/// The owner shares their workspace `id` with `member` (connected through
/// `connection`) as `role`, or gives a member already shared with that
/// role. `Done(0)`; `NotFound` if it is not the owner's; `Full` at
/// [`MAX_SHARES`]; `Stale` if the connection ended meanwhile.
pub async fn share(
    db: &Db,
    owner: i64,
    id: i64,
    member: i64,
    connection: i64,
    role: ShareRole,
    now: i64,
) -> sqlx::Result<Written> {
    let lock = if matches!(db, Db::Postgres(_)) {
        " FOR UPDATE"
    } else {
        ""
    };
    let select = format!("SELECT id FROM workspaces WHERE id = $1 AND owner_id = $2{lock}");
    let written = with_pool!(db, pool => {
        let mut tx = pool.begin_write().await?;
        let found: Option<i64> = sqlx::query_scalar(&select)
            .bind(id)
            .bind(owner)
            .fetch_optional(&mut *tx)
            .await?;
        if found.is_none() {
            return Ok(Written::NotFound);
        }
        let others: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM workspace_members WHERE workspace_id = $1 AND member_id <> $2",
        )
        .bind(id)
        .bind(member)
        .fetch_one(&mut *tx)
        .await?;
        if others >= MAX_SHARES as i64 {
            return Ok(Written::Full);
        }
        // The connection is read again here, as the pair's and accepted:
        // between the caller's look and this write it may have ended, and
        // on SQLite its id may since belong to another pair's request.
        let (low, high) = (owner.min(member), owner.max(member));
        let inserted = sqlx::query(
            "INSERT INTO workspace_members (workspace_id, member_id, connection_id, role, shared_at) \
             SELECT $1, $2, c.id, $4, $5 FROM connections c \
             WHERE c.id = $3 AND c.user_low = $6 AND c.user_high = $7 AND c.status = 'accepted' \
             ON CONFLICT (workspace_id, member_id) \
             DO UPDATE SET role = excluded.role, connection_id = excluded.connection_id",
        )
        .bind(id)
        .bind(member)
        .bind(connection)
        .bind(role)
        .bind(now)
        .bind(low)
        .bind(high)
        .execute(&mut *tx)
        .await;
        match inserted {
            Ok(done) if done.rows_affected() == 0 => Written::Stale,
            Ok(_) => {
                tx.commit().await?;
                Written::Done(0)
            }
            Err(sqlx::Error::Database(error)) if error.is_foreign_key_violation() => Written::Stale,
            Err(error) => return Err(error),
        }
    });
    Ok(written)
}

/// The owner stops sharing their workspace `id` with `member`; false if it
/// was not shared with them (or is not the owner's).
pub async fn unshare(db: &Db, owner: i64, id: i64, member: i64) -> sqlx::Result<bool> {
    let deleted = with_pool!(db, pool => sqlx::query(
        "DELETE FROM workspace_members WHERE workspace_id = $1 AND member_id = $2 \
         AND workspace_id IN (SELECT id FROM workspaces WHERE owner_id = $3)",
    )
    .bind(id)
    .bind(member)
    .bind(owner)
    .execute(pool)
    .await?
    .rows_affected());
    Ok(deleted == 1)
}

/// `member` stops having workspace `id` shared with them; false if it was
/// not.
pub async fn leave(db: &Db, member: i64, id: i64) -> sqlx::Result<bool> {
    let deleted = with_pool!(db, pool => sqlx::query(
        "DELETE FROM workspace_members WHERE workspace_id = $1 AND member_id = $2",
    )
    .bind(id)
    .bind(member)
    .execute(pool)
    .await?
    .rows_affected());
    Ok(deleted == 1)
}

/// For "your data": who each of the member's workspaces is shared with is
/// in its own record (`export`); this is the list of those shared with them.
pub async fn export_shared(db: &Db, member: i64) -> sqlx::Result<Value> {
    let shared = shared_with(db, member).await?;
    Ok(Value::Array(
        shared
            .into_iter()
            .filter_map(|summary| {
                let by = summary.shared?;
                Some(json!({
                    "title": summary.title,
                    "owner": by.owner,
                    "role": by.role.slug(),
                }))
            })
            .collect(),
    ))
}
