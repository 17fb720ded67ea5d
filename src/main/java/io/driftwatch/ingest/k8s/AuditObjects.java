package io.driftwatch.ingest.k8s;

import java.util.Map;

/** What the audit record's request and response bodies say about the object written. */
final class AuditObjects {

    /** Written by kubectl apply: a second copy of the whole object, which would only double what a rule reads. */
    static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

    private AuditObjects() {}

    /**
     * The object as it now is, for a create or update: the response when it is the object (the server's view,
     * with defaults and a generated name), else the request for create and update (a patch body is only a
     * fragment); null when neither is, as at audit level Metadata. managedFields and kubectl's last-applied copy
     * are removed: bookkeeping, not configuration.
     */
    static Map<String, Object> after(String kind, String verb, Object responseObject, Object requestObject) {
        Map<String, Object> after = ofKind(responseObject, kind);
        if (after == null && !"patch".equals(verb)) {
            after = ofKind(requestObject, kind);
        }
        if (after != null) {
            stripBookkeeping(after);
        }
        return after;
    }

    /**
     * The object's name from the bodies, for a create whose objectRef has none: the response first, because
     * for a generateName-only object only the server's response carries the name it chose.
     */
    static String name(Object responseObject, Object requestObject) {
        String name = metadataString(responseObject, "name");
        return name != null ? name : metadataString(requestObject, "name");
    }

    /** The object's namespace from the bodies, for a namespaced object whose objectRef has none. */
    static String namespace(Object responseObject, Object requestObject) {
        String ns = metadataString(responseObject, "namespace");
        return ns != null ? ns : metadataString(requestObject, "namespace");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> ofKind(Object body, String kind) {
        return body instanceof Map<?, ?> m && kind.equals(m.get("kind")) ? (Map<String, Object>) m : null;
    }

    private static String metadataString(Object body, String key) {
        if (body instanceof Map<?, ?> m && m.get("metadata") instanceof Map<?, ?> metadata
                && metadata.get(key) instanceof String s && !s.isEmpty()) {
            return s;
        }
        return null;
    }

    private static void stripBookkeeping(Map<String, Object> object) {
        if (object.get("metadata") instanceof Map<?, ?> metadata) {
            metadata.remove("managedFields");
            if (metadata.get("annotations") instanceof Map<?, ?> annotations) {
                annotations.remove(LAST_APPLIED);
                if (annotations.isEmpty()) {
                    metadata.remove("annotations");
                }
            }
        }
    }
}
