use leptos::prelude::*;

use crate::resources::search::Highlighted;
use crate::resources::{format_minutes, ResourceCard};
use crate::vocabulary::ResourceKind;

/// A list of resources as search results and listings show them.
/// `heading_level` keeps the page's heading outline intact.
#[component]
pub fn ResourceList(
    resources: Vec<ResourceCard>,
    #[prop(default = 3)] heading_level: u8,
) -> impl IntoView {
    view! {
        <ul class="nhsuk-list hub-results">
            {resources
                .into_iter()
                .map(|resource| view! { <ResourceItem resource heading_level /> })
                .collect_view()}
        </ul>
    }
}

#[component]
fn ResourceItem(resource: ResourceCard, heading_level: u8) -> impl IntoView {
    let href = format!("/resources/{}", resource.slug);
    let title = view! { <a href=href>{resource.title.clone()}</a> };
    let heading = match heading_level {
        2 => view! { <h2 class="nhsuk-heading-s hub-result__title">{title}</h2> }.into_any(),
        _ => view! { <h3 class="nhsuk-heading-s hub-result__title">{title}</h3> }.into_any(),
    };
    let mut meta = vec![
        resource.provider.name.clone(),
        resource.level.label().to_string(),
        format_minutes(resource.minutes),
    ];
    if let Some(date) = resource.published_on {
        meta.push(format!("Published {}", date.shown()));
    }
    view! {
        <li class="hub-result">
            <KindTag kind=resource.kind />
            {heading}
            <p class="hub-result__summary">
                {match resource.snippet {
                    Some(snippet) => view! { <HighlightedText text=snippet /> }.into_any(),
                    None => resource.summary.into_any(),
                }}
            </p>
            <p class="nhsuk-body-s hub-result__meta">{meta.join(" · ")}</p>
        </li>
    }
}

/// The kind of a resource as an NHS.UK tag.
#[component]
pub fn KindTag(kind: ResourceKind) -> impl IntoView {
    let colour = match kind {
        ResourceKind::Module => "nhsuk-tag--blue",
        ResourceKind::Toolkit => "nhsuk-tag--green",
        ResourceKind::Guide => "nhsuk-tag--purple",
        ResourceKind::Signposted => "nhsuk-tag--grey",
    };
    view! { <strong class=format!("nhsuk-tag {colour}")>{kind.label()}</strong> }
}

/// Text with matched words in `<mark>`; never interpreted as HTML.
#[component]
pub fn HighlightedText(text: Highlighted) -> impl IntoView {
    text.0
        .into_iter()
        .map(|(segment, marked)| {
            if marked {
                view! { <mark>{segment}</mark> }.into_any()
            } else {
                segment.into_any()
            }
        })
        .collect_view()
}
