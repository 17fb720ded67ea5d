package io.driftwatch.ingest.kafka;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.driftwatch.change.DeploymentRecords;
import io.driftwatch.engine.EngineLifecycle;
import io.driftwatch.rules.RuleManager;
import io.quarkus.scheduler.Scheduled;

/**
 * Scale-out: what one instance changes in the shared database (a rule version activated through its API, a
 * deployment record it received) reaches every other instance's engine within the follow interval.
 */
@ApplicationScoped
public class FollowOtherInstances {

    private static final Logger LOG = Logger.getLogger(FollowOtherInstances.class);

    private final EngineLifecycle lifecycle;
    private final RuleManager rules;
    private final DeploymentRecords deployments;

    public FollowOtherInstances(EngineLifecycle lifecycle, RuleManager rules, DeploymentRecords deployments) {
        this.lifecycle = lifecycle;
        this.rules = rules;
        this.deployments = deployments;
    }

    @Scheduled(every = "${driftwatch.kafka.scale-out.follow-interval:2s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void follow() {
        if (!lifecycle.sharesAgents() || !lifecycle.accepting()) {
            return;
        }
        try {
            rules.follow();
        } catch (RuntimeException e) {
            LOG.errorf("rules: the newest version recorded by another instance could not be activated here: %s",
                    e.getMessage());
        }
        try {
            deployments.follow();
        } catch (RuntimeException e) {
            LOG.errorf("deployment records appended by another instance could not be read: %s", e.getMessage());
        }
    }
}
