//! The network's part of "your data" (`service::your_data`, which adds
//! the learning record and the investigations): the account, the profile
//! with its visibility choices, connections, requests, blocks, every
//! message sent or received, and the security events about the account.

use serde_json::{json, Map, Value};

use super::{connections, repo};
use crate::accounts::{audit, repo as accounts_repo};
use crate::dates::format_time;
use crate::db::Db;
use crate::with_pool;

/// The network's and the account's records about `user_id`, by name.
pub async fn member_data(db: &Db, user_id: i64) -> sqlx::Result<Map<String, Value>> {
    let account = accounts_repo::by_id(db, user_id).await?.map(|user| {
        json!({
            "email": user.email,
            "email_confirmed": user.verified,
            "display_name": user.display_name,
            "role": user.role,
            "status": user.status,
            "two_step_verification": user.mfa_enabled(),
            "created_at": format_time(user.created_at),
        })
    });
    let profile = repo::own_profile(db, user_id).await?.map(|row| {
        let mut fields = serde_json::Map::new();
        fields.insert("handle".into(), json!(row.handle));
        for (name, value) in row.form_values() {
            match fields.get_mut(&name) {
                // Repeated fields (sectors) become lists.
                Some(Value::Array(list)) => list.push(json!(value)),
                Some(existing) => *existing = json!([existing.clone(), value]),
                None => {
                    fields.insert(name, json!(value));
                }
            }
        }
        Value::Object(fields)
    });
    let connections = connections::connections_of(db, user_id).await?;
    let received = connections::requests_of(db, user_id, true).await?;
    let sent = connections::requests_of(db, user_id, false).await?;
    let blocked = connections::blocked_by(db, user_id).await?;
    let security_events = audit::for_subject(db, user_id, 1000).await?;
    let Value::Object(part) = json!({
        "account": account,
        "profile": profile,
        "connections": connections,
        "requests_received": received,
        "requests_sent": sent,
        "blocked_members": blocked,
        "messages": all_messages(db, user_id).await?,
        "security_events": security_events,
    }) else {
        unreachable!("json! of an object literal is an object")
    };
    Ok(part)
}

#[derive(sqlx::FromRow)]
struct MessageRecord {
    with_name: Option<String>,
    from_me: bool,
    /// Empty for a message someone else wrote that a moderator hid.
    body: String,
    hidden: bool,
    sent_at: i64,
}

/// Every message in the member's conversations, including any with
/// members they have since blocked.
async fn all_messages(db: &Db, user_id: i64) -> sqlx::Result<Vec<Value>> {
    let rows: Vec<MessageRecord> = with_pool!(db, pool => sqlx::query_as(
        "SELECT u.display_name AS with_name, m.sender_id = $1 AS from_me,
                CASE WHEN m.hidden_at IS NULL OR m.sender_id = $1 THEN m.body ELSE '' END AS body,
                m.hidden_at IS NOT NULL AS hidden, m.sent_at
         FROM conversations c
         JOIN messages m ON m.conversation_id = c.id
         LEFT JOIN users u ON u.id = CASE WHEN c.user_low = $1 THEN c.user_high ELSE c.user_low END
         WHERE c.user_low = $1 OR c.user_high = $1
         ORDER BY c.id, m.id",
    )
    .bind(user_id)
    .fetch_all(pool)
    .await?);
    Ok(rows
        .into_iter()
        .map(|row| {
            json!({
                "with": row.with_name,
                "from_me": row.from_me,
                "body": row.body,
                "hidden_by_moderator": row.hidden,
                "sent_at": format_time(row.sent_at),
            })
        })
        .collect())
}
