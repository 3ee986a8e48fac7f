//! The learning-response report draft: the workspace's details, its
//! chronology, the SEIPS scan's findings, the contributory factors, the
//! safety actions and the points still to check, assembled once as plain
//! text in sections (`assemble`) and then written out: as Markdown here
//! (`markdown`), and as HTML by the server from the same `Report`, so the
//! two never say different things.
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

/// The report as Markdown (CommonMark with GitHub's tables), ending with a
/// newline. Every text is escaped so that it renders as typed: no text can
/// make a heading, a list, a link, emphasis, code or HTML, and the output
/// holds no raw HTML at all. (Viewers that turn bare addresses into links,
/// as GitHub's does, still will: the address is the investigator's own.)
pub fn markdown(report: &Report) -> String {
    let mut out = format!("# {}\n", inline(&report.title));
    for section in &report.sections {
        out.push_str(&format!("\n## {}\n", inline(&section.heading)));
        for block in &section.blocks {
            let written = match block {
                Block::Paragraph(text) => paragraphs(text),
                Block::List(items) => list(items),
                Block::Table {
                    caption,
                    header,
                    rows,
                } => table(caption, header, rows),
                Block::Subheading(text) => format!("### {}\n", inline(text)),
            };
            // An empty paragraph would leave two blank lines: nothing to say.
            if !written.is_empty() {
                out.push('\n');
                out.push_str(&written);
            }
        }
    }
    out
}

/// Characters Markdown may read as syntax wherever they are in a line:
/// escapes, code, emphasis, links, HTML and autolinks, headings, table
/// cells, strikethrough, and entities ("&lt;" would show as "<").
const SIGNIFICANT: &[char] = &['\\', '`', '*', '_', '[', ']', '<', '>', '#', '|', '~', '&'];

/// Line breaks as "\n", tabs as spaces, and no other control characters:
/// they are invisible, and a Markdown reader may turn them into
/// replacement characters or choke on them.
fn clean(text: &str) -> String {
    text.replace("\r\n", "\n")
        .chars()
        .filter_map(|c| match c {
            '\r' => Some('\n'),
            '\t' => Some(' '),
            c if c.is_control() && c != '\n' => None,
            c => Some(c),
        })
        .collect()
}

/// One line of text, escaped. Written at the start of a Markdown line (or
/// of a list item's content), so a leading "-", "+" or "=" (a list item or
/// a heading's underline) and a leading "12." or "12)" (a numbered list)
/// are escaped as well. The line is trimmed: leading spaces would make a
/// code block, and two trailing ones a line break.
fn escape_line(line: &str) -> String {
    let line = line.trim();
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    let marker = match line.chars().next() {
        Some('-' | '+' | '=') => Some(0),
        // Digits are ASCII, so their count is also the byte index.
        // Only a marker when a space or the line's end follows ("3.5 mg"
        // is no list).
        Some(_)
            if digits > 0
                && matches!(line[digits..].chars().next(), Some('.' | ')'))
                && matches!(line[digits + 1..].chars().next(), None | Some(' ')) =>
        {
            Some(digits)
        }
        _ => None,
    };
    let mut out = String::with_capacity(line.len() + 8);
    for (at, c) in line.char_indices() {
        if Some(at) == marker || SIGNIFICANT.contains(&c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A text on one line (a heading or a table cell): every run of spaces and
/// line breaks becomes one space.
fn inline(text: &str) -> String {
    let cleaned = clean(text);
    let words: Vec<&str> = cleaned.split_whitespace().collect();
    escape_line(&words.join(" "))
}

/// The lines of a text that are not blank, escaped.
fn lines(text: &str) -> Vec<String> {
    clean(text)
        .lines()
        .filter(|line| !line.trim().is_empty())
        .map(escape_line)
        .collect()
}

/// A paragraph's text: a blank line starts a new paragraph, and other line
/// breaks are kept as Markdown's hard breaks (a backslash at the line's
/// end), not as HTML.
fn paragraphs(text: &str) -> String {
    // A line of spaces is also a blank line.
    let mut groups: Vec<Vec<String>> = vec![Vec::new()];
    for line in clean(text).lines() {
        if line.trim().is_empty() {
            groups.push(Vec::new());
        } else if let Some(group) = groups.last_mut() {
            group.push(escape_line(line));
        }
    }
    let written: Vec<String> = groups
        .iter()
        .filter(|group| !group.is_empty())
        .map(|group| group.join("\\\n") + "\n")
        .collect();
    written.join("\n")
}

/// A bulleted list; an item's later lines are indented to stay inside it.
fn list(items: &[String]) -> String {
    items
        .iter()
        .map(|item| format!("- {}\n", lines(item).join("\\\n  ")))
        .collect()
}

fn row(cells: &[String], width: usize) -> String {
    let mut cells: Vec<String> = cells.iter().map(|cell| inline(cell)).collect();
    cells.resize(width, String::new());
    format!("| {} |\n", cells.join(" | "))
}

/// A GitHub table under its caption (Markdown has no captions: it is a
/// paragraph of its own, in bold).
fn table(caption: &str, header: &[String], rows: &[Vec<String>]) -> String {
    let width = header
        .len()
        .max(rows.iter().map(Vec::len).max().unwrap_or(0));
    let mut out = format!("**{}**\n\n", inline(caption));
    out.push_str(&row(header, width));
    out.push_str(&format!("|{}\n", " --- |".repeat(width)));
    for cells in rows {
        out.push_str(&row(cells, width));
    }
    out
}

// The tests read the example and a Markdown reader, which only the
// server builds.
#[cfg(all(test, feature = "ssr"))]
mod tests;
