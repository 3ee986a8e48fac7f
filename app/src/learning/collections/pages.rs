//! A member's collections (`/account/collections`), one of them with its
//! order, notes and who may see it (`/account/collections/{id}`), a saved
//! resource's note (`…/{id}?note={resource}`), and a collection opened by its
//! link (`/collections/{token}`), which a member can copy.
//!
//! The three pages under `/account/collections` share one route (see
//! [`CollectionsArea`]): each route costs the client's main module, which
//! every first visit loads, and these are rarely a first visit.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use super::server::{
    load_collection, load_collection_item, load_collections, load_shared_collection,
};
use super::types::{CollectionItem, CollectionSummary, Visibility};
use crate::components::{found_or_not_found, Breadcrumbs, Crumb};
use crate::forms::{
    with_form_state, CheckboxGroup, HiddenField, PostForm, RadioGroup, SubmitButton, TextArea,
    TextField,
};

fn account_trail() -> Vec<Crumb> {
    vec![
        Crumb::new("Home", "/"),
        Crumb::new("Your account", "/account"),
    ]
}

fn collections_trail() -> Vec<Crumb> {
    let mut trail = account_trail();
    trail.push(Crumb::new("Your collections", "/account/collections"));
    trail
}

fn visibility_options() -> Vec<(String, String)> {
    Visibility::ALL
        .into_iter()
        .map(|visibility| {
            (
                visibility.slug().to_string(),
                visibility.label().to_string(),
            )
        })
        .collect()
}

const NOTE_HINT: &str = "Leave it empty for no note. Up to 500 characters. Anyone who can see the collection sees its notes.";

const NAME_HINT: &str = "Up to 80 characters, different from your other collections' names.";

fn count(items: i64) -> String {
    match items {
        1 => "1 resource".to_string(),
        n => format!("{n} resources"),
    }
}

/// Which collections page an address is.
#[derive(Clone, Debug, PartialEq, Eq)]
enum AreaPage {
    List,
    Collection(i64),
    /// A saved resource's note: `/account/collections/{id}?note={resource}`.
    Note(i64, i64),
    Shared(String),
    Unknown,
}

/// The page of the route's parameters (`id` or `token`; absent on the
/// list) and the `note` query parameter.
fn area_page(id: Option<&str>, token: Option<&str>, note: Option<&str>) -> AreaPage {
    if let Some(token) = token {
        return AreaPage::Shared(token.to_string());
    }
    let number = crate::addresses::row_id;
    match (id.map(number), note.map(number)) {
        (None, _) => AreaPage::List,
        (Some(Some(id)), None) => AreaPage::Collection(id),
        (Some(Some(id)), Some(Some(resource))) => AreaPage::Note(id, resource),
        _ => AreaPage::Unknown,
    }
}

/// Every collections page, told apart by the route's parameters: one lazy
/// route for all of them, as each route costs the client's main module,
/// which every first visit loads.
#[component]
pub fn CollectionsArea() -> impl IntoView {
    let params = use_params_map();
    let query = leptos_router::hooks::use_query_map();
    let page = Memo::new(move |_| {
        params.with(|map| {
            query.with(|query| {
                area_page(
                    map.get_str("id"),
                    map.get_str("token"),
                    query.get_str("note"),
                )
            })
        })
    });
    move || match page.get() {
        AreaPage::List => view! { <CollectionsPage /> }.into_any(),
        AreaPage::Collection(id) => view! { <CollectionPage id /> }.into_any(),
        AreaPage::Note(id, resource) => view! { <NotePage id resource /> }.into_any(),
        AreaPage::Shared(token) => view! { <SharedCollectionPage token /> }.into_any(),
        AreaPage::Unknown => view! { <crate::components::NotFoundPage /> }.into_any(),
    }
}

