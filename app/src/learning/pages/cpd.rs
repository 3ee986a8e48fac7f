//! `/account/learning/cpd/new` and `/account/learning/cpd/{id}`: a CPD
//! entry, with the reflection prompts What? So what? Now what?

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::components::{found_or_not_found, Breadcrumbs};
use crate::forms::{
    with_form_state, CheckboxGroup, PostForm, SelectField, SubmitButton, TextArea, TextField,
};
use crate::learning::cpd::{hours_as_typed, CpdEntry, ACTIVITIES};
use crate::learning::server::load_cpd_entry;

fn frame(title: &'static str, content: impl IntoView + 'static) -> impl IntoView {
    view! {
        <Title text=title />
        <Breadcrumbs trail=crate::learning::learning_trail() />
        <div class="nhsuk-grid-row">
            <div class="nhsuk-grid-column-two-thirds">
                <h1 class="nhsuk-heading-l">{title}</h1>
                {content}
            </div>
        </div>
    }
}

/// The entry's fields; `entry` fills them when changing one.
fn fields(entry: Option<CpdEntry>) -> impl IntoView {
    let done_on = entry
        .as_ref()
        .map(|entry| entry.done_on.iso())
        .unwrap_or_default();
    let hours = entry
        .as_ref()
        .map(|entry| hours_as_typed(entry.minutes))
        .unwrap_or_default();
    let (title, activity, what, so_what, now_what) = entry
        .map(|entry| {
            (
                entry.title,
                entry.activity,
                entry.what,
                entry.so_what,
                entry.now_what,
            )
        })
        .unwrap_or_default();
    let activities: Vec<(String, String)> = ACTIVITIES
        .iter()
        .map(|(slug, label)| (slug.to_string(), label.to_string()))
        .collect();
    view! {
        <TextField name="title" label="What did you do?" hint="For example, the title of a course, an article or an investigation you led. Do not include anything that could identify a patient, a family or a member of staff." value=title />
        <TextField name="done_on" label="Date you did it" input_type="date" hint="Today or earlier" value=done_on width="nhsuk-input--width-10" />
        <TextField name="hours" label="Hours" hint="How long it took, for example 1.5 (up to 100 for one entry)" value=hours width="nhsuk-input--width-4" />
        <SelectField name="activity" label="Type of activity" options=activities value=activity blank="Select a type" />
        <fieldset class="nhsuk-fieldset">
            <legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--m">"Reflection (optional)"</legend>
            <div class="nhsuk-hint">"Up to 2,000 characters for each answer."</div>
            <TextArea name="what" label="What? What happened, and what did you learn?" value=what rows=4 />
            <TextArea name="so_what" label="So what? Why does it matter for your practice?" value=so_what rows=4 />
            <TextArea name="now_what" label="Now what? What will you do differently?" value=now_what rows=4 />
        </fieldset>
    }
}

/// `/account/learning/cpd/new`.
#[component]
pub fn NewCpdEntryPage() -> impl IntoView {
    frame(
        "Add a CPD entry",
        with_form_state(|| {
            view! {
                <PostForm action="/account/learning/cpd/new">
                    {fields(None)}
                    <SubmitButton label="Save entry" />
                </PostForm>
            }
        }),
    )
}

/// `/account/learning/cpd/{id}`: change or delete an entry.
#[component]
pub fn CpdEntryPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.with(|map| map.get("id").and_then(|id| crate::addresses::row_id(&id)));
    let entry = Resource::new(id, |id| async move {
        match id {
            Some(id) => load_cpd_entry(id).await,
            None => Ok(None),
        }
    });
    view! {
        {found_or_not_found(entry, |entry| {
            let id = entry.id;
            let from_module = entry.module.clone();
            frame(
                "Change a CPD entry",
                view! {
                    {from_module.map(|slug| view! {
                        <p>"Completing a module made this entry: " <a href=format!("/resources/{slug}")>"go to the module"</a> ". You can add a reflection or change it."</p>
                    })}
                    {with_form_state(move || {
                        let entry = entry.clone();
                        view! {
                            <PostForm action=format!("/account/learning/cpd/{id}")>
                                {fields(Some(entry))}
                                <SubmitButton label="Save changes" />
                            </PostForm>
                            <h2 class="nhsuk-heading-m">"Delete this entry"</h2>
                            <PostForm action=format!("/account/learning/cpd/{id}/delete")>
                                <CheckboxGroup name="confirm" error_name="confirm" legend="Are you sure?" options=vec![("yes".to_string(), "Yes, delete this entry. This cannot be undone.".to_string())] />
                                <SubmitButton label="Delete entry" variant="warning" />
                            </PostForm>
                        }
                    })}
                },
            )
        })}
    }
}
