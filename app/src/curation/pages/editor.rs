//! `/contribute/new` and `/contribute/{slug}/edit`: the resource editor,
//! and the lesson editor of a module.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::components::found_or_not_found;
use crate::curation::contribution::{
    EditorData, LessonEditorData, QuestionEditor, QuestionSummary,
};
use crate::curation::contribution_server::{contribution_editor, lesson_editor};
use crate::curation::question_draft::{ANSWER_FIELDS, KNOWLEDGE_CHECK_FIELD};
use crate::forms::{
    field_messages, with_form_state, CheckboxGroup, MarkdownField, PostForm, PreviewButton,
    RadioGroup, SelectField, TextArea, TextField,
};
use crate::resources::questions::{MAX_ANSWERS, MAX_QUESTIONS_PER_LESSON};
use crate::vocabulary::{
    options, Capability, LearningResponse, Level, ResourceKind, Sector, Topic,
};

/// `/contribute/new`.
#[component]
pub fn NewContributionPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| contribution_editor(None));
    view! {
        <Title text="Propose a resource" />
        <h1 class="nhsuk-heading-l">"Propose a resource"</h1>
        <p>"Save a draft as often as you like. A curator reviews it when you submit it, and may ask for changes before publishing it."</p>
        {found_or_not_found(data, |data| view! { <EditorForm data /> })}
    }
}

/// `/contribute/{slug}/edit`.
#[component]
pub fn EditContributionPage() -> impl IntoView {
    let params = use_params_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
    let data = Resource::new(slug, |slug| contribution_editor(Some(slug)));
    view! {
        <Title text="Edit a resource" />
        {found_or_not_found(data, |data| {
            let slug = data.slug.clone().unwrap_or_default();
            view! {
                <a class="nhsuk-back-link" href=format!("/contribute/{slug}")>"Back to the resource"</a>
                <h1 class="nhsuk-heading-l">"Edit: " {data.value("title")}</h1>
                <EditorForm data />
            }
        })}
    }
}

#[component]
fn EditorForm(data: EditorData) -> impl IntoView {
    if let Some(reason) = data.locked.clone() {
        return view! { <p class="nhsuk-body">{reason}</p> }.into_any();
    }
    let action = match &data.slug {
        Some(slug) => format!("/contribute/{slug}/edit"),
        None => "/contribute/new".to_string(),
    };
    let lessons = data.slug.clone().filter(|_| data.value("kind") == "module").map(|slug| {
        let titles = data.lessons.clone();
        view! {
            <h2 class="nhsuk-heading-m">"Lessons"</h2>
            {if titles.is_empty() {
                view! { <p>"This module has no lessons yet."</p> }.into_any()
            } else {
                view! {
                    <ol class="nhsuk-list nhsuk-list--number">
                        {titles.into_iter().enumerate().map(|(index, title)| view! {
                            <li><a href=format!("/contribute/{slug}/lessons/{}", index + 1)>{title}</a></li>
                        }).collect_view()}
                    </ol>
                }.into_any()
            }}
            <p><a href=format!("/contribute/{slug}/lessons/new")>"Add a lesson"</a></p>
        }
    });
    view! {
        {with_form_state(move || {
            let data = data.clone();
            let value = {
                let data = data.clone();
                move |name: &str| data.value(name)
            };
            view! {
                <PostForm action=action.clone()>
                    <input type="hidden" name="version" value=data.version />
                    <SelectField name="kind" label="Kind of resource" hint="Modules have lessons; toolkits and guides are one page; signposted resources point to another organisation's site." options={options::<ResourceKind>()} value=value("kind") blank="Choose a kind" />
                    <TextField name="title" label="Title" value=value("title") />
                    <TextArea name="summary" label="Summary" hint="One or two sentences shown in search results, up to 600 characters." value=value("summary") rows=3 />
                    <SelectField name="provider" label="Provided by" options=data.providers.clone() value=value("provider") blank="Choose an organisation" />
                    <CheckboxGroup name="sector" error_name="sectors" legend="Sectors it is for" options={options::<Sector>()} checked=data.values_of("sector") />
                    <CheckboxGroup name="topic" error_name="topics" legend="Topics (optional)" options={options::<Topic>()} checked=data.values_of("topic") />
                    <CheckboxGroup name="capability" error_name="capabilities" legend="Capability domains (optional)" hint="Which parts of the capability framework for investigators this helps someone develop. Members' self-assessments recommend resources by these." options={options::<Capability>()} checked=data.values_of("capability") />
                    <CheckboxGroup name="response" error_name="responses" legend="Learning responses it supports (optional)" options={options::<LearningResponse>()} checked=data.values_of("response") />
                    <SelectField name="level" label="Level" hint="Foundation: awareness. Practitioner: conducting learning responses. Expert: leading complex investigations." options={options::<Level>()} value=value("level") blank="Choose a level" />
                    <TextField name="audience" label="Who it is for (optional)" hint="For example, Patient safety specialists in primary care" value=value("audience") />
                    <TextField name="minutes" label="Time to complete, in minutes" width="nhsuk-input--width-4" value=value("minutes") />
                    <TextField name="cpd_hours" label="CPD hours (optional)" width="nhsuk-input--width-4" value=value("cpd_hours") />
                    <TextField name="pass_mark" label="Knowledge check pass mark (%)" hint="Modules only: the share of the module's knowledge-check questions a member must answer right to complete it. Leave blank for 70." width="nhsuk-input--width-4" value=value("pass_mark") />
                    <TextField name="external_url" label="Web address (signposted resources)" hint="Where the resource lives if another organisation publishes it, starting https://" value=value("external_url") />
                    <TextField name="reviewed_on" label="Last reviewed" hint="For example, 2026-11-21" input_type="date" width="nhsuk-input--width-10" value=value("reviewed_on") />
                    <TextField name="review_by" label="Review by" hint="When it should next be checked, for example 2027-11-21" input_type="date" width="nhsuk-input--width-10" value=value("review_by") />
                    <MarkdownField name="body" label="Content" hint="Markdown: ## for headings, - for lists, [text](https://…) for links. Scripts and styles are removed." value=value("body") preview_html=data.preview_html.clone() />
                    <TextField name="note" label="What you changed (optional)" hint="Kept with this version in its history." value=String::new() />
                    <div class="nhsuk-button-group">
                        <button class="nhsuk-button" type="submit" name="action" value="save" data-module="nhsuk-button">"Save draft"</button>
                        <PreviewButton />
                    </div>
                </PostForm>
            }
        })}
        {lessons}
    }
    .into_any()
}

