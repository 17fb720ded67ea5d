package io.driftwatch.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.driftwatch.event.Event;

/** The journal as a table, for PostgreSQL: the database is the instance's only state. */
public class DatabaseJournal implements EventJournal {

    private final DataSource db;
    private final JournalCodec codec;
    /** The last sequence number handed out; -1 until {@link #open}. */
    private final AtomicLong last = new AtomicLong(-1);

    public DatabaseJournal(DataSource db, ObjectMapper json) {
        this.db = db;
        this.codec = new JournalCodec(json);
    }

    @Override
    public void open(long cut, String identity) {
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT MAX(seq) FROM event_journal");
             ResultSet rs = s.executeQuery()) {
            rs.next();
            last.set(Math.max(cut, rs.getLong(1)));
        } catch (SQLException e) {
            throw new StoreException("cannot open the event journal", e);
        }
    }

    @Override
    public long last() {
        return last.get();
    }

    @Override
    public long append(List<Event> events, long now) {
        if (last.get() < 0) {
            throw new IllegalStateException("journal not open");
        }
        byte[] data = codec.encode(events);
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

    @Override
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
                        page.add(new Entry(rs.getLong(1), codec.decode(rs.getLong(1), rs.getBytes(2))));
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

    @Override
    public void truncate(long cut) {
        try (Connection c = db.getConnection();
             PreparedStatement d = c.prepareStatement("DELETE FROM event_journal WHERE seq <= ?")) {
            d.setLong(1, cut);
            d.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("cannot drop the journal up to " + cut, e);
        }
    }
}
