//! Certificates over HTTP: the hub's public key, a holder's downloads (the
//! signed credential as JSON, the PDF), the certificate page's forms (the
//! holder showing their name, an admin revoking it) and the check page,
//! where anyone pastes a credential they were given.

use axum::extract::{FromRef, Path, State};
use axum::http::{header, Method, StatusCode};
use axum::response::{IntoResponse, Response};

use super::pdf::{self, Certificate};
use super::repo::{self, ConfiguredKey, CredentialRecord, KeyFailure};
use super::signing::{
    credential_claims, credential_id, enveloped, revocation_list, verification_address, Certified,
    JWKS_PATH, REVOCATIONS_PATH,
};
use super::types::{
    is_credential_id, parse_change, parse_check, CheckInput, CredentialChange, CredentialInput,
};
use crate::accounts::audit::{self, AuditAction, AuditEvent};
use crate::learning::cpd::format_hours;
use crate::web::access::{refusal, Access, Denied, Endpoints};
use crate::web::form::{
    done, not_found as not_found_page, refuse, show_field_errors, Failure, Outcome, SignedIn,
    SubmittedForm, WebContext,
};
use crate::web::identity::{Role, User};
use crate::web::plain::plain_response;

pub fn routes<S>() -> Endpoints<S>
where
    S: Clone + Send + Sync + 'static,
    WebContext: FromRef<S>,
    ConfiguredKey: FromRef<S>,
{
    Endpoints::new()
        .get(JWKS_PATH, Access::Public, public_key)
        .get(REVOCATIONS_PATH, Access::Public, revocations)
        .post("/credentials/check", Access::Public, check)
        .post("/credentials/{id}", Access::SignedIn, change)
        .get(
            "/credentials/{id}/credential.json",
            Access::SignedIn,
            download_credential,
        )
        .get(
            "/credentials/{id}/certificate.pdf",
            Access::SignedIn,
            download_pdf,
        )
}

impl From<KeyFailure> for Failure {
    fn from(failure: KeyFailure) -> Self {
        match failure {
            KeyFailure::Database(error) => error.into(),
            KeyFailure::Key(error) => Failure::Internal(error.to_string()),
        }
    }
}

/// `GET /.well-known/jwks.json`: the key that signs the hub's credentials.
async fn public_key(
    State(context): State<WebContext>,
    State(configured): State<ConfiguredKey>,
) -> Outcome {
    let key = repo::signing_key(&context.db, &configured).await?;
    Ok(published(
        "application/jwk-set+json",
        3600,
        key.jwks(&context.link("")).to_string(),
    ))
}

/// A document for verifiers anywhere, browsers on other sites included,
/// cached for `seconds`.
fn published(content_type: &'static str, seconds: u32, body: String) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type.to_string()),
            (header::CACHE_CONTROL, format!("public, max-age={seconds}")),
            (header::ACCESS_CONTROL_ALLOW_ORIGIN, "*".to_string()),
        ],
        body,
    )
        .into_response()
}

/// `GET /credentials/revocations.json`: the credentials the hub has
/// revoked, which every credential names as its status (a revocation
/// shows within five minutes).
async fn revocations(State(context): State<WebContext>) -> Outcome {
    let revoked = repo::revoked(&context.db).await?;
    let list = revocation_list(&context.link(""), &revoked);
    Ok(published("application/json", 300, list.to_string()))
}

/// A certificate `member` holds, or the plain 404 page of a download.
async fn held_by(
    context: &WebContext,
    member: &User,
    id: &str,
) -> Result<Result<CredentialRecord, Response>, Failure> {
    let found = if is_credential_id(id) {
        repo::held(&context.db, member.id, id).await?
    } else {
        None
    };
    Ok(found.ok_or_else(|| {
        plain_response(
            StatusCode::NOT_FOUND,
            "Certificate not found",
            "<p>You hold no certificate at that address. <a href=\"/account/learning\">Your certificates are on your learning page.</a></p>",
        )
    }))
}

/// The file name of a download of `record`.
fn file_name(record: &CredentialRecord, extension: &str) -> String {
    format!("certificate-{}.{extension}", record.module_slug)
}

/// `GET /credentials/{id}/credential.json`: the holder's credential,
/// signed, in a W3C enveloped verifiable credential.
async fn download_credential(
    State(context): State<WebContext>,
    State(configured): State<ConfiguredKey>,
    SignedIn(member): SignedIn,
    Path(id): Path<String>,
) -> Outcome {
    let record = match held_by(&context, &member, &id).await? {
        Ok(record) => record,
        Err(missing) => return Ok(missing),
    };
    // A revoked certificate's credential is not signed again: one made
    // now would check as genuine wherever the revocation list is not read.
    if record.revoked_at.is_some() {
        return Ok(plain_response(
            StatusCode::GONE,
            "This certificate has been revoked",
            &format!(
                "<p>Its credential can no longer be downloaded. <a href=\"/credentials/{}\">The certificate's page says why.</a></p>",
                record.id
            ),
        ));
    }
    let key = repo::signing_key(&context.db, &configured).await?;
    let site = context.link("");
    let claims = credential_claims(&Certified {
        site: &site,
        id: &record.id,
        holder_name: &member.display_name,
        module_title: &record.module_title,
        module_slug: &record.module_slug,
        minutes: record.minutes,
        issued_at: record.issued_at,
    });
    let jwt = key
        .sign(&claims, &site)
        .map_err(|error| Failure::Internal(error.to_string()))?;
    let body = serde_json::to_string_pretty(&enveloped(&jwt))
        .map_err(|error| Failure::Internal(error.to_string()))?;
    Ok(crate::response::attachment(
        "application/json",
        &file_name(&record, "json"),
        body,
    ))
}

