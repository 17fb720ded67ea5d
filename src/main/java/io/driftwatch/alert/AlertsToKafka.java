package io.driftwatch.alert;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.jboss.logging.Logger;

import io.driftwatch.config.DriftwatchConfig;
import io.driftwatch.ingest.kafka.KafkaClients;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Publishes alerts to the Kafka alerts topic (key = agentId) from the outbox {@link AlertStore} fills in the same
 * transaction as the alert: the broker gets every alert at least once, in the order they were stored, even across
 * a crash between storing and sending. A consumer deduplicates by alert id and {@code updatedAt}.
 */
@ApplicationScoped
public class AlertsToKafka {

    private static final Logger LOG = Logger.getLogger(AlertsToKafka.class);
    private static final int BATCH = 500;

    private final DriftwatchConfig config;
    private final AlertStore store;
    private volatile boolean running;
    private Thread thread;

    public AlertsToKafka(DriftwatchConfig config, AlertStore store) {
        this.config = config;
        this.store = store;
    }

    void start(@Observes StartupEvent ignored) {
        if (!config.kafka().enabled()) {
            return;
        }
        running = true;
        thread = new Thread(this::run, "driftwatch-alerts-out");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent ignored) {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
    }

    private void run() {
        String topic = config.kafka().topics().alerts();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(KafkaClients.producer(config))) {
            long backoff = 0;
            while (running) {
                try {
                    if (backoff > 0) {
                        Thread.sleep(backoff); // the broker or the database failed: try again, a little later each time
                    }
                    if (publishOnce(producer, topic) == 0) {
                        Thread.sleep(200); // the outbox is a table: looked at a few times a second when idle
                    }
                    backoff = 0;
                } catch (InterruptedException stopping) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (Exception e) {
                    backoff = Math.min(30_000, Math.max(1_000, backoff * 2));
                    LOG.warnf("alerts not published to %s yet (the outbox keeps them; next try in %d s): %s", topic,
                            backoff / 1000, e.getMessage());
                }
            }
        }
    }

    /** Sends the oldest waiting alerts, waits for the broker to have them all, then drops them from the outbox. */
    private int publishOnce(KafkaProducer<byte[], byte[]> producer, String topic) throws Exception {
        List<AlertStore.Outgoing> batch = store.outgoing(BATCH);
        List<Future<RecordMetadata>> sent = new ArrayList<>(batch.size());
        for (AlertStore.Outgoing o : batch) {
            sent.add(producer.send(new ProducerRecord<>(topic, o.agentId().getBytes(StandardCharsets.UTF_8),
                    o.body().getBytes(StandardCharsets.UTF_8))));
        }
        for (Future<RecordMetadata> f : sent) {
            f.get();
        }
        if (!batch.isEmpty()) {
            store.published(batch.get(batch.size() - 1).seq());
        }
        return batch.size();
    }

}
