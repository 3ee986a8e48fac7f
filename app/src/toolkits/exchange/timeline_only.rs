//! A file holding only details and a timeline (the browser's own timeline
//! keeps one: `local`), read by a typed path: the same parsers as
//! `import`, without its general reading of any JSON (`serde_json::Value`)
//! and the other parts' parsers, which the browser's code need not carry.

use serde::de::IgnoredAny;
use serde::Deserialize;

use super::{
    details_input, entry_input, shape, FileDetails, FileEntry, ImportError, Problems, FORMAT,
    MAX_IMPORT_BYTES, SCHEMA_VERSION,
};
use crate::toolkits::timeline::{in_order, parse_entry, Entry};
use crate::toolkits::types::{parse_details, Workspace, MAX_ENTRIES};

/// What a file says it is (read first, alone, as `import` does).
#[derive(Deserialize)]
struct Head {
    format: Option<String>,
    version: Option<u64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TimelineFile {
    #[serde(rename = "format")]
    _format: IgnoredAny,
    #[serde(rename = "version")]
    _version: IgnoredAny,
    #[serde(default, rename = "exported")]
    _exported: Option<IgnoredAny>,
    details: FileDetails,
    #[serde(default)]
    timeline: Vec<FileEntry>,
    #[serde(default)]
    findings: Vec<IgnoredAny>,
    #[serde(default)]
    factors: Vec<IgnoredAny>,
    #[serde(default)]
    actions: Vec<IgnoredAny>,
}

/// Reads a workspace file that has no findings, factors or actions, by
/// every rule `import` applies to its details and timeline.
pub fn read_timeline(text: &str) -> Result<Workspace, ImportError> {
    if text.len() > MAX_IMPORT_BYTES {
        return Err(ImportError::TooLarge);
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let head: Head = serde_json::from_str(text).map_err(|_| ImportError::NotJson)?;
    if head.format.as_deref() != Some(FORMAT) {
        return Err(ImportError::NotOurs);
    }
    match head.version {
        None | Some(0) => return Err(ImportError::NotOurs),
        Some(version) if version > u64::from(SCHEMA_VERSION) => {
            return Err(ImportError::Newer { version })
        }
        Some(_) => {}
    }
    let file: TimelineFile = serde_json::from_str(text)
        .map_err(|error| ImportError::Invalid(vec![shape("The file", &error)]))?;

    let mut problems = Problems::default();
    if !(file.findings.is_empty() && file.factors.is_empty() && file.actions.is_empty()) {
        problems.add(
            "It has findings, factors or actions: only a timeline is kept in the browser. Import the file into your account instead",
        );
    }
    if file.timeline.len() > MAX_ENTRIES as usize {
        // Refused unread, so that the work stays bounded.
        return Err(ImportError::Invalid(vec![format!(
            "There are {} entries in the file: a timeline holds at most {MAX_ENTRIES}",
            file.timeline.len()
        )]));
    }
    let details = parse_details(&details_input(file.details))
        .map_err(|errors| problems.add_all("Details", errors))
        .ok();
    let ids: Vec<i64> = file.timeline.iter().filter_map(|entry| entry.id).collect();
    let mut entries: Vec<Entry> = Vec::new();
    for (place, fields) in file.timeline.iter().enumerate() {
        let name = format!("Entry {}", place + 1);
        let id = fields.id.unwrap_or(0);
        if id <= 0 || ids.iter().filter(|&&other| other == id).count() > 1 {
            problems.add(format!(
                "{name} needs an id of its own: a whole number above 0"
            ));
            continue;
        }
        let others: Vec<i64> = ids.iter().copied().filter(|&other| other != id).collect();
        match parse_entry(&entry_input(fields), &others) {
            Ok(entry) => entries.push(Entry { id, ..entry }),
            Err(errors) => problems.add_all(&name, errors),
        }
    }
    if let Some(problems) = problems.finish() {
        return Err(ImportError::Invalid(problems));
    }
    let Some(details) = details else {
        return Err(ImportError::Invalid(vec![
            "The details could not be read".into()
        ]));
    };
    in_order(&mut entries);
    Ok(Workspace::unsaved(details, entries))
}
