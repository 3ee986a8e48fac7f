//! The demo network: fictional investigators (`server/demo/network.toml`)
//! with profiles, connections and a few conversations. Demo accounts have
//! a random password nobody knows, so nobody can sign in as them.

use std::collections::HashMap;

use app::accounts::{password, repo as accounts_repo, EmailAddress, Role};
use app::db::Db;
use app::moderation::repo as moderation_repo;
use app::moderation::subjects;
use app::moderation::types::{parse_report, ReportInput, SubjectKind};
use app::network::messages::{self, MessageBody};
use app::network::profile::{ProfileDraft, ProfileInput};
use app::network::{connections, repo, RequestKind};
use app::with_pool;
use serde::Deserialize;

use super::SeedError;

const NETWORK: &str = include_str!("../../demo/network.toml");

#[derive(Debug, Deserialize)]
pub struct DemoNetwork {
    pub profiles: Vec<DemoProfile>,
    pub connections: Vec<DemoConnection>,
    pub conversations: Vec<DemoConversation>,
    #[serde(default)]
    pub reports: Vec<DemoReport>,
    #[serde(default)]
    pub learning: Vec<super::learning::DemoLearning>,
    #[serde(default)]
    pub collections: Vec<super::collections::DemoCollection>,
}

#[derive(Debug, Deserialize)]
pub struct DemoProfile {
    pub key: String,
    pub name: String,
    pub role: String,
    pub organisation_type: String,
    pub sectors: Vec<String>,
    pub region: String,
    pub level: String,
    pub years: i64,
    pub specialisms: Vec<String>,
    pub bio: String,
    pub mentoring: bool,
    pub collaboration: bool,
    pub visibility: String,
}

#[derive(Debug, Deserialize)]
pub struct DemoConnection {
    pub from: String,
    pub to: String,
    pub kind: String,
    pub accepted: bool,
}

/// A report of the last message `about` sent `reporter`, left open for
/// moderators to find.
#[derive(Debug, Deserialize)]
pub struct DemoReport {
    pub reporter: String,
    pub about: String,
    pub reason: String,
    pub note: String,
}

#[derive(Debug, Deserialize)]
pub struct DemoConversation {
    pub between: [String; 2],
    pub messages: Vec<[String; 2]>,
}

pub fn network() -> Result<DemoNetwork, SeedError> {
    toml::from_str(NETWORK).map_err(|error| SeedError::InvalidData(error.to_string()))
}

impl DemoProfile {
    /// The profile as its form would send it, parsed by the same rules.
    /// The member as the made-up answers and self-assessments need them.
    fn member(&self, user_id: i64, draft: &ProfileDraft) -> super::DemoMember<'_> {
        super::DemoMember {
            user_id,
            key: &self.key,
            sectors: app::vocabulary::Sector::mask(&draft.sectors),
            level: draft.level,
        }
    }

    pub fn draft(&self) -> Result<ProfileDraft, SeedError> {
        let visibility = || self.visibility.clone();
        let availability = [
            (self.mentoring, "open_to_mentoring"),
            (self.collaboration, "open_to_collaboration"),
        ];
        let input = ProfileInput {
            display_name: self.name.clone(),
            visibility: visibility(),
            role_title: self.role.clone(),
            role_title_visibility: visibility(),
            organisation_type: self.organisation_type.clone(),
            organisation_visibility: visibility(),
            sector: self.sectors.clone(),
            sectors_visibility: visibility(),
            region: self.region.clone(),
            region_visibility: visibility(),
            level: self.level.clone(),
            level_visibility: visibility(),
            years_investigating: self.years.to_string(),
            years_visibility: "members".into(),
            specialisms: self.specialisms.join("\n"),
            specialisms_visibility: visibility(),
            bio: self.bio.clone(),
            bio_visibility: "members".into(),
            availability: availability
                .iter()
                .filter(|(ticked, _)| *ticked)
                .map(|(_, value)| value.to_string())
                .collect(),
            availability_visibility: visibility(),
            ..ProfileInput::default()
        };
        ProfileDraft::parse(&input).map_err(|errors| {
            SeedError::InvalidData(format!("demo profile {}: {errors:?}", self.key))
        })
    }

    fn email(&self) -> String {
        format!("{}.demo@example.org", self.key)
    }
}

