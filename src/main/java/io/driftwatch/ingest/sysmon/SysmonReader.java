package io.driftwatch.ingest.sysmon;

import io.driftwatch.ingest.JsonRecordReader;
import io.driftwatch.ingest.ReaderLimits;

/**
 * Reads Sysmon events as JSON: Winlogbeat's shape ({@code winlog.event_id}, {@code winlog.event_data.*}, with the
 * ECS fields its Sysmon module fills in) and the flat shape of exported event logs ({@code EventID}, {@code Image},
 * ...), one object, an array, or NDJSON. Event 1 (process create) becomes a process event, and a module event for
 * the executable's own hash; 3 (network connection) a network event; 7 (image loaded) a module event. Other Sysmon
 * events, and events of other Windows channels, are ignored with the reason. The agent is the computer the event
 * was logged on. Thread-safe: share one instance.
 */
public final class SysmonReader extends JsonRecordReader {

    public SysmonReader(ReaderLimits limits) {
        super(limits, "a Sysmon event", new SysmonEventMapper()::map);
    }
}
