package io.driftwatch.kafka;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.Uuid;

/**
 * One command for trying Driftwatch with Kafka on a laptop: a standalone KRaft broker on localhost:9092 (its data
 * in {@code data/kafka}, kept between runs), the topics, and the packaged service reading them. Ctrl-C stops both.
 * {@code mvn -q -Plocal-kafka package exec:exec -DskipTests}
 */
public final class LocalKafka {

    static final int PORT = 9092;
    static final int CONTROLLER_PORT = 9093;
    static final List<String> TOPICS = List.of("driftwatch.events", "driftwatch.k8s-audit", "driftwatch.cloudtrail",
            "driftwatch.falco", "driftwatch.tetragon", "driftwatch.sysmon", "driftwatch.deployments", "driftwatch.alerts",
            "driftwatch.dead-letter");

    private LocalKafka() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of("data", "kafka").toAbsolutePath();
        Files.createDirectories(dir);
        Path idFile = dir.resolve("cluster-id");
        if (!Files.exists(idFile)) {
            Files.writeString(idFile, Uuid.randomUuid().toString());
        }
        KafkaBroker broker = new KafkaBroker(dir.resolve("logs"), PORT, CONTROLLER_PORT, Files.readString(idFile).trim())
                .start();
        Runtime.getRuntime().addShutdownHook(new Thread(broker::stop, "local-kafka-stop"));
        try (Admin admin = Admin.create(java.util.Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            java.util.Set<String> existing = admin.listTopics().names().get();
            for (String topic : TOPICS) {
                if (!existing.contains(topic)) {
                    broker.createTopic(topic, topic.endsWith("dead-letter") ? 1 : 8);
                }
            }
        }
        System.out.printf("Kafka broker on %s (data in %s), topics %s%n", broker.bootstrapServers(), dir, TOPICS);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Ddriftwatch.kafka.enabled=true", "-Ddriftwatch.kafka.bootstrap-servers=" + broker.bootstrapServers()));
        command.addAll(List.of(args));
        command.addAll(List.of("-jar", "target/quarkus-app/quarkus-run.jar"));
        Process service = new ProcessBuilder(command).inheritIO().start();
        Runtime.getRuntime().addShutdownHook(new Thread(service::destroy, "local-kafka-service-stop"));
        System.exit(service.waitFor());
    }
}
