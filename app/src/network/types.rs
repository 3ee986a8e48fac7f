//! Network values shared by server and browser: who may see what, the
//! profile as a viewer is allowed to see it, connections and messages.

use serde::{Deserialize, Serialize};

use crate::vocabulary::{Level, Sector, Vocabulary};

/// Who may see a profile or one of its details. Ordered from most open.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Visibility {
    /// Anyone, signed in or not.
    Public,
    /// Any signed-in member.
    Members,
    /// Only the member's connections.
    Connections,
}

impl Visibility {
    pub const ALL: [Visibility; 3] = [
        Visibility::Public,
        Visibility::Members,
        Visibility::Connections,
    ];

    /// The rank stored in the database (see migration 0004).
    pub fn rank(self) -> i64 {
        match self {
            Visibility::Public => 0,
            Visibility::Members => 1,
            Visibility::Connections => 2,
        }
    }

    pub fn from_rank(rank: i64) -> Self {
        match rank {
            0 => Visibility::Public,
            1 => Visibility::Members,
            // Anything unexpected is treated as the most private.
            _ => Visibility::Connections,
        }
    }

    pub fn slug(self) -> &'static str {
        match self {
            Visibility::Public => "public",
            Visibility::Members => "members",
            Visibility::Connections => "connections",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Visibility::Public => "Anyone",
            Visibility::Members => "Signed-in members",
            Visibility::Connections => "Only my connections",
        }
    }

    pub fn parse(slug: &str) -> Result<Self, String> {
        Self::ALL
            .into_iter()
            .find(|visibility| visibility.slug() == slug)
            .ok_or_else(|| "Choose who can see this from the list".to_string())
    }
}

/// How close a viewer is to a profile's owner, which decides what they see.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Tier {
    Anonymous = 0,
    Member = 1,
    /// A connection, the owner, or an admin.
    Close = 2,
}

impl Tier {
    pub fn rank(self) -> i64 {
        self as i64
    }

    pub fn from_rank(rank: i64) -> Self {
        match rank {
            i64::MIN..=0 => Tier::Anonymous,
            1 => Tier::Member,
            _ => Tier::Close,
        }
    }

    pub fn sees(self, visibility: Visibility) -> bool {
        visibility.rank() <= self.rank()
    }
}

crate::vocabulary::vocabulary! {
    /// NHS England regions.
    Region, "region" {
        NorthEastYorkshire = 0, "north-east-and-yorkshire", "North East and Yorkshire";
        NorthWest = 1, "north-west", "North West";
        Midlands = 2, "midlands", "Midlands";
        EastOfEngland = 3, "east-of-england", "East of England";
        London = 4, "london", "London";
        SouthEast = 5, "south-east", "South East";
        SouthWest = 6, "south-west", "South West";
    }
}

crate::vocabulary::vocabulary! {
    /// The kind of organisation a member works for (never the named
    /// provider, unless the member adds it).
    OrganisationType, "organisation type" {
        AcuteTrust = 0, "acute-trust", "Acute hospital trust";
        MentalHealthTrust = 1, "mental-health-trust", "Mental health trust";
        AmbulanceService = 2, "ambulance-service", "Ambulance service";
        CommunityProvider = 3, "community-provider", "Community health provider";
        GeneralPractice = 4, "general-practice", "GP practice or primary care network";
        CommunityPharmacy = 5, "community-pharmacy", "Community pharmacy";
        DentalOrOptometry = 6, "dental-or-optometry", "Dental or optometry practice";
        IntegratedCareBoard = 7, "integrated-care-board", "Integrated care board";
        IndependentProvider = 8, "independent-provider", "Independent provider";
        NationalBody = 9, "national-body", "National or regional body";
        Academic = 10, "academic", "University or education provider";
        Other = 11, "other", "Other";
    }
}

/// A profile as one viewer may see it: hidden details are `None`, decided
/// on the server before anything is sent.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProfileCard {
    pub handle: String,
    pub display_name: String,
    pub role_title: Option<String>,
    pub organisation: Option<String>,
    pub sectors: Option<Vec<Sector>>,
    pub region: Option<Region>,
    pub level: Option<Level>,
    pub years_investigating: Option<i64>,
    pub specialisms: Option<Vec<String>>,
    pub open_to_mentoring: Option<bool>,
    pub open_to_collaboration: Option<bool>,
    pub is_demo: bool,
}

impl ProfileCard {
    /// Up to two letters for the avatar.
    pub fn initials(&self) -> String {
        initials(&self.display_name)
    }
}

pub fn initials(name: &str) -> String {
    let words: Vec<&str> = name.split_whitespace().collect();
    let letters = match words.as_slice() {
        [] => Vec::new(),
        [only] => only.chars().take(1).collect(),
        [first, .., last] => first
            .chars()
            .take(1)
            .chain(last.chars().take(1))
            .collect::<Vec<_>>(),
    };
    letters.into_iter().flat_map(char::to_uppercase).collect()
}

