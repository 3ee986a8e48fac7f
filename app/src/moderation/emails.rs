//! What the reporter and the reported member are told. Plain text; the
//! reporter is never named to the member.

use super::types::{Decision, Reason, ReportStatus, SubjectKind};
use crate::web::form::WebContext;
use crate::web::mail::Email;

/// To the reporter: what was decided.
pub fn outcome_for_reporter(
    context: &WebContext,
    to: &str,
    kind: SubjectKind,
    status: ReportStatus,
) -> Email {
    let reports = context.link("/account/reports");
    Email::from_hub(
        to,
        "What happened to your report",
        format!(
            "You reported a {} on the hub.\n\n{}\n\nThank you for helping to keep the network safe. Your reports and their outcomes:\n\n{reports}\n",
            kind.label(),
            status.outcome()
        ),
    )
}

/// To the member whose content was reported, for any decision but a
/// dismissal: what was done, which rule, and the moderator's words.
pub fn decision_for_member(
    context: &WebContext,
    to: &str,
    kind: SubjectKind,
    reason: Reason,
    decision: Decision,
    note: &str,
) -> Email {
    let rules = context.link("/community-rules");
    let (subject, done) = match decision {
        Decision::Hide => (
            "Some of your content has been hidden",
            format!("A moderator has hidden your {}.", kind.label()),
        ),
        Decision::Warn => (
            "A warning about the community rules",
            format!("A moderator is warning you about your {}.", kind.label()),
        ),
        Decision::Suspend => (
            "Your account has been suspended",
            "A moderator has suspended your account. You cannot sign in while it is suspended."
                .to_string(),
        ),
        Decision::Dismiss => (
            "A report about your content",
            "A moderator decided that a report about your content needed no action.".to_string(),
        ),
    };
    Email::from_hub(
        to,
        subject,
        format!(
            "{done}\n\nThe rule it broke: {}\n\nThe moderator's note:\n\n{note}\n\nThe community rules:\n\n{rules}\n\nIf you think this is wrong, reply through the contact page.\n",
            reason.label()
        ),
    )
}
