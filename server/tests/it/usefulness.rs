//! "Was this useful?" through real HTTP on both backends: answering and
//! changing an answer (with the member's sectors kept as they were then),
//! every refusal, answers posted at once, the count a page shows from five
//! answers, the curators' report by sector, and the answers in "your data"
//! and gone with the account.

use crate::learning::{archive, count};
use crate::network::member;
use crate::support::accounts::*;
use crate::support::{spawn_app_with_demo, Backend, TestApp};
use app::accounts::Role;
use app::vocabulary::Sector;
use reqwest::StatusCode;

const TOOLKIT: &str = "timeline-mapping";
const MODULE: &str = "seips-in-practice";

fn page(slug: &str) -> String {
    format!("/resources/{slug}")
}

async fn answer(browser: &Browser, slug: &str, useful: &str, comment: &str) -> Page {
    browser
        .post(&page(slug), &[("useful", useful), ("comment", comment)])
        .await
}

/// `user_id`'s answer about `slug`: (useful, comment, sectors, region,
/// role title).
async fn stored(
    app: &TestApp,
    user_id: i64,
    slug: &str,
) -> Option<(bool, String, i64, Option<String>, String)> {
    app::with_pool!(&app.db, pool => sqlx::query_as(
        "SELECT a.useful, a.comment, a.sectors, a.region, a.role_title FROM usefulness_answers a \
         JOIN resources r ON r.id = a.resource_id WHERE a.user_id = $1 AND r.slug = $2",
    )
    .bind(user_id)
    .bind(slug)
    .fetch_optional(pool)
    .await
    .unwrap())
}

async fn answers_by(app: &TestApp, user_id: i64) -> i64 {
    count(
        app,
        "SELECT COUNT(*) FROM usefulness_answers WHERE user_id = $1",
        user_id,
    )
    .await
}

async fn a_member_answers_and_changes_their_answer(backend: Backend) {
    let app = spawn_app_with_demo(backend).await;
    let anonymous = Browser::new(&app);
    let seen = anonymous.get(&page(TOOLKIT)).await;
    assert!(seen.body.contains("Was this useful?"));
    assert!(seen.body.contains(&format!(
        "<a href=\"/sign-in?next=%2Fresources%2F{TOOLKIT}\">Sign in</a> to tell us"
    )));
    assert!(!seen.body.contains("name=\"useful\""));
    let refused = answer(&anonymous, TOOLKIT, "yes", "").await;
    assert_eq!(refused.status, StatusCode::UNAUTHORIZED);

    let gp = member(
        &app,
        "gp@example.org",
        "Asha Rahman",
        &[
            ("sector", "primary-care"),
            ("region", "north-west"),
            ("role_title", "GP partner"),
        ],
    )
    .await;
    let form = gp.browser.get(&page(TOOLKIT)).await;
    assert!(form.body.contains(&format!(
        "<form method=\"post\" action=\"/resources/{TOOLKIT}\" novalidate>"
    )));
    assert!(form.body.contains("Send your answer"));

    let sent = answer(
        &gp.browser,
        TOOLKIT,
        "yes",
        "  <script>alert(1)</script> Used it in a swarm huddle.  ",
    )
    .await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);
    assert_eq!(sent.location.as_deref(), Some(page(TOOLKIT).as_str()));
    let (useful, comment, sectors, region, role) = stored(&app, gp.user.id, TOOLKIT).await.unwrap();
    assert!(useful);
    assert_eq!(
        comment,
        "<script>alert(1)</script> Used it in a swarm huddle."
    );
    assert_eq!(sectors, Sector::PrimaryCare.bit());
    assert_eq!(region.as_deref(), Some("north-west"));
    assert_eq!(role, "GP partner");
    let shown = gp.browser.get(&page(TOOLKIT)).await;
    assert!(shown
        .body
        .contains("your answer about this resource is saved"));
    assert!(shown.body.contains("You said this resource was useful."));
    assert!(shown.body.contains("Change your answer"));
    assert!(shown
        .body
        .contains("&lt;script&gt;alert(1)&lt;/script&gt; Used it"));
    assert!(!shown.body.contains("<script>alert(1)"));

    // Changing the profile later leaves the answer as it was given.
    let changed = gp
        .browser
        .post(
            "/account/profile",
            &[
                ("display_name", "Asha Rahman"),
                ("visibility", "public"),
                ("sector", "mental-health"),
            ],
        )
        .await;
    assert_eq!(changed.status, StatusCode::SEE_OTHER, "{}", changed.body);
    assert_eq!(
        stored(&app, gp.user.id, TOOLKIT).await.unwrap().2,
        Sector::PrimaryCare.bit()
    );
    // Answering again replaces the answer, with the sectors as they are now.
    let again = answer(&gp.browser, TOOLKIT, "no", "").await;
    assert_eq!(again.status, StatusCode::SEE_OTHER);
    let (useful, comment, sectors, region, _) = stored(&app, gp.user.id, TOOLKIT).await.unwrap();
    assert!(!useful);
    assert_eq!(comment, "");
    assert_eq!(sectors, Sector::MentalHealth.bit());
    assert_eq!(region, None);
    assert_eq!(answers_by(&app, gp.user.id).await, 1);
    let shown = gp.browser.get(&page(TOOLKIT)).await;
    assert!(shown
        .body
        .contains("You said this resource was not useful."));

    // The answer can be withdrawn.
    let removed = gp
        .browser
        .post(&page(TOOLKIT), &[("action", "remove")])
        .await;
    assert_eq!(removed.status, StatusCode::SEE_OTHER);
    assert_eq!(stored(&app, gp.user.id, TOOLKIT).await, None);
    let shown = gp.browser.get(&page(TOOLKIT)).await;
    assert!(shown
        .body
        .contains("Your answer about this resource is removed"));
    assert!(shown.body.contains("Send your answer"));
    assert!(!shown.body.contains("Remove your answer"));

    // Two answers at once from one member: one answer stays.
    let (first, second) = tokio::join!(
        answer(&gp.browser, MODULE, "yes", "first"),
        answer(&gp.browser, MODULE, "no", "second")
    );
    assert_eq!(first.status, StatusCode::SEE_OTHER);
    assert_eq!(second.status, StatusCode::SEE_OTHER);
    assert_eq!(answers_by(&app, gp.user.id).await, 1);
}

