package io.driftwatch.ingest;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.driftwatch.api.Problem;
import io.driftwatch.api.ProblemException;
import io.driftwatch.config.DriftwatchConfig;
import io.driftwatch.engine.BatchResult;
import io.driftwatch.engine.EngineLifecycle;
import io.driftwatch.event.Event;

/**
 * What every ingest endpoint does once its format is read: count rejections, hand the accepted events to the
 * engine, and answer once they are processed and their alerts stored. One bad record never blocks the good ones.
 */
@ApplicationScoped
public class Ingestion {

    private final EngineLifecycle lifecycle;
    private final IngestMetrics metrics;
    private final ReaderLimits limits;
    private final long submitWaitMillis;
    private final io.driftwatch.ingest.kafka.EventsToKafka forward;

    public Ingestion(EngineLifecycle lifecycle, DriftwatchConfig config, IngestMetrics metrics,
                     io.driftwatch.ingest.kafka.EventsToKafka forward) {
        this.forward = forward;
        this.lifecycle = lifecycle;
        this.metrics = metrics;
        DriftwatchConfig.Ingest i = config.ingest();
        this.limits = new ReaderLimits(i.maxEvents(), i.maxLineBytes(), i.maxNestingDepth(), i.maxStringLength());
        this.submitWaitMillis = config.engine().submitWait().toMillis();
    }

    /**
     * What happened to a batch: how many events were processed, why each rejected record was refused, and why
     * each ignored record (read, deliberately not turned into an event) was left out.
     */
    public record IngestResult(int accepted, int duplicates, int late, int detections,
                               List<ReadResult.Rejection> rejected, List<ReadResult.Rejection> ignored,
                               @org.eclipse.microprofile.openapi.annotations.media.Schema(description = "Scale-out "
                                       + "only: events handed to the Kafka events topic, processed by the instance "
                                       + "that holds their agent (their detections are not counted here)")
                               @com.fasterxml.jackson.annotation.JsonInclude(
                                       com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
                               Integer forwarded) {

        IngestResult(int accepted, int duplicates, int late, int detections, List<ReadResult.Rejection> rejected,
                     List<ReadResult.Rejection> ignored) {
            this(accepted, duplicates, late, detections, rejected, ignored, null);
        }
    }

    public ReaderLimits limits() {
        return limits;
    }

    /** 400 when no record was accepted or deliberately ignored; otherwise the engine's answer. */
    public IngestResult submit(ReadResult read) {
        metrics.rejected(read.rejections());
        if (read.events().isEmpty() && read.ignored().isEmpty()) {
            throw new ProblemException(Problem.of(400, "Bad Request", "no event was accepted")
                    .withErrors(read.rejections()));
        }
        if (read.events().isEmpty()) {
            return new IngestResult(0, 0, 0, 0, List.of(), read.ignored());
        }
        List<Event> events = new ArrayList<>(read.events().size());
        read.events().forEach(i -> events.add(i.event()));
        if (lifecycle.sharesAgents()) {
            forward.send(events);
            return new IngestResult(events.size(), 0, 0, 0, read.rejections(), read.ignored(), events.size());
        }
        BatchResult r = lifecycle.submit(events, submitWaitMillis).join();
        metrics.accepted(r);
        return new IngestResult(r.processed(), r.duplicates(), r.late(), r.detections(), read.rejections(),
                read.ignored());
    }
}
