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
        capabilities: vec![],
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
        pass_mark: 70,
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

/// Every result of a search, through all its pages.
async fn all_slugs(app: &crate::support::TestApp, query: &str) -> Vec<String> {
    let mut slugs = Vec::new();
    let mut page = 1;
    loop {
        let outcome = search(app, &format!("{query}&page={page}")).await.unwrap();
        slugs.extend(outcome.results.into_iter().map(|card| card.slug));
        if page >= outcome.pages {
            return slugs;
        }
        page += 1;
    }
}

async fn capability_domains_filter_and_count(backend: Backend) {
    use app::vocabulary::{Capability, Level};
    let app = spawn_app_with_demo(backend).await;
    let catalogue = demo::catalogue().unwrap();
    let tagged = |capability: Capability| -> Vec<&str> {
        catalogue
            .resources
            .iter()
            .filter(|r| r.capabilities.contains(&capability))
            .map(|r| r.slug.as_str())
            .collect()
    };
    let facet = |outcome: &app::resources::search::SearchOutcome, value: &str| {
        let group = outcome
            .facets
            .iter()
            .find(|group| group.parameter == "capability")
            .expect("a capability facet");
        assert_eq!(group.legend, "Capability domain");
        group
            .values
            .iter()
            .find(|v| v.slug == value)
            .map(|v| (v.count, v.selected))
    };

    // With no filter the facet counts every domain's resources.
    let everything = search(&app, "").await.unwrap();
    for capability in Capability::ALL {
        let expected = tagged(*capability).len() as u32;
        assert!(expected > 0, "the demo has {capability}");
        assert_eq!(
            facet(&everything, capability.slug()),
            Some((expected, false)),
            "{capability}"
        );
    }

    // Filtering finds exactly the tagged resources, on every page.
    let mut found = all_slugs(&app, "capability=analysis").await;
    let mut expected = tagged(Capability::Analysis);
    found.sort_unstable();
    expected.sort_unstable();
    assert_eq!(found, expected);
    let analysis = search(&app, "capability=analysis").await.unwrap();
    assert_eq!(analysis.total as usize, expected.len());
    assert!(analysis.params.has_filters());
    // The facet ignores its own selection (choosing another would widen);
    // the other facets narrow to the tagged resources.
    assert_eq!(
        facet(&analysis, "analysis"),
        Some((expected.len() as u32, true))
    );
    assert_eq!(
        facet(&analysis, "writing-and-sharing-learning"),
        Some((tagged(Capability::WritingAndSharing).len() as u32, false))
    );
    let experts = catalogue
        .resources
        .iter()
        .filter(|r| r.level == Level::Expert && r.capabilities.contains(&Capability::Analysis))
        .count() as u32;
    let level = analysis
        .facets
        .iter()
        .find(|group| group.parameter == "level")
        .unwrap();
    assert_eq!(
        level
            .values
            .iter()
            .find(|v| v.slug == "expert")
            .unwrap()
            .count,
        experts
    );

    // Two domains widen; a domain and another facet narrow.
    let either = search(
        &app,
        "capability=analysis&capability=leading-and-overseeing-investigations",
    )
    .await
    .unwrap();
    let union = catalogue
        .resources
        .iter()
        .filter(|r| {
            r.capabilities.contains(&Capability::Analysis)
                || r.capabilities.contains(&Capability::Leading)
        })
        .count();
    assert_eq!(either.total as usize, union);
    let both = search(&app, "capability=analysis&level=expert")
        .await
        .unwrap();
    assert_eq!(both.total, experts);
    // With search terms too.
    let worded = search(&app, "q=seips&capability=analysis").await.unwrap();
    assert!(worded.total > 0);
    assert!(worded
        .results
        .iter()
        .all(|card| expected.contains(&card.slug.as_str())));

    // An unknown domain is the same clear refusal as an unknown topic.
    let topic = search(&app, "topic=juggling").await.unwrap_err();
    let capability = search(&app, "capability=juggling").await.unwrap_err();
    assert_eq!(topic.parameter, "topic");
    assert_eq!(capability.parameter, "capability");
    assert!(
        capability
            .message
            .starts_with("there is no capability domain called 'juggling'; choose from systems-thinking-and-human-factors,"),
        "{}",
        capability.message
    );
    app.shutdown().await;
}

/// A resource tagged with capability domains, as seeding would add it.
async fn add_tagged(
    app: &crate::support::TestApp,
    slug: &str,
    capabilities: Vec<app::vocabulary::Capability>,
    level: app::vocabulary::Level,
    status: app::vocabulary::Status,
    featured: bool,
) {
    use app::resources::repo::{self, NewResource};
    use app::vocabulary::{ResourceKind, Sector};
    let provider: i64 = app::with_pool!(&app.db, pool => sqlx::query_scalar("SELECT MIN(id) FROM organisations").fetch_one(pool).await.unwrap());
    let date = |text: &str| chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap();
    let resource = NewResource {
        slug: slug.into(),
        kind: ResourceKind::Toolkit,
        title: format!("Tagged {slug}"),
        summary: "For recommendations.".into(),
        body: String::new(),
        provider_id: provider,
        sectors: vec![Sector::PrimaryCare],
        topics: vec![],
        capabilities,
        responses: vec![],
        level,
        audience: String::new(),
        minutes: 35,
        cpd_hours: 0.0,
        external_url: None,
        // Older than every demo resource, so only `featured` can lift it.
        published_on: (status == app::vocabulary::Status::Published).then(|| date("2001-01-01")),
        reviewed_on: date("2001-01-01"),
        review_by: date("2030-01-01"),
        status,
        featured,
        lessons: vec![],
        pass_mark: 70,
    };
    repo::insert_many(&app.db, &[resource]).await.unwrap();
}

