use leptos::prelude::*;
use leptos_meta::Title;

/// Shown for any path no route matches; answers with HTTP 404.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    crate::response::set_status(404);
    view! {
        <Title text="Page not found" />
        <div class="nhsuk-grid-row">
            <div class="nhsuk-grid-column-two-thirds">
                <h1 class="nhsuk-heading-l">"Page not found"</h1>
                <p>"If you typed the web address, check it is correct."</p>
                <p>"If you pasted the web address, check you copied the entire address."</p>
                <p>
                    "You can "
                    <a href="/">"go to the hub's home page"</a>
                    " to find modules, toolkits and guides."
                </p>
            </div>
        </div>
    }
}