/// `/account/collections`.
#[component]
fn CollectionsPage() -> impl IntoView {
    let collections = Resource::new(|| (), |_| load_collections());
    view! {
        <Title text="Your collections" />
        <Breadcrumbs trail=account_trail() />
        <div class="nhsuk-grid-row">
            <div class="nhsuk-grid-column-two-thirds">
                <h1 class="nhsuk-heading-l">"Your collections"</h1>
                <p>"Save resources from their pages to come back to them, with a note of why. Keep a collection to yourself, share it by a link, or show it on your profile."</p>
                <Suspense fallback=|| view! { <p>"Loading…"</p> }>
                    {move || Suspend::new(async move {
                        collections.await.map(|collections| view! { <CollectionList collections /> })
                    })}
                </Suspense>
                <h2 class="nhsuk-heading-m">"Make a new collection"</h2>
                {with_form_state(|| view! {
                    <PostForm action="/account/collections">
                        <TextField name="name" label="Name" hint=NAME_HINT />
                        <RadioGroup name="visibility" legend="Who can see it" options=visibility_options() value="private" />
                        <SubmitButton label="Make collection" />
                    </PostForm>
                })}
            </div>
        </div>
    }
}

#[component]
fn CollectionList(collections: Vec<CollectionSummary>) -> impl IntoView {
    if collections.is_empty() {
        return view! {
            <p>"You have no collections yet. Use “Save this resource” on any resource's page: it goes to “Saved” unless you choose another."</p>
        }
        .into_any();
    }
    let items = collections
        .into_iter()
        .map(|collection| {
            view! {
                <li>
                    <a href=format!("/account/collections/{}", collection.id)>{collection.name}</a>
                    {format!(": {}, {}", count(collection.items), collection.visibility.short().to_lowercase())}
                </li>
            }
        })
        .collect_view();
    view! { <ul class="nhsuk-list nhsuk-list--bullet">{items}</ul> }.into_any()
}

/// The collection's resources, each with its note and the buttons that
/// change its place or take it out (buttons, so the order can be changed
/// by keyboard and without JavaScript).
fn item_list(id: i64, items: Vec<CollectionItem>) -> impl IntoView {
    if items.is_empty() {
        return view! {
            <p>"Nothing here yet. Use “Save this resource” on a resource's page to add it. " <a href="/resources">"Find a resource"</a></p>
        }
        .into_any();
    }
    let last = items.len() - 1;
    let rows = items
        .into_iter()
        .enumerate()
        .map(|(index, item)| {
            let resource = item.resource_id.to_string();
            let title = item.title.clone();
            let button = move |action: &'static str, label: &'static str| {
                let title = title.clone();
                view! {
                    <button class="nhsuk-button nhsuk-button--secondary nhsuk-button--small" type="submit" name="action" value=action data-module="nhsuk-button">
                        {label}<span class="nhsuk-u-visually-hidden">{format!(": {title}")}</span>
                    </button>
                }
            };
            let note = (!item.note.is_empty()).then(|| view! { <p class="hub-preserve-lines">{item.note.clone()}</p> });
            let heading = if item.available {
                view! { <h3 class="nhsuk-heading-s"><a href=format!("/resources/{}", item.slug)>{item.title.clone()}</a></h3> }.into_any()
            } else {
                view! {
                    <h3 class="nhsuk-heading-s">{item.title.clone()}</h3>
                    <p class="nhsuk-body-s">"No longer in the catalogue: only you see it here. You can take it out."</p>
                }.into_any()
            };
            view! {
                <li class="hub-collection-item">
                    {heading}
                    <p class="nhsuk-body-s">{item.summary}</p>
                    {note}
                    <PostForm action=format!("/account/collections/{id}")>
                        <input type="hidden" name="resource" value=resource />
                        <div class="nhsuk-button-group">
                            {(index > 0).then(|| button("up", "Move up"))}
                            {(index < last).then(|| button("down", "Move down"))}
                            {button("remove", "Take out")}
                        </div>
                    </PostForm>
                    <p><a href=format!("/account/collections/{id}?note={}", item.resource_id)>
                        {if item.note.is_empty() { "Add a note" } else { "Change the note" }}
                        <span class="nhsuk-u-visually-hidden">{format!(" on {}", item.title)}</span>
                    </a></p>
                </li>
            }
        })
        .collect_view();
    view! { <ol class="nhsuk-list hub-collection">{rows}</ol> }.into_any()
}

