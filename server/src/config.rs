//! All configuration, in one place: command-line flags that fall back to
//! environment variables that fall back to defaults. Raw strings are parsed
//! once into typed [`Settings`]; nothing else reads the environment.

use std::fmt;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::str::FromStr;
use std::time::Duration;

use app::learning::credentials::signing::SigningKey;
use app::web::client_address::{ForwardedHeader, TrustedProxies};
use clap::{Args, Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "hub",
    version,
    about = "The Investigation Resources Hub: modules, toolkits, guides and a network for patient-safety investigators.",
    long_about = "The Investigation Resources Hub web server.\n\n\
        With no command it serves the hub (the same as `hub serve`). Every option can also be set \
        by the environment variable named beside it; flags win over the environment."
)]
pub struct Cli {
    #[command(flatten)]
    pub settings: SettingsArgs,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand, Clone, PartialEq, Eq)]
pub enum Command {
    /// Apply any pending database migrations, then serve the hub (the default).
    Serve,
    /// Create the database if needed, apply pending migrations, and exit.
    Migrate,
    /// Load the demo catalogue (organisations, resources, lessons) into an
    /// empty database. A database that already has resources is left alone.
    SeedDemo,
    /// Make an account an admin, creating it if needed, and print a link to
    /// set its password. The first admin is made this way.
    CreateAdmin {
        /// The admin's email address.
        #[arg(long)]
        email: String,
        /// The name shown for a new account.
        #[arg(long, default_value = "Hub admin")]
        name: String,
    },
    /// Add resources from a JSON or CSV file (the export's format). Every
    /// row is checked first; if any is invalid, nothing is imported.
    Import {
        /// A .json or .csv file.
        file: std::path::PathBuf,
        /// Check every row and report problems, but import nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// Check every signposted resource's external link now and record the
    /// results for curators (the server also does this once a day).
    CheckLinks,
    /// Write a consistent backup of the database to FILE while the hub
    /// runs (SQLite: a copy made by VACUUM INTO; PostgreSQL: pg_dump's
    /// custom format). FILE must not exist yet.
    Backup {
        /// Where to write the backup.
        file: std::path::PathBuf,
    },
    /// Restore a backup made by `hub backup` into an empty database (the
    /// DATABASE_URL's), then bring its schema up to date.
    Restore {
        /// The backup file.
        file: std::path::PathBuf,
    },
    /// Add a large generated catalogue, for benchmarks.
    SeedSynthetic {
        /// How many resources to add.
        #[arg(long, default_value_t = 100_000)]
        resources: usize,
    },
}

#[derive(Debug, Args, Clone)]
pub struct SettingsArgs {
    /// Where the data lives: `sqlite://PATH` (a file, created on first start) or
    /// `postgres://USER@HOST:PORT/DATABASE` (shared by several hub instances).
    #[arg(
        long,
        env = "DATABASE_URL",
        default_value = "sqlite://data/hub.db",
        hide_env_values = true,
        global = true
    )]
    pub database_url: String,

    /// The address and port to listen on.
    #[arg(
        long,
        env = "HUB_ADDR",
        default_value = "127.0.0.1:3000",
        global = true
    )]
    pub addr: String,

    /// The folder of built front-end files (cargo-leptos's site root).
    #[arg(
        long,
        env = "HUB_SITE_ROOT",
        default_value = "target/site",
        global = true
    )]
    pub site_root: PathBuf,

    /// The largest request body accepted, in bytes.
    #[arg(long, env = "HUB_MAX_BODY_BYTES", default_value_t = 2 * 1024 * 1024, global = true)]
    pub max_body_bytes: usize,

    /// The longest a request may take before it is answered 503, in
    /// seconds.
    #[arg(
        long,
        env = "HUB_REQUEST_TIMEOUT_SECS",
        default_value_t = 30,
        global = true
    )]
    pub request_timeout_secs: u64,

    /// The longest an upload of a workspace file may take, its sending
    /// included, in seconds: more than a request's, for slow connections.
    #[arg(
        long,
        env = "HUB_UPLOAD_TIMEOUT_SECS",
        default_value_t = 600,
        global = true
    )]
    pub upload_timeout_secs: u64,

    /// The hub's address as its users reach it, for links in emails.
    #[arg(
        long,
        env = "HUB_PUBLIC_URL",
        default_value = "http://127.0.0.1:3000",
        global = true
    )]
    pub public_url: String,

    /// The email address the contact, privacy and accessibility pages give
    /// for questions, requests and complaints.
    #[arg(
        long,
        env = "HUB_CONTACT_EMAIL",
        default_value = "hub-support@hub.invalid",
        global = true
    )]
    pub contact_email: String,

    /// Send email through this SMTP server (`smtps://user:password@host`).
    /// Without it, emails are written to the outbox folder.
    #[arg(long, env = "HUB_SMTP_URL", hide_env_values = true, global = true)]
    pub smtp_url: Option<String>,

    /// The sender of the hub's emails.
    #[arg(
        long,
        env = "HUB_MAIL_FROM",
        default_value = "Investigation Resources Hub <no-reply@hub.invalid>",
        global = true
    )]
    pub mail_from: String,

    /// Where emails are written when no SMTP server is set.
    #[arg(
        long,
        env = "HUB_OUTBOX_DIR",
        default_value = "data/outbox",
        global = true
    )]
    pub outbox_dir: PathBuf,

    /// Served over HTTPS (directly or behind a proxy): session cookies get
    /// `Secure` and the `__Host-` prefix, and browsers are told to keep to HTTPS.
    #[arg(
        long,
        env = "HUB_SECURE_COOKIES",
        default_value_t = false,
        global = true
    )]
    pub secure_cookies: bool,

    /// Reverse proxies and load balancers in front of the hub, whose
    /// `Forwarded` / `X-Forwarded-For` headers say who the client is: a
    /// comma-separated list of addresses or networks (`10.0.0.0/8`). Empty:
    /// the connecting address is the client, and those headers are ignored.
    #[arg(long, env = "HUB_TRUSTED_PROXIES", default_value = "", global = true)]
    pub trusted_proxies: String,

    /// The header the trusted proxies write to say who the client is:
    /// `x-forwarded-for` (most proxies and load balancers) or `forwarded`
    /// (RFC 7239). The other header is ignored: a proxy passes it on from
    /// the client untouched.
    #[arg(
        long,
        env = "HUB_FORWARDED_HEADER",
        default_value = "x-forwarded-for",
        global = true
    )]
    pub forwarded_header: String,

    /// The Ed25519 key that signs certificates, as base64 PKCS#8 (for
    /// example `openssl genpkey -algorithm ed25519 -outform DER | openssl
    /// base64 -A`). Without it the hub makes one on first start and keeps
    /// it in the database. Set it in the environment (a flag shows in the
    /// process list), before the first certificate, and the same on every
    /// instance sharing a database: credentials signed with another key no
    /// longer check as the hub's.
    #[arg(
        long,
        env = "HUB_CREDENTIAL_KEY",
        hide_env_values = true,
        global = true
    )]
    pub credential_key: Option<Secret>,
}

