//! Bulk import of resources from JSON (the export's shape) or CSV (the
//! export's columns). Every row is checked first, and each problem is
//! reported with its line number; if any row is invalid nothing is
//! imported. A dry run checks and reports without importing.

use std::collections::HashSet;

use chrono::NaiveDate;
use serde::Deserialize;
use serde_json::value::RawValue;

use crate::db::Db;
use crate::organisations;
use crate::resources::questions::{check_questions, Question, DEFAULT_PASS_MARK};
use crate::resources::repo::{self, NewLesson, NewResource};
use crate::vocabulary::{Capability, LearningResponse, Level, ResourceKind, Sector, Status, Topic};
use crate::with_pool;

pub use super::draft::{MAX_SLUG_CHARS, MAX_SUMMARY_CHARS, MAX_TITLE_CHARS};

/// The file formats `hub import` reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Json,
    Csv,
}

impl Format {
    /// From a file name's extension.
    pub fn for_path(path: &std::path::Path) -> Result<Self, String> {
        match path.extension().and_then(|ext| ext.to_str()) {
            Some(ext) if ext.eq_ignore_ascii_case("json") => Ok(Format::Json),
            Some(ext) if ext.eq_ignore_ascii_case("csv") => Ok(Format::Csv),
            _ => Err(format!(
                "{} must end in .json or .csv, so the hub knows how to read it",
                path.display()
            )),
        }
    }
}

/// One resource as a file gives it (the export's shape).
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImportedResource {
    pub slug: String,
    pub kind: ResourceKind,
    #[serde(default = "draft")]
    pub status: Status,
    pub title: String,
    pub summary: String,
    #[serde(default)]
    pub body: String,
    pub provider: String,
    #[serde(default)]
    pub sectors: Vec<Sector>,
    #[serde(default)]
    pub topics: Vec<Topic>,
    #[serde(default)]
    pub capabilities: Vec<Capability>,
    #[serde(default)]
    pub responses: Vec<LearningResponse>,
    pub level: Level,
    #[serde(default)]
    pub audience: String,
    pub minutes: i64,
    #[serde(default)]
    pub cpd_hours: f64,
    #[serde(default)]
    pub external_url: Option<String>,
    #[serde(default)]
    pub published_on: Option<NaiveDate>,
    pub reviewed_on: NaiveDate,
    pub review_by: NaiveDate,
    #[serde(default)]
    pub featured: bool,
    #[serde(default)]
    pub lessons: Vec<ImportedLesson>,
    /// A module's pass mark for its knowledge checks (per cent).
    #[serde(default = "default_pass_mark")]
    pub pass_mark: i64,
}

fn default_pass_mark() -> i64 {
    DEFAULT_PASS_MARK.into()
}

fn draft() -> Status {
    Status::Draft
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImportedLesson {
    pub title: String,
    pub body: String,
    #[serde(default)]
    pub questions: Vec<Question>,
}

/// A problem with one row, for the person fixing the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowProblem {
    pub line: usize,
    pub message: String,
}

impl std::fmt::Display for RowProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

/// What an import did, or would do.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ImportReport {
    pub rows: usize,
    pub problems: Vec<RowProblem>,
    /// 0 on a dry run, or when any row has a problem.
    pub imported: usize,
}

/// Rows of a file, each with the line it starts on, parsed or not.
type ParsedRows = Vec<(usize, Result<ImportedResource, String>)>;

fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].matches('\n').count() + 1
}

/// Reads the rows of a file. An error here means the file as a whole
/// cannot be read (not a JSON array, say), with where.
pub fn parse(format: Format, text: &str) -> Result<ParsedRows, RowProblem> {
    match format {
        Format::Json => {
            let items: Vec<&RawValue> = serde_json::from_str(text).map_err(|error| RowProblem {
                line: error.line(),
                message: format!("the file is not a JSON list of resources: {error}"),
            })?;
            Ok(items
                .into_iter()
                .map(|item| {
                    // Each item borrows from `text`, so its place gives its line.
                    let offset = item.get().as_ptr() as usize - text.as_ptr() as usize;
                    let parsed = serde_json::from_str::<ImportedResource>(item.get())
                        .map_err(|error| plain_serde_message(&error.to_string()));
                    (line_of(text, offset), parsed)
                })
                .collect())
        }
        Format::Csv => {
            let mut reader = ::csv::ReaderBuilder::new()
                .flexible(true)
                .from_reader(text.as_bytes());
            let headers = reader
                .headers()
                .map_err(|error| RowProblem {
                    line: 1,
                    message: format!("the first line must name the columns: {error}"),
                })?
                .clone();
            let mut rows = Vec::new();
            for record in reader.records() {
                match record {
                    Ok(record) => {
                        let line = record.position().map_or(0, |p| p.line() as usize);
                        rows.push((line, csv_row(&headers, &record)));
                    }
                    Err(error) => {
                        let line = error.position().map_or(0, |p| p.line() as usize);
                        rows.push((line, Err(format!("this row cannot be read: {error}"))));
                    }
                }
            }
            Ok(rows)
        }
    }
}

