//! Reading the toolkits' forms, shared by the timeline, the analysis and
//! the safety actions so that a date, a length or a stale choice is
//! refused in the same words wherever it is typed.

use chrono::{NaiveDate, NaiveTime};

use crate::forms::FieldErrors;
use crate::vocabulary::Vocabulary;

/// Why a date or time field could not be read.
pub(crate) enum Bad {
    /// Not the shape a browser sends.
    Shape,
    /// The right shape, but no such date or time (2026-02-30, 24:00).
    NotReal,
}

pub(crate) fn all_digits(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit())
}

pub(crate) fn read_date(text: &str) -> Result<NaiveDate, Bad> {
    let text = text.trim();
    // Only YYYY-MM-DD: chrono alone would take "+10000-01-01" or "2026-3-1".
    let shape = text.len() == 10
        && text.bytes().enumerate().all(|(i, b)| match i {
            4 | 7 => b == b'-',
            _ => b.is_ascii_digit(),
        });
    if !shape {
        return Err(Bad::Shape);
    }
    let number = |at: std::ops::Range<usize>| text[at].parse().unwrap_or(0);
    NaiveDate::from_ymd_opt(number(0..4) as i32, number(5..7), number(8..10)).ok_or(Bad::NotReal)
}

pub(crate) fn read_time(text: &str) -> Result<NaiveTime, Bad> {
    // <input type=time> sends HH:MM, or HH:MM:SS when its step allows
    // seconds; people typing without it may leave off the hour's zero.
    let parts: Vec<&str> = text.trim().split(':').collect();
    let shape = matches!(parts.len(), 2 | 3)
        && (1..=2).contains(&parts[0].len())
        && parts[1..].iter().all(|part| part.len() == 2)
        && parts.iter().all(|part| all_digits(part));
    if !shape {
        return Err(Bad::Shape);
    }
    let numbers: Vec<u32> = parts
        .iter()
        .map(|part| part.parse().unwrap_or(99))
        .collect();
    if numbers.get(2).is_some_and(|&seconds| seconds > 59) {
        return Err(Bad::NotReal);
    }
    // Seconds are dropped: the timeline is kept to the minute.
    NaiveTime::from_hms_opt(numbers[0], numbers[1], 0).ok_or(Bad::NotReal)
}

/// The values a list of checkboxes or a multiple select sent, trimmed.
/// Empty values are skipped: a no-JavaScript form may send one so that the
/// field is present when no box is ticked.
fn sent(values: &[String]) -> impl Iterator<Item = &str> {
    values
        .iter()
        .map(|value| value.trim())
        .filter(|value| !value.is_empty())
}

/// Reads chosen ids: ascending, each once. None when any is not a number
/// `known` accepts (a stale form: the thing chosen has since been deleted).
pub(crate) fn read_ids(values: &[String], known: impl Fn(i64) -> bool) -> Option<Vec<i64>> {
    // Digits only: "+1" would parse as a number, but no form sends it.
    let mut ids = sent(values)
        .map(|text| {
            Some(text)
                .filter(|text| all_digits(text))
                .and_then(|text| text.parse().ok())
                .filter(|&id| known(id))
        })
        .collect::<Option<Vec<i64>>>()?;
    ids.sort_unstable();
    ids.dedup();
    Some(ids)
}

/// Reads chosen values of a fixed list by their slugs, in the list's order
/// and each once. None when any slug is not one of the list's.
pub(crate) fn read_choices<T: Vocabulary>(values: &[String]) -> Option<Vec<T>> {
    let chosen = sent(values)
        .map(|slug| T::ALL.iter().copied().find(|value| value.slug() == slug))
        .collect::<Option<Vec<T>>>()?;
    Some(
        T::ALL
            .iter()
            .copied()
            .filter(|value| chosen.contains(value))
            .collect(),
    )
}

/// Reads a form field by field, keeping every field's problem in order.
pub(crate) struct Reader {
    pub(crate) errors: FieldErrors,
}

impl Reader {
    pub(crate) fn new() -> Reader {
        Reader { errors: Vec::new() }
    }

    pub(crate) fn fail<T>(&mut self, field: &'static str, message: impl Into<String>) -> Option<T> {
        self.errors.push((field, message.into()));
        None
    }

    /// The value read, or every field's problem. A field that could not be
    /// read has already recorded why, so a missing `value` comes with at
    /// least one error.
    pub(crate) fn finish<T>(self, value: Option<T>) -> Result<T, FieldErrors> {
        match value {
            Some(value) if self.errors.is_empty() => Ok(value),
            _ => Err(self.errors),
        }
    }

    pub(crate) fn date(
        &mut self,
        field: &'static str,
        text: &str,
        enter: &str,
    ) -> Option<NaiveDate> {
        match read_date(text) {
            Ok(date) => Some(date),
            Err(Bad::NotReal) => self.fail(field, format!("{} is not a real date", text.trim())),
            Err(Bad::Shape) => self.fail(field, enter),
        }
    }

