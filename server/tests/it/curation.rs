//! Curation on both backends: the link checker against a local web server
//! (never the outside network), the reports curators read, and export.

use std::time::Duration;

use crate::support::accounts::*;
use crate::support::{spawn_app, spawn_app_with_demo, Backend, TestApp};
use app::accounts::Role;
use app::curation::{repo, LinkOutcome};
use app::resources::repo::{insert_many, NewResource};
use app::vocabulary::{Level, ResourceKind, Sector, Status};
use axum::http::{header, StatusCode as AxumStatus};
use axum::response::IntoResponse;
use axum::routing::get;
use reqwest::StatusCode;
use server::links::{check_all, CheckerSettings};

fn date(text: &str) -> chrono::NaiveDate {
    chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

async fn add_signposted(app: &TestApp, slug: &str, url: &str, review_by: &str) {
    let provider: i64 = app::with_pool!(&app.db, pool => sqlx::query_scalar("SELECT MIN(id) FROM organisations").fetch_one(pool).await.unwrap());
    insert_many(
        &app.db,
        &[NewResource {
            slug: slug.into(),
            kind: ResourceKind::Signposted,
            title: format!("Signposted {slug}"),
            summary: "Another organisation's guide.".into(),
            body: String::new(),
            provider_id: provider,
            sectors: vec![Sector::MentalHealth],
            topics: vec![],
            capabilities: vec![],
            responses: vec![],
            level: Level::Foundation,
            audience: String::new(),
            minutes: 5,
            cpd_hours: 0.0,
            external_url: Some(url.into()),
            published_on: Some(date("2025-01-01")),
            reviewed_on: date("2024-01-01"),
            review_by: date(review_by),
            status: Status::Published,
            featured: false,
            lessons: vec![],
            pass_mark: 70,
        }],
    )
    .await
    .unwrap();
}

/// A local site with one page per outcome.
async fn local_site() -> std::net::SocketAddr {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;
    let flaky_calls = Arc::new(AtomicUsize::new(0));
    let router = axum::Router::new()
        .route("/ok", get(|| async { "fine" }))
        .route("/missing", get(|| async { AxumStatus::NOT_FOUND }))
        .route(
            "/moved",
            get(|| async {
                (AxumStatus::MOVED_PERMANENTLY, [(header::LOCATION, "/ok")]).into_response()
            }),
        )
        .route(
            "/slow",
            get(|| async {
                tokio::time::sleep(Duration::from_secs(5)).await;
                "too late"
            }),
        )
        .route(
            "/flaky",
            get(move || {
                let calls = flaky_calls.clone();
                async move {
                    // Fails the first visit (HEAD), then works: the retry saves it.
                    if calls.fetch_add(1, Ordering::SeqCst) == 0 {
                        AxumStatus::SERVICE_UNAVAILABLE.into_response()
                    } else {
                        "back again".into_response()
                    }
                }
            }),
        )
        .route("/down", get(|| async { AxumStatus::INTERNAL_SERVER_ERROR }))
        .route(
            "/no-head",
            get(|method: axum::http::Method| async move {
                // Refuses HEAD, serves GET: checked with GET.
                if method == axum::http::Method::HEAD {
                    AxumStatus::FORBIDDEN.into_response()
                } else {
                    "served".into_response()
                }
            }),
        );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, router).await });
    address
}

