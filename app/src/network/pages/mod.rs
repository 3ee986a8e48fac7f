//! The network pages. Forms post to handlers in `handlers`; every page
//! works without JavaScript.

mod connections;
mod directory;
mod edit;
mod member;
mod messages;

pub use connections::ConnectionsPage;
pub use directory::NetworkPage;
pub use edit::EditProfilePage;
pub use member::MemberPage;
pub use messages::{ConversationView, MessagesPage};

use leptos::prelude::*;

use super::types::{initials, ProfileCard};

/// A member's initials in a circle. Decorative: the name is always beside it.
#[component]
fn Avatar(#[prop(into)] name: String, #[prop(optional)] large: bool) -> impl IntoView {
    view! {
        <span class="hub-avatar" class:hub-avatar--large=large aria-hidden="true">{initials(&name)}</span>
    }
}

/// The details of a profile a viewer may see, one line each; hidden ones
/// are simply absent.
fn detail_lines(card: &ProfileCard) -> Vec<String> {
    let mut lines = Vec::new();
    let mut first = Vec::new();
    if let Some(role) = &card.role_title {
        first.push(role.clone());
    }
    if let Some(organisation) = &card.organisation {
        first.push(organisation.clone());
    }
    if !first.is_empty() {
        lines.push(first.join(", "));
    }
    let mut second = Vec::new();
    if let Some(region) = card.region {
        second.push(region.label().to_string());
    }
    if let Some(level) = card.level {
        second.push(format!("{} level", level.label()));
    }
    if let Some(years) = card.years_investigating {
        second.push(match years {
            1 => "1 year investigating".to_string(),
            n => format!("{n} years investigating"),
        });
    }
    if !second.is_empty() {
        lines.push(second.join(" · "));
    }
    if let Some(sectors) = &card.sectors {
        lines.push(
            sectors
                .iter()
                .map(|sector| sector.label())
                .collect::<Vec<_>>()
                .join(", "),
        );
    }
    lines
}

/// Tags for mentoring, collaboration and demo profiles.
#[component]
fn ProfileTags(card: ProfileCard) -> impl IntoView {
    view! {
        <p class="hub-tags">
            {(card.open_to_mentoring == Some(true)).then(|| view! { <strong class="nhsuk-tag nhsuk-tag--green">"Open to mentoring"</strong> })}
            {(card.open_to_collaboration == Some(true)).then(|| view! { <strong class="nhsuk-tag nhsuk-tag--blue">"Open to collaboration"</strong> })}
            {card.is_demo.then(|| view! { <strong class="nhsuk-tag nhsuk-tag--grey">"Demo profile"</strong> })}
        </p>
    }
}

/// A profile in the directory.
#[component]
fn MemberCard(card: ProfileCard) -> impl IntoView {
    let href = format!("/network/members/{}", card.handle);
    let lines = detail_lines(&card);
    let specialisms = card.specialisms.clone();
    view! {
        <li class="hub-member">
            <Avatar name=card.display_name.clone() />
            <div class="hub-member__body">
                <h3 class="nhsuk-heading-s hub-member__name"><a href=href>{card.display_name.clone()}</a></h3>
                {lines.into_iter().map(|line| view! { <p class="nhsuk-body-s hub-member__line">{line}</p> }).collect_view()}
                {specialisms.map(|list| view! { <p class="nhsuk-body-s hub-member__line">"Specialisms: " {list.join(", ")}</p> })}
                <ProfileTags card />
            </div>
        </li>
    }
}

/// "3 members", "1 member".
fn count_members(count: i64) -> String {
    match count {
        0 => "No members found".to_string(),
        1 => "1 member".to_string(),
        n => format!("{n} members"),
    }
}