    /// A date that may be left empty: None when it is, or when it cannot
    /// be read (then with the reason recorded).
    pub(crate) fn optional_date(
        &mut self,
        field: &'static str,
        text: &str,
        enter: &str,
    ) -> Option<NaiveDate> {
        match text.trim() {
            "" => None,
            text => self.date(field, text, enter),
        }
    }

    pub(crate) fn time(
        &mut self,
        field: &'static str,
        text: &str,
        enter: &str,
    ) -> Option<NaiveTime> {
        match read_time(text) {
            Ok(time) => Some(time),
            Err(Bad::NotReal) => self.fail(field, "Enter a real time, from 00:00 to 23:59"),
            Err(Bad::Shape) => self.fail(field, enter),
        }
    }

    /// Trims a typed text and checks its length; browsers send a
    /// textarea's line breaks as CRLF, which would count twice.
    pub(crate) fn text(
        &mut self,
        field: &'static str,
        value: &str,
        max: usize,
        name: &str,
    ) -> String {
        let text = value.replace("\r\n", "\n").trim().to_string();
        let count = text.chars().count();
        if count > max {
            let message = format!("{name} must be {max} characters or fewer (it has {count})");
            self.errors.push((field, message));
        }
        text
    }

    /// A text that must be filled in: `enter` says what to enter when it
    /// is empty (or only spaces).
    pub(crate) fn required_text(
        &mut self,
        field: &'static str,
        value: &str,
        max: usize,
        name: &str,
        enter: &str,
    ) -> String {
        let text = self.text(field, value, max, name);
        if text.is_empty() {
            self.fail::<()>(field, enter);
        }
        text
    }

    /// An optional choice: None when empty, the message when unknown.
    pub(crate) fn choice<T>(
        &mut self,
        field: &'static str,
        slug: &str,
        read: impl Fn(&str) -> Option<T>,
        unknown: &str,
    ) -> Option<T> {
        match slug.trim() {
            "" => None,
            slug => read(slug).or_else(|| self.fail(field, unknown)),
        }
    }

    /// A choice that must be made: `select` when empty, `unknown` when it
    /// is not one of the list's.
    pub(crate) fn required_choice<T>(
        &mut self,
        field: &'static str,
        slug: &str,
        read: impl Fn(&str) -> Option<T>,
        select: &str,
        unknown: &str,
    ) -> Option<T> {
        if slug.trim().is_empty() {
            return self.fail(field, select);
        }
        self.choice(field, slug, read, unknown)
    }

    /// Chosen values of a fixed list (see `read_choices`); the message when
    /// any is unknown, and then none.
    pub(crate) fn choices<T: Vocabulary>(
        &mut self,
        field: &'static str,
        values: &[String],
        unknown: &str,
    ) -> Vec<T> {
        read_choices(values)
            .or_else(|| self.fail(field, unknown))
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::toolkits::types::SeipsElement;

    fn strings(values: &[&str]) -> Vec<String> {
        values.iter().map(|value| value.to_string()).collect()
    }

    #[test]
    fn ids_come_back_sorted_once_and_stale_ones_refuse_the_lot() {
        let known = |id: i64| [2, 5, 9].contains(&id);
        let ids = read_ids(&strings(&["9", " 2 ", "", "9", "5"]), known);
        assert_eq!(ids, Some(vec![2, 5, 9]));
        assert_eq!(read_ids(&strings(&[""]), known), Some(vec![]));
        for stale in ["3", "+2", "-5", "two", "99999999999999999999"] {
            assert_eq!(read_ids(&strings(&["2", stale]), known), None, "{stale}");
        }
    }

    #[test]
    fn choices_come_back_in_the_lists_order() {
        let chosen = read_choices::<SeipsElement>(&strings(&["tasks", "people", "", "tasks"]));
        assert_eq!(
            chosen,
            Some(vec![SeipsElement::People, SeipsElement::Tasks])
        );
        assert_eq!(
            read_choices::<SeipsElement>(&strings(&["people", "luck"])),
            None
        );
    }

    #[test]
    fn an_optional_date_may_be_empty_but_not_wrong() {
        let mut form = Reader::new();
        assert_eq!(form.optional_date("due", "  ", "Enter"), None);
        assert!(form.errors.is_empty());
        assert_eq!(
            form.optional_date("due", "2026-06-30", "Enter"),
            NaiveDate::from_ymd_opt(2026, 6, 30)
        );
        assert_eq!(form.optional_date("due", "2026-02-30", "Enter"), None);
        assert_eq!(form.optional_date("due", "30/06/2026", "Enter"), None);
        assert_eq!(
            form.finish(Some(())),
            Err(vec![
                ("due", "2026-02-30 is not a real date".to_string()),
                ("due", "Enter".to_string()),
            ])
        );
    }

    #[test]
    fn finishing_needs_a_value_and_no_errors() {
        assert_eq!(Reader::new().finish(Some(1)), Ok(1));
        let mut form = Reader::new();
        form.required_text("what", " \r\n ", 10, "What", "Enter what");
        assert_eq!(
            form.finish(Some(1)),
            Err(vec![("what", "Enter what".to_string())])
        );
    }
}
