//! The collections' form posts: saving a resource from its page, making a
//! collection, changing one (its name and who may see it, its order, a
//! resource taken out, deleting it), a saved resource's note, and copying
//! a shared collection. Each form posts to the page it is on, so a refusal
//! shows that page again with the messages.

use axum::extract::{FromRef, Path, State};
use axum::http::StatusCode;

use super::repo::{self, Refused};
use super::types::{
    parse_note, parse_save, parse_settings, Move, SaveInput, SaveTo, SettingsInput,
    MAX_COLLECTIONS, MAX_ITEMS,
};
use crate::addresses::row_id;
use crate::web::access::{Access, Endpoints};
use crate::web::form::{
    done, not_found as not_found_page, refuse, show_again, show_field_errors, Failure, Outcome,
    SignedIn, SubmittedForm, WebContext,
};
use crate::web::identity::User;

pub fn routes<S>() -> Endpoints<S>
where
    S: Clone + Send + Sync + 'static,
    WebContext: FromRef<S>,
{
    Endpoints::new()
        .post("/account/collections", Access::SignedIn, create)
        .post("/account/collections/{id}", Access::SignedIn, change)
        .post("/collections/{token}", Access::SignedIn, copy)
}

fn now() -> i64 {
    chrono::Utc::now().timestamp()
}

/// The message for a refused write, and the field it belongs to; a
/// database failure is passed on.
fn refusal(refused: Refused, name_field: &'static str) -> Result<(&'static str, String), Failure> {
    Ok(match refused {
        Refused::NameTaken => (
            name_field,
            "You already have a collection with that name: choose another".to_string(),
        ),
        Refused::TooMany => (
            name_field,
            format!(
                "You have {MAX_COLLECTIONS} collections, the most you can have: delete one first"
            ),
        ),
        Refused::Full => (
            "collection",
            format!("That collection holds {MAX_ITEMS} resources, the most it can: choose another"),
        ),
        Refused::Database(error) => return Err(error.into()),
    })
}

/// `POST /resources/{slug}` with `action=save`: saves the published
/// resource `resource_id` to a collection (the learning area's handler
/// for the page's forms passes it on).
pub async fn save_resource(
    context: &WebContext,
    member: &User,
    slug: &str,
    resource_id: i64,
    form: SubmittedForm,
) -> Outcome {
    let page = format!("/resources/{slug}");
    let save = match parse_save(&form.input::<SaveInput>()?) {
        Ok(save) => save,
        Err(problems) => return Ok(show_field_errors(context, form, &page, problems).await),
    };
    let db = &context.db;
    let now = now();
    let (saved, name_field) = match save.to {
        SaveTo::Default => match repo::default_collection(db, member.id, now).await {
            Ok(id) => (
                repo::save(db, member.id, id, resource_id, &save.note, now).await,
                "collection",
            ),
            Err(refused) => (Err(refused), "collection"),
        },
        SaveTo::Existing(id) => (
            repo::save(db, member.id, id, resource_id, &save.note, now).await,
            "collection",
        ),
        SaveTo::New(name) => (
            repo::create_holding(db, member.id, &name, resource_id, &save.note, now)
                .await
                .map(|_| Some(name)),
            "new_collection",
        ),
    };
    match saved {
        Ok(Some(name)) => Ok(done(&form.viewer, &page, format!("Saved to “{name}”")).await),
        // Not one of the member's collections (another's id, or deleted).
        Ok(None) => Ok(refuse(
            context,
            form,
            &page,
            StatusCode::UNPROCESSABLE_ENTITY,
            "collection",
            "Select one of your collections",
        )
        .await),
        Err(refused) => refused_write(context, form, &page, refused, name_field).await,
    }
}

/// `POST /account/collections`: a new collection.
async fn create(
    State(context): State<WebContext>,
    SignedIn(member): SignedIn,
    form: SubmittedForm,
) -> Outcome {
    let page = "/account/collections";
    let settings = match parse_settings(&form.input::<SettingsInput>()?) {
        Ok(settings) => settings,
        Err(problems) => return Ok(show_field_errors(&context, form, page, problems).await),
    };
    match repo::create(&context.db, member.id, &settings, false, now()).await {
        Ok(id) => Ok(done(
            &form.viewer,
            &format!("/account/collections/{id}"),
            format!("Collection “{}” made", settings.name),
        )
        .await),
        Err(refused) => refused_write(&context, form, page, refused, "name").await,
    }
}

/// The page of a collection that is not found (not the member's, or no
/// such collection), 404 whatever was posted.
async fn not_found(context: &WebContext, form: SubmittedForm, id: Option<i64>) -> Outcome {
    let page = format!("/account/collections/{}", id.unwrap_or(0));
    Ok(not_found_page(context, form, &page).await)
}

/// `page` again with a refused write's message beside `name_field` (or
/// the collection's list, when it is full), 422; a database failure is
/// passed on.
async fn refused_write(
    context: &WebContext,
    form: SubmittedForm,
    page: &str,
    refused: Refused,
    name_field: &'static str,
) -> Outcome {
    let (field, message) = refusal(refused, name_field)?;
    Ok(refuse(
        context,
        form,
        page,
        StatusCode::UNPROCESSABLE_ENTITY,
        field,
        message,
    )
    .await)
}

