package io.driftwatch.ingest.falco;

import io.driftwatch.ingest.JsonRecordReader;
import io.driftwatch.ingest.ReaderLimits;

/**
 * Reads Falco alerts as Falco's {@code http_output} and falcosidekick's webhook post them (one JSON object), or
 * several: a JSON array, or NDJSON (Falco's {@code json_output} file). A syscall alert becomes a network event when
 * its output names a remote address, else a process event with its lineage; alerts of other sources are ignored
 * with the reason. The agent is the host Falco runs on ({@code hostname}). Thread-safe: share one instance.
 */
public final class FalcoReader extends JsonRecordReader {

    public FalcoReader(ReaderLimits limits) {
        super(limits, "a Falco alert", new FalcoAlertMapper()::map);
    }
}
