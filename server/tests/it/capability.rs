//! The capability self-assessment through real HTTP on both backends:
//! taking it, the gaps and the resources recommended for them (tagged with
//! the domain at the next level, published, not already completed), taking
//! it again (one take a day; the history and its chart), every refusal
//! (unanswered, unknown or hostile answers, no token, signed out, posts at
//! once), and the takes in "your data" and gone with the account.

use crate::learning::count;
use crate::network::member;
use crate::support::accounts::*;
use crate::support::{spawn_app_with_demo, Backend, TestApp};
use app::learning::capability::types::{field_names, Confidence, Rating, Relevance};
use app::vocabulary::{Capability, Level, Sector};
use reqwest::StatusCode;

const PAGE: &str = "/account/capability";

/// Answers for every domain: `special` as given, the rest expert and not
/// relevant (no gap).
fn answers(
    special: &[(Capability, &'static str, &'static str)],
) -> Vec<(&'static str, &'static str)> {
    Capability::ALL
        .iter()
        .flat_map(|&domain| {
            let (confidence_field, relevance_field) = field_names(domain);
            let (confidence, relevance) = special
                .iter()
                .find(|(d, ..)| *d == domain)
                .map(|(_, c, r)| (*c, *r))
                .unwrap_or(("expert", "not-relevant"));
            [(confidence_field, confidence), (relevance_field, relevance)]
        })
        .collect()
}

const GAPS: [(Capability, &str, &str); 4] = [
    (Capability::Planning, "foundation", "central"),
    (Capability::Analysis, "not-yet", "central"),
    (Capability::GatheringEvidence, "practitioner", "central"),
    (Capability::InvolvingPeople, "not-yet", "part"),
];

async fn takes_of(app: &TestApp, user_id: i64) -> i64 {
    count(
        app,
        "SELECT COUNT(*) FROM self_assessments WHERE user_id = $1",
        user_id,
    )
    .await
}

async fn ratings_of(app: &TestApp, user_id: i64) -> i64 {
    count(
        app,
        "SELECT COUNT(*) FROM self_assessment_ratings r JOIN self_assessments a ON a.id = r.assessment_id \
         WHERE a.user_id = $1",
        user_id,
    )
    .await
}

/// The slugs a page links to as resources, in order.
fn resource_links(body: &str) -> Vec<String> {
    body.match_indices("<a href=\"/resources/")
        .filter_map(|(at, found)| {
            let rest = &body[at + found.len()..];
            rest.find('"').map(|end| rest[..end].to_string())
        })
        .collect()
}

/// (status, capabilities, level, kind) of a resource.
async fn facts(app: &TestApp, slug: &str) -> (String, i64, String, String) {
    app::with_pool!(&app.db, pool => sqlx::query_as(
        "SELECT status, capabilities, level, kind FROM resources WHERE slug = $1",
    )
    .bind(slug)
    .fetch_one(pool)
    .await
    .unwrap())
}

