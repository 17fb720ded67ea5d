package io.driftwatch.ingest.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.jboss.logging.Logger;

import io.driftwatch.change.DeploymentRecords;
import io.driftwatch.config.DriftwatchConfig;
import io.driftwatch.engine.BatchResult;
import io.driftwatch.engine.EngineLifecycle;
import io.driftwatch.engine.EngineSaturatedException;
import io.driftwatch.event.Event;
import io.driftwatch.ingest.Ingestion;
import io.driftwatch.ingest.ReadResult;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Production ingestion: one consumer in the group {@code driftwatch.kafka.group-id} reads the event topics in
 * batches, sets aside what cannot be read ({@link DeadLetters}), and hands the rest to the engine.
 *
 * <p>Kafka keeps the records, so they are not journaled again. Instead every checkpoint records, per partition,
 * where reading resumes, in the same transaction as the state it covers; a restart (or a partition moving here)
 * seeks there. Records after the checkpoint are read again and meet the state they first met, and the alerts
 * they already raised are recognised by their offsets: at-least-once delivery, no alert counted twice. Offsets
 * are also committed to Kafka after each checkpoint, for lag monitoring; the database is what a restart trusts.
 */
@ApplicationScoped
public class KafkaIntake {

    private static final Logger LOG = Logger.getLogger(KafkaIntake.class);
    private static final long SATURATED_WAIT_MILLIS = 1000;

    private final DriftwatchConfig config;
    private final EngineLifecycle lifecycle;
    private final Ingestion ingestion;
    private final MeterRegistry metrics;
    private final ConcurrentLinkedQueue<Map<String, Long>> checkpointed = new ConcurrentLinkedQueue<>();
    private volatile boolean running;
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private final EventTimeAlignment alignment;
    private final KafkaDeployments deployments;

    /** An event read from a record, with where the record sits. */
    private record Read(Event event, String source, long offset) {
    }
    private Thread thread;

    public KafkaIntake(DriftwatchConfig config, EngineLifecycle lifecycle, Ingestion ingestion, MeterRegistry metrics,
                       DeploymentRecords records) {
        this.deployments = new KafkaDeployments(records);
        this.config = config;
        this.lifecycle = lifecycle;
        this.ingestion = ingestion;
        this.metrics = metrics;
        this.alignment = new EventTimeAlignment(config.engine().allowedLateness().toMillis());
    }

    /** After the engine replayed its journal and opened ingestion. */
    void start(@Observes @Priority(Interceptor.Priority.APPLICATION + 3000) StartupEvent ignored) {
        if (!config.kafka().enabled()) {
            return;
        }
        lifecycle.onCheckpoint(checkpointed::add);
        running = true;
        thread = new Thread(this::run, "driftwatch-kafka");
        thread.start();
        LOG.infof("Kafka intake started: %s, group %s, topics %s", config.kafka().bootstrapServers(),
                config.kafka().groupId(), topics());
    }

