package io.driftwatch.ingest.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import jakarta.inject.Inject;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

import io.driftwatch.alert.Alert;
import io.driftwatch.alert.AlertQuery;
import io.driftwatch.alert.AlertStore;
import io.driftwatch.change.DeploymentRecords;
import io.driftwatch.change.DeploymentTestKeys;
import io.driftwatch.change.RecordSignatures;
import io.driftwatch.engine.EngineLifecycle;
import io.driftwatch.kafka.InjectKafkaBroker;
import io.driftwatch.kafka.KafkaBroker;
import io.driftwatch.kafka.KafkaBrokerResource;
import io.driftwatch.store.CheckpointStore;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Events over Kafka: read in batches from a real broker, alerts raised as over REST, unreadable records set aside
 * on the dead-letter topic with why and where they came from, and where reading resumes kept with the checkpoint.
 */
@QuarkusTest
@TestProfile(KafkaTestProfile.class)
@WithTestResource(value = KafkaBrokerResource.class, initArgs = @ResourceArg(name = KafkaBrokerResource.TOPICS,
        value = "driftwatch.events:4, driftwatch.k8s-audit, driftwatch.cloudtrail, driftwatch.falco, driftwatch.tetragon, driftwatch.sysmon, driftwatch.deployments, "
                + "driftwatch.dead-letter, driftwatch.alerts"))
class KafkaIntakeTest {

    static final Path SEED = Path.of("testdata/scenarios/seed-python-spawns-bash/events.ndjson");

    @InjectKafkaBroker
    KafkaBroker broker;

    @Inject
    AlertStore alerts;

    @Inject
    EngineLifecycle lifecycle;

    @Inject
    CheckpointStore checkpoints;

    @Inject
    DeploymentRecords deploymentRecords;

    @Test
    void eventsOverKafkaRaiseTheSameAlertAsOverRest() throws Exception {
        List<String> lines = Files.readAllLines(SEED).stream().filter(l -> !l.isBlank()).toList();
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            for (String line : lines) {
                producer.send(new ProducerRecord<>("driftwatch.events", utf8("seed-py-1"), utf8(line)));
            }
        }
        eventually(() -> !alerts.find(query("seed-py-1")).isEmpty(), "the seed alert");
        Alert a = alerts.find(query("seed-py-1")).get(0);
        assertEquals("lineage:/usr/bin/python3 -> /bin/bash", a.behaviourKey());
        assertEquals(1, a.count());

