//! The authorisation matrix: every page route, HTTP endpoint and server
//! function against anonymous, member, contributor, curator and admin
//! viewers. The set of endpoints is read from the running code, so a new
//! endpoint without an entry in [`expected`] fails this test.

use std::collections::BTreeMap;

use crate::support::accounts::{create_user, signed_in, Browser, Page};
use crate::support::{spawn_app_with_demo, Backend};
use app::accounts::Role;
use app::web::access::Denied;
use reqwest::{Method, StatusCode};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Who {
    Anyone,
    SignedIn,
    Contributor,
    Curator,
    Admin,
}

/// Who may use each endpoint, by "METHOD path" (paths in axum's syntax),
/// and for server functions by name with the arguments to send.
fn expected() -> BTreeMap<String, Who> {
    use Who::*;
    let mut table = BTreeMap::new();
    let mut add = |key: &str, who: Who| {
        assert!(
            table.insert(key.to_string(), who).is_none(),
            "{key} listed twice"
        );
    };
    for page in [
        "/",
        "/about",
        "/resources",
        "/resources/{slug}",
        "/resources/{slug}/lessons/{position}",
        "/toolkits",
        "/sectors/{slug}",
        "/organisations",
        "/organisations/{slug}",
        "/register",
        "/register/check-email",
        "/sign-in",
        "/sign-in/code",
        "/signed-out",
        "/account-deleted",
        "/verify-email/{token}",
        "/forgot-password",
        "/forgot-password/sent",
        "/reset-password/{token}",
        "/confirm-email/{token}",
        "/healthz",
        "/readyz",
        "/api/v1/resources",
        "/api/v1/resources/{slug}",
        "/api/v1/organisations",
        "/api/v1/openapi.json",
        "/network",
        "/network/members/{handle}",
        "/accessibility",
        "/privacy",
        "/cookies",
        "/contact",
        "/community-rules",
        "/feedback",
        "/robots.txt",
        "/sitemap.xml",
        "/sw.js",
        "/collections/{token}",
        "/credentials/{id}",
        "/credentials/check",
        "/credentials/revocations.json",
        "/.well-known/jwks.json",
        "/workspaces",
        "/workspaces/local",
        "/workspaces/example/report.md",
        "/workspaces/example/workspace.json",
    ] {
        add(&format!("GET {page}"), Anyone);
    }
    for page in [
        "/account",
        "/account/password",
        "/account/email",
        "/account/delete",
        "/account/mfa",
        "/account/recovery-codes",
        "/account/profile",
        "/account/data.json",
        "/network/connections",
        "/network/messages",
        "/network/messages/{handle}",
        "/report/{kind}/{target}",
        "/account/reports",
        "/account/learning",
        "/account/learning/cpd/new",
        "/account/learning/cpd/print",
        "/account/learning/cpd/{id}",
        "/account/learning/cpd.csv",
        "/account/capability",
        "/account/collections",
        "/account/collections/{id}",
        "/credentials/{id}/credential.json",
        "/credentials/{id}/certificate.pdf",
        "/workspaces/import",
        "/workspaces/{id}",
        "/workspaces/{id}/report.md",
        "/workspaces/{id}/workspace.json",
    ] {
        add(&format!("GET {page}"), SignedIn);
    }
    for page in [
        "/curation",
        "/curation/searches",
        "/curation/review-dates",
        "/curation/links",
        "/curation/export",
        "/curation/export.json",
        "/curation/export.csv",
        "/curation/usefulness",
        "/curation/usefulness/{slug}",
    ] {
        add(&format!("GET {page}"), Curator);
    }
    for function in [
        "get_missed_searches",
        "get_review_dates",
        "get_link_report",
        "review_queue",
        "load_organisation_form",
        "load_moderation_queue",
        "load_report_case",
        "load_usefulness_report",
        "load_resource_usefulness",
    ] {
        add(&format!("FN {function}"), Curator);
    }
    for page in [
        "/curation/queue",
        "/curation/organisations",
        "/curation/organisations/new",
        "/curation/organisations/{slug}",
        "/curation/reports",
        "/curation/reports/{id}",
    ] {
        add(&format!("GET {page}"), Curator);
    }
    for form in [
        "/contribute/{slug}/duplicates",
        "/curation/organisations/new",
        "/curation/organisations/{slug}",
        "/curation/reports/{id}",
    ] {
        add(&format!("POST {form}"), Curator);
    }
    for page in [
        "/contribute",
        "/contribute/new",
        "/contribute/{slug}",
        "/contribute/{slug}/edit",
        "/contribute/{slug}/history",
        "/contribute/{slug}/lessons/new",
        "/contribute/{slug}/lessons/{position}",
    ] {
        add(&format!("GET {page}"), Contributor);
    }
    for form in [
        "/contribute/new",
        "/contribute/{slug}/edit",
        "/contribute/{slug}/workflow",
        "/contribute/{slug}/restore",
        "/contribute/{slug}/lessons/new",
        "/contribute/{slug}/lessons/{position}",
    ] {
        add(&format!("POST {form}"), Contributor);
    }
    for function in [
        "contribution_editor",
        "lesson_editor",
        "get_contribution",
        "contribution_history",
        "my_contributions",
    ] {
        add(&format!("FN {function}"), Contributor);
    }
    for page in [
        "/admin/users",
        "/admin/users/{id}",
        "/admin/audit",
        "/admin/feedback",
    ] {
        add(&format!("GET {page}"), Admin);
    }
    for form in [
        "/register",
        "/sign-in",
        "/sign-in/code",
        "/verify-email/{token}",
        "/forgot-password",
        "/reset-password/{token}",
        "/confirm-email/{token}",
        "/sign-out",
        "/feedback",
        "/credentials/check",
    ] {
        add(&format!("POST {form}"), Anyone);
    }
    for form in [
        "/account/password",
        "/account/email",
        "/account/delete",
        "/account/mfa",
        "/account/mfa/disable",
        "/account/recovery-codes",
        "/account/sign-out-everywhere",
        "/account/profile",
        "/network/members/{handle}/connect",
        "/network/members/{handle}/remove",
        "/network/members/{handle}/block",
        "/network/members/{handle}/unblock",
        "/network/requests/{id}/{answer}",
        "/network/messages/{handle}",
        "/report/{kind}/{target}",
        "/learning/progress",
        "/account/learning/cpd/new",
        "/account/learning/cpd/{id}",
        "/account/learning/cpd/{id}/delete",
        "/account/learning/recent/clear",
        "/account/capability",
        "/resources/{slug}",
        "/resources/{slug}/lessons/{position}",
        "/account/collections",
        "/account/collections/{id}",
        "/collections/{token}",
        "/credentials/{id}",
        "/workspaces",
        "/workspaces/{id}",
        "/workspaces/import",
        "/workspaces/local",
    ] {
        add(&format!("POST {form}"), SignedIn);
    }
    for form in [
        "/admin/users/{id}/role",
        "/admin/users/{id}/status",
        "/admin/users/{id}/sessions",
    ] {
        add(&format!("POST {form}"), Admin);
    }
    for function in [
        "search_resources",
        "suggest_titles",
        "home_highlights",
        "get_resource",
        "get_lesson",
        "sector_overview",
        "list_organisations",
        "get_organisation",
        "load_form_state",
        "current_viewer",
        "link_is_live",
        "network_directory",
        "member_profile",
        "load_statement",
        "load_lesson_end",
        "load_reader_panels",
        "load_shared_collection",
        "load_credential",
        "workspace_page",
    ] {
        add(&format!("FN {function}"), Anyone);
    }
    for function in [
        "get_account_overview",
        "get_mfa_setup",
        "new_recovery_codes",
        "profile_form",
        "get_connections",
        "conversation_list",
        "conversation_with",
        "preview_markdown",
        "load_report_subject",
        "own_reports",
        "load_learning_record",
        "load_capability",
        "load_cpd_entry",
        "load_collections",
        "load_collection",
        "load_collection_item",
    ] {
        add(&format!("FN {function}"), SignedIn);
    }
    for function in ["admin_users", "admin_user", "audit_log", "list_feedback"] {
        add(&format!("FN {function}"), Admin);
    }
    table
}

