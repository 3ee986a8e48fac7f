//! Finding what a report is about, as the reporter may see it: anything
//! they may not see, or that is their own, is not found (so a report can
//! never confirm that something exists), and hiding it once decided.

use super::types::SubjectKind;
use crate::db::Db;
use crate::network::{connections, messages, repo as network};
use crate::web::identity::{Role, User};

/// Reported content as it is when reported.
#[derive(Clone, Debug)]
pub struct Subject {
    pub kind: SubjectKind,
    /// The id the report stores: the profile's user id, the message's id or
    /// the request's id.
    pub id: i64,
    /// Who wrote it.
    pub member_id: i64,
    pub author: String,
    pub excerpt: String,
    /// The page it is on, for the reporter to go back to.
    pub back: String,
}

/// The content at `/report/{kind}/{target}` for `reporter`, if they may
/// report it.
pub async fn find(
    db: &Db,
    reporter: &User,
    kind: SubjectKind,
    target: &str,
) -> sqlx::Result<Option<Subject>> {
    // What each area's lookup gives: (author's user id, author, text).
    // A profile's report stores its member's id; others, the item's.
    let subject = |id: Option<i64>, back: String| {
        move |(member_id, author, excerpt): (i64, String, String)| Subject {
            kind,
            id: id.unwrap_or(member_id),
            member_id,
            author,
            excerpt,
            back,
        }
    };
    let found = match kind {
        SubjectKind::Profile => {
            let looker = network::Looker {
                user_id: Some(reporter.id),
                is_admin: reporter.role == Role::Admin,
            };
            network::profile_for_report(db, looker, target)
                .await?
                .map(subject(None, format!("/network/members/{target}")))
        }
        SubjectKind::Message => match target.parse::<i64>() {
            Ok(id) => messages::message_for_report(db, reporter.id, id)
                .await?
                .map(subject(Some(id), "/network/messages".into())),
            Err(_) => None,
        },
        SubjectKind::Request => match target.parse::<i64>() {
            Ok(id) => connections::request_note_for_report(db, reporter.id, id)
                .await?
                .map(subject(Some(id), "/network/connections".into())),
            Err(_) => None,
        },
    };
    Ok(found)
}

/// Hides reported content `member` wrote: a profile from everyone but its
/// owner, a message behind a notice, a request's note removed. The author
/// is part of the key, so an id reused since the report (SQLite reuses a
/// deleted row's) never hides someone else's content.
pub async fn hide(db: &Db, kind: SubjectKind, id: i64, member: i64, at: i64) -> sqlx::Result<()> {
    match kind {
        SubjectKind::Profile if id == member => network::hide_profile(db, member, at).await,
        SubjectKind::Profile => Ok(()),
        SubjectKind::Message => messages::hide_message(db, id, member, at).await,
        SubjectKind::Request => connections::clear_note(db, id, member).await,
    }
}