/// Where the viewer stands with a member, from the viewer's side.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Relation {
    /// Not signed in.
    Anonymous,
    /// The viewer's own profile.
    Own,
    /// Signed in, no connection yet. `can_request` is false when the viewer
    /// has no profile of their own yet.
    Stranger {
        can_request: bool,
    },
    RequestSent {
        id: i64,
        kind: RequestKind,
    },
    RequestReceived {
        id: i64,
        kind: RequestKind,
        note: String,
    },
    Connected {
        kind: RequestKind,
        viewer_is_mentor: Option<bool>,
    },
}

/// What a connection request asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RequestKind {
    Connect,
    /// The requester asks the recipient to mentor them.
    Mentoring,
}

impl RequestKind {
    pub fn slug(self) -> &'static str {
        match self {
            RequestKind::Connect => "connect",
            RequestKind::Mentoring => "mentoring",
        }
    }

    /// From the database, whose CHECK constraint allows only known kinds.
    pub fn stored(slug: &str) -> Self {
        Self::parse(slug).unwrap_or(RequestKind::Connect)
    }

    pub fn parse(slug: &str) -> Result<Self, String> {
        match slug {
            "connect" => Ok(RequestKind::Connect),
            "mentoring" => Ok(RequestKind::Mentoring),
            _ => Err("Choose whether you want to connect or ask for mentoring".to_string()),
        }
    }
}

/// A member's profile page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProfilePage {
    pub card: ProfileCard,
    /// Sanitised HTML from the Markdown bio, when visible.
    pub bio_html: Option<String>,
    pub relation: Relation,
    /// Whether the viewer has blocked nobody here: always true when shown
    /// (a block hides the page), kept for the block button's wording.
    pub signed_in: bool,
    /// The member's public collections of saved resources.
    pub collections: Vec<crate::learning::collections::types::PublicCollection>,
}

/// One page of the directory.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DirectoryPage {
    pub params: DirectoryParams,
    pub members: Vec<ProfileCard>,
    pub total: i64,
    pub pages: u32,
    /// Signed in but without a profile: the page invites them to make one.
    pub viewer_needs_profile: bool,
    pub signed_in: bool,
}

pub const DIRECTORY_PAGE_SIZE: u32 = 20;
pub const MAX_DIRECTORY_QUERY_CHARS: usize = 100;

/// The directory's search and filters, all in the URL.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct DirectoryParams {
    pub q: String,
    pub sectors: Vec<Sector>,
    pub regions: Vec<Region>,
    pub levels: Vec<Level>,
    pub mentoring: bool,
    pub collaboration: bool,
    pub page: u32,
}

impl DirectoryParams {
    /// Parses URL query pairs; unknown names are ignored, bad values refused
    /// with the parameter's name and the reason.
    pub fn parse(pairs: &[(String, String)]) -> Result<Self, crate::resources::search::ParamError> {
        use crate::resources::search::ParamError;
        let mut params = DirectoryParams {
            page: 1,
            ..Default::default()
        };
        for (name, raw) in pairs {
            let value = raw.trim();
            let invalid = |message: String| ParamError::new(name, message);
            match name.as_str() {
                "q" => {
                    if value.chars().count() > MAX_DIRECTORY_QUERY_CHARS {
                        return Err(invalid(format!(
                            "Search terms must be {MAX_DIRECTORY_QUERY_CHARS} characters or fewer"
                        )));
                    }
                    params.q = value.split_whitespace().collect::<Vec<_>>().join(" ");
                }
                _ if value.is_empty() => {}
                "sector" => add(&mut params.sectors, Sector::parse(value).map_err(invalid)?),
                "region" => add(&mut params.regions, Region::parse(value).map_err(invalid)?),
                "level" => add(&mut params.levels, Level::parse(value).map_err(invalid)?),
                "mentoring" => params.mentoring = yes(value).map_err(invalid)?,
                "collaboration" => params.collaboration = yes(value).map_err(invalid)?,
                "page" => {
                    params.page = value
                        .parse::<u32>()
                        .ok()
                        .filter(|page| *page >= 1)
                        .ok_or_else(|| invalid("Page must be a whole number from 1".into()))?
                }
                _ => {}
            }
        }
        Ok(params)
    }

    pub fn parse_query_string(query: &str) -> Result<Self, crate::resources::search::ParamError> {
        let pairs: Vec<(String, String)> =
            form_urlencoded::parse(query.trim_start_matches('?').as_bytes())
                .into_owned()
                .collect();
        Self::parse(&pairs)
    }

    pub fn has_filters(&self) -> bool {
        !self.sectors.is_empty()
            || !self.regions.is_empty()
            || !self.levels.is_empty()
            || self.mentoring
            || self.collaboration
    }

