//! Contributions through real HTTP on both backends: the editor's
//! validation and preview, the review workflow with every invalid step and
//! role refused, revision history and diffs, duplicate control with merges,
//! lessons, the review queue and the organisation editor.

use crate::support::accounts::*;
use crate::support::{search, spawn_app_with_demo, Backend, TestApp};
use app::accounts::Role;
use app::db::Db;
use app::with_pool;
use reqwest::StatusCode;

const PROVIDER: &str = "primary-care-safety-network";

/// The editor's fields for a good toolkit, with `extra` replacing any.
pub(crate) fn fields<'a>(title: &'a str, extra: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut all = vec![
        ("action", "save"),
        ("kind", "toolkit"),
        ("title", title),
        ("summary", "A short toolkit for practice teams."),
        ("body", "## Steps\n\n- Gather the team\n- Ask what happened"),
        ("provider", PROVIDER),
        ("sector", "primary-care"),
        ("level", "foundation"),
        ("minutes", "20"),
        ("reviewed_on", "2026-01-10"),
        ("review_by", "2027-01-10"),
    ];
    for (field, value) in extra {
        all.retain(|(existing, _)| existing != field);
        all.push((field, value));
    }
    all
}

async fn resource_count(db: &Db) -> i64 {
    with_pool!(db, pool => sqlx::query_scalar("SELECT COUNT(*) FROM resources").fetch_one(pool).await.unwrap())
}

async fn stage_of(db: &Db, slug: &str) -> String {
    with_pool!(db, pool => sqlx::query_scalar("SELECT workflow FROM resources WHERE slug = $1")
        .bind(slug)
        .fetch_one(pool)
        .await
        .unwrap())
}

/// Creates a draft and returns its slug.
pub(crate) async fn create(browser: &Browser, fields: &[(&str, &str)]) -> String {
    let page = browser.post("/contribute/new", fields).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    page.location
        .as_deref()
        .and_then(|location| location.strip_prefix("/contribute/"))
        .expect("a new draft leads to its page")
        .to_string()
}

/// Takes a workflow step from the resource's page, as its form does (with
/// the version the page showed).
async fn step(browser: &Browser, slug: &str, step: &str, note: &str) -> StatusCode {
    let page = browser.get(&format!("/contribute/{slug}")).await;
    let version = hidden_value(&page.body, "version").unwrap_or_default();
    browser
        .post(
            &format!("/contribute/{slug}/workflow"),
            &[("step", step), ("note", note), ("version", &version)],
        )
        .await
        .status
}

/// The latest version of a resource, as its forms carry it.
pub async fn version(db: &Db, slug: &str) -> String {
    let latest: Option<i64> = with_pool!(db, pool => sqlx::query_scalar(
        "SELECT MAX(v.number) FROM resource_revisions v JOIN resources r ON r.id = v.resource_id WHERE r.slug = $1",
    )
    .bind(slug)
    .fetch_one(pool)
    .await
    .unwrap());
    latest.unwrap_or(0).to_string()
}

struct People {
    contributor: Browser,
    other: Browser,
    member: Browser,
    curator: Browser,
}

async fn people(app: &TestApp) -> People {
    let contributor = create_user(app, "cara@example.org", Role::Contributor).await;
    let other = create_user(app, "olu@example.org", Role::Contributor).await;
    let member = create_user(app, "mo@example.org", Role::Member).await;
    let curator = create_user(app, "kit@example.org", Role::Curator).await;
    People {
        contributor: signed_in(app, &contributor).await,
        other: signed_in(app, &other).await,
        member: signed_in(app, &member).await,
        curator: signed_in(app, &curator).await,
    }
}

