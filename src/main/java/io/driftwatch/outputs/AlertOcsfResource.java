package io.driftwatch.outputs;

import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;

import io.driftwatch.alert.AlertStore;
import io.driftwatch.api.ProblemException;

/** An alert in the OCSF Detection Finding shape webhooks and the stream send. */
@Path("/alerts/{id}/ocsf")
@Produces(MediaType.APPLICATION_JSON)
public class AlertOcsfResource {

    private final AlertStore alerts;
    private final String version;

    public AlertOcsfResource(AlertStore alerts,
                             @ConfigProperty(name = "quarkus.application.version", defaultValue = "0.1.0") String version) {
        this.alerts = alerts;
        this.version = version;
    }

    @GET
    @Operation(summary = "One alert as an OCSF Detection Finding (class_uid 2004)")
    public Map<String, Object> get(@PathParam("id") String id) {
        return Ocsf.finding(alerts.get(id).orElseThrow(() -> ProblemException.notFound("no alert with id " + id)), version);
    }
}
