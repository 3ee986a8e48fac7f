//! Reports and decisions: the only place their SQL lives.

use sqlx::FromRow;

use super::subjects::Subject;
use super::types::{
    ModerationQueue, OwnReport, QueuedReport, Reason, ReportDraft, ReportStatus, SubjectKind,
};
use crate::db::Db;
use crate::with_pool;

/// How many decided reports the queue page shows.
const RECENTLY_DECIDED: i64 = 50;
/// How many open reports the queue page shows (oldest first).
const OPEN_SHOWN: i64 = 200;

/// Stores a report; `false` when this reporter has already reported it.
pub async fn insert(
    db: &Db,
    reporter: i64,
    subject: &Subject,
    draft: &ReportDraft,
    at: i64,
) -> sqlx::Result<bool> {
    let result = with_pool!(db, pool => sqlx::query(
        "INSERT INTO reports (reporter_id, subject_kind, subject_id, member_id, reason, note, excerpt, reported_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(reporter)
    .bind(subject.kind.slug())
    .bind(subject.id)
    .bind(subject.member_id)
    .bind(draft.reason.slug())
    .bind(&draft.note)
    .bind(&subject.excerpt)
    .bind(at)
    .execute(pool)
    .await
    .map(|_| ()));
    match result {
        Ok(_) => Ok(true),
        Err(sqlx::Error::Database(error)) if error.is_unique_violation() => Ok(false),
        Err(error) => Err(error),
    }
}

fn kind_of(slug: &str) -> SubjectKind {
    SubjectKind::from_slug(slug).unwrap_or(SubjectKind::Profile)
}

fn reason_of(slug: &str) -> Reason {
    Reason::from_slug(slug).unwrap_or(Reason::Other)
}

fn status_of(slug: &str) -> ReportStatus {
    ReportStatus::from_slug(slug).unwrap_or(ReportStatus::Open)
}

#[derive(FromRow)]
struct OwnRow {
    subject_kind: String,
    reason: String,
    reported_at: i64,
    status: String,
    decided_at: Option<i64>,
}

/// A member's own reports, newest first.
pub async fn own_reports(db: &Db, reporter: i64) -> sqlx::Result<Vec<OwnReport>> {
    let rows: Vec<OwnRow> = with_pool!(db, pool => sqlx::query_as(
        "SELECT subject_kind, reason, reported_at, status, decided_at FROM reports
         WHERE reporter_id = $1 ORDER BY id DESC",
    )
    .bind(reporter)
    .fetch_all(pool)
    .await?);
    Ok(rows
        .into_iter()
        .map(|row| OwnReport {
            kind: kind_of(&row.subject_kind),
            reason: reason_of(&row.reason),
            reported_at: row.reported_at,
            status: status_of(&row.status),
            decided_at: row.decided_at,
        })
        .collect())
}

#[derive(FromRow)]
struct QueueRow {
    id: i64,
    subject_kind: String,
    reason: String,
    member: Option<String>,
    reported_at: i64,
    status: String,
}

impl QueueRow {
    fn entry(self) -> QueuedReport {
        QueuedReport {
            id: self.id,
            kind: kind_of(&self.subject_kind),
            reason: reason_of(&self.reason),
            member: self.member,
            reported_at: self.reported_at,
            status: status_of(&self.status),
        }
    }
}

/// Open reports, oldest first, and the latest decided ones.
pub async fn queue(db: &Db) -> sqlx::Result<ModerationQueue> {
    let select =
        "SELECT r.id, r.subject_kind, r.reason, u.display_name AS member, r.reported_at, r.status
         FROM reports r LEFT JOIN users u ON u.id = r.member_id";
    let open_sql = format!("{select} WHERE r.status = 'open' ORDER BY r.id LIMIT {OPEN_SHOWN}");
    let decided_sql = format!(
        "{select} WHERE r.status <> 'open' ORDER BY r.decided_at DESC, r.id DESC LIMIT {RECENTLY_DECIDED}"
    );
    let (open, decided): (Vec<QueueRow>, Vec<QueueRow>) = with_pool!(db, pool => (
        sqlx::query_as(&open_sql).fetch_all(pool).await?,
        sqlx::query_as(&decided_sql).fetch_all(pool).await?,
    ));
    Ok(ModerationQueue {
        open: open.into_iter().map(QueueRow::entry).collect(),
        decided: decided.into_iter().map(QueueRow::entry).collect(),
    })
}

/// One report with what a moderator needs to decide it.
#[derive(Clone, Debug, FromRow)]
pub struct CaseRow {
    pub id: i64,
    pub subject_kind: String,
    pub subject_id: i64,
    pub member_id: Option<i64>,
    pub reporter_id: Option<i64>,
    pub reason: String,
    pub note: String,
    pub excerpt: String,
    pub reported_at: i64,
    pub status: String,
    pub decided_at: Option<i64>,
    pub decision_note: String,
    pub reporter: Option<String>,
    pub member: Option<String>,
    pub decided_by: Option<String>,
    pub reports_about_member: i64,
}

impl CaseRow {
    pub fn kind(&self) -> SubjectKind {
        kind_of(&self.subject_kind)
    }

    pub fn reason(&self) -> Reason {
        reason_of(&self.reason)
    }

    pub fn status(&self) -> ReportStatus {
        status_of(&self.status)
    }
}

pub async fn case(db: &Db, id: i64) -> sqlx::Result<Option<CaseRow>> {
    with_pool!(db, pool => sqlx::query_as(
        "SELECT r.id, r.subject_kind, r.subject_id, r.member_id, r.reporter_id, r.reason, r.note, r.excerpt,
                r.reported_at, r.status, r.decided_at, r.decision_note,
                reporter.display_name AS reporter, member.display_name AS member, moderator.display_name AS decided_by,
                (SELECT COUNT(*) FROM reports other WHERE other.member_id = r.member_id) AS reports_about_member
         FROM reports r
         LEFT JOIN users reporter ON reporter.id = r.reporter_id
         LEFT JOIN users member ON member.id = r.member_id
         LEFT JOIN users moderator ON moderator.id = r.decided_by
         WHERE r.id = $1",
    )
    .bind(id)
    .fetch_optional(pool)
    .await)
}

/// Records a decision if the report is still open; `false` if someone
/// decided it first (two moderators never both act on one report).
pub async fn decide(
    db: &Db,
    id: i64,
    moderator: i64,
    status: ReportStatus,
    note: &str,
    at: i64,
) -> sqlx::Result<bool> {
    let updated = with_pool!(db, pool => sqlx::query(
        "UPDATE reports SET status = $2, decided_by = $3, decided_at = $4, decision_note = $5
         WHERE id = $1 AND status = 'open'",
    )
    .bind(id)
    .bind(status.slug())
    .bind(moderator)
    .bind(at)
    .bind(note)
    .execute(pool)
    .await?
    .rows_affected());
    Ok(updated == 1)
}

/// Takes back a decision whose action could not be carried out, so the
/// report is open again and nobody is told of an action not taken.
pub async fn reopen(db: &Db, id: i64, decided_at: i64) -> sqlx::Result<()> {
    with_pool!(db, pool => sqlx::query(
        "UPDATE reports SET status = 'open', decided_by = NULL, decided_at = NULL, decision_note = ''
         WHERE id = $1 AND decided_at = $2",
    )
    .bind(id)
    .bind(decided_at)
    .execute(pool)
    .await
    .map(|_| ()))
}

/// Closes the other open reports about the same item by the same author
/// (ids alone may have been reused) with the same decision, but never one
/// the deciding moderator made; returns their reporters, to tell each the
/// outcome.
pub async fn close_same_item(
    db: &Db,
    decided: &CaseRow,
    moderator: i64,
    status: ReportStatus,
    note: &str,
    at: i64,
) -> sqlx::Result<Vec<i64>> {
    let Some(member) = decided.member_id else {
        return Ok(Vec::new());
    };
    let reporters: Vec<Option<i64>> = with_pool!(db, pool => sqlx::query_scalar(
        "UPDATE reports SET status = $4, decided_by = $5, decided_at = $6, decision_note = $7
         WHERE subject_kind = $1 AND subject_id = $2 AND member_id = $8 AND id <> $3 AND status = 'open'
           AND (reporter_id IS NULL OR reporter_id <> $5)
         RETURNING reporter_id",
    )
    .bind(&decided.subject_kind)
    .bind(decided.subject_id)
    .bind(decided.id)
    .bind(status.slug())
    .bind(moderator)
    .bind(at)
    .bind(note)
    .bind(member)
    .fetch_all(pool)
    .await?);
    Ok(reporters.into_iter().flatten().collect())
}

/// Deletes reports decided before `cutoff` (the retention schedule's
/// period); open reports stay until decided.
pub async fn delete_decided_before(db: &Db, cutoff: i64) -> sqlx::Result<u64> {
    Ok(
        with_pool!(db, pool => sqlx::query("DELETE FROM reports WHERE status <> 'open' AND decided_at < $1")
        .bind(cutoff)
        .execute(pool)
        .await?
        .rows_affected()),
    )
}
