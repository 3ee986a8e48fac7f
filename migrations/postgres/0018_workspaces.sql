-- Investigation workspaces: a member's learning responses (title, PSIRF
-- response type, sector, scope) and each one's timeline. Only the owner
-- opens one. `version` goes up with every change, so a change made from
-- an older page is refused rather than written over a newer one.
-- Workspaces go with the account.
CREATE TABLE workspaces (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    owner_id    BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    title       TEXT NOT NULL,
    response    TEXT NOT NULL,
    sector      TEXT,
    scope       TEXT NOT NULL DEFAULT '',
    version     BIGINT NOT NULL DEFAULT 1,
    created_at  BIGINT NOT NULL,
    updated_at  BIGINT NOT NULL
);
CREATE INDEX workspaces_owner ON workspaces (owner_id, updated_at);

-- A timeline entry. Times are `YYYY-MM-DDTHH:MM` text (local clock time as
-- recorded; sorts in time order); `ends_at` closes a window.
CREATE TABLE workspace_entries (
    id             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    workspace_id   BIGINT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    starts_at      TEXT NOT NULL,
    ends_at        TEXT,
    approximate    BOOLEAN NOT NULL DEFAULT FALSE,
    what           TEXT NOT NULL,
    who            TEXT NOT NULL DEFAULT '',
    place          TEXT NOT NULL DEFAULT '',
    source         TEXT NOT NULL,
    source_detail  TEXT NOT NULL DEFAULT '',
    note           TEXT NOT NULL DEFAULT '',
    problem        TEXT,
    -- SEIPS work-system elements as a bit mask (toolkits::types::SeipsElement).
    elements       BIGINT NOT NULL DEFAULT 0,
    -- Another entry recording the same event from another source.
    same_as        BIGINT REFERENCES workspace_entries (id) ON DELETE SET NULL,
    created_at     BIGINT NOT NULL,
    updated_at     BIGINT NOT NULL
);
CREATE INDEX workspace_entries_workspace ON workspace_entries (workspace_id, starts_at);
CREATE INDEX workspace_entries_same_as ON workspace_entries (same_as);
