//! The timeline rules, without a database or browser.
use super::*;

fn at(text: &str) -> Moment {
    Moment::from_stored(text).unwrap()
}

/// An entry at `start` (to `end`, for a window), from the clinical record.
pub(super) fn entry(id: i64, start: &str, end: Option<&str>) -> Entry {
    Entry {
        id,
        when: When {
            start: at(start),
            end: end.map(at),
            approximate: false,
        },
        what: format!("Event {id}"),
        who: String::new(),
        place: String::new(),
        source: Source::ClinicalRecord,
        source_detail: String::new(),
        note: String::new(),
        problem: None,
        elements: Vec::new(),
        same_as: None,
    }
}

fn linked(mut entry: Entry, to: i64) -> Entry {
    entry.same_as = Some(to);
    entry
}

fn good() -> EntryInput {
    EntryInput {
        date: "2026-03-14".into(),
        time: "02:05".into(),
        what: "Observations recorded".into(),
        source: "clinical-record".into(),
        ..EntryInput::default()
    }
}

fn errors_of(input: &EntryInput) -> FieldErrors {
    parse_entry(input, &[1, 2]).unwrap_err()
}

fn fields(errors: &FieldErrors) -> Vec<&'static str> {
    errors.iter().map(|(field, _)| *field).collect()
}

fn message(input: &EntryInput, field: &str) -> String {
    let errors = errors_of(input);
    let found = errors.iter().find(|(f, _)| *f == field);
    found
        .unwrap_or_else(|| panic!("no {field} error in {errors:?}"))
        .1
        .clone()
}

#[test]
fn moments_read_and_write_each_form() {
    let moment = Moment::parse(" 2026-03-14 ", "02:05").unwrap();
    assert_eq!(moment.stored(), "2026-03-14T02:05");
    assert_eq!(Moment::from_stored("2026-03-14T02:05"), Some(moment));
    assert_eq!(
        (moment.date_field(), moment.time_field()),
        ("2026-03-14".into(), "02:05".into())
    );
    assert_eq!(moment.shown(), "14 Mar 2026, 02:05");
    assert_eq!(Moment::parse("2026-03-14", "2:05"), Some(moment));
    assert_eq!(Moment::parse("2026-03-14", "02:05:59"), Some(moment));
    for (date, time) in [
        ("2026-3-14", "02:05"),
        ("+10000-01-01", "02:05"),
        ("14/03/2026", "02:05"),
        ("2026-02-30", "02:05"),
        ("2026-03-14", "2.05"),
        ("2026-03-14", "02:5"),
        ("2026-03-14", "24:00"),
        ("2026-03-14", "123:00"),
        ("2026-03-14", "02:05:60"),
    ] {
        assert_eq!(Moment::parse(date, time), None, "{date} {time}");
    }
    for text in [
        "2026-03-14 02:05",
        "2026-03-14T02:05:00",
        "2026-03-14T2:05",
        "",
    ] {
        assert_eq!(Moment::from_stored(text), None, "{text}");
    }
    assert_eq!(
        at("2026-03-14T02:05").minutes_until(at("2026-03-15T03:10")),
        1505
    );
    assert_eq!(
        at("2026-03-14T02:05").minutes_until(at("2026-03-14T02:00")),
        -5
    );
}

#[test]
fn times_are_shown_and_compared() {
    assert_eq!(
        entry(1, "2026-03-14T02:05", None).when.shown(),
        "14 Mar 2026, 02:05"
    );
    let mut window = entry(1, "2026-03-14T02:00", Some("2026-03-14T03:30")).when;
    assert_eq!(window.shown(), "14 Mar 2026, 02:00 to 03:30");
    window.approximate = true;
    assert_eq!(window.shown(), "14 Mar 2026, 02:00 to 03:30 (approximate)");
    let night = entry(1, "2026-03-14T23:30", Some("2026-03-15T00:40")).when;
    assert_eq!(night.shown(), "14 Mar 2026, 23:30 to 15 Mar 2026, 00:40");
    assert_eq!(night.last(), at("2026-03-15T00:40"));

    let moment = |text| entry(1, text, None).when;
    assert!(window.meets(&moment("2026-03-14T02:40")));
    assert!(
        window.meets(&moment("2026-03-14T03:30")),
        "touching the end meets"
    );
    assert!(
        moment("2026-03-14T02:00").meets(&window),
        "touching the start meets"
    );
    assert!(!window.meets(&moment("2026-03-14T03:31")));
    assert!(!moment("2026-03-14T01:59").meets(&window));
    assert!(moment("2026-03-14T01:59").meets(&moment("2026-03-14T01:59")));
    let later = entry(1, "2026-03-14T03:30", Some("2026-03-14T04:00")).when;
    assert!(window.meets(&later) && later.meets(&window));
}

