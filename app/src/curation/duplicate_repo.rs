//! The SQL of duplicate control: the resources most like a draft, pairs a
//! curator has said are not duplicates, merges and the old addresses they
//! leave. Re-exported by `contribution_repo`, where callers find it.

use super::contribution_repo::{now, record_event, Contribution};
use super::draft::ResourceDraft;
use super::duplicates::{Fingerprint, PossibleDuplicate, FLAG_FROM, SHOWN};
use super::workflow::Stage;
use crate::db::{BeginWrite, Db};
use crate::vocabulary::ResourceKind;
use crate::with_pool;

/// Stages whose resources count as existing material.
const LIVE_STAGES: &str = "('submitted', 'published', 'unpublished', 'draft', 'changes_requested')";

/// The most similar other resources, best first, leaving out pairs a
/// curator said are not duplicates. Curators compare against everything
/// published or in review; anyone else (`only_for` their id) only against
/// published resources and their own, so no one learns of others' drafts.
pub async fn possible_duplicates(
    db: &Db,
    id: i64,
    draft: &ResourceDraft,
    only_for: Option<i64>,
) -> sqlx::Result<Vec<PossibleDuplicate>> {
    let words = super::duplicates::search_words(&format!("{} {}", draft.title, draft.summary));
    if words.is_empty() {
        return Ok(Vec::new());
    }
    let candidates: Vec<i64> = match db {
        Db::Sqlite(pool) => {
            let query: Vec<String> = words.iter().map(|word| format!("\"{word}\"")).collect();
            sqlx::query_scalar(&format!(
                "SELECT f.rowid FROM resources_head_fts f JOIN resources r ON r.id = f.rowid \
                 WHERE resources_head_fts MATCH $1 AND r.workflow IN {LIVE_STAGES} ORDER BY f.rank LIMIT 40"
            ))
            .bind(query.join(" OR "))
            .fetch_all(pool)
            .await?
        }
        Db::Postgres(pool) => {
            sqlx::query_scalar(&format!(
                "SELECT id FROM resources, to_tsquery('english', $1) q WHERE head_vector @@ q \
                 AND workflow IN {LIVE_STAGES} ORDER BY ts_rank(head_vector, q) DESC LIMIT 40"
            ))
            .bind(words.join(" | "))
            .fetch_all(pool)
            .await?
        }
    };
    let candidates: Vec<i64> = candidates
        .into_iter()
        .filter(|candidate| *candidate != id)
        .collect();
    if candidates.is_empty() {
        return Ok(Vec::new());
    }
    let list = candidates
        .iter()
        .map(i64::to_string)
        .collect::<Vec<_>>()
        .join(", ");
    // The ids are integers from the index, so listing them inline is safe.
    let sql = format!(
        "SELECT r.slug, r.title, r.kind, r.workflow, r.summary, r.body FROM resources r \
         WHERE r.id IN ({list}) AND r.workflow IN {LIVE_STAGES} \
         AND ($2 = 0 OR r.workflow = 'published' OR r.owner_id = $2) \
         AND NOT EXISTS (SELECT 1 FROM duplicate_dismissals d \
             WHERE (d.resource_id = $1 AND d.other_id = r.id) OR (d.resource_id = r.id AND d.other_id = $1))"
    );
    let rows: Vec<(String, String, ResourceKind, Stage, String, String)> = with_pool!(db, pool => sqlx::query_as(&sql)
        .bind(id)
        .bind(only_for.unwrap_or(0))
        .fetch_all(pool)
        .await)?;
    let this = Fingerprint::of(&draft.title, &draft.summary, &draft.body);
    let mut found: Vec<PossibleDuplicate> = rows
        .into_iter()
        .map(|(slug, title, kind, stage, summary, body)| {
            let similarity = this.similarity(&Fingerprint::of(&title, &summary, &body));
            PossibleDuplicate {
                slug,
                title,
                kind,
                stage,
                similarity,
            }
        })
        .filter(|candidate| candidate.similarity >= FLAG_FROM)
        .collect();
    found.sort_by(|a, b| {
        b.similarity
            .total_cmp(&a.similarity)
            .then(a.slug.cmp(&b.slug))
    });
    found.truncate(SHOWN);
    Ok(found)
}

/// Records that `other` is not a duplicate of resource `id`.
pub async fn dismiss_duplicate(db: &Db, id: i64, other: i64, by: i64) -> sqlx::Result<()> {
    with_pool!(db, pool => sqlx::query(
        "INSERT INTO duplicate_dismissals (resource_id, other_id, dismissed_by, created_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (resource_id, other_id) DO NOTHING",
    )
    .bind(id)
    .bind(other)
    .bind(by)
    .bind(now())
    .execute(pool)
    .await
    .map(|_| ()))
}

/// Merges resource `from` into `into`: `from` is archived and its address
/// (and any addresses that led to it) now lead to `into`.
pub async fn merge(
    db: &Db,
    from: &Contribution,
    into: &Contribution,
    actor: i64,
) -> sqlx::Result<bool> {
    let at = now();
    let note = format!(
        "Merged into \u{201c}{}\u{201d} ({})",
        into.draft.title, into.slug
    );
    with_pool!(db, pool => {
        let mut tx = pool.begin_write().await?;
        let archived = sqlx::query(
            "UPDATE resources SET workflow = 'archived', status = 'archived', stage_changed_at = $1 \
             WHERE id = $2 AND workflow = $3",
        )
        .bind(at)
        .bind(from.id)
        .bind(from.stage)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if archived == 0 {
            return Ok(false);
        }
        sqlx::query("UPDATE slug_redirects SET resource_id = $1 WHERE resource_id = $2")
            .bind(into.id)
            .bind(from.id)
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "INSERT INTO slug_redirects (old_slug, resource_id) VALUES ($1, $2) \
             ON CONFLICT (old_slug) DO UPDATE SET resource_id = excluded.resource_id",
        )
        .bind(&from.slug)
        .bind(into.id)
        .execute(&mut *tx)
        .await?;
        record_event!(tx, from.id, Some(actor), "merge", Some(from.stage), Stage::Archived, &note, at);
        tx.commit().await?;
        Ok(true)
    })
}

/// Where an old slug of a merged resource now leads, if it was merged
/// into a published resource.
pub async fn redirect_for(db: &Db, slug: &str) -> sqlx::Result<Option<String>> {
    with_pool!(db, pool => sqlx::query_scalar(
        "SELECT r.slug FROM slug_redirects s JOIN resources r ON r.id = s.resource_id \
         WHERE s.old_slug = $1 AND r.status = 'published'",
    )
    .bind(slug)
    .fetch_optional(pool)
    .await)
}
