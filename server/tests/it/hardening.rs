//! What a hostile and a busy day found (issue 12), each tried again through
//! real HTTP on both backends: markup in page titles, concurrent writers,
//! trailing slashes, control characters, Nagle's delay, the sign-in limit
//! under parallel guesses, client addresses behind proxies, and two saves
//! of one draft at once.

use std::io::{Read, Write};

use reqwest::StatusCode;

use crate::network::{connect, member, Member};
use crate::support::accounts::*;
use crate::support::{spawn_app, spawn_app_with, spawn_app_with_demo, Backend, TestApp};

/// Closes the `<title>` and adds a refresh to another site, if written raw.
const HOSTILE: &str = r#"</title><meta http-equiv="refresh" content="0;url=//evil.example/">"#;

/// The page's `<title>` must be text: no live element came out of it.
fn assert_title_is_text(html: &str, context: &str) {
    assert!(
        !html.contains("<meta http-equiv"),
        "{context}: markup from the title is live in the page"
    );
    let start = html.find("<title>").expect("the page has a title") + "<title>".len();
    let title = &html[start..start + html[start..].find("</title>").unwrap()];
    assert!(
        title.contains("&lt;/title&gt;&lt;meta"),
        "{context}: the title shows the text as typed: {title}"
    );
}

fn encoded(text: &str) -> String {
    url::form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

async fn hostile_titles_stay_text(backend: Backend) {
    let app = spawn_app(backend).await;
    for path in [
        format!("/resources?q={}", encoded(HOSTILE)),
        format!("/network?q={}", encoded(HOSTILE)),
    ] {
        let page = app.get(&path).await;
        assert!(page.status().is_success() || page.status().is_client_error());
        assert_title_is_text(&page.text().await.unwrap(), &path);
    }
    let hostile = member(&app, "hostile@example.org", HOSTILE, &[]).await;
    let reader = member(&app, "reader@example.org", "Rhiannon Reader", &[]).await;
    let profile = reader.browser.get(&hostile.path()).await;
    assert_eq!(profile.status, StatusCode::OK);
    assert_title_is_text(&profile.body, "member page");
    connect(&reader, &hostile).await;
    let conversation = reader
        .browser
        .get(&format!("/network/messages/{}", hostile.handle))
        .await;
    assert_eq!(conversation.status, StatusCode::OK);
    assert_title_is_text(&conversation.body, "conversation page");
    app.shutdown().await;
}

/// 32 members, in 16 connected pairs, each send messages at once.
async fn concurrent_writers_all_succeed_and_nothing_is_lost(backend: Backend) {
    const WRITERS: usize = 32;
    const EACH: usize = 4;
    let app = spawn_app(backend).await;
    let mut members: Vec<Member> = Vec::new();
    for index in 0..WRITERS {
        let name = format!("Writer Number{index}");
        members.push(member(&app, &format!("writer{index}@example.org"), &name, &[]).await);
    }
    for pair in members.chunks(2) {
        connect(&pair[0], &pair[1]).await;
    }
    // Each writer's CSRF token first, so the burst is only posts.
    let mut posts = tokio::task::JoinSet::new();
    for (index, writer) in members.iter().enumerate() {
        let partner = &members[index ^ 1];
        let token = writer.browser.csrf_token().await;
        let browser = writer.browser.clone();
        let path = format!("/network/messages/{}", partner.handle);
        posts.spawn(async move {
            let mut statuses = Vec::new();
            for number in 0..EACH {
                let body = format!("Message {number} from writer {index}");
                let page = browser
                    .post_raw(&path, &[("csrf_token", &token), ("body", &body)])
                    .await;
                statuses.push((page.status, page.body));
            }
            statuses
        });
    }
    let mut answered = 0;
    while let Some(statuses) = posts.join_next().await {
        for (status, body) in statuses.expect("a writer task") {
            assert_eq!(
                status,
                StatusCode::SEE_OTHER,
                "a message was refused: {body}"
            );
            answered += 1;
        }
    }
    assert_eq!(answered, WRITERS * EACH);
    let stored: i64 = app::with_pool!(&app.db, pool => {
        sqlx::query_scalar("SELECT COUNT(*) FROM messages").fetch_one(pool).await.unwrap()
    });
    assert_eq!(
        stored as usize,
        WRITERS * EACH,
        "every acknowledged message is stored"
    );
    app.shutdown().await;
}

async fn trailing_slashes_redirect_and_unknown_paths_are_404(backend: Backend) {
    let app = spawn_app(backend).await;
    for (path, to) in [
        ("/resources/", "/resources"),
        ("/network/", "/network"),
        ("/organisations/", "/organisations"),
        ("/toolkits/", "/toolkits"),
        ("/account/", "/account"),
        ("/admin/users/", "/admin/users"),
        ("/resources//", "/resources"),
        (
            "/resources/?q=timeline&page=2",
            "/resources?q=timeline&page=2",
        ),
        ("//evil.example/", "/evil.example"),
    ] {
        let response = app.get(path).await;
        assert_eq!(response.status(), StatusCode::PERMANENT_REDIRECT, "{path}");
        assert_eq!(response.headers()["location"], to, "{path}");
    }
    // Each redirect lands on the page itself.
    assert_eq!(app.get("/resources").await.status(), StatusCode::OK);
    // Again and again: the failure was intermittent.
    for _ in 0..20 {
        for path in [
            "/no-such-page",
            "/resources/no-such-resource/x/y",
            "/no-such/",
        ] {
            let response = app.client.get(app.url(path)).send().await.unwrap();
            let response = if response.status() == StatusCode::PERMANENT_REDIRECT {
                app.get(response.headers()["location"].to_str().unwrap())
                    .await
            } else {
                response
            };
            assert_eq!(response.status(), StatusCode::NOT_FOUND, "{path}");
            let html = response.text().await.unwrap();
            assert!(html.contains("Page not found"), "{path}: {html}");
        }
    }
    // `GET *` (the asterisk form) straight over TCP: never a 5xx.
    let status = raw_status_line(
        &app,
        "GET * HTTP/1.1\r\nHost: hub\r\nConnection: close\r\n\r\n",
    );
    assert!(
        status.contains(" 404 ") || status.contains(" 400 "),
        "GET * answered {status}"
    );
    app.shutdown().await;
}

fn raw_status_line(app: &TestApp, request: &str) -> String {
    let mut stream = std::net::TcpStream::connect(app.address).unwrap();
    stream
        .set_read_timeout(Some(std::time::Duration::from_secs(10)))
        .unwrap();
    stream.write_all(request.as_bytes()).unwrap();
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer);
    String::from_utf8_lossy(&answer)
        .lines()
        .next()
        .unwrap_or_default()
        .to_string()
}

