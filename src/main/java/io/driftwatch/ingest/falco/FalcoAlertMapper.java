package io.driftwatch.ingest.falco;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftwatch.event.Event;
import io.driftwatch.event.EventType;
import io.driftwatch.ingest.CommandLine;
import io.driftwatch.ingest.Mapped;
import io.driftwatch.ingest.NodeFields;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Turns one Falco alert into a normalized event from the fields its rule's output carries ({@code output_fields}).
 * Falco's own verdict (rule, priority, tags) is not carried: Driftwatch judges the behaviour against the agent's
 * baseline and its own rules. Thread-safe.
 */
final class FalcoAlertMapper {

    static final String FIELDS = "output_fields";

    /** Syscalls where the process accepted a connection rather than opened one. */
    private static final Set<String> INBOUND_SYSCALLS = Set.of("accept", "accept4", "listen", "recvfrom", "recvmsg");
    /** How far up the process tree proc.aname[n] is read: the parent and four more ancestors. */
    private static final int MAX_ANCESTORS = 5;

    Mapped map(JsonNode alert, String defaultAgent) {
        NodeFields f = new NodeFields("<NA>");
        String source = f.text(alert, "source", "source");
        if (source != null && !"syscall".equals(source)) {
            return Mapped.ignored("source " + source + ": only syscall alerts describe processes and connections"
                    + ("k8s_audit".equals(source) || "k8saudit".equals(source)
                    ? "; post Kubernetes audit events to /ingest/k8s-audit" : ""));
        }
        JsonNode o = f.object(alert, FIELDS, FIELDS);
        if (o == null && !f.hasProblems()) {
            f.problem(FIELDS, "required: a Falco alert carries its rule's output fields (json_output with json_include_output_property)");
        }
        String agent = f.agent(f.text(alert, "hostname", "hostname"), defaultAgent, "hostname", "the host Falco runs on");
        Instant time = time(alert, o, f);
        String id = f.text(alert, "uuid", "uuid");
        if (f.hasProblems()) {
            return f.rejected();
        }
        Event.Process process = process(o, f);
        Event.Container container = container(o, f);
        Event.Network network = network(o, f);
        if (f.hasProblems()) {
            return f.rejected();
        }
        if (network != null) {
            return Mapped.of(new Event(id, agent, time, EventType.NETWORK, process, container, network, null, null, null, null));
        }
        if (process == null) {
            f.problem(FIELDS, "no process (proc.exepath, proc.exe or proc.name) and no remote address (fd.rip, fd.sip)"
                    + " in the output fields: nothing to map; add them to the rule's output");
            return f.rejected();
        }
        return Mapped.of(new Event(id, agent, time, EventType.PROCESS, process, container, null, null, null, null, null));
    }

    /** The alert's time, else the syscall's (evt.time, nanoseconds since the epoch). */
    private static Instant time(JsonNode alert, JsonNode o, NodeFields f) {
        if (f.at(alert, "time") != null) {
            return f.time(alert, "time", "time");
        }
        Long nanos = f.integer(o, "evt.time", FIELDS + ".evt.time", 0, Long.MAX_VALUE);
        if (nanos != null) {
            return Instant.ofEpochSecond(nanos / 1_000_000_000L, nanos % 1_000_000_000L);
        }
        f.required("time", "required: a Falco alert needs time, or evt.time in its output fields");
        return null;
    }

    private static Event.Process process(JsonNode o, NodeFields f) {
        String exe = exe(o, f, "proc.exepath", "proc.exe", "proc.name");
        if (exe == null) {
            return null;
        }
        // proc.args holds the arguments alone; proc.cmdline starts with the command name
        String argsLine = f.text(o, "proc.args", FIELDS + ".proc.args");
        List<String> args = argsLine != null ? CommandLine.split(argsLine)
                : CommandLine.argsAfterProgram(f.text(o, "proc.cmdline", FIELDS + ".proc.cmdline"));
        Long pid = f.pid(o, "proc.pid", FIELDS + ".proc.pid");
        String user = f.text(o, "user.name", FIELDS + ".user.name");
        String parentExe = exe(o, f, "proc.pexepath", "proc.pexe", "proc.pname");
        Long parentPid = f.pid(o, "proc.ppid", FIELDS + ".proc.ppid");
        Event.Parent parent = parentExe == null && parentPid == null ? null : new Event.Parent(parentExe, parentPid);
        return new Event.Process(exe, args, pid, user, parent, ancestry(o, f, parentExe));
    }

