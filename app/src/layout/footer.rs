use leptos::prelude::*;

/// The footer's links, in order: the service's statements are on every
/// page, as a public service's must be.
const FOOTER_LINKS: [(&str, &str); 7] = [
    ("About the hub", "/about"),
    ("Accessibility statement", "/accessibility"),
    ("Privacy", "/privacy"),
    ("Cookies", "/cookies"),
    ("Community rules", "/community-rules"),
    ("Contact us", "/contact"),
    ("Give feedback", "/feedback"),
];

#[component]
pub fn Footer() -> impl IntoView {
    view! {
        <footer class="nhsuk-footer" role="contentinfo">
            <div class="nhsuk-width-container">
                <h2 class="nhsuk-u-visually-hidden">"Support links"</h2>
                <div class="nhsuk-footer__meta">
                    <ul class="nhsuk-footer__list">
                        {FOOTER_LINKS.into_iter().map(|(label, href)| view! {
                            <li class="nhsuk-footer__list-item">
                                <a class="nhsuk-footer__list-item-link" href=href>{label}</a>
                            </li>
                        }).collect_view()}
                    </ul>
                    <p class="nhsuk-body-s">
                        "Learning from patient safety events is about systems, never blame. Content written for this hub; "
                        "signposted material belongs to its provider."
                    </p>
                </div>
            </div>
        </footer>
    }
}