/// `/contribute/{slug}/lessons/new` and `/contribute/{slug}/lessons/{n}`;
/// `?question=new` or `?question=N` edits one of the lesson's
/// knowledge-check questions on the same route (each route costs the main
/// module bytes).
#[component]
pub fn LessonEditorPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let key = move || {
        let params = params.read();
        (
            params.get("slug").unwrap_or_default(),
            // A position that is not a number finds no lesson (404).
            params
                .get("position")
                .map(|n| n.parse::<u32>().unwrap_or(0)),
            query.read().get("question"),
        )
    };
    let data = Resource::new(key, |(slug, position, question)| {
        lesson_editor(slug, position, question)
    });
    view! {
        {found_or_not_found(data, |data| match (data.question.clone(), data.position) {
            (Some(question), Some(lesson)) => view! {
                <Title text="Edit a knowledge-check question" />
                <QuestionForm data lesson question />
            }
            .into_any(),
            _ => view! {
                <Title text="Edit a lesson" />
                <LessonForm data />
            }
            .into_any(),
        })}
    }
}

#[component]
fn LessonForm(data: LessonEditorData) -> impl IntoView {
    let LessonEditorData {
        slug,
        resource_title,
        position,
        title,
        body,
        preview_html,
        version,
        questions,
        question: _,
    } = data;
    let heading = match position {
        Some(n) => format!("Lesson {n}"),
        None => "New lesson".to_string(),
    };
    let action = match position {
        Some(n) => format!("/contribute/{slug}/lessons/{n}"),
        None => format!("/contribute/{slug}/lessons/new"),
    };
    let back = format!("/contribute/{slug}/edit");
    view! {
        <a class="nhsuk-back-link" href=back>"Back to the module"</a>
        <span class="nhsuk-caption-l">{resource_title}</span>
        <h1 class="nhsuk-heading-l">{heading}</h1>
        {with_form_state(move || {
            let action = action.clone();
            let (title, body, preview_html) = (title.clone(), body.clone(), preview_html.clone());
            let (slug, questions) = (slug.clone(), questions.clone());
            view! {
                <PostForm action=action>
                    <input type="hidden" name="version" value=version />
                    <TextField name="title" label="Lesson title" value=title />
                    <MarkdownField name="body" label="Lesson content" hint="Markdown, as for the module's content." value=body preview_html=preview_html />
                    <div class="nhsuk-button-group">
                        <button class="nhsuk-button" type="submit" name="action" value="save" data-module="nhsuk-button">"Save lesson"</button>
                        <PreviewButton />
                        {position.map(|_| view! {
                            <button class="nhsuk-button nhsuk-button--warning" type="submit" name="action" value="delete" data-module="nhsuk-button">"Delete lesson"</button>
                        })}
                    </div>
                </PostForm>
                <KnowledgeCheck slug position questions />
            }
        })}
    }
}

