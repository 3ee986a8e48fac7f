//! The file's shape, both ways: the parts of a workspace as written
//! (`export`) and each part's fields as its form's input, which reading
//! a file back runs through the form's parser. Every field may be left
//! out (a form's empty field), and an unknown one is refused.

use serde::{Deserialize, Serialize};

use super::{FORMAT, SCHEMA_VERSION};
use crate::toolkits::actions::{ActionInput, SafetyAction};
use crate::toolkits::analysis::{Factor, FactorInput, Finding, FindingInput};
use crate::toolkits::timeline::{Entry, EntryInput, Moment};
use crate::toolkits::types::{Details, DetailsInput, Workspace};

#[derive(Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub(super) struct FileDetails {
    title: String,
    response: String,
    sector: Option<String>,
    scope: String,
}

#[derive(Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub(super) struct FileEntry {
    pub(super) id: Option<i64>,
    date: String,
    time: String,
    end_date: Option<String>,
    end_time: Option<String>,
    approximate: bool,
    what: String,
    who: String,
    place: String,
    source: String,
    source_detail: String,
    note: String,
    problem: Option<String>,
    elements: Vec<String>,
    same_as: Option<i64>,
}

#[derive(Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub(super) struct FileFinding {
    id: Option<i64>,
    pub(super) element: String,
    kind: String,
    text: String,
    evidence: Vec<i64>,
    other_evidence: String,
    interacts_with: Vec<String>,
}

#[derive(Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub(super) struct FileFactor {
    id: Option<i64>,
    text: String,
    elements: Vec<String>,
    findings: Vec<i64>,
}

#[derive(Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub(super) struct FileAction {
    id: Option<i64>,
    description: String,
    intervention: String,
    strength: String,
    strength_reason: String,
    factors: Vec<i64>,
    owner: String,
    due: Option<String>,
    measure: String,
    status: String,
}

#[derive(Serialize)]
struct File<'a> {
    format: &'a str,
    version: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    exported: Option<String>,
    details: FileDetails,
    timeline: Vec<FileEntry>,
    findings: Vec<FileFinding>,
    factors: Vec<FileFactor>,
    actions: Vec<FileAction>,
}

/// The top-level fields a file may have.
pub(super) const PARTS: &[&str] = &[
    "format", "version", "exported", "details", "timeline", "findings", "factors", "actions",
];

fn slugs<T: crate::vocabulary::Vocabulary>(values: &[T]) -> Vec<String> {
    values
        .iter()
        .map(|value| value.slug().to_string())
        .collect()
}

fn file_details(details: &Details) -> FileDetails {
    FileDetails {
        title: details.title.clone(),
        response: details.response.slug().into(),
        sector: details.sector.map(|sector| sector.slug().into()),
        scope: details.scope.clone(),
    }
}

fn file_entry(entry: &Entry) -> FileEntry {
    let end = entry.when.end;
    FileEntry {
        id: Some(entry.id),
        date: entry.when.start.date_field(),
        time: entry.when.start.time_field(),
        end_date: end.map(Moment::date_field),
        end_time: end.map(Moment::time_field),
        approximate: entry.when.approximate,
        what: entry.what.clone(),
        who: entry.who.clone(),
        place: entry.place.clone(),
        source: entry.source.slug().into(),
        source_detail: entry.source_detail.clone(),
        note: entry.note.clone(),
        problem: entry.problem.map(|problem| problem.slug().into()),
        elements: slugs(&entry.elements),
        same_as: entry.same_as,
    }
}

fn file_finding(finding: &Finding) -> FileFinding {
    FileFinding {
        id: Some(finding.id),
        element: finding.element.slug().into(),
        kind: finding.kind.slug().into(),
        text: finding.text.clone(),
        evidence: finding.evidence.clone(),
        other_evidence: finding.other_evidence.clone(),
        interacts_with: slugs(&finding.interacts_with),
    }
}

