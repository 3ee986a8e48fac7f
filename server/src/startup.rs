//! Building the application from [`Settings`] and running it until a
//! shutdown signal. `main` and the integration tests share this path.

use app::learning::credentials::repo::ConfiguredKey;
use std::future::Future;
use std::net::SocketAddr;
use std::sync::OnceLock;
use std::time::Duration;

use crate::http::request_limits::{Limit, RequestLimits};
use app::accounts::repo as accounts_repo;
use app::db::Db;
use app::web::access::{self, Access, Endpoints};
use app::web::client_address::{self, TrustedProxies};
use app::web::form::WebContext;
use app::web::input;
use app::web::mail::Mailer;
use app::web::session::{self as sessions, DbSessionStore, SessionUsers, IDLE_TIMEOUT_MINUTES};
use app::web::site::Site;
use app::web::{cookies, csrf, rate_limit, upload};
use app::{shell, App};
use axum::extract::{FromRef, Request, State};
use axum::http::Method;
use axum::response::Response;
use axum::serve::ListenerExt;
use axum::{middleware, Router};
use leptos::config::{Env, LeptosOptions};
use leptos::prelude::provide_context;
use leptos_axum::{generate_route_list, AxumRouteListing, LeptosRoutes};
use tokio::net::TcpListener;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;
use tower_http::cors::{Any, CorsLayer};
use tower_http::services::{ServeDir, ServeFile};
use tower_http::trace::{DefaultMakeSpan, DefaultOnResponse, TraceLayer};
use tower_http::LatencyUnit;
use tower_sessions::cookie::SameSite;
use tower_sessions::{Expiry, SessionManagerLayer};
use tracing::Level;

use crate::config::{DatabaseUrl, MailSettings, Settings};
use crate::db::{self, DbError};
use crate::http::{headers, health};

/// What every handler can reach.
#[derive(Clone, Debug)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub db: Db,
    pub database: DatabaseUrl,
    pub accounts: WebContext,
    pub secure_cookies: bool,
    pub trusted_proxies: TrustedProxies,
    pub credential_key: ConfiguredKey,
}

impl FromRef<AppState> for ConfiguredKey {
    fn from_ref(state: &AppState) -> Self {
        state.credential_key.clone()
    }
}

impl FromRef<AppState> for WebContext {
    fn from_ref(state: &AppState) -> Self {
        state.accounts.clone()
    }
}

impl FromRef<AppState> for Db {
    fn from_ref(state: &AppState) -> Self {
        state.db.clone()
    }
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}

