//! The fixed lists used as facets across the hub (see shared/domain.md).
//! Each value has a URL slug, a label for people and a bit position; sets of
//! values are stored as bit masks, so the positions must never change.

use serde::{Deserialize, Serialize};

/// What every fixed list offers, so code can work over any of them.
pub trait Vocabulary: Copy + PartialEq + 'static {
    const ALL: &'static [Self];
    fn slug(self) -> &'static str;
    fn label(self) -> &'static str;
    fn bit(self) -> i64;
}

/// Every value of a list as (slug, label), for a select or checkboxes.
pub fn options<T: Vocabulary>() -> Vec<(String, String)> {
    T::ALL
        .iter()
        .map(|value| (value.slug().to_string(), value.label().to_string()))
        .collect()
}

/// Serde for a list of one fixed list's values as its bit mask (a number),
/// for types the client reads (`#[serde(with = "crate::vocabulary::as_mask")]`):
/// reading a mask needs no parser for the values' names. The list comes
/// back in the fixed list's order, whatever order it was in; values a mask
/// has no name for are dropped.
pub mod as_mask {
    use serde::{Deserialize, Deserializer, Serializer};

    use super::Vocabulary;

    #[allow(clippy::ptr_arg)] // serde hands the field as it is declared
    pub fn serialize<T: Vocabulary, S: Serializer>(
        values: &Vec<T>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        serializer.serialize_i64(values.iter().fold(0, |mask, value| mask | value.bit()))
    }

    pub fn deserialize<'de, T: Vocabulary, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Vec<T>, D::Error> {
        let mask = i64::deserialize(deserializer)?;
        Ok(T::ALL
            .iter()
            .copied()
            .filter(|value| mask & value.bit() != 0)
            .collect())
    }
}

/// Defines a closed list of values with slug, label and stable bit.
macro_rules! vocabulary {
    (
        $(#[$meta:meta])*
        $name:ident, $what:literal {
            $($variant:ident = $bit:literal, $slug:literal, $label:literal;)+
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub enum $name {
            $(#[serde(rename = $slug)] $variant),+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            /// What one value is called, for messages ("sector", "level"…).
            pub const WHAT: &'static str = $what;

            pub fn slug(self) -> &'static str {
                match self { $($name::$variant => $slug),+ }
            }

            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label),+ }
            }

            pub fn bit(self) -> i64 {
                match self { $($name::$variant => 1i64 << $bit),+ }
            }

            pub fn from_slug(slug: &str) -> Option<Self> {
                Self::ALL.iter().copied().find(|value| value.slug() == slug)
            }

            /// Parses a slug, or says which values are allowed.
            pub fn parse(slug: &str) -> Result<Self, String> {
                Self::from_slug(slug).ok_or_else(|| {
                    let allowed: Vec<&str> = Self::ALL.iter().map(|value| value.slug()).collect();
                    format!("there is no {} called '{}'; choose from {}", $what, slug, allowed.join(", "))
                })
            }

            pub fn mask(values: &[Self]) -> i64 {
                values.iter().fold(0, |mask, value| mask | value.bit())
            }

            pub fn from_mask(mask: i64) -> Vec<Self> {
                Self::ALL.iter().copied().filter(|value| mask & value.bit() != 0).collect()
            }
        }

        // Stored as the slug in a text column, on either backend.
        #[cfg(feature = "ssr")]
        impl<DB: sqlx::Database> sqlx::Type<DB> for $name
        where
            str: sqlx::Type<DB>,
        {
            fn type_info() -> DB::TypeInfo {
                <str as sqlx::Type<DB>>::type_info()
            }
            fn compatible(ty: &DB::TypeInfo) -> bool {
                <str as sqlx::Type<DB>>::compatible(ty)
            }
        }

        #[cfg(feature = "ssr")]
        impl<'r, DB: sqlx::Database> sqlx::Decode<'r, DB> for $name
        where
            &'r str: sqlx::Decode<'r, DB>,
        {
            fn decode(value: DB::ValueRef<'r>) -> Result<Self, sqlx::error::BoxDynError> {
                let text = <&'r str as sqlx::Decode<'r, DB>>::decode(value)?;
                Self::from_slug(text).ok_or_else(|| format!("unknown {} '{}' in the database", $what, text).into())
            }
        }

        #[cfg(feature = "ssr")]
        impl<'q, DB: sqlx::Database> sqlx::Encode<'q, DB> for $name
        where
            &'q str: sqlx::Encode<'q, DB>,
        {
            fn encode_by_ref(
                &self,
                buf: &mut <DB as sqlx::Database>::ArgumentBuffer<'q>,
            ) -> Result<sqlx::encode::IsNull, sqlx::error::BoxDynError> {
                <&'q str as sqlx::Encode<'q, DB>>::encode(self.slug(), buf)
            }
        }

        impl Vocabulary for $name {
            const ALL: &'static [Self] = $name::ALL;
            fn slug(self) -> &'static str {
                $name::slug(self)
            }
            fn label(self) -> &'static str {
                $name::label(self)
            }
            fn bit(self) -> i64 {
                $name::bit(self)
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.label())
            }
        }

        /// In the API's OpenAPI description: a string, one of the slugs
        /// (what serde writes), not the variant names a derive would list.
        #[cfg(feature = "ssr")]
        impl utoipa::PartialSchema for $name {
            fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
                utoipa::openapi::schema::ObjectBuilder::new()
                    .schema_type(utoipa::openapi::schema::Type::String)
                    .enum_values(Some([$($slug),+]))
                    .description(Some(concat!("A ", $what, ", by its slug.")))
                    .into()
            }
        }

        #[cfg(feature = "ssr")]
        impl utoipa::ToSchema for $name {}
    };
}
pub(crate) use vocabulary;

