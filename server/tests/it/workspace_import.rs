//! Importing a workspace file through real HTTP on both backends: a
//! downloaded investigation comes back whole as a new one of the member's,
//! every kind of bad file is refused beside the file field with nothing
//! written, control characters arriving as JSON escapes are dropped (on
//! PostgreSQL a NUL would otherwise fail the write), the body limits of
//! the upload and of every other address, their time limits on a slow
//! connection, the CSRF token, and the limit of investigations.

use crate::learning::count;
use crate::support::accounts::*;
use crate::support::{spawn_app, spawn_app_with, Backend, TestApp};
use app::accounts::Role;
use app::toolkits::exchange::{FORMAT, MAX_IMPORT_BYTES};
use reqwest::StatusCode;
use serde_json::{json, Value};
use std::io::{Read, Write};
use std::time::{Duration, Instant};

const IMPORT: &str = "/workspaces/import";

async fn member(app: &TestApp, email: &str) -> (TestUser, Browser) {
    let user = create_user(app, email, Role::Member).await;
    let browser = signed_in(app, &user).await;
    (user, browser)
}

/// Sends `bytes` as the import form's file.
async fn import(browser: &Browser, bytes: &[u8]) -> Page {
    browser
        .upload(IMPORT, &[], Some(("file", "workspace.json", bytes)), true)
        .await
}

/// The new workspace's id from an import's redirect.
fn imported_id(page: &Page) -> i64 {
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    page.location
        .as_deref()
        .and_then(|to| to.strip_prefix("/workspaces/"))
        .and_then(|id| id.parse().ok())
        .expect("goes to the new workspace")
}

async fn workspaces_of(app: &TestApp, user: &TestUser) -> i64 {
    count(
        app,
        "SELECT COUNT(*) FROM workspaces WHERE owner_id = $1",
        user.id,
    )
    .await
}

/// How many rows of each part (and of each kind of link) a workspace has.
async fn shape(app: &TestApp, workspace: i64) -> Vec<i64> {
    let mut counts = Vec::new();
    for sql in [
        "SELECT COUNT(*) FROM workspace_entries WHERE workspace_id = $1",
        "SELECT COUNT(*) FROM workspace_entries WHERE workspace_id = $1 AND same_as IS NOT NULL",
        "SELECT COUNT(*) FROM workspace_findings WHERE workspace_id = $1",
        "SELECT COUNT(*) FROM workspace_finding_evidence l JOIN workspace_findings f ON f.id = l.finding_id WHERE f.workspace_id = $1",
        "SELECT COUNT(*) FROM workspace_factors WHERE workspace_id = $1",
        "SELECT COUNT(*) FROM workspace_factor_findings l JOIN workspace_factors f ON f.id = l.factor_id WHERE f.workspace_id = $1",
        "SELECT COUNT(*) FROM workspace_actions WHERE workspace_id = $1",
        "SELECT COUNT(*) FROM workspace_action_factors l JOIN workspace_actions a ON a.id = l.action_id WHERE a.workspace_id = $1",
    ] {
        counts.push(count(app, sql, workspace).await);
    }
    counts
}

async fn download(browser: &Browser, path: &str) -> String {
    let page = browser.get(path).await;
    assert_eq!(page.status, StatusCode::OK, "{path}");
    page.body
}

