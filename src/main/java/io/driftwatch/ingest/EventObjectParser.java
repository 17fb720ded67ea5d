package io.driftwatch.ingest;

import io.driftwatch.event.Event;
import io.driftwatch.event.EventType;
import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads one event object from the parser into an {@link Event}, or reports every field problem it finds.
 * Parts the event's type does not use are dropped, and so are their problems: the contract sets exactly one
 * type-specific part.
 */
final class EventObjectParser {

    static final int MAX_ID_LENGTH = 256;

    private static final String KNOWN_TYPES = String.join(", ", EventType.known());

    /** EventType.fromJson lower-cases every constant on each call; this runs once per event. */
    private static final Map<String, EventType> BY_JSON =
            Arrays.stream(EventType.values()).collect(Collectors.toUnmodifiableMap(EventType::json, t -> t));

    private EventObjectParser() {}

    /** The parser is on the event's START_OBJECT; returns null when the event has problems. */
    static Event parse(FieldReader f) throws IOException {
        String id = null;
        String agentId = null;
        Instant time = null;
        EventType type = null;
        Event.Process process = null;
        Event.Container container = null;
        Event.Network network = null;
        Event.Module module = null;
        Event.Api api = null;
        Event.Resource resource = null;
        Event.Config config = null;
        for (String name = f.nextField(); name != null; name = f.nextField()) {
            switch (name) {
                case "id" -> id = f.string("id");
                case "agentId" -> agentId = f.string("agentId");
                case "time" -> time = time(f);
                case "type" -> type = type(f);
                case "process" -> process = EventParts.process(f);
                case "container" -> container = EventParts.container(f);
                case "network" -> network = EventParts.network(f);
                case "module" -> module = EventParts.module(f);
                case "api" -> api = EventParts.api(f);
                case "resource" -> resource = EventParts.resource(f);
                case "config" -> config = EventParts.config(f);
                default -> f.skip();
            }
        }
        FieldProblems problems = f.problems;
        if (id != null && id.length() > MAX_ID_LENGTH) {
            problems.add("id", tooLong(id));
        }
        checkAgentId(agentId, problems);
        required("time", time, problems);
        required("type", type, problems);
        if (type != null) {
            checkTypeNeeds(type, process, network, module, api, resource, config, problems);
            // only the part named by the type is kept
            network = type == EventType.NETWORK ? network : drop("network", problems);
            module = type == EventType.MODULE ? module : drop("module", problems);
            api = type == EventType.API ? api : drop("api", problems);
            resource = type == EventType.RESOURCE ? resource : drop("resource", problems);
            config = type == EventType.CONFIG ? config : drop("config", problems);
        }
        if (!problems.isEmpty()) {
            return null;
        }
        return new Event(id, agentId, time, type, process, container, network, module, api, resource, config);
    }

    private static Instant time(FieldReader f) throws IOException {
        String text = f.string("time");
        if (text == null) {
            return null;
        }
        Instant time = InstantParser.parse(text);
        if (time == null) {
            f.problems.add("time", "not an ISO-8601 instant: " + FieldReader.quote(text) + " (expected e.g. 2026-11-20T10:00:00Z)");
        }
        return time;
    }

    private static EventType type(FieldReader f) throws IOException {
        String text = f.string("type");
        if (text == null) {
            return null;
        }
        EventType type = BY_JSON.get(text);
        if (type == null) {
            f.problems.add("type", "unknown type " + FieldReader.quote(text) + "; known types: " + KNOWN_TYPES);
        }
        return type;
    }

    private static void checkAgentId(String agentId, FieldProblems problems) {
        if (agentId == null) {
            required("agentId", null, problems);
        } else if (agentId.isBlank()) {
            problems.add("agentId", "must not be blank");
        } else if (agentId.length() > MAX_ID_LENGTH) {
            problems.add("agentId", tooLong(agentId));
        }
    }

    private static void checkTypeNeeds(EventType type, Event.Process process, Event.Network network, Event.Module module,
                                       Event.Api api, Event.Resource resource, Event.Config config, FieldProblems problems) {
        switch (type) {
            case PROCESS -> {
                if (part("process", process, type, problems)) {
                    text("process.exe", process.exe(), problems);
                }
            }
            case NETWORK -> {
                if (part("network", network, type, problems) && isBlank(network.dstIp()) && isBlank(network.dstDomain())
                        && !problems.covers("network.dstIp") && !problems.covers("network.dstDomain")) {
                    problems.add("network.dstIp", "required: a network event needs network.dstIp or network.dstDomain");
                }
            }
            case MODULE -> {
                if (part("module", module, type, problems)) {
                    text("module.sha256", module.sha256(), problems);
                    text("module.path", module.path(), problems);
                }
            }
            case API -> {
                if (part("api", api, type, problems)) {
                    text("api.operation", api.operation(), problems);
                    text("api.principal", api.principal(), problems);
                }
            }
            case RESOURCE -> {
                if (part("resource", resource, type, problems)) {
                    required("resource.intervalSeconds", resource.intervalSeconds(), problems);
                    if (resource.cpuCores() == null && resource.memoryBytes() == null && resource.netTxBytes() == null
                            && resource.netRxBytes() == null && !problems.covers("resource")) {
                        problems.add("resource", "needs at least one of cpuCores, memoryBytes, netTxBytes, netRxBytes");
                    }
                }
            }
            case CONFIG -> {
                if (part("config", config, type, problems)) {
                    text("config.kind", config.kind(), problems);
                    text("config.id", config.id(), problems);
                    required("config.change", config.change(), problems);
                }
            }
        }
    }

    /** True when the part is there to be checked further; reports it missing otherwise. */
    private static boolean part(String field, Object part, EventType type, FieldProblems problems) {
        if (part == null && !problems.covers(field)) {
            problems.add(field, "required for " + (type == EventType.API ? "an " : "a ") + type.json() + " event");
        }
        return part != null;
    }

    /** A required string: present and not blank. */
    private static void text(String field, String value, FieldProblems problems) {
        if (value == null) {
            required(field, null, problems);
        } else if (value.isBlank()) {
            problems.add(field, "must not be blank");
        }
    }

    /** Reports a missing value, unless a problem with the value itself was reported already. */
    private static void required(String field, Object value, FieldProblems problems) {
        if (value == null && !problems.covers(field)) {
            problems.add(field, "required");
        }
    }

    private static <T> T drop(String part, FieldProblems problems) {
        problems.forget(part);
        return null;
    }

    private static String tooLong(String value) {
        return "must be at most " + MAX_ID_LENGTH + " characters, got " + value.length();
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
