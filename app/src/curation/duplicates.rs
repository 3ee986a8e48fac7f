//! Duplicate control: how alike two resources are. The search index
//! finds candidates (resources sharing the draft's title and summary
//! words); each is then scored by the overlap of stemmed word sets
//! (Jaccard similarity of word shingles) in its title, summary and body.
//! Exact Jaccard over a few dozen candidates is cheaper than keeping
//! MinHash signatures, which only approximate it.

use serde::{Deserialize, Serialize};

use super::workflow::Stage;
use crate::vocabulary::ResourceKind;

/// Similarity from which a resource is shown as a possible duplicate.
pub const FLAG_FROM: f64 = 0.3;
/// How many possible duplicates a draft lists.
pub const SHOWN: usize = 3;

/// An existing resource that looks like the one being edited.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PossibleDuplicate {
    pub slug: String,
    pub title: String,
    pub kind: ResourceKind,
    pub stage: Stage,
    /// 0 to 1.
    pub similarity: f64,
}

impl PossibleDuplicate {
    pub fn percent(&self) -> u32 {
        (self.similarity * 100.0).round() as u32
    }
}

#[cfg(feature = "ssr")]
pub use scoring::*;

#[cfg(feature = "ssr")]
mod scoring {
    use std::collections::HashSet;

    use rust_stemmers::{Algorithm, Stemmer};

    /// Words too common to say anything about what a text is about.
    const STOP_WORDS: &[&str] = &[
        "the", "and", "for", "with", "that", "this", "from", "are", "was", "were", "you", "your",
        "our", "their", "they", "them", "its", "his", "her", "who", "what", "when", "where",
        "which", "how", "why", "can", "will", "not", "but", "have", "has", "had", "been", "into",
        "onto", "about", "also", "than", "then", "there", "these", "those", "each", "any", "all",
        "may", "use", "using", "used", "one", "two", "more", "most", "such", "other", "over",
        "out", "off", "per", "via", "just", "should", "would", "could", "must", "does", "did",
        "being", "both", "only", "own", "same", "some", "very", "too", "here", "between",
    ];

    /// The stemmed content words of a text.
    pub fn words(text: &str) -> HashSet<String> {
        let stemmer = Stemmer::create(Algorithm::English);
        text.split(|c: char| !c.is_alphanumeric())
            .filter(|word| word.chars().count() >= 3)
            .map(str::to_lowercase)
            .filter(|word| !STOP_WORDS.contains(&word.as_str()))
            .map(|word| stemmer.stem(&word).into_owned())
            .collect()
    }

    /// The distinct content words of a text as typed (the search index
    /// stems them its own way), at most 24, for finding candidates.
    pub fn search_words(text: &str) -> Vec<String> {
        let mut found: Vec<String> = text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|word| word.chars().count() >= 3)
            .map(str::to_lowercase)
            .filter(|word| !STOP_WORDS.contains(&word.as_str()))
            .collect();
        found.sort();
        found.dedup();
        found.truncate(24);
        found
    }

    fn jaccard(a: &HashSet<String>, b: &HashSet<String>) -> Option<f64> {
        if a.is_empty() || b.is_empty() {
            return None;
        }
        let shared = a.intersection(b).count() as f64;
        Some(shared / (a.len() as f64 + b.len() as f64 - shared))
    }

    /// A resource's words, field by field.
    #[derive(Clone, Debug, Default)]
    pub struct Fingerprint {
        title: HashSet<String>,
        summary: HashSet<String>,
        body: HashSet<String>,
    }

    impl Fingerprint {
        pub fn of(title: &str, summary: &str, body: &str) -> Fingerprint {
            Fingerprint {
                title: words(title),
                summary: words(summary),
                body: words(body),
            }
        }

        /// 0 (nothing shared) to 1 (the same words everywhere). Title,
        /// summary and body weigh 0.3, 0.2 and 0.5; a field empty on either
        /// side leaves its weight to the others.
        pub fn similarity(&self, other: &Fingerprint) -> f64 {
            let parts = [
                (0.3, jaccard(&self.title, &other.title)),
                (0.2, jaccard(&self.summary, &other.summary)),
                (0.5, jaccard(&self.body, &other.body)),
            ];
            let weight: f64 = parts
                .iter()
                .filter(|(_, s)| s.is_some())
                .map(|(w, _)| w)
                .sum();
            if weight == 0.0 {
                return 0.0;
            }
            parts
                .iter()
                .filter_map(|(w, s)| s.map(|s| w * s))
                .sum::<f64>()
                / weight
        }
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn stems_and_drops_common_words() {
            let found = words("Investigating the investigations, and investigators");
            assert!(found.contains("investig"), "{found:?}");
            assert!(!found.contains("the"));
        }

        #[test]
        fn a_reworded_copy_scores_high_and_an_unrelated_text_low() {
            let original = Fingerprint::of(
                "Running a swarm huddle after an incident",
                "How to gather the team straight after a patient safety incident.",
                "Gather staff involved within hours. Ask what happened, what was expected, \
                 and why it differed. Record contributory factors and immediate actions.",
            );
            let reworded = Fingerprint::of(
                "How to run swarm huddles following incidents",
                "Gathering the team immediately after a patient safety incident.",
                "Bring together the staff involved within a few hours. Ask what happened and \
                 what was expected, and why things differed. Note contributory factors and \
                 the immediate actions.",
            );
            let unrelated = Fingerprint::of(
                "Writing a safety investigation report",
                "Structure findings so that boards act on them.",
                "Lead with the system findings; avoid blame; make safety recommendations \
                 specific and measurable.",
            );
            let close = original.similarity(&reworded);
            let far = original.similarity(&unrelated);
            assert!(close > 0.5, "{close}");
            assert!(far < 0.1, "{far}");
            assert_eq!(original.similarity(&original), 1.0);
        }
    }
}
