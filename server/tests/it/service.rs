//! The public service's own duties through real HTTP on both backends: the
//! statements linked from every page, cookies that match the cookies page,
//! feedback from anyone, the retention job, the sitemap and robots.txt, and
//! link previews.

use crate::support::accounts::*;
use crate::support::{spawn_app, spawn_app_with_demo, Backend, TestApp};
use app::accounts::Role;
use app::service::retention;
use app::web::cookies::{self, COOKIES};
use reqwest::StatusCode;

const STATEMENTS: [(&str, &str); 5] = [
    ("/accessibility", "Accessibility statement"),
    ("/privacy", "Privacy notice"),
    ("/cookies", "Cookies"),
    ("/contact", "Contact us"),
    ("/community-rules", "Community rules for the network"),
];

async fn scalar(app: &TestApp, sql: &str) -> i64 {
    app::with_pool!(&app.db, pool => sqlx::query_scalar::<_, i64>(sql).fetch_one(pool).await.unwrap())
}

async fn execute(app: &TestApp, sql: &str) {
    app::with_pool!(&app.db, pool => sqlx::query(sql).execute(pool).await.map(|_| ()).unwrap());
}

async fn statements_are_published_and_linked_from_every_page(backend: Backend) {
    let app = spawn_app(backend).await;
    for (path, title) in STATEMENTS {
        let response = app.get(path).await;
        assert_eq!(response.status(), StatusCode::OK, "{path}");
        let html = response.text().await.unwrap();
        assert!(html.contains(&format!("<title>{title} – ")), "{path}");
        assert!(html.contains(&format!(">{title}</h1>")), "{path}");
    }
    let accessibility = app.get("/accessibility").await.text().await.unwrap();
    for part in [
        "WCAG22",
        "What we know is not fully accessible",
        "Enforcement procedure",
        "How we tested this website",
        "It was last reviewed on",
    ] {
        assert!(accessibility.contains(part), "the statement has {part}");
    }
    // What the privacy notice says is kept is what the job deletes, and it
    // names where to write (the configured contact address).
    let privacy = app.get("/privacy").await.text().await.unwrap();
    for line in retention::SCHEDULE {
        assert!(privacy.contains(line.period), "{}", line.period);
    }
    assert!(privacy.contains("href=\"mailto:hub-support@hub.invalid\""));
    assert!(privacy.contains("href=\"/account/delete\""));
    // The footer of every page, the 404 page included, links to each.
    for page in ["/", "/resources", "/no-such-page", "/sign-in", "/privacy"] {
        let html = app.get(page).await.text().await.unwrap();
        let footer = &html[html.find("<footer").expect("a footer")..];
        for (path, _) in STATEMENTS {
            assert!(
                footer.contains(&format!("href=\"{path}\"")),
                "{page} links to {path}"
            );
        }
        assert!(footer.contains("href=\"/feedback\""));
        assert!(
            html.contains("hub-phase-banner"),
            "{page} has the phase banner"
        );
    }
    assert_eq!(
        app.get("/privacy/extra").await.status(),
        StatusCode::NOT_FOUND
    );
    app.shutdown().await;
}

/// Every cookie any response sets (on a tour through anonymous pages,
/// forms, signing in and out, the API and errors) is on the cookies page.
async fn responses_set_only_listed_cookies(backend: Backend) {
    let app = spawn_app(backend).await;
    let member = create_user(&app, "cookie@example.org", Role::Member).await;
    let browser = Browser::new(&app);
    let mut set = Vec::new();
    for path in [
        "/",
        "/resources?q=timeline",
        "/feedback",
        "/no-such-page",
        "/api/v1/resources",
        "/sitemap.xml",
        "/robots.txt",
    ] {
        set.extend(browser.get(path).await.cookies);
    }
    set.extend(
        browser
            .post("/feedback", &[("comments", "Cookies test")])
            .await
            .cookies,
    );
    set.extend(browser.sign_in(&member.email, PASSWORD, None).await.cookies);
    set.extend(browser.get("/account").await.cookies);
    set.extend(browser.post("/sign-out", &[]).await.cookies);
    assert!(!set.is_empty(), "the tour sets the session cookie at least");
    let listed_page = app.get("/cookies").await.text().await.unwrap();
    for cookie in &set {
        let name = cookie.split('=').next().unwrap().trim();
        assert!(
            cookies::is_listed(name),
            "{name} is set but not listed: {cookie}"
        );
        assert!(
            listed_page.contains(&format!("<code>{name}</code>")),
            "{name} on /cookies"
        );
    }
    for cookie in COOKIES {
        assert!(listed_page.contains(cookie.lifetime));
    }
    app.shutdown().await;
}

