//! `/network/members/{handle}`: a profile as the viewer may see it, with
//! what the viewer can do next (connect, answer, message, block).

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use super::{detail_lines, Avatar, ProfileTags};
use crate::components::found_or_not_found;
use crate::forms::{with_form_state, PostForm, RadioGroup, SubmitButton, TextArea};
use crate::network::member_profile;
use crate::network::types::{ProfileCard, ProfilePage, Relation, RequestKind};

#[component]
pub fn MemberPage() -> impl IntoView {
    let params = use_params_map();
    let handle = move || params.with(|map| map.get("handle").unwrap_or_default());
    let profile = Resource::new(handle, member_profile);
    view! { {found_or_not_found(profile, |page| view! { <Profile page /> })} }
}

#[component]
fn Profile(page: ProfilePage) -> impl IntoView {
    let ProfilePage {
        card,
        bio_html,
        relation,
        signed_in,
        collections,
    } = page;
    let collections = (!collections.is_empty()).then(|| {
        let items = collections
            .into_iter()
            .map(|collection| {
                let count = match collection.items {
                    1 => "1 resource".to_string(),
                    n => format!("{n} resources"),
                };
                view! { <li><a href=format!("/collections/{}", collection.token)>{collection.name}</a>{format!(" ({count})")}</li> }
            })
            .collect_view();
        view! {
            <h2 class="nhsuk-heading-m">"Collections"</h2>
            <ul class="nhsuk-list nhsuk-list--bullet">{items}</ul>
        }
    });
    let lines = detail_lines(&card);
    let can_block = signed_in && relation != Relation::Own;
    let report = format!("/report/profile/{}", card.handle);
    view! {
        <Title text=card.display_name.clone() />
        <div class="nhsuk-grid-row">
            <div class="nhsuk-grid-column-two-thirds">
                <div class="hub-profile-heading">
                    <Avatar name=card.display_name.clone() large=true />
                    <h1 class="nhsuk-heading-l">{card.display_name.clone()}</h1>
                </div>
                {lines.into_iter().map(|line| view! { <p class="hub-profile__line">{line}</p> }).collect_view()}
                <ProfileTags card=card.clone() />
                {card.specialisms.clone().map(|list| view! {
                    <h2 class="nhsuk-heading-s">"Specialisms"</h2>
                    <ul class="nhsuk-list nhsuk-list--bullet">
                        {list.into_iter().map(|item| view! { <li>{item}</li> }).collect_view()}
                    </ul>
                })}
                {bio_html.map(|html| view! {
                    <h2 class="nhsuk-heading-m">"About"</h2>
                    <div class="hub-prose" inner_html=html></div>
                })}
                {collections}
                // One form state for every action here, so a refusal is
                // summarised at the top whichever forms the page now shows.
                {with_form_state(move || view! {
                    <Actions card=card.clone() relation=relation.clone() />
                    {can_block.then(|| view! { <BlockSection card=card.clone() /> })}
                }.into_any())}
                {can_block.then(|| view! {
                    <p><a href=report>"Report this profile"</a> " if it breaks the community rules"</p>
                })}
                <p><a href="/network">"Find more investigators"</a></p>
            </div>
        </div>
    }
}

