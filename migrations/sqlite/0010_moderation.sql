-- Reports of member-written content that may break the community rules,
-- and the decisions moderators (curators and admins) take on them. The
-- reported content is kept as it was when reported (`excerpt`), so the
-- decision can be checked later whatever happened to it since.
CREATE TABLE reports (
    id             INTEGER PRIMARY KEY,
    reporter_id    INTEGER REFERENCES users (id) ON DELETE SET NULL,
    subject_kind   TEXT NOT NULL CHECK (subject_kind IN ('profile', 'message', 'request')),
    -- profile: the member's user id; message: the message's id; request:
    -- the connection request's id.
    subject_id     INTEGER NOT NULL,
    member_id      INTEGER REFERENCES users (id) ON DELETE SET NULL,
    reason         TEXT NOT NULL CHECK (reason IN ('patient-information', 'blame', 'confidentiality', 'disrespect', 'spam', 'other')),
    note           TEXT NOT NULL DEFAULT '',
    excerpt        TEXT NOT NULL,
    reported_at    INTEGER NOT NULL,
    status         TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'dismissed', 'hidden', 'warned', 'suspended')),
    decided_by     INTEGER REFERENCES users (id) ON DELETE SET NULL,
    decided_at     INTEGER,
    decision_note  TEXT NOT NULL DEFAULT '',
    -- The author is part of what was reported: SQLite reuses a deleted
    -- row's id, and a newer item with the old id is another thing.
    UNIQUE (reporter_id, subject_kind, subject_id, member_id)
);
CREATE INDEX reports_status ON reports (status, reported_at);
CREATE INDEX reports_member ON reports (member_id);
CREATE INDEX reports_decided ON reports (decided_at);

-- Content a moderator hid: shown to no one but its author (profiles) or
-- replaced by a notice (messages).
ALTER TABLE messages ADD COLUMN hidden_at INTEGER;
ALTER TABLE profiles ADD COLUMN hidden_at INTEGER;
