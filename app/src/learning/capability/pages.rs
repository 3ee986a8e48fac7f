//! `/account/capability`: the self-assessment's form (the first time, when
//! taking it again with `?take=again`, or after a refused post) and its
//! results: the gaps with resources to close them, every domain with its
//! history as a small chart, and when it was taken.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::server::load_capability;
use super::types::{
    descriptor, field_names, Assessment, CapabilityRecord, Confidence, Recommendation, Relevance,
};
use crate::components::{Breadcrumbs, Table};
use crate::forms::{field_messages, with_form_state, PostForm, SubmitButton};
use crate::resources::format_minutes;
use crate::vocabulary::Capability;
use crate::web::feedback::FormFeedback;

/// `/account/capability`.
#[component]
pub fn CapabilityPage() -> impl IntoView {
    let query = use_query_map();
    let record = Resource::new(|| (), |_| load_capability());
    view! {
        <Title text="Capability self-assessment" />
        <Breadcrumbs trail=crate::learning::learning_trail() />
        <div class="nhsuk-grid-row">
            <div class="nhsuk-grid-column-two-thirds">
                <h1 class="nhsuk-heading-l">"Capability self-assessment"</h1>
                {with_form_state(move || {
                    // A refused post comes back with what was chosen.
                    let refused = use_context::<FormFeedback>()
                        .is_some_and(|feedback| !feedback.values.is_empty());
                    view! {
                        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
                            {move || {
                                let again = query.with(|query| query.get("take").is_some());
                                Suspend::new(async move {
                                    record.await.map(|record| {
                                        if record.history.is_empty() || again || refused {
                                            assessment_form(record.history.last().cloned()).into_any()
                                        } else {
                                            results(record).into_any()
                                        }
                                    })
                                })
                            }}
                        </Suspense>
                    }
                })}
            </div>
        </div>
    }
}

const PRIVATE: &str = "Your answers are private: no one else can see them, not even administrators. Only counts across many members may ever leave your account, to show where investigators most need support, and never for a group of fewer than 10 members.";

/// The eight domains, each with its two questions; `previous` (the latest
/// take) chooses the answers at first.
fn assessment_form(previous: Option<Assessment>) -> impl IntoView {
    let domains = Capability::ALL
        .iter()
        .enumerate()
        .map(|(index, &domain)| {
            let (confidence_field, relevance_field) = field_names(domain);
            let earlier = previous.as_ref().and_then(|take| take.rating(domain));
            let name = domain.label().to_lowercase();
            let confidence: Vec<Choice> = Confidence::ALL
                .into_iter()
                .map(|confidence| Choice {
                    value: confidence.slug(),
                    label: confidence.label(),
                    hint: confidence.level().map(|level| descriptor(domain, level)),
                })
                .collect();
            let relevance: Vec<Choice> = Relevance::ALL
                .into_iter()
                .map(|relevance| Choice {
                    value: relevance.slug(),
                    label: relevance.label(),
                    hint: None,
                })
                .collect();
            view! {
                <h2 class="nhsuk-heading-m">{format!("{}. {}", index + 1, domain.label())}</h2>
                <Radios
                    name=confidence_field
                    legend=format!("How confident are you in {name}?")
                    hint="Choose the highest level you work at with confidence."
                    choices=confidence
                    chosen=earlier.map(|rating| rating.confidence.slug())
                />
                <Radios
                    name=relevance_field
                    legend=format!("How relevant is {name} to your role?")
                    choices=relevance
                    chosen=earlier.map(|rating| rating.relevance.slug())
                />
            }
        })
        .collect_view();
    view! {
        <p>"For each of the eight domains of the capability framework for investigators, choose the highest level you work at with confidence, and how relevant the domain is to your role. It takes about 10 minutes. Be honest: the results show where to grow, and nothing else is done with yours."</p>
        <p>{PRIVATE}</p>
        <PostForm action="/account/capability">
            {domains}
            <SubmitButton label="Save and see your results" />
        </PostForm>
    }
}

/// One radio button: its value, its label and what it means.
struct Choice {
    value: &'static str,
    label: &'static str,
    hint: Option<&'static str>,
}

