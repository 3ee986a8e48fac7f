//! The capability self-assessment's rules, shared by server and client:
//! the two questions asked of each domain, reading the posted form, which
//! domains are gaps and in what order, and what each level of each domain
//! means (shared/domain.md).

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::dates::Day;
use crate::resources::ResourceLink;
use crate::vocabulary::{Capability, Level};
use crate::web::feedback::FieldErrors;

/// How confident a member is in a domain: the highest level of the
/// framework they say they work at with confidence.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Confidence {
    NotYet,
    Foundation,
    Practitioner,
    Expert,
}

impl Confidence {
    pub const ALL: [Confidence; 4] = [
        Confidence::NotYet,
        Confidence::Foundation,
        Confidence::Practitioner,
        Confidence::Expert,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            Confidence::NotYet => "not-yet",
            Confidence::Foundation => "foundation",
            Confidence::Practitioner => "practitioner",
            Confidence::Expert => "expert",
        }
    }

    pub fn from_slug(slug: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|value| value.slug() == slug)
    }

    /// As the results say it.
    pub fn label(self) -> &'static str {
        match self {
            Confidence::NotYet => "Not yet at foundation",
            Confidence::Foundation => "Foundation",
            Confidence::Practitioner => "Practitioner",
            Confidence::Expert => "Expert",
        }
    }

    /// The level, if any, this confidence is at.
    pub fn level(self) -> Option<Level> {
        match self {
            Confidence::NotYet => None,
            Confidence::Foundation => Some(Level::Foundation),
            Confidence::Practitioner => Some(Level::Practitioner),
            Confidence::Expert => Some(Level::Expert),
        }
    }

    /// The level to grow into next (None at expert).
    pub fn next(self) -> Option<Level> {
        match self {
            Confidence::NotYet => Some(Level::Foundation),
            Confidence::Foundation => Some(Level::Practitioner),
            Confidence::Practitioner => Some(Level::Expert),
            Confidence::Expert => None,
        }
    }

    /// 0 (not yet) to 3 (expert): the height of its point on the chart.
    pub fn rank(self) -> u8 {
        self as u8
    }
}

/// How relevant a domain is to the member's role.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Relevance {
    NotRelevant,
    Part,
    Central,
}

impl Relevance {
    pub const ALL: [Relevance; 3] = [Relevance::NotRelevant, Relevance::Part, Relevance::Central];

    pub fn slug(self) -> &'static str {
        match self {
            Relevance::NotRelevant => "not-relevant",
            Relevance::Part => "part",
            Relevance::Central => "central",
        }
    }

    pub fn from_slug(slug: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|value| value.slug() == slug)
    }

    pub fn label(self) -> &'static str {
        match self {
            Relevance::NotRelevant => "Not relevant to my role",
            Relevance::Part => "Part of my role",
            Relevance::Central => "Central to my role",
        }
    }

    /// The level a role needs of a domain this relevant: foundation for
    /// part of it, practitioner where it is central (expert is never
    /// assumed: few roles need it, and the framework says so).
    pub fn needs(self) -> Option<Level> {
        match self {
            Relevance::NotRelevant => None,
            Relevance::Part => Some(Level::Foundation),
            Relevance::Central => Some(Level::Practitioner),
        }
    }
}

/// One domain as the member rated it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rating {
    pub domain: Capability,
    pub confidence: Confidence,
    pub relevance: Relevance,
}

impl Rating {
    /// How many levels short of what the role needs (0: not a gap).
    pub fn shortfall(self) -> u8 {
        let needed: u8 = match self.relevance.needs() {
            None => return 0,
            Some(Level::Foundation) => 1,
            Some(Level::Practitioner) => 2,
            Some(Level::Expert) => 3,
        };
        needed.saturating_sub(self.confidence.rank())
    }

    /// A gap: relevant to the role, but not confident at the level it
    /// needs.
    pub fn is_gap(self) -> bool {
        self.shortfall() > 0
    }
}

/// The gaps among `ratings`, the most pressing first: central to the role
/// before part of it, then the furthest short, then in the framework's
/// order.
pub fn gaps(ratings: &[Rating]) -> Vec<Rating> {
    let mut gaps: Vec<Rating> = ratings.iter().copied().filter(|r| r.is_gap()).collect();
    gaps.sort_by_key(|rating| {
        (
            std::cmp::Reverse(rating.relevance),
            std::cmp::Reverse(rating.shortfall()),
            rating.domain,
        )
    });
    gaps
}

/// One take of the self-assessment: every domain, in the framework's
/// order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assessment {
    pub taken_on: Day,
    pub ratings: Vec<Rating>,
}

impl Assessment {
    pub fn rating(&self, domain: Capability) -> Option<Rating> {
        self.ratings.iter().copied().find(|r| r.domain == domain)
    }
}