fn file_factor(factor: &Factor) -> FileFactor {
    FileFactor {
        id: Some(factor.id),
        text: factor.text.clone(),
        elements: slugs(&factor.elements),
        findings: factor.findings.clone(),
    }
}

fn file_action(action: &SafetyAction) -> FileAction {
    FileAction {
        id: Some(action.id),
        description: action.description.clone(),
        intervention: action.intervention.slug().into(),
        strength: action.strength.slug().into(),
        strength_reason: action.strength_reason.clone(),
        factors: action.factors.clone(),
        owner: action.owner.clone(),
        due: action.due.map(crate::dates::iso_date),
        measure: action.measure.clone(),
        status: action.status.slug().into(),
    }
}

fn write(workspace: &Workspace, exported: Option<chrono::NaiveDate>) -> String {
    let file = File {
        format: FORMAT,
        version: SCHEMA_VERSION,
        exported: exported.map(crate::dates::iso_date),
        details: file_details(&workspace.details),
        timeline: workspace.entries.iter().map(file_entry).collect(),
        findings: workspace.findings.iter().map(file_finding).collect(),
        factors: workspace.factors.iter().map(file_factor).collect(),
        actions: workspace.actions.iter().map(file_action).collect(),
    };
    let mut text = serde_json::to_string_pretty(&file)
        .expect("strings, numbers and lists always serialise to JSON");
    text.push('\n');
    text
}

/// The workspace as a file (pretty JSON, ending with a newline), without
/// the day it was exported: the same workspace always gives the same file.
/// The workspace's own id, version and time of change are not written;
/// its items keep their ids.
pub fn export(workspace: &Workspace) -> String {
    write(workspace, None)
}

/// As `export`, saying which day it was exported (the caller's today, in
/// the UK), which a reader of the file may want to know.
pub fn export_on(workspace: &Workspace, exported: chrono::NaiveDate) -> String {
    write(workspace, Some(exported))
}

fn numbers(ids: &[i64]) -> Vec<String> {
    ids.iter().map(i64::to_string).collect()
}

pub(super) fn details_input(fields: FileDetails) -> DetailsInput {
    DetailsInput {
        title: fields.title,
        response: fields.response,
        sector: fields.sector.unwrap_or_default(),
        scope: fields.scope,
    }
}

pub(super) fn entry_input(fields: &FileEntry) -> EntryInput {
    EntryInput {
        date: fields.date.clone(),
        time: fields.time.clone(),
        end_date: fields.end_date.clone().unwrap_or_default(),
        end_time: fields.end_time.clone().unwrap_or_default(),
        approximate: if fields.approximate { "yes" } else { "" }.into(),
        what: fields.what.clone(),
        who: fields.who.clone(),
        place: fields.place.clone(),
        source: fields.source.clone(),
        source_detail: fields.source_detail.clone(),
        note: fields.note.clone(),
        problem: fields.problem.clone().unwrap_or_default(),
        elements: fields.elements.clone(),
        same_as: fields.same_as.map(|id| id.to_string()).unwrap_or_default(),
    }
}

pub(super) fn finding_input(fields: &FileFinding) -> FindingInput {
    FindingInput {
        element: fields.element.clone(),
        kind: fields.kind.clone(),
        text: fields.text.clone(),
        evidence: numbers(&fields.evidence),
        other_evidence: fields.other_evidence.clone(),
        interacts_with: fields.interacts_with.clone(),
    }
}

pub(super) fn factor_input(fields: &FileFactor) -> FactorInput {
    FactorInput {
        text: fields.text.clone(),
        elements: fields.elements.clone(),
        findings: numbers(&fields.findings),
    }
}

pub(super) fn action_input(fields: &FileAction) -> ActionInput {
    ActionInput {
        description: fields.description.clone(),
        intervention: fields.intervention.clone(),
        strength: fields.strength.clone(),
        strength_reason: fields.strength_reason.clone(),
        factors: numbers(&fields.factors),
        owner: fields.owner.clone(),
        due: fields.due.clone().unwrap_or_default(),
        measure: fields.measure.clone(),
        status: fields.status.clone(),
    }
}