        List<ConsumerRecord<byte[], byte[]>> out = read("driftwatch.alerts", 1,
                r -> new String(r.key(), StandardCharsets.UTF_8).equals("seed-py-1"));
        assertEquals(1, out.size(), "the alert is published, keyed by its agent");
        assertTrue(new String(out.get(0).value(), StandardCharsets.UTF_8).contains("\"id\":\"" + a.id() + "\""));
    }

    @Test
    void aBrokerRestartDuringConsumptionLosesNothingAndCountsNothingTwice() throws Exception {
        List<String> lines = Files.readAllLines(SEED).stream().filter(l -> !l.isBlank())
                .map(l -> l.replace("seed-py-1", "restart-py")).toList();
        int half = lines.size() / 2;
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            for (String line : lines.subList(0, half)) {
                producer.send(new ProducerRecord<>("driftwatch.events", utf8("restart-py"), utf8(line)));
            }
        }
        eventually(() -> profile("restart-py") != null, "the first half being read");
        broker.restart();
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            for (String line : lines.subList(half, lines.size())) {
                producer.send(new ProducerRecord<>("driftwatch.events", utf8("restart-py"), utf8(line)));
            }
        }
        eventually(() -> !alerts.find(query("restart-py")).isEmpty(), "the alert after the restart");
        assertEquals(1, alerts.find(query("restart-py")).get(0).count());
        String lastTime = lines.get(lines.size() - 1).replaceAll(".*\"time\":\"([^\"]+)\".*", "$1");
        assertEquals(Instant.parse(lastTime), profile("restart-py").lastSeen(), "every event was read");
    }

    @Test
    void aPartitionTakenAwayAndGivenBackByARebalanceIsNotReadTwice() throws Exception {
        long before = processed();
        String event = "{\"agentId\":\"rebalance-agent\",\"time\":\"2026-11-20T10:%02d:00Z\",\"type\":\"process\","
                + "\"process\":{\"exe\":\"/usr/bin/git\"}}"; // no id: a second read would count
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            for (int i = 0; i < 10; i++) {
                producer.send(new ProducerRecord<>("driftwatch.events", 2, utf8("rebalance-agent"),
                        utf8(String.format(event, i)))).get();
            }
        }
        eventually(() -> processed() - before == 10, "the first ten read");
        // another member joins the group, takes partitions, and leaves without reading: two rebalances
        try (KafkaConsumer<byte[], byte[]> other = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "driftwatch-test",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName()))) {
            other.subscribe(List.of("driftwatch.events"));
            Instant deadline = Instant.now().plusSeconds(30);
            while (other.assignment().isEmpty() && Instant.now().isBefore(deadline)) {
                other.poll(Duration.ofMillis(200)); // joining the group is the wait
            }
            assertTrue(!other.assignment().isEmpty(), "the other member got partitions");
        }
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            for (int i = 10; i < 15; i++) {
                producer.send(new ProducerRecord<>("driftwatch.events", 2, utf8("rebalance-agent"),
                        utf8(String.format(event, i)))).get();
            }
        }
        eventually(() -> processed() - before >= 15, "the five after the rebalances");
        assertEquals(15, processed() - before, "none of the first ten read again");
    }

    @Test
    void unreadableRecordsGoToTheDeadLetterTopicWithWhyAndWhereAndTheGoodOnesAreProcessed() throws Exception {
        String good = "{\"id\":\"dl-ok\",\"agentId\":\"dl-agent\",\"time\":\"2026-11-20T10:00:00Z\",\"type\":\"process\","
                + "\"process\":{\"exe\":\"/usr/bin/git\",\"parent\":{\"exe\":\"/usr/bin/python3\"}}}";
        List<String> poison = List.of("not json at all", "{\"agentId\":\"dl-agent\",\"type\":\"process\"}", "");
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            for (String p : poison) {
                producer.send(new ProducerRecord<>("driftwatch.events", 0, utf8("dl-agent"), utf8(p)));
            }
            producer.send(new ProducerRecord<>("driftwatch.events", 0, utf8("dl-agent"), utf8(good)));
        }
        List<ConsumerRecord<byte[], byte[]>> dead = deadLetters("driftwatch.events", poison.size());
        assertEquals(poison.size(), dead.size());
        for (ConsumerRecord<byte[], byte[]> d : dead) {
            assertEquals("driftwatch.events", header(d, DeadLetters.TOPIC));
            assertEquals("0", header(d, DeadLetters.PARTITION));
            assertTrue(Long.parseLong(header(d, DeadLetters.OFFSET)) >= 0);
            assertTrue(!header(d, DeadLetters.REASON).isBlank());
        }
        assertTrue(dead.stream().anyMatch(d -> header(d, DeadLetters.REASON).contains("time")),
                () -> "the event without a time names the field: " + reasons(dead));
        assertTrue(dead.stream().anyMatch(d -> header(d, DeadLetters.REASON).contains("no value")), () -> reasons(dead));
        eventually(() -> profile("dl-agent") != null, "the good record behind the poison ones is processed");
    }

    @Test
    void runtimeSensorsHaveATopicEachAndTheirBadRecordsGoAside() throws Exception {
        String falco = Files.readAllLines(Path.of("testdata/formats/falco/alerts.ndjson")).get(0)
                .replace("node-7.prod-eu", "kafka-falco-node");
        String tetragon = Files.readAllLines(Path.of("testdata/formats/tetragon/export.ndjson")).get(0)
                .replace("node-7.prod-eu", "kafka-tetragon-node");
        String sysmon = Files.readAllLines(Path.of("testdata/formats/sysmon/flat.ndjson")).get(0)
                .replace("BUILD-07", "kafka-sysmon-host");
        String badTetragon = Files.readAllLines(Path.of("testdata/formats/tetragon/bad-events.ndjson")).get(0);
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            producer.send(new ProducerRecord<>("driftwatch.falco", utf8("kafka-falco-node"), utf8(falco)));
            producer.send(new ProducerRecord<>("driftwatch.tetragon", utf8("kafka-tetragon-node"), utf8(badTetragon)));
            producer.send(new ProducerRecord<>("driftwatch.tetragon", utf8("kafka-tetragon-node"), utf8(tetragon)));
            producer.send(new ProducerRecord<>("driftwatch.sysmon", utf8("kafka-sysmon-host"), utf8(sysmon)));
        }
        eventually(() -> profile("kafka-falco-node") != null, "the Falco alert read as the node's event");
        eventually(() -> profile("kafka-tetragon-node") != null, "the Tetragon exec behind the bad line");
        eventually(() -> profile("kafka-sysmon-host") != null, "the Sysmon event read as the host's event");
        List<ConsumerRecord<byte[], byte[]>> dead = deadLetters("driftwatch.tetragon", 1);
        assertEquals(1, dead.size(), () -> reasons(dead));
        assertTrue(header(dead.get(0), DeadLetters.REASON).contains("binary"), () -> reasons(dead));
    }

    @Test
    void aSignedDeploymentRecordIsStoredOnceAndAnUnsignedOneIsSetAside() throws Exception {
        String body = DeploymentTestKeys.record("kafka-dep-1", "shop-web-release", "web-1");
        String unsigned = DeploymentTestKeys.record("kafka-dep-2", "shop-web-release", "web-1");
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            for (int delivery = 0; delivery < 2; delivery++) { // delivered twice, as at-least-once producers may
                ProducerRecord<byte[], byte[]> r = new ProducerRecord<>("driftwatch.deployments", utf8(body));
                r.headers().add(RecordSignatures.HEADER, utf8(DeploymentTestKeys.hmac(body)));
                producer.send(r);
            }
            producer.send(new ProducerRecord<>("driftwatch.deployments", utf8(unsigned)));
        }
        List<ConsumerRecord<byte[], byte[]>> dead = deadLetters("driftwatch.deployments", 1);
        assertEquals(1, dead.size(), () -> reasons(dead));
        assertTrue(header(dead.get(0), DeadLetters.REASON).startsWith("[0] 401 unsigned"), () -> reasons(dead));
        eventually(() -> deploymentRecords.get("kafka-dep-1").isPresent(), "the signed record stored");
        assertTrue(deploymentRecords.get("kafka-dep-2").isEmpty());
    }

    @Test
    void aCheckpointKeepsWhereReadingResumesAndCommitsItAsTheGroupsOffset() throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            producer.send(new ProducerRecord<>("driftwatch.events", 1, utf8("cp-agent"), utf8(
                    "{\"id\":\"cp-1\",\"agentId\":\"cp-agent\",\"time\":\"2026-11-20T10:00:00Z\",\"type\":\"process\","
                            + "\"process\":{\"exe\":\"/usr/bin/git\"}}"))).get();
        }
        String source = KafkaIntake.source("driftwatch.events", 1);
        eventually(() -> {
            lifecycle.checkpoint();
            return checkpoints.logPositions().getOrDefault(source, 0L) > 0;
        }, "a checkpoint covering the record");
        long resume = checkpoints.logPositions().get(source);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            eventually(() -> {
                try {
                    OffsetAndMetadata committed = admin.listConsumerGroupOffsets("driftwatch-test")
                            .partitionsToOffsetAndMetadata().get().get(new TopicPartition("driftwatch.events", 1));
                    return committed != null && committed.offset() >= resume;
                } catch (Exception e) {
                    return false;
                }
            }, "the group's offset committed after the checkpoint");
        }
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    KafkaProducer<byte[], byte[]> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()));
    }

    /** The dead letters from one topic (other tests set some aside too), waiting for at least {@code expected}. */
    List<ConsumerRecord<byte[], byte[]>> deadLetters(String from, int expected) {
        return read("driftwatch.dead-letter", expected, d -> header(d, DeadLetters.TOPIC).equals(from));
    }

    List<ConsumerRecord<byte[], byte[]>> read(String topic, int expected,
                                              java.util.function.Predicate<ConsumerRecord<byte[], byte[]>> which) {
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "reader-" + System.nanoTime(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName()))) {
            c.subscribe(List.of(topic));
            Instant deadline = Instant.now().plusSeconds(30);
            while (out.size() < expected && Instant.now().isBefore(deadline)) {
                c.poll(Duration.ofMillis(500)).forEach(r -> {
                    if (which.test(r)) {
                        out.add(r);
                    }
                }); // the broker's poll is the wait
            }
        }
        return out;
    }

    io.driftwatch.baseline.AgentProfile profile(String agent) {
        return lifecycle.engine().onAgentShard(agent, b -> b.profile(agent)).join();
    }

    long processed() {
        return lifecycle.engine().stats().stream().mapToLong(io.driftwatch.engine.ShardStats::processed).sum();
    }

    static AlertQuery query(String agent) {
        return new AlertQuery(agent, null, null, null, null, 10, 0);
    }

    static String header(ConsumerRecord<?, ?> r, String name) {
        return new String(r.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    static String reasons(List<ConsumerRecord<byte[], byte[]>> dead) {
        return dead.stream().map(d -> header(d, DeadLetters.REASON)).toList().toString();
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Waits (at most 30 s) for the service's own consumer thread: a real broker, no clock to advance. */
    static void eventually(BooleanSupplier condition, String what) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(30);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not within 30 s: " + what);
            }
            Thread.sleep(50); // another thread consumes from a real broker: there is no clock to advance here
        }
    }
}
