-- Certificates: completing a module issues one, verifiable by anyone with
-- its link (/credentials/{id}) and, offline, as an Open Badges 3.0
-- credential signed with the hub's Ed25519 key (a VC-JWT). The key is made
-- on first start and kept here: one row, so instances sharing a database
-- sign with the same key.
CREATE TABLE signing_keys (
    purpose        TEXT PRIMARY KEY CHECK (purpose = 'credentials'),
    -- RFC 7638 thumbprint of the public key: the JWT header's `kid`.
    kid            TEXT NOT NULL UNIQUE,
    private_pkcs8  TEXT NOT NULL,  -- base64; never shown or logged
    public_key     TEXT NOT NULL,  -- base64url, the JWK's `x`
    created_at     BIGINT NOT NULL
);

-- A certificate. What it certifies is copied at issue (a module's title or
-- hours may change later). The holder's name is not: the page shows the
-- account's name while it lasts and the holder chooses whether to show it;
-- a deleted account leaves a certificate "issued to a deleted account".
CREATE TABLE credentials (
    id              TEXT PRIMARY KEY,  -- 256 random bits, base64url
    user_id         BIGINT REFERENCES users (id) ON DELETE SET NULL,
    resource_id     BIGINT REFERENCES resources (id) ON DELETE SET NULL,
    module_slug     TEXT NOT NULL,
    module_title    TEXT NOT NULL,
    minutes         BIGINT NOT NULL CHECK (minutes > 0),
    issued_at       BIGINT NOT NULL,
    show_name       BOOLEAN NOT NULL DEFAULT TRUE,
    revoked_at      BIGINT,
    revoked_reason  TEXT,
    revoked_by      BIGINT REFERENCES users (id) ON DELETE SET NULL,
    UNIQUE (user_id, resource_id)
);
CREATE INDEX credentials_user ON credentials (user_id, issued_at);
