//! The learning record's SQL: lessons done, modules completed, the CPD log
//! and recently viewed resources, each row a member's own. The catalogue's
//! tables are only read here (titles, lessons of published modules).

use chrono::NaiveDate;
use serde_json::{json, Value};
use sqlx::FromRow;

pub use super::checks::repo::{answers, taken_module, TakenModule};
use super::checks::repo::{
    given_answer, keys_of, pass_mark_of, question_key, AnswerRow, SELECT_ANSWERS,
};
use super::checks::{standing, GivenAnswer};
use super::cpd::{CpdDraft, CpdEntry, MAX_CPD_TITLE_CHARS};
use super::types::{is_complete, ModuleSummary, RecentResource};
use crate::db::{BeginWrite, Db};
use crate::resources::repo::{self as catalogue, ModuleFacts};
use crate::with_pool;

/// How many recently viewed resources are kept per member.
pub const RECENT_KEPT: i64 = 20;

/// The positions of the lessons `user_id` has done in a module.
pub async fn lessons_done(db: &Db, user_id: i64, resource_id: i64) -> sqlx::Result<Vec<u32>> {
    let rows: Vec<i64> = with_pool!(db, pool => sqlx::query_scalar(
        "SELECT position FROM lesson_progress WHERE user_id = $1 AND resource_id = $2 ORDER BY position",
    )
    .bind(user_id)
    .bind(resource_id)
    .fetch_all(pool)
    .await)?;
    Ok(rows
        .into_iter()
        .filter_map(|p| u32::try_from(p).ok())
        .collect())
}

/// When `user_id` completed the module (Unix seconds), if they did.
pub async fn completed_at(db: &Db, user_id: i64, resource_id: i64) -> sqlx::Result<Option<i64>> {
    with_pool!(db, pool => sqlx::query_scalar(
        "SELECT completed_at FROM module_completions WHERE user_id = $1 AND resource_id = $2",
    )
    .bind(user_id)
    .bind(resource_id)
    .fetch_optional(pool)
    .await)
}

/// The CPD time a completed module counts for: its CPD hours, or the time
/// it takes when it names none.
pub fn module_minutes(module: &ModuleFacts) -> i64 {
    let minutes = if module.cpd_hours > 0.0 {
        (module.cpd_hours * 60.0).round() as i64
    } else {
        module.minutes
    };
    minutes.clamp(1, 6000)
}

/// What a member is told on completing `module`.
pub fn completion_notice(module: &ModuleFacts) -> String {
    let hours = super::cpd::format_hours(module_minutes(module) as u32);
    format!(
        "You have completed “{}”: it is in your learning record, and in your CPD log as {hours}",
        module.title
    )
}

/// What marking a lesson done came to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Marked {
    /// Every lesson of the module is done.
    pub complete: bool,
    /// This call completed it (two posts at once complete it once).
    pub newly_complete: bool,
}

/// The title of the CPD entry completing `module` makes, within the limit
/// a member's own entries have (so it can be changed and saved).
pub fn completion_title(module_title: &str) -> String {
    let room = MAX_CPD_TITLE_CHARS - "Completed the module “”".chars().count();
    let title: String = if module_title.chars().count() > room {
        let cut: String = module_title.chars().take(room - 1).collect();
        format!("{}…", cut.trim_end())
    } else {
        module_title.to_string()
    };
    format!("Completed the module “{title}”")
}

