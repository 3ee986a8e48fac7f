//! The analysis's rules, the same for the no-JavaScript forms (on the
//! server) and the tools in the browser: the SEIPS work-system scan
//! (findings: a barrier or a facilitator in one element of the work
//! system, each resting on evidence, some showing how elements interact)
//! and the contributory factors drawn from it, which the safety actions
//! then address.

use serde::{Deserialize, Serialize};

use super::reading::{read_choices, read_ids, Reader};
use super::types::SeipsElement;
use crate::forms::FieldErrors;
use crate::vocabulary::{vocabulary, Vocabulary};

pub const MAX_FINDING_CHARS: usize = 1_000;
pub const MAX_OTHER_EVIDENCE_CHARS: usize = 300;
pub const MAX_FACTOR_CHARS: usize = 1_000;
/// The most findings one workspace's scan holds.
pub const MAX_FINDINGS: i64 = 300;
/// The most contributory factors one workspace holds.
pub const MAX_FACTORS: i64 = 200;

vocabulary! {
    /// Whether a finding made the work go worse or better: a scan records
    /// what helped as well as what hindered (shared/domain.md).
    FindingKind, "kind of finding" {
        Barrier = 0, "barrier", "Barrier";
        Facilitator = 1, "facilitator", "Facilitator";
    }
}

/// One finding of the work-system scan.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    pub id: i64,
    pub element: SeipsElement,
    pub kind: FindingKind,
    pub text: String,
    /// The timeline entries it rests on: ascending, each once.
    pub evidence: Vec<i64>,
    /// Evidence that is not on the timeline (a policy, an interview).
    pub other_evidence: String,
    /// The other elements this finding shows interacting with its own
    /// (never its own), in `SeipsElement::ALL` order.
    pub interacts_with: Vec<SeipsElement>,
}

/// A finding as the form sends it (every field as typed).
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct FindingInput {
    pub element: String,
    pub kind: String,
    pub text: String,
    pub evidence: Vec<String>,
    pub other_evidence: String,
    pub interacts_with: Vec<String>,
}

/// Parses the finding form; `entries` are the ids of the workspace's
/// timeline entries, which the evidence must be among. Returns a Finding
/// with id 0 (not stored yet).
pub fn parse_finding(input: &FindingInput, entries: &[i64]) -> Result<Finding, FieldErrors> {
    let mut form = Reader::new();
    let element = form.required_choice(
        "element",
        &input.element,
        SeipsElement::from_slug,
        "Select the work-system element",
        "Select a work-system element from the list",
    );
    let kind = form.required_choice(
        "kind",
        &input.kind,
        FindingKind::from_slug,
        "Select barrier or facilitator",
        "Select barrier or facilitator",
    );
    let text = form.required_text(
        "text",
        &input.text,
        MAX_FINDING_CHARS,
        "The finding",
        "Enter the finding",
    );
    // A stale choice is named as such, not as "no evidence": something
    // was chosen, it has gone since.
    let evidence = read_ids(&input.evidence, |id| entries.contains(&id));
    let evidence = match evidence {
        None => form
            .fail(
                "evidence",
                "An entry chosen as evidence is no longer on the timeline: choose again",
            )
            .unwrap_or_default(),
        // Each finding should cite its evidence (shared/domain.md).
        Some(ids) if ids.is_empty() && input.other_evidence.trim().is_empty() => form
            .fail(
                "evidence",
                "Choose the timeline entries this finding rests on, or say where else it comes from",
            )
            .unwrap_or_default(),
        Some(ids) => ids,
    };
    let other_evidence = form.text(
        "other_evidence",
        &input.other_evidence,
        MAX_OTHER_EVIDENCE_CHARS,
        "Other evidence",
    );
    let interacts_with: Vec<SeipsElement> = form.choices(
        "interacts_with",
        &input.interacts_with,
        "Select the elements it interacts with from the list",
    );
    // An element interacting with itself says nothing: ticking the
    // finding's own element is dropped rather than refused.
    let interacts_with = interacts_with
        .into_iter()
        .filter(|&other| Some(other) != element)
        .collect();

    let finding = element.zip(kind).map(|(element, kind)| Finding {
        id: 0,
        element,
        kind,
        text,
        evidence,
        other_evidence,
        interacts_with,
    });
    form.finish(finding)
}

impl FindingInput {
    /// The form's fields for an existing finding, to fill the change form:
    /// what `parse_finding` reads back to the same finding.
    pub fn of(finding: &Finding) -> FindingInput {
        FindingInput {
            element: finding.element.slug().into(),
            kind: finding.kind.slug().into(),
            text: finding.text.clone(),
            evidence: finding.evidence.iter().map(i64::to_string).collect(),
            other_evidence: finding.other_evidence.clone(),
            interacts_with: slugs(&finding.interacts_with),
        }
    }
}

/// The elements of the findings with these ids.
fn elements_of(findings: &[Finding], ids: &[i64]) -> Vec<SeipsElement> {
    findings
        .iter()
        .filter(|finding| ids.contains(&finding.id))
        .map(|finding| finding.element)
        .collect()
}

fn slugs(elements: &[SeipsElement]) -> Vec<String> {
    elements.iter().map(|e| e.slug().to_string()).collect()
}

