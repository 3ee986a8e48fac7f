//! The workspace file written and read back, without a database or
//! browser.
use serde_json::json;

use super::*;
use crate::toolkits::actions::MAX_ACTIONS;
use crate::toolkits::analysis::{MAX_FACTORS, MAX_FINDINGS};
use crate::toolkits::example::example;
use crate::toolkits::timeline::Moment;
use crate::toolkits::types::{Details, Source, MAX_ENTRIES};
use crate::vocabulary::LearningResponse;

fn empty() -> Workspace {
    Workspace {
        id: 0,
        details: Details {
            title: "Fall on a ward".into(),
            response: LearningResponse::AfterActionReview,
            sector: None,
            scope: String::new(),
        },
        version: 0,
        updated: String::new(),
        entries: vec![],
        findings: vec![],
        factors: vec![],
        actions: vec![],
    }
}

/// A small file as someone might write it by hand: ids of its own, out of
/// order, fields left out.
fn small() -> Value {
    json!({
        "format": FORMAT,
        "version": 1,
        "details": {"title": "Fall on a ward", "response": "after-action-review", "sector": null, "scope": ""},
        "timeline": [
            {"id": 20, "date": "2026-03-14", "time": "09:00", "what": "Patient found on the floor", "source": "clinical-record"},
            {"id": 7, "date": "2026-03-14", "time": "02:00", "end_time": "02:30", "approximate": true,
             "what": "Bed alarm switched off", "source": "interview", "same_as": null},
        ],
        "findings": [
            {"id": 5, "element": "tools-and-technology", "kind": "barrier", "text": "The bed alarm was easy to leave off", "evidence": [20, 7]},
            {"id": 2, "element": "tasks", "kind": "facilitator", "text": "Hourly checks", "other_evidence": "Ward policy", "interacts_with": ["people"]},
        ],
        "factors": [{"id": 9, "text": "Alarms could be left off", "findings": [5]}],
        "actions": [{"id": 3, "description": "Fit beds whose alarm cannot be left off", "intervention": "forcing-function",
                     "factors": [9], "owner": "Ward manager", "due": "2026-06-30", "measure": "Falls per month"}],
    })
}

fn import_value(value: &Value) -> Result<Workspace, ImportError> {
    import(&value.to_string())
}

/// The problems of a file that must be refused as breaking the rules.
fn problems(value: &Value) -> Vec<String> {
    match import_value(value) {
        Err(ImportError::Invalid(problems)) => problems,
        other => panic!("not refused as invalid: {other:?}"),
    }
}

fn example_file() -> Value {
    serde_json::from_str(&export(&example().unwrap())).unwrap()
}

#[test]
fn the_example_goes_round_and_comes_back_the_same() {
    let example = example().unwrap();
    let text = export(&example);
    assert_eq!(import(&text), Ok(example.clone()));
    assert_eq!(export(&import(&text).unwrap()), text);
    // With the day it was exported, which is read past.
    let dated = export_on(
        &example,
        chrono::NaiveDate::from_ymd_opt(2026, 3, 14).unwrap(),
    );
    assert!(dated.contains("\n  \"exported\": \"2026-03-14\",\n"));
    assert_eq!(import(&dated), Ok(example));
}

#[test]
fn an_empty_workspace_goes_round_too() {
    let text = export(&empty());
    assert_eq!(import(&text), Ok(empty()));
    assert_eq!(export(&import(&text).unwrap()), text);
    let mut with_sector = empty();
    with_sector.details.sector = Some(crate::vocabulary::Sector::PrisonHealthcare);
    with_sector.details.scope = "Falls at night\n\nNot in scope: transfers".into();
    assert_eq!(import(&export(&with_sector)), Ok(with_sector));
}

