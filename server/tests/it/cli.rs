//! The `hub` binary as an operator meets it: help, clear one-line errors for
//! bad configuration, migrations, and a graceful stop on SIGTERM.

use std::io::Lines;
use std::io::{BufRead, BufReader};
use std::process::{Child, ChildStderr, Command, Stdio};
use std::time::{Duration, Instant};

fn hub() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_hub"));
    command
        .env_remove("DATABASE_URL")
        .env_remove("HUB_ADDR")
        .env("RUST_LOG", "info");
    command
}

fn assert_one_clear_sentence(stderr: &str, expected: &str) {
    assert!(stderr.contains(expected), "stderr was: {stderr}");
    assert!(!stderr.contains("panicked"), "stderr was: {stderr}");
    assert!(!stderr.contains("RUST_BACKTRACE"), "stderr was: {stderr}");
}

#[test]
fn help_explains_each_command_and_setting() {
    let output = hub().arg("--help").output().unwrap();
    assert!(output.status.success());
    let text = String::from_utf8(output.stdout).unwrap();
    for expected in [
        "serve",
        "migrate",
        "DATABASE_URL",
        "HUB_ADDR",
        "HUB_SITE_ROOT",
    ] {
        assert!(text.contains(expected), "help mentions {expected}:\n{text}");
    }
}

#[test]
fn an_unsupported_database_url_is_one_sentence() {
    let output = hub()
        .args(["migrate"])
        .env("DATABASE_URL", "mysql://root:hunter2@localhost/hub")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_one_clear_sentence(&stderr, "must start with sqlite:// or postgres://");
    assert!(
        !stderr.contains("hunter2"),
        "the password is never printed: {stderr}"
    );
}

#[test]
fn an_unreachable_database_is_one_sentence() {
    let output = hub()
        .args(["migrate"])
        .env("DATABASE_URL", "postgres://postgres@127.0.0.1:9/hub")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert_one_clear_sentence(
        &String::from_utf8(output.stderr).unwrap(),
        "Could not open the database at postgres://",
    );
}

#[test]
fn a_port_in_use_is_one_sentence() {
    let folder = tempfile::tempdir().unwrap();
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = taken.local_addr().unwrap().to_string();
    let output = hub()
        .env(
            "DATABASE_URL",
            format!("sqlite://{}/hub.db", folder.path().display()),
        )
        .env("HUB_ADDR", &addr)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert_one_clear_sentence(
        &String::from_utf8(output.stderr).unwrap(),
        "the address is already in use",
    );
}

/// A site folder from another build (or none) would serve pages whose
/// script and WASM answer 404: the hub refuses to start, saying why.
#[test]
fn a_site_folder_without_this_builds_files_is_one_sentence() {
    let folder = crate::support::site_root();
    std::fs::remove_file(folder.path().join("pkg/hub_bg.wasm")).unwrap();
    let output = hub()
        .env(
            "DATABASE_URL",
            format!("sqlite://{}/hub.db", folder.path().display()),
        )
        .env("HUB_ADDR", "127.0.0.1:0")
        .env("HUB_SITE_ROOT", folder.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_one_clear_sentence(
        &stderr,
        "does not have the files this build's pages load (pkg/hub_bg.wasm)",
    );
}

#[test]
fn a_bad_address_is_one_sentence() {
    let output = hub().env("HUB_ADDR", "localhost").output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert_one_clear_sentence(
        &String::from_utf8(output.stderr).unwrap(),
        "HUB_ADDR 'localhost' is not an address",
    );
}

#[test]
fn migrate_creates_the_sqlite_file_and_folder_and_is_repeatable() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("nested/data/hub.db");
    for _ in 0..2 {
        let output = hub()
            .arg("migrate")
            .env("DATABASE_URL", format!("sqlite://{}", path.display()))
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    assert!(path.exists());
}

/// A running `hub` that is killed if the test fails before stopping it.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Starts `hub serve` on a free port; returns the child, its address and the
/// rest of its log.
fn serve(
    database_url: &str,
    site_root: &std::path::Path,
) -> (Server, String, Lines<BufReader<ChildStderr>>) {
    let mut child = hub()
        .env("DATABASE_URL", database_url)
        .env("HUB_ADDR", "127.0.0.1:0")
        .env("HUB_SITE_ROOT", site_root)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    let started = lines
        .by_ref()
        .map_while(Result::ok)
        .find(|line| line.contains("serving the hub"))
        .expect("the server says it is serving");
    let address = started
        .split("address=")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .expect("the log line names the address")
        .to_string();
    (Server(child), address, lines)
}

#[tokio::test]
async fn the_same_binary_serves_from_postgres_when_told_to() {
    let database = crate::support::TestDatabase::create(crate::support::Backend::Postgres).await;
    let site = crate::support::site_root();
    let server::config::DatabaseUrl::Postgres { url } = &database.url else {
        unreachable!()
    };
    let (_server, address, _lines) = serve(url, site.path());
    let ready: serde_json::Value = reqwest::get(format!("http://{address}/readyz"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(ready["backend"], "postgres");
    assert_eq!(ready["status"], "ready");
    let home = reqwest::get(format!("http://{address}/")).await.unwrap();
    assert_eq!(home.status(), reqwest::StatusCode::OK);
}

#[test]
fn serve_stops_gracefully_on_sigterm() {
    let folder = crate::support::site_root();
    let (mut server, _address, lines) = serve(
        &format!("sqlite://{}/hub.db", folder.path().display()),
        folder.path(),
    );

    let status = Command::new("kill")
        .args(["-TERM", &server.0.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let deadline = Instant::now() + Duration::from_secs(10);
    let exit = loop {
        if let Some(exit) = server.0.try_wait().unwrap() {
            break exit;
        }
        assert!(
            Instant::now() < deadline,
            "the server did not stop within 10 seconds"
        );
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(exit.success(), "a graceful stop exits 0, got {exit:?}");
    let rest: Vec<String> = lines.map_while(Result::ok).collect();
    assert!(
        rest.iter().any(|line| line.contains("SIGTERM received")),
        "{rest:?}"
    );
}
