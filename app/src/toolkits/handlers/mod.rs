//! The workspace forms' posts, for members without JavaScript (and the
//! first version of the tools for everyone): starting an investigation,
//! changing or deleting it, and adding, changing and deleting its timeline
//! entries, SEIPS findings, contributory factors and safety actions. Each
//! form posts to its page, so a refusal shows that page again with the
//! messages and what was typed. Sharing has its own (`sharing`), and so
//! does importing a file (`import`).

mod form_action;
mod import;
mod local;
mod sharing;
mod start;

pub use import::{IMPORT_BODY_BYTES, IMPORT_PATH};

use axum::extract::{FromRef, Path, State};
use axum::http::StatusCode;
use serde::Deserialize;

use super::actions::{parse_action, ActionInput};
use super::analysis::{parse_factor, parse_finding, FactorInput, FindingInput};
use super::downloads;
use super::local::LOCAL_PAGE;

use super::repo::{self, Change, Draft, Part, Written};
use super::sharing::Deed;
use super::timeline::{parse_entry, EntryInput};
use super::types::{parse_details, DetailsInput};
use crate::addresses::row_id;
use crate::web::access::{Access, Endpoints};
use crate::web::form::{
    done, not_found, refuse, show_field_errors, Outcome, SignedIn, SubmittedForm, WebContext,
};
use form_action::{form_action, FormAction, Target, Verb};

pub fn routes<S>() -> Endpoints<S>
where
    S: Clone + Send + Sync + 'static,
    WebContext: FromRef<S>,
{
    Endpoints::new()
        .get("/sw.js", Access::Public, service_worker)
        .post("/workspaces", Access::SignedIn, start::start)
        // A fixed address: axum matches it before the numbered one.
        .post(IMPORT_PATH, Access::SignedIn, import::import)
        .post(LOCAL_PAGE, Access::SignedIn, local::save)
        .post("/workspaces/{id}", Access::SignedIn, change)
        // The example's files are anyone's (axum matches the fixed
        // address before the numbered one).
        .get(
            "/workspaces/example/report.md",
            Access::Public,
            downloads::example_report,
        )
        .get(
            "/workspaces/example/workspace.json",
            Access::Public,
            downloads::example_workspace,
        )
        .get(
            "/workspaces/{id}/report.md",
            Access::SignedIn,
            downloads::report_file,
        )
        .get(
            "/workspaces/{id}/workspace.json",
            Access::SignedIn,
            downloads::workspace_file,
        )
}

/// The service worker that keeps the timeline in the browser working
/// with no network (see the file). Its own policy lets it fetch from the
/// hub only; browsers check it again on each visit (`no-cache`, set for
/// every address outside `/pkg/`).
async fn service_worker() -> axum::response::Response {
    use axum::http::header;
    use axum::response::IntoResponse;
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (
                header::CONTENT_SECURITY_POLICY,
                "default-src 'none'; connect-src 'self'",
            ),
        ],
        include_str!("../sw.js"),
    )
        .into_response()
}

fn now() -> i64 {
    chrono::Utc::now().timestamp()
}

/// Which of the workspace page's forms was sent, and what it names.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct FormInput {
    action: String,
    /// The version of the workspace the page showed.
    version: String,
    /// The timeline entry changed or deleted.
    entry: String,
    /// The finding, factor or safety action changed or deleted.
    item: String,
    confirm: String,
    /// The investigation copied (`action=copy`).
    from: String,
}

const STALE: &str = "This investigation has changed since this page was opened (in another tab, perhaps): nothing was saved. Check it as it is now and make your change again.";

/// An addition from an older page is often the second of a double click.
fn stale_add(target: Target) -> String {
    let (noun, list) = match target {
        Target::Entry => ("entry", "timeline"),
        Target::Part(Part::Finding) => ("finding", "findings"),
        Target::Part(Part::Factor) => ("factor", "factors"),
        Target::Part(Part::Action) => ("action", "actions"),
    };
    format!("This investigation has changed since this page was opened, so this {noun} was not added: check the {list} on this page (it may be there already) before adding it again.")
}