/// NHS.UK radios with a hint under each choice (the framework's
/// descriptor of the level), keeping the choice after a refused post.
#[component]
fn Radios(
    name: &'static str,
    legend: String,
    #[prop(optional)] hint: Option<&'static str>,
    choices: Vec<Choice>,
    chosen: Option<&'static str>,
) -> impl IntoView {
    let (error, described_by, messages) = field_messages(name, hint);
    // After a refused post, what was sent (a question left unanswered stays
    // so), else the last take's answer.
    let chosen = match use_context::<FormFeedback>().filter(|feedback| !feedback.values.is_empty())
    {
        Some(feedback) => feedback.value_for(name),
        None => chosen.map(str::to_string),
    };
    let items = choices
        .into_iter()
        .enumerate()
        .map(|(index, choice)| {
            // The first takes the field's name as its id, for the error
            // summary's link.
            let id = if index == 0 {
                name.to_string()
            } else {
                format!("{name}-{}", choice.value)
            };
            let hint_id = choice.hint.map(|_| format!("{id}-item-hint"));
            let checked = chosen.as_deref() == Some(choice.value);
            view! {
                <div class="nhsuk-radios__item">
                    <input class="nhsuk-radios__input" id=id.clone() name=name type="radio" value=choice.value checked=checked aria-describedby=hint_id.clone() />
                    <label class="nhsuk-label nhsuk-radios__label" for=id>{choice.label}</label>
                    {choice.hint.map(|hint| view! { <div class="nhsuk-hint nhsuk-radios__hint" id=hint_id>{hint}</div> })}
                </div>
            }
        })
        .collect_view();
    view! {
        <div class="nhsuk-form-group" class:nhsuk-form-group--error=error.is_some()>
            <fieldset class="nhsuk-fieldset" aria-describedby=described_by>
                <legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">{legend}</legend>
                {messages}
                <div class="nhsuk-radios">{items}</div>
            </fieldset>
        </div>
    }
}

fn results(record: CapabilityRecord) -> impl IntoView {
    let CapabilityRecord {
        history,
        recommendations,
    } = record;
    let Some(latest) = history.last().cloned() else {
        return ().into_any();
    };
    let takes = history.len();
    let gaps = if recommendations.is_empty() {
        view! {
            <p>"No gaps: for every domain relevant to your role, you work with confidence at the level it needs (foundation where it is part of your role, practitioner where it is central). To go further, look for expert-level resources in the domains central to your role."</p>
        }
        .into_any()
    } else {
        recommendations
            .into_iter()
            .map(gap_card)
            .collect_view()
            .into_any()
    };
    let rows: Vec<Vec<AnyView>> = latest
        .ratings
        .iter()
        .map(|rating| {
            let domain = rating.domain;
            vec![
                view! { <a href=format!("/resources?capability={}", domain.slug())>{domain.label()}</a> }.into_any(),
                rating.confidence.label().into_any(),
                rating.relevance.label().into_any(),
                chart(domain, &history).into_any(),
            ]
        })
        .collect();
    let over_time = if takes > 1 {
        "Over time (your last 10 takes at most)"
    } else {
        "Over time (after your next take)"
    };
    view! {
        <p>
            {format!("You took it on {}", latest.taken_on.shown())}
            {(takes > 1).then(|| format!(", and {} times in all since {}", takes, history[0].taken_on.shown()))}
            ". "
        </p>
        <a class="nhsuk-button nhsuk-button--secondary" href="/account/capability?take=again">"Take it again"</a>
        <h2 class="nhsuk-heading-m">"Where to grow"</h2>
        <p>"A gap is a domain relevant to your role where you are not yet confident at the level it needs: foundation where it is part of your role, practitioner where it is central. The most pressing come first."</p>
        {gaps}
        <h2 class="nhsuk-heading-m">"Every domain"</h2>
        <Table
            caption="Your latest answers for each domain, and how your confidence has changed"
            headers=vec!["Domain", "Confident at", "Relevance", over_time]
            rows
        />
        <p>{PRIVATE}</p>
        <p><a href="/account/learning">"Back to your learning"</a></p>
    }
    .into_any()
}

