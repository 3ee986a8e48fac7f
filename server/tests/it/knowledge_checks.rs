//! Knowledge checks as members take them, through real HTTP on both
//! backends: a module with checks completes only when every lesson is done
//! and the pass mark is met across its questions (once, whatever is posted
//! at once); answers refused clearly; the answers in "your data" and gone
//! with the account; the demo modules' checks, on a new demo database and
//! an older one.

use crate::learning::count;
use crate::support::accounts::*;
use crate::support::{spawn_app_with_demo, Backend, TestApp};
use app::accounts::Role;
use reqwest::StatusCode;

/// A demo module with a check after each of its four lessons: 2, 2, 1 and 1
/// questions, 6 in all, and the usual pass mark of 70% (5 right).
const MODULE: &str = "designing-safety-actions-that-last";
/// The right answer to each question of each lesson, counted from one.
const RIGHT: [&[&str]; 4] = [&["2", "3"], &["3", "1"], &["2"], &["2"]];

fn lesson(position: usize) -> String {
    format!("/resources/{MODULE}/lessons/{position}")
}

/// Answers lesson `position`'s questions with `chosen`.
async fn answer(browser: &Browser, position: usize, chosen: &[&str]) -> Page {
    let fields: Vec<(String, &str)> = chosen
        .iter()
        .enumerate()
        .map(|(index, value)| (format!("question-{}", index + 1), *value))
        .collect();
    let fields: Vec<(&str, &str)> = fields
        .iter()
        .map(|(name, value)| (name.as_str(), *value))
        .collect();
    browser.post(&lesson(position), &fields).await
}

/// `user_id`'s module completions, CPD entries and certificates.
async fn completed(app: &TestApp, user_id: i64) -> (i64, i64, i64) {
    let (completions, cpd) = crate::learning::completions(app, user_id).await;
    let sql = "SELECT COUNT(*) FROM credentials WHERE user_id = $1";
    (completions, cpd, count(app, sql, user_id).await)
}

async fn answers_of(app: &TestApp, user_id: i64) -> i64 {
    count(
        app,
        "SELECT COUNT(*) FROM check_answers WHERE user_id = $1",
        user_id,
    )
    .await
}

