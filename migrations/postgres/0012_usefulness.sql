-- "Was this useful?" on every resource: one answer per member and
-- resource, which they can change. The member's sectors (a bit mask, as on
-- profiles), region and role title are copied in when they answer, so
-- curators see usefulness by sector as it was then, never by name. The
-- answers go with the member's account.
CREATE TABLE usefulness_answers (
    user_id      BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    resource_id  BIGINT NOT NULL REFERENCES resources (id) ON DELETE CASCADE,
    useful       BOOLEAN NOT NULL,
    comment      TEXT NOT NULL DEFAULT '',
    sectors      BIGINT NOT NULL DEFAULT 0,
    region       TEXT,
    role_title   TEXT NOT NULL DEFAULT '',
    answered_at  BIGINT NOT NULL,
    PRIMARY KEY (user_id, resource_id)
);
CREATE INDEX usefulness_answers_resource ON usefulness_answers (resource_id);
