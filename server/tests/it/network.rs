//! The network through real HTTP on both backends: who sees which profile
//! detail, the connection state machine with every invalid transition,
//! blocks that leave no trace, messages, and "your data".

use crate::support::accounts::*;
use crate::support::{spawn_app, Backend, TestApp};
use app::accounts::{repo, AccountStatus, Role};
use reqwest::StatusCode;

/// A signed-in member with a profile.
pub(crate) struct Member {
    pub(crate) user: TestUser,
    pub(crate) browser: Browser,
    pub(crate) handle: String,
    /// The display name their profile gives.
    pub(crate) name: String,
}

impl Member {
    pub(crate) fn path(&self) -> String {
        format!("/network/members/{}", self.handle)
    }
}

/// The profile fields every test member sends, before `extra` overrides.
fn profile_fields<'a>(name: &'a str, extra: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut fields = vec![("display_name", name), ("visibility", "public")];
    for (field, value) in extra {
        fields.retain(|(existing, _)| existing != field || *field == "sector");
        fields.push((field, value));
    }
    fields
}

pub(crate) async fn member(
    app: &TestApp,
    email: &str,
    name: &str,
    extra: &[(&str, &str)],
) -> Member {
    member_with_role(app, email, name, Role::Member, extra).await
}

async fn member_with_role(
    app: &TestApp,
    email: &str,
    name: &str,
    role: Role,
    extra: &[(&str, &str)],
) -> Member {
    let user = create_user(app, email, role).await;
    let browser = signed_in(app, &user).await;
    let page = browser
        .post("/account/profile", &profile_fields(name, extra))
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    let handle = page
        .location
        .as_deref()
        .and_then(|location| location.strip_prefix("/network/members/"))
        .expect("saving a profile leads to it")
        .to_string();
    Member {
        user,
        browser,
        handle,
        name: name.to_string(),
    }
}

/// `from` asks `to` and `to` accepts.
pub(crate) async fn connect(from: &Member, to: &Member) {
    let sent = from
        .browser
        .post(&format!("{}/connect", to.path()), &[("kind", "connect")])
        .await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);
    let id = request_id(&to.browser).await;
    let accepted = to
        .browser
        .post(&format!("/network/requests/{id}/accept"), &[])
        .await;
    assert_eq!(accepted.status, StatusCode::SEE_OTHER, "{}", accepted.body);
}

/// The id of the first request waiting on the viewer's connections page.
async fn request_id(browser: &Browser) -> String {
    let page = browser.get("/network/connections").await;
    let start = page
        .body
        .find("/network/requests/")
        .expect("a request is listed")
        + "/network/requests/".len();
    page.body[start..].split('/').next().unwrap().to_string()
}

