//! `/contribute/{slug}`: a resource in review — its stage, the curator's
//! feedback, possible duplicates, the content (a module's lessons with
//! their knowledge checks), the steps the viewer may take and the record
//! of every change of stage.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::components::found_or_not_found;
use crate::curation::contribution::{ContributionOverview, LessonReview, WorkflowEvent};
use crate::curation::contribution_server::get_contribution;
use crate::curation::duplicates::PossibleDuplicate;
use crate::curation::workflow::{Stage, Step};
use crate::forms::{with_form_state, PostForm, TextArea};

/// The NHS.UK tag colour for a stage.
pub fn stage_tag(stage: Stage) -> impl IntoView {
    let colour = match stage {
        Stage::Draft => "nhsuk-tag--grey",
        Stage::Submitted => "nhsuk-tag--blue",
        Stage::ChangesRequested => "nhsuk-tag--orange",
        Stage::Rejected => "nhsuk-tag--red",
        Stage::Published => "nhsuk-tag--green",
        Stage::Unpublished | Stage::Archived => "nhsuk-tag--white",
    };
    view! { <strong class=format!("nhsuk-tag {colour}")>{stage.label()}</strong> }
}

#[component]
pub fn ContributionPage() -> impl IntoView {
    let params = use_params_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
    let data = Resource::new(slug, get_contribution);
    view! {
        <Title text="Resource in review" />
        {found_or_not_found(data, |data| with_form_state(move || view! { <Overview data=data.clone() /> }))}
    }
}

#[component]
fn Overview(data: ContributionOverview) -> impl IntoView {
    let slug = data.slug.clone();
    let feedback = data
        .feedback
        .clone()
        .filter(|_| matches!(data.stage, Stage::ChangesRequested | Stage::Rejected));
    let live = (data.stage == Stage::Published).then(|| {
        view! { <p><a href=format!("/resources/{slug}")>"See it in the catalogue"</a></p> }
    });
    let edit = data.may_edit.then(|| {
        view! { <a class="nhsuk-button nhsuk-button--secondary" href=format!("/contribute/{}/edit", data.slug)>"Edit"</a> }
    });
    view! {
        <a class="nhsuk-back-link" href=if data.is_curator { "/curation/queue" } else { "/contribute" }>
            {if data.is_curator { "Back to the review queue" } else { "Back to your contributions" }}
        </a>
        <span class="nhsuk-caption-l">{data.kind.label()}</span>
        <h1 class="nhsuk-heading-l">{data.title.clone()}</h1>
        <dl class="nhsuk-summary-list" id="workflow" tabindex="-1">
            <div class="nhsuk-summary-list__row">
                <dt class="nhsuk-summary-list__key">"Stage"</dt>
                <dd class="nhsuk-summary-list__value" data-testid="stage">{stage_tag(data.stage)}</dd>
            </div>
            <div class="nhsuk-summary-list__row">
                <dt class="nhsuk-summary-list__key">"Proposed by"</dt>
                <dd class="nhsuk-summary-list__value">{if data.proposer.is_empty() { "The hub".to_string() } else { data.proposer.clone() }}</dd>
            </div>
            <div class="nhsuk-summary-list__row">
                <dt class="nhsuk-summary-list__key">"Versions"</dt>
                <dd class="nhsuk-summary-list__value">
                    {data.version} " " <a href=format!("/contribute/{}/history", data.slug)>"See history and compare versions"</a>
                </dd>
            </div>
        </dl>
        {live}
        {feedback.map(|event| view! { <Feedback event /> })}
        <Duplicates slug=data.slug.clone() found=data.duplicates.clone() is_curator=data.is_curator />
        <Steps slug=data.slug.clone() steps=data.steps.clone() version=data.version />
        {edit}
        <h2 class="nhsuk-heading-m">"Content"</h2>
        <p class="nhsuk-lede-text">{data.summary.clone()}</p>
        <div class="hub-prose" inner_html=data.body_html.clone()></div>
        {(!data.lessons.is_empty()).then(|| view! {
            <h3 class="nhsuk-heading-s">"Lessons"</h3>
            <p data-testid="pass-mark">{format!("Pass mark: {}% of its questions", data.pass_mark)}</p>
            <ol class="nhsuk-list nhsuk-list--number">
                {data.lessons.iter().cloned().map(|lesson| view! { <li><LessonInReview lesson /></li> }).collect_view()}
            </ol>
        })}
        <History events=data.events.clone() />
    }
}

/// A lesson's title and its knowledge check as members will meet it: each
/// question, its answers with the right one named (not by colour alone)
/// and what each answer's feedback says.
#[component]
fn LessonInReview(lesson: LessonReview) -> impl IntoView {
    let LessonReview { title, questions } = lesson;
    let check = if questions.is_empty() {
        view! { <p class="nhsuk-body-s">"No knowledge check."</p> }.into_any()
    } else {
        view! {
            <p class="nhsuk-body-s">"Knowledge check:"</p>
            <ol class="nhsuk-list nhsuk-list--number" data-testid="knowledge-check">
                {questions.into_iter().map(|question| {
                    let correct = question.correct;
                    view! {
                        <li>
                            <p class="nhsuk-u-margin-bottom-2 hub-preserve-lines">{question.prompt}</p>
                            <ul class="nhsuk-list nhsuk-list--bullet">
                                {question.answers.into_iter().enumerate().map(|(index, answer)| view! {
                                    <li>
                                        {answer.text}
                                        {(index == correct).then(|| view! { " " <strong class="nhsuk-tag nhsuk-tag--green">"Right answer"</strong> })}
                                        <br />
                                        <span class="nhsuk-body-s hub-preserve-lines">{format!("Feedback: {}", answer.feedback)}</span>
                                    </li>
                                }).collect_view()}
                            </ul>
                        </li>
                    }
                }).collect_view()}
            </ol>
        }
        .into_any()
    };
    view! {
        {title}
        {check}
    }
}

