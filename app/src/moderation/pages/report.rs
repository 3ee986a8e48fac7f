use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::components::{found_or_not_found, Table};
use crate::dates::format_time;
use crate::forms::{with_form_state, PostForm, RadioGroup, SubmitButton, TextArea};
use crate::moderation::types::{OwnReport, Reason, ReportSubject};
use crate::moderation::{load_report_subject, own_reports};

/// `/report/{kind}/{target}`: what is being reported, and why.
#[component]
pub fn ReportPage() -> impl IntoView {
    let params = use_params_map();
    let address = move || {
        params.with(|map| {
            (
                map.get("kind").unwrap_or_default(),
                map.get("target").unwrap_or_default(),
            )
        })
    };
    let subject = Resource::new(address, |(kind, target)| load_report_subject(kind, target));
    view! {
        <Title text="Report content" />
        {found_or_not_found(subject, move |subject| {
            let action = params.with_untracked(|map| {
                format!(
                    "/report/{}/{}",
                    map.get("kind").unwrap_or_default(),
                    map.get("target").unwrap_or_default()
                )
            });
            view! { <ReportForm subject action /> }
        })}
    }
}

#[component]
fn ReportForm(subject: ReportSubject, action: String) -> impl IntoView {
    let ReportSubject {
        kind,
        author,
        excerpt,
        back,
    } = subject;
    view! {
        <a class="nhsuk-back-link" href=back>"Back"</a>
        <div class="nhsuk-grid-row">
            <div class="nhsuk-grid-column-two-thirds">
                <h1 class="nhsuk-heading-l">{format!("Report a {}", kind.label())}</h1>
                <p>
                    "Tell the moderators what breaks the "
                    <a href="/community-rules">"community rules"</a>
                    ". The member is not told who reported them."
                </p>
                <h2 class="nhsuk-heading-s">{format!("What {author} wrote")}</h2>
                <div class="nhsuk-inset-text">
                    <span class="nhsuk-u-visually-hidden">"Reported content: "</span>
                    <p class="hub-message__text">
                        {if excerpt.is_empty() { "(no text you can see)".to_string() } else { excerpt }}
                    </p>
                </div>
                {with_form_state(move || view! {
                    <PostForm action=action.clone()>
                        <RadioGroup name="reason" legend="Which rule does it break?" options=Reason::options() />
                        <TextArea name="note" label="Anything the moderators should know (optional)" hint="Up to 1,000 characters. Do not repeat anything that could identify a patient." rows=4 />
                        <SubmitButton label="Send report" />
                    </PostForm>
                })}
            </div>
        </div>
    }
}

/// `/account/reports`: the viewer's reports and what became of them.
#[component]
pub fn OwnReportsPage() -> impl IntoView {
    let reports = Resource::new(|| (), |_| own_reports());
    view! {
        <Title text="Your reports" />
        <a class="nhsuk-back-link" href="/account">"Back to your account"</a>
        <h1 class="nhsuk-heading-l">"Your reports"</h1>
        <p>"What you have reported, and what the moderators decided. We also email you each decision."</p>
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                reports.await.map(|reports| view! { <OwnReportsTable reports /> })
            })}
        </Suspense>
    }
}

#[component]
fn OwnReportsTable(reports: Vec<OwnReport>) -> impl IntoView {
    if reports.is_empty() {
        return view! { <p>"You have not reported anything."</p> }.into_any();
    }
    let rows = reports
        .into_iter()
        .map(|report| {
            vec![
                format_time(report.reported_at).into_any(),
                format!("A {}", report.kind.label()).into_any(),
                view! { <strong>{report.status.label()}</strong> <br /> {report.status.outcome()} }
                    .into_any(),
            ]
        })
        .collect();
    view! {
        <Table caption="Your reports, newest first" headers=vec!["Reported", "What", "Outcome"] rows />
    }
    .into_any()
}
