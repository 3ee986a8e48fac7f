//! Sharing an investigation with a team: the owner shares it with members
//! they are connected with, as editors or readers, and can stop sharing it;
//! nobody else opens it, administrators included. Who may do what is
//! decided here, once, for the pages, the form posts and the downloads.

use serde::{Deserialize, Serialize};

use crate::forms::FieldErrors;
use crate::vocabulary::{vocabulary, Vocabulary};

/// The most members one investigation is shared with: a team, not an
/// audience.
pub const MAX_SHARES: usize = 20;

vocabulary! {
    /// What a member an investigation is shared with can do with it.
    ShareRole, "role" {
        Editor = 0, "editor", "Editor";
        Reader = 1, "reader", "Reader";
    }
}

impl ShareRole {
    /// What the role allows, in words for the sharing page.
    pub fn allows(self) -> &'static str {
        match self {
            ShareRole::Editor => "can change everything in it, but cannot delete it or share it",
            ShareRole::Reader => "can read it, print it and download it, but not change it",
        }
    }
}

/// How a member stands to an investigation they can open.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Standing {
    Owner,
    Shared(ShareRole),
}

/// Something a member may want to do with an investigation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Deed {
    /// Read it, print it, download its report and file, copy it.
    Read,
    /// Change its details or anything in it.
    Change,
    Delete,
    /// Share it, change a member's role, stop sharing it.
    Share,
    /// Stop having it shared with oneself.
    Leave,
}

impl Standing {
    /// Whether the member may do `deed`; if not, why, in words for them.
    pub fn may(self, deed: Deed) -> Result<(), &'static str> {
        match (self, deed) {
            (_, Deed::Read) => Ok(()),
            (Standing::Owner, Deed::Leave) => Err("This is your own investigation: delete it if you no longer need it"),
            (Standing::Owner, _) => Ok(()),
            (Standing::Shared(_), Deed::Leave) => Ok(()),
            (Standing::Shared(ShareRole::Editor), Deed::Change) => Ok(()),
            (Standing::Shared(ShareRole::Reader), Deed::Change) => Err("This investigation is shared with you to read, not to change: ask its owner to make you an editor, or copy it into your own investigations"),
            (Standing::Shared(_), Deed::Delete) => Err("Only the investigation's owner can delete it"),
            (Standing::Shared(_), Deed::Share) => Err("Only the investigation's owner can share it"),
        }
    }

    /// Whether the member may change what is in it (the pages show its
    /// forms).
    pub fn changes(self) -> bool {
        self.may(Deed::Change).is_ok()
    }

    pub fn owns(self) -> bool {
        self == Standing::Owner
    }
}

/// A member an investigation is shared with, as its sharing page lists
/// them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Share {
    /// Their profile's handle (what the forms name them by).
    pub handle: String,
    pub name: String,
    pub role: ShareRole,
    /// When it was shared with them, ready to show.
    pub since: String,
}

/// One of the owner's connections, who could be shared with.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Candidate {
    pub handle: String,
    pub name: String,
}

/// The typed input of the sharing forms: `share` (a member and a role: a
/// new share, or a new role for a member already shared with), `unshare`
/// (a member) and `leave` (confirmed).
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct ShareInput {
    pub action: String,
    pub member: String,
    pub role: String,
    /// `yes` from the button of the page that asks before leaving.
    pub confirm: String,
}

/// What the sharing page's form asked for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ShareRequest {
    /// Share with the member of this handle in this role (or change their role).
    Share { handle: String, role: ShareRole },
    /// Stop sharing with the member of this handle.
    Unshare { handle: String },
    /// Stop having it shared with oneself.
    Leave,
}

/// Reads a sharing form: the member must be one of `choices` (the owner's
/// connections, or the members already shared with), and a role one of the two.
pub fn parse_share(input: &ShareInput, choices: &[&str]) -> Result<ShareRequest, FieldErrors> {
    let handle = input.member.trim();
    let known = choices.contains(&handle);
    let member_problem = || {
        if handle.is_empty() {
            "Choose who to share it with".to_string()
        } else {
            "Choose one of your connections: this member is not one of them now".to_string()
        }
    };
    match input.action.as_str() {
        "leave" => Ok(ShareRequest::Leave),
        "unshare" if known => Ok(ShareRequest::Unshare {
            handle: handle.to_string(),
        }),
        "unshare" => Err(vec![(
            "member",
            "This investigation is not shared with that member now".to_string(),
        )]),
        "share" => {
            let mut problems: FieldErrors = Vec::new();
            if !known {
                problems.push(("member", member_problem()));
            }
            let role = ShareRole::from_slug(input.role.trim());
            if role.is_none() {
                problems.push((
                    "role",
                    "Choose what they can do: edit it, or only read it".to_string(),
                ));
            }
            match role {
                Some(role) if problems.is_empty() => Ok(ShareRequest::Share {
                    handle: handle.to_string(),
                    role,
                }),
                _ => Err(problems),
            }
        }
        _ => Err(vec![(
            "member",
            "Use one of the page's buttons".to_string(),
        )]),
    }
}