/// A gap: what the member said, the next level's descriptor and resources
/// for it.
fn gap_card(recommendation: Recommendation) -> impl IntoView {
    let Recommendation {
        gap,
        level,
        resources,
    } = recommendation;
    let domain = gap.domain;
    let more = format!(
        "/resources?capability={}&level={}",
        domain.slug(),
        level.slug()
    );
    let resources = if resources.is_empty() {
        view! {
            <p>"There is no resource at this level for this domain yet. " <a href=format!("/resources?capability={}", domain.slug())>"See every resource for this domain"</a></p>
        }
        .into_any()
    } else {
        let items = resources
            .into_iter()
            .map(|resource| {
                view! {
                    <li>
                        <a href=format!("/resources/{}", resource.slug)>{resource.title}</a>
                        {format!(" ({}, {})", resource.kind.label().to_lowercase(), format_minutes(resource.minutes))}
                    </li>
                }
            })
            .collect_view();
        view! {
            <ul class="nhsuk-list nhsuk-list--bullet">{items}</ul>
            <p><a href=more>{format!("More {} resources for this domain", level.label().to_lowercase())}</a></p>
        }
        .into_any()
    };
    view! {
        <div class="nhsuk-card">
            <div class="nhsuk-card__content">
                <h3 class="nhsuk-card__heading nhsuk-heading-s">{domain.label()}</h3>
                <p>{format!("You said: {}; {}.", confidence_phrase(gap.confidence), gap.relevance.label().to_lowercase())}</p>
                <p>{format!("Next, {}: {}", level.label().to_lowercase(), descriptor(domain, level))}</p>
                {resources}
            </div>
        </div>
    }
}

fn confidence_phrase(confidence: Confidence) -> String {
    match confidence.level() {
        None => "not yet confident at foundation level".to_string(),
        Some(level) => format!("confident at {} level", level.label().to_lowercase()),
    }
}

/// Height of the chart, and the space between two takes, in pixels.
const CHART_HEIGHT: u32 = 32;
const STEP: u32 = 20;

/// How many takes the chart shows, the latest: a long history would
/// widen the table past a phone's screen.
const CHARTED_TAKES: usize = 10;

/// The domain's confidence take by take, as a small line chart (an image
/// with its points said in words); nothing before a second take.
fn chart(domain: Capability, history: &[Assessment]) -> impl IntoView {
    let points: Vec<(Confidence, String)> = history[history.len().saturating_sub(CHARTED_TAKES)..]
        .iter()
        .filter_map(|take| {
            take.rating(domain)
                .map(|rating| (rating.confidence, take.taken_on.shown()))
        })
        .collect();
    if points.len() < 2 {
        return view! { <span class="nhsuk-u-visually-hidden">"No chart until your next take"</span> }
            .into_any();
    }
    let spoken = points
        .iter()
        .map(|(confidence, on)| format!("{} on {on}", confidence.label()))
        .collect::<Vec<_>>()
        .join(", then ");
    let at = |index: usize, confidence: Confidence| {
        let x = 6 + index as u32 * STEP;
        let y = CHART_HEIGHT - 4 - u32::from(confidence.rank()) * 8;
        (x, y)
    };
    let line = points
        .iter()
        .enumerate()
        .map(|(index, (confidence, _))| {
            let (x, y) = at(index, *confidence);
            format!("{x},{y}")
        })
        .collect::<Vec<_>>()
        .join(" ");
    let dots = points
        .iter()
        .enumerate()
        .map(|(index, (confidence, _))| {
            let (x, y) = at(index, *confidence);
            view! { <circle cx=x cy=y r="3" /> }
        })
        .collect_view();
    let width = 12 + (points.len() as u32 - 1) * STEP;
    view! {
        <svg class="hub-sparkline" role="img" aria-label=format!("Confidence in {}: {spoken}", domain.label()) width=width height=CHART_HEIGHT viewBox=format!("0 0 {width} {CHART_HEIGHT}")>
            <polyline points=line fill="none" />
            {dots}
        </svg>
    }
    .into_any()
}
