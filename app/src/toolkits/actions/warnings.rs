//! The warnings a set of safety actions deserves, in plain words: a
//! factor nothing addresses, an action without a factor, an owner, a date
//! or a measure, an action that reads as blaming a person, and a plan whose
//! actions are all weaker. Apart from the action's form and strengths
//! (the parent module): these only read actions already parsed.

use serde::{Deserialize, Serialize};

use super::{SafetyAction, Strength};
use crate::toolkits::analysis::Factor;

/// Words and phrases that describe blaming or disciplining a person,
/// which is not a safety action at all (shared/domain.md). Each word must
/// be a whole word of the description, or start one where it ends in "*"
/// ("reprimand*" finds "reprimanded"); phrases are words in a row. Kept
/// small and specific so that real actions are rarely flagged: "warning"
/// alone is an intervention (a warning label), and "discipline" alone is
/// also a profession ("each clinical discipline").
const BLAME_TERMS: &[&str] = &[
    "blame",
    "blamed",
    "blaming",
    "disciplinary",
    "disciplined",
    "disciplining",
    "reprimand*",
    "sanction*",
    "punish*",
    "punitive",
    "performance manag*",
    "warning letter*",
    "written warning*",
    "final warning*",
    "formal warning*",
    "fitness to practi*",
];

/// Words just before "blame" that turn it round ("no blame", "non-blame",
/// "without blame"), and just after ("blame-free").
const NOT_BEFORE_BLAME: &[&str] = &["no", "non", "not", "without"];
const NOT_AFTER_BLAME: &[&str] = &["free"];

fn matches(term: &str, word: &str) -> bool {
    match term.strip_suffix('*') {
        Some(start) => word.starts_with(start),
        None => word == term,
    }
}

/// Whether the word at `at` ("blame") is turned round by the words beside it.
fn turned_round(words: &[&str], at: usize) -> bool {
    let before = at.checked_sub(1).map(|i| words[i]);
    let after = words.get(at + 1).copied();
    before.is_some_and(|word| NOT_BEFORE_BLAME.contains(&word))
        || after.is_some_and(|word| NOT_AFTER_BLAME.contains(&word))
}

/// Whether a description reads as blaming or disciplining a person (see
/// `BLAME_TERMS`), case and punctuation aside.
pub fn reads_as_blame(text: &str) -> bool {
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .collect();
    BLAME_TERMS.iter().any(|term| {
        let terms: Vec<&str> = term.split(' ').collect();
        words.windows(terms.len()).enumerate().any(|(at, run)| {
            let found = terms.iter().zip(run).all(|(t, w)| matches(t, w));
            found && !(terms[0].starts_with("blam") && turned_round(&words, at))
        })
    })
}

/// Something an investigator should look at in a set of actions.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Warning {
    /// A contributory factor no action addresses.
    FactorWithoutAction {
        factor: i64,
    },
    /// An action left addressing no factor (its factors were deleted).
    NoFactor {
        action: i64,
    },
    NoOwner {
        action: i64,
    },
    NoDueDate {
        action: i64,
    },
    NoMeasure {
        action: i64,
    },
    /// Every action (there is at least one) is weaker.
    AllWeaker,
    /// An action's description reads as blaming or disciplining a person,
    /// which is not a safety action.
    Blame {
        action: i64,
    },
}

/// The warnings for a workspace's factors and actions, in a fixed order:
/// each factor no action addresses (in factor order), then each action's
/// (in action order: factors, owner, due date, measure, blame), then all
/// weaker.
pub fn warnings(factors: &[Factor], actions: &[SafetyAction]) -> Vec<Warning> {
    let unaddressed = factors
        .iter()
        .filter(|factor| {
            !actions
                .iter()
                .any(|action| action.factors.contains(&factor.id))
        })
        .map(|factor| Warning::FactorWithoutAction { factor: factor.id });
    let per_action = actions.iter().flat_map(|action| {
        let id = action.id;
        [
            action
                .factors
                .is_empty()
                .then_some(Warning::NoFactor { action: id }),
            action
                .owner
                .trim()
                .is_empty()
                .then_some(Warning::NoOwner { action: id }),
            action
                .due
                .is_none()
                .then_some(Warning::NoDueDate { action: id }),
            action
                .measure
                .trim()
                .is_empty()
                .then_some(Warning::NoMeasure { action: id }),
            reads_as_blame(&action.description).then_some(Warning::Blame { action: id }),
        ]
        .into_iter()
        .flatten()
    });
    // No actions yet is not "all weaker": there is nothing to weigh.
    let all_weaker = (!actions.is_empty()
        && actions
            .iter()
            .all(|action| action.strength == Strength::Weaker))
    .then_some(Warning::AllWeaker);
    unaddressed.chain(per_action).chain(all_weaker).collect()
}

