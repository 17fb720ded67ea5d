-- The audit log: every governance-relevant change (alerts raised and closed, approvals, rule versions, deployment
-- records, tokens, baseline acceptances), append-only and hash-chained. entry_hash = hex SHA-256 of
-- (prev_hash || '\n' || canonical entry), see io.driftwatch.audit.AuditEntry#canonical. Portable between H2 and
-- PostgreSQL; times are epoch milliseconds.
CREATE TABLE audit_log (
    seq           BIGINT         PRIMARY KEY,
    at            BIGINT         NOT NULL,
    actor         VARCHAR(256)   NOT NULL,
    action        VARCHAR(64)    NOT NULL,
    subject_type  VARCHAR(64)    NOT NULL,
    subject_id    VARCHAR(1100)  NOT NULL,
    details       TEXT           NOT NULL,
    prev_hash     VARCHAR(64)    NOT NULL,
    entry_hash    VARCHAR(64)    NOT NULL
);

CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_action ON audit_log (action, seq);
CREATE INDEX audit_log_subject ON audit_log (subject_type, subject_id);

-- One row: the newest entry. Every append locks it (SELECT ... FOR UPDATE) in the transaction of the change it
-- records, so two writers (threads or instances) can never link to the same predecessor; deleting the newest
-- entries is caught because the head still names them.
CREATE TABLE audit_head (
    id         INTEGER      PRIMARY KEY,
    last_seq   BIGINT       NOT NULL,
    last_hash  VARCHAR(64)  NOT NULL
);

INSERT INTO audit_head (id, last_seq, last_hash) VALUES
    (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

-- Events processed per agent and UTC day of their event time, for the evidence report. Added to in batches
-- (a periodic flush of in-memory counts), never once per event.
CREATE TABLE ingest_coverage (
    day_epoch  BIGINT        NOT NULL,
    agent_id   VARCHAR(256)  NOT NULL,
    events     BIGINT        NOT NULL,
    PRIMARY KEY (day_epoch, agent_id)
);

-- Outbound webhook deliveries: one row per alert change and receiver, written in the transaction of the alert
-- change (at least once across crashes), retried with backoff until delivered or out of attempts.
CREATE TABLE webhook_delivery (
    id               VARCHAR(36)    PRIMARY KEY,
    url              VARCHAR(2000)  NOT NULL,
    alert_id         VARCHAR(36)    NOT NULL,
    body             TEXT           NOT NULL,
    created_at       BIGINT         NOT NULL,
    attempts         INTEGER        NOT NULL,
    next_attempt_at  BIGINT         NOT NULL,
    last_error       VARCHAR(2000),
    delivered_at     BIGINT,
    failed_at        BIGINT
);

CREATE INDEX webhook_delivery_due ON webhook_delivery (delivered_at, failed_at, next_attempt_at);
