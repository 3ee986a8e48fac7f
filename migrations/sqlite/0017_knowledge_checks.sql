-- Knowledge checks: a lesson's multiple-choice questions (JSON: prompt,
-- answers each with its feedback, the right one), written in the editor
-- and reviewed with the module like its lessons; the module's pass mark
-- (per cent of its questions answered right); and each member's latest
-- answer to each question, with whether it was right when given and the
-- key of the question it answered (a digest of its text): an answer counts
-- only while the question at its place is still the one answered, so a
-- question changed, or moved up by a deletion, is asked afresh.
ALTER TABLE lessons ADD COLUMN questions TEXT NOT NULL DEFAULT '[]';
ALTER TABLE resources ADD COLUMN pass_mark INTEGER NOT NULL DEFAULT 70
    CHECK (pass_mark BETWEEN 1 AND 100);

CREATE TABLE check_answers (
    user_id            INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    resource_id        INTEGER NOT NULL REFERENCES resources (id) ON DELETE CASCADE,
    lesson_position    INTEGER NOT NULL CHECK (lesson_position > 0),
    question_position  INTEGER NOT NULL CHECK (question_position > 0),
    chosen             INTEGER NOT NULL CHECK (chosen > 0),
    correct            BOOLEAN NOT NULL,
    question_key       TEXT NOT NULL,
    answered_at        INTEGER NOT NULL,
    PRIMARY KEY (user_id, resource_id, lesson_position, question_position)
);
