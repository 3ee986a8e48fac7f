//! The CPD log: the kinds of activity, what an entry may hold (parsed from
//! its form), hours as people write them and the totals per year. Shared
//! by the server (which parses and stores) and the client (which shows).

use serde::{Deserialize, Serialize};

use crate::dates::Day;
use crate::web::feedback::FieldErrors;

/// The kinds of CPD activity a log entry can be: (slug, label).
pub const ACTIVITIES: [(&str, &str); 8] = [
    ("e-learning", "E-learning (a module or online course)"),
    ("course", "Course or workshop"),
    ("reading", "Reading"),
    ("reflective-practice", "Reflective practice or supervision"),
    ("conference", "Conference or event"),
    ("investigation", "Investigation work"),
    ("teaching", "Teaching or mentoring others"),
    ("other", "Other"),
];

/// The label of an activity slug (the slug itself if it is not known).
pub fn activity_label(slug: &str) -> &str {
    ACTIVITIES
        .iter()
        .find(|(known, _)| *known == slug)
        .map_or(slug, |(_, label)| label)
}

/// One entry of a member's CPD log.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CpdEntry {
    pub id: i64,
    pub title: String,
    pub done_on: Day,
    pub minutes: u32,
    pub activity: String,
    pub what: String,
    pub so_what: String,
    pub now_what: String,
    /// The module whose completion made the entry (its slug), if one did.
    pub module: Option<String>,
}

/// CPD time as people write it: "45 minutes", "1.5 hours", "12.25 hours".
pub fn format_hours(minutes: u32) -> String {
    if minutes < 60 {
        return crate::resources::format_minutes(minutes);
    }
    let number = hours_as_typed(minutes);
    if number == "1" {
        "1 hour".into()
    } else {
        format!("{number} hours")
    }
}

/// Minutes as hours to two decimal places, without trailing zeros: "1.5",
/// "0.25", "2" (as the hours field takes them).
pub fn hours_as_typed(minutes: u32) -> String {
    let hundredths = (u64::from(minutes) * 100 + 30) / 60;
    let text = format!("{}.{:02}", hundredths / 100, hundredths % 100);
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// Minutes logged per year, newest year first.
pub fn totals_by_year(entries: &[CpdEntry]) -> Vec<(i32, u32)> {
    let mut totals: Vec<(i32, u32)> = Vec::new();
    for entry in entries {
        let year = entry.done_on.year();
        match totals.iter_mut().find(|(known, _)| *known == year) {
            Some((_, minutes)) => *minutes += entry.minutes,
            None => totals.push((year, entry.minutes)),
        }
    }
    totals.sort_by_key(|(year, _)| std::cmp::Reverse(*year));
    totals
}

/// The longest title an entry may have.
pub const MAX_CPD_TITLE_CHARS: usize = 200;
/// The longest answer to each reflection prompt.
pub const MAX_REFLECTION_CHARS: usize = 2_000;
/// The most hours one entry may claim: a long course, not a year.
pub const MAX_CPD_HOURS: u32 = 100;

/// A CPD entry as the form posts it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct CpdInput {
    pub title: String,
    /// "2026-11-30", as a date field sends it (or "30/11/2026" typed).
    pub done_on: String,
    /// Hours, such as "1.5".
    pub hours: String,
    pub activity: String,
    pub what: String,
    pub so_what: String,
    pub now_what: String,
}

/// A CPD entry that can be stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CpdDraft {
    pub title: String,
    pub done_on: chrono::NaiveDate,
    pub minutes: u32,
    pub activity: &'static str,
    pub what: String,
    pub so_what: String,
    pub now_what: String,
}

fn parse_day(text: &str) -> Option<chrono::NaiveDate> {
    let text = text.trim();
    chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .or_else(|_| chrono::NaiveDate::parse_from_str(text, "%d/%m/%Y"))
        .ok()
}

