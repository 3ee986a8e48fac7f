//! Form building blocks in the NHS.UK pattern: an error summary at the top,
//! each message beside its field, values kept after a failed post. Forms
//! post to plain handlers, so they work without JavaScript.

use leptos::context::Provider;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use serde::{Deserialize, Serialize};

use crate::components::ErrorSummary;

pub use crate::web::feedback::{FieldError, FieldErrors, FormFeedback};

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

/// Gives the fields rendered after it (on the server, outside
/// [`with_form_state`]) the CSRF token and a failed post's feedback.
#[cfg(feature = "ssr")]
pub fn provide_form_state(state: FormState) {
    provide_context(CsrfToken(state.csrf_token));
    provide_context(state.feedback);
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
    let (error, described_by, messages) = field_messages(name, hint);
    let has_error = error.is_some();
    let value = if input_type == "password" {
        None
    } else {
        kept_value(name, value)
    };
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
            {messages}
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

/// A hidden field that keeps what was posted when the page is shown again
/// after a refusal (so where a form came from is not lost).
#[component]
pub fn HiddenField(name: &'static str, #[prop(into)] value: String) -> impl IntoView {
    let value = kept_value(name, Some(value)).unwrap_or_default();
    view! { <input type="hidden" name=name value=value /> }
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

/// The error message and `aria-describedby` of a field, NHS.UK style.
pub(crate) fn field_messages(
    name: &str,
    hint: Option<&'static str>,
) -> (Option<String>, Option<String>, impl IntoView) {
    let feedback = use_context::<FormFeedback>().unwrap_or_default();
    let error = feedback.error_for(name);
    let hint_id = hint.map(|_| format!("{name}-hint"));
    let error_id = error.as_ref().map(|_| format!("{name}-error"));
    let described_by = [hint_id.clone(), error_id.clone()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    let described_by = (!described_by.is_empty()).then_some(described_by);
    let messages = view! {
        {hint.map(|hint| view! { <div class="nhsuk-hint" id=hint_id.clone()>{hint}</div> })}
        {error.clone().map(|message| view! {
            <span class="nhsuk-error-message" id=error_id.clone()>
                <span class="nhsuk-u-visually-hidden">"Error: "</span>
                {message}
            </span>
        })}
    };
    (error, described_by, messages)
}

/// The value a field shows: what was just posted, else `initial`.
pub(crate) fn kept_value(name: &str, initial: Option<String>) -> Option<String> {
    use_context::<FormFeedback>()
        .and_then(|feedback| feedback.value_for(name))
        .or(initial)
}

/// A labelled multi-line text box.
#[component]
pub fn TextArea(
    name: &'static str,
    label: &'static str,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(optional, into)] value: Option<String>,
    #[prop(default = 5)] rows: u32,
) -> impl IntoView {
    let (error, described_by, messages) = field_messages(name, hint);
    // Leptos writes a textarea's text raw on the server (see `raw_text`).
    let value = crate::raw_text::escaped_on_server(kept_value(name, value).unwrap_or_default());
    view! {
        <div class="nhsuk-form-group" class:nhsuk-form-group--error=error.is_some()>
            <label class="nhsuk-label" for=name>{label}</label>
            {messages}
            <textarea
                class="nhsuk-textarea"
                class:nhsuk-textarea--error=error.is_some()
                id=name
                name=name
                rows=rows
                aria-describedby=described_by
            >{value}</textarea>
        </div>
    }
}

/// A labelled drop-down. `options` are (value, label); `blank` adds a
/// first option with no value.
#[component]
pub fn SelectField(
    name: &'static str,
    label: &'static str,
    options: Vec<(String, String)>,
    #[prop(optional, into)] value: Option<String>,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(optional)] blank: Option<&'static str>,
) -> impl IntoView {
    let (error, described_by, messages) = field_messages(name, hint);
    let selected = kept_value(name, value).unwrap_or_default();
    view! {
        <div class="nhsuk-form-group" class:nhsuk-form-group--error=error.is_some()>
            <label class="nhsuk-label" for=name>{label}</label>
            {messages}
            <select
                class="nhsuk-select"
                class:nhsuk-select--error=error.is_some()
                id=name
                name=name
                aria-describedby=described_by
            >
                {blank.map(|text| view! { <option value="" selected=selected.is_empty()>{text}</option> })}
                {options.into_iter().map(|(option, text)| {
                    let is_selected = option == selected;
                    view! { <option value=option selected=is_selected>{text}</option> }
                }).collect_view()}
            </select>
        </div>
    }
}

/// Checkboxes or radio buttons sharing one `name`, in a fieldset with its
/// legend and messages (filed under `error_name`, which the first input
/// takes as its id so the error summary can link to it).
fn choices(
    kind: &'static str,
    name: &'static str,
    error_name: &'static str,
    legend: &'static str,
    hint: Option<&'static str>,
    options: Vec<(String, String)>,
    chosen: Vec<String>,
) -> impl IntoView {
    let (error, described_by, messages) = field_messages(error_name, hint);
    let (group_class, item_class) = match kind {
        "radio" => ("nhsuk-radios", "nhsuk-radios"),
        _ => (
            "nhsuk-checkboxes nhsuk-checkboxes--small",
            "nhsuk-checkboxes",
        ),
    };
    view! {
        <div class="nhsuk-form-group" class:nhsuk-form-group--error=error.is_some()>
            <fieldset class="nhsuk-fieldset" aria-describedby=described_by>
                <legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">{legend}</legend>
                {messages}
                <div class=group_class>
                    {options.into_iter().enumerate().map(|(index, (value, label))| {
                        let id = if index == 0 { error_name.to_string() } else { format!("{name}-{value}") };
                        let is_chosen = chosen.contains(&value);
                        view! {
                            <div class=format!("{item_class}__item")>
                                <input class=format!("{item_class}__input") id=id.clone() name=name type=kind value=value checked=is_chosen />
                                <label class=format!("nhsuk-label {item_class}__label") for=id>{label}</label>
                            </div>
                        }
                    }).collect_view()}
                </div>
            </fieldset>
        </div>
    }
}

/// A group of checkboxes sharing one `name`. After a failed post the boxes
/// show what was sent (possibly none), else `checked`.
#[component]
pub fn CheckboxGroup(
    name: &'static str,
    error_name: &'static str,
    legend: &'static str,
    options: Vec<(String, String)>,
    #[prop(optional)] checked: Vec<String>,
    #[prop(optional)] hint: Option<&'static str>,
) -> impl IntoView {
    let feedback = use_context::<FormFeedback>().unwrap_or_default();
    let checked = if feedback.values.is_empty() {
        checked
    } else {
        feedback.values_for(name)
    };
    choices("checkbox", name, error_name, legend, hint, options, checked)
}

/// Radio buttons sharing one `name`; the first takes `name` as its id.
#[component]
pub fn RadioGroup(
    name: &'static str,
    legend: &'static str,
    options: Vec<(String, String)>,
    #[prop(optional, into)] value: Option<String>,
) -> impl IntoView {
    let selected = kept_value(name, value).into_iter().collect();
    choices("radio", name, name, legend, None, options, selected)
}

/// With JavaScript, choosing a filter or sort applies it at once.
#[allow(unused_variables)]
pub fn submit_enclosing_form(event: leptos::ev::Event) {
    #[cfg(feature = "hydrate")]
    {
        use leptos::wasm_bindgen::JsCast;
        let form = event.target().and_then(|target| {
            if let Some(input) = target.dyn_ref::<web_sys::HtmlInputElement>() {
                input.form()
            } else {
                target
                    .dyn_ref::<web_sys::HtmlSelectElement>()
                    .and_then(web_sys::HtmlSelectElement::form)
            }
        });
        if let Some(form) = form {
            let _ = form.request_submit();
        }
    }
}

/// The CSRF token for this session (starting one if needed) and the
/// feedback of a failed post being shown again.
#[server(input = GetUrl)]
pub async fn load_form_state() -> Result<FormState, ServerFnError> {
    let viewer = crate::web::access::require(crate::web::access::Access::Public)?;
    // Read before the first `await`: the request's context may be gone
    // after one.
    let feedback = use_context::<FormFeedback>().unwrap_or_default();
    let csrf_token = crate::web::csrf::ensure_token(&viewer.session)
        .await
        .map_err(crate::db::internal_error)?;
    Ok(FormState {
        csrf_token,
        feedback,
    })
}

/// The longest Markdown text the hub takes (a resource's content, a
/// preview); every editor's limit is this one.
pub const MAX_MARKDOWN_CHARS: usize = 60_000;

/// Markdown as the published page will show it: the editors' live preview.
/// Posted (the text can be long) with the form's CSRF token in the body,
/// which the CSRF layer checks like any form's.
#[server]
pub async fn preview_markdown(csrf_token: String, text: String) -> Result<String, ServerFnError> {
    let _ = csrf_token;
    crate::web::access::require(crate::web::access::Access::SignedIn)?;
    if text.chars().count() > MAX_MARKDOWN_CHARS {
        crate::response::set_status(413);
        return Err(ServerFnError::new("The text is too long to preview"));
    }
    Ok(crate::markdown::render(&text))
}

/// A Markdown text box with its preview below. Without JavaScript the
/// form's [`PreviewButton`] posts it back (the handler shows the page again,
/// unsaved, with the preview); with it, the preview follows typing.
#[component]
pub fn MarkdownField(
    name: &'static str,
    label: &'static str,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(into)] value: String,
    /// The server's rendering of `value`.
    #[prop(into)]
    preview_html: String,
    #[prop(default = 14)] rows: u32,
) -> impl IntoView {
    let (error, described_by, messages) = field_messages(name, hint);
    let value =
        crate::raw_text::escaped_on_server(kept_value(name, Some(value)).unwrap_or_default());
    let token = use_context::<CsrfToken>()
        .map(|token| token.0)
        .unwrap_or_default();
    let (preview, set_preview) = signal(preview_html);
    let pending = StoredValue::new(None::<TimeoutHandle>);
    // Waits for a pause in typing, so a long text is not sent on every key.
    let on_input = move |event: leptos::ev::Event| {
        let text = event_target_value(&event);
        if let Some(handle) = pending.get_value() {
            handle.clear();
        }
        let token = token.clone();
        let handle = set_timeout_with_handle(
            move || {
                leptos::task::spawn_local(async move {
                    if let Ok(html) = preview_markdown(token, text).await {
                        set_preview.set(html);
                    }
                });
            },
            std::time::Duration::from_millis(300),
        )
        .ok();
        pending.set_value(handle);
    };
    let heading_id = format!("{name}-preview-heading");
    let labelled_by = heading_id.clone();
    view! {
        <div class="nhsuk-form-group" class:nhsuk-form-group--error=error.is_some()>
            <label class="nhsuk-label" for=name>{label}</label>
            {messages}
            <textarea
                class="nhsuk-textarea hub-markdown-input"
                class:nhsuk-textarea--error=error.is_some()
                id=name
                name=name
                rows=rows
                aria-describedby=described_by
                on:input=on_input
            >{value}</textarea>
        </div>
        <section class="hub-preview" aria-labelledby=labelled_by>
            <h2 class="nhsuk-heading-s" id=heading_id>"Preview"</h2>
            <div class="hub-preview__body" data-testid="markdown-preview" inner_html=move || preview.get()></div>
        </section>
    }
}

/// The no-JavaScript way to refresh a [`MarkdownField`]'s preview: place it
/// after the form's main button, which Enter in a text field then presses.
#[component]
pub fn PreviewButton() -> impl IntoView {
    view! {
        <button class="nhsuk-button nhsuk-button--secondary" type="submit" name="action" value="preview" data-module="nhsuk-button">
            "Update preview"
        </button>
    }
}
