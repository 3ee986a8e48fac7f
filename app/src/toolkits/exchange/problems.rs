//! Reading a file's parts and collecting what is wrong with them: each
//! problem named after its item ("Entry 3: …"), at most `MAX_PROBLEMS`
//! listed, and the work done bounded by each part's limit.

use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use super::file::{details_input, FileDetails};
use crate::forms::FieldErrors;
use crate::toolkits::actions::MAX_ACTIONS;
use crate::toolkits::analysis::{MAX_FACTORS, MAX_FINDINGS};
use crate::toolkits::types::{parse_details, Details, MAX_ENTRIES};

/// The most problems listed for one file: past that, a count.
const MAX_PROBLEMS: usize = 20;

/// The problems found in a file so far, each already named.
#[derive(Default)]
pub(super) struct Problems(Vec<String>);

impl Problems {
    pub(super) fn add(&mut self, problem: impl Into<String>) {
        self.0.push(problem.into());
    }

    /// Each of a parser's errors, after the item they belong to.
    pub(super) fn add_all(&mut self, item: &str, errors: FieldErrors) {
        for (_, message) in errors {
            self.add(format!("{item}: {message}"));
        }
    }

    /// The problems, at most `MAX_PROBLEMS` of them and a count of the
    /// rest; None when there are none.
    pub(super) fn finish(mut self) -> Option<Vec<String>> {
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
pub(super) struct Part {
    key: &'static str,
    /// "The timeline", "The findings", to start a sentence.
    the: &'static str,
    /// "Entry", to name one item: "Entry 3".
    item: &'static str,
    /// "entries", for counts.
    items: &'static str,
    max: i64,
}

pub(super) const TIMELINE: Part = Part {
    key: "timeline",
    the: "The timeline",
    item: "Entry",
    items: "entries",
    max: MAX_ENTRIES,
};
pub(super) const FINDINGS: Part = Part {
    key: "findings",
    the: "The findings",
    item: "Finding",
    items: "findings",
    max: MAX_FINDINGS,
};
pub(super) const FACTORS: Part = Part {
    key: "factors",
    the: "The contributory factors",
    item: "Factor",
    items: "factors",
    max: MAX_FACTORS,
};
pub(super) const ACTIONS: Part = Part {
    key: "actions",
    the: "The safety actions",
    item: "Action",
    items: "actions",
    max: MAX_ACTIONS,
};

/// One item of a part: its name for problems ("Entry 3"), its id when it
/// has one that is its own, and its fields when they could be read.
pub(super) struct Item<T> {
    name: String,
    pub(super) id: Option<i64>,
    pub(super) fields: Option<T>,
}

/// Serde's words for a wrong value, after "not in the shape the hub
/// writes": they name the field ("unknown field `colour`", "invalid type:
/// string \"3\", expected i64").
pub(super) fn shape(name: &str, error: &serde_json::Error) -> String {
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
pub(super) fn read_part<T: DeserializeOwned>(
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
pub(super) fn ids<T>(items: &[Item<T>]) -> Vec<i64> {
    items.iter().filter_map(|item| item.id).collect()
}

pub(super) fn read_details(value: Option<Value>, problems: &mut Problems) -> Option<Details> {
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

/// Runs each item that could be read through its form's parser, naming
/// the item in each of the parser's problems; the parsed items that have
/// their own id get it. None in place of each item that could not be
/// read, parsed or given its id (each of which is a problem named).
pub(super) fn parse_all<T, P>(
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
pub(super) fn drop_controls(value: &mut Value) {
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
