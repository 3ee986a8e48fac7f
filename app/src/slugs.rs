//! Readable URL words from titles and names, transliterated rather than
//! dropped ("Siân" is `sian`, "Ærø" is `aero`), by the `slug` crate.

/// The longest slug made from a title or name, leaving room for a `-N`
/// suffix that makes it unique.
pub const MAX_CHARS: usize = 94;

/// A slug for a title or name, or `fallback` when nothing readable is left.
pub fn slug_for(text: &str, fallback: &str) -> String {
    words_of(text, usize::MAX, MAX_CHARS).unwrap_or_else(|| fallback.to_string())
}

/// Lower-case ASCII words from `text` joined by hyphens: at most
/// `max_words` words and `max_chars` characters, cut between words.
/// `None` when nothing readable is left (a title of only punctuation).
pub fn words_of(text: &str, max_words: usize, max_chars: usize) -> Option<String> {
    let mut slug = String::new();
    for word in slug::slugify(text)
        .split('-')
        .filter(|word| !word.is_empty())
        .take(max_words)
    {
        if slug.len() + word.len() + 1 > max_chars {
            break;
        }
        if !slug.is_empty() {
            slug.push('-');
        }
        slug.push_str(word);
    }
    (!slug.is_empty()).then_some(slug)
}

#[cfg(test)]
mod tests {
    use super::words_of;

    #[test]
    fn letters_beyond_ascii_are_spelt_out_not_dropped() {
        assert_eq!(words_of("Siân Jones", 4, 60).as_deref(), Some("sian-jones"));
        assert_eq!(
            words_of("Ærø: après-midi café", 9, 60).as_deref(),
            Some("aero-apres-midi-cafe")
        );
        assert_eq!(
            words_of("SEIPS: a quick-start guide!", 9, 60).as_deref(),
            Some("seips-a-quick-start-guide")
        );
    }

    #[test]
    fn limits_cut_between_words() {
        assert_eq!(
            words_of("one two three four five", 4, 60).as_deref(),
            Some("one-two-three-four")
        );
        assert_eq!(
            words_of("alpha beta gamma", 9, 11).as_deref(),
            Some("alpha-beta")
        );
        assert_eq!(words_of("???", 4, 60), None);
    }
}
