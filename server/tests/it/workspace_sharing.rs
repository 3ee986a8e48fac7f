//! Sharing an investigation with a team through real HTTP on both
//! backends: the owner's sharing page (who it is shared with, the roles
//! changed and the shares stopped with a button each, the connections it
//! could go to next), what an editor and a reader may do with it and what
//! they are refused, strangers and administrators who find nothing, every
//! bad share and the limit, shares sent at once, the shares that end with
//! the connection (removed or blocked, by either member) or the account,
//! copying and leaving, and the shares in "your data".

use std::collections::BTreeSet;

use crate::learning::count;
use crate::network::{connect, member, Member};
use crate::support::accounts::*;
use crate::support::{spawn_app, Backend, TestApp};
use crate::workspace_analysis::{add_entry, finding, saved, table, text};
use crate::workspaces::{entries_in, entry, start, version};
use app::accounts::Role;
use app::toolkits::sharing::MAX_SHARES;
use reqwest::StatusCode;

const TITLE: &str = "Missed sepsis screen";
const OWNER: &str = "Olive Owner";
const FIRST_ENTRY: &str = "GP decides on an urgent referral";
const READ_ONLY: &str = "This investigation is shared with you to read, not to change";
const OWNER_DELETES: &str = "Only the investigation's owner can delete it";
const OWNER_SHARES: &str = "Only the investigation's owner can share it";
const NOT_CONNECTED: &str = "Choose one of your connections: this member is not one of them now";
const NO_ROLE: &str = "Choose what they can do: edit it, or only read it";

/// What the owner's timeline page shows to change it: the add form (with
/// the version), an entry's "Change" link, the details and sharing links.
const CHANGE_MARKS: [&str; 7] = [
    "Add to timeline",
    ">Change<",
    "name=\"version\"",
    "?edit=details",
    "?edit=sharing",
    "?entry=",
    "Share with your team",
];

/// An owner with an investigation of one timeline entry, and the members
/// they are connected with (none of them shared with yet).
struct Team {
    owner: Member,
    members: Vec<Member>,
    id: i64,
    entry: i64,
}

/// A member with a public profile, signed in (their email from their name).
async fn someone(app: &TestApp, name: &str) -> Member {
    let email = format!("{}@example.org", name.to_lowercase().replace(' ', "."));
    member(app, &email, name, &[]).await
}

/// The owner, connected with a member of each name, and their investigation.
async fn team(app: &TestApp, names: &[&str]) -> Team {
    let owner = someone(app, OWNER).await;
    let mut members = Vec::new();
    for name in names {
        let other = someone(app, name).await;
        connect(&owner, &other).await;
        members.push(other);
    }
    let id = start(&owner.browser, TITLE).await;
    let entry = add_entry(app, &owner.browser, id, "2026-03-02", "08:00", FIRST_ENTRY).await;
    Team {
        owner,
        members,
        id,
        entry,
    }
}

/// Posts the sharing page's form (or the panel's "leave").
async fn sharing(browser: &Browser, id: i64, fields: &[(&str, &str)]) -> Page {
    browser.post(&format!("/workspaces/{id}"), fields).await
}

/// The sharing page's fields to share with the member of `handle` as
/// `role` (or give them that role), and to stop sharing with them.
fn to_share<'a>(handle: &'a str, role: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![("action", "share"), ("member", handle), ("role", role)]
}

fn to_unshare(handle: &str) -> Vec<(&str, &str)> {
    vec![("action", "unshare"), ("member", handle)]
}

async fn share(owner: &Member, id: i64, with: &Member, role: &str) -> Page {
    sharing(&owner.browser, id, &to_share(&with.handle, role)).await
}

/// Shares and expects it done, back on the sharing page with its notice.
async fn shared(owner: &Member, id: i64, with: &Member, role: &str) {
    let page = share(owner, id, with, role).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{role}: {}", page.body);
    assert_eq!(
        page.location,
        Some(format!("/workspaces/{id}?edit=sharing")),
        "{role}"
    );
    let notice = format!("Shared with {} as {role}", with.name);
    assert!(
        owner
            .browser
            .get(&page.location.unwrap())
            .await
            .body
            .contains(&notice),
        "{notice}"
    );
}

/// "Leave this investigation", confirmed on the page that asks first.
async fn leave(who: &Member, id: i64) -> Page {
    sharing(&who.browser, id, &[("action", "leave"), ("confirm", "yes")]).await
}

/// The panel's "Copy into your investigations" (or the same post for a
/// workspace the member cannot open).
async fn copy_of(browser: &Browser, id: i64) -> Page {
    browser
        .post(
            "/workspaces",
            &[("action", "copy"), ("from", &id.to_string())],
        )
        .await
}

async fn unshare(owner: &Member, id: i64, with: &Member) -> Page {
    sharing(&owner.browser, id, &to_unshare(&with.handle)).await
}

/// The member's role on workspace `id`, if it is shared with them.
async fn role_of(app: &TestApp, id: i64, who: &Member) -> Option<String> {
    app::with_pool!(&app.db, pool => sqlx::query_scalar(
        "SELECT role FROM workspace_members WHERE workspace_id = $1 AND member_id = $2",
    )
    .bind(id)
    .bind(who.user.id)
    .fetch_optional(pool)
    .await
    .unwrap())
}

/// How many members workspace `id` is shared with.
async fn shares_of(app: &TestApp, id: i64) -> i64 {
    count(
        app,
        "SELECT COUNT(*) FROM workspace_members WHERE workspace_id = $1",
        id,
    )
    .await
}

