package io.driftwatch.event;

/** An IPv4 network, for allowlists and exposure checks. */
public record Cidr(int network, int prefix) {

    /** Parses {@code a.b.c.d/n} or a bare address (/32); null when it is not IPv4 CIDR notation. */
    public static Cidr parse(String text) {
        if (text == null) {
            return null;
        }
        int slash = text.indexOf('/');
        int prefix = 32;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(text.substring(slash + 1));
            } catch (NumberFormatException e) {
                return null;
            }
            if (prefix < 0 || prefix > 32) {
                return null;
            }
        }
        long address = ipv4(slash >= 0 ? text.substring(0, slash) : text);
        if (address < 0) {
            return null;
        }
        return new Cidr((int) address & mask(prefix), prefix);
    }

    public boolean contains(String ip) {
        long address = ipv4(ip);
        return address >= 0 && (((int) address) & mask(prefix)) == network;
    }

    private static int mask(int prefix) {
        return prefix == 0 ? 0 : -1 << (32 - prefix);
    }

    /** The address as an unsigned 32-bit value, or -1 when the text is not a dotted IPv4 address. */
    public static long ipv4(String text) {
        if (text == null) {
            return -1;
        }
        long value = 0;
        int octets = 0;
        int current = -1;
        for (int i = 0; i <= text.length(); i++) {
            char c = i < text.length() ? text.charAt(i) : '.';
            if (c == '.') {
                if (current < 0 || current > 255) {
                    return -1;
                }
                value = (value << 8) | current;
                octets++;
                current = -1;
            } else if (c >= '0' && c <= '9') {
                current = current < 0 ? c - '0' : current * 10 + (c - '0');
                if (current > 255) {
                    return -1;
                }
            } else {
                return -1;
            }
        }
        return octets == 4 ? value : -1;
    }
}
