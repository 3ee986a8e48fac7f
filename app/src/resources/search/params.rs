use serde::{Deserialize, Serialize};

use crate::vocabulary::{Capability, LearningResponse, Level, ResourceKind, Sector, Topic};

/// Longer search terms are refused with a message, not truncated silently.
pub const MAX_QUERY_CHARS: usize = 200;
pub const PAGE_SIZE: u32 = 20;

/// The order results are listed in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub enum Sort {
    /// Best match first (the default when there are search terms).
    #[default]
    #[serde(rename = "relevance")]
    Relevance,
    #[serde(rename = "newest")]
    Newest,
    #[serde(rename = "title")]
    Title,
    #[serde(rename = "shortest")]
    Shortest,
}

impl Sort {
    pub const ALL: [Sort; 4] = [Sort::Relevance, Sort::Newest, Sort::Title, Sort::Shortest];

    pub fn slug(self) -> &'static str {
        match self {
            Sort::Relevance => "relevance",
            Sort::Newest => "newest",
            Sort::Title => "title",
            Sort::Shortest => "shortest",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Sort::Relevance => "Best match",
            Sort::Newest => "Newest",
            Sort::Title => "Title A to Z",
            Sort::Shortest => "Shortest first",
        }
    }
}

/// A bad parameter: which one and why, in words a person can act on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[error("{message}")]
pub struct ParamError {
    pub parameter: String,
    pub message: String,
}

impl ParamError {
    pub fn new(parameter: &str, message: impl Into<String>) -> Self {
        Self {
            parameter: parameter.to_string(),
            message: message.into(),
        }
    }
}

/// Everything that decides a page of search results. Lives in the URL.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SearchParams {
    pub q: String,
    pub kinds: Vec<ResourceKind>,
    // The lists below travel to the client as bit masks, so its main
    // module carries no parser for their values' names.
    #[serde(with = "crate::vocabulary::as_mask")]
    pub sectors: Vec<Sector>,
    #[serde(with = "crate::vocabulary::as_mask")]
    pub topics: Vec<Topic>,
    /// Domains of the capability framework for investigators.
    #[serde(with = "crate::vocabulary::as_mask")]
    pub capabilities: Vec<Capability>,
    pub levels: Vec<Level>,
    #[serde(with = "crate::vocabulary::as_mask")]
    pub responses: Vec<LearningResponse>,
    pub providers: Vec<String>,
    /// `None` means the default: relevance with search terms, else newest.
    pub sort: Option<Sort>,
    /// 1-based.
    pub page: u32,
}

fn push_unique<T: PartialEq>(list: &mut Vec<T>, value: T) {
    if !list.contains(&value) {
        list.push(value);
    }
}

impl SearchParams {
    /// Parses URL query pairs. Unknown parameter names are ignored (links
    /// may carry tracking tags); unknown values are refused.
    pub fn parse(pairs: &[(String, String)]) -> Result<Self, ParamError> {
        let mut params = SearchParams {
            page: 1,
            ..Default::default()
        };
        for (name, raw) in pairs {
            let value = raw.trim();
            let invalid = |message: String| ParamError::new(name, message);
            match name.as_str() {
                "q" => {
                    if value.chars().count() > MAX_QUERY_CHARS {
                        return Err(invalid(format!(
                            "Search terms must be {MAX_QUERY_CHARS} characters or fewer"
                        )));
                    }
                    params.q = value.split_whitespace().collect::<Vec<_>>().join(" ");
                    if raw.ends_with(char::is_whitespace) && !params.q.is_empty() {
                        // A trailing space means the last word is finished.
                        params.q.push(' ');
                    }
                }
                _ if value.is_empty() => {}
                "kind" => push_unique(
                    &mut params.kinds,
                    ResourceKind::parse(value).map_err(invalid)?,
                ),
                "sector" => {
                    push_unique(&mut params.sectors, Sector::parse(value).map_err(invalid)?)
                }
                "topic" => push_unique(&mut params.topics, Topic::parse(value).map_err(invalid)?),
                "capability" => push_unique(
                    &mut params.capabilities,
                    Capability::parse(value).map_err(invalid)?,
                ),
                "level" => push_unique(&mut params.levels, Level::parse(value).map_err(invalid)?),
                "response" => push_unique(
                    &mut params.responses,
                    LearningResponse::parse(value).map_err(invalid)?,
                ),
                "provider" => {
                    if !value.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
                        || value.len() > 100
                    {
                        return Err(invalid(format!("there is no provider called '{value}'")));
                    }
                    push_unique(&mut params.providers, value.to_string());
                }
                "sort" => {
                    params.sort = Some(Sort::ALL.into_iter().find(|sort| sort.slug() == value).ok_or_else(|| {
                        invalid(format!(
                            "results cannot be sorted by '{value}'; choose from relevance, newest, title, shortest"
                        ))
                    })?);
                }
                "page" => {
                    params.page = value
                        .parse::<u32>()
                        .ok()
                        .filter(|page| *page >= 1)
                        .ok_or_else(|| {
                            invalid(format!("page must be a whole number from 1, not '{value}'"))
                        })?;
                }
                _ => {}
            }
        }
        Ok(params)
    }

    pub fn query(&self) -> &str {
        self.q.trim()
    }

