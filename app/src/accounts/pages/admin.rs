use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::accounts::server::{admin_user, admin_users, audit_log};
use crate::accounts::types::{format_time, AccountStatus, AuditEntry, Role, UserRow};
use crate::components::{found_or_not_found, Table};
use crate::forms::{with_form_state, PostForm, SubmitButton};

fn page_number(raw: Option<String>) -> u32 {
    raw.and_then(|page| page.parse().ok()).unwrap_or(1).max(1)
}

/// `/admin/users`: every account, searchable.
#[component]
pub fn AdminUsersPage() -> impl IntoView {
    let query = use_query_map();
    let args = move || {
        query.with(|query| {
            (
                query.get("q").unwrap_or_default(),
                page_number(query.get("page")),
            )
        })
    };
    let users = Resource::new(args, |(q, page)| admin_users(q, page));
    view! {
        <Title text="Accounts" />
        <h1 class="nhsuk-heading-l">"Accounts"</h1>
        <p><a href="/admin/audit">"Audit log"</a> " · " <a href="/admin/feedback">"Feedback about the hub"</a> " · " <a href="/curation/reports">"Reported content"</a></p>
        <form method="get" action="/admin/users" role="search" class="hub-inline-form">
            <div class="nhsuk-form-group">
                <label class="nhsuk-label" for="q">"Search by name or email address"</label>
                <input class="nhsuk-input nhsuk-input--width-20" id="q" name="q" type="search" value=move || args().0 />
            </div>
            <button class="nhsuk-button nhsuk-button--secondary" type="submit">"Search"</button>
        </form>
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                users.await.map(|list| {
                    let pages = (list.total + 24) / 25;
                    let q = list.query.clone();
                    view! {
                        <p>{format!("{} accounts", list.total)}</p>
                        <table class="nhsuk-table">
                            <caption class="nhsuk-table__caption nhsuk-u-visually-hidden">"Accounts"</caption>
                            <thead class="nhsuk-table__head">
                                <tr>
                                    <th scope="col">"Name"</th>
                                    <th scope="col">"Email address"</th>
                                    <th scope="col">"Role"</th>
                                    <th scope="col">"Status"</th>
                                </tr>
                            </thead>
                            <tbody class="nhsuk-table__body">
                                {list.users.into_iter().map(user_row).collect_view()}
                            </tbody>
                        </table>
                        {(i64::from(list.page) < pages).then(|| {
                            let href = format!("/admin/users?q={}&page={}", form_urlencoded::byte_serialize(q.as_bytes()).collect::<String>(), list.page + 1);
                            view! { <p><a href=href>"Next page"</a></p> }
                        })}
                    }
                })
            })}
        </Suspense>
    }
}

fn user_row(user: UserRow) -> impl IntoView {
    let status = match (user.status, user.verified) {
        (AccountStatus::Suspended, _) => "Suspended",
        (AccountStatus::Active, false) => "Email not confirmed",
        (AccountStatus::Active, true) => "Active",
    };
    view! {
        <tr class="nhsuk-table__row">
            <td class="nhsuk-table__cell"><a href=format!("/admin/users/{}", user.id)>{user.display_name}</a></td>
            <td class="nhsuk-table__cell">{user.email}</td>
            <td class="nhsuk-table__cell">{user.role.label()}</td>
            <td class="nhsuk-table__cell">{status}</td>
        </tr>
    }
}

