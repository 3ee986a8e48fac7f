//! The safety-action builder's rules, without a database or browser.
use super::warnings::*;
use super::*;
use crate::toolkits::analysis::Factor;
use crate::toolkits::types::SeipsElement;

fn strings(values: &[&str]) -> Vec<String> {
    values.iter().map(|value| value.to_string()).collect()
}

const FACTORS: &[i64] = &[4, 8, 15];

fn good() -> ActionInput {
    ActionInput {
        description: "Fit pumps that refuse a dose above the ward's maximum".into(),
        intervention: "forcing-function".into(),
        factors: strings(&["8"]),
        owner: "Medical devices lead".into(),
        due: "2026-06-30".into(),
        measure: "Pump overrides per month, from the device log".into(),
        ..ActionInput::default()
    }
}

fn fields(errors: &FieldErrors) -> Vec<&'static str> {
    errors.iter().map(|(field, _)| *field).collect()
}

fn message(input: &ActionInput, field: &str) -> String {
    let errors = parse_action(input, FACTORS).unwrap_err();
    let found = errors.iter().find(|(f, _)| *f == field);
    found
        .unwrap_or_else(|| panic!("no {field} error in {errors:?}"))
        .1
        .clone()
}

fn date(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

fn factor(id: i64, text: &str) -> Factor {
    Factor {
        id,
        text: text.into(),
        elements: vec![SeipsElement::Organisation],
        findings: vec![],
    }
}

fn action(id: i64, strength: Strength, factors: &[i64]) -> SafetyAction {
    SafetyAction {
        id,
        description: format!("Action number {id}"),
        intervention: Intervention::Checklist,
        strength,
        strength_reason: String::new(),
        factors: factors.to_vec(),
        owner: "Ward manager".into(),
        due: Some(date("2026-06-30")),
        measure: "Audit of ten charts a month".into(),
        status: ActionStatus::Agreed,
    }
}

#[test]
fn an_action_reads_and_trims() {
    let mut input = good();
    input.description = "  Fit pumps that refuse an overdose\r\n".into();
    input.factors = strings(&["15", "", " 4 ", "15"]);
    input.owner = " Medical devices lead ".into();
    input.due = " 2026-06-30 ".into();
    input.status = "in-progress".into();
    let action = parse_action(&input, FACTORS).unwrap();
    assert_eq!(
        action,
        SafetyAction {
            id: 0,
            description: "Fit pumps that refuse an overdose".into(),
            intervention: Intervention::ForcingFunction,
            strength: Strength::Stronger,
            strength_reason: String::new(),
            factors: vec![4, 15],
            owner: "Medical devices lead".into(),
            due: Some(date("2026-06-30")),
            measure: "Pump overrides per month, from the device log".into(),
            status: ActionStatus::InProgress,
        }
    );
    assert!(action.suggested());
    // The change form reads back to the same action.
    assert_eq!(parse_action(&ActionInput::of(&action), FACTORS), Ok(action));
}

#[test]
fn owner_due_date_and_measure_may_be_left_for_later() {
    let mut input = good();
    input.owner = " ".into();
    input.due = String::new();
    input.measure = "\r\n".into();
    let action = parse_action(&input, FACTORS).unwrap();
    assert_eq!(
        (action.owner.as_str(), action.due, action.measure.as_str()),
        ("", None, "")
    );
    assert_eq!(action.status, ActionStatus::Proposed);
    let again = ActionInput::of(&action);
    assert_eq!(again.due, "");
    assert_eq!(parse_action(&again, FACTORS), Ok(action));
}

#[test]
fn every_bad_field_is_named_in_form_order() {
    let input = ActionInput {
        description: String::new(),
        intervention: "sack-someone".into(),
        strength: "strongest".into(),
        strength_reason: "r".repeat(MAX_REASON_CHARS + 1),
        factors: strings(&["99"]),
        owner: "o".repeat(MAX_OWNER_CHARS + 1),
        due: "30/06/2026".into(),
        measure: "m".repeat(MAX_MEASURE_CHARS + 1),
        status: "finished".into(),
    };
    let errors = parse_action(&input, FACTORS).unwrap_err();
    assert_eq!(
        fields(&errors),
        [
            "description",
            "intervention",
            "strength",
            "strength_reason",
            "factors",
            "owner",
            "due",
            "measure",
            "status"
        ]
    );
}

#[test]
fn each_field_says_what_is_wrong() {
    let mut input = good();
    input.description = " \r\n ".into();
    assert_eq!(
        message(&input, "description"),
        "Enter what the action will change"
    );
    input.description = "d\r\n".repeat(MAX_DESCRIPTION_CHARS / 2 + 1);
    // CRLF counts once: 501 letters and 500 line breaks.
    assert_eq!(
        message(&input, "description"),
        "The description must be 1000 characters or fewer (it has 1001)"
    );
    input.description = "d\r\n".repeat(MAX_DESCRIPTION_CHARS / 2);
    assert!(parse_action(&input, FACTORS).is_ok());

    let mut input = good();
    input.intervention = String::new();
    assert_eq!(
        message(&input, "intervention"),
        "Select the kind of change this action makes"
    );
    input.intervention = "sack-someone".into();
    assert_eq!(
        message(&input, "intervention"),
        "Select a kind of change from the list"
    );

    let mut input = good();
    input.strength = "strongest".into();
    assert_eq!(
        message(&input, "strength"),
        "Select stronger, intermediate or weaker"
    );

    let mut input = good();
    input.owner = "ö".repeat(MAX_OWNER_CHARS);
    assert!(parse_action(&input, FACTORS).is_ok());
    input.owner.push('ö');
    assert_eq!(
        message(&input, "owner"),
        "The owner must be 100 characters or fewer (it has 101)"
    );

    let mut input = good();
    input.measure = "m".repeat(MAX_MEASURE_CHARS + 1);
    assert_eq!(
        message(&input, "measure"),
        "How success will be measured must be 500 characters or fewer (it has 501)"
    );

    let mut input = good();
    input.status = "finished".into();
    assert_eq!(message(&input, "status"), "Select a status from the list");
}

#[test]
fn every_status_reads() {
    for &status in ActionStatus::ALL {
        let mut input = good();
        input.status = status.slug().into();
        assert_eq!(parse_action(&input, FACTORS).unwrap().status, status);
    }
    assert_eq!(ActionStatus::InProgress.label(), "In progress");
}

#[test]
fn an_empty_strength_is_the_suggestion() {
    for &intervention in Intervention::ALL {
        let mut input = good();
        input.intervention = intervention.slug().into();
        input.strength_reason = "Left over from before".into();
        let action = parse_action(&input, FACTORS).unwrap();
        assert_eq!(action.strength, suggested_strength(intervention));
        assert!(action.suggested());
        // A reason explains only a difference.
        assert_eq!(action.strength_reason, "");
    }
}

#[test]
fn overriding_the_suggestion_needs_a_reason() {
    let mut input = good();
    input.intervention = "new-procedure".into();
    input.strength = "stronger".into();
    assert_eq!(
        message(&input, "strength_reason"),
        "A new procedure is usually a weaker action: say why this one is stronger"
    );
    input.strength_reason = "  \r\n ".into();
    assert_eq!(
        fields(&parse_action(&input, FACTORS).unwrap_err()),
        ["strength_reason"]
    );

    input.strength_reason = " It removes three steps from the round \r\n".into();
    let action = parse_action(&input, FACTORS).unwrap();
    assert_eq!(action.strength, Strength::Stronger);
    assert_eq!(
        action.strength_reason,
        "It removes three steps from the round"
    );
    assert!(!action.suggested());
    assert_eq!(parse_action(&ActionInput::of(&action), FACTORS), Ok(action));

    input.strength_reason = "r".repeat(MAX_REASON_CHARS + 1);
    assert_eq!(
        message(&input, "strength_reason"),
        "The reason must be 500 characters or fewer (it has 501)"
    );

    let mut input = good();
    input.intervention = "checklist-or-cognitive-aid".into();
    input.strength = "weaker".into();
    assert_eq!(
        message(&input, "strength_reason"),
        "A checklist or cognitive aid is usually an intermediate action: say why this one is weaker"
    );
    input.intervention = "physical-change".into();
    input.strength = "intermediate".into();
    assert_eq!(
        message(&input, "strength_reason"),
        "A physical or architectural change is usually a stronger action: say why this one is intermediate"
    );
}

#[test]
fn a_reason_is_cleared_when_the_strength_is_the_suggestion() {
    let mut input = good();
    input.intervention = "training-alone".into();
    input.strength = "weaker".into();
    // Even one too long: it is not kept, so not refused.
    input.strength_reason = "r".repeat(MAX_REASON_CHARS + 1);
    let action = parse_action(&input, FACTORS).unwrap();
    assert_eq!(action.strength, Strength::Weaker);
    assert_eq!(action.strength_reason, "");
    assert!(action.suggested());
}

#[test]
fn an_action_addresses_at_least_one_known_factor() {
    let mut input = good();
    input.factors = strings(&[""]);
    assert_eq!(
        message(&input, "factors"),
        "Choose the contributory factors this action addresses"
    );
    let errors = parse_action(&input, &[]).unwrap_err();
    assert_eq!(
        errors,
        vec![(
            "factors",
            "Add a contributory factor first: every safety action addresses at least one"
                .to_string()
        )]
    );
    for stale in ["99", "+4", "-8", "four", "99999999999999999999"] {
        input.factors = strings(&["4", stale]);
        let errors = parse_action(&input, FACTORS).unwrap_err();
        assert_eq!(
            errors,
            vec![(
                "factors",
                "A factor chosen is no longer in the list: choose again".to_string()
            )],
            "{stale}"
        );
    }
}

#[test]
fn a_due_date_must_be_real() {
    let mut input = good();
    input.due = "2026-02-30".into();
    assert_eq!(message(&input, "due"), "2026-02-30 is not a real date");
    input.due = "2028-02-29".into();
    assert_eq!(
        parse_action(&input, FACTORS).unwrap().due,
        Some(date("2028-02-29"))
    );
    for shape in ["30/06/2026", "2026-6-30", "+10000-01-01", "soon"] {
        input.due = shape.into();
        assert_eq!(
            message(&input, "due"),
            "Enter the date it is due by, for example 2026-06-30",
            "{shape}"
        );
    }
}

#[test]
fn the_strength_table_follows_the_domain_notes() {
    use Intervention::*;
    let stronger = [
        PhysicalChange,
        ForcingFunction,
        SimplifyProcess,
        Standardise,
        UsabilityTesting,
        LeadershipInvolvement,
    ];
    let intermediate = [
        Staffing,
        SoftwareSettings,
        RemoveDistractions,
        Checklist,
        RemoveLookAlikes,
        ReadBack,
        Redundancy,
        DocumentationTools,
        SimulationTraining,
    ];
    let weaker = [
        DoubleCheck,
        WarningOrLabel,
        NewProcedure,
        TrainingAlone,
        FurtherStudy,
    ];
    for (strength, list) in [
        (Strength::Stronger, &stronger[..]),
        (Strength::Intermediate, &intermediate[..]),
        (Strength::Weaker, &weaker[..]),
    ] {
        for &intervention in list {
            assert_eq!(
                suggested_strength(intervention),
                strength,
                "{intervention:?}"
            );
        }
    }
    // The three lists are the whole vocabulary, strongest first.
    let all: Vec<Intervention> = stronger
        .iter()
        .chain(&intermediate)
        .chain(&weaker)
        .copied()
        .collect();
    assert_eq!(all, Intervention::ALL);
    assert_eq!(
        (stronger.len(), intermediate.len(), weaker.len()),
        (6, 9, 5)
    );
}

#[test]
fn interventions_have_distinct_kebab_slugs_and_plain_labels() {
    let all = Intervention::ALL;
    assert_eq!(Intervention::mask(all).count_ones() as usize, all.len());
    for (i, &intervention) in all.iter().enumerate() {
        let slug = intervention.slug();
        assert!(
            slug.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'),
            "{slug}"
        );
        assert!(all[i + 1..].iter().all(|other| other.slug() != slug));
        assert_eq!(Intervention::from_slug(slug), Some(intervention));
        let label = intervention.label();
        assert!(label.chars().next().unwrap().is_uppercase(), "{label}");
        assert!(label.chars().count() <= 50, "{label}");
        assert!(!label.ends_with('.'), "{label}");
        assert!(intervention.phrase().chars().next().unwrap().is_uppercase());
    }
    assert_eq!(
        serde_json::to_string(&Intervention::WarningOrLabel).unwrap(),
        "\"warning-alert-or-label\""
    );
}

#[test]
fn blaming_or_disciplining_a_person_is_noticed() {
    for text in [
        "Take disciplinary action against the nurse",
        "Staff nurse to be disciplined",
        "Reprimand the pharmacist",
        "Locum to be REPRIMANDED by the clinical director",
        "Sanctions for staff who skip the check",
        "Performance-manage the registrar",
        "Performance management for the midwife involved",
        "Send the nurse a warning letter",
        "Issue a written warning",
        "Give a final warning to the porter",
        "Refer the doctor for a fitness to practise review",
        "Make clear the HCA was to blame",
        "Punish late observations",
    ] {
        assert!(reads_as_blame(text), "{text}");
    }
}

#[test]
fn real_actions_are_not_taken_for_blame() {
    for text in [
        "Add a warning label to the look-alike vials",
        "Add a warning alert to the prescribing system",
        "Share the learning across all clinical disciplines",
        "Build a blame-free reporting culture on the ward",
        "Hold no blame huddles after each incident",
        "Adopt a blameless review format",
        "Performance of the pumps is checked monthly",
        "Written handover sheet for every shift",
        "Standardise the warning tones on all monitors",
    ] {
        assert!(!reads_as_blame(text), "{text}");
    }
}

#[test]
fn an_action_with_everything_has_no_warnings() {
    let factors = vec![factor(1, "Staffing"), factor(2, "Handover")];
    let actions = vec![
        action(10, Strength::Intermediate, &[1]),
        action(11, Strength::Weaker, &[2, 1]),
    ];
    assert!(warnings(&factors, &actions).is_empty());
    assert!(warnings(&[], &[]).is_empty());
}

#[test]
fn warnings_come_in_a_fixed_order() {
    let factors = vec![
        factor(1, "Staffing"),
        factor(2, "Handover"),
        factor(3, "Alarms"),
    ];
    let mut first = action(10, Strength::Weaker, &[2]);
    first.owner = " ".into();
    first.measure = String::new();
    let mut second = action(11, Strength::Weaker, &[2]);
    second.due = None;
    second.description = "Disciplinary hearing for the nurse".into();
    second.owner = String::new();
    // Its factor deleted since: it addresses none.
    second.factors.clear();
    assert_eq!(
        warnings(&factors, &[first, second]),
        vec![
            Warning::FactorWithoutAction { factor: 1 },
            Warning::FactorWithoutAction { factor: 3 },
            Warning::NoOwner { action: 10 },
            Warning::NoMeasure { action: 10 },
            Warning::NoFactor { action: 11 },
            Warning::NoOwner { action: 11 },
            Warning::NoDueDate { action: 11 },
            Warning::Blame { action: 11 },
            Warning::AllWeaker,
        ]
    );
}

#[test]
fn all_weaker_needs_an_action_and_every_one_weaker() {
    let factors = vec![factor(1, "Staffing")];
    assert_eq!(
        warnings(&factors, &[]),
        vec![Warning::FactorWithoutAction { factor: 1 }]
    );
    let weaker = action(10, Strength::Weaker, &[1]);
    assert_eq!(
        warnings(&factors, std::slice::from_ref(&weaker)),
        vec![Warning::AllWeaker]
    );
    let stronger = action(11, Strength::Stronger, &[1]);
    assert!(warnings(&factors, &[weaker, stronger]).is_empty());
}

#[test]
fn a_warning_label_action_is_not_blame() {
    let factors = vec![factor(1, "Look-alike vials")];
    let mut label = action(10, Strength::Weaker, &[1]);
    label.intervention = Intervention::WarningOrLabel;
    label.description = "Add a warning label to the potassium vials".into();
    assert_eq!(warnings(&factors, &[label]), vec![Warning::AllWeaker]);
}

#[test]
fn warnings_are_described_plainly_by_number_and_quote() {
    let factors = vec![
        factor(1, "Staffing"),
        factor(2, "Night staffing left one nurse for 28 beds"),
    ];
    let mut actions = vec![
        action(10, Strength::Weaker, &[1]),
        action(11, Strength::Weaker, &[1]),
        action(12, Strength::Weaker, &[1]),
    ];
    actions[2].description = "Discuss in a disciplinary meeting".into();
    let say = |warning: Warning| describe(&warning, &factors, &actions);
    assert_eq!(
        say(Warning::FactorWithoutAction { factor: 2 }),
        "Factor 2, “Night staffing left one nurse for 28 beds”, has no safety action addressing it"
    );
    assert_eq!(
        say(Warning::NoOwner { action: 11 }),
        "Action 2, “Action number 11”, has no owner: name the role that will take it forward"
    );
    assert_eq!(
        say(Warning::NoFactor { action: 11 }),
        "Action 2, “Action number 11”, addresses no contributory factor: choose the factors it addresses, or delete it"
    );
    assert_eq!(
        say(Warning::NoDueDate { action: 10 }),
        "Action 1, “Action number 10”, has no due date: say when it should be done by"
    );
    assert_eq!(
        say(Warning::NoMeasure { action: 12 }),
        "Action 3, “Discuss in a disciplinary meeting”, does not say how success will be measured"
    );
    assert_eq!(
        say(Warning::Blame { action: 12 }),
        "Action 3, “Discuss in a disciplinary meeting”, reads as blaming or disciplining a person, \
         which is not a safety action: describe the change to the work system instead"
    );
    let all_weaker = say(Warning::AllWeaker);
    assert!(
        all_weaker.starts_with("Every action is a weaker one. "),
        "{all_weaker}"
    );
    assert!(all_weaker.contains("consider a stronger or intermediate action"));
    // The method says the same.
    assert_eq!(Warning::AllWeaker.describe(&factors, &actions), all_weaker);
}

#[test]
fn descriptions_never_shout_or_blame() {
    let factors = vec![factor(1, "Staffing")];
    let actions = vec![action(10, Strength::Weaker, &[1])];
    for warning in [
        Warning::FactorWithoutAction { factor: 1 },
        Warning::NoOwner { action: 10 },
        Warning::NoDueDate { action: 10 },
        Warning::NoMeasure { action: 10 },
        Warning::AllWeaker,
        Warning::Blame { action: 10 },
    ] {
        let text = describe(&warning, &factors, &actions);
        assert!(!text.contains('!'), "{text}");
        let shouted = text
            .split(|c: char| !c.is_alphabetic())
            .any(|word| word.chars().count() > 1 && word.chars().all(char::is_uppercase));
        assert!(!shouted, "{text}");
        for word in ["you failed", "fault", "should have"] {
            assert!(!text.to_lowercase().contains(word), "{text}");
        }
    }
}

#[test]
fn something_no_longer_in_the_list_is_still_described() {
    let say = |warning: Warning| describe(&warning, &[], &[]);
    assert_eq!(
        say(Warning::FactorWithoutAction { factor: 9 }),
        "A contributory factor has no safety action addressing it"
    );
    assert_eq!(
        say(Warning::NoMeasure { action: 9 }),
        "An action does not say how success will be measured"
    );
}

#[test]
fn long_texts_are_quoted_to_a_word_boundary() {
    let long = "Introduce a structured handover tool for every shift change on the surgical wards";
    let quoted = quote(long);
    assert_eq!(
        quoted,
        "Introduce a structured handover tool for every shift change…"
    );
    assert!(quoted.chars().count() <= QUOTE_CHARS + 1);
    // Short texts are whole; line breaks and repeated spaces become one space.
    assert_eq!(quote("Fit  new\r\npumps "), "Fit new pumps");
    let sixty = "a".repeat(60);
    assert_eq!(quote(&sixty), sixty);
    // No stutter of punctuation before the ellipsis.
    let commas = format!("{}, {}", "x".repeat(55), "y".repeat(10));
    assert_eq!(quote(&commas), format!("{}…", "x".repeat(55)));
}

#[test]
fn quoting_is_safe_with_letters_of_many_bytes() {
    // Each of these is several bytes: cutting by bytes would panic.
    let word = "é".repeat(70);
    let quoted = quote(&word);
    assert_eq!(quoted, format!("{}…", "é".repeat(60)));
    let welsh =
        "Gwella’r trefniadau trosglwyddo ar gyfer pob newid sifft ar y wardiau llawfeddygol";
    let quoted = quote(welsh);
    assert!(quoted.ends_with('…'));
    assert!(welsh.starts_with(quoted.trim_end_matches('…')));
    assert!(quoted.chars().count() <= QUOTE_CHARS + 1);
    let emoji = format!("{} ✅ done", "🩺 ".repeat(40));
    assert!(quote(&emoji).ends_with("🩺…"));

    let factors = vec![factor(1, &"ŵ ".repeat(50))];
    let text = describe(&Warning::FactorWithoutAction { factor: 1 }, &factors, &[]);
    assert!(text.starts_with("Factor 1, “ŵ ŵ"), "{text}");
    assert!(text.contains("ŵ…”, has no safety action"), "{text}");
}
