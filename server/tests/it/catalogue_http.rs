//! The catalogue over HTTP on both backends: pages with the right status
//! and content, sanitised bodies, and the partner read API.

use crate::support::{spawn_app_with_demo, Backend, TestApp};
use reqwest::StatusCode;
use serde_json::Value;

async fn json(app: &TestApp, path: &str) -> (StatusCode, Value) {
    let response = app.get(path).await;
    let status = response.status();
    (status, response.json().await.unwrap())
}

async fn the_search_page_renders_results_without_javascript(backend: Backend) {
    let app = spawn_app_with_demo(backend).await;
    let response = app
        .get("/resources?q=timeline+mapping&sector=mental-health")
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let html = response.text().await.unwrap();
    assert!(
        html.contains("<title>Search results for timeline mapping"),
        "title names the search"
    );
    assert!(html.contains("<mark>"), "matches are highlighted");
    assert!(
        html.contains("name=\"sector\" type=\"checkbox\" value=\"mental-health\" checked"),
        "the chosen filter stays ticked"
    );
    assert!(html.contains("resources</h2>") || html.contains("resource</h2>"));
    app.shutdown().await;
}

async fn bad_search_parameters_get_400_and_a_message(backend: Backend) {
    let app = spawn_app_with_demo(backend).await;
    let long = "a".repeat(201);
    for (path, message) in [
        (
            "/resources?sector=space".to_string(),
            "there is no sector called &#x27;space&#x27;",
        ),
        (
            "/resources?page=0".to_string(),
            "page must be a whole number",
        ),
        ("/resources?page=99".to_string(), "There are only"),
        (format!("/resources?q={long}"), "200 characters or fewer"),
        (
            "/resources?provider=nobody".to_string(),
            "there is no provider called",
        ),
        (
            "/resources?topic=juggling".to_string(),
            "there is no topic called &#x27;juggling&#x27;",
        ),
        (
            "/resources?capability=juggling".to_string(),
            "there is no capability domain called &#x27;juggling&#x27;",
        ),
        (
            "/resources?capability=analysis&capability=Analysis".to_string(),
            "there is no capability domain called &#x27;Analysis&#x27;",
        ),
    ] {
        let response = app.get(&path).await;
        assert_eq!(response.status(), StatusCode::BAD_REQUEST, "{path}");
        let html = response.text().await.unwrap();
        assert!(html.contains("There is a problem"), "{path}");
        assert!(
            html.contains(message) || html.contains(&message.replace("&#x27;", "'")),
            "{path}: {message}"
        );
    }
    app.shutdown().await;
}

async fn resource_pages_show_the_resource_or_404(backend: Backend) {
    let app = spawn_app_with_demo(backend).await;
    let catalogue = server::seed::demo::catalogue().unwrap();
    let module = catalogue
        .resources
        .iter()
        .find(|r| r.lessons.len() >= 3)
        .unwrap();
    let html = app
        .get(&format!("/resources/{}", module.slug))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        html.contains(&format!("<title>{}", module.title.replace('\'', "&#x27;")))
            || html.contains(&module.title)
    );
    assert!(html.contains("Start the module"));
    assert!(html.contains("Next review due"));

    let lesson = app
        .get(&format!("/resources/{}/lessons/2", module.slug))
        .await;
    assert_eq!(lesson.status(), StatusCode::OK);
    let html = lesson.text().await.unwrap();
    assert!(
        html.contains(&format!("lesson 2 of {}", module.lessons.len())),
        "lesson position"
    );
    assert!(html.contains("rel=\"prev\"") && html.contains("Previous"));

    for missing in [
        "/resources/no-such-thing",
        &format!("/resources/{}/lessons/99", module.slug),
        "/organisations/nobody",
        "/sectors/outer-space",
    ] {
        assert_eq!(
            app.get(missing).await.status(),
            StatusCode::NOT_FOUND,
            "{missing}"
        );
    }
    let signposted = catalogue
        .resources
        .iter()
        .find(|r| !r.url.is_empty())
        .unwrap();
    let html = app
        .get(&format!("/resources/{}", signposted.slug))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        html.contains("(leaves this site)"),
        "outbound link says it leaves the hub"
    );
    assert!(html.contains(&signposted.url));
    app.shutdown().await;
}

