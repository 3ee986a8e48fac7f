-- Capability domains: which parts of the capability framework for
-- investigators (shared/domain.md) a resource helps someone develop, a bit
-- set like topics (see app/src/vocabulary.rs). Search reads it from its
-- in-memory snapshot (the covering index of 0002 went in 0005); members'
-- self-assessments recommend resources by it.
ALTER TABLE resources ADD COLUMN capabilities INTEGER NOT NULL DEFAULT 0;