/// Marks a lesson done, with `chosen` the answers to its knowledge check
/// (1-based, one per question; empty when only marking it done), and,
/// when every lesson of the module is then done and the checks' pass mark
/// met, records the completion, its CPD entry and its certificate (in one
/// transaction, once).
///
/// The lesson and answers are committed before completion is checked: two
/// posts at once (lessons 3 and 4 of four) each commit theirs, and the one
/// that commits last then sees both. Checking inside the first transaction
/// would let each see only its own lesson on PostgreSQL (read committed),
/// and the module would never be completed.
pub async fn mark_done(
    db: &Db,
    user_id: i64,
    module: &TakenModule,
    position: u32,
    chosen: &[u32],
    now: i64,
) -> sqlx::Result<Marked> {
    let done_on = crate::dates::uk_day_of(now)
        .and_then(crate::dates::Day::to_naive_date)
        .unwrap_or_default();
    let questions = module.questions(position);
    let (lessons, facts) = (&module.lessons, &module.facts);
    let marked = with_pool!(db, pool => {
        if !chosen.is_empty() {
            // The latest answer to each question replaces the one before
            // (an upsert: two posts at once each leave a whole answer).
            let mut tx = pool.begin_write().await?;
            for (index, (question, &answer)) in questions.iter().zip(chosen).enumerate() {
                sqlx::query(
                    "INSERT INTO check_answers \
                     (user_id, resource_id, lesson_position, question_position, chosen, correct, answered_at, \
                     question_key) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) \
                     ON CONFLICT (user_id, resource_id, lesson_position, question_position) DO UPDATE \
                     SET chosen = excluded.chosen, correct = excluded.correct, answered_at = excluded.answered_at, \
                     question_key = excluded.question_key",
                )
                .bind(user_id)
                .bind(facts.id)
                .bind(i64::from(position))
                .bind(index as i64 + 1)
                .bind(i64::from(answer))
                .bind(question.is_right(answer as usize))
                .bind(now)
                .bind(question_key(question))
                .execute(&mut *tx)
                .await?;
            }
            tx.commit().await?;
        }
        sqlx::query(
            "INSERT INTO lesson_progress (user_id, resource_id, position, done_at) VALUES ($1, $2, $3, $4) \
             ON CONFLICT DO NOTHING",
        )
        .bind(user_id)
        .bind(facts.id)
        .bind(i64::from(position))
        .bind(now)
        .execute(pool)
        .await?;
        let mut tx = pool.begin_write().await?;
        let done: Vec<i64> = sqlx::query_scalar(
            "SELECT position FROM lesson_progress WHERE user_id = $1 AND resource_id = $2",
        )
        .bind(user_id)
        .bind(facts.id)
        .fetch_all(&mut *tx)
        .await?;
        let done: Vec<u32> = done.into_iter().filter_map(|p| u32::try_from(p).ok()).collect();
        let answers: Vec<AnswerRow> = sqlx::query_as(SELECT_ANSWERS)
        .bind(user_id)
        .bind(facts.id)
        .fetch_all(&mut *tx)
        .await?;
        let answers: Vec<GivenAnswer> = answers.into_iter().filter_map(given_answer).collect();
        let complete = is_complete(lessons, &done, module.standing(&answers).passed());
        let mut newly_complete = false;
        if complete {
            // The primary key decides which of two posts completes it.
            newly_complete = sqlx::query(
                "INSERT INTO module_completions (user_id, resource_id, completed_at) VALUES ($1, $2, $3) \
                 ON CONFLICT DO NOTHING",
            )
            .bind(user_id)
            .bind(facts.id)
            .bind(now)
            .execute(&mut *tx)
            .await?
            .rows_affected()
                == 1;
            if newly_complete {
                sqlx::query(
                    "INSERT INTO cpd_entries (user_id, title, done_on, minutes, activity, resource_id, created_at) \
                     VALUES ($1, $2, $3, $4, 'e-learning', $5, $6) ON CONFLICT DO NOTHING",
                )
                .bind(user_id)
                .bind(completion_title(&facts.title))
                .bind(done_on)
                .bind(module_minutes(facts))
                .bind(facts.id)
                .bind(now)
                .execute(&mut *tx)
                .await?;
                sqlx::query(super::credentials::repo::ISSUE)
                    .bind(crate::web::tokens::random_token())
                    .bind(user_id)
                    .bind(facts.id)
                    .bind(&facts.slug)
                    .bind(&facts.title)
                    .bind(module_minutes(facts))
                    .bind(now)
                    .execute(&mut *tx)
                    .await?;
            }
        }
        tx.commit().await?;
        Marked { complete, newly_complete }
    });
    Ok(marked)
}

