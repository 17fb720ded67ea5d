package io.driftwatch.ingest.sysmon;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftwatch.ingest.NodeFields;

/**
 * One Sysmon event in either shape, read by Sysmon's own field names: the flat shape holds them at the top
 * level; Winlogbeat's under {@code winlog.event_data}, except those its Sysmon module moved to ECS fields, which
 * are read from there ({@code Image} from {@code process.executable}, ...).
 */
final class SysmonRecord {

    private final JsonNode root;
    private final JsonNode data;
    private final String dataPath;
    private final boolean winlogbeat;
    private final NodeFields f;

    private SysmonRecord(JsonNode root, JsonNode data, String dataPath, boolean winlogbeat, NodeFields f) {
        this.root = root;
        this.data = data;
        this.dataPath = dataPath;
        this.winlogbeat = winlogbeat;
        this.f = f;
    }

    static SysmonRecord of(JsonNode root, NodeFields f) {
        JsonNode winlog = f.object(root, "winlog", "winlog");
        if (winlog == null) {
            return new SysmonRecord(root, root, "", false, f);
        }
        return new SysmonRecord(root, f.object(winlog, "event_data", "winlog.event_data"), "winlog.event_data.", true, f);
    }

    NodeFields fields() {
        return f;
    }

    boolean winlogbeat() {
        return winlogbeat;
    }

    /** Where a Sysmon field is reported: its path in this shape. */
    String path(String name) {
        return dataPath + name;
    }

    /** A Sysmon field as text, else the ECS field Winlogbeat moved it to (a dotted path from the root). */
    String text(String name, String ecs) {
        String v = f.text(data, name, path(name));
        return v != null || ecs == null || !winlogbeat ? v : f.text(parentOf(ecs), leaf(ecs), ecs);
    }

    Long integer(String name, String ecs, long max) {
        Long v = f.integer(data, name, path(name), 0, max);
        return v != null || ecs == null || !winlogbeat ? v : f.integer(parentOf(ecs), leaf(ecs), ecs, 0, max);
    }

    Boolean bool(String name) {
        return f.bool(data, name, path(name));
    }

    /** An ECS field Winlogbeat fills in (a dotted path from the root); null in the flat shape. */
    String ecs(String dotted) {
        return winlogbeat ? f.text(parentOf(dotted), leaf(dotted), dotted) : null;
    }

    /** A top-level RFC 3339 time, such as {@code @timestamp}. */
    java.time.Instant time(String name) {
        return f.time(root, name, name);
    }

    /** A field of the envelope: the first of the top-level names, else the dotted ECS path. */
    String envelope(String flat, String ecs) {
        String v = winlogbeat ? null : f.text(root, flat, flat);
        return v != null || ecs == null ? v : f.text(parentOf(ecs), leaf(ecs), ecs);
    }

    /** The object holding a dotted path's last name; null when a step is missing. */
    private JsonNode parentOf(String dotted) {
        JsonNode n = root;
        String[] steps = dotted.split("\\.");
        for (int i = 0; i < steps.length - 1 && n != null; i++) {
            n = f.object(n, steps[i], String.join(".", java.util.Arrays.copyOf(steps, i + 1)));
        }
        return n;
    }

    private static String leaf(String dotted) {
        return dotted.substring(dotted.lastIndexOf('.') + 1);
    }
}
