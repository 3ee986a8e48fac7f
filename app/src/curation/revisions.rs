//! Revision history: what each saved version was, and what changed between
//! two of them — field by field, and long texts line by line.

use serde::{Deserialize, Serialize};

/// One saved version, as the history lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RevisionSummary {
    pub number: i64,
    pub author: String,
    pub note: String,
    pub saved_at: String,
}

/// A short field whose value changed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldChange {
    pub label: String,
    pub before: String,
    pub after: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum LineKind {
    Same,
    Added,
    Removed,
    /// Unchanged lines left out between two changes.
    Gap,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DiffLine {
    pub kind: LineKind,
    pub text: String,
}

/// A long text (the body, a lesson) that changed, line by line.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextChange {
    pub label: String,
    pub lines: Vec<DiffLine>,
}

/// What changed from one revision to another.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RevisionDiff {
    pub from: i64,
    pub to: i64,
    pub fields: Vec<FieldChange>,
    pub texts: Vec<TextChange>,
}

impl RevisionDiff {
    pub fn is_empty(&self) -> bool {
        self.fields.is_empty() && self.texts.is_empty()
    }
}

#[cfg(feature = "ssr")]
pub use compare::diff;

#[cfg(feature = "ssr")]
mod compare {
    use similar::{ChangeTag, TextDiff};

    use super::*;
    use crate::curation::draft::{format_hours, LessonDraft, ResourceDraft};
    use crate::resources::questions::questions_as_text;
    use crate::vocabulary::Vocabulary;

    /// Unchanged lines shown around each change.
    const CONTEXT_LINES: usize = 2;

