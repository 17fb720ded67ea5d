package io.driftwatch.outputs;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import io.driftwatch.api.ProblemException;

/** Server-sent events of alert changes for live consoles. */
@Path("/alerts/stream")
public class AlertStreamResource {

    private final AlertStream stream;

    public AlertStreamResource(AlertStream stream) {
        this.stream = stream;
    }

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "Alert changes as server-sent events", description = "Each event: id = audit log seq, event = "
            + "alert.created, alert.suppressed or alert.status-changed, data = the alert as an OCSF Detection Finding. "
            + "Reconnect with Last-Event-ID to resume after the last event received.")
    public void stream(@Context SseEventSink sink, @Context Sse sse,
                       @Parameter(description = "only alerts of this severity") @QueryParam("severity") String severity,
                       @Parameter(description = "only alerts of this agent") @QueryParam("agentId") String agentId,
                       @HeaderParam("Last-Event-ID") String lastEventId) {
        Long after = null;
        if (lastEventId != null && !lastEventId.isBlank()) {
            try {
                after = Long.parseLong(lastEventId.trim());
            } catch (NumberFormatException e) {
                throw ProblemException.badRequest("Last-Event-ID is not an event id of this stream: '" + lastEventId + "'");
            }
        }
        stream.subscribe(sink, sse, severity, agentId, after);
    }
}
