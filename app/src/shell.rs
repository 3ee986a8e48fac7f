//! The HTML document (server only) and the routed application (both sides).

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags, Title};
use leptos_router::{
    components::{Route, Router, Routes},
    path, SsrMode,
};

use crate::layout::{Footer, Header, SkipLink};
use crate::organisations::{OrganisationPage, OrganisationsPage};
use crate::pages::{AboutPage, HomePage, NotFoundPage, ServiceErrorPage};
use crate::resources::{LessonView, ResourcePage, ResourcesPage, SectorPage, ToolkitsPage};
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
                <HydrationScripts options />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    mark_hydrated();

    view! {
        <Title formatter=|page: String| {
            if page.is_empty() { SERVICE_NAME.to_string() } else { format!("{page} – {SERVICE_NAME}") }
        } />
        <Router>
            <SkipLink />
            <Header />
            <div class="nhsuk-width-container">
                <main class="nhsuk-main-wrapper" id="maincontent">
                    <ErrorBoundary fallback=|_errors| view! { <ServiceErrorPage /> }>
                        <Routes fallback=NotFoundPage>
                            <Route path=path!("") view=HomePage ssr=SsrMode::Async />
                            <Route path=path!("/about") view=AboutPage />
                            // Data pages render fully before sending, so a
                            // missing item or a bad search gets its real status.
                            <Route path=path!("/resources") view=ResourcesPage ssr=SsrMode::Async />
                            <Route path=path!("/resources/:slug") view=ResourcePage ssr=SsrMode::Async />
                            <Route
                                path=path!("/resources/:slug/lessons/:position")
                                view=LessonView
                                ssr=SsrMode::Async
                            />
                            <Route path=path!("/toolkits") view=ToolkitsPage ssr=SsrMode::Async />
                            <Route path=path!("/sectors/:slug") view=SectorPage ssr=SsrMode::Async />
                            <Route path=path!("/organisations") view=OrganisationsPage ssr=SsrMode::Async />
                            <Route path=path!("/organisations/:slug") view=OrganisationPage ssr=SsrMode::Async />
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
