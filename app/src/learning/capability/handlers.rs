//! `POST /account/capability`: a take of the self-assessment.

use axum::extract::{FromRef, State};

use super::repo;
use super::types::{parse_assessment, AssessmentInput};
use crate::web::access::{Access, Endpoints};
use crate::web::form::{done, show_field_errors, Outcome, SignedIn, SubmittedForm, WebContext};

/// The page the form is on, and posts to.
pub const PAGE: &str = "/account/capability";

pub fn routes<S>() -> Endpoints<S>
where
    S: Clone + Send + Sync + 'static,
    WebContext: FromRef<S>,
{
    Endpoints::new().post(PAGE, Access::SignedIn, take)
}

/// Saves the take (a second one the same day replaces the first) and
/// shows the results; a domain left unanswered shows the form again with
/// what was chosen.
async fn take(
    State(context): State<WebContext>,
    SignedIn(member): SignedIn,
    form: SubmittedForm,
) -> Outcome {
    let ratings = match parse_assessment(&form.input::<AssessmentInput>()?) {
        Ok(ratings) => ratings,
        Err(problems) => return Ok(show_field_errors(&context, form, PAGE, problems).await),
    };
    repo::save(
        &context.db,
        member.id,
        &ratings,
        chrono::Utc::now().timestamp(),
    )
    .await?;
    Ok(done(
        &form.viewer,
        PAGE,
        "Your self-assessment is saved: your results are below",
    )
    .await)
}
