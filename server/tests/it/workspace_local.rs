//! The timeline kept in the browser, through real HTTP on both backends:
//! its page for visitors and members (what works without JavaScript is
//! said, the browser's buttons wait for it, a member's copy goes to the
//! import form with its token), the service worker with its own narrow
//! policy, and the page's policy letting it register. What it does in the
//! browser is end2end/tests/workspace_local.spec.ts.

use crate::support::accounts::*;
use crate::support::{spawn_app, Backend};
use app::accounts::Role;
use reqwest::header::{CACHE_CONTROL, CONTENT_SECURITY_POLICY, CONTENT_TYPE};
use reqwest::StatusCode;

const LOCAL: &str = "/workspaces/local";

/// How many of the tool's buttons wait, disabled, for its code.
fn waiting(body: &str) -> usize {
    body.matches("=\"submit\" disabled data-local-ready")
        .count()
        + body
            .matches("=\"local-download\" disabled data-local-ready")
            .count()
        + body
            .matches("=\"local-clear\" disabled data-local-ready")
            .count()
}

async fn anyone_gets_the_page_and_a_member_can_save_it(backend: Backend) {
    let app = spawn_app(backend).await;

    let response = app.get(LOCAL).await;
    assert_eq!(response.status(), StatusCode::OK);
    let policy = response.headers()[CONTENT_SECURITY_POLICY]
        .to_str()
        .unwrap()
        .to_string();
    assert!(policy.contains("worker-src 'self'"), "{policy}");
    let body = response.text().await.unwrap();
    assert!(body.contains("<title>A timeline in this browser"), "{body}");
    assert!(body.contains("No patient-identifiable information"));
    assert!(body.contains("kept in this browser only"));
    // Without JavaScript: said, with the way that works instead; every
    // button of the tool waits for its code.
    assert!(body.contains("needs JavaScript"));
    assert!(body.contains("href=\"/sign-in?next=%2Fworkspaces\""));
    // (Counted in the page, not in its copy in the hydration data, where
    // every quote is escaped.)
    assert_eq!(waiting(&body), 4, "details, add, download, delete");
    assert!(body.contains("<template id=\"local-row\">"));
    assert!(
        !body.contains("id=\"local-save\""),
        "visitors are asked to sign in"
    );
    assert!(body.contains("href=\"/sign-in?next=%2Fworkspaces%2Flocal\""));

    let user = create_user(&app, "local@example.org", Role::Member).await;
    let browser = signed_in(&app, &user).await;
    let page = browser.get(LOCAL).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains(
        "<form id=\"local-save\" method=\"post\" action=\"/workspaces/import\" enctype=\"multipart/form-data\">"
    ));
    let token = hidden_value(&page.body, "csrf_token").expect("the save form has a token");
    assert!(!token.is_empty());
    assert_eq!(waiting(&page.body), 5, "and save");
    assert!(page
        .body
        .contains("href=\"/workspaces\">Your investigations</a>"));

    // The address takes no posts: a form sent to it is told so (its
    // route is the page's alone), never a failure, and nothing is made.
    let posted = browser
        .post(LOCAL, &[("action", "add-entry"), ("what", "x")])
        .await;
    assert_eq!(
        posted.status,
        StatusCode::METHOD_NOT_ALLOWED,
        "{}",
        posted.body
    );
    // Whatever the query, it is the same page.
    let odd = app.get("/workspaces/local?tool=%3Cscript%3E&entry=1").await;
    assert_eq!(odd.status(), StatusCode::OK);
    app.shutdown().await;
}

async fn the_service_worker_is_served_with_its_own_policy(backend: Backend) {
    let app = spawn_app(backend).await;
    let response = app.get("/sw.js").await;
    assert_eq!(response.status(), StatusCode::OK);
    let header = |name| response.headers()[name].to_str().unwrap().to_string();
    assert_eq!(header(CONTENT_TYPE), "text/javascript; charset=utf-8");
    // It may fetch from the hub, and nothing else.
    assert_eq!(
        header(CONTENT_SECURITY_POLICY),
        "default-src 'none'; connect-src 'self'"
    );
    // Browsers check it for a new version on each visit.
    assert_eq!(header(CACHE_CONTROL), "no-cache");
    let body = response.text().await.unwrap();
    assert!(body.contains("const PAGE = \"/workspaces/local\";"));
    assert!(
        body.contains("fetch(request).catch("),
        "the page from the network first"
    );
    app.shutdown().await;
}

crate::both_backends!(
    anyone_gets_the_page_and_a_member_can_save_it,
    the_service_worker_is_served_with_its_own_policy,
);