async fn details_kept_from_members_are_not_kept_with_an_answer(backend: Backend) {
    let app = spawn_app_with_demo(backend).await;
    let private = member(
        &app,
        "private@example.org",
        "Cara Doyle",
        &[
            ("sector", "maternity"),
            ("sectors_visibility", "connections"),
            ("region", "london"),
            ("role_title", "Maternity safety champion"),
            ("role_title_visibility", "connections"),
        ],
    )
    .await;
    answer(&private.browser, TOOLKIT, "yes", "").await;
    let (_, _, sectors, region, role) = stored(&app, private.user.id, TOOLKIT).await.unwrap();
    assert_eq!((sectors, role.as_str()), (0, ""));
    assert_eq!(
        region.as_deref(),
        Some("london"),
        "shown to members, so kept"
    );
    let hidden = member(
        &app,
        "hidden@example.org",
        "Dev Shah",
        &[
            ("visibility", "connections"),
            ("sector", "ambulance"),
            ("role_title", "Paramedic"),
        ],
    )
    .await;
    answer(&hidden.browser, TOOLKIT, "no", "").await;
    assert_eq!(
        stored(&app, hidden.user.id, TOOLKIT).await.unwrap(),
        (false, String::new(), 0, None, String::new())
    );
    // A profile a moderator hid is shown to no one but its author: none of
    // it is kept, whatever its visibility says.
    let reported = member(
        &app,
        "reported@example.org",
        "Eli Marsh",
        &[
            ("sector", "ambulance"),
            ("region", "london"),
            ("role_title", "Paramedic"),
        ],
    )
    .await;
    app::network::repo::hide_profile(&app.db, reported.user.id, 1)
        .await
        .unwrap();
    answer(&reported.browser, TOOLKIT, "yes", "").await;
    assert_eq!(
        stored(&app, reported.user.id, TOOLKIT).await.unwrap(),
        (true, String::new(), 0, None, String::new())
    );
}

