package io.driftwatch.ingest.falco;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.driftwatch.event.Event;
import io.driftwatch.event.EventType;
import io.driftwatch.ingest.BatchTooLargeException;
import io.driftwatch.ingest.ReadResult;
import io.driftwatch.ingest.ReadResult.Rejection;
import io.driftwatch.ingest.ReaderLimits;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Plain JUnit: the reader is framework-free. Fixtures are hand-written in testdata/formats/falco/. */
class FalcoReaderTest {

    static final Path FIXTURES = Path.of("testdata", "formats", "falco");
    private static final FalcoReader READER = new FalcoReader(ReaderLimits.DEFAULTS);

    static ReadResult read(String fixture, boolean ndjson) throws IOException {
        return READER.read(Files.readAllBytes(FIXTURES.resolve(fixture)), ndjson, null);
    }

    static Event only(ReadResult result) {
        assertEquals(List.of(), result.rejections());
        assertEquals(1, result.events().size(), result.toString());
        return result.events().get(0).event();
    }

    @Test
    void bashSpawnedByPythonIsAProcessEventWithThatLineage() throws IOException {
        Event e = only(read("http-output.json", false));
        assertEquals(EventType.PROCESS, e.type());
        assertEquals("node-7.prod-eu", e.agentId(), "the agent is the host Falco runs on");
        assertEquals(Instant.parse("2026-03-02T10:41:07.123456789Z"), e.time());
        assertEquals("/bin/bash", e.process().exe());
        assertEquals("/usr/bin/python3", e.process().parentExe());
        assertEquals(4100L, e.process().parent().pid());
        assertEquals(List.of("-c", "id"), e.process().args());
        assertEquals(4711L, e.process().pid());
        assertEquals("app", e.process().user());
        assertEquals(List.of("/usr/bin/python3", "containerd-shim"), e.process().ancestry());
        assertEquals(new Event.Container("3ad7b26ded6d", "ghcr.io/acme/checkout:2.4.1",
                "sha256:4f1c0ee5b0d54c0f2a4e6d1f7d2b9a8c3e5f60718293a4b5c6d7e8f90a1b2c3d"), e.container());
        assertNull(e.id(), "Falco's own http_output gives an alert no id");
    }

    @Test
    void aConnectAlertIsAnOutboundConnectionAndOtherSourcesAreIgnored() throws IOException {
        ReadResult result = read("alerts.ndjson", true);
        assertEquals(List.of(), result.rejections());
        Event connect = result.events().get(0).event();
        assertEquals(EventType.NETWORK, connect.type());
        assertEquals("5f1d2c0e-8a6b-4b7e-9d2a-1c3e5f7a9b0d", connect.id(), "falcosidekick's uuid");
        assertEquals(new Event.Network("outbound", "tcp", "10.42.3.17", 51234, "203.0.113.50", 4444, null, null, null),
                connect.network());
        assertEquals("/bin/bash", connect.exe());
        assertEquals("python3", connect.process().parentExe(), "only the parent's name when the output has no path");

        Event host = result.events().get(1).event();
        assertEquals(1, result.events().get(1).index());
        assertEquals(EventType.PROCESS, host.type());
        assertEquals("cat", host.exe(), "proc.exe is no path here: the name stands in");
        assertNull(host.container(), "container.id 'host' is the host itself");
        assertEquals(List.of("/etc/shadow"), host.process().args(), "proc.cmdline without the command");

        assertEquals(1, result.ignored().size());
        Rejection ignored = result.ignored().get(0);
        assertEquals(2, ignored.index());
        assertEquals(3, ignored.line());
        assertTrue(ignored.reason().startsWith("source k8s_audit: only syscall alerts"), ignored.reason());
    }

    @Test
    void everyBadAlertIsRejectedWithLineFieldAndReason() throws IOException {
        ReadResult result = read("bad-alerts.ndjson", true);
        assertEquals(List.of(), result.events());
        List<Rejection> r = result.rejections();
        assertEquals(new Rejection(0, 1, "output_fields.proc.pid", "expected an integer, got 'not-a-pid'"), r.get(0));
        assertEquals(1, r.get(1).index());
        assertEquals("output_fields", r.get(1).field());
        assertTrue(r.get(1).reason().startsWith("required"), r.get(1).reason());
        assertEquals(2, r.get(2).index());
        assertTrue(r.get(2).reason().startsWith("no process (proc.exepath, proc.exe or proc.name) and no remote address"));
        assertEquals(3, r.get(3).index());
        assertEquals(4, r.get(3).line());
        assertTrue(r.get(3).reason().startsWith("malformed JSON at column"), r.get(3).reason());
        assertEquals(new Rejection(4, 5, "hostname", "required: the host Falco runs on is the agent; name it with ?agent="
                + " when the records do not"), r.get(4));
        assertEquals(5, r.size());
    }

    @Test
    void agentNamesAlertsWithoutAHostAndTheEventTimeStandsInForTime() {
        String alert = "{\"rule\":\"x\",\"output_fields\":{\"evt.time\":1772448067000000001,\"proc.exepath\":\"/bin/sh\"}}";
        Event e = only(READER.read(alert.getBytes(StandardCharsets.UTF_8), false, "legacy-host"));
        assertEquals("legacy-host", e.agentId());
        assertEquals(Instant.parse("2026-03-02T10:41:07.000000001Z"), e.time());
    }

    @Test
    void aJsonArrayOfAlertsIsReadAsSeveralAndTooManyRefuseTheBody() {
        String alert = "{\"hostname\":\"h\",\"time\":\"2026-03-02T10:00:00Z\",\"output_fields\":{\"proc.exepath\":\"/bin/sh\"}}";
        byte[] body = ("[" + alert + "," + alert + ", 3]").getBytes(StandardCharsets.UTF_8);
        ReadResult result = READER.read(body, false, null);
        assertEquals(2, result.events().size());
        assertEquals(List.of(new Rejection(2, null, "", "expected a JSON object (a Falco alert), got integer")),
                result.rejections());
        FalcoReader small = new FalcoReader(new ReaderLimits(1, 1 << 20, 32, 1 << 16));
        assertThrows(BatchTooLargeException.class, () -> small.read(body, false, null));
    }
}