    /// The URL of this search at `page`.
    pub fn href_for_page(&self, page: u32) -> String {
        let mut url = form_urlencoded::Serializer::new(String::new());
        if !self.q.is_empty() {
            url.append_pair("q", &self.q);
        }
        for sector in &self.sectors {
            url.append_pair("sector", sector.slug());
        }
        for region in &self.regions {
            url.append_pair("region", region.slug());
        }
        for level in &self.levels {
            url.append_pair("level", level.slug());
        }
        if self.mentoring {
            url.append_pair("mentoring", "yes");
        }
        if self.collaboration {
            url.append_pair("collaboration", "yes");
        }
        if page > 1 {
            url.append_pair("page", &page.to_string());
        }
        match url.finish() {
            query if query.is_empty() => "/network".to_string(),
            query => format!("/network?{query}"),
        }
    }
}

fn add<T: PartialEq>(list: &mut Vec<T>, value: T) {
    if !list.contains(&value) {
        list.push(value);
    }
}

fn yes(value: &str) -> Result<bool, String> {
    match value {
        "yes" | "true" | "on" => Ok(true),
        "no" | "false" | "off" => Ok(false),
        _ => Err(format!("'{value}' is not yes or no")),
    }
}

/// A request waiting for an answer, as listed on the connections page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PendingRequest {
    pub id: i64,
    pub other: MemberLink,
    pub kind: RequestKind,
    pub note: String,
    pub requested_at: i64,
}

/// A member named with a link to their profile.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MemberLink {
    pub handle: String,
    pub display_name: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Connection {
    pub other: MemberLink,
    pub kind: RequestKind,
    /// For mentoring: whether the viewer is the mentor.
    pub viewer_is_mentor: Option<bool>,
    pub since: i64,
}

/// `/network/connections`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ConnectionsOverview {
    pub connections: Vec<Connection>,
    pub received: Vec<PendingRequest>,
    pub sent: Vec<PendingRequest>,
    pub blocked: Vec<MemberLink>,
    pub has_profile: bool,
}

/// What the header counts for a signed-in member.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NetworkCounts {
    pub pending_requests: i64,
    pub unread_messages: i64,
}

/// Part of a message as shown: text, or a link that was typed into it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum MessagePart {
    Text(String),
    Link(String),
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MessageView {
    pub id: i64,
    pub from_viewer: bool,
    pub sender_name: String,
    pub parts: Vec<MessagePart>,
    pub sent_at: i64,
    /// Hidden by a moderator: shown as a notice, without its text.
    pub hidden: bool,
}

/// A conversation in the list of conversations.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ConversationSummary {
    pub other: MemberLink,
    pub last_message_at: i64,
    pub unread: i64,
    pub preview: String,
}

/// `/network/messages/{handle}`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ConversationPage {
    pub other: MemberLink,
    /// Newest first.
    pub messages: Vec<MessageView>,
    /// False once the two are no longer connected: the history stays
    /// readable, but no new message can be sent.
    pub can_send: bool,
}

/// What the profile form starts from.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ProfileFormData {
    pub exists: bool,
    pub handle: Option<String>,
    /// Field name → value, as the form's inputs are named.
    pub values: Vec<(String, String)>,
}

impl ProfileFormData {
    pub fn value(&self, field: &str) -> String {
        self.values
            .iter()
            .find(|(name, _)| name == field)
            .map(|(_, value)| value.clone())
            .unwrap_or_default()
    }

    pub fn values_of(&self, field: &str) -> Vec<String> {
        self.values
            .iter()
            .filter(|(name, _)| name == field)
            .map(|(_, value)| value.clone())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn initials_take_first_and_last_names() {
        assert_eq!(initials("Priya Shah"), "PS");
        assert_eq!(initials("ada"), "A");
        assert_eq!(initials("Mary Jane van Wyk"), "MW");
        assert_eq!(initials("  "), "");
    }

    #[test]
    fn tiers_see_up_to_their_rank() {
        assert!(Tier::Anonymous.sees(Visibility::Public));
        assert!(!Tier::Anonymous.sees(Visibility::Members));
        assert!(Tier::Member.sees(Visibility::Members));
        assert!(!Tier::Member.sees(Visibility::Connections));
        assert!(Tier::Close.sees(Visibility::Connections));
    }

    #[test]
    fn directory_params_round_trip_and_refuse_bad_values() {
        let params = DirectoryParams::parse_query_string(
            "q=root+cause&sector=primary-care&region=north-west&mentoring=yes&page=2",
        )
        .unwrap();
        assert_eq!(params.q, "root cause");
        assert_eq!(params.sectors, [Sector::PrimaryCare]);
        assert_eq!(params.regions, [Region::NorthWest]);
        assert!(params.mentoring && !params.collaboration);
        assert_eq!(
            params.href_for_page(2),
            "/network?q=root+cause&sector=primary-care&region=north-west&mentoring=yes&page=2"
        );
        let error = DirectoryParams::parse_query_string("region=wales").unwrap_err();
        assert_eq!(error.parameter, "region");
        assert!(DirectoryParams::parse_query_string("page=0").is_err());
        assert!(DirectoryParams::parse_query_string(&format!("q={}", "a".repeat(101))).is_err());
    }
}