#[test]
fn the_file_has_the_documented_shape() {
    let text = export(&example().unwrap());
    assert!(text.starts_with(
        "{\n  \"format\": \"investigation-resources-hub/workspace\",\n  \"version\": 1,\n  \"details\": {"
    ));
    assert!(text.ends_with("}\n"));
    let file: Value = serde_json::from_str(&text).unwrap();
    let keys: Vec<&str> = file
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    let mut expected = vec![
        "format", "version", "details", "timeline", "findings", "factors", "actions",
    ];
    let mut sorted = keys.clone();
    sorted.sort_unstable();
    expected.sort_unstable();
    assert_eq!(sorted, expected);
    let entry = file["timeline"][0].as_object().unwrap();
    assert_eq!(entry.len(), 15);
    assert_eq!(entry["id"], json!(1));
    assert_eq!(entry["date"], json!("2026-02-02"));
    assert_eq!(entry["time"], json!("10:20"));
    assert_eq!(entry["end_date"], Value::Null);
    assert_eq!(entry["approximate"], json!(false));
    assert_eq!(entry["source"], json!("clinical-record"));
    assert_eq!(entry["elements"], json!(["people", "tools-and-technology"]));
    let window = &file["timeline"][2];
    assert_eq!(window["end_date"], json!("2026-02-02"));
    assert_eq!(window["end_time"], json!("13:00"));
    assert_eq!(window["approximate"], json!(true));
    assert_eq!(window["problem"], json!("service-delivery"));
    assert_eq!(file["findings"][0]["evidence"], json!([1, 2]));
    assert_eq!(file["details"]["sector"], json!("primary-care"));
    assert!(file["actions"][0]["due"].is_string());
    assert_eq!(file["actions"][0]["strength"], json!("stronger"));
}

#[test]
fn a_hand_written_file_keeps_its_ids_in_the_hubs_order() {
    let workspace = import_value(&small()).unwrap();
    assert_eq!((workspace.id, workspace.version), (0, 0));
    assert_eq!(workspace.details.title, "Fall on a ward");
    let entries: Vec<i64> = workspace.entries.iter().map(|entry| entry.id).collect();
    assert_eq!(entries, [7, 20]);
    let window = &workspace.entries[0];
    assert!(window.when.approximate);
    assert_eq!(
        window.when.end.map(Moment::stored).as_deref(),
        Some("2026-03-14T02:30")
    );
    assert_eq!(window.source, Source::Interview);
    let findings: Vec<(SeipsElement, i64)> = workspace
        .findings
        .iter()
        .map(|finding| (finding.element, finding.id))
        .collect();
    assert_eq!(
        findings,
        [(SeipsElement::Tasks, 2), (SeipsElement::Tools, 5)]
    );
    assert_eq!(workspace.findings[1].evidence, [7, 20]);
    // The factor takes its element from its finding, as the form does.
    assert_eq!(workspace.factors[0].elements, [SeipsElement::Tools]);
    let action = &workspace.actions[0];
    assert_eq!((action.id, action.factors.as_slice()), (3, &[9][..]));
    assert!(action.suggested());
    assert_eq!(
        action.status,
        crate::toolkits::actions::ActionStatus::Proposed
    );
    // A byte-order mark from an editor is no matter.
    assert!(import(&format!("\u{feff}{}", small())).is_ok());
}

#[test]
fn what_is_not_json_is_refused_as_damaged() {
    let text = export(&example().unwrap());
    let half = (0..=text.len() / 2)
        .rev()
        .find(|&at| text.is_char_boundary(at))
        .unwrap();
    for broken in [
        "",
        "   ",
        "hello",
        "{",
        "{\"format\": ",
        &text[..half],
        &text[..text.len() - 2],
    ] {
        assert_eq!(import(broken), Err(ImportError::NotJson), "{broken:?}");
    }
    // Nesting deeper than the reader goes is refused, not a crash.
    assert_eq!(import(&"[".repeat(100_000)), Err(ImportError::NotJson));
    assert_eq!(
        ImportError::NotJson.message(),
        "The file is damaged or not JSON: export the workspace from the hub again"
    );
}