#[test]
fn a_full_form_is_read() {
    let input = EntryInput {
        end_date: "2026-03-15".into(),
        end_time: "00:40".into(),
        approximate: "yes".into(),
        what: "  Call to outreach team  ".into(),
        who: " Staff nurse ".into(),
        place: "Ward 7".into(),
        source: "interview".into(),
        source_detail: "Interview 2".into(),
        note: "\r\nBusy night:\r\nthree admissions  \r\n".into(),
        problem: "care-delivery".into(),
        elements: vec![
            "tools-and-technology".into(),
            "people".into(),
            "people".into(),
        ],
        same_as: "2".into(),
        ..good()
    };
    let draft = parse_entry(&input, &[1, 2]).unwrap();
    assert_eq!(draft.when.start, at("2026-03-14T02:05"));
    assert_eq!(draft.when.end, Some(at("2026-03-15T00:40")));
    assert!(draft.when.approximate);
    assert_eq!(
        (draft.what.as_str(), draft.who.as_str()),
        ("Call to outreach team", "Staff nurse")
    );
    assert_eq!(draft.source, Source::Interview);
    assert_eq!(draft.note, "Busy night:\nthree admissions");
    assert_eq!(draft.problem, Some(Problem::CareDelivery));
    assert_eq!(draft.elements, [SeipsElement::People, SeipsElement::Tools]);
    assert_eq!(draft.same_as, Some(2));

    let plain = parse_entry(
        &EntryInput {
            approximate: "on".into(),
            ..good()
        },
        &[],
    )
    .unwrap();
    assert_eq!((plain.when.end, plain.when.approximate), (None, false));
    assert_eq!((plain.problem, plain.same_as), (None, None));
    assert!(plain.elements.is_empty());
}

#[test]
fn dates_and_times_say_how_to_fix_them() {
    let date = |text: &str| {
        message(
            &EntryInput {
                date: text.into(),
                ..good()
            },
            "date",
        )
    };
    let enter = "Enter the date, for example 2026-03-14";
    assert_eq!(date(""), enter);
    assert_eq!(date("14/03/2026"), enter);
    assert_eq!(date("+10000-01-01"), enter);
    assert_eq!(date(" 2026-02-30 "), "2026-02-30 is not a real date");
    assert_eq!(date("2026-13-01"), "2026-13-01 is not a real date");

    let time = |text: &str| {
        message(
            &EntryInput {
                time: text.into(),
                ..good()
            },
            "time",
        )
    };
    let enter = "Enter the time as hours and minutes, for example 14:05";
    assert_eq!(time(""), enter);
    assert_eq!(time("2pm"), enter);
    assert_eq!(time("14:05:00:00"), enter);
    assert_eq!(time("24:00"), "Enter a real time, from 00:00 to 23:59");
    assert_eq!(time("14:60"), "Enter a real time, from 00:00 to 23:59");
}

