//! The report's assembly and its Markdown, without a database or browser.
use super::markdown::*;
use super::*;
use crate::toolkits::actions::{ActionStatus, Intervention, Strength, Warning};
use crate::toolkits::analysis::FindingKind;
use crate::toolkits::example::example;
use crate::toolkits::timeline::{Moment, When};
use crate::toolkits::types::{Details, Problem, Source};
use crate::vocabulary::{LearningResponse, Sector};

const HEADINGS: [&str; 6] = [
    "About this learning response",
    "Chronology",
    "Findings by work-system element",
    "Contributory factors",
    "Safety actions",
    "Points to check",
];

fn headings(report: &Report) -> Vec<&str> {
    report
        .sections
        .iter()
        .map(|section| section.heading.as_str())
        .collect()
}

fn section<'a>(report: &'a Report, heading: &str) -> &'a [Block] {
    let found = report.sections.iter().find(|s| s.heading == heading);
    &found
        .unwrap_or_else(|| panic!("no section {heading}"))
        .blocks
}

fn table(blocks: &[Block]) -> (&[String], &[Vec<String>]) {
    match blocks {
        [Block::Table { header, rows, .. }] => (header, rows),
        other => panic!("not one table: {other:?}"),
    }
}

fn list(block: &Block) -> &[String] {
    match block {
        Block::List(items) => items,
        other => panic!("not a list: {other:?}"),
    }
}

fn empty() -> Workspace {
    Workspace {
        id: 3,
        details: Details {
            title: "Fall on a ward".into(),
            response: LearningResponse::AfterActionReview,
            sector: None,
            scope: String::new(),
        },
        version: 1,
        updated: String::new(),
        entries: vec![],
        findings: vec![],
        factors: vec![],
        actions: vec![],
    }
}

