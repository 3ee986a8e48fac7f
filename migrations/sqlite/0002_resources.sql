-- The catalogue: resources of four kinds, module lessons, full-text search.
-- Sectors, topics and learning responses are fixed vocabularies stored as
-- bit sets (see app/src/vocabulary.rs; bit positions never change).
-- The long text columns come last so that reading the short ones (as
-- search does for every match) never has to step over them.
CREATE TABLE resources (
    id            INTEGER PRIMARY KEY,
    slug          TEXT NOT NULL UNIQUE,
    kind          TEXT NOT NULL CHECK (kind IN ('module', 'toolkit', 'guide', 'signposted')),
    title         TEXT NOT NULL,
    provider_id   INTEGER NOT NULL REFERENCES organisations (id),
    sectors       INTEGER NOT NULL DEFAULT 0,
    topics        INTEGER NOT NULL DEFAULT 0,
    responses     INTEGER NOT NULL DEFAULT 0,
    level         TEXT NOT NULL CHECK (level IN ('foundation', 'practitioner', 'expert')),
    audience      TEXT NOT NULL DEFAULT '',
    minutes       INTEGER NOT NULL CHECK (minutes > 0),
    cpd_hours     REAL NOT NULL DEFAULT 0 CHECK (cpd_hours >= 0),
    external_url  TEXT,
    published_on  TEXT,
    reviewed_on   TEXT NOT NULL,
    review_by     TEXT NOT NULL,
    status        TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published', 'archived')),
    featured      INTEGER NOT NULL DEFAULT 0,
    created_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    summary       TEXT NOT NULL,
    body          TEXT NOT NULL DEFAULT '',
    CHECK (kind <> 'signposted' OR external_url IS NOT NULL)
);
CREATE INDEX resources_published ON resources (status, published_on DESC);
CREATE INDEX resources_provider ON resources (provider_id, status);
CREATE INDEX resources_title_lower ON resources (lower(title));
-- Everything search needs per match, so it never reads the wide rows.
CREATE INDEX resources_search_facets
    ON resources (id, status, kind, level, provider_id, sectors, topics, responses, minutes, published_on);

CREATE TABLE lessons (
    id           INTEGER PRIMARY KEY,
    resource_id  INTEGER NOT NULL REFERENCES resources (id) ON DELETE CASCADE,
    position     INTEGER NOT NULL CHECK (position > 0),
    title        TEXT NOT NULL,
    body         TEXT NOT NULL,
    UNIQUE (resource_id, position)
);

-- Porter stemming ("investigations" finds "investigation"); ranking weights
-- are given per query with bm25().
CREATE VIRTUAL TABLE resources_fts USING fts5 (
    title, summary, body,
    content = 'resources', content_rowid = 'id',
    tokenize = 'porter unicode61 remove_diacritics 2'
);
CREATE TRIGGER resources_fts_insert AFTER INSERT ON resources BEGIN
    INSERT INTO resources_fts (rowid, title, summary, body) VALUES (new.id, new.title, new.summary, new.body);
END;
CREATE TRIGGER resources_fts_delete AFTER DELETE ON resources BEGIN
    INSERT INTO resources_fts (resources_fts, rowid, title, summary, body) VALUES ('delete', old.id, old.title, old.summary, old.body);
END;
CREATE TRIGGER resources_fts_update AFTER UPDATE OF title, summary, body ON resources BEGIN
    INSERT INTO resources_fts (resources_fts, rowid, title, summary, body) VALUES ('delete', old.id, old.title, old.summary, old.body);
    INSERT INTO resources_fts (rowid, title, summary, body) VALUES (new.id, new.title, new.summary, new.body);
END;

-- Words of published titles and summaries, for correcting small typos.
CREATE TABLE search_terms (
    term       TEXT PRIMARY KEY,
    documents  INTEGER NOT NULL
) WITHOUT ROWID;

-- Searches that found nothing, so curators can see gaps in the catalogue.
CREATE TABLE search_misses (
    query       TEXT PRIMARY KEY,
    searches    INTEGER NOT NULL DEFAULT 1,
    first_seen  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    last_seen   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
