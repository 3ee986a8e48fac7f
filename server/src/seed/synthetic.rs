//! A large, generated catalogue for benchmarks: plausible titles and text
//! built from the domain's vocabulary, reproducible from a fixed seed.

use app::db::Db;
use app::organisations::{self, Organisation};
use app::resources::questions::DEFAULT_PASS_MARK;
use app::resources::repo::{self, NewLesson, NewResource};
use app::vocabulary::{
    Capability, LearningResponse, Level, OrganisationKind, ResourceKind, Sector, Status, Topic,
};
use chrono::{Days, NaiveDate};
use rand::rngs::StdRng;
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};

use super::SeedError;

const SUBJECTS: &[&str] = &[
    "timeline mapping",
    "SEIPS work-system scans",
    "After Action Review",
    "swarm huddles",
    "safety actions",
    "interviewing staff",
    "involving families",
    "thematic reviews",
    "psychological safety",
    "report writing",
    "medication incidents",
    "missed diagnoses",
    "deteriorating patients",
    "handover",
    "learning response plans",
    "human factors",
    "systems thinking",
    "oversight and governance",
    "staff wellbeing",
    "health inequalities",
];
const OPENERS: &[&str] = &[
    "A practical guide to",
    "Getting started with",
    "Advanced",
    "Facilitating",
    "Reviewing",
    "Planning",
    "Understanding",
    "Leading",
    "Improving",
    "Teaching",
];
const SETTINGS: &[&str] = &[
    "in GP practices",
    "on mental health wards",
    "in community pharmacy",
    "in ambulance control rooms",
    "in maternity units",
    "across integrated care systems",
    "in prison healthcare",
    "in emergency departments",
    "in care homes",
    "for board members",
];
const WORDS: &[&str] = &[
    "investigation",
    "learning",
    "system",
    "patient",
    "staff",
    "family",
    "incident",
    "barrier",
    "facilitator",
    "timeline",
    "evidence",
    "interview",
    "interaction",
    "workload",
    "handover",
    "medication",
    "escalation",
    "observation",
    "policy",
    "procedure",
    "design",
    "equipment",
    "environment",
    "organisation",
    "team",
    "communication",
    "rota",
    "pressure",
    "review",
    "action",
    "measure",
    "owner",
    "deadline",
    "strength",
    "checklist",
    "standardise",
    "simplify",
    "forcing",
    "function",
    "training",
    "warning",
    "label",
    "huddle",
    "debrief",
    "facilitation",
    "question",
    "expected",
    "actual",
    "difference",
    "improvement",
    "safety",
    "culture",
    "just",
    "blame",
    "context",
    "software",
    "alert",
    "record",
    "referral",
    "discharge",
    "triage",
    "assessment",
    "risk",
    "monitoring",
    "governance",
    "oversight",
    "commissioner",
    "theme",
    "pattern",
    "analysis",
    "report",
    "finding",
    "recommendation",
    "wellbeing",
    "support",
    "psychological",
    "trust",
    "openness",
    "candour",
    "inequality",
    "access",
    "language",
    "interpreter",
    "pharmacy",
    "dental",
    "optometry",
    "ward",
    "community",
    "ambulance",
    "maternity",
    "prison",
    "care",
    "home",
    "practice",
];

const SYLLABLES: &[&str] = &[
    "ka", "lo", "mi", "ren", "tu", "sa", "vel", "dor", "pi", "nex", "ba", "cor", "fi", "gan", "hu",
    "jes", "mo", "nar", "os", "pru", "qui", "ros", "tal", "um", "vin", "wes", "yar", "zel",
];

/// Text shaped like real prose: a large filler vocabulary with Zipf-like
/// frequencies (a few words everywhere, most words rare), and domain words
/// rare enough that a search matches a realistic share of the catalogue.
struct Prose {
    filler: Vec<String>,
    /// Cumulative Zipf weights over `filler`.
    cumulative: Vec<f64>,
}

impl Prose {
    fn new() -> Self {
        let mut filler = Vec::new();
        'outer: for a in SYLLABLES {
            for b in SYLLABLES {
                for c in ["", "n", "ta", "lo", "ri", "s", "mar"] {
                    filler.push(format!("{a}{b}{c}"));
                    if filler.len() == 5_000 {
                        break 'outer;
                    }
                }
            }
        }
        let mut total = 0.0;
        let cumulative = (1..=filler.len())
            .map(|rank| {
                total += 1.0 / rank as f64;
                total
            })
            .collect();
        Prose { filler, cumulative }
    }

    fn word<'a>(&'a self, rng: &mut StdRng) -> &'a str {
        if rng.random_bool(0.04) {
            return WORDS.choose(rng).unwrap();
        }
        let target = rng.random_range(0.0..*self.cumulative.last().unwrap());
        let index = self.cumulative.partition_point(|weight| *weight < target);
        &self.filler[index.min(self.filler.len() - 1)]
    }

    fn sentence(&self, rng: &mut StdRng) -> String {
        let length = rng.random_range(8..18);
        let words: Vec<&str> = (0..length).map(|_| self.word(rng)).collect();
        let mut text = words.join(" ");
        text[..1].make_ascii_uppercase();
        text.push('.');
        text
    }
}

fn pick<T: Copy>(rng: &mut StdRng, all: &[T], most: usize) -> Vec<T> {
    let count = rng.random_range(1..=most.min(all.len()));
    let mut chosen: Vec<T> = all.choose_multiple(rng, count).copied().collect();
    chosen.truncate(count);
    chosen
}

