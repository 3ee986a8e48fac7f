//! The scan's and the contributory factors' rules, without a database or
//! browser.
use super::*;
use SeipsElement::*;

fn strings(values: &[&str]) -> Vec<String> {
    values.iter().map(|value| value.to_string()).collect()
}

fn good() -> FindingInput {
    FindingInput {
        element: "tasks".into(),
        kind: "barrier".into(),
        text: "Observations were due hourly but the chart had no prompt".into(),
        evidence: strings(&["3"]),
        ..FindingInput::default()
    }
}

const ENTRIES: &[i64] = &[1, 3, 7];

fn fields(errors: &FieldErrors) -> Vec<&'static str> {
    errors.iter().map(|(field, _)| *field).collect()
}

fn finding_message(input: &FindingInput, field: &str) -> String {
    let errors = parse_finding(input, ENTRIES).unwrap_err();
    let found = errors.iter().find(|(f, _)| *f == field);
    found
        .unwrap_or_else(|| panic!("no {field} error in {errors:?}"))
        .1
        .clone()
}

fn finding(id: i64, element: SeipsElement, kind: FindingKind, with: &[SeipsElement]) -> Finding {
    Finding {
        id,
        element,
        kind,
        text: format!("Finding {id}"),
        evidence: vec![1],
        other_evidence: String::new(),
        interacts_with: with.to_vec(),
    }
}

fn scan() -> Vec<Finding> {
    use FindingKind::*;
    vec![
        finding(10, People, Barrier, &[Tasks]),
        finding(11, Tools, Facilitator, &[]),
        finding(12, Organisation, Barrier, &[People, InternalEnvironment]),
    ]
}

fn factor_input(text: &str, elements: &[&str], findings: &[&str]) -> FactorInput {
    FactorInput {
        text: text.into(),
        elements: strings(elements),
        findings: strings(findings),
    }
}

fn factor_message(input: &FactorInput, field: &str) -> String {
    let errors = parse_factor(input, &scan()).unwrap_err();
    let found = errors.iter().find(|(f, _)| *f == field);
    found
        .unwrap_or_else(|| panic!("no {field} error in {errors:?}"))
        .1
        .clone()
}

#[test]
fn a_finding_reads_and_trims() {
    let mut input = good();
    input.text = "  No prompt on the chart \r\n".into();
    input.evidence = strings(&["7", "", " 1 ", "7"]);
    input.other_evidence = " Observation policy, section 4 ".into();
    input.interacts_with = strings(&["tools-and-technology", "people", ""]);
    let finding = parse_finding(&input, ENTRIES).unwrap();
    assert_eq!(
        finding,
        Finding {
            id: 0,
            element: Tasks,
            kind: FindingKind::Barrier,
            text: "No prompt on the chart".into(),
            evidence: vec![1, 7],
            other_evidence: "Observation policy, section 4".into(),
            interacts_with: vec![People, Tools],
        }
    );
    // The change form reads back to the same finding.
    assert_eq!(
        parse_finding(&FindingInput::of(&finding), ENTRIES),
        Ok(finding)
    );
}

#[test]
fn every_bad_finding_field_is_named_in_form_order() {
    let input = FindingInput {
        element: "luck".into(),
        kind: "cause".into(),
        text: " ".into(),
        evidence: strings(&["9"]),
        other_evidence: "x".repeat(MAX_OTHER_EVIDENCE_CHARS + 1),
        interacts_with: strings(&["weather"]),
    };
    let errors = parse_finding(&input, ENTRIES).unwrap_err();
    assert_eq!(
        fields(&errors),
        [
            "element",
            "kind",
            "text",
            "evidence",
            "other_evidence",
            "interacts_with"
        ]
    );
}

#[test]
fn a_finding_needs_its_element_kind_and_text() {
    let mut input = good();
    input.element = String::new();
    assert_eq!(
        finding_message(&input, "element"),
        "Select the work-system element"
    );
    input.element = "luck".into();
    assert_eq!(
        finding_message(&input, "element"),
        "Select a work-system element from the list"
    );

    let mut input = good();
    for kind in ["", "cause"] {
        input.kind = kind.into();
        assert_eq!(
            finding_message(&input, "kind"),
            "Select barrier or facilitator"
        );
    }

    let mut input = good();
    input.text = " \r\n ".into();
    assert_eq!(finding_message(&input, "text"), "Enter the finding");
    input.text = "a".repeat(MAX_FINDING_CHARS + 1);
    assert_eq!(
        finding_message(&input, "text"),
        "The finding must be 1000 characters or fewer (it has 1001)"
    );
    input.text = "a".repeat(MAX_FINDING_CHARS);
    assert!(parse_finding(&input, ENTRIES).is_ok());
}