/// The lesson's knowledge check on its editor: each question with a link
/// to change it, and a link to add one while there is room.
#[component]
fn KnowledgeCheck(
    slug: String,
    position: Option<u32>,
    questions: Vec<QuestionSummary>,
) -> impl IntoView {
    let (_, _, messages) = field_messages(KNOWLEDGE_CHECK_FIELD, None);
    let content = match position {
        None => view! { <p>"Save the lesson first, then add its knowledge check."</p> }.into_any(),
        Some(n) => {
            let lesson_page = format!("/contribute/{slug}/lessons/{n}");
            let list = if questions.is_empty() {
                view! { <p>"This lesson has no questions yet."</p> }.into_any()
            } else {
                let lesson_page = lesson_page.clone();
                view! {
                    <ol class="nhsuk-list nhsuk-list--number" data-testid="questions">
                        {questions.iter().enumerate().map(|(index, question)| {
                            let number = index + 1;
                            let answers = match question.answers {
                                1 => "1 answer".to_string(),
                                count => format!("{count} answers"),
                            };
                            view! {
                                <li>
                                    <span class="hub-preserve-lines">{question.prompt.clone()}</span>
                                    " (" {answers} ") "
                                    <a href=format!("{lesson_page}?question={number}")>
                                        "Change" <span class="nhsuk-u-visually-hidden">{format!(" question {number}")}</span>
                                    </a>
                                </li>
                            }
                        }).collect_view()}
                    </ol>
                }
                .into_any()
            };
            let add = if questions.len() < MAX_QUESTIONS_PER_LESSON {
                view! { <p><a href=format!("{lesson_page}?question=new")>"Add a question"</a></p> }
                    .into_any()
            } else {
                view! { <p>{format!("A lesson has at most {MAX_QUESTIONS_PER_LESSON} questions: change or delete one to make room for another.")}</p> }.into_any()
            };
            view! { {list} {add} }.into_any()
        }
    };
    view! {
        <section aria-labelledby=KNOWLEDGE_CHECK_FIELD>
            <h2 class="nhsuk-heading-m" id=KNOWLEDGE_CHECK_FIELD tabindex="-1">"Knowledge check"</h2>
            {messages}
            <p>"Members answer these questions at the end of the lesson and see the feedback for the answer they chose. The module's pass mark applies across the questions of all its lessons."</p>
            {content}
        </section>
    }
}

/// The labels of each answer slot's fields, in the order of
/// [`ANSWER_FIELDS`]: (answer, feedback). Two answers are needed; the
/// others are optional, marked in the label as elsewhere in the editor.
const ANSWER_LABELS: [(&str, &str); MAX_ANSWERS] = [
    ("Answer 1", "Feedback for answer 1"),
    ("Answer 2", "Feedback for answer 2"),
    ("Answer 3 (optional)", "Feedback for answer 3"),
    ("Answer 4 (optional)", "Feedback for answer 4"),
];

const FEEDBACK_HINT: &str =
    "What someone who chooses this answer should learn. They see it after answering.";

/// One knowledge-check question of lesson `lesson`: its prompt, up to four
/// answers each with its feedback, and which answer is right.
#[component]
fn QuestionForm(data: LessonEditorData, lesson: u32, question: QuestionEditor) -> impl IntoView {
    let LessonEditorData {
        slug,
        resource_title,
        version,
        ..
    } = data;
    let lesson_page = format!("/contribute/{slug}/lessons/{lesson}");
    let chosen = match question.number {
        Some(n) => n.to_string(),
        None => "new".to_string(),
    };
    let heading = match question.number {
        Some(n) => format!("Lesson {lesson}: question {n}"),
        None => format!("Lesson {lesson}: new question"),
    };
    let is_saved = question.number.is_some();
    let action = format!("{lesson_page}?question={chosen}");
    let back = view! { <a class="nhsuk-back-link" href=lesson_page>{format!("Back to lesson {lesson}")}</a> };
    let correct_options: Vec<(String, String)> = (1..=MAX_ANSWERS)
        .map(|n| (n.to_string(), format!("Answer {n}")))
        .collect();
    view! {
        {back}
        <span class="nhsuk-caption-l">{resource_title}</span>
        <h1 class="nhsuk-heading-l">{heading}</h1>
        {with_form_state(move || {
            let (action, chosen) = (action.clone(), chosen.clone());
            let correct_options = correct_options.clone();
            let question = question.clone();
            let value = move |name: &str| question.value(name);
            view! {
                <PostForm action=action>
                    <input type="hidden" name="version" value=version />
                    <input type="hidden" name="question" value=chosen />
                    <TextArea name="prompt" label="Question" value=value("prompt") rows=3 />
                    {ANSWER_FIELDS.into_iter().zip(ANSWER_LABELS).map(|((answer_field, feedback_field), (answer_label, feedback_label))| view! {
                        <TextField name=answer_field label=answer_label value=value(answer_field) />
                        <TextArea name=feedback_field label=feedback_label hint=FEEDBACK_HINT value=value(feedback_field) rows=3 />
                    }).collect_view()}
                    <RadioGroup name="correct" legend="Which answer is right?" options=correct_options value=value("correct") />
                    <div class="nhsuk-button-group">
                        <button class="nhsuk-button" type="submit" name="action" value="save" data-module="nhsuk-button">"Save question"</button>
                        {is_saved.then(|| view! {
                            <button class="nhsuk-button nhsuk-button--warning" type="submit" name="action" value="delete" data-module="nhsuk-button">"Delete question"</button>
                        })}
                    </div>
                </PostForm>
            }
        })}
    }
}
