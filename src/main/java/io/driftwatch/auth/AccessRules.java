package io.driftwatch.auth;

import java.util.List;

/**
 * Which role a request needs, by method and path. Fail closed: anything not listed needs admin to change and
 * analyst to read.
 */
final class AccessRules {

    private AccessRules() {
    }

    /** Null: open (health, metrics, the API description), when configured so. */
    static Role required(String method, String path, List<String> openPaths) {
        String p = path.startsWith("/") ? path : "/" + path;
        for (String open : openPaths) {
            if (p.equals(open) || p.startsWith(open.endsWith("/") ? open : open + "/")) {
                return null;
            }
        }
        boolean read = method.equals("GET") || method.equals("HEAD");
        if (!read && (p.equals("/events") || p.startsWith("/ingest/") || p.equals("/deployments"))) {
            return Role.INGEST; // deployment records also carry a CI signature
        }
        if (!read && (p.matches("/alerts/[^/]+/(approve|transitions)") || p.matches("/agents/[^/]+/baseline/accept")
                || p.equals("/exceptions") || p.startsWith("/exceptions/"))) {
            return Role.ANALYST;
        }
        return read ? Role.ANALYST : Role.ADMIN;
    }
}
