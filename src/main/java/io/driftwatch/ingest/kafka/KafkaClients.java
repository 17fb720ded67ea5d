package io.driftwatch.ingest.kafka;

import java.util.Properties;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import io.driftwatch.config.DriftwatchConfig;

/** Client settings every Kafka client of the service shares: the brokers, and whatever the operator added (TLS, SASL). */
public final class KafkaClients {

    private KafkaClients() {
    }

    public static Properties common(DriftwatchConfig config) {
        Properties p = new Properties();
        p.putAll(config.kafka().properties());
        p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, config.kafka().bootstrapServers());
        return p;
    }

    /** Bytes in, bytes out; every send acknowledged by all in-sync replicas, never duplicated by a retry. */
    public static Properties producer(DriftwatchConfig config) {
        Properties p = common(config);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return p;
    }
}
