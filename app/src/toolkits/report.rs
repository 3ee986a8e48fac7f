//! The learning-response report draft: the workspace's details, its
//! chronology, the SEIPS scan's findings, the contributory factors, the
//! safety actions and the points still to check, assembled once as plain
//! text in sections (`assemble`) and then written out: as Markdown by
//! `markdown` (the submodule), and as HTML by the server from the same
//! `Report`, so the two never say different things.
//!
//! Everything in a `Report` is plain text, the investigator's and the
//! hub's alike: each writer escapes all of it for its own format, so a
//! "<script>" or a "# heading" typed into a finding is shown as typed.

use super::actions::{describe, suggested_strength, warnings, SafetyAction};
use super::analysis::{interactions, Factor, Finding};
use super::timeline::{flags, Entry, DEFAULT_GAP_MINUTES};
use super::types::{SeipsElement, Workspace};

/// A report: its title and its sections, in order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Report {
    pub title: String,
    pub sections: Vec<Section>,
}

/// One section of a report, under its heading.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Section {
    pub heading: String,
    pub blocks: Vec<Block>,
}

/// A piece of a section. All text is plain; a paragraph's text or a list
/// item may hold line breaks, which a writer keeps (a table cell's become
/// spaces).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Block {
    Paragraph(String),
    /// A bulleted list. Items that are numbered carry their number in
    /// their text ("3. Barrier: …"), since it is the number the workspace's
    /// own pages use, which need not start at 1.
    List(Vec<String>),
    /// Every row has as many cells as the header.
    Table {
        caption: String,
        header: Vec<String>,
        rows: Vec<Vec<String>>,
    },
    /// A heading within the section.
    Subheading(String),
}

const NOT_GIVEN: &str = "Not given";
/// The columns of a table of safety actions, in the report and on the
/// plan's page alike.
pub(crate) const ACTION_COLUMNS: [&str; 9] = [
    "No.",
    "Action",
    "Kind of change",
    "Strength",
    "Factors",
    "Owner",
    "Due",
    "Measure",
    "Status",
];
const NOT_RECORDED: &str = "Not recorded";

/// The report of a workspace. Entries, findings, factors and actions are
/// numbered by their place in the workspace's lists (from 1), as the
/// workspace's pages number them: the entries in time order, the findings
/// by element.
pub fn assemble(workspace: &Workspace) -> Report {
    Report {
        title: workspace.details.title.clone(),
        sections: vec![
            about(workspace),
            chronology(&workspace.entries),
            scan(&workspace.entries, &workspace.findings),
            factors(&workspace.findings, &workspace.factors),
            actions(&workspace.factors, &workspace.actions),
            points_to_check(&workspace.factors, &workspace.actions),
        ],
    }
}

fn section(heading: &str, blocks: Vec<Block>) -> Section {
    Section {
        heading: heading.to_string(),
        blocks,
    }
}

fn paragraph(text: impl Into<String>) -> Block {
    Block::Paragraph(text.into())
}

fn or_else(text: &str, empty: &str) -> String {
    if text.trim().is_empty() {
        empty.to_string()
    } else {
        text.to_string()
    }
}

/// The numbers (place from 1) of the items with these ids, smallest
/// first (ids do not run in the pages' order: findings go by element); an
/// id no longer in the list is left out rather than shown as a number that
/// points nowhere. The pages number links the same way.
pub(crate) fn numbers<T>(ids: &[i64], items: &[T], id: impl Fn(&T) -> i64) -> Vec<usize> {
    let mut numbers: Vec<usize> = ids
        .iter()
        .filter_map(|&wanted| items.iter().position(|item| id(item) == wanted))
        .map(|index| index + 1)
        .collect();
    numbers.sort_unstable();
    numbers
}

/// "entry 3" or "entries 3, 5"; None for no numbers.
fn counted(numbers: &[usize], one: &str, many: &str) -> Option<String> {
    let list: Vec<String> = numbers.iter().map(usize::to_string).collect();
    match list.len() {
        0 => None,
        1 => Some(format!("{one} {}", list[0])),
        _ => Some(format!("{many} {}", list.join(", "))),
    }
}

