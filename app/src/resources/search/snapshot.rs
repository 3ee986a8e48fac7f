//! What search needs of every published resource (facet values, date,
//! length, title), kept in memory per process and per database, and
//! reloaded only when the catalogue's version in the database changes. Each
//! search then costs the full-text match alone: facets, ranking, sorting
//! and paging run over this snapshot instead of reading rows.
//!
//! Several instances sharing PostgreSQL each keep their own snapshot; the
//! version row (bumped by triggers on `resources`) tells each when to
//! reload, so none serves stale facets for longer than one search.

use std::collections::HashMap;
use std::sync::{Arc, LazyLock, Mutex};

use super::engine::Candidate;
use crate::db::Db;
use crate::resources::repo;

/// The published catalogue at one version.
pub struct Snapshot {
    pub version: (String, i64),
    pub resources: HashMap<i64, Candidate>,
}

/// Per database: the latest snapshot, behind an async lock so that when it
/// must be (re)loaded, one request loads it and the others wait for that
/// load instead of each running their own (a burst of requests at start-up
/// otherwise loads it once per request).
type Slot = Arc<tokio::sync::Mutex<Option<Arc<Snapshot>>>>;

static SNAPSHOTS: LazyLock<Mutex<HashMap<String, Slot>>> = LazyLock::new(Default::default);

/// The snapshot for `db`, reloaded first if the catalogue has changed.
pub async fn current(db: &Db) -> sqlx::Result<Arc<Snapshot>> {
    let slot: Slot = {
        let mut snapshots = SNAPSHOTS
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        snapshots.entry(db.identity()).or_default().clone()
    };
    // Read the version before the rows: a change in between makes the next
    // search reload again, never keeps stale rows.
    let version = repo::catalogue_version(db).await?;
    let mut latest = slot.lock().await;
    if let Some(snapshot) = latest
        .as_ref()
        .filter(|snapshot| snapshot.version == version)
    {
        return Ok(snapshot.clone());
    }
    let resources = repo::published_candidates(db)
        .await?
        .into_iter()
        .map(|mut candidate| {
            candidate.title_lower = candidate.title.to_lowercase();
            candidate.title_chars = candidate.title.chars().count();
            (candidate.id, candidate)
        })
        .collect();
    let snapshot = Arc::new(Snapshot { version, resources });
    *latest = Some(snapshot.clone());
    Ok(snapshot)
}