#[component]
fn Feedback(event: WorkflowEvent) -> impl IntoView {
    view! {
        <div class="nhsuk-inset-text" data-testid="feedback">
            <span class="nhsuk-u-visually-hidden">"Information: "</span>
            <h2 class="nhsuk-heading-s">"From the curator (" {event.who} ", " {event.when} ")"</h2>
            <p class="hub-preserve-lines">{event.note}</p>
        </div>
    }
}

#[component]
fn Duplicates(slug: String, found: Vec<PossibleDuplicate>, is_curator: bool) -> impl IntoView {
    if found.is_empty() {
        return ().into_any();
    }
    view! {
        <section class="nhsuk-card" id="duplicates" aria-labelledby="duplicates-heading">
            <div class="nhsuk-card__content">
                <h2 class="nhsuk-card__heading nhsuk-heading-m" id="duplicates-heading">"Similar resources already in the hub"</h2>
                <p>"Check these before going on: the national picture needs fewer, better resources."</p>
                <ul class="nhsuk-list" data-testid="duplicates">
                    {found.into_iter().map(|candidate| {
                        let action = format!("/contribute/{slug}/duplicates");
                        let link = if candidate.stage == Stage::Published {
                            format!("/resources/{}", candidate.slug)
                        } else {
                            format!("/contribute/{}", candidate.slug)
                        };
                        let shown_title = candidate.title.clone();
                        let percent = candidate.percent();
                        let decisions = is_curator.then(|| {
                            let other = candidate.slug.clone();
                            let can_merge = candidate.stage == Stage::Published;
                            view! {
                                <PostForm action=action.clone()>
                                    <input type="hidden" name="other" value=other />
                                    <div class="nhsuk-button-group">
                                        <button class="nhsuk-button nhsuk-button--secondary nhsuk-button--small" type="submit" name="decision" value="not_duplicate">
                                            "Not a duplicate" <span class="nhsuk-u-visually-hidden">{format!(" of {}", candidate.title)}</span>
                                        </button>
                                        {can_merge.then(|| view! {
                                            <button class="nhsuk-button nhsuk-button--warning nhsuk-button--small" type="submit" name="decision" value="merge">
                                                "Merge into it" <span class="nhsuk-u-visually-hidden">{format!(": archive this and send its address to {}", candidate.title)}</span>
                                            </button>
                                        })}
                                    </div>
                                </PostForm>
                            }
                        });
                        view! {
                            <li class="hub-duplicate">
                                <a href=link>{shown_title}</a>
                                " (" {candidate.kind.label()} ", " {candidate.stage.label().to_lowercase()} ") — "
                                <strong>{format!("{percent}% similar")}</strong>
                                {decisions}
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </div>
        </section>
    }
    .into_any()
}

#[component]
fn Steps(slug: String, steps: Vec<Step>, version: i64) -> impl IntoView {
    if steps.is_empty() {
        return ().into_any();
    }
    let needs_note = steps
        .iter()
        .any(|step| matches!(step, Step::RequestChanges | Step::Reject | Step::Unpublish));
    let action = format!("/contribute/{slug}/workflow");
    view! {
        <h2 class="nhsuk-heading-m">"What next"</h2>
        {
            view! {
                <PostForm action=action>
                    <input type="hidden" name="version" value=version />
                    {needs_note.then(|| view! {
                        <TextArea name="note" label="Feedback for the contributor" hint="Needed to request changes or reject: say what to change, or why. It is kept in the resource's record." rows=4 />
                    })}
                    <div class="nhsuk-button-group">
                        {steps.into_iter().map(|step| {
                            let variant = match step {
                                Step::Publish | Step::Submit => "nhsuk-button",
                                Step::Reject | Step::Archive | Step::Unpublish => "nhsuk-button nhsuk-button--warning",
                                _ => "nhsuk-button nhsuk-button--secondary",
                            };
                            view! {
                                <button class=variant type="submit" name="step" value=step.slug() data-module="nhsuk-button">{step.label()}</button>
                            }
                        }).collect_view()}
                    </div>
                </PostForm>
            }
        }
    }
    .into_any()
}

#[component]
fn History(events: Vec<WorkflowEvent>) -> impl IntoView {
    view! {
        <h2 class="nhsuk-heading-m">"Record"</h2>
        <table class="nhsuk-table">
            <caption class="nhsuk-table__caption nhsuk-u-visually-hidden">"Every change of stage, oldest first"</caption>
            <thead class="nhsuk-table__head">
                <tr>
                    <th scope="col">"What"</th>
                    <th scope="col">"Who"</th>
                    <th scope="col">"When"</th>
                    <th scope="col">"Note"</th>
                </tr>
            </thead>
            <tbody class="nhsuk-table__body">
                {events.into_iter().map(|event| view! {
                    <tr class="nhsuk-table__row">
                        <td class="nhsuk-table__cell">{event.what}</td>
                        <td class="nhsuk-table__cell">{event.who}</td>
                        <td class="nhsuk-table__cell">{event.when}</td>
                        <td class="nhsuk-table__cell hub-preserve-lines">{event.note}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}