/// About how long a quote in a warning may be, in characters.
pub(super) const QUOTE_CHARS: usize = 60;

/// A short quote of a text for a message: whole when short, otherwise its
/// first words up to about `QUOTE_CHARS` characters and "…"; line breaks
/// and runs of spaces become one space.
pub(super) fn quote(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    let whole = words.join(" ");
    if whole.chars().count() <= QUOTE_CHARS {
        return whole;
    }
    let mut cut = String::new();
    let mut length = 0;
    for word in words {
        let more = word.chars().count() + usize::from(length > 0);
        if length + more > QUOTE_CHARS {
            break;
        }
        if length > 0 {
            cut.push(' ');
        }
        cut.push_str(word);
        length += more;
    }
    // One word longer than a quote is cut inside it (counted in
    // characters, never bytes, so a letter is never split).
    if cut.is_empty() {
        cut = whole.chars().take(QUOTE_CHARS).collect();
    }
    // "…" after a comma or colon reads as a stutter.
    let cut = cut.trim_end_matches(|c: char| ",;:-–—".contains(c));
    format!("{cut}…")
}

/// "Factor 2, “Night staffing…”," naming the item by its place in the list
/// (from 1) and its start; `missing` when it is not in the list.
fn name(kind: &str, at: Option<usize>, text: impl Fn(usize) -> String, missing: &str) -> String {
    match at {
        Some(at) => match quote(&text(at)) {
            quoted if quoted.is_empty() => format!("{kind} {}", at + 1),
            quoted => format!("{kind} {}, “{quoted}”,", at + 1),
        },
        None => missing.to_string(),
    }
}

impl Warning {
    /// The warning in plain words (see `describe`).
    pub fn describe(&self, factors: &[Factor], actions: &[SafetyAction]) -> String {
        describe(self, factors, actions)
    }
}

/// The warning in plain words, naming the factor or action by its number
/// in the list given ("Factor 2", "Action 3") and the start of its text.
/// It says what is missing and what to do, never who is at fault.
pub fn describe(warning: &Warning, factors: &[Factor], actions: &[SafetyAction]) -> String {
    let factor = |id: i64| {
        name(
            "Factor",
            factors.iter().position(|factor| factor.id == id),
            |at| factors[at].text.clone(),
            "A contributory factor",
        )
    };
    let action = |id: i64| {
        name(
            "Action",
            actions.iter().position(|action| action.id == id),
            |at| actions[at].description.clone(),
            "An action",
        )
    };
    match *warning {
        Warning::FactorWithoutAction { factor: id } => {
            format!("{} has no safety action addressing it", factor(id))
        }
        Warning::NoFactor { action: id } => format!(
            "{} addresses no contributory factor: choose the factors it addresses, or delete it",
            action(id)
        ),
        Warning::NoOwner { action: id } => format!(
            "{} has no owner: name the role that will take it forward",
            action(id)
        ),
        Warning::NoDueDate { action: id } => format!(
            "{} has no due date: say when it should be done by",
            action(id)
        ),
        Warning::NoMeasure { action: id } => {
            format!("{} does not say how success will be measured", action(id))
        }
        Warning::AllWeaker => "Every action is a weaker one. Weaker actions, such as training, \
                               reminders or a new policy, rarely prevent a repeat on their own: \
                               consider a stronger or intermediate action"
            .to_string(),
        Warning::Blame { action: id } => format!(
            "{} reads as blaming or disciplining a person, which is not a safety action: \
             describe the change to the work system instead",
            action(id)
        ),
    }
}
