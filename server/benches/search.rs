//! Search latency on a large synthetic catalogue, on each backend.
//!
//! `scripts/bench` runs this (`cargo bench -p server --bench search`). It
//! fills a benchmark database per backend with BENCH_RESOURCES synthetic
//! resources (default 100,000; kept between runs), then times 20
//! representative searches, each with and without facet filters, through the
//! same engine the pages and API use, and prints p50/p95 per backend. It
//! also times the duplicate check a resource's review page runs (candidates
//! from the index, then word-set similarity) for 40 catalogue resources.

use std::time::{Duration, Instant};

use app::curation::contribution_repo;
use app::db::Db;
use app::resources::search::{engine, SearchParams};
use server::config::DatabaseUrl;

const QUERIES: [&str; 20] = [
    "timeline",
    "seips",
    "after action review",
    "swarm huddle",
    "safety actions",
    "interviewing staff",
    "involving families",
    "thematic review",
    "psychological safety",
    "medication",
    "handover",
    "deteriorating",
    "investigation",
    "learning response plan",
    "human factors",
    "systems thinking",
    "governance",
    "wellbeing",
    "inequalities",
    "timelne",
];
const FACETS: &str =
    "sector=primary-care&sector=mental-health&kind=toolkit&kind=guide&level=practitioner";
const ROUNDS: usize = 15;

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let index = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[index]
}

async fn prepare(url: &DatabaseUrl, resources: usize) -> Db {
    let db = server::db::connect(url)
        .await
        .expect("connect to the benchmark database");
    server::db::migrate(&db, url).await.expect("migrate");
    let existing = app::resources::repo::count(&db).await.unwrap() as usize;
    if existing < resources {
        eprintln!(
            "  seeding {} synthetic resources into {url}…",
            resources - existing
        );
        let started = Instant::now();
        server::seed::synthetic::seed(&db, resources - existing, |done| {
            if done % 20_000 == 0 {
                eprintln!("    {done}");
            }
        })
        .await
        .expect("seed");
        eprintln!("  seeded in {:.0} s", started.elapsed().as_secs_f64());
    }
    db
}

/// Resident memory of this process in MiB (Linux).
fn resident_mib() -> f64 {
    let statm = std::fs::read_to_string("/proc/self/statm").unwrap_or_default();
    let pages: f64 = statm
        .split_whitespace()
        .nth(1)
        .and_then(|pages| pages.parse().ok())
        .unwrap_or(0.0);
    pages * 4096.0 / (1024.0 * 1024.0)
}

/// Loads the search snapshot cold and says how long it took and how much
/// memory it holds.
async fn time_snapshot(name: &str, db: &Db) {
    let before = resident_mib();
    let started = Instant::now();
    let snapshot = app::resources::search::snapshot::current(db)
        .await
        .expect("snapshot");
    let elapsed = started.elapsed();
    println!(
        "{name}: search snapshot of {} resources loaded in {:.0} ms; resident memory grew by {:.0} MiB",
        snapshot.resources.len(),
        elapsed.as_secs_f64() * 1000.0,
        resident_mib() - before
    );
}

async fn time_searches(db: &Db, with_facets: bool) -> Vec<Duration> {
    let mut timings = Vec::new();
    for round in 0..=ROUNDS {
        for query in QUERIES {
            let mut raw = format!("q={}", query.replace(' ', "+"));
            if with_facets {
                raw.push('&');
                raw.push_str(FACETS);
            }
            let pairs: Vec<(String, String)> = url::form_urlencoded::parse(raw.as_bytes())
                .into_owned()
                .collect();
            let params = SearchParams::parse(&pairs).unwrap();
            let started = Instant::now();
            let outcome = engine::search(db, &params)
                .await
                .expect("search")
                .expect("valid");
            let elapsed = started.elapsed();
            std::hint::black_box(outcome);
            // Round 0 warms caches and is not counted.
            if round > 0 {
                timings.push(elapsed);
            }
        }
    }
    timings.sort();
    timings
}

/// The duplicate check of a review page, for resources spread through the
/// catalogue (each compared against all the others).
async fn time_duplicate_checks(db: &Db) -> Vec<Duration> {
    let slugs: Vec<String> = app::with_pool!(db, pool => sqlx::query_scalar(
        "SELECT slug FROM resources WHERE status = 'published' ORDER BY id LIMIT 40 OFFSET 1000",
    )
    .fetch_all(pool)
    .await
    .expect("slugs"));
    let mut timings = Vec::new();
    for slug in slugs {
        let found = contribution_repo::load(db, &slug).await.unwrap().unwrap();
        let started = Instant::now();
        let similar = contribution_repo::possible_duplicates(db, found.id, &found.draft, None)
            .await
            .expect("duplicates");
        timings.push(started.elapsed());
        std::hint::black_box(similar);
    }
    timings.sort();
    timings
}

#[tokio::main]
async fn main() {
    let resources: usize = std::env::var("BENCH_RESOURCES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let folder = std::env::var("BENCH_DIR").unwrap_or_else(|_| "/var/cache/irh/bench".to_string());
    std::fs::create_dir_all(&folder).unwrap();
    let mut backends = vec![(
        "SQLite",
        DatabaseUrl::Sqlite {
            path: format!("{folder}/search-{resources}.db").into(),
        },
    )];
    if let Ok(url) = std::env::var("BENCH_POSTGRES_URL") {
        backends.push((
            "PostgreSQL",
            url.parse()
                .expect("BENCH_POSTGRES_URL is a postgres:// URL"),
        ));
    }
    let mut rows = Vec::new();
    for (name, url) in backends {
        let db = prepare(&url, resources).await;
        time_snapshot(name, &db).await;
        for with_facets in [false, true] {
            let timings = time_searches(&db, with_facets).await;
            let ms = |d: Duration| format!("{:.1} ms", d.as_secs_f64() * 1000.0);
            rows.push(format!(
                "| {name} | {resources} | {} ({} timed) | {} | {} | {} |",
                if with_facets {
                    "20 queries with facet filters"
                } else {
                    "20 queries, no filters"
                },
                timings.len(),
                ms(percentile(&timings, 0.5)),
                ms(percentile(&timings, 0.95)),
                ms(*timings.last().unwrap()),
            ));
        }
        let checks = time_duplicate_checks(&db).await;
        let ms = |d: Duration| format!("{:.1} ms", d.as_secs_f64() * 1000.0);
        rows.push(format!(
            "| {name} | {resources} | duplicate check of a review page ({} timed) | {} | {} | {} |",
            checks.len(),
            ms(percentile(&checks, 0.5)),
            ms(percentile(&checks, 0.95)),
            ms(*checks.last().unwrap()),
        ));
        db.close().await;
    }
    println!("| backend | resources | searches | p50 | p95 | max |");
    println!("|---|---|---|---|---|---|");
    for row in rows {
        println!("{row}");
    }
}