/// Posts a change to the workspace (`action` and its fields) with this
/// version.
async fn change(browser: &Browser, id: i64, version: i64, fields: &[(&str, &str)]) -> Page {
    let version = version.to_string();
    let mut all = vec![("version", version.as_str())];
    all.extend_from_slice(fields);
    browser.post(&format!("/workspaces/{id}"), &all).await
}

/// The change forms of a workspace's pages, each as posted with `what`.
fn changes(what: &str) -> [Vec<(&str, &str)>; 3] {
    let mut add = vec![("action", "add")];
    add.extend(entry("2026-03-02", "10:00", what));
    [
        add,
        vec![("action", "details"), ("title", what), ("response", "psii")],
        vec![("action", "delete"), ("confirm", "yes")],
    ]
}

/// The pages and files anyone the workspace is shared with may open.
fn readable(id: i64) -> Vec<String> {
    ["", "?tool=scan", "?tool=plan", "?tool=report"]
        .iter()
        .map(|query| format!("/workspaces/{id}{query}"))
        .chain(
            ["report.md", "workspace.json"]
                .iter()
                .map(|file| format!("/workspaces/{id}/{file}")),
        )
        .collect()
}

/// The pages that change it (an editor's), then those only its owner opens.
fn changing(id: i64, entry: i64) -> Vec<String> {
    vec![
        format!("/workspaces/{id}?edit=details"),
        format!("/workspaces/{id}?entry={entry}"),
        format!("/workspaces/{id}?entry={entry}&delete=yes"),
    ]
}

fn owners_only(id: i64) -> Vec<String> {
    vec![
        format!("/workspaces/{id}?edit=delete"),
        format!("/workspaces/{id}?edit=sharing"),
    ]
}

/// Each page answers `status` to `browser`.
async fn each_answers(browser: &Browser, paths: &[String], status: StatusCode, who: &str) {
    for path in paths {
        let page = browser.get(path).await;
        assert_eq!(page.status, status, "{who}: {path}: {}", page.body);
    }
}

/// The members the sharing page's form offers, by handle and name.
fn offered(body: &str) -> BTreeSet<(String, String)> {
    let Some(start) = body.find("name=\"member\" class=\"nhsuk-select\"") else {
        return BTreeSet::new();
    };
    let end = start + body[start..].find("</select>").expect("the list ends");
    regex_lite::Regex::new(r#"<option value="([^"]+)"[^>]*>([^<]*)</option>"#)
        .unwrap()
        .captures_iter(&body[start..end])
        .map(|option| (option[1].to_string(), option[2].to_string()))
        .collect()
}

fn offer(members: &[&Member]) -> BTreeSet<(String, String)> {
    members
        .iter()
        .map(|other| (other.handle.clone(), other.name.clone()))
        .collect()
}

/// The sharing page's row for the member of this handle, as HTML.
fn share_row<'a>(body: &'a str, handle: &str) -> &'a str {
    let at = body
        .find(&format!("href=\"/network/members/{handle}\""))
        .unwrap_or_else(|| panic!("a row for {handle}: {body}"));
    let start = body[..at].rfind("<tr").expect("the row starts");
    let end = at + body[at..].find("</tr>").expect("the row ends");
    &body[start..end]
}

/// Starts `times` shares of workspace `id` with `who` by its owner, all at
/// once (as editor and reader by turns), each marked `false` in `posts`.
fn spawn_shares(
    posts: &mut tokio::task::JoinSet<(bool, StatusCode)>,
    owner: &Member,
    id: i64,
    who: &Member,
    times: usize,
) {
    for role in ["editor", "reader"].into_iter().cycle().take(times) {
        let (browser, handle) = (owner.browser.clone(), who.handle.clone());
        posts.spawn(async move {
            let page = sharing(&browser, id, &to_share(&handle, role)).await;
            (false, page.status)
        });
    }
}

/// Posts `path` as `browser` (ending a connection) while the owner shares
/// workspace `id` with `who` four times over, all at once: the ending's
/// status, and the shares'.
async fn end_while_sharing(
    browser: &Browser,
    path: &str,
    owner: &Member,
    id: i64,
    who: &Member,
) -> (StatusCode, Vec<StatusCode>) {
    let mut posts = tokio::task::JoinSet::new();
    let (browser, path) = (browser.clone(), path.to_string());
    posts.spawn(async move { (true, browser.post(&path, &[]).await.status) });
    spawn_shares(&mut posts, owner, id, who, 4);
    let done = posts.join_all().await;
    let ending = done
        .iter()
        .find(|(ending, _)| *ending)
        .expect("the ending")
        .1;
    let shares = done
        .iter()
        .filter(|(ending, _)| !ending)
        .map(|(_, status)| *status)
        .collect();
    (ending, shares)
}

/// What the top of each page of a shared workspace says to the member.
fn panel(role: &str) -> String {
    format!("Shared with you by {OWNER} as {role}")
}

