package io.driftwatch.store;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.driftwatch.event.Event;

/**
 * The write-ahead journal of accepted events: a batch is committed here before it is processed, so an event
 * acknowledged to its sender survives a crash. Rows up to the checkpoint cut are deleted by the checkpoint
 * ({@link CheckpointStore}); the rows after it are replayed at start.
 */
@ApplicationScoped
public class EventJournal {

    private static final TypeReference<List<Event>> EVENTS = new TypeReference<>() { };

    private final DataSource db;
    private final ObjectMapper json;
    /** The last sequence number handed out; -1 until {@link #open()}. */
    private final AtomicLong last = new AtomicLong(-1);

    public EventJournal(DataSource db, ObjectMapper json) {
        this.db = db;
        this.json = json;
    }

    /** One journaled batch: its sequence number and its events, as they were accepted. */
    public record Entry(long seq, List<Event> events) {
    }

    /** Where journaling resumes: after the newest row or the cut, whichever is later. Returns the cut. */
    public long open() {
        long cut = cut();
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT MAX(seq) FROM event_journal");
             ResultSet rs = s.executeQuery()) {
            rs.next();
            long newest = rs.getLong(1);
            last.set(Math.max(cut, newest));
        } catch (SQLException e) {
            throw new StoreException("cannot open the event journal", e);
        }
        return cut;
    }

    /** The last sequence number handed out. */
    public long last() {
        return last.get();
    }

    /** The journal position the stored checkpoint reflects; 0 before the first checkpoint. */
    public long cut() {
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT seq FROM checkpoint_cut WHERE id = 1");
             ResultSet rs = s.executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0;
        } catch (SQLException e) {
            throw new StoreException("cannot read the checkpoint cut", e);
        }
    }

    /** Commits the batch and returns its sequence number; throws when it could not be made durable. */
    public long append(List<Event> events, long now) {
        if (last.get() < 0) {
            throw new IllegalStateException("journal not open");
        }
        byte[] data = encode(events);
        long seq = last.incrementAndGet();
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement(
                     "INSERT INTO event_journal (seq, appended_at, event_count, events) VALUES (?, ?, ?, ?)")) {
            s.setLong(1, seq);
            s.setLong(2, now);
            s.setInt(3, events.size());
            s.setBytes(4, data);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new JournalException(seq, "cannot journal a batch of " + events.size() + " events", e);
        }
        return seq;
    }

    /** A batch that could not be journaled; its sequence number was handed out and must be skipped. */
    public static final class JournalException extends StoreException {
        private final long seq;

        JournalException(long seq, String message, Throwable cause) {
            super(message, cause);
            this.seq = seq;
        }

        public long seq() {
            return seq;
        }
    }

    /** The entries after {@code seq}, oldest first, a page at a time so a long journal never sits in memory. */
    public void replayAfter(long seq, java.util.function.Consumer<Entry> each) {
        long from = seq;
        while (true) {
            List<Entry> page = new java.util.ArrayList<>();
            try (Connection c = db.getConnection();
                 PreparedStatement s = c.prepareStatement(
                         "SELECT seq, events FROM event_journal WHERE seq > ? ORDER BY seq")) {
                s.setMaxRows(64);
                s.setLong(1, from);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        page.add(new Entry(rs.getLong(1), decode(rs.getLong(1), rs.getBytes(2))));
                    }
                }
            } catch (SQLException e) {
                throw new StoreException("cannot read the event journal after " + from, e);
            }
            if (page.isEmpty()) {
                return;
            }
            for (Entry e : page) {
                each.accept(e);
                from = e.seq();
            }
        }
    }

    private byte[] encode(List<Event> events) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(events.size() * 96);
        try (OutputStream out = new DeflaterOutputStream(bytes)) {
            json.writeValue(out, events);
        } catch (IOException e) {
            throw new IllegalStateException("events could not be written for the journal", e);
        }
        return bytes.toByteArray();
    }

    private List<Event> decode(long seq, byte[] data) {
        try (InputStream in = new InflaterInputStream(new java.io.ByteArrayInputStream(data))) {
            return json.readValue(in, EVENTS);
        } catch (IOException e) {
            throw new StoreException("journal entry " + seq + " cannot be read", e);
        }
    }
}