    /** Before the engine's shutdown checkpoint, so that checkpoint covers everything read. */
    void stop(@Observes @Priority(Interceptor.Priority.APPLICATION) ShutdownEvent ignored) {
        if (!running) {
            return;
        }
        running = false;
        KafkaConsumer<byte[], byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        try {
            thread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether the consumer loop runs (readiness). */
    public boolean running() {
        return running && thread != null && thread.isAlive();
    }

    /** Source name of a partition's positions, in checkpoints and on alerts. */
    static String source(String topic, int partition) {
        return "kafka:" + topic + "-" + partition;
    }

    private List<String> topics() {
        DriftwatchConfig.Kafka.Topics t = config.kafka().topics();
        return List.of(t.events(), t.k8sAudit(), t.cloudtrail(), t.deployments());
    }

    private void run() {
        KafkaRecords reader = new KafkaRecords(config, ingestion.limits());
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(consumerProperties());
             KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(KafkaClients.producer(config))) {
            consumer = c;
            DeadLetters dead = new DeadLetters(producer, config.kafka().topics().deadLetter());
            c.subscribe(topics(), new SeekToCheckpoint(c));
            while (running) {
                ConsumerRecords<byte[], byte[]> records;
                try {
                    records = c.poll(Duration.ofMillis(500));
                } catch (WakeupException stopping) {
                    break;
                }
                commitCheckpointed(c);
                if (!records.isEmpty()) {
                    handle(c, records, reader, dead);
                }
                alignment.align(c);
            }
        } catch (RuntimeException e) {
            LOG.errorf(e, "the Kafka intake stopped: %s", e.getMessage());
        } finally {
            consumer = null;
            running = false;
        }
    }

    private void handle(KafkaConsumer<byte[], byte[]> c, ConsumerRecords<byte[], byte[]> records, KafkaRecords reader,
                        DeadLetters dead) {
        Map<TopicPartition, List<EventTimeAlignment.Part<Read>>> runs = new HashMap<>();
        Map<String, Long> next = new HashMap<>();
        for (TopicPartition partition : records.partitions()) {
            String source = source(partition.topic(), partition.partition());
            List<ConsumerRecord<byte[], byte[]>> read = records.records(partition);
            boolean deploymentRecords = partition.topic().equals(config.kafka().topics().deployments());
            List<EventTimeAlignment.Part<Read>> run = new ArrayList<>(read.size());
            int setAside = 0;
            for (ConsumerRecord<byte[], byte[]> record : read) {
                if (deploymentRecords) {
                    deployments.accept(record, dead);
                    continue;
                }
                ReadResult result = reader.read(record);
                if (!result.rejections().isEmpty()) {
                    dead.send(record, result.rejections());
                    setAside++;
                }
                for (ReadResult.Indexed i : result.events()) {
                    run.add(new EventTimeAlignment.Part<>(partition, i.event().timeMillis(),
                            new Read(i.event(), source, record.offset())));
                }
            }
            runs.put(partition, run);
            next.put(source, read.get(read.size() - 1).offset() + 1);
            metrics.counter("driftwatch.kafka.records", "topic", partition.topic()).increment(read.size());
            if (setAside > 0) {
                metrics.counter("driftwatch.kafka.dead.letters", "topic", partition.topic()).increment(setAside);
            }
        }
        List<Event> events = new ArrayList<>(records.count());
        KafkaPositions positions = new KafkaPositions(records.count());
        for (Read r : alignment.merge(runs)) {
            events.add(r.event());
            positions.add(r.source(), r.offset());
        }
        try {
            dead.awaitSent();
        } catch (IllegalStateException e) {
            LOG.errorf("%s; the batch is read again", e.getMessage());
            rewind(c, records);
            return;
        }
        while (running) {
            try {
                CompletableFuture<BatchResult> done = lifecycle.submitFromLog(events, positions, next, SATURATED_WAIT_MILLIS);
                done.whenComplete((r, failed) -> {
                    if (failed != null) {
                        metrics.counter("driftwatch.kafka.failed.batches").increment();
                        LOG.errorf(failed, "a batch of %d events from Kafka failed in the engine", events.size());
                    }
                });
                return;
            } catch (EngineSaturatedException full) {
                // the engine's queues are full: wait here; Kafka keeps the records meanwhile
            }
        }
        rewind(c, records); // stopping: what was not handed on is read again at the next start
    }

    /** Reads the batch again from its first record in each partition. */
    private static void rewind(KafkaConsumer<byte[], byte[]> c, ConsumerRecords<byte[], byte[]> records) {
        for (TopicPartition p : records.partitions()) {
            c.seek(p, records.records(p).get(0).offset());
        }
    }

    /** Commits what the newest written checkpoint covers, for the partitions this instance still reads. */
    private void commitCheckpointed(KafkaConsumer<byte[], byte[]> c) {
        Map<String, Long> latest = null;
        for (Map<String, Long> m = checkpointed.poll(); m != null; m = checkpointed.poll()) {
            latest = m;
        }
        if (latest == null) {
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition p : c.assignment()) {
            Long position = latest.get(source(p.topic(), p.partition()));
            if (position != null) {
                offsets.put(p, new OffsetAndMetadata(position));
            }
        }
        if (!offsets.isEmpty()) {
            c.commitAsync(offsets, (committed, failed) -> {
                if (failed != null) {
                    LOG.warnf("consumer offsets not committed (lag monitoring only; restarts use the checkpoint): %s",
                            failed.getMessage());
                }
            });
        }
    }

    /** A partition assigned here resumes where the last checkpoint left it, not where Kafka's offset says. */
    private final class SeekToCheckpoint implements ConsumerRebalanceListener {
        private final KafkaConsumer<byte[], byte[]> c;

        SeekToCheckpoint(KafkaConsumer<byte[], byte[]> c) {
            this.c = c;
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            Map<String, Long> positions = lifecycle.logPositions();
            for (TopicPartition p : partitions) {
                Long position = positions.get(source(p.topic(), p.partition()));
                if (position != null) {
                    c.seek(p, position);
                }
            }
            LOG.infof("Kafka partitions assigned: %s", partitions);
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            LOG.infof("Kafka partitions revoked: %s", partitions);
            if (lifecycle.sharesAgents() && !partitions.isEmpty()) {
                try {
                    lifecycle.handOver(sources(partitions));
                } catch (RuntimeException e) {
                    // the next owner starts from the previous checkpoint and reads the rest again; what this
                    // instance holds of those agents must go either way
                    LOG.errorf(e, "handing over %s failed: %s; dropping their agents instead", partitions, e.getMessage());
                    lifecycle.drop(sources(partitions));
                }
            }
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            LOG.warnf("Kafka partitions lost: %s", partitions);
            if (lifecycle.sharesAgents() && !partitions.isEmpty()) {
                lifecycle.drop(sources(partitions));
            }
        }
    }

    private static java.util.Set<String> sources(Collection<TopicPartition> partitions) {
        java.util.Set<String> out = new java.util.HashSet<>();
        for (TopicPartition p : partitions) {
            out.add(source(p.topic(), p.partition()));
        }
        return out;
    }

    private Properties consumerProperties() {
        Properties p = KafkaClients.common(config);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, config.kafka().groupId());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, String.valueOf(config.kafka().maxPollRecords()));
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, String.valueOf(8 * 1024 * 1024));
        p.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, String.valueOf(64 * 1024 * 1024));
        p.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, "600000"); // a full engine may hold a batch for a while
        if (lifecycle.sharesAgents()) {
            // partition i of every topic to the same instance: an agent keyed alike on each topic stays on one
            p.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
                    org.apache.kafka.clients.consumer.RangeAssignor.class.getName());
        }
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return p;
    }

}
