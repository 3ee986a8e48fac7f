use sqlx::FromRow;

use super::Organisation;
use crate::db::Db;
use crate::vocabulary::OrganisationKind;
use crate::with_pool;

#[derive(FromRow)]
struct Row {
    id: i64,
    slug: String,
    name: String,
    kind: OrganisationKind,
    website: Option<String>,
    description: String,
}

impl From<Row> for Organisation {
    fn from(row: Row) -> Self {
        Organisation {
            id: row.id,
            slug: row.slug,
            name: row.name,
            kind: row.kind,
            website: row.website,
            description: row.description,
        }
    }
}

/// Every organisation, by name.
pub async fn all(db: &Db) -> sqlx::Result<Vec<Organisation>> {
    let rows: Vec<Row> = with_pool!(db, pool => sqlx::query_as(
        "SELECT id, slug, name, kind, website, description FROM organisations ORDER BY name",
    )
    .fetch_all(pool)
    .await)?;
    Ok(rows.into_iter().map(Organisation::from).collect())
}

pub async fn by_slug(db: &Db, slug: &str) -> sqlx::Result<Option<Organisation>> {
    let row: Option<Row> = with_pool!(db, pool => sqlx::query_as(
        "SELECT id, slug, name, kind, website, description FROM organisations WHERE slug = $1",
    )
    .bind(slug)
    .fetch_optional(pool)
    .await)?;
    Ok(row.map(Organisation::from))
}

/// Inserts or updates by slug; returns the id.
pub async fn upsert(db: &Db, organisation: &Organisation) -> sqlx::Result<i64> {
    with_pool!(db, pool => sqlx::query_scalar(
        "INSERT INTO organisations (slug, name, kind, website, description) VALUES ($1, $2, $3, $4, $5) \
         ON CONFLICT (slug) DO UPDATE SET name = excluded.name, kind = excluded.kind, \
         website = excluded.website, description = excluded.description \
         RETURNING id",
    )
    .bind(&organisation.slug)
    .bind(&organisation.name)
    .bind(organisation.kind)
    .bind(&organisation.website)
    .bind(&organisation.description)
    .fetch_one(pool)
    .await)
}

/// A slug for a new organisation called `name` that none uses yet.
pub async fn free_slug(db: &Db, name: &str) -> sqlx::Result<String> {
    crate::db::unused_slug(
        db,
        &crate::slugs::slug_for(name, "organisation"),
        "SELECT slug FROM organisations WHERE slug = $1 OR slug LIKE $2",
    )
    .await
}

/// Adds a new organisation under a fresh slug (never over another's).
pub async fn insert_new(db: &Db, organisation: &mut Organisation) -> sqlx::Result<i64> {
    let mut attempts = 0;
    loop {
        organisation.slug = free_slug(db, &organisation.name).await?;
        let inserted = with_pool!(db, pool => sqlx::query_scalar(
            "INSERT INTO organisations (slug, name, kind, website, description) VALUES ($1, $2, $3, $4, $5) RETURNING id",
        )
        .bind(&organisation.slug)
        .bind(&organisation.name)
        .bind(organisation.kind)
        .bind(&organisation.website)
        .bind(&organisation.description)
        .fetch_one(pool)
        .await);
        match inserted {
            Err(sqlx::Error::Database(error)) if error.is_unique_violation() && attempts < 5 => {
                attempts += 1
            }
            other => return other,
        }
    }
}