fn labels(elements: &[SeipsElement]) -> String {
    let names: Vec<&str> = elements.iter().map(|element| element.label()).collect();
    names.join(", ")
}

fn about(workspace: &Workspace) -> Section {
    let details = &workspace.details;
    let sector = details.sector.map_or(NOT_GIVEN, |sector| sector.label());
    let scope = or_else(&details.scope, "Not given yet");
    section(
        "About this learning response",
        vec![
            // First, so that it is read before the draft is passed on.
            paragraph(
                "This is a draft written from the Investigation Resources Hub. It describes \
                 how the work system shaped what happened, not who is to blame. Before \
                 sharing it, check that it contains no patient-identifiable information: \
                 no names, dates of birth, NHS numbers or addresses.",
            ),
            paragraph(format!("Learning response: {}", details.response.label())),
            paragraph(format!("Sector: {sector}")),
            paragraph(format!("Scope: {scope}")),
        ],
    )
}

fn chronology(entries: &[Entry]) -> Section {
    if entries.is_empty() {
        return section("Chronology", vec![paragraph("No timeline entries yet.")]);
    }
    let flagged = flags(entries, DEFAULT_GAP_MINUTES);
    let rows = entries
        .iter()
        .zip(&flagged)
        .enumerate()
        .map(|(index, (entry, flags))| {
            let source = if entry.source_detail.trim().is_empty() {
                entry.source.label().to_string()
            } else {
                format!("{}: {}", entry.source.label(), entry.source_detail)
            };
            let same_as = entry
                .same_as
                .and_then(|id| entries.iter().position(|other| other.id == id))
                .map(|at| format!("Same as entry {}", at + 1));
            let marks: Vec<String> = entry
                .problem
                .map(|problem| problem.label().to_string())
                .into_iter()
                .chain(
                    (!entry.elements.is_empty())
                        .then(|| format!("SEIPS: {}", labels(&entry.elements))),
                )
                .chain(same_as)
                .chain(
                    flags
                        .iter()
                        .map(|flag| format!("Flag: {}", flag.describe(entries))),
                )
                .collect();
            vec![
                (index + 1).to_string(),
                entry.when.shown(),
                entry.what.clone(),
                or_else(&entry.who, NOT_RECORDED),
                or_else(&entry.place, NOT_RECORDED),
                source,
                entry.note.clone(),
                marks.join("; "),
            ]
        })
        .collect();
    let header = [
        "No.",
        "When",
        "What happened",
        "Who",
        "Where",
        "Source",
        "Analysis note",
        "Marks and flags",
    ];
    section(
        "Chronology",
        vec![Block::Table {
            caption: "Timeline entries in time order".into(),
            header: header.iter().map(|cell| cell.to_string()).collect(),
            rows,
        }],
    )
}

/// "evidence: entries 3, 5; the referral policy", from the timeline
/// entries it cites (by their number) and any other evidence.
fn evidence(finding: &Finding, entries: &[Entry]) -> String {
    let cited = numbers(&finding.evidence, entries, |entry| entry.id);
    let parts: Vec<String> = counted(&cited, "entry", "entries")
        .into_iter()
        .chain((!finding.other_evidence.trim().is_empty()).then(|| finding.other_evidence.clone()))
        .collect();
    if parts.is_empty() {
        "no evidence cited".to_string()
    } else {
        format!("evidence: {}", parts.join("; "))
    }
}

