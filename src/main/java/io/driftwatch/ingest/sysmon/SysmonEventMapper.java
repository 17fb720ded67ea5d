package io.driftwatch.ingest.sysmon;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftwatch.event.Event;
import io.driftwatch.event.EventType;
import io.driftwatch.ingest.CommandLine;
import io.driftwatch.ingest.Mapped;
import io.driftwatch.ingest.NodeFields;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;

/** Turns one Sysmon event into normalized events. Thread-safe. */
final class SysmonEventMapper {

    static final String SYSMON = "Microsoft-Windows-Sysmon";

    /** Sysmon's events that are deliberately not mapped, by id, with what they are. */
    private static final Map<Integer, String> NOT_MAPPED = Map.ofEntries(
            Map.entry(2, "file creation time changed"), Map.entry(4, "Sysmon service state changed"),
            Map.entry(5, "process terminated"), Map.entry(8, "CreateRemoteThread"), Map.entry(9, "RawAccessRead"),
            Map.entry(10, "process accessed"), Map.entry(11, "file created"), Map.entry(12, "registry object created or deleted"),
            Map.entry(13, "registry value set"), Map.entry(14, "registry key or value renamed"),
            Map.entry(15, "file stream created"), Map.entry(16, "Sysmon configuration changed"),
            Map.entry(17, "pipe created"), Map.entry(18, "pipe connected"), Map.entry(19, "WMI filter"),
            Map.entry(20, "WMI consumer"), Map.entry(21, "WMI consumer bound to filter"), Map.entry(22, "DNS query"),
            Map.entry(23, "file deleted (archived)"), Map.entry(24, "clipboard changed"), Map.entry(25, "process tampering"),
            Map.entry(26, "file deletion detected"), Map.entry(27, "executable file blocked"),
            Map.entry(28, "file shredding blocked"), Map.entry(29, "executable file detected"), Map.entry(255, "Sysmon error"));

    private static final String KERNEL = "System";

    private static final String MAPPED = "1 (process create), 3 (network connection), 6 (driver loaded) and 7 (image loaded)";

    /** Sysmon's own UtcTime: UTC, with milliseconds, and a space between date and time. */
    private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss[.SSS]", Locale.ROOT);

    Mapped map(JsonNode root, String defaultAgent) {
        NodeFields f = new NodeFields("-");
        SysmonRecord r = SysmonRecord.of(root, f);
        String provider = r.winlogbeat() ? r.envelope(null, "winlog.provider_name") : first(r.envelope("SourceName", null),
                r.envelope("ProviderName", null));
        String channel = r.envelope("Channel", "winlog.channel");
        String idPath = r.winlogbeat() ? "winlog.event_id" : "EventID";
        Long eventId = r.winlogbeat() ? f.integer(root.get("winlog"), "event_id", idPath, 0, Integer.MAX_VALUE)
                : f.integer(root, "EventID", idPath, 0, Integer.MAX_VALUE);
        if (f.hasProblems()) {
            return f.rejected();
        }
        if (!fromSysmon(provider) || !fromSysmon(channel)) {
            return Mapped.ignored("not a Sysmon event (" + first(provider, channel) + (eventId == null ? "" : " event " + eventId)
                    + "): only Sysmon's events " + MAPPED + " are mapped");
        }
        if (eventId == null) {
            f.required(idPath, "required: the Sysmon event id");
            return f.rejected();
        }
        int id = eventId.intValue();
        String notMapped = NOT_MAPPED.get(id);
        if (notMapped != null) {
            return Mapped.ignored("Sysmon event " + id + " (" + notMapped + "): only events " + MAPPED + " are mapped");
        }
        if (id != 1 && id != 3 && id != 6 && id != 7) {
            f.problem(idPath, "unknown Sysmon event id " + id + "; Sysmon's ids are 1 to 29 and 255");
            return f.rejected();
        }
        String agent = agent(r, defaultAgent);
        Instant time = time(r);
        String recordId = r.winlogbeat() ? r.envelope(null, "winlog.record_id") : first(r.envelope("EventRecordID", null),
                r.envelope("RecordNumber", null));
        // the event log's record number is unique per computer: a re-sent event is processed once. Problems with
        // the agent or time are reported together with those of the event's own fields, read next
        String eventKey = recordId == null ? null : agent + "/" + recordId;
        return switch (id) {
            case 1 -> processCreate(r, eventKey, agent, time);
            case 3 -> networkConnect(r, eventKey, agent, time);
            default -> imageLoad(r, id, eventKey, agent, time);
        };
    }

    private static Mapped processCreate(SysmonRecord r, String eventKey, String agent, Instant time) {
        NodeFields f = r.fields();
        String exe = r.text("Image", "process.executable");
        if (exe == null) {
            f.required(r.path("Image"), "required: the executable of a process create");
        }
        String commandLine = r.text("CommandLine", "process.command_line");
        Long pid = r.integer("ProcessId", "process.pid", Long.MAX_VALUE);
        String user = r.text("User", "user.name");
        String parentExe = r.text("ParentImage", "process.parent.executable");
        Long parentPid = r.integer("ParentProcessId", "process.parent.pid", Long.MAX_VALUE);
        String sha256 = sha256(r, "process.hash.sha256");
        if (f.hasProblems()) {
            return f.rejected();
        }
        Event.Parent parent = parentExe == null && parentPid == null ? null : new Event.Parent(parentExe, parentPid);
        Event.Process process = new Event.Process(exe, CommandLine.argsAfterProgram(commandLine), pid, user, parent,
                parentExe == null ? null : java.util.List.of(parentExe));
        Event started = new Event(eventKey, agent, time, EventType.PROCESS, process, null, null, null, null, null, null);
        if (sha256 == null) {
            return Mapped.of(started);
        }
        // the executable's own hash: judged like any module the process loads, against the approved hash list
        Event image = new Event(eventKey == null ? null : eventKey + "#2", agent, time, EventType.MODULE,
                new Event.Process(exe, null, pid, user, null, null), null, null, new Event.Module(exe, sha256), null, null, null);
        return Mapped.of(started, image);
    }

