//! Collections: who may see one, what its forms may hold, the order of its
//! resources and the name a copy takes. Plain rules, shared by server and
//! client.

use serde::{Deserialize, Serialize};

use crate::forms::FieldErrors;

/// The longest name a collection may have.
pub const MAX_NAME_CHARS: usize = 80;
/// The longest note kept with a saved resource.
pub const MAX_NOTE_CHARS: usize = 500;
/// The most collections one member may have: enough for any way of
/// working, and a bound on what one account can store.
pub const MAX_COLLECTIONS: i64 = 50;
/// The most resources one collection may hold.
pub const MAX_ITEMS: i64 = 500;
/// The name of every member's default collection.
pub const DEFAULT_NAME: &str = "Saved";

/// Who may see a collection.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Visibility {
    /// Only its owner.
    #[default]
    Private,
    /// Anyone with its unguessable link, read-only; not listed anywhere.
    Link,
    /// Anyone: listed on the owner's profile, and open by its link.
    Public,
}

impl Visibility {
    pub const ALL: [Visibility; 3] = [Visibility::Private, Visibility::Link, Visibility::Public];

    pub fn slug(self) -> &'static str {
        match self {
            Visibility::Private => "private",
            Visibility::Link => "link",
            Visibility::Public => "public",
        }
    }

    pub fn from_slug(slug: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|known| known.slug() == slug)
    }

    /// The choice as the settings form offers it.
    pub fn label(self) -> &'static str {
        match self {
            Visibility::Private => "Private: only you can see it",
            Visibility::Link => "Shared by link: anyone you give the link to can see it",
            Visibility::Public => "Public: listed on your profile, and anyone can see it",
        }
    }

    /// A short description for lists.
    pub fn short(self) -> &'static str {
        match self {
            Visibility::Private => "Private",
            Visibility::Link => "Shared by link",
            Visibility::Public => "Public",
        }
    }

    /// Whether its link opens it for someone other than its owner.
    pub fn is_shared(self) -> bool {
        self != Visibility::Private
    }
}

/// One of a member's collections, as their list shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CollectionSummary {
    pub id: i64,
    pub name: String,
    pub visibility: Visibility,
    pub is_default: bool,
    pub items: i64,
    /// The address part of its link (`/collections/{token}`).
    pub token: String,
}

/// A resource in a collection.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CollectionItem {
    pub resource_id: i64,
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub note: String,
    /// False once the resource has left the catalogue (archived): its owner
    /// still sees it, to take it out; nobody else does.
    pub available: bool,
}

/// A collection with its resources in the owner's order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Collection {
    pub summary: CollectionSummary,
    pub items: Vec<CollectionItem>,
}

/// A collection opened by its link: whose it is (the owner's name, which
/// they share with the link) and its resources.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SharedCollection {
    pub name: String,
    pub owner_name: String,
    pub visibility: Visibility,
    pub items: Vec<CollectionItem>,
    /// Whether the reader is its owner (who may not copy it onto itself).
    pub own: bool,
    /// Whether the reader is signed in (and so may copy it).
    pub signed_in: bool,
}

/// A public collection, as its owner's profile lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicCollection {
    pub name: String,
    pub token: String,
    pub items: i64,
}

/// The form that makes a collection, and the forms of a collection's own
/// page (its name and who may see it, a resource's place or note).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct SettingsInput {
    pub name: String,
    pub visibility: String,
    /// On a collection's page: which of its forms was sent.
    pub action: String,
    /// A resource's id, for the buttons that move or remove it and its
    /// note.
    pub resource: String,
    pub note: String,
    pub confirm: String,
}

/// A collection's name and who may see it, as they can be stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Settings {
    pub name: String,
    pub visibility: Visibility,
}

/// What makes two names the same name: case does not count (folded here,
/// the same way on both databases).
pub fn name_key(name: &str) -> String {
    name.to_lowercase()
}

/// A collection's name: trimmed, not empty, not too long; or the message.
pub fn parse_name(raw: &str) -> Result<String, String> {
    let name = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() {
        return Err("Enter a name for the collection".into());
    }
    if name.chars().count() > MAX_NAME_CHARS {
        return Err(format!(
            "The name must be {MAX_NAME_CHARS} characters or fewer"
        ));
    }
    Ok(name)
}