/// A gap with the resources that help close it: tagged with its domain,
/// at the level after the member's own.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recommendation {
    pub gap: Rating,
    pub level: Level,
    pub resources: Vec<ResourceLink>,
}

/// What `/account/capability` shows its member.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CapabilityRecord {
    /// Oldest first; the last is the latest.
    pub history: Vec<Assessment>,
    /// For the latest take's gaps, most pressing first.
    pub recommendations: Vec<Recommendation>,
}

/// The form's two fields for a domain: confidence and relevance.
pub fn field_names(domain: Capability) -> (&'static str, &'static str) {
    match domain {
        Capability::SystemsThinking => ("systems-confidence", "systems-relevance"),
        Capability::Planning => ("planning-confidence", "planning-relevance"),
        Capability::GatheringEvidence => ("evidence-confidence", "evidence-relevance"),
        Capability::Analysis => ("analysis-confidence", "analysis-relevance"),
        Capability::SafetyActions => ("actions-confidence", "actions-relevance"),
        Capability::InvolvingPeople => ("involving-confidence", "involving-relevance"),
        Capability::WritingAndSharing => ("writing-confidence", "writing-relevance"),
        Capability::Leading => ("leading-confidence", "leading-relevance"),
    }
}

/// The self-assessment as posted: each domain's two answers, by the names
/// of [`field_names`].
pub type AssessmentInput = HashMap<String, String>;

/// Every domain's two answers, or a message beside each one missing or not
/// among the choices.
pub fn parse_assessment(input: &AssessmentInput) -> Result<Vec<Rating>, FieldErrors> {
    let mut ratings = Vec::new();
    let mut problems: FieldErrors = Vec::new();
    for &domain in Capability::ALL {
        let (confidence_field, relevance_field) = field_names(domain);
        let answer = |field: &str| input.get(field).map(|value| value.trim()).unwrap_or("");
        let name = domain.label().to_lowercase();
        let confidence = Confidence::from_slug(answer(confidence_field));
        if confidence.is_none() {
            problems.push((
                confidence_field,
                format!("Select how confident you are in {name}"),
            ));
        }
        let relevance = Relevance::from_slug(answer(relevance_field));
        if relevance.is_none() {
            problems.push((
                relevance_field,
                format!("Select how relevant {name} is to your role"),
            ));
        }
        if let (Some(confidence), Some(relevance)) = (confidence, relevance) {
            ratings.push(Rating {
                domain,
                confidence,
                relevance,
            });
        }
    }
    if problems.is_empty() {
        Ok(ratings)
    } else {
        Err(problems)
    }
}