/// The members who could be shared with next: the owner's connections it
/// is not shared with yet.
pub fn candidates(connections: Vec<Candidate>, shares: &[Share]) -> Vec<Candidate> {
    connections
        .into_iter()
        .filter(|candidate| !shares.iter().any(|share| share.handle == candidate.handle))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(action: &str, member: &str, role: &str) -> ShareInput {
        ShareInput {
            action: action.into(),
            member: member.into(),
            role: role.into(),
            confirm: String::new(),
        }
    }

    #[test]
    fn only_the_owner_deletes_or_shares_and_readers_only_read() {
        let owner = Standing::Owner;
        let editor = Standing::Shared(ShareRole::Editor);
        let reader = Standing::Shared(ShareRole::Reader);
        for deed in [Deed::Read, Deed::Change, Deed::Delete, Deed::Share] {
            assert!(owner.may(deed).is_ok(), "{deed:?}");
        }
        assert!(owner.may(Deed::Leave).is_err());
        assert!(editor.may(Deed::Read).is_ok());
        assert!(editor.may(Deed::Change).is_ok());
        assert!(editor.may(Deed::Leave).is_ok());
        assert!(editor.may(Deed::Delete).is_err());
        assert!(editor.may(Deed::Share).is_err());
        assert!(reader.may(Deed::Read).is_ok());
        assert!(reader.may(Deed::Leave).is_ok());
        for deed in [Deed::Change, Deed::Delete, Deed::Share] {
            assert!(reader.may(deed).is_err(), "{deed:?}");
        }
        assert!(owner.changes() && editor.changes() && !reader.changes());
        assert!(owner.owns() && !editor.owns());
    }

    #[test]
    fn a_share_names_a_connection_and_a_role() {
        let choices = ["sam-1", "alex-2"];
        assert_eq!(
            parse_share(&input("share", " sam-1 ", "reader"), &choices),
            Ok(ShareRequest::Share {
                handle: "sam-1".into(),
                role: ShareRole::Reader
            })
        );
        let problems = parse_share(&input("share", "", ""), &choices).unwrap_err();
        let fields: Vec<&str> = problems.iter().map(|(field, _)| *field).collect();
        assert_eq!(fields, ["member", "role"]);
        assert!(problems[0].1.contains("Choose who"));
        // Someone who is not a connection (or no longer one).
        let problems = parse_share(&input("share", "stranger-9", "editor"), &choices).unwrap_err();
        assert_eq!(problems.len(), 1);
        assert!(problems[0].1.contains("not one of them"));
        let problems = parse_share(&input("share", "sam-1", "owner"), &choices).unwrap_err();
        assert_eq!(problems[0].0, "role");
    }

    #[test]
    fn stopping_names_someone_it_is_shared_with() {
        assert_eq!(
            parse_share(&input("unshare", "sam-1", ""), &["sam-1"]),
            Ok(ShareRequest::Unshare {
                handle: "sam-1".into()
            })
        );
        assert!(parse_share(&input("unshare", "alex-2", ""), &["sam-1"]).is_err());
        assert_eq!(
            parse_share(&input("leave", "", ""), &[]),
            Ok(ShareRequest::Leave)
        );
        assert!(parse_share(&input("delete", "sam-1", ""), &["sam-1"]).is_err());
    }

    #[test]
    fn candidates_leave_out_who_it_is_shared_with() {
        let person = |handle: &str| Candidate {
            handle: handle.into(),
            name: handle.to_uppercase(),
        };
        let shares = [Share {
            handle: "sam-1".into(),
            name: "Sam".into(),
            role: ShareRole::Editor,
            since: String::new(),
        }];
        let left = candidates(vec![person("sam-1"), person("alex-2")], &shares);
        assert_eq!(left, [person("alex-2")]);
    }
}
