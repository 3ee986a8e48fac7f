//! Turning what someone typed into a query each backend runs safely. Only
//! letters and digits survive, so quotes, `*`, `-`, `NEAR`, brackets or SQL
//! are just words: they can never change the query's structure.

/// At most this many words are searched for.
const MAX_WORDS: usize = 16;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SearchTerms {
    pub words: Vec<String>,
    /// The last word may be unfinished (the user is still typing).
    pub prefix_last: bool,
}

impl SearchTerms {
    pub fn parse(query: &str) -> Self {
        let words: Vec<String> = query
            .split(|c: char| !c.is_alphanumeric())
            .filter(|word| !word.is_empty())
            .take(MAX_WORDS)
            .map(str::to_lowercase)
            .collect();
        let prefix_last = !query.ends_with(|c: char| !c.is_alphanumeric());
        SearchTerms { words, prefix_last }
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// SQLite FTS5: every word quoted (so keywords are literal), all
    /// required, the last one also matching as a prefix.
    pub fn fts5(&self) -> String {
        self.render(
            |word| format!("\"{word}\""),
            |word| format!("\"{word}\"*"),
            " ",
        )
    }

    /// PostgreSQL `to_tsquery('english', …)`: the same meaning.
    pub fn tsquery(&self) -> String {
        self.render(str::to_string, |word| format!("{word}:*"), " & ")
    }

    fn render(
        &self,
        whole: impl Fn(&str) -> String,
        prefix: impl Fn(&str) -> String,
        joiner: &str,
    ) -> String {
        let last = self.words.len().saturating_sub(1);
        self.words
            .iter()
            .enumerate()
            .map(|(index, word)| {
                if index == last && self.prefix_last {
                    prefix(word)
                } else {
                    whole(word)
                }
            })
            .collect::<Vec<_>>()
            .join(joiner)
    }

    /// FTS5 restricted to titles, for suggestions while typing.
    pub fn fts5_titles(&self) -> String {
        self.fts5_in_column("title")
    }

    /// FTS5 with every word required in one column (a fixed column name,
    /// never user input).
    pub fn fts5_in_column(&self, column: &str) -> String {
        self.render(
            |word| format!("{column} : \"{word}\""),
            |word| format!("{column} : \"{word}\"*"),
            " AND ",
        )
    }

    /// tsquery restricted to title words (weight A), for suggestions.
    pub fn tsquery_titles(&self) -> String {
        self.render(
            |word| format!("{word}:A"),
            |word| format!("{word}:*A"),
            " & ",
        )
    }

    /// The words as a query a person would read.
    pub fn display(&self) -> String {
        self.words.join(" ")
    }
}

/// Words worth offering as spelling corrections: letters only, three or more.
pub fn vocabulary_words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphabetic())
        .filter(|word| word.chars().count() >= 3)
        .map(str::to_lowercase)
}

/// How far a word may be from a known one and still be taken as a typo.
pub fn allowed_edits(word: &str) -> usize {
    match word.chars().count() {
        0..=3 => 0,
        4..=6 => 1,
        _ => 2,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_input_is_only_words() {
        let terms = SearchTerms::parse(r#"'; DROP TABLE resources; -- "NEAR" (a OR b) c* -d"#);
        assert_eq!(
            terms.words,
            [
                "drop",
                "table",
                "resources",
                "near",
                "a",
                "or",
                "b",
                "c",
                "d"
            ]
        );
        assert!(terms.prefix_last, "the input ends in a letter");
        assert_eq!(
            terms.fts5(),
            r#""drop" "table" "resources" "near" "a" "or" "b" "c" "d"*"#
        );
        assert!(!SearchTerms::parse("NEAR(a b)").prefix_last);
        assert_eq!(SearchTerms::parse("\"\"\"").words, Vec::<String>::new());
    }

    #[test]
    fn the_last_word_is_a_prefix_while_typing() {
        let typing = SearchTerms::parse("swarm hud");
        assert_eq!(typing.fts5(), "\"swarm\" \"hud\"*");
        assert_eq!(typing.tsquery(), "swarm & hud:*");
        assert_eq!(
            typing.fts5_titles(),
            "title : \"swarm\" AND title : \"hud\"*"
        );
        assert_eq!(typing.tsquery_titles(), "swarm:A & hud:*A");
        let finished = SearchTerms::parse("swarm huddle ");
        assert_eq!(finished.fts5(), "\"swarm\" \"huddle\"");
    }

    #[test]
    fn longer_words_tolerate_more_typos() {
        assert_eq!(allowed_edits("aar"), 0);
        assert_eq!(allowed_edits("seips"), 1);
        assert_eq!(allowed_edits("investigation"), 2);
    }
}
