//! Curators add and edit organisations: `/curation/organisations`, its
//! `new` and `{slug}` editors and their POST handlers. The description is
//! a one-paragraph lede, so it is plain text rather than Markdown.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use serde::{Deserialize, Serialize};

use super::Organisation;
use crate::components::found_or_not_found;
use crate::forms::{with_form_state, PostForm, SelectField, SubmitButton, TextArea, TextField};
use crate::vocabulary::OrganisationKind;
#[cfg(feature = "ssr")]
use crate::{
    db::{from_context, internal_error},
    web::{
        access::{require, Access},
        identity::Role,
    },
};

pub const MAX_NAME_CHARS: usize = 200;
pub const MAX_DESCRIPTION_CHARS: usize = 2000;

/// What the organisation editor starts with.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OrganisationForm {
    pub slug: Option<String>,
    pub name: String,
    pub kind: String,
    pub website: String,
    pub description: String,
}

/// The organisation editor as posted.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(default)]
pub struct OrganisationInput {
    pub name: String,
    pub kind: String,
    pub website: String,
    pub description: String,
}

/// Parses the editor's input into an organisation (its slug and id are
/// the caller's to fill in).
pub fn parse_organisation(
    input: &OrganisationInput,
) -> Result<Organisation, crate::forms::FieldErrors> {
    let mut problems = Vec::new();
    let name = input.name.as_str().trim().to_string();
    match name.chars().count() {
        0 => problems.push(("name", "Enter the organisation's name".to_string())),
        n if n > MAX_NAME_CHARS => problems.push((
            "name",
            format!("The name must be {MAX_NAME_CHARS} characters or fewer"),
        )),
        _ => {}
    }
    let kind = OrganisationKind::from_slug(input.kind.as_str());
    if kind.is_none() {
        problems.push(("kind", "Select what kind of organisation it is".to_string()));
    }
    let website = input.website.as_str().trim();
    if !website.is_empty() && !crate::addresses::is_web_address(website) {
        problems.push((
            "website",
            "Enter a web address that starts with https://, like https://www.hssib.org.uk/"
                .to_string(),
        ));
    }
    let description = input.description.as_str().trim().replace("\r\n", "\n");
    if description.chars().count() > MAX_DESCRIPTION_CHARS {
        problems.push((
            "description",
            format!("The description must be {MAX_DESCRIPTION_CHARS} characters or fewer"),
        ));
    }
    match kind {
        Some(kind) if problems.is_empty() => Ok(Organisation {
            id: 0,
            slug: String::new(),
            name,
            kind,
            website: (!website.is_empty()).then(|| website.to_string()),
            description,
        }),
        _ => Err(problems),
    }
}

/// `/curation/organisations/{slug}` or `/new`: `None` if there is no such
/// organisation.
#[server(input = GetUrl)]
pub async fn load_organisation_form(
    slug: Option<String>,
) -> Result<Option<OrganisationForm>, ServerFnError> {
    require(Access::AtLeast(Role::Curator))?;
    let db = from_context()?;
    let Some(slug) = slug else {
        return Ok(Some(OrganisationForm {
            slug: None,
            name: String::new(),
            kind: String::new(),
            website: String::new(),
            description: String::new(),
        }));
    };
    let found = super::repo::by_slug(&db, &slug)
        .await
        .map_err(internal_error)?;
    Ok(found.map(|organisation| OrganisationForm {
        slug: Some(organisation.slug),
        name: organisation.name,
        kind: organisation.kind.slug().to_string(),
        website: organisation.website.unwrap_or_default(),
        description: organisation.description,
    }))
}

/// `/curation/organisations`.
#[component]
pub fn CurationOrganisationsPage() -> impl IntoView {
    let list = Resource::new(|| (), |_| super::list_organisations());
    view! {
        <Title text="Organisations" />
        <a class="nhsuk-back-link" href="/curation">"Back to curation"</a>
        <h1 class="nhsuk-heading-l">"Organisations"</h1>
        <a class="nhsuk-button" href="/curation/organisations/new" data-module="nhsuk-button">"Add an organisation"</a>
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                list.await.map(|list| view! {
                    <ul class="nhsuk-list">
                        {list.into_iter().map(|organisation| view! {
                            <li>
                                <a href=format!("/curation/organisations/{}", organisation.slug)>{organisation.name.clone()}</a>
                                " (" {organisation.kind.label()} ")"
                            </li>
                        }).collect_view()}
                    </ul>
                })
            })}
        </Suspense>
    }
}

