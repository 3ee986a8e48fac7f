//! The flags an investigator must see on a timeline, worked out from
//! the entries in time order: gaps longer than the length they chose, and
//! entries whose sources disagree about when, or in what order, the same
//! event happened (shown, never resolved silently).

use serde::{Deserialize, Serialize};

use super::{Entry, Moment, DEFAULT_GAP_MINUTES};
use crate::toolkits::reading::all_digits;

/// Something an investigator should look at, on one entry.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Flag {
    /// Nothing is recorded for this many minutes before the entry.
    GapBefore { minutes: i64 },
    /// The entry and entry `with` record the same event at times that do
    /// not meet.
    TimeConflict { with: i64 },
    /// The entry and `with` are in one order by one source's times and the
    /// other order by another's.
    OrderConflict { with: i64 },
}

/// The flags of each entry, in the order of `entries` (in time order): gaps
/// longer than `gap_minutes` (0 for none), and conflicts between entries
/// recording the same event.
pub fn flags(entries: &[Entry], gap_minutes: i64) -> Vec<Vec<Flag>> {
    use std::cmp::Ordering;
    use std::collections::BTreeSet;
    let index = |id: i64| entries.iter().position(|entry| entry.id == id);
    let mut gaps: Vec<Option<i64>> = vec![None; entries.len()];
    let mut times: Vec<BTreeSet<i64>> = vec![BTreeSet::new(); entries.len()];
    let mut orders: Vec<BTreeSet<i64>> = vec![BTreeSet::new(); entries.len()];

    if gap_minutes > 0 {
        // Against the latest end so far: a long window covers what follows.
        let mut latest: Option<Moment> = None;
        for (i, entry) in entries.iter().enumerate() {
            if let Some(latest) = latest {
                let minutes = latest.minutes_until(entry.when.start);
                if minutes > gap_minutes {
                    gaps[i] = Some(minutes);
                }
            }
            latest = latest.max(Some(entry.when.last()));
        }
    }

    let links: Vec<(usize, usize)> = entries
        .iter()
        .enumerate()
        .filter_map(|(a, entry)| Some((a, index(entry.same_as?)?)))
        .filter(|(a, b)| a != b)
        .collect();
    for &(a, b) in &links {
        if !entries[a].when.meets(&entries[b].when) {
            times[a].insert(entries[b].id);
            times[b].insert(entries[a].id);
        }
    }
    // Two links are compared source by source: A with B from one source,
    // A2 with B2 from the other, whichever way each link was made (the
    // direction decides only when the sources cannot, as with two
    // interviews).
    let start = |i: usize| entries[i].when.start;
    let source = |i: usize| entries[i].source;
    for &(a, a2) in &links {
        for &(b, b2) in &links {
            // Times are only compared within one source: a pair whose
            // sources do not line up (a third source) tells nothing here.
            let (b, b2) = if source(a) == source(b) && source(a2) == source(b2) {
                (b, b2)
            } else if source(a) == source(b2) && source(a2) == source(b) {
                (b2, b)
            } else {
                continue;
            };
            let four = [a, a2, b, b2];
            let distinct = (0..4).all(|i| (i + 1..4).all(|j| four[i] != four[j]));
            let one = start(a).cmp(&start(b));
            let other = start(a2).cmp(&start(b2));
            // A tie in either source is not a disagreement.
            if distinct && one != Ordering::Equal && other != Ordering::Equal && one != other {
                for (x, y) in [(a, b), (a2, b2)] {
                    orders[x].insert(entries[y].id);
                    orders[y].insert(entries[x].id);
                }
            }
        }
    }

    (0..entries.len())
        .map(|i| {
            let gap = gaps[i].map(|minutes| Flag::GapBefore { minutes });
            let time = times[i].iter().map(|&with| Flag::TimeConflict { with });
            let order = orders[i].iter().map(|&with| Flag::OrderConflict { with });
            gap.into_iter().chain(time).chain(order).collect()
        })
        .collect()
}

fn count(n: i64, one: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {one}s")
    }
}

/// "45 minutes", "2 hours", "2 hours 5 minutes".
fn duration(minutes: i64) -> String {
    let (hours, minutes) = (minutes / 60, minutes % 60);
    match (hours, minutes) {
        (0, minutes) => count(minutes, "minute"),
        (hours, 0) => count(hours, "hour"),
        (hours, minutes) => format!("{} {}", count(hours, "hour"), count(minutes, "minute")),
    }
}

impl Flag {
    /// For people, naming the other entry by its time.
    pub fn describe(&self, entries: &[Entry]) -> String {
        let other = |with: i64| entries.iter().find(|entry| entry.id == with);
        match *self {
            Flag::GapBefore { minutes } => {
                format!("No record for {} before this", duration(minutes))
            }
            Flag::TimeConflict { with } => match other(with) {
                Some(other) => format!(
                    "Sources disagree about the time: the same event is recorded at {} ({})",
                    other.when.shown(),
                    other.source.label()
                ),
                None => "Sources disagree about the time of this event".into(),
            },
            Flag::OrderConflict { with } => match other(with) {
                Some(other) => format!(
                    "Sources disagree about the order: compare the entry at {}",
                    other.when.shown()
                ),
                None => "Sources disagree about the order of this event".into(),
            },
        }
    }
}

/// The most a gap can be set to: a week, in minutes.
const MAX_GAP_MINUTES: i64 = 7 * 24 * 60;

/// Parses the chosen gap length from a query value (minutes as digits):
/// empty or unreadable gives the default; 0 means "do not flag gaps".
pub fn gap_minutes(text: &str) -> i64 {
    let text = text.trim();
    match text.parse::<i64>() {
        Ok(minutes) => minutes.clamp(0, MAX_GAP_MINUTES),
        // Too many digits to hold is still a readable "very long".
        Err(_) if all_digits(text) => MAX_GAP_MINUTES,
        Err(_) => DEFAULT_GAP_MINUTES,
    }
}
