//! Reports and decisions as values, and the rules about them that need no
//! database: what may be reported, why, which decisions a moderator may
//! take, and what the reporter is told.

use serde::{Deserialize, Serialize};

use crate::forms::FieldErrors;
use crate::web::identity::Role;

/// The most a reporter's or moderator's note may hold.
pub const MAX_NOTE_CHARS: usize = 1_000;

/// Defines a closed list with a URL slug and a label for people.
macro_rules! listed {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $slug:literal, $label:literal;)+ }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn slug(self) -> &'static str {
                match self { $($name::$variant => $slug),+ }
            }

            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label),+ }
            }

            pub fn from_slug(slug: &str) -> Option<Self> {
                Self::ALL.iter().copied().find(|value| value.slug() == slug)
            }

            /// Every value as (slug, label), for radio buttons.
            pub fn options() -> Vec<(String, String)> {
                Self::ALL.iter().map(|value| (value.slug().to_string(), value.label().to_string())).collect()
            }
        }
    };
}

listed! {
    /// What a report is about: member-written content.
    SubjectKind {
        Profile = "profile", "profile";
        Message = "message", "message";
        Request = "request", "connection request note";
    }
}

listed! {
    /// Which community rule the reporter thinks was broken.
    Reason {
        PatientInformation = "patient-information", "It shares information that could identify a patient, a family or a member of staff";
        Blame = "blame", "It blames or shames people instead of looking at systems";
        Confidentiality = "confidentiality", "It breaks a confidence from an investigation";
        Disrespect = "disrespect", "It is harassment, discrimination, a threat or a personal attack";
        Spam = "spam", "It is advertising or unwanted, repeated contact";
        Other = "other", "Something else that breaks the community rules";
    }
}

listed! {
    /// What a moderator decides about a report.
    Decision {
        Dismiss = "dismiss", "Dismiss: it does not break the community rules";
        Hide = "hide", "Hide the content and tell its author why";
        Warn = "warn", "Warn the member (the content stays)";
        Suspend = "suspend", "Suspend the member's account (admins only)";
    }
}

listed! {
    /// Where a report stands.
    ReportStatus {
        Open = "open", "Waiting for a moderator";
        Dismissed = "dismissed", "Dismissed";
        Hidden = "hidden", "Content hidden";
        Warned = "warned", "Member warned";
        Suspended = "suspended", "Member suspended";
    }
}

impl Decision {
    /// The status a report takes when this is decided.
    pub fn status(self) -> ReportStatus {
        match self {
            Decision::Dismiss => ReportStatus::Dismissed,
            Decision::Hide => ReportStatus::Hidden,
            Decision::Warn => ReportStatus::Warned,
            Decision::Suspend => ReportStatus::Suspended,
        }
    }

    /// Whether `role` may take this decision: suspending an account is an
    /// admin's tool; the rest are any moderator's (curators and admins).
    pub fn allowed_for(self, role: Role) -> bool {
        match self {
            Decision::Suspend => role == Role::Admin,
            _ => role >= Role::Curator,
        }
    }

    /// The decisions `role` is offered.
    pub fn options_for(role: Role) -> Vec<(String, String)> {
        Decision::ALL
            .iter()
            .filter(|decision| decision.allowed_for(role))
            .map(|decision| (decision.slug().to_string(), decision.label().to_string()))
            .collect()
    }
}

impl ReportStatus {
    /// What the reporter is told, in plain words.
    pub fn outcome(self) -> &'static str {
        match self {
            ReportStatus::Open => "A moderator will look at your report.",
            ReportStatus::Dismissed => {
                "A moderator looked at it and decided it does not break the community rules."
            }
            ReportStatus::Hidden => {
                "A moderator agreed it breaks the community rules and has hidden it."
            }
            ReportStatus::Warned => {
                "A moderator agreed it breaks the community rules and has warned the member."
            }
            ReportStatus::Suspended => {
                "A moderator agreed it breaks the community rules and has suspended the member's account."
            }
        }
    }
}

/// The report form as posted.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct ReportInput {
    pub reason: String,
    pub note: String,
}

/// A report that can be stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReportDraft {
    pub reason: Reason,
    pub note: String,
}

/// A reason is needed; the note is optional and limited.
pub fn parse_report(input: &ReportInput) -> Result<ReportDraft, FieldErrors> {
    let mut problems = Vec::new();
    let reason = Reason::from_slug(input.reason.trim());
    if reason.is_none() {
        problems.push((
            "reason",
            "Select which community rule it breaks".to_string(),
        ));
    }
    let note = note_text(&input.note, "note", &mut problems);
    match reason {
        Some(reason) if problems.is_empty() => Ok(ReportDraft { reason, note }),
        _ => Err(problems),
    }
}

/// The decision form as posted.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct DecisionInput {
    pub decision: String,
    pub note: String,
}

/// A decision that can be applied.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecisionDraft {
    pub decision: Decision,
    /// Told to the member for anything but a dismissal; recorded always.
    pub note: String,
}

