package io.driftwatch.alert;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import io.driftwatch.api.Problem;
import io.driftwatch.api.ProblemException;
import io.driftwatch.auth.AccessFilter;
import io.driftwatch.auth.Caller;

@Path("/alerts")
@Produces(MediaType.APPLICATION_JSON)
public class AlertsResource {

    static final int MAX_LIMIT = 1000;

    private final AlertStore store;
    private final AlertService alerts;

    public AlertsResource(AlertStore store, AlertService alerts) {
        this.store = store;
        this.alerts = alerts;
    }

    /** A page of alerts, newest first. */
    public record AlertPage(List<Alert> items, int limit, int offset, Integer nextOffset) {
    }

    @GET
    @Operation(summary = "List alerts, newest first", description = "Filters combine with AND; page with limit and offset (nextOffset is set when more may follow).")
    public AlertPage list(@QueryParam("agentId") String agentId, @QueryParam("rule") String rule,
                          @QueryParam("severity") String severity,
                          @Parameter(description = "open, in-review (the review queue), suppressed, acknowledged, resolved, dismissed, accepted")
                          @QueryParam("status") String status,
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
        if (status != null && !status.isBlank() && !AlertStates.known(status)) {
            throw ProblemException.badRequest("status must be one of " + AlertStates.all() + "; got " + status);
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
    @Operation(summary = "One alert with its evidence and its history of transitions")
    public Alert get(@PathParam("id") String id) {
        return store.get(id).orElseThrow(() -> ProblemException.notFound("no alert with id " + id));
    }

    @Schema(description = "A move to another state. reason is required for resolved, dismissed and accepted.")
    public record TransitionRequest(
            @Schema(enumeration = {"acknowledged", "resolved", "dismissed", "accepted"}, required = true) String to,
            String reason) {
    }

    @POST
    @Path("/{id}/transitions")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Move an alert to another state",
            description = "open, in-review and suppressed may become acknowledged, resolved (a true positive), dismissed "
                    + "(a false positive) or accepted; acknowledged may become resolved, dismissed or accepted; resolved, "
                    + "dismissed and accepted are final. Who is the authenticated caller; when is now. Accepting here "
                    + "records the decision only: to stop the behaviour alerting, accept it into the baseline "
                    + "(POST /agents/{agentId}/baseline/accept with alertId) or create an exception from the alert "
                    + "(POST /exceptions with alertId).")
    @APIResponse(responseCode = "200", description = "The alert as moved, with its history")
    @APIResponse(responseCode = "400", description = "Unknown state or missing reason", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "404", description = "No such alert", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "409", description = "Not allowed from the current state; errors[0] names currentStatus and allowed",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Alert transition(@PathParam("id") String id, TransitionRequest request, @Context ContainerRequestContext context) {
        if (request == null) {
            throw ProblemException.badRequest("body required: {\"to\": \"acknowledged|resolved|dismissed|accepted\", \"reason\": \"...\"}");
        }
        return alerts.transition(id, request.to(), by(context), request.reason());
    }

    /** The authenticated caller's name: who acted is never a free-text field. */
    public static String by(ContainerRequestContext context) {
        Caller caller = AccessFilter.caller(context);
        return caller == null ? "anonymous" : caller.name();
    }
}