async fn control_characters_never_reach_the_database(backend: Backend) {
    let app = spawn_app(backend).await;
    for path in [
        "/api/v1/resources/%00",
        "/resources/a%00b",
        "/network/members/%00",
        "/organisations/%00",
        "/resources/%1b%5b31m",
        "/resources/%ff",
    ] {
        let response = app.get(path).await;
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "{path}");
    }
    let search = app.get("/resources?q=time%00line").await;
    assert_eq!(search.status(), StatusCode::OK);
    let api = app.get("/api/v1/resources?q=%00%01").await;
    assert_eq!(api.status(), StatusCode::OK);
    let directory = app.get("/network?q=a%00").await;
    assert_eq!(directory.status(), StatusCode::OK);

    let nul = "\u{0}";
    let sender = member(
        &app,
        "sender@example.org",
        "Nia\u{0} Sender",
        &[
            ("bio", "Line one\u{0}\r\nLine\u{7} two"),
            ("role_title", nul),
        ],
    )
    .await;
    let receiver = member(&app, "receiver@example.org", "Rhys Receiver", &[]).await;
    let (name, bio): (String, String) = app::with_pool!(&app.db, pool => {
        sqlx::query_as("SELECT display_name, bio FROM profiles WHERE handle = $1")
            .bind(&sender.handle)
            .fetch_one(pool)
            .await
            .unwrap()
    });
    assert_eq!(name, "Nia Sender");
    assert_eq!(bio, "Line one\nLine two", "line breaks stay, controls go");

    let asked = sender
        .browser
        .post(
            &format!("{}/connect", receiver.path()),
            &[("kind", "connect"), ("note", "Hello\u{0} there")],
        )
        .await;
    assert_eq!(asked.status, StatusCode::SEE_OTHER, "{}", asked.body);
    let blocked = sender.browser.post("/network/members/%00/block", &[]).await;
    assert_eq!(blocked.status, StatusCode::NOT_FOUND);
    app.shutdown().await;
}

