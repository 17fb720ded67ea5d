package io.driftwatch.drift;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import io.driftwatch.alert.Alert;
import io.driftwatch.api.Problem;
import io.driftwatch.api.ProblemException;
import io.driftwatch.drift.ApprovedConfig.Approval;
import io.driftwatch.drift.ConfigObject.ObjectKey;
import io.driftwatch.rules.AdminGuard;
import io.driftwatch.store.ConfigStateStore.ApprovalChange;

/**
 * The approved configuration, per agent (cluster or cloud account) and object. Reading is open; changing needs
 * the admin token, an author and a reason, and is kept in the object's history.
 */
@Path("/approved")
@Produces(MediaType.APPLICATION_JSON)
public class ApprovedResource {

    private final ApprovedService approved;
    private final AdminGuard admin;

    public ApprovedResource(ApprovedService approved, AdminGuard admin) {
        this.approved = approved;
        this.admin = admin;
    }

    /** One approved object; {@code state} null means approved as absent. */
    public record ApprovedObject(String agentId, String kind, String id, String namespace, String name,
                                 Map<String, Object> state, String approvedBy, String reason, Instant approvedAt) {
        static ApprovedObject of(Approval a) {
            ConfigObject o = a.object();
            return new ApprovedObject(o.agentId(), o.kind(), o.id(), o.namespace(), o.name(), o.state(), a.approvedBy(),
                    a.reason(), a.at());
        }
    }

    public record ApprovedDetail(ApprovedObject approved, List<ApprovalChange> history) {
    }

    public record ApprovalResult(ApprovedObject approved, List<Alert> closedAlerts) {
    }

    public record AgentSummary(String agentId, int objects) {
    }

    @GET
    @Operation(summary = "Agents (clusters, cloud accounts) with approved configuration")
    public List<AgentSummary> agents() {
        ApprovedConfig c = approved.approved();
        return c.agents().stream().map(a -> new AgentSummary(a, c.of(a).size())).toList();
    }

    @GET
    @Path("{agentId}")
    @Operation(summary = "Every approved object of an agent, without its state")
    public List<ApprovedObject> list(@PathParam("agentId") String agentId) {
        return approved.approved().of(agentId).stream().map(ApprovedObject::of)
                .map(o -> new ApprovedObject(o.agentId(), o.kind(), o.id(), o.namespace(), o.name(), null, o.approvedBy(),
                        o.reason(), o.approvedAt()))
                .sorted(Comparator.comparing(ApprovedObject::kind).thenComparing(ApprovedObject::id)).toList();
    }

    @GET
    @Path("{agentId}/{kind}/{id: .+}")
    @Operation(summary = "One approved object, its state, and its approval history (newest first)")
    @APIResponse(responseCode = "404", description = "Nothing about this object was approved", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public ApprovedDetail get(@PathParam("agentId") String agentId, @PathParam("kind") String kind,
                              @PathParam("id") String id) {
        Approval a = approved.approved().get(agentId, new ObjectKey(kind, id));
        if (a == null) {
            throw ProblemException.notFound("nothing approved for " + kind + " " + id + " on " + agentId);
        }
        return new ApprovedDetail(ApprovedObject.of(a), approved.history(agentId, new ObjectKey(kind, id)));
    }

    @PUT
    @Path("{agentId}/{kind}/{id: .+}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Approve an object in the given state",
            description = "The body is a Kubernetes manifest, or a cloud object in Driftwatch's form (kind, region, name, "
                    + "then its fields). It must name the object of the path. Drift the new approval covers closes as "
                    + "accepted; the change is kept in the object's history with author and reason.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = {
            @ExampleObject(name = "security group", value = """
                    {"kind": "SecurityGroup", "region": "eu-west-1", "name": "sg-0a1b2c",
                     "ingress": [{"protocol": "tcp", "fromPort": 443, "toPort": 443, "cidr": "0.0.0.0/0"}], "egress": []}"""),
            @ExampleObject(name = "deployment", value = """
                    {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web", "namespace": "shop"},
                     "spec": {"template": {"spec": {"containers": [{"name": "web",
                       "image": "registry.example/shop/web@sha256:4f1c0ee5b0d54c0f2a4e6d1f7d2b9a8c3e5f60718293a4b5c6d7e8f90a1b2c3d"}]}}}}""")}))
    @APIResponse(responseCode = "400", description = "The body does not name the path's object, or author or reason is missing", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "401", description = "No admin token", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "403", description = "Wrong admin token", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public ApprovalResult put(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                              @PathParam("agentId") String agentId, @PathParam("kind") String kind,
                              @PathParam("id") String id, @QueryParam("author") String author,
                              @QueryParam("reason") String reason, Map<String, Object> body) {
        admin.require(authorization);
        requireWhoAndWhy(author, reason);
        if (body == null) {
            throw ProblemException.badRequest("the body must be the object to approve, as JSON");
        }
        List<ConfigObject> objects;
        try {
            objects = ApprovedFiles.objects(agentId, body, "body");
        } catch (ApprovedConfigException e) {
            throw ProblemException.badRequest(e.getMessage());
        }
        ObjectKey key = new ObjectKey(kind, id);
        if (objects.size() != 1 || !objects.get(0).key().equals(key)) {
            throw ProblemException.badRequest("the body names " + (objects.size() == 1 ? objects.get(0).key()
                    : objects.size() + " objects") + ", the path " + key);
        }
        List<Alert> closed = approved.approve(objects.get(0), author, reason);
        return new ApprovalResult(ApprovedObject.of(approved.approved().get(agentId, key)), closed);
    }

    @DELETE
    @Path("{agentId}/{kind}/{id: .+}")
    @Operation(summary = "Approve an object as absent", description = "Its deletion is then the approved state; "
            + "its existence is drift.")
    public ApprovalResult delete(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                 @PathParam("agentId") String agentId, @PathParam("kind") String kind,
                                 @PathParam("id") String id, @QueryParam("author") String author,
                                 @QueryParam("reason") String reason) {
        admin.require(authorization);
        requireWhoAndWhy(author, reason);
        int slash = id.lastIndexOf('/');
        String namespace = slash < 0 ? null : id.substring(0, slash);
        ConfigObject absent = new ConfigObject(agentId, kind, id, namespace, id.substring(slash + 1), null);
        List<Alert> closed = approved.approve(absent, author, reason);
        return new ApprovalResult(ApprovedObject.of(approved.approved().get(agentId, absent.key())), closed);
    }

    static void requireWhoAndWhy(String author, String reason) {
        if (author == null || author.isBlank() || reason == null || reason.isBlank()) {
            throw ProblemException.badRequest("an approval needs ?author= (who approves) and ?reason= (why: a change "
                    + "ticket, a release) so the history can answer an auditor");
        }
    }
}
