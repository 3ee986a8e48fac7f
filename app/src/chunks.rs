//! Code splitting: which pages' code comes with the first page and which
//! waits in an area's chunk until the area is first visited.
//!
//! The pages most visits start on (home, search, a resource) are in the
//! main module that every first visit loads. Each other area is one chunk
//! (the rest of the catalogue is one too: lessons, toolkits, sectors,
//! providers): built by `cargo leptos build --split`, fetched the first time
//! one of its pages is opened in the browser (or a link to it is pointed
//! at), then kept. The server renders every page whole either way; on a
//! first visit to an area's page the client fetches that area's chunk
//! before it takes the page over ([`load_first_page_chunk`]).
//!
//! Each route of an area is a [`LazyRoute`](leptos_router::LazyRoute)
//! whose view is a split function in the area's chunk (`wasm_split` groups split functions by chunk name).
//! Those functions are `fallible`: when a chunk cannot be fetched (offline,
//! or a deploy replaced the files), the reader is sent to the page by a
//! normal page load instead of being left on a page that never changes.

use leptos::prelude::*;
#[cfg(feature = "hydrate")]
use leptos_router::hooks::use_url;

/// A chunk's code could not be fetched.
#[derive(Debug, Clone, Copy)]
pub struct ChunkUnavailable;

impl From<wasm_split_helpers::SplitLoaderError> for ChunkUnavailable {
    fn from(_: wasm_split_helpers::SplitLoaderError) -> Self {
        ChunkUnavailable
    }
}

/// Fetches the chunk of the page the server sent, if it is in one, before
/// the client takes the page over. Err: it could not be fetched, and the
/// client should not start, so the page stays as the server sent it, its
/// links and forms working as plain HTML (a client that started would stop
/// at the missing code with the router already catching link clicks).
#[cfg(feature = "hydrate")]
pub async fn load_first_page_chunk() -> Result<(), ChunkUnavailable> {
    match chunk_for_address_bar() {
        Some(chunk) => chunk.load().await,
        None => Ok(()),
    }
}

/// The chunk of the page in the address bar (the server's page until a
/// client-side navigation completes).
#[cfg(feature = "hydrate")]
fn chunk_for_address_bar() -> Option<Chunk> {
    chunk_for_path(&window().location().pathname().unwrap_or_default())
}

/// The address a lazy route was opened for: the router's, which during a
/// client-side navigation is not yet the address bar's.
#[derive(Debug, Clone)]
pub struct Destination(String);

impl Destination {
    fn of_route() -> Self {
        // Only the browser needs it (and the server never sees the #part).
        #[cfg(feature = "hydrate")]
        return Self(use_url().with_untracked(|url| {
            let mut address = url.path().to_string();
            if !url.search().is_empty() {
                address.push('?');
                address.push_str(url.search());
            }
            if !url.hash().is_empty() && !url.hash().starts_with('#') {
                address.push('#');
            }
            address + url.hash()
        }));
        #[cfg(not(feature = "hydrate"))]
        Self(String::new())
    }

    /// The page's chunk did not load: after a client-side navigation, go
    /// there by a full page load, as a browser without script would. It
    /// replaces the history entry the router is about to push for the
    /// address, so Back returns to the page before. (On the page the server
    /// sent, the client never starts without its chunk:
    /// [`load_first_page_chunk`].)
    fn load_in_full(&self) -> AnyView {
        #[cfg(feature = "hydrate")]
        if navigation::has_navigated() {
            let _ = window().location().replace(&self.0);
        }
        let _ = &self.0;
        ().into_any()
    }
}

/// Whether the reader has moved from the page the server sent, by a link or
/// by the back and forward buttons.
#[cfg(feature = "hydrate")]
mod navigation {
    use std::cell::Cell;

    thread_local! {
        static NAVIGATED: Cell<bool> = const { Cell::new(false) };
    }

    pub fn has_navigated() -> bool {
        NAVIGATED.with(Cell::get)
    }

    pub fn note_navigation() {
        NAVIGATED.with(|navigated| navigated.set(true));
    }
}