#[test]
fn the_end_of_a_window_is_checked() {
    let end = |date: &str, time: &str| EntryInput {
        end_date: date.into(),
        end_time: time.into(),
        ..good()
    };
    let draft = parse_entry(&end("", "03:30"), &[]).unwrap();
    assert_eq!(draft.when.end, Some(at("2026-03-14T03:30")));
    let draft = parse_entry(&end("2026-03-15", "01:00"), &[]).unwrap();
    assert_eq!(draft.when.end, Some(at("2026-03-15T01:00")));

    let after = "The window must end after it starts";
    assert_eq!(message(&end("", "02:00"), "end_time"), after);
    assert_eq!(message(&end("", "02:05"), "end_time"), after);
    assert_eq!(message(&end("2026-03-13", "23:00"), "end_time"), after);
    assert_eq!(
        message(&end("2026-03-14", ""), "end_time"),
        "Enter the time the window ends, or leave both end fields empty"
    );
    assert!(message(&end("", "3pm"), "end_time").starts_with("Enter the time the window ends"));
    assert_eq!(
        message(&end("", "24:00"), "end_time"),
        "Enter a real time, from 00:00 to 23:59"
    );
    assert_eq!(
        message(&end("15/03/2026", "01:00"), "end_date"),
        "Enter the date the window ends, for example 2026-03-14"
    );
    assert_eq!(
        message(&end("2026-02-30", "01:00"), "end_date"),
        "2026-02-30 is not a real date"
    );
    // An unreadable start cannot be compared with, so only it is named.
    let errors = errors_of(&EntryInput {
        date: "soon".into(),
        ..end("", "01:00")
    });
    assert_eq!(fields(&errors), ["date"]);
}

#[test]
fn texts_are_required_or_limited_by_characters() {
    assert_eq!(
        message(
            &EntryInput {
                what: "  ".into(),
                ..good()
            },
            "what"
        ),
        "Enter what happened"
    );
    let long = |max: usize| "é".repeat(max + 1);
    let what = message(
        &EntryInput {
            what: long(MAX_WHAT_CHARS),
            ..good()
        },
        "what",
    );
    assert_eq!(
        what,
        "What happened must be 1000 characters or fewer (it has 1001)"
    );
    let who = message(
        &EntryInput {
            who: long(MAX_WHO_CHARS),
            ..good()
        },
        "who",
    );
    assert_eq!(who, "Who must be 100 characters or fewer (it has 101)");
    let place = message(
        &EntryInput {
            place: long(MAX_PLACE_CHARS),
            ..good()
        },
        "place",
    );
    assert!(place.starts_with("Where must be 100 characters"), "{place}");
    let detail = EntryInput {
        source_detail: long(MAX_SOURCE_DETAIL_CHARS),
        ..good()
    };
    assert!(message(&detail, "source_detail").starts_with("Source details must be 200"));
    let note = message(
        &EntryInput {
            note: long(MAX_NOTE_CHARS),
            ..good()
        },
        "note",
    );
    assert_eq!(
        note,
        "The analysis note must be 2000 characters or fewer (it has 2001)"
    );
    // A line break typed in a textarea counts once, as the browser does.
    let lines = format!(
        "{}\r\n{}",
        "a".repeat(999),
        "b".repeat(MAX_NOTE_CHARS - 1000)
    );
    assert!(parse_entry(
        &EntryInput {
            note: lines,
            ..good()
        },
        &[]
    )
    .is_ok());
    let exact = EntryInput {
        what: "w".repeat(MAX_WHAT_CHARS),
        ..good()
    };
    assert!(parse_entry(&exact, &[]).is_ok());
}

#[test]
fn choices_must_come_from_their_lists() {
    let source = |slug: &str| {
        message(
            &EntryInput {
                source: slug.into(),
                ..good()
            },
            "source",
        )
    };
    assert_eq!(source(""), "Select where this information came from");
    assert_eq!(source("rumour"), "Select a source from the list");
    let problem = message(
        &EntryInput {
            problem: "blame".into(),
            ..good()
        },
        "problem",
    );
    assert_eq!(
        problem,
        "Select whether this is a care or service delivery problem, or neither"
    );
    let elements = EntryInput {
        elements: vec!["people".into(), "luck".into()],
        ..good()
    };
    assert_eq!(
        message(&elements, "elements"),
        "Select work-system elements from the list"
    );
    let forged = "Select one of this timeline's entries, or none";
    for same_as in ["3", "x", "-1", "+1", "1.0"] {
        let input = EntryInput {
            same_as: same_as.into(),
            ..good()
        };
        assert_eq!(message(&input, "same_as"), forged, "{same_as}");
    }
    // The entry being changed is not among `existing`, so never its own copy.
    assert!(parse_entry(
        &EntryInput {
            same_as: "1".into(),
            ..good()
        },
        &[2]
    )
    .is_err());
}

