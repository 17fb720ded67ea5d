package io.driftwatch.event;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One normalized event: the public contract of POST /events. Exactly one of the type-specific parts is set,
 * the one named by {@link #type()}; {@code process} and {@code container} may accompany any type.
 */
public record Event(String id, String agentId, Instant time, EventType type,
                    Process process, Container container, Network network, Module module,
                    Api api, Resource resource, Config config) {

    public long timeMillis() {
        return time.toEpochMilli();
    }

    /** The executable behind the event, or null when the feed did not say. */
    public String exe() {
        return process == null ? null : process.exe();
    }

    public record Process(String exe, List<String> args, Long pid, String user, Parent parent, List<String> ancestry) {
        public String parentExe() {
            return parent == null ? null : parent.exe();
        }
    }

    public record Parent(String exe, Long pid) {}

    public record Container(String id, String image, String imageDigest) {}

    public record Network(String direction, String protocol, String srcIp, Integer srcPort, String dstIp, Integer dstPort,
                          String dstDomain, Long bytesOut, Long bytesIn) {
        public boolean outbound() {
            return direction == null || "outbound".equals(direction) || "egress".equals(direction);
        }
    }

    public record Module(String path, String sha256) {}

    public record Api(String principal, String operation, String resource, String sourceIp, String outcome) {}

    public record Resource(Double cpuCores, Long memoryBytes, Long netTxBytes, Long netRxBytes, Integer intervalSeconds) {}

    /**
     * A configuration change to one object. {@code kind} is the object's kind (Kubernetes kinds as they are,
     * {@code SecurityGroup}, {@code Trail}, ... for cloud objects); {@code id} is unique per agent
     * ({@code namespace/name} for namespaced Kubernetes objects, {@code region/resource-id} for regional cloud ones);
     * {@code namespace} is the Kubernetes namespace or the cloud region, null when the object is cluster- or
     * account-wide. What {@code after} holds depends on {@code change}:
     * <ul>
     * <li>{@code create}, {@code update}: the whole object as it now is (null when the feed did not say);</li>
     * <li>{@code modify}: only the fields that were set;</li>
     * <li>{@code add}, {@code remove}: the list items added or removed, under their list's name;</li>
     * <li>{@code delete}: nothing; the object is gone.</li>
     * </ul>
     */
    public record Config(String kind, String id, String change, Map<String, Object> before, Map<String, Object> after,
                         String actor, String namespace, String name) {

        /** The changes a config event may carry. */
        public static final java.util.Set<String> CHANGES = java.util.Set.of("create", "update", "modify", "add",
                "remove", "delete");

        public Config(String kind, String id, String change, Map<String, Object> before, Map<String, Object> after,
                      String actor) {
            this(kind, id, change, before, after, actor, null, null);
        }
    }
}
