package io.driftwatch.evidence;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import io.driftwatch.api.ProblemException;
import io.driftwatch.audit.Actors;

/** The compliance evidence report of a period, as JSON or as a printable HTML page (role analyst, like any read). */
@Path("/evidence")
public class EvidenceResource {

    static final Duration DEFAULT_PERIOD = Duration.ofDays(30);
    static final Duration MAX_PERIOD = Duration.ofDays(400);

    private final EvidenceService evidence;
    private final Actors actors;
    private final Clock clock;

    public EvidenceResource(EvidenceService evidence, Actors actors, Clock clock) {
        this.evidence = evidence;
        this.actors = actors;
        this.clock = clock;
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, MediaType.TEXT_HTML})
    @Operation(summary = "Compliance evidence of continuous drift validation over a period",
            description = "JSON by default; an HTML page to read and print with Accept: text/html or format=html. Agents "
                    + "and events covered, checks performed, drift found and how it was resolved, exceptions, rule changes, "
                    + "deployment records, chain verification, mapped to SOC 2, PCI DSS 4.0 and HIPAA controls.")
    public Response report(@Parameter(description = "ISO-8601 instant or date (UTC); default: 30 days before to")
                           @QueryParam("from") String from,
                           @Parameter(description = "ISO-8601 instant or date (exclusive, UTC); default: now")
                           @QueryParam("to") String to,
                           @Parameter(description = "json or html; overrides Accept") @QueryParam("format") String format,
                           @HeaderParam(HttpHeaders.ACCEPT) String accept,
                           @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        Instant end = to == null || to.isBlank() ? clock.instant() : instant("to", to);
        Instant start = from == null || from.isBlank() ? end.minus(DEFAULT_PERIOD) : instant("from", from);
        if (!start.isBefore(end)) {
            throw ProblemException.badRequest("from (" + start + ") must be before to (" + end + ")");
        }
        if (Duration.between(start, end).compareTo(MAX_PERIOD) > 0) {
            throw ProblemException.badRequest("a report covers at most " + MAX_PERIOD.toDays() + " days; ask for several");
        }
        boolean html;
        if (format != null && !format.isBlank()) {
            if (!format.equals("html") && !format.equals("json")) {
                throw ProblemException.badRequest("format is json or html; got '" + format + "'");
            }
            html = format.equals("html");
        } else {
            html = accept != null && accept.contains(MediaType.TEXT_HTML)
                    && (!accept.contains(MediaType.APPLICATION_JSON) || accept.indexOf(MediaType.TEXT_HTML) < accept.indexOf(MediaType.APPLICATION_JSON));
        }
        EvidenceReport r = evidence.report(start, end, actors.of(authorization));
        return html ? Response.ok(EvidenceHtml.render(r), MediaType.TEXT_HTML_TYPE.withCharset("utf-8")).build()
                : Response.ok(r, MediaType.APPLICATION_JSON_TYPE).build();
    }

    /** An instant, or a date meaning its start (UTC). */
    static Instant instant(String name, String value) {
        try {
            return value.length() == 10 ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest(name + " is not an ISO-8601 instant or date: '" + value
                    + "' (expected e.g. 2026-11-01 or 2026-11-01T00:00:00Z)");
        }
    }
}