#[test]
fn another_format_or_no_version_is_not_ours() {
    let mut versions = Vec::new();
    for version in [json!(0), json!(-1), json!(1.5), json!("1"), Value::Null] {
        let mut file = small();
        file["version"] = version;
        versions.push(file);
    }
    let mut no_version = small();
    no_version.as_object_mut().unwrap().remove("version");
    versions.push(no_version);
    let mut other = small();
    other["format"] = json!("another-tool/workspace");
    let mut no_format = small();
    no_format.as_object_mut().unwrap().remove("format");
    for file in versions
        .iter()
        .chain([&other, &no_format, &json!([]), &json!("text"), &json!({})])
    {
        assert_eq!(import_value(file), Err(ImportError::NotOurs), "{file}");
    }
    assert_eq!(
        ImportError::NotOurs.message(),
        "This file is not a workspace exported from the hub"
    );
}

#[test]
fn a_newer_version_is_named() {
    let mut file = small();
    file["version"] = json!(3);
    // Even when the rest would not be read by this hub.
    file["timeline"] = json!("a newer shape");
    let error = import_value(&file).unwrap_err();
    assert_eq!(error, ImportError::Newer { version: 3 });
    assert_eq!(
        error.message(),
        "This file was made by a newer version of the hub (format version 3); this hub reads \
         version 1. Update the hub or export it again from there"
    );
}

#[test]
fn a_file_too_large_is_refused_before_it_is_read() {
    assert_eq!(
        import(&"x".repeat(MAX_IMPORT_BYTES + 1)),
        Err(ImportError::TooLarge)
    );
    let padded = format!("{}{}", export(&empty()), " ".repeat(MAX_IMPORT_BYTES));
    assert_eq!(import(&padded), Err(ImportError::TooLarge));
    let just = " ".repeat(MAX_IMPORT_BYTES - export(&empty()).len());
    assert!(import(&format!("{}{just}", export(&empty()))).is_ok());
    assert_eq!(
        ImportError::TooLarge.message(),
        "This file is too large: a workspace file is at most 5 MB"
    );
}

#[test]
fn each_item_is_read_by_its_forms_rules() {
    let mut file = example_file();
    file["timeline"][2]["date"] = json!("2026-02-30");
    file["timeline"][4]["what"] = json!("   ");
    file["findings"][1]["kind"] = json!("hunch");
    file["actions"][6]["strength"] = json!("stronger");
    file["details"]["response"] = json!("");
    assert_eq!(
        problems(&file),
        [
            "Details: Select the kind of learning response",
            "Entry 3: 2026-02-30 is not a real date",
            "Entry 5: Enter what happened",
            "Finding 2: Select barrier or facilitator",
            "Action 7: A new procedure is usually a weaker action: say why this one is stronger",
        ]
    );
    let error = import_value(&file).unwrap_err();
    assert!(error.message().starts_with(
        "Nothing was imported, because of these problems in the file. Details: Select the kind \
         of learning response. Entry 3: 2026-02-30 is not a real date. Entry 5:"
    ));
    assert_eq!(error.problems().len(), 5);
    assert_eq!(ImportError::TooLarge.problems(), &[] as &[String]);
}

#[test]
fn references_must_name_items_in_the_file() {
    let mut file = small();
    file["timeline"][0]["same_as"] = json!(99);
    file["timeline"][1]["same_as"] = json!(7);
    file["findings"][0]["evidence"] = json!([20, 8]);
    file["factors"][0]["findings"] = json!([5, 4]);
    file["actions"][0]["factors"] = json!([10]);
    assert_eq!(
        problems(&file),
        [
            "Entry 1: Select one of this timeline's entries, or none",
            // An entry cannot be the same event as itself.
            "Entry 2: Select one of this timeline's entries, or none",
            "Finding 1: An entry chosen as evidence is no longer on the timeline: choose again",
            "Factor 1: A finding chosen is no longer in the scan: choose again",
            "Action 1: A factor chosen is no longer in the list: choose again",
        ]
    );
    let mut linked = small();
    linked["timeline"][0]["same_as"] = json!(7);
    let workspace = import_value(&linked).unwrap();
    assert_eq!(workspace.entries[1].same_as, Some(7));
}

