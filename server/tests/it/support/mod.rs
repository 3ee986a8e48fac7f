//! The one way integration tests start the hub: `spawn_app(Backend)` opens a
//! fresh database on the chosen backend, builds the real application on a
//! random port and returns its address. Every DB test runs on both backends
//! through [`both_backends!`].
#![allow(dead_code)]

pub mod accounts;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};

use app::db::Db;
use server::config::{DatabaseUrl, Settings};
use server::startup::Application;
use tokio::sync::oneshot;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// The PostgreSQL server to create test databases on. `scripts/test` sets
/// TEST_POSTGRES_URL (starting a throwaway cluster when none answers on
/// 5432); a bare `cargo test` falls back to the usual local server.
pub fn postgres_admin_url() -> String {
    std::env::var("TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".to_string())
}

/// A database that exists only for one test.
pub struct TestDatabase {
    pub url: DatabaseUrl,
    /// Keeps the SQLite file's folder alive for the test's lifetime.
    _folder: Option<tempfile::TempDir>,
    postgres_name: Option<String>,
}

static COUNTER: AtomicU64 = AtomicU64::new(0);

impl TestDatabase {
    pub async fn create(backend: Backend) -> Self {
        match backend {
            Backend::Sqlite => {
                let folder = tempfile::tempdir().expect("a temporary folder");
                let path = folder.path().join("hub.db");
                TestDatabase {
                    url: DatabaseUrl::Sqlite { path },
                    _folder: Some(folder),
                    postgres_name: None,
                }
            }
            Backend::Postgres => {
                let name = format!(
                    "hub_test_{}_{}_{}",
                    std::process::id(),
                    COUNTER.fetch_add(1, Ordering::Relaxed),
                    std::time::SystemTime::now()
                        .duration_since(std::time::UNIX_EPOCH)
                        .unwrap()
                        .subsec_nanos()
                );
                let admin = admin_connection().await;
                sqlx::query(&format!("CREATE DATABASE {name}"))
                    .execute(&admin)
                    .await
                    .expect("create a test database");
                admin.close().await;
                let mut url =
                    url::Url::parse(&postgres_admin_url()).expect("TEST_POSTGRES_URL is a URL");
                url.set_path(&name);
                TestDatabase {
                    url: DatabaseUrl::Postgres {
                        url: url.to_string(),
                    },
                    _folder: None,
                    postgres_name: Some(name),
                }
            }
        }
    }

    pub fn sqlite_path(&self) -> Option<PathBuf> {
        match &self.url {
            DatabaseUrl::Sqlite { path } => Some(path.clone()),
            DatabaseUrl::Postgres { .. } => None,
        }
    }

    pub fn postgres_name(&self) -> Option<&str> {
        self.postgres_name.as_deref()
    }
}

pub async fn admin_connection() -> sqlx::PgPool {
    sqlx::postgres::PgPoolOptions::new()
        .max_connections(1)
        .connect(&postgres_admin_url())
        .await
        .unwrap_or_else(|error| {
            panic!(
                "PostgreSQL is not reachable at {} ({error}). Run the tests with scripts/test, which starts a throwaway server when none is running.",
                postgres_admin_url()
            )
        })
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        let Some(name) = self.postgres_name.take() else {
            return;
        };
        // Drop runs outside async; use a small runtime on its own thread.
        let _ = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap();
            runtime.block_on(async {
                let admin = admin_connection().await;
                let _ = sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                    .execute(&admin)
                    .await;
            });
        })
        .join();
    }
}

/// A running hub and what a test needs to talk to it.
pub struct TestApp {
    pub address: SocketAddr,
    pub client: reqwest::Client,
    pub db: Db,
    pub database: TestDatabase,
    pub site_root: tempfile::TempDir,
    /// Where the hub writes its emails.
    pub outbox: tempfile::TempDir,
    stop: Option<oneshot::Sender<()>>,
    server: Option<tokio::task::JoinHandle<std::io::Result<()>>>,
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.address, path)
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(self.url(path))
            .send()
            .await
            .expect("request reaches the test server")
    }

    /// Stops the server gracefully and waits for it to finish.
    pub async fn shutdown(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(server) = self.server.take() {
            server
                .await
                .expect("server task")
                .expect("server stopped cleanly");
        }
    }
}

