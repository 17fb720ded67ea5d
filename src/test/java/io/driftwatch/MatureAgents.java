package io.driftwatch;

import static io.restassured.RestAssured.given;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/** Agents with a mature baseline through POST /events: eight days of python3 starting git every hour from {@code t0}. */
public final class MatureAgents {

    public static final String PYTHON = "/usr/bin/python3";

    private MatureAgents() {
    }

    /** One process event as NDJSON: python3 starts {@code exe}. */
    public static String spawn(String agent, Instant t, String exe) {
        return "{\"agentId\":\"" + agent + "\",\"time\":\"" + t + "\",\"type\":\"process\","
                + "\"process\":{\"exe\":\"" + exe + "\",\"parent\":{\"exe\":\"" + PYTHON + "\"}}}\n";
    }

    /** The week and a day of routine, then {@code then} (more NDJSON lines), in one batch. */
    public static void post(Instant t0, String[] agents, String then) {
        StringBuilder body = new StringBuilder();
        for (int h = 0; h < 8 * 24; h++) {
            for (String agent : agents) {
                body.append(spawn(agent, t0.plus(Duration.ofHours(h)), "/usr/bin/git"));
            }
        }
        post(body.append(then).toString());
    }

    public static void post(String ndjson) {
        given().contentType("application/x-ndjson").body(ndjson.getBytes(StandardCharsets.UTF_8)).post("/events")
                .then().statusCode(200);
    }
}
