//! Ranking, filtering, facet counting and paging. The database finds the
//! matching resources (FTS5 or tsvector): all of them, those with every word
//! in the title, and those with every word in the title or summary.
//! Everything after that is the same Rust on both backends, over the
//! in-memory [`snapshot`](super::snapshot), so both behave alike and a
//! search costs little more than the full-text match.
//!
//! Relevance: an exact title first, then title matches (shorter, more
//! focused titles first), then summary matches, then body matches; within
//! each, newest first.

use std::collections::HashSet;

use chrono::NaiveDate;
use serde::Deserialize;

use super::snapshot::{self, Snapshot};
use super::terms::{allowed_edits, SearchTerms};
use super::{FacetGroup, FacetValue, ParamError, SearchOutcome, SearchParams, Sort, PAGE_SIZE};
use crate::db::Db;
use crate::organisations;
use crate::resources::repo;
use crate::vocabulary::{
    Capability, LearningResponse, Level, ResourceKind, Sector, Topic, Vocabulary,
};

/// A published resource, with only what ranking and facets need. Read from
/// a JSON array in this field order (see `repo::published_candidates`).
#[derive(Clone, Debug, Deserialize)]
pub struct Candidate {
    pub id: i64,
    pub kind: ResourceKind,
    pub level: Level,
    pub provider_id: i64,
    pub sectors: i64,
    pub topics: i64,
    pub capabilities: i64,
    pub responses: i64,
    pub minutes: i64,
    pub published_on: Option<NaiveDate>,
    pub title: String,
    /// Filled in when the snapshot loads.
    #[serde(skip)]
    pub title_lower: String,
    #[serde(skip)]
    pub title_chars: usize,
}

/// How well a resource matches the search terms; the first ranks highest.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Tier {
    ExactTitle,
    Title,
    Summary,
    Body,
}

/// A resource found by a search, and how well it matched.
struct Match<'a> {
    resource: &'a Candidate,
    tier: Tier,
}

/// The facets, in the order the page shows them.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Facet {
    Kind,
    Sector,
    Topic,
    Capability,
    Level,
    Response,
    Provider,
}

/// The selected values of each facet as bit sets (0 = no filter).
struct Filter {
    kinds: i64,
    sectors: i64,
    topics: i64,
    capabilities: i64,
    levels: i64,
    responses: i64,
    providers: Vec<i64>,
}

impl Filter {
    /// Whether `candidate` passes every facet except `ignored`: facet counts
    /// show what choosing a value would add, so a facet ignores itself.
    fn passes(&self, candidate: &Candidate, ignored: Option<Facet>) -> bool {
        let check = |facet: Facet, selected: i64, value: i64| {
            ignored == Some(facet) || selected == 0 || selected & value != 0
        };
        check(Facet::Kind, self.kinds, candidate.kind.bit())
            && check(Facet::Sector, self.sectors, candidate.sectors)
            && check(Facet::Topic, self.topics, candidate.topics)
            && check(Facet::Capability, self.capabilities, candidate.capabilities)
            && check(Facet::Level, self.levels, candidate.level.bit())
            && check(Facet::Response, self.responses, candidate.responses)
            && (ignored == Some(Facet::Provider)
                || self.providers.is_empty()
                || self.providers.contains(&candidate.provider_id))
    }
}

