//! Sending the hub's emails. With SMTP configured, through lettre; without,
//! each message is written as a file to the outbox folder and its link is
//! logged, so every flow can be completed on a fresh machine.

use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};

use lettre::message::{header::ContentType, Mailbox};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

#[derive(Clone, Debug)]
pub struct Email {
    pub to: String,
    pub subject: String,
    pub body: String,
}

impl Email {
    /// An email in the hub's own words: its name after the subject, and a
    /// closing line saying who sent it.
    pub fn from_hub(to: &str, subject: &str, body: String) -> Email {
        let service = crate::SERVICE_NAME;
        Email {
            to: to.to_string(),
            subject: format!("{subject} – {service}"),
            body: format!("{body}\n\nThis email was sent by the {service}. If you did not expect it, you can ignore it."),
        }
    }
}

#[derive(Clone)]
pub enum Mailer {
    Outbox {
        folder: PathBuf,
    },
    Smtp {
        transport: Box<AsyncSmtpTransport<Tokio1Executor>>,
        from: Mailbox,
    },
}

impl std::fmt::Debug for Mailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Mailer::Outbox { folder } => write!(f, "Mailer::Outbox({})", folder.display()),
            Mailer::Smtp { from, .. } => write!(f, "Mailer::Smtp(from {from})"),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum MailError {
    #[error("could not write to the outbox: {0}")]
    Outbox(#[from] std::io::Error),
    #[error("could not send by SMTP: {0}")]
    Smtp(String),
}

static SEQUENCE: AtomicU64 = AtomicU64::new(0);

impl Mailer {
    /// `smtp_url` as lettre reads it (`smtps://user:pass@host`); `from` the
    /// sender address.
    pub fn smtp(smtp_url: &str, from: &str) -> Result<Self, String> {
        let transport = Box::new(
            AsyncSmtpTransport::<Tokio1Executor>::from_url(smtp_url)
                .map_err(|error| format!("HUB_SMTP_URL cannot be used: {error}"))?
                .build(),
        );
        let from = from
            .parse()
            .map_err(|_| format!("HUB_MAIL_FROM '{from}' is not an email address"))?;
        Ok(Mailer::Smtp { transport, from })
    }

    pub async fn send(&self, email: Email) -> Result<(), MailError> {
        match self {
            Mailer::Outbox { folder } => {
                tokio::fs::create_dir_all(folder).await?;
                let safe_to: String = email
                    .to
                    .chars()
                    .map(|c| {
                        if c.is_ascii_alphanumeric() || c == '.' || c == '@' {
                            c
                        } else {
                            '_'
                        }
                    })
                    .collect();
                let name = format!(
                    "{}-{:04}-{safe_to}.eml",
                    chrono::Utc::now().format("%Y%m%dT%H%M%S%.3f"),
                    SEQUENCE.fetch_add(1, Ordering::Relaxed) % 10_000
                );
                let text = format!(
                    "To: {}\nSubject: {}\nContent-Type: text/plain; charset=utf-8\n\n{}\n",
                    email.to, email.subject, email.body
                );
                tokio::fs::write(folder.join(&name), text).await?;
                let links: Vec<&str> = email
                    .body
                    .split_whitespace()
                    .filter(|word| word.starts_with("http"))
                    .collect();
                tracing::info!(file = %folder.join(&name).display(), subject = %email.subject, links = ?links, "email written to the outbox");
                Ok(())
            }
            Mailer::Smtp { transport, from } => {
                let to: Mailbox = email
                    .to
                    .parse()
                    .map_err(|error| MailError::Smtp(format!("bad recipient: {error}")))?;
                let message = Message::builder()
                    .from(from.clone())
                    .to(to)
                    .subject(email.subject)
                    .header(ContentType::TEXT_PLAIN)
                    .body(email.body)
                    .map_err(|error| MailError::Smtp(error.to_string()))?;
                transport
                    .send(message)
                    .await
                    .map(|_| ())
                    .map_err(|error| MailError::Smtp(error.to_string()))
            }
        }
    }
}
