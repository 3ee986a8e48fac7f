use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use super::card::{KindTag, ResourceList};
use crate::components::found_or_not_found;
use crate::components::{Breadcrumbs, Crumb};
use crate::resources::{format_minutes, get_resource, ResourceDetail};
use crate::vocabulary::ResourceKind;

/// A resource's text as another area shows it, with what it adds around
/// it (for a module, the lessons and the reader's progress): (resource
/// slug, the text's sanitised HTML) → view.
pub type ResourceText = fn(String, String) -> AnyView;

/// `/resources/{slug}`. The text is shown by `text`.
#[component]
pub fn ResourcePage(text: ResourceText) -> impl IntoView {
    let params = use_params_map();
    let slug = move || params.with(|map| map.get("slug").unwrap_or_default());
    let resource = Resource::new(slug, get_resource);
    view! {
        {found_or_not_found(resource, move |detail| view! { <ResourceView detail text /> })}
    }
}

/// A row of the metadata list, left out when there is nothing to say.
fn row(key: &'static str, value: AnyView) -> impl IntoView {
    view! {
        <div class="nhsuk-summary-list__row">
            <dt class="nhsuk-summary-list__key">{key}</dt>
            <dd class="nhsuk-summary-list__value">{value}</dd>
        </div>
    }
}

fn links<T: Copy>(
    values: &[T],
    parameter: &'static str,
    slug: fn(T) -> &'static str,
    label: fn(T) -> &'static str,
) -> AnyView {
    values
        .iter()
        .map(|value| view! { <li><a href=format!("/resources?{parameter}={}", slug(*value))>{label(*value)}</a></li> })
        .collect_view()
        .into_any()
}

#[component]
fn ResourceView(detail: ResourceDetail, text: ResourceText) -> impl IntoView {
    let ResourceDetail {
        card,
        body_html,
        topics,
        responses,
        audience,
        cpd,
        external_url,
        reviewed_on,
        review_by,
        related,
    } = detail;
    let provider_href = format!("/organisations/{}", card.provider.slug);
    let provider_name = card.provider.name.clone();
    let text = text(card.slug.clone(), body_html);
    let sectors = card.sectors.clone();

    view! {
        <Title text=card.title.clone() />
        <Breadcrumbs trail=vec![Crumb::new("Home", "/"), Crumb::new("Resources", "/resources")] />
        <div class="nhsuk-grid-row">
            <div class="nhsuk-grid-column-two-thirds">
                <KindTag kind=card.kind />
                <h1 class="nhsuk-heading-l hub-resource__title">{card.title.clone()}</h1>
                <p class="nhsuk-lede-text">{card.summary.clone()}</p>
                {external_url.filter(|_| card.kind == ResourceKind::Signposted).map(|url| view! {
                    <div class="nhsuk-inset-text">
                        <span class="nhsuk-u-visually-hidden">"Information: "</span>
                        <p>"This resource is published by " {provider_name.clone()} " on their own website."</p>
                    </div>
                    <p>
                        <a class="nhsuk-button" href=url rel="noopener noreferrer external">
                            {format!("Go to {provider_name}'s website")}
                            <span class="hub-leaves-site">" (leaves this site)"</span>
                        </a>
                    </p>
                })}
                {text}
            </div>
        </div>
        <h2 class="nhsuk-heading-m">"About this resource"</h2>
        <dl class="nhsuk-summary-list">
            {row("Type", card.kind.label().into_any())}
            {row("Provider", view! { <a href=provider_href>{card.provider.name.clone()}</a> }.into_any())}
            {row("Level", view! { <a href=format!("/resources?level={}", card.level.slug())>{card.level.label()}</a> }.into_any())}
            {row("Sectors", view! { <ul class="nhsuk-list">{links(&sectors, "sector", |s| s.slug(), |s| s.label())}</ul> }.into_any())}
            {(!topics.is_empty()).then(|| row("Topics", view! { <ul class="nhsuk-list">{links(&topics, "topic", |t| t.slug(), |t| t.label())}</ul> }.into_any()))}
            {(!responses.is_empty()).then(|| row("Learning responses", view! { <ul class="nhsuk-list">{links(&responses, "response", |r| r.slug(), |r| r.label())}</ul> }.into_any()))}
            {(!audience.is_empty()).then(|| row("Who it is for", audience.into_any()))}
            {row("Time needed", format_minutes(card.minutes).into_any())}
            {cpd.map(|hours| row("CPD", hours.into_any()))}
            {card.published_on.map(|date| row("Published", date.shown().into_any()))}
            {row("Last reviewed", reviewed_on.shown().into_any())}
            {row("Next review due", review_by.shown().into_any())}
        </dl>
        {(!related.is_empty()).then(|| view! {
            <h2 class="nhsuk-heading-m">"Related resources"</h2>
            <ResourceList resources=related />
        })}
    }
}
