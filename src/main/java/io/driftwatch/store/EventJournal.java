package io.driftwatch.store;

import java.util.List;
import java.util.function.Consumer;

import io.driftwatch.event.Event;

/**
 * The write-ahead journal of accepted events: a batch is made durable here before it is processed, so an event
 * acknowledged to its sender survives a crash. A checkpoint records the journal position it covers (the cut, in
 * {@link CheckpointStore}); entries up to it are then dropped, and the entries after it are replayed at start.
 * On H2 the journal is a set of append-only files ({@link FileJournal}); on PostgreSQL, a table
 * ({@link DatabaseJournal}), so an instance keeps no state of its own outside the database.
 */
public interface EventJournal {

    /** One journaled batch: its sequence number and its events, as they were accepted. */
    record Entry(long seq, List<Event> events) {
    }

    /**
     * Resumes after the newest entry or the cut, whichever is later; before any other call.
     *
     * @param identity the database's journal identity: a journal kept apart from the database must belong to it
     */
    void open(long cut, String identity);

    /** The last sequence number handed out. */
    long last();

    /**
     * Makes the batch durable and returns its sequence number.
     *
     * @throws JournalException when it could not be made durable (its sequence number must be skipped)
     */
    long append(List<Event> events, long now);

    /** The entries after {@code seq}, oldest first, a few at a time. */
    void replayAfter(long seq, Consumer<Entry> each);

    /** Drops what a checkpoint covers: entries up to {@code cut}. Best effort; replay skips them anyway. */
    void truncate(long cut);

    /** A batch that could not be journaled; its sequence number was handed out and must be skipped. */
    final class JournalException extends StoreException {
        private final long seq;

        public JournalException(long seq, String message, Throwable cause) {
            super(message, cause);
            this.seq = seq;
        }

        public long seq() {
            return seq;
        }
    }
}
