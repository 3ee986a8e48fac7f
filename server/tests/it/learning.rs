//! The learning record through real HTTP on both backends: taking a module
//! to completion (once, whatever is posted at once), what a member may and
//! may not mark, recently viewed resources, and the record in "your data"
//! and gone with the account. The CPD log has its own file (`cpd_log`).

use crate::support::accounts::*;
use crate::support::{spawn_app_with_demo, Backend, TestApp};
use app::accounts::Role;
use reqwest::StatusCode;

const MODULE: &str = "foundations-of-systems-based-investigation";
const TITLE: &str = "Foundations of systems-based patient safety investigation";

/// Takes a resource out of the catalogue (as a curator archiving it would).
pub async fn archive(app: &TestApp, slug: &str) {
    app::with_pool!(&app.db, pool => sqlx::query("UPDATE resources SET status = 'archived' WHERE slug = $1")
        .bind(slug).execute(pool).await.map(|_| ()).unwrap());
}

/// The member's `/account/data.json`.
async fn your_data(member: &Browser) -> serde_json::Value {
    member.json("/account/data.json").await
}

/// `user_id`'s module completions and CPD entries.
pub async fn completions(app: &TestApp, user_id: i64) -> (i64, i64) {
    (
        count(
            app,
            "SELECT COUNT(*) FROM module_completions WHERE user_id = $1",
            user_id,
        )
        .await,
        count(
            app,
            "SELECT COUNT(*) FROM cpd_entries WHERE user_id = $1",
            user_id,
        )
        .await,
    )
}

/// A count the SQL makes for `user_id` ($1).
pub async fn count(app: &TestApp, sql: &str, user_id: i64) -> i64 {
    app::with_pool!(&app.db, pool => sqlx::query_scalar::<_, i64>(sql).bind(user_id).fetch_one(pool).await.unwrap())
}

async fn mark(browser: &Browser, lesson: &str) -> Page {
    browser
        .post(
            "/learning/progress",
            &[("module", MODULE), ("lesson", lesson)],
        )
        .await
}

async fn taking_a_module_records_progress_and_completion_once(backend: Backend) {
    let app = spawn_app_with_demo(backend).await;
    let anonymous = Browser::new(&app);
    let page = anonymous.get(&format!("/resources/{MODULE}")).await;
    assert!(page.body.contains("Start the module"));
    assert!(page
        .body
        .contains("to keep track of the lessons you have done"));
    let lesson = anonymous
        .get(&format!("/resources/{MODULE}/lessons/1"))
        .await;
    assert!(lesson
        .body
        .contains("to keep track of the lessons you have done"));
    assert!(!lesson.body.contains("action=\"/learning/progress\""));

    let user = create_user(&app, "learner@example.org", Role::Member).await;
    let member = signed_in(&app, &user).await;
    let page = member.get(&format!("/resources/{MODULE}")).await;
    assert!(page.body.contains("Start the module"));
    assert!(!page.body.contains("to keep track"));
    let lesson = member.get(&format!("/resources/{MODULE}/lessons/1")).await;
    assert!(lesson
        .body
        .contains("Mark as done and go to the next lesson"));

    // Marking a lesson done goes on to the next one.
    let done = mark(&member, "1").await;
    assert_eq!(done.status, StatusCode::SEE_OTHER);
    assert_eq!(
        done.location.unwrap(),
        format!("/resources/{MODULE}/lessons/2")
    );
    let next = member.get(&format!("/resources/{MODULE}/lessons/2")).await;
    assert!(next.body.contains("Lesson 1 marked as done"), "the notice");
    let page = member.get(&format!("/resources/{MODULE}")).await;
    assert!(page.body.contains("You have done 1 of 4 lessons."));
    assert!(page.body.contains(&format!(
        "href=\"/resources/{MODULE}/lessons/2\" class=\"nhsuk-button\">Continue where you left off"
    )));
    assert!(!page.body.contains("Start the module"));
    // Doing one again changes nothing; lessons may be done out of order.
    mark(&member, "1").await;
    mark(&member, "3").await;
    let page = member.get(&format!("/resources/{MODULE}")).await;
    assert!(page.body.contains("You have done 2 of 4 lessons."));
    assert_eq!(completions(&app, user.id).await.0, 0);

    // The two lessons left, at once: one completion, one CPD entry.
    let (first, second) = tokio::join!(mark(&member, "2"), mark(&member, "4"));
    assert_eq!(first.status, StatusCode::SEE_OTHER);
    assert_eq!(second.status, StatusCode::SEE_OTHER);
    assert_eq!(
        second.location.as_deref(),
        Some(format!("/resources/{MODULE}").as_str())
    );
    assert_eq!(completions(&app, user.id).await, (1, 1));
    // The two posts' notices race for the session; the last lesson of a
    // completed module, posted again, says it is complete.
    mark(&member, "4").await;
    let page = member.get(&format!("/resources/{MODULE}")).await;
    assert!(
        page.body.contains(&format!("You have completed “{TITLE}”")),
        "the notice"
    );
    assert!(
        !page.body.contains("in your CPD log as"),
        "only the first time"
    );
    assert!(page.body.contains("You completed this module on"));
    assert_eq!(page.body.matches(">Done</strong>").count(), 4);

    let record = member.get("/account/learning").await;
    assert_eq!(record.status, StatusCode::OK);
    assert!(record
        .body
        .contains(&format!("Completed the module “{TITLE}”")));
    assert!(record.body.contains("1.5 hours"));
    assert!(record.body.contains(": completed on "));
}

