-- Faster catalogue search (see app/src/search/snapshot.rs and engine.rs).
-- 1. Titles and summaries in their own, much smaller full-text index, so
--    that finding the title and summary matches of a common word is cheap.
-- 2. A version of the published catalogue, bumped on every change, so each
--    server process can keep what search needs of every resource in memory
--    and reload it only when something changed. `epoch` tells databases
--    apart that reuse a file name.
CREATE VIRTUAL TABLE resources_head_fts USING fts5 (
    title, summary,
    content = 'resources', content_rowid = 'id',
    tokenize = 'porter unicode61 remove_diacritics 2'
);
INSERT INTO resources_head_fts (resources_head_fts) VALUES ('rebuild');
CREATE TRIGGER resources_head_fts_insert AFTER INSERT ON resources BEGIN
    INSERT INTO resources_head_fts (rowid, title, summary) VALUES (new.id, new.title, new.summary);
END;
CREATE TRIGGER resources_head_fts_delete AFTER DELETE ON resources BEGIN
    INSERT INTO resources_head_fts (resources_head_fts, rowid, title, summary) VALUES ('delete', old.id, old.title, old.summary);
END;
CREATE TRIGGER resources_head_fts_update AFTER UPDATE OF title, summary ON resources BEGIN
    INSERT INTO resources_head_fts (resources_head_fts, rowid, title, summary) VALUES ('delete', old.id, old.title, old.summary);
    INSERT INTO resources_head_fts (rowid, title, summary) VALUES (new.id, new.title, new.summary);
END;

CREATE TABLE catalogue_version (
    id       INTEGER PRIMARY KEY CHECK (id = 1),
    epoch    TEXT NOT NULL,
    version  INTEGER NOT NULL
);
INSERT INTO catalogue_version (id, epoch, version) VALUES (1, lower(hex(randomblob(8))), 0);
CREATE TRIGGER catalogue_version_insert AFTER INSERT ON resources BEGIN
    UPDATE catalogue_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER catalogue_version_update AFTER UPDATE ON resources BEGIN
    UPDATE catalogue_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER catalogue_version_delete AFTER DELETE ON resources BEGIN
    UPDATE catalogue_version SET version = version + 1 WHERE id = 1;
END;
DROP INDEX resources_search_facets; -- search reads the in-memory snapshot now
