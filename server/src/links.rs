//! The link checker: visits each published resource's external link and
//! records what it found, for curators (`/curation/links`). Polite by
//! design: a few requests at a time, a timeout on each, one retry after a
//! pause for answers that may be passing (timeouts, 5xx, refused
//! connections), and redirects recorded rather than followed.

use std::sync::Arc;
use std::time::Duration;

use app::curation::repo;
use app::curation::LinkOutcome;
use app::db::Db;
use reqwest::redirect::Policy;
use reqwest::StatusCode;
use tokio::sync::Semaphore;

/// How the checker behaves; tests shorten the waits.
#[derive(Clone, Debug)]
pub struct CheckerSettings {
    pub timeout: Duration,
    pub retry_after: Duration,
    pub concurrency: usize,
    /// Whether links to loopback and private addresses are visited. Off
    /// except in tests: links come from imports and contributors, and must
    /// not turn the checker into a probe of the hub's own network.
    pub allow_private_addresses: bool,
}

impl Default for CheckerSettings {
    fn default() -> Self {
        CheckerSettings {
            timeout: Duration::from_secs(15),
            retry_after: Duration::from_secs(5),
            concurrency: 4,
            allow_private_addresses: false,
        }
    }
}

/// What a check of one link found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Checked {
    pub outcome: LinkOutcome,
    pub status_code: Option<u16>,
    pub detail: String,
}

/// Totals of one run, for the command line and the log.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    pub checked: usize,
    pub ok: usize,
    pub problems: usize,
}

fn client(settings: &CheckerSettings) -> reqwest::Client {
    reqwest::Client::builder()
        .timeout(settings.timeout)
        .connect_timeout(settings.timeout)
        .redirect(Policy::none())
        .user_agent(concat!(
            "InvestigationResourcesHub-LinkChecker/",
            env!("CARGO_PKG_VERSION")
        ))
        .build()
        .expect("the HTTP client builds")
}

fn classify(result: Result<reqwest::Response, reqwest::Error>) -> Checked {
    match result {
        Ok(response) => {
            let status = response.status();
            let code = Some(status.as_u16());
            if status.is_success() {
                Checked {
                    outcome: LinkOutcome::Ok,
                    status_code: code,
                    detail: String::new(),
                }
            } else if status.is_redirection() {
                let to = response
                    .headers()
                    .get(reqwest::header::LOCATION)
                    .and_then(|value| value.to_str().ok())
                    .unwrap_or("an address not given");
                Checked {
                    outcome: LinkOutcome::Redirected,
                    status_code: code,
                    detail: format!("Moved to {to}"),
                }
            } else if status == StatusCode::NOT_FOUND || status == StatusCode::GONE {
                Checked {
                    outcome: LinkOutcome::Broken,
                    status_code: code,
                    detail: "The page is not there".into(),
                }
            } else {
                Checked {
                    outcome: LinkOutcome::Error,
                    status_code: code,
                    detail: format!("The site answered {status}"),
                }
            }
        }
        Err(error) if error.is_timeout() => Checked {
            outcome: LinkOutcome::Timeout,
            status_code: None,
            detail: "No answer in time".into(),
        },
        Err(error) => Checked {
            outcome: LinkOutcome::Error,
            status_code: None,
            detail: if error.is_connect() {
                "Could not connect".into()
            } else {
                "The request failed".into()
            },
        },
    }
}

/// Whether an address is one the checker must not visit: loopback,
/// private, link-local, unspecified and other non-public ranges.
fn is_private(address: std::net::IpAddr) -> bool {
    match address {
        std::net::IpAddr::V4(v4) => {
            let [a, b, ..] = v4.octets();
            v4.is_loopback()
                || v4.is_private()
                || v4.is_link_local()
                || v4.is_unspecified()
                || v4.is_broadcast()
                || a == 0
                || (a == 100 && (64..128).contains(&b)) // shared address space
        }
        std::net::IpAddr::V6(v6) => {
            let first = v6.segments()[0];
            v6.is_loopback()
                || v6.is_unspecified()
                || (first & 0xfe00) == 0xfc00 // unique local
                || (first & 0xffc0) == 0xfe80 // link-local
                || v6.to_ipv4_mapped().is_some_and(|v4| is_private(v4.into()))
        }
    }
}

