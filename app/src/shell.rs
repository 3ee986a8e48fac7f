//! The HTML document (server only) and the routed application (both sides).

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags, Title};
use leptos_router::{
    components::{FlatRoutes, Route, Router},
    path, Lazy, SsrMode,
};

use crate::chunks::{
    account, catalogue, curation, directory, editor, local, moderation, network, service, tools,
    NavigationWatch,
};
use crate::layout::{
    current_viewer, Footer, Header, Notice, PhaseBanner, SkipLink, ViewerResource,
};
use crate::pages::{HomePage, NotFoundPage, ServiceErrorPage};
use crate::resources::{ResourcePage, ResourcesPage};
use crate::SERVICE_NAME;

/// The whole HTML document. Runs only on the server; the client hydrates
/// [`App`] inside `<body>`.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    let stylesheet = crate::assets::stylesheet_href(&options);
    #[cfg(not(feature = "ssr"))]
    let stylesheet = String::new();
    #[cfg(feature = "ssr")]
    crate::assets::provide_nonce_and_csp();

    view! {
        <!DOCTYPE html>
        <html lang="en">
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="description" content="Modules, toolkits and guides for patient-safety investigators, and a network to find and learn from peers." />
                // The design system's font is on assets.nhs.uk: meet that
                // server while the page is still arriving (the faces are
                // font-display: optional, so text never waits for them).
                <link rel="preconnect" href="https://assets.nhs.uk" crossorigin="" />
                <link rel="stylesheet" href=stylesheet />
                <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
                {shown_path_script()}
                {sharing_tags()}
                {client_script(&options)}
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// Starts the client once the page has loaded (or after 3 s, should a web
/// font from another server hold the load event up) and the browser is
/// idle, with no preload hints: on a slow connection the WASM then does not compete
/// with the page's HTML and CSS for the first paint (leptos's
/// `HydrationScripts` preloads it from `<head>`, which on a simulated slow
/// 4G connection put the largest paint after the WASM's download). The
/// page is whole and usable before: links and forms are plain HTML.
fn client_script(options: &LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    fn script(options: &LeptosOptions) -> Option<impl IntoView> {
        let assets = crate::assets::page_assets(options);
        let [script, wasm, ..] = assets.as_slice() else {
            return None;
        };
        let script = script_string(&format!("/{script}"))?;
        let wasm = script_string(&format!("/{wasm}"))?;
        let nonce = leptos::nonce::use_nonce();
        Some(view! {
            <script type="module" nonce=nonce>
                {format!(
                    "let started = false;\
                     const start = () => {{ if (started) return; started = true;\
                         import({script}).then((client) => \
                             client.default({{ module_or_path: {wasm} }}).then(() => client.hydrate())); }};\
                     const whenIdle = () => \"requestIdleCallback\" in window \
                         ? requestIdleCallback(start, {{ timeout: 2000 }}) : setTimeout(start, 0);\
                     if (document.readyState === \"complete\") whenIdle();\
                     else {{ addEventListener(\"load\", whenIdle, {{ once: true }}); setTimeout(whenIdle, 3000); }}"
                )}
            </script>
        })
    }
    #[cfg(not(feature = "ssr"))]
    fn script(_: &LeptosOptions) -> Option<()> {
        None
    }
    script(options)
}

/// `text` as a JavaScript string literal to write inside a `<script>`
/// element: JSON, with `<` escaped so no text can close the element.
#[cfg(feature = "ssr")]
fn script_string(text: &str) -> Option<String> {
    Some(serde_json::to_string(text).ok()?.replace('<', "\\u003c"))
}

/// Puts the shown page's address in the address bar before the client
/// starts: the client routes by the address, so it must be the page's, and
/// a reload then asks for the page rather than posting again.
fn shown_path_script() -> impl IntoView {
    #[cfg(feature = "ssr")]
    fn script() -> Option<impl IntoView> {
        let path = use_context::<crate::web::form::ShownPath>()?.0;
        let nonce = leptos::nonce::use_nonce();
        let literal = script_string(&path)?;
        Some(view! {
            <script nonce=nonce>{format!("history.replaceState(null, \"\", {literal});")}</script>
        })
    }
    #[cfg(not(feature = "ssr"))]
    fn script() -> Option<()> {
        None
    }
    script()
}

/// The canonical link and link-preview tags of the page being rendered
/// (`service::sharing`): in the server's `<head>`, which is never hydrated.
fn sharing_tags() -> impl IntoView {
    #[cfg(feature = "ssr")]
    let tags = crate::service::sharing::sharing_tags();
    #[cfg(not(feature = "ssr"))]
    let tags = ();
    tags
}

/// The document as a type-erased view, for pages rendered outside the
/// router (a form shown again after a failed post: `web::form`). Erased
/// here, where the crate allows its deeply nested view types.
#[cfg(feature = "ssr")]
pub fn shell_view(options: LeptosOptions) -> AnyView {
    shell(options).into_any()
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    crate::chunks::mark_hydrated(crate::chunks::FirstPage::InMainModule);
    // Who is signed in, for the header and the one-off notice; read once
    // per page load (every account action ends in a full page load).
    let viewer: ViewerResource = Resource::new(|| (), |_| current_viewer());
    provide_context(viewer);

    view! {
        // Every page's title passes through here, and leptos_meta writes the
        // result raw into the server's HTML: escape it once, for all pages.
        <Title formatter=|page: String| {
            crate::raw_text::escaped_on_server(
                if page.is_empty() { SERVICE_NAME.to_string() } else { format!("{page} – {SERVICE_NAME}") },
            )
        } />
        <Router>
            <NavigationWatch />
            <SkipLink />
            <Header />
            <PhaseBanner />
            <div class="nhsuk-width-container">
                <main class="nhsuk-main-wrapper" id="maincontent">
                    <Notice />
                    <ErrorBoundary fallback=|_errors| view! { <ServiceErrorPage /> }>
                        // Every route is one level deep, so the flat router: its
                        // matching is leaner than the nested one's (the main
                        // module came out 10 KB smaller with brotli).
                        <FlatRoutes fallback=|| {
                            crate::chunks::mark_hydrated(crate::chunks::FirstPage::NotFound);
                            view! { <NotFoundPage /> }
                        }>
                            // Every page renders fully before sending: a missing item
                            // or a refused form gets its real status, and the
                            // session is saved after everything the page did.
                            <Route path=path!("") view=HomePage ssr=SsrMode::Async />
                            <Route path=path!("/about") view={Lazy::<catalogue::AboutRoute>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/resources") view=ResourcesPage ssr=SsrMode::Async />
                            <Route path=path!("/resources/:slug") view=|| view! { <ResourcePage text=crate::learning::with_reader_panels /> } ssr=SsrMode::Async />
                            <Route path=path!("/resources/:slug/lessons/:position") view={Lazy::<catalogue::LessonRoute>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/accessibility") view={Lazy::<service::StatementRoute>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/privacy") view={Lazy::<service::StatementRoute>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/cookies") view={Lazy::<service::StatementRoute>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/contact") view={Lazy::<service::StatementRoute>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/community-rules") view={Lazy::<service::StatementRoute>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/feedback") view={Lazy::<service::FeedbackRoute>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/toolkits") view={Lazy::<catalogue::ToolkitsRoute>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/sectors/:slug") view={Lazy::<catalogue::SectorRoute>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/organisations") view={Lazy::<catalogue::OrganisationsRoute>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/organisations/:slug") view={Lazy::<catalogue::OrganisationRoute>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/network") view={Lazy::<directory::NetworkRoute>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/network/members/:handle") view={Lazy::<network::MemberRoute>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/network/connections") view={Lazy::<network::ConnectionsRoute>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/network/messages") view={Lazy::<network::MessagesRoute>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/network/messages/:handle") view={Lazy::<network::ConversationRoute>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/report/:kind/:target") view={Lazy::<moderation::ReportRoute>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/register") view={Lazy::<account::RegisterRoute>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/register/check-email") view={Lazy::<account::CheckEmailRoute>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/sign-in") view={Lazy::<account::SignInRoute>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/sign-in/code") view={Lazy::<account::SignInCodeRoute>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/signed-out") view={Lazy::<account::SignedOutRoute>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/account-deleted") view={Lazy::<account::AccountDeletedRoute>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/verify-email/:token") view={Lazy::<account::VerifyEmailRoute>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/forgot-password") view={Lazy::<account::ForgotPasswordRoute>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/forgot-password/sent") view={Lazy::<account::ResetSentRoute>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/reset-password/:token") view={Lazy::<account::ResetPasswordRoute>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/confirm-email/:token") view={Lazy::<account::ConfirmEmailRoute>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/account") view={Lazy::<account::AccountRoute>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/account/profile") view={Lazy::<account::EditProfileRoute>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/account/password") view={Lazy::<account::ChangePasswordRoute>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/account/email") view={Lazy::<account::ChangeEmailRoute>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/account/delete") view={Lazy::<account::DeleteAccountRoute>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/account/mfa") view={Lazy::<account::MfaRoute>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/account/recovery-codes") view={Lazy::<account::RecoveryCodesRoute>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/account/learning") view={Lazy::<moderation::LearningRoute>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/account/capability") view={Lazy::<moderation::LearningRoute>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/account/learning/cpd/new") view={Lazy::<moderation::NewCpdEntryRoute>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/account/learning/cpd/print") view={Lazy::<moderation::CpdPrintRoute>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/account/learning/cpd/:id") view={Lazy::<moderation::CpdEntryRoute>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/account/reports") view={Lazy::<moderation::OwnReportsRoute>::new()} ssr=SsrMode::Async />
                            // One lazy route for every collections page (see CollectionsArea).
                            <Route path=path!("/account/collections") view={Lazy::<moderation::CollectionsRoute>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/account/collections/:id") view={Lazy::<moderation::CollectionsRoute>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/collections/:token") view={Lazy::<moderation::CollectionsRoute>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/workspaces") view={Lazy::<tools::WorkspacesRoute>::new()} ssr=SsrMode::Async />
                            // A fixed address of its own, so that its upload form's POST
                            // (an endpoint) and the page share one route.
                            <Route path=path!("/workspaces/import") view={Lazy::<tools::WorkspacesRoute>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/workspaces/local") view={Lazy::<local::LocalRoute>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/workspaces/:id") view={Lazy::<tools::WorkspacesRoute>::new()} ssr=SsrMode::Async />
                            // A certificate, and the page that checks one.
                            <Route path=path!("/credentials/check") view={Lazy::<moderation::CredentialsRoute>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/credentials/:id") view={Lazy::<moderation::CredentialsRoute>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/curation") view={Lazy::<curation::CurationRoute>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/curation/searches") view={Lazy::<curation::MissedSearchesRoute>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/curation/review-dates") view={Lazy::<curation::ReviewDatesRoute>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/curation/links") view={Lazy::<curation::LinksRoute>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/curation/usefulness") view={Lazy::<curation::UsefulnessReportRoute>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/curation/usefulness/:slug") view={Lazy::<curation::ResourceUsefulnessRoute>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/curation/export") view={Lazy::<curation::ExportRoute>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/curation/queue") view={Lazy::<curation::ReviewQueueRoute>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/curation/organisations") view={Lazy::<curation::CurationOrganisationsRoute>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/curation/organisations/new") view={Lazy::<curation::NewOrganisationRoute>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/curation/organisations/:slug") view={Lazy::<curation::EditOrganisationRoute>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/curation/reports") view={Lazy::<moderation::ReportsQueueRoute>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/curation/reports/:id") view={Lazy::<moderation::ReportCaseRoute>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/contribute") view={Lazy::<editor::MyContributionsRoute>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/contribute/new") view={Lazy::<editor::NewContributionRoute>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/contribute/:slug") view={Lazy::<editor::ContributionRoute>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/contribute/:slug/edit") view={Lazy::<editor::EditContributionRoute>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/contribute/:slug/history") view={Lazy::<editor::HistoryRoute>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/contribute/:slug/lessons/new") view={Lazy::<editor::NewLessonRoute>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/contribute/:slug/lessons/:position") view={Lazy::<editor::EditLessonRoute>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/admin/users") view={Lazy::<curation::AdminUsersRoute>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/admin/users/:id") view={Lazy::<curation::AdminUserRoute>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/admin/audit") view={Lazy::<curation::AuditLogRoute>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/admin/feedback") view={Lazy::<curation::FeedbackListRoute>::new()} ssr=SsrMode::Async />
                        </FlatRoutes>
                    </ErrorBoundary>
                </main>
            </div>
            <Footer />
        </Router>
    }
}
