package io.driftwatch.change;

import java.net.URI;
import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import io.driftwatch.api.Problem;
import io.driftwatch.api.ProblemException;
import io.driftwatch.rules.AdminGuard;

/**
 * Deployment records from CI/CD: signed, append-only, hash-chained. Posting needs a valid signature; reading
 * and verifying are open; acknowledging a broken chain needs the admin token, an author and a reason.
 */
@Path("/deployments")
@Produces(MediaType.APPLICATION_JSON)
public class DeploymentsResource {

    static final int MAX_LIMIT = 1000;

    static final String EXAMPLE = """
            {"id": "shop-web-4711", "service": "shop-web", "workload": "Deployment/shop/web",
             "scope": {"agents": ["web-1"], "groups": ["shop"], "cluster": "prod-eu", "namespace": "shop", "account": "111122223333"},
             "commit": "9fceb02d0ae598e95dc970b74767f19372d61af8",
             "images": [{"name": "registry.example/shop/web:1.4.2",
                         "digest": "sha256:4f1c0ee5b0d54c0f2a4e6d1f7d2b9a8c3e5f60718293a4b5c6d7e8f90a1b2c3d"}],
             "pipeline": {"name": "shop-web-release", "runId": "4711", "url": "https://ci.example/runs/4711"},
             "actor": "alice@example.com", "startedAt": "2026-11-20T10:00:00Z", "finishedAt": "2026-11-20T10:04:00Z",
             "expects": {"lineages": ["/usr/bin/python3 -> /usr/bin/git"],
                         "moduleHashes": ["9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"],
                         "destinations": ["api.github.com"], "configObjects": ["Deployment/shop/web"]}}""";

    private final DeploymentRecords records;
    private final AdminGuard admin;

    public DeploymentsResource(DeploymentRecords records, AdminGuard admin) {
        this.records = records;
        this.admin = admin;
    }

    /** A page of records, newest first. */
    public record DeploymentPage(List<StoredDeployment> items, int limit, int offset, Integer nextOffset) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Record a deployment (signed by CI)",
            description = "The body is stored exactly as sent and appended to the hash chain. X-Driftwatch-Signature "
                    + "signs the exact body bytes: hmac-sha256=<hex> with driftwatch.deployments.hmac-key, or "
                    + "ed25519=<base64> with driftwatch.deployments.ed25519-keys.<pipeline.name>. Required: service, "
                    + "scope (one of agents, groups, cluster, namespace, account), images (may be empty), pipeline.name, "
                    + "actor, startedAt and finishedAt (RFC 3339, finishedAt not before startedAt). Without an id, the "
                    + "record is stored under a UUID derived from the body. Once this answers, the engine has the record.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "release", value = EXAMPLE)))
    @APIResponse(responseCode = "201", description = "Stored; the stored record with its place in the chain",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = StoredDeployment.class)))
    @APIResponse(responseCode = "400", description = "Not a valid record: every problem listed in errors as {field, reason}", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "401", description = "No X-Driftwatch-Signature header", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "403", description = "Wrong signature, no key for the pipeline, or a scheme whose key is not configured", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "409", description = "A record with this id (or, without an id, this very body) exists", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "413", description = "Body over 256 KiB", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Response create(@Parameter(description = "hmac-sha256=<hex> or ed25519=<base64>, over the exact body bytes")
                           @HeaderParam(RecordSignatures.HEADER) String signature, byte[] body) {
        StoredDeployment stored = records.accept(body, signature);
        return Response.created(URI.create("/deployments/" + stored.id())).entity(stored).build();
    }

    @GET
    @Operation(summary = "List deployment records, newest first", description = "Page with limit and offset (nextOffset is set when more may follow).")
    public DeploymentPage list(@QueryParam("limit") @DefaultValue("100") int limit,
                               @QueryParam("offset") @DefaultValue("0") int offset) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ProblemException.badRequest("limit must be between 1 and " + MAX_LIMIT + "; got " + limit);
        }
        if (offset < 0) {
            throw ProblemException.badRequest("offset must not be negative; got " + offset);
        }
        List<StoredDeployment> items = records.list(limit, offset);
        return new DeploymentPage(items, limit, offset, items.size() == limit ? offset + limit : null);
    }

    @GET
    @Path("verify")
    @Operation(summary = "Verify the record chain",
            description = "Walks the chain from its anchor: recomputes each hash, checks each link, id and signature, and "
                    + "that the head names the newest record. intact: no break; accepted: intact or every break "
                    + "acknowledged (only then do records explain alerts). A new unacknowledged break raises a "
                    + "high-severity alert on agent driftwatch. Also runs at start, on a schedule and after each record.")
    public ChainVerification verify() {
        return records.verify();
    }

    @POST
    @Path("verify/acknowledge")
    @Operation(summary = "Acknowledge the chain's current breaks",
            description = "Accepts every break verification finds now and no acknowledgment covers (who, why, when and "
                    + "which break are kept); closes their alerts as accepted. Verification accepts exactly those breaks "
                    + "afterwards, so records explain alerts again; any new break turns that off again.")
    @APIResponse(responseCode = "200", description = "What was acknowledged, and the verification that followed")
    @APIResponse(responseCode = "400", description = "author or reason missing", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "401", description = "No admin token", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "403", description = "Wrong admin token", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "409", description = "Nothing to acknowledge", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public DeploymentRecords.Acknowledged acknowledge(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                                      @QueryParam("author") String author,
                                                      @QueryParam("reason") String reason) {
        admin.require(authorization);
        if (author == null || author.isBlank() || reason == null || reason.isBlank()) {
            throw ProblemException.badRequest("acknowledging a broken chain needs ?author= (who) and ?reason= (why: "
                    + "what was found, an incident ticket) so an auditor can see who turned suppression back on");
        }
        if (author.length() > 256 || reason.length() > 2000) {
            throw ProblemException.badRequest("author is at most 256 characters, reason at most 2000");
        }
        return records.acknowledge(author, reason);
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One deployment record, with its place in the chain and whether it verifies")
    @APIResponse(responseCode = "404", description = "No record with this id", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public StoredDeployment get(@PathParam("id") String id) {
        return records.get(id).orElseThrow(() -> ProblemException.notFound("no deployment record with id " + id));
    }
}
