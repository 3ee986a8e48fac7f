//! The workspace pages: "Your investigations" (`/workspaces`), the
//! fictional example (`/workspaces/example`), one investigation with its
//! timeline (`/workspaces/{id}`), its SEIPS scan (`?tool=scan`), its
//! factors and safety actions (`?tool=plan`), its details
//! (`?edit=details`), deleting it (`?edit=delete`), sharing it
//! (`?edit=sharing`) or leaving one shared with the member
//! (`?edit=leave`), importing one from a file (`/workspaces/import`), the
//! timeline kept in the browser for anyone (`/workspaces/local`, brought to
//! life by `browser` once its HTML is in place),
//! and one entry,
//! finding, factor or action to change (`?entry={n}`, `?finding={n}`,
//! `?factor={n}`, `?action={n}`) or delete (with `&delete=yes`).
//!
//! They share one lazy route in a chunk of their own (`tools`; the
//! timeline kept in the browser has its own, `local`, with its code), whose component,
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
mod import;
#[cfg(feature = "ssr")]
mod item;
#[cfg(feature = "ssr")]
mod list;
#[cfg(feature = "ssr")]
mod local;
#[cfg(feature = "ssr")]
mod plan;
#[cfg(feature = "ssr")]
pub(super) mod render;
#[cfg(feature = "ssr")]
mod report;
#[cfg(feature = "ssr")]
mod scan;
#[cfg(feature = "ssr")]
mod sharing;
#[cfg(feature = "ssr")]
mod timeline;

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_url;

use super::server::workspace_page;
#[cfg(feature = "ssr")]
use super::timeline::{LaneBy, ViewInput};

/// One of a workspace's tools, each on a page of its own
/// (`?tool=scan`, `?tool=plan`; the timeline is the workspace's page).
#[cfg(feature = "ssr")]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Tool {
    /// The timeline, its gap length and its chart's lanes.
    Timeline { gap: i64, lanes: LaneBy },
    /// The SEIPS work-system scan.
    Scan,
    /// Contributory factors and the safety-action builder.
    Plan,
    /// The report draft, and the files to download.
    Report,
}

/// A part of a workspace with a page of its own, to change or delete.
#[cfg(feature = "ssr")]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Item {
    Entry,
    Finding,
    Factor,
    Action,
}

#[cfg(feature = "ssr")]
impl Item {
    const ALL: [Item; 4] = [Item::Entry, Item::Finding, Item::Factor, Item::Action];

    /// Its address word: `?entry=3`, `?finding=3`, `?factor=3`, `?action=3`.
    pub(super) fn query(self) -> &'static str {
        match self {
            Item::Entry => "entry",
            Item::Finding => "finding",
            Item::Factor => "factor",
            Item::Action => "action",
        }
    }
}

/// Which workspace page an address is (the server decides, as it makes
/// the page).
#[cfg(feature = "ssr")]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum AreaPage {
    List,
    /// Reading a workspace file back in.
    Import,
    /// The timeline kept in the browser, for anyone.
    Local,
    Example(Tool),
    Workspace(i64, Tool),
    Details(i64),
    Delete(i64),
    /// Who it is shared with, and sharing it (its owner's only).
    Sharing(i64),
    /// Asks a member it is shared with before they leave it.
    Leave(i64),
    /// One part's page: to change it, or (`delete`) to delete it.
    Item {
        id: i64,
        item: Item,
        number: i64,
        delete: bool,
    },
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
    if id == "local" {
        return AreaPage::Local;
    }
    let tool = match query("tool").as_deref() {
        None | Some("timeline") => {
            let view = ViewInput {
                gap: query("gap").unwrap_or_default(),
                lanes: query("lanes").unwrap_or_default(),
            };
            Tool::Timeline {
                gap: view.gap_minutes(),
                lanes: view.lanes(),
            }
        }
        Some("scan") => Tool::Scan,
        Some("plan") => Tool::Plan,
        Some("report") => Tool::Report,
        Some(_) => return AreaPage::Unknown,
    };
    if id == "example" {
        return AreaPage::Example(tool);
    }
    if id == "import" {
        return AreaPage::Import;
    }
    let Some(id) = number(id) else {
        return AreaPage::Unknown;
    };
    let named: Vec<(Item, Option<i64>)> = Item::ALL
        .into_iter()
        .filter_map(|item| query(item.query()).map(|value| (item, number(&value))))
        .collect();
    let delete = query("delete").as_deref() == Some("yes");
    match (query("edit").as_deref(), named.as_slice(), query("tool")) {
        (Some("details"), [], None) => AreaPage::Details(id),
        (Some("delete"), [], None) => AreaPage::Delete(id),
        (Some("sharing"), [], None) => AreaPage::Sharing(id),
        (Some("leave"), [], None) => AreaPage::Leave(id),
        (None, [(item, Some(number))], None) => AreaPage::Item {
            id,
            item: *item,
            number: *number,
            delete,
        },
        (None, [], _) => AreaPage::Workspace(id, tool),
        _ => AreaPage::Unknown,
    }
}