/// Arguments for each server function (sent as a query string).
fn arguments(function: &str, target: i64) -> String {
    match function {
        "search_resources" => "query=q%3Dtimeline".into(),
        "suggest_titles" => "typed=time".into(),
        "get_resource" | "sector_overview" | "get_organisation" => "slug=primary-care".into(),
        "get_lesson" => "slug=x&position=1".into(),
        "load_reader_panels" => "slug=foundations-of-systems-based-investigation".into(),
        "load_lesson_end" => "slug=foundations-of-systems-based-investigation&position=1".into(),
        "load_cpd_entry" | "load_collection" => "id=1".into(),
        "workspace_page" => "query=".into(),
        "load_collection_item" => "id=1&resource=1".into(),
        "load_shared_collection" => "token=nothing".into(),
        "load_credential" => "id=nothing".into(),
        "link_is_live" => "token=x&purpose=verify".into(),
        "admin_users" => "query=&page=1".into(),
        "admin_user" => format!("id={target}"),
        "audit_log" | "list_feedback" => "page=1".into(),
        "load_statement" => "path=%2Fprivacy".into(),
        "load_report_subject" => "kind=message&target=1".into(),
        "load_report_case" => format!("id={target}"),
        "load_resource_usefulness" => "slug=timeline-mapping".into(),
        "network_directory" => "query=".into(),
        "member_profile" | "conversation_with" => "handle=nobody".into(),
        "contribution_editor" | "get_contribution" | "contribution_history" => {
            "slug=primary-care".into()
        }
        "lesson_editor" => "slug=primary-care&position=1".into(),
        "review_queue" => "kind=&sector=&waiting=".into(),
        "load_organisation_form" => "slug=primary-care-safety-network".into(),
        "preview_markdown" => "text=hello".into(),
        _ => String::new(),
    }
}

