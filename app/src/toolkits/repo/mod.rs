//! The SQL of investigation workspaces. Every read and write names the
//! member and finds only a workspace they own or that is shared with them
//! (for a change, as an editor; to delete it, only their own), so anyone
//! else's is never found by its id; every change runs in one transaction
//! that checks the version the page was shown with and moves it on.

pub mod analysis;
mod read;
pub mod sharing;

use sqlx::Row;

pub use analysis::{Draft, Part};
pub use read::{export, open, workspace, workspaces};
pub use sharing::Opened;

use super::actions::SafetyAction;
use super::analysis::{Factor, Finding};
use super::timeline::{Entry, Moment};
use super::types::{Details, Problem, SeipsElement, Workspace, MAX_ENTRIES, MAX_WORKSPACES};
use crate::db::{BeginWrite, Db};
use crate::with_pool;

/// What a write did.
#[derive(Debug, PartialEq, Eq)]
pub enum Written {
    /// Done; the workspace's version after it (or a new workspace's id).
    Done(i64),
    /// No such workspace of the member's (or no such entry in it).
    NotFound,
    /// The workspace changed since the page was shown: nothing written.
    Stale,
    /// The member has [`MAX_WORKSPACES`], or the part added is at its limit
    /// (entries, findings, factors or actions).
    Full,
}

/// On PostgreSQL, locks the member's row so their writes take turns (two
/// posts at once cannot both pass a limit); SQLite's `BEGIN IMMEDIATE`
/// already makes them.
const LOCK_MEMBER: &str = "SELECT id FROM users WHERE id = $1 FOR NO KEY UPDATE";

/// What a new workspace starts with: nothing, or a copy's timeline and
/// analysis (their links carried over to the copies).
#[derive(Default)]
pub struct Contents<'a> {
    pub entries: &'a [Entry],
    pub findings: &'a [Finding],
    pub factors: &'a [Factor],
    pub actions: &'a [SafetyAction],
}

impl<'a> Contents<'a> {
    /// Everything `workspace` holds.
    pub fn of(workspace: &'a Workspace) -> Self {
        Contents {
            entries: &workspace.entries,
            findings: &workspace.findings,
            factors: &workspace.factors,
            actions: &workspace.actions,
        }
    }
}

/// Maps an original's ids onto its copy's.
fn copied(copies: &[(i64, i64)], original: i64) -> Option<i64> {
    copies
        .iter()
        .find(|(from, _)| *from == original)
        .map(|(_, to)| *to)
}

/// Adds copies of `entries` to workspace `id` in transaction `tx`, their
/// links to each other carried over: the copies' ids, by the originals'.
macro_rules! insert_entries {
    ($tx:ident, $id:expr, $entries:expr, $now:expr) => {{
        let mut copies: Vec<(i64, i64)> = Vec::new();
        for entry in $entries {
            // Linked once every copy has its id.
            let unlinked = Entry {
                same_as: None,
                ..entry.clone()
            };
            let copy: i64 = bind_draft(sqlx::query(INSERT_ENTRY), &unlinked)
                .bind($now)
                .bind($id)
                .fetch_one(&mut *$tx)
                .await?
                .try_get(0)?;
            copies.push((entry.id, copy));
        }
        let copy_of = |original: i64| copied(&copies, original);
        for entry in $entries {
            if let (Some(copy), Some(linked)) = (copy_of(entry.id), entry.same_as.and_then(copy_of))
            {
                sqlx::query("UPDATE workspace_entries SET same_as = $1 WHERE id = $2")
                    .bind(linked)
                    .bind(copy)
                    .execute(&mut *$tx)
                    .await?;
            }
        }
        copies
    }};
}

// After `insert_entries!`, which it uses (a macro is seen by the modules
// declared after it).
mod local;
pub use local::{replace_timeline, Replaced};

