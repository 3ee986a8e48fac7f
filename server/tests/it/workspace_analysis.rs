//! A workspace's analysis through real HTTP on both backends: from the
//! timeline to SEIPS findings citing its entries, contributory factors
//! drawn from the findings and safety actions addressing the factors, with
//! the scan's counts, interactions and diagram, the strengths the
//! hierarchy of intervention effectiveness suggests (or overridden with a
//! reason) and the plan's warnings in words; changing and deleting each
//! part (asking first, saying what loses its link); every refusal (each
//! bad field, another member's workspace or items, an item of another
//! workspace, an older page, no CSRF token, hostile text); posts at once
//! and the limits; and the example read by anyone, copied with its links,
//! in "your data" and gone with the account.

use std::collections::BTreeSet;

use crate::learning::count;
use crate::support::accounts::*;
use crate::support::{spawn_app, Backend, TestApp};
use crate::workspaces::{entry, start};
use app::accounts::Role;
use reqwest::StatusCode;

/// A form's fields, as a browser sends them (a name may repeat).
pub(crate) type Fields = Vec<(&'static str, String)>;

fn refs(fields: &Fields) -> Vec<(&str, &str)> {
    fields
        .iter()
        .map(|(name, value)| (*name, value.as_str()))
        .collect()
}

/// `fields` with `name` sent as `values` instead (none: not sent at all).
fn with(fields: &Fields, name: &'static str, values: &[&str]) -> Fields {
    let mut changed: Fields = fields
        .iter()
        .filter(|(other, _)| *other != name)
        .cloned()
        .collect();
    changed.extend(values.iter().map(|value| (name, value.to_string())));
    changed
}

fn id_values(ids: &[i64]) -> Vec<String> {
    ids.iter().map(i64::to_string).collect()
}

/// The finding form's fields.
pub(crate) fn finding(
    element: &str,
    kind: &str,
    text: &str,
    evidence: &[i64],
    other_evidence: &str,
    interacts_with: &[&str],
) -> Fields {
    let mut fields: Fields = vec![
        ("element", element.into()),
        ("kind", kind.into()),
        ("text", text.into()),
        ("other_evidence", other_evidence.into()),
    ];
    fields.extend(id_values(evidence).into_iter().map(|id| ("evidence", id)));
    fields.extend(
        interacts_with
            .iter()
            .map(|element| ("interacts_with", element.to_string())),
    );
    fields
}

/// The contributory factor form's fields.
fn factor(text: &str, findings: &[i64], elements: &[&str]) -> Fields {
    let mut fields: Fields = vec![("text", text.into())];
    fields.extend(id_values(findings).into_iter().map(|id| ("findings", id)));
    fields.extend(
        elements
            .iter()
            .map(|element| ("elements", element.to_string())),
    );
    fields
}

/// A safety action's form, as a member fills it in.
struct Action<'a> {
    description: &'a str,
    intervention: &'a str,
    strength: &'a str,
    reason: &'a str,
    factors: &'a [i64],
    owner: &'a str,
    due: &'a str,
    measure: &'a str,
    status: &'a str,
}

impl Action<'_> {
    fn fields(&self) -> Fields {
        let mut fields: Fields = vec![
            ("description", self.description.into()),
            ("intervention", self.intervention.into()),
            ("strength", self.strength.into()),
            ("strength_reason", self.reason.into()),
            ("owner", self.owner.into()),
            ("due", self.due.into()),
            ("measure", self.measure.into()),
            ("status", self.status.into()),
        ];
        fields.extend(
            id_values(self.factors)
                .into_iter()
                .map(|id| ("factors", id)),
        );
        fields
    }
}

/// Adds a timeline entry from the workspace's page as it is now; its id.
pub(crate) async fn add_entry(
    app: &TestApp,
    browser: &Browser,
    id: i64,
    date: &str,
    time: &str,
    what: &str,
) -> i64 {
    let page = browser.get(&format!("/workspaces/{id}")).await;
    let version = hidden_value(&page.body, "version").expect("the add form carries the version");
    let mut fields = vec![("action", "add"), ("version", version.as_str())];
    fields.extend(entry(date, time, what));
    let added = browser.post(&format!("/workspaces/{id}"), &fields).await;
    assert_eq!(added.status, StatusCode::SEE_OTHER, "{}", added.body);
    app::with_pool!(&app.db, pool => sqlx::query_scalar(
        "SELECT id FROM workspace_entries WHERE workspace_id = $1 AND what = $2",
    )
    .bind(id)
    .bind(what)
    .fetch_one(pool)
    .await
    .unwrap())
}

/// Posts a form with this version (as a page showed it) and item.
async fn post_at(
    browser: &Browser,
    id: i64,
    action: &str,
    version: &str,
    item: Option<i64>,
    fields: &Fields,
) -> Page {
    let item = item.map(|item| item.to_string()).unwrap_or_default();
    let mut all: Vec<(&str, &str)> = vec![("action", action), ("version", version)];
    if !item.is_empty() {
        all.push(("item", item.as_str()));
    }
    all.extend(refs(fields));
    browser.post(&format!("/workspaces/{id}"), &all).await
}

/// Opens the workspace's page at `query` (`?tool=scan`, `?finding=3`…) and
/// sends its form as `action`, with the version the page shows.
async fn send(
    browser: &Browser,
    id: i64,
    query: &str,
    action: &str,
    item: Option<i64>,
    fields: &Fields,
) -> Page {
    let page = browser.get(&format!("/workspaces/{id}{query}")).await;
    assert_eq!(page.status, StatusCode::OK, "{query}: {}", page.body);
    let version = hidden_value(&page.body, "version").expect("the form carries the version");
    if let Some(item) = item {
        if !query.starts_with("?tool") {
            assert_eq!(
                hidden_value(&page.body, "item"),
                Some(item.to_string()),
                "the page's form names the item"
            );
        }
    }
    post_at(browser, id, action, &version, item, fields).await
}

/// Sends and expects it saved, going back to `to` (within the workspace).
pub(crate) async fn saved(
    browser: &Browser,
    id: i64,
    query: &str,
    action: &str,
    item: Option<i64>,
    fields: &Fields,
    to: &str,
) {
    let page = send(browser, id, query, action, item, fields).await;
    assert_eq!(
        page.status,
        StatusCode::SEE_OTHER,
        "{action}: {}",
        page.body
    );
    assert_eq!(
        page.location.as_deref(),
        Some(format!("/workspaces/{id}{to}").as_str()),
        "{action}"
    );
}

/// Deletes a part from its delete page, confirming.
async fn remove(browser: &Browser, id: i64, part: &str, item: i64) -> Page {
    let confirm: Fields = vec![("confirm", "yes".into())];
    send(
        browser,
        id,
        &format!("?{part}={item}&delete=yes"),
        &format!("remove-{part}"),
        Some(item),
        &confirm,
    )
    .await
}

async fn version(app: &TestApp, workspace: i64) -> i64 {
    count(
        app,
        "SELECT version FROM workspaces WHERE id = $1",
        workspace,
    )
    .await
}

async fn text_of(app: &TestApp, sql: &str, id: i64) -> String {
    app::with_pool!(&app.db, pool => sqlx::query_scalar::<_, String>(sql).bind(id).fetch_one(pool).await.unwrap())
}

async fn maybe_text(app: &TestApp, sql: &str, id: i64) -> Option<String> {
    app::with_pool!(&app.db, pool => sqlx::query_scalar::<_, Option<String>>(sql).bind(id).fetch_one(pool).await.unwrap())
}

async fn ids_of(app: &TestApp, sql: &str, id: i64) -> Vec<i64> {
    app::with_pool!(&app.db, pool => sqlx::query_scalar::<_, i64>(sql).bind(id).fetch_all(pool).await.unwrap())
}

/// Pairs of texts a link table joins, as a set.
async fn text_pairs(app: &TestApp, sql: &str, id: i64) -> BTreeSet<(String, String)> {
    let rows: Vec<(String, String)> = app::with_pool!(&app.db, pool => sqlx::query_as(sql).bind(id).fetch_all(pool).await.unwrap());
    rows.into_iter().collect()
}

/// How many rows a whole table holds.
async fn total(app: &TestApp, table: &str) -> i64 {
    let sql = format!("SELECT COUNT(*) FROM {table}");
    app::with_pool!(&app.db, pool => sqlx::query_scalar::<_, i64>(&sql).fetch_one(pool).await.unwrap())
}

/// The id of a part of a workspace by its text column.
async fn part_id(app: &TestApp, table: &str, column: &str, workspace: i64, text: &str) -> i64 {
    let sql = format!("SELECT id FROM {table} WHERE workspace_id = $1 AND {column} = $2");
    app::with_pool!(&app.db, pool => sqlx::query_scalar(&sql)
        .bind(workspace)
        .bind(text)
        .fetch_one(pool)
        .await
        .unwrap_or_else(|error| panic!("{table} “{text}”: {error}")))
}

async fn finding_id(app: &TestApp, workspace: i64, text: &str) -> i64 {
    part_id(app, "workspace_findings", "text", workspace, text).await
}

async fn factor_id(app: &TestApp, workspace: i64, text: &str) -> i64 {
    part_id(app, "workspace_factors", "text", workspace, text).await
}

async fn action_id(app: &TestApp, workspace: i64, description: &str) -> i64 {
    part_id(
        app,
        "workspace_actions",
        "description",
        workspace,
        description,
    )
    .await
}

/// How many findings, factors and actions a workspace holds.
async fn parts_in(app: &TestApp, workspace: i64) -> (i64, i64, i64) {
    let of = |table: &'static str| format!("SELECT COUNT(*) FROM {table} WHERE workspace_id = $1");
    (
        count(app, &of("workspace_findings"), workspace).await,
        count(app, &of("workspace_factors"), workspace).await,
        count(app, &of("workspace_actions"), workspace).await,
    )
}

async fn evidence_of(app: &TestApp, finding: i64) -> Vec<i64> {
    ids_of(
        app,
        "SELECT entry_id FROM workspace_finding_evidence WHERE finding_id = $1 ORDER BY entry_id",
        finding,
    )
    .await
}

async fn findings_of(app: &TestApp, factor: i64) -> Vec<i64> {
    ids_of(
        app,
        "SELECT finding_id FROM workspace_factor_findings WHERE factor_id = $1 ORDER BY finding_id",
        factor,
    )
    .await
}

async fn factors_of(app: &TestApp, action: i64) -> Vec<i64> {
    ids_of(
        app,
        "SELECT factor_id FROM workspace_action_factors WHERE action_id = $1 ORDER BY factor_id",
        action,
    )
    .await
}

fn sorted(mut ids: Vec<i64>) -> Vec<i64> {
    ids.sort_unstable();
    ids
}

