package io.driftwatch.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;

import io.driftwatch.AsTestAdmin;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** The replay command against the running service, called in-process as a user would run it. */
@QuarkusTest
@TestProfile(ReplayTestProfile.class)
class ReplayTest {

    @TestHTTPResource("/")
    URL root;

    /** What one run printed, and its exit status. */
    record Result(int status, String out, String err) {
    }

    Result replay(String... args) {
        List<String> all = new ArrayList<>(List.of("--url", root.toString()));
        all.addAll(List.of(args));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Replay.run(all.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aRecordingIsReplayedWithItsRejectedLinesNamedAndItsAlertsSummarised() {
        Result r = replay("--token", AsTestAdmin.TOKEN, "--batch", "250", "--progress", "lines",
                "testdata/replay/python-agent.ndjson");
        assertEquals(Replay.REJECTED, r.status(), "records were rejected");
        assertTrue(r.out().contains("testdata/replay/python-agent.ndjson:100: rejected: time: not an ISO-8601 instant"),
                r.out());
        assertTrue(r.out().contains("testdata/replay/python-agent.ndjson:200: rejected: "), r.out());
        assertTrue(r.out().contains("records: 959 sent, 2 rejected, 0 ignored; events: 957 accepted, 0 duplicates, 0 late"), r.out());
        assertTrue(r.out().contains("detections: 2"), r.out());
        assertTrue(r.out().contains("Alerts this replay opened or updated: 2"), r.out());
        assertTrue(r.out().contains(
                "  high           1  A module hash loads that neither the approved hash list nor the baseline knows\n"
                + "  high           1  A process starts from a parent neither the baseline nor an allowlist knows\n"
                + "  by severity: high 2"), r.out());
        assertTrue(r.err().contains("replay: testdata/replay/python-agent.ndjson: 100%"), "a closing progress line: " + r.err());
    }

    @Test
    void aJsonDocumentIsSentRecordByRecordAtTheChosenRate() {
        long t0 = System.nanoTime();
        Result r = replay("--token", AsTestAdmin.TOKEN, "--format", "k8s-audit", "--cluster", "replay-cluster",
                "--rate", "10", "--progress", "none", "testdata/formats/k8s-audit/webhook-eventlist.json");
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertEquals(Replay.OK, r.status(), r.out() + r.err());
        // ten records at 10/s, two at a time: the last pair is due 0.8 s after the first
        assertTrue(seconds >= 0.8, "rate kept: " + seconds + " s");
        assertTrue(r.out().contains("records: 10 sent, 0 rejected, 1 ignored; events: 9 accepted, 0 duplicates, "), r.out());
        // (late or not depends on which test ran first: the shards' clocks follow the newest event they saw)
        // the alerts of this replay only, not those of the one before
        assertTrue(r.out().contains("detections: 9"), r.out());
        assertTrue(r.out().contains("Alerts this replay opened or updated: 9"), r.out());
        assertTrue(r.out().contains("  critical       3  A workload gains a runtime privilege after approval\n"), r.out());
        assertTrue(r.out().contains("  by severity: critical 8, high 1"), r.out());
    }

    @Test
    void aCompressedAuditLogIsReadAndASenderTokenGetsNoAlertListing() throws IOException {
        Path gz = Path.of("target", "replay-audit-log.ndjson.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(Files.readAllBytes(Path.of("testdata/formats/k8s-audit/audit-log.ndjson")));
        }
        Result r = replay("--token", AsTestAdmin.token("replay-sender", "ingest"), "--format", "k8s-audit",
                "--cluster", "replay-gz", "--progress", "none", gz.toString());
        assertEquals(Replay.OK, r.status(), r.out() + r.err());
        assertTrue(r.out().contains("records: 10 sent, 0 rejected, 2 ignored; events: 7 accepted, 1 duplicates, "), r.out());
        assertTrue(r.out().contains("Alerts: not listed (") && r.out().contains("lacks the role analyst"), r.out());
    }

    @Test
    void aServerThatCannotBeReachedOrRefusesTheTokenStopsTheReplay() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Replay.run(new String[] {"--url", "http://127.0.0.1:1", "--token", "x", "--progress", "none",
                "testdata/replay/python-agent.ndjson"}, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(Replay.FAILED, status);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("cannot connect to http://127.0.0.1:1/events"), err.toString());

        Result r = replay("--token", "not-a-token", "--progress", "none", "testdata/replay/python-agent.ndjson");
        assertEquals(Replay.FAILED, r.status());
        assertTrue(r.err().contains("answered 401"), r.err());
        assertTrue(r.err().contains("resume with --skip 0"), r.err());

        Result usage = replay("--format", "syslog", "testdata/replay/python-agent.ndjson");
        assertEquals(Replay.USAGE, usage.status());
        assertTrue(usage.err().contains("unknown --format syslog"), usage.err());
    }
}
