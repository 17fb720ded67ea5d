-- API tokens: only their SHA-256 is stored; the token itself is shown once, when created.
CREATE TABLE api_token (
    id          VARCHAR(64)   PRIMARY KEY,
    name        VARCHAR(256)  NOT NULL,
    token_hash  VARCHAR(64)   NOT NULL UNIQUE,
    roles       VARCHAR(128)  NOT NULL,
    created_by  VARCHAR(256)  NOT NULL,
    created_at  BIGINT        NOT NULL,
    revoked_at  BIGINT
);
