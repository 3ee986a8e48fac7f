//! The server-rendered shell: titles, landmarks and status codes.

use crate::support::{spawn_app, Backend};
use reqwest::StatusCode;

fn title_of(html: &str) -> &str {
    let start = html.find("<title>").expect("a title") + "<title>".len();
    let end = html[start..].find("</title>").unwrap() + start;
    &html[start..end]
}

async fn home_introduces_the_four_pillars(backend: Backend) {
    let app = spawn_app(backend).await;
    let response = app.get("/").await;
    assert_eq!(response.status(), StatusCode::OK);
    let html = response.text().await.unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("<html lang=\"en\""));
    assert_eq!(title_of(&html), "Investigation Resources Hub");
    for entry in [
        "/resources",
        "/network",
        "#targeted-capability-building",
        "#national-system-convening",
    ] {
        assert!(html.contains(entry), "home links to {entry}");
    }
    assert!(html.contains("href=\"#maincontent\""), "skip link");
    assert!(html.contains("id=\"maincontent\""));
    app.shutdown().await;
}

async fn each_page_has_its_own_title(backend: Backend) {
    let app = spawn_app(backend).await;
    let html = app.get("/about").await.text().await.unwrap();
    assert_eq!(
        title_of(&html),
        "About the hub – Investigation Resources Hub"
    );
    assert!(html.contains("nhsuk-breadcrumb"));
    app.shutdown().await;
}

async fn unknown_paths_get_a_404_page(backend: Backend) {
    let app = spawn_app(backend).await;
    for path in [
        "/no-such-page",
        "/about/extra/depth",
        "/pkg/../../etc/passwd",
    ] {
        let response = app.get(path).await;
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "{path}");
    }
    let html = app.get("/no-such-page").await.text().await.unwrap();
    assert_eq!(
        title_of(&html),
        "Page not found – Investigation Resources Hub"
    );
    assert!(
        html.contains("go to the hub&#x27;s home page")
            || html.contains("go to the hub's home page")
    );
    app.shutdown().await;
}

crate::both_backends!(
    home_introduces_the_four_pillars,
    each_page_has_its_own_title,
    unknown_paths_get_a_404_page
);