async fn an_owner_shares_with_a_team_and_changes_their_roles(backend: Backend) {
    let app = spawn_app(backend).await;
    let Team {
        owner, members, id, ..
    } = team(&app, &["Eddie Editor", "Rita Reader"]).await;
    let (eddie, rita) = (&members[0], &members[1]);
    let stranger = someone(&app, "Sam Stranger").await;
    let sharing_page = format!("/workspaces/{id}?edit=sharing");

    // Not shared yet: the owner's page links to sharing, which offers
    // their connections (and no one else) as editors or readers.
    let overview = owner.browser.get(&format!("/workspaces/{id}")).await;
    assert!(overview.body.contains(&format!(
        "<a href=\"/workspaces/{id}?edit=sharing\">Share with your team</a>"
    )));
    assert!(!overview.body.contains("Shared with you by"));
    let page = owner.browser.get(&sharing_page).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(page
        .body
        .contains("<h1 class=\"nhsuk-heading-l\">Share with your team</h1>"));
    assert!(page.body.contains(">Not shared with anyone yet</h2>"));
    assert!(!page.body.contains("Stop sharing"));
    assert_eq!(
        offered(&page.body),
        offer(&[eddie, rita]),
        "not the stranger"
    );
    for role in ["editor", "reader"] {
        assert!(
            page.body
                .contains(&format!("name=\"role\" type=\"radio\" value=\"{role}\"")),
            "{role}"
        );
    }
    assert!(page.body.contains(">Share</button>"));
    assert!(
        !eddie
            .browser
            .get("/workspaces")
            .await
            .body
            .contains(">Shared with you</h2>"),
        "nothing shared with Eddie yet"
    );

    shared(&owner, id, eddie, "editor").await;
    assert_eq!(
        offered(&owner.browser.get(&sharing_page).await.body),
        offer(&[rita]),
        "Eddie is no longer offered"
    );
    shared(&owner, id, rita, "reader").await;
    let page = owner.browser.get(&sharing_page).await;
    assert!(
        page.body.contains(">Shared with 2 members</h2>"),
        "{}",
        page.body
    );
    assert!(offered(&page.body).is_empty());
    assert!(
        page.body
            .contains("you have no connections it is not shared with yet. <a href=\"/network\">"),
        "{}",
        page.body
    );
    // Each row: name, role, when, and the buttons for the other role and
    // to stop sharing.
    let mut since = Vec::new();
    for (who, role, other) in [(eddie, "Editor", "reader"), (rita, "Reader", "editor")] {
        let row = share_row(&page.body, &who.handle);
        let name = &who.name;
        let words = text(row);
        let when = words
            .strip_prefix(&format!("{name} {role} "))
            .and_then(|rest| {
                rest.strip_suffix(&format!(" Make {other} ({name}) Stop sharing ({name})"))
            })
            .unwrap_or_else(|| panic!("{words}"));
        assert!(when.ends_with(" UTC"), "{words}");
        since.push(when.to_string());
        assert!(
            row.contains(&format!(
                "<input type=\"hidden\" name=\"action\" value=\"share\"><input type=\"hidden\" name=\"member\" value=\"{}\"><input type=\"hidden\" name=\"role\" value=\"{other}\">",
                who.handle
            )),
            "{row}"
        );
        assert!(
            row.contains(&format!(
                "<input type=\"hidden\" name=\"action\" value=\"unshare\"><input type=\"hidden\" name=\"member\" value=\"{}\">",
                who.handle
            )),
            "{row}"
        );
    }
    assert_eq!(role_of(&app, id, eddie).await.as_deref(), Some("editor"));
    assert_eq!(role_of(&app, id, rita).await.as_deref(), Some("reader"));

    // Each sees it in their list, with whose it is and their role; the
    // owner's list has no such table.
    for (who, role) in [(eddie, "Editor"), (rita, "Reader")] {
        let list = who.browser.get("/workspaces").await.body;
        assert!(
            list.contains("<h2 id=\"shared\" class=\"nhsuk-heading-m\">Shared with you</h2>"),
            "{list}"
        );
        assert!(list.contains(&format!("<a href=\"/workspaces/{id}\">{TITLE}</a>")));
        let listed = table(&list, "Investigations shared with you");
        let expected = format!(
            "Investigations shared with you, the latest changed first Investigation Shared by Your role Timeline Last changed {TITLE} {OWNER} {role} 1 entry "
        );
        assert!(listed.starts_with(&expected), "{listed}");
    }
    assert!(!owner
        .browser
        .get("/workspaces")
        .await
        .body
        .contains(">Shared with you</h2>"));

    // The other role, from the row's button, changes the role only.
    shared(&owner, id, rita, "editor").await;
    assert_eq!(role_of(&app, id, rita).await.as_deref(), Some("editor"));
    assert_eq!(shares_of(&app, id).await, 2, "still one row each");
    assert!(rita
        .browser
        .get(&format!("/workspaces/{id}"))
        .await
        .body
        .contains(&panel("an editor")));
    shared(&owner, id, rita, "reader").await;
    assert_eq!(role_of(&app, id, rita).await.as_deref(), Some("reader"));

    // "Your data": the owner's record lists who it is shared with, each
    // member's who shared what with them.
    let data = owner.browser.json("/account/data.json").await;
    let with = &data["investigations"][0]["shared_with"];
    assert_eq!(
        with,
        &serde_json::json!([
            { "name": "Eddie Editor", "role": "editor", "since": since[0] },
            { "name": "Rita Reader", "role": "reader", "since": since[1] },
        ]),
        "{data}"
    );
    assert_eq!(
        data["investigations_shared_with_you"],
        serde_json::json!([])
    );
    for (who, role) in [(eddie, "editor"), (rita, "reader")] {
        let data = who.browser.json("/account/data.json").await;
        assert_eq!(
            data["investigations_shared_with_you"],
            serde_json::json!([{ "title": TITLE, "owner": OWNER, "role": role }]),
            "{data}"
        );
        assert_eq!(data["investigations"], serde_json::json!([]));
    }

    // Stopping: Eddie no longer finds it; Rita still does.
    let stopped = unshare(&owner, id, eddie).await;
    assert_eq!(stopped.status, StatusCode::SEE_OTHER, "{}", stopped.body);
    assert_eq!(stopped.location.as_deref(), Some(sharing_page.as_str()));
    let page = owner.browser.get(&sharing_page).await;
    assert!(page.body.contains("Stopped sharing it with Eddie Editor"));
    assert!(
        page.body.contains(">Shared with 1 member</h2>"),
        "{}",
        page.body
    );
    assert_eq!(
        offered(&page.body),
        offer(&[eddie]),
        "Eddie is offered again"
    );
    assert_eq!(role_of(&app, id, eddie).await, None);
    each_answers(
        &eddie.browser,
        &readable(id),
        StatusCode::NOT_FOUND,
        "Eddie",
    )
    .await;
    assert!(!eddie.browser.get("/workspaces").await.body.contains(TITLE));
    each_answers(&rita.browser, &readable(id), StatusCode::OK, "Rita").await;
    // Stopping again (a double click) is refused as it stands: it is not
    // shared with Eddie now; nor was it ever with the stranger.
    let again = unshare(&owner, id, eddie).await;
    assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(again
        .body
        .contains("This investigation is not shared with that member now"));
    assert_eq!(
        unshare(&owner, id, &stranger).await.status,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert_eq!(shares_of(&app, id).await, 1);
}

async fn a_reader_reads_and_copies_it_but_changes_nothing(backend: Backend) {
    let app = spawn_app(backend).await;
    let Team {
        owner,
        members,
        id,
        entry,
    } = team(&app, &["Rita Reader"]).await;
    let rita = &members[0];
    shared(&owner, id, rita, "reader").await;

    // Every page and file reads; each page says whose it is, with no form
    // that changes it (the owner's pages have them).
    each_answers(&rita.browser, &readable(id), StatusCode::OK, "reader").await;
    for query in ["", "?tool=scan", "?tool=plan", "?tool=report"] {
        let path = format!("/workspaces/{id}{query}");
        let page = rita.browser.get(&path).await.body;
        assert!(page.contains(&panel("a reader")), "{path}: {page}");
        assert!(page.contains(TITLE));
        for form in CHANGE_MARKS {
            assert!(!page.contains(form), "{path}: {form}");
        }
        assert!(
            !owner
                .browser
                .get(&path)
                .await
                .body
                .contains("Shared with you by"),
            "{path}"
        );
    }
    let own = owner.browser.get(&format!("/workspaces/{id}")).await.body;
    for form in CHANGE_MARKS {
        assert!(own.contains(form), "the owner's page has {form}");
    }
    let report = rita
        .browser
        .get(&format!("/workspaces/{id}/report.md"))
        .await;
    assert!(report.body.contains(TITLE) && report.body.contains(FIRST_ENTRY));
    let file = rita
        .browser
        .json(&format!("/workspaces/{id}/workspace.json"))
        .await;
    assert!(file.to_string().contains(FIRST_ENTRY), "{file}");
    each_answers(
        &rita.browser,
        &[changing(id, entry), owners_only(id)].concat(),
        StatusCode::NOT_FOUND,
        "reader",
    )
    .await;

    // Every change is refused on the workspace's page; nothing is written.
    let before = (version(&app, id).await, entries_in(&app, id).await);
    for fields in changes("Written by a reader") {
        let page = change(&rita.browser, id, before.0, &fields).await;
        assert_eq!(
            page.status,
            StatusCode::FORBIDDEN,
            "{fields:?}: {}",
            page.body
        );
        let why = if fields[0] == ("action", "delete") {
            OWNER_DELETES
        } else {
            READ_ONLY
        };
        assert!(page.body.contains(why), "{fields:?}: {}", page.body);
        assert!(
            page.body.contains(&panel("a reader")),
            "the workspace's page"
        );
    }
    for fields in [to_share(&rita.handle, "editor"), to_unshare(&rita.handle)] {
        let page = sharing(&rita.browser, id, &fields).await;
        assert_eq!(page.status, StatusCode::FORBIDDEN, "{fields:?}");
        assert!(page.body.contains(OWNER_SHARES), "{fields:?}");
    }
    assert_eq!(
        (version(&app, id).await, entries_in(&app, id).await),
        before
    );
    assert_eq!(
        count(
            &app,
            &format!("SELECT COUNT(*) FROM workspaces WHERE id = $1 AND title = '{TITLE}'"),
            id
        )
        .await,
        1,
        "the details are as they were"
    );
    assert_eq!(role_of(&app, id, rita).await.as_deref(), Some("reader"));

    // A copy is the reader's own, with the same timeline.
    let copied = copy_of(&rita.browser, id).await;
    assert_eq!(copied.status, StatusCode::SEE_OTHER, "{}", copied.body);
    let copy: i64 = copied
        .location
        .as_deref()
        .and_then(|location| location.strip_prefix("/workspaces/"))
        .and_then(|copy| copy.parse().ok())
        .expect("goes to the copy");
    assert_ne!(copy, id);
    assert_eq!(
        count(&app, "SELECT owner_id FROM workspaces WHERE id = $1", copy).await,
        rita.user.id
    );
    assert_eq!(entries_in(&app, copy).await, entries_in(&app, id).await);
    let mine = rita.browser.get(&format!("/workspaces/{copy}")).await.body;
    assert!(mine.contains("Add to timeline") && !mine.contains("Shared with you by"));
    assert_eq!(
        owner
            .browser
            .get(&format!("/workspaces/{copy}"))
            .await
            .status,
        StatusCode::NOT_FOUND,
        "the copy is not the owner's"
    );

    // Leaving: not without the form's token; not for the owner; then gone.
    let no_token = rita
        .browser
        .post_raw(
            &format!("/workspaces/{id}"),
            &[("action", "leave"), ("confirm", "yes")],
        )
        .await;
    assert_eq!(no_token.status, StatusCode::FORBIDDEN);
    // Not without the button of the page that asks first.
    let page = rita
        .browser
        .get(&format!("/workspaces/{id}?edit=leave"))
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Leave investigation"));
    let unconfirmed = sharing(&rita.browser, id, &[("action", "leave")]).await;
    assert_eq!(unconfirmed.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(unconfirmed.body.contains("Use the button to confirm"));
    assert!(unconfirmed.body.contains("href=\"#confirm\""));
    assert!(
        unconfirmed.body.contains("Leave investigation"),
        "shown on the page that asks"
    );
    assert_eq!(
        owner
            .browser
            .get(&format!("/workspaces/{id}?edit=leave"))
            .await
            .status,
        StatusCode::NOT_FOUND,
        "the owner has nothing to leave"
    );
    let owner_leaves = leave(&owner, id).await;
    assert_eq!(owner_leaves.status, StatusCode::FORBIDDEN);
    assert!(owner_leaves
        .body
        .contains("This is your own investigation: delete it if you no longer need it"));
    assert_eq!(role_of(&app, id, rita).await.as_deref(), Some("reader"));
    let left = leave(rita, id).await;
    assert_eq!(left.status, StatusCode::SEE_OTHER, "{}", left.body);
    assert_eq!(left.location.as_deref(), Some("/workspaces"));
    let list = rita.browser.get("/workspaces").await.body;
    assert!(list.contains(&format!(
        "You have left “{TITLE}”: it is no longer shared with you"
    )));
    assert!(!list.contains(">Shared with you</h2>"));
    assert_eq!(role_of(&app, id, rita).await, None);
    each_answers(&rita.browser, &readable(id), StatusCode::NOT_FOUND, "left").await;
    let copy_again = copy_of(&rita.browser, id).await;
    assert_eq!(copy_again.status, StatusCode::NOT_FOUND);
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM workspaces WHERE owner_id = $1",
            rita.user.id
        )
        .await,
        1,
        "one copy only"
    );
}

