//! A certificate as a one-page PDF (A4, landscape) in the fonts every PDF
//! reader has (Helvetica), so the file needs nothing embedded.

use pdf_writer::{Content, Finish, Name, Pdf, Rect, Ref, Str, TextStr};

/// What the PDF states.
#[derive(Clone, Debug)]
pub struct Certificate<'a> {
    pub holder_name: &'a str,
    pub module_title: &'a str,
    /// "2 hours".
    pub hours: &'a str,
    /// "6 December 2026".
    pub issued_on: &'a str,
    pub address: &'a str,
    pub revoked: bool,
}

const WIDTH: f32 = 842.0;
const HEIGHT: f32 = 595.0;
const MARGIN: f32 = 72.0;
/// NHS blue.
const BLUE: (f32, f32, f32) = (0.0, 0.369, 0.722);

/// The certificate as PDF bytes.
pub fn render(certificate: &Certificate<'_>) -> Vec<u8> {
    let catalog = Ref::new(1);
    let pages = Ref::new(2);
    let page = Ref::new(3);
    let regular = Ref::new(4);
    let bold = Ref::new(5);
    let contents = Ref::new(6);
    let info = Ref::new(7);

    let mut pdf = Pdf::new();
    pdf.catalog(catalog).pages(pages);
    pdf.pages(pages).kids([page]).count(1);
    let mut writer = pdf.page(page);
    writer
        .media_box(Rect::new(0.0, 0.0, WIDTH, HEIGHT))
        .parent(pages)
        .contents(contents);
    writer
        .resources()
        .fonts()
        .pair(Name(b"F1"), regular)
        .pair(Name(b"F2"), bold);
    writer.finish();
    for (id, name) in [(regular, &b"Helvetica"[..]), (bold, &b"Helvetica-Bold"[..])] {
        pdf.type1_font(id)
            .base_font(Name(name))
            .encoding_predefined(Name(b"WinAnsiEncoding"));
    }
    let title = format!("Certificate: {}", certificate.module_title);
    pdf.document_info(info)
        .title(TextStr(&title))
        .creator(TextStr("Investigation Resources Hub"));

    let mut content = Content::new();
    content
        .set_stroke_rgb(BLUE.0, BLUE.1, BLUE.2)
        .set_line_width(6.0)
        .rect(24.0, 24.0, WIDTH - 48.0, HEIGHT - 48.0)
        .stroke();
    let mut lines = Lines::new(&mut content, HEIGHT - MARGIN - 10.0);
    lines.colour(BLUE);
    lines.write(true, 16.0, "Investigation Resources Hub");
    lines.colour((0.0, 0.0, 0.0));
    lines.gap(30.0);
    lines.write(true, 30.0, "Certificate of completion");
    lines.gap(26.0);
    lines.write(false, 14.0, "This certifies that");
    lines.gap(8.0);
    lines.write(true, 24.0, certificate.holder_name);
    lines.gap(8.0);
    lines.write(false, 14.0, "completed the module");
    lines.gap(8.0);
    for line in wrap(certificate.module_title, 52) {
        lines.write(true, 20.0, &line);
    }
    lines.gap(16.0);
    lines.write(
        false,
        14.0,
        &format!(
            "CPD: {}   Completed on {}",
            certificate.hours, certificate.issued_on
        ),
    );
    if certificate.revoked {
        lines.gap(16.0);
        lines.colour((0.83, 0.02, 0.07));
        lines.write(true, 16.0, "This certificate has been revoked.");
        lines.colour((0.0, 0.0, 0.0));
    }
    let footer = [
        "Anyone can check this certificate, and whether it still stands, at:".to_string(),
        certificate.address.to_string(),
    ];
    let mut bottom = Lines::new(&mut content, MARGIN + 16.0);
    for line in footer {
        bottom.write(false, 10.0, &line);
    }
    pdf.stream(contents, &content.finish());
    pdf.finish()
}

