//! `/account/learning`: a member's learning record (modules started and
//! completed, the CPD log with totals per year, recently viewed
//! resources), and `/account/learning/cpd/print`, the log to print for an
//! appraisal.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::{Breadcrumbs, Crumb, Table};
use crate::forms::{with_form_state, PostForm, SubmitButton};
use crate::learning::cpd::{activity_label, format_hours, totals_by_year, CpdEntry};
use crate::learning::credentials::types::CertificateSummary;
use crate::learning::server::load_learning_record;
use crate::learning::types::{LearningRecord, ModuleSummary, RecentResource};

fn with_record<V: IntoView + 'static>(
    content: impl Fn(LearningRecord) -> V + Clone + Send + Sync + 'static,
) -> impl IntoView {
    let record = Resource::new(|| (), |_| load_learning_record());
    view! {
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || {
                let content = content.clone();
                Suspend::new(async move { record.await.map(content) })
            }}
        </Suspense>
    }
}

/// `/account/learning`.
#[component]
pub fn LearningPage() -> impl IntoView {
    view! {
        <Title text="Your learning" />
        <Breadcrumbs trail=vec![Crumb::new("Home", "/"), Crumb::new("Your account", "/account")] />
        <div class="nhsuk-grid-row">
            <div class="nhsuk-grid-column-full">
                <h1 class="nhsuk-heading-l">"Your learning"</h1>
                {with_record(|record| view! {
                    <Modules modules=record.modules />
                    <SelfAssessment taken_on=record.self_assessed_on />
                    <Certificates certificates=record.certificates />
                    <CpdLog entries=record.cpd />
                    <Recent resources=record.recent />
                })}
            </div>
        </div>
    }
}

#[component]
fn Modules(modules: Vec<ModuleSummary>) -> impl IntoView {
    let (completed, started): (Vec<_>, Vec<_>) = modules
        .into_iter()
        .partition(|module| module.completed_on.is_some());
    let started = (!started.is_empty()).then(|| {
        let items = started
            .into_iter()
            .map(|module| {
                let href = match module.continue_at {
                    Some(position) => format!("/resources/{}/lessons/{position}", module.slug),
                    None => format!("/resources/{}", module.slug),
                };
                view! {
                    <li>
                        <a href=href>{module.title}</a>
                        {format!(
                            ": {} of {} lessons done{}",
                            module.lessons_done,
                            module.lessons,
                            if module.below_pass_mark { ", knowledge check answers below the pass mark" } else { "" },
                        )}
                    </li>
                }
            })
            .collect_view();
        view! {
            <h3 class="nhsuk-heading-s">"In progress"</h3>
            <ul class="nhsuk-list nhsuk-list--bullet">{items}</ul>
        }
    });
    let completed = (!completed.is_empty()).then(|| {
        let items = completed
            .into_iter()
            .map(|module| {
                let on = module.completed_on.map(|day| day.shown()).unwrap_or_default();
                view! {
                    <li><a href=format!("/resources/{}", module.slug)>{module.title}</a>{format!(": completed on {on}")}</li>
                }
            })
            .collect_view();
        view! {
            <h3 class="nhsuk-heading-s">"Completed"</h3>
            <ul class="nhsuk-list nhsuk-list--bullet">{items}</ul>
        }
    });
    let nothing = (started.is_none() && completed.is_none()).then(|| view! {
        <p>"You have not started a module yet. " <a href="/resources?kind=module">"Find a module"</a></p>
    });
    view! {
        <h2 class="nhsuk-heading-m">"Modules"</h2>
        {nothing}
        {started}
        {completed}
    }
}

#[component]
fn SelfAssessment(taken_on: Option<crate::dates::Day>) -> impl IntoView {
    let (said, link) = match taken_on {
        Some(day) => (
            format!("You last took it on {}. ", day.shown()),
            "See your results and where to grow",
        ),
        None => (
            "Rate your confidence in each domain of the capability framework for investigators, and how relevant it is to your role, to see where to grow and which resources help. ".to_string(),
            "Take the self-assessment",
        ),
    };
    view! {
        <h2 class="nhsuk-heading-m">"Capability self-assessment"</h2>
        <p>{said}<a href="/account/capability">{link}</a></p>
    }
}

#[component]
fn Certificates(certificates: Vec<CertificateSummary>) -> impl IntoView {
    if certificates.is_empty() {
        return ().into_any();
    }
    let items = certificates
        .into_iter()
        .map(|certificate| {
            let state = if certificate.revoked { ", revoked" } else { "" };
            view! {
                <li>
                    <a href=format!("/credentials/{}", certificate.id)>{certificate.module_title.clone()}</a>
                    {format!(": issued on {}{state}", certificate.issued_on.shown())}
                </li>
            }
        })
        .collect_view();
    view! {
        <h2 class="nhsuk-heading-m">"Certificates"</h2>
        <p>"One for each module you complete: a page anyone with its link can check, a PDF to print and a signed credential to keep."</p>
        <ul class="nhsuk-list nhsuk-list--bullet">{items}</ul>
    }
    .into_any()
}

