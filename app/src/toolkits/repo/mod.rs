//! The SQL of investigation workspaces. Every read and write names the
//! member and finds only a workspace they own or that is shared with them
//! (for a change, as an editor; to delete it, only their own), so anyone
//! else's is never found by its id; every change runs in one transaction
//! that checks the version the page was shown with and moves it on.

pub mod analysis;
pub mod sharing;

use serde_json::{json, Value};
use sqlx::Row;

pub use analysis::{Draft, Part};
pub use sharing::Opened;

use super::actions::SafetyAction;
use super::analysis::{Factor, Finding};
use super::sharing::{ShareRole, Standing};
use super::timeline::{in_order, Entry, Moment, When};
use super::types::{
    Details, Problem, SeipsElement, Source, Workspace, WorkspaceSummary, MAX_ENTRIES,
    MAX_WORKSPACES,
};
use crate::db::{BeginWrite, Db};
use crate::vocabulary::{LearningResponse, Sector};
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

type SummaryRow = (i64, String, LearningResponse, Option<Sector>, i64, i64);

/// A [`SummaryRow`]'s columns, of `workspaces w`.
const SUMMARY_COLUMNS: &str = "w.id, w.title, w.response, w.sector, \
     (SELECT COUNT(*) FROM workspace_entries e WHERE e.workspace_id = w.id), w.updated_at";

fn summary((id, title, response, sector, entries, updated): SummaryRow) -> WorkspaceSummary {
    WorkspaceSummary {
        id,
        title,
        response,
        sector,
        entries,
        updated: crate::dates::format_time(updated),
        shared: None,
    }
}

/// The member's workspaces, the latest changed first.
pub async fn workspaces(db: &Db, owner: i64) -> sqlx::Result<Vec<WorkspaceSummary>> {
    let sql = format!(
        "SELECT {SUMMARY_COLUMNS} FROM workspaces w WHERE w.owner_id = $1 \
         ORDER BY w.updated_at DESC, w.id DESC"
    );
    let rows: Vec<SummaryRow> =
        with_pool!(db, pool => sqlx::query_as(&sql).bind(owner).fetch_all(pool).await)?;
    Ok(rows.into_iter().map(summary).collect())
}

type EntryRow = (
    i64,
    String,
    Option<String>,
    bool,
    String,
    String,
    String,
    Source,
    String,
    String,
    Option<Problem>,
    i64,
    Option<i64>,
);

const ENTRY_COLUMNS: &str = "id, starts_at, ends_at, approximate, what, who, place, source, \
     source_detail, note, problem, elements, same_as";

fn entry(row: EntryRow) -> Option<Entry> {
    let (
        id,
        starts_at,
        ends_at,
        approximate,
        what,
        who,
        place,
        source,
        detail,
        note,
        problem,
        elements,
        same_as,
    ) = row;
    let end = match ends_at {
        Some(text) => Some(Moment::from_stored(&text)?),
        None => None,
    };
    Some(Entry {
        id,
        when: When {
            start: Moment::from_stored(&starts_at)?,
            end,
            approximate,
        },
        what,
        who,
        place,
        source,
        source_detail: detail,
        note,
        problem,
        elements: SeipsElement::from_mask(elements),
        same_as,
    })
}

type WorkspaceRow = (
    i64,
    String,
    LearningResponse,
    Option<Sector>,
    String,
    i64,
    i64,
    String,
    Option<ShareRole>,
    bool,
);

/// Which workspaces a member finds: their own, and those shared with them.
/// `$1` is the workspace, `$2` the member; the owner's name and the
/// member's role (none for the owner) come with it.
const OPEN: &str = "SELECT w.id, w.title, w.response, w.sector, w.scope, w.version, w.updated_at, \
     u.display_name, m.role, w.owner_id = $2 FROM workspaces w \
     JOIN users u ON u.id = w.owner_id \
     LEFT JOIN workspace_members m ON m.workspace_id = w.id AND m.member_id = $2 \
     WHERE w.id = $1 AND (w.owner_id = $2 OR m.member_id IS NOT NULL)";

