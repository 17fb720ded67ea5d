package io.driftwatch.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.logging.Level;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Utils;
import org.jboss.logmanager.LogContext;
import org.jboss.logmanager.Logger;

import io.smallrye.reactive.messaging.kafka.companion.test.EmbeddedKafkaBroker;

/**
 * A one-node KRaft Kafka broker inside the test JVM (no Docker), on free ports, with its data in a temporary
 * directory under {@code java.io.tmpdir} (target/ in Maven). {@link #stop()} keeps the ports and the data, so
 * {@link #start()} after it is a broker restart with its topics, records and committed offsets intact;
 * {@link #close()} stops the broker and deletes the data. Topics are never created on first use: create them with
 * {@link #createTopic}.
 */
public final class KafkaBroker implements AutoCloseable {

    /** The broker and the Kafka clients log through JBoss LogManager (slf4j, log4j-api); at INFO they flood the build. */
    private static final List<Logger> QUIET = List.of(quiet("kafka"), quiet("org.apache.kafka"),
            quiet("state.change.logger"), quiet("io.smallrye.reactive.messaging.kafka.companion"));

    private final String clusterId;
    private final Path logDir;
    private final int port;
    private final int controllerPort;
    private EmbeddedKafkaBroker broker;

    /** On free ports, with its data in a new temporary directory. */
    public KafkaBroker() {
        this(temporaryDirectory(), freePort(), freePort(), Uuid.randomUuid().toString());
    }

    /** On the given ports, with its data (formatted for {@code clusterId}) in {@code logDir}. */
    public KafkaBroker(Path logDir, int port, int controllerPort, String clusterId) {
        this.logDir = logDir;
        this.port = port;
        this.controllerPort = controllerPort;
        this.clusterId = clusterId;
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("kafka-broker-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the broker's log directory", e);
        }
    }

    /** Starts the broker, or starts it again on the same port and data after {@link #stop()}. */
    public synchronized KafkaBroker start() {
        if (broker == null) {
            broker = new EmbeddedKafkaBroker()
                    .withClusterId(clusterId)
                    .withKafkaPort(port)
                    .withControllerPort(controllerPort)
                    .withDeleteLogDirsOnClose(false)
                    .withAdditionalProperties(config -> config.putAll(Map.of(
                            "log.dir", logDir.toString(),
                            "auto.create.topics.enable", "false",
                            "offsets.topic.replication.factor", "1",
                            "transaction.state.log.replication.factor", "1",
                            "transaction.state.log.min.isr", "1",
                            "share.coordinator.state.topic.replication.factor", "1",
                            "share.coordinator.state.topic.min.isr", "1",
                            "group.initial.rebalance.delay.ms", "0",
                            // the companion turns it off; then the restarted broker is refused as a duplicate
                            // registration until the old one's session times out (broker.session.timeout.ms, 9 s)
                            "controlled.shutdown.enable", "true")))
                    .start();
        }
        return this;
    }

    /** Shuts the broker down cleanly; its port, topics, records and committed offsets stay for the next start. */
    public synchronized void stop() {
        if (broker != null) {
            broker.close();
            broker = null;
        }
    }

    public void restart() {
        stop();
        start();
    }

    public synchronized boolean isRunning() {
        return broker != null;
    }

    /** The same address before and after a restart. */
    public String bootstrapServers() {
        return "localhost:" + port;
    }

    public void createTopic(String name, int partitions) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot create topic " + name, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topic " + name, e);
        }
    }

    /** Stops the broker and deletes its data. */
    @Override
    public void close() {
        stop();
        try {
            Utils.delete(logDir.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port for the broker", e);
        }
    }

    private static Logger quiet(String category) {
        Logger logger = LogContext.getLogContext().getLogger(category);
        logger.setLevel(Level.WARNING);
        return logger;
    }
}
