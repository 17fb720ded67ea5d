package io.driftwatch.event;

import java.util.regex.Pattern;

/**
 * One line of an analyst-edited allowlist under {@code rules/allowlists/}: a behaviour that is expected even
 * though an agent's baseline has not seen it. {@code group} is {@code *} (every agent) or an agent group.
 * Values: lineage {@code parent -> child} (globs allowed); module: a sha256; destination: a domain (globs
 * allowed, {@code *.example.com}) or an IPv4 CIDR; api-operation: {@code principal operation} (globs allowed).
 */
public final class AllowEntry {

    public static final String EVERY_AGENT = "*";

    private final BehaviourKind kind;
    private final String value;
    private final String group;
    private final String reason;
    private final String source;
    private final Pattern glob;
    private final Cidr cidr;

    public AllowEntry(BehaviourKind kind, String value, String group, String reason, String source) {
        this.kind = kind;
        this.value = value;
        this.group = group == null ? EVERY_AGENT : group;
        this.reason = reason;
        this.source = source;
        this.cidr = kind == BehaviourKind.DESTINATION ? Cidr.parse(value) : null;
        this.glob = kind == BehaviourKind.MODULE ? null : globToRegex(value);
    }

    public BehaviourKind getKind() { return kind; }
    public String getValue() { return value; }
    public String getGroup() { return group; }
    public String getReason() { return reason; }
    /** The file this entry came from. */
    public String getSource() { return source; }

    /** True when this entry covers the novelty's behaviour on the novelty's agent. */
    public boolean allows(Novelty n) {
        if (n.getKind() != kind || !(EVERY_AGENT.equals(group) || n.getGroups().contains(group))) {
            return false;
        }
        return switch (kind) {
            case MODULE -> n.getEvent().module() != null && value.equalsIgnoreCase(n.getEvent().module().sha256());
            case DESTINATION -> allowsDestination(n.getEvent());
            case LINEAGE, API_OPERATION -> glob.matcher(n.getKey()).matches();
        };
    }

    private boolean allowsDestination(Event e) {
        Event.Network net = e.network();
        if (net == null) {
            return false;
        }
        if (cidr != null) {
            return cidr.contains(net.dstIp());
        }
        return net.dstDomain() != null && glob.matcher(net.dstDomain().toLowerCase()).matches();
    }

    private static Pattern globToRegex(String glob) {
        StringBuilder re = new StringBuilder();
        for (String part : glob.split("\\*", -1)) {
            if (!re.isEmpty()) {
                re.append(".*");
            }
            re.append(Pattern.quote(part));
        }
        return Pattern.compile(re.toString());
    }

    @Override
    public String toString() {
        return "AllowEntry[" + kind.json() + " " + value + " group=" + group + "]";
    }
}
