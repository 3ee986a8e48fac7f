//! The learning area's form posts (marking a lesson done; adding, changing
//! and deleting CPD entries; answering "Was this useful?") and the CPD log
//! as CSV.

use axum::extract::{FromRef, Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;

use super::cpd::{activity_label, parse_cpd, CpdEntry, CpdInput};
use super::repo;
use super::types::next_lesson;
use super::useful::types::{parse_answer, UsefulInput};
use crate::addresses::row_id;
use crate::dates::uk_today;
use crate::resources::repo as catalogue;
use crate::web::access::{Access, Endpoints};
use crate::web::form::{
    done, not_found as not_found_page, refuse, show_field_errors, Failure, Outcome, SignedIn,
    SubmittedForm, WebContext,
};
use crate::web::plain::plain_response;

pub fn routes<S>() -> Endpoints<S>
where
    S: Clone + Send + Sync + 'static,
    WebContext: FromRef<S>,
{
    Endpoints::new()
        .post("/learning/progress", Access::SignedIn, mark_done)
        .post("/resources/{slug}", Access::SignedIn, resource_form)
        .post(
            "/resources/{slug}/lessons/{position}",
            Access::SignedIn,
            super::checks::handlers::answer,
        )
        .post("/account/learning/cpd/new", Access::SignedIn, add_entry)
        .post("/account/learning/cpd/{id}", Access::SignedIn, change_entry)
        .post(
            "/account/learning/cpd/{id}/delete",
            Access::SignedIn,
            delete_entry,
        )
        .get("/account/learning/cpd.csv", Access::SignedIn, csv)
        .post(
            "/account/learning/recent/clear",
            Access::SignedIn,
            clear_recent,
        )
}

fn now() -> i64 {
    chrono::Utc::now().timestamp()
}

fn not_found(title: &str, body_html: &str) -> Response {
    plain_response(StatusCode::NOT_FOUND, title, body_html)
}

/// The lesson form as posted.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ProgressInput {
    pub module: String,
    pub lesson: String,
}

/// `POST /learning/progress`: marks the lesson done and goes on to the next
/// one, or back to the module when there is none; completing the module
/// records it, with an entry in the CPD log.
async fn mark_done(
    State(context): State<WebContext>,
    SignedIn(member): SignedIn,
    form: SubmittedForm,
) -> Outcome {
    let input: ProgressInput = form.input()?;
    let db = &context.db;
    let module = repo::taken_module(db, input.module.trim()).await?;
    let position = input.lesson.trim().parse::<u32>().ok();
    let (Some(module), Some(position)) = (
        module.filter(|module| position.is_some_and(|p| module.lessons.contains(&p))),
        position,
    ) else {
        return Ok(not_found(
            "Lesson not found",
            "<p>There is no such lesson in a published module. <a href=\"/resources?kind=module\">Find a module</a></p>",
        ));
    };
    let marked = repo::mark_done(db, member.id, &module, position, &[], now()).await?;
    let lessons = &module.lessons;
    let module = &module.facts;
    let module_page = format!("/resources/{}", module.slug);
    let next = next_lesson(lessons, position);
    // The last lesson of a complete module (or the one that completed it)
    // says so, whichever of two posts at once recorded the completion.
    if marked.newly_complete || (marked.complete && next.is_none()) {
        let notice = if marked.newly_complete {
            repo::completion_notice(module)
        } else {
            format!("You have completed “{}”", module.title)
        };
        return Ok(done(&form.viewer, &module_page, notice).await);
    }
    let to = match next {
        Some(next) => format!("{module_page}/lessons/{next}"),
        None => module_page,
    };
    Ok(done(
        &form.viewer,
        &to,
        format!("Lesson {position} marked as done"),
    )
    .await)
}

/// Which of a resource page's forms was sent.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct ResourceFormAction {
    action: String,
}

/// `POST /resources/{slug}`: a resource page's forms, which post to the
/// page's own address so that a refusal shows that page again with the
/// messages: "Save this resource" (`action=save`) and "Was this useful?"
/// (answered, changed, or withdrawn with `action=remove`).
async fn resource_form(
    State(context): State<WebContext>,
    SignedIn(member): SignedIn,
    Path(slug): Path<String>,
    form: SubmittedForm,
) -> Outcome {
    let db = &context.db;
    let Some(resource_id) = catalogue::published_id(db, &slug).await? else {
        return Ok(not_found(
            "Resource not found",
            "<p>There is no such published resource. <a href=\"/resources\">Find a resource</a></p>",
        ));
    };
    if form.input::<ResourceFormAction>()?.action == "save" {
        return super::collections::handlers::save_resource(
            &context,
            &member,
            &slug,
            resource_id,
            form,
        )
        .await;
    }
    answer_usefulness(&context, &member, &slug, resource_id, form).await
}

/// "Was this useful?" answered, the answer changed or withdrawn.
async fn answer_usefulness(
    context: &WebContext,
    member: &crate::web::identity::User,
    slug: &str,
    resource_id: i64,
    form: SubmittedForm,
) -> Outcome {
    let db = &context.db;
    let page = format!("/resources/{slug}");
    let input: UsefulInput = form.input()?;
    if input.action == "remove" {
        super::useful::repo::remove(db, member.id, resource_id).await?;
        return Ok(done(
            &form.viewer,
            &page,
            "Your answer about this resource is removed",
        )
        .await);
    }
    let answer = match parse_answer(&input) {
        Ok(answer) => answer,
        Err(problems) => return Ok(show_field_errors(context, form, &page, problems).await),
    };
    super::useful::repo::answer(db, member.id, resource_id, &answer, now()).await?;
    Ok(done(
        &form.viewer,
        &page,
        "Thank you: your answer about this resource is saved",
    )
    .await)
}

