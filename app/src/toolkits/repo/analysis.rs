//! The SQL of a workspace's analysis: SEIPS findings with the timeline
//! entries they cite, contributory factors with the findings they are
//! drawn from, and safety actions with the factors they address.
//!
//! A write is planned as a list of [`Step`]s (statements and their
//! values), which `repo::change` runs inside the transaction that checked
//! the workspace's version: one plan serves both backends. Every statement
//! names the workspace, and a link is only made to a row of the same
//! workspace, so an id from another one is never joined to this one.

use chrono::NaiveDate;

use crate::db::Db;
use crate::toolkits::actions::{ActionStatus, Intervention, SafetyAction, Strength, MAX_ACTIONS};
use crate::toolkits::analysis::{Factor, Finding, FindingKind, MAX_FACTORS, MAX_FINDINGS};
use crate::toolkits::types::SeipsElement;
use crate::with_pool;

/// A value bound to a step's statement.
pub(crate) enum Bind {
    Int(i64),
    Text(String),
    Maybe(Option<String>),
    /// The id the plan's latest insert returned.
    Inserted,
}

/// What running a step checks.
pub(crate) enum Check {
    /// Nothing: run it.
    None,
    /// It must change a row, or the thing it names is not there.
    Touches,
    /// It returns the id of the row it inserted.
    Inserts,
    /// A count that must stay under this limit before an addition.
    Below(i64),
}

/// One statement of a planned write.
pub(crate) struct Step {
    pub sql: &'static str,
    pub binds: Vec<Bind>,
    pub check: Check,
}

fn step(sql: &'static str, binds: Vec<Bind>, check: Check) -> Step {
    Step { sql, binds, check }
}

/// A workspace's findings, factors and actions: the parts that can be
/// added, changed and deleted after the timeline's entries.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    Finding,
    Factor,
    Action,
}

impl Part {
    fn table(self) -> &'static str {
        match self {
            Part::Finding => "workspace_findings",
            Part::Factor => "workspace_factors",
            Part::Action => "workspace_actions",
        }
    }
}

