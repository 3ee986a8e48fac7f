//! A certificate as a one-page PDF (A4, landscape), its text set in
//! Liberation Sans (SIL Open Font License, `fonts/OFL.txt`), embedded as a
//! subset of the glyphs it uses, so names in Latin, Greek and Cyrillic
//! scripts print as they are written. Lines are measured with the font's
//! own widths and wrapped to the page.

use std::collections::BTreeMap;
use std::io::Write;

use pdf_writer::types::{CidFontType, FontFlags, SystemInfo, TextRenderingMode, UnicodeCmap};
use pdf_writer::{Content, Filter, Finish, Name, Pdf, Rect, Ref, Str, TextStr};
use skrifa::instance::{LocationRef, Size};
use skrifa::metrics::GlyphMetrics;
use skrifa::{FontRef, GlyphId, MetadataProvider};
use subsetter::GlyphRemapper;

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

const FONT_DATA: &[u8] = include_bytes!("fonts/LiberationSans-Regular.ttf");
/// A subset's name: a tag of six capitals, then the font's.
const FONT_NAME: &[u8] = b"HUBCRT+LiberationSans";

const WIDTH: f32 = 842.0;
const HEIGHT: f32 = 595.0;
const MARGIN: f32 = 72.0;
const TEXT_WIDTH: f32 = WIDTH - 2.0 * MARGIN;
/// NHS blue.
const BLUE: (f32, f32, f32) = (0.0, 0.369, 0.722);
const BLACK: (f32, f32, f32) = (0.0, 0.0, 0.0);
/// NHS red, for "revoked".
const RED: (f32, f32, f32) = (0.835, 0.0, 0.208);

/// The embedded font: its glyphs, their widths, and the glyphs a document
/// uses (renumbered for the subset).
struct Font {
    face: FontRef<'static>,
    glyphs: GlyphMetrics<'static>,
    units_per_em: f32,
    used: GlyphRemapper,
    /// New glyph id → the character it shows, for copying text out.
    text: BTreeMap<u16, char>,
}

fn face() -> Option<FontRef<'static>> {
    FontRef::new(FONT_DATA).ok()
}

impl Font {
    fn load() -> Option<Font> {
        let face = face()?;
        let glyphs = face.glyph_metrics(Size::unscaled(), LocationRef::default());
        let units_per_em = f32::from(
            face.metrics(Size::unscaled(), LocationRef::default())
                .units_per_em,
        );
        Some(Font {
            face,
            glyphs,
            units_per_em,
            used: GlyphRemapper::new(),
            text: BTreeMap::new(),
        })
    }

    fn glyph(&self, c: char) -> GlyphId {
        self.face.charmap().map(c).unwrap_or(GlyphId::NOTDEF)
    }

    /// The width of `text` at `size` points.
    fn width(&self, text: &str, size: f32) -> f32 {
        text.chars()
            .map(|c| self.glyphs.advance_width(self.glyph(c)).unwrap_or(0.0))
            .sum::<f32>()
            / self.units_per_em
            * size
    }

    /// `text` as the subset's two-byte glyph ids.
    fn encode(&mut self, text: &str) -> Vec<u8> {
        let mut bytes = Vec::with_capacity(text.len() * 2);
        for c in text.chars() {
            let old = u16::try_from(self.glyph(c).to_u32()).unwrap_or(0);
            let new = self.used.remap(old);
            if old != 0 {
                self.text.insert(new, c);
            }
            bytes.extend_from_slice(&new.to_be_bytes());
        }
        bytes
    }
}

/// Whether the PDF shows `text` as written: its font has a glyph for every
/// character, and none is of a script written right to left (the PDF sets
/// glyphs left to right, unshaped). If not, the certificate's page, printed
/// from the browser, shows any script.
pub fn prints(text: &str) -> bool {
    let Some(face) = face() else {
        return false;
    };
    let charmap = face.charmap();
    text.chars()
        .all(|c| c.is_whitespace() || (!is_right_to_left(c) && charmap.map(c).is_some()))
}

