-- Collections: a member saves resources to named lists (a default "Saved"
-- and any they make), with a note per resource and an order they choose.
-- A collection is private, shared by an unguessable link (read-only), or
-- public on the member's profile. Collections go with the account.
CREATE TABLE collections (
    id           INTEGER PRIMARY KEY,
    user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name         TEXT NOT NULL,
    -- The name folded to lower case (by the hub, the same on both
    -- backends): names are unique per member whatever their case.
    name_key     TEXT NOT NULL,
    visibility   TEXT NOT NULL DEFAULT 'private' CHECK (visibility IN ('private', 'link', 'public')),
    -- 256 random bits, the address of a shared or public collection.
    share_token  TEXT NOT NULL UNIQUE,
    is_default   INTEGER NOT NULL DEFAULT 0 CHECK (is_default IN (0, 1)),
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL
);
-- One name per member whatever its case; one default each.
CREATE UNIQUE INDEX collections_name ON collections (user_id, name_key);
CREATE UNIQUE INDEX collections_default ON collections (user_id) WHERE is_default = 1;

CREATE TABLE collection_items (
    collection_id  INTEGER NOT NULL REFERENCES collections (id) ON DELETE CASCADE,
    resource_id    INTEGER NOT NULL REFERENCES resources (id) ON DELETE CASCADE,
    position       INTEGER NOT NULL,
    note           TEXT NOT NULL DEFAULT '',
    added_at       INTEGER NOT NULL,
    PRIMARY KEY (collection_id, resource_id)
);
CREATE INDEX collection_items_resource ON collection_items (resource_id);
