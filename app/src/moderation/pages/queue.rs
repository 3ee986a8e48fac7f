use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::components::{found_or_not_found, Table};
use crate::dates::format_time;
use crate::forms::{with_form_state, PostForm, RadioGroup, SubmitButton, TextArea};
use crate::moderation::types::{QueuedReport, ReportCase, ReportStatus};
use crate::moderation::{load_moderation_queue, load_report_case};

/// `/curation/reports`: open reports, oldest first, and recent decisions.
#[component]
pub fn ReportsQueuePage() -> impl IntoView {
    let queue = Resource::new(|| (), |_| load_moderation_queue());
    view! {
        <Title text="Reported content" />
        <a class="nhsuk-back-link" href="/curation">"Back to curation"</a>
        <h1 class="nhsuk-heading-l">"Reported content"</h1>
        <p>
            "Profiles, messages and connection requests that members reported as breaking the "
            <a href="/community-rules">"community rules"</a> "."
        </p>
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                queue.await.map(|queue| view! {
                    <h2 class="nhsuk-heading-m">{format!("Waiting for a decision ({})", queue.open.len())}</h2>
                    <ReportsTable reports=queue.open caption="Reports waiting, oldest first" empty="No reports are waiting." />
                    <h2 class="nhsuk-heading-m">"Recently decided"</h2>
                    <ReportsTable reports=queue.decided caption="Reports decided, newest first" empty="Nothing has been decided yet." />
                })
            })}
        </Suspense>
    }
}

#[component]
fn ReportsTable(
    reports: Vec<QueuedReport>,
    caption: &'static str,
    empty: &'static str,
) -> impl IntoView {
    if reports.is_empty() {
        return view! { <p>{empty}</p> }.into_any();
    }
    let rows = reports
        .into_iter()
        .map(|report| {
            vec![
                view! {
                    <a href=format!("/curation/reports/{}", report.id)>{format!("A {} (report {})", report.kind.label(), report.id)}</a>
                }
                .into_any(),
                report.member.unwrap_or_else(|| "Account deleted".into()).into_any(),
                report.reason.label().into_any(),
                format_time(report.reported_at).into_any(),
                report.status.label().into_any(),
            ]
        })
        .collect();
    view! {
        <Table caption headers=vec!["Report", "Member", "Reason", "Reported", "Status"] rows />
    }
    .into_any()
}

/// `/curation/reports/{id}`: the report in context, and the decision.
#[component]
pub fn ReportCasePage() -> impl IntoView {
    let params = use_params_map();
    let id = move || {
        params.with(|map| {
            map.get("id")
                .and_then(|id| id.parse::<i64>().ok())
                .unwrap_or(0)
        })
    };
    let case = Resource::new(id, load_report_case);
    view! {
        <Title text="Reported content" />
        <a class="nhsuk-back-link" href="/curation/reports">"Back to reported content"</a>
        {found_or_not_found(case, |case| view! { <Case case /> })}
    }
}

/// A summary-list row.
fn row(key: &'static str, value: impl IntoView) -> impl IntoView {
    view! {
        <div class="nhsuk-summary-list__row">
            <dt class="nhsuk-summary-list__key">{key}</dt>
            <dd class="nhsuk-summary-list__value">{value}</dd>
        </div>
    }
}

#[component]
fn Case(case: ReportCase) -> impl IntoView {
    let ReportCase {
        id,
        kind,
        reason,
        note,
        excerpt,
        reported_at,
        reporter,
        member,
        member_id,
        reports_about_member,
        status,
        decided_by,
        decided_at,
        decision_note,
        decisions,
        viewer_is_admin,
    } = case;
    let member_name = member.unwrap_or_else(|| "Account deleted".into());
    let member_view = match member_id.filter(|_| viewer_is_admin) {
        Some(member_id) => {
            view! { <a href=format!("/admin/users/{member_id}")>{member_name}</a> }.into_any()
        }
        None => member_name.into_any(),
    };
    view! {
        <h1 class="nhsuk-heading-l">{format!("Report {id}: a {}", kind.label())}</h1>
        <h2 class="nhsuk-heading-s">"The content when it was reported"</h2>
        <div class="nhsuk-inset-text">
            <span class="nhsuk-u-visually-hidden">"Reported content: "</span>
            <p class="hub-message__text">{if excerpt.is_empty() { "(no text)".to_string() } else { excerpt }}</p>
        </div>
        <dl class="nhsuk-summary-list">
            {row("Written by", member_view)}
            {row("Reports about this member", reports_about_member.to_string())}
            {row("Reason", reason.label())}
            {row("Reporter's note", if note.is_empty() { "–".to_string() } else { note })}
            {row("Reported by", reporter.unwrap_or_else(|| "Account deleted".into()))}
            {row("Reported", format_time(reported_at))}
            {row("Status", status.label())}
        </dl>
        {if status == ReportStatus::Open {
            with_form_state(move || {
                let decisions = decisions.clone();
                view! {
                    <h2 class="nhsuk-heading-m">"Decide"</h2>
                    <PostForm action=format!("/curation/reports/{id}")>
                        <RadioGroup name="decision" legend="What should happen?" options=decisions />
                        <TextArea name="note" label="Why (sent to the member unless you dismiss)" hint="Which rule was broken and how. Up to 1,000 characters. The reporter is never named." rows=4 />
                        <SubmitButton label="Record decision" />
                    </PostForm>
                }
            })
            .into_any()
        } else {
            view! {
                <h2 class="nhsuk-heading-m">"Decision"</h2>
                <dl class="nhsuk-summary-list">
                    {row("Decided by", decided_by.unwrap_or_else(|| "Account deleted".into()))}
                    {row("When", decided_at.map(format_time).unwrap_or_default())}
                    {row("Note", if decision_note.is_empty() { "–".to_string() } else { decision_note })}
                </dl>
            }
            .into_any()
        }}
    }
}
