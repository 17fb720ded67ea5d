package io.driftwatch.ingest.k8s;

import io.driftwatch.event.Event;
import io.driftwatch.event.EventType;
import io.driftwatch.ingest.k8s.RecordFields.Problem;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns one audit.k8s.io Event, read into Maps, into a normalized event: a config event for a successful write
 * to a tracked object, an API event for anything else. Thread-safe.
 */
final class AuditRecordMapper {

    /** What became of one record: exactly one of the three is set. */
    record Outcome(Event event, String ignored, List<Problem> problems) {}

    /** Same bound as the normalized event contract puts on an event id. */
    static final int MAX_ID_LENGTH = 256;

    private static final Map<String, String> CHANGES = Map.of("create", "create", "update", "update",
            "patch", "update", "delete", "delete", "deletecollection", "delete");

    /**
     * Streaming requests whose ResponseStarted record is when the session opens; their ResponseComplete comes
     * only when it closes, possibly hours later, and some recorders never write it. Both carry the auditID, so
     * the engine's dedup by event id keeps one.
     */
    private static final Set<String> SESSION_SUBRESOURCES = Set.of("exec", "attach", "portforward");

    private static final String KNOWN_STAGES = "RequestReceived, ResponseStarted, ResponseComplete, Panic";

    private final String clusterName;

    AuditRecordMapper(String clusterName) {
        this.clusterName = clusterName;
    }

    Outcome map(Map<String, Object> r) {
        RecordFields f = new RecordFields();
        String kind = f.string(r, "kind", "kind");
        if ("EventList".equals(kind)) {
            f.problem("", "expected one audit Event, got an EventList (an EventList is read only as a whole JSON body)");
            return rejected(f);
        }
        if (kind != null && !"Event".equals(kind)) {
            f.problem("kind", "expected 'Event' (audit.k8s.io), got " + RecordFields.quote(kind));
        }
        String stage = f.string(r, "stage", "stage");
        Map<String, Object> ref = f.object(r, "objectRef", "objectRef");
        String subresource = emptyToNull(f.string(ref, "subresource", "objectRef.subresource"));
        if (f.hasProblems()) {
            return rejected(f);
        }
        if (stage != null) {
            switch (stage) {
                case "ResponseComplete", "Panic" -> { }
                case "RequestReceived" -> {
                    return ignored(stage);
                }
                case "ResponseStarted" -> {
                    if (subresource == null || !SESSION_SUBRESOURCES.contains(subresource)) {
                        return ignored(stage);
                    }
                }
                default -> f.problem("stage", "unknown stage " + RecordFields.quote(stage) + "; known stages: " + KNOWN_STAGES);
            }
        }

        String verb = f.text(r, "verb", "verb");
        Map<String, Object> user = f.object(r, "user", "user");
        String username = user == null ? null : f.text(user, "username", "user.username");
        if (user == null && !f.covers("user")) {
            f.required("user.username");
        }
        Map<String, Object> impersonated = f.object(r, "impersonatedUser", "impersonatedUser");
        String impersonatedName = emptyToNull(f.string(impersonated, "username", "impersonatedUser.username"));
        Instant time = time(r, f);
        String auditId = f.string(r, "auditID", "auditID");
        if (auditId != null && auditId.length() > MAX_ID_LENGTH) {
            f.problem("auditID", "must be at most " + MAX_ID_LENGTH + " characters, got " + auditId.length());
        }
        Long code = f.integer(f.object(r, "responseStatus", "responseStatus"), "code", "responseStatus.code");
        String resource = emptyToNull(f.string(ref, "resource", "objectRef.resource"));
        String namespace = emptyToNull(f.string(ref, "namespace", "objectRef.namespace"));
        String name = emptyToNull(f.string(ref, "name", "objectRef.name"));
        String apiGroup = f.string(ref, "apiGroup", "objectRef.apiGroup");
        List<String> sourceIps = f.strings(r, "sourceIPs", "sourceIPs");
        String requestUri = f.string(r, "requestURI", "requestURI");
        if (f.hasProblems()) {
            return rejected(f);
        }

        String principal = impersonatedName == null ? username : impersonatedName + " (impersonated by " + username + ")";
        boolean failed = "Panic".equals(stage) || (code != null && code >= 400);
        K8sKinds.Kind tracked = subresource == null ? K8sKinds.of(resource, apiGroup) : null;
        if (tracked != null && CHANGES.containsKey(verb) && !failed && !dryRun(requestUri)) {
            Object response = r.get("responseObject");
            Object request = r.get("requestObject");
            return config(tracked, verb, namespace, name, principal, response, request, auditId, time, f);
        }
        String operation = verb + " " + (resource == null ? path(requestUri)
                : subresource == null ? resource : resource + "/" + subresource);
        String target = namespace != null && name != null ? namespace + "/" + name : name != null ? name : namespace;
        String sourceIp = sourceIps == null || sourceIps.isEmpty() ? null : sourceIps.get(0);
        Event.Api api = new Event.Api(principal, operation.strip(), resource == null ? null : target, sourceIp,
                failed ? "failure" : "success");
        return event(new Event(auditId, clusterName, time, EventType.API, null, null, null, null, api, null, null));
    }

