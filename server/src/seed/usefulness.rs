//! The demo network's answers to "Was this useful?", made up the same way
//! on every load (a hash of the member and the resource decides), so the
//! curators' report has something true-to-life to show: most members find
//! resources for their own sectors useful, and members working only in
//! primary care or mental health, which the catalogue serves least well,
//! find the rest useful far less often.

use app::db::Db;
use app::learning::useful::repo;
use app::learning::useful::types::Answer;
use app::vocabulary::Sector;
use app::with_pool;

use super::SeedError;

use super::DemoMember;

const USEFUL_COMMENTS: [&str; 4] = [
    "The worked example made the SEIPS work system easy to explain to the ward team.",
    "Clear and practical: I used the timeline template in a review the same week.",
    "Helped me keep the conversation on the system rather than on who was involved.",
    "Good prompts for an after action review; our huddles are shorter and better for it.",
];

const NOT_USEFUL_COMMENTS: [&str; 4] = [
    "Written for hospital teams: little on how a small practice with no safety lead can do this.",
    "The examples are all acute wards; I could not see how to apply it in a community mental health team.",
    "Too long for the time we get; a one-page version for a swarm huddle would help.",
    "Would like more on choosing stronger actions than training and new policies.",
];

/// FNV-1a: stable across runs and platforms, unlike the standard hasher.
pub fn stable_hash(parts: &[&str]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for byte in part.bytes().chain([0]) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    hash
}

/// Whether the member answered about the resource and, if so, what.
pub fn demo_answer(
    member: &str,
    member_sectors: i64,
    resource: &str,
    resource_sectors: i64,
) -> Option<Answer> {
    let hash = stable_hash(&[member, resource]);
    // About one resource in four gets an answer from each member.
    if !hash.is_multiple_of(4) {
        return None;
    }
    let underserved = Sector::mask(&[Sector::PrimaryCare, Sector::MentalHealth]);
    let only_underserved = member_sectors != 0 && member_sectors & !underserved == 0;
    let for_them = member_sectors & resource_sectors != 0;
    let percent_useful = match (for_them, only_underserved) {
        (true, _) => 85,
        (false, true) => 30,
        (false, false) => 70,
    };
    let roll = (hash >> 8) % 100;
    let useful = roll < percent_useful;
    let comment = if (hash >> 16).is_multiple_of(3) {
        let pool = if useful {
            USEFUL_COMMENTS
        } else {
            NOT_USEFUL_COMMENTS
        };
        pool[((hash >> 24) % pool.len() as u64) as usize].to_string()
    } else {
        String::new()
    };
    Some(Answer { useful, comment })
}

/// Records the demo answers of `members` about every published resource
/// (some days ago, spread over the last three months).
pub async fn seed(db: &Db, members: &[DemoMember<'_>]) -> Result<(), SeedError> {
    let resources: Vec<(i64, String, i64)> = with_pool!(db, pool => sqlx::query_as(
        "SELECT id, slug, sectors FROM resources WHERE status = 'published' ORDER BY id",
    )
    .fetch_all(pool)
    .await)?;
    let now = chrono::Utc::now().timestamp();
    for member in members {
        for (resource_id, slug, sectors) in &resources {
            if let Some(answer) = demo_answer(member.key, member.sectors, slug, *sectors) {
                let days_ago = (stable_hash(&[slug, member.key]) % 90) as i64;
                repo::answer(
                    db,
                    member.user_id,
                    *resource_id,
                    &answer,
                    now - days_ago * 86_400,
                )
                .await?;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The share of answers that say "useful", over many made-up members
    /// and resources.
    fn share_useful(member_sectors: i64, resource_sectors: i64) -> f64 {
        let (mut yes, mut answers) = (0, 0);
        for member in 0..60 {
            for resource in 0..60 {
                if let Some(answer) = demo_answer(
                    &format!("member-{member}"),
                    member_sectors,
                    &format!("resource-{resource}"),
                    resource_sectors,
                ) {
                    answers += 1;
                    yes += usize::from(answer.useful);
                }
            }
        }
        assert!(answers > 500, "about one in four answer: {answers}");
        yes as f64 / answers as f64
    }

    #[test]
    fn primary_care_and_mental_health_find_the_rest_of_the_catalogue_less_useful() {
        let acute = Sector::AcuteHospital.bit();
        let primary = Sector::PrimaryCare.bit();
        let mental = Sector::MentalHealth.bit();
        let underserved = share_useful(primary | mental, acute);
        let others = share_useful(Sector::Ambulance.bit(), acute);
        let own = share_useful(primary, primary);
        assert!(underserved < 0.45, "{underserved}");
        assert!(others > 0.6, "{others}");
        assert!(own > 0.75, "{own}");
    }

    #[test]
    fn the_hash_is_fnv_1a_so_every_load_gives_the_same_answers() {
        // Worked out apart from this code (FNV-1a, 64 bits, of the bytes
        // with a NUL after each part).
        assert_eq!(stable_hash(&["a"]), 620_337_896_427_418_084);
        assert_eq!(
            stable_hash(&["siobhan", "seips-in-practice"]),
            16_836_803_616_278_105_865
        );
        let comments: Vec<String> = (0..200)
            .filter_map(|n| demo_answer(&format!("m{n}"), 1, "r", 2))
            .map(|answer| answer.comment)
            .collect();
        assert!(comments.iter().any(String::is_empty));
        assert!(comments.iter().any(|comment| !comment.is_empty()));
    }
}
