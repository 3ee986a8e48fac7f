-- The capability self-assessment (shared/domain.md's framework): a member
-- rates each domain for how confident they are (the highest level they
-- work at with confidence) and how relevant it is to their role. Every
-- take is kept, one a day (a second that day replaces the first), so the
-- member sees their history. Private to the member and gone with their
-- account; their sectors and region are copied in as they show them to
-- every signed-in member, so the insights can count by them (aggregates
-- only, small numbers suppressed).
CREATE TABLE self_assessments (
    id        BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id   BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    taken_on  TEXT NOT NULL,
    taken_at  BIGINT NOT NULL,
    sectors   BIGINT NOT NULL DEFAULT 0,
    region    TEXT,
    UNIQUE (user_id, taken_on)
);

CREATE TABLE self_assessment_ratings (
    assessment_id  BIGINT NOT NULL REFERENCES self_assessments (id) ON DELETE CASCADE,
    domain         TEXT NOT NULL CHECK (domain IN ('systems-thinking-and-human-factors', 'planning-a-learning-response', 'gathering-evidence', 'analysis', 'safety-actions-and-improvement', 'involving-and-supporting-people', 'writing-and-sharing-learning', 'leading-and-overseeing-investigations')),
    confidence     TEXT NOT NULL CHECK (confidence IN ('not-yet', 'foundation', 'practitioner', 'expert')),
    relevance      TEXT NOT NULL CHECK (relevance IN ('not-relevant', 'part', 'central')),
    PRIMARY KEY (assessment_id, domain)
);
