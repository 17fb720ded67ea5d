package io.driftwatch.event;

import java.util.Set;

/**
 * A verified deployment record from CI/CD, as enrichment rules see it: what was released where, when, and what
 * it is expected to change. Only records whose signature and chain verified are facts; while the chain is
 * broken there are none, so nothing is explained and nothing suppressed.
 *
 * @param id            the record's id
 * @param service       the service or workload released
 * @param agents        agent ids in scope
 * @param groups        agent groups in scope (rules/allowlists groups)
 * @param cluster       cluster in scope (the agent id of its configuration), or null
 * @param namespace     namespace within the cluster, or null for all
 * @param account       cloud account in scope (its agent is {@code aws-<account>}), or null
 * @param imageDigests  digests of the images released ({@code sha256:...})
 * @param lineages      process lineages the release is expected to start ({@code parent -> child})
 * @param moduleHashes  module sha256 the release is expected to load; empty: not declared
 * @param destinations  destinations it is expected to reach (domain, or IPv4 /24 and IPv6 /64 as baselines key them)
 * @param configObjects configuration objects it is expected to change ({@code Kind/id}, e.g. {@code Deployment/shop/web})
 * @param windowMillis  how long after it finished the release still explains what happens
 *                      ({@code driftwatch.deployments.correlation-window})
 */
public record Deployment(String id, String service, Set<String> agents, Set<String> groups, String cluster,
                         String namespace, String account, Set<String> imageDigests, Set<String> lineages,
                         Set<String> moduleHashes, Set<String> destinations, Set<String> configObjects, String commit,
                         String pipelineRun, String actor, long startedAt, long finishedAt, long windowMillis) {

    /** The correlation window when no configuration says otherwise. */
    public static final long DEFAULT_WINDOW_MILLIS = 30 * 60_000L;

    public Deployment {
        agents = Set.copyOf(agents);
        groups = Set.copyOf(groups);
        imageDigests = Set.copyOf(imageDigests);
        lineages = Set.copyOf(lineages);
        moduleHashes = Set.copyOf(moduleHashes);
        destinations = Set.copyOf(destinations);
        configObjects = Set.copyOf(configObjects);
    }

    /** From its start until the correlation window after it finished: when a release explains what happens. */
    public boolean activeAt(long time) {
        return startedAt <= time && time <= finishedAt + windowMillis;
    }

    /** As {@link #activeAt(long)}, with a window of the rule's own, in minutes. */
    public boolean activeAt(long time, int minutes) {
        return startedAt <= time && time <= finishedAt + minutes * 60_000L;
    }

    /** Whether an agent (with its groups) is in the record's scope: listed, in a listed group, or the cluster or account. */
    public boolean covers(String agentId, Set<String> agentGroups) {
        if (agents.contains(agentId) || agentId.equals(cluster) || (account != null && agentId.equals("aws-" + account))) {
            return true;
        }
        for (String g : agentGroups) {
            if (groups.contains(g)) {
                return true;
            }
        }
        return false;
    }

    /** The drift is on a cluster or account the record targets, and within its namespace when it names one. */
    public boolean covers(ConfigDrift d) {
        if (d.getAgentId().equals(cluster)) {
            return namespace == null || namespace.equals(d.getNamespace())
                    || ("Namespace".equals(d.getObjectKind()) && namespace.equals(d.getObjectId()));
        }
        return account != null && d.getAgentId().equals("aws-" + account) || agents.contains(d.getAgentId());
    }

    /** The novelty's process runs in a container of an image this release deployed. */
    public boolean runsReleasedImage(Novelty n) {
        Event.Container c = n.getEvent().container();
        return c != null && c.imageDigest() != null && imageDigests.contains(c.imageDigest());
    }

    /** The record names the behaviour among what the release is expected to change. */
    public boolean declares(Novelty n) {
        return switch (n.getKind()) {
            case LINEAGE -> lineages.contains(n.getKey());
            case MODULE -> n.getEvent().module() != null && moduleHashes.contains(n.getEvent().module().sha256());
            case DESTINATION -> destinations.contains(n.getKey());
            case API_OPERATION -> false;
        };
    }

    /** The record declares the modules its images load, so any other module is not explained by it. */
    public boolean declaresModules() {
        return !moduleHashes.isEmpty();
    }

    /**
     * The drift is what this release does: the object is one it declares changing, or the drifting setting is a
     * container image the release deployed.
     */
    public boolean explains(ConfigDrift d) {
        if (configObjects.contains(d.getObjectKind() + "/" + d.getObjectId())) {
            return true;
        }
        String digest = d.text("digest");
        return "image".equals(d.getAspect()) && digest != null && imageDigests.contains(digest);
    }
}
