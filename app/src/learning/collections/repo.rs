//! The SQL of collections: a member's lists of saved resources, their
//! order and notes, and what a shared link or a profile shows of them.
//! Every read and write of a member's collection names the member, so
//! another member's collection is never found by its id.

use serde_json::{json, Value};

use super::types::{
    copy_name, moved, Collection, CollectionItem, CollectionSummary, Move, PublicCollection,
    Settings, Visibility, DEFAULT_NAME, MAX_COLLECTIONS, MAX_ITEMS,
};
use crate::db::{BeginWrite, Db};
use crate::with_pool;

/// Why a collection could not be made or renamed.
#[derive(Debug)]
pub enum Refused {
    /// The member has a collection of that name (in any case).
    NameTaken,
    /// The member has [`MAX_COLLECTIONS`] already.
    TooMany,
    /// The collection holds [`MAX_ITEMS`] already.
    Full,
    Database(sqlx::Error),
}

impl From<sqlx::Error> for Refused {
    fn from(error: sqlx::Error) -> Self {
        match &error {
            sqlx::Error::Database(database) if database.is_unique_violation() => Refused::NameTaken,
            _ => Refused::Database(error),
        }
    }
}

type SummaryRow = (i64, String, String, bool, i64, String);

fn summary((id, name, visibility, is_default, items, token): SummaryRow) -> CollectionSummary {
    CollectionSummary {
        id,
        name,
        visibility: Visibility::from_slug(&visibility).unwrap_or_default(),
        is_default,
        items,
        token,
    }
}

const SUMMARY: &str = "SELECT c.id, c.name, c.visibility, c.is_default, \
     (SELECT COUNT(*) FROM collection_items i JOIN resources r ON r.id = i.resource_id \
      WHERE i.collection_id = c.id AND r.status = 'published'), c.share_token \
     FROM collections c";

/// The member's collections: the default first, then by name.
pub async fn collections(db: &Db, user_id: i64) -> sqlx::Result<Vec<CollectionSummary>> {
    let sql =
        format!("{SUMMARY} WHERE c.user_id = $1 ORDER BY c.is_default DESC, lower(c.name), c.id");
    let rows: Vec<SummaryRow> =
        with_pool!(db, pool => sqlx::query_as(&sql).bind(user_id).fetch_all(pool).await)?;
    Ok(rows.into_iter().map(summary).collect())
}

/// The published resources of a collection, in its order.
async fn items(db: &Db, collection_id: i64) -> sqlx::Result<Vec<CollectionItem>> {
    let rows: Vec<(i64, String, String, String, String)> = with_pool!(db, pool => sqlx::query_as(
        "SELECT r.id, r.slug, r.title, r.summary, i.note FROM collection_items i \
         JOIN resources r ON r.id = i.resource_id \
         WHERE i.collection_id = $1 AND r.status = 'published' ORDER BY i.position, i.added_at, r.id",
    )
    .bind(collection_id)
    .fetch_all(pool)
    .await)?;
    Ok(rows
        .into_iter()
        .map(|(resource_id, slug, title, summary, note)| CollectionItem {
            resource_id,
            slug,
            title,
            summary,
            note,
        })
        .collect())
}

/// The member's collection `id` with its resources (None if it is not
/// theirs).
pub async fn collection(db: &Db, user_id: i64, id: i64) -> sqlx::Result<Option<Collection>> {
    let sql = format!("{SUMMARY} WHERE c.user_id = $1 AND c.id = $2");
    let row: Option<SummaryRow> = with_pool!(db, pool => sqlx::query_as(&sql)
        .bind(user_id)
        .bind(id)
        .fetch_optional(pool)
        .await)?;
    let Some(row) = row else {
        return Ok(None);
    };
    Ok(Some(Collection {
        items: items(db, row.0).await?,
        summary: summary(row),
    }))
}