    fn labels<T: Vocabulary>(values: &[T]) -> String {
        if values.is_empty() {
            return "None".into();
        }
        values
            .iter()
            .map(|value| value.label())
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// Lines of `before` and `after` with what changed marked, unchanged
    /// stretches cut down to a little context. `None` when they are equal.
    pub fn line_diff(before: &str, after: &str) -> Option<Vec<DiffLine>> {
        if before == after {
            return None;
        }
        let diff = TextDiff::from_lines(before, after);
        let mut lines = Vec::new();
        for (index, group) in diff.grouped_ops(CONTEXT_LINES).iter().enumerate() {
            if index > 0 {
                lines.push(DiffLine {
                    kind: LineKind::Gap,
                    text: String::new(),
                });
            }
            for op in group {
                for change in diff.iter_changes(op) {
                    let kind = match change.tag() {
                        ChangeTag::Equal => LineKind::Same,
                        ChangeTag::Insert => LineKind::Added,
                        ChangeTag::Delete => LineKind::Removed,
                    };
                    lines.push(DiffLine {
                        kind,
                        text: change.value().trim_end_matches('\n').to_string(),
                    });
                }
            }
        }
        Some(lines)
    }

    /// Compares two revisions; `provider_name` turns a provider's slug into
    /// the name people know it by.
    pub fn diff(
        from: (i64, &ResourceDraft),
        to: (i64, &ResourceDraft),
        provider_name: impl Fn(&str) -> String,
    ) -> RevisionDiff {
        let (old, new) = (from.1, to.1);
        let mut fields = Vec::new();
        let mut field = |label: &str, before: String, after: String| {
            if before != after {
                fields.push(FieldChange {
                    label: label.to_string(),
                    before,
                    after,
                });
            }
        };
        field("Kind", old.kind.label().into(), new.kind.label().into());
        field("Title", old.title.clone(), new.title.clone());
        field("Summary", old.summary.clone(), new.summary.clone());
        field(
            "Provider",
            provider_name(&old.provider),
            provider_name(&new.provider),
        );
        field("Sectors", labels(&old.sectors), labels(&new.sectors));
        field("Topics", labels(&old.topics), labels(&new.topics));
        field(
            "Capability domains",
            labels(&old.capabilities),
            labels(&new.capabilities),
        );
        field(
            "Learning responses",
            labels(&old.responses),
            labels(&new.responses),
        );
        field("Level", old.level.label().into(), new.level.label().into());
        field("Who it is for", old.audience.clone(), new.audience.clone());
        field(
            "Time to complete (minutes)",
            old.minutes.to_string(),
            new.minutes.to_string(),
        );
        field(
            "CPD hours",
            format_hours(old.cpd_hours),
            format_hours(new.cpd_hours),
        );
        field(
            "Web address",
            old.external_url.clone().unwrap_or_default(),
            new.external_url.clone().unwrap_or_default(),
        );
        field(
            "Last reviewed",
            old.reviewed_on.to_string(),
            new.reviewed_on.to_string(),
        );
        field(
            "Review by",
            old.review_by.to_string(),
            new.review_by.to_string(),
        );
        let mut texts = Vec::new();
        if let Some(lines) = line_diff(&old.body, &new.body) {
            texts.push(TextChange {
                label: "Content".into(),
                lines,
            });
        }
        for index in 0..old.lessons.len().max(new.lessons.len()) {
            let number = index + 1;
            let before = old.lessons.get(index);
            let after = new.lessons.get(index);
            field(
                &format!("Lesson {number} title"),
                before.map(|l| l.title.clone()).unwrap_or_default(),
                after.map(|l| l.title.clone()).unwrap_or_default(),
            );
            let empty = String::new();
            if let Some(lines) = line_diff(
                before.map(|l| &l.body).unwrap_or(&empty),
                after.map(|l| &l.body).unwrap_or(&empty),
            ) {
                texts.push(TextChange {
                    label: format!("Lesson {number}"),
                    lines,
                });
            }
            let questions = |lesson: Option<&LessonDraft>| {
                lesson
                    .map(|lesson| questions_as_text(&lesson.questions))
                    .unwrap_or_default()
            };
            if let Some(lines) = line_diff(&questions(before), &questions(after)) {
                texts.push(TextChange {
                    label: format!("Lesson {number}: knowledge check"),
                    lines,
                });
            }
        }
        field(
            "Knowledge check pass mark (%)",
            old.pass_mark.to_string(),
            new.pass_mark.to_string(),
        );
        RevisionDiff {
            from: from.0,
            to: to.0,
            fields,
            texts,
        }
    }

    #[cfg(test)]
    mod tests {
        use super::*;
        use crate::curation::draft::LessonDraft;
        use crate::vocabulary::{Capability, Level, ResourceKind, Sector};

        fn draft() -> ResourceDraft {
            ResourceDraft {
                kind: ResourceKind::Module,
                title: "Timelines".into(),
                summary: "Build a timeline.".into(),
                body: "one\ntwo\nthree\nfour\nfive\nsix\nseven\neight\nnine\n".into(),
                provider: "hssib".into(),
                sectors: vec![Sector::PrimaryCare],
                topics: vec![],
                capabilities: vec![],
                responses: vec![],
                level: Level::Foundation,
                audience: String::new(),
                minutes: 30,
                cpd_hours: 0.5,
                external_url: None,
                reviewed_on: chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
                review_by: chrono::NaiveDate::from_ymd_opt(2027, 1, 1).unwrap(),
                lessons: vec![LessonDraft {
                    title: "Start".into(),
                    body: "Begin here".into(),
                    questions: vec![],
                }],
                pass_mark: 70,
            }
        }

        #[test]
        fn fields_and_lines_that_changed_and_nothing_else() {
            let old = draft();
            let mut new = draft();
            new.title = "Timeline mapping".into();
            new.sectors.push(Sector::MentalHealth);
            new.body = new
                .body
                .replace("two\n", "TWO\n")
                .replace("nine\n", "nine\nten\n");
            new.lessons[0].body = "Begin here, slowly".into();
            let diff = diff((1, &old), (2, &new), |slug| slug.to_uppercase());
            let labels: Vec<&str> = diff.fields.iter().map(|f| f.label.as_str()).collect();
            assert_eq!(labels, vec!["Title", "Sectors"]);
            assert_eq!(diff.fields[1].after, "Primary care, Mental health");
            let body = &diff.texts[0];
            assert_eq!(body.label, "Content");
            let marked: Vec<(LineKind, &str)> = body
                .lines
                .iter()
                .filter(|line| line.kind != LineKind::Same)
                .map(|line| (line.kind, line.text.as_str()))
                .collect();
            assert_eq!(
                marked,
                vec![
                    (LineKind::Removed, "two"),
                    (LineKind::Added, "TWO"),
                    (LineKind::Gap, ""),
                    (LineKind::Added, "ten"),
                ]
            );
            assert_eq!(diff.texts[1].label, "Lesson 1");
        }

        #[test]
        fn capability_domains_are_compared_by_label() {
            let old = draft();
            let mut new = draft();
            new.capabilities = vec![Capability::GatheringEvidence, Capability::Analysis];
            let diff = diff((1, &old), (2, &new), str::to_string);
            assert_eq!(diff.fields.len(), 1);
            let change = &diff.fields[0];
            assert_eq!(change.label, "Capability domains");
            assert_eq!(change.before, "None");
            assert_eq!(change.after, "Gathering evidence, Analysis");
        }

        #[test]
        fn equal_revisions_have_no_differences() {
            assert!(diff((1, &draft()), (2, &draft()), str::to_string).is_empty());
        }
    }
}
