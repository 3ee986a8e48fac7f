//! Every account flow and its bad input, through real HTTP on both backends.

use app::accounts::audit::{self, AuditAction};

/// How many events of a kind the audit log holds about an account.
async fn events(app: &crate::support::TestApp, user: i64, action: AuditAction) -> i64 {
    audit::count(&app.db, user, action).await.unwrap()
}
use crate::support::accounts::*;
use crate::support::{spawn_app, spawn_app_with, spawn_second_instance, Backend};
use app::accounts::{mfa, repo, Role};
use app::web::rate_limit::{self, SIGN_IN_FAILURES_PER_ACCOUNT};
use reqwest::StatusCode;

const STRONG: &str = "harbour lantern meadow quartz";

async fn register_verify_sign_in_and_out(backend: Backend) {
    let app = spawn_app(backend).await;
    let browser = Browser::new(&app);
    let page = browser
        .post(
            "/register",
            &[
                ("email", "Asha.Patel@Example.NHS.uk"),
                ("display_name", "Asha Patel"),
                ("password", STRONG),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    assert_eq!(page.location.as_deref(), Some("/register/check-email"));

    // Not verified yet: refused, and a fresh link is sent.
    let early = browser
        .sign_in("asha.patel@example.nhs.uk", STRONG, None)
        .await;
    assert_eq!(early.status, StatusCode::FORBIDDEN);
    assert!(early.body.contains("Confirm your email address first"));

    // The fresh link replaces the first; it is sent in the background, so
    // wait for it before reading the newest link.
    for _ in 0..100 {
        if emails_to(&app, "asha.patel@example.nhs.uk").len() >= 2 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert_eq!(emails_to(&app, "asha.patel@example.nhs.uk").len(), 2);
    let link = link_in_outbox(&app, "asha.patel@example.nhs.uk", "/verify-email/").await;
    assert_eq!(browser.get(&link).await.status, StatusCode::OK);
    let verified = browser.post(&link, &[]).await;
    assert_eq!(verified.location.as_deref(), Some("/sign-in"));
    let again = browser.post(&link, &[]).await;
    assert_eq!(again.status, StatusCode::GONE, "a link works once");
    assert!(again.body.contains("expired or has already been used"));

    let signed_in = browser
        .sign_in("asha.patel@example.nhs.uk", STRONG, None)
        .await;
    assert_eq!(signed_in.location.as_deref(), Some("/account"));
    let account = browser.get("/account").await;
    assert_eq!(account.status, StatusCode::OK);
    assert!(
        account.body.contains("Asha Patel")
            && account.body.contains("You are signed in as Asha Patel")
    );

    let out = browser.post("/sign-out", &[]).await;
    assert_eq!(out.location.as_deref(), Some("/signed-out"));
    let after = browser.get("/account").await;
    assert_eq!(after.status, StatusCode::SEE_OTHER);
    assert_eq!(after.location.as_deref(), Some("/sign-in?next=%2Faccount"));
}

async fn registration_refuses_bad_input_and_changes_nothing(backend: Backend) {
    let app = spawn_app(backend).await;
    let browser = Browser::new(&app);
    let long_email = format!("{}@example.org", "a".repeat(250));
    let long_name = "n".repeat(81);
    let long_password = "p".repeat(129);
    let cases: [(&[(&str, &str)], &str); 6] = [
        (
            &[
                ("email", "not-an-email"),
                ("display_name", "Sam"),
                ("password", STRONG),
            ],
            "Enter an email address in the correct format",
        ),
        (
            &[
                ("email", &long_email),
                ("display_name", "Sam"),
                ("password", STRONG),
            ],
            "254 characters or fewer",
        ),
        (
            &[
                ("email", "sam@example.org"),
                ("display_name", &long_name),
                ("password", STRONG),
            ],
            "80 characters or fewer",
        ),
        (
            &[
                ("email", "sam@example.org"),
                ("display_name", "Sam"),
                ("password", "short"),
            ],
            "8 characters or more",
        ),
        (
            &[
                ("email", "sam@example.org"),
                ("display_name", "Sam"),
                ("password", &long_password),
            ],
            "128 characters or fewer",
        ),
        (
            &[
                ("email", "sam@example.org"),
                ("display_name", "Sam"),
                ("password", "password123"),
            ],
            "harder to guess",
        ),
    ];
    for (fields, message) in cases {
        let page = browser.post("/register", fields).await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY, "{message}");
        assert!(
            page.body.contains(message),
            "expected '{message}' in the page"
        );
        assert!(page.body.contains("There is a problem"), "an error summary");
        assert!(!page.body.contains(STRONG), "passwords are never echoed");
    }
    assert_eq!(user_count(&app).await, 0);

    // An address that already has an account gets the same answer; its
    // owner is told by email.
    create_user(&app, "taken@example.org", Role::Member).await;
    let page = browser
        .post(
            "/register",
            &[
                ("email", "taken@example.org"),
                ("display_name", "Someone"),
                ("password", STRONG),
            ],
        )
        .await;
    assert_eq!(page.location.as_deref(), Some("/register/check-email"));
    link_in_outbox(&app, "taken@example.org", "/forgot-password").await;
    assert_eq!(user_count(&app).await, 1);
}

async fn forms_without_a_valid_csrf_token_are_refused(backend: Backend) {
    let app = spawn_app(backend).await;
    let user = create_user(&app, "member@example.org", Role::Member).await;
    let browser = Browser::new(&app);
    browser.csrf_token().await; // a session exists, so only the token is wrong
    let fields = [("email", user.email.as_str()), ("password", PASSWORD)];
    let missing = browser.post_raw("/sign-in", &fields).await;
    assert_eq!(missing.status, StatusCode::FORBIDDEN);
    assert!(missing.body.contains("Your form could not be sent"));
    let wrong = browser
        .post_raw(
            "/sign-in",
            &[
                ("csrf_token", "forged"),
                ("email", user.email.as_str()),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(wrong.status, StatusCode::FORBIDDEN);
    // Another browser's token is no good either.
    let other = Browser::new(&app).csrf_token().await;
    let stolen = browser
        .post_raw(
            "/sign-in",
            &[
                ("csrf_token", other.as_str()),
                ("email", user.email.as_str()),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(stolen.status, StatusCode::FORBIDDEN);
    assert!(!browser.is_signed_in().await);
    assert_eq!(events(&app, user.id, AuditAction::SignedIn).await, 0);
}

async fn wrong_passwords_and_unknown_accounts_look_the_same(backend: Backend) {
    let app = spawn_app(backend).await;
    let user = create_user(&app, "member@example.org", Role::Member).await;
    let browser = Browser::new(&app);
    let wrong = browser
        .sign_in(&user.email, "not the password at all", None)
        .await;
    let unknown = browser
        .sign_in("nobody@example.org", "not the password at all", None)
        .await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    assert_eq!(unknown.status, StatusCode::UNAUTHORIZED);
    let message = "The email address or password is not right";
    assert!(wrong.body.contains(message) && unknown.body.contains(message));
    assert_eq!(events(&app, user.id, AuditAction::SignInFailed).await, 1);
    // Forgotten-password requests answer the same way too.
    let known = browser
        .post("/forgot-password", &[("email", &user.email)])
        .await;
    let nobody = browser
        .post("/forgot-password", &[("email", "nobody@example.org")])
        .await;
    assert_eq!(known.location, nobody.location);
    link_in_outbox(&app, &user.email, "/reset-password/").await;
    assert!(emails_to(&app, "nobody@example.org").is_empty());
}

async fn an_account_locks_after_100_failures_in_an_hour(backend: Backend) {
    let app = spawn_app(backend).await;
    let user = create_user(&app, "member@example.org", Role::Member).await;
    for _ in 0..99 {
        rate_limit::hit(&app.db, SIGN_IN_FAILURES_PER_ACCOUNT, &user.email)
            .await
            .unwrap();
    }
    let browser = Browser::new(&app);
    assert_eq!(
        browser
            .sign_in(&user.email, "wrong guess number 100", None)
            .await
            .status,
        StatusCode::UNAUTHORIZED
    );
    let locked = browser.sign_in(&user.email, PASSWORD, None).await;
    assert_eq!(
        locked.status,
        StatusCode::TOO_MANY_REQUESTS,
        "the right password is refused once locked"
    );
    assert!(locked.body.contains("too many failed attempts"));
    assert!(!browser.is_signed_in().await);
    assert_eq!(events(&app, user.id, AuditAction::SignInBlocked).await, 1);
}

async fn password_reset_by_single_use_link(backend: Backend) {
    let app = spawn_app(backend).await;
    let user = create_user(&app, "member@example.org", Role::Member).await;
    let elsewhere = signed_in(&app, &user).await;
    let browser = Browser::new(&app);
    browser
        .post("/forgot-password", &[("email", &user.email)])
        .await;
    let link = link_in_outbox(&app, &user.email, "/reset-password/").await;
    assert_eq!(browser.get(&link).await.status, StatusCode::OK);
    let weak = browser.post(&link, &[("password", "qwerty123")]).await;
    assert_eq!(weak.status, StatusCode::UNPROCESSABLE_ENTITY);
    let done = browser.post(&link, &[("password", STRONG)]).await;
    assert_eq!(done.location.as_deref(), Some("/sign-in"));
    assert_eq!(
        browser.post(&link, &[("password", STRONG)]).await.status,
        StatusCode::GONE
    );
    assert_eq!(browser.get(&link).await.status, StatusCode::GONE);
    assert!(
        !elsewhere.is_signed_in().await,
        "a reset ends every session"
    );
    assert_eq!(
        browser.sign_in(&user.email, PASSWORD, None).await.status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        browser.sign_in(&user.email, STRONG, None).await.status,
        StatusCode::SEE_OTHER
    );

    // An expired link is refused.
    browser
        .post("/forgot-password", &[("email", &user.email)])
        .await;
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    let link = link_in_outbox(&app, &user.email, "/reset-password/").await;
    app::with_pool!(&app.db, pool => sqlx::query("UPDATE email_tokens SET expires_at = 0 WHERE used_at IS NULL").execute(pool).await.unwrap().rows_affected());
    assert_eq!(
        browser
            .post(&link, &[("password", "a wholly different passphrase")])
            .await
            .status,
        StatusCode::GONE
    );
    let bogus = browser
        .post("/reset-password/not-a-token", &[("password", STRONG)])
        .await;
    assert_eq!(bogus.status, StatusCode::GONE);
}

async fn changing_password_asks_for_the_current_one(backend: Backend) {
    let app = spawn_app(backend).await;
    let user = create_user(&app, "member@example.org", Role::Member).await;
    let elsewhere = signed_in(&app, &user).await;
    let browser = signed_in(&app, &user).await;
    let wrong = browser
        .post(
            "/account/password",
            &[("current_password", "not it"), ("new_password", STRONG)],
        )
        .await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(wrong.body.contains("Your current password is not right"));
    let changed = browser
        .post(
            "/account/password",
            &[("current_password", PASSWORD), ("new_password", STRONG)],
        )
        .await;
    assert_eq!(changed.location.as_deref(), Some("/account"));
    assert!(browser.is_signed_in().await, "this session stays");
    assert!(!elsewhere.is_signed_in().await, "other sessions end");
    assert_eq!(events(&app, user.id, AuditAction::PasswordChanged).await, 1);
    email_containing(&app, &user.email, "Your password has been changed").await;
}

async fn changing_email_is_confirmed_from_the_new_address(backend: Backend) {
    let app = spawn_app(backend).await;
    let user = create_user(&app, "old@example.org", Role::Member).await;
    let browser = signed_in(&app, &user).await;
    let bad = browser
        .post(
            "/account/email",
            &[("email", "nope"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    let wrong_password = browser
        .post(
            "/account/email",
            &[("email", "new@example.org"), ("password", "x")],
        )
        .await;
    assert_eq!(wrong_password.status, StatusCode::UNPROCESSABLE_ENTITY);
    let asked = browser
        .post(
            "/account/email",
            &[("email", "New@Example.org"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(asked.location.as_deref(), Some("/account"));
    assert_eq!(
        repo::by_id(&app.db, user.id).await.unwrap().unwrap().email,
        "old@example.org",
        "not until confirmed"
    );
    let link = link_in_outbox(&app, "new@example.org", "/confirm-email/").await;
    let confirmed = browser.post(&link, &[]).await;
    assert_eq!(confirmed.location.as_deref(), Some("/account"));
    assert_eq!(
        repo::by_id(&app.db, user.id).await.unwrap().unwrap().email,
        "new@example.org"
    );
    assert_eq!(browser.post(&link, &[]).await.status, StatusCode::GONE);
    assert!(emails_to(&app, "old@example.org")
        .iter()
        .any(|email| email.contains("is being changed")));
}

async fn deleting_an_account_erases_it(backend: Backend) {
    let app = spawn_app(backend).await;
    let user = create_user(&app, "member@example.org", Role::Member).await;
    let browser = signed_in(&app, &user).await;
    let wrong = browser
        .post("/account/delete", &[("password", "nope")])
        .await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(repo::by_id(&app.db, user.id).await.unwrap().is_some());
    let deleted = browser
        .post("/account/delete", &[("password", PASSWORD)])
        .await;
    assert_eq!(deleted.location.as_deref(), Some("/account-deleted"));
    assert!(repo::by_id(&app.db, user.id).await.unwrap().is_none());
    let leftovers: i64 = app::with_pool!(&app.db, pool => sqlx::query_scalar(
        "SELECT (SELECT COUNT(*) FROM sessions WHERE user_id = $1) + (SELECT COUNT(*) FROM email_tokens WHERE user_id = $1)
              + (SELECT COUNT(*) FROM audit_log WHERE ip IS NOT NULL AND (actor_id = $1 OR subject_id = $1))"
    ).bind(user.id).fetch_one(pool).await.unwrap());
    assert_eq!(leftovers, 0);
    let emails_in_log: i64 = app::with_pool!(&app.db, pool => sqlx::query_scalar(
        "SELECT COUNT(*) FROM audit_log WHERE detail LIKE '%member@example.org%'"
    ).fetch_one(pool).await.unwrap());
    assert_eq!(emails_in_log, 0);
    assert_eq!(
        browser.sign_in(&user.email, PASSWORD, None).await.status,
        StatusCode::UNAUTHORIZED
    );
}

async fn two_step_verification_set_up_and_used(backend: Backend) {
    let app = spawn_app(backend).await;
    let user = create_user(&app, "member@example.org", Role::Member).await;
    let browser = signed_in(&app, &user).await;
    let setup = browser.get("/account/mfa").await;
    assert!(setup.body.contains("<svg"), "a QR code");
    let secret = regex_lite::Regex::new(r#"class="hub-secret">([A-Z2-7]+)<"#)
        .unwrap()
        .captures(&setup.body)
        .expect("the setup key is shown")[1]
        .to_string();
    let wrong = browser.post("/account/mfa", &[("code", "000000")]).await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    let code = mfa::code_at(&secret, now());
    let on = browser.post("/account/mfa", &[("code", &code)]).await;
    assert_eq!(on.location.as_deref(), Some("/account/recovery-codes"));
    let codes_page = browser.get("/account/recovery-codes").await;
    let codes: Vec<String> =
        regex_lite::Regex::new(r"<code>([a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4})</code>")
            .unwrap()
            .captures_iter(&codes_page.body)
            .map(|captures| captures[1].to_string())
            .collect();
    assert_eq!(codes.len(), 10);
    // Reading the page again (a reload, a prefetch) changes nothing...
    assert!(
        browser
            .get("/account/recovery-codes")
            .await
            .body
            .contains(&codes[0]),
        "a GET is safe to repeat"
    );
    // ...until the member says the codes are saved.
    let saved = browser.post("/account/recovery-codes", &[]).await;
    assert_eq!(saved.location.as_deref(), Some("/account"));
    assert!(
        !browser
            .get("/account/recovery-codes")
            .await
            .body
            .contains(&codes[0]),
        "never shown again"
    );

    browser.post("/sign-out", &[]).await;
    let first = browser.sign_in(&user.email, PASSWORD, None).await;
    assert_eq!(first.location.as_deref(), Some("/sign-in/code"));
    assert!(
        !browser.is_signed_in().await,
        "a password alone is not enough"
    );
    let replay = browser.post("/sign-in/code", &[("code", &code)]).await;
    assert_eq!(
        replay.status,
        StatusCode::UNAUTHORIZED,
        "a used code is refused"
    );
    let recovered = browser
        .post("/sign-in/code", &[("code", &codes[0].to_uppercase())])
        .await;
    assert_eq!(recovered.status, StatusCode::SEE_OTHER);
    assert!(browser.is_signed_in().await);
    assert_eq!(
        events(&app, user.id, AuditAction::RecoveryCodeUsed).await,
        1
    );

    browser.post("/sign-out", &[]).await;
    browser.sign_in(&user.email, PASSWORD, None).await;
    let reused = browser.post("/sign-in/code", &[("code", &codes[0])]).await;
    assert_eq!(
        reused.status,
        StatusCode::UNAUTHORIZED,
        "a recovery code works once"
    );
    assert_eq!(events(&app, user.id, AuditAction::MfaEnabled).await, 1);
}

async fn curators_and_admins_must_set_up_two_step_verification(backend: Backend) {
    let app = spawn_app(backend).await;
    let user = create_user(&app, "curator@example.org", Role::Member).await;
    repo::set_role(&app.db, user.id, Role::Curator)
        .await
        .unwrap();
    let browser = Browser::new(&app);
    let page = browser.sign_in(&user.email, PASSWORD, None).await;
    assert_eq!(page.location.as_deref(), Some("/account/mfa"));
    let account = browser.get("/account").await;
    assert_eq!(account.location.as_deref(), Some("/account/mfa"));
    assert_eq!(browser.get("/account/mfa").await.status, StatusCode::OK);
    let disable = browser
        .post("/account/mfa/disable", &[("password", PASSWORD)])
        .await;
    assert_eq!(disable.status, StatusCode::FORBIDDEN);
}

async fn admins_manage_roles_and_suspensions(backend: Backend) {
    let app = spawn_app(backend).await;
    let admin = create_user(&app, "admin@example.org", Role::Admin).await;
    let member = create_user(&app, "member@example.org", Role::Member).await;
    let as_admin = signed_in(&app, &admin).await;
    let as_member = signed_in(&app, &member).await;

    // A member forging the admin's form changes nothing.
    let forged = as_member
        .post(
            &format!("/admin/users/{}/role", member.id),
            &[("role", "admin")],
        )
        .await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
    assert_eq!(
        repo::by_id(&app.db, member.id).await.unwrap().unwrap().role,
        Role::Member
    );
    let invalid = as_admin
        .post(
            &format!("/admin/users/{}/role", member.id),
            &[("role", "superuser")],
        )
        .await;
    assert_eq!(invalid.status, StatusCode::UNPROCESSABLE_ENTITY);
    let own = as_admin
        .post(
            &format!("/admin/users/{}/role", admin.id),
            &[("role", "member")],
        )
        .await;
    assert_eq!(own.status, StatusCode::FORBIDDEN);
    let missing = as_admin
        .post("/admin/users/999999/role", &[("role", "member")])
        .await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);

    let promoted = as_admin
        .post(
            &format!("/admin/users/{}/role", member.id),
            &[("role", "contributor")],
        )
        .await;
    assert_eq!(promoted.status, StatusCode::SEE_OTHER);
    assert_eq!(
        repo::by_id(&app.db, member.id).await.unwrap().unwrap().role,
        Role::Contributor
    );
    assert_eq!(events(&app, member.id, AuditAction::RoleChanged).await, 1);

    let suspended = as_admin
        .post(
            &format!("/admin/users/{}/status", member.id),
            &[("status", "suspended")],
        )
        .await;
    assert_eq!(suspended.status, StatusCode::SEE_OTHER);
    assert!(!as_member.is_signed_in().await, "suspension ends sessions");
    assert_eq!(
        Browser::new(&app)
            .sign_in(&member.email, PASSWORD, None)
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    as_admin
        .post(
            &format!("/admin/users/{}/status", member.id),
            &[("status", "active")],
        )
        .await;
    let back = signed_in(&app, &member).await;
    let ended = as_admin
        .post(&format!("/admin/users/{}/sessions", member.id), &[])
        .await;
    assert_eq!(ended.status, StatusCode::SEE_OTHER);
    assert!(
        !back.is_signed_in().await,
        "an admin can end a user's sessions"
    );

    let users = as_admin.get("/admin/users?q=member").await;
    assert!(
        users.body.contains("member@example.org") && !users.body.contains("admin@example.org</td>")
    );
    let log = as_admin.get("/admin/audit").await;
    assert_eq!(log.status, StatusCode::OK);
    assert!(
        log.body.contains("role changed")
            && log.body.contains("suspended")
            && log.body.contains("signed in")
    );
}

async fn sessions_are_safe_cookies_shared_by_instances(backend: Backend) {
    let app = spawn_app(backend).await;
    let user = create_user(&app, "member@example.org", Role::Member).await;
    let browser = Browser::new(&app);
    let before = browser.get("/sign-in").await;
    let cookie = before
        .cookies
        .iter()
        .find(|c| c.starts_with("hub_session="))
        .expect("a session cookie")
        .clone();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax") && cookie.contains("Path=/"),
        "{cookie}"
    );
    let id_before = cookie.split(';').next().unwrap().to_string();
    let token = hidden_value(&before.body, "csrf_token").unwrap();
    let signed = browser
        .post_raw(
            "/sign-in",
            &[
                ("csrf_token", &token),
                ("email", &user.email),
                ("password", PASSWORD),
            ],
        )
        .await;
    let after = signed
        .cookies
        .iter()
        .find(|c| c.starts_with("hub_session="))
        .expect("a new cookie at sign-in");
    assert_ne!(
        after.split(';').next().unwrap(),
        id_before,
        "the id changes at sign-in"
    );
    let id_len = after.split(';').next().unwrap().len() - "hub_session=".len();
    assert!(id_len >= 22, "at least 128 bits");

    // A second server on the same database knows the session.
    let second = spawn_second_instance(&app).await;
    let cookie_value = after.split(';').next().unwrap().to_string();
    let other = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let account = other
        .get(format!("http://{second}/account"))
        .header("cookie", &cookie_value)
        .send()
        .await
        .unwrap();
    assert_eq!(account.status(), StatusCode::OK);

    // Signing out everywhere ends it on both.
    browser.post("/account/sign-out-everywhere", &[]).await;
    let account = other
        .get(format!("http://{second}/account"))
        .header("cookie", &cookie_value)
        .send()
        .await
        .unwrap();
    assert_eq!(account.status(), StatusCode::SEE_OTHER);
}

async fn idle_and_absolute_timeouts_end_sessions(backend: Backend) {
    let app = spawn_app(backend).await;
    let user = create_user(&app, "member@example.org", Role::Member).await;
    let idle = signed_in(&app, &user).await;
    let long = signed_in(&app, &user).await;
    // Idle: the stored expiry has passed.
    let session_ids: Vec<String> = app::with_pool!(&app.db, pool => sqlx::query_scalar("SELECT id FROM sessions WHERE user_id = $1 ORDER BY id").bind(user.id).fetch_all(pool).await.unwrap());
    assert_eq!(session_ids.len(), 2);
    app::with_pool!(&app.db, pool => sqlx::query("UPDATE sessions SET expires_at = 1 WHERE id = $1").bind(&session_ids[0]).execute(pool).await.unwrap().rows_affected());
    // Absolute: signed in more than 12 hours ago, however active since.
    let data: String = app::with_pool!(&app.db, pool => sqlx::query_scalar("SELECT data FROM sessions WHERE id = $1").bind(&session_ids[1]).fetch_one(pool).await.unwrap());
    let mut data: serde_json::Value = serde_json::from_str(&data).unwrap();
    data["signed_in_at"] = serde_json::json!(1_000);
    app::with_pool!(&app.db, pool => sqlx::query("UPDATE sessions SET data = $2 WHERE id = $1").bind(&session_ids[1]).bind(data.to_string()).execute(pool).await.unwrap().rows_affected());
    assert!(!idle.is_signed_in().await);
    assert!(!long.is_signed_in().await);
}

async fn secure_cookies_use_the_host_prefix(backend: Backend) {
    let app = spawn_app_with(backend, |settings| settings.secure_cookies = true).await;
    let page = Browser::new(&app).get("/sign-in").await;
    let cookie = page
        .cookies
        .iter()
        .find(|c| c.starts_with("__Host-hub_session="))
        .expect("a __Host- cookie");
    assert!(
        cookie.contains("Secure") && cookie.contains("Path=/") && !cookie.contains("Domain"),
        "{cookie}"
    );
    let response = app.get("/").await;
    assert!(response.headers().contains_key("strict-transport-security"));
}

crate::both_backends!(
    register_verify_sign_in_and_out,
    registration_refuses_bad_input_and_changes_nothing,
    forms_without_a_valid_csrf_token_are_refused,
    wrong_passwords_and_unknown_accounts_look_the_same,
    an_account_locks_after_100_failures_in_an_hour,
    password_reset_by_single_use_link,
    changing_password_asks_for_the_current_one,
    changing_email_is_confirmed_from_the_new_address,
    deleting_an_account_erases_it,
    two_step_verification_set_up_and_used,
    curators_and_admins_must_set_up_two_step_verification,
    admins_manage_roles_and_suspensions,
    sessions_are_safe_cookies_shared_by_instances,
    idle_and_absolute_timeouts_end_sessions,
    secure_cookies_use_the_host_prefix,
);
