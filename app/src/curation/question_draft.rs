//! The knowledge-check question editor's form: a prompt, up to four
//! answers each with its feedback, and which answer is right, parsed into a
//! [`Question`] (each problem named against its field).

use serde::Deserialize;

use super::draft::required_text;
use crate::forms::FieldErrors;
use crate::resources::questions::{Answer, Question, MAX_ANSWERS, MIN_ANSWERS};

pub use crate::resources::questions::{MAX_ANSWER_CHARS, MAX_FEEDBACK_CHARS, MAX_PROMPT_CHARS};

/// The question editor as posted: answer slots 1 to [`MAX_ANSWERS`] (blank
/// ones are left out) and `correct`, the number of the right one.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct QuestionInput {
    pub prompt: String,
    pub answer_1: String,
    pub feedback_1: String,
    pub answer_2: String,
    pub feedback_2: String,
    pub answer_3: String,
    pub feedback_3: String,
    pub answer_4: String,
    pub feedback_4: String,
    pub correct: String,
}

/// Where a refusal about a lesson's whole knowledge check (a full one
/// takes no more questions) is filed: the lesson editor's "Knowledge
/// check" heading has it as its id, for the error summary's link.
pub const KNOWLEDGE_CHECK_FIELD: &str = "knowledge-check";

/// The fields of answer slot `n` (1-based): (answer, feedback).
pub const ANSWER_FIELDS: [(&str, &str); MAX_ANSWERS] = [
    ("answer_1", "feedback_1"),
    ("answer_2", "feedback_2"),
    ("answer_3", "feedback_3"),
    ("answer_4", "feedback_4"),
];

impl QuestionInput {
    fn slots(&self) -> [(&str, &str); MAX_ANSWERS] {
        [
            (&self.answer_1, &self.feedback_1),
            (&self.answer_2, &self.feedback_2),
            (&self.answer_3, &self.feedback_3),
            (&self.answer_4, &self.feedback_4),
        ]
    }
}

/// Parses the question editor's input.
pub fn parse_question(input: &QuestionInput) -> Result<Question, FieldErrors> {
    let mut problems = FieldErrors::new();
    let prompt = required_text(
        &mut problems,
        "prompt",
        "the question",
        &input.prompt,
        MAX_PROMPT_CHARS,
    );
    let correct_slot = input.correct.trim().parse::<usize>().ok();
    let mut answers = Vec::new();
    let mut correct = None;
    for (index, (text, feedback)) in input.slots().into_iter().enumerate() {
        let (answer_field, feedback_field) = ANSWER_FIELDS[index];
        let slot = index + 1;
        if text.trim().is_empty() {
            if !feedback.trim().is_empty() {
                problems.push((
                    answer_field,
                    format!("Enter answer {slot}, or clear its feedback"),
                ));
            }
            continue;
        }
        let text = required_text(
            &mut problems,
            answer_field,
            &format!("answer {slot}"),
            text,
            MAX_ANSWER_CHARS,
        );
        let feedback = required_text(
            &mut problems,
            feedback_field,
            &format!("the feedback for answer {slot}: what someone who chooses it should learn"),
            feedback,
            MAX_FEEDBACK_CHARS,
        );
        if correct_slot == Some(slot) {
            correct = Some(answers.len());
        }
        answers.push(Answer { text, feedback });
    }
    let answer_refused = problems
        .iter()
        .any(|(field, _)| field.starts_with("answer_"));
    if answers.len() < MIN_ANSWERS && !answer_refused {
        let field = if input.answer_1.trim().is_empty() {
            "answer_1"
        } else {
            "answer_2"
        };
        problems.push((field, "Enter at least two answers to choose from".into()));
    }
    if correct.is_none() {
        let message = if correct_slot.is_some() {
            "The right answer must be one you have written"
        } else {
            "Select which answer is right"
        };
        problems.push(("correct", message.into()));
    }
    match correct {
        Some(correct) if problems.is_empty() => Ok(Question {
            prompt,
            answers,
            correct,
        }),
        _ => Err(problems),
    }
}

/// The question editor's fields for `question`, as its form would send them.
pub fn question_form_values(question: &Question) -> Vec<(String, String)> {
    let mut values = vec![
        ("prompt".to_string(), question.prompt.clone()),
        ("correct".to_string(), (question.correct + 1).to_string()),
    ];
    for (answer, (answer_field, feedback_field)) in question.answers.iter().zip(ANSWER_FIELDS) {
        values.push((answer_field.to_string(), answer.text.clone()));
        values.push((feedback_field.to_string(), answer.feedback.clone()));
    }
    values
}