#[test]
fn a_findings_line_breaks_count_once() {
    // Browsers send CRLF: 500 lines of one letter are 999 characters.
    let mut input = good();
    input.text = vec!["a"; 500].join("\r\n");
    let text = parse_finding(&input, ENTRIES).unwrap().text;
    assert_eq!(text.chars().count(), 999);
    assert!(!text.contains('\r'));
    input.other_evidence = vec!["b"; 150].join("\r\n");
    let other = parse_finding(&input, ENTRIES).unwrap().other_evidence;
    assert_eq!(other.chars().count(), 299);
    // Multi-byte letters count as one each.
    input.other_evidence = "é".repeat(MAX_OTHER_EVIDENCE_CHARS);
    assert!(parse_finding(&input, ENTRIES).is_ok());
    input.other_evidence.push('é');
    assert_eq!(
        finding_message(&input, "other_evidence"),
        "Other evidence must be 300 characters or fewer (it has 301)"
    );
}

#[test]
fn a_finding_rests_on_evidence() {
    let mut input = good();
    input.evidence = strings(&[""]);
    assert_eq!(
        finding_message(&input, "evidence"),
        "Choose the timeline entries this finding rests on, or say where else it comes from"
    );
    // Evidence that is not on the timeline is enough on its own.
    input.other_evidence = "Interview with the ward manager".into();
    let finding = parse_finding(&input, ENTRIES).unwrap();
    assert!(finding.evidence.is_empty());
    assert_eq!(finding.other_evidence, "Interview with the ward manager");
    // Only spaces are no evidence.
    input.other_evidence = " \r\n ".into();
    assert!(parse_finding(&input, ENTRIES).is_err());
    // With no timeline at all, only other evidence will do.
    input.other_evidence = "Observation policy".into();
    assert!(parse_finding(&input, &[]).is_ok());
}

#[test]
fn evidence_no_longer_on_the_timeline_is_named_once() {
    for stale in ["2", "+3", "-1", "three", "99999999999999999999"] {
        let mut input = good();
        input.evidence = strings(&["1", stale, stale]);
        let errors = parse_finding(&input, ENTRIES).unwrap_err();
        assert_eq!(
            errors,
            vec![(
                "evidence",
                "An entry chosen as evidence is no longer on the timeline: choose again"
                    .to_string()
            )],
            "{stale}"
        );
        // Named as stale even when other evidence is given.
        input.other_evidence = "A policy".into();
        assert_eq!(
            fields(&parse_finding(&input, ENTRIES).unwrap_err()),
            ["evidence"]
        );
    }
}

#[test]
fn interactions_are_known_elements_other_than_its_own_each_once() {
    let mut input = good();
    input.interacts_with = strings(&[
        "external-environment",
        "tasks",
        "people",
        "external-environment",
    ]);
    let finding = parse_finding(&input, ENTRIES).unwrap();
    assert_eq!(finding.interacts_with, vec![People, ExternalEnvironment]);
    input.interacts_with = strings(&["tasks"]);
    assert!(parse_finding(&input, ENTRIES)
        .unwrap()
        .interacts_with
        .is_empty());
    input.interacts_with = strings(&["people", "weather"]);
    assert_eq!(
        finding_message(&input, "interacts_with"),
        "Select the elements it interacts with from the list"
    );
}

#[test]
fn a_factor_reads_and_trims() {
    let input = factor_input(
        " Night staffing left one nurse for 28 beds\r\n",
        &["organisation", "", "people"],
        &[],
    );
    let factor = parse_factor(&input, &scan()).unwrap();
    assert_eq!(
        factor,
        Factor {
            id: 0,
            text: "Night staffing left one nurse for 28 beds".into(),
            elements: vec![People, Organisation],
            findings: vec![],
        }
    );
    // A typed factor needs no scan at all.
    assert_eq!(parse_factor(&input, &[]), Ok(factor));
}

#[test]
fn a_factor_takes_the_elements_of_its_findings() {
    let input = factor_input("Handover", &["external-environment"], &["12", "10", "12"]);
    let factor = parse_factor(&input, &scan()).unwrap();
    assert_eq!(factor.findings, vec![10, 12]);
    // Chosen (external environment) plus the findings' (people, organisation).
    assert_eq!(
        factor.elements,
        vec![People, Organisation, ExternalEnvironment]
    );
    // Findings alone are enough.
    let input = factor_input("Handover", &[], &["11"]);
    assert_eq!(parse_factor(&input, &scan()).unwrap().elements, vec![Tools]);
    // Ticking an element a finding brings anyway counts it once.
    let input = factor_input("Handover", &["tools-and-technology"], &["11"]);
    assert_eq!(parse_factor(&input, &scan()).unwrap().elements, vec![Tools]);
}

#[test]
fn a_factors_change_form_reads_back_to_the_same_factor() {
    let input = factor_input("Handover", &["external-environment", "people"], &["12"]);
    let factor = parse_factor(&input, &scan()).unwrap();
    let again = FactorInput::of(&factor, &scan());
    // Organisation comes with finding 12 (its interactions do not): only
    // the rest is ticked.
    assert_eq!(again.elements, strings(&["people", "external-environment"]));
    assert_eq!(again.findings, strings(&["12"]));
    assert_eq!(parse_factor(&again, &scan()), Ok(factor));
}

