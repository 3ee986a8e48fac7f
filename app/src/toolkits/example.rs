//! The example investigation anyone can open read-only at
//! `/workspaces/example` and copy into their own: a fictional primary-care
//! learning response written for the hub (`example.json`), read through
//! the same parsers as the forms, so it obeys every rule a member's does:
//! its timeline, the SEIPS scan's findings, the contributory factors drawn
//! from them and the safety actions that address those.

use super::actions::{parse_action, ActionInput, SafetyAction};
use super::analysis::{parse_factor, parse_finding, Factor, FactorInput, Finding, FindingInput};
use super::timeline::{in_order, parse_entry, Entry, EntryInput};
use super::types::{parse_details, DetailsInput, Workspace};
use crate::forms::FieldErrors;

/// The address word of the example (`/workspaces/example`).
pub const EXAMPLE: &str = "example";

#[derive(serde::Deserialize)]
struct ExampleEntry {
    #[serde(flatten)]
    input: EntryInput,
    /// The entry's 1-based place in the file, for `same_as` links.
    #[serde(default)]
    same_as: Option<i64>,
}

#[derive(serde::Deserialize)]
struct ExampleFile {
    details: DetailsInput,
    entries: Vec<ExampleEntry>,
    /// Each cites entries by their 1-based place in the file.
    findings: Vec<FindingInput>,
    /// Each draws on findings by their 1-based place in the file.
    factors: Vec<FactorInput>,
    /// Each addresses factors by their 1-based place in the file.
    actions: Vec<ActionInput>,
}

/// Parses `inputs` in the file's order, numbering them from 1 as `set_id`
/// gives each its id; an error names the `what` and its number.
fn numbered<I, T>(
    what: &str,
    inputs: &[I],
    parse: impl Fn(&I) -> Result<T, FieldErrors>,
    set_id: impl Fn(T, i64) -> T,
) -> Result<Vec<T>, String> {
    inputs
        .iter()
        .zip(1..)
        .map(|(input, id)| {
            parse(input)
                .map(|parsed| set_id(parsed, id))
                .map_err(|errors| format!("example {what} {id}: {errors:?}"))
        })
        .collect()
}

