-- Feedback about the service, from anyone (signed in or not), read by
-- admins and deleted after the retention schedule's period.
CREATE TABLE service_feedback (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at            BIGINT NOT NULL,
    satisfaction  TEXT CHECK (satisfaction IN ('very-satisfied', 'satisfied', 'neutral', 'dissatisfied', 'very-dissatisfied')),
    page          TEXT NOT NULL DEFAULT '',
    comments      TEXT NOT NULL,
    user_id       BIGINT REFERENCES users (id) ON DELETE SET NULL
);
CREATE INDEX service_feedback_at ON service_feedback (at DESC);
