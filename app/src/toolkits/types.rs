//! What an investigation workspace holds: the learning response itself and
//! its timeline's entries, with the fixed lists they use. Shared by the
//! server (forms, storage) and the client.

use serde::{Deserialize, Serialize};

use crate::vocabulary::{vocabulary, LearningResponse, Sector, Vocabulary};

/// The most investigations one member keeps.
pub const MAX_WORKSPACES: i64 = 50;
/// The most entries one timeline holds.
pub const MAX_ENTRIES: i64 = 500;
pub const MAX_TITLE_CHARS: usize = 120;
pub const MAX_SCOPE_CHARS: usize = 2_000;

vocabulary! {
    /// The six elements of a SEIPS work system (shared/domain.md).
    SeipsElement, "work-system element" {
        People = 0, "people", "People";
        Tasks = 1, "tasks", "Tasks";
        Tools = 2, "tools-and-technology", "Tools and technology";
        Organisation = 3, "organisation", "Organisation";
        InternalEnvironment = 4, "internal-environment", "Internal environment";
        ExternalEnvironment = 5, "external-environment", "External environment";
    }
}

vocabulary! {
    /// Where a timeline entry's information came from; each has its own
    /// reliability (a device's clock drifts, a memory fades).
    Source, "source" {
        ClinicalRecord = 0, "clinical-record", "Clinical record";
        DeviceLog = 1, "device-log", "Device or system log";
        Interview = 2, "interview", "Interview";
        Statement = 3, "statement", "Written statement";
        Observation = 4, "observation", "Direct observation";
        PolicyDocument = 5, "policy-document", "Policy or procedure document";
        CallRecord = 6, "call-record", "Call or dispatch record";
    }
}

vocabulary! {
    /// Whether a timeline entry marks a problem in the care given or in the
    /// service around it (a fact found, not a judgement of a person).
    Problem, "problem" {
        CareDelivery = 0, "care-delivery", "Care delivery problem";
        ServiceDelivery = 1, "service-delivery", "Service delivery problem";
    }
}

/// A workspace as its list shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkspaceSummary {
    pub id: i64,
    pub title: String,
    pub response: LearningResponse,
    pub sector: Option<Sector>,
    pub entries: i64,
    /// When it last changed, ready to show.
    pub updated: String,
    /// For one shared with the member: whose it is, and their role.
    pub shared: Option<SharedBy>,
}

/// Whose an investigation shared with a member is, and what they can do.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SharedBy {
    pub owner: String,
    pub role: super::sharing::ShareRole,
}

/// A learning response's details: what the investigator sets when they
/// start it and can change later.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Details {
    pub title: String,
    pub response: LearningResponse,
    pub sector: Option<Sector>,
    pub scope: String,
}

/// The typed input of the details form (start or change).
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct DetailsInput {
    pub title: String,
    pub response: String,
    pub sector: String,
    pub scope: String,
}

/// The details, or each field's problem.
pub fn parse_details(input: &DetailsInput) -> Result<Details, crate::forms::FieldErrors> {
    let mut errors = Vec::new();
    let title = input.title.trim();
    let count = title.chars().count();
    if title.is_empty() {
        errors.push(("title", "Enter a title for the investigation".to_string()));
    } else if count > MAX_TITLE_CHARS {
        errors.push((
            "title",
            format!("Title must be {MAX_TITLE_CHARS} characters or fewer (it has {count})"),
        ));
    }
    let response = LearningResponse::from_slug(&input.response);
    if response.is_none() {
        errors.push((
            "response",
            "Select the kind of learning response".to_string(),
        ));
    }
    let sector = if input.sector.is_empty() {
        None
    } else {
        match Sector::from_slug(&input.sector) {
            Some(sector) => Some(sector),
            None => {
                errors.push(("sector", "Select a sector from the list".to_string()));
                None
            }
        }
    };
    // Browsers send a textarea's line breaks as CRLF, which would count twice.
    let scope = input.scope.replace("\r\n", "\n");
    let scope = scope.trim();
    let count = scope.chars().count();
    if count > MAX_SCOPE_CHARS {
        errors.push((
            "scope",
            format!("Scope must be {MAX_SCOPE_CHARS} characters or fewer (it has {count})"),
        ));
    }
    match response {
        Some(response) if errors.is_empty() => Ok(Details {
            title: title.to_string(),
            response,
            sector,
            scope: scope.to_string(),
        }),
        _ => Err(errors),
    }
}

