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

crate::both_backends!(
    a_dry_run_names_every_bad_line_and_imports_nothing,
    the_export_imports_back,
);
