package io.driftwatch.ingest.kafka;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;

import io.driftwatch.ingest.ReadResult;

/**
 * The dead-letter topic: every record that cannot be read or validated goes there whole, with why and where it
 * came from in headers. Sends are awaited before the batch they belong to moves on, so a record's offset is never
 * committed before it is either processed or set aside.
 */
final class DeadLetters {

    static final String REASON = "driftwatch.reason";
    static final String TOPIC = "driftwatch.original.topic";
    static final String PARTITION = "driftwatch.original.partition";
    static final String OFFSET = "driftwatch.original.offset";

    private final Producer<byte[], byte[]> producer;
    private final String topic;
    private final List<Future<RecordMetadata>> pending = new ArrayList<>();

    DeadLetters(Producer<byte[], byte[]> producer, String topic) {
        this.producer = producer;
        this.topic = topic;
    }

    /** Sets the record aside with its problems, one per line as {@code [index] field: reason}. */
    void send(ConsumerRecord<byte[], byte[]> record, List<ReadResult.Rejection> problems) {
        StringBuilder reason = new StringBuilder();
        for (ReadResult.Rejection r : problems) {
            if (!reason.isEmpty()) {
                reason.append('\n');
            }
            reason.append('[').append(r.index()).append("] ");
            if (r.field() != null && !r.field().isEmpty()) {
                reason.append(r.field()).append(": ");
            }
            reason.append(r.reason());
        }
        RecordHeaders headers = new RecordHeaders(record.headers().toArray());
        headers.add(REASON, utf8(reason.toString()));
        headers.add(TOPIC, utf8(record.topic()));
        headers.add(PARTITION, utf8(String.valueOf(record.partition())));
        headers.add(OFFSET, utf8(String.valueOf(record.offset())));
        pending.add(producer.send(new ProducerRecord<>(topic, null, record.key(), record.value(), headers)));
    }

    /** Waits until every record set aside since the last call is stored by the broker. */
    void awaitSent() {
        try {
            for (Future<RecordMetadata> f : pending) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while setting records aside", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a record could not be set aside in " + topic + ": " + e.getCause(), e);
        } finally {
            pending.clear();
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