/// However the last two lessons' posts interleave, the module is completed
/// exactly once: never zero times (each post seeing only its own lesson),
/// never twice.
async fn the_last_lessons_posted_at_once_complete_the_module_once(backend: Backend) {
    let app = spawn_app_with_demo(backend).await;
    for n in 0..6 {
        let user = create_user(&app, &format!("racer{n}@example.org"), Role::Member).await;
        let member = signed_in(&app, &user).await;
        mark(&member, "1").await;
        mark(&member, "2").await;
        let (third, fourth) = tokio::join!(mark(&member, "3"), mark(&member, "4"));
        assert_eq!(third.status, StatusCode::SEE_OTHER);
        assert_eq!(fourth.status, StatusCode::SEE_OTHER);
        assert_eq!(completions(&app, user.id).await, (1, 1), "member {n}");
    }
}

/// Every lesson done but no completion (it could not be recorded, or a
/// revision dropped the lesson that was left): the page says so and
/// offers to finish, and marking the last lesson again completes it.
async fn every_lesson_done_without_a_completion_can_be_finished(backend: Backend) {
    let app = spawn_app_with_demo(backend).await;
    let user = create_user(&app, "learner@example.org", Role::Member).await;
    let member = signed_in(&app, &user).await;
    app::with_pool!(&app.db, pool => sqlx::query(
        "INSERT INTO lesson_progress (user_id, resource_id, position, done_at) \
         SELECT $1, resource_id, position, 0 FROM lessons WHERE resource_id = (SELECT id FROM resources WHERE slug = $2)"
    ).bind(user.id).bind(MODULE).execute(pool).await.map(|_| ()).unwrap());
    let page = member.get(&format!("/resources/{MODULE}")).await;
    assert!(page.body.contains("You have done all 4 lessons."));
    assert!(page.body.contains(&format!(
        "href=\"/resources/{MODULE}/lessons/4\" class=\"nhsuk-button\">Finish the module"
    )));
    let finished = mark(&member, "4").await;
    assert_eq!(
        finished.location.as_deref(),
        Some(format!("/resources/{MODULE}").as_str())
    );
    assert_eq!(completions(&app, user.id).await.0, 1);
    let page = member.get(&format!("/resources/{MODULE}")).await;
    assert!(
        page.body.contains("in your CPD log as 1.5 hours"),
        "the notice"
    );
}

/// Titles written by contributors are text on the module page, whatever
/// they hold (the page's progress is HTML the server renders).
async fn the_outline_escapes_lesson_titles(backend: Backend) {
    let app = spawn_app_with_demo(backend).await;
    app::with_pool!(&app.db, pool => sqlx::query(
        "UPDATE lessons SET title = '<script>alert(\"x\")</script> & more' \
         WHERE position = 2 AND resource_id = (SELECT id FROM resources WHERE slug = $1)"
    ).bind(MODULE).execute(pool).await.map(|_| ()).unwrap());
    let user = create_user(&app, "learner@example.org", Role::Member).await;
    let member = signed_in(&app, &user).await;
    mark(&member, "1").await;
    for page in [
        Browser::new(&app)
            .get(&format!("/resources/{MODULE}"))
            .await,
        member.get(&format!("/resources/{MODULE}")).await,
    ] {
        assert!(!page.body.contains("<script>alert"), "no live markup");
        assert!(page.body.contains("&lt;script&gt;alert"), "shown as text");
    }
}

async fn progress_is_refused_for_what_is_not_a_published_lesson(backend: Backend) {
    let app = spawn_app_with_demo(backend).await;
    let user = create_user(&app, "learner@example.org", Role::Member).await;
    let member = signed_in(&app, &user).await;
    for (module, lesson) in [
        (MODULE, "99"),
        (MODULE, "0"),
        (MODULE, "-1"),
        (MODULE, "1; DROP TABLE users"),
        (MODULE, ""),
        ("no-such-module", "1"),
        // A guide has no lessons to mark.
        ("timeline-mapping", "1"),
        ("", ""),
    ] {
        let page = member
            .post(
                "/learning/progress",
                &[("module", module), ("lesson", lesson)],
            )
            .await;
        assert_eq!(page.status, StatusCode::NOT_FOUND, "{module} {lesson}");
        assert!(page.body.contains("Lesson not found"));
    }
    archive(&app, MODULE).await;
    assert_eq!(mark(&member, "1").await.status, StatusCode::NOT_FOUND);
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM lesson_progress WHERE user_id = $1",
            user.id
        )
        .await,
        0
    );
    // Signed out, the form is refused before it is read.
    let anonymous = Browser::new(&app);
    let refused = mark(&anonymous, "1").await;
    assert_eq!(refused.status, StatusCode::UNAUTHORIZED);
}

