package io.driftwatch.bench;

import java.util.ArrayList;
import java.util.List;

import io.driftwatch.event.Event;
import io.driftwatch.ingest.EventReader;
import io.driftwatch.ingest.ReadResult;

/** Parses NDJSON in the event contract with the service's own reader and default limits. */
final class ContractParser {

    private final EventReader reader = new EventReader();
    private long rejected;
    private String firstProblem;

    /** The accepted events of one NDJSON body of at most 100,000 lines; rejected lines are counted. */
    List<Event> parse(byte[] ndjson) {
        ReadResult read = reader.read(ndjson, EventReader.Format.NDJSON);
        if (!read.rejections().isEmpty()) {
            rejected += read.rejectedCount();
            if (firstProblem == null) {
                firstProblem = read.rejections().get(0).toString();
            }
        }
        List<Event> events = new ArrayList<>(read.events().size());
        for (ReadResult.Indexed i : read.events()) {
            events.add(i.event());
        }
        return events;
    }

    long rejected() {
        return rejected;
    }

    /** The first rejection seen, or null. */
    String firstProblem() {
        return firstProblem;
    }
}
