use leptos::prelude::*;

/// The NHS.UK error summary: what is wrong, each item linking to the field.
/// `errors` is a list of (fragment link, message).
#[component]
pub fn ErrorSummary(errors: Vec<(String, String)>) -> impl IntoView {
    view! {
        <div class="nhsuk-error-summary" aria-labelledby="error-summary-title" role="alert" tabindex="-1">
            <h2 class="nhsuk-error-summary__title" id="error-summary-title">"There is a problem"</h2>
            <div class="nhsuk-error-summary__body">
                <ul class="nhsuk-list nhsuk-error-summary__list">
                    {errors
                        .into_iter()
                        .map(|(href, message)| view! { <li><a href=href>{message}</a></li> })
                        .collect_view()}
                </ul>
            </div>
        </div>
    }
}
