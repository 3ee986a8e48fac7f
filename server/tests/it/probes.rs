//! `/healthz` and `/readyz` on both backends, including the database going
//! away and coming back while the server keeps running.

use crate::support::{admin_connection, spawn_app, Backend};
use reqwest::StatusCode;
use serde_json::Value;

async fn healthz_says_ok(backend: Backend) {
    let app = spawn_app(backend).await;
    let response = app.get("/healthz").await;
    assert_eq!(response.status(), StatusCode::OK);
    assert!(response.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("application/json"));
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["status"], "ok");
    app.shutdown().await;
}

async fn readyz_reports_the_backend(backend: Backend) {
    let app = spawn_app(backend).await;
    let response = app.get("/readyz").await;
    assert_eq!(response.status(), StatusCode::OK);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["status"], "ready");
    assert_eq!(body["database"], "ok");
    let expected = match backend {
        Backend::Sqlite => "sqlite",
        Backend::Postgres => "postgres",
    };
    assert_eq!(body["backend"], expected);
    app.shutdown().await;
}

async fn readyz_fails_while_the_database_is_gone_and_recovers(backend: Backend) {
    let app = spawn_app(backend).await;
    assert_eq!(app.get("/readyz").await.status(), StatusCode::OK);

    match backend {
        Backend::Sqlite => {
            let path = app.database.sqlite_path().unwrap();
            let moved = path.with_extension("moved");
            std::fs::rename(&path, &moved).unwrap();
            let response = app.get("/readyz").await;
            assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
            let body: Value = response.json().await.unwrap();
            assert_eq!(body["status"], "unavailable");
            assert!(
                body["database"].as_str().unwrap().contains("missing"),
                "{body}"
            );
            std::fs::rename(&moved, &path).unwrap();
        }
        Backend::Postgres => {
            let name = app.database.postgres_name().unwrap().to_string();
            let admin = admin_connection().await;
            sqlx::query(&format!("DROP DATABASE {name} WITH (FORCE)"))
                .execute(&admin)
                .await
                .unwrap();
            let response = app.get("/readyz").await;
            assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
            let body: Value = response.json().await.unwrap();
            assert_eq!(body["status"], "unavailable");
            sqlx::query(&format!("CREATE DATABASE {name}"))
                .execute(&admin)
                .await
                .unwrap();
            admin.close().await;
        }
    }

    // The pool replaces broken connections by itself: no restart needed.
    let mut status = StatusCode::SERVICE_UNAVAILABLE;
    for _ in 0..20 {
        status = app.get("/readyz").await.status();
        if status == StatusCode::OK {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(status, StatusCode::OK);
    app.shutdown().await;
}

async fn migrations_are_applied_on_start(backend: Backend) {
    let app = spawn_app(backend).await;
    let applied: i64 = app::with_pool!(&app.db, pool => {
        sqlx::query_scalar("SELECT COUNT(*) FROM _sqlx_migrations WHERE success").fetch_one(pool).await.unwrap()
    });
    let files = std::fs::read_dir(format!(
        "{}/../migrations/{}",
        env!("CARGO_MANIFEST_DIR"),
        match backend {
            Backend::Sqlite => "sqlite",
            Backend::Postgres => "postgres",
        }
    ))
    .unwrap()
    .count();
    assert_eq!(applied as usize, files);
    app.shutdown().await;
}

/// Another build replacing the site folder under a running hub: readiness
/// says so (pages would silently lose their script), and recovers.
async fn readiness_notices_missing_page_assets(backend: Backend) {
    let app = spawn_app(backend).await;
    assert_eq!(app.get("/readyz").await.status(), StatusCode::OK);
    let wasm = app.site_root.path().join("pkg/hub_bg.wasm");
    let kept = std::fs::read(&wasm).unwrap();
    std::fs::remove_file(&wasm).unwrap();
    let response = app.get("/readyz").await;
    assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
    let body: serde_json::Value = response.json().await.unwrap();
    assert!(
        body["site"].as_str().unwrap().contains("pkg/hub_bg.wasm"),
        "{body}"
    );
    assert_eq!(body["database"], "ok");
    std::fs::write(&wasm, kept).unwrap();
    assert_eq!(app.get("/readyz").await.status(), StatusCode::OK);
    app.shutdown().await;
}

crate::both_backends!(
    readiness_notices_missing_page_assets,
    healthz_says_ok,
    readyz_reports_the_backend,
    readyz_fails_while_the_database_is_gone_and_recovers,
    migrations_are_applied_on_start,
);
