//! The demo network's collections (`[[collections]]` in
//! `server/demo/network.toml`), made through the same repository calls as
//! a member's own saves, so the names, notes and limits follow the same
//! rules; a "Saved" collection becomes the member's default.

use app::db::Db;
use app::learning::collections::repo;
use app::learning::collections::types::{
    name_key, parse_name, parse_note, Settings, Visibility, DEFAULT_NAME,
};
use app::resources::repo as catalogue;
use serde::Deserialize;

use super::SeedError;

#[derive(Debug, Deserialize)]
pub struct DemoCollection {
    pub member: String,
    pub name: String,
    pub visibility: String,
    /// (resource slug, note), in order.
    pub items: Vec<(String, String)>,
}

/// Seeds `collection` for the member with id `user_id`, unless they have
/// one of that name already (the seed runs again on every start). A
/// resource the database does not have is skipped.
pub async fn seed(db: &Db, user_id: i64, collection: &DemoCollection) -> Result<(), SeedError> {
    let invalid = |what: String| {
        SeedError::InvalidData(format!("collection of {}: {what}", collection.member))
    };
    let name = parse_name(&collection.name).map_err(invalid)?;
    let visibility = Visibility::from_slug(&collection.visibility)
        .ok_or_else(|| invalid(format!("no visibility {}", collection.visibility)))?;
    if repo::collections(db, user_id)
        .await?
        .iter()
        .any(|known| name_key(&known.name) == name_key(&name))
    {
        return Ok(());
    }
    let now = chrono::Utc::now().timestamp();
    let settings = Settings { name, visibility };
    let is_default = settings.name == DEFAULT_NAME;
    let id = repo::create(db, user_id, &settings, is_default, now)
        .await
        .map_err(|refused| invalid(format!("{refused:?}")))?;
    for (slug, note) in &collection.items {
        let Some(resource_id) = catalogue::published_id(db, slug).await? else {
            continue;
        };
        let note = parse_note(note).map_err(invalid)?;
        repo::save(db, user_id, id, resource_id, &note, now)
            .await
            .map_err(|refused| invalid(format!("{refused:?}")))?;
    }
    Ok(())
}
