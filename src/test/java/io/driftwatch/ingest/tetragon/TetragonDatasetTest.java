package io.driftwatch.ingest.tetragon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.driftwatch.event.Event;
import io.driftwatch.event.EventType;
import io.driftwatch.ingest.ReadResult;
import io.driftwatch.ingest.ReaderLimits;
import io.driftwatch.ingest.SharedDatasets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The reader over Tetragon's own example events (cilium/tetragon docs and testdata, Apache-2.0), when
 * ../shared/datasets/tetragon is there: no record is rejected. Not mapped, by design and listed as ignored:
 * process_exit, process_close, process_listen, and kprobes whose arguments hold neither a socket nor a hashed file
 * (the samples' __x64_sys_write and __x64_sys_read).
 */
class TetragonDatasetTest {

    private static final TetragonReader READER = new TetragonReader(ReaderLimits.DEFAULTS);
    private static final Set<String> NOT_MAPPED = Set.of("process_exit", "process_close", "process_listen",
            "process_kprobe __x64_sys_write", "process_kprobe __x64_sys_read");

    @Test
    void everySampleMapsOrIsAKindDeliberatelyNotMapped() throws IOException {
        Path dir = SharedDatasets.require("tetragon");
        List<ReadResult> results = new ArrayList<>();
        List<Event> events = new ArrayList<>();
        int records = 0;
        for (Path file : SharedDatasets.jsonFiles(dir)) {
            // pretty-printed single events and an NDJSON file alike: read as JSON values one after another
            ReadResult result = READER.read(Files.readAllBytes(file), false, null);
            String name = file.getFileName().toString();
            assertEquals(List.of(), result.rejections(), name + " is a real Tetragon event");
            records += SharedDatasets.assertAccountedFor(result, name);
            results.add(result);
            result.events().forEach(e -> events.add(e.event()));
        }
        Map<String, Long> ignored = SharedDatasets.ignoredKinds(results);
        assertTrue(NOT_MAPPED.containsAll(ignored.keySet()), "ignored only what is documented: " + ignored);

        List<Event> execs = events.stream().filter(e -> e.type() == EventType.PROCESS).toList();
        assertTrue(execs.size() >= 7, "execs: " + execs.size());
        for (Event e : execs) {
            assertTrue(e.exe().startsWith("/"), e.toString());
            assertTrue(e.process().parentExe() != null, "lineage: " + e);
        }
        Event curl = execs.stream().filter(e -> "/usr/bin/curl".equals(e.exe())).findFirst().orElseThrow();
        assertEquals("minikube", curl.agentId());
        assertEquals("/bin/bash", curl.process().parentExe());
        assertEquals("sha256:ff3aa5862fd17f8695984609743f4523188984adbcd25cf5ac4224b71084558c", curl.container().imageDigest());
        assertEquals("quay.io/isovalent/jobs-app-elasticsearch:latest", curl.container().image());
        Event netserver = execs.stream().filter(e -> "/usr/bin/netserver".equals(e.exe())).findFirst().orElseThrow();
        assertEquals("my-node", netserver.agentId());
        assertEquals("/usr/bin/containerd-shim-runc-v2", netserver.process().parentExe());

        List<Event> connects = events.stream().filter(e -> e.type() == EventType.NETWORK).toList();
        assertTrue(connects.stream().anyMatch(e -> "64.225.45.153".equals(e.network().dstIp())
                && e.network().dstPort() == 443 && "/usr/bin/nc".equals(e.exe())), connects.toString());
        System.out.println("tetragon: " + records + " records -> " + SharedDatasets.perType(events) + ", ignored "
                + ignored + ", 0 rejected");
    }
}
