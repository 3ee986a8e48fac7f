//! A profile as typed into the form, parsed once into values known to be
//! valid, or into a message for each field that is not.

use serde::Deserialize;

use super::types::{OrganisationType, Region, Visibility};
use crate::accounts::DisplayName;
use crate::vocabulary::{Level, Sector};

pub const MAX_ROLE_TITLE_CHARS: usize = 100;
pub const MAX_ORGANISATION_NAME_CHARS: usize = 120;
pub const MAX_SPECIALISMS: usize = 10;
pub const MAX_SPECIALISM_CHARS: usize = 60;
pub const MAX_BIO_CHARS: usize = 2000;
pub const MAX_YEARS: i64 = 60;

/// The details that each carry their own visibility, in form order: the
/// form field is `{name}_visibility`.
pub const FIELDS_WITH_VISIBILITY: [(&str, &str); 8] = [
    ("role_title", "Role"),
    ("organisation", "Organisation"),
    ("sectors", "Sectors"),
    ("region", "Region"),
    ("level", "Level"),
    ("years", "Years investigating"),
    ("specialisms", "Specialisms"),
    ("bio", "About me"),
];

/// Everything a member says about themselves, valid.
#[derive(Clone, Debug, PartialEq)]
pub struct ProfileDraft {
    pub display_name: DisplayName,
    pub visibility: Visibility,
    pub role_title: String,
    pub role_title_visibility: Visibility,
    pub organisation_type: Option<OrganisationType>,
    pub organisation_name: String,
    pub organisation_visibility: Visibility,
    pub sectors: Vec<Sector>,
    pub sectors_visibility: Visibility,
    pub region: Option<Region>,
    pub region_visibility: Visibility,
    pub level: Option<Level>,
    pub level_visibility: Visibility,
    pub years_investigating: Option<i64>,
    pub years_visibility: Visibility,
    pub specialisms: Vec<String>,
    pub specialisms_visibility: Visibility,
    pub open_to_mentoring: bool,
    pub open_to_collaboration: bool,
    pub availability_visibility: Visibility,
    pub bio: String,
    pub bio_visibility: Visibility,
}

/// Field name → message, for each problem.
pub use crate::forms::FieldErrors;

/// The profile form as posted: each field as typed, and every ticked value
/// of the checkboxes (`sector`, `availability`). [`ProfileDraft::parse`]
/// turns it into values known to be valid.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct ProfileInput {
    pub display_name: String,
    pub visibility: String,
    pub role_title: String,
    pub role_title_visibility: String,
    pub organisation_type: String,
    pub organisation_name: String,
    pub organisation_visibility: String,
    pub sector: Vec<String>,
    pub sectors_visibility: String,
    pub region: String,
    pub region_visibility: String,
    pub level: String,
    pub level_visibility: String,
    pub years_investigating: String,
    pub years_visibility: String,
    pub specialisms: String,
    pub specialisms_visibility: String,
    pub availability: Vec<String>,
    pub availability_visibility: String,
    pub bio: String,
    pub bio_visibility: String,
}

impl ProfileDraft {
    /// The profile form's input, checked: the draft, or a message for each
    /// field that is wrong.
    pub fn parse(input: &ProfileInput) -> Result<Self, FieldErrors> {
        let mut errors: FieldErrors = Vec::new();
        let mut visibility = |name: &'static str, raw: &str| {
            if raw.is_empty() {
                return Visibility::Members;
            }
            Visibility::parse(raw).unwrap_or_else(|message| {
                errors.push((name, message));
                Visibility::Connections
            })
        };
        let profile_visibility = visibility("visibility", &input.visibility);
        let role_title_visibility =
            visibility("role_title_visibility", &input.role_title_visibility);
        let organisation_visibility =
            visibility("organisation_visibility", &input.organisation_visibility);
        let sectors_visibility = visibility("sectors_visibility", &input.sectors_visibility);
        let region_visibility = visibility("region_visibility", &input.region_visibility);
        let level_visibility = visibility("level_visibility", &input.level_visibility);
        let years_visibility = visibility("years_visibility", &input.years_visibility);
        let specialisms_visibility =
            visibility("specialisms_visibility", &input.specialisms_visibility);
        let availability_visibility =
            visibility("availability_visibility", &input.availability_visibility);
        let bio_visibility = visibility("bio_visibility", &input.bio_visibility);