/// The text of some HTML: tags dropped, spaces run together.
pub(crate) fn text(html: &str) -> String {
    regex_lite::Regex::new(r"<[^>]*>")
        .unwrap()
        .replace_all(html, " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The text of the table row whose id is `id` (`finding-3`).
fn row(body: &str, id: &str) -> String {
    let at = body
        .find(&format!("id=\"{id}\""))
        .unwrap_or_else(|| panic!("a row {id} on the page: {body}"));
    let start = body[..at].rfind("<tr").expect("the row starts");
    let end = at + body[at..].find("</tr>").expect("the row ends");
    text(&body[start..end])
}

/// The text of the table with this caption, from the caption on.
pub(crate) fn table(body: &str, caption: &str) -> String {
    let at = body
        .find(caption)
        .unwrap_or_else(|| panic!("a table “{caption}” on the page: {body}"));
    let end = at + body[at..].find("</table>").expect("the table ends");
    text(&body[at..end])
}

/// The values of the checked boxes (or radio buttons) called `name`.
fn checked(body: &str, name: &str) -> Vec<String> {
    let inputs = regex_lite::Regex::new(r"<input[^>]*>").unwrap();
    let ticked = regex_lite::Regex::new(r#"\schecked(\s|=|/|>)"#).unwrap();
    let value = regex_lite::Regex::new(r#"\svalue="([^"]*)""#).unwrap();
    inputs
        .find_iter(body)
        .map(|input| input.as_str())
        .filter(|input| input.contains(&format!("name=\"{name}\"")) && ticked.is_match(input))
        .filter_map(|input| value.captures(input).map(|found| found[1].to_string()))
        .collect()
}

/// Text as a page shows it (`&`, `<` and `>` as entities).
fn escaped(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The scan diagram's description, for so many findings.
fn diagram_label(findings: &str) -> String {
    format!("aria-label=\"Diagram of the six work-system elements with {findings} and the interactions between elements, as the tables below list them.\"")
}

/// Posts sent at once from one page: one is saved, the rest are told the
/// investigation changed (or, on a busy SQLite, to try again).
fn exactly_one_saved(statuses: &[StatusCode]) {
    let saved = statuses
        .iter()
        .filter(|status| **status == StatusCode::SEE_OTHER);
    assert_eq!(saved.count(), 1, "{statuses:?}");
    assert!(
        statuses.iter().all(|status| matches!(
            *status,
            StatusCode::SEE_OTHER | StatusCode::CONFLICT | StatusCode::SERVICE_UNAVAILABLE
        )),
        "{statuses:?}"
    );
}

const STALE: &str = "This investigation has changed since this page was opened (in another tab, perhaps): nothing was saved.";
/// The start of the message to an addition from an older page, which then
/// names what was not added ("so this finding was not added").
const STALE_ADD: &str = "This investigation has changed since this page was opened, so this ";

async fn a_member_builds_from_timeline_to_actions(backend: Backend) {
    let app = spawn_app(backend).await;
    let user = create_user(&app, "analyst@example.org", Role::Member).await;
    let browser = signed_in(&app, &user).await;
    let id = start(&browser, "Delayed referral").await;
    let decided = add_entry(
        &app,
        &browser,
        id,
        "2026-03-02",
        "08:00",
        "GP decides on an urgent referral",
    )
    .await;
    let passed = add_entry(
        &app,
        &browser,
        id,
        "2026-03-02",
        "09:00",
        "Referral passed on as a task",
    )
    .await;
    let closed = add_entry(
        &app,
        &browser,
        id,
        "2026-03-02",
        "16:00",
        "Task closed, letter unsent",
    )
    .await;

    // An empty scan, with the timeline's entries to cite.
    let scan = browser.get(&format!("/workspaces/{id}?tool=scan")).await;
    assert_eq!(scan.status, StatusCode::OK, "{}", scan.body);
    assert!(scan.body.contains("SEIPS work-system scan"));
    assert!(scan.body.contains("No findings yet."));
    assert!(
        scan.body.contains(&diagram_label("0 findings")),
        "{}",
        scan.body
    );
    assert!(scan
        .body
        .contains("No finding shows two elements interacting yet."));
    assert!(scan.body.contains("value=\"add-finding\""));
    assert!(
        scan.body.contains("Referral passed on as a task"),
        "entries to cite"
    );

    // Findings citing the timeline: one with its own element ticked among
    // those it interacts with (dropped), one with other evidence too, one
    // resting on other evidence only.
    let handed_off = "The referral travelled as a one-line task in a shared list";
    let no_access = "The locum GP had no access to the referral template";
    let told = "The patient knew to expect a call within two weeks";
    saved(
        &browser,
        id,
        "?tool=scan",
        "add-finding",
        None,
        &finding(
            "tasks",
            "barrier",
            handed_off,
            &[closed, passed],
            "",
            &["tools-and-technology", "tasks", "people"],
        ),
        "?tool=scan#finding-list",
    )
    .await;
    let scan = browser.get(&format!("/workspaces/{id}?tool=scan")).await;
    assert!(scan.body.contains("Finding added"), "the notice");
    saved(
        &browser,
        id,
        "?tool=scan",
        "add-finding",
        None,
        &finding(
            "people",
            "barrier",
            no_access,
            &[decided],
            "Interview with the locum GP",
            &["tasks"],
        ),
        "?tool=scan#finding-list",
    )
    .await;
    saved(
        &browser,
        id,
        "?tool=scan",
        "add-finding",
        None,
        &finding(
            "organisation",
            "facilitator",
            told,
            &[],
            "Practice leaflet on referrals",
            &[],
        ),
        "?tool=scan#finding-list",
    )
    .await;
    let a = finding_id(&app, id, handed_off).await;
    let b = finding_id(&app, id, no_access).await;
    let c = finding_id(&app, id, told).await;
    assert_eq!(evidence_of(&app, a).await, sorted(vec![passed, closed]));
    assert_eq!(evidence_of(&app, b).await, vec![decided]);
    assert_eq!(evidence_of(&app, c).await, Vec::<i64>::new());
    assert_eq!(
        count(
            &app,
            "SELECT interacts_with FROM workspace_findings WHERE id = $1",
            a
        )
        .await,
        1 | 4,
        "people and tools, not its own element"
    );
    assert_eq!(
        text_of(&app, "SELECT kind FROM workspace_findings WHERE id = $1", c).await,
        "facilitator"
    );
    assert_eq!(
        text_of(
            &app,
            "SELECT other_evidence FROM workspace_findings WHERE id = $1",
            b
        )
        .await,
        "Interview with the locum GP"
    );

    // The scan: numbered by element (people first), counted, interacting.
    let scan = browser.get(&format!("/workspaces/{id}?tool=scan")).await;
    assert!(
        scan.body.contains(&diagram_label("3 findings")),
        "{}",
        scan.body
    );
    assert!(
        scan.body.contains("1 barrier · 0 facilitators"),
        "the diagram's people"
    );
    assert!(
        scan.body.contains("0 barriers · 1 facilitator"),
        "the diagram's organisation"
    );
    assert_eq!(
        scan.body.matches("class=\"hub-scan-link\"").count(),
        2,
        "a line per interaction"
    );
    assert_eq!(
        table(&scan.body, "Findings by work-system element"),
        "Findings by work-system element Element Barriers Facilitators People 1 0 Tasks 1 0 \
         Tools and technology 0 0 Organisation 0 1 Internal environment 0 0 External environment 0 0"
    );
    assert_eq!(
        table(&scan.body, "Interactions between elements"),
        "Interactions between elements Between Findings People and Tasks 1, 2 \
         Tasks and Tools and technology 2"
    );
    assert_eq!(
        row(&scan.body, &format!("finding-{b}")),
        format!("1 People Barrier {no_access} Entry 1; Interview with the locum GP Tasks Change finding 1")
    );
    assert_eq!(
        row(&scan.body, &format!("finding-{a}")),
        format!("2 Tasks Barrier {handed_off} Entries 2, 3 People, Tools and technology Change finding 2")
    );
    assert_eq!(
        row(&scan.body, &format!("finding-{c}")),
        format!(
            "3 Organisation Facilitator {told} Practice leaflet on referrals None Change finding 3"
        )
    );

    // Factors drawn from findings take the findings' elements.
    let plan = browser.get(&format!("/workspaces/{id}?tool=plan")).await;
    assert_eq!(plan.status, StatusCode::OK, "{}", plan.body);
    assert!(plan.body.contains("No contributory factors yet:"));
    assert!(plan.body.contains("No safety actions yet."));
    let hand_offs = "Referral hand-offs by task had no one holding them";
    let no_check = "No check found urgent referrals left unsent";
    saved(
        &browser,
        id,
        "?tool=plan",
        "add-factor",
        None,
        &factor(hand_offs, &[a, b], &[]),
        "?tool=plan#factor-list",
    )
    .await;
    let plan = browser.get(&format!("/workspaces/{id}?tool=plan")).await;
    assert!(
        plan.body.contains("Contributory factor added"),
        "the notice"
    );
    saved(
        &browser,
        id,
        "?tool=plan",
        "add-factor",
        None,
        &factor(no_check, &[c, a], &["internal-environment"]),
        "?tool=plan#factor-list",
    )
    .await;
    let f1 = factor_id(&app, id, hand_offs).await;
    let f2 = factor_id(&app, id, no_check).await;
    assert_eq!(findings_of(&app, f1).await, sorted(vec![a, b]));
    assert_eq!(findings_of(&app, f2).await, sorted(vec![a, c]));
    let elements = "SELECT elements FROM workspace_factors WHERE id = $1";
    assert_eq!(count(&app, elements, f1).await, 1 | 2, "people and tasks");
    assert_eq!(
        count(&app, elements, f2).await,
        2 | 8 | 16,
        "tasks, organisation and the internal environment"
    );
    let plan = browser.get(&format!("/workspaces/{id}?tool=plan")).await;
    let first = row(&plan.body, &format!("factor-{f1}"));
    assert!(
        first.starts_with(&format!("1 {hand_offs} People, Tasks ")),
        "{first}"
    );
    assert!(first.ends_with(" None yet Change factor 1"), "{first}");
    assert_eq!(
        row(&plan.body, &format!("factor-{f2}")),
        format!(
            "2 {no_check} Tasks, Organisation, Internal environment 2, 3 None yet Change factor 2"
        )
    );
    for number_and_text in [format!("1, “{hand_offs}”,"), format!("2, “{no_check}”,")] {
        assert!(
            plan.body.contains(&format!(
                "Factor {number_and_text} has no safety action addressing it"
            )),
            "{number_and_text}: {}",
            plan.body
        );
    }

    // Actions: one stronger by the table (a leftover reason dropped), one
    // overridden with a reason, one weaker with no owner, date or measure.
    let blocked = "Block closing a referral task until its letter is sent";
    let two_on_duty = "Keep two secretaries on duty on every weekday";
    let train = "Train secretaries on the referral workflow";
    saved(
        &browser,
        id,
        "?tool=plan",
        "add-action",
        None,
        &Action {
            description: blocked,
            intervention: "forcing-function",
            strength: "",
            reason: "An old reason left in the field",
            factors: &[f1],
            owner: "Practice IT lead",
            due: "2026-06-30",
            measure: "Monthly audit of closed referral tasks",
            status: "agreed",
        }
        .fields(),
        "?tool=plan#action-list",
    )
    .await;
    let plan = browser.get(&format!("/workspaces/{id}?tool=plan")).await;
    assert!(plan.body.contains("Safety action added"), "the notice");
    let staffing_reason = "It sets staffing rather than asking people to remember";
    saved(
        &browser,
        id,
        "?tool=plan",
        "add-action",
        None,
        &Action {
            description: two_on_duty,
            intervention: "new-procedure",
            strength: "intermediate",
            reason: staffing_reason,
            factors: &[f2, f1],
            owner: "Deputy practice manager",
            due: "2026-04-30",
            measure: "Days with fewer than two secretaries on duty",
            status: "in-progress",
        }
        .fields(),
        "?tool=plan#action-list",
    )
    .await;
    saved(
        &browser,
        id,
        "?tool=plan",
        "add-action",
        None,
        &Action {
            description: train,
            intervention: "training-alone",
            strength: "",
            reason: "",
            factors: &[f2],
            owner: "",
            due: "",
            measure: "",
            status: "",
        }
        .fields(),
        "?tool=plan#action-list",
    )
    .await;
    let x1 = action_id(&app, id, blocked).await;
    let x2 = action_id(&app, id, two_on_duty).await;
    let x3 = action_id(&app, id, train).await;
    let column = |name: &str| format!("SELECT {name} FROM workspace_actions WHERE id = $1");
    assert_eq!(text_of(&app, &column("strength"), x1).await, "stronger");
    assert_eq!(text_of(&app, &column("strength_reason"), x1).await, "");
    assert_eq!(text_of(&app, &column("status"), x1).await, "agreed");
    assert_eq!(
        maybe_text(&app, &column("due"), x1).await.as_deref(),
        Some("2026-06-30")
    );
    assert_eq!(text_of(&app, &column("strength"), x2).await, "intermediate");
    assert_eq!(
        text_of(&app, &column("strength_reason"), x2).await,
        staffing_reason
    );
    assert_eq!(factors_of(&app, x2).await, sorted(vec![f1, f2]));
    assert_eq!(text_of(&app, &column("strength"), x3).await, "weaker");
    assert_eq!(text_of(&app, &column("status"), x3).await, "proposed");
    assert_eq!(text_of(&app, &column("owner"), x3).await, "");
    assert_eq!(maybe_text(&app, &column("due"), x3).await, None);

    // The plan: strengths as suggested or overridden, and the warnings.
    let plan = browser.get(&format!("/workspaces/{id}?tool=plan")).await;
    assert!(
        plan.body
            .contains("3 actions: 1 stronger, 1 intermediate, 1 weaker."),
        "{}",
        plan.body
    );
    assert_eq!(
        row(&plan.body, &format!("action-{x1}")),
        format!("1 {blocked} Forcing function Stronger (as suggested) 1 Practice IT lead 30 Jun 2026 Monthly audit of closed referral tasks Agreed Change action 1")
    );
    assert_eq!(
        row(&plan.body, &format!("action-{x2}")),
        format!("2 {two_on_duty} New procedure, memo or policy Intermediate (suggested: weaker). {staffing_reason} 1, 2 Deputy practice manager 30 Apr 2026 Days with fewer than two secretaries on duty In progress Change action 2")
    );
    assert_eq!(
        row(&plan.body, &format!("action-{x3}")),
        format!("3 {train} Training alone Weaker (as suggested) 2 Not given Not given Not given Proposed Change action 3")
    );
    assert!(row(&plan.body, &format!("factor-{f1}")).ends_with(" 1, 2 Change factor 1"));
    assert!(row(&plan.body, &format!("factor-{f2}")).ends_with(" 2, 3 Change factor 2"));
    assert!(
        plan.body.contains("Check the plan: 3 warnings"),
        "{}",
        plan.body
    );
    for warning in [
        "has no owner: name the role that will take it forward",
        "has no due date: say when it should be done by",
        "does not say how success will be measured",
    ] {
        assert!(
            plan.body
                .contains(&format!("Action 3, “{train}”, {warning}")),
            "{warning}: {}",
            plan.body
        );
    }
    assert!(!plan.body.contains("has no safety action addressing it"));
    assert!(!plan.body.contains("Every action is a weaker one"));

    // Changing a finding: its page shows it filled in.
    let page = browser.get(&format!("/workspaces/{id}?finding={c}")).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(page.body.contains("Change finding 3"));
    assert!(page.body.contains(told));
    assert_eq!(checked(&page.body, "kind"), ["facilitator"]);
    let page = browser.get(&format!("/workspaces/{id}?finding={a}")).await;
    assert_eq!(
        checked(&page.body, "evidence"),
        id_values(&sorted(vec![passed, closed]))
    );
    assert_eq!(
        checked(&page.body, "interacts_with"),
        ["people", "tools-and-technology"]
    );
    let not_told = "The patient was not told what to expect";
    saved(
        &browser,
        id,
        &format!("?finding={c}"),
        "change-finding",
        Some(c),
        &finding(
            "organisation",
            "barrier",
            not_told,
            &[decided],
            "",
            &["people"],
        ),
        "?tool=scan#finding-list",
    )
    .await;
    let scan = browser.get(&format!("/workspaces/{id}?tool=scan")).await;
    assert!(scan.body.contains("Finding saved"), "the notice");
    assert_eq!(
        text_of(&app, "SELECT text FROM workspace_findings WHERE id = $1", c).await,
        not_told
    );
    assert_eq!(evidence_of(&app, c).await, vec![decided]);
    assert!(table(&scan.body, "Findings by work-system element").contains("Organisation 1 0"));
    assert_eq!(
        table(&scan.body, "Interactions between elements"),
        "Interactions between elements Between Findings People and Tasks 1, 2 \
         People and Organisation 3 Tasks and Tools and technology 2"
    );

    // Changing a factor, and an action (first to blaming words, which the
    // plan warns about, then to a proper action).
    let page = browser.get(&format!("/workspaces/{id}?factor={f2}")).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(page.body.contains("Change factor 2"));
    assert_eq!(
        checked(&page.body, "findings"),
        id_values(&sorted(vec![a, c]))
    );
    let weekly = "No weekly check found urgent referrals left unsent";
    saved(
        &browser,
        id,
        &format!("?factor={f2}"),
        "change-factor",
        Some(f2),
        &factor(weekly, &[a, c], &["internal-environment"]),
        "?tool=plan#factor-list",
    )
    .await;
    let plan = browser.get(&format!("/workspaces/{id}?tool=plan")).await;
    assert!(
        plan.body.contains("Contributory factor saved"),
        "the notice"
    );
    assert_eq!(
        text_of(&app, "SELECT text FROM workspace_factors WHERE id = $1", f2).await,
        weekly
    );
    assert_eq!(findings_of(&app, f2).await, sorted(vec![a, c]));

    let page = browser.get(&format!("/workspaces/{id}?action={x2}")).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(page.body.contains("Change action 2"));
    assert_eq!(checked(&page.body, "strength"), ["intermediate"]);
    assert_eq!(
        checked(&page.body, "factors"),
        id_values(&sorted(vec![f1, f2]))
    );
    assert!(page.body.contains(staffing_reason));
    let blaming = "Give the secretary a written warning";
    saved(
        &browser,
        id,
        &format!("?action={x3}"),
        "change-action",
        Some(x3),
        &Action {
            description: blaming,
            intervention: "training-alone",
            strength: "",
            reason: "",
            factors: &[f2],
            owner: "Lead medical secretary",
            due: "2026-05-31",
            measure: "Induction records checked each quarter",
            status: "",
        }
        .fields(),
        "?tool=plan#action-list",
    )
    .await;
    let plan = browser.get(&format!("/workspaces/{id}?tool=plan")).await;
    assert!(plan.body.contains("Safety action saved"), "the notice");
    assert!(
        plan.body.contains(&format!(
            "Action 3, “{blaming}”, reads as blaming or disciplining a person, which is not a safety action: describe the change to the work system instead"
        )),
        "{}",
        plan.body
    );
    assert!(
        plan.body.contains("Check the plan: 1 warning"),
        "{}",
        plan.body
    );
    let induction = "Add the referral workflow to induction for secretaries";
    saved(
        &browser,
        id,
        &format!("?action={x3}"),
        "change-action",
        Some(x3),
        &Action {
            description: induction,
            intervention: "training-alone",
            strength: "",
            reason: "",
            factors: &[f2],
            owner: "Lead medical secretary",
            due: "2026-05-31",
            measure: "Induction records checked each quarter",
            status: "in-progress",
        }
        .fields(),
        "?tool=plan#action-list",
    )
    .await;
    assert_eq!(text_of(&app, &column("description"), x3).await, induction);
    assert_eq!(text_of(&app, &column("status"), x3).await, "in-progress");
    let plan = browser.get(&format!("/workspaces/{id}?tool=plan")).await;
    assert!(
        plan.body.contains(
            "No warnings: every factor has an action, and every action an owner, a due date and a measure."
        ),
        "{}",
        plan.body
    );

    // The delete pages ask first and say what loses its link.
    let ask = |query: String| {
        let browser = browser.clone();
        async move {
            let page = browser.get(&format!("/workspaces/{id}{query}")).await;
            assert_eq!(page.status, StatusCode::OK, "{query}: {}", page.body);
            assert!(page.body.contains("This cannot be undone."), "{query}");
            page.body
        }
    };
    let body = ask(format!("?finding={a}&delete=yes")).await;
    assert!(body.contains("Delete finding 2?"));
    assert!(
        body.contains("Factors 1, 2 are drawn from it and will lose that link."),
        "{body}"
    );
    let body = ask(format!("?finding={b}&delete=yes")).await;
    assert!(
        body.contains("Factor 1 is drawn from it and will lose that link."),
        "{body}"
    );
    let body = ask(format!("?factor={f2}&delete=yes")).await;
    assert!(body.contains("Delete factor 2?"));
    assert!(
        body.contains("Actions 2, 3 address it and will lose that link."),
        "{body}"
    );
    assert!(
        body.contains("Action 3 will then address no factor: give it another, or delete it."),
        "{body}"
    );
    let body = ask(format!("?factor={f1}&delete=yes")).await;
    assert!(body.contains("Actions 1, 2 address it and will lose that link."));
    assert!(body.contains("Action 1 will then address no factor"));
    assert!(
        !body.contains("Action 2 will then"),
        "action 2 keeps factor 2"
    );
    let body = ask(format!("?action={x1}&delete=yes")).await;
    assert!(body.contains("Delete action 1?"));
    assert!(!body.contains("will lose"), "nothing links to an action");
    let body = ask(format!("?entry={decided}&delete=yes")).await;
    assert!(
        body.contains("Findings 1, 3 cite it as evidence and will lose it."),
        "{body}"
    );
    let body = ask(format!("?entry={closed}&delete=yes")).await;
    assert!(
        body.contains("Finding 2 cites it as evidence and will lose it."),
        "{body}"
    );

    // Deleting an entry takes it out of the findings' evidence only.
    let page = browser
        .get(&format!("/workspaces/{id}?entry={decided}&delete=yes"))
        .await;
    let shown = hidden_value(&page.body, "version").unwrap();
    let decided_text = decided.to_string();
    let removed = browser
        .post(
            &format!("/workspaces/{id}"),
            &[
                ("action", "remove"),
                ("entry", &decided_text),
                ("version", &shown),
                ("confirm", "yes"),
            ],
        )
        .await;
    assert_eq!(removed.status, StatusCode::SEE_OTHER, "{}", removed.body);
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM workspace_finding_evidence WHERE entry_id = $1",
            decided
        )
        .await,
        0
    );
    assert_eq!(parts_in(&app, id).await, (3, 2, 3), "the findings stay");
    assert_eq!(evidence_of(&app, b).await, Vec::<i64>::new());
    let scan = browser.get(&format!("/workspaces/{id}?tool=scan")).await;
    assert_eq!(
        row(&scan.body, &format!("finding-{b}")),
        format!("1 People Barrier {no_access} Interview with the locum GP Tasks Change finding 1")
    );
    assert!(
        row(&scan.body, &format!("finding-{c}")).contains(" None left: cite some "),
        "{}",
        row(&scan.body, &format!("finding-{c}"))
    );
    assert!(
        row(&scan.body, &format!("finding-{a}")).contains(" Entries 1, 2 "),
        "renumbered: {}",
        row(&scan.body, &format!("finding-{a}"))
    );

    // Deleting a factor leaves its actions, without it.
    let removed = remove(&browser, id, "factor", f2).await;
    assert_eq!(removed.status, StatusCode::SEE_OTHER, "{}", removed.body);
    assert_eq!(
        removed.location.as_deref(),
        Some(format!("/workspaces/{id}?tool=plan#factor-list").as_str())
    );
    assert_eq!(parts_in(&app, id).await, (3, 1, 3));
    assert_eq!(factors_of(&app, x2).await, vec![f1]);
    assert_eq!(factors_of(&app, x3).await, Vec::<i64>::new());
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM workspace_factor_findings WHERE factor_id = $1",
            f2
        )
        .await,
        0
    );
    let plan = browser.get(&format!("/workspaces/{id}?tool=plan")).await;
    assert!(
        plan.body.contains("Contributory factor deleted"),
        "the notice"
    );
    assert_eq!(
        row(&plan.body, &format!("action-{x3}")),
        format!("3 {induction} Training alone Weaker (as suggested) None Lead medical secretary 31 May 2026 Induction records checked each quarter In progress Change action 3")
    );

    // Deleting the actions that address factor 1 leaves it unaddressed,
    // and the one action left is weaker: both are warned about.
    let removed = remove(&browser, id, "action", x1).await;
    assert_eq!(removed.status, StatusCode::SEE_OTHER, "{}", removed.body);
    assert_eq!(
        removed.location.as_deref(),
        Some(format!("/workspaces/{id}?tool=plan#action-list").as_str())
    );
    let plan = browser.get(&format!("/workspaces/{id}?tool=plan")).await;
    assert!(plan.body.contains("Safety action deleted"), "the notice");
    assert_eq!(
        remove(&browser, id, "action", x2).await.status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(parts_in(&app, id).await, (3, 1, 1));
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM workspace_action_factors WHERE factor_id = $1",
            f1
        )
        .await,
        0
    );
    let plan = browser.get(&format!("/workspaces/{id}?tool=plan")).await;
    assert!(
        plan.body.contains(&format!(
            "Factor 1, “{hand_offs}”, has no safety action addressing it"
        )),
        "{}",
        plan.body
    );
    assert!(
        plan.body.contains("Every action is a weaker one."),
        "{}",
        plan.body
    );
    assert!(plan
        .body
        .contains("1 action: 0 stronger, 0 intermediate, 1 weaker."));

    // Deleting a finding: the factor drawn from it keeps its other one.
    let removed = remove(&browser, id, "finding", a).await;
    assert_eq!(removed.status, StatusCode::SEE_OTHER, "{}", removed.body);
    assert_eq!(
        removed.location.as_deref(),
        Some(format!("/workspaces/{id}?tool=scan#finding-list").as_str())
    );
    let scan = browser.get(&format!("/workspaces/{id}?tool=scan")).await;
    assert!(scan.body.contains("Finding deleted"), "the notice");
    assert!(scan.body.contains(&diagram_label("2 findings")));
    assert_eq!(findings_of(&app, f1).await, vec![b]);
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM workspace_finding_evidence WHERE finding_id = $1",
            a
        )
        .await,
        0
    );
    assert_eq!(parts_in(&app, id).await, (2, 1, 1));

    // Deleting the investigation says what goes with it.
    let ask = browser.get(&format!("/workspaces/{id}?edit=delete")).await;
    assert!(
        ask.body.contains(
            "Its 2 timeline entries, 2 SEIPS findings, 1 contributory factor and 1 safety action go with it."
        ),
        "{}",
        ask.body
    );
}

