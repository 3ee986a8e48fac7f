//! Directory search latency on a large synthetic network, on each backend.
//!
//! `scripts/bench` runs this (`cargo bench -p server --bench directory`).
//! It fills a benchmark database per backend with BENCH_PROFILES synthetic
//! members (default 50,000; kept between runs), gives one member 40
//! connections and a few blocks, then times 20 representative directory
//! searches for three viewers (anonymous, that member, an admin) through
//! the same code the `/network` page uses, and prints p50/p95.

use std::time::{Duration, Instant};

use app::db::Db;
use app::network::connections;
use app::network::repo::{self, Looker};
use app::network::DirectoryParams;
use server::config::DatabaseUrl;

const SEARCHES: [&str; 20] = [
    "",
    "q=patel",
    "q=aisha+khan",
    "q=seips",
    "q=timeline+mapping",
    "q=safety",
    "q=pharm",
    "sector=primary-care",
    "sector=mental-health&region=north-west",
    "region=london&level=expert",
    "mentoring=yes",
    "mentoring=yes&sector=primary-care&region=north-west",
    "collaboration=yes&level=practitioner",
    "q=family+liaison&sector=maternity",
    "q=swarm&mentoring=yes",
    "sector=ambulance&sector=prison-healthcare",
    "level=foundation&page=3",
    "page=40",
    "q=human+factors&region=south-west",
    "q=zielinski&collaboration=yes",
];
const ROUNDS: usize = 10;

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let index = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[index]
}

async fn prepare(url: &DatabaseUrl, profiles: usize) -> (Db, i64) {
    let db = server::db::connect(url)
        .await
        .expect("connect to the benchmark database");
    server::db::migrate(&db, url).await.expect("migrate");
    let existing = server::seed::synthetic_network::count(&db).await.unwrap();
    if existing < profiles {
        eprintln!(
            "  adding {} synthetic members to {url}…",
            profiles - existing
        );
        let started = Instant::now();
        server::seed::synthetic_network::seed(&db, profiles, |done| {
            if done % 10_000 == 0 {
                eprintln!("    {done}");
            }
        })
        .await
        .expect("seed");
        eprintln!("  seeded in {:.0} s", started.elapsed().as_secs_f64());
    }
    // The member whose view is timed: connected to 40 others, blocking 3.
    let id = |n: usize| {
        let db = db.clone();
        async move {
            app::with_pool!(&db, pool => sqlx::query_scalar::<_, i64>("SELECT id FROM users WHERE email = $1")
                .bind(format!("synthetic-{n}@example.org"))
                .fetch_one(pool)
                .await
                .unwrap())
        }
    };
    let viewer = id(0).await;
    for n in 1..=40 {
        let other = id(n * 97).await;
        if let Ok(request) =
            connections::request(&db, viewer, other, app::network::RequestKind::Connect, "")
                .await
                .unwrap()
        {
            connections::accept(&db, other, request)
                .await
                .unwrap()
                .unwrap();
        }
    }
    for n in 1..=3 {
        connections::block(&db, viewer, id(n * 1013).await)
            .await
            .unwrap()
            .unwrap();
    }
    (db, viewer)
}

async fn time_directory(db: &Db, looker: Looker) -> (Vec<Duration>, i64) {
    let mut timings = Vec::new();
    let mut per_search: Vec<Vec<Duration>> = vec![Vec::new(); SEARCHES.len()];
    let mut found = 0;
    for round in 0..=ROUNDS {
        for (index, search) in SEARCHES.iter().enumerate() {
            let params = DirectoryParams::parse_query_string(search).unwrap();
            let started = Instant::now();
            let (rows, total) = repo::directory(db, looker, &params)
                .await
                .expect("directory");
            let elapsed = started.elapsed();
            std::hint::black_box(rows);
            // Round 0 warms caches and is not counted.
            if round > 0 {
                timings.push(elapsed);
                per_search[index].push(elapsed);
            } else {
                found += total;
            }
        }
    }
    timings.sort();
    // The slowest searches by median, to stderr, for whoever tunes next.
    let mut medians: Vec<(Duration, &str)> = per_search
        .iter_mut()
        .zip(SEARCHES)
        .map(|(times, search)| {
            times.sort();
            (times[times.len() / 2], search)
        })
        .collect();
    medians.sort();
    for (median, search) in medians.iter().rev().take(3) {
        eprintln!(
            "    slowest: {search:?} median {:.1} ms",
            median.as_secs_f64() * 1000.0
        );
    }
    (timings, found)
}

#[tokio::main]
async fn main() {
    let profiles: usize = std::env::var("BENCH_PROFILES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(50_000);
    let folder = std::env::var("BENCH_DIR").unwrap_or_else(|_| "/var/cache/irh/bench".to_string());
    std::fs::create_dir_all(&folder).unwrap();
    let mut backends = vec![(
        "SQLite",
        DatabaseUrl::Sqlite {
            path: format!("{folder}/network-{profiles}.db").into(),
        },
    )];
    if let Ok(url) = std::env::var("BENCH_NETWORK_POSTGRES_URL") {
        backends.push(("PostgreSQL", url.parse().expect("a postgres:// URL")));
    }
    println!("| backend | members | viewer | searches | p50 | p95 | max |");
    println!("|---|---|---|---|---|---|---|");
    for (name, url) in backends {
        let (db, viewer) = prepare(&url, profiles).await;
        let viewers = [
            ("anonymous", Looker::ANONYMOUS),
            (
                "member with 40 connections",
                Looker {
                    user_id: Some(viewer),
                    is_admin: false,
                },
            ),
            (
                "admin",
                Looker {
                    user_id: Some(viewer),
                    is_admin: true,
                },
            ),
        ];
        for (who, looker) in viewers {
            let (timings, found) = time_directory(&db, looker).await;
            let ms = |d: Duration| format!("{:.1} ms", d.as_secs_f64() * 1000.0);
            println!(
                "| {name} | {profiles} | {who} | 20 searches ({} timed, {found} matches in all) | {} | {} | {} |",
                timings.len(),
                ms(percentile(&timings, 0.5)),
                ms(percentile(&timings, 0.95)),
                ms(*timings.last().unwrap()),
            );
        }
        db.close().await;
    }
}
