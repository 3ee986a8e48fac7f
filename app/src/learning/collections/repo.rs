//! The SQL of collections: a member's lists of saved resources, their
//! order and notes, and what a shared link or a profile shows of them.
//! Every read and write of a member's collection names the member, so
//! another member's collection is never found by its id.

use serde_json::{json, Value};

use super::types::{
    copy_name, moved, name_key, Collection, CollectionItem, CollectionSummary, Move,
    PublicCollection, Settings, Visibility, DEFAULT_NAME, MAX_COLLECTIONS, MAX_ITEMS,
};
use crate::db::{BeginWrite, Db};
use crate::with_pool;

/// Why a collection could not be made, renamed or added to.
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

/// On PostgreSQL, locks the member's row so that their collection writes
/// take turns (two posts at once cannot both pass a limit); SQLite's
/// `BEGIN IMMEDIATE` already makes them. `NO KEY` leaves rows that refer
/// to the member free to be written meanwhile.
const LOCK_MEMBER: &str = "SELECT id FROM users WHERE id = $1 FOR NO KEY UPDATE";

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

const ORDER: &str = "ORDER BY c.is_default DESC, c.name_key, c.id";

/// The member's collections: the default first, then by name.
pub async fn collections(db: &Db, user_id: i64) -> sqlx::Result<Vec<CollectionSummary>> {
    let sql = format!("{SUMMARY} WHERE c.user_id = $1 {ORDER}");
    let rows: Vec<SummaryRow> =
        with_pool!(db, pool => sqlx::query_as(&sql).bind(user_id).fetch_all(pool).await)?;
    Ok(rows.into_iter().map(summary).collect())
}

/// A collection's resources in its order: every one for its owner (those
/// no longer published marked so), or only the published ones.
async fn items(db: &Db, collection_id: i64, owner: bool) -> sqlx::Result<Vec<CollectionItem>> {
    let rows: Vec<(i64, String, String, String, String, bool)> = with_pool!(db, pool => sqlx::query_as(
        "SELECT r.id, r.slug, r.title, r.summary, i.note, r.status = 'published' FROM collection_items i \
         JOIN resources r ON r.id = i.resource_id \
         WHERE i.collection_id = $1 AND ($2 OR r.status = 'published') ORDER BY i.position, i.added_at, r.id",
    )
    .bind(collection_id)
    .bind(owner)
    .fetch_all(pool)
    .await)?;
    Ok(rows
        .into_iter()
        .map(
            |(resource_id, slug, title, summary, note, available)| CollectionItem {
                resource_id,
                slug,
                title,
                summary,
                note,
                available,
            },
        )
        .collect())
}

/// The member's collection `id` with all its resources (None if it is not
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
        items: items(db, row.0, true).await?,
        summary: summary(row),
    }))
}

/// A collection opened by its link: (owner's id, owner's name, the
/// collection with its published resources) when it is shared or public
/// and its owner's account is active (a suspended member's words are not
/// shown), None otherwise. The owner's name is the account's display name.
pub async fn shared(db: &Db, token: &str) -> sqlx::Result<Option<(i64, String, Collection)>> {
    let row: Option<(i64, String, i64)> = with_pool!(db, pool => sqlx::query_as(
        "SELECT u.id, u.display_name, c.id FROM collections c JOIN users u ON u.id = c.user_id \
         WHERE c.share_token = $1 AND c.visibility <> 'private' AND u.status = 'active'",
    )
    .bind(token)
    .fetch_optional(pool)
    .await)?;
    let Some((owner_id, owner_name, id)) = row else {
        return Ok(None);
    };
    let sql = format!("{SUMMARY} WHERE c.id = $1");
    let row: Option<SummaryRow> =
        with_pool!(db, pool => sqlx::query_as(&sql).bind(id).fetch_optional(pool).await)?;
    let Some(row) = row else {
        return Ok(None);
    };
    Ok(Some((
        owner_id,
        owner_name,
        Collection {
            items: items(db, id, false).await?,
            summary: summary(row),
        },
    )))
}

