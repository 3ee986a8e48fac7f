//! What a contributor writes: a resource's content and metadata, parsed
//! from the editor's form into values known to be valid (each problem
//! named against its field), and stored whole as each revision.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::resources::questions::{Question, DEFAULT_PASS_MARK};
use crate::vocabulary::{Capability, LearningResponse, Level, ResourceKind, Sector, Topic};

pub const MAX_TITLE_CHARS: usize = 200;
pub const MAX_SUMMARY_CHARS: usize = 600;
pub const MAX_BODY_CHARS: usize = crate::forms::MAX_MARKDOWN_CHARS;
// A failed save shows everything typed again: the form layer keeps more.
#[cfg(feature = "ssr")]
const _: () = assert!(MAX_BODY_CHARS < crate::web::form::MAX_KEPT_CHARS);
pub const MAX_AUDIENCE_CHARS: usize = 300;
pub const MAX_LESSON_TITLE_CHARS: usize = 200;
pub const MAX_SLUG_CHARS: usize = 100;
/// A fortnight of study is the longest anything in the catalogue takes.
pub const MAX_MINUTES: u32 = 20_000;

/// One lesson of a module.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct LessonDraft {
    pub title: String,
    pub body: String,
    /// Its knowledge check (none in revisions saved before checks existed).
    #[serde(default)]
    pub questions: Vec<Question>,
}

/// A resource as its editor holds it: everything one revision stores.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ResourceDraft {
    pub kind: ResourceKind,
    pub title: String,
    pub summary: String,
    pub body: String,
    /// The providing organisation's slug.
    pub provider: String,
    pub sectors: Vec<Sector>,
    pub topics: Vec<Topic>,
    /// Revisions saved before capability domains existed have none.
    #[serde(default)]
    pub capabilities: Vec<Capability>,
    pub responses: Vec<LearningResponse>,
    pub level: Level,
    pub audience: String,
    pub minutes: u32,
    pub cpd_hours: f64,
    pub external_url: Option<String>,
    pub reviewed_on: NaiveDate,
    pub review_by: NaiveDate,
    #[serde(default)]
    pub lessons: Vec<LessonDraft>,
    /// A module's pass mark for its knowledge checks, per cent.
    #[serde(default = "default_pass_mark")]
    pub pass_mark: u8,
}

fn default_pass_mark() -> u8 {
    DEFAULT_PASS_MARK
}

use crate::forms::FieldErrors;

/// The editor's form as posted: each field as typed, and every ticked value
/// of the checkboxes (`sector`, `topic`, `capability`, `response`). [`ResourceDraft::parse`]
/// turns it into values known to be valid.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct DraftInput {
    pub kind: String,
    pub title: String,
    pub summary: String,
    pub body: String,
    pub provider: String,
    pub sector: Vec<String>,
    pub topic: Vec<String>,
    pub capability: Vec<String>,
    pub response: Vec<String>,
    pub level: String,
    pub audience: String,
    pub minutes: String,
    pub cpd_hours: String,
    pub external_url: String,
    pub reviewed_on: String,
    pub review_by: String,
    pub pass_mark: String,
}

pub(super) fn required_text(
    problems: &mut FieldErrors,
    field: &'static str,
    what: &str,
    raw: &str,
    max: usize,
) -> String {
    let text = raw.trim();
    let chars = text.chars().count();
    if chars == 0 {
        problems.push((field, format!("Enter {what}")));
    } else if chars > max {
        problems.push((
            field,
            format!(
                "{} must be {max} characters or fewer (it is {chars})",
                capitalise(what)
            ),
        ));
    }
    text.to_string()
}

fn capitalise(what: &str) -> String {
    let what = what.trim_start_matches("a ").trim_start_matches("the ");
    let mut chars = what.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

fn date(problems: &mut FieldErrors, field: &'static str, what: &str, raw: &str) -> NaiveDate {
    match NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d") {
        Ok(date) => date,
        Err(_) => {
            if raw.trim().is_empty() {
                problems.push((field, format!("Enter the date {what}")));
            } else {
                problems.push((
                    field,
                    format!("The date {what} must be a real date, for example 2026-03-31"),
                ));
            }
            NaiveDate::default()
        }
    }
}

fn choices<T: Copy>(raw: &[String], parse: fn(&str) -> Option<T>) -> Result<Vec<T>, String> {
    raw.iter()
        .map(|slug| parse(slug).ok_or_else(|| format!("'{slug}' is not one of the choices")))
        .collect()
}

