package io.driftwatch.ingest.tetragon;

import io.driftwatch.ingest.JsonRecordReader;
import io.driftwatch.ingest.ReaderLimits;

/**
 * Reads Tetragon's JSON export (one event a line, as the export file and {@code tetra getevents -o json} write
 * it; a JSON array or one object also do). {@code process_exec} becomes a process event with its lineage, pod
 * container and image digest; {@code process_connect} and kprobes with socket arguments ({@code tcp_connect})
 * network events; a kprobe or LSM hook with a file and its IMA hash a module event. Exits, closes, listens and
 * kprobes without a socket or hash are ignored with the reason. The agent is the node ({@code node_name}).
 * Thread-safe: share one instance.
 */
public final class TetragonReader extends JsonRecordReader {

    public TetragonReader(ReaderLimits limits) {
        super(limits, "a Tetragon event", new TetragonEventMapper()::map);
    }
}
