//! `/robots.txt` and `/sitemap.xml`: what search engines may crawl, and
//! every public page worth finding (published resources, organisations,
//! sector pages, public profiles and the service's own pages). A sitemap
//! holds at most 50,000 addresses; past that `/sitemap.xml` is an index of
//! pages (`/sitemap.xml?page=2`).

use crate::web::site::Site;

/// The most addresses one sitemap file may list (the protocol's limit).
pub const SITEMAP_PAGE_SIZE: usize = 50_000;

/// Paths crawlers are asked to keep out of: accounts, admin and curation,
/// forms, server functions and search results (any query on a search page).
pub const DISALLOWED: [&str; 21] = [
    "/account",
    "/admin",
    "/curation",
    "/contribute",
    "/register",
    "/sign-in",
    "/signed-out",
    "/account-deleted",
    "/verify-email",
    "/forgot-password",
    "/reset-password",
    "/confirm-email",
    "/feedback",
    "/network/connections",
    "/network/messages",
    "/api/",
    "/resources?",
    "/network?",
    // Collections shared by link are for those given the link; public
    // ones are found through their owners' profiles.
    "/collections/",
    "/credentials/",
    // A member's own investigations.
    "/workspaces/",
];

/// The service's own public pages, always listed.
const FIXED_PATHS: [&str; 10] = [
    "/",
    "/about",
    "/resources",
    "/toolkits",
    "/organisations",
    "/accessibility",
    "/privacy",
    "/cookies",
    "/contact",
    "/community-rules",
];

pub fn robots_txt(site: &Site) -> String {
    let mut text = String::from("User-agent: *\n");
    for path in DISALLOWED {
        text.push_str(&format!("Disallow: {path}\n"));
    }
    text.push_str(&format!("\nSitemap: {}\n", site.link("/sitemap.xml")));
    text
}

/// The public pages' paths, fixed ones first.
pub fn public_paths(
    resources: &[String],
    organisations: &[String],
    sectors: &[&str],
    profiles: &[String],
) -> Vec<String> {
    FIXED_PATHS
        .iter()
        .map(|path| path.to_string())
        .chain(resources.iter().map(|slug| format!("/resources/{slug}")))
        .chain(
            organisations
                .iter()
                .map(|slug| format!("/organisations/{slug}")),
        )
        .chain(sectors.iter().map(|slug| format!("/sectors/{slug}")))
        .chain(
            profiles
                .iter()
                .map(|handle| format!("/network/members/{handle}")),
        )
        .collect()
}

/// The XML for `/sitemap.xml` (`page` None) or `/sitemap.xml?page=n`:
/// `None` for a page that does not exist.
pub fn sitemap_xml(
    site: &Site,
    paths: &[String],
    page: Option<usize>,
    page_size: usize,
) -> Option<String> {
    let pages = paths.len().div_ceil(page_size).max(1);
    let head = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    let namespace = "xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"";
    match page {
        None if pages > 1 => {
            let mut xml = format!("{head}<sitemapindex {namespace}>\n");
            for number in 1..=pages {
                xml.push_str(&format!(
                    "<sitemap><loc>{}</loc></sitemap>\n",
                    crate::raw_text::escape(&site.link(&format!("/sitemap.xml?page={number}")))
                ));
            }
            xml.push_str("</sitemapindex>\n");
            Some(xml)
        }
        None | Some(_) => {
            let number = page.unwrap_or(1);
            if number == 0 || number > pages {
                return None;
            }
            let mut xml = format!("{head}<urlset {namespace}>\n");
            for path in paths.iter().skip((number - 1) * page_size).take(page_size) {
                xml.push_str(&format!(
                    "<url><loc>{}</loc></url>\n",
                    crate::raw_text::escape(&site.link(path))
                ));
            }
            xml.push_str("</urlset>\n");
            Some(xml)
        }
    }
}

#[cfg(feature = "ssr")]
pub use handlers::routes;

#[cfg(feature = "ssr")]
mod handlers {
    use axum::extract::{FromRef, Query, State};
    use axum::http::{header, StatusCode};
    use axum::response::{IntoResponse, Response};
    use serde::Deserialize;

    use super::{public_paths, robots_txt, sitemap_xml, SITEMAP_PAGE_SIZE};
    use crate::vocabulary::Sector;
    use crate::web::access::{Access, Endpoints};
    use crate::web::form::{Failure, WebContext};

