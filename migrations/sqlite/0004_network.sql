-- The professional network: profiles, connections, blocks and messages.
-- Times are Unix seconds. A visibility is a rank: 0 anyone, 1 signed-in
-- members, 2 connections only. A viewer at tier t (0 anonymous, 1 member,
-- 2 connection, the owner or an admin) sees what is ranked t or lower.

CREATE TABLE profiles (
    user_id                  INTEGER PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    handle                   TEXT NOT NULL UNIQUE,
    display_name             TEXT NOT NULL,            -- kept equal to users.display_name
    sort_name                TEXT NOT NULL,            -- lower-case display name, for ordering
    listed                   INTEGER NOT NULL DEFAULT 1,  -- false while the account is suspended
    visibility               INTEGER NOT NULL DEFAULT 1 CHECK (visibility BETWEEN 0 AND 2),
    role_title               TEXT NOT NULL DEFAULT '',
    role_title_visibility    INTEGER NOT NULL DEFAULT 1 CHECK (role_title_visibility BETWEEN 0 AND 2),
    organisation_type        TEXT,
    organisation_name        TEXT NOT NULL DEFAULT '',
    organisation_visibility  INTEGER NOT NULL DEFAULT 1 CHECK (organisation_visibility BETWEEN 0 AND 2),
    sectors                  INTEGER NOT NULL DEFAULT 0,
    sectors_visibility       INTEGER NOT NULL DEFAULT 1 CHECK (sectors_visibility BETWEEN 0 AND 2),
    region                   TEXT,
    region_visibility        INTEGER NOT NULL DEFAULT 1 CHECK (region_visibility BETWEEN 0 AND 2),
    level                    TEXT,
    level_visibility         INTEGER NOT NULL DEFAULT 1 CHECK (level_visibility BETWEEN 0 AND 2),
    years_investigating      INTEGER CHECK (years_investigating BETWEEN 0 AND 60),
    years_visibility         INTEGER NOT NULL DEFAULT 1 CHECK (years_visibility BETWEEN 0 AND 2),
    open_to_mentoring        INTEGER NOT NULL DEFAULT 0,
    open_to_collaboration    INTEGER NOT NULL DEFAULT 0,
    availability_visibility  INTEGER NOT NULL DEFAULT 1 CHECK (availability_visibility BETWEEN 0 AND 2),
    is_demo                  INTEGER NOT NULL DEFAULT 0,
    updated_at               INTEGER NOT NULL,
    specialisms              TEXT NOT NULL DEFAULT '',  -- one per line
    specialisms_visibility   INTEGER NOT NULL DEFAULT 1 CHECK (specialisms_visibility BETWEEN 0 AND 2),
    bio                      TEXT NOT NULL DEFAULT '',  -- Markdown, sanitised when shown
    bio_visibility           INTEGER NOT NULL DEFAULT 1 CHECK (bio_visibility BETWEEN 0 AND 2),
    -- The searchable words (name, role, specialisms) each tier may see,
    -- so a search never matches on a field hidden from the searcher.
    search_public            TEXT NOT NULL DEFAULT '',
    search_members           TEXT NOT NULL DEFAULT '',
    search_all               TEXT NOT NULL DEFAULT ''
);
CREATE INDEX profiles_sort_name ON profiles (sort_name, user_id);
-- Everything the directory filters on, so counting never reads wide rows.
CREATE INDEX profiles_directory ON profiles (
    user_id, listed, visibility, sectors, sectors_visibility, region, region_visibility, level,
    level_visibility, open_to_mentoring, open_to_collaboration, availability_visibility, sort_name
);

CREATE VIRTUAL TABLE profiles_fts USING fts5 (
    search_public, search_members, search_all,
    content = 'profiles', content_rowid = 'user_id',
    tokenize = 'porter unicode61 remove_diacritics 2'
);
CREATE TRIGGER profiles_fts_insert AFTER INSERT ON profiles BEGIN
    INSERT INTO profiles_fts (rowid, search_public, search_members, search_all)
    VALUES (new.user_id, new.search_public, new.search_members, new.search_all);
END;
CREATE TRIGGER profiles_fts_delete AFTER DELETE ON profiles BEGIN
    INSERT INTO profiles_fts (profiles_fts, rowid, search_public, search_members, search_all)
    VALUES ('delete', old.user_id, old.search_public, old.search_members, old.search_all);
END;
CREATE TRIGGER profiles_fts_update AFTER UPDATE OF search_public, search_members, search_all ON profiles BEGIN
    INSERT INTO profiles_fts (profiles_fts, rowid, search_public, search_members, search_all)
    VALUES ('delete', old.user_id, old.search_public, old.search_members, old.search_all);
    INSERT INTO profiles_fts (rowid, search_public, search_members, search_all)
    VALUES (new.user_id, new.search_public, new.search_members, new.search_all);
END;

-- One row per pair of members, whoever asked: pending, then accepted.
-- Declining, withdrawing and removing delete the row.
CREATE TABLE connections (
    id            INTEGER PRIMARY KEY,
    requester_id  INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    recipient_id  INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    user_low      INTEGER NOT NULL,
    user_high     INTEGER NOT NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('connect', 'mentoring')),
    note          TEXT NOT NULL DEFAULT '',
    status        TEXT NOT NULL CHECK (status IN ('pending', 'accepted')),
    requested_at  INTEGER NOT NULL,
    accepted_at   INTEGER,
    CHECK (requester_id <> recipient_id),
    CHECK (user_low < user_high),
    UNIQUE (user_low, user_high)
);
CREATE INDEX connections_requester ON connections (requester_id, status);
CREATE INDEX connections_recipient ON connections (recipient_id, status);

CREATE TABLE blocks (
    blocker_id  INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    blocked_id  INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at  INTEGER NOT NULL,
    PRIMARY KEY (blocker_id, blocked_id),
    CHECK (blocker_id <> blocked_id)
);
CREATE INDEX blocks_blocked ON blocks (blocked_id);

-- One conversation per pair; each side's read position is the id of the
-- newest message it has seen.
CREATE TABLE conversations (
    id               INTEGER PRIMARY KEY,
    user_low         INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    user_high        INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    last_message_at  INTEGER NOT NULL,
    low_read_up_to   INTEGER NOT NULL DEFAULT 0,
    high_read_up_to  INTEGER NOT NULL DEFAULT 0,
    CHECK (user_low < user_high),
    UNIQUE (user_low, user_high)
);
CREATE INDEX conversations_high ON conversations (user_high);

CREATE TABLE messages (
    id               INTEGER PRIMARY KEY,
    conversation_id  INTEGER NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    sender_id        INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    body             TEXT NOT NULL,
    sent_at          INTEGER NOT NULL
);
CREATE INDEX messages_conversation ON messages (conversation_id, id);