async fn markdown_bodies_are_sanitised(backend: Backend) {
    let app = spawn_app_with_demo(backend).await;
    let provider = app::organisations::repo::all(&app.db).await.unwrap()[0].id;
    let today = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
    let hostile = app::resources::repo::NewResource {
        slug: "hostile".into(),
        kind: app::vocabulary::ResourceKind::Guide,
        title: "Hostile guide".into(),
        summary: "Tries to run script".into(),
        body: "<script>alert('x')</script>\n\n[click](javascript:alert(1))\n\n<img src=x onerror=alert(2)>".into(),
        provider_id: provider,
        sectors: vec![app::vocabulary::Sector::PrimaryCare],
        topics: vec![],
        capabilities: vec![],
        responses: vec![],
        level: app::vocabulary::Level::Foundation,
        audience: String::new(),
        minutes: 5,
        cpd_hours: 0.0,
        external_url: None,
        published_on: Some(today),
        reviewed_on: today,
        review_by: today + chrono::Days::new(365),
        status: app::vocabulary::Status::Published,
        featured: false,
        lessons: vec![],
        pass_mark: 70,
    };
    app::resources::repo::insert_many(&app.db, &[hostile])
        .await
        .unwrap();
    let html = app.get("/resources/hostile").await.text().await.unwrap();
    let body = &html[html.find("hub-prose").unwrap()..];
    let body = &body[..body.find("About this resource").unwrap()];
    assert!(!body.contains("<script"), "{body}");
    assert!(!body.contains("javascript:"), "{body}");
    assert!(!body.contains("onerror"), "{body}");
    app.shutdown().await;
}

async fn organisation_and_sector_pages_list_resources(backend: Backend) {
    let app = spawn_app_with_demo(backend).await;
    let catalogue = server::seed::demo::catalogue().unwrap();
    let organisation = &catalogue.organisations[0];
    let html = app
        .get(&format!("/organisations/{}", organisation.slug))
        .await
        .text()
        .await
        .unwrap();
    let published = catalogue
        .resources
        .iter()
        .filter(|r| r.provider == organisation.slug)
        .count();
    assert!(
        html.contains(&format!("{published} resource")),
        "count of {published}"
    );
    let html = app.get("/sectors/primary-care").await.text().await.unwrap();
    assert!(html.contains("Primary care"));
    assert!(html.contains("/resources?sector=primary-care"));
    let home = app.get("/").await.text().await.unwrap();
    assert!(home.contains("Featured") && home.contains("/sectors/mental-health"));
    app.shutdown().await;
}

