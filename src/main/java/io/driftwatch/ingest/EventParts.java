package io.driftwatch.ingest;

import io.driftwatch.event.Event;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the nested parts of an event ({@code process}, {@code network}, ...) from the parser straight into
 * their records, checking each value on its own (types, ranges, formats). Whether a part or a field is
 * required depends on the event type and is checked by {@link EventObjectParser}. Unknown fields are skipped.
 */
final class EventParts {

    static final int MAX_PORT = 65_535;

    private EventParts() {}

    static Event.Process process(FieldReader f) throws IOException {
        if (!f.object("process")) {
            return null;
        }
        String exe = null;
        String user = null;
        Long pid = null;
        List<String> args = null;
        List<String> ancestry = null;
        Event.Parent parent = null;
        for (String name = f.nextField(); name != null; name = f.nextField()) {
            switch (name) {
                case "exe" -> exe = f.string("process.exe");
                case "args" -> args = f.strings("process.args");
                case "pid" -> pid = f.nonNegative("process.pid");
                case "user" -> user = f.string("process.user");
                case "parent" -> parent = parent(f);
                case "ancestry" -> ancestry = f.strings("process.ancestry");
                default -> f.skip();
            }
        }
        return new Event.Process(exe, args, pid, user, parent, ancestry);
    }

    private static Event.Parent parent(FieldReader f) throws IOException {
        if (!f.object("process.parent")) {
            return null;
        }
        String exe = null;
        Long pid = null;
        for (String name = f.nextField(); name != null; name = f.nextField()) {
            switch (name) {
                case "exe" -> exe = f.string("process.parent.exe");
                case "pid" -> pid = f.nonNegative("process.parent.pid");
                default -> f.skip();
            }
        }
        return new Event.Parent(exe, pid);
    }

    static Event.Container container(FieldReader f) throws IOException {
        if (!f.object("container")) {
            return null;
        }
        String id = null;
        String image = null;
        String imageDigest = null;
        for (String name = f.nextField(); name != null; name = f.nextField()) {
            switch (name) {
                case "id" -> id = f.string("container.id");
                case "image" -> image = f.string("container.image");
                case "imageDigest" -> imageDigest = f.string("container.imageDigest");
                default -> f.skip();
            }
        }
        return new Event.Container(id, image, imageDigest);
    }

    static Event.Network network(FieldReader f) throws IOException {
        if (!f.object("network")) {
            return null;
        }
        String direction = null;
        String protocol = null;
        String srcIp = null;
        String dstIp = null;
        String dstDomain = null;
        Integer srcPort = null;
        Integer dstPort = null;
        Long bytesOut = null;
        Long bytesIn = null;
        for (String name = f.nextField(); name != null; name = f.nextField()) {
            switch (name) {
                case "direction" -> direction = direction(f);
                case "protocol" -> protocol = f.string("network.protocol");
                case "srcIp" -> srcIp = f.string("network.srcIp");
                case "srcPort" -> srcPort = f.integer("network.srcPort", 0, MAX_PORT);
                case "dstIp" -> dstIp = f.string("network.dstIp");
                case "dstPort" -> dstPort = f.integer("network.dstPort", 0, MAX_PORT);
                case "dstDomain" -> dstDomain = f.string("network.dstDomain");
                case "bytesOut" -> bytesOut = f.nonNegative("network.bytesOut");
                case "bytesIn" -> bytesIn = f.nonNegative("network.bytesIn");
                default -> f.skip();
            }
        }
        return new Event.Network(direction, protocol, srcIp, srcPort, dstIp, dstPort, dstDomain, bytesOut, bytesIn);
    }

    /** inbound or outbound; feeds that say ingress/egress mean the same, and rules should see one word. */
    private static String direction(FieldReader f) throws IOException {
        String value = f.string("network.direction");
        if (value == null) {
            return null;
        }
        return switch (value) {
            case "inbound", "ingress" -> "inbound";
            case "outbound", "egress" -> "outbound";
            default -> {
                f.problems.add("network.direction",
                        "must be one of inbound, outbound, ingress, egress; got " + FieldReader.quote(value));
                yield null;
            }
        };
    }

