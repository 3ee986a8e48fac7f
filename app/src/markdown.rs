//! Markdown to safe HTML: pulldown-cmark renders, ammonia sanitises (no
//! scripts, event handlers, styles or `javascript:` URLs), and every link
//! leaving the hub opens with `rel="noopener noreferrer"`. Markdown always
//! sits under its page's own `<h1>`, so a `#` heading becomes an `<h2>`.

use pulldown_cmark::{html, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

pub fn render(markdown: &str) -> String {
    let mut unsafe_html = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(
        &mut unsafe_html,
        Parser::new_ext(
            markdown,
            Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH,
        )
        .map(|event| match event {
            Event::Start(Tag::Heading {
                level: HeadingLevel::H1,
                id,
                classes,
                attrs,
            }) => Event::Start(Tag::Heading {
                level: HeadingLevel::H2,
                id,
                classes,
                attrs,
            }),
            Event::End(TagEnd::Heading(HeadingLevel::H1)) => {
                Event::End(TagEnd::Heading(HeadingLevel::H2))
            }
            other => other,
        }),
    );
    ammonia::Builder::default()
        .url_schemes(["http", "https", "mailto"].into())
        .link_rel(Some("noopener noreferrer"))
        .clean(&unsafe_html)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::render;

    #[test]
    fn renders_markdown() {
        let html = render("## Steps\n\n- **Map** the timeline");
        assert!(html.contains("<h2>Steps</h2>"), "{html}");
        assert!(html.contains("<strong>Map</strong>"), "{html}");
    }

    #[test]
    fn the_page_keeps_the_only_top_heading() {
        assert_eq!(render("# Steps").trim(), "<h2>Steps</h2>");
    }

    #[test]
    fn strips_scripts_handlers_and_javascript_urls() {
        let html = render(
            "<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n[click](javascript:alert(1)) <a href=\"JaVaScRiPt:alert(1)\">x</a>",
        );
        let lower = html.to_lowercase();
        assert!(!lower.contains("<script"), "{html}");
        assert!(!lower.contains("onerror"), "{html}");
        assert!(!lower.contains("javascript:"), "{html}");
    }

    #[test]
    fn external_links_do_not_leak_the_opener() {
        let html = render("[guide](https://www.example.org/guide)");
        assert!(html.contains("rel=\"noopener noreferrer\""), "{html}");
    }
}
