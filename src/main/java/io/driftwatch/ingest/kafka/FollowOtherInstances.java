package io.driftwatch.ingest.kafka;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.driftwatch.change.DeploymentRecords;
import io.driftwatch.engine.EngineLifecycle;
import io.driftwatch.exception.ExceptionService;
import io.driftwatch.rules.RuleManager;
import io.quarkus.scheduler.Scheduled;

/**
 * Scale-out: what one instance changes in the shared database (a rule version activated through its API, a
 * deployment record it received, an exception) reaches every other instance's engine within the follow interval.
 */
@ApplicationScoped
public class FollowOtherInstances {

    private static final Logger LOG = Logger.getLogger(FollowOtherInstances.class);

    private final EngineLifecycle lifecycle;
    private final RuleManager rules;
    private final DeploymentRecords deployments;
    private final ExceptionService exceptions;

    public FollowOtherInstances(EngineLifecycle lifecycle, RuleManager rules, DeploymentRecords deployments,
                                ExceptionService exceptions) {
        this.exceptions = exceptions;
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
        attempt(rules::follow, "rules: the newest version recorded by another instance could not be activated here");
        attempt(deployments::follow, "deployment records appended by another instance could not be read");
        attempt(exceptions::follow, "exceptions changed by another instance could not be read");
    }

    /** One failing part must not keep the others from following. */
    private static void attempt(Runnable follow, String failure) {
        try {
            follow.run();
        } catch (RuntimeException e) {
            LOG.errorf("%s: %s", failure, e.getMessage());
        }
    }
}