/// serde's messages mention "line 1 column N" of the item alone; drop that.
fn plain_serde_message(message: &str) -> String {
    match message.find(" at line ") {
        Some(at) => message[..at].to_string(),
        None => message.to_string(),
    }
}

fn csv_row(
    headers: &::csv::StringRecord,
    record: &::csv::StringRecord,
) -> Result<ImportedResource, String> {
    if record.len() != headers.len() {
        return Err(format!(
            "this row has {} columns; the first line names {}",
            record.len(),
            headers.len()
        ));
    }
    let field = |name: &str| -> &str {
        headers
            .iter()
            .position(|header| header == name)
            .and_then(|index| record.get(index))
            .unwrap_or("")
    };
    for header in headers.iter() {
        if !super::export::CSV_COLUMNS.contains(&header) {
            return Err(format!("there is no column called '{header}'"));
        }
    }
    fn list<T>(raw: &str, parse: fn(&str) -> Result<T, String>) -> Result<Vec<T>, String> {
        raw.split(';')
            .map(str::trim)
            .filter(|item| !item.is_empty())
            .map(parse)
            .collect()
    }
    let date = |name: &str| -> Result<Option<NaiveDate>, String> {
        match field(name).trim() {
            "" => Ok(None),
            raw => NaiveDate::parse_from_str(raw, "%Y-%m-%d")
                .map(Some)
                .map_err(|_| format!("{name} must be a date like 2026-03-31, not '{raw}'")),
        }
    };
    let required_date = |name: &str| date(name)?.ok_or_else(|| format!("{name} is missing"));
    Ok(ImportedResource {
        slug: field("slug").trim().to_string(),
        kind: ResourceKind::parse(field("kind").trim())?,
        status: match field("status").trim() {
            "" => Status::Draft,
            raw => Status::parse(raw)?,
        },
        title: field("title").trim().to_string(),
        summary: field("summary").trim().to_string(),
        body: field("body").to_string(),
        provider: field("provider").trim().to_string(),
        sectors: list(field("sectors"), Sector::parse)?,
        topics: list(field("topics"), Topic::parse)?,
        capabilities: list(field("capabilities"), Capability::parse)?,
        responses: list(field("responses"), LearningResponse::parse)?,
        level: Level::parse(field("level").trim())?,
        audience: field("audience").trim().to_string(),
        minutes: field("minutes")
            .trim()
            .parse()
            .map_err(|_| format!("minutes must be a whole number, not '{}'", field("minutes")))?,
        cpd_hours: match field("cpd_hours").trim() {
            "" => 0.0,
            raw => raw
                .parse()
                .map_err(|_| format!("cpd_hours must be a number, not '{raw}'"))?,
        },
        external_url: Some(field("external_url").trim().to_string()).filter(|url| !url.is_empty()),
        published_on: date("published_on")?,
        reviewed_on: required_date("reviewed_on")?,
        review_by: required_date("review_by")?,
        featured: matches!(field("featured").trim(), "true" | "yes" | "1"),
        lessons: Vec::new(),
        pass_mark: default_pass_mark(),
    })
}

