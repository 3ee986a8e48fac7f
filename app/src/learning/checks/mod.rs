//! Knowledge checks as members take them: the answers a lesson's form
//! sends, parsed against its questions; where a member stands against the
//! module's pass mark. Pure rules, shared by the server (completion, the
//! lesson's check) and the client (the end of a lesson); the questions
//! themselves are catalogue content (`resources::questions`).

use serde::{Deserialize, Serialize};

use crate::resources::questions::{question_field, Question};

#[cfg(feature = "ssr")]
pub mod handlers;
#[cfg(feature = "ssr")]
pub mod panel;
#[cfg(feature = "ssr")]
pub mod repo;

/// A member's latest answer to one question of a module.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GivenAnswer {
    pub lesson: u32,
    /// 1-based, as is `chosen`.
    pub question: u32,
    pub chosen: u32,
    /// Whether it was right when given.
    pub correct: bool,
    /// The key of the question answered (`checks::repo::question_key`).
    pub question_key: String,
}

/// Where a member stands against a module's pass mark: their answers
/// across every lesson's check (a question not answered counts as not
/// right).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckStanding {
    pub right: u32,
    pub total: u32,
    /// Per cent.
    pub pass_mark: u8,
    /// The first lesson, in order, with a question not yet answered right.
    pub retry_at: Option<u32>,
}

impl CheckStanding {
    /// Whether the pass mark is met (always, for a module without checks).
    pub fn passed(&self) -> bool {
        self.total == 0
            || u64::from(self.right) * 100 >= u64::from(self.pass_mark) * u64::from(self.total)
    }

    /// The share answered right, per cent, rounded down (so 69.9% never
    /// shows as the 70% it is short of).
    pub fn percent(&self) -> u32 {
        (u64::from(self.right) * 100)
            .checked_div(u64::from(self.total))
            .map_or(100, |percent| percent as u32)
    }

    /// "4 of 6 questions right (66%); the pass mark is 70%".
    pub fn summary(&self) -> String {
        format!(
            "{} of {} questions right ({}%); the pass mark is {}%",
            self.right,
            self.total,
            self.percent(),
            self.pass_mark
        )
    }
}

/// Whether `answer` answers question `question` (1-based) of lesson
/// `lesson` as it is now (its key is `key`): an answer to a question since
/// changed, or to one that was at this place before a deletion, does not.
pub fn answers_question(answer: &GivenAnswer, lesson: u32, question: u32, key: &str) -> bool {
    answer.lesson == lesson && answer.question == question && answer.question_key == key
}

/// Where a member stands: `checks` are each lesson's position and the keys
/// of its questions, in order; answers to lessons or questions no longer
/// there, or since changed, are left out.
pub fn standing(
    checks: &[(u32, Vec<String>)],
    answers: &[GivenAnswer],
    pass_mark: u8,
) -> CheckStanding {
    let mut standing = CheckStanding {
        pass_mark,
        ..Default::default()
    };
    for (lesson, keys) in checks {
        let right = keys
            .iter()
            .zip(1..)
            .filter(|(key, question)| {
                answers.iter().any(|answer| {
                    answers_question(answer, *lesson, *question, key) && answer.correct
                })
            })
            .count() as u32;
        standing.total += keys.len() as u32;
        standing.right += right;
        if right < keys.len() as u32 && standing.retry_at.is_none() {
            standing.retry_at = Some(*lesson);
        }
    }
    standing
}

/// The lesson form's field with the keys of the questions it showed, so
/// answers to questions changed since are refused rather than counted
/// against the new ones. (Not `question-…`: those are the answers.)
pub const CHECK_KEYS_FIELD: &str = "check_keys";

