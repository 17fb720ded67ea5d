package io.driftwatch.auth;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.driftwatch.api.ProblemException;
import io.driftwatch.rules.AdminGuard;

/** API tokens: create one per sender or person with the roles it needs, list them, revoke them. Admin only. */
@Path("/tokens")
@Produces(MediaType.APPLICATION_JSON)
public class TokensResource {

    private final Tokens tokens;
    private final TokenStore store;
    private final AdminGuard admin;

    public TokensResource(Tokens tokens, TokenStore store, AdminGuard admin) {
        this.tokens = tokens;
        this.store = store;
        this.admin = admin;
    }

    public record NewToken(String name, List<String> roles) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a token", description = "Body {\"name\": \"kafka-bridge\", \"roles\": [\"ingest\"]}; roles "
            + "ingest, analyst, admin. The token is in this answer only; Driftwatch keeps its SHA-256.")
    public Response create(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, NewToken body) {
        Caller by = admin.require(authorization);
        if (body == null || body.name() == null || body.name().isBlank() || body.roles() == null || body.roles().isEmpty()) {
            throw ProblemException.badRequest("a token needs a name and at least one role of ingest, analyst, admin");
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String r : body.roles()) {
            Role role = Role.fromJson(r);
            if (role == null) {
                throw ProblemException.badRequest("unknown role '" + r + "': expected ingest, analyst or admin");
            }
            roles.add(role);
        }
        return Response.status(201).entity(tokens.create(body.name(), roles, by.name())).build();
    }

    @GET
    @Operation(summary = "Every token, without its secret")
    public List<TokenStore.TokenInfo> list(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        admin.require(authorization);
        return store.all();
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Revoke a token; it stops working at once")
    public Response revoke(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("id") String id) {
        Caller by = admin.require(authorization);
        if (!tokens.revoke(id, by.name())) {
            throw ProblemException.notFound("no active token " + id);
        }
        return Response.noContent().build();
    }
}
