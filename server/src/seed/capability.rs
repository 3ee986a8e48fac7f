//! The demo network's capability self-assessments, made up the same way on
//! every load (a hash of the member and the domain decides), so the
//! insights have something true-to-life to count: confidence follows a
//! member's experience, members working only in primary care or mental
//! health (where investigation training has reached least) are a level
//! less confident, and about half took it twice, a little more confident
//! the second time.

use app::db::Db;
use app::learning::capability::repo;
use app::learning::capability::types::{Confidence, Rating, Relevance};
use app::vocabulary::{Capability, Level, Sector};

use super::usefulness::stable_hash;
use super::{DemoMember, SeedError};

const DAY: i64 = 86_400;

fn lower(confidence: Confidence) -> Confidence {
    match confidence {
        Confidence::Expert => Confidence::Practitioner,
        Confidence::Practitioner => Confidence::Foundation,
        _ => Confidence::NotYet,
    }
}

fn higher(confidence: Confidence) -> Confidence {
    match confidence {
        Confidence::NotYet => Confidence::Foundation,
        Confidence::Foundation => Confidence::Practitioner,
        _ => Confidence::Expert,
    }
}

/// A member's ratings at their first take.
pub fn demo_ratings(member: &str, sectors: i64, level: Option<Level>) -> Vec<Rating> {
    let underserved = Sector::mask(&[Sector::PrimaryCare, Sector::MentalHealth]);
    let only_underserved = sectors != 0 && sectors & !underserved == 0;
    let usual = match level {
        None | Some(Level::Foundation) => Confidence::Foundation,
        Some(Level::Practitioner) => Confidence::Practitioner,
        Some(Level::Expert) => Confidence::Expert,
    };
    Capability::ALL
        .iter()
        .map(|&domain| {
            let hash = stable_hash(&[member, domain.slug()]);
            // One domain in three a level below the member's usual, one in
            // eight above; a level less again where training reaches least.
            let mut confidence = match hash % 24 {
                0..=7 => lower(usual),
                8..=10 => higher(usual),
                _ => usual,
            };
            if only_underserved && !(hash >> 8).is_multiple_of(4) {
                confidence = lower(confidence);
            }
            // Leading and overseeing is central only for the experienced.
            let relevance = match ((hash >> 16) % 10, domain, level) {
                (_, Capability::Leading, Some(Level::Expert)) => Relevance::Central,
                (0..=5, Capability::Leading, _) => Relevance::NotRelevant,
                (0, ..) => Relevance::NotRelevant,
                (1..=3, ..) => Relevance::Part,
                _ => Relevance::Central,
            };
            Rating {
                domain,
                confidence,
                relevance,
            }
        })
        .collect()
}

/// Records each member's take some months ago and, for about half, a
/// second a few weeks ago in which two of their gaps have closed by a
/// level.
pub async fn seed(db: &Db, members: &[DemoMember<'_>]) -> Result<(), SeedError> {
    let now = chrono::Utc::now().timestamp();
    for member in members {
        let hash = stable_hash(&[member.key, "self-assessment"]);
        let first = demo_ratings(member.key, member.sectors, member.level);
        let first_days_ago = 90 + (hash % 120) as i64;
        repo::save(db, member.user_id, &first, now - first_days_ago * DAY).await?;
        if hash.is_multiple_of(2) {
            let mut second = first.clone();
            for rating in second.iter_mut().filter(|r| r.is_gap()).take(2) {
                rating.confidence = higher(rating.confidence);
            }
            let second_days_ago = 7 + ((hash >> 8) % 50) as i64;
            repo::save(db, member.user_id, &second, now - second_days_ago * DAY).await?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The share of gaps among many made-up members' ratings.
    fn share_of_gaps(sectors: i64, level: Level) -> f64 {
        let (mut gaps, mut all) = (0, 0);
        for member in 0..80 {
            for rating in demo_ratings(&format!("member-{member}"), sectors, Some(level)) {
                all += 1;
                gaps += usize::from(rating.is_gap());
            }
        }
        gaps as f64 / all as f64
    }

    #[test]
    fn primary_care_and_mental_health_have_more_gaps() {
        let acute = Sector::mask(&[Sector::AcuteHospital]);
        let primary = Sector::mask(&[Sector::PrimaryCare]);
        let mental = Sector::mask(&[Sector::MentalHealth]);
        for level in [Level::Foundation, Level::Practitioner] {
            let served = share_of_gaps(acute, level);
            assert!(share_of_gaps(primary, level) > served + 0.15, "{level:?}");
            assert!(share_of_gaps(mental, level) > served + 0.15, "{level:?}");
        }
        assert!(share_of_gaps(acute, Level::Expert) < share_of_gaps(acute, Level::Foundation));
    }

    #[test]
    fn every_member_rates_every_domain_the_same_way_each_load() {
        let once = demo_ratings("a", 1, Some(Level::Practitioner));
        assert_eq!(once.len(), Capability::ALL.len());
        assert_eq!(once, demo_ratings("a", 1, Some(Level::Practitioner)));
    }
}
