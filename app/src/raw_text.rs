//! Text for the elements Leptos writes without escaping on the server.
//!
//! tachys treats `<textarea>` like `<script>` and writes its children as
//! they are, and leptos_meta writes the document's `<title>` as it is. A
//! value holding `</textarea>` or `</title>` could then end the element and
//! put live markup in the page (a `<meta http-equiv="refresh">` is not
//! stopped by the CSP). Both elements are "escapable raw text" in HTML: the
//! browser decodes entities inside them, so escaping on the server shows the
//! text exactly. In the browser the text is set directly (a text node,
//! `document.title`) and must stay as typed.

/// `value` escaped for the server's HTML, unchanged in the browser.
pub fn escaped_on_server(value: String) -> String {
    if cfg!(feature = "ssr") {
        escape(&value)
    } else {
        value
    }
}

/// `&`, `<` and `>` as entities: all a text child needs.
pub fn escape(value: &str) -> String {
    let mut escaped = String::with_capacity(value.len());
    for character in value.chars() {
        match character {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            other => escaped.push(other),
        }
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn markup_becomes_text() {
        assert_eq!(
            escape(r#"</title><meta http-equiv="refresh" content="0;url=//x">"#),
            r#"&lt;/title&gt;&lt;meta http-equiv="refresh" content="0;url=//x"&gt;"#
        );
        assert_eq!(escape("Siân & co"), "Siân &amp; co");
    }
}