/// A collection opened by its link: (owner's id, owner's name, the
/// collection) when it is shared or public, None when it is private or
/// there is no such link. The owner's name is the account's display name.
pub async fn shared(db: &Db, token: &str) -> sqlx::Result<Option<(i64, String, Collection)>> {
    let sql = format!("{SUMMARY} WHERE c.share_token = $1 AND c.visibility <> 'private'");
    let row: Option<SummaryRow> = with_pool!(db, pool => sqlx::query_as(&sql)
        .bind(token)
        .fetch_optional(pool)
        .await)?;
    let Some(row) = row else {
        return Ok(None);
    };
    let owner: Option<(i64, String)> = with_pool!(db, pool => sqlx::query_as(
        "SELECT u.id, u.display_name FROM users u JOIN collections c ON c.user_id = u.id WHERE c.id = $1",
    )
    .bind(row.0)
    .fetch_optional(pool)
    .await)?;
    let Some((owner_id, owner_name)) = owner else {
        return Ok(None);
    };
    Ok(Some((
        owner_id,
        owner_name,
        Collection {
            items: items(db, row.0).await?,
            summary: summary(row),
        },
    )))
}

/// The member's public collections, for their profile.
pub async fn public_collections(db: &Db, user_id: i64) -> sqlx::Result<Vec<PublicCollection>> {
    let sql = format!(
        "{SUMMARY} WHERE c.user_id = $1 AND c.visibility = 'public' ORDER BY c.is_default DESC, lower(c.name), c.id"
    );
    let rows: Vec<SummaryRow> =
        with_pool!(db, pool => sqlx::query_as(&sql).bind(user_id).fetch_all(pool).await)?;
    Ok(rows
        .into_iter()
        .map(summary)
        .map(|collection| PublicCollection {
            name: collection.name,
            token: collection.token,
            items: collection.items,
        })
        .collect())
}

/// The member's collections that hold a resource: (id, name).
pub async fn holding(db: &Db, user_id: i64, resource_id: i64) -> sqlx::Result<Vec<(i64, String)>> {
    with_pool!(db, pool => sqlx::query_as(
        "SELECT c.id, c.name FROM collections c JOIN collection_items i ON i.collection_id = c.id \
         WHERE c.user_id = $1 AND i.resource_id = $2 ORDER BY c.is_default DESC, lower(c.name), c.id",
    )
    .bind(user_id)
    .bind(resource_id)
    .fetch_all(pool)
    .await)
}

/// Makes a collection. Refused if the member has one of that name or has
/// [`MAX_COLLECTIONS`] already.
pub async fn create(
    db: &Db,
    user_id: i64,
    settings: &Settings,
    is_default: bool,
    now: i64,
) -> Result<i64, Refused> {
    create_with_items(db, user_id, settings, is_default, &[], now).await
}

/// On PostgreSQL, locks the member's row so that a member's collection
/// writes take turns (two posts at once cannot both pass a limit); SQLite's
/// `BEGIN IMMEDIATE` already makes them.
const LOCK_MEMBER: &str = "SELECT id FROM users WHERE id = $1 FOR UPDATE";

