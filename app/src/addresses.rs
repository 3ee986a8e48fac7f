//! Web addresses: those people type into the hub, and the row ids in its
//! own.

/// The id of a row as an address or a form names it: a whole number above
/// zero (anything else names nothing, and is not looked up).
pub fn row_id(text: &str) -> Option<i64> {
    text.trim().parse::<i64>().ok().filter(|id| *id > 0)
}

/// An http(s) address with a host and no spaces, as the link checker needs.
pub fn is_web_address(url: &str) -> bool {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"));
    rest.is_some_and(|rest| {
        let host = rest.split(['/', '?', '#']).next().unwrap_or("");
        !host.is_empty()
            && url.len() <= 2000
            && !url.chars().any(|c| c.is_whitespace() || c.is_control())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_whole_numbers_above_zero_are_row_ids() {
        assert_eq!(row_id("42"), Some(42));
        assert_eq!(row_id(" 7 "), Some(7));
        for text in [
            "0",
            "-1",
            "",
            "1.5",
            "1e3",
            "99999999999999999999",
            "1; DROP TABLE users",
        ] {
            assert_eq!(row_id(text), None, "{text}");
        }
    }
}