/// Hebrew, Arabic, Syriac, Thaana, N'Ko, Samaritan, Mandaic and their
/// presentation forms.
fn is_right_to_left(c: char) -> bool {
    matches!(c, '\u{0590}'..='\u{08FF}' | '\u{FB1D}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}')
}

/// The certificate as PDF bytes (None only if the embedded font cannot be
/// read or subset, which the tests rule out).
pub fn render(certificate: &Certificate<'_>) -> Option<Vec<u8>> {
    let mut font = Font::load()?;
    let mut content = Content::new();
    content
        .set_stroke_rgb(BLUE.0, BLUE.1, BLUE.2)
        .set_line_width(6.0)
        .rect(24.0, 24.0, WIDTH - 48.0, HEIGHT - 48.0)
        .stroke();
    let mut page = Lines {
        content: &mut content,
        font: &mut font,
        y: HEIGHT - MARGIN - 10.0,
    };
    page.write(BLUE, true, 16.0, "Investigation Resources Hub");
    page.gap(30.0);
    page.write(BLACK, true, 30.0, "Certificate of completion");
    page.gap(26.0);
    page.write(BLACK, false, 14.0, "This certifies that");
    page.gap(8.0);
    page.write_within(BLACK, 24.0, 2, certificate.holder_name);
    page.gap(8.0);
    page.write(BLACK, false, 14.0, "completed the module");
    page.gap(8.0);
    page.write_within(BLACK, 20.0, 3, certificate.module_title);
    page.gap(16.0);
    let facts = format!(
        "CPD: {} · Completed on {}",
        certificate.hours, certificate.issued_on
    );
    page.write(BLACK, false, 14.0, &facts);
    if certificate.revoked {
        page.gap(16.0);
        page.write(RED, true, 16.0, "This certificate has been revoked.");
    }
    page.y = MARGIN + 30.0;
    page.write(
        BLACK,
        false,
        10.0,
        "Anyone can check this certificate, and whether it still stands, at:",
    );
    page.write(BLUE, false, 10.0, certificate.address);
    assemble(certificate, font, content)
}

/// The document around the page's content: the page, the font (subset,
/// compressed, with the map back to text) and the document's title and
/// language.
fn assemble(certificate: &Certificate<'_>, font: Font, content: Content) -> Option<Vec<u8>> {
    let catalog = Ref::new(1);
    let pages = Ref::new(2);
    let page = Ref::new(3);
    let contents = Ref::new(4);
    let type0 = Ref::new(5);
    let cid = Ref::new(6);
    let descriptor = Ref::new(7);
    let to_unicode = Ref::new(8);
    let font_file = Ref::new(9);
    let info = Ref::new(10);

    let mut pdf = Pdf::new();
    let mut root = pdf.catalog(catalog);
    root.pages(pages).lang(TextStr("en-GB"));
    root.viewer_preferences().display_doc_title(true);
    root.finish();
    pdf.pages(pages).kids([page]).count(1);
    let mut writer = pdf.page(page);
    writer
        .media_box(Rect::new(0.0, 0.0, WIDTH, HEIGHT))
        .parent(pages)
        .contents(contents);
    writer.resources().fonts().pair(Name(b"F1"), type0);
    writer.finish();
    pdf.stream(contents, &deflate(&content.finish())?)
        .filter(Filter::FlateDecode);

    let system_info = SystemInfo {
        registry: Str(b"Adobe"),
        ordering: Str(b"Identity"),
        supplement: 0,
    };
    pdf.type0_font(type0)
        .base_font(Name(FONT_NAME))
        .encoding_predefined(Name(b"Identity-H"))
        .descendant_font(cid)
        .to_unicode(to_unicode);
    let scale = 1000.0 / font.units_per_em;
    let widths: Vec<f32> = font
        .used
        .remapped_gids()
        .map(|old| {
            font.glyphs
                .advance_width(GlyphId::new(u32::from(old)))
                .unwrap_or(0.0)
                * scale
        })
        .collect();
    let mut cid_font = pdf.cid_font(cid);
    cid_font
        .subtype(CidFontType::Type2)
        .base_font(Name(FONT_NAME))
        .system_info(system_info)
        .font_descriptor(descriptor)
        .cid_to_gid_map_predefined(Name(b"Identity"));
    cid_font.widths().consecutive(0, widths);
    cid_font.finish();

    let mut cmap = UnicodeCmap::new(Name(b"Custom"), system_info);
    for (&glyph, &c) in &font.text {
        cmap.pair(glyph, c);
    }
    pdf.cmap(to_unicode, &deflate(&cmap.finish())?)
        .filter(Filter::FlateDecode);

    let subset = subsetter::subset(FONT_DATA, 0, &font.used).ok()?;
    let compressed = deflate(&subset)?;
    let mut file = pdf.stream(font_file, &compressed);
    file.filter(Filter::FlateDecode)
        .pair(Name(b"Length1"), i32::try_from(subset.len()).ok()?);
    file.finish();
    let metrics = font.face.metrics(Size::unscaled(), LocationRef::default());
    let bounds = metrics.bounds.unwrap_or_default();
    pdf.font_descriptor(descriptor)
        .name(Name(FONT_NAME))
        .flags(FontFlags::NON_SYMBOLIC)
        .bbox(Rect::new(
            bounds.x_min * scale,
            bounds.y_min * scale,
            bounds.x_max * scale,
            bounds.y_max * scale,
        ))
        .italic_angle(0.0)
        .ascent(metrics.ascent * scale)
        .descent(metrics.descent * scale)
        .cap_height(metrics.cap_height.unwrap_or(metrics.ascent) * scale)
        .stem_v(80.0)
        .font_file2(font_file);

    let title = format!("Certificate: {}", certificate.module_title);
    pdf.document_info(info)
        .title(TextStr(&title))
        .author(TextStr("Investigation Resources Hub"))
        .creator(TextStr("Investigation Resources Hub"));
    Some(pdf.finish())
}