async fn a_member_takes_it_and_sees_gaps_with_resources_to_close_them(backend: Backend) {
    let app = spawn_app_with_demo(backend).await;
    let gp = member(
        &app,
        "gp@example.org",
        "Asha Rahman",
        &[("sector", "primary-care"), ("region", "north-west")],
    )
    .await;
    let browser = &gp.browser;

    let learning = browser.get("/account/learning").await;
    assert!(learning.body.contains("Take the self-assessment"));
    let first = browser.get(PAGE).await;
    assert_eq!(first.status, StatusCode::OK);
    assert!(first.body.contains("How confident are you in analysis?"));
    assert!(first
        .body
        .contains("Identifies contributory factors with SEIPS scans"));
    assert!(
        !first.body.contains("Where to grow"),
        "no results before a take"
    );

    let taken = browser.post(PAGE, &answers(&GAPS)).await;
    assert_eq!(taken.status, StatusCode::SEE_OTHER, "{}", taken.body);
    assert_eq!(taken.location.as_deref(), Some(PAGE));
    let results = browser.get(PAGE).await;
    assert_eq!(results.status, StatusCode::OK);
    let body = &results.body;
    assert!(body.contains("Your self-assessment is saved"));
    assert!(body.contains("Where to grow"));
    // Central before part; furthest short first; evidence (practitioner,
    // central) is no gap.
    let at = |text: &str| {
        body.find(text)
            .unwrap_or_else(|| panic!("{text} in {body}"))
    };
    let analysis = at("<h3 class=\"nhsuk-card__heading nhsuk-heading-s\">Analysis</h3>");
    let planning =
        at("<h3 class=\"nhsuk-card__heading nhsuk-heading-s\">Planning a learning response</h3>");
    let involving = at(
        "<h3 class=\"nhsuk-card__heading nhsuk-heading-s\">Involving and supporting people</h3>",
    );
    assert!(analysis < planning && planning < involving);
    assert!(
        !body.contains("<h3 class=\"nhsuk-card__heading nhsuk-heading-s\">Gathering evidence</h3>")
    );
    assert!(body.contains("You said: not yet confident at foundation level; central to my role."));
    assert!(body.contains("Next, practitioner: Chooses a proportionate response"));

    // Each card's resources are published, tagged with its domain and at
    // the next level.
    let cards = [
        (analysis, planning, Capability::Analysis, Level::Foundation),
        (
            planning,
            involving,
            Capability::Planning,
            Level::Practitioner,
        ),
    ];
    for (from, to, domain, level) in cards {
        let links = resource_links(&body[from..to]);
        assert!(
            !links.is_empty(),
            "the demo catalogue has {domain:?} at {level:?}"
        );
        for slug in links {
            let (status, capabilities, at_level, _) = facts(&app, &slug).await;
            assert_eq!(status, "published", "{slug}");
            assert_ne!(
                capabilities & domain.bit(),
                0,
                "{slug} is tagged {domain:?}"
            );
            assert_eq!(at_level, level.slug(), "{slug}");
        }
    }
    assert!(body.contains("/resources?capability=analysis&amp;level=foundation"));
    // The table of every domain, and no chart before a second take.
    assert!(body.contains("Confident at"));
    assert!(!body.contains("hub-sparkline"));

    // Kept with the sectors and region the member shows.
    let (sectors, region): (i64, Option<String>) = app::with_pool!(&app.db, pool => sqlx::query_as(
        "SELECT sectors, region FROM self_assessments WHERE user_id = $1",
    )
    .bind(gp.user.id)
    .fetch_one(pool)
    .await
    .unwrap());
    assert_eq!(sectors, Sector::PrimaryCare.bit());
    assert_eq!(region.as_deref(), Some("north-west"));
    assert!(browser
        .get("/account/learning")
        .await
        .body
        .contains("You last took it on"));

    // Taking it again shows the last answers; a second take the same day
    // replaces the first.
    let again = browser.get(&format!("{PAGE}?take=again")).await;
    assert!(
        again.body.contains(
            "id=\"analysis-confidence\" name=\"analysis-confidence\" type=\"radio\" value=\"not-yet\" checked"
        ),
        "{}",
        again.body
    );
    assert!(again.body.contains(
        "id=\"planning-confidence-foundation\" name=\"planning-confidence\" type=\"radio\" value=\"foundation\" checked"
    ));
    let mut grown = GAPS;
    grown[1] = (Capability::Analysis, "foundation", "central");
    let retaken = browser.post(PAGE, &answers(&grown)).await;
    assert_eq!(retaken.status, StatusCode::SEE_OTHER);
    assert_eq!(takes_of(&app, gp.user.id).await, 1);
    assert_eq!(ratings_of(&app, gp.user.id).await, 8);
    let body = browser.get(PAGE).await.body;
    assert!(body.contains("You said: confident at foundation level; central to my role."));

    // A completed module is not recommended again.
    let recommended = resource_links(&body);
    let module = {
        let mut found = None;
        for slug in &recommended {
            if facts(&app, slug).await.3 == "module" {
                found = Some(slug.clone());
                break;
            }
        }
        found.expect("a module is recommended")
    };
    {
        app::with_pool!(&app.db, pool => sqlx::query(
            "INSERT INTO module_completions (user_id, resource_id, completed_at) \
             SELECT $1, id, 0 FROM resources WHERE slug = $2",
        )
        .bind(gp.user.id)
        .bind(&module)
        .execute(pool)
        .await
        .map(|_| ())
        .unwrap());
        let after = browser.get(PAGE).await.body;
        assert!(
            !resource_links(&after).contains(&module),
            "{module} was completed"
        );
    }
}

