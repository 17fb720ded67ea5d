package io.driftwatch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.driftwatch.kafka.KafkaBroker;
import io.restassured.path.json.JsonPath;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Two packaged instances in one consumer group, on one PostgreSQL and a real broker. Each agent's stream is the
 * correlation scenario plus a new process lineage: a week of learning, a first-time destination, then a
 * first-time module five minutes later (module alert, and the correlation alert that needs the destination fact
 * from earlier), then python spawning bash (lineage alert).
 * <ol>
 * <li>Instance A alone reads the learning week and the destinations.</li>
 * <li>B joins: A hands over half the partitions live; their agents' baselines and destination facts move to B
 * through the database.</li>
 * <li>The modules arrive: both instances alert, B for agents whose destination it never saw itself.</li>
 * <li>A is killed (SIGKILL) with its progress since the handover not checkpointed; the lineage events follow.
 * B takes A's partitions, reads again what A read after its checkpoint, and continues.</li>
 * </ol>
 * Every expected alert exists exactly once, counted once.
 */
class ScaleOutIT {

    static final Path SCENARIO = Path.of("testdata/scenarios/correlation-destination-and-module/events.ndjson");
    static final int AGENTS = 24;
    static final int PARTITIONS = 4;
    static final String EVENTS = "driftwatch.events";
    static final String MODULE_RULE = "A module hash loads that neither the approved hash list nor the baseline knows";
    static final String CORRELATION_RULE = "A new outbound destination and a new module load on one agent within ten minutes";
    static final String LINEAGE_RULE = "A process starts from a parent neither the baseline nor an allowlist knows";
    static final String BASH = "{\"agentId\":\"%s\",\"time\":\"2027-02-07T23:30:00Z\",\"type\":\"process\",\"process\":"
            + "{\"exe\":\"/bin/bash\",\"args\":[\"-c\",\"id\"],\"pid\":4242,\"user\":\"app\",\"parent\":"
            + "{\"exe\":\"/usr/bin/python3\",\"pid\":4100}}}";

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void twoInstancesSplitTheAgentsAndTheSurvivorAlertsExactlyOnce(@TempDir Path dir) throws Exception {
        List<String> scenario = Files.readAllLines(SCENARIO, StandardCharsets.UTF_8);
        List<String> learningAndDestination = scenario.subList(0, scenario.size() - 1);
        String module = scenario.get(scenario.size() - 1);
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
             KafkaBroker broker = new KafkaBroker().start();
             KafkaProducer<String, String> producer = producer(broker)) {
            for (String topic : List.of(EVENTS, "driftwatch.k8s-audit", "driftwatch.cloudtrail",
                    "driftwatch.deployments", "driftwatch.alerts", "driftwatch.dead-letter")) {
                broker.createTopic(topic, PARTITIONS);
            }
            String db = postgres.getJdbcUrl("postgres", "postgres");
            Files.createDirectories(dir.resolve("a"));
            Files.createDirectories(dir.resolve("b"));
            try (PackagedApp a = instance(dir.resolve("a"), db, broker, "1h");
                 PackagedApp b = instance(dir.resolve("b"), db, broker, "1s")) {
                long sent = send(producer, learningAndDestination);
                a.start();
                awaitRecords(a, sent);

                b.start();
                awaitLogMatching(dir.resolve("b"), "Kafka partitions assigned: \\[driftwatch");
                awaitLogMatching(dir.resolve("a"), "handed over");

                sent += send(producer, List.of(module));
                awaitAlerts(b, 2 * AGENTS);

                a.kill();
                sent += send(producer, List.of(BASH));
                awaitAlerts(b, 3 * AGENTS);
                awaitNoLag(broker); // B has read and checkpointed every partition, A's included
                Thread.sleep(2000); // and whatever it read again after A's checkpoint added nothing since

                List<Map<String, Object>> alerts = alerts(b);
                Map<String, List<String>> rulesByAgent = new TreeMap<>();
                for (Map<String, Object> alert : alerts) {
                    assertEquals(1, ((Number) alert.get("count")).intValue(), "counted once: " + alert);
                    rulesByAgent.computeIfAbsent((String) alert.get("agentId"), k -> new ArrayList<>())
                            .add((String) alert.get("rule"));
                }
                assertEquals(AGENTS, rulesByAgent.size(), "every agent alerted: " + rulesByAgent.keySet());
                for (Map.Entry<String, List<String>> agent : rulesByAgent.entrySet()) {
                    List<String> rules = agent.getValue().stream().sorted().toList();
                    assertEquals(List.of(MODULE_RULE, CORRELATION_RULE, LINEAGE_RULE).stream().sorted().toList(), rules,
                            agent.getKey() + " has each expected alert exactly once");
                }
            }
        }
    }

    private static PackagedApp instance(Path data, String db, KafkaBroker broker, String checkpointInterval)
            throws Exception {
        return new PackagedApp(data, "-Dquarkus.profile=production",
                "-Dquarkus.datasource.postgresql.jdbc.url=" + db,
                "-Dquarkus.datasource.postgresql.username=postgres",
                "-Ddriftwatch.kafka.enabled=true",
                "-Ddriftwatch.kafka.bootstrap-servers=" + broker.bootstrapServers(),
                "-Ddriftwatch.kafka.scale-out.enabled=true",
                "-Ddriftwatch.kafka.properties.\"session.timeout.ms\"=6000",
                "-Ddriftwatch.kafka.properties.\"heartbeat.interval.ms\"=1000",
                "-Ddriftwatch.engine.shards=2",
                "-Ddriftwatch.baseline.checkpoint-interval=" + checkpointInterval);
    }

    private static KafkaProducer<String, String> producer(KafkaBroker broker) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()));
    }

    /** Each line as each agent's event, keyed by the agent: an agent's events stay on one partition, in order. */
    private static long send(KafkaProducer<String, String> producer, List<String> lines) throws Exception {
        long n = 0;
        for (String line : lines) {
            for (int i = 0; i < AGENTS; i++) {
                String agent = "so-" + i;
                String event = line.startsWith("{\"agentId\":\"%s\"") ? String.format(line, agent)
                        : line.replace("\"agentId\":\"corr-1\"", "\"agentId\":\"" + agent + "\"");
                producer.send(new ProducerRecord<>(EVENTS, agent, event));
                n++;
            }
        }
        producer.flush();
        return n;
    }

    /** Until the instance has read {@code records} records from Kafka (its metrics). */
    private static void awaitRecords(PackagedApp app, long records) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        double read = 0;
        while (Instant.now().isBefore(deadline)) {
            read = 0;
            for (String line : get(app, "/q/metrics").split("\n")) {
                if (line.startsWith("driftwatch_kafka_records_total")) {
                    read += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
            if (read >= records) {
                return;
            }
            Thread.sleep(200); // a child process: nothing to advance
        }
        throw new AssertionError("read " + read + " of " + records + " records in 90 s");
    }

    private static void awaitAlerts(PackagedApp app, int count) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        int seen = 0;
        while (Instant.now().isBefore(deadline)) {
            seen = alerts(app).size();
            if (seen >= count) {
                return;
            }
            Thread.sleep(250); // a child process: nothing to advance
        }
        throw new AssertionError(seen + " of " + count + " alerts in 120 s");
    }

    private static List<Map<String, Object>> alerts(PackagedApp app) throws Exception {
        return JsonPath.from(get(app, "/alerts?limit=1000")).getList("items");
    }

    private static String get(PackagedApp app, String path) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(app.url() + path))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + PackagedApp.ADMIN_TOKEN).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new AssertionError(path + ": " + r.statusCode() + " " + r.body());
        }
        return r.body();
    }

    private static void awaitLogMatching(Path data, String regex) throws Exception {
        java.util.regex.Pattern p = java.util.regex.Pattern.compile(regex);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            if (p.matcher(Files.readString(data.resolve("app.log"))).find()) {
                return;
            }
            Thread.sleep(200); // a child process's log: nothing to advance
        }
        throw new AssertionError("'" + regex + "' not logged within 60 s:\n" + Files.readString(data.resolve("app.log")));
    }

    /** Until the group's committed offsets (written after each checkpoint) reach the end of every events partition. */
    private static void awaitNoLag(KafkaBroker broker) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (int p = 0; p < PARTITIONS; p++) {
                latest.put(new TopicPartition(EVENTS, p), OffsetSpec.latest());
            }
            Map<TopicPartition, Long> ends = new HashMap<>();
            admin.listOffsets(latest).all().get().forEach((tp, info) -> ends.put(tp, info.offset()));
            Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
            Map<TopicPartition, Long> committed = Map.of();
            while (Instant.now().isBefore(deadline)) {
                committed = new HashMap<>();
                for (var e : admin.listConsumerGroupOffsets("driftwatch").partitionsToOffsetAndMetadata().get().entrySet()) {
                    if (e.getValue() != null) {
                        committed.put(e.getKey(), e.getValue().offset());
                    }
                }
                boolean done = true;
                for (var end : ends.entrySet()) {
                    done &= committed.getOrDefault(end.getKey(), -1L) >= end.getValue();
                }
                if (done) {
                    return;
                }
                Thread.sleep(250); // a child process: nothing to advance
            }
            throw new AssertionError("offsets " + committed + " short of " + ends + " after 120 s");
        }
    }
}
