//! "Was this useful?": what a member answers, how answers add up, and when
//! a resource's page shows the count. Plain rules, shared by server and
//! client.

use serde::{Deserialize, Serialize};

use crate::forms::FieldErrors;
use crate::vocabulary::Sector;

/// The longest comment kept with an answer.
pub const MAX_COMMENT_CHARS: usize = 500;

/// A resource's page shows how many found it useful only from this many
/// answers: fewer say little, and could point at the few who answered.
pub const COUNT_SHOWN_FROM: i64 = 5;

/// The form as posted.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct UsefulInput {
    pub useful: String,
    pub comment: String,
    /// "remove" from the button that withdraws the answer.
    pub action: String,
}

/// A member's answer about one resource.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Answer {
    pub useful: bool,
    pub comment: String,
}

/// The answer in a form, or each field's message.
pub fn parse_answer(input: &UsefulInput) -> Result<Answer, FieldErrors> {
    let mut problems = FieldErrors::new();
    let useful = match input.useful.trim() {
        "yes" => Some(true),
        "no" => Some(false),
        _ => {
            problems.push((
                "useful",
                "Select yes if this resource was useful to you, or no".into(),
            ));
            None
        }
    };
    let comment = input.comment.trim();
    if comment.chars().count() > MAX_COMMENT_CHARS {
        problems.push((
            "comment",
            format!("Your comment must be {MAX_COMMENT_CHARS} characters or fewer"),
        ));
    }
    match useful {
        Some(useful) if problems.is_empty() => Ok(Answer {
            useful,
            comment: comment.to_string(),
        }),
        _ => Err(problems),
    }
}

/// Answers added up: how many said yes and how many no.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tally {
    pub yes: i64,
    pub no: i64,
}

impl Tally {
    pub fn add(&mut self, useful: bool) {
        if useful {
            self.yes += 1;
        } else {
            self.no += 1;
        }
    }

    pub fn answers(self) -> i64 {
        self.yes + self.no
    }

    /// The share who said yes, as a whole percentage (None with no answers).
    pub fn percent_useful(self) -> Option<i64> {
        let answers = self.answers();
        (answers > 0).then(|| (self.yes * 100 + answers / 2) / answers)
    }

    /// What a resource's page says, once there are enough answers.
    pub fn public_line(self) -> Option<String> {
        let answers = self.answers();
        (answers >= COUNT_SHOWN_FROM).then(|| {
            format!(
                "{} of {answers} members who answered found this resource useful.",
                self.yes
            )
        })
    }
}

/// Usefulness among members of one sector (None: members who gave none).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SectorTally {
    pub sector: Option<Sector>,
    pub tally: Tally,
}

impl SectorTally {
    pub fn label(&self) -> &'static str {
        self.sector.map_or("No sector given", Sector::label)
    }
}

/// Answers (the member's sectors as a bit mask, and the answer) by sector,
/// in the sectors' order, then those who gave none. A member working in two
/// sectors counts in both; sectors nobody answered from are left out.
pub fn by_sector(answers: &[(i64, bool)]) -> Vec<SectorTally> {
    let mut rows: Vec<SectorTally> = Sector::ALL
        .iter()
        .map(|&sector| Some(sector))
        .chain([None])
        .map(|sector| SectorTally {
            sector,
            tally: Tally::default(),
        })
        .collect();
    for &(mask, useful) in answers {
        for row in &mut rows {
            let counts = match row.sector {
                Some(sector) => mask & sector.bit() != 0,
                None => Sector::from_mask(mask).is_empty(),
            };
            if counts {
                row.tally.add(useful);
            }
        }
    }
    rows.retain(|row| row.tally.answers() > 0);
    rows
}

/// One resource's line in the curators' report.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResourceUsefulness {
    pub slug: String,
    pub title: String,
    pub tally: Tally,
    pub comments: i64,
}

/// A comment as curators see it: the answer, the words, and who in the
/// terms the member gave when they answered (never their name).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UsefulnessComment {
    pub useful: bool,
    pub comment: String,
    pub role_title: String,
    pub sectors: Vec<Sector>,
    pub answered_on: String,
}

/// The curators' report: across the catalogue by sector, and each resource
/// with answers, least useful first.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct UsefulnessReport {
    pub by_sector: Vec<SectorTally>,
    pub resources: Vec<ResourceUsefulness>,
}