/// The example, its entries, findings, factors and actions each numbered
/// from 1 in the file's order; the entries sorted into time order and the
/// findings by element (as the database returns a member's). Err: the file
/// breaks a rule (a unit test keeps it from shipping so).
pub fn example() -> Result<Workspace, String> {
    let file: ExampleFile = serde_json::from_str(include_str!("example.json"))
        .map_err(|error| format!("example.json: {error}"))?;
    let details =
        parse_details(&file.details).map_err(|errors| format!("example details: {errors:?}"))?;
    let ids: Vec<i64> = (1..=file.entries.len() as i64).collect();
    let mut entries = Vec::new();
    for (id, example) in ids.iter().zip(file.entries) {
        let mut input = example.input;
        input.same_as = example.same_as.map(|id| id.to_string()).unwrap_or_default();
        let others: Vec<i64> = ids.iter().copied().filter(|other| other != id).collect();
        let parsed = parse_entry(&input, &others)
            .map_err(|errors| format!("example entry {id}: {errors:?}"))?;
        entries.push(Entry { id: *id, ..parsed });
    }
    in_order(&mut entries);
    let mut findings = numbered(
        "finding",
        &file.findings,
        |input| parse_finding(input, &ids),
        |finding, id| Finding { id, ..finding },
    )?;
    let factors = numbered(
        "factor",
        &file.factors,
        |input| parse_factor(input, &findings),
        |factor, id| Factor { id, ..factor },
    )?;
    let factor_ids: Vec<i64> = factors.iter().map(|factor| factor.id).collect();
    let actions = numbered(
        "action",
        &file.actions,
        |input| parse_action(input, &factor_ids),
        |action, id| SafetyAction { id, ..action },
    )?;
    findings.sort_by_key(|finding| (finding.element, finding.id));
    Ok(Workspace {
        id: 0,
        details,
        version: 0,
        updated: String::new(),
        entries,
        findings,
        factors,
        actions,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::toolkits::actions::{warnings, Warning};
    use crate::toolkits::analysis::FindingKind;
    use crate::toolkits::timeline::{flags, Flag};
    use crate::toolkits::types::SeipsElement;

    #[test]
    fn the_example_obeys_every_rule_and_shows_each_flag() {
        let example = example().unwrap();
        assert_eq!(example.entries.len(), 10);
        assert!(example.details.title.contains("fictional"));
        let flagged = flags(&example.entries, 24 * 60);
        let all: Vec<&Flag> = flagged.iter().flatten().collect();
        assert!(all
            .iter()
            .any(|flag| matches!(flag, Flag::GapBefore { .. })));
        assert!(all
            .iter()
            .any(|flag| matches!(flag, Flag::TimeConflict { .. })));
        // Time order: the statement's 16:00 before the log's 16:10.
        let whats: Vec<&str> = example
            .entries
            .iter()
            .map(|entry| entry.what.as_str())
            .collect();
        let statement = whats
            .iter()
            .position(|what| what.starts_with("The secretary recalls"))
            .unwrap();
        let log = whats
            .iter()
            .position(|what| what.starts_with("The task is marked complete"))
            .unwrap();
        assert!(statement < log);
    }

    #[test]
    fn the_example_analysis_rests_on_evidence_and_shows_one_warning() {
        let example = example().unwrap();
        assert_eq!(example.findings.len(), 10);
        assert_eq!(example.factors.len(), 5);
        assert_eq!(example.actions.len(), 7);

        // The scan: every finding cites the timeline, in the order the
        // database gives, across all six elements, with both kinds and
        // some interactions.
        let entry_ids: Vec<i64> = example.entries.iter().map(|entry| entry.id).collect();
        for finding in &example.findings {
            assert!(!finding.evidence.is_empty(), "finding {}", finding.id);
            assert!(finding.evidence.iter().all(|id| entry_ids.contains(id)));
        }
        let order: Vec<(SeipsElement, i64)> = example
            .findings
            .iter()
            .map(|finding| (finding.element, finding.id))
            .collect();
        let mut sorted = order.clone();
        sorted.sort();
        assert_eq!(order, sorted);
        let mut ids: Vec<i64> = example.findings.iter().map(|finding| finding.id).collect();
        ids.sort_unstable();
        assert_eq!(ids, (1..=10).collect::<Vec<i64>>());
        for element in SeipsElement::ALL {
            assert!(
                example
                    .findings
                    .iter()
                    .any(|finding| finding.element == *element),
                "no finding in {element:?}"
            );
        }
        assert!(example
            .findings
            .iter()
            .any(|finding| finding.kind == FindingKind::Barrier));
        assert!(example
            .findings
            .iter()
            .any(|finding| finding.kind == FindingKind::Facilitator));
        assert!(
            example
                .findings
                .iter()
                .filter(|finding| !finding.interacts_with.is_empty())
                .count()
                >= 3
        );

        // Factors are drawn from the scan, and every one is addressed.
        for factor in &example.factors {
            assert!(!factor.findings.is_empty(), "factor {}", factor.id);
            assert!(
                example
                    .actions
                    .iter()
                    .any(|action| action.factors.contains(&factor.id)),
                "factor {} has no action",
                factor.id
            );
        }

        // Actions: owned, dated, of each strength, one strength overridden
        // with its reason.
        for strength in ["stronger", "intermediate", "weaker"] {
            assert!(
                example
                    .actions
                    .iter()
                    .any(|action| action.strength.slug() == strength),
                "no {strength} action"
            );
        }
        assert!(example
            .actions
            .iter()
            .any(|action| !action.strength_reason.is_empty()));
        for action in &example.actions {
            assert!(!action.owner.is_empty(), "action {}", action.id);
            assert!(action.due.is_some(), "action {}", action.id);
        }

        // The one deliberate gap: the training action has no measure.
        let warned = warnings(&example.factors, &example.actions);
        assert_eq!(warned.len(), 1, "{warned:?}");
        assert!(
            matches!(warned[0], Warning::NoMeasure { action: 6, .. }),
            "{warned:?}"
        );
    }
}
