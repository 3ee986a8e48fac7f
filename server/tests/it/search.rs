//! Catalogue search on both backends: ranking, stemming, prefixes, typos,
//! facets, paging, hostile input and the record of fruitless searches.

use crate::support::{search, spawn_app_with_demo, Backend};
use server::seed::demo;

fn titles(outcome: &app::resources::search::SearchOutcome) -> Vec<&str> {
    outcome
        .results
        .iter()
        .map(|card| card.title.as_str())
        .collect()
}

async fn an_exact_title_ranks_first(backend: Backend) {
    let app = spawn_app_with_demo(backend).await;
    for title in ["Timeline mapping", "After Action Review"] {
        let outcome = search(&app, &format!("q={title}")).await.unwrap();
        assert!(outcome.total > 1, "{title} matches several resources");
        assert_eq!(outcome.results[0].title, title, "{:?}", titles(&outcome));
    }
    app.shutdown().await;
}

async fn titles_rank_above_bodies(backend: Backend) {
    let app = spawn_app_with_demo(backend).await;
    let outcome = search(&app, "q=seips").await.unwrap();
    let first = &outcome.results[0];
    assert!(
        first.title.to_lowercase().contains("seips"),
        "best match has SEIPS in its title: {:?}",
        titles(&outcome)
    );
    app.shutdown().await;
}

async fn stemming_finds_other_forms_of_a_word(backend: Backend) {
    let app = spawn_app_with_demo(backend).await;
    let plural = search(&app, "q=investigations ").await.unwrap();
    let singular = search(&app, "q=investigation ").await.unwrap();
    assert!(plural.total > 0);
    assert_eq!(
        plural.total, singular.total,
        "both forms find the same resources"
    );
    let huddles = search(&app, "q=huddles ").await.unwrap();
    assert!(titles(&huddles)
        .iter()
        .any(|title| title.to_lowercase().contains("huddle")));
    app.shutdown().await;
}

async fn the_last_word_matches_as_a_prefix(backend: Backend) {
    let app = spawn_app_with_demo(backend).await;
    let typing = search(&app, "q=swarm+hud").await.unwrap();
    assert!(typing.total > 0);
    assert!(titles(&typing)
        .iter()
        .any(|title| title.to_lowercase().contains("swarm huddle")));
    app.shutdown().await;
}

async fn small_typos_are_corrected(backend: Backend) {
    let app = spawn_app_with_demo(backend).await;
    let outcome = search(&app, "q=timelne").await.unwrap();
    assert_eq!(outcome.corrected_query.as_deref(), Some("timeline"));
    assert!(outcome.total > 0);
    assert!(outcome.results[0].title.to_lowercase().contains("timeline"));
    app.shutdown().await;
}

async fn results_carry_highlighted_snippets(backend: Backend) {
    let app = spawn_app_with_demo(backend).await;
    let outcome = search(&app, "q=psychological+safety").await.unwrap();
    let snippet = outcome
        .results
        .iter()
        .find_map(|card| card.snippet.clone())
        .expect("a snippet");
    assert!(
        snippet
            .0
            .iter()
            .any(|(text, marked)| *marked && text.to_lowercase().starts_with("psycholog")),
        "{snippet:?}"
    );
    app.shutdown().await;
}

async fn facet_counts_follow_the_query(backend: Backend) {
    let app = spawn_app_with_demo(backend).await;
    let catalogue = demo::catalogue().unwrap();
    let count = |f: &dyn Fn(&demo::DemoResource) -> bool| {
        catalogue.resources.iter().filter(|r| f(r)).count() as u32
    };
    let facet = |outcome: &app::resources::search::SearchOutcome, parameter: &str, value: &str| {
        outcome
            .facets
            .iter()
            .find(|group| group.parameter == parameter)
            .and_then(|group| group.values.iter().find(|v| v.slug == value))
            .map_or(0, |v| v.count)
    };
    use app::vocabulary::{ResourceKind, Sector};

    let everything = search(&app, "").await.unwrap();
    assert_eq!(everything.total, catalogue.resources.len() as u32);
    assert_eq!(
        facet(&everything, "sector", "primary-care"),
        count(&|r| r.sectors.contains(&Sector::PrimaryCare))
    );

    // Choosing toolkits narrows the other facets but not the kind facet itself.
    let toolkits = search(&app, "kind=toolkit").await.unwrap();
    assert_eq!(toolkits.total, count(&|r| r.kind == ResourceKind::Toolkit));
    assert_eq!(
        facet(&toolkits, "sector", "mental-health"),
        count(&|r| r.kind == ResourceKind::Toolkit && r.sectors.contains(&Sector::MentalHealth))
    );
    assert_eq!(
        facet(&toolkits, "kind", "guide"),
        count(&|r| r.kind == ResourceKind::Guide)
    );

    // Two values of one facet widen; two facets narrow.
    let either = search(&app, "sector=primary-care&sector=mental-health")
        .await
        .unwrap();
    assert_eq!(
        either.total,
        count(&|r| r.sectors.contains(&Sector::PrimaryCare)
            || r.sectors.contains(&Sector::MentalHealth))
    );
    let both = search(&app, "sector=primary-care&kind=guide")
        .await
        .unwrap();
    assert_eq!(
        both.total,
        count(&|r| r.sectors.contains(&Sector::PrimaryCare) && r.kind == ResourceKind::Guide)
    );
    app.shutdown().await;
}