async fn recommendations_are_published_resources_of_one_domain_and_level(backend: Backend) {
    use app::resources::repo::for_capability;
    use app::vocabulary::{Capability, Level, ResourceKind, Status};
    let app = spawn_app_with_demo(backend).await;
    let catalogue = demo::catalogue().unwrap();

    // Every domain has something at every level in the demo catalogue.
    for capability in Capability::ALL {
        for level in Level::ALL {
            let links = for_capability(&app.db, *capability, *level, 50)
                .await
                .unwrap();
            let expected: Vec<&demo::DemoResource> = catalogue
                .resources
                .iter()
                .filter(|r| r.level == *level && r.capabilities.contains(capability))
                .collect();
            assert!(!links.is_empty(), "{capability} at {level}");
            assert_eq!(links.len(), expected.len(), "{capability} at {level}");
            for link in &links {
                let demo = expected
                    .iter()
                    .find(|r| r.slug == link.slug)
                    .unwrap_or_else(|| panic!("{} is not {capability} at {level}", link.slug));
                assert_eq!(link.title, demo.title);
                assert_eq!(link.kind, demo.kind);
                assert_eq!(i64::from(link.minutes), demo.minutes);
            }
        }
    }

    // Best first: featured, then newest; drafts and archived never; at
    // most `limit`.
    add_tagged(
        &app,
        "draft-analysis",
        vec![Capability::Analysis],
        Level::Practitioner,
        Status::Draft,
        true,
    )
    .await;
    add_tagged(
        &app,
        "archived-analysis",
        vec![Capability::Analysis],
        Level::Practitioner,
        Status::Archived,
        true,
    )
    .await;
    add_tagged(
        &app,
        "old-featured-analysis",
        vec![Capability::Leading, Capability::Analysis],
        Level::Practitioner,
        Status::Published,
        true,
    )
    .await;
    add_tagged(
        &app,
        "old-plain-analysis",
        vec![Capability::Analysis],
        Level::Practitioner,
        Status::Published,
        false,
    )
    .await;
    let links = for_capability(&app.db, Capability::Analysis, Level::Practitioner, 100)
        .await
        .unwrap();
    let slugs: Vec<&str> = links.iter().map(|link| link.slug.as_str()).collect();
    assert!(!slugs.contains(&"draft-analysis") && !slugs.contains(&"archived-analysis"));
    let featured_demo = catalogue
        .resources
        .iter()
        .filter(|r| {
            r.featured
                && r.level == Level::Practitioner
                && r.capabilities.contains(&Capability::Analysis)
        })
        .count();
    assert_eq!(
        slugs
            .iter()
            .position(|slug| *slug == "old-featured-analysis"),
        Some(featured_demo),
        "featured first (the newest featured before it): {slugs:?}"
    );
    assert_eq!(slugs.last(), Some(&"old-plain-analysis"), "oldest last");
    let newest_first = |links: &[app::resources::ResourceLink]| -> Vec<chrono::NaiveDate> {
        links
            .iter()
            .filter_map(|link| catalogue.resources.iter().find(|r| r.slug == link.slug))
            .filter(|r| !r.featured)
            .map(|r| r.published)
            .collect()
    };
    let dates = newest_first(&links);
    assert!(dates.windows(2).all(|pair| pair[0] >= pair[1]), "{dates:?}");
    let first = links
        .iter()
        .find(|link| link.slug == "old-featured-analysis")
        .unwrap();
    assert_eq!((first.kind, first.minutes), (ResourceKind::Toolkit, 35));

    let three = for_capability(&app.db, Capability::Analysis, Level::Practitioner, 3)
        .await
        .unwrap();
    assert_eq!(three, links[..3].to_vec());
    // Other levels and domains are untouched by these.
    let expert = for_capability(&app.db, Capability::Analysis, Level::Expert, 100)
        .await
        .unwrap();
    assert!(expert.iter().all(|link| !link.slug.starts_with("old-")));
    let leading = for_capability(&app.db, Capability::Leading, Level::Practitioner, 100)
        .await
        .unwrap();
    assert!(leading
        .iter()
        .any(|link| link.slug == "old-featured-analysis"));
    assert!(!leading.iter().any(|link| link.slug == "old-plain-analysis"));
    app.shutdown().await;
}

crate::both_backends!(
    capability_domains_filter_and_count,
    recommendations_are_published_resources_of_one_domain_and_level,
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