async fn an_editor_changes_it_but_only_the_owner_deletes_or_shares_it(backend: Backend) {
    let app = spawn_app(backend).await;
    let Team {
        owner,
        members,
        id,
        entry,
    } = team(&app, &["Eddie Editor", "Rita Reader"]).await;
    let (eddie, rita) = (&members[0], &members[1]);
    shared(&owner, id, eddie, "editor").await;

    let page = eddie.browser.get(&format!("/workspaces/{id}")).await.body;
    assert!(page.contains(&panel("an editor")), "{page}");
    assert!(page.contains("Add to timeline") && page.contains("Change the details"));
    let asks = eddie
        .browser
        .get(&format!("/workspaces/{id}?edit=leave"))
        .await;
    assert_eq!(
        asks.status,
        StatusCode::OK,
        "an editor may leave, asked first"
    );
    assert!(!page.contains("Share with your team"));
    each_answers(
        &eddie.browser,
        &[readable(id), changing(id, entry)].concat(),
        StatusCode::OK,
        "editor",
    )
    .await;
    each_answers(
        &eddie.browser,
        &owners_only(id),
        StatusCode::NOT_FOUND,
        "editor",
    )
    .await;

    // The timeline, the scan and the details change.
    let added = add_entry(
        &app,
        &eddie.browser,
        id,
        "2026-03-02",
        "09:00",
        "Referral passed on",
    )
    .await;
    assert_eq!(entries_in(&app, id).await, 2);
    let finding_text = "The referral travelled as a one-line task";
    saved(
        &eddie.browser,
        id,
        "?tool=scan",
        "add-finding",
        None,
        &finding("tasks", "barrier", finding_text, &[entry, added], "", &[]),
        "?tool=scan#finding-list",
    )
    .await;
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM workspace_findings WHERE workspace_id = $1",
            id
        )
        .await,
        1
    );
    assert!(owner
        .browser
        .get(&format!("/workspaces/{id}?tool=scan"))
        .await
        .body
        .contains(finding_text));
    let details = eddie
        .browser
        .get(&format!("/workspaces/{id}?edit=details"))
        .await
        .body;
    assert!(!details.contains("Delete this investigation"), "{details}");
    assert!(owner
        .browser
        .get(&format!("/workspaces/{id}?edit=details"))
        .await
        .body
        .contains("Delete this investigation"));
    let renamed = change(
        &eddie.browser,
        id,
        version(&app, id).await,
        &[
            ("action", "details"),
            ("title", "Missed sepsis screen, March"),
            ("response", "psii"),
        ],
    )
    .await;
    assert_eq!(renamed.status, StatusCode::SEE_OTHER, "{}", renamed.body);
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM workspaces WHERE id = $1 AND title = 'Missed sepsis screen, March'",
            id
        )
        .await,
        1
    );

    // Not deleting it, nor sharing it: refused on the workspace's page.
    let now = version(&app, id).await;
    let delete = change(
        &eddie.browser,
        id,
        now,
        &[("action", "delete"), ("confirm", "yes")],
    )
    .await;
    assert_eq!(delete.status, StatusCode::FORBIDDEN, "{}", delete.body);
    assert!(delete.body.contains(OWNER_DELETES));
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM workspaces WHERE id = $1", id).await,
        1
    );
    for fields in [
        to_share(&rita.handle, "reader"),
        to_share(&eddie.handle, "reader"),
        to_unshare(&eddie.handle),
    ] {
        let page = sharing(&eddie.browser, id, &fields).await;
        assert_eq!(page.status, StatusCode::FORBIDDEN, "{fields:?}");
        assert!(page.body.contains(OWNER_SHARES), "{fields:?}");
        assert!(
            page.body.contains(&panel("an editor")),
            "the workspace's page"
        );
        assert!(!page.body.contains(">Share with your team</h1>"));
    }
    assert_eq!(role_of(&app, id, eddie).await.as_deref(), Some("editor"));
    assert_eq!(role_of(&app, id, rita).await, None);
    assert_eq!(version(&app, id).await, now);

    // A change from a page opened before the owner stopped sharing it
    // finds nothing, and writes nothing.
    let shown = version(&app, id).await;
    assert_eq!(
        unshare(&owner, id, eddie).await.status,
        StatusCode::SEE_OTHER
    );
    for fields in changes("Typed after the share ended") {
        let page = change(&eddie.browser, id, shown, &fields).await;
        assert_eq!(page.status, StatusCode::NOT_FOUND, "{fields:?}");
    }
    assert_eq!(version(&app, id).await, shown);
    assert_eq!(entries_in(&app, id).await, 2);
    each_answers(
        &eddie.browser,
        &[readable(id), changing(id, entry)].concat(),
        StatusCode::NOT_FOUND,
        "no longer shared",
    )
    .await;
}