/// Watches the router's address, inside `<Router>`, for [`Destination`]:
/// the first address seen is the server's page, any later one a navigation.
#[component]
pub fn NavigationWatch() -> impl IntoView {
    #[cfg(feature = "hydrate")]
    {
        let url = use_url();
        Effect::new(move |first_seen: Option<String>| {
            let path = url.with(|url| url.path().to_string());
            let first_seen = first_seen.unwrap_or_else(|| path.clone());
            if path != first_seen {
                navigation::note_navigation();
            }
            first_seen
        });
        prefetch::on_intent();
    }
}

/// Who says that the first page has been taken over.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FirstPage {
    /// The app, for a page whose code came with the main module.
    InMainModule,
    /// The page's route, once its chunk has loaded and it has hydrated.
    InChunk,
    /// The page for an address no route matches (in the main module,
    /// whatever the address).
    NotFound,
}

/// Once the client has taken over the page the server sent, says so on
/// `<body>` (`data-hydrated`): browser tests wait for it before using a
/// page's script. A page in a chunk is taken over only when its chunk has
/// loaded, so the app leaves the saying to that page's route.
pub fn mark_hydrated(by: FirstPage) {
    // Effects run only in the browser, after the view they belong to.
    Effect::new(move |_| {
        #[cfg(feature = "hydrate")]
        {
            let in_chunk = chunk_for_address_bar().is_some();
            let taken_over = match by {
                FirstPage::InMainModule => !in_chunk,
                FirstPage::InChunk => in_chunk,
                FirstPage::NotFound => true,
            };
            if taken_over {
                if let Some(body) = document().body() {
                    let _ = body.set_attribute("data-hydrated", "true");
                }
            }
        }
        let _ = by;
    });
}