/// Runs a search. The outer error is the database's; the inner one is a
/// problem with the parameters, for the user to fix.
pub async fn search(
    db: &Db,
    params: &SearchParams,
) -> sqlx::Result<Result<SearchOutcome, ParamError>> {
    let providers = organisations::all(db).await?;
    let mut provider_ids = Vec::new();
    for slug in &params.providers {
        match providers
            .iter()
            .find(|organisation| &organisation.slug == slug)
        {
            Some(organisation) => provider_ids.push(organisation.id),
            None => {
                return Ok(Err(ParamError::new(
                    "provider",
                    format!("there is no provider called '{slug}'"),
                )))
            }
        }
    }
    let filter = Filter {
        kinds: ResourceKind::mask(&params.kinds),
        sectors: Sector::mask(&params.sectors),
        topics: Topic::mask(&params.topics),
        capabilities: Capability::mask(&params.capabilities),
        levels: Level::mask(&params.levels),
        responses: LearningResponse::mask(&params.responses),
        providers: provider_ids,
    };

    let snapshot = snapshot::current(db).await?;
    let mut terms = Some(SearchTerms::parse(params.query())).filter(|terms| !terms.is_empty());
    let mut found = find(db, &snapshot, terms.as_ref(), params.query()).await?;
    let mut corrected_query = None;
    if let (Some(original), true) = (terms.clone(), found.is_empty()) {
        if let Some(fixed) = correct_spelling(db, &original).await? {
            let refound = find(db, &snapshot, Some(&fixed), &fixed.display()).await?;
            if !refound.is_empty() {
                corrected_query = Some(fixed.display());
                found = refound;
                terms = Some(fixed);
            }
        }
        if found.is_empty() {
            repo::record_miss(db, &original.display()).await?;
        }
    }

    let facets = facet_groups(&found, &filter, params, &providers);
    let mut matching: Vec<&Match> = found
        .iter()
        .filter(|found| filter.passes(found.resource, None))
        .collect();
    sort_matches(&mut matching, params.effective_sort());

    let total = u32::try_from(matching.len()).unwrap_or(u32::MAX);
    let pages = total.div_ceil(PAGE_SIZE).max(1);
    if params.page > pages {
        let message = match pages {
            1 => "There is only 1 page of results".to_string(),
            n => format!("There are only {n} pages of results"),
        };
        return Ok(Err(ParamError::new("page", message)));
    }
    let start = ((params.page - 1) * PAGE_SIZE) as usize;
    let page_ids: Vec<i64> = matching
        .iter()
        .skip(start)
        .take(PAGE_SIZE as usize)
        .map(|found| found.resource.id)
        .collect();
    let results = repo::cards(db, &page_ids, terms.as_ref()).await?;

    Ok(Ok(SearchOutcome {
        params: params.clone(),
        results,
        total,
        pages,
        facets,
        corrected_query,
    }))
}

/// The matches of `terms` (every published resource when there are none),
/// each with its tier.
async fn find<'a>(
    db: &Db,
    snapshot: &'a Snapshot,
    terms: Option<&SearchTerms>,
    query: &str,
) -> sqlx::Result<Vec<Match<'a>>> {
    let Some(terms) = terms else {
        return Ok(snapshot
            .resources
            .values()
            .map(|resource| Match {
                resource,
                tier: Tier::Body,
            })
            .collect());
    };
    let sets = repo::matching_ids(db, terms).await?;
    let in_title: HashSet<i64> = sets.title.into_iter().collect();
    let in_head: HashSet<i64> = sets.head.into_iter().collect();
    let exact = query.trim().to_lowercase();
    Ok(sets
        .all
        .into_iter()
        // Drafts and archived resources match too, but are not in the snapshot.
        .filter_map(|id| snapshot.resources.get(&id))
        .map(|resource| {
            let tier = if resource.title_lower == exact {
                Tier::ExactTitle
            } else if in_title.contains(&resource.id) {
                Tier::Title
            } else if in_head.contains(&resource.id) {
                Tier::Summary
            } else {
                Tier::Body
            };
            Match { resource, tier }
        })
        .collect())
}

fn sort_matches(matching: &mut [&Match], sort: Sort) {
    let newest =
        |a: &Candidate, b: &Candidate| b.published_on.cmp(&a.published_on).then(b.id.cmp(&a.id));
    match sort {
        Sort::Relevance => matching.sort_by(|a, b| {
            let focus = |found: &Match| match found.tier {
                Tier::Title => found.resource.title_chars,
                _ => 0,
            };
            a.tier
                .cmp(&b.tier)
                .then(focus(a).cmp(&focus(b)))
                .then_with(|| newest(a.resource, b.resource))
        }),
        Sort::Newest => matching.sort_by(|a, b| newest(a.resource, b.resource)),
        Sort::Title => matching.sort_by(|a, b| {
            a.resource
                .title_lower
                .cmp(&b.resource.title_lower)
                .then(a.resource.id.cmp(&b.resource.id))
        }),
        Sort::Shortest => matching.sort_by(|a, b| {
            a.resource
                .minutes
                .cmp(&b.resource.minutes)
                .then_with(|| newest(a.resource, b.resource))
        }),
    }
}