/// One resource's answers for curators.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResourceUsefulnessDetail {
    pub slug: String,
    pub title: String,
    pub tally: Tally,
    pub by_sector: Vec<SectorTally>,
    pub comments: Vec<UsefulnessComment>,
}

/// Least useful first (by share, then more answers first), so the
/// resources that most need a curator's look lead the report.
pub fn least_useful_first(resources: &mut [ResourceUsefulness]) {
    resources.sort_by(|a, b| {
        let share = |r: &ResourceUsefulness| r.tally.yes * 1000 / r.tally.answers().max(1);
        share(a)
            .cmp(&share(b))
            .then(b.tally.answers().cmp(&a.tally.answers()))
            .then(a.title.cmp(&b.title))
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(useful: &str, comment: &str) -> UsefulInput {
        UsefulInput {
            useful: useful.into(),
            comment: comment.into(),
            action: String::new(),
        }
    }

    #[test]
    fn an_answer_is_yes_or_no_with_an_optional_comment() {
        assert_eq!(
            parse_answer(&input("yes", "  Clear and practical. ")),
            Ok(Answer {
                useful: true,
                comment: "Clear and practical.".into()
            })
        );
        assert_eq!(
            parse_answer(&input(" no ", "")),
            Ok(Answer {
                useful: false,
                comment: String::new()
            })
        );
    }

    #[test]
    fn a_missing_or_strange_answer_and_a_long_comment_are_refused_together() {
        for useful in ["", "maybe", "YES", "1", "<script>"] {
            let problems = parse_answer(&input(useful, "")).unwrap_err();
            assert_eq!(problems.len(), 1, "{useful}");
            assert_eq!(problems[0].0, "useful");
        }
        let long = "é".repeat(MAX_COMMENT_CHARS + 1);
        let problems = parse_answer(&input("", &long)).unwrap_err();
        let fields: Vec<&str> = problems.iter().map(|(field, _)| *field).collect();
        assert_eq!(fields, ["useful", "comment"]);
        assert!(parse_answer(&input("no", &"é".repeat(MAX_COMMENT_CHARS))).is_ok());
    }

    #[test]
    fn the_page_shows_the_count_from_five_answers() {
        assert_eq!(Tally { yes: 4, no: 0 }.public_line(), None);
        assert_eq!(
            Tally { yes: 3, no: 2 }.public_line().as_deref(),
            Some("3 of 5 members who answered found this resource useful.")
        );
    }

    #[test]
    fn shares_round_to_the_nearest_percent() {
        assert_eq!(Tally::default().percent_useful(), None);
        assert_eq!(Tally { yes: 2, no: 1 }.percent_useful(), Some(67));
        assert_eq!(Tally { yes: 1, no: 2 }.percent_useful(), Some(33));
        assert_eq!(Tally { yes: 1, no: 1 }.percent_useful(), Some(50));
    }

    #[test]
    fn answers_count_in_each_of_the_members_sectors_and_none_given_comes_last() {
        let primary = Sector::PrimaryCare.bit();
        let mental = Sector::MentalHealth.bit();
        let rows = by_sector(&[(primary | mental, false), (primary, true), (0, true)]);
        let shown: Vec<(&str, i64, i64)> = rows
            .iter()
            .map(|row| (row.label(), row.tally.yes, row.tally.no))
            .collect();
        let mut expected = vec![
            (Sector::PrimaryCare.label(), 1, 1),
            (Sector::MentalHealth.label(), 0, 1),
        ];
        expected.sort_by_key(|(label, _, _)| {
            Sector::ALL
                .iter()
                .position(|sector| sector.label() == *label)
        });
        expected.push(("No sector given", 1, 0));
        assert_eq!(shown, expected);
        assert!(by_sector(&[]).is_empty());
    }

    #[test]
    fn the_least_useful_resources_lead_the_report() {
        let line = |title: &str, yes, no| ResourceUsefulness {
            slug: title.into(),
            title: title.into(),
            tally: Tally { yes, no },
            comments: 0,
        };
        let mut resources = vec![
            line("a", 9, 1),
            line("b", 1, 1),
            line("c", 5, 5),
            line("d", 0, 1),
        ];
        least_useful_first(&mut resources);
        let order: Vec<&str> = resources.iter().map(|r| r.title.as_str()).collect();
        assert_eq!(order, ["d", "c", "b", "a"]);
    }
}