async fn a_downloaded_investigation_comes_back_whole(backend: Backend) {
    let app = spawn_app(backend).await;
    let (owner, browser) = member(&app, "importer@example.org").await;
    // The form is there, with its token, for a member.
    let page = browser.get(IMPORT).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Import an investigation"));
    assert!(page.body.contains("enctype=\"multipart/form-data\""));
    assert!(hidden_value(&page.body, "csrf_token").is_some());
    assert!(browser
        .get("/workspaces")
        .await
        .body
        .contains("href=\"/workspaces/import\""));

    let copied = browser
        .post("/workspaces", &[("action", "copy-example")])
        .await;
    let original = imported_id(&copied);
    let file = download(&browser, &format!("/workspaces/{original}/workspace.json")).await;
    let report = download(&browser, &format!("/workspaces/{original}/report.md")).await;

    let imported = import(&browser, file.as_bytes()).await;
    let id = imported_id(&imported);
    assert_ne!(id, original);
    let page = browser.get(&format!("/workspaces/{id}")).await;
    assert!(
        page.body.contains("into your investigations"),
        "the notice says it was imported"
    );
    assert_eq!(shape(&app, id).await, shape(&app, original).await);
    assert!(shape(&app, id).await.iter().all(|count| *count > 0));
    assert_eq!(workspaces_of(&app, &owner).await, 2);
    // The same investigation: its report reads the same, word for word.
    assert_eq!(
        download(&browser, &format!("/workspaces/{id}/report.md")).await,
        report
    );
    // Its links point within the new one only.
    let stray = count(
        &app,
        "SELECT COUNT(*) FROM workspace_finding_evidence l JOIN workspace_findings f ON f.id = l.finding_id \
         JOIN workspace_entries e ON e.id = l.entry_id WHERE f.workspace_id = $1 AND e.workspace_id <> f.workspace_id",
        id,
    )
    .await;
    assert_eq!(stray, 0);

    // Markup in a file is text on the page.
    let mut hostile: Value = serde_json::from_str(&file).unwrap();
    hostile["details"]["title"] = json!("<script>alert(1)</script> review");
    let id = imported_id(&import(&browser, hostile.to_string().as_bytes()).await);
    let page = browser.get(&format!("/workspaces/{id}")).await;
    assert!(!page.body.contains("<script>alert(1)</script>"));
    assert!(page
        .body
        .contains("&lt;script&gt;alert(1)&lt;/script&gt; review"));

    // Control characters arrive as JSON escapes and are dropped, as a
    // form's are (a NUL would fail the write on PostgreSQL).
    let mut controls: Value = serde_json::from_str(&file).unwrap();
    controls["details"]["title"] = json!("Delayed\u{0} referral\u{7}");
    controls["timeline"][0]["what"] = json!("Seen\u{1b}[31m by the locum\u{0}");
    let id = imported_id(&import(&browser, controls.to_string().as_bytes()).await);
    let title: String = app::with_pool!(&app.db, pool => sqlx::query_scalar(
        "SELECT title FROM workspaces WHERE id = $1").bind(id).fetch_one(pool).await.unwrap());
    assert_eq!(title, "Delayed referral");
    let stored = count(
        &app,
        "SELECT COUNT(*) FROM workspace_entries WHERE workspace_id = $1 AND what LIKE 'Seen[31m by the locum%'",
        id,
    )
    .await;
    assert_eq!(stored, 1);
    app.shutdown().await;
}