/// `POST /account/collections/{id}`: the collection page's forms, told
/// apart by `action`: `settings` (name and who may see it), `up`, `down`
/// and `remove` (with `resource`), `delete` (with `confirm=yes`), and from
/// the note's page (`?note={resource}`), `note` (with `resource`).
async fn change(
    State(context): State<WebContext>,
    SignedIn(member): SignedIn,
    Path(id): Path<String>,
    form: SubmittedForm,
) -> Outcome {
    let db = &context.db;
    let id = row_id(&id);
    let Some(collection) = (match id {
        Some(id) => repo::collection(db, member.id, id).await?,
        None => None,
    }) else {
        return not_found(&context, form, id).await;
    };
    let id = collection.summary.id;
    let page = format!("/account/collections/{id}");
    let input: SettingsInput = form.input()?;
    let resource = row_id(&input.resource);
    let direction = match input.action.as_str() {
        "up" => Some(Move::Up),
        "down" => Some(Move::Down),
        _ => None,
    };
    match (input.action.as_str(), resource) {
        ("note", Some(resource))
            if collection
                .items
                .iter()
                .any(|item| item.resource_id == resource) =>
        {
            let note_page = format!("{page}?note={resource}");
            let note = match parse_note(&input.note) {
                Ok(note) => note,
                Err(message) => {
                    return Ok(refuse(
                        &context,
                        form,
                        &note_page,
                        StatusCode::UNPROCESSABLE_ENTITY,
                        "note",
                        message,
                    )
                    .await)
                }
            };
            if !repo::set_note(db, member.id, id, resource, &note).await? {
                return Ok(not_found_page(&context, form, &note_page).await);
            }
            Ok(done(&form.viewer, &page, "Note saved").await)
        }
        ("settings", _) => {
            let mut input = input;
            if collection.summary.is_default {
                // The default keeps its name; its form does not offer it.
                input.name = collection.summary.name.clone();
            }
            let settings = match parse_settings(&input) {
                Ok(settings) => settings,
                Err(problems) => {
                    return Ok(show_field_errors(&context, form, &page, problems).await)
                }
            };
            match repo::update(db, member.id, id, &settings, now()).await {
                Ok(true) => Ok(done(&form.viewer, &page, "Collection settings saved").await),
                Ok(false) => not_found(&context, form, Some(id)).await,
                Err(refused) => refused_write(&context, form, &page, refused, "name").await,
            }
        }
        ("delete", _) => {
            if collection.summary.is_default {
                return Ok(refuse(
                    &context,
                    form,
                    &page,
                    StatusCode::UNPROCESSABLE_ENTITY,
                    "confirm",
                    "Your default collection cannot be deleted: take out what you no longer need",
                )
                .await);
            }
            if input.confirm != "yes" {
                return Ok(refuse(
                    &context,
                    form,
                    &page,
                    StatusCode::UNPROCESSABLE_ENTITY,
                    "confirm",
                    "Tick the box to confirm you want to delete this collection",
                )
                .await);
            }
            repo::delete(db, member.id, id).await?;
            Ok(done(
                &form.viewer,
                "/account/collections",
                format!("Collection “{}” deleted", collection.summary.name),
            )
            .await)
        }
        ("up" | "down" | "remove", Some(resource))
            if collection
                .items
                .iter()
                .any(|item| item.resource_id == resource) =>
        {
            let title = collection
                .items
                .iter()
                .find(|item| item.resource_id == resource)
                .map(|item| item.title.clone())
                .unwrap_or_default();
            let notice = match direction {
                Some(direction) => {
                    let (way, end) = match direction {
                        Move::Up => ("up", "first"),
                        Move::Down => ("down", "last"),
                    };
                    if repo::move_item(db, member.id, id, resource, direction).await? {
                        format!("“{title}” moved {way}")
                    } else {
                        format!("“{title}” is {end} already")
                    }
                }
                None => {
                    repo::remove(db, member.id, id, resource).await?;
                    format!("“{title}” taken out of this collection")
                }
            };
            Ok(done(&form.viewer, &page, notice).await)
        }
        // A resource that is not in the collection (404), or no known
        // action (400): nothing to do; the page is shown as it is.
        // A note for a resource that is not there: its note page, which
        // says it is not found.
        ("note", _) => {
            let note_page = format!("{page}?note={}", resource.unwrap_or(0));
            Ok(not_found_page(&context, form, &note_page).await)
        }
        ("up" | "down" | "remove", _) => Ok(not_found_page(&context, form, &page).await),
        _ => Ok(show_again(
            &context,
            form,
            &page,
            StatusCode::BAD_REQUEST,
            Default::default(),
        )
        .await),
    }
}

/// `POST /collections/{token}`: copies a shared or public collection into
/// the member's own, private.
async fn copy(
    State(context): State<WebContext>,
    SignedIn(member): SignedIn,
    Path(token): Path<String>,
    form: SubmittedForm,
) -> Outcome {
    // A link's token is base64url; anything else is shown as not found at
    // an address that holds nothing hostile.
    let plausible = token
        .bytes()
        .all(|byte| byte.is_ascii_alphanumeric() || byte == b'-' || byte == b'_');
    let page = if plausible && !token.is_empty() && token.len() <= 64 {
        format!("/collections/{token}")
    } else {
        "/collections/unknown".to_string()
    };
    match repo::copy(&context.db, member.id, &token, now()).await {
        Ok(Some(id)) => Ok(done(
            &form.viewer,
            &format!("/account/collections/{id}"),
            "Collection copied into your collections: it is private until you share it",
        )
        .await),
        Ok(None) => Ok(not_found_page(&context, form, &page).await),
        // Every refusal of a copy is about the button: there is no name
        // to change.
        Err(refused) => refused_write(&context, form, &page, refused, "copy").await,
    }
}