    private Outcome config(K8sKinds.Kind kind, String verb, String namespace, String name, String actor,
                           Object response, Object request, String auditId, Instant time, RecordFields f) {
        String change = CHANGES.get(verb);
        if ("deletecollection".equals(verb)) {
            name = "*";
        } else if (name == null && "create".equals(verb)) {
            name = AuditObjects.name(response, request);
        }
        if (name == null) {
            f.problem("objectRef.name", "no object name in objectRef, responseObject or requestObject");
            return rejected(f);
        }
        if (!kind.namespaced()) {
            // a Namespace is named by objectRef.name; objectRef.namespace there repeats it
            namespace = null;
        } else if (namespace == null) {
            namespace = AuditObjects.namespace(response, request);
        }
        Map<String, Object> after = "delete".equals(change) ? null : AuditObjects.after(kind.name(), verb, response, request);
        String id = namespace == null ? name : namespace + "/" + name;
        Event.Config config = new Event.Config(kind.name(), id, change, null, after, actor, namespace, name);
        return event(new Event(auditId, clusterName, time, EventType.CONFIG, null, null, null, null, null, null, config));
    }

    /** The time the API server finished with the request, else when it received it. */
    private static Instant time(Map<String, Object> r, RecordFields f) {
        String field = r.get("stageTimestamp") != null ? "stageTimestamp"
                : r.get("requestReceivedTimestamp") != null ? "requestReceivedTimestamp" : null;
        if (field == null) {
            f.problem("stageTimestamp", "required: an audit Event needs stageTimestamp or requestReceivedTimestamp");
            return null;
        }
        Object value = r.get(field);
        if (!(value instanceof String text)) {
            f.problem(field, "expected an RFC 3339 time, got " + RecordFields.describe(value));
            return null;
        }
        try {
            return DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(text, Instant::from);
        } catch (DateTimeException e) {
            f.problem(field, "expected an RFC 3339 time, got " + RecordFields.quote(text));
            return null;
        }
    }

    /** A server-side dry run ({@code ?dryRun=All}) changes nothing, so it is an API call, not a config change. */
    private static boolean dryRun(String requestUri) {
        int q = requestUri == null ? -1 : requestUri.indexOf('?');
        if (q < 0) {
            return false;
        }
        for (String param : requestUri.substring(q + 1).split("&")) {
            if (param.startsWith("dryRun=") && !param.equals("dryRun=")) {
                return true;
            }
        }
        return false;
    }

    /** The request path without its query, for a non-resource request ({@code /healthz}, {@code /version}). */
    private static String path(String requestUri) {
        if (requestUri == null) {
            return "";
        }
        int q = requestUri.indexOf('?');
        return q < 0 ? requestUri : requestUri.substring(0, q);
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private static Outcome event(Event event) {
        return new Outcome(event, null, null);
    }

    private static Outcome ignored(String stage) {
        String why = "ResponseStarted".equals(stage)
                ? "; ResponseStarted is mapped only for exec, attach and portforward, where it opens the session"
                : "";
        return new Outcome(null, "stage " + stage + ": only ResponseComplete and Panic records are mapped"
                + why + "; the same request's final record follows", null);
    }

    private static Outcome rejected(RecordFields f) {
        return new Outcome(null, null, List.copyOf(f.problems()));
    }
}