/// The change form of a factor ticks only the elements its findings do
/// not bring, so that unticking a finding takes its elements away too
/// (`FactorInput::of`): a member who sends the form as shown, with one
/// finding unticked, is left with the other finding's elements and those
/// they ticked.
async fn a_factors_change_form_ticks_only_its_own_elements(backend: Backend) {
    let app = spawn_app(backend).await;
    let user = create_user(&app, "ticks@example.org", Role::Member).await;
    let browser = signed_in(&app, &user).await;
    let id = start(&browser, "Missed results").await;
    let filed = add_entry(
        &app,
        &browser,
        id,
        "2026-03-02",
        "10:00",
        "Result filed unseen",
    )
    .await;
    for (element, text) in [
        ("tasks", "Results were filed in batches"),
        ("organisation", "No one was named to review results"),
    ] {
        saved(
            &browser,
            id,
            "?tool=scan",
            "add-finding",
            None,
            &finding(element, "barrier", text, &[filed], "", &[]),
            "?tool=scan#finding-list",
        )
        .await;
    }
    let batches = finding_id(&app, id, "Results were filed in batches").await;
    let no_one = finding_id(&app, id, "No one was named to review results").await;
    saved(
        &browser,
        id,
        "?tool=plan",
        "add-factor",
        None,
        &factor(
            "Results had no owner",
            &[batches, no_one],
            &["internal-environment"],
        ),
        "?tool=plan#factor-list",
    )
    .await;
    let owned = factor_id(&app, id, "Results had no owner").await;
    let elements = "SELECT elements FROM workspace_factors WHERE id = $1";
    assert_eq!(count(&app, elements, owned).await, 2 | 8 | 16);

    let page = browser
        .get(&format!("/workspaces/{id}?factor={owned}"))
        .await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let ticked = checked(&page.body, "elements");
    // Untick the organisation finding and send the rest as shown.
    let ticked_refs: Vec<&str> = ticked.iter().map(String::as_str).collect();
    saved(
        &browser,
        id,
        &format!("?factor={owned}"),
        "change-factor",
        Some(owned),
        &factor("Results had no owner", &[batches], &ticked_refs),
        "?tool=plan#factor-list",
    )
    .await;
    assert_eq!(
        count(&app, elements, owned).await,
        2 | 16,
        "tasks (from the finding still chosen) and the internal environment (ticked); \
         the change form had ticked {ticked:?}"
    );
    assert_eq!(ticked, ["internal-environment"]);
}

