//! Concurrent writers through real HTTP, on each backend (issue 12).
//!
//! `scripts/bench` runs this (`cargo bench -p server --bench writers`). It
//! starts the hub in-process on a fresh SQLite file and on a fresh
//! PostgreSQL database (BENCH_WRITERS_POSTGRES_URL, else TEST_POSTGRES_URL;
//! skipped without one), makes 32 members in 16 connected pairs, signs each
//! in, then has all 32 send BENCH_MESSAGES_EACH messages (default 250,
//! under the hub's limit of 300 a member an hour) to their partner as fast
//! as answers come. It prints, per backend, the posts answered, how many
//! were 5xx, messages stored per second, p50/p95/max latency, and whether
//! every acknowledged message is in the database.

use std::time::{Duration, Instant};

use app::accounts::{password, repo as accounts_repo, EmailAddress, Role};
use app::db::Db;
use app::network::connections;
use app::network::profile::{ProfileDraft, ProfileInput};
use app::network::RequestKind;
use server::config::{DatabaseUrl, Settings};
use server::startup::Application;

const WRITERS: usize = 32;
const PASSWORD: &str = "amber canal violin thistle";

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

fn hidden_value(html: &str, name: &str) -> Option<String> {
    let marker = format!("name=\"{name}\" value=\"");
    let start = html.find(&marker)? + marker.len();
    Some(html[start..start + html[start..].find('"')?].to_string())
}

struct Writer {
    client: reqwest::Client,
    token: String,
    partner_handle: String,
}

