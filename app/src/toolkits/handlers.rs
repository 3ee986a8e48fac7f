//! The workspace forms' posts, for members without JavaScript (and the
//! first version of the tools for everyone): starting an investigation,
//! changing or deleting it, and adding, changing and deleting timeline
//! entries. Each form posts to its page, so a refusal shows that page
//! again with the messages and what was typed.

use axum::extract::{FromRef, Path, State};
use axum::http::StatusCode;
use serde::Deserialize;

use super::repo::{self, Change, Written};
use super::timeline::{parse_entry, EntryInput};
use super::types::{parse_details, DetailsInput, MAX_ENTRIES, MAX_WORKSPACES};
use crate::addresses::row_id;
use crate::web::access::{Access, Endpoints};
use crate::web::form::{
    done, not_found, refuse, show_field_errors, Failure, Outcome, SignedIn, SubmittedForm,
    WebContext,
};

pub fn routes<S>() -> Endpoints<S>
where
    S: Clone + Send + Sync + 'static,
    WebContext: FromRef<S>,
{
    Endpoints::new()
        .post("/workspaces", Access::SignedIn, start)
        .post("/workspaces/{id}", Access::SignedIn, change)
}

fn now() -> i64 {
    chrono::Utc::now().timestamp()
}

/// Which of the workspace page's forms was sent, and what it names.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct ActionInput {
    action: String,
    /// The version of the workspace the page showed.
    version: String,
    entry: String,
    confirm: String,
}

const STALE: &str = "This investigation has changed since this page was opened (in another tab, perhaps): nothing was saved. Check it as it is now and make your change again.";

/// An addition from an older page is often the second of a double click.
const STALE_ADD: &str = "This investigation has changed since this page was opened, so this entry was not added: check the timeline below (it may be there already) before adding it again.";

/// `POST /workspaces`: starts an investigation, or (`action=copy-example`)
/// copies the example into the member's own.
async fn start(
    State(context): State<WebContext>,
    SignedIn(member): SignedIn,
    form: SubmittedForm,
) -> Outcome {
    let copying = form.input::<ActionInput>()?.action == "copy-example";
    let (page, details, entries) = if copying {
        let example = super::example::example().map_err(Failure::Internal)?;
        ("/workspaces/example", example.details, example.entries)
    } else {
        match parse_details(&form.input::<DetailsInput>()?) {
            Ok(details) => ("/workspaces", details, Vec::new()),
            Err(problems) => {
                return Ok(show_field_errors(&context, form, "/workspaces", problems).await)
            }
        }
    };
    match repo::create(&context.db, member.id, &details, &entries, now()).await? {
        Written::Done(id) => Ok(done(
            &form.viewer,
            &format!("/workspaces/{id}"),
            if copying {
                format!("Copied “{}” into your investigations: it is yours to change", details.title)
            } else {
                format!("Investigation “{}” started", details.title)
            },
        )
        .await),
        _ => Ok(refuse(
            &context,
            form,
            page,
            StatusCode::CONFLICT,
            if copying { "copy" } else { "title" },
            format!("You have {MAX_WORKSPACES} investigations, the most you can keep: delete one you no longer need first"),
        )
        .await),
    }
}