impl ResourceDraft {
    /// Parses the editor's input; `providers` are the organisations'
    /// slugs. Lessons are edited on their own pages and come from `lessons`.
    pub fn parse(
        input: &DraftInput,
        providers: &[String],
        lessons: Vec<LessonDraft>,
    ) -> Result<ResourceDraft, FieldErrors> {
        let mut problems = FieldErrors::new();
        let kind = ResourceKind::from_slug(input.kind.as_str());
        if kind.is_none() {
            problems.push(("kind", "Select what kind of resource this is".into()));
        }
        let title = required_text(
            &mut problems,
            "title",
            "a title",
            input.title.as_str(),
            MAX_TITLE_CHARS,
        );
        let summary = required_text(
            &mut problems,
            "summary",
            "a summary",
            input.summary.as_str(),
            MAX_SUMMARY_CHARS,
        );
        let body = input.body.as_str().replace("\r\n", "\n");
        let body_chars = body.chars().count();
        if body_chars > MAX_BODY_CHARS {
            problems.push((
                "body",
                format!(
                    "The content must be {MAX_BODY_CHARS} characters or fewer (it is {body_chars})"
                ),
            ));
        }
        let provider = input.provider.as_str().to_string();
        if !providers.contains(&provider) {
            problems.push((
                "provider",
                "Select the organisation that provides it".into(),
            ));
        }
        let sectors = choices(&input.sector, Sector::from_slug).unwrap_or_else(|problem| {
            problems.push(("sectors", problem));
            Vec::new()
        });
        if sectors.is_empty() && !problems.iter().any(|(name, _)| *name == "sectors") {
            problems.push(("sectors", "Select at least one sector it is for".into()));
        }
        let topics = choices(&input.topic, Topic::from_slug).unwrap_or_else(|problem| {
            problems.push(("topics", problem));
            Vec::new()
        });
        let capabilities =
            choices(&input.capability, Capability::from_slug).unwrap_or_else(|problem| {
                problems.push(("capabilities", problem));
                Vec::new()
            });
        let responses =
            choices(&input.response, LearningResponse::from_slug).unwrap_or_else(|problem| {
                problems.push(("responses", problem));
                Vec::new()
            });
        let level = Level::from_slug(input.level.as_str()).unwrap_or_else(|| {
            problems.push(("level", "Select the level it is written for".into()));
            Level::Foundation
        });
        let audience = input.audience.as_str().trim().to_string();
        if audience.chars().count() > MAX_AUDIENCE_CHARS {
            problems.push((
                "audience",
                format!("Who it is for must be {MAX_AUDIENCE_CHARS} characters or fewer"),
            ));
        }
        let minutes = match input.minutes.as_str().trim().parse::<u32>() {
            Ok(minutes) if (1..=MAX_MINUTES).contains(&minutes) => minutes,
            Ok(_) => {
                problems.push((
                    "minutes",
                    format!("Time to complete must be between 1 and {MAX_MINUTES} minutes"),
                ));
                0
            }
            Err(_) if input.minutes.as_str().trim().is_empty() => {
                problems.push(("minutes", "Enter how many minutes it takes".into()));
                0
            }
            Err(_) => {
                problems.push((
                    "minutes",
                    "Time to complete must be a whole number of minutes, like 45".into(),
                ));
                0
            }
        };
        let cpd_raw = input.cpd_hours.as_str().trim();
        let cpd_hours = if cpd_raw.is_empty() {
            0.0
        } else {
            match cpd_raw.parse::<f64>() {
                Ok(hours) if hours.is_finite() && (0.0..=100.0).contains(&hours) => hours,
                _ => {
                    problems.push((
                        "cpd_hours",
                        "CPD hours must be a number between 0 and 100, like 1.5".into(),
                    ));
                    0.0
                }
            }
        };
        let url = input.external_url.as_str().trim();
        let external_url = if url.is_empty() {
            if kind == Some(ResourceKind::Signposted) {
                problems.push((
                    "external_url",
                    "Enter the address of the resource you are signposting".into(),
                ));
            }
            None
        } else {
            if !is_web_address(url) {
                problems.push((
                    "external_url",
                    "Enter a web address that starts with https://, like https://www.hssib.org.uk/"
                        .into(),
                ));
            }
            Some(url.to_string())
        };
        let reviewed_on = date(
            &mut problems,
            "reviewed_on",
            "it was last reviewed",
            input.reviewed_on.as_str(),
        );
        let review_by = date(
            &mut problems,
            "review_by",
            "it should be reviewed by",
            input.review_by.as_str(),
        );
        if !problems.iter().any(|(name, _)| name.starts_with("review")) && review_by <= reviewed_on
        {
            problems.push((
                "review_by",
                "The review-by date must be after the date it was last reviewed".into(),
            ));
        }
        let pass_mark = match input.pass_mark.trim() {
            "" => DEFAULT_PASS_MARK,
            raw => match raw.trim_end_matches('%').trim().parse::<u8>() {
                Ok(mark) if (1..=100).contains(&mark) => mark,
                _ => {
                    problems.push((
                        "pass_mark",
                        "The pass mark must be a whole number from 1 to 100, like 70".into(),
                    ));
                    DEFAULT_PASS_MARK
                }
            },
        };
        if kind.is_some_and(|kind| kind != ResourceKind::Module) && !lessons.is_empty() {
            problems.push((
                "kind",
                "Only modules have lessons: delete its lessons first, or keep it a module".into(),
            ));
        }
        match kind {
            Some(kind) if problems.is_empty() => Ok(ResourceDraft {
                kind,
                title,
                summary,
                body,
                provider,
                sectors,
                topics,
                capabilities,
                responses,
                level,
                audience,
                minutes,
                cpd_hours,
                external_url,
                reviewed_on,
                review_by,
                lessons,
                pass_mark,
            }),
            _ => Err(problems),
        }
    }