async fn bad_files_are_refused_beside_the_field_and_nothing_is_written(backend: Backend) {
    let app = spawn_app(backend).await;
    let (owner, browser) = member(&app, "careful@example.org").await;
    let example: Value = serde_json::from_str(&app::toolkits::exchange::export(
        &app::toolkits::example::example().unwrap(),
    ))
    .unwrap();
    let with = |change: &dyn Fn(&mut Value)| {
        let mut file = example.clone();
        change(&mut file);
        file.to_string().into_bytes()
    };
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("empty", Vec::new(), "Choose a workspace file to import"),
        (
            "not JSON",
            b"<html>not a file</html>".to_vec(),
            "The file is damaged or not JSON",
        ),
        (
            "cut short",
            example.to_string().as_bytes()[..500].to_vec(),
            "The file is damaged or not JSON",
        ),
        (
            "not UTF-8",
            vec![0xff, 0xfe, 0x00, 0x7b],
            "The file is damaged or not JSON",
        ),
        (
            "another format",
            with(&|file| file["format"] = json!("something-else")),
            "This file is not a workspace exported from the hub",
        ),
        (
            "a newer version",
            with(&|file| file["version"] = json!(7)),
            "made by a newer version of the hub (format version 7)",
        ),
        (
            "a date that does not exist",
            with(&|file| file["timeline"][2]["date"] = json!("2026-02-30")),
            "2026-02-30 is not a real date",
        ),
        (
            "a finding citing no entry of its file",
            with(&|file| file["findings"][0]["evidence"] = json!([999])),
            "Nothing was imported",
        ),
    ];
    for (case, bytes, message) in cases {
        let page = import(&browser, &bytes).await;
        assert_eq!(
            page.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{case}: {}",
            page.body
        );
        assert!(page.body.contains(message), "{case}: {message}");
        assert!(
            page.body.contains("Error: Import an investigation"),
            "{case}: the title says so"
        );
        assert!(
            page.body.contains("id=\"file-error\""),
            "{case}: beside the field"
        );
        assert!(
            page.body.contains("href=\"#file\""),
            "{case}: the summary links to it"
        );
    }
    // No file field at all.
    let page = browser.upload(IMPORT, &[], None, true).await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    // Over the largest file, within the upload's body limit: said on the page.
    let padded = {
        let mut text = example.to_string();
        text.push_str(&" ".repeat(MAX_IMPORT_BYTES));
        text
    };
    let page = import(&browser, padded.as_bytes()).await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page
        .body
        .contains("This file is too large: a workspace file is at most 5 MB"));
    // Past the upload's body limit: refused by its declared length before
    // anything reads it. The hub answers 413 at once, so a client still
    // sending ten megabytes may instead find the connection closed; either
    // way nothing is taken.
    let huge = vec![b' '; app::toolkits::handlers::IMPORT_BODY_BYTES + 1];
    let sent = browser
        .client
        .post(browser.url(IMPORT))
        .header("content-type", "multipart/form-data; boundary=B")
        .body(huge)
        .send()
        .await;
    match sent {
        Ok(response) => assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE),
        Err(error) => assert!(error.is_request(), "{error}"),
    }
    // Every other address keeps the server's own limit.
    let big_form = "x".repeat(70 * 1024);
    let page = browser
        .post("/workspaces", &[("title", big_form.as_str())])
        .await;
    assert_eq!(page.status, StatusCode::PAYLOAD_TOO_LARGE);
    // Without its token, or signed out: refused.
    let good = example.to_string();
    let page = browser
        .upload(
            IMPORT,
            &[],
            Some(("file", "w.json", good.as_bytes())),
            false,
        )
        .await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    let page = browser
        .upload(
            IMPORT,
            &[("csrf_token", "not-the-token")],
            Some(("file", "w.json", good.as_bytes())),
            false,
        )
        .await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    let stranger = Browser::new(&app);
    let page = stranger
        .upload(IMPORT, &[], Some(("file", "w.json", good.as_bytes())), true)
        .await;
    assert!(
        matches!(
            page.status,
            StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN
        ),
        "{}",
        page.status
    );
    assert_eq!(stranger.get(IMPORT).await.status, StatusCode::SEE_OTHER);
    // A visitor's upload, a file's size too, is told to sign in (and not
    // cut off mid-send); sent as anything but an upload it keeps a form's
    // limit at this address.
    let bulky = vec![b' '; MAX_IMPORT_BYTES];
    let page = stranger
        .upload(IMPORT, &[], Some(("file", "w.json", &bulky)), true)
        .await;
    assert_eq!(page.status, StatusCode::UNAUTHORIZED);
    assert!(page.body.contains("You need to sign in to do that"));
    let form_sized = "x".repeat(70 * 1024);
    let page = stranger
        .post_raw(IMPORT, &[("file", form_sized.as_str())])
        .await;
    assert_eq!(page.status, StatusCode::PAYLOAD_TOO_LARGE);
    // An upload sent as a plain form is not read as one.
    let page = browser.post(IMPORT, &[("file", good.as_str())]).await;
    assert_eq!(page.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert_eq!(workspaces_of(&app, &owner).await, 0);

    // At most 30 files an hour from one member, bad ones included.
    // The ten uploads above that reached the handler count too.
    let sent = 10;
    for _ in sent..30 {
        let page = import(&browser, b"not json").await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    }
    let page = import(&browser, good.as_bytes()).await;
    assert_eq!(page.status, StatusCode::TOO_MANY_REQUESTS, "{}", page.body);
    assert!(page
        .body
        .contains("You have tried to import 30 files in the last hour"));
    assert_eq!(workspaces_of(&app, &owner).await, 0);
    app.shutdown().await;
}

async fn a_member_with_the_most_investigations_imports_none(backend: Backend) {
    let app = spawn_app(backend).await;
    let (owner, browser) = member(&app, "busy@example.org").await;
    let limit = app::toolkits::types::MAX_WORKSPACES;
    for n in 0..limit {
        app::with_pool!(&app.db, pool => {
            sqlx::query(
                "INSERT INTO workspaces (owner_id, title, response, created_at, updated_at) \
                 VALUES ($1, $2, 'psii', 1, 1)",
            )
            .bind(owner.id)
            .bind(format!("Investigation {n}"))
            .execute(pool)
            .await
            .unwrap();
        });
    }
    let file = app::toolkits::exchange::export(&app::toolkits::example::example().unwrap());
    let page = import(&browser, file.as_bytes()).await;
    assert_eq!(page.status, StatusCode::CONFLICT, "{}", page.body);
    assert!(page
        .body
        .contains(&format!("You have {limit} investigations")));
    assert_eq!(workspaces_of(&app, &owner).await, limit);
    assert!(file.contains(FORMAT));
    app.shutdown().await;
}

