package io.driftwatch.ingest.kafka;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import io.driftwatch.api.ProblemException;
import io.driftwatch.change.DeploymentRecords;
import io.driftwatch.change.RecordSignatures;
import io.driftwatch.ingest.ReadResult;

/**
 * Deployment records over Kafka: the same signed body as {@code POST /deployments}, its signature in the record
 * header the HTTP request would carry. Stored as over REST, at once; one read again after a restart is already in
 * the chain and is passed over; one refused (unsigned, wrongly signed, invalid) goes to the dead-letter topic.
 */
final class KafkaDeployments {

    private final DeploymentRecords records;

    KafkaDeployments(DeploymentRecords records) {
        this.records = records;
    }

    void accept(ConsumerRecord<byte[], byte[]> record, DeadLetters dead) {
        Header signature = record.headers().lastHeader(RecordSignatures.HEADER);
        try {
            records.accept(record.value() == null ? new byte[0] : record.value(),
                    signature == null ? null : new String(signature.value(), StandardCharsets.UTF_8));
        } catch (ProblemException refused) {
            if (refused.problem().status() == 409 && records.holds(record.value())) {
                return; // read again after a restart: the chain has this very record
            }
            dead.send(record, List.of(new ReadResult.Rejection(0, null, "", refused.problem().status() + " "
                    + refused.problem().detail())));
        }
    }
}