async fn the_link_checker_classifies_each_link(backend: Backend) {
    let app = spawn_app_with_demo(backend).await;
    // Only the links made here: the demo's own links point outside.
    app::with_pool!(&app.db, pool => sqlx::query("UPDATE resources SET external_url = NULL WHERE kind <> 'signposted'").execute(pool).await.unwrap().rows_affected());
    app::with_pool!(&app.db, pool => sqlx::query("UPDATE resources SET status = 'archived' WHERE kind = 'signposted'").execute(pool).await.unwrap().rows_affected());
    let site = local_site().await;
    for page in ["ok", "missing", "moved", "slow", "flaky", "down", "no-head"] {
        add_signposted(&app, page, &format!("http://{site}/{page}"), "2030-01-01").await;
    }
    add_signposted(
        &app,
        "refused",
        "http://127.0.0.1:9/nothing-listens",
        "2030-01-01",
    )
    .await;
    let settings = CheckerSettings {
        timeout: Duration::from_millis(500),
        retry_after: Duration::from_millis(50),
        concurrency: 3,
        allow_private_addresses: true,
    };
    let summary = check_all(&app.db, &settings).await.unwrap();
    assert_eq!(summary.checked, 8);
    assert_eq!(
        summary.ok, 3,
        "ok, flaky (after a retry) and no-head (by GET)"
    );

    let report = repo::link_report(&app.db).await.unwrap();
    assert_eq!((report.checked, report.working), (8, 3));
    let outcome = |slug: &str| {
        report
            .problems
            .iter()
            .find(|problem| problem.slug == slug)
            .map(|problem| (problem.outcome, problem.status_code))
    };
    assert_eq!(outcome("missing"), Some((LinkOutcome::Broken, Some(404))));
    assert_eq!(outcome("moved"), Some((LinkOutcome::Redirected, Some(301))));
    assert_eq!(outcome("slow"), Some((LinkOutcome::Timeout, None)));
    assert_eq!(outcome("down"), Some((LinkOutcome::Error, Some(500))));
    assert_eq!(outcome("refused"), Some((LinkOutcome::Error, None)));
    assert_eq!(outcome("ok"), None);
    assert_eq!(outcome("flaky"), None);
    assert_eq!(outcome("no-head"), None);
    let moved = report.problems.iter().find(|p| p.slug == "moved").unwrap();
    assert!(moved.detail.contains("/ok"), "{}", moved.detail);
    // Broken first, then errors, timeouts and moves.
    assert_eq!(report.problems[0].outcome, LinkOutcome::Broken);

    // The curators' page lists them.
    let curator = create_user(&app, "curator@example.org", Role::Curator).await;
    let browser = signed_in(&app, &curator).await;
    let page = browser.get("/curation/links").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Signposted missing") && page.body.contains("Not found (404)"));
    assert!(page.body.contains("3 of 8 links worked"));

    // With the real settings, local and private addresses are never visited.
    let summary = check_all(&app.db, &CheckerSettings::default())
        .await
        .unwrap();
    assert_eq!(summary.ok, 0);
    let report = repo::link_report(&app.db).await.unwrap();
    let ok = report
        .problems
        .iter()
        .find(|p| p.slug == "ok")
        .expect("refused, so listed");
    assert!(
        ok.detail.contains("private or local network"),
        "{}",
        ok.detail
    );
    app.shutdown().await;
}

async fn only_one_instance_runs_a_scheduled_job(backend: Backend) {
    let app = spawn_app(backend).await;
    let now = 1_800_000_000;
    assert!(repo::claim_job(&app.db, "check-links", 86_400, now)
        .await
        .unwrap());
    assert!(
        !repo::claim_job(&app.db, "check-links", 86_400, now + 10)
            .await
            .unwrap(),
        "a second instance waits"
    );
    assert!(
        repo::claim_job(&app.db, "check-links", 86_400, now + 86_400)
            .await
            .unwrap(),
        "a day later it runs again"
    );
    app.shutdown().await;
}