async fn recently_viewed_and_the_record_go_with_the_member(backend: Backend) {
    let app = spawn_app_with_demo(backend).await;
    let user = create_user(&app, "learner@example.org", Role::Member).await;
    let member = signed_in(&app, &user).await;
    member.get("/resources/timeline-mapping").await;
    member.get(&format!("/resources/{MODULE}")).await;
    member.get("/resources/no-such-thing").await;
    let record = member.get("/account/learning").await;
    let recent = &record.body[record.body.find("Recently viewed").expect("the list")..];
    let module = recent.find(TITLE).expect("the module");
    let guide = recent.find("Timeline mapping").expect("the guide");
    assert!(module < guide, "newest first");
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM recent_views WHERE user_id = $1",
            user.id
        )
        .await,
        2
    );
    // Only the latest are kept.
    let slugs: Vec<String> = app::with_pool!(&app.db, pool => sqlx::query_scalar(
        "SELECT slug FROM resources WHERE status = 'published' ORDER BY id LIMIT 25"
    ).fetch_all(pool).await.unwrap());
    assert_eq!(slugs.len(), 25);
    for slug in &slugs {
        member.get(&format!("/resources/{slug}")).await;
    }
    let mut kept: Vec<String> = app::with_pool!(&app.db, pool => sqlx::query_scalar(
        "SELECT r.slug FROM recent_views v JOIN resources r ON r.id = v.resource_id WHERE v.user_id = $1"
    ).bind(user.id).fetch_all(pool).await.unwrap());
    kept.sort();
    let mut latest = slugs[slugs.len() - app::learning::repo::RECENT_KEPT as usize..].to_vec();
    latest.sort();
    assert_eq!(
        kept,
        latest,
        "the last {} opened",
        app::learning::repo::RECENT_KEPT
    );
    // The member can clear the list.
    let cleared = member.post("/account/learning/recent/clear", &[]).await;
    assert_eq!(cleared.status, StatusCode::SEE_OTHER);
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM recent_views WHERE user_id = $1",
            user.id
        )
        .await,
        0
    );
    member.get("/resources/timeline-mapping").await;

    mark(&member, "1").await;
    crate::cpd_log::add_entry(&member, "Swarm huddle training", "2026-01-10", "2").await;
    let data = your_data(&member).await;
    let learning = &data["learning"];
    assert_eq!(learning["lessons_done"][0]["module"], MODULE);
    assert_eq!(learning["lessons_done"][0]["lesson"], 1);
    assert!(learning["lessons_done"][0]["done_at"]
        .as_str()
        .unwrap()
        .ends_with("UTC"));
    assert_eq!(learning["modules_completed"], serde_json::json!([]));
    assert_eq!(learning["cpd_log"][0]["title"], "Swarm huddle training");
    assert_eq!(learning["cpd_log"][0]["date"], "2026-01-10");
    assert_eq!(learning["cpd_log"][0]["minutes"], 120);
    assert_eq!(
        learning["cpd_log"][0]["now_what"],
        "Use it in the next review"
    );
    assert_eq!(
        learning["recently_viewed"][0]["resource"],
        "timeline-mapping"
    );
    // A module completed and archived since keeps its progress, its
    // completion and its CPD entry's module in the download.
    for lesson in ["2", "3", "4"] {
        mark(&member, lesson).await;
    }
    archive(&app, MODULE).await;
    let data = your_data(&member).await;
    let learning = &data["learning"];
    assert_eq!(learning["lessons_done"].as_array().unwrap().len(), 4);
    assert_eq!(learning["lessons_done"][0]["module"], MODULE);
    assert_eq!(learning["modules_completed"][0]["module"], MODULE);
    let from_module: Vec<&serde_json::Value> = learning["cpd_log"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|entry| entry["module"] == MODULE)
        .collect();
    assert_eq!(from_module.len(), 1, "{learning}");

    let deleted = member
        .post("/account/delete", &[("password", PASSWORD)])
        .await;
    assert_eq!(deleted.location.as_deref(), Some("/account-deleted"));
    let left = count(
        &app,
        "SELECT (SELECT COUNT(*) FROM lesson_progress WHERE user_id = $1) + (SELECT COUNT(*) FROM cpd_entries WHERE user_id = $1) \
         + (SELECT COUNT(*) FROM recent_views WHERE user_id = $1) + (SELECT COUNT(*) FROM module_completions WHERE user_id = $1)",
        user.id,
    )
    .await;
    assert_eq!(left, 0);
}

crate::both_backends!(
    taking_a_module_records_progress_and_completion_once,
    progress_is_refused_for_what_is_not_a_published_lesson,
    the_last_lessons_posted_at_once_complete_the_module_once,
    every_lesson_done_without_a_completion_can_be_finished,
    the_outline_escapes_lesson_titles,
    recently_viewed_and_the_record_go_with_the_member,
);
