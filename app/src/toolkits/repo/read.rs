//! Reading workspaces: the member's list, one workspace as the member may
//! open it (with its standing), and everything of theirs for their copy
//! of their data.

use serde_json::{json, Value};

use super::analysis;
use super::sharing::{self, Opened};
use crate::db::Db;
use crate::toolkits::sharing::{ShareRole, Standing};
use crate::toolkits::timeline::{in_order, Entry, Moment, When};
use crate::toolkits::types::{Details, Problem, SeipsElement, Source, Workspace, WorkspaceSummary};
use crate::vocabulary::{LearningResponse, Sector};
use crate::with_pool;

pub(super) type SummaryRow = (i64, String, LearningResponse, Option<Sector>, i64, i64);

/// A [`SummaryRow`]'s columns, of `workspaces w`.
pub(super) const SUMMARY_COLUMNS: &str = "w.id, w.title, w.response, w.sector, \
     (SELECT COUNT(*) FROM workspace_entries e WHERE e.workspace_id = w.id), w.updated_at";

pub(super) fn summary(
    (id, title, response, sector, entries, updated): SummaryRow,
) -> WorkspaceSummary {
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