/// `/account/collections/{id}`.
#[component]
fn CollectionPage(id: i64) -> impl IntoView {
    let found = Resource::new(move || id, load_collection);
    view! {
        {found_or_not_found(found, |(collection, link)| {
            let summary = collection.summary;
            let id = summary.id;
            let shared = summary.visibility.is_shared().then(|| view! {
                <div class="nhsuk-inset-text">
                    <p>{if summary.visibility == Visibility::Public { "Public: it is listed on your profile, and anyone with this link can see it (read-only):" } else { "Shared: anyone with this link can see it (read-only). It is not listed anywhere:" }}</p>
                    <p class="hub-share-link"><a href=link.clone()>{link.clone()}</a></p>
                </div>
            });
            // Its owner sees every resource in it, those no longer in the
            // catalogue too.
            let total = collection.items.len() as i64;
            let is_default = summary.is_default;
            let name = summary.name.clone();
            let visibility = summary.visibility.slug();
            view! {
                <Title text=summary.name.clone() />
                <Breadcrumbs trail=collections_trail() />
                <div class="nhsuk-grid-row">
                    <div class="nhsuk-grid-column-two-thirds">
                        <h1 class="nhsuk-heading-l">{summary.name.clone()}</h1>
                        <p>{format!("{}. {}.", count(total), summary.visibility.short())}</p>
                        {shared}
                        {with_form_state(move || {
                            let name = name.clone();
                            view! {
                                {item_list(id, collection.items.clone())}
                                <h2 class="nhsuk-heading-m">"Name and who can see it"</h2>
                                <PostForm action=format!("/account/collections/{id}")>
                                    <input type="hidden" name="action" value="settings" />
                                    {(!is_default).then(|| view! { <TextField name="name" label="Name" hint=NAME_HINT value=name.clone() /> })}
                                    {is_default.then(|| view! {
                                        <p>"This is your default collection: resources go here unless you choose another. It keeps its name."</p>
                                        <HiddenField name="name" value=name.clone() />
                                    })}
                                    <RadioGroup name="visibility" legend="Who can see it" options=visibility_options() value=visibility />
                                    <SubmitButton label="Save settings" variant="secondary" />
                                </PostForm>
                                {(!is_default).then(|| view! {
                                    <h2 class="nhsuk-heading-m">"Delete this collection"</h2>
                                    <PostForm action=format!("/account/collections/{id}")>
                                        <input type="hidden" name="action" value="delete" />
                                        <CheckboxGroup name="confirm" error_name="confirm" legend="Are you sure?" options=vec![("yes".to_string(), "Yes, delete this collection. The resources stay in the catalogue; its link stops working. This cannot be undone.".to_string())] />
                                        <SubmitButton label="Delete collection" variant="warning" />
                                    </PostForm>
                                })}
                            }
                        })}
                    </div>
                </div>
            }
        })}
    }
}

/// `/account/collections/{id}?note={resource}`: the note on a saved
/// resource. Its form posts to the same address, so a refusal shows this
/// page again.
#[component]
fn NotePage(id: i64, resource: i64) -> impl IntoView {
    let found = Resource::new(
        move || (id, resource),
        |(id, resource)| load_collection_item(id, resource),
    );
    view! {
        {found_or_not_found(found, |(collection, item)| {
            let mut trail = collections_trail();
            trail.push(Crumb::new(collection.name.clone(), format!("/account/collections/{}", collection.id)));
            let action = format!("/account/collections/{}?note={}", collection.id, item.resource_id);
            let resource = item.resource_id.to_string();
            let note = item.note.clone();
            view! {
                <Title text="Your note" />
                <Breadcrumbs trail />
                <div class="nhsuk-grid-row">
                    <div class="nhsuk-grid-column-two-thirds">
                        <h1 class="nhsuk-heading-l">"Your note"</h1>
                        <p>"On " <a href=format!("/resources/{}", item.slug)>{item.title.clone()}</a> {format!(" in “{}”.", collection.name)}</p>
                        {with_form_state(move || {
                            let (action, note, resource) = (action.clone(), note.clone(), resource.clone());
                            view! {
                                <PostForm action=action>
                                    <input type="hidden" name="action" value="note" />
                                    <input type="hidden" name="resource" value=resource />
                                    <TextArea name="note" label="Note" hint=NOTE_HINT value=note rows=4 />
                                    <SubmitButton label="Save note" />
                                </PostForm>
                            }
                        })}
                    </div>
                </div>
            }
        })}
    }
}