async fn profile_visibility_matrix(backend: Backend) {
    let app = spawn_app(backend).await;
    // One field at each setting (and some more), with values found nowhere else.
    let owner = member(
        &app,
        "owner@example.org",
        "Ottoline Quarrie",
        &[
            ("role_title", "Zephyr role title"),
            ("role_title_visibility", "public"),
            ("organisation_type", "general-practice"),
            ("organisation_name", "Vexmoor Surgery"),
            ("organisation_visibility", "members"),
            ("region", "south-west"),
            ("region_visibility", "members"),
            ("years_investigating", "37"),
            ("years_visibility", "public"),
            ("specialisms", "Quillwork analysis"),
            ("specialisms_visibility", "connections"),
            ("bio", "Bio that only *connections* read."),
            ("bio_visibility", "connections"),
        ],
    )
    .await;
    let stranger = member(&app, "stranger@example.org", "Sam Stranger", &[]).await;
    let friend = member(&app, "friend@example.org", "Freya Friend", &[]).await;
    let blocked = member(&app, "blocked@example.org", "Bram Blocked", &[]).await;
    let admin_user = create_user(&app, "admin@example.org", Role::Admin).await;
    let admin = signed_in(&app, &admin_user).await;
    connect(&friend, &owner).await;
    let block = owner
        .browser
        .post(&format!("{}/block", blocked.path()), &[])
        .await;
    assert_eq!(block.status, StatusCode::SEE_OTHER, "{}", block.body);

    let anonymous = Browser::new(&app);
    let fields = [
        ("Zephyr role title", "public"),
        ("37 years investigating", "public"),
        ("Vexmoor Surgery", "members"),
        ("South West", "members"),
        ("Quillwork analysis", "connections"),
        ("<em>connections</em>", "connections"),
    ];
    let viewers: [(&str, &Browser, &[&str]); 5] = [
        ("anonymous", &anonymous, &["public"]),
        ("member", &stranger.browser, &["public", "members"]),
        (
            "connection",
            &friend.browser,
            &["public", "members", "connections"],
        ),
        ("admin", &admin, &["public", "members", "connections"]),
        ("blocked", &blocked.browser, &[]),
    ];
    for (who, browser, sees) in viewers {
        let page = browser.get(&owner.path()).await;
        if sees.is_empty() {
            assert_eq!(
                page.status,
                StatusCode::NOT_FOUND,
                "{who} must not see the profile"
            );
            assert!(!page.body.contains("Ottoline"), "{who} sees no trace");
            continue;
        }
        assert_eq!(page.status, StatusCode::OK, "{who}");
        assert!(page.body.contains("Ottoline Quarrie"));
        for (value, setting) in fields {
            assert_eq!(
                page.body.contains(value),
                sees.contains(&setting),
                "{who} viewing a {setting} field ({value})"
            );
        }
    }
    // The owner sees everything, and can see the blocked member is blocked.
    let own = owner.browser.get(&owner.path()).await;
    assert!(own.body.contains("Quillwork analysis") && own.body.contains("This is your profile"));

    // Searches and filters match only on what the searcher may see.
    let finds = |browser: &Browser, query: &str| {
        let browser = browser.clone();
        let query = query.to_string();
        async move {
            browser
                .get(&format!("/network?{query}"))
                .await
                .body
                .contains("Ottoline Quarrie")
        }
    };
    assert!(finds(&anonymous, "q=ottoline").await);
    assert!(
        finds(&anonymous, "q=zephyr").await,
        "a public role is searchable"
    );
    assert!(!finds(&anonymous, "q=quillwork").await);
    assert!(!finds(&stranger.browser, "q=quillwork").await);
    assert!(
        finds(&friend.browser, "q=quillwork").await,
        "connections search connection-only words"
    );
    assert!(
        !finds(&anonymous, "region=south-west").await,
        "region is for members"
    );
    assert!(finds(&stranger.browser, "region=south-west").await);
    assert!(
        !finds(&blocked.browser, "q=ottoline").await,
        "blocked: no trace"
    );
    assert!(!finds(&blocked.browser, "").await);

    // A profile for members only is not there for anonymous visitors, nor
    // in their directory; one for connections only is not there for members.
    let members_only = member(
        &app,
        "quiet@example.org",
        "Quentin Quiet",
        &[("visibility", "members")],
    )
    .await;
    assert_eq!(
        anonymous.get(&members_only.path()).await.status,
        StatusCode::NOT_FOUND
    );
    assert!(!anonymous
        .get("/network?q=quentin")
        .await
        .body
        .contains("Quentin Quiet"));
    assert_eq!(
        stranger.browser.get(&members_only.path()).await.status,
        StatusCode::OK
    );
    let private = member(
        &app,
        "private@example.org",
        "Pia Private",
        &[("visibility", "connections")],
    )
    .await;
    assert_eq!(
        stranger.browser.get(&private.path()).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(admin.get(&private.path()).await.status, StatusCode::OK);

    // Suspending an account takes its profile out of the network.
    repo::set_status(&app.db, stranger.user.id, AccountStatus::Suspended)
        .await
        .unwrap();
    assert_eq!(
        anonymous.get(&stranger.path()).await.status,
        StatusCode::NOT_FOUND
    );
    app.shutdown().await;
}

async fn connection_state_machine(backend: Backend) {
    let app = spawn_app(backend).await;
    let mentee = member(
        &app,
        "mentee@example.org",
        "Mina Mentee",
        &[("region", "north-west"), ("sector", "primary-care")],
    )
    .await;
    let mentor = member(
        &app,
        "mentor@example.org",
        "Marek Mentor",
        &[
            ("availability", "open_to_mentoring"),
            ("region", "north-west"),
            ("sector", "primary-care"),
        ],
    )
    .await;
    let other = member(&app, "other@example.org", "Olga Other", &[]).await;
    let connect = |who: &Member, to: &Member, fields: Vec<(&'static str, String)>| {
        let browser = who.browser.clone();
        let path = format!("{}/connect", to.path());
        async move {
            let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
            browser.post(&path, &fields).await
        }
    };

    // Bad input first.
    let page = connect(&mentee, &mentor, vec![("kind", "friendship".into())]).await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page
        .body
        .contains("Choose whether you want to connect or ask for mentoring"));
    let page = connect(
        &mentee,
        &mentor,
        vec![("kind", "mentoring".into()), ("note", "x".repeat(501))],
    )
    .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.body.contains("500 characters or fewer"));
    let page = connect(&mentee, &mentee, vec![("kind", "connect".into())]).await;
    assert_eq!(page.status, StatusCode::CONFLICT);
    assert!(page
        .body
        .contains("You cannot send a connection request to yourself"));
    let nobody = Browser::new(&app);
    let page = nobody
        .post(
            &format!("{}/connect", mentor.path()),
            &[("kind", "connect")],
        )
        .await;
    assert_eq!(
        page.status,
        StatusCode::UNAUTHORIZED,
        "signed-out members cannot ask"
    );
    let no_profile_user = create_user(&app, "noprofile@example.org", Role::Member).await;
    let no_profile = signed_in(&app, &no_profile_user).await;
    let page = no_profile
        .post(
            &format!("{}/connect", mentor.path()),
            &[("kind", "connect")],
        )
        .await;
    assert_eq!(page.status, StatusCode::CONFLICT);
    assert!(page
        .body
        .contains("Create your profile before you send requests"));
    let page = mentee
        .browser
        .post(
            "/network/members/nobody-xxxxx/connect",
            &[("kind", "connect")],
        )
        .await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);

    // The request, and the header count it gives the mentor.
    let page = connect(
        &mentee,
        &mentor,
        vec![
            ("kind", "mentoring".into()),
            ("note", "Could you mentor me on PSII scoping?".into()),
        ],
    )
    .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    let header = mentor.browser.get("/network").await.body.replace("<!>", "");
    assert!(
        header.contains(
            r#"hub-nav-count">1</span><span class="nhsuk-u-visually-hidden"> (1 waiting)</span>"#
        ),
        "{header}"
    );
    let mentor_view = mentor.browser.get(&mentee.path()).await.body;
    assert!(
        mentor_view.contains("has asked you to mentor them")
            && mentor_view.contains("PSII scoping")
    );

    // Every invalid transition is refused with a clear message.
    let page = connect(&mentee, &mentor, vec![("kind", "connect".into())]).await;
    assert_eq!(page.status, StatusCode::CONFLICT);
    assert!(page
        .body
        .contains("You have already sent this member a request"));
    let page = connect(&mentor, &mentee, vec![("kind", "connect".into())]).await;
    assert_eq!(page.status, StatusCode::CONFLICT);
    assert!(page.body.contains("accept their request instead"));
    let id = request_id(&mentor.browser).await;
    let answer = |browser: &Browser, verb: &str| {
        let browser = browser.clone();
        let path = format!("/network/requests/{id}/{verb}");
        async move { browser.post(&path, &[]).await }
    };
    let page = answer(&mentee.browser, "accept").await;
    assert_eq!(page.status, StatusCode::CONFLICT);
    assert!(page
        .body
        .contains("Only the member who received this request can answer it"));
    let page = answer(&mentor.browser, "withdraw").await;
    assert_eq!(page.status, StatusCode::CONFLICT);
    assert!(page
        .body
        .contains("Only the member who sent this request can withdraw it"));
    let page = answer(&other.browser, "accept").await;
    assert_eq!(page.status, StatusCode::CONFLICT);
    assert!(
        page.body.contains("This request is no longer open"),
        "others learn nothing"
    );
    let page = answer(&mentor.browser, "approve").await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);

    let page = answer(&mentor.browser, "accept").await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    assert_eq!(page.location.as_deref(), Some("/network/connections"));
    let page = answer(&mentor.browser, "accept").await;
    assert_eq!(page.status, StatusCode::CONFLICT);
    assert!(page.body.contains("You have already accepted this request"));
    let page = answer(&mentor.browser, "decline").await;
    assert_eq!(page.status, StatusCode::CONFLICT);
    let page = answer(&mentee.browser, "withdraw").await;
    assert_eq!(page.status, StatusCode::CONFLICT);
    let connections = mentee.browser.get("/network/connections").await.body;
    assert!(connections.contains("Marek Mentor") && connections.contains("Your mentor"));
    let page = connect(&mentee, &mentor, vec![("kind", "connect".into())]).await;
    assert!(page.body.contains("You are already connected"));

    // Remove, then remove again.
    let page = mentee
        .browser
        .post(&format!("{}/remove", mentor.path()), &[])
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    let page = mentee
        .browser
        .post(&format!("{}/remove", mentor.path()), &[])
        .await;
    assert_eq!(page.status, StatusCode::CONFLICT);
    assert!(page.body.contains("You are not connected with this member"));

    // Decline and withdraw end a request; a fresh one can follow.
    let page = connect(&other, &mentor, vec![("kind", "connect".into())]).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    let id = request_id(&mentor.browser).await;
    let declined = mentor
        .browser
        .post(&format!("/network/requests/{id}/decline"), &[])
        .await;
    assert_eq!(declined.status, StatusCode::SEE_OTHER);
    let again = mentor
        .browser
        .post(&format!("/network/requests/{id}/decline"), &[])
        .await;
    assert!(again.body.contains("This request is no longer open"));
    let page = connect(&other, &mentor, vec![("kind", "connect".into())]).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    let sent = other.browser.get("/network/connections").await.body;
    assert!(sent.contains("Requests you sent") && sent.contains("Marek Mentor"));
    app.shutdown().await;
}

