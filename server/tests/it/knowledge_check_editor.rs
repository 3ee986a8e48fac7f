//! Knowledge checks in the editor, through real HTTP on both backends: a
//! contributor writes a lesson's questions on the lesson editor's page
//! (`?question=new|N`), every bad question is refused beside its field, a
//! full check takes no more, the module's pass mark is set on the resource
//! editor, each change is a revision whose diff names the knowledge check,
//! and curators read the questions, the right answers and the pass mark
//! when reviewing.

use crate::contributions::{create, fields, version};
use crate::support::accounts::*;
use crate::support::{spawn_app_with_demo, Backend};
use app::accounts::Role;
use app::db::Db;
use app::resources::questions::MAX_QUESTIONS_PER_LESSON;
use app::with_pool;
use reqwest::StatusCode;

/// Lesson `position`'s questions as stored (JSON).
async fn stored_questions(db: &Db, slug: &str, position: i64) -> serde_json::Value {
    let text: String = with_pool!(db, pool => sqlx::query_scalar(
        "SELECT l.questions FROM lessons l JOIN resources r ON r.id = l.resource_id WHERE r.slug = $1 AND l.position = $2",
    )
    .bind(slug)
    .bind(position)
    .fetch_one(pool)
    .await
    .unwrap());
    serde_json::from_str(&text).expect("questions are stored as JSON")
}

async fn pass_mark(db: &Db, slug: &str) -> i64 {
    with_pool!(db, pool => sqlx::query_scalar("SELECT pass_mark FROM resources WHERE slug = $1")
        .bind(slug)
        .fetch_one(pool)
        .await
        .unwrap())
}

/// A good question's fields, with `extra` replacing any.
fn question<'a>(extra: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut all = vec![
        ("action", "save"),
        ("prompt", "Which action is strongest?"),
        ("answer_1", "A new policy"),
        ("feedback_1", "Policies rely on memory, so they are weaker."),
        ("answer_2", "A forcing function"),
        (
            "feedback_2",
            "It designs the error out: the strongest kind.",
        ),
        ("answer_3", "More training"),
        ("feedback_3", "Training fades; it is a weak action."),
        ("correct", "2"),
    ];
    for (field, value) in extra {
        all.retain(|(existing, _)| existing != field);
        all.push((field, value));
    }
    all
}

/// The `<input>` tag of the field `name` in a page.
fn input_tag<'a>(html: &'a str, name: &str) -> &'a str {
    let at = html
        .find(&format!("name=\"{name}\""))
        .unwrap_or_else(|| panic!("no field {name}"));
    let start = html[..at].rfind('<').unwrap();
    let end = at + html[at..].find('>').unwrap();
    &html[start..=end]
}

