-- Faster catalogue search (see app/src/search/snapshot.rs and engine.rs).
-- 1. Title and title-plus-summary vectors with their own GIN indexes, so
--    that the title and summary matches of a word are found directly.
-- 2. A version of the published catalogue, bumped on every change, so each
--    server process can keep what search needs of every resource in memory
--    and reload it only when something changed. `epoch` tells databases
--    apart that reuse a name.
ALTER TABLE resources
    ADD COLUMN title_vector tsvector GENERATED ALWAYS AS (to_tsvector('english', title)) STORED,
    ADD COLUMN head_vector tsvector GENERATED ALWAYS AS (
        to_tsvector('english', title) || to_tsvector('english', summary)) STORED;
CREATE INDEX resources_title_vector ON resources USING GIN (title_vector);
CREATE INDEX resources_head_vector ON resources USING GIN (head_vector);

CREATE TABLE catalogue_version (
    id       BIGINT PRIMARY KEY CHECK (id = 1),
    epoch    TEXT NOT NULL,
    version  BIGINT NOT NULL
);
INSERT INTO catalogue_version (id, epoch, version) VALUES (1, md5(random()::text || clock_timestamp()::text), 0);
CREATE FUNCTION bump_catalogue_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE catalogue_version SET version = version + 1 WHERE id = 1;
    RETURN NULL;
END;
$$;
CREATE TRIGGER catalogue_version_bump AFTER INSERT OR UPDATE OR DELETE ON resources
    FOR EACH STATEMENT EXECUTE FUNCTION bump_catalogue_version();
