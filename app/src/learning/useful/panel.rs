//! "Was this useful?" below a resource's text, rendered on the
//! server into HTML (the page is in the client's main module, which every
//! first visit loads; HTML costs it nothing). A plain form that posts to
//! the page's own address, so a refusal shows the page again with the
//! messages beside the fields, with or without JavaScript.

use leptos::prelude::*;
use leptos::tachys::view::RenderHtml;

use super::types::{Answer, Tally};
use crate::components::ErrorSummary;
use crate::forms::{FormFeedback, RadioGroup, TextArea};

/// Who is reading: someone signed out, or a member with the answer they
/// gave (if any) and the session's CSRF token.
pub enum Reader {
    SignedOut,
    Member {
        answer: Option<Answer>,
        csrf_token: String,
    },
}

const COMMENT_HINT: &str = "Optional. What made it useful, or what would have? Curators read comments with your role and sectors, not your name. Do not include details of patients, staff or incidents. Up to 500 characters.";

/// The error summary for a refused post of one of the forms below a
/// resource's text, this one or "Save this resource" (empty when there is
/// none), for the top of the page.
pub fn error_summary(feedback: &FormFeedback) -> String {
    let errors: Vec<(String, String)> = ["useful", "comment"]
        .into_iter()
        .chain(crate::learning::collections::panel::FIELDS)
        .filter_map(|field| {
            feedback
                .error_for(field)
                .map(|message| (format!("#{field}"), message))
        })
        .collect();
    if errors.is_empty() {
        return String::new();
    }
    view! { <ErrorSummary errors /> }.to_html()
}

/// The section, as HTML, with what a refused post sent back (`feedback`).
/// Its fields find the feedback in the context of an owner of its own: the
/// server function reads it from the request before its first `await`,
/// and the request's context may be gone by the time this runs.
pub fn render(slug: &str, reader: Reader, tally: Tally, feedback: FormFeedback) -> String {
    Owner::new().with(|| {
        provide_context(feedback);
        section(slug, reader, tally)
    })
}

fn section(slug: &str, reader: Reader, tally: Tally) -> String {
    let count = tally.public_line().map(|line| view! { <p>{line}</p> });
    let action = format!("/resources/{slug}");
    let body = match reader {
        Reader::SignedOut => {
            let sign_in = format!("/sign-in?next=%2Fresources%2F{slug}");
            view! {
                <p><a href=sign_in>"Sign in"</a> " to tell us whether this resource was useful to you. Curators use the answers to improve the catalogue."</p>
            }
            .into_any()
        }
        Reader::Member { answer, csrf_token } => {
            let said = answer.as_ref().map(|answer| {
                let what = if answer.useful { "useful" } else { "not useful" };
                view! { <p>{format!("You said this resource was {what}. You can change or remove your answer.")}</p> }
            });
            let answered = answer.is_some();
            let button = if answered {
                "Change your answer"
            } else {
                "Send your answer"
            };
            let (chosen, comment) = match answer {
                Some(Answer { useful, comment }) => {
                    (Some(if useful { "yes" } else { "no" }.to_string()), comment)
                }
                None => (None, String::new()),
            };
            let options = vec![
                ("yes".to_string(), "Yes".to_string()),
                ("no".to_string(), "No".to_string()),
            ];
            view! {
                {said}
                <form method="post" action=action novalidate>
                    <input type="hidden" name="csrf_token" value=csrf_token />
                    <RadioGroup name="useful" legend="Was this resource useful to you?" options value=chosen.unwrap_or_default() />
                    <TextArea name="comment" label="Your comment" hint=COMMENT_HINT value=comment rows=3 />
                    <div class="nhsuk-button-group">
                        <button class="nhsuk-button nhsuk-button--secondary" type="submit" data-module="nhsuk-button">{button}</button>
                        {answered.then(|| view! {
                            <button class="nhsuk-button nhsuk-button--secondary" type="submit" name="action" value="remove" data-module="nhsuk-button">"Remove your answer"</button>
                        })}
                    </div>
                </form>
            }
            .into_any()
        }
    };
    view! {
        <section class="hub-useful" aria-labelledby="useful-heading">
            <h2 class="nhsuk-heading-m" id="useful-heading">"Was this useful?"</h2>
            {count}
            {body}
        </section>
    }
    .to_html()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::learning::useful::types::MAX_COMMENT_CHARS;

    #[test]
    fn the_hint_states_the_comment_limit_the_parser_applies() {
        assert!(COMMENT_HINT.contains(&format!("Up to {MAX_COMMENT_CHARS} characters")));
    }
}
