//! Opening the database named by the configuration and bringing its schema
//! up to date. Queries themselves live with their domain area in `app`.

use std::str::FromStr;
use std::time::Duration;

use app::db::Db;
use sqlx::migrate::Migrator;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};

use crate::config::DatabaseUrl;

static SQLITE_MIGRATIONS: Migrator = sqlx::migrate!("../migrations/sqlite");
static POSTGRES_MIGRATIONS: Migrator = sqlx::migrate!("../migrations/postgres");

/// How long to wait for a connection before saying the database is unreachable.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);

#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("Could not create the folder for the SQLite database {path}: {source}.")]
    CreateFolder {
        path: String,
        source: std::io::Error,
    },
    #[error("Could not open the database at {url}: {reason}.")]
    Open { url: String, reason: String },
    #[error("Could not bring the database at {url} up to date: {reason}.")]
    Migrate { url: String, reason: String },
}

/// Opens a pool for `url`. A SQLite file (and its folder) is created on
/// first use; it runs in WAL mode with foreign keys enforced and waits up to
/// five seconds for a busy lock rather than failing at once.
pub async fn connect(url: &DatabaseUrl) -> Result<Db, DbError> {
    let open_error = |error: sqlx::Error| DbError::Open {
        url: url.to_string(),
        reason: describe(&error),
    };
    match url {
        DatabaseUrl::Sqlite { path } => {
            if let Some(folder) = path
                .parent()
                .filter(|folder| !folder.as_os_str().is_empty())
            {
                std::fs::create_dir_all(folder).map_err(|source| DbError::CreateFolder {
                    path: path.display().to_string(),
                    source,
                })?;
            }
            let options = SqliteConnectOptions::new()
                .filename(path)
                .create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Normal)
                .foreign_keys(true)
                .busy_timeout(Duration::from_secs(5));
            let pool = SqlitePoolOptions::new()
                .max_connections(8)
                .acquire_timeout(CONNECT_TIMEOUT)
                .connect_with(options)
                .await
                .map_err(open_error)?;
            Ok(Db::Sqlite(pool))
        }
        DatabaseUrl::Postgres { url: raw } => {
            let options = PgConnectOptions::from_str(raw).map_err(open_error)?;
            let pool = PgPoolOptions::new()
                .max_connections(16)
                .acquire_timeout(CONNECT_TIMEOUT)
                .connect_with(options)
                .await
                .map_err(open_error)?;
            Ok(Db::Postgres(pool))
        }
    }
}

/// Applies pending migrations. On PostgreSQL sqlx holds an advisory lock
/// meanwhile, so several instances starting together migrate once.
pub async fn migrate(db: &Db, url: &DatabaseUrl) -> Result<(), DbError> {
    let result = match db {
        Db::Sqlite(pool) => SQLITE_MIGRATIONS.run(pool).await,
        Db::Postgres(pool) => POSTGRES_MIGRATIONS.run(pool).await,
    };
    result.map_err(|error| DbError::Migrate {
        url: url.to_string(),
        reason: error.to_string(),
    })
}

/// A short, human reason for a connection failure (sqlx's Display for I/O
/// errors is already one line; timeouts get a plainer word).
fn describe(error: &sqlx::Error) -> String {
    match error {
        sqlx::Error::PoolTimedOut => "no connection could be made within 5 seconds".to_string(),
        sqlx::Error::Io(io) => io.to_string(),
        other => other.to_string(),
    }
}