/// The member's own workspace `id` with its timeline in time order (None
/// if it is not theirs).
pub async fn workspace(db: &Db, owner: i64, id: i64) -> sqlx::Result<Option<Workspace>> {
    Ok(open(db, owner, id)
        .await?
        .filter(|opened| opened.standing.owns())
        .map(|opened| opened.workspace))
}

/// Workspace `id` as `member` may open it, with their standing and its
/// owner's name: their own, or one shared with them (None for anyone
/// else's: not found, whoever they are).
pub async fn open(db: &Db, member: i64, id: i64) -> sqlx::Result<Option<Opened>> {
    let row: Option<WorkspaceRow> = with_pool!(db, pool => sqlx::query_as(OPEN)
        .bind(id)
        .bind(member)
        .fetch_optional(pool)
        .await)?;
    let Some((id, title, response, sector, scope, version, updated, owner, role, owns)) = row
    else {
        return Ok(None);
    };
    let standing = match (owns, role) {
        (true, _) => Standing::Owner,
        (false, Some(role)) => Standing::Shared(role),
        (false, None) => return Ok(None),
    };
    let sql = format!("SELECT {ENTRY_COLUMNS} FROM workspace_entries WHERE workspace_id = $1");
    let rows: Vec<EntryRow> =
        with_pool!(db, pool => sqlx::query_as(&sql).bind(id).fetch_all(pool).await)?;
    // A stored time the rules cannot read would be a bug of ours: such an
    // entry is logged and left out rather than failing the whole page.
    let mut entries: Vec<Entry> = rows
        .into_iter()
        .filter_map(|row| {
            let id = row.0;
            let parsed = entry(row);
            if parsed.is_none() {
                tracing::error!(
                    entry = id,
                    "a timeline entry's stored time could not be read"
                );
            }
            parsed
        })
        .collect();
    in_order(&mut entries);
    let (findings, factors, actions) = analysis::load(db, id).await?;
    let workspace = Workspace {
        id,
        details: Details {
            title,
            response,
            sector,
            scope,
        },
        version,
        updated: crate::dates::format_time(updated),
        entries,
        findings,
        factors,
        actions,
    };
    Ok(Some(Opened {
        workspace,
        standing,
        owner,
    }))
}

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

/// Binds a draft's twelve columns, in [`ENTRY_COLUMNS`]' order after `id`.
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

/// The member's workspaces and timelines, for their copy of their data.
pub async fn export(db: &Db, owner: i64) -> sqlx::Result<Value> {
    let mut all = Vec::new();
    for listed in workspaces(db, owner).await? {
        let Some(workspace) = workspace(db, owner, listed.id).await? else {
            continue;
        };
        let entries: Vec<Value> = workspace
            .entries
            .iter()
            .map(|entry| {
                json!({
                    "id": entry.id,
                    "starts_at": entry.when.start.stored(),
                    "ends_at": entry.when.end.map(Moment::stored),
                    "approximate": entry.when.approximate,
                    "what": entry.what,
                    "who": entry.who,
                    "where": entry.place,
                    "source": entry.source.slug(),
                    "source_detail": entry.source_detail,
                    "analysis_note": entry.note,
                    "problem": entry.problem.map(Problem::slug),
                    "work_system_elements": entry.elements.iter().map(|element| element.slug()).collect::<Vec<_>>(),
                    "same_event_as": entry.same_as,
                })
            })
            .collect();
        all.push(json!({
            "title": workspace.details.title,
            "learning_response": workspace.details.response.slug(),
            "sector": workspace.details.sector.map(Sector::slug),
            "scope": workspace.details.scope,
            "updated": workspace.updated,
            "timeline": entries,
            "seips_findings": workspace.findings,
            "contributory_factors": workspace.factors,
            "safety_actions": workspace.actions,
            "shared_with": sharing::shares(db, workspace.id)
                .await?
                .into_iter()
                .map(|share| json!({ "name": share.name, "role": share.role.slug(), "since": share.since }))
                .collect::<Vec<_>>(),
        }));
    }
    Ok(Value::Array(all))
}
