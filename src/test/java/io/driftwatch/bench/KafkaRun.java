package io.driftwatch.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import io.driftwatch.event.Event;

/**
 * The workload through Kafka: first every event produced as one record (key = agentId) to the events topic of a
 * local broker, then the packaged service started against it, measured from its first processed event to its
 * last ({@code driftwatch_shard_processed_events}): the rate a consumer group member reads, judges and stores at.
 */
final class KafkaRun {

    private final Workload workload;
    private final String bootstrapServers;
    private final String topic;
    private final PrintStream out;
    private final HttpClient client = HttpClient.newHttpClient();

    KafkaRun(Workload workload, String bootstrapServers, String topic, PrintStream out) {
        this.workload = workload;
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
        this.out = out;
    }

    /** Produces the whole workload; returns how many events. */
    long produce() throws Exception {
        long sent = 0;
        long t0 = System.nanoTime();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.LINGER_MS_CONFIG, "20",
                ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(512 * 1024),
                ProducerConfig.BUFFER_MEMORY_CONFIG, String.valueOf(256L * 1024 * 1024),
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()))) {
            for (int d = 0; d < workload.days(); d++) {
                List<Event> events = workload.events(d);
                NdjsonDay day = workload.ndjson(d);
                for (int i = 0; i < day.lines(); i++) {
                    byte[] key = events.get(i).agentId().getBytes(java.nio.charset.StandardCharsets.UTF_8);
                    producer.send(new ProducerRecord<>(topic, key, day.slice(i, i + 1)));
                }
                sent += day.lines();
                out.printf("   day %d produced: %,d events in total, %.1f s since the first%n", d + 1, sent,
                        (System.nanoTime() - t0) / 1e9);
            }
        }
        double produced = (System.nanoTime() - t0) / 1e9;
        out.printf("   produced %,d events in %.1f s (%,.0f events/s into the broker)%n", sent, produced, sent / produced);
        return sent;
    }

    /** Waits until the service at {@code base} processed {@code sent} events; returns nanoseconds from its first. */
    long awaitProcessed(URI base, long sent) throws Exception {
        long t0 = -1;
        long last = -1;
        long stalledSince = System.nanoTime();
        while (true) {
            long now = processed(base);
            if (t0 < 0 && now > 0) {
                t0 = System.nanoTime();
            }
            if (now >= sent) {
                break;
            }
            if (now != last) {
                last = now;
                stalledSince = System.nanoTime();
            } else if (System.nanoTime() - stalledSince > Duration.ofSeconds(60).toNanos()) {
                out.printf("   WARNING: the service stopped at %,d of %,d events%n", now, sent);
                break;
            }
            Thread.sleep(20); // polling a child process's progress: there is no clock to advance here
        }
        return System.nanoTime() - t0;
    }

    AlertCheck alerts(URI base) throws IOException, InterruptedException {
        return HttpRun.alerts(client, base);
    }

    /** Events the service's shards processed or skipped as duplicates, from its Prometheus metrics. */
    private long processed(URI base) throws IOException, InterruptedException {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(base.resolve("/q/metrics")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        long total = 0;
        for (String line : r.body().split("\n")) {
            if (line.startsWith("driftwatch_shard_processed_events{") || line.startsWith("driftwatch_shard_duplicate_events{")) {
                total += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return total;
    }
}
