//! The CPD log through real HTTP on both backends: what an entry may hold
//! (each problem shown beside its field, 422), changing and deleting one's
//! own entries (another member's is a 404, whatever is posted), totals per
//! year, the CSV export (formulas defused) and the page to print.

use crate::learning::count;
use crate::support::accounts::*;
use crate::support::{spawn_app_with_demo, Backend};
use app::accounts::Role;
use reqwest::StatusCode;

/// Adds an entry through the form (a reading, with a reflection).
pub async fn add_entry(member: &Browser, title: &str, on: &str, hours: &str) -> Page {
    member
        .post("/account/learning/cpd/new", &entry(title, on, hours))
        .await
}

pub fn entry<'a>(title: &'a str, on: &'a str, hours: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("title", title),
        ("done_on", on),
        ("hours", hours),
        ("activity", "reading"),
        ("what", "Read about <b>work-as-done</b>"),
        ("so_what", "=HYPERLINK(\"http://evil.example\")"),
        ("now_what", "Use it in the next review"),
    ]
}

async fn the_cpd_log_checks_entries_and_exports_them(backend: Backend) {
    let app = spawn_app_with_demo(backend).await;
    let user = create_user(&app, "learner@example.org", Role::Member).await;
    let member = signed_in(&app, &user).await;
    let after_tomorrow = (app::dates::uk_today() + chrono::Duration::days(2)).to_string();
    let long_title = "x".repeat(201);
    for (fields, field, message) in [
        (entry("", "2026-01-10", "1"), "title", "Enter what you did"),
        (
            entry(&long_title, "2026-01-10", "1"),
            "title",
            "200 characters or fewer",
        ),
        (
            entry("Reading", &after_tomorrow, "1"),
            "done_on",
            "today or in the past",
        ),
        (
            entry("Reading", "31/02/2026", "1"),
            "done_on",
            "Enter a real date",
        ),
        (
            entry("Reading", "2026-01-10", "-2"),
            "hours",
            "Hours must be more than 0",
        ),
        (
            entry("Reading", "2026-01-10", "101"),
            "hours",
            "at most 100 hours",
        ),
    ] {
        let page = member.post("/account/learning/cpd/new", &fields).await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY, "{field}");
        assert!(page.body.contains(message), "{field}: {message}");
        assert!(
            page.body.contains(&format!("href=\"#{field}\"")),
            "error summary links to {field}"
        );
    }
    let mut napping = entry("Reading", "2026-01-10", "1");
    napping[3] = ("activity", "napping");
    let page = member.post("/account/learning/cpd/new", &napping).await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.body.contains("Select the type of activity"));
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM cpd_entries WHERE user_id = $1",
            user.id
        )
        .await,
        0
    );

    let added = member
        .post(
            "/account/learning/cpd/new",
            &entry("<script>alert(1)</script> SEIPS 101", "2025-06-01", "1.5"),
        )
        .await;
    assert_eq!(added.status, StatusCode::SEE_OTHER);
    assert_eq!(added.location.as_deref(), Some("/account/learning"));
    member
        .post(
            "/account/learning/cpd/new",
            &entry("Swarm huddle training", "2026-01-10", "2.25"),
        )
        .await;
    let record = member.get("/account/learning").await;
    assert!(record.body.contains("CPD entry added"));
    assert!(record
        .body
        .contains("&lt;script&gt;alert(1)&lt;/script&gt; SEIPS 101"));
    assert!(!record.body.contains("<script>alert(1)"));
    assert!(record.body.contains("2.25 hours") && record.body.contains("1.5 hours"));
    assert!(
        record.body.contains(">2026</td>") && record.body.contains(">2025</td>"),
        "totals per year"
    );

    // Changing it, and what another member may not do to it.
    let id: i64 = app::with_pool!(&app.db, pool => sqlx::query_scalar(
        "SELECT id FROM cpd_entries WHERE user_id = $1 AND title LIKE '%SEIPS%'"
    ).bind(user.id).fetch_one(pool).await.unwrap());
    let path = format!("/account/learning/cpd/{id}");
    let form = member.get(&path).await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(form.body.contains("value=\"2025-06-01\"") && form.body.contains("value=\"1.5\""));
    let changed = member
        .post(&path, &entry("SEIPS 101", "2025-06-02", "1"))
        .await;
    assert_eq!(changed.status, StatusCode::SEE_OTHER);
    let other = create_user(&app, "other@example.org", Role::Member).await;
    let intruder = signed_in(&app, &other).await;
    assert_eq!(intruder.get(&path).await.status, StatusCode::NOT_FOUND);
    assert_eq!(
        intruder
            .post(&path, &entry("Mine now", "2025-06-02", "1"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        intruder.post(&format!("{path}/delete"), &[]).await.status,
        StatusCode::NOT_FOUND
    );
    // Not even a wrong entry tells another member the entry exists.
    assert_eq!(
        intruder.post(&path, &entry("", "", "")).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        intruder
            .post(&format!("{path}/delete"), &[("confirm", "yes")])
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        intruder
            .post("/account/learning/cpd/abc/delete", &[])
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM cpd_entries WHERE user_id = $1 AND title = 'SEIPS 101'",
            user.id
        )
        .await,
        1
    );

    // The log as CSV: plain text (no markup escaping), formulas defused.
    let response = member
        .client
        .get(member.url("/account/learning/cpd.csv"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert!(response.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/csv"));
    assert!(response.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .contains("cpd-log.csv"));
    let csv = response.text().await.unwrap();
    let csv = csv
        .strip_prefix('\u{FEFF}')
        .expect("a byte order mark for spreadsheets");
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines[0],
        "Date,Title,Type of activity,Hours,What?,So what?,Now what?,Module"
    );
    assert!(
        lines[1].starts_with(
            "2026-01-10,Swarm huddle training,Reading,2.25,Read about <b>work-as-done</b>,"
        ),
        "{}",
        lines[1]
    );
    assert!(
        csv.contains("\"'=HYPERLINK(\"\"http://evil.example\"\")\""),
        "{csv}"
    );
    assert!(lines[2].starts_with("2025-06-02,SEIPS 101,Reading,1.00,"));
    // The page to print has every reflection, escaped.
    let print = member.get("/account/learning/cpd/print").await;
    assert!(print.body.contains("CPD log of Test Member"));
    assert!(print
        .body
        .contains("Read about &lt;b&gt;work-as-done&lt;/b&gt;"));
    assert!(print.body.contains("Now what?"));

    // Deleting asks for a tick first.
    let unconfirmed = member.post(&format!("{path}/delete"), &[]).await;
    assert_eq!(unconfirmed.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(unconfirmed.body.contains("Tick the box to confirm"));
    assert!(
        unconfirmed.body.contains("value=\"SEIPS 101\""),
        "the entry is still there"
    );
    let deleted = member
        .post(&format!("{path}/delete"), &[("confirm", "yes")])
        .await;
    assert_eq!(deleted.status, StatusCode::SEE_OTHER);
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM cpd_entries WHERE user_id = $1",
            user.id
        )
        .await,
        1
    );
    assert_eq!(member.get(&path).await.status, StatusCode::NOT_FOUND);
}

/// An entry made by completing a module whose title is as long as titles
/// may be still fits the log's own limit, so it can be changed and saved.
async fn a_completion_entry_can_be_saved_again(backend: Backend) {
    let app = spawn_app_with_demo(backend).await;
    let module = "human-factors-in-pre-hospital-care";
    let long_title = "A".repeat(200);
    app::with_pool!(&app.db, pool => sqlx::query("UPDATE resources SET title = $1 WHERE slug = $2")
        .bind(&long_title).bind(module).execute(pool).await.map(|_| ()).unwrap());
    let user = create_user(&app, "learner@example.org", Role::Member).await;
    let member = signed_in(&app, &user).await;
    for lesson in ["1", "2", "3"] {
        member
            .post(
                "/learning/progress",
                &[("module", module), ("lesson", lesson)],
            )
            .await;
    }
    let (id, title): (i64, String) = app::with_pool!(&app.db, pool => sqlx::query_as(
        "SELECT id, title FROM cpd_entries WHERE user_id = $1"
    ).bind(user.id).fetch_one(pool).await.unwrap());
    assert_eq!(title.chars().count(), 200, "{title}");
    assert!(title.ends_with("…”"));
    let mut fields = entry(&title, "2026-01-10", "1");
    fields[3] = ("activity", "e-learning");
    let saved = member
        .post(&format!("/account/learning/cpd/{id}"), &fields)
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
}

crate::both_backends!(
    the_cpd_log_checks_entries_and_exports_them,
    a_completion_entry_can_be_saved_again,
);