/// What is written: the part, filled in.
pub enum Draft<'a> {
    Finding(&'a Finding),
    Factor(&'a Factor),
    Action(&'a SafetyAction),
}

impl Draft<'_> {
    pub fn part(&self) -> Part {
        match self {
            Draft::Finding(_) => Part::Finding,
            Draft::Factor(_) => Part::Factor,
            Draft::Action(_) => Part::Action,
        }
    }
}

const COUNT_FINDINGS: &str = "SELECT COUNT(*) FROM workspace_findings WHERE workspace_id = $1";
const COUNT_FACTORS: &str = "SELECT COUNT(*) FROM workspace_factors WHERE workspace_id = $1";
const COUNT_ACTIONS: &str = "SELECT COUNT(*) FROM workspace_actions WHERE workspace_id = $1";

const INSERT_FINDING: &str = "INSERT INTO workspace_findings (element, kind, text, other_evidence, \
     interacts_with, created_at, updated_at, workspace_id) VALUES ($1, $2, $3, $4, $5, $6, $6, $7) RETURNING id";
const UPDATE_FINDING: &str = "UPDATE workspace_findings SET element = $1, kind = $2, text = $3, \
     other_evidence = $4, interacts_with = $5, updated_at = $6 WHERE workspace_id = $7 AND id = $8";
const INSERT_FACTOR: &str =
    "INSERT INTO workspace_factors (text, elements, created_at, updated_at, \
     workspace_id) VALUES ($1, $2, $3, $3, $4) RETURNING id";
const UPDATE_FACTOR: &str =
    "UPDATE workspace_factors SET text = $1, elements = $2, updated_at = $3 WHERE workspace_id = $4 AND id = $5";
const INSERT_ACTION: &str = "INSERT INTO workspace_actions (description, intervention, strength, \
     strength_reason, owner, due, measure, status, created_at, updated_at, workspace_id) \
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9, $10) RETURNING id";
const UPDATE_ACTION: &str = "UPDATE workspace_actions SET description = $1, intervention = $2, \
     strength = $3, strength_reason = $4, owner = $5, due = $6, measure = $7, status = $8, \
     updated_at = $9 WHERE workspace_id = $10 AND id = $11";

// Links are made only to rows of the same workspace ($3).
const LINK_EVIDENCE: &str = "INSERT INTO workspace_finding_evidence (finding_id, entry_id) \
     SELECT $1, id FROM workspace_entries WHERE id = $2 AND workspace_id = $3";
const LINK_FINDING: &str = "INSERT INTO workspace_factor_findings (factor_id, finding_id) \
     SELECT $1, id FROM workspace_findings WHERE id = $2 AND workspace_id = $3";
const LINK_FACTOR: &str = "INSERT INTO workspace_action_factors (action_id, factor_id) \
     SELECT $1, id FROM workspace_factors WHERE id = $2 AND workspace_id = $3";
const UNLINK_EVIDENCE: &str = "DELETE FROM workspace_finding_evidence WHERE finding_id = $1 \
     AND finding_id IN (SELECT id FROM workspace_findings WHERE workspace_id = $2)";
const UNLINK_FINDINGS: &str = "DELETE FROM workspace_factor_findings WHERE factor_id = $1 \
     AND factor_id IN (SELECT id FROM workspace_factors WHERE workspace_id = $2)";
const UNLINK_FACTORS: &str = "DELETE FROM workspace_action_factors WHERE action_id = $1 \
     AND action_id IN (SELECT id FROM workspace_actions WHERE workspace_id = $2)";

/// The draft's own columns, in its insert's and update's order (before
/// the time and the workspace).
fn columns(draft: &Draft) -> Vec<Bind> {
    use Bind::{Int, Maybe, Text};
    match draft {
        Draft::Finding(finding) => vec![
            Text(finding.element.slug().into()),
            Text(finding.kind.slug().into()),
            Text(finding.text.clone()),
            Text(finding.other_evidence.clone()),
            Int(SeipsElement::mask(&finding.interacts_with)),
        ],
        Draft::Factor(factor) => vec![
            Text(factor.text.clone()),
            Int(SeipsElement::mask(&factor.elements)),
        ],
        Draft::Action(action) => vec![
            Text(action.description.clone()),
            Text(action.intervention.slug().into()),
            Text(action.strength.slug().into()),
            Text(action.strength_reason.clone()),
            Text(action.owner.clone()),
            Maybe(action.due.map(|due| due.format("%Y-%m-%d").to_string())),
            Text(action.measure.clone()),
            Text(action.status.slug().into()),
        ],
    }
}

/// The draft's links: the statement and the ids it links to.
fn links(draft: &Draft) -> (&'static str, &'static str, Vec<i64>) {
    match draft {
        Draft::Finding(finding) => (LINK_EVIDENCE, UNLINK_EVIDENCE, finding.evidence.clone()),
        Draft::Factor(factor) => (LINK_FINDING, UNLINK_FINDINGS, factor.findings.clone()),
        Draft::Action(action) => (LINK_FACTOR, UNLINK_FACTORS, action.factors.clone()),
    }
}

/// Adds `draft` to workspace `workspace`, unless that part is full
/// (`Full`); `linked` maps each id it links to onto the id to store (a
/// copy's new ids; the same id otherwise).
pub(crate) fn add(
    workspace: i64,
    draft: &Draft,
    now: i64,
    linked: impl Fn(i64) -> Option<i64>,
) -> Vec<Step> {
    let (count, limit, insert) = match draft {
        Draft::Finding(_) => (COUNT_FINDINGS, MAX_FINDINGS, INSERT_FINDING),
        Draft::Factor(_) => (COUNT_FACTORS, MAX_FACTORS, INSERT_FACTOR),
        Draft::Action(_) => (COUNT_ACTIONS, MAX_ACTIONS, INSERT_ACTION),
    };
    let mut binds = columns(draft);
    binds.extend([Bind::Int(now), Bind::Int(workspace)]);
    let mut steps = vec![
        step(count, vec![Bind::Int(workspace)], Check::Below(limit)),
        step(insert, binds, Check::Inserts),
    ];
    let (link, _, ids) = links(draft);
    for id in ids.into_iter().filter_map(linked) {
        let binds = vec![Bind::Inserted, Bind::Int(id), Bind::Int(workspace)];
        steps.push(step(link, binds, Check::None));
    }
    steps
}

/// Changes the workspace's `id` to `draft`, its links with it.
pub(crate) fn change(workspace: i64, id: i64, draft: &Draft, now: i64) -> Vec<Step> {
    let update = match draft {
        Draft::Finding(_) => UPDATE_FINDING,
        Draft::Factor(_) => UPDATE_FACTOR,
        Draft::Action(_) => UPDATE_ACTION,
    };
    let mut binds = columns(draft);
    binds.extend([Bind::Int(now), Bind::Int(workspace), Bind::Int(id)]);
    let (link, unlink, ids) = links(draft);
    let mut steps = vec![
        step(update, binds, Check::Touches),
        step(
            unlink,
            vec![Bind::Int(id), Bind::Int(workspace)],
            Check::None,
        ),
    ];
    for linked in ids {
        let binds = vec![Bind::Int(id), Bind::Int(linked), Bind::Int(workspace)];
        steps.push(step(link, binds, Check::None));
    }
    steps
}

/// Deletes the workspace's `part` `id`; its links go with it (the
/// tables cascade).
pub(crate) fn delete(workspace: i64, part: Part, id: i64) -> Vec<Step> {
    let sql = match part {
        Part::Finding => "DELETE FROM workspace_findings WHERE workspace_id = $1 AND id = $2",
        Part::Factor => "DELETE FROM workspace_factors WHERE workspace_id = $1 AND id = $2",
        Part::Action => "DELETE FROM workspace_actions WHERE workspace_id = $1 AND id = $2",
    };
    debug_assert!(sql.contains(part.table()));
    vec![step(
        sql,
        vec![Bind::Int(workspace), Bind::Int(id)],
        Check::Touches,
    )]
}

/// Runs a plan's steps in transaction `$tx` (a `&mut Transaction`), inside
/// a function returning `sqlx::Result`: `Ok(id)` with the latest inserted
/// id (0 if none), or `Err(Written::NotFound | Written::Full)` when a
/// check fails (the caller drops the transaction, undoing the rest). A
/// macro, as `with_pool!` gives each backend its own transaction type.
#[macro_export]
#[doc(hidden)]
macro_rules! run_steps {
    ($tx:expr, $steps:expr) => {
        'run: {
            use $crate::toolkits::repo::analysis::{Bind, Check};
            use $crate::toolkits::repo::Written;
            let mut inserted: i64 = 0;
            for step in $steps {
                let mut query = sqlx::query(step.sql);
                for bind in &step.binds {
                    query = match bind {
                        Bind::Int(value) => query.bind(*value),
                        Bind::Text(value) => query.bind(value.as_str()),
                        Bind::Maybe(value) => query.bind(value.as_deref()),
                        Bind::Inserted => query.bind(inserted),
                    };
                }
                match step.check {
                    Check::Inserts => {
                        inserted = sqlx::Row::try_get(&query.fetch_one(&mut **$tx).await?, 0)?;
                    }
                    Check::Below(limit) => {
                        let count: i64 =
                            sqlx::Row::try_get(&query.fetch_one(&mut **$tx).await?, 0)?;
                        if count >= limit {
                            break 'run Err(Written::Full);
                        }
                    }
                    Check::Touches => {
                        if query.execute(&mut **$tx).await?.rows_affected() == 0 {
                            break 'run Err(Written::NotFound);
                        }
                    }
                    Check::None => {
                        query.execute(&mut **$tx).await?;
                    }
                }
            }
            Ok(inserted)
        }
    };
}

