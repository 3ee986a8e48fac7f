-- An investigation shared by its owner with one of their connections, as
-- an editor (changes everything in it but who it is shared with; cannot
-- delete it) or a reader. Nobody else opens it, administrators included.
-- A share rests on the connection it was made through: removing the
-- connection, or a block (which removes it), ends the share with it, and
-- a share made while the connection was being removed fails its foreign
-- key rather than outliving it.
CREATE TABLE workspace_members (
    workspace_id   BIGINT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    member_id      BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    connection_id  BIGINT NOT NULL REFERENCES connections (id) ON DELETE CASCADE,
    role           TEXT NOT NULL CHECK (role IN ('editor', 'reader')),
    shared_at      BIGINT NOT NULL,
    PRIMARY KEY (workspace_id, member_id)
);
CREATE INDEX workspace_members_member ON workspace_members (member_id);
CREATE INDEX workspace_members_connection ON workspace_members (connection_id);