async fn the_history_is_kept_and_charted(backend: Backend) {
    let app = spawn_app_with_demo(backend).await;
    let user = create_user(&app, "learner@example.org", app::accounts::Role::Member).await;
    let browser = signed_in(&app, &user).await;
    let earlier: Vec<Rating> = Capability::ALL
        .iter()
        .map(|&domain| Rating {
            domain,
            confidence: Confidence::NotYet,
            relevance: Relevance::Central,
        })
        .collect();
    let month_ago = chrono::Utc::now().timestamp() - 30 * 86_400;
    app::learning::capability::repo::save(&app.db, user.id, &earlier, month_ago)
        .await
        .unwrap();
    let taken = browser.post(PAGE, &answers(&GAPS)).await;
    assert_eq!(taken.status, StatusCode::SEE_OTHER);
    assert_eq!(takes_of(&app, user.id).await, 2);
    let body = browser.get(PAGE).await.body;
    assert!(body.contains(", and 2 times in all since"));
    assert_eq!(body.matches("class=\"hub-sparkline\"").count(), 8);
    let day = |at: i64| app::dates::uk_day_of(at).unwrap().shown();
    let today = day(chrono::Utc::now().timestamp());
    assert!(
        body.contains(&format!(
            "aria-label=\"Confidence in Planning a learning response: Not yet at foundation on {}, then Foundation on {today}\"",
            day(month_ago)
        )),
        "{body}"
    );
    // The latest take decides the gaps.
    assert!(body.contains("Planning a learning response</h3>"));
    assert!(!body.contains("Leading and overseeing investigations</h3>"));
}

