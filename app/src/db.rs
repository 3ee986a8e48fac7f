//! The database handle every repository takes. One enum over the two
//! backends: queries are written once and compiled for each pool by
//! [`with_pool!`](crate::with_pool), so both backends get full type checks
//! and their own features (FTS5, tsvector) where SQL must differ.

use sqlx::{PgPool, SqlitePool};

/// Which SQL dialect a [`Db`] speaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub fn name(self) -> &'static str {
        match self {
            Backend::Sqlite => "sqlite",
            Backend::Postgres => "postgres",
        }
    }
}

/// A connection pool to the hub's database. Cheap to clone.
#[derive(Clone, Debug)]
pub enum Db {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

/// Runs an expression once for whichever pool `db` holds, with `pool` bound
/// to the concrete `SqlitePool` or `PgPool`. Use `$n` placeholders: both
/// SQLite and PostgreSQL accept them.
#[macro_export]
macro_rules! with_pool {
    ($db:expr, $pool:ident => $body:expr) => {
        match $db {
            $crate::db::Db::Sqlite($pool) => $body,
            $crate::db::Db::Postgres($pool) => $body,
        }
    };
}

impl Db {
    pub fn backend(&self) -> Backend {
        match self {
            Db::Sqlite(_) => Backend::Sqlite,
            Db::Postgres(_) => Backend::Postgres,
        }
    }

    /// Which database this is, to key per-database caches in a process that
    /// may talk to several (as tests do).
    pub fn identity(&self) -> String {
        match self {
            Db::Sqlite(pool) => {
                format!("sqlite:{}", pool.connect_options().get_filename().display())
            }
            Db::Postgres(pool) => {
                let options = pool.connect_options();
                format!(
                    "postgres:{}:{}/{}",
                    options.get_host(),
                    options.get_port(),
                    options.get_database().unwrap_or_default()
                )
            }
        }
    }

    /// One round trip to the database, for readiness checks.
    pub async fn ping(&self) -> Result<(), sqlx::Error> {
        with_pool!(self, pool => sqlx::query("SELECT 1").execute(pool).await.map(|_| ()))
    }

    /// Waits for in-flight queries, then closes every connection.
    pub async fn close(&self) {
        with_pool!(self, pool => pool.close().await)
    }
}

/// Starts a transaction that will write.
///
/// SQLite's default `BEGIN` is deferred: the transaction reads first and
/// asks for the write lock only at its first write, and if another
/// connection wrote meanwhile SQLite cannot wait for the lock (its snapshot
/// is stale, or two readers would deadlock) and fails at once with "database
/// is locked" (codes 5 and 517), whatever the busy timeout. `BEGIN
/// IMMEDIATE` takes the write lock at the start, where SQLite does wait (up
/// to the busy timeout), so concurrent writers queue instead of failing.
/// PostgreSQL's row locks need nothing of the kind.
pub trait BeginWrite {
    type Database: sqlx::Database;

    fn begin_write(
        &self,
    ) -> impl std::future::Future<Output = sqlx::Result<sqlx::Transaction<'static, Self::Database>>> + Send;
}

impl BeginWrite for SqlitePool {
    type Database = sqlx::Sqlite;

    async fn begin_write(&self) -> sqlx::Result<sqlx::Transaction<'static, sqlx::Sqlite>> {
        self.begin_with("BEGIN IMMEDIATE").await
    }
}

impl BeginWrite for PgPool {
    type Database = sqlx::Postgres;

    async fn begin_write(&self) -> sqlx::Result<sqlx::Transaction<'static, sqlx::Postgres>> {
        self.begin().await
    }
}

/// True when `error` says the database is too busy to answer now (a write
/// lock not granted within the busy timeout, or no free connection within
/// the pool's wait): worth a 503 and "try again", not a 500.
pub fn is_busy(error: &sqlx::Error) -> bool {
    match error {
        sqlx::Error::PoolTimedOut => true,
        sqlx::Error::Database(database) => {
            // SQLITE_BUSY (5) and its extended codes (517 BUSY_SNAPSHOT,
            // 261 BUSY_RECOVERY, 773 BUSY_TIMEOUT), SQLITE_LOCKED (6);
            // PostgreSQL's lock_not_available and serialization failures.
            matches!(
                database.code().as_deref(),
                Some("5" | "6" | "261" | "262" | "517" | "773" | "55P03" | "40001" | "40P01")
            )
        }
        _ => false,
    }
}

/// Slugs that are words in the hub's own paths (`/contribute/new`).
const RESERVED_SLUGS: [&str; 3] = ["new", "not-found", "edit"];

/// `base`, or `base-2`, `base-3`… whichever `taken` (a query listing the
/// slugs equal to `$1` or like `$2`) does not list and the hub's paths do
/// not use.
pub async fn unused_slug(db: &Db, base: &str, taken: &str) -> sqlx::Result<String> {
    let mut taken: Vec<String> = with_pool!(db, pool => sqlx::query_scalar(taken)
        .bind(base)
        .bind(format!("{base}-%"))
        .fetch_all(pool)
        .await)?;
    taken.extend(RESERVED_SLUGS.map(String::from));
    let mut candidate = base.to_string();
    let mut number = 2;
    while taken.contains(&candidate) {
        candidate = format!("{base}-{number}");
        number += 1;
    }
    Ok(candidate)
}

/// The database for this request, as provided by the server.
pub fn from_context() -> Result<Db, leptos::prelude::ServerFnError> {
    leptos::prelude::use_context::<Db>()
        .ok_or_else(|| leptos::prelude::ServerFnError::new("the database is not available"))
}

/// Logs a failure in full and gives the browser only a plain message.
pub fn internal_error(error: impl std::fmt::Display) -> leptos::prelude::ServerFnError {
    tracing::error!(%error, "request failed");
    leptos::prelude::ServerFnError::new("Sorry, there is a problem with the service")
}
