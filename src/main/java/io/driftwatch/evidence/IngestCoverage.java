package io.driftwatch.evidence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.driftwatch.alert.Coverage.AgentDay;
import io.driftwatch.store.StoreException;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;

/**
 * Events processed per agent and UTC day, for the evidence report. Shards hand over their counts once per batch;
 * they are summed in memory and added to {@code ingest_coverage} on a schedule and at shutdown, one row update per
 * agent and day, never per event. A crash loses the counts since the last flush; the journal replay after it
 * counts the replayed batches again, so the figure is approximate by at most one flush interval either way.
 */
@ApplicationScoped
public class IngestCoverage {

    private static final Logger LOG = Logger.getLogger(IngestCoverage.class);

    private final DataSource db;
    private final Map<AgentDay, LongAdder> pending = new ConcurrentHashMap<>();

    public IngestCoverage(DataSource db) {
        this.db = db;
    }

    /** One agent's events on one day. */
    public record AgentDayCount(String agentId, LocalDate day, long events) {
    }

    public void add(Map<AgentDay, Long> counts) {
        counts.forEach((k, v) -> pending.computeIfAbsent(k, x -> new LongAdder()).add(v));
    }

    @Scheduled(every = "${driftwatch.evidence.coverage-flush-interval:30s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledFlush() {
        try {
            flush();
        } catch (StoreException e) {
            LOG.warnf("event coverage counts not written yet (kept in memory for the next try): %s", e.getMessage());
        }
    }

    void shutdown(@Observes ShutdownEvent ignored) {
        scheduledFlush();
    }

    /** Adds what was counted since the last flush to the table, in one transaction. */
    public synchronized void flush() {
        Map<AgentDay, Long> batch = new HashMap<>();
        for (AgentDay k : List.copyOf(pending.keySet())) {
            LongAdder a = pending.remove(k);
            if (a != null) {
                batch.merge(k, a.sum(), Long::sum);
            }
        }
        if (batch.isEmpty()) {
            return;
        }
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement up = c.prepareStatement(
                    "UPDATE ingest_coverage SET events = events + ? WHERE day_epoch = ? AND agent_id = ?");
                 PreparedStatement in = c.prepareStatement(
                         "INSERT INTO ingest_coverage (day_epoch, agent_id, events) VALUES (?, ?, ?)")) {
                for (Map.Entry<AgentDay, Long> e : batch.entrySet()) {
                    up.setLong(1, e.getValue());
                    up.setLong(2, e.getKey().epochDay());
                    up.setString(3, e.getKey().agentId());
                    if (up.executeUpdate() == 0) {
                        in.setLong(1, e.getKey().epochDay());
                        in.setString(2, e.getKey().agentId());
                        in.setLong(3, e.getValue());
                        in.executeUpdate();
                    }
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            add(batch); // counted again on the next flush, not lost
            throw new StoreException("cannot write event coverage counts", e);
        }
    }

    /** Counts for the days in [from, to), per agent and day; what is still in memory is flushed first. */
    public List<AgentDayCount> between(LocalDate from, LocalDate to) {
        flush();
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement("SELECT agent_id, day_epoch, "
                + "events FROM ingest_coverage WHERE day_epoch >= ? AND day_epoch < ? ORDER BY day_epoch, agent_id")) {
            s.setLong(1, from.toEpochDay());
            s.setLong(2, to.toEpochDay());
            List<AgentDayCount> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new AgentDayCount(rs.getString(1), LocalDate.ofEpochDay(rs.getLong(2)), rs.getLong(3)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("cannot read event coverage counts", e);
        }
    }
}