#[test]
fn every_error_is_named_in_the_forms_order() {
    let input = EntryInput {
        date: "2026-02-30".into(),
        time: "24:00".into(),
        end_date: "tomorrow".into(),
        end_time: "later".into(),
        approximate: "yes".into(),
        what: String::new(),
        who: "w".repeat(MAX_WHO_CHARS + 1),
        place: "p".repeat(MAX_PLACE_CHARS + 1),
        source: "gossip".into(),
        source_detail: "d".repeat(MAX_SOURCE_DETAIL_CHARS + 1),
        note: "n".repeat(MAX_NOTE_CHARS + 1),
        problem: "x".into(),
        elements: vec!["x".into()],
        same_as: "9".into(),
    };
    let errors = errors_of(&input);
    assert_eq!(
        fields(&errors),
        [
            "date",
            "time",
            "end_date",
            "end_time",
            "what",
            "who",
            "place",
            "source",
            "source_detail",
            "note",
            "problem",
            "elements",
            "same_as"
        ]
    );
}

#[test]
fn an_entrys_form_reads_back_to_the_entry() {
    let mut full = entry(5, "2026-03-14T23:30", Some("2026-03-15T00:40"));
    full.when.approximate = true;
    full.who = "Registrar".into();
    full.place = "Emergency department".into();
    full.source = Source::DeviceLog;
    full.source_detail = "Monitor log, clock 4 minutes fast".into();
    full.note = "Work as done:\ntwo alarms silenced".into();
    full.problem = Some(Problem::ServiceDelivery);
    full.elements = vec![SeipsElement::Tasks, SeipsElement::ExternalEnvironment];
    full.same_as = Some(3);
    for entry in [full, entry(6, "2026-01-02T00:00", None)] {
        let input = EntryInput::of(&entry);
        let back = Entry {
            id: entry.id,
            ..parse_entry(&input, &[3]).unwrap()
        };
        assert_eq!(back, entry);
    }
    let input = EntryInput::of(&entry(6, "2026-01-02T00:00", None));
    assert_eq!((input.end_date.as_str(), input.end_time.as_str()), ("", ""));
    assert_eq!(
        (input.approximate.as_str(), input.same_as.as_str()),
        ("", "")
    );
}

#[test]
fn entries_sort_by_start_then_end_then_id() {
    let mut entries = vec![
        entry(1, "2026-03-14T03:00", None),
        entry(2, "2026-03-14T02:00", Some("2026-03-14T04:00")),
        entry(3, "2026-03-14T02:00", None),
        entry(4, "2026-03-14T02:00", Some("2026-03-14T02:30")),
        entry(5, "2026-03-13T23:00", Some("2026-03-14T05:00")),
        entry(6, "2026-03-14T02:00", None),
    ];
    in_order(&mut entries);
    let ids: Vec<i64> = entries.iter().map(|entry| entry.id).collect();
    assert_eq!(ids, [5, 3, 6, 4, 2, 1]);
}

#[test]
fn lanes_merge_spellings_and_put_not_recorded_last() {
    let mut entries: Vec<Entry> = (1..=6)
        .map(|id| entry(id, "2026-03-14T02:00", None))
        .collect();
    for (entry, who) in entries.iter_mut().zip([
        "",
        "Staff nurse",
        "Registrar",
        " staff NURSE ",
        "not recorded",
        "Porter",
    ]) {
        entry.who = who.into();
        entry.place = "Ward 7".into();
    }
    assert_eq!(
        lanes(&entries, LaneBy::Who),
        ["Staff nurse", "Registrar", "Porter", "Not recorded"]
    );
    assert_eq!(lane_of(&entries, &entries[3], LaneBy::Who), "Staff nurse");
    assert_eq!(lane_of(&entries, &entries[0], LaneBy::Who), "Not recorded");
    assert_eq!(lane_of(&entries, &entries[4], LaneBy::Who), "Not recorded");
    assert_eq!(lanes(&entries, LaneBy::Place), ["Ward 7"]);
    assert!(lanes(&[], LaneBy::Who).is_empty());
}