/// A setting never shown: not in `Debug`, not in an error message.
#[derive(Clone)]
pub struct Secret(pub String);

impl fmt::Debug for Secret {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("Secret(…)")
    }
}

impl FromStr for Secret {
    type Err = std::convert::Infallible;

    fn from_str(raw: &str) -> Result<Self, Self::Err> {
        Ok(Secret(raw.to_string()))
    }
}

/// How email leaves the hub.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MailSettings {
    Outbox { folder: PathBuf },
    Smtp { url: String, from: String },
}

/// Configuration after parsing: every value here is known to be well formed.
#[derive(Debug, Clone)]
pub struct Settings {
    pub database: DatabaseUrl,
    pub addr: SocketAddr,
    pub site_root: PathBuf,
    pub max_body_bytes: usize,
    /// The longest a request may take (an upload: `upload_time_limit`).
    pub request_time_limit: Duration,
    pub upload_time_limit: Duration,
    pub public_url: String,
    pub contact_email: String,
    pub mail: MailSettings,
    pub secure_cookies: bool,
    pub trusted_proxies: TrustedProxies,
    /// The certificate signing key given by setting (its `Debug` shows its
    /// id only), or None to use the database's.
    pub credential_key: Option<SigningKey>,
}

impl Settings {
    /// Settings for tests and tools: everything default but the database,
    /// a random local port and an outbox in `outbox`.
    pub fn for_tests(database: DatabaseUrl, site_root: PathBuf, outbox: PathBuf) -> Self {
        Settings {
            database,
            addr: "127.0.0.1:0".parse().expect("a valid address"),
            site_root,
            max_body_bytes: 64 * 1024,
            request_time_limit: Duration::from_secs(30),
            upload_time_limit: Duration::from_secs(600),
            public_url: "http://127.0.0.1:3000".to_string(),
            contact_email: "hub-support@hub.invalid".to_string(),
            mail: MailSettings::Outbox { folder: outbox },
            secure_cookies: false,
            trusted_proxies: TrustedProxies::default(),
            credential_key: None,
        }
    }
}

impl TryFrom<SettingsArgs> for Settings {
    type Error = ConfigError;

