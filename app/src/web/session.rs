//! Sessions: tower-sessions with a store in the hub's own database (either
//! backend), so several server instances share them and every session of
//! one account can be ended at once. Also the per-request [`Viewer`].

use std::net::IpAddr;

use async_trait::async_trait;
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{self, SessionStore};
use tower_sessions::Session;

use super::identity::{AccountStatus, User, UserBadge};
use crate::db::Db;
use crate::with_pool;

/// Keys in the session's data.
pub mod keys {
    /// The signed-in account.
    pub const USER_ID: &str = "user_id";
    /// When the password (and second step) were given, Unix seconds.
    pub const SIGNED_IN_AT: &str = "signed_in_at";
    /// Last request seen, Unix seconds; refreshed once a minute.
    pub const SEEN_AT: &str = "seen_at";
    pub const CSRF: &str = "csrf";
    /// An account whose password was right but whose second step is due.
    pub const PENDING_MFA_USER: &str = "pending_mfa_user";
    pub const PENDING_MFA_AT: &str = "pending_mfa_at";
    /// Where to go after signing in.
    pub const AFTER_SIGN_IN: &str = "after_sign_in";
    /// A secret being set up, before the first code confirms it.
    pub const MFA_SETUP_SECRET: &str = "mfa_setup_secret";
    /// Recovery codes to show once.
    pub const NEW_RECOVERY_CODES: &str = "new_recovery_codes";
    /// A one-off confirmation for the next page.
    pub const NOTICE: &str = "notice";
    /// The account's copy the browser's timeline was just saved to, for
    /// the page the save lands on (`toolkits::local::AccountCopy`).
    pub const LOCAL_SAVED: &str = "local_saved";
}

/// Signed out after this long without a request.
pub const IDLE_TIMEOUT_MINUTES: i64 = 30;
/// Signed out this long after signing in, however active.
pub const ABSOLUTE_TIMEOUT_SECONDS: i64 = 12 * 3600;
/// The second sign-in step must follow the password within this time.
pub const PENDING_MFA_SECONDS: i64 = 5 * 60;

fn now() -> i64 {
    chrono::Utc::now().timestamp()
}

/// tower-sessions' store over the hub's `sessions` table.
#[derive(Clone, Debug)]
pub struct DbSessionStore {
    db: Db,
}

impl DbSessionStore {
    pub fn new(db: Db) -> Self {
        DbSessionStore { db }
    }
}

fn backend(error: sqlx::Error) -> session_store::Error {
    session_store::Error::Backend(error.to_string())
}

#[async_trait]
impl SessionStore for DbSessionStore {
    async fn create(&self, record: &mut Record) -> session_store::Result<()> {
        // A clash of 128-bit random ids is all but impossible; if one
        // happens, draw again rather than overwrite someone's session.
        loop {
            let data = serde_json::to_string(&record.data)
                .map_err(|error| session_store::Error::Encode(error.to_string()))?;
            let user_id = record
                .data
                .get(keys::USER_ID)
                .and_then(|value| value.as_i64());
            let inserted = with_pool!(&self.db, pool => {
                sqlx::query("INSERT INTO sessions (id, user_id, data, expires_at) VALUES ($1, $2, $3, $4) ON CONFLICT (id) DO NOTHING")
                    .bind(record.id.to_string())
                    .bind(user_id)
                    .bind(&data)
                    .bind(record.expiry_date.unix_timestamp())
                    .execute(pool)
                    .await
                    .map_err(backend)?
                    .rows_affected()
            });
            if inserted == 1 {
                return Ok(());
            }
            record.id = Id::default();
        }
    }

    async fn save(&self, record: &Record) -> session_store::Result<()> {
        let data = serde_json::to_string(&record.data)
            .map_err(|error| session_store::Error::Encode(error.to_string()))?;
        let user_id = record
            .data
            .get(keys::USER_ID)
            .and_then(|value| value.as_i64());
        with_pool!(&self.db, pool => {
            sqlx::query(
                "INSERT INTO sessions (id, user_id, data, expires_at) VALUES ($1, $2, $3, $4)
                 ON CONFLICT (id) DO UPDATE SET user_id = excluded.user_id, data = excluded.data, expires_at = excluded.expires_at",
            )
            .bind(record.id.to_string())
            .bind(user_id)
            .bind(&data)
            .bind(record.expiry_date.unix_timestamp())
            .execute(pool)
            .await
            .map_err(backend)?;
        });
        Ok(())
    }

    async fn load(&self, id: &Id) -> session_store::Result<Option<Record>> {
        let row: Option<(String, i64)> = with_pool!(&self.db, pool => {
            sqlx::query_as("SELECT data, expires_at FROM sessions WHERE id = $1 AND expires_at > $2")
                .bind(id.to_string())
                .bind(now())
                .fetch_optional(pool)
                .await
                .map_err(backend)?
        });
        let Some((data, expires_at)) = row else {
            return Ok(None);
        };
        let data = serde_json::from_str(&data)
            .map_err(|error| session_store::Error::Decode(error.to_string()))?;
        let expiry_date = time::OffsetDateTime::from_unix_timestamp(expires_at)
            .map_err(|error| session_store::Error::Decode(error.to_string()))?;
        Ok(Some(Record {
            id: *id,
            data,
            expiry_date,
        }))
    }

    async fn delete(&self, id: &Id) -> session_store::Result<()> {
        with_pool!(&self.db, pool => {
            sqlx::query("DELETE FROM sessions WHERE id = $1")
                .bind(id.to_string())
                .execute(pool)
                .await
                .map_err(backend)?;
        });
        Ok(())
    }
}

