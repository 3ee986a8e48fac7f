//! Investigation workspaces through real HTTP on both backends: starting
//! one, a timeline built out of order and read back in time order with
//! its gap and disagreeing-source flags, changing and deleting entries
//! (asking first, saying what loses its link), a change from an older page
//! refused whole, posts at once, every refusal (bad dates and windows,
//! over-long text, another member's workspace, no CSRF token, the limits),
//! and the workspaces in "your data" and gone with the account.

use crate::learning::count;
use crate::support::accounts::*;
use crate::support::{spawn_app, spawn_app_with_demo, Backend, TestApp};
use app::accounts::Role;
use reqwest::StatusCode;

/// A timeline entry's fields, with these date, time and what.
pub(crate) fn entry<'a>(date: &'a str, time: &'a str, what: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("date", date),
        ("time", time),
        ("what", what),
        ("source", "clinical-record"),
    ]
}

/// The version a workspace's page carries in its forms.
async fn shown_version(browser: &Browser, id: i64) -> String {
    let page = browser.get(&format!("/workspaces/{id}")).await;
    hidden_value(&page.body, "version").expect("the add form carries the version")
}

/// Adds an entry from the workspace's page as it is now.
async fn add(browser: &Browser, id: i64, fields: &[(&str, &str)]) -> Page {
    let version = shown_version(browser, id).await;
    let mut all = vec![("action", "add"), ("version", version.as_str())];
    all.extend_from_slice(fields);
    browser.post(&format!("/workspaces/{id}"), &all).await
}

/// Starts an investigation with this title; its id.
pub(crate) async fn start(browser: &Browser, title: &str) -> i64 {
    let started = browser
        .post(
            "/workspaces",
            &[
                ("title", title),
                ("response", "psii"),
                ("sector", "primary-care"),
            ],
        )
        .await;
    assert_eq!(started.status, StatusCode::SEE_OTHER, "{}", started.body);
    started
        .location
        .as_deref()
        .and_then(|location| location.strip_prefix("/workspaces/"))
        .and_then(|id| id.parse().ok())
        .expect("goes to the new workspace")
}

/// The ids of a workspace's entries by what happened, and the version.
async fn entry_id(app: &TestApp, workspace: i64, what: &str) -> i64 {
    app::with_pool!(&app.db, pool => sqlx::query_scalar(
        "SELECT id FROM workspace_entries WHERE workspace_id = $1 AND what = $2",
    )
    .bind(workspace)
    .bind(what)
    .fetch_one(pool)
    .await
    .unwrap())
}

pub(crate) async fn version(app: &TestApp, workspace: i64) -> i64 {
    count(
        app,
        "SELECT version FROM workspaces WHERE id = $1",
        workspace,
    )
    .await
}

/// Posts sent at once from one page: one is saved, the rest are told the
/// investigation changed (or, on a busy SQLite, to try again).
fn exactly_one_saved(statuses: &[StatusCode]) {
    let saved = statuses
        .iter()
        .filter(|status| **status == StatusCode::SEE_OTHER);
    assert_eq!(saved.count(), 1, "{statuses:?}");
    assert!(
        statuses.iter().all(|status| matches!(
            *status,
            StatusCode::SEE_OTHER | StatusCode::CONFLICT | StatusCode::SERVICE_UNAVAILABLE
        )),
        "{statuses:?}"
    );
}

/// How many entries a workspace's timeline holds.
pub(crate) async fn entries_in(app: &TestApp, workspace: i64) -> i64 {
    count(
        app,
        "SELECT COUNT(*) FROM workspace_entries WHERE workspace_id = $1",
        workspace,
    )
    .await
}

/// Where each text first appears on a page, in the page's order.
fn order_on_page(body: &str, texts: &[&str]) -> Vec<String> {
    let mut found: Vec<(usize, String)> = texts
        .iter()
        .map(|text| {
            (
                body.find(text)
                    .unwrap_or_else(|| panic!("{text} on the page")),
                text.to_string(),
            )
        })
        .collect();
    found.sort();
    found.into_iter().map(|(_, text)| text).collect()
}

