package io.driftwatch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.driftwatch.bench.FleetSample;
import io.restassured.path.json.JsonPath;

/**
 * An acknowledged event survives SIGKILL. The same eight-day fleet stream goes once through an app that runs
 * undisturbed, and once through one that is stopped and restarted halfway (its shutdown checkpoint) and then
 * killed with SIGKILL while a batch is in flight. After the restart the sender resends the batch it got no answer
 * for, as any at-least-once sender does, and carries on. Both runs must end with the same alerts, each counted
 * exactly as often, and the same baselines: nothing acknowledged lost, nothing counted twice.
 */
class CrashRecoveryIT {

    /**
     * Forty agents make about 170 events per hour of event time, so a batch of 100 spans about 35 minutes: a resent
     * batch is recognised by its event ids while its oldest event is within the dedup window (1 h of event time).
     */
    static final int BATCH = 100;
    static final Pattern AGENT = Pattern.compile("\"agentId\":\"([^\"]+)\"");
    static final Pattern REPLAYED = Pattern.compile("(\\d+) journaled events replayed");

    final List<String> batches = batches(FleetSample.lines(40, 100, 2, 7));

    @Test
    void nothingAcknowledgedIsLostAndNothingCountsTwice(@TempDir Path undisturbedDir, @TempDir Path crashedDir)
            throws Exception {
        Outcome expected;
        try (PackagedApp app = new PackagedApp(undisturbedDir, "-Ddriftwatch.baseline.checkpoint-interval=1h")) {
            app.start();
            send(app, 0, batches.size());
            expected = outcome(app);
        }
        assertTrue(expected.alerts().size() >= 10, () -> "the stream must raise alerts to compare: " + expected.alerts());

        Outcome recovered;
        int half = batches.size() / 2;
        int inFlight = batches.size() * 4 / 5;
        try (PackagedApp app = new PackagedApp(crashedDir, "-Ddriftwatch.baseline.checkpoint-interval=1h")) {
            app.start();
            send(app, 0, half);
            app.close(); // SIGTERM: the shutdown checkpoint, with the session's facts and event ids
            app.start();
            assertEquals(0, replayed(crashedDir, 1), () -> "the shutdown checkpoint covered every batch:\n" + log(crashedDir));
            send(app, half, inFlight);
            CompletableFuture<Integer> lost = CompletableFuture.supplyAsync(() -> post(app, batches.get(inFlight)));
            Thread.sleep(30); // the batch is on its way, perhaps journaled, perhaps processed: either must be fine
            app.kill();
            lost.handle((status, error) -> null).join();

            app.start();
            assertTrue(replayed(crashedDir, 2) > 0, "batches acknowledged after the checkpoint come back from the journal");
            send(app, inFlight, batches.size()); // resends the batch that got no answer, then the rest
            recovered = outcome(app);
        }
        assertEquals(expected.alerts(), recovered.alerts());
        assertEquals(expected.baselines().keySet(), recovered.baselines().keySet());
        expected.baselines().forEach((agent, profile) -> assertEquals("", difference(profile, recovered.baselines().get(agent)),
                () -> "the baseline of " + agent + " differs after the crash"));
    }

    /** Alerts as rule, agent, behaviour, status and count; baselines as each agent's profile. */
    record Outcome(TreeSet<String> alerts, Map<String, String> baselines) {
    }

    Outcome outcome(PackagedApp app) {
        TreeSet<String> alerts = new TreeSet<>();
        TreeSet<String> agents = new TreeSet<>();
        JsonPath page = app.request().queryParam("limit", 1000).get("/alerts").then().statusCode(200).extract().jsonPath();
        for (Map<String, Object> a : page.<Map<String, Object>>getList("items")) {
            alerts.add(a.get("rule") + " | " + a.get("agentId") + " | " + a.get("behaviourKey") + " | " + a.get("status")
                    + " | count " + a.get("count") + " | first " + a.get("firstEventTime"));
        }
        for (String b : batches) {
            Matcher m = AGENT.matcher(b);
            while (m.find()) {
                agents.add(m.group(1));
            }
        }
        Map<String, String> baselines = new TreeMap<>();
        for (String agent : agents) {
            baselines.put(agent, app.request().get("/agents/" + agent + "/baseline").then().statusCode(200)
                    .extract().asString());
        }
        return new Outcome(alerts, baselines);
    }

    void send(PackagedApp app, int from, int to) {
        for (int i = from; i < to; i++) {
            int status = post(app, batches.get(i));
            assertEquals(200, status, "batch " + i);
        }
    }

    static int post(PackagedApp app, String batch) {
        return app.request().contentType("application/x-ndjson").body(batch.getBytes(StandardCharsets.UTF_8))
                .post("/events").statusCode();
    }

    /** How many events the {@code nth} start replayed from the journal, as it logged. */
    static long replayed(Path dataDir, int nth) throws Exception {
        Matcher m = REPLAYED.matcher(Files.readString(dataDir.resolve("app.log")));
        List<Long> counts = new ArrayList<>();
        while (m.find()) {
            counts.add(Long.parseLong(m.group(1)));
        }
        return counts.get(nth);
    }

    /** Where two texts first differ, with some context; empty when they are equal. */
    static String difference(String expected, String actual) {
        int i = 0;
        while (i < expected.length() && i < actual.length() && expected.charAt(i) == actual.charAt(i)) {
            i++;
        }
        if (i == expected.length() && i == actual.length()) {
            return "";
        }
        int from = Math.max(0, i - 200);
        return "expected ..." + expected.substring(from, Math.min(expected.length(), i + 100)) + "\nactual   ..."
                + actual.substring(from, Math.min(actual.length(), i + 100));
    }

    static String log(Path dataDir) {
        try {
            return Files.readString(dataDir.resolve("app.log"));
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }

    static List<String> batches(List<String> lines) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i += BATCH) {
            out.add(String.join("\n", lines.subList(i, Math.min(lines.size(), i + BATCH))));
        }
        return out;
    }
}