/// Why a lesson's answers were refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AnswersRefused {
    /// A field for a question the lesson does not have (no page of the hub
    /// sends one).
    NoSuchQuestion,
    /// Messages against the questions' fields.
    Problems(Vec<(&'static str, String)>),
}

/// The answer chosen for each of `questions` (1-based), from the lesson
/// form's fields (`question-1` …).
pub fn parse_answers(
    questions: &[Question],
    posted: &[(String, String)],
) -> Result<Vec<u32>, AnswersRefused> {
    for (name, _) in posted {
        if let Some(number) = name.strip_prefix("question-") {
            let known = number
                .parse::<usize>()
                .is_ok_and(|n| (1..=questions.len()).contains(&n));
            if !known {
                return Err(AnswersRefused::NoSuchQuestion);
            }
        }
    }
    let mut problems = Vec::new();
    let mut chosen = Vec::with_capacity(questions.len());
    for (index, question) in questions.iter().enumerate() {
        let n = index + 1;
        let Some(field) = question_field(n) else {
            break;
        };
        let sent: Vec<&str> = posted
            .iter()
            .filter(|(name, _)| name == field)
            .map(|(_, value)| value.trim())
            .filter(|value| !value.is_empty())
            .collect();
        let message = match sent.as_slice() {
            [] => format!("Select an answer to question {n}"),
            [one] => match one.parse::<u32>() {
                Ok(answer) if (1..=question.answers.len() as u32).contains(&answer) => {
                    chosen.push(answer);
                    continue;
                }
                _ => format!("Select one of the answers given to question {n}"),
            },
            _ => format!("Select only one answer to question {n}"),
        };
        problems.push((field, message));
    }
    if problems.is_empty() {
        Ok(chosen)
    } else {
        Err(AnswersRefused::Problems(problems))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::resources::questions::Answer;

    fn question(answers: usize, correct: usize) -> Question {
        Question {
            prompt: "Which?".into(),
            answers: vec![Answer::default(); answers],
            correct,
        }
    }

    fn posted(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(name, value)| (name.to_string(), value.to_string()))
            .collect()
    }

    fn answer(lesson: u32, question: u32, correct: bool) -> GivenAnswer {
        GivenAnswer {
            lesson,
            question,
            chosen: 1,
            correct,
            question_key: format!("{lesson}.{question}"),
        }
    }

    /// Lessons and their numbers of questions, each keyed "lesson.question".
    fn checks(sizes: &[(u32, u32)]) -> Vec<(u32, Vec<String>)> {
        sizes
            .iter()
            .map(|&(lesson, count)| {
                (
                    lesson,
                    (1..=count).map(|q| format!("{lesson}.{q}")).collect(),
                )
            })
            .collect()
    }

    #[test]
    fn the_pass_mark_is_met_across_every_lesson_of_the_module() {
        let checks = checks(&[(1, 2), (3, 2)]);
        let none = standing(&checks, &[], 70);
        assert_eq!((none.right, none.total, none.retry_at), (0, 4, Some(1)));
        assert!(!none.passed());
        let three = [
            answer(1, 1, true),
            answer(1, 2, true),
            answer(3, 1, true),
            answer(3, 2, false),
        ];
        let got = standing(&checks, &three, 70);
        assert_eq!((got.right, got.total, got.retry_at), (3, 4, Some(3)));
        assert!(got.passed(), "75% meets 70%");
        assert!(!standing(&checks, &three, 80).passed());
        assert_eq!(
            got.summary(),
            "3 of 4 questions right (75%); the pass mark is 70%"
        );
        // Answers to a lesson or question since removed do not count.
        let stale = [answer(2, 1, true), answer(1, 5, true)];
        assert_eq!(standing(&checks, &stale, 70).right, 0);
        // Without checks there is nothing to pass.
        let nothing = standing(&[], &[], 70);
        // An answer to a question since changed (another key) is asked again.
        let mut changed = three.to_vec();
        changed[0].question_key = "an older question".into();
        assert_eq!(standing(&checks, &changed, 70).right, 2);
        assert!(nothing.passed());
        assert_eq!(nothing.percent(), 100);
    }

    #[test]
    fn a_share_just_short_of_the_mark_is_not_rounded_up() {
        let mark = CheckStanding {
            right: 2,
            total: 3,
            pass_mark: 67,
            retry_at: None,
        };
        assert!(!mark.passed(), "66.7% is short of 67%");
        assert_eq!(mark.percent(), 66);
    }

    #[test]
    fn each_question_needs_one_of_its_answers() {
        let questions = [question(3, 0), question(2, 1)];
        assert_eq!(
            parse_answers(
                &questions,
                &posted(&[("question-1", "3"), ("question-2", "1")])
            ),
            Ok(vec![3, 1])
        );
        let refused = parse_answers(
            &questions,
            &posted(&[("question-1", "4"), ("csrf_token", "x")]),
        );
        assert_eq!(
            refused,
            Err(AnswersRefused::Problems(vec![
                (
                    "question-1",
                    "Select one of the answers given to question 1".into()
                ),
                ("question-2", "Select an answer to question 2".into()),
            ]))
        );
        let twice = parse_answers(
            &questions,
            &posted(&[
                ("question-1", "1"),
                ("question-1", "2"),
                ("question-2", "<b>"),
            ]),
        );
        assert_eq!(
            twice,
            Err(AnswersRefused::Problems(vec![
                ("question-1", "Select only one answer to question 1".into()),
                (
                    "question-2",
                    "Select one of the answers given to question 2".into()
                ),
            ]))
        );
        for forged in ["question-3", "question-0", "question-x"] {
            assert!(matches!(
                parse_answers(&questions, &posted(&[(forged, "1")])),
                Err(AnswersRefused::NoSuchQuestion)
            ));
        }
    }
}
