//! Links that travel well: the canonical address of a public page and what
//! a link to it shows when pasted into Teams, an email or a chat (Open
//! Graph and Twitter-card title and description), for resource,
//! organisation, sector and public profile pages.
//!
//! The tags are looked up before the page renders (`attach`, middleware on
//! the page routes) and written into `<head>` by the server's document
//! shell, which the client never hydrates: crawlers and link previews read
//! the page the server sends and run no script, so the client carries none
//! of this (with leptos_meta's `Link` and `Meta` in the pages the main
//! module was 7.4 KB larger with brotli). Only what anyone may see is used: a profile shown
//! to members only gets no preview.

use axum::extract::{Request, State};
use axum::http::Method;
use axum::middleware::Next;
use axum::response::Response;
use leptos::prelude::use_context;
use leptos::tachys::html::InertElement;

use crate::db::Db;
use crate::network::repo::{visible_profile, Looker};
use crate::vocabulary::Sector;
use crate::web::form::WebContext;
use crate::web::session::Viewer;
use crate::SERVICE_NAME;

/// The most of a description a link preview shows; longer ones are cut at
/// a word.
const MAX_DESCRIPTION_CHARS: usize = 200;

/// What a link to a page shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Preview {
    pub title: String,
    pub description: String,
}

/// The tags of the page a request asks for, worked out before the page
/// renders ([`attach`]) and written by the document shell ([`sharing_tags`]).
#[derive(Clone, Debug)]
pub struct SharingTags(String);

/// Middleware on the page routes: for a GET of a page that has a preview,
/// looks it up and leaves its tags in the request for the shell. Done
/// before rendering, so the shell needs no `Suspense` (which would take a
/// hydration id the client never counts, shifting every resource's).
pub async fn attach(
    State(context): State<WebContext>,
    mut request: Request,
    next: Next,
) -> Response {
    if request.method() == Method::GET {
        let path = request.uri().path().to_string();
        let viewer = request
            .extensions()
            .get::<Viewer>()
            .map(Looker::of)
            .unwrap_or(Looker::ANONYMOUS);
        if let Some(preview) = preview_for(&context.db, &path, viewer).await {
            let tags = tags_html(&context.site.link(&path), &preview);
            request.extensions_mut().insert(SharingTags(tags));
        }
    }
    next.run(request).await
}

/// The tags for the page being rendered, for the document's `<head>`.
pub fn sharing_tags() -> Option<InertElement> {
    let parts = use_context::<http::request::Parts>()?;
    let tags = parts.extensions.get::<SharingTags>()?;
    Some(InertElement::new(tags.0.clone()))
}

/// The preview of the public page at `path`, if it is one that has one and
/// `viewer` may see it too (a member someone blocked gets a plain 404).
pub async fn preview_for(db: &Db, path: &str, viewer: Looker) -> Option<Preview> {
    let parts: Vec<&str> = path.trim_start_matches('/').split('/').collect();
    let found = match parts.as_slice() {
        ["resources", slug] => crate::resources::repo::published_by_slug(db, slug)
            .await
            .ok()
            .flatten()
            .map(|(card, _)| (card.title, card.summary)),
        ["organisations", slug] => crate::organisations::by_slug(db, slug)
            .await
            .ok()
            .flatten()
            .map(|organisation| (organisation.name, organisation.description)),
        ["sectors", slug] => Sector::from_slug(slug).map(|sector| {
            (
                format!("{} investigators", sector.label()),
                sector.description().to_string(),
            )
        }),
        ["network", "members", handle] => {
            let seen = visible_profile(db, viewer, handle).await.ok().flatten();
            let public = visible_profile(db, Looker::ANONYMOUS, handle)
                .await
                .ok()
                .flatten();
            seen.and(public).map(|row| {
                let card = row.card();
                let summary = [card.role_title, card.organisation]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(", ");
                let summary = if summary.is_empty() {
                    "A member of the investigator network".to_string()
                } else {
                    summary
                };
                (card.display_name, summary)
            })
        }
        _ => None,
    };
    found.map(|(title, description)| Preview { title, description })
}

/// The tags, as HTML with every value escaped for an attribute.
fn tags_html(url: &str, preview: &Preview) -> String {
    let url = attribute(url);
    let title = attribute(&preview.title);
    let description = attribute(&shortened(&preview.description));
    let site = attribute(SERVICE_NAME);
    format!(
        "<link rel=\"canonical\" href=\"{url}\">\
         <meta property=\"og:type\" content=\"website\">\
         <meta property=\"og:site_name\" content=\"{site}\">\
         <meta property=\"og:url\" content=\"{url}\">\
         <meta property=\"og:title\" content=\"{title}\">\
         <meta property=\"og:description\" content=\"{description}\">\
         <meta name=\"twitter:card\" content=\"summary\">\
         <meta name=\"twitter:title\" content=\"{title}\">\
         <meta name=\"twitter:description\" content=\"{description}\">"
    )
}

/// `text` safe inside a double-quoted attribute.
fn attribute(text: &str) -> String {
    crate::raw_text::escape(text).replace('"', "&quot;")
}

/// `text` on one line, cut at a word to fit a preview.
fn shortened(text: &str) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= MAX_DESCRIPTION_CHARS {
        return text;
    }
    let cut: String = text.chars().take(MAX_DESCRIPTION_CHARS - 1).collect();
    let cut = match cut.rfind(' ') {
        Some(space) if space > MAX_DESCRIPTION_CHARS / 2 => &cut[..space],
        _ => cut.as_str(),
    };
    format!("{}…", cut.trim_end_matches([',', ';', ':', '.']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_value_is_escaped_for_its_attribute() {
        let preview = Preview {
            title: "Tom & \"Jerry\" <b>".into(),
            description: "\"><script>alert(1)</script>".into(),
        };
        let html = tags_html("https://hub.example/resources/a?b=1&c=2", &preview);
        assert!(html.contains(
            r#"<meta property="og:title" content="Tom &amp; &quot;Jerry&quot; &lt;b&gt;">"#
        ));
        assert!(!html.contains("<script>"), "{html}");
        assert!(html.contains(r#"href="https://hub.example/resources/a?b=1&amp;c=2""#));
        assert_eq!(html.matches("<meta ").count(), 8);
    }

    #[test]
    fn descriptions_fit_a_preview() {
        assert_eq!(shortened("Short\nand  plain"), "Short and plain");
        let long = "word ".repeat(100);
        let cut = shortened(&long);
        assert!(cut.chars().count() <= MAX_DESCRIPTION_CHARS, "{cut}");
        assert!(cut.ends_with("word…"), "{cut}");
    }
}
