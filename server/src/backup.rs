//! `hub backup FILE` and `hub restore FILE`.
//!
//! SQLite: `VACUUM INTO` writes a consistent copy of the live database
//! while the hub keeps serving (readers and writers carry on; the copy is
//! compacted). Restoring checks the copy and puts it into place.
//! PostgreSQL: `pg_dump --format=custom` (consistent: one snapshot) and
//! `pg_restore`, from PostgreSQL's client tools.
//! A backup is written under a temporary name and renamed when complete,
//! so an interrupted one never looks like a good one. A restore goes only
//! into an empty database, so it can never mix two hubs' data or overwrite
//! a live one; migrations then bring an older backup up to date.

use std::path::{Path, PathBuf};

use app::db::Db;
use sqlx::sqlite::{SqliteConnectOptions, SqlitePoolOptions};
use tokio::process::Command;

use crate::config::DatabaseUrl;
use crate::progress::Progress;

/// The first bytes of each kind of backup file.
const SQLITE_MAGIC: &[u8] = b"SQLite format 3\0";
const PG_DUMP_MAGIC: &[u8] = b"PGDMP";

/// Opens `database` as it is, to back it up: never created, never
/// migrated (a newer `hub` must not change a database an older one serves).
pub async fn open_existing(database: &DatabaseUrl) -> Result<Db, String> {
    if let DatabaseUrl::Sqlite { path } = database {
        if !path.is_file() {
            return Err(format!(
                "There is no database at {}; check DATABASE_URL.",
                path.display()
            ));
        }
    }
    crate::db::connect(database)
        .await
        .map_err(|error| error.to_string())
}

