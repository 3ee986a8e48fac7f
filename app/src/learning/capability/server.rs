//! The read behind `/account/capability`: the member's takes and, for the
//! latest one's gaps, resources to close them.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

use super::types::CapabilityRecord;
#[cfg(feature = "ssr")]
use crate::{
    db::{from_context, internal_error},
    web::access::{require, Access},
};

/// How many resources each gap recommends.
#[cfg(feature = "ssr")]
const PER_GAP: usize = 3;

/// The signed-in member's self-assessments and recommendations. A
/// recommendation leaves out modules the member has completed.
#[server(input = GetUrl)]
pub async fn load_capability() -> Result<CapabilityRecord, ServerFnError> {
    use super::types::{gaps, Recommendation};
    let viewer = require(Access::SignedIn)?;
    let Some(user_id) = viewer.user_id() else {
        return Err(ServerFnError::new("not signed in"));
    };
    let db = from_context()?;
    let history = super::repo::history(&db, user_id)
        .await
        .map_err(internal_error)?;
    let completed = crate::learning::repo::completed_modules(&db, user_id)
        .await
        .map_err(internal_error)?;
    let mut recommendations = Vec::new();
    let latest = history
        .last()
        .map(|take| gaps(&take.ratings))
        .unwrap_or_default();
    for gap in latest {
        let Some(level) = gap.confidence.next() else {
            continue;
        };
        let resources = crate::resources::repo::for_capability(
            &db,
            gap.domain,
            level,
            (PER_GAP + completed.len()) as i64,
        )
        .await
        .map_err(internal_error)?
        .into_iter()
        .filter(|resource| !completed.contains(&resource.slug))
        .take(PER_GAP)
        .collect();
        recommendations.push(Recommendation {
            gap,
            level,
            resources,
        });
    }
    Ok(CapabilityRecord {
        history,
        recommendations,
    })
}
