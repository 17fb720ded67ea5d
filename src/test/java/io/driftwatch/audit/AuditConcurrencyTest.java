package io.driftwatch.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Two writers that append at once (two instances of the service, as two AuditLog objects on their own connections)
 * never fork the chain, on PostgreSQL and on H2: every seq once, every link to its predecessor; and an append rolled
 * back with its change leaves nothing behind.
 */
class AuditConcurrencyTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-20T10:00:00Z"), ZoneOffset.UTC);

    @Test
    void twoInstancesAppendingAtOnceOnPostgresqlKeepOneChain() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            DataSource db = postgres.getPostgresDatabase();
            Flyway.configure().dataSource(db).locations("classpath:db/migration").load().migrate();
            appendConcurrently(db);
        }
    }

    @Test
    void twoWritersAppendingAtOnceOnH2KeepOneChain() throws Exception {
        JdbcDataSource db = new JdbcDataSource();
        db.setURL("jdbc:h2:mem:audit-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000");
        Flyway.configure().dataSource(db).locations("classpath:db/migration").load().migrate();
        appendConcurrently(db);
    }

    private static void appendConcurrently(DataSource db) throws Exception {
        AuditLog first = new AuditLog(db, new ObjectMapper(), CLOCK);
        AuditLog second = new AuditLog(db, new ObjectMapper(), CLOCK);
        long before = first.lastSeq();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> done = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            AuditLog log = w % 2 == 0 ? first : second;
            int writer = w;
            done.add(pool.submit(() -> {
                for (int i = 0; i < 50; i++) {
                    log.append(AuditChange.of("writer-" + writer, "test.appended", "test", writer + "/" + i, Map.of("i", i)));
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            first.append(c, List.of(AuditChange.of("writer-x", "test.appended", "test", "rolled-back", Map.of())));
            c.rollback(); // the change it recorded did not happen: neither did the entry
        }
        assertEquals(before + 200, first.lastSeq());
        AuditVerification v = second.verify(7);
        assertTrue(v.intact(), () -> "intact, got " + v.firstBroken());
        assertEquals(before + 200, v.entries());
    }
}