/// A workspace as its owner opens it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Workspace {
    pub id: i64,
    pub details: Details,
    /// Goes up by one with every change: a form carries the version it was
    /// shown with, and a change made from an older one is refused.
    pub version: i64,
    pub updated: String,
    /// In time order (see `timeline::in_order`).
    pub entries: Vec<crate::toolkits::timeline::Entry>,
    /// The SEIPS scan's findings, by element then in the order added.
    pub findings: Vec<crate::toolkits::analysis::Finding>,
    /// Contributory factors, in the order added.
    pub factors: Vec<crate::toolkits::analysis::Factor>,
    /// Safety actions, in the order added.
    pub actions: Vec<crate::toolkits::actions::SafetyAction>,
}

impl Workspace {
    /// What points to entry `id`, as numbers from 1 in their lists: the
    /// entries linked with it as the same event (either way), and the
    /// findings citing it as evidence. Deleting it removes those links.
    pub fn links_to_entry(&self, id: i64) -> (Vec<usize>, Vec<usize>) {
        let own = self
            .entries
            .iter()
            .find(|entry| entry.id == id)
            .and_then(|entry| entry.same_as);
        let linked = self
            .entries
            .iter()
            .enumerate()
            .filter(|(_, other)| other.same_as == Some(id) || own == Some(other.id))
            .map(|(index, _)| index + 1)
            .collect();
        let citing = self
            .findings
            .iter()
            .enumerate()
            .filter(|(_, finding)| finding.evidence.contains(&id))
            .map(|(index, _)| index + 1)
            .collect();
        (linked, citing)
    }

    /// One not saved anywhere yet (no id, version or time of change) with
    /// a timeline and nothing else.
    pub fn unsaved(details: Details, entries: Vec<crate::toolkits::timeline::Entry>) -> Self {
        Workspace {
            id: 0,
            details,
            version: 0,
            updated: String::new(),
            entries,
            findings: Vec::new(),
            factors: Vec::new(),
            actions: Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(title: &str, response: &str, sector: &str) -> DetailsInput {
        DetailsInput {
            title: title.into(),
            response: response.into(),
            sector: sector.into(),
            scope: "  Missed deterioration on a ward  ".into(),
        }
    }

    #[test]
    fn details_parse_and_trim() {
        let details = parse_details(&input(" Delayed referral ", "psii", "primary-care")).unwrap();
        assert_eq!(details.title, "Delayed referral");
        assert_eq!(details.response, LearningResponse::Psii);
        assert_eq!(details.sector, Some(Sector::PrimaryCare));
        assert_eq!(details.scope, "Missed deterioration on a ward");
        assert_eq!(
            parse_details(&input("x", "swarm-huddle", ""))
                .unwrap()
                .sector,
            None
        );
    }

    #[test]
    fn every_bad_field_is_named() {
        let errors = parse_details(&input("", "blame-review", "mars")).unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|(field, _)| *field).collect();
        assert_eq!(fields, ["title", "response", "sector"]);
        let long = "a".repeat(MAX_TITLE_CHARS + 1);
        let errors = parse_details(&input(&long, "psii", "")).unwrap_err();
        assert!(errors[0].1.contains("it has 121"), "{errors:?}");
    }

    #[test]
    fn a_scopes_line_breaks_count_once() {
        // Browsers send CRLF: 1,000 lines of one letter are 1,999 characters.
        let mut details = input("Fall", "psii", "");
        details.scope = vec!["a"; 1000].join("\r\n");
        let scope = parse_details(&details).unwrap().scope;
        assert_eq!(scope.chars().count(), 1999);
        assert!(!scope.contains('\r'));
    }
}