fn facet_groups(
    found: &[Match],
    filter: &Filter,
    params: &SearchParams,
    providers: &[organisations::Organisation],
) -> Vec<FacetGroup> {
    // Counts per bit for the mask-valued facets, per provider id for providers.
    let count_bits = |facet: Facet, bits: fn(&Candidate) -> i64| {
        let mut counts = [0u32; 64];
        for candidate in found
            .iter()
            .map(|found| found.resource)
            .filter(|c| filter.passes(c, Some(facet)))
        {
            let mut mask = bits(candidate);
            while mask != 0 {
                counts[mask.trailing_zeros() as usize] += 1;
                mask &= mask - 1;
            }
        }
        counts
    };
    fn group<T: Vocabulary>(
        parameter: &str,
        legend: &str,
        selected: &[T],
        counts: &[u32; 64],
    ) -> FacetGroup {
        let values = T::ALL
            .iter()
            .map(|value| FacetValue {
                slug: value.slug().to_string(),
                label: value.label().to_string(),
                count: counts[value.bit().trailing_zeros() as usize],
                selected: selected.contains(value),
            })
            .filter(|value| value.count > 0 || value.selected)
            .collect();
        FacetGroup {
            parameter: parameter.to_string(),
            legend: legend.to_string(),
            values,
        }
    }

    let mut provider_counts: Vec<(usize, u32)> = Vec::new();
    for candidate in found
        .iter()
        .map(|found| found.resource)
        .filter(|c| filter.passes(c, Some(Facet::Provider)))
    {
        if let Some(index) = providers.iter().position(|p| p.id == candidate.provider_id) {
            match provider_counts.iter_mut().find(|(i, _)| *i == index) {
                Some((_, count)) => *count += 1,
                None => provider_counts.push((index, 1)),
            }
        }
    }
    for slug in &params.providers {
        if let Some(index) = providers.iter().position(|p| &p.slug == slug) {
            if !provider_counts.iter().any(|(i, _)| *i == index) {
                provider_counts.push((index, 0));
            }
        }
    }
    provider_counts.sort_by(|a, b| {
        b.1.cmp(&a.1)
            .then_with(|| providers[a.0].name.cmp(&providers[b.0].name))
    });

    vec![
        group(
            "kind",
            "Type of resource",
            &params.kinds,
            &count_bits(Facet::Kind, |c| c.kind.bit()),
        ),
        group(
            "sector",
            "Sector",
            &params.sectors,
            &count_bits(Facet::Sector, |c| c.sectors),
        ),
        group(
            "level",
            "Level",
            &params.levels,
            &count_bits(Facet::Level, |c| c.level.bit()),
        ),
        group(
            "response",
            "Learning response",
            &params.responses,
            &count_bits(Facet::Response, |c| c.responses),
        ),
        group(
            "topic",
            "Topic",
            &params.topics,
            &count_bits(Facet::Topic, |c| c.topics),
        ),
        group(
            "capability",
            "Capability domain",
            &params.capabilities,
            &count_bits(Facet::Capability, |c| c.capabilities),
        ),
        FacetGroup {
            parameter: "provider".to_string(),
            legend: "Provider".to_string(),
            values: provider_counts
                .into_iter()
                .map(|(index, count)| FacetValue {
                    slug: providers[index].slug.clone(),
                    label: providers[index].name.clone(),
                    count,
                    selected: params.providers.contains(&providers[index].slug),
                })
                .collect(),
        },
    ]
}

/// Replaces unknown words with the closest known word within a small edit
/// distance, preferring words used by more resources. `None` if nothing
/// changed.
async fn correct_spelling(db: &Db, terms: &SearchTerms) -> sqlx::Result<Option<SearchTerms>> {
    let mut words = Vec::with_capacity(terms.words.len());
    let mut changed = false;
    for word in &terms.words {
        let allowed = allowed_edits(word);
        if allowed == 0 || repo::is_known_word(db, word).await? {
            words.push(word.clone());
            continue;
        }
        let best = repo::spelling_candidates(db, word)
            .await?
            .into_iter()
            .map(|(term, documents)| (strsim::damerau_levenshtein(word, &term), documents, term))
            .filter(|(distance, _, _)| *distance > 0 && *distance <= allowed)
            .min_by(|a, b| {
                a.0.cmp(&b.0)
                    .then(b.1.cmp(&a.1))
                    .then_with(|| a.2.cmp(&b.2))
            });
        match best {
            Some((_, _, term)) => {
                words.push(term);
                changed = true;
            }
            None => words.push(word.clone()),
        }
    }
    Ok(changed.then_some(SearchTerms {
        words,
        prefix_last: false,
    }))
}
