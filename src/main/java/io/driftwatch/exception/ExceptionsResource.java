package io.driftwatch.exception;

import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import io.driftwatch.alert.AlertsResource;
import io.driftwatch.api.Problem;
import io.driftwatch.api.ProblemException;

@Path("/exceptions")
@Produces(MediaType.APPLICATION_JSON)
public class ExceptionsResource {

    private final ExceptionService exceptions;

    public ExceptionsResource(ExceptionService exceptions) {
        this.exceptions = exceptions;
    }

    @GET
    @Operation(summary = "List exceptions, newest first")
    public List<BehaviourException> list(@Parameter(description = "active (default), expired, revoked, deleted or all")
                                         @QueryParam("status") String status) {
        String s = status == null || status.isBlank() ? BehaviourException.ACTIVE : status;
        if (!s.equals("all") && !ExceptionService.STATUSES.contains(s)) {
            throw ProblemException.badRequest("status must be one of active, expired, revoked, deleted, all; got " + status);
        }
        return exceptions.list(s.equals("all") ? null : s);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One exception, active or ended")
    @APIResponse(responseCode = "404", description = "No such exception", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public BehaviourException get(@PathParam("id") String id) {
        return exceptions.get(id);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create an exception, optionally accepting an alert and every alert it covers",
            description = "An active exception suppresses the alerts it covers (status suppressed, enrichment.exceptionId) "
                    + "until it expires, is deleted, or a verified deployment record for its scope revokes it "
                    + "(revokeOnRedeploy). With alertId, scope/scopeValue/behaviourKey default to the alert's agent and "
                    + "behaviour key, and the alert becomes accepted; with closeMatching too, every other alert the "
                    + "exception covers that is open, in-review or acknowledged becomes accepted in the same request.")
    @APIResponse(responseCode = "201", description = "The exception, the alert accepted and the other alerts closed")
    @APIResponse(responseCode = "400", description = "Invalid: every problem listed in errors", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "404", description = "No such alert", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "409", description = "The alert cannot be accepted from its state", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Response create(ExceptionRequest request, @Context ContainerRequestContext context) {
        ExceptionService.Created c = exceptions.create(request, AlertsResource.by(context));
        return Response.status(201).entity(c).build();
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Edit an active exception", description = "Fields left out keep their value; the expiry is "
            + "checked against the maximum again, from now. alertId and closeMatching are ignored.")
    @APIResponse(responseCode = "409", description = "The exception has ended", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public BehaviourException update(@PathParam("id") String id, ExceptionRequest request, @Context ContainerRequestContext context) {
        return exceptions.update(id, request, AlertsResource.by(context));
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "End an exception", description = "It stops suppressing at once; its row stays, status deleted, "
            + "with who ended it and why.")
    @APIResponse(responseCode = "409", description = "Already ended", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public BehaviourException delete(@PathParam("id") String id, @QueryParam("reason") String reason,
                                     @Context ContainerRequestContext context) {
        return exceptions.delete(id, AlertsResource.by(context), reason);
    }
}