/// Lines of text down the page from `y`, at the left margin.
struct Lines<'a> {
    content: &'a mut Content,
    y: f32,
}

impl<'a> Lines<'a> {
    fn new(content: &'a mut Content, y: f32) -> Self {
        Lines { content, y }
    }

    fn colour(&mut self, (r, g, b): (f32, f32, f32)) {
        self.content.set_fill_rgb(r, g, b);
    }

    fn gap(&mut self, points: f32) {
        self.y -= points;
    }

    fn write(&mut self, bold: bool, size: f32, text: &str) {
        self.y -= size;
        let font = if bold { &b"F2"[..] } else { &b"F1"[..] };
        let bytes = win_ansi(text);
        self.content
            .begin_text()
            .set_font(Name(font), size)
            .next_line(MARGIN, self.y)
            .show(Str(&bytes))
            .end_text();
        self.y -= size * 0.35;
    }
}

/// `text` in the WinAnsi encoding of the standard fonts; a character they
/// do not have becomes "?".
pub fn win_ansi(text: &str) -> Vec<u8> {
    const HIGH: [(char, u8); 27] = [
        ('€', 0x80),
        ('‚', 0x82),
        ('ƒ', 0x83),
        ('„', 0x84),
        ('…', 0x85),
        ('†', 0x86),
        ('‡', 0x87),
        ('ˆ', 0x88),
        ('‰', 0x89),
        ('Š', 0x8A),
        ('‹', 0x8B),
        ('Œ', 0x8C),
        ('Ž', 0x8E),
        ('‘', 0x91),
        ('’', 0x92),
        ('“', 0x93),
        ('”', 0x94),
        ('•', 0x95),
        ('–', 0x96),
        ('—', 0x97),
        ('˜', 0x98),
        ('™', 0x99),
        ('š', 0x9A),
        ('›', 0x9B),
        ('œ', 0x9C),
        ('ž', 0x9E),
        ('Ÿ', 0x9F),
    ];
    text.chars()
        .map(|c| match c as u32 {
            0x20..=0x7E | 0xA0..=0xFF => c as u8,
            _ => HIGH
                .iter()
                .find(|(high, _)| *high == c)
                .map_or(b'?', |(_, byte)| *byte),
        })
        .collect()
}

/// `text` in lines of at most `width` characters, broken between words
/// (a word longer than a line is cut).
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let mut word: Vec<char> = word.chars().collect();
        while word.len() > width {
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            lines.push(word.drain(..width).collect());
        }
        let word: String = word.into_iter().collect();
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(&word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_written_in_the_standard_fonts_encoding() {
        assert_eq!(
            win_ansi("Zoë “O’Neil” – 2€"),
            b"Zo\xEB \x93O\x92Neil\x94 \x96 2\x80"
        );
        assert_eq!(win_ansi("李 😀\u{7}"), b"? ??");
    }

    #[test]
    fn long_titles_wrap_between_words() {
        assert_eq!(wrap("one two three", 7), ["one two", "three"]);
        assert_eq!(wrap("  spaced   out ", 20), ["spaced out"]);
        assert_eq!(wrap("abcdefghij k", 4), ["abcd", "efgh", "ij k"]);
        assert!(wrap("", 10).is_empty());
    }

    #[test]
    fn the_pdf_is_one_page_naming_the_holder_and_the_module() {
        let bytes = render(&Certificate {
            holder_name: "Priya Shah",
            module_title: "Systems thinking for investigators",
            hours: "2 hours",
            issued_on: "6 December 2026",
            address: "https://hub.example/credentials/abc",
            revoked: false,
        });
        let text = String::from_utf8_lossy(&bytes);
        assert!(text.starts_with("%PDF-"));
        assert!(text.contains("(Priya Shah)"));
        assert!(text.contains("(Systems thinking for investigators)"));
        assert!(text.contains("/Count 1"));
        assert!(text.trim_end().ends_with("%%EOF"));
        assert!(!text.contains("revoked."));
    }
}
