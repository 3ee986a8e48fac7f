//! Feedback about the service (`/feedback`), which anyone can send, with
//! or without an account, and admins read (`/admin/feedback`). It is
//! stored, never emailed anywhere, and deleted after the retention period.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};

use crate::components::{Breadcrumbs, Crumb, Table};
use crate::dates::format_time;
use crate::forms::{
    with_form_state, FieldErrors, HiddenField, PostForm, RadioGroup, SubmitButton, TextArea,
};
#[cfg(feature = "ssr")]
use crate::{
    db::{from_context, internal_error},
    web::{
        access::{require, Access},
        identity::Role,
    },
};

/// The most a comment may hold: enough for a few paragraphs.
pub const MAX_COMMENT_CHARS: usize = 1_200;
/// Entries per page of the admins' list.
pub const FEEDBACK_PAGE_SIZE: i64 = 50;

/// How satisfied someone was, as the form asks it: (slug, label).
pub const SATISFACTION: [(&str, &str); 5] = [
    ("very-satisfied", "Very satisfied"),
    ("satisfied", "Satisfied"),
    ("neutral", "Neither satisfied nor dissatisfied"),
    ("dissatisfied", "Dissatisfied"),
    ("very-dissatisfied", "Very dissatisfied"),
];

/// The label of a satisfaction slug the form offers.
pub fn satisfaction_label(slug: &str) -> Option<&'static str> {
    SATISFACTION
        .iter()
        .find(|(known, _)| *known == slug)
        .map(|(_, label)| *label)
}

/// The feedback form as posted.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct FeedbackInput {
    pub satisfaction: String,
    pub comments: String,
    pub page: String,
}

/// Feedback that can be stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Feedback {
    /// A slug of [`SATISFACTION`], if one was chosen.
    pub satisfaction: Option<&'static str>,
    pub comments: String,
    /// The hub page it was sent from: a path on this site, or empty.
    pub page: String,
}

/// Parses the form: comments are needed and limited; a satisfaction must
/// be one the form offers; the page is kept only if it is a path here.
pub fn parse_feedback(input: &FeedbackInput) -> Result<Feedback, FieldErrors> {
    let mut problems = Vec::new();
    let comments = input.comments.trim().replace("\r\n", "\n");
    match comments.chars().count() {
        0 => problems.push(("comments", "Enter your feedback about the hub".to_string())),
        n if n > MAX_COMMENT_CHARS => problems.push((
            "comments",
            format!("Your feedback must be {MAX_COMMENT_CHARS} characters or fewer (it has {n})"),
        )),
        _ => {}
    }
    let satisfaction = match input.satisfaction.trim() {
        "" => None,
        slug => match SATISFACTION.iter().find(|(known, _)| *known == slug) {
            Some((known, _)) => Some(*known),
            None => {
                problems.push((
                    "satisfaction",
                    "Select how satisfied you are, or leave it blank".to_string(),
                ));
                None
            }
        },
    };
    let page = crate::web::access::safe_return_path(input.page.trim()).unwrap_or_default();
    if problems.is_empty() {
        Ok(Feedback {
            satisfaction,
            comments,
            page,
        })
    } else {
        Err(problems)
    }
}

/// One piece of feedback as admins read it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FeedbackEntry {
    pub at: i64,
    pub satisfaction: Option<String>,
    pub page: String,
    pub comments: String,
    /// The sender's display name, if they were signed in.
    pub member: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FeedbackList {
    pub entries: Vec<FeedbackEntry>,
    pub page: u32,
    pub has_more: bool,
}

/// A page of feedback, newest first (admins).
#[server(input = GetUrl)]
pub async fn list_feedback(page: u32) -> Result<FeedbackList, ServerFnError> {
    require(Access::AtLeast(Role::Admin))?;
    super::repo::feedback_page(&from_context()?, page.max(1))
        .await
        .map_err(internal_error)
}

/// `/feedback`: the form. `?page=` names the page it is about.
#[component]
pub fn FeedbackPage() -> impl IntoView {
    let query = use_query_map();
    let from = move || query.with(|query| query.get("page").unwrap_or_default());
    let options: Vec<(String, String)> = SATISFACTION
        .iter()
        .map(|(slug, label)| (slug.to_string(), label.to_string()))
        .collect();
    view! {
        <Title text="Give feedback about the hub" />
        <Breadcrumbs trail=vec![Crumb::new("Home", "/")] />
        <div class="nhsuk-grid-row">
            <div class="nhsuk-grid-column-two-thirds">
                <h1 class="nhsuk-heading-l">"Give feedback about the hub"</h1>
                <p>
                    "The hub is new and your feedback will help us improve it. You do not need an account. "
                    "We read everything but cannot reply: if you need an answer, use the "
                    <a href="/contact">"contact page"</a> "."
                </p>
                <div class="nhsuk-inset-text">
                    <span class="nhsuk-u-visually-hidden">"Information: "</span>
                    <p>"Keep it anonymous: do not include anything that could identify a patient, a family or a member of staff."</p>
                </div>
                {with_form_state(move || {
                    let options = options.clone();
                    view! {
                        <PostForm action="/feedback">
                            <HiddenField name="page" value=from() />
                            <RadioGroup name="satisfaction" legend="Overall, how satisfied are you with the hub? (optional)" options />
                            <TextArea name="comments" label="How could we improve the hub?" hint="Tell us what you were trying to do and what worked or did not. Up to 1,200 characters." rows=6 />
                            <SubmitButton label="Send feedback" />
                        </PostForm>
                    }
                })}
            </div>
        </div>
    }
}