#[test]
fn the_view_form_chooses_lanes_by_slug_and_falls_back_to_who() {
    let lanes_for = |lanes: &str| {
        ViewInput {
            gap: String::new(),
            lanes: lanes.into(),
        }
        .lanes()
    };
    for by in LaneBy::ALL {
        assert_eq!(lanes_for(by.slug()), by);
    }
    assert_eq!(lanes_for("place"), LaneBy::Place);
    for other in ["", "where", "PLACE", "<b>place</b>"] {
        assert_eq!(lanes_for(other), LaneBy::Who, "{other}");
    }
}

#[test]
fn gaps_are_flagged_past_the_chosen_length() {
    let entries = [
        entry(1, "2026-03-14T01:00", None),
        entry(2, "2026-03-14T02:00", None),
        entry(3, "2026-03-14T03:01", Some("2026-03-14T06:00")),
        entry(4, "2026-03-14T04:00", None),
        entry(5, "2026-03-14T08:05", None),
    ];
    let gaps = flags(&entries, 60);
    assert_eq!(gaps[0], []);
    assert_eq!(gaps[1], [], "exactly the gap length is not flagged");
    assert_eq!(gaps[2], [Flag::GapBefore { minutes: 61 }]);
    assert_eq!(gaps[3], [], "inside the window before it");
    assert_eq!(
        gaps[4],
        [Flag::GapBefore { minutes: 125 }],
        "counted from the window's end"
    );
    assert!(flags(&entries, 0).iter().all(Vec::is_empty));
    assert!(flags(&[], 60).is_empty());
}

#[test]
fn sources_that_disagree_about_the_time_are_flagged() {
    let entries = [
        entry(1, "2026-03-14T02:00", Some("2026-03-14T02:30")),
        linked(entry(2, "2026-03-14T02:30", None), 1),
        entry(3, "2026-03-14T02:40", None),
        linked(entry(4, "2026-03-14T03:10", None), 3),
        linked(entry(5, "2026-03-14T03:20", None), 3),
        linked(entry(6, "2026-03-14T03:30", None), 99),
    ];
    let found = flags(&entries, 0);
    assert_eq!(found[0], [], "touching the window's end meets it");
    assert_eq!(found[1], []);
    let time = |with| Flag::TimeConflict { with };
    assert_eq!(found[2], [time(4), time(5)]);
    assert_eq!(found[3], [time(3)]);
    assert_eq!(found[4], [time(3)]);
    assert_eq!(found[5], [], "a link to a missing entry is ignored");
    // Linked both ways, one flag each.
    let pair = [
        entry(1, "2026-03-14T02:00", None),
        linked(entry(2, "2026-03-14T05:00", None), 1),
    ];
    let pair = [linked(pair[0].clone(), 2), pair[1].clone()];
    assert_eq!(flags(&pair, 0), [vec![time(2)], vec![time(1)]]);
}