/// `/collections/{token}`: a collection someone shared, read-only; a
/// signed-in member can copy it into their own collections.
#[component]
fn SharedCollectionPage(token: String) -> impl IntoView {
    let path = format!("/collections/{token}");
    let found = Resource::new(move || token.clone(), load_shared_collection);
    view! {
        {found_or_not_found(found, move |shared| {
            let path = path.clone();
            let copy = if shared.own {
                view! { <p>"This is your collection: " <a href="/account/collections">"change it in your collections"</a> "."</p> }.into_any()
            } else if !shared.signed_in {
                let sign_in = format!("/sign-in?next={}", path.replace('/', "%2F"));
                view! { <p><a href=sign_in>"Sign in"</a> " to copy this collection into your own and add to it."</p> }.into_any()
            } else {
                with_form_state(move || view! {
                    <PostForm action=path.clone()>
                        <button class="nhsuk-button nhsuk-button--secondary" type="submit" data-module="nhsuk-button" id="copy">"Copy to your collections"</button>
                    </PostForm>
                }).into_any()
            };
            let total = shared.items.len() as i64;
            let items = if shared.items.is_empty() {
                view! { <p>"This collection is empty."</p> }.into_any()
            } else {
                shared.items.into_iter().map(|item| {
                    let note = (!item.note.is_empty()).then(|| view! { <p class="hub-preserve-lines"><strong>"Note: "</strong>{item.note.clone()}</p> });
                    view! {
                        <li class="hub-collection-item">
                            <h2 class="nhsuk-heading-s"><a href=format!("/resources/{}", item.slug)>{item.title}</a></h2>
                            <p class="nhsuk-body-s">{item.summary}</p>
                            {note}
                        </li>
                    }
                }).collect_view().into_any()
            };
            view! {
                <Title text=shared.name.clone() />
                <Breadcrumbs trail=vec![Crumb::new("Home", "/")] />
                <div class="nhsuk-grid-row">
                    <div class="nhsuk-grid-column-two-thirds">
                        <span class="nhsuk-caption-l">"Collection"</span>
                        <h1 class="nhsuk-heading-l">{shared.name.clone()}</h1>
                        <p>{format!("Shared by {}. {}.", shared.owner_name, count(total))}</p>
                        {copy}
                        <ol class="nhsuk-list hub-collection">{items}</ol>
                    </div>
                </div>
            }
        })}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::learning::collections::types::{MAX_NAME_CHARS, MAX_NOTE_CHARS};

    #[test]
    fn each_address_is_its_page() {
        assert_eq!(area_page(None, None, None), AreaPage::List);
        assert_eq!(area_page(Some("7"), None, None), AreaPage::Collection(7));
        assert_eq!(
            area_page(Some("7"), None, Some("12")),
            AreaPage::Note(7, 12)
        );
        assert_eq!(
            area_page(None, Some("abc"), None),
            AreaPage::Shared("abc".into())
        );
        for unknown in ["0", "-3", "abc", "99999999999999999999"] {
            assert_eq!(
                area_page(Some(unknown), None, None),
                AreaPage::Unknown,
                "{unknown}"
            );
            assert_eq!(
                area_page(Some("7"), None, Some(unknown)),
                AreaPage::Unknown,
                "{unknown}"
            );
        }
    }

    #[test]
    fn the_hints_state_the_limits_the_parser_applies() {
        assert!(NAME_HINT.contains(&format!("Up to {MAX_NAME_CHARS} characters")));
        assert!(NOTE_HINT.contains(&format!("Up to {MAX_NOTE_CHARS} characters")));
    }
}
