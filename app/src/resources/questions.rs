//! A lesson's knowledge check: multiple-choice questions, each answer with
//! the feedback a member sees after choosing it. Catalogue content like the
//! lesson itself: written in the editor, reviewed with the module, stored
//! with the lesson; the learning record keeps what members answered.

use serde::{Deserialize, Serialize};

/// At most this many questions end one lesson.
pub const MAX_QUESTIONS_PER_LESSON: usize = 10;
/// A question has two to this many answers to choose from.
pub const MAX_ANSWERS: usize = 4;
pub const MIN_ANSWERS: usize = 2;
/// The share of a module's questions (per cent) a member must answer right
/// to complete it, unless its editor set another.
pub const DEFAULT_PASS_MARK: u8 = 70;
pub const MAX_PROMPT_CHARS: usize = 500;
pub const MAX_ANSWER_CHARS: usize = 300;
pub const MAX_FEEDBACK_CHARS: usize = 1000;

/// One multiple-choice question.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Question {
    pub prompt: String,
    pub answers: Vec<Answer>,
    /// The right answer's index in `answers`.
    pub correct: usize,
}

/// One answer to choose, and what choosing it tells the member.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Answer {
    pub text: String,
    pub feedback: String,
}

impl Question {
    /// Whether `chosen` (1-based, as the form sends it) is the right answer.
    pub fn is_right(&self, chosen: usize) -> bool {
        chosen == self.correct + 1
    }
}

/// A lesson's questions as plain lines (each answer under its question,
/// the right one marked, its feedback after it), for comparing revisions.
pub fn questions_as_text(questions: &[Question]) -> String {
    let mut text = String::new();
    for (index, question) in questions.iter().enumerate() {
        text.push_str(&format!("{}. {}\n", index + 1, question.prompt));
        for (answer_index, answer) in question.answers.iter().enumerate() {
            let mark = if answer_index == question.correct {
                "(right) "
            } else {
                ""
            };
            text.push_str(&format!(
                "   - {mark}{}: {}\n",
                answer.text, answer.feedback
            ));
        }
    }
    text
}

/// Why a lesson's questions cannot be stored as they are (an import's
/// check: the editor's form names each problem against its field).
pub fn check_questions(questions: &[Question]) -> Result<(), String> {
    if questions.len() > MAX_QUESTIONS_PER_LESSON {
        return Err(format!(
            "a lesson has at most {MAX_QUESTIONS_PER_LESSON} questions"
        ));
    }
    for (index, question) in questions.iter().enumerate() {
        let n = index + 1;
        if question.prompt.trim().is_empty() {
            return Err(format!("question {n} has no prompt"));
        }
        let too_long = question.prompt.chars().count() > MAX_PROMPT_CHARS
            || question.answers.iter().any(|answer| {
                answer.text.chars().count() > MAX_ANSWER_CHARS
                    || answer.feedback.chars().count() > MAX_FEEDBACK_CHARS
            });
        if too_long {
            return Err(format!(
                "question {n} is too long: a prompt has at most {MAX_PROMPT_CHARS} characters, \
                 an answer {MAX_ANSWER_CHARS} and its feedback {MAX_FEEDBACK_CHARS}"
            ));
        }
        if !(MIN_ANSWERS..=MAX_ANSWERS).contains(&question.answers.len()) {
            return Err(format!(
                "question {n} needs {MIN_ANSWERS} to {MAX_ANSWERS} answers"
            ));
        }
        if question.correct >= question.answers.len() {
            return Err(format!(
                "question {n}'s right answer is not one of its answers"
            ));
        }
        if question
            .answers
            .iter()
            .any(|answer| answer.text.trim().is_empty() || answer.feedback.trim().is_empty())
        {
            return Err(format!(
                "every answer of question {n} needs its text and feedback"
            ));
        }
    }
    Ok(())
}

/// The form field of question `n` (1-based) in a lesson's check, with a
/// `'static` name so a message can be kept against it.
pub fn question_field(n: usize) -> Option<&'static str> {
    const FIELDS: [&str; MAX_QUESTIONS_PER_LESSON] = [
        "question-1",
        "question-2",
        "question-3",
        "question-4",
        "question-5",
        "question-6",
        "question-7",
        "question-8",
        "question-9",
        "question-10",
    ];
    FIELDS.get(n.wrapping_sub(1)).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_question_has_its_own_field() {
        let fields: Vec<&str> = (1..=MAX_QUESTIONS_PER_LESSON)
            .map(|n| question_field(n).unwrap())
            .collect();
        assert_eq!(fields[0], "question-1");
        assert_eq!(fields[9], "question-10");
        let mut distinct = fields.clone();
        distinct.dedup();
        assert_eq!(distinct.len(), MAX_QUESTIONS_PER_LESSON);
        assert_eq!(question_field(0), None);
        assert_eq!(question_field(MAX_QUESTIONS_PER_LESSON + 1), None);
    }

    #[test]
    fn an_import_is_checked_question_by_question() {
        let good = Question {
            prompt: "Which?".into(),
            answers: vec![
                Answer {
                    text: "a".into(),
                    feedback: "b".into(),
                },
                Answer {
                    text: "c".into(),
                    feedback: "d".into(),
                },
            ],
            correct: 1,
        };
        assert_eq!(check_questions(std::slice::from_ref(&good)), Ok(()));
        let wrong_index = Question {
            correct: 2,
            ..good.clone()
        };
        assert_eq!(
            check_questions(&[good.clone(), wrong_index]),
            Err("question 2's right answer is not one of its answers".into())
        );
        let one_answer = Question {
            answers: good.answers[..1].to_vec(),
            correct: 0,
            ..good.clone()
        };
        assert!(check_questions(&[one_answer]).is_err());
        let long_feedback = Question {
            answers: vec![
                good.answers[0].clone(),
                Answer {
                    text: "c".into(),
                    feedback: "f".repeat(MAX_FEEDBACK_CHARS + 1),
                },
            ],
            ..good.clone()
        };
        assert!(check_questions(&[long_feedback])
            .unwrap_err()
            .contains("too long"));
        assert!(check_questions(&vec![good; MAX_QUESTIONS_PER_LESSON + 1]).is_err());
    }

    #[test]
    fn the_right_answer_is_counted_from_one() {
        let question = Question {
            prompt: "Which is strongest?".into(),
            answers: vec![Answer::default(), Answer::default()],
            correct: 1,
        };
        assert!(question.is_right(2));
        assert!(!question.is_right(1));
    }
}
