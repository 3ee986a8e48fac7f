//! The report form's and the decision form's posts.

use axum::extract::{FromRef, Path, State};
use axum::http::StatusCode;

use super::emails;
use super::repo::{self, CaseRow};
use super::subjects;
use super::types::{
    parse_decision, parse_report, Decision, DecisionInput, ReportInput, SubjectKind,
};
use crate::accounts::audit::{self, AuditAction, AuditEvent};
use crate::accounts::repo as accounts;
use crate::db::Db;
use crate::forms::FormFeedback;
use crate::web::access::{Access, Endpoints};
use crate::web::form::{
    done, refuse, show_again, show_field_errors, Outcome, SignedIn, SubmittedForm, WebContext,
};
use crate::web::identity::{AccountStatus, Role};
use crate::web::rate_limit::{self, REPORTS_PER_MEMBER};
use crate::web::session;

pub fn routes<S>() -> Endpoints<S>
where
    S: Clone + Send + Sync + 'static,
    WebContext: FromRef<S>,
{
    Endpoints::new()
        .post("/report/{kind}/{target}", Access::SignedIn, report)
        .post(
            "/curation/reports/{id}",
            Access::AtLeast(Role::Curator),
            decide,
        )
}

fn now() -> i64 {
    chrono::Utc::now().timestamp()
}

/// The page of a report or case that is not there (or not the viewer's to
/// see): the page itself says "not found", with a 404.
async fn not_found(context: &WebContext, form: SubmittedForm, page: &str) -> Outcome {
    Ok(show_again(
        context,
        form,
        page,
        StatusCode::NOT_FOUND,
        FormFeedback::default(),
    )
    .await)
}

/// `POST /report/{kind}/{target}`.
pub async fn report(
    State(context): State<WebContext>,
    SignedIn(reporter): SignedIn,
    Path((kind, target)): Path<(String, String)>,
    form: SubmittedForm,
) -> Outcome {
    let page = format!("/report/{kind}/{target}");
    let Some(kind) = SubjectKind::from_slug(&kind) else {
        return not_found(&context, form, &page).await;
    };
    let db = &context.db;
    let Some(subject) = subjects::find(db, &reporter, kind, &target).await? else {
        return not_found(&context, form, &page).await;
    };
    let draft = match parse_report(&form.input::<ReportInput>()?) {
        Ok(draft) => draft,
        Err(problems) => return Ok(show_field_errors(&context, form, &page, problems).await),
    };
    if !rate_limit::try_take(db, REPORTS_PER_MEMBER, &reporter.id.to_string()).await? {
        return Ok(refuse(
            &context,
            form,
            &page,
            StatusCode::TOO_MANY_REQUESTS,
            "reason",
            "You have sent a lot of reports in the last hour. Wait an hour and try again, or use the contact page.",
        )
        .await);
    }
    if !repo::insert(db, reporter.id, &subject, &draft, now()).await? {
        rate_limit::give_back(db, REPORTS_PER_MEMBER, &reporter.id.to_string()).await?;
        return Ok(refuse(
            &context,
            form,
            &page,
            StatusCode::CONFLICT,
            "reason",
            "You have already reported this. We will tell you what a moderator decides.",
        )
        .await);
    }
    Ok(done(
        &form.viewer,
        "/account/reports",
        "Thank you: your report has been sent to the moderators. We will email you when they have decided.",
    )
    .await)
}

