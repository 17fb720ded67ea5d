package io.driftwatch.change;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.driftwatch.change.ChainBreak.Kind;

/** The chain as DeploymentStore keeps it in H2 (V4 applied as written): appends, the head, purges. */
class DeploymentStoreTest {

    static final Instant AT = Instant.parse("2026-11-20T10:05:00Z");

    JdbcDataSource db;
    DeploymentStore store;
    ChainVerifier verifier;

    @BeforeEach
    void database() throws Exception {
        db = new JdbcDataSource();
        db.setURL("jdbc:h2:mem:store-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        String script = Files.readString(Path.of("src/main/resources/db/migration/V4__deployment_records.sql"));
        StringBuilder sql = new StringBuilder();
        for (String line : script.split("\n")) {
            if (!line.trim().startsWith("--")) {
                sql.append(line).append('\n');
            }
        }
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            for (String statement : sql.toString().split(";")) {
                if (!statement.isBlank()) {
                    s.execute(statement);
                }
            }
        }
        store = new DeploymentStore(db);
        verifier = new ChainVerifier(RecordSignatures.of(Optional.of(DeploymentTestKeys.HMAC_KEY), Map.of()));
    }

    ChainRow append(String id) {
        String body = DeploymentTestKeys.record(id, DeploymentTestKeys.PIPELINE, "web-1");
        return store.append(id, body, DeploymentTestKeys.hmac(body), AT);
    }

    ChainWalk walk() {
        DeploymentStore.Snapshot s = store.snapshot();
        return verifier.walk(s.head(), s.rows(), store.acknowledgments());
    }

    void sql(String statement) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    @Test
    void appendsLinkEachRecordToTheHead() {
        ChainRow a = append("a");
        ChainRow b = append("b");
        assertEquals(ChainHash.GENESIS, a.prevHash());
        assertEquals(a.hash(), b.prevHash());
        DeploymentStore.Snapshot s = store.snapshot();
        assertEquals(new ChainHead(b.seq(), b.hash(), 0, ChainHash.GENESIS), s.head());
        assertEquals(List.of(a, b), s.rows());
        assertTrue(walk().intact());
        assertThrows(DeploymentStore.DuplicateIdException.class, () -> append("a"));
        assertEquals(b, store.page(1, 0).get(0));
        assertEquals(a, store.get("a").orElseThrow());
    }

    @Test
    void theBodyIsKeptExactlyAsSigned() {
        String body = "\r\n" + DeploymentTestKeys.record("exact", DeploymentTestKeys.PIPELINE, "web-1")
                .replace("alice@example.com", "zo\u00eb \ud83d\ude80 \\u00e9") + "\t \n";
        store.append("exact", body, DeploymentTestKeys.hmac(body), AT);
        assertEquals(body, store.get("exact").orElseThrow().body());
        ChainWalk w = walk();
        assertTrue(w.intact(), () -> w.breaks().toString());
        assertEquals("zo\u00eb \ud83d\ude80 \u00e9", w.verified().get(0).record().actor());
    }

    @Test
    void concurrentAppendsDoNotForkTheChain() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<ChainRow>> all = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String id = "c" + i;
                all.add(pool.submit(() -> append(id)));
            }
            for (Future<ChainRow> f : all) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        ChainWalk w = walk();
        assertTrue(w.intact(), () -> w.breaks().toString());
        assertEquals(40, w.verified().size());
    }

    @Test
    void deletingTheNewestRowIsCaughtAndAcknowledgingItLetsTheChainGoOn() throws SQLException {
        append("a");
        ChainRow b = append("b");
        sql("DELETE FROM deployment_record WHERE seq = " + b.seq());
        ChainWalk w = walk();
        assertEquals(Kind.HEAD, w.firstBroken().kind());
        store.acknowledge(w.unacknowledged().stream().map(x -> Acknowledgment.of(x, "alice", "INC-1", AT)).toList(), null);
        assertTrue(walk().accepted());
        append("c");
        assertTrue(walk().accepted(), () -> walk().breaks().toString());
        assertEquals(1, store.acknowledgments().size());
        assertEquals("alice", store.acknowledgments().get(0).author());
    }

    @Test
    void aDeletedHeadRowStopsAppendsUntilAcknowledged() throws SQLException {
        append("a");
        ChainRow b = append("b");
        sql("DELETE FROM deployment_chain_head");
        assertThrows(DeploymentStore.HeadMissingException.class, () -> append("c"));
        ChainWalk w = walk();
        assertEquals(Kind.HEAD_MISSING, w.firstBroken().kind());
        store.acknowledge(List.of(Acknowledgment.of(w.firstBroken(), "alice", "INC-2", AT)),
                new ChainHead(b.seq(), b.hash(), 0, ChainHash.GENESIS));
        append("c");
        assertTrue(walk().intact());
    }

    @Test
    void purgingMovesTheAnchorSoTheRestStillVerifies() {
        append("a");
        ChainRow b = append("b");
        ChainRow c = append("c");
        assertEquals(0, store.purgeThrough(b.seq(), "not-its-hash"));
        assertEquals(2, store.purgeThrough(b.seq(), b.hash()));
        DeploymentStore.Snapshot s = store.snapshot();
        assertEquals(List.of(c), s.rows());
        assertEquals(new ChainHead(c.seq(), c.hash(), b.seq(), b.hash()), s.head());
        assertTrue(walk().intact());
        assertEquals(1, store.purgeThrough(c.seq(), c.hash()));
        assertTrue(walk().intact());
        append("d");
        assertTrue(walk().intact());
        assertFalse(store.snapshot().rows().isEmpty());
    }
}