/// An action whose strength is the one its kind of change suggests is
/// shown "as suggested" on its change page, so that a member who changes
/// only its kind of change gets the new kind's suggestion, not a refusal
/// asking why the old strength differs from it.
async fn changing_only_the_kind_of_change_takes_its_suggested_strength(backend: Backend) {
    let app = spawn_app(backend).await;
    let user = create_user(&app, "kinds@example.org", Role::Member).await;
    let browser = signed_in(&app, &user).await;
    let id = start(&browser, "Wrong-site block").await;
    let marked = add_entry(&app, &browser, id, "2026-03-02", "09:00", "Site not marked").await;
    saved(
        &browser,
        id,
        "?tool=scan",
        "add-finding",
        None,
        &finding(
            "tasks",
            "barrier",
            "Marking was left to memory",
            &[marked],
            "",
            &[],
        ),
        "?tool=scan#finding-list",
    )
    .await;
    let memory = finding_id(&app, id, "Marking was left to memory").await;
    saved(
        &browser,
        id,
        "?tool=plan",
        "add-factor",
        None,
        &factor("The site check relied on memory", &[memory], &[]),
        "?tool=plan#factor-list",
    )
    .await;
    let relied = factor_id(&app, id, "The site check relied on memory").await;
    let mut action = Action {
        description: "Stop the block until the site is marked",
        intervention: "training-alone",
        strength: "",
        reason: "",
        factors: &[relied],
        owner: "Theatre lead",
        due: "2026-06-30",
        measure: "Blocks started without a mark",
        status: "",
    };
    saved(
        &browser,
        id,
        "?tool=plan",
        "add-action",
        None,
        &action.fields(),
        "?tool=plan#action-list",
    )
    .await;
    let stop = action_id(&app, id, action.description).await;
    let plan = browser.get(&format!("/workspaces/{id}?tool=plan")).await;
    assert!(row(&plan.body, &format!("action-{stop}")).contains(" Weaker (as suggested) "));

    // The change page, sent as shown with only the kind of change changed.
    let page = browser
        .get(&format!("/workspaces/{id}?action={stop}"))
        .await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let shown = checked(&page.body, "strength");
    let shown_strength = shown.first().cloned().unwrap_or_default();
    action.intervention = "forcing-function";
    action.strength = &shown_strength;
    let sent = send(
        &browser,
        id,
        &format!("?action={stop}"),
        "change-action",
        Some(stop),
        &action.fields(),
    )
    .await;
    assert_eq!(
        sent.status,
        StatusCode::SEE_OTHER,
        "the change page showed the strength as {shown:?}, not as suggested: {}",
        text(&sent.body)
            .split("There is a problem")
            .nth(1)
            .unwrap_or_default()
            .chars()
            .take(300)
            .collect::<String>()
    );
    assert_eq!(
        text_of(
            &app,
            "SELECT strength FROM workspace_actions WHERE id = $1",
            stop
        )
        .await,
        "stronger"
    );
    assert_eq!(shown, [""], "shown as suggested");
}

