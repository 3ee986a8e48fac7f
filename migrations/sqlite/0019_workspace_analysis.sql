-- A workspace's analysis, after its timeline: the SEIPS work-system scan's
-- findings (each citing timeline entries as evidence), the contributory
-- factors drawn from them, and the safety actions that address the
-- factors. Links are rows of their own, so deleting what a link points to
-- removes only the link (the pages ask first and say what loses it).
CREATE TABLE workspace_findings (
    id              INTEGER PRIMARY KEY,
    workspace_id    INTEGER NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    -- toolkits::types::SeipsElement and toolkits::analysis::FindingKind slugs.
    element         TEXT NOT NULL,
    kind            TEXT NOT NULL,
    text            TEXT NOT NULL,
    -- Evidence that is not on the timeline (a policy, an interview).
    other_evidence  TEXT NOT NULL DEFAULT '',
    -- The other elements it shows interacting with its own, as a bit mask.
    interacts_with  INTEGER NOT NULL DEFAULT 0,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL
);
CREATE INDEX workspace_findings_workspace ON workspace_findings (workspace_id);

CREATE TABLE workspace_finding_evidence (
    finding_id  INTEGER NOT NULL REFERENCES workspace_findings (id) ON DELETE CASCADE,
    entry_id    INTEGER NOT NULL REFERENCES workspace_entries (id) ON DELETE CASCADE,
    PRIMARY KEY (finding_id, entry_id)
);
CREATE INDEX workspace_finding_evidence_entry ON workspace_finding_evidence (entry_id);

CREATE TABLE workspace_factors (
    id            INTEGER PRIMARY KEY,
    workspace_id  INTEGER NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    text          TEXT NOT NULL,
    -- SEIPS elements as a bit mask.
    elements      INTEGER NOT NULL DEFAULT 0,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL
);
CREATE INDEX workspace_factors_workspace ON workspace_factors (workspace_id);

CREATE TABLE workspace_factor_findings (
    factor_id   INTEGER NOT NULL REFERENCES workspace_factors (id) ON DELETE CASCADE,
    finding_id  INTEGER NOT NULL REFERENCES workspace_findings (id) ON DELETE CASCADE,
    PRIMARY KEY (factor_id, finding_id)
);
CREATE INDEX workspace_factor_findings_finding ON workspace_factor_findings (finding_id);

CREATE TABLE workspace_actions (
    id               INTEGER PRIMARY KEY,
    workspace_id     INTEGER NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    description      TEXT NOT NULL,
    -- toolkits::actions::{Intervention, Strength, ActionStatus} slugs.
    intervention     TEXT NOT NULL,
    strength         TEXT NOT NULL,
    -- Why the strength differs from the one the intervention suggests.
    strength_reason  TEXT NOT NULL DEFAULT '',
    -- A role, never a name.
    owner            TEXT NOT NULL DEFAULT '',
    -- YYYY-MM-DD.
    due              TEXT,
    measure          TEXT NOT NULL DEFAULT '',
    status           TEXT NOT NULL,
    created_at       INTEGER NOT NULL,
    updated_at       INTEGER NOT NULL
);
CREATE INDEX workspace_actions_workspace ON workspace_actions (workspace_id);

CREATE TABLE workspace_action_factors (
    action_id  INTEGER NOT NULL REFERENCES workspace_actions (id) ON DELETE CASCADE,
    factor_id  INTEGER NOT NULL REFERENCES workspace_factors (id) ON DELETE CASCADE,
    PRIMARY KEY (action_id, factor_id)
);
CREATE INDEX workspace_action_factors_factor ON workspace_action_factors (factor_id);
