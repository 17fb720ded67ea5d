package io.driftwatch.outputs;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.driftwatch.alert.Alert;
import io.driftwatch.alert.Evidence;

/**
 * An alert as an OCSF Detection Finding (class 2004, category 2 Findings; schema 1.3): the shape webhooks and the
 * SSE stream send, and {@code GET /alerts/{id}?format=ocsf} answers. Driftwatch fields without an OCSF home
 * (behaviour key, count, figures, enrichment) are under {@code unmapped}. Times are epoch milliseconds, as OCSF's
 * timestamp type is.
 */
public final class Ocsf {

    public static final int CLASS_UID = 2004;
    public static final int CATEGORY_UID = 2;
    static final String SCHEMA_VERSION = "1.3.0";

    /** Detection Finding activities. */
    public static final int CREATE = 1;
    public static final int UPDATE = 2;
    public static final int CLOSE = 3;

    private Ocsf() {
    }

    /** The finding for the alert's current state; the activity follows from it (closed: Close; count 1: Create). */
    public static Map<String, Object> finding(Alert a, String productVersion) {
        return finding(a, activityOf(a), productVersion);
    }

    public static int activityOf(Alert a) {
        if (a.resolution() != null) {
            return CLOSE;
        }
        return a.count() <= 1 ? CREATE : UPDATE;
    }

    public static Map<String, Object> finding(Alert a, int activityId, String productVersion) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("class_uid", CLASS_UID);
        f.put("class_name", "Detection Finding");
        f.put("category_uid", CATEGORY_UID);
        f.put("category_name", "Findings");
        f.put("activity_id", activityId);
        f.put("activity_name", activityId == CREATE ? "Create" : activityId == UPDATE ? "Update" : "Close");
        f.put("type_uid", CLASS_UID * 100 + activityId);
        f.put("time", a.updatedAt().toEpochMilli());
        f.put("severity_id", severityId(a.severity()));
        f.put("severity", a.severity());
        f.put("status_id", statusId(a.status()));
        f.put("status", a.status());
        f.put("message", a.summary());
        f.put("is_alert", !Alert.SUPPRESSED.equals(a.status()));

        Map<String, Object> info = new LinkedHashMap<>();
        info.put("uid", a.id());
        info.put("title", a.rule());
        info.put("desc", a.description());
        info.put("types", types(a));
        info.put("first_seen_time", millis(a.firstEventTime()));
        info.put("last_seen_time", millis(a.lastEventTime()));
        info.put("created_time", millis(a.detectedAt()));
        info.put("modified_time", millis(a.updatedAt()));
        info.put("analytic", Map.of("name", a.rule(), "type_id", 1, "type", "Rule"));
        f.put("finding_info", info);
        if (a.mitre() != null && !a.mitre().isEmpty()) {
            f.put("attacks", a.mitre().stream().map(t -> Map.of("technique", Map.of("uid", t))).toList());
        }
        f.put("resources", List.of(Map.of("uid", a.agentId(), "name", a.agentId(), "type", "agent")));
        f.put("evidences", evidences(a.evidence()));
        if (a.resolution() != null) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("status", a.resolution().status());
            r.put("by", a.resolution().by());
            r.put("at", millis(a.resolution().at()));
            r.put("reason", a.resolution().reason());
            f.put("comment", a.resolution().status() + " by " + a.resolution().by()
                    + (a.resolution().reason() == null ? "" : ": " + a.resolution().reason()));
            f.put("resolution", r);
        }
        Map<String, Object> product = new LinkedHashMap<>();
        product.put("name", "Driftwatch");
        product.put("vendor_name", "Driftwatch");
        product.put("version", productVersion);
        f.put("metadata", Map.of("product", product, "version", SCHEMA_VERSION, "uid", a.id() + ":" + a.updatedAt().toEpochMilli()));
        Map<String, Object> unmapped = new LinkedHashMap<>();
        unmapped.put("agent_id", a.agentId());
        unmapped.put("behaviour_key", a.behaviourKey());
        unmapped.put("count", a.count());
        unmapped.put("figures", a.figures());
        unmapped.put("behaviours", a.behaviours());
        if (a.enrichment() != null) {
            unmapped.put("enrichment", a.enrichment());
        }
        f.put("unmapped", unmapped);
        return f;
    }

    /** OCSF severity_id: 1 Informational, 2 Low, 3 Medium, 4 High, 5 Critical; 0 Unknown. */
    public static int severityId(String severity) {
        return switch (severity == null ? "" : severity) {
            case "info", "informational" -> 1;
            case "low" -> 2;
            case "medium" -> 3;
            case "high" -> 4;
            case "critical" -> 5;
            default -> 0;
        };
    }

    /** OCSF finding status_id: 1 New, 2 In Progress, 3 Suppressed, 4 Resolved, 99 Other. */
    public static int statusId(String status) {
        return switch (status == null ? "" : status) {
            case Alert.OPEN -> 1;
            case Alert.IN_REVIEW, "acknowledged" -> 2;
            case Alert.SUPPRESSED -> 3;
            case "resolved", "dismissed", "accepted" -> 4;
            default -> 99;
        };
    }

    private static List<String> types(Alert a) {
        List<String> types = new ArrayList<>();
        int colon = a.behaviourKey() == null ? -1 : a.behaviourKey().indexOf(':');
        if (colon > 0) {
            types.add(a.behaviourKey().substring(0, colon)); // lineage, destination, config, ...
        }
        return types;
    }

    private static List<Map<String, Object>> evidences(List<Evidence> evidence) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Evidence e : evidence == null ? List.<Evidence>of() : evidence) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", e.kind());
            m.put("desc", e.summary());
            if (e.event() != null) {
                m.put("data", e.event());
                if (e.event().process() != null) {
                    Map<String, Object> p = new LinkedHashMap<>();
                    p.put("file", Map.of("path", String.valueOf(e.event().process().exe())));
                    if (e.event().process().pid() != null) {
                        p.put("pid", e.event().process().pid());
                    }
                    m.put("process", p);
                }
            }
            if (e.actor() != null) {
                m.put("actor", Map.of("user", Map.of("name", e.actor())));
            }
            out.add(m);
        }
        return out;
    }

    private static Long millis(Instant t) {
        return t == null ? null : t.toEpochMilli();
    }
}