async fn bad_answers_are_refused_beside_their_fields(backend: Backend) {
    let app = spawn_app_with_demo(backend).await;
    let user = create_user(&app, "careful@example.org", app::accounts::Role::Member).await;
    let browser = signed_in(&app, &user).await;

    let mut partial = answers(&GAPS);
    partial.retain(|(field, _)| *field != "analysis-confidence" && *field != "leading-relevance");
    partial.push(("leading-relevance", "<script>alert(1)</script>"));
    let refused = browser.post(PAGE, &partial).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    let body = &refused.body;
    assert!(body.contains("There is a problem"));
    assert!(body.contains("href=\"#analysis-confidence\""));
    assert!(body.contains("Select how confident you are in analysis"));
    assert!(
        body.contains("Select how relevant leading and overseeing investigations is to your role")
    );
    assert!(body.contains("Error: "));
    assert!(!body.contains("<script>alert(1)"));
    // What was chosen stays chosen.
    assert!(body.contains("value=\"foundation\" checked"), "{body}");
    assert_eq!(takes_of(&app, user.id).await, 0);

    let long = "x".repeat(5_000);
    let mut hostile: Vec<(&str, &str)> = answers(&[]);
    hostile[0].1 = long.as_str();
    hostile[1].1 = "central\u{0}";
    assert_eq!(
        browser.post(PAGE, &hostile).await.status,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert_eq!(
        browser.post_raw(PAGE, &answers(&GAPS)).await.status,
        StatusCode::FORBIDDEN,
        "no CSRF token"
    );
    let anonymous = Browser::new(&app);
    assert_eq!(
        anonymous.post(PAGE, &answers(&GAPS)).await.status,
        StatusCode::UNAUTHORIZED
    );
    let page = anonymous.get(PAGE).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    assert_eq!(
        page.location.as_deref(),
        Some("/sign-in?next=%2Faccount%2Fcapability")
    );
    assert_eq!(takes_of(&app, user.id).await, 0);

    // Posts at once leave one whole take.
    let all = answers(&GAPS);
    let mut posts = tokio::task::JoinSet::new();
    for _ in 0..8 {
        let (browser, all) = (browser.clone(), all.clone());
        posts.spawn(async move { browser.post(PAGE, &all).await });
    }
    for page in posts.join_all().await {
        assert!(
            matches!(
                page.status,
                StatusCode::SEE_OTHER | StatusCode::SERVICE_UNAVAILABLE
            ),
            "{}: {}",
            page.status,
            page.body
        );
    }
    assert_eq!(takes_of(&app, user.id).await, 1);
    assert_eq!(ratings_of(&app, user.id).await, 8);
}

async fn takes_are_in_your_data_and_go_with_the_account(backend: Backend) {
    let app = spawn_app_with_demo(backend).await;
    let user = create_user(&app, "leaver@example.org", app::accounts::Role::Member).await;
    let browser = signed_in(&app, &user).await;
    let other = create_user(&app, "stayer@example.org", app::accounts::Role::Member).await;
    let other_browser = signed_in(&app, &other).await;
    assert_eq!(
        browser.post(PAGE, &answers(&GAPS)).await.status,
        StatusCode::SEE_OTHER
    );
    let theirs = [(Capability::Leading, "not-yet", "central")];
    assert_eq!(
        other_browser.post(PAGE, &answers(&theirs)).await.status,
        StatusCode::SEE_OTHER
    );
    // Each sees only their own results.
    let own = browser.get(PAGE).await.body;
    assert!(
        own.contains("Analysis</h3>")
            && !own.contains("Leading and overseeing investigations</h3>")
    );
    let other_page = other_browser.get(PAGE).await.body;
    assert!(other_page.contains("Leading and overseeing investigations</h3>"));
    assert!(!other_page.contains("Analysis</h3>"));
    let other_data = other_browser.json("/account/data.json").await;
    assert_eq!(other_data["self_assessments"].as_array().unwrap().len(), 1);
    assert_eq!(
        other_data["self_assessments"][0]["ratings"][3]["confidence"],
        "expert"
    );

    let data = browser.json("/account/data.json").await;
    let takes = data["self_assessments"].as_array().unwrap();
    assert_eq!(takes.len(), 1, "{data}");
    assert_eq!(takes[0]["region_when_taken"], serde_json::Value::Null);
    assert_eq!(takes[0]["sectors_when_taken"], serde_json::json!([]));
    assert!(takes[0]["taken_at"]
        .as_str()
        .is_some_and(|at| at.ends_with(" UTC")));
    let ratings = takes[0]["ratings"].as_array().unwrap();
    assert_eq!(ratings.len(), 8);
    assert_eq!(ratings[3]["domain"], "analysis");
    assert_eq!(ratings[3]["confidence"], "not-yet");
    assert_eq!(ratings[3]["relevance"], "central");

    let deleted = browser
        .post("/account/delete", &[("password", PASSWORD)])
        .await;
    assert_eq!(deleted.location.as_deref(), Some("/account-deleted"));
    assert_eq!(takes_of(&app, user.id).await, 0);
    assert_eq!(ratings_of(&app, user.id).await, 0);
    assert_eq!(takes_of(&app, other.id).await, 1);
}

/// (domains rated, gaps) over the demo members' latest takes, for members
/// whose profile is in `sector` only or not at all.
async fn demo_gaps(app: &TestApp, only_sector: Option<Sector>) -> (i64, i64) {
    let rows: Vec<(i64, i64, String, String)> = app::with_pool!(&app.db, pool => sqlx::query_as(
        "SELECT a.user_id, p.sectors, r.confidence, r.relevance FROM self_assessments a \
         JOIN profiles p ON p.user_id = a.user_id AND p.is_demo \
         JOIN self_assessment_ratings r ON r.assessment_id = a.id \
         WHERE a.taken_on = (SELECT MAX(b.taken_on) FROM self_assessments b WHERE b.user_id = a.user_id)",
    )
    .fetch_all(pool)
    .await
    .unwrap());
    let (mut rated, mut gaps) = (0, 0);
    for (_, sectors, confidence, relevance) in rows {
        if only_sector.is_some_and(|sector| sectors != sector.bit()) {
            continue;
        }
        let rating = Rating {
            domain: Capability::Analysis,
            confidence: Confidence::from_slug(&confidence).unwrap(),
            relevance: Relevance::from_slug(&relevance).unwrap(),
        };
        rated += 1;
        gaps += i64::from(rating.is_gap());
    }
    (rated, gaps)
}

async fn the_demo_network_has_self_assessments_and_older_demo_data_catches_up(backend: Backend) {
    let app = spawn_app_with_demo(backend).await;
    server::seed::network::seed(&app.db).await.unwrap();
    let (rated, gaps) = demo_gaps(&app, None).await;
    assert!(rated >= 8 * 40, "every demo member took it: {rated}");
    let share = |(rated, gaps): (i64, i64)| gaps as f64 / rated as f64;
    let everyone = share((rated, gaps));
    for sector in [Sector::PrimaryCare, Sector::MentalHealth] {
        let theirs = demo_gaps(&app, Some(sector)).await;
        assert!(theirs.0 > 0, "demo members only in {sector:?}");
        assert!(
            share(theirs) > everyone,
            "{sector:?}: {theirs:?} against {everyone}"
        );
    }
    let twice: i64 = count(
        &app,
        "SELECT COUNT(*) FROM (SELECT user_id FROM self_assessments GROUP BY user_id HAVING COUNT(*) > 1) t WHERE $1 = $1",
        0,
    )
    .await;
    assert!(twice > 5, "about half took it twice: {twice}");

    // Demo data from before: no domains on resources, no takes.
    app::with_pool!(&app.db, pool => {
        sqlx::query("UPDATE resources SET capabilities = 0").execute(pool).await.unwrap();
        sqlx::query("DELETE FROM self_assessments").execute(pool).await.unwrap();
    });
    server::seed::demo::seed(&app.db).await.unwrap();
    server::seed::network::seed(&app.db).await.unwrap();
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM resources WHERE capabilities = 0 AND $1 = $1",
            0
        )
        .await,
        0
    );
    assert_eq!(demo_gaps(&app, None).await.0, rated, "the same takes again");
    // A resource a curator tagged is left as it is.
    app::with_pool!(&app.db, pool => sqlx::query(
        "UPDATE resources SET capabilities = $1 WHERE slug = 'seips-in-practice'",
    )
    .bind(Capability::Leading.bit())
    .execute(pool)
    .await
    .map(|_| ())
    .unwrap());
    server::seed::demo::seed(&app.db).await.unwrap();
    assert_eq!(
        facts(&app, "seips-in-practice").await.1,
        Capability::Leading.bit()
    );
}

crate::both_backends!(
    the_demo_network_has_self_assessments_and_older_demo_data_catches_up,
    a_member_takes_it_and_sees_gaps_with_resources_to_close_them,
    the_history_is_kept_and_charted,
    bad_answers_are_refused_beside_their_fields,
    takes_are_in_your_data_and_go_with_the_account,
);