/// What someone at `level` of `domain` can do (shared/domain.md).
pub fn descriptor(domain: Capability, level: Level) -> &'static str {
    use Capability::*;
    use Level::*;
    match (domain, level) {
        (SystemsThinking, Foundation) => "Knows that outcomes come from how work systems are designed, not from individual failings.",
        (SystemsThinking, Practitioner) => "Uses SEIPS and work-as-done to explain why actions made sense at the time.",
        (SystemsThinking, Expert) => "Teaches and challenges others’ systems analyses.",
        (Planning, Foundation) => "Knows the PSIRF response types and when each fits.",
        (Planning, Practitioner) => "Chooses a proportionate response and writes its scope and terms of reference.",
        (Planning, Expert) => "Sets an organisation’s response plan and priorities.",
        (GatheringEvidence, Foundation) => "Knows what evidence exists: records, logs, accounts.",
        (GatheringEvidence, Practitioner) => "Plans and conducts interviews, observations and record reviews, and builds the chronology.",
        (GatheringEvidence, Expert) => "Handles conflicting, sensitive or multi-organisation evidence.",
        (Analysis, Foundation) => "Can follow a completed analysis.",
        (Analysis, Practitioner) => "Identifies contributory factors with SEIPS scans and related tools, linked to evidence.",
        (Analysis, Expert) => "Uses advanced methods such as FRAM, AcciMap and thematic review across many incidents.",
        (SafetyActions, Foundation) => "Knows why weaker actions rarely work.",
        (SafetyActions, Practitioner) => "Designs SMART actions tied to factors and uses the hierarchy of intervention effectiveness.",
        (SafetyActions, Expert) => "Measures whether actions worked and leads system-level improvement.",
        (InvolvingPeople, Foundation) => "Knows the duty to involve patients, families and staff compassionately.",
        (InvolvingPeople, Practitioner) => "Engages families and staff well and makes sure staff are supported after an incident.",
        (InvolvingPeople, Expert) => "Leads engagement in complex or contested cases and shapes organisational support for staff.",
        (WritingAndSharing, Foundation) => "Can read a report and find its learning.",
        (WritingAndSharing, Practitioner) => "Writes clear, blame-free reports and shares their learning.",
        (WritingAndSharing, Expert) => "Writes for national audiences and makes safety recommendations to national bodies.",
        (Leading, Foundation) => "Knows how responses are governed.",
        (Leading, Practitioner) => "Reviews others’ responses for quality.",
        (Leading, Expert) => "Oversees an organisation’s or region’s investigation system, coaches and mentors investigators.",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rating(domain: Capability, confidence: Confidence, relevance: Relevance) -> Rating {
        Rating {
            domain,
            confidence,
            relevance,
        }
    }

    #[test]
    fn a_gap_is_relevant_but_not_confident_at_the_level_the_role_needs() {
        use Confidence::*;
        use Relevance::*;
        let analysis = Capability::Analysis;
        assert!(
            !rating(analysis, NotYet, NotRelevant).is_gap(),
            "not relevant"
        );
        assert!(rating(analysis, NotYet, Part).is_gap());
        assert!(!rating(analysis, Foundation, Part).is_gap());
        assert!(rating(analysis, Foundation, Central).is_gap());
        assert!(!rating(analysis, Practitioner, Central).is_gap());
        assert!(!rating(analysis, Expert, Central).is_gap());
        assert_eq!(rating(analysis, NotYet, Central).shortfall(), 2);
    }

    #[test]
    fn gaps_come_central_first_then_furthest_short_then_in_framework_order() {
        use Confidence::*;
        use Relevance::*;
        let ratings = [
            rating(Capability::SystemsThinking, NotYet, Part),
            rating(Capability::Planning, Foundation, Central),
            rating(Capability::GatheringEvidence, NotYet, Central),
            rating(Capability::Analysis, Expert, Central),
            rating(Capability::SafetyActions, Foundation, Central),
            rating(Capability::InvolvingPeople, NotYet, NotRelevant),
        ];
        let order: Vec<Capability> = gaps(&ratings).into_iter().map(|r| r.domain).collect();
        assert_eq!(
            order,
            vec![
                Capability::GatheringEvidence,
                Capability::Planning,
                Capability::SafetyActions,
                Capability::SystemsThinking,
            ]
        );
    }

    #[test]
    fn the_next_level_follows_confidence() {
        assert_eq!(Confidence::NotYet.next(), Some(Level::Foundation));
        assert_eq!(Confidence::Practitioner.next(), Some(Level::Expert));
        assert_eq!(Confidence::Expert.next(), None);
        for confidence in Confidence::ALL {
            assert_eq!(Confidence::from_slug(confidence.slug()), Some(confidence));
        }
        for relevance in Relevance::ALL {
            assert_eq!(Relevance::from_slug(relevance.slug()), Some(relevance));
        }
    }

    fn complete_input() -> AssessmentInput {
        Capability::ALL
            .iter()
            .flat_map(|&domain| {
                let (confidence, relevance) = field_names(domain);
                [
                    (confidence.to_string(), "foundation".to_string()),
                    (relevance.to_string(), "central".to_string()),
                ]
            })
            .collect()
    }

    #[test]
    fn a_complete_form_rates_every_domain_in_order() {
        let ratings = parse_assessment(&complete_input()).unwrap();
        assert_eq!(ratings.len(), Capability::ALL.len());
        assert_eq!(ratings[3].domain, Capability::Analysis);
        assert_eq!(ratings[3].confidence, Confidence::Foundation);
        assert_eq!(ratings[3].relevance, Relevance::Central);
    }

    #[test]
    fn missing_and_unknown_answers_are_named_beside_their_field() {
        let mut input = complete_input();
        input.remove("analysis-confidence");
        input.insert("writing-relevance".into(), "<b>very</b>".into());
        input.insert("leading-confidence".into(), " ".into());
        let problems = parse_assessment(&input).unwrap_err();
        let fields: Vec<&str> = problems.iter().map(|(field, _)| *field).collect();
        assert_eq!(
            fields,
            vec![
                "analysis-confidence",
                "writing-relevance",
                "leading-confidence"
            ]
        );
        assert_eq!(problems[0].1, "Select how confident you are in analysis");
        assert!(parse_assessment(&AssessmentInput::new()).unwrap_err().len() == 16);
    }

    #[test]
    fn field_names_are_distinct_and_every_cell_has_a_descriptor() {
        let mut names: Vec<&str> = Capability::ALL
            .iter()
            .flat_map(|&domain| {
                let (a, b) = field_names(domain);
                [a, b]
            })
            .collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), 16);
        for &domain in Capability::ALL {
            for &level in Level::ALL {
                assert!(descriptor(domain, level).ends_with('.'));
            }
        }
    }
}
