//! Profiles and the directory, written once for both backends. What a
//! viewer may see is decided here, in one place: the SQL keeps out profiles
//! the viewer may not see (and matches searches and filters only on details
//! they may see); [`ProfileRow::card`] blanks the details they may not.

use sqlx::FromRow;

use super::profile::ProfileDraft;
use super::types::{
    DirectoryPage, DirectoryParams, OrganisationType, ProfileCard, Region, Tier, Visibility,
    DIRECTORY_PAGE_SIZE,
};
use crate::db::{Backend, BeginWrite, Db};
use crate::resources::search::terms::SearchTerms;
use crate::vocabulary::{Level, Sector};
use crate::with_pool;

pub(super) fn now() -> i64 {
    chrono::Utc::now().timestamp()
}

/// Who is looking, as far as visibility cares.
#[derive(Clone, Copy, Debug)]
pub struct Looker {
    pub user_id: Option<i64>,
    pub is_admin: bool,
}

impl Looker {
    pub const ANONYMOUS: Looker = Looker {
        user_id: None,
        is_admin: false,
    };

    /// The viewer of a request, as visibility sees them.
    pub fn of(viewer: &crate::web::session::Viewer) -> Self {
        Looker {
            user_id: viewer.user_id(),
            is_admin: viewer
                .user
                .as_ref()
                .is_some_and(|user| user.role == crate::web::identity::Role::Admin),
        }
    }

    /// The tier of a signed-in viewer who is not connected.
    fn base_tier(self) -> Tier {
        match (self.user_id, self.is_admin) {
            (None, _) => Tier::Anonymous,
            (Some(_), true) => Tier::Close,
            (Some(_), false) => Tier::Member,
        }
    }

    /// Bound where no user can match.
    fn id(self) -> i64 {
        self.user_id.unwrap_or(-1)
    }
}

#[derive(FromRow)]
pub struct ProfileRow {
    pub user_id: i64,
    pub handle: String,
    pub display_name: String,
    tier: i64,
    visibility: i64,
    role_title: String,
    role_title_visibility: i64,
    organisation_type: Option<OrganisationType>,
    organisation_name: String,
    organisation_visibility: i64,
    sectors: i64,
    sectors_visibility: i64,
    region: Option<Region>,
    region_visibility: i64,
    level: Option<Level>,
    level_visibility: i64,
    years_investigating: Option<i64>,
    years_visibility: i64,
    open_to_mentoring: bool,
    open_to_collaboration: bool,
    availability_visibility: i64,
    is_demo: bool,
    specialisms: String,
    specialisms_visibility: i64,
    bio: String,
    bio_visibility: i64,
}

impl ProfileRow {
    fn sees(&self, visibility: i64) -> bool {
        Tier::from_rank(self.tier).sees(Visibility::from_rank(visibility))
    }

    /// The profile with every detail this viewer may not see left out.
    pub fn card(&self) -> ProfileCard {
        let shown = |visibility: i64| self.sees(visibility);
        let organisation = match (&self.organisation_type, self.organisation_name.as_str()) {
            (None, "") => None,
            (None, name) => Some(name.to_string()),
            (Some(kind), "") => Some(kind.label().to_string()),
            (Some(kind), name) => Some(format!("{name} ({})", kind.label())),
        };
        ProfileCard {
            handle: self.handle.clone(),
            display_name: self.display_name.clone(),
            role_title: Some(self.role_title.clone())
                .filter(|title| !title.is_empty() && shown(self.role_title_visibility)),
            organisation: organisation.filter(|_| shown(self.organisation_visibility)),
            sectors: Some(Sector::from_mask(self.sectors))
                .filter(|sectors| !sectors.is_empty() && shown(self.sectors_visibility)),
            region: self.region.filter(|_| shown(self.region_visibility)),
            level: self.level.filter(|_| shown(self.level_visibility)),
            years_investigating: self
                .years_investigating
                .filter(|_| shown(self.years_visibility)),
            specialisms: Some(split_specialisms(&self.specialisms))
                .filter(|list| !list.is_empty() && shown(self.specialisms_visibility)),
            open_to_mentoring: Some(self.open_to_mentoring)
                .filter(|_| shown(self.availability_visibility)),
            open_to_collaboration: Some(self.open_to_collaboration)
                .filter(|_| shown(self.availability_visibility)),
            is_demo: self.is_demo,
        }
    }