#[test]
fn one_broken_item_does_not_break_what_refers_to_it() {
    let mut file = small();
    file["timeline"][1]["date"] = json!("14/03/2026");
    file["findings"][0]["text"] = json!("");
    file["findings"][1]["colour"] = json!("red");
    // Finding 1 (id 5) cites entry 2 (id 7), and factor 1 draws on it:
    // neither is told the other has gone.
    assert_eq!(
        problems(&file),
        [
            "Finding 2 is not in the shape the hub writes (unknown field `colour`, expected one of \
             `id`, `element`, `kind`, `text`, `evidence`, `other_evidence`, `interacts_with`)",
            "Entry 2: Enter the date, for example 2026-03-14",
            "Finding 1: Enter the finding",
        ]
    );
}

#[test]
fn ids_must_be_there_above_zero_and_each_once() {
    let mut file = small();
    file["timeline"][1]["id"] = json!(20);
    file["findings"][0]["id"] = json!(0);
    file["findings"][1].as_object_mut().unwrap().remove("id");
    file["factors"][0]["id"] = json!(-9);
    file["actions"][0]["id"] = json!("3");
    let found = problems(&file);
    assert_eq!(
        found[..4],
        [
            "Entry 2 has the same id (20) as entry 1: give each of the entries its own",
            "Finding 1 has the id 0: an id must be a whole number above 0",
            "Finding 2 has no id: give it a whole number above 0 that no other finding has",
            "Factor 1 has the id -9: an id must be a whole number above 0",
        ]
    );
    assert!(
        found[4]
            .starts_with("Action 1 is not in the shape the hub writes (invalid type: string \"3\""),
        "{found:?}"
    );
    // Evidence 7 and the finding 5 no longer exist under those ids.
    assert!(found[5..]
        .iter()
        .any(|problem| problem.starts_with("Finding 1: An entry chosen")));
}

#[test]
fn too_many_items_are_refused_by_count() {
    let entry = small()["timeline"][0].clone();
    let many: Vec<Value> = (1..=MAX_ENTRIES + 1)
        .map(|id| {
            let mut entry = entry.clone();
            entry["id"] = json!(id);
            entry
        })
        .collect();
    let mut file = small();
    file["timeline"] = Value::Array(many.clone());
    file["findings"] = json!([]);
    file["factors"] = json!([]);
    file["actions"] = json!([]);
    assert_eq!(
        problems(&file),
        ["There are 501 entries in the file: a workspace holds at most 500"]
    );
    file["timeline"] = Value::Array(many[1..].to_vec());
    assert_eq!(import_value(&file).unwrap().entries.len(), 500);

    let finding = small()["findings"][1].clone();
    let mut file = small();
    file["findings"] = Value::Array(
        (1..=MAX_FINDINGS + 1)
            .map(|id| {
                let mut finding = finding.clone();
                finding["id"] = json!(id);
                finding
            })
            .collect(),
    );
    let found = problems(&file);
    assert_eq!(
        found[0],
        "There are 301 findings in the file: a workspace holds at most 300"
    );
}

#[test]
fn wrong_shapes_name_their_part() {
    let mut file = small();
    file["timeline"] = json!({"id": 1});
    file["findings"] = json!([3, {"id": 4, "element": "tasks", "kind": "barrier", "text": "x", "evidence": "all"}]);
    file["notes"] = json!("kept somewhere else");
    file.as_object_mut().unwrap().remove("details");
    let found = problems(&file);
    assert_eq!(
        found,
        [
            "The file has a part the hub does not know, “notes”: the parts are format, version, \
             exported, details, timeline, findings, factors, actions",
            "The file has no details: the investigation's title and kind of learning response",
            "The timeline must be a list of entries",
            "Finding 1 is not in the shape the hub writes: each is a set of named fields in braces",
            "Finding 2 is not in the shape the hub writes (invalid type: string \"all\", expected a sequence)",
            "Factor 1: A finding chosen is no longer in the scan: choose again",
        ]
    );
    let mut file = small();
    file["details"] = json!(["Fall"]);
    file["timeline"][0]["approximate"] = json!("yes");
    assert_eq!(
        problems(&file),
        [
            "The details are not in the shape the hub writes: they are a set of named fields in braces",
            "Entry 1 is not in the shape the hub writes (invalid type: string \"yes\", expected a boolean)",
        ]
    );
}

