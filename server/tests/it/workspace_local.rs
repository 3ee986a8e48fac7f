//! The timeline kept in the browser, through real HTTP on both backends:
//! its page for visitors and members (what works without JavaScript is
//! said, the browser's buttons wait for it, a member's copy goes to the
//! import form with its token), the service worker with its own narrow
//! policy, and the page's policy letting it register. What it does in the
//! browser is end2end/tests/workspace_local.spec.ts.

use crate::support::accounts::*;
use crate::support::{spawn_app, Backend, TestApp};
use app::accounts::Role;
use app::toolkits::local::{file_digest, LocalInvestigation};
use app::toolkits::timeline::EntryInput;
use app::toolkits::types::DetailsInput;
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
        + body
            .matches("=\"local-send\" disabled data-local-ready")
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
    assert_eq!(waiting(&body), 5, "details, show, add, download, delete");
    assert!(body.contains("<template id=\"local-row\">"));
    // The chart waits, hidden, for the browser to draw it from the shapes
    // of its template.
    assert!(body.contains("<figure id=\"local-chart\" hidden class=\"hub-chart\">"));
    assert!(body.contains("<template id=\"local-chart-parts\"><svg><g data-part=\"group\"></g><rect data-part=\"lane\""));
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
        "<form id=\"local-save\" method=\"post\" action=\"/workspaces/local\" enctype=\"multipart/form-data\">"
    ));
    let token = hidden_value(&page.body, "csrf_token").expect("the save form has a token");
    assert!(!token.is_empty());
    assert_eq!(waiting(&page.body), 6, "and save");
    assert!(page
        .body
        .contains("href=\"/workspaces\">Your investigations</a>"));

    // A form that is not the save form's (no file) is refused on the
    // page, never a failure, and nothing is made.
    let posted = browser
        .upload(LOCAL, &[("action", "add-entry"), ("what", "x")], None, true)
        .await;
    assert_eq!(
        posted.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        posted.body
    );
    assert!(posted.body.contains("This browser's copy was not saved"));
    // Any other kind of body is not the save form's either.
    let plain = browser
        .post(LOCAL, &[("action", "add-entry"), ("what", "x")])
        .await;
    assert_eq!(plain.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
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

/// A file of the browser's timeline: its title, and an entry for each
/// of `whats`, an hour apart.
pub(crate) fn timeline_file(title: &str, whats: &[&str]) -> Vec<u8> {
    let mut local = LocalInvestigation::default();
    local
        .change_details(&DetailsInput {
            title: title.into(),
            response: "psii".into(),
            sector: String::new(),
            scope: String::new(),
        })
        .unwrap();
    for (hour, what) in whats.iter().enumerate() {
        local
            .add_entry(&EntryInput {
                date: "2026-03-02".into(),
                time: format!("{:02}:00", hour + 8),
                what: (*what).into(),
                source: "clinical-record".into(),
                ..EntryInput::default()
            })
            .unwrap();
    }
    local.file().into_bytes()
}

/// Sends `file` as the page's save form does, as a new copy or over
/// `account`'s (id and version).
pub(crate) async fn save(browser: &Browser, file: &[u8], account: Option<(i64, i64)>) -> Page {
    let (id, version) = account.map_or((String::new(), String::new()), |(id, version)| {
        (id.to_string(), version.to_string())
    });
    browser
        .upload(
            LOCAL,
            &[("workspace", &id), ("version", &version)],
            Some(("file", "blob", file)),
            true,
        )
        .await
}

async fn entries_of(app: &TestApp, workspace: i64) -> Vec<String> {
    let sql = "SELECT what FROM workspace_entries WHERE workspace_id = $1 ORDER BY starts_at";
    app::with_pool!(&app.db, pool => sqlx::query_scalar::<_, String>(sql).bind(workspace).fetch_all(pool).await.unwrap())
}

/// The page a save lands on tells the browser which copy it is, and the
/// fingerprint of the file it sent, once.
async fn saved_copy(browser: &Browser, save: &Page, file: &[u8]) -> String {
    assert_eq!(save.status, StatusCode::SEE_OTHER, "{}", save.body);
    assert_eq!(save.location.as_deref(), Some(LOCAL));
    let page = browser.get(LOCAL).await;
    let digest = file_digest(std::str::from_utf8(file).unwrap());
    assert!(
        page.body.contains(&format!(" data-digest=\"{digest}\"")),
        "{}",
        page.body
    );
    let news = regex_lite::Regex::new(r#"id="local-account-news" hidden data-saved="([^"]*)""#)
        .unwrap()
        .captures(&page.body)
        .map(|found| found[1].to_string())
        .expect("the page names the account's copy");
    let again = browser.get(LOCAL).await;
    assert!(!again.body.contains("local-account-news"), "said once");
    news
}

/// A new member (`email`) whose browser has saved a one-entry timeline as
/// a new copy in their account: their browser, the copy (at version 1)
/// and the file sent.
async fn saved_once(app: &TestApp, email: &str) -> (Browser, i64, Vec<u8>) {
    let user = create_user(app, email, Role::Member).await;
    let browser = signed_in(app, &user).await;
    let first = timeline_file("Missed referral", &["Referral letter received"]);
    let saved = save(&browser, &first, None).await;
    let news = saved_copy(&browser, &saved, &first).await;
    let id: i64 = news.strip_suffix(" 1 sent").expect(&news).parse().unwrap();
    assert_eq!(entries_of(app, id).await, ["Referral letter received"]);
    (browser, id, first)
}

async fn the_browsers_timeline_goes_to_one_copy_in_the_account_by_version(backend: Backend) {
    let app = spawn_app(backend).await;
    // The first save makes a new investigation, at version 1.
    let (browser, id, first) = saved_once(&app, "keeper@example.org").await;

    // The next, from version 1, replaces its details and timeline.
    let second = timeline_file(
        "Missed referral (GP)",
        &["Referral letter received", "Letter filed <b>unread</b>"],
    );
    let saved = save(&browser, &second, Some((id, 1))).await;
    assert_eq!(
        saved_copy(&browser, &saved, &second).await,
        format!("{id} 2 sent")
    );
    assert_eq!(
        entries_of(&app, id).await,
        ["Referral letter received", "Letter filed <b>unread</b>"]
    );
    let overview = browser.get(&format!("/workspaces/{id}")).await;
    assert!(overview.body.contains("Missed referral (GP)"));
    assert!(overview
        .body
        .contains("Letter filed &lt;b&gt;unread&lt;/b&gt;"));

    // A save from version 1 again (another browser's, say) is refused, and
    // the page shows both, with the account's to take and a form to send
    // the browser's over version 2.
    let other = timeline_file("Missed referral", &["Practice meeting held"]);
    let stale = save(&browser, &other, Some((id, 1))).await;
    assert_eq!(stale.status, StatusCode::CONFLICT, "{}", stale.body);
    assert!(stale.body.contains("Your account's copy has changed"));
    assert!(
        stale.body.contains("Practice meeting held"),
        "the browser's"
    );
    assert!(
        stale
            .body
            .contains("Letter filed &lt;b&gt;unread&lt;/b&gt;"),
        "the account's"
    );
    assert!(stale.body.contains(&format!(
        "id=\"local-conflict\" data-workspace=\"{id}\" data-version=\"2\""
    )));
    assert_eq!(hidden_value(&stale.body, "version").as_deref(), Some("2"));
    assert_eq!(entries_of(&app, id).await.len(), 2, "nothing written");
    // Choosing the browser's sends it over version 2.
    let chosen = save(&browser, &other, Some((id, 2))).await;
    assert_eq!(
        saved_copy(&browser, &chosen, &other).await,
        format!("{id} 3 sent")
    );
    assert_eq!(entries_of(&app, id).await, ["Practice meeting held"]);

    // Someone else's, or one that is not there: not found, the same page
    // either way, and the browser is told to forget it.
    let stranger = create_user(&app, "stranger@example.org", Role::Member).await;
    let stranger = signed_in(&app, &stranger).await;
    for (who, workspace) in [(&stranger, id), (&browser, id + 1000)] {
        let refused = save(who, &first, Some((workspace, 3))).await;
        assert_eq!(refused.status, StatusCode::NOT_FOUND, "{}", refused.body);
        assert!(refused.body.contains("no longer in your account"));
        assert!(refused.body.contains(&format!(
            "id=\"local-account-news\" hidden data-gone=\"{workspace}\""
        )));
    }
    assert_eq!(entries_of(&app, id).await, ["Practice meeting held"]);

    // One with findings, factors or actions is left for its own pages.
    let copied = browser
        .post("/workspaces", &[("action", "copy-example")])
        .await;
    let example: i64 = copied
        .location
        .as_deref()
        .and_then(|to| to.strip_prefix("/workspaces/"))
        .and_then(|id| id.parse().ok())
        .expect("the copy's page");
    let before = entries_of(&app, example).await;
    let refused = save(&browser, &first, Some((example, 1))).await;
    assert_eq!(refused.status, StatusCode::CONFLICT, "{}", refused.body);
    assert!(refused.body.contains("none of them is lost"));
    assert!(refused.body.contains("data-gone"));
    assert_eq!(entries_of(&app, example).await, before);

    // Hostile or broken sends: refused on the page, nothing written.
    for (file, fields) in [
        (&b"{\"notes\": 1}"[..], ("", "")),
        (&b"\xff\xfe"[..], ("", "")),
        (&first[..], ("<script>", "1")),
        (&first[..], (&*id.to_string(), "two")),
    ] {
        let refused = browser
            .upload(
                LOCAL,
                &[("workspace", fields.0), ("version", fields.1)],
                Some(("file", "blob", file)),
                true,
            )
            .await;
        assert_eq!(
            refused.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{}",
            refused.body
        );
        assert!(refused.body.contains("was not saved"), "{}", refused.body);
    }
    assert_eq!(entries_of(&app, id).await, ["Practice meeting held"]);
    // Without the form's token: refused.
    let forged = browser
        .upload(
            LOCAL,
            &[("workspace", &id.to_string()), ("version", "3")],
            Some(("file", "blob", &first)),
            false,
        )
        .await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
    assert_eq!(entries_of(&app, id).await, ["Practice meeting held"]);
    app.shutdown().await;
}

async fn sends_to_the_account_have_a_limit_of_their_own(backend: Backend) {
    let app = spawn_app(backend).await;
    let (browser, id, _) = saved_once(&app, "sender@example.org").await;

    // 120 sends an hour, counted before the file is read: damaged ones
    // count too.
    for _ in 0..120 {
        let refused = save(&browser, b"not json", Some((id, 1))).await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    }
    let second = timeline_file("Missed referral", &["Referral letter received", "Filed"]);
    let refused = save(&browser, &second, Some((id, 1))).await;
    assert_eq!(
        refused.status,
        StatusCode::TOO_MANY_REQUESTS,
        "{}",
        refused.body
    );
    assert!(refused
        .body
        .contains("You have sent changes to your account 120 times in the last hour"));
    assert!(refused.body.contains("This browser keeps its copy."));
    assert_eq!(entries_of(&app, id).await, ["Referral letter received"]);
    // A first save is an import, counted apart: it still goes through.
    let saved = save(&browser, &second, None).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    app.shutdown().await;
}

crate::both_backends!(
    sends_to_the_account_have_a_limit_of_their_own,
    the_browsers_timeline_goes_to_one_copy_in_the_account_by_version,
    anyone_gets_the_page_and_a_member_can_save_it,
    the_service_worker_is_served_with_its_own_policy,
);