/// The settings form.
pub fn parse_settings(input: &SettingsInput) -> Result<Settings, FieldErrors> {
    let mut problems = FieldErrors::new();
    let name = parse_name(&input.name).map_err(|message| problems.push(("name", message)));
    let visibility = Visibility::from_slug(input.visibility.trim()).ok_or_else(|| {
        problems.push((
            "visibility",
            "Select who can see the collection".to_string(),
        ))
    });
    match (name, visibility) {
        (Ok(name), Ok(visibility)) => Ok(Settings { name, visibility }),
        _ => Err(problems),
    }
}

/// A note about a saved resource: trimmed, not too long.
pub fn parse_note(raw: &str) -> Result<String, String> {
    let note = raw.trim();
    if note.chars().count() > MAX_NOTE_CHARS {
        return Err(format!(
            "The note must be {MAX_NOTE_CHARS} characters or fewer"
        ));
    }
    Ok(note.to_string())
}

/// The form below a resource's text that saves it to a collection.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct SaveInput {
    /// A collection's id, or "new" for one named in `new_collection`.
    pub collection: String,
    pub new_collection: String,
    pub note: String,
}

/// Where a resource is saved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SaveTo {
    /// The member's default collection ("Saved"), made if they have none.
    Default,
    Existing(i64),
    New(String),
}

/// A resource to save, with its note.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Save {
    pub to: SaveTo,
    pub note: String,
}

/// The save form: a name typed for a new collection is the wish for a new
/// collection, whatever the list of collections was left at (it starts at
/// the default, and people type a name without changing it); "A new
/// collection" chosen needs a name.
pub fn parse_save(input: &SaveInput) -> Result<Save, FieldErrors> {
    let mut problems = FieldErrors::new();
    let chosen = input.collection.trim();
    let named = input.new_collection.trim();
    let to = if chosen == "new" || !named.is_empty() {
        parse_name(named)
            .map(SaveTo::New)
            .map_err(|message| problems.push(("new_collection", message)))
    } else if chosen.is_empty() || chosen == "default" {
        Ok(SaveTo::Default)
    } else {
        chosen
            .parse::<i64>()
            .ok()
            .filter(|id| *id > 0)
            .map(SaveTo::Existing)
            .ok_or_else(|| problems.push(("collection", "Select a collection".to_string())))
    };
    let note = parse_note(&input.note).map_err(|message| problems.push(("note", message)));
    match (to, note) {
        (Ok(to), Ok(note)) => Ok(Save { to, note }),
        _ => Err(problems),
    }
}

/// Which way a resource moves in its collection's order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Move {
    Up,
    Down,
}

/// The order after moving `item` one place (None if it is not there, or
/// is already at that end: nothing to change).
pub fn moved(order: &[i64], item: i64, direction: Move) -> Option<Vec<i64>> {
    let at = order.iter().position(|known| *known == item)?;
    let to = match direction {
        Move::Up => at.checked_sub(1)?,
        Move::Down => Some(at + 1).filter(|to| *to < order.len())?,
    };
    let mut order = order.to_vec();
    order.swap(at, to);
    Some(order)
}