#[test]
fn a_long_list_of_problems_is_cut_short() {
    let mut file = small();
    for entry in file["timeline"].as_array_mut().unwrap() {
        entry["what"] = json!("");
    }
    let entry = file["timeline"][0].clone();
    let mut entries = Vec::new();
    for id in 1..=30 {
        let mut entry = entry.clone();
        entry["id"] = json!(id);
        entries.push(entry);
    }
    file["timeline"] = Value::Array(entries);
    file["findings"] = json!([]);
    file["factors"] = json!([]);
    file["actions"] = json!([]);
    let found = problems(&file);
    assert_eq!(found.len(), 20);
    assert_eq!(found[18], "Entry 19: Enter what happened");
    assert_eq!(found[19], "There are 11 more problems not listed here");
}

#[test]
fn hostile_text_survives_the_round_trip_exactly() {
    // Everything a form can store; control characters it cannot store are
    // written escaped and dropped on the way back in (below).
    let hostile = "<script>alert('x')</script> [31m | *x* _y_ `z` \"quoted\" \\ a\rb\tc\nline \u{202e}reversed 😀 </b>";
    let mut workspace = example().unwrap();
    workspace.details.title = "<b>&amp;</b>".into();
    workspace.details.scope = hostile.into();
    workspace.entries[0].what = hostile.into();
    workspace.entries[0].who = "<img src=x onerror=alert(1)>".into();
    workspace.entries[1].note = hostile.into();
    workspace.findings[0].text = hostile.into();
    workspace.findings[0].other_evidence = "]]></x>".into();
    workspace.factors[0].text = hostile.into();
    workspace.actions[0].description = hostile.into();
    workspace.actions[0].measure = "{\"format\": \"not this\"}".into();
    let text = export(&workspace);
    let back = import(&text).unwrap();
    assert_eq!(back, workspace);
    assert_eq!(back.entries[0].what, hostile);
    assert_eq!(export(&back), text);

    // A control character that reached a workspace some other way is
    // written escaped, never raw, and does not come back.
    workspace.entries[0].what = "Call\u{0} logged\u{1b}[31m".into();
    let text = export(&workspace);
    assert!(!text.contains('\u{0}') && !text.contains('\u{1b}'));
    assert!(text.contains("Call\\u0000 logged\\u001b[31m"));
    assert_eq!(import(&text).unwrap().entries[0].what, "Call logged[31m");
}

#[test]
fn no_file_makes_it_panic() {
    // Every kind of damage at many places: each is refused or read, never
    // a crash.
    let text = export(&example().unwrap());
    let places: Vec<usize> = text.char_indices().map(|(at, _)| at).step_by(61).collect();
    for at in places {
        for damage in [
            "\"",
            "}",
            "]",
            "0",
            "-1",
            "null",
            "x",
            "\u{0}",
            "",
            "99999999999999999999",
        ] {
            let mut broken = text.clone();
            let end = text[at..].chars().next().map_or(at, |c| at + c.len_utf8());
            broken.replace_range(at..end, damage);
            let _ = import(&broken);
        }
    }
    for value in [
        json!(null),
        json!(1),
        json!({"format": FORMAT, "version": 1}),
    ] {
        let _ = import_value(&value);
    }
    let mut file = small();
    file["timeline"][0]["id"] = json!(u64::MAX);
    file["timeline"][0]["same_as"] = json!(i64::MIN);
    file["findings"][0]["evidence"] = json!([i64::MAX, -1, 0]);
    assert!(import_value(&file).is_err());
}

#[test]
fn control_characters_in_a_file_are_dropped_as_a_forms_are() {
    let mut file = small();
    file["details"]["title"] = json!("Fall\u{0} on a\u{7} ward\u{1b}");
    file["timeline"][0]["what"] = json!("Patient found\u{0} on the floor\tat\nnight");
    let workspace = import_value(&file).unwrap();
    assert_eq!(workspace.details.title, "Fall on a ward");
    // A key with one is not merged into the field it would name.
    let mut keyed = small();
    keyed["details"]["ti\u{1}tle"] = json!("Another title");
    assert!(matches!(import_value(&keyed), Err(ImportError::Invalid(_))));
    // Tabs and line ends are kept, as a form keeps them.
    assert!(workspace
        .entries
        .iter()
        .any(|entry| entry.what == "Patient found on the floor\tat\nnight"));
}