        let display_name = DisplayName::parse(input.display_name.as_str())
            .map_err(|message| errors.push(("display_name", message)))
            .ok();
        let role_title = text(input.role_title.as_str());
        if role_title.chars().count() > MAX_ROLE_TITLE_CHARS {
            errors.push((
                "role_title",
                format!("Role must be {MAX_ROLE_TITLE_CHARS} characters or fewer"),
            ));
        }
        let organisation_type = optional(input.organisation_type.as_str(), OrganisationType::parse)
            .map_err(|message| errors.push(("organisation_type", message)))
            .ok()
            .flatten();
        let organisation_name = text(input.organisation_name.as_str());
        if organisation_name.chars().count() > MAX_ORGANISATION_NAME_CHARS {
            errors.push((
                "organisation_name",
                format!(
                    "Organisation name must be {MAX_ORGANISATION_NAME_CHARS} characters or fewer"
                ),
            ));
        }
        let mut sectors = Vec::new();
        for raw in input.sector.iter().filter(|raw| !raw.is_empty()) {
            match Sector::parse(raw) {
                Ok(sector) if !sectors.contains(&sector) => sectors.push(sector),
                Ok(_) => {}
                Err(message) => errors.push(("sectors", message)),
            }
        }
        let region = optional(input.region.as_str(), Region::parse)
            .map_err(|message| errors.push(("region", message)))
            .ok()
            .flatten();
        let level = optional(input.level.as_str(), Level::parse)
            .map_err(|message| errors.push(("level", message)))
            .ok()
            .flatten();
        let years_investigating = match input.years_investigating.as_str().trim() {
            "" => None,
            raw => match raw.parse::<i64>() {
                Ok(years) if (0..=MAX_YEARS).contains(&years) => Some(years),
                _ => {
                    errors.push((
                        "years_investigating",
                        format!("Years investigating must be a whole number from 0 to {MAX_YEARS}"),
                    ));
                    None
                }
            },
        };
        let specialisms = parse_specialisms(input.specialisms.as_str())
            .map_err(|message| errors.push(("specialisms", message)))
            .unwrap_or_default();
        let bio = input.bio.as_str().trim().replace("\r\n", "\n");
        if bio.chars().count() > MAX_BIO_CHARS {
            errors.push((
                "bio",
                format!("About me must be {MAX_BIO_CHARS} characters or fewer"),
            ));
        }
        let checked = |name: &str| input.availability.iter().any(|ticked| ticked == name);

        match display_name {
            Some(display_name) if errors.is_empty() => Ok(ProfileDraft {
                display_name,
                visibility: profile_visibility,
                role_title,
                role_title_visibility,
                organisation_type,
                organisation_name,
                organisation_visibility,
                sectors,
                sectors_visibility,
                region,
                region_visibility,
                level,
                level_visibility,
                years_investigating,
                years_visibility,
                specialisms,
                specialisms_visibility,
                open_to_mentoring: checked("open_to_mentoring"),
                open_to_collaboration: checked("open_to_collaboration"),
                availability_visibility,
                bio,
                bio_visibility,
            }),
            _ => Err(errors),
        }
    }

    /// The words a search may match, split by the tier allowed to see them:
    /// (anyone, members, connections), each including the ones before.
    pub fn search_texts<'a>(&'a self) -> (String, String, String) {
        let mut tiers: [Vec<&str>; 3] = Default::default();
        // A detail is seen only by those who can see the profile at all.
        let profile = self.visibility;
        let mut put = |visibility: Visibility, text: &'a str| {
            let rank = visibility.max(profile).rank() as usize;
            tiers[rank].push(text);
        };
        put(self.visibility, self.display_name.as_str());
        put(self.role_title_visibility, &self.role_title);
        for specialism in &self.specialisms {
            put(self.specialisms_visibility, specialism);
        }
        let join = |parts: &[&Vec<&str>]| {
            parts
                .iter()
                .flat_map(|words| words.iter().copied())
                .filter(|text| !text.is_empty())
                .collect::<Vec<_>>()
                .join(" ")
        };
        (
            join(&[&tiers[0]]),
            join(&[&tiers[0], &tiers[1]]),
            join(&[&tiers[0], &tiers[1], &tiers[2]]),
        )
    }
}

