package io.driftwatch.ingest.tetragon;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftwatch.event.Event;
import io.driftwatch.event.EventType;
import io.driftwatch.ingest.CommandLine;
import io.driftwatch.ingest.Mapped;
import io.driftwatch.ingest.NodeFields;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Turns one Tetragon export event into normalized events. Thread-safe. */
final class TetragonEventMapper {

    /** Fields beside the event itself in an export line. */
    private static final Set<String> ENVELOPE = Set.of("node_name", "time", "cluster_name", "node_labels",
            "aggregation_info");

    /** Hook events whose arguments may carry a socket or a hashed file. */
    private static final Set<String> HOOKS = Set.of("process_kprobe", "process_lsm", "process_tracepoint",
            "process_uprobe", "process_usdt");

    /** Event kinds Driftwatch reads and deliberately leaves out, each with why. */
    private static final Map<String, String> IGNORED = Map.of(
            "process_exit", "an exit adds nothing to a baseline; the process was learned from its process_exec",
            "process_close", "the connection was learned from its process_connect",
            "process_listen", "a listening socket is no destination; inbound connections are not baselined",
            "process_loader", "loaded binaries carry a build id, not a sha256",
            "process_throttle", "a notice that Tetragon throttled a cgroup's events",
            "rate_limit_info", "a notice that Tetragon dropped events under its rate limit",
            "test", "Tetragon's test event");

    private static final String MAPPED = "process_exec, process_connect, and process_kprobe / process_lsm with a"
            + " socket or a hashed file";

    Mapped map(JsonNode line, String defaultAgent) {
        NodeFields f = new NodeFields(null);
        String kind = kind(line);
        if (kind == null) {
            f.problem("", "no Tetragon event in the object: expected one field such as process_exec or process_kprobe"
                    + " beside node_name and time");
            return f.rejected();
        }
        String ignored = IGNORED.get(kind);
        if (ignored != null) {
            return Mapped.ignored(kind + ": " + ignored);
        }
        boolean hook = HOOKS.contains(kind);
        if (!hook && !"process_exec".equals(kind) && !"process_connect".equals(kind)) {
            f.problem(kind, "unknown Tetragon event " + NodeFields.quote(kind) + "; mapped: " + MAPPED + "; ignored: "
                    + String.join(", ", IGNORED.keySet().stream().sorted().toList()));
            return f.rejected();
        }
        JsonNode event = f.object(line, kind, kind);
        String agent = f.agent(f.text(line, "node_name", "node_name"), defaultAgent, "node_name", "the node");
        if (f.hasProblems()) {
            return f.rejected();
        }
        JsonNode process = f.object(event, "process", kind + ".process");
        Event.Process p = process(event, process, kind, f);
        Event.Container container = container(process, kind + ".process.pod.container", f);
        // the export line's time, else (older exports of process_exec) the process's start
        Instant time = f.time(line, "time", "time");
        if (time == null && "process_exec".equals(kind) && !f.hasProblems()) {
            time = f.time(process, "start_time", kind + ".process.start_time");
        }
        if (time == null) {
            f.required("time", "required: the export line's time");
        }
        String execId = f.text(process, "exec_id", kind + ".process.exec_id");
        if (f.hasProblems()) {
            return f.rejected();
        }
        if ("process_exec".equals(kind)) {
            if (p == null || p.exe() == null) {
                f.required(kind + ".process.binary", "required: the executable of a process_exec");
                return f.rejected();
            }
            return Mapped.of(new Event(execId, agent, time, EventType.PROCESS, p, container, null, null, null, null, null));
        }
        String id = execId == null ? null : execId + "/" + kind + "/" + time;
        if ("process_connect".equals(kind)) {
            Event.Network n = connect(event, kind, f);
            if (f.hasProblems()) {
                return f.rejected();
            }
            return Mapped.of(new Event(id, agent, time, EventType.NETWORK, p, container, n, null, null, null, null));
        }
        return hook(event, kind, new Event(id, agent, time, EventType.PROCESS, p, container, null, null, null, null, null), f);
    }