vocabulary! {
    /// The four kinds of resource.
    ResourceKind, "kind" {
        Module = 0, "module", "Module";
        Toolkit = 1, "toolkit", "Toolkit";
        Guide = 2, "guide", "Guide";
        Signposted = 3, "signposted", "Signposted resource";
    }
}

vocabulary! {
    /// Where in health and care an investigator works.
    Sector, "sector" {
        AcuteHospital = 0, "acute-hospital", "Acute hospital";
        Ambulance = 1, "ambulance", "Ambulance";
        PrimaryCare = 2, "primary-care", "Primary care";
        MentalHealth = 3, "mental-health", "Mental health";
        CommunityServices = 4, "community-services", "Community services";
        Maternity = 5, "maternity", "Maternity";
        IndependentSector = 6, "independent-sector", "Independent sector";
        PrisonHealthcare = 7, "prison-healthcare", "Prison healthcare";
        SocialCareInterface = 8, "social-care-interface", "Social care interface";
        NationalRegional = 9, "national-regional", "National and regional bodies";
    }
}

vocabulary! {
    /// How much investigation experience material assumes.
    Level, "level" {
        Foundation = 0, "foundation", "Foundation";
        Practitioner = 1, "practitioner", "Practitioner";
        Expert = 2, "expert", "Expert";
    }
}

vocabulary! {
    /// Learning responses in the Patient Safety Incident Response Framework.
    LearningResponse, "learning response" {
        Psii = 0, "psii", "Patient safety incident investigation (PSII)";
        AfterActionReview = 1, "after-action-review", "After Action Review";
        SwarmHuddle = 2, "swarm-huddle", "Swarm huddle";
        MultidisciplinaryReview = 3, "multidisciplinary-review", "Multidisciplinary review";
        ThematicReview = 4, "thematic-review", "Thematic review";
    }
}

vocabulary! {
    /// What material is about.
    Topic, "topic" {
        SystemsThinking = 0, "systems-thinking", "Systems thinking";
        HumanFactors = 1, "human-factors", "Human factors";
        Seips = 2, "seips", "SEIPS";
        TimelineMapping = 3, "timeline-mapping", "Timeline mapping";
        Interviewing = 4, "interviewing", "Interviewing";
        InvolvingPatientsAndFamilies = 5, "involving-patients-and-families", "Involving patients and families";
        PsychologicalSafety = 6, "psychological-safety", "Psychological safety";
        SafetyActions = 7, "safety-actions", "Safety actions";
        ReportWriting = 8, "report-writing", "Report writing";
        ThematicAnalysis = 9, "thematic-analysis", "Thematic analysis";
        LearningResponsePlanning = 10, "learning-response-planning", "Planning learning responses";
        OversightAndGovernance = 11, "oversight-and-governance", "Oversight and governance";
        StaffWellbeing = 12, "staff-wellbeing", "Staff wellbeing";
        HealthInequalities = 13, "health-inequalities", "Health inequalities";
        MedicationSafety = 14, "medication-safety", "Medication safety";
        DiagnosticError = 15, "diagnostic-error", "Diagnostic error";
        DeterioratingPatient = 16, "deteriorating-patient", "Deteriorating patient";
        HandoverAndCommunication = 17, "handover-and-communication", "Handover and communication";
    }
}

