package io.driftwatch.ingest.sysmon;

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
import org.junit.jupiter.api.Test;

/**
 * The reader over two real Windows captures (OTRF Security-Datasets, MIT), when ../shared/datasets/sysmon-otrf is
 * there: no record is rejected. Not mapped, by design and listed as ignored: events of other channels (Security,
 * System, Eventlog) and Sysmon events other than 1, 3, 6 and 7 (process access, registry, file create, DNS, ...).
 */
class SysmonDatasetTest {

    private static final SysmonReader READER = new SysmonReader(ReaderLimits.DEFAULTS);

    @Test
    void everyEventMapsOrIsAKindDeliberatelyNotMapped() throws IOException {
        Path dir = SharedDatasets.require("sysmon-otrf");
        List<ReadResult> results = new ArrayList<>();
        List<Event> events = new ArrayList<>();
        int records = 0;
        for (Path file : SharedDatasets.jsonFiles(dir)) {
            ReadResult result = READER.read(Files.readAllBytes(file), true, null);
            String name = file.getFileName().toString();
            assertEquals(List.of(), result.rejections(), name + " is a real capture");
            records += SharedDatasets.assertAccountedFor(result, name);
            results.add(result);
            result.events().forEach(e -> events.add(e.event()));
        }
        assertEquals(2, results.size(), "the two captures");
        Map<String, Long> ignored = SharedDatasets.ignoredKinds(results);
        for (String kind : ignored.keySet()) {
            assertTrue(kind.startsWith("not a Sysmon event") || kind.matches("Sysmon event \\d+ \\(.*"), kind);
        }

        Event bitsadmin = events.stream().filter(e -> e.type() == EventType.PROCESS
                && "C:\\Windows\\System32\\bitsadmin.exe".equals(e.exe())).findFirst().orElseThrow();
        assertEquals("WORKSTATION5", bitsadmin.agentId());
        assertEquals("C:\\Windows\\System32\\cmd.exe", bitsadmin.process().parentExe());
        assertTrue(bitsadmin.process().args().contains("/transfer"), bitsadmin.process().args().toString());
        assertTrue(events.stream().anyMatch(e -> e.type() == EventType.PROCESS
                && e.exe().endsWith("\\python.exe") && e.process().parentExe().endsWith("\\powershell.exe")));
        List<Event> modules = events.stream().filter(e -> e.type() == EventType.MODULE).toList();
        assertTrue(modules.size() > 300, "image loads: " + modules.size());
        modules.forEach(m -> assertEquals(64, m.module().sha256().length(), m.toString()));
        assertTrue(events.stream().anyMatch(e -> e.type() == EventType.NETWORK && "151.101.208.133".equals(e.network().dstIp())
                && "outbound".equals(e.network().direction())));
        System.out.println("sysmon-otrf: " + records + " records -> " + SharedDatasets.perType(events) + ", ignored "
                + ignored + ", 0 rejected");
    }
}
