package io.driftwatch.drift;

import java.util.List;

import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import io.driftwatch.alert.Alert;
import io.driftwatch.api.Problem;
import io.driftwatch.rules.AdminGuard;

/** Approving what a drift alert found: the running state of its object becomes the approved state. */
@Path("/alerts/{id}/approve")
@Produces(MediaType.APPLICATION_JSON)
public class AlertApprovalResource {

    private final ApprovedService approved;
    private final AdminGuard admin;

    public AlertApprovalResource(ApprovedService approved, AdminGuard admin) {
        this.approved = approved;
        this.admin = admin;
    }

    @POST
    @Operation(summary = "Approve the observed state of a drift alert's object",
            description = "The object's running state, as the engine knows it, becomes its approved state (kept in the "
                    + "approval history with author and reason); every open alert the approval covers closes as accepted.")
    @APIResponse(responseCode = "200", description = "The alerts that closed")
    @APIResponse(responseCode = "404", description = "No such alert", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "409", description = "Not a configuration drift alert", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public List<Alert> approve(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("id") String id,
                               @QueryParam("author") String author, @QueryParam("reason") String reason) {
        admin.require(authorization);
        ApprovedResource.requireWhoAndWhy(author, reason);
        return approved.approveAlert(id, author, reason);
    }
}