/// Which question of a lesson's knowledge check a page or a form is about
/// (`question=` in the lesson editor's address and in its question form):
/// a new one, or one of those the lesson has.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QuestionChoice {
    New,
    /// Its number in the lesson, from 1.
    Number(usize),
}

impl QuestionChoice {
    /// `new`, or the number of one of a lesson's `count` questions; any
    /// other text names no question (the page is not found).
    pub fn parse(raw: &str, count: usize) -> Option<QuestionChoice> {
        match raw {
            "new" => Some(QuestionChoice::New),
            digits if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) => digits
                .parse::<usize>()
                .ok()
                .filter(|n| (1..=count).contains(n))
                .map(QuestionChoice::Number),
            _ => None,
        }
    }

    /// The number of an existing question; `None` for a new one.
    pub fn number(self) -> Option<usize> {
        match self {
            QuestionChoice::New => None,
            QuestionChoice::Number(n) => Some(n),
        }
    }

    /// As the address and the form carry it: `new` or the number.
    pub fn as_query(self) -> String {
        match self {
            QuestionChoice::New => "new".to_string(),
            QuestionChoice::Number(n) => n.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(pairs: &[(&str, &str)]) -> QuestionInput {
        let body = form_urlencoded::Serializer::new(String::new())
            .extend_pairs(pairs)
            .finish();
        serde_html_form::from_str(&body).unwrap()
    }

    #[test]
    fn blank_slots_are_left_out_and_the_right_answer_follows() {
        let question = parse_question(&input(&[
            ("prompt", " Which action is strongest? "),
            ("answer_1", "A new policy"),
            ("feedback_1", "Policies rely on memory: weaker."),
            ("answer_3", "A forcing function"),
            ("feedback_3", "It designs the error out: stronger."),
            ("correct", "3"),
        ]))
        .unwrap();
        assert_eq!(question.prompt, "Which action is strongest?");
        assert_eq!(question.answers.len(), 2);
        assert_eq!(question.correct, 1);
        assert!(question.is_right(2));
        // What the editor shows again parses to the same question.
        let shown = question_form_values(&question);
        let pairs: Vec<(&str, &str)> = shown
            .iter()
            .map(|(name, value)| (name.as_str(), value.as_str()))
            .collect();
        assert_eq!(parse_question(&input(&pairs)).unwrap(), question);
    }

    #[test]
    fn each_problem_is_named_against_its_field() {
        let problems = parse_question(&input(&[
            ("prompt", ""),
            ("answer_1", "Only one"),
            ("feedback_1", ""),
            ("feedback_2", "feedback without an answer"),
            ("correct", "4"),
        ]))
        .unwrap_err();
        let fields: Vec<&str> = problems.iter().map(|(field, _)| *field).collect();
        assert_eq!(fields, ["prompt", "feedback_1", "answer_2", "correct"]);
        assert_eq!(
            problems.last().unwrap().1,
            "The right answer must be one you have written"
        );
        let problems = parse_question(&input(&[
            ("prompt", "Why?"),
            ("answer_1", "a"),
            ("feedback_1", "b"),
            ("answer_2", &"x".repeat(MAX_ANSWER_CHARS + 1)),
            ("feedback_2", "c"),
        ]))
        .unwrap_err();
        let fields: Vec<&str> = problems.iter().map(|(field, _)| *field).collect();
        assert_eq!(fields, ["answer_2", "correct"]);
        assert_eq!(problems[1].1, "Select which answer is right");
    }

    #[test]
    fn a_question_is_new_or_one_the_lesson_has() {
        assert_eq!(QuestionChoice::parse("new", 0), Some(QuestionChoice::New));
        assert_eq!(
            QuestionChoice::parse("2", 3),
            Some(QuestionChoice::Number(2))
        );
        assert_eq!(
            QuestionChoice::parse("03", 3).map(QuestionChoice::as_query),
            Some("3".to_string())
        );
        for unknown in ["0", "4", "11", "abc", "", "+1", "-1", " 1", "New"] {
            assert_eq!(QuestionChoice::parse(unknown, 3), None, "{unknown:?}");
        }
        assert_eq!(QuestionChoice::New.number(), None);
        assert_eq!(QuestionChoice::Number(3).number(), Some(3));
        assert_eq!(QuestionChoice::New.as_query(), "new");
    }
}
