-- Every activated rule set: who, when, why, and the full files, so any version can be restored.
CREATE TABLE rule_version (
    version      BIGINT        PRIMARY KEY,
    content_hash VARCHAR(64)   NOT NULL,
    author       VARCHAR(256)  NOT NULL,
    created_at   BIGINT        NOT NULL,
    message      VARCHAR(2000),
    files        TEXT          NOT NULL
);