/// A decision `role` may take; a warning, hiding or suspension needs a
/// note for the member saying why.
pub fn parse_decision(input: &DecisionInput, role: Role) -> Result<DecisionDraft, FieldErrors> {
    let mut problems = Vec::new();
    let decision = Decision::from_slug(input.decision.trim());
    match decision {
        None => problems.push(("decision", "Select a decision".to_string())),
        Some(decision) if !decision.allowed_for(role) => problems.push((
            "decision",
            "Only an admin can suspend an account: choose another decision or ask an admin"
                .to_string(),
        )),
        Some(_) => {}
    }
    let note = note_text(&input.note, "note", &mut problems);
    if note.is_empty() && decision.is_some_and(|decision| decision != Decision::Dismiss) {
        problems.push((
            "note",
            "Say which rule was broken and why: the member is sent this".to_string(),
        ));
    }
    match decision {
        Some(decision) if problems.is_empty() => Ok(DecisionDraft { decision, note }),
        _ => Err(problems),
    }
}

fn note_text(raw: &str, field: &'static str, problems: &mut FieldErrors) -> String {
    let note = raw.trim().replace("\r\n", "\n");
    let count = note.chars().count();
    if count > MAX_NOTE_CHARS {
        problems.push((
            field,
            format!("The note must be {MAX_NOTE_CHARS} characters or fewer (it has {count})"),
        ));
    }
    note
}

/// What a reporter sees of what they are reporting.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReportSubject {
    pub kind: SubjectKind,
    /// The member who wrote it.
    pub author: String,
    /// The content, as it is now.
    pub excerpt: String,
    /// Where the reporter came from, to go back to.
    pub back: String,
}

/// One of a member's own reports.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OwnReport {
    pub kind: SubjectKind,
    pub reason: Reason,
    pub reported_at: i64,
    pub status: ReportStatus,
    pub decided_at: Option<i64>,
}

/// A report in the moderation queue.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QueuedReport {
    pub id: i64,
    pub kind: SubjectKind,
    pub reason: Reason,
    pub member: Option<String>,
    pub reported_at: i64,
    pub status: ReportStatus,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ModerationQueue {
    pub open: Vec<QueuedReport>,
    pub decided: Vec<QueuedReport>,
}

/// A report with its context, for the moderator deciding it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReportCase {
    pub id: i64,
    pub kind: SubjectKind,
    pub reason: Reason,
    pub note: String,
    pub excerpt: String,
    pub reported_at: i64,
    pub reporter: Option<String>,
    pub member: Option<String>,
    pub member_id: Option<i64>,
    /// Reports about the same member, this one included.
    pub reports_about_member: i64,
    pub status: ReportStatus,
    pub decided_by: Option<String>,
    pub decided_at: Option<i64>,
    pub decision_note: String,
    /// The decisions the viewer may take, as (slug, label).
    pub decisions: Vec<(String, String)>,
    /// The viewer is an admin (links to the member's account page).
    pub viewer_is_admin: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_report_needs_a_known_reason_and_a_short_note() {
        let refused = parse_report(&ReportInput::default()).unwrap_err();
        assert_eq!(refused[0].0, "reason");
        let refused = parse_report(&ReportInput {
            reason: "<script>".into(),
            note: String::new(),
        })
        .unwrap_err();
        assert_eq!(refused[0].0, "reason");
        let long = parse_report(&ReportInput {
            reason: "spam".into(),
            note: "x".repeat(MAX_NOTE_CHARS + 1),
        })
        .unwrap_err();
        assert_eq!(long[0].0, "note");
        let report = parse_report(&ReportInput {
            reason: "blame".into(),
            note: " see the second paragraph \r\n".into(),
        })
        .unwrap();
        assert_eq!(report.reason, Reason::Blame);
        assert_eq!(report.note, "see the second paragraph");
    }

    #[test]
    fn only_admins_suspend_and_action_needs_a_reason() {
        let decide = |decision: &str, note: &str, role| {
            parse_decision(
                &DecisionInput {
                    decision: decision.into(),
                    note: note.into(),
                },
                role,
            )
        };
        assert!(decide("dismiss", "", Role::Curator).is_ok());
        assert_eq!(decide("hide", "", Role::Curator).unwrap_err()[0].0, "note");
        assert!(decide("hide", "Names a patient", Role::Curator).is_ok());
        assert_eq!(
            decide("suspend", "Repeated abuse", Role::Curator).unwrap_err()[0].0,
            "decision"
        );
        assert_eq!(
            decide("suspend", "Repeated abuse", Role::Admin)
                .unwrap()
                .decision,
            Decision::Suspend
        );
        assert_eq!(decide("ban", "", Role::Admin).unwrap_err()[0].0, "decision");
        assert!(!Decision::Hide.allowed_for(Role::Member));
    }

    #[test]
    fn curators_are_not_offered_suspension() {
        let offered = Decision::options_for(Role::Curator);
        assert_eq!(offered.len(), 3);
        assert!(offered.iter().all(|(slug, _)| slug != "suspend"));
        assert_eq!(Decision::options_for(Role::Admin).len(), 4);
    }

    #[test]
    fn each_decision_has_its_status_and_outcome() {
        for decision in Decision::ALL {
            let status = decision.status();
            assert_ne!(status, ReportStatus::Open);
            assert!(!status.outcome().is_empty());
        }
        for status in ReportStatus::ALL {
            assert_eq!(ReportStatus::from_slug(status.slug()), Some(*status));
        }
    }
}
