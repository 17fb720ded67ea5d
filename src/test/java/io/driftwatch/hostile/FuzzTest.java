package io.driftwatch.hostile;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import io.driftwatch.change.DeploymentTestKeys;
import io.driftwatch.AsTestAdmin;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.response.Response;

/**
 * Thousands of mutated and random bodies at every ingest endpoint: each is answered with a 2xx or 4xx, never a
 * 5xx, within seconds; valid traffic interleaved with them keeps being processed; and the heap does not grow
 * with the garbage. The seed is fixed, so a failure replays; the first failing body is printed.
 */
@QuarkusTest
class FuzzTest {

    static final long SEED = 20261124L;
    static final int PAYLOADS = 2000;
    static final int SOCKET_TIMEOUT_MILLIS = 15_000;
    static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint("/events", null),
            new Endpoint("/ingest/k8s-audit?cluster=fuzz", "testdata/formats/k8s-audit/webhook-eventlist.json"),
            new Endpoint("/ingest/cloudtrail", "testdata/formats/cloudtrail/log-file.json"),
            new Endpoint("/ingest/falco", "testdata/formats/falco/alerts.ndjson"),
            new Endpoint("/ingest/tetragon", "testdata/formats/tetragon/export.ndjson"),
            new Endpoint("/ingest/sysmon", "testdata/formats/sysmon/winlogbeat.ndjson"),
            new Endpoint("/deployments", null));

    record Endpoint(String path, String seedFile) {
    }

    @Test
    void mutatedAndRandomBodiesNeverBreakTheService() throws IOException {
        RestAssured.config = RestAssured.config().httpClient(HttpClientConfig.httpClientConfig()
                .setParam("http.socket.timeout", SOCKET_TIMEOUT_MILLIS)
                .setParam("http.connection.timeout", SOCKET_TIMEOUT_MILLIS));
        Random random = new Random(SEED);
        List<byte[]> seeds = new ArrayList<>();
        for (Endpoint e : ENDPOINTS) {
            seeds.add(e.seedFile() != null ? ownAccount(firstBytes(Files.readAllBytes(Path.of(e.seedFile())), 64 * 1024))
                    : e.path().equals("/events") ? events() : DEPLOYMENT.getBytes(StandardCharsets.UTF_8));
        }
        long heapBefore = usedHeapAfterGc();
        Map<Integer, Integer> statuses = new TreeMap<>();
        long slowest = 0;
        for (int i = 0; i < PAYLOADS; i++) {
            int which = random.nextInt(ENDPOINTS.size());
            Endpoint endpoint = ENDPOINTS.get(which);
            byte[] body = Mutations.next(random, seeds.get(which));
            String contentType = random.nextInt(4) == 0 ? "application/x-ndjson" : "application/json";
            long start = System.nanoTime();
            var request = given().contentType(contentType).body(body);
            if (endpoint.path().equals("/deployments")) {
                // signed as CI signs, so mutated records reach the parser
                request = request.header("X-Driftwatch-Signature", DeploymentTestKeys.hmac(body, AsTestAdmin.HMAC_KEY));
            }
            Response r = request.post(endpoint.path());
            slowest = Math.max(slowest, (System.nanoTime() - start) / 1_000_000);
            statuses.merge(r.statusCode(), 1, Integer::sum);
            int status = r.statusCode();
            assertTrue(status < 500, () -> "payload " + " to " + endpoint.path() + " got " + status + ": "
                    + r.asString() + "\nbody (first 500 bytes): " + preview(body));
            if (i % 200 == 0) {
                validTrafficStillFlows(i);
            }
        }
        validTrafficStillFlows(PAYLOADS);
        long heapAfter = usedHeapAfterGc();
        System.out.printf("FuzzTest: %d payloads, statuses %s, slowest %d ms, used heap %d MB -> %d MB%n", PAYLOADS,
                statuses, slowest, heapBefore >> 20, heapAfter >> 20);
        assertTrue(heapAfter - heapBefore < 96L << 20, "heap grew by " + ((heapAfter - heapBefore) >> 20) + " MB");
    }

    /** A valid event for an agent of its own is accepted and processed between the garbage. */
    private static void validTrafficStillFlows(int round) {
        String event = "{\"agentId\":\"fuzz-valid\",\"time\":\"" + Instant.parse("2026-08-01T00:00:00Z")
                .plus(Duration.ofSeconds(round)) + "\",\"type\":\"process\",\"process\":{\"exe\":\"/bin/true\","
                + "\"parent\":{\"exe\":\"/sbin/init\"}}}";
        int accepted = given().contentType("application/json").body(event).post("/events")
                .then().statusCode(200).extract().path("accepted");
        assertEquals(1, accepted);
    }

    static final String DEPLOYMENT = "{\"service\":\"fuzz\",\"scope\":{\"agents\":[\"fuzz-d\"]},\"images\":[],"
            + "\"pipeline\":{\"name\":\"p\",\"runId\":\"1\"},\"actor\":\"ci\",\"startedAt\":\"2026-08-01T00:00:00Z\","
            + "\"finishedAt\":\"2026-08-01T00:05:00Z\",\"expects\":{\"lineages\":[\"a -> b\"]}}";

    /** Valid NDJSON of the event contract, dated before the scenarios' 2027 so no shard clock runs ahead of them. */
    private static byte[] events() {
        StringBuilder s = new StringBuilder();
        Instant t = Instant.parse("2026-08-01T00:00:00Z");
        for (int i = 0; i < 50; i++) {
            s.append("{\"agentId\":\"fuzz-").append(i % 5).append("\",\"time\":\"").append(t.plusSeconds(i))
                    .append("\",\"type\":\"network\",\"network\":{\"direction\":\"outbound\",\"dstIp\":\"10.0.0.")
                    .append(i).append("\",\"dstPort\":443},\"process\":{\"exe\":\"/usr/bin/curl\"}}\n");
        }
        return s.toString().getBytes(StandardCharsets.UTF_8);
    }


    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /**
     * The fixtures' account and hosts, under other names: what the fuzzing accepts must not dedup other tests'
     * records (event ids are unique per agent).
     */
    private static byte[] ownAccount(byte[] fixture) {
        return new String(fixture, StandardCharsets.UTF_8).replace("111122223333", "999900001111")
                .replace("node-7.prod-eu", "fuzz-node-7").replace("WS-042.corp.example", "FUZZ-WS-042")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] firstBytes(byte[] b, int n) {
        return b.length <= n ? b : java.util.Arrays.copyOf(b, n);
    }

    private static String preview(byte[] body) {
        return new String(body, 0, Math.min(500, body.length), StandardCharsets.ISO_8859_1);
    }
}