/// The name a copy of `original` takes among the member's own collection
/// names: "Copy of …", then "Copy of … (2)" and on, cut to fit the limit.
pub fn copy_name(original: &str, taken: &[String]) -> String {
    let is_taken = |name: &str| taken.iter().any(|known| name_key(known) == name_key(name));
    let base = format!("Copy of {original}");
    (1..)
        .map(|n| {
            let suffix = if n == 1 {
                String::new()
            } else {
                format!(" ({n})")
            };
            let room = MAX_NAME_CHARS - suffix.chars().count();
            let stem: String = base.chars().take(room).collect();
            format!("{}{suffix}", stem.trim_end())
        })
        .find(|name| !is_taken(name))
        .expect("one of endless names is free")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(name: &str, visibility: &str) -> SettingsInput {
        SettingsInput {
            name: name.into(),
            visibility: visibility.into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_name_is_trimmed_and_its_spaces_folded() {
        assert_eq!(parse_name("  Timeline   work \t").unwrap(), "Timeline work");
        assert!(parse_name("   ").is_err());
        assert!(parse_name(&"a".repeat(MAX_NAME_CHARS)).is_ok());
        assert!(parse_name(&"a".repeat(MAX_NAME_CHARS + 1)).is_err());
    }

    #[test]
    fn settings_need_a_name_and_a_known_visibility() {
        assert_eq!(
            parse_settings(&settings("Mine", "link")).unwrap(),
            Settings {
                name: "Mine".into(),
                visibility: Visibility::Link
            }
        );
        let problems = parse_settings(&settings("", "everyone")).unwrap_err();
        let fields: Vec<_> = problems.iter().map(|(field, _)| *field).collect();
        assert_eq!(fields, ["name", "visibility"]);
    }

    #[test]
    fn saving_goes_to_the_default_an_existing_or_a_new_collection() {
        let save = |collection: &str, new_collection: &str| {
            parse_save(&SaveInput {
                collection: collection.into(),
                new_collection: new_collection.into(),
                note: String::new(),
            })
        };
        assert_eq!(save("", "").unwrap().to, SaveTo::Default);
        assert_eq!(save("default", "").unwrap().to, SaveTo::Default);
        assert_eq!(save("7", "").unwrap().to, SaveTo::Existing(7));
        assert_eq!(
            save("new", "Huddles").unwrap().to,
            SaveTo::New("Huddles".into())
        );
        assert_eq!(
            save("", "Huddles").unwrap().to,
            SaveTo::New("Huddles".into())
        );
        // A name typed is a new collection, whatever the list says.
        assert_eq!(
            save("7", "Huddles").unwrap().to,
            SaveTo::New("Huddles".into())
        );
        assert_eq!(
            save("default", "Huddles").unwrap().to,
            SaveTo::New("Huddles".into())
        );
        assert_eq!(save("new", "").unwrap_err()[0].0, "new_collection");
        assert_eq!(save("-1", "").unwrap_err()[0].0, "collection");
        assert_eq!(save("seven", "").unwrap_err()[0].0, "collection");
    }

    #[test]
    fn a_note_over_the_limit_is_refused() {
        assert_eq!(parse_note("  why  ").unwrap(), "why");
        assert!(parse_note(&"é".repeat(MAX_NOTE_CHARS)).is_ok());
        assert!(parse_note(&"é".repeat(MAX_NOTE_CHARS + 1)).is_err());
    }

    #[test]
    fn moving_swaps_with_the_neighbour_and_stops_at_the_ends() {
        assert_eq!(moved(&[1, 2, 3], 2, Move::Up), Some(vec![2, 1, 3]));
        assert_eq!(moved(&[1, 2, 3], 2, Move::Down), Some(vec![1, 3, 2]));
        assert_eq!(moved(&[1, 2, 3], 1, Move::Up), None);
        assert_eq!(moved(&[1, 2, 3], 3, Move::Down), None);
        assert_eq!(moved(&[1, 2, 3], 9, Move::Up), None);
    }

    #[test]
    fn names_are_the_same_whatever_their_case() {
        assert_eq!(name_key("École Reading"), name_key("école reading"));
        assert_ne!(name_key("Timelines"), name_key("Timeline"));
    }

    #[test]
    fn a_copy_takes_a_free_name_within_the_limit() {
        assert_eq!(copy_name("Timelines", &[]), "Copy of Timelines");
        let taken = vec![
            "copy of timelines".to_string(),
            "Copy of Timelines (2)".to_string(),
        ];
        assert_eq!(copy_name("Timelines", &taken), "Copy of Timelines (3)");
        let long = "x".repeat(MAX_NAME_CHARS);
        let name = copy_name(&long, &[]);
        assert_eq!(name.chars().count(), MAX_NAME_CHARS);
        assert!(parse_name(&name).is_ok());
    }

    #[test]
    fn visibilities_read_back_from_their_slugs() {
        for visibility in Visibility::ALL {
            assert_eq!(Visibility::from_slug(visibility.slug()), Some(visibility));
        }
        assert_eq!(Visibility::from_slug("everyone"), None);
        assert!(!Visibility::Private.is_shared());
    }
}