/// Sends a request over a connection of its own: its head and the first
/// `sent_first` bytes of `body`, then (when `pause` is given) the rest
/// after that pause, as a slow connection would. The status line answered
/// and how long the answer took from the first byte sent. (It blocks: the
/// runtime's other work, the hub, moves to its other worker meanwhile.)
fn send_slowly(
    app: &TestApp,
    head: &str,
    body: &[u8],
    sent_first: usize,
    pause: Option<Duration>,
) -> (String, Duration) {
    tokio::task::block_in_place(|| {
        let mut stream = std::net::TcpStream::connect(app.address).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(60)))
            .unwrap();
        stream
            .set_write_timeout(Some(Duration::from_secs(60)))
            .unwrap();
        let started = Instant::now();
        stream.write_all(head.as_bytes()).unwrap();
        stream.write_all(&body[..sent_first]).unwrap();
        if let Some(pause) = pause {
            std::thread::sleep(pause);
            stream.write_all(&body[sent_first..]).unwrap();
        }
        let mut answer = [0u8; 512];
        let read = stream.read(&mut answer).unwrap_or(0);
        let status = String::from_utf8_lossy(&answer[..read])
            .lines()
            .next()
            .unwrap_or_default()
            .to_string();
        (status, started.elapsed())
    })
}

async fn an_upload_on_a_slow_connection_has_longer_than_a_form(backend: Backend) {
    const REQUEST: Duration = Duration::from_secs(2);
    const UPLOAD: Duration = Duration::from_secs(8);
    let app = spawn_app_with(backend, |settings| {
        settings.request_time_limit = REQUEST;
        settings.upload_time_limit = UPLOAD;
    })
    .await;
    let owner = create_user(&app, "slow-line@example.org", Role::Member).await;
    // Signing in starts a new session, whose cookie comes with the answer:
    // the connections below send it (the browser's cookie jar keeps its own).
    let browser = Browser::new(&app);
    let signed_in = browser.sign_in(&owner.email, PASSWORD, None).await;
    assert_eq!(
        signed_in.status,
        StatusCode::SEE_OTHER,
        "{}",
        signed_in.body
    );
    let session = format!("{}=", app::web::cookies::SESSION_COOKIE);
    let cookie = signed_in
        .cookies
        .iter()
        .filter_map(|cookie| cookie.split(';').next())
        .find(|pair| pair.starts_with(&session))
        .expect("signing in sets the session's cookie")
        .to_string();
    let token = browser.csrf_token().await;
    let file = app::toolkits::exchange::export(&app::toolkits::example::example().unwrap());
    let (content_type, upload) =
        multipart(Some(&token), &[], Some(("file", "w.json", file.as_bytes())));
    assert!(
        upload.len() < 64 * 1024,
        "within a form's size: only time differs"
    );
    let head = |path: &str, content_type: &str, length: usize| {
        format!(
            "POST {path} HTTP/1.1\r\nHost: hub\r\nCookie: {cookie}\r\nContent-Type: {content_type}\r\nContent-Length: {length}\r\nConnection: close\r\n\r\n"
        )
    };
    let half = upload.len() / 2;

    // An upload whose second half comes after a request's time has passed:
    // read whole and imported, not cut off.
    let (status, took) = send_slowly(
        &app,
        &head(IMPORT, &content_type, upload.len()),
        &upload,
        half,
        Some(REQUEST + Duration::from_millis(500)),
    );
    assert!(status.contains(" 303 "), "{status}");
    assert!(took > REQUEST, "{took:?}");
    assert_eq!(workspaces_of(&app, &owner).await, 1);

    // A form whose body stops half way gets a 503 once a request's time
    // is up, not an upload's, and nothing is written.
    let form = format!("csrf_token={token}&title=Slow");
    let (status, took) = send_slowly(
        &app,
        &head(
            "/workspaces",
            "application/x-www-form-urlencoded",
            form.len(),
        ),
        form.as_bytes(),
        form.len() / 2,
        None,
    );
    assert!(status.contains(" 503 "), "{status}");
    assert!(took >= REQUEST && took < UPLOAD, "{took:?}");
    // So does an upload at any other address.
    let (status, took) = send_slowly(
        &app,
        &head("/workspaces", &content_type, upload.len()),
        &upload,
        half,
        None,
    );
    assert!(status.contains(" 503 "), "{status}");
    assert!(took >= REQUEST && took < UPLOAD, "{took:?}");
    // An upload that never finishes gets a 503 once an upload's time is up.
    let (status, took) = send_slowly(
        &app,
        &head(IMPORT, &content_type, upload.len()),
        &upload,
        half,
        None,
    );
    assert!(status.contains(" 503 "), "{status}");
    assert!(took >= UPLOAD, "{took:?}");
    assert_eq!(workspaces_of(&app, &owner).await, 1);
    app.shutdown().await;
}

crate::both_backends!(
    an_upload_on_a_slow_connection_has_longer_than_a_form,
    a_downloaded_investigation_comes_back_whole,
    a_member_with_the_most_investigations_imports_none,
    bad_files_are_refused_beside_the_field_and_nothing_is_written,
);
