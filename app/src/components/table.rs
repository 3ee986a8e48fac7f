use leptos::prelude::*;

/// An NHS.UK table: a caption for screen readers, a header per column and
/// rows of cells (each row as many cells as there are headers).
#[component]
pub fn Table(
    caption: &'static str,
    headers: Vec<&'static str>,
    rows: Vec<Vec<AnyView>>,
) -> impl IntoView {
    view! {
        <table class="nhsuk-table">
            <caption class="nhsuk-table__caption nhsuk-u-visually-hidden">{caption}</caption>
            <thead class="nhsuk-table__head">
                <tr>{headers.into_iter().map(|header| view! { <th scope="col">{header}</th> }).collect_view()}</tr>
            </thead>
            <tbody class="nhsuk-table__body">
                {rows.into_iter().map(|cells| view! {
                    <tr class="nhsuk-table__row">
                        {cells.into_iter().map(|cell| view! { <td class="nhsuk-table__cell">{cell}</td> }).collect_view()}
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}