type FindingRow = (i64, SeipsElement, FindingKind, String, String, i64);
type FactorRow = (i64, String, i64);
type ActionRow = (
    i64,
    String,
    Intervention,
    Strength,
    String,
    String,
    Option<String>,
    String,
    ActionStatus,
);

/// The ids a link table joins, for one workspace's rows: (from, to).
async fn pairs(db: &Db, sql: &str, workspace: i64) -> sqlx::Result<Vec<(i64, i64)>> {
    with_pool!(db, pool => sqlx::query_as(sql).bind(workspace).fetch_all(pool).await)
}

fn linked_to(pairs: &[(i64, i64)], from: i64) -> Vec<i64> {
    let mut ids: Vec<i64> = pairs
        .iter()
        .filter(|(owner, _)| *owner == from)
        .map(|(_, to)| *to)
        .collect();
    ids.sort_unstable();
    ids
}

/// Workspace `workspace`'s findings (by element, then in the order added),
/// factors and actions (in the order added).
pub async fn load(
    db: &Db,
    workspace: i64,
) -> sqlx::Result<(Vec<Finding>, Vec<Factor>, Vec<SafetyAction>)> {
    let rows: Vec<FindingRow> = with_pool!(db, pool => sqlx::query_as(
        "SELECT id, element, kind, text, other_evidence, interacts_with FROM workspace_findings \
         WHERE workspace_id = $1 ORDER BY id",
    )
    .bind(workspace)
    .fetch_all(pool)
    .await)?;
    let evidence = pairs(
        db,
        "SELECT l.finding_id, l.entry_id FROM workspace_finding_evidence l \
         JOIN workspace_findings f ON f.id = l.finding_id WHERE f.workspace_id = $1",
        workspace,
    )
    .await?;
    let mut findings: Vec<Finding> = rows
        .into_iter()
        .map(
            |(id, element, kind, text, other_evidence, interacts)| Finding {
                id,
                element,
                kind,
                text,
                evidence: linked_to(&evidence, id),
                other_evidence,
                interacts_with: SeipsElement::from_mask(interacts),
            },
        )
        .collect();
    findings.sort_by_key(|finding| (finding.element, finding.id));

    let rows: Vec<FactorRow> = with_pool!(db, pool => sqlx::query_as(
        "SELECT id, text, elements FROM workspace_factors WHERE workspace_id = $1 ORDER BY id",
    )
    .bind(workspace)
    .fetch_all(pool)
    .await)?;
    let drawn_from = pairs(
        db,
        "SELECT l.factor_id, l.finding_id FROM workspace_factor_findings l \
         JOIN workspace_factors f ON f.id = l.factor_id WHERE f.workspace_id = $1",
        workspace,
    )
    .await?;
    let factors = rows
        .into_iter()
        .map(|(id, text, elements)| Factor {
            id,
            text,
            elements: SeipsElement::from_mask(elements),
            findings: linked_to(&drawn_from, id),
        })
        .collect();

    let rows: Vec<ActionRow> = with_pool!(db, pool => sqlx::query_as(
        "SELECT id, description, intervention, strength, strength_reason, owner, due, measure, status \
         FROM workspace_actions WHERE workspace_id = $1 ORDER BY id",
    )
    .bind(workspace)
    .fetch_all(pool)
    .await)?;
    let addresses = pairs(
        db,
        "SELECT l.action_id, l.factor_id FROM workspace_action_factors l \
         JOIN workspace_actions a ON a.id = l.action_id WHERE a.workspace_id = $1",
        workspace,
    )
    .await?;
    let actions = rows
        .into_iter()
        .map(
            |(id, description, intervention, strength, reason, owner, due, measure, status)| {
                SafetyAction {
                    id,
                    description,
                    intervention,
                    strength,
                    strength_reason: reason,
                    factors: linked_to(&addresses, id),
                    owner,
                    // Written by us as YYYY-MM-DD; anything else is dropped.
                    due: due.and_then(|due| NaiveDate::parse_from_str(&due, "%Y-%m-%d").ok()),
                    measure,
                    status,
                }
            },
        )
        .collect();
    Ok((findings, factors, actions))
}
