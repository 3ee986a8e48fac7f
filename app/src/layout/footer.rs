use leptos::prelude::*;

#[component]
pub fn Footer() -> impl IntoView {
    view! {
        <footer class="nhsuk-footer" role="contentinfo">
            <div class="nhsuk-width-container">
                <h2 class="nhsuk-u-visually-hidden">"Support links"</h2>
                <div class="nhsuk-footer__meta">
                    <ul class="nhsuk-footer__list">
                        <li class="nhsuk-footer__list-item">
                            <a class="nhsuk-footer__list-item-link" href="/about">"About the hub"</a>
                        </li>
                        <li class="nhsuk-footer__list-item">
                            <a class="nhsuk-footer__list-item-link" href="/about#accessibility">"Accessibility"</a>
                        </li>
                        <li class="nhsuk-footer__list-item">
                            <a class="nhsuk-footer__list-item-link" href="/about#privacy">"Privacy and confidentiality"</a>
                        </li>
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
