//! The SQL of the timeline kept in the browser, saved to the member's
//! account: one copy, replaced whole by version.

use super::{bind_draft, copied, INSERT_ENTRY};
use crate::db::{BeginWrite, Db};
use crate::toolkits::timeline::Entry;
use crate::toolkits::types::Workspace;
use crate::with_pool;
use sqlx::Row;

/// What sending the browser's timeline to an account's copy did.
#[derive(Debug, PartialEq, Eq)]
pub enum Replaced {
    /// Done; the workspace's version after it.
    Done(i64),
    /// No such workspace the member may change.
    NotFound,
    /// Changed since the browser's copy was last sent: nothing written.
    Stale,
    /// It has findings, factors or actions, which the browser's timeline
    /// does not hold: nothing written.
    Analysed,
}

/// Replaces the details and timeline of workspace `id` with those of
/// `sent` (the browser's copy, `local`), if it is `member`'s own (a first
/// save always makes their own; a browser still tied to another member's
/// copy, after a sign-out on a shared computer, is never let replace a
/// workspace shared with the one now signed in), its version is still
/// `version` and it holds only a timeline: a finding citing an entry
/// would lose its evidence, so one with any analysis is left for its own
/// pages.
pub async fn replace_timeline(
    db: &Db,
    member: i64,
    id: i64,
    version: i64,
    sent: &Workspace,
    now: i64,
) -> sqlx::Result<Replaced> {
    let lock = if matches!(db, Db::Postgres(_)) {
        " FOR UPDATE"
    } else {
        ""
    };
    let select = format!(
        "SELECT w.version, (SELECT COUNT(*) FROM workspace_findings f WHERE f.workspace_id = w.id) \
         + (SELECT COUNT(*) FROM workspace_factors c WHERE c.workspace_id = w.id) \
         + (SELECT COUNT(*) FROM workspace_actions a WHERE a.workspace_id = w.id) \
         FROM workspaces w WHERE w.id = $1 AND w.owner_id = $2{lock}"
    );
    with_pool!(db, pool => {
        let mut tx = pool.begin_write().await?;
        let found: Option<(i64, i64)> = sqlx::query_as(&select)
            .bind(id)
            .bind(member)
            .fetch_optional(&mut *tx)
            .await?;
        let Some((current, analysis)) = found else {
            return Ok(Replaced::NotFound);
        };
        // Before the version: a copy with analysis is never offered to
        // take into the browser, which cannot hold it.
        if analysis > 0 {
            return Ok(Replaced::Analysed);
        }
        if version != current {
            return Ok(Replaced::Stale);
        }
        sqlx::query("DELETE FROM workspace_entries WHERE workspace_id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        insert_entries!(tx, id, &sent.entries, now);
        let details = &sent.details;
        let version: i64 = sqlx::query_scalar(
            "UPDATE workspaces SET title = $1, response = $2, sector = $3, scope = $4, \
             version = version + 1, updated_at = $5 WHERE id = $6 RETURNING version",
        )
        .bind(&details.title)
        .bind(details.response)
        .bind(details.sector)
        .bind(&details.scope)
        .bind(now)
        .bind(id)
        .fetch_one(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(Replaced::Done(version))
    })
}
