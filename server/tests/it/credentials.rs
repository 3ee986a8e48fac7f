//! Certificates through real HTTP on both backends: completing a module
//! issues one (once); its page tells anyone whether it stands; its holder
//! downloads a signed credential that checks offline against the published
//! key, and a PDF; a changed, foreign or damaged credential is refused on
//! the check page; the holder hides their name; only an admin revokes;
//! the certificate outlives the account that held it.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use jsonwebtoken::{Algorithm, DecodingKey, Validation};
use reqwest::StatusCode;

use crate::support::accounts::*;
use crate::support::{spawn_app_with_demo, Backend, TestApp};
use app::accounts::Role;
use app::learning::credentials::signing::{credential_claims, Certified, SigningKey};

const MODULE: &str = "foundations-of-systems-based-investigation";
const TITLE: &str = "Foundations of systems-based patient safety investigation";

async fn complete_module(member: &Browser) {
    for lesson in ["1", "2", "3", "4"] {
        let page = member
            .post(
                "/learning/progress",
                &[("module", MODULE), ("lesson", lesson)],
            )
            .await;
        assert_eq!(page.status, StatusCode::SEE_OTHER);
    }
}

/// The ids of `user_id`'s certificates.
async fn certificates_of(app: &TestApp, user_id: i64) -> Vec<String> {
    app::with_pool!(&app.db, pool => sqlx::query_scalar::<_, String>(
        "SELECT id FROM credentials WHERE user_id = $1 ORDER BY issued_at",
    )
    .bind(user_id)
    .fetch_all(pool)
    .await
    .unwrap())
}

async fn download(browser: &Browser, path: &str) -> (StatusCode, String, Vec<u8>) {
    let response = browser.client.get(browser.url(path)).send().await.unwrap();
    let status = response.status();
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default()
        .to_string();
    (
        status,
        content_type,
        response.bytes().await.unwrap().to_vec(),
    )
}

