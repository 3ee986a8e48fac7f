//! Connections and blocks: the state machine between two members, stored
//! as one row per pair (pending, then accepted; answers that end a request
//! delete the row), and blocks, which end everything between the two.

use super::repo::now;
use super::types::{Connection, MemberLink, PendingRequest, RequestKind};
use crate::db::{BeginWrite, Db};
use crate::with_pool;

/// Why a change to a connection was refused, in words for the member.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    #[error("You cannot send a connection request to yourself")]
    Yourself,
    #[error("You have already sent this member a request")]
    AlreadyRequested,
    #[error("This member has already asked to connect with you: accept their request instead")]
    TheyAsked,
    #[error("You are already connected")]
    AlreadyConnected,
    #[error("You cannot connect with this member")]
    Blocked,
    #[error("You have already accepted this request")]
    AlreadyAccepted,
    #[error("This request is no longer open: it may have been withdrawn or answered")]
    NotOpen,
    #[error("Only the member who received this request can answer it")]
    NotYours,
    #[error("Only the member who sent this request can withdraw it")]
    NotYoursToWithdraw,
    #[error("You are not connected with this member")]
    NotConnected,
}

/// The two members of a pair in stored order (lower id first).
pub(super) fn pair(a: i64, b: i64) -> (i64, i64) {
    (a.min(b), a.max(b))
}

#[derive(sqlx::FromRow, Clone, Debug)]
pub struct ConnectionRow {
    pub id: i64,
    pub requester_id: i64,
    pub recipient_id: i64,
    pub kind: String,
    pub note: String,
    pub status: String,
    pub requested_at: i64,
    pub accepted_at: Option<i64>,
}

impl ConnectionRow {
    pub fn kind(&self) -> RequestKind {
        RequestKind::stored(&self.kind)
    }

    pub fn accepted(&self) -> bool {
        self.status == "accepted"
    }
}

const CONNECTION_COLUMNS: &str =
    "id, requester_id, recipient_id, kind, note, status, requested_at, accepted_at";

/// The row between two members, if any.
pub async fn between(db: &Db, a: i64, b: i64) -> sqlx::Result<Option<ConnectionRow>> {
    let (low, high) = pair(a, b);
    let sql = format!(
        "SELECT {CONNECTION_COLUMNS} FROM connections WHERE user_low = $1 AND user_high = $2"
    );
    with_pool!(db, pool => sqlx::query_as(&sql).bind(low).bind(high).fetch_optional(pool).await)
}

async fn by_id(db: &Db, id: i64) -> sqlx::Result<Option<ConnectionRow>> {
    let sql = format!("SELECT {CONNECTION_COLUMNS} FROM connections WHERE id = $1");
    with_pool!(db, pool => sqlx::query_as(&sql).bind(id).fetch_optional(pool).await)
}

/// Whether either member has blocked the other.
pub async fn blocked_either_way(db: &Db, a: i64, b: i64) -> sqlx::Result<bool> {
    let count: i64 = with_pool!(db, pool => sqlx::query_scalar(
        "SELECT COUNT(*) FROM blocks WHERE (blocker_id = $1 AND blocked_id = $2) OR (blocker_id = $2 AND blocked_id = $1)",
    )
    .bind(a)
    .bind(b)
    .fetch_one(pool)
    .await?);
    Ok(count > 0)
}

/// `from` asks `to` to connect (or to mentor them).
pub async fn request(
    db: &Db,
    from: i64,
    to: i64,
    kind: RequestKind,
    note: &str,
) -> sqlx::Result<Result<i64, Refusal>> {
    if from == to {
        return Ok(Err(Refusal::Yourself));
    }
    if blocked_either_way(db, from, to).await? {
        return Ok(Err(Refusal::Blocked));
    }
    let (low, high) = pair(from, to);
    // The block check is repeated in the insert itself, so a block made
    // meanwhile still wins.
    let inserted: Option<i64> = with_pool!(db, pool => sqlx::query_scalar(
        "INSERT INTO connections (requester_id, recipient_id, user_low, user_high, kind, note, status, requested_at)
         SELECT $1, $2, $3, $4, $5, $6, 'pending', $7
         WHERE NOT EXISTS (SELECT 1 FROM blocks WHERE (blocker_id = $1 AND blocked_id = $2)
                                                  OR (blocker_id = $2 AND blocked_id = $1))
         ON CONFLICT (user_low, user_high) DO NOTHING RETURNING id",
    )
    .bind(from)
    .bind(to)
    .bind(low)
    .bind(high)
    .bind(kind.slug())
    .bind(note)
    .bind(now())
    .fetch_optional(pool)
    .await?);
    if let Some(id) = inserted {
        return Ok(Ok(id));
    }
    // Blocked meanwhile, or something is already there: say what.
    if blocked_either_way(db, from, to).await? {
        return Ok(Err(Refusal::Blocked));
    }
    Ok(Err(match between(db, from, to).await? {
        Some(row) if row.accepted() => Refusal::AlreadyConnected,
        Some(row) if row.requester_id == from => Refusal::AlreadyRequested,
        Some(_) => Refusal::TheyAsked,
        None => Refusal::NotOpen,
    }))
}

