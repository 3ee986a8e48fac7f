//! Ranking, filtering, facet counting and paging. The database finds the
//! matching resources (FTS5 or tsvector); everything after that is the same
//! Rust on both backends, so both behave alike.

use std::cmp::Ordering;

use chrono::NaiveDate;
use serde::Deserialize;

use super::terms::{allowed_edits, SearchTerms};
use super::{FacetGroup, FacetValue, ParamError, SearchOutcome, SearchParams, Sort, PAGE_SIZE};
use crate::db::Db;
use crate::organisations;
use crate::resources::repo;
use crate::vocabulary::{LearningResponse, Level, ResourceKind, Sector, Topic, Vocabulary};

/// A matching resource, with only what ranking and facets need. Read from
/// a JSON array in this field order (see `repo::candidates`).
#[derive(Clone, Debug, Deserialize)]
pub struct Candidate {
    pub id: i64,
    pub kind: ResourceKind,
    pub level: Level,
    pub provider_id: i64,
    pub sectors: i64,
    pub topics: i64,
    pub responses: i64,
    pub minutes: i64,
    pub published_on: Option<NaiveDate>,
    pub score: f64,
    /// Only fetched when sorting by title.
    pub title: Option<String>,
}

/// The facets, in the order the page shows them.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Facet {
    Kind,
    Sector,
    Topic,
    Level,
    Response,
    Provider,
}

/// The selected values of each facet as bit sets (0 = no filter).
struct Filter {
    kinds: i64,
    sectors: i64,
    topics: i64,
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
    let providers = organisations::repo::all(db).await?;
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
        levels: Level::mask(&params.levels),
        responses: LearningResponse::mask(&params.responses),
        providers: provider_ids,
    };

    let sort = params.effective_sort();
    let with_titles = sort == Sort::Title;
    let mut terms = Some(SearchTerms::parse(params.query())).filter(|terms| !terms.is_empty());
    let mut candidates = repo::candidates(db, terms.as_ref(), with_titles).await?;
    let mut corrected_query = None;
    if let (Some(original), true) = (terms.clone(), candidates.is_empty()) {
        if let Some(fixed) = correct_spelling(db, &original).await? {
            let found = repo::candidates(db, Some(&fixed), with_titles).await?;
            if !found.is_empty() {
                corrected_query = Some(fixed.display());
                candidates = found;
                terms = Some(fixed);
            }
        }
        if candidates.is_empty() {
            repo::record_miss(db, &original.display()).await?;
        }
    }

    let facets = facet_groups(&candidates, &filter, params, &providers);
    let mut matching: Vec<&Candidate> = candidates
        .iter()
        .filter(|candidate| filter.passes(candidate, None))
        .collect();
    let exact_titles = match params.query() {
        "" => Vec::new(),
        query => repo::titled_exactly(db, query).await?,
    };
    sort_candidates(&mut matching, sort, &exact_titles);

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
        .map(|c| c.id)
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

fn sort_candidates(matching: &mut [&Candidate], sort: Sort, exact_titles: &[i64]) {
    let newest =
        |a: &Candidate, b: &Candidate| b.published_on.cmp(&a.published_on).then(b.id.cmp(&a.id));
    match sort {
        Sort::Relevance => matching.sort_by(|a, b| {
            // A title that is exactly the query always comes first.
            exact_titles
                .contains(&b.id)
                .cmp(&exact_titles.contains(&a.id))
                .then(b.score.partial_cmp(&a.score).unwrap_or(Ordering::Equal))
                .then_with(|| newest(a, b))
        }),
        Sort::Newest => matching.sort_by(|a, b| newest(a, b)),
        Sort::Title => {
            matching.sort_by_cached_key(|c| (c.title.as_deref().map(str::to_lowercase), c.id))
        }
        Sort::Shortest => {
            matching.sort_by(|a, b| a.minutes.cmp(&b.minutes).then_with(|| newest(a, b)))
        }
    }
}

fn facet_groups(
    candidates: &[Candidate],
    filter: &Filter,
    params: &SearchParams,
    providers: &[organisations::Organisation],
) -> Vec<FacetGroup> {
    // Counts per bit for the mask-valued facets, per provider id for providers.
    let count_bits = |facet: Facet, bits: fn(&Candidate) -> i64| {
        let mut counts = [0u32; 64];
        for candidate in candidates.iter().filter(|c| filter.passes(c, Some(facet))) {
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
    for candidate in candidates
        .iter()
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