/// Gives a demo network loaded before there were self-assessments its
/// members' takes (none of its members has one yet).
async fn backfill_self_assessments(db: &Db) -> Result<(), SeedError> {
    let taken: i64 = with_pool!(db, pool => sqlx::query_scalar(
        "SELECT COUNT(*) FROM self_assessments a JOIN profiles p ON p.user_id = a.user_id WHERE p.is_demo",
    )
    .fetch_one(pool)
    .await?);
    if taken > 0 {
        return Ok(());
    }
    let network = network()?;
    let mut members = Vec::new();
    for profile in &network.profiles {
        let email = EmailAddress::parse(&profile.email()).map_err(SeedError::InvalidData)?;
        if let Some(user) = accounts_repo::by_email(db, &email).await? {
            members.push(profile.member(user.id, &profile.draft()?));
        }
    }
    super::capability::seed(db, &members).await
}

/// Loads the demo network unless demo profiles are already there. Returns
/// how many profiles were added.
pub async fn seed(db: &Db) -> Result<usize, SeedError> {
    let existing: i64 = with_pool!(db, pool => sqlx::query_scalar("SELECT COUNT(*) FROM profiles WHERE is_demo")
        .fetch_one(pool)
        .await?);
    if existing > 0 {
        backfill_self_assessments(db).await?;
        return Ok(0);
    }
    let network = network()?;
    // Nobody knows this password: demo members cannot be signed in as.
    let unusable = password::hash_now(&format!("{:x}", rand::random::<u128>()));
    let mut users: HashMap<&str, i64> = HashMap::new();
    let mut answerers = Vec::new();
    for profile in &network.profiles {
        let draft = profile.draft()?;
        let email = EmailAddress::parse(&profile.email()).map_err(SeedError::InvalidData)?;
        let id = match accounts_repo::create_user(
            db,
            &email,
            &profile.name,
            &unusable,
            Role::Member,
            true,
        )
        .await?
        {
            Some(id) => id,
            None => accounts_repo::by_email(db, &email)
                .await?
                .map(|user| user.id)
                .ok_or_else(|| SeedError::InvalidData(format!("no account for {}", profile.key)))?,
        };
        repo::save_profile(db, id, &draft, true).await?;
        users.insert(&profile.key, id);
        answerers.push(profile.member(id, &draft));
    }
    let user = |key: &str| {
        users
            .get(key)
            .copied()
            .ok_or_else(|| SeedError::InvalidData(format!("unknown demo member {key}")))
    };
    for connection in &network.connections {
        let kind = RequestKind::parse(&connection.kind).map_err(SeedError::InvalidData)?;
        let (from, to) = (user(&connection.from)?, user(&connection.to)?);
        if let Ok(id) = connections::request(db, from, to, kind, "").await? {
            if connection.accepted {
                let _ = connections::accept(db, to, id).await?;
            }
        }
    }
    for conversation in &network.conversations {
        let [a, b] = &conversation.between;
        let (a, b) = (user(a)?, user(b)?);
        for [sender, text] in &conversation.messages {
            let from = user(sender)?;
            let to = if from == a { b } else { a };
            let body = MessageBody::parse(text).map_err(SeedError::InvalidData)?;
            messages::send(db, from, to, &body).await?;
        }
    }
    for report in &network.reports {
        seed_report(db, user(&report.reporter)?, user(&report.about)?, report).await?;
    }
    for record in &network.learning {
        super::learning::seed(db, user(&record.member)?, record).await?;
    }
    for collection in &network.collections {
        super::collections::seed(db, user(&collection.member)?, collection).await?;
    }
    super::usefulness::seed(db, &answerers).await?;
    super::capability::seed(db, &answerers).await?;
    Ok(network.profiles.len())
}

