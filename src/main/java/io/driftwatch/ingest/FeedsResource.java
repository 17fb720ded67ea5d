package io.driftwatch.ingest;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import io.driftwatch.api.Problem;
import io.driftwatch.api.ProblemException;
import io.driftwatch.config.DriftwatchConfig;
import io.driftwatch.ingest.cloudtrail.CloudTrailReader;
import io.driftwatch.ingest.k8s.K8sAuditReader;

/**
 * Feeds in the formats production already emits: read the format, map each record to normalized events,
 * then the same path as POST /events. A malformed record is rejected with its index and reason; the rest of
 * the batch is processed.
 */
@Path("/ingest")
@Produces(MediaType.APPLICATION_JSON)
public class FeedsResource {

    private final Ingestion ingestion;
    private final String defaultCluster;
    private final CloudTrailReader cloudTrail;

    public FeedsResource(Ingestion ingestion, DriftwatchConfig config) {
        this.ingestion = ingestion;
        this.defaultCluster = config.drift().clusterName();
        this.cloudTrail = new CloudTrailReader(ingestion.limits());
    }

    @POST
    @Path("k8s-audit")
    @Consumes({MediaType.APPLICATION_JSON, EventsResource.NDJSON, MediaType.TEXT_PLAIN})
    @Operation(summary = "Kubernetes audit events (audit.k8s.io/v1)",
            description = "What an API server's audit webhook posts (an EventList), a single Event, or an audit log "
                    + "file as NDJSON. Writes to RBAC, workloads, admission control, namespaces, Services and "
                    + "NetworkPolicies become config events; everything else (exec, attach, port-forward, reads) becomes "
                    + "api events. Only ResponseComplete and Panic stages are mapped; earlier stages are listed as "
                    + "ignored. The agent is the cluster: ?cluster= names it, else driftwatch.drift.cluster-name.")
    @APIResponse(responseCode = "200", description = "Some or all records accepted; rejected and ignored ones listed with index and reason")
    @APIResponse(responseCode = "400", description = "No record was accepted", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "413", description = "Body, batch or NDJSON line over its limit", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "503", description = "Engine saturated: nothing accepted; retry after Retry-After seconds", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Ingestion.IngestResult k8sAudit(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                                          @QueryParam("cluster") String cluster, byte[] body) {
        requireBody(body, "an audit EventList, an Event, or NDJSON of Events");
        String agent = cluster == null || cluster.isBlank() ? defaultCluster : cluster;
        try {
            return ingestion.submit(new K8sAuditReader(agent, ingestion.limits()).read(body, ndjson(contentType)));
        } catch (BatchTooLargeException | LineTooLongException e) {
            throw new ProblemException(Problem.of(413, "Content Too Large", e.getMessage()));
        }
    }

    @POST
    @Path("cloudtrail")
    @Consumes({MediaType.APPLICATION_JSON, EventsResource.NDJSON, MediaType.TEXT_PLAIN})
    @Operation(summary = "AWS CloudTrail records",
            description = "A CloudTrail log file ({\"Records\": [...]}), a single record, or NDJSON of records. Security "
                    + "group, network ACL, route, instance attribute, IAM and trail or flow-log changes become config "
                    + "events; every other record becomes an api event, never dropped. The agent is aws-<account id>.")
    @APIResponse(responseCode = "200", description = "Some or all records accepted; rejected ones listed with index and reason")
    @APIResponse(responseCode = "400", description = "No record was accepted", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "413", description = "Body, batch or NDJSON line over its limit", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "503", description = "Engine saturated: nothing accepted; retry after Retry-After seconds", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Ingestion.IngestResult cloudTrail(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, byte[] body) {
        requireBody(body, "a CloudTrail log file, a record, or NDJSON of records");
        try {
            return ingestion.submit(cloudTrail.read(body, ndjson(contentType)));
        } catch (BatchTooLargeException | LineTooLongException e) {
            throw new ProblemException(Problem.of(413, "Content Too Large", e.getMessage()));
        }
    }

    private static boolean ndjson(String contentType) {
        return contentType != null && contentType.startsWith(EventsResource.NDJSON);
    }

    private static void requireBody(byte[] body, String what) {
        if (body == null || body.length == 0) {
            throw ProblemException.badRequest("empty body: send " + what);
        }
    }
}
