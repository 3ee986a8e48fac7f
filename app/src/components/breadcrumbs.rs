use leptos::prelude::*;

/// One step back up the site: a label and where it leads.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Crumb {
    pub label: String,
    pub href: String,
}

impl Crumb {
    pub fn new(label: impl Into<String>, href: impl Into<String>) -> Self {
        Self {
            label: label.into(),
            href: href.into(),
        }
    }
}

/// NHS.UK breadcrumbs: the trail of parents, and a "Back to" link for
/// narrow screens pointing at the nearest one.
#[component]
pub fn Breadcrumbs(trail: Vec<Crumb>) -> impl IntoView {
    let back = trail.last().cloned();
    view! {
        <nav class="nhsuk-breadcrumb" aria-label="Breadcrumb">
            <ol class="nhsuk-breadcrumb__list">
                {trail
                    .into_iter()
                    .map(|crumb| {
                        view! {
                            <li class="nhsuk-breadcrumb__list-item">
                                <a class="nhsuk-breadcrumb__link" href=crumb.href>{crumb.label}</a>
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
            {back.map(|crumb| view! {
                <a class="nhsuk-back-link" href=crumb.href>
                    <span class="nhsuk-u-visually-hidden">"Back to "</span>
                    {crumb.label}
                </a>
            })}
        </nav>
    }
}
