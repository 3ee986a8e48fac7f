//! The demo catalogue: original content in `server/demo/catalogue.toml`,
//! compiled into the binary so `hub seed-demo` works anywhere.

use app::db::Db;
use app::organisations::{self, Organisation};
use app::resources::questions::{Question, DEFAULT_PASS_MARK};
use app::resources::repo::{self, NewLesson, NewResource};
use app::vocabulary::{
    Capability, LearningResponse, Level, OrganisationKind, ResourceKind, Sector, Status, Topic,
};
use chrono::NaiveDate;
use serde::Deserialize;

use super::SeedError;

const CATALOGUE: &str = include_str!("../../demo/catalogue.toml");

#[derive(Debug, Deserialize)]
pub struct Catalogue {
    pub organisations: Vec<DemoOrganisation>,
    pub resources: Vec<DemoResource>,
}

#[derive(Debug, Deserialize)]
pub struct DemoOrganisation {
    pub slug: String,
    pub name: String,
    pub kind: OrganisationKind,
    pub website: String,
    pub description: String,
}

#[derive(Debug, Deserialize)]
pub struct DemoResource {
    pub slug: String,
    pub kind: ResourceKind,
    pub title: String,
    pub summary: String,
    pub body: String,
    pub provider: String,
    pub sectors: Vec<Sector>,
    pub topics: Vec<Topic>,
    /// Required (no default), so a resource added without them fails to
    /// parse; the tests below check each has at least one.
    pub capabilities: Vec<Capability>,
    pub level: Level,
    pub responses: Vec<LearningResponse>,
    pub audience: String,
    pub minutes: i64,
    pub cpd_hours: f64,
    pub url: String,
    pub published: NaiveDate,
    pub reviewed: NaiveDate,
    pub review_by: NaiveDate,
    pub featured: bool,
    #[serde(default)]
    pub lessons: Vec<DemoLesson>,
    /// A module's pass mark, where not the usual.
    #[serde(default)]
    pub pass_mark: Option<u8>,
}

#[derive(Debug, Deserialize)]
pub struct DemoLesson {
    pub title: String,
    pub body: String,
    /// Its knowledge check, if it has one.
    #[serde(default)]
    pub questions: Vec<Question>,
}

/// The demo catalogue, parsed.
pub fn catalogue() -> Result<Catalogue, SeedError> {
    toml::from_str(CATALOGUE).map_err(|error| SeedError::InvalidData(error.to_string()))
}

/// What seeding did.
#[derive(Debug, PartialEq, Eq)]
pub enum Seeded {
    Loaded {
        organisations: usize,
        resources: usize,
    },
    AlreadyHasData {
        resources: i64,
    },
}

