-- A member's learning record: progress through modules, modules completed,
-- the CPD log and the resources they viewed last. All of it is the
-- member's own and goes with their account.

-- A lesson marked done. Keyed by the lesson's position, not its row:
-- publishing a revised module replaces its lesson rows.
CREATE TABLE lesson_progress (
    user_id      BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    resource_id  BIGINT NOT NULL REFERENCES resources (id) ON DELETE CASCADE,
    position     BIGINT NOT NULL CHECK (position > 0),
    done_at      BIGINT NOT NULL,
    PRIMARY KEY (user_id, resource_id, position)
);

-- A module completed: once per member and module, whatever is done again.
CREATE TABLE module_completions (
    user_id       BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    resource_id   BIGINT NOT NULL REFERENCES resources (id) ON DELETE CASCADE,
    completed_at  BIGINT NOT NULL,
    PRIMARY KEY (user_id, resource_id)
);

-- Continuing professional development, as a member records it for
-- appraisal and revalidation: by hand, or made by completing a module
-- (`resource_id`, at most one such entry per module).
CREATE TABLE cpd_entries (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id      BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    title        TEXT NOT NULL,
    done_on      DATE NOT NULL,
    minutes      BIGINT NOT NULL CHECK (minutes > 0 AND minutes <= 6000),
    activity     TEXT NOT NULL CHECK (activity IN ('e-learning', 'course', 'reading', 'reflective-practice', 'conference', 'investigation', 'teaching', 'other')),
    what         TEXT NOT NULL DEFAULT '',
    so_what      TEXT NOT NULL DEFAULT '',
    now_what     TEXT NOT NULL DEFAULT '',
    resource_id  BIGINT REFERENCES resources (id) ON DELETE SET NULL,
    created_at   BIGINT NOT NULL,
    UNIQUE (user_id, resource_id)
);
CREATE INDEX cpd_entries_user ON cpd_entries (user_id, done_on);

-- The resources a member opened last (the learning page lists them), in
-- Unix milliseconds: two pages opened within a second keep their order.
CREATE TABLE recent_views (
    user_id      BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    resource_id  BIGINT NOT NULL REFERENCES resources (id) ON DELETE CASCADE,
    viewed_at    BIGINT NOT NULL,
    PRIMARY KEY (user_id, resource_id)
);
CREATE INDEX recent_views_user ON recent_views (user_id, viewed_at DESC);
