use leptos::prelude::*;

/// A row of equal-height cards (NHS.UK card group).
#[component]
pub fn CardGroup(children: Children) -> impl IntoView {
    view! { <ul class="nhsuk-grid-row nhsuk-card-group">{children()}</ul> }
}

/// A clickable card that leads somewhere: heading link plus a description.
#[component]
pub fn NavCard(
    title: &'static str,
    href: &'static str,
    description: &'static str,
    /// Width class of the grid column, e.g. `one-half`.
    #[prop(default = "one-half")]
    width: &'static str,
) -> impl IntoView {
    view! {
        <li class=format!("nhsuk-grid-column-{width} nhsuk-card-group__item")>
            <div class="nhsuk-card nhsuk-card--clickable">
                <div class="nhsuk-card__content">
                    <h3 class="nhsuk-card__heading nhsuk-heading-m">
                        <a class="nhsuk-card__link" href=href>{title}</a>
                    </h3>
                    <p class="nhsuk-card__description">{description}</p>
                </div>
            </div>
        </li>
    }
}