/// Loads the demo catalogue into an empty database. One that already has
/// resources keeps them, except that demo resources loaded before capability
/// domains or knowledge checks existed get the demo catalogue's.
pub async fn seed(db: &Db) -> Result<Seeded, SeedError> {
    let existing = repo::count(db).await?;
    if existing > 0 {
        for demo in &catalogue()?.resources {
            repo::tag_untagged(db, &demo.slug, Capability::mask(&demo.capabilities)).await?;
            let checks: Vec<(u32, &str, &[Question])> = (1..)
                .zip(&demo.lessons)
                .filter(|(_, lesson)| !lesson.questions.is_empty())
                .map(|(position, lesson)| {
                    (position, lesson.title.as_str(), lesson.questions.as_slice())
                })
                .collect();
            if !checks.is_empty() {
                let pass_mark = demo.pass_mark.unwrap_or(DEFAULT_PASS_MARK);
                repo::add_missing_checks(db, &demo.slug, &checks, pass_mark).await?;
            }
        }
        return Ok(Seeded::AlreadyHasData {
            resources: existing,
        });
    }
    let catalogue = catalogue()?;
    let mut provider_ids = std::collections::HashMap::new();
    for demo in &catalogue.organisations {
        let organisation = Organisation {
            id: 0,
            slug: demo.slug.clone(),
            name: demo.name.clone(),
            kind: demo.kind,
            website: Some(demo.website.clone()),
            description: demo.description.clone(),
        };
        provider_ids.insert(
            demo.slug.clone(),
            organisations::repo::upsert(db, &organisation).await?,
        );
    }
    let resources = catalogue
        .resources
        .iter()
        .map(|demo| {
            let provider_id = *provider_ids.get(&demo.provider).ok_or_else(|| {
                SeedError::InvalidData(format!(
                    "{} names unknown provider {}",
                    demo.slug, demo.provider
                ))
            })?;
            Ok(NewResource {
                slug: demo.slug.clone(),
                kind: demo.kind,
                title: demo.title.clone(),
                summary: demo.summary.clone(),
                body: demo.body.clone(),
                provider_id,
                sectors: demo.sectors.clone(),
                topics: demo.topics.clone(),
                capabilities: demo.capabilities.clone(),
                responses: demo.responses.clone(),
                level: demo.level,
                audience: demo.audience.clone(),
                minutes: demo.minutes,
                cpd_hours: demo.cpd_hours,
                external_url: Some(demo.url.clone()).filter(|url| !url.is_empty()),
                published_on: Some(demo.published),
                reviewed_on: demo.reviewed,
                review_by: demo.review_by,
                status: Status::Published,
                featured: demo.featured,
                lessons: demo
                    .lessons
                    .iter()
                    .map(|lesson| NewLesson {
                        title: lesson.title.clone(),
                        body: lesson.body.clone(),
                        questions: lesson.questions.clone(),
                    })
                    .collect(),
                pass_mark: demo.pass_mark.unwrap_or(DEFAULT_PASS_MARK),
            })
        })
        .collect::<Result<Vec<_>, SeedError>>()?;
    repo::insert_many(db, &resources).await?;
    repo::rebuild_search_terms(db).await?;
    Ok(Seeded::Loaded {
        organisations: catalogue.organisations.len(),
        resources: resources.len(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demo_modules_have_knowledge_checks_that_could_be_saved() {
        let catalogue = catalogue().expect("the demo catalogue parses");
        let with_checks: Vec<&DemoResource> = catalogue
            .resources
            .iter()
            .filter(|r| r.lessons.iter().any(|lesson| !lesson.questions.is_empty()))
            .collect();
        assert!(with_checks.len() >= 2, "two demo modules have checks");
        for resource in &with_checks {
            assert_eq!(resource.kind, ResourceKind::Module);
            for lesson in &resource.lessons {
                app::resources::questions::check_questions(&lesson.questions)
                    .unwrap_or_else(|problem| panic!("{}: {problem}", resource.slug));
            }
        }
        assert!(
            with_checks.iter().any(|r| r.pass_mark.is_some()),
            "one shows a pass mark of its own"
        );
    }

    #[test]
    fn the_demo_catalogue_is_broad_enough() {
        let catalogue = catalogue().expect("the demo catalogue parses");
        assert!(catalogue.organisations.len() >= 8);
        assert!(catalogue.resources.len() >= 60);
        let with = |sector: Sector| {
            catalogue
                .resources
                .iter()
                .filter(|r| r.sectors.contains(&sector))
                .count()
        };
        assert!(with(Sector::PrimaryCare) >= 10);
        assert!(with(Sector::MentalHealth) >= 10);
        for sector in Sector::ALL {
            assert!(with(*sector) > 0, "no demo resource for {sector}");
        }
        for kind in ResourceKind::ALL {
            assert!(
                catalogue.resources.iter().any(|r| r.kind == *kind),
                "no demo {kind}"
            );
        }
        let modules_with_lessons = catalogue
            .resources
            .iter()
            .filter(|r| r.kind == ResourceKind::Module && r.lessons.len() >= 3)
            .count();
        assert!(modules_with_lessons >= 4);
        for resource in &catalogue.resources {
            assert!(
                resource.kind == ResourceKind::Module || resource.lessons.is_empty(),
                "{}",
                resource.slug
            );
            assert_eq!(
                resource.kind == ResourceKind::Signposted,
                !resource.url.is_empty(),
                "{}",
                resource.slug
            );
            assert!(resource.reviewed < resource.review_by, "{}", resource.slug);
        }
        let mut slugs: Vec<&str> = catalogue
            .resources
            .iter()
            .map(|r| r.slug.as_str())
            .collect();
        slugs.sort_unstable();
        slugs.dedup();
        assert_eq!(slugs.len(), catalogue.resources.len(), "slugs are unique");
    }

    /// Members' self-assessments recommend demo resources by capability
    /// domain and level, so every resource names its domains and no
    /// domain is left without something to recommend.
    #[test]
    fn every_demo_resource_has_capability_domains_and_every_domain_has_resources() {
        let catalogue = catalogue().expect("the demo catalogue parses");
        for resource in &catalogue.resources {
            assert!(
                (1..=3).contains(&resource.capabilities.len()),
                "{} should name one to three capability domains",
                resource.slug
            );
            let mut distinct = resource.capabilities.clone();
            distinct.sort_unstable();
            distinct.dedup();
            assert_eq!(
                distinct.len(),
                resource.capabilities.len(),
                "{} names a capability domain twice",
                resource.slug
            );
        }
        for capability in Capability::ALL {
            for level in Level::ALL {
                assert!(
                    catalogue
                        .resources
                        .iter()
                        .any(|r| r.level == *level && r.capabilities.contains(capability)),
                    "no {level} demo resource for {capability}"
                );
            }
        }
    }

    #[test]
    fn a_demo_resource_without_capability_domains_is_refused() {
        let without = CATALOGUE.replacen("\ncapabilities = [", "\n# capabilities = [", 1);
        let error = toml::from_str::<Catalogue>(&without).unwrap_err();
        assert!(
            error.to_string().contains("missing field `capabilities`"),
            "{error}"
        );
    }
}
