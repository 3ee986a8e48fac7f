//! What a sign-in costs: argon2id (19 MiB, 2 passes, 1 lane) per hash and
//! per verification on this machine, and how many sign-ins per second each
//! core can take. `scripts/bench` runs it (`cargo bench -p server --bench password`).

use std::time::{Duration, Instant};

use app::accounts::password;

const ROUNDS: usize = 30;

fn percentile(sorted: &[Duration], fraction: f64) -> Duration {
    sorted[((sorted.len() as f64 - 1.0) * fraction).round() as usize]
}

fn report(what: &str, mut times: Vec<Duration>) {
    times.sort();
    let mean = times.iter().sum::<Duration>() / times.len() as u32;
    println!(
        "{what:<28} mean {:>6.1} ms  p50 {:>6.1} ms  p95 {:>6.1} ms  ({:.0} per second per core)",
        mean.as_secs_f64() * 1e3,
        percentile(&times, 0.5).as_secs_f64() * 1e3,
        percentile(&times, 0.95).as_secs_f64() * 1e3,
        1.0 / mean.as_secs_f64()
    );
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let phrase = "amber canal violin thistle";
    let stored = password::hash_now(phrase);
    println!(
        "parameters: {}",
        &stored[..stored
            .rfind('$')
            .and_then(|end| stored[..end].rfind('$'))
            .unwrap_or(0)]
    );

    let hashes = (0..ROUNDS)
        .map(|_| {
            let start = Instant::now();
            std::hint::black_box(password::hash_now(phrase));
            start.elapsed()
        })
        .collect();
    report("hash (registration, reset)", hashes);

    let mut verifications = Vec::with_capacity(ROUNDS);
    for _ in 0..ROUNDS {
        let start = Instant::now();
        assert!(password::verify(phrase, Some(stored.clone())).await);
        verifications.push(start.elapsed());
    }
    report("verify (sign-in)", verifications);

    let mut decoys = Vec::with_capacity(ROUNDS);
    for _ in 0..ROUNDS {
        let start = Instant::now();
        assert!(!password::verify(phrase, None).await);
        decoys.push(start.elapsed());
    }
    report("unknown account (decoy)", decoys);
}
