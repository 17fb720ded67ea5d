package io.driftwatch.engine;

import java.util.ArrayList;
import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.driftwatch.alert.Alert;
import io.driftwatch.alert.AlertService;
import io.driftwatch.alert.AlertStore;
import io.driftwatch.alert.AlertsResource;
import io.driftwatch.alert.InvalidTransitionException;
import io.driftwatch.api.Problem;
import io.driftwatch.api.ProblemException;
import io.driftwatch.baseline.AgentProfile;
import io.driftwatch.baseline.BehaviourKey;
import io.driftwatch.baseline.Baselines.AcceptOutcome;

/** The learned profile of an agent, and accepting quarantined behaviours into it. */
@Path("/agents/{agentId}/baseline")
@Produces(MediaType.APPLICATION_JSON)
public class AgentBaselineResource {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(AgentBaselineResource.class);

    private final EngineLifecycle lifecycle;
    private final AlertStore alerts;
    private final AlertService service;
    @jakarta.inject.Inject
    io.driftwatch.audit.AuditLog audit;

    public AgentBaselineResource(EngineLifecycle lifecycle, AlertStore alerts, AlertService service) {
        this.lifecycle = lifecycle;
        this.alerts = alerts;
        this.service = service;
    }

    @GET
    @Operation(summary = "The agent's learned profile: known behaviours, quarantined behaviours, baseline figures, mode")
    public AgentProfile profile(@PathParam("agentId") String agentId) {
        AgentProfile p = lifecycle.engine().onAgentShard(agentId, b -> b.profile(agentId)).join();
        if (p == null) {
            throw ProblemException.notFound("no baseline for agent " + agentId + " (no event seen from it)");
        }
        return p;
    }

    @Schema(description = "Name behaviours as kind:key (e.g. lineage:/usr/bin/python3 -> /bin/bash), or an alertId to accept every behaviour that alert cites.")
    public record AcceptRequest(String behaviour, List<String> behaviours, String alertId, String reason) {
    }

    /** @param alert the alert named by alertId, now accepted; null when none was named or it had already closed */
    public record AcceptResult(String agentId, List<String> accepted, Alert alert) {
    }

    @POST
    @Path("/accept")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Accept quarantined behaviours into the baseline", description = "A behaviour that raised an alert "
            + "is not learned until accepted here. With alertId, that alert's behaviours are learned and the alert becomes accepted.")
    public AcceptResult accept(@PathParam("agentId") String agentId, AcceptRequest request,
                               @jakarta.ws.rs.core.Context jakarta.ws.rs.container.ContainerRequestContext context) {
        if (request == null) {
            throw ProblemException.badRequest("body required: {\"behaviour\": \"kind:key\"} or {\"alertId\": \"...\"}");
        }
        List<String> keys = new ArrayList<>();
        if (request.behaviour() != null) {
            keys.add(request.behaviour());
        }
        if (request.behaviours() != null) {
            keys.addAll(request.behaviours());
        }
        if (request.alertId() != null) {
            Alert a = alerts.get(request.alertId())
                    .orElseThrow(() -> ProblemException.notFound("no alert with id " + request.alertId()));
            if (!a.agentId().equals(agentId)) {
                throw ProblemException.badRequest("alert " + a.id() + " belongs to agent " + a.agentId() + ", not " + agentId);
            }
            keys.addAll(a.behaviours());
        }
        if (keys.isEmpty()) {
            throw ProblemException.badRequest("name at least one behaviour (kind:key) or an alertId");
        }
        List<Object> errors = new ArrayList<>();
        for (String k : keys) {
            if (BehaviourKey.parse(k) == null) {
                errors.add(new KeyError(k, "not a behaviour key; expected kind:key with kind one of lineage, destination, module, api-operation"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(Problem.of(400, "Bad Request", "invalid behaviour keys").withErrors(errors));
        }
        List<AcceptOutcome> outcomes = lifecycle.engine().onAgentShard(agentId,
                b -> keys.stream().map(k -> b.accept(agentId, k)).toList()).join();
        if (outcomes.contains(AcceptOutcome.UNKNOWN_AGENT)) {
            throw ProblemException.notFound("no baseline for agent " + agentId);
        }
        List<String> accepted = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            if (outcomes.get(i) == AcceptOutcome.ACCEPTED) {
                accepted.add(keys.get(i));
            } else {
                errors.add(new KeyError(keys.get(i), "not quarantined for this agent"));
            }
        }
        if (accepted.isEmpty()) {
            throw new ProblemException(Problem.of(409, "Conflict", "nothing to accept").withErrors(errors));
        }
        lifecycle.checkpoint(); // an acceptance is not in the event journal: durable before it is acknowledged
        // after the checkpoint (its own transaction): a crash in between loses the entry, never invents one
        java.util.Map<String, Object> details = new java.util.LinkedHashMap<>();
        details.put("behaviours", accepted);
        details.put("alertId", request.alertId());
        details.put("reason", request.reason());
        audit.append(io.driftwatch.audit.AuditChange.of(AlertsResource.by(context),
                io.driftwatch.audit.AuditActions.BASELINE_ACCEPTED, "agent", agentId, details));
        LOG.infof("baseline accept: agent %s accepted %s (reason: %s)", agentId, accepted,
                request.reason() == null ? "none given" : request.reason());
        Alert moved = null;
        if (request.alertId() != null) {
            try { // the alert is accepted with its behaviours, through the state machine
                moved = service.transition(request.alertId(), Alert.ACCEPTED, AlertsResource.by(context),
                        "accepted into the baseline: " + (request.reason() == null ? accepted : request.reason()));
            } catch (InvalidTransitionException e) {
                LOG.infof("alert %s not moved: %s", request.alertId(), e.getMessage());
            }
        }
        return new AcceptResult(agentId, accepted, moved);
    }

    record KeyError(String behaviour, String reason) {
    }
}