    /// The bio as sanitised HTML, when this viewer may see it.
    pub fn bio_html(&self) -> Option<String> {
        (!self.bio.is_empty() && self.sees(self.bio_visibility))
            .then(|| crate::markdown::render(&self.bio))
    }

    pub fn tier(&self) -> Tier {
        Tier::from_rank(self.tier)
    }

    /// Every stored value under its form field's name, for the owner's form.
    pub fn form_values(&self) -> Vec<(String, String)> {
        let mut values: Vec<(String, String)> = Vec::new();
        let mut put = |name: &str, value: String| values.push((name.to_string(), value));
        let slug = |visibility: i64| Visibility::from_rank(visibility).slug().to_string();
        put("display_name", self.display_name.clone());
        put("visibility", slug(self.visibility));
        put("role_title", self.role_title.clone());
        put("role_title_visibility", slug(self.role_title_visibility));
        put(
            "organisation_type",
            self.organisation_type
                .map(|t| t.slug().to_string())
                .unwrap_or_default(),
        );
        put("organisation_name", self.organisation_name.clone());
        put(
            "organisation_visibility",
            slug(self.organisation_visibility),
        );
        for sector in Sector::from_mask(self.sectors) {
            put("sector", sector.slug().to_string());
        }
        put("sectors_visibility", slug(self.sectors_visibility));
        put(
            "region",
            self.region
                .map(|r| r.slug().to_string())
                .unwrap_or_default(),
        );
        put("region_visibility", slug(self.region_visibility));
        put(
            "level",
            self.level.map(|l| l.slug().to_string()).unwrap_or_default(),
        );
        put("level_visibility", slug(self.level_visibility));
        put(
            "years_investigating",
            self.years_investigating
                .map(|y| y.to_string())
                .unwrap_or_default(),
        );
        put("years_visibility", slug(self.years_visibility));
        put("specialisms", self.specialisms.clone());
        put("specialisms_visibility", slug(self.specialisms_visibility));
        if self.open_to_mentoring {
            put("availability", "open_to_mentoring".into());
        }
        if self.open_to_collaboration {
            put("availability", "open_to_collaboration".into());
        }
        put(
            "availability_visibility",
            slug(self.availability_visibility),
        );
        put("bio", self.bio.clone());
        put("bio_visibility", slug(self.bio_visibility));
        values
    }
}

pub fn split_specialisms(stored: &str) -> Vec<String> {
    stored
        .lines()
        .filter(|line| !line.is_empty())
        .map(str::to_string)
        .collect()
}

/// A value bound to a query built at run time.
enum Arg {
    Int(i64),
    Text(String),
}

/// Profiles the viewer may see, each with the viewer's tier: 2 for their
/// own profile, their connections and admins; 1 for other members; 0 for
/// anonymous visitors. Blocks either way and suspended accounts hide a
/// profile completely. Binds $1 (viewer id) and $2 (base tier). The
/// connections are an `IN` list, built once per query (a join to them
/// measured 25 times slower at 50,000 profiles on SQLite).
const VISIBLE_PROFILES: &str = "
    SELECT p.*, CASE WHEN p.user_id = $1 OR p.user_id IN (
        SELECT CASE WHEN requester_id = $1 THEN recipient_id ELSE requester_id END
        FROM connections
        WHERE status = 'accepted' AND (requester_id = $1 OR recipient_id = $1)
    ) THEN 2 ELSE $2 END AS tier
    FROM profiles p
    WHERE p.listed
      AND (p.hidden_at IS NULL OR p.user_id = $1)
      AND p.user_id NOT IN (
          SELECT blocked_id FROM blocks WHERE blocker_id = $1
          UNION ALL SELECT blocker_id FROM blocks WHERE blocked_id = $1)";