    /**
     * The field holding the event: a kind this mapper knows, else the first field beside the envelope (an unknown
     * kind, rejected by name); null when there is none. Fields a newer Tetragon adds beside the event do not matter.
     */
    private static String kind(JsonNode line) {
        String other = null;
        for (Iterator<String> names = line.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (IGNORED.containsKey(name) || HOOKS.contains(name) || "process_exec".equals(name)
                    || "process_connect".equals(name)) {
                return name;
            }
            if (other == null && !ENVELOPE.contains(name)) {
                other = name;
            }
        }
        return other;
    }

    /** The process the event is about; null when the event has none. */
    private static Event.Process process(JsonNode event, JsonNode process, String kind, NodeFields f) {
        if (process == null) {
            return null;
        }
        String at = kind + ".process";
        String exe = f.text(process, "binary", at + ".binary");
        List<String> args = CommandLine.split(f.text(process, "arguments", at + ".arguments"));
        Long pid = f.pid(process, "pid", at + ".pid");
        // newer exports resolve the user name; older ones give the uid only
        JsonNode user = f.object(process, "user", at + ".user");
        String userName = f.text(user, "name", at + ".user.name");
        if (userName == null) {
            userName = f.text(process, "uid", at + ".uid");
        }
        JsonNode parent = f.object(event, "parent", kind + ".parent");
        String parentExe = f.text(parent, "binary", kind + ".parent.binary");
        Long parentPid = f.pid(parent, "pid", kind + ".parent.pid");
        Event.Parent p = parent == null ? null : new Event.Parent(parentExe, parentPid);
        return new Event.Process(exe, args, pid, userName, p, ancestry(event, parentExe, kind, f));
    }

    /** The parent, then the ancestors when the export includes them (newest first, as Tetragon lists them). */
    private static List<String> ancestry(JsonNode event, String parentExe, String kind, NodeFields f) {
        if (parentExe == null) {
            return null;
        }
        List<String> ancestry = new ArrayList<>();
        ancestry.add(parentExe);
        JsonNode ancestors = f.at(event, "ancestors");
        if (ancestors != null && ancestors.isArray()) {
            for (int i = 0; i < ancestors.size(); i++) {
                String exe = f.text(ancestors.get(i), "binary", kind + ".ancestors[" + i + "].binary");
                if (exe != null) {
                    ancestry.add(exe);
                }
            }
        }
        return ancestry;
    }

    /**
     * The pod's container: its id without the runtime's scheme ({@code containerd://}), the image by name, and the
     * digest the runtime resolved ({@code image.id}, {@code docker-pullable://repo@sha256:...}).
     */
    private static Event.Container container(JsonNode process, String at, NodeFields f) {
        JsonNode pod = f.object(process, "pod", at.substring(0, at.length() - ".container".length()));
        JsonNode container = f.object(pod, "container", at);
        if (container == null) {
            return null;
        }
        String id = f.text(container, "id", at + ".id");
        if (id != null && id.contains("://")) {
            id = id.substring(id.indexOf("://") + 3);
        }
        JsonNode image = f.object(container, "image", at + ".image");
        String name = f.text(image, "name", at + ".image.name");
        String imageId = f.text(image, "id", at + ".image.id");
        String digest = imageId == null ? null : imageId.contains("@") ? imageId.substring(imageId.lastIndexOf('@') + 1)
                : imageId.startsWith("sha256:") ? imageId : null;
        return new Event.Container(id, name, digest);
    }

    private static Event.Network connect(JsonNode event, String kind, NodeFields f) {
        String dst = f.text(event, "destination_ip", kind + ".destination_ip");
        if (dst == null) {
            f.required(kind + ".destination_ip", "required: the address connected to");
        }
        return new Event.Network("outbound", protocol(f.text(event, "protocol", kind + ".protocol")),
                f.text(event, "source_ip", kind + ".source_ip"), f.port(event, "source_port", kind + ".source_port"),
                dst, f.port(event, "destination_port", kind + ".destination_port"), null, null, null);
    }

