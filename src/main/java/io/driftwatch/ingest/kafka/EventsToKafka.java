package io.driftwatch.ingest.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.driftwatch.api.Problem;
import io.driftwatch.api.ProblemException;
import io.driftwatch.config.DriftwatchConfig;
import io.driftwatch.event.Event;
import io.quarkus.runtime.ShutdownEvent;

/**
 * Scale-out: events posted over REST go to the events topic (key = agentId) instead of this instance's engine,
 * so they reach the instance that holds their agent, in order with the agent's other events. Acknowledged once
 * the broker has them all.
 */
@ApplicationScoped
public class EventsToKafka {

    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);

    private final DriftwatchConfig config;
    private final ObjectMapper json;
    private volatile KafkaProducer<byte[], byte[]> producer;

    public EventsToKafka(DriftwatchConfig config, ObjectMapper json) {
        this.config = config;
        this.json = json;
    }

    /**
     * Sends the events and waits until the broker acknowledged each.
     *
     * @throws ProblemException 503 when the broker does not acknowledge them in time (the client may resend them:
     *                          events with an id are recognised as duplicates)
     */
    public void send(List<Event> events) {
        KafkaProducer<byte[], byte[]> p = producer();
        String topic = config.kafka().topics().events();
        List<Future<RecordMetadata>> sent = new ArrayList<>(events.size());
        for (Event e : events) {
            sent.add(p.send(new ProducerRecord<>(topic, e.agentId().getBytes(StandardCharsets.UTF_8), encode(e))));
        }
        long deadline = System.nanoTime() + SEND_TIMEOUT.toNanos();
        try {
            for (Future<RecordMetadata> f : sent) {
                f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new ProblemException(Problem.of(503, "Service Unavailable", "the events could not be handed to "
                    + "Kafka topic " + topic + ": " + (e.getCause() == null ? e : e.getCause()).getMessage()),
                    Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProblemException(Problem.of(503, "Service Unavailable", "interrupted while handing the events "
                    + "to Kafka"), Duration.ofSeconds(5));
        }
    }

    private byte[] encode(Event e) {
        try {
            return json.writeValueAsBytes(e);
        } catch (JsonProcessingException x) {
            throw new IllegalStateException("an accepted event could not be written as JSON", x);
        }
    }

    private synchronized KafkaProducer<byte[], byte[]> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(KafkaClients.producer(config));
        }
        return producer;
    }

    void stop(@Observes ShutdownEvent ignored) {
        KafkaProducer<byte[], byte[]> p = producer;
        if (p != null) {
            p.close(Duration.ofSeconds(5));
        }
    }
}