async fn parallel_wrong_passwords_cannot_exceed_the_limit(backend: Backend) {
    use app::web::rate_limit::SIGN_IN_FAILURES_PER_ACCOUNT;
    let app = spawn_app(backend).await;
    let user = create_user(&app, "target@example.org", app::accounts::Role::Member).await;
    let max = SIGN_IN_FAILURES_PER_ACCOUNT.max as usize;
    // Use up all but three attempts, then guess 24 times at once.
    for _ in 0..max - 3 {
        app::web::rate_limit::hit(&app.db, SIGN_IN_FAILURES_PER_ACCOUNT, &user.email)
            .await
            .unwrap();
    }
    let mut guesses = tokio::task::JoinSet::new();
    for guess in 0..24 {
        let browser = Browser::new(&app);
        let token = browser.csrf_token().await;
        let email = user.email.clone();
        guesses.spawn(async move {
            browser
                .post_raw(
                    "/sign-in",
                    &[
                        ("csrf_token", &token),
                        ("email", &email),
                        ("password", &format!("wrong guess {guess}")),
                    ],
                )
                .await
                .status
        });
    }
    let mut checked = 0;
    let mut refused = 0;
    while let Some(status) = guesses.join_next().await {
        match status.unwrap() {
            StatusCode::UNAUTHORIZED => checked += 1,
            StatusCode::TOO_MANY_REQUESTS => refused += 1,
            other => panic!("a guess answered {other}"),
        }
    }
    // Never more than the attempts left. Two counted at the same instant
    // can both be refused (each sees the other), so fewer is possible; the
    // refused ones are given back, so exactly the rest remain afterwards.
    assert!(checked <= 3, "{checked} guesses were checked");
    assert_eq!(checked + refused, 24);
    let browser = Browser::new(&app);
    for _ in checked..3 {
        let page = browser
            .sign_in(&user.email, "one more wrong guess", None)
            .await;
        assert_eq!(page.status, StatusCode::UNAUTHORIZED);
    }
    let page = browser.sign_in(&user.email, "and another", None).await;
    assert_eq!(
        page.status,
        StatusCode::TOO_MANY_REQUESTS,
        "the limit holds"
    );
    // A right password does not count against the limit.
    let fresh = create_user(&app, "fresh@example.org", app::accounts::Role::Member).await;
    let browser = Browser::new(&app);
    for _ in 0..3 {
        let page = browser.sign_in(&fresh.email, PASSWORD, None).await;
        assert_eq!(page.status, StatusCode::SEE_OTHER);
        browser.post("/sign-out", &[]).await;
    }
    assert!(
        !app::web::rate_limit::exhausted(
            &app.db,
            app::web::rate_limit::Limit {
                max: 1,
                ..SIGN_IN_FAILURES_PER_ACCOUNT
            },
            &fresh.email
        )
        .await
        .unwrap(),
        "successful sign-ins are given back"
    );
    app.shutdown().await;
}

/// The address recorded for a failed sign-in sent with `header: value`.
async fn recorded_address(app: &TestApp, header: &str, value: &str) -> Option<String> {
    let browser = Browser::new(app);
    let token = browser.csrf_token().await;
    browser
        .client
        .post(browser.url("/sign-in"))
        .header(header, value)
        .form(&[
            ("csrf_token", token.as_str()),
            ("email", "nobody@example.org"),
            ("password", "not the password"),
        ])
        .send()
        .await
        .unwrap();
    app::with_pool!(&app.db, pool => {
        sqlx::query_scalar("SELECT ip FROM audit_log WHERE action = 'sign_in_failed' ORDER BY id DESC LIMIT 1")
            .fetch_one(pool)
            .await
            .unwrap()
    })
}

