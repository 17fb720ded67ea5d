-- Crash safety. Every accepted batch is journaled before it is processed; a checkpoint writes baselines, the
-- running configuration and the engine's session state as of one journal position (the cut), and the journal up
-- to the cut is then deleted. A restart restores the checkpoint and replays the journal after the cut.

CREATE TABLE event_journal (
    seq          BIGINT        PRIMARY KEY,
    appended_at  BIGINT        NOT NULL,
    event_count  INTEGER       NOT NULL,
    events       BYTEA         NOT NULL
);

-- One row: the journal position every checkpointed state reflects, and the identity of the journal that goes
-- with this database (a journal directory from another database must never be replayed into this one).
CREATE TABLE checkpoint_cut (
    id           INTEGER       PRIMARY KEY,
    seq          BIGINT        NOT NULL,
    taken_at     BIGINT        NOT NULL,
    journal_id   VARCHAR(64)   NOT NULL
);

-- For events read from logs that keep them (Kafka partitions): where reading resumes after a restart. Written
-- with the checkpoint, so what the checkpoint covers is never read twice, and nothing after it is skipped.
CREATE TABLE log_position (
    source         VARCHAR(256)  PRIMARY KEY,
    next_position  BIGINT        NOT NULL,
    updated_at     BIGINT        NOT NULL
);

-- Per shard: facts in working memory, rules already fired on them, recent event ids, the session clock.
CREATE TABLE shard_checkpoint (
    shard        INTEGER       PRIMARY KEY,
    data         BYTEA         NOT NULL,
    taken_at     BIGINT        NOT NULL
);

-- Where the newest detection counted on an alert came from: its log (the journal, a Kafka partition) and its
-- place in it. A replayed detection from the same log at or before it was already counted and is skipped.
ALTER TABLE alert ADD COLUMN source_name VARCHAR(256);
ALTER TABLE alert ADD COLUMN source_position BIGINT;