async fn pages_hold_twenty_and_stop_at_the_end(backend: Backend) {
    let app = spawn_app_with_demo(backend).await;
    let total = demo::catalogue().unwrap().resources.len() as u32;
    let pages = total.div_ceil(20);
    let first = search(&app, "sort=title").await.unwrap();
    assert_eq!(first.results.len(), 20);
    assert_eq!(first.pages, pages);
    let last = search(&app, &format!("sort=title&page={pages}"))
        .await
        .unwrap();
    assert_eq!(last.results.len() as u32, total - 20 * (pages - 1));
    let second = search(&app, "sort=title&page=2").await.unwrap();
    assert!(
        first.results.last().unwrap().title.to_lowercase()
            <= second.results[0].title.to_lowercase()
    );
    let beyond = search(&app, &format!("page={}", pages + 1))
        .await
        .unwrap_err();
    assert_eq!(beyond.parameter, "page");
    assert!(
        beyond.message.contains(&format!("only {pages} pages")),
        "{}",
        beyond.message
    );
    app.shutdown().await;
}

async fn shortest_and_newest_sorts_order_results(backend: Backend) {
    let app = spawn_app_with_demo(backend).await;
    let shortest = search(&app, "sort=shortest").await.unwrap();
    assert!(shortest
        .results
        .windows(2)
        .all(|pair| pair[0].minutes <= pair[1].minutes));
    let newest = search(&app, "sort=newest").await.unwrap();
    assert!(newest
        .results
        .windows(2)
        .all(|pair| pair[0].published_on >= pair[1].published_on));
    app.shutdown().await;
}

async fn hostile_queries_are_just_text(backend: Backend) {
    let app = spawn_app_with_demo(backend).await;
    for hostile in [
        "\"unbalanced",
        "timeline*",
        "-timeline",
        "NEAR(timeline review)",
        "(a OR b) AND NOT c",
        "'; DROP TABLE resources; --",
        "title:seips",
        "^&|!:*",
        "SELECT * FROM users",
        "\u{E000}marker\u{E001}",
    ] {
        let query = url::form_urlencoded::Serializer::new(String::new())
            .append_pair("q", hostile)
            .finish();
        let outcome = search(&app, &query).await;
        assert!(outcome.is_ok(), "{hostile} gave {outcome:?}");
        let response = app.get(&format!("/api/v1/resources?{query}")).await;
        assert_eq!(response.status(), 200, "{hostile}");
        let page = app.get(&format!("/resources?{query}")).await;
        assert_eq!(page.status(), 200, "{hostile}");
    }
    let still_there = search(&app, "").await.unwrap();
    assert!(still_there.total >= 60);
    app.shutdown().await;
}

async fn searches_that_find_nothing_are_recorded(backend: Backend) {
    let app = spawn_app_with_demo(backend).await;
    for _ in 0..2 {
        let outcome = search(&app, "q=Quokka+Zeppelin").await.unwrap();
        assert_eq!(outcome.total, 0);
    }
    search(&app, "q=timeline").await.unwrap();
    let rows: Vec<(String, i64)> = app::with_pool!(&app.db, pool => {
        sqlx::query_as("SELECT query, searches FROM search_misses").fetch_all(pool).await.unwrap()
    });
    assert_eq!(rows, vec![("quokka zeppelin".to_string(), 2)]);
    app.shutdown().await;
}

/// A published guide with these words, from the first demo provider.
async fn add_guide(
    app: &crate::support::TestApp,
    slug: &str,
    title: &str,
    summary: &str,
    body: &str,
    published: &str,
) {
    use app::resources::repo::{self, NewResource};
    use app::vocabulary::{Level, ResourceKind, Sector, Status};
    let provider: i64 = app::with_pool!(&app.db, pool => sqlx::query_scalar("SELECT MIN(id) FROM organisations").fetch_one(pool).await.unwrap());
    let date = |text: &str| chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap();
    let resource = NewResource {
        slug: slug.into(),
        kind: ResourceKind::Guide,
        title: title.into(),
        summary: summary.into(),
        body: body.into(),
        provider_id: provider,
        sectors: vec![Sector::PrimaryCare],
        topics: vec![],
        responses: vec![],
        level: Level::Foundation,
        audience: String::new(),
        minutes: 10,
        cpd_hours: 0.0,
        external_url: None,
        published_on: Some(date(published)),
        reviewed_on: date(published),
        review_by: date("2030-01-01"),
        status: Status::Published,
        featured: false,
        lessons: vec![],
    };
    repo::insert_many(&app.db, &[resource]).await.unwrap();
}

