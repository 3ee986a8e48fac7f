//! The HTML document (server only) and the routed application (both sides).

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags, Title};
use leptos_router::{
    components::{Route, Router, Routes},
    path, SsrMode,
};

use crate::accounts::{
    AccountDeletedPage, AccountPage, AdminUserPage, AdminUsersPage, AuditLogPage, ChangeEmailPage,
    ChangePasswordPage, CheckEmailPage, ConfirmEmailPage, DeleteAccountPage, ForgotPasswordPage,
    MfaPage, RecoveryCodesPage, RegisterPage, ResetPasswordPage, ResetSentPage, SignInCodePage,
    SignInPage, SignedOutPage, VerifyEmailPage,
};
use crate::curation::{
    ContributionPage, CurationPage, EditContributionPage, ExportPage, HistoryPage,
    LessonEditorPage, LinksPage, MissedSearchesPage, MyContributionsPage, NewContributionPage,
    ReviewDatesPage, ReviewQueuePage,
};
use crate::layout::{current_viewer, Footer, Header, Notice, SkipLink, ViewerResource};
use crate::network::{
    ConnectionsPage, ConversationView, EditProfilePage, MemberPage, MessagesPage, NetworkPage,
};
use crate::organisations::{CurationOrganisationsPage, OrganisationEditorPage, OrganisationsPage};
use crate::pages::{AboutPage, HomePage, NotFoundPage, ServiceErrorPage};
use crate::resources::{
    LessonView, OrganisationPage, ResourcePage, ResourcesPage, SectorPage, ToolkitsPage,
};
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
                <link rel="stylesheet" href=stylesheet />
                <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
                {shown_path_script()}
                <HydrationScripts options />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// Puts the shown page's address in the address bar before the client
