package io.driftwatch.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.driftwatch.api.ProblemException;
import io.driftwatch.engine.EngineLifecycle;
import io.driftwatch.engine.RuleInfo;
import io.driftwatch.engine.RuleSet;

/** Rule management: read, change, validate, reload and roll back the rule set while the service runs. */
@Path("/rules")
@Produces(MediaType.APPLICATION_JSON)
public class RulesResource {

    private final RuleManager rules;
    private final RuleVersionStore versions;
    private final EngineLifecycle lifecycle;
    private final AdminGuard admin;

    public RulesResource(RuleManager rules, RuleVersionStore versions, EngineLifecycle lifecycle, AdminGuard admin) {
        this.rules = rules;
        this.versions = versions;
        this.lifecycle = lifecycle;
        this.admin = admin;
    }

    public record RuleFile(String path, List<RuleInfo> rules) {
    }

    public record RuleSetView(long activeVersion, boolean diskMatchesActive, List<RuleFile> files) {
    }

    @GET
    @Operation(summary = "The active rule set: its version, its files and their rules with metadata",
            description = "diskMatchesActive is false when the rules directory was edited behind the service's back; POST /rules/reload activates it.")
    public RuleSetView list() {
        RuleSet active = lifecycle.engine().rules();
        List<RuleFile> files = new ArrayList<>();
        for (String path : rules.activeFiles().keySet()) {
            files.add(new RuleFile(path, active.compiled().rules().stream()
                    .filter(r -> ("rules/" + path).equals(r.file())).toList()));
        }
        return new RuleSetView(active.version(), rules.diskMatchesActive(), files);
    }

    @GET
    @Path("/versions")
    @Operation(summary = "Every activated version: content hash, author, time and message, newest first")
    public List<RuleVersion> versions() {
        return versions.all();
    }

    @GET
    @Path("/{path: .+}")
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(summary = "The text of one rule file of the active version")
    public String read(@PathParam("path") String path) {
        String text = rules.activeFiles().get(path);
        if (text == null) {
            throw ProblemException.notFound("no rule file " + path + " in the active version");
        }
        return text;
    }

    @PUT
    @Path("/{path: .+}")
    @Consumes({MediaType.TEXT_PLAIN, MediaType.APPLICATION_OCTET_STREAM, "text/x-drl", "application/yaml"})
    @Operation(summary = "Create or replace a rule file (admin)",
            description = "Activates a new version only if the whole set passes the sandbox, compiles, and every scenario still gives its expected alerts; otherwise 422 lists every problem and the running rules stay in force.")
    public RuleManager.Activation put(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                      @PathParam("path") String path, @QueryParam("author") String author,
                                      @QueryParam("message") String message, String text) {
        admin.require(authorization);
        if (text == null || text.isBlank()) {
            throw ProblemException.badRequest("empty rule file; to remove a file use DELETE /rules/" + path);
        }
        return rules.put(path, text, author, message);
    }

    @DELETE
    @Path("/{path: .+}")
    @Operation(summary = "Remove a rule file (admin); the rest must still compile and pass the scenarios")
    public RuleManager.Activation delete(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                         @PathParam("path") String path, @QueryParam("author") String author,
                                         @QueryParam("message") String message) {
        admin.require(authorization);
        return rules.delete(path, author, message);
    }

    @POST
    @Path("/reload")
    @Operation(summary = "Activate what the rules directory holds now (admin)")
    public RuleManager.Activation reload(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                         @QueryParam("author") String author, @QueryParam("message") String message) {
        admin.require(authorization);
        return rules.reload(author, message);
    }

    public record Proposal(Map<String, String> files) {
    }

    @POST
    @Path("/validate")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Compile and test a proposed change without activating it (admin)",
            description = "files maps a path to its proposed text (null deletes it). The answer lists compile problems, the scenario results, and the alerts the change would add and remove per scenario.")
    public RuleManager.Validation validate(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                           Proposal proposal) {
        admin.require(authorization);
        if (proposal == null || proposal.files() == null || proposal.files().isEmpty()) {
            throw ProblemException.badRequest("body required: {\"files\": {\"behaviour/x.drl\": \"rule ...\"}}");
        }
        return rules.validate(proposal.files());
    }

    @POST
    @Path("/rollback/{version}")
    @Operation(summary = "Make an earlier version's files active again, as a new version (admin)")
    public RuleManager.Activation rollback(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                           @PathParam("version") long version, @QueryParam("author") String author,
                                           @QueryParam("message") String message) {
        admin.require(authorization);
        return rules.rollback(version, author, message);
    }
}
