//! The demo network's learning records (`[[learning]]` in
//! `server/demo/network.toml`): modules completed some days ago, modules
//! under way, and CPD logged by hand. Completions go through the same
//! repository call as a member's "mark as done" (with the knowledge checks
//! answered right), so each gets its CPD entry and certificate.

use app::db::Db;
use app::learning::cpd::{parse_cpd, CpdInput};
use app::learning::repo;
use serde::Deserialize;

use super::SeedError;

#[derive(Debug, Deserialize)]
pub struct DemoLearning {
    pub member: String,
    /// (module slug, days ago).
    #[serde(default)]
    pub completed: Vec<(String, i64)>,
    /// (module slug, lessons done from the first).
    #[serde(default)]
    pub started: Vec<(String, u32)>,
    #[serde(default)]
    pub cpd: Vec<DemoCpd>,
}

#[derive(Debug, Deserialize)]
pub struct DemoCpd {
    pub title: String,
    pub days_ago: i64,
    pub hours: f64,
    pub activity: String,
    pub what: String,
    pub so_what: String,
    pub now_what: String,
}

/// Seeds `record` for the member with id `user_id`. A module the database
/// does not have (a network loaded beside another catalogue) is skipped.
pub async fn seed(db: &Db, user_id: i64, record: &DemoLearning) -> Result<(), SeedError> {
    let now = chrono::Utc::now();
    let invalid =
        |what: String| SeedError::InvalidData(format!("learning of {}: {what}", record.member));
    for (slug, days_ago) in &record.completed {
        let Some(module) = repo::taken_module(db, slug).await? else {
            continue;
        };
        let when = now - chrono::Duration::days(*days_ago);
        for &position in &module.lessons {
            // A demo member who completed a module answered its checks
            // right (each question's right answer, counted from one).
            let chosen: Vec<u32> = module
                .questions(position)
                .iter()
                .map(|question| question.correct as u32 + 1)
                .collect();
            repo::mark_done(db, user_id, &module, position, &chosen, when.timestamp()).await?;
        }
    }
    for (slug, done) in &record.started {
        let Some(module) = repo::taken_module(db, slug).await? else {
            continue;
        };
        if *done as usize >= module.lessons.len() {
            return Err(invalid(format!("{slug} would be complete")));
        }
        let when = now - chrono::Duration::days(3);
        for &position in module.lessons.iter().take(*done as usize) {
            repo::mark_done(db, user_id, &module, position, &[], when.timestamp()).await?;
        }
    }
    for entry in &record.cpd {
        let on = (now - chrono::Duration::days(entry.days_ago)).date_naive();
        let draft = parse_cpd(
            &CpdInput {
                title: entry.title.clone(),
                done_on: on.to_string(),
                hours: entry.hours.to_string(),
                activity: entry.activity.clone(),
                what: entry.what.clone(),
                so_what: entry.so_what.clone(),
                now_what: entry.now_what.clone(),
            },
            now.date_naive(),
        )
        .map_err(|errors| invalid(format!("{errors:?}")))?;
        repo::add_cpd(db, user_id, &draft, now.timestamp()).await?;
    }
    Ok(())
}
