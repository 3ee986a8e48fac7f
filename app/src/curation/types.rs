//! Curation values shared by server and browser.

use serde::{Deserialize, Serialize};

/// A search that found nothing, and how often people made it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MissedSearch {
    pub query: String,
    pub searches: i64,
    /// The day it was last made, `YYYY-MM-DD`.
    pub last_seen: String,
}

/// A published resource due for review.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReviewDue {
    pub slug: String,
    pub title: String,
    pub provider: String,
    pub reviewed_on: String,
    pub review_by: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ReviewDates {
    /// Past their review-by date, oldest first.
    pub overdue: Vec<ReviewDue>,
    /// Due within the next 30 days, soonest first.
    pub due_soon: Vec<ReviewDue>,
    pub today: String,
}

/// What the last check of an external link found.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LinkOutcome {
    /// 2xx.
    Ok,
    /// 3xx: the page has moved; the record should point at the new address.
    Redirected,
    /// 404 or 410: the page is gone.
    Broken,
    /// No answer in time, even after a retry.
    Timeout,
    /// Any other failure: 5xx after a retry, refused connection, bad TLS…
    Error,
}

impl LinkOutcome {
    pub fn slug(self) -> &'static str {
        match self {
            LinkOutcome::Ok => "ok",
            LinkOutcome::Redirected => "redirected",
            LinkOutcome::Broken => "broken",
            LinkOutcome::Timeout => "timeout",
            LinkOutcome::Error => "error",
        }
    }

    pub fn parse(slug: &str) -> Option<Self> {
        [
            LinkOutcome::Ok,
            LinkOutcome::Redirected,
            LinkOutcome::Broken,
            LinkOutcome::Timeout,
            LinkOutcome::Error,
        ]
        .into_iter()
        .find(|outcome| outcome.slug() == slug)
    }

    pub fn label(self) -> &'static str {
        match self {
            LinkOutcome::Ok => "Working",
            LinkOutcome::Redirected => "Moved",
            LinkOutcome::Broken => "Not found",
            LinkOutcome::Timeout => "No answer",
            LinkOutcome::Error => "Failing",
        }
    }
}

/// A link that needs a curator's attention.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LinkProblem {
    pub slug: String,
    pub title: String,
    pub url: String,
    pub outcome: LinkOutcome,
    pub status_code: Option<i64>,
    pub detail: String,
    pub checked_at: i64,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct LinkReport {
    pub problems: Vec<LinkProblem>,
    pub checked: i64,
    pub working: i64,
    /// Unix seconds of the most recent check, if any.
    pub last_checked_at: Option<i64>,
}
