package io.driftwatch.api;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.List;

import io.driftwatch.alert.InvalidTransitionException;
import io.driftwatch.engine.EngineSaturatedException;
import io.driftwatch.engine.RuleCompilationException;
import io.driftwatch.rules.RuleChangeRejectedException;

/** Maps every failure to one JSON shape, in one place. */
public class ProblemMapper {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

    @Context
    UriInfo uri;

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        Response.ResponseBuilder r = respond(e.problem());
        if (e.retryAfter() != null) {
            r.header("Retry-After", Math.max(1, e.retryAfter().toSeconds()));
        }
        return r.build();
    }

    @ServerExceptionMapper
    public Response saturated(EngineSaturatedException e) {
        return respond(Problem.of(503, "Service Unavailable", e.getMessage()))
                .header("Retry-After", Math.max(1, e.retryAfter().toSeconds())).build();
    }

    @ServerExceptionMapper
    public Response rules(RuleCompilationException e) {
        return respond(Problem.of(422, "Unprocessable Content",
                "the rule set does not compile or reaches outside the sandbox; the running rules stay in force")
                .withErrors(e.problems())).build();
    }

    @ServerExceptionMapper
    public Response ruleChange(RuleChangeRejectedException e) {
        return respond(Problem.of(422, "Unprocessable Content", e.getMessage()).withErrors(e.errors())).build();
    }

    @ServerExceptionMapper
    public Response transition(InvalidTransitionException e) {
        return respond(Problem.of(409, "Conflict", e.getMessage()).withErrors(List.of(new InvalidTransitionException.Detail(
                e.alertId(), e.current(), e.requested(), e.allowed())))).build();
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        String reason = e.getResponse().getStatusInfo().getReasonPhrase();
        return respond(Problem.of(status, reason, e.getMessage())).build();
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        LOG.error("request failed", e);
        return respond(Problem.of(500, "Internal Server Error", "unexpected error; see the service log")).build();
    }

    private Response.ResponseBuilder respond(Problem p) {
        Problem withPath = uri == null ? p : p.at(uri.getPath());
        return Response.status(p.status()).type(Problem.MEDIA_TYPE).entity(withPath);
    }
}
