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

    /** Private IPv4 blocks (RFC 1918, CGNAT, loopback, link-local); a range is private only wholly inside one. */
    private static final java.util.List<Cidr> PRIVATE_V4 = java.util.stream.Stream.of("10.0.0.0/8", "172.16.0.0/12",
            "192.168.0.0/16", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16").map(Cidr::parse).toList();

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
        Boolean isPrivate = v6 ? privateV6(address, prefix) : privateV4(address, prefix);
        if (isPrivate == null) {
            return UNKNOWN;
        }
        if (isPrivate) {
            return PRIVATE; // the whole range lies in a private block, however wide
        }
        if (prefix <= (v6 ? IPV6_INTERNET_PREFIX : IPV4_INTERNET_PREFIX)) {
            return INTERNET;
        }
        return prefix < (v6 ? IPV6_HOST_PREFIX : IPV4_HOST_PREFIX) ? PUBLIC_RANGE : PUBLIC_HOST;
    }

    /** Null when the text is not an IPv4 address. */
    private static Boolean privateV4(String address, int prefix) {
        if (Cidr.ipv4(address) < 0) {
            return null;
        }
        return PRIVATE_V4.stream().anyMatch(block -> prefix >= block.prefix() && block.contains(address));
    }

    /** ULA, link-local or loopback for the whole range; null when the text is not an IPv6 address. */
    private static Boolean privateV6(String address, int prefix) {
        if (!address.matches("[0-9a-fA-F:.]+")) {
            return null; // never let InetAddress resolve a host name
        }
        byte[] bytes;
        try {
            bytes = InetAddress.getByName(address).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
        if (bytes.length != 16) {
            return null;
        }
        int first = bytes[0] & 0xff;
        int second = bytes[1] & 0xff;
        boolean loopback = prefix == 128 && new BigInteger(1, bytes).equals(BigInteger.ONE);
        return ((first & 0xfe) == 0xfc && prefix >= 7) || (first == 0xfe && (second & 0xc0) == 0x80 && prefix >= 10)
                || loopback;
    }
}