async fn questions_written_changed_refused_and_reviewed(backend: Backend) {
    let app = spawn_app_with_demo(backend).await;
    let cara = create_user(&app, "cara@example.org", Role::Contributor).await;
    let olu = create_user(&app, "olu@example.org", Role::Contributor).await;
    let kit = create_user(&app, "kit@example.org", Role::Curator).await;
    let (contributor, other, curator) = (
        signed_in(&app, &cara).await,
        signed_in(&app, &olu).await,
        signed_in(&app, &kit).await,
    );

    // A new draft's editor offers the default pass mark.
    let new_draft = contributor.get("/contribute/new").await;
    assert_eq!(new_draft.status, StatusCode::OK);
    assert!(new_draft.body.contains("Knowledge check pass mark (%)"));
    assert!(
        input_tag(&new_draft.body, "pass_mark").contains("value=\"70\""),
        "{}",
        input_tag(&new_draft.body, "pass_mark")
    );

    let module = create(
        &contributor,
        &fields(
            "A module with a knowledge check",
            &[("kind", "module"), ("sector", "mental-health")],
        ),
    )
    .await;
    let lessons = format!("/contribute/{module}/lessons");
    // Before its lesson is saved, there is no check to write.
    let new_lesson = contributor.get(&format!("{lessons}/new")).await;
    assert!(new_lesson
        .body
        .contains("Save the lesson first, then add its knowledge check"));
    let seen = version(&app.db, &module).await;
    let added = contributor
        .post(
            &format!("{lessons}/new"),
            &[
                ("action", "save"),
                ("title", "Strong and weak actions"),
                ("body", "Read this."),
                ("version", &seen),
            ],
        )
        .await;
    assert_eq!(added.status, StatusCode::SEE_OTHER, "{}", added.body);
    let lesson = format!("{lessons}/1");
    let empty = contributor.get(&lesson).await;
    assert_eq!(empty.status, StatusCode::OK);
    assert!(empty.body.contains("Knowledge check"));
    assert!(empty.body.contains("This lesson has no questions yet"));
    assert!(empty.body.contains("?question=new"));
    assert!(empty.body.contains("Add a question"));

    // The question form, on the lesson's own route.
    let form = contributor.get(&format!("{lesson}?question=new")).await;
    assert_eq!(form.status, StatusCode::OK, "{}", form.body);
    for text in [
        "Lesson 1: new question",
        "Which answer is right?",
        "Feedback for answer 4",
        "Save question",
        "name=\"question\" value=\"new\"",
    ] {
        assert!(form.body.contains(text), "{text} missing");
    }
    assert!(!form.body.contains("Delete question"));
    assert!(!form.body.contains("Save lesson"));
    for unknown in ["0", "1", "11", "abc", ""] {
        assert_eq!(
            contributor
                .get(&format!("{lesson}?question={unknown}"))
                .await
                .status,
            StatusCode::NOT_FOUND,
            "question={unknown}"
        );
    }
    assert_eq!(
        contributor
            .get(&format!("{lessons}/new?question=new"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );

    // Added: stored with the lesson, then back to the lesson's editor.
    let before_question = version(&app.db, &module).await;
    let mut fields_with_version = question(&[]);
    fields_with_version.push(("question", "new"));
    fields_with_version.push(("version", &before_question));
    let saved = contributor
        .post(&format!("{lesson}?question=new"), &fields_with_version)
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    assert_eq!(saved.location.as_deref(), Some(lesson.as_str()));
    let stored = stored_questions(&app.db, &module, 1).await;
    assert_eq!(stored.as_array().unwrap().len(), 1);
    assert_eq!(stored[0]["prompt"], "Which action is strongest?");
    assert_eq!(stored[0]["correct"], 1);
    assert_eq!(stored[0]["answers"][2]["text"], "More training");
    assert_eq!(
        stored[0]["answers"][1]["feedback"],
        "It designs the error out: the strongest kind."
    );
    let listed = contributor.get(&lesson).await.body;
    assert!(listed.contains("Which action is strongest?"));
    assert!(listed.contains("3 answers"));
    assert!(listed.contains(&format!("href=\"{lesson}?question=1\"")));
    assert!(listed.contains("question 1"), "the link names its question");

    // Changed: the saved question fills the form, and a change replaces it.
    let shown = contributor.get(&format!("{lesson}?question=1")).await;
    assert_eq!(shown.status, StatusCode::OK);
    assert!(shown.body.contains("Lesson 1: question 1"));
    assert!(shown.body.contains("Delete question"));
    assert!(input_tag(&shown.body, "answer_2").contains("value=\"A forcing function\""));
    assert!(shown.body.contains("Policies rely on memory"));
    let seen = version(&app.db, &module).await;
    let mut change = question(&[
        ("prompt", "Which of these actions is strongest?"),
        ("answer_3", ""),
        ("feedback_3", ""),
    ]);
    change.extend([("question", "1"), ("version", seen.as_str())]);
    let changed = contributor
        .post(&format!("{lesson}?question=1"), &change)
        .await;
    assert_eq!(changed.status, StatusCode::SEE_OTHER, "{}", changed.body);
    let stored = stored_questions(&app.db, &module, 1).await;
    assert_eq!(stored[0]["prompt"], "Which of these actions is strongest?");
    assert_eq!(stored[0]["answers"].as_array().unwrap().len(), 2);
    let after_change = version(&app.db, &module).await;
    let diff = contributor
        .get(&format!(
            "/contribute/{module}/history?from={before_question}&to={after_change}"
        ))
        .await;
    assert_eq!(diff.status, StatusCode::OK);
    assert!(diff.body.contains("knowledge check"), "{}", diff.body);

    // Refusals: each named beside its field, the page shown again at its
    // own address with what was typed, and nothing saved.
    let seen = version(&app.db, &module).await;
    let long_answer = "x".repeat(5_000);
    // (the form's fields, the field refused, the message beside it)
    type Refusal<'a> = (Vec<(&'a str, &'a str)>, &'a str, &'a str);
    let cases: Vec<Refusal> = vec![
        (question(&[("prompt", "")]), "prompt", "Enter the question"),
        (
            question(&[
                ("answer_2", ""),
                ("feedback_2", ""),
                ("answer_3", ""),
                ("feedback_3", ""),
                ("correct", "1"),
            ]),
            "answer_2",
            "Enter at least two answers to choose from",
        ),
        (
            question(&[("feedback_4", "Feedback with no answer")]),
            "answer_4",
            "Enter answer 4, or clear its feedback",
        ),
        (
            question(&[("correct", "4")]),
            "correct",
            "The right answer must be one you have written",
        ),
        (
            question(&[("answer_2", long_answer.as_str())]),
            "answer_2",
            "Answer 2 must be 300 characters or fewer",
        ),
    ];
    for (mut fields, field, message) in cases {
        fields.extend([("question", "new"), ("version", seen.as_str())]);
        let refused = contributor
            .post(&format!("{lesson}?question=new"), &fields)
            .await;
        assert_eq!(
            refused.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{message}: {}",
            refused.body
        );
        assert!(refused.body.contains(message), "{message} missing");
        assert!(refused.body.contains(&format!("href=\"#{field}\"")));
        assert!(refused.body.contains(&format!("id=\"{field}-error\"")));
        assert!(refused.body.contains("Lesson 1: new question"));
        assert!(refused.body.contains("nhsuk-error-summary"));
    }
    let refused = contributor
        .post(
            &format!("{lesson}?question=new"),
            &[
                ("question", "new"),
                ("version", &seen),
                ("prompt", "Kept as typed?"),
                ("answer_1", "Only one"),
            ],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("Kept as typed?"));
    assert!(input_tag(&refused.body, "answer_1").contains("value=\"Only one\""));
    assert_eq!(version(&app.db, &module).await, seen, "nothing was saved");
    assert_eq!(
        stored_questions(&app.db, &module, 1)
            .await
            .as_array()
            .unwrap()
            .len(),
        1
    );

    // Markup is text: stored as typed, escaped wherever it is shown.
    let mut markup = question(&[("prompt", "<script>alert(1)</script> Which?")]);
    markup.extend([("question", "new"), ("version", seen.as_str())]);
    let saved = contributor
        .post(&format!("{lesson}?question=new"), &markup)
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let stored = stored_questions(&app.db, &module, 1).await;
    assert_eq!(stored[1]["prompt"], "<script>alert(1)</script> Which?");
    for page in [lesson.clone(), format!("{lesson}?question=2")] {
        let body = contributor.get(&page).await.body;
        assert!(
            body.contains("&lt;script&gt;alert(1)&lt;/script&gt; Which?"),
            "{page}"
        );
        assert!(!body.contains("<script>alert(1)"), "{page}");
    }

    // What names no question, or is not theirs, is not found.
    let seen = version(&app.db, &module).await;
    let mut unknown = question(&[]);
    unknown.extend([("question", "99"), ("version", seen.as_str())]);
    let missing = contributor
        .post(&format!("{lesson}?question=99"), &unknown)
        .await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert_eq!(
        contributor
            .get(&format!("{lesson}?question=99"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    let mut to_new_lesson = question(&[]);
    to_new_lesson.extend([("question", "new"), ("version", seen.as_str())]);
    assert_eq!(
        contributor
            .post(&format!("{lessons}/new?question=new"), &to_new_lesson)
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        other.get(&format!("{lesson}?question=1")).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        other.get(&format!("{lesson}?question=new")).await.status,
        StatusCode::NOT_FOUND
    );
    let mut theirs = question(&[("prompt", "Not mine to change")]);
    theirs.extend([("question", "1"), ("version", seen.as_str())]);
    assert_eq!(
        other
            .post(&format!("{lesson}?question=1"), &theirs)
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    // Without the form's CSRF token: refused before anything is read.
    let mut forged = question(&[]);
    forged.extend([("question", "new"), ("version", seen.as_str())]);
    assert_eq!(
        contributor
            .post_raw(&format!("{lesson}?question=new"), &forged)
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    // Only modules have lessons, so only they have knowledge checks.
    let toolkit = create(&contributor, &fields("A toolkit without lessons", &[])).await;
    let toolkit_seen = version(&app.db, &toolkit).await;
    let mut to_toolkit = question(&[]);
    to_toolkit.extend([("question", "new"), ("version", toolkit_seen.as_str())]);
    assert_eq!(
        contributor
            .post(
                &format!("/contribute/{toolkit}/lessons/new?question=new"),
                &to_toolkit
            )
            .await
            .status,
        StatusCode::CONFLICT
    );
    assert_eq!(
        contributor
            .post(
                &format!("/contribute/{toolkit}/lessons/1?question=new"),
                &to_toolkit
            )
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(version(&app.db, &module).await, seen, "nothing was saved");

    // The pass mark, on the resource editor: checked, then saved.
    let edit = format!("/contribute/{module}/edit");
    for bad in ["150", "abc", "0"] {
        let refused = contributor
            .post(
                &edit,
                &fields(
                    "A module with a knowledge check",
                    &[
                        ("kind", "module"),
                        ("sector", "mental-health"),
                        ("pass_mark", bad),
                        ("version", &seen),
                    ],
                ),
            )
            .await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{bad}");
        assert!(refused
            .body
            .contains("The pass mark must be a whole number from 1 to 100"));
        assert!(input_tag(&refused.body, "pass_mark").contains(&format!("value=\"{bad}\"")));
    }
    assert_eq!(pass_mark(&app.db, &module).await, 70);
    let set = contributor
        .post(
            &edit,
            &fields(
                "A module with a knowledge check",
                &[
                    ("kind", "module"),
                    ("sector", "mental-health"),
                    ("pass_mark", "80"),
                    ("version", &seen),
                ],
            ),
        )
        .await;
    assert_eq!(set.status, StatusCode::SEE_OTHER, "{}", set.body);
    assert_eq!(pass_mark(&app.db, &module).await, 80);
    assert_eq!(
        stored_questions(&app.db, &module, 1)
            .await
            .as_array()
            .unwrap()
            .len(),
        2,
        "saving the module keeps its lessons' questions"
    );
    let editor = contributor.get(&edit).await.body;
    assert!(input_tag(&editor, "pass_mark").contains("value=\"80\""));

    // Curators read the check when reviewing: each answer, the right one
    // named in words, its feedback and the pass mark.
    let review = curator.get(&format!("/contribute/{module}")).await;
    assert_eq!(review.status, StatusCode::OK);
    for text in [
        "Strong and weak actions",
        "Which of these actions is strongest?",
        "A forcing function",
        "Right answer",
        "Feedback: Policies rely on memory, so they are weaker.",
        "Pass mark: 80% of its questions",
        "&lt;script&gt;alert(1)&lt;/script&gt; Which?",
    ] {
        assert!(review.body.contains(text), "{text} missing");
    }
    assert!(!review.body.contains("<script>alert(1)"));

    // Deleted: gone from the lesson, and from the list.
    let seen = version(&app.db, &module).await;
    let deleted = contributor
        .post(
            &format!("{lesson}?question=1"),
            &[("action", "delete"), ("question", "1"), ("version", &seen)],
        )
        .await;
    assert_eq!(deleted.status, StatusCode::SEE_OTHER, "{}", deleted.body);
    assert_eq!(deleted.location.as_deref(), Some(lesson.as_str()));
    let stored = stored_questions(&app.db, &module, 1).await;
    assert_eq!(stored.as_array().unwrap().len(), 1);
    assert_eq!(stored[0]["prompt"], "<script>alert(1)</script> Which?");
    let history = contributor
        .get(&format!("/contribute/{module}/history"))
        .await
        .body;
    assert!(history.contains("Deleted question 1 of lesson 1"));
    assert!(history.contains("Added question 1 to lesson 1"));
    // A delete made from a page older than the latest version is refused.
    let stale = contributor
        .post(
            &format!("{lesson}?question=1"),
            &[("action", "delete"), ("question", "1"), ("version", &seen)],
        )
        .await;
    assert_eq!(stale.status, StatusCode::CONFLICT);
    // So is a change to the question deleted since that page was shown (the
    // lesson has one question now), and a lesson that is no longer there.
    let mut gone = question(&[]);
    gone.extend([("question", "2"), ("version", seen.as_str())]);
    let stale = contributor
        .post(&format!("{lesson}?question=2"), &gone)
        .await;
    assert_eq!(stale.status, StatusCode::CONFLICT, "{}", stale.body);
    let stale = contributor
        .post(
            &format!("{lessons}/9"),
            &[("title", "T"), ("body", "B"), ("version", &seen)],
        )
        .await;
    assert_eq!(stale.status, StatusCode::CONFLICT);
    let latest = version(&app.db, &module).await;
    let missing = contributor
        .post(
            &format!("{lessons}/9"),
            &[("title", "T"), ("body", "B"), ("version", &latest)],
        )
        .await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);

    // A full check takes no more questions: the link goes, a post is refused.
    for _ in 1..MAX_QUESTIONS_PER_LESSON {
        let seen = version(&app.db, &module).await;
        let mut more = question(&[]);
        more.extend([("question", "new"), ("version", seen.as_str())]);
        let saved = contributor
            .post(&format!("{lesson}?question=new"), &more)
            .await;
        assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    }
    let full = contributor.get(&lesson).await.body;
    assert!(!full.contains("Add a question"));
    assert!(full.contains("A lesson has at most 10 questions"));
    let seen = version(&app.db, &module).await;
    let mut one_more = question(&[]);
    one_more.extend([("question", "new"), ("version", seen.as_str())]);
    let refused = contributor
        .post(&format!("{lesson}?question=new"), &one_more)
        .await;
    assert_eq!(refused.status, StatusCode::CONFLICT);
    assert!(refused
        .body
        .contains("Lesson 1 already has 10 questions, the most a lesson can have"));
    assert!(refused.body.contains("href=\"#knowledge-check\""));
    assert_eq!(
        stored_questions(&app.db, &module, 1)
            .await
            .as_array()
            .unwrap()
            .len(),
        MAX_QUESTIONS_PER_LESSON
    );

    // Deleting the lesson deletes its questions with it.
    let seen = version(&app.db, &module).await;
    let gone = contributor
        .post(&lesson, &[("action", "delete"), ("version", &seen)])
        .await;
    assert_eq!(gone.status, StatusCode::SEE_OTHER);
    let lessons_left: i64 = with_pool!(&app.db, pool => sqlx::query_scalar(
        "SELECT COUNT(*) FROM lessons l JOIN resources r ON r.id = l.resource_id WHERE r.slug = $1",
    )
    .bind(&module)
    .fetch_one(pool)
    .await
    .unwrap());
    assert_eq!(lessons_left, 0);
    assert_eq!(
        contributor
            .get(&format!("{lesson}?question=1"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    app.shutdown().await;
}

crate::both_backends!(questions_written_changed_refused_and_reviewed);