fn date(text: &str) -> chrono::NaiveDate {
    chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

fn entry(id: i64, start: &str, what: &str) -> Entry {
    Entry {
        id,
        when: When {
            start: Moment::from_stored(start).unwrap(),
            end: None,
            approximate: false,
        },
        what: what.into(),
        who: "Staff nurse".into(),
        place: "Bay 2".into(),
        source: Source::ClinicalRecord,
        source_detail: String::new(),
        note: String::new(),
        problem: None,
        elements: vec![],
        same_as: None,
    }
}

fn finding(id: i64, element: SeipsElement, text: &str, evidence: &[i64]) -> Finding {
    Finding {
        id,
        element,
        kind: FindingKind::Barrier,
        text: text.into(),
        evidence: evidence.to_vec(),
        other_evidence: String::new(),
        interacts_with: vec![],
    }
}

fn factor(id: i64, text: &str, findings: &[i64]) -> Factor {
    Factor {
        id,
        text: text.into(),
        elements: vec![SeipsElement::Tasks],
        findings: findings.to_vec(),
    }
}

fn action(id: i64, description: &str, factors: &[i64]) -> SafetyAction {
    SafetyAction {
        id,
        description: description.into(),
        intervention: Intervention::Checklist,
        strength: Strength::Intermediate,
        strength_reason: String::new(),
        factors: factors.to_vec(),
        owner: "Ward manager".into(),
        due: Some(date("2026-06-30")),
        measure: "Monthly audit".into(),
        status: ActionStatus::Proposed,
    }
}

/// The text of every block, for searching.
fn all_text(report: &Report) -> String {
    let mut text = report.title.clone();
    for section in &report.sections {
        for block in &section.blocks {
            match block {
                Block::Paragraph(line) | Block::Subheading(line) => text.push_str(line),
                Block::List(items) => text.push_str(&items.join("\n")),
                Block::Table { rows, .. } => {
                    for row in rows {
                        text.push_str(&row.join("\n"));
                    }
                }
            }
            text.push('\n');
        }
    }
    text
}

#[test]
fn the_example_is_assembled_in_order_and_numbered_as_its_pages_number_it() {
    let example = example().unwrap();
    let report = assemble(&example);
    assert_eq!(report.title, example.details.title);
    assert_eq!(headings(&report), HEADINGS);

    let about = section(&report, HEADINGS[0]);
    assert!(about.contains(&Block::Paragraph(
        "Learning response: Patient safety incident investigation (PSII)".into()
    )));
    assert!(about.contains(&Block::Paragraph("Sector: Primary care".into())));
    assert!(about.contains(&Block::Paragraph(format!(
        "Scope: {}",
        example.details.scope
    ))));
    assert!(
        matches!(&about[0], Block::Paragraph(text) if text.contains("no patient-identifiable information"))
    );

    // The chronology: a row per entry, in time order, numbered from 1.
    let (header, rows) = table(section(&report, HEADINGS[1]));
    assert_eq!(header.len(), 8);
    assert_eq!(header[7], "Marks and flags");
    assert_eq!(rows.len(), example.entries.len());
    for (index, (row, entry)) in rows.iter().zip(&example.entries).enumerate() {
        assert_eq!(row.len(), 8);
        assert_eq!(row[0], (index + 1).to_string());
        assert_eq!(row[1], entry.when.shown());
        assert_eq!(row[2], entry.what);
    }
    // The statement recording the same event as the log names the log's
    // number, and disagrees with it about the time.
    let statement = example
        .entries
        .iter()
        .position(|entry| entry.what.starts_with("The secretary recalls"))
        .unwrap();
    let log = example
        .entries
        .iter()
        .position(|entry| entry.what.starts_with("The task is marked complete"))
        .unwrap();
    let marks = &rows[statement][7];
    assert!(
        marks.contains(&format!("Same as entry {}", log + 1)),
        "{marks}"
    );
    assert!(
        marks.contains("Flag: Sources disagree about the time"),
        "{marks}"
    );
    assert!(rows[statement][5].starts_with("Written statement: "));
    assert!(rows
        .iter()
        .any(|row| row[7].contains("Flag: No record for")));

    // The scan: a subheading and list per element (all six have findings
    // in the example), the findings numbered 1 to 10 across them.
    let blocks = section(&report, HEADINGS[2]);
    let subheadings: Vec<&str> = blocks
        .iter()
        .filter_map(|block| match block {
            Block::Subheading(text) => Some(text.as_str()),
            _ => None,
        })
        .collect();
    let mut expected: Vec<&str> = SeipsElement::ALL.iter().map(|e| e.label()).collect();
    expected.push("Interactions between elements");
    assert_eq!(subheadings, expected);
    let items: Vec<&String> = blocks[..12]
        .iter()
        .filter(|block| matches!(block, Block::List(_)))
        .flat_map(list)
        .collect();
    assert_eq!(items.len(), example.findings.len());
    for (index, (item, finding)) in items.iter().zip(&example.findings).enumerate() {
        let start = format!("{}. {}: {}", index + 1, finding.kind.label(), finding.text);
        assert!(item.starts_with(&start), "{item}");
    }
    // The first finding cites entries by their numbers in the chronology.
    let cited: Vec<String> = example.findings[0]
        .evidence
        .iter()
        .map(|id| {
            let at = example.entries.iter().position(|e| e.id == *id).unwrap();
            (at + 1).to_string()
        })
        .collect();
    assert!(
        items[0].ends_with(&format!("(evidence: entries {})", cited.join(", "))),
        "{}",
        items[0]
    );
    let shown = list(blocks.last().unwrap());
    assert_eq!(shown.len(), interactions(&example.findings).len());
    assert!(shown[0].starts_with("People and "), "{shown:?}");

    // Factors, each with its elements and findings.
    let factors = list(&section(&report, HEADINGS[3])[0]);
    assert_eq!(factors.len(), 5);
    for (index, item) in factors.iter().enumerate() {
        assert!(item.starts_with(&format!("{}. ", index + 1)), "{item}");
        assert!(item.contains("(elements: "), "{item}");
        assert!(item.contains("; from finding"), "{item}");
    }

    // Actions: a row each, the overridden strength with its reason.
    let (header, rows) = table(section(&report, HEADINGS[4]));
    assert_eq!(header.len(), 9);
    assert_eq!(rows.len(), 7);
    let overridden = example
        .actions
        .iter()
        .position(|action| !action.suggested())
        .unwrap();
    let cell = &rows[overridden][3];
    assert!(cell.contains("(suggested: "), "{cell}");
    assert!(
        cell.ends_with(&format!(
            "; {})",
            example.actions[overridden].strength_reason
        )),
        "{cell}"
    );
    assert!(rows.iter().any(|row| row[3].ends_with("(as suggested)")));
    assert!(rows.iter().all(|row| row[6] != "Not given"));

    // The example's one deliberate gap.
    let points = list(&section(&report, HEADINGS[5])[0]);
    assert_eq!(points.len(), 1);
    assert!(
        points[0].starts_with("Action 6") && points[0].contains("measured"),
        "{points:?}"
    );
}

#[test]
fn the_examples_markdown_has_each_part_once() {
    let example = example().unwrap();
    let written = markdown(&assemble(&example));
    assert!(written.starts_with("# Urgent referral not sent (fictional example)\n\n## About"));
    assert!(written.ends_with('\n') && !written.ends_with("\n\n"));
    for heading in HEADINGS {
        assert_eq!(
            written.matches(&format!("\n## {heading}\n")).count(),
            1,
            "{heading}"
        );
    }
    // A header, a divider and a row per entry, each of 8 cells.
    let chronology: Vec<&str> = written
        .lines()
        .skip_while(|line| !line.starts_with("| No. | When |"))
        .take_while(|line| line.starts_with('|'))
        .collect();
    assert_eq!(chronology.len(), 2 + example.entries.len());
    assert_eq!(
        chronology[1],
        "| --- | --- | --- | --- | --- | --- | --- | --- |"
    );
    assert!(written.contains("\n- 1\\. Barrier: Locum GPs"), "{written}");
    assert!(written.contains("\n**Timeline entries in time order**\n\n| No."));
    // The scope's line break is kept, as Markdown's own.
    assert!(written.contains("arrived.") && written.contains("referrals.\\\nNot in scope"));
}

/// Cells in a written table row: the `|` not escaped, less one.
fn cells(line: &str) -> usize {
    let mut count = 0;
    let mut escaped = false;
    for c in line.chars() {
        if c == '|' && !escaped {
            count += 1;
        }
        escaped = c == '\\' && !escaped;
    }
    count - 1
}

fn hostile() -> Workspace {
    let mut workspace = empty();
    workspace.details.title = "# Not <b>bold</b> | *x*".into();
    workspace.details.scope =
        "<script>alert('scope')</script>\r\n# heading\r\n\r\n- item\n1. one\n    code".into();
    let mut first = entry(
        1,
        "2026-03-14T02:05",
        "<script>alert(1)</script>\r\n# heading | *star* _under_ `tick`\n[link](javascript:x) &amp; ~~gone~~",
    );
    first.note = "a | b\nc\\".into();
    first.who = "<img src=x onerror=alert(1)>".into();
    workspace.entries = vec![first];
    workspace.findings = vec![finding(
        1,
        SeipsElement::Tasks,
        "1. looks like a list\n2) and again\n- dash\n+ plus\n===\n***",
        &[1],
    )];
    workspace.factors = vec![factor(1, "<!-- comment --> ![img](x)", &[1])];
    workspace.actions = vec![action(1, "Fit | pipes\r\nand `code`", &[1])];
    workspace
}

#[test]
fn hostile_text_is_written_as_typed() {
    let written = markdown(&assemble(&hostile()));
    assert!(
        written.starts_with("# \\# Not \\<b\\>bold\\</b\\> \\| \\*x\\*\n"),
        "{written}"
    );
    // No HTML, raw or as a line break, and no carriage returns.
    assert!(!written.contains('\r'));
    assert!(!written.contains("<br"));
    for (at, _) in written.match_indices('<') {
        assert_eq!(&written[at - 1..at], "\\", "unescaped < at {at}: {written}");
    }
    // The captions' bold is the hub's own.
    let text: String = written
        .lines()
        .filter(|line| !line.starts_with("**"))
        .collect::<Vec<_>>()
        .join("\n");
    for mark in ['*', '_', '`', '[', ']', '&', '~', '>'] {
        for (at, _) in text.match_indices(mark) {
            assert!(
                text[..at].ends_with('\\'),
                "unescaped {mark} at {at}: {text}"
            );
        }
    }
    // No line of the user's starts a heading, list or code block.
    for line in written.lines() {
        let starts_block = line.starts_with("# ") && !line.starts_with("# \\#")
            || line.starts_with("1.")
            || line.starts_with("2)")
            || line.starts_with("+ ")
            || line.starts_with("===")
            || line.starts_with("    ");
        assert!(!starts_block, "{line:?} in {written}");
    }
    assert!(written.contains("\nScope: \\<script\\>alert('scope')\\</script\\>\\\n\\# heading\n\n\\- item\\\n1\\. one\\\ncode\n"), "{written}");
    assert!(
        written.contains(
            "\n- 1\\. Barrier: 1. looks like a list\\\n  2\\) and again\\\n  \\- dash\\\n  \\+ plus\\\n  \\===\\\n  \\*\\*\\* (evidence: entry 1)\n"
        ),
        "{written}"
    );
    // Table rows keep their 8 and 9 cells: pipes in the text are escaped,
    // line breaks are spaces.
    let rows: Vec<&str> = written
        .lines()
        .filter(|line| line.starts_with("| 1 |"))
        .collect();
    assert_eq!(rows.len(), 2, "{written}");
    assert_eq!(cells(rows[0]), 8, "{}", rows[0]);
    assert!(rows[0].contains("| a \\| b c\\\\ |"), "{}", rows[0]);
    assert_eq!(cells(rows[1]), 9, "{}", rows[1]);
    assert!(
        rows[1].contains("| Fit \\| pipes and \\`code\\` |"),
        "{}",
        rows[1]
    );
}

/// What a Markdown reader makes of it: the markup the hub wrote, and the
/// user's text as text.
#[test]
fn hostile_text_renders_as_text() {
    use pulldown_cmark::{html, Options, Parser};
    let written = markdown(&assemble(&hostile()));
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let mut rendered = String::new();
    html::push_html(&mut rendered, Parser::new_ext(&written, options));
    for tag in [
        "<script", "<img", "<b>", "<em>", "<code>", "<a ", "<ol", "<hr", "<pre", "<del", "<!--",
        "<h4",
    ] {
        assert!(!rendered.contains(tag), "{tag} in {rendered}");
    }
    assert_eq!(rendered.matches("<h1>").count(), 1);
    assert_eq!(rendered.matches("<h2>").count(), 6);
    assert_eq!(rendered.matches("<table>").count(), 2);
    assert!(
        rendered.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "{rendered}"
    );
    assert!(
        rendered.contains("# heading | *star* _under_ `tick`"),
        "{rendered}"
    );
    assert!(
        rendered.contains("[link](javascript:x) &amp;amp; ~~gone~~"),
        "{rendered}"
    );
    assert!(
        rendered.contains("1. looks like a list<br />\n2) and again"),
        "{rendered}"
    );
}

#[test]
fn an_empty_workspace_says_what_is_missing() {
    let report = assemble(&empty());
    assert_eq!(headings(&report), HEADINGS);
    let about = section(&report, HEADINGS[0]);
    assert_eq!(
        &about[1..],
        [
            Block::Paragraph("Learning response: After Action Review".into()),
            Block::Paragraph("Sector: Not given".into()),
            Block::Paragraph("Scope: Not given yet".into()),
        ]
    );
    let only = |heading: &str| section(&report, heading).to_vec();
    assert_eq!(
        only(HEADINGS[1]),
        [Block::Paragraph("No timeline entries yet.".into())]
    );
    assert_eq!(
        only(HEADINGS[2]),
        [Block::Paragraph("No findings yet.".into())]
    );
    assert_eq!(
        only(HEADINGS[3]),
        [Block::Paragraph("No contributory factors yet.".into())]
    );
    assert_eq!(
        only(HEADINGS[4]),
        [Block::Paragraph("No safety actions yet.".into())]
    );
    assert_eq!(only(HEADINGS[5]), [Block::Paragraph("None.".into())]);
    let written = markdown(&report);
    assert!(
        written.ends_with("\n## Points to check\n\nNone.\n"),
        "{written}"
    );
    assert!(!written.contains("\n\n\n"));
}

#[test]
fn every_warning_is_a_point_to_check() {
    let mut workspace = empty();
    workspace.factors = vec![
        factor(4, "Nobody held the referral", &[]),
        factor(9, "The task screen hid the letter", &[]),
    ];
    let mut unowned = action(1, "Remind staff of the referral policy", &[4]);
    unowned.owner = String::new();
    unowned.due = None;
    unowned.measure = String::new();
    unowned.intervention = Intervention::NewProcedure;
    unowned.strength = Strength::Weaker;
    let mut blaming = action(2, "Start disciplinary action against the secretary", &[]);
    blaming.intervention = Intervention::TrainingAlone;
    blaming.strength = Strength::Weaker;
    workspace.actions = vec![unowned, blaming];

    let found = warnings(&workspace.factors, &workspace.actions);
    let kinds = [
        matches!(found[..], [Warning::FactorWithoutAction { factor: 9 }, ..]),
        found.contains(&Warning::NoFactor { action: 2 }),
        found.contains(&Warning::NoOwner { action: 1 }),
        found.contains(&Warning::NoDueDate { action: 1 }),
        found.contains(&Warning::NoMeasure { action: 1 }),
        found.contains(&Warning::Blame { action: 2 }),
        found.contains(&Warning::AllWeaker),
    ];
    assert!(kinds.iter().all(|&kind| kind), "{found:?}");

    let report = assemble(&workspace);
    let points = list(&section(&report, HEADINGS[5])[0]);
    let described: Vec<String> = found
        .iter()
        .map(|warning| describe(warning, &workspace.factors, &workspace.actions))
        .collect();
    assert_eq!(points, described);
    assert!(points[0].starts_with("Factor 2, “The task screen hid the letter”,"));
    assert!(points
        .iter()
        .any(|point| point.contains("reads as blaming")));
    assert!(points
        .last()
        .unwrap()
        .starts_with("Every action is a weaker one"));
    // The gaps show in the actions' table too.
    let (_, rows) = table(section(&report, HEADINGS[4]));
    assert_eq!(rows[0][5..8], ["Not given", "Not given", "Not given"]);
    assert_eq!(rows[1][4], "None");
    assert_eq!(rows[0][3], "Weaker (as suggested)");
    let written = markdown(&report);
    for point in points {
        assert!(
            written.contains(&format!("- {}\n", lines(point).join(""))),
            "{point}"
        );
    }
}

#[test]
fn numbers_follow_the_lists_not_the_ids() {
    let mut workspace = empty();
    let mut later = entry(40, "2026-03-14T09:00", "Later");
    later.same_as = Some(7);
    later.problem = Some(Problem::CareDelivery);
    later.elements = vec![SeipsElement::People, SeipsElement::Tools];
    later.source = Source::Interview;
    later.source_detail = "Interview with the nurse".into();
    workspace.entries = vec![entry(7, "2026-03-14T02:00", "Earlier"), later];
    workspace.findings = vec![
        finding(30, SeipsElement::People, "A", &[40, 7]),
        Finding {
            kind: FindingKind::Facilitator,
            other_evidence: "Ward policy".into(),
            interacts_with: vec![SeipsElement::People],
            ..finding(12, SeipsElement::Tools, "B", &[40])
        },
        Finding {
            interacts_with: vec![SeipsElement::People],
            ..finding(3, SeipsElement::Tools, "C", &[])
        },
    ];
    workspace.factors = vec![factor(8, "F", &[3, 30])];
    workspace.actions = vec![SafetyAction {
        strength: Strength::Weaker,
        strength_reason: "Only a reminder".into(),
        ..action(5, "Act", &[8])
    }];
    workspace.details.sector = Some(Sector::AcuteHospital);
    let report = assemble(&workspace);
    let (_, rows) = table(section(&report, HEADINGS[1]));
    assert_eq!(
        rows[1],
        [
            "2",
            "14 Mar 2026, 09:00",
            "Later",
            "Staff nurse",
            "Bay 2",
            "Interview: Interview with the nurse",
            "",
            "Care delivery problem; SEIPS: People, Tools and technology; Same as entry 1; \
             Flag: No record for 7 hours before this; \
             Flag: Sources disagree about the time: the same event is recorded at 14 Mar 2026, 02:00 (Clinical record)",
        ]
    );
    let blocks = section(&report, HEADINGS[2]);
    assert_eq!(
        blocks,
        [
            Block::Subheading("People".into()),
            Block::List(vec!["1. Barrier: A (evidence: entries 1, 2)".into()]),
            Block::Subheading("Tools and technology".into()),
            Block::List(vec![
                "2. Facilitator: B (evidence: entry 2; Ward policy)".into(),
                "3. Barrier: C (no evidence cited)".into(),
            ]),
            Block::Paragraph(
                "No findings yet for: Tasks, Organisation, Internal environment, External environment."
                    .into()
            ),
            Block::Subheading("Interactions between elements".into()),
            Block::List(vec!["People and Tools and technology: findings 2, 3".into()]),
        ]
    );
    assert_eq!(
        section(&report, HEADINGS[3]),
        [Block::List(vec![
            "1. F (elements: Tasks; from findings 1, 3)".into()
        ])]
    );
    let (_, rows) = table(section(&report, HEADINGS[4]));
    assert_eq!(
        rows[0][3],
        "Weaker (suggested: intermediate; Only a reminder)"
    );
    assert_eq!(rows[0][4], "1");
    assert_eq!(rows[0][6], "30 Jun 2026");
    assert!(all_text(&report).contains("Sector: Acute hospital"));
}

#[test]
fn lines_are_escaped_only_where_markdown_would_read_them() {
    assert_eq!(escape_line("1. one"), "1\\. one");
    assert_eq!(escape_line("  12) twelve"), "12\\) twelve");
    assert_eq!(escape_line("3.5 mg at 10:00"), "3.5 mg at 10:00");
    assert_eq!(escape_line("2026."), "2026\\.");
    assert_eq!(escape_line("- a - b + c = d"), "\\- a - b + c = d");
    assert_eq!(escape_line("=== "), "\\===");
    assert_eq!(escape_line("a\\b"), "a\\\\b");
    assert_eq!(
        escape_line("“Complete” (not sent): 5 of 6!"),
        "“Complete” (not sent): 5 of 6!"
    );
    assert_eq!(inline("one\r\n two\tthree\u{7}\n"), "one two three");
    assert_eq!(paragraphs("a\r\nb\n \n\n  c  "), "a\\\nb\n\nc\n");
    assert_eq!(paragraphs(" \n "), "");
    assert_eq!(super::markdown::list(&["x\n\ny".into()]), "- x\\\n  y\n");
}
