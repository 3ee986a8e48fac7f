use leptos::prelude::*;
use leptos_router::hooks::use_location;

use super::viewer::ViewerResource;
use crate::components::NhsLogo;
use crate::web::identity::Role;
use crate::SERVICE_NAME;

/// The links in the header for everyone, in order.
const NAVIGATION: [(&str, &str); 3] = [
    ("Resources", "/resources"),
    ("Toolkits", "/toolkits"),
    ("Network", "/network"),
];

#[component]
pub fn SkipLink() -> impl IntoView {
    view! {
        <a class="nhsuk-skip-link" href="#maincontent">"Skip to main content"</a>
    }
}

#[component]
fn NavItem(label: &'static str, href: &'static str) -> impl IntoView {
    let location = use_location();
    let current = move || location.pathname.with(|path| path.starts_with(href));
    view! {
        <li class="nhsuk-header__navigation-item" class:nhsuk-header__navigation-item--current=current>
            <a class="nhsuk-header__navigation-link" href=href aria-current=move || current().then_some("page")>
                {label}
            </a>
        </li>
    }
}

/// A navigation link with a count beside it (shown only when above zero).
#[component]
fn CountedNavItem(
    label: &'static str,
    href: &'static str,
    count: i64,
    what: &'static str,
) -> impl IntoView {
    let location = use_location();
    let current = move || location.pathname.with(|path| path.starts_with(href));
    view! {
        <li class="nhsuk-header__navigation-item" class:nhsuk-header__navigation-item--current=current>
            <a class="nhsuk-header__navigation-link" href=href aria-current=move || current().then_some("page")>
                {label}
                {(count > 0).then(|| view! {
                    <span class="hub-nav-count" aria-hidden="true">{count.to_string()}</span>
                    <span class="nhsuk-u-visually-hidden">{format!(" ({count} {what})")}</span>
                })}
            </a>
        </li>
    }
}

/// Sign in, or the account links and a sign-out button (a form, so it
/// works without JavaScript and carries the CSRF token).
#[component]
fn AccountLinks() -> impl IntoView {
    let viewer = expect_context::<ViewerResource>();
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let state = viewer.await.unwrap_or_default();
                match state.user {
                    None => view! { <NavItem label="Sign in" href="/sign-in" /> }.into_any(),
                    Some(user) => view! {
                        {(user.role >= Role::Contributor).then(|| view! { <NavItem label="Contribute" href="/contribute" /> })}
                        {(user.role >= Role::Curator).then(|| view! { <NavItem label="Curation" href="/curation" /> })}
                        {(user.role == Role::Admin).then(|| view! { <NavItem label="Admin" href="/admin/users" /> })}
                        <CountedNavItem label="Connections" href="/network/connections" count=state.network.pending_requests what="waiting" />
                        <CountedNavItem label="Messages" href="/network/messages" count=state.network.unread_messages what="unread" />
                        <NavItem label="Account" href="/account" />
                        <li class="nhsuk-header__navigation-item">
                            <form method="post" action="/sign-out" class="hub-sign-out">
                                <input type="hidden" name="csrf_token" value=state.csrf_token.unwrap_or_default() />
                                <button class="nhsuk-header__navigation-link hub-link-button" type="submit">"Sign out"</button>
                            </form>
                        </li>
                    }
                        .into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
pub fn Header() -> impl IntoView {
    view! {
        <header class="nhsuk-header" role="banner">
            <div class="nhsuk-header__container nhsuk-width-container">
                <div class="nhsuk-header__service">
                    <a class="nhsuk-header__service-logo" href="/" aria-label=format!("NHS {SERVICE_NAME} homepage")>
                        <NhsLogo />
                        <span class="nhsuk-header__service-name">{SERVICE_NAME}</span>
                    </a>
                </div>
            </div>
            <nav class="nhsuk-header__navigation" aria-label="Menu">
                <div class="nhsuk-header__navigation-container nhsuk-width-container">
                    <ul class="nhsuk-header__navigation-list">
                        {NAVIGATION.into_iter().map(|(label, href)| view! { <NavItem label href /> }).collect_view()}
                        <AccountLinks />
                    </ul>
                </div>
            </nav>
        </header>
    }
}

/// The NHS.UK phase banner: the hub is in beta, and feedback (about the
/// page being read) is one link away.
#[component]
pub fn PhaseBanner() -> impl IntoView {
    let location = use_location();
    let feedback = move || {
        location.pathname.with(|path| {
            // The path as the address bar has it, with what would end the
            // query value escaped.
            format!(
                "/feedback?page={}",
                path.replace('&', "%26")
                    .replace('+', "%2B")
                    .replace(' ', "%20")
            )
        })
    };
    view! {
        <div class="hub-phase-banner">
            <div class="nhsuk-width-container">
                <p class="hub-phase-banner__content">
                    <strong class="nhsuk-tag hub-phase-banner__tag">"Beta"</strong>
                    <span class="hub-phase-banner__text">
                        "This is a new service. Your " <a href=feedback>"feedback"</a> " will help us to improve it."
                    </span>
                </p>
            </div>
        </div>
    }
}

/// A one-off confirmation of the last action, announced to screen readers.
#[component]
pub fn Notice() -> impl IntoView {
    let viewer = expect_context::<ViewerResource>();
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                viewer.await.ok().and_then(|state| state.notice).map(|notice| view! {
                    <div class="nhsuk-inset-text hub-notice" role="status">
                        <span class="nhsuk-u-visually-hidden">"Information: "</span>
                        <p>{notice}</p>
                    </div>
                })
            })}
        </Suspense>
    }
}
