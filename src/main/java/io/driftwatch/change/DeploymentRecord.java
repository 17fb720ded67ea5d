package io.driftwatch.change;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.driftwatch.event.Deployment;

/**
 * A deployment record as CI/CD posted it (read back from its stored body): what was released where, by whom,
 * when, and what the release is expected to change.
 *
 * @param id   as the body gives it; null when the body has none (the stored id is then derived from the body)
 * @param workload the workload released ({@code Deployment/shop/web}), for people: the rules read {@code expects}
 */
public record DeploymentRecord(String id, String service, String workload, Scope scope, String commit,
                               List<Image> images, Pipeline pipeline, String actor, Instant startedAt,
                               Instant finishedAt, Expects expects) {

    /** Where the release went; at least one part is set. */
    public record Scope(List<String> agents, List<String> groups, String cluster, String namespace, String account) {
    }

    /** @param digest {@code sha256:<64 lower-case hex>} */
    public record Image(String name, String digest) {
    }

    /** The CI pipeline that released it: its name selects the Ed25519 key. */
    public record Pipeline(String name, String runId, String url) {
    }

    /** Behaviour the release is expected to cause; module hashes lower-cased. */
    public record Expects(List<String> lineages, List<String> moduleHashes, List<String> destinations,
                          List<String> configObjects) {

        static final Expects NONE = new Expects(List.of(), List.of(), List.of(), List.of());
    }

    /** The engine's view of the record, stored under {@code storedId}. */
    public Deployment toFact(String storedId) {
        return toFact(storedId, Deployment.DEFAULT_WINDOW_MILLIS);
    }

    /** The engine's view of the record, explaining what happens until {@code windowMillis} after it finished. */
    public Deployment toFact(String storedId, long windowMillis) {
        List<String> digests = new ArrayList<>();
        for (Image i : images) {
            digests.add(i.digest());
        }
        Expects e = expects == null ? Expects.NONE : expects;
        String run = pipeline.runId() != null ? pipeline.runId() : pipeline.url();
        return new Deployment(storedId, service, Set.copyOf(scope.agents()), Set.copyOf(scope.groups()), scope.cluster(),
                scope.namespace(), scope.account(), Set.copyOf(digests), Set.copyOf(e.lineages()),
                Set.copyOf(e.moduleHashes()), Set.copyOf(e.destinations()), Set.copyOf(e.configObjects()), commit, run,
                actor, startedAt.toEpochMilli(), finishedAt.toEpochMilli(), windowMillis);
    }
}
