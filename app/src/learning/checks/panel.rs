//! A lesson's knowledge check, rendered on the server into HTML for the
//! end of the lesson (its views would cost the client's lesson chunk
//! bytes): a plain form that posts to the lesson's own address, so a
//! refusal shows the lesson again with the messages beside the questions,
//! with or without JavaScript; once answered, whether each answer was
//! right and its feedback, and where the member stands against the pass
//! mark.

use leptos::prelude::*;
use leptos::tachys::view::RenderHtml;

use super::repo::check_keys;
use super::{CheckStanding, GivenAnswer, CHECK_KEYS_FIELD};
use crate::components::ErrorSummary;
use crate::forms::FormFeedback;
use crate::resources::questions::{question_field, Question};

/// Who is reading the lesson.
pub enum Reader {
    SignedOut,
    Member {
        /// Their latest answers to this lesson's questions.
        answers: Vec<GivenAnswer>,
        standing: CheckStanding,
        csrf_token: String,
    },
}

/// The section as HTML (empty for a lesson without a check), with what a
/// refused post sent back (`feedback`).
pub fn render(
    slug: &str,
    position: u32,
    questions: &[Question],
    reader: Reader,
    feedback: &FormFeedback,
) -> String {
    if questions.is_empty() {
        return String::new();
    }
    let count = match questions.len() {
        1 => "one question".to_string(),
        n => format!("{n} questions"),
    };
    let body = match reader {
        Reader::SignedOut => {
            let back = format!("/resources/{slug}/lessons/{position}");
            let sign_in = format!("/sign-in?next={}", back.replace('/', "%2F"));
            view! {
                <p>{format!("This lesson ends with a knowledge check of {count}. ")} <a href=sign_in>"Sign in"</a> " to answer it: your answers count towards completing the module."</p>
            }
            .into_any()
        }
        Reader::Member {
            answers,
            standing,
            csrf_token,
        } => member_form(
            slug, position, questions, &answers, standing, csrf_token, feedback, &count,
        ),
    };
    view! {
        <section class="hub-check" id="knowledge-check" aria-labelledby="knowledge-check-heading">
            <h2 class="nhsuk-heading-m" id="knowledge-check-heading">"Knowledge check"</h2>
            {body}
        </section>
    }
    .to_html()
}

#[allow(clippy::too_many_arguments)]
fn member_form(
    slug: &str,
    position: u32,
    questions: &[Question],
    answers: &[GivenAnswer],
    standing: CheckStanding,
    csrf_token: String,
    feedback: &FormFeedback,
    count: &str,
) -> AnyView {
    let refused = !feedback.errors.is_empty();
    let given = |n: usize| {
        answers
            .iter()
            .find(|answer| answer.question as usize == n)
            .cloned()
    };
    let answered_all = (1..=questions.len()).all(|n| given(n).is_some());
    let errors: Vec<(String, String)> = (1..=questions.len())
        .filter_map(question_field)
        .filter_map(|field| {
            feedback
                .error_for(field)
                .map(|message| (format!("#{field}"), message))
        })
        .collect();
    let summary = (!errors.is_empty()).then(|| view! { <ErrorSummary errors /> });
    let intro = if answered_all && !refused {
        let right = (1..=questions.len())
            .filter(|&n| given(n).is_some_and(|answer| answer.correct))
            .count();
        view! {
            <div class="nhsuk-inset-text">
                <span class="nhsuk-u-visually-hidden">"Information: "</span>
                <p>{format!("You answered {right} of {} right in this lesson. Across the module: {}.", questions.len(), standing.summary())}</p>
                {(right < questions.len() && !standing.passed()).then(|| view! { <p>"Read the feedback under each answer, then choose again and check your answers."</p> })}
            </div>
        }
        .into_any()
    } else {
        view! {
            <p>{format!("Answer the {count} to finish this lesson. To complete the module you need {}% of its questions right; you can answer again as often as you like.", standing.pass_mark)}</p>
        }
        .into_any()
    };
    let items = questions
        .iter()
        .enumerate()
        .filter_map(|(index, question)| {
            let n = index + 1;
            let field = question_field(n)?;
            let last = given(n);
            let chosen = if refused {
                feedback.value_for(field)
            } else {
                last.as_ref().map(|answer| answer.chosen.to_string())
            };
            let result = last.filter(|_| !refused).and_then(|answer| {
                let choice = question
                    .answers
                    .get((answer.chosen as usize).checked_sub(1)?)?;
                Some(result(answer.correct, &choice.text, &choice.feedback))
            });
            Some(question_group(
                n,
                field,
                question,
                chosen,
                feedback.error_for(field),
                result,
            ))
        })
        .collect_view();
    let button = if answers.is_empty() {
        "Check my answers"
    } else {
        "Check my answers again"
    };
    let action = format!("/resources/{slug}/lessons/{position}");
    view! {
        {summary}
        {intro}
        <form method="post" action=action novalidate>
            <input type="hidden" name="csrf_token" value=csrf_token />
            <input type="hidden" name=CHECK_KEYS_FIELD value=check_keys(questions) />
            {items}
            <button class="nhsuk-button nhsuk-button--secondary" type="submit" data-module="nhsuk-button">{button}</button>
        </form>
    }
    .into_any()
}