async fn feedback_from_anyone_is_kept_for_admins(backend: Backend) {
    let app = spawn_app(backend).await;
    let visitor = Browser::new(&app);
    let form = visitor.get("/feedback?page=/resources/seips").await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(form.body.contains("value=\"/resources/seips\""));

    // Bad input: nothing said, too much said, a satisfaction not offered.
    let page = visitor.post("/feedback", &[("comments", "  ")]).await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.body.contains("Enter your feedback about the hub"));
    let page = visitor
        .post("/feedback", &[("comments", &"x".repeat(1201))])
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.body.contains("1,200") || page.body.contains("1200"));
    let page = visitor
        .post(
            "/feedback",
            &[("comments", "Fine"), ("satisfaction", "ecstatic")],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        scalar(&app, "SELECT COUNT(*) FROM service_feedback").await,
        0
    );

    // Markup is kept as typed and shown as text; an outside page is dropped.
    let hostile = "<script>alert(1)</script> the timeline tool\u{7} is great";
    let page = visitor
        .post(
            "/feedback",
            &[
                ("comments", hostile),
                ("satisfaction", "satisfied"),
                ("page", "/resources/seips"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    assert_eq!(page.location.as_deref(), Some("/resources/seips"));
    let page = visitor
        .post(
            "/feedback",
            &[
                ("comments", "From outside"),
                ("page", "https://evil.example/"),
            ],
        )
        .await;
    assert_eq!(page.location.as_deref(), Some("/"));

    // Admins read it; nobody else can.
    let member = create_user(&app, "member@example.org", Role::Member).await;
    let member_browser = signed_in(&app, &member).await;
    assert_ne!(
        member_browser.get("/admin/feedback").await.status,
        StatusCode::OK
    );
    let admin = create_user(&app, "admin@example.org", Role::Admin).await;
    let admin_browser = signed_in(&app, &admin).await;
    let list = admin_browser.get("/admin/feedback").await;
    assert_eq!(list.status, StatusCode::OK);
    assert!(
        list.body
            .contains("&lt;script&gt;alert(1)&lt;/script&gt; the timeline tool is great"),
        "{}",
        list.body
    );
    assert!(!list.body.contains("<script>alert(1)"));
    assert!(list.body.contains("Satisfied") && list.body.contains("/resources/seips"));
    assert!(list.body.contains("Not signed in"));
    app.shutdown().await;
}

async fn a_feedback_flood_is_refused(backend: Backend) {
    let app = spawn_app(backend).await;
    let visitor = Browser::new(&app);
    let token = visitor.csrf_token().await;
    // Concurrent posts: no more than the limit get through.
    let mut posts = tokio::task::JoinSet::new();
    for n in 0..14 {
        let visitor = visitor.clone();
        let token = token.clone();
        posts.spawn(async move {
            let comments = format!("Flood {n}");
            visitor
                .post_raw(
                    "/feedback",
                    &[
                        ("csrf_token", token.as_str()),
                        ("comments", comments.as_str()),
                    ],
                )
                .await
                .status
        });
    }
    let mut statuses = Vec::new();
    while let Some(status) = posts.join_next().await {
        statuses.push(status.expect("a post task"));
    }
    let count = |wanted: StatusCode| statuses.iter().filter(|status| **status == wanted).count();
    let accepted = count(StatusCode::SEE_OTHER);
    // A burst may refuse some that would have fitted (each counts itself
    // before it checks), never let more through.
    assert!(accepted <= 10, "{statuses:?}");
    assert_eq!(
        accepted + count(StatusCode::TOO_MANY_REQUESTS),
        14,
        "{statuses:?}"
    );
    // One at a time, the rest of the allowance is there, and no more.
    let mut more = 0;
    for n in 0..12 {
        let page = visitor
            .post("/feedback", &[("comments", &format!("Steady {n}"))])
            .await;
        match page.status {
            StatusCode::SEE_OTHER => more += 1,
            StatusCode::TOO_MANY_REQUESTS => assert!(page.body.contains("Wait an hour")),
            other => panic!("{other}: {}", page.body),
        }
    }
    assert_eq!(accepted + more, 10);
    assert_eq!(
        scalar(&app, "SELECT COUNT(*) FROM service_feedback").await,
        10
    );
    app.shutdown().await;
}

async fn the_retention_job_deletes_exactly_what_is_past_its_period(backend: Backend) {
    let app = spawn_app(backend).await;
    let now = 2_000_000_000_i64;
    let day = 86_400;
    let audit_cutoff = retention::cutoff(now, retention::AUDIT_RECORD_DAYS);
    for (at, action) in [
        (audit_cutoff - 1, "old"),
        (audit_cutoff, "edge"),
        (now - day, "new"),
    ] {
        execute(
            &app,
            &format!("INSERT INTO audit_log (at, action) VALUES ({at}, '{action}')"),
        )
        .await;
    }
    let feedback_cutoff = retention::cutoff(now, retention::FEEDBACK_DAYS);
    for (at, comments) in [(feedback_cutoff - 60, "old"), (feedback_cutoff + 60, "new")] {
        execute(
            &app,
            &format!("INSERT INTO service_feedback (at, comments) VALUES ({at}, '{comments}')"),
        )
        .await;
    }
    let miss_cutoff = retention::cutoff(now, retention::SEARCH_MISS_DAYS);
    let timestamp = |seconds: i64| match backend {
        Backend::Sqlite => format!("strftime('%Y-%m-%dT%H:%M:%fZ', {seconds}, 'unixepoch')"),
        Backend::Postgres => format!("to_timestamp({seconds})"),
    };
    for (query, at) in [
        ("old search", miss_cutoff - 60),
        ("new search", miss_cutoff + 60),
    ] {
        execute(
            &app,
            &format!(
                "INSERT INTO search_misses (query, last_seen) VALUES ('{query}', {})",
                timestamp(at)
            ),
        )
        .await;
    }
    let report_cutoff = retention::cutoff(now, retention::DECIDED_REPORT_DAYS);
    for (status, decided_at, note) in [
        ("hidden", Some(report_cutoff - 60), "old decided"),
        ("dismissed", Some(report_cutoff + 60), "new decided"),
        ("open", None, "old open"),
    ] {
        let decided = decided_at.map_or("NULL".to_string(), |at| at.to_string());
        execute(&app, &format!(
            "INSERT INTO reports (subject_kind, subject_id, reason, note, excerpt, reported_at, status, decided_at)
             VALUES ('message', 1, 'spam', '{note}', 'text', {}, '{status}', {decided})",
            report_cutoff - 10 * day
        )).await;
    }

    let deleted = retention::apply(&app.db, now).await.unwrap();
    assert_eq!(
        deleted,
        retention::Deleted {
            audit_records: 1,
            feedback: 1,
            search_misses: 1,
            decided_reports: 1
        }
    );
    assert_eq!(
        scalar(
            &app,
            "SELECT COUNT(*) FROM audit_log WHERE action IN ('edge', 'new')"
        )
        .await,
        2
    );
    assert_eq!(
        scalar(&app, "SELECT COUNT(*) FROM audit_log WHERE action = 'old'").await,
        0
    );
    assert_eq!(
        scalar(
            &app,
            "SELECT COUNT(*) FROM service_feedback WHERE comments = 'new'"
        )
        .await,
        1
    );
    assert_eq!(
        scalar(
            &app,
            "SELECT COUNT(*) FROM search_misses WHERE query = 'new search'"
        )
        .await,
        1
    );
    assert_eq!(
        scalar(&app, "SELECT COUNT(*) FROM reports").await,
        2,
        "open reports stay"
    );
    assert_eq!(
        scalar(
            &app,
            "SELECT COUNT(*) FROM reports WHERE note = 'old decided'"
        )
        .await,
        0
    );
    // Running it again deletes nothing more.
    assert_eq!(
        retention::apply(&app.db, now).await.unwrap(),
        retention::Deleted::default()
    );
    app.shutdown().await;
}

/// The `<loc>` paths of a sitemap, without the public address.
fn sitemap_paths(xml: &str) -> Vec<String> {
    xml.split("<loc>")
        .skip(1)
        .map(|rest| rest.split("</loc>").next().unwrap())
        .map(|url| {
            url.strip_prefix("http://127.0.0.1:3000")
                .expect("full addresses")
                .to_string()
        })
        .collect()
}

async fn the_sitemap_lists_exactly_the_public_pages(backend: Backend) {
    let app = spawn_app_with_demo(backend).await;
    // A draft, a profile for members only, a suspended member and a hidden
    // profile must not be listed.
    execute(&app, "UPDATE resources SET status = 'draft', workflow = 'draft' WHERE slug = 'seips-in-practice'").await;
    let public =
        member_with_public_profile(&app, "public@example.org", "Pat Public", "public").await;
    let members_only =
        member_with_public_profile(&app, "members@example.org", "Mo Members", "members").await;
    let suspended =
        member_with_public_profile(&app, "suspended@example.org", "Sue Spended", "public").await;
    let hidden =
        member_with_public_profile(&app, "hidden@example.org", "Hal Hidden", "public").await;
    app::accounts::repo::set_status(
        &app.db,
        suspended.1,
        app::accounts::AccountStatus::Suspended,
    )
    .await
    .unwrap();
    app::network::repo::hide_profile(&app.db, hidden.1, 1)
        .await
        .unwrap();

    let response = app.get("/sitemap.xml").await;
    assert_eq!(response.status(), StatusCode::OK);
    assert!(response.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("application/xml"));
    let paths = sitemap_paths(&response.text().await.unwrap());

    let mut expected: Vec<String> = [
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
    ]
    .iter()
    .map(|path| path.to_string())
    .collect();
    let slugs: Vec<String> = app::with_pool!(&app.db, pool => sqlx::query_scalar("SELECT slug FROM resources WHERE status = 'published' ORDER BY slug").fetch_all(pool).await.unwrap());
    assert!(!slugs.is_empty());
    expected.extend(slugs.iter().map(|slug| format!("/resources/{slug}")));
    let organisations: Vec<String> = app::with_pool!(&app.db, pool => sqlx::query_scalar("SELECT slug FROM organisations ORDER BY slug").fetch_all(pool).await.unwrap());
    expected.extend(
        organisations
            .iter()
            .map(|slug| format!("/organisations/{slug}")),
    );
    expected.extend(
        app::vocabulary::Sector::ALL
            .iter()
            .map(|sector| format!("/sectors/{}", sector.slug())),
    );
    let handles: Vec<String> = app::with_pool!(&app.db, pool => sqlx::query_scalar(
        "SELECT handle FROM profiles WHERE listed AND visibility = 0 AND hidden_at IS NULL ORDER BY handle"
    ).fetch_all(pool).await.unwrap());
    expected.extend(
        handles
            .iter()
            .map(|handle| format!("/network/members/{handle}")),
    );
    let mut sorted = paths.clone();
    sorted.sort();
    expected.sort();
    assert_eq!(sorted, expected);
    assert!(paths.contains(&format!("/network/members/{}", public.0)));
    for (handle, _) in [&members_only, &suspended, &hidden] {
        assert!(
            !paths.contains(&format!("/network/members/{handle}")),
            "{handle}"
        );
    }
    assert!(!paths.contains(&"/resources/seips-in-practice".to_string()));

    assert_eq!(
        app.get("/sitemap.xml?page=1").await.status(),
        StatusCode::OK
    );
    for bad in [
        "/sitemap.xml?page=2",
        "/sitemap.xml?page=0",
        "/sitemap.xml?page=x",
    ] {
        assert_eq!(app.get(bad).await.status(), StatusCode::NOT_FOUND, "{bad}");
    }
    let robots = app.get("/robots.txt").await.text().await.unwrap();
    for line in [
        "Disallow: /account",
        "Disallow: /admin",
        "Disallow: /curation",
        "Disallow: /resources?",
        "Sitemap: http://127.0.0.1:3000/sitemap.xml",
    ] {
        assert!(robots.contains(line), "{line}");
    }
    app.shutdown().await;
}

/// A member with a profile of the given visibility: (handle, user id).
async fn member_with_public_profile(
    app: &TestApp,
    email: &str,
    name: &str,
    visibility: &str,
) -> (String, i64) {
    let user = create_user(app, email, Role::Member).await;
    let browser = signed_in(app, &user).await;
    let page = browser
        .post(
            "/account/profile",
            &[("display_name", name), ("visibility", visibility)],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    let handle = page
        .location
        .unwrap()
        .trim_start_matches("/network/members/")
        .to_string();
    (handle, user.id)
}

async fn public_pages_carry_canonical_links_and_previews(backend: Backend) {
    let app = spawn_app_with_demo(backend).await;
    execute(&app, "UPDATE resources SET title = 'Tom & \"Jerry\" <b>bold</b>' WHERE slug = 'seips-in-practice'").await;
    let html = app
        .get("/resources/seips-in-practice")
        .await
        .text()
        .await
        .unwrap();
    assert!(
        html.contains(
            r#"<link rel="canonical" href="http://127.0.0.1:3000/resources/seips-in-practice">"#
        ),
        "{html}"
    );
    assert!(
        html.contains(r#"<meta property="og:title" content="Tom &amp; &quot;Jerry&quot; &lt;b&gt;bold&lt;/b&gt;">"#),
        "escaped in attributes"
    );
    assert!(!html.contains(r#"content="Tom & "Jerry""#));
    let head_end = html.find("</head>").unwrap();
    assert!(html.find("og:title").unwrap() < head_end, "in <head>");
    // The tags are not part of what the client hydrates: the first
    // resource the page serialises is still number 0 (the viewer), as the
    // client counts.
    assert!(
        html.contains("__RESOLVED_RESOURCES[0] ="),
        "hydration ids start at 0"
    );
    let missing = app.get("/resources/no-such-resource").await;
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
    assert!(!missing.text().await.unwrap().contains("og:title"));
    for property in ["og:title", "og:description", "og:url", "twitter:card"] {
        assert!(html.contains(property), "{property}");
    }
    let organisation: String = app::with_pool!(&app.db, pool => sqlx::query_scalar("SELECT slug FROM organisations ORDER BY slug LIMIT 1").fetch_one(pool).await.unwrap());
    let html = app
        .get(&format!("/organisations/{organisation}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(html.contains(&format!(
        "http://127.0.0.1:3000/organisations/{organisation}\""
    )));
    assert!(html.contains("og:title"));
    let html = app.get("/sectors/primary-care").await.text().await.unwrap();
    assert!(html.contains("og:description"));
    // A public profile has a preview; one for members only has none, even
    // for a member looking at it (a link to it could not unfold anyway).
    let (public, _) =
        member_with_public_profile(&app, "pat@example.org", "Pat Public", "public").await;
    let html = app
        .get(&format!("/network/members/{public}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        html.contains(r#"<meta property="og:title" content="Pat Public">"#),
        "{html}"
    );
    let (members_only, _) =
        member_with_public_profile(&app, "mo@example.org", "Mo Members", "members").await;
    let member = create_user(&app, "reader@example.org", Role::Member).await;
    let reader = signed_in(&app, &member).await;
    let page = reader
        .get(&format!("/network/members/{members_only}"))
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(!page.body.contains("og:title"));
    app.shutdown().await;
}

crate::both_backends!(
    statements_are_published_and_linked_from_every_page,
    responses_set_only_listed_cookies,
    feedback_from_anyone_is_kept_for_admins,
    a_feedback_flood_is_refused,
    the_retention_job_deletes_exactly_what_is_past_its_period,
    the_sitemap_lists_exactly_the_public_pages,
    public_pages_carry_canonical_links_and_previews,
);
