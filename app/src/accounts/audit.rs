//! The audit log: who did what to which account, when and from where.
//! Admins read it; nothing in it is a password, token or code.

use std::net::IpAddr;

use super::types::{AuditEntry, AuditPage};
use crate::db::Db;
use crate::with_pool;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AuditAction {
    Registered,
    EmailVerified,
    SignedIn,
    SignInFailed,
    SignInBlocked,
    SignedOut,
    SignedOutEverywhere,
    PasswordChanged,
    PasswordResetRequested,
    PasswordReset,
    EmailChangeRequested,
    EmailChanged,
    MfaEnabled,
    MfaDisabled,
    MfaFailed,
    RecoveryCodeUsed,
    RoleChanged,
    Suspended,
    Reinstated,
    SessionsEnded,
    AccountDeleted,
    AdminCreated,
    ReportDismissed,
    ContentHidden,
    MemberWarned,
    CredentialRevoked,
}

impl AuditAction {
    pub fn slug(self) -> &'static str {
        match self {
            AuditAction::Registered => "registered",
            AuditAction::EmailVerified => "email_verified",
            AuditAction::SignedIn => "signed_in",
            AuditAction::SignInFailed => "sign_in_failed",
            AuditAction::SignInBlocked => "sign_in_blocked",
            AuditAction::SignedOut => "signed_out",
            AuditAction::SignedOutEverywhere => "signed_out_everywhere",
            AuditAction::PasswordChanged => "password_changed",
            AuditAction::PasswordResetRequested => "password_reset_requested",
            AuditAction::PasswordReset => "password_reset",
            AuditAction::EmailChangeRequested => "email_change_requested",
            AuditAction::EmailChanged => "email_changed",
            AuditAction::MfaEnabled => "mfa_enabled",
            AuditAction::MfaDisabled => "mfa_disabled",
            AuditAction::MfaFailed => "mfa_failed",
            AuditAction::RecoveryCodeUsed => "recovery_code_used",
            AuditAction::RoleChanged => "role_changed",
            AuditAction::Suspended => "suspended",
            AuditAction::Reinstated => "reinstated",
            AuditAction::SessionsEnded => "sessions_ended",
            AuditAction::AccountDeleted => "account_deleted",
            AuditAction::AdminCreated => "admin_created",
            AuditAction::ReportDismissed => "report_dismissed",
            AuditAction::ContentHidden => "content_hidden",
            AuditAction::MemberWarned => "member_warned",
            AuditAction::CredentialRevoked => "credential_revoked",
        }
    }
}

/// One event to record. `actor` did it; `subject` is the account it was
/// done to (often the same).
#[derive(Clone, Debug)]
pub struct AuditEvent {
    pub action: AuditAction,
    pub actor: Option<i64>,
    pub subject: Option<i64>,
    pub detail: String,
    pub ip: Option<IpAddr>,
}

impl AuditEvent {
    pub fn new(action: AuditAction) -> Self {
        AuditEvent {
            action,
            actor: None,
            subject: None,
            detail: String::new(),
            ip: None,
        }
    }

    pub fn by(mut self, actor: i64) -> Self {
        self.actor = Some(actor);
        self.subject = self.subject.or(Some(actor));
        self
    }

    pub fn on(mut self, subject: i64) -> Self {
        self.subject = Some(subject);
        self
    }

    pub fn detail(mut self, detail: impl Into<String>) -> Self {
        self.detail = detail.into();
        self
    }

    pub fn from_ip(mut self, ip: Option<IpAddr>) -> Self {
        self.ip = ip;
        self
    }
}

/// Writes the event. A failure is logged, not returned: the action it
/// records has already happened.
pub async fn record(db: &Db, event: AuditEvent) {
    let now = chrono::Utc::now().timestamp();
    let ip = event.ip.map(|ip| ip.to_string());
    let result = with_pool!(db, pool => {
        sqlx::query("INSERT INTO audit_log (at, actor_id, subject_id, action, detail, ip) VALUES ($1, $2, $3, $4, $5, $6)")
            .bind(now)
            .bind(event.actor)
            .bind(event.subject)
            .bind(event.action.slug())
            .bind(&event.detail)
            .bind(&ip)
            .execute(pool)
            .await
            .map(|_| ())
    });
    if let Err(error) = result {
        tracing::error!(%error, action = event.action.slug(), "could not write the audit log");
    }
}

pub const AUDIT_PAGE_SIZE: i64 = 50;

#[derive(sqlx::FromRow)]
struct Row {
    at: i64,
    actor: Option<String>,
    subject: Option<String>,
    action: String,
    detail: String,
    ip: Option<String>,
}

const SELECT: &str = "SELECT l.at, a.email AS actor, s.email AS subject, l.action, l.detail, l.ip
    FROM audit_log l
    LEFT JOIN users a ON a.id = l.actor_id
    LEFT JOIN users s ON s.id = l.subject_id";

fn entry(row: Row) -> AuditEntry {
    AuditEntry {
        at: row.at,
        actor: row.actor,
        subject: row.subject,
        action: row.action.replace('_', " "),
        detail: row.detail,
        ip: row.ip,
    }
}

/// Newest first, a page at a time.
pub async fn page(db: &Db, page: u32) -> Result<AuditPage, sqlx::Error> {
    let offset = i64::from(page.saturating_sub(1)) * AUDIT_PAGE_SIZE;
    let sql = format!("{SELECT} ORDER BY l.id DESC LIMIT $1 OFFSET $2");
    let rows: Vec<Row> = with_pool!(db, pool => {
        sqlx::query_as(&sql).bind(AUDIT_PAGE_SIZE + 1).bind(offset).fetch_all(pool).await?
    });
    let has_more = rows.len() as i64 > AUDIT_PAGE_SIZE;
    Ok(AuditPage {
        entries: rows
            .into_iter()
            .take(AUDIT_PAGE_SIZE as usize)
            .map(entry)
            .collect(),
        page: page.max(1),
        has_more,
    })
}

/// The latest events about one account.
pub async fn for_subject(
    db: &Db,
    subject: i64,
    limit: i64,
) -> Result<Vec<AuditEntry>, sqlx::Error> {
    let sql = format!("{SELECT} WHERE l.subject_id = $1 ORDER BY l.id DESC LIMIT $2");
    let rows: Vec<Row> = with_pool!(db, pool => {
        sqlx::query_as(&sql).bind(subject).bind(limit).fetch_all(pool).await?
    });
    Ok(rows.into_iter().map(entry).collect())
}

/// Deletes the events recorded before `cutoff` (the retention schedule's
/// period for security and audit records).
pub async fn delete_before(db: &Db, cutoff: i64) -> Result<u64, sqlx::Error> {
    Ok(with_pool!(db, pool => {
        sqlx::query("DELETE FROM audit_log WHERE at < $1")
            .bind(cutoff)
            .execute(pool)
            .await?
            .rows_affected()
    }))
}

/// How many events of a kind an account has, for tests and the admin page.
pub async fn count(db: &Db, subject: i64, action: AuditAction) -> Result<i64, sqlx::Error> {
    Ok(with_pool!(db, pool => {
        sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE subject_id = $1 AND action = $2")
            .bind(subject)
            .bind(action.slug())
            .fetch_one(pool)
            .await?
    }))
}
