//! The workspace forms' posts, for members without JavaScript (and the
//! first version of the tools for everyone): starting an investigation,
//! changing or deleting it, and adding, changing and deleting its timeline
//! entries, SEIPS findings, contributory factors and safety actions. Each
//! form posts to its page, so a refusal shows that page again with the
//! messages and what was typed. Sharing has its own (`sharing`), and so
//! does importing a file (`import`).

mod import;
mod sharing;

pub use import::{IMPORT_BODY_BYTES, IMPORT_PATH};

use axum::extract::{FromRef, Path, State};
use axum::http::StatusCode;
use serde::Deserialize;

use super::actions::{parse_action, ActionInput, MAX_ACTIONS};
use super::analysis::{
    parse_factor, parse_finding, FactorInput, FindingInput, MAX_FACTORS, MAX_FINDINGS,
};
use super::downloads;

use super::repo::{self, Change, Contents, Draft, Part, Written};
use super::sharing::Deed;
use super::timeline::{parse_entry, EntryInput};
use super::types::{parse_details, DetailsInput, Workspace, MAX_ENTRIES, MAX_WORKSPACES};
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
        // A fixed address: axum matches it before the numbered one.
        .post(IMPORT_PATH, Access::SignedIn, import::import)
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

/// What a workspace form does to one of its parts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Verb {
    Add,
    Change,
    Remove,
}

/// A part of the workspace a form adds, changes or deletes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Target {
    Entry,
    Part(Part),
}

/// The form sent, from its `action`: `details`, `delete`, `add`, `change`
/// and `remove` (timeline entries), and `add-`, `change-` and `remove-`
/// `finding`, `factor` or `action`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum FormAction {
    Details,
    Delete,
    Item(Verb, Target),
}

fn form_action(action: &str) -> Option<FormAction> {
    let (verb, target) = match action {
        "details" => return Some(FormAction::Details),
        "delete" => return Some(FormAction::Delete),
        "add" | "change" | "remove" => (action, Target::Entry),
        _ => {
            let (verb, part) = action.split_once('-')?;
            let part = match part {
                "finding" => Part::Finding,
                "factor" => Part::Factor,
                "action" => Part::Action,
                _ => return None,
            };
            (verb, Target::Part(part))
        }
    };
    let verb = match verb {
        "add" => Verb::Add,
        "change" => Verb::Change,
        "remove" => Verb::Remove,
        _ => return None,
    };
    Some(FormAction::Item(verb, target))
}

impl Target {
    /// The address word of one of these (`?entry=3`, `?finding=3`…).
    fn query(self) -> &'static str {
        match self {
            Target::Entry => "entry",
            Target::Part(Part::Finding) => "finding",
            Target::Part(Part::Factor) => "factor",
            Target::Part(Part::Action) => "action",
        }
    }

    /// Where the tool that lists these is (and its add form), within the
    /// workspace's address.
    fn tool(self) -> &'static str {
        match self {
            Target::Entry => "",
            Target::Part(Part::Finding) => "?tool=scan",
            Target::Part(Part::Factor | Part::Action) => "?tool=plan",
        }
    }

    /// Where the list is on its page, to go back to after a change.
    fn anchor(self) -> &'static str {
        match self {
            Target::Entry => "#timeline",
            Target::Part(Part::Finding) => "#finding-list",
            Target::Part(Part::Factor) => "#factor-list",
            Target::Part(Part::Action) => "#action-list",
        }
    }

    /// The form's first field, where a refusal of the whole form is shown.
    fn first_field(self) -> &'static str {
        match self {
            Target::Entry => "date",
            Target::Part(Part::Finding) => "element",
            Target::Part(Part::Factor) => "text",
            Target::Part(Part::Action) => "description",
        }
    }

    /// What one is called in a notice.
    fn name(self) -> &'static str {
        match self {
            Target::Entry => "Entry",
            Target::Part(Part::Finding) => "Finding",
            Target::Part(Part::Factor) => "Contributory factor",
            Target::Part(Part::Action) => "Safety action",
        }
    }

    /// The ids of the workspace's ones.
    fn ids(self, workspace: &Workspace) -> Vec<i64> {
        match self {
            Target::Entry => workspace.entries.iter().map(|entry| entry.id).collect(),
            Target::Part(Part::Finding) => workspace
                .findings
                .iter()
                .map(|finding| finding.id)
                .collect(),
            Target::Part(Part::Factor) => {
                workspace.factors.iter().map(|factor| factor.id).collect()
            }
            Target::Part(Part::Action) => {
                workspace.actions.iter().map(|action| action.id).collect()
            }
        }
    }

    /// The most a workspace holds.
    fn limit(self) -> String {
        match self {
            Target::Entry => format!("This timeline has {MAX_ENTRIES} entries, the most it can hold: combine or delete some first"),
            Target::Part(Part::Finding) => format!("This scan has {MAX_FINDINGS} findings, the most it can hold: combine or delete some first"),
            Target::Part(Part::Factor) => format!("This investigation has {MAX_FACTORS} contributory factors, the most it can hold: combine or delete some first"),
            Target::Part(Part::Action) => format!("This investigation has {MAX_ACTIONS} safety actions, the most it can hold: combine or delete some first"),
        }
    }
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

