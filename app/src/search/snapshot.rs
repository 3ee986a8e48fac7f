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

static SNAPSHOTS: LazyLock<Mutex<HashMap<String, Arc<Snapshot>>>> = LazyLock::new(Default::default);

/// The snapshot for `db`, reloaded first if the catalogue has changed.
pub async fn current(db: &Db) -> sqlx::Result<Arc<Snapshot>> {
    let key = db.identity();
    // Read the version before the rows: a change in between makes the next
    // search reload again, never keeps stale rows.
    let version = repo::catalogue_version(db).await?;
    let cached = SNAPSHOTS
        .lock()
        .ok()
        .and_then(|snapshots| snapshots.get(&key).cloned())
        .filter(|snapshot| snapshot.version == version);
    if let Some(snapshot) = cached {
        return Ok(snapshot);
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
    if let Ok(mut snapshots) = SNAPSHOTS.lock() {
        snapshots.insert(key, snapshot.clone());
    }
    Ok(snapshot)
}