    private static Mapped networkConnect(SysmonRecord r, String eventKey, String agent, Instant time) {
        NodeFields f = r.fields();
        String exe = r.text("Image", "process.executable");
        Long pid = r.integer("ProcessId", "process.pid", Long.MAX_VALUE);
        String dst = r.text("DestinationIp", "destination.ip");
        if (dst == null) {
            f.required(r.path("DestinationIp"), "required: the address of a network connection");
        }
        Integer dstPort = port(r.integer("DestinationPort", "destination.port", 65_535));
        String domain = r.text("DestinationHostname", "destination.domain");
        String src = r.text("SourceIp", "source.ip");
        Integer srcPort = port(r.integer("SourcePort", "source.port", 65_535));
        String protocol = r.text("Protocol", "network.transport");
        String direction = direction(r);
        if (f.hasProblems()) {
            return f.rejected();
        }
        Event.Network network = new Event.Network(direction, protocol == null ? null : protocol.toLowerCase(Locale.ROOT),
                src, srcPort, dst, dstPort, domain, null, null);
        Event.Process process = exe == null && pid == null ? null : new Event.Process(exe, null, pid, null, null, null);
        return Mapped.of(new Event(eventKey, agent, time, EventType.NETWORK, process, null, network, null, null, null, null));
    }

    /** 7: a DLL an executable loaded; 6: a driver the kernel loaded. */
    private static Mapped imageLoad(SysmonRecord r, int id, String eventKey, String agent, Instant time) {
        NodeFields f = r.fields();
        String path = r.text("ImageLoaded", "file.path");
        if (path == null) {
            f.required(r.path("ImageLoaded"), "required: the file an image load loaded");
        }
        // the kernel loads drivers: Sysmon names it "System" where it reports it as a process (event 3)
        String exe = id == 7 ? r.text("Image", "process.executable") : KERNEL;
        Long pid = id == 7 ? r.integer("ProcessId", "process.pid", Long.MAX_VALUE) : null;
        String sha256 = sha256(r, "file.hash.sha256");
        if (sha256 == null && !f.hasProblems()) {
            f.required(r.path("Hashes"), "required: a SHA256 in Hashes (Sysmon's HashAlgorithms must include SHA256);"
                    + " modules are judged by their sha256");
        }
        if (f.hasProblems()) {
            return f.rejected();
        }
        Event.Process process = exe == null ? null : new Event.Process(exe, null, pid, null, null, null);
        return Mapped.of(new Event(eventKey, agent, time, EventType.MODULE, process, null, null, new Event.Module(path, sha256),
                null, null, null));
    }

    /** The SHA256 of Sysmon's Hashes ({@code SHA1=...,MD5=...,SHA256=...,IMPHASH=...}), else the ECS hash field. */
    private static String sha256(SysmonRecord r, String ecs) {
        NodeFields f = r.fields();
        String hashes = r.text("Hashes", null);
        if (hashes != null) {
            for (String part : hashes.split(",")) {
                int eq = part.indexOf('=');
                if (eq > 0 && part.substring(0, eq).strip().equalsIgnoreCase("SHA256")) {
                    return f.sha256(part.substring(eq + 1), r.path("Hashes"));
                }
            }
        }
        String fromEcs = r.ecs(ecs);
        return fromEcs == null ? null : f.sha256(fromEcs, ecs);
    }

    /** The computer the event was logged on; Winlogbeat's host.name only when the event does not say. */
    private static String agent(SysmonRecord r, String defaultAgent) {
        String agent = r.winlogbeat() ? first(r.envelope(null, "winlog.computer_name"), r.envelope(null, "host.name"))
                : first(r.envelope("Computer", null), r.envelope("Hostname", null));
        return r.fields().agent(agent, defaultAgent, r.winlogbeat() ? "winlog.computer_name" : "Computer", "the computer");
    }

    /** Sysmon's UtcTime, else when the event was logged ({@code @timestamp}). */
    private static Instant time(SysmonRecord r) {
        NodeFields f = r.fields();
        String utc = r.text("UtcTime", null);
        if (utc != null) {
            try {
                return LocalDateTime.parse(utc, UTC_TIME).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                f.problem(r.path("UtcTime"), "expected Sysmon's UtcTime such as 2026-11-20 10:00:00.123, got "
                        + NodeFields.quote(utc));
                return null;
            }
        }
        Instant t = r.time("@timestamp");
        if (t == null) {
            f.required("@timestamp", "required: Sysmon's UtcTime or the event's @timestamp");
        }
        return t;
    }

    private static String direction(SysmonRecord r) {
        Boolean initiated = r.bool("Initiated");
        if (initiated != null) {
            return initiated ? "outbound" : "inbound";
        }
        String ecs = r.ecs("network.direction");
        if (ecs == null) {
            return null;
        }
        return switch (ecs) {
            case "egress", "outbound" -> "outbound";
            case "ingress", "inbound" -> "inbound";
            default -> null;
        };
    }

    private static Integer port(Long value) {
        return value == null ? null : value.intValue();
    }

    /** A provider or channel that names another source than Sysmon; none at all is taken for Sysmon. */
    private static boolean fromSysmon(String name) {
        return name == null || name.toLowerCase(Locale.ROOT).contains("sysmon");
    }

    private static String first(String a, String b) {
        return a != null ? a : b;
    }
}