/// `POST /account/learning/cpd/new`.
async fn add_entry(
    State(context): State<WebContext>,
    SignedIn(member): SignedIn,
    form: SubmittedForm,
) -> Outcome {
    let page = "/account/learning/cpd/new";
    let entry = match parse_cpd(&form.input::<CpdInput>()?, uk_today()) {
        Ok(entry) => entry,
        Err(problems) => return Ok(show_field_errors(&context, form, page, problems).await),
    };
    repo::add_cpd(&context.db, member.id, &entry, now()).await?;
    Ok(done(&form.viewer, "/account/learning", "CPD entry added").await)
}

/// The id in the address if it names one of `user_id`'s entries: another
/// member's entry is not found, whatever was posted.
async fn own_entry(context: &WebContext, user_id: i64, raw: &str) -> Result<Option<i64>, Failure> {
    let Some(id) = row_id(raw) else {
        return Ok(None);
    };
    Ok(repo::cpd_entry(&context.db, user_id, id)
        .await?
        .map(|entry| entry.id))
}

/// The entry's page, shown again as "not found" (it is not this member's,
/// or there is no such entry).
async fn entry_not_found(context: &WebContext, form: SubmittedForm, id: &str) -> Outcome {
    let page = match row_id(id) {
        Some(id) => format!("/account/learning/cpd/{id}"),
        None => "/account/learning/cpd/0".to_string(),
    };
    Ok(not_found_page(context, form, &page).await)
}

/// `POST /account/learning/cpd/{id}`.
async fn change_entry(
    State(context): State<WebContext>,
    SignedIn(member): SignedIn,
    Path(id): Path<String>,
    form: SubmittedForm,
) -> Outcome {
    let Some(entry_id) = own_entry(&context, member.id, &id).await? else {
        return entry_not_found(&context, form, &id).await;
    };
    let page = format!("/account/learning/cpd/{entry_id}");
    let entry = match parse_cpd(&form.input::<CpdInput>()?, uk_today()) {
        Ok(entry) => entry,
        Err(problems) => return Ok(show_field_errors(&context, form, &page, problems).await),
    };
    if !repo::update_cpd(&context.db, member.id, entry_id, &entry).await? {
        return entry_not_found(&context, form, &id).await;
    }
    Ok(done(&form.viewer, "/account/learning", "CPD entry saved").await)
}

/// The delete form as posted.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct DeleteInput {
    pub confirm: String,
}

/// `POST /account/learning/cpd/{id}/delete`.
async fn delete_entry(
    State(context): State<WebContext>,
    SignedIn(member): SignedIn,
    Path(id): Path<String>,
    form: SubmittedForm,
) -> Outcome {
    let Some(entry_id) = own_entry(&context, member.id, &id).await? else {
        return entry_not_found(&context, form, &id).await;
    };
    // Deleting cannot be undone: the form asks for a tick first.
    if form.input::<DeleteInput>()?.confirm != "yes" {
        return Ok(refuse(
            &context,
            form,
            &format!("/account/learning/cpd/{entry_id}"),
            StatusCode::UNPROCESSABLE_ENTITY,
            "confirm",
            "Tick the box to confirm you want to delete this entry",
        )
        .await);
    }
    if !repo::delete_cpd(&context.db, member.id, entry_id).await? {
        return entry_not_found(&context, form, &id).await;
    }
    Ok(done(&form.viewer, "/account/learning", "CPD entry deleted").await)
}

/// `POST /account/learning/recent/clear`: forgets the resources the member
/// opened.
async fn clear_recent(
    State(context): State<WebContext>,
    SignedIn(member): SignedIn,
    form: SubmittedForm,
) -> Outcome {
    repo::clear_recent(&context.db, member.id).await?;
    Ok(done(
        &form.viewer,
        "/account/learning",
        "Your recently viewed list is cleared",
    )
    .await)
}

/// A spreadsheet would run a cell starting with one of these as a formula:
/// such cells get a leading apostrophe, which spreadsheets show as text.
fn defused(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

/// The log as CSV: one row per entry, newest first.
pub fn cpd_csv(entries: &[CpdEntry]) -> Result<String, ::csv::Error> {
    let mut writer = ::csv::Writer::from_writer(Vec::new());
    writer.write_record([
        "Date",
        "Title",
        "Type of activity",
        "Hours",
        "What?",
        "So what?",
        "Now what?",
        "Module",
    ])?;
    for entry in entries {
        let hours = format!("{:.2}", f64::from(entry.minutes) / 60.0);
        writer.write_record([
            entry.done_on.iso(),
            defused(&entry.title),
            activity_label(&entry.activity).to_string(),
            hours,
            defused(&entry.what),
            defused(&entry.so_what),
            defused(&entry.now_what),
            entry.module.clone().unwrap_or_default(),
        ])?;
    }
    let bytes = writer.into_inner().map_err(|error| error.into_error())?;
    // The byte order mark tells spreadsheets the file is UTF-8 (curly
    // quotes and accents would be garbled otherwise).
    Ok(format!("\u{FEFF}{}", String::from_utf8_lossy(&bytes)))
}

/// `GET /account/learning/cpd.csv`.
async fn csv(State(context): State<WebContext>, SignedIn(member): SignedIn) -> Outcome {
    let entries = repo::cpd_entries(&context.db, member.id).await?;
    let body = cpd_csv(&entries).map_err(|error| Failure::Internal(error.to_string()))?;
    Ok(crate::response::attachment(
        "text/csv; charset=utf-8",
        "cpd-log.csv",
        body,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spreadsheet_formulas_are_defused() {
        assert_eq!(defused("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(defused("-1+1"), "'-1+1");
        assert_eq!(defused("Read SEIPS"), "Read SEIPS");
    }
}
