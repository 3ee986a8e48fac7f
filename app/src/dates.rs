//! Dates and times as the hub writes them for people.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Formats Unix seconds as "21 November 2026, 10:42 UTC".
pub fn format_time(unix_seconds: i64) -> String {
    chrono::DateTime::from_timestamp(unix_seconds, 0)
        .map(|time| time.format("%-d %B %Y, %H:%M UTC").to_string())
        .unwrap_or_default()
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A calendar day as the catalogue's pages show it. The browser gets it as
/// "2025-03-14" and shows it as "14 March 2025" with no date library: the
/// pages in the client's main module would otherwise carry chrono's
/// parsing and formatting (about 10 kB compressed) for three dates.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Day {
    year: i32,
    month: u32,
    day: u32,
}

impl Day {
    /// Dates in the NHS.UK style: "14 March 2025".
    pub fn shown(self) -> String {
        format!(
            "{} {} {}",
            self.day,
            MONTHS[self.month as usize - 1],
            self.year
        )
    }

    /// The day as chrono's, for the server (None only for a day such as
    /// 31 February, which no database date becomes).
    pub fn to_naive_date(self) -> Option<chrono::NaiveDate> {
        chrono::NaiveDate::from_ymd_opt(self.year, self.month, self.day)
    }

    fn parse(text: &str) -> Option<Day> {
        let mut parts = text.splitn(3, '-');
        let year = parts.next()?.parse().ok()?;
        let month = parts
            .next()?
            .parse()
            .ok()
            .filter(|m| (1..=12).contains(m))?;
        let day = parts
            .next()?
            .parse()
            .ok()
            .filter(|d| (1..=31).contains(d))?;
        Some(Day { year, month, day })
    }
}

impl From<chrono::NaiveDate> for Day {
    fn from(date: chrono::NaiveDate) -> Self {
        use chrono::Datelike;
        Day {
            year: date.year(),
            month: date.month(),
            day: date.day(),
        }
    }
}

impl Serialize for Day {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&format_args!(
            "{:04}-{:02}-{:02}",
            self.year, self.month, self.day
        ))
    }
}

impl<'de> Deserialize<'de> for Day {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Day::parse(&text).ok_or_else(|| serde::de::Error::custom("expected a date as YYYY-MM-DD"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn days_use_the_nhs_style() {
        let day = Day::from(NaiveDate::from_ymd_opt(2025, 3, 4).unwrap());
        assert_eq!(day.shown(), "4 March 2025");
        let day = Day::from(NaiveDate::from_ymd_opt(2026, 12, 31).unwrap());
        assert_eq!(day.shown(), "31 December 2026");
    }

    #[test]
    fn days_travel_as_iso_dates() {
        let day = Day::from(NaiveDate::from_ymd_opt(2025, 3, 4).unwrap());
        let json = serde_json::to_string(&day).unwrap();
        assert_eq!(json, "\"2025-03-04\"");
        assert_eq!(serde_json::from_str::<Day>(&json).unwrap(), day);
    }

    #[test]
    fn what_is_not_a_day_is_refused() {
        for text in [
            "\"2025-13-01\"",
            "\"2025-00-10\"",
            "\"2025-01-32\"",
            "\"14 March\"",
            "\"\"",
        ] {
            assert!(serde_json::from_str::<Day>(text).is_err(), "{text}");
        }
    }
}
