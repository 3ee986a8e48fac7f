//! The safety-action builder's rules, the same for the no-JavaScript forms
//! (on the server) and the tools in the browser: reading an action's form,
//! suggesting its strength from the kind of change it makes (the hierarchy
//! of intervention effectiveness in shared/domain.md, which an
//! investigator may override with a reason), and the warnings a set of
//! actions deserves: a factor nothing addresses, an action without an
//! owner, a date or a measure, an action that blames a person, and a set
//! that is all weaker.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::analysis::Factor;
use super::reading::{read_ids, Reader};
use crate::forms::FieldErrors;
use crate::vocabulary::{vocabulary, Vocabulary};

pub const MAX_DESCRIPTION_CHARS: usize = 1_000;
pub const MAX_OWNER_CHARS: usize = 100;
pub const MAX_MEASURE_CHARS: usize = 500;
pub const MAX_REASON_CHARS: usize = 500;
/// The most safety actions one workspace holds.
pub const MAX_ACTIONS: i64 = 300;

vocabulary! {
    /// How well an action is likely to work: stronger actions design the
    /// hazard out, weaker ones rely on people remembering.
    Strength, "strength" {
        Stronger = 0, "stronger", "Stronger";
        Intermediate = 1, "intermediate", "Intermediate";
        Weaker = 2, "weaker", "Weaker";
    }
}

vocabulary! {
    /// The kind of change an action makes (shared/domain.md, hierarchy of
    /// intervention effectiveness), from stronger to weaker. The order and
    /// bits are those lists' order: never reorder, only add.
    Intervention, "kind of change" {
        PhysicalChange = 0, "physical-change", "Physical or architectural change";
        ForcingFunction = 1, "forcing-function", "Forcing function";
        SimplifyProcess = 2, "simplify-process", "Simplifying a process by removing steps";
        Standardise = 3, "standardise", "Standardising equipment, supplies or a process";
        UsabilityTesting = 4, "usability-testing", "Usability testing before buying";
        LeadershipInvolvement = 5, "leadership-involvement", "Leaders practically involved";
        Staffing = 6, "staffing-or-workload", "More staff or less workload";
        SoftwareSettings = 7, "software-or-device-settings", "Change to software or device settings";
        RemoveDistractions = 8, "remove-distractions", "Removing distractions or interruptions";
        Checklist = 9, "checklist-or-cognitive-aid", "Checklist or other cognitive aid";
        RemoveLookAlikes = 10, "remove-look-alikes", "Removing look-alike or sound-alike items";
        ReadBack = 11, "read-back", "Read-back or repeat-back";
        Redundancy = 12, "redundancy", "Redundancy (an independent second catch)";
        DocumentationTools = 13, "documentation-or-communication-tools", "Better documentation or communication tools";
        SimulationTraining = 14, "simulation-training", "Simulation training with regular refreshers";
        DoubleCheck = 15, "double-check", "Double check";
        WarningOrLabel = 16, "warning-alert-or-label", "Warning, alert or label";
        NewProcedure = 17, "new-procedure", "New procedure, memo or policy";
        TrainingAlone = 18, "training-alone", "Training alone";
        FurtherStudy = 19, "further-study-or-audit", "Further study or audit";
    }
}

impl Intervention {
    /// The kind of change as the start of a sentence ("A new procedure is
    /// usually a weaker action"), where the label would read awkwardly.
    pub fn phrase(self) -> &'static str {
        match self {
            Intervention::PhysicalChange => "A physical or architectural change",
            Intervention::ForcingFunction => "A forcing function",
            Intervention::SimplifyProcess => "Simplifying a process",
            Intervention::Standardise => "Standardising",
            Intervention::UsabilityTesting => "Usability testing before buying",
            Intervention::LeadershipInvolvement => "Leaders' practical involvement",
            Intervention::Staffing => "More staff or less workload",
            Intervention::SoftwareSettings => "A change to software or device settings",
            Intervention::RemoveDistractions => "Removing distractions",
            Intervention::Checklist => "A checklist or cognitive aid",
            Intervention::RemoveLookAlikes => "Removing look-alikes or sound-alikes",
            Intervention::ReadBack => "Read-back",
            Intervention::Redundancy => "Redundancy",
            Intervention::DocumentationTools => "A documentation or communication tool",
            Intervention::SimulationTraining => "Simulation training with refreshers",
            Intervention::DoubleCheck => "A double check",
            Intervention::WarningOrLabel => "A warning, alert or label",
            Intervention::NewProcedure => "A new procedure",
            Intervention::TrainingAlone => "Training alone",
            Intervention::FurtherStudy => "Further study or audit",
        }
    }
}

