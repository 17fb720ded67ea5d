package io.driftwatch.baseline;

import java.util.Locale;

import io.driftwatch.event.Cidr;
import io.driftwatch.event.Event;

/** How an event's behaviour is written as a key: the identity a baseline learns and an analyst accepts. */
public final class BehaviourKeys {

    /** Keys longer than this are cut and suffixed with a hash, so one hostile event cannot bloat a baseline. */
    static final int MAX_KEY_LENGTH = 1024;
    static final String UNKNOWN = "?";

    private BehaviourKeys() {
    }

    public static String lineage(Event.Process p) {
        String parent = p.parentExe() == null ? UNKNOWN : p.parentExe();
        return bounded(parent + " -> " + p.exe());
    }

    /** The domain when the feed names one (a new IP behind a known name is not new), else the network. */
    public static String destination(Event.Network n) {
        if (n.dstDomain() != null && !n.dstDomain().isBlank()) {
            String d = n.dstDomain().toLowerCase(Locale.ROOT);
            return bounded(d.endsWith(".") ? d.substring(0, d.length() - 1) : d);
        }
        return bounded(network(n.dstIp()));
    }

    /** IPv4 /24 or IPv6 /64: cloud providers rotate addresses inside such ranges. */
    public static String network(String ip) {
        long v4 = Cidr.ipv4(ip);
        if (v4 >= 0) {
            return ((v4 >> 24) & 255) + "." + ((v4 >> 16) & 255) + "." + ((v4 >> 8) & 255) + ".0/24";
        }
        String[] groups = ip.toLowerCase(Locale.ROOT).split(":", -1);
        if (groups.length >= 3 && !ip.contains("::")) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < Math.min(4, groups.length); i++) {
                sb.append(groups[i]).append(':');
            }
            return sb.append(":/64").toString();
        }
        return ip.toLowerCase(Locale.ROOT);
    }

    public static String module(Event e) {
        String exe = e.exe() == null ? UNKNOWN : e.exe();
        return bounded(exe + " loads " + e.module().sha256());
    }

    public static String apiOperation(Event.Api a) {
        return bounded(a.principal() + " " + a.operation());
    }

    static String bounded(String key) {
        if (key.length() <= MAX_KEY_LENGTH) {
            return key;
        }
        return key.substring(0, MAX_KEY_LENGTH - 10) + "…#" + Integer.toHexString(key.hashCode());
    }
}
