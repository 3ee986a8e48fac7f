use serde::{Deserialize, Serialize};

use super::SearchParams;
use crate::resources::ResourceCard;

/// Text with the parts that matched the search marked, kept as segments so
/// it is rendered as text (never as HTML) with `<mark>` around matches.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Highlighted(pub Vec<(String, bool)>);

impl Highlighted {
    /// Private-use characters the database puts around matches; they cannot
    /// come from a user's query, which is reduced to letters and digits.
    pub const START: char = '\u{E000}';
    pub const END: char = '\u{E001}';

    pub fn from_marked(text: &str) -> Self {
        let mut segments = Vec::new();
        let mut current = String::new();
        let mut marked = false;
        for c in text.chars() {
            if c == Self::START || c == Self::END {
                if !current.is_empty() {
                    segments.push((std::mem::take(&mut current), marked));
                }
                marked = c == Self::START;
            } else {
                current.push(c);
            }
        }
        if !current.is_empty() {
            segments.push((current, marked));
        }
        Highlighted(segments)
    }

    pub fn plain_text(&self) -> String {
        self.0.iter().map(|(text, _)| text.as_str()).collect()
    }

    pub fn has_match(&self) -> bool {
        self.0.iter().any(|(_, marked)| *marked)
    }
}

/// One value of a facet with how many results it would show.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FacetValue {
    pub slug: String,
    pub label: String,
    pub count: u32,
    pub selected: bool,
}

/// A facet: the URL parameter it sets, its heading and its values.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FacetGroup {
    pub parameter: String,
    pub legend: String,
    pub values: Vec<FacetValue>,
}

/// A page of search results and everything needed to draw the page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SearchOutcome {
    pub params: SearchParams,
    pub results: Vec<ResourceCard>,
    pub total: u32,
    pub pages: u32,
    pub facets: Vec<FacetGroup>,
    /// Set when nothing matched the words as typed but a spelling
    /// correction did; the results are for this query.
    pub corrected_query: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marked_text_becomes_segments() {
        let text = format!(
            "a {}timeline{} of {}events{}",
            Highlighted::START,
            Highlighted::END,
            Highlighted::START,
            Highlighted::END
        );
        let highlighted = Highlighted::from_marked(&text);
        assert_eq!(
            highlighted.0,
            vec![
                ("a ".to_string(), false),
                ("timeline".to_string(), true),
                (" of ".to_string(), false),
                ("events".to_string(), true)
            ]
        );
        assert_eq!(highlighted.plain_text(), "a timeline of events");
        assert!(highlighted.has_match());
    }
}