async fn curators_see_gaps_and_review_dates(backend: Backend) {
    let app = spawn_app_with_demo(backend).await;
    for _ in 0..3 {
        crate::support::search(&app, "q=quokka+zeppelin")
            .await
            .unwrap();
    }
    crate::support::search(&app, "q=capybara").await.unwrap();
    let today = chrono::Utc::now().date_naive();
    add_signposted(
        &app,
        "overdue-one",
        "https://example.org/a",
        &(today - chrono::Days::new(3)).to_string(),
    )
    .await;
    add_signposted(
        &app,
        "due-soon",
        "https://example.org/b",
        &(today + chrono::Days::new(10)).to_string(),
    )
    .await;
    add_signposted(
        &app,
        "due-later",
        "https://example.org/c",
        &(today + chrono::Days::new(90)).to_string(),
    )
    .await;

    let member_user = create_user(&app, "member@example.org", Role::Member).await;
    let member = signed_in(&app, &member_user).await;
    assert_eq!(
        member.get("/curation/searches").await.status,
        StatusCode::FORBIDDEN
    );
    let curator_user = create_user(&app, "curator@example.org", Role::Curator).await;
    let curator = signed_in(&app, &curator_user).await;

    let page = curator.get("/curation/searches").await.body;
    let first = page
        .find("quokka zeppelin")
        .expect("the frequent miss is listed");
    let second = page.find("capybara").expect("the single miss is listed");
    assert!(first < second, "most frequent first");

    let page = curator.get("/curation/review-dates").await.body;
    let overdue = page.find("Signposted overdue-one").expect("overdue listed");
    let soon = page.find("Signposted due-soon").expect("due soon listed");
    assert!(overdue < soon && page.contains("Due in the next 30 days"));
    assert!(!page.contains("Signposted due-later"));
    assert_eq!(curator.get("/curation").await.status, StatusCode::OK);
    app.shutdown().await;
}

async fn the_catalogue_exports_as_json_and_csv(backend: Backend) {
    let app = spawn_app_with_demo(backend).await;
    let curator_user = create_user(&app, "curator@example.org", Role::Curator).await;
    let curator = signed_in(&app, &curator_user).await;
    let response = curator
        .client
        .get(curator.url("/curation/export.json"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert!(response.headers()[reqwest::header::CONTENT_DISPOSITION]
        .to_str()
        .unwrap()
        .contains("catalogue.json"));
    let exported: Vec<serde_json::Value> = response.json().await.unwrap();
    let demo = server::seed::demo::catalogue().unwrap();
    assert_eq!(exported.len(), demo.resources.len());
    let module = exported
        .iter()
        .find(|r| r["kind"] == "module" && !r["lessons"].as_array().unwrap().is_empty())
        .expect("a module with lessons");
    assert!(module["lessons"][0]["title"].is_string());
    assert!(exported
        .iter()
        .all(|r| r["provider"].is_string() && r["sectors"].is_array()));
    // Capability domains, as slugs, for every resource.
    for resource in &demo.resources {
        let item = exported
            .iter()
            .find(|r| r["slug"] == resource.slug.as_str())
            .unwrap();
        let slugs: Vec<&str> = resource.capabilities.iter().map(|c| c.slug()).collect();
        let mut listed: Vec<&str> = item["capabilities"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        let mut expected = slugs.clone();
        listed.sort_unstable();
        expected.sort_unstable();
        assert_eq!(listed, expected, "{}", resource.slug);
    }

    let response = curator
        .client
        .get(curator.url("/curation/export.csv"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let text = response.text().await.unwrap();
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    assert_eq!(
        reader.headers().unwrap().iter().collect::<Vec<_>>(),
        app::curation::export::CSV_COLUMNS
    );
    let column = reader
        .headers()
        .unwrap()
        .iter()
        .position(|name| name == "capabilities")
        .expect("a capabilities column");
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(records.len(), demo.resources.len());
    let seips = records
        .iter()
        .find(|record| &record[0] == "seips-in-practice")
        .unwrap();
    assert_eq!(
        &seips[column],
        "systems-thinking-and-human-factors;analysis"
    );

    let anonymous = Browser::new(&app);
    assert_ne!(
        anonymous.get("/curation/export.csv").await.status,
        StatusCode::OK
    );
    app.shutdown().await;
}

crate::both_backends!(
    the_link_checker_classifies_each_link,
    only_one_instance_runs_a_scheduled_job,
    curators_see_gaps_and_review_dates,
    the_catalogue_exports_as_json_and_csv,
);