/// Files `report` through the same rules a member's report follows: the
/// message must be one the reporter may report.
async fn seed_report(
    db: &Db,
    reporter: i64,
    about: i64,
    report: &DemoReport,
) -> Result<(), SeedError> {
    let invalid =
        |what: &str| SeedError::InvalidData(format!("demo report by {}: {what}", report.reporter));
    let message: Option<i64> = with_pool!(db, pool => sqlx::query_scalar(
        "SELECT MAX(m.id) FROM messages m JOIN conversations c ON c.id = m.conversation_id
         WHERE m.sender_id = $1 AND (c.user_low = $2 OR c.user_high = $2)",
    )
    .bind(about)
    .bind(reporter)
    .fetch_one(pool)
    .await?);
    let message = message.ok_or_else(|| invalid("no message to report"))?;
    let reporter_user = accounts_repo::by_id(db, reporter)
        .await?
        .ok_or_else(|| invalid("no such member"))?;
    let subject = subjects::find(
        db,
        &reporter_user,
        SubjectKind::Message,
        &message.to_string(),
    )
    .await?
    .ok_or_else(|| invalid("the message cannot be reported"))?;
    let draft = parse_report(&ReportInput {
        reason: report.reason.clone(),
        note: report.note.clone(),
    })
    .map_err(|errors| invalid(&format!("{errors:?}")))?;
    moderation_repo::insert(
        db,
        reporter,
        &subject,
        &draft,
        chrono::Utc::now().timestamp(),
    )
    .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use app::network::Region;
    use app::vocabulary::Sector;

    #[test]
    fn the_demo_network_covers_every_sector_and_region() {
        let network = network().expect("the demo network parses");
        assert!(network.profiles.len() >= 40);
        let drafts: Vec<ProfileDraft> = network
            .profiles
            .iter()
            .map(|profile| profile.draft().expect("each demo profile is valid"))
            .collect();
        for sector in Sector::ALL {
            assert!(
                drafts.iter().any(|draft| draft.sectors.contains(sector)),
                "no demo investigator in {sector}"
            );
        }
        for region in Region::ALL {
            assert!(
                drafts.iter().any(|draft| draft.region == Some(*region)),
                "no demo investigator in {region}"
            );
        }
        let keys: Vec<&str> = network.profiles.iter().map(|p| p.key.as_str()).collect();
        for connection in &network.connections {
            assert!(
                keys.contains(&connection.from.as_str()) && keys.contains(&connection.to.as_str())
            );
        }
        for report in &network.reports {
            assert!(
                keys.contains(&report.reporter.as_str()) && keys.contains(&report.about.as_str())
            );
        }
        // Learning is weaker where the strategy found it weakest: members
        // working only in primary care or mental health complete fewer
        // modules, on average, than everyone else.
        let completions = |wanted: &dyn Fn(&DemoProfile) -> bool| {
            let members: Vec<&DemoProfile> =
                network.profiles.iter().filter(|p| wanted(p)).collect();
            let done: usize = network
                .learning
                .iter()
                .filter(|record| members.iter().any(|p| p.key == record.member))
                .map(|record| record.completed.len())
                .sum();
            done as f64 / members.len().max(1) as f64
        };
        let underserved = |p: &DemoProfile| {
            p.sectors
                .iter()
                .all(|sector| sector == "primary-care" || sector == "mental-health")
        };
        assert!(completions(&underserved) * 2.0 < completions(&|p| !underserved(p)));
        for record in &network.learning {
            assert!(keys.contains(&record.member.as_str()), "{}", record.member);
        }
        // The end-to-end story needs a primary-care mentor in the North West.
        assert!(drafts.iter().any(|draft| draft.open_to_mentoring
            && draft.region == Some(Region::NorthWest)
            && draft.sectors.contains(&Sector::PrimaryCare)));
    }
}
