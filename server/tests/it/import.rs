//! Bulk import on both backends: a dry run of a file with bad rows names
//! every bad line and imports nothing; so does a real run of it; a valid
//! file (the export, with new slugs) imports in full.

use crate::support::{spawn_app_with_demo, Backend, TestApp};
use app::curation::import::{import, Format};

async fn resource_count(app: &TestApp) -> i64 {
    app::resources::repo::count(&app.db).await.unwrap()
}

const BAD_CSV: &str = "\
slug,kind,status,title,summary,body,provider,sectors,topics,responses,level,audience,minutes,cpd_hours,external_url,published_on,reviewed_on,review_by,featured
good-one,guide,published,A good guide,Fine.,Body,PROVIDER,primary-care,,,foundation,,10,0,,2026-01-01,2026-01-01,2027-01-01,false
bad-kind,leaflet,draft,Bad kind,Fine.,,PROVIDER,,,,foundation,,10,0,,,2026-01-01,2027-01-01,false
no-provider,guide,draft,No provider,Fine.,,nobody-at-all,,,,foundation,,10,0,,,2026-01-01,2027-01-01,false
good-one,guide,draft,Same slug again,Fine.,,PROVIDER,,,,foundation,,10,0,,,2026-01-01,2027-01-01,false
dates,guide,draft,Dates the wrong way round,Fine.,,PROVIDER,,,,foundation,,10,0,,,2027-01-01,2026-01-01,false
signpost,signposted,draft,No link,Fine.,,PROVIDER,,,,foundation,,10,0,,,2026-01-01,2027-01-01,false
short,guide,draft,Too few columns
Bad Slug!,guide,draft,Bad slug,Fine.,,PROVIDER,primary-care,,,foundation,,10,0,,,2026-01-01,2027-01-01,false
";

async fn a_dry_run_names_every_bad_line_and_imports_nothing(backend: Backend) {
    let app = spawn_app_with_demo(backend).await;
    let provider = server::seed::demo::catalogue().unwrap().organisations[0]
        .slug
        .clone();
    let file = BAD_CSV.replace("PROVIDER", &provider);
    let before = resource_count(&app).await;
    for dry_run in [true, false] {
        let report = import(&app.db, Format::Csv, &file, dry_run).await.unwrap();
        assert_eq!(report.rows, 8);
        assert_eq!(
            report.imported, 0,
            "nothing is imported while any row is bad"
        );
        let lines: Vec<usize> = report.problems.iter().map(|problem| problem.line).collect();
        assert_eq!(lines, [3, 4, 5, 6, 7, 8, 9], "{:#?}", report.problems);
        let text: Vec<String> = report.problems.iter().map(ToString::to_string).collect();
        for (index, expected) in [
            "there is no kind called 'leaflet'",
            "there is no provider called 'nobody-at-all'",
            "slug 'good-one' is used again (first on line 2)",
            "review_by must be after reviewed_on",
            "a signposted resource needs external_url",
            "this row has 4 columns",
            "must be 1 to 100 lower-case letters",
        ]
        .iter()
        .enumerate()
        {
            assert!(
                text[index].contains(expected),
                "{}: expected '{expected}'",
                text[index]
            );
        }
        assert_eq!(resource_count(&app).await, before);
    }
    app.shutdown().await;
}