/// Everything the running code serves: page routes, listed endpoints and
/// registered server functions, with the path to request.
fn enumerate(target: i64) -> Vec<(String, Method, String)> {
    let fill = |path: &str| {
        path.replace("{slug}", "primary-care")
            .replace("{position}", "1")
            .replace("{token}", &"x".repeat(43))
            .replace("{id}", &target.to_string())
            .replace("{handle}", "nobody")
            .replace("{answer}", "accept")
            .replace("{kind}", "message")
            .replace("{target}", "1")
    };
    let mut all = Vec::new();
    for route in server::startup::route_list() {
        let path = route.path().to_string();
        let path = if path.is_empty() {
            "/".to_string()
        } else {
            path
        };
        all.push((format!("GET {path}"), Method::GET, fill(&path)));
    }
    for endpoint in server::startup::http_endpoints().list() {
        all.push((
            format!("{} {}", endpoint.method, endpoint.path),
            endpoint.method.clone(),
            fill(endpoint.path),
        ));
    }
    for (path, method) in leptos::server_fn::axum::server_fn_paths() {
        let name = path
            .trim_start_matches("/api/")
            .trim_end_matches(|c: char| c.is_ascii_digit());
        let query = arguments(name, target);
        let method = if method == Method::POST {
            Method::POST
        } else {
            Method::GET
        };
        all.push((format!("FN {name}"), method, format!("{path}?{query}")));
    }
    all.sort();
    all.dedup_by(|a, b| a.0 == b.0);
    all
}

/// Whether the answer is a refusal by the authorisation layer: for pages a
/// redirect to where it can be fixed, otherwise 401/403 saying why.
fn refused(method: &Method, page: &Page) -> bool {
    let redirected_to_fix = *method == Method::GET
        && page.status == StatusCode::SEE_OTHER
        && page
            .location
            .as_deref()
            .is_some_and(|to| to.starts_with("/sign-in?next=") || to == "/account/mfa");
    let denied = matches!(
        page.status,
        StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN
    ) && [
        Denied::SignInFirst,
        Denied::Forbidden,
        Denied::SetUpMfaFirst,
    ]
    .iter()
    .any(|denied| page.body.contains(denied.message()));
    redirected_to_fix || denied
}

async fn every_endpoint_allows_exactly_the_expected_roles(backend: Backend) {
    let app = spawn_app_with_demo(backend).await;
    let target = create_user(&app, "target@example.org", Role::Member).await;
    let mut viewers = vec![("anonymous", None, Browser::new(&app))];
    for role in Role::ALL {
        let user = create_user(&app, &format!("{}@example.org", role.slug()), role).await;
        viewers.push((role.slug(), Some(role), signed_in(&app, &user).await));
    }

    let table = expected();
    let mut endpoints = enumerate(target.id);
    let served: Vec<&String> = endpoints.iter().map(|(key, _, _)| key).collect();
    let unlisted: Vec<&&String> = served
        .iter()
        .filter(|key| !table.contains_key(**key))
        .collect();
    assert!(
        unlisted.is_empty(),
        "endpoints with no entry in the authorisation table: {unlisted:?}"
    );
    let gone: Vec<&String> = table.keys().filter(|key| !served.contains(key)).collect();
    assert!(
        gone.is_empty(),
        "table entries for endpoints that no longer exist: {gone:?}"
    );

    // Signing out is last, so every other request is made signed in.
    endpoints.sort_by_key(|(key, _, _)| key.contains("sign-out"));
    let mut wrong = Vec::new();
    for (key, method, path) in &endpoints {
        for (name, role, browser) in &viewers {
            let page = if *method == Method::POST {
                // Server functions that post take their arguments in the body.
                let (path, query) = path.split_once('?').unwrap_or((path, ""));
                let fields: Vec<(String, String)> = url::form_urlencoded::parse(query.as_bytes())
                    .into_owned()
                    .collect();
                let fields: Vec<(&str, &str)> = fields
                    .iter()
                    .map(|(k, v)| (k.as_str(), v.as_str()))
                    .collect();
                browser.post(path, &fields).await
            } else {
                browser.get(path).await
            };
            let should_allow = match table[key] {
                Who::Anyone => true,
                Who::SignedIn => role.is_some(),
                Who::Contributor => role.is_some_and(|role| role >= Role::Contributor),
                Who::Curator => role.is_some_and(|role| role >= Role::Curator),
                Who::Admin => *role == Some(Role::Admin),
            };
            if refused(method, &page) == should_allow {
                wrong.push(format!(
                    "{key} as {name}: {} (expected {})",
                    page.status,
                    if should_allow { "allowed" } else { "refused" }
                ));
            }
            assert!(
                page.status != StatusCode::INTERNAL_SERVER_ERROR,
                "{key} as {name} failed: {}",
                page.body
            );
        }
    }
    assert!(
        wrong.is_empty(),
        "authorisation differs from the table:\n{}",
        wrong.join("\n")
    );
}

crate::both_backends!(every_endpoint_allows_exactly_the_expected_roles);
