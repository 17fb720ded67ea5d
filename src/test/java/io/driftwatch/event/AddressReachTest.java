package io.driftwatch.event;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Firewall source ranges judged by prefix length and address class. */
class AddressReachTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "0.0.0.0/0, internet",
            "208.236.235.254/0, internet",
            "10.1.2.3/0, internet",
            "64.0.0.0/2, internet",
            "10.0.0.0/8, private",
            "10.20.0.0/16, private",
            "172.16.0.0/12, private",
            "172.32.0.0/16, public-range",
            "192.168.1.0/24, private",
            "100.64.0.0/10, private",
            "203.0.113.0/20, public-range",
            "203.0.113.7/32, public-host",
            "203.0.113.7, public-host",
            "::/0, internet",
            "2001:db8::/32, public-range",
            "2001:db8::1/128, public-host",
            "fd00:1::/64, private",
            "fe80::/64, private",
            "not-an-address/8, unknown",
            "example.com/24, unknown",
            "10.0.0.0/33, unknown",
            "'', unknown"})
    void reach(String cidr, String reach) {
        assertEquals(reach, AddressReach.of(cidr));
    }
}
