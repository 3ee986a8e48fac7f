//! The example investigation anyone can open read-only at
//! `/workspaces/example` and copy into their own: a fictional primary-care
//! learning response written for the hub (`example.json`), read through
//! the same parsers as the forms, so it obeys every rule a member's does.

use super::timeline::{in_order, parse_entry, Entry, EntryInput};
use super::types::{parse_details, DetailsInput, Workspace};

/// The address word of the example (`/workspaces/example`).
pub const EXAMPLE: &str = "example";

#[derive(serde::Deserialize)]
struct ExampleEntry {
    #[serde(flatten)]
    input: EntryInput,
    /// The entry's 1-based place in the file, for `same_as` links.
    #[serde(default)]
    same_as: Option<i64>,
}

#[derive(serde::Deserialize)]
struct ExampleFile {
    details: DetailsInput,
    entries: Vec<ExampleEntry>,
}

/// The example, its entries numbered from 1 in the file's order and
/// sorted into time order. Err: the file breaks a rule (a unit test keeps
/// it from shipping so).
pub fn example() -> Result<Workspace, String> {
    let file: ExampleFile = serde_json::from_str(include_str!("example.json"))
        .map_err(|error| format!("example.json: {error}"))?;
    let details =
        parse_details(&file.details).map_err(|errors| format!("example details: {errors:?}"))?;
    let ids: Vec<i64> = (1..=file.entries.len() as i64).collect();
    let mut entries = Vec::new();
    for (id, example) in ids.iter().zip(file.entries) {
        let mut input = example.input;
        input.same_as = example.same_as.map(|id| id.to_string()).unwrap_or_default();
        let others: Vec<i64> = ids.iter().copied().filter(|other| other != id).collect();
        let parsed = parse_entry(&input, &others)
            .map_err(|errors| format!("example entry {id}: {errors:?}"))?;
        entries.push(Entry { id: *id, ..parsed });
    }
    in_order(&mut entries);
    Ok(Workspace {
        id: 0,
        details,
        version: 0,
        updated: String::new(),
        entries,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::toolkits::timeline::{flags, Flag};

    #[test]
    fn the_example_obeys_every_rule_and_shows_each_flag() {
        let example = example().unwrap();
        assert_eq!(example.entries.len(), 10);
        assert!(example.details.title.contains("fictional"));
        let flagged = flags(&example.entries, 24 * 60);
        let all: Vec<&Flag> = flagged.iter().flatten().collect();
        assert!(all
            .iter()
            .any(|flag| matches!(flag, Flag::GapBefore { .. })));
        assert!(all
            .iter()
            .any(|flag| matches!(flag, Flag::TimeConflict { .. })));
        // Time order: the statement's 16:00 before the log's 16:10.
        let whats: Vec<&str> = example
            .entries
            .iter()
            .map(|entry| entry.what.as_str())
            .collect();
        let statement = whats
            .iter()
            .position(|what| what.starts_with("The secretary recalls"))
            .unwrap();
        let log = whats
            .iter()
            .position(|what| what.starts_with("The task is marked complete"))
            .unwrap();
        assert!(statement < log);
    }
}
