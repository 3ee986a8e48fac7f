//! Control characters, which nothing a person types into the hub holds:
//! U+0000 to U+001F but tab, line feed and carriage return, and U+007F.
//! Forms and queries lose them as they arrive (`web::input`); a file a
//! member uploads loses them as it is read (`toolkits::exchange`), where a
//! JSON escape such as `\u0000` would otherwise bring one in (and
//! PostgreSQL refuses NUL in text outright).

/// Whether `character` is one that input loses.
pub fn is_unwanted_control(character: char) -> bool {
    matches!(character, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{7f}')
}

/// `text` without unwanted control characters.
pub fn without_controls(text: &str) -> std::borrow::Cow<'_, str> {
    if text.chars().any(is_unwanted_control) {
        text.chars()
            .filter(|character| !is_unwanted_control(*character))
            .collect::<String>()
            .into()
    } else {
        text.into()
    }
}
