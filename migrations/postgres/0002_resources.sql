-- The catalogue: resources of four kinds, module lessons, full-text search.
-- Sectors, topics and learning responses are fixed vocabularies stored as
-- bit sets (see app/src/vocabulary.rs; bit positions never change).
-- The long text columns come last so that reading the short ones (as
-- search does for every match) never has to step over them.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE resources (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    slug          TEXT NOT NULL UNIQUE,
    kind          TEXT NOT NULL CHECK (kind IN ('module', 'toolkit', 'guide', 'signposted')),
    title         TEXT NOT NULL,
    provider_id   BIGINT NOT NULL REFERENCES organisations (id),
    sectors       BIGINT NOT NULL DEFAULT 0,
    topics        BIGINT NOT NULL DEFAULT 0,
    responses     BIGINT NOT NULL DEFAULT 0,
    level         TEXT NOT NULL CHECK (level IN ('foundation', 'practitioner', 'expert')),
    audience      TEXT NOT NULL DEFAULT '',
    minutes       BIGINT NOT NULL CHECK (minutes > 0),
    cpd_hours     DOUBLE PRECISION NOT NULL DEFAULT 0 CHECK (cpd_hours >= 0),
    external_url  TEXT,
    published_on  DATE,
    reviewed_on   DATE NOT NULL,
    review_by     DATE NOT NULL,
    status        TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published', 'archived')),
    featured      BOOLEAN NOT NULL DEFAULT FALSE,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    summary       TEXT NOT NULL,
    body          TEXT NOT NULL DEFAULT '',
    -- English stemming; weights rank title (A) above summary (B) above body (C).
    search_vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english', title), 'A') ||
        setweight(to_tsvector('english', summary), 'B') ||
        setweight(to_tsvector('english', body), 'C')
    ) STORED,
    CHECK (kind <> 'signposted' OR external_url IS NOT NULL)
);
CREATE INDEX resources_published ON resources (status, published_on DESC);
CREATE INDEX resources_provider ON resources (provider_id, status);
CREATE INDEX resources_title_lower ON resources (lower(title));
CREATE INDEX resources_search ON resources USING GIN (search_vector);

CREATE TABLE lessons (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    resource_id  BIGINT NOT NULL REFERENCES resources (id) ON DELETE CASCADE,
    position     BIGINT NOT NULL CHECK (position > 0),
    title        TEXT NOT NULL,
    body         TEXT NOT NULL,
    UNIQUE (resource_id, position)
);

-- Words of published titles and summaries, for correcting small typos.
CREATE TABLE search_terms (
    term       TEXT PRIMARY KEY,
    documents  BIGINT NOT NULL
);
CREATE INDEX search_terms_trigram ON search_terms USING GIN (term gin_trgm_ops);

-- Searches that found nothing, so curators can see gaps in the catalogue.
CREATE TABLE search_misses (
    query       TEXT PRIMARY KEY,
    searches    BIGINT NOT NULL DEFAULT 1,
    first_seen  TIMESTAMPTZ NOT NULL DEFAULT now(),
    last_seen   TIMESTAMPTZ NOT NULL DEFAULT now()
);