async fn blocks_leave_no_trace(backend: Backend) {
    let app = spawn_app(backend).await;
    let alex = member(&app, "alex@example.org", "Alex Archer", &[]).await;
    let blair = member(&app, "blair@example.org", "Blair Bowen", &[]).await;
    connect(&alex, &blair).await;
    let sent = alex
        .browser
        .post(
            &format!("/network/messages/{}", blair.handle),
            &[("body", "Hello from Alex")],
        )
        .await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER);

    let page = blair
        .browser
        .post(&format!("{}/block", alex.path()), &[])
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    for (viewer, other) in [(&alex, &blair), (&blair, &alex)] {
        let name = if other.handle == blair.handle {
            "Blair Bowen"
        } else {
            "Alex Archer"
        };
        assert_eq!(
            viewer.browser.get(&other.path()).await.status,
            StatusCode::NOT_FOUND
        );
        for path in ["/network", "/network/connections", "/network/messages"] {
            let body = viewer.browser.get(path).await.body;
            // The blocker lists whom they blocked; nothing else shows the other.
            let listed_as_blocked = viewer.handle == blair.handle && path == "/network/connections";
            assert_eq!(
                body.contains(name),
                listed_as_blocked,
                "{path} for {}",
                viewer.user.email
            );
        }
        let page = viewer
            .browser
            .get(&format!("/network/messages/{}", other.handle))
            .await;
        assert_eq!(page.status, StatusCode::NOT_FOUND);
        let page = viewer
            .browser
            .post(
                &format!("/network/messages/{}", other.handle),
                &[("body", "Still there?")],
            )
            .await;
        assert_eq!(page.status, StatusCode::NOT_FOUND);
        let page = viewer
            .browser
            .post(&format!("{}/connect", other.path()), &[("kind", "connect")])
            .await;
        assert_eq!(
            page.status,
            StatusCode::NOT_FOUND,
            "requesting a blocker is refused"
        );
    }
    let header = alex.browser.get("/network").await.body;
    assert!(
        !header.contains("hub-nav-count"),
        "no counts from a blocked member"
    );

    // Only the blocker can lift it; the connection does not come back.
    let page = alex
        .browser
        .post(&format!("{}/unblock", blair.path()), &[])
        .await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    let page = blair
        .browser
        .post(&format!("{}/unblock", alex.path()), &[])
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    assert_eq!(alex.browser.get(&blair.path()).await.status, StatusCode::OK);
    let page = alex
        .browser
        .post(
            &format!("/network/messages/{}", blair.handle),
            &[("body", "Hello again")],
        )
        .await;
    assert_eq!(
        page.status,
        StatusCode::CONFLICT,
        "no messages without a connection"
    );
    assert!(page
        .body
        .contains("You can only send messages to your connections"));
    app.shutdown().await;
}

