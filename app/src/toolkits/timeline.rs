//! The timeline's rules, the same for the no-JavaScript forms (on the
//! server) and the tools in the browser: reading an entry's form, the
//! order of entries (a window sorts by its start), lanes per person or
//! place, and the flags an investigator must see: gaps longer than they
//! chose, and sources that disagree about when, or in what order, things
//! happened (shown, never resolved silently).

use serde::{Deserialize, Serialize};

use super::reading::{all_digits, read_date, read_time, Reader};
use super::types::{Problem, SeipsElement, Source};
use crate::forms::FieldErrors;

pub const MAX_WHAT_CHARS: usize = 1_000;
pub const MAX_WHO_CHARS: usize = 100;
pub const MAX_PLACE_CHARS: usize = 100;
pub const MAX_SOURCE_DETAIL_CHARS: usize = 200;
pub const MAX_NOTE_CHARS: usize = 2_000;
/// The gap flagged when the investigator has not chosen one, in minutes.
pub const DEFAULT_GAP_MINUTES: i64 = 60;

/// A moment to the minute, as the form and the database hold it:
/// `YYYY-MM-DDTHH:MM` (sorts as text in time order).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Moment(pub chrono::NaiveDateTime);

/// When an entry happened: a moment, or a window from its start to its
/// end; either may be approximate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct When {
    pub start: Moment,
    pub end: Option<Moment>,
    pub approximate: bool,
}

/// One timeline entry. Facts (what, who, where, source) and the analyst's
/// note stay apart.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    pub id: i64,
    pub when: When,
    pub what: String,
    /// A role, never a name.
    pub who: String,
    pub place: String,
    pub source: Source,
    /// Which record, log or account, and any known clock offset.
    pub source_detail: String,
    /// Work as imagined against work as done, and why it made sense then.
    pub note: String,
    pub problem: Option<Problem>,
    pub elements: Vec<SeipsElement>,
    /// Another entry recording the same event from another source.
    pub same_as: Option<i64>,
}

/// An entry as the form sends it (every field as typed).
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct EntryInput {
    pub date: String,
    pub time: String,
    pub end_date: String,
    pub end_time: String,
    pub approximate: String,
    pub what: String,
    pub who: String,
    pub place: String,
    pub source: String,
    pub source_detail: String,
    pub note: String,
    pub problem: String,
    pub elements: Vec<String>,
    pub same_as: String,
}

/// What lanes the chart is drawn in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum LaneBy {
    #[default]
    Who,
    Place,
}

impl LaneBy {
    pub const ALL: [LaneBy; 2] = [LaneBy::Who, LaneBy::Place];

    /// Its value in the view form's `lanes` field and the address's query.
    pub fn slug(self) -> &'static str {
        match self {
            LaneBy::Who => "who",
            LaneBy::Place => "place",
        }
    }

    /// Its name in the view form.
    pub fn label(self) -> &'static str {
        match self {
            LaneBy::Who => "Who",
            LaneBy::Place => "Where",
        }
    }
}

/// How the timeline is shown, as its form (`gap`, `lanes`) sends it: the
/// gap length flagged (`gap_minutes`) and the chart's lanes (by
/// [`LaneBy::slug`]; who for anything else). Read from the address's query on the
/// server, from the form's two fields in the browser.
#[derive(Clone, Debug, Default)]
pub struct ViewInput {
    pub gap: String,
    pub lanes: String,
}

impl ViewInput {
    pub fn gap_minutes(&self) -> i64 {
        gap_minutes(&self.gap)
    }

    pub fn lanes(&self) -> LaneBy {
        LaneBy::ALL
            .into_iter()
            .find(|by| by.slug() == self.lanes)
            .unwrap_or_default()
    }
}