async fn a_module_with_checks_completes_only_at_the_pass_mark(backend: Backend) {
    let app = spawn_app_with_demo(backend).await;
    let anonymous = Browser::new(&app);
    let page = anonymous.get(&lesson(1)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Knowledge check"), "{}", page.body);
    assert!(page.body.contains("knowledge check of 2 questions"));
    assert!(
        !page.body.contains("name=\"question-1\""),
        "no form signed out"
    );

    let user = create_user(&app, "checker@example.org", Role::Member).await;
    let member = signed_in(&app, &user).await;
    let page = member.get(&lesson(1)).await;
    assert!(page.body.contains("name=\"question-1\""));
    assert!(page.body.contains("name=\"question-2\""));
    assert!(page.body.contains("Check my answers"));
    assert!(page.body.contains("you need 70% of its questions right"));

    // Every lesson marked done, no question answered: not complete.
    for position in ["1", "2", "3", "4"] {
        let marked = member
            .post(
                "/learning/progress",
                &[("module", MODULE), ("lesson", position)],
            )
            .await;
        assert_eq!(marked.status, StatusCode::SEE_OTHER);
    }
    assert_eq!(completed(&app, user.id).await, (0, 0, 0));
    let module = member.get(&format!("/resources/{MODULE}")).await;
    assert!(
        module.body.contains("You have done all 4 lessons"),
        "{}",
        module.body
    );
    assert!(module
        .body
        .contains("0 of 6 questions right (0%); the pass mark is 70%"));
    assert!(module.body.contains("Go to the knowledge check"));

    // Four of six right (66%) is short of 70%.
    let first = answer(&member, 1, RIGHT[0]).await;
    assert_eq!(first.status, StatusCode::SEE_OTHER, "{}", first.body);
    assert_eq!(
        first.location.as_deref(),
        Some(format!("{}#knowledge-check", lesson(1)).as_str())
    );
    let shown = member.get(&lesson(1)).await;
    assert!(
        shown.body.contains("You answered 2 of 2 right"),
        "{}",
        shown.body
    );
    assert!(shown.body.contains("Right"));
    assert!(shown.body.contains("Handle it elsewhere"));
    assert!(shown.body.contains("Check my answers again"));
    assert!(
        !shown.body.contains("Read the feedback under each answer"),
        "nothing to answer again in a lesson answered right"
    );
    answer(&member, 2, &["1", "1"]).await;
    answer(&member, 3, RIGHT[2]).await;
    answer(&member, 4, &["1"]).await;
    assert_eq!(completed(&app, user.id).await, (0, 0, 0));
    let wrong = member.get(&lesson(2)).await;
    assert!(wrong.body.contains("Not right"));
    assert!(wrong.body.contains("Read the feedback under each answer"));
    assert!(
        wrong
            .body
            .contains("A new procedure or policy is a weaker action"),
        "the chosen answer's feedback"
    );
    let module = member.get(&format!("/resources/{MODULE}")).await;
    assert!(module
        .body
        .contains("4 of 6 questions right (66%); the pass mark is 70%"));
    assert!(
        module.body.contains(&format!("href=\"{}\"", lesson(2))),
        "back to the first check with a wrong answer"
    );
    let record = member.get("/account/learning").await;
    assert!(
        record.body.contains(&format!("href=\"{}\"", lesson(2))),
        "{}",
        record.body
    );
    assert!(record
        .body
        .contains("4 of 4 lessons done, knowledge check answers below the pass mark"));
    // Were the module's pass mark 60%, 4 of 6 would meet it: the record
    // sends the member to the module's page, where finishing completes it.
    let set_mark = |mark: i64| {
        let app = &app;
        async move {
            app::with_pool!(&app.db, pool => sqlx::query("UPDATE resources SET pass_mark = $1 WHERE slug = $2")
                .bind(mark).bind(MODULE).execute(pool).await.map(|_| ()).unwrap());
        }
    };
    set_mark(60).await;
    let record = member.get("/account/learning").await;
    assert!(record.body.contains("4 of 4 lessons done"));
    assert!(!record.body.contains("below the pass mark"));
    assert!(
        !record.body.contains(&format!("href=\"{}\"", lesson(2))),
        "not back to a check"
    );
    set_mark(70).await;

    // The fifth right answer completes it, with its CPD entry and certificate.
    let last = answer(&member, 4, RIGHT[3]).await;
    assert_eq!(last.status, StatusCode::SEE_OTHER);
    assert_eq!(completed(&app, user.id).await, (1, 1, 1));
    let shown = member.get(&lesson(4)).await;
    assert!(shown.body.contains("You have completed"), "{}", shown.body);
    assert!(shown.body.contains("5 of 6 questions right (83%)"));
    // Answering again changes the answers, not the completion.
    answer(&member, 4, &["1"]).await;
    assert_eq!(completed(&app, user.id).await, (1, 1, 1));
    assert_eq!(answers_of(&app, user.id).await, 6);

    let data = member.json("/account/data.json").await;
    let given = data["learning"]["knowledge_check_answers"]
        .as_array()
        .unwrap_or_else(|| panic!("{data}"));
    assert_eq!(given.len(), 6);
    assert!(given
        .iter()
        .all(|answer| answer["module"] == MODULE && answer["right"].is_boolean()));

    member
        .post("/account/delete", &[("password", PASSWORD)])
        .await;
    assert_eq!(answers_of(&app, user.id).await, 0);
}

async fn every_lesson_checked_right_at_once_completes_once(backend: Backend) {
    let app = spawn_app_with_demo(backend).await;
    let user = create_user(&app, "rush@example.org", Role::Member).await;
    let member = signed_in(&app, &user).await;
    let mut posts = tokio::task::JoinSet::new();
    for round in 0..2 {
        for (index, chosen) in RIGHT.iter().enumerate() {
            let member = member.clone();
            posts.spawn(async move {
                let _ = round;
                answer(&member, index + 1, chosen).await
            });
        }
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
    // A post the database was too busy for is sent again, as a member would.
    for (index, chosen) in RIGHT.iter().enumerate() {
        answer(&member, index + 1, chosen).await;
    }
    assert_eq!(completed(&app, user.id).await, (1, 1, 1));
    assert_eq!(answers_of(&app, user.id).await, 6);
}

async fn answers_are_refused_clearly(backend: Backend) {
    let app = spawn_app_with_demo(backend).await;
    let user = create_user(&app, "careful@example.org", Role::Member).await;
    let member = signed_in(&app, &user).await;

    let missing = member.post(&lesson(1), &[("question-1", "2")]).await;
    assert_eq!(missing.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(missing.body.contains("There is a problem"));
    assert!(missing.body.contains("Select an answer to question 2"));
    assert!(missing.body.contains("id=\"question-2-error\""));
    assert!(
        missing.body.contains("value=\"2\" checked"),
        "the answer sent stays chosen: {}",
        missing.body
    );
    let long = "9".repeat(5_000);
    for hostile in ["<script>alert(1)</script>", "0", "5", "&1", long.as_str()] {
        let refused = member
            .post(&lesson(1), &[("question-1", hostile), ("question-2", "1")])
            .await;
        assert_eq!(
            refused.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{hostile:?}"
        );
        assert!(refused
            .body
            .contains("Select one of the answers given to question 1"));
        assert!(!refused.body.contains("<script>alert(1)"));
    }
    let twice = member
        .post(
            &lesson(1),
            &[
                ("question-1", "1"),
                ("question-1", "2"),
                ("question-2", "1"),
            ],
        )
        .await;
    assert_eq!(twice.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(twice.body.contains("Select only one answer to question 1"));

    let no_such = member
        .post(
            &lesson(1),
            &[
                ("question-1", "2"),
                ("question-2", "3"),
                ("question-9", "1"),
            ],
        )
        .await;
    assert_eq!(no_such.status, StatusCode::NOT_FOUND);
    assert!(no_such.body.contains("does not have"));
    for (path, says) in [
        (
            "/resources/foundations-of-systems-based-investigation/lessons/1".to_string(),
            "no knowledge check",
        ),
        (
            format!("/resources/{MODULE}/lessons/99"),
            "no knowledge check",
        ),
        (format!("/resources/{MODULE}/lessons/x"), "no such lesson"),
        (
            "/resources/no-such-module/lessons/1".to_string(),
            "no such lesson",
        ),
        (
            "/resources/timeline-mapping/lessons/1".to_string(),
            "no such lesson",
        ),
    ] {
        let page = member.post(&path, &[("question-1", "1")]).await;
        assert_eq!(page.status, StatusCode::NOT_FOUND, "{path}");
        assert!(page.body.contains(says), "{path}: {}", page.body);
    }
    assert_eq!(
        member
            .post_raw(&lesson(1), &[("question-1", "2")])
            .await
            .status,
        StatusCode::FORBIDDEN,
        "no CSRF token"
    );
    let anonymous = Browser::new(&app);
    assert_eq!(
        anonymous
            .post(&lesson(1), &[("question-1", "2")])
            .await
            .status,
        StatusCode::UNAUTHORIZED
    );
    // A form showing questions since changed: refused, not counted.
    let stale = member
        .post(
            &lesson(1),
            &[
                ("check_keys", "0123 4567"),
                ("question-1", "2"),
                ("question-2", "3"),
            ],
        )
        .await;
    assert_eq!(stale.status, StatusCode::CONFLICT);
    assert!(stale.body.contains("changed while you were answering"));
    assert!(
        !stale.body.contains("value=\"2\" checked"),
        "nothing chosen for the new questions"
    );
    assert_eq!(answers_of(&app, user.id).await, 0);
    // The keys the page carries are the questions' own.
    let page = member.get(&lesson(1)).await.body;
    let keys = page
        .split("name=\"check_keys\" value=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap_or_else(|| panic!("{page}"))
        .to_string();
    assert_eq!(keys.split(' ').count(), 2);
    let fresh = member
        .post(
            &lesson(1),
            &[
                ("check_keys", keys.as_str()),
                ("question-1", "2"),
                ("question-2", "3"),
            ],
        )
        .await;
    assert_eq!(fresh.status, StatusCode::SEE_OTHER);
    assert_eq!(answers_of(&app, user.id).await, 2);
    crate::learning::archive(&app, MODULE).await;
    let unpublished = answer(&member, 1, RIGHT[0]).await;
    assert_eq!(unpublished.status, StatusCode::NOT_FOUND);
    assert_eq!(
        answers_of(&app, user.id).await,
        2,
        "nothing refused was kept"
    );
}

async fn demo_modules_have_checks_and_older_demo_data_catches_up(backend: Backend) {
    let app = spawn_app_with_demo(backend).await;
    let with_checks = count(
        &app,
        "SELECT COUNT(DISTINCT resource_id) FROM lessons WHERE questions <> '[]' AND $1 = $1",
        0,
    )
    .await;
    assert!(with_checks >= 2, "{with_checks}");
    let own_mark = count(
        &app,
        "SELECT COUNT(*) FROM resources WHERE pass_mark <> 70 AND $1 = $1",
        0,
    )
    .await;
    assert_eq!(own_mark, 1);
    // Demo members who completed a module with checks answered them.
    server::seed::network::seed(&app.db).await.unwrap();
    let answered = count(
        &app,
        "SELECT COUNT(*) FROM check_answers a JOIN module_completions c \
         ON c.user_id = a.user_id AND c.resource_id = a.resource_id WHERE a.correct AND $1 = $1",
        0,
    )
    .await;
    assert!(answered >= 6, "{answered}");

    // Demo data from before knowledge checks: none on any lesson; one of
    // the modules has since been edited in the hub (a revision), and its
    // lessons are left as its editors left them.
    app::with_pool!(&app.db, pool => {
        sqlx::query("UPDATE lessons SET questions = '[]'").execute(pool).await.unwrap();
        sqlx::query("UPDATE resources SET pass_mark = 70").execute(pool).await.unwrap();
        sqlx::query(
            "INSERT INTO resource_revisions (resource_id, number, snapshot, created_at) \
             SELECT id, 1, '{}', 0 FROM resources WHERE slug = 'investigating-in-mental-health-services'",
        )
        .execute(pool).await.unwrap();
    });
    server::seed::demo::seed(&app.db).await.unwrap();
    let again = count(
        &app,
        "SELECT COUNT(DISTINCT resource_id) FROM lessons WHERE questions <> '[]' AND $1 = $1",
        0,
    )
    .await;
    assert_eq!(again, with_checks - 1, "the edited module is left alone");
    let own_mark = count(
        &app,
        "SELECT COUNT(*) FROM resources WHERE pass_mark <> 70 AND $1 = $1",
        0,
    )
    .await;
    assert_eq!(own_mark, 0, "the edited module keeps the pass mark it had");
}

async fn an_answer_counts_only_for_the_question_it_answered(backend: Backend) {
    let app = spawn_app_with_demo(backend).await;
    let user = create_user(&app, "shifted@example.org", Role::Member).await;
    let member = signed_in(&app, &user).await;
    answer(&member, 1, RIGHT[0]).await;
    assert!(member
        .get(&lesson(1))
        .await
        .body
        .contains("You answered 2 of 2 right"));

    // A revision deletes lesson 1's first question: the second moves up,
    // and the answers given at those places were to other questions.
    app::with_pool!(&app.db, pool => {
        let json: String = sqlx::query_scalar(
            "SELECT l.questions FROM lessons l JOIN resources r ON r.id = l.resource_id \
             WHERE r.slug = $1 AND l.position = 1",
        )
        .bind(MODULE).fetch_one(pool).await.unwrap();
        let mut questions: Vec<serde_json::Value> = serde_json::from_str(&json).unwrap();
        questions.remove(0);
        sqlx::query(
            "UPDATE lessons SET questions = $1 WHERE position = 1 \
             AND resource_id = (SELECT id FROM resources WHERE slug = $2)",
        )
        .bind(serde_json::to_string(&questions).unwrap()).bind(MODULE)
        .execute(pool).await.unwrap();
    });
    let page = member.get(&lesson(1)).await;
    assert!(!page.body.contains("You answered"), "{}", page.body);
    assert!(!page.body.contains("hub-check__result"));
    assert!(page.body.contains("Check my answers"));
    // Answered afresh, it counts.
    answer(&member, 1, &[RIGHT[0][1]]).await;
    assert!(member
        .get(&lesson(1))
        .await
        .body
        .contains("You answered 1 of 1 right"));
}

crate::both_backends!(
    an_answer_counts_only_for_the_question_it_answered,
    a_module_with_checks_completes_only_at_the_pass_mark,
    every_lesson_checked_right_at_once_completes_once,
    answers_are_refused_clearly,
    demo_modules_have_checks_and_older_demo_data_catches_up,
);