/// `/admin/users/{id}`: one account, with role, status and sessions.
#[component]
pub fn AdminUserPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || {
        params.with(|map| {
            map.get("id")
                .and_then(|id| id.parse::<i64>().ok())
                .unwrap_or(0)
        })
    };
    let user = Resource::new(id, admin_user);
    view! {
        {found_or_not_found(user, |view| {
            let user = view.user.clone();
            let id = user.id;
            let is_self = view.is_self;
            let suspended = user.status == AccountStatus::Suspended;
            view! {
                <Title text=user.display_name.clone() />
                <h1 class="nhsuk-heading-l" id="account">{user.display_name.clone()}</h1>
                <dl class="nhsuk-summary-list">
                    <div class="nhsuk-summary-list__row"><dt class="nhsuk-summary-list__key">"Email address"</dt><dd class="nhsuk-summary-list__value">{user.email.clone()}{(!user.verified).then_some(" (not confirmed)")}</dd></div>
                    <div class="nhsuk-summary-list__row"><dt class="nhsuk-summary-list__key">"Role"</dt><dd class="nhsuk-summary-list__value">{user.role.label()}</dd></div>
                    <div class="nhsuk-summary-list__row"><dt class="nhsuk-summary-list__key">"Status"</dt><dd class="nhsuk-summary-list__value">{if suspended { "Suspended" } else { "Active" }}</dd></div>
                    <div class="nhsuk-summary-list__row"><dt class="nhsuk-summary-list__key">"Two-step verification"</dt><dd class="nhsuk-summary-list__value">{if user.mfa_enabled { "On" } else { "Off" }}</dd></div>
                    <div class="nhsuk-summary-list__row"><dt class="nhsuk-summary-list__key">"Signed in on"</dt><dd class="nhsuk-summary-list__value">{format!("{} devices", view.active_sessions)}</dd></div>
                    <div class="nhsuk-summary-list__row"><dt class="nhsuk-summary-list__key">"Created"</dt><dd class="nhsuk-summary-list__value">{format_time(user.created_at)}</dd></div>
                </dl>
                {if is_self {
                    view! { <p>"This is your own account. Another admin must change its role or status."</p> }.into_any()
                } else {
                    with_form_state(move || {
                        let current = user.role;
                        view! {
                            <h2 class="nhsuk-heading-m">"Role"</h2>
                            <PostForm action=format!("/admin/users/{id}/role")>
                                <div class="nhsuk-form-group">
                                    <label class="nhsuk-label" for="role">"Role"</label>
                                    <select class="nhsuk-select" id="role" name="role">
                                        {Role::ALL.into_iter().map(|role| view! {
                                            <option value=role.slug() selected=role == current>{role.label()}</option>
                                        }).collect_view()}
                                    </select>
                                </div>
                                <SubmitButton label="Change role" variant="secondary" />
                            </PostForm>
                            <h2 class="nhsuk-heading-m">"Access"</h2>
                            <PostForm action=format!("/admin/users/{id}/status")>
                                <input type="hidden" name="status" value=if suspended { "active" } else { "suspended" } />
                                <SubmitButton label=if suspended { "Reinstate account" } else { "Suspend account" } variant=if suspended { "secondary" } else { "warning" } />
                            </PostForm>
                            <PostForm action=format!("/admin/users/{id}/sessions")>
                                <SubmitButton label="Sign out of every device" variant="secondary" />
                            </PostForm>
                        }
                    })
                        .into_any()
                }}
                <h2 class="nhsuk-heading-m">"Recent security events"</h2>
                <AuditTable entries=view.recent />
                <p><a href="/admin/users">"All accounts"</a></p>
            }
        })}
    }
}

#[component]
fn AuditTable(entries: Vec<AuditEntry>) -> impl IntoView {
    if entries.is_empty() {
        return view! { <p>"No events yet."</p> }.into_any();
    }
    let dash = |text: Option<String>| text.unwrap_or_else(|| "–".into());
    let rows = entries
        .into_iter()
        .map(|entry| {
            vec![
                format_time(entry.at).into_any(),
                entry.action.into_any(),
                dash(entry.actor).into_any(),
                dash(entry.subject).into_any(),
                entry.detail.into_any(),
                dash(entry.ip).into_any(),
            ]
        })
        .collect();
    view! {
        <Table
            caption="Security events, newest first"
            headers=vec!["When", "Event", "By", "Account", "Detail", "Network address"]
            rows
        />
    }
    .into_any()
}

/// `/admin/audit`: the audit log, newest first.
#[component]
pub fn AuditLogPage() -> impl IntoView {
    let query = use_query_map();
    let page = move || query.with(|query| page_number(query.get("page")));
    let entries = Resource::new(page, audit_log);
    view! {
        <Title text="Audit log" />
        <h1 class="nhsuk-heading-l">"Audit log"</h1>
        <p>"Sign-ins, failures, and changes to roles, passwords and two-step verification."</p>
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                entries.await.map(|page| view! {
                    <AuditTable entries=page.entries />
                    {page.has_more.then(|| view! { <p><a href=format!("/admin/audit?page={}", page.page + 1)>"Older events"</a></p> })}
                })
            })}
        </Suspense>
        <p><a href="/admin/users">"All accounts"</a></p>
    }
}
