use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::components::NhsLogo;
use crate::SERVICE_NAME;

/// The links in the header, in order. `prefix` decides which item is current.
const NAVIGATION: [(&str, &str); 4] = [
    ("Resources", "/resources"),
    ("Toolkits", "/toolkits"),
    ("Network", "/network"),
    ("Sign in", "/sign-in"),
];

#[component]
pub fn SkipLink() -> impl IntoView {
    view! {
        <a class="nhsuk-skip-link" href="#maincontent">"Skip to main content"</a>
    }
}

#[component]
pub fn Header() -> impl IntoView {
    let location = use_location();
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
                        {NAVIGATION
                            .into_iter()
                            .map(|(label, href)| {
                                let current = move || location.pathname.with(|path| path.starts_with(href));
                                view! {
                                    <li
                                        class="nhsuk-header__navigation-item"
                                        class:nhsuk-header__navigation-item--current=current
                                    >
                                        <a
                                            class="nhsuk-header__navigation-link"
                                            href=href
                                            aria-current=move || current().then_some("page")
                                        >
                                            {label}
                                        </a>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                </div>
            </nav>
        </header>
    }
}