/// Ends every session of an account, except `keep` (the one in use).
pub async fn end_sessions(db: &Db, user_id: i64, keep: Option<Id>) -> Result<u64, sqlx::Error> {
    let keep = keep.map(|id| id.to_string()).unwrap_or_default();
    Ok(with_pool!(db, pool => {
        sqlx::query("DELETE FROM sessions WHERE user_id = $1 AND id <> $2")
            .bind(user_id)
            .bind(&keep)
            .execute(pool)
            .await?
            .rows_affected()
    }))
}

pub async fn count_sessions(db: &Db, user_id: i64) -> Result<i64, sqlx::Error> {
    Ok(with_pool!(db, pool => {
        sqlx::query_scalar("SELECT COUNT(*) FROM sessions WHERE user_id = $1 AND expires_at > $2")
            .bind(user_id)
            .bind(now())
            .fetch_one(pool)
            .await?
    }))
}

pub async fn prune_expired(db: &Db) -> Result<u64, sqlx::Error> {
    Ok(with_pool!(db, pool => {
        sqlx::query("DELETE FROM sessions WHERE expires_at <= $1")
            .bind(now())
            .execute(pool)
            .await?
            .rows_affected()
    }))
}

/// Who is making this request. Put in the request's extensions by
/// [`attach_viewer`]; handlers, pages and server functions read it from there.
#[derive(Clone, Debug)]
pub struct Viewer {
    pub user: Option<User>,
    pub ip: Option<IpAddr>,
    pub session: Session,
}

impl Viewer {
    pub fn badge(&self) -> Option<UserBadge> {
        self.user.as_ref().map(|user| UserBadge {
            id: user.id,
            display_name: user.display_name.clone(),
            role: user.role,
            must_set_up_mfa: user.role.requires_mfa() && !user.mfa_enabled(),
        })
    }

    pub fn user_id(&self) -> Option<i64> {
        self.user.as_ref().map(|user| user.id)
    }
}

/// True while a page is being rendered for a browser's request, false in
/// a server function called over HTTP (their addresses are under `/api/`).
pub fn is_page_render() -> bool {
    leptos::prelude::use_context::<axum::http::request::Parts>()
        .is_some_and(|parts| !parts.uri.path().starts_with("/api/"))
}

/// How this layer finds a session's account: the accounts area gives it at
/// start-up (`accounts::repo::find_for_session`), so sessions never read
/// its tables and this layer depends on no domain area.
pub type FindUser = for<'a> fn(
    &'a Db,
    i64,
) -> std::pin::Pin<
    Box<dyn std::future::Future<Output = Result<Option<User>, sqlx::Error>> + Send + 'a>,
>;

/// What [`attach_viewer`] needs: the database and how to find an account.
#[derive(Clone)]
pub struct SessionUsers {
    pub db: Db,
    pub find: FindUser,
}

/// Loads the session's account and applies the timeouts: a session past
/// its absolute lifetime, or of a suspended or deleted account, is ended.
pub async fn attach_viewer(
    State(users): State<SessionUsers>,
    session: Session,
    mut request: Request,
    next: Next,
) -> Response {
    // Built files need no account: skip the session read on every asset.
    let path = request.uri().path();
    if path.starts_with("/pkg/") || path.starts_with("/assets/") || path == "/favicon.svg" {
        return next.run(request).await;
    }
    // Worked out from trusted proxies' headers by `web::client_address`.
    let ip = request
        .extensions()
        .get::<crate::web::client_address::ClientAddress>()
        .map(|client| client.0);
    let user = match current_user(&users, &session).await {
        Ok(user) => user,
        Err(error) => {
            tracing::error!(%error, "could not load the session");
            None
        }
    };
    request
        .extensions_mut()
        .insert(Viewer { user, ip, session });
    next.run(request).await
}

async fn current_user(
    users: &SessionUsers,
    session: &Session,
) -> Result<Option<User>, Box<dyn std::error::Error>> {
    let Some(user_id) = session.get::<i64>(keys::USER_ID).await? else {
        return Ok(None);
    };
    let now = now();
    let signed_in_at = session.get::<i64>(keys::SIGNED_IN_AT).await?.unwrap_or(0);
    let user = (users.find)(&users.db, user_id).await?;
    let usable = user
        .as_ref()
        .is_some_and(|user| user.status == AccountStatus::Active);
    if !usable || now - signed_in_at > ABSOLUTE_TIMEOUT_SECONDS {
        session.flush().await?;
        return Ok(None);
    }
    // Saving extends the idle expiry; once a minute is enough.
    let seen_at = session.get::<i64>(keys::SEEN_AT).await?.unwrap_or(0);
    if now - seen_at >= 60 {
        session.insert(keys::SEEN_AT, now).await?;
    }
    Ok(user)
}

/// Starts a signed-in session: a new id (so an id planted before sign-in
/// is useless), a new CSRF token, and the sign-in time.
pub async fn begin(session: &Session, user_id: i64) -> Result<(), tower_sessions::session::Error> {
    let after = session.get::<String>(keys::AFTER_SIGN_IN).await?;
    session.clear().await;
    session.cycle_id().await?;
    let now = now();
    session.insert(keys::USER_ID, user_id).await?;
    session.insert(keys::SIGNED_IN_AT, now).await?;
    session.insert(keys::SEEN_AT, now).await?;
    session
        .insert(keys::CSRF, super::tokens::random_token())
        .await?;
    if let Some(after) = after {
        session.insert(keys::AFTER_SIGN_IN, after).await?;
    }
    Ok(())
}

/// Leaves a message for the next page the user sees.
pub async fn notify(session: &Session, message: impl Into<String>) {
    let _ = session.insert(keys::NOTICE, message.into()).await;
}

/// The viewer of the request being rendered or served (server functions
/// and pages).
pub fn request_viewer() -> Option<Viewer> {
    leptos::prelude::use_context::<http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<Viewer>().cloned())
}
