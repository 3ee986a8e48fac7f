//! The SQL of contributions: drafts and their revisions, stage changes and
//! their record, the review queue, duplicates, merges and old slugs. Stage
//! changes and saves apply only if the stage is still the one the caller
//! saw (`WHERE workflow = …`), so two curators acting at once cannot both
//! succeed.

use chrono::NaiveDate;

use super::contribution::{ContributionRow, QueueFilters, WorkflowEvent};
use super::draft::{slug_from, LessonDraft, ResourceDraft};
use super::revisions::RevisionSummary;
use super::workflow::{Stage, Step};
use crate::dates::format_time;
use crate::db::{BeginWrite, Db};
use crate::resources::questions::DEFAULT_PASS_MARK;
use crate::vocabulary::{Capability, LearningResponse, Level, ResourceKind, Sector, Topic};
use crate::with_pool;

/// Replaces a resource's lessons inside a transaction.
macro_rules! replace_lessons {
    ($tx:ident, $id:expr, $lessons:expr) => {{
        sqlx::query("DELETE FROM lessons WHERE resource_id = $1")
            .bind($id)
            .execute(&mut *$tx)
            .await?;
        for (index, lesson) in $lessons.iter().enumerate() {
            sqlx::query(
                "INSERT INTO lessons (resource_id, position, title, body, questions) VALUES ($1, $2, $3, $4, $5)",
            )
            .bind($id)
            .bind(index as i64 + 1)
            .bind(&lesson.title)
            .bind(&lesson.body)
            .bind(crate::resources::repo::questions_json(&lesson.questions))
            .execute(&mut *$tx)
            .await?;
        }
    }};
}

/// Adds a line to a resource's record inside a transaction.
/// Binds a draft's fields in the order both the insert and the update of a
/// resource list them (kind … review_by, capabilities, pass_mark).
macro_rules! bind_draft {
    ($query:expr, $draft:expr) => {
        $query
            .bind($draft.kind)
            .bind(&$draft.title)
            .bind(&$draft.summary)
            .bind(&$draft.body)
            .bind(&$draft.provider)
            .bind(Sector::mask(&$draft.sectors))
            .bind(Topic::mask(&$draft.topics))
            .bind(LearningResponse::mask(&$draft.responses))
            .bind($draft.level)
            .bind(&$draft.audience)
            .bind(i64::from($draft.minutes))
            .bind($draft.cpd_hours)
            .bind(&$draft.external_url)
            .bind($draft.reviewed_on)
            .bind($draft.review_by)
            .bind(Capability::mask(&$draft.capabilities))
            .bind(i64::from($draft.pass_mark))
    };
}

