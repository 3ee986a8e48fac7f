//! The report written as Markdown (CommonMark with GitHub's tables), for
//! the download. Kept apart from the report's assembly: this is only
//! escaping and layout, and every text is escaped here, so nothing an
//! investigator types can become Markdown syntax.

use super::{Block, Report};

/// The report as Markdown (CommonMark with GitHub's tables), ending with a
/// newline. Every text is escaped so that it renders as typed: no text can
/// make a heading, a list, a link, emphasis, code or HTML, and the output
/// holds no raw HTML at all. (Viewers that turn bare addresses into links,
/// as GitHub's does, still will: the address is the investigator's own.)
pub fn markdown(report: &Report) -> String {
    let mut out = format!("# {}\n", inline(&report.title));
    for section in &report.sections {
        out.push_str(&format!("\n## {}\n", inline(&section.heading)));
        for block in &section.blocks {
            let written = match block {
                Block::Paragraph(text) => paragraphs(text),
                Block::List(items) => list(items),
                Block::Table {
                    caption,
                    header,
                    rows,
                } => table(caption, header, rows),
                Block::Subheading(text) => format!("### {}\n", inline(text)),
            };
            // An empty paragraph would leave two blank lines: nothing to say.
            if !written.is_empty() {
                out.push('\n');
                out.push_str(&written);
            }
        }
    }
    out
}

/// Characters Markdown may read as syntax wherever they are in a line:
/// escapes, code, emphasis, links, HTML and autolinks, headings, table
/// cells, strikethrough, and entities ("&lt;" would show as "<").
const SIGNIFICANT: &[char] = &['\\', '`', '*', '_', '[', ']', '<', '>', '#', '|', '~', '&'];

/// Line breaks as "\n", tabs as spaces, and no other control characters:
/// they are invisible, and a Markdown reader may turn them into
/// replacement characters or choke on them.
fn clean(text: &str) -> String {
    text.replace("\r\n", "\n")
        .chars()
        .filter_map(|c| match c {
            '\r' => Some('\n'),
            '\t' => Some(' '),
            c if c.is_control() && c != '\n' => None,
            c => Some(c),
        })
        .collect()
}

/// One line of text, escaped. Written at the start of a Markdown line (or
/// of a list item's content), so a leading "-", "+" or "=" (a list item or
/// a heading's underline) and a leading "12." or "12)" (a numbered list)
/// are escaped as well. The line is trimmed: leading spaces would make a
/// code block, and two trailing ones a line break.
pub(super) fn escape_line(line: &str) -> String {
    let line = line.trim();
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    let marker = match line.chars().next() {
        Some('-' | '+' | '=') => Some(0),
        // Digits are ASCII, so their count is also the byte index.
        // Only a marker when a space or the line's end follows ("3.5 mg"
        // is no list).
        Some(_)
            if digits > 0
                && matches!(line[digits..].chars().next(), Some('.' | ')'))
                && matches!(line[digits + 1..].chars().next(), None | Some(' ')) =>
        {
            Some(digits)
        }
        _ => None,
    };
    let mut out = String::with_capacity(line.len() + 8);
    for (at, c) in line.char_indices() {
        if Some(at) == marker || SIGNIFICANT.contains(&c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A text on one line (a heading or a table cell): every run of spaces and
/// line breaks becomes one space.
pub(super) fn inline(text: &str) -> String {
    let cleaned = clean(text);
    let words: Vec<&str> = cleaned.split_whitespace().collect();
    escape_line(&words.join(" "))
}

/// The lines of a text that are not blank, escaped.
pub(super) fn lines(text: &str) -> Vec<String> {
    clean(text)
        .lines()
        .filter(|line| !line.trim().is_empty())
        .map(escape_line)
        .collect()
}

/// A paragraph's text: a blank line starts a new paragraph, and other line
/// breaks are kept as Markdown's hard breaks (a backslash at the line's
/// end), not as HTML.
pub(super) fn paragraphs(text: &str) -> String {
    // A line of spaces is also a blank line.
    let mut groups: Vec<Vec<String>> = vec![Vec::new()];
    for line in clean(text).lines() {
        if line.trim().is_empty() {
            groups.push(Vec::new());
        } else if let Some(group) = groups.last_mut() {
            group.push(escape_line(line));
        }
    }
    let written: Vec<String> = groups
        .iter()
        .filter(|group| !group.is_empty())
        .map(|group| group.join("\\\n") + "\n")
        .collect();
    written.join("\n")
}

/// A bulleted list; an item's later lines are indented to stay inside it.
pub(super) fn list(items: &[String]) -> String {
    items
        .iter()
        .map(|item| format!("- {}\n", lines(item).join("\\\n  ")))
        .collect()
}

fn row(cells: &[String], width: usize) -> String {
    let mut cells: Vec<String> = cells.iter().map(|cell| inline(cell)).collect();
    cells.resize(width, String::new());
    format!("| {} |\n", cells.join(" | "))
}

/// A GitHub table under its caption (Markdown has no captions: it is a
/// paragraph of its own, in bold).
fn table(caption: &str, header: &[String], rows: &[Vec<String>]) -> String {
    let width = header
        .len()
        .max(rows.iter().map(Vec::len).max().unwrap_or(0));
    let mut out = format!("**{}**\n\n", inline(caption));
    out.push_str(&row(header, width));
    out.push_str(&format!("|{}\n", " --- |".repeat(width)));
    for cells in rows {
        out.push_str(&row(cells, width));
    }
    out
}
