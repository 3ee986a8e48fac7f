//! "Save this resource" below a resource's text, rendered on the server
//! into HTML (as "Was this useful?" is, for the same reason: the resource
//! page is in the client's main module). A plain form posting to the
//! page's own address with `action=save`, so a refusal shows the page
//! again with the messages beside the fields, with or without JavaScript.

use leptos::prelude::*;
use leptos::tachys::view::RenderHtml;

use super::types::{CollectionSummary, DEFAULT_NAME};
use crate::forms::{FormFeedback, SelectField, TextArea, TextField};

/// The fields of the form, in the order the error summary lists them.
pub const FIELDS: [&str; 3] = ["collection", "new_collection", "note"];

/// Who is reading: someone signed out, or a member with their collections,
/// those that hold this resource, and the session's CSRF token.
pub enum Saver {
    SignedOut,
    Member {
        collections: Vec<CollectionSummary>,
        holding: Vec<(i64, String)>,
        csrf_token: String,
    },
}

const NOTE_HINT: &str = "Optional, and only you see it unless you share the collection. For example, why you saved it. Up to 500 characters. Saving again with no note keeps the note it has.";

/// The section, as HTML, with what a refused post sent back (`feedback`).
pub fn render(slug: &str, saver: Saver, feedback: FormFeedback) -> String {
    Owner::new().with(|| {
        provide_context(feedback);
        section(slug, saver)
    })
}

/// The collections a member can choose: their default (made when first
/// used, so offered by name even before it exists), the others, and a new
/// one.
fn choices(collections: &[CollectionSummary]) -> Vec<(String, String)> {
    let mut options = Vec::with_capacity(collections.len() + 2);
    if !collections.iter().any(|collection| collection.is_default) {
        options.push(("default".to_string(), DEFAULT_NAME.to_string()));
    }
    options.extend(
        collections
            .iter()
            .map(|collection| (collection.id.to_string(), collection.name.clone())),
    );
    options.push(("new".to_string(), "A new collection".to_string()));
    options
}

fn section(slug: &str, saver: Saver) -> String {
    let body = match saver {
        Saver::SignedOut => {
            let sign_in = format!("/sign-in?next=%2Fresources%2F{slug}");
            view! {
                <p><a href=sign_in>"Sign in"</a> " to save this resource to your collections, with a note, and share them."</p>
            }
            .into_any()
        }
        Saver::Member {
            collections,
            holding,
            csrf_token,
        } => {
            let held = (!holding.is_empty()).then(|| {
                let links = holding
                    .into_iter()
                    .enumerate()
                    .map(|(index, (id, name))| {
                        view! {
                            {(index > 0).then_some(", ")}
                            <a href=format!("/account/collections/{id}")>{name}</a>
                        }
                    })
                    .collect_view();
                view! { <p>"Saved in " {links} "."</p> }
            });
            let options = choices(&collections);
            let first = options[0].0.clone();
            view! {
                {held}
                <form method="post" action=format!("/resources/{slug}") novalidate>
                    <input type="hidden" name="csrf_token" value=csrf_token />
                    <input type="hidden" name="action" value="save" />
                    <SelectField name="collection" label="Collection" options value=first />
                    <TextField name="new_collection" label="Name of a new collection" hint="To save to a new collection, type its name. Up to 80 characters." />
                    <TextArea name="note" label="Your note" hint=NOTE_HINT rows=2 />
                    <button class="nhsuk-button nhsuk-button--secondary" type="submit" data-module="nhsuk-button">"Save to collection"</button>
                </form>
                <p><a href="/account/collections">"Your collections"</a></p>
            }
            .into_any()
        }
    };
    view! {
        <section class="hub-save" aria-labelledby="save-heading">
            <h2 class="nhsuk-heading-m" id="save-heading">"Save this resource"</h2>
            {body}
        </section>
    }
    .to_html()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::learning::collections::types::{Visibility, MAX_NAME_CHARS, MAX_NOTE_CHARS};

    fn summary(id: i64, name: &str, is_default: bool) -> CollectionSummary {
        CollectionSummary {
            id,
            name: name.into(),
            visibility: Visibility::Private,
            is_default,
            items: 0,
            token: String::new(),
        }
    }

    #[test]
    fn the_default_is_offered_before_it_exists_and_a_new_one_last() {
        let values = |collections: &[CollectionSummary]| -> Vec<String> {
            choices(collections)
                .into_iter()
                .map(|(value, _)| value)
                .collect()
        };
        assert_eq!(values(&[]), ["default", "new"]);
        assert_eq!(
            values(&[summary(4, "Saved", true), summary(9, "Huddles", false)]),
            ["4", "9", "new"]
        );
    }

    #[test]
    fn the_hints_state_the_limits_the_parser_applies() {
        assert!(NOTE_HINT.contains(&format!("Up to {MAX_NOTE_CHARS} characters")));
        let html = render(
            "x",
            Saver::Member {
                collections: vec![],
                holding: vec![],
                csrf_token: "t".into(),
            },
            FormFeedback::default(),
        );
        assert!(html.contains(&format!("Up to {MAX_NAME_CHARS} characters")));
    }

    #[test]
    fn names_are_escaped() {
        let html = render(
            "x",
            Saver::Member {
                collections: vec![summary(3, "<script>alert(1)</script>", false)],
                holding: vec![(3, "<b>bold</b>".into())],
                csrf_token: "t".into(),
            },
            FormFeedback::default(),
        );
        assert!(!html.contains("<script>alert"));
        assert!(!html.contains("<b>bold"));
        assert!(html.contains("&lt;b&gt;bold"));
    }
}
