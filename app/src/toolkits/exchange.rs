//! A whole workspace as one JSON file, to keep, move to another hub or
//! share, and reading such a file back. Reading runs every part through
//! the same parsers as the forms, so an imported workspace obeys every
//! rule a typed one does, and a file is taken whole or not at all.
//!
//! The file (version 1), with its fields in this order:
//!
//! ```text
//! {
//!   "format": "investigation-resources-hub/workspace",
//!   "version": 1,
//!   "exported": "2026-03-14",            (the day it was written; may be left out)
//!   "details": {"title": "…", "response": "psii", "sector": "primary-care" or null,
//!               "scope": "…"},
//!   "timeline": [{"id": 1, "date": "2026-03-14", "time": "02:05",
//!                 "end_date": "2026-03-14" or null, "end_time": "03:30" or null,
//!                 "approximate": false, "what": "…", "who": "…", "place": "…",
//!                 "source": "clinical-record", "source_detail": "…", "note": "…",
//!                 "problem": "care-delivery" or null, "elements": ["people"],
//!                 "same_as": 4 or null}],
//!   "findings": [{"id": 1, "element": "tasks", "kind": "barrier", "text": "…",
//!                 "evidence": [1, 4], "other_evidence": "…",
//!                 "interacts_with": ["organisation"]}],
//!   "factors":  [{"id": 1, "text": "…", "elements": ["tasks"], "findings": [1]}],
//!   "actions":  [{"id": 1, "description": "…", "intervention": "forcing-function",
//!                 "strength": "stronger", "strength_reason": "", "factors": [1],
//!                 "owner": "…", "due": "2026-06-30" or null, "measure": "…",
//!                 "status": "agreed"}]
//! }
//! ```
//!
//! Fixed-list values are their slugs, as in the forms. Ids are the file's
//! own: any whole numbers above 0, each used once within its part, which
//! `same_as`, `evidence`, `findings` and `factors` refer to. Reading back,
//! a field left out is empty (or false, or none), as an empty form field
//! is, and the parsers then say what is missing; a field or part the hub
//! does not know is refused rather than dropped, so that nothing in a file
//! is lost without a word.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::actions::{parse_action, ActionInput, SafetyAction, MAX_ACTIONS};
use super::analysis::{
    parse_factor, parse_finding, Factor, FactorInput, Finding, FindingInput, FindingKind,
    MAX_FACTORS, MAX_FINDINGS,
};
use super::timeline::{in_order, parse_entry, Entry, EntryInput, Moment};
use super::types::{parse_details, Details, DetailsInput, SeipsElement, Workspace, MAX_ENTRIES};
use crate::forms::FieldErrors;

/// What a file says it is: anything else is not a workspace from the hub.
pub const FORMAT: &str = "investigation-resources-hub/workspace";
/// The version of the file's shape this hub writes and reads. Raise it
/// when a change would make an older hub misread a file.
pub const SCHEMA_VERSION: u32 = 1;
/// The largest file read, in bytes, checked before any parsing so that
/// the work done on an upload stays bounded. The example's file is about
/// 19 KB; one filled to every limit with the longest plain texts is about
/// 3.4 MB (a unit test holds it under this), so any workspace the hub
/// keeps in plain text can come back in. Text in scripts of three bytes a
/// character at every limit could pass it.
pub const MAX_IMPORT_BYTES: usize = 5_000_000;
/// The most problems listed for one file: past that, a count.
const MAX_PROBLEMS: usize = 20;

/// Why a file could not be imported.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ImportError {
    /// Not JSON at all, or cut short.
    NotJson,
    /// JSON, but not a workspace file from the hub (or of no version).
    NotOurs,
    /// Written by a hub reading a later version of the file than this one.
    Newer { version: u64 },
    /// Larger than `MAX_IMPORT_BYTES`.
    TooLarge,
    /// A workspace file that breaks the hub's rules: each problem names
    /// its part and place in the file ("Entry 3: Enter what happened").
    Invalid(Vec<String>),
}