/// `/curation/organisations/new` and `/curation/organisations/{slug}`.
#[component]
pub fn OrganisationEditorPage() -> impl IntoView {
    let params = use_params_map();
    let slug = move || params.read().get("slug").filter(|slug| slug != "new");
    let data = Resource::new(slug, load_organisation_form);
    view! {
        <Title text="Organisation" />
        <a class="nhsuk-back-link" href="/curation/organisations">"Back to organisations"</a>
        {found_or_not_found(data, |form| {
            let heading = if form.slug.is_some() { "Edit organisation" } else { "Add an organisation" };
            let action = match &form.slug {
                Some(slug) => format!("/curation/organisations/{slug}"),
                None => "/curation/organisations/new".to_string(),
            };
            let kinds = crate::vocabulary::options::<OrganisationKind>();
            view! {
                <h1 class="nhsuk-heading-l">{heading}</h1>
                {with_form_state(move || {
                    let form = form.clone();
                    let kinds = kinds.clone();
                    view! {
                        <PostForm action=action.clone()>
                            <TextField name="name" label="Name" value=form.name />
                            <SelectField name="kind" label="Kind of organisation" options=kinds value=form.kind blank="Choose a kind" />
                            <TextField name="website" label="Website (optional)" value=form.website />
                            <TextArea name="description" label="Description" hint="One paragraph: what the organisation does for investigators." value=form.description rows=4 />
                            <SubmitButton label="Save organisation" />
                        </PostForm>
                    }
                })}
            }
        })}
    }
}

#[cfg(feature = "ssr")]
pub use handlers::routes;

#[cfg(feature = "ssr")]
mod handlers {
    use axum::extract::{FromRef, Path, State};
    use axum::http::StatusCode;

    use super::{parse_organisation, OrganisationInput};
    use crate::forms::FormFeedback;
    use crate::organisations::repo;
    use crate::web::access::{Access, Endpoints};
    use crate::web::form::{
        done, show_again, show_field_errors, Outcome, SubmittedForm, WebContext,
    };
    use crate::web::identity::Role;

    pub fn routes<S>() -> Endpoints<S>
    where
        S: Clone + Send + Sync + 'static,
        WebContext: FromRef<S>,
    {
        let curator = Access::AtLeast(Role::Curator);
        Endpoints::new()
            .post("/curation/organisations/new", curator, create)
            .post("/curation/organisations/{slug}", curator, update)
    }

    async fn save(context: WebContext, form: SubmittedForm, slug: Option<String>) -> Outcome {
        let page = format!(
            "/curation/organisations/{}",
            slug.as_deref().unwrap_or("new")
        );
        let mut organisation = match parse_organisation(&form.input::<OrganisationInput>()?) {
            Ok(organisation) => organisation,
            Err(problems) => return Ok(show_field_errors(&context, form, &page, problems).await),
        };
        match slug {
            Some(slug) => {
                if repo::by_slug(&context.db, &slug).await?.is_none() {
                    return Ok(show_again(
                        &context,
                        form,
                        &page,
                        StatusCode::NOT_FOUND,
                        FormFeedback::default(),
                    )
                    .await);
                }
                organisation.slug = slug;
                repo::upsert(&context.db, &organisation).await?;
            }
            None => {
                repo::insert_new(&context.db, &mut organisation).await?;
            }
        }
        Ok(done(
            &form.viewer,
            &format!("/organisations/{}", organisation.slug),
            format!("{} has been saved", organisation.name),
        )
        .await)
    }

    pub async fn create(State(context): State<WebContext>, form: SubmittedForm) -> Outcome {
        save(context, form, None).await
    }

    pub async fn update(
        State(context): State<WebContext>,
        Path(slug): Path<String>,
        form: SubmittedForm,
    ) -> Outcome {
        save(context, form, Some(slug)).await
    }
}