async fn a_member_builds_a_timeline_in_time_order(backend: Backend) {
    let app = spawn_app(backend).await;
    let anonymous = Browser::new(&app);
    let open = anonymous.get("/workspaces").await;
    assert_eq!(open.status, StatusCode::OK);
    assert!(open.body.contains("No patient-identifiable information"));
    assert!(open
        .body
        .contains("<a href=\"/sign-in?next=%2Fworkspaces\">Sign in</a>"));
    let refused = anonymous
        .post("/workspaces", &[("title", "x"), ("response", "psii")])
        .await;
    assert_eq!(refused.status, StatusCode::UNAUTHORIZED);

    let user = create_user(&app, "investigator@example.org", Role::Member).await;
    let browser = signed_in(&app, &user).await;
    let empty = browser.get("/workspaces").await;
    assert!(empty.body.contains("You have no investigations yet."));
    assert!(empty.body.contains("Start investigation"));

    let id = start(&browser, "<b>Delayed</b> referral").await;
    let page = browser.get(&format!("/workspaces/{id}")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page
        .body
        .contains("Investigation “&lt;b&gt;Delayed&lt;/b&gt; referral” started"));
    assert!(page.body.contains("&lt;b&gt;Delayed&lt;/b&gt; referral"));
    assert!(!page.body.contains("<b>Delayed</b>"));
    assert!(page
        .body
        .contains("Patient safety incident investigation (PSII)"));
    assert!(page.body.contains("No entries yet"));

    // Typed out of order; read back in time order.
    for (time, what) in [
        ("10:00", "Third: results reviewed"),
        ("08:00", "First: call to the practice"),
    ] {
        let added = add(&browser, id, &entry("2026-03-14", time, what)).await;
        assert_eq!(added.status, StatusCode::SEE_OTHER, "{}", added.body);
        assert_eq!(added.location, Some(format!("/workspaces/{id}#timeline")));
    }
    let mut window = entry("2026-03-14", "08:30", "Second: triage, over a window");
    window.extend([
        ("end_time", "09:15"),
        ("approximate", "yes"),
        ("who", "Care navigator"),
        ("place", "Reception"),
        ("note", "Work as imagined: a GP call back within the hour."),
        ("problem", "service-delivery"),
        ("elements", "tasks"),
        ("elements", "organisation"),
    ]);
    assert_eq!(
        add(&browser, id, &window).await.status,
        StatusCode::SEE_OTHER
    );
    // 12:30 is 1 hour 50 minutes after the last entry: a gap over the
    // default hour. The interview puts the review at 10:40, not 10:00.
    assert_eq!(
        add(
            &browser,
            id,
            &entry("2026-03-14", "12:30", "Fourth: ambulance called")
        )
        .await
        .status,
        StatusCode::SEE_OTHER
    );
    let third = entry_id(&app, id, "Third: results reviewed").await;
    let third_text = third.to_string();
    let mut recalled = entry("2026-03-14", "10:40", "Review, as recalled");
    recalled.extend([("source", "interview"), ("same_as", third_text.as_str())]);
    recalled.retain(|(name, value)| !(*name == "source" && *value == "clinical-record"));
    let linked = add(&browser, id, &recalled).await;
    assert_eq!(linked.status, StatusCode::SEE_OTHER, "{}", linked.body);

    let page = browser.get(&format!("/workspaces/{id}")).await;
    assert_eq!(
        order_on_page(
            &page.body,
            &[
                "Fourth: ambulance called",
                "Second: triage, over a window",
                "Review, as recalled",
                "First: call to the practice",
                "Third: results reviewed",
            ]
        ),
        [
            "First: call to the practice",
            "Second: triage, over a window",
            "Third: results reviewed",
            "Review, as recalled",
            "Fourth: ambulance called",
        ]
    );
    assert!(
        page.body
            .contains("14 Mar 2026, 08:30 to 09:15 (approximate)"),
        "{}",
        page.body
    );
    assert!(page.body.contains("Service delivery problem"));
    assert!(page.body.contains("SEIPS: Tasks, Organisation"));
    assert!(page.body.contains("Same event as entry 3"));
    assert!(
        page.body
            .contains("No record for 1 hour 50 minutes before this"),
        "{}",
        page.body
    );
    assert!(page.body.contains("Sources disagree about the time"));
    assert!(page.body.contains("3 entries are flagged"), "{}", page.body);
    assert!(page.body.contains("<svg"), "the chart");
    assert!(page.body.contains("in 2 lanes by who"));
    // A longer chosen gap flags none; lanes by place.
    let wider = browser
        .get(&format!("/workspaces/{id}?gap=180&lanes=place"))
        .await;
    assert!(!wider.body.contains("No record for"));
    assert!(wider.body.contains("lanes by where"));

    // Changing an entry carries the version it was shown with.
    let change_page = browser
        .get(&format!("/workspaces/{id}?entry={third}"))
        .await;
    assert_eq!(change_page.status, StatusCode::OK);
    assert!(change_page.body.contains("Change entry 3"));
    let shown_version = hidden_value(&change_page.body, "version").unwrap();
    assert_eq!(shown_version, version(&app, id).await.to_string());
    let mut changed = entry("2026-03-14", "10:35", "Third: results reviewed");
    changed.extend([
        ("action", "change"),
        ("entry", third_text.as_str()),
        ("version", shown_version.as_str()),
    ]);
    let saved = browser.post(&format!("/workspaces/{id}"), &changed).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    // The same form again is now older than the workspace: refused whole,
    // what was typed kept.
    changed.retain(|(name, _)| *name != "what");
    changed.push(("what", "A change made in another tab"));
    let stale = browser.post(&format!("/workspaces/{id}"), &changed).await;
    assert_eq!(stale.status, StatusCode::CONFLICT);
    assert!(stale
        .body
        .contains("has changed since this page was opened"));
    assert!(stale.body.contains("A change made in another tab"));
    let fresh_version = hidden_value(&stale.body, "version").unwrap();
    assert_eq!(
        fresh_version,
        version(&app, id).await.to_string(),
        "the page offers the version as it is now"
    );
    assert_eq!(entry_id(&app, id, "Third: results reviewed").await, third);
    // Even with a problem of its own, an older page's form is refused as
    // older: a 422 would hand it the version as it is now, and the next
    // post would write over the change made meanwhile.
    let mut stale_and_bad = changed.clone();
    stale_and_bad.retain(|(name, _)| *name != "time");
    stale_and_bad.push(("time", "25:00"));
    let refused = browser
        .post(&format!("/workspaces/{id}"), &stale_and_bad)
        .await;
    assert_eq!(refused.status, StatusCode::CONFLICT);

    // Deleting asks first, and says which entry loses its link, whichever
    // way the link was made.
    let recalled_id = entry_id(&app, id, "Review, as recalled").await;
    let ask = browser
        .get(&format!("/workspaces/{id}?entry={recalled_id}&delete=yes"))
        .await;
    assert!(
        ask.body
            .contains("Entry 3 is linked to it as the same event and will lose that link."),
        "{}",
        ask.body
    );
    let ask = browser
        .get(&format!("/workspaces/{id}?entry={third}&delete=yes"))
        .await;
    assert_eq!(ask.status, StatusCode::OK);
    assert!(
        ask.body
            .contains("Entry 4 is linked to it as the same event and will lose that link."),
        "{}",
        ask.body
    );
    let version_now = version(&app, id).await.to_string();
    let unconfirmed = browser
        .post(
            &format!("/workspaces/{id}"),
            &[
                ("action", "remove"),
                ("entry", &third_text),
                ("version", &version_now),
            ],
        )
        .await;
    assert_eq!(unconfirmed.status, StatusCode::UNPROCESSABLE_ENTITY);
    let removed = browser
        .post(
            &format!("/workspaces/{id}"),
            &[
                ("action", "remove"),
                ("entry", &third_text),
                ("version", &version_now),
                ("confirm", "yes"),
            ],
        )
        .await;
    assert_eq!(removed.status, StatusCode::SEE_OTHER, "{}", removed.body);
    // The same button again (a double click), and a change to the entry
    // from an older tab: out of date, not missing; what was typed is kept.
    let again = browser
        .post(
            &format!("/workspaces/{id}"),
            &[
                ("action", "remove"),
                ("entry", &third_text),
                ("version", &version_now),
                ("confirm", "yes"),
            ],
        )
        .await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    assert!(again
        .body
        .contains("has changed since this page was opened"));
    let mut late_change = entry("2026-03-14", "10:30", "Typed in an older tab");
    late_change.extend([
        ("action", "change"),
        ("entry", third_text.as_str()),
        ("version", version_now.as_str()),
    ]);
    let late = browser
        .post(&format!("/workspaces/{id}"), &late_change)
        .await;
    assert_eq!(late.status, StatusCode::CONFLICT);
    assert!(
        late.body.contains("Typed in an older tab"),
        "kept, in the add form"
    );
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM workspace_entries WHERE id = $1 AND same_as IS NULL",
            recalled_id
        )
        .await,
        1,
        "the link is gone, the entry stays"
    );

    // Details change; the list shows the workspace.
    let version_now = version(&app, id).await.to_string();
    let details = browser
        .post(
            &format!("/workspaces/{id}"),
            &[
                ("action", "details"),
                ("version", &version_now),
                ("title", "Delayed referral, March"),
                ("response", "after-action-review"),
                ("sector", ""),
                ("scope", "From the first call to admission."),
            ],
        )
        .await;
    assert_eq!(details.status, StatusCode::SEE_OTHER, "{}", details.body);
    let list = browser.get("/workspaces").await;
    assert!(list.body.contains(&format!(
        "<a href=\"/workspaces/{id}\">Delayed referral, March</a>"
    )));
    assert!(list.body.contains("After Action Review"));
    assert!(list.body.contains("4 entries"));

    // Deleting the workspace asks first, then takes its timeline with it.
    let ask = browser.get(&format!("/workspaces/{id}?edit=delete")).await;
    assert!(ask.body.contains("Its 4 timeline entries go with it."));
    let version_now = version(&app, id).await.to_string();
    let deleted = browser
        .post(
            &format!("/workspaces/{id}"),
            &[
                ("action", "delete"),
                ("version", &version_now),
                ("confirm", "yes"),
            ],
        )
        .await;
    assert_eq!(deleted.location.as_deref(), Some("/workspaces"));
    assert_eq!(entries_in(&app, id).await, 0);
    assert_eq!(
        browser.get(&format!("/workspaces/{id}")).await.status,
        StatusCode::NOT_FOUND
    );
}