    /// The editor's fields for this draft, as a form would send them.
    pub fn form_values(&self) -> Vec<(String, String)> {
        let mut values = vec![
            ("kind".to_string(), self.kind.slug().to_string()),
            ("title".into(), self.title.clone()),
            ("summary".into(), self.summary.clone()),
            ("body".into(), self.body.clone()),
            ("provider".into(), self.provider.clone()),
            ("level".into(), self.level.slug().to_string()),
            ("audience".into(), self.audience.clone()),
            ("minutes".into(), self.minutes.to_string()),
            ("cpd_hours".into(), format_hours(self.cpd_hours)),
            (
                "external_url".into(),
                self.external_url.clone().unwrap_or_default(),
            ),
            ("reviewed_on".into(), self.reviewed_on.to_string()),
            ("review_by".into(), self.review_by.to_string()),
            ("pass_mark".into(), self.pass_mark.to_string()),
        ];
        values.extend(
            self.sectors
                .iter()
                .map(|s| ("sector".to_string(), s.slug().to_string())),
        );
        values.extend(
            self.topics
                .iter()
                .map(|t| ("topic".to_string(), t.slug().to_string())),
        );
        values.extend(
            self.capabilities
                .iter()
                .map(|c| ("capability".to_string(), c.slug().to_string())),
        );
        values.extend(
            self.responses
                .iter()
                .map(|r| ("response".to_string(), r.slug().to_string())),
        );
        values
    }
}

pub use crate::addresses::is_web_address;

/// "1.5", "2", "0".
pub fn format_hours(hours: f64) -> String {
    let text = format!("{hours:.2}");
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// The lesson editor as posted.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct LessonInput {
    pub title: String,
    pub body: String,
}

impl LessonDraft {
    /// Parses the lesson editor's input; the lesson's knowledge check is
    /// edited question by question and comes from `questions`.
    pub fn parse(
        input: &LessonInput,
        questions: Vec<Question>,
    ) -> Result<LessonDraft, FieldErrors> {
        let mut problems = FieldErrors::new();
        let title = required_text(
            &mut problems,
            "title",
            "a title for the lesson",
            input.title.as_str(),
            MAX_LESSON_TITLE_CHARS,
        );
        let body = input.body.as_str().replace("\r\n", "\n");
        if body.trim().is_empty() {
            problems.push(("body", "Enter the lesson's content".into()));
        } else if body.chars().count() > MAX_BODY_CHARS {
            problems.push((
                "body",
                format!("The lesson must be {MAX_BODY_CHARS} characters or fewer"),
            ));
        }
        if problems.is_empty() {
            Ok(LessonDraft {
                title,
                body,
                questions,
            })
        } else {
            Err(problems)
        }
    }
}