    pub fn routes<S>() -> Endpoints<S>
    where
        S: Clone + Send + Sync + 'static,
        WebContext: FromRef<S>,
    {
        Endpoints::new()
            .get("/robots.txt", Access::Public, robots)
            .get("/sitemap.xml", Access::Public, sitemap)
    }

    async fn robots(State(context): State<WebContext>) -> Response {
        (
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            robots_txt(&context.site),
        )
            .into_response()
    }

    #[derive(Deserialize)]
    struct SitemapQuery {
        page: Option<String>,
    }

    async fn sitemap(
        State(context): State<WebContext>,
        Query(query): Query<SitemapQuery>,
    ) -> Result<Response, Failure> {
        let page = match query.page.as_deref().map(str::parse::<usize>) {
            None => None,
            Some(Ok(page)) => Some(page),
            Some(Err(_)) => return Ok(not_found()),
        };
        let db = &context.db;
        let resources = crate::resources::repo::published_slugs(db).await?;
        let organisations: Vec<String> = crate::organisations::all(db)
            .await?
            .into_iter()
            .map(|organisation| organisation.slug)
            .collect();
        let sectors: Vec<&str> = Sector::ALL.iter().map(|sector| sector.slug()).collect();
        let profiles = crate::network::repo::public_handles(db).await?;
        let paths = public_paths(&resources, &organisations, &sectors, &profiles);
        Ok(
            match sitemap_xml(&context.site, &paths, page, SITEMAP_PAGE_SIZE) {
                Some(xml) => (
                    [(header::CONTENT_TYPE, "application/xml; charset=utf-8")],
                    xml,
                )
                    .into_response(),
                None => not_found(),
            },
        )
    }

    fn not_found() -> Response {
        (
            StatusCode::NOT_FOUND,
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            "There is no such page of the sitemap.\n",
        )
            .into_response()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> Site {
        Site {
            public_url: "https://hub.example".into(),
            contact_email: "team@hub.example".into(),
        }
    }

    fn paths(count: usize) -> Vec<String> {
        (0..count).map(|n| format!("/resources/r{n}")).collect()
    }

    #[test]
    fn a_small_sitemap_is_one_list_of_full_addresses() {
        let xml = sitemap_xml(&site(), &paths(3), None, 5).unwrap();
        assert!(xml.contains("<urlset"));
        assert_eq!(xml.matches("<url>").count(), 3);
        assert!(xml.contains("<loc>https://hub.example/resources/r0</loc>"));
        assert!(sitemap_xml(&site(), &paths(3), Some(1), 5).is_some());
        assert!(sitemap_xml(&site(), &paths(3), Some(2), 5).is_none());
        assert!(sitemap_xml(&site(), &paths(3), Some(0), 5).is_none());
    }

    #[test]
    fn a_large_sitemap_is_an_index_of_pages() {
        let all = paths(12);
        let index = sitemap_xml(&site(), &all, None, 5).unwrap();
        assert!(index.contains("<sitemapindex"));
        assert_eq!(index.matches("<sitemap>").count(), 3);
        assert!(index.contains("<loc>https://hub.example/sitemap.xml?page=3</loc>"));
        let last = sitemap_xml(&site(), &all, Some(3), 5).unwrap();
        assert_eq!(last.matches("<url>").count(), 2);
        assert!(last.contains("/resources/r11<"));
        assert!(sitemap_xml(&site(), &all, Some(4), 5).is_none());
    }

    #[test]
    fn addresses_are_escaped() {
        let xml = sitemap_xml(&site(), &["/a?b=1&c=<2>".to_string()], None, 5).unwrap();
        assert!(xml.contains("/a?b=1&amp;c=&lt;2&gt;"), "{xml}");
    }

    #[test]
    fn robots_keeps_private_and_search_pages_out_and_names_the_sitemap() {
        let robots = robots_txt(&site());
        for path in [
            "/account",
            "/admin",
            "/curation",
            "/resources?",
            "/collections/",
        ] {
            assert!(robots.contains(&format!("Disallow: {path}\n")), "{path}");
        }
        assert!(robots.contains("Sitemap: https://hub.example/sitemap.xml"));
        assert!(!robots.contains("Disallow: /\n"));
    }
}