async fn bad_input_and_other_members_workspaces_are_refused(backend: Backend) {
    let app = spawn_app(backend).await;
    let user = create_user(&app, "owner@example.org", Role::Member).await;
    let owner = signed_in(&app, &user).await;

    let refused = owner
        .post(
            "/workspaces",
            &[
                ("title", ""),
                ("response", "blame-review"),
                ("sector", "mars"),
            ],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    for message in [
        "Enter a title for the investigation",
        "Select the kind of learning response",
        "Select a sector from the list",
    ] {
        assert!(refused.body.contains(message), "{message}");
    }
    let long_title = "t".repeat(121);
    let refused = owner
        .post(
            "/workspaces",
            &[("title", &long_title), ("response", "psii")],
        )
        .await;
    assert!(refused.body.contains("(it has 121)"));

    let id = start(&owner, "Fall on a ward").await;
    let first = add(
        &owner,
        id,
        &entry("2026-03-14", "08:00", "Found on the floor"),
    )
    .await;
    assert_eq!(first.status, StatusCode::SEE_OTHER);
    let first_id = entry_id(&app, id, "Found on the floor").await.to_string();

    let long_what = "w".repeat(1001);
    let mut window = entry("2026-03-14", "09:00", "Window");
    window.push(("end_time", "08:30"));
    let forged_link = {
        let mut fields = entry("2026-03-14", "09:00", "Linked");
        fields.push(("same_as", "999999"));
        fields
    };
    let cases: Vec<(Vec<(&str, &str)>, &str)> = vec![
        (
            entry("2026-02-30", "08:00", "x"),
            "2026-02-30 is not a real date",
        ),
        (
            entry("14/03/2026", "08:00", "x"),
            "Enter the date, for example 2026-03-14",
        ),
        (
            entry("2026-03-14", "24:00", "x"),
            "Enter a real time, from 00:00 to 23:59",
        ),
        (window, "The window must end after it starts"),
        (entry("2026-03-14", "08:00", &long_what), "(it has 1001)"),
        (entry("2026-03-14", "08:00", "  "), "Enter what happened"),
        (forged_link, "entries, or none"),
    ];
    for (fields, message) in cases {
        let page = add(&owner, id, &fields).await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY, "{message}");
        assert!(page.body.contains(message), "{message}: {}", page.body);
    }
    let unknown = owner
        .post(&format!("/workspaces/{id}"), &[("action", "vanish")])
        .await;
    assert_eq!(unknown.status, StatusCode::UNPROCESSABLE_ENTITY);
    // Control characters are dropped; markup is kept as text.
    let cleaned = add(
        &owner,
        id,
        &entry("2026-03-14", "08:05", "Bell\u{7}<script>rang</script>"),
    )
    .await;
    assert_eq!(cleaned.status, StatusCode::SEE_OTHER);
    let page = owner.get(&format!("/workspaces/{id}")).await;
    assert!(page.body.contains("Bell&lt;script&gt;rang&lt;/script&gt;"));
    assert_eq!(entries_in(&app, id).await, 2);

    // Another member finds nothing there, and changes nothing.
    let other_user = create_user(&app, "other@example.org", Role::Member).await;
    let other = signed_in(&app, &other_user).await;
    for path in [
        format!("/workspaces/{id}"),
        format!("/workspaces/{id}?edit=details"),
        format!("/workspaces/{id}?entry={first_id}"),
        format!("/workspaces/{id}?entry={first_id}&delete=yes"),
    ] {
        assert_eq!(
            other.get(&path).await.status,
            StatusCode::NOT_FOUND,
            "{path}"
        );
    }
    assert!(!other
        .get("/workspaces")
        .await
        .body
        .contains("Fall on a ward"));
    let version_now = version(&app, id).await.to_string();
    for fields in [
        entry("2026-03-14", "09:00", "Written by another"),
        vec![
            ("action", "remove"),
            ("entry", first_id.as_str()),
            ("version", version_now.as_str()),
            ("confirm", "yes"),
        ],
        vec![
            ("action", "delete"),
            ("version", version_now.as_str()),
            ("confirm", "yes"),
        ],
    ] {
        let mut fields = fields;
        if fields[0].0 == "date" {
            fields.extend([("action", "add"), ("version", version_now.as_str())]);
        }
        let page = other.post(&format!("/workspaces/{id}"), &fields).await;
        assert_eq!(page.status, StatusCode::NOT_FOUND);
    }
    assert_eq!(entries_in(&app, id).await, 2);
    // An entry of the member's other investigation is not this one's.
    let second = start(&owner, "Another review").await;
    assert_eq!(
        add(&owner, second, &entry("2026-03-15", "10:00", "Elsewhere"))
            .await
            .status,
        StatusCode::SEE_OTHER
    );
    let elsewhere = entry_id(&app, second, "Elsewhere").await.to_string();
    assert_eq!(
        owner
            .get(&format!("/workspaces/{id}?entry={elsewhere}"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    let version_now = version(&app, id).await.to_string();
    let crossed = owner
        .post(
            &format!("/workspaces/{id}"),
            &[
                ("action", "remove"),
                ("entry", &elsewhere),
                ("version", &version_now),
                ("confirm", "yes"),
            ],
        )
        .await;
    assert_eq!(crossed.status, StatusCode::NOT_FOUND);
    let mut linked_elsewhere = entry("2026-03-14", "09:30", "Linked across");
    linked_elsewhere.push(("same_as", elsewhere.as_str()));
    assert_eq!(
        add(&owner, id, &linked_elsewhere).await.status,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert_eq!(entries_in(&app, second).await, 1);
    // Unknown workspaces and entries are not found either.
    assert_eq!(
        owner.get("/workspaces/999999").await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        owner.get("/workspaces/nope").await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        owner
            .get(&format!("/workspaces/{id}?entry=999999"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    let ghost = owner
        .post(
            &format!("/workspaces/{id}"),
            &[
                ("action", "change"),
                ("entry", "999999"),
                ("version", &version_now),
            ],
        )
        .await;
    assert_eq!(ghost.status, StatusCode::NOT_FOUND);
    // Signed out, the pages send to sign in; without a token, refused.
    let anonymous = Browser::new(&app);
    let redirected = anonymous.get(&format!("/workspaces/{id}")).await;
    assert_eq!(redirected.status, StatusCode::SEE_OTHER);
    assert!(redirected.location.unwrap().starts_with("/sign-in?next="));
    let no_token = owner
        .post_raw(
            &format!("/workspaces/{id}"),
            &[("action", "add"), ("date", "2026-03-14")],
        )
        .await;
    assert_eq!(no_token.status, StatusCode::FORBIDDEN);
}

async fn posts_at_once_and_the_limits(backend: Backend) {
    let app = spawn_app(backend).await;
    let user = create_user(&app, "busy@example.org", Role::Member).await;
    let browser = signed_in(&app, &user).await;
    let id = start(&browser, "Medication error").await;
    assert_eq!(
        add(&browser, id, &entry("2026-03-14", "08:00", "Dose given"))
            .await
            .status,
        StatusCode::SEE_OTHER
    );
    let entry_text = entry_id(&app, id, "Dose given").await.to_string();
    let shown = version(&app, id).await.to_string();

    // Eight changes made from the same page at once: one is saved, the
    // rest are told the investigation changed.
    let mut posts = tokio::task::JoinSet::new();
    for n in 0..8 {
        let (browser, entry_text, shown) = (browser.clone(), entry_text.clone(), shown.clone());
        posts.spawn(async move {
            let what = format!("Dose given, version {n}");
            browser
                .post(
                    &format!("/workspaces/{id}"),
                    &[
                        ("action", "change"),
                        ("entry", &entry_text),
                        ("version", &shown),
                        ("date", "2026-03-14"),
                        ("time", "08:00"),
                        ("what", &what),
                        ("source", "clinical-record"),
                    ],
                )
                .await
        });
    }
    let statuses: Vec<StatusCode> = posts
        .join_all()
        .await
        .into_iter()
        .map(|page| page.status)
        .collect();
    exactly_one_saved(&statuses);
    assert_eq!(version(&app, id).await, shown.parse::<i64>().unwrap() + 1);

    // An addition sent eight times from one page (a double click, a
    // resend) adds one entry.
    let shown = shown_version(&browser, id).await;
    let mut posts = tokio::task::JoinSet::new();
    for _ in 0..8 {
        let (browser, shown) = (browser.clone(), shown.clone());
        posts.spawn(async move {
            let mut fields = entry("2026-03-14", "09:00", "Added once");
            fields.extend([("action", "add"), ("version", shown.as_str())]);
            browser
                .post(&format!("/workspaces/{id}"), &fields)
                .await
                .status
        });
    }
    let statuses = posts.join_all().await;
    exactly_one_saved(&statuses);
    let mut again = entry("2026-03-14", "09:00", "Added once");
    again.extend([("action", "add"), ("version", shown.as_str())]);
    let told = browser.post(&format!("/workspaces/{id}"), &again).await;
    assert_eq!(told.status, StatusCode::CONFLICT);
    assert!(
        told.body.contains("this entry was not added"),
        "a double click is told what happened"
    );
    let added = 1;
    assert_eq!(entries_in(&app, id).await, 1 + added);

    // A full timeline takes no more.
    let filled = app::toolkits::types::MAX_ENTRIES - 1 - added;
    app::with_pool!(&app.db, pool => {
        for n in 0..filled {
            sqlx::query(
                "INSERT INTO workspace_entries (workspace_id, starts_at, what, source, created_at, updated_at) \
                 VALUES ($1, '2026-03-15T10:00', $2, 'interview', 0, 0)",
            )
            .bind(id)
            .bind(format!("Filler {n}"))
            .execute(pool)
            .await
            .unwrap();
        }
    });
    let full = add(&browser, id, &entry("2026-03-16", "08:00", "One too many")).await;
    assert_eq!(full.status, StatusCode::CONFLICT);
    assert!(full.body.contains("This timeline has 500 entries"));
    assert!(full.body.contains("One too many"), "what was typed is kept");

    // And a member keeps at most 50 investigations.
    for n in 1..app::toolkits::types::MAX_WORKSPACES {
        start(&browser, &format!("Investigation {n}")).await;
    }
    let over = browser
        .post(
            "/workspaces",
            &[("title", "One more"), ("response", "psii")],
        )
        .await;
    assert_eq!(over.status, StatusCode::CONFLICT);
    assert!(over.body.contains("You have 50 investigations"));
}

async fn workspaces_are_in_your_data_and_go_with_the_account(backend: Backend) {
    let app = spawn_app(backend).await;
    let user = create_user(&app, "leaver@example.org", Role::Member).await;
    let browser = signed_in(&app, &user).await;
    let id = start(&browser, "Missed observation").await;
    let mut fields = entry("2026-03-14", "02:00", "Observations not done");
    fields.extend([
        ("end_time", "03:30"),
        ("who", "Healthcare assistant"),
        ("elements", "people"),
    ]);
    assert_eq!(
        add(&browser, id, &fields).await.status,
        StatusCode::SEE_OTHER
    );

    let data = browser.json("/account/data.json").await;
    let investigations = data["investigations"].as_array().unwrap();
    assert_eq!(investigations.len(), 1, "{data}");
    assert_eq!(investigations[0]["title"], "Missed observation");
    assert_eq!(investigations[0]["learning_response"], "psii");
    let timeline = &investigations[0]["timeline"][0];
    assert_eq!(timeline["starts_at"], "2026-03-14T02:00");
    assert_eq!(timeline["ends_at"], "2026-03-14T03:30");
    assert_eq!(timeline["who"], "Healthcare assistant");
    assert_eq!(timeline["work_system_elements"][0], "people");

    let deleted = browser
        .post("/account/delete", &[("password", PASSWORD)])
        .await;
    assert_eq!(deleted.location.as_deref(), Some("/account-deleted"));
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM workspaces WHERE owner_id = $1",
            user.id
        )
        .await,
        0
    );
    assert_eq!(entries_in(&app, id).await, 0);
}

async fn anyone_reads_the_example_and_a_member_copies_it(backend: Backend) {
    let app = spawn_app_with_demo(backend).await;
    let anonymous = Browser::new(&app);
    // A toolkit about timelines opens the working tool; others do not.
    let toolkit = anonymous.get("/resources/timeline-mapping").await;
    assert!(toolkit.body.contains("<a class=\"nhsuk-button\" href=\"/workspaces\" draggable=\"false\">Open the timeline tool</a>"));
    let other = anonymous.get("/resources/seips-work-system-scan").await;
    assert_eq!(other.status, StatusCode::OK);
    assert!(!other.body.contains("Open the timeline tool"));
    let example = anonymous.get("/workspaces/example?gap=1440").await;
    assert_eq!(example.status, StatusCode::OK, "{}", example.body);
    assert!(example
        .body
        .contains("Urgent referral not sent (fictional example)"));
    assert!(example.body.contains("Sources disagree about the time"));
    assert!(example.body.contains("No record for"), "gaps over a day");
    assert!(example
        .body
        .contains("<a href=\"/sign-in?next=%2Fworkspaces%2Fexample\">Sign in</a> to copy it"));
    assert!(
        !example.body.contains("?entry="),
        "read-only: no change links"
    );
    assert!(!example.body.contains("Add to timeline"));

    let user = create_user(&app, "copier@example.org", Role::Member).await;
    let browser = signed_in(&app, &user).await;
    assert!(browser
        .get("/workspaces/example")
        .await
        .body
        .contains("Copy into your investigations"));
    let copied = browser
        .post("/workspaces", &[("action", "copy-example")])
        .await;
    assert_eq!(copied.status, StatusCode::SEE_OTHER, "{}", copied.body);
    let id: i64 = copied
        .location
        .unwrap()
        .trim_start_matches("/workspaces/")
        .parse()
        .unwrap();
    let mine = browser.get(&format!("/workspaces/{id}?gap=1440")).await;
    assert!(mine.body.contains("it is yours to change"));
    assert!(mine.body.contains("Add to timeline"));
    assert!(
        mine.body.contains("Sources disagree about the time"),
        "the same-event link was copied"
    );
    assert_eq!(entries_in(&app, id).await, 10);
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM workspace_entries WHERE workspace_id = $1 AND same_as IS NOT NULL", id).await,
        1
    );
}

crate::both_backends!(
    anyone_reads_the_example_and_a_member_copies_it,
    a_member_builds_a_timeline_in_time_order,
    bad_input_and_other_members_workspaces_are_refused,
    posts_at_once_and_the_limits,
    workspaces_are_in_your_data_and_go_with_the_account,
);