    /**
     * A hook event maps by its arguments: a socket ({@code sock_arg} of tcp_connect, {@code sockaddr_arg} of
     * security_socket_connect) is a connection; a file with its IMA hash is a module load; anything else is ignored.
     */
    private static Mapped hook(JsonNode event, String kind, Event base, NodeFields f) {
        String function = f.text(event, "function_name", kind + ".function_name");
        if (function == null) {
            function = f.text(event, "event", kind + ".event");
        }
        JsonNode args = f.at(event, "args");
        if (args != null && !args.isArray()) {
            f.problem(kind + ".args", "expected an array, got " + NodeFields.describe(args));
        }
        Event.Network network = null;
        String path = null;
        for (int i = 0; args != null && args.isArray() && i < args.size() && network == null; i++) {
            String at = kind + ".args[" + i + "]";
            JsonNode arg = args.get(i);
            JsonNode sock = f.object(arg, "sock_arg", at + ".sock_arg");
            JsonNode sockaddr = f.object(arg, "sockaddr_arg", at + ".sockaddr_arg");
            if (sock != null) {
                network = socket(sock, at + ".sock_arg", function, f);
            } else if (sockaddr != null) {
                network = new Event.Network("outbound", null, null, null, f.text(sockaddr, "addr", at + ".sockaddr_arg.addr"),
                        f.port(sockaddr, "port", at + ".sockaddr_arg.port"), null, null, null);
            } else if (path == null) {
                path = filePath(arg, at, f);
            }
        }
        String hash = f.text(event, "ima_hash", kind + ".ima_hash");
        if (f.hasProblems()) {
            return f.rejected();
        }
        String what = kind + (function == null ? "" : " " + function);
        if (network != null) {
            if (network.dstIp() == null) {
                f.required(kind + ".args", "required: the socket's destination address");
                return f.rejected();
            }
            return Mapped.of(with(base, EventType.NETWORK, network, null));
        }
        if (hash != null && path != null) {
            String sha = f.sha256(hash.startsWith("sha256:") ? hash.substring("sha256:".length()) : hash, kind + ".ima_hash");
            if (sha == null) {
                return f.rejected();
            }
            return Mapped.of(with(base, EventType.MODULE, null, new Event.Module(path, sha)));
        }
        return Mapped.ignored(what + ": neither a socket (sock_arg, sockaddr_arg) nor a file with its ima_hash;"
                + " only connections and hashed loads are mapped");
    }

    private static Event.Network socket(JsonNode sock, String at, String function, NodeFields f) {
        boolean inbound = function != null && function.contains("accept");
        String saddr = f.text(sock, "saddr", at + ".saddr");
        Integer sport = f.port(sock, "sport", at + ".sport");
        String daddr = f.text(sock, "daddr", at + ".daddr");
        Integer dport = f.port(sock, "dport", at + ".dport");
        String protocol = protocol(f.text(sock, "protocol", at + ".protocol"));
        // an accepted socket's source is the local end: the peer is its daddr
        return inbound ? new Event.Network("inbound", protocol, daddr, dport, saddr, sport, null, null, null)
                : new Event.Network("outbound", protocol, saddr, sport, daddr, dport, null, null, null);
    }

    private static String filePath(JsonNode arg, String at, NodeFields f) {
        for (String kind : List.of("file_arg", "path_arg", "linux_binprm_arg")) {
            JsonNode file = f.object(arg, kind, at + "." + kind);
            if (file != null) {
                return f.text(file, "path", at + "." + kind + ".path");
            }
        }
        return null;
    }

    /** {@code TCP}, {@code IPPROTO_TCP} → {@code tcp}. */
    private static String protocol(String protocol) {
        if (protocol == null) {
            return null;
        }
        String p = protocol.toLowerCase(Locale.ROOT);
        return p.startsWith("ipproto_") ? p.substring("ipproto_".length()) : p;
    }

    private static Event with(Event e, EventType type, Event.Network network, Event.Module module) {
        return new Event(e.id(), e.agentId(), e.time(), type, e.process(), e.container(), network, module, null, null, null);
    }
}
