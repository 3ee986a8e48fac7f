//! Reporting and moderation through real HTTP on both backends: who may
//! report what (404 where it must not leak), bad reports, the queue and
//! every decision with its access checks, the audit log and the emails.

use crate::network::{connect, member, Member};
use crate::support::accounts::*;
use crate::support::{spawn_app, Backend, TestApp};
use app::accounts::Role;
use reqwest::StatusCode;

async fn scalar(app: &TestApp, sql: &str) -> i64 {
    app::with_pool!(&app.db, pool => sqlx::query_scalar::<_, i64>(sql).fetch_one(pool).await.unwrap())
}

/// The id of the newest message `from` sent.
async fn newest_message_of(app: &TestApp, from: &Member) -> i64 {
    scalar(
        app,
        &format!(
            "SELECT MAX(id) FROM messages WHERE sender_id = {}",
            from.user.id
        ),
    )
    .await
}

/// A curator, signed in with two-step verification.
async fn moderator(app: &TestApp, email: &str, role: Role) -> Browser {
    let user = create_user(app, email, role).await;
    signed_in(app, &user).await
}

/// The id of the newest report.
async fn newest_report(app: &TestApp) -> i64 {
    scalar(app, "SELECT MAX(id) FROM reports").await
}

async fn a_reported_message_is_hidden_and_the_reporter_told(backend: Backend) {
    let app = spawn_app(backend).await;
    let ada = member(&app, "ada@example.org", "Ada Aldous", &[]).await;
    let ben = member(&app, "ben@example.org", "Ben Brook", &[]).await;
    connect(&ada, &ben).await;
    let sent = ada
        .browser
        .post(
            &format!("/network/messages/{}", ben.handle),
            &[("body", "Mrs Smith in bed 4 was the problem")],
        )
        .await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER);
    let message = newest_message_of(&app, &ada).await;
    let report_path = format!("/report/message/{message}");

    // Ben sees a Report link beside it and the form quotes it.
    let conversation = ben
        .browser
        .get(&format!("/network/messages/{}", ada.handle))
        .await
        .body;
    assert!(conversation.contains(&format!("href=\"{report_path}\"")));
    let form = ben.browser.get(&report_path).await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(form.body.contains("Mrs Smith in bed 4"));

    // Not found for anyone who may not report it: its sender, a stranger,
    // nobody signed in (sent to sign in), and for messages that are not there.
    assert_eq!(
        ada.browser.get(&report_path).await.status,
        StatusCode::NOT_FOUND
    );
    let carl = member(&app, "carl@example.org", "Carl Crane", &[]).await;
    let page = carl.browser.get(&report_path).await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    assert!(!page.body.contains("Mrs Smith"));
    let page = carl
        .browser
        .post(&report_path, &[("reason", "patient-information")])
        .await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    assert_ne!(
        Browser::new(&app).get(&report_path).await.status,
        StatusCode::OK
    );
    for missing in [
        "/report/message/999999",
        "/report/message/x",
        "/report/poem/1",
        "/report/profile/nobody-here",
    ] {
        assert_eq!(
            ben.browser.get(missing).await.status,
            StatusCode::NOT_FOUND,
            "{missing}"
        );
        assert_eq!(
            ben.browser
                .post(missing, &[("reason", "spam")])
                .await
                .status,
            StatusCode::NOT_FOUND,
            "{missing}"
        );
    }
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM reports").await, 0);

    // Bad reports: no reason, an unknown reason, an over-long note.
    let page = ben.browser.post(&report_path, &[("note", "bad")]).await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.body.contains("Select which community rule it breaks"));
    let page = ben
        .browser
        .post(&report_path, &[("reason", "<b>x</b>")])
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    let page = ben
        .browser
        .post(
            &report_path,
            &[("reason", "spam"), ("note", &"n".repeat(1001))],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);

    // The report; the same again is refused.
    let page = ben
        .browser
        .post(
            &report_path,
            &[
                ("reason", "patient-information"),
                ("note", "<i>names a patient</i>"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    assert_eq!(page.location.as_deref(), Some("/account/reports"));
    let page = ben.browser.post(&report_path, &[("reason", "spam")]).await;
    assert_eq!(page.status, StatusCode::CONFLICT);
    assert!(page.body.contains("already reported"));
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM reports").await, 1);
    let own = ben.browser.get("/account/reports").await.body;
    assert!(own.contains("Waiting for a moderator"));

    // Members cannot see the queue or decide; a curator can.
    let report = newest_report(&app).await;
    let case_path = format!("/curation/reports/{report}");
    assert_ne!(
        ben.browser.get("/curation/reports").await.status,
        StatusCode::OK
    );
    let page = ben
        .browser
        .post(&case_path, &[("decision", "dismiss")])
        .await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    let curator = moderator(&app, "curator@example.org", Role::Curator).await;
    let queue = curator.get("/curation/reports").await;
    assert_eq!(queue.status, StatusCode::OK);
    assert!(queue.body.contains(&format!("href=\"{case_path}\"")));
    let case = curator.get(&case_path).await;
    assert!(
        case.body.contains("Mrs Smith in bed 4"),
        "the content in context"
    );
    assert!(
        case.body.contains("&lt;i&gt;names a patient&lt;/i&gt;"),
        "the note, escaped"
    );
    assert!(
        !case.body.contains("value=\"suspend\""),
        "curators are not offered suspension"
    );
    assert_eq!(
        curator.get("/curation/reports/999999").await.status,
        StatusCode::NOT_FOUND
    );

    // A curator cannot suspend; a hide needs a reason for the member.
    let page = curator
        .post(&case_path, &[("decision", "suspend"), ("note", "x")])
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    let page = curator.post(&case_path, &[("decision", "hide")]).await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    let page = curator
        .post(
            &case_path,
            &[("decision", "hide"), ("note", "It names a patient.")],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    let page = curator.post(&case_path, &[("decision", "dismiss")]).await;
    assert_eq!(page.status, StatusCode::CONFLICT, "decided once");

    // Both people now see a notice instead of the text; the text stays for the record.
    for (viewer, other) in [(&ben, &ada), (&ada, &ben)] {
        let conversation = viewer
            .browser
            .get(&format!("/network/messages/{}", other.handle))
            .await
            .body;
        assert!(!conversation.contains("Mrs Smith"), "hidden");
        assert!(conversation.contains("A moderator hid this message"));
    }
    assert!(curator
        .get(&case_path)
        .await
        .body
        .contains("Mrs Smith in bed 4"));
    assert!(ben
        .browser
        .get("/account/reports")
        .await
        .body
        .contains("Content hidden"));
    email_containing(&app, "ben@example.org", "has hidden it").await;
    let to_ada = email_containing(&app, "ada@example.org", "It names a patient.").await;
    for reporter in ["Ben", "Brook", "ben@example.org", "names a patient</i>"] {
        assert!(
            !to_ada.contains(reporter),
            "the member is not told who reported them"
        );
    }
    assert_eq!(
        scalar(
            &app,
            "SELECT COUNT(*) FROM audit_log WHERE action = 'content_hidden'"
        )
        .await,
        1
    );
    app.shutdown().await;
}

async fn admins_suspend_and_two_moderators_never_both_decide(backend: Backend) {
    let app = spawn_app(backend).await;
    let ada = member(
        &app,
        "ada@example.org",
        "Ada Aldous",
        &[("bio", "Blame the night nurse")],
    )
    .await;
    let ben = member(&app, "ben@example.org", "Ben Brook", &[]).await;
    // A profile report, then two moderators deciding at once.
    let page = ben
        .browser
        .post(
            &format!("/report/profile/{}", ada.handle),
            &[("reason", "blame")],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    assert_eq!(
        ada.browser
            .get(&format!("/report/profile/{}", ada.handle))
            .await
            .status,
        StatusCode::NOT_FOUND,
        "nobody reports their own profile"
    );
    let report = newest_report(&app).await;
    let case_path = format!("/curation/reports/{report}");
    let first = moderator(&app, "curator1@example.org", Role::Curator).await;
    let second = moderator(&app, "curator2@example.org", Role::Curator).await;
    let (one, two) = tokio::join!(
        first.post(
            &case_path,
            &[("decision", "warn"), ("note", "Systems, not people.")]
        ),
        second.post(&case_path, &[("decision", "dismiss")]),
    );
    let mut statuses = [one.status, two.status];
    statuses.sort();
    assert_eq!(statuses, [StatusCode::SEE_OTHER, StatusCode::CONFLICT]);
    assert_eq!(
        scalar(
            &app,
            "SELECT COUNT(*) FROM audit_log WHERE action IN ('member_warned', 'report_dismissed')"
        )
        .await,
        1
    );

    // A second report about the profile; an admin suspends, ending sessions.
    let carl = member(&app, "carl@example.org", "Carl Crane", &[]).await;
    let page = carl
        .browser
        .post(
            &format!("/report/profile/{}", ada.handle),
            &[("reason", "disrespect")],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    let report = newest_report(&app).await;
    let admin = moderator(&app, "admin@example.org", Role::Admin).await;
    let case = admin.get(&format!("/curation/reports/{report}")).await.body;
    assert!(case.contains("value=\"suspend\""));
    assert!(case.contains("Blame the night nurse"));
    let page = admin
        .post(
            &format!("/curation/reports/{report}"),
            &[("decision", "suspend"), ("note", "Repeated attacks.")],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    assert!(!ada.browser.is_signed_in().await, "signed out everywhere");
    assert_eq!(
        scalar(
            &app,
            &format!(
                "SELECT COUNT(*) FROM users WHERE id = {} AND status = 'suspended'",
                ada.user.id
            )
        )
        .await,
        1
    );
    assert_eq!(
        Browser::new(&app).get(&ada.path()).await.status,
        StatusCode::NOT_FOUND
    );
    email_containing(&app, "carl@example.org", "suspended the member").await;
    app.shutdown().await;
}

async fn hidden_profiles_and_request_notes(backend: Backend) {
    let app = spawn_app(backend).await;
    let ada = member(&app, "ada@example.org", "Ada Aldous", &[]).await;
    let ben = member(&app, "ben@example.org", "Ben Brook", &[]).await;
    // A request with a note: only its recipient may report it.
    let sent = ada
        .browser
        .post(
            &format!("{}/connect", ben.path()),
            &[
                ("kind", "connect"),
                ("note", "Buy my course at spam.example"),
            ],
        )
        .await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);
    let request = scalar(&app, "SELECT MAX(id) FROM connections").await;
    let request_path = format!("/report/request/{request}");
    assert_eq!(
        ada.browser.get(&request_path).await.status,
        StatusCode::NOT_FOUND
    );
    assert!(ben
        .browser
        .get("/network/connections")
        .await
        .body
        .contains(&format!("href=\"{request_path}\"")));
    let page = ben.browser.post(&request_path, &[("reason", "spam")]).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    let curator = moderator(&app, "curator@example.org", Role::Curator).await;
    let report = newest_report(&app).await;
    let page = curator
        .post(
            &format!("/curation/reports/{report}"),
            &[("decision", "hide"), ("note", "Advertising.")],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    let connections = ben.browser.get("/network/connections").await.body;
    assert!(!connections.contains("spam.example"), "the note is gone");
    assert!(connections.contains("Ada Aldous"), "the request stands");

    // A hidden profile: gone for everyone but its owner (and the sitemap).
    let page = ben
        .browser
        .post(
            &format!("/report/profile/{}", ada.handle),
            &[("reason", "other")],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    let report = newest_report(&app).await;
    let page = curator
        .post(
            &format!("/curation/reports/{report}"),
            &[("decision", "hide"), ("note", "Impersonation.")],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    assert_eq!(
        ben.browser.get(&ada.path()).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        Browser::new(&app).get(&ada.path()).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(ada.browser.get(&ada.path()).await.status, StatusCode::OK);
    assert!(!ben
        .browser
        .get("/network?q=Aldous")
        .await
        .body
        .contains("Ada Aldous"));
    // Her request drops out of Ben's page and counts, and she can reach
    // nobody while hidden.
    let connections = ben.browser.get("/network/connections").await.body;
    assert!(!connections.contains("Ada Aldous"), "{connections}");
    assert!(!connections.replace("<!>", "").contains("hub-nav-count"));
    let carl = member(&app, "carl@example.org", "Carl Crane", &[]).await;
    let page = ada
        .browser
        .post(&format!("{}/connect", carl.path()), &[("kind", "connect")])
        .await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    assert!(page.body.contains("A moderator has hidden your profile"));
    let sitemap = app.get("/sitemap.xml").await.text().await.unwrap();
    assert!(!sitemap.contains(&ada.handle));
    app.shutdown().await;
}

/// A report outlives what it reported: when the request it was about is
/// declined and another takes its id (SQLite reuses the id of a deleted
/// last row), hiding must not touch the newcomer's note.
async fn hiding_never_touches_content_that_took_a_reported_id(backend: Backend) {
    let app = spawn_app(backend).await;
    let ada = member(&app, "ada@example.org", "Ada Aldous", &[]).await;
    let ben = member(&app, "ben@example.org", "Ben Brook", &[]).await;
    let carl = member(&app, "carl@example.org", "Carl Crane", &[]).await;
    let dana = member(&app, "dana@example.org", "Dana Dale", &[]).await;
    let sent = ada
        .browser
        .post(
            &format!("{}/connect", ben.path()),
            &[("kind", "connect"), ("note", "Buy my course")],
        )
        .await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER);
    let request = scalar(&app, "SELECT MAX(id) FROM connections").await;
    let page = ben
        .browser
        .post(&format!("/report/request/{request}"), &[("reason", "spam")])
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    let page = ben
        .browser
        .post(&format!("/network/requests/{request}/decline"), &[])
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    let sent = carl
        .browser
        .post(
            &format!("{}/connect", dana.path()),
            &[
                ("kind", "connect"),
                ("note", "Hello from the ambulance service"),
            ],
        )
        .await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER);
    if backend == Backend::Sqlite {
        // What the test is about: the newcomer really took the reported id.
        assert_eq!(
            scalar(&app, "SELECT MAX(id) FROM connections").await,
            request
        );
    }
    let curator = moderator(&app, "curator@example.org", Role::Curator).await;
    let report = newest_report(&app).await;
    let page = curator
        .post(
            &format!("/curation/reports/{report}"),
            &[("decision", "hide"), ("note", "Advertising.")],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    assert!(dana
        .browser
        .get("/network/connections")
        .await
        .body
        .contains("Hello from the ambulance service"));
    app.shutdown().await;
}

async fn reporting_is_rate_limited(backend: Backend) {
    let app = spawn_app(backend).await;
    let ada = member(&app, "ada@example.org", "Ada Aldous", &[]).await;
    let ben = member(&app, "ben@example.org", "Ben Brook", &[]).await;
    for _ in 0..app::web::rate_limit::REPORTS_PER_MEMBER.max {
        app::web::rate_limit::hit(
            &app.db,
            app::web::rate_limit::REPORTS_PER_MEMBER,
            &ben.user.id.to_string(),
        )
        .await
        .unwrap();
    }
    let page = ben
        .browser
        .post(
            &format!("/report/profile/{}", ada.handle),
            &[("reason", "spam")],
        )
        .await;
    assert_eq!(page.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM reports").await, 0);
    app.shutdown().await;
}

crate::both_backends!(
    a_reported_message_is_hidden_and_the_reporter_told,
    admins_suspend_and_two_moderators_never_both_decide,
    hidden_profiles_and_request_notes,
    reporting_is_rate_limited,
    hiding_never_touches_content_that_took_a_reported_id,
);
