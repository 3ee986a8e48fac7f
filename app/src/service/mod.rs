//! The public service's own pages and duties: the accessibility statement,
//! privacy notice, cookies, contact page and community rules
//! (`statements`), feedback about the service (`feedback`), how long
//! records are kept and the job that deletes them (`retention`), what
//! search engines are told (`sitemap`: robots.txt and sitemap.xml), and a
//! member's copy of their data (`your_data`). It reads the other areas
//! (published resources, organisations, public profiles, the audit log,
//! each area's part of a member's data) through their repositories; none
//! of them uses it.

pub mod feedback;
#[cfg(feature = "ssr")]
pub mod repo;
pub mod retention;
#[cfg(feature = "ssr")]
pub mod sharing;
#[cfg(feature = "ssr")]
pub mod sitemap;
pub mod statements;
#[cfg(feature = "ssr")]
pub mod your_data;

pub use feedback::{FeedbackListPage, FeedbackPage};
pub use statements::StatementPage;

/// Form posts and plain endpoints of the area.
#[cfg(feature = "ssr")]
pub fn routes<S>() -> crate::web::access::Endpoints<S>
where
    S: Clone + Send + Sync + 'static,
    crate::web::form::WebContext: axum::extract::FromRef<S>,
{
    feedback::routes()
        .merge(sitemap::routes())
        .merge(your_data::routes())
}
