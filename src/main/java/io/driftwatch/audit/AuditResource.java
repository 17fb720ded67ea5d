package io.driftwatch.audit;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import io.driftwatch.api.ProblemException;

/** Reading and verifying the audit log (role analyst: reading is not changing). */
@Path("/audit")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    private final AuditLog log;
    private final AuditVerifier verifier;

    public AuditResource(AuditLog log, AuditVerifier verifier) {
        this.log = log;
        this.verifier = verifier;
    }

    /** A page of entries in chain order; pass {@code nextCursor} as {@code cursor} for the next page. */
    public record AuditPage(List<AuditEntry> items, int limit, Long nextCursor) {
    }

    @GET
    @Operation(summary = "Audit log entries, oldest first", description = "Filters combine with AND. action is exact, or a "
            + "prefix ending in '.' (alert.); subject is a type (alert) or type:id (alert:3f2...). Page with cursor.")
    public AuditPage list(@Parameter(description = "ISO-8601 instant, inclusive") @QueryParam("from") String from,
                          @Parameter(description = "ISO-8601 instant, exclusive") @QueryParam("to") String to,
                          @QueryParam("action") String action, @QueryParam("actor") String actor,
                          @QueryParam("subject") String subject,
                          @QueryParam("limit") @DefaultValue("100") int limit,
                          @Parameter(description = "the seq after which to continue (nextCursor of the previous page)")
                          @QueryParam("cursor") @DefaultValue("0") long cursor) {
        if (limit < 1 || limit > AuditLog.MAX_LIMIT) {
            throw ProblemException.badRequest("limit must be between 1 and " + AuditLog.MAX_LIMIT + "; got " + limit);
        }
        if (cursor < 0) {
            throw ProblemException.badRequest("cursor must not be negative; got " + cursor);
        }
        String type = null;
        String id = null;
        if (subject != null && !subject.isBlank()) {
            int colon = subject.indexOf(':');
            type = colon < 0 ? subject : subject.substring(0, colon);
            id = colon < 0 ? null : subject.substring(colon + 1);
        }
        List<AuditEntry> items = log.find(new AuditQuery(instant("from", from), instant("to", to), action, actor, type, id,
                cursor, limit));
        return new AuditPage(items, limit, items.size() == limit ? items.get(items.size() - 1).seq() : null);
    }

    @GET
    @Path("/verify")
    @Operation(summary = "Walk the audit log's hash chain", description = "Recomputes every entry's hash and link, page by "
            + "page; names the first broken link (seq, what the chain expected, what is stored) or says it is intact.")
    public AuditVerification verify() {
        return verifier.verify();
    }

    /** Null when absent; 400 naming the parameter when not an instant. */
    public static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest(name + " is not an ISO-8601 instant: '" + value
                    + "' (expected e.g. 2026-11-20T10:00:00Z)");
        }
    }
}