/// `POST /workspaces/{id}`: the workspace's forms, told apart by `action`:
/// `details`, `delete` (with `confirm=yes`), `add`, and `change` and
/// `remove` (with `entry`; `remove` with `confirm=yes`). Each carries the
/// `version` its page showed: a double click adds one entry, not two.
async fn change(
    State(context): State<WebContext>,
    SignedIn(member): SignedIn,
    Path(id): Path<String>,
    form: SubmittedForm,
) -> Outcome {
    let db = &context.db;
    let Some(workspace) = (match row_id(&id) {
        Some(id) => repo::workspace(db, member.id, id).await?,
        None => None,
    }) else {
        let page = format!("/workspaces/{}", row_id(&id).unwrap_or(0));
        return Ok(not_found(&context, form, &page).await);
    };
    let id = workspace.id;
    let overview = format!("/workspaces/{id}");
    let input: ActionInput = form.input()?;
    let version = input.version.trim().parse::<i64>().ok();
    let entry = row_id(&input.entry).filter(|entry| {
        workspace
            .entries
            .iter()
            .any(|existing| existing.id == *entry)
    });
    // The page each form is on, shown again if it is refused.
    let (page, problem_field) = match (input.action.as_str(), entry) {
        ("details", _) => (format!("{overview}?edit=details"), "title"),
        ("delete", _) => (format!("{overview}?edit=delete"), "confirm"),
        ("add", _) => (overview.clone(), "date"),
        ("change", Some(entry)) => (format!("{overview}?entry={entry}"), "date"),
        ("remove", Some(entry)) => (format!("{overview}?entry={entry}&delete=yes"), "confirm"),
        // Not in this investigation: deleted since the page was shown (a
        // double click, another tab) when the page is older than it, else
        // never there.
        ("change" | "remove", None) if version == Some(workspace.version) => {
            let page = format!("{overview}?entry={}", row_id(&input.entry).unwrap_or(0));
            return Ok(not_found(&context, form, &page).await);
        }
        ("change" | "remove", None) => (overview.clone(), "date"),
        _ => {
            return Ok(refuse(
                &context,
                form,
                &overview,
                StatusCode::UNPROCESSABLE_ENTITY,
                "date",
                "Use one of the page's buttons",
            )
            .await)
        }
    };
    // A form from an older page is refused before it is read, so that a
    // refusal for its own input (shown with the version as it is now)
    // cannot carry it past a change made meanwhile.
    // An addition from an older page says it may be there already.
    let stale = if input.action == "add" {
        STALE_ADD
    } else {
        STALE
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
    let others: Vec<i64> = workspace
        .entries
        .iter()
        .map(|existing| existing.id)
        .filter(|existing| Some(*existing) != entry)
        .collect();
    let (written, notice, to) = match input.action.as_str() {
        "details" => {
            let details = match parse_details(&form.input::<DetailsInput>()?) {
                Ok(details) => details,
                Err(problems) => {
                    return Ok(show_field_errors(&context, form, &page, problems).await)
                }
            };
            let written =
                repo::change(db, member.id, id, version, Change::Details(&details), now()).await?;
            (written, "Details saved".to_string(), overview.clone())
        }
        "delete" | "remove" if input.confirm != "yes" => {
            return Ok(refuse(
                &context,
                form,
                &page,
                StatusCode::UNPROCESSABLE_ENTITY,
                problem_field,
                "Use the button to confirm",
            )
            .await)
        }
        "delete" => {
            let written = repo::change(db, member.id, id, version, Change::Delete, now()).await?;
            let notice = format!("Investigation “{}” deleted", workspace.details.title);
            (written, notice, "/workspaces".to_string())
        }
        "add" | "change" => {
            let draft = match parse_entry(&form.input::<EntryInput>()?, &others) {
                Ok(draft) => draft,
                Err(problems) => {
                    return Ok(show_field_errors(&context, form, &page, problems).await)
                }
            };
            let (change, notice) = match entry {
                Some(entry) if input.action == "change" => {
                    (Change::ChangeEntry(entry, &draft), "Entry saved")
                }
                _ => (Change::AddEntry(&draft), "Entry added to the timeline"),
            };
            let written = repo::change(db, member.id, id, version, change, now()).await?;
            (written, notice.to_string(), format!("{overview}#timeline"))
        }
        _ => {
            let entry = entry.unwrap_or(0);
            let written = repo::change(
                db,
                member.id,
                id,
                version,
                Change::DeleteEntry(entry),
                now(),
            )
            .await?;
            (
                written,
                "Entry deleted".to_string(),
                format!("{overview}#timeline"),
            )
        }
    };
    match written {
        Written::Done(_) => Ok(done(&form.viewer, &to, notice).await),
        // Changed between the check above and the write: shown as above.
        Written::Stale | Written::NotFound if matches!(input.action.as_str(), "change" | "remove") => {
            Ok(refuse(&context, form, &overview, StatusCode::CONFLICT, "date", stale).await)
        }
        Written::Stale => Ok(refuse(&context, form, &page, StatusCode::CONFLICT, problem_field, stale).await),
        Written::NotFound => Ok(not_found(&context, form, &page).await),
        Written::Full => Ok(refuse(
            &context,
            form,
            &page,
            StatusCode::CONFLICT,
            problem_field,
            format!("This timeline has {MAX_ENTRIES} entries, the most it can hold: combine or delete some first"),
        )
        .await),
    }
}