/// A contributory factor: something in the work system that made the
/// outcome more likely, which a safety action can address.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Factor {
    pub id: i64,
    pub text: String,
    /// Where in the work system it sits: at least one, in
    /// `SeipsElement::ALL` order.
    pub elements: Vec<SeipsElement>,
    /// The findings it is drawn from, ascending; empty for a factor typed
    /// without the scan.
    pub findings: Vec<i64>,
}

/// A contributory factor as the form sends it (every field as typed).
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct FactorInput {
    pub text: String,
    pub elements: Vec<String>,
    pub findings: Vec<String>,
}

/// Parses the contributory factor form; `findings` are the workspace's
/// findings, which the ones chosen must be among. The factor's elements
/// are those chosen and those of the findings it is drawn from, so that
/// drawing a factor from the scan needs no ticking twice. Returns a Factor
/// with id 0 (not stored yet).
pub fn parse_factor(input: &FactorInput, findings: &[Finding]) -> Result<Factor, FieldErrors> {
    let mut form = Reader::new();
    let text = form.required_text(
        "text",
        &input.text,
        MAX_FACTOR_CHARS,
        "The contributory factor",
        "Enter the contributory factor",
    );
    // Read before the elements, whose check needs them; their own problem
    // is recorded after, in the form's order.
    let drawn_from = read_ids(&input.findings, |id| {
        findings.iter().any(|finding| finding.id == id)
    });
    let elements = match (read_choices::<SeipsElement>(&input.elements), &drawn_from) {
        (None, _) => form
            .fail("elements", "Select work-system elements from the list")
            .unwrap_or_default(),
        (Some(chosen), Some(drawn_from)) => {
            let brought = elements_of(findings, drawn_from);
            let elements: Vec<SeipsElement> = SeipsElement::ALL
                .iter()
                .copied()
                .filter(|e| chosen.contains(e) || brought.contains(e))
                .collect();
            if elements.is_empty() {
                form.fail::<()>(
                    "elements",
                    "Choose the work-system elements this factor sits in, or the findings it is drawn from",
                );
            }
            elements
        }
        // A stale finding is named on its own field below; asking for
        // elements as well would point at the wrong box.
        (Some(chosen), None) => chosen,
    };
    let drawn_from = drawn_from
        .or_else(|| {
            form.fail(
                "findings",
                "A finding chosen is no longer in the scan: choose again",
            )
        })
        .unwrap_or_default();

    let factor = Some(Factor {
        id: 0,
        text,
        elements,
        findings: drawn_from,
    });
    form.finish(factor)
}

impl FactorInput {
    /// The form's fields for an existing factor, to fill the change form.
    /// Only the elements the findings do not bring are ticked, so that
    /// unchoosing a finding also takes away the elements it brought.
    pub fn of(factor: &Factor, findings: &[Finding]) -> FactorInput {
        let brought = elements_of(findings, &factor.findings);
        let ticked: Vec<SeipsElement> = factor
            .elements
            .iter()
            .copied()
            .filter(|e| !brought.contains(e))
            .collect();
        FactorInput {
            text: factor.text.clone(),
            elements: slugs(&ticked),
            findings: factor.findings.iter().map(i64::to_string).collect(),
        }
    }
}

/// How many barriers and facilitators the scan found in one element.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ElementCount {
    pub element: SeipsElement,
    pub barriers: usize,
    pub facilitators: usize,
}

/// All six elements in `SeipsElement::ALL` order with their counts, zeros
/// included: an element with nothing found is worth seeing (was it looked
/// at?).
pub fn element_counts(findings: &[Finding]) -> Vec<ElementCount> {
    SeipsElement::ALL
        .iter()
        .map(|&element| {
            let count = |kind: FindingKind| {
                findings
                    .iter()
                    .filter(|finding| finding.element == element && finding.kind == kind)
                    .count()
            };
            ElementCount {
                element,
                barriers: count(FindingKind::Barrier),
                facilitators: count(FindingKind::Facilitator),
            }
        })
        .collect()
}

/// Two elements some findings show interacting.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Interaction {
    /// Ordered by `SeipsElement::ALL`: (People, Tasks), never (Tasks, People).
    pub between: (SeipsElement, SeipsElement),
    /// The findings showing it, in the order given, each once.
    pub findings: Vec<i64>,
}

fn position(element: SeipsElement) -> usize {
    SeipsElement::ALL
        .iter()
        .position(|&e| e == element)
        .unwrap_or(usize::MAX)
}

/// Each pair of elements some finding shows interacting (its own element
/// with each of its `interacts_with`), with the findings showing it; the
/// pairs in `SeipsElement::ALL` order (by the first, then the second).
pub fn interactions(findings: &[Finding]) -> Vec<Interaction> {
    let mut found: Vec<Interaction> = Vec::new();
    for finding in findings {
        for &other in &finding.interacts_with {
            if other == finding.element {
                continue;
            }
            let between = if position(finding.element) < position(other) {
                (finding.element, other)
            } else {
                (other, finding.element)
            };
            match found.iter_mut().find(|known| known.between == between) {
                Some(known) if known.findings.contains(&finding.id) => {}
                Some(known) => known.findings.push(finding.id),
                None => found.push(Interaction {
                    between,
                    findings: vec![finding.id],
                }),
            }
        }
    }
    found.sort_by_key(|interaction| {
        let (a, b) = interaction.between;
        (position(a), position(b))
    });
    found
}

#[cfg(test)]
mod tests;