    pub fn effective_sort(&self) -> Sort {
        match self.sort {
            Some(Sort::Relevance) | None if self.query().is_empty() => Sort::Newest,
            Some(sort) => sort,
            None => Sort::Relevance,
        }
    }

    pub fn has_filters(&self) -> bool {
        !(self.kinds.is_empty()
            && self.sectors.is_empty()
            && self.topics.is_empty()
            && self.capabilities.is_empty()
            && self.levels.is_empty()
            && self.responses.is_empty()
            && self.providers.is_empty())
    }

    /// The canonical query string (without `?`), page 1 omitted.
    pub fn to_query_string(&self) -> String {
        let mut out = form_urlencoded::Serializer::new(String::new());
        if !self.query().is_empty() {
            out.append_pair("q", self.query());
        }
        let facets = [
            (
                "kind",
                self.kinds.iter().map(|v| v.slug()).collect::<Vec<_>>(),
            ),
            ("sector", self.sectors.iter().map(|v| v.slug()).collect()),
            ("topic", self.topics.iter().map(|v| v.slug()).collect()),
            (
                "capability",
                self.capabilities.iter().map(|v| v.slug()).collect(),
            ),
            ("level", self.levels.iter().map(|v| v.slug()).collect()),
            (
                "response",
                self.responses.iter().map(|v| v.slug()).collect(),
            ),
            (
                "provider",
                self.providers.iter().map(String::as_str).collect(),
            ),
        ];
        for (name, values) in facets {
            for value in values {
                out.append_pair(name, value);
            }
        }
        if let Some(sort) = self.sort {
            out.append_pair("sort", sort.slug());
        }
        if self.page > 1 {
            out.append_pair("page", &self.page.to_string());
        }
        out.finish()
    }

    /// A link to these results on the resources page.
    pub fn href(&self) -> String {
        let query = self.to_query_string();
        if query.is_empty() {
            "/resources".to_string()
        } else {
            format!("/resources?{query}")
        }
    }

    pub fn with_page(&self, page: u32) -> Self {
        Self {
            page,
            ..self.clone()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(query: &str) -> Vec<(String, String)> {
        form_urlencoded::parse(query.as_bytes())
            .into_owned()
            .collect()
    }

    #[test]
    fn round_trips_through_the_url() {
        let params = SearchParams::parse(&pairs(
            "q=timeline+mapping&kind=toolkit&sector=primary-care&sector=mental-health&sort=title&page=2&utm_source=x",
        ))
        .unwrap();
        assert_eq!(params.q, "timeline mapping");
        assert_eq!(
            params.sectors,
            vec![Sector::PrimaryCare, Sector::MentalHealth]
        );
        assert_eq!(params.page, 2);
        assert_eq!(
            SearchParams::parse(&pairs(&params.to_query_string())).unwrap(),
            params
        );
    }

    #[test]
    fn bad_values_name_the_parameter() {
        let error = SearchParams::parse(&pairs("sector=space")).unwrap_err();
        assert_eq!(error.parameter, "sector");
        assert!(error.message.contains("no sector called 'space'"));
        assert_eq!(
            SearchParams::parse(&pairs("page=0")).unwrap_err().parameter,
            "page"
        );
        assert_eq!(
            SearchParams::parse(&pairs("page=two"))
                .unwrap_err()
                .parameter,
            "page"
        );
        assert_eq!(
            SearchParams::parse(&pairs("sort=random"))
                .unwrap_err()
                .parameter,
            "sort"
        );
        let long = format!("q={}", "a".repeat(201));
        assert_eq!(
            SearchParams::parse(&pairs(&long)).unwrap_err().parameter,
            "q"
        );
        assert!(SearchParams::parse(&pairs(&format!("q={}", "é".repeat(200)))).is_ok());
    }

    #[test]
    fn capability_domains_are_a_repeated_filter() {
        let params = SearchParams::parse(&pairs(
            "capability=analysis&capability=gathering-evidence&capability=analysis",
        ))
        .unwrap();
        assert_eq!(
            params.capabilities,
            vec![Capability::Analysis, Capability::GatheringEvidence]
        );
        assert!(params.has_filters());
        assert_eq!(
            params.to_query_string(),
            "capability=analysis&capability=gathering-evidence"
        );
        assert_eq!(
            SearchParams::parse(&pairs(&params.to_query_string())).unwrap(),
            params
        );
        // An empty value is no filter, as for the other facets.
        assert!(!SearchParams::parse(&pairs("capability="))
            .unwrap()
            .has_filters());

        let error = SearchParams::parse(&pairs("capability=juggling")).unwrap_err();
        assert_eq!(error.parameter, "capability");
        assert!(
            error
                .message
                .contains("there is no capability domain called 'juggling'"),
            "{}",
            error.message
        );
        assert!(error.message.contains("analysis"), "{}", error.message);
    }

    #[test]
    fn default_sort_depends_on_search_terms() {
        assert_eq!(
            SearchParams::parse(&pairs("")).unwrap().effective_sort(),
            Sort::Newest
        );
        assert_eq!(
            SearchParams::parse(&pairs("q=seips"))
                .unwrap()
                .effective_sort(),
            Sort::Relevance
        );
        assert_eq!(
            SearchParams::parse(&pairs("sort=relevance"))
                .unwrap()
                .effective_sort(),
            Sort::Newest
        );
    }
}
