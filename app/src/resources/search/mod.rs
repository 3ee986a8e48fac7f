//! Searching the catalogue: parameters (shared with the browser, so links
//! and forms are built from the same type), the query language for each
//! backend, and the ranking, facet counting and paging done on the server.

#[cfg(feature = "ssr")]
pub mod engine;
mod params;
mod results;
#[cfg(feature = "ssr")]
pub mod snapshot;
#[cfg(feature = "ssr")]
pub mod terms;

pub use params::{ParamError, SearchParams, Sort, MAX_QUERY_CHARS, PAGE_SIZE};
pub use results::{FacetGroup, FacetValue, Highlighted, SearchOutcome};
