//! The SQL of knowledge checks as members take them: a published module
//! with its lessons' checks, a member's answers and their export. (The
//! answers are written with the lesson they end, in `learning::repo::
//! mark_done`, which decides completion.)

use serde_json::{json, Value};

use super::{standing, CheckStanding, GivenAnswer};
use crate::db::Db;
use crate::resources::questions::{Question, DEFAULT_PASS_MARK};
use crate::resources::repo::{self as catalogue, ModuleFacts};
use crate::with_pool;

/// A published module as a member takes it: its facts, its lessons'
/// positions and each lesson's knowledge check.
#[derive(Clone, Debug)]
pub struct TakenModule {
    pub facts: ModuleFacts,
    pub lessons: Vec<u32>,
    /// (lesson position, its questions), lessons without a check left out.
    pub checks: Vec<(u32, Vec<Question>)>,
}

impl TakenModule {
    /// The questions ending lesson `position` (none if it has no check).
    pub fn questions(&self, position: u32) -> &[Question] {
        self.checks
            .iter()
            .find(|(lesson, _)| *lesson == position)
            .map_or(&[], |(_, questions)| questions.as_slice())
    }

    /// Each lesson's position and the keys of its questions.
    pub fn check_keys(&self) -> Vec<(u32, Vec<String>)> {
        keys_of(&self.checks)
    }

    /// Of `answers`, those that answer the questions as they are now.
    pub fn current_answers(&self, answers: Vec<GivenAnswer>) -> Vec<GivenAnswer> {
        let keys = self.check_keys();
        answers
            .into_iter()
            .filter(|answer| {
                keys.iter().any(|(lesson, keys)| {
                    keys.iter().zip(1..).any(|(key, question)| {
                        super::answers_question(answer, *lesson, question, key)
                    })
                })
            })
            .collect()
    }

    pub fn pass_mark(&self) -> u8 {
        pass_mark_of(self.facts.pass_mark)
    }

    /// Where `answers` leave a member against the pass mark.
    pub fn standing(&self, answers: &[GivenAnswer]) -> CheckStanding {
        standing(&self.check_keys(), answers, self.pass_mark())
    }
}

/// A question's key: a digest of everything a member answered (its prompt,
/// answers and which is right), so an answer counts only for the question
/// it answered.
pub fn question_key(question: &Question) -> String {
    use sha2::{Digest, Sha256};
    let text = serde_json::to_string(question).unwrap_or_default();
    let digest = Sha256::digest(text.as_bytes());
    digest[..12]
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

/// The keys of a lesson's questions, as its form carries them.
pub fn check_keys(questions: &[Question]) -> String {
    questions
        .iter()
        .map(question_key)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Each lesson's position and the keys of its questions.
pub fn keys_of(checks: &[(u32, Vec<Question>)]) -> Vec<(u32, Vec<String>)> {
    checks
        .iter()
        .map(|(lesson, questions)| (*lesson, questions.iter().map(question_key).collect()))
        .collect()
}

/// The published module `slug` with its lessons and checks (None for any
/// other resource).
pub async fn taken_module(db: &Db, slug: &str) -> sqlx::Result<Option<TakenModule>> {
    let Some(facts) = catalogue::published_module(db, slug).await? else {
        return Ok(None);
    };
    let lessons = catalogue::lesson_positions(db, facts.id).await?;
    let checks = catalogue::module_checks(db, facts.id).await?;
    Ok(Some(TakenModule {
        facts,
        lessons,
        checks,
    }))
}

/// A stored pass mark as a share (per cent): the usual one if it is not
/// 1 to 100 (which the database's CHECK forbids).
pub fn pass_mark_of(stored: i64) -> u8 {
    u8::try_from(stored)
        .ok()
        .filter(|mark| (1..=100).contains(mark))
        .unwrap_or(DEFAULT_PASS_MARK)
}

/// A member's answers to one module ($1 the member, $2 the module), read
/// here and in `mark_done`'s completion transaction.
pub(crate) const SELECT_ANSWERS: &str =
    "SELECT lesson_position, question_position, chosen, correct, question_key FROM check_answers \
     WHERE user_id = $1 AND resource_id = $2";

/// A member's latest answers to a module's questions.
pub async fn answers(db: &Db, user_id: i64, resource_id: i64) -> sqlx::Result<Vec<GivenAnswer>> {
    let rows: Vec<AnswerRow> = with_pool!(db, pool => sqlx::query_as(SELECT_ANSWERS)
    .bind(user_id)
    .bind(resource_id)
    .fetch_all(pool)
    .await)?;
    Ok(rows.into_iter().filter_map(given_answer).collect())
}

/// An answer as stored: lesson, question, chosen, correct, question key.
pub(crate) type AnswerRow = (i64, i64, i64, bool, String);

pub(crate) fn given_answer(
    (lesson, question, chosen, correct, question_key): AnswerRow,
) -> Option<GivenAnswer> {
    Some(GivenAnswer {
        lesson: u32::try_from(lesson).ok()?,
        question: u32::try_from(question).ok()?,
        chosen: u32::try_from(chosen).ok()?,
        correct,
        question_key,
    })
}

/// Everything `user_id` answered, for their data export.
pub async fn export(db: &Db, user_id: i64) -> sqlx::Result<Value> {
    let rows: Vec<(Option<String>, i64, i64, i64, bool, i64)> = with_pool!(db, pool => sqlx::query_as(
        "SELECT r.slug, a.lesson_position, a.question_position, a.chosen, a.correct, a.answered_at \
         FROM check_answers a LEFT JOIN resources r ON r.id = a.resource_id \
         WHERE a.user_id = $1 ORDER BY a.resource_id, a.lesson_position, a.question_position",
    )
    .bind(user_id)
    .fetch_all(pool)
    .await)?;
    Ok(Value::Array(
        rows.into_iter()
            .map(|(module, lesson, question, chosen, correct, at)| {
                json!({
                    "module": module,
                    "lesson": lesson,
                    "question": question,
                    "answer_chosen": chosen,
                    "right": correct,
                    "answered_at": crate::dates::format_time(at),
                })
            })
            .collect(),
    ))
}
