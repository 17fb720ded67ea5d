package io.driftwatch.engine;

import java.time.Instant;
import java.util.List;

import io.driftwatch.event.Event;
import io.driftwatch.event.EventType;

/** Builders for normalized events in engine tests. */
final class TestEvents {

    private TestEvents() {
    }

    static Event process(String agent, Instant t, String parent, String exe) {
        return new Event(null, agent, t, EventType.PROCESS,
                new Event.Process(exe, List.of(), 100L, "app", new Event.Parent(parent, 1L), List.of(parent)),
                null, null, null, null, null, null);
    }

    static Event outbound(String agent, Instant t, String ip, String domain) {
        return new Event(null, agent, t, EventType.NETWORK, null, null,
                new Event.Network("outbound", "tcp", "10.0.0.5", 40000, ip, 443, domain, 100L, 100L),
                null, null, null, null);
    }

    static Event module(String agent, Instant t, String exe, String path, String sha) {
        return new Event(null, agent, t, EventType.MODULE,
                new Event.Process(exe, null, null, null, null, null), null, null, new Event.Module(path, sha),
                null, null, null);
    }

    static Event api(String agent, Instant t, String principal, String operation) {
        return new Event(null, agent, t, EventType.API, null, null, null, null,
                new Event.Api(principal, operation, "res", "10.0.0.9", "success"), null, null);
    }

    static Event resource(String agent, Instant t, double cpu, long txBytes, int interval) {
        return new Event(null, agent, t, EventType.RESOURCE, null, null, null, null, null,
                new Event.Resource(cpu, 1L << 30, txBytes, 0L, interval), null);
    }

    static String sha(int n) {
        return String.format("%064x", n);
    }
}