impl ImportError {
    /// The error in plain words, for the top of the page.
    pub fn message(&self) -> String {
        match self {
            ImportError::NotJson => {
                "The file is damaged or not JSON: export the workspace from the hub again".into()
            }
            ImportError::NotOurs => "This file is not a workspace exported from the hub".into(),
            ImportError::Newer { version } => format!(
                "This file was made by a newer version of the hub (format version {version}); \
                 this hub reads version {SCHEMA_VERSION}. Update the hub or export it again from there"
            ),
            ImportError::TooLarge => format!(
                "This file is too large: a workspace file is at most {} MB",
                MAX_IMPORT_BYTES / 1_000_000
            ),
            ImportError::Invalid(problems) => match problems.as_slice() {
                [one] => format!("Nothing was imported, because of a problem in the file. {one}"),
                _ => format!(
                    "Nothing was imported, because of these problems in the file. {}",
                    problems.join(". ")
                ),
            },
        }
    }

    /// The problems of an `Invalid` file, each on its own, for a list
    /// under the message; empty for the other errors.
    pub fn problems(&self) -> &[String] {
        match self {
            ImportError::Invalid(problems) => problems,
            _ => &[],
        }
    }
}

impl std::fmt::Display for ImportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message())
    }
}

impl std::error::Error for ImportError {}

// The parts of the file as written and read. Every field may be left out
// (a form's empty field), and an unknown one is refused.

#[derive(Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct FileDetails {
    title: String,
    response: String,
    sector: Option<String>,
    scope: String,
}

#[derive(Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct FileEntry {
    id: Option<i64>,
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
struct FileFinding {
    id: Option<i64>,
    element: String,
    kind: String,
    text: String,
    evidence: Vec<i64>,
    other_evidence: String,
    interacts_with: Vec<String>,
}

#[derive(Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct FileFactor {
    id: Option<i64>,
    text: String,
    elements: Vec<String>,
    findings: Vec<i64>,
}

