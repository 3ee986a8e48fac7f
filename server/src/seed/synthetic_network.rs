//! A large, generated network for benchmarks: members with varied
//! profiles and visibility choices, reproducible from a fixed seed, saved
//! through the same code as the profile form.

use app::accounts::{repo as accounts_repo, DisplayName, EmailAddress, Role};
use app::db::Db;
use app::network::profile::ProfileDraft;
use app::network::{repo, OrganisationType, Region, Visibility};
use app::vocabulary::{Level, Sector};
use app::with_pool;
use rand::rngs::StdRng;
use rand::seq::{IndexedRandom, IteratorRandom};
use rand::{Rng, SeedableRng};

use super::SeedError;

const FIRST_NAMES: &[&str] = &[
    "Aisha", "Ben", "Chloe", "Dev", "Ella", "Farah", "Gus", "Hana", "Ian", "Jade", "Kofi", "Lena",
    "Mo", "Nina", "Owen", "Pooja", "Quinn", "Rosa", "Sol", "Tara", "Uma", "Vik", "Wendy", "Xander",
    "Yusuf", "Zoe",
];
const LAST_NAMES: &[&str] = &[
    "Abbott",
    "Baker",
    "Chowdhury",
    "Dixon",
    "Evans",
    "Fraser",
    "Gill",
    "Hughes",
    "Iqbal",
    "Jones",
    "Khan",
    "Lewis",
    "Mensah",
    "Nolan",
    "Owusu",
    "Patel",
    "Quayle",
    "Reid",
    "Singh",
    "Taylor",
    "Usman",
    "Vaughan",
    "Walsh",
    "Young",
    "Zielinski",
];
const ROLES: &[&str] = &[
    "Patient safety specialist",
    "Patient safety incident investigator",
    "Clinical governance lead",
    "Quality and safety manager",
    "Patient safety partner",
    "Ward manager",
    "Practice manager",
    "Clinical pharmacist",
    "Paramedic team leader",
    "Midwife",
];
const SPECIALISMS: &[&str] = &[
    "SEIPS",
    "Timeline mapping",
    "After Action Review",
    "Swarm huddles",
    "Interviewing",
    "Family liaison",
    "Thematic review",
    "Safety actions",
    "Human factors",
    "Medication safety",
    "Falls",
    "Diagnostic error",
    "Deteriorating patient",
    "Handover",
    "Report writing",
    "Psychological safety",
    "Learning from deaths",
    "Oversight",
];

fn visibility(rng: &mut StdRng) -> Visibility {
    match rng.random_range(0..10) {
        0..=4 => Visibility::Public,
        5..=8 => Visibility::Members,
        _ => Visibility::Connections,
    }
}

/// The profile of synthetic member `n`.
pub fn draft(n: usize) -> ProfileDraft {
    let mut rng = StdRng::seed_from_u64(n as u64 ^ 0x5eed_f9e7);
    let name = format!(
        "{} {} {n}",
        FIRST_NAMES.choose(&mut rng).unwrap(),
        LAST_NAMES.choose(&mut rng).unwrap()
    );
    let sector_count = rng.random_range(1..=2);
    let sectors = Sector::ALL
        .iter()
        .copied()
        .choose_multiple(&mut rng, sector_count);
    let specialism_count = rng.random_range(1..=4);
    let specialisms = SPECIALISMS
        .iter()
        .map(|s| s.to_string())
        .choose_multiple(&mut rng, specialism_count);
    ProfileDraft {
        display_name: DisplayName::parse(&name).expect("generated names are valid"),
        visibility: visibility(&mut rng),
        role_title: ROLES.choose(&mut rng).unwrap().to_string(),
        role_title_visibility: visibility(&mut rng),
        organisation_type: OrganisationType::ALL.choose(&mut rng).copied(),
        organisation_name: String::new(),
        organisation_visibility: visibility(&mut rng),
        sectors,
        sectors_visibility: visibility(&mut rng),
        region: Region::ALL.choose(&mut rng).copied(),
        region_visibility: visibility(&mut rng),
        level: Level::ALL.choose(&mut rng).copied(),
        level_visibility: visibility(&mut rng),
        years_investigating: Some(rng.random_range(0..30)),
        years_visibility: visibility(&mut rng),
        specialisms,
        specialisms_visibility: visibility(&mut rng),
        open_to_mentoring: rng.random_bool(0.2),
        open_to_collaboration: rng.random_bool(0.4),
        availability_visibility: visibility(&mut rng),
        bio: "Synthetic member for benchmarks. Works on learning responses and safety actions."
            .to_string(),
        bio_visibility: visibility(&mut rng),
    }
}

/// How many synthetic members the database holds.
pub async fn count(db: &Db) -> Result<usize, SeedError> {
    let count: i64 = with_pool!(db, pool => sqlx::query_scalar(
        "SELECT COUNT(*) FROM users WHERE email LIKE 'synthetic-%@example.org'",
    )
    .fetch_one(pool)
    .await?);
    Ok(count as usize)
}

/// Adds members until there are `total` synthetic ones. Their password
/// hash is not a hash at all, so nobody can sign in as them.
pub async fn seed(db: &Db, total: usize, on_member: impl Fn(usize)) -> Result<usize, SeedError> {
    let start = count(db).await?;
    for n in start..total {
        let email = EmailAddress::parse(&format!("synthetic-{n}@example.org"))
            .map_err(SeedError::InvalidData)?;
        let draft = draft(n);
        let Some(id) = accounts_repo::create_user(
            db,
            &email,
            draft.display_name.as_str(),
            "!synthetic",
            Role::Member,
            true,
        )
        .await?
        else {
            continue;
        };
        repo::save_profile(db, id, &draft, false).await?;
        on_member(n + 1);
    }
    Ok(total.saturating_sub(start))
}