#[derive(Debug, thiserror::Error)]
pub enum StartupError {
    #[error(transparent)]
    Database(#[from] DbError),
    #[error("Could not listen on {addr}: {reason}. Set HUB_ADDR to a free address and port.")]
    Bind { addr: SocketAddr, reason: String },
    #[error("{0}.")]
    Mail(String),
    #[error("The site folder {root} does not have the files this build's pages load ({missing}). Build the site with `cargo leptos build` (scripts/run does), or set HUB_SITE_ROOT to the folder that build wrote.")]
    MissingAssets { root: String, missing: String },
}

/// The mailer the settings ask for.
pub fn mailer(settings: &Settings) -> Result<Mailer, String> {
    match &settings.mail {
        MailSettings::Outbox { folder } => Ok(Mailer::Outbox {
            folder: folder.clone(),
        }),
        MailSettings::Smtp { url, from } => Mailer::smtp(url, from),
    }
}

pub struct Application {
    listener: TcpListener,
    router: Router,
    db: Db,
}

impl Application {
    /// Opens and migrates the database, then binds the listener.
    pub async fn build(settings: Settings) -> Result<Self, StartupError> {
        let db = db::connect(&settings.database).await?;
        db::migrate(&db, &settings.database).await?;
        // Load the search snapshot before serving, not in the first searches
        // (and not in a task that races start-up; see `housekeeping`).
        if let Err(error) = app::resources::search::snapshot::current(&db).await {
            tracing::warn!(%error, "could not load the search snapshot; the first search will");
        }
        // The key that signs certificates: given by setting, or made on
        // first start and kept in the database (only its id is logged).
        let credential_key = ConfiguredKey(settings.credential_key.clone());
        if let Some(configured) = &credential_key.0 {
            match app::learning::credentials::repo::stored_kid(&db).await {
                Ok(Some(stored)) if stored != configured.kid() => tracing::warn!(
                    configured = configured.kid(),
                    stored = %stored,
                    "HUB_CREDENTIAL_KEY is not the key this database's certificates were signed with: \
                     credentials downloaded before no longer check as the hub's"
                ),
                Ok(_) => {}
                Err(error) => {
                    tracing::warn!(%error, "could not read the database's signing key id")
                }
            }
        }
        match app::learning::credentials::repo::signing_key(&db, &credential_key).await {
            Ok(key) => tracing::debug!(kid = key.kid(), "credential signing key ready"),
            Err(error) => {
                tracing::warn!(%error, "no credential signing key yet; the first certificate makes it")
            }
        }
        match app::learning::credentials::repo::issue_missing(&db).await {
            Ok(0) => {}
            Ok(issued) => tracing::info!(issued, "certificates issued for earlier completions"),
            Err(error) => {
                tracing::warn!(%error, "could not issue certificates for earlier completions")
            }
        }
        let listener =
            TcpListener::bind(settings.addr)
                .await
                .map_err(|error| StartupError::Bind {
                    addr: settings.addr,
                    reason: match error.kind() {
                        std::io::ErrorKind::AddrInUse => {
                            "the address is already in use".to_string()
                        }
                        _ => error.to_string(),
                    },
                })?;
        let addr = listener.local_addr().map_err(|error| StartupError::Bind {
            addr: settings.addr,
            reason: error.to_string(),
        })?;
        let leptos_options = leptos_options(&settings, addr);
        // Pages name hashed files; serving them from another build's site
        // folder would leave every page without its script (issue 17).
        let missing = app::assets::missing_page_assets(&leptos_options);
        if !missing.is_empty() {
            return Err(StartupError::MissingAssets {
                root: settings.site_root.display().to_string(),
                missing: missing.join(", "),
            });
        }
        let accounts = WebContext {
            db: db.clone(),
            options: leptos_options.clone(),
            mailer: mailer(&settings).map_err(StartupError::Mail)?,
            site: Site {
                public_url: settings.public_url.clone(),
                contact_email: settings.contact_email.clone(),
            },
            shell: app::shell_view,
        };
        let state = AppState {
            leptos_options,
            db: db.clone(),
            database: settings.database.clone(),
            accounts,
            secure_cookies: settings.secure_cookies,
            trusted_proxies: settings.trusted_proxies.clone(),
            credential_key,
        };
        Ok(Self {
            listener,
            router: router(state, &settings),
            db,
        })
    }

    pub fn local_addr(&self) -> SocketAddr {
        self.listener
            .local_addr()
            .expect("a bound listener has an address")
    }

    /// Serves until Ctrl-C or SIGTERM, lets in-flight requests finish, then
    /// closes the database pool.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        self.run_until(shutdown_signal()).await
    }

    pub async fn run_until(
        self,
        signal: impl Future<Output = ()> + Send + 'static,
    ) -> std::io::Result<()> {
        tracing::info!(address = %self.local_addr(), backend = self.db.backend().name(), "serving the hub");
        let housekeeping = tokio::spawn(housekeeping(self.db.clone()));
        // Without TCP_NODELAY, the last small segment of a response waits
        // for the client's delayed ACK (Nagle's algorithm): about 40 ms per
        // static file on a kept-alive connection.
        let listener = self.listener.tap_io(|stream| {
            if let Err(error) = stream.set_nodelay(true) {
                tracing::debug!(%error, "could not set TCP_NODELAY");
            }
        });
        let result = axum::serve(
            listener,
            self.router
                .into_make_service_with_connect_info::<SocketAddr>(),
        )
        .with_graceful_shutdown(signal)
        .await;
        housekeeping.abort();
        self.db.close().await;
        tracing::info!("stopped");
        result
    }
}

/// Every ten minutes, forgets expired sessions, old links and old rate
/// counters (safe to run on every instance at once); once a day, on one
/// instance only, applies the retention schedule and checks the
/// catalogue's external links.
async fn housekeeping(db: Db) {
    // The first round waits a full period: at start-up there is nothing to
    // forget yet, and the queries must not race start-up (a pool opening a
    // fresh SQLite connection would recreate a database file that is gone).
    let period = Duration::from_secs(600);
    let mut interval = tokio::time::interval_at(tokio::time::Instant::now() + period, period);
    loop {
        interval.tick().await;
        let results = [
            sessions::prune_expired(&db).await,
            accounts_repo::prune_link_tokens(&db).await,
            rate_limit::prune(&db).await,
        ];
        for result in results {
            if let Err(error) = result {
                tracing::warn!(%error, "housekeeping failed; will retry");
            }
        }
        let now = chrono::Utc::now().timestamp();
        retention(&db, now).await;
        match app::curation::repo::claim_job(&db, "check-links", 86_400, now).await {
            Ok(true) => {
                // In its own task: a slow site must not hold up housekeeping.
                let db = db.clone();
                tokio::spawn(async move {
                    match crate::links::check_all(&db, &crate::links::CheckerSettings::default())
                        .await
                    {
                        Ok(summary) => tracing::info!(?summary, "links checked"),
                        Err(error) => tracing::warn!(%error, "the link check failed"),
                    }
                });
            }
            Ok(false) => {}
            Err(error) => tracing::warn!(%error, "could not claim the link check"),
        }
    }
}