/// Starts a workspace holding `contents`; `Done(id)`, or `Full` when the
/// member has [`MAX_WORKSPACES`] (or the contents are over a part's limit).
pub async fn create(
    db: &Db,
    owner: i64,
    details: &Details,
    contents: Contents<'_>,
    now: i64,
) -> sqlx::Result<Written> {
    let entries = contents.entries;
    let postgres = matches!(db, Db::Postgres(_));
    with_pool!(db, pool => {
        let mut tx = pool.begin_write().await?;
        if postgres {
            sqlx::query(LOCK_MEMBER).bind(owner).execute(&mut *tx).await?;
        }
        let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM workspaces WHERE owner_id = $1")
            .bind(owner)
            .fetch_one(&mut *tx)
            .await?;
        if count >= MAX_WORKSPACES {
            return Ok(Written::Full);
        }
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO workspaces (owner_id, title, response, sector, scope, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id",
        )
        .bind(owner)
        .bind(&details.title)
        .bind(details.response)
        .bind(details.sector)
        .bind(&details.scope)
        .bind(now)
        .fetch_one(&mut *tx)
        .await?;
        let copies = insert_entries!(tx, id, entries, now);
        // Each part links to the one before it: entries, findings, factors.
        let mut linked = copies;
        let drafts = [
            contents.findings.iter().map(|finding| (finding.id, Draft::Finding(finding))).collect::<Vec<_>>(),
            contents.factors.iter().map(|factor| (factor.id, Draft::Factor(factor))).collect(),
            contents.actions.iter().map(|action| (action.id, Draft::Action(action))).collect(),
        ];
        for part in drafts {
            let mut copies = Vec::new();
            for (original, draft) in part {
                let steps = analysis::add(id, &draft, now, |to| copied(&linked, to));
                match crate::run_steps!(&mut tx, &steps) {
                    Ok(copy) => copies.push((original, copy)),
                    Err(written) => return Ok(written),
                }
            }
            linked = copies;
        }
        tx.commit().await?;
        Ok(Written::Done(id))
    })
}

/// Adds an entry: its twelve columns ([`bind_draft`]), then when and the
/// workspace.
const INSERT_ENTRY: &str = "INSERT INTO workspace_entries (starts_at, ends_at, approximate, what, who, place, \
     source, source_detail, note, problem, elements, same_as, created_at, updated_at, workspace_id) \
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13, $14) RETURNING id";

