package io.driftwatch.ingest.k8s;

import io.driftwatch.ingest.ReadResult;
import io.driftwatch.ingest.ReadResult.Indexed;
import io.driftwatch.ingest.ReadResult.Rejection;
import io.driftwatch.ingest.k8s.RecordFields.Problem;
import java.util.ArrayList;
import java.util.List;

/** The events, rejections and ignored records of one body, collected in body order. */
final class AuditBatch {

    private final List<Indexed> events = new ArrayList<>();
    private final List<Rejection> rejections = new ArrayList<>();
    private final List<Rejection> ignored = new ArrayList<>();

    void add(int index, Integer line, AuditRecordMapper.Outcome outcome) {
        if (outcome.event() != null) {
            events.add(new Indexed(index, outcome.event()));
        } else if (outcome.ignored() != null) {
            ignored.add(new Rejection(index, line, "", outcome.ignored()));
        } else {
            for (Problem p : outcome.problems()) {
                rejections.add(new Rejection(index, line, p.field(), p.reason()));
            }
        }
    }

    void reject(int index, Integer line, String field, String reason) {
        rejections.add(new Rejection(index, line, field, reason));
    }

    ReadResult result() {
        return new ReadResult(events, rejections, ignored);
    }
}
