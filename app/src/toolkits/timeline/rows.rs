//! How entries are shown, the same in the server's pages and the
//! browser's: the chart's lanes (per person or place), a row of the table
//! in words, an entry's label in a form's list, and the summary line.

use super::{Entry, Flag, LaneBy};

const NOT_RECORDED: &str = "Not recorded";

/// The value an entry is laned by, and the key lanes are merged on (None
/// for "Not recorded", which someone may also have typed).
fn lane_key(entry: &Entry, by: LaneBy) -> (&str, Option<String>) {
    let value = match by {
        LaneBy::Who => entry.who.trim(),
        LaneBy::Place => entry.place.trim(),
    };
    let key = value.to_lowercase();
    if key.is_empty() || key == NOT_RECORDED.to_lowercase() {
        (NOT_RECORDED, None)
    } else {
        (value, Some(key))
    }
}

/// The lanes of a chart, in order of first appearance in `entries` (in
/// time order), merged case-insensitively; "Not recorded" comes last.
pub fn lanes(entries: &[Entry], by: LaneBy) -> Vec<String> {
    let mut seen: Vec<String> = Vec::new();
    let mut lanes = Vec::new();
    let mut unrecorded = false;
    for entry in entries {
        match lane_key(entry, by) {
            (_, None) => unrecorded = true,
            (value, Some(key)) => {
                if !seen.contains(&key) {
                    seen.push(key);
                    lanes.push(value.to_string());
                }
            }
        }
    }
    if unrecorded {
        lanes.push(NOT_RECORDED.to_string());
    }
    lanes
}

/// The lane of one entry (the same spelling `lanes` returns for it).
pub fn lane_of(entries: &[Entry], entry: &Entry, by: LaneBy) -> String {
    let (value, key) = lane_key(entry, by);
    if key.is_none() {
        return NOT_RECORDED.to_string();
    }
    entries
        .iter()
        .map(|other| lane_key(other, by))
        .find(|(_, other)| *other == key)
        .map_or(value, |(first, _)| first)
        .to_string()
}

/// An entry's row in the timeline's table, in words: the same for the
/// server's table and the browser's.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowText {
    pub when: String,
    pub who_where: String,
    /// The source, with its details.
    pub source: String,
    /// What the investigator marked: a problem, SEIPS elements, the entry
    /// it records the same event as.
    pub marks: Vec<String>,
    /// Each flag described.
    pub flags: Vec<String>,
}

/// The row of `entry`, one of `entries` (in time order), with its flags.
pub fn row_text(entries: &[Entry], entry: &Entry, flags: &[Flag]) -> RowText {
    let who_where = match (entry.who.is_empty(), entry.place.is_empty()) {
        (true, true) => "Not recorded".to_string(),
        (false, true) => entry.who.clone(),
        (true, false) => entry.place.clone(),
        (false, false) => format!("{}, {}", entry.who, entry.place),
    };
    let source = if entry.source_detail.is_empty() {
        entry.source.label().to_string()
    } else {
        format!("{}: {}", entry.source.label(), entry.source_detail)
    };
    let same_as = entry.same_as.and_then(|other| {
        let position = entries.iter().position(|candidate| candidate.id == other)?;
        Some(format!("Same event as entry {}", position + 1))
    });
    let marks = entry
        .problem
        .map(|problem| problem.label().to_string())
        .into_iter()
        .chain((!entry.elements.is_empty()).then(|| {
            let names: Vec<&str> = entry
                .elements
                .iter()
                .map(|element| element.label())
                .collect();
            format!("SEIPS: {}", names.join(", "))
        }))
        .chain(same_as)
        .collect();
    RowText {
        when: entry.when.shown(),
        who_where,
        source,
        marks,
        flags: flags.iter().map(|flag| flag.describe(entries)).collect(),
    }
}

/// How a form's list of entries names one: its number in time order, when
/// and the start of what happened.
pub fn entry_label(index: usize, entry: &Entry) -> String {
    let what: String = entry.what.chars().take(60).collect();
    let more = if entry.what.chars().count() > 60 {
        "…"
    } else {
        ""
    };
    format!("{}: {}, {what}{more}", index + 1, entry.when.shown())
}

/// "1 entry", "3 entries".
pub fn entries_count(entries: usize) -> String {
    match entries {
        1 => "1 entry".to_string(),
        n => format!("{n} entries"),
    }
}

/// The line above the timeline: how many entries, how many flagged, from
/// each entry's flags (`flags`); `changes`: the reader may add one.
pub fn summary(flags: &[Vec<Flag>], changes: bool) -> String {
    let entries = flags.len();
    let flagged = flags.iter().filter(|flags| !flags.is_empty()).count();
    let count = entries_count(entries);
    match (entries, flagged) {
        (0, _) if changes => "No entries yet: add the first below.".to_string(),
        (0, _) => "No entries yet.".to_string(),
        (_, 0) => format!("{count} in time order. Nothing flagged."),
        (_, 1) => {
            format!("{count} in time order. 1 entry is flagged: see the “Marks and flags” column.")
        }
        (_, f) => format!(
            "{count} in time order. {f} entries are flagged: see the “Marks and flags” column."
        ),
    }
}