/// Every workspace page: the server makes its HTML for the address.
#[component]
pub fn WorkspacesArea() -> impl IntoView {
    // The address names the page (`/workspaces/import` has a route of its
    // own, with no `id` parameter).
    let url = use_url();
    let page = Resource::new(
        move || {
            url.with(|url| {
                (
                    url.path().strip_prefix("/workspaces/").map(str::to_string),
                    url.search().to_string(),
                )
            })
        },
        |(id, query)| workspace_page(id, query),
    );
    server_made(page, || ())
}

/// `/workspaces/local`, the timeline kept in the browser (a chunk of its
/// own, `local`): its HTML from the server, then its code (`browser`).
#[component]
pub fn LocalTimelinePage() -> impl IntoView {
    let page = Resource::new(
        || (),
        |_| workspace_page(Some("local".into()), String::new()),
    );
    server_made(page, || {
        #[cfg(feature = "hydrate")]
        super::browser::start();
    })
}

/// A page whose HTML the server made; `then` runs in the browser once the
/// page is in place (after each page shown).
fn server_made(
    page: Resource<Result<Option<super::server::RenderedPage>, ServerFnError>>,
    then: fn(),
) -> impl IntoView {
    // A transition keeps the page shown until the next one arrives.
    view! {
        <Transition fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                page.await.map(|page| match page {
                    Some(page) => {
                        Effect::new(move |_| then());
                        view! {
                            <Title text=page.title />
                            <div inner_html=page.html></div>
                        }
                        .into_any()
                    }
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
        let timeline = |gap, lanes| Tool::Timeline { gap, lanes };
        assert_eq!(page(None, &[]), AreaPage::List);
        assert_eq!(page(Some("import"), &[]), AreaPage::Import);
        assert_eq!(page(Some("local"), &[]), AreaPage::Local);
        assert_eq!(
            page(Some("example"), &[("gap", "1440")]),
            AreaPage::Example(timeline(1440, LaneBy::Who))
        );
        assert_eq!(
            page(Some("example"), &[("tool", "scan")]),
            AreaPage::Example(Tool::Scan)
        );
        assert_eq!(
            page(Some("4"), &[("gap", "90"), ("lanes", "place")]),
            AreaPage::Workspace(4, timeline(90, LaneBy::Place))
        );
        assert_eq!(
            page(Some("4"), &[("tool", "plan")]),
            AreaPage::Workspace(4, Tool::Plan)
        );
        assert_eq!(
            page(Some("example"), &[("tool", "report")]),
            AreaPage::Example(Tool::Report)
        );
        assert_eq!(
            page(Some("4"), &[("edit", "details")]),
            AreaPage::Details(4)
        );
        assert_eq!(page(Some("4"), &[("edit", "delete")]), AreaPage::Delete(4));
        assert_eq!(
            page(Some("4"), &[("edit", "sharing")]),
            AreaPage::Sharing(4)
        );
        assert_eq!(page(Some("4"), &[("edit", "leave")]), AreaPage::Leave(4));
        let item = |item, number, delete| AreaPage::Item {
            id: 4,
            item,
            number,
            delete,
        };
        assert_eq!(
            page(Some("4"), &[("entry", "7")]),
            item(Item::Entry, 7, false)
        );
        assert_eq!(
            page(Some("4"), &[("entry", "7"), ("delete", "yes")]),
            item(Item::Entry, 7, true)
        );
        assert_eq!(
            page(Some("4"), &[("finding", "2")]),
            item(Item::Finding, 2, false)
        );
        assert_eq!(
            page(Some("4"), &[("factor", "3"), ("delete", "yes")]),
            item(Item::Factor, 3, true)
        );
        assert_eq!(
            page(Some("4"), &[("action", "9")]),
            item(Item::Action, 9, false)
        );
        for (id, query) in [
            ("x", vec![]),
            ("0", vec![]),
            ("4", vec![("edit", "other")]),
            ("4", vec![("entry", "seven")]),
            ("4", vec![("edit", "details"), ("entry", "7")]),
            ("4", vec![("entry", "7"), ("finding", "2")]),
            ("4", vec![("tool", "other")]),
            ("4", vec![("tool", "scan"), ("finding", "2")]),
            ("example", vec![("tool", "reports")]),
        ] {
            assert_eq!(page(Some(id), &query), AreaPage::Unknown, "{id} {query:?}");
        }
    }
}
