package io.driftwatch.ingest.kafka;

import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.driftwatch.config.DriftwatchConfig;

/** With Kafka on: ready while the intake runs and the brokers answer. */
@Readiness
@ApplicationScoped
public class KafkaReadiness implements HealthCheck {

    private final DriftwatchConfig config;
    private final KafkaIntake intake;
    private Admin admin;

    public KafkaReadiness(DriftwatchConfig config, KafkaIntake intake) {
        this.config = config;
        this.intake = intake;
    }

    @Override
    public HealthCheckResponse call() {
        if (!config.kafka().enabled()) {
            return HealthCheckResponse.named("kafka").up().withData("enabled", false).build();
        }
        try {
            int brokers = admin().describeCluster(new DescribeClusterOptions().timeoutMs(2000)).nodes()
                    .get(3, TimeUnit.SECONDS).size();
            return HealthCheckResponse.named("kafka").status(intake.running())
                    .withData("brokers", brokers).withData("intake", intake.running() ? "reading" : "stopped").build();
        } catch (Exception e) {
            return HealthCheckResponse.named("kafka").down().withData("error", String.valueOf(e.getMessage())).build();
        }
    }

    @jakarta.annotation.PreDestroy
    synchronized void close() {
        if (admin != null) {
            admin.close();
        }
    }

    private synchronized Admin admin() {
        if (admin == null) {
            admin = Admin.create(KafkaClients.common(config));
        }
        return admin;
    }
}