/// `POST /workspaces/{id}`: the workspace's forms, told apart by `action`
/// ([`form_action`]; the sharing forms' go to [`sharing::post`]), changes
/// and deletions naming their `entry` or `item`, deletions with
/// `confirm=yes`. Each carries the `version` its
/// page showed: a double click adds one, not two.
async fn change(
    State(context): State<WebContext>,
    SignedIn(member): SignedIn,
    Path(id): Path<String>,
    form: SubmittedForm,
) -> Outcome {
    let db = &context.db;
    let Some(opened) = (match row_id(&id) {
        Some(id) => repo::open(db, member.id, id).await?,
        None => None,
    }) else {
        let page = format!("/workspaces/{}", row_id(&id).unwrap_or(0));
        return Ok(not_found(&context, form, &page).await);
    };
    let input: FormInput = form.input()?;
    if matches!(input.action.as_str(), "share" | "unshare" | "leave") {
        return sharing::post(&context, &member, opened, form).await;
    }
    let standing = opened.standing;
    let workspace = opened.workspace;
    let id = workspace.id;
    let overview = format!("/workspaces/{id}");
    let version = input.version.trim().parse::<i64>().ok();
    let Some(action) = form_action(&input.action) else {
        return Ok(refuse(
            &context,
            form,
            &overview,
            StatusCode::UNPROCESSABLE_ENTITY,
            "date",
            "Use one of the page's buttons",
        )
        .await);
    };
    // A member it is shared with may not do everything: refused on the
    // workspace's page, beside what it says about their standing.
    let deed = match action {
        FormAction::Delete => Deed::Delete,
        _ => Deed::Change,
    };
    if let Err(why) = standing.may(deed) {
        return Ok(refuse(
            &context,
            form,
            &overview,
            StatusCode::FORBIDDEN,
            "sharing",
            why,
        )
        .await);
    }
    // The item named, if it is in this investigation.
    let named = |target: Target| {
        let typed = if target == Target::Entry {
            &input.entry
        } else {
            &input.item
        };
        let typed = row_id(typed);
        (
            typed,
            typed.filter(|item| target.ids(&workspace).contains(item)),
        )
    };
    // The page each form is on, shown again if it is refused, and the
    // field a refusal of the whole form is shown beside.
    let (page, problem_field, item) = match action {
        FormAction::Details => (format!("{overview}?edit=details"), "title", None),
        FormAction::Delete => (format!("{overview}?edit=delete"), "confirm", None),
        FormAction::Item(Verb::Add, target) => (
            format!("{overview}{}", target.tool()),
            target.first_field(),
            None,
        ),
        FormAction::Item(verb, target) => match named(target) {
            (_, Some(item)) if verb == Verb::Change => (
                format!("{overview}?{}={item}", target.query()),
                target.first_field(),
                Some(item),
            ),
            (_, Some(item)) => (
                format!("{overview}?{}={item}&delete=yes", target.query()),
                "confirm",
                Some(item),
            ),
            // Not in this investigation: deleted since the page was shown
            // (a double click, another tab) when the page is older than
            // it, else never there.
            (typed, None) if version == Some(workspace.version) => {
                let page = format!("{overview}?{}={}", target.query(), typed.unwrap_or(0));
                return Ok(not_found(&context, form, &page).await);
            }
            (_, None) => (
                format!("{overview}{}", target.tool()),
                target.first_field(),
                None,
            ),
        },
    };
    // A form from an older page is refused before it is read, so that a
    // refusal for its own input (shown with the version as it is now)
    // cannot carry it past a change made meanwhile.
    let stale = match action {
        FormAction::Item(Verb::Add, target) => stale_add(target),
        _ => STALE.to_string(),
    };
    let Some(version) = version.filter(|version| *version == workspace.version) else {
        return Ok(refuse(
            &context,
            form,
            &page,
            StatusCode::CONFLICT,
            problem_field,
            stale,
        )
        .await);
    };
    let removing = matches!(
        action,
        FormAction::Delete | FormAction::Item(Verb::Remove, _)
    );
    if removing && input.confirm != "yes" {
        return Ok(refuse(
            &context,
            form,
            &page,
            StatusCode::UNPROCESSABLE_ENTITY,
            problem_field,
            "Use the button to confirm",
        )
        .await);
    }
    macro_rules! parsed {
        ($result:expr) => {
            match $result {
                Ok(parsed) => parsed,
                Err(problems) => {
                    return Ok(show_field_errors(&context, form, &page, problems).await)
                }
            }
        };
    }
    let now = now();
    let (written, notice, to) = match action {
        FormAction::Details => {
            let details = parsed!(parse_details(&form.input::<DetailsInput>()?));
            let written =
                repo::change(db, member.id, id, version, Change::Details(&details), now).await?;
            (written, "Details saved".to_string(), overview.clone())
        }
        FormAction::Delete => {
            let written = repo::change(db, member.id, id, version, Change::Delete, now).await?;
            let notice = format!("Investigation “{}” deleted", workspace.details.title);
            (written, notice, "/workspaces".to_string())
        }
        FormAction::Item(verb, target) => {
            let back = format!("{overview}{}{}", target.tool(), target.anchor());
            let notice = match verb {
                Verb::Add if target == Target::Entry => "Entry added to the timeline".to_string(),
                Verb::Add => format!("{} added", target.name()),
                Verb::Change => format!("{} saved", target.name()),
                Verb::Remove => format!("{} deleted", target.name()),
            };
            let item = item.unwrap_or(0);
            let written = match (verb, target) {
                (Verb::Remove, Target::Entry) => {
                    repo::change(db, member.id, id, version, Change::DeleteEntry(item), now).await?
                }
                (Verb::Remove, Target::Part(part)) => {
                    repo::change(db, member.id, id, version, Change::Remove(part, item), now)
                        .await?
                }
                (_, Target::Entry) => {
                    let others: Vec<i64> = Target::Entry
                        .ids(&workspace)
                        .into_iter()
                        .filter(|other| *other != item)
                        .collect();
                    let draft = parsed!(parse_entry(&form.input::<EntryInput>()?, &others));
                    let change = if verb == Verb::Change {
                        Change::ChangeEntry(item, &draft)
                    } else {
                        Change::AddEntry(&draft)
                    };
                    repo::change(db, member.id, id, version, change, now).await?
                }
                (_, Target::Part(part)) => {
                    let finding;
                    let factor;
                    let safety_action;
                    let draft = match part {
                        Part::Finding => {
                            let entries = Target::Entry.ids(&workspace);
                            finding =
                                parsed!(parse_finding(&form.input::<FindingInput>()?, &entries));
                            Draft::Finding(&finding)
                        }
                        Part::Factor => {
                            factor = parsed!(parse_factor(
                                &form.input::<FactorInput>()?,
                                &workspace.findings
                            ));
                            Draft::Factor(&factor)
                        }
                        Part::Action => {
                            let factors = Target::Part(Part::Factor).ids(&workspace);
                            safety_action =
                                parsed!(parse_action(&form.input::<ActionInput>()?, &factors));
                            Draft::Action(&safety_action)
                        }
                    };
                    let change = if verb == Verb::Change {
                        Change::Update(item, draft)
                    } else {
                        Change::Add(draft)
                    };
                    repo::change(db, member.id, id, version, change, now).await?
                }
            };
            (written, notice, back)
        }
    };
    let target = match action {
        FormAction::Item(_, target) => Some(target),
        _ => None,
    };
    match written {
        Written::Done(_) => Ok(done(&form.viewer, &to, notice).await),
        // Changed between the check above and the write: shown as above.
        // Deleted between the check above and the write (another tab):
        // its list, with what was typed kept (the item is gone, so adding
        // it again is no duplicate), as an older page's post about it is.
        Written::NotFound if item.is_some() => {
            let list = format!("{overview}{}", target.map(Target::tool).unwrap_or_default());
            let field = target.map(Target::first_field).unwrap_or("date");
            Ok(refuse(&context, form, &list, StatusCode::CONFLICT, field, stale).await)
        }
        Written::Stale => Ok(refuse(
            &context,
            form,
            &page,
            StatusCode::CONFLICT,
            problem_field,
            stale,
        )
        .await),
        Written::NotFound => Ok(not_found(&context, form, &page).await),
        Written::Full => {
            let message = target.map(Target::limit).unwrap_or_default();
            Ok(refuse(
                &context,
                form,
                &page,
                StatusCode::CONFLICT,
                problem_field,
                message,
            )
            .await)
        }
    }
}