async fn bad_input_and_other_members_items_are_refused(backend: Backend) {
    let app = spawn_app(backend).await;
    let user = create_user(&app, "owner@example.org", Role::Member).await;
    let owner = signed_in(&app, &user).await;
    let id = start(&owner, "Fall on a ward").await;
    let found = add_entry(
        &app,
        &owner,
        id,
        "2026-03-14",
        "08:00",
        "Found on the floor",
    )
    .await;
    saved(
        &owner,
        id,
        "?tool=scan",
        "add-finding",
        None,
        &finding(
            "tools-and-technology",
            "barrier",
            "Bed rails left down",
            &[found],
            "",
            &[],
        ),
        "?tool=scan#finding-list",
    )
    .await;
    let rails = finding_id(&app, id, "Bed rails left down").await;
    saved(
        &owner,
        id,
        "?tool=plan",
        "add-factor",
        None,
        &factor("Bed rails were easy to leave down", &[rails], &[]),
        "?tool=plan#factor-list",
    )
    .await;
    let easy = factor_id(&app, id, "Bed rails were easy to leave down").await;
    let good_action = Action {
        description: "Fit bed rails that lock",
        intervention: "physical-change",
        strength: "",
        reason: "",
        factors: &[easy],
        owner: "Ward manager",
        due: "2026-06-30",
        measure: "Falls from bed each month",
        status: "",
    };
    saved(
        &owner,
        id,
        "?tool=plan",
        "add-action",
        None,
        &good_action.fields(),
        "?tool=plan#action-list",
    )
    .await;
    let locking = action_id(&app, id, "Fit bed rails that lock").await;

    // The member's other investigation, with a part of each kind.
    let other_id = start(&owner, "Another review").await;
    let elsewhere = add_entry(&app, &owner, other_id, "2026-03-15", "10:00", "Elsewhere").await;
    saved(
        &owner,
        other_id,
        "?tool=scan",
        "add-finding",
        None,
        &finding(
            "people",
            "barrier",
            "Finding elsewhere",
            &[elsewhere],
            "",
            &[],
        ),
        "?tool=scan#finding-list",
    )
    .await;
    let finding_elsewhere = finding_id(&app, other_id, "Finding elsewhere").await;
    saved(
        &owner,
        other_id,
        "?tool=plan",
        "add-factor",
        None,
        &factor("Factor elsewhere", &[finding_elsewhere], &[]),
        "?tool=plan#factor-list",
    )
    .await;
    let factor_elsewhere = factor_id(&app, other_id, "Factor elsewhere").await;
    saved(
        &owner,
        other_id,
        "?tool=plan",
        "add-action",
        None,
        &Action {
            description: "Action elsewhere",
            factors: &[factor_elsewhere],
            ..good_action
        }
        .fields(),
        "?tool=plan#action-list",
    )
    .await;
    let action_elsewhere = action_id(&app, other_id, "Action elsewhere").await;

    // Every bad field of a finding: 422, the message beside the field, what
    // was typed kept, nothing written.
    let good = |text: &str| finding("people", "barrier", text, &[found], "", &[]);
    let long_text = "f".repeat(1001);
    let long_other = "o".repeat(301);
    let found_text = found.to_string();
    let elsewhere_text = elsewhere.to_string();
    let cases: Vec<(Fields, &str, &str)> =
        vec![
        (
            with(&good("Kept finding 1"), "element", &[""]),
            "Select the work-system element",
            "Kept finding 1",
        ),
        (
            with(&good("Kept finding 2"), "element", &["luck"]),
            "Select a work-system element from the list",
            "Kept finding 2",
        ),
        (
            with(&good("Kept finding 3"), "element", &[]),
            "Select the work-system element",
            "Kept finding 3",
        ),
        (
            with(&good("Kept finding 4"), "kind", &[""]),
            "Select barrier or facilitator",
            "Kept finding 4",
        ),
        (
            with(&good("Kept finding 5"), "kind", &["maybe"]),
            "Select barrier or facilitator",
            "Kept finding 5",
        ),
        (
            with(&good(""), "other_evidence", &["Kept evidence 6"]),
            "Enter the finding",
            "Kept evidence 6",
        ),
        (
            good(long_text.as_str()),
            "The finding must be 1000 characters or fewer (it has 1001)",
            long_text.as_str(),
        ),
        (
            with(&good("Kept finding 8"), "evidence", &[elsewhere_text.as_str()]),
            "An entry chosen as evidence is no longer on the timeline: choose again",
            "Kept finding 8",
        ),
        (
            with(&good("Kept finding 9"), "evidence", &[found_text.as_str(), "abc"]),
            "An entry chosen as evidence is no longer on the timeline: choose again",
            "Kept finding 9",
        ),
        (
            with(&good("Kept finding 10"), "evidence", &["999999"]),
            "An entry chosen as evidence is no longer on the timeline: choose again",
            "Kept finding 10",
        ),
        (
            with(&good("Kept finding 11"), "evidence", &[]),
            "Choose the timeline entries this finding rests on, or say where else it comes from",
            "Kept finding 11",
        ),
        (
            with(&good("Kept finding 12"), "other_evidence", &[long_other.as_str()]),
            "Other evidence must be 300 characters or fewer (it has 301)",
            "Kept finding 12",
        ),
        (
            with(
                &good("Kept finding 13"),
                "interacts_with",
                &["tasks", "luck"],
            ),
            "Select the elements it interacts with from the list",
            "Kept finding 13",
        ),
    ];
    for (fields, message, kept) in &cases {
        let page = send(&owner, id, "?tool=scan", "add-finding", None, fields).await;
        assert_eq!(
            page.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{message}: {}",
            page.body
        );
        assert!(page.body.contains(message), "{message}: {}", page.body);
        assert!(
            page.body.contains(kept),
            "{message}: what was typed is kept"
        );
        assert!(
            page.body.contains("SEIPS work-system scan"),
            "the scan again"
        );
    }
    let page = send(
        &owner,
        id,
        "?tool=scan",
        "add-finding",
        None,
        &with(
            &good("Kept ticks"),
            "interacts_with",
            &["tasks", "organisation"],
        ),
    )
    .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "a good one is saved");
    assert_eq!(parts_in(&app, id).await.0, 2);
    let kept_ticks = finding_id(&app, id, "Kept ticks").await;
    // A change refused is shown on the finding's own page.
    let page = send(
        &owner,
        id,
        &format!("?finding={rails}"),
        "change-finding",
        Some(rails),
        &with(&good("Changed but refused"), "kind", &["maybe"]),
    )
    .await;
    assert_eq!(
        page.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        page.body
    );
    assert!(page.body.contains("Change finding"));
    assert!(page.body.contains("Select barrier or facilitator"));
    assert!(page.body.contains("Changed but refused"));
    assert_eq!(
        text_of(
            &app,
            "SELECT text FROM workspace_findings WHERE id = $1",
            rails
        )
        .await,
        "Bed rails left down"
    );

    // Every bad field of a factor.
    let good = |text: &str| factor(text, &[rails], &[]);
    let long_factor = "k".repeat(1001);
    let finding_elsewhere_text = finding_elsewhere.to_string();
    let cases: Vec<(Fields, &str, &str)> = vec![
        (
            with(&good(""), "elements", &["people"]),
            "Enter the contributory factor",
            "",
        ),
        (
            good(long_factor.as_str()),
            "The contributory factor must be 1000 characters or fewer (it has 1001)",
            long_factor.as_str(),
        ),
        (
            with(&good("Kept factor 3"), "elements", &["luck"]),
            "Select work-system elements from the list",
            "Kept factor 3",
        ),
        (
            with(&good("Kept factor 4"), "findings", &[]),
            "Choose the work-system elements this factor sits in, or the findings it is drawn from",
            "Kept factor 4",
        ),
        (
            with(
                &good("Kept factor 5"),
                "findings",
                &[finding_elsewhere_text.as_str()],
            ),
            "A finding chosen is no longer in the scan: choose again",
            "Kept factor 5",
        ),
        (
            with(&good("Kept factor 6"), "findings", &["first"]),
            "A finding chosen is no longer in the scan: choose again",
            "Kept factor 6",
        ),
    ];
    for (fields, message, kept) in &cases {
        let page = send(&owner, id, "?tool=plan", "add-factor", None, fields).await;
        assert_eq!(
            page.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{message}: {}",
            page.body
        );
        assert!(page.body.contains(message), "{message}: {}", page.body);
        assert!(
            page.body.contains(kept),
            "{message}: what was typed is kept"
        );
    }
    // The ticked element is kept when the text is missing.
    let page = send(
        &owner,
        id,
        "?tool=plan",
        "add-factor",
        None,
        &with(&good(""), "elements", &["people", "organisation"]),
    )
    .await;
    assert_eq!(checked(&page.body, "elements"), ["people", "organisation"]);
    assert_eq!(parts_in(&app, id).await.1, 1);
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM workspace_factor_findings WHERE finding_id = $1",
            finding_elsewhere
        )
        .await,
        1,
        "only its own factor"
    );

    // Every bad field of a safety action.
    let good = |description: &'static str| Action {
        description,
        ..good_action
    };
    let long_description = "d".repeat(1001);
    let long_reason = "r".repeat(501);
    let long_owner = "w".repeat(101);
    let long_measure = "m".repeat(501);
    let factor_elsewhere_text = factor_elsewhere.to_string();
    let cases: Vec<(Fields, &str, &str)> = vec![
        (
            with(&good("").fields(), "owner", &["Kept owner 1"]),
            "Enter what the action will change",
            "Kept owner 1",
        ),
        (
            with(
                &good("").fields(),
                "description",
                &[long_description.as_str()],
            ),
            "The description must be 1000 characters or fewer (it has 1001)",
            long_description.as_str(),
        ),
        (
            with(&good("Kept action 3").fields(), "intervention", &[""]),
            "Select the kind of change this action makes",
            "Kept action 3",
        ),
        (
            with(
                &good("Kept action 4").fields(),
                "intervention",
                &["sack-someone"],
            ),
            "Select a kind of change from the list",
            "Kept action 4",
        ),
        (
            with(&good("Kept action 5").fields(), "strength", &["mighty"]),
            "Select stronger, intermediate or weaker",
            "Kept action 5",
        ),
        (
            with(
                &with(
                    &good("Kept action 6").fields(),
                    "intervention",
                    &["training-alone"],
                ),
                "strength",
                &["stronger"],
            ),
            "Training alone is usually a weaker action: say why this one is stronger",
            "Kept action 6",
        ),
        (
            with(
                &with(&good("Kept action 7").fields(), "strength", &["weaker"]),
                "strength_reason",
                &[long_reason.as_str()],
            ),
            "The reason must be 500 characters or fewer (it has 501)",
            "Kept action 7",
        ),
        (
            with(&good("Kept action 8").fields(), "factors", &[]),
            "Choose the contributory factors this action addresses",
            "Kept action 8",
        ),
        (
            with(
                &good("Kept action 9").fields(),
                "factors",
                &[factor_elsewhere_text.as_str()],
            ),
            "A factor chosen is no longer in the list: choose again",
            "Kept action 9",
        ),
        (
            with(&good("Kept action 10").fields(), "factors", &["one"]),
            "A factor chosen is no longer in the list: choose again",
            "Kept action 10",
        ),
        (
            with(
                &good("Kept action 11").fields(),
                "owner",
                &[long_owner.as_str()],
            ),
            "The owner must be 100 characters or fewer (it has 101)",
            "Kept action 11",
        ),
        (
            with(&good("Kept action 12").fields(), "due", &["2026-02-30"]),
            "2026-02-30 is not a real date",
            "Kept action 12",
        ),
        (
            with(&good("Kept action 13").fields(), "due", &["30/06/2026"]),
            "Enter the date it is due by, for example 2026-06-30",
            "Kept action 13",
        ),
        (
            with(
                &good("Kept action 14").fields(),
                "measure",
                &[long_measure.as_str()],
            ),
            "How success will be measured must be 500 characters or fewer (it has 501)",
            "Kept action 14",
        ),
        (
            with(&good("Kept action 15").fields(), "status", &["abandoned"]),
            "Select a status from the list",
            "Kept action 15",
        ),
    ];
    for (fields, message, kept) in &cases {
        let page = send(&owner, id, "?tool=plan", "add-action", None, fields).await;
        assert_eq!(
            page.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{message}: {}",
            page.body
        );
        assert!(page.body.contains(message), "{message}: {}", page.body);
        assert!(
            page.body.contains(kept),
            "{message}: what was typed is kept"
        );
    }
    let page = send(
        &owner,
        id,
        "?tool=plan",
        "add-action",
        None,
        &with(&good("Kept due").fields(), "due", &["2026-02-30"]),
    )
    .await;
    assert!(
        page.body.contains("value=\"2026-02-30\""),
        "the date as typed"
    );
    assert_eq!(parts_in(&app, id).await, (2, 1, 1));
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM workspace_action_factors WHERE factor_id = $1",
            factor_elsewhere
        )
        .await,
        1,
        "only its own action"
    );
    // With no factor to address, an action cannot be added yet.
    let empty = start(&owner, "Nothing yet").await;
    let page = send(
        &owner,
        empty,
        "?tool=plan",
        "add-action",
        None,
        &good("Kept early").fields(),
    )
    .await;
    assert_eq!(
        page.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        page.body
    );
    assert!(page
        .body
        .contains("Add a contributory factor first: every safety action addresses at least one"));
    assert_eq!(parts_in(&app, empty).await, (0, 0, 0));

    // Deleting needs the button; an unknown form is refused.
    let shown = version(&app, id).await.to_string();
    let unconfirmed = post_at(&owner, id, "remove-finding", &shown, Some(rails), &vec![]).await;
    assert_eq!(unconfirmed.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(unconfirmed.body.contains("Use the button to confirm"));
    for unknown in ["add-thing", "remove-entry", "change-"] {
        let refused = post_at(
            &owner,
            id,
            unknown,
            &shown,
            Some(rails),
            &vec![("confirm", "yes".into())],
        )
        .await;
        assert_eq!(
            refused.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{unknown}"
        );
        assert!(refused.body.contains("Use one of the page"), "{unknown}");
    }
    assert_eq!(parts_in(&app, id).await, (2, 1, 1));
    assert_eq!(
        version(&app, id).await.to_string(),
        shown,
        "nothing written"
    );

    // Another member finds none of it, and changes none of it.
    let other_user = create_user(&app, "other@example.org", Role::Member).await;
    let other = signed_in(&app, &other_user).await;
    let item_pages = |workspace: i64, finding: i64, factor: i64, action: i64| {
        vec![
            format!("/workspaces/{workspace}?finding={finding}"),
            format!("/workspaces/{workspace}?finding={finding}&delete=yes"),
            format!("/workspaces/{workspace}?factor={factor}"),
            format!("/workspaces/{workspace}?factor={factor}&delete=yes"),
            format!("/workspaces/{workspace}?action={action}"),
            format!("/workspaces/{workspace}?action={action}&delete=yes"),
        ]
    };
    let mut paths = vec![
        format!("/workspaces/{id}?tool=scan"),
        format!("/workspaces/{id}?tool=plan"),
    ];
    paths.extend(item_pages(id, rails, easy, locking));
    for path in &paths {
        assert_eq!(
            other.get(path).await.status,
            StatusCode::NOT_FOUND,
            "{path}"
        );
    }
    let version_now = version(&app, id).await.to_string();
    let confirm: Fields = vec![("confirm", "yes".into())];
    let writes: Vec<(&str, Option<i64>, Fields)> = vec![
        (
            "add-finding",
            None,
            finding("people", "barrier", "Written by another", &[found], "", &[]),
        ),
        (
            "change-finding",
            Some(rails),
            finding("people", "barrier", "Written by another", &[found], "", &[]),
        ),
        ("remove-finding", Some(rails), confirm.clone()),
        (
            "add-factor",
            None,
            factor("Written by another", &[rails], &[]),
        ),
        (
            "change-factor",
            Some(easy),
            factor("Written by another", &[rails], &[]),
        ),
        ("remove-factor", Some(easy), confirm.clone()),
        ("add-action", None, good("Written by another").fields()),
        (
            "change-action",
            Some(locking),
            good("Written by another").fields(),
        ),
        ("remove-action", Some(locking), confirm.clone()),
    ];
    for (action, item, fields) in &writes {
        let page = post_at(&other, id, action, &version_now, *item, fields).await;
        assert_eq!(page.status, StatusCode::NOT_FOUND, "{action}");
    }
    assert_eq!(parts_in(&app, id).await, (2, 1, 1));
    assert_eq!(version(&app, id).await.to_string(), version_now);
    assert_eq!(
        text_of(
            &app,
            "SELECT text FROM workspace_findings WHERE id = $1",
            rails
        )
        .await,
        "Bed rails left down"
    );
    // Nor through a workspace of their own.
    let theirs = start(&other, "Their own review").await;
    for path in item_pages(theirs, rails, easy, locking) {
        assert_eq!(
            other.get(&path).await.status,
            StatusCode::NOT_FOUND,
            "{path}"
        );
    }
    let their_version = version(&app, theirs).await.to_string();
    for (action, item, fields) in writes.iter().filter(|(_, item, _)| item.is_some()) {
        let page = post_at(&other, theirs, action, &their_version, *item, fields).await;
        assert_eq!(
            page.status,
            StatusCode::NOT_FOUND,
            "{action} through their own"
        );
    }
    assert_eq!(parts_in(&app, id).await, (2, 1, 1));
    assert_eq!(parts_in(&app, theirs).await, (0, 0, 0));
    assert_eq!(
        text_of(
            &app,
            "SELECT description FROM workspace_actions WHERE id = $1",
            locking
        )
        .await,
        "Fit bed rails that lock"
    );

    // The member's other investigation's parts are not this one's.
    for path in item_pages(id, finding_elsewhere, factor_elsewhere, action_elsewhere) {
        assert_eq!(
            owner.get(&path).await.status,
            StatusCode::NOT_FOUND,
            "{path}"
        );
    }
    let version_now = version(&app, id).await.to_string();
    let crossed: Vec<(&str, Option<i64>, Fields)> = vec![
        (
            "change-finding",
            Some(finding_elsewhere),
            finding("people", "barrier", "Crossed over", &[found], "", &[]),
        ),
        ("remove-finding", Some(finding_elsewhere), confirm.clone()),
        (
            "change-factor",
            Some(factor_elsewhere),
            factor("Crossed over", &[rails], &[]),
        ),
        ("remove-factor", Some(factor_elsewhere), confirm.clone()),
        (
            "change-action",
            Some(action_elsewhere),
            good("Crossed over").fields(),
        ),
        ("remove-action", Some(action_elsewhere), confirm.clone()),
        (
            "change-finding",
            Some(999_999),
            finding("people", "barrier", "Crossed over", &[found], "", &[]),
        ),
        ("remove-action", Some(999_999), confirm.clone()),
    ];
    for (action, item, fields) in &crossed {
        let page = post_at(&owner, id, action, &version_now, *item, fields).await;
        assert_eq!(page.status, StatusCode::NOT_FOUND, "{action} {item:?}");
    }
    let not_a_number = owner
        .post(
            &format!("/workspaces/{id}"),
            &[
                ("action", "remove-factor"),
                ("item", "first"),
                ("version", &version_now),
                ("confirm", "yes"),
            ],
        )
        .await;
    assert_eq!(not_a_number.status, StatusCode::NOT_FOUND);
    assert_eq!(parts_in(&app, other_id).await, (1, 1, 1));
    assert_eq!(parts_in(&app, id).await, (2, 1, 1));
    assert_eq!(version(&app, id).await.to_string(), version_now);
    assert_eq!(
        text_of(
            &app,
            "SELECT text FROM workspace_findings WHERE id = $1",
            finding_elsewhere
        )
        .await,
        "Finding elsewhere"
    );
    for path in [
        format!("/workspaces/{id}?finding=999999"),
        format!("/workspaces/{id}?factor=999999&delete=yes"),
        format!("/workspaces/{id}?action=999999"),
    ] {
        assert_eq!(
            owner.get(&path).await.status,
            StatusCode::NOT_FOUND,
            "{path}"
        );
    }

    // A post from an older page is refused whole (409), even with a
    // problem of its own; what was typed is kept; nothing is written.
    let older = version(&app, id).await.to_string();
    saved(
        &owner,
        id,
        &format!("?finding={rails}"),
        "change-finding",
        Some(rails),
        &finding(
            "tools-and-technology",
            "barrier",
            "Bed rails left down at night",
            &[found],
            "",
            &[],
        ),
        "?tool=scan#finding-list",
    )
    .await;
    let now = version(&app, id).await;
    assert_eq!(now, older.parse::<i64>().unwrap() + 1);
    let stale_writes: Vec<(&str, Option<i64>, Fields, &str)> = vec![
        (
            "change-finding",
            Some(rails),
            finding(
                "people",
                "barrier",
                "Typed in another tab",
                &[found],
                "",
                &[],
            ),
            STALE,
        ),
        (
            "change-finding",
            Some(rails),
            finding("", "maybe", "Typed in another tab too", &[], "", &[]),
            STALE,
        ),
        (
            "add-finding",
            None,
            finding(
                "people",
                "barrier",
                "Added in another tab",
                &[found],
                "",
                &[],
            ),
            STALE_ADD,
        ),
        ("remove-finding", Some(kept_ticks), confirm.clone(), STALE),
        (
            "change-factor",
            Some(easy),
            factor("Factor typed in another tab", &[rails], &[]),
            STALE,
        ),
        (
            "add-factor",
            None,
            factor("Factor added in another tab", &[rails], &[]),
            STALE_ADD,
        ),
        ("remove-factor", Some(easy), confirm.clone(), STALE),
        (
            "change-action",
            Some(locking),
            with(
                &good("Action typed in another tab").fields(),
                "due",
                &["2026-02-30"],
            ),
            STALE,
        ),
        (
            "add-action",
            None,
            good("Action added in another tab").fields(),
            STALE_ADD,
        ),
        ("remove-action", Some(locking), confirm.clone(), STALE),
    ];
    for (action, item, fields, message) in &stale_writes {
        let page = post_at(&owner, id, action, &older, *item, fields).await;
        assert_eq!(page.status, StatusCode::CONFLICT, "{action}: {}", page.body);
        assert!(page.body.contains(message), "{action}: {}", page.body);
        if let Some((_, typed)) = fields
            .iter()
            .find(|(name, _)| ["text", "description"].contains(name))
        {
            assert!(
                page.body.contains(typed.as_str()),
                "{action}: what was typed is kept"
            );
        }
        assert_eq!(
            hidden_value(&page.body, "version"),
            Some(now.to_string()),
            "{action}: the page offers the version as it is now"
        );
    }
    assert_eq!(version(&app, id).await, now, "nothing written");
    assert_eq!(parts_in(&app, id).await, (2, 1, 1));
    assert_eq!(
        text_of(
            &app,
            "SELECT text FROM workspace_findings WHERE id = $1",
            rails
        )
        .await,
        "Bed rails left down at night"
    );
    assert_eq!(
        text_of(
            &app,
            "SELECT text FROM workspace_factors WHERE id = $1",
            easy
        )
        .await,
        "Bed rails were easy to leave down"
    );
    assert_eq!(
        maybe_text(
            &app,
            "SELECT due FROM workspace_actions WHERE id = $1",
            locking
        )
        .await
        .as_deref(),
        Some("2026-06-30")
    );

    // Without the CSRF token, refused before anything is read.
    let now_text = now.to_string();
    let no_token = owner
        .post_raw(
            &format!("/workspaces/{id}"),
            &[
                ("action", "add-finding"),
                ("version", &now_text),
                ("element", "people"),
                ("kind", "barrier"),
                ("text", "No token"),
                ("other_evidence", "A policy"),
            ],
        )
        .await;
    assert_eq!(no_token.status, StatusCode::FORBIDDEN);
    let locking_text = locking.to_string();
    let no_token = owner
        .post_raw(
            &format!("/workspaces/{id}"),
            &[
                ("action", "remove-action"),
                ("version", &now_text),
                ("item", &locking_text),
                ("confirm", "yes"),
            ],
        )
        .await;
    assert_eq!(no_token.status, StatusCode::FORBIDDEN);
    assert_eq!(parts_in(&app, id).await, (2, 1, 1));
    assert_eq!(version(&app, id).await, now);

    // Hostile text: control characters dropped, markup kept as text and
    // shown escaped wherever it appears.
    saved(
        &owner,
        id,
        "?tool=scan",
        "add-finding",
        None,
        &finding(
            "people",
            "barrier",
            "Bell\u{7}<script>alert(1)</script> & more",
            &[found],
            "<b>Policy</b>\u{1b}",
            &[],
        ),
        "?tool=scan#finding-list",
    )
    .await;
    let hostile = finding_id(&app, id, "Bell<script>alert(1)</script> & more").await;
    assert_eq!(
        text_of(
            &app,
            "SELECT other_evidence FROM workspace_findings WHERE id = $1",
            hostile
        )
        .await,
        "<b>Policy</b>"
    );
    saved(
        &owner,
        id,
        "?tool=plan",
        "add-factor",
        None,
        &factor("<img src=x onerror=alert(2)>\u{0}", &[hostile], &[]),
        "?tool=plan#factor-list",
    )
    .await;
    let hostile_factor = factor_id(&app, id, "<img src=x onerror=alert(2)>").await;
    saved(
        &owner,
        id,
        "?tool=plan",
        "add-action",
        None,
        &Action {
            description: "<i>Fit</i>\u{8} rails",
            factors: &[easy],
            owner: "<u>Lead</u>",
            measure: "",
            ..good_action
        }
        .fields(),
        "?tool=plan#action-list",
    )
    .await;
    let hostile_action = action_id(&app, id, "<i>Fit</i> rails").await;
    assert_eq!(
        text_of(
            &app,
            "SELECT owner FROM workspace_actions WHERE id = $1",
            hostile_action
        )
        .await,
        "<u>Lead</u>"
    );
    let scan = owner.get(&format!("/workspaces/{id}?tool=scan")).await;
    assert!(scan
        .body
        .contains("Bell&lt;script&gt;alert(1)&lt;/script&gt; &amp; more"));
    assert!(scan.body.contains("&lt;b&gt;Policy&lt;/b&gt;"));
    assert!(!scan.body.contains("<script>alert(1)"));
    assert!(!scan.body.contains("<b>Policy</b>"));
    let plan = owner.get(&format!("/workspaces/{id}?tool=plan")).await;
    assert!(plan.body.contains("&lt;img src=x onerror=alert(2)&gt;"));
    assert!(
        plan.body.contains(
            &"Factor 2, “&lt;img src=x onerror=alert(2)&gt;”, has no safety action addressing it"
                .to_string()
        ),
        "in the warning too: {}",
        plan.body
    );
    assert!(
        plan.body.contains("Bell&lt;script&gt;alert(1)"),
        "in the findings to choose"
    );
    assert!(plan.body.contains("&lt;i&gt;Fit&lt;/i&gt; rails"));
    assert!(plan.body.contains("&lt;u&gt;Lead&lt;/u&gt;"));
    assert!(plan.body.contains(
        "Action 2, “&lt;i&gt;Fit&lt;/i&gt; rails”, does not say how success will be measured"
    ));
    for raw in [
        "<img src=x",
        "<script>alert(1)",
        "<i>Fit</i>",
        "<u>Lead</u>",
    ] {
        assert!(!plan.body.contains(raw), "{raw}");
    }
    let page = owner
        .get(&format!(
            "/workspaces/{id}?factor={hostile_factor}&delete=yes"
        ))
        .await;
    assert!(page.body.contains("&lt;img src=x onerror=alert(2)&gt;"));
    assert!(!page.body.contains("<img src=x"));
    // Kept after a refusal, escaped too.
    let page = send(
        &owner,
        id,
        "?tool=scan",
        "add-finding",
        None,
        &finding(
            "",
            "barrier",
            "</textarea><script>alert(3)</script>",
            &[found],
            "",
            &[],
        ),
    )
    .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page
        .body
        .contains("&lt;/textarea&gt;&lt;script&gt;alert(3)&lt;/script&gt;"));
    assert!(!page.body.contains("<script>alert(3)"));

    // Signed out, the pages send to sign in.
    let anonymous = Browser::new(&app);
    for query in ["?tool=scan", "?tool=plan"] {
        let page = anonymous.get(&format!("/workspaces/{id}{query}")).await;
        assert_eq!(page.status, StatusCode::SEE_OTHER, "{query}");
        assert!(page.location.unwrap().starts_with("/sign-in?next="));
    }
}

