//! Form building blocks in the NHS.UK pattern: an error summary at the top,
//! each message beside its field, values kept after a failed post. Forms
//! post to plain handlers, so they work without JavaScript.

use leptos::context::Provider;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::server::load_form_state;
use crate::components::ErrorSummary;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

/// What a failed post sends back to its page.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormFeedback {
    pub errors: Vec<FieldError>,
    /// What was typed, never passwords or codes.
    pub values: Vec<(String, String)>,
}

impl FormFeedback {
    pub fn error(&mut self, field: &str, message: impl Into<String>) {
        self.errors.push(FieldError {
            field: field.to_string(),
            message: message.into(),
        });
    }

    pub fn is_empty(&self) -> bool {
        self.errors.is_empty()
    }

    pub fn error_for(&self, field: &str) -> Option<String> {
        self.errors
            .iter()
            .find(|error| error.field == field)
            .map(|error| error.message.clone())
    }

    pub fn value_for(&self, field: &str) -> Option<String> {
        self.values
            .iter()
            .find(|(name, _)| name == field)
            .map(|(_, value)| value.clone())
    }
}

/// The session's CSRF token and any feedback from a failed post.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormState {
    pub csrf_token: String,
    pub feedback: FormFeedback,
}

#[derive(Clone, Debug)]
struct CsrfToken(String);

/// Loads the [`FormState`], shows the error summary when a post failed and
/// renders `content`, whose forms and fields then find their token and
/// messages.
pub fn with_form_state<V: IntoView + 'static>(
    content: impl Fn() -> V + Clone + Send + Sync + 'static,
) -> impl IntoView {
    let state = Resource::new(|| (), |_| load_form_state());
    view! {
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || {
                let content = content.clone();
                Suspend::new(async move {
                    match state.await {
                        Ok(state) => {
                            let errors: Vec<(String, String)> = state
                                .feedback
                                .errors
                                .iter()
                                .map(|error| (format!("#{}", error.field), error.message.clone()))
                                .collect();
                            let summary = (!errors.is_empty()).then(|| view! { <ErrorSummary errors /> });
                            view! {
                                <Provider value=CsrfToken(state.csrf_token.clone())>
                                    <Provider value=state.feedback.clone()>
                                        {summary}
                                        {content()}
                                    </Provider>
                                </Provider>
                            }
                                .into_any()
                        }
                        Err(error) => Err::<(), _>(error).into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

/// A form that posts to `action` with the CSRF token.
#[component]
pub fn PostForm(#[prop(into)] action: String, children: Children) -> impl IntoView {
    let token = use_context::<CsrfToken>()
        .map(|token| token.0)
        .unwrap_or_default();
    view! {
        <form method="post" action=action novalidate>
            <input type="hidden" name="csrf_token" value=token />
            {children()}
        </form>
    }
}

/// A labelled input with its hint and error message. Password inputs never
/// get a value back.
#[component]
pub fn TextField(
    name: &'static str,
    label: &'static str,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(default = "text")] input_type: &'static str,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(optional, into)] value: Option<String>,
    #[prop(optional)] width: Option<&'static str>,
) -> impl IntoView {
    let feedback = use_context::<FormFeedback>().unwrap_or_default();
    let error = feedback.error_for(name);
    let has_error = error.is_some();
    let value = if input_type == "password" {
        None
    } else {
        feedback.value_for(name).or(value)
    };
    let hint_id = hint.map(|_| format!("{name}-hint"));
    let error_id = error.as_ref().map(|_| format!("{name}-error"));
    let described_by = [hint_id.clone(), error_id.clone()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    let described_by = (!described_by.is_empty()).then_some(described_by);
    let input_class = format!(
        "nhsuk-input{}{}",
        width.map(|width| format!(" {width}")).unwrap_or_default(),
        if error.is_some() {
            " nhsuk-input--error"
        } else {
            ""
        }
    );
    view! {
        <div class="nhsuk-form-group" class:nhsuk-form-group--error=has_error>
            <label class="nhsuk-label" for=name>{label}</label>
            {hint.map(|hint| view! { <div class="nhsuk-hint" id=hint_id.clone()>{hint}</div> })}
            {error.map(|message| view! {
                <span class="nhsuk-error-message" id=error_id.clone()>
                    <span class="nhsuk-u-visually-hidden">"Error: "</span>
                    {message}
                </span>
            })}
            <input
                class=input_class
                id=name
                name=name
                type=input_type
                autocomplete=autocomplete
                aria-describedby=described_by
                value=value
                spellcheck=(input_type == "email" || input_type == "password").then_some("false")
            />
        </div>
    }
}

/// A submit button; `secondary` and `warning` are the NHS.UK variants.
#[component]
pub fn SubmitButton(
    label: &'static str,
    #[prop(optional)] variant: Option<&'static str>,
) -> impl IntoView {
    let class = match variant {
        Some(variant) => format!("nhsuk-button nhsuk-button--{variant}"),
        None => "nhsuk-button".to_string(),
    };
    view! { <button class=class type="submit" data-module="nhsuk-button">{label}</button> }
}
