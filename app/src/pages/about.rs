use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::{Breadcrumbs, Crumb};

#[component]
pub fn AboutPage() -> impl IntoView {
    view! {
        <Title text="About the hub" />
        <Breadcrumbs trail=vec![Crumb::new("Home", "/")] />
        <div class="nhsuk-grid-row">
            <div class="nhsuk-grid-column-two-thirds">
                <h1 class="nhsuk-heading-xl">"About the hub"</h1>
                <p class="nhsuk-lede-text">
                    "The hub supports a national strategy for building investigation excellence across the NHS in England. "
                    "It has four parts."
                </p>

                <h2 id="targeted-capability-building">"Targeted capability building"</h2>
                <p>
                    "Rather than waiting for people to apply for courses, the hub helps find the sectors, organisations "
                    "and groups of staff that would gain most from intensive support. Primary care and mental health "
                    "services have had the least access to investigation training so far, so they come first."
                </p>

                <h2 id="accessible-resources">"Accessible resources"</h2>
                <p>
                    "Online modules, interactive toolkits and written guides, with signposts to material published by "
                    "other organisations. Everything works on locked-down computers, without JavaScript and with "
                    "assistive technology."
                </p>

                <h2 id="professional-leadership">"Professional leadership"</h2>
                <p>
                    "Investigators have no professional association. The network lets them find each other by sector, "
                    "region and expertise, offer and find mentoring, and work together."
                </p>

                <h2 id="national-system-convening">"National system convening"</h2>
                <p>
                    "National bodies use the hub to publish and review material in one place, spot duplication and "
                    "agree where effort should go next."
                </p>

                <h2 id="accessibility">"Accessibility"</h2>
                <p>
                    "Every page can be used with a keyboard alone and with JavaScript turned off: see the "
                    <a href="/accessibility">"accessibility statement"</a> "."
                </p>

                <h2 id="privacy">"Privacy and confidentiality"</h2>
                <p>
                    "Do not enter details that could identify a patient, a family or a member of staff involved in "
                    "an incident. The " <a href="/privacy">"privacy notice"</a> " says what the hub keeps and for how long."
                </p>
            </div>
        </div>
    }
}
