//! `POST /resources/{slug}/lessons/{position}`: a lesson's knowledge check
//! answered. The form posts to the lesson's own address, so a refusal
//! shows the lesson again with a message beside each question.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;

use super::repo::check_keys;
use super::{parse_answers, AnswersRefused, CHECK_KEYS_FIELD};
use crate::forms::FormFeedback;
use crate::learning::repo;
use crate::web::form::{
    done, show_again, show_field_errors, Outcome, SignedIn, SubmittedForm, WebContext,
};
use crate::web::plain::plain_response;

fn not_found(body_html: &str) -> Response {
    plain_response(
        StatusCode::NOT_FOUND,
        "Knowledge check not found",
        body_html,
    )
}

/// Records the answers (and the lesson as done) and shows the lesson again
/// with the result of each; the answers that meet the pass mark with every
/// lesson done complete the module.
pub async fn answer(
    State(context): State<WebContext>,
    SignedIn(member): SignedIn,
    Path((slug, position)): Path<(String, String)>,
    form: SubmittedForm,
) -> Outcome {
    let db = &context.db;
    let module = repo::taken_module(db, slug.trim()).await?;
    let position = position.trim().parse::<u32>().ok();
    let (Some(module), Some(position)) = (module, position) else {
        return Ok(not_found(
            "<p>There is no such lesson in a published module. <a href=\"/resources?kind=module\">Find a module</a></p>",
        ));
    };
    let page = format!("/resources/{}/lessons/{position}", module.facts.slug);
    let questions = module.questions(position);
    if !module.lessons.contains(&position) || questions.is_empty() {
        let body = format!(
            "<p>This lesson has no knowledge check to answer. <a href=\"/resources/{}\">Back to the module</a></p>",
            module.facts.slug
        );
        return Ok(not_found(&body));
    }
    let posted: Vec<(String, String)> = form.input()?;
    // A form showing questions since changed (a curator's new version came
    // between reading and answering): its answers are to other questions.
    let shown = posted
        .iter()
        .find(|(name, _)| name == CHECK_KEYS_FIELD)
        .map(|(_, keys)| keys.as_str());
    if shown.is_some_and(|shown| shown != check_keys(questions)) {
        let mut feedback = FormFeedback::default();
        feedback.error(
            "question-1",
            "The questions of this lesson changed while you were answering them: read them again and choose your answers",
        );
        return Ok(show_again(&context, form, &page, StatusCode::CONFLICT, feedback).await);
    }
    let chosen = match parse_answers(questions, &posted) {
        Ok(chosen) => chosen,
        Err(AnswersRefused::Problems(problems)) => {
            return Ok(show_field_errors(&context, form, &page, problems).await)
        }
        Err(AnswersRefused::NoSuchQuestion) => {
            let body = format!(
                "<p>An answer was sent for a question this lesson's knowledge check does not have. <a href=\"{page}\">Back to the lesson</a></p>"
            );
            return Ok(not_found(&body));
        }
    };
    let now = chrono::Utc::now().timestamp();
    let marked = repo::mark_done(db, member.id, &module, position, &chosen, now).await?;
    let right = questions
        .iter()
        .zip(&chosen)
        .filter(|(question, &answer)| question.is_right(answer as usize))
        .count();
    let notice = if marked.newly_complete {
        repo::completion_notice(&module.facts)
    } else {
        format!("You answered {right} of {} right", questions.len())
    };
    Ok(done(&form.viewer, &format!("{page}#knowledge-check"), notice).await)
}
