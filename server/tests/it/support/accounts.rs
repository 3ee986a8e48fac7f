//! Helpers for account tests: a cookie-keeping browser that sends CSRF
//! tokens like a page's forms do, accounts made straight in the database,
//! and reading links from the outbox.

use std::net::SocketAddr;

use app::accounts::{mfa, password, repo, EmailAddress, Role};
use reqwest::StatusCode;

use super::TestApp;

/// The password every test account gets.
pub const PASSWORD: &str = "amber canal violin thistle";

/// A client with its own cookie jar, like one browser (clones share it).
#[derive(Clone)]
pub struct Browser {
    pub client: reqwest::Client,
    pub address: SocketAddr,
}

/// What came back, read once.
pub struct Page {
    pub status: StatusCode,
    pub location: Option<String>,
    pub body: String,
    pub cookies: Vec<String>,
}

impl Browser {
    pub fn new(app: &TestApp) -> Self {
        Self::at(app.address)
    }

    pub fn at(address: SocketAddr) -> Self {
        let client = reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .timeout(std::time::Duration::from_secs(20))
            .no_brotli()
            .no_gzip()
            .build()
            .unwrap();
        Browser { client, address }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.address, path)
    }

    async fn read(response: reqwest::Response) -> Page {
        let status = response.status();
        let location = response
            .headers()
            .get("location")
            .and_then(|value| value.to_str().ok())
            .map(str::to_string);
        let cookies = response
            .headers()
            .get_all("set-cookie")
            .iter()
            .filter_map(|value| value.to_str().ok().map(str::to_string))
            .collect();
        let body = response.text().await.unwrap_or_default();
        Page {
            status,
            location,
            body,
            cookies,
        }
    }

    pub async fn get(&self, path: &str) -> Page {
        Self::read(
            self.client
                .get(self.url(path))
                .send()
                .await
                .expect("GET reaches the hub"),
        )
        .await
    }

    /// The JSON at `path`, which must answer 200.
    pub async fn json(&self, path: &str) -> serde_json::Value {
        let response = self
            .client
            .get(self.url(path))
            .send()
            .await
            .expect("GET reaches the hub");
        assert_eq!(response.status(), StatusCode::OK, "{path}");
        response.json().await.expect("JSON")
    }

    /// The CSRF token the sign-in page's form carries for this browser.
    pub async fn csrf_token(&self) -> String {
        let page = self.get("/sign-in").await;
        hidden_value(&page.body, "csrf_token").expect("the sign-in form carries a CSRF token")
    }

    /// Posts a form with this browser's CSRF token, as a page would.
    pub async fn post(&self, path: &str, fields: &[(&str, &str)]) -> Page {
        let token = self.csrf_token().await;
        let mut all: Vec<(&str, &str)> = vec![("csrf_token", token.as_str())];
        all.extend_from_slice(fields);
        self.post_raw(path, &all).await
    }

    /// Posts exactly these fields (no token added).
    pub async fn post_raw(&self, path: &str, fields: &[(&str, &str)]) -> Page {
        Self::read(
            self.client
                .post(self.url(path))
                .form(fields)
                .send()
                .await
                .expect("POST reaches the hub"),
        )
        .await
    }

    /// Posts an upload form (`multipart/form-data`) as a page would: its
    /// text `fields` (the CSRF token first, unless `token` is false) and a
    /// file, as (field, file name, bytes).
    pub async fn upload(
        &self,
        path: &str,
        fields: &[(&str, &str)],
        file: Option<(&str, &str, &[u8])>,
        token: bool,
    ) -> Page {
        let csrf = if token {
            Some(self.csrf_token().await)
        } else {
            None
        };
        let (content_type, body) = multipart(csrf.as_deref(), fields, file);
        Self::read(
            self.client
                .post(self.url(path))
                .header("content-type", content_type)
                .body(body)
                .send()
                .await
                .expect("POST reaches the hub"),
        )
        .await
    }

    /// Signs in with email and password (and a TOTP code when given).
    pub async fn sign_in(&self, email: &str, password: &str, totp_secret: Option<&str>) -> Page {
        let page = self
            .post("/sign-in", &[("email", email), ("password", password)])
            .await;
        match totp_secret {
            Some(secret) if page.location.as_deref() == Some("/sign-in/code") => {
                let code = mfa::code_at(secret, now());
                self.post("/sign-in/code", &[("code", &code)]).await
            }
            _ => page,
        }
    }

    /// Whether the hub sees this browser as signed in.
    pub async fn is_signed_in(&self) -> bool {
        self.get("/account").await.status == StatusCode::OK
    }
}

pub fn now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs()
}