impl Moment {
    /// Parses date "YYYY-MM-DD" and time "HH:MM" (24-hour).
    pub fn parse(date: &str, time: &str) -> Option<Moment> {
        let date = read_date(date).ok()?;
        let time = read_time(time).ok()?;
        Some(Moment(date.and_time(time)))
    }

    /// "2026-03-14T02:05" — the stored form.
    pub fn stored(self) -> String {
        format!("{}T{}", self.date_field(), self.time_field())
    }

    /// Reads the stored form back (None if it is not one).
    pub fn from_stored(text: &str) -> Option<Moment> {
        // Strictly the stored form, which sorts as text in time order.
        if text.len() != 16 || text.contains(char::is_whitespace) {
            return None;
        }
        let (date, time) = text.split_once('T')?;
        Moment::parse(date, time).filter(|_| time.len() == 5)
    }

    /// "2026-03-14", for putting back in the form's date field.
    pub fn date_field(self) -> String {
        crate::dates::iso_date(self.0.date())
    }

    /// "02:05", for putting back in the form's time field.
    pub fn time_field(self) -> String {
        use chrono::Timelike;
        format!("{:02}:{:02}", self.0.hour(), self.0.minute())
    }

    /// For people: "14 Mar 2026, 02:05".
    pub fn shown(self) -> String {
        // By hand, not chrono's `format`: the browser's tools would carry
        // its formatting machinery.
        format!(
            "{}, {}",
            crate::dates::short_date(self.0.date()),
            self.time_field()
        )
    }

    /// Whole minutes from self to later (negative if later is earlier).
    pub fn minutes_until(self, later: Moment) -> i64 {
        (later.0 - self.0).num_minutes()
    }
}

impl When {
    /// The end, or the start for a moment.
    pub fn last(&self) -> Moment {
        self.end.unwrap_or(self.start)
    }

    /// For people: "14 Mar 2026, 02:00 to 03:30", " (approximate)" added
    /// when approximate.
    pub fn shown(&self) -> String {
        let mut text = self.start.shown();
        if let Some(end) = self.end {
            text.push_str(" to ");
            if end.0.date() == self.start.0.date() {
                text.push_str(&end.time_field());
            } else {
                text.push_str(&end.shown());
            }
        }
        if self.approximate {
            text.push_str(" (approximate)");
        }
        text
    }

    /// Whether two times meet: their spans [start, last] overlap or touch.
    pub fn meets(&self, other: &When) -> bool {
        self.start <= other.last() && other.start <= self.last()
    }
}

