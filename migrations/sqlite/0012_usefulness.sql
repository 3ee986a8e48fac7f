-- "Was this useful?" on every resource: one answer per member and
-- resource, which they can change. The member's sectors (a bit mask, as on
-- profiles), region and role title are copied in when they answer, so
-- curators see usefulness by sector as it was then, never by name. The
-- answers go with the member's account.
CREATE TABLE usefulness_answers (
    user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    resource_id  INTEGER NOT NULL REFERENCES resources (id) ON DELETE CASCADE,
    useful       INTEGER NOT NULL CHECK (useful IN (0, 1)),
    comment      TEXT NOT NULL DEFAULT '',
    sectors      INTEGER NOT NULL DEFAULT 0,
    region       TEXT,
    role_title   TEXT NOT NULL DEFAULT '',
    answered_at  INTEGER NOT NULL,
    PRIMARY KEY (user_id, resource_id)
);
CREATE INDEX usefulness_answers_resource ON usefulness_answers (resource_id);