async fn the_export_imports_back(backend: Backend) {
    let app = spawn_app_with_demo(backend).await;
    let exported = app::curation::export::catalogue(&app.db).await.unwrap();
    let mut json = serde_json::to_value(&exported).unwrap();
    for resource in json.as_array_mut().unwrap() {
        let slug = resource["slug"].as_str().unwrap().to_string();
        resource["slug"] = format!("{slug}-copy").into();
    }
    let text = serde_json::to_string_pretty(&json).unwrap();
    let before = resource_count(&app).await;
    let dry = import(&app.db, Format::Json, &text, true).await.unwrap();
    assert!(dry.problems.is_empty(), "{:#?}", dry.problems);
    assert_eq!((dry.rows, dry.imported), (exported.len(), 0));
    assert_eq!(
        resource_count(&app).await,
        before,
        "a dry run imports nothing"
    );
    let real = import(&app.db, Format::Json, &text, false).await.unwrap();
    assert_eq!(real.imported, exported.len());
    assert_eq!(resource_count(&app).await, before * 2);
    let copies = app::curation::export::catalogue(&app.db).await.unwrap();
    for original in &exported {
        let copy = copies
            .iter()
            .find(|r| r.slug == format!("{}-copy", original.slug))
            .unwrap();
        assert_eq!(
            copy.capabilities, original.capabilities,
            "{}",
            original.slug
        );
        assert_eq!(copy.topics, original.topics, "{}", original.slug);
    }
    assert!(exported.iter().all(|r| !r.capabilities.is_empty()));
    let lessons: i64 = app::with_pool!(&app.db, pool => sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM lessons l JOIN resources r ON r.id = l.resource_id WHERE r.slug LIKE '%-copy'").fetch_one(pool).await.unwrap());
    assert!(lessons > 0, "module lessons come across");
    // Found by search at once.
    let outcome = crate::support::search(&app, "q=timeline").await.unwrap();
    assert!(
        outcome
            .results
            .iter()
            .any(|card| card.slug.ends_with("-copy"))
            || outcome.total > 2
    );

    // A bad JSON item is reported at the line it starts on.
    let broken = "[\n  {\"slug\": \"x\"},\n  {\n    \"slug\": \"y\", \"kind\": \"guide\"\n  }\n]";
    let report = import(&app.db, Format::Json, broken, true).await.unwrap();
    let lines: Vec<usize> = report.problems.iter().map(|problem| problem.line).collect();
    assert_eq!(lines, [2, 3]);
    assert!(
        report.problems[0].message.contains("missing field"),
        "{}",
        report.problems[0]
    );
    let report = import(&app.db, Format::Json, "{\"not\": \"a list\"}", true)
        .await
        .unwrap();
    assert!(report.problems[0].message.contains("not a JSON list"));
    app.shutdown().await;
}

async fn capability_domains_import_from_csv_and_json(backend: Backend) {
    use app::vocabulary::Capability;
    let app = spawn_app_with_demo(backend).await;
    let provider = server::seed::demo::catalogue().unwrap().organisations[0]
        .slug
        .clone();
    let header = "slug,kind,status,title,summary,body,provider,sectors,topics,capabilities,responses,level,audience,minutes,cpd_hours,external_url,published_on,reviewed_on,review_by,featured";
    let row = |slug: &str, capabilities: &str| {
        format!("{slug},guide,published,Guide {slug},Fine.,Body,{provider},primary-care,,{capabilities},,practitioner,,10,0,,2026-01-01,2026-01-01,2027-01-01,false")
    };
    let capabilities_of = |slug: &'static str| {
        let db = app.db.clone();
        async move {
            let mask: i64 = app::with_pool!(&db, pool => sqlx::query_scalar("SELECT capabilities FROM resources WHERE slug = $1")
                .bind(slug)
                .fetch_one(pool)
                .await
                .unwrap());
            Capability::from_mask(mask)
        }
    };

    // An unknown domain names its line and the allowed ones; nothing is imported.
    let before = resource_count(&app).await;
    let bad = format!(
        "{header}\n{}\n{}\n",
        row("fine", "analysis"),
        row("wrong", "analysis; juggling")
    );
    let report = import(&app.db, Format::Csv, &bad, false).await.unwrap();
    assert_eq!(report.imported, 0);
    assert_eq!(report.problems.len(), 1, "{:#?}", report.problems);
    assert_eq!(report.problems[0].line, 3);
    assert!(
        report.problems[0]
            .message
            .contains("there is no capability domain called 'juggling'; choose from"),
        "{}",
        report.problems[0]
    );
    assert_eq!(resource_count(&app).await, before);

    // Listed with `;` (spaces allowed), or left empty.
    let good = format!(
        "{header}\n{}\n{}\n",
        row("two-domains", "analysis; gathering-evidence"),
        row("no-domains", "")
    );
    let report = import(&app.db, Format::Csv, &good, false).await.unwrap();
    assert!(report.problems.is_empty(), "{:#?}", report.problems);
    assert_eq!(report.imported, 2);
    assert_eq!(
        capabilities_of("two-domains").await,
        vec![Capability::GatheringEvidence, Capability::Analysis]
    );
    assert!(capabilities_of("no-domains").await.is_empty());
    // Search knows them at once.
    let found = crate::support::search(&app, "q=two+domains&capability=gathering-evidence")
        .await
        .unwrap();
    assert!(found.results.iter().any(|card| card.slug == "two-domains"));
    let other = crate::support::search(
        &app,
        "q=two+domains&capability=planning-a-learning-response",
    )
    .await
    .unwrap();
    assert!(!other.results.iter().any(|card| card.slug == "two-domains"));

    // JSON: optional, and checked like every fixed value.
    let json = format!(
        r#"[
  {{"slug": "json-domains", "kind": "guide", "title": "T", "summary": "S", "provider": "{provider}",
    "level": "expert", "minutes": 5, "reviewed_on": "2026-01-01", "review_by": "2027-01-01",
    "capabilities": ["leading-and-overseeing-investigations"]}},
  {{"slug": "json-none", "kind": "guide", "title": "T", "summary": "S", "provider": "{provider}",
    "level": "expert", "minutes": 5, "reviewed_on": "2026-01-01", "review_by": "2027-01-01"}}
]"#
    );
    let report = import(&app.db, Format::Json, &json, false).await.unwrap();
    assert!(report.problems.is_empty(), "{:#?}", report.problems);
    assert_eq!(
        capabilities_of("json-domains").await,
        vec![Capability::Leading]
    );
    assert!(capabilities_of("json-none").await.is_empty());
    let wrong = json
        .replace("json-domains", "json-wrong")
        .replace("json-none", "json-none-2")
        .replace("leading-and-overseeing-investigations", "leadership");
    let report = import(&app.db, Format::Json, &wrong, true).await.unwrap();
    assert_eq!(report.problems.len(), 1, "{:#?}", report.problems);
    assert!(
        report.problems[0].message.contains("leadership"),
        "{}",
        report.problems[0]
    );
    app.shutdown().await;
}

crate::both_backends!(
    capability_domains_import_from_csv_and_json,
    a_dry_run_names_every_bad_line_and_imports_nothing,
    the_export_imports_back,
);
