use leptos::prelude::*;

/// NHS.UK previous/next pagination. Each link is (href, what it leads to).
#[component]
pub fn Pagination(
    label: &'static str,
    previous: Option<(String, String)>,
    next: Option<(String, String)>,
) -> impl IntoView {
    let item = |class: &'static str,
                link_class: &'static str,
                rel: &'static str,
                title: &'static str,
                (href, page): (String, String)| {
        view! {
            <li class=class>
                <a class=format!("nhsuk-pagination__link {link_class}") href=href rel=rel>
                    <span class="nhsuk-pagination__title">{title}</span>
                    <span class="nhsuk-u-visually-hidden">":"</span>
                    <span class="nhsuk-pagination__page">{page}</span>
                </a>
            </li>
        }
    };
    view! {
        <nav class="nhsuk-pagination" role="navigation" aria-label=label>
            <ul class="nhsuk-list nhsuk-pagination__list">
                {previous.map(|link| item("nhsuk-pagination-item--previous", "nhsuk-pagination__link--prev", "prev", "Previous", link))}
                {next.map(|link| item("nhsuk-pagination-item--next", "nhsuk-pagination__link--next", "next", "Next", link))}
            </ul>
        </nav>
    }
}