fn scan(entries: &[Entry], findings: &[Finding]) -> Section {
    const HEADING: &str = "Findings by work-system element";
    if findings.is_empty() {
        return section(HEADING, vec![paragraph("No findings yet.")]);
    }
    let mut blocks = Vec::new();
    let mut unexamined = Vec::new();
    for &element in SeipsElement::ALL {
        let items: Vec<String> = findings
            .iter()
            .enumerate()
            .filter(|(_, finding)| finding.element == element)
            .map(|(index, finding)| {
                format!(
                    "{}. {}: {} ({})",
                    index + 1,
                    finding.kind.label(),
                    finding.text,
                    evidence(finding, entries)
                )
            })
            .collect();
        if items.is_empty() {
            unexamined.push(element);
        } else {
            blocks.push(Block::Subheading(element.label().to_string()));
            blocks.push(Block::List(items));
        }
    }
    // An element with nothing found is worth seeing: was it looked at?
    if !unexamined.is_empty() {
        blocks.push(paragraph(format!(
            "No findings yet for: {}.",
            labels(&unexamined)
        )));
    }
    blocks.push(Block::Subheading("Interactions between elements".into()));
    let found = interactions(findings);
    if found.is_empty() {
        blocks.push(paragraph("No finding shows two elements interacting yet."));
    } else {
        let items = found
            .iter()
            .map(|interaction| {
                let (one, other) = interaction.between;
                let shown = numbers(&interaction.findings, findings, |finding| finding.id);
                let by = counted(&shown, "finding", "findings").unwrap_or_default();
                format!("{} and {}: {by}", one.label(), other.label())
            })
            .collect();
        blocks.push(Block::List(items));
    }
    section(HEADING, blocks)
}

fn factors(findings: &[Finding], factors: &[Factor]) -> Section {
    const HEADING: &str = "Contributory factors";
    if factors.is_empty() {
        return section(HEADING, vec![paragraph("No contributory factors yet.")]);
    }
    let items = factors
        .iter()
        .enumerate()
        .map(|(index, factor)| {
            let drawn = numbers(&factor.findings, findings, |finding| finding.id);
            let about: Vec<String> = (!factor.elements.is_empty())
                .then(|| format!("elements: {}", labels(&factor.elements)))
                .into_iter()
                .chain(counted(&drawn, "from finding", "from findings"))
                .collect();
            if about.is_empty() {
                format!("{}. {}", index + 1, factor.text)
            } else {
                format!("{}. {} ({})", index + 1, factor.text, about.join("; "))
            }
        })
        .collect();
    section(HEADING, vec![Block::List(items)])
}

/// "Stronger (as suggested)", or "Weaker (suggested: stronger; the
/// reason)" when the investigator chose otherwise.
fn strength(action: &SafetyAction) -> String {
    let chosen = action.strength.label();
    if action.suggested() {
        return format!("{chosen} (as suggested)");
    }
    let suggested = suggested_strength(action.intervention)
        .label()
        .to_lowercase();
    match action.strength_reason.trim() {
        "" => format!("{chosen} (suggested: {suggested})"),
        _ => format!(
            "{chosen} (suggested: {suggested}; {})",
            action.strength_reason
        ),
    }
}

fn actions(factors: &[Factor], actions: &[SafetyAction]) -> Section {
    const HEADING: &str = "Safety actions";
    if actions.is_empty() {
        return section(HEADING, vec![paragraph("No safety actions yet.")]);
    }
    let rows = actions
        .iter()
        .enumerate()
        .map(|(index, action)| {
            let addressed = numbers(&action.factors, factors, |factor| factor.id);
            let addressed: Vec<String> = addressed.iter().map(usize::to_string).collect();
            vec![
                (index + 1).to_string(),
                action.description.clone(),
                action.intervention.label().to_string(),
                strength(action),
                or_else(&addressed.join(", "), "None"),
                or_else(&action.owner, NOT_GIVEN),
                action.due.map_or(NOT_GIVEN.to_string(), |due| {
                    due.format("%-d %b %Y").to_string()
                }),
                or_else(&action.measure, NOT_GIVEN),
                action.status.label().to_string(),
            ]
        })
        .collect();
    section(
        HEADING,
        vec![Block::Table {
            caption: "Safety actions and the factors they address".into(),
            header: ACTION_COLUMNS.iter().map(|cell| cell.to_string()).collect(),
            rows,
        }],
    )
}

fn points_to_check(factors: &[Factor], actions: &[SafetyAction]) -> Section {
    let found = warnings(factors, actions);
    let block = if found.is_empty() {
        paragraph("None.")
    } else {
        Block::List(
            found
                .iter()
                .map(|warning| describe(warning, factors, actions))
                .collect(),
        )
    };
    section("Points to check", vec![block])
}

mod markdown;
pub use markdown::markdown;

// The tests read the example and a Markdown reader, which only the
// server builds.
#[cfg(all(test, feature = "ssr"))]
mod tests;