async fn posts_at_once_and_the_limits(backend: Backend) {
    let app = spawn_app(backend).await;
    let user = create_user(&app, "busy@example.org", Role::Member).await;
    let browser = signed_in(&app, &user).await;
    let id = start(&browser, "Medication error").await;
    let given = add_entry(&app, &browser, id, "2026-03-14", "08:00", "Dose given").await;

    // Eight additions sent at once from one page (a double click, a
    // resend): one finding is added.
    let page = browser.get(&format!("/workspaces/{id}?tool=scan")).await;
    let shown = hidden_value(&page.body, "version").unwrap();
    let mut posts = tokio::task::JoinSet::new();
    for n in 0..8 {
        let (browser, shown) = (browser.clone(), shown.clone());
        posts.spawn(async move {
            let fields = finding(
                "tasks",
                "barrier",
                &format!("Two doses looked alike, sent {n}"),
                &[given],
                "",
                &[],
            );
            post_at(&browser, id, "add-finding", &shown, None, &fields)
                .await
                .status
        });
    }
    let statuses = posts.join_all().await;
    exactly_one_saved(&statuses);
    assert_eq!(parts_in(&app, id).await.0, 1);
    assert_eq!(version(&app, id).await, shown.parse::<i64>().unwrap() + 1);
    let again = post_at(
        &browser,
        id,
        "add-finding",
        &shown,
        None,
        &finding(
            "tasks",
            "barrier",
            "Two doses looked alike, again",
            &[given],
            "",
            &[],
        ),
    )
    .await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    assert!(
        again
            .body
            .contains(&format!("{STALE_ADD}finding was not added")),
        "{}",
        again.body
    );
    assert_eq!(parts_in(&app, id).await.0, 1);

    // A full scan takes no more findings.
    let max_findings = app::toolkits::analysis::MAX_FINDINGS;
    let max_factors = app::toolkits::analysis::MAX_FACTORS;
    let max_actions = app::toolkits::actions::MAX_ACTIONS;
    app::with_pool!(&app.db, pool => {
        for n in 1..max_findings {
            sqlx::query(
                "INSERT INTO workspace_findings (workspace_id, element, kind, text, other_evidence, created_at, updated_at) \
                 VALUES ($1, 'people', 'facilitator', $2, 'An interview', 0, 0)",
            )
            .bind(id)
            .bind(format!("Filler finding {n}"))
            .execute(pool)
            .await
            .unwrap();
        }
    });
    assert_eq!(parts_in(&app, id).await.0, max_findings);
    let before = version(&app, id).await;
    let full = send(
        &browser,
        id,
        "?tool=scan",
        "add-finding",
        None,
        &finding(
            "people",
            "barrier",
            "One finding too many",
            &[given],
            "",
            &[],
        ),
    )
    .await;
    assert_eq!(full.status, StatusCode::CONFLICT, "{}", full.body);
    assert!(
        full.body.contains(&format!(
            "This scan has {max_findings} findings, the most it can hold: combine or delete some first"
        )),
        "{}",
        full.body
    );
    assert!(
        full.body.contains("One finding too many"),
        "what was typed is kept"
    );
    assert_eq!(parts_in(&app, id).await.0, max_findings);
    assert_eq!(version(&app, id).await, before, "nothing written");
    // A change is still possible.
    let first = finding_id(&app, id, "Filler finding 1").await;
    saved(
        &browser,
        id,
        &format!("?finding={first}"),
        "change-finding",
        Some(first),
        &finding(
            "people",
            "facilitator",
            "Filler finding 1, changed",
            &[given],
            "",
            &[],
        ),
        "?tool=scan#finding-list",
    )
    .await;

    // And the factors and actions have limits of their own.
    app::with_pool!(&app.db, pool => {
        for n in 0..max_factors {
            sqlx::query(
                "INSERT INTO workspace_factors (workspace_id, text, elements, created_at, updated_at) \
                 VALUES ($1, $2, 1, 0, 0)",
            )
            .bind(id)
            .bind(format!("Filler factor {n}"))
            .execute(pool)
            .await
            .unwrap();
        }
    });
    let before = version(&app, id).await;
    let full = send(
        &browser,
        id,
        "?tool=plan",
        "add-factor",
        None,
        &factor("One factor too many", &[first], &[]),
    )
    .await;
    assert_eq!(full.status, StatusCode::CONFLICT, "{}", full.body);
    assert!(
        full.body.contains(&format!(
            "This investigation has {max_factors} contributory factors, the most it can hold: combine or delete some first"
        )),
        "{}",
        full.body
    );
    assert!(
        full.body.contains("One factor too many"),
        "what was typed is kept"
    );
    assert_eq!(parts_in(&app, id).await.1, max_factors);
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM workspace_factor_findings WHERE finding_id = $1",
            first
        )
        .await,
        0,
        "no link left behind"
    );
    assert_eq!(version(&app, id).await, before);

    let addressed = factor_id(&app, id, "Filler factor 0").await;
    app::with_pool!(&app.db, pool => {
        for n in 1..max_actions {
            sqlx::query(
                "INSERT INTO workspace_actions (workspace_id, description, intervention, strength, status, created_at, updated_at) \
                 VALUES ($1, $2, 'checklist-or-cognitive-aid', 'intermediate', 'proposed', 0, 0)",
            )
            .bind(id)
            .bind(format!("Filler action {n}"))
            .execute(pool)
            .await
            .unwrap();
        }
    });
    // The last one through the form.
    saved(
        &browser,
        id,
        "?tool=plan",
        "add-action",
        None,
        &Action {
            description: "The last action there is room for",
            intervention: "checklist-or-cognitive-aid",
            strength: "",
            reason: "",
            factors: &[addressed],
            owner: "Pharmacy lead",
            due: "2026-09-30",
            measure: "Checklist audits",
            status: "",
        }
        .fields(),
        "?tool=plan#action-list",
    )
    .await;
    assert_eq!(parts_in(&app, id).await.2, max_actions);
    let before = version(&app, id).await;
    let full = send(
        &browser,
        id,
        "?tool=plan",
        "add-action",
        None,
        &Action {
            description: "One action too many",
            intervention: "checklist-or-cognitive-aid",
            strength: "",
            reason: "",
            factors: &[addressed],
            owner: "Pharmacy lead",
            due: "2026-09-30",
            measure: "Checklist audits",
            status: "",
        }
        .fields(),
    )
    .await;
    assert_eq!(full.status, StatusCode::CONFLICT, "{}", full.body);
    assert!(
        full.body.contains(&format!(
            "This investigation has {max_actions} safety actions, the most it can hold: combine or delete some first"
        )),
        "{}",
        full.body
    );
    assert!(
        full.body.contains("One action too many"),
        "what was typed is kept"
    );
    assert_eq!(
        parts_in(&app, id).await,
        (max_findings, max_factors, max_actions)
    );
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM workspace_action_factors WHERE factor_id = $1",
            addressed
        )
        .await,
        1,
        "only the last one's link"
    );
    assert_eq!(version(&app, id).await, before);
}