/// `/admin/feedback`: what people have said, newest first.
#[component]
pub fn FeedbackListPage() -> impl IntoView {
    let query = use_query_map();
    let page = move || {
        query.with(|query| {
            query
                .get("page")
                .and_then(|page| page.parse().ok())
                .unwrap_or(1u32)
                .max(1)
        })
    };
    let list = Resource::new(page, list_feedback);
    view! {
        <Title text="Feedback" />
        <h1 class="nhsuk-heading-l">"Feedback"</h1>
        <p>"What people said through the feedback form, newest first. Feedback is deleted after a year."</p>
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                list.await.map(|list| view! {
                    <FeedbackTable entries=list.entries />
                    {list.has_more.then(|| view! { <p><a href=format!("/admin/feedback?page={}", list.page + 1)>"Older feedback"</a></p> })}
                })
            })}
        </Suspense>
        <p><a href="/admin/users">"All accounts"</a></p>
    }
}

#[component]
fn FeedbackTable(entries: Vec<FeedbackEntry>) -> impl IntoView {
    if entries.is_empty() {
        return view! { <p>"No feedback yet."</p> }.into_any();
    }
    let dash = |text: Option<String>| {
        text.filter(|text| !text.is_empty())
            .unwrap_or_else(|| "–".into())
    };
    let rows = entries
        .into_iter()
        .map(|entry| {
            vec![
                format_time(entry.at).into_any(),
                dash(entry.satisfaction).into_any(),
                view! { <span class="hub-preserve-lines">{entry.comments}</span> }.into_any(),
                dash(Some(entry.page)).into_any(),
                entry
                    .member
                    .unwrap_or_else(|| "Not signed in".into())
                    .into_any(),
            ]
        })
        .collect();
    view! {
        <Table caption="Feedback, newest first" headers=vec!["When", "Satisfaction", "Feedback", "Page", "From"] rows />
    }
    .into_any()
}

#[cfg(feature = "ssr")]
pub use handlers::routes;

#[cfg(feature = "ssr")]
mod handlers {
    use axum::extract::{FromRef, State};
    use axum::http::StatusCode;

    use super::{parse_feedback, FeedbackInput};
    use crate::web::access::{Access, Endpoints};
    use crate::web::form::{done, refuse, show_field_errors, Outcome, SubmittedForm, WebContext};
    use crate::web::rate_limit::{self, FEEDBACK_FROM_EVERYONE, FEEDBACK_PER_IP};

    pub fn routes<S>() -> Endpoints<S>
    where
        S: Clone + Send + Sync + 'static,
        WebContext: FromRef<S>,
    {
        Endpoints::new().post("/feedback", Access::Public, send)
    }

    /// `POST /feedback`: stores it and returns to the page it was about.
    async fn send(State(context): State<WebContext>, form: SubmittedForm) -> Outcome {
        let feedback = match parse_feedback(&form.input::<FeedbackInput>()?) {
            Ok(feedback) => feedback,
            Err(problems) => {
                return Ok(show_field_errors(&context, form, "/feedback", problems).await)
            }
        };
        let ip = form.viewer.ip.map(|ip| ip.to_string()).unwrap_or_default();
        // One address, and everyone together: a flood from many addresses
        // cannot fill the table either.
        if !rate_limit::try_take_all(
            &context.db,
            &[
                (FEEDBACK_PER_IP, ip.as_str()),
                (FEEDBACK_FROM_EVERYONE, "all"),
            ],
        )
        .await?
        {
            return Ok(refuse(
                &context,
                form,
                "/feedback",
                StatusCode::TOO_MANY_REQUESTS,
                "comments",
                "Too much feedback has been sent in the last hour. Wait an hour and send it again.",
            )
            .await);
        }
        let at = chrono::Utc::now().timestamp();
        super::super::repo::insert_feedback(&context.db, &feedback, form.viewer.user_id(), at)
            .await?;
        let back = if feedback.page.is_empty() {
            "/"
        } else {
            feedback.page.as_str()
        };
        Ok(done(
            &form.viewer,
            back,
            "Thank you: your feedback has been sent to the team that runs the hub",
        )
        .await)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(satisfaction: &str, comments: &str, page: &str) -> FeedbackInput {
        FeedbackInput {
            satisfaction: satisfaction.into(),
            comments: comments.into(),
            page: page.into(),
        }
    }

    #[test]
    fn feedback_needs_comments_within_the_limit() {
        let empty = parse_feedback(&input("", "  \n ", "")).unwrap_err();
        assert_eq!(empty[0].0, "comments");
        let long = "a".repeat(MAX_COMMENT_CHARS + 1);
        let refused = parse_feedback(&input("", &long, "")).unwrap_err();
        assert!(refused[0].1.contains("1201"), "{refused:?}");
        let most = "é".repeat(MAX_COMMENT_CHARS);
        assert!(
            parse_feedback(&input("", &most, "")).is_ok(),
            "characters, not bytes"
        );
    }

    #[test]
    fn satisfaction_is_optional_but_must_be_offered() {
        assert_eq!(
            parse_feedback(&input("", "Good", "")).unwrap().satisfaction,
            None
        );
        assert_eq!(
            parse_feedback(&input("satisfied", "Good", ""))
                .unwrap()
                .satisfaction,
            Some("satisfied")
        );
        let refused = parse_feedback(&input("<b>delighted</b>", "Good", "")).unwrap_err();
        assert_eq!(refused[0].0, "satisfaction");
    }

    #[test]
    fn the_page_is_kept_only_when_it_is_a_path_here() {
        let page = |raw: &str| parse_feedback(&input("", "Good", raw)).unwrap().page;
        assert_eq!(page("/resources/seips"), "/resources/seips");
        assert_eq!(page("https://evil.example/"), "");
        assert_eq!(page("//evil.example"), "");
    }
}