/// Once a day, on one instance, deletes what is past its period in the
/// retention schedule (which the privacy notice prints).
async fn retention(db: &Db, now: i64) {
    use app::service::retention::{self, JOB_EVERY_SECONDS, JOB_NAME};
    match app::curation::repo::claim_job(db, JOB_NAME, JOB_EVERY_SECONDS, now).await {
        Ok(true) => match retention::apply(db, now).await {
            Ok(deleted) => tracing::info!(?deleted, "retention schedule applied"),
            Err(error) => {
                tracing::warn!(%error, "the retention job failed; it runs again tomorrow")
            }
        },
        Ok(false) => {}
        Err(error) => tracing::warn!(%error, "could not claim the retention job"),
    }
}

fn leptos_options(settings: &Settings, addr: SocketAddr) -> LeptosOptions {
    LeptosOptions::builder()
        .output_name("hub")
        .site_root(settings.site_root.to_string_lossy().to_string())
        .site_pkg_dir("pkg")
        .site_addr(addr)
        .env(Env::PROD)
        .hash_files(hash_file_beside_binary())
        .build()
}

/// cargo-leptos writes `hash.txt` beside the binary when it hashes asset
/// names. Leptos panics on a missing hash file, so hashed names are used
/// only when the file is really there (not, say, under `cargo test`).
fn hash_file_beside_binary() -> bool {
    app::assets::hash_file_path("hash.txt").is_some_and(|path| path.is_file())
}

/// The page routes of `<App/>`, worked out once per process. Generating
/// them sets a process-wide flag that makes any resource first polled
/// meanwhile wait forever (leptos issue #4773), so it must never overlap a
/// render: with several apps in one process (the tests), only the first
/// generates.
pub fn route_list() -> Vec<AxumRouteListing> {
    static ROUTES: OnceLock<Vec<AxumRouteListing>> = OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}

/// Every HTTP endpoint outside the Leptos router, each with its access:
/// probes, the read API and the account forms. The authorisation matrix
/// test enumerates this list.
pub fn http_endpoints() -> Endpoints<AppState> {
    let probes = Endpoints::new()
        .get("/healthz", Access::Public, health::healthz)
        .get("/readyz", Access::Public, health::readyz);
    let api = app::resources::api::routes().map_router(|router| {
        router.layer(
            CorsLayer::new()
                .allow_origin(Any)
                .allow_methods([Method::GET]),
        )
    });
    probes
        .merge(api)
        .merge(app::accounts::handlers::routes())
        .merge(app::network::handlers::routes())
        .merge(app::curation::export::routes())
        .merge(app::curation::handlers::routes())
        .merge(app::organisations::editor::routes())
        .merge(app::service::routes())
        .merge(app::moderation::handlers::routes())
        .merge(app::learning::handlers::routes())
        .merge(app::learning::collections::handlers::routes())
        .merge(app::toolkits::handlers::routes())
        .merge(app::learning::credentials::handlers::routes())
        .merge(app::learning::capability::handlers::routes())
}