/// Parses the entry form; `existing` are the ids of the timeline's other
/// entries, which `same_as` must be one of.
pub fn parse_entry(input: &EntryInput, existing: &[i64]) -> Result<Entry, FieldErrors> {
    let mut form = Reader::new();
    let date = form.date(
        "date",
        &input.date,
        "Enter the date, for example 2026-03-14",
    );
    let time = form.time(
        "time",
        &input.time,
        "Enter the time as hours and minutes, for example 14:05",
    );
    let start = date.zip(time).map(|(d, t)| Moment(d.and_time(t)));

    let (end_date_text, end_time_text) = (input.end_date.trim(), input.end_time.trim());
    // An empty end date is the start's: most windows close the same day.
    let end_date = match end_date_text {
        "" => date,
        text => form.date(
            "end_date",
            text,
            "Enter the date the window ends, for example 2026-03-14",
        ),
    };
    let end_time = match (end_time_text, end_date_text) {
        ("", "") => None,
        ("", _) => form.fail(
            "end_time",
            "Enter the time the window ends, or leave both end fields empty",
        ),
        (text, _) => form.time(
            "end_time",
            text,
            "Enter the time the window ends as hours and minutes, for example 15:30",
        ),
    };
    let end = end_date.zip(end_time).map(|(d, t)| Moment(d.and_time(t)));
    if start.zip(end).is_some_and(|(start, end)| end <= start) {
        form.fail::<()>("end_time", "The window must end after it starts");
    }

    let approximate = input.approximate.trim() == "yes";
    let what = form.text("what", &input.what, MAX_WHAT_CHARS, "What happened");
    if what.is_empty() {
        form.fail::<()>("what", "Enter what happened");
    }
    let who = form.text("who", &input.who, MAX_WHO_CHARS, "Who");
    let place = form.text("place", &input.place, MAX_PLACE_CHARS, "Where");
    let source = form.choice(
        "source",
        &input.source,
        Source::from_slug,
        "Select a source from the list",
    );
    if input.source.trim().is_empty() {
        form.fail::<()>("source", "Select where this information came from");
    }
    let source_detail = form.text(
        "source_detail",
        &input.source_detail,
        MAX_SOURCE_DETAIL_CHARS,
        "Source details",
    );
    let note = form.text("note", &input.note, MAX_NOTE_CHARS, "The analysis note");
    let problem = form.choice(
        "problem",
        &input.problem,
        Problem::from_slug,
        "Select whether this is a care or service delivery problem, or neither",
    );
    // Empty values are skipped: a no-JavaScript form may send one so that
    // the field is present when no box is ticked.
    let chosen: Option<Vec<SeipsElement>> = input
        .elements
        .iter()
        .filter(|slug| !slug.trim().is_empty())
        .map(|slug| SeipsElement::from_slug(slug.trim()))
        .collect();
    let elements = match chosen {
        Some(chosen) => SeipsElement::ALL
            .iter()
            .copied()
            .filter(|e| chosen.contains(e))
            .collect(),
        None => form
            .fail("elements", "Select work-system elements from the list")
            .unwrap_or_default(),
    };
    // Digits only: "+1" would parse as a number, but no form sends it.
    let known = |text: &str| {
        Some(text)
            .filter(|t| all_digits(t))
            .and_then(|t| t.parse().ok())
            .filter(|id| existing.contains(id))
    };
    let same_as = form.choice(
        "same_as",
        &input.same_as,
        known,
        "Select one of this timeline's entries, or none",
    );

    // Not stored yet: no id.
    let entry = start.zip(source).map(|(start, source)| Entry {
        id: 0,
        when: When {
            start,
            end,
            approximate,
        },
        what,
        who,
        place,
        source,
        source_detail,
        note,
        problem,
        elements,
        same_as,
    });
    form.finish(entry)
}

impl EntryInput {
    /// The form's fields for an existing entry, to fill the change form:
    /// what `parse_entry` reads back to the same entry.
    pub fn of(entry: &Entry) -> EntryInput {
        let end = entry.when.end;
        EntryInput {
            date: entry.when.start.date_field(),
            time: entry.when.start.time_field(),
            end_date: end.map(Moment::date_field).unwrap_or_default(),
            end_time: end.map(Moment::time_field).unwrap_or_default(),
            approximate: if entry.when.approximate { "yes" } else { "" }.into(),
            what: entry.what.clone(),
            who: entry.who.clone(),
            place: entry.place.clone(),
            source: entry.source.slug().into(),
            source_detail: entry.source_detail.clone(),
            note: entry.note.clone(),
            problem: entry.problem.map(Problem::slug).unwrap_or_default().into(),
            elements: entry
                .elements
                .iter()
                .map(|e| e.slug().to_string())
                .collect(),
            same_as: entry.same_as.map(|id| id.to_string()).unwrap_or_default(),
        }
    }
}

/// Sorts entries into time order: by start, then by last (a moment before
/// a window starting at the same minute), then by id (the order typed).
pub fn in_order(entries: &mut [Entry]) {
    entries.sort_by_key(|entry| (entry.when.start, entry.when.last(), entry.id));
}

mod flags;
mod rows;
pub use flags::{flags, gap_minutes, Flag};
pub use rows::{entries_count, entry_label, lane_of, lanes, row_text, summary, RowText};

pub mod chart;

#[cfg(test)]
mod tests;