/// Notes that `user_id` opened a resource at `now_ms` (Unix milliseconds),
/// keeping the latest [`RECENT_KEPT`].
pub async fn record_view(db: &Db, user_id: i64, resource_id: i64, now_ms: i64) -> sqlx::Result<()> {
    with_pool!(db, pool => {
        sqlx::query(
            "INSERT INTO recent_views (user_id, resource_id, viewed_at) VALUES ($1, $2, $3) \
             ON CONFLICT (user_id, resource_id) DO UPDATE SET viewed_at = excluded.viewed_at",
        )
        .bind(user_id)
        .bind(resource_id)
        .bind(now_ms)
        .execute(pool)
        .await?;
        sqlx::query(
            "DELETE FROM recent_views WHERE user_id = $1 AND resource_id NOT IN \
             (SELECT resource_id FROM recent_views WHERE user_id = $1 ORDER BY viewed_at DESC, resource_id DESC LIMIT $2)",
        )
        .bind(user_id)
        .bind(RECENT_KEPT)
        .execute(pool)
        .await?;
    });
    Ok(())
}

/// Forgets every resource `user_id` opened.
pub async fn clear_recent(db: &Db, user_id: i64) -> sqlx::Result<()> {
    with_pool!(db, pool => sqlx::query("DELETE FROM recent_views WHERE user_id = $1")
        .bind(user_id)
        .execute(pool)
        .await
        .map(|_| ()))
}

#[derive(FromRow)]
struct ModuleRow {
    id: i64,
    slug: String,
    title: String,
    completed_at: Option<i64>,
    pass_mark: i64,
}

/// Every published module `user_id` has started or completed, the ones in
/// progress first, then the completed (latest first).
pub async fn modules(db: &Db, user_id: i64) -> sqlx::Result<Vec<ModuleSummary>> {
    let rows: Vec<ModuleRow> = with_pool!(db, pool => sqlx::query_as(
        "SELECT r.id, r.slug, r.title, c.completed_at, r.pass_mark FROM resources r \
         LEFT JOIN module_completions c ON c.resource_id = r.id AND c.user_id = $1 \
         WHERE r.status = 'published' AND r.kind = 'module' AND (c.user_id IS NOT NULL OR EXISTS \
            (SELECT 1 FROM lesson_progress p WHERE p.user_id = $1 AND p.resource_id = r.id)) \
         ORDER BY c.completed_at IS NOT NULL, c.completed_at DESC, r.title",
    )
    .bind(user_id)
    .fetch_all(pool)
    .await)?;
    let mut modules = Vec::with_capacity(rows.len());
    for row in rows {
        let lessons = catalogue::lesson_positions(db, row.id).await?;
        let done = lessons_done(db, user_id, row.id).await?;
        let lessons_done = lessons.iter().filter(|l| done.contains(l)).count() as u32;
        let mut below_pass_mark = false;
        let continue_at = match super::types::continue_at(&lessons, &done) {
            _ if row.completed_at.is_some() => None,
            // Every lesson done, the checks' pass mark not yet met: back to
            // the first check with a question not answered right.
            None => {
                let checks = keys_of(&catalogue::module_checks(db, row.id).await?);
                let answers = answers(db, user_id, row.id).await?;
                let standing = standing(&checks, &answers, pass_mark_of(row.pass_mark));
                below_pass_mark = !standing.passed();
                // Passed without a completion yet (the mark was lowered, or
                // a question answered wrongly deleted): the module's page,
                // where finishing it completes it.
                standing.retry_at.filter(|_| below_pass_mark)
            }
            carry_on => carry_on,
        };
        modules.push(ModuleSummary {
            slug: row.slug,
            title: row.title,
            lessons_done,
            lessons: lessons.len() as u32,
            continue_at,
            below_pass_mark,
            completed_on: row.completed_at.and_then(crate::dates::uk_day_of),
        });
    }
    Ok(modules)
}

/// The resources `user_id` opened last, newest first (published only);
/// `now_ms` in Unix milliseconds.
pub async fn recent(db: &Db, user_id: i64, now_ms: i64) -> sqlx::Result<Vec<RecentResource>> {
    let rows: Vec<(String, String, i64)> = with_pool!(db, pool => sqlx::query_as(
        "SELECT r.slug, r.title, v.viewed_at FROM recent_views v JOIN resources r ON r.id = v.resource_id \
         WHERE v.user_id = $1 AND r.status = 'published' ORDER BY v.viewed_at DESC, v.resource_id DESC LIMIT 10",
    )
    .bind(user_id)
    .fetch_all(pool)
    .await)?;
    Ok(rows
        .into_iter()
        .map(|(slug, title, at)| RecentResource {
            slug,
            title,
            viewed: how_long_ago((now_ms - at) / 1000),
        })
        .collect())
}

