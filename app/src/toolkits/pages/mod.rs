//! The workspace pages: "Your investigations" (`/workspaces`), the
//! fictional example (`/workspaces/example`), one investigation with its
//! timeline (`/workspaces/{id}`), its details (`?edit=details`), deleting
//! it (`?edit=delete`), and one entry to change (`?entry={n}`) or delete
//! (`?entry={n}&delete=yes`).
//!
//! They share one lazy route in a chunk of their own (`tools`, which the
//! interactive tools to come will join), whose component,
//! [`WorkspacesArea`], shows HTML made on the server (`render`, with the
//! same form fields as every page): every word of a page's text would
//! cost the client's main module, which every first visit loads (the text
//! of pages in chunks stays in it). In the main module itself the
//! component cost 5 KB; in a chunk shared with other pages, a tool's page
//! would load theirs too (110 KB for the learning record's). The page's
//! HTML goes with it twice on a first visit (in the page, and in the data
//! the client hydrates from), as a lesson's text does.

#[cfg(feature = "ssr")]
mod chart;
#[cfg(feature = "ssr")]
mod entry;
#[cfg(feature = "ssr")]
pub(super) mod render;
#[cfg(feature = "ssr")]
mod timeline;

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_url};

use super::server::workspace_page;
#[cfg(feature = "ssr")]
use super::timeline::{gap_minutes, LaneBy};

/// Which workspace page an address is (the server decides, as it makes
/// the page).
#[cfg(feature = "ssr")]
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum AreaPage {
    List,
    Example { gap: i64, lanes: LaneBy },
    Workspace { id: i64, gap: i64, lanes: LaneBy },
    Details(i64),
    Delete(i64),
    Entry(i64, i64),
    DeleteEntry(i64, i64),
    Unknown,
}

/// The page of the route's `id` (absent on the list) and the query's
/// parameters (`query(name)`).
#[cfg(feature = "ssr")]
pub(super) fn area_page(id: Option<&str>, query: impl Fn(&str) -> Option<String>) -> AreaPage {
    let number = crate::addresses::row_id;
    let Some(id) = id else {
        return AreaPage::List;
    };
    let gap = gap_minutes(&query("gap").unwrap_or_default());
    let lanes = if query("lanes").as_deref() == Some("place") {
        LaneBy::Place
    } else {
        LaneBy::Who
    };
    if id == "example" {
        return AreaPage::Example { gap, lanes };
    }
    let Some(id) = number(id) else {
        return AreaPage::Unknown;
    };
    let entry = query("entry").map(|entry| number(&entry));
    match (query("edit").as_deref(), entry) {
        (Some("details"), None) => AreaPage::Details(id),
        (Some("delete"), None) => AreaPage::Delete(id),
        (None, Some(Some(entry))) if query("delete").as_deref() == Some("yes") => {
            AreaPage::DeleteEntry(id, entry)
        }
        (None, Some(Some(entry))) => AreaPage::Entry(id, entry),
        (None, None) => AreaPage::Workspace { id, gap, lanes },
        _ => AreaPage::Unknown,
    }
}

/// Every workspace page: the server makes its HTML for the address.
#[component]
pub fn WorkspacesArea() -> impl IntoView {
    let params = use_params_map();
    let url = use_url();
    let page = Resource::new(
        move || {
            (
                params.with(|map| map.get("id")),
                url.with(|url| url.search().to_string()),
            )
        },
        |(id, query)| workspace_page(id, query),
    );
    // A transition keeps the page shown until the next one arrives.
    view! {
        <Transition fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                page.await.map(|page| match page {
                    Some(page) => view! {
                        <Title text=page.title />
                        <div inner_html=page.html></div>
                    }
                    .into_any(),
                    None => view! { <crate::components::NotFoundPage /> }.into_any(),
                })
            })}
        </Transition>
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;

    fn page(id: Option<&str>, query: &[(&str, &str)]) -> AreaPage {
        area_page(id, |name| {
            query
                .iter()
                .find(|(key, _)| *key == name)
                .map(|(_, value)| value.to_string())
        })
    }

    #[test]
    fn each_address_is_its_page() {
        assert_eq!(page(None, &[]), AreaPage::List);
        assert_eq!(
            page(Some("example"), &[("gap", "1440")]),
            AreaPage::Example {
                gap: 1440,
                lanes: LaneBy::Who
            }
        );
        assert_eq!(
            page(Some("4"), &[("gap", "90"), ("lanes", "place")]),
            AreaPage::Workspace {
                id: 4,
                gap: 90,
                lanes: LaneBy::Place
            }
        );
        assert_eq!(
            page(Some("4"), &[("edit", "details")]),
            AreaPage::Details(4)
        );
        assert_eq!(page(Some("4"), &[("edit", "delete")]), AreaPage::Delete(4));
        assert_eq!(page(Some("4"), &[("entry", "7")]), AreaPage::Entry(4, 7));
        assert_eq!(
            page(Some("4"), &[("entry", "7"), ("delete", "yes")]),
            AreaPage::DeleteEntry(4, 7)
        );
        for (id, query) in [
            ("x", vec![]),
            ("0", vec![]),
            ("4", vec![("edit", "other")]),
            ("4", vec![("entry", "seven")]),
            ("4", vec![("edit", "details"), ("entry", "7")]),
        ] {
            assert_eq!(page(Some(id), &query), AreaPage::Unknown, "{id} {query:?}");
        }
    }
}