async fn client_addresses_come_from_trusted_proxies_only(backend: Backend) {
    let direct = spawn_app(backend).await;
    assert_eq!(
        recorded_address(&direct, "x-forwarded-for", "203.0.113.9")
            .await
            .as_deref(),
        Some("127.0.0.1"),
        "a header from an untrusted peer is ignored"
    );
    direct.shutdown().await;
    let proxied = spawn_app_with(backend, |settings| {
        settings.trusted_proxies =
            app::web::client_address::TrustedProxies::parse("127.0.0.0/8").unwrap();
    })
    .await;
    assert_eq!(
        recorded_address(&proxied, "x-forwarded-for", "198.51.100.1, 203.0.113.9")
            .await
            .as_deref(),
        Some("203.0.113.9"),
        "the address the trusted proxy saw"
    );
    assert_eq!(
        recorded_address(&proxied, "forwarded", "for=198.51.100.77")
            .await
            .as_deref(),
        Some("127.0.0.1"),
        "a Forwarded header the proxy passed on from the client is not believed"
    );
    proxied.shutdown().await;
}

/// Every accepted connection has TCP_NODELAY: without it a kept-alive
/// connection waits ~40 ms for a delayed ACK on each small static file.
async fn connections_are_served_without_nagle_delay(backend: Backend) {
    let app = spawn_app(backend).await;
    let client = std::net::TcpStream::connect(app.address).unwrap();
    let client_port = client.local_addr().unwrap().port();
    // The server runs in this process: find its side of the connection
    // among this process's sockets, with plain system calls (one that is
    // closed meanwhile by another test answers EBADF; nothing is written).
    let mut found = None;
    for _ in 0..50 {
        for entry in std::fs::read_dir("/proc/self/fd").unwrap().flatten() {
            let Some(fd) = entry
                .file_name()
                .to_str()
                .and_then(|name| name.parse().ok())
            else {
                continue;
            };
            if peer_port(fd) == Some(client_port) {
                found = tcp_nodelay(fd);
            }
        }
        if found.is_some() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    assert_eq!(found, Some(true), "the accepted socket has TCP_NODELAY");
    drop(client);
    app.shutdown().await;
}

/// The port of the IPv4 peer of socket `fd`, if it is one.
fn peer_port(fd: libc::c_int) -> Option<u16> {
    // SAFETY: getpeername writes at most `length` bytes into `address`,
    // which is large enough for any address.
    let mut address: libc::sockaddr_storage = unsafe { std::mem::zeroed() };
    let mut length = std::mem::size_of::<libc::sockaddr_storage>() as libc::socklen_t;
    let answer =
        unsafe { libc::getpeername(fd, (&raw mut address).cast::<libc::sockaddr>(), &mut length) };
    if answer != 0 || libc::c_int::from(address.ss_family) != libc::AF_INET {
        return None;
    }
    // SAFETY: an AF_INET address is a sockaddr_in.
    let ipv4 = unsafe { &*(&raw const address).cast::<libc::sockaddr_in>() };
    Some(u16::from_be(ipv4.sin_port))
}

/// Whether socket `fd` has TCP_NODELAY set.
fn tcp_nodelay(fd: libc::c_int) -> Option<bool> {
    let mut value: libc::c_int = 0;
    let mut length = std::mem::size_of::<libc::c_int>() as libc::socklen_t;
    // SAFETY: getsockopt writes at most `length` bytes into `value`.
    let answer = unsafe {
        libc::getsockopt(
            fd,
            libc::IPPROTO_TCP,
            libc::TCP_NODELAY,
            (&raw mut value).cast::<libc::c_void>(),
            &mut length,
        )
    };
    (answer == 0).then_some(value != 0)
}

async fn two_saves_of_one_draft_at_once_give_one_conflict(backend: Backend) {
    use crate::contributions::{create, fields};
    let app = spawn_app_with_demo(backend).await;
    let contributor =
        create_user(&app, "writer@example.org", app::accounts::Role::Contributor).await;
    let browser = signed_in(&app, &contributor).await;
    let slug = create(&browser, &fields("Timelines in practice", &[])).await;
    let edit = format!("/contribute/{slug}/edit");
    let token = browser.csrf_token().await;
    let mut saves = tokio::task::JoinSet::new();
    for title in [
        "Timelines in practice, first",
        "Timelines in practice, second",
    ] {
        let browser = browser.clone();
        let (token, edit) = (token.clone(), edit.clone());
        saves.spawn(async move {
            let all = fields(title, &[("version", "1"), ("csrf_token", &token)]);
            browser.post_raw(&edit, &all).await.status
        });
    }
    let mut statuses = Vec::new();
    while let Some(status) = saves.join_next().await {
        statuses.push(status.unwrap());
    }
    statuses.sort();
    assert_eq!(statuses, vec![StatusCode::SEE_OTHER, StatusCode::CONFLICT]);
    app.shutdown().await;
}

/// The API describes itself; the property-based check against a running
/// hub is schemathesis's, in `scripts/test`.
async fn the_api_describes_itself(backend: Backend) {
    let app = spawn_app(backend).await;
    let response = app.get("/api/v1/openapi.json").await;
    assert_eq!(response.status(), StatusCode::OK);
    let document: serde_json::Value = response.json().await.unwrap();
    assert!(document["openapi"].as_str().unwrap().starts_with("3."));
    for path in [
        "/api/v1/resources",
        "/api/v1/resources/{slug}",
        "/api/v1/organisations",
    ] {
        assert!(
            document["paths"][path]["get"].is_object(),
            "{path} is described"
        );
    }
    let kinds = &document["components"]["schemas"]["ResourceKind"]["enum"];
    assert_eq!(kinds.as_array().map(Vec::len), Some(4), "{kinds}");
    app.shutdown().await;
}

/// Form handlers read one value per field and only a browser's form body:
/// a field sent twice is a 400, another kind of body a 415, and neither
/// changes anything.
async fn forms_take_one_value_per_field_and_only_form_bodies(backend: Backend) {
    let app = spawn_app(backend).await;
    let writer = member(&app, "twice@example.org", "Tomos Twice", &[]).await;
    let token = writer.browser.csrf_token().await;
    let twice = writer
        .browser
        .post_raw(
            "/account/profile",
            &[
                ("csrf_token", &token),
                ("display_name", "First Name"),
                ("display_name", "Second Name"),
            ],
        )
        .await;
    assert_eq!(twice.status, StatusCode::BAD_REQUEST, "{}", twice.body);
    let plain = writer
        .browser
        .client
        .post(writer.browser.url("/account/profile"))
        .header("content-type", "text/plain")
        .header("x-csrf-token", &token)
        .body("display_name=Nul%00Name")
        .send()
        .await
        .unwrap();
    assert_eq!(plain.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
    let name: String = app::with_pool!(&app.db, pool => {
        sqlx::query_scalar("SELECT display_name FROM profiles WHERE handle = $1")
            .bind(&writer.handle)
            .fetch_one(pool)
            .await
            .unwrap()
    });
    assert_eq!(name, "Tomos Twice", "nothing changed");
    app.shutdown().await;
}

crate::both_backends!(
    forms_take_one_value_per_field_and_only_form_bodies,
    the_api_describes_itself,
    hostile_titles_stay_text,
    concurrent_writers_all_succeed_and_nothing_is_lost,
    trailing_slashes_redirect_and_unknown_paths_are_404,
    control_characters_never_reach_the_database,
    parallel_wrong_passwords_cannot_exceed_the_limit,
    client_addresses_come_from_trusted_proxies_only,
    connections_are_served_without_nagle_delay,
    two_saves_of_one_draft_at_once_give_one_conflict,
);