/// Makes a collection holding `items` (resource, note) in that order, in
/// one transaction, counting the member's collections in it.
async fn create_with_items(
    db: &Db,
    user_id: i64,
    settings: &Settings,
    is_default: bool,
    items: &[(i64, String)],
    now: i64,
) -> Result<i64, Refused> {
    let token = crate::web::tokens::random_token();
    let postgres = matches!(db, Db::Postgres(_));
    let id = with_pool!(db, pool => {
        let mut tx = pool.begin_write().await?;
        if postgres {
            sqlx::query(LOCK_MEMBER).bind(user_id).execute(&mut *tx).await?;
        }
        let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM collections WHERE user_id = $1")
            .bind(user_id)
            .fetch_one(&mut *tx)
            .await?;
        if count >= MAX_COLLECTIONS {
            return Err(Refused::TooMany);
        }
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO collections (user_id, name, visibility, share_token, is_default, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id",
        )
        .bind(user_id)
        .bind(&settings.name)
        .bind(settings.visibility.slug())
        .bind(&token)
        .bind(is_default)
        .bind(now)
        .fetch_one(&mut *tx)
        .await?;
        for (position, (resource_id, note)) in items.iter().enumerate() {
            sqlx::query(
                "INSERT INTO collection_items (collection_id, resource_id, position, note, added_at) VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(id)
            .bind(resource_id)
            .bind(position as i64 + 1)
            .bind(note)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        id
    });
    Ok(id)
}

/// The member's default collection, made if they have none.
pub async fn default_collection(db: &Db, user_id: i64, now: i64) -> Result<i64, Refused> {
    let find = || async {
        with_pool!(db, pool => sqlx::query_scalar::<_, i64>(
            "SELECT id FROM collections WHERE user_id = $1 AND is_default",
        )
        .bind(user_id)
        .fetch_optional(pool)
        .await)
    };
    if let Some(id) = find().await? {
        return Ok(id);
    }
    let settings = Settings {
        name: DEFAULT_NAME.into(),
        visibility: Visibility::Private,
    };
    match create(db, user_id, &settings, true, now).await {
        Ok(id) => Ok(id),
        // Made by a post at the same moment (or a collection the member
        // named "Saved" themselves, which then serves as the default).
        Err(Refused::NameTaken) => {
            if let Some(id) = find().await? {
                return Ok(id);
            }
            let named: Option<i64> = with_pool!(db, pool => sqlx::query_scalar(
                "SELECT id FROM collections WHERE user_id = $1 AND lower(name) = lower($2)",
            )
            .bind(user_id)
            .bind(DEFAULT_NAME)
            .fetch_optional(pool)
            .await)?;
            named.ok_or(Refused::NameTaken)
        }
        Err(other) => Err(other),
    }
}

/// Saves a resource to the member's collection `id` (last in its order),
/// or changes its note if it is there already. False if the collection is
/// not the member's.
pub async fn save(
    db: &Db,
    user_id: i64,
    id: i64,
    resource_id: i64,
    note: &str,
    now: i64,
) -> Result<bool, Refused> {
    let postgres = matches!(db, Db::Postgres(_));
    let saved = with_pool!(db, pool => {
        let mut tx = pool.begin_write().await?;
        if postgres {
            sqlx::query(LOCK_MEMBER).bind(user_id).execute(&mut *tx).await?;
        }
        let owned: Option<i64> = sqlx::query_scalar("SELECT id FROM collections WHERE id = $1 AND user_id = $2")
            .bind(id)
            .bind(user_id)
            .fetch_optional(&mut *tx)
            .await?;
        if owned.is_none() {
            return Ok(false);
        }
        let (count, there): (i64, i64) = sqlx::query_as(
            "SELECT COUNT(*), SUM(CASE WHEN resource_id = $2 THEN 1 ELSE 0 END) FROM collection_items WHERE collection_id = $1",
        )
        .bind(id)
        .bind(resource_id)
        .fetch_one(&mut *tx)
        .await
        .map(|(count, there): (i64, Option<i64>)| (count, there.unwrap_or(0)))?;
        if there == 0 && count >= MAX_ITEMS {
            return Err(Refused::Full);
        }
        sqlx::query(
            "INSERT INTO collection_items (collection_id, resource_id, position, note, added_at) \
             VALUES ($1, $2, (SELECT COALESCE(MAX(position), 0) + 1 FROM collection_items WHERE collection_id = $1), $3, $4) \
             ON CONFLICT (collection_id, resource_id) DO UPDATE SET note = excluded.note",
        )
        .bind(id)
        .bind(resource_id)
        .bind(note)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        sqlx::query("UPDATE collections SET updated_at = $2 WHERE id = $1")
            .bind(id)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        true
    });
    Ok(saved)
}

/// Changes the name and visibility of the member's collection `id` (the
/// default keeps its name). False if it is not theirs.
pub async fn update(
    db: &Db,
    user_id: i64,
    id: i64,
    settings: &Settings,
    now: i64,
) -> Result<bool, Refused> {
    let changed = with_pool!(db, pool => sqlx::query(
        "UPDATE collections SET name = CASE WHEN is_default THEN name ELSE $3 END, visibility = $4, updated_at = $5 \
         WHERE id = $1 AND user_id = $2",
    )
    .bind(id)
    .bind(user_id)
    .bind(&settings.name)
    .bind(settings.visibility.slug())
    .bind(now)
    .execute(pool)
    .await
    .map(|done| done.rows_affected()))?;
    Ok(changed == 1)
}

/// Deletes the member's collection `id` with its items. False if it is not
/// theirs.
pub async fn delete(db: &Db, user_id: i64, id: i64) -> sqlx::Result<bool> {
    let deleted = with_pool!(db, pool => sqlx::query("DELETE FROM collections WHERE id = $1 AND user_id = $2")
        .bind(id)
        .bind(user_id)
        .execute(pool)
        .await
        .map(|done| done.rows_affected()))?;
    Ok(deleted == 1)
}

/// Takes a resource out of the member's collection `id`. False if it was
/// not there (or the collection is not theirs).
pub async fn remove(db: &Db, user_id: i64, id: i64, resource_id: i64) -> sqlx::Result<bool> {
    let removed = with_pool!(db, pool => sqlx::query(
        "DELETE FROM collection_items WHERE collection_id = $1 AND resource_id = $2 \
         AND collection_id IN (SELECT id FROM collections WHERE user_id = $3)",
    )
    .bind(id)
    .bind(resource_id)
    .bind(user_id)
    .execute(pool)
    .await
    .map(|done| done.rows_affected()))?;
    Ok(removed == 1)
}

/// Changes the note on a resource in the member's collection `id`. False
/// if it is not there.
pub async fn set_note(
    db: &Db,
    user_id: i64,
    id: i64,
    resource_id: i64,
    note: &str,
) -> sqlx::Result<bool> {
    let changed = with_pool!(db, pool => sqlx::query(
        "UPDATE collection_items SET note = $4 WHERE collection_id = $1 AND resource_id = $2 \
         AND collection_id IN (SELECT id FROM collections WHERE user_id = $3)",
    )
    .bind(id)
    .bind(resource_id)
    .bind(user_id)
    .bind(note)
    .execute(pool)
    .await
    .map(|done| done.rows_affected()))?;
    Ok(changed == 1)
}

/// Moves a resource one place up or down in the member's collection `id`,
/// numbering the whole order afresh. False if there is nothing to move.
pub async fn move_item(
    db: &Db,
    user_id: i64,
    id: i64,
    resource_id: i64,
    direction: Move,
) -> sqlx::Result<bool> {
    let postgres = matches!(db, Db::Postgres(_));
    let moved_it = with_pool!(db, pool => {
        let mut tx = pool.begin_write().await?;
        if postgres {
            sqlx::query(LOCK_MEMBER).bind(user_id).execute(&mut *tx).await?;
        }
        let order: Vec<i64> = sqlx::query_scalar(
            "SELECT i.resource_id FROM collection_items i JOIN collections c ON c.id = i.collection_id \
             JOIN resources r ON r.id = i.resource_id \
             WHERE c.id = $1 AND c.user_id = $2 AND r.status = 'published' ORDER BY i.position, i.added_at, i.resource_id",
        )
        .bind(id)
        .bind(user_id)
        .fetch_all(&mut *tx)
        .await?;
        let Some(order) = moved(&order, resource_id, direction) else {
            return Ok(false);
        };
        for (position, resource) in order.iter().enumerate() {
            sqlx::query("UPDATE collection_items SET position = $3 WHERE collection_id = $1 AND resource_id = $2")
                .bind(id)
                .bind(resource)
                .bind(position as i64 + 1)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        true
    });
    Ok(moved_it)
}

/// Copies the shared or public collection `token` into the member's own
/// collections, private, as "Copy of …" with its notes and order. None if
/// the link does not open a collection.
pub async fn copy(db: &Db, user_id: i64, token: &str, now: i64) -> Result<Option<i64>, Refused> {
    let Some((_, _, original)) = shared(db, token).await? else {
        return Ok(None);
    };
    let taken: Vec<String> = with_pool!(db, pool => sqlx::query_scalar(
        "SELECT name FROM collections WHERE user_id = $1",
    )
    .bind(user_id)
    .fetch_all(pool)
    .await)?;
    let settings = Settings {
        name: copy_name(&original.summary.name, &taken),
        visibility: Visibility::Private,
    };
    let items: Vec<(i64, String)> = original
        .items
        .into_iter()
        .map(|item| (item.resource_id, item.note))
        .collect();
    create_with_items(db, user_id, &settings, false, &items, now)
        .await
        .map(Some)
}

/// The member's collections for `/account/data.json`.
pub async fn export(db: &Db, user_id: i64) -> sqlx::Result<Value> {
    let mut out = Vec::new();
    for collection in collections(db, user_id).await? {
        let items = items(db, collection.id).await?;
        out.push(json!({
            "name": collection.name,
            "visibility": collection.visibility.slug(),
            "default": collection.is_default,
            "link": format!("/collections/{}", collection.token),
            "resources": items.iter().map(|item| json!({
                "resource": format!("/resources/{}", item.slug),
                "title": item.title,
                "note": item.note,
            })).collect::<Vec<_>>(),
        }));
    }
    Ok(Value::Array(out))
}
