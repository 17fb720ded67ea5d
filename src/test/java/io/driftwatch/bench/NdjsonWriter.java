package io.driftwatch.bench;

import java.util.List;
import java.util.Map;

import io.driftwatch.event.Event;

/** Writes an {@link Event} as one line of the event contract (POST /events, NDJSON); null fields are left out. */
final class NdjsonWriter {

    private NdjsonWriter() {
    }

    static void append(StringBuilder sb, Event e) {
        sb.append('{');
        Fields f = new Fields(sb);
        f.string("id", e.id());
        f.string("agentId", e.agentId());
        f.string("time", e.time() == null ? null : e.time().toString());
        f.string("type", e.type() == null ? null : e.type().json());
        if (e.process() != null) {
            Event.Process p = e.process();
            Fields o = f.object("process");
            o.string("exe", p.exe());
            o.strings("args", p.args());
            o.number("pid", p.pid());
            o.string("user", p.user());
            if (p.parent() != null) {
                Fields parent = o.object("parent");
                parent.string("exe", p.parent().exe());
                parent.number("pid", p.parent().pid());
                parent.end();
            }
            o.strings("ancestry", p.ancestry());
            o.end();
        }
        if (e.container() != null) {
            Fields o = f.object("container");
            o.string("id", e.container().id());
            o.string("image", e.container().image());
            o.string("imageDigest", e.container().imageDigest());
            o.end();
        }
        if (e.network() != null) {
            Event.Network n = e.network();
            Fields o = f.object("network");
            o.string("direction", n.direction());
            o.string("protocol", n.protocol());
            o.string("srcIp", n.srcIp());
            o.number("srcPort", n.srcPort());
            o.string("dstIp", n.dstIp());
            o.number("dstPort", n.dstPort());
            o.string("dstDomain", n.dstDomain());
            o.number("bytesOut", n.bytesOut());
            o.number("bytesIn", n.bytesIn());
            o.end();
        }
        if (e.module() != null) {
            Fields o = f.object("module");
            o.string("path", e.module().path());
            o.string("sha256", e.module().sha256());
            o.end();
        }
        if (e.api() != null) {
            Event.Api a = e.api();
            Fields o = f.object("api");
            o.string("principal", a.principal());
            o.string("operation", a.operation());
            o.string("resource", a.resource());
            o.string("sourceIp", a.sourceIp());
            o.string("outcome", a.outcome());
            o.end();
        }
        if (e.resource() != null) {
            Event.Resource r = e.resource();
            Fields o = f.object("resource");
            o.number("cpuCores", r.cpuCores());
            o.number("memoryBytes", r.memoryBytes());
            o.number("netTxBytes", r.netTxBytes());
            o.number("netRxBytes", r.netRxBytes());
            o.number("intervalSeconds", r.intervalSeconds());
            o.end();
        }
        if (e.config() != null) {
            Event.Config c = e.config();
            Fields o = f.object("config");
            o.string("kind", c.kind());
            o.string("id", c.id());
            o.string("change", c.change());
            o.value("before", c.before());
            o.value("after", c.after());
            o.string("actor", c.actor());
            o.end();
        }
        sb.append("}\n");
    }

    /** The members of one JSON object being written. */
    private static final class Fields {
        private final StringBuilder sb;
        private boolean first = true;

        Fields(StringBuilder sb) {
            this.sb = sb;
        }

        void string(String name, String value) {
            if (value != null) {
                name(name);
                quote(sb, value);
            }
        }

        void number(String name, Number value) {
            if (value != null) {
                name(name);
                sb.append(value);
            }
        }

        void strings(String name, List<String> values) {
            if (values != null) {
                name(name);
                writeValue(sb, values);
            }
        }

        void value(String name, Object value) {
            if (value != null) {
                name(name);
                writeValue(sb, value);
            }
        }

        Fields object(String name) {
            name(name);
            sb.append('{');
            return new Fields(sb);
        }

        void end() {
            sb.append('}');
        }

        private void name(String name) {
            if (!first) {
                sb.append(',');
            }
            first = false;
            sb.append('"').append(name).append("\":");
        }
    }

    private static void writeValue(StringBuilder sb, Object v) {
        if (v == null) {
            sb.append("null");
        } else if (v instanceof String s) {
            quote(sb, s);
        } else if (v instanceof Number || v instanceof Boolean) {
            sb.append(v);
        } else if (v instanceof Map<?, ?> m) {
            sb.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> entry : m.entrySet()) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                quote(sb, String.valueOf(entry.getKey()));
                sb.append(':');
                writeValue(sb, entry.getValue());
            }
            sb.append('}');
        } else if (v instanceof Iterable<?> list) {
            sb.append('[');
            boolean first = true;
            for (Object item : list) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                writeValue(sb, item);
            }
            sb.append(']');
        } else {
            quote(sb, v.toString());
        }
    }

    static void quote(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