/// Why an answer to request `id` by `viewer` did not apply. Requests of
/// other people look the same as ones that are gone.
async fn explain(db: &Db, id: i64, viewer: i64, as_recipient: bool) -> sqlx::Result<Refusal> {
    Ok(match by_id(db, id).await? {
        None => Refusal::NotOpen,
        Some(row) if row.requester_id != viewer && row.recipient_id != viewer => Refusal::NotOpen,
        Some(row) if row.accepted() => Refusal::AlreadyAccepted,
        Some(row) if as_recipient && row.recipient_id != viewer => Refusal::NotYours,
        Some(row) if !as_recipient && row.requester_id != viewer => Refusal::NotYoursToWithdraw,
        Some(_) => Refusal::NotOpen,
    })
}

/// The recipient accepts. Returns the other member's id.
pub async fn accept(db: &Db, viewer: i64, id: i64) -> sqlx::Result<Result<i64, Refusal>> {
    let requester: Option<i64> = with_pool!(db, pool => sqlx::query_scalar(
        "UPDATE connections SET status = 'accepted', accepted_at = $3
         WHERE id = $1 AND recipient_id = $2 AND status = 'pending'
           AND NOT EXISTS (SELECT 1 FROM blocks WHERE (blocker_id = requester_id AND blocked_id = recipient_id)
                                                  OR (blocker_id = recipient_id AND blocked_id = requester_id))
         RETURNING requester_id",
    )
    .bind(id)
    .bind(viewer)
    .bind(now())
    .fetch_optional(pool)
    .await?);
    match requester {
        Some(requester) => Ok(Ok(requester)),
        None => Ok(Err(explain(db, id, viewer, true).await?)),
    }
}

/// The recipient declines, or the requester withdraws: the request goes.
pub async fn close_request(
    db: &Db,
    viewer: i64,
    id: i64,
    as_recipient: bool,
) -> sqlx::Result<Result<(), Refusal>> {
    let column = if as_recipient {
        "recipient_id"
    } else {
        "requester_id"
    };
    let sql =
        format!("DELETE FROM connections WHERE id = $1 AND {column} = $2 AND status = 'pending'");
    let deleted = with_pool!(db, pool => sqlx::query(&sql).bind(id).bind(viewer).execute(pool).await?.rows_affected());
    if deleted == 1 {
        return Ok(Ok(()));
    }
    Ok(Err(explain(db, id, viewer, as_recipient).await?))
}

/// Either member ends an accepted connection.
pub async fn remove(db: &Db, viewer: i64, other: i64) -> sqlx::Result<Result<(), Refusal>> {
    let (low, high) = pair(viewer, other);
    let deleted = with_pool!(db, pool => sqlx::query(
        "DELETE FROM connections WHERE user_low = $1 AND user_high = $2 AND status = 'accepted'",
    )
    .bind(low)
    .bind(high)
    .execute(pool)
    .await?
    .rows_affected());
    Ok(if deleted == 1 {
        Ok(())
    } else {
        Err(Refusal::NotConnected)
    })
}

/// `blocker` blocks `blocked`: any connection or request between them ends.
pub async fn block(db: &Db, blocker: i64, blocked: i64) -> sqlx::Result<Result<(), Refusal>> {
    if blocker == blocked {
        return Ok(Err(Refusal::Yourself));
    }
    let (low, high) = pair(blocker, blocked);
    with_pool!(db, pool => {
        let mut tx = pool.begin_write().await?;
        sqlx::query("INSERT INTO blocks (blocker_id, blocked_id, created_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING")
            .bind(blocker)
            .bind(blocked)
            .bind(now())
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM connections WHERE user_low = $1 AND user_high = $2")
            .bind(low)
            .bind(high)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
    });
    Ok(Ok(()))
}

pub async fn unblock(db: &Db, blocker: i64, blocked: i64) -> sqlx::Result<bool> {
    let deleted = with_pool!(db, pool => sqlx::query("DELETE FROM blocks WHERE blocker_id = $1 AND blocked_id = $2")
        .bind(blocker)
        .bind(blocked)
        .execute(pool)
        .await?
        .rows_affected());
    Ok(deleted == 1)
}

#[derive(sqlx::FromRow)]
struct ListedRow {
    id: i64,
    requester_id: i64,
    kind: String,
    note: String,
    requested_at: i64,
    accepted_at: Option<i64>,
    handle: String,
    display_name: String,
}