/// `GET /credentials/{id}/certificate.pdf`: the holder's certificate to
/// print or keep.
async fn download_pdf(
    State(context): State<WebContext>,
    SignedIn(member): SignedIn,
    Path(id): Path<String>,
) -> Outcome {
    let record = match held_by(&context, &member, &id).await? {
        Ok(record) => record,
        Err(missing) => return Ok(missing),
    };
    let hours = format_hours(u32::try_from(record.minutes).unwrap_or(u32::MAX));
    let issued_on = repo::day_of(record.issued_at).shown();
    let address = verification_address(&context.link(""), &record.id);
    let bytes = pdf::render(&Certificate {
        holder_name: &member.display_name,
        module_title: &record.module_title,
        hours: &hours,
        issued_on: &issued_on,
        address: &address,
        revoked: record.revoked_at.is_some(),
    })
    .ok_or_else(|| Failure::Internal("the certificate's PDF could not be made".into()))?;
    Ok(crate::response::attachment(
        "application/pdf",
        &file_name(&record, "pdf"),
        bytes,
    ))
}

/// The answer to a form on a certificate's page that the member may not
/// send: its page offers them no such form, so there is nothing to show
/// again (403, the access rule's own page).
fn forbidden(page: &str) -> Response {
    refusal(Denied::Forbidden, &Method::POST, page)
}

/// `POST /credentials/{id}`: the holder shows or hides their name
/// (`action=name`), or an admin revokes it (`action=revoke`, with a
/// reason and `confirm=yes`). A certificate that is not there is this
/// page's 404, whatever was posted.
async fn change(
    State(context): State<WebContext>,
    SignedIn(member): SignedIn,
    Path(id): Path<String>,
    form: SubmittedForm,
) -> Outcome {
    let db = &context.db;
    let found = if is_credential_id(&id) {
        repo::credential(db, &id).await?
    } else {
        None
    };
    let Some(record) = found else {
        return Ok(not_found_page(&context, form, "/credentials/unknown").await);
    };
    let page = format!("/credentials/{}", record.id);
    let change = match parse_change(&form.input::<CredentialInput>()?) {
        Ok(change) => change,
        Err(problems) => return Ok(show_field_errors(&context, form, &page, problems).await),
    };
    match change {
        CredentialChange::ShowName(show) => {
            // Only its holder chooses (the page offers nobody else the form).
            if !repo::set_show_name(db, member.id, &record.id, show).await? {
                return Ok(forbidden(&page));
            }
            let notice = if show {
                "Your name is shown on this certificate's page"
            } else {
                "Your name is hidden on this certificate's page"
            };
            Ok(done(&form.viewer, &page, notice).await)
        }
        CredentialChange::Revoke(reason) => {
            if member.role != Role::Admin {
                return Ok(forbidden(&page));
            }
            let now = chrono::Utc::now().timestamp();
            if !repo::revoke(db, &record.id, member.id, &reason, now).await? {
                // Revoked meanwhile (by another admin): the page says why.
                return Ok(done(
                    &form.viewer,
                    &page,
                    "This certificate had already been revoked",
                )
                .await);
            }
            let mut event = AuditEvent::new(AuditAction::CredentialRevoked)
                .by(member.id)
                .detail(format!("{} ({}): {reason}", record.module_title, record.id))
                .from_ip(form.viewer.ip);
            event.subject = record.user_id;
            audit::record(db, event).await;
            Ok(done(&form.viewer, &page, "Certificate revoked").await)
        }
    }
}

/// `POST /credentials/check`: a credential someone was given. A genuine
/// one goes to its certificate's page, which says whether it still stands;
/// anything else is this page again with the reason (422).
async fn check(
    State(context): State<WebContext>,
    State(configured): State<ConfiguredKey>,
    form: SubmittedForm,
) -> Outcome {
    let page = "/credentials/check";
    let jwt = match parse_check(&form.input::<CheckInput>()?) {
        Ok(jwt) => jwt,
        Err(problems) => return Ok(show_field_errors(&context, form, page, problems).await),
    };
    let key = repo::signing_key(&context.db, &configured).await?;
    let refused = |message: &'static str| (StatusCode::UNPROCESSABLE_ENTITY, message);
    let outcome = match key.verify(&jwt) {
        Err(unverified) => Err(refused(unverified.message())),
        Ok(claims) => match credential_id(&claims) {
            None => Err(refused(
                "That credential is signed by the hub, but names no certificate of it",
            )),
            Some(id) => match repo::credential(&context.db, &id).await? {
                None => Err(refused(
                    "That credential is signed by the hub, but the hub has no record of its certificate",
                )),
                Some(record) => Ok(record),
            },
        },
    };
    match outcome {
        Ok(record) => {
            let notice = if record.revoked_at.is_some() {
                "The credential is genuine: the hub issued it. But the certificate has been revoked: see below"
            } else {
                "The credential is genuine: the hub issued it, unchanged, and it has not been revoked"
            };
            Ok(done(&form.viewer, &format!("/credentials/{}", record.id), notice).await)
        }
        Err((status, message)) => {
            Ok(refuse(&context, form, page, status, "credential", message).await)
        }
    }
}