/// Hours as typed ("1.5", "0.25", "2", or "1,5" with a decimal comma);
/// None if it is not a plain number. A comma followed by three digits
/// ("1,000") is a thousands separator, and refused rather than misread.
fn parse_hours(text: &str) -> Option<f64> {
    let text = text.trim();
    let text = match text.split_once(',') {
        Some((whole, part)) if !text.contains('.') && (1..=2).contains(&part.len()) => {
            format!("{whole}.{part}")
        }
        Some(_) => return None,
        None => text.to_string(),
    };
    let plain = !text.is_empty()
        && text.chars().all(|c| c.is_ascii_digit() || c == '.')
        && text.matches('.').count() <= 1;
    plain.then(|| text.parse::<f64>().ok()).flatten()
}

/// Parses the CPD form: a title, a day that is not in the future (nor
/// before 1990), hours above zero and at most [`MAX_CPD_HOURS`], an
/// activity the form offers and reflections within their limit.
pub fn parse_cpd(input: &CpdInput, today: chrono::NaiveDate) -> Result<CpdDraft, FieldErrors> {
    let mut problems: FieldErrors = Vec::new();
    let title = input.title.trim().to_string();
    match title.chars().count() {
        0 => problems.push(("title", "Enter what you did".into())),
        n if n > MAX_CPD_TITLE_CHARS => problems.push((
            "title",
            format!("The title must be {MAX_CPD_TITLE_CHARS} characters or fewer (it has {n})"),
        )),
        _ => {}
    }
    let earliest = chrono::NaiveDate::from_ymd_opt(1990, 1, 1).unwrap_or(today);
    let done_on = match parse_day(&input.done_on) {
        None if input.done_on.trim().is_empty() => {
            problems.push(("done_on", "Enter the date you did it".into()));
            None
        }
        None => {
            problems.push((
                "done_on",
                "Enter a real date, for example 2026-11-30".into(),
            ));
            None
        }
        Some(day) if day > today => {
            problems.push(("done_on", "The date must be today or in the past".into()));
            None
        }
        Some(day) if day < earliest => {
            problems.push(("done_on", "The date must be in 1990 or later".into()));
            None
        }
        Some(day) => Some(day),
    };
    let minutes = match parse_hours(&input.hours) {
        None if input.hours.trim().is_empty() => {
            problems.push(("hours", "Enter how many hours it took".into()));
            None
        }
        None if input.hours.trim().starts_with('-') => {
            problems.push(("hours", "Hours must be more than 0".into()));
            None
        }
        None => {
            problems.push(("hours", "Enter hours as a number, for example 1.5".into()));
            None
        }
        Some(hours) if hours > f64::from(MAX_CPD_HOURS) => {
            problems.push((
                "hours",
                format!(
                    "One entry can be at most {MAX_CPD_HOURS} hours: log a long course in parts"
                ),
            ));
            None
        }
        Some(hours) => match (hours * 60.0).round() as u32 {
            0 => {
                problems.push(("hours", "Enter at least a minute (0.02 hours)".into()));
                None
            }
            minutes => Some(minutes),
        },
    };
    let activity = match ACTIVITIES
        .iter()
        .find(|(known, _)| *known == input.activity.trim())
    {
        Some((slug, _)) => Some(*slug),
        None => {
            problems.push(("activity", "Select the type of activity".into()));
            None
        }
    };
    let mut reflection = |field: &'static str, text: &str| {
        let text = text.trim().replace("\r\n", "\n");
        let count = text.chars().count();
        if count > MAX_REFLECTION_CHARS {
            problems.push((
                field,
                format!("Each answer must be {MAX_REFLECTION_CHARS} characters or fewer (this has {count})"),
            ));
        }
        text
    };
    let what = reflection("what", &input.what);
    let so_what = reflection("so_what", &input.so_what);
    let now_what = reflection("now_what", &input.now_what);
    match (done_on, minutes, activity) {
        (Some(done_on), Some(minutes), Some(activity)) if problems.is_empty() => Ok(CpdDraft {
            title,
            done_on,
            minutes,
            activity,
            what,
            so_what,
            now_what,
        }),
        _ => Err(problems),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> chrono::NaiveDate {
        chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    fn input(title: &str, done_on: &str, hours: &str) -> CpdInput {
        CpdInput {
            title: title.into(),
            done_on: done_on.into(),
            hours: hours.into(),
            activity: "reading".into(),
            ..CpdInput::default()
        }
    }

    fn fields(result: Result<CpdDraft, FieldErrors>) -> Vec<&'static str> {
        result
            .unwrap_err()
            .into_iter()
            .map(|(field, _)| field)
            .collect()
    }

    #[test]
    fn hours_read_naturally() {
        assert_eq!(format_hours(45), "45 minutes");
        assert_eq!(format_hours(60), "1 hour");
        assert_eq!(format_hours(90), "1.5 hours");
        assert_eq!(format_hours(135), "2.25 hours");
        assert_eq!(format_hours(100), "1.67 hours");
        assert_eq!(format_hours(6000), "100 hours");
    }

    #[test]
    fn totals_are_per_year_newest_first() {
        let entry = |on: &str, minutes| CpdEntry {
            id: 0,
            title: String::new(),
            done_on: day(on).into(),
            minutes,
            activity: "reading".into(),
            what: String::new(),
            so_what: String::new(),
            now_what: String::new(),
            module: None,
        };
        let entries = [
            entry("2025-03-01", 30),
            entry("2026-01-01", 60),
            entry("2025-12-31", 45),
        ];
        assert_eq!(totals_by_year(&entries), vec![(2026, 60), (2025, 75)]);
    }

    #[test]
    fn a_cpd_entry_needs_a_title_a_past_date_and_sensible_hours() {
        let today = day("2026-12-06");
        let draft =
            parse_cpd(&input(" Read the SEIPS guide ", "2026-12-06", "1.5"), today).unwrap();
        assert_eq!(draft.title, "Read the SEIPS guide");
        assert_eq!(draft.minutes, 90);
        assert_eq!(
            parse_cpd(&input("A", "30/11/2026", "2"), today)
                .unwrap()
                .done_on,
            day("2026-11-30")
        );
        assert_eq!(
            fields(parse_cpd(&input("", "", ""), today)),
            ["title", "done_on", "hours"]
        );
        assert_eq!(
            fields(parse_cpd(&input("A", "2026-12-07", "1"), today)),
            ["done_on"]
        );
        assert_eq!(
            fields(parse_cpd(&input("A", "2026-02-30", "1"), today)),
            ["done_on"]
        );
        assert_eq!(
            fields(parse_cpd(&input("A", "1989-12-31", "1"), today)),
            ["done_on"]
        );
        for hours in ["-1", "0", "100.5", "1e3", "NaN", "inf", "1.2.3", "two"] {
            assert_eq!(
                fields(parse_cpd(&input("A", "2026-01-01", hours), today)),
                ["hours"],
                "{hours}"
            );
        }
        assert_eq!(
            parse_cpd(&input("A", "2026-01-01", "100"), today)
                .unwrap()
                .minutes,
            6000
        );
        assert_eq!(
            parse_cpd(&input("A", "2026-01-01", "0,25"), today)
                .unwrap()
                .minutes,
            15
        );
        assert_eq!(
            fields(parse_cpd(&input("A", "2026-01-01", "1,000"), today)),
            ["hours"]
        );
        let negative = parse_cpd(&input("A", "2026-01-01", "-1"), today).unwrap_err();
        assert!(negative[0].1.contains("more than 0"), "{negative:?}");
        let long = "x".repeat(MAX_CPD_TITLE_CHARS + 1);
        assert_eq!(
            fields(parse_cpd(&input(&long, "2026-01-01", "1"), today)),
            ["title"]
        );
    }

    #[test]
    fn activity_and_reflections_are_checked() {
        let today = day("2026-12-06");
        let mut unknown = input("A", "2026-01-01", "1");
        unknown.activity = "napping".into();
        assert_eq!(fields(parse_cpd(&unknown, today)), ["activity"]);
        let mut long = input("A", "2026-01-01", "1");
        long.so_what = "é".repeat(MAX_REFLECTION_CHARS + 1);
        assert_eq!(fields(parse_cpd(&long, today)), ["so_what"]);
        long.so_what = "é".repeat(MAX_REFLECTION_CHARS);
        assert!(parse_cpd(&long, today).is_ok(), "characters, not bytes");
    }
}
