package io.driftwatch;

import java.time.Duration;
import java.time.Instant;

/** NDJSON events of an agent that learns a routine for eight days, then spawns something it never did. */
public final class Misbehaviour {

    /** Before the scenarios' dates (2027), so these events never make them look late. */
    public static final Instant T0 = Instant.parse("2026-09-01T00:00:00Z");

    private Misbehaviour() {
    }

    public static String spawn(String agent, Instant t, String parent, String exe) {
        return "{\"agentId\":\"" + agent + "\",\"time\":\"" + t + "\",\"type\":\"process\","
                + "\"process\":{\"exe\":\"" + exe + "\",\"parent\":{\"exe\":\"" + parent + "\"}}}\n";
    }

    /** Hourly python3 → git for eight days (past the learning period), then python3 → each of {@code novel}. */
    public static String routineThen(String agent, String... novel) {
        StringBuilder body = new StringBuilder();
        for (int h = 0; h < 8 * 24; h++) {
            body.append(spawn(agent, T0.plus(Duration.ofHours(h)), "/usr/bin/python3", "/usr/bin/git"));
        }
        Instant day8 = T0.plus(Duration.ofDays(8)).plus(Duration.ofHours(1));
        for (int i = 0; i < novel.length; i++) {
            body.append(spawn(agent, day8.plusSeconds(60L * i), "/usr/bin/python3", novel[i]));
        }
        return body.toString();
    }
}