async fn the_api_lists_and_filters_resources(backend: Backend) {
    let app = spawn_app_with_demo(backend).await;
    let (status, body) = json(&app, "/api/v1/resources?q=timeline&kind=toolkit&page=1").await;
    assert_eq!(status, StatusCode::OK);
    assert!(body["total"].as_u64().unwrap() >= 1);
    assert_eq!(body["per_page"], 20);
    let first = &body["items"][0];
    for field in [
        "slug",
        "kind",
        "title",
        "summary",
        "provider",
        "level",
        "sectors",
        "estimated_minutes",
        "published_on",
        "html_url",
    ] {
        assert!(!first[field].is_null(), "item has {field}: {first}");
    }
    assert!(body["items"]
        .as_array()
        .unwrap()
        .iter()
        .all(|item| item["kind"] == "toolkit"));
    assert!(body["facets"]["sector"].is_array());

    let slug = first["slug"].as_str().unwrap();
    let (status, detail) = json(&app, &format!("/api/v1/resources/{slug}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(detail["body_html"].as_str().unwrap().contains('<'));
    assert!(detail["review_by"].is_string());

    let (status, organisations) = json(&app, "/api/v1/organisations").await;
    assert_eq!(status, StatusCode::OK);
    assert!(organisations["items"].as_array().unwrap().len() >= 8);

    let response = app.get("/api/v1/resources").await;
    assert_eq!(response.headers()["access-control-allow-origin"], "*");
    app.shutdown().await;
}

async fn the_api_explains_bad_parameters(backend: Backend) {
    let app = spawn_app_with_demo(backend).await;
    for (query, parameter) in [
        ("sector=space", "sector"),
        ("level=guru", "level"),
        ("page=-1", "page"),
        ("page=999", "page"),
        ("sort=random", "sort"),
        ("provider=nobody", "provider"),
        ("topic=juggling", "topic"),
        ("capability=juggling", "capability"),
        ("capability=", "capability"),
    ] {
        let (status, body) = json(&app, &format!("/api/v1/resources?{query}")).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{query}");
        assert_eq!(body["error"]["parameter"], parameter, "{query}");
        assert!(body["error"]["message"].as_str().unwrap().len() > 10);
    }
    let (status, body) = json(&app, "/api/v1/resources/no-such-thing").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(body["error"]["message"]
        .as_str()
        .unwrap()
        .contains("no-such-thing"));
    app.shutdown().await;
}

async fn seeding_twice_changes_nothing(backend: Backend) {
    let app = spawn_app_with_demo(backend).await;
    let again = server::seed::demo::seed(&app.db).await.unwrap();
    let expected = server::seed::demo::catalogue().unwrap().resources.len() as i64;
    assert_eq!(
        again,
        server::seed::demo::Seeded::AlreadyHasData {
            resources: expected
        }
    );
    assert_eq!(
        app::resources::repo::count(&app.db).await.unwrap(),
        expected
    );
    app.shutdown().await;
}

async fn capability_domains_on_pages_and_in_the_api(backend: Backend) {
    use app::vocabulary::Capability;
    let app = spawn_app_with_demo(backend).await;
    let catalogue = server::seed::demo::catalogue().unwrap();

    // The resource page lists them (in a section the server renders), each
    // a link to the search for it, with the way to the self-assessment.
    let seips = catalogue
        .resources
        .iter()
        .find(|r| r.slug == "seips-in-practice")
        .unwrap();
    assert!(seips.capabilities.contains(&Capability::Analysis));
    let html = app
        .get("/resources/seips-in-practice")
        .await
        .text()
        .await
        .unwrap();
    let row = &html[html
        .find("<section class=\"hub-capability-panel\"")
        .expect("a capability domains section")..];
    let row = &row[..row.find("</section>").unwrap()];
    assert!(row.contains(&format!(
        "At {} level, this resource helps with:",
        seips.level.slug()
    )));
    // Signed out: the way to the self-assessment is through signing in.
    assert!(row.contains(
        "<a href=\"/sign-in?next=%2Faccount%2Fcapability\">Sign in</a> and take the capability self-assessment"
    ));
    for capability in &seips.capabilities {
        assert!(
            row.contains(&format!(
                "<a href=\"/resources?capability={}\">{}</a>",
                capability.slug(),
                capability.label()
            )),
            "{row}"
        );
    }
    assert_eq!(row.matches("<li>").count(), seips.capabilities.len());

    // The search page filters by them and keeps the choice ticked.
    let response = app.get("/resources?capability=analysis").await;
    assert_eq!(response.status(), StatusCode::OK);
    let html = response.text().await.unwrap();
    assert!(html.contains("Capability domain</legend>"), "a facet");
    assert!(html.contains("name=\"capability\" type=\"checkbox\" value=\"analysis\" checked"));
    let analysed = catalogue
        .resources
        .iter()
        .filter(|r| r.capabilities.contains(&Capability::Analysis))
        .count();
    assert!(html.contains(&format!("{analysed} resources</h2>")));

    // The API filters by them, counts them and gives them on a resource.
    let (status, body) = json(&app, "/api/v1/resources?capability=analysis&level=expert").await;
    assert_eq!(status, StatusCode::OK);
    let experts: Vec<&str> = catalogue
        .resources
        .iter()
        .filter(|r| {
            r.capabilities.contains(&Capability::Analysis)
                && r.level == app::vocabulary::Level::Expert
        })
        .map(|r| r.slug.as_str())
        .collect();
    assert_eq!(body["total"], experts.len());
    for item in body["items"].as_array().unwrap() {
        assert!(experts.contains(&item["slug"].as_str().unwrap()), "{item}");
    }
    let facet = body["facets"]["capability"].as_array().unwrap();
    let chosen = facet.iter().find(|v| v["value"] == "analysis").unwrap();
    assert_eq!(chosen["selected"], true);
    assert_eq!(chosen["label"], "Analysis");
    assert!(chosen["count"].as_u64().unwrap() >= experts.len() as u64);

    let (status, detail) = json(&app, "/api/v1/resources/seips-in-practice").await;
    assert_eq!(status, StatusCode::OK);
    let slugs: Vec<&str> = seips.capabilities.iter().map(|c| c.slug()).collect();
    assert_eq!(detail["capabilities"], serde_json::json!(slugs));

    // The OpenAPI document describes both.
    let (_, openapi) = json(&app, "/api/v1/openapi.json").await;
    let parameters = openapi["paths"]["/api/v1/resources"]["get"]["parameters"]
        .as_array()
        .unwrap();
    assert!(
        parameters.iter().any(|p| p["name"] == "capability"),
        "{parameters:?}"
    );
    let document = openapi.to_string();
    assert!(document.contains("\"capabilities\""));
    assert!(document.contains("leading-and-overseeing-investigations"));
    app.shutdown().await;
}

crate::both_backends!(
    capability_domains_on_pages_and_in_the_api,
    the_search_page_renders_results_without_javascript,
    bad_search_parameters_get_400_and_a_message,
    resource_pages_show_the_resource_or_404,
    markdown_bodies_are_sanitised,
    organisation_and_sector_pages_list_resources,
    the_api_lists_and_filters_resources,
    the_api_explains_bad_parameters,
    seeding_twice_changes_nothing,
);