async fn strangers_and_administrators_find_nothing(backend: Backend) {
    let app = spawn_app(backend).await;
    let Team {
        owner,
        members,
        id,
        entry,
    } = team(&app, &["Rita Reader", "Connie Connected"]).await;
    let (rita, connie) = (&members[0], &members[1]);
    shared(&owner, id, rita, "reader").await;
    let stranger = someone(&app, "Sam Stranger").await;
    let admin_user = create_user(&app, "admin@example.org", Role::Admin).await;
    let admin = signed_in(&app, &admin_user).await;
    let others = [
        ("a stranger", &stranger.browser),
        ("a connection it is not shared with", &connie.browser),
        ("an administrator", &admin),
    ];
    let every_page = [readable(id), changing(id, entry), owners_only(id)].concat();
    let before = (version(&app, id).await, entries_in(&app, id).await);
    for (who, browser) in others {
        each_answers(browser, &every_page, StatusCode::NOT_FOUND, who).await;
        assert!(
            !browser.get("/workspaces").await.body.contains(TITLE),
            "{who}"
        );
        for fields in changes("Written by someone else") {
            let page = change(browser, id, before.0, &fields).await;
            assert_eq!(page.status, StatusCode::NOT_FOUND, "{who}: {fields:?}");
        }
        for fields in [
            to_share(&rita.handle, "editor"),
            to_share(&connie.handle, "editor"),
            to_unshare(&rita.handle),
            vec![("action", "leave")],
        ] {
            let page = sharing(browser, id, &fields).await;
            assert_eq!(page.status, StatusCode::NOT_FOUND, "{who}: {fields:?}");
        }
        let copied = copy_of(browser, id).await;
        assert_eq!(copied.status, StatusCode::NOT_FOUND, "{who}");
    }
    assert_eq!(
        (version(&app, id).await, entries_in(&app, id).await),
        before
    );
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM workspaces WHERE id <> $1", id).await,
        0,
        "no copies"
    );
    assert_eq!(shares_of(&app, id).await, 1);
    assert_eq!(role_of(&app, id, rita).await.as_deref(), Some("reader"));

    // Signed out, the pages ask to sign in; a share without the form's
    // token is refused.
    let anonymous = Browser::new(&app);
    let asked = anonymous.get(&format!("/workspaces/{id}")).await;
    assert_eq!(asked.status, StatusCode::SEE_OTHER);
    assert!(asked.location.unwrap().starts_with("/sign-in?next="));
    let no_token = owner
        .browser
        .post_raw(
            &format!("/workspaces/{id}"),
            &to_share(&connie.handle, "editor"),
        )
        .await;
    assert_eq!(no_token.status, StatusCode::FORBIDDEN);
    assert_eq!(role_of(&app, id, connie).await, None);
}

