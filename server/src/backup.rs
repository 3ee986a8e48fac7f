//! `hub backup FILE` and `hub restore FILE`.
//!
//! SQLite: `VACUUM INTO` writes a consistent copy of the live database
//! while the hub keeps serving (readers and writers carry on; the copy is
//! compacted). Restoring copies it into place.
//! PostgreSQL: `pg_dump --format=custom` (consistent: one snapshot) and
//! `pg_restore`, from PostgreSQL's client tools.
//! A restore goes only into an empty database, so it can never mix two
//! hubs' data or overwrite a live one; migrations then bring an older
//! backup up to date.

use std::path::{Path, PathBuf};

use app::db::Db;
use tokio::process::Command;

use crate::config::DatabaseUrl;
use crate::progress::Progress;

/// The first bytes of each kind of backup file.
const SQLITE_MAGIC: &[u8] = b"SQLite format 3\0";
const PG_DUMP_MAGIC: &[u8] = b"PGDMP";

/// Writes a backup of `database` (open as `db`) to `file`, which must not
/// exist yet. Returns a sentence for the operator.
pub async fn backup(db: &Db, database: &DatabaseUrl, file: &Path) -> Result<String, String> {
    if file.exists() {
        return Err(format!(
            "{} already exists; choose a new file name (backups are never overwritten).",
            file.display()
        ));
    }
    let progress = Progress::spinner(&format!("Backing up to {}", file.display()));
    let result = match (db, database) {
        (Db::Sqlite(pool), DatabaseUrl::Sqlite { .. }) => sqlx::query("VACUUM INTO $1")
            .bind(file.to_string_lossy().to_string())
            .execute(pool)
            .await
            .map(|_| ())
            .map_err(|error| format!("Could not write the backup: {error}.")),
        (_, DatabaseUrl::Postgres { url }) => {
            let mut dump = Command::new("pg_dump");
            dump.arg("--format=custom")
                .arg("--no-owner")
                .arg("--no-privileges")
                .arg(format!("--file={}", file.display()))
                .arg(format!("--dbname={url}"));
            run_tool(dump, "pg_dump").await
        }
        _ => Err("The database and its settings disagree.".to_string()),
    };
    if let Err(error) = result {
        progress.finish("failed");
        let _ = std::fs::remove_file(file);
        return Err(error);
    }
    let size = std::fs::metadata(file).map(|meta| meta.len()).unwrap_or(0);
    progress.finish("done");
    Ok(format!(
        "Backed up {} to {} ({:.1} MB).",
        database,
        file.display(),
        size as f64 / 1_000_000.0
    ))
}

/// Restores `file` into `database`, which must be empty (no tables).
/// The database is then migrated. Returns a sentence for the operator.
pub async fn restore(database: &DatabaseUrl, file: &Path) -> Result<String, String> {
    let magic = read_magic(file)?;
    let progress = Progress::spinner(&format!("Restoring {}", file.display()));
    let result = match database {
        DatabaseUrl::Sqlite { path } => {
            if !magic.starts_with(SQLITE_MAGIC) {
                Err(wrong_kind(file, "SQLite"))
            } else {
                restore_sqlite(database, path, file).await
            }
        }
        DatabaseUrl::Postgres { url } => {
            if !magic.starts_with(PG_DUMP_MAGIC) {
                Err(wrong_kind(file, "PostgreSQL"))
            } else {
                restore_postgres(database, url, file).await
            }
        }
    };
    progress.finish(if result.is_ok() { "done" } else { "failed" });
    result?;
    let db = crate::db::connect(database)
        .await
        .map_err(|error| error.to_string())?;
    let migrated = crate::db::migrate(&db, database)
        .await
        .map_err(|error| error.to_string());
    db.close().await;
    migrated?;
    Ok(format!("Restored {} into {}.", file.display(), database))
}

fn wrong_kind(file: &Path, backend: &str) -> String {
    format!(
        "{} is not a backup of a {backend} hub database (made by `hub backup` with a {backend} DATABASE_URL).",
        file.display()
    )
}

