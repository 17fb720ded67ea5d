package io.driftwatch.engine;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready until the engine has restored its checkpoint and replayed the journal: before that, ingest is 503. */
@Readiness
@ApplicationScoped
public class EngineReadiness implements HealthCheck {

    private final EngineLifecycle lifecycle;

    public EngineReadiness(EngineLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("engine").status(lifecycle.accepting())
                .withData("state", lifecycle.accepting() ? "accepting events" : "restoring and replaying the journal")
                .build();
    }
}
