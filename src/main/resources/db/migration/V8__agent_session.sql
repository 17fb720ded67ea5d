-- Scale-out: the deviation facts of one agent's session, written with the checkpoint that covers them, so the
-- instance that takes over the agent's partition continues its windows and correlations.
CREATE TABLE agent_session (
    agent_id     VARCHAR(256)  PRIMARY KEY,
    data         BYTEA         NOT NULL,
    taken_at     BIGINT        NOT NULL
);