#[test]
fn every_bad_factor_field_is_named_in_form_order() {
    let input = factor_input("", &["weather"], &["99"]);
    let errors = parse_factor(&input, &scan()).unwrap_err();
    assert_eq!(fields(&errors), ["text", "elements", "findings"]);

    let input = factor_input("", &[], &[""]);
    let errors = parse_factor(&input, &scan()).unwrap_err();
    assert_eq!(fields(&errors), ["text", "elements"]);
}

#[test]
fn a_factor_needs_its_text_and_somewhere_in_the_work_system() {
    let input = factor_input(" ", &["people"], &[]);
    assert_eq!(
        factor_message(&input, "text"),
        "Enter the contributory factor"
    );
    let input = factor_input(&"a\r\n".repeat(MAX_FACTOR_CHARS / 2 + 1), &["people"], &[]);
    assert_eq!(
        factor_message(&input, "text"),
        "The contributory factor must be 1000 characters or fewer (it has 1001)"
    );
    let input = factor_input("Handover", &[""], &[""]);
    assert_eq!(
        factor_message(&input, "elements"),
        "Choose the work-system elements this factor sits in, or the findings it is drawn from"
    );
    let input = factor_input("Handover", &["people", "weather"], &[]);
    assert_eq!(
        factor_message(&input, "elements"),
        "Select work-system elements from the list"
    );
}

#[test]
fn a_finding_no_longer_in_the_scan_is_named_on_its_own_field() {
    for stale in ["99", "+10", "ten"] {
        let input = factor_input("Handover", &[], &["10", stale]);
        assert_eq!(
            parse_factor(&input, &scan()).unwrap_err(),
            vec![(
                "findings",
                "A finding chosen is no longer in the scan: choose again".to_string()
            )],
            "{stale}"
        );
    }
    // Every finding is stale once the scan is empty.
    let input = factor_input("Handover", &["people"], &["10"]);
    assert_eq!(
        fields(&parse_factor(&input, &[]).unwrap_err()),
        ["findings"]
    );
}

#[test]
fn element_counts_cover_all_six_elements() {
    assert_eq!(
        element_counts(&[]),
        SeipsElement::ALL
            .iter()
            .map(|&element| ElementCount {
                element,
                barriers: 0,
                facilitators: 0
            })
            .collect::<Vec<_>>()
    );
    let mut findings = scan();
    findings.push(finding(13, People, FindingKind::Facilitator, &[]));
    findings.push(finding(14, People, FindingKind::Barrier, &[]));
    let counts: Vec<(SeipsElement, usize, usize)> = element_counts(&findings)
        .into_iter()
        .map(|count| (count.element, count.barriers, count.facilitators))
        .collect();
    assert_eq!(
        counts,
        [
            (People, 2, 1),
            (Tasks, 0, 0),
            (Tools, 0, 1),
            (Organisation, 1, 0),
            (InternalEnvironment, 0, 0),
            (ExternalEnvironment, 0, 0),
        ]
    );
}

#[test]
fn interactions_pair_elements_in_the_lists_order() {
    use FindingKind::*;
    let findings = vec![
        finding(20, InternalEnvironment, Barrier, &[Tasks]),
        finding(21, Tasks, Facilitator, &[People, InternalEnvironment]),
        finding(22, Tools, Barrier, &[]),
        finding(23, Organisation, Barrier, &[People]),
        finding(24, People, Barrier, &[Tasks]),
    ];
    let pairs: Vec<((SeipsElement, SeipsElement), Vec<i64>)> = interactions(&findings)
        .into_iter()
        .map(|interaction| (interaction.between, interaction.findings))
        .collect();
    assert_eq!(
        pairs,
        [
            ((People, Tasks), vec![21, 24]),
            ((People, Organisation), vec![23]),
            ((Tasks, InternalEnvironment), vec![20, 21]),
        ]
    );
    assert!(interactions(&[]).is_empty());
    assert!(interactions(&[finding(1, Tools, Barrier, &[])]).is_empty());
}

#[test]
fn interactions_ignore_a_findings_own_element_and_repeats() {
    // Not something parse_finding makes, but stored data may hold it.
    let findings = vec![finding(
        30,
        Tools,
        FindingKind::Barrier,
        &[Tools, People, People],
    )];
    let found = interactions(&findings);
    assert_eq!(
        found,
        vec![Interaction {
            between: (People, Tools),
            findings: vec![30],
        }]
    );
}

#[test]
fn finding_kinds_travel_as_their_slugs() {
    assert_eq!(
        serde_json::to_string(&FindingKind::Facilitator).unwrap(),
        "\"facilitator\""
    );
    assert_eq!(
        FindingKind::from_slug("barrier"),
        Some(FindingKind::Barrier)
    );
    assert_eq!(FindingKind::Barrier.label(), "Barrier");
}
