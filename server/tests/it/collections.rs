//! Collections through real HTTP on both backends: saving from a
//! resource's page (to the default, an existing or a new collection, with a
//! note), the order changed by buttons, notes, every refusal (including
//! another member's collection and posts at once), private / link / public
//! visibility with a copy made by someone else, and the collections in
//! "your data" and gone with the account.

use crate::learning::count;
use crate::network::member;
use crate::support::accounts::*;
use crate::support::{spawn_app_with_demo, Backend, TestApp};
use app::accounts::Role;
use reqwest::StatusCode;

const TOOLKIT: &str = "timeline-mapping";
const MODULE: &str = "seips-in-practice";
const HUDDLES: &str = "swarm-huddles-on-mental-health-wards";

async fn save(browser: &Browser, slug: &str, fields: &[(&str, &str)]) -> Page {
    let mut all = vec![("action", "save")];
    all.extend_from_slice(fields);
    browser.post(&format!("/resources/{slug}"), &all).await
}

/// The member's collections: (id, name, visibility, token), by id.
async fn collections_of(app: &TestApp, user_id: i64) -> Vec<(i64, String, String, String)> {
    app::with_pool!(&app.db, pool => sqlx::query_as(
        "SELECT id, name, visibility, share_token FROM collections WHERE user_id = $1 ORDER BY id",
    )
    .bind(user_id)
    .fetch_all(pool)
    .await
    .unwrap())
}

/// The resources of a collection as (slug, note), in its order.
async fn items_of(app: &TestApp, collection_id: i64) -> Vec<(String, String)> {
    app::with_pool!(&app.db, pool => sqlx::query_as(
        "SELECT r.slug, i.note FROM collection_items i JOIN resources r ON r.id = i.resource_id \
         WHERE i.collection_id = $1 ORDER BY i.position, i.added_at, r.id",
    )
    .bind(collection_id)
    .fetch_all(pool)
    .await
    .unwrap())
}

async fn resource_id(app: &TestApp, slug: &str) -> i64 {
    app::with_pool!(&app.db, pool => sqlx::query_scalar("SELECT id FROM resources WHERE slug = $1")
        .bind(slug)
        .fetch_one(pool)
        .await
        .unwrap())
}

/// The slugs in the order a page links to them.
fn order_on_page(body: &str, slugs: &[&str]) -> Vec<String> {
    let mut found: Vec<(usize, String)> = slugs
        .iter()
        .filter_map(|slug| {
            body.find(&format!("<a href=\"/resources/{slug}\">"))
                .map(|at| (at, slug.to_string()))
        })
        .collect();
    found.sort();
    found.into_iter().map(|(_, slug)| slug).collect()
}