    fn try_from(args: SettingsArgs) -> Result<Self, Self::Error> {
        let addr = args
            .addr
            .parse()
            .map_err(|_| ConfigError::Address(args.addr.clone()))?;
        if args.max_body_bytes == 0 {
            return Err(ConfigError::BodyLimit);
        }
        if args.request_timeout_secs == 0 {
            return Err(ConfigError::TimeLimit("HUB_REQUEST_TIMEOUT_SECS"));
        }
        if args.upload_timeout_secs == 0 {
            return Err(ConfigError::TimeLimit("HUB_UPLOAD_TIMEOUT_SECS"));
        }
        let public_url = url::Url::parse(&args.public_url)
            .ok()
            .filter(|url| matches!(url.scheme(), "http" | "https") && url.host_str().is_some())
            .ok_or_else(|| ConfigError::PublicUrl(args.public_url.clone()))?;
        let contact_email = app::accounts::EmailAddress::parse(&args.contact_email)
            .map_err(|_| ConfigError::ContactEmail(args.contact_email.clone()))?;
        let mail = match args.smtp_url.filter(|url| !url.trim().is_empty()) {
            Some(url) => MailSettings::Smtp {
                url,
                from: args.mail_from,
            },
            None => MailSettings::Outbox {
                folder: args.outbox_dir,
            },
        };
        let header =
            ForwardedHeader::parse(&args.forwarded_header).map_err(ConfigError::ForwardedHeader)?;
        let trusted_proxies = TrustedProxies::parse(&args.trusted_proxies)
            .map_err(ConfigError::TrustedProxy)?
            .writing(header);
        let credential_key = args
            .credential_key
            .filter(|key| !key.0.trim().is_empty())
            .map(|key| SigningKey::from_stored(&key.0).map_err(|_| ConfigError::CredentialKey))
            .transpose()?;
        Ok(Settings {
            database: args.database_url.parse()?,
            addr,
            site_root: args.site_root,
            max_body_bytes: args.max_body_bytes,
            request_time_limit: Duration::from_secs(args.request_timeout_secs),
            upload_time_limit: Duration::from_secs(args.upload_timeout_secs),
            public_url: public_url.as_str().trim_end_matches('/').to_string(),
            contact_email: contact_email.as_str().to_string(),
            mail,
            secure_cookies: args.secure_cookies,
            trusted_proxies,
            credential_key,
        })
    }
}

/// A database location the hub knows how to open.
#[derive(Clone, PartialEq, Eq)]
pub enum DatabaseUrl {
    Sqlite { path: PathBuf },
    Postgres { url: String },
}

impl FromStr for DatabaseUrl {
    type Err = ConfigError;

    fn from_str(raw: &str) -> Result<Self, Self::Err> {
        let raw = raw.trim();
        if let Some(rest) = raw
            .strip_prefix("sqlite://")
            .or_else(|| raw.strip_prefix("sqlite:"))
        {
            let path = rest.split('?').next().unwrap_or_default();
            if path.is_empty() {
                return Err(ConfigError::DatabaseUrl(
                    raw.to_string(),
                    "it names no file",
                ));
            }
            return Ok(DatabaseUrl::Sqlite {
                path: PathBuf::from(path),
            });
        }
        if raw.starts_with("postgres://") || raw.starts_with("postgresql://") {
            let parsed = url::Url::parse(raw)
                .map_err(|_| ConfigError::DatabaseUrl(redact(raw), "it is not a valid URL"))?;
            if parsed.host_str().is_none_or(str::is_empty) {
                return Err(ConfigError::DatabaseUrl(redact(raw), "it names no host"));
            }
            return Ok(DatabaseUrl::Postgres {
                url: raw.to_string(),
            });
        }
        Err(ConfigError::DatabaseUrl(
            redact(raw),
            "it must start with sqlite:// or postgres://",
        ))
    }
}

impl fmt::Debug for DatabaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

/// Shown in logs and errors: never includes a password.
impl fmt::Display for DatabaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DatabaseUrl::Sqlite { path } => write!(f, "sqlite://{}", path.display()),
            DatabaseUrl::Postgres { url } => f.write_str(&redact(url)),
        }
    }
}

/// Replaces the password in a URL, if any, with `***`.
pub fn redact(raw: &str) -> String {
    match url::Url::parse(raw) {
        Ok(mut parsed) if parsed.password().is_some() => {
            let _ = parsed.set_password(Some("***"));
            parsed.to_string()
        }
        _ => raw.to_string(),
    }
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ConfigError {
    #[error("DATABASE_URL '{0}' cannot be used: {1}.")]
    DatabaseUrl(String, &'static str),
    #[error("HUB_ADDR '{0}' is not an address and port such as 127.0.0.1:3000.")]
    Address(String),
    #[error("HUB_MAX_BODY_BYTES must be more than 0.")]
    BodyLimit,
    #[error("{0} must be a whole number of seconds more than 0.")]
    TimeLimit(&'static str),
    #[error("HUB_PUBLIC_URL '{0}' is not an http:// or https:// address such as https://hub.example.nhs.uk.")]
    PublicUrl(String),
    #[error("HUB_CONTACT_EMAIL '{0}' is not an email address such as hub-support@example.nhs.uk.")]
    ContactEmail(String),
    #[error(
        "HUB_TRUSTED_PROXIES: '{0}' is not an address or network such as 10.0.0.5 or 10.0.0.0/8."
    )]
    TrustedProxy(String),
    #[error(
        "HUB_FORWARDED_HEADER '{0}' is not one the hub reads: use x-forwarded-for or forwarded."
    )]
    ForwardedHeader(String),
    #[error(
        "HUB_CREDENTIAL_KEY is not an Ed25519 private key in base64 PKCS#8 (it is not shown here)."
    )]
    CredentialKey,
}

#[cfg(test)]
mod tests;
