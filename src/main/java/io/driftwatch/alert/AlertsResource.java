package io.driftwatch.alert;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import io.driftwatch.api.ProblemException;

@Path("/alerts")
@Produces(MediaType.APPLICATION_JSON)
public class AlertsResource {

    static final int MAX_LIMIT = 1000;

    private final AlertStore store;

    public AlertsResource(AlertStore store) {
        this.store = store;
    }

    /** A page of alerts, newest first. */
    public record AlertPage(List<Alert> items, int limit, int offset, Integer nextOffset) {
    }

    @GET
    @Operation(summary = "List alerts, newest first", description = "Filters combine with AND; page with limit and offset (nextOffset is set when more may follow).")
    public AlertPage list(@QueryParam("agentId") String agentId, @QueryParam("rule") String rule,
                          @QueryParam("severity") String severity, @QueryParam("status") String status,
                          @Parameter(description = "ISO-8601 instant; alerts updated at or after it")
                          @QueryParam("since") String since,
                          @QueryParam("limit") @DefaultValue("100") int limit,
                          @QueryParam("offset") @DefaultValue("0") int offset) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ProblemException.badRequest("limit must be between 1 and " + MAX_LIMIT + "; got " + limit);
        }
        if (offset < 0) {
            throw ProblemException.badRequest("offset must not be negative; got " + offset);
        }
        Instant from = null;
        if (since != null && !since.isBlank()) {
            try {
                from = Instant.parse(since);
            } catch (DateTimeParseException e) {
                throw ProblemException.badRequest("since is not an ISO-8601 instant: '" + since
                        + "' (expected e.g. 2026-11-20T10:00:00Z)");
            }
        }
        List<Alert> items = store.find(new AlertQuery(agentId, rule, severity, status, from, limit, offset));
        return new AlertPage(items, limit, offset, items.size() == limit ? offset + limit : null);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One alert with its evidence")
    public Alert get(@PathParam("id") String id) {
        return store.get(id).orElseThrow(() -> ProblemException.notFound("no alert with id " + id));
    }
}
