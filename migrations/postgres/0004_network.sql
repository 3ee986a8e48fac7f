-- The professional network: profiles, connections, blocks and messages.
-- Times are Unix seconds. A visibility is a rank: 0 anyone, 1 signed-in
-- members, 2 connections only. A viewer at tier t (0 anonymous, 1 member,
-- 2 connection, the owner or an admin) sees what is ranked t or lower.

CREATE TABLE profiles (
    user_id                  BIGINT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    handle                   TEXT NOT NULL UNIQUE,
    display_name             TEXT NOT NULL,            -- kept equal to users.display_name
    sort_name                TEXT NOT NULL,            -- lower-case display name, for ordering
    listed                   BOOLEAN NOT NULL DEFAULT TRUE,  -- false while the account is suspended
    visibility               BIGINT NOT NULL DEFAULT 1 CHECK (visibility BETWEEN 0 AND 2),
    role_title               TEXT NOT NULL DEFAULT '',
    role_title_visibility    BIGINT NOT NULL DEFAULT 1 CHECK (role_title_visibility BETWEEN 0 AND 2),
    organisation_type        TEXT,
    organisation_name        TEXT NOT NULL DEFAULT '',
    organisation_visibility  BIGINT NOT NULL DEFAULT 1 CHECK (organisation_visibility BETWEEN 0 AND 2),
    sectors                  BIGINT NOT NULL DEFAULT 0,
    sectors_visibility       BIGINT NOT NULL DEFAULT 1 CHECK (sectors_visibility BETWEEN 0 AND 2),
    region                   TEXT,
    region_visibility        BIGINT NOT NULL DEFAULT 1 CHECK (region_visibility BETWEEN 0 AND 2),
    level                    TEXT,
    level_visibility         BIGINT NOT NULL DEFAULT 1 CHECK (level_visibility BETWEEN 0 AND 2),
    years_investigating      BIGINT CHECK (years_investigating BETWEEN 0 AND 60),
    years_visibility         BIGINT NOT NULL DEFAULT 1 CHECK (years_visibility BETWEEN 0 AND 2),
    open_to_mentoring        BOOLEAN NOT NULL DEFAULT FALSE,
    open_to_collaboration    BOOLEAN NOT NULL DEFAULT FALSE,
    availability_visibility  BIGINT NOT NULL DEFAULT 1 CHECK (availability_visibility BETWEEN 0 AND 2),
    is_demo                  BOOLEAN NOT NULL DEFAULT FALSE,
    updated_at               BIGINT NOT NULL,
    specialisms              TEXT NOT NULL DEFAULT '',  -- one per line
    specialisms_visibility   BIGINT NOT NULL DEFAULT 1 CHECK (specialisms_visibility BETWEEN 0 AND 2),
    bio                      TEXT NOT NULL DEFAULT '',  -- Markdown, sanitised when shown
    bio_visibility           BIGINT NOT NULL DEFAULT 1 CHECK (bio_visibility BETWEEN 0 AND 2),
    -- The searchable words (name, role, specialisms) each tier may see,
    -- so a search never matches on a field hidden from the searcher.
    search_public            TEXT NOT NULL DEFAULT '',
    search_members           TEXT NOT NULL DEFAULT '',
    search_all               TEXT NOT NULL DEFAULT '',
    search_public_vector     tsvector GENERATED ALWAYS AS (to_tsvector('english', search_public)) STORED,
    search_members_vector    tsvector GENERATED ALWAYS AS (to_tsvector('english', search_members)) STORED,
    search_all_vector        tsvector GENERATED ALWAYS AS (to_tsvector('english', search_all)) STORED
);
CREATE INDEX profiles_search_public ON profiles USING GIN (search_public_vector);
CREATE INDEX profiles_search_members ON profiles USING GIN (search_members_vector);
CREATE INDEX profiles_search_all ON profiles USING GIN (search_all_vector);
CREATE INDEX profiles_sort_name ON profiles (sort_name, user_id);
-- Everything the directory filters on, so counting never reads wide rows.
CREATE INDEX profiles_directory ON profiles (
    user_id, listed, visibility, sectors, sectors_visibility, region, region_visibility, level,
    level_visibility, open_to_mentoring, open_to_collaboration, availability_visibility, sort_name
);

-- One row per pair of members, whoever asked: pending, then accepted.
-- Declining, withdrawing and removing delete the row.
CREATE TABLE connections (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    requester_id  BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    recipient_id  BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    user_low      BIGINT NOT NULL,
    user_high     BIGINT NOT NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('connect', 'mentoring')),
    note          TEXT NOT NULL DEFAULT '',
    status        TEXT NOT NULL CHECK (status IN ('pending', 'accepted')),
    requested_at  BIGINT NOT NULL,
    accepted_at   BIGINT,
    CHECK (requester_id <> recipient_id),
    CHECK (user_low < user_high),
    UNIQUE (user_low, user_high)
);
CREATE INDEX connections_requester ON connections (requester_id, status);
CREATE INDEX connections_recipient ON connections (recipient_id, status);

CREATE TABLE blocks (
    blocker_id  BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    blocked_id  BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at  BIGINT NOT NULL,
    PRIMARY KEY (blocker_id, blocked_id),
    CHECK (blocker_id <> blocked_id)
);
CREATE INDEX blocks_blocked ON blocks (blocked_id);

-- One conversation per pair; each side's read position is the id of the
-- newest message it has seen.
CREATE TABLE conversations (
    id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_low         BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    user_high        BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    last_message_at  BIGINT NOT NULL,
    low_read_up_to   BIGINT NOT NULL DEFAULT 0,
    high_read_up_to  BIGINT NOT NULL DEFAULT 0,
    CHECK (user_low < user_high),
    UNIQUE (user_low, user_high)
);
CREATE INDEX conversations_high ON conversations (user_high);

CREATE TABLE messages (
    id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    conversation_id  BIGINT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    sender_id        BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    body             TEXT NOT NULL,
    sent_at          BIGINT NOT NULL
);
CREATE INDEX messages_conversation ON messages (conversation_id, id);
