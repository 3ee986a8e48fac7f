//! Demo contributions, so the review queue, "my contributions" and
//! duplicate control have something to show: demo investigators (made
//! contributors) propose resources at different stages, one of them a
//! reworded copy of a published demo module.

use app::accounts::Role;
use app::curation::contribution_repo::{self as repo};
use app::curation::draft::ResourceDraft;
use app::curation::workflow::{Actor, Step};
use app::db::Db;
use app::vocabulary::{Capability, LearningResponse, Level, ResourceKind, Sector, Topic};
use app::with_pool;
use chrono::{Duration, Utc};

use super::SeedError;

struct Proposal {
    proposer: &'static str,
    draft: ResourceDraft,
    /// Steps taken after the draft, with the note each carries.
    steps: &'static [(Step, &'static str)],
    days_ago: i64,
}

/// Title, summary and Markdown body.
type Texts<'a> = (&'a str, &'a str, &'a str);
/// Sectors, topics, capability domains and learning responses.
type Tags<'a> = (
    &'a [Sector],
    &'a [Topic],
    &'a [Capability],
    &'a [LearningResponse],
);

fn draft(
    kind: ResourceKind,
    texts: Texts,
    provider: &str,
    tags: Tags,
    minutes: u32,
) -> ResourceDraft {
    let (title, summary, body) = texts;
    let (sectors, topics, capabilities, responses) = tags;
    let today = Utc::now().date_naive();
    ResourceDraft {
        kind,
        title: title.into(),
        summary: summary.into(),
        body: body.into(),
        provider: provider.into(),
        sectors: sectors.to_vec(),
        topics: topics.to_vec(),
        capabilities: capabilities.to_vec(),
        responses: responses.to_vec(),
        level: Level::Foundation,
        audience: String::new(),
        minutes,
        cpd_hours: 0.0,
        external_url: None,
        reviewed_on: today,
        review_by: today + Duration::days(365),
        lessons: Vec::new(),
        pass_mark: app::resources::questions::DEFAULT_PASS_MARK,
    }
}

fn proposals() -> Vec<Proposal> {
    vec![
        Proposal {
            proposer: "priya",
            draft: draft(
                ResourceKind::Toolkit,
                (
                    "Swarm huddles in community pharmacy",
                    "A one-page toolkit for running a ten-minute swarm huddle in a community pharmacy straight after a dispensing incident or near miss.",
                    "## When to huddle\n\nHuddle the same day, while memories are fresh, with everyone who was on shift.\n\n## The four questions\n\n1. What did we expect to happen?\n2. What actually happened?\n3. Why was there a difference?\n4. What will we change, and who will check it worked?\n\n## Afterwards\n\nRecord the learning in the pharmacy's incident log and share it with your primary care network's patient safety specialist.",
                ),
                "primary-care-safety-network",
                (&[Sector::PrimaryCare], &[Topic::MedicationSafety, Topic::SystemsThinking], &[Capability::GatheringEvidence, Capability::SafetyActions], &[LearningResponse::SwarmHuddle]),
                20,
            ),
            steps: &[(Step::Submit, "")],
            days_ago: 9,
        },
        Proposal {
            proposer: "daniel",
            draft: draft(
                ResourceKind::Module,
                (
                    "Learning from safety events in GP practices",
                    "A foundation course for general practice teams on picking proportionate learning responses, running short reviews and turning learning into practical change.",
                    "## About this module\n\nGeneral practice teams handle huge volumes of work with small staff groups and little protected time. Significant event analysis can feel like paperwork, and many practices are unsure how the Patient Safety Incident Response Framework applies to them. This module gives practices a realistic, proportionate way to learn from events without extra burden.\n\n## What you will cover\n\n- What makes safety in primary care different from hospitals\n- Choosing between a swarm huddle, an After Action Review and escalating to a wider review\n- Running a short, blame-free conversation in a small team\n- Making changes that stick, and sharing them across your network",
                ),
                "primary-care-safety-network",
                (&[Sector::PrimaryCare], &[Topic::SystemsThinking, Topic::SafetyActions], &[Capability::Planning, Capability::SafetyActions], &[LearningResponse::AfterActionReview, LearningResponse::SwarmHuddle]),
                75,
            ),
            steps: &[(Step::Submit, "")],
            days_ago: 2,
        },
        Proposal {
            proposer: "amara",
            draft: draft(
                ResourceKind::Guide,
                (
                    "Involving families after a death in mental health care",
                    "Practical guidance for investigators on contacting, listening to and keeping families involved when a learning response follows a death in mental health services.",
                    "## First contact\n\nAgree who will make first contact and when. Families tell us that a named person matters more than a leaflet.\n\n## Listening\n\nAsk what questions the family want answered, and write them into the terms of reference.\n\n## Keeping in touch\n\nAgree how often you will update them, and keep to it even when there is little news.",
                ),
                "mental-health-investigators-forum",
                (&[Sector::MentalHealth], &[Topic::InvolvingPatientsAndFamilies], &[Capability::InvolvingPeople], &[LearningResponse::Psii]),
                30,
            ),
            steps: &[
                (Step::Submit, ""),
                (
                    Step::RequestChanges,
                    "Thank you, this is much needed. Please add a short section on supporting staff who knew the person, and link to the bereavement support the forum already signposts.",
                ),
            ],
            days_ago: 4,
        },
        Proposal {
            proposer: "priya",
            draft: draft(
                ResourceKind::Guide,
                (
                    "Timeline mapping for dispensing errors",
                    "How to build a simple timeline of a dispensing error, from prescription to collection, to see where the work system made the error likely.",
                    "## Start with the prescription\n\nNote when it arrived and how.\n\n## Follow the work\n\nRecord each hand-off: labelling, checking, bagging and collection.",
                ),
                "primary-care-safety-network",
                (&[Sector::PrimaryCare], &[Topic::TimelineMapping, Topic::MedicationSafety], &[Capability::GatheringEvidence], &[]),
                25,
            ),
            steps: &[],
            days_ago: 1,
        },
    ]
}

