//! The tool's forms: read as the server reads them (the same serde
//! structs), and refusals shown as the server's pages show them.

use serde::de::DeserializeOwned;
use wasm_bindgen::JsCast;
use web_sys::{Element, FormData, HtmlElement, HtmlFormElement, UrlSearchParams};

use super::page::{by_id, set_text};
use crate::forms::FieldErrors;
use leptos::prelude::document;

/// A form's fields read as the server reads them (the same serde struct).
/// Control characters are dropped, as the server drops them from a form
/// (`controls`).
pub(super) fn read_form<T: DeserializeOwned>(form: &HtmlFormElement) -> Option<T> {
    use crate::controls::without_controls;
    let data = FormData::new_with_form(form).ok()?;
    let pairs = String::from(
        UrlSearchParams::new_with_str_sequence_sequence(&data)
            .ok()?
            .to_string(),
    );
    let cleaned = form_urlencoded::Serializer::new(String::new())
        .extend_pairs(
            form_urlencoded::parse(pairs.as_bytes()).map(|(name, value)| {
                (
                    without_controls(&name).into_owned(),
                    without_controls(&value).into_owned(),
                )
            }),
        )
        .finish();
    serde_html_form::from_str(&cleaned).ok()
}

/// The error summary at the top of a form, and each message beside its
/// field, as the server's pages show them (`forms`): in the field's
/// group, before the control or the group of choices, which it describes.
pub(super) fn show_errors(form: &HtmlFormElement, summary_id: &str, errors: &FieldErrors) {
    let Some(summary) = by_id::<Element>(summary_id) else {
        return;
    };
    let html = |tag: &str, class: &str| {
        let element = document().create_element(tag).ok()?;
        element.set_class_name(class);
        Some(element)
    };
    let (Some(panel), Some(title), Some(body), Some(list)) = (
        html("div", "nhsuk-error-summary"),
        html("h2", "nhsuk-error-summary__title"),
        html("div", "nhsuk-error-summary__body"),
        html("ul", "nhsuk-list nhsuk-error-summary__list"),
    ) else {
        return;
    };
    let title_id = format!("{summary_id}-title");
    title.set_id(&title_id);
    title.set_text_content(Some("There is a problem"));
    let _ = panel.set_attribute("aria-labelledby", &title_id);
    let _ = panel.set_attribute("role", "alert");
    let _ = panel.set_attribute("tabindex", "-1");
    let _ = panel.append_child(&title);
    let _ = body.append_child(&list);
    let _ = panel.append_child(&body);
    for (field, message) in errors {
        if let (Some(item), Some(link)) = (html("li", ""), html("a", "")) {
            let _ = link.set_attribute("href", &format!("#{field}"));
            link.set_text_content(Some(message));
            let _ = item.append_child(&link);
            let _ = list.append_child(&item);
        }
        let Ok(Some(mut input)) = form.query_selector(&format!("#{field}, [name={field}]")) else {
            continue;
        };
        let mut before = input.clone();
        if let Ok(Some(group)) = input.closest(".nhsuk-form-group") {
            let _ = group.class_list().add_1("nhsuk-form-group--error");
            // A group of choices: the message goes before them all and
            // describes their fieldset.
            if let (Ok(Some(choices)), Ok(Some(fieldset))) = (
                group.query_selector(".nhsuk-radios, .nhsuk-checkboxes"),
                group.query_selector("fieldset"),
            ) {
                before = choices;
                input = fieldset;
            }
        }
        if let Some(class) = ["nhsuk-input", "nhsuk-select", "nhsuk-textarea"]
            .into_iter()
            .find(|class| input.class_list().contains(class))
        {
            let _ = input.class_list().add_1(&format!("{class}--error"));
        }
        let error_id = format!("{field}-error");
        if let (Some(span), Some(hidden)) = (
            html("span", "nhsuk-error-message"),
            html("span", "nhsuk-u-visually-hidden"),
        ) {
            span.set_id(&error_id);
            let _ = span.set_attribute("data-local-error", "");
            hidden.set_text_content(Some("Error: "));
            let _ = span.append_child(&hidden);
            let _ = span.append_with_str_1(message);
            let _ = before.before_with_node_1(&span);
        }
        let described = input.get_attribute("aria-describedby").unwrap_or_default();
        let _ = input.set_attribute("aria-describedby", format!("{described} {error_id}").trim());
    }
    let _ = summary.append_child(&panel);
    let title = document().title();
    if !title.starts_with("Error: ") {
        document().set_title(&format!("Error: {title}"));
    }
    if let Ok(panel) = panel.dyn_into::<HtmlElement>() {
        let _ = panel.focus();
    }
}

/// The page's title without the "Error: " a refusal put before it.
pub(super) fn plain_title() {
    let title = document().title();
    if let Some(plain) = title.strip_prefix("Error: ") {
        document().set_title(plain);
    }
}

pub(super) fn clear_errors(form: &HtmlFormElement, summary_id: &str) {
    set_text(summary_id, "");
    plain_title();
    for class in [
        "nhsuk-input--error",
        "nhsuk-select--error",
        "nhsuk-textarea--error",
    ] {
        let Ok(marked) = form.query_selector_all(&format!(".{class}")) else {
            continue;
        };
        for index in 0..marked.length() {
            if let Some(element) = marked.get(index).and_then(|m| m.dyn_into::<Element>().ok()) {
                let _ = element.class_list().remove_1(class);
            }
        }
    }
    let Ok(messages) = form.query_selector_all("[data-local-error]") else {
        return;
    };
    for index in 0..messages.length() {
        let Some(message) = messages
            .get(index)
            .and_then(|m| m.dyn_into::<Element>().ok())
        else {
            continue;
        };
        if let Ok(Some(group)) = message.closest(".nhsuk-form-group") {
            let _ = group.class_list().remove_1("nhsuk-form-group--error");
        }
        let id = message.id();
        if let Ok(Some(input)) = form.query_selector(&format!("[aria-describedby~=\"{id}\"]")) {
            let described = input.get_attribute("aria-describedby").unwrap_or_default();
            let kept: Vec<&str> = described
                .split_whitespace()
                .filter(|word| *word != id)
                .collect();
            let _ = if kept.is_empty() {
                input.remove_attribute("aria-describedby")
            } else {
                input.set_attribute("aria-describedby", &kept.join(" "))
            };
        }
        message.remove();
    }
}
