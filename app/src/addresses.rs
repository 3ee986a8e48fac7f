//! Web addresses people type into the hub.

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