const CARD_COLUMNS: &str = "d.user_id, d.handle, d.display_name, d.tier, d.visibility, d.role_title, d.role_title_visibility, \
    d.organisation_type, d.organisation_name, d.organisation_visibility, d.sectors, d.sectors_visibility, \
    d.region, d.region_visibility, d.level, d.level_visibility, d.years_investigating, d.years_visibility, \
    d.open_to_mentoring, d.open_to_collaboration, d.availability_visibility, d.is_demo, \
    d.specialisms, d.specialisms_visibility";

/// One profile by handle, as `looker` may see it; `None` when it does not
/// exist or they may not see it (the two look the same from outside).
pub async fn visible_profile(
    db: &Db,
    looker: Looker,
    handle: &str,
) -> sqlx::Result<Option<ProfileRow>> {
    let sql = format!(
        "SELECT {CARD_COLUMNS}, d.bio, d.bio_visibility FROM ({VISIBLE_PROFILES}) d \
         WHERE d.visibility <= d.tier AND d.handle = $3"
    );
    with_pool!(db, pool => sqlx::query_as::<_, ProfileRow>(&sql)
        .bind(looker.id())
        .bind(looker.base_tier().rank())
        .bind(handle)
        .fetch_optional(pool)
        .await)
}

/// A profile as a report quotes it, if `looker` may see it and it is not
/// their own: (the member's user id, display name, what they may see of
/// it as text).
pub async fn profile_for_report(
    db: &Db,
    looker: Looker,
    handle: &str,
) -> sqlx::Result<Option<(i64, String, String)>> {
    let Some(row) = visible_profile(db, looker, handle).await? else {
        return Ok(None);
    };
    if Some(row.user_id) == looker.user_id {
        return Ok(None);
    }
    let card = row.card();
    let bio = row.sees(row.bio_visibility).then(|| row.bio.clone());
    let text = [card.role_title, card.organisation, bio]
        .into_iter()
        .flatten()
        .filter(|line| !line.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n");
    Ok(Some((row.user_id, row.display_name.clone(), text)))
}

/// Hides a profile from everyone but its owner (a moderator's decision).
pub async fn hide_profile(db: &Db, user_id: i64, at: i64) -> sqlx::Result<()> {
    with_pool!(db, pool => sqlx::query("UPDATE profiles SET hidden_at = $2 WHERE user_id = $1")
        .bind(user_id)
        .bind(at)
        .execute(pool)
        .await
        .map(|_| ()))
}

/// Whether a moderator has hidden `user_id`'s profile: then they may not
/// send requests or messages either.
pub async fn is_hidden(db: &Db, user_id: i64) -> sqlx::Result<bool> {
    let hidden: i64 = with_pool!(db, pool => sqlx::query_scalar(
        "SELECT COUNT(*) FROM profiles WHERE user_id = $1 AND hidden_at IS NOT NULL",
    )
    .bind(user_id)
    .fetch_one(pool)
    .await?);
    Ok(hidden > 0)
}

/// The handles of every profile someone who is not signed in may see (for
/// the sitemap): listed, visible to everyone, of an active account.
pub async fn public_handles(db: &Db) -> sqlx::Result<Vec<String>> {
    let sql = format!(
        "SELECT d.handle FROM ({VISIBLE_PROFILES}) d WHERE d.visibility <= d.tier ORDER BY d.handle"
    );
    let looker = Looker::ANONYMOUS;
    with_pool!(db, pool => sqlx::query_scalar(&sql)
        .bind(looker.id())
        .bind(looker.base_tier().rank())
        .fetch_all(pool)
        .await)
}

/// A page of the directory for `looker`.
pub async fn directory(
    db: &Db,
    looker: Looker,
    params: &DirectoryParams,
) -> sqlx::Result<(Vec<ProfileRow>, i64)> {
    let mut args = vec![Arg::Int(looker.id()), Arg::Int(looker.base_tier().rank())];
    let mut conditions = vec!["d.visibility <= d.tier".to_string()];
    let bind = |args: &mut Vec<Arg>, arg: Arg| {
        args.push(arg);
        format!("${}", args.len())
    };
    if !params.sectors.is_empty() {
        let mask = bind(&mut args, Arg::Int(Sector::mask(&params.sectors)));
        conditions.push(format!(
            "(d.sectors & {mask}) <> 0 AND d.sectors_visibility <= d.tier"
        ));
    }
    for (column, values) in [
        (
            "region",
            params.regions.iter().map(|r| r.slug()).collect::<Vec<_>>(),
        ),
        (
            "level",
            params.levels.iter().map(|l| l.slug()).collect::<Vec<_>>(),
        ),
    ] {
        if values.is_empty() {
            continue;
        }
        let placeholders: Vec<String> = values
            .iter()
            .map(|value| bind(&mut args, Arg::Text(value.to_string())))
            .collect();
        conditions.push(format!(
            "d.{column} IN ({}) AND d.{column}_visibility <= d.tier",
            placeholders.join(", ")
        ));
    }
    if params.mentoring {
        conditions.push("d.open_to_mentoring AND d.availability_visibility <= d.tier".into());
    }
    if params.collaboration {
        conditions.push("d.open_to_collaboration AND d.availability_visibility <= d.tier".into());
    }
    let terms = SearchTerms::parse(&params.q);
    if !terms.is_empty() {
        // Each tier searches only the words it may see (see migration 0004).
        let (tier, column) = match looker.base_tier() {
            Tier::Anonymous => (Tier::Anonymous, "search_public"),
            Tier::Member => (Tier::Member, "search_members"),
            Tier::Close => (Tier::Close, "search_all"),
        };
        let matching = match db.backend() {
            Backend::Sqlite => {
                let query = bind(&mut args, Arg::Text(terms.fts5_in_column(column)));
                format!("SELECT rowid FROM profiles_fts WHERE profiles_fts MATCH {query}")
            }
            Backend::Postgres => {
                let query = bind(&mut args, Arg::Text(terms.tsquery()));
                format!(
                    "SELECT user_id FROM profiles WHERE {column}_vector @@ to_tsquery('english', {query})"
                )
            }
        };
        let mut alternatives = vec![format!(
            "(d.tier = {} AND d.user_id IN ({matching}))",
            tier.rank()
        )];
        // A member's connections (and own profile) may match on words only
        // connections see. They are few, so they are found once, up front,
        // and listed: a second whole-network match in each statement cost
        // as much as the rest of the search.
        if let (Tier::Member, Some(viewer)) = (looker.base_tier(), looker.user_id) {
            let close = close_matches(db, viewer, &terms).await?;
            if !close.is_empty() {
                let listed: Vec<String> = close
                    .into_iter()
                    .map(|id| bind(&mut args, Arg::Int(id)))
                    .collect();
                alternatives.push(format!(
                    "(d.tier = {} AND d.user_id IN ({}))",
                    Tier::Close.rank(),
                    listed.join(", ")
                ));
            }
        }
        conditions.push(format!("({})", alternatives.join(" OR ")));
    }
    let filtered = format!(
        "FROM ({VISIBLE_PROFILES}) d WHERE {}",
        conditions.join(" AND ")
    );
    let count_sql = format!("SELECT COUNT(*) {filtered}");
    let offset = i64::from(params.page.saturating_sub(1)) * i64::from(DIRECTORY_PAGE_SIZE);
    with_pool!(db, pool => {
        let mut count = sqlx::query_scalar::<_, i64>(&count_sql);
        for arg in &args {
            count = match arg {
                Arg::Int(value) => count.bind(*value),
                Arg::Text(value) => count.bind(value.clone()),
            };
        }
        let total = count.fetch_one(pool).await?;
        if total <= offset {
            return Ok((Vec::new(), total));
        }
        // Very few matches: sort them. Otherwise walk the name index until
        // the page is full, which is quick unless matches are rare. SQLite
        // walks the index either way (50 ms instead of 8 for 16 matches in
        // 50,000); `+` stops it using the index.
        let rare = total < 200 && db.backend() == Backend::Sqlite;
        let order = if rare { "+d.sort_name" } else { "d.sort_name" };
        let page_sql = format!(
            "SELECT {CARD_COLUMNS}, '' AS bio, CAST(2 AS BIGINT) AS bio_visibility {filtered} \
             ORDER BY {order}, d.user_id LIMIT {DIRECTORY_PAGE_SIZE} OFFSET {offset}"
        );
        let mut page = sqlx::query_as::<_, ProfileRow>(&page_sql);
        for arg in &args {
            page = match arg {
                Arg::Int(value) => page.bind(*value),
                Arg::Text(value) => page.bind(value.clone()),
            };
        }
        Ok((page.fetch_all(pool).await?, total))
    })
}

/// The viewer and their connections whose connection-visible words match
/// `terms`.
async fn close_matches(db: &Db, viewer: i64, terms: &SearchTerms) -> sqlx::Result<Vec<i64>> {
    const MINE: &str =
        "SELECT CASE WHEN requester_id = $1 THEN recipient_id ELSE requester_id END \
        FROM connections WHERE status = 'accepted' AND (requester_id = $1 OR recipient_id = $1)";
    match db {
        // FTS5 is slow at testing a few rowids (it reads the word lists
        // again for each), so match once and keep the close ones here.
        Db::Sqlite(pool) => {
            let mut close: std::collections::HashSet<i64> = sqlx::query_scalar(MINE)
                .bind(viewer)
                .fetch_all(pool)
                .await?
                .into_iter()
                .collect();
            close.insert(viewer);
            let json: String = sqlx::query_scalar(
                "SELECT json_group_array(rowid) FROM profiles_fts WHERE profiles_fts MATCH $1",
            )
            .bind(terms.fts5_in_column("search_all"))
            .fetch_one(pool)
            .await?;
            let matched: Vec<i64> = serde_json::from_str(&json)
                .map_err(|error| sqlx::Error::Decode(Box::new(error)))?;
            Ok(matched
                .into_iter()
                .filter(|id| close.contains(id))
                .collect())
        }
        Db::Postgres(pool) => {
            let sql = format!(
                "SELECT user_id FROM profiles WHERE search_all_vector @@ to_tsquery('english', $2) \
                 AND (user_id = $1 OR user_id IN ({MINE}))"
            );
            sqlx::query_scalar(&sql)
                .bind(viewer)
                .bind(terms.tsquery())
                .fetch_all(pool)
                .await
        }
    }
}

/// Builds the page the directory shows from the rows found.
pub fn directory_page(
    params: DirectoryParams,
    rows: &[ProfileRow],
    total: i64,
    signed_in: bool,
    viewer_needs_profile: bool,
) -> DirectoryPage {
    let pages = u32::try_from(total)
        .unwrap_or(u32::MAX)
        .div_ceil(DIRECTORY_PAGE_SIZE)
        .max(1);
    DirectoryPage {
        params,
        members: rows.iter().map(ProfileRow::card).collect(),
        total,
        pages,
        viewer_needs_profile,
        signed_in,
    }
}

/// The stored profile of `user_id`, with every detail (for its owner).
pub async fn own_profile(db: &Db, user_id: i64) -> sqlx::Result<Option<ProfileRow>> {
    let sql = format!(
        "SELECT {CARD_COLUMNS}, d.bio, d.bio_visibility FROM (SELECT p.*, CAST(2 AS BIGINT) AS tier FROM profiles p) d \
         WHERE d.user_id = $1"
    );
    with_pool!(db, pool => sqlx::query_as::<_, ProfileRow>(&sql).bind(user_id).fetch_optional(pool).await)
}

/// The handle of `user_id`'s profile, if they have one.
pub async fn handle_of(db: &Db, user_id: i64) -> sqlx::Result<Option<String>> {
    with_pool!(db, pool => sqlx::query_scalar("SELECT handle FROM profiles WHERE user_id = $1")
        .bind(user_id)
        .fetch_optional(pool)
        .await)
}

/// The user and name behind a handle (whatever the viewer may see).
pub async fn member_by_handle(db: &Db, handle: &str) -> sqlx::Result<Option<(i64, String)>> {
    with_pool!(db, pool => sqlx::query_as("SELECT user_id, display_name FROM profiles WHERE handle = $1")
        .bind(handle)
        .fetch_optional(pool)
        .await)
}

/// A handle from a name: lower-case words joined by hyphens, then a short
/// random suffix so that two people with one name never clash.
pub fn new_handle(display_name: &str) -> String {
    use rand::Rng;
    let base = crate::slugs::words_of(display_name, 4, 60).unwrap_or_else(|| "member".to_string());
    const ALPHABET: &[u8] = b"abcdefghijkmnpqrstuvwxyz23456789";
    let mut rng = rand::rng();
    let suffix: String = (0..5)
        .map(|_| ALPHABET[rng.random_range(0..ALPHABET.len())] as char)
        .collect();
    format!("{base}-{suffix}")
}

/// Creates or replaces `user_id`'s profile (and their display name).
/// Returns the handle.
pub async fn save_profile(
    db: &Db,
    user_id: i64,
    draft: &ProfileDraft,
    is_demo: bool,
) -> sqlx::Result<String> {
    let handle = match handle_of(db, user_id).await? {
        Some(handle) => handle,
        None => new_handle(draft.display_name.as_str()),
    };
    let (search_public, search_members, search_all) = draft.search_texts();
    let name = draft.display_name.as_str();
    let vis = |visibility: Visibility| visibility.rank();
    with_pool!(db, pool => {
        let mut tx = pool.begin_write().await?;
        sqlx::query("UPDATE users SET display_name = $2 WHERE id = $1")
            .bind(user_id)
            .bind(name)
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "INSERT INTO profiles (user_id, handle, display_name, sort_name, visibility, role_title, role_title_visibility,
                organisation_type, organisation_name, organisation_visibility, sectors, sectors_visibility,
                region, region_visibility, level, level_visibility, years_investigating, years_visibility,
                open_to_mentoring, open_to_collaboration, availability_visibility, is_demo, updated_at,
                specialisms, specialisms_visibility, bio, bio_visibility, search_public, search_members, search_all)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20,
                $21, $22, $23, $24, $25, $26, $27, $28, $29, $30)
             ON CONFLICT (user_id) DO UPDATE SET display_name = excluded.display_name, sort_name = excluded.sort_name,
                visibility = excluded.visibility, role_title = excluded.role_title,
                role_title_visibility = excluded.role_title_visibility, organisation_type = excluded.organisation_type,
                organisation_name = excluded.organisation_name, organisation_visibility = excluded.organisation_visibility,
                sectors = excluded.sectors, sectors_visibility = excluded.sectors_visibility, region = excluded.region,
                region_visibility = excluded.region_visibility, level = excluded.level,
                level_visibility = excluded.level_visibility, years_investigating = excluded.years_investigating,
                years_visibility = excluded.years_visibility, open_to_mentoring = excluded.open_to_mentoring,
                open_to_collaboration = excluded.open_to_collaboration,
                availability_visibility = excluded.availability_visibility, updated_at = excluded.updated_at,
                specialisms = excluded.specialisms, specialisms_visibility = excluded.specialisms_visibility,
                bio = excluded.bio, bio_visibility = excluded.bio_visibility, search_public = excluded.search_public,
                search_members = excluded.search_members, search_all = excluded.search_all",
        )
        .bind(user_id)
        .bind(&handle)
        .bind(name)
        .bind(name.to_lowercase())
        .bind(vis(draft.visibility))
        .bind(&draft.role_title)
        .bind(vis(draft.role_title_visibility))
        .bind(draft.organisation_type)
        .bind(&draft.organisation_name)
        .bind(vis(draft.organisation_visibility))
        .bind(Sector::mask(&draft.sectors))
        .bind(vis(draft.sectors_visibility))
        .bind(draft.region)
        .bind(vis(draft.region_visibility))
        .bind(draft.level)
        .bind(vis(draft.level_visibility))
        .bind(draft.years_investigating)
        .bind(vis(draft.years_visibility))
        .bind(draft.open_to_mentoring)
        .bind(draft.open_to_collaboration)
        .bind(vis(draft.availability_visibility))
        .bind(is_demo)
        .bind(now())
        .bind(draft.specialisms.join("\n"))
        .bind(vis(draft.specialisms_visibility))
        .bind(&draft.bio)
        .bind(vis(draft.bio_visibility))
        .bind(&search_public)
        .bind(&search_members)
        .bind(&search_all)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
    });
    Ok(handle)
}
