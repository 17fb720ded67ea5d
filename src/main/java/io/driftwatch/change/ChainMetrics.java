package io.driftwatch.change;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;

/** Whether deployment records may suppress right now: alert on 0, because suppression is off. */
@ApplicationScoped
@Startup
public class ChainMetrics {

    public ChainMetrics(MeterRegistry registry, DeploymentRecords records) {
        Gauge.builder("driftwatch.deployments.chain.accepted", records, r -> {
                    ChainVerification v = r.lastVerification();
                    return v == null ? Double.NaN : v.accepted() ? 1 : 0;
                })
                .description("1 when the deployment record chain verified (or every break is acknowledged), 0 when "
                        + "suppression is off because it did not")
                .register(registry);
        Gauge.builder("driftwatch.deployments.records", records, r -> {
                    ChainVerification v = r.lastVerification();
                    return v == null ? Double.NaN : v.records();
                })
                .description("deployment records in the chain at the last verification").register(registry);
    }
}