/// A URL slug from a title: lower-case words joined by hyphens, at most
/// [`MAX_SLUG_CHARS`] long, never empty.
#[cfg(feature = "ssr")]
pub fn slug_from(title: &str) -> String {
    crate::slugs::slug_for(title, "resource")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The fields as a browser would post them, through the real decoding.
    fn posted<T: serde::de::DeserializeOwned>(pairs: &[(&str, &str)]) -> T {
        let body = form_urlencoded::Serializer::new(String::new())
            .extend_pairs(pairs)
            .finish();
        serde_html_form::from_str(&body).unwrap()
    }

    const GOOD: &[(&str, &str)] = &[
        ("kind", "toolkit"),
        ("title", "  Swarm huddles in primary care "),
        ("summary", "Run a swarm huddle the same day."),
        ("body", "## Steps\r\n\r\n1. Gather"),
        ("provider", "hssib"),
        ("sector", "primary-care"),
        ("level", "foundation"),
        ("minutes", "30"),
        ("cpd_hours", "0.5"),
        ("reviewed_on", "2026-01-10"),
        ("review_by", "2027-01-10"),
    ];

    #[test]
    fn a_good_form_parses_into_a_draft() {
        let draft = ResourceDraft::parse(&posted(GOOD), &["hssib".into()], vec![]).unwrap();
        assert_eq!(draft.title, "Swarm huddles in primary care");
        assert_eq!(draft.body, "## Steps\n\n1. Gather");
        assert_eq!(draft.sectors, vec![Sector::PrimaryCare]);
        assert_eq!(format_hours(draft.cpd_hours), "0.5");
    }

    #[test]
    fn capability_domains_are_optional_and_checked() {
        let draft = ResourceDraft::parse(&posted(GOOD), &["hssib".into()], vec![]).unwrap();
        assert!(draft.capabilities.is_empty());

        let mut ticked = GOOD.to_vec();
        ticked.extend([
            ("capability", "analysis"),
            ("capability", "systems-thinking-and-human-factors"),
        ]);
        let draft = ResourceDraft::parse(&posted(&ticked), &["hssib".into()], vec![]).unwrap();
        assert_eq!(
            draft.capabilities,
            vec![Capability::Analysis, Capability::SystemsThinking]
        );
        // What the editor shows again is what it was given.
        let shown: Vec<String> = draft
            .form_values()
            .into_iter()
            .filter(|(name, _)| name == "capability")
            .map(|(_, value)| value)
            .collect();
        assert_eq!(shown, ["analysis", "systems-thinking-and-human-factors"]);

        let mut forged = GOOD.to_vec();
        forged.push(("capability", "juggling"));
        let problems =
            ResourceDraft::parse(&posted(&forged), &["hssib".into()], vec![]).unwrap_err();
        assert_eq!(
            problems,
            vec![(
                "capabilities",
                "'juggling' is not one of the choices".to_string()
            )]
        );
    }

    #[test]
    fn revisions_saved_before_capability_domains_still_read() {
        let draft = ResourceDraft::parse(&posted(GOOD), &["hssib".into()], vec![]).unwrap();
        let mut old = serde_json::to_value(&draft).unwrap();
        old.as_object_mut().unwrap().remove("capabilities");
        let read: ResourceDraft = serde_json::from_value(old).unwrap();
        assert_eq!(read, draft);
    }

    #[test]
    fn each_problem_is_named_against_its_field() {
        let bad: &[(&str, &str)] = &[
            ("kind", "signposted"),
            ("title", ""),
            ("summary", "x"),
            ("provider", "nobody"),
            ("level", "expert"),
            ("minutes", "forty"),
            ("cpd_hours", "NaN"),
            ("reviewed_on", "2026-02-30"),
            ("review_by", "2027-01-01"),
        ];
        let problems = ResourceDraft::parse(&posted(bad), &["hssib".into()], vec![]).unwrap_err();
        let fields: Vec<&str> = problems.iter().map(|(field, _)| *field).collect();
        assert_eq!(
            fields,
            vec![
                "title",
                "provider",
                "sectors",
                "minutes",
                "cpd_hours",
                "external_url",
                "reviewed_on"
            ]
        );
    }

    #[test]
    fn slugs_are_readable() {
        assert_eq!(
            slug_from("SEIPS: a quick-start guide!"),
            "seips-a-quick-start-guide"
        );
        assert_eq!(slug_from("???"), "resource");
        assert_eq!(slug_from("Siân's guide"), "sian-s-guide");
        assert!(slug_from(&"word ".repeat(100)).len() <= MAX_SLUG_CHARS - 6);
    }
}