fn deflate(data: &[u8]) -> Option<Vec<u8>> {
    let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(data).ok()?;
    encoder.finish().ok()
}

/// Lines of text down the page from `y`, at the left margin, wrapped to
/// the text's width.
struct Lines<'a> {
    content: &'a mut Content,
    font: &'a mut Font,
    y: f32,
}

impl Lines<'_> {
    fn gap(&mut self, points: f32) {
        self.y -= points;
    }

    /// `text` in bold at `size` points, or smaller (down to 12) until it
    /// takes at most `most_lines`: a long name or title never runs into the
    /// foot of the page.
    fn write_within(&mut self, colour: (f32, f32, f32), size: f32, most_lines: usize, text: &str) {
        let mut size = size;
        while size > 12.0
            && wrap(text, |part| self.font.width(part, size) <= TEXT_WIDTH).len() > most_lines
        {
            size -= 1.0;
        }
        self.write(colour, true, size, text);
    }

    /// `text` in `colour` at `size` points, in heavy strokes if `bold`
    /// (the one embedded weight, drawn filled and outlined).
    fn write(&mut self, colour: (f32, f32, f32), bold: bool, size: f32, text: &str) {
        let (r, g, b) = colour;
        self.content.set_fill_rgb(r, g, b).set_stroke_rgb(r, g, b);
        for line in wrap(text, |part| self.font.width(part, size) <= TEXT_WIDTH) {
            self.y -= size;
            let glyphs = self.font.encode(&line);
            self.content.begin_text();
            if bold {
                self.content
                    .set_text_rendering_mode(TextRenderingMode::FillStroke)
                    .set_line_width(size * 0.035);
            } else {
                self.content
                    .set_text_rendering_mode(TextRenderingMode::Fill);
            }
            self.content
                .set_font(Name(b"F1"), size)
                .next_line(MARGIN, self.y)
                .show(Str(&glyphs))
                .end_text();
            self.y -= size * 0.35;
        }
    }
}