/// Checks one parsed row against the rules and the catalogue.
fn check(
    resource: &ImportedResource,
    existing_slugs: &HashSet<String>,
    providers: &[organisations::Organisation],
) -> Result<NewResource, String> {
    let slug_ok = !resource.slug.is_empty()
        && resource.slug.len() <= MAX_SLUG_CHARS
        && resource
            .slug
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if !slug_ok {
        return Err(format!(
            "slug '{}' must be 1 to {MAX_SLUG_CHARS} lower-case letters, digits or hyphens",
            resource.slug
        ));
    }
    if existing_slugs.contains(&resource.slug) {
        return Err(format!(
            "slug '{}' is already in the catalogue",
            resource.slug
        ));
    }
    let title_chars = resource.title.trim().chars().count();
    if title_chars == 0 || title_chars > MAX_TITLE_CHARS {
        return Err(format!("title must be 1 to {MAX_TITLE_CHARS} characters"));
    }
    let summary_chars = resource.summary.trim().chars().count();
    if summary_chars == 0 || summary_chars > MAX_SUMMARY_CHARS {
        return Err(format!(
            "summary must be 1 to {MAX_SUMMARY_CHARS} characters"
        ));
    }
    let provider = providers
        .iter()
        .find(|organisation| organisation.slug == resource.provider)
        .ok_or_else(|| format!("there is no provider called '{}'", resource.provider))?;
    if resource.minutes <= 0 {
        return Err("minutes must be more than 0".into());
    }
    // Also refuses NaN.
    if !resource.cpd_hours.is_finite() || resource.cpd_hours < 0.0 {
        return Err("cpd_hours must be 0 or more".into());
    }
    match (&resource.external_url, resource.kind) {
        (None, ResourceKind::Signposted) => {
            return Err("a signposted resource needs external_url".into())
        }
        (Some(url), _) if !super::draft::is_web_address(url) => {
            return Err(format!(
                "external_url '{url}' must start with https:// or http://"
            ))
        }
        _ => {}
    }
    if resource.reviewed_on >= resource.review_by {
        return Err("review_by must be after reviewed_on".into());
    }
    if resource.status == Status::Published && resource.published_on.is_none() {
        return Err("a published resource needs published_on".into());
    }
    if resource.kind != ResourceKind::Module && !resource.lessons.is_empty() {
        return Err("only modules have lessons".into());
    }
    let pass_mark = u8::try_from(resource.pass_mark)
        .ok()
        .filter(|mark| (1..=100).contains(mark))
        .ok_or_else(|| {
            format!(
                "pass_mark must be from 1 to 100, not {}",
                resource.pass_mark
            )
        })?;
    for (index, lesson) in resource.lessons.iter().enumerate() {
        check_questions(&lesson.questions)
            .map_err(|problem| format!("lesson {}: {problem}", index + 1))?;
    }
    Ok(NewResource {
        slug: resource.slug.clone(),
        kind: resource.kind,
        title: resource.title.trim().to_string(),
        summary: resource.summary.trim().to_string(),
        body: resource.body.clone(),
        provider_id: provider.id,
        sectors: resource.sectors.clone(),
        topics: resource.topics.clone(),
        capabilities: resource.capabilities.clone(),
        responses: resource.responses.clone(),
        level: resource.level,
        audience: resource.audience.clone(),
        minutes: resource.minutes,
        cpd_hours: resource.cpd_hours,
        external_url: resource.external_url.clone(),
        published_on: resource.published_on,
        reviewed_on: resource.reviewed_on,
        review_by: resource.review_by,
        status: resource.status,
        featured: resource.featured,
        lessons: resource
            .lessons
            .iter()
            .map(|lesson| NewLesson {
                title: lesson.title.clone(),
                body: lesson.body.clone(),
                questions: lesson.questions.clone(),
            })
            .collect(),
        pass_mark,
    })
}

/// Checks every row of `text` and, unless `dry_run` or any row has a
/// problem, imports them all in one transaction.
pub async fn import(
    db: &Db,
    format: Format,
    text: &str,
    dry_run: bool,
) -> sqlx::Result<ImportReport> {
    let rows = match parse(format, text) {
        Ok(rows) => rows,
        Err(problem) => {
            return Ok(ImportReport {
                rows: 0,
                problems: vec![problem],
                imported: 0,
            })
        }
    };
    let providers = organisations::all(db).await?;
    let taken: HashSet<String> =
        with_pool!(db, pool => sqlx::query_scalar::<_, String>("SELECT slug FROM resources")
        .fetch_all(pool)
        .await?)
        .into_iter()
        .collect();
    let mut report = ImportReport {
        rows: rows.len(),
        ..Default::default()
    };
    let mut valid = Vec::new();
    let mut first_use: std::collections::HashMap<String, usize> = Default::default();
    for (line, parsed) in rows {
        let checked = parsed.and_then(|resource| match first_use.get(&resource.slug) {
            Some(first) => Err(format!(
                "slug '{}' is used again (first on line {first})",
                resource.slug
            )),
            None => check(&resource, &taken, &providers),
        });
        match checked {
            Ok(resource) => {
                first_use.insert(resource.slug.clone(), line);
                valid.push(resource);
            }
            Err(message) => report.problems.push(RowProblem { line, message }),
        }
    }
    if report.problems.is_empty() && !dry_run && !valid.is_empty() {
        repo::insert_many(db, &valid).await?;
        repo::rebuild_search_terms(db).await?;
        report.imported = valid.len();
    }
    Ok(report)
}