#[component]
fn Actions(card: ProfileCard, relation: Relation) -> impl IntoView {
    let handle = card.handle.clone();
    let name = card.display_name.clone();
    match relation {
        Relation::Anonymous => view! {
            <p><a href=format!("/sign-in?next=%2Fnetwork%2Fmembers%2F{handle}")>"Sign in to connect with " {name}</a></p>
        }.into_any(),
        Relation::Own => view! {
            <p>"This is your profile. Each detail shows only to the people you chose."</p>
            <p><a class="nhsuk-button nhsuk-button--secondary" href="/account/profile">"Edit your profile"</a></p>
        }.into_any(),
        Relation::Stranger { can_request: false } => view! {
            <h2 class="nhsuk-heading-m" id="request">"Connect"</h2>
            <p><a href="/account/profile">"Create your profile"</a> " before you send requests, so " {name} " can see who is asking."</p>
        }.into_any(),
        Relation::Stranger { can_request: true } => {
            let mentoring = card.open_to_mentoring == Some(true);
            view! { <RequestForm handle name mentoring /> }.into_any()
        }
        Relation::RequestSent { id, kind } => view! {
            <h2 class="nhsuk-heading-m" id="request">"Request sent"</h2>
            <p>{match kind {
                RequestKind::Mentoring => format!("You have asked {name} to mentor you. They have not answered yet."),
                RequestKind::Connect => format!("You have asked to connect with {name}. They have not answered yet."),
            }}</p>
            <PostForm action=format!("/network/requests/{id}/withdraw")>
                <SubmitButton label="Withdraw request" variant="secondary" />
            </PostForm>
        }.into_any(),
        Relation::RequestReceived { id, kind, note } => view! {
            <h2 class="nhsuk-heading-m" id="request">"Request for you"</h2>
            <p>{match kind {
                RequestKind::Mentoring => format!("{name} has asked you to mentor them."),
                RequestKind::Connect => format!("{name} has asked to connect with you."),
            }}</p>
            {(!note.is_empty()).then(|| view! {
                <div class="nhsuk-inset-text"><p class="hub-message__text">{note.clone()}</p></div>
                <p><a href=format!("/report/request/{id}")>"Report this request's note"</a></p>
            })}
            <AnswerButtons id />
        }.into_any(),
        Relation::Connected { kind, viewer_is_mentor } => {
            let status = match (kind, viewer_is_mentor) {
                (RequestKind::Mentoring, Some(true)) => format!("You are mentoring {name}."),
                (RequestKind::Mentoring, _) => format!("{name} is your mentor."),
                (RequestKind::Connect, _) => format!("You are connected with {name}."),
            };
            view! {
                <h2 class="nhsuk-heading-m" id="request">"Connected"</h2>
                <p>{status}</p>
                <p><a class="nhsuk-button" href=format!("/network/messages/{handle}")>"Send a message"</a></p>
                <PostForm action=format!("/network/members/{handle}/remove")>
                    <SubmitButton label="Remove connection" variant="secondary" />
                </PostForm>
            }.into_any()
        }
    }
}

/// Accept and decline, for a request the viewer received. Needs a form
/// state around it (for the CSRF token).
#[component]
pub(super) fn AnswerButtons(id: i64) -> impl IntoView {
    view! {
        <div class="hub-button-row">
            <PostForm action=format!("/network/requests/{id}/accept")>
                <SubmitButton label="Accept" />
            </PostForm>
            <PostForm action=format!("/network/requests/{id}/decline")>
                <SubmitButton label="Decline" variant="secondary" />
            </PostForm>
        </div>
    }
}

#[component]
fn RequestForm(handle: String, name: String, mentoring: bool) -> impl IntoView {
    let mut kinds = vec![(
        RequestKind::Connect.slug().to_string(),
        "Connect as peers".to_string(),
    )];
    if mentoring {
        kinds.push((
            RequestKind::Mentoring.slug().to_string(),
            format!("Ask {name} to mentor me"),
        ));
    }
    view! {
        <h2 class="nhsuk-heading-m" id="request">"Connect with " {name}</h2>
        <PostForm action=format!("/network/members/{handle}/connect")>
            <RadioGroup name="kind" legend="What would you like?" options=kinds value=RequestKind::Connect.slug() />
            <TextArea name="note" label="Add a note (optional)" hint="Say who you are and why you would like to connect. Up to 500 characters." rows=4 />
            <SubmitButton label="Send request" />
        </PostForm>
    }
}

#[component]
fn BlockSection(card: ProfileCard) -> impl IntoView {
    let handle = card.handle.clone();
    view! {
        <details class="nhsuk-details">
            <summary class="nhsuk-details__summary">
                <span class="nhsuk-details__summary-text">"Block " {card.display_name.clone()}</span>
            </summary>
            <div class="nhsuk-details__text" id="block">
                <p>"Neither of you will be able to see the other's profile, send requests or messages. Any connection or request between you ends. They are not told."</p>
                <PostForm action=format!("/network/members/{handle}/block")>
                    <SubmitButton label="Block this member" variant="warning" />
                </PostForm>
            </div>
        </details>
    }
}