/// The capability domains a resource about `topics` helps develop; for
/// topics that name a clinical area only, one domain chosen by `n`. Derived
/// rather than drawn, so the random values of every other field are the
/// ones earlier versions generated.
fn capabilities_for(topics: &[Topic], n: usize) -> Vec<Capability> {
    let mut capabilities: Vec<Capability> = topics
        .iter()
        .filter_map(|topic| match topic {
            Topic::SystemsThinking | Topic::HumanFactors => Some(Capability::SystemsThinking),
            Topic::Seips | Topic::ThematicAnalysis | Topic::HealthInequalities => {
                Some(Capability::Analysis)
            }
            Topic::TimelineMapping | Topic::Interviewing => Some(Capability::GatheringEvidence),
            Topic::InvolvingPatientsAndFamilies
            | Topic::PsychologicalSafety
            | Topic::StaffWellbeing => Some(Capability::InvolvingPeople),
            Topic::SafetyActions => Some(Capability::SafetyActions),
            Topic::ReportWriting => Some(Capability::WritingAndSharing),
            Topic::LearningResponsePlanning => Some(Capability::Planning),
            Topic::OversightAndGovernance => Some(Capability::Leading),
            Topic::MedicationSafety
            | Topic::DiagnosticError
            | Topic::DeterioratingPatient
            | Topic::HandoverAndCommunication => None,
        })
        .collect();
    capabilities.sort_unstable();
    capabilities.dedup();
    if capabilities.is_empty() {
        capabilities.push(Capability::ALL[n % Capability::ALL.len()]);
    }
    capabilities
}

/// Adds `count` published synthetic resources (slugs `synthetic-N`) in
/// batches, continuing the numbering of any already there.
pub async fn seed(db: &Db, count: usize, on_batch: impl Fn(usize)) -> Result<usize, SeedError> {
    let mut providers = organisations::repo::all(db).await?;
    if providers.is_empty() {
        for n in 1..=10 {
            let organisation = Organisation {
                id: 0,
                slug: format!("synthetic-provider-{n}"),
                name: format!("Synthetic provider {n}"),
                kind: *OrganisationKind::ALL
                    .get(n % OrganisationKind::ALL.len())
                    .unwrap(),
                website: None,
                description: "Generated for benchmarks.".to_string(),
            };
            organisations::repo::upsert(db, &organisation).await?;
        }
        providers = organisations::repo::all(db).await?;
    }
    let start = repo::count(db).await? as usize;
    let mut rng = StdRng::seed_from_u64(0x1ab5 + start as u64);
    let prose = Prose::new();
    let epoch = NaiveDate::from_ymd_opt(2023, 1, 1).unwrap();
    let mut done = 0;
    while done < count {
        let batch: Vec<NewResource> = (0..(count - done).min(1000))
            .map(|offset| {
                let n = start + done + offset + 1;
                let kind = *ResourceKind::ALL.choose(&mut rng).unwrap();
                let published = epoch + Days::new(rng.random_range(0..1400));
                let reviewed = published + Days::new(rng.random_range(0..200));
                let paragraphs: Vec<String> = (0..rng.random_range(3..7))
                    .map(|_| {
                        (0..rng.random_range(3..6))
                            .map(|_| prose.sentence(&mut rng))
                            .collect::<Vec<_>>()
                            .join(" ")
                    })
                    .collect();
                let mut resource = NewResource {
                    slug: format!("synthetic-{n}"),
                    kind,
                    title: format!(
                        "{} {} {} ({n})",
                        OPENERS.choose(&mut rng).unwrap(),
                        SUBJECTS.choose(&mut rng).unwrap(),
                        SETTINGS.choose(&mut rng).unwrap()
                    ),
                    summary: prose.sentence(&mut rng) + " " + &prose.sentence(&mut rng),
                    body: paragraphs.join("\n\n"),
                    provider_id: providers.choose(&mut rng).unwrap().id,
                    sectors: pick(&mut rng, Sector::ALL, 3),
                    topics: pick(&mut rng, Topic::ALL, 4),
                    capabilities: Vec::new(),
                    responses: pick(&mut rng, LearningResponse::ALL, 2),
                    level: *Level::ALL.choose(&mut rng).unwrap(),
                    audience: "Investigators".to_string(),
                    minutes: rng.random_range(5..240),
                    cpd_hours: 0.0,
                    external_url: (kind == ResourceKind::Signposted)
                        .then(|| format!("https://www.example.org/resources/{n}")),
                    published_on: Some(published),
                    reviewed_on: reviewed,
                    review_by: reviewed + Days::new(365),
                    status: Status::Published,
                    featured: false,
                    lessons: if kind == ResourceKind::Module {
                        (1..=3)
                            .map(|l| NewLesson {
                                title: format!("Lesson {l}"),
                                body: prose.sentence(&mut rng),
                                questions: Vec::new(),
                            })
                            .collect()
                    } else {
                        Vec::new()
                    },
                    pass_mark: DEFAULT_PASS_MARK,
                };
                resource.capabilities = capabilities_for(&resource.topics, n);
                resource
            })
            .collect();
        repo::insert_many(db, &batch).await?;
        done += batch.len();
        on_batch(done);
    }
    repo::rebuild_search_terms(db).await?;
    Ok(done)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capability_domains_follow_topics_and_are_never_empty() {
        assert_eq!(
            capabilities_for(&[Topic::Interviewing, Topic::TimelineMapping], 1),
            vec![Capability::GatheringEvidence]
        );
        assert_eq!(
            capabilities_for(&[Topic::ReportWriting, Topic::Seips], 1),
            vec![Capability::Analysis, Capability::WritingAndSharing]
        );
        for n in 0..Capability::ALL.len() {
            assert_eq!(
                capabilities_for(&[Topic::MedicationSafety], n),
                vec![Capability::ALL[n]]
            );
        }
    }
}