/// One question: its answers as radios (the first takes the field's name
/// as its id, for the error summary's link), a refusal's message, and the
/// result of the last answer.
fn question_group(
    n: usize,
    field: &'static str,
    question: &Question,
    chosen: Option<String>,
    error: Option<String>,
    result: Option<AnyView>,
) -> impl IntoView {
    let error_id = format!("{field}-error");
    let described_by = error.as_ref().map(|_| error_id.clone());
    let has_error = error.is_some();
    let options = question
        .answers
        .iter()
        .enumerate()
        .map(|(index, answer)| {
            let value = (index + 1).to_string();
            let id = if index == 0 {
                field.to_string()
            } else {
                format!("{field}-{value}")
            };
            let checked = chosen.as_deref() == Some(value.as_str());
            view! {
                <div class="nhsuk-radios__item">
                    <input class="nhsuk-radios__input" id=id.clone() name=field type="radio" value=value checked=checked />
                    <label class="nhsuk-label nhsuk-radios__label" for=id>{answer.text.clone()}</label>
                </div>
            }
        })
        .collect_view();
    view! {
        <div class="nhsuk-form-group" class:nhsuk-form-group--error=has_error>
            <fieldset class="nhsuk-fieldset" aria-describedby=described_by>
                <legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">{format!("{n}. {}", question.prompt)}</legend>
                {error.map(|message| view! {
                    <span class="nhsuk-error-message" id=error_id>
                        <span class="nhsuk-u-visually-hidden">"Error: "</span>
                        {message}
                    </span>
                })}
                <div class="nhsuk-radios">{options}</div>
            </fieldset>
            {result}
        </div>
    }
}

/// Whether the last answer was right, in words as well as colour, and
/// what choosing it teaches.
fn result(correct: bool, chosen: &str, feedback: &str) -> AnyView {
    let (tag, class) = if correct {
        ("Right", "nhsuk-tag nhsuk-tag--green")
    } else {
        ("Not right", "nhsuk-tag nhsuk-tag--orange")
    };
    view! {
        <div class="hub-check__result">
            <p><strong class=class>{tag}</strong> " You chose: " {chosen.to_string()}</p>
            <p>{feedback.to_string()}</p>
        </div>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::resources::questions::Answer;

    fn questions() -> Vec<Question> {
        vec![Question {
            prompt: "Which is <b>strongest</b>?".into(),
            answers: vec![
                Answer {
                    text: "A policy".into(),
                    feedback: "Relies on memory & vigilance.".into(),
                },
                Answer {
                    text: "A forcing function".into(),
                    feedback: "Designs the error out.".into(),
                },
            ],
            correct: 1,
        }]
    }

    fn member(answers: Vec<GivenAnswer>) -> Reader {
        Reader::Member {
            answers,
            standing: CheckStanding {
                right: 0,
                total: 1,
                pass_mark: 70,
                retry_at: Some(1),
            },
            csrf_token: "token".into(),
        }
    }

    #[test]
    fn questions_are_escaped_and_the_last_answer_is_explained() {
        let html = render(
            "m",
            2,
            &questions(),
            member(vec![]),
            &FormFeedback::default(),
        );
        assert!(
            html.contains("1. Which is &lt;b&gt;strongest&lt;/b&gt;?"),
            "{html}"
        );
        assert!(html.contains(r#"action="/resources/m/lessons/2""#));
        assert!(html.contains("Check my answers"));
        assert!(!html.contains("Not right"));

        let answered = vec![GivenAnswer {
            lesson: 2,
            question: 1,
            chosen: 1,
            correct: false,
            question_key: String::new(),
        }];
        let html = render(
            "m",
            2,
            &questions(),
            member(answered),
            &FormFeedback::default(),
        );
        assert!(html.contains("Not right"));
        assert!(html.contains("Relies on memory &amp; vigilance."));
        assert!(html.contains("You answered 0 of 1 right in this lesson"));
        assert!(html.contains("Check my answers again"));
    }

    #[test]
    fn a_refusal_shows_its_message_beside_the_question() {
        let mut feedback = FormFeedback::default();
        feedback.error("question-1", "Select an answer to question 1");
        let html = render("m", 1, &questions(), member(vec![]), &feedback);
        assert!(html.contains("nhsuk-error-summary"));
        assert!(html.contains(r##"href="#question-1""##));
        assert!(html.contains(r#"aria-describedby="question-1-error""#));
    }

    #[test]
    fn a_signed_out_reader_is_asked_to_sign_in_and_a_lesson_without_questions_shows_nothing() {
        let html = render(
            "m",
            1,
            &questions(),
            Reader::SignedOut,
            &FormFeedback::default(),
        );
        assert!(html.contains("knowledge check of one question"));
        assert!(html.contains("/sign-in?next=%2Fresources%2Fm%2Flessons%2F1"));
        assert!(render("m", 1, &[], Reader::SignedOut, &FormFeedback::default()).is_empty());
    }
}
