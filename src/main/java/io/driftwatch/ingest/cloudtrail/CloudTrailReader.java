package io.driftwatch.ingest.cloudtrail;

import io.driftwatch.event.Event;
import io.driftwatch.ingest.BatchTooLargeException;
import io.driftwatch.ingest.LineTooLongException;
import io.driftwatch.ingest.ReadResult;
import io.driftwatch.ingest.ReadResult.Indexed;
import io.driftwatch.ingest.ReadResult.Rejection;
import io.driftwatch.ingest.NdjsonLines;
import io.driftwatch.ingest.ReaderLimits;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads AWS CloudTrail into normalized events: a log file ({"Records": [...]}), one record, an array of records,
 * or NDJSON of records. A successful call that changes a security group, instance, network ACL, route table, IAM
 * identity or policy, trail or flow log becomes config events; every other record, and every failed call, one api
 * event. A record is never dropped: it becomes events or is rejected with its index, field and reason, the way
 * {@link io.driftwatch.ingest.EventReader} reports events. Thread-safe: share one instance.
 */
public final class CloudTrailReader {

    private static final String NOT_A_RECORD = "expected a JSON object, got ";
    private static final String NOT_A_LOG = "expected a CloudTrail log file {\"Records\": [...]}, a record object or an"
            + " array of records, got ";

    private final ReaderLimits limits;
    private final RecordParser parser;
    private final RecordMapper mapper;

    public CloudTrailReader(ReaderLimits limits) {
        this.limits = limits;
        this.parser = new RecordParser(limits);
        this.mapper = new RecordMapper(parser);
    }

    /**
     * Reads every record of the body. The index of an event or rejection is the record's position (element of
     * Records or of the array, or non-blank NDJSON line); one record may give several events with its index.
     *
     * @throws BatchTooLargeException when the body holds more than {@link ReaderLimits#maxEvents()} records
     * @throws LineTooLongException   when an NDJSON line is longer than {@link ReaderLimits#maxLineBytes()}
     */
    public ReadResult read(byte[] body, boolean ndjson) {
        Batch batch = new Batch();
        int from = startAfterBom(body);
        if (ndjson) {
            readLines(body, from, batch);
        } else {
            readJson(body, from, batch);
        }
        return new ReadResult(batch.events, batch.rejections, List.of());
    }

    /**
     * Reads the framed records in order. As in the event reader, JSON cannot be resumed after a syntax error: the
     * records before it are kept, it is rejected once, at the index of the record it lies in, and the rest is not
     * read. A record over a limit is well framed, so only it is rejected.
     */
    private void readJson(byte[] body, int from, Batch batch) {
        RecordFraming.Frames frames = RecordFraming.frame(body, from, limits.maxEvents());
        TextPosition position = new TextPosition(body);
        if (frames.scalar() != null) {
            RecordFraming.Slice s = frames.scalar();
            record(body, s.start(), s.end() - s.start(), 0, null,
                    RecordParser.Origin.json(position.line(s.start()), position.column(s.start())), NOT_A_LOG, batch);
        }
        List<RecordFraming.Slice> records = frames.records();
        boolean inArray = frames.inArray();
        for (int i = 0; i < records.size(); i++) {
            RecordFraming.Slice s = records.get(i);
            RecordParser.Parsed parsed = parser.parse(body, s.start(), s.end() - s.start(),
                    RecordParser.Origin.json(position.line(s.start()), position.column(s.start())), NOT_A_RECORD);
            if (parsed.malformed()) {
                batch.rejections.add(new Rejection(i, null, "", parsed.problem().reason()
                        + (inArray ? RecordFraming.ARRAY_STOPPED : "")));
                return;
            }
            map(parsed, i, null, batch);
        }
        RecordFraming.Problem problem = frames.problem();
        if (problem != null) {
            batch.rejections.add(new Rejection(problem.index(), null, problem.field(), problem.reason()));
        }
    }

    /** One record per line, as the event reader reads NDJSON: blank lines skipped, \r\n accepted. */
    private void readLines(byte[] body, int from, Batch batch) {
        NdjsonLines.forEach(body, from, limits, (index, line, offset, length) ->
                record(body, offset, length, index, line, RecordParser.Origin.ndjsonLine(), NOT_A_RECORD, batch));
    }

    private void record(byte[] body, int offset, int length, int index, Integer line, RecordParser.Origin origin,
                        String notObject, Batch batch) {
        map(parser.parse(body, offset, length, origin, notObject), index, line, batch);
    }

    private void map(RecordParser.Parsed parsed, int index, Integer line, Batch batch) {
        if (parsed.problem() != null) {
            batch.reject(index, line, List.of(parsed.problem()));
            return;
        }
        RecordMapper.Mapped mapped = mapper.map(parsed.record());
        if (!mapped.problems().isEmpty()) {
            batch.reject(index, line, mapped.problems());
            return;
        }
        for (Event e : mapped.events()) {
            batch.events.add(new Indexed(index, e));
        }
    }

    

    

    private static int startAfterBom(byte[] body) {
        return body.length >= 3 && body[0] == (byte) 0xEF && body[1] == (byte) 0xBB && body[2] == (byte) 0xBF ? 3 : 0;
    }

    /** The events and rejections of one body, in body order. */
    private static final class Batch {
        final List<Indexed> events = new ArrayList<>();
        final List<Rejection> rejections = new ArrayList<>();

        void reject(int index, Integer line, List<BadField> problems) {
            for (BadField p : problems) {
                rejections.add(new Rejection(index, line, p.field(), p.reason()));
            }
        }
    }
}
