package io.driftwatch.ingest;

import java.util.ArrayList;
import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import io.driftwatch.api.Problem;
import io.driftwatch.api.ProblemException;
import io.driftwatch.config.DriftwatchConfig;
import io.driftwatch.engine.BatchResult;
import io.driftwatch.engine.EngineLifecycle;
import io.driftwatch.event.Event;

/**
 * POST /events: receive → read and validate → hand to the engine → answer once the accepted events are
 * processed and their alerts stored. One bad event never blocks the good ones.
 */
@Path("/events")
public class EventsResource {

    public static final String NDJSON = "application/x-ndjson";

    private final Ingestion ingestion;
    private final EventReader reader;

    public EventsResource(Ingestion ingestion) {
        this.ingestion = ingestion;
        this.reader = new EventReader(ingestion.limits());
    }

    @POST
    @Consumes({MediaType.APPLICATION_JSON, NDJSON, MediaType.TEXT_PLAIN})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Ingest normalized events",
            description = "One event object, a JSON array of them, or NDJSON (one per line, Content-Type application/x-ndjson). "
                    + "The response comes once accepted events are processed and their alerts stored. Events with an id "
                    + "seen within the dedup window are counted as duplicates and not processed again.")
    @RequestBody(content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Event.class), examples = {
                    @ExampleObject(name = "process", value = EventExamples.PROCESS),
                    @ExampleObject(name = "network", value = EventExamples.NETWORK),
                    @ExampleObject(name = "module", value = EventExamples.MODULE),
                    @ExampleObject(name = "api", value = EventExamples.API),
                    @ExampleObject(name = "resource", value = EventExamples.RESOURCE),
                    @ExampleObject(name = "config", value = EventExamples.CONFIG)}),
            @Content(mediaType = NDJSON, schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING,
                    description = "one event object per line"))})
    @APIResponse(responseCode = "200", description = "Some or all events accepted; each rejected one listed with index, field and reason")
    @APIResponse(responseCode = "400", description = "Every event was rejected, or the body is empty", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "413", description = "Body, batch or NDJSON line over its limit", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "503", description = "Engine saturated: nothing accepted; retry after the Retry-After seconds", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Ingestion.IngestResult ingest(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, byte[] body) {
        if (body == null || body.length == 0) {
            throw ProblemException.badRequest("empty body: send one event object, a JSON array, or NDJSON");
        }
        EventReader.Format format = contentType != null && contentType.startsWith(NDJSON)
                ? EventReader.Format.NDJSON : EventReader.Format.JSON;
        ReadResult read;
        try {
            read = reader.read(body, format);
        } catch (BatchTooLargeException | LineTooLongException e) {
            throw new ProblemException(Problem.of(413, "Content Too Large", e.getMessage()));
        }
        return ingestion.submit(read);
    }
}
