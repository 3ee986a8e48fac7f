//! Dates and times as the hub writes them for people.

/// Formats Unix seconds as "21 November 2026, 10:42 UTC".
pub fn format_time(unix_seconds: i64) -> String {
    chrono::DateTime::from_timestamp(unix_seconds, 0)
        .map(|time| time.format("%-d %B %Y, %H:%M UTC").to_string())
        .unwrap_or_default()
}