/// "just now", "5 minutes ago", "3 hours ago", "2 days ago".
pub fn how_long_ago(seconds: i64) -> String {
    let plural = |n: i64, unit: &str| {
        if n == 1 {
            format!("1 {unit} ago")
        } else {
            format!("{n} {unit}s ago")
        }
    };
    match seconds.max(0) {
        s if s < 60 => "just now".into(),
        s if s < 3_600 => plural(s / 60, "minute"),
        s if s < 86_400 => plural(s / 3_600, "hour"),
        s => plural(s / 86_400, "day"),
    }
}

#[derive(FromRow)]
struct CpdRow {
    id: i64,
    title: String,
    done_on: NaiveDate,
    minutes: i64,
    activity: String,
    what: String,
    so_what: String,
    now_what: String,
    module: Option<String>,
}

impl From<CpdRow> for CpdEntry {
    fn from(row: CpdRow) -> Self {
        CpdEntry {
            id: row.id,
            title: row.title,
            done_on: row.done_on.into(),
            minutes: u32::try_from(row.minutes).unwrap_or_default(),
            activity: row.activity,
            what: row.what,
            so_what: row.so_what,
            now_what: row.now_what,
            module: row.module,
        }
    }
}

const CPD_SELECT: &str =
    "SELECT e.id, e.title, e.done_on, e.minutes, e.activity, e.what, e.so_what, e.now_what, \
     r.slug AS module FROM cpd_entries e LEFT JOIN resources r ON r.id = e.resource_id AND r.status = 'published'";

/// `user_id`'s CPD log, newest first.
pub async fn cpd_entries(db: &Db, user_id: i64) -> sqlx::Result<Vec<CpdEntry>> {
    let sql = format!("{CPD_SELECT} WHERE e.user_id = $1 ORDER BY e.done_on DESC, e.id DESC");
    let rows: Vec<CpdRow> =
        with_pool!(db, pool => sqlx::query_as(&sql).bind(user_id).fetch_all(pool).await)?;
    Ok(rows.into_iter().map(CpdEntry::from).collect())
}

/// One entry, if it is `user_id`'s.
pub async fn cpd_entry(db: &Db, user_id: i64, id: i64) -> sqlx::Result<Option<CpdEntry>> {
    let sql = format!("{CPD_SELECT} WHERE e.user_id = $1 AND e.id = $2");
    let row: Option<CpdRow> = with_pool!(db, pool => sqlx::query_as(&sql)
        .bind(user_id)
        .bind(id)
        .fetch_optional(pool)
        .await)?;
    Ok(row.map(CpdEntry::from))
}

pub async fn add_cpd(db: &Db, user_id: i64, entry: &CpdDraft, now: i64) -> sqlx::Result<i64> {
    with_pool!(db, pool => sqlx::query_scalar(
        "INSERT INTO cpd_entries (user_id, title, done_on, minutes, activity, what, so_what, now_what, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
    )
    .bind(user_id)
    .bind(&entry.title)
    .bind(entry.done_on)
    .bind(i64::from(entry.minutes))
    .bind(entry.activity)
    .bind(&entry.what)
    .bind(&entry.so_what)
    .bind(&entry.now_what)
    .bind(now)
    .fetch_one(pool)
    .await)
}

/// Changes `user_id`'s entry; false if there is no such entry of theirs.
pub async fn update_cpd(db: &Db, user_id: i64, id: i64, entry: &CpdDraft) -> sqlx::Result<bool> {
    let changed = with_pool!(db, pool => sqlx::query(
        "UPDATE cpd_entries SET title = $3, done_on = $4, minutes = $5, activity = $6, what = $7, so_what = $8, now_what = $9 \
         WHERE user_id = $1 AND id = $2",
    )
    .bind(user_id)
    .bind(id)
    .bind(&entry.title)
    .bind(entry.done_on)
    .bind(i64::from(entry.minutes))
    .bind(entry.activity)
    .bind(&entry.what)
    .bind(&entry.so_what)
    .bind(&entry.now_what)
    .execute(pool)
    .await
    .map(|done| done.rows_affected()))?;
    Ok(changed == 1)
}

