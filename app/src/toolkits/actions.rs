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

mod warnings;
pub use warnings::{describe, reads_as_blame, warnings, Warning};

#[cfg(test)]
mod tests;
