//! Which of a workspace page's forms was posted (`action`), and what each
//! part of a workspace is called in its addresses, lists and notices.

use super::super::actions::MAX_ACTIONS;
use super::super::analysis::{MAX_FACTORS, MAX_FINDINGS};
use super::super::repo::Part;
use super::super::types::{Workspace, MAX_ENTRIES};

/// What a workspace form does to one of its parts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Verb {
    Add,
    Change,
    Remove,
}

/// A part of the workspace a form adds, changes or deletes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Target {
    Entry,
    Part(Part),
}

/// The form sent, from its `action`: `details`, `delete`, `add`, `change`
/// and `remove` (timeline entries), and `add-`, `change-` and `remove-`
/// `finding`, `factor` or `action`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum FormAction {
    Details,
    Delete,
    Item(Verb, Target),
}

pub(super) fn form_action(action: &str) -> Option<FormAction> {
    let (verb, target) = match action {
        "details" => return Some(FormAction::Details),
        "delete" => return Some(FormAction::Delete),
        "add" | "change" | "remove" => (action, Target::Entry),
        _ => {
            let (verb, part) = action.split_once('-')?;
            let part = match part {
                "finding" => Part::Finding,
                "factor" => Part::Factor,
                "action" => Part::Action,
                _ => return None,
            };
            (verb, Target::Part(part))
        }
    };
    let verb = match verb {
        "add" => Verb::Add,
        "change" => Verb::Change,
        "remove" => Verb::Remove,
        _ => return None,
    };
    Some(FormAction::Item(verb, target))
}

impl Target {
    /// The address word of one of these (`?entry=3`, `?finding=3`…).
    pub(super) fn query(self) -> &'static str {
        match self {
            Target::Entry => "entry",
            Target::Part(Part::Finding) => "finding",
            Target::Part(Part::Factor) => "factor",
            Target::Part(Part::Action) => "action",
        }
    }

    /// Where the tool that lists these is (and its add form), within the
    /// workspace's address.
    pub(super) fn tool(self) -> &'static str {
        match self {
            Target::Entry => "",
            Target::Part(Part::Finding) => "?tool=scan",
            Target::Part(Part::Factor | Part::Action) => "?tool=plan",
        }
    }

    /// Where the list is on its page, to go back to after a change.
    pub(super) fn anchor(self) -> &'static str {
        match self {
            Target::Entry => "#timeline",
            Target::Part(Part::Finding) => "#finding-list",
            Target::Part(Part::Factor) => "#factor-list",
            Target::Part(Part::Action) => "#action-list",
        }
    }

    /// The form's first field, where a refusal of the whole form is shown.
    pub(super) fn first_field(self) -> &'static str {
        match self {
            Target::Entry => "date",
            Target::Part(Part::Finding) => "element",
            Target::Part(Part::Factor) => "text",
            Target::Part(Part::Action) => "description",
        }
    }

    /// What one is called in a notice.
    pub(super) fn name(self) -> &'static str {
        match self {
            Target::Entry => "Entry",
            Target::Part(Part::Finding) => "Finding",
            Target::Part(Part::Factor) => "Contributory factor",
            Target::Part(Part::Action) => "Safety action",
        }
    }

    /// The ids of the workspace's ones.
    pub(super) fn ids(self, workspace: &Workspace) -> Vec<i64> {
        match self {
            Target::Entry => workspace.entries.iter().map(|entry| entry.id).collect(),
            Target::Part(Part::Finding) => workspace
                .findings
                .iter()
                .map(|finding| finding.id)
                .collect(),
            Target::Part(Part::Factor) => {
                workspace.factors.iter().map(|factor| factor.id).collect()
            }
            Target::Part(Part::Action) => {
                workspace.actions.iter().map(|action| action.id).collect()
            }
        }
    }

    /// The most a workspace holds.
    pub(super) fn limit(self) -> String {
        match self {
            Target::Entry => format!("This timeline has {MAX_ENTRIES} entries, the most it can hold: combine or delete some first"),
            Target::Part(Part::Finding) => format!("This scan has {MAX_FINDINGS} findings, the most it can hold: combine or delete some first"),
            Target::Part(Part::Factor) => format!("This investigation has {MAX_FACTORS} contributory factors, the most it can hold: combine or delete some first"),
            Target::Part(Part::Action) => format!("This investigation has {MAX_ACTIONS} safety actions, the most it can hold: combine or delete some first"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_form_is_its_action() {
        assert_eq!(form_action("details"), Some(FormAction::Details));
        assert_eq!(form_action("delete"), Some(FormAction::Delete));
        assert_eq!(
            form_action("add"),
            Some(FormAction::Item(Verb::Add, Target::Entry))
        );
        assert_eq!(
            form_action("remove"),
            Some(FormAction::Item(Verb::Remove, Target::Entry))
        );
        assert_eq!(
            form_action("change-finding"),
            Some(FormAction::Item(Verb::Change, Target::Part(Part::Finding)))
        );
        assert_eq!(
            form_action("add-factor"),
            Some(FormAction::Item(Verb::Add, Target::Part(Part::Factor)))
        );
        assert_eq!(
            form_action("remove-action"),
            Some(FormAction::Item(Verb::Remove, Target::Part(Part::Action)))
        );
        for unknown in [
            "",
            "add-entry",
            "copy-example",
            "delete-finding",
            "add-",
            "-finding",
            "Add",
        ] {
            assert_eq!(form_action(unknown), None, "{unknown}");
        }
    }
}