/// `POST /curation/reports/{id}`: a moderator's decision.
pub async fn decide(
    State(context): State<WebContext>,
    SignedIn(moderator): SignedIn,
    Path(id): Path<i64>,
    form: SubmittedForm,
) -> Outcome {
    let page = format!("/curation/reports/{id}");
    let db = &context.db;
    let Some(case) = repo::case(db, id).await? else {
        return not_found(&context, form, &page).await;
    };
    let draft = match parse_decision(&form.input::<DecisionInput>()?, moderator.role) {
        Ok(draft) => draft,
        Err(problems) => return Ok(show_field_errors(&context, form, &page, problems).await),
    };
    if case.member_id == Some(moderator.id) || case.reporter_id == Some(moderator.id) {
        return Ok(refuse(
            &context,
            form,
            &page,
            StatusCode::FORBIDDEN,
            "decision",
            "You wrote this content or this report: another moderator must decide it",
        )
        .await);
    }
    let member = match case.member_id {
        Some(member_id) => accounts::by_id(db, member_id).await?,
        None => None,
    };
    if draft.decision == Decision::Suspend {
        let refusal = match &member {
            None => Some("The member's account no longer exists"),
            Some(member) if member.id == moderator.id => {
                Some("You cannot suspend your own account")
            }
            Some(member) if member.role == Role::Admin => {
                Some("An admin cannot be suspended from here: change their role first")
            }
            Some(_) => None,
        };
        if let Some(message) = refusal {
            return Ok(refuse(
                &context,
                form,
                &page,
                StatusCode::UNPROCESSABLE_ENTITY,
                "decision",
                message,
            )
            .await);
        }
    }
    let at = now();
    let status = draft.decision.status();
    if !repo::decide(db, id, moderator.id, status, &draft.note, at).await? {
        return Ok(refuse(
            &context,
            form,
            &page,
            StatusCode::CONFLICT,
            "decision",
            "Another moderator has already decided this report: see their decision below",
        )
        .await);
    }
    let kind = case.kind();
    // Carry the decision out; if that fails, take it back, so the report
    // never says "hidden" or "suspended" of something that is not.
    if let Err(error) = carry_out(db, &case, draft.decision, at).await {
        repo::reopen(db, id, at).await?;
        return Err(error.into());
    }
    // Acting on the content settles every open report about it.
    let mut reporters: Vec<i64> = case.reporter_id.into_iter().collect();
    if draft.decision != Decision::Dismiss {
        reporters
            .extend(repo::close_same_item(db, &case, moderator.id, status, &draft.note, at).await?);
    }
    let action = match draft.decision {
        Decision::Dismiss => AuditAction::ReportDismissed,
        Decision::Hide => AuditAction::ContentHidden,
        Decision::Warn => AuditAction::MemberWarned,
        Decision::Suspend => AuditAction::Suspended,
    };
    let mut event = AuditEvent::new(action)
        .by(moderator.id)
        .detail(format!(
            "report {id} about a {}: {}; {}",
            kind.label(),
            case.reason().slug(),
            draft.note
        ))
        .from_ip(form.viewer.ip);
    if let Some(member_id) = case.member_id {
        event = event.on(member_id);
    }
    audit::record(db, event).await;
    if let Some(member) = member.filter(|_| draft.decision != Decision::Dismiss) {
        context.send(emails::decision_for_member(
            &context,
            &member.email,
            kind,
            case.reason(),
            draft.decision,
            &draft.note,
        ));
    }
    for reporter_id in reporters {
        if let Some(reporter) = accounts::by_id(db, reporter_id).await? {
            context.send(emails::outcome_for_reporter(
                &context,
                &reporter.email,
                kind,
                status,
            ));
        }
    }
    Ok(done(
        &form.viewer,
        "/curation/reports",
        format!("Report {id}: {}", status.label().to_lowercase()),
    )
    .await)
}

/// What a decision does beyond recording it: hides the content, or
/// suspends its author and ends their sessions (then their profile is
/// unlisted with the account).
async fn carry_out(db: &Db, case: &CaseRow, decision: Decision, at: i64) -> sqlx::Result<()> {
    let Some(member) = case.member_id else {
        // The author's account, and with it what they wrote, is gone.
        return Ok(());
    };
    match decision {
        Decision::Dismiss | Decision::Warn => Ok(()),
        Decision::Hide => subjects::hide(db, case.kind(), case.subject_id, member, at).await,
        // Sessions first: should the status then fail to change, the
        // report is reopened and nothing says "suspended" of an account
        // that is not (it is only signed out).
        Decision::Suspend => {
            session::end_sessions(db, member, None).await?;
            accounts::set_status(db, member, AccountStatus::Suspended)
                .await
                .map(|_| ())
        }
    }
}