/// Declares an area's chunk: a module named after it holding one
/// [`LazyRoute`](leptos_router::LazyRoute) per page (`Route => page component`), the split function
/// that renders each page, and `load()`, which fetches the chunk ahead of
/// need.
macro_rules! chunk {
    ($(#[$doc:meta])* $chunk:ident { $($route:ident => $page:path),+ $(,)? }) => {
        $(#[$doc])*
        pub mod $chunk {
            use leptos::prelude::*;
            use leptos_router::LazyRoute;

            /// Fetches the chunk without rendering anything.
            #[wasm_split_helpers::wasm_split($chunk, fallible, preload(load))]
            pub fn chunk_marker() -> Result<(), crate::chunks::ChunkUnavailable> {
                Ok(())
            }

            /// Each page's view, in the chunk. A module per page, because
            /// each split function keeps its own record of its chunk being
            /// loaded: a route must preload through its own view function,
            /// or hydrating it would find the view not yet ready.
            pub mod views {
                $(
                    #[allow(non_snake_case)]
                    pub mod $route {
                        use leptos::prelude::*;

                        #[doc = concat!("Renders [`", stringify!($page), "`].")]
                        #[wasm_split_helpers::wasm_split($chunk, fallible, preload(preload))]
                        pub fn $route() -> Result<AnyView, crate::chunks::ChunkUnavailable> {
                            crate::chunks::mark_hydrated(crate::chunks::FirstPage::InChunk);
                            Ok(view! { <$page /> }.into_any())
                        }
                    }
                )+
            }

            $(
                #[doc = concat!("The route to [`", stringify!($page), "`].")]
                pub struct $route {
                    destination: crate::chunks::Destination,
                }

                impl LazyRoute for $route {
                    fn data() -> Self {
                        Self { destination: crate::chunks::Destination::of_route() }
                    }

                    async fn view(this: Self) -> AnyView {
                        match views::$route::$route().await {
                            Ok(page) => page,
                            Err(crate::chunks::ChunkUnavailable) => this.destination.load_in_full(),
                        }
                    }

                    async fn preload() {
                        // A failure here is met again, and handled, by `view`.
                        let _ = views::$route::preload().await;
                    }
                }
            )+
        }
    };
}

chunk! {
    /// The rest of the catalogue: lessons, the toolkits page, sector and
    /// provider pages, the about page.
    catalogue {
        LessonRoute => crate::learning::LessonWithProgress,
        ToolkitsRoute => crate::resources::ToolkitsPage,
        SectorRoute => crate::resources::SectorPage,
        OrganisationsRoute => crate::organisations::OrganisationsPage,
        OrganisationRoute => crate::resources::OrganisationPage,
        AboutRoute => crate::pages::AboutPage,
    }
}

chunk! {
    /// Registering, signing in and out, and a member's own account: its
    /// settings, two-step verification and profile.
    account {
        RegisterRoute => crate::accounts::RegisterPage,
        CheckEmailRoute => crate::accounts::CheckEmailPage,
        SignInRoute => crate::accounts::SignInPage,
        SignInCodeRoute => crate::accounts::SignInCodePage,
        SignedOutRoute => crate::accounts::SignedOutPage,
        AccountDeletedRoute => crate::accounts::AccountDeletedPage,
        VerifyEmailRoute => crate::accounts::VerifyEmailPage,
        ForgotPasswordRoute => crate::accounts::ForgotPasswordPage,
        ResetSentRoute => crate::accounts::ResetSentPage,
        ResetPasswordRoute => crate::accounts::ResetPasswordPage,
        ConfirmEmailRoute => crate::accounts::ConfirmEmailPage,
        AccountRoute => crate::accounts::AccountPage,
        EditProfileRoute => crate::network::EditProfilePage,
        ChangePasswordRoute => crate::accounts::ChangePasswordPage,
        ChangeEmailRoute => crate::accounts::ChangeEmailPage,
        DeleteAccountRoute => crate::accounts::DeleteAccountPage,
        MfaRoute => crate::accounts::MfaPage,
        RecoveryCodesRoute => crate::accounts::RecoveryCodesPage,
    }
}

chunk! {
    /// The network's directory, apart from the rest of the network: it is
    /// the network's most visited page, and the first page of many visits,
    /// and it needs none of the forms the other pages share with the
    /// account's (with them its first visit fetched 125 KB more than home's,
    /// and Lighthouse's performance on the 2-core CI host fell to 78–84).
    directory {
        NetworkRoute => crate::network::NetworkPage,
    }
}

chunk! {
    /// The rest of the network: members' profiles, connections, messages.
    network {
        MemberRoute => crate::network::MemberPage,
        ConnectionsRoute => crate::network::ConnectionsPage,
        MessagesRoute => crate::network::MessagesPage,
        ConversationRoute => crate::network::ConversationView,
    }
}

chunk! {
    /// Curators' pages: reviews, reports, the organisations editor and
    /// what members answered to "Was this useful?"; and admins' pages:
    /// members, roles, the audit log and feedback. One chunk for the staff's
    /// pages, because each chunk costs every first visit about 0.5 KB of
    /// wasm-split's loader script (session 21, when the directory got one).
    curation {
        CurationRoute => crate::curation::CurationPage,
        MissedSearchesRoute => crate::curation::MissedSearchesPage,
        ReviewDatesRoute => crate::curation::ReviewDatesPage,
        LinksRoute => crate::curation::LinksPage,
        ExportRoute => crate::curation::ExportPage,
        ReviewQueueRoute => crate::curation::ReviewQueuePage,
        CurationOrganisationsRoute => crate::organisations::CurationOrganisationsPage,
        NewOrganisationRoute => crate::organisations::OrganisationEditorPage,
        EditOrganisationRoute => crate::organisations::OrganisationEditorPage,
        UsefulnessReportRoute => crate::learning::useful::UsefulnessReportPage,
        ResourceUsefulnessRoute => crate::learning::useful::ResourceUsefulnessPage,
        AdminUsersRoute => crate::accounts::AdminUsersPage,
        AdminUserRoute => crate::accounts::AdminUserPage,
        AuditLogRoute => crate::accounts::AuditLogPage,
        FeedbackListRoute => crate::service::FeedbackListPage,
    }
}

chunk! {
    /// The service's own pages: its statements and the feedback form (kept
    /// apart so the catalogue's pages do not bring the form code with them).
    service {
        StatementRoute => crate::service::StatementPage,
        FeedbackRoute => crate::service::FeedbackPage,
    }
}

chunk! {
    /// Reporting content and moderating it (the report form, a member's
    /// reports, the moderators' queue and case pages), and a member's
    /// learning record, CPD log, collections and certificates: pages built from the same forms and
    /// tables, kept out of the account chunk so signing in does not bring
    /// them (a chunk of their own would cost every first visit 1 KB).
    moderation {
        ReportRoute => crate::moderation::ReportPage,
        OwnReportsRoute => crate::moderation::OwnReportsPage,
        ReportsQueueRoute => crate::moderation::ReportsQueuePage,
        ReportCaseRoute => crate::moderation::ReportCasePage,
        LearningRoute => crate::learning::LearningArea,
        NewCpdEntryRoute => crate::learning::NewCpdEntryPage,
        CpdPrintRoute => crate::learning::CpdPrintPage,
        CpdEntryRoute => crate::learning::CpdEntryPage,
        CollectionsRoute => crate::learning::collections::CollectionsArea,
        CredentialsRoute => crate::learning::credentials::CredentialsArea,
    }
}

chunk! {
    /// Contributors' pages: their contributions, the resource and lesson
    /// editor, and a contribution's history.
    editor {
        MyContributionsRoute => crate::curation::MyContributionsPage,
        NewContributionRoute => crate::curation::NewContributionPage,
        ContributionRoute => crate::curation::ContributionPage,
        EditContributionRoute => crate::curation::EditContributionPage,
        HistoryRoute => crate::curation::HistoryPage,
        NewLessonRoute => crate::curation::LessonEditorPage,
        EditLessonRoute => crate::curation::LessonEditorPage,
    }
}

chunk! {
    /// The toolkits' working tools: "Your investigations" and a timeline
    /// (pages whose HTML the server makes; the interactive tools to come
    /// join them here).
    tools {
        WorkspacesRoute => crate::toolkits::WorkspacesArea,
    }
}

chunk! {
    /// The timeline kept in the browser (`/workspaces/local`): its code
    /// (the timeline's rules, the file, storage) is that page's alone, so
    /// the other tool pages do not load it.
    local {
        LocalRoute => crate::toolkits::LocalTimelinePage,
    }
}

/// Which chunk a page at `path` needs, if any: the area is the first part
/// of the address (the route table in `shell` follows the same split).
pub fn chunk_for_path(path: &str) -> Option<Chunk> {
    let path = path.split(['?', '#']).next()?;
    let mut parts = path.trim_start_matches('/').split('/');
    let first = parts.next()?;
    Some(match first {
        // /resources/{slug}/lessons/{position}
        "resources" if parts.nth(1) == Some("lessons") => Chunk::Catalogue,
        "about" | "toolkits" | "sectors" | "organisations" => Chunk::Catalogue,
        "accessibility" | "privacy" | "cookies" | "contact" | "community-rules" | "feedback" => {
            Chunk::Service
        }
        // /report/…, /account/reports, /curation/reports[/{id}]
        "report" => Chunk::Moderation,
        "account" | "curation" if parts.clone().next() == Some("reports") => Chunk::Moderation,
        "account"
            if matches!(
                parts.next(),
                Some("learning" | "collections" | "capability")
            ) =>
        {
            Chunk::Moderation
        }
        "collections" | "credentials" => Chunk::Moderation,
        "register" | "sign-in" | "signed-out" | "account-deleted" | "verify-email"
        | "forgot-password" | "reset-password" | "confirm-email" | "account" => Chunk::Account,
        "network" if matches!(parts.next(), None | Some("")) => Chunk::Directory,
        "network" => Chunk::Network,
        "curation" => Chunk::Curation,
        "contribute" => Chunk::Editor,
        "admin" => Chunk::Curation,
        "workspaces" if parts.next() == Some("local") && parts.next().is_none() => Chunk::Local,
        "workspaces" => Chunk::Tools,
        _ => return None,
    })
}

/// The chunks, for fetching one ahead of need.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Chunk {
    Catalogue,
    Account,
    Directory,
    Network,
    Curation,
    Editor,
    Service,
    Moderation,
    Tools,
    Local,
}

impl Chunk {
    /// Fetches the chunk (once; a failed fetch is tried again next time).
    pub async fn load(self) -> Result<(), ChunkUnavailable> {
        match self {
            Chunk::Catalogue => catalogue::load().await?,
            Chunk::Account => account::load().await?,
            Chunk::Directory => directory::load().await?,
            Chunk::Network => network::load().await?,
            Chunk::Curation => curation::load().await?,
            Chunk::Editor => editor::load().await?,
            Chunk::Service => service::load().await?,
            Chunk::Moderation => moderation::load().await?,
            Chunk::Tools => tools::load().await?,
            Chunk::Local => local::load().await?,
        }
        Ok(())
    }
}

/// Fetching a chunk when the pointer rests on, or the keyboard focuses, a
/// link to one of its pages: by the click, the code is usually there.
#[cfg(feature = "hydrate")]
mod prefetch {
    use super::{chunk_for_path, Chunk};
    use leptos::ev;
    use leptos::prelude::*;
    use std::cell::RefCell;
    use wasm_bindgen::JsCast;

    thread_local! {
        static ASKED: RefCell<Vec<Chunk>> = const { RefCell::new(Vec::new()) };
    }

    pub fn on_intent() {
        let handles = [
            window_event_listener(ev::pointerover, |event| intent(event.target())),
            window_event_listener(ev::focusin, |event| intent(event.target())),
        ];
        on_cleanup(move || handles.into_iter().for_each(|handle| handle.remove()));
    }

    fn intent(target: Option<web_sys::EventTarget>) {
        let Some(link) = target
            .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
            .and_then(|element| element.closest("a[href]").ok().flatten())
            .and_then(|link| link.dyn_into::<web_sys::HtmlAnchorElement>().ok())
        else {
            return;
        };
        if link.origin() != window().location().origin().unwrap_or_default() {
            return;
        }
        let Some(chunk) = chunk_for_path(&link.pathname()) else {
            return;
        };
        let first_ask = ASKED.with(|asked| {
            let mut asked = asked.borrow_mut();
            !asked.contains(&chunk) && {
                asked.push(chunk);
                true
            }
        });
        if first_ask {
            leptos::task::spawn_local(async move {
                if chunk.load().await.is_err() {
                    // Not loaded: let a later pointer or click try again.
                    ASKED.with(|asked| asked.borrow_mut().retain(|asked| *asked != chunk));
                }
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn home_search_and_resources_need_no_chunk() {
        for path in [
            "/",
            "/resources",
            "/resources?q=lessons",
            "/resources/seips-scan?tab=lessons",
            "/resources/lessons",
        ] {
            assert_eq!(chunk_for_path(path), None, "{path}");
        }
    }

    #[test]
    fn each_area_has_its_chunk() {
        let cases = [
            ("/resources/seips-scan/lessons/2", Chunk::Catalogue),
            ("/toolkits", Chunk::Catalogue),
            ("/sectors/mental-health", Chunk::Catalogue),
            ("/organisations/hssib", Chunk::Catalogue),
            ("/about", Chunk::Catalogue),
            ("/sign-in", Chunk::Account),
            ("/sign-in/code", Chunk::Account),
            ("/register/check-email", Chunk::Account),
            ("/reset-password/abc", Chunk::Account),
            ("/account/profile", Chunk::Account),
            ("/account/learning", Chunk::Moderation),
            ("/account/learning/cpd/3", Chunk::Moderation),
            ("/account/capability", Chunk::Moderation),
            ("/account/learning-x", Chunk::Account),
            ("/account/collections/4", Chunk::Moderation),
            ("/collections/abc", Chunk::Moderation),
            ("/credentials/abc", Chunk::Moderation),
            ("/credentials/check", Chunk::Moderation),
            ("/network", Chunk::Directory),
            ("/network?q=sam&sector=mental-health", Chunk::Directory),
            ("/network/", Chunk::Directory),
            ("/network/messages/sam", Chunk::Network),
            ("/admin/users/3", Chunk::Curation),
            ("/network/connections", Chunk::Network),
            ("/network/members/sam?x=1", Chunk::Network),
            ("/curation/organisations/new", Chunk::Curation),
            ("/contribute/new", Chunk::Editor),
            ("/admin/audit", Chunk::Curation),
            ("/admin/feedback", Chunk::Curation),
            ("/workspaces", Chunk::Tools),
            ("/workspaces/4?entry=2", Chunk::Tools),
            ("/workspaces/local", Chunk::Local),
            ("/workspaces/local/x", Chunk::Tools),
            ("/privacy", Chunk::Service),
            ("/feedback?page=/about", Chunk::Service),
            ("/report/message/12", Chunk::Moderation),
            ("/account/reports", Chunk::Moderation),
            ("/curation/reports/3", Chunk::Moderation),
            ("/curation/reports", Chunk::Moderation),
            ("/curation/review-dates", Chunk::Curation),
        ];
        for (path, chunk) in cases {
            assert_eq!(chunk_for_path(path), Some(chunk), "{path}");
        }
    }

    #[test]
    fn an_address_that_merely_starts_like_an_area_is_not_one() {
        assert_eq!(chunk_for_path("/networking-guide"), None);
        assert_eq!(chunk_for_path("/accounts"), None);
    }
}