#[test]
fn a_workspace_full_to_every_limit_fits_in_a_file() {
    use crate::toolkits::actions::{
        MAX_DESCRIPTION_CHARS, MAX_MEASURE_CHARS, MAX_OWNER_CHARS, MAX_REASON_CHARS,
    };
    use crate::toolkits::analysis::{
        MAX_FACTOR_CHARS, MAX_FINDING_CHARS, MAX_OTHER_EVIDENCE_CHARS,
    };
    use crate::toolkits::timeline::{
        MAX_NOTE_CHARS, MAX_PLACE_CHARS, MAX_SOURCE_DETAIL_CHARS, MAX_WHAT_CHARS, MAX_WHO_CHARS,
    };
    use crate::toolkits::types::{MAX_SCOPE_CHARS, MAX_TITLE_CHARS};
    let text = |chars: usize| "w".repeat(chars);
    let entries: Vec<Value> = (1..=MAX_ENTRIES)
        .map(|id| json!({
            "id": id, "date": "2026-03-14", "time": "02:05", "end_date": "2026-03-14", "end_time": "03:30",
            "approximate": true, "what": text(MAX_WHAT_CHARS), "who": text(MAX_WHO_CHARS),
            "place": text(MAX_PLACE_CHARS), "source": "clinical-record",
            "source_detail": text(MAX_SOURCE_DETAIL_CHARS), "note": text(MAX_NOTE_CHARS),
            "problem": "care-delivery", "elements": ["people", "tasks", "organisation"],
            "same_as": if id > 1 { json!(id - 1) } else { Value::Null },
        }))
        .collect();
    let findings: Vec<Value> = (1..=MAX_FINDINGS)
        .map(|id| {
            json!({
                "id": id, "element": "tasks", "kind": "barrier", "text": text(MAX_FINDING_CHARS),
                "evidence": [1, 2, 3, 4, 5], "other_evidence": text(MAX_OTHER_EVIDENCE_CHARS),
                "interacts_with": ["people", "organisation"],
            })
        })
        .collect();
    let factors: Vec<Value> = (1..=MAX_FACTORS)
        .map(|id| json!({"id": id, "text": text(MAX_FACTOR_CHARS), "elements": ["tasks"], "findings": [1, 2, 3]}))
        .collect();
    let actions: Vec<Value> = (1..=MAX_ACTIONS)
        .map(|id| json!({
            "id": id, "description": text(MAX_DESCRIPTION_CHARS), "intervention": "forcing-function",
            "strength": "weaker", "strength_reason": text(MAX_REASON_CHARS), "factors": [1, 2, 3],
            "owner": text(MAX_OWNER_CHARS), "due": "2026-06-30", "measure": text(MAX_MEASURE_CHARS),
            "status": "agreed",
        }))
        .collect();
    let file = json!({
        "format": FORMAT,
        "version": 1,
        "details": {"title": text(MAX_TITLE_CHARS), "response": "psii", "sector": "mental-health", "scope": text(MAX_SCOPE_CHARS)},
        "timeline": entries, "findings": findings, "factors": factors, "actions": actions,
    });
    let workspace = import_value(&file).expect("a full workspace is a valid file");
    assert_eq!(workspace.entries.len() as i64, MAX_ENTRIES);
    assert_eq!(workspace.actions.len() as i64, MAX_ACTIONS);
    // As the hub writes it (pretty, with every field), it comes back in.
    let written = export(&workspace);
    assert!(
        written.len() < MAX_IMPORT_BYTES,
        "a full workspace's file is {} bytes",
        written.len()
    );
    assert!(written.len() > MAX_IMPORT_BYTES / 2, "{}", written.len());
    assert_eq!(
        import(&written).map(|read| read.actions.len()),
        Ok(workspace.actions.len())
    );
}