/// Deletes `user_id`'s entry; false if there is no such entry of theirs.
pub async fn delete_cpd(db: &Db, user_id: i64, id: i64) -> sqlx::Result<bool> {
    let deleted = with_pool!(db, pool => sqlx::query("DELETE FROM cpd_entries WHERE user_id = $1 AND id = $2")
        .bind(user_id)
        .bind(id)
        .execute(pool)
        .await
        .map(|done| done.rows_affected()))?;
    Ok(deleted == 1)
}

/// The slugs of the modules `user_id` has completed.
pub async fn completed_modules(db: &Db, user_id: i64) -> sqlx::Result<Vec<String>> {
    with_pool!(db, pool => sqlx::query_scalar(
        "SELECT r.slug FROM module_completions c JOIN resources r ON r.id = c.resource_id WHERE c.user_id = $1",
    )
    .bind(user_id)
    .fetch_all(pool)
    .await)
}

/// The learning record for `/account/data.json`: every row the member
/// has, whatever has become of the module since.
pub async fn export(db: &Db, user_id: i64) -> sqlx::Result<Value> {
    let when = |at: i64| crate::dates::format_time(at);
    let lessons: Vec<(Option<String>, i64, i64)> = with_pool!(db, pool => sqlx::query_as(
        "SELECT r.slug, p.position, p.done_at FROM lesson_progress p LEFT JOIN resources r ON r.id = p.resource_id \
         WHERE p.user_id = $1 ORDER BY p.done_at, p.resource_id, p.position",
    )
    .bind(user_id)
    .fetch_all(pool)
    .await)?;
    let completed: Vec<(Option<String>, i64)> = with_pool!(db, pool => sqlx::query_as(
        "SELECT r.slug, c.completed_at FROM module_completions c LEFT JOIN resources r ON r.id = c.resource_id \
         WHERE c.user_id = $1 ORDER BY c.completed_at",
    )
    .bind(user_id)
    .fetch_all(pool)
    .await)?;
    // Every entry with the module it came from, archived or not.
    let cpd: Vec<CpdRow> = with_pool!(db, pool => sqlx::query_as(
        "SELECT e.id, e.title, e.done_on, e.minutes, e.activity, e.what, e.so_what, e.now_what, r.slug AS module \
         FROM cpd_entries e LEFT JOIN resources r ON r.id = e.resource_id WHERE e.user_id = $1 ORDER BY e.done_on DESC, e.id DESC",
    )
    .bind(user_id)
    .fetch_all(pool)
    .await)?;
    let cpd: Vec<CpdEntry> = cpd.into_iter().map(CpdEntry::from).collect();
    let recent: Vec<(String, i64)> = with_pool!(db, pool => sqlx::query_as(
        "SELECT r.slug, v.viewed_at FROM recent_views v JOIN resources r ON r.id = v.resource_id \
         WHERE v.user_id = $1 ORDER BY v.viewed_at DESC",
    )
    .bind(user_id)
    .fetch_all(pool)
    .await)?;
    Ok(json!({
        "lessons_done": lessons.into_iter().map(|(module, lesson, at)| json!({
            "module": module,
            "lesson": lesson,
            "done_at": when(at),
        })).collect::<Vec<_>>(),
        "modules_completed": completed.into_iter().map(|(module, at)| json!({
            "module": module,
            "completed_at": when(at),
        })).collect::<Vec<_>>(),
        "cpd_log": cpd.iter().map(|entry| json!({
            "title": entry.title,
            "date": entry.done_on,
            "minutes": entry.minutes,
            "activity": entry.activity,
            "what": entry.what,
            "so_what": entry.so_what,
            "now_what": entry.now_what,
            "module": entry.module,
        })).collect::<Vec<_>>(),
        "recently_viewed": recent.into_iter().map(|(slug, at)| json!({
            "resource": slug,
            "viewed_at": when(at / 1000),
        })).collect::<Vec<_>>(),
        "knowledge_check_answers": super::checks::repo::export(db, user_id).await?,
    }))
}
