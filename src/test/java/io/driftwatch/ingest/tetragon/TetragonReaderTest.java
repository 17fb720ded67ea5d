package io.driftwatch.ingest.tetragon;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

/** Plain JUnit: the reader is framework-free. Fixtures are hand-written in testdata/formats/tetragon/. */
class TetragonReaderTest {

    static final Path FIXTURES = Path.of("testdata", "formats", "tetragon");
    private static final TetragonReader READER = new TetragonReader(ReaderLimits.DEFAULTS);
    private static final String DIGEST = "sha256:4f1c0ee5b0d54c0f2a4e6d1f7d2b9a8c3e5f60718293a4b5c6d7e8f90a1b2c3d";

    static ReadResult read(String fixture) throws IOException {
        return READER.read(Files.readAllBytes(FIXTURES.resolve(fixture)), true, null);
    }

    static Event at(ReadResult result, int index) {
        return result.events().stream().filter(e -> e.index() == index).findFirst().orElseThrow().event();
    }

    @Test
    void anExecIsAProcessEventWithLineagePodContainerAndImageDigest() throws IOException {
        ReadResult result = read("export.ndjson");
        assertEquals(List.of(), result.rejections());
        Event exec = at(result, 0);
        assertEquals(EventType.PROCESS, exec.type());
        assertEquals("bm9kZS03OjEwMDE6NDcxMQ==", exec.id(), "the exec_id: a re-sent line is processed once");
        assertEquals("node-7.prod-eu", exec.agentId(), "the agent is the node");
        assertEquals(Instant.parse("2026-03-02T10:41:00.120Z"), exec.time());
        Event.Process p = exec.process();
        assertEquals("/usr/bin/nc", p.exe());
        assertEquals(List.of("203.0.113.50", "4444"), p.args());
        assertEquals(4711L, p.pid());
        assertEquals("1000", p.user(), "the uid when the export resolves no name");
        assertEquals(new Event.Parent("/bin/sh", 4100L), p.parent());
        assertEquals(List.of("/bin/sh", "/usr/bin/python3"), p.ancestry());
        assertEquals(new Event.Container("3ad7b26ded6d0f6c1c7a4b2e9d8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f",
                "ghcr.io/acme/checkout:2.4.1", DIGEST), exec.container());
    }

    @Test
    void tcpConnectAndProcessConnectAreOutboundConnections() throws IOException {
        ReadResult result = read("export.ndjson");
        Event kprobe = at(result, 1);
        assertEquals(EventType.NETWORK, kprobe.type());
        assertEquals(new Event.Network("outbound", "tcp", "10.42.3.17", 51234, "203.0.113.50", 4444, null, null, null),
                kprobe.network());
        assertEquals("/usr/bin/nc", kprobe.exe());
        assertEquals(DIGEST, kprobe.container().imageDigest());
        Event connect = at(result, 2);
        assertEquals(new Event.Network("outbound", "tcp", "10.42.3.17", 51235, "198.51.100.7", 443, null, null, null),
                connect.network());
        assertEquals("bm9kZS03OjEwMDE6NDcxMQ==/process_connect/2026-03-02T10:41:01Z", connect.id());
    }

    @Test
    void aHookWithAFileAndItsImaHashIsAModuleLoad() throws IOException {
        Event lsm = at(read("export.ndjson"), 3);
        assertEquals(EventType.MODULE, lsm.type());
        assertEquals(new Event.Module("/usr/bin/nc", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
                lsm.module(), "lower-cased, without the algorithm prefix");
    }

    @Test
    void exitsAndKprobesWithoutSocketOrHashAreIgnoredWithTheReason() throws IOException {
        ReadResult result = read("export.ndjson");
        assertEquals(4, result.events().size());
        assertEquals(2, result.ignored().size());
        Rejection fdInstall = result.ignored().get(0);
        assertEquals(4, fdInstall.index());
        assertEquals(5, fdInstall.line());
        assertEquals("process_kprobe fd_install: neither a socket (sock_arg, sockaddr_arg) nor a file with its ima_hash;"
                + " only connections and hashed loads are mapped", fdInstall.reason());
        assertTrue(result.ignored().get(1).reason().startsWith("process_exit: "), result.ignored().get(1).reason());
    }

    @Test
    void everyBadEventIsRejectedWithLineFieldAndReason() throws IOException {
        ReadResult result = read("bad-events.ndjson");
        assertEquals(List.of(), result.events());
        List<Rejection> r = result.rejections();
        assertEquals(new Rejection(0, 1, "process_exec.process.binary", "required: the executable of a process_exec"), r.get(0));
        assertEquals("process_snapshot", r.get(1).field());
        assertTrue(r.get(1).reason().startsWith("unknown Tetragon event 'process_snapshot'; mapped: process_exec"), r.get(1).reason());
        assertEquals(new Rejection(2, 3, "process_exec.process.pid", "expected an integer, got 'x1'"), r.get(2));
        assertEquals(3, r.get(3).index());
        assertEquals("time", r.get(3).field());
        assertEquals(4, r.get(4).index());
        assertTrue(r.get(4).reason().startsWith("malformed JSON at column"), r.get(4).reason());
        assertEquals(new Rejection(5, 6, "", "no Tetragon event in the object: expected one field such as process_exec"
                + " or process_kprobe beside node_name and time"), r.get(5));
        assertEquals("node_name", r.get(6).field());
        assertEquals(7, r.size());
    }

    @Test
    void anExportWithoutTimeTakesTheExecsStartAndAgentNamesTheNode() {
        String line = "{\"process_exec\":{\"process\":{\"exec_id\":\"eA==\",\"binary\":\"/usr/bin/netserver\",\"arguments\":\"-D\","
                + "\"start_time\":\"2022-10-18T03:16:18.273546829Z\"}}}";
        ReadResult result = READER.read(line.getBytes(java.nio.charset.StandardCharsets.UTF_8), false, "node-x");
        assertEquals(List.of(), result.rejections());
        Event e = result.events().get(0).event();
        assertEquals(Instant.parse("2022-10-18T03:16:18.273546829Z"), e.time());
        assertEquals("node-x", e.agentId());
    }

    @Test
    void aConnectWithoutItsProcessStillMapsAndAnExecWithoutOneIsRejected() {
        String lines = "{\"process_connect\":{\"destination_ip\":\"192.0.2.1\",\"destination_port\":53,\"protocol\":\"UDP\"},"
                + "\"node_name\":\"n\",\"time\":\"2026-03-02T10:00:00Z\"}\n"
                + "{\"process_exec\":{},\"node_name\":\"n\",\"time\":\"2026-03-02T10:00:01Z\"}\n";
        ReadResult result = READER.read(lines.getBytes(java.nio.charset.StandardCharsets.UTF_8), true, null);
        Event connect = at(result, 0);
        assertEquals(null, connect.process());
        assertEquals(new Event.Network("outbound", "udp", null, null, "192.0.2.1", 53, null, null, null), connect.network());
        assertEquals(List.of(new Rejection(1, 2, "process_exec.process.binary", "required: the executable of a process_exec")),
                result.rejections());
    }
}
