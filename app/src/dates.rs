//! Dates and times as the hub writes them for people.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Formats Unix seconds as "21 November 2026, 10:42 UTC".
pub fn format_time(unix_seconds: i64) -> String {
    chrono::DateTime::from_timestamp(unix_seconds, 0)
        .map(|time| time.format("%-d %B %Y, %H:%M UTC").to_string())
        .unwrap_or_default()
}

/// The calendar day in the UK at `utc`: the hub's members are there.
/// British Summer Time (UTC+1) runs from 01:00 UTC on the last Sunday of
/// March to 01:00 UTC on the last Sunday of October (the Summer Time Order
/// 2002); the rest of the year the UK keeps UTC.
pub fn uk_date(utc: chrono::DateTime<chrono::Utc>) -> chrono::NaiveDate {
    use chrono::{Datelike, Duration, NaiveDate};
    let change = |month: u32| {
        // March and October both have 31 days.
        NaiveDate::from_ymd_opt(utc.year(), month, 31).map(|last| {
            let sunday = last - Duration::days(i64::from(last.weekday().num_days_from_sunday()));
            sunday.and_hms_opt(1, 0, 0).unwrap_or_default().and_utc()
        })
    };
    let summer = matches!((change(3), change(10)), (Some(starts), Some(ends)) if utc >= starts && utc < ends);
    (utc + Duration::hours(i64::from(summer))).date_naive()
}

/// Today in the UK.
#[cfg(feature = "ssr")]
pub fn uk_today() -> chrono::NaiveDate {
    uk_date(chrono::Utc::now())
}

/// The UK day of a moment given in Unix seconds.
pub fn uk_day_of(unix_seconds: i64) -> Option<Day> {
    chrono::DateTime::from_timestamp(unix_seconds, 0).map(|time| uk_date(time).into())
}

/// "2026-03-14", without chrono's formatting (which the browser's tools
/// would otherwise carry: see `Day`).
pub fn iso_date(date: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    format!("{:04}-{:02}-{:02}", date.year(), date.month(), date.day())
}

/// "14 Mar 2026", as the timeline shows a day.
pub fn short_date(date: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    let month = MONTHS[date.month0() as usize];
    format!("{} {} {:04}", date.day(), &month[..3], date.year())
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

    /// "2025-03-14", as date fields and files write it.
    pub fn iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    pub fn year(self) -> i32 {
        self.year
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
        serializer.collect_str(&self.iso())
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
    #[test]
    fn days_are_written_as_chronos_formats_wrote_them() {
        use super::{iso_date, short_date};
        let mut day = chrono::NaiveDate::from_ymd_opt(0, 1, 1).unwrap();
        let last = chrono::NaiveDate::from_ymd_opt(2100, 12, 31).unwrap();
        // Every day of years 0 to 2100, against chrono's formatting.
        while day <= last {
            assert_eq!(iso_date(day), day.format("%Y-%m-%d").to_string());
            assert_eq!(short_date(day), day.format("%-d %b %Y").to_string());
            day = day.succ_opt().unwrap();
        }
        let day = chrono::NaiveDate::from_ymd_opt(999, 9, 4).unwrap();
        assert_eq!(short_date(day), "4 Sep 0999");
        assert_eq!(iso_date(day), "0999-09-04");
    }

    #[test]
    fn the_uk_day_follows_british_summer_time() {
        let day = |text: &str| {
            let utc = chrono::DateTime::parse_from_rfc3339(text).unwrap().to_utc();
            uk_date(utc).to_string()
        };
        // 2026: summer time from 29 March to 25 October, 01:00 UTC.
        assert_eq!(day("2026-01-15T23:30:00Z"), "2026-01-15");
        assert_eq!(day("2026-03-29T00:59:00Z"), "2026-03-29");
        assert_eq!(day("2026-03-28T23:30:00Z"), "2026-03-28");
        assert_eq!(day("2026-06-30T23:30:00Z"), "2026-07-01");
        assert_eq!(day("2026-10-25T00:30:00Z"), "2026-10-25");
        assert_eq!(day("2026-10-24T23:30:00Z"), "2026-10-25");
        assert_eq!(day("2026-10-25T23:30:00Z"), "2026-10-25");
        assert_eq!(day("2026-12-31T23:30:00Z"), "2026-12-31");
    }

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