/// Writes a backup of `database` (open as `db`) to `file`, which must not
/// exist yet. Returns a sentence for the operator.
pub async fn backup(db: &Db, database: &DatabaseUrl, file: &Path) -> Result<String, String> {
    if file.exists() {
        return Err(format!(
            "{} already exists; choose a new file name (backups are never overwritten).",
            file.display()
        ));
    }
    let partial = beside(file, ".partial");
    if partial.exists() {
        return Err(format!(
            "{} exists (an earlier backup that did not finish?); remove it, then try again.",
            partial.display()
        ));
    }
    let progress = Progress::spinner(&format!("Backing up to {}", file.display()));
    let written = match (db, database) {
        (Db::Sqlite(pool), DatabaseUrl::Sqlite { .. }) => sqlx::query("VACUUM INTO $1")
            .bind(partial.to_string_lossy().to_string())
            .execute(pool)
            .await
            .map(|_| ())
            .map_err(|error| format!("Could not write the backup: {error}.")),
        (_, DatabaseUrl::Postgres { url }) => {
            let mut dump = postgres_tool("pg_dump", url);
            dump.arg("--format=custom")
                .arg("--no-owner")
                .arg("--no-privileges")
                .arg(format!("--file={}", partial.display()));
            run_tool(dump, "pg_dump").await
        }
        _ => Err("The database and its settings disagree.".to_string()),
    };
    let result = written.and_then(|()| {
        std::fs::rename(&partial, file)
            .and_then(|()| sync_folder_of(file))
            .map_err(|error| format!("Could not name the backup {}: {error}.", file.display()))
    });
    if let Err(error) = result {
        progress.finish("failed");
        let _ = std::fs::remove_file(&partial);
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
async fn ensure_empty(database: &DatabaseUrl) -> Result<(), String> {
    let db = crate::db::connect(database)
        .await
        .map_err(|error| error.to_string())?;
    let tables = count_tables(&db).await;
    db.close().await;
    let tables = tables.map_err(|error| format!("Could not look into {database}: {error}."))?;
    if tables > 0 {
        return Err(format!(
            "{database} is not empty; restore into a new, empty database (a restore never overwrites data)."
        ));
    }
    Ok(())
}

async fn count_tables(db: &Db) -> Result<i64, sqlx::Error> {
    app::with_pool!(db, pool => {
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
}

async fn restore_sqlite(database: &DatabaseUrl, path: &Path, file: &Path) -> Result<(), String> {
    ensure_empty(database).await?;
    check_sqlite_backup(file).await?;
    // Copied beside the target, made writable and synced, then renamed
    // over it: an interrupted restore leaves the empty database, not half of
    // one, and a read-only backup does not make a read-only database.
    let copying = beside(path, ".restoring");
    let copied = (|| {
        use std::os::unix::fs::OpenOptionsExt;
        // Readable and writable by the hub's user only, whatever the
        // backup's own permissions.
        let mut target = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&copying)?;
        std::io::copy(&mut std::fs::File::open(file)?, &mut target)?;
        target.sync_all()?;
        for journal in ["-wal", "-shm"] {
            let _ = std::fs::remove_file(beside(path, journal));
        }
        std::fs::rename(&copying, path)?;
        sync_folder_of(path)
    })();
    copied.map_err(|error| {
        let _ = std::fs::remove_file(&copying);
        format!("Could not copy the backup to {}: {error}.", path.display())
    })
}

/// Checks a SQLite backup without writing to it: it may be read-only, and
/// must stay exactly as it was.
async fn check_sqlite_backup(file: &Path) -> Result<(), String> {
    let options = SqliteConnectOptions::new()
        .filename(file)
        .read_only(true)
        .immutable(true);
    let verdict: Result<String, sqlx::Error> = match SqlitePoolOptions::new()
        .max_connections(1)
        .connect_with(options)
        .await
    {
        Ok(backup) => {
            let verdict = sqlx::query_scalar("PRAGMA integrity_check")
                .fetch_one(&backup)
                .await;
            backup.close().await;
            verdict
        }
        Err(error) => Err(error),
    };
    match verdict {
        Ok(verdict) if verdict == "ok" => Ok(()),
        Ok(verdict) => Err(format!("{} is damaged: {verdict}.", file.display())),
        Err(error) => Err(format!("{} cannot be read: {error}.", file.display())),
    }
}

/// Makes a rename in `path`'s folder survive a crash.
fn sync_folder_of(path: &Path) -> std::io::Result<()> {
    let folder = path
        .parent()
        .filter(|folder| !folder.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::File::open(folder)?.sync_all()
}

/// `path` with `suffix` added to its file name (`hub.db` → `hub.db-wal`).
fn beside(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

async fn restore_postgres(database: &DatabaseUrl, url: &str, file: &Path) -> Result<(), String> {
    ensure_empty(database).await?;
    let mut command = postgres_tool("pg_restore", url);
    command
        .arg("--no-owner")
        .arg("--no-privileges")
        .arg("--exit-on-error")
        .arg("--single-transaction")
        .arg(file);
    run_tool(command, "pg_restore").await
}

/// A PostgreSQL client tool for `url`: the password goes in its
/// environment (`PGPASSWORD`), not on its command line where any local user
/// could read it. The URL's options are passed on in libpq's spelling (sqlx
/// also takes `ssl-mode` for `sslmode` and so on), so the tool connects as
/// the hub does; options only sqlx knows are left out.
fn postgres_tool(name: &str, url: &str) -> Command {
    /// sqlx's spelling → libpq's, for every option both understand.
    const OPTIONS: [(&str, &str); 16] = [
        ("host", "host"),
        ("hostaddr", "hostaddr"),
        ("port", "port"),
        ("dbname", "dbname"),
        ("user", "user"),
        ("options", "options"),
        ("application_name", "application_name"),
        ("connect_timeout", "connect_timeout"),
        ("sslmode", "sslmode"),
        ("ssl-mode", "sslmode"),
        ("sslrootcert", "sslrootcert"),
        ("ssl-root-cert", "sslrootcert"),
        ("ssl-ca", "sslrootcert"),
        ("sslcert", "sslcert"),
        ("ssl-cert", "sslcert"),
        ("ssl-key", "sslkey"),
    ];
    let mut command = Command::new(name);
    let Ok(mut parsed) = url::Url::parse(url) else {
        command.arg(format!("--dbname={url}"));
        return command;
    };
    let decode = |raw: &str| {
        percent_encoding::percent_decode_str(raw)
            .decode_utf8_lossy()
            .into_owned()
    };
    if let Some(password) = parsed.password() {
        command.env("PGPASSWORD", decode(password));
        let _ = parsed.set_password(None);
    }
    let mut kept: Vec<(String, String)> = Vec::new();
    for (option, value) in parsed.query_pairs() {
        if option == "password" {
            command.env("PGPASSWORD", value.as_ref());
        } else if option == "sslkey" {
            kept.push(("sslkey".into(), value.into_owned()));
        } else if let Some((_, libpq)) = OPTIONS.iter().find(|(sqlx, _)| *sqlx == option) {
            kept.push((libpq.to_string(), value.into_owned()));
        }
    }
    parsed.set_query(None);
    if !kept.is_empty() {
        parsed.query_pairs_mut().extend_pairs(kept);
    }
    command.arg(format!("--dbname={parsed}"));
    command
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

#[cfg(test)]
mod tests {
    use super::postgres_tool;

    fn arguments(url: &str) -> (Vec<String>, Option<String>) {
        let command = postgres_tool("pg_dump", url);
        let std = command.as_std();
        let arguments = std
            .get_args()
            .map(|argument| argument.to_string_lossy().into_owned())
            .collect();
        let password = std
            .get_envs()
            .find(|(name, _)| *name == "PGPASSWORD")
            .and_then(|(_, value)| value.map(|value| value.to_string_lossy().into_owned()));
        (arguments, password)
    }

    #[test]
    fn the_password_leaves_the_command_line_and_options_keep_their_meaning() {
        let (arguments, password) = arguments(
            "postgres://hub:s%40cret@db.example:5433/hub?ssl-mode=require&statement-cache-capacity=10&host=/run/postgresql",
        );
        assert_eq!(password.as_deref(), Some("s@cret"));
        assert_eq!(
            arguments,
            ["--dbname=postgres://hub@db.example:5433/hub?sslmode=require&host=%2Frun%2Fpostgresql"]
        );
        assert!(!arguments[0].contains("cret"));
    }
}