/// starts: the client routes by the address, so it must be the page's, and
/// a reload then asks for the page rather than posting again.
fn shown_path_script() -> impl IntoView {
    #[cfg(feature = "ssr")]
    fn script() -> Option<impl IntoView> {
        let path = use_context::<crate::web::form::ShownPath>()?.0;
        let nonce = leptos::nonce::use_nonce();
        // JSON is a JavaScript string literal; `<` escaped so no text can
        // close the script element.
        let literal = serde_json::to_string(&path).ok()?.replace('<', "\\u003c");
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
    mark_hydrated();
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
            <SkipLink />
            <Header />
            <div class="nhsuk-width-container">
                <main class="nhsuk-main-wrapper" id="maincontent">
                    <Notice />
                    <ErrorBoundary fallback=|_errors| view! { <ServiceErrorPage /> }>
                        <Routes fallback=NotFoundPage>
                            // Every page renders fully before sending: a missing item
                            // or a refused form gets its real status, and the
                            // session is saved after everything the page did.
                            <Route path=path!("") view=HomePage ssr=SsrMode::Async />
                            <Route path=path!("/about") view=AboutPage ssr=SsrMode::Async />
                            <Route path=path!("/resources") view=ResourcesPage ssr=SsrMode::Async />
                            <Route path=path!("/resources/:slug") view=ResourcePage ssr=SsrMode::Async />
                            <Route path=path!("/resources/:slug/lessons/:position") view=LessonView ssr=SsrMode::Async />
                            <Route path=path!("/toolkits") view=ToolkitsPage ssr=SsrMode::Async />
                            <Route path=path!("/sectors/:slug") view=SectorPage ssr=SsrMode::Async />
                            <Route path=path!("/organisations") view=OrganisationsPage ssr=SsrMode::Async />
                            <Route path=path!("/organisations/:slug") view=OrganisationPage ssr=SsrMode::Async />
                            <Route path=path!("/network") view=NetworkPage ssr=SsrMode::Async />
                            <Route path=path!("/network/members/:handle") view=MemberPage ssr=SsrMode::Async />
                            <Route path=path!("/network/connections") view=ConnectionsPage ssr=SsrMode::Async />
                            <Route path=path!("/network/messages") view=MessagesPage ssr=SsrMode::Async />
                            <Route path=path!("/network/messages/:handle") view=ConversationView ssr=SsrMode::Async />
                            <Route path=path!("/register") view=RegisterPage ssr=SsrMode::Async />
                            <Route path=path!("/register/check-email") view=CheckEmailPage ssr=SsrMode::Async />
                            <Route path=path!("/sign-in") view=SignInPage ssr=SsrMode::Async />
                            <Route path=path!("/sign-in/code") view=SignInCodePage ssr=SsrMode::Async />
                            <Route path=path!("/signed-out") view=SignedOutPage ssr=SsrMode::Async />
                            <Route path=path!("/account-deleted") view=AccountDeletedPage ssr=SsrMode::Async />
                            <Route path=path!("/verify-email/:token") view=VerifyEmailPage ssr=SsrMode::Async />
                            <Route path=path!("/forgot-password") view=ForgotPasswordPage ssr=SsrMode::Async />
                            <Route path=path!("/forgot-password/sent") view=ResetSentPage ssr=SsrMode::Async />
                            <Route path=path!("/reset-password/:token") view=ResetPasswordPage ssr=SsrMode::Async />
                            <Route path=path!("/confirm-email/:token") view=ConfirmEmailPage ssr=SsrMode::Async />
                            <Route path=path!("/account") view=AccountPage ssr=SsrMode::Async />
                            <Route path=path!("/account/profile") view=EditProfilePage ssr=SsrMode::Async />
                            <Route path=path!("/account/password") view=ChangePasswordPage ssr=SsrMode::Async />
                            <Route path=path!("/account/email") view=ChangeEmailPage ssr=SsrMode::Async />
                            <Route path=path!("/account/delete") view=DeleteAccountPage ssr=SsrMode::Async />
                            <Route path=path!("/account/mfa") view=MfaPage ssr=SsrMode::Async />
                            <Route path=path!("/account/recovery-codes") view=RecoveryCodesPage ssr=SsrMode::Async />
                            <Route path=path!("/curation") view=CurationPage ssr=SsrMode::Async />
                            <Route path=path!("/curation/searches") view=MissedSearchesPage ssr=SsrMode::Async />
                            <Route path=path!("/curation/review-dates") view=ReviewDatesPage ssr=SsrMode::Async />
                            <Route path=path!("/curation/links") view=LinksPage ssr=SsrMode::Async />
                            <Route path=path!("/curation/export") view=ExportPage ssr=SsrMode::Async />
                            <Route path=path!("/curation/queue") view=ReviewQueuePage ssr=SsrMode::Async />
                            <Route path=path!("/curation/organisations") view=CurationOrganisationsPage ssr=SsrMode::Async />
                            <Route path=path!("/curation/organisations/new") view=OrganisationEditorPage ssr=SsrMode::Async />
                            <Route path=path!("/curation/organisations/:slug") view=OrganisationEditorPage ssr=SsrMode::Async />
                            <Route path=path!("/contribute") view=MyContributionsPage ssr=SsrMode::Async />
                            <Route path=path!("/contribute/new") view=NewContributionPage ssr=SsrMode::Async />
                            <Route path=path!("/contribute/:slug") view=ContributionPage ssr=SsrMode::Async />
                            <Route path=path!("/contribute/:slug/edit") view=EditContributionPage ssr=SsrMode::Async />
                            <Route path=path!("/contribute/:slug/history") view=HistoryPage ssr=SsrMode::Async />
                            <Route path=path!("/contribute/:slug/lessons/new") view=LessonEditorPage ssr=SsrMode::Async />
                            <Route path=path!("/contribute/:slug/lessons/:position") view=LessonEditorPage ssr=SsrMode::Async />
                            <Route path=path!("/admin/users") view=AdminUsersPage ssr=SsrMode::Async />
                            <Route path=path!("/admin/users/:id") view=AdminUserPage ssr=SsrMode::Async />
                            <Route path=path!("/admin/audit") view=AuditLogPage ssr=SsrMode::Async />
                        </Routes>
                    </ErrorBoundary>
                </main>
            </div>
            <Footer />
        </Router>
    }
}

/// Once the client has taken over the server-rendered page, say so on
/// `<body>`: browser tests wait for it, and CSS could key off it.
fn mark_hydrated() {
    // Effects run only in the browser.
    Effect::new(|_| {
        #[cfg(feature = "hydrate")]
        if let Some(body) = document().body() {
            let _ = body.set_attribute("data-hydrated", "true");
        }
    });
}