/// `POST /workspaces`: starts an investigation, or copies one into the
/// member's own: the example (`action=copy-example`), or one shared with
/// them (`action=copy`, `from` its id).
async fn start(
    State(context): State<WebContext>,
    SignedIn(member): SignedIn,
    form: SubmittedForm,
) -> Outcome {
    let input = form.input::<FormInput>()?;
    let original = match input.action.as_str() {
        "copy-example" => Some((
            "/workspaces/example".to_string(),
            super::example::example().map_err(Failure::Internal)?,
        )),
        "copy" => {
            let from = row_id(&input.from);
            let opened = match from {
                Some(from) => repo::open(&context.db, member.id, from).await?,
                None => None,
            };
            match opened {
                Some(opened) => Some((
                    format!("/workspaces/{}", opened.workspace.id),
                    opened.workspace,
                )),
                None => {
                    let page = format!("/workspaces/{}", from.unwrap_or(0));
                    return Ok(not_found(&context, form, &page).await);
                }
            }
        }
        _ => None,
    };
    let copying = original.is_some();
    let (page, details, contents) = match &original {
        Some((page, original)) => (
            page.as_str(),
            original.details.clone(),
            Contents::of(original),
        ),
        None => match parse_details(&form.input::<DetailsInput>()?) {
            Ok(details) => ("/workspaces", details, Contents::default()),
            Err(problems) => {
                return Ok(show_field_errors(&context, form, "/workspaces", problems).await)
            }
        },
    };
    match repo::create(&context.db, member.id, &details, contents, now()).await? {
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
            match input.action.as_str() {
                "copy-example" => "copy",
                "copy" => "sharing",
                _ => "title",
            },
            format!("You have {MAX_WORKSPACES} investigations, the most you can keep: delete one you no longer need first"),
        )
        .await),
    }
}

/// `POST /workspaces/{id}`: the workspace's forms, told apart by `action`
/// ([`form_action`]; the sharing forms' go to [`sharing::post`]), changes and deletions naming their `entry` or
/// `item`, deletions with `confirm=yes`. Each carries the `version` its
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_form_is_its_action() {
        assert_eq!(form_action("details"), Some(FormAction::Details));
        assert_eq!(form_action("delete"), Some(FormAction::Delete));
        assert_eq!(
            form_action("add"),
            Some(FormAction::Item(Verb::Add, Target::Entry))
        );
        assert_eq!(
            form_action("remove"),
            Some(FormAction::Item(Verb::Remove, Target::Entry))
        );
        assert_eq!(
            form_action("change-finding"),
            Some(FormAction::Item(Verb::Change, Target::Part(Part::Finding)))
        );
        assert_eq!(
            form_action("add-factor"),
            Some(FormAction::Item(Verb::Add, Target::Part(Part::Factor)))
        );
        assert_eq!(
            form_action("remove-action"),
            Some(FormAction::Item(Verb::Remove, Target::Part(Part::Action)))
        );
        for unknown in [
            "",
            "add-entry",
            "copy-example",
            "delete-finding",
            "add-",
            "-finding",
            "Add",
        ] {
            assert_eq!(form_action(unknown), None, "{unknown}");
        }
    }
}