impl Strength {
    /// "a stronger action", "an intermediate action", "a weaker action".
    fn an_action(self) -> &'static str {
        match self {
            Strength::Stronger => "a stronger action",
            Strength::Intermediate => "an intermediate action",
            Strength::Weaker => "a weaker action",
        }
    }

    /// "stronger", "intermediate", "weaker", for the middle of a sentence.
    fn word(self) -> &'static str {
        self.slug()
    }
}

/// The strength an action usually has, from the kind of change it makes:
/// the fixed table in shared/domain.md ("Intervention types and their
/// strength"). Changes that design the hazard out are stronger, those that
/// make the right thing easier are intermediate, and those that rely on
/// people noticing or remembering are weaker.
pub fn suggested_strength(intervention: Intervention) -> Strength {
    use Intervention::*;
    match intervention {
        PhysicalChange
        | ForcingFunction
        | SimplifyProcess
        | Standardise
        | UsabilityTesting
        | LeadershipInvolvement => Strength::Stronger,
        Staffing | SoftwareSettings | RemoveDistractions | Checklist | RemoveLookAlikes
        | ReadBack | Redundancy | DocumentationTools | SimulationTraining => Strength::Intermediate,
        DoubleCheck | WarningOrLabel | NewProcedure | TrainingAlone | FurtherStudy => {
            Strength::Weaker
        }
    }
}

vocabulary! {
    /// Where an action is in its life.
    ActionStatus, "status" {
        Proposed = 0, "proposed", "Proposed";
        Agreed = 1, "agreed", "Agreed";
        InProgress = 2, "in-progress", "In progress";
        Done = 3, "done", "Done";
    }
}

/// One safety action: specific, measurable, owned and time-bound, and
/// addressing at least one contributory factor.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SafetyAction {
    pub id: i64,
    pub description: String,
    pub intervention: Intervention,
    pub strength: Strength,
    /// Why the strength differs from the table's suggestion; empty when it
    /// does not.
    pub strength_reason: String,
    /// The contributory factors it addresses: ascending, at least one.
    pub factors: Vec<i64>,
    /// A role, never a name: an action belongs to a job that outlasts the
    /// person in it. May be empty, which is warned about.
    pub owner: String,
    /// When it is due; None is warned about.
    pub due: Option<NaiveDate>,
    /// How success will be measured; may be empty, which is warned about.
    pub measure: String,
    pub status: ActionStatus,
}

/// A safety action as the form sends it (every field as typed).
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct ActionInput {
    pub description: String,
    pub intervention: String,
    /// Empty for the table's suggestion.
    pub strength: String,
    pub strength_reason: String,
    pub factors: Vec<String>,
    pub owner: String,
    /// YYYY-MM-DD, or empty.
    pub due: String,
    pub measure: String,
    /// Empty for proposed.
    pub status: String,
}

impl SafetyAction {
    /// Whether the strength is the table's suggestion.
    pub fn suggested(&self) -> bool {
        self.strength == suggested_strength(self.intervention)
    }
}