/// Refuses a link whose host is not a public address (see [`is_private`]).
async fn refuse_private(url: &str) -> Option<Checked> {
    let refused = |detail: &str| {
        Some(Checked {
            outcome: LinkOutcome::Error,
            status_code: None,
            detail: detail.to_string(),
        })
    };
    let Ok(parsed) = reqwest::Url::parse(url) else {
        return refused("Not a valid web address");
    };
    let (Some(host), Some(port)) = (parsed.host_str(), parsed.port_or_known_default()) else {
        return refused("Not a valid web address");
    };
    let host = host
        .trim_start_matches('[')
        .trim_end_matches(']')
        .to_string();
    let resolved = tokio::net::lookup_host((host.as_str(), port)).await;
    match resolved {
        Ok(addresses) => {
            let addresses: Vec<_> = addresses.collect();
            if addresses.is_empty() || addresses.iter().any(|a| is_private(a.ip())) {
                refused("Not checked: the address is on a private or local network")
            } else {
                None
            }
        }
        Err(_) => refused("The site's name could not be found"),
    }
}

/// Checks one link: HEAD first (cheap for the site), GET when HEAD is
/// refused with a 4xx or 501 (some sites answer only GET properly), and one
/// retry after a pause for failures that may pass.
pub async fn check(client: &reqwest::Client, url: &str, settings: &CheckerSettings) -> Checked {
    if !settings.allow_private_addresses {
        if let Some(refused) = refuse_private(url).await {
            return refused;
        }
    }
    let mut attempt = 0;
    loop {
        let head = client.head(url).send().await;
        let result = match &head {
            Ok(response)
                if response.status().is_client_error()
                    || response.status() == StatusCode::NOT_IMPLEMENTED =>
            {
                client.get(url).send().await
            }
            _ => head,
        };
        let checked = classify(result);
        let may_pass = matches!(checked.outcome, LinkOutcome::Timeout | LinkOutcome::Error);
        if !may_pass || attempt == 1 {
            return checked;
        }
        attempt += 1;
        tokio::time::sleep(settings.retry_after).await;
    }
}

/// Checks every published resource's external link and records each result.
pub async fn check_all(db: &Db, settings: &CheckerSettings) -> Result<Summary, sqlx::Error> {
    check_all_reporting(db, settings, |_, _| {}).await
}

/// As [`check_all`], calling `on_checked(done, total)` after each link.
pub async fn check_all_reporting(
    db: &Db,
    settings: &CheckerSettings,
    on_checked: impl Fn(usize, usize),
) -> Result<Summary, sqlx::Error> {
    let links = repo::links_to_check(db).await?;
    let total = links.len();
    on_checked(0, total);
    let client = client(settings);
    let gate = Arc::new(Semaphore::new(settings.concurrency.max(1)));
    let mut tasks = tokio::task::JoinSet::new();
    for (resource_id, url) in links {
        let (client, gate, settings) = (client.clone(), gate.clone(), settings.clone());
        tasks.spawn(async move {
            let _permit = gate.acquire_owned().await.expect("the gate stays open");
            let checked = check(&client, &url, &settings).await;
            (resource_id, url, checked)
        });
    }
    let mut summary = Summary::default();
    while let Some(joined) = tasks.join_next().await {
        let Ok((resource_id, url, checked)) = joined else {
            continue;
        };
        summary.checked += 1;
        on_checked(summary.checked, total);
        if checked.outcome == LinkOutcome::Ok {
            summary.ok += 1;
        } else {
            summary.problems += 1;
        }
        repo::record_link_check(
            db,
            resource_id,
            &url,
            checked.outcome,
            checked.status_code.map(i64::from),
            &checked.detail,
            chrono::Utc::now().timestamp(),
        )
        .await?;
    }
    Ok(summary)
}
