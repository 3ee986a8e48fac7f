use serde::{Deserialize, Serialize};

use crate::dates::Day;

use crate::resources::search::Highlighted;
use crate::vocabulary::{LearningResponse, Level, ResourceKind, Sector, Topic};

/// An organisation as named on a resource.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrganisationRef {
    pub slug: String,
    pub name: String,
}

/// What a list of resources shows about each one.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ResourceCard {
    pub slug: String,
    pub kind: ResourceKind,
    pub title: String,
    pub summary: String,
    /// Where the search terms matched, when there were search terms.
    pub snippet: Option<Highlighted>,
    pub provider: OrganisationRef,
    pub level: Level,
    /// To the client as a bit mask (see [`crate::vocabulary::as_mask`]).
    #[serde(with = "crate::vocabulary::as_mask")]
    pub sectors: Vec<Sector>,
    pub minutes: u32,
    pub published_on: Option<Day>,
}

/// A resource named in a short list: a link, what kind it is and how long
/// it takes (a self-assessment's recommendations).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResourceLink {
    pub slug: String,
    pub title: String,
    pub kind: ResourceKind,
    pub minutes: u32,
}

/// A lesson's place in its module.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LessonTitle {
    pub position: u32,
    pub title: String,
}

/// Everything the resource page shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ResourceDetail {
    pub card: ResourceCard,
    /// Sanitised HTML rendered from the Markdown body.
    pub body_html: String,
    #[serde(with = "crate::vocabulary::as_mask")]
    pub topics: Vec<Topic>,
    #[serde(with = "crate::vocabulary::as_mask")]
    pub responses: Vec<LearningResponse>,
    pub audience: String,
    /// CPD hours as shown ("1.5 hours"), when the resource counts for any:
    /// formatted by the server, so the client carries no float formatting.
    pub cpd: Option<String>,
    pub external_url: Option<String>,
    pub reviewed_on: Day,
    pub review_by: Day,
    pub related: Vec<ResourceCard>,
}

/// One lesson of a module, with the module's outline for navigation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LessonPage {
    pub module_slug: String,
    pub module_title: String,
    pub position: u32,
    pub title: String,
    pub body_html: String,
    pub lessons: Vec<LessonTitle>,
}

/// Minutes as people say them: "45 minutes", "1 hour 30 minutes".
pub fn format_minutes(minutes: u32) -> String {
    let plural = |n: u32, word: &str| {
        if n == 1 {
            format!("1 {word}")
        } else {
            format!("{n} {word}s")
        }
    };
    match (minutes / 60, minutes % 60) {
        (0, m) => plural(m, "minute"),
        (h, 0) => plural(h, "hour"),
        (h, m) => format!("{} {}", plural(h, "hour"), plural(m, "minute")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_naturally() {
        assert_eq!(format_minutes(1), "1 minute");
        assert_eq!(format_minutes(45), "45 minutes");
        assert_eq!(format_minutes(60), "1 hour");
        assert_eq!(format_minutes(150), "2 hours 30 minutes");
    }
}
