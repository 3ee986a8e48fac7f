use leptos::prelude::*;
use leptos_meta::Title;

/// What people see when something fails on our side. It never shows
/// technical detail; that goes to the server log.
#[component]
pub fn ServiceErrorPage() -> impl IntoView {
    crate::response::set_status(500);
    view! {
        <Title text="Sorry, there is a problem with the service" />
        <div class="nhsuk-grid-row">
            <div class="nhsuk-grid-column-two-thirds">
                <h1 class="nhsuk-heading-l">"Sorry, there is a problem with the service"</h1>
                <p>"Try again later. If the problem continues, contact the team that told you about the hub."</p>
                <p>
                    "You can "
                    <a href="/">"go to the hub's home page"</a>
                    "."
                </p>
            </div>
        </div>
    }
}