async fn editor_validates_and_previews(backend: Backend) {
    let app = spawn_app_with_demo(backend).await;
    let people = people(&app).await;
    let before = resource_count(&app.db).await;

    // Members are not contributors.
    assert_eq!(
        people.member.get("/contribute").await.status,
        StatusCode::FORBIDDEN
    );
    let refused = people
        .member
        .post("/contribute/new", &fields("Anything", &[]))
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);

    // Every problem is named beside its field and in the summary.
    let bad = people
        .contributor
        .post(
            "/contribute/new",
            &fields(
                "",
                &[
                    ("minutes", "lots"),
                    ("provider", "nobody"),
                    ("review_by", "2025-01-01"),
                    (
                        "body",
                        "<script>alert(1)</script></textarea><p id=injected>kept",
                    ),
                ],
            ),
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    for message in [
        "Enter a title",
        "Time to complete must be a whole number of minutes",
        "Select the organisation that provides it",
        "The review-by date must be after",
    ] {
        assert!(bad.body.contains(message), "{message} missing");
    }
    assert!(bad.body.contains("nhsuk-error-summary"));
    // What was typed is kept (escaped), not lost.
    // ... and cannot end the text box early (Leptos leaves textarea text
    // unescaped; `forms` escapes it).
    assert!(bad
        .body
        .contains("&lt;/textarea&gt;&lt;p id=injected&gt;kept"));
    assert!(!bad.body.contains("<p id=injected>"));
    assert!(!bad.body.contains("<script>alert(1)"));
    assert_eq!(resource_count(&app.db).await, before);

    // Preview without JavaScript: the page again with the rendered, sanitised
    // Markdown, and nothing saved.
    let preview = people
        .contributor
        .post(
            "/contribute/new",
            &fields(
                "Previewed",
                &[
                    ("action", "preview"),
                    ("body", "## Looked at\n\n<img src=x onerror=alert(1)>"),
                ],
            ),
        )
        .await;
    assert_eq!(preview.status, StatusCode::OK);
    assert!(
        preview.body.contains("<h2>Looked at</h2>"),
        "{}",
        preview.body
    );
    let shown = preview
        .body
        .split("data-testid=\"markdown-preview\"")
        .nth(1)
        .unwrap();
    let shown = &shown[..shown.find("</section>").unwrap()];
    assert!(
        shown.contains("<h2>Looked at</h2>") && !shown.contains("onerror"),
        "{shown}"
    );
    assert_eq!(resource_count(&app.db).await, before);
    // A long text survives a preview whole.
    let long = format!("{}THE-END", "Timeline entry. ".repeat(1500));
    let preview = people
        .contributor
        .post(
            "/contribute/new",
            &fields("Long", &[("action", "preview"), ("body", &long)]),
        )
        .await;
    assert!(preview.body.contains("Timeline entry. THE-END</textarea>"));

    // Slugs are generated from titles and never reused.
    let first = create(
        &people.contributor,
        &fields("Swarm huddles: a quick start!", &[]),
    )
    .await;
    let second = create(&people.other, &fields("Swarm huddles: a quick start!", &[])).await;
    assert_eq!(first, "swarm-huddles-a-quick-start");
    assert_eq!(second, "swarm-huddles-a-quick-start-2");
    assert_eq!(stage_of(&app.db, &first).await, "draft");

    // Drafts are not public, and other contributors cannot see or touch them.
    assert_eq!(
        app.get(&format!("/resources/{first}")).await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        people
            .other
            .get(&format!("/contribute/{first}"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    let meddle = people
        .other
        .post(
            &format!("/contribute/{first}/edit"),
            &fields("Mine now", &[]),
        )
        .await;
    assert_eq!(meddle.status, StatusCode::NOT_FOUND);
    assert_eq!(
        step(&people.other, &first, "submit", "").await,
        StatusCode::NOT_FOUND
    );
    app.shutdown().await;
}

async fn workflow_refuses_every_invalid_step(backend: Backend) {
    let app = spawn_app_with_demo(backend).await;
    let people = people(&app).await;
    let (contributor, curator) = (&people.contributor, &people.curator);
    let slug = create(contributor, &fields("Timelines for dispensing errors", &[])).await;

    // Curator-only steps are refused to the proposer, and nothing moves.
    for curator_step in [
        "publish",
        "request_changes",
        "reject",
        "unpublish",
        "archive",
    ] {
        assert_eq!(
            step(contributor, &slug, curator_step, "a note").await,
            StatusCode::FORBIDDEN,
            "{curator_step}"
        );
    }
    // A curator cannot publish a draft nobody submitted.
    assert_eq!(
        step(curator, &slug, "publish", "").await,
        StatusCode::CONFLICT
    );
    assert_eq!(
        step(contributor, &slug, "nonsense", "").await,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert_eq!(stage_of(&app.db, &slug).await, "draft");

    assert_eq!(
        step(contributor, &slug, "submit", "").await,
        StatusCode::SEE_OTHER
    );
    assert_eq!(stage_of(&app.db, &slug).await, "submitted");
    assert_eq!(
        step(contributor, &slug, "submit", "").await,
        StatusCode::CONFLICT
    );
    // Submitted work is the curator's to change now.
    let edit = contributor
        .post(&format!("/contribute/{slug}/edit"), &fields("Changed", &[]))
        .await;
    assert_eq!(edit.status, StatusCode::CONFLICT);
    // Only the proposer withdraws.
    assert_eq!(
        step(curator, &slug, "withdraw", "").await,
        StatusCode::FORBIDDEN
    );

    // A refusal shows the resource's page again, and puts its address (not
    // the one posted to) in the address bar before the client starts.
    let refused = curator
        .post(
            &format!("/contribute/{slug}/workflow"),
            &[("step", "reject")],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains(&format!(
        "history.replaceState(null, \"\", \"/contribute/{slug}\");"
    )));

    // Feedback is required, recorded and shown to the contributor.
    assert_eq!(
        step(curator, &slug, "request_changes", "  ").await,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert_eq!(
        step(
            curator,
            &slug,
            "request_changes",
            "Add an example from a real pharmacy"
        )
        .await,
        StatusCode::SEE_OTHER
    );
    let mine = contributor.get("/contribute").await;
    assert!(mine.body.contains("Add an example from a real pharmacy"));
    assert!(mine.body.contains("Changes requested"));

    let seen = version(&app.db, &slug).await;
    let resubmitted = contributor
        .post(
            &format!("/contribute/{slug}/edit"),
            &fields(
                "Timelines for dispensing errors",
                &[
                    (
                        "body",
                        "## Example\n\nA pharmacy in Leeds found the labels printed in batches.",
                    ),
                    ("version", &seen),
                ],
            ),
        )
        .await;
    assert_eq!(
        resubmitted.status,
        StatusCode::SEE_OTHER,
        "{}",
        resubmitted.body
    );
    assert_eq!(
        step(contributor, &slug, "submit", "").await,
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        step(curator, &slug, "publish", "").await,
        StatusCode::SEE_OTHER
    );
    assert_eq!(stage_of(&app.db, &slug).await, "published");
    assert_eq!(
        app.get(&format!("/resources/{slug}")).await.status(),
        StatusCode::OK
    );
    let found = search(&app, "q=dispensing+errors").await.unwrap();
    assert!(found.results.iter().any(|card| card.slug == slug));

    // Unpublish hides it; publish again; archive is final.
    assert_eq!(
        step(curator, &slug, "unpublish", "Out of date").await,
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        app.get(&format!("/resources/{slug}")).await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        step(curator, &slug, "publish", "").await,
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        step(curator, &slug, "archive", "").await,
        StatusCode::SEE_OTHER
    );
    for any in [
        "submit",
        "publish",
        "unpublish",
        "archive",
        "request_changes",
        "reject",
    ] {
        let status = step(curator, &slug, any, "note").await;
        assert!(
            status == StatusCode::CONFLICT || status == StatusCode::FORBIDDEN,
            "{any} from archived gave {status}"
        );
    }
    assert_eq!(stage_of(&app.db, &slug).await, "archived");

    // Every change of stage is on the record, with who.
    let record = curator.get(&format!("/contribute/{slug}")).await.body;
    for line in [
        "Draft started",
        "Submit for review",
        "Request changes",
        "Approve and publish",
        "Unpublish",
        "Archive",
    ] {
        assert!(record.contains(line), "{line} missing from the record");
    }
    assert!(record.contains("Test Curator") && record.contains("Test Contributor"));

    // Review needs a second person: a curator cannot publish their own
    // submission.
    let own = create(curator, &fields("A curator's own toolkit", &[])).await;
    assert_eq!(
        step(curator, &own, "submit", "").await,
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        step(curator, &own, "publish", "").await,
        StatusCode::FORBIDDEN
    );
    assert_eq!(stage_of(&app.db, &own).await, "submitted");

    // Rejection needs a reason and ends the road for that draft.
    let other = create(contributor, &fields("A second idea", &[])).await;
    assert_eq!(
        step(contributor, &other, "submit", "").await,
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        step(curator, &other, "reject", "").await,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert_eq!(
        step(curator, &other, "reject", "Already covered by the module").await,
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        step(contributor, &other, "submit", "").await,
        StatusCode::CONFLICT
    );
    assert_eq!(stage_of(&app.db, &other).await, "rejected");
    app.shutdown().await;
}

async fn revisions_diff_and_restore(backend: Backend) {
    let app = spawn_app_with_demo(backend).await;
    let people = people(&app).await;
    let browser = &people.contributor;
    let body_one = "one\ntwo\nthree";
    let slug = create(browser, &fields("Revision test", &[("body", body_one)])).await;
    let edit = format!("/contribute/{slug}/edit");
    // The second, identical save makes no new version.
    let revised = |seen: &'static str| {
        fields(
            "Revision test, revised",
            &[
                ("body", "one\nTWO\nthree\nfour"),
                ("sector", "mental-health"),
                ("version", seen),
            ],
        )
    };
    for _ in 0..2 {
        let saved = browser.post(&edit, &revised("1")).await;
        assert_eq!(saved.status, StatusCode::SEE_OTHER);
    }
    // A save made from an older version than the latest is refused, not
    // written over it.
    let stale = browser
        .post(&edit, &fields("Someone else's title", &[("version", "1")]))
        .await;
    assert_eq!(stale.status, StatusCode::CONFLICT);
    assert!(stale.body.contains("Someone else changed this resource"));
    // A form shown again after a failed save keeps the version it was made
    // from, so fixing the mistake cannot slip past someone else's save.
    let failed = browser.post(&edit, &fields("", &[("version", "1")])).await;
    assert_eq!(failed.status, StatusCode::UNPROCESSABLE_ENTITY);
    let form = failed
        .body
        .find("name=\"version\"")
        .map(|at| &failed.body[at.saturating_sub(40)..at + 40]);
    assert!(
        failed.body.contains("name=\"version\" value=\"1\""),
        "the form lost its version: {form:?}"
    );

    let diff = browser
        .get(&format!("/contribute/{slug}/history?from=1&to=2"))
        .await;
    assert_eq!(diff.status, StatusCode::OK);
    assert!(diff.body.contains("Revision test, revised"));
    assert!(diff.body.contains("Mental health"));
    assert!(diff.body.contains("<del>two</del>"), "{}", diff.body);
    assert!(diff.body.contains("<ins>TWO</ins>"));
    assert!(diff.body.contains("<ins>four</ins>"));
    assert!(!diff.body.contains("Version 3 —"));

    let missing = browser
        .get(&format!("/contribute/{slug}/history?from=1&to=9"))
        .await;
    assert_eq!(missing.status, StatusCode::BAD_REQUEST);

    let nonsense = browser
        .post(
            &format!("/contribute/{slug}/restore"),
            &[("number", "99"), ("version", "2")],
        )
        .await;
    assert_eq!(nonsense.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(nonsense.body.contains("Choose a version to restore"));
    let restored = browser
        .post(
            &format!("/contribute/{slug}/restore"),
            &[("number", "1"), ("version", "2")],
        )
        .await;
    assert_eq!(restored.status, StatusCode::SEE_OTHER);
    let (title, body): (String, String) = with_pool!(&app.db, pool => sqlx::query_as("SELECT title, body FROM resources WHERE slug = $1")
        .bind(&slug)
        .fetch_one(pool)
        .await
        .unwrap());
    assert_eq!((title.as_str(), body.as_str()), ("Revision test", body_one));
    let history = browser
        .get(&format!("/contribute/{slug}/history"))
        .await
        .body;
    assert!(history.contains("Restored version 1"));
    let unchanged = browser
        .get(&format!("/contribute/{slug}/history?from=1&to=3"))
        .await
        .body;
    assert!(unchanged.contains("These versions are the same"));
    app.shutdown().await;
}

async fn duplicates_found_dismissed_and_merged(backend: Backend) {
    let app = spawn_app_with_demo(backend).await;
    let people = people(&app).await;
    // A reworded copy of the demo module "Learning from patient safety
    // events in general practice".
    let copy = create(
        &people.contributor,
        &fields(
            "Learning from safety incidents in GP practices",
            &[
                ("kind", "module"),
                ("summary", "A foundation course for general practice teams on picking proportionate learning responses, running short reviews and turning learning into practical change."),
                ("body", "## About this module\n\nGeneral practice teams handle huge volumes of work with small staff groups and little protected time. Significant event analysis can feel like paperwork, and many practices are unsure how the Patient Safety Incident Response Framework applies to them.\n\n## What you will cover\n\n- What makes safety in primary care different from hospitals\n- Choosing between a swarm huddle, an After Action Review and a wider review\n- Running a short, blame-free conversation in a small team"),
            ],
        ),
    )
    .await;
    let page = people
        .contributor
        .get(&format!("/contribute/{copy}"))
        .await
        .body;
    let listed = page
        .split("data-testid=\"duplicates\"")
        .nth(1)
        .expect("similar resources are listed");
    let original = "/resources/learning-from-events-in-general-practice";
    assert!(listed.contains(original), "{listed}");
    assert!(listed.contains("% similar"));
    // Contributors see them; only curators decide.
    assert!(!listed.contains("Not a duplicate"));
    // Contributors never learn of other people's unpublished drafts.
    let copy_of_copy = create(
        &people.other,
        &fields(
            "Learning from safety incidents in GP practices",
            &[("kind", "module"), ("summary", "A foundation course for general practice teams on picking proportionate learning responses, running short reviews and turning learning into practical change.")],
        ),
    )
    .await;
    let theirs = people
        .other
        .get(&format!("/contribute/{copy_of_copy}"))
        .await
        .body;
    assert!(
        !theirs.contains(&format!("/contribute/{copy}\"")),
        "another contributor's draft was listed"
    );
    let curators = people
        .curator
        .get(&format!("/contribute/{copy_of_copy}"))
        .await
        .body;
    assert!(
        curators.contains(&format!("/contribute/{copy}\"")),
        "curators compare against drafts in review too"
    );

    let unrelated = create(
        &people.contributor,
        &fields(
            "Checking cold chain temperature logs for vaccine fridges",
            &[
                (
                    "summary",
                    "Daily fridge readings and what to do when a reading is out of range.",
                ),
                (
                    "body",
                    "Read the thermometer at the start and end of each day.",
                ),
            ],
        ),
    )
    .await;
    let page = people
        .contributor
        .get(&format!("/contribute/{unrelated}"))
        .await
        .body;
    assert!(
        !page.contains("data-testid=\"duplicates\""),
        "an unrelated draft was flagged"
    );

    let decide = format!("/contribute/{copy}/duplicates");
    let other_slug = original.trim_start_matches("/resources/");
    for (other, decision) in [("no-such-resource", "merge"), (other_slug, "maybe")] {
        let bad = people
            .curator
            .post(&decide, &[("other", other), ("decision", decision)])
            .await;
        assert_eq!(
            bad.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{other} {decision}"
        );
    }
    let refused = people
        .contributor
        .post(
            &decide,
            &[("other", other_slug), ("decision", "not_duplicate")],
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let dismissed = people
        .curator
        .post(
            &decide,
            &[("other", other_slug), ("decision", "not_duplicate")],
        )
        .await;
    assert_eq!(dismissed.status, StatusCode::SEE_OTHER);
    let page = people
        .curator
        .get(&format!("/contribute/{copy}"))
        .await
        .body;
    assert!(!page.contains(original), "a dismissed pair is listed again");

    // Merging archives the copy and sends its address to the original.
    let merged = people
        .curator
        .post(&decide, &[("other", other_slug), ("decision", "merge")])
        .await;
    assert_eq!(merged.status, StatusCode::SEE_OTHER);
    assert_eq!(stage_of(&app.db, &copy).await, "archived");
    let old = Browser::new(&app).get(&format!("/resources/{copy}")).await;
    assert_eq!(old.status, StatusCode::MOVED_PERMANENTLY);
    assert_eq!(old.location.as_deref(), Some(original));
    app.shutdown().await;
}

async fn lessons_queue_and_organisations(backend: Backend) {
    let app = spawn_app_with_demo(backend).await;
    let people = people(&app).await;
    let (contributor, curator) = (&people.contributor, &people.curator);
    let module = create(
        contributor,
        &fields(
            "A module with lessons",
            &[("kind", "module"), ("sector", "mental-health")],
        ),
    )
    .await;
    let lessons = format!("/contribute/{module}/lessons");
    let empty = contributor
        .post(
            &format!("{lessons}/new"),
            &[("action", "save"), ("title", ""), ("body", "")],
        )
        .await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(empty.body.contains("Enter a title for the lesson"));
    for title in ["First lesson", "Second lesson"] {
        let seen = version(&app.db, &module).await;
        let added = contributor
            .post(
                &format!("{lessons}/new"),
                &[
                    ("action", "save"),
                    ("title", title),
                    ("body", "Read this."),
                    ("version", &seen),
                ],
            )
            .await;
        assert_eq!(added.status, StatusCode::SEE_OTHER, "{}", added.body);
    }
    // Deleting lesson 1 as the page showed it before lesson 2 was added
    // would hit the wrong lesson: refused.
    let stale = contributor
        .post(
            &format!("{lessons}/1"),
            &[("action", "delete"), ("version", "2")],
        )
        .await;
    assert_eq!(stale.status, StatusCode::CONFLICT);
    let seen = version(&app.db, &module).await;
    let deleted = contributor
        .post(
            &format!("{lessons}/1"),
            &[("action", "delete"), ("version", &seen)],
        )
        .await;
    assert_eq!(deleted.status, StatusCode::SEE_OTHER);
    assert_eq!(
        contributor.get(&format!("{lessons}/abc")).await.status,
        StatusCode::NOT_FOUND
    );
    let titles: Vec<String> = with_pool!(&app.db, pool => sqlx::query_scalar("SELECT l.title FROM lessons l JOIN resources r ON r.id = l.resource_id WHERE r.slug = $1 ORDER BY l.position")
        .bind(&module)
        .fetch_all(pool)
        .await
        .unwrap());
    assert_eq!(titles, vec!["Second lesson"]);
    assert_eq!(
        contributor.get(&format!("{lessons}/5")).await.status,
        StatusCode::NOT_FOUND
    );
    let toolkit = create(contributor, &fields("No lessons here", &[])).await;
    let refused = contributor
        .post(
            &format!("/contribute/{toolkit}/lessons/new"),
            &[("action", "save"), ("title", "x"), ("body", "y")],
        )
        .await;
    assert_eq!(refused.status, StatusCode::CONFLICT);

    // The queue lists submissions, filtered; bad filters are named.
    assert_eq!(
        step(contributor, &module, "submit", "").await,
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        step(contributor, &toolkit, "submit", "").await,
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        contributor.get("/curation/queue").await.status,
        StatusCode::FORBIDDEN
    );
    let all = curator.get("/curation/queue").await.body;
    assert!(all.contains("A module with lessons") && all.contains("No lessons here"));
    let mental_health = curator
        .get("/curation/queue?sector=mental-health")
        .await
        .body;
    assert!(
        mental_health.contains("A module with lessons")
            && !mental_health.contains("No lessons here")
    );
    let toolkits = curator.get("/curation/queue?kind=toolkit").await.body;
    assert!(!toolkits.contains("A module with lessons") && toolkits.contains("No lessons here"));
    let old = curator.get("/curation/queue?waiting=30").await.body;
    assert!(old.contains("Nothing is waiting"));
    let bad = curator.get("/curation/queue?kind=podcast").await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert!(bad.body.contains("podcast"));

    // Organisations: curators only, validated, slugs generated.
    let blank = curator.get("/curation/organisations/new").await;
    assert_eq!(blank.status, StatusCode::OK, "{}", blank.body);
    assert!(blank.body.contains("Add an organisation"));
    let existing = curator
        .get(&format!("/curation/organisations/{PROVIDER}"))
        .await;
    assert_eq!(existing.status, StatusCode::OK);
    assert!(existing.body.contains("Primary Care Safety Network"));
    let form = [
        ("name", "North Coast Safety Academy"),
        ("kind", "academic"),
        ("website", "https://example.org"),
        ("description", "Teaches investigators."),
    ];
    assert_eq!(
        contributor
            .post("/curation/organisations/new", &form)
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    let bad = curator
        .post(
            "/curation/organisations/new",
            &[("name", ""), ("kind", "club"), ("website", "ftp://x")],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        bad.body.contains("Enter the organisation&#x27;s name")
            || bad.body.contains("Enter the organisation's name")
    );
    let made = curator.post("/curation/organisations/new", &form).await;
    assert_eq!(
        made.location.as_deref(),
        Some("/organisations/north-coast-safety-academy")
    );
    let again = curator.post("/curation/organisations/new", &form).await;
    assert_eq!(
        again.location.as_deref(),
        Some("/organisations/north-coast-safety-academy-2")
    );
    let renamed = curator
        .post(
            "/curation/organisations/north-coast-safety-academy",
            &[
                ("name", "North Coast Academy"),
                ("kind", "academic"),
                ("website", ""),
                ("description", ""),
            ],
        )
        .await;
    assert_eq!(renamed.status, StatusCode::SEE_OTHER);
    assert!(app
        .get("/organisations/north-coast-safety-academy")
        .await
        .text()
        .await
        .unwrap()
        .contains("North Coast Academy"));
    app.shutdown().await;
}

/// Capability domains through the editor: ticked, checked, saved as a
/// revision (and its diff), published, then on the resource page, in
/// search, in the API and among a self-assessment's recommendations.
async fn capability_domains_are_edited_published_and_shown(backend: Backend) {
    use app::vocabulary::{Capability, Level};
    let app = spawn_app_with_demo(backend).await;
    let people = people(&app).await;
    let (contributor, curator) = (&people.contributor, &people.curator);
    let capabilities_of = |slug: String| {
        let db = app.db.clone();
        async move {
            let mask: i64 = with_pool!(&db, pool => sqlx::query_scalar("SELECT capabilities FROM resources WHERE slug = $1")
                .bind(&slug)
                .fetch_one(pool)
                .await
                .unwrap());
            Capability::from_mask(mask)
        }
    };

    // A value no checkbox offers is refused beside the field, and nothing
    // is saved.
    let before = resource_count(&app.db).await;
    let mut forged = fields("Capability test", &[]);
    forged.push(("capability", "juggling"));
    let refused = contributor.post("/contribute/new", &forged).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused
            .body
            .contains("&#x27;juggling&#x27; is not one of the choices")
            || refused
                .body
                .contains("'juggling' is not one of the choices"),
        "{}",
        refused.body
    );
    assert!(refused.body.contains("href=\"#capabilities\""));
    assert_eq!(resource_count(&app.db).await, before);

    // None is fine: the field is optional.
    let none = create(contributor, &fields("No capability domains", &[])).await;
    assert!(capabilities_of(none).await.is_empty());

    let mut ticked = fields("Capability test", &[]);
    ticked.extend([
        ("capability", "analysis"),
        ("capability", "gathering-evidence"),
    ]);
    let slug = create(contributor, &ticked).await;
    assert_eq!(
        capabilities_of(slug.clone()).await,
        vec![Capability::GatheringEvidence, Capability::Analysis]
    );
    let editor = contributor.get(&format!("/contribute/{slug}/edit")).await;
    assert!(editor.body.contains("Capability domains (optional)"));
    assert!(
        editor
            .body
            .contains("Members&#x27; self-assessments recommend resources by these")
            || editor
                .body
                .contains("Members' self-assessments recommend resources by these")
    );
    for (value, checked) in [
        ("analysis", true),
        ("gathering-evidence", true),
        ("writing-and-sharing-learning", false),
    ] {
        assert_eq!(
            editor.body.contains(&format!(
                "name=\"capability\" type=\"checkbox\" value=\"{value}\" checked"
            )),
            checked,
            "{value}"
        );
    }

    // A change is a revision, and its diff names the domains.
    let seen = version(&app.db, &slug).await;
    let mut changed = fields("Capability test", &[("version", &seen)]);
    changed.push(("capability", "writing-and-sharing-learning"));
    let saved = contributor
        .post(&format!("/contribute/{slug}/edit"), &changed)
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    assert_eq!(
        capabilities_of(slug.clone()).await,
        vec![Capability::WritingAndSharing]
    );
    let diff = contributor
        .get(&format!("/contribute/{slug}/history?from=1&to=2"))
        .await;
    assert_eq!(diff.status, StatusCode::OK);
    assert!(diff.body.contains("Capability domains"), "{}", diff.body);
    assert!(
        diff.body.contains("Analysis, Gathering evidence"),
        "{}",
        diff.body
    );
    assert!(diff.body.contains("Writing and sharing learning"));

    // Published, the resource shows them, and is found and recommended by them.
    assert_eq!(
        step(contributor, &slug, "submit", "").await,
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        step(curator, &slug, "publish", "").await,
        StatusCode::SEE_OTHER
    );
    let page = app.get(&format!("/resources/{slug}")).await;
    assert_eq!(page.status(), StatusCode::OK);
    let page = page.text().await.unwrap();
    assert!(page.contains("Capability domains"), "{page}");
    assert!(page.contains(
        "<a href=\"/resources?capability=writing-and-sharing-learning\">Writing and sharing learning</a>"
    ));
    assert!(!page.contains("/resources?capability=analysis\""));
    let found = search(
        &app,
        "capability=writing-and-sharing-learning&q=capability+test",
    )
    .await
    .unwrap();
    assert!(found.results.iter().any(|card| card.slug == slug));
    let detail: serde_json::Value = app
        .get(&format!("/api/v1/resources/{slug}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        detail["capabilities"],
        serde_json::json!(["writing-and-sharing-learning"])
    );
    let recommended = app::resources::repo::for_capability(
        &app.db,
        Capability::WritingAndSharing,
        Level::Foundation,
        100,
    )
    .await
    .unwrap();
    assert!(recommended.iter().any(|link| link.slug == slug));

    // Restoring the first version restores its domains too.
    let seen = version(&app.db, &slug).await;
    let restored = curator
        .post(
            &format!("/contribute/{slug}/restore"),
            &[("number", "1"), ("version", &seen)],
        )
        .await;
    assert_eq!(restored.status, StatusCode::SEE_OTHER, "{}", restored.body);
    assert_eq!(
        capabilities_of(slug.clone()).await,
        vec![Capability::GatheringEvidence, Capability::Analysis]
    );
    app.shutdown().await;
}

crate::both_backends!(
    capability_domains_are_edited_published_and_shown,
    editor_validates_and_previews,
    workflow_refuses_every_invalid_step,
    revisions_diff_and_restore,
    duplicates_found_dismissed_and_merged,
    lessons_queue_and_organisations,
);