/// The viewer's connections or open requests, with the other member's
/// handle and name. `status` is 'accepted' or 'pending'; `side` picks the
/// requests the viewer sent ('requester_id') or received ('recipient_id'),
/// anything else both.
async fn listed(db: &Db, viewer: i64, status: &str, side: &str) -> sqlx::Result<Vec<ListedRow>> {
    let other = "CASE WHEN c.requester_id = $1 THEN c.recipient_id ELSE c.requester_id END";
    let side_condition = match side {
        "requester_id" => "c.requester_id = $1",
        "recipient_id" => "c.recipient_id = $1",
        _ => "(c.requester_id = $1 OR c.recipient_id = $1)",
    };
    let sql = format!(
        "SELECT c.id, c.requester_id, c.kind, c.note, c.requested_at, c.accepted_at, p.handle, p.display_name
         FROM connections c JOIN profiles p ON p.user_id = {other}
         WHERE {side_condition} AND c.status = $2 AND p.listed AND p.hidden_at IS NULL
         ORDER BY COALESCE(c.accepted_at, c.requested_at) DESC, c.id DESC"
    );
    with_pool!(db, pool => sqlx::query_as(&sql).bind(viewer).bind(status).fetch_all(pool).await)
}

fn link(row: &ListedRow) -> MemberLink {
    MemberLink {
        handle: row.handle.clone(),
        display_name: row.display_name.clone(),
    }
}

pub async fn connections_of(db: &Db, viewer: i64) -> sqlx::Result<Vec<Connection>> {
    Ok(listed(db, viewer, "accepted", "either")
        .await?
        .iter()
        .map(|row| {
            let kind = RequestKind::stored(&row.kind);
            Connection {
                other: link(row),
                kind,
                // The mentee asks; the one asked mentors.
                viewer_is_mentor: (kind == RequestKind::Mentoring)
                    .then_some(row.requester_id != viewer),
                since: row.accepted_at.unwrap_or(row.requested_at),
            }
        })
        .collect())
}

pub async fn requests_of(
    db: &Db,
    viewer: i64,
    received: bool,
) -> sqlx::Result<Vec<PendingRequest>> {
    let side = if received {
        "recipient_id"
    } else {
        "requester_id"
    };
    Ok(listed(db, viewer, "pending", side)
        .await?
        .iter()
        .map(|row| PendingRequest {
            id: row.id,
            other: link(row),
            kind: RequestKind::stored(&row.kind),
            note: row.note.clone(),
            requested_at: row.requested_at,
        })
        .collect())
}

/// Members the viewer has blocked (never those who blocked the viewer).
pub async fn blocked_by(db: &Db, viewer: i64) -> sqlx::Result<Vec<MemberLink>> {
    let rows: Vec<(String, String)> = with_pool!(db, pool => sqlx::query_as(
        "SELECT p.handle, p.display_name FROM blocks b JOIN profiles p ON p.user_id = b.blocked_id
         WHERE b.blocker_id = $1 ORDER BY b.created_at DESC",
    )
    .bind(viewer)
    .fetch_all(pool)
    .await?);
    Ok(rows
        .into_iter()
        .map(|(handle, display_name)| MemberLink {
            handle,
            display_name,
        })
        .collect())
}

/// The note of a request sent to `viewer`, as a report quotes it:
/// (requester's user id, requester's name, note). `None` unless the viewer
/// received it and it has a note.
pub async fn request_note_for_report(
    db: &Db,
    viewer: i64,
    id: i64,
) -> sqlx::Result<Option<(i64, String, String)>> {
    with_pool!(db, pool => sqlx::query_as(
        "SELECT c.requester_id, COALESCE(p.display_name, 'A member'), c.note
         FROM connections c LEFT JOIN profiles p ON p.user_id = c.requester_id
         WHERE c.id = $1 AND c.recipient_id = $2 AND c.note <> ''",
    )
    .bind(id)
    .bind(viewer)
    .fetch_optional(pool)
    .await)
}

/// Removes the note of a request `requester` sent (a moderator's
/// decision); the request stands, and the report keeps the note for the
/// record. The requester is part of the key: ids are reused on SQLite once
/// a request is answered.
pub async fn clear_note(db: &Db, id: i64, requester: i64) -> sqlx::Result<()> {
    with_pool!(db, pool => sqlx::query("UPDATE connections SET note = '' WHERE id = $1 AND requester_id = $2")
        .bind(id)
        .bind(requester)
        .execute(pool)
        .await
        .map(|_| ()))
}

/// Requests waiting for the viewer's answer, for the header.
pub async fn pending_count(db: &Db, viewer: i64) -> sqlx::Result<i64> {
    with_pool!(db, pool => sqlx::query_scalar(
        "SELECT COUNT(*) FROM connections c JOIN profiles p ON p.user_id = c.requester_id
         WHERE c.recipient_id = $1 AND c.status = 'pending' AND p.listed AND p.hidden_at IS NULL",
    )
    .bind(viewer)
    .fetch_one(pool)
    .await)
}
