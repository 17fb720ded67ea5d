package io.driftwatch.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The replay's own pieces, without a server: its JSON, its options, how it pairs a rejection with a record. */
class ReplayOptionsTest {

    @Test
    void aRecordOfAJsonDocumentIsSentAsItWasWritten() {
        String record = "{\"eventTime\":\"2026-03-02T09:14:05Z\",\"n\":1.50e+3,\"neg\":-7,\"ok\":true,\"none\":null,"
                + "\"text\":\"caf\\u00e9 \\\"quoted\\\"\\n\\\\ tab\\t\",\"list\":[{},[],\"\"]}";
        Object parsed = Replay.Json.parse("  " + record + "\n");
        assertEquals(record.replace("\\u00e9", "é"), Replay.Json.write(parsed), "key order, numbers and escapes kept");
        assertEquals("1.50e+3", Replay.Json.map(parsed).get("n").toString());
        assertThrows(IllegalArgumentException.class, () -> Replay.Json.parse("{\"a\":1} trailing"));
        assertThrows(IllegalArgumentException.class, () -> Replay.Json.parse("{\"a\":"));
    }

    @Test
    void optionsHaveDefaultsThatRunAgainstALocalServiceAndWrongOnesAreNamed() {
        Replay.Options o = Replay.Options.parse(new String[] {"--token", "t", "testdata/replay/python-agent.ndjson"});
        assertEquals("http://localhost:8080/events", o.endpoint());
        assertEquals(1000, o.batchSize());
        Replay.Options slow = Replay.Options.parse(new String[] {"--url", "https://gw.example/driftwatch/", "--format",
                "k8s-audit", "--rate=200", "testdata/replay/python-agent.ndjson"});
        assertEquals("https://gw.example/driftwatch/ingest/k8s-audit", slow.endpoint());
        assertEquals(50, slow.batchSize(), "a quarter second's worth at 200/s");
        for (List<String> wrong : List.of(List.of("--format", "pcap", "x"), List.of("--batch", "0", "x"),
                List.of("--progress", "fancy", "x"), List.of("--url", "ftp://h", "x"), List.of("--token"),
                List.of("no-such-file.ndjson"), List.of("--nope", "1", "x"))) {
            assertThrows(IllegalArgumentException.class, () -> Replay.Options.parse(wrong.toArray(String[]::new)),
                    wrong.toString());
        }
    }

    @Test
    void everyFeedPostsToItsEndpoint() {
        assertEquals(Map.of("ndjson", "/events", "k8s-audit", "/ingest/k8s-audit", "cloudtrail", "/ingest/cloudtrail",
                "falco", "/ingest/falco", "tetragon", "/ingest/tetragon", "sysmon", "/ingest/sysmon"),
                java.util.Arrays.stream(Replay.Feed.values()).collect(java.util.stream.Collectors.toMap(f -> f.name, f -> f.path)));
        assertTrue(Replay.HELP.contains("--format F"));
    }
}