/// `text` in lines that each `fits`, broken between words (a word too long
/// for a line of its own is cut where it no longer fits).
pub fn wrap(text: &str, fits: impl Fn(&str) -> bool) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let joined = if line.is_empty() {
            word.to_string()
        } else {
            format!("{line} {word}")
        };
        if fits(&joined) {
            line = joined;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        for c in word.chars() {
            line.push(c);
            if !fits(&line) && line.chars().count() > 1 {
                line.pop();
                lines.push(std::mem::replace(&mut line, c.to_string()));
            }
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn certificate(holder_name: &'static str, revoked: bool) -> Certificate<'static> {
        Certificate {
            holder_name,
            module_title: "Systems thinking for investigators",
            hours: "2 hours",
            issued_on: "6 December 2026",
            address: "https://hub.example/credentials/abc",
            revoked,
        }
    }

    /// The text a PDF reader would copy out: each glyph id shown, through
    /// the document's own map back to characters.
    fn shown_text(font: &Font, glyphs: &[u8]) -> String {
        glyphs
            .chunks(2)
            .map(|pair| {
                font.text
                    .get(&u16::from_be_bytes([pair[0], pair[1]]))
                    .copied()
                    .unwrap_or('?')
            })
            .collect()
    }

    #[test]
    fn names_in_latin_greek_and_cyrillic_scripts_print_as_written() {
        let mut font = Font::load().expect("the embedded font reads");
        for name in [
            "Łukasz Żółć",
            "Zoë O’Neil-Nuñez",
            "Σοφία Παπαδοπούλου",
            "Ольга Иванова",
        ] {
            assert!(prints(name), "{name}");
            let glyphs = font.encode(name);
            assert_eq!(shown_text(&font, &glyphs), name);
        }
        assert!(
            !prints("李小龍"),
            "no Chinese glyphs: the page says to print it from the browser"
        );
        assert!(!prints("שרה כהן"), "Hebrew glyphs, but set right to left");
        assert!(!prints("فاطمة"));
    }

    #[test]
    fn long_lines_wrap_between_words_to_the_page() {
        let fits = |line: &str| line.chars().count() <= 7;
        assert_eq!(wrap("one two three", fits), ["one two", "three"]);
        assert_eq!(wrap("  spaced   out ", fits), ["spaced", "out"]);
        assert_eq!(
            wrap("abcdefghij k", |l: &str| l.chars().count() <= 4),
            ["abcd", "efgh", "ij k"]
        );
        assert!(wrap("", fits).is_empty());
        let font = Font::load().unwrap();
        let name = "Wolfeschlegelsteinhausenbergerdorff ".repeat(3);
        let lines = wrap(&name, |line| font.width(line, 24.0) <= TEXT_WIDTH);
        assert!(lines.len() > 1);
        assert!(lines
            .iter()
            .all(|line| font.width(line, 24.0) <= TEXT_WIDTH));
    }

    #[test]
    fn the_pdf_is_one_small_page_with_its_font_subset() {
        let bytes = render(&certificate("Łukasz Żółć", false)).expect("a PDF");
        let text = String::from_utf8_lossy(&bytes);
        assert!(text.starts_with("%PDF-"));
        assert!(text.contains("/Count 1"));
        assert!(text.contains("/FontFile2"));
        assert!(text.contains("/ToUnicode"));
        assert!(text.contains("/Lang (en-GB)"));
        assert!(text.trim_end().ends_with("%%EOF"));
        assert!(
            bytes.len() < 40_000,
            "a subset, not the whole font: {} bytes",
            bytes.len()
        );
        // The longest name and title the hub allows stay above the foot.
        let mut font = Font::load().unwrap();
        let mut content = Content::new();
        let mut page = Lines {
            content: &mut content,
            font: &mut font,
            y: 300.0,
        };
        page.write_within(BLACK, 24.0, 2, &"Wwwwwwwwww ".repeat(8));
        page.write_within(BLACK, 20.0, 3, &"Mmmmmmmmm ".repeat(20));
        let lowest = 300.0 - 2.0 * 24.0 * 1.35 - 3.0 * 20.0 * 1.35;
        assert!(page.y >= lowest - 0.1, "{} < {lowest}", page.y);
        let revoked = render(&certificate("Priya Shah", true)).unwrap();
        assert_ne!(revoked, render(&certificate("Priya Shah", false)).unwrap());
    }
}