#[derive(Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct FileAction {
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
const PARTS: &[&str] = &[
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

/// The problems found in a file so far, each already named.
#[derive(Default)]
struct Problems(Vec<String>);

impl Problems {
    fn add(&mut self, problem: impl Into<String>) {
        self.0.push(problem.into());
    }

    /// Each of a parser's errors, after the item they belong to.
    fn add_all(&mut self, item: &str, errors: FieldErrors) {
        for (_, message) in errors {
            self.add(format!("{item}: {message}"));
        }
    }

    /// The problems, at most `MAX_PROBLEMS` of them and a count of the
    /// rest; None when there are none.
    fn finish(mut self) -> Option<Vec<String>> {
        if self.0.is_empty() {
            return None;
        }
        if self.0.len() > MAX_PROBLEMS {
            let more = self.0.len() - (MAX_PROBLEMS - 1);
            self.0.truncate(MAX_PROBLEMS - 1);
            self.0
                .push(format!("There are {more} more problems not listed here"));
        }
        Some(self.0)
    }
}

/// How one part of the file and its items are named in problems.
struct Part {
    key: &'static str,
    /// "The timeline", "The findings", to start a sentence.
    the: &'static str,
    /// "Entry", to name one item: "Entry 3".
    item: &'static str,
    /// "entries", for counts.
    items: &'static str,
    max: i64,
}

const TIMELINE: Part = Part {
    key: "timeline",
    the: "The timeline",
    item: "Entry",
    items: "entries",
    max: MAX_ENTRIES,
};
const FINDINGS: Part = Part {
    key: "findings",
    the: "The findings",
    item: "Finding",
    items: "findings",
    max: MAX_FINDINGS,
};
const FACTORS: Part = Part {
    key: "factors",
    the: "The contributory factors",
    item: "Factor",
    items: "factors",
    max: MAX_FACTORS,
};
const ACTIONS: Part = Part {
    key: "actions",
    the: "The safety actions",
    item: "Action",
    items: "actions",
    max: MAX_ACTIONS,
};

/// One item of a part: its name for problems ("Entry 3"), its id when it
/// has one that is its own, and its fields when they could be read.
struct Item<T> {
    name: String,
    id: Option<i64>,
    fields: Option<T>,
}

/// Serde's words for a wrong value, after "not in the shape the hub
/// writes": they name the field ("unknown field `colour`", "invalid type:
/// string \"3\", expected i64").
fn shape(name: &str, error: &serde_json::Error) -> String {
    format!("{name} is not in the shape the hub writes ({error})")
}

/// Reads a part's items: a list of at most `part.max` objects of the
/// part's fields. A part that is not a list or is too long is one problem
/// and read as empty: its items are not read, which keeps the work done on
/// a file bounded by the limits.
///
/// Each item's id is checked (above 0, each once in the part). An item
/// whose fields cannot be read is a problem, but its id, when it has a
/// usable one, still counts as taken: what refers to it is then not also
/// told it refers to nothing. An item with a bad id keeps None, so that
/// its other problems are still named but nothing can refer to it.
fn read_part<T: DeserializeOwned>(
    file: &mut Map<String, Value>,
    part: &Part,
    problems: &mut Problems,
) -> Vec<Item<T>> {
    let values = match file.remove(part.key) {
        None | Some(Value::Null) => return Vec::new(),
        Some(Value::Array(values)) => values,
        Some(_) => {
            problems.add(format!("{} must be a list of {}", part.the, part.items));
            return Vec::new();
        }
    };
    if values.len() as u64 > part.max.max(0) as u64 {
        problems.add(format!(
            "There are {} {} in the file: a workspace holds at most {}",
            values.len(),
            part.items,
            part.max
        ));
        return Vec::new();
    }
    let mut taken: Vec<(i64, String)> = Vec::new();
    let mut items = Vec::new();
    for (value, place) in values.into_iter().zip(1..) {
        let name = format!("{} {place}", part.item);
        if !value.is_object() {
            problems.add(format!(
                "{name} is not in the shape the hub writes: each is a set of named fields in braces"
            ));
            continue;
        }
        // Read apart from the fields, so that it counts even when they
        // cannot be read.
        let id = value.get("id").and_then(Value::as_i64);
        let fields = match serde_json::from_value::<T>(value) {
            Ok(fields) => Some(fields),
            Err(error) => {
                problems.add(shape(&name, &error));
                None
            }
        };
        let id = match id {
            Some(id) if id > 0 => match taken.iter().find(|(other, _)| *other == id) {
                Some((_, first)) => {
                    problems.add(format!(
                        "{name} has the same id ({id}) as {}: give each of the {} its own",
                        first.to_lowercase(),
                        part.items
                    ));
                    None
                }
                None => {
                    taken.push((id, name.clone()));
                    Some(id)
                }
            },
            Some(id) => {
                problems.add(format!(
                    "{name} has the id {id}: an id must be a whole number above 0"
                ));
                None
            }
            // Unreadable fields have been named already, the id among them.
            None if fields.is_none() => None,
            None => {
                problems.add(format!(
                    "{name} has no id: give it a whole number above 0 that no other {} has",
                    part.item.to_lowercase()
                ));
                None
            }
        };
        items.push(Item { name, id, fields });
    }
    items
}

/// The ids of the items that have their own.
fn ids<T>(items: &[Item<T>]) -> Vec<i64> {
    items.iter().filter_map(|item| item.id).collect()
}

fn numbers(ids: &[i64]) -> Vec<String> {
    ids.iter().map(i64::to_string).collect()
}

fn read_details(value: Option<Value>, problems: &mut Problems) -> Option<Details> {
    let fields = match value {
        None | Some(Value::Null) => {
            problems.add(
                "The file has no details: the investigation's title and kind of learning response",
            );
            return None;
        }
        Some(value) if !value.is_object() => {
            problems.add(
                "The details are not in the shape the hub writes: they are a set of named fields in braces",
            );
            return None;
        }
        Some(value) => match serde_json::from_value::<FileDetails>(value) {
            Ok(fields) => fields,
            Err(error) => {
                problems.add(shape("The details", &error));
                return None;
            }
        },
    };
    parse_details(&details_input(fields))
        .map_err(|errors| problems.add_all("Details", errors))
        .ok()
}

fn details_input(fields: FileDetails) -> DetailsInput {
    DetailsInput {
        title: fields.title,
        response: fields.response,
        sector: fields.sector.unwrap_or_default(),
        scope: fields.scope,
    }
}

fn entry_input(fields: &FileEntry) -> EntryInput {
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

fn finding_input(fields: &FileFinding) -> FindingInput {
    FindingInput {
        element: fields.element.clone(),
        kind: fields.kind.clone(),
        text: fields.text.clone(),
        evidence: numbers(&fields.evidence),
        other_evidence: fields.other_evidence.clone(),
        interacts_with: fields.interacts_with.clone(),
    }
}

fn factor_input(fields: &FileFactor) -> FactorInput {
    FactorInput {
        text: fields.text.clone(),
        elements: fields.elements.clone(),
        findings: numbers(&fields.findings),
    }
}

fn action_input(fields: &FileAction) -> ActionInput {
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

/// Runs each item that could be read through its form's parser, naming
/// the item in each of the parser's problems; the parsed items that have
/// their own id get it. None in place of each item that could not be
/// read, parsed or given its id (each of which is a problem named).
fn parse_all<T, P>(
    items: &[Item<T>],
    parse: impl Fn(&Item<T>, &T) -> Result<P, FieldErrors>,
    set_id: impl Fn(P, i64) -> P,
    problems: &mut Problems,
) -> Vec<Option<P>> {
    items
        .iter()
        .map(|item| {
            let fields = item.fields.as_ref()?;
            match parse(item, fields) {
                Ok(parsed) => item.id.map(|id| set_id(parsed, id)),
                Err(errors) => {
                    problems.add_all(&item.name, errors);
                    None
                }
            }
        })
        .collect()
}

/// Every text value in `value` without control characters. Keys keep
/// theirs: a key holding one is no field the hub knows, and is refused as
/// such rather than merged into one it does.
fn drop_controls(value: &mut Value) {
    use crate::controls::{is_unwanted_control, without_controls};
    match value {
        Value::String(text) => {
            if text.chars().any(is_unwanted_control) {
                *text = without_controls(text).into_owned();
            }
        }
        Value::Array(items) => items.iter_mut().for_each(drop_controls),
        Value::Object(fields) => fields.values_mut().for_each(drop_controls),
        Value::Null | Value::Bool(_) | Value::Number(_) => {}
    }
}

/// Reads a file written by `export` (or by hand in its shape) back into a
/// workspace, or says why it cannot. The checks run in the order of
/// `ImportError`'s variants: size (before any parsing), JSON, whose file,
/// which version, then every rule of every part, each problem named. The
/// workspace has id 0, version 0 and no time of change; its items keep
/// the file's ids (the caller numbers them afresh when it saves them), the
/// entries in time order and the findings by element, as the database
/// returns them.
pub fn import(text: &str) -> Result<Workspace, ImportError> {
    if text.len() > MAX_IMPORT_BYTES {
        return Err(ImportError::TooLarge);
    }
    // Some editors start a file they save with a byte-order mark.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut value: Value = serde_json::from_str(text).map_err(|_| ImportError::NotJson)?;
    // Control characters arrive as JSON escapes (`\u0000`) past any
    // cleaning of the upload's bytes: they go, as they go from a form.
    drop_controls(&mut value);
    let Value::Object(mut file) = value else {
        return Err(ImportError::NotOurs);
    };
    if file.get("format").and_then(Value::as_str) != Some(FORMAT) {
        return Err(ImportError::NotOurs);
    }
    match file.get("version").and_then(Value::as_u64) {
        None | Some(0) => return Err(ImportError::NotOurs),
        Some(version) if version > u64::from(SCHEMA_VERSION) => {
            return Err(ImportError::Newer { version })
        }
        Some(_) => {}
    }

    let mut problems = Problems::default();
    for key in file.keys() {
        if !PARTS.contains(&key.as_str()) {
            problems.add(format!(
                "The file has a part the hub does not know, “{key}”: the parts are {}",
                PARTS.join(", ")
            ));
        }
    }
    let details = read_details(file.remove("details"), &mut problems);
    let entries = read_part::<FileEntry>(&mut file, &TIMELINE, &mut problems);
    let findings = read_part::<FileFinding>(&mut file, &FINDINGS, &mut problems);
    let factors = read_part::<FileFactor>(&mut file, &FACTORS, &mut problems);
    let actions = read_part::<FileAction>(&mut file, &ACTIONS, &mut problems);

    let entry_ids = ids(&entries);
    let parsed_entries = parse_all(
        &entries,
        |item, fields| {
            // `same_as` may name any entry but this one.
            let others: Vec<i64> = entry_ids
                .iter()
                .copied()
                .filter(|&id| Some(id) != item.id)
                .collect();
            parse_entry(&entry_input(fields), &others)
        },
        |entry, id| Entry { id, ..entry },
        &mut problems,
    );
    let parsed_findings = parse_all(
        &findings,
        |_, fields| parse_finding(&finding_input(fields), &entry_ids),
        |finding, id| Finding { id, ..finding },
        &mut problems,
    );
    // A factor may draw on any finding with an id: one the parser refused
    // stands in with what can be read of it, so that the factor is not
    // also told the finding has gone.
    let known_findings: Vec<Finding> = findings
        .iter()
        .zip(&parsed_findings)
        .filter_map(|(item, parsed)| {
            let id = item.id?;
            let stand_in = || Finding {
                id,
                element: item
                    .fields
                    .as_ref()
                    .and_then(|fields| SeipsElement::from_slug(fields.element.trim()))
                    .unwrap_or(SeipsElement::People),
                kind: FindingKind::Barrier,
                text: String::new(),
                evidence: Vec::new(),
                other_evidence: String::new(),
                interacts_with: Vec::new(),
            };
            Some(parsed.clone().unwrap_or_else(stand_in))
        })
        .collect();
    let parsed_factors = parse_all(
        &factors,
        |_, fields| parse_factor(&factor_input(fields), &known_findings),
        |factor, id| Factor { id, ..factor },
        &mut problems,
    );
    let factor_ids = ids(&factors);
    let parsed_actions = parse_all(
        &actions,
        |_, fields| parse_action(&action_input(fields), &factor_ids),
        |action, id| SafetyAction { id, ..action },
        &mut problems,
    );

    if let Some(problems) = problems.finish() {
        return Err(ImportError::Invalid(problems));
    }
    // With no problem named, every item was read, parsed and given its id.
    let whole = (
        details,
        parsed_entries.into_iter().collect::<Option<Vec<Entry>>>(),
        parsed_findings
            .into_iter()
            .collect::<Option<Vec<Finding>>>(),
        parsed_factors.into_iter().collect::<Option<Vec<Factor>>>(),
        parsed_actions
            .into_iter()
            .collect::<Option<Vec<SafetyAction>>>(),
    );
    let (Some(details), Some(mut entries), Some(mut findings), Some(factors), Some(actions)) =
        whole
    else {
        return Err(ImportError::Invalid(vec![
            "The file could not be read whole".into(),
        ]));
    };
    in_order(&mut entries);
    findings.sort_by_key(|finding| (finding.element, finding.id));
    Ok(Workspace {
        id: 0,
        details,
        version: 0,
        updated: String::new(),
        entries,
        findings,
        factors,
        actions,
    })
}

mod timeline_only;
pub use timeline_only::read_timeline;

// The tests read the example, which only the server builds.
#[cfg(all(test, feature = "ssr"))]
mod tests;
