//! `hub backup` and `hub restore` on both backends: a round trip keeps
//! every row, restores go only into empty databases, and the wrong kind of
//! file is refused with a sentence.

use app::db::Db;
use server::backup::{backup, restore};

use crate::support::{spawn_app_with_demo, Backend, TestDatabase};

const TABLES: [&str; 18] = [
    "organisations",
    "resources",
    "lessons",
    "users",
    "profiles",
    "connections",
    "messages",
    "lesson_progress",
    "module_completions",
    "cpd_entries",
    "usefulness_answers",
    "collections",
    "collection_items",
    "credentials",
    "signing_keys",
    "self_assessments",
    "self_assessment_ratings",
    "check_answers",
];

async fn count(db: &Db, table: &str) -> i64 {
    app::with_pool!(db, pool => {
        sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {table}"))
            .fetch_one(pool)
            .await
            .unwrap()
    })
}

async fn backup_and_restore_round_trip(backend: Backend) {
    let app = spawn_app_with_demo(backend).await;
    server::seed::network::seed(&app.db).await.unwrap();
    let folder = tempfile::tempdir().unwrap();
    let file = folder.path().join("hub.backup");
    let said = backup(&app.db, &app.database.url, &file).await.unwrap();
    assert!(said.starts_with("Backed up"), "{said}");
    let again = backup(&app.db, &app.database.url, &file).await.unwrap_err();
    assert!(again.contains("already exists"), "{again}");

    assert!(
        !folder.path().join("hub.backup.partial").exists(),
        "the temporary file is renamed into place"
    );
    // A read-only backup restores into a writable database, and is not
    // changed by being read.
    let mut permissions = std::fs::metadata(&file).unwrap().permissions();
    permissions.set_readonly(true);
    std::fs::set_permissions(&file, permissions).unwrap();
    let before = std::fs::read(&file).unwrap();

    let target = TestDatabase::create(backend).await;
    let said = restore(&target.url, &file).await.unwrap();
    assert_eq!(
        std::fs::read(&file).unwrap(),
        before,
        "the backup is unchanged"
    );
    let leftovers: Vec<_> = std::fs::read_dir(folder.path())
        .unwrap()
        .flatten()
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with("hub.backup"))
        .collect();
    assert_eq!(leftovers, ["hub.backup"], "no journal beside the backup");
    assert!(said.starts_with("Restored"), "{said}");
    let restored = server::db::connect(&target.url).await.unwrap();
    for table in TABLES {
        let original = count(&app.db, table).await;
        assert!(original > 0, "the demo data has {table}");
        assert_eq!(count(&restored, table).await, original, "{table}");
    }
    // The restored hub searches like the original.
    let params =
        app::resources::search::SearchParams::parse(&[("q".into(), "timeline".into())]).unwrap();
    let before = app::resources::search::engine::search(&app.db, &params)
        .await
        .unwrap()
        .unwrap();
    let after = app::resources::search::engine::search(&restored, &params)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(after.total, before.total);
    // The restored database takes writes.
    app::with_pool!(&restored, pool => {
        sqlx::query("UPDATE organisations SET name = name || ' (restored)'")
            .execute(pool)
            .await
            .unwrap()
            .rows_affected()
    });
    restored.close().await;

    // A database with data in it is never overwritten.
    let refused = restore(&target.url, &file).await.unwrap_err();
    assert!(refused.contains("is not empty"), "{refused}");
    let refused = restore(&app.database.url, &file).await.unwrap_err();
    assert!(refused.contains("is not empty"), "{refused}");

    // Not a backup of this kind of database.
    let junk = folder.path().join("notes.txt");
    std::fs::write(&junk, "shopping list").unwrap();
    let empty = TestDatabase::create(backend).await;
    let refused = restore(&empty.url, &junk).await.unwrap_err();
    assert!(refused.contains("is not a backup of a"), "{refused}");
    app.shutdown().await;
}

/// A backup never creates or migrates the database it copies.
#[tokio::test]
async fn a_backup_of_a_missing_sqlite_file_is_refused() {
    let folder = tempfile::tempdir().unwrap();
    let database = server::config::DatabaseUrl::Sqlite {
        path: folder.path().join("not-there.db"),
    };
    let refused = server::backup::open_existing(&database).await.unwrap_err();
    assert!(refused.contains("There is no database at"), "{refused}");
    assert!(!folder.path().join("not-there.db").exists());
}

crate::both_backends!(backup_and_restore_round_trip);
