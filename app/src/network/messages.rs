//! Messages between connected members: one conversation per pair, each
//! side's read position, and plain text whose links are made safe.

use super::connections::pair;
use super::repo::now;
use super::types::{ConversationSummary, MemberLink, MessagePart, MessageView};
use crate::db::{BeginWrite, Db};
use crate::with_pool;

pub const MAX_MESSAGE_CHARS: usize = 2000;
/// How many messages a conversation page shows.
const CONVERSATION_LIMIT: i64 = 200;

/// A message as typed: trimmed, 1 to 2,000 characters, no control
/// characters except line breaks and tabs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MessageBody(String);

impl MessageBody {
    pub fn parse(raw: &str) -> Result<Self, String> {
        let text = raw.replace("\r\n", "\n");
        let text = text.trim();
        if text.is_empty() {
            return Err("Write a message".into());
        }
        if text.chars().count() > MAX_MESSAGE_CHARS {
            return Err(format!(
                "Message must be {MAX_MESSAGE_CHARS} characters or fewer"
            ));
        }
        if text
            .chars()
            .any(|c| c.is_control() && c != '\n' && c != '\t')
        {
            return Err("Message must not contain control characters".into());
        }
        Ok(MessageBody(text.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Splits text into plain parts and web links (http and https only, so no
/// `javascript:` or other schemes ever become links).
pub fn message_parts(text: &str) -> Vec<MessagePart> {
    let mut finder = linkify::LinkFinder::new();
    finder.kinds(&[linkify::LinkKind::Url]);
    finder
        .spans(text)
        .map(|span| match span.kind() {
            Some(linkify::LinkKind::Url)
                if span.as_str().starts_with("https://")
                    || span.as_str().starts_with("http://") =>
            {
                MessagePart::Link(span.as_str().to_string())
            }
            _ => MessagePart::Text(span.as_str().to_string()),
        })
        .collect()
}

/// Sends a message if, at that moment, the two are connected (a block ends
/// the connection, so this also refuses blocked pairs). `false` if not.
pub async fn send(db: &Db, from: i64, to: i64, body: &MessageBody) -> sqlx::Result<bool> {
    let (low, high) = pair(from, to);
    let at = now();
    let read_column = if from == low {
        "low_read_up_to"
    } else {
        "high_read_up_to"
    };
    let mark_read = format!("UPDATE conversations SET {read_column} = $2 WHERE id = $1");
    with_pool!(db, pool => {
        let mut tx = pool.begin_write().await?;
        let connected: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM connections WHERE user_low = $1 AND user_high = $2 AND status = 'accepted'
             AND NOT EXISTS (SELECT 1 FROM blocks WHERE (blocker_id = $1 AND blocked_id = $2)
                                                    OR (blocker_id = $2 AND blocked_id = $1))",
        )
        .bind(low)
        .bind(high)
        .fetch_one(&mut *tx)
        .await?;
        if connected == 0 {
            return Ok(false);
        }
        let conversation: i64 = sqlx::query_scalar(
            "INSERT INTO conversations (user_low, user_high, last_message_at) VALUES ($1, $2, $3)
             ON CONFLICT (user_low, user_high) DO UPDATE SET last_message_at = excluded.last_message_at
             RETURNING id",
        )
        .bind(low)
        .bind(high)
        .bind(at)
        .fetch_one(&mut *tx)
        .await?;
        let message: i64 = sqlx::query_scalar(
            "INSERT INTO messages (conversation_id, sender_id, body, sent_at) VALUES ($1, $2, $3, $4) RETURNING id",
        )
        .bind(conversation)
        .bind(from)
        .bind(body.as_str())
        .bind(at)
        .fetch_one(&mut *tx)
        .await?;
        sqlx::query(&mark_read).bind(conversation).bind(message).execute(&mut *tx).await?;
        tx.commit().await?;
    });
    Ok(true)
}

/// Conditions shared by the queries below: the conversation is the
/// viewer's ($1), and no block stands between the two.
const MINE_AND_UNBLOCKED: &str = "(c.user_low = $1 OR c.user_high = $1)
    AND NOT EXISTS (SELECT 1 FROM blocks b
        WHERE (b.blocker_id = c.user_low AND b.blocked_id = c.user_high)
           OR (b.blocker_id = c.user_high AND b.blocked_id = c.user_low))";

/// Messages sent to the viewer that they have not seen.
pub async fn unread_count(db: &Db, viewer: i64) -> sqlx::Result<i64> {
    let sql = format!(
        "SELECT COUNT(*) FROM conversations c JOIN messages m ON m.conversation_id = c.id
         JOIN profiles p ON p.user_id = m.sender_id
         WHERE {MINE_AND_UNBLOCKED} AND m.sender_id <> $1 AND p.listed AND p.hidden_at IS NULL
           AND m.hidden_at IS NULL AND m.id > CASE WHEN c.user_low = $1 THEN c.low_read_up_to ELSE c.high_read_up_to END"
    );
    with_pool!(db, pool => sqlx::query_scalar(&sql).bind(viewer).fetch_one(pool).await)
}

#[derive(sqlx::FromRow)]
struct SummaryRow {
    handle: String,
    display_name: String,
    last_message_at: i64,
    unread: i64,
    preview: String,
}

/// The viewer's conversations, most recent first.
pub async fn conversations_of(db: &Db, viewer: i64) -> sqlx::Result<Vec<ConversationSummary>> {
    let sql = format!(
        "SELECT p.handle, p.display_name, c.last_message_at,
            (SELECT COUNT(*) FROM messages m WHERE m.conversation_id = c.id AND m.sender_id <> $1
               AND m.hidden_at IS NULL AND m.id > CASE WHEN c.user_low = $1 THEN c.low_read_up_to ELSE c.high_read_up_to END) AS unread,
            (SELECT CASE WHEN m.hidden_at IS NULL THEN m.body ELSE '' END
               FROM messages m WHERE m.conversation_id = c.id ORDER BY m.id DESC LIMIT 1) AS preview
         FROM conversations c
         JOIN profiles p ON p.user_id = CASE WHEN c.user_low = $1 THEN c.user_high ELSE c.user_low END
         WHERE {MINE_AND_UNBLOCKED} AND p.listed AND p.hidden_at IS NULL
         ORDER BY c.last_message_at DESC, c.id DESC"
    );
    let rows: Vec<SummaryRow> =
        with_pool!(db, pool => sqlx::query_as(&sql).bind(viewer).fetch_all(pool).await?);
    Ok(rows
        .into_iter()
        .map(|row| ConversationSummary {
            other: MemberLink {
                handle: row.handle,
                display_name: row.display_name,
            },
            last_message_at: row.last_message_at,
            unread: row.unread,
            preview: row.preview.chars().take(120).collect(),
        })
        .collect())
}

#[derive(sqlx::FromRow)]
struct MessageRow {
    id: i64,
    sender_id: i64,
    body: String,
    sent_at: i64,
    hidden_at: Option<i64>,
}

/// The conversation between the viewer and `other`, newest first, marked
/// as read up to its newest message. Empty if they have none or a block
/// stands between them.
pub async fn conversation(
    db: &Db,
    viewer: i64,
    other: i64,
    other_name: &str,
    viewer_name: &str,
) -> sqlx::Result<Vec<MessageView>> {
    let (low, high) = pair(viewer, other);
    let sql = format!(
        "SELECT m.id, m.sender_id, m.body, m.sent_at, m.hidden_at FROM conversations c
         JOIN messages m ON m.conversation_id = c.id
         WHERE {MINE_AND_UNBLOCKED} AND c.user_low = $2 AND c.user_high = $3
         ORDER BY m.id DESC LIMIT {CONVERSATION_LIMIT}"
    );
    let rows: Vec<MessageRow> = with_pool!(db, pool => sqlx::query_as(&sql)
        .bind(viewer)
        .bind(low)
        .bind(high)
        .fetch_all(pool)
        .await?);
    if let Some(newest) = rows.first() {
        let column = if viewer == low {
            "low_read_up_to"
        } else {
            "high_read_up_to"
        };
        let mark = format!(
            "UPDATE conversations SET {column} = $3 WHERE user_low = $1 AND user_high = $2 AND {column} < $3"
        );
        with_pool!(db, pool => sqlx::query(&mark).bind(low).bind(high).bind(newest.id).execute(pool).await.map(|_| ()))?;
    }
    Ok(rows
        .into_iter()
        .map(|row| MessageView {
            id: row.id,
            from_viewer: row.sender_id == viewer,
            sender_name: if row.sender_id == viewer {
                viewer_name.to_string()
            } else {
                other_name.to_string()
            },
            // A hidden message's text never leaves the server.
            parts: if row.hidden_at.is_some() {
                Vec::new()
            } else {
                message_parts(&row.body)
            },
            sent_at: row.sent_at,
            hidden: row.hidden_at.is_some(),
        })
        .collect())
}

/// A message someone sent `viewer`, as a report quotes it: (sender's user
/// id, sender's name, text). `None` unless it is in one of the viewer's
/// conversations, from the other person, and not already hidden.
pub async fn message_for_report(
    db: &Db,
    viewer: i64,
    id: i64,
) -> sqlx::Result<Option<(i64, String, String)>> {
    with_pool!(db, pool => sqlx::query_as(
        "SELECT m.sender_id, COALESCE(p.display_name, 'A member'), m.body
         FROM messages m JOIN conversations c ON c.id = m.conversation_id
         LEFT JOIN profiles p ON p.user_id = m.sender_id
         WHERE m.id = $2 AND (c.user_low = $1 OR c.user_high = $1) AND m.sender_id <> $1
           AND m.hidden_at IS NULL",
    )
    .bind(viewer)
    .bind(id)
    .fetch_optional(pool)
    .await)
}

/// Replaces a message `sender` wrote with a notice for both people (a
/// moderator's decision); its text stays for the record. The sender is
/// part of the key: a deleted message's id may be reused on SQLite.
pub async fn hide_message(db: &Db, id: i64, sender: i64, at: i64) -> sqlx::Result<()> {
    with_pool!(db, pool => sqlx::query("UPDATE messages SET hidden_at = $3 WHERE id = $1 AND sender_id = $2")
        .bind(id)
        .bind(sender)
        .bind(at)
        .execute(pool)
        .await
        .map(|_| ()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_web_links_become_links() {
        let parts = message_parts(
            "See https://example.org/guide?a=1 and javascript:alert(1) or <b>bold</b> www.example.org",
        );
        assert!(parts.contains(&MessagePart::Link("https://example.org/guide?a=1".into())));
        assert!(parts
            .iter()
            .all(|part| !matches!(part, MessagePart::Link(link) if link.contains("javascript"))));
        let text: String = parts
            .iter()
            .map(|part| match part {
                MessagePart::Text(text) | MessagePart::Link(text) => text.as_str(),
            })
            .collect();
        assert!(
            text.contains("<b>bold</b>"),
            "text is kept as typed, escaped when shown"
        );
    }

    #[test]
    fn bodies_are_checked() {
        assert!(MessageBody::parse("   ").is_err());
        assert!(MessageBody::parse(&"x".repeat(2001)).is_err());
        assert!(MessageBody::parse("bell\u{7}").is_err());
        assert_eq!(
            MessageBody::parse(" hi\r\nthere ").unwrap().as_str(),
            "hi\nthere"
        );
    }
}