#[test]
fn the_order_is_compared_source_by_source_whichever_way_links_were_made() {
    let from = |mut entry: Entry, source: Source| {
        entry.source = source;
        entry
    };
    let has_order_flag = |entries: &[Entry]| {
        flags(entries, 0)
            .iter()
            .flatten()
            .any(|flag| matches!(flag, Flag::OrderConflict { .. }))
    };
    // The record: call (1) 02:00, review (2) 02:40. The interview
    // agrees (call 03:00, review 03:30), though the call was linked
    // from the interview and the review from the record.
    let agreeing = [
        from(entry(1, "2026-03-14T02:00", None), Source::ClinicalRecord),
        from(
            linked(entry(2, "2026-03-14T02:40", None), 3),
            Source::ClinicalRecord,
        ),
        from(entry(3, "2026-03-14T03:30", None), Source::Interview),
        from(
            linked(entry(4, "2026-03-14T03:00", None), 1),
            Source::Interview,
        ),
    ];
    assert!(!has_order_flag(&agreeing));
    // The interview puts the review (3, 02:20) before the call (4,
    // 02:30): a disagreement, with the links made the same mixed way.
    let disagreeing = [
        from(entry(1, "2026-03-14T02:00", None), Source::ClinicalRecord),
        from(
            linked(entry(2, "2026-03-14T02:40", None), 3),
            Source::ClinicalRecord,
        ),
        from(entry(3, "2026-03-14T02:20", None), Source::Interview),
        from(
            linked(entry(4, "2026-03-14T02:30", None), 1),
            Source::Interview,
        ),
    ];
    let mut sorted = disagreeing.clone();
    in_order(&mut sorted);
    assert!(has_order_flag(&sorted));
    // A third source: everyone has the call first, whichever way the
    // links were made, and times from two sources are never compared.
    for reversed in [false, true] {
        let first_link = if reversed {
            [
                from(
                    linked(entry(1, "2026-03-14T02:00", None), 3),
                    Source::ClinicalRecord,
                ),
                from(entry(3, "2026-03-14T03:00", None), Source::Interview),
            ]
        } else {
            [
                from(entry(1, "2026-03-14T02:00", None), Source::ClinicalRecord),
                from(
                    linked(entry(3, "2026-03-14T03:00", None), 1),
                    Source::Interview,
                ),
            ]
        };
        let mut three = vec![
            first_link[0].clone(),
            from(entry(2, "2026-03-14T02:40", None), Source::ClinicalRecord),
            first_link[1].clone(),
            from(
                linked(entry(4, "2026-03-14T03:20", None), 2),
                Source::DeviceLog,
            ),
        ];
        in_order(&mut three);
        assert!(!has_order_flag(&three), "reversed: {reversed}");
    }
    let within_one_source = [
        from(entry(1, "2026-03-14T02:00", None), Source::ClinicalRecord),
        from(entry(2, "2026-03-14T02:40", None), Source::ClinicalRecord),
        from(
            linked(entry(3, "2026-03-14T02:30", None), 1),
            Source::Interview,
        ),
        from(
            linked(entry(4, "2026-03-14T02:45", None), 2),
            Source::Interview,
        ),
        from(
            linked(entry(5, "2026-03-14T02:50", None), 1),
            Source::DeviceLog,
        ),
    ];
    assert!(!has_order_flag(&within_one_source));
}

#[test]
fn sources_that_disagree_about_the_order_are_flagged() {
    // The record has the call (1) before the review (2); the interview
    // remembers the review (3) before the call (4).
    let entries = [
        entry(1, "2026-03-14T02:00", None),
        entry(2, "2026-03-14T02:40", None),
        linked(entry(3, "2026-03-14T02:50", None), 2),
        linked(entry(4, "2026-03-14T03:10", None), 1),
        entry(5, "2026-03-14T03:20", None),
    ];
    let found = flags(&entries, 0);
    let order = |with| Flag::OrderConflict { with };
    let time = |with| Flag::TimeConflict { with };
    assert_eq!(found[0], [time(4), order(2)]);
    assert_eq!(found[1], [time(3), order(1)]);
    assert_eq!(found[2], [time(2), order(4)]);
    assert_eq!(found[3], [time(1), order(3)]);
    assert_eq!(found[4], []);

    // The same order from both sources is no conflict.
    let agreeing = [
        entry(1, "2026-03-14T02:00", None),
        entry(2, "2026-03-14T02:40", None),
        linked(entry(3, "2026-03-14T02:00", None), 1),
        linked(entry(4, "2026-03-14T02:40", None), 2),
    ];
    assert!(flags(&agreeing, 0).iter().all(Vec::is_empty));
    // A tie in one source is not a disagreement.
    let tied = [
        entry(1, "2026-03-14T02:00", None),
        entry(2, "2026-03-14T02:00", None),
        linked(entry(3, "2026-03-14T02:10", None), 1),
        linked(entry(4, "2026-03-14T02:40", None), 2),
    ];
    assert!(flags(&tied, 0)
        .iter()
        .flatten()
        .all(|flag| !matches!(flag, Flag::OrderConflict { .. })));
}