/// Loads the demo contributions unless some are there already, or the demo
/// network (whose members propose them) is not. Returns how many were added.
pub async fn seed(db: &Db) -> Result<usize, SeedError> {
    let existing: i64 = with_pool!(db, pool => sqlx::query_scalar("SELECT COUNT(*) FROM resources WHERE owner_id IS NOT NULL")
        .fetch_one(pool)
        .await?);
    if existing > 0 {
        return Ok(0);
    }
    let mut added = 0;
    let today = Utc::now().date_naive();
    // A demo investigator who also curates answers the submissions.
    let curator = demo_user(db, "siobhan").await?;
    if let Some(curator) = curator {
        with_pool!(db, pool => sqlx::query("UPDATE users SET role = 'curator' WHERE id = $1 AND role = 'member'")
            .bind(curator)
            .execute(pool)
            .await
            .map(|_| ()))?;
    }
    for proposal in proposals() {
        let Some(owner) = demo_user(db, proposal.proposer).await? else {
            continue;
        };
        with_pool!(db, pool => sqlx::query("UPDATE users SET role = $1 WHERE id = $2 AND role = 'member'")
            .bind(Role::Contributor.slug())
            .bind(owner)
            .execute(pool)
            .await
            .map(|_| ()))?;
        let slug = repo::create(db, owner, &proposal.draft).await?;
        for (step, note) in proposal.steps {
            let current = repo::load(db, &slug)
                .await?
                .ok_or_else(|| SeedError::InvalidData(format!("{slug} vanished")))?;
            let actor = Actor {
                is_owner: *step == Step::Submit,
                is_curator: *step != Step::Submit,
            };
            let to = step
                .apply(current.stage, actor, note)
                .map_err(|refusal| SeedError::InvalidData(refusal.to_string()))?;
            let by = if actor.is_curator {
                curator.unwrap_or(owner)
            } else {
                owner
            };
            repo::change_stage(db, &current, by, *step, to, note, today).await?;
        }
        let at = (Utc::now() - Duration::days(proposal.days_ago)).timestamp();
        with_pool!(db, pool => sqlx::query("UPDATE resources SET stage_changed_at = $1 WHERE slug = $2")
            .bind(at)
            .bind(&slug)
            .execute(pool)
            .await
            .map(|_| ()))?;
        added += 1;
    }
    Ok(added)
}

async fn demo_user(db: &Db, key: &str) -> Result<Option<i64>, SeedError> {
    let email = format!("{key}.demo@example.org");
    Ok(
        with_pool!(db, pool => sqlx::query_scalar("SELECT id FROM users WHERE email = $1")
        .bind(&email)
        .fetch_optional(pool)
        .await?),
    )
}
