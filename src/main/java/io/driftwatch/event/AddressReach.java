package io.driftwatch.event;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * How far a source range in a firewall rule reaches. Judged by prefix length as much as by address class,
 * because real (and anonymised) logs carry ranges like {@code 208.236.235.254/0}: the prefix, not the address,
 * says it is the whole internet. Only a range wholly inside a private block is private.
 */
final class AddressReach {

    static final String INTERNET = "internet";
    static final String PUBLIC_RANGE = "public-range";
    static final String PUBLIC_HOST = "public-host";
    static final String PRIVATE = "private";
    static final String UNKNOWN = "unknown";

    /** Prefixes at or below these lengths are "the internet" for practical purposes (a /8 is 16M hosts). */
    private static final int IPV4_INTERNET_PREFIX = 8;
    private static final int IPV6_INTERNET_PREFIX = 16;
    /** Narrower than these a public range is a few hosts (an office, a VPN egress). */
    private static final int IPV4_HOST_PREFIX = 24;
    private static final int IPV6_HOST_PREFIX = 56;

    private AddressReach() {
    }

    static String of(String cidr) {
        if (cidr == null || cidr.isBlank()) {
            return UNKNOWN;
        }
        int slash = cidr.indexOf('/');
        String address = slash < 0 ? cidr.trim() : cidr.substring(0, slash).trim();
        boolean v6 = address.contains(":");
        int prefix;
        try {
            prefix = slash < 0 ? (v6 ? 128 : 32) : Integer.parseInt(cidr.substring(slash + 1).trim());
        } catch (NumberFormatException e) {
            return UNKNOWN;
        }
        if (prefix < 0 || prefix > (v6 ? 128 : 32)) {
            return UNKNOWN;
        }
        byte[] bytes = parse(address, v6);
        if (bytes == null) {
            return UNKNOWN;
        }
        if (isPrivate(bytes, prefix)) {
            return PRIVATE; // the whole range lies in a private block, however wide
        }
        if (prefix <= (v6 ? IPV6_INTERNET_PREFIX : IPV4_INTERNET_PREFIX)) {
            return INTERNET;
        }
        return prefix < (v6 ? IPV6_HOST_PREFIX : IPV4_HOST_PREFIX) ? PUBLIC_RANGE : PUBLIC_HOST;
    }

    private static byte[] parse(String address, boolean v6) {
        if (!v6) {
            long value = Cidr.ipv4(address);
            return value < 0 ? null : BigInteger.valueOf(value | (1L << 32)).toByteArray(); // 5 bytes, first is 1
        }
        if (!address.matches("[0-9a-fA-F:.]+")) {
            return null; // never let InetAddress resolve a host name
        }
        try {
            return InetAddress.getByName(address).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** Inside RFC 1918, CGNAT, loopback, link-local (v4), or ULA, link-local, loopback (v6), for the whole range. */
    private static boolean isPrivate(byte[] bytes, int prefix) {
        if (bytes.length == 5) {
            int a = bytes[1] & 0xff;
            int b = bytes[2] & 0xff;
            return (a == 10 && prefix >= 8) || (a == 172 && (b & 0xf0) == 16 && prefix >= 12)
                    || (a == 192 && b == 168 && prefix >= 16) || (a == 100 && (b & 0xc0) == 64 && prefix >= 10)
                    || (a == 127 && prefix >= 8) || (a == 169 && b == 254 && prefix >= 16);
        }
        int first = bytes[0] & 0xff;
        int second = bytes[1] & 0xff;
        boolean loopback = prefix == 128 && new BigInteger(1, bytes).equals(BigInteger.ONE);
        return ((first & 0xfe) == 0xfc && prefix >= 7) || (first == 0xfe && (second & 0xc0) == 0x80 && prefix >= 10)
                || loopback;
    }
}