/// The signed credential in the holder's JSON download.
async fn signed_credential(holder: &Browser, id: &str) -> (String, String) {
    let (status, content_type, body) =
        download(holder, &format!("/credentials/{id}/credential.json")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(content_type, "application/json");
    let json = String::from_utf8(body).unwrap();
    let envelope: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(envelope["type"], "EnvelopedVerifiableCredential");
    let jwt = envelope["id"]
        .as_str()
        .unwrap()
        .strip_prefix("data:application/vc+jwt,")
        .unwrap()
        .to_string();
    (json, jwt)
}

/// Whether the credential names the hub's revocation list as its status.
fn claims_status_is_the_revocation_list(jwt: &str) -> bool {
    let payload = jwt.split('.').nth(1).unwrap();
    let claims: serde_json::Value =
        serde_json::from_slice(&URL_SAFE_NO_PAD.decode(payload).unwrap()).unwrap();
    claims["credentialStatus"]["type"] == "1EdTechRevocationList"
        && claims["credentialStatus"]["id"]
            .as_str()
            .unwrap()
            .ends_with("/credentials/revocations.json")
}

async fn check(browser: &Browser, credential: &str) -> Page {
    browser
        .post("/credentials/check", &[("credential", credential)])
        .await
}

async fn a_completed_module_gives_a_certificate_anyone_can_check(backend: Backend) {
    let app = spawn_app_with_demo(backend).await;
    let user = create_user(&app, "learner@example.org", Role::Member).await;
    let member = signed_in(&app, &user).await;
    complete_module(&member).await;
    // Marking the last lesson again issues nothing more.
    member
        .post("/learning/progress", &[("module", MODULE), ("lesson", "4")])
        .await;
    let ids = certificates_of(&app, user.id).await;
    assert_eq!(ids.len(), 1);
    let id = &ids[0];
    assert_eq!(id.len(), 43);
    let record = member.get("/account/learning").await;
    assert!(record.body.contains(&format!("href=\"/credentials/{id}\"")));

    // Anyone with the link sees that it stands, whose it is and what for.
    let anonymous = Browser::new(&app);
    let page = anonymous.get(&format!("/credentials/{id}")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.cookies.is_empty(),
        "reading a certificate starts no session: {:?}",
        page.cookies
    );
    for text in [
        "Valid.",
        "Test Member",
        TITLE,
        "1.5 hours",
        "/.well-known/jwks.json",
    ] {
        assert!(page.body.contains(text), "{text}");
    }
    assert!(
        !page.body.contains("certificate.pdf"),
        "downloads are the holder's"
    );
    assert!(!page.body.contains("Revoke this certificate"));
    let own = member.get(&format!("/credentials/{id}")).await;
    assert!(own
        .body
        .contains(&format!("/credentials/{id}/certificate.pdf")));

    // The credential checks offline against the published key.
    let jwks = anonymous.json("/.well-known/jwks.json").await;
    let key = &jwks["keys"][0];
    let cors = anonymous
        .client
        .get(anonymous.url("/.well-known/jwks.json"))
        .send()
        .await
        .unwrap();
    assert_eq!(cors.headers()["access-control-allow-origin"], "*");
    assert!(cors.headers()["cache-control"]
        .to_str()
        .unwrap()
        .contains("public"));
    assert_eq!(
        (key["kty"].as_str(), key["crv"].as_str()),
        (Some("OKP"), Some("Ed25519"))
    );
    assert!(key.get("d").is_none(), "no private part");
    let (json, jwt) = signed_credential(&member, id).await;
    let header = jsonwebtoken::decode_header(&jwt).unwrap();
    assert_eq!(header.alg, Algorithm::EdDSA);
    // The key's address in the hub's key set, so a verifier finds it.
    let kid = header.kid.unwrap();
    assert!(kid.starts_with("http://"), "{kid}");
    assert!(kid.contains("/.well-known/jwks.json#"), "{kid}");
    assert_eq!(
        kid,
        key["kid"].as_str().unwrap(),
        "the key set names it exactly so"
    );
    assert!(claims_status_is_the_revocation_list(&jwt));
    let mut validation = Validation::new(Algorithm::EdDSA);
    validation.required_spec_claims.clear();
    validation.validate_exp = false;
    let decoding = DecodingKey::from_ed_components(key["x"].as_str().unwrap()).unwrap();
    let claims = jsonwebtoken::decode::<serde_json::Value>(&jwt, &decoding, &validation)
        .unwrap()
        .claims;
    assert!(claims["type"]
        .as_array()
        .unwrap()
        .contains(&serde_json::json!("OpenBadgeCredential")));
    assert_eq!(claims["credentialSubject"]["achievement"]["name"], TITLE);
    assert_eq!(
        claims["credentialSubject"]["identifier"][0]["identityHash"],
        "Test Member"
    );
    assert_eq!(claims["credentialSubject"]["creditsEarned"], 1.5);
    assert!(claims["jti"]
        .as_str()
        .unwrap()
        .ends_with(&format!("/credentials/{id}")));

    let (status, content_type, pdf) =
        download(&member, &format!("/credentials/{id}/certificate.pdf")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(content_type, "application/pdf");
    assert!(pdf.starts_with(b"%PDF-"));
    let text = String::from_utf8_lossy(&pdf);
    assert!(
        text.contains(&format!("(Certificate: {TITLE})")),
        "its title"
    );
    assert!(text.contains("/FontFile2"), "its font embedded");
    assert!(pdf.len() < 40_000, "{} bytes", pdf.len());

    // Whoever is given the file (or the signed credential) checks it.
    for given in [json.as_str(), jwt.as_str()] {
        let checked = check(&anonymous, given).await;
        assert_eq!(checked.status, StatusCode::SEE_OTHER, "{}", checked.body);
        assert_eq!(
            checked.location.as_deref(),
            Some(format!("/credentials/{id}").as_str())
        );
    }
    let shown = anonymous.get(&format!("/credentials/{id}")).await;
    assert!(
        shown.body.contains("The credential is genuine"),
        "the notice"
    );
}

async fn changed_foreign_and_damaged_credentials_are_refused(backend: Backend) {
    let app = spawn_app_with_demo(backend).await;
    let user = create_user(&app, "learner@example.org", Role::Member).await;
    let member = signed_in(&app, &user).await;
    complete_module(&member).await;
    let id = certificates_of(&app, user.id).await.remove(0);
    let (_, jwt) = signed_credential(&member, &id).await;
    let parts: Vec<&str> = jwt.split('.').collect();

    // More hours than were earned, with the hub's signature kept.
    let mut claims: serde_json::Value =
        serde_json::from_slice(&URL_SAFE_NO_PAD.decode(parts[1]).unwrap()).unwrap();
    claims["credentialSubject"]["creditsEarned"] = serde_json::json!(40.0);
    let changed = format!(
        "{}.{}.{}",
        parts[0],
        URL_SAFE_NO_PAD.encode(serde_json::to_vec(&claims).unwrap()),
        parts[2]
    );
    // The same credential, signed by someone else's key.
    let other = SigningKey::generate().unwrap();
    let foreign = other
        .sign(
            &credential_claims(&Certified {
                site: "http://127.0.0.1",
                id: &id,
                holder_name: "Test Member",
                module_title: TITLE,
                module_slug: MODULE,
                minutes: 90,
                issued_at: 1_780_000_000,
            }),
            "http://127.0.0.1",
        )
        .unwrap();
    let long = format!("{jwt}{}", "A".repeat(20_000));
    // The hub's key named, but HMAC-signed with its public key as the secret.
    let jwks = member.json("/.well-known/jwks.json").await;
    let mut hmac = jsonwebtoken::Header::new(Algorithm::HS256);
    hmac.kid = jsonwebtoken::decode_header(&jwt).unwrap().kid;
    let confused = jsonwebtoken::encode(
        &hmac,
        &claims,
        &jsonwebtoken::EncodingKey::from_secret(jwks["keys"][0]["x"].as_str().unwrap().as_bytes()),
    )
    .unwrap();
    let unsigned = format!(
        "{}.{}.",
        URL_SAFE_NO_PAD.encode(r#"{"alg":"none"}"#),
        parts[1]
    );
    let truncated = &jwt[..jwt.len() - 10];
    let anonymous = Browser::new(&app);
    let check_page = anonymous.get("/credentials/check").await;
    assert_eq!(check_page.status, StatusCode::OK);
    assert!(check_page.body.contains("Check a certificate"));
    for (given, message) in [
        (
            changed.as_str(),
            "changed or damaged since the hub issued it",
        ),
        (foreign.as_str(), "not issued by this hub"),
        (confused.as_str(), "not issued by this hub"),
        (unsigned.as_str(), "not a credential the hub can read"),
        (truncated, "changed or damaged"),
        ("", "Paste the credential"),
        ("hello", "not a signed credential"),
        ("a.b.c", "not a credential the hub can read"),
        (
            r#"{"id":"https://example.org"}"#,
            "not a credential from the hub",
        ),
        ("{broken", "not a credential from the hub"),
        ("<script>alert(1)</script>", "not a signed credential"),
        (long.as_str(), "longer than any credential"),
    ] {
        let page = check(&anonymous, given).await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY, "{message}");
        assert!(page.body.contains(message), "{message}");
        assert!(
            !page.body.contains("<script>alert(1)"),
            "kept text is escaped"
        );
    }

    // Ids that are not a certificate's.
    for path in [
        "/credentials/nothing",
        &format!("/credentials/{}", "A".repeat(43)),
        "/credentials/%3Cscript%3E",
    ] {
        assert_eq!(
            anonymous.get(path).await.status,
            StatusCode::NOT_FOUND,
            "{path}"
        );
    }
    // Another member's downloads are not found; their forms refused.
    let other_user = create_user(&app, "other@example.org", Role::Member).await;
    let other_member = signed_in(&app, &other_user).await;
    for download_path in ["credential.json", "certificate.pdf"] {
        let (status, _, _) =
            download(&other_member, &format!("/credentials/{id}/{download_path}")).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
    }
    let hide = other_member
        .post(
            &format!("/credentials/{id}"),
            &[("action", "name"), ("show_name", "no")],
        )
        .await;
    assert_eq!(hide.status, StatusCode::FORBIDDEN);
    assert!(hide.body.contains("You do not have permission to do that"));
    let revoke = [
        ("action", "revoke"),
        ("reason", "I say so"),
        ("confirm", "yes"),
    ];
    for who in [&other_member, &member] {
        let page = who.post(&format!("/credentials/{id}"), &revoke).await;
        assert_eq!(page.status, StatusCode::FORBIDDEN);
        assert!(page.body.contains("You do not have permission to do that"));
    }
    let missing = member
        .post(&format!("/credentials/{}", "B".repeat(43)), &revoke)
        .await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    let odd = member
        .post(&format!("/credentials/{id}"), &[("action", "burn")])
        .await;
    assert_eq!(odd.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(anonymous
        .get(&format!("/credentials/{id}"))
        .await
        .body
        .contains("Valid."));
}

async fn the_holder_hides_their_name_and_an_admin_revokes(backend: Backend) {
    let app = spawn_app_with_demo(backend).await;
    let user = create_user(&app, "learner@example.org", Role::Member).await;
    let member = signed_in(&app, &user).await;
    complete_module(&member).await;
    let id = certificates_of(&app, user.id).await.remove(0);
    let page = format!("/credentials/{id}");
    let anonymous = Browser::new(&app);

    let hidden = member
        .post(&page, &[("action", "name"), ("show_name", "no")])
        .await;
    assert_eq!(hidden.status, StatusCode::SEE_OTHER);
    let seen = anonymous.get(&page).await.body;
    assert!(seen.contains("The holder chose not to show their name"));
    assert!(!seen.contains("Test Member"));
    assert!(member
        .get(&page)
        .await
        .body
        .contains("(only you see your name here)"));
    let unsure = member
        .post(&page, &[("action", "name"), ("show_name", "perhaps")])
        .await;
    assert_eq!(unsure.status, StatusCode::UNPROCESSABLE_ENTITY);
    let shown = member
        .post(&page, &[("action", "name"), ("show_name", "yes")])
        .await;
    assert_eq!(shown.status, StatusCode::SEE_OTHER);
    assert!(anonymous.get(&page).await.body.contains("Test Member"));
    // Downloaded before it is revoked.
    let (json, _) = signed_credential(&member, &id).await;
    let list = anonymous.json("/credentials/revocations.json").await;
    assert_eq!(list["revokedCredentials"], serde_json::json!([]));

    let admin_user = create_user(&app, "admin@example.org", Role::Admin).await;
    let admin = signed_in(&app, &admin_user).await;
    assert!(admin
        .get(&page)
        .await
        .body
        .contains("Revoke this certificate"));
    let unconfirmed = admin
        .post(&page, &[("action", "revoke"), ("reason", " ")])
        .await;
    assert_eq!(unconfirmed.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(unconfirmed
        .body
        .contains("Enter why the certificate is revoked"));
    assert!(unconfirmed.body.contains("Tick the box to confirm"));
    let reason = "Issued in error: <b>lessons</b> were marked by a script";
    let revoked = admin
        .post(
            &page,
            &[("action", "revoke"), ("reason", reason), ("confirm", "yes")],
        )
        .await;
    assert_eq!(revoked.status, StatusCode::SEE_OTHER);
    let seen = anonymous.get(&page).await.body;
    assert!(seen.contains("Revoked"));
    assert!(seen.contains("It no longer stands."));
    assert!(seen.contains("Not shown on a revoked certificate"));
    assert!(
        !seen.contains("Test Member"),
        "a revoked certificate names no one to the public"
    );
    assert!(admin.get(&page).await.body.contains("Test Member"));
    assert!(
        seen.contains("Issued in error: &lt;b&gt;lessons&lt;/b&gt;"),
        "the reason, as text"
    );
    assert!(!seen.contains("Valid."));
    let again = admin
        .post(
            &page,
            &[
                ("action", "revoke"),
                ("reason", "twice"),
                ("confirm", "yes"),
            ],
        )
        .await;
    assert_eq!(
        again.status,
        StatusCode::SEE_OTHER,
        "already revoked: its page says why"
    );
    assert!(admin
        .get(&page)
        .await
        .body
        .contains("had already been revoked"));
    assert!(!admin
        .get(&page)
        .await
        .body
        .contains("Revoke this certificate"));
    let audited = app::with_pool!(&app.db, pool => sqlx::query_scalar::<_, i64>(
        "SELECT COUNT(*) FROM audit_log WHERE action = 'credential_revoked' AND actor_id = $1 AND subject_id = $2",
    ).bind(admin_user.id).bind(user.id).fetch_one(pool).await.unwrap());
    assert_eq!(audited, 1);
    // The list every credential names has it, with the reason.
    let list = anonymous.json("/credentials/revocations.json").await;
    let revoked_list = list["revokedCredentials"].as_array().unwrap();
    assert_eq!(revoked_list.len(), 1);
    assert!(revoked_list[0]["id"].as_str().unwrap().ends_with(&page));
    assert!(
        revoked_list[0].get("revocationReason").is_none(),
        "the public list gives no reason"
    );
    // It is not signed again; the one given out before checks as genuine
    // but revoked.
    let (status, _, _) = download(&member, &format!("{page}/credential.json")).await;
    assert_eq!(status, StatusCode::GONE);
    let own = member.get(&page).await.body;
    assert!(own.contains("can no longer be downloaded"));
    assert!(!own.contains("credential.json"));
    let (status, _, pdf) = download(&member, &format!("{page}/certificate.pdf")).await;
    assert_eq!(status, StatusCode::OK, "the PDF, marked as revoked");
    assert!(pdf.starts_with(b"%PDF-"));
    let checked = check(&anonymous, &json).await;
    assert_eq!(checked.status, StatusCode::SEE_OTHER);
    assert!(anonymous
        .get(&page)
        .await
        .body
        .contains("But the certificate has been revoked"));
    let record = member.get("/account/learning").await;
    assert!(record.body.contains(", revoked"));
}

async fn certificates_are_in_your_data_and_outlive_the_account(backend: Backend) {
    let app = spawn_app_with_demo(backend).await;
    let user = create_user(&app, "learner@example.org", Role::Member).await;
    let member = signed_in(&app, &user).await;
    complete_module(&member).await;
    let id = certificates_of(&app, user.id).await.remove(0);
    let (json, _) = signed_credential(&member, &id).await;
    let data = member.json("/account/data.json").await;
    let certificates = data["certificates"].as_array().unwrap();
    assert_eq!(certificates.len(), 1);
    assert_eq!(
        certificates[0]["verification"],
        format!("/credentials/{id}")
    );
    assert_eq!(certificates[0]["module"], TITLE);

    let deleted = member
        .post("/account/delete", &[("password", PASSWORD)])
        .await;
    assert_eq!(deleted.location.as_deref(), Some("/account-deleted"));
    let anonymous = Browser::new(&app);
    let page = anonymous.get(&format!("/credentials/{id}")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("An account that has since been deleted"));
    assert!(!page.body.contains("Test Member"));
    assert!(page.body.contains("Valid."));
    let checked = check(&anonymous, &json).await;
    assert_eq!(checked.status, StatusCode::SEE_OTHER, "still genuine");
    let held = app::with_pool!(&app.db, pool => sqlx::query_scalar::<_, i64>(
        "SELECT COUNT(*) FROM credentials WHERE user_id IS NULL AND id = $1",
    ).bind(&id).fetch_one(pool).await.unwrap());
    assert_eq!(held, 1);
}

/// Completions recorded before certificates existed get theirs at
/// start-up, once, dated when the module was completed.
async fn earlier_completions_get_their_certificates(backend: Backend) {
    let app = spawn_app_with_demo(backend).await;
    let user = create_user(&app, "early@example.org", Role::Member).await;
    let member = signed_in(&app, &user).await;
    complete_module(&member).await;
    app::with_pool!(&app.db, pool => sqlx::query("DELETE FROM credentials WHERE user_id = $1")
        .bind(user.id).execute(pool).await.map(|_| ()).unwrap());
    app::with_pool!(&app.db, pool => sqlx::query("UPDATE module_completions SET completed_at = 1700000000 WHERE user_id = $1")
        .bind(user.id).execute(pool).await.map(|_| ()).unwrap());
    use app::learning::credentials::repo::issue_missing;
    let (first, second) = tokio::join!(issue_missing(&app.db), issue_missing(&app.db));
    assert_eq!(first.unwrap() + second.unwrap(), 1, "issued once");
    assert_eq!(issue_missing(&app.db).await.unwrap(), 0);
    let id = certificates_of(&app, user.id).await.remove(0);
    let page = Browser::new(&app).get(&format!("/credentials/{id}")).await;
    assert!(
        page.body.contains("14 November 2023"),
        "dated at completion"
    );
    assert!(page.body.contains("1.5 hours"));
}

/// A key given by setting signs instead of the database's, which is then
/// never made.
async fn a_key_given_by_setting_signs_instead(backend: Backend) {
    let key = SigningKey::generate().unwrap();
    let given = key.clone();
    let app = crate::support::spawn_app_with(backend, move |settings| {
        settings.credential_key = Some(given);
    })
    .await;
    server::seed::demo::seed(&app.db).await.unwrap();
    let jwks = Browser::new(&app).json("/.well-known/jwks.json").await;
    assert_eq!(jwks["keys"][0]["x"], key.public_key());
    let user = create_user(&app, "learner@example.org", Role::Member).await;
    let member = signed_in(&app, &user).await;
    complete_module(&member).await;
    let id = certificates_of(&app, user.id).await.remove(0);
    let (json, jwt) = signed_credential(&member, &id).await;
    assert!(key.verify(&jwt).is_ok(), "signed with the key given");
    let checked = check(&Browser::new(&app), &json).await;
    assert_eq!(checked.status, StatusCode::SEE_OTHER);
    let kept = app::with_pool!(&app.db, pool => sqlx::query_scalar::<_, i64>(
        "SELECT COUNT(*) FROM signing_keys",
    ).fetch_one(pool).await.unwrap());
    assert_eq!(kept, 0, "no key made in the database");
    assert_eq!(
        app::learning::credentials::repo::stored_kid(&app.db)
            .await
            .unwrap(),
        None
    );
}

/// Instances starting together make one key between them.
async fn the_signing_key_is_made_once(backend: Backend) {
    let app = spawn_app_with_demo(backend).await;
    app::with_pool!(&app.db, pool => sqlx::query("DELETE FROM signing_keys")
        .execute(pool).await.map(|_| ()).unwrap());
    let db = &app.db;
    use app::learning::credentials::repo::{signing_key, ConfiguredKey};
    let none = ConfiguredKey::default();
    let keys = tokio::join!(
        signing_key(db, &none),
        signing_key(db, &none),
        signing_key(db, &none),
        signing_key(db, &none)
    );
    let kids = [keys.0, keys.1, keys.2, keys.3].map(|key| key.unwrap().kid().to_string());
    assert!(kids.iter().all(|kid| *kid == kids[0]), "{kids:?}");
    let rows = app::with_pool!(&app.db, pool => sqlx::query_scalar::<_, i64>(
        "SELECT COUNT(*) FROM signing_keys",
    ).fetch_one(pool).await.unwrap());
    assert_eq!(rows, 1);
    assert_eq!(
        app::learning::credentials::repo::stored_kid(db)
            .await
            .unwrap()
            .as_deref(),
        Some(kids[0].as_str())
    );
    let jwks = Browser::new(&app).json("/.well-known/jwks.json").await;
    assert!(jwks["keys"][0]["kid"]
        .as_str()
        .unwrap()
        .ends_with(&format!("#{}", kids[0])));
}

crate::both_backends!(
    a_completed_module_gives_a_certificate_anyone_can_check,
    changed_foreign_and_damaged_credentials_are_refused,
    the_holder_hides_their_name_and_an_admin_revokes,
    certificates_are_in_your_data_and_outlive_the_account,
    earlier_completions_get_their_certificates,
    a_key_given_by_setting_signs_instead,
    the_signing_key_is_made_once,
);
