package io.driftwatch.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * The in-JVM broker behaves like a real one for what the service relies on: keyed records land on one partition per
 * key, a consumer group commits its offsets, and after a broker restart the records and the commits are still there.
 */
class KafkaBrokerTest {

    static final String TOPIC = "events";
    static final int PARTITIONS = 4;
    static final int RECORDS = 10_000;
    static final int AGENTS = 100;
    static final Duration PATIENCE = Duration.ofSeconds(30);

    @Test
    void recordsAndCommittedOffsetsSurviveABrokerRestart() throws Exception {
        try (KafkaBroker broker = new KafkaBroker()) {
            long started = System.nanoTime();
            broker.start();
            System.out.printf("KafkaBrokerTest: broker started in %d ms%n", millisSince(started));
            broker.createTopic(TOPIC, PARTITIONS);
            produce(broker);

            List<ConsumerRecord<String, String>> firstRead = consumeAll(broker, "detector");
            assertEquals(RECORDS, values(firstRead).size());
            Map<String, Set<Integer>> partitionsByAgent = firstRead.stream().collect(Collectors.groupingBy(
                    ConsumerRecord::key, Collectors.mapping(ConsumerRecord::partition, Collectors.toSet())));
            assertEquals(AGENTS, partitionsByAgent.size());
            assertTrue(partitionsByAgent.values().stream().allMatch(partitions -> partitions.size() == 1),
                    "all records of an agent on one partition");
            assertEquals(PARTITIONS, firstRead.stream().map(ConsumerRecord::partition).distinct().count());

            String address = broker.bootstrapServers();
            started = System.nanoTime();
            broker.restart();
            System.out.printf("KafkaBrokerTest: broker stopped and started again in %d ms%n", millisSince(started));
            assertEquals(address, broker.bootstrapServers());

            assertNothingNewFor(broker, "detector");
            List<ConsumerRecord<String, String>> reread = consumeAll(broker, "replay");
            assertEquals(RECORDS, reread.size());
            assertEquals(values(firstRead), values(reread));
        }
    }

    static void produce(KafkaBroker broker) throws Exception {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 5);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
                new StringSerializer())) {
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            for (int i = 0; i < RECORDS; i++) {
                sent.add(producer.send(new ProducerRecord<>(TOPIC, "agent-" + i % AGENTS, "event-" + i)));
            }
            producer.flush();
            for (Future<RecordMetadata> result : sent) {
                result.get();
            }
        }
    }

    /** Reads the topic in the group until every record has come, committing after each poll. */
    static List<ConsumerRecord<String, String>> consumeAll(KafkaBroker broker, String group) {
        List<ConsumerRecord<String, String>> read = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = consumer(broker, group)) {
            consumer.subscribe(List.of(TOPIC));
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (read.size() < RECORDS && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(read::add);
                consumer.commitSync();
            }
        }
        return read;
    }

    /** A new member of the group starts at the group's committed offsets, which are the ends of the partitions. */
    static void assertNothingNewFor(KafkaBroker broker, String group) {
        try (KafkaConsumer<String, String> consumer = consumer(broker, group)) {
            consumer.subscribe(List.of(TOPIC));
            int received = 0;
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (consumer.assignment().size() < PARTITIONS && System.nanoTime() < deadline) {
                received += consumer.poll(Duration.ofMillis(200)).count();
            }
            Set<TopicPartition> partitions = consumer.assignment();
            assertEquals(PARTITIONS, partitions.size());
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            Map<TopicPartition, Long> positions = new HashMap<>();
            partitions.forEach(partition -> positions.put(partition, consumer.position(partition)));
            Map<TopicPartition, Long> committed = new HashMap<>();
            consumer.committed(partitions).forEach((partition, offset) -> committed.put(partition, offset.offset()));
            received += consumer.poll(Duration.ofMillis(200)).count();

            assertEquals(RECORDS, ends.values().stream().mapToLong(Long::longValue).sum());
            assertEquals(ends, committed);
            assertEquals(ends, positions);
            assertEquals(0, received);
        }
    }

    static KafkaConsumer<String, String> consumer(KafkaBroker broker, String group) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
    }

    static Set<String> values(List<ConsumerRecord<String, String>> records) {
        return records.stream().map(ConsumerRecord::value).collect(Collectors.toSet());
    }

    static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }
}
