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

use serde_json::Value;

use super::actions::{parse_action, SafetyAction};
use super::analysis::{parse_factor, parse_finding, Factor, Finding, FindingKind};
use super::timeline::{in_order, parse_entry, Entry};
use super::types::{SeipsElement, Workspace};

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

mod file;
mod problems;
use file::{
    action_input, details_input, entry_input, factor_input, finding_input, FileAction, FileDetails,
    FileEntry, FileFactor, FileFinding, PARTS,
};
pub use file::{export, export_on};
use problems::{
    drop_controls, ids, parse_all, read_details, read_part, shape, Problems, ACTIONS, FACTORS,
    FINDINGS, TIMELINE,
};

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