/// The yearly totals, as a table.
fn totals_table(entries: &[CpdEntry]) -> impl IntoView {
    let rows = totals_by_year(entries)
        .into_iter()
        .map(|(year, minutes)| {
            vec![
                year.to_string().into_any(),
                format_hours(minutes).into_any(),
            ]
        })
        .collect();
    view! { <Table caption="CPD time per year" headers=vec!["Year", "Time"] rows /> }
}

#[component]
fn CpdLog(entries: Vec<CpdEntry>) -> impl IntoView {
    let actions = view! {
        <p><a class="nhsuk-button" href="/account/learning/cpd/new">"Add a CPD entry"</a></p>
    };
    if entries.is_empty() {
        return view! {
            <h2 class="nhsuk-heading-m">"CPD log"</h2>
            <p>"Your log is empty. Completing a module adds it here with its hours; you can also add anything else you have done, with a reflection, for your appraisal or revalidation."</p>
            {actions}
        }
        .into_any();
    }
    let totals = totals_table(&entries);
    let rows = entries
        .into_iter()
        .map(|entry| {
            vec![
                entry.done_on.shown().into_any(),
                view! { <a href=format!("/account/learning/cpd/{}", entry.id)>{entry.title}<span class="nhsuk-u-visually-hidden">" (change)"</span></a> }.into_any(),
                activity_label(&entry.activity).to_string().into_any(),
                format_hours(entry.minutes).into_any(),
            ]
        })
        .collect();
    view! {
        <h2 class="nhsuk-heading-m">"CPD log"</h2>
        {totals}
        {actions}
        <Table caption="CPD entries, newest first" headers=vec!["Date", "What you did", "Type", "Time"] rows />
        <ul class="nhsuk-list">
            <li><a href="/account/learning/cpd.csv" download="cpd-log.csv">"Download your CPD log (CSV, for a spreadsheet)"</a></li>
            <li><a href="/account/learning/cpd/print">"Your CPD log with reflections, to print or save as PDF"</a></li>
        </ul>
    }
    .into_any()
}

#[component]
fn Recent(resources: Vec<RecentResource>) -> impl IntoView {
    (!resources.is_empty()).then(|| {
        let items = resources
            .into_iter()
            .map(|resource| view! {
                <li><a href=format!("/resources/{}", resource.slug)>{resource.title}</a>{format!(" ({})", resource.viewed)}</li>
            })
            .collect_view();
        view! {
            <h2 class="nhsuk-heading-m">"Recently viewed"</h2>
            <p>"Only you can see this list. We keep the last 20 resources you opened."</p>
            <ul class="nhsuk-list">{items}</ul>
            {with_form_state(|| view! {
                <PostForm action="/account/learning/recent/clear">
                    <SubmitButton label="Clear recently viewed" variant="secondary" />
                </PostForm>
            })}
        }
    })
}

/// `/account/learning/cpd/print`: the whole log with reflections, laid out
/// for paper (the browser's print command; "save as PDF" gives a file).
#[component]
pub fn CpdPrintPage() -> impl IntoView {
    view! {
        <Title text="CPD log" />
        <p class="hub-no-print"><a class="nhsuk-back-link" href="/account/learning">"Back to your learning"</a></p>
        {with_record(|record| {
            let totals = totals_table(&record.cpd);
            let entries = record.cpd.into_iter().map(|entry| {
                let reflection = [("What?", entry.what), ("So what?", entry.so_what), ("Now what?", entry.now_what)]
                    .into_iter()
                    .filter(|(_, text)| !text.is_empty())
                    .map(|(prompt, text)| view! {
                        <dt class="nhsuk-summary-list__key">{prompt}</dt>
                        <dd class="nhsuk-summary-list__value hub-preserve-lines">{text}</dd>
                    })
                    .collect_view();
                view! {
                    <section class="hub-cpd-entry">
                        <h3 class="nhsuk-heading-s">{entry.title}</h3>
                        <p>{format!("{}: {}, {}", entry.done_on.shown(), activity_label(&entry.activity), format_hours(entry.minutes))}</p>
                        <dl class="hub-reflection">{reflection}</dl>
                    </section>
                }
            }).collect_view();
            view! {
                <h1 class="nhsuk-heading-l">{format!("CPD log of {}", record.display_name)}</h1>
                <p class="hub-no-print">"Use your browser's print command to print this page or save it as a PDF."</p>
                <h2 class="nhsuk-heading-m">"Time per year"</h2>
                {totals}
                <h2 class="nhsuk-heading-m">"Entries, newest first"</h2>
                {entries}
            }
        })}
    }
}