    static Event.Module module(FieldReader f) throws IOException {
        if (!f.object("module")) {
            return null;
        }
        String path = null;
        String sha256 = null;
        for (String name = f.nextField(); name != null; name = f.nextField()) {
            switch (name) {
                case "path" -> path = f.string("module.path");
                case "sha256" -> sha256 = sha256(f);
                default -> f.skip();
            }
        }
        return new Event.Module(path, sha256);
    }

    /** Lower-cased, so that allowlists and baselines compare digests as plain strings. */
    private static String sha256(FieldReader f) throws IOException {
        String value = f.string("module.sha256");
        if (value == null) {
            return null;
        }
        boolean upper = false;
        boolean hex = value.length() == 64;
        for (int i = 0; hex && i < 64; i++) {
            char c = value.charAt(i);
            upper |= c >= 'A' && c <= 'F';
            hex = c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
        }
        if (!hex) {
            f.problems.add("module.sha256", "expected 64 hex characters (a SHA-256 digest), got "
                    + (value.length() == 64 ? FieldReader.quote(value) : value.length() + " characters"));
            return null;
        }
        return upper ? value.toLowerCase(Locale.ROOT) : value;
    }

    static Event.Api api(FieldReader f) throws IOException {
        if (!f.object("api")) {
            return null;
        }
        String principal = null;
        String operation = null;
        String resource = null;
        String sourceIp = null;
        String outcome = null;
        for (String name = f.nextField(); name != null; name = f.nextField()) {
            switch (name) {
                case "principal" -> principal = f.string("api.principal");
                case "operation" -> operation = f.string("api.operation");
                case "resource" -> resource = f.string("api.resource");
                case "sourceIp" -> sourceIp = f.string("api.sourceIp");
                case "outcome" -> outcome = f.string("api.outcome");
                default -> f.skip();
            }
        }
        return new Event.Api(principal, operation, resource, sourceIp, outcome);
    }

    static Event.Resource resource(FieldReader f) throws IOException {
        if (!f.object("resource")) {
            return null;
        }
        Double cpuCores = null;
        Long memoryBytes = null;
        Long netTxBytes = null;
        Long netRxBytes = null;
        Integer intervalSeconds = null;
        for (String name = f.nextField(); name != null; name = f.nextField()) {
            switch (name) {
                case "cpuCores" -> cpuCores = cpuCores(f);
                case "memoryBytes" -> memoryBytes = f.nonNegative("resource.memoryBytes");
                case "netTxBytes" -> netTxBytes = f.nonNegative("resource.netTxBytes");
                case "netRxBytes" -> netRxBytes = f.nonNegative("resource.netRxBytes");
                case "intervalSeconds" -> intervalSeconds = f.positive("resource.intervalSeconds");
                default -> f.skip();
            }
        }
        return new Event.Resource(cpuCores, memoryBytes, netTxBytes, netRxBytes, intervalSeconds);
    }

    private static Double cpuCores(FieldReader f) throws IOException {
        Double value = f.number("resource.cpuCores");
        if (value != null && !(value >= 0 && value < Double.POSITIVE_INFINITY)) {
            f.problems.add("resource.cpuCores", "must be a non-negative finite number, got " + value);
            return null;
        }
        return value;
    }

    static Event.Config config(FieldReader f) throws IOException {
        if (!f.object("config")) {
            return null;
        }
        String kind = null;
        String id = null;
        String change = null;
        String actor = null;
        Map<String, Object> before = null;
        Map<String, Object> after = null;
        String namespace = null;
        String objectName = null;
        for (String name = f.nextField(); name != null; name = f.nextField()) {
            switch (name) {
                case "namespace" -> namespace = f.string("config.namespace");
                case "name" -> objectName = f.string("config.name");
                case "kind" -> kind = f.string("config.kind");
                case "id" -> id = f.string("config.id");
                case "change" -> change = change(f);
                case "before" -> before = f.map("config.before");
                case "after" -> after = f.map("config.after");
                case "actor" -> actor = f.string("config.actor");
                default -> f.skip();
            }
        }
        return new Event.Config(kind, id, change, before, after, actor, namespace, objectName);
    }

    private static String change(FieldReader f) throws IOException {
        String value = f.string("config.change");
        if (value != null && !Event.Config.CHANGES.contains(value)) {
            f.problems.add("config.change", "must be one of create, update, modify, add, remove, delete; got "
                    + FieldReader.quote(value));
            return null;
        }
        return value;
    }
}