/// What a change does to a workspace, inside the transaction that checked
/// its version.
pub enum Change<'a> {
    Details(&'a Details),
    Delete,
    AddEntry(&'a Entry),
    ChangeEntry(i64, &'a Entry),
    DeleteEntry(i64),
    /// A finding, factor or action added.
    Add(Draft<'a>),
    /// The part with this id changed to the draft.
    Update(i64, Draft<'a>),
    Remove(Part, i64),
}

/// Applies `change` to workspace `id` if `member` may make it (their own;
/// shared with them as an editor, except a deletion) and its version is
/// still `version`. `Done(version after)`; `NotFound` for a workspace they
/// may not change, or an entry named that is not there; `Stale` for an
/// older version; `Full` for a part at its limit. The standing is checked
/// again here, in the transaction: a share ended since the page was shown
/// changes nothing.
pub async fn change(
    db: &Db,
    member: i64,
    id: i64,
    version: i64,
    change: Change<'_>,
    now: i64,
) -> sqlx::Result<Written> {
    let postgres = matches!(db, Db::Postgres(_));
    let lock = if postgres { " FOR UPDATE" } else { "" };
    let editors = if matches!(change, Change::Delete) {
        ""
    } else {
        " OR EXISTS (SELECT 1 FROM workspace_members m WHERE m.workspace_id = w.id \
         AND m.member_id = $2 AND m.role = 'editor')"
    };
    let select = format!(
        "SELECT w.version FROM workspaces w WHERE w.id = $1 AND (w.owner_id = $2{editors}){lock}"
    );
    with_pool!(db, pool => {
        let mut tx = pool.begin_write().await?;
        let current: Option<i64> = sqlx::query_scalar(&select)
            .bind(id)
            .bind(member)
            .fetch_optional(&mut *tx)
            .await?;
        let Some(current) = current else {
            return Ok(Written::NotFound);
        };
        if version != current {
            return Ok(Written::Stale);
        }
        let has_entry = |entry: i64| {
            sqlx::query_scalar::<_, i64>(
                "SELECT COUNT(*) FROM workspace_entries WHERE id = $1 AND workspace_id = $2",
            )
            .bind(entry)
            .bind(id)
        };
        match change {
            Change::Delete => {
                sqlx::query("DELETE FROM workspaces WHERE id = $1").bind(id).execute(&mut *tx).await?;
                tx.commit().await?;
                return Ok(Written::Done(current));
            }
            Change::Details(details) => {
                sqlx::query("UPDATE workspaces SET title = $1, response = $2, sector = $3, scope = $4 WHERE id = $5")
                    .bind(&details.title)
                    .bind(details.response)
                    .bind(details.sector)
                    .bind(&details.scope)
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
            }
            Change::AddEntry(draft) => {
                let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM workspace_entries WHERE workspace_id = $1")
                    .bind(id)
                    .fetch_one(&mut *tx)
                    .await?;
                if count >= MAX_ENTRIES {
                    return Ok(Written::Full);
                }
                // An entry it names may have been deleted since the page.
                if let Some(same_as) = draft.same_as {
                    if has_entry(same_as).fetch_one(&mut *tx).await? == 0 {
                        return Ok(Written::Stale);
                    }
                }
                bind_draft(sqlx::query(INSERT_ENTRY), draft).bind(now).bind(id).execute(&mut *tx).await?;
            }
            Change::ChangeEntry(entry, draft) => {
                if has_entry(entry).fetch_one(&mut *tx).await? == 0 {
                    return Ok(Written::NotFound);
                }
                if let Some(same_as) = draft.same_as {
                    if same_as == entry || has_entry(same_as).fetch_one(&mut *tx).await? == 0 {
                        return Ok(Written::Stale);
                    }
                }
                let sql = "UPDATE workspace_entries SET starts_at = $1, ends_at = $2, approximate = $3, what = $4, \
                     who = $5, place = $6, source = $7, source_detail = $8, note = $9, problem = $10, elements = $11, \
                     same_as = $12, updated_at = $13 WHERE id = $14";
                bind_draft(sqlx::query(sql), draft).bind(now).bind(entry).execute(&mut *tx).await?;
            }
            Change::Add(draft) => {
                if let Err(written) = crate::run_steps!(&mut tx, &analysis::add(id, &draft, now, Some)) {
                    return Ok(written);
                }
            }
            Change::Update(item, draft) => {
                if let Err(written) = crate::run_steps!(&mut tx, &analysis::change(id, item, &draft, now)) {
                    return Ok(written);
                }
            }
            Change::Remove(part, item) => {
                if let Err(written) = crate::run_steps!(&mut tx, &analysis::delete(id, part, item)) {
                    return Ok(written);
                }
            }
            Change::DeleteEntry(entry) => {
                let deleted = sqlx::query("DELETE FROM workspace_entries WHERE id = $1 AND workspace_id = $2")
                    .bind(entry)
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
                if deleted.rows_affected() == 0 {
                    return Ok(Written::NotFound);
                }
            }
        }
        let version: i64 = sqlx::query_scalar(
            "UPDATE workspaces SET version = version + 1, updated_at = $1 WHERE id = $2 RETURNING version",
        )
        .bind(now)
        .bind(id)
        .fetch_one(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(Written::Done(version))
    })
}

/// Binds a draft's twelve columns, in the order of `read`'s `ENTRY_COLUMNS` after `id`.
fn bind_draft<'q, DB>(
    query: sqlx::query::Query<'q, DB, <DB as sqlx::Database>::Arguments<'q>>,
    draft: &'q Entry,
) -> sqlx::query::Query<'q, DB, <DB as sqlx::Database>::Arguments<'q>>
where
    DB: sqlx::Database,
    String: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
    Option<String>: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
    &'q str: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
    Option<&'q str>: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
    bool: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
    i64: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
    Option<i64>: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
    Option<Problem>: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
{
    query
        .bind(draft.when.start.stored())
        .bind(draft.when.end.map(Moment::stored))
        .bind(draft.when.approximate)
        .bind(draft.what.as_str())
        .bind(draft.who.as_str())
        .bind(draft.place.as_str())
        .bind(draft.source.slug())
        .bind(draft.source_detail.as_str())
        .bind(draft.note.as_str())
        .bind(draft.problem)
        .bind(SeipsElement::mask(&draft.elements))
        .bind(draft.same_as)
}