async fn prepare(db: &Db, base: &str) -> Vec<Writer> {
    let hash = password::hash_now(PASSWORD);
    let mut ids = Vec::new();
    let mut handles = Vec::new();
    for index in 0..WRITERS {
        let email = EmailAddress::parse(&format!("writer{index}@example.org")).unwrap();
        let name = format!("Writer Number{index}");
        let id = accounts_repo::create_user(db, &email, &name, &hash, Role::Member, true)
            .await
            .unwrap()
            .unwrap();
        let input = ProfileInput {
            display_name: name.clone(),
            visibility: "members".into(),
            ..ProfileInput::default()
        };
        let draft = ProfileDraft::parse(&input).unwrap();
        handles.push(
            app::network::repo::save_profile(db, id, &draft, false)
                .await
                .unwrap(),
        );
        ids.push(id);
    }
    for pair in ids.chunks(2) {
        let request = connections::request(db, pair[0], pair[1], RequestKind::Connect, "")
            .await
            .unwrap()
            .unwrap();
        connections::accept(db, pair[1], request)
            .await
            .unwrap()
            .unwrap();
    }
    let mut writers = Vec::new();
    for index in 0..WRITERS {
        let client = reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap();
        let page = client.get(format!("{base}/sign-in")).send().await.unwrap();
        let token = hidden_value(&page.text().await.unwrap(), "csrf_token").unwrap();
        let email = format!("writer{index}@example.org");
        let signed_in = client
            .post(format!("{base}/sign-in"))
            .form(&[
                ("csrf_token", token.as_str()),
                ("email", &email),
                ("password", PASSWORD),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(signed_in.status(), reqwest::StatusCode::SEE_OTHER);
        let page = client.get(format!("{base}/account")).send().await.unwrap();
        let token = hidden_value(&page.text().await.unwrap(), "csrf_token").unwrap();
        writers.push(Writer {
            client,
            token,
            partner_handle: handles[index ^ 1].clone(),
        });
    }
    writers
}

async fn run(name: &str, url: DatabaseUrl, each: usize) {
    let site = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(site.path().join("pkg")).unwrap();
    for file in ["pkg/hub.js", "pkg/hub_bg.wasm", "pkg/hub.css"] {
        std::fs::write(site.path().join(file), "").unwrap();
    }
    let outbox = tempfile::tempdir().unwrap();
    let settings = Settings::for_tests(url.clone(), site.path().into(), outbox.path().into());
    let application = Application::build(settings).await.expect("the hub starts");
    let base = format!("http://{}", application.local_addr());
    tokio::spawn(application.run_until(std::future::pending()));
    let db = server::db::connect(&url).await.unwrap();
    let writers = prepare(&db, &base).await;

    let started = Instant::now();
    let mut tasks = tokio::task::JoinSet::new();
    for (index, writer) in writers.into_iter().enumerate() {
        let base = base.clone();
        tasks.spawn(async move {
            let (mut latencies, mut failures, mut accepted) = (Vec::new(), 0usize, 0usize);
            let path = format!("{base}/network/messages/{}", writer.partner_handle);
            for number in 1..=each {
                let body = format!("Message {number} from writer {index}");
                let sent = Instant::now();
                let answer = writer
                    .client
                    .post(&path)
                    .form(&[("csrf_token", writer.token.as_str()), ("body", &body)])
                    .send()
                    .await
                    .unwrap();
                latencies.push(sent.elapsed());
                if answer.status().is_server_error() {
                    failures += 1;
                } else if answer.status() == reqwest::StatusCode::SEE_OTHER {
                    accepted += 1;
                }
                let _ = answer.bytes().await;
            }
            (latencies, failures, accepted)
        });
    }
    let (mut latencies, mut failures, mut accepted) = (Vec::new(), 0, 0);
    while let Some(done) = tasks.join_next().await {
        let (more, failed, ok) = done.unwrap();
        latencies.extend(more);
        failures += failed;
        accepted += ok;
    }
    let elapsed = started.elapsed().as_secs_f64();
    latencies.sort();
    let stored: i64 = app::with_pool!(&db, pool => {
        sqlx::query_scalar("SELECT COUNT(*) FROM messages").fetch_one(pool).await.unwrap()
    });
    println!(
        "| {name} | {WRITERS} | {} | {failures} ({:.1} %) | {:.0}/s | {:.1} ms | {:.1} ms | {:.1} ms | {} |",
        latencies.len(),
        failures as f64 * 100.0 / latencies.len() as f64,
        accepted as f64 / elapsed,
        percentile(&latencies, 0.5).as_secs_f64() * 1000.0,
        percentile(&latencies, 0.95).as_secs_f64() * 1000.0,
        latencies.last().unwrap().as_secs_f64() * 1000.0,
        if stored as usize == accepted { "yes" } else { "NO" },
    );
}

#[tokio::main]
async fn main() {
    let each: usize = std::env::var("BENCH_MESSAGES_EACH")
        .ok()
        .and_then(|value| value.parse().ok())
        .unwrap_or(250);
    println!("| backend | writers | posts answered | 5xx | messages stored per second | p50 | p95 | max | every acknowledged message stored |");
    println!("|---|---|---|---|---|---|---|---|---|");
    let folder = tempfile::tempdir().unwrap();
    run(
        "SQLite",
        DatabaseUrl::Sqlite {
            path: folder.path().join("writers.db"),
        },
        each,
    )
    .await;
    let admin = std::env::var("BENCH_WRITERS_POSTGRES_URL")
        .or_else(|_| std::env::var("TEST_POSTGRES_URL"))
        .ok();
    let Some(admin) = admin else {
        eprintln!("no PostgreSQL (BENCH_WRITERS_POSTGRES_URL or TEST_POSTGRES_URL): skipped");
        return;
    };
    let name = format!("hub_bench_writers_{}", std::process::id());
    let pool = sqlx::PgPool::connect(&admin).await.unwrap();
    sqlx::query(&format!("CREATE DATABASE {name}"))
        .execute(&pool)
        .await
        .unwrap();
    let mut url = url::Url::parse(&admin).unwrap();
    url.set_path(&name);
    run(
        "PostgreSQL",
        DatabaseUrl::Postgres {
            url: url.to_string(),
        },
        each,
    )
    .await;
    let _ = sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        .execute(&pool)
        .await;
}