async fn a_member_saves_resources_and_orders_them(backend: Backend) {
    let app = spawn_app_with_demo(backend).await;
    let anonymous = Browser::new(&app);
    let seen = anonymous.get(&format!("/resources/{TOOLKIT}")).await;
    assert!(seen.body.contains("Save this resource"));
    assert!(seen.body.contains(&format!(
        "<a href=\"/sign-in?next=%2Fresources%2F{TOOLKIT}\">Sign in</a> to save this resource"
    )));
    assert_eq!(
        save(&anonymous, TOOLKIT, &[]).await.status,
        StatusCode::UNAUTHORIZED
    );

    let user = create_user(&app, "saver@example.org", Role::Member).await;
    let saver = signed_in(&app, &user).await;
    let form = saver.get(&format!("/resources/{TOOLKIT}")).await;
    assert!(
        form.body
            .contains("<option value=\"default\" selected>Saved</option>"),
        "{}",
        form.body
    );
    assert!(form.body.contains("Save to collection"));

    // To the default, made on first use.
    let saved = save(
        &saver,
        TOOLKIT,
        &[("collection", "default"), ("note", "For <Monday>")],
    )
    .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    assert_eq!(
        saved.location.as_deref(),
        Some(format!("/resources/{TOOLKIT}").as_str())
    );
    let mine = collections_of(&app, user.id).await;
    assert_eq!(mine.len(), 1);
    let (default_id, name, visibility, token) = mine[0].clone();
    assert_eq!((name.as_str(), visibility.as_str()), ("Saved", "private"));
    assert_eq!(token.len(), 43, "256 random bits");
    let shown = saver.get(&format!("/resources/{TOOLKIT}")).await;
    assert!(shown.body.contains("Saved to “Saved”"));
    assert!(shown.body.contains("Saved in "));
    assert!(shown.body.contains(&format!(
        "<a href=\"/account/collections/{default_id}\">Saved</a>"
    )));

    // To a new collection, then to it again by its id.
    let new = save(
        &saver,
        MODULE,
        &[
            ("collection", "new"),
            ("new_collection", "  Huddle   prep "),
            ("note", ""),
        ],
    )
    .await;
    assert_eq!(new.status, StatusCode::SEE_OTHER, "{}", new.body);
    let mine = collections_of(&app, user.id).await;
    assert_eq!(mine[1].1, "Huddle prep");
    let prep = mine[1].0;
    for slug in [HUDDLES, TOOLKIT] {
        let again = save(&saver, slug, &[("collection", &prep.to_string())]).await;
        assert_eq!(again.status, StatusCode::SEE_OTHER, "{}", again.body);
    }
    // Saving one that is there changes its note; it is not added twice.
    save(
        &saver,
        MODULE,
        &[
            ("collection", &prep.to_string()),
            ("note", "Lesson 2 first"),
        ],
    )
    .await;
    assert_eq!(
        items_of(&app, prep).await,
        [
            (MODULE.to_string(), "Lesson 2 first".to_string()),
            (HUDDLES.to_string(), String::new()),
            (TOOLKIT.to_string(), String::new()),
        ]
    );

    // The order changes by buttons, and the page shows it.
    let page = format!("/account/collections/{prep}");
    let listed = saver.get(&page).await;
    assert_eq!(listed.status, StatusCode::OK);
    assert_eq!(
        order_on_page(&listed.body, &[MODULE, HUDDLES, TOOLKIT]),
        [MODULE, HUDDLES, TOOLKIT]
    );
    let huddles = resource_id(&app, HUDDLES).await.to_string();
    let toolkit = resource_id(&app, TOOLKIT).await.to_string();
    let up = saver
        .post(&page, &[("action", "up"), ("resource", &huddles)])
        .await;
    assert_eq!(up.status, StatusCode::SEE_OTHER, "{}", up.body);
    let down = saver
        .post(&page, &[("action", "down"), ("resource", &huddles)])
        .await;
    assert_eq!(down.status, StatusCode::SEE_OTHER);
    saver
        .post(&page, &[("action", "up"), ("resource", &toolkit)])
        .await;
    let listed = saver.get(&page).await;
    assert!(listed.body.contains("moved up"));
    assert_eq!(
        order_on_page(&listed.body, &[MODULE, HUDDLES, TOOLKIT]),
        [MODULE, TOOLKIT, HUDDLES]
    );
    // The first cannot move up: nothing changes, and nothing fails.
    let module = resource_id(&app, MODULE).await.to_string();
    assert_eq!(
        saver
            .post(&page, &[("action", "up"), ("resource", &module)])
            .await
            .status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(items_of(&app, prep).await[0].0, MODULE);

    // A note on its own page, escaped where it is shown.
    let note_page = format!("/account/collections/{prep}?note={toolkit}");
    let editor = saver.get(&note_page).await;
    assert_eq!(editor.status, StatusCode::OK);
    assert!(
        editor.body.contains(&format!("action=\"{note_page}\"")),
        "the form posts to its own page"
    );
    let noted = saver
        .post(
            &note_page,
            &[
                ("action", "note"),
                ("resource", &toolkit),
                ("note", "<script>alert(1)</script> read before the huddle"),
            ],
        )
        .await;
    assert_eq!(noted.status, StatusCode::SEE_OTHER);
    let listed = saver.get(&page).await;
    assert!(listed
        .body
        .contains("&lt;script&gt;alert(1)&lt;/script&gt; read before the huddle"));
    assert!(!listed.body.contains("<script>alert(1)"));

    // Saving again with no note keeps the note; a name typed beside the
    // list left at its first choice makes a new collection.
    save(
        &saver,
        TOOLKIT,
        &[("collection", &prep.to_string()), ("note", "")],
    )
    .await;
    assert_eq!(
        items_of(&app, prep).await[1],
        (
            TOOLKIT.to_string(),
            "<script>alert(1)</script> read before the huddle".to_string()
        )
    );
    let typed = save(
        &saver,
        HUDDLES,
        &[("collection", "default"), ("new_collection", "Ward visits")],
    )
    .await;
    assert_eq!(typed.status, StatusCode::SEE_OTHER, "{}", typed.body);
    let mine = collections_of(&app, user.id).await;
    assert_eq!(mine.len(), 3);
    assert_eq!(mine[2].1, "Ward visits");
    assert_eq!(
        items_of(&app, mine[2].0).await,
        [(HUDDLES.to_string(), String::new())]
    );
    // Another member sees no "Saved in" on the same page.
    let stranger_user = create_user(&app, "stranger@example.org", Role::Member).await;
    let stranger = signed_in(&app, &stranger_user).await;
    let theirs = stranger.get(&format!("/resources/{TOOLKIT}")).await;
    assert!(!theirs.body.contains("Saved in "));
    assert!(!theirs.body.contains("Huddle prep"));

    // Taken out.
    let removed = saver
        .post(&page, &[("action", "remove"), ("resource", &huddles)])
        .await;
    assert_eq!(removed.status, StatusCode::SEE_OTHER);
    assert_eq!(items_of(&app, prep).await.len(), 2);

    // Two saves at once to a default that does not exist yet: one default,
    // one item each.
    let other = create_user(&app, "twice@example.org", Role::Member).await;
    let twice = signed_in(&app, &other).await;
    let (first, second) = tokio::join!(
        save(&twice, TOOLKIT, &[("collection", "default")]),
        save(&twice, MODULE, &[("collection", "default")])
    );
    assert_eq!(first.status, StatusCode::SEE_OTHER, "{}", first.body);
    assert_eq!(second.status, StatusCode::SEE_OTHER, "{}", second.body);
    let theirs = collections_of(&app, other.id).await;
    assert_eq!(theirs.len(), 1);
    assert_eq!(items_of(&app, theirs[0].0).await.len(), 2);

    let list = saver.get("/account/collections").await;
    assert_eq!(list.status, StatusCode::OK);
    assert!(list.body.contains("Huddle prep</a>: 2 resources, private"));
}

async fn bad_input_and_other_members_collections_are_refused(backend: Backend) {
    let app = spawn_app_with_demo(backend).await;
    let user = create_user(&app, "owner@example.org", Role::Member).await;
    let owner = signed_in(&app, &user).await;
    let made = owner
        .post(
            "/account/collections",
            &[("name", "Timelines"), ("visibility", "private")],
        )
        .await;
    assert_eq!(made.status, StatusCode::SEE_OTHER, "{}", made.body);
    let own_id = collections_of(&app, user.id).await[0].0;

    let refused = |page: &Page, message: &str| {
        assert_eq!(
            page.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{}",
            page.body
        );
        assert!(page.body.contains("There is a problem"), "{}", page.body);
        assert!(page.body.contains(message), "{message}: {}", page.body);
    };
    refused(
        &owner
            .post(
                "/account/collections",
                &[("name", "TIMELINES"), ("visibility", "link")],
            )
            .await,
        "You already have a collection with that name",
    );
    refused(
        &owner
            .post(
                "/account/collections",
                &[("name", "   "), ("visibility", "private")],
            )
            .await,
        "Enter a name for the collection",
    );
    let long = "n".repeat(81);
    refused(
        &owner
            .post(
                "/account/collections",
                &[("name", &long), ("visibility", "private")],
            )
            .await,
        "The name must be 80 characters or fewer",
    );
    refused(
        &owner
            .post(
                "/account/collections",
                &[("name", "Fine"), ("visibility", "everyone")],
            )
            .await,
        "Select who can see the collection",
    );

    let page = format!("/resources/{TOOLKIT}");
    let kept = save(
        &owner,
        TOOLKIT,
        &[
            ("collection", "new"),
            ("new_collection", ""),
            ("note", "typed note"),
        ],
    )
    .await;
    refused(
        &kept,
        "<a href=\"#new_collection\">Enter a name for the collection</a>",
    );
    assert!(
        kept.body.contains("typed note</textarea>"),
        "what was typed is kept"
    );
    assert!(
        kept.body.contains("Timeline mapping"),
        "the resource's own page"
    );
    refused(
        &save(&owner, TOOLKIT, &[("collection", "seven")]).await,
        "Select a collection",
    );
    refused(
        &save(
            &owner,
            TOOLKIT,
            &[("collection", "default"), ("note", &"x".repeat(501))],
        )
        .await,
        "The note must be 500 characters or fewer",
    );
    refused(
        &save(
            &owner,
            TOOLKIT,
            &[("collection", "new"), ("new_collection", "timelines")],
        )
        .await,
        "You already have a collection with that name",
    );

    // Another member's collection: not found, and nothing changes.
    let intruder_user = create_user(&app, "intruder@example.org", Role::Member).await;
    let intruder = signed_in(&app, &intruder_user).await;
    refused(
        &save(&intruder, TOOLKIT, &[("collection", &own_id.to_string())]).await,
        "Select one of your collections",
    );
    let theirs = format!("/account/collections/{own_id}");
    assert_eq!(intruder.get(&theirs).await.status, StatusCode::NOT_FOUND);
    for fields in [
        vec![
            ("action", "settings"),
            ("name", "Mine now"),
            ("visibility", "public"),
        ],
        vec![("action", "delete"), ("confirm", "yes")],
    ] {
        assert_eq!(
            intruder.post(&theirs, &fields).await.status,
            StatusCode::NOT_FOUND
        );
    }
    let toolkit = resource_id(&app, TOOLKIT).await.to_string();
    save(&owner, TOOLKIT, &[("collection", &own_id.to_string())]).await;
    assert_eq!(
        intruder
            .post(
                &theirs,
                &[
                    ("action", "note"),
                    ("resource", &toolkit),
                    ("note", "defaced")
                ]
            )
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        intruder
            .get(&format!("{theirs}?note={toolkit}"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(collections_of(&app, user.id).await[0].1, "Timelines");
    assert_eq!(
        items_of(&app, own_id).await,
        [(TOOLKIT.to_string(), String::new())]
    );
    assert!(collections_of(&app, intruder_user.id).await.is_empty());

    // Odd addresses and actions.
    for path in [
        "/account/collections/0",
        "/account/collections/-3",
        "/account/collections/abc",
        "/account/collections/99999999999999999999",
    ] {
        assert_eq!(
            owner.get(path).await.status,
            StatusCode::NOT_FOUND,
            "{path}"
        );
        assert_eq!(
            owner
                .post(
                    path,
                    &[
                        ("action", "settings"),
                        ("name", "x"),
                        ("visibility", "private")
                    ]
                )
                .await
                .status,
            StatusCode::NOT_FOUND,
            "{path}"
        );
    }
    let own_page = format!("/account/collections/{own_id}");
    assert_eq!(
        owner.post(&own_page, &[("action", "explode")]).await.status,
        StatusCode::BAD_REQUEST
    );
    assert_eq!(
        owner
            .post(&own_page, &[("action", "up"), ("resource", "999999")])
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    refused(
        &owner.post(&own_page, &[("action", "delete")]).await,
        "Tick the box to confirm",
    );
    owner
        .post(
            "/account/collections",
            &[("name", "Spare"), ("visibility", "private")],
        )
        .await;
    let spare = collections_of(&app, user.id).await[1].0;
    let spare_page = format!("/account/collections/{spare}");
    refused(
        &owner
            .post(
                &spare_page,
                &[
                    ("action", "settings"),
                    ("name", "timelines"),
                    ("visibility", "private"),
                ],
            )
            .await,
        "You already have a collection with that name",
    );
    let renamed = owner
        .post(
            &spare_page,
            &[
                ("action", "settings"),
                ("name", "Spare reading"),
                ("visibility", "private"),
            ],
        )
        .await;
    assert_eq!(renamed.status, StatusCode::SEE_OTHER);
    assert_eq!(collections_of(&app, user.id).await[1].1, "Spare reading");
    let gone = owner
        .post(&spare_page, &[("action", "delete"), ("confirm", "yes")])
        .await;
    assert_eq!(gone.status, StatusCode::SEE_OTHER);
    assert_eq!(gone.location.as_deref(), Some("/account/collections"));
    assert_eq!(collections_of(&app, user.id).await.len(), 1);
    assert_eq!(owner.get(&spare_page).await.status, StatusCode::NOT_FOUND);
    let too_long_note = owner
        .post(
            &own_page,
            &[
                ("action", "note"),
                ("resource", &toolkit),
                ("note", &"é".repeat(501)),
            ],
        )
        .await;
    refused(&too_long_note, "The note must be 500 characters or fewer");
    assert!(
        too_long_note.body.contains("Your note"),
        "the note's own page"
    );
    assert!(
        too_long_note
            .body
            .contains(&format!("{}</textarea>", "é".repeat(501))),
        "what was typed is kept"
    );
    assert!(
        too_long_note
            .body
            .contains(&format!("{own_page}?note={toolkit}")),
        "at its own address"
    );
    for odd in ["999999", "abc", "0"] {
        let page = owner.get(&format!("{own_page}?note={odd}")).await;
        assert_eq!(page.status, StatusCode::NOT_FOUND, "{odd}");
    }
    let elsewhere = owner
        .post(
            &own_page,
            &[("action", "note"), ("resource", "999999"), ("note", "x")],
        )
        .await;
    assert_eq!(elsewhere.status, StatusCode::NOT_FOUND);
    assert!(
        elsewhere.body.contains("Page not found"),
        "{}",
        elsewhere.body
    );
    assert_eq!(
        items_of(&app, own_id).await,
        [(TOOLKIT.to_string(), String::new())]
    );
    for token in ["%3Cscript%3E", "nope", &"a".repeat(300)] {
        assert_eq!(
            owner.get(&format!("/collections/{token}")).await.status,
            StatusCode::NOT_FOUND,
            "{token}"
        );
        assert_eq!(
            owner
                .post(&format!("/collections/{token}"), &[])
                .await
                .status,
            StatusCode::NOT_FOUND,
            "{token}"
        );
    }
    for missing in ["no-such-resource", "timeline-mapping%27%20OR%201=1--"] {
        assert_eq!(
            save(&owner, missing, &[]).await.status,
            StatusCode::NOT_FOUND
        );
    }
    let forged = owner
        .post_raw(&page, &[("csrf_token", "forged"), ("action", "save")])
        .await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);

    // The default cannot be deleted, and keeps its name.
    save(&owner, MODULE, &[("collection", "default")]).await;
    let default_id = collections_of(&app, user.id).await[1].0;
    let default_page = format!("/account/collections/{default_id}");
    refused(
        &owner
            .post(&default_page, &[("action", "delete"), ("confirm", "yes")])
            .await,
        "Your default collection cannot be deleted",
    );
    let renamed = owner
        .post(
            &default_page,
            &[
                ("action", "settings"),
                ("name", "Other"),
                ("visibility", "link"),
            ],
        )
        .await;
    assert_eq!(renamed.status, StatusCode::SEE_OTHER);
    let default = collections_of(&app, user.id).await[1].clone();
    assert_eq!((default.1.as_str(), default.2.as_str()), ("Saved", "link"));

    // At most 50 collections, even posted at once.
    let limited_user = create_user(&app, "many@example.org", Role::Member).await;
    let limited = signed_in(&app, &limited_user).await;
    for n in 0..48 {
        let made = limited
            .post(
                "/account/collections",
                &[("name", &format!("List {n}")), ("visibility", "private")],
            )
            .await;
        assert_eq!(made.status, StatusCode::SEE_OTHER, "{}", made.body);
    }
    let (a, b, c) = tokio::join!(
        limited.post(
            "/account/collections",
            &[("name", "A"), ("visibility", "private")]
        ),
        limited.post(
            "/account/collections",
            &[("name", "B"), ("visibility", "private")]
        ),
        limited.post(
            "/account/collections",
            &[("name", "C"), ("visibility", "private")]
        )
    );
    let statuses = [a.status, b.status, c.status];
    assert_eq!(
        statuses
            .iter()
            .filter(|s| **s == StatusCode::SEE_OTHER)
            .count(),
        2,
        "{statuses:?}"
    );
    assert_eq!(collections_of(&app, limited_user.id).await.len(), 50);
    let over = [a, b, c]
        .into_iter()
        .find(|page| page.status != StatusCode::SEE_OTHER)
        .unwrap();
    refused(&over, "You have 50 collections, the most you can have");
}

async fn shared_collections_open_by_link_and_can_be_copied(backend: Backend) {
    let app = spawn_app_with_demo(backend).await;
    let owner = member(
        &app,
        "sharer@example.org",
        "Priya Nair",
        &[("sector", "mental-health")],
    )
    .await;
    owner
        .browser
        .post(
            "/account/collections",
            &[("name", "Ward <huddles>"), ("visibility", "private")],
        )
        .await;
    let (id, _, _, token) = collections_of(&app, owner.user.id).await[0].clone();
    for slug in [HUDDLES, TOOLKIT] {
        save(
            &owner.browser,
            slug,
            &[
                ("collection", &id.to_string()),
                ("note", &format!("Why {slug}")),
            ],
        )
        .await;
    }
    let link = format!("/collections/{token}");
    let anonymous = Browser::new(&app);
    let reader_user = create_user(&app, "reader@example.org", Role::Member).await;
    let reader = signed_in(&app, &reader_user).await;

    // Private: the link opens nothing, for anyone but through the account.
    assert_eq!(anonymous.get(&link).await.status, StatusCode::NOT_FOUND);
    assert_eq!(reader.get(&link).await.status, StatusCode::NOT_FOUND);
    assert_eq!(reader.post(&link, &[]).await.status, StatusCode::NOT_FOUND);
    assert!(collections_of(&app, reader_user.id).await.is_empty());

    // Shared by link: read-only for anyone with it, not on the profile.
    let settings = format!("/account/collections/{id}");
    let shared = owner
        .browser
        .post(
            &settings,
            &[
                ("action", "settings"),
                ("name", "Ward <huddles>"),
                ("visibility", "link"),
            ],
        )
        .await;
    assert_eq!(shared.status, StatusCode::SEE_OTHER);
    // Shared, it has a link of its own: the one it had while private
    // opens nothing still.
    assert_eq!(anonymous.get(&link).await.status, StatusCode::NOT_FOUND);
    let token = collections_of(&app, owner.user.id).await[0].3.clone();
    let link = format!("/collections/{token}");
    let owner_view = owner.browser.get(&settings).await;
    assert!(
        owner_view.body.contains(&format!("{link}</a>")),
        "the owner sees the link"
    );
    let opened = anonymous.get(&link).await;
    assert_eq!(opened.status, StatusCode::OK);
    assert!(
        opened.body.contains("<title>Ward &lt;huddles&gt;"),
        "escaped in the title"
    );
    assert!(opened.body.contains("Shared by Priya Nair. 2 resources."));
    assert!(opened.body.contains(&format!("Why {HUDDLES}")));
    assert!(opened.body.contains("Sign in</a> to copy this collection"));
    assert!(!opened.body.contains("Move up"));
    assert_eq!(
        anonymous.post(&link, &[]).await.status,
        StatusCode::UNAUTHORIZED
    );
    let profile = anonymous.get(&owner.path()).await;
    assert!(!profile.body.contains(&link));

    // Public: on the profile too.
    owner
        .browser
        .post(
            &settings,
            &[
                ("action", "settings"),
                ("name", "Ward <huddles>"),
                ("visibility", "public"),
            ],
        )
        .await;
    let profile = anonymous.get(&owner.path()).await;
    assert!(
        profile.body.contains(&format!(
            "<a href=\"{link}\">Ward &lt;huddles&gt;</a> (2 resources)"
        )),
        "{}",
        profile.body
    );

    // Copied by another member: private, with the notes and the order.
    let copy_form = reader.get(&link).await;
    assert!(copy_form.body.contains("Copy to your collections"));
    let copied = reader.post(&link, &[]).await;
    assert_eq!(copied.status, StatusCode::SEE_OTHER, "{}", copied.body);
    let theirs = collections_of(&app, reader_user.id).await;
    assert_eq!(theirs.len(), 1);
    let (copy_id, copy_name, copy_visibility, copy_token) = theirs[0].clone();
    assert_eq!(
        copied.location,
        Some(format!("/account/collections/{copy_id}"))
    );
    assert_eq!(
        (copy_name.as_str(), copy_visibility.as_str()),
        ("Copy of Ward <huddles>", "private")
    );
    assert_ne!(copy_token, token);
    assert_eq!(items_of(&app, copy_id).await, items_of(&app, id).await);
    let again = reader.post(&link, &[]).await;
    assert_eq!(again.status, StatusCode::SEE_OTHER);
    assert_eq!(
        collections_of(&app, reader_user.id).await[1].1,
        "Copy of Ward <huddles> (2)"
    );
    // The owner's own link says so, and offers no copy.
    let own = owner.browser.get(&link).await;
    assert!(own.body.contains("This is your collection"));

    // A resource that leaves the catalogue leaves the shared view; its
    // owner still sees it, and can take it out.
    crate::learning::archive(&app, TOOLKIT).await;
    let opened = anonymous.get(&link).await;
    assert!(opened.body.contains("1 resource."));
    assert!(!opened.body.contains(&format!("Why {TOOLKIT}")));
    let owner_view = owner.browser.get(&settings).await;
    assert!(owner_view.body.contains("No longer in the catalogue"));
    let toolkit = resource_id(&app, TOOLKIT).await.to_string();
    let taken_out = owner
        .browser
        .post(&settings, &[("action", "remove"), ("resource", &toolkit)])
        .await;
    assert_eq!(taken_out.status, StatusCode::SEE_OTHER);
    assert_eq!(items_of(&app, id).await.len(), 1);

    // Back to private: the link stops working; the copies stay. Shared
    // again, it has a new link: the old one stays dead.
    let set = |visibility: &'static str| {
        let settings = settings.clone();
        let browser = &owner.browser;
        async move {
            browser
                .post(
                    &settings,
                    &[
                        ("action", "settings"),
                        ("name", "Ward <huddles>"),
                        ("visibility", visibility),
                    ],
                )
                .await
        }
    };
    set("private").await;
    assert_eq!(anonymous.get(&link).await.status, StatusCode::NOT_FOUND);
    assert!(!anonymous.get(&owner.path()).await.body.contains(&link));
    assert_eq!(items_of(&app, copy_id).await.len(), 2);
    set("link").await;
    let new_token = collections_of(&app, owner.user.id).await[0].3.clone();
    assert_ne!(new_token, token);
    assert_eq!(anonymous.get(&link).await.status, StatusCode::NOT_FOUND);
    let new_link = format!("/collections/{new_token}");
    assert_eq!(anonymous.get(&new_link).await.status, StatusCode::OK);
    // A suspended member's collections are not shown to anyone.
    app::accounts::repo::set_status(
        &app.db,
        owner.user.id,
        app::accounts::AccountStatus::Suspended,
    )
    .await
    .unwrap();
    assert_eq!(anonymous.get(&new_link).await.status, StatusCode::NOT_FOUND);
}

async fn collections_are_in_your_data_and_go_with_the_account(backend: Backend) {
    let app = spawn_app_with_demo(backend).await;
    let user = create_user(&app, "leaver@example.org", Role::Member).await;
    let leaver = signed_in(&app, &user).await;
    save(
        &leaver,
        TOOLKIT,
        &[
            ("collection", "new"),
            ("new_collection", "For appraisal"),
            ("note", "Used in March"),
        ],
    )
    .await;
    let id = collections_of(&app, user.id).await[0].0;
    leaver
        .post(
            &format!("/account/collections/{id}"),
            &[
                ("action", "settings"),
                ("name", "For appraisal"),
                ("visibility", "link"),
            ],
        )
        .await;
    let token = collections_of(&app, user.id).await[0].3.clone();
    let copier_user = create_user(&app, "copier@example.org", Role::Member).await;
    let copier = signed_in(&app, &copier_user).await;
    copier.post(&format!("/collections/{token}"), &[]).await;

    let data = leaver.json("/account/data.json").await;
    let collections = data["collections"].as_array().unwrap();
    assert_eq!(collections.len(), 1, "{data}");
    assert_eq!(collections[0]["name"], "For appraisal");
    assert_eq!(collections[0]["visibility"], "link");
    assert_eq!(
        collections[0]["resources"][0]["resource"],
        format!("/resources/{TOOLKIT}")
    );
    assert_eq!(collections[0]["resources"][0]["note"], "Used in March");
    assert_eq!(collections[0]["resources"][0]["in_catalogue"], true);

    let deleted = leaver
        .post("/account/delete", &[("password", PASSWORD)])
        .await;
    assert_eq!(deleted.location.as_deref(), Some("/account-deleted"));
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM collections WHERE user_id = $1",
            user.id
        )
        .await,
        0
    );
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM collection_items WHERE collection_id = $1",
            id
        )
        .await,
        0
    );
    assert_eq!(
        Browser::new(&app)
            .get(&format!("/collections/{token}"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        collections_of(&app, copier_user.id).await.len(),
        1,
        "a copy is the copier's"
    );
}

crate::both_backends!(
    a_member_saves_resources_and_orders_them,
    bad_input_and_other_members_collections_are_refused,
    shared_collections_open_by_link_and_can_be_copied,
    collections_are_in_your_data_and_go_with_the_account,
);
