//! `/network/connections`: requests to answer, requests sent, connections
//! and blocked members.

use leptos::prelude::*;
use leptos_meta::Title;

use super::member::AnswerButtons;
use crate::dates::format_time;
use crate::forms::{with_form_state, PostForm, SubmitButton};
use crate::network::get_connections;
use crate::network::types::{
    Connection, ConnectionsOverview, MemberLink, PendingRequest, RequestKind,
};

fn member_link(member: &MemberLink) -> impl IntoView {
    view! { <a href=format!("/network/members/{}", member.handle)>{member.display_name.clone()}</a> }
}

fn kind_label(kind: RequestKind) -> &'static str {
    match kind {
        RequestKind::Connect => "Connection request",
        RequestKind::Mentoring => "Mentoring request",
    }
}

#[component]
pub fn ConnectionsPage() -> impl IntoView {
    let overview = Resource::new(|| (), |_| get_connections());
    view! {
        <Title text="Your connections" />
        <h1 class="nhsuk-heading-l">"Your connections"</h1>
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                overview.await.map(|overview| with_form_state(move || view! { <Overview overview=overview.clone() /> }))
            })}
        </Suspense>
    }
}

#[component]
fn Overview(overview: ConnectionsOverview) -> impl IntoView {
    let ConnectionsOverview {
        connections,
        received,
        sent,
        blocked,
        has_profile,
    } = overview;
    view! {
        {(!has_profile).then(|| view! {
            <div class="nhsuk-inset-text">
                <span class="nhsuk-u-visually-hidden">"Information: "</span>
                <p><a href="/account/profile">"Create your profile"</a> " so other investigators can find you and you can send requests."</p>
            </div>
        })}
        <h2 class="nhsuk-heading-m" id="requests">{format!("Requests for you ({})", received.len())}</h2>
        {if received.is_empty() {
            view! { <p>"No requests are waiting for you."</p> }.into_any()
        } else {
            view! {
                <ul class="nhsuk-list hub-requests">
                    {received.into_iter().map(|request| view! { <Received request /> }).collect_view()}
                </ul>
            }.into_any()
        }}
        <h2 class="nhsuk-heading-m">"Requests you sent"</h2>
        {if sent.is_empty() {
            view! { <p>"You have no requests waiting for an answer."</p> }.into_any()
        } else {
            view! {
                <ul class="nhsuk-list hub-requests">
                    {sent.into_iter().map(|request| view! { <Sent request /> }).collect_view()}
                </ul>
            }.into_any()
        }}
        <h2 class="nhsuk-heading-m">{format!("Connections ({})", connections.len())}</h2>
        {if connections.is_empty() {
            view! { <p>"No connections yet. " <a href="/network">"Find investigators"</a> " to connect with."</p> }.into_any()
        } else {
            view! { <ConnectionTable connections /> }.into_any()
        }}
        <h2 class="nhsuk-heading-m" id="blocked">"Members you have blocked"</h2>
        {if blocked.is_empty() {
            view! { <p>"You have not blocked anyone."</p> }.into_any()
        } else {
            view! {
                <ul class="nhsuk-list">
                    {blocked.into_iter().map(|member| {
                        let handle = member.handle.clone();
                        let name = member.display_name.clone();
                        view! {
                            <li class="hub-blocked">
                                <span>{member.display_name.clone()}</span>
                                <PostForm action=format!("/network/members/{handle}/unblock")>
                                    <button class="nhsuk-button nhsuk-button--secondary nhsuk-button--small" type="submit">
                                        "Unblock" <span class="nhsuk-u-visually-hidden">{format!(" {name}")}</span>
                                    </button>
                                </PostForm>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            }.into_any()
        }}
    }
}

#[component]
fn Received(request: PendingRequest) -> impl IntoView {
    view! {
        <li class="hub-request">
            <h3 class="nhsuk-heading-s">{member_link(&request.other)}</h3>
            <p class="nhsuk-body-s">{format!("{}, {}", kind_label(request.kind), format_time(request.requested_at))}</p>
            {(!request.note.is_empty()).then(|| view! {
                <p class="hub-message__text">{request.note.clone()}</p>
                <p class="nhsuk-body-s">
                    <a href=format!("/report/request/{}", request.id)>
                        "Report this note" <span class="nhsuk-u-visually-hidden">{format!(" from {}", request.other.display_name)}</span>
                    </a>
                </p>
            })}
            <AnswerButtons id=request.id />
            <PostForm action=format!("/network/members/{}/block", request.other.handle)>
                <button class="nhsuk-button nhsuk-button--warning nhsuk-button--small" type="submit">
                    "Block" <span class="nhsuk-u-visually-hidden">{format!(" {}", request.other.display_name)}</span>
                </button>
            </PostForm>
        </li>
    }
}

#[component]
fn Sent(request: PendingRequest) -> impl IntoView {
    let id = request.id;
    view! {
        <li class="hub-request">
            <h3 class="nhsuk-heading-s">{member_link(&request.other)}</h3>
            <p class="nhsuk-body-s">{format!("{}, sent {}", kind_label(request.kind), format_time(request.requested_at))}</p>
            <PostForm action=format!("/network/requests/{id}/withdraw")>
                <SubmitButton label="Withdraw request" variant="secondary" />
            </PostForm>
        </li>
    }
}

#[component]
fn ConnectionTable(connections: Vec<Connection>) -> impl IntoView {
    view! {
        <table class="nhsuk-table">
            <caption class="nhsuk-table__caption nhsuk-u-visually-hidden">"Your connections"</caption>
            <thead class="nhsuk-table__head">
                <tr>
                    <th scope="col">"Name"</th>
                    <th scope="col">"Connection"</th>
                    <th scope="col">"Since"</th>
                    <th scope="col"><span class="nhsuk-u-visually-hidden">"Messages"</span></th>
                </tr>
            </thead>
            <tbody class="nhsuk-table__body">
                {connections.into_iter().map(|connection| {
                    let relation = match (connection.kind, connection.viewer_is_mentor) {
                        (RequestKind::Mentoring, Some(true)) => "You mentor them",
                        (RequestKind::Mentoring, _) => "Your mentor",
                        (RequestKind::Connect, _) => "Peer",
                    };
                    let handle = connection.other.handle.clone();
                    view! {
                        <tr class="nhsuk-table__row">
                            <td class="nhsuk-table__cell">{member_link(&connection.other)}</td>
                            <td class="nhsuk-table__cell">{relation}</td>
                            <td class="nhsuk-table__cell">{format_time(connection.since)}</td>
                            <td class="nhsuk-table__cell">
                                <a href=format!("/network/messages/{handle}")>"Message" <span class="nhsuk-u-visually-hidden">{format!(" {}", connection.other.display_name)}</span></a>
                            </td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}