async fn titles_rank_above_summaries_above_bodies(backend: Backend) {
    let app = spawn_app_with_demo(backend).await;
    // The newest has the word only in its body, the oldest in its title.
    add_guide(
        &app,
        "body-only",
        "Reviewing handovers",
        "How teams hand over.",
        "Mentions a zyxquark once.",
        "2026-10-01",
    )
    .await;
    add_guide(
        &app,
        "in-summary",
        "Learning from near misses",
        "What a zyxquark teaches about near misses.",
        "Nothing more.",
        "2026-06-01",
    )
    .await;
    add_guide(
        &app,
        "in-long-title",
        "Zyxquark reviews in general practice and community pharmacy",
        "A guide.",
        "Text.",
        "2025-01-01",
    )
    .await;
    add_guide(
        &app,
        "in-title",
        "Zyxquark basics",
        "A guide.",
        "Text.",
        "2024-01-01",
    )
    .await;
    let outcome = search(&app, "q=zyxquark").await.unwrap();
    assert_eq!(
        titles(&outcome),
        [
            "Zyxquark basics",
            "Zyxquark reviews in general practice and community pharmacy",
            "Learning from near misses",
            "Reviewing handovers"
        ],
        "title (shorter first), then summary, then body"
    );
    app.shutdown().await;
}

async fn a_changed_catalogue_shows_in_the_next_search(backend: Backend) {
    let app = spawn_app_with_demo(backend).await;
    let before = search(&app, "q=zyxquark").await.unwrap();
    assert_eq!(before.total, 0);
    add_guide(
        &app,
        "fresh",
        "Zyxquark for beginners",
        "A guide.",
        "Text.",
        "2026-01-01",
    )
    .await;
    let after = search(&app, "q=zyxquark").await.unwrap();
    assert_eq!(after.total, 1, "a new resource is found at once");
    let sector = after
        .facets
        .iter()
        .find(|group| group.parameter == "sector")
        .unwrap();
    assert_eq!(sector.values[0].slug, "primary-care");
    app::with_pool!(&app.db, pool => sqlx::query("UPDATE resources SET status = 'archived' WHERE slug = 'fresh'").execute(pool).await.unwrap().rows_affected());
    assert_eq!(
        search(&app, "q=zyxquark").await.unwrap().total,
        0,
        "archived: gone at once"
    );
    app.shutdown().await;
}

/// The subjects of the national body's recent reports are in the demo
/// catalogue, across every kind, and mental health and primary care stay
/// its best covered sectors (issue 17).
async fn demo_content_covers_the_reports_subjects(backend: Backend) {
    use app::vocabulary::{ResourceKind, Sector};
    let app = spawn_app_with_demo(backend).await;
    for (query, at_least) in [
        ("q=suicide", 3),
        ("q=temporary+staff", 3),
        ("q=out+of+area", 2),
        ("q=prison+emergency", 2),
        ("q=staff+involved+in+incidents", 2),
        ("q=safety+planning", 2),
    ] {
        let outcome = search(&app, query).await.unwrap();
        assert!(
            outcome.total >= at_least,
            "{query} finds {} resources: {:?}",
            outcome.total,
            titles(&outcome)
        );
    }
    let mental_health = search(&app, "q=suicide&sector=mental-health")
        .await
        .unwrap();
    assert!(mental_health.total >= 3, "{:?}", titles(&mental_health));
    let mut kinds = std::collections::BTreeSet::new();
    for query in [
        "q=suicide",
        "q=temporary+staff",
        "q=out+of+area",
        "q=prison+emergency",
    ] {
        let outcome = search(&app, query).await.unwrap();
        kinds.extend(outcome.results.iter().map(|card| card.kind));
    }
    assert_eq!(
        kinds.len(),
        ResourceKind::ALL.len(),
        "every kind: {kinds:?}"
    );

    let everything = search(&app, "").await.unwrap();
    let sectors = &everything
        .facets
        .iter()
        .find(|group| group.parameter == "sector")
        .unwrap()
        .values;
    let mut by_count: Vec<(u32, &str)> =
        sectors.iter().map(|v| (v.count, v.slug.as_str())).collect();
    by_count.sort_by(|a, b| b.cmp(a));
    let top_two: Vec<&str> = by_count.iter().take(2).map(|(_, slug)| *slug).collect();
    assert!(
        top_two.contains(&Sector::MentalHealth.slug())
            && top_two.contains(&Sector::PrimaryCare.slug()),
        "best covered sectors: {by_count:?}"
    );
    app.shutdown().await;
}

crate::both_backends!(
    demo_content_covers_the_reports_subjects,
    titles_rank_above_summaries_above_bodies,
    a_changed_catalogue_shows_in_the_next_search,
    an_exact_title_ranks_first,
    titles_rank_above_bodies,
    stemming_finds_other_forms_of_a_word,
    the_last_word_matches_as_a_prefix,
    small_typos_are_corrected,
    results_carry_highlighted_snippets,
    facet_counts_follow_the_query,
    pages_hold_twenty_and_stop_at_the_end,
    shortest_and_newest_sorts_order_results,
    hostile_queries_are_just_text,
    searches_that_find_nothing_are_recorded,
);
