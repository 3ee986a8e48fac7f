//! `/network/messages` and `/network/messages/{handle}`: conversations
//! between connected members. Plain text; links are shown as links only
//! for web addresses, and open without passing on the page.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::components::found_or_not_found;
use crate::dates::format_time;
use crate::forms::{with_form_state, PostForm, SubmitButton, TextArea};
use crate::network::types::{ConversationPage, MessagePart, MessageView};
use crate::network::{conversation_list, conversation_with};

#[component]
pub fn MessagesPage() -> impl IntoView {
    let conversations = Resource::new(|| (), |_| conversation_list());
    view! {
        <Title text="Messages" />
        <h1 class="nhsuk-heading-l">"Messages"</h1>
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                conversations.await.map(|list| {
                    if list.is_empty() {
                        return view! {
                            <p>"No messages yet. You can message members you are connected with from " <a href="/network/connections">"your connections"</a> "."</p>
                        }.into_any();
                    }
                    view! {
                        <ul class="nhsuk-list hub-conversations">
                            {list.into_iter().map(|conversation| {
                                let unread = conversation.unread;
                                view! {
                                    <li class="hub-conversation" class:hub-conversation--unread={unread > 0}>
                                        <h2 class="nhsuk-heading-s">
                                            <a href=format!("/network/messages/{}", conversation.other.handle)>{conversation.other.display_name.clone()}</a>
                                            {(unread > 0).then(|| view! { <strong class="nhsuk-tag nhsuk-tag--blue hub-count-tag">{format!("{unread} unread")}</strong> })}
                                        </h2>
                                        <p class="nhsuk-body-s">{conversation.preview.clone()}</p>
                                        <p class="nhsuk-body-s hub-muted">{format_time(conversation.last_message_at)}</p>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }.into_any()
                })
            })}
        </Suspense>
    }
}

#[component]
pub fn ConversationView() -> impl IntoView {
    let params = use_params_map();
    let handle = move || params.with(|map| map.get("handle").unwrap_or_default());
    let conversation = Resource::new(handle, conversation_with);
    view! { {found_or_not_found(conversation, |page| view! { <Conversation page /> })} }
}

#[component]
fn Conversation(page: ConversationPage) -> impl IntoView {
    let ConversationPage {
        other,
        messages,
        can_send,
    } = page;
    let title = format!("Messages with {}", other.display_name);
    let handle = other.handle.clone();
    view! {
        <Title text=title.clone() />
        <div class="nhsuk-grid-row">
            <div class="nhsuk-grid-column-two-thirds">
                <h1 class="nhsuk-heading-l">{title}</h1>
                <p><a href=format!("/network/members/{}", other.handle)>"View profile"</a> " · " <a href="/network/messages">"All messages"</a></p>
                // The form state wraps both cases, so a refused message
                // shows its reason even when the form is gone.
                {with_form_state(move || if can_send {
                    view! {
                        <PostForm action=format!("/network/messages/{}", handle.clone())>
                            <TextArea name="body" label="Write a message" hint="Plain text, up to 2,000 characters. Web addresses become links." rows=4 />
                            <SubmitButton label="Send message" />
                        </PostForm>
                    }.into_any()
                } else {
                    view! {
                        <div class="nhsuk-inset-text" id="body">
                            <span class="nhsuk-u-visually-hidden">"Information: "</span>
                            <p>"You can only send messages to members you are connected with."</p>
                        </div>
                    }.into_any()
                })}
                <h2 class="nhsuk-heading-m" id="messages">"Newest first"</h2>
                {if messages.is_empty() {
                    view! { <p>"No messages yet."</p> }.into_any()
                } else {
                    view! {
                        <ol class="nhsuk-list hub-messages" reversed>
                            {messages.into_iter().map(|message| view! { <Message message /> }).collect_view()}
                        </ol>
                    }.into_any()
                }}
            </div>
        </div>
    }
}

#[component]
fn Message(message: MessageView) -> impl IntoView {
    view! {
        <li class="hub-message" class:hub-message--mine=message.from_viewer>
            <p class="nhsuk-body-s hub-message__meta">
                <strong>{if message.from_viewer { "You".to_string() } else { message.sender_name.clone() }}</strong>
                {format!(", {}", format_time(message.sent_at))}
            </p>
            {if message.hidden {
                view! { <p class="hub-message__text"><em>"A moderator hid this message because it broke the community rules."</em></p> }.into_any()
            } else {
                view! {
                    <p class="hub-message__text">
                        {message.parts.into_iter().map(|part| match part {
                            MessagePart::Text(text) => text.into_any(),
                            MessagePart::Link(url) => view! {
                                <a href=url.clone() rel="nofollow noopener noreferrer ugc">{url.clone()}</a>
                            }.into_any(),
                        }).collect_view()}
                    </p>
                    {(!message.from_viewer).then(|| view! {
                        <p class="nhsuk-body-s hub-message__report">
                            <a href=format!("/report/message/{}", message.id)>
                                "Report" <span class="nhsuk-u-visually-hidden">{format!(" this message from {}", format_time(message.sent_at))}</span>
                            </a>
                        </p>
                    })}
                }.into_any()
            }}
        </li>
    }
}