    /**
     * The executable: its path when the output has one ({@code proc.exepath}; {@code proc.exe} is argv[0], a path
     * only when started by path), else the command name, which lineage then compares by name.
     */
    private static String exe(JsonNode o, NodeFields f, String path, String argv0, String name) {
        String exe = f.text(o, path, FIELDS + "." + path);
        if (exe == null) {
            String first = f.text(o, argv0, FIELDS + "." + argv0);
            exe = first != null && first.startsWith("/") ? first : null;
        }
        return exe != null ? exe : f.text(o, name, FIELDS + "." + name);
    }

    /** The parent and the ancestors the output names (proc.aname[2], proc.aname[3], ...), nearest first. */
    private static List<String> ancestry(JsonNode o, NodeFields f, String parentExe) {
        if (parentExe == null) {
            return null;
        }
        List<String> ancestry = new ArrayList<>();
        ancestry.add(parentExe);
        for (int n = 2; n <= MAX_ANCESTORS; n++) {
            String name = f.text(o, "proc.aname[" + n + "]", FIELDS + ".proc.aname[" + n + "]");
            if (name == null) {
                break;
            }
            ancestry.add(name);
        }
        return ancestry;
    }

    /** Falco names the host's own processes' container "host": they have none. */
    private static Event.Container container(JsonNode o, NodeFields f) {
        String id = f.text(o, "container.id", FIELDS + ".container.id");
        if (id == null || "host".equals(id)) {
            return null;
        }
        String repository = f.text(o, "container.image.repository", FIELDS + ".container.image.repository");
        String tag = f.text(o, "container.image.tag", FIELDS + ".container.image.tag");
        String image = repository == null ? f.text(o, "container.image", FIELDS + ".container.image")
                : tag == null ? repository : repository + ":" + tag;
        String digest = f.text(o, "container.image.digest", FIELDS + ".container.image.digest");
        return new Event.Container(id, image, digest);
    }

    /**
     * A connection when the output names the remote end: fd.rip/fd.rport, else the server end fd.sip/fd.sport
     * (the remote one of an outbound connect). The local end is fd.lip/fd.lport, else the client's.
     */
    private static Event.Network network(JsonNode o, NodeFields f) {
        String remote = f.text(o, "fd.rip", FIELDS + ".fd.rip");
        boolean serverSide = remote == null;
        if (serverSide) {
            remote = f.text(o, "fd.sip", FIELDS + ".fd.sip");
        }
        if (remote == null) {
            return null;
        }
        Integer remotePort = serverSide ? f.port(o, "fd.sport", FIELDS + ".fd.sport") : f.port(o, "fd.rport", FIELDS + ".fd.rport");
        String local = f.text(o, "fd.lip", FIELDS + ".fd.lip");
        Integer localPort = f.port(o, "fd.lport", FIELDS + ".fd.lport");
        if (local == null && serverSide) {
            local = f.text(o, "fd.cip", FIELDS + ".fd.cip");
            localPort = f.port(o, "fd.cport", FIELDS + ".fd.cport");
        }
        String domain = f.text(o, serverSide ? "fd.sip.name" : "fd.rip.name", FIELDS + (serverSide ? ".fd.sip.name" : ".fd.rip.name"));
        String protocol = f.text(o, "fd.l4proto", FIELDS + ".fd.l4proto");
        String syscall = f.text(o, "evt.type", FIELDS + ".evt.type");
        if (syscall != null && INBOUND_SYSCALLS.contains(syscall) && local != null) {
            // an accepted connection: the remote end is its source, this host its destination
            return new Event.Network("inbound", protocol, remote, remotePort, local, localPort, null, null, null);
        }
        return new Event.Network("outbound", protocol, local, localPort, remote, remotePort, domain, null, null);
    }
}