async fn anyone_reads_the_example_and_a_member_copies_it(backend: Backend) {
    use app::toolkits::actions::{describe, warnings, Strength};
    use app::toolkits::analysis::element_counts;

    let app = spawn_app(backend).await;
    let example = app::toolkits::example::example().expect("the example obeys the rules");
    let counts_table = {
        let rows: Vec<String> = element_counts(&example.findings)
            .iter()
            .map(|count| {
                format!(
                    "{} {} {}",
                    count.element.label(),
                    count.barriers,
                    count.facilitators
                )
            })
            .collect();
        format!(
            "Findings by work-system element Element Barriers Facilitators {}",
            rows.join(" ")
        )
    };
    let findings_label = diagram_label(&format!("{} findings", example.findings.len()));
    let strengths = |strength: Strength| {
        example
            .actions
            .iter()
            .filter(|action| action.strength == strength)
            .count()
    };
    let actions_line = format!(
        "{} actions: {} stronger, {} intermediate, {} weaker.",
        example.actions.len(),
        strengths(Strength::Stronger),
        strengths(Strength::Intermediate),
        strengths(Strength::Weaker)
    );
    let warned: Vec<String> = warnings(&example.factors, &example.actions)
        .iter()
        .map(|warning| describe(warning, &example.factors, &example.actions))
        .collect();
    assert!(!warned.is_empty(), "the example shows a warning");

    // Signed out, anyone reads the example's scan and plan.
    let anonymous = Browser::new(&app);
    let scan = anonymous.get("/workspaces/example?tool=scan").await;
    assert_eq!(scan.status, StatusCode::OK, "{}", scan.body);
    assert!(scan.body.contains("SEIPS work-system scan"));
    assert!(scan.body.contains(&escaped(&example.details.title)));
    assert!(scan.body.contains(&findings_label), "{}", scan.body);
    assert_eq!(
        table(&scan.body, "Findings by work-system element"),
        counts_table
    );
    assert!(scan.body.contains("Interactions between elements"));
    assert!(scan
        .body
        .contains("<a href=\"/sign-in?next=%2Fworkspaces%2Fexample\">Sign in</a>"));
    assert!(
        !scan.body.contains("?finding="),
        "read-only: no change links"
    );
    assert!(!scan.body.contains("value=\"add-finding\""), "no add form");
    assert!(!scan.body.contains("Copy into your investigations"));
    for finding in &example.findings {
        assert!(
            scan.body.contains(&escaped(&finding.text)),
            "{}",
            finding.text
        );
    }
    let plan = anonymous.get("/workspaces/example?tool=plan").await;
    assert_eq!(plan.status, StatusCode::OK, "{}", plan.body);
    assert!(plan
        .body
        .contains("Contributory factors and safety actions"));
    assert!(
        plan.body.contains(&actions_line),
        "{actions_line}: {}",
        plan.body
    );
    for warning in &warned {
        assert!(
            plan.body.contains(&escaped(warning)),
            "{warning}: {}",
            plan.body
        );
    }
    assert!(!plan.body.contains("?factor="), "read-only");
    assert!(!plan.body.contains("?action="), "read-only");
    assert!(!plan.body.contains("value=\"add-factor\""));
    assert!(!plan.body.contains("value=\"add-action\""));
    for factor in &example.factors {
        assert!(
            plan.body.contains(&escaped(&factor.text)),
            "{}",
            factor.text
        );
    }
    let overridden = example
        .actions
        .iter()
        .find(|action| !action.strength_reason.is_empty())
        .expect("the example overrides a strength");
    assert!(plan.body.contains(&escaped(&overridden.strength_reason)));
    // A member copies it, twice: each copy has the example's parts, its
    // links remapped to its own rows.
    let user = create_user(&app, "copier@example.org", Role::Member).await;
    let browser = signed_in(&app, &user).await;
    assert!(browser
        .get("/workspaces/example?tool=plan")
        .await
        .body
        .contains("Copy into your investigations"));
    let mut copies = Vec::new();
    for _ in 0..2 {
        let copied = browser
            .post("/workspaces", &[("action", "copy-example")])
            .await;
        assert_eq!(copied.status, StatusCode::SEE_OTHER, "{}", copied.body);
        let id: i64 = copied
            .location
            .unwrap()
            .trim_start_matches("/workspaces/")
            .parse()
            .unwrap();
        let page = browser.get(&format!("/workspaces/{id}")).await;
        assert!(
            page.body.contains(&format!(
                "Copied “{}” into your investigations: it is yours to change",
                escaped(&example.details.title)
            )),
            "the notice: {}",
            page.body
        );
        copies.push(id);
    }
    let what_of = |id: i64| {
        example
            .entries
            .iter()
            .find(|entry| entry.id == id)
            .map(|entry| entry.what.clone())
            .expect("an example entry")
    };
    let finding_text = |id: i64| {
        example
            .findings
            .iter()
            .find(|finding| finding.id == id)
            .map(|finding| finding.text.clone())
            .expect("an example finding")
    };
    let factor_text = |id: i64| {
        example
            .factors
            .iter()
            .find(|factor| factor.id == id)
            .map(|factor| factor.text.clone())
            .expect("an example factor")
    };
    let evidence: BTreeSet<(String, String)> = example
        .findings
        .iter()
        .flat_map(|finding| {
            finding
                .evidence
                .iter()
                .map(|entry| (finding.text.clone(), what_of(*entry)))
        })
        .collect();
    let drawn_from: BTreeSet<(String, String)> = example
        .factors
        .iter()
        .flat_map(|factor| {
            factor
                .findings
                .iter()
                .map(|finding| (factor.text.clone(), finding_text(*finding)))
        })
        .collect();
    let addressing: BTreeSet<(String, String)> = example
        .actions
        .iter()
        .flat_map(|action| {
            action
                .factors
                .iter()
                .map(|factor| (action.description.clone(), factor_text(*factor)))
        })
        .collect();
    assert!(!evidence.is_empty() && !drawn_from.is_empty() && !addressing.is_empty());
    for &id in &copies {
        assert_eq!(
            parts_in(&app, id).await,
            (
                example.findings.len() as i64,
                example.factors.len() as i64,
                example.actions.len() as i64
            ),
            "copy {id}"
        );
        // Every link of the copy's rows, and where it points.
        let all_evidence = count(
            &app,
            "SELECT COUNT(*) FROM workspace_finding_evidence l JOIN workspace_findings f ON f.id = l.finding_id \
             WHERE f.workspace_id = $1",
            id,
        )
        .await;
        let all_drawn = count(
            &app,
            "SELECT COUNT(*) FROM workspace_factor_findings l JOIN workspace_factors k ON k.id = l.factor_id \
             WHERE k.workspace_id = $1",
            id,
        )
        .await;
        let all_addressing = count(
            &app,
            "SELECT COUNT(*) FROM workspace_action_factors l JOIN workspace_actions a ON a.id = l.action_id \
             WHERE a.workspace_id = $1",
            id,
        )
        .await;
        assert_eq!(
            (all_evidence, all_drawn, all_addressing),
            (
                evidence.len() as i64,
                drawn_from.len() as i64,
                addressing.len() as i64
            ),
            "copy {id}: as many links as the example"
        );
        let copied_evidence = text_pairs(
            &app,
            "SELECT f.text, e.what FROM workspace_finding_evidence l \
             JOIN workspace_findings f ON f.id = l.finding_id JOIN workspace_entries e ON e.id = l.entry_id \
             WHERE f.workspace_id = $1 AND e.workspace_id = $1",
            id,
        )
        .await;
        assert_eq!(
            copied_evidence, evidence,
            "copy {id}: each finding cites its own copy's entries"
        );
        let copied_drawn = text_pairs(
            &app,
            "SELECT k.text, f.text FROM workspace_factor_findings l \
             JOIN workspace_factors k ON k.id = l.factor_id JOIN workspace_findings f ON f.id = l.finding_id \
             WHERE k.workspace_id = $1 AND f.workspace_id = $1",
            id,
        )
        .await;
        assert_eq!(
            copied_drawn, drawn_from,
            "copy {id}: factors drawn from its own findings"
        );
        let copied_addressing = text_pairs(
            &app,
            "SELECT a.description, k.text FROM workspace_action_factors l \
             JOIN workspace_actions a ON a.id = l.action_id JOIN workspace_factors k ON k.id = l.factor_id \
             WHERE a.workspace_id = $1 AND k.workspace_id = $1",
            id,
        )
        .await;
        assert_eq!(
            copied_addressing, addressing,
            "copy {id}: actions address its own factors"
        );

        // The member's own pages show the same, with change links.
        let scan = browser.get(&format!("/workspaces/{id}?tool=scan")).await;
        assert_eq!(scan.status, StatusCode::OK);
        assert!(scan.body.contains(&findings_label));
        assert_eq!(
            table(&scan.body, "Findings by work-system element"),
            counts_table
        );
        assert!(scan.body.contains(&format!("/workspaces/{id}?finding=")));
        assert!(scan.body.contains("value=\"add-finding\""));
        let plan = browser.get(&format!("/workspaces/{id}?tool=plan")).await;
        assert!(plan.body.contains(&actions_line));
        for warning in &warned {
            assert!(
                plan.body.contains(&escaped(warning)),
                "copy {id}: {warning}"
            );
        }
    }

    // In "your data", each copy's findings, factors and actions, their
    // links pointing at the copy's own ids.
    let data = browser.json("/account/data.json").await;
    let investigations = data["investigations"].as_array().expect("investigations");
    assert_eq!(investigations.len(), 2, "{data}");
    let example_json = serde_json::to_value(&example).unwrap();
    let without = |items: &serde_json::Value, keys: &[&str]| -> Vec<serde_json::Value> {
        let mut items: Vec<serde_json::Value> = items
            .as_array()
            .expect("a list")
            .iter()
            .map(|item| {
                let mut item = item.clone();
                for key in keys {
                    item.as_object_mut().expect("an object").remove(*key);
                }
                item
            })
            .collect();
        items.sort_by_key(|item| item.to_string());
        items
    };
    let ids = |items: &serde_json::Value| -> BTreeSet<i64> {
        items
            .as_array()
            .unwrap()
            .iter()
            .map(|item| item["id"].as_i64().unwrap())
            .collect()
    };
    let linked = |items: &serde_json::Value, key: &str| -> BTreeSet<i64> {
        items
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|item| {
                item[key]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|id| id.as_i64().unwrap())
            })
            .collect()
    };
    for investigation in investigations {
        let findings = &investigation["seips_findings"];
        let factors = &investigation["contributory_factors"];
        let actions = &investigation["safety_actions"];
        assert_eq!(
            without(findings, &["id", "evidence"]),
            without(&example_json["findings"], &["id", "evidence"]),
            "{investigation}"
        );
        assert_eq!(
            without(factors, &["id", "findings"]),
            without(&example_json["factors"], &["id", "findings"])
        );
        assert_eq!(
            without(actions, &["id", "factors"]),
            without(&example_json["actions"], &["id", "factors"])
        );
        let entry_ids = ids(&investigation["timeline"]);
        assert!(
            linked(findings, "evidence").is_subset(&entry_ids),
            "{investigation}"
        );
        assert!(linked(factors, "findings").is_subset(&ids(findings)));
        assert!(linked(actions, "factors").is_subset(&ids(factors)));
    }
    let first_finding = &investigations[0]["seips_findings"][0];
    assert!(first_finding["element"].is_string());
    assert!(first_finding["kind"].is_string());
    let some_action = &investigations[0]["safety_actions"][0];
    for key in [
        "description",
        "intervention",
        "strength",
        "strength_reason",
        "owner",
        "due",
        "measure",
        "status",
        "factors",
    ] {
        assert!(!some_action[key].is_null(), "{key}: {some_action}");
    }

    // Gone with the account, from every table.
    let deleted = browser
        .post("/account/delete", &[("password", PASSWORD)])
        .await;
    assert_eq!(deleted.location.as_deref(), Some("/account-deleted"));
    for table in [
        "workspaces",
        "workspace_entries",
        "workspace_findings",
        "workspace_finding_evidence",
        "workspace_factors",
        "workspace_factor_findings",
        "workspace_actions",
        "workspace_action_factors",
    ] {
        assert_eq!(total(&app, table).await, 0, "{table}");
    }
}

crate::both_backends!(
    a_factors_change_form_ticks_only_its_own_elements,
    a_member_builds_from_timeline_to_actions,
    anyone_reads_the_example_and_a_member_copies_it,
    bad_input_and_other_members_items_are_refused,
    changing_only_the_kind_of_change_takes_its_suggested_strength,
    posts_at_once_and_the_limits,
);
