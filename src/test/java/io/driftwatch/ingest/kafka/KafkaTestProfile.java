package io.driftwatch.ingest.kafka;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** Kafka on, against the broker KafkaBrokerResource starts, with a database of its own. */
public class KafkaTestProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("driftwatch.kafka.enabled", "true",
                "driftwatch.deployments.hmac-key", io.driftwatch.change.DeploymentTestKeys.HMAC_KEY,
                "driftwatch.deployments.retention", "3650d",
                "driftwatch.kafka.group-id", "driftwatch-test",
                "driftwatch.admin-token", "test-admin-token",
                "quarkus.datasource.h2.jdbc.url", "jdbc:h2:mem:kafka-test;DB_CLOSE_DELAY=-1");
    }
}