vocabulary! {
    /// The domains of the capability framework for investigators
    /// (shared/domain.md): what a resource helps someone get better at, and
    /// what a member's self-assessment rates.
    Capability, "capability domain" {
        SystemsThinking = 0, "systems-thinking-and-human-factors", "Systems thinking and human factors";
        Planning = 1, "planning-a-learning-response", "Planning a learning response";
        GatheringEvidence = 2, "gathering-evidence", "Gathering evidence";
        Analysis = 3, "analysis", "Analysis";
        SafetyActions = 4, "safety-actions-and-improvement", "Safety actions and improvement";
        InvolvingPeople = 5, "involving-and-supporting-people", "Involving and supporting people";
        WritingAndSharing = 6, "writing-and-sharing-learning", "Writing and sharing learning";
        Leading = 7, "leading-and-overseeing-investigations", "Leading and overseeing investigations";
    }
}

vocabulary! {
    /// Where a resource is in its life.
    Status, "status" {
        Draft = 0, "draft", "Draft";
        Published = 1, "published", "Published";
        Archived = 2, "archived", "Archived";
    }
}

vocabulary! {
    /// What sort of body an organisation is.
    OrganisationKind, "organisation kind" {
        NationalBody = 0, "national_body", "National body";
        ProviderType = 1, "provider_type", "Provider";
        ProfessionalBody = 2, "professional_body", "Professional body";
        Charity = 3, "charity", "Charity";
        Academic = 4, "academic", "Academic centre";
    }
}

impl Sector {
    /// A sentence for the sector's landing page.
    pub fn description(self) -> &'static str {
        match self {
            Sector::AcuteHospital => "Hospital wards, theatres, emergency departments and diagnostics.",
            Sector::Ambulance => "Emergency and urgent care on the road, in control rooms and by phone.",
            Sector::PrimaryCare => "GP practices, dental practices, community pharmacy and optometry: where most care happens and where investigation training has reached least.",
            Sector::MentalHealth => "Inpatient and community mental health services, where learning responses need particular care with families and staff.",
            Sector::CommunityServices => "District nursing, community hospitals and care delivered at home.",
            Sector::Maternity => "Antenatal, birth and postnatal care, and neonatal services.",
            Sector::IndependentSector => "Independent providers delivering NHS-funded care.",
            Sector::PrisonHealthcare => "Healthcare in prisons and other places of detention.",
            Sector::SocialCareInterface => "Where health and social care meet: discharge, care homes and shared care.",
            Sector::NationalRegional => "National and regional bodies that oversee, commission and support investigation.",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_round_trip_and_bits_are_distinct() {
        for sector in Sector::ALL {
            assert_eq!(Sector::from_slug(sector.slug()), Some(*sector));
        }
        let all = Topic::mask(Topic::ALL);
        assert_eq!(all.count_ones() as usize, Topic::ALL.len());
        assert_eq!(Topic::from_mask(all), Topic::ALL.to_vec());
    }

    #[test]
    fn a_list_travels_as_its_mask() {
        #[derive(Debug, PartialEq, Serialize, Deserialize)]
        struct Sent {
            #[serde(with = "as_mask")]
            domains: Vec<Capability>,
        }
        let sent = Sent {
            domains: vec![Capability::Analysis, Capability::Leading],
        };
        let json = serde_json::to_string(&sent).unwrap();
        assert_eq!(json, r#"{"domains":136}"#);
        assert_eq!(serde_json::from_str::<Sent>(&json).unwrap(), sent);
        assert!(serde_json::from_str::<Sent>(r#"{"domains":"analysis"}"#).is_err());
    }

    #[test]
    fn unknown_slugs_say_what_is_allowed() {
        let message = Level::parse("guru").unwrap_err();
        assert!(message.contains("no level called 'guru'"), "{message}");
        assert!(
            message.contains("foundation, practitioner, expert"),
            "{message}"
        );
    }

    #[test]
    fn serde_uses_slugs() {
        assert_eq!(
            serde_json::to_string(&Sector::PrimaryCare).unwrap(),
            "\"primary-care\""
        );
        assert_eq!(
            serde_json::from_str::<Level>("\"expert\"").unwrap(),
            Level::Expert
        );
    }
}
