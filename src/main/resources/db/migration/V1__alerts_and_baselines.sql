-- Portable between H2 and PostgreSQL. Times are epoch milliseconds.

CREATE TABLE baseline_checkpoint (
    agent_id    VARCHAR(256) PRIMARY KEY,
    data        BYTEA        NOT NULL,
    updated_at  BIGINT       NOT NULL
);

CREATE TABLE alert (
    id               VARCHAR(36)   PRIMARY KEY,
    dedup_hash       VARCHAR(64)   NOT NULL,
    rule_name        VARCHAR(512)  NOT NULL,
    severity         VARCHAR(16)   NOT NULL,
    agent_id         VARCHAR(256)  NOT NULL,
    behaviour_key    VARCHAR(1100) NOT NULL,
    status           VARCHAR(32)   NOT NULL,
    occurrences      BIGINT        NOT NULL,
    first_event_time BIGINT,
    last_event_time  BIGINT,
    detected_at      BIGINT        NOT NULL,
    updated_at       BIGINT        NOT NULL,
    body             TEXT          NOT NULL
);

CREATE INDEX alert_dedup ON alert (dedup_hash, status);
CREATE INDEX alert_agent ON alert (agent_id, detected_at);
CREATE INDEX alert_detected ON alert (detected_at);