/// The value of `<input type="hidden" name=NAME value=…>` in a page.
pub fn hidden_value(html: &str, name: &str) -> Option<String> {
    let pattern = format!(r#"name="{name}" value="([^"]*)""#);
    regex_lite::Regex::new(&pattern)
        .unwrap()
        .captures(html)
        .map(|captures| captures[1].to_string())
}

/// An account made directly in the database, ready to sign in.
pub struct TestUser {
    pub id: i64,
    pub email: String,
    pub totp_secret: Option<String>,
}

/// Creates a verified account with [`PASSWORD`]; curators and admins get
/// two-step verification, as their role requires.
pub async fn create_user(app: &TestApp, email: &str, role: Role) -> TestUser {
    let parsed = EmailAddress::parse(email).unwrap();
    let hash = password::hash_now(PASSWORD);
    let id = repo::create_user(
        &app.db,
        &parsed,
        &format!("Test {}", role.label()),
        &hash,
        role,
        true,
    )
    .await
    .unwrap()
    .expect("a new email address");
    let totp_secret = if role.requires_mfa() {
        let secret = mfa::new_secret();
        repo::enable_mfa(&app.db, id, &secret, &[]).await.unwrap();
        Some(secret)
    } else {
        None
    };
    TestUser {
        id,
        email: parsed.as_str().to_string(),
        totp_secret,
    }
}

/// A browser signed in as `user`.
pub async fn signed_in(app: &TestApp, user: &TestUser) -> Browser {
    let browser = Browser::new(app);
    let page = browser
        .sign_in(&user.email, PASSWORD, user.totp_secret.as_deref())
        .await;
    assert_eq!(
        page.status,
        StatusCode::SEE_OTHER,
        "sign-in of {} failed: {}",
        user.email,
        page.body
    );
    assert!(browser.is_signed_in().await);
    browser
}

/// The emails written to the outbox for `to`, oldest first.
pub fn emails_to(app: &TestApp, to: &str) -> Vec<String> {
    let mut files: Vec<_> = std::fs::read_dir(app.outbox.path())
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|entry| entry.path())
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
        .into_iter()
        .filter_map(|path| std::fs::read_to_string(path).ok())
        .filter(|text| text.lines().next() == Some(&format!("To: {to}")))
        .collect()
}

/// Waits for an email to `to` with a link under `path_prefix` and returns
/// the link's path. Emails are sent in the background, so allow a moment.
pub async fn link_in_outbox(app: &TestApp, to: &str, path_prefix: &str) -> String {
    for _ in 0..100 {
        let link = emails_to(app, to).iter().rev().find_map(|text| {
            text.split_whitespace()
                .filter_map(|word| word.strip_prefix("http://127.0.0.1:3000"))
                .find(|path| path.starts_with(path_prefix))
                .map(str::to_string)
        });
        if let Some(link) = link {
            return link;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("no email to {to} with a link under {path_prefix}");
}

/// Waits for an email to `to` that contains `text`.
pub async fn email_containing(app: &TestApp, to: &str, text: &str) -> String {
    for _ in 0..100 {
        if let Some(email) = emails_to(app, to)
            .into_iter()
            .find(|email| email.contains(text))
        {
            return email;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("no email to {to} containing '{text}'");
}

pub async fn user_count(app: &TestApp) -> i64 {
    app::with_pool!(&app.db, pool => sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM users").fetch_one(pool).await.unwrap())
}

/// An upload form's body, as a browser sends it: the CSRF token (when
/// given), the fields, then the file (field name, file name, bytes); and
/// its content type.
pub fn multipart(
    csrf: Option<&str>,
    fields: &[(&str, &str)],
    file: Option<(&str, &str, &[u8])>,
) -> (String, Vec<u8>) {
    const BOUNDARY: &str = "----hub-test-boundary-7MA4YWxkTrZu0gW";
    let mut body: Vec<u8> = Vec::new();
    let mut part = |disposition: String, content_type: Option<&str>, bytes: &[u8]| {
        body.extend_from_slice(
            format!("--{BOUNDARY}\r\nContent-Disposition: form-data; {disposition}\r\n").as_bytes(),
        );
        if let Some(content_type) = content_type {
            body.extend_from_slice(format!("Content-Type: {content_type}\r\n").as_bytes());
        }
        body.extend_from_slice(b"\r\n");
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    };
    if let Some(csrf) = csrf {
        part("name=\"csrf_token\"".into(), None, csrf.as_bytes());
    }
    for (name, value) in fields {
        part(format!("name=\"{name}\""), None, value.as_bytes());
    }
    if let Some((name, file_name, bytes)) = file {
        part(
            format!("name=\"{name}\"; filename=\"{file_name}\""),
            Some("application/json"),
            bytes,
        );
    }
    body.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={BOUNDARY}"), body)
}