/// The whole HTTP surface: probes, static files, pages, forms and server
/// functions, wrapped in the layers every response passes through.
pub fn router(state: AppState, settings: &Settings) -> Router {
    let site_root = std::path::PathBuf::from(state.leptos_options.site_root.as_ref());
    let routes = route_list();
    let db = state.db.clone();
    let site = state.accounts.site.clone();
    let options = state.leptos_options.clone();
    let secure = state.secure_cookies;

    // Pages (and the server functions registered with them) pass the page
    // guard; each server function also checks its own access.
    let pages = Router::new()
        .leptos_routes_with_context(
            &state,
            routes,
            move || {
                provide_context(db.clone());
                provide_context(site.clone());
            },
            move || shell(options.clone()),
        )
        .layer(middleware::from_fn_with_state(
            state.accounts.clone(),
            app::service::sharing::attach,
        ))
        .layer(middleware::from_fn(access::guard_pages))
        .layer(middleware::from_fn_with_state(
            state.db.clone(),
            crate::http::moved::redirect_merged,
        ));

    let mut router = http_endpoints()
        .into_router()
        .merge(pages)
        .nest_service(
            "/pkg",
            ServeDir::new(site_root.join("pkg"))
                .precompressed_br()
                .precompressed_gzip(),
        )
        .nest_service("/assets", ServeDir::new(site_root.join("assets")))
        .route_service(
            "/favicon.svg",
            ServeFile::new(site_root.join("favicon.svg")),
        )
        .fallback(not_found)
        .with_state(state.clone())
        // Inner to outer: CSRF check, a visitor's upload held to a form's
        // size, who is asking, the session itself,
        // from which address, and input made safe to parse (control
        // characters, trailing slashes) before anything reads it.
        .layer(middleware::from_fn(csrf::verify))
        .layer(middleware::from_fn(upload::members_only))
        .layer(middleware::from_fn_with_state(
            SessionUsers {
                db: state.db.clone(),
                find: accounts_repo::find_for_session,
            },
            sessions::attach_viewer,
        ))
        .layer(session_layer(state.db.clone(), secure))
        .layer(middleware::from_fn_with_state(
            state.trusted_proxies.clone(),
            client_address::resolve,
        ))
        .layer(middleware::from_fn(input::clean));

    for layer in headers::security_header_layers() {
        router = router.layer(layer);
    }
    if secure {
        router = router.layer(headers::strict_transport_security());
    }
    router
        .layer(middleware::from_fn(headers::cache_control))
        .layer(CompressionLayer::new())
        .layer(middleware::from_fn_with_state(
            RequestLimits {
                default: Limit {
                    bytes: settings.max_body_bytes,
                    time: settings.request_time_limit,
                },
                upload_time: settings.upload_time_limit,
                // The browser's timeline, saved to an account, is the
                // same file as an import.
                uploads: vec![
                    (
                        app::toolkits::handlers::IMPORT_PATH,
                        app::toolkits::handlers::IMPORT_BODY_BYTES,
                    ),
                    (
                        app::toolkits::local::LOCAL_PAGE,
                        app::toolkits::handlers::IMPORT_BODY_BYTES,
                    ),
                ],
            },
            crate::http::request_limits::limit,
        ))
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(DefaultMakeSpan::new().level(Level::INFO))
                .on_response(
                    DefaultOnResponse::new()
                        .level(Level::INFO)
                        .latency_unit(LatencyUnit::Millis),
                ),
        )
        .layer(CatchPanicLayer::custom(headers::panic_response))
}

/// Any path no route knows: the app's "Page not found" (404), rendered with
/// the database like every page, so the header still knows who is signed in.
async fn not_found(State(state): State<AppState>, request: Request) -> Response {
    let db = state.db.clone();
    let site = state.accounts.site.clone();
    let options = state.leptos_options.clone();
    let render = leptos_axum::render_app_async_with_context(
        move || {
            provide_context(db.clone());
            provide_context(site.clone());
        },
        move || shell(options.clone()),
    );
    render(request).await
}

/// Sessions in the database: an opaque 128-bit id in an HttpOnly,
/// SameSite=Lax cookie (Secure with the `__Host-` prefix over HTTPS),
/// ending after 30 idle minutes.
fn session_layer(db: Db, secure: bool) -> SessionManagerLayer<DbSessionStore> {
    SessionManagerLayer::new(DbSessionStore::new(db))
        .with_name(if secure {
            cookies::SECURE_SESSION_COOKIE
        } else {
            cookies::SESSION_COOKIE
        })
        .with_secure(secure)
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_path("/")
        .with_expiry(Expiry::OnInactivity(time::Duration::minutes(
            IDLE_TIMEOUT_MINUTES,
        )))
}

/// Registers for Ctrl-C and SIGTERM at once, before the hub says it is
/// serving, and returns the wait for either. Registering inside the future
/// (as `tokio::signal::ctrl_c()` does) leaves a gap until its first poll in
/// which a SIGTERM from a supervisor kills the process without draining
/// requests or closing the pool: CI caught it.
fn shutdown_signal() -> impl Future<Output = ()> + Send + 'static {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, Signal, SignalKind};
        async fn received(signal: std::io::Result<Signal>) {
            match signal {
                Ok(mut signal) => {
                    signal.recv().await;
                }
                Err(error) => {
                    tracing::warn!(%error, "cannot listen for a stop signal");
                    std::future::pending::<()>().await;
                }
            }
        }
        let interrupt = received(signal(SignalKind::interrupt()));
        let terminate = received(signal(SignalKind::terminate()));
        async move {
            tokio::select! {
                () = interrupt => tracing::info!("Ctrl-C received, shutting down"),
                () = terminate => tracing::info!("SIGTERM received, shutting down"),
            }
        }
    }
    #[cfg(not(unix))]
    async {
        if tokio::signal::ctrl_c().await.is_ok() {
            tracing::info!("Ctrl-C received, shutting down");
        } else {
            std::future::pending::<()>().await;
        }
    }
}