#[test]
fn flags_are_described_for_people() {
    let gap = |minutes| Flag::GapBefore { minutes }.describe(&[]);
    assert_eq!(gap(45), "No record for 45 minutes before this");
    assert_eq!(gap(1), "No record for 1 minute before this");
    assert_eq!(gap(60), "No record for 1 hour before this");
    assert_eq!(gap(120), "No record for 2 hours before this");
    assert_eq!(gap(125), "No record for 2 hours 5 minutes before this");
    assert_eq!(gap(61), "No record for 1 hour 1 minute before this");
    let mut other = entry(7, "2026-03-14T03:10", None);
    other.source = Source::Interview;
    let entries = [entry(1, "2026-03-14T02:40", None), other];
    assert_eq!(
        Flag::TimeConflict { with: 7 }.describe(&entries),
        "Sources disagree about the time: the same event is recorded at 14 Mar 2026, 03:10 (Interview)"
    );
    assert_eq!(
        Flag::OrderConflict { with: 1 }.describe(&entries),
        "Sources disagree about the order: compare the entry at 14 Mar 2026, 02:40"
    );
}

#[test]
fn the_gap_length_is_read_and_clamped() {
    assert_eq!(gap_minutes(""), DEFAULT_GAP_MINUTES);
    assert_eq!(gap_minutes("an hour"), DEFAULT_GAP_MINUTES);
    assert_eq!(gap_minutes("1.5"), DEFAULT_GAP_MINUTES);
    assert_eq!(gap_minutes(" 90 "), 90);
    assert_eq!(gap_minutes("0"), 0);
    assert_eq!(gap_minutes("-5"), 0);
    assert_eq!(gap_minutes("10080"), 10_080);
    assert_eq!(gap_minutes("10081"), 10_080);
    assert_eq!(gap_minutes("99999999999999999999999"), 10_080);
}

#[test]
fn a_row_says_each_entry_in_words_for_server_and_browser() {
    let mut first = entry(1, "2026-03-14T02:05", Some("2026-03-14T03:30"));
    first.who = "Duty doctor".into();
    first.source_detail = "GP record".into();
    first.problem = Some(Problem::CareDelivery);
    first.elements = vec![SeipsElement::Tasks, SeipsElement::People];
    let second = linked(entry(2, "2026-03-15T09:00", None), 1);
    let entries = vec![first, second];
    let flagged = flags(&entries, DEFAULT_GAP_MINUTES);

    let row = row_text(&entries, &entries[0], &flagged[0]);
    assert_eq!(row.who_where, "Duty doctor");
    assert_eq!(row.source, "Clinical record: GP record");
    assert_eq!(row.marks, ["Care delivery problem", "SEIPS: Tasks, People"]);
    let row = row_text(&entries, &entries[1], &flagged[1]);
    assert_eq!(row.who_where, "Not recorded");
    assert!(row.marks.contains(&"Same event as entry 1".to_string()));
    assert_eq!(row.flags.len(), flagged[1].len());
    assert!(
        !row.flags.is_empty(),
        "a day's gap and a time that disagrees"
    );

    let gap = || vec![Flag::GapBefore { minutes: 90 }];
    assert_eq!(summary(&[], true), "No entries yet: add the first below.");
    assert_eq!(summary(&[], false), "No entries yet.");
    assert_eq!(
        summary(&[vec![]], true),
        "1 entry in time order. Nothing flagged."
    );
    assert!(
        summary(&[vec![], gap()], false).starts_with("2 entries in time order. 1 entry is flagged")
    );
    assert!(summary(&[gap(), vec![], gap()], false).contains("2 entries are flagged"));
}