async fn messages_between_connections(backend: Backend) {
    let app = spawn_app(backend).await;
    let ada = member(&app, "ada@example.org", "Ada Aldous", &[]).await;
    let ben = member(&app, "ben@example.org", "Ben Brook", &[]).await;
    let path = format!("/network/messages/{}", ben.handle);
    let page = ada
        .browser
        .post(&path, &[("body", "Before connecting")])
        .await;
    assert_eq!(page.status, StatusCode::CONFLICT);
    connect(&ada, &ben).await;

    let page = ada.browser.post(&path, &[("body", "   ")]).await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.body.contains("Write a message"));
    let page = ada
        .browser
        .post(&path, &[("body", &"x".repeat(2001))])
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    let hostile = "See <script>alert(1)</script> and javascript:alert(2) and https://example.org/timeline?x=1";
    let page = ada.browser.post(&path, &[("body", hostile)]).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    let page = ada.browser.post(&path, &[("body", "Second message")]).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);

    // Ben has two unread; opening the conversation reads them.
    let header = ben.browser.get("/network").await.body.replace("<!>", "");
    assert!(
        header.contains(
            r#"hub-nav-count">2</span><span class="nhsuk-u-visually-hidden"> (2 unread)</span>"#
        ),
        "{header}"
    );
    let list = ben.browser.get("/network/messages").await.body;
    assert!(list.contains("Ada Aldous") && list.contains("2 unread"));
    let conversation = ben
        .browser
        .get(&format!("/network/messages/{}", ada.handle))
        .await
        .body;
    assert!(
        !conversation.contains("<script>alert(1)"),
        "text is escaped"
    );
    assert!(conversation.contains("&lt;script&gt;"));
    assert!(conversation.contains(
        r#"<a href="https://example.org/timeline?x=1" rel="nofollow noopener noreferrer ugc">"#
    ));
    assert!(!conversation.contains(r#"href="javascript"#));
    let newest = conversation.find("Second message").unwrap();
    let oldest = conversation.find("&lt;script&gt;").unwrap();
    assert!(newest < oldest, "newest first");
    assert!(
        !ben.browser
            .get("/network")
            .await
            .body
            .contains("hub-nav-count"),
        "read now"
    );
    let conversations: i64 = app::with_pool!(&app.db, pool => sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM conversations").fetch_one(pool).await.unwrap());
    assert_eq!(conversations, 1, "one conversation per pair");

    // A third member cannot read it.
    let carl = member(&app, "carl@example.org", "Carl Crane", &[]).await;
    let page = carl
        .browser
        .get(&format!("/network/messages/{}", ada.handle))
        .await;
    assert!(!page.body.contains("Second message"));
    app.shutdown().await;
}

async fn your_data_and_deletion(backend: Backend) {
    let app = spawn_app(backend).await;
    let dee = member(
        &app,
        "dee@example.org",
        "Dee Dawson",
        &[
            ("specialisms", "Thematic review"),
            ("sector", "mental-health"),
        ],
    )
    .await;
    let eli = member(&app, "eli@example.org", "Eli Evans", &[]).await;
    connect(&dee, &eli).await;
    let page = eli
        .browser
        .post(
            &format!("/network/messages/{}", dee.handle),
            &[("body", "Thanks for connecting")],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);

    let anonymous = Browser::new(&app);
    let refused = anonymous.get("/account/data.json").await;
    assert_ne!(refused.status, StatusCode::OK);
    let response = dee
        .browser
        .client
        .get(dee.browser.url("/account/data.json"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert!(response.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .contains("attachment"));
    let data: serde_json::Value = response.json().await.unwrap();
    assert_eq!(data["account"]["email"], "dee@example.org");
    assert_eq!(data["profile"]["display_name"], "Dee Dawson");
    assert_eq!(data["profile"]["specialisms"], "Thematic review");
    assert_eq!(data["connections"][0]["other"]["display_name"], "Eli Evans");
    assert_eq!(data["messages"][0]["body"], "Thanks for connecting");
    assert_eq!(data["messages"][0]["from_me"], false);

    // Deleting the account removes profile, connections and messages.
    let page = dee
        .browser
        .post("/account/delete", &[("password", PASSWORD)])
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    for table in ["profiles", "connections", "conversations", "messages"] {
        let sql = match table {
            "profiles" => "SELECT COUNT(*) FROM profiles WHERE user_id = $1".to_string(),
            "connections" => "SELECT COUNT(*) FROM connections WHERE requester_id = $1 OR recipient_id = $1".to_string(),
            "conversations" => "SELECT COUNT(*) FROM conversations WHERE user_low = $1 OR user_high = $1".to_string(),
            _ => "SELECT COUNT(*) FROM messages m WHERE NOT EXISTS (SELECT 1 FROM conversations c WHERE c.id = m.conversation_id) OR m.sender_id = $1".to_string(),
        };
        let left: i64 = app::with_pool!(&app.db, pool => sqlx::query_scalar::<_, i64>(&sql).bind(dee.user.id).fetch_one(pool).await.unwrap());
        assert_eq!(left, 0, "{table} still holds the deleted member");
    }
    let messages: i64 = app::with_pool!(&app.db, pool => sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM messages").fetch_one(pool).await.unwrap());
    assert_eq!(messages, 0);
    assert!(!eli
        .browser
        .get("/network/connections")
        .await
        .body
        .contains("Dee Dawson"));
    app.shutdown().await;
}

async fn profile_form_bad_input(backend: Backend) {
    let app = spawn_app(backend).await;
    let user = create_user(&app, "form@example.org", Role::Member).await;
    let browser = signed_in(&app, &user).await;
    let page = browser.get("/account/profile").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains("Test Member"),
        "the account name starts the form"
    );
    let page = browser
        .post(
            "/account/profile",
            &[
                ("display_name", ""),
                ("region", "wales"),
                ("years_investigating", "200"),
                ("sector", "outer-space"),
                ("role_title", "Kept role"),
                ("role_title_visibility", "everyone"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    for message in [
        "Enter your name",
        "there is no region called &#x27;wales&#x27;",
        "Years investigating must be a whole number from 0 to 60",
        "there is no sector called &#x27;outer-space&#x27;",
        "Choose who can see this from the list",
    ] {
        assert!(
            page.body.contains(message) || page.body.contains(&message.replace("&#x27;", "'")),
            "missing: {message}"
        );
    }
    assert!(
        page.body.contains("nhsuk-error-summary") && page.body.contains(r#"value="Kept role""#)
    );
    let anonymous = Browser::new(&app);
    let page = anonymous.get("/account/profile").await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "sign in first");
    app.shutdown().await;
}

async fn directory_paging_and_bad_parameters(backend: Backend) {
    let app = spawn_app(backend).await;
    server::seed::network::seed(&app.db)
        .await
        .expect("the demo network loads");
    let anonymous = Browser::new(&app);
    let page = anonymous.get("/network").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Demo profile"));
    let all = anonymous
        .get("/network?sector=primary-care&region=north-west&mentoring=yes")
        .await
        .body;
    assert!(
        all.contains("Gareth Lloyd"),
        "a primary-care mentor in the North West"
    );
    assert!(!all.contains("Amara Okonkwo"), "filters apply");
    let page = anonymous.get("/network?page=2").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Page 2 of"));
    for (query, message) in [
        ("region=atlantis", "there is no region called"),
        ("page=0", "Page must be a whole number from 1"),
        ("page=99", "There are only"),
        ("mentoring=perhaps", "is not yes or no"),
    ] {
        let page = anonymous.get(&format!("/network?{query}")).await;
        assert_eq!(page.status, StatusCode::BAD_REQUEST, "{query}");
        assert!(
            page.body.contains(message) || page.body.contains(&message.replace('\'', "&#x27;")),
            "{query}: {message}"
        );
    }
    let long = format!("/network?q={}", "a".repeat(101));
    assert_eq!(anonymous.get(&long).await.status, StatusCode::BAD_REQUEST);
    for hostile in [
        "%22%27%29%3B+DROP+TABLE+profiles%3B--",
        "NEAR%28a+b%29",
        "*",
        "-",
    ] {
        let page = anonymous.get(&format!("/network?q={hostile}")).await;
        assert_eq!(page.status, StatusCode::OK, "{hostile}");
    }
    app.shutdown().await;
}

async fn hidden_requesters_can_be_blocked_and_suspended_ones_are_not_counted(backend: Backend) {
    let app = spawn_app(backend).await;
    let pest = member(
        &app,
        "pest@example.org",
        "Percy Pest",
        &[("visibility", "connections")],
    )
    .await;
    let target = member(&app, "target@example.org", "Tara Target", &[]).await;
    let page = pest
        .browser
        .post(
            &format!("{}/connect", target.path()),
            &[("kind", "connect")],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    assert_eq!(
        target.browser.get(&pest.path()).await.status,
        StatusCode::NOT_FOUND,
        "hidden from the one asked"
    );
    let requests = target.browser.get("/network/connections").await.body;
    assert!(
        requests.contains(&format!("/network/members/{}/block", pest.handle)),
        "a block button on the request"
    );
    let page = target
        .browser
        .post(&format!("{}/block", pest.path()), &[])
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    assert!(!target
        .browser
        .get("/network/connections")
        .await
        .body
        .contains("hub-request\""));
    let page = pest
        .browser
        .post(
            &format!("{}/connect", target.path()),
            &[("kind", "connect")],
        )
        .await;
    assert_eq!(page.status, StatusCode::NOT_FOUND, "no more requests");
    // Without a request between them, a hidden profile cannot be blocked.
    let hidden = member(
        &app,
        "hidden@example.org",
        "Hugo Hidden",
        &[("visibility", "connections")],
    )
    .await;
    let page = target
        .browser
        .post(&format!("{}/block", hidden.path()), &[])
        .await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);

    // A suspended member's request no longer counts in the header.
    let later = member(&app, "later@example.org", "Lola Later", &[]).await;
    let page = later
        .browser
        .post(
            &format!("{}/connect", target.path()),
            &[("kind", "connect")],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    let header = target.browser.get("/network").await.body.replace("<!>", "");
    assert!(header.contains("(1 waiting)"), "{header}");
    repo::set_status(&app.db, later.user.id, AccountStatus::Suspended)
        .await
        .unwrap();
    let header = target.browser.get("/network").await.body;
    assert!(
        !header.contains("hub-nav-count"),
        "no count for a suspended member's request"
    );
    app.shutdown().await;
}

crate::both_backends!(
    hidden_requesters_can_be_blocked_and_suspended_ones_are_not_counted,
    profile_visibility_matrix,
    connection_state_machine,
    blocks_leave_no_trace,
    messages_between_connections,
    your_data_and_deletion,
    profile_form_bad_input,
    directory_paging_and_bad_parameters,
);