/// The member's public collections, for their profile.
pub async fn public_collections(db: &Db, user_id: i64) -> sqlx::Result<Vec<PublicCollection>> {
    let sql = format!("{SUMMARY} WHERE c.user_id = $1 AND c.visibility = 'public' {ORDER}");
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
    let sql = format!(
        "SELECT c.id, c.name FROM collections c JOIN collection_items i ON i.collection_id = c.id \
         WHERE c.user_id = $1 AND i.resource_id = $2 {ORDER}"
    );
    with_pool!(db, pool => sqlx::query_as(&sql)
        .bind(user_id)
        .bind(resource_id)
        .fetch_all(pool)
        .await)
}

/// The name a new collection takes.
enum NewName<'a> {
    Given(&'a str),
    /// "Copy of …" the named collection, free among the member's names
    /// when the write takes its turn.
    CopyOf(&'a str),
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
    let name = NewName::Given(&settings.name);
    create_with_items(db, user_id, name, settings.visibility, is_default, &[], now).await
}

/// Makes a private collection named `name` holding one resource, in one
/// transaction (so a failure leaves no empty collection behind).
pub async fn create_holding(
    db: &Db,
    user_id: i64,
    name: &str,
    resource_id: i64,
    note: &str,
    now: i64,
) -> Result<i64, Refused> {
    let items = [(resource_id, note.to_string())];
    let name = NewName::Given(name);
    create_with_items(db, user_id, name, Visibility::Private, false, &items, now).await
}

/// Makes a collection holding `items` (resource, note) in that order, in
/// one transaction that counts the member's collections (published
/// resources only: one archived meanwhile is left out).
async fn create_with_items(
    db: &Db,
    user_id: i64,
    name: NewName<'_>,
    visibility: Visibility,
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
        let taken: Vec<String> = sqlx::query_scalar("SELECT name FROM collections WHERE user_id = $1")
            .bind(user_id)
            .fetch_all(&mut *tx)
            .await?;
        if taken.len() as i64 >= MAX_COLLECTIONS {
            return Err(Refused::TooMany);
        }
        let name = match name {
            NewName::Given(name) => name.to_string(),
            NewName::CopyOf(original) => copy_name(original, &taken),
        };
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO collections (user_id, name, name_key, visibility, share_token, is_default, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id",
        )
        .bind(user_id)
        .bind(&name)
        .bind(name_key(&name))
        .bind(visibility.slug())
        .bind(&token)
        .bind(is_default)
        .bind(now)
        .fetch_one(&mut *tx)
        .await?;
        for (position, (resource_id, note)) in items.iter().enumerate() {
            sqlx::query(
                "INSERT INTO collection_items (collection_id, resource_id, position, note, added_at) \
                 SELECT $1, id, $3, $4, $5 FROM resources WHERE id = $2 AND status = 'published'",
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

/// The member's default collection, made if they have none. A collection
/// they named "Saved" themselves becomes the default rather than a second
/// "Saved" (even at the limit of collections).
pub async fn default_collection(db: &Db, user_id: i64, now: i64) -> Result<i64, Refused> {
    let find = || async {
        with_pool!(db, pool => sqlx::query_scalar::<_, i64>(
            "SELECT id FROM collections WHERE user_id = $1 AND is_default",
        )
        .bind(user_id)
        .fetch_optional(pool)
        .await)
    };
    let promote = || async {
        with_pool!(db, pool => sqlx::query(
            "UPDATE collections SET is_default = TRUE WHERE user_id = $1 AND name_key = $2 \
             AND NOT EXISTS (SELECT 1 FROM collections d WHERE d.user_id = $1 AND d.is_default)",
        )
        .bind(user_id)
        .bind(name_key(DEFAULT_NAME))
        .execute(pool)
        .await
        .map(|_| ()))
    };
    if let Some(id) = find().await? {
        return Ok(id);
    }
    promote().await?;
    if let Some(id) = find().await? {
        return Ok(id);
    }
    let settings = Settings {
        name: DEFAULT_NAME.into(),
        visibility: Visibility::Private,
    };
    match create(db, user_id, &settings, true, now).await {
        // Made by a post at the same moment (or named so by the member
        // meanwhile).
        Err(Refused::NameTaken) => {
            promote().await?;
            find().await?.ok_or(Refused::NameTaken)
        }
        made => made,
    }
}

/// Saves a published resource to the member's collection `id` (last in its
/// order), or, if it is there already, changes its note (an empty note
/// keeps the one it has: notes are cleared on their own page). The
/// collection's name, or None if it is not the member's.
pub async fn save(
    db: &Db,
    user_id: i64,
    id: i64,
    resource_id: i64,
    note: &str,
    now: i64,
) -> Result<Option<String>, Refused> {
    // The collection's row is locked (on PostgreSQL) so that it cannot be
    // deleted between this check and the insert.
    let owned_sql = if matches!(db, Db::Postgres(_)) {
        "SELECT name FROM collections WHERE id = $1 AND user_id = $2 FOR NO KEY UPDATE"
    } else {
        "SELECT name FROM collections WHERE id = $1 AND user_id = $2"
    };
    let saved = with_pool!(db, pool => {
        let mut tx = pool.begin_write().await?;
        let name: Option<String> = sqlx::query_scalar(owned_sql)
            .bind(id)
            .bind(user_id)
            .fetch_optional(&mut *tx)
            .await?;
        if name.is_none() {
            return Ok(None);
        }
        let (count, there): (i64, Option<i64>) = sqlx::query_as(
            "SELECT COUNT(*), SUM(CASE WHEN resource_id = $2 THEN 1 ELSE 0 END) FROM collection_items WHERE collection_id = $1",
        )
        .bind(id)
        .bind(resource_id)
        .fetch_one(&mut *tx)
        .await?;
        if there.unwrap_or(0) == 0 && count >= MAX_ITEMS {
            return Err(Refused::Full);
        }
        sqlx::query(
            "INSERT INTO collection_items (collection_id, resource_id, position, note, added_at) \
             VALUES ($1, $2, (SELECT COALESCE(MAX(position), 0) + 1 FROM collection_items WHERE collection_id = $1), $3, $4) \
             ON CONFLICT (collection_id, resource_id) DO UPDATE SET note = \
             CASE WHEN excluded.note = '' THEN collection_items.note ELSE excluded.note END",
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
        name
    });
    Ok(saved)
}

/// Changes the name and visibility of the member's collection `id` (the
/// default keeps its name). Sharing a private collection again gives it a
/// new link, so a link given out before it was made private stays dead.
/// False if it is not theirs.
pub async fn update(
    db: &Db,
    user_id: i64,
    id: i64,
    settings: &Settings,
    now: i64,
) -> Result<bool, Refused> {
    let changed = with_pool!(db, pool => sqlx::query(
        "UPDATE collections SET \
         name = CASE WHEN is_default THEN name ELSE $3 END, \
         name_key = CASE WHEN is_default THEN name_key ELSE $4 END, \
         share_token = CASE WHEN visibility = 'private' AND $5 <> 'private' THEN $6 ELSE share_token END, \
         visibility = $5, updated_at = $7 \
         WHERE id = $1 AND user_id = $2",
    )
    .bind(id)
    .bind(user_id)
    .bind(&settings.name)
    .bind(name_key(&settings.name))
    .bind(settings.visibility.slug())
    .bind(crate::web::tokens::random_token())
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
/// numbering the whole order afresh. False if there is nothing to move (it
/// is not there, or already at that end).
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
             WHERE c.id = $1 AND c.user_id = $2 ORDER BY i.position, i.added_at, i.resource_id",
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
    let items: Vec<(i64, String)> = original
        .items
        .into_iter()
        .map(|item| (item.resource_id, item.note))
        .collect();
    let name = NewName::CopyOf(&original.summary.name);
    create_with_items(db, user_id, name, Visibility::Private, false, &items, now)
        .await
        .map(Some)
}

/// The member's collections for `/account/data.json`: every resource in
/// them, those no longer in the catalogue too.
pub async fn export(db: &Db, user_id: i64) -> sqlx::Result<Value> {
    let mut out = Vec::new();
    for collection in collections(db, user_id).await? {
        let items = items(db, collection.id, true).await?;
        out.push(json!({
            "name": collection.name,
            "visibility": collection.visibility.slug(),
            "default": collection.is_default,
            "link": format!("/collections/{}", collection.token),
            "resources": items.iter().map(|item| json!({
                "resource": format!("/resources/{}", item.slug),
                "title": item.title,
                "note": item.note,
                "in_catalogue": item.available,
            })).collect::<Vec<_>>(),
        }));
    }
    Ok(Value::Array(out))
}