async fn bad_answers_are_refused_beside_their_fields(backend: Backend) {
    let app = spawn_app_with_demo(backend).await;
    let user = create_user(&app, "reader@example.org", Role::Member).await;
    let reader = signed_in(&app, &user).await;
    answer(&reader, TOOLKIT, "yes", "kept").await;

    let none = answer(&reader, TOOLKIT, "", "A comment I typed").await;
    assert_eq!(none.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(none.body.contains("There is a problem"));
    assert!(none
        .body
        .contains("<a href=\"#useful\">Select yes if this resource was useful to you, or no</a>"));
    assert!(
        none.body.contains("A comment I typed</textarea>"),
        "what was typed is kept"
    );
    assert!(
        none.body.contains("Timeline mapping"),
        "the resource's own page"
    );
    for strange in ["maybe", "YES", "1", "y es", "<b>yes</b>"] {
        let refused = answer(&reader, TOOLKIT, strange, "").await;
        assert_eq!(
            refused.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{strange:?}"
        );
    }
    let long = "x".repeat(501);
    let too_long = answer(&reader, TOOLKIT, "no", &long).await;
    assert_eq!(too_long.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(too_long
        .body
        .contains("Your comment must be 500 characters or fewer"));
    // Control characters are dropped before the limit is applied.
    let control = format!("{}\u{7}", "y".repeat(500));
    assert_eq!(
        answer(&reader, TOOLKIT, "no", &control).await.status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        stored(&app, user.id, TOOLKIT).await.unwrap().1,
        "y".repeat(500)
    );

    for missing in ["no-such-resource", "timeline-mapping%27%20OR%201=1--"] {
        let refused = answer(&reader, missing, "yes", "").await;
        assert_eq!(refused.status, StatusCode::NOT_FOUND, "{missing}");
        assert!(refused.body.contains("There is no such published resource"));
    }
    archive(&app, MODULE).await;
    let archived = answer(&reader, MODULE, "yes", "").await;
    assert_eq!(archived.status, StatusCode::NOT_FOUND);
    let forged = reader
        .post_raw(
            &page(TOOLKIT),
            &[("csrf_token", "forged"), ("useful", "no")],
        )
        .await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
    assert_eq!(answers_by(&app, user.id).await, 1);
}

async fn the_page_shows_the_count_from_five_answers(backend: Backend) {
    let app = spawn_app_with_demo(backend).await;
    let mut readers = Vec::new();
    for n in 0..5 {
        let user = create_user(&app, &format!("r{n}@example.org"), Role::Member).await;
        readers.push(signed_in(&app, &user).await);
    }
    for (n, reader) in readers.iter().take(4).enumerate() {
        let useful = if n == 0 { "no" } else { "yes" };
        answer(reader, TOOLKIT, useful, "").await;
    }
    let anonymous = Browser::new(&app);
    assert!(!anonymous
        .get(&page(TOOLKIT))
        .await
        .body
        .contains("members who answered"));
    answer(&readers[4], TOOLKIT, "yes", "").await;
    assert!(anonymous
        .get(&page(TOOLKIT))
        .await
        .body
        .contains("4 of 5 members who answered found this resource useful."));
}

async fn curators_see_usefulness_by_sector_without_names(backend: Backend) {
    let app = spawn_app_with_demo(backend).await;
    let gp = member(
        &app,
        "gp@example.org",
        "Asha Rahman",
        &[
            ("sector", "primary-care"),
            ("role_title", "Practice manager"),
        ],
    )
    .await;
    let ward = member(
        &app,
        "ward@example.org",
        "Ben Okafor",
        &[
            ("sector", "acute-hospital"),
            ("sector", "mental-health"),
            ("role_title", "Ward manager"),
        ],
    )
    .await;
    answer(&gp.browser, TOOLKIT, "no", "Written for <hospital> teams").await;
    answer(&ward.browser, TOOLKIT, "yes", "").await;
    answer(&ward.browser, MODULE, "yes", "Clear").await;

    let user = create_user(&app, "curator@example.org", Role::Curator).await;
    let curator = signed_in(&app, &user).await;
    let report = curator.get("/curation/usefulness").await;
    assert_eq!(report.status, StatusCode::OK);
    let body = &report.body;
    let (toolkit, module) = (
        body.find("Timeline mapping")
            .expect("the toolkit is listed"),
        body.find("SEIPS in practice")
            .expect("the module is listed"),
    );
    assert!(toolkit < module, "least useful first");
    assert!(body.contains("href=\"/curation/usefulness/timeline-mapping\""));
    for sector in ["Acute hospital", "Primary care", "Mental health"] {
        assert!(
            body.contains(&format!(
                "<th scope=\"row\" class=\"nhsuk-table__cell\">{sector}</th>"
            )),
            "{sector}"
        );
    }
    assert!(
        !body.contains("Maternity</th>"),
        "sectors nobody answered from are left out"
    );

    let detail = curator.get("/curation/usefulness/timeline-mapping").await;
    assert_eq!(detail.status, StatusCode::OK);
    assert!(detail
        .body
        .contains("1 of 2 members who answered found it useful (50%)."));
    assert!(detail.body.contains("Written for &lt;hospital&gt; teams"));
    assert!(detail.body.contains("Practice manager · Primary care"));
    assert!(detail.body.contains("Comments (1)"));
    for name in ["Asha Rahman", "Ben Okafor", "gp@example.org"] {
        assert!(!detail.body.contains(name), "{name} is not shown");
    }
    let missing = curator.get("/curation/usefulness/no-such-resource").await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);

    let members_refused = gp.browser.get("/curation/usefulness").await;
    assert_eq!(members_refused.status, StatusCode::FORBIDDEN);
}

async fn answers_are_in_your_data_and_go_with_the_account(backend: Backend) {
    let app = spawn_app_with_demo(backend).await;
    let user = create_user(&app, "leaver@example.org", Role::Member).await;
    let reader = signed_in(&app, &user).await;
    answer(&reader, TOOLKIT, "no", "Too long for a huddle").await;
    let data = reader.json("/account/data.json").await;
    let answers = data["usefulness_answers"].as_array().unwrap();
    assert_eq!(answers.len(), 1, "{data}");
    assert_eq!(answers[0]["resource"], TOOLKIT);
    assert_eq!(answers[0]["useful"], false);
    assert_eq!(answers[0]["comment"], "Too long for a huddle");

    let deleted = reader
        .post("/account/delete", &[("password", PASSWORD)])
        .await;
    assert_eq!(deleted.location.as_deref(), Some("/account-deleted"));
    assert_eq!(answers_by(&app, user.id).await, 0);
}

crate::both_backends!(
    a_member_answers_and_changes_their_answer,
    bad_answers_are_refused_beside_their_fields,
    the_page_shows_the_count_from_five_answers,
    details_kept_from_members_are_not_kept_with_an_answer,
    curators_see_usefulness_by_sector_without_names,
    answers_are_in_your_data_and_go_with_the_account,
);
