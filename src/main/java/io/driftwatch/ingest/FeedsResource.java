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
import io.driftwatch.ingest.falco.FalcoReader;
import io.driftwatch.ingest.k8s.K8sAuditReader;
import io.driftwatch.ingest.sysmon.SysmonReader;
import io.driftwatch.ingest.tetragon.TetragonReader;
import java.util.function.Supplier;

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
    private final FalcoReader falco;
    private final TetragonReader tetragon;
    private final SysmonReader sysmon;

    public FeedsResource(Ingestion ingestion, DriftwatchConfig config) {
        this.ingestion = ingestion;
        this.defaultCluster = config.drift().clusterName();
        this.cloudTrail = new CloudTrailReader(ingestion.limits());
        this.falco = new FalcoReader(ingestion.limits());
        this.tetragon = new TetragonReader(ingestion.limits());
        this.sysmon = new SysmonReader(ingestion.limits());
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
        return submit(() -> new K8sAuditReader(agent, ingestion.limits()).read(body, ndjson(contentType)));
    }

    @POST
    @Path("k8s-audit/{cluster}")
    @Consumes({MediaType.APPLICATION_JSON, EventsResource.NDJSON, MediaType.TEXT_PLAIN})
    @Operation(summary = "Kubernetes audit events of the cluster the path names",
            description = "As POST /ingest/k8s-audit, the cluster (the agent) named in the path: an API server's audit "
                    + "webhook drops the query string of its kubeconfig URL, so ?cluster= cannot reach us from there.")
    @APIResponse(responseCode = "200", description = "Some or all records accepted; rejected and ignored ones listed with index and reason")
    @APIResponse(responseCode = "400", description = "No record was accepted", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Ingestion.IngestResult k8sAuditOfCluster(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                                                   @jakarta.ws.rs.PathParam("cluster") String cluster, byte[] body) {
        return k8sAudit(contentType, cluster, body);
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
        return submit(() -> cloudTrail.read(body, ndjson(contentType)));
    }

    @POST
    @Path("falco")
    @Consumes({MediaType.APPLICATION_JSON, EventsResource.NDJSON, MediaType.TEXT_PLAIN})
    @Operation(summary = "Falco alerts",
            description = "What Falco's http_output or falcosidekick's webhook posts (one alert), a JSON array of alerts, "
                    + "or NDJSON (Falco's json_output file). A syscall alert whose output fields name a remote address "
                    + "(fd.rip, fd.sip) becomes a network event, else a process event with its lineage (proc.exepath, "
                    + "proc.pexepath or proc.pname, proc.args, container.id, container.image.*); alerts of other sources "
                    + "are listed as ignored. The agent is the alert's hostname; ?agent= names it for alerts without one.")
    @APIResponse(responseCode = "200", description = "Some or all alerts accepted; rejected and ignored ones listed with index and reason")
    @APIResponse(responseCode = "400", description = "No alert was accepted", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "413", description = "Body, batch or NDJSON line over its limit", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "503", description = "Engine saturated: nothing accepted; retry after Retry-After seconds", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Ingestion.IngestResult falco(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                                        @QueryParam("agent") String agent, byte[] body) {
        requireBody(body, "a Falco alert, an array of alerts, or NDJSON of alerts");
        return submit(() -> falco.read(body, ndjson(contentType), blankToNull(agent)));
    }

    @POST
    @Path("tetragon")
    @Consumes({MediaType.APPLICATION_JSON, EventsResource.NDJSON, MediaType.TEXT_PLAIN})
    @Operation(summary = "Tetragon JSON export",
            description = "Tetragon's export lines as NDJSON (also a JSON array, or one event). process_exec becomes a "
                    + "process event with its lineage, pod container and image digest; process_connect and kprobes with "
                    + "socket arguments (tcp_connect) network events; a kprobe or LSM hook with a file and its ima_hash a "
                    + "module event. process_exit, process_close, process_listen and kprobes without a socket or hash are "
                    + "listed as ignored. The agent is the node_name; ?agent= names it for events without one.")
    @APIResponse(responseCode = "200", description = "Some or all events accepted; rejected and ignored ones listed with index and reason")
    @APIResponse(responseCode = "400", description = "No event was accepted", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "413", description = "Body, batch or NDJSON line over its limit", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "503", description = "Engine saturated: nothing accepted; retry after Retry-After seconds", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Ingestion.IngestResult tetragon(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                                           @QueryParam("agent") String agent, byte[] body) {
        requireBody(body, "Tetragon export lines as NDJSON, an array of events, or one event");
        return submit(() -> tetragon.read(body, ndjson(contentType), blankToNull(agent)));
    }

    @POST
    @Path("sysmon")
    @Consumes({MediaType.APPLICATION_JSON, EventsResource.NDJSON, MediaType.TEXT_PLAIN})
    @Operation(summary = "Sysmon events as JSON",
            description = "Winlogbeat's shape (winlog.event_id, winlog.event_data, and the ECS fields of its Sysmon "
                    + "module) or the flat shape of exported event logs (EventID, Image, ...): one event, an array, or "
                    + "NDJSON. Event 1 (process create) becomes a process event with its parent, plus a module event for "
                    + "the executable's SHA256; 3 (network connection) a network event; 6 (driver) and 7 (image loaded) "
                    + "module events. Other Sysmon events and other Windows channels are listed as ignored. The agent is "
                    + "the computer (Computer, Hostname, winlog.computer_name, host.name); ?agent= names it otherwise.")
    @APIResponse(responseCode = "200", description = "Some or all events accepted; rejected and ignored ones listed with index and reason")
    @APIResponse(responseCode = "400", description = "No event was accepted", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "413", description = "Body, batch or NDJSON line over its limit", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "503", description = "Engine saturated: nothing accepted; retry after Retry-After seconds", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Ingestion.IngestResult sysmon(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                                         @QueryParam("agent") String agent, byte[] body) {
        requireBody(body, "a Sysmon event, an array of events, or NDJSON of events");
        return submit(() -> sysmon.read(body, ndjson(contentType), blankToNull(agent)));
    }

    /** Reads the body and hands on what it holds; a body over a reader limit is refused whole. */
    private Ingestion.IngestResult submit(Supplier<ReadResult> read) {
        ReadResult result;
        try {
            result = read.get();
        } catch (BatchTooLargeException | LineTooLongException e) {
            throw new ProblemException(Problem.of(413, "Content Too Large", e.getMessage()));
        }
        return ingestion.submit(result);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
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