fn read_magic(file: &Path) -> Result<Vec<u8>, String> {
    use std::io::Read;
    let mut opened = std::fs::File::open(file)
        .map_err(|error| format!("Could not read {}: {error}.", file.display()))?;
    let mut magic = vec![0; 16];
    let read = opened
        .read(&mut magic)
        .map_err(|error| format!("Could not read {}: {error}.", file.display()))?;
    magic.truncate(read);
    Ok(magic)
}

/// Refuses a database that has any table: a restore never overwrites.
async fn ensure_empty(db: &Db, database: &DatabaseUrl) -> Result<(), String> {
    let tables: i64 = app::with_pool!(db, pool => {
        let sql = match db.backend() {
            app::db::Backend::Sqlite => {
                "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            }
            app::db::Backend::Postgres => {
                "SELECT COUNT(*) FROM pg_tables WHERE schemaname = current_schema()"
            }
        };
        sqlx::query_scalar(sql).fetch_one(pool).await
    })
    .map_err(|error| format!("Could not look into {database}: {error}."))?;
    if tables > 0 {
        return Err(format!(
            "{database} is not empty; restore into a new, empty database (a restore never overwrites data)."
        ));
    }
    Ok(())
}

async fn restore_sqlite(database: &DatabaseUrl, path: &Path, file: &Path) -> Result<(), String> {
    let db = crate::db::connect(database)
        .await
        .map_err(|error| error.to_string())?;
    let empty = ensure_empty(&db, database).await;
    db.close().await;
    empty?;
    // Check the copy before putting it in place.
    let check = DatabaseUrl::Sqlite {
        path: PathBuf::from(file),
    };
    let backup = crate::db::connect(&check)
        .await
        .map_err(|error| error.to_string())?;
    let verdict: Result<String, sqlx::Error> = match &backup {
        Db::Sqlite(pool) => {
            sqlx::query_scalar("PRAGMA integrity_check")
                .fetch_one(pool)
                .await
        }
        Db::Postgres(_) => unreachable!("a SQLite URL opens SQLite"),
    };
    backup.close().await;
    match verdict {
        Ok(verdict) if verdict == "ok" => {}
        Ok(verdict) => return Err(format!("{} is damaged: {verdict}.", file.display())),
        Err(error) => return Err(format!("{} cannot be read: {error}.", file.display())),
    }
    for leftover in ["-wal", "-shm"] {
        let mut side = path.as_os_str().to_owned();
        side.push(leftover);
        let _ = std::fs::remove_file(PathBuf::from(side));
    }
    std::fs::copy(file, path)
        .map(|_| ())
        .map_err(|error| format!("Could not copy the backup to {}: {error}.", path.display()))
}

async fn restore_postgres(database: &DatabaseUrl, url: &str, file: &Path) -> Result<(), String> {
    let db = crate::db::connect(database)
        .await
        .map_err(|error| error.to_string())?;
    let empty = ensure_empty(&db, database).await;
    db.close().await;
    empty?;
    let mut command = Command::new("pg_restore");
    command
        .arg("--no-owner")
        .arg("--no-privileges")
        .arg("--exit-on-error")
        .arg("--single-transaction")
        .arg(format!("--dbname={url}"))
        .arg(file);
    run_tool(command, "pg_restore").await
}

/// Runs one of PostgreSQL's client tools, with its complaint as the error.
async fn run_tool(mut command: Command, name: &str) -> Result<(), String> {
    let output = command.output().await.map_err(|error| match error.kind() {
        std::io::ErrorKind::NotFound => format!(
            "{name} was not found; install PostgreSQL's client tools (Debian: postgresql-client) of the server's version or newer."
        ),
        _ => format!("Could not run {name}: {error}."),
    })?;
    if output.status.success() {
        return Ok(());
    }
    let stderr = String::from_utf8_lossy(&output.stderr);
    let reason = stderr
        .lines()
        .find(|line| !line.trim().is_empty())
        .unwrap_or("it gave no reason");
    Err(format!("{name} failed: {reason}"))
}