/// Stores one version of a resource inside a transaction.
macro_rules! insert_revision {
    ($tx:ident, $id:expr, $number:expr, $author:expr, $note:expr, $draft:expr, $at:expr) => {{
        sqlx::query(
            "INSERT INTO resource_revisions (resource_id, number, author_id, note, snapshot, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind($id)
        .bind($number)
        .bind($author)
        .bind($note)
        .bind(snapshot($draft))
        .bind($at)
        .execute(&mut *$tx)
        .await?;
    }};
}

macro_rules! record_event {
    ($tx:ident, $id:expr, $actor:expr, $action:expr, $from:expr, $to:expr, $note:expr, $at:expr) => {{
        sqlx::query(
            "INSERT INTO workflow_events (resource_id, actor_id, action, from_stage, to_stage, note, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind($id)
        .bind($actor)
        .bind($action)
        .bind($from)
        .bind($to)
        .bind($note)
        .bind($at)
        .execute(&mut *$tx)
        .await?;
    }};
}

pub(super) use record_event;

pub(super) fn now() -> i64 {
    chrono::Utc::now().timestamp()
}

/// A resource as the contribution pages need it.
#[derive(Clone, Debug)]
pub struct Contribution {
    pub id: i64,
    pub slug: String,
    pub stage: Stage,
    pub owner_id: Option<i64>,
    pub proposer: String,
    pub draft: ResourceDraft,
}

#[derive(sqlx::FromRow)]
struct ContributionDbRow {
    id: i64,
    slug: String,
    workflow: Stage,
    owner_id: Option<i64>,
    proposer: String,
    kind: ResourceKind,
    title: String,
    summary: String,
    body: String,
    provider: String,
    sectors: i64,
    topics: i64,
    capabilities: i64,
    responses: i64,
    level: Level,
    audience: String,
    minutes: i64,
    cpd_hours: f64,
    external_url: Option<String>,
    reviewed_on: NaiveDate,
    review_by: NaiveDate,
    pass_mark: i64,
}

pub async fn load(db: &Db, slug: &str) -> sqlx::Result<Option<Contribution>> {
    let row: Option<ContributionDbRow> = with_pool!(db, pool => sqlx::query_as(
        "SELECT r.id, r.slug, r.workflow, r.owner_id, COALESCE(u.display_name, '') AS proposer, r.kind, r.title, \
         r.summary, r.body, o.slug AS provider, r.sectors, r.topics, r.capabilities, r.responses, r.level, r.audience, r.minutes, \
         r.cpd_hours, r.external_url, r.reviewed_on, r.review_by, r.pass_mark \
         FROM resources r JOIN organisations o ON o.id = r.provider_id LEFT JOIN users u ON u.id = r.owner_id \
         WHERE r.slug = $1",
    )
    .bind(slug)
    .fetch_optional(pool)
    .await)?;
    let Some(row) = row else { return Ok(None) };
    let lessons: Vec<(String, String, String)> = with_pool!(db, pool => sqlx::query_as(
        "SELECT title, body, questions FROM lessons WHERE resource_id = $1 ORDER BY position",
    )
    .bind(row.id)
    .fetch_all(pool)
    .await)?;
    Ok(Some(Contribution {
        id: row.id,
        slug: row.slug,
        stage: row.workflow,
        owner_id: row.owner_id,
        proposer: row.proposer,
        draft: ResourceDraft {
            kind: row.kind,
            title: row.title,
            summary: row.summary,
            body: row.body,
            provider: row.provider,
            sectors: Sector::from_mask(row.sectors),
            topics: Topic::from_mask(row.topics),
            capabilities: Capability::from_mask(row.capabilities),
            responses: LearningResponse::from_mask(row.responses),
            level: row.level,
            audience: row.audience,
            minutes: u32::try_from(row.minutes).unwrap_or(1),
            cpd_hours: row.cpd_hours,
            external_url: row.external_url,
            reviewed_on: row.reviewed_on,
            review_by: row.review_by,
            lessons: lessons
                .into_iter()
                .map(|(title, body, questions)| LessonDraft {
                    title,
                    body,
                    questions: crate::resources::repo::questions_from_json(&questions),
                })
                .collect(),
            pass_mark: u8::try_from(row.pass_mark).unwrap_or(DEFAULT_PASS_MARK),
        },
    }))
}

fn snapshot(draft: &ResourceDraft) -> String {
    serde_json::to_string(draft).unwrap_or_default()
}

pub use super::duplicate_repo::{dismiss_duplicate, merge, possible_duplicates, redirect_for};

/// A slug for `title` that no resource and no old address uses.
async fn free_slug(db: &Db, title: &str) -> sqlx::Result<String> {
    crate::db::unused_slug(
        db,
        &slug_from(title),
        "SELECT slug FROM resources WHERE slug = $1 OR slug LIKE $2 \
         UNION SELECT old_slug FROM slug_redirects WHERE old_slug = $1 OR old_slug LIKE $2",
    )
    .await
}

/// Creates a draft owned by `owner` with its first revision; returns its slug.
pub async fn create(db: &Db, owner: i64, draft: &ResourceDraft) -> sqlx::Result<String> {
    // Two drafts with the same title at the same moment: the loser of the
    // UNIQUE race looks again.
    let mut attempts = 0;
    loop {
        let slug = free_slug(db, &draft.title).await?;
        match insert_draft(db, owner, &slug, draft).await {
            Err(sqlx::Error::Database(error)) if error.is_unique_violation() && attempts < 5 => {
                attempts += 1
            }
            Err(error) => return Err(error),
            Ok(()) => return Ok(slug),
        }
    }
}

async fn insert_draft(db: &Db, owner: i64, slug: &str, draft: &ResourceDraft) -> sqlx::Result<()> {
    let at = now();
    with_pool!(db, pool => {
        let mut tx = pool.begin_write().await?;
        let insert = sqlx::query_scalar(
            "INSERT INTO resources (slug, kind, title, summary, body, provider_id, sectors, topics, responses, level, \
             audience, minutes, cpd_hours, external_url, reviewed_on, review_by, capabilities, pass_mark, status, workflow, \
             owner_id, stage_changed_at) \
             VALUES ($1, $2, $3, $4, $5, (SELECT id FROM organisations WHERE slug = $6), $7, $8, $9, $10, $11, $12, $13, \
             $14, $15, $16, $17, $18, 'draft', 'draft', $19, $20) RETURNING id",
        );
        let id: i64 = bind_draft!(insert.bind(slug), draft)
        .bind(owner)
        .bind(at)
        .fetch_one(&mut *tx)
        .await?;
        replace_lessons!(tx, id, &draft.lessons);
        insert_revision!(tx, id, 1_i64, Some(owner), "First draft", draft, at);
        record_event!(tx, id, Some(owner), "create", None::<Stage>, Stage::Draft, "", at);
        tx.commit().await
    })
}

/// Saves `draft` over the resource as a new revision, if it is still at
/// its stage and its latest version is still `seen` (the version the editor
/// showed; 0 before any). Returns the new revision's number, or `None` if
/// someone changed it in between.
pub async fn save(
    db: &Db,
    current: &Contribution,
    seen: i64,
    author: i64,
    draft: &ResourceDraft,
    note: &str,
) -> sqlx::Result<Option<i64>> {
    let at = now();
    with_pool!(db, pool => {
        let mut tx = pool.begin_write().await?;
        // The update comes first: it locks the resource's row, so a second
        // save of the same draft waits here for the first to commit and
        // then reads the version it wrote (PostgreSQL reads each statement
        // afresh), instead of both reading the same latest version and
        // clashing on the revision number. Dropping `tx` undoes it.
        let update = sqlx::query(
            "UPDATE resources SET kind = $1, title = $2, summary = $3, body = $4, \
             provider_id = (SELECT id FROM organisations WHERE slug = $5), sectors = $6, topics = $7, responses = $8, \
             level = $9, audience = $10, minutes = $11, cpd_hours = $12, external_url = $13, reviewed_on = $14, \
             review_by = $15, capabilities = $16, pass_mark = $17 WHERE id = $18 AND workflow = $19",
        );
        let updated = bind_draft!(update, draft)
        .bind(current.id)
        .bind(current.stage)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if updated == 0 {
            return Ok(None);
        }
        let latest: Option<i64> = sqlx::query_scalar(
            "SELECT MAX(number) FROM resource_revisions WHERE resource_id = $1",
        )
        .bind(current.id)
        .fetch_one(&mut *tx)
        .await?;
        if latest.unwrap_or(0) != seen {
            return Ok(None);
        }
        replace_lessons!(tx, current.id, &draft.lessons);
        // Resources imported or seeded before revisions existed get their
        // original state kept as version 1, so the first edit can be undone.
        let mut number = latest.unwrap_or(0);
        if latest.is_none() {
            number = 1;
            insert_revision!(tx, current.id, 1_i64, None::<i64>, "As it was before its first edit here", &current.draft, at);
        }
        number += 1;
        insert_revision!(tx, current.id, number, Some(author), note, draft, at);
        tx.commit().await?;
        Ok(Some(number))
    })
}

/// Moves the resource from `from` to `to`, recording who, when and why.
/// `false` if its stage was no longer `from`.
pub async fn change_stage(
    db: &Db,
    current: &Contribution,
    actor: i64,
    step: Step,
    to: Stage,
    note: &str,
    today: NaiveDate,
) -> sqlx::Result<bool> {
    let at = now();
    let publishing = to == Stage::Published;
    let sql = if publishing {
        "UPDATE resources SET workflow = $1, status = $2, stage_changed_at = $3, \
         published_on = COALESCE(published_on, $6) WHERE id = $4 AND workflow = $5"
    } else {
        "UPDATE resources SET workflow = $1, status = $2, stage_changed_at = $3 WHERE id = $4 AND workflow = $5"
    };
    let changed = with_pool!(db, pool => {
        let mut tx = pool.begin_write().await?;
        let mut query = sqlx::query(sql)
            .bind(to)
            .bind(to.status())
            .bind(at)
            .bind(current.id)
            .bind(current.stage);
        if publishing {
            query = query.bind(today);
        }
        if query.execute(&mut *tx).await?.rows_affected() == 0 {
            return Ok(false);
        }
        record_event!(tx, current.id, Some(actor), step.slug(), Some(current.stage), to, note.trim(), at);
        tx.commit().await?;
        true
    });
    if changed && (publishing || current.stage == Stage::Published) {
        crate::resources::repo::rebuild_search_terms(db).await?;
    }
    Ok(changed)
}

#[derive(sqlx::FromRow)]
struct EventRow {
    action: String,
    to_stage: Stage,
    who: Option<String>,
    note: String,
    created_at: i64,
}

impl EventRow {
    fn into_event(self) -> WorkflowEvent {
        let is_feedback = matches!(self.action.as_str(), "request_changes" | "reject");
        let what = match Step::from_slug(&self.action) {
            Some(step) => format!("{} → {}", step.label(), self.to_stage.label()),
            None if self.action == "create" => "Draft started".to_string(),
            None if self.action == "merge" => "Merged as a duplicate".to_string(),
            None => self.action,
        };
        WorkflowEvent {
            what,
            who: self.who.unwrap_or_else(|| "A deleted account".into()),
            when: format_time(self.created_at),
            note: self.note,
            is_feedback,
        }
    }
}

/// Every stage change of a resource, oldest first.
pub async fn events(db: &Db, id: i64) -> sqlx::Result<Vec<WorkflowEvent>> {
    let rows: Vec<EventRow> = with_pool!(db, pool => sqlx::query_as(
        "SELECT e.action, e.to_stage, u.display_name AS who, e.note, e.created_at \
         FROM workflow_events e LEFT JOIN users u ON u.id = e.actor_id WHERE e.resource_id = $1 ORDER BY e.id",
    )
    .bind(id)
    .fetch_all(pool)
    .await)?;
    Ok(rows.into_iter().map(EventRow::into_event).collect())
}

pub async fn revisions(db: &Db, id: i64) -> sqlx::Result<Vec<RevisionSummary>> {
    let rows: Vec<(i64, Option<String>, String, i64)> = with_pool!(db, pool => sqlx::query_as(
        "SELECT v.number, u.display_name, v.note, v.created_at FROM resource_revisions v \
         LEFT JOIN users u ON u.id = v.author_id WHERE v.resource_id = $1 ORDER BY v.number DESC",
    )
    .bind(id)
    .fetch_all(pool)
    .await)?;
    Ok(rows
        .into_iter()
        .map(|(number, author, note, at)| RevisionSummary {
            number,
            author: author.unwrap_or_else(|| "The hub".into()),
            note,
            saved_at: format_time(at),
        })
        .collect())
}

/// The latest version's number (0 before the first save here).
pub async fn latest_version(db: &Db, id: i64) -> sqlx::Result<i64> {
    let latest: Option<i64> = with_pool!(db, pool => sqlx::query_scalar(
        "SELECT MAX(number) FROM resource_revisions WHERE resource_id = $1",
    )
    .bind(id)
    .fetch_one(pool)
    .await)?;
    Ok(latest.unwrap_or(0))
}

/// One revision's content; `None` if there is no such revision.
pub async fn revision(db: &Db, id: i64, number: i64) -> sqlx::Result<Option<ResourceDraft>> {
    let text: Option<String> = with_pool!(db, pool => sqlx::query_scalar(
        "SELECT snapshot FROM resource_revisions WHERE resource_id = $1 AND number = $2",
    )
    .bind(id)
    .bind(number)
    .fetch_optional(pool)
    .await)?;
    text.map(|text| {
        serde_json::from_str(&text).map_err(|error| sqlx::Error::Decode(Box::new(error)))
    })
    .transpose()
}

#[derive(sqlx::FromRow)]
struct ListRow {
    slug: String,
    title: String,
    kind: ResourceKind,
    workflow: Stage,
    proposer: Option<String>,
    sectors: i64,
    stage_changed_at: i64,
    feedback: Option<String>,
}

impl ListRow {
    fn into_row(self, now: i64) -> ContributionRow {
        let days = (now - self.stage_changed_at).max(0) / 86_400;
        ContributionRow {
            slug: self.slug,
            title: self.title,
            kind: self.kind,
            stage: self.workflow,
            proposer: self.proposer.unwrap_or_else(|| "The hub".into()),
            sectors: Sector::from_mask(self.sectors),
            since: format_time(self.stage_changed_at),
            days_waiting: days,
            feedback: self.feedback.unwrap_or_default(),
        }
    }
}

const LIST_SELECT: &str =
    "SELECT r.slug, r.title, r.kind, r.workflow, u.display_name AS proposer, r.sectors, \
     r.stage_changed_at, (SELECT e.note FROM workflow_events e WHERE e.resource_id = r.id \
     AND e.action IN ('request_changes', 'reject') ORDER BY e.id DESC LIMIT 1) AS feedback \
     FROM resources r LEFT JOIN users u ON u.id = r.owner_id";

/// Submissions waiting for a curator, longest waiting first.
pub async fn queue(db: &Db, filters: &QueueFilters) -> sqlx::Result<Vec<ContributionRow>> {
    let at = now();
    let sql = format!(
        "{LIST_SELECT} WHERE r.workflow = 'submitted' AND ($1 = '' OR r.kind = $1) \
         AND ($2 = 0 OR (r.sectors & $2) <> 0) AND r.stage_changed_at <= $3 \
         ORDER BY r.stage_changed_at, r.id LIMIT 500"
    );
    let rows: Vec<ListRow> = with_pool!(db, pool => sqlx::query_as(&sql)
        .bind(filters.kind.map(|kind| kind.slug()).unwrap_or(""))
        .bind(filters.sector.map(|sector| sector.bit()).unwrap_or(0))
        .bind(at - filters.waiting.days() * 86_400)
        .fetch_all(pool)
        .await)?;
    Ok(rows.into_iter().map(|row| row.into_row(at)).collect())
}

/// What one person has proposed, most recently changed first.
pub async fn proposed_by(db: &Db, owner: i64) -> sqlx::Result<Vec<ContributionRow>> {
    let sql =
        format!("{LIST_SELECT} WHERE r.owner_id = $1 ORDER BY r.stage_changed_at DESC, r.id DESC");
    let rows: Vec<ListRow> =
        with_pool!(db, pool => sqlx::query_as(&sql).bind(owner).fetch_all(pool).await)?;
    let at = now();
    Ok(rows.into_iter().map(|row| row.into_row(at)).collect())
}

/// Organisations to choose a provider from: (slug, name), by name.
pub async fn providers(db: &Db) -> sqlx::Result<Vec<(String, String)>> {
    with_pool!(db, pool => sqlx::query_as("SELECT slug, name FROM organisations ORDER BY name")
        .fetch_all(pool)
        .await)
}