fn text(raw: &str) -> String {
    raw.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn optional<T>(raw: &str, parse: fn(&str) -> Result<T, String>) -> Result<Option<T>, String> {
    match raw.trim() {
        "" => Ok(None),
        value => parse(value).map(Some),
    }
}

/// One specialism per line (commas also separate them).
pub fn parse_specialisms(raw: &str) -> Result<Vec<String>, String> {
    let mut specialisms: Vec<String> = Vec::new();
    for item in raw
        .split(['\n', ',', ';'])
        .map(text)
        .filter(|item| !item.is_empty())
    {
        if item.chars().count() > MAX_SPECIALISM_CHARS {
            return Err(format!(
                "Each specialism must be {MAX_SPECIALISM_CHARS} characters or fewer"
            ));
        }
        if !specialisms
            .iter()
            .any(|known| known.eq_ignore_ascii_case(&item))
        {
            specialisms.push(item);
        }
    }
    if specialisms.len() > MAX_SPECIALISMS {
        return Err(format!("List at most {MAX_SPECIALISMS} specialisms"));
    }
    Ok(specialisms)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The fields as a browser would post them, through the real decoding.
    fn parse(fields: &[(&'static str, &'static str)]) -> Result<ProfileDraft, FieldErrors> {
        let posted = form_urlencoded::Serializer::new(String::new())
            .extend_pairs(fields)
            .finish();
        ProfileDraft::parse(&serde_html_form::from_str(&posted).unwrap())
    }

    #[test]
    fn a_full_profile_parses() {
        let draft = parse(&[
            ("display_name", " Priya  Shah "),
            ("visibility", "public"),
            ("role_title", "Patient safety partner"),
            ("role_title_visibility", "public"),
            ("sector", "primary-care"),
            ("sector", "mental-health"),
            ("sector", "primary-care"),
            ("region", "north-west"),
            ("years_investigating", "7"),
            ("specialisms", "SEIPS\nTimeline mapping, seips"),
            ("specialisms_visibility", "connections"),
            ("availability", "open_to_mentoring"),
        ])
        .unwrap();
        assert_eq!(draft.display_name.as_str(), "Priya Shah");
        assert_eq!(draft.sectors, [Sector::PrimaryCare, Sector::MentalHealth]);
        assert_eq!(draft.region, Some(Region::NorthWest));
        assert_eq!(draft.specialisms, ["SEIPS", "Timeline mapping"]);
        assert!(draft.open_to_mentoring && !draft.open_to_collaboration);
        assert_eq!(draft.bio_visibility, Visibility::Members, "the default");
        let (public, members, all) = draft.search_texts();
        assert_eq!(public, "Priya Shah Patient safety partner");
        assert_eq!(members, public);
        assert_eq!(
            all,
            "Priya Shah Patient safety partner SEIPS Timeline mapping"
        );
    }

    #[test]
    fn each_bad_field_gets_its_own_message() {
        let errors = parse(&[
            ("display_name", ""),
            ("visibility", "everyone"),
            ("region", "wales"),
            ("years_investigating", "-3"),
            ("sector", "space"),
        ])
        .unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|(field, _)| *field).collect();
        for expected in [
            "display_name",
            "visibility",
            "region",
            "years_investigating",
            "sectors",
        ] {
            assert!(
                fields.contains(&expected),
                "{expected} missing from {fields:?}"
            );
        }
    }

    #[test]
    fn a_private_profile_keeps_its_words_private() {
        let draft = parse(&[
            ("display_name", "Sam Okafor"),
            ("visibility", "connections"),
            ("role_title", "Investigator"),
            ("role_title_visibility", "public"),
        ])
        .unwrap();
        let (public, members, all) = draft.search_texts();
        assert_eq!((public.as_str(), members.as_str()), ("", ""));
        assert_eq!(all, "Sam Okafor Investigator");
    }
}