/// Parses the safety-action form; `factors` are the ids of the workspace's
/// contributory factors, which the action must address at least one of.
/// Returns a SafetyAction with id 0 (not stored yet).
pub fn parse_action(input: &ActionInput, factors: &[i64]) -> Result<SafetyAction, FieldErrors> {
    let mut form = Reader::new();
    let description = form.required_text(
        "description",
        &input.description,
        MAX_DESCRIPTION_CHARS,
        "The description",
        "Enter what the action will change",
    );
    let intervention = form.required_choice(
        "intervention",
        &input.intervention,
        Intervention::from_slug,
        "Select the kind of change this action makes",
        "Select a kind of change from the list",
    );
    let suggestion = intervention.map(suggested_strength);
    let strength = match input.strength.trim() {
        "" => suggestion,
        slug => form.choice(
            "strength",
            slug,
            Strength::from_slug,
            "Select stronger, intermediate or weaker",
        ),
    };
    let strength_reason = match intervention.zip(strength) {
        // The reason only explains a difference: with none, an old reason
        // left in the field would mislead.
        Some((_, strength)) if Some(strength) == suggestion => String::new(),
        Some((intervention, strength)) => {
            let reason = form.text(
                "strength_reason",
                &input.strength_reason,
                MAX_REASON_CHARS,
                "The reason",
            );
            if reason.is_empty() {
                form.fail::<()>(
                    "strength_reason",
                    format!(
                        "{} is usually {}: say why this one is {}",
                        intervention.phrase(),
                        suggested_strength(intervention).an_action(),
                        strength.word()
                    ),
                );
            }
            reason
        }
        None => form.text(
            "strength_reason",
            &input.strength_reason,
            MAX_REASON_CHARS,
            "The reason",
        ),
    };
    let addressed = match read_ids(&input.factors, |id| factors.contains(&id)) {
        None => form.fail(
            "factors",
            "A factor chosen is no longer in the list: choose again",
        ),
        Some(ids) if ids.is_empty() && factors.is_empty() => form.fail(
            "factors",
            "Add a contributory factor first: every safety action addresses at least one",
        ),
        Some(ids) if ids.is_empty() => form.fail(
            "factors",
            "Choose the contributory factors this action addresses",
        ),
        Some(ids) => Some(ids),
    };
    let owner = form.text("owner", &input.owner, MAX_OWNER_CHARS, "The owner");
    let due = form.optional_date(
        "due",
        &input.due,
        "Enter the date it is due by, for example 2026-06-30",
    );
    let measure = form.text(
        "measure",
        &input.measure,
        MAX_MEASURE_CHARS,
        "How success will be measured",
    );
    let status = match input.status.trim() {
        "" => Some(ActionStatus::Proposed),
        slug => form.choice(
            "status",
            slug,
            ActionStatus::from_slug,
            "Select a status from the list",
        ),
    };

    let action = intervention.zip(strength).zip(status).zip(addressed).map(
        |(((intervention, strength), status), addressed)| SafetyAction {
            id: 0,
            description,
            intervention,
            strength,
            strength_reason,
            factors: addressed,
            owner,
            due,
            measure,
            status,
        },
    );
    form.finish(action)
}

impl ActionInput {
    /// The form's fields for an existing action, to fill the change form:
    /// what `parse_action` reads back to the same action.
    pub fn of(action: &SafetyAction) -> ActionInput {
        ActionInput {
            description: action.description.clone(),
            intervention: action.intervention.slug().into(),
            // "As suggested" stays chosen, so that changing only the kind
            // of change takes the new kind's suggestion.
            strength: if action.suggested() {
                String::new()
            } else {
                action.strength.slug().into()
            },
            strength_reason: action.strength_reason.clone(),
            factors: action.factors.iter().map(i64::to_string).collect(),
            owner: action.owner.clone(),
            due: action.due.map(crate::dates::iso_date).unwrap_or_default(),
            measure: action.measure.clone(),
            status: action.status.slug().into(),
        }
    }
}

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
const QUOTE_CHARS: usize = 60;

/// A short quote of a text for a message: whole when short, otherwise its
/// first words up to about `QUOTE_CHARS` characters and "…"; line breaks
/// and runs of spaces become one space.
fn quote(text: &str) -> String {
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

#[cfg(test)]
mod tests;