/// The files a page of a test build loads (no hashes: see
/// `app::assets::page_assets`), which the hub checks for at start-up.
pub const PAGE_ASSETS: [&str; 3] = ["pkg/hub.js", "pkg/hub_bg.wasm", "pkg/hub.css"];

/// A small site root, standing in for cargo-leptos's output folder, so the
/// static-file routes have real files to serve.
pub fn site_root() -> tempfile::TempDir {
    let root = tempfile::tempdir().expect("a temporary folder");
    std::fs::create_dir_all(root.path().join("pkg")).unwrap();
    let wasm_like: Vec<u8> = (0..64 * 1024).map(|i| (i % 7) as u8).collect();
    std::fs::write(root.path().join("pkg/hub.wasm"), &wasm_like).unwrap();
    std::fs::write(root.path().join("pkg/hub_bg.wasm"), wasm_like).unwrap();
    std::fs::write(
        root.path().join("pkg/hub.js"),
        "export default function init() {}\n",
    )
    .unwrap();
    std::fs::write(
        root.path().join("pkg/hub.css"),
        "body { margin: 0 }\n".repeat(200),
    )
    .unwrap();
    std::fs::write(
        root.path().join("favicon.svg"),
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    )
    .unwrap();
    root
}

pub async fn spawn_app(backend: Backend) -> TestApp {
    spawn_app_with(backend, |_| {}).await
}

/// As [`spawn_app`], with settings changed by `tweak` first.
pub async fn spawn_app_with(backend: Backend, tweak: impl FnOnce(&mut Settings)) -> TestApp {
    server::telemetry::init();
    let database = TestDatabase::create(backend).await;
    let site_root = site_root();
    let outbox = tempfile::tempdir().expect("a temporary folder");
    let mut settings = Settings::for_tests(
        database.url.clone(),
        site_root.path().to_path_buf(),
        outbox.path().to_path_buf(),
    );
    tweak(&mut settings);
    let application = Application::build(settings)
        .await
        .expect("the application starts");
    let address = application.local_addr();
    let db = server::db::connect(&database.url)
        .await
        .expect("a second pool for assertions");
    let (stop, stopped) = oneshot::channel::<()>();
    let server = tokio::spawn(application.run_until(async move {
        let _ = stopped.await;
    }));
    // A stalled response fails the test instead of hanging the suite.
    let client = reqwest::Client::builder()
        .timeout(std::time::Duration::from_secs(20))
        .redirect(reqwest::redirect::Policy::none())
        .no_brotli()
        .no_gzip()
        .build()
        .unwrap();
    TestApp {
        address,
        client,
        db,
        database,
        site_root,
        outbox,
        stop: Some(stop),
        server: Some(server),
    }
}

/// Defines each listed `async fn(Backend)` test once per backend:
/// `mod sqlite { fn name() }` and `mod postgres { fn name() }`.
#[macro_export]
macro_rules! both_backends {
    ($($test:ident),+ $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $test() {
                    super::$test($crate::support::Backend::Sqlite).await;
                }
            )+
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $test() {
                    super::$test($crate::support::Backend::Postgres).await;
                }
            )+
        }
    };
}

/// A running hub with the demo catalogue loaded.
pub async fn spawn_app_with_demo(backend: Backend) -> TestApp {
    let app = spawn_app(backend).await;
    server::seed::demo::seed(&app.db)
        .await
        .expect("the demo catalogue loads");
    app
}

/// Searches through the engine with a URL query string.
pub async fn search(
    app: &TestApp,
    query: &str,
) -> Result<app::resources::search::SearchOutcome, app::resources::search::ParamError> {
    let pairs: Vec<(String, String)> = url::form_urlencoded::parse(query.as_bytes())
        .into_owned()
        .collect();
    let params = app::resources::search::SearchParams::parse(&pairs)?;
    app::resources::search::engine::search(&app.db, &params)
        .await
        .expect("the database answers")
}

/// Another server on the same database, as when several instances share
/// PostgreSQL. Stops when the test's runtime ends.
pub async fn spawn_second_instance(app: &TestApp) -> SocketAddr {
    let settings = Settings::for_tests(
        app.database.url.clone(),
        app.site_root.path().to_path_buf(),
        app.outbox.path().to_path_buf(),
    );
    let application = Application::build(settings)
        .await
        .expect("the second instance starts");
    let address = application.local_addr();
    tokio::spawn(application.run_until(std::future::pending()));
    address
}
