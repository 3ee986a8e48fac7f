//! What the contribution pages show: the editor, a resource's review page,
//! the review queue and "my contributions".

use serde::{Deserialize, Serialize};

use super::duplicates::PossibleDuplicate;
use super::workflow::{Stage, Step};
use crate::resources::questions::Question;
use crate::vocabulary::{ResourceKind, Sector};

/// The editor for a new or existing resource.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EditorData {
    /// `None` for a new resource.
    pub slug: Option<String>,
    pub stage: Stage,
    /// The fields as saved, or as just posted when the post failed or asked
    /// for a preview.
    pub values: Vec<(String, String)>,
    /// Organisations to choose the provider from: (slug, name).
    pub providers: Vec<(String, String)>,
    /// The body as it will look, sanitised.
    pub preview_html: String,
    pub lessons: Vec<String>,
    /// Why the viewer cannot change it now, if they cannot.
    pub locked: Option<String>,
    /// The latest version's number, sent back with a save so that one made
    /// over someone else's newer change is refused.
    pub version: i64,
}

/// The value of the field `name` among a form's `values` (empty if none).
fn value_of(values: &[(String, String)], name: &str) -> String {
    values
        .iter()
        .find(|(field, _)| field == name)
        .map(|(_, value)| value.clone())
        .unwrap_or_default()
}

impl EditorData {
    pub fn value(&self, name: &str) -> String {
        value_of(&self.values, name)
    }

    pub fn values_of(&self, name: &str) -> Vec<String> {
        self.values
            .iter()
            .filter(|(field, _)| field == name)
            .map(|(_, value)| value.clone())
            .collect()
    }
}

/// A lesson's editor.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LessonEditorData {
    pub slug: String,
    pub resource_title: String,
    /// `None` for a new lesson.
    pub position: Option<u32>,
    pub title: String,
    /// Blank while a question is edited: that page shows no lesson text.
    pub body: String,
    pub preview_html: String,
    pub version: i64,
    /// Its knowledge check as saved.
    pub questions: Vec<QuestionSummary>,
    /// The question being edited (`?question=`), shown instead of the
    /// lesson's form.
    pub question: Option<QuestionEditor>,
}

/// A knowledge-check question as the lesson editor lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuestionSummary {
    pub prompt: String,
    pub answers: u32,
}

/// The question editor of a lesson.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuestionEditor {
    /// Its number in the lesson, from 1; `None` for a new question.
    pub number: Option<u32>,
    /// Its fields as saved, or as just posted when the post was refused.
    pub values: Vec<(String, String)>,
}

impl QuestionEditor {
    pub fn value(&self, name: &str) -> String {
        value_of(&self.values, name)
    }
}

/// A lesson as the review page shows it: its title and its knowledge check,
/// which curators review with the module.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LessonReview {
    pub title: String,
    pub questions: Vec<Question>,
}

/// One change of stage, for the record on the review page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkflowEvent {
    pub what: String,
    pub who: String,
    pub when: String,
    pub note: String,
    /// A curator's feedback or reason the proposer must see.
    pub is_feedback: bool,
}

/// A resource's review page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ContributionOverview {
    pub slug: String,
    pub title: String,
    pub kind: ResourceKind,
    pub stage: Stage,
    pub proposer: String,
    pub summary: String,
    pub body_html: String,
    pub lessons: Vec<LessonReview>,
    /// A module's pass mark for its knowledge checks, per cent.
    pub pass_mark: u8,
    /// Feedback or a reason from the last curator decision, if any.
    pub feedback: Option<WorkflowEvent>,
    pub events: Vec<WorkflowEvent>,
    pub steps: Vec<Step>,
    pub may_edit: bool,
    pub is_curator: bool,
    /// The latest version's number.
    pub version: i64,
    pub duplicates: Vec<PossibleDuplicate>,
}

/// A row of the review queue or of "my contributions".
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContributionRow {
    pub slug: String,
    pub title: String,
    pub kind: ResourceKind,
    pub stage: Stage,
    pub proposer: String,
    pub sectors: Vec<Sector>,
    /// When it reached its stage, in words ("3 days ago").
    pub since: String,
    pub days_waiting: i64,
    /// The last curator feedback or reason, for the proposer.
    pub feedback: String,
}

/// How long a submission has waited.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Waiting {
    #[default]
    Any,
    OverAWeek,
    OverAMonth,
}

impl Waiting {
    pub const ALL: [Waiting; 3] = [Waiting::Any, Waiting::OverAWeek, Waiting::OverAMonth];

    pub fn slug(self) -> &'static str {
        match self {
            Waiting::Any => "",
            Waiting::OverAWeek => "7",
            Waiting::OverAMonth => "30",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Waiting::Any => "Any time",
            Waiting::OverAWeek => "More than 7 days",
            Waiting::OverAMonth => "More than 30 days",
        }
    }

    pub fn days(self) -> i64 {
        match self {
            Waiting::Any => 0,
            Waiting::OverAWeek => 7,
            Waiting::OverAMonth => 30,
        }
    }
}

/// The review queue's filters, as the URL carries them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueFilters {
    pub kind: Option<ResourceKind>,
    pub sector: Option<Sector>,
    pub waiting: Waiting,
}

impl QueueFilters {
    /// Reads the filters from the query string; unknown values are
    /// reported, not ignored.
    pub fn parse(kind: &str, sector: &str, waiting: &str) -> Result<QueueFilters, String> {
        let kind = match kind {
            "" => None,
            slug => Some(ResourceKind::parse(slug)?),
        };
        let sector = match sector {
            "" => None,
            slug => Some(Sector::parse(slug)?),
        };
        let waiting = Waiting::ALL
            .into_iter()
            .find(|option| option.slug() == waiting)
            .ok_or_else(|| format!("'{waiting}' is not a choice for how long it has waited"))?;
        Ok(QueueFilters {
            kind,
            sector,
            waiting,
        })
    }
}
