package io.driftwatch.auth;

import java.util.List;
import java.util.Optional;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.driftwatch.api.Problem;
import io.driftwatch.config.DriftwatchConfig;

/**
 * Every request but the open paths needs a bearer token whose roles allow it (an API token, or when enabled an
 * identity-provider JWT): 401 without a (valid) token, saying which check a JWT failed; 403 with one that lacks
 * the role. The caller's name is kept on the request for audit; the token never is.
 */
public class AccessFilter {

    static final String CALLER = "driftwatch.caller";

    private final Tokens tokens;
    private final List<String> openPaths;

    public AccessFilter(Tokens tokens, DriftwatchConfig config) {
        this.tokens = tokens;
        this.openPaths = config.auth().openPaths();
    }

    /** The authenticated caller of this request, or null on an open path. */
    public static Caller caller(ContainerRequestContext request) {
        return request == null ? null : (Caller) request.getProperty(CALLER);
    }

    @ServerRequestFilter
    public Optional<Response> check(ContainerRequestContext request) {
        Role required = AccessRules.required(request.getMethod(), request.getUriInfo().getPath(), openPaths);
        if (required == null) {
            return Optional.empty();
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        String token = header != null && header.startsWith("Bearer ") ? header.substring("Bearer ".length()).trim() : null;
        Optional<Caller> caller;
        try {
            caller = tokens.authenticate(token);
        } catch (JwtRejectedException e) {
            return Optional.of(problem(401, "Unauthorized", e.getMessage()));
        }
        if (caller.isEmpty()) {
            return Optional.of(problem(401, "Unauthorized", token == null
                    ? "this request needs a token: Authorization: Bearer <token> (role " + required.json() + ")"
                    : "the token presented is not valid (unknown or revoked)"));
        }
        if (!caller.get().may(required)) {
            return Optional.of(problem(403, "Forbidden", "token '" + caller.get().name() + "' lacks the role "
                    + required.json() + " this request needs"));
        }
        request.setProperty(CALLER, caller.get());
        return Optional.empty();
    }

    private static Response problem(int status, String title, String detail) {
        Response.ResponseBuilder r = Response.status(status).type(Problem.MEDIA_TYPE).entity(Problem.of(status, title, detail));
        if (status == 401) {
            r.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"driftwatch\"");
        }
        return r.build();
    }
}