async fn bad_shares_are_refused_and_a_team_has_at_most_twenty(backend: Backend) {
    let app = spawn_app(backend).await;
    let names: Vec<String> = (1..=MAX_SHARES + 1)
        .map(|n| format!("Member {}", (b'A' + n as u8) as char))
        .collect();
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    let Team {
        owner, members, id, ..
    } = team(&app, &names).await;
    let stranger = someone(&app, "Sam Stranger").await;
    // Asked to connect, not yet accepted: not a connection either.
    let pending = someone(&app, "Pat Pending").await;
    let asked = owner
        .browser
        .post(
            &format!("{}/connect", pending.path()),
            &[("kind", "connect")],
        )
        .await;
    assert_eq!(asked.status, StatusCode::SEE_OTHER, "{}", asked.body);
    let first = &members[0];

    // Who and what, each refused with its message; nothing written.
    let cases: [(&str, &str, &[&str]); 8] = [
        (&stranger.handle, "editor", &[NOT_CONNECTED]),
        (&pending.handle, "reader", &[NOT_CONNECTED]),
        (&owner.handle, "editor", &[NOT_CONNECTED]),
        ("nobody-zzzzz", "reader", &[NOT_CONNECTED]),
        ("", "editor", &["Choose who to share it with"]),
        (&first.handle, "owner", &[NO_ROLE]),
        (&first.handle, "", &[NO_ROLE]),
        ("", "", &["Choose who to share it with", NO_ROLE]),
    ];
    for (handle, role, messages) in cases {
        let page = sharing(&owner.browser, id, &to_share(handle, role)).await;
        assert_eq!(
            page.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{handle} as {role}"
        );
        for message in messages {
            assert!(page.body.contains(message), "{handle} as {role}: {message}");
        }
        assert!(page.body.contains(">Share with your team</h1>"));
    }
    let unknown = sharing(
        &owner.browser,
        id,
        &[("action", "publish"), ("member", &first.handle)],
    )
    .await;
    assert_eq!(unknown.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(unknown.body.contains("Use one of the page's buttons"));
    assert_eq!(shares_of(&app, id).await, 0);

    // Eight shares with one member at once: one row, no failure.
    let mut posts = tokio::task::JoinSet::new();
    spawn_shares(&mut posts, &owner, id, first, 8);
    let statuses: Vec<StatusCode> = posts
        .join_all()
        .await
        .into_iter()
        .map(|(_, status)| status)
        .collect();
    assert!(
        statuses.iter().all(|status| matches!(
            *status,
            StatusCode::SEE_OTHER | StatusCode::SERVICE_UNAVAILABLE
        )),
        "{statuses:?}"
    );
    assert!(statuses.contains(&StatusCode::SEE_OTHER), "{statuses:?}");
    assert_eq!(shares_of(&app, id).await, 1);
    assert!(role_of(&app, id, first).await.is_some());

    // Twenty is the most: the page says so, the next is refused, a role
    // still changes.
    for other in &members[1..MAX_SHARES] {
        assert_eq!(
            share(&owner, id, other, "reader").await.status,
            StatusCode::SEE_OTHER
        );
    }
    assert_eq!(shares_of(&app, id).await, MAX_SHARES as i64);
    let full = format!(
        "It is shared with {MAX_SHARES} members, the most it can be: stop sharing it with someone first"
    );
    let page = owner
        .browser
        .get(&format!("/workspaces/{id}?edit=sharing"))
        .await;
    assert!(page
        .body
        .contains(&format!(">Shared with {MAX_SHARES} members</h2>")));
    assert!(page.body.contains(&full), "{}", page.body);
    assert!(offered(&page.body).is_empty(), "no form to add one more");
    let last = &members[MAX_SHARES];
    let refused = share(&owner, id, last, "reader").await;
    assert_eq!(refused.status, StatusCode::CONFLICT, "{}", refused.body);
    assert!(refused.body.contains(&full));
    assert!(
        refused.body.contains("id=\"member-error\""),
        "beside where the form was"
    );
    assert_eq!(role_of(&app, id, last).await, None);
    assert_eq!(shares_of(&app, id).await, MAX_SHARES as i64);
    shared(&owner, id, first, "reader").await;
    shared(&owner, id, first, "editor").await;
    assert_eq!(role_of(&app, id, first).await.as_deref(), Some("editor"));
    // One stopped, the next one fits.
    assert_eq!(
        unshare(&owner, id, first).await.status,
        StatusCode::SEE_OTHER
    );
    shared(&owner, id, last, "reader").await;
    assert_eq!(shares_of(&app, id).await, MAX_SHARES as i64);
}

async fn a_share_ends_with_the_connection_or_the_account(backend: Backend) {
    let app = spawn_app(backend).await;
    let Team {
        owner, members, id, ..
    } = team(
        &app,
        &[
            "Remy Removed",
            "Rory Remover",
            "Bea Blocked",
            "Ben Blocker",
            "Dee Deleted",
            "Kit Kept",
            "Lee Leaver",
        ],
    )
    .await;
    let [removed, remover, blocked, blocker, deleted, kept, leaver] = &members[..] else {
        unreachable!("seven members")
    };
    for (who, role) in members.iter().zip(["editor", "reader"].iter().cycle()) {
        shared(&owner, id, who, role).await;
    }
    assert_eq!(shares_of(&app, id).await, 7);
    assert_eq!(role_of(&app, id, leaver).await.as_deref(), Some("editor"));

    // An editor leaves it, from the panel on its pages.
    let left = leave(leaver, id).await;
    assert_eq!(left.status, StatusCode::SEE_OTHER, "{}", left.body);
    assert_eq!(left.location.as_deref(), Some("/workspaces"));
    assert_eq!(role_of(&app, id, leaver).await, None);
    each_answers(
        &leaver.browser,
        &readable(id),
        StatusCode::NOT_FOUND,
        "left",
    )
    .await;

    // The owner ends a connection; a member ends one; each member blocks,
    // or is blocked: each while the owner shares it with them again, at
    // once. Whichever comes first, no share outlives the connection.
    let ended = [
        (
            &owner.browser,
            removed,
            format!("{}/remove", removed.path()),
        ),
        (
            &remover.browser,
            remover,
            format!("{}/remove", owner.path()),
        ),
        (&owner.browser, blocked, format!("{}/block", blocked.path())),
        (&blocker.browser, blocker, format!("{}/block", owner.path())),
    ];
    for (browser, who, path) in ended {
        let (ending, shares) = end_while_sharing(browser, &path, &owner, id, who).await;
        assert_eq!(ending, StatusCode::SEE_OTHER, "{path}");
        assert!(
            shares.iter().all(|status| matches!(
                *status,
                StatusCode::SEE_OTHER
                    | StatusCode::CONFLICT
                    | StatusCode::UNPROCESSABLE_ENTITY
                    | StatusCode::SERVICE_UNAVAILABLE
            )),
            "{path}: {shares:?}"
        );
        assert_eq!(role_of(&app, id, who).await, None, "{path}");
        each_answers(&who.browser, &readable(id), StatusCode::NOT_FOUND, &path).await;
        assert!(!who.browser.get("/workspaces").await.body.contains(TITLE));
    }
    // Connecting again does not bring the share back.
    connect(&owner, removed).await;
    assert_eq!(role_of(&app, id, removed).await, None);
    assert_eq!(
        removed
            .browser
            .get(&format!("/workspaces/{id}"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );

    // A deleted account takes its share with it.
    let gone = deleted
        .browser
        .post("/account/delete", &[("password", PASSWORD)])
        .await;
    assert_eq!(gone.location.as_deref(), Some("/account-deleted"));
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM workspace_members WHERE member_id = $1",
            deleted.user.id
        )
        .await,
        0
    );
    assert_eq!(shares_of(&app, id).await, 1, "Kit's only");
    let page = owner
        .browser
        .get(&format!("/workspaces/{id}?edit=sharing"))
        .await
        .body;
    assert!(page.contains(">Shared with 1 member</h2>"), "{page}");
    share_row(&page, &kept.handle);
    assert_eq!(
        offered(&page),
        offer(&[removed, leaver]),
        "connected (again), so offered; the blocked, blockers and removers are not"
    );

    // And the owner's deleted account takes the investigation and its shares.
    let gone = owner
        .browser
        .post("/account/delete", &[("password", PASSWORD)])
        .await;
    assert_eq!(gone.location.as_deref(), Some("/account-deleted"));
    let all: i64 = app::with_pool!(&app.db, pool => sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM workspace_members").fetch_one(pool).await.unwrap());
    assert_eq!(all, 0);
    assert_eq!(
        kept.browser.get(&format!("/workspaces/{id}")).await.status,
        StatusCode::NOT_FOUND
    );
}

/// A refusal of the sharing page's buttons is shown where its form would
/// be, even when there is no form (every connection already shared with):
/// the error summary's link has somewhere to go.
async fn refusals_without_the_form_are_shown_in_its_place(backend: Backend) {
    let app = spawn_app(backend).await;
    let Team {
        owner, members, id, ..
    } = team(&app, &["Pat Partner"]).await;
    let pat = &members[0];
    shared(&owner, id, pat, "reader").await;
    // The only connection is shared with, so the page has no form; its
    // forms post to the workspace's own address.
    let page = owner
        .browser
        .get(&format!("/workspaces/{id}?edit=sharing"))
        .await;
    assert!(!page.body.contains("<select"));
    assert!(page.body.contains("id=\"member\""));
    assert!(page.body.contains(&format!("action=\"/workspaces/{id}\"")));
    assert!(!page.body.contains("/sharing\""));
    // The owner's leave: refused there.
    let page = sharing(
        &owner.browser,
        id,
        &[("action", "leave"), ("confirm", "yes")],
    )
    .await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    assert!(!page.body.contains("<select"));
    assert!(page.body.contains("href=\"#member\""));
    assert!(page.body.contains("id=\"member-error\""));
    assert!(page.body.contains("This is your own investigation"));
    // Stopping a share with someone it is not shared with: the same.
    let zed = someone(&app, "Zed Elsewhere").await;
    let page = sharing(&owner.browser, id, &to_unshare(&zed.handle)).await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(!page.body.contains("<select"));
    assert!(page.body.contains("id=\"member-error\""));
    // A member's refusal is beside the panel saying what they can do.
    let page = sharing(&pat.browser, id, &to_share(&owner.handle, "editor")).await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    assert!(page.body.contains("href=\"#sharing\""));
    assert!(page.body.contains("id=\"sharing-error\""));
    app.shutdown().await;
}

/// A browser's timeline replaces only its member's own investigation:
/// an editor's browser still tied to the owner's copy (after a sign-out
/// on a shared computer) gets "not found", and nothing changes.
async fn an_editors_browser_cannot_replace_the_owners_timeline(backend: Backend) {
    let app = spawn_app(backend).await;
    let Team {
        owner, members, id, ..
    } = team(&app, &["Eddie Tor"]).await;
    shared(&owner, id, &members[0], "editor").await;
    let current = version(&app, id).await;
    let file = crate::workspace_local::timeline_file("Taken over", &["Not the owner's"]);
    let refused =
        crate::workspace_local::save(&members[0].browser, &file, Some((id, current))).await;
    assert_eq!(refused.status, StatusCode::NOT_FOUND, "{}", refused.body);
    assert_eq!(version(&app, id).await, current);
    assert_eq!(entries_in(&app, id).await, 1);
    // The owner's own browser may.
    let sent = crate::workspace_local::save(&owner.browser, &file, Some((id, current))).await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);
    assert_eq!(version(&app, id).await, current + 1);
    app.shutdown().await;
}

crate::both_backends!(
    an_editors_browser_cannot_replace_the_owners_timeline,
    refusals_without_the_form_are_shown_in_its_place,
    a_reader_reads_and_copies_it_but_changes_nothing,
    a_share_ends_with_the_connection_or_the_account,
    an_editor_changes_it_but_only_the_owner_deletes_or_shares_it,
    an_owner_shares_with_a_team_and_changes_their_roles,
    bad_shares_are_refused_and_a_team_has_at_most_twenty,
    strangers_and_administrators_find_nothing,
);
